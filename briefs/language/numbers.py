"""The one number reader: the numbers a text states, with their scale, currency or percent, the
noun a count counts, the qualifier before them and their span.

Scale words, currencies and measures come from CLDR through Babel (`0 miliar`, `0 billion`; `US$`,
`Rp`, `Dolar Amerika Serikat`; `meter kubik`, `cubic metres`, `km`); the press's own words (number
words, `milyar`, `dolar AS`, `ton`, `bcm`) from briefs/language/press.py. Dates (`16/7/2020`, `(1/12)`), clock times and list numbering (`2.`) are never
numbers, nor digits glued to letters (`5G`, `G20`, `COVID-19`) nor number words in compounds that
count nothing (`two-way`, `one-China`, `Satu-Tiongkok`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from babel import Locale
from babel.numbers import NumberFormatError, get_currency_name, parse_decimal
from babel.units import format_unit

from briefs.language.gazetteer import country_names
from briefs.language.press import (
    CARDINALS,
    ENGLISH_NUMBERS,
    PRESS_CURRENCY_WORDS,
    PRESS_DEMONYMS,
    PRESS_SCALES,
    PRESS_SYMBOLS,
    PRESS_UNITS,
    QUALIFIERS,
)
from briefs.project import LOCALES


@dataclass(frozen=True)
class Mention:
    """A number a text states."""

    value: Decimal
    """The number with its scale: '41 miliar' is 41000000000."""
    bare: Decimal
    """The digits or words alone: '41 miliar' is 41."""
    scale: int
    unit: str | None
    """An ISO 4217 code, 'percent', a CLDR measure unit ('volume-cubic-meter'), or None (a count,
    a year, an ordinal)."""
    noun: str | None
    """The words after the number, lower case, up to punctuation (at most four): what it counts."""
    qualifier: str | None
    """A Qualifier value ('more-than', 'about' ...) from the words before it."""
    out_of: Decimal | None
    """The total of '26 dari 45' / '26 of 45'."""
    start: int
    end: int
    words: str
    """The text of the mention, as written (number, scale and unit)."""
    spelled: bool = False
    ordinal: bool = False

    @property
    def is_year(self) -> bool:
        """A bare four-digit number from 1900 to 2100: a year."""
        return (
            self.unit is None
            and self.scale == 1
            and not self.spelled
            and self.value == self.value.to_integral_value()
            and 1900 <= self.value <= 2100
        )


# Number words -----------------------------------------------------------------------------

_ID_ORDINALS = {f"ke{word}": value for word, value in CARDINALS.items() if value < 100}
_ID_ORDINALS |= {"pertama": 1, "perdana": 1, "kesatu": 1}
# 'kedua' before a noun is 'both' ('kedua belah pihak'), after one 'second' ('KTT kedua'): the
# collective rule below tells them apart, as for 'kelima negara'
_ID_GROUPS = {"keduanya": 2, "ketiganya": 3, "keempatnya": 4, "kelimanya": 5}
_ID_BUILDERS = {"belas": 10, "puluh": 10, "ratus": 100}
_EN_ORDINALS = {
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
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
    "thirtieth": 30,
}


@cache
def number_words(language: str) -> dict[str, tuple[int, bool]]:
    """Number words of a language, lower case -> (value, is ordinal)."""
    if language == "id":
        words = {w: (v, False) for w, v in CARDINALS.items()}
        words |= {w: (v, False) for w, v in _ID_GROUPS.items()}
        words |= {w: (v, True) for w, v in _ID_ORDINALS.items()}
        return words
    return {w: (v, False) for w, v in ENGLISH_NUMBERS.items()} | {
        w: (v, True) for w, v in _EN_ORDINALS.items()
    }


@cache
def scales(language: str) -> dict[str, int]:
    """Scale words, from CLDR's long compact forms ('0 juta', '0 billion'), and the press's.
    Indonesian reads the English ones too: an Indonesian page quotes them ('US$41 billion')."""
    found: dict[str, int] = {}
    for forms in Locale(language).compact_decimal_formats["long"].values():
        for magnitude, pattern in forms.items():
            word = pattern.pattern.strip()
            if word.startswith("0 "):
                found[word[2:].strip().lower()] = int(magnitude)
    found |= PRESS_SCALES.get(language, {})
    return scales("en") | found if language == "id" else found


@cache
def currency_words() -> dict[str, frozenset[str]]:
    """Currency words after an amount, lower case -> the ISO codes they may name: CLDR's
    Indonesian and English names of the currencies the press writes about (and their plurals),
    the first word of CLDR's Indonesian name of every country's currency ('dolar' of 'Dolar
    Singapura', 'yuan' of 'Yuan Tiongkok'), ISO codes, and the press's own ('dolar AS')."""
    from babel.numbers import get_territory_currencies

    from briefs.summary.fields import country_codes, currencies

    names: dict[str, set[str]] = {}
    for code in {c for t in country_codes() for c in get_territory_currencies(t)}:
        names.setdefault(get_currency_name(code, locale="id").split()[0].lower(), set()).add(code)
    for code in ("USD", "CNY", "IDR", "EUR", "RUB", "KZT", "UZS", "KGS", "TJS", "TMT", "JPY"):
        for language in ("id", "en"):
            name = get_currency_name(code, locale=language).lower()
            names[name] = {code}
            names.setdefault(name + "s", {code})
    for code in currencies():
        if len(code) == 3:
            names.setdefault(code.lower(), {code})
    for word, code in PRESS_CURRENCY_WORDS.items():  # alone, 'dolar' is the US dollar
        names.setdefault(word, {code})
    return {word: frozenset(codes) for word, codes in names.items()}


def _currency(word: str, country: str | None) -> str | None:
    """The currency a word names ('rupiah'), or with the country after it ('dolar AS', 'dolar
    Singapura', 'yuan Tiongkok'); alone, the press's word ('dolar': the US dollar)."""
    from babel.numbers import get_territory_currencies

    codes = currency_words().get(word.lower(), frozenset())
    if country:
        territory = country_names().get(country) or PRESS_DEMONYMS.get(country)
        local = [c for c in get_territory_currencies(territory or "") if c in codes]
        if local:
            return local[0]
    if len(codes) == 1:
        return next(iter(codes))
    return PRESS_CURRENCY_WORDS.get(word.lower())


@cache
def currency_signs() -> dict[str, str]:
    """Currency signs and codes before an amount -> ISO code: the press's ('US$', 'Rp', '$', a
    lone '$' being the US dollar) and every CLDR Indonesian symbol that names one current
    currency ('HK$', '£', '₩')."""
    from babel.numbers import get_currency_symbol, get_territory_currencies

    from briefs.summary.fields import country_codes

    signs: dict[str, set[str]] = {}
    for code in {c for t in country_codes() for c in get_territory_currencies(t)}:
        symbol = get_currency_symbol(code, locale="id")
        if symbol != code:
            signs.setdefault(symbol, set()).add(code)
    unique = {sign: codes.pop() for sign, codes in signs.items() if len(codes) == 1}
    return unique | PRESS_SYMBOLS


MEASURES = ("volume-cubic-meter", "mass-tonne", "length-kilometer")
"""The CLDR units of the quantities the press measures: gas, grain and oil, roads and pipelines."""


@cache
def measure_words() -> dict[str, tuple[int, str]]:
    """Measure words after a number, lower case -> (scale, CLDR unit): CLDR's long and short
    names in Indonesian and in American and British English ('meter kubik', 'cubic meters',
    'cubic metres', 'm³', 'km'), and the press's ('ton', 'bcm'). One-letter symbols ('t') are
    left out: a stray letter is no tonne."""
    words: dict[str, tuple[int, str]] = {}
    for language in ("id", "en", "en_GB"):
        for unit in MEASURES:
            for length in ("long", "short"):
                for count in (1, 2):  # singular and plural: 'cubic metre', 'cubic metres'
                    word = format_unit(count, unit, length=length, locale=language)
                    word = word.replace(str(count), "", 1).strip().lower()
                    if len(word) > 1:
                        words[word] = (1, unit)
    return words | PRESS_UNITS


def measure_name(unit: str, language: str) -> str:
    """A measure's long name in a language, as after a plural number ('meter kubik')."""
    return format_unit(2, unit, length="long", locale=language).replace("2", "", 1).strip()


_SPACE = r"[ \t\u00a0]+"


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns(language: str) -> dict[str, re.Pattern[str]]:
    alternation = _alternation
    word_numbers = number_words(language)
    simple = alternation(w for w in word_numbers if w not in ("belas", "puluh", "ratus"))
    builders = alternation(_ID_BUILDERS) if language == "id" else "NOPE"
    symbols = alternation(currency_signs())
    measures = alternation(measure_words()).replace("\\ ", _SPACE)
    countries = alternation({**country_names(), **PRESS_DEMONYMS})
    return {
        # '5.000', '50,1', 'Rp5', 'US$500', '6th', 'ke-70'; not COVID-19
        "digits": re.compile(
            rf"(?:(?<![\w$])(?P<symbol>(?-i:{symbols}))\.?\s?|(?<![\w.,/:$])(?<![^\W\d_]-))"
            r"(?:(?P<ke>ke-))?"
            r"(?P<digits>\d+(?:[.,]\d+)*)(?P<suffix>st|nd|rd|th)?"
            # glued to a word by a hyphen, a number is no number ('5-year'), unless the word is
            # a measure: 'a 1,830-kilometre line'
            rf"(?![\w/:]|[.,]\d|-(?!(?:{measures})(?!\w))[^\W\d])",
            re.I,
        ),
        # 'dua puluh lima', 'seratus', 'twenty-five', 'sixth'; not 'two-way', 'one-China'
        "words": re.compile(
            rf"(?<![\w'’-])(?P<words>(?:{simple})(?:(?:{_SPACE}|-)(?:{simple}|{builders}))*"
            rf"(?:{_SPACE}(?:{builders}))?)(?![\w'’]|-(?:ways?\b|(?-i:[A-Z])))",
            re.I,
        ),
        "scale": re.compile(rf"{_SPACE}({alternation(scales(language))})(?!\w)", re.I),
        # a currency word, and the country whose currency it is: 'dolar AS', 'dolar Singapura'
        "currency": re.compile(
            rf"{_SPACE}({alternation(currency_words())})"
            rf"(?:{_SPACE}(?-i:({countries})))?(?!\w)",
            re.I,
        ),
        "percent": re.compile(r"\s?%|" + _SPACE + r"(?:persen|percent|per cent)(?!\w)", re.I),
        "measure": re.compile(rf"(?:{_SPACE}|-)({measures})(?!\w)", re.I),
        "out_of": re.compile(rf"{_SPACE}(?:dari|of){_SPACE}(?=[\w$])", re.I),
        "qualifier": re.compile(rf"(?<![\w-])({alternation(QUALIFIERS[language])}){_SPACE}$", re.I),
        "noun": re.compile(r"[ \t\u00a0]+([^\W\d][\w'’-]*(?:[ \t\u00a0]+[^\W\d][\w'’-]*){0,3})"),
    }


_MASKS = (
    # dates: 16/7/2020, (1/12), 11/9
    re.compile(r"(?<![\w/])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\w/])"),
    # clock times: 12:41, 15:38:30, 15.38 WIB (not the thousands of '5.000')
    re.compile(r"(?<!\d)\d{1,2}(?::\d{2}(?::\d{2})?|\.\d{2}(?=\s*(?:WIB|WITA|WIT)\b))(?!\d)"),
    # list numbering at the start of a line or text: '2. Semua pihak'
    re.compile(r"(?m)^\s*\d{1,2}[.)](?=\s)"),
)


def _mask(text: str) -> str:
    """The text with dates, clock times and list numbers blanked out (same length)."""
    masked = text
    for pattern in _MASKS:
        masked = pattern.sub(lambda m: " " * len(m.group()), masked)
    return masked


_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w-]*)")
_MENTERI = re.compile(r"\s+menteri\b", re.I)
_AFTER_ORDINAL = frozenset(
    "di dan yang pada ke dari untuk dengan serta atau ini itu tersebut kalinya kali of".split()
)


