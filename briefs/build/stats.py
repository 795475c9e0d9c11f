"""Where a build's time and memory go: kept apart from what it built, filled in only for the
caller that asks (benchmarks/bench.py passes a BuildStats in)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

STAGES = ("load", "start", "render", "layout", "pdf", "html")
"""Where build time goes: load and validate, warm-up (WeasyPrint's import and fonts, before a
worker's first job), Jinja render, WeasyPrint layout, PDF write, HTML write."""


class Seconds(dict[str, float]):
    """Seconds by stage, each stage timed with `timed`."""

    def __init__(self) -> None:
        super().__init__(dict.fromkeys(STAGES, 0.0))

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        """Add the time the block takes to stage."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self[stage] += time.perf_counter() - start

    def add(self, other: dict[str, float]) -> None:
        for stage, seconds in other.items():
            self[stage] += seconds


@dataclass
class BuildStats:
    """What a build measured, for the benchmark; tests and the CLI pass none."""

    seconds: Seconds = field(default_factory=Seconds)
    peak_rss: int = 0
    """Largest resident set of any process that rendered briefs, in bytes."""
    rss_by_job: list[tuple[str, int]] = field(default_factory=list)
    """(meeting id, "digest-<year>" or "digest", peak resident set of the process that built
    it), in completion order."""
    cpu_by_job: list[tuple[str, float]] = field(default_factory=list)
    """(the same names, CPU seconds the job took), in the same order."""
    digest_seconds: float = 0.0
    """Time spent building the digests, included in seconds."""
    workers: int = 1
    """Processes that built briefs, this one included."""
    start_method: str = ""
    """How the other workers started: "fork", "spawn", or "" when this process built alone."""
