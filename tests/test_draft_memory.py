"""`briefs draft`, translation memory: English where the project's summaries or CLDR know it."""

from __future__ import annotations

from briefs.check.validate import load_summaries
from briefs.draft.memory import Memory
from briefs.draft.summary import DraftContext
from briefs.project import open_project

from .conftest import ROOT


def memory() -> Memory:
    project = open_project(ROOT)
    return Memory.from_meetings(d.meeting for d in load_summaries(project).documents)


def test_short_texts_the_summaries_translate_are_filled_prose_is_not():
    summary = {
        "title": {"id": "Menteri Luar Negeri", "en": ""},  # prose, however short
        "place": {
            "city": {"id": "Moskwa", "en": ""},
            "venue": {"id": "Aula Besar Rakyat", "en": ""},
        },
        "participants": [{"office": {"id": "Menteri Luar Negeri", "en": ""}}],
        "figures": [
            {"noun": {"id": "negara", "en": ""}, "label": {"id": "Tidak dikenal", "en": ""}}
        ],
    }
    assert memory().fill(summary) == 4
    assert summary["participants"][0]["office"]["en"] == "Minister of Foreign Affairs"
    assert summary["place"]["city"]["en"] == "Moscow"  # CLDR's exemplar city
    assert summary["place"]["venue"]["en"] == "Great Hall of the People"
    assert summary["figures"][0]["noun"]["en"] == "countries"
    assert summary["title"]["en"] == "" and summary["figures"][0]["label"]["en"] == ""


def test_the_context_of_a_project_knows_its_people_cities_and_latest_year():
    context = DraftContext.of_project(open_project(ROOT))
    assert context.latest_year == 2024
    assert context.memory.people["Wang Yi"] == "CN"
    assert context.memory.cities["Astana"] == "KZ"
