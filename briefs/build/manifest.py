"""The build record: what each output was built from, and each summary's check result
(`Manifest`, build/.briefs-manifest.json), read and written here and nowhere else. What is
stale is decided from it in briefs/plan.py; the toolchain's fingerprints are in toolchain.py,
the check results' in check/cache.py.

Kept free of heavy imports: a no-op build reads it without starting pydantic, Babel, Jinja or
WeasyPrint."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import NotRequired, TypedDict

from briefs.errors import FileError, display_path
from briefs.write.files import write_atomically
from briefs.write.formats import PagePart

log = logging.getLogger(__name__)

MANIFEST = ".briefs-manifest.json"
CHECKS = ".checks"
"""The manifest's key for the recorded check results (no output is named so: outputs live in
a language's folder)."""


def stat_of(path: Path) -> list[int] | None:
    """What the record keeps of a file's stat(): its size and mtime (ns), None when it is gone."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return [info.st_size, info.st_mtime_ns]


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


def is_check(key: object, entry: object) -> bool:
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

    def entry(self, output: Path) -> OutputRecord | None:
        """What the record holds for output (None: never built, or forgotten)."""
        return self.entries.get(self.key(output))

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
            "stat": stat_of(output),
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
