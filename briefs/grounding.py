"""Grounding: every text of a summary says no more than the article sentences it stands on.

Part of the validate stage (called from validate.check_document). Three checks, each located at
the text at fault and naming the word:

- numbers (errors): every number a point, figure or outcome states, in digits or in words and
  in either language, occurs in that item's quotes; the title's and lede's, in the article;
- names (errors): every named thing of an Indonesian text (a capitalised word, an acronym, a
  country, region or city by its CLDR name, a press spelling, a glossary term) occurs in the
  item's quotes (the title's and lede's: in the article), under any of its names; every named
  thing of an English text has its twin in the Indonesian text of the same field;
- stance and modality (warnings; errors under --strict): the classes of the markers of agreement,
  decision, commitment, intent, wish, obligation, encouragement, welcome, support and readiness a
  point's, figure's or outcome's text carries are those of its quotes, in both languages; and a
  point with no attributed_to whose quote or text makes one side the subject of such a marker
  ("Tiongkok berkomitmen ...", "Pihak Kazakhstan siap ...") is flagged.

The rules and their blind spots are written down in DEVELOPERS.md ("Grounding checks")."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property, lru_cache

from babel.numbers import NumberFormatError, parse_decimal

from .errors import Problem
from .i18n import LOCALES
from .loader import Document, Loc, field_name
from .models import ConsensusPoint, Figure, Glossary, Outcome, Text, _territories, texts_of
from .press import CARDINALS, PRESS_COUNTRIES

log = logging.getLogger(__name__)

Item = ConsensusPoint | Figure | Outcome


def quote_texts(item: Item) -> list[str]:
    """The quoted sentences of a point, figure or outcome, as plain text."""
    return [quote.text for quote in item.quote]


# Numbers ------------------------------------------------------------------------------------

# Spelled-out numbers CLDR does not give through Babel. 'satu'/'one' are left out (salah satu,
# satu sama lain, one-China, one another: they count nothing); 'pertama'/'first' are in, as 1.
# 'kedua' is 2: "kedua belah pihak" is "the two sides".
NUMBER_WORDS: dict[str, dict[str, int]] = {
    "id": {
        **CARDINALS,
        "pertama": 1,
        "kedua": 2,
        "ketiga": 3,
        "keempat": 4,
        "kelima": 5,
        "keenam": 6,
        "ketujuh": 7,
        "kedelapan": 8,
        "kesembilan": 9,
        "kesepuluh": 10,
        "keduanya": 2,
        "ketiganya": 3,
        "kelimanya": 5,
    },
    "en": {
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "twenty": 20,
        "thirty": 30,
        "hundred": 100,
        "thousand": 1000,
        "first": 1,
        "second": 2,
        "third": 3,
        "fourth": 4,
        "fifth": 5,
        "sixth": 6,
        "seventh": 7,
        "eighth": 8,
        "ninth": 9,
        "tenth": 10,
    },
}
"""Number words, cardinal and ordinal, lower case."""

SCALES: dict[str, dict[str, int]] = {
    "id": {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12},
    "en": {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12},
}
"""A scale word after digits multiplies them: 41 miliar = 41 billion = 41000000000."""

_DIGITS = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?:\s+([a-z]+))?")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class Mention:
    """A number found in a text: its value, the words that state it, and its digits alone."""

    value: Decimal
    words: str
    bare: Decimal


def numbers(text: str, language: str) -> list[Mention]:
    """The numbers a text states: digits (times the scale word after them) and number words."""
    return list(_numbers(text, language))


@lru_cache(maxsize=4096)
def _numbers(text: str, language: str) -> tuple[Mention, ...]:
    # cached: an article and its quotes are read again for every text that stands on them
    found: list[Mention] = []
    for match in _DIGITS.finditer(text):
        token = match.group(1)
        try:
            value: Decimal = parse_decimal(token, locale=LOCALES[language], strict=True)
        except NumberFormatError:
            # 1.2.3 or the like: each part as written
            found.extend(Mention(Decimal(p), p, Decimal(p)) for p in re.split(r"[.,]", token))
            continue
        scale = SCALES[language].get((match.group(2) or "").lower())
        words = " ".join(match.group(0).split()) if scale else token
        found.append(Mention((value * scale if scale else value).normalize(), words, value))
    for match in _WORD.finditer(text):
        number = NUMBER_WORDS[language].get(match.group().lower())
        if number is not None:
            found.append(Mention(Decimal(number), match.group(), Decimal(number)))
    return tuple(found)


def unquoted_numbers(text: str, language: str, sources: Iterable[str]) -> list[str]:
    """The words of each number of text that no source (an Indonesian quote or article) states.

    A scaled number of a source also stands for its digits alone: "41 miliar" holds 41."""
    stated = {v for s in sources for m in numbers(s, "id") for v in (m.value, m.bare)}
    return list(dict.fromkeys(m.words for m in numbers(text, language) if m.value not in stated))


# Names --------------------------------------------------------------------------------------


def _possessive(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


# A name ends where a word does, or before a possessive 's (China's); not inside Xi'an.
_END = r"(?!\w)(?!['’](?!s\b)\w)"


@cache
def _pattern(name: str, fold: bool = False) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’]){re.escape(name)}{_END}", re.I if fold else 0)


@dataclass(frozen=True)
class Gazetteer:
    """Named things and all their names: CLDR countries, regions and cities in Indonesian and
    English, press spellings, the project glossary and a summary's own translations."""

    entities: tuple[frozenset[str], ...]

    @cached_property
    def _index(self) -> dict[str, frozenset[str]]:
        return {name: entity for entity in self.entities for name in entity}

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Any name, the longest first (a longer name wins: 'Asia Tengah' before 'Asia')."""
        names = sorted(self._index, key=lambda n: (-len(n), n))
        return re.compile(rf"(?<![\w'’])(?:{'|'.join(map(re.escape, names))}){_END}")

    def entity(self, name: str) -> frozenset[str]:
        """All the names of what name names (just name, when unknown)."""
        return self._index.get(name, frozenset({name}))

    def carries(self, name: str, text: str) -> bool:
        """Does text name what name names, under any of its names? Acronyms as written, other
        names in any case (a title writes 'Pertemuan Menteri Luar Negeri', an article not)."""
        return any(
            _pattern(alias, not _is_acronym(alias)).search(text) for alias in self.entity(name)
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
        return Gazetteer(tuple(frozenset(e) for e in merged))


@cache
def cldr_gazetteer() -> Gazetteer:
    """Countries, regions (Asia Tengah, Perserikatan Bangsa-Bangsa) and exemplar cities of CLDR,
    in Indonesian and English, with the Indonesian press's spellings."""
    import zoneinfo

    from babel import Locale
    from babel.dates import get_timezone_location

    indonesian, english = Locale("id"), Locale("en")
    groups: list[set[str]] = []
    for code, name in english.territories.items():
        if code in ("ZZ", "001") or (
            len(code) == 2 and code not in _territories() and code not in ("UN", "EU")
        ):
            continue
        groups.append({name, indonesian.territories.get(code, name)})
        groups[-1] |= {press for press, c in PRESS_COUNTRIES.items() if c == code}
    for zone in sorted(zoneinfo.available_timezones()):
        if "/" not in zone or zone.startswith(("Etc/", "SystemV/", "US/")):
            continue
        groups.append(
            {
                get_timezone_location(zone, "id", return_city=True),
                get_timezone_location(zone, "en", return_city=True),
            }
        )
    return Gazetteer(()).with_names(groups)


