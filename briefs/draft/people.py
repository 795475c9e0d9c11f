"""People: the participants, each with office and country."""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefs.draft.offices import (
    known_country,
    misspelt_country,
    office_title,
    participant_patterns,
    plain_name,
    raw_country,
)
from briefs.draft.sentences import split_sentences
from briefs.draft.taking_part import (
    in_quoted_talk,
    masked,
    not_at_the_meeting,
    rolls_of,
    takes_part,
)
from briefs.draft.words import countries, country_pattern
from briefs.language.gazetteer import known_leaders
from briefs.language.scripts import is_han

log = logging.getLogger(__name__)


@dataclass
class FoundParticipant:
    """Someone the article names in an office, for a country."""

    country: str
    office: str
    name: str | None = None
    native_name: str | None = None
    position: int = 0
    unsure: str | None = None
    """Why the country is not settled, when the article does not give it with the name."""
    evidence: str | None = None
    """Why taking part is not settled, when only weaker evidence puts them at the meeting."""
    end: int = 0
    """Where the words that name them end in the story (0: not read from one place)."""
    quote: str | None = None
    """The words that name them when no sentence of the story names them in full: a caption's
    sentence, or the sentence that calls them by one word of their name."""

    def handles(self) -> set[str]:
        """The words the article may call them by: each part of their name."""
        return set(self.name.split()) if self.name else set()


def find_participants(
    body: str,
    known: dict[str, str] | None = None,
    offices: dict[str, str] | None = None,
    headline: str = "",
    places: Iterable[str] = (),
    previewed: bool = False,
) -> list[FoundParticipant]:
    """The people the article puts at the meeting with their office and country, in order of
    appearance: not spokespeople, former office-holders, people due elsewhere or absent, or
    leaders mentioned in passing. known maps names to countries (the project's summaries) for
    a name given without one; offices maps them to their office there, for a known name the
    article gives without one; places are names that are places here (the dateline's city,
    the project's cities), never a person's; previewed says the story announces the meeting,
    whose participants are those who will meet."""
    res = participant_patterns()
    found: list[FoundParticipant] = []
    taken: set[int] = set()  # every character of a match already read (a set: long pages)
    elsewhere: list[tuple[int, int]] = []  # names read as not at the meeting, where they are
    not_names = frozenset(places)
    for key in (
        "office_country_name",
        "name_office_country",
        "office_name_from_country",
        "office_name",
    ):
        for m in res[key].finditer(body):
            misspelt = misspelt_country(m.group("name")) if key == "office_name" else None
            raw = misspelt[1] if misspelt else m.group("name")
            name = plain_name(raw, body, not_names)
            # "..., Murat Nurtleu, Menteri Luar Negeri Kirgistan, ...": a name already read as
            # the one after an office is not also the one before the next office.
            if m.start("name") in taken or m.start() in taken:
                continue
            taken.update(range(*m.span()))
            if not name:
                continue
            if not_at_the_meeting(body, m.start(), m.end(), previewed):
                elsewhere.append(m.span("name"))
                continue
            if m.group("office")[:1].islower() and len(name.split()) < 2 and body.count(name) < 2:
                continue  # 'para pemimpin Kazakhstan, Kirghizia, ...': a list, not a person
            code = m.groupdict().get("country")
            code = re.sub(r"^Republik\s+(?:Rakyat\s+)?", "", code) if code else None
            native = m.groupdict().get("native")
            country, unsure = (
                (countries()[code], None) if code else known_country(name, known or {})
            )
            if misspelt:
                country = countries()[misspelt[0]]
                unsure = f"the page writes {raw_country(m.group('name'))!r}: read as {misspelt[0]}"
            office = m.group("office")
            if m.groupdict().get("more"):
                office = f"{office} {m.group('joined')} {m.group('more')}"
            found.append(
                FoundParticipant(
                    country,
                    office_title(office),
                    name,
                    native if native and is_han(native) else None,
                    m.start(),
                    unsure,
                    end=m.end(),
                )
            )
    for m in res["counterpart"].finditer(body):
        name = plain_name(m.group("name"), body, not_names)
        before = [p for p in found if p.position < m.start()]
        if name and before and m.start("name") not in taken:
            taken.update(range(*m.span()))
            found.append(
                FoundParticipant(
                    countries()[m.group("country")], before[-1].office, name, None, m.start()
                )
            )
    unnamed: list[tuple[str, str]] = []  # known names the story never writes in full
    for name, office in (offices or {}).items():
        # 'Xi Jinping dan Vladimir Putin bertemu': a known name, given without office
        whole = rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])"
        known_at = re.search(whole, body) or _surname_first(name, body)
        written = known_at.group(0) if known_at else name
        if known_at is not None and known_at.start() in taken:
            continue
        if known_at is not None and not_at_the_meeting(
            body, known_at.start(), known_at.end(), previewed
        ):
            elsewhere.append(known_at.span())
            continue
        # in the headline, a known name is who the story is about: at the meeting
        position = known_at.start() if known_at else (-1 if re.search(whole, headline) else None)
        if position is None and len(name.split()) >= 2:
            unnamed.append((name, office))
            continue
        if position is not None and len(name.split()) >= 2:
            country, source = _known_country(name, known)
            found.append(
                FoundParticipant(
                    country,
                    office,
                    written,
                    position=position,
                    unsure=f"office and country from {source} ({office})"
                    + (f", as {name}" if written != name else ""),
                    evidence="named only in the headline: check that they took part"
                    if position < 0
                    else None,
                )
            )
    for m in res["office_from_countries"].finditer(body):
        # office-holders the story does not name are participants as the other side of
        # someone it names in the same sentence ('Xi ... kepada pemimpin dari Kazakhstan,
        # Tajikistan, ...'); a list on its own ('Pertemuan itu dihadiri para Menteri
        # Perdagangan dari Tiongkok, Tajikistan, ...') is a roll of delegations, not people
        with_someone = bool(_OTHER_SIDE.search(body, 0, m.start())) or _named_in_sentence(
            body, m.start(), found
        )
        for member in res["item"].finditer(m.group("list")):
            if not member.group("name") and not with_someone:
                continue
            found.append(
                FoundParticipant(
                    countries()[member.group("country")],
                    office_title(m.group("office")),
                    member.group("name"),
                    None,
                    m.start("list") + member.start(),
                )
            )
    for name, office in unnamed:
        called = _called_by_one_word(name, body, offices or {}, found, taken)
        if called is None:
            continue
        word, at = called
        country, source = _known_country(name, known)
        found.append(
            FoundParticipant(
                country,
                office,
                name,
                position=at.start(),
                unsure=f"office and country from {source} ({office})",
                evidence=f"the story calls them only {word!r}: {name} is the one of that name "
                f"{source} give in office then; check that it is them",
                quote=_sentence_at(body, at.start()),
            )
        )
    merged = _merge(sorted(found, key=lambda p: p.position))
    merged = [
        p for p in merged if plain_name(p.name or "", body, not_names) == p.name or not p.name
    ]
    # a sentence that names someone as not at the meeting ('salam hangat untuk Presiden Xi
    # Jinping') is no evidence that they are, under a shorter name ('Presiden Xi') either
    story = masked(body, elsewhere)
    rolls = rolls_of(merged, story)
    taking_part = []
    for person in merged:
        if takes_part(person, body, story, rolls):
            taking_part.append(person)
        elif person.name and in_quoted_talk(person, story):
            person.evidence = (
                "named only in quoted speech about the meeting: check that they took part"
            )
            taking_part.append(person)
    for person in taking_part:
        if not person.country and not _listed_with(person, body, taking_part):
            _nearest_country(person, body)
    return taking_part


