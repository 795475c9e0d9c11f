"""The Builder: one brief (a meeting, or a digest, in one language) rendered once and handed to
every output format's builder, with the source files its PDF carries. Locales, catalogs,
templates and fonts are set up once per Builder; build.py and the worker processes use it."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from pathlib import Path

from briefs.build.manifest import Manifest
from briefs.build.stats import Seconds
from briefs.build.toolchain import Toolchain
from briefs.check.validate import load_vocabulary
from briefs.errors import FileError, RenderError, SourceError, display_path
from briefs.plan import page_key
from briefs.project import FORMATS, Project, issue_date
from briefs.read.loader import Document
from briefs.read.messages import numbered_name
from briefs.render import glyphs
from briefs.render.compiled import CompiledTemplates, compiled_templates
from briefs.render.digest import Digest
from briefs.render.i18n import localizers
from briefs.render.previous import ArchiveContext
from briefs.render.renderer import Renderer
from briefs.summary.meeting import Meeting
from briefs.summary.numbering import shown_numbers
from briefs.summary.vocabulary import Vocabulary
from briefs.write import html as html_builder
from briefs.write import pdf as pdf_builder
from briefs.write.formats import OutputBuilder, PagePart, SourceFile
from briefs.write.html import HtmlBuilder

log = logging.getLogger(__name__)


class Builder:
    """Turns meetings into brief files; locales, catalogs, templates and fonts are set up once."""

    def __init__(
        self,
        project: Project,
        vocabulary: Vocabulary | None = None,
        toolchain: Toolchain | None = None,
    ):
        """vocabulary: the themes and series as load_summaries read and checked them (else
        they are read here); toolchain: the build's fingerprints (else taken here), which name
        the compiled templates."""
        self.project = project
        if vocabulary is None:
            read = load_vocabulary(project)
            if isinstance(read, list):
                raise SourceError(read)
            vocabulary = read
        found = localizers(project.locale_dir)
        caches = template_caches(project, tuple(found), toolchain)
        self.renderer = Renderer(project, found, vocabulary, caches)
        self.seconds = Seconds()
        self._builders: dict[str, OutputBuilder] = {"html": HtmlBuilder(self.seconds)}
        self._warm = False
        self.pages: dict[Path, PagePart] = {}
        """The page part of each PDF written (by path), for the manifest: taken by the caller."""

    def _builder(self, fmt: str) -> OutputBuilder:
        if fmt not in self._builders:
            from briefs.write.pdf import PdfBuilder  # WeasyPrint only when a PDF is wanted

            self._builders[fmt] = PdfBuilder(self.project.templates_dir, self.seconds)
        return self._builders[fmt]

    def warm_up(self) -> None:
        """What a worker does before its first brief: import WeasyPrint, set up its fonts, and
        ask fontconfig what the fonts cover. No page is laid out: a worker's first brief follows
        at once (the building process hands the jobs out as soon as it has read the summaries),
        and its layout loads the fonts and the hyphenation dictionary it needs."""
        if self._warm:
            return
        from briefs.write.pdf import PdfBuilder

        with self.seconds.timed("start"):
            pdf = self._builder("pdf")
            assert isinstance(pdf, PdfBuilder)
            pdf.set_up()
            glyphs.covered("a")  # asks fontconfig what the fonts cover, once
            self._warm = True

    def build(
        self,
        document: Document,
        language: str,
        formats: tuple[str, ...] = FORMATS,
        paths: dict[str, Path] | None = None,
        layout: str = "",
        pages: Mapping[str, PagePart] | None = None,
        html: str | None = None,
        context: ArchiveContext | None = None,
    ) -> list[Path]:
        """Render one brief once and write it in each format; returns the files written.
        layout: the fingerprint of what lays a page out (Toolchain.layout), pages: the page
        part recorded for each format's file: a PDF whose page has the recorded fingerprint
        keeps its page part and gets its attachments anew. html: the brief already rendered
        (by render, in the building process); context: what the archive says of the meeting
        (Renderer.brief)."""
        self._check_glyphs(document.meeting, document.meeting.id)
        if html is None:
            html = self.render(document, language, context)
        issued = issue_date(document.meeting.issued, document.meeting.id)
        sources = source_files(self.project, [(document.path, document.meeting)])
        for path in (paths or {}).values():
            check_output(self.project, path)  # a path of the user's (build -o)
        written = []
        for fmt in formats:
            path = (paths or {}).get(fmt) or self.project.output_path(
                document.meeting.id, language, fmt
            )
            written.append(self._write(fmt, html, path, sources, issued, layout, pages))
            log.info("wrote %s", path)
        return written

    def render(
        self, document: Document, language: str, context: ArchiveContext | None = None
    ) -> str:
        """One brief's page, as every format's builder gets it (build checks its characters'
        glyphs before it writes it)."""
        with self.seconds.timed("render"):
            return self.renderer.brief(document.meeting, language, context)

    def _write(
        self,
        fmt: str,
        html: str,
        path: Path,
        sources: list[SourceFile],
        issued: dt.date,
        layout: str,
        pages: Mapping[str, PagePart] | None,
    ) -> Path:
        key = page_key(layout, html) if layout else ""
        page = self._builder(fmt).write(html, path, sources, issued, key, (pages or {}).get(fmt))
        if page is not None:
            self.pages[path] = page
        return path

    def write_digest(
        self,
        digest: Digest,
        language: str,
        formats: tuple[str, ...] = FORMATS,
        paths: dict[str, Path] | None = None,
        html: dict[str, str] | None = None,
        layout: str = "",
        pages: Mapping[str, PagePart] | None = None,
    ) -> list[Path]:
        """Render a digest (a year's, a date range's or the overview) and write it in each
        format, by default to build/<lang>/digest[-<year>].<fmt>; returns the files written.
        html: the digest already rendered, by format; layout and pages: as for build."""
        name = self.project.digest_name(digest.year)
        if not digest.overview:  # the overview prints numbers and the vocabulary's labels only
            for meeting in digest.meetings:
                self._check_glyphs(meeting, name)
        issued = issue_date(digest.issued, name)
        sources = digest_sources(self.project, digest)
        written = []
        for fmt in formats:
            with self.seconds.timed("render"):
                page = (html or {}).get(fmt) or self.renderer.digest(digest, language, fmt)
            path = (paths or {}).get(fmt) or self.project.digest_path(language, fmt, digest.year)
            written.append(self._write(fmt, page, path, sources, issued, layout, pages))
        return written

    @staticmethod
    def _check_glyphs(meeting: Meeting, what: str) -> None:
        """Fail rather than print an empty box where a character has no glyph."""
        missing = glyphs.uncovered(meeting)
        if missing:
            shown = shown_numbers(meeting)
            prefix = "" if what == meeting.id else f"{meeting.id}: "
            raise RenderError(
                what,
                "; ".join(
                    f"{prefix}{numbered_name(loc, shown)}: character {glyphs.describe(char)} is not covered by any installed font"
                    for loc, char in missing
                ),
            )


def template_caches(
    project: Project, languages: tuple[str, ...], toolchain: Toolchain | None = None
) -> dict[str, CompiledTemplates]:
    """Each language's cache of compiled templates (compiled.py), named by the toolchain's
    fingerprints (taken here when none is given); a language the given toolchain does not
    fingerprint (a build of the other one only) gets none."""
    if toolchain is None:
        try:
            toolchain = Toolchain.of(project, languages)
        except FileError:  # a file it reads cannot be read: nothing is cached, the build says why
            return {}
    caches = {
        language: compiled_templates(language, toolchain.layout(language))
        for language in languages
        if language in toolchain.catalogs
    }
    return {language: cache for language, cache in caches.items() if cache is not None}


def check_output(project: Project, path: Path) -> None:
    """Refuse to write a brief where it would overwrite a source (anything in sources/,
    templates/ or locale/, through a link too) or an existing file that is not a previous
    output of briefs: one the manifest records, or one carrying briefs' own mark."""
    target = path.resolve()
    for folder in (project.meetings_dir.parent, project.templates_dir, project.locale_dir):
        if target.is_relative_to(folder.resolve()):
            raise FileError(
                f"{display_path(path)}: inside {folder.name}/, where the project's sources live;"
                " write the brief elsewhere"
            )
    if not target.exists():
        return
    if not target.is_file():
        raise FileError(f"{display_path(path)}: exists and is not a file")
    build_dir = project.build_dir.resolve()
    if target.is_relative_to(build_dir):
        if Manifest(project.build_dir).entries.get(target.relative_to(build_dir).as_posix()):
            return
    try:
        data = target.read_bytes()
    except OSError as error:
        raise FileError.of(path, "read", error) from None
    if not (html_builder.made_by_briefs(data) or pdf_builder.made_by_briefs(data)):
        raise FileError(
            f"{display_path(path)}: exists and is not a brief briefs built; "
            "give a new file, or remove this one first"
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
