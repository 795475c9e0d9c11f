"""Figures: money, percentages and counts, with qualifier, year and the words around them."""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import logging
import re
from functools import lru_cache

from briefs.draft.amounts import (
    DURATIONS,
    LOOKBACK,
    FoundFigure,
    cardinals,
    mask_dates,
    money_or_count,
)
from briefs.draft.cleaning import Article
from briefs.draft.sentences import split_clauses
from briefs.draft.words import FUNCTION_WORDS
from briefs.language.numbers import anniversaries

log = logging.getLogger(__name__)

# Each figure of a sentence is read where it stands (a pattern matched at a position, a window
# before it), never on a copy of the rest of the sentence: drafting a sentence of n numbers is
# linear in n (tests/test_draft_figures.py counts the characters the patterns are given).
WORD_LOOKBACK = 200
"""The last word before a figure is looked for this far back (a word is at most
project.MAX_WORD characters: the checks refuse a longer one)."""
_PERIOD_AFTER = re.compile(r"\s+(?:ke\s+depan|mendatang|terakhir|pertama)\b")
_AGO = re.compile(r"\s+(?:yang\s+)?(?:lalu|silam)\b")
_STILL_TO_COME = re.compile(r"\s+lagi\b")
_FIRST_IN = re.compile(r"\bpertama(?:\s+kali(?:nya)?)?\s+(?:dalam|sejak)\s+$")
_LAST_WORD = re.compile(r"(\S+)\s+$")
_POINTING_BACK = re.compile(r"\s+(?:ini|itu|tersebut)\b")
_WORD = re.compile(r"\S+")
_FOUR_DIGIT_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _is_period_phrase(masked: str, figure: FoundFigure) -> bool:
    """'tiga tahun ke depan', '30 tahun terakhir': a span of time that dates other figures."""
    return figure.noun in DURATIONS and bool(_PERIOD_AFTER.match(masked, figure.end))


_NAMED = re.compile(r"[“\"]([^”\"]{1,40})[”\"]")
"""A short phrase in quotation marks ('"30 tahun emas"', '“Lima Prinsip”'): a name a number is
part of, not a figure."""
_RELATIONS = re.compile(
    r"\bhubungan\s+(?:diplomatik|bilateral|kedua\s+negara)|\b(?:menjalin|terjalin|dijalin)\b", re.I
)
"""What the years of relations are said with."""


@lru_cache(maxsize=16)
def _speaks_of_relations(masked: str) -> bool:
    """Whether the sentence speaks of relations: once per sentence, not once per figure."""
    return _RELATIONS.search(masked) is not None


def _tells_when(masked: str, figure: FoundFigure) -> bool:
    """'11 tahun yang lalu ia mengajukan ...', 'sepuluh hari lagi', 'untuk pertama kalinya
    dalam lima tahun': how long ago or how soon something happens, a time, not a figure; but
    'hubungan diplomatik terjalin 33 tahun silam' is the age of the relations, a figure as the
    summaries count it."""
    ago = _AGO.match(masked, figure.end)
    return figure.noun in DURATIONS and bool(
        (ago and not _speaks_of_relations(masked))
        or _STILL_TO_COME.match(masked, figure.end)
        or _FIRST_IN.search(masked, max(0, figure.start - LOOKBACK), figure.start)
    )


def _spelled_out_counts(masked: str, figure: FoundFigure) -> bool:
    """Is a number written in words a figure? Only as a duration (tujuh tahun), with its total
    (tiga dari lima), or as what a verb or 'di' takes (mencapai lima konsensus, di lima negara),
    not when it points back (tiga tindakan ini): mostly such numbers name a group."""
    if figure.out_of is not None:
        return True
    previous = _LAST_WORD.search(masked, max(0, figure.start - WORD_LOOKBACK), figure.start)
    word = previous.group(1) if previous else ""
    if figure.noun in DURATIONS:
        # 'dalam waktu tiga tahun', 'tujuh tahun lebih cepat' measure; 'dua hari', 'setelah
        # lima tahun', 'tiga tahun lalu' only tell when
        return (
            figure.value > 2
            and word.lower() not in ("setelah", "sejak", "sebelum", "selepas", "sesudah")
            and not _AGO.match(masked, figure.end)
        )
    if figure.value >= 1_000_000:
        return True  # 'enam juta orang': a spelled-out scale is always an amount
    if figure.value <= 2:
        return False  # 'dua jalur', 'dua kunjungannya': a pair, not a figure
    pointing_back = _POINTING_BACK.match(masked, figure.end)
    return bool(re.fullmatch(r"di|me[a-z]{3,}", word)) and not pointing_back


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


