"""Build: orchestration. Reads and checks every summary first, then renders each brief once per
language and hands the same HTML to every output format's builder; in worker processes, and only
for the briefs whose inputs changed since the last build."""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import multiprocessing
import resource
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import glyphs
from .builders import OutputBuilder, remove_leftovers
from .builders.html import HtmlBuilder
from .builders.pdf import SourceFile
from .digest import Digest, make_digest
from .errors import BriefsError, Problem, RenderError, SourceError, UnknownMeetingError
from .i18n import localizers
from .loader import Document, field_name
from .manifest import DIGEST, Manifest, Toolchain, cpu_count, stale_briefs
from .models import LANGUAGES, Meeting
from .project import Project, open_project
from .render import Renderer, issue_date
from .validate import Loaded, load_summaries, load_vocabulary

log = logging.getLogger(__name__)

FORMATS = ("pdf", "html")
STAGES = ("load", "render", "layout", "pdf", "html")
"""Where build time goes: load and validate, Jinja render, WeasyPrint layout, PDF write, HTML write."""


@dataclass
class BuildReport:
    """What a build wrote, skipped and could not build, and where the time went."""

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
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    peak_rss: int = 0
    """Largest resident set of any process that rendered briefs, in bytes."""
    rss_by_job: list[tuple[str, int]] = field(default_factory=list)
    """(meeting id or "digest", peak resident set of the process that built it), in completion order."""
    digest_seconds: float = 0.0
    """Time spent building the digests, included in seconds."""

    @property
    def ok(self) -> bool:
        return not self.problems and not self.failures


class Builder:
    """Turns meetings into brief files; locales, catalogs, templates and fonts are set up once."""

    def __init__(self, project: Project):
        self.project = project
        vocabulary = load_vocabulary(project)
        if isinstance(vocabulary, list):
            raise SourceError(vocabulary)
        self.renderer = Renderer(project, localizers(project.locale_dir), vocabulary)
        self._builders: dict[str, OutputBuilder] = {"html": HtmlBuilder()}
        self.seconds = dict.fromkeys(STAGES, 0.0)

    def _builder(self, fmt: str) -> OutputBuilder:
        if fmt not in self._builders:
            from .builders.pdf import PdfBuilder  # WeasyPrint only when a PDF is wanted

            self._builders[fmt] = PdfBuilder(self.project.templates_dir, self.seconds)
        return self._builders[fmt]

    def build(
        self,
        document: Document,
        language: str,
        formats: tuple[str, ...] = FORMATS,
        paths: dict[str, Path] | None = None,
    ) -> list[Path]:
        """Render one brief once and write it in each format; returns the files written."""
        meeting = document.meeting
        self._check_glyphs(meeting, meeting.id)
        start = time.perf_counter()
        html = self.renderer.brief(meeting, language)
        self.seconds["render"] += time.perf_counter() - start
        issued = issue_date(meeting.issued, meeting.id)
        sources = source_files(self.project, [(document.path, meeting)])
        written = []
        for fmt in formats:
            path = (paths or {}).get(fmt) or self.project.output_path(meeting.id, language, fmt)
            start = time.perf_counter()
            written.append(self._builder(fmt).write(html, path, sources, issued))
            if fmt == "html":
                self.seconds["html"] += time.perf_counter() - start
            log.info("wrote %s", path)
        return written

    def write_digest(
        self, digest: Digest, language: str, formats: tuple[str, ...] = FORMATS
    ) -> list[Path]:
        """Render the digest and write it in each format; returns the files written."""
        for meeting in digest.meetings:
            self._check_glyphs(meeting, "digest")
        issued = issue_date(digest.issued, "digest")
        sources = source_files(self.project, digest_summaries(self.project, digest), digest=True)
        written = []
        for fmt in formats:
            html = self.renderer.digest(digest, language, fmt)  # links point to briefs in fmt
            written.append(
                self._builder(fmt).write(
                    html, self.project.digest_path(language, fmt), sources, issued
                )
            )
        return written

    @staticmethod
    def _check_glyphs(meeting: Meeting, what: str) -> None:
        """Fail rather than print an empty box where a character has no glyph."""
        missing = glyphs.uncovered(meeting)
        if missing:
            prefix = "" if what == meeting.id else f"{meeting.id}: "
            raise RenderError(
                what,
                "; ".join(
                    f"{prefix}{field_name(loc)}: character {glyphs.describe(char)} is not covered by any installed font"
                    for loc, char in missing
                ),
            )


def cited_articles(project: Project, meetings: list[Meeting]) -> list[Path]:
    """Every article these meetings cite, each once, in the order they are cited."""
    names = dict.fromkeys(c.article for meeting in meetings for c in meeting.sources)
    return [project.articles_dir / name for name in names]


def digest_summaries(project: Project, digest: Digest) -> list[tuple[Path, Meeting]]:
    """The summary file of each meeting a digest covers (a summary's name is its id)."""
    return [(project.meetings_dir / f"{m.id}.yaml", m) for m in digest.meetings]


