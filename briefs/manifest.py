"""What each output was built from, so that a build redoes only the briefs whose inputs changed.

Kept free of heavy imports: a no-op build decides it has nothing to do from file bytes and
stat() alone, without starting pydantic, Babel, Jinja or WeasyPrint."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from stat import S_IFMT, S_ISLNK, S_ISREG
from typing import TYPE_CHECKING, NotRequired, TypedDict

from . import __version__
from .errors import FileError, Problem, display_path
from .files import leftovers, write_atomically
from .project import CONFIG_FILE, DIGEST, FORMATS, PREVIEW_TEMPLATES, installed_lock

if TYPE_CHECKING:
    from _hashlib import HASH

    from .project import Project

log = logging.getLogger(__name__)

MANIFEST = ".briefs-manifest.json"
PACKAGE_DIR = Path(__file__).resolve().parent
CHECKS = ".checks"
"""The manifest's key for the recorded check results (no output is named so: outputs live in
a language's folder)."""
SOURCES_CHECK = ".sources"
"""The check result of the themes and the glossary, among the summaries' (no summary's name)."""


def _read(path: Path) -> bytes:
    """A file of the toolchain (a template, a catalog, the settings): one that cannot be read
    is an error naming it, not a traceback."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise FileError.of(path, "read", error) from None


def _digest_files(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(_read(path))
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

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.catalogs)

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
            _read(path) + b"\0" if path.is_file() else b"\0"
            for path in (project.vocabulary_path, project.glossary_path)
        )
        return cls(
            templates=_digest_files(
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


class CheckEntry(TypedDict):
    """One summary's check result, and the fingerprint of everything it was computed from."""

    key: str
    articles: list[str]
    """The articles the summary cites (file names), as its checks read them."""
    links: list[str]
    """The meeting ids it links to (follow-through), whose existence its checks tested."""
    problems: list[tuple[str, int, int, str, bool]]
    """(path relative to the project, line, column, message, warning) of each problem found,
    in the order found: parse problems, the document's checks, its links' checks."""


def _is_entry(key: object, entry: object) -> bool:
    """Whether a manifest's item has the shape Entry says, under a key inside build/."""
    if not (isinstance(key, str) and isinstance(entry, dict)):
        return False
    path = Path(key)
    if not key or path.is_absolute() or ".." in path.parts:
        return False  # a crafted key must not lead a build to delete a file outside build/

    def strings(value: object) -> bool:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)

    stat = entry.get("stat")
    return (
        isinstance(entry.get("inputs"), str)
        and isinstance(entry.get("meeting"), str)
        and strings(entry.get("articles"))
        and (
            stat is None
            or (
                isinstance(stat, list)
                and len(stat) == 2
                and all(isinstance(n, int) and not isinstance(n, bool) for n in stat)
            )
        )
        and strings(entry.get("depends", []))
        and isinstance(entry.get("rendered", ""), str)
    )


def _is_check(key: object, entry: object) -> bool:
    """Whether a recorded check result has the shape CheckEntry says (else it is dropped and
    that summary checked again)."""
    if not (isinstance(key, str) and isinstance(entry, dict)):
        return False

    def strings(value: object) -> bool:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)

    def problem(row: object) -> bool:
        if not (isinstance(row, list) and len(row) == 5):
            return False
        path, line, column, message, warning = row
        return (
            isinstance(path, str)
            and all(isinstance(n, int) and not isinstance(n, bool) for n in (line, column))
            and isinstance(message, str)
            and isinstance(warning, bool)
        )

    problems = entry.get("problems")
    return (
        isinstance(entry.get("key"), str)
        and strings(entry.get("articles"))
        and strings(entry.get("links"))
        and isinstance(problems, list)
        and all(problem(row) for row in problems)
    )


_JSON_KINDS = {
    list: "a JSON array",
    str: "a JSON string",
    bool: "a JSON boolean",
    int: "a JSON number",
    float: "a JSON number",
    type(None): "JSON null",
}

_warned: set[tuple[Path, int]] = set()
"""The damaged manifests already reported by this process (by path and content): each once."""


class Manifest:
    """build/.briefs-manifest.json: for each output, the inputs digest it was built from and its
    size and mtime when written (an output deleted or edited since is rebuilt); and each
    summary's check result (`checks`), under the key CHECKS.

    Read defensively: a file that is not JSON, or JSON of another shape ([], null), is
    discarded with a warning, as is any item of another shape; their outputs are rebuilt (and
    a check record of another shape is dropped: those summaries are checked again)."""

    def __init__(self, build_dir: Path):
        self.build_dir = build_dir
        self.path = build_dir / MANIFEST
        self._saved = b""
        """The bytes on disk: a build that changed nothing writes nothing."""
        self.checks: dict[str, CheckEntry] = {}
        self.entries: dict[str, Entry] = self._load()

    def _load(self) -> dict[str, Entry]:
        try:
            self._saved = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise FileError.of(self.path, "read", error) from None
        try:
            data = json.loads(self._saved)
        except ValueError:
            self._warn("not valid JSON")
            return {}
        if not isinstance(data, dict):
            self._warn(f"{_JSON_KINDS.get(type(data), 'a JSON value')}, not an object")
            return {}
        checks: object = data.pop(CHECKS, {})  # not an output's entry
        if isinstance(checks, dict):
            self.checks = {k: v for k, v in checks.items() if _is_check(k, v)}
        entries: dict[str, Entry] = {k: v for k, v in data.items() if _is_entry(k, v)}
        if len(entries) < len(data):
            self._warn(f"{len(data) - len(entries)} of its {len(data)} items of another shape")
        return entries

    def _warn(self, what: str) -> None:
        if (self.path, hash(self._saved)) not in _warned:
            _warned.add((self.path, hash(self._saved)))
            log.warning(
                "%s: %s; discarded, what it described is rebuilt", display_path(self.path), what
            )

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
        """Write the manifest, unless it is the same as on disk (a run with nothing to do
        writes nothing, even to a full disk)."""
        data = json.dumps(
            {**self.entries, CHECKS: self.checks} if self.checks else self.entries,
            indent=1,
            sort_keys=True,
        ).encode()
        if data != self._saved:
            write_atomically(self.path, data)
            self._saved = data