def _cldr_name(code: str) -> str:
    from babel import Locale

    return str(Locale("en").territories.get(code, code))


def glossary_names(glossary: Glossary) -> list[set[str]]:
    return [set(term.id) | set(term.en) for term in glossary.terms]


def own_translations(document: Document) -> list[set[str]]:
    """A summary's names in both languages: its city, venue and the participants' offices."""
    meeting = document.meeting
    texts = [meeting.place.city, meeting.place.venue, *(p.office for p in meeting.participants)]
    return [{text.id, text.en} for text in texts if text is not None]


_ACRONYM = re.compile(r"[A-Z0-9]*[A-Z][A-Z0-9]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[\"“'‘(]*")


def _words(text: str) -> Iterator[re.Match[str]]:
    return _WORD.finditer(text)


def _occurs(name: str, text: str) -> bool:
    return _pattern(name).search(text) is not None


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and _ACRONYM.fullmatch(word) is not None


def _word_occurs(word: str, reference: str) -> bool:
    """An acronym as written; any other word in any case (a name may open a quote's sentence)."""
    if _is_acronym(word):
        return _occurs(word, reference)
    return word.lower() in _folded_words(reference)


@lru_cache(maxsize=4096)
def _folded_words(text: str) -> frozenset[str]:
    return frozenset(_possessive(w.group()).lower() for w in _words(text))


