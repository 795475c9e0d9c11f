"""Figures: money, percentages and counts, with qualifier, year and the words around them."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.numbers import (
    NumberFormatError,
    get_currency_name,
    get_currency_symbol,
    get_territory_currencies,
    parse_decimal,
)

from ..models import country_codes
from ..press import CARDINALS, QUALIFIERS
from .cleaning import Article, split_clauses
from .dates import find_dates
from .words import FUNCTION_WORDS, alternation, countries, country_pattern, exact

log = logging.getLogger(__name__)

PRESS_SCALES = {"milyar": 10**9}
"""The press's older spelling of 'miliar', besides CLDR's scale words."""

PRESS_CURRENCIES = {"dolar": "USD", "dollar": "USD"}
PRESS_SYMBOLS = {"$": "USD", "USD": "USD", "US $": "USD"}
"""Alone, the press's '$70 miliar' is in US dollars, as is 'USD 5 juta'."""


_QUALIFIERS = QUALIFIERS["id"]
"""Qualifier words before an amount: the press words briefs.numbers reads too."""
_NUMBER_WORDS: dict[str, int | None] = {**CARDINALS, "belas": None, "puluh": None, "ratus": None}
"""Spelled-out numbers, and the words that build larger ones ('dua puluh', 'tiga belas')."""
_CLASSIFIERS = ("jenis", "pasang", "buah", "orang", "unit", "macam", "kali")
_DURATIONS = ("tahun", "bulan", "minggu", "pekan", "hari")


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
    return words, {**unique, **PRESS_SYMBOLS}


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


@dataclass(frozen=True)
class Equivalent:
    """The same amount in another currency, as the article converts it."""

    value: Decimal
    unit: str
    qualifier: str | None = None


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
def _number_re() -> re.Pattern[str]:
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


def _mask_dates(sentence: str) -> str:
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


@cache
def _figure_res() -> dict[str, re.Pattern[str]]:
    number = _number_re().pattern
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