def checks_code() -> str:
    """The fingerprint of the code the checks run: every file of this package (its modules,
    whatever they are named, and the data files shipped in it), its version, and the lock of
    the installed packages (CLDR's data comes with Babel)."""
    files = [
        path
        for path in PACKAGE_DIR.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    ]
    code = hashlib.sha256(f"{__version__};lock={installed_lock()};".encode())
    code.update(_digest_files(files, PACKAGE_DIR).encode())
    return code.hexdigest()


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

    def __init__(self, project: Project, manifest: Manifest):
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
        if entry is None or entry["key"] != self.key(summary, entry["articles"], entry["links"]):
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


@dataclass(frozen=True)
class Plan:
    """What a build has to do, decided from file bytes and stat() alone, before any summary
    is parsed: the briefs and digests (in a language) not recorded as built from today's
    inputs, and the outputs whose summary, or whose year, is gone."""

    briefs: list[tuple[str, str]]
    """(meeting id, language) of each stale brief, in file-name order."""
    formats: dict[tuple[str, str], tuple[str, ...]]
    """The formats of each stale brief that are stale (a PDF, when only the HTML was built)."""
    digests: list[tuple[int | None, str]]
    """(year, or None for the overview, language) of each stale digest."""
    up_to_date: int
    """Brief files already built from today's inputs."""
    removed: list[Path]
    """Outputs in the manifest whose meeting's summary (or whose year's last one) is gone."""

    def __len__(self) -> int:
        return len(self.briefs) + len(self.digests)


def plan(
    project: Project,
    toolchain: Toolchain,
    manifest: Manifest,
    formats: tuple[str, ...] = FORMATS,
    force: bool = False,
    with_digests: bool = True,
) -> Plan:
    """Decide what is stale. An output is fresh when the manifest records it as built from
    today's inputs digest, counting the articles and (for a year's digest) the summaries of
    other years it was built from as recorded: those can only change through the bytes of a
    summary that is itself an input. force: everything is stale. with_digests: False leaves the
    digests out of the plan (none is stale), and does not remove any."""
    languages = toolchain.languages

    def fresh(outputs: list[Path], inputs: str) -> bool:
        return not force and all(manifest.fresh(output, inputs) for output in outputs)

    briefs, stale_formats, up_to_date = [], {}, 0
    summaries = project.summary_paths()
    for summary in summaries:
        for language in languages:
            outputs = [project.output_path(summary.stem, language, fmt) for fmt in formats]
            articles = manifest.articles(outputs[0], project.articles_dir)
            # A brief shows its context: the other summaries it was made from, as recorded.
            articles += [project.meetings_dir / name for name in manifest.depends(outputs[0])]
            inputs = toolchain.inputs(summary, articles, language)
            stale = tuple(
                fmt
                for fmt, output in zip(formats, outputs, strict=True)
                if not fresh([output], inputs)
            )
            up_to_date += len(formats) - len(stale)
            if stale:
                briefs.append((summary.stem, language))
                stale_formats[summary.stem, language] = stale
    digests: list[tuple[int | None, str]] = []
    by_year: dict[int | None, list[Path]] = {
        year: paths for year, paths in project.summaries_by_year().items()
    }
    by_year[None] = summaries
    for year, paths in sorted(by_year.items(), key=lambda item: (item[0] is None, item[0] or 0)):
        for language in languages if with_digests else ():
            outputs = [project.digest_path(language, fmt, year) for fmt in formats]
            depends = [project.meetings_dir / name for name in manifest.depends(outputs[0])]
            articles = manifest.articles(outputs[0], project.articles_dir)
            if not fresh(outputs, toolchain.digest_inputs(paths + depends, articles, language)):
                digests.append((year, language))
    meeting_ids = {path.stem for path in summaries}
    removed = []
    for key, entry in manifest.entries.items():
        if entry["meeting"] == DIGEST:
            if not with_digests:
                continue
            try:
                gone = project.digest_year(Path(key).stem) not in by_year
            except ValueError:  # not a digest the build makes: not the build's to remove
                continue
        else:
            gone = entry["meeting"] not in meeting_ids
        if gone:
            removed.append(project.build_dir / key)
    log.debug("%d briefs and %d digests to build", len(briefs), len(digests))
    return Plan(briefs, stale_formats, digests, up_to_date, removed)


def up_to_date(project: Project, languages: tuple[str, ...], formats: tuple[str, ...]) -> bool:
    """The no-op check: nothing stale and nothing to remove, by the plan (no heavy imports), and
    no temporary file a killed build left (a build removes them, under its lock)."""
    stale = plan(project, Toolchain.of(project, languages), Manifest(project.build_dir), formats)
    return len(stale) == 0 and not stale.removed and not leftovers(project.build_dir)


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
