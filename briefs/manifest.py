"""What each output was built from, so that a build redoes only the briefs whose inputs changed.

Kept free of heavy imports: a no-op build decides it has nothing to do from file bytes and
stat() alone, without starting pydantic, Babel, Jinja or WeasyPrint."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, NotRequired, TypedDict

from . import __version__
from .builders import write_atomically
from .project import CONFIG_FILE

if TYPE_CHECKING:
    from _hashlib import HASH

    from .project import Project

log = logging.getLogger(__name__)

MANIFEST = ".briefs-manifest.json"
DIGEST = "digest"
"""The manifest's meeting name for the digests' outputs (no meeting id is a bare word)."""
PACKAGE_DIR = Path(__file__).resolve().parent
INSTALLED_LOCK = Path(sys.prefix) / "briefs-lock.sha256"
"""Written by `make setup` into the virtualenv: the SHA-256 of requirements.lock as installed."""


@cache
def installed_lock() -> str | None:
    """The SHA-256 of the lock file this environment was installed from (None when it was
    not installed by `make`, e.g. by a bare pip install)."""
    try:
        digest = INSTALLED_LOCK.read_text(encoding="ascii").split()[0]
    except (OSError, UnicodeDecodeError, IndexError):
        return None
    return digest if len(digest) == 64 and all(c in "0123456789abcdef" for c in digest) else None


def _digest_files(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Toolchain:
    """What every brief depends on: templates, catalogs, themes and series, the glossary, the
    settings (the desk's name), this package and its renderer."""

    templates: str
    catalogs: dict[str, str]
    vocabulary: str
    settings: str
    code: str

    @classmethod
    def of(cls, project: Project, languages: tuple[str, ...]) -> Toolchain:
        code = hashlib.sha256(__version__.encode())
        code.update(f"lock={installed_lock()};".encode())  # the PDFs record it
        for name in ("weasyprint", "babel", "jinja2", "pydyf"):
            try:
                code.update(f"{name}={metadata.version(name)};".encode())
            except metadata.PackageNotFoundError:
                pass
        code.update(_digest_files(list(PACKAGE_DIR.rglob("*.py")), PACKAGE_DIR).encode())
        templates = project.templates_dir
        # Themes, series and the glossary: the project's vocabulary, attached to every digest.
        vocabulary = b"".join(
            path.read_bytes() + b"\0" if path.is_file() else b"\0"
            for path in (project.vocabulary_path, project.glossary_path)
        )
        return cls(
            templates=_digest_files([p for p in templates.rglob("*") if p.is_file()], templates),
            catalogs={
                lang: hashlib.sha256(
                    (project.locale_dir / lang / "LC_MESSAGES" / "messages.po").read_bytes()
                ).hexdigest()
                for lang in languages
            },
            vocabulary=hashlib.sha256(vocabulary).hexdigest(),
            settings=hashlib.sha256((project.root / CONFIG_FILE).read_bytes()).hexdigest(),
            code=code.hexdigest(),
        )

    def _start(self, language: str) -> HASH:
        digest = hashlib.sha256()
        for part in (
            self.code,
            self.templates,
            self.catalogs[language],
            self.vocabulary,
            self.settings,
            language,
        ):
            digest.update(part.encode() + b"\0")
        return digest

    def inputs(self, summary: Path, articles: list[Path], language: str) -> str:
        """The digest of everything one brief in one language is made from: its summary and
        every article it cites."""
        digest = self._start(language)
        digest.update(summary.read_bytes() + b"\0")
        _update_articles(digest, articles)
        return digest.hexdigest()

    def rendered(self, language: str, page: str, attachments: tuple[bytes, ...] = ()) -> str:
        """The fingerprint of a rendered page with everything that lays it out, and the bytes
        of the files its PDF carries: a file built from the same fingerprint is the same file."""
        digest = self._start(language)
        digest.update(page.encode())
        for data in attachments:
            digest.update(b"\0" + hashlib.sha256(data).digest())
        return digest.hexdigest()

    def digest_inputs(self, summaries: list[Path], articles: list[Path], language: str) -> str:
        """The digest of everything a digest (of a year, or the overview) in one language is made
        from: these summaries, and the articles they cite (attached to its PDF)."""
        digest = self._start(language)
        for summary in sorted(set(summaries)):
            data = summary.read_bytes() if summary.is_file() else b"(missing)"
            digest.update(summary.name.encode() + b"\0" + data + b"\0")
        _update_articles(digest, articles)
        return digest.hexdigest()


def _update_articles(digest: HASH, articles: list[Path]) -> None:
    for article in sorted(set(articles)):  # the same set, whatever order it was listed in
        digest.update(article.name.encode() + b"\0")
        digest.update(article.read_bytes() if article.is_file() else b"(missing)")
        digest.update(b"\0")


def _stat(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return [info.st_size, info.st_mtime_ns]


class Entry(TypedDict):
    """What one output was built from, and its size and mtime (ns) when written."""

    inputs: str
    stat: list[int] | None
    meeting: str
    articles: list[str]
    depends: NotRequired[list[str]]
    rendered: NotRequired[str]


class Manifest:
    """build/.briefs-manifest.json: for each output, the inputs digest it was built from and its
    size and mtime when written (an output deleted or edited since is rebuilt)."""

    def __init__(self, build_dir: Path):
        self.build_dir = build_dir
        self.path = build_dir / MANIFEST
        try:
            self.entries: dict[str, Entry] = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            self.entries = {}

    def key(self, output: Path) -> str:
        # Relative, so a project moved elsewhere keeps its manifest.
        return Path(output).relative_to(self.build_dir).as_posix()

    def fresh(self, output: Path, inputs: str) -> bool:
        entry = self.entries.get(self.key(output))
        return entry is not None and entry["inputs"] == inputs and entry["stat"] == _stat(output)

    def record(
        self,
        output: Path,
        inputs: str,
        meeting_id: str,
        articles: list[str],
        depends: tuple[str, ...] = (),
        rendered: str = "",
    ) -> None:
        """articles: the articles the output was built from (file names); depends: for a year's
        digest, the summaries of other years it names (file names); rendered: for a digest, the
        fingerprint of its page and the files it carries (Toolchain.rendered)."""
        entry: Entry = {
            "inputs": inputs,
            "stat": _stat(output),
            "meeting": meeting_id,
            "articles": articles,
        }
        if depends:
            entry["depends"] = list(depends)
        if rendered:
            entry["rendered"] = rendered
        self.entries[self.key(output)] = entry

    def same_page(self, output: Path, rendered: str) -> bool:
        """Whether output is still the file built from a page with this fingerprint."""
        entry = self.entries.get(self.key(output))
        if not entry:
            return False
        return entry.get("rendered") == rendered and entry["stat"] == _stat(output)

    def depends(self, output: Path) -> list[str]:
        """The summaries of other years a year's digest was built from, as recorded."""
        entry = self.entries.get(self.key(output))
        return [] if entry is None else list(entry.get("depends", []))

    def articles(self, output: Path, articles_dir: Path) -> list[Path]:
        """The articles output was built from, as recorded (none for an unknown output)."""
        entry = self.entries.get(self.key(output))
        return [] if entry is None else [articles_dir / name for name in entry.get("articles", [])]

    def forget(self, output: Path) -> None:
        self.entries.pop(self.key(output), None)

    def save(self) -> None:
        data = json.dumps(self.entries, indent=1, sort_keys=True).encode()
        write_atomically(self.path, data)


def stale_briefs(project: Project, languages: tuple[str, ...], formats: tuple[str, ...]) -> int:
    """How many briefs (a meeting in a language, a year's digest or the overview in a language)
    are not recorded as built from today's inputs, found from file bytes and stat() alone."""
    toolchain = Toolchain.of(project, languages)
    manifest = Manifest(project.build_dir)
    stale = set()
    for meeting_id, expected in project.expected_outputs(languages, formats).items():
        for language, output in expected:
            entry = manifest.entries.get(manifest.key(output))
            summary = project.meetings_dir / f"{meeting_id}.yaml"
            articles = manifest.articles(output, project.articles_dir)
            articles += [project.meetings_dir / name for name in manifest.depends(output)]
            if entry is None or not manifest.fresh(
                output, toolchain.inputs(summary, articles, language)
            ):
                stale.add((meeting_id, language))
    summaries = project.summary_paths()
    by_year = project.summaries_by_year()
    for language in languages:
        outputs = [project.digest_path(language, fmt) for fmt in formats]
        articles = manifest.articles(outputs[0], project.articles_dir)
        inputs = toolchain.digest_inputs(summaries, articles, language)
        if not all(manifest.fresh(output, inputs) for output in outputs):
            stale.add((DIGEST, language))
        for year, paths in by_year.items():
            outputs = [project.digest_path(language, fmt, year) for fmt in formats]
            depends = [project.meetings_dir / name for name in manifest.depends(outputs[0])]
            articles = manifest.articles(outputs[0], project.articles_dir)
            inputs = toolchain.digest_inputs(paths + depends, articles, language)
            if not all(manifest.fresh(output, inputs) for output in outputs):
                stale.add((f"{DIGEST}-{year}", language))
    log.debug("%d briefs to build", len(stale))
    return len(stale)


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
