"""The check results recorded in the manifest (its key CHECKS), reused while every input of a
summary's checks keeps its bytes: a no-op strict build reads bytes and stat() only."""

from __future__ import annotations

import hashlib
from pathlib import Path
from stat import S_IFMT, S_ISLNK, S_ISREG
from typing import TYPE_CHECKING, Protocol

from briefs.build.manifest import CheckEntry
from briefs.build.toolchain import PACKAGE_DIR, code_fingerprint
from briefs.errors import Problem
from briefs.plan import check_holds

if TYPE_CHECKING:
    from briefs.project import Project

SOURCES_CHECK = ".sources"
"""The check result of the themes and the glossary, among the summaries' (no summary's name)."""


class Recorded(Protocol):
    """Where the results are kept: the manifest (manifest.Manifest), by summary file name."""

    checks: dict[str, CheckEntry]


def checks_code() -> str:
    """The fingerprint of the code the checks run: the package's one code fingerprint."""
    return code_fingerprint(PACKAGE_DIR)


def _file_bytes(path: Path) -> bytes:
    """A file's bytes for a fingerprint, or what stands for it when it cannot be read."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return b"(missing)"
    except OSError as error:
        return f"(unreadable: {error.errno})".encode()
    if S_ISLNK(mode):
        return b"(symbolic link)"
    if not S_ISREG(mode):  # a FIFO, a device, a folder: never opened (the checks refuse it)
        return f"(not a file: {S_IFMT(mode)})".encode()
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except FileNotFoundError:
        return b"(missing)"
    except OSError as error:  # a folder, a file it may not read: the checks say so
        return f"(unreadable: {error.errno})".encode()


class CheckCache:
    """The check results recorded in a manifest, reused while their inputs keep their bytes.

    A summary's result (its problems and warnings, strict or not) is a pure function of its
    bytes, its file name, its articles' bytes, the themes and the glossary, which of the
    meetings it links to exist (a meeting's id starts with its date), and the code: its
    fingerprint is taken of those, from bytes and stat() alone."""

    def __init__(self, project: Project, manifest: Recorded):
        self.project = project
        self.manifest = manifest
        sources = hashlib.sha256(checks_code().encode() + b"\0")
        for path in (project.vocabulary_path, project.glossary_path):
            sources.update(_file_bytes(path) + b"\0")
        self.sources = sources.hexdigest()
        """The fingerprint of what every summary's checks read: the code, themes, glossary."""
        self.known = {path.stem for path in project.summary_paths()}

    def key(self, summary: Path, articles: list[str], links: list[str]) -> str:
        """The fingerprint of a summary's check: what it reads, as it is now."""
        digest = hashlib.sha256(f"{self.sources}\0{summary.name}\0".encode())
        digest.update(_file_bytes(summary) + b"\0")
        for name in articles:
            digest.update(name.encode() + b"\0" + _file_bytes(self.project.articles_dir / name))
        for meeting_id in links:
            digest.update(f"\0{meeting_id}={meeting_id in self.known}".encode())
        return digest.hexdigest()

    def get(self, summary: Path) -> list[Problem] | None:
        """The problems recorded for a summary, if it was checked with today's inputs."""
        entry = self.manifest.checks.get(summary.name)
        if entry is None or not check_holds(
            entry, self.key(summary, entry["articles"], entry["links"])
        ):
            return None
        root = self.project.root
        return [
            Problem(root / path, line, column, message, warning)
            for path, line, column, message, warning in entry["problems"]
        ]

    def put(
        self, summary: Path, problems: list[Problem], articles: list[str], links: list[str]
    ) -> None:
        """Record a summary's check result (problems in any file but the project's: not kept)."""
        try:
            rows = [
                (
                    p.path.relative_to(self.project.root).as_posix(),
                    p.line,
                    p.column,
                    p.message,
                    p.warning,
                )
                for p in problems
            ]
        except ValueError:
            self.manifest.checks.pop(summary.name, None)
            return
        self.manifest.checks[summary.name] = {
            "key": self.key(summary, articles, links),
            "articles": articles,
            "links": links,
            "problems": rows,
        }

    def sources_problems(self) -> list[Problem] | None:
        """The problems recorded for the themes and the glossary, if read with today's bytes."""
        return self.get(self.project.meetings_dir / SOURCES_CHECK)

    def put_sources(self, problems: list[Problem]) -> None:
        self.put(self.project.meetings_dir / SOURCES_CHECK, problems, [], [])

    def prune(self) -> None:
        """Forget the results of summaries that are gone."""
        for name in list(self.manifest.checks):
            if name != SOURCES_CHECK and Path(name).stem not in self.known:
                del self.manifest.checks[name]

    def all_pass(self, strict: bool) -> bool:
        """Whether every summary (and the themes and glossary) is recorded as checked with
        today's inputs and without a problem (under strict, without a warning either)."""
        found = self.sources_problems()
        if found is None or found:
            return False
        for summary in self.project.summary_paths():
            found = self.get(summary)
            if found is None or any(strict or not problem.warning for problem in found):
                return False
        # Summaries since removed: their records go with the next build.
        return True
