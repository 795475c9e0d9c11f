"""The one gazetteer: every named thing a summary may name, with all its names, and the country
of each country name and city.

From CLDR through Babel: territories and regions in Indonesian and English, the exemplar city of
every time zone with its country. From the press (briefs/language/press.py): its spellings of countries.
From briefs/data/vocabulary.yaml (shipped with briefs): offices, ministries, councils, summits,
regions of a country, their press abbreviations (Menlu, Kemlu, KTT, PM, Wapres), and cities that
CLDR names no time zone after (Beijing, Astana, Chengdu) with their country. A project adds its
sources/glossary.yaml, and a summary its own city, venue and offices (`with_names`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from briefs.language.press import PRESS_COUNTRIES

VOCABULARY_PATH = Path(__file__).parent.parent / "data" / "vocabulary.yaml"

VIDEO = re.compile(
    r"konferensi\s+video|video\s*conference|secara\s+(?:virtual|daring|online)|\bdaring\b|"
    r"melalui\s+(?:tautan\s+)?video|pertemuan\s+virtual|\bvirtual\b|\bonline\b"
    r"|\b(?:pertemuan|rapat|KTT|konferensi|sidang|dialog)\s+(?:\w+\s+){0,2}(?:online|virtual)\b",
    re.I,
)
"""The words that say a meeting was held by video (the one pattern drafts and checks use)."""

Role = Literal["head-of-state", "head-of-government", "foreign-minister", "minister", "leader"]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Office(_Entry):
    """An office in both languages, with what it makes of a meeting."""

    id: list[str] = Field(min_length=1)
    en: list[str] = Field(min_length=1)
    role: Role


class NamePair(_Entry):
    """An institution or a region in both languages."""

    id: list[str] = Field(min_length=1)
    en: list[str] = Field(min_length=1)


class City(_Entry):
    """A city by all its names, and its country (ISO 3166 alpha-2)."""

    names: list[str] = Field(min_length=1)
    country: str


class Leader(_Entry):
    """A head of state or government or a foreign minister: the spellings of their name, their
    country, their office in Indonesian, and the years of their term."""

    names: list[str] = Field(min_length=1)
    country: str
    office: str
    since: int
    until: int | None = None


class ShippedVocabulary(_Entry):
    """briefs/data/vocabulary.yaml."""

    offices: list[Office] = []
    institutions: list[NamePair] = []
    meetings: list[NamePair] = []
    """The words for kinds of meeting (titles write them in lower case)."""
    regions: list[NamePair] = []
    cities: list[City] = []
    words: list[NamePair] = []
    """Content words of the briefs' subjects, each with its twins (lower case)."""
    people: list[Leader] = []
    """The region's leaders and foreign ministers, for a name a page gives without a country."""


@cache
def vocabulary() -> ShippedVocabulary:
    """The shipped vocabulary of offices, institutions, regions and cities."""
    from briefs.errors import SourceError
    from briefs.read.loader import parse_file

    parsed = parse_file(
        VOCABULARY_PATH, ShippedVocabulary, what="a vocabulary", fields="(offices, ...)"
    )
    if isinstance(parsed, list):
        raise SourceError(parsed)
    value = parsed.value
    assert isinstance(value, ShippedVocabulary)
    return value


@cache
def known_leaders() -> dict[str, str]:
    """Each spelling of a shipped leader's name -> their country (ISO 3166 alpha-2)."""
    return {name: leader.country for leader in vocabulary().people for name in leader.names}


def leaders_in_office(year: int) -> dict[str, str]:
    """Each spelling of the name of a shipped leader in office in that year -> their office."""
    return {
        name: leader.office
        for leader in vocabulary().people
        if leader.since <= year <= (leader.until or year)
        for name in leader.names
    }


# A name ends where a word does, or before a possessive 's (China's); not inside Xi'an.
END = r"(?!\w)(?!['’](?!s\b)\w)"
_ACRONYM = re.compile(r"[A-Z0-9]*[A-Z][A-Z0-9]*")


def is_acronym(word: str) -> bool:
    """WHO, G20, KTT: two or more characters, capitals (and digits) only."""
    return len(word) > 1 and _ACRONYM.fullmatch(word) is not None


@cache
def name_pattern(name: str, fold: bool = False) -> re.Pattern[str]:
    """A name as a whole word (in any case with fold)."""
    return re.compile(rf"(?<![\w'’]){re.escape(name)}{END}", re.I if fold else 0)