def _counts_nothing(words: str, after: str, language: str) -> bool:
    """'Perdana Menteri' is the Prime Minister, not a 'first' minister."""
    return language == "id" and words.lower() == "perdana" and bool(_MENTERI.match(after))


def _collective(words: str, after: str, language: str) -> bool:
    """Is an Indonesian 'ke-' word before a noun a collective ('kelima negara', the five
    countries; 'ketiga negara', all three), not an ordinal ('pertemuan keenam')?"""
    if language != "id" or words.lower() in ("pertama", "perdana"):
        return False
    following = _NEXT_WORD.match(after)
    return following is not None and following.group(1).lower() not in _AFTER_ORDINAL


def _word_value(words: str, language: str) -> tuple[int, bool] | None:
    """'dua puluh lima' -> 25, 'seratus' -> 100, 'twenty-five' -> 25, 'sixth' -> 6."""
    table = number_words(language)
    total = part = 0
    ordinal = False
    for word in re.split(r"[\s-]+", words.lower()):
        if language == "id" and word in _ID_BUILDERS:
            if word == "belas":
                total, part = total + part + 10, 0
            else:
                total, part = total + part * _ID_BUILDERS[word], 0
            continue
        value, is_ordinal = table[word]
        ordinal = ordinal or is_ordinal
        if value == 100 and part and language == "en":
            part *= 100
        elif value >= 1000 and language == "en":
            total, part = (total + (part or 1)) * value, 0
        else:
            part += value
    result = total + part
    return (result, ordinal) if result else None