def unmatched_names(text: str, reference: str, gazetteer: Gazetteer) -> list[str]:
    """The named things of text that reference does not carry under any of their names.

    A known name (gazetteer) is matched whole, anywhere; any other word is a name when it is an
    acronym (WHO, G20), or capitalised and not the first word of a sentence."""
    missing: list[str] = []
    taken = [False] * len(text)
    for match in gazetteer.pattern.finditer(text):
        taken[match.start() : match.end()] = [True] * (match.end() - match.start())
        if not gazetteer.carries(match.group(), reference):
            missing.append(match.group())
    starts = {m.end() for m in _SENTENCE_START.finditer(text)}
    for match in _words(text):
        word = _possessive(match.group())
        if taken[match.start()] or not any(c.isupper() for c in word):
            continue
        if match.start() in starts and not _is_acronym(word):
            continue
        if not _word_occurs(word, reference):
            missing.append(word)
    return list(dict.fromkeys(missing))


# Stance and modality --------------------------------------------------------------------------

STANCES: dict[str, dict[str, tuple[str, ...]]] = {
    "agreement": {
        "id": ("sepakat", "bersepakat", "menyepakati", "sepakati", "setuju", "menyetujui"),
        "en": ("agree", "agrees", "agreed", "agreeing"),
    },
    "decision": {
        "id": ("memutuskan", "diputuskan"),
        "en": ("decide", "decides", "decided"),
    },
    "commitment": {
        "id": ("berkomitmen", "komitmen", "berjanji", "janji"),
        "en": (
            *("commit", "commits", "committed", "commitment"),
            *("pledge", "pledges", "pledged", "promise", "promises", "promised"),
        ),
    },
    "intent": {"id": ("akan",), "en": ("will", "shall")},
    "wish": {
        "id": ("berkeinginan", "keinginan", "ingin", "bersedia", "berharap", "harapan"),
        "en": (
            *("wish", "wishes", "wished", "willing", "willingness"),
            *("hope", "hopes", "hoped", "keen", "eager"),
        ),
    },
    "obligation": {
        "id": ("harus", "perlu", "perlunya", "wajib", "mesti", "tidak boleh"),
        "en": ("should", "must", "need", "needs", "necessary", "obliged"),
    },
    "encouragement": {
        "id": ("mendorong", "didorong", "dorongan"),
        "en": (
            *("encourage", "encourages", "encouraged", "encouraging"),
            *("urge", "urges", "urged", "push", "pushes"),
        ),
    },
    "welcome": {"id": ("menyambut", "disambut"), "en": ("welcome", "welcomes", "welcomed")},
    "support": {
        "id": ("mendukung", "dukungan", "didukung"),
        "en": ("support", "supports", "supported", "supporting"),
    },
    "readiness": {"id": ("siap",), "en": ("ready",)},
}
"""Markers of stance and modality by class, as whole words (lower case), in both languages."""


