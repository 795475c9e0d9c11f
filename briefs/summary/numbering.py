"""The numbers a brief shows its points under: the one place that decides them, for the renderer
that prints them and for every message that names a point ('points[3].quote (point 2)').

The brief groups the points by who said them: the joint ones first, then each speaker's in the
order they first speak; a point's shown number counts in that order. The summary's own order
(points[0] is the first written) is the editor's, so the two differ when a speaker's points
are not written together. Figures, outcomes and takeaways are shown in the summary's order."""

from __future__ import annotations

from collections.abc import Sequence

from briefs.summary.meeting import ConsensusPoint, Meeting


def shown_point_numbers(speakers: Sequence[str | None]) -> dict[int, int]:
    """Each point's number in the summary (1 is the first) -> the number the brief shows it
    under, given each point's speaker (attributed_to; None for a joint point)."""
    groups: dict[str | None, list[int]] = {None: []}
    for number, speaker in enumerate(speakers, 1):
        groups.setdefault(speaker, []).append(number)
    order = [number for numbers in groups.values() for number in numbers]
    return {number: shown for shown, number in enumerate(order, 1)}


def shown_numbers(meeting: Meeting) -> dict[int, int]:
    """Each point's number in the summary (1 is the first) -> the number the brief shows."""
    return shown_point_numbers([point.attributed_to for point in meeting.points])


def point_groups(meeting: Meeting) -> list[tuple[str | None, list[tuple[int, ConsensusPoint]]]]:
    """The points by who said them (joint first, then each speaker in the order they first
    speak), each with the number it is shown under (shown_numbers)."""
    shown = shown_numbers(meeting)
    groups: dict[str | None, list[tuple[int, ConsensusPoint]]] = {None: []}
    for number, point in enumerate(meeting.points, 1):
        groups.setdefault(point.attributed_to, []).append((shown[number], point))
    return [(speaker, points) for speaker, points in groups.items() if points]
