"""Serve: a live preview. Builds every brief into build/, serves them with an index, rebuilds a
meeting's briefs when its summary or article changes (every brief when a template, the CSS, a
catalog or the settings do), and makes the pages open in a browser reload themselves."""

from __future__ import annotations

import json
import logging
import re
import secrets
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jinja2

from .build import Builder, build_lock
from .errors import BriefsError
from .loader import Document
from .models import LANGUAGES, Text
from .project import CONFIG_FILE, Project, open_project
from .validate import load_summaries

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
"""Loopback: a preview of unpublished briefs is for this machine only, unless asked otherwise."""
DEFAULT_PORT = 8000
VERSION_PATH = "/_briefs/version"
RELOAD_INTERVAL_MS = 500
POLL_INTERVAL = 0.3
"""Seconds between two looks at the sources: polling sees every change on any file system,
including network and container mounts where change notifications do not arrive."""
BRIEF_PATH = re.compile(r"/(?P<language>[a-z]+)/(?P<meeting_id>[^/]+)\.(?P<format>html|pdf)")
Stamp = tuple[int, int]
"""A file's modification time (ns) and size."""
CONTENT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}

# Only served pages carry this script; the files in build/ never do.
RELOAD_SCRIPT = """<script>
(() => {
  const version = %(version)s;
  const url = %(url)s + "?page=" + encodeURIComponent(location.pathname);
  setInterval(() => {
    fetch(url, {cache: "no-store"})
      .then((response) => response.ok ? response.text() : version)
      .then((current) => { if (current !== version) location.reload(); })
      .catch(() => {});  // the server is restarting: try again
  }, %(interval)d);
})();
</script>
"""

_pages = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)