def source_files(
    project: Project, summaries: list[tuple[Path, Meeting]], digest: bool = False
) -> list[SourceFile]:
    """What a PDF carries, byte for byte: each summary it draws on, followed by the articles
    that summary cites (each file once); a digest also carries the themes and series, and the
    glossary the grounding checks read."""
    files: dict[Path, SourceFile] = {}
    for path, meeting in summaries:
        files[path] = SourceFile(path.name, path.read_bytes(), "Meeting summary (YAML)")
        for article in cited_articles(project, [meeting]):
            if article not in files:
                files[article] = SourceFile(
                    article.name, article.read_bytes(), "Source article, as published"
                )
    if digest:
        for path, what in (
            (project.vocabulary_path, "Themes and series (YAML)"),
            (project.glossary_path, "Glossary of names in both languages (YAML)"),
        ):
            if path.is_file():
                files[path] = SourceFile(path.name, path.read_bytes(), what)
    return list(files.values())


def find_meeting(project: Project, meeting_id: str, *, strict: bool = False) -> Document:
    """Read and check the summary of one meeting, by id."""
    known = [path.stem for path in project.summary_paths()]
    if meeting_id not in known:
        raise UnknownMeetingError(meeting_id, known)
    loaded = load_summaries(project, [project.meetings_dir / f"{meeting_id}.yaml"], strict=strict)
    if loaded.problems:
        raise SourceError(loaded.problems)
    return loaded.documents[0]


@dataclass(frozen=True)
class Job:
    """One brief to build: a meeting in one language, or the digest in one language."""

    language: str
    formats: tuple[str, ...]
    inputs: str
    document: Document | None = None
    digest: Digest | None = None

    @property
    def name(self) -> str:
        return self.document.meeting.id if self.document else DIGEST

    @property
    def articles(self) -> list[str]:
        """The articles the job's PDF carries, by file name."""
        meetings = [self.document.meeting] if self.document else []
        meetings += self.digest.meetings if self.digest else []
        return list(dict.fromkeys(c.article for m in meetings for c in m.sources))


@dataclass
class JobResult:
    job: Job
    written: list[Path]
    failure: str | None
    seconds: dict[str, float]
    peak_rss: int


# Each worker process keeps one warm Builder: imports, locales, templates and fonts set up once.
_worker: Builder | None = None


def _start_worker(root: Path) -> None:
    global _worker
    _worker = Builder(open_project(root))
    _worker._builder("pdf")


def _run(job: Job, builder: Builder | None = None) -> JobResult:
    builder = builder or _worker
    assert builder is not None, "a worker process builds with the Builder _start_worker made"
    before = dict(builder.seconds)
    written: list[Path] = []
    failure = None
    try:
        if job.digest is not None:
            written = builder.write_digest(job.digest, job.language, job.formats)
        elif job.document is not None:
            written = builder.build(job.document, job.language, job.formats)
    except RenderError as error:
        failure = f"{error.meeting_id} ({job.language}): {error.detail}"
    except BriefsError as error:
        failure = f"{job.name} ({job.language}): {error}"
    seconds = {stage: builder.seconds[stage] - before[stage] for stage in STAGES}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return JobResult(job, written, failure, seconds, peak)


def _start_pool(project: Project, workers: int) -> ProcessPoolExecutor:
    """Worker processes, started at once so that their set-up (imports, locales, fonts)
    overlaps with reading and checking the summaries."""
    # spawn, not fork: forking after WeasyPrint (and its C libraries) is loaded is known to crash.
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(project.root,),
    )
    pool.submit(int)  # with spawn, the first task starts every worker
    return pool


def _results(
    project: Project,
    jobs: list[Job],
    pool: ProcessPoolExecutor | None,
    workers: int,
    builder: Builder | None = None,
) -> Iterator[JobResult]:
    """Build the jobs in this process and in the pool's workers, each taking the next job when
    it is free: this process is one of the workers, which saves starting one more."""
    pending = deque(jobs)
    running: set[Future[JobResult]] = set()
    while pending or running:
        while pool is not None and pending and len(running) < workers - 1:
            running.add(pool.submit(_run, pending.popleft()))
        if pending:
            builder = builder or Builder(project)
            yield _run(pending.popleft(), builder)
            done = {future for future in running if future.done()}
        else:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in done:
            running.discard(future)
            yield future.result()


