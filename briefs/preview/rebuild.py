"""The preview's rebuild loop: keeps build/ up to date through the same incremental build and
manifest as `briefs build --all`, run whenever the file system reports a changed source (a
meeting's briefs when its summary or article changes, every brief when a template, the CSS, a
catalog or the settings do), and holds what the server (serve.py) shows of each summary and the
versions its open pages wait on."""

from __future__ import annotations

import logging
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from briefs.build.builder import Builder
from briefs.build.phases import build_all
from briefs.check.validate import load_summaries
from briefs.errors import BriefsError, Problem
from briefs.language.gazetteer import cldr_gazetteer
from briefs.project import CONFIG_FILE, DIGEST, Project, open_project
from briefs.read.loader import Document
from briefs.summary.fields import Text

# serve's logger, as the HTTP server's (localserver.py): `briefs serve` says what was rebuilt.
log = logging.getLogger("briefs.preview.serve")


POLL_SECONDS = 30.0
"""How long the server holds a page's question for its version before it answers all the same."""
PDF_WAIT_SECONDS = 120.0
"""How long a request for a PDF waits for the rebuild under way to write it."""
BRIEF_PATH = re.compile(r"/(?P<language>[a-z]+)/(?P<meeting_id>[^/]+)\.(?P<format>html|pdf)")


@dataclass(frozen=True)
class PreviewEntry:
    """What the preview shows of one summary: its meeting, or the problems that stop its briefs."""

    meeting_id: str
    title: Text | None
    errors: tuple[str, ...]
    generation: int
    """The preview's generation when this entry last changed: open pages compare it."""