INDEX_PAGE = _pages.from_string("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Briefs: live preview</title>
<style>
body { font-family: "Noto Sans", sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; line-height: 1.4; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.5rem 0.4rem 0; border-bottom: 1px solid #c9cfd6; }
.problems { color: #a4000f; margin: 0.3rem 0 0; padding-left: 1.2rem; }
code { overflow-wrap: anywhere; }
</style>
</head>
<body>
<main>
<h1>Briefs: live preview</h1>
<p>Every brief, rebuilt when its summary, its article, a template, a catalog or briefs.toml
changes. Open pages reload by themselves.</p>
<table>
<thead><tr><th scope="col">Meeting</th>{% for language in languages %}<th scope="col">{{ language_names[language] }}</th>{% endfor %}</tr></thead>
<tbody>
{% for entry in entries %}
<tr>
<td>{% if entry.title %}{{ entry.title.en }}<br>{% endif %}<code>{{ entry.meeting_id }}</code>
{% if entry.errors %}
<ul class="problems">{% for error in entry.errors %}<li><code>{{ error }}</code></li>{% endfor %}</ul>
{% endif %}
</td>
{% for language in languages %}
<td><a href="/{{ language }}/{{ entry.meeting_id }}.html">HTML</a> · <a href="/{{ language }}/{{ entry.meeting_id }}.pdf">PDF</a></td>
{% endfor %}
</tr>
{% else %}
<tr><td colspan="{{ languages | length + 1 }}">No summaries in sources/meetings/ yet.</td></tr>
{% endfor %}
</tbody>
</table>
</main>
</body>
</html>
""")

PROBLEM_PAGE = _pages.from_string("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ meeting_id }}: cannot be built</title>
<style>
body { font-family: "Noto Sans", sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; line-height: 1.4; }
.problems code { color: #a4000f; overflow-wrap: anywhere; }
</style>
</head>
<body>
<main>
<h1>{{ meeting_id }}: the brief cannot be built</h1>
<ul class="problems">
{% for error in errors %}
<li><code>{{ error }}</code></li>
{% endfor %}
</ul>
<p>Fix the summary and save it: this page reloads by itself. <a href="/">All briefs</a></p>
</main>
</body>
</html>
""")


@dataclass(frozen=True)
class Entry:
    """What the preview shows of one summary: its meeting, or the problems that stop its briefs."""

    meeting_id: str
    title: Text | None
    errors: tuple[str, ...]
    generation: int
    """The preview's generation when this entry last changed: open pages compare it."""


class Preview:
    """The briefs of a project, kept built; what the server shows of them."""

    def __init__(self, project: Project):
        self.project = project
        # Part of every version, so that pages left open across a restart reload too.
        self.token = secrets.token_hex(4)
        self.generation = 0
        # Replaced whole, never changed in place: request threads read it without a lock.
        self.entries: dict[str, Entry] = {}
        self._builder: Builder | None = None
        self._built_from: dict[str, tuple[Stamp | None, Stamp | None]] = {}
        self._lock = threading.Lock()
        # Everything a brief is built from: sources/, templates/, locale/ and briefs.toml.
        self._watched = [
            project.meetings_dir.parent,
            project.templates_dir,
            project.locale_dir,
            project.root / CONFIG_FILE,
        ]
        # Taken before the first build, so that no edit made during it goes unseen.
        self._seen = self.sources()

    def refresh(self, everything: bool = False) -> list[str]:
        """Re-read every summary and rebuild the briefs whose summary or article changed (all of
        them when anything else changed); returns the meetings whose pages changed."""
        with self._lock:
            setup_error = None
            if everything or self._builder is None:
                self._built_from.clear()
                try:
                    # Settings, templates and catalogs read afresh.
                    self.project = open_project(self.project.root)
                    self._builder = Builder(self.project)
                except (
                    BriefsError
                ) as error:  # a broken briefs.toml, or a catalog that does not compile
                    self._builder, setup_error = None, str(error)
            paths = self.project.summary_paths()
            loaded = load_summaries(self.project, paths)
            problems: dict[str, list[str]] = {}
            for problem in loaded.problems:
                problems.setdefault(problem.path.stem, []).append(str(problem))
            documents = {document.path.stem: document for document in loaded.documents}

            entries, changed = {}, []
            for path in paths:
                meeting_id, document = path.stem, documents.get(path.stem)
                built = False
                if document is None:
                    self._built_from.pop(meeting_id, None)
                    title, errors = None, tuple(problems.get(meeting_id, ()))
                elif setup_error or self._builder is None:
                    title, errors = document.meeting.title, (setup_error or "not set up",)
                else:
                    title, inputs = document.meeting.title, self._inputs(document)
                    errors = ()
                    if self._built_from.get(meeting_id) != inputs:
                        errors = self._build(self._builder, document)
                        built = not errors
                        if built:
                            self._built_from[meeting_id] = inputs
                old = self.entries.get(meeting_id)
                if old and not built and (old.title, old.errors) == (title, errors):
                    entries[meeting_id] = old
                    continue
                changed.append(meeting_id)
                for message in errors:
                    log.warning("%s", message)
                entries[meeting_id] = Entry(meeting_id, title, errors, self.generation + 1)
            if changed or entries.keys() != self.entries.keys():
                self.generation += 1
            self.entries = entries
            return changed

    def _inputs(self, document: Document) -> tuple[Stamp | None, Stamp | None]:
        """When the summary and article of a meeting last changed, as last seen by poll(). Seen
        before they were read: a change made during a build is seen, and built, next time."""
        article = self.project.articles_dir / document.meeting.source.article
        return self._seen.get(document.path), self._seen.get(article)

    def _build(self, builder: Builder, document: Document) -> tuple[str, ...]:
        """Build a meeting's briefs in every language and format; the problems that stopped them."""
        try:
            with build_lock(self.project):  # never write while a `briefs build` does
                for language in LANGUAGES:
                    builder.build(document, language)
        except BriefsError as error:
            return (str(error),)
        log.info("built the briefs of %s", document.meeting.id)
        return ()

    def version(self, page: str) -> str | None:
        """What a served page compares to see whether it is current; None for an unknown page."""
        if page == "/":
            return f"{self.token}.{self.generation}"
        match = BRIEF_PATH.fullmatch(page)
        entry = match and self.entries.get(match["meeting_id"])
        return f"{self.token}.{entry.generation}" if entry else None

    def sources(self) -> dict[Path, Stamp]:
        """Every file the briefs are built from, with its modification time and size."""
        found: dict[Path, Stamp] = {}
        for watched in self._watched:
            for path in watched.rglob("*") if watched.is_dir() else [watched]:
                # Editors' backup, swap and lock files are not sources.
                if path.name.startswith((".", "#")) or path.name.endswith("~"):
                    continue
                try:
                    stat = path.stat()
                except OSError:  # removed while we looked
                    continue
                if path.is_file():
                    found[path] = (stat.st_mtime_ns, stat.st_size)
        return found

    def poll(self) -> list[str]:
        """Refresh if any source, template or catalog changed since the last poll."""
        seen, self._seen = self._seen, self.sources()
        changed = {
            path
            for path in seen.keys() | self._seen.keys()
            if seen.get(path) != self._seen.get(path)
        }
        if not changed:
            return []
        own = (self.project.meetings_dir, self.project.articles_dir)  # each meeting's own sources
        return self.refresh(
            everything=any(not any(map(path.is_relative_to, own)) for path in changed)
        )

    def watch(self, stop: threading.Event, interval: float = POLL_INTERVAL) -> None:
        """Poll until stop is set; a problem is logged and the preview goes on."""
        while not stop.wait(interval):
            try:
                self.poll()
            except BriefsError as error:
                log.error("%s", error)
            except Exception:  # a bug: say so, and keep serving
                log.exception("could not rebuild")


def with_reload(html: str, version: str) -> str:
    """The page with the script that reloads it when its version changes."""
    script = RELOAD_SCRIPT % {
        "version": json.dumps(version),
        "url": json.dumps(VERSION_PATH),
        "interval": RELOAD_INTERVAL_MS,
    }
    head, body_end, tail = html.rpartition("</body>")
    return head + script + body_end + tail if body_end else html + script


class _Handler(BaseHTTPRequestHandler):
    """GET / (the index), /<lang>/<meeting-id>.html|pdf, and the version a page polls."""

    preview: Preview
    server_version = "briefs"

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        preview = self.preview
        if url.path == "/":
            page = INDEX_PAGE.render(
                entries=list(preview.entries.values()),
                languages=LANGUAGES,
                language_names={"id": "Indonesian", "en": "English"},
            )
            return self._send(HTTPStatus.OK, "html", with_reload(page, preview.version("/") or ""))
        if url.path == "/favicon.ico":  # browsers ask; there is none, and that is no error
            return self._send(HTTPStatus.NO_CONTENT, "text", b"")
        if url.path == VERSION_PATH:
            version = preview.version(parse_qs(url.query).get("page", [""])[0])
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
        version = preview.version(url.path) or ""
        if entry.errors:
            page = PROBLEM_PAGE.render(meeting_id=entry.meeting_id, errors=entry.errors)
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
    """The preview: an HTTP server, and a watcher that keeps the briefs it serves current."""

    def __init__(self, project: Project, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT):
        self.preview = Preview(project)
        handler = type("Handler", (_Handler,), {"preview": self.preview})
        try:
            self.httpd = ThreadingHTTPServer((host, port), handler)
        except OSError as error:
            raise BriefsError(
                f"cannot listen on {host}:{port}: {error.strerror or error}"
            ) from None
        try:
            self.preview.refresh(everything=True)  # every brief is built before the first request
        except BaseException:
            self.httpd.server_close()
            raise
        self._stop = threading.Event()
        self._watcher = threading.Thread(target=self.preview.watch, args=(self._stop,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host.decode() if isinstance(host, bytes) else host}:{port}/"

    def serve_forever(self) -> None:
        """Watch the sources and answer requests until shutdown() (or Ctrl+C)."""
        self._watcher.start()
        self.httpd.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        """Stop serve_forever(), from another thread."""
        self.httpd.shutdown()

    def close(self) -> None:
        """Stop watching and release the port."""
        self._stop.set()
        self.httpd.server_close()
        if self._watcher.is_alive():
            self._watcher.join()