_OTHER_SIDE = re.compile(
    r"\b(?:kepada|dengan|bersama|menerima|bertemu|menemui|menyambut|menjamu)\s+(?:para\s+)?\Z",
    re.I,
)
"""'Xi berbicara kepada pemimpin dari ...', 'bertemu para menteri dari ...': the list is whom
someone meets or speaks to."""


_PATRONYMIC = r"[A-Z][a-z]+(?:ovich|evich|ovic|evic|ovna|evna|o[‘'’]?g[‘'’]?li|ogly|uly|kyzy|qizi)"


def _surname_first(name: str, body: str) -> re.Match[str] | None:
    """'Saidov Bakhtiyor Odilovich' for Bakhtiyor Saidov: a known two-word name written surname
    first, as official releases of the region write it, maybe with a patronymic after it."""
    words = name.split()
    if len(words) != 2:
        return None
    first, last = map(re.escape, words)
    return re.search(rf"(?<![\w'’-]){last}\s+{first}(?:\s+{_PATRONYMIC})?(?![\w'’-])", body)


def _known_country(name: str, known: dict[str, str] | None) -> tuple[str, str]:
    """A known person's country, and who knows it: the project's summaries first, else the
    leaders briefs knows."""
    if name in (known or {}):
        return (known or {})[name], "the project's summaries"
    return known_leaders().get(name, ""), "the leaders briefs knows"


def _called_by_one_word(
    name: str,
    body: str,
    offices: dict[str, str],
    found: list[FoundParticipant],
    taken: set[int],
) -> tuple[str, re.Match[str]] | None:
    """'Xi pada Kamis menggelar pembicaraan …': the first place the story calls a known
    office-holder by one word of their name alone (not the first word of another name: 'Wang
    Huning'), when no other known name in office then, and nobody already read, has that word."""
    for word in name.split():
        if len(word) < 2 or not word[0].isupper():
            continue
        if any(word in other.split() for other in offices if other != name):
            continue
        if any(word in person.handles() for person in found):
            continue
        pattern = rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])(?!\s+[A-Z])"
        for at in re.finditer(pattern, body):
            if at.start() not in taken:
                return word, at
    return None


