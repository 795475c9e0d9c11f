"""Draft: a first summary of a meeting from its Indonesian news article, for an editor to finish.

Rules and CLDR gazetteers only (no network, no model): dates, place, participants, consensus
points and figures, each extracted item with the exact words of the article it came from.
Every English text is left empty; `briefs check` refuses the draft until an editor writes them."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.numbers import (
    NumberFormatError,
    get_currency_name,
    get_currency_symbol,
    get_territory_currencies,
    parse_decimal,
)

from .errors import BriefsError, display_path
from .models import MEETING_ID, _territories
from .validate import MAX_ARTICLE_BYTES

log = logging.getLogger(__name__)

ENGLISH_TO_WRITE = "# to write: English"
"""The mark on every English text the editor has to write."""

PRESS_COUNTRIES = {
    "Tiongkok": "CN",
    "China": "CN",
    "Cina": "CN",
    "Kirgistan": "KG",
    "Kyrgyzstan": "KG",
    "Kazakstan": "KZ",
    "AS": "US",
}
"""Spellings the Indonesian press uses besides CLDR's names."""

PRESS_SCALES = {"milyar": 10**9}
"""The press's older spelling of 'miliar', besides CLDR's scale words."""

PRESS_CURRENCIES = {"dolar": "USD", "dollar": "USD"}
"""Alone, without a country, the press's 'dolar' is the US dollar."""

# Word patterns of the press, not tables of names: offices, qualifiers, verbs.
_OFFICE_HEAD = (
    r"(?:Wakil\s+)?(?:Presiden|Perdana\s+Menteri|Menlu|Kanselir|Raja|Emir|Sultan|Duta\s+Besar"
    r"|Sekretaris\s+Jenderal|Kepala\s+Negara|Kepala\s+Pemerintahan|Pemimpin"
    r"|Menteri(?:\s+(?!{country})[A-Z][a-z]+){{0,3}})"
)
_QUALIFIERS = {
    "sekitar": "about",
    "kurang lebih": "about",
    "kira-kira": "about",
    "hampir": "about",
    "lebih dari": "more-than",
    "di atas": "more-than",
    "kurang dari": "less-than",
    "di bawah": "less-than",
    "setidaknya": "at-least",
    "sedikitnya": "at-least",
    "minimal": "at-least",
    "paling sedikit": "at-least",
    "hingga": "up-to",
    "sampai": "up-to",
    "maksimal": "up-to",
    "paling banyak": "up-to",
}
_NUMBER_WORDS = {
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "seratus": 100,
    "seribu": 1000,
    "belas": None,
    "puluh": None,
    "ratus": None,
}
"""Spelled-out numbers ('satu' is left out: 'salah satu', 'satu sama lain' count nothing)."""
_CLASSIFIERS = ("jenis", "pasang", "buah", "orang", "unit", "macam", "kali")
_DURATIONS = ("tahun", "bulan", "minggu", "pekan", "hari")
_FUNCTION_WORDS = frozenset(
    "yang dari di ke dan atau untuk pada dengan ini itu tersebut juga telah akan adalah "
    "dalam oleh bagi serta sebagai lebih kurang hingga sampai per".split()
)
_CONSENSUS = re.compile(
    r"\b(?:sepakat|bersepakat|menyepakati|setuju|menyetujui|berjanji|memutuskan)\b", re.I
)
_JOINT = re.compile(
    r"^(?:[^,]{0,60},\s+)?(?:kedua\s+(?:belah\s+)?pihak|semua\s+pihak|para\s+pihak|kedua\s+negara)\b",
    re.I,
)
_SPEECH = (
    r"(?:menekankan|menyatakan|mengatakan|meminta|mendorong|menambahkan|menegaskan|"
    r"mengusulkan|mencatat|menyampaikan|menyerukan|berharap)"
)
_VIDEO = re.compile(
    r"konferensi\s+video|video\s*conference|secara\s+(?:virtual|daring|online)|\bdaring\b|"
    r"melalui\s+(?:tautan\s+)?video|pertemuan\s+virtual",
    re.I,
)
_DATELINE_TIME = re.compile(
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{1,2})?\s*(?:WIB|WITA|WIT)\b|\b(?:WIB|WITA|WIT)\b"
)
_NOISE = re.compile(
    r"(?i:^(?:BACA\s+JUGA\b|Baca\s+juga\s*:|banner$|Lama\s+Baca\b|Cek\s+Berita\b|ADVERTISEMENT$)"
    r"|Google\s+News|-Image-\d+\s*$|\bImage\s+from\b|\(\s*Foto\s*:[^)]*\)\s*$)"
    r"|\([A-Z]{2,8}\)\s*$"  # a photo credit in capitals ends a caption: "... berjabat tangan (CMG)"
)
_END_OF_STORY = re.compile(
    r"^(?:Komentar|Berita\s+Lainnya|Berita\s+Terkait|Artikel\s+Terkait)\s*$", re.I
)


# Gazetteers from CLDR ------------------------------------------------------------------------


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


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@cache
def _country_re() -> str:
    return rf"(?<![\w-])(?:{_alternation(countries())})(?![\w-])"


