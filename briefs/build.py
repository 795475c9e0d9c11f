"""Build: orchestration. Reads and checks every summary first, then renders each brief once per
language and hands the same HTML to every output format's builder; in worker processes
(workers.py), and only for the briefs whose inputs changed since the last build."""

from __future__ import annotations

import datetime as dt
import fcntl
import gc
import logging
import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import glyphs
from .builders import OutputBuilder, remove_leftovers
from .builders.html import HtmlBuilder
from .builders.pdf import SourceFile
from .digest import Digest, linked_meetings, make_digest, make_overview
from .errors import BriefsError, Problem, RenderError, SourceError, UnknownMeetingError
from .i18n import localizers
from .loader import Document, field_name
from .manifest import DIGEST, Manifest, Toolchain, cpu_count, stale_briefs
from .models import LANGUAGES, Meeting
from .project import Project
from .render import Renderer, archive_context, issue_date
from .validate import Loaded, load_summaries, load_vocabulary
from .workers import Job, results, start_method, start_pool

log = logging.getLogger(__name__)

FORMATS = ("pdf", "html")
STAGES = ("load", "start", "render", "layout", "pdf", "html")
"""Where build time goes: load and validate, warm-up (WeasyPrint's import, fonts, a first small
page), Jinja render, WeasyPrint layout, PDF write, HTML write."""

WARM_UP = (
    '<html lang="{lang}"><body style="hyphens: auto; font-family: Noto Serif">'
    '<p style="width: 4em">Kerjasama perdagangan internasional, cooperation internationally.</p>'
    '<p><b>Bold</b> <i>italic</i> <span style="font-family: Noto Sans">Sans <b>bold</b> '
    '<span style="font-weight: 600">semibold</span></span> '
    '<span lang="zh-Hans" style="font-family: Noto Sans CJK SC">王毅</span></p></body></html>'
)
"""A small page in the brief's fonts, laid out once per language before any worker starts:
it loads the fonts and, with words broken in a narrow column, the hyphenation dictionary."""


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
    """(meeting id, "digest-<year>" or "digest", peak resident set of the process that built
    it), in completion order."""
    cpu_by_job: list[tuple[str, float]] = field(default_factory=list)
    """(the same names, CPU seconds the job took), in the same order."""
    digest_seconds: float = 0.0
    """Time spent building the digests, included in seconds."""
    workers: int = 1
    """Processes that built briefs, this one included."""
    start_method: str = ""
    """How the other workers started: "fork", "spawn", or "" when this process built alone."""

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
        self._warm = False

    def _builder(self, fmt: str) -> OutputBuilder:
        if fmt not in self._builders:
            from .builders.pdf import PdfBuilder  # WeasyPrint only when a PDF is wanted

            self._builders[fmt] = PdfBuilder(self.project.templates_dir, self.seconds)
        return self._builders[fmt]

    def warm_up(self) -> None:
        """Import WeasyPrint, set up its fonts and lay out a small page in each language, so
        that the first brief (and every worker forked from this process) starts warm."""
        if self._warm:
            return
        from .builders.pdf import PdfBuilder

        start = time.perf_counter()
        before = dict(self.seconds)
        pdf = self._builder("pdf")
        assert isinstance(pdf, PdfBuilder)
        for language in self.renderer.localizers:
            pdf.pdf_bytes(WARM_UP.format(lang=language))
        self._warm = True
        glyphs.covered("a")  # asks fontconfig what the fonts cover, once
        self.seconds.update(before)  # the page is not a brief: its time counts as start
        self.seconds["start"] += time.perf_counter() - start

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
        self,
        digest: Digest,
        language: str,
        formats: tuple[str, ...] = FORMATS,
        paths: dict[str, Path] | None = None,
        html: dict[str, str] | None = None,
    ) -> list[Path]:
        """Render a digest (a year's, a date range's or the overview) and write it in each
        format, by default to build/<lang>/digest[-<year>].<fmt>; returns the files written.
        html: the digest already rendered, by format."""
        name = DIGEST if digest.year is None else f"{DIGEST}-{digest.year}"
        if not digest.overview:  # the overview prints numbers and the vocabulary's labels only
            for meeting in digest.meetings:
                self._check_glyphs(meeting, name)
        issued = issue_date(digest.issued, name)
        sources = digest_sources(self.project, digest)
        written = []
        for fmt in formats:
            start = time.perf_counter()
            page = (html or {}).get(fmt) or self.renderer.digest(digest, language, fmt)
            self.seconds["render"] += time.perf_counter() - start
            path = (paths or {}).get(fmt) or self.project.digest_path(language, fmt, digest.year)
            start = time.perf_counter()
            written.append(self._builder(fmt).write(page, path, sources, issued))
            if fmt == "html":
                self.seconds["html"] += time.perf_counter() - start
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
    """The summary file of each meeting a digest draws on (a summary's name is its id): every
    meeting of a year's digest; for the overview, the meetings whose figures its series show
    (its counts stand on the year digests it links to, which carry their meetings): so it
    carries what its numbers come from without growing with the archive."""
    meetings = digest.meetings
    if digest.overview:
        shown = {point.meeting_id for data in digest.series for point in data.points}
        meetings = [m for m in digest.meetings if m.id in shown]
    return [(project.meetings_dir / f"{m.id}.yaml", m) for m in meetings]


