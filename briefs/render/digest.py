"""The digests: one per year (a timeline, a themes matrix, the figures that measure the same
thing over time, and which commitments were taken up later) and an overview across the years
that links to them. No digest grows with the whole archive: a year digest holds one year's
meetings, the overview one column or row per year. Everything in them comes from the
summaries, and through them from a quote."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefs.errors import Problem
from briefs.render.charts import SeriesValue
from briefs.summary.meeting import Meeting, Outcome
from briefs.summary.vocabulary import Series, Theme, Vocabulary

NOT_WHILE_PROBLEMS = "not built while summaries have problems"
"""What a build says of its digests when problems_stopping_digests stops them."""


def problems_stopping_digests(problems: Sequence[Problem]) -> list[Problem]:
    """The one rule of every digest (`build --all`'s and `briefs digest`'s): none is made while
    any summary has a problem, since a digest covers the good summaries only and one that
    silently left a meeting out would mislead. The problems that stop them (none: go)."""
    return list(problems)


MATRIX_MEETINGS = 12
"""Up to this many meetings a themes matrix has a column per meeting; beyond, one per month."""


@dataclass(frozen=True)
class FollowThrough:
    """A commitment of one meeting and what became of it."""

    meeting: Meeting
    outcome: Outcome
    taken_up_at: list[Meeting]


@dataclass(frozen=True)
class SeriesData:
    series: Series
    points: list[SeriesValue]


@dataclass(frozen=True)
class Column:
    """A column of a themes matrix: one meeting, one month or one year."""

    key: str
    """The meeting id, "YYYY-MM" or "YYYY"."""
    kind: str
    """"meeting", "month" or "year"."""
    date: dt.date
    """The meeting's date, or the first day of the month or year."""


@dataclass(frozen=True)
class Year:
    """One row of the overview: what a year's digest holds, in numbers."""

    year: int
    meetings: int
    points: int
    commitments: int
    taken_up: int
    first: dt.date
    last: dt.date


@dataclass
class Digest:
    """What a digest shows, for the meetings of a year or a date range (or, for the overview,
    of every year), oldest first."""

    meetings: list[Meeting]
    themes: list[Theme]
    year: int | None = None
    """The year of a year digest; None for the overview and for a date range."""
    columns: list[Column] = field(default_factory=list)
    matrix: dict[str, dict[str, int]] = field(default_factory=dict)
    """theme id -> column key -> number of consensus points tagged with the theme"""
    series: list[SeriesData] = field(default_factory=list)
    follow_through: list[FollowThrough] = field(default_factory=list)
    years: list[Year] = field(default_factory=list)
    """The overview's rows, one per year; empty for other digests."""

    @property
    def overview(self) -> bool:
        return bool(self.years)

    @property
    def first(self) -> dt.date:
        return self.meetings[0].date

    @property
    def last(self) -> dt.date:
        return self.meetings[-1].date

    @property
    def issued(self) -> dt.date | None:
        """The latest issue date of the briefs it covers: from the summaries, never the clock."""
        dates = [m.issued for m in self.meetings if m.issued]
        return max(dates) if dates else None


def series_points(meetings: list[Meeting], series_id: str) -> list[SeriesValue]:
    """The values of a series carried by these meetings, by year."""
    return sorted(
        (
            SeriesValue(f.year, f.value, m.id)
            for m in meetings
            for f in m.figures
            if f.series == series_id and f.year is not None
        ),
        key=lambda p: (p.year, p.meeting_id),
    )


def _by_date(meetings: list[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.date, m.id))


def _matrix(digest: Digest, vocabulary: Vocabulary, column_of: dict[str, str]) -> None:
    """Count each theme's consensus points per column; keep the themes that occur."""
    for theme in vocabulary.themes:
        counts = dict.fromkeys((c.key for c in digest.columns), 0)
        for meeting in digest.meetings:
            counts[column_of[meeting.id]] += sum(theme.id in p.themes for p in meeting.points)
        if any(counts.values()):
            digest.matrix[theme.id] = counts
    digest.themes = [t for t in vocabulary.themes if t.id in digest.matrix]


def make_digest(
    meetings: list[Meeting],
    vocabulary: Vocabulary,
    start: dt.date | None = None,
    end: dt.date | None = None,
    year: int | None = None,
) -> Digest:
    """Gather the digest of the meetings held between start and end (inclusive), or in year."""
    if year is not None:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    chosen = _by_date(
        [
            m
            for m in meetings
            if (start is None or m.date >= start) and (end is None or m.date <= end)
        ]
    )
    digest = Digest(meetings=chosen, themes=list(vocabulary.themes), year=year)
    # A column per meeting while that stays readable, else per month.
    if len(chosen) <= MATRIX_MEETINGS:
        digest.columns = [Column(m.id, "meeting", m.date) for m in chosen]
        column_of = {m.id: m.id for m in chosen}
    else:
        column_of = {m.id: f"{m.date:%Y-%m}" for m in chosen}
        months = {f"{m.date:%Y-%m}": m.date.replace(day=1) for m in chosen}
        digest.columns = [Column(key, "month", day) for key, day in months.items()]
    _matrix(digest, vocabulary, column_of)
    for series in vocabulary.series:
        points = series_points(chosen, series.id)
        if points:
            digest.series.append(SeriesData(series, points))
    by_id = {m.id: m for m in meetings}
    for meeting in chosen:
        for outcome in meeting.outcomes:
            if outcome.taken_up_at or outcome.due:
                later = [by_id[i] for i in outcome.taken_up_at if i in by_id]
                digest.follow_through.append(FollowThrough(meeting, outcome, later))
    return digest


def years_of(meetings: list[Meeting]) -> list[int]:
    """The years that have a digest: those with at least one meeting."""
    return sorted({m.date.year for m in meetings})


def linked_meetings(meetings: list[Meeting], year: int) -> set[str]:
    """Ids of meetings of other years that a year's digest names (commitments taken up later):
    that digest depends on their summaries too."""
    return {
        later
        for m in meetings
        if m.date.year == year
        for outcome in m.outcomes
        for later in outcome.taken_up_at
        if not later.startswith(f"{year}-")
    }


def make_overview(meetings: list[Meeting], vocabulary: Vocabulary) -> Digest:
    """The overview across years: a row per year linking to its digest, the themes matrix with
    years as columns, and each series with one value a year (the latest report of it)."""
    chosen = _by_date(meetings)
    digest = Digest(meetings=chosen, themes=list(vocabulary.themes))
    years = years_of(chosen)
    digest.columns = [Column(str(y), "year", dt.date(y, 1, 1)) for y in years]
    _matrix(digest, vocabulary, {m.id: str(m.date.year) for m in chosen})
    dates = {m.id: m.date for m in chosen}
    for series in vocabulary.series:
        latest: dict[int, SeriesValue] = {}
        # The latest meeting to report a year's value wins: later reports revise earlier ones.
        for point in sorted(
            series_points(chosen, series.id), key=lambda p: (dates[p.meeting_id], p.meeting_id)
        ):
            latest[point.year] = point
        if latest:
            digest.series.append(SeriesData(series, [latest[y] for y in sorted(latest)]))
    for year in years:
        held = [m for m in chosen if m.date.year == year]
        commitments = [o for m in held for o in m.outcomes if o.taken_up_at or o.due]
        digest.years.append(
            Year(
                year=year,
                meetings=len(held),
                points=sum(len(m.points) for m in held),
                commitments=len(commitments),
                taken_up=sum(bool(o.taken_up_at) for o in commitments),
                first=held[0].date,
                last=held[-1].date,
            )
        )
    return digest
