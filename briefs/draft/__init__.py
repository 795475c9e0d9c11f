"""Draft: a first summary of a meeting from its Indonesian news article, for an editor to finish.

Rules and CLDR gazetteers only (no network, no model): dates, place, participants, consensus
points and figures, each extracted item with the exact words of the article it came from.
Every English text is left empty; `briefs check` refuses the draft until an editor writes them.

Intake is its own small pipeline, one module per job: reading (the file) → cleaning (the story
without its noise) → finding (dates, places, people, figures, points; each finder returns
dataclasses and imports only `words`, `cleaning` and `dates`) → summary (the fields, and a
!check mark on every value the article does not state) → writing (the YAML and the files);
renaming gives a written draft and its article another meeting id."""
