"""briefs: bilingual briefing documents from structured summaries of diplomatic meetings.

The pipeline, one module per stage: loader (load) → validate → i18n (localize) → render →
builders (write) → distribution. build orchestrates; cli is a thin skin over all of it.
"""

__version__ = "0.1.0"
