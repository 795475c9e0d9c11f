"""Build: orchestration, in four phases: plan (briefs/plan.py decides what is stale, from bytes
and stat() alone), read and check every summary, work (each stale brief rendered once per
language and the same HTML handed to every output format's builder, in worker processes:
workers.py), record (each output in the manifest)."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from briefs.build import lock
from briefs.build.builder import Builder
from briefs.build.jobs import DigestJob, Job, brief_jobs, digest_jobs, render_ahead
from briefs.build.manifest import Manifest
from briefs.build.stats import BuildStats
from briefs.build.toolchain import Toolchain
from briefs.build.workers import JobResult, cpu_count, results, start_method, start_pool
from briefs.check.cache import CheckCache
from briefs.check.validate import Loaded, load_summaries
from briefs.errors import BriefsError, FileError, Problem, SourceError, UnknownMeetingError
from briefs.plan import BuildPlan, plan
from briefs.project import DIGEST, FORMATS, LANGUAGES, Project
from briefs.read.loader import Document
from briefs.render.digest import (
    NOT_WHILE_PROBLEMS,
    Digest,
    make_digest,
    make_overview,
    problems_stopping_digests,
)
from briefs.summary.vocabulary import Vocabulary
from briefs.write.files import remove_leftovers

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build wrote, skipped and could not build."""

    written: list[Path] = field(default_factory=list)
    up_to_date: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """Not fatal: the summaries were built all the same (under strict, they are problems)."""
    failures: list[str] = field(default_factory=list)
    failed: dict[str, list[str]] = field(default_factory=dict)
    """The failures by meeting id (or "digest"): what the preview shows instead of a brief."""
    documents: list[Document] = field(default_factory=list)
    """The good summaries, as read and checked before anything was built."""

    @property
    def ok(self) -> bool:
        return not self.problems and not self.failures


def build_brief(
    project: Project,
    meeting_id: str,
    language: str,
    fmt: str,
    output: Path | None = None,
    *,
    strict: bool = False,
) -> Path:
    """One brief in one format (`briefs build MEETING_ID`), showing the context `build --all`
    shows: the archive's good summaries (read and checked, their checks reused from the
    manifest where it records them for today's inputs). Only this meeting's problems (and the
    themes' or glossary's) stop it. Returns the file written."""
    summaries = project.summary_paths()
    if meeting_id not in [path.stem for path in summaries]:
        raise UnknownMeetingError(meeting_id, [path.stem for path in summaries])
    loaded = load_summaries(
        project, summaries, strict=strict, checks=CheckCache(project, Manifest(project.build_dir))
    )
    others = {path.resolve() for path in summaries if path.stem != meeting_id}
    mine = [problem for problem in loaded.problems if problem.path.resolve() not in others]
    if mine:
        raise SourceError(mine)
    (document,) = [d for d in loaded.documents if d.path.stem == meeting_id]
    builder = Builder(project, checked_vocabulary(project, loaded))
    builder.renderer.know(d.meeting for d in loaded.documents)
    (written,) = builder.build(document, language, (fmt,), {fmt: output} if output else None)
    return written


@contextmanager
def build_lock(project: Project) -> Iterator[None]:
    """One build at a time per project: a second one says who holds the lock, and waits for
    it; the lock ends with the process that holds it, never held by a worker (lock.py)."""
    with lock.build_lock(project.build_dir):
        yield