@cache
def _months() -> dict[str, int]:
    """Month names, wide and abbreviated, Indonesian and English (CLDR), lower case."""
    months = {}
    for language in ("id", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in Locale(language).months["format"][width].items():
                months[name.lower().rstrip(".")] = number
    return months


@cache
def _weekdays() -> dict[str, int]:
    """Weekday names (Senin = 0), Indonesian and English (CLDR), lower case."""
    return {
        name.lower(): number
        for language in ("id", "en")
        for number, name in Locale(language).days["format"]["wide"].items()
    }


@cache
def _scales() -> dict[str, int]:
    """Scale words, from CLDR's long compact forms (0 ribu, 0 juta ... / 0 thousand ...)."""
    scales = dict(PRESS_SCALES)
    for language in ("id", "en"):
        for forms in Locale(language).compact_decimal_formats["long"].values():
            for magnitude, pattern in forms.items():
                word = pattern.pattern.strip()
                if word.startswith("0 ") and not word.startswith("00"):
                    scales[word[2:].strip().lower()] = int(magnitude)
    return scales


@cache
def _currencies() -> tuple[dict[str, set[str]], dict[str, str]]:
    """First words of the Indonesian CLDR names of today's currencies (Dolar Amerika Serikat,
    Rupiah Indonesia) -> codes; their unambiguous symbols (US$, Rp) -> code."""
    current = {code for territory in _territories() for code in get_territory_currencies(territory)}
    words: dict[str, set[str]] = {}
    symbols: dict[str, set[str]] = {}
    for code in current:
        words.setdefault(get_currency_name(code, locale="id").split()[0].lower(), set()).add(code)
        symbol = get_currency_symbol(code, locale="id")
        if symbol != code:
            symbols.setdefault(symbol, set()).add(code)
    return words, {symbol: codes.pop() for symbol, codes in symbols.items() if len(codes) == 1}


def _currency(word: str, country: str | None) -> str | None:
    """The currency a word names ('rupiah'), or with a country ('dolar AS', 'yuan Tiongkok')."""
    words, _ = _currencies()
    codes = words.get(word.lower(), set())
    if country:
        local = [c for c in get_territory_currencies(countries()[country]) if c in codes]
        if local:
            return local[0]
    if len(codes) == 1:
        return next(iter(codes))
    return PRESS_CURRENCIES.get(word.lower())


# Reading the article -------------------------------------------------------------------------


def read_article(path: Path) -> str:
    """An article's text, or a BriefsError saying why it cannot be read."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            raise BriefsError(
                f"{display_path(path)}: larger than {MAX_ARTICLE_BYTES} bytes; not an article"
            )
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise BriefsError(f"{display_path(path)}: no such article") from None
    except UnicodeDecodeError:
        raise BriefsError(f"{display_path(path)}: not UTF-8 text") from None
    except OSError as error:
        raise BriefsError(f"{display_path(path)}: {error.strerror or error}") from None


@dataclass
class Paragraph:
    """A paragraph of the story; item is its number when it opens a numbered list item."""

    text: str
    item: int | None = None


@dataclass
class Article:
    """An article with its noise removed: what the story says, and what is said about it."""

    headline: str | None = None
    published: dt.date | None = None
    author: str | None = None
    publisher: str | None = None
    agency: str | None = None
    dateline: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def sentences(self) -> Iterator[tuple[Paragraph, str]]:
        """(paragraph, sentence) for every sentence of the story, in order."""
        for paragraph in self.paragraphs:
            for sentence in split_sentences(paragraph.text):
                yield paragraph, sentence


_DATELINE_PREFIX = re.compile(
    r"^(?P<place>[A-Z][\w'’]*(?: [A-Z][\w'’]*){0,2})"
    r"(?:, (?P<publisher>[A-Z][\w.]*(?: [A-Z][\w.]*){0,3})| \((?P<agency>[A-Za-z.]+)\)) [-–—] "
)


def parse_article(text: str) -> Article:
    """Split an article as pasted from a news site into its headline, dateline and story."""
    article = Article()
    lines = [line.strip() for line in text.splitlines()]
    for line in lines:
        if not line:
            continue
        if _END_OF_STORY.match(line):
            break  # comments and other stories follow
        source = re.match(r"^Sumber\s*:\s*(.*)$", line)
        if source:
            article.agency = article.agency or source.group(1).strip() or None
            continue
        if _NOISE.search(line):
            continue
        if article.published is None and len(line.split()) <= 12 and _DATELINE_TIME.search(line):
            found = _full_date(line)
            if found:
                article.published, start = found
                article.author = article.author or line[:start].strip(" |,") or None
                continue
        if article.headline is None:
            article.headline = line
            continue
        if line == article.headline:
            continue
        words = line.split()
        if len(words) < 8:
            if (
                not article.paragraphs
                and 2 <= len(words) <= 4
                and all(w[:1].isupper() for w in words)
            ):
                article.author = article.author or line
            continue
        item = re.match(r"^(\d{1,2})\.\s+", line)
        if item:
            article.paragraphs.append(Paragraph(line[item.end() :], int(item.group(1))))
            continue
        if not article.paragraphs:
            prefix = _DATELINE_PREFIX.match(line)
            if prefix:
                article.dateline = prefix.group("place")
                article.publisher = prefix.group("publisher")
                article.agency = article.agency or prefix.group("agency")
                line = line[prefix.end() :]
        article.paragraphs.append(Paragraph(line))
    if article.paragraphs and not article.publisher:
        # Some sites sign the story with their code at its end: "... kata Xi. (rmol)"
        code = re.search(r"\(([a-z]{2,10})\)\s*$", article.paragraphs[-1].text)
        article.publisher = code.group(1).upper() if code else None
    if not article.agency:
        cited = re.search(
            r"\b(?:[Dd]ilansir(?: dari)?|[Dd]ikutip dari)\s+([A-Z][\w.]*(?: [A-Z][\w.]*){0,3})",
            article.body,
        )
        article.agency = cited.group(1) if cited else None
    if article.dateline in countries():
        article.dateline = None  # "Tiongkok, Bolong.id - ": a country, not a place
    return article


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each an exact substring of it, without opening quotes."""
    sentences, start = [], 0
    for end in re.finditer(r"[.!?][\"”’]?\s+(?=[\\\"“‘']*[A-Z0-9])", text):
        sentences.append(text[start : end.end()].strip())
        start = end.end()
    sentences.append(text[start:].strip())
    return [s.lstrip("\\\"“‘' ") for s in sentences if s.strip("\\\"“‘' ")]


def split_clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence: split at commas and semicolons outside brackets."""
    clauses, start, depth = [], 0, 0
    for i, char in enumerate(sentence):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char in ",;" and depth == 0 and (after := re.match(r"[\\\"”’]*\s", sentence[i + 1 :])):
            clauses.append((start, i))
            start = i + 1 + after.end()
    clauses.append((start, len(sentence.rstrip(' ."”\\'))))
    return clauses


# Dates ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateMention:
    """A date as the article writes it; year or weekday may be missing."""

    day: int
    month: int
    year: int | None
    weekday: int | None
    start: int
    end: int


@cache
def _date_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    weekday = rf"(?i:(?P<weekday>{_alternation(_weekdays())}))"
    month = rf"(?i:(?P<month>{_alternation(_months())}))"
    full = re.compile(
        rf"(?:{weekday},?\s+)?(?P<day>\d{{1,2}})\s+{month}\.?(?:\s+(?P<year>\d{{4}}))?(?![\w])"
    )
    numeric = re.compile(
        rf"(?:{weekday}\s*)?\((?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})(?:/(?P<year>\d{{2}}|\d{{4}}))?\)"
    )
    return full, numeric


def find_dates(text: str) -> list[DateMention]:
    """Every date in a text: '16 Juli 2020', 'Kamis, 16 Juli', 'Kamis (16/7/2020)', '(1/12)'."""
    found = []
    for pattern in _date_res():
        for m in pattern.finditer(text):
            month = m.group("month")
            month = int(month) if month.isdigit() else _months()[month.lower().rstrip(".")]
            year = m.group("year")
            year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
            weekday = m.group("weekday")
            weekday = None if weekday is None else _weekdays()[weekday.lower()]
            if 1 <= month <= 12 and 1 <= int(m.group("day")) <= 31:
                found.append(
                    DateMention(int(m.group("day")), month, year, weekday, m.start(), m.end())
                )
    return sorted(found, key=lambda d: d.start)


def _full_date(line: str) -> tuple[dt.date, int] | None:
    """The first complete date of a line, and where it starts."""
    for mention in find_dates(line):
        if mention.year is not None:
            try:
                return dt.date(mention.year, mention.month, mention.day), mention.start
            except ValueError:
                continue
    return None


def resolve(mention: DateMention, reference: dt.date | None, years: list[int]) -> dt.date | None:
    """The date a mention means: its own year; else the one nearest the reference date
    (the publication date) that fits its weekday; else, with no reference, the year on which its
    weekday falls nearest after the latest year the article names."""

    def make(year: int) -> dt.date | None:
        try:
            return dt.date(year, mention.month, mention.day)
        except ValueError:
            return None

    if mention.year is not None:
        return make(mention.year)

    def fits(day: dt.date) -> bool:
        return mention.weekday is None or day.weekday() == mention.weekday

    if reference is not None:
        days = [
            d for y in (reference.year - 1, reference.year, reference.year + 1) if (d := make(y))
        ]
        return min(days, key=lambda d: (not fits(d), abs((d - reference).days)), default=None)
    if mention.weekday is not None and years:
        latest = max(years)
        days = [d for y in range(latest - 10, latest + 11) if (d := make(y)) and fits(d)]
        return min(days, key=lambda d: (d.year < latest, abs(d.year - latest)), default=None)
    return None


def _years_named(text: str) -> list[int]:
    return [int(y) for y in re.findall(r"(?<![\d/.,])(?:19|20)\d\d(?![\d/])", text)]


def find_period(
    text: str, reference: dt.date | None, years: list[int]
) -> tuple[dt.date, dt.date] | None:
    """'dari Selasa (10/9) hingga Kamis (12/9)', '10-12 September 2019': a span of days."""
    mentions = find_dates(text)
    for first, second in itertools.pairwise(mentions):
        between = text[first.end : second.start]
        if re.fullmatch(r"\s*(?:hingga|sampai(?:\s+dengan)?|s\.d\.|[-–])\s*", between):
            end = resolve(second, reference, years)
            # '28 Mei sampai 1 Juni 2024': the end's year
            start = resolve(first, end, years) if end else None
            if start and end and start < end:
                return start, end
    for m in re.finditer(r"(?<!\d)(\d{1,2})\s*(?:[-–]|hingga|sampai)\s*(?=\d{1,2}\s+\w)", text):
        tail = [d for d in find_dates(text[m.end() :]) if d.start == 0]
        if tail:
            last = resolve(tail[0], reference, years)
            if last and int(m.group(1)) < last.day:
                return last.replace(day=int(m.group(1))), last
    return None


# Participants --------------------------------------------------------------------------------


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


_CAP = r"[A-Z][a-z'’]*(?:-[A-Z]?[a-z'’]+)*"
_NAME = rf"{_CAP}(?:\s+{_CAP}){{0,3}}"


@cache
def _participant_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
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


# Figures -------------------------------------------------------------------------------------


@dataclass
class Figure:
    """A number the article states, with its unit and the words around it."""

    value: Decimal
    unit: str
    start: int
    end: int
    noun: str | None = None
    qualifier: str | None = None
    out_of: Decimal | None = None
    lower: Decimal | None = None
    equivalent: dict[str, Any] | None = None
    year: int | None = None
    period: str | None = None
    quote: str = ""
    label: str = ""
    anniversary: bool = False


@cache
def _number_re() -> re.Pattern[str]:
    words = _alternation(_NUMBER_WORDS)
    return re.compile(
        # not in 5G, G20, ke-70, COVID-19, 12:41 or 16/7; but in 3-4 and Rp5
        rf"(?:(?<=Rp)|(?<![\w./,:])(?<![A-Za-z]-))"
        rf"(?:(?P<digits>\d+(?:[.,]\d+)*)|(?P<words>(?:{words})(?:\s+(?:{words}))*))"
        rf"(?![\w/:]|[.,]\d|-[A-Za-z])"
    )


def _words_value(words: str) -> int | None:
    """'dua puluh lima' -> 25, 'tiga ratus' -> 300, 'dua belas' -> 12."""
    total = part = 0
    for word in words.split():
        if word == "belas":
            total, part = total + part + 10, 0
        elif word == "puluh":
            total, part = total + part * 10, 0
        elif word == "ratus":
            total, part = total + part * 100, 0
        else:
            value = _NUMBER_WORDS[word]
            if value is None:
                return None
            part += value
    return total + part or None


def _number(match: re.Match[str]) -> Decimal | None:
    if match.group("digits"):
        try:
            return parse_decimal(match.group("digits"), locale="id", strict=True)
        except NumberFormatError:
            return None
    value = _words_value(match.group("words"))
    return None if value is None else Decimal(value)


def _exact(value: Decimal) -> Decimal:
    """50.1 x 10^9 as 50100000000, not 50100000000.0."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _mask_dates(sentence: str) -> str:
    """The sentence with its dates and years blanked out (same length), so no day is a figure."""
    masked = list(sentence)
    spans = [(d.start, d.end) for d in find_dates(sentence)]
    spans += [m.span() for m in re.finditer(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)", sentence)]
    spans += [m.span() for m in re.finditer(r"\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT)", sentence)]
    for start, end in spans:
        masked[start:end] = " " * (end - start)
    return "".join(masked)


@cache
def _figure_res() -> dict[str, re.Pattern[str]]:
    number = _number_re().pattern
    country = _country_re()
    _, symbols = _currencies()
    return {
        "range": re.compile(rf"\s*(?:[-–]|hingga|sampai(?:\s+dengan)?|s\.d\.)\s*(?={number})"),
        "between": re.compile(r"\s+dan\s+"),
        "out_of": re.compile(rf"\s+dari\s+(?={number})"),
        "scale": re.compile(rf"\s+(?i:({_alternation(_scales())}))(?!\w)"),
        "currency": re.compile(rf"\s+([A-Za-z]+)(?:\s+({country}))?"),
        "percent": re.compile(r"\s*(?:%|persen\b)"),
        "symbol": re.compile(rf"({_alternation(symbols)})\.?\s*$"),  # US$50,1 / Rp. 5
        "qualifier": re.compile(rf"(?i:\b({_alternation(_QUALIFIERS)}))\s+$"),
        "equivalent": re.compile(
            rf"\s*\(\s*(?i:({_alternation(_QUALIFIERS)})\s+)?(?:setara(?:\s+dengan)?\s+)?"
        ),
        "noun": re.compile(
            rf"\s+(?:({'|'.join(_CLASSIFIERS)})\s+)?([A-Za-z][\w-]*)((?:\s+[A-Z][\w-]*)*)"
        ),
    }


def _money_or_count(
    masked: str, m: re.Match[str], consumed: list[tuple[int, int]]
) -> Figure | None:
    """Read one figure starting at a number: range, 'dari' total, scale, unit and qualifier."""
    res = _figure_res()
    value = _number(m)
    if value is None:
        return None
    start, end, lower, out_of, upper_match = m.start(), m.end(), None, None, None
    before = masked[:start]
    joined = res["range"].match(masked, end)
    if not joined and re.search(r"\bantara\s+$", before):
        joined = res["between"].match(masked, end)
    if joined:
        upper_match = _number_re().match(masked, joined.end())
        upper = _number(upper_match) if upper_match else None
        if upper_match and upper is not None:
            lower, value, end = value, upper, upper_match.end()
    total = res["out_of"].match(masked, end)
    if total:
        total_match = _number_re().match(masked, total.end())
        if total_match and _number(total_match) is not None:
            out_of, end = _number(total_match), total_match.end()
            consumed.append(total_match.span())
    scale = res["scale"].match(masked, end)
    if scale:
        factor = _scales()[scale.group(1).lower()]
        value, lower, end = (
            value * factor,
            lower * factor if lower is not None else None,
            scale.end(),
        )
    figure = Figure(
        _exact(value),
        "count",
        start,
        end,
        out_of=out_of,
        lower=_exact(lower) if lower is not None else None,
    )
    symbol = res["symbol"].search(before)
    currency = res["currency"].match(masked, end)
    code = currency and _currency(currency.group(1), currency.group(2))
    if symbol:
        figure.unit, figure.start = _currencies()[1][symbol.group(1)], symbol.start()
    elif code and currency:
        figure.unit, figure.end = code, currency.end()
    elif percent := res["percent"].match(masked, end):
        figure.unit, figure.end = "percent", percent.end()
    else:
        noun = res["noun"].match(masked, end)
        if not noun or noun.group(2).lower() in _FUNCTION_WORDS or noun.group(2) in countries():
            return None
        figure.noun = " ".join(filter(None, (noun.group(1), noun.group(2), noun.group(3).strip())))
        figure.end = noun.end()
    qualifier = res["qualifier"].search(masked[: figure.start])
    if qualifier:
        figure.qualifier = _QUALIFIERS[qualifier.group(1).lower()]
    if lower is not None:
        figure.qualifier = (
            "up-to"  # the summary has no ranges: 'up to' the upper end, noted for the editor
        )
    if figure.unit not in ("count", "percent"):
        figure.equivalent = _equivalent(masked, figure, consumed)
    return figure


def _equivalent(
    masked: str, figure: Figure, consumed: list[tuple[int, int]]
) -> dict[str, Any] | None:
    """'41 miliar dolar AS (sekitar 657 triliun rupiah)': the conversion in brackets."""
    opening = _figure_res()["equivalent"].match(masked, figure.end)
    inner = opening and _number_re().match(masked, opening.end())
    if not opening or not inner:
        return None
    amount = _money_or_count(masked, inner, consumed)
    if amount is None or amount.unit in ("count", "percent") or amount.lower is not None:
        return None
    close = re.match(r"\s*\)", masked[amount.end :])
    if not close:
        return None
    consumed.append((inner.start(), amount.end))
    figure.end = amount.end + close.end()
    qualifier = opening.group(1)
    equivalent = {"value": amount.value, "unit": amount.unit}
    if qualifier:
        equivalent["qualifier"] = _QUALIFIERS[qualifier.lower()]
    return equivalent


def _is_period_phrase(masked: str, figure: Figure) -> bool:
    """'tiga tahun ke depan', '30 tahun terakhir': a span of time that dates other figures."""
    return figure.noun in _DURATIONS and bool(
        re.match(r"\s+(?:ke\s+depan|mendatang|terakhir)\b", masked[figure.end :])
    )


def _spelled_out_counts(masked: str, figure: Figure) -> bool:
    """Is a number written in words a figure? Only as a duration (tujuh tahun), with its total
    (tiga dari lima), or as what a verb or 'di' takes (mencapai lima konsensus, di lima negara),
    not when it points back (tiga tindakan ini): mostly such numbers name a group."""
    if figure.out_of is not None or figure.noun in _DURATIONS:
        return True
    previous = re.search(r"(\S+)\s+$", masked[: figure.start])
    word = previous.group(1) if previous else ""
    pointing_back = re.match(r"\s+(?:ini|itu|tersebut)\b", masked[figure.end :])
    return bool(re.fullmatch(r"di|me[a-z]{3,}", word)) and not pointing_back


_ANNIVERSARY = re.compile(r"\b(?:peringatan|ulang\s+tahun|HUT|hari\s+jadi)\s+ke-(\d+)\b", re.I)
_PERIOD = re.compile(
    r"(?i:(?:hingga\s+|sampai\s+)?saat\s+ini|\bkini\b|"
    r"(?:(?:dalam|selama)\s+(?:waktu\s+)?)?\b(?:\d+|[a-z]+(?:\s+[a-z]+)?)\s+(?:tahun|bulan)\s+(?:ke\s+depan|mendatang|terakhir)|"
    r"(?:dalam|selama)\s+waktu\s+(?:\d+|[a-z]+)\s+(?:tahun|bulan))"
)
_YEAR = re.compile(
    r"\b(?:(?:pada\s+)?tahun\s+|pada\s+)((?:19|20)\d\d)\b|\btahun\s+(lalu|ini)\b", re.I
)


def find_figures(sentence: str, reference: dt.date | None) -> list[Figure]:
    """The figures of one sentence: money, percentages and counts, with qualifier and time."""
    masked = _mask_dates(sentence)
    figures: list[Figure] = []
    consumed: list[tuple[int, int]] = []
    for m in _number_re().finditer(masked):
        if any(a <= m.start() < b for a, b in consumed):
            continue
        figure = _money_or_count(masked, m, consumed)
        if figure is None or _is_period_phrase(masked, figure):
            continue
        if m.group("words") and figure.unit == "count" and not _spelled_out_counts(masked, figure):
            continue
        consumed.append((figure.start, figure.end))
        figures.append(figure)
    for m in _ANNIVERSARY.finditer(sentence):
        figures.append(
            Figure(Decimal(m.group(1)), "count", m.start(), m.end(), noun="tahun", anniversary=True)
        )
    figures.sort(key=lambda f: f.start)
    for i, figure in enumerate(figures):
        _date_figure(
            sentence,
            figure,
            figures[i - 1].end if i else 0,
            figures[i + 1].start if i + 1 < len(figures) else len(sentence),
            reference,
        )
        figure.quote = _clause(sentence, figure)
        figure.label = _label(sentence, figure, figures[i - 1] if i else None)
    return figures


def _date_figure(
    sentence: str, figure: Figure, after_previous: int, before_next: int, reference: dt.date | None
) -> None:
    """The year a figure refers to (the nearest one its sentence names), and its period."""
    # first the words after it, up to the next figure; then those before it; then the sentence
    for part, nearest in (
        (sentence[figure.end : before_next], 0),
        (sentence[after_previous : figure.start], -1),
        (sentence, 0),
    ):
        years = list(_YEAR.finditer(part))
        if years:
            m = years[nearest]
            if m.group(1):
                figure.year = int(m.group(1))
            elif reference:
                figure.year = reference.year - (m.group(2).lower() == "lalu")
            break
    period = _PERIOD.search(sentence) if figure.year is None else None
    if period:
        figure.period = period.group(0)[:1].lower() + period.group(0)[1:]


def _clause(sentence: str, figure: Figure) -> str:
    """The clause (or clauses) of the sentence the figure stands in: its quote. An anniversary
    ('peringatan ke-70 berdirinya ...') is quoted from its own first word."""
    clauses = split_clauses(sentence)
    first = figure.start if figure.anniversary else next(s for s, e in clauses if e >= figure.start)
    last = next((e for s, e in clauses if e >= figure.end), len(sentence))
    # The period ('Dalam tiga tahun ke depan, ...') is part of what the quote must show.
    at = sentence.lower().find(figure.period.lower()) if figure.period else -1
    if at >= 0 and not first <= at < last:
        first = min(first, next(s for s, e in clauses if e > at))
        last = max(last, at + len(figure.period or ""))
    return re.sub(r"^(?:dan|serta|atau)\s+", "", sentence[first:last].strip())


_LABEL_STRIP = _FUNCTION_WORDS | {"senilai", "sebesar", "sebanyak", "waktu", "selama"}


def _label(sentence: str, figure: Figure, previous: Figure | None) -> str:
    """What the figure measures: the counted noun; for a span of years what follows it
    ('30 tahun hubungan diplomatik'); else the words before the amount, without the verb
    ('perdagangan bilateral mencapai 41 miliar' -> 'Perdagangan bilateral')."""
    words: list[str] = []
    if figure.anniversary:
        words = figure.quote.split()
    elif figure.unit == "count" and figure.noun is not None and figure.noun not in _DURATIONS:
        words = figure.noun.split()
    elif figure.unit == "count":
        for word in sentence[figure.end :].split():
            if word.strip(",.;").lower() in _FUNCTION_WORDS or len(words) == 4:
                break
            words.append(word.strip(",.;"))
    if not words:
        start = max(s for s, e in split_clauses(sentence) if s <= figure.start)
        if previous and previous.start >= start and previous.label:
            return (
                previous.label
            )  # "50,1 miliar dolar AS ... dari 460 juta dolar AS": the same thing
        words = sentence[start : figure.start].split()
        while words and words[0].lower() in _LABEL_STRIP:
            words.pop(0)
        while words and (
            re.fullmatch(r"(?:me|ber)[a-z]+", words[-1]) or words[-1].lower() in _LABEL_STRIP
        ):
            words.pop()
    text = " ".join(words) or figure.quote
    return text[:1].upper() + text[1:]


# Consensus points ----------------------------------------------------------------------------


@dataclass
class Point:
    """A consensus point or one side's position, with the sentences it comes from."""

    text: str
    quote: list[str]
    attributed_to: str | None = None


_CONSENSUS_LIST = re.compile(
    r"\bkonsensus,?\s+(?:termasuk|yaitu|yakni|antara\s+lain)\s+(?=me[a-z])"
)


def _consensus_list(sentence: str) -> tuple[str, list[str]] | None:
    """'mencapai lima konsensus, termasuk A, B, dan C': the lead and the items A, B, C, each a
    clause that opens with a verb (me-), so that a list inside an item stays whole."""
    m = _CONSENSUS_LIST.search(sentence)
    if not m:
        return None
    items = re.split(
        r",\s+(?:dan\s+)?(?=me[a-z]+)|\s+dan\s+(?=me[a-z]+)", sentence[m.end() :].rstrip(" .")
    )
    if len(items) < 2:
        return None
    lead = sentence[: m.end()].strip()
    said = list(re.finditer(r"\b(?:mengatakan|menyatakan|menyebutkan)(?:\s+bahwa)?\s+", lead))
    return (lead[said[-1].end() :] if said else lead), items


def _speaker(sentence: str, participants: list[Participant]) -> Participant | None:
    """The participant a sentence reports: 'Xi menekankan ...', '..., kata Wang.'"""
    for person in participants:
        for handle in person.handles():
            h = re.escape(handle)
            if re.search(rf"\b{h}\s+(?:juga\s+)?{_SPEECH}\b", sentence[:100]) or re.search(
                rf"\b(?:kata|ujar|ucap|tutur)\s+{h}\b", sentence
            ):
                return person
    return None


def _point_text(sentence: str, speaker: Participant | None) -> str:
    """A point's Indonesian text: its sentence without who said it ('Xi menekankan bahwa',
    ', kata Wang.'), so the editor starts from the point itself."""
    text = sentence
    if speaker:
        handles = _alternation(speaker.handles())
        text = re.sub(
            rf"[,\s]*[\\\"”’]*,?[\\\"”’]*\s+(?:kata|ujar|ucap|tutur)\s+(?:{handles})\b.*$", "", text
        )
        opening = re.match(
            rf"^(?:[^,]{{0,60}},\s+)?(?:{handles})\s+(?:juga\s+)?{_SPEECH}(?:\s+bahwa)?,?\s+", text
        )
        if opening:
            text = text[opening.end() :]
    text = text.strip().rstrip('\\"”’ ,')
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def find_points(article: Article, participants: list[Participant]) -> list[Point]:
    """Numbered items (the paragraphs after an item belong to it until the next), the items of
    a 'konsensus, termasuk ...' list, agreements (sepakat, berjanji, memutuskan ...), what both
    or all sides do, and the positions a participant states."""
    points: list[Point] = []
    current: Point | None = None
    for paragraph, sentence in article.sentences():
        if paragraph.item is not None and paragraph.text.startswith(sentence):
            current = Point(sentence, [sentence])
            points.append(current)
        elif current is not None:
            if _CONSENSUS.search(sentence):
                current.quote.append(sentence)
        elif listed := _consensus_list(sentence):
            lead, items = listed
            points += [Point(item[:1].upper() + item[1:] + ".", [lead, item]) for item in items]
        elif _CONSENSUS.search(sentence) or _JOINT.search(sentence):
            points.append(Point(sentence, [sentence]))
        elif speaker := _speaker(sentence, participants):
            points.append(Point(_point_text(sentence, speaker), [sentence], speaker.name))
    return points


# The draft -----------------------------------------------------------------------------------


@dataclass
class Draft:
    """A drafted summary: the data in the project's format, and what the editor must check."""

    summary: dict[str, Any]
    notes: list[str]

    @property
    def meeting_id(self) -> str:
        return str(self.summary["id"])

    def to_yaml(self) -> str:
        """The draft as a summary file: English left empty and marked, notes in a header."""
        text = yaml.dump(
            self.summary, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
        )
        text = re.sub(r"^(\s*)en: ''$", rf"\1en: ''  {ENGLISH_TO_WRITE}", text, flags=re.M)
        header = [
            f"# Draft written by `briefs draft` from {self.summary['sources'][0]['article']}.",
            "# An editor finishes it: write every English text marked 'to write', check every value",
            "# against the article, then run `briefs check`.",
        ]
        if self.notes:
            header.append("# To check:")
            header += [f"#   - {note}" for note in self.notes]
        return "\n".join(header) + "\n" + text


class _Dumper(yaml.SafeDumper):
    """Writes figures as exact numbers (50100000000, 50.1: never a binary float), and lists
    indented under their key, as the hand-written summaries are."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


_Dumper.add_representer(
    Decimal,
    lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:int"
        if value == value.to_integral_value()
        else "tag:yaml.org,2002:float",
        str(_exact(value)),
    ),
)


def _text(indonesian: str) -> dict[str, Any]:
    return {"id": indonesian, "en": ""}


def _kind(article: Article, participants: list[Participant]) -> str:
    """State visit when the article says so; more than two countries: a foreign ministers'
    meeting when every office is a foreign minister's, else a summit; two: bilateral talks."""
    if re.search(r"kunjungan\s+kenegaraan|state\s+visit", article.body, re.I):
        return "state-visit"
    if len({p.country for p in participants}) > 2:
        if all("Menteri Luar Negeri" in p.office for p in participants):
            return "foreign-ministers-meeting"
        return "summit"
    return "bilateral-talks"


def _place(article: Article, participants: list[Participant], notes: list[str]) -> dict[str, Any]:
    """Online when held by video; else the city where the story puts the meeting ('di Astana,
    Kazakhstan', 'di kota Chengdu'), the dateline's first, with a venue before it ('di Aula Besar
    Rakyat, Beijing'), and the country named after it, or the one visited."""
    if _VIDEO.search(article.body):
        return {"online": True}
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
        notes.append(
            "place: the article does not say where the meeting was held; drafted as not stated"
        )
        return {"stated": False}
    city_name = found[0].group("city") if found else article.dateline
    assert city_name is not None  # with neither, the draft says the place is not stated
    place: dict[str, Any] = {"city": _text(city_name)}
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
        notes.append(f"place.country: not stated; the first participant's ({place['country']})")
    else:
        notes.append("place.country: not stated; add it")
    return place


def _slug(article_name: str, kind: str, participants: list[Participant]) -> str:
    """The article's own slug when it is named as a meeting id, else its countries and kind."""
    stem = Path(article_name).stem
    if MEETING_ID.match(stem):
        return stem[11:]
    names = [Locale("en").territories[c] for c in dict.fromkeys(p.country for p in participants)]
    words = names[:3] + (["and", "others"] if len(names) > 3 else []) + [kind]
    return re.sub(r"[^a-z0-9]+", "-", " ".join(words).lower()).strip("-")


def draft_summary(text: str, article_name: str) -> Draft:
    """Draft a meeting summary from an article's text; article_name is its file name."""
    article = parse_article(text)
    notes: list[str] = []
    body = article.body
    years = _years_named(body)
    mentions = find_dates(body)
    reference = article.published
    if reference is None:
        # No dateline: the story's own dates, by their weekdays, give the year.
        reference = next(
            (d for m in mentions if m.weekday is not None and (d := resolve(m, None, years))), None
        )
    date = next((d for m in mentions if (d := resolve(m, reference, years))), None)
    if date is None:
        raise BriefsError(
            f"{article_name}: no date of the meeting found (such as 'Kamis (16/7/2020)' or '16 Juli 2020')"
        )
    participants = find_participants(body)
    if not participants:
        notes.append("participants: none found; add them")
    kind = _kind(article, participants)
    summary: dict[str, Any] = {
        "id": f"{date.isoformat()}-{_slug(article_name, kind, participants)}",
        "kind": kind,
        "title": _text(article.headline or split_sentences(body)[0]),
        "date": date,
    }
    period = find_period(body, reference, years)
    if period and period[0] <= date <= period[1]:
        summary["period"] = {"start": period[0], "end": period[1]}
    summary["place"] = _place(article, participants, notes)
    summary["lede"] = _text(split_sentences(article.paragraphs[0].text)[0])
    summary["participants"] = [_participant(p) for p in participants]
    points = find_points(article, participants)
    if not points:
        notes.append("points: none found; add them")
    summary["points"] = [_point(p) for p in points]
    figures = _figures(article, reference or date, date, notes)
    if figures:
        summary["figures"] = figures
    summary["sources"] = [_source(article, article_name, notes)]
    log.info(
        "drafted %s: %d participants, %d points, %d figures",
        summary["id"],
        len(participants),
        len(points),
        len(figures),
    )
    return Draft(summary, notes)


def _participant(person: Participant) -> dict[str, Any]:
    entry: dict[str, Any] = {}
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


def _point(point: Point) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "text": _text(point.text),
        "quote": point.quote[0] if len(point.quote) == 1 else point.quote,
    }
    if point.attributed_to:
        entry["attributed_to"] = point.attributed_to
    return entry


def _figures(
    article: Article, reference: dt.date, date: dt.date, notes: list[str]
) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    seen: set[tuple[Decimal, str, str, Decimal | None]] = set()
    for _, sentence in article.sentences():
        for figure in find_figures(sentence, reference):
            key = (figure.value, figure.unit, (figure.noun or "").lower(), figure.out_of)
            if key in seen:
                continue
            seen.add(key)
            where = f"figures[{len(entries)}]"
            entry: dict[str, Any] = {
                "label": _text(figure.label),
                "value": figure.value,
                "unit": figure.unit,
            }
            if figure.noun:
                entry["noun"] = _text(figure.noun)
            if figure.qualifier:
                entry["qualifier"] = figure.qualifier
            if figure.lower is not None:
                notes.append(
                    f"{where}: the article gives a range ({figure.lower} to {figure.value}); drafted as up to {figure.value}"
                )
            if figure.out_of is not None and figure.out_of >= figure.value:
                entry["out_of"] = figure.out_of
            if figure.year is not None:
                entry["year"] = figure.year
            if figure.period:
                entry["period"] = _text(figure.period)
            if figure.year is None and not figure.period:
                entry["year"] = date.year
                notes.append(f"{where}.year: not stated; the year of the meeting")
            if figure.equivalent:
                entry["equivalent"] = figure.equivalent
            entry["quote"] = figure.quote
            entries.append(entry)
    return entries


def _source(article: Article, article_name: str, notes: list[str]) -> dict[str, Any]:
    source: dict[str, Any] = {"article": article_name, "publisher": article.publisher or ""}
    if not article.publisher:
        notes.append("sources[0].publisher: not found in the article")
    source["headline"] = article.headline or ""
    for key in ("published", "agency", "author"):
        if getattr(article, key):
            source[key] = getattr(article, key)
    return source
