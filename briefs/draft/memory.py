"""Translation memory: the English the project's summaries already give a short Indonesian text
(an office, a figure's noun or label, a city, a venue), and CLDR's English names of cities.

Only a text seen before, word for word, gets its English: the memory is read from
sources/meetings/ at run time, so a summary an editor finishes teaches the next draft. Prose
(titles, ledes, points) is never filled: it stays empty and marked for the editor."""

from __future__ import annotations

import logging
import zoneinfo
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from briefs.summary.meeting import Meeting

log = logging.getLogger(__name__)

FILLED = (
    ("participants", "office"),
    ("figures", "noun"),
    ("figures", "label"),
    ("figures", "period"),
    ("place", "city"),
    ("place", "venue"),
)
"""Where a draft's short texts are, as (section, field): the only texts the memory fills."""


@cache
def cldr_cities() -> dict[str, str]:
    """Indonesian name -> English name of the cities CLDR knows (its time zones' exemplar
    cities: 'Moskwa' -> 'Moscow', 'Tashkent' -> 'Tashkent')."""
    from babel.dates import get_timezone_location

    cities: dict[str, str] = {}
    for zone in sorted(zoneinfo.available_timezones()):
        if "/" not in zone or zone.startswith(("Etc/", "SystemV/", "US/")):
            continue
        try:
            indonesian = get_timezone_location(zone, "id", return_city=True)
            english = get_timezone_location(zone, "en", return_city=True)
        except (LookupError, ValueError):
            continue
        cities.setdefault(indonesian, english)
    return cities


@dataclass
class Memory:
    """Indonesian text -> its English twin, and person's name -> country, as the project's
    summaries write them."""

    pairs: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)
    cities: dict[str, str] = field(default_factory=dict)
    """City name -> country, as the summaries place their meetings."""
    offices: dict[str, str] = field(default_factory=dict)
    """Person's name -> their (latest) office in Indonesian, as the summaries give it."""

    @classmethod
    def from_meetings(cls, meetings: Iterable[Meeting]) -> Memory:
        """The memory of these summaries: for each Indonesian text, its commonest English."""
        seen: dict[str, Counter[str]] = {}
        people: dict[str, Counter[str]] = {}
        cities: dict[str, str] = {}
        offices: dict[str, str] = {}
        for meeting in sorted(meetings, key=lambda m: m.date):
            data = meeting.model_dump(mode="json")
            place = data.get("place") or {}
            if place.get("city") and place.get("country"):
                cities[place["city"]["id"]] = place["country"]
            for text in _short_texts(data):
                if text.get("id") and text.get("en"):
                    seen.setdefault(text["id"], Counter())[text["en"]] += 1
            for person in data.get("participants", []):
                if person.get("name"):
                    people.setdefault(person["name"], Counter())[person["country"]] += 1
                    offices[person["name"]] = person["office"]["id"]
        return cls(
            {text: english.most_common(1)[0][0] for text, english in seen.items()},
            {name: countries.most_common(1)[0][0] for name, countries in people.items()},
            cities,
            offices,
        )

    def english(self, indonesian: str, *, city: bool = False) -> str | None:
        """The English of a short text, when known: the memory's, or CLDR's for a city."""
        known = self.pairs.get(indonesian)
        if known is None and city:
            known = cldr_cities().get(indonesian)
        return known

    def fill(self, summary: dict[str, Any]) -> int:
        """Fill the English of each short text the memory knows; the number filled."""
        filled = 0
        for text, is_city in _draft_texts(summary):
            if not text.get("en") and (english := self.english(text["id"], city=is_city)):
                text["en"] = english
                filled += 1
        return filled


def _short_texts(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [text for text, _ in _draft_texts(data)]


def _draft_texts(data: dict[str, Any]) -> list[tuple[dict[str, Any], bool]]:
    """The short texts of a summary (see FILLED), each with whether it is a city's name."""
    found = []
    for section, name in FILLED:
        value = data.get(section)
        items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        for item in items:
            text = item.get(name) if isinstance(item, dict) else None
            if isinstance(text, dict) and isinstance(text.get("id"), str):
                found.append((text, name == "city"))
    return found