@dataclass(frozen=True)
class Gazetteer:
    """Named things and all their names, and the country of each name that has one."""

    entities: tuple[frozenset[str], ...]
    countries: tuple[tuple[str, str], ...] = field(default=())
    """(name, ISO code): country names and cities, each with its country."""

    @cached_property
    def _index(self) -> dict[str, frozenset[str]]:
        return {name: entity for entity in self.entities for name in entity}

    @cached_property
    def _country_of(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for name, code in self.countries:
            found.setdefault(name, code)
        return found

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Any name, the longest first (a longer name wins: 'Asia Tengah' before 'Asia')."""
        names = sorted(self._index, key=lambda n: (-len(n), n))
        return re.compile(rf"(?<![\w'’])(?:{'|'.join(map(re.escape, names))}){END}")

    @cached_property
    def _country_pattern(self) -> re.Pattern[str]:
        names = sorted(
            (n for n in self._country_of if n in _names_of_countries()),
            key=lambda n: (-len(n), n),
        )
        return re.compile(rf"(?<![\w'’-])(?:{'|'.join(map(re.escape, names))}){END}")

    def entity(self, name: str) -> frozenset[str]:
        """All the names of what name names (just name, when unknown)."""
        return self._index.get(name, frozenset({name}))

    def country_of(self, name: str) -> str | None:
        """The ISO code of a country name ('Tiongkok', 'Kazakstan') or of a city's country
        ('Chengdu', 'Almaty'), under any of its names; None when unknown."""
        for alias in (name, *sorted(self.entity(name))):
            code = self._country_of.get(alias)
            if code is not None:
                return code
        return None

    def is_country(self, name: str) -> bool:
        """Does name name a country (not a city)?"""
        return any(a in _names_of_countries() for a in (name, *self.entity(name)))

    def countries_in(self, text: str) -> list[tuple[int, str]]:
        """The countries text names, with where: [(offset, ISO code)]."""
        found = []
        for match in self._country_pattern.finditer(text):
            code = self._country_of[match.group()]
            found.append((match.start(), code))
        return found

    def carries(self, name: str, text: str) -> bool:
        """Does text name what name names, under any of its names? Acronyms as written, other
        names in any case (a title writes 'Pertemuan Menteri Luar Negeri', an article not)."""
        return any(
            name_pattern(alias, not is_acronym(alias)).search(text) for alias in self.entity(name)
        )

    def with_names(self, groups: Iterable[Iterable[str]]) -> Gazetteer:
        """This gazetteer and more groups of names for one thing each, merged where they share
        a name (Tiongkok is China is Chinese)."""
        merged: list[set[str]] = [set(e) for e in self.entities]
        for group in groups:
            # A name starts with a capital (or a digit): 'kota' or a draft's placeholder is none.
            new = {g for g in group if g[:1].isupper() or g[:1].isdigit()}
            if not new:
                continue
            touching = [e for e in merged if e & new]
            for e in touching:
                merged.remove(e)
                new |= e
            merged.append(new)
        return Gazetteer(tuple(frozenset(e) for e in merged), self.countries)


@cache
def _territory_codes() -> frozenset[str]:
    from briefs.summary.fields import country_codes

    return country_codes()


@cache
def country_names() -> dict[str, str]:
    """The one table of countries by name: CLDR's names in English and Indonesian of every
    country a summary accepts, and the press's spellings (Kirgistan, RRT) -> ISO code."""
    from babel import Locale

    names: dict[str, str] = {}
    for language in ("en", "id"):
        for code, name in Locale(language).territories.items():
            if code in _territory_codes():
                names[str(name)] = code
    names.update(PRESS_COUNTRIES)
    return names


@cache
def country_name(code: str, language: str = "en") -> str:
    """A country's CLDR name in a language ('KZ': 'Kazakhstan'), the code where CLDR has none."""
    from babel import Locale

    return str(Locale(language).territories.get(code, code))


@cache
def _names_of_countries() -> frozenset[str]:
    return frozenset(country_names())


class _Zone(dt.tzinfo):
    """A time zone by its name alone: all get_timezone_location needs to name the zone's city.
    Given the name as a string, Babel loads the zone's transitions from pytz first (0.17 s for
    CLDR's 400 zones, in every process that checks a summary), to read the name back."""

    def __init__(self, zone: str):
        self.zone = zone

    def utcoffset(self, when: dt.datetime | None) -> None:
        return None  # unknown: the name is all there is

    def dst(self, when: dt.datetime | None) -> None:
        return None

    def tzname(self, when: dt.datetime | None) -> str:
        return self.zone


def _demonyms(code: str, name: str) -> set[str]:
    """The English adjectives of a country that CLDR gives as the name of its own language
    ('Turkmen' for Turkmenistan, 'Kazakh', 'Uzbek', 'Chinese'): an official language's name
    that shares the country name's first four letters."""
    from babel import Locale
    from babel.languages import get_official_languages

    english = Locale("en").languages
    found = set()
    for language in get_official_languages(code, de_facto=True):
        adjective = str(english.get(language.split("_")[0], ""))
        if adjective and len(adjective) >= 4 and adjective[:4] == name[:4] and " " not in adjective:
            found.add(adjective)
    return found


@cache
def cldr_city_countries() -> dict[str, str]:
    """City name (Indonesian and English, as CLDR's time zones name them) -> its country."""
    from babel.core import get_global
    from babel.dates import get_timezone_location

    found: dict[str, str] = {}
    for zone, territory in get_global("zone_territories").items():
        if "/" not in zone or zone.startswith(("Etc/", "SystemV/", "US/")):
            continue
        for language in ("id", "en"):
            try:
                city = get_timezone_location(_Zone(zone), language, return_city=True)
            except (LookupError, ValueError):
                continue
            found.setdefault(city, territory)
    return found


@cache
def cldr_gazetteer() -> Gazetteer:
    """Countries, regions (Asia Tengah, Perserikatan Bangsa-Bangsa) and exemplar cities of CLDR,
    in Indonesian and English, with the press's spellings and the shipped vocabulary."""
    from babel import Locale
    from babel.core import get_global
    from babel.dates import get_timezone_location

    indonesian, english = Locale("id"), Locale("en")
    groups: list[set[str]] = []
    countries: list[tuple[str, str]] = []
    named: dict[str, set[str]] = {}  # the one table of countries by name, by country
    for country, code in country_names().items():
        named.setdefault(code, set()).add(country)
    for code, name in english.territories.items():
        if code in ("ZZ", "001") or (
            len(code) == 2 and code not in _territory_codes() and code not in ("UN", "EU")
        ):
            continue
        if code in named:
            names = named[code]
            countries += [(n, code) for n in names]
        else:  # a region or grouping: Asia Tengah, Perserikatan Bangsa-Bangsa
            names = {str(name), str(indonesian.territories.get(code, name))}
        groups.append(names | _demonyms(code, str(name)))
    for zone, code in sorted(get_global("zone_territories").items()):
        if "/" not in zone or zone.startswith(("Etc/", "SystemV/", "US/")) or code == "001":
            continue
        names = {
            get_timezone_location(_Zone(zone), language, return_city=True)
            for language in ("id", "en")
        }
        groups.append(names)
        countries += [(n, code) for n in names]
    shipped = vocabulary()
    for city in shipped.cities:
        groups.append(set(city.names))
        countries += [(n, city.country) for n in city.names]
    for office in shipped.offices:
        groups.append(set(office.id) | set(office.en))
    for term in (*shipped.institutions, *shipped.regions):
        groups.append(set(term.id) | set(term.en))
    return Gazetteer((), tuple(countries)).with_names(groups)


@cache
def offices() -> dict[str, Office]:
    """Every Indonesian and English name of a shipped office, lower case -> the office."""
    return {
        name.lower(): office for office in vocabulary().offices for name in (*office.id, *office.en)
    }


def office_twins(indonesian: str) -> set[str]:
    """The English names of an Indonesian office, through the shipped vocabulary, lower case:
    'Wakil Perdana Menteri dan Menteri Luar Negeri' -> 'deputy prime minister and minister of
    foreign affairs', 'deputy prime minister and foreign minister' ..."""
    parts = [p.strip() for p in re.split(r"\s+dan\s+|\s*,\s*", indonesian) if p.strip()]
    results = {""}
    for part in parts:
        office = offices().get(part.lower())
        if office is None or part.lower() not in (n.lower() for n in office.id):
            return set()
        results = {
            f"{done} and {name.lower()}" if done else name.lower()
            for done in results
            for name in office.en
        }
    return results


def role_of(indonesian: str) -> set[Role]:
    """The roles of an Indonesian office (each part of 'A dan B')."""
    parts = [p.strip().lower() for p in re.split(r"\s+dan\s+|\s*,\s*", indonesian)]
    return {offices()[p].role for p in parts if p in offices()}
