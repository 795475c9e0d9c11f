"""The built briefs that distribution hands out: every (meeting, language, format) file in
build/, with its size and content hash. Missing ones are built first."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from briefs.errors import BriefsError, SourceError, UnknownMeetingError
from briefs.project import FORMATS, LANGUAGES, Project
from briefs.summary.meeting import Meeting

log = logging.getLogger(__name__)

MEDIA_TYPES = {"pdf": "application/pdf", "html": "text/html"}


@dataclass(frozen=True)
class Brief:
    """One built brief file: a meeting in one language and one format."""

    meeting: Meeting
    language: str
    format: str
    path: Path
    size: int
    sha256: str
    data: bytes = field(default=b"", repr=False, compare=False)
    """The file's bytes as read once, when hashed: what is mailed or published is what the
    hash names, even if a build replaces the file meanwhile."""

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    @property
    def attachment_name(self) -> str:
        """<meeting-id>.<lang>.<format>: the name a reader sees in their mail."""
        return f"{self.meeting.id}.{self.language}.{self.format}"


def ready_briefs(project: Project, meeting_id: str | None = None) -> list[Brief]:
    """Every brief of every meeting (or of one), oldest meeting first, built up to date first.
    Fails if any summary has a problem: nothing goes out from a project that does not check."""
    from briefs.build.phases import build_all  # WeasyPrint only here

    report = build_all(project)  # incremental: next to no work when everything is up to date
    if report.problems:
        raise SourceError(report.problems)
    if report.failures:
        raise BriefsError("some briefs could not be built:\n" + "\n".join(report.failures))
    documents = report.documents  # as the build read and checked them: not read again
    if meeting_id is not None:
        documents = [d for d in documents if d.meeting.id == meeting_id]
        if not documents:
            raise UnknownMeetingError(meeting_id, [d.meeting.id for d in report.documents])
    briefs = []
    for document in sorted(documents, key=lambda d: (d.meeting.date, d.meeting.id)):
        meeting = document.meeting
        for language in LANGUAGES:
            for fmt in FORMATS:
                path = project.output_path(meeting.id, language, fmt)
                data = path.read_bytes()
                briefs.append(
                    Brief(
                        meeting,
                        language,
                        fmt,
                        path,
                        len(data),
                        hashlib.sha256(data).hexdigest(),
                        data,
                    )
                )
    return briefs
