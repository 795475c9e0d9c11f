"""`briefs draft`, places: where the meeting was held."""

from __future__ import annotations

import pytest

from briefs.draft import (
    draft_summary,
)

from .conftest import ROOT

ARTICLES = sorted((ROOT / "sources" / "articles").glob("*.txt"))


def test_the_datelines_city_when_the_story_names_no_place():
    text = "Judul\nBeijing, Kantor Berita - Presiden Tiongkok, Xi Jinping, menerima Presiden Kazakhstan, Kassym-Jomart Tokayev, Rabu (11/9/2019).\n"
    draft = draft_summary(text, "a.txt")
    assert draft.summary["place"] == {"city": {"id": "Beijing", "en": ""}, "country": "CN"}
    assert draft.unsettled == {
        ("place", "city"): "the article names no place of the meeting; Beijing is the "
        "dateline's city, where the report was written",
        ("place", "country"): "country not stated with the city: the one the article names "
        "most (CN)",
    }
    assert "  country: !check CN  # to check: country not stated" in draft.to_yaml()


@pytest.mark.parametrize(
    "sentence, place",
    [
        (
            "Para menteri mengadakan konferensi video pada Kamis (16/7/2020) untuk pertama kalinya.",
            {"online": True},
        ),
        (
            "Pertemuan digelar secara virtual pada Kamis (16/7/2020) oleh kedua menteri luar negeri.",
            {"online": True},
        ),
        (
            "Pembicaraan berlangsung di Tashkent, Uzbekistan, pada Kamis (16/7/2020) siang.",
            # CLDR knows Tashkent (an exemplar city of its time zones): its English is filled
            {"city": {"id": "Tashkent", "en": "Tashkent"}, "country": "UZ"},
        ),
        (
            "Pertemuan diadakan pada Kamis (16/7/2020) di kota Xi'an di barat laut Tiongkok.",
            {"city": {"id": "Xi'an", "en": ""}, "country": "CN"},
        ),
    ],
)
def test_place_or_online(sentence, place):
    text = f"Judul\nPresiden Tiongkok, Xi Jinping, dan Presiden Uzbekistan, Shavkat Mirziyoyev, bertemu.\n{sentence}\n"
    assert draft_summary(text, "a.txt").summary["place"] == place
