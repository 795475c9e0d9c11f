"""The archive around a meeting: what its brief shows of the other summaries (the previous
meeting of the same kind with countries in common, the earlier commitments it took up), computed
by the building process from the good summaries and carried by each brief's job."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from briefs.summary.meeting import Meeting, Outcome


@dataclass(frozen=True)
class ArchiveContext:
    """What the archive says about a meeting: the previous meeting of the same kind with
    overlapping countries, and the earlier commitments this one took up."""

    previous: Meeting | None = None
    taken_up: list[tuple[Meeting, Outcome]] = field(default_factory=list)

    @property
    def summaries(self) -> list[str]:
        """Ids of the other meetings the brief shows something of (its build depends on them)."""
        ids = [self.previous.id] if self.previous else []
        return sorted({*ids, *(m.id for m, _ in self.taken_up)})


def _overlap(one: Meeting, other: Meeting) -> bool:
    # Two countries in common (one when a meeting has one): every meeting here includes the
    # same host side, which alone says nothing.
    shared = set(one.countries) & set(other.countries)
    return len(shared) >= min(2, len(one.countries), len(other.countries))


def archive_context(meetings: Iterable[Meeting]) -> dict[str, ArchiveContext]:
    """Each meeting's context, computed from the loaded summaries."""
    by_date = sorted(meetings, key=lambda m: (m.date, m.id))
    taken: dict[str, list[tuple[Meeting, Outcome]]] = {}
    for meeting in by_date:
        for outcome in meeting.outcomes:
            for later in outcome.taken_up_at:
                taken.setdefault(later, []).append((meeting, outcome))
    contexts: dict[str, ArchiveContext] = {}
    latest: dict[str, list[Meeting]] = {}  # per kind, the meetings so far, newest last
    for meeting in by_date:
        earlier = latest.setdefault(meeting.kind.value, [])
        previous = next((m for m in reversed(earlier) if _overlap(meeting, m)), None)
        contexts[meeting.id] = ArchiveContext(previous, taken.get(meeting.id, []))
        earlier.append(meeting)
    return contexts
