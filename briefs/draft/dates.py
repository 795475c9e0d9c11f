"""Dates: the days an article names, and the meeting's date among them.

Which does what, and why (measured with scripts/draft_measure.py on tests/draft_corpus):
- Own rules read every day the story writes: '16 Juli 2020', 'Kamis (16/7/2020)', 'Senin (4/11)',
  'pada 27 April', spans ('28-29 Juli 2022', 'pada tanggal 18 dan 19 Mei', 'dari Selasa (10/9)
  hingga Kamis (12/9)'), with CLDR's month and weekday names. They choose the meeting's date
  (not a day something was said, not a date in history, the future event of an announcement)
  and fix a missing year by the weekday, saying so. dateparser's search_dates(languages=["id"])
  was right on 6 of 33 corpus articles where these rules were right on 18: it reads '(4/11)' as
  11 April, drops the '18' of '18 dan 19 Mei', ignores weekdays, and fills a missing year from
  its reference date without a word.
- dateparser does what it does better: relative days ('kemarin', 'hari ini', 'dua hari lalu'),
  counted from the publication date, and bylines in forms the rules do not read ('23/05/2016
  12:34 WIB', in cleaning.py). Its RELATIVE_BASE is always given (the page's date), so that no
  run consults the clock and every run is reproducible.
- A saved page's publication date is htmldate's (reading.py), from the page's metadata only."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import re
from dataclasses import dataclass
from functools import cache

from briefs.draft.words import alternation, months, weekdays

log = logging.getLogger(__name__)


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
    weekday = rf"(?i:(?P<weekday>{alternation(weekdays())}))"
    month = rf"(?i:(?P<month>{alternation(months())}))"
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
            month = int(month) if month.isdigit() else months()[month.lower().rstrip(".")]
            year = m.group("year")
            year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
            weekday = m.group("weekday")
            weekday = None if weekday is None else weekdays()[weekday.lower()]
            if 1 <= month <= 12 and 1 <= int(m.group("day")) <= 31:
                found.append(
                    DateMention(int(m.group("day")), month, year, weekday, m.start(), m.end())
                )
    return sorted(found, key=lambda d: d.start)


def full_date(line: str) -> tuple[dt.date, int] | None:
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


def year_of_the_page(
    day: int, month: int, page: str, page_years: list[int]
) -> tuple[dt.date, str] | None:
    """A day and month the page gives without a year (a dateline's 'Xi'an, 19 Mei (Xinhua) --'),
    dated by the page's own years: the year of a full date elsewhere on the page with that day
    and month (a caption's '19 Mei 2023'), else the one year the page names; with neither (or
    with several), None: a year the page does not give is never made up. The date, and where
    its year comes from."""

    def make(year: int) -> dt.date | None:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None

    same = {d.year for d in find_dates(page) if d.year and (d.day, d.month) == (day, month)}
    if len(same) == 1 and (found := make(same.pop())):
        return found, f"the page's {found.day} {_month_name(month)} {found.year}"
    if len(set(page_years)) == 1 and (found := make(page_years[0])):
        return found, "the one year the page names"
    return None


def _month_name(month: int) -> str:
    """The month's Indonesian name (CLDR's: 'Mei')."""
    from babel import Locale

    return str(Locale("id").months["format"]["wide"][month])


def years_named(text: str) -> list[int]:
    return [int(y) for y in re.findall(r"(?<![\d/.,])(?:19|20)\d\d(?![\d/])", text)]


def period_mention(
    text: str, reference: dt.date | None, years: list[int]
) -> tuple[dt.date, dt.date, int] | None:
    """'dari Selasa (10/9) hingga Kamis (12/9)', '10-12 September 2019': a span of days, and
    where in the text it is said."""
    mentions = find_dates(text)
    for first, second in itertools.pairwise(mentions):
        between = text[first.end : second.start]
        if re.fullmatch(r"\s*(?:hingga|sampai(?:\s+dengan)?|s\.d\.|[-–])\s*", between):
            end = resolve(second, reference, years)
            # '28 Mei sampai 1 Juni 2024': the end's year
            start = resolve(first, end, years) if end else None
            if start and end and start < end:
                return start, end, first.start
    for m in re.finditer(
        r"(?<![\d/])(\d{1,2})\s*(?:[-–]|hingga|sampai|dan)\s*(?=\d{1,2}\s+\w)", text
    ):
        tail = [d for d in find_dates(text[m.end() :]) if d.start == 0]
        if tail:
            last = resolve(tail[0], reference, years)
            if last and int(m.group(1)) < last.day:
                return last.replace(day=int(m.group(1))), last, m.start()
    return None
