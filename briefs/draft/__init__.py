"""Draft: a first summary of a meeting from its Indonesian news article, for an editor to finish.

Rules and CLDR gazetteers only (no network, no model): dates, place, participants, consensus
points and figures, each extracted item with the exact words of the article it came from.
Every English text is left empty; `briefs check` refuses the draft until an editor writes them.

Intake is its own small pipeline, one module per job: reading (the file) → cleaning (the story
without its noise) → finding (dates, places, people, figures, points) → writing (the YAML)."""

from __future__ import annotations

from .cleaning import Article, Paragraph, parse_article, split_clauses, split_sentences
from .dates import DateMention, MeetingDate, find_dates, find_period, meeting_date, resolve
from .figures import Figure, find_figures
from .memory import Memory
from .people import Participant, find_participants
from .places import countries
from .points import Point, find_points
from .reading import Page, read_article, read_source
from .summary import Context, draft_file, draft_summary
from .writing import ENGLISH_TO_WRITE, Draft, save_draft

__all__ = [
    "ENGLISH_TO_WRITE",
    "Article",
    "Context",
    "DateMention",
    "Draft",
    "Figure",
    "MeetingDate",
    "Memory",
    "Page",
    "Paragraph",
    "Participant",
    "Point",
    "countries",
    "draft_file",
    "draft_summary",
    "find_dates",
    "find_figures",
    "find_participants",
    "find_period",
    "find_points",
    "meeting_date",
    "parse_article",
    "read_article",
    "read_source",
    "resolve",
    "save_draft",
    "split_clauses",
    "split_sentences",
]