@cache
def _stance_re(language: str) -> re.Pattern[str]:
    markers = sorted((m for s in STANCES.values() for m in s[language]), key=len, reverse=True)
    return re.compile(rf"(?<![\w'’-])({'|'.join(map(re.escape, markers))})(?![\w'’-])", re.I)


@cache
def _class_of(language: str) -> dict[str, str]:
    return {m: name for name, s in STANCES.items() for m in s[language]}


def stances(text: str, language: str) -> dict[str, str]:
    """The stance classes a text carries, each with the first word that carries it."""
    found: dict[str, str] = {}
    for match in _stance_re(language).finditer(text):
        found.setdefault(_class_of(language)[" ".join(match.group(1).lower().split())], match[1])
    return found


_COMMITTING = ("commitment", "intent", "wish", "readiness", "support", "welcome")
_SIDE_WORDS = {"id": r"(?:(?:[Pp]ihak|[Pp]emerintah)\s+)?", "en": r"(?:[Tt]he\s+)?"}
_JOINING = {"id": ("dan", "dengan", "serta", "antara"), "en": ("and", "with", "between")}


def one_sided(text: str, language: str, sides: Iterable[str]) -> str | None:
    """The words of text that make one side the subject of a commitment ('Tiongkok akan',
    'Pihak Kazakhstan siap', 'China is willing'), or None."""
    names = sorted(set(sides), key=len, reverse=True)
    if not names:
        return None
    markers = [m for c in _COMMITTING for m in STANCES[c][language]]
    joining = "|".join(_JOINING[language])
    not_after = "".join(rf"(?<!\b{word}\s)" for word in _JOINING[language])
    after = r"(?:\s+(?:side|government|is|are|has|have))?" if language == "en" else ""
    pattern = re.compile(
        rf"(?<![\w'’–-]){not_after}({_SIDE_WORDS[language]}"
        rf"(?:{'|'.join(map(re.escape, names))}){after})"
        rf"(?!\s*[-–]\s*\w)(?!\s+(?:{joining})\s)"
        rf"((?:\s+(?!{'|'.join(markers)})[\w-]+){{0,3}}?)\s+({'|'.join(markers)})(?![\w'’-])"
    )
    match = pattern.search(text)
    return None if match is None else " ".join(match.group(0).split())


# The checks ----------------------------------------------------------------------------------


_WHAT = {"points": "point", "figures": "figure", "outcomes": "outcome"}
_VIDEO = re.compile(
    r"konferensi\s+video|video\s*conference|virtual|\bdaring\b|\bonline\b|melalui\s+video", re.I
)


def check_grounding(document: Document, article: str, gazetteer: Gazetteer) -> list[Problem]:
    """Every text of one summary against its quotes (or its article), and English against
    Indonesian: errors, and warnings (Problem.warning). gazetteer holds CLDR and the glossary."""
    try:
        return _check_grounding(document, article, gazetteer)
    finally:
        # The caches serve one summary, whose article is read again for each of its texts;
        # kept, they would hold thousands of articles through a build (and in every worker
        # forked from it).
        _numbers.cache_clear()
        _folded_words.cache_clear()


