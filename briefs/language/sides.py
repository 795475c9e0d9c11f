"""Who said it, as a brief shows it: a point's speaker belongs to a side (a participant's
country), and what the desk writes rests on joint points, one side's readout, or neither."""

from __future__ import annotations

from dataclasses import dataclass

from briefs.summary.figures import Figure
from briefs.summary.meeting import Citation, ConsensusPoint, Meeting, Outcome, Takeaway

CITED = ("points", "figures", "outcomes")
"""The sections a takeaway or the bottom line may cite, by number."""


def cited_items(meeting: Meeting, takeaway: Takeaway) -> list[ConsensusPoint | Figure | Outcome]:
    """The points, figures and outcomes a takeaway cites (those that exist), in that order."""
    items: list[ConsensusPoint | Figure | Outcome] = []
    for section in CITED:
        listed = getattr(meeting, section)
        items += [listed[n - 1] for n in getattr(takeaway, section) if n <= len(listed)]
    return items


def side_of(meeting: Meeting, speaker: str) -> str | None:
    """The country code of the participant named speaker, or None when no participant is."""
    return next((p.country for p in meeting.participants if p.name == speaker), None)


@dataclass(frozen=True)
class SourceNote:
    """The weight of the evidence under a bottom line: the reports its cited items are quoted
    from, and whose account the cited points are (joint, or one side's readout)."""

    reports: tuple[Citation, ...]
    joint: bool
    speakers: tuple[str, ...]
    """The speakers of the cited points that are one side's readout, in order of citation."""


def source_note(meeting: Meeting, takeaway: Takeaway) -> SourceNote:
    """What a reader should know of the sources behind a bottom line (or a takeaway)."""
    points = [meeting.points[n - 1] for n in takeaway.points if n <= len(meeting.points)]
    articles = {quote.article for item in cited_items(meeting, takeaway) for quote in item.quote}
    reports = tuple(c for c in meeting.sources if c.article in articles) or (meeting.sources[0],)
    speakers = tuple(dict.fromkeys(p.attributed_to for p in points if p.attributed_to))
    return SourceNote(reports, any(p.attributed_to is None for p in points), speakers)