class Preview:
    """The briefs of a project, kept built by the same incremental build as `briefs build --all`
    (and so recorded in the same manifest); what the server shows of them."""

    def __init__(self, project: Project):
        self.project = project
        # Part of every version, so that pages left open across a restart reload too.
        self.token = secrets.token_hex(4)
        self.generation = 0
        """Moves on when any page changes."""
        self.builds = 0
        """The build generation: how many rebuilds are done (a page waits on it, so do tests)."""
        # Replaced whole, never changed in place: request threads read it without a lock.
        self.entries: dict[str, PreviewEntry] = {}
        # Set up once (locales, catalogs, templates, fonts), again when one of them changes.
        self._builder: Builder | None = None
        self._lock = threading.Lock()
        # Notified when a rebuild is done (and when the preview closes): what long polls wait on.
        self._built = threading.Condition()
        self._closed = False
        self.building_pages = False
        """A rebuild's first part is under way: the HTML briefs (every PDF waits for it)."""
        self.pdfs_pending: dict[str, int] = {}
        """The meetings whose PDFs the rebuild's second part has yet to write (how many, one
        per language): a request for one waits for them, never gets a file of before the edit.
        Replaced whole, never changed in place."""
        self.pages = jinja2.Environment(
            loader=jinja2.FileSystemLoader(project.templates_dir),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )

    def watched(self) -> list[tuple[list[Path], bool]]:
        """Everything a brief is built from, as (folders, recursively): sources/, templates/ and
        locale/ with all they hold, and the project folder itself for briefs.toml (its own files
        only: build/ and the rest are not sources)."""
        project = self.project
        folders = (project.meetings_dir.parent, project.templates_dir, project.locale_dir)
        return [([folder for folder in folders if folder.is_dir()], True), ([project.root], False)]

    def is_source(self, path: Path) -> bool:
        """Whether a changed file is one the briefs are built from: not an editor's backup,
        swap or lock file, nor anything in the project folder but briefs.toml."""
        if path.name.startswith((".", "#")) or path.name.endswith("~"):
            return False
        return path.parent != self.project.root or path.name == CONFIG_FILE

    def changed(self, paths: set[Path]) -> list[str]:
        """Rebuild after these files changed: the settings, templates and catalogs are read
        afresh when any file besides a summary or an article is among them."""
        own = (self.project.meetings_dir, self.project.articles_dir)  # each meeting's own sources
        everything = any(not any(map(path.is_relative_to, own)) for path in paths)
        return self.refresh(everything=everything)

    def refresh(self, everything: bool = False) -> list[str]:
        """Build what is not up to date, as `briefs build --all` does, and take up what each
        summary now shows; returns the meetings whose pages changed."""
        with self._lock:
            setup_error = None
            if everything or self._builder is None:
                try:
                    # Settings, templates and catalogs read afresh.
                    self.project = open_project(self.project.root)
                    self._builder = Builder(self.project)
                    cldr_gazetteer()  # what every check of an edit reads: now, not on a save
                except BriefsError as error:
                    # a broken briefs.toml, or a catalog that does not compile
                    self._builder, setup_error = None, str(error)
            if self._builder is None:
                loaded = load_summaries(self.project)
                return self._take_up(loaded.documents, loaded.problems, set(), {}, setup_error)
            with self._built:
                self.building_pages = True
            try:
                return self._rebuild(self._builder)
            finally:
                with self._built:
                    self.building_pages, self.pdfs_pending = False, {}
                    self._built.notify_all()

    def _rebuild(self, builder: Builder) -> list[str]:
        """The HTML briefs first, served (and open pages reloaded) at once; then the PDFs and
        the digests, which take most of the time. One job at a time, in this process, with the
        builder already set up: for the few briefs an edit makes stale, faster than starting
        worker processes."""
        pages = build_all(self.project, formats=("html",), jobs=1, builder=builder, digests=False)
        written = [path.stem for path in pages.written]
        changed = self._take_up(
            pages.documents, pages.problems, set(written), pages.failed, None, pdfs=written
        )

        def pdf_done(_done: int, _total: int, name: str) -> None:
            with self._built:  # a brief's job, one language's PDF (a digest's is not waited for)
                left = self.pdfs_pending.get(name, 0) - 1
                pending = {k: v for k, v in self.pdfs_pending.items() if k != name}
                self.pdfs_pending = {**pending, name: left} if left > 0 else pending
                self._built.notify_all()

        report = build_all(self.project, jobs=1, builder=builder, progress=pdf_done)
        if DIGEST in report.failed:  # the preview shows no digest; say why it is not built
            log.info("%s", "; ".join(report.failed[DIGEST]))
        # The pages were taken up already: a PDF (or a digest) written now changes no page,
        # but a brief that failed to lay out shows why.
        html = {path.stem for path in report.written if path.suffix == ".html"}
        again = self._take_up(report.documents, report.problems, html, report.failed, None)
        return sorted({*changed, *again})

    def _take_up(
        self,
        documents: list[Document],
        problems: list[Problem],
        written: set[str],
        failed: dict[str, list[str]],
        setup_error: str | None,
        pdfs: list[str] | None = None,
    ) -> list[str]:
        """New entries from what was read and built (meeting ids whose briefs were written,
        failures by meeting id); the generation moves on if any page changed. pdfs: the
        meetings whose PDFs are yet to be written, once per language (requests for them
        wait), with the pages' part of a rebuild done."""
        problems_of: dict[str, list[str]] = {}
        for problem in problems:
            problems_of.setdefault(problem.path.stem, []).append(str(problem))
        document_of = {document.path.stem: document for document in documents}

        entries, changed = {}, []
        for path in self.project.summary_paths():
            meeting_id, document = path.stem, document_of.get(path.stem)
            errors: tuple[str, ...]
            if document is None:
                title, errors = None, tuple(problems_of.get(meeting_id, ()))
            elif setup_error:
                title, errors = document.meeting.title, (setup_error,)
            else:
                title, errors = document.meeting.title, tuple(failed.get(meeting_id, ()))
            built = meeting_id in written
            old = self.entries.get(meeting_id)
            if old and not built and (old.title, old.errors) == (title, errors):
                entries[meeting_id] = old
                continue
            changed.append(meeting_id)
            if built:
                log.info("built the briefs of %s", meeting_id)
            for message in errors:
                log.warning("%s", message)
            entries[meeting_id] = PreviewEntry(meeting_id, title, errors, self.generation + 1)
        with self._built:
            if changed or entries.keys() != self.entries.keys():
                self.generation += 1
            self.entries = entries
            if pdfs is not None:
                self.building_pages = False
                self.pdfs_pending = {name: pdfs.count(name) for name in pdfs}
            else:
                self.builds += 1
            self._built.notify_all()
        return changed

    def wait_for_pdf(self, meeting_id: str, timeout: float = PDF_WAIT_SECONDS) -> bool:
        """Wait until the rebuild under way has written the meeting's PDFs (at once when none
        is under way); False on timeout."""
        return self.wait(
            lambda: not self.building_pages and meeting_id not in self.pdfs_pending, timeout
        )

    def wait(self, condition: Callable[[], bool], timeout: float | None = None) -> bool:
        """Wait until condition holds, testing it after each rebuild; False on timeout, or
        when the preview closes first."""
        with self._built:
            return self._built.wait_for(lambda: self._closed or condition(), timeout) and (
                not self._closed or condition()
            )

    def wait_for_version(self, page: str, known: str, timeout: float = POLL_SECONDS) -> str | None:
        """The page's version once it is no longer known (a rebuild changed the page), or after
        timeout; None for an unknown page."""
        self.wait(lambda: self.version(page) != known, timeout)
        return self.version(page)

    def close(self) -> None:
        """Answer every waiting page now."""
        with self._built:
            self._closed = True
            self._built.notify_all()

    def version(self, page: str) -> str | None:
        """What a served page compares to see whether it is current; None for an unknown page."""
        if page == "/":
            return f"{self.token}.{self.generation}"
        match = BRIEF_PATH.fullmatch(page)
        entry = match and self.entries.get(match["meeting_id"])
        return f"{self.token}.{entry.generation}" if entry else None

    def watch(self, folders: list[Path], recursive: bool, stop: threading.Event) -> None:
        """Rebuild whenever the file system reports a change to a source in folders, until stop
        is set; a problem is logged and the preview goes on."""
        from watchfiles import watch

        for changes in watch(
            *folders,
            watch_filter=lambda _change, path: self.is_source(Path(path)),
            recursive=recursive,
            stop_event=stop,
            raise_interrupt=False,
        ):
            try:
                self.changed({Path(path) for _change, path in changes})
            except BriefsError as error:
                log.error("%s", error)
            except Exception:  # a bug: say so, and keep serving
                log.exception("could not rebuild")
