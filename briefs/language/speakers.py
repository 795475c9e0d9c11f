"""Who said it: the one reader of Indonesian reporting frames, for the drafter (which writes
'attributed_to') and the checks (which hold 'attributed_to' to the quote).

A sentence is read for, in this order:

1. a relayed statement's header ('Dilansir Xinhua, pernyataan ... sebagai berikut:');
2. a reporting verb before its speaker ('..., kata Wang.', 'ujar Presiden Xi', 'katanya');
3. 'menurut X' ('Menurut Wang', 'Menurut dia');
4. a speaker before a reporting verb ('Xi menyatakan', 'Wang, yang juga ..., mengatakan',
   'Xi pada Jumat (6/1) menegaskan', 'Kedua belah pihak menekankan', 'Ia menyampaikan');
5. the numbered list of a relayed statement the context opened;
6. a joint subject or act ('kedua belah pihak', 'semua pihak', 'para menteri', 'keduanya',
   'X dan Y sepakat', 'pernyataan bersama', 'menandatangani', 'kesepakatan ... dicapai');
7. one country as the subject ('Tiongkok bersedia ...', 'Pihak Kazakhstan mengundang ...').

Pronouns ('Ia', 'Dia', 'Menurut dia', 'katanya') continue the last person the context named
as a speaker. `read_article` reads a whole page: a frame that closes a paragraph ('..., ujar
Wang.') speaks for the paragraph's sentences before it, and one that opens it ('Dia
mengatakan ...') for the sentences after it that say nothing of their own."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from briefs.language.frames import (
    ADJUNCTS,
    END_FRAME,
    JOINT_ACT,
    JOINT_SUBJECT_RE,
    MENURUT,
    PRONOUNS,
    RELAYED,
    STATEMENT,
    VERB,
)
from briefs.language.gazetteer import country_names


class Side(StrEnum):
    """Whose words a sentence gives."""

    JOINT = "joint"
    ONE_SIDE = "one-side"
    RELAYED = "relayed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Speaker:
    """Who a sentence says said it, and the words that say so."""

    side: Side
    frame: str
    """The words of the frame ('kata Wang', 'kedua belah pihak', 'Dilansir Xinhua')."""
    span: tuple[int, int]
    """Where the frame stands in the sentence it was read from."""
    person: str | None = None
    """The participant's name (a key of `people`), for one side's words."""
    country: str | None = None
    """The side's country (ISO code): the person's, or the country that is the subject."""
    outlet: str | None = None
    """The outlet a relayed statement comes through ('Xinhua')."""
    reported: bool = True
    """Whether a reporting frame says it ('kata Wang', 'menurut', 'Kedua belah pihak
    menekankan', a relayed statement), rather than the subject of what is said."""


@dataclass(frozen=True)
class Said:
    """One sentence of a page, where it stands (in the page with whitespace collapsed), and
    who said it (None: the sentence does not say)."""

    start: int
    end: int
    text: str
    speaker: Speaker | None


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_OFFICE = (
    r"(?:[Pp]residen|[Pp]emimpin|Menlu|Menteri(?:\s+Luar\s+Negeri)?|Perdana\s+Menteri|PM"
    r"|Wakil\s+Perdana\s+Menteri|[Kk]epala\s+[Nn]egara|Duta\s+Besar|Dubes|[Dd]iplomat(?:\s+senior)?)"
)
"""An office that, with a country and 'itu', describes someone named before ('Menlu China itu')."""
_DOCUMENT_SUBJECT = re.compile(
    r"^(?:Deklarasi|Pernyataan\s+[Bb]ersama|Perjanjian|Komunike|Dokumen|Kesepakatan)"
    r"(?:\s+[\w-]+){0,3}?\s+(?:itu|tersebut|ini)$"
)
"""'Deklarasi itu menegaskan ...': a joint document as the subject: the sides' joint words."""


@dataclass
class _State:
    """What a page has said so far: its last speaking person, its open relayed statement."""

    last: Speaker | None = None
    relayed: Speaker | None = None
    joint: Speaker | None = None


def read_article(
    text: str,
    people: Mapping[str, str] | None = None,
    countries: Mapping[str, str] | None = None,
) -> list[Said]:
    """Every sentence of a page with who said it. Positions are in the page with every run of
    whitespace collapsed to one space (as quotes are matched). A frame that closes a paragraph
    speaks for the paragraph's sentences before it that have no reporting frame of their own;
    a person's frame that opens it, for the sentences after it that say nothing."""
    reader = _Reader(people or {}, countries)
    state = _State()
    said: list[Said] = []
    offset = 0
    for paragraph in re.split(r"\n\s*\n|\n", text):
        flat = " ".join(paragraph.split())
        if not flat:
            continue
        own: list[Said] = []
        for start, end in _sentences(flat):
            sentence = flat[start:end]
            own.append(Said(offset + start, offset + end, sentence, reader.read(sentence, state)))
        said += _paragraph(own)
        offset += len(flat) + 1
    return said


def speakers_of(quote: str, page: Sequence[Said]) -> list[Speaker | None]:
    """Who said each sentence of a page that a quote stands in (empty when the quote is not
    in the page)."""
    text = " ".join(quote.split())
    if not page or not text:
        return []
    flat = _flat(page)
    at = flat.find(text)
    if at < 0:
        return []
    return [s.speaker for s in page if s.start < at + len(text) and at < s.end]


def _flat(page: Sequence[Said]) -> str:
    chars = [" "] * (page[-1].end if page else 0)
    for s in page:
        chars[s.start : s.end] = s.text
    return "".join(chars)


_SENTENCE_END = re.compile(r"[.!?][\"”’']?(?=\s+[\"“‘(]?[A-Z0-9])")


def _sentences(paragraph: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        if re.fullmatch(r"\s*\(?\d{1,2}|\s*[A-Z]", paragraph[start : match.start()]):
            continue  # '1.' of a numbered list, an initial
        spans.append((start, match.end()))
        start = match.end() + 1
    if start < len(paragraph):
        spans.append((start, len(paragraph)))
    return spans


def _paragraph(own: list[Said]) -> list[Said]:
    """Spread a paragraph's closing or opening frame over its other sentences."""
    if len(own) < 2:
        return own
    last = own[-1].speaker
    if last is not None and last.reported and last.side is not Side.RELAYED and _closes(own[-1]):
        return [
            s if s.speaker is not None and s.speaker.reported else replace(s, speaker=last)
            for s in own[:-1]
        ] + [own[-1]]
    first = own[0].speaker
    if first is not None and first.reported and first.side is Side.ONE_SIDE:
        return [own[0]] + [
            s if s.speaker is not None else replace(s, speaker=first) for s in own[1:]
        ]
    return own


def _closes(said: Said) -> bool:
    """A frame after the words it gives ('..., kata Wang.')."""
    assert said.speaker is not None
    return said.speaker.span[0] > len(said.text) // 2


class _Reader:
    def __init__(self, people: Mapping[str, str], countries: Mapping[str, str] | None) -> None:
        self.people = people
        self.countries = (
            dict(countries)
            if countries is not None
            else _names_of(tuple(sorted(set(people.values()))))
        )
        self.handles = {
            word: name
            for name in people
            for word in _WORD.findall(name)
            if len(word) >= 2 and word[:1].isupper()
        }
        names = sorted(self.countries, key=len, reverse=True)
        self.country_re = (
            re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, names))})(?![\w-])")
            if names
            else None
        )

    def read(self, sentence: str, state: _State) -> Speaker | None:
        speaker = self._read(sentence, state)
        if speaker is not None and speaker.reported:
            if speaker.side is Side.ONE_SIDE and speaker.person:
                state.last = speaker
                state.relayed = None
            elif speaker.side is Side.RELAYED and STATEMENT.search(sentence):
                state.relayed = speaker
        if speaker is not None and speaker.side is Side.JOINT:
            state.joint = speaker
        return speaker

    def _read(self, sentence: str, state: _State) -> Speaker | None:
        relayed = RELAYED.search(sentence)
        if relayed and STATEMENT.search(sentence):
            return Speaker(
                Side.RELAYED, relayed.group(), relayed.span(), outlet=relayed.group("outlet")
            )
        for match in END_FRAME.finditer(sentence):
            who = self._who(match.group("rest"), state, pronoun=bool(match.group("nya")))
            if who is not None:
                return self._framed(who, sentence, match.start("verb"), match.end())
        for match in MENURUT.finditer(sentence):
            who = self._who(match.group("rest"), state, pronoun=False, named_only=True)
            if who is not None:
                return self._framed(who, sentence, match.start(), match.end())
        for match in VERB.finditer(sentence):
            who, start = self._subject(sentence[: match.start()], state)
            if who is not None:
                return self._framed(who, sentence, start, match.end())
        if relayed:  # 'seperti dikutip dari Global Times' with no speaker of its own
            return Speaker(
                Side.RELAYED, relayed.group(), relayed.span(), outlet=relayed.group("outlet")
            )
        if state.relayed is not None:
            country = self._country_subject(sentence)
            return replace(
                state.relayed,
                frame=state.relayed.frame,
                span=(0, 0),
                country=country[0] if country else None,
            )
        joint = JOINT_SUBJECT_RE.search(sentence)
        country = self._country_subject(sentence)
        if joint is not None and (country is None or joint.start() < country[1][0]):
            return Speaker(Side.JOINT, joint.group(), joint.span(), reported=False)
        if country is not None:
            return Speaker(
                Side.ONE_SIDE,
                sentence[slice(*country[1])],
                country[1],
                country=country[0],
                reported=False,
            )
        act = JOINT_ACT.search(sentence)
        if act is not None:
            return Speaker(Side.JOINT, act.group(), act.span(), reported=False)
        if re.match(r"\s*Mereka\b", sentence) and state.joint is not None:
            return Speaker(Side.JOINT, "Mereka", (0, 6), reported=False)
        return None

    def _framed(self, who: Speaker, sentence: str, start: int, end: int) -> Speaker:
        return replace(who, frame=" ".join(sentence[start:end].split()), span=(start, end))

    def _who(
        self, words: str, state: _State, *, pronoun: bool, named_only: bool = False
    ) -> Speaker | None:
        """The speaker the words after a reporting verb or 'menurut' name."""
        window = words.strip()
        tokens = _WORD.findall(window)[:8]
        lowered = [t.lower() for t in tokens]
        if (pronoun and not tokens) or (lowered[:1] and lowered[0] in PRONOUNS):
            return self._continuing(state)
        for token in tokens:
            if token in self.handles:
                return self._person(self.handles[token])
        described = self._described(window, whole=False)
        if described is not None:
            return described
        joint = JOINT_SUBJECT_RE.match(window)
        if joint is not None:
            return Speaker(Side.JOINT, "", (0, 0))
        country = self._country_opening(window)
        if country is not None:
            return Speaker(Side.ONE_SIDE, "", (0, 0), country=country)
        if named_only:
            # 'menurut statistik Tiongkok' names no speaker; 'Menurut Kemlu RI' one we do not know
            capitalised = tokens[:1] and tokens[0][:1].isupper()
            return Speaker(Side.UNKNOWN, "", (0, 0)) if capitalised and len(tokens) <= 4 else None
        if pronoun:
            return self._continuing(state)
        return Speaker(Side.UNKNOWN, "", (0, 0)) if tokens else None

    def _subject(self, before: str, state: _State) -> tuple[Speaker | None, int]:
        """The speaker that stands right before a reporting verb, and where it starts."""
        text = before.rstrip()
        named = re.search(r",\s*((?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*)\s*,$", text)
        if named is not None and named.group(1).split()[-1] in self.handles:
            # 'Menteri Luar Negeri Tiongkok, Wang Yi, mengatakan': the name in commas
            return self._person(self.handles[named.group(1).split()[-1]]), named.start(1)
        changed = True
        while changed:
            changed = False
            for adjunct in ADJUNCTS:
                cut = adjunct.sub("", text)
                if cut != text and cut.strip():
                    text, changed = cut, True
        clause = re.split(r"[,;:]\s*|\b(?:bahwa|dan|serta)\s+", text)[-1]
        tokens = _WORD.findall(clause)
        start = len(text) - len(clause)
        if not tokens:
            return None, 0
        if len(tokens) == 1 and tokens[0].lower() in PRONOUNS - {"nya"}:
            return self._continuing(state), start
        joint = JOINT_SUBJECT_RE.search(clause)
        if joint is not None and joint.end() >= len(clause.rstrip()) - 1:
            return Speaker(Side.JOINT, "", (0, 0)), start + joint.start()
        if tokens[-1] in self.handles and len(tokens) <= 7:
            return self._person(self.handles[tokens[-1]]), start
        described = self._described(clause.strip(), whole=True)
        if described is not None:
            return described, start
        if _DOCUMENT_SUBJECT.match(clause.strip()):
            return Speaker(Side.JOINT, "", (0, 0)), start
        country = self._country_in(clause)
        if country is not None and len(tokens) <= 4:
            return Speaker(Side.ONE_SIDE, "", (0, 0), country=country), start
        return None, 0

    def _described(self, words: str, *, whole: bool) -> Speaker | None:
        """'Menlu China itu', 'Presiden Tiongkok tersebut': someone named before by office and
        country; the participant of that country when the page names one, else that side."""
        if self.country_re is None:
            return None
        pattern = rf"{_OFFICE}\s+(?:{self.country_re.pattern})\s+(?:itu|tersebut)"
        match = (re.fullmatch if whole else re.match)(pattern, words)
        if match is None:
            return None
        code = self._country_in(match.group())
        of_country = [name for name, country in self.people.items() if country == code]
        if len(of_country) == 1:
            return self._person(of_country[0])
        return Speaker(Side.ONE_SIDE, "", (0, 0), country=code)

    def _continuing(self, state: _State) -> Speaker:
        if state.last is not None:
            return replace(state.last)
        return Speaker(Side.UNKNOWN, "", (0, 0))

    def _person(self, name: str) -> Speaker:
        return Speaker(Side.ONE_SIDE, "", (0, 0), person=name, country=self.people.get(name))

    def _country_in(self, text: str) -> str | None:
        if self.country_re is None:
            return None
        match = self.country_re.search(text)
        return self.countries[match.group()] if match else None

    def _country_opening(self, text: str) -> str | None:
        """The country that words open with ('pihak Tiongkok', 'Kazakhstan')."""
        if self.country_re is None:
            return None
        match = re.match(rf"(?:(?:pihak|pemerintah)\s+)?({self.country_re.pattern})", text, re.I)
        return self.countries.get(match.group(1)) if match else None

    def _country_subject(self, sentence: str) -> tuple[str, tuple[int, int]] | None:
        """One country as the subject that opens a sentence ('Tiongkok bersedia', 'Pihak
        Kazakhstan mengundang'); not one of two ('Tiongkok dan Kazakhstan')."""
        if self.country_re is None:
            return None
        names = self.country_re.pattern
        match = re.match(
            rf"\s*[\"“]?(?:(?:Pihak|Pemerintah)\s+)?({names})(?!\s+(?:dan|dengan|serta)\s)"
            r"(?=\s+[a-z])",
            sentence,
        )
        if match is None:
            return None
        return self.countries[match.group(1)], (match.start(1), match.end(1))


def _names_of(codes: tuple[str, ...]) -> dict[str, str]:
    """The names of the countries of a meeting (the gazetteer's one table: CLDR's Indonesian and
    English names and the press's spellings) -> code."""
    wanted = set(codes)
    return {name: code for name, code in country_names().items() if code in wanted}
