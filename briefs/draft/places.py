"""Places: countries from CLDR and the press, and where the meeting was held."""

from __future__ import annotations

import logging
import re
from functools import cache
from typing import TYPE_CHECKING

from babel import Locale

from ..models import _territories
from .words import _CAP, _alternation
from .writing import _text

if TYPE_CHECKING:
    from .cleaning import Article
    from .people import Participant

log = logging.getLogger(__name__)

PRESS_COUNTRIES = {
    "Tiongkok": "CN",
    "China": "CN",
    "Cina": "CN",
    "Kirgistan": "KG",
    "Kyrgyzstan": "KG",
    "Kazakstan": "KZ",
    "Kirgizstan": "KG",
    "Kirgiztan": "KG",
    "Kirgizia": "KG",
    "Tadjikistan": "TJ",
    "Tajikstan": "TJ",
    "RRT": "CN",
    "RRC": "CN",
    "Tiongkok Daratan": "CN",
    "AS": "US",
}
"""Spellings the Indonesian press uses besides CLDR's names."""


_VIDEO = re.compile(
    r"konferensi\s+video|video\s*conference|secara\s+(?:virtual|daring|online)|\bdaring\b|"
    r"melalui\s+(?:tautan\s+)?video|pertemuan\s+virtual",
    re.I,
)


@cache
def countries() -> dict[str, str]:
    """Country name -> ISO code: CLDR's names in Indonesian and English, and press spellings."""
    names: dict[str, str] = {}
    for language in ("en", "id"):
        for code, name in Locale(language).territories.items():
            if code in _territories():
                names[name] = code
    names.update(PRESS_COUNTRIES)
    return names


@cache
def _country_re() -> str:
    return rf"(?<![\w-])(?:{_alternation(countries())})(?![\w-])"


def find_place(
    article: Article, participants: list[Participant]
) -> tuple[dict, dict[tuple[str, ...], str]]:
    """Online when held by video; else the city where the story puts the meeting ('di Astana,
    Kazakhstan', 'di kota Chengdu'), the dateline's first, with a venue before it ('di Aula Besar
    Rakyat, Beijing'), and the country named after it, or the one visited. Also what is not
    settled, by field: no place at all, or a country the article does not name."""
    unsettled: dict[tuple[str, ...], str] = {}
    if _VIDEO.search(article.body):
        return {"online": True}, unsettled
    country = _country_re()
    city = re.escape(article.dateline) if article.dateline else _CAP
    named = re.compile(
        rf"\bdi\s+(?:(?P<venue>{_CAP}(?:\s+{_CAP}){{1,4}}),\s+)?(?:[Kk]ota\s+)?(?P<city>{city})\b(?!-)"
    )
    found = next(
        (
            (m, s)
            for _, s in article.sentences()
            if (m := named.search(s)) and m.group("city") not in countries()
        ),
        None,
    )
    if found is None and article.dateline is None:
        unsettled[()] = "no place stated: drafted as online; write the city and country"
        return {"online": True}, unsettled
    place: dict = {"city": _text(found[0].group("city") if found else article.dateline)}
    if found and found[0].group("venue"):
        place["venue"] = _text(found[0].group("venue"))
    after = found and re.search(country, found[1][found[0].end() :])
    visited = re.search(rf"\bkunjungan\b[^.]*?\bke\s+({country})", article.body)
    if after:
        place["country"] = countries()[after.group(0)]
    elif visited:
        place["country"] = countries()[visited.group(1)]
    elif participants:
        place["country"] = participants[0].country
        unsettled[("country",)] = (
            f"country not stated: the first participant's ({place['country']})"
        )
    else:
        place["country"] = ""
        unsettled[("country",)] = "country not stated: write its code"
    return place, unsettled