@dataclass(frozen=True)
class Numeral:
    """A number as written, before its scale and unit: digits or words, with the currency sign
    written before it."""

    value: Decimal
    start: int
    """Where it starts: at its sign ('US$500'), at 'ke-' ('ke-70'), else at its first digit."""
    end: int
    spelled: bool = False
    ordinal: bool = False
    collective: bool = False
    """An Indonesian 'ke-' word of a group: 'kelima negara' (the five countries), 'keduanya'."""
    currency: str | None = None
    """The ISO code of the sign before it: 'US$500' is in USD."""


def numerals(text: str, language: str) -> tuple[Numeral, ...]:
    """Every number text writes, in the reading order: dates, clock times, list numbering,
    digits glued to letters and number words that count nothing left out."""
    return _numerals(text, language)


@lru_cache(maxsize=4096)
def _numerals(text: str, language: str) -> tuple[Numeral, ...]:
    patterns = _patterns(language)
    masked = _mask(text)
    found: list[Numeral] = []
    for match in patterns["digits"].finditer(masked):
        token = match.group("digits")
        try:
            value = parse_decimal(token, locale=LOCALES[language], strict=True)
        except (NumberFormatError, InvalidOperation):
            try:
                other = "en" if language == "id" else "id"
                value = parse_decimal(token, locale=LOCALES[other], strict=True)
            except (NumberFormatError, InvalidOperation):
                continue
        symbol = match.group("symbol")
        start = (
            match.start()
            if symbol
            else match.start("ke")
            if match.group("ke")
            else match.start("digits")
        )
        ordinal = bool(match.group("suffix") or match.group("ke"))
        currency = currency_signs().get(symbol or "")
        found.append(Numeral(value, start, match.end(), ordinal=ordinal, currency=currency))
    for match in patterns["words"].finditer(masked):
        words, after = match.group("words"), masked[match.end() : match.end() + 40]
        read = _word_value(words, language)
        if read is None or _counts_nothing(words, after, language):
            continue
        collective = words.lower() in _ID_GROUPS or (
            read[1] and _collective(words, after, language)
        )
        found.append(
            Numeral(
                Decimal(read[0]),
                match.start(),
                match.end(),
                spelled=True,
                ordinal=read[1] and not collective,
                collective=collective,
            )
        )
    found.sort(key=lambda n: n.start)
    return tuple(found)


