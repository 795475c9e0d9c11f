"""Taking part: whether the story puts a named office-holder at this meeting (met, attended,
led, signed, spoke at it) or names them for something else (quoted about another matter, due
elsewhere, absent, in a place's name, in greetings sent through another)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from briefs.draft.words import months


class Candidate(Protocol):
    """A person the office patterns read (people.Participant)."""

    name: str | None
    office: str
    country: str
    position: int
    unsure: str | None

    def handles(self) -> set[str]: ...


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
    r"|berjabat\s+tangan|menanggapi|sebagai\s+tanggapan|didampingi|mendampingi"
    # '"...," ujar Xi kepada Presiden Turkmenistan ...': the one a quote is addressed to
    r"|(?:kata|ujar|tutur|ucap|ungkap|tegas)(?:nya)?\s+(?:[A-Z][\w-]*\s+){0,3}kepada)\b",
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


_EARLIER_LEG = re.compile(
    r"\b(?:[Ss]ehari|[Dd]ua\s+hari|[Ss]epekan|[Ss]eminggu|[Bb]eberapa\s+hari)\s+sebelumnya\b"
    r"|\bdari\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?,\s+tempat\s+(?:ia|dia|beliau|mereka)\b"
    r"|\b[Dd]i\s+persinggahan\s+(?:sebelumnya|pertama)\b"
)
"""'Sehari sebelumnya, ... bertemu Presiden Rusia ...', '... tiba di Dushanbe dari Astana, tempat
ia ... berunding dengan Presiden Kazakhstan ...': someone met on an earlier leg of the trip."""


_LATER_MEETING = re.compile(
    r"\b(?:akan|bakal|dijadwalkan|direncanakan)\b[^.]{0,100}"
    r"\b(?:bertemu|menemui|bertatap\s+muka|mengunjungi)(?:\s+dengan)?\s+$",
    re.I,
)
"""'... dan akan bertemu dengan pemimpin Rusia ...', 'dijadwalkan menemui ...': someone met at
a later event (unless the story previews this very meeting)."""


def not_at_the_meeting(body: str, start: int, end: int, previewed: bool = False) -> bool:
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
        or bool(_EARLIER_LEG.search(body[sentence_start:start]))
    )


def masked(body: str, spans: list[tuple[int, int]]) -> str:
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


def in_quoted_talk(person: Candidate, story: str) -> bool:
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


def takes_part(person: Candidate, body: str, story_text: str, rolls: frozenset[int]) -> bool:
    """Named with their country in the story's opening, or in a sentence that has them meet,
    talk, receive or attend ('di bawah bimbingan Presiden Xi Jinping' is not), or in a list of
    three or more office-holders (a roll of those attending: a paragraph of rolls)."""
    if not person.name or person.position < 0:
        return True  # unnamed office-holders; a known name in the headline
    if _ENVOY.match(person.office):
        return _envoy_at_the_meeting(person, _story(story_text))
    opening = body.find("\n")  # the first paragraph
    # the country as the story gives it: one only known (the leaders briefs knows) is no sign
    # that the opening is about this meeting ('Di bawah bimbingan Presiden Xi Jinping ...')
    if (
        person.country
        and not person.unsure
        and person.position < (opening if opening >= 0 else 400)
    ):
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

_ENVOY = re.compile(r"(?:Duta\s+Besar|Dubes)\b", re.I)
_AS_SOURCE = re.compile(
    r"\b(?:ujar(?:nya)?|kata(?:nya)?|ucap(?:nya)?|ungkap(?:nya)?|tutur(?:nya)?|menurut|wawancara"
    r"|mengatakan|menyatakan|menjelaskan|menengok)\b",
    re.I,
)
"""What makes a sentence the words of its source: 'ujar Duta Besar …', 'Menurut Ji', 'Dalam
sebuah wawancara …'."""


def _envoy_at_the_meeting(person: Candidate, story: _Story) -> bool:
    """An ambassador takes part when a sentence that is not their own words puts them at the
    meeting ('Hadir dalam pertemuan itu … Duta Besar Turkmenistan untuk China …'); one who only
    speaks of it ('…," ujar Duta Besar Rusia untuk China, Andrey Denisov', an interview) is the
    report's source."""
    pattern = _whole(person.handles())
    return pattern is not None and any(
        pattern.search(s) and not _AS_SOURCE.search(s) for s in story.meeting_sentences
    )


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


_THERE = re.compile(
    r"^(?:Di\s+sana|Di\s+situ|Di\s+tempat\s+itu"
    r"|(?:Dalam|Pada|Di)\s+(?:pertemuan|kesempatan|acara|KTT)\s+(?:itu|tersebut))\b"
)
"""A sentence that takes its place and time from the sentence before ('Di sana ia sudah
bertemu ...', 'Dalam pertemuan tersebut Xi menggarisbawahi ...')."""
_LEFT_FROM = re.compile(r"\bdari\s+[A-Z][\w'’-]*(?:,?\s+[A-Z][\w'’-]*){0,3}\s*[.!?]?$")
"""'Xi datang ke Samarkand dari Nur-Sultan, Kazakhstan.': the last place named is one left."""


def _of_an_earlier_time(sentence: str, before: str, before_earlier: bool) -> bool:
    """Does the sentence tell of a meeting before this one: itself ('bulan lalu', 'saat itu'),
    or as 'Di sana ...' after a sentence of an earlier event ('Lawatan ini menyusul KTT di
    Kazakhstan pada bulan Juni.'), of the place left ('... dari Nur-Sultan, Kazakhstan.') or
    itself of an earlier time (before_earlier)?"""
    if _EARLIER.search(sentence):
        return True
    return bool(
        _THERE.match(sentence)
        and (before_earlier or _EARLIER.search(before) or _LEFT_FROM.search(before))
    )


@lru_cache(maxsize=16)
def _story(body: str) -> _Story:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n", body) if s.strip()]
    earlier = [False] * len(sentences)
    for i, sentence in enumerate(sentences):
        before = sentences[i - 1] if i else ""
        earlier[i] = _of_an_earlier_time(sentence, before, bool(i and earlier[i - 1]))
    meeting = tuple(
        sentence
        for i, sentence in enumerate(sentences)
        if _MEETING_WORDS.search(sentence) and not earlier[i]
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


def rolls_of(everyone: Iterable[Candidate], body: str) -> frozenset[int]:
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
