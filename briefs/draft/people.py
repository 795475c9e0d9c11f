"""People: the participants, each with office and country."""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .offices import (
    is_han,
    known_country,
    misspelt_country,
    office_title,
    participant_patterns,
    plain_name,
    raw_country,
)
from .words import countries, country_pattern, months

log = logging.getLogger(__name__)

_NOT_TAKING_PART = re.compile(
    r"(?i:\b(?:juru\s+bicara|jubir|mantan|mendiang|almarhum(?:ah)?|eks|calon|asisten|ajudan)"
    r"\s+(?:\S+\s+){0,1})$"
    # 'sejak Presiden AS Donald Trump kembali ...': another time's event
    r"|(?i:\b(?:sejak|semenjak)\s+)$"
    # 'menitipkan salam hangat Presiden China Xi Jinping untuk ...': greetings conveyed by
    # another, whose sender is not at the meeting
    r"|(?i:\bsalam(?:\s+(?:hangat|tulus|persahabatan))?\s+(?:dari\s+)?)$"
    # 'menitipkan salam hangat untuk Presiden Tiongkok, Xi Jinping, lewat Wang': greetings
    # sent to someone through another, who is the one at the meeting
    r"|(?i:\bsalam\b[^.;:]{0,80}?\b(?:untuk|kepada|bagi)\s+)$"
    # 'Menjelang pertemuannya dengan pemimpin Rusia ...': someone met at a later event
    r"|(?i:\b(?:menjelang|jelang|sebelum)\s+(?:pertemuan|bertemu|menemui|temui)(?:nya)?"
    r"\s+(?:dengan\s+)?)$"
    # 'Bandara Internasional Nur Sultan Nazarbayev': a place named after someone
    r"|\b(?:Bandara|Bandar\s+Udara|Aula|Istana|Gedung|Universitas|Stadion|Jalan|Jl\.|Taman"
    r"|Museum|Hotel|Pusat|Bulevar|Lapangan|Akademi|Yayasan)(?:\s+[A-Z][\w'’-]*){0,3}\s+$"
)
"""'juru bicara ... Mao Ning', 'mantan Presiden ...', a name in a place's name: named, but not
at the meeting."""
_ABSENT_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:(?:yang\s+)?(?:semula|sebelumnya)\s+dijadwalkan|batal|urung"
    r"|tidak\s+(?:jadi\s+)?(?:hadir|datang|menghadiri)|absen|berhalangan)\b",
    re.I,
)
"""'Presiden X, yang semula dijadwalkan menghadiri KTT, batal datang': named, absent."""
_MEETING_WORDS = re.compile(
    r"\b(?:bertemu|pertemuan|menemui|bertatap\s+muka|berbicara\s+dengan|pembicaraan|perundingan"
    r"|berunding|menerima|diterima|menyambut|menghadiri|memimpin|hadir|KTT|berkunjung|mengunjungi"
    r"|menandatangani|meneken|konferensi|sidang|dialog|rapat|berdialog|telepon|mengadakan|menggelar"
    r"|tiba|setibanya|mendarat|kedatangan|disambut|berkumpul|mengikuti|berpartisipasi|bertukar"
    r"|pesan|ucapan\s+selamat|dihadiri|membicarakan|membahas|penyambutan|menjamu|dijamu"
    r"|jamuan|digelar\s+oleh|tatap\s+muka(?:nya)?|sampai\s+di|berbicara|berunding|bersalaman"
    r"|berjabat\s+tangan|menanggapi|sebagai\s+tanggapan|didampingi|mendampingi)\b",
    re.I,
)
"""A sentence that puts a person at the meeting: they meet, talk, receive, attend, sign."""
_EARLIER = re.compile(
    r"\b(?:bulan\s+lalu|tahun\s+lalu|pekan\s+lalu|minggu\s+lalu|setahun\s+(?:yang\s+)?lalu"
    r"|(?<!malam\s)(?<!hari\s)sebelumnya|terakhir\s+(?:kali\s+)?bertemu|terakhir\s+bertatap|kala\s+itu|saat\s+itu"
    # 'Juli lalu di KTT Astana ...', 'Kunjungan itu menyusul KTT ... di Kazakhstan'
    rf"|(?:{'|'.join(sorted(months()))})\s+lalu|menyusul\s+(?:KTT|pertemuan|kunjungan|lawatan)"
    r"|pada\s+bulan\s+\w+\s+lalu)\b",
    re.I,
)
"""'... bertemu di Xi'an bulan lalu', 'terakhir bertemu di Beijing': a meeting before this one."""