def digest_sources(project: Project, digest: Digest) -> list[SourceFile]:
    """The files a digest's PDF carries: the summaries it draws on, their articles, the
    vocabulary and the glossary."""
    return source_files(project, digest_summaries(project, digest), digest=True)


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
        method = start_method()
        pool: ProcessPoolExecutor | None = None
        workers = 1
        if method == "spawn":
            # Spawned workers pay for their set-up: started now, it overlaps with reading the
            # summaries; worth it only for more than a brief or two.
            stale = (
                (len(project.summary_paths()) + len(project.summaries_by_year()) + 1)
                * len(languages)
                if force
                else stale_briefs(project, languages, formats)
            )
            if min(jobs or cpu_count(), stale) > 1 and stale > 2:
                workers = min(jobs or cpu_count(), stale)
                pool = stack.enter_context(start_pool(project, workers - 1, None))
        remove_leftovers(project.build_dir)  # safe: the lock keeps other builds out
        start = time.perf_counter()
        # Read and check everything before anything reaches build/.
        loaded = load_summaries(project, strict=strict)
        report = BuildReport(
            problems=list(loaded.problems),
            warnings=list(loaded.warnings),
            documents=list(loaded.documents),
        )
        for document in loaded.documents:  # checked: where each value stood is not needed now
            document.positions.forget()  # (tens of MB at 1000 meetings, in every forked worker)
        toolchain = Toolchain.of(project, languages)
        manifest = Manifest(project.build_dir)
        todo: list[Job] = []
        contexts = archive_context(d.meeting for d in loaded.documents)
        for document in loaded.documents:
            # The brief shows its context: the summaries it comes from count as its inputs,
            # recorded as its depends (as a year digest's are) for the no-op check.
            depends = tuple(f"{i}.yaml" for i in contexts[document.meeting.id].summaries)
            articles = cited_articles(project, [document.meeting])
            articles += [project.meetings_dir / name for name in depends]
            for language in languages:
                inputs = toolchain.inputs(document.path, articles, language)
                outputs = [
                    project.output_path(document.meeting.id, language, fmt) for fmt in formats
                ]
                if not force and all(manifest.fresh(output, inputs) for output in outputs):
                    report.up_to_date += len(outputs)
                else:
                    todo.append(Job(language, formats, inputs, document=document, depends=depends))
        if builder is None and (todo or not force):  # the preview passes its own, kept warm
            builder = Builder(project)
        if builder is not None:
            builder.renderer.know(d.meeting for d in loaded.documents)
        # The digests are the longest jobs: first, so that no worker is left with one at the end.
        if builder is not None:
            todo[:0] = _digest_jobs(
                project, loaded, toolchain, manifest, builder, languages, formats, force, report
            )
        _forget_removed_meetings(project, manifest, {path.stem for path in project.summary_paths()})
        report.seconds["load"] = time.perf_counter() - start
        if not todo:
            builder = None
        if builder is not None and "pdf" in formats:
            builder.warm_up()  # before forking: every worker inherits it warm
        # What is loaded now lives through the build: out of the garbage collector's sight, its
        # passes do not grow with the archive, and forked workers do not copy the pages it
        # would touch.
        gc.freeze()
        stack.callback(gc.unfreeze)
        if method == "fork" and builder is not None:
            workers = min(jobs or cpu_count(), len(todo))
            if workers > 1:
                pool = stack.enter_context(start_pool(project, workers - 1, builder))
        report.workers = workers
        report.start_method = method if pool is not None else ""
        if builder is not None:
            report.seconds["start"] += builder.seconds["start"]
        try:
            for done, result in enumerate(results(project, todo, pool, workers, builder), start=1):
                job = result.job
                if progress:
                    progress(done, len(todo), job.name)
                for stage, seconds in result.seconds.items():
                    report.seconds[stage] += seconds
                report.peak_rss = max(report.peak_rss, result.peak_rss)
                report.rss_by_job.append((job.name, result.peak_rss))
                report.cpu_by_job.append((job.name, result.cpu))
                if job.digest is not None:
                    report.digest_seconds += sum(result.seconds.values())
                if result.failure:
                    report.failures.append(result.failure)
                    report.failed.setdefault(job.name, []).append(result.failure)
                for output in result.written:
                    manifest.record(
                        output,
                        job.inputs,
                        DIGEST if job.digest else job.name,
                        job.articles,
                        job.depends,
                        job.rendered.get(output.suffix[1:], ""),
                    )
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
    builder: Builder,
    languages: tuple[str, ...],
    formats: tuple[str, ...],
    force: bool,
    report: BuildReport,
) -> list[Job]:
    """Each year's digest and the overview, in each language whose inputs changed. A year's
    digest is made from that year's summaries and those of the later meetings it names.

    A digest whose summaries or articles changed is rendered here; when its page and the files
    it carries come out the same as last time (an edit it does not show), its files are kept and
    only the manifest is told."""
    meetings = [d.meeting for d in loaded.documents]
    meeting_of = {d.path.name: d.meeting for d in loaded.documents}
    wanted: list[tuple[int | None, list[Path], tuple[str, ...]]] = []
    for held, paths in sorted(project.summaries_by_year().items()):
        depends = tuple(sorted(f"{i}.yaml" for i in linked_meetings(meetings, held)))
        wanted.append((held, paths + [project.meetings_dir / d for d in depends], depends))
    wanted.append((None, project.summary_paths(), ()))
    stale = []
    for year, summaries, depends in wanted:
        articles = cited_articles(
            project, [meeting_of[p.name] for p in summaries if p.name in meeting_of]
        )
        for language in languages:
            inputs = toolchain.digest_inputs(summaries, articles, language)
            outputs = [project.digest_path(language, fmt, year) for fmt in formats]
            if force or not all(manifest.fresh(output, inputs) for output in outputs):
                stale.append((year, language, inputs, depends, [a.name for a in articles]))
    if not stale or not loaded.documents:
        return []
    if loaded.problems:
        # A digest that silently left a meeting out would mislead.
        report.failures.append("digest: not built while summaries have problems")
        return []
    digests: dict[int | None, Digest] = {}
    jobs = []
    for year, language, inputs, depends, article_names in stale:
        if year not in digests:
            digests[year] = (
                make_overview(meetings, loaded.vocabulary)
                if year is None
                else make_digest(meetings, loaded.vocabulary, year=year)
            )
        digest = digests[year]
        try:
            html = {fmt: builder.renderer.digest(digest, language, fmt) for fmt in formats}
        except BriefsError:  # the job fails again, and says why
            jobs.append(
                Job(language, formats, inputs, digest=digest, depends=depends, read=article_names)
            )
            continue
        # The files its PDF carries count too: a kept digest must not carry stale ones.
        carried = tuple(f.data for f in digest_sources(project, digest))
        rendered = {
            fmt: toolchain.rendered(language, html[fmt], carried if fmt == "pdf" else ())
            for fmt in formats
        }
        files = {fmt: project.digest_path(language, fmt, year) for fmt in formats}
        # Each format on its own: the PDF carries the summaries' bytes, the HTML page does not.
        changed = tuple(
            fmt for fmt in formats if force or not manifest.same_page(files[fmt], rendered[fmt])
        )
        for fmt in formats:
            if fmt not in changed:
                manifest.record(files[fmt], inputs, DIGEST, article_names, depends, rendered[fmt])
        if changed:
            jobs.append(
                Job(
                    language,
                    changed,
                    inputs,
                    digest=digest,
                    depends=depends,
                    html={fmt: html[fmt] for fmt in changed},
                    rendered={fmt: rendered[fmt] for fmt in changed},
                    read=article_names,
                )
            )
    # The longest first: the busiest years (the overview is a page or two).
    jobs.sort(key=lambda job: -len(job.digest.years or job.digest.meetings) if job.digest else 0)
    return jobs