def build_all(
    project: Project,
    languages: tuple[str, ...] = LANGUAGES,
    formats: tuple[str, ...] = FORMATS,
    jobs: int | None = None,
    force: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    strict: bool = False,
    builder: Builder | None = None,
    stats: BuildStats | None = None,
    digests: bool = True,
) -> BuildReport:
    """Build every brief of every good summary whose inputs changed (all of them with force),
    in four phases, in this order: plan what is stale (briefs/plan.py, from file bytes and
    stat() alone, before any summary is parsed; the workers start then), read and check every
    summary (before anything reaches build/), work through the jobs (outputs of removed
    meetings deleted, briefs handed out, digests rendered meanwhile), record each output in the
    manifest as its job's result comes in (saved at the end, even if interrupted).

    Bad summaries are reported, not fatal to the others; output is the same for any number of
    jobs. builder: a Builder of this project already set up (the preview keeps one), for the
    jobs this process builds. stats: filled in with where the time and memory went. digests:
    False leaves the digests for a later build (the preview serves its briefs' pages first)."""
    stats = stats if stats is not None else BuildStats()
    with build_lock(project), ExitStack() as stack:
        remove_leftovers(project.build_dir)  # safe: the lock keeps other builds out
        manifest = Manifest(project.build_dir)
        with stats.seconds.timed("load"):
            # Phase 1, plan: what is stale, from bytes and stat() alone.
            toolchain = Toolchain.of(project, languages)
            stale = plan(project, toolchain, manifest, formats, force, digests)
            # The plan reads bytes and stat() only: the other workers start (and warm up) now,
            # while this process reads and checks the summaries.
            pool, workers = start_workers(project, stale, jobs, stats, stack, toolchain)
            # Phase 2, read and check: everything, before anything reaches build/.
            loaded = read(project, strict, manifest)
            report = BuildReport(
                up_to_date=stale.up_to_date,
                problems=list(loaded.problems),
                warnings=list(loaded.warnings),
                documents=list(loaded.documents),
            )
            if builder is None and len(stale):  # the preview passes its own, kept warm
                builder = Builder(project, checked_vocabulary(project, loaded), toolchain)
            if builder is not None:  # the archive each brief's context comes from
                builder.renderer.know(d.meeting for d in loaded.documents)
            todo: list[Job] = list(
                brief_jobs(project, stale, loaded, toolchain, formats, None if force else manifest)
            )
            if builder is not None and pool is not None:
                todo = render_ahead(todo, builder, workers)

        def digests_now() -> list[Job]:
            """The digests' jobs, rendered by this process while the workers lay out briefs."""
            with stats.seconds.timed("render"):
                found, kept = make_digest_jobs(
                    project, stale, loaded, toolchain, manifest, builder, formats, force, report
                )
            for job, output in kept:
                job.record(manifest, output, manifest.page(output))
            todo.extend(found)
            return list(found)

        # Phases 3 and 4, work and record: each result recorded as it comes in.
        try:
            remove(manifest, stale.removed)
            done = 0
            for result in work(project, todo, builder, pool, workers, stats, stack, digests_now):
                done += 1
                if progress:
                    progress(done, len(todo), result.job.name)
                record(manifest, report, stats, result)
        finally:
            save(manifest)  # what was built stays built, even if the build is interrupted
        report.written.sort()
        report.failures.sort()
        return report


def save(manifest: Manifest) -> None:
    """Save the manifest; when the build is failing already (a full disk), a failure to save
    it too is not what the user needs to read: the first error goes on alone."""
    failing = sys.exc_info()[1] is not None
    try:
        manifest.save()
    except FileError:
        if not failing:
            raise
        log.debug("the manifest could not be saved either", exc_info=True)


def read(project: Project, strict: bool, manifest: Manifest) -> Loaded:
    """Phase 2: read and check every summary; a summary whose check result the manifest records
    for today's inputs is read, not checked again."""
    checks = CheckCache(project, manifest)
    loaded = load_summaries(project, strict=strict, checks=checks)
    checks.prune()
    for document in loaded.documents:  # checked: where each value stood is not needed now
        document.positions.forget()  # (tens of MB at 1000 meetings, in every forked worker)
    return loaded


def checked_vocabulary(project: Project, loaded: Loaded) -> Vocabulary | None:
    """The themes and series load_summaries read, if it found them good (else None: the
    Builder reads them and fails with their problems, as it always did)."""
    vocabulary_path = project.vocabulary_path.resolve()
    if any(problem.path.resolve() == vocabulary_path for problem in loaded.problems):
        return None
    return loaded.vocabulary


def make_digest_jobs(
    project: Project,
    stale: BuildPlan,
    loaded: Loaded,
    toolchain: Toolchain,
    manifest: Manifest,
    builder: Builder | None,
    formats: tuple[str, ...],
    force: bool,
    report: BuildReport,
) -> tuple[list[DigestJob], list[tuple[DigestJob, Path]]]:
    """The stale digests' jobs (each rendered to see whether its page changed), and the digest
    outputs kept as they are."""
    if not (stale.digests and loaded.documents and builder is not None):
        return [], []
    if problems_stopping_digests(loaded.problems):
        report.failures.append(f"{DIGEST}: {NOT_WHILE_PROBLEMS}")
        return [], []
    return digest_jobs(project, stale, loaded, toolchain, manifest, builder, formats, force)