def _money_or_count(
    masked: str, m: re.Match[str], consumed: list[tuple[int, int]]
) -> Figure | None:
    """Read one figure starting at a number: range, 'dari' total, scale, unit and qualifier."""
    res = _figure_res()
    value = _number(m)
    if value is None:
        return None
    start, end = m.start(), m.end()
    lower: Decimal | None = None
    out_of: Decimal | None = None
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
        value, end = value * factor, scale.end()
        lower = lower * factor if lower is not None else None
    figure = Figure(
        exact(value),
        "count",
        start,
        end,
        out_of=out_of,
        lower=exact(lower) if lower is not None else None,
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


def _equivalent(masked: str, figure: Figure, consumed: list[tuple[int, int]]) -> Equivalent | None:
    """'41 miliar dolar AS (sekitar 657 triliun rupiah)': the conversion in brackets."""
    opening = _figure_res()["equivalent"].match(masked, figure.end)
    if not opening:
        return None
    symbol = _figure_res()["leading_symbol"].match(masked, opening.end())
    inner = _number_re().match(masked, symbol.end() if symbol else opening.end())
    if not inner:
        return None
    amount = _money_or_count(masked, inner, consumed)
    if (
        amount is None
        or amount.unit in ("count", "percent", figure.unit)
        or amount.lower is not None
    ):
        return None
    close = re.match(r"\s*\)", masked[amount.end :]) if opening.group("open") else None
    if opening.group("open") and not close:
        return None
    consumed.append((amount.start, amount.end))
    figure.end = amount.end + (close.end() if close else 0)
    qualifier = opening.group(2)
    return Equivalent(
        amount.value, amount.unit, _QUALIFIERS[qualifier.lower()] if qualifier else None
    )


def _is_period_phrase(masked: str, figure: Figure) -> bool:
    """'tiga tahun ke depan', '30 tahun terakhir': a span of time that dates other figures."""
    return figure.noun in _DURATIONS and bool(
        re.match(r"\s+(?:ke\s+depan|mendatang|terakhir|pertama)\b", masked[figure.end :])
    )


def _spelled_out_counts(masked: str, figure: Figure) -> bool:
    """Is a number written in words a figure? Only as a duration (tujuh tahun), with its total
    (tiga dari lima), or as what a verb or 'di' takes (mencapai lima konsensus, di lima negara),
    not when it points back (tiga tindakan ini): mostly such numbers name a group."""
    if figure.out_of is not None:
        return True
    previous = re.search(r"(\S+)\s+$", masked[: figure.start])
    word = previous.group(1) if previous else ""
    if figure.noun in _DURATIONS:
        # 'dalam waktu tiga tahun', 'tujuh tahun lebih cepat' measure; 'dua hari', 'setelah
        # lima tahun', 'tiga tahun lalu' only tell when
        after = masked[figure.end :]
        return (
            figure.value > 2
            and word.lower() not in ("setelah", "sejak", "sebelum", "selepas", "sesudah")
            and not re.match(r"\s+(?:yang\s+)?(?:lalu|silam)\b", after)
        )
    if figure.value >= 1_000_000:
        return True  # 'enam juta orang': a spelled-out scale is always an amount
    if figure.value <= 2:
        return False  # 'dua jalur', 'dua kunjungannya': a pair, not a figure
    pointing_back = re.match(r"\s+(?:ini|itu|tersebut)\b", masked[figure.end :])
    return bool(re.fullmatch(r"di|me[a-z]{3,}", word)) and not pointing_back


_ANNIVERSARY = re.compile(r"\b(?:peringatan|ulang\s+tahun|HUT|hari\s+jadi)\s+ke-(\d+)\b", re.I)
_PERIOD = re.compile(
    r"(?i:(?:hingga\s+|sampai\s+)?saat\s+ini|\bkini\b|"
    r"(?:(?:dalam|selama)\s+(?:waktu\s+)?)?\b(?:\d+|[a-z]+(?:\s+[a-z]+)?)\s+(?:tahun|bulan)\s+(?:ke\s+depan|mendatang|terakhir)|"
    r"(?:dalam|selama)\s+waktu\s+(?:\d+|[a-z]+)\s+(?:tahun|bulan))"
)
_YEAR = re.compile(
    r"\b(?:(?:pada\s+)?tahun\s+|pada\s+|sepanjang\s+(?:tahun\s+)?)((?:19|20)\d\d)\b"
    r"|\btahun\s+(lalu|ini)\b|\b(setahun|tahun)\s+sebelumnya\b",
    re.I,
)
"""'pada 2022', 'tahun 2021', 'sepanjang tahun 2021'; 'tahun lalu', 'tahun ini' (from the
publication date); 'setahun sebelumnya' (the year before the one the sentence names before)."""
_BASE_YEAR = re.compile(r"\b(?:dibanding(?:kan)?(?:\s+dengan)?|dari|daripada)\s+$", re.I)
"""'naik 90 persen dibandingkan tahun 2011': the year compared with, not the figure's."""
_YEARLY = re.compile(
    r"\b(?:per|setiap|tiap)\s+tahun(?:nya)?\b|\bsetahun\b(?!\s+(?:sebelumnya|(?:yang\s+)?lalu))",
    re.I,
)
"""'70 miliar dolar AS per tahun': a yearly rate, whose time is a period, not a year."""


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
    """The year a figure refers to (the nearest one its sentence names) and where the sentence
    names it; a yearly rate's period ('per tahun'); else the sentence's period."""
    # first the words after it, up to the next figure; then those before it; then the sentence
    for start, end, nearest in (
        (figure.end, before_next, 0),
        (after_previous, figure.start, -1),
        (0, len(sentence), 0),
    ):
        years = [
            m
            for m in _YEAR.finditer(sentence, start, end)
            if not _BASE_YEAR.search(sentence, max(0, m.start() - 25), m.start())
        ]
        if years:
            m = years[nearest]
            figure.year_span = m.span()
            if m.group(1):
                figure.year = int(m.group(1))
            elif m.group(3):
                # 'setahun sebelumnya': the year before the last year named before it
                named = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", sentence[: m.start()])]
                if named:
                    figure.year = named[-1] - 1
                elif reference:
                    figure.year, figure.year_relative = reference.year - 1, True
            elif reference:
                figure.year = reference.year - (m.group(2).lower() == "lalu")
                figure.year_relative = True
            if figure.year is not None:
                break
            figure.year_span = None
    yearly = _YEARLY.search(sentence, figure.end, before_next)
    if yearly:
        figure.period = yearly.group(0).lower()
        figure.year, figure.year_span = None, None  # a rate: its period, whatever year is near
        return
    period = _PERIOD.search(sentence) if figure.year is None else None
    if period:
        figure.period = period.group(0)[:1].lower() + period.group(0)[1:]


def _clause(sentence: str, figure: Figure) -> str:
    """The clause (or clauses) of the sentence the figure stands in: its quote. An anniversary
    ('peringatan ke-70 berdirinya ...') is quoted from its own first word."""
    clauses = split_clauses(sentence)
    first = figure.start if figure.anniversary else next(s for s, e in clauses if e >= figure.start)
    last = next((e for s, e in clauses if e >= figure.end), len(sentence))
    # The period ('Dalam tiga tahun ke depan, ...') and the year ('pada 2022, ...') are part
    # of what the quote must show.
    at = sentence.lower().find(figure.period.lower()) if figure.period else -1
    spans = [(at, at + len(figure.period or ""))] if at >= 0 else []
    spans += [figure.year_span] if figure.year_span else []
    for start, end in spans:
        if not first <= start < last:
            first = min(first, next(s for s, e in clauses if e > start))
            last = max(last, end)
    return re.sub(r"^(?:dan|serta|atau)\s+", "", sentence[first:last].strip())


_LABEL_STRIP = FUNCTION_WORDS | {"senilai", "sebesar", "sebanyak", "waktu", "selama"}


def _label(sentence: str, figure: Figure, previous: Figure | None) -> str:
    """What the figure measures: the counted noun; for a span of years what follows it
    ('30 tahun hubungan diplomatik'); else the words before the amount, without the verb
    ('perdagangan bilateral mencapai 41 miliar' -> 'Perdagangan bilateral')."""
    words: list[str] = []
    if figure.anniversary:
        words = figure.quote.split()
    elif figure.unit == "count" and figure.noun and figure.noun not in _DURATIONS:
        words = figure.noun.split()
    elif figure.unit == "count":
        for word in sentence[figure.end :].split():
            if word.strip(",.;").lower() in FUNCTION_WORDS or len(words) == 4:
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


def article_figures(article: Article, reference: dt.date | None) -> list[Figure]:
    """Every figure of the story, in order, each once (the same value, unit, noun and total
    stated again is the same figure)."""
    found: list[Figure] = []
    seen: set[tuple[object, ...]] = set()
    for _, sentence in article.sentences():
        for figure in find_figures(sentence, reference):
            key = (figure.value, figure.unit, (figure.noun or "").lower(), figure.out_of)
            if key not in seen:
                seen.add(key)
                found.append(figure)
    return found
