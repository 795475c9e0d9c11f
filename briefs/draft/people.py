"""People: the participants, each with office and country."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

from .dates import _months, _weekdays
from .places import _country_re, countries
from .words import _NAME
from .writing import _text

log = logging.getLogger(__name__)

# Word patterns of the press, not tables of names: offices, qualifiers, verbs.
_OFFICE_HEAD = (
    r"(?:Wakil\s+)?(?:Presiden|Perdana\s+Menteri|Menlu|Kanselir|Raja|Emir|Sultan|Duta\s+Besar"
    r"|Sekretaris\s+Jenderal|Kepala\s+Negara|Kepala\s+Pemerintahan|Pemimpin"
    r"|Menteri(?:\s+(?!{country})[A-Z][a-z]+){{0,3}})"
)


@dataclass
class Participant:
    """Someone the article names in an office, for a country."""

    country: str
    office: str
    name: str | None = None
    native_name: str | None = None
    position: int = 0

    def handles(self) -> set[str]:
        """The words the article may call them by: each part of their name."""
        return set(self.name.split()) if self.name else set()


@cache
def _participant_res() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    country = _country_re()
    head = _OFFICE_HEAD.format(country=country)
    office = rf"{head}(?:\s+(?:dan|sekaligus)\s+{head})*"
    # Menteri Luar Negeri Tiongkok, Wang Yi / Presiden China Xi Jinping
    office_country_name = re.compile(
        rf"(?P<office>{office})\s+(?P<country>{country}),?\s+(?P<name>{_NAME})(?=\s*[,.(;]|\s+[a-z]|\s*$)"
    )
    # Wang Yi (王毅), Menteri Luar Negeri Tiongkok
    name_office_country = re.compile(
        rf"(?:^|(?<=, )|(?<=\. ))(?P<name>{_NAME})(?:\s*\((?P<native>[^)]+)\))?,\s+"
        rf"(?P<office>{office})\s+(?P<country>{country})(?![\w-])"
    )
    # lima menteri luar negeri dari Kazakhstan (Tileuberdi), Kyrgyzstan (Aidarbekov) ...
    member = rf"{country}(?:\s*\({_NAME}\))?"
    office_from_countries = re.compile(
        rf"(?i:(?P<office>{head}))\s+(?:dari|asal)\s+"
        rf"(?P<list>{member}(?:(?:,\s*(?:dan\s+)?|\s+dan\s+){member})+)"
    )
    item = re.compile(rf"(?P<country>{country})(?:\s*\((?P<name>{_NAME})\))?")
    return office_country_name, name_office_country, office_from_countries, item


def _office(text: str) -> str:
    """An office as a title: 'menteri luar negeri' -> 'Menteri Luar Negeri'; Menlu spelled out."""
    words = re.sub(r"\bMenlu\b", "Menteri Luar Negeri", " ".join(text.split()), flags=re.I).split()
    return " ".join(w if w == "dan" else w[:1].upper() + w[1:] for w in words)


def _plain_name(name: str) -> str | None:
    """A person's name, cut before any word that is a weekday, month or office, or None."""
    kept = []
    for word in name.split():
        if word.lower() in _weekdays() or word.lower() in _months() or word in countries():
            break
        if re.fullmatch(r"Presiden|Menteri|Wakil|Perdana|Menlu|Pemimpin", word):
            break
        kept.append(word)
    return " ".join(kept) or None


def find_participants(body: str) -> list[Participant]:
    """The people the article names with their office and country, in order of appearance."""
    office_country_name, name_office_country, office_from_countries, item = _participant_res()
    found: list[Participant] = []
    taken: list[tuple[int, int]] = []
    for pattern in (office_country_name, name_office_country):
        for m in pattern.finditer(body):
            name = _plain_name(m.group("name"))
            # "..., Murat Nurtleu, Menteri Luar Negeri Kirgistan, ...": a name already read as
            # the one after an office is not also the one before the next office.
            if any(a <= m.start("name") < b for a, b in taken):
                continue
            taken.append(m.span())
            if name:
                native = m.groupdict().get("native")
                found.append(
                    Participant(
                        countries()[m.group("country")],
                        _office(m.group("office")),
                        name,
                        native if native and _is_han(native) else None,
                        m.start(),
                    )
                )
    for m in office_from_countries.finditer(body):
        for member in item.finditer(m.group("list")):
            found.append(
                Participant(
                    countries()[member.group("country")],
                    _office(m.group("office")),
                    member.group("name"),
                    None,
                    m.start("list") + member.start(),
                )
            )
    return _merge(sorted(found, key=lambda p: p.position))


def _is_han(text: str) -> bool:
    return all("\u4e00" <= char <= "\u9fff" for char in text)


def _merge(found: list[Participant]) -> list[Participant]:
    """One participant per person: the same country, and one name part of the other
    ('Kassym-Jomart' in 'Kassym-Jomart Tokayev'; the longer name stays, but 'Wang Yi' is not
    'Wang Wentao'); an unnamed office-holder only when no one of that country is named."""
    merged: list[Participant] = []
    for person in found:
        same = next(
            (
                p
                for p in merged
                if p.country == person.country
                and (p.handles() <= person.handles() or person.handles() <= p.handles())
                and bool(p.name) == bool(person.name)
            ),
            None,
        )
        if same is None:
            merged.append(person)
            continue
        if person.name and (not same.name or len(person.name) > len(same.name)):
            same.name = person.name
        same.native_name = same.native_name or person.native_name
    named = {p.country for p in merged if p.name}
    return [p for p in merged if p.name or p.country not in named]


def _participant(person: Participant) -> dict:
    entry: dict = {}
    if person.name:
        entry["name"] = person.name
    if person.native_name:
        # Han characters for a Chinese name: the mainland's simplified script.
        entry.update(
            native_name=person.native_name,
            native_lang="zh-Hant" if person.country == "TW" else "zh-Hans",
        )
    entry.update(country=person.country, office=_text(person.office))
    return entry
