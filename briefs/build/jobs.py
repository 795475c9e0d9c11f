"""Jobs: one per brief to build, a type per kind of output. A BriefJob is a meeting in one
language, a DigestJob a year's digest or the overview in one language; each has its name, its
run (with a Builder, in whichever process takes it) and its record (in the manifest)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from briefs.build.builder import Builder, cited_articles, digest_sources
from briefs.build.manifest import Manifest
from briefs.build.toolchain import Toolchain
from briefs.check.validate import Loaded
from briefs.errors import BriefsError
from briefs.plan import BuildPlan, digest_unchanged, lays_out
from briefs.project import DIGEST, Project
from briefs.read.loader import Document
from briefs.render.digest import Digest, linked_meetings, make_digest, make_overview
from briefs.render.previous import ArchiveContext, archive_context
from briefs.write.formats import PagePart


@dataclass(frozen=True)
class BriefJob:
    """A meeting's brief in one language, in each format."""

    document: Document
    language: str
    formats: tuple[str, ...]
    inputs: str
    depends: tuple[str, ...] = ()
    """The other summaries its context shows (file names), recorded in the manifest."""
    layout: str = ""
    """The fingerprint of what lays its pages out (Toolchain.layout)."""
    pages: dict[str, PagePart] = field(default_factory=dict)
    """The page part recorded for its PDF (by format): kept when its page did not change."""
    html: str = ""
    """Its page, when the building process rendered it ahead (render_ahead)."""
    context: ArchiveContext | None = None
    """What the archive says of the meeting, computed by the building process from the good
    summaries: a worker renders the same page as this process would, and reads no summary."""

    @property
    def name(self) -> str:
        return self.document.meeting.id

    @property
    def lays_out(self) -> bool:
        """Whether it lays out a page; so it does, as far as is known, until its page is
        rendered."""
        return lays_out(self.formats, self.layout, self.pages.get("pdf"), self.html or None)

    def run(self, builder: Builder) -> list[Path]:
        return builder.build(
            self.document,
            self.language,
            self.formats,
            layout=self.layout,
            pages=self.pages,
            html=self.html or None,
            context=self.context,
        )

    def record(self, manifest: Manifest, output: Path, page: PagePart | None = None) -> None:
        articles = list(dict.fromkeys(c.article for c in self.document.meeting.sources))
        manifest.record(output, self.inputs, self.name, articles, self.depends, page=page)


@dataclass(frozen=True)
class DigestJob:
    """A year's digest or the overview in one language, in the formats whose page changed."""

    digest: Digest
    language: str
    formats: tuple[str, ...]
    inputs: str
    articles: list[str]
    """The articles its inputs were computed from (file names), for the manifest."""
    depends: tuple[str, ...] = ()
    """A year digest's summaries of other years (file names), recorded in the manifest."""
    html: dict[str, str] = field(default_factory=dict)
    """Its pages, already rendered (by format)."""
    rendered: dict[str, str] = field(default_factory=dict)
    """Fingerprints of those pages and of the toolchain (by format), recorded in the manifest."""
    layout: str = ""
    """The fingerprint of what lays its pages out (Toolchain.layout)."""
    pages: dict[str, PagePart] = field(default_factory=dict)
    """The page part recorded for its PDF (by format): kept when its page did not change."""

    @property
    def name(self) -> str:
        return Project.digest_name(self.digest.year)

    @property
    def lays_out(self) -> bool:
        """Whether it lays out a page: its PDF's page is not the one recorded."""
        return lays_out(self.formats, self.layout, self.pages.get("pdf"), self.html.get("pdf"))

    def run(self, builder: Builder) -> list[Path]:
        return builder.write_digest(
            self.digest,
            self.language,
            self.formats,
            html=self.html,
            layout=self.layout,
            pages=self.pages,
        )

    def record(self, manifest: Manifest, output: Path, page: PagePart | None = None) -> None:
        manifest.record(
            output,
            self.inputs,
            DIGEST,
            self.articles,
            self.depends,
            self.rendered.get(output.suffix[1:], ""),
            page,
        )


Job = BriefJob | DigestJob


RENDER_AHEAD = 2
"""In a build of at most this many briefs per process (an edit or two), the building process
renders each brief whose PDF has a recorded page before any is handed out (render_ahead)."""


