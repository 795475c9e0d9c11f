"""Serve: the live preview's HTTP server. Serves the briefs that the preview (preview.py) keeps
built, with an index and a problem page, and makes the pages open in a browser reload
themselves."""

from __future__ import annotations

import json
import logging
import os
import stat
import threading
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from babel import Locale

from briefs.errors import BriefsError
from briefs.preview.localserver import REQUEST_TIMEOUT, LocalServer, RequestHandler
from briefs.preview.rebuild import BRIEF_PATH, Preview
from briefs.project import LANGUAGES, PREVIEW_TEMPLATES, Project

log = logging.getLogger(__name__)


DEFAULT_HOST = "127.0.0.1"
"""Loopback: a preview of unpublished briefs is for this machine only, unless asked otherwise."""
DEFAULT_PORT = 8000
VERSION_PATH = "/_briefs/version"
RETRY_MS = 3000
INDEX_TEMPLATE = f"{PREVIEW_TEMPLATES}index.html.j2"
PROBLEM_TEMPLATE = f"{PREVIEW_TEMPLATES}problem.html.j2"
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


def with_reload(html: str, version: str) -> str:
    """The page with the script that reloads it when its version changes."""
    script = RELOAD_SCRIPT % {
        "version": json.dumps(version),
        "url": json.dumps(VERSION_PATH),
        "retry": RETRY_MS,
    }
    head, body_end, tail = html.rpartition("</body>")
    return head + script + body_end + tail if body_end else html + script


def read_inside(path: Path, folder: Path) -> bytes:
    """The bytes of path, a regular file that is inside folder once every symbolic link on the
    way is followed; FileNotFoundError otherwise: a link in build/ to /etc/passwd is no brief."""
    real, root = os.path.realpath(path), os.path.realpath(folder)
    if os.path.commonpath([real, root]) != root:
        raise FileNotFoundError(path)
    # O_NOFOLLOW: a link put in its place since is not followed; O_NONBLOCK: nor a FIFO waited on.
    fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with open(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise FileNotFoundError(path)
        return file.read()


class _Handler(RequestHandler):
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
            data = read_inside(path, preview.project.build_dir)
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
        # timeout: the whole request's deadline, and each write's (RequestHandler)
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