_ANNIVERSARY = re.compile(
    r"(?<![\w-])(?:peringatan|ulang[ \t\u00a0]+tahun|HUT|hari[ \t\u00a0]+jadi)[ \t\u00a0]+(?=ke)",
    re.I,
)


def anniversaries(text: str) -> list[tuple[int, Numeral]]:
    """The anniversaries an Indonesian text names ('peringatan ke-70', 'HUT keenam puluh'), as
    (where its word starts, the ordinal): the years it counts."""
    ordinals = {n.start: n for n in numerals(text, "id") if n.ordinal or n.collective}
    return [
        (m.start(), ordinals[m.end()]) for m in _ANNIVERSARY.finditer(text) if m.end() in ordinals
    ]


def scale_at(text: str, end: int, language: str) -> tuple[int, int] | None:
    """The scale word right after a number that ends at end ('41 miliar'), as (scale, where
    it ends); Indonesian reads the English ones too ('US$41 billion' in an Indonesian page)."""
    hit = _patterns(language)["scale"].match(text, end)
    return (scales(language)[hit.group(1).lower()], hit.end()) if hit else None


def unit_at(text: str, end: int, language: str) -> tuple[str, int, int] | None:
    """The unit right after a number (and its scale) that ends at end, as (unit, the scale it
    carries, where it ends): a currency ('dolar AS', 'rupiah', 'yuan Tiongkok'), 'percent'
    ('%', 'persen'), or a CLDR measure ('ton', 'meter kubik'; 'bcm' carries a billion)."""
    patterns = _patterns(language)
    if hit := patterns["currency"].match(text, end):
        code = _currency(hit.group(1), hit.group(2))
        if code:
            return code, 1, hit.end()
    if hit := patterns["percent"].match(text, end):
        return "percent", 1, hit.end()
    if hit := patterns["measure"].match(text, end):
        carried, unit = measure_words()[" ".join(hit.group(1).lower().split())]
        return unit, carried, hit.end()
    return None


