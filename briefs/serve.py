"""Serve: a live preview. Keeps build/ up to date through the same incremental build and
manifest as `briefs build --all`, run whenever the file system reports a changed source (a
meeting's briefs when its summary or article changes, every brief when a template, the CSS, a
catalog or the settings do), serves the briefs with an index, and makes the pages open in a
browser reload themselves."""

from __future__ import annotations

import json
import logging
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jinja2
from babel import Locale

from .build import Builder, build_all
from .errors import BriefsError, Problem
from .loader import Document
from .localserver import REQUEST_TIMEOUT, LocalServer
from .models import Text
from .project import (
    CONFIG_FILE,
    DIGEST,
    LANGUAGES,
    PREVIEW_TEMPLATES,
    Project,
    open_project,
)
from .validate import load_summaries

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
"""Loopback: a preview of unpublished briefs is for this machine only, unless asked otherwise."""
DEFAULT_PORT = 8000
VERSION_PATH = "/_briefs/version"
POLL_SECONDS = 30.0
"""How long the server holds a page's question for its version before it answers all the same."""
RETRY_MS = 3000
PDF_WAIT_SECONDS = 120.0
"""How long a request for a PDF waits for the rebuild under way to write it."""
INDEX_TEMPLATE = f"{PREVIEW_TEMPLATES}index.html.j2"
PROBLEM_TEMPLATE = f"{PREVIEW_TEMPLATES}problem.html.j2"
BRIEF_PATH = re.compile(r"/(?P<language>[a-z]+)/(?P<meeting_id>[^/]+)\.(?P<format>html|pdf)")
LANGUAGE_NAMES = {language: Locale("en").languages[language] for language in LANGUAGES}
"""The preview's columns, in English: Indonesian, English (CLDR's names)."""
CONTENT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}

# Only served pages carry this script; the files in build/ never do. It asks the server for its
# page's version and the server answers when the version moves on (after the rebuild is done) or
# after POLL_SECONDS: a long poll, as MkDocs' livereload does, so a page reloads at once.
RELOAD_SCRIPT = """<script>
(() => {
  const version = %(version)s;
  const url = %(url)s + "?page=" + encodeURIComponent(location.pathname)
    + "&version=" + encodeURIComponent(version);
  const poll = () => fetch(url, {cache: "no-store"})
    .then((response) => response.ok ? response.text() : Promise.reject(response.status))
    .then((current) => { if (current !== version) location.reload(); else poll(); })
    .catch(() => setTimeout(poll, %(retry)d));  // the server is restarting: try again
  poll();
})();
</script>
"""


@dataclass(frozen=True)
class Entry:
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
        self.entries: dict[str, Entry] = {}
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
            entries[meeting_id] = Entry(meeting_id, title, errors, self.generation + 1)
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


def with_reload(html: str, version: str) -> str:
    """The page with the script that reloads it when its version changes."""
    script = RELOAD_SCRIPT % {
        "version": json.dumps(version),
        "url": json.dumps(VERSION_PATH),
        "retry": RETRY_MS,
    }
    head, body_end, tail = html.rpartition("</body>")
    return head + script + body_end + tail if body_end else html + script