def _check_grounding(document: Document, article: str, gazetteer: Gazetteer) -> list[Problem]:
    meeting = document.meeting
    gazetteer = gazetteer.with_names(own_translations(document))
    # Each participating country by all its names (Tiongkok, China, Chinese ...).
    sides = [
        name
        for code in meeting.countries
        for name in gazetteer.entity(_cldr_name(code))
        if name[:1].isupper()
    ]
    errors: list[Problem] = []
    warnings: list[Problem] = []

    def error(loc: Loc, message: str) -> None:
        errors.append(document.problem(loc, f"{field_name(loc)}: {message}"))

    def warn(loc: Loc, message: str) -> None:
        warnings.append(document.problem(loc, f"{field_name(loc)}: {message}", warning=True))

    # English names have their twin in the Indonesian text of the same field, everywhere.
    for loc, text in texts_of(meeting):
        for name in unmatched_names(text.en, text.id, gazetteer):
            error((*loc, "en"), f"{name!r} has no twin in the Indonesian text")

    # Title and lede stand on the whole article.
    for field in ("title", "lede"):
        text = getattr(meeting, field)
        for words in unquoted_numbers(text.id, "id", [article]):
            error((field, "id"), f"the number {words!r} is not in the article")
        for words in unquoted_numbers(text.en, "en", [article]):
            error((field, "en"), f"the number {words!r} is not in the article")
        for name in unmatched_names(text.id, article, gazetteer):
            error((field, "id"), f"{name!r} is not in the article")

    # The place and the participants are named as the article names them.
    place = meeting.place
    for part in ("city", "venue"):
        text = getattr(place, part)
        if text is not None:
            for name in unmatched_names(text.id, article, gazetteer):
                error(("place", part, "id"), f"{name!r} is not in the article")
    if place.online and not _VIDEO.search(article):
        error(
            ("place", "online"),
            "the article does not say the meeting was held by video"
            " (if it does not say where, write 'stated: false')",
        )
    for i, participant in enumerate(meeting.participants):
        if participant.name:
            for word in _WORD.findall(participant.name):
                if not _word_occurs(word, article):
                    error(("participants", i, "name"), f"{word!r} is not in the article")

    # Points, figures and outcomes stand on their own quotes.
    for section in ("points", "figures", "outcomes"):
        what = _WHAT[section]
        for i, item in enumerate(getattr(meeting, section)):
            quotes = quote_texts(item)
            quoted = "\n".join(quotes)
            for sub, text in texts_of(item, (section, i)):
                for language in ("id", "en"):
                    for words in unquoted_numbers(text[language], language, quotes):
                        error(
                            (*sub, language), f"the number {words!r} is not in the {what}'s quotes"
                        )
                for name in unmatched_names(text.id, quoted, gazetteer):
                    error((*sub, "id"), f"{name!r} is not in the {what}'s quotes")
            said = stances(quoted, "id")
            for language in ("id", "en"):
                loc = (section, i, "label" if section == "figures" else "text", language)
                text_stances = stances(_item_text(item)[language], language)
                for stance, word in text_stances.items():
                    if stance not in said:
                        warn(loc, f"{word!r} ({stance}) is more than the {what}'s quotes say")
                # A figure's label names a quantity: it may leave its sentence's stance out.
                for stance, word in said.items() if section != "figures" else ():
                    if stance not in text_stances:
                        warn(loc, f"the {what}'s quotes say {word!r} ({stance}), the text does not")
            if section == "points" and item.attributed_to is None:
                _one_sided(document, i, item, sides, warnings)
    return errors + warnings


def _item_text(item: Item) -> Text:
    return item.label if isinstance(item, Figure) else item.text


def _one_sided(
    document: Document,
    i: int,
    point: ConsensusPoint,
    sides: list[str],
    warnings: list[Problem],
) -> None:
    quotes = quote_texts(point)
    places: list[tuple[Loc, str, str]] = [
        ((("points", i, "quote", j) if len(quotes) > 1 else ("points", i, "quote")), q, "id")
        for j, q in enumerate(quotes)
    ]
    places += [
        (("points", i, "text", language), point.text[language], language)
        for language in ("id", "en")
    ]
    for loc, text, language in places:
        words = one_sided(text, language, sides)
        if words:
            warnings.append(
                document.problem(
                    loc,
                    f"{field_name(loc)}: {words!r} is one side's commitment: give the point"
                    " 'attributed_to', or make it a point of its own",
                    warning=True,
                )
            )
            return