def qualifier_before(text: str, start: int, language: str) -> str | None:
    """The Qualifier value of the hedge right before a number ('lebih dari 40': 'more-than')."""
    hit = _patterns(language)["qualifier"].search(text, max(0, start - 30), start)
    return QUALIFIERS[language][hit.group(1).lower()] if hit else None


def _plain(value: Decimal) -> Decimal:
    """The value without trailing zeros and without an exponent (41000000000, not 4.1E+10)."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


def mentions(text: str, language: str) -> list[Mention]:
    """The numbers text states, in the reading order, with scale, unit, noun and qualifier."""
    return list(_mentions(text, language))


@lru_cache(maxsize=4096)
def _mentions(text: str, language: str) -> tuple[Mention, ...]:
    # cached: an article and its quotes are read again for every text that stands on them
    patterns = _patterns(language)
    masked = _mask(text)
    found = numerals(text, language)
    starting = {n.start: n for n in found}
    result: list[Mention] = []
    consumed = -1
    hit: re.Match[str] | None
    for numeral in found:
        if numeral.start < consumed:
            continue
        start, end, bare, spelled = numeral.start, numeral.end, numeral.value, numeral.spelled
        scale = 1
        if scaled := scale_at(masked, end, language):
            scale, end = scaled
        unit = numeral.currency
        if unit is None and (read := unit_at(masked, end, language)):
            unit, carried, end = read
            scale *= carried  # 'bcm' carries its scale: '55 bcm' is '55 miliar meter kubik'
        out_of: Decimal | None = None
        if unit is None and scale == 1 and (hit := patterns["out_of"].match(masked, end)):
            after = starting.get(hit.end())
            year = not spelled and bare == bare.to_integral_value() and 1900 <= bare <= 2100
            if after and not year and not scale_at(masked, after.end, language):
                out_of, end = after.value, after.end
        noun = None
        if unit is None and (hit := patterns["noun"].match(text, end)):
            noun = " ".join(hit.group(1).lower().split())
        consumed = end
        result.append(
            Mention(
                value=_plain(bare * scale),
                bare=_plain(bare),
                scale=scale,
                unit=unit,
                noun=noun,
                qualifier=qualifier_before(text, start, language),
                out_of=out_of,
                start=start,
                end=end,
                words=" ".join(text[start:end].split()),
                spelled=spelled,
                ordinal=numeral.ordinal,
            )
        )
    return tuple(result)


_SENTENCE_END = re.compile(r"[.!?;:](?=\s)|\n")
_CLAUSE_BREAK = {
    "id": re.compile(
        r",(?!\d)|\b(?:dari|menjadi|dan|serta|sedangkan|sementara|dibandingkan|dibanding"
        r"|ketimbang|atau|naik|turun|tumbuh|meningkat|menurun)\b",
        re.I,
    ),
    "en": re.compile(
        r",(?!\d)|\b(?:from|to|and|while|whereas|compared|against|or|up|down|rose|fell)\b",
        re.I,
    ),
}
"""Where a phrase that may hold a value and its year ends: a comma, and the words that start the
next phrase ('naik dari 31 miliar pada 2022', 'menjadi 40 miliar pada 2023')."""


def _gap(mention: Mention, year: Mention) -> tuple[int, bool]:
    """How far year stands from mention, in characters, and whether it stands before it."""
    if year.start >= mention.end:
        return year.start - mention.end, False
    return mention.start - year.end, True


def years_of(text: str, language: str = "id") -> list[tuple[Mention, Mention | None]]:
    """Each number of text that is no year, with the year text ties it to, or None.

    The year is the nearest one in the number's own phrase ('40 miliar dolar AS pada 2023, naik
    dari 31 miliar dolar AS pada 2022': 40 billion is 2023's, 31 billion 2022's); else a year
    that leads the sentence in a phrase of its own ('Pada 2023, perdagangan mencapai 40
    miliar'), the last one before the number, else the first such one after it."""
    said = mentions(text, language)
    breaks = [m.start() for m in _CLAUSE_BREAK[language].finditer(text)]
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]

    def place(at: int, marks: list[int]) -> int:
        return sum(1 for mark in marks if mark <= at)

    def phrase(m: Mention) -> tuple[int, int]:
        return place(m.start, ends), place(m.start, breaks)

    years = [m for m in said if m.is_year]
    valued = {phrase(m) for m in said if not m.is_year}
    tied: list[tuple[Mention, Mention | None]] = []
    for mention in said:
        if mention.is_year:
            continue
        own = [y for y in years if phrase(y) == phrase(mention)]
        if own:
            # the nearer one; on a tie the one after ('31 miliar pada 2022')
            tied.append((mention, min(own, key=lambda y: _gap(mention, y))))
            continue
        leading = [
            y for y in years if phrase(y)[0] == phrase(mention)[0] and phrase(y) not in valued
        ]
        before = [y for y in leading if y.end <= mention.start]
        after = [y for y in leading if y.start >= mention.end]
        tied.append((mention, before[-1] if before else after[0] if after else None))
    return tied


