"""Amounts: a number the article writes, with its range, total, scale, currency or noun.

Figure and Equivalent are what the figure finder (figures.py) returns; this module reads one
amount at a number, figures.py dates and labels it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel.numbers import (
    NumberFormatError,
    get_currency_name,
    get_currency_symbol,
    get_territory_currencies,
    parse_decimal,
)

from briefs.draft.dates import find_dates
from briefs.draft.words import FUNCTION_WORDS, alternation, countries, country_pattern, exact
from briefs.language.numbers import scales
from briefs.language.press import CARDINALS, PRESS_CURRENCY_WORDS, PRESS_SYMBOLS, QUALIFIERS
from briefs.summary.fields import country_codes

PRESS_SCALED_UNITS = {"bcm": (10**9, "meter kubik")}
"""The press's abbreviations that carry a scale: '55 bcm' is 55 miliar meter kubik of gas."""
_SCALED_UNIT = re.compile(r"\s+(bcm)\b", re.I)

_QUALIFIERS = QUALIFIERS["id"]
"""Qualifier words before an amount: the press words briefs.language.numbers reads too."""
_NUMBER_WORDS: dict[str, int | None] = {**CARDINALS, "belas": None, "puluh": None, "ratus": None}
"""Spelled-out numbers, and the words that build larger ones ('dua puluh', 'tiga belas')."""
_CLASSIFIERS = ("jenis", "pasang", "buah", "orang", "unit", "macam", "kali")
DURATIONS = ("tahun", "bulan", "minggu", "pekan", "hari")


@cache
def _scales() -> dict[str, int]:
    """Scale words of both languages (an Indonesian page quotes English ones): the number
    reader's, CLDR's long compact forms and the press's ('milyar')."""
    return {**scales("id"), **scales("en")}


@cache
def _currencies() -> tuple[dict[str, set[str]], dict[str, str]]:
    """First words of the Indonesian CLDR names of today's currencies (Dolar Amerika Serikat,
    Rupiah Indonesia) -> codes; their unambiguous symbols (US$, Rp) -> code."""
    current = {
        code for territory in country_codes() for code in get_territory_currencies(territory)
    }
    words: dict[str, set[str]] = {}
    symbols: dict[str, set[str]] = {}
    for code in current:
        words.setdefault(get_currency_name(code, locale="id").split()[0].lower(), set()).add(code)
        symbol = get_currency_symbol(code, locale="id")
        if symbol != code:
            symbols.setdefault(symbol, set()).add(code)
    unique = {symbol: codes.pop() for symbol, codes in symbols.items() if len(codes) == 1}
    return words, {**unique, **PRESS_SYMBOLS}  # the press's signs: '$70 miliar' is in US dollars


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
    return PRESS_CURRENCY_WORDS.get(word.lower())


@dataclass(frozen=True)
class Equivalent:
    """The same amount in another currency, as the article converts it."""

    value: Decimal
    unit: str
    qualifier: str | None = None


@dataclass
class FoundFigure:
    """A number the article states, with its unit and the words around it."""

    value: Decimal
    unit: str
    start: int
    end: int
    noun: str | None = None
    qualifier: str | None = None
    out_of: Decimal | None = None
    lower: Decimal | None = None
    equivalent: Equivalent | None = None
    year: int | None = None
    year_span: tuple[int, int] | None = None
    """Where the sentence names the year: the quote reaches it."""
    year_relative: bool = False
    """The year is counted from the reference date ('tahun lalu', 'tahun ini')."""
    period: str | None = None
    quote: str = ""
    label: str = ""
    anniversary: bool = False