def start_workers(
    project: Project,
    stale: BuildPlan,
    jobs: int | None,
    stats: BuildStats,
    stack: ExitStack,
    toolchain: Toolchain,
) -> tuple[ProcessPoolExecutor | None, int]:
    """The worker processes besides this one, started before the summaries are read, so that
    each imports WeasyPrint and sets up its fonts while this process checks: forked from this
    process on Linux, else (or from a process with other threads) spawned. None when this
    process builds alone: for one job, or with jobs=1. Returns the pool and how many processes
    build, this one included."""
    method = start_method()
    workers = min(jobs or cpu_count(), len(stale))
    # Spawned workers pay for their imports too: worth it only for more than a brief or two.
    if method == "spawn" and len(stale) <= 2:
        workers = 1
    pool = None
    if workers > 1:
        pool = stack.enter_context(start_pool(project, workers - 1, method, toolchain))
    stats.workers = workers
    stats.start_method = method if pool is not None else ""
    return pool, workers


def work(
    project: Project,
    todo: list[Job],
    builder: Builder | None,
    pool: ProcessPoolExecutor | None,
    workers: int,
    stats: BuildStats,
    stack: ExitStack,
    digests: Callable[[], list[Job]],
) -> Iterator[JobResult]:
    """Phase 3: the jobs, in this process and in the worker processes. The workers start on
    the briefs while this process renders the digests (digests), whose jobs then go before
    the remaining briefs: they are the longest, and no worker should be left with one at the
    end. This process does not warm up: the workers warmed themselves up meanwhile, and its
    own first brief loads the fonts it needs (a build of one brief lays out that brief only)."""
    if builder is None:
        return
    # What is loaded now lives through the build: out of the garbage collector's sight, its
    # passes do not grow with the archive.
    gc.freeze()
    stack.callback(gc.unfreeze)
    yield from results(project, list(todo), pool, workers, builder, first=digests)


def record(manifest: Manifest, report: BuildReport, stats: BuildStats, result: JobResult) -> None:
    """Phase 4: what a job wrote, in the manifest and the report; what it measured."""
    job = result.job
    stats.seconds.add(result.seconds)
    stats.peak_rss = max(stats.peak_rss, result.peak_rss)
    stats.rss_by_job.append((job.name, result.peak_rss))
    stats.cpu_by_job.append((job.name, result.cpu))
    if isinstance(job, DigestJob):
        stats.digest_seconds += sum(result.seconds.values())
    if result.failure:
        report.failures.append(result.failure)
        report.failed.setdefault(job.name, []).append(result.failure)
    for output in result.written:
        job.record(manifest, output, result.pages.get(output))
    report.written.extend(result.written)


def remove(manifest: Manifest, outputs: list[Path]) -> None:
    """Delete the outputs of meetings whose summary is gone, and the digests of years that no
    longer have a meeting, so nothing stale gets published."""
    for output in outputs:
        try:
            output.unlink(missing_ok=True)
        except OSError as error:
            raise FileError.of(output, "remove", error) from None
        manifest.forget(output)
        log.info("removed %s (its summary is gone)", output)


def build_digests(
    project: Project,
    languages: tuple[str, ...] = LANGUAGES,
    formats: tuple[str, ...] = FORMATS,
    start: dt.date | None = None,
    end: dt.date | None = None,
    years: tuple[int, ...] = (),
) -> list[Path]:
    """Write the digests: with years, those years' digests; with start or end, the digest of
    that date range (build/<lang>/digest-<start>-<end>.<fmt>); else every year's digest and
    the overview. None of them is incremental: they are all written.

    Any problem in a summary stops them (problems_stopping_digests)."""
    with build_lock(project):
        loaded = load_summaries(project)
        stopping = problems_stopping_digests(loaded.problems)
        if stopping:
            raise SourceError(stopping)
        meetings = [d.meeting for d in loaded.documents]
        chosen: list[tuple[Digest, str | None]] = []  # a digest, and its file name if not the usual
        if start or end:
            digest = make_digest(meetings, loaded.vocabulary, start, end)
            if not digest.meetings:
                raise BriefsError("no meetings in the chosen date range")
            name = project.digest_name(start=start or digest.first, end=end or digest.last)
            chosen.append((digest, name))
        else:
            held = {m.date.year for m in meetings}
            missing = sorted(set(years) - held)
            if missing:
                raise BriefsError(f"no meetings in {', '.join(map(str, missing))}")
            chosen += [
                (make_digest(meetings, loaded.vocabulary, year=year), None)
                for year in (sorted(set(years)) or sorted(held))
            ]
            if not years and meetings:
                chosen.append((make_overview(meetings, loaded.vocabulary), None))
        builder = Builder(project, loaded.vocabulary)  # good: its problems stopped us above
        return [
            path
            for digest, name in chosen
            for language in languages
            for path in builder.write_digest(
                digest,
                language,
                formats,
                {fmt: project.build_dir / language / f"{name}.{fmt}" for fmt in formats}
                if name
                else None,
            )
        ]
