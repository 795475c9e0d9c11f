"""Amounts: a number the article writes, with its range, total, scale, currency or noun.

The number, its scale and its unit (currency, percent, measure) are read by the one number
reader, briefs/language/numbers.py; this module adds what is the drafter's own: ranges ('10
hingga 15 ribu'), the total ('26 dari 45'), the counted noun with its classifier, the equivalent
in another currency, and what a figure is not (an exchange rate, a date). Figure and Equivalent
are what the figure finder (figures.py) returns; figures.py dates and labels them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from briefs.draft.dates import find_dates
from briefs.draft.words import FUNCTION_WORDS, alternation, countries, exact
from briefs.language.numbers import (
    MEASURES,
    Numeral,
    measure_name,
    numerals,
    qualifier_before,
    scale_at,
    unit_at,
)
from briefs.language.press import QUALIFIERS

_QUALIFIERS = QUALIFIERS["id"]
"""Qualifier words before an equivalent ('(sekitar 657 triliun rupiah)')."""
_CLASSIFIERS = ("jenis", "pasang", "buah", "orang", "unit", "macam", "kali")
DURATIONS = ("tahun", "bulan", "minggu", "pekan", "hari")


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


def cardinals(masked: str) -> dict[int, Numeral]:
    """The numbers of a (date-masked) sentence a figure may be, by where each starts: the number
    reader's, but no ordinal or group ('KTT kedua', 'kelima negara') and no number word
    capitalised, which starts a name or a sentence ('Lima Prinsip', 'Dua negara itu')."""
    return {
        n.start: n
        for n in numerals(masked, "id")
        if not n.ordinal and not n.collective and not (n.spelled and masked[n.start].isupper())
    }


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
"""How far before a number 'antara' (or, in figures.py, 'pertama dalam') is looked for: a word
or two; the window keeps the reading of a sentence linear in its numbers. The sign ('US$') and
the qualifier ('lebih dari') before a number are the number reader's to read."""
_BETWEEN = re.compile(r"\bantara\s+$")
_CLOSE = re.compile(r"\s*\)")


@cache
def _figure_res() -> dict[str, re.Pattern[str]]:
    return {
        "range": re.compile(r"\s*(?:[-–]|hingga|sampai(?:\s+dengan)?|s\.d\.)\s*"),
        "between": re.compile(r"\s+dan\s+"),
        "out_of": re.compile(r"\s+dari\s+"),
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
    masked: str, number: Numeral, at: dict[int, Numeral], consumed: list[tuple[int, int]]
) -> FoundFigure | None:
    """Read one figure starting at a number (at: the sentence's numbers by where they start):
    range, 'dari' total, then its scale and unit as the number reader reads them, else the
    noun it counts; the qualifier before it."""
    res = _figure_res()
    value = number.value
    start, end = number.start, number.end
    lower: Decimal | None = None
    out_of: Decimal | None = None
    # what stands before the number is read in a window that ends at it, never the whole text
    # up to it: a sentence of n numbers is read in time linear in n, not quadratic
    window = max(0, start - LOOKBACK)
    joined = res["range"].match(masked, end)
    if not (joined and joined.end() in at) and _BETWEEN.search(masked, window, start):
        joined = res["between"].match(masked, end)
    if joined and joined.end() in at:
        upper = at[joined.end()]
        lower, value, end = value, upper.value, upper.end
    total = res["out_of"].match(masked, end)
    if total and total.end() in at:
        out_of, end = at[total.end()].value, at[total.end()].end
        consumed.append((total.end(), end))
    scaled_noun = None
    factor = 1
    if scaled := scale_at(masked, end, "id"):
        factor, end = scaled
    unit = unit_at(masked, end, "id")
    if not scaled and unit and unit[0] in MEASURES and unit[1] > 1:
        # '55 bcm': the scale and the noun in one abbreviation
        factor, scaled_noun, end = unit[1], measure_name(unit[0], "id"), unit[2]
    value *= factor
    lower = lower * factor if lower is not None else None
    figure = FoundFigure(
        exact(value),
        "count",
        start,
        end,
        out_of=out_of,
        lower=exact(lower) if lower is not None else None,
    )
    if scaled_noun:
        figure.noun = scaled_noun
    elif number.currency:
        figure.unit = number.currency
    elif unit and unit[0] not in MEASURES:
        figure.unit, figure.end = unit[0], unit[2]
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
    figure.qualifier = qualifier_before(masked, figure.start, "id")
    if lower is not None:
        figure.qualifier = (
            "up-to"  # the summary has no ranges: 'up to' the upper end, noted for the editor
        )
    if figure.unit not in ("count", "percent"):
        figure.equivalent = _equivalent(masked, figure, at, consumed)
    return figure


def _equivalent(
    masked: str, figure: FoundFigure, at: dict[int, Numeral], consumed: list[tuple[int, int]]
) -> Equivalent | None:
    """'41 miliar dolar AS (sekitar 657 triliun rupiah)': the conversion in brackets."""
    opening = _figure_res()["equivalent"].match(masked, figure.end)
    if not opening or opening.end() not in at:
        return None
    amount = money_or_count(masked, at[opening.end()], at, consumed)
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
