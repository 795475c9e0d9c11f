"""Write: one builder per output format. Only builders write files."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
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


def write_atomically(path: Path, data: bytes) -> None:
    """Write data to path through a temporary file and a rename, so that a reader (or a
    killed build) only ever sees the old complete file or the new complete file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_leftovers(folder: Path) -> None:
    """Delete temporary files a killed build left behind (never a finished output)."""
    for leftover in folder.rglob(".*.tmp"):
        leftover.unlink(missing_ok=True)
