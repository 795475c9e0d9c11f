"""Write: one builder per output format. Only builders write outputs, through briefs.write.files."""

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


@dataclass(frozen=True)
class PagePart:
    """A PDF's page part (builders/attachments.py): the fingerprint of the page and of what lays
    it out, and the part's length and SHA-256 in the file."""

    key: str
    length: int
    sha256: str


class OutputBuilder(Protocol):
    """What every output format's builder does: write one rendered page as a file."""

    format: str

    def write(
        self,
        html: str,
        path: Path,
        sources: Sequence[SourceFile] = (),
        date: dt.date | None = None,
        key: str = "",
        previous: PagePart | None = None,
    ) -> PagePart | None:
        """Write the page as path; a PDF builder returns its page part (recorded under key,
        the page's fingerprint), and takes it from the file already built when previous (as
        recorded) has the same key and is still there."""
