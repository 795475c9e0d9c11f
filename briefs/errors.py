"""The one exception family: every error a user can cause, each with a place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    path = Path(path)
    try:
        # abspath, not resolve: a symbolic link is shown as itself, not as its target.
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


class BriefsError(Exception):
    """Base of every error the CLI prints as one line, without a traceback."""


class ConfigurationError(BriefsError):
    """The project itself is incomplete: a missing folder, catalog or template."""


class UnknownMeetingError(BriefsError):
    """A meeting id that no summary in sources/meetings/ carries."""

    def __init__(self, meeting_id: str, known: list[str]):
        self.meeting_id = meeting_id
        self.known = known
        listing = "\n".join(f"  {k}" for k in known) or "  (none)"
        super().__init__(f"unknown meeting {meeting_id!r}; known meetings:\n{listing}")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a source file, at a line and column (1-based)."""

    path: Path
    line: int
    column: int
    message: str
    warning: bool = False
    """A warning (a stance or modality the quotes do not bear out) is an error only when strict."""

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{display_path(self.path)}:{self.line}:{self.column}: {kind}{self.message}"


class SourceError(BriefsError):
    """One or more problems in source files; prints one line per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class TemplateError(BriefsError):
    """A template that does not compile or render, with its name and line."""


class RenderError(BriefsError):
    """A brief that could not be rendered, laid out or written."""

    def __init__(self, meeting_id: str, detail: str):
        self.meeting_id = meeting_id
        self.detail = detail
        super().__init__(f"{meeting_id}: {detail}")


class DistributionError(BriefsError):
    """Briefs could not be published or sent: a folder that cannot be replaced, an SMTP server
    that cannot be reached or refuses the sender."""


class FileError(BriefsError):
    """A file or folder that cannot be read or written (a full disk, a permission, a read-only
    folder): its path and the system's reason, on one line."""

    @classmethod
    def of(cls, path: Path | str, doing: str, error: OSError) -> FileError:
        """'build/en/x.pdf: cannot write: No space left on device'."""
        return cls(f"{display_path(Path(path))}: cannot {doing}: {error.strerror or error}")
