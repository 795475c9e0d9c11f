"""Plan: every decision of what is stale, in one module (Sphinx's `get_outdated_docs`). The
manifest (build/manifest.py) records what each output was built from; the toolchain
(build/toolchain.py) and the check cache (check/cache.py) compute today's fingerprints; this
module alone compares the two:

- which briefs, digests and outputs are stale, from file bytes and stat() alone, before any
  summary is parsed (`plan`, `BuildPlan`), and the CLI's no-op check (`up_to_date`);
- whether a digest's rendered page is the one its files were built from (`digest_unchanged`);
- whether a PDF's page part is laid out again (`page_key`, `lays_out`, `kept_page`);
- whether a summary's recorded check result still holds (`check_holds`).

Kept free of heavy imports: a no-op build decides it has nothing to do without starting
pydantic, Babel, Jinja or WeasyPrint."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefs.build.manifest import CheckEntry, Manifest, stat_of
from briefs.build.toolchain import Toolchain
from briefs.project import DIGEST, FORMATS
from briefs.read.files import UnreadableFile, read_regular_file
from briefs.write.files import leftovers
from briefs.write.formats import PagePart

if TYPE_CHECKING:
    from briefs.project import Project

log = logging.getLogger(__name__)

MAX_PDF_BYTES = 1 << 30
"""The largest PDF whose page part is read back (a larger file is laid out again)."""


# Outputs: stale unless recorded as built from today's inputs, and untouched since.


def fresh(manifest: Manifest, output: Path, inputs: str) -> bool:
    """Whether output is recorded as built from this inputs fingerprint and is still the file
    written then (its size and mtime): one deleted or edited since is stale."""
    entry = manifest.entry(output)
    return entry is not None and entry["inputs"] == inputs and entry["stat"] == stat_of(output)


def digest_unchanged(manifest: Manifest, output: Path, rendered: str) -> bool:
    """Whether a digest's file is still the one built from a page (and carried files) with this
    fingerprint (Toolchain.rendered): then it is kept, and only its record updated."""
    entry = manifest.entry(output)
    if not entry:
        return False
    return entry.get("rendered") == rendered and entry["stat"] == stat_of(output)


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

    def all_fresh(outputs: list[Path], inputs: str) -> bool:
        return not force and all(fresh(manifest, output, inputs) for output in outputs)

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
                if not all_fresh([output], inputs)
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
            if not all_fresh(outputs, toolchain.digest_inputs(paths + depends, articles, language)):
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


# A PDF's page part: laid out again only when its page or what lays it out changed.


def page_key(layout: str, html: str) -> str:
    """The fingerprint of a laid-out page: the page and everything that lays it out
    (Toolchain.layout)."""
    return hashlib.sha256(f"{layout}\0{html}".encode()).hexdigest()


def lays_out(
    formats: tuple[str, ...], layout: str, recorded: PagePart | None, page: str | None
) -> bool:
    """Whether a job lays out a page: it writes a PDF and its page (None when not rendered
    yet: as far as is known, it does) is not the page recorded for it."""
    if "pdf" not in formats:
        return False
    if page is None or recorded is None or not layout:
        return True
    return page_key(layout, page) != recorded.key


def page_of(data: bytes, page: PagePart) -> bytes | None:
    """The page part of a PDF briefs wrote, if its first page.length bytes are still the part
    recorded (by their SHA-256); else None (lay the page out again)."""
    part = data[: page.length]
    if len(part) != page.length or hashlib.sha256(part).hexdigest() != page.sha256:
        return None
    return part


def kept_page(path: Path, key: str, recorded: PagePart | None) -> bytes | None:
    """The page part a PDF keeps instead of being laid out again: when the part recorded for
    path has this key (page_key) and is still the start of the file; else None."""
    if not key or recorded is None or recorded.key != key:
        return None
    try:  # a FIFO or a link put in its place is refused by its type, never read
        page = page_of(read_regular_file(path, MAX_PDF_BYTES, links=False), recorded)
    except UnreadableFile:
        page = None
    log.debug("%s: page part %s", path, "kept" if page else "laid out again")
    return page


# Checks: a summary's recorded result holds while what its checks read keeps its bytes.


def check_holds(entry: CheckEntry, key: str) -> bool:
    """Whether a recorded check result was computed from what the checks read today (key:
    CheckCache.key of the same summary, articles and links)."""
    return entry["key"] == key