@dataclass
class Participant:
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
) -> list[Participant]:
    """The people the article puts at the meeting with their office and country, in order of
    appearance: not spokespeople, former office-holders, people due elsewhere or absent, or
    leaders mentioned in passing. known maps names to countries (the project's summaries) for
    a name given without one; offices maps them to their office there, for a known name the
    article gives without one; places are names that are places here (the dateline's city,
    the project's cities), never a person's; previewed says the story announces the meeting,
    whose participants are those who will meet."""
    res = participant_patterns()
    found: list[Participant] = []
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
            if _not_at_the_meeting(body, m.start(), m.end(), previewed):
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
                office = f"{office} dan {m.group('more')}"
            found.append(
                Participant(
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
                Participant(
                    countries()[m.group("country")], before[-1].office, name, None, m.start()
                )
            )
    for name, office in (offices or {}).items():
        # 'Xi Jinping dan Vladimir Putin bertemu': a known name, given without office
        whole = rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])"
        known_at = re.search(whole, body)
        if known_at is not None and known_at.start() in taken:
            continue
        if known_at is not None and _not_at_the_meeting(
            body, known_at.start(), known_at.end(), previewed
        ):
            elsewhere.append(known_at.span())
            continue
        # in the headline, a known name is who the story is about: at the meeting
        position = known_at.start() if known_at else (-1 if re.search(whole, headline) else None)
        if position is not None and len(name.split()) >= 2:
            found.append(
                Participant(
                    (known or {}).get(name, ""),
                    office,
                    name,
                    position=position,
                    unsure=f"office and country from the project's summaries ({office})",
                    evidence="named only in the headline: check that they took part"
                    if position < 0
                    else None,
                )
            )
    for m in res["office_from_countries"].finditer(body):
        for member in res["item"].finditer(m.group("list")):
            found.append(
                Participant(
                    countries()[member.group("country")],
                    office_title(m.group("office")),
                    member.group("name"),
                    None,
                    m.start("list") + member.start(),
                )
            )
    merged = _merge(sorted(found, key=lambda p: p.position))
    merged = [
        p for p in merged if plain_name(p.name or "", body, not_names) == p.name or not p.name
    ]
    # a sentence that names someone as not at the meeting ('salam hangat untuk Presiden Xi
    # Jinping') is no evidence that they are, under a shorter name ('Presiden Xi') either
    story = _masked(body, elsewhere)
    rolls = _rolls(merged, story)
    taking_part = []
    for person in merged:
        if _takes_part(person, body, story, rolls):
            taking_part.append(person)
        elif person.name and _in_quoted_talk(person, story):
            person.evidence = (
                "named only in quoted speech about the meeting: check that they took part"
            )
            taking_part.append(person)
    for person in taking_part:
        if not person.country and not _listed_with(person, body, taking_part):
            _nearest_country(person, body)
    return taking_part


_LATER_MEETING = re.compile(
    r"\b(?:akan|bakal|dijadwalkan|direncanakan)\b[^.]{0,100}"
    r"\b(?:bertemu|menemui|bertatap\s+muka|mengunjungi)(?:\s+dengan)?\s+$",
    re.I,
)
"""'... dan akan bertemu dengan pemimpin Rusia ...', 'dijadwalkan menemui ...': someone met at
a later event (unless the story previews this very meeting)."""


def _not_at_the_meeting(body: str, start: int, end: int, previewed: bool = False) -> bool:
    """Named, but not at the meeting: a spokesperson, a former office-holder, someone due
    elsewhere (at a later meeting, unless the story previews this one), a place's name, or
    someone who was to attend and did not."""
    sentence_start = max(body.rfind(". ", 0, start), body.rfind("\n", 0, start)) + 1
    clause = re.match(r",?[^,.;\n]*", body[end:])
    if re.search(r"(?i:\b(?:setelah|sebelum)\s+)$", body[max(0, start - 20) : start]) and not (
        clause and _MEETING_WORDS.search(clause.group(0))
    ):
        return True  # 'setelah Presiden AS Donald Trump memberlakukan tarif': another event
    return bool(
        _NOT_TAKING_PART.search(body[max(0, start - 50) : start])
        or _ABSENT_AFTER.search(body[end : end + 80])
        or (not previewed and _LATER_MEETING.search(body[sentence_start:start]))
    )


def _listed_with(person: Participant, body: str, everyone: list[Participant]) -> bool:
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


def _nearest_country(person: Participant, body: str) -> None:
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


def _masked(body: str, spans: list[tuple[int, int]]) -> str:
    """The text with the given spans blanked (the same length, so positions hold)."""
    if not spans:
        return body
    parts, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue
        parts += [body[at:start], " " * (end - start)]
        at = end
    return "".join(parts) + body[at:]


_QUOTED = re.compile(r"[\"“”]([^\"“”\n]{10,600})[\"“”]")
_TALK_TO_COME = re.compile(
    r"\b(?:menantikan|pertukaran\s+pikiran|bertukar\s+pikiran|pembicaraan|bertemu|pertemuan)\b",
    re.I,
)