@contextmanager
def build_lock(project: Project) -> Iterator[None]:
    """One build at a time per project: a second one waits for the first to finish."""
    project.build_dir.mkdir(parents=True, exist_ok=True)
    with open(project.build_dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
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
) -> BuildReport:
    """Build every brief of every good summary whose inputs changed (all of them with force).

    Bad summaries are reported, not fatal to the others; output is the same for any number of jobs.
    builder: a Builder of this project already set up (the preview keeps one), for the jobs this
    process builds."""
    with build_lock(project), ExitStack() as stack:
        # Workers pay for their set-up: worth it only for more than a brief or two.
        stale = (
            (len(project.summary_paths()) + 1) * len(languages)
            if force
            else stale_briefs(project, languages, formats)
        )
        workers = min(jobs or cpu_count(), stale)
        pool = (
            stack.enter_context(_start_pool(project, workers - 1))
            if workers > 1 and stale > 2
            else None
        )
        remove_leftovers(project.build_dir)  # safe: the lock keeps other builds out
        start = time.perf_counter()
        # Read and check everything before anything reaches build/.
        loaded = load_summaries(project, strict=strict)
        report = BuildReport(
            problems=list(loaded.problems),
            warnings=list(loaded.warnings),
            documents=list(loaded.documents),
        )
        toolchain = Toolchain.of(project, languages)
        manifest = Manifest(project.build_dir)
        todo: list[Job] = []
        for document in loaded.documents:
            articles = cited_articles(project, [document.meeting])
            for language in languages:
                inputs = toolchain.inputs(document.path, articles, language)
                outputs = [
                    project.output_path(document.meeting.id, language, fmt) for fmt in formats
                ]
                if not force and all(manifest.fresh(output, inputs) for output in outputs):
                    report.up_to_date += len(outputs)
                else:
                    todo.append(Job(language, formats, inputs, document=document))
        # The digests are the longest jobs: first, so that no worker is left with one at the end.
        todo[:0] = _digest_jobs(
            project, loaded, toolchain, manifest, languages, formats, force, report
        )
        report.seconds["load"] = time.perf_counter() - start

        _forget_removed_meetings(project, manifest, {path.stem for path in project.summary_paths()})
        try:
            for done, result in enumerate(_results(project, todo, pool, workers, builder), start=1):
                job = result.job
                if progress:
                    progress(done, len(todo), job.name)
                for stage, seconds in result.seconds.items():
                    report.seconds[stage] += seconds
                report.peak_rss = max(report.peak_rss, result.peak_rss)
                report.rss_by_job.append((job.name, result.peak_rss))
                if job.digest is not None:
                    report.digest_seconds += sum(result.seconds.values())
                if result.failure:
                    report.failures.append(result.failure)
                    report.failed.setdefault(job.name, []).append(result.failure)
                for output in result.written:
                    manifest.record(output, job.inputs, job.name, job.articles)
                report.written.extend(result.written)
        finally:
            manifest.save()  # what was built stays built, even if the build is interrupted
        report.written.sort()
        report.failures.sort()
        return report


def _digest_jobs(
    project: Project,
    loaded: Loaded,
    toolchain: Toolchain,
    manifest: Manifest,
    languages: tuple[str, ...],
    formats: tuple[str, ...],
    force: bool,
    report: BuildReport,
) -> list[Job]:
    """The digest of all meetings, in each language whose inputs changed."""
    summaries = project.summary_paths()
    articles = cited_articles(project, [d.meeting for d in loaded.documents])
    inputs = {
        language: toolchain.digest_inputs(summaries, articles, language) for language in languages
    }
    stale = [
        language
        for language in languages
        if force
        or not all(
            manifest.fresh(project.digest_path(language, fmt), inputs[language]) for fmt in formats
        )
    ]
    if not stale or not loaded.documents:
        return []
    if loaded.problems:
        # A digest that silently left a meeting out would mislead.
        report.failures.append("digest: not built while summaries have problems")
        return []
    digest = make_digest([d.meeting for d in loaded.documents], loaded.vocabulary)
    return [Job(language, formats, inputs[language], digest=digest) for language in stale]


def _forget_removed_meetings(project: Project, manifest: Manifest, meeting_ids: set[str]) -> None:
    """Delete the outputs of meetings whose summary is gone, so nothing stale gets published."""
    for key, entry in list(manifest.entries.items()):
        if entry["meeting"] not in meeting_ids and entry["meeting"] != DIGEST:
            output = project.build_dir / key
            output.unlink(missing_ok=True)
            manifest.forget(output)
            log.info("removed %s (its summary is gone)", output)


def build_digests(
    project: Project,
    languages: tuple[str, ...] = LANGUAGES,
    formats: tuple[str, ...] = FORMATS,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[Path]:
    """Write build/<lang>/digest.<fmt> for the meetings between start and end.

    The digest covers good summaries only, so any problem in a summary stops it: a digest that
    silently left a meeting out would mislead."""
    with build_lock(project):
        loaded = load_summaries(project)
        if loaded.problems:
            raise SourceError(loaded.problems)
        digest = make_digest([d.meeting for d in loaded.documents], loaded.vocabulary, start, end)
        if not digest.meetings:
            raise BriefsError("no meetings in the chosen date range")
        builder = Builder(project)
        return [
            path
            for language in languages
            for path in builder.write_digest(digest, language, formats)
        ]
