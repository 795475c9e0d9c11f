"""Build: orchestration. Reads and checks every summary first, then renders each brief once
per language and hands the same HTML to every output format's builder."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from . import glyphs
from .builders.html import HtmlBuilder
from .builders.pdf import SourceFile
from .errors import BriefsError, Problem, RenderError, SourceError, UnknownMeetingError
from .i18n import localizers
from .loader import Document, field_name
from .models import LANGUAGES
from .project import Project
from .render import Renderer, issue_date
from .validate import load_summaries

log = logging.getLogger(__name__)

FORMATS = ("pdf", "html")


@dataclass
class BuildReport:
    """What a build wrote, and what it could not build."""

    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.failures


class Builder:
    """Turns meetings into brief files; locales, catalogs, templates and fonts are set up once."""

    def __init__(self, project: Project):
        self.project = project
        self.renderer = Renderer(project, localizers(project.locale_dir))
        self._builders: dict[str, object] = {"html": HtmlBuilder()}

    def _builder(self, fmt: str):
        if fmt not in self._builders:
            from .builders.pdf import PdfBuilder  # WeasyPrint only when a PDF is wanted

            self._builders[fmt] = PdfBuilder(self.project.templates_dir)
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
        missing = glyphs.uncovered(meeting)
        if missing:
            raise RenderError(
                meeting.id,
                "; ".join(
                    f"{field_name(loc)}: character {glyphs.describe(char)} is not covered by any installed font"
                    for loc, char in missing
                ),
            )
        html = self.renderer.brief(meeting, language)
        issued = issue_date(meeting)
        sources = self._sources(document)
        written = []
        for fmt in formats:
            path = (paths or {}).get(fmt) or self.project.output_path(meeting.id, language, fmt)
            written.append(self._builder(fmt).write(html, path, sources, issued))
            log.info("wrote %s", path)
        return written

    def _sources(self, document: Document) -> list[SourceFile]:
        """The summary and its article, byte for byte, to travel inside the PDF."""
        article = self.project.articles_dir / document.meeting.source.article
        return [
            SourceFile(document.path.name, document.path.read_bytes(), "Meeting summary (YAML)"),
            SourceFile(article.name, article.read_bytes(), "Source article, as published"),
        ]


def find_meeting(project: Project, meeting_id: str) -> Document:
    """Read and check the summary of one meeting, by id."""
    known = [path.stem for path in project.summary_paths()]
    if meeting_id not in known:
        raise UnknownMeetingError(meeting_id, known)
    loaded = load_summaries(project, [project.meetings_dir / f"{meeting_id}.yaml"])
    if loaded.problems:
        raise SourceError(loaded.problems)
    return loaded.documents[0]


def build_all(
    project: Project,
    languages: tuple[str, ...] = LANGUAGES,
    formats: tuple[str, ...] = FORMATS,
) -> BuildReport:
    """Build every brief of every good summary; bad summaries are reported, not fatal to others."""
    # Read and check everything before anything reaches build/.
    loaded = load_summaries(project)
    report = BuildReport(problems=list(loaded.problems))
    builder = Builder(project)
    for document in loaded.documents:
        for language in languages:
            try:
                report.written.extend(builder.build(document, language, formats))
            except RenderError as error:
                report.failures.append(f"{error.meeting_id} ({language}): {error.detail}")
            except BriefsError as error:
                report.failures.append(f"{document.meeting.id} ({language}): {error}")
    return report
