"""The HTML builder: a brief as one standalone page a reader can open from disk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ..files import write_atomically
from . import SourceFile


class HtmlBuilder:
    """Writes rendered brief HTML as a UTF-8 file."""

    format = "html"

    def write(
        self, html: str, path: Path, sources: Sequence[SourceFile] = (), date: dt.date | None = None
    ) -> Path:
        """Write the page; the sources are cited in it, not attached."""
        write_atomically(path, html.encode("utf-8"))
        return path