YEAR_DIGEST = re.compile(r"(?:^|/)digest-(\d{4})\.\w+$")


def _forget_removed_meetings(project: Project, manifest: Manifest, meeting_ids: set[str]) -> None:
    """Delete the outputs of meetings whose summary is gone, and the digests of years that no
    longer have a meeting, so nothing stale gets published."""
    years = project.summaries_by_year()
    for key, entry in list(manifest.entries.items()):
        if entry["meeting"] == DIGEST:
            match = YEAR_DIGEST.search(key)
            gone = match is not None and int(match.group(1)) not in years
        else:
            gone = entry["meeting"] not in meeting_ids
        if gone:
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
    years: tuple[int, ...] = (),
) -> list[Path]:
    """Write the digests: with years, those years' digests; with start or end, the digest of
    that date range (build/<lang>/digest-<start>-<end>.<fmt>); else every year's digest and
    the overview. None of them is incremental: they are all written.

    The digests cover good summaries only, so any problem in a summary stops them: a digest
    that silently left a meeting out would mislead."""
    with build_lock(project):
        loaded = load_summaries(project)
        if loaded.problems:
            raise SourceError(loaded.problems)
        meetings = [d.meeting for d in loaded.documents]
        chosen: list[tuple[Digest, str | None]] = []  # a digest, and its file name if not the usual
        if start or end:
            digest = make_digest(meetings, loaded.vocabulary, start, end)
            if not digest.meetings:
                raise BriefsError("no meetings in the chosen date range")
            chosen.append((digest, f"digest-{start or digest.first}-{end or digest.last}"))
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
        builder = Builder(project)
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