def _in_quoted_talk(person: Participant, story: str) -> bool:
    """Named, by their whole name and with an office, only inside a quotation that speaks of
    meeting or talks ('"Saya menantikan pertukaran pikiran ... dengan teman lama saya, Presiden
    Nursultan Nazarbayev"'): weaker evidence, written with !check."""
    if not person.office or not person.name or len(person.name.split()) < 2:
        return False
    return person.name in _talk_quotes(story)


@lru_cache(maxsize=16)
def _talk_quotes(story: str) -> str:
    """The story's quotations that speak of meeting or talks, joined: read once per text."""
    quotes = (m.group(1) for m in _QUOTED.finditer(story))
    return "\n".join(q for q in quotes if _TALK_TO_COME.search(q))


def _takes_part(person: Participant, body: str, story_text: str, rolls: frozenset[int]) -> bool:
    """Named with their country in the story's opening, or in a sentence that has them meet,
    talk, receive or attend ('di bawah bimbingan Presiden Xi Jinping' is not), or in a list of
    three or more office-holders (a roll of those attending: a paragraph of rolls)."""
    if not person.name or person.position < 0:
        return True  # unnamed office-holders; a known name in the headline
    opening = body.find("\n")  # the first paragraph
    if person.country and person.position < (opening if opening >= 0 else 400):
        return True
    story = _story(story_text)
    handles = person.handles()
    if any(h in story.meeting_words for h in handles if _WORD.fullmatch(h)):
        return True
    odd = [h for h in handles if not _WORD.fullmatch(h)]  # searched for themselves
    pattern = _whole(odd)
    if pattern and any(pattern.search(s) for s in story.meeting_sentences):
        return True
    return any(i in rolls for i in _paragraphs_naming(story, handles))


_WORD = re.compile(r"[\w'’-]+")


def _whole(words: Iterable[str]) -> re.Pattern[str] | None:
    """A search for any of the words, each whole; None for no word."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])") if alternatives else None


@dataclass(frozen=True)
class _Story:
    """What every candidate's test of taking part reads, read once per text: on a long page a
    search of every sentence for each candidate took most of the draft's time."""

    meeting_sentences: tuple[str, ...]
    """The sentences that put someone at a meeting (not an earlier one)."""
    meeting_words: frozenset[str]
    """Every whole word of those sentences."""
    paragraphs: tuple[str, ...]
    by_word: dict[str, tuple[int, ...]]
    """Each whole word's paragraphs (their indices)."""


@lru_cache(maxsize=16)
def _story(body: str) -> _Story:
    meeting = tuple(
        sentence
        for sentence in re.split(r"(?<=[.!?])\s+|\n", body)
        if _MEETING_WORDS.search(sentence) and not _EARLIER.search(sentence)
    )
    paragraphs = tuple(body.split("\n"))
    by_word: dict[str, list[int]] = {}
    for i, paragraph in enumerate(paragraphs):
        for word in set(_WORD.findall(paragraph)):
            by_word.setdefault(word, []).append(i)
    return _Story(
        meeting,
        frozenset(w for s in meeting for w in _WORD.findall(s)),
        paragraphs,
        {w: tuple(at) for w, at in by_word.items()},
    )


def _paragraphs_naming(story: _Story, handles: Iterable[str]) -> set[int]:
    """The paragraphs that name any of the handles, each whole."""
    found: set[int] = set()
    odd = []
    for handle in handles:
        if _WORD.fullmatch(handle):
            found.update(story.by_word.get(handle, ()))
        else:
            odd.append(handle)
    pattern = _whole(odd)
    if pattern:
        found.update(i for i, p in enumerate(story.paragraphs) if pattern.search(p))
    return found


def _rolls(everyone: list[Participant], body: str) -> frozenset[int]:
    """The paragraphs naming three or more of the candidates (their whole names): a roll of
    those attending ('Dihadiri: Perdana Menteri Kazakhstan, Alikhan Smailov. ...')."""
    story = _story(body)
    named: dict[int, int] = {}
    for person in everyone:
        if not person.name:
            continue
        first = person.name.split()[0]
        at = (
            story.by_word.get(first, ()) if _WORD.fullmatch(first) else range(len(story.paragraphs))
        )
        for i in at:
            if person.name in story.paragraphs[i]:
                named[i] = named.get(i, 0) + 1
    return frozenset(i for i, n in named.items() if n >= 3)


def _merge(found: list[Participant]) -> list[Participant]:
    """One participant per person: the same country, and one name part of the other
    ('Kassym-Jomart' in 'Kassym-Jomart Tokayev'; the longer name stays, but 'Wang Yi' is not
    'Wang Wentao'); an unnamed office-holder only when no one of that country is named."""
    merged: list[Participant] = []
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