def measured_alike(mention: Mention, others: Iterable[Mention]) -> bool:
    """Does one of others state mention's value, in its measure if it has one ('55 bcm' and '55
    miliar meter kubik'; not '55 juta ton'; a bare '55 miliar' measures nothing else)?"""
    return any(
        mention.value == other.value
        and (mention.unit not in MEASURES or other.unit in (mention.unit, None))
        for other in others
    )


def stated(texts: list[str], language: str = "id") -> set[Decimal]:
    """Every value the texts state, scaled or bare ('41 miliar' states 41000000000 and 41)."""
    return {v for t in texts for m in mentions(t, language) for v in (m.value, m.bare)}


def clear_cache() -> None:
    """Forget the texts read (the cache serves one summary at a time)."""
    _mentions.cache_clear()
    _numerals.cache_clear()


_BETWEEN_DIGITS = re.compile(r"(?<=[\d$€£¥])[^\w\s]+(?=[\d%])")
"""What stands between a digit (or a currency sign) and the next digit, other than letters,
digits and spaces: a separator ('.', ','), or something that cannot be seen."""


def hidden_characters(text: str) -> list[tuple[str, str]]:
    """Each number of text with an invisible character inside it (a format character, Unicode
    category Cf: U+200B ZERO WIDTH SPACE, a word joiner, a bidi control), as (the number as
    written, 'U+200B ZERO WIDTH SPACE'): the reader would see two numbers, 'US$9' and '00'."""
    found = []
    for match in _BETWEEN_DIGITS.finditer(text):
        hidden = [c for c in match.group() if unicodedata.category(c) == "Cf"]
        if hidden:
            start = max(text.rfind(" ", 0, match.start()), 0)
            end = text.find(" ", match.end())
            number = text[start : end if end >= 0 else len(text)].strip()
            char = hidden[0]
            found.append(
                (number, f"U+{ord(char):04X} {unicodedata.name(char, 'FORMAT CHARACTER')}")
            )
    return found
