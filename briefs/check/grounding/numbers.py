"""Numbers: every number a text states is stated by its sources, and a figure is held to its
quote field by field (value with unit, noun, qualifier, out_of, equivalent, year, period)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal

from briefs.check.grounding.finding import Finding
from briefs.language import numbers as reader
from briefs.summary.figures import Figure

_RELATIVE_YEARS = {
    "id": (
        (r"\btahun\s+lalu\b|\btahun\s+sebelumnya\b", -1),
        (r"\btahun\s+ini\b|\bkini\b|\bsaat\s+ini\b|\bsekarang\b|\bhingga\s+kini\b", 0),
        (r"\btahun\s+depan\b", 1),
    ),
}
"""Words that name a year by the article's publication date: 'tahun lalu' is the year before."""

_BOTH = ("kedua", "keduanya")


def unquoted_numbers(text: str, language: str, sources: Iterable[str]) -> list[str]:
    """The words of each number of text that no source (an Indonesian quote, a headline) states.

    A scaled number of a source also stands for its digits alone ('41 miliar' holds 41); an
    ordinal of the text ('Sixth', '6th', 'keenam') needs an ordinal of the sources ('keenam',
    'ke-6'): 'lima' (five) elsewhere does not make a 'Fifth'."""
    said = [m for s in sources for m in reader.mentions(s, "id")]
    values = {v for m in said for v in (m.value, m.bare)}
    # 'ketiga' before a noun may be 'the three' or 'the third': a ke- word grounds an ordinal
    # ('kedua' before a noun is 'both', never 'second')
    ordinals = {
        m.value
        for m in said
        if m.ordinal
        or (m.spelled and m.words.lower().startswith("ke") and m.words.lower() not in _BOTH)
    }
    missing = []
    for mention in reader.mentions(text, language):
        if (
            mention.value not in values
            or (mention.ordinal and mention.value not in ordinals)
            or (mention.unit in reader.MEASURES and not reader.measured_alike(mention, said))
        ):
            missing.append(mention.words)
    return list(dict.fromkeys(missing))


def _shown(value: Decimal) -> str:
    return format(value, "f")


def _unit_of(figure_unit: str) -> str | None:
    return None if figure_unit == "count" else figure_unit


def figure_findings(
    figure: Figure, index: int, quotes: list[str], published: dt.date | None, meeting: dt.date
) -> list[Finding]:
    """A figure against its own quotes, field by field: each field the quotes do not state."""
    at = ("figures", index)
    said = [m for q in quotes for m in reader.mentions(q, "id")]
    quoted = " ".join(quotes)
    findings: list[Finding] = []
    stated = ", ".join(m.words for m in said if not m.is_year) or "no number"
    same = [m for m in said if m.value == figure.value]
    if not same:
        return [
            Finding(
                (*at, "value"),
                f"{_shown(figure.value)} is not a number the figure's quote states"
                f" (it states: {stated})",
            )
        ]
    unit = _unit_of(figure.unit)
    right = [m for m in same if m.unit == unit]
    if not right:
        given = ", ".join(f"{m.words!r} ({m.unit or 'a count'})" for m in same)
        return [Finding((*at, "unit"), f"{figure.unit!r}: the quote states {given}")]
    # a quote may state the value twice: the mention tied to the figure's year, if one is
    tied = {m: year for q in quotes for m, year in reader.years_of(q, "id")}
    mention = next(
        (m for m in right if (y := tied.get(m)) is not None and int(y.value) == figure.year),
        right[0],
    )
    if figure.noun is not None and not any(_counts(m, figure.noun.id, quoted) for m in right):
        # the quote counts the noun with another number: the value is wrong, not the noun
        other = [m for m in said if m.unit is None and _counts(m, figure.noun.id, quoted)]
        if other:
            # which of the two the editor changed, no check can tell: both fields are named
            counted = f"{mention.words} {mention.noun or ''}".strip()
            return [
                Finding(
                    (*at, "value"),
                    f"{_shown(figure.value)}: the quote counts {figure.noun.id!r} as"
                    f" {other[0].words!r}",
                ),
                Finding(
                    (*at, "noun", "id"),
                    f"{figure.noun.id!r}: the quote's {_shown(figure.value)} counts something"
                    f" else ({counted!r})",
                ),
            ]
    if figure.noun is not None:
        nouns = [m for m in right if _counts(m, figure.noun.id, quoted)]
        if not nouns:
            counted = ", ".join(f"{m.words} {m.noun or ''}".strip() for m in right)
            findings.append(
                Finding(
                    (*at, "noun", "id"),
                    f"{figure.noun.id!r} is not what the quote counts ({counted!r})",
                )
            )
        else:
            mention = nouns[0]
    qualifier = figure.qualifier.value if figure.qualifier else None
    if qualifier != mention.qualifier:
        if mention.qualifier is None:
            findings.append(
                Finding(
                    (*at, "qualifier"), f"{qualifier!r}: the quote gives {mention.words!r} unhedged"
                )
            )
        elif qualifier is None:
            findings.append(
                Finding(
                    (*at, "value"),
                    f"the quote hedges {mention.words!r} ({mention.qualifier}): give 'qualifier:"
                    f" {mention.qualifier}'",
                )
            )
        else:
            findings.append(
                Finding(
                    (*at, "qualifier"),
                    f"{qualifier!r}: the quote hedges {mention.words!r} as {mention.qualifier!r}",
                )
            )
    if figure.out_of is not None and mention.out_of != figure.out_of:
        findings.append(
            Finding(
                (*at, "out_of"),
                f"{_shown(figure.out_of)}: the quote states {mention.words!r}"
                + ("" if mention.out_of else " with no total"),
            )
        )
    if figure.equivalent is not None:
        findings += _equivalent(figure, at, said)
    findings += _time(figure, at, quotes, said, published, meeting)
    findings += _year_of_value(figure, at, quotes, mention)
    return findings