@cache
def number_re() -> re.Pattern[str]:
    words = alternation(_NUMBER_WORDS)
    return re.compile(
        # not in 5G, G20, ke-70, COVID-19, 12:41 or 16/7; but in 3-4 and Rp5
        rf"(?:(?<=Rp)|(?<=USD)|(?<=US\$)|(?<![\w./,:])(?<![A-Za-z]-))"
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
        elif (number := _NUMBER_WORDS[word]) is None:
            return None
        else:
            part += number
    return total + part or None


def _number(match: re.Match[str]) -> Decimal | None:
    if match.group("digits"):
        try:
            return parse_decimal(match.group("digits"), locale="id", strict=True)
        except NumberFormatError:
            return None
    value = _words_value(match.group("words"))
    return None if value is None else Decimal(value)


_EXCHANGE_RATE = re.compile(
    r"\(\s*(?:kurs\s+)?(?:1\s+[A-Za-z$]+(?:\s+[A-Z]{2,3})?|US\$\s?1|\$\s?1|USD\s?1|Rp\s?1)\s*=\s*[^)]*\)"
    r"|\((?:dengan\s+)?kurs\b[^)]*\)",
    re.I,
)
"""'(1 dolar AS = Rp14.810)', '(US$1 = Rp15.600)', '(kurs Rp14.900 per dolar AS)': the rate the
article converted at, never a figure."""


def mask_dates(sentence: str) -> str:
    """The sentence with its dates and years blanked out (same length), so no day is a figure."""
    masked = list(sentence)
    spans = [(d.start, d.end) for d in find_dates(sentence)]
    spans += [m.span() for m in re.finditer(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)", sentence)]
    spans += [m.span() for m in re.finditer(r"\d{1,2}[:.]\d{2}\s*(?:WIB|WITA|WIT)", sentence)]
    # '(1 dolar = Rp14.875)': the exchange rate the article used, not a figure
    spans += [m.span() for m in _EXCHANGE_RATE.finditer(sentence)]
    for start, end in spans:
        masked[start:end] = " " * (end - start)
    return "".join(masked)


LOOKBACK = 80
"""How far before a number its symbol ('US$'), qualifier ('lebih dari') or 'antara' is looked
for: each is a word or two; the window keeps the reading of a sentence linear in its numbers."""
_BETWEEN = re.compile(r"\bantara\s+$")
_CLOSE = re.compile(r"\s*\)")


@cache
def _figure_res() -> dict[str, re.Pattern[str]]:
    number = number_re().pattern
    country = country_pattern()
    _, symbols = _currencies()
    return {
        "range": re.compile(rf"\s*(?:[-–]|hingga|sampai(?:\s+dengan)?|s\.d\.)\s*(?={number})"),
        "between": re.compile(r"\s+dan\s+"),
        "out_of": re.compile(rf"\s+dari\s+(?={number})"),
        "scale": re.compile(rf"\s+(?i:({alternation(_scales())}))(?!\w)"),
        "currency": re.compile(rf"\s+([A-Za-z]+)(?:\s+({country}))?"),
        "percent": re.compile(r"\s*(?:%|persen\b)"),
        "symbol": re.compile(rf"({alternation(symbols)})\.?\s*$"),  # US$50,1 / Rp. 5
        "leading_symbol": re.compile(rf"(?:{alternation(symbols)})\.?\s*(?=\d)"),
        "qualifier": re.compile(rf"(?i:\b({alternation(_QUALIFIERS)}))\s+$"),
        # (sekitar 657 triliun rupiah) / atau setara Rp1.046,12 triliun / , setara dengan Rp 650
        "equivalent": re.compile(
            rf"\s*(?:(?P<open>\()\s*|,?\s+(?:atau\s+)?(?=(?i:setara|sekitar|kira-kira)\b))"
            rf"(?i:({alternation(_QUALIFIERS)})\s+)?(?:setara(?:\s+dengan)?\s+)?"
        ),
        "noun": re.compile(
            rf"\s+(?:({'|'.join(_CLASSIFIERS)})\s+)?([A-Za-z][\w-]*)((?:\s+[A-Z][\w-]*)*)"
        ),
    }


def money_or_count(
    masked: str, m: re.Match[str], consumed: list[tuple[int, int]]
) -> FoundFigure | None:
    """Read one figure starting at a number: range, 'dari' total, scale, unit and qualifier."""
    res = _figure_res()
    value = _number(m)
    if value is None:
        return None
    start, end = m.start(), m.end()
    lower: Decimal | None = None
    out_of: Decimal | None = None
    # what stands before the number is read in a window that ends at it, never the whole text
    # up to it: a sentence of n numbers is read in time linear in n, not quadratic
    window = max(0, start - LOOKBACK)
    joined = res["range"].match(masked, end)
    if not joined and _BETWEEN.search(masked, window, start):
        joined = res["between"].match(masked, end)
    if joined:
        upper_match = number_re().match(masked, joined.end())
        upper = _number(upper_match) if upper_match else None
        if upper_match and upper is not None:
            lower, value, end = value, upper, upper_match.end()
    total = res["out_of"].match(masked, end)
    if total:
        total_match = number_re().match(masked, total.end())
        if total_match and _number(total_match) is not None:
            out_of, end = _number(total_match), total_match.end()
            consumed.append(total_match.span())
    scale = res["scale"].match(masked, end)
    scaled_noun = None
    if scale:
        factor = _scales()[scale.group(1).lower()]
        value, end = value * factor, scale.end()
        lower = lower * factor if lower is not None else None
    elif abbreviation := _SCALED_UNIT.match(masked, end):
        # '55 bcm': the scale and the noun in one abbreviation
        factor, scaled_noun = PRESS_SCALED_UNITS[abbreviation.group(1).lower()]
        value, end = value * factor, abbreviation.end()
        lower = lower * factor if lower is not None else None
    figure = FoundFigure(
        exact(value),
        "count",
        start,
        end,
        out_of=out_of,
        lower=exact(lower) if lower is not None else None,
    )
    symbol = res["symbol"].search(masked, window, start)
    currency = res["currency"].match(masked, end)
    code = currency and _currency(currency.group(1), currency.group(2))
    if scaled_noun:
        figure.noun = scaled_noun
    elif symbol:
        figure.unit, figure.start = _currencies()[1][symbol.group(1)], symbol.start()
    elif code and currency:
        figure.unit, figure.end = code, currency.end()
    elif percent := res["percent"].match(masked, end):
        figure.unit, figure.end = "percent", percent.end()
    else:
        noun = res["noun"].match(masked, end)
        if noun and noun.group(1) and noun.group(2).lower() in FUNCTION_WORDS:
            # '6 juta orang itu': the classifier is the noun itself
            figure.noun, figure.end = noun.group(1), noun.start(2) - 1
        elif not noun or noun.group(2).lower() in FUNCTION_WORDS or noun.group(2) in countries():
            return None
        else:
            figure.noun = " ".join(
                filter(None, (noun.group(1), noun.group(2), noun.group(3).strip()))
            )
            figure.end = noun.end()
    qualifier = res["qualifier"].search(masked, max(0, figure.start - LOOKBACK), figure.start)
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
    masked: str, figure: FoundFigure, consumed: list[tuple[int, int]]
) -> Equivalent | None:
    """'41 miliar dolar AS (sekitar 657 triliun rupiah)': the conversion in brackets."""
    opening = _figure_res()["equivalent"].match(masked, figure.end)
    if not opening:
        return None
    symbol = _figure_res()["leading_symbol"].match(masked, opening.end())
    inner = number_re().match(masked, symbol.end() if symbol else opening.end())
    if not inner:
        return None
    amount = money_or_count(masked, inner, consumed)
    if (
        amount is None
        or amount.unit in ("count", "percent", figure.unit)
        or amount.lower is not None
    ):
        return None
    close = _CLOSE.match(masked, amount.end) if opening.group("open") else None
    if opening.group("open") and not close:
        return None
    consumed.append((amount.start, amount.end))
    figure.end = close.end() if close else amount.end
    qualifier = opening.group(2)
    return Equivalent(
        amount.value, amount.unit, _QUALIFIERS[qualifier.lower()] if qualifier else None
    )