def find_figures(sentence: str, reference: dt.date | None) -> list[FoundFigure]:
    """The figures of one sentence: money, percentages and counts, with qualifier and time."""
    masked = mask_dates(sentence)
    names = [m.span() for m in _NAMED.finditer(sentence) if len(m.group(1).split()) <= 4]
    name_starts = [start for start, _ in names]
    clauses = _Clauses(sentence)
    figures: list[FoundFigure] = []
    # the spans read so far, by their end: those ending at or before a number are dropped, so
    # each number is held to the few spans still open where it stands
    consumed: list[tuple[int, int]] = []
    at = cardinals(masked)
    for number in at.values():
        while consumed and consumed[0][0] <= number.start:
            heapq.heappop(consumed)
        if any(a <= number.start for _, a in consumed):
            continue
        read: list[tuple[int, int]] = []
        figure = money_or_count(masked, number, at, read)
        for a, b in read:
            heapq.heappush(consumed, (b, a))
        if figure is None or _is_period_phrase(masked, figure) or _tells_when(masked, figure):
            continue
        if _in_a_name(names, name_starts, figure.start):
            continue
        if number.spelled and figure.unit == "count" and not _spelled_out_counts(masked, figure):
            continue
        heapq.heappush(consumed, (figure.end, figure.start))
        figures.append(figure)
    for start, ordinal in anniversaries(sentence):
        figures.append(
            FoundFigure(ordinal.value, "count", start, ordinal.end, noun="tahun", anniversary=True)
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
        figure.quote = _clause(sentence, figure, clauses)
        figure.label = _label(sentence, figure, figures[i - 1] if i else None, clauses)
    return figures


def _date_figure(
    sentence: str,
    figure: FoundFigure,
    after_previous: int,
    before_next: int,
    reference: dt.date | None,
) -> None:
    """The year a figure refers to (the nearest one its sentence names) and where the sentence
    names it; a yearly rate's period ('per tahun'); else the sentence's period."""
    # first the words after it, up to the next figure; then those before it; then the sentence
    for start, end, nearest in (
        (figure.end, before_next, 0),
        (after_previous, figure.start, -1),
        (0, len(sentence), 0),
    ):
        if end - start == len(sentence):  # the whole sentence: read once for all its figures
            years: list[re.Match[str]] | tuple[re.Match[str], ...] = _years(sentence)
        else:  # the words between two figures: each stretch read once or twice in all
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
                named = _named_years_before(sentence, m.start())
                if named:
                    figure.year = int(named[-1].group(0)) - 1
                    # the quote reaches the year it counts back from
                    figure.year_span = (named[-1].start(), m.end())
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
    period = _sentence_period(sentence) if figure.year is None else None
    if period:
        figure.period = period.group(0)[:1].lower() + period.group(0)[1:]


@lru_cache(maxsize=16)
def _years(sentence: str) -> tuple[re.Match[str], ...]:
    """The years a sentence names (not those compared with), once per sentence."""
    return tuple(
        m
        for m in _YEAR.finditer(sentence)
        if not _BASE_YEAR.search(sentence, max(0, m.start() - 25), m.start())
    )


@lru_cache(maxsize=16)
def _four_digit_years(sentence: str) -> tuple[list[int], list[re.Match[str]]]:
    """The four-digit numbers of a sentence and where each ends, once per sentence."""
    years = list(_FOUR_DIGIT_YEAR.finditer(sentence))
    return [m.end() for m in years], years


def _named_years_before(sentence: str, position: int) -> list[re.Match[str]]:
    """The four-digit year of the sentence nearest before position, if any."""
    ends, years = _four_digit_years(sentence)
    before = bisect.bisect_right(ends, position)
    return years[before - 1 : before] if before else []


@lru_cache(maxsize=16)
def _sentence_period(sentence: str) -> re.Match[str] | None:
    return _PERIOD.search(sentence)


class _Clauses:
    """A sentence's clauses, split once, found by position in logarithmic time."""

    def __init__(self, sentence: str) -> None:
        self.spans = split_clauses(sentence)
        self.starts = [s for s, _ in self.spans]
        self.ends = [e for _, e in self.spans]
        self.length = len(sentence)
        self.lower = sentence.lower()
        self._found: dict[str, int] = {}

    def start_reaching(self, position: int) -> int:
        """The start of the first clause that reaches position (ends at or after it)."""
        return self.spans[bisect.bisect_left(self.ends, position)][0]

    def end_reaching(self, position: int) -> int:
        i = bisect.bisect_left(self.ends, position)
        return self.ends[i] if i < len(self.ends) else self.length

    def start_after(self, position: int) -> int:
        """The start of the first clause that ends after position."""
        return self.spans[bisect.bisect_right(self.ends, position)][0]

    def start_of(self, position: int) -> int:
        """The start of the clause position stands in (the last that starts at or before it)."""
        return self.starts[bisect.bisect_right(self.starts, position) - 1]

    def find(self, words: str) -> int:
        """Where words first stand in the sentence, case aside (-1: nowhere)."""
        if words not in self._found:
            self._found[words] = self.lower.find(words.lower())
        return self._found[words]


def _in_a_name(names: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    """Whether position stands in one of the quoted names (sorted, apart from each other)."""
    i = bisect.bisect_right(starts, position) - 1
    return i >= 0 and position < names[i][1]


def _clause(sentence: str, figure: FoundFigure, clauses: _Clauses) -> str:
    """The clause (or clauses) of the sentence the figure stands in: its quote. An anniversary
    ('peringatan ke-70 berdirinya ...') is quoted from its own first word."""
    first = figure.start if figure.anniversary else clauses.start_reaching(figure.start)
    last = clauses.end_reaching(figure.end)
    # The period ('Dalam tiga tahun ke depan, ...') and the year ('pada 2022, ...') are part
    # of what the quote must show.
    at = clauses.find(figure.period) if figure.period else -1
    spans = [(at, at + len(figure.period or ""))] if at >= 0 else []
    spans += [figure.year_span] if figure.year_span else []
    for start, end in spans:
        if not first <= start < last:
            first = min(first, clauses.start_after(start))
            last = max(last, end)
    return re.sub(r"^(?:dan|serta|atau)\s+", "", sentence[first:last].strip())


_LABEL_STRIP = FUNCTION_WORDS | {"senilai", "sebesar", "sebanyak", "waktu", "selama"}


def _label(
    sentence: str, figure: FoundFigure, previous: FoundFigure | None, clauses: _Clauses
) -> str:
    """What the figure measures: the counted noun; for a span of years what follows it
    ('30 tahun hubungan diplomatik'); else the words before the amount, without the verb
    ('perdagangan bilateral mencapai 41 miliar' -> 'Perdagangan bilateral')."""
    words: list[str] = []
    if figure.anniversary:
        words = figure.quote.split()
    elif figure.unit == "count" and figure.noun and figure.noun not in DURATIONS:
        words = figure.noun.split()
    elif figure.unit == "count":
        for found in _WORD.finditer(sentence, figure.end):
            word = found.group()
            if word.strip(",.;").lower() in FUNCTION_WORDS or len(words) == 4:
                break
            words.append(word.strip(",.;"))
    if not words:
        start = clauses.start_of(figure.start)
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


def article_figures(article: Article, reference: dt.date | None) -> list[FoundFigure]:
    """Every figure of the story, in order, each once (the same value, unit, noun and total
    stated again is the same figure)."""
    found: list[FoundFigure] = []
    seen: set[tuple[object, ...]] = set()
    for _, sentence in article.sentences():
        for figure in find_figures(sentence, reference):
            key = (figure.value, figure.unit, (figure.noun or "").lower(), figure.out_of)
            if key not in seen:
                seen.add(key)
                found.append(figure)
    return found
