"""What each output was built from, so that a build redoes only the briefs whose inputs changed:
the manifest (`Manifest`), and the plan that reads it (`plan`, `up_to_date`). The toolchain's
fingerprints are in toolchain.py, the recorded check results in check_cache.py.

Kept free of heavy imports: a no-op build decides it has nothing to do from file bytes and
stat() alone, without starting pydantic, Babel, Jinja or WeasyPrint."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NotRequired, TypedDict

from briefs.build.toolchain import Toolchain
from briefs.check.cache import CheckEntry, is_check
from briefs.errors import FileError, display_path
from briefs.project import DIGEST, FORMATS
from briefs.write.files import leftovers, write_atomically
from briefs.write.formats import PagePart

if TYPE_CHECKING:
    from briefs.project import Project


log = logging.getLogger(__name__)

MANIFEST = ".briefs-manifest.json"
CHECKS = ".checks"
"""The manifest's key for the recorded check results (no output is named so: outputs live in
a language's folder)."""


def _stat(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return [info.st_size, info.st_mtime_ns]


class PageEntry(TypedDict):
    """A PDF's page part (builders.Page): its fingerprint, length and SHA-256."""

    key: str
    length: int
    sha256: str


class OutputRecord(TypedDict):
    """What one output was built from, and its size and mtime (ns) when written."""

    inputs: str
    stat: list[int] | None
    meeting: str
    articles: list[str]
    depends: NotRequired[list[str]]
    rendered: NotRequired[str]
    page: NotRequired[PageEntry]


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
        and _is_page(entry.get("page", {"key": "", "length": 0, "sha256": ""}))
    )


def _is_page(page: object) -> bool:
    if not isinstance(page, dict) or set(page) != {"key", "length", "sha256"}:
        return False
    length = page["length"]
    return (
        isinstance(page["key"], str)
        and isinstance(length, int)
        and not isinstance(length, bool)
        and length >= 0
        and isinstance(page["sha256"], str)
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
        self.entries: dict[str, OutputRecord] = self._load()

    def _load(self) -> dict[str, OutputRecord]:
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
            self.checks = {k: v for k, v in checks.items() if is_check(k, v)}
        entries: dict[str, OutputRecord] = {k: v for k, v in data.items() if _is_entry(k, v)}
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
        page: PagePart | None = None,
    ) -> None:
        """articles: the articles the output was built from (file names); depends: for a year's
        digest, the summaries of other years it names (file names); rendered: for a digest, the
        fingerprint of its page and the files it carries (Toolchain.rendered); page: for a
        PDF, its page part."""
        entry: OutputRecord = {
            "inputs": inputs,
            "stat": _stat(output),
            "meeting": meeting_id,
            "articles": articles,
        }
        if depends:
            entry["depends"] = list(depends)
        if rendered:
            entry["rendered"] = rendered
        if page is not None:
            entry["page"] = {"key": page.key, "length": page.length, "sha256": page.sha256}
        self.entries[self.key(output)] = entry

    def page(self, output: Path) -> PagePart | None:
        """The page part recorded for a PDF (the builder checks that the file still starts
        with it before it keeps it)."""
        entry = self.entries.get(self.key(output))
        if entry is None or "page" not in entry:
            return None
        page = entry["page"]
        return PagePart(page["key"], page["length"], page["sha256"])

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


@dataclass(frozen=True)
class BuildPlan:
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
) -> BuildPlan:
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
    return BuildPlan(briefs, stale_formats, digests, up_to_date, removed)


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