def render_ahead(jobs: list[Job], builder: Builder, processes: int) -> list[Job]:
    """The jobs of a small build, the ones that lay out a page first. The other processes take
    their jobs from the front, and this one, which has the digests to render first and has not
    imported WeasyPrint, takes the rest: so a page is laid out by a process that is ready for
    it, and this one only appends new attachments to the PDFs whose page did not change (an
    edit in one language's text lays out that language's page only). Each brief's page is
    rendered here, once: its job carries it. A larger build is left as it is: its briefs are
    rendered by the processes that take them, side by side."""
    if processes < 2 or len(jobs) > RENDER_AHEAD * processes:
        return jobs
    ahead: list[Job] = []
    for job in jobs:
        if isinstance(job, BriefJob) and not job.html and "pdf" in job.pages:
            try:
                job = replace(job, html=builder.render(job.document, job.language, job.context))
            except BriefsError:  # it fails again when it runs, and says why there
                pass
        ahead.append(job)
    return sorted(ahead, key=lambda job: not job.lays_out)  # stable: else in the plan's order


def brief_jobs(
    project: Project,
    plan: BuildPlan,
    loaded: Loaded,
    toolchain: Toolchain,
    formats: tuple[str, ...],
    manifest: Manifest | None = None,
) -> list[BriefJob]:
    """A job for each stale brief of a good summary (a bad one is a problem, not a job), with
    the page parts manifest records for its PDFs (none: every page is laid out)."""
    documents = {document.path.stem: document for document in loaded.documents}
    contexts = archive_context(d.meeting for d in loaded.documents)
    jobs = []
    for meeting_id, language in plan.briefs:
        document = documents.get(meeting_id)
        if document is not None:
            # The brief shows its context: the summaries it comes from count as its inputs,
            # recorded as its depends (as a year digest's are) for the no-op check.
            depends = tuple(f"{i}.yaml" for i in contexts[meeting_id].summaries)
            articles = cited_articles(project, [document.meeting])
            articles += [project.meetings_dir / name for name in depends]
            inputs = toolchain.inputs(document.path, articles, language)
            stale = plan.formats.get((meeting_id, language), formats)
            pages = recorded_pages(
                manifest, {fmt: project.output_path(meeting_id, language, fmt) for fmt in stale}
            )
            layout = toolchain.layout(language)
            jobs.append(
                BriefJob(
                    document,
                    language,
                    stale,
                    inputs,
                    depends,
                    layout,
                    pages,
                    context=contexts[meeting_id],
                )
            )
    return jobs


def recorded_pages(manifest: Manifest | None, files: dict[str, Path]) -> dict[str, PagePart]:
    """The page part manifest records for each file (by format), where it records one."""
    if manifest is None:
        return {}
    found = {fmt: manifest.page(path) for fmt, path in files.items()}
    return {fmt: page for fmt, page in found.items() if page is not None}


def digest_jobs(
    project: Project,
    plan: BuildPlan,
    loaded: Loaded,
    toolchain: Toolchain,
    manifest: Manifest,
    builder: Builder,
    formats: tuple[str, ...],
    force: bool,
) -> tuple[list[DigestJob], list[tuple[DigestJob, Path]]]:
    """The stale digests' jobs, busiest first, and the outputs that are kept as they are
    (with the job whose inputs the manifest records for them).

    A year's digest is made from that year's summaries and those of the later meetings it
    names. Each is rendered here, in the building process, while the workers start on the
    briefs: when its page and the files it carries come out the same as last time (an edit it
    does not show), its files are kept."""
    meetings = [d.meeting for d in loaded.documents]
    meeting_of = {d.path.name: d.meeting for d in loaded.documents}
    by_year: dict[int | None, list[Path]] = {
        year: paths for year, paths in project.summaries_by_year().items()
    }
    by_year[None] = project.summary_paths()
    digests: dict[int | None, Digest] = {}
    jobs, kept = [], []
    for year, language in plan.digests:
        depends: tuple[str, ...] = ()
        if year is not None:
            depends = tuple(sorted(f"{i}.yaml" for i in linked_meetings(meetings, year)))
        summaries = by_year[year] + [project.meetings_dir / name for name in depends]
        articles = cited_articles(
            project, [meeting_of[p.name] for p in summaries if p.name in meeting_of]
        )
        inputs = toolchain.digest_inputs(summaries, articles, language)
        names = [a.name for a in articles]
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
            jobs.append(DigestJob(digest, language, formats, inputs, names, depends))
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
            fmt
            for fmt in formats
            if force or not digest_unchanged(manifest, files[fmt], rendered[fmt])
        )
        job = DigestJob(
            digest,
            language,
            changed,
            inputs,
            names,
            depends,
            html={fmt: html[fmt] for fmt in changed},
            rendered=rendered,
            layout=toolchain.layout(language),
            pages=recorded_pages(None if force else manifest, files),
        )
        kept += [(job, files[fmt]) for fmt in formats if fmt not in changed]
        if changed:
            jobs.append(job)
    # The longest first, so that no worker is left with one at the end: the busiest years
    # (the overview is a page or two).
    jobs.sort(key=lambda job: -len(job.digest.years or job.digest.meetings))
    return jobs, kept