def _sentence_at(body: str, position: int) -> str:
    """The sentence of the body (a slice of it) that holds a position."""
    start = body.rfind("\n", 0, position) + 1
    end = body.find("\n", position)
    line = body[start : end if end >= 0 else len(body)]
    offset = 0
    for sentence in split_sentences(line):
        at = line.find(sentence, offset)
        if at <= position - start < at + len(sentence):
            return sentence
        offset = at + len(sentence)
    return line.strip()


def _named_in_sentence(body: str, position: int, found: list[FoundParticipant]) -> bool:
    """Does the sentence at a position name someone already found (by name)?"""
    start = max(body.rfind(". ", 0, position), body.rfind("\n", 0, position)) + 1
    ends = [e for e in (body.find(". ", position), body.find("\n", position)) if e >= 0]
    end = min(ends, default=len(body))
    return any(p.name and start <= p.position < end for p in found)


def _listed_with(person: FoundParticipant, body: str, everyone: list[FoundParticipant]) -> bool:
    """'Presiden Kassym-Jomart Tokayev serta Wakil Perdana Menteri ... Mukhtar Tileuberdi':
    named without a country right after someone with one: of the same country, unsure."""
    for other in everyone:
        if other.office == person.office:
            continue  # 'Presiden Tokayev serta Presiden Mirziyoyev': two heads, two countries
        if other.country and other.end and 0 <= person.position - other.end <= 12:
            if re.fullmatch(
                r"\s*(?:,\s*)?(?:serta|dan|bersama)?\s*", body[other.end : person.position]
            ):
                person.country = other.country
                person.unsure = (
                    f"country not stated with the name: that of {other.name or other.office}, "
                    "named with them"
                )
                return True
    return False


def _nearest_country(person: FoundParticipant, body: str) -> None:
    """For an office-holder named without a country: the country named nearest to them in
    their sentence, marked unsure ('Perdana Menteri Abdulla Aripov ... di Samarkand, Uzbekistan')."""
    start = max(body.rfind(". ", 0, person.position), body.rfind("\n", 0, person.position)) + 1
    ends = [
        e for e in (body.find(". ", person.position), body.find("\n", person.position)) if e >= 0
    ]
    sentence = body[start : min(ends, default=len(body))]
    if not re.search(country_pattern(), sentence):
        # none in the sentence: its paragraph
        start = body.rfind("\n", 0, person.position) + 1
        end = body.find("\n", person.position)
        sentence = body[start : end if end >= 0 else len(body)]
    at = person.position - start
    named = [
        (abs(m.start() - at), countries()[m.group(0)])
        for m in re.finditer(country_pattern(), sentence)
    ]
    if named:
        person.country = min(named)[1]
        person.unsure = (
            f"country not stated with the name: the country named nearest to it ({person.country})"
        )
    else:
        person.unsure = "country not stated: write its code"


def _merge(found: list[FoundParticipant]) -> list[FoundParticipant]:
    """One participant per person: the same country, and one name part of the other
    ('Kassym-Jomart' in 'Kassym-Jomart Tokayev'; the longer name stays, but 'Wang Yi' is not
    'Wang Wentao'); an unnamed office-holder only when no one of that country is named."""
    merged: list[FoundParticipant] = []
    handles: list[set[str]] = []  # each merged one's handles, kept beside (long pages)
    # who may be the same, found by a shared handle or its first two letters, not by comparing
    # everyone with everyone (thousands of names on a long page)
    by_handle: dict[str, set[int]] = {}
    by_initial: dict[str, set[int]] = {}
    unnamed: list[int] = []
    for person in found:
        own = person.handles()
        if not own:
            maybe: Iterable[int] = unnamed
        else:
            near = {i for h in own for i in by_handle.get(h, ())}
            if len(own) == 1:
                near.update(by_initial.get(next(iter(own))[:2], ()))
            maybe = sorted(near)
        at = next(
            (
                i
                for i in maybe
                if (
                    merged[i].country == person.country
                    or not merged[i].country
                    or not person.country
                )
                and (handles[i] <= own or own <= handles[i] or _spelt_alike(own, handles[i]))
                and bool(merged[i].name) == bool(person.name)
            ),
            None,
        )
        if at is None:
            at = len(merged)
            merged.append(person)
            handles.append(own)
            if not own:
                unnamed.append(at)
        else:
            same = merged[at]
            if person.name and (not same.name or len(person.name) > len(same.name)):
                same.name = person.name
                handles[at] = own
            same.native_name = same.native_name or person.native_name
            same.country = same.country or person.country
        for h in handles[at]:
            by_handle.setdefault(h, set()).add(at)
            by_initial.setdefault(h[:2], set()).add(at)
    named = {p.country for p in merged if p.name}
    return [p for p in merged if p.name or p.country not in named]


def _spelt_alike(one: set[str], other: set[str]) -> bool:
    """A surname alone that the page spells otherwise elsewhere ('Presiden Mirziyaev' after
    'Presiden Uzbekistan Shavkat Mirziyev'): one person, not two."""
    if len(one) != 1:
        return False
    (word,) = one
    return len(word) >= 5 and any(
        w[0] == word[0] and difflib.SequenceMatcher(None, w, word).ratio() >= 0.85
        for w in other
        if len(w) >= 5
    )
