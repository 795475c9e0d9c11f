"""Write: one builder per output format. Only builders write outputs, through briefs.files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class SourceFile:
    """A file embedded in the PDF byte for byte, under its own name."""

    name: str
    data: bytes
    description: str


class OutputBuilder(Protocol):
    """What every output format's builder does: write one rendered page as a file."""

    format: str

    def write(
        self, html: str, path: Path, sources: Sequence[SourceFile] = (), date: dt.date | None = None
    ) -> Path: ...