def _year_of_value(
    figure: Figure, at: tuple[str | int, ...], quotes: list[str], mention: reader.Mention
) -> list[Finding]:
    """When a quote states several years ('40 miliar dolar AS pada 2023, naik dari 31 miliar
    dolar AS pada 2022'), a value goes with the year the quote ties it to (the nearest one in its
    phrase, see reader.years_of): a figure that pairs it with another year has its value or its
    year wrong."""
    if figure.year is None:
        return []
    for quote in quotes:
        tied = dict(reader.years_of(quote, "id"))
        if mention not in tied:
            continue
        if len({m.value for m in reader.mentions(quote, "id") if m.is_year}) < 2:
            return []
        own = tied[mention]
        if own is not None and int(own.value) != figure.year:
            said = f"the quote gives {mention.words!r} for {own.words}, not {figure.year}"
            return [Finding((*at, "value"), said), Finding((*at, "year"), said)]
    return []


def _counts(mention: reader.Mention, noun: str, quoted: str) -> bool:
    """Does the quote count noun with this number? Its first word follows the number ('20
    kota'); an anniversary ('peringatan ke-70') counts years."""
    first = noun.lower().split()[0]
    if mention.noun and mention.noun.split()[0] == first:
        return True
    return (
        mention.ordinal
        and first == "tahun"
        and any(ordinal.value == mention.value for _, ordinal in reader.anniversaries(quoted))
    )


def _equivalent(
    figure: Figure, at: tuple[str | int, ...], said: list[reader.Mention]
) -> list[Finding]:
    equivalent = figure.equivalent
    assert equivalent is not None
    same = [m for m in said if m.value == equivalent.value]
    if not same:
        return [
            Finding(
                (*at, "equivalent", "value"),
                f"{_shown(equivalent.value)} {equivalent.unit} is not an amount the quote states",
            )
        ]
    right = [m for m in same if m.unit == equivalent.unit]
    if not right:
        return [
            Finding(
                (*at, "equivalent", "unit"),
                f"{equivalent.unit!r}: the quote states {same[0].words!r}",
            )
        ]
    qualifier = equivalent.qualifier.value if equivalent.qualifier else None
    if qualifier != right[0].qualifier:
        return [
            Finding(
                (*at, "equivalent"),
                f"the qualifier {qualifier!r} is not the quote's ({right[0].qualifier!r},"
                f" {right[0].words!r})",
            )
        ]
    return []


def _time(
    figure: Figure,
    at: tuple[str | int, ...],
    quotes: list[str],
    said: list[reader.Mention],
    published: dt.date | None,
    meeting: dt.date,
) -> list[Finding]:
    findings: list[Finding] = []
    quoted = " ".join(" ".join(quotes).split())
    if figure.period is not None and figure.period.id.lower() not in quoted.lower():
        findings.append(
            Finding((*at, "period", "id"), f"{figure.period.id!r} is not in the figure's quote")
        )
    if figure.year is None:
        return findings
    years = {int(m.value) for m in said if m.is_year}
    reference = (published or meeting).year
    relative = {
        reference + shift
        for pattern, shift in _RELATIVE_YEARS["id"]
        if re.search(pattern, quoted, re.I)
    }
    if figure.year in years | relative:
        return findings
    if not years and not relative and figure.year == meeting.year:
        return findings  # the quote names no time: the figure is of the meeting's year
    named = ", ".join(map(str, sorted(years | relative))) or "no year"
    findings.append(
        Finding(
            (*at, "year"),
            f"{figure.year} is not the year the figure's quote states ({named}; 'tahun lalu' and"
            f" 'kini' count from the publication date, {published or 'not given'})",
        )
    )
    return findings
