"""Draft: a first summary of a meeting from its Indonesian news article, for an editor to finish.

Rules and CLDR gazetteers only (no network, no model): dates, place, participants, consensus
points and figures, each extracted item with the exact words of the article it came from.
Every English text is left empty; `briefs check` refuses the draft until an editor writes them.

Intake is its own small pipeline, one module per job: reading (the file) → cleaning (the story
without its noise) → finding (dates, places, people, figures, points; each finder returns
dataclasses and imports only `words`, `cleaning` and `dates`) → summary (the fields, and a
!check mark on every value the article does not state) → writing (the YAML and the files);
renaming gives a written draft and its article another meeting id."""

from __future__ import annotations

from briefs.draft.amounts import Equivalent, Figure
from briefs.draft.cleaning import Article, Paragraph, parse_article
from briefs.draft.dates import DateMention, find_dates, find_period, resolve
from briefs.draft.figures import article_figures, find_figures
from briefs.draft.meeting_dates import MeetingDate, meeting_date
from briefs.draft.memory import Memory
from briefs.draft.people import Participant, find_participants
from briefs.draft.places import Place, find_place
from briefs.draft.points import Point, find_points
from briefs.draft.reading import Page, read_article, read_source
from briefs.draft.renaming import rename_draft
from briefs.draft.sentences import split_clauses, split_sentences
from briefs.draft.summary import Context, draft_file, draft_summary
from briefs.draft.words import cldr_city_countries, countries
from briefs.draft.writing import ENGLISH_TO_WRITE, Draft, save_draft

__all__ = [
    "ENGLISH_TO_WRITE",
    "Article",
    "Context",
    "DateMention",
    "Draft",
    "Equivalent",
    "Figure",
    "MeetingDate",
    "Memory",
    "Page",
    "Paragraph",
    "Participant",
    "Place",
    "Point",
    "article_figures",
    "cldr_city_countries",
    "countries",
    "draft_file",
    "draft_summary",
    "find_dates",
    "find_figures",
    "find_participants",
    "find_period",
    "find_place",
    "find_points",
    "meeting_date",
    "parse_article",
    "read_article",
    "read_source",
    "rename_draft",
    "resolve",
    "save_draft",
    "split_clauses",
    "split_sentences",
]
