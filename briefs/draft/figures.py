"""Figures: money, percentages and counts, with qualifier, year and the words around them."""

from __future__ import annotations

import datetime as dt
import logging
import re
from decimal import Decimal

from briefs.draft.amounts import DURATIONS, FoundFigure, mask_dates, money_or_count, number_re
from briefs.draft.cleaning import Article
from briefs.draft.sentences import split_clauses
from briefs.draft.words import FUNCTION_WORDS

log = logging.getLogger(__name__)


def _is_period_phrase(masked: str, figure: FoundFigure) -> bool:
    """'tiga tahun ke depan', '30 tahun terakhir': a span of time that dates other figures."""
    return figure.noun in DURATIONS and bool(
        re.match(r"\s+(?:ke\s+depan|mendatang|terakhir|pertama)\b", masked[figure.end :])
    )


_NAMED = re.compile(r"[“\"]([^”\"]{1,40})[”\"]")
"""A short phrase in quotation marks ('"30 tahun emas"', '“Lima Prinsip”'): a name a number is
part of, not a figure."""
_RELATIONS = re.compile(
    r"\bhubungan\s+(?:diplomatik|bilateral|kedua\s+negara)|\b(?:menjalin|terjalin|dijalin)\b", re.I
)
"""What the years of relations are said with."""


def _tells_when(masked: str, figure: FoundFigure) -> bool:
    """'11 tahun yang lalu ia mengajukan ...', 'sepuluh hari lagi', 'untuk pertama kalinya
    dalam lima tahun': how long ago or how soon something happens, a time, not a figure; but
    'hubungan diplomatik terjalin 33 tahun silam' is the age of the relations, a figure as the
    summaries count it."""
    ago = re.match(r"\s+(?:yang\s+)?(?:lalu|silam)\b", masked[figure.end :])
    return figure.noun in DURATIONS and bool(
        (ago and not _RELATIONS.search(masked))
        or re.match(r"\s+lagi\b", masked[figure.end :])
        or re.search(r"\bpertama(?:\s+kali(?:nya)?)?\s+(?:dalam|sejak)\s+$", masked[: figure.start])
    )


def _spelled_out_counts(masked: str, figure: FoundFigure) -> bool:
    """Is a number written in words a figure? Only as a duration (tujuh tahun), with its total
    (tiga dari lima), or as what a verb or 'di' takes (mencapai lima konsensus, di lima negara),
    not when it points back (tiga tindakan ini): mostly such numbers name a group."""
    if figure.out_of is not None:
        return True
    previous = re.search(r"(\S+)\s+$", masked[: figure.start])
    word = previous.group(1) if previous else ""
    if figure.noun in DURATIONS:
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


def find_figures(sentence: str, reference: dt.date | None) -> list[FoundFigure]:
    """The figures of one sentence: money, percentages and counts, with qualifier and time."""
    masked = mask_dates(sentence)
    names = [m.span() for m in _NAMED.finditer(sentence) if len(m.group(1).split()) <= 4]
    figures: list[FoundFigure] = []
    consumed: list[tuple[int, int]] = []
    for m in number_re().finditer(masked):
        if any(a <= m.start() < b for a, b in consumed):
            continue
        figure = money_or_count(masked, m, consumed)
        if figure is None or _is_period_phrase(masked, figure) or _tells_when(masked, figure):
            continue
        if any(a <= figure.start < b for a, b in names):
            continue
        if m.group("words") and figure.unit == "count" and not _spelled_out_counts(masked, figure):
            continue
        consumed.append((figure.start, figure.end))
        figures.append(figure)
    for m in _ANNIVERSARY.finditer(sentence):
        figures.append(
            FoundFigure(
                Decimal(m.group(1)), "count", m.start(), m.end(), noun="tahun", anniversary=True
            )
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
                named = list(re.finditer(r"\b(?:19|20)\d\d\b", sentence[: m.start()]))
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
    period = _PERIOD.search(sentence) if figure.year is None else None
    if period:
        figure.period = period.group(0)[:1].lower() + period.group(0)[1:]


def _clause(sentence: str, figure: FoundFigure) -> str:
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


def _label(sentence: str, figure: FoundFigure, previous: FoundFigure | None) -> str:
    """What the figure measures: the counted noun; for a span of years what follows it
    ('30 tahun hubungan diplomatik'); else the words before the amount, without the verb
    ('perdagangan bilateral mencapai 41 miliar' -> 'Perdagangan bilateral')."""
    words: list[str] = []
    if figure.anniversary:
        words = figure.quote.split()
    elif figure.unit == "count" and figure.noun and figure.noun not in DURATIONS:
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
