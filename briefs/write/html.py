"""The HTML builder: a brief as one standalone page a reader can open from disk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from briefs.build.stats import Seconds
from briefs.write.files import write_atomically
from briefs.write.formats import PagePart, SourceFile

GENERATOR = b'<meta name="generator" content="briefs">'
"""The mark every page briefs renders carries in its head (templates/layout.html.j2)."""


def made_by_briefs(data: bytes) -> bool:
    """Whether data is a page briefs wrote: its mark within the head."""
    return GENERATOR in data[:8192]


class HtmlBuilder:
    """Writes rendered brief HTML as a UTF-8 file."""

    format = "html"

    def __init__(self, seconds: Seconds | None = None):
        self.seconds = seconds if seconds is not None else Seconds()

    def write(
        self,
        html: str,
        path: Path,
        sources: Sequence[SourceFile] = (),
        date: dt.date | None = None,
        key: str = "",
        previous: PagePart | None = None,
    ) -> PagePart | None:
        """Write the page; the sources are cited in it, not attached."""
        with self.seconds.timed("html"):
            write_atomically(path, html.encode("utf-8"))
        return None