class _Handler(BaseHTTPRequestHandler):
    """GET / (the index), /<lang>/<meeting-id>.html|pdf, and the version a page polls."""

    preview: Preview
    server: LocalServer
    server_version = "briefs"

    def do_GET(self) -> None:
        if not self.server.allows(self.headers.get("Host")):
            # Not this machine's own address: a page elsewhere, through DNS rebinding.
            return self._send(HTTPStatus.MISDIRECTED_REQUEST, "text", "not this server's name")
        url = urlsplit(self.path)
        preview = self.preview
        if url.path == "/":
            page = preview.pages.get_template(INDEX_TEMPLATE).render(
                entries=list(preview.entries.values()),
                languages=LANGUAGES,
                language_names=LANGUAGE_NAMES,
            )
            return self._send(HTTPStatus.OK, "html", with_reload(page, preview.version("/") or ""))
        if url.path == "/favicon.ico":  # browsers ask; there is none, and that is no error
            return self._send(HTTPStatus.NO_CONTENT, "text", b"")
        if url.path == VERSION_PATH:
            query = parse_qs(url.query)
            page_path = query.get("page", [""])[0]
            known = query.get("version", [None])[0]
            if known is None:
                version = preview.version(page_path)
            elif self.server.polls.acquire(blocking=False):
                try:
                    version = preview.wait_for_version(page_path, known)
                finally:
                    self.server.polls.release()
            else:  # as many pages wait as may: this one asks again later (RETRY_MS)
                return self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text", "too many pages open")
            if version is None:
                return self._send(HTTPStatus.NOT_FOUND, "text", "unknown page")
            return self._send(HTTPStatus.OK, "text", version)
        match = BRIEF_PATH.fullmatch(url.path)
        entry = (
            preview.entries.get(match["meeting_id"])
            if match and match["language"] in LANGUAGES
            else None
        )
        if match is None or entry is None:
            return self._send(HTTPStatus.NOT_FOUND, "text", "no such brief; see the index at /")
        if match["format"] == "pdf":
            # The HTML briefs are served before the PDFs are laid out: a PDF waits for its own.
            if not preview.wait_for_pdf(entry.meeting_id):
                return self._send(
                    HTTPStatus.SERVICE_UNAVAILABLE, "text", "still building; try again"
                )
            entry = preview.entries.get(entry.meeting_id)
            if entry is None:
                return self._send(HTTPStatus.NOT_FOUND, "text", "no such brief; see the index at /")
        version = preview.version(url.path) or ""
        if entry.errors:
            page = preview.pages.get_template(PROBLEM_TEMPLATE).render(
                meeting_id=entry.meeting_id, errors=entry.errors
            )
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "html", with_reload(page, version))
        path = preview.project.output_path(entry.meeting_id, match["language"], match["format"])
        try:
            data = path.read_bytes()
        except FileNotFoundError:  # build/ removed under the server: back with the next change
            return self._send(
                HTTPStatus.NOT_FOUND,
                "text",
                f"{path.name} is not built; save its summary to build it",
            )
        if match["format"] == "html":
            return self._send(HTTPStatus.OK, "html", with_reload(data.decode("utf-8"), version))
        self._send(HTTPStatus.OK, match["format"], data)

    def _send(self, status: HTTPStatus, kind: str, body: str | bytes) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", CONTENT_TYPES.get(kind, "text/plain; charset=utf-8"))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s %s", self.address_string(), format % args)


class PreviewServer:
    """The preview: an HTTP server, and watchers that keep the briefs it serves current."""

    def __init__(
        self,
        project: Project,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        watch: bool = True,
        timeout: float = REQUEST_TIMEOUT,
    ):
        """watch: rebuild when the file system reports a change (else only through
        preview.changed, as the tests call it); timeout: seconds a connection may take to send
        its request or take its answer."""
        self.preview = Preview(project)
        # timeout: the socket's, set for each connection (StreamRequestHandler.setup)
        handler = type("Handler", (_Handler,), {"preview": self.preview, "timeout": timeout})
        try:
            self.httpd = LocalServer((host, port), handler)
        except OSError as error:
            raise BriefsError(
                f"cannot listen on {host}:{port}: {error.strerror or error}"
            ) from None
        self._stop = threading.Event()
        # Watching before the first build, which reads the sources only after setting up (a
        # second or so): an edit made while it runs is seen, and built next.
        self._watchers = [
            threading.Thread(
                target=self.preview.watch, args=(folders, recursive, self._stop), daemon=True
            )
            for folders, recursive in (self.preview.watched() if watch else [])
        ]
        for watcher in self._watchers:
            watcher.start()
        try:
            self.preview.refresh(everything=True)  # every brief is built before the first request
        except BaseException:
            self.close()
            raise

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host.decode() if isinstance(host, bytes) else host}:{port}/"

    def serve_forever(self) -> None:
        """Answer requests until shutdown() (or Ctrl+C); the briefs are rebuilt meanwhile."""
        self.httpd.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        """Stop serve_forever(), from another thread."""
        self.httpd.shutdown()

    def close(self) -> None:
        """Stop watching, answer the pages waiting, and release the port."""
        self._stop.set()
        self.preview.close()
        self.httpd.server_close()
        for watcher in self._watchers:
            watcher.join()
