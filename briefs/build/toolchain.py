"""What every brief depends on besides its own sources (the toolchain: templates, catalogs,
themes and glossary, settings, this package and its renderer), and the fingerprints of a brief's
and a digest's inputs; from file bytes alone, without heavy imports."""

from __future__ import annotations

import hashlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefs import __version__
from briefs.errors import FileError
from briefs.project import CONFIG_FILE, PREVIEW_TEMPLATES, installed_lock
from briefs.write import patches

if TYPE_CHECKING:
    from _hashlib import HASH

    from briefs.project import Project

PACKAGE_DIR = Path(__file__).resolve().parent.parent
RENDERERS = ("weasyprint", "babel", "jinja2", "pydyf")
"""The installed packages whose code decides what a page looks like."""


def _installed(name: str) -> bytes:
    """What stands for an installed package's release in the fingerprint: its __init__.py,
    which holds its version (each of RENDERERS sets __version__ there). Found without importing
    it, and without importlib.metadata, whose import alone is a quarter of a no-op build."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return f"{name}=absent;".encode()
    return f"{name}={hashlib.sha256(_read(Path(spec.origin))).hexdigest()};".encode()


def _read(path: Path) -> bytes:
    """A file of the toolchain (a template, a catalog, the settings): one that cannot be read
    is an error naming it, not a traceback."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise FileError.of(path, "read", error) from None


def digest_files(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(_read(path))
    return digest.hexdigest()


def code_fingerprint(package: Path | None = None) -> str:
    """The one fingerprint of this package's code, for the outputs (Toolchain.code) and for the
    recorded checks (check.cache.checks_code): every file of the package (its modules, whatever
    they are named, and the data files shipped in it), its version and the lock of the installed
    packages (CLDR's data comes with Babel)."""
    package = package or PACKAGE_DIR
    files = [
        path
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    ]
    code = hashlib.sha256(f"{__version__};lock={installed_lock()};".encode())
    code.update(digest_files(files, package).encode())
    return code.hexdigest()


@dataclass(frozen=True)
class Toolchain:
    """What every brief depends on: templates, catalogs, themes and series, the glossary, the
    settings (the desk's name), this package and its renderer."""

    templates: str
    catalogs: dict[str, str]
    vocabulary: str
    settings: str
    code: str

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.catalogs)

    @classmethod
    def of(cls, project: Project, languages: tuple[str, ...]) -> Toolchain:
        code = hashlib.sha256(code_fingerprint().encode())  # the PDFs record the lock
        for name in RENDERERS:
            code.update(_installed(name))
        code.update(f"patches={patches.state()};".encode())  # off: no /Lang on tagged elements
        templates = project.templates_dir
        # Themes, series and the glossary: the project's vocabulary, attached to every digest.
        vocabulary = b"".join(
            _read(path) + b"\0" if path.is_file() else b"\0"
            for path in (project.vocabulary_path, project.glossary_path)
        )
        return cls(
            templates=digest_files(
                [
                    path
                    for path in templates.rglob("*")
                    if path.is_file() and not path.name.startswith(PREVIEW_TEMPLATES)
                ],
                templates,
            ),
            catalogs={
                lang: hashlib.sha256(
                    _read(project.locale_dir / lang / "LC_MESSAGES" / "messages.po")
                ).hexdigest()
                for lang in languages
            },
            vocabulary=hashlib.sha256(vocabulary).hexdigest(),
            settings=hashlib.sha256(_read(project.root / CONFIG_FILE)).hexdigest(),
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

    def layout(self, language: str) -> str:
        """The fingerprint of what lays out a page in this language (plan.page_key)."""
        return self._start(language).hexdigest()

    def inputs(self, summary: Path, articles: list[Path], language: str) -> str:
        """The digest of everything one brief in one language is made from: its summary and
        every article it cites."""
        digest = self._start(language)
        digest.update(_source_bytes(summary) + b"\0")
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
            data = _source_bytes(summary)
            digest.update(summary.name.encode() + b"\0" + data + b"\0")
        _update_articles(digest, articles)
        return digest.hexdigest()


def _source_bytes(path: Path) -> bytes:
    """A source's bytes for a fingerprint; a marker for one that is missing, not a regular file
    (a FIFO would wait for a writer forever) or unreadable: its brief is stale, and reading the
    summaries then reports why."""
    try:
        if not path.is_file():
            return b"(missing or not a file)"
        return path.read_bytes()
    except OSError as error:
        return f"(unreadable: {error.strerror})".encode()


def _update_articles(digest: HASH, articles: list[Path]) -> None:
    for article in sorted(set(articles)):  # the same set, whatever order it was listed in
        digest.update(article.name.encode() + b"\0")
        digest.update(_source_bytes(article))
        digest.update(b"\0")
