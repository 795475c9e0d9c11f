"""The digest: every meeting at once, in one language: a timeline, a themes matrix, the figures
that measure the same thing over time, and which commitments were taken up later. Everything in
it comes from the summaries, and through them from a quote."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .charts import Point
from .models import Meeting, Outcome, Series, Theme, Vocabulary


@dataclass(frozen=True)
class FollowThrough:
    """A commitment of one meeting and what became of it."""

    meeting: Meeting
    outcome: Outcome
    taken_up_at: list[Meeting]


@dataclass(frozen=True)
class SeriesData:
    series: Series
    points: list[Point]


@dataclass
class Digest:
    """What the digest shows, for the meetings of a date range, oldest first."""

    meetings: list[Meeting]
    themes: list[Theme]
    matrix: dict[str, dict[str, int]] = field(default_factory=dict)
    """theme id -> meeting id -> number of consensus points tagged with the theme"""
    series: list[SeriesData] = field(default_factory=list)
    follow_through: list[FollowThrough] = field(default_factory=list)

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


def series_points(meetings: list[Meeting], series_id: str) -> list[Point]:
    """The values of a series carried by these meetings, by year."""
    return sorted(
        (
            Point(f.year, f.value, m.id)
            for m in meetings
            for f in m.figures
            if f.series == series_id and f.year is not None
        ),
        key=lambda p: (p.year, p.meeting_id),
    )


def make_digest(
    meetings: list[Meeting],
    vocabulary: Vocabulary,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Digest:
    """Gather the digest of the meetings held between start and end (inclusive)."""
    chosen = sorted(
        (
            m
            for m in meetings
            if (start is None or m.date >= start) and (end is None or m.date <= end)
        ),
        key=lambda m: (m.date, m.id),
    )
    digest = Digest(meetings=chosen, themes=list(vocabulary.themes))
    for theme in vocabulary.themes:
        counts = {m.id: sum(theme.id in p.themes for p in m.points) for m in chosen}
        if any(counts.values()):
            digest.matrix[theme.id] = counts
    digest.themes = [t for t in vocabulary.themes if t.id in digest.matrix]
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
