"""Shared fixtures: copies of the shipped project, built once per run, and PDF/HTML readers."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import threading
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefs.build.phases import build_all
from briefs.check.validate import load_summaries
from briefs.preview.serve import PreviewServer
from briefs.project import Project, open_project

ROOT = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"
PROJECT_PARTS = ("briefs.toml", "sources", "templates", "locale")
MEETING = "2020-07-16-china-central-asia-foreign-ministers"
OTHER = "2024-12-01-china-central-asia-foreign-ministers"  # the 2020 meeting links to it


@pytest.fixture(autouse=True, scope="session")
def compiled_templates_cache(tmp_path_factory) -> Path:
    """The run's own cache of compiled templates (compiled.py), not the user's: set for every
    process a test starts too."""
    folder = tmp_path_factory.mktemp("cache")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    return folder


def copy_project(source: Path, target: Path) -> Path:
    """A private copy of a project, so tests can edit sources and build freely."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part)
        elif (source / part).exists():
            shutil.copy2(source / part, target / part)
    for part in ("templates", "locale"):  # test roots borrow the real templates and catalogs
        if not (target / part).exists():
            shutil.copytree(ROOT / part, target / part)
    return target


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped project."""
    return copy_project(ROOT, tmp_path / "project")


@pytest.fixture
def articles_root(tmp_path: Path) -> Path:
    """A copy of tests/roots/test-articles: one meeting that cites two articles."""
    return copy_project(ROOTS / "test-articles", tmp_path / "test-articles")


@pytest.fixture
def bad_root(tmp_path: Path) -> Path:
    """A copy of tests/roots/test-bad: one good summary and several broken ones."""
    return copy_project(ROOTS / "test-bad", tmp_path / "test-bad")


def keep_two_meetings(root: Path) -> Path:
    """Drop all summaries but MEETING's and OTHER's from a project copy: fewer briefs to build."""
    for summary in (root / "sources" / "meetings").glob("*.yaml"):
        if summary.stem not in (MEETING, OTHER):
            summary.unlink()
    return root


def made_once(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once for the whole run, for tests that only read it. Under pytest-xdist
    the workers share it (the first to ask makes it while the others wait), so a build that
    every worker reads is done once, not once per worker."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent / name  # the run's folder, above each worker's
    with open(shared.parent / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (shared / ".made").exists():  # not made yet, or its maker failed half-way
            shutil.rmtree(shared, ignore_errors=True)
            shared.mkdir()
            make(shared)
            (shared / ".made").touch()
    return shared


def build_shipped(folder: Path, keep: Callable[[Path], Path] = lambda root: root) -> None:
    """A copy of the shipped project in folder/project (keep: what to keep of it), built."""
    project = open_project(keep(copy_project(ROOT, folder / "project")))
    report = build_all(project)
    assert report.ok, (report.problems, report.failures)


@pytest.fixture(scope="session")
def two_built(tmp_path_factory) -> Path:
    """The project with two meetings, built once: previews start from a copy of its build/."""
    made = made_once(tmp_path_factory, "two", lambda f: build_shipped(f, keep_two_meetings))
    return made / "project"


def with_two_built(project_copy: Path, two_built: Path) -> Path:
    """project_copy with two meetings and their outputs (same bytes and times: up to date)."""
    keep_two_meetings(project_copy)
    shutil.copytree(two_built / "build", project_copy / "build")
    return project_copy


@pytest.fixture
def preview(project_copy, two_built, monkeypatch):
    """`briefs serve` of a project copy with two meetings, on a free port, from a thread,
    watching the file system."""
    with_two_built(project_copy, two_built)
    monkeypatch.chdir(project_copy)  # problems show paths as the editor types them
    server = PreviewServer(open_project(project_copy), port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    thread.join()
    server.close()


@pytest.fixture(scope="session")
def bad_root_session(tmp_path_factory) -> Path:
    """One copy of tests/roots/test-bad for property tests that rewrite a summary per example."""
    return copy_project(ROOTS / "test-bad", tmp_path_factory.mktemp("fuzz") / "test-bad")


@pytest.fixture(scope="session")
def shipped() -> Project:
    return open_project(ROOT)


@pytest.fixture(scope="session")
def meetings(shipped):
    loaded = load_summaries(shipped)
    assert not loaded.problems, loaded.problems
    return {document.meeting.id: document.meeting for document in loaded.documents}


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Project:
    """The shipped project, with all 40 outputs (briefs and digests) built once for the run."""
    return open_project(made_once(tmp_path_factory, "built", build_shipped) / "project")


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(path: Path) -> str:
    """All text of a PDF, whitespace collapsed (line breaks fall anywhere in running text)."""
    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    # Automatic hyphenation breaks words with U+2010 (WeasyPrint's hyphenate-character):
    # undo it. A line that ends in a real hyphen or dash ("Kassym-" / "Jomart") continues
    # the same word.
    text = re.sub(r"\u2010\n", "", text)
    return normalize(re.sub(r"(?<=\w[-–])\n", "", text))


VOID_ELEMENTS = {"meta", "link", "br", "img", "hr", "input", "col", "source", "wbr"}


_BLOCKS = frozenset(
    "address article aside blockquote body br caption dd details div dl dt figcaption figure "
    "footer h1 h2 h3 h4 h5 h6 head header hr li main nav ol p section summary table tbody td "
    "tfoot th thead title tr ul".split()
)
"""Elements whose text is apart from the text around them (the rest run on: spans, links)."""


class _Outline(HTMLParser):
    """Collects what the HTML tests look at: the lang attribute, elements and texts."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.title = ""
        self.stack: list[str] = []
        self.counts: dict[str, int] = {}
        self.text: list[str] = []
        self.langs: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if "lang" in attrs and tag != "html":
            self.langs.append((tag, attrs["lang"]))
        key = f"{tag}.{attrs['class']}" if "class" in attrs else tag
        self.counts[key] = self.counts.get(key, 0) + 1
        if tag in _BLOCKS:
            self.text.append(" ")  # inline elements (a name's span) join the words around them
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.text.append(" ")
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack[-2:] == ["head", "title"]:
            self.title += data
        if "style" not in self.stack:
            self.text.append(data)


def parse_html(path: Path) -> _Outline:
    outline = _Outline()
    outline.feed(path.read_text(encoding="utf-8"))
    outline.full_text = normalize("".join(outline.text))
    return outline
