"""The editor's loop (issue 22): what a build after one edit does, and in which process; the
compiled templates kept between processes; WeasyPrint's quick import."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import pytest

from briefs.build import phases as build
from briefs.build.builder import Builder
from briefs.build.phases import build_all
from briefs.check.validate import load_summaries
from briefs.errors import SourceError
from briefs.project import Project, open_project
from briefs.read.loader import Document
from briefs.render.compiled import KEPT_DAYS, cache_folder

from .conftest import ROOT, copy_project
from .test_incremental import MEETING, OTHER, digests, names


def read_meeting(project: Project, meeting_id: str) -> Document:
    """The read and checked summary of one meeting."""
    loaded = load_summaries(project, [project.meetings_dir / f"{meeting_id}.yaml"])
    assert not loaded.problems
    return loaded.documents[0]


POINT = "All sides agree that the development, stability and prosperity of China"


def built_copy(built: Project, tmp_path: Path, name: str = "project") -> Project:
    root = copy_project(built.root, tmp_path / name)
    shutil.copytree(built.build_dir, root / "build")
    return open_project(root)


def edit_a_point_in_english(root: Path) -> None:
    summary = root / "sources" / "meetings" / f"{MEETING}.yaml"
    text = summary.read_text(encoding="utf-8")
    assert POINT in text
    summary.write_text(text.replace(POINT, POINT.replace("agree", "agree today")), "utf-8")


def test_after_one_edit_the_page_that_changed_is_laid_out_by_a_worker(built, tmp_path, monkeypatch):
    """An edit in one language's text: of the meeting's two PDF briefs only that language's is
    laid out, and by the worker, which was started for it; this process renders both pages
    ahead and only appends the new attachments to the other. The same bytes as a clean build."""
    from briefs.write.pdf import PdfBuilder

    project = built_copy(built, tmp_path)
    edit_a_point_in_english(project.root)
    log = tmp_path / "layouts.jsonl"
    layout = PdfBuilder.layout

    def logged(self, html):  # in whichever process lays the page out (forked: inherited)
        lang = re.search(r'<html lang="([^"]+)"', html)[1]
        title = html_lib.unescape(re.search(r"<title>(.*?)</title>", html, re.S)[1])
        with log.open("a", encoding="utf-8") as out:
            out.write(json.dumps([os.getpid(), lang, title]) + "\n")
        return layout(self, html)

    monkeypatch.setattr(PdfBuilder, "layout", logged)
    monkeypatch.setattr(build, "start_method", lambda: "fork")  # not spawned under xdist
    report = build_all(project, jobs=2)
    assert report.ok
    assert {f"en/{MEETING}.pdf", f"id/{MEETING}.pdf"} <= set(names(report.written))
    laid_out = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    title = read_meeting(project, MEETING).meeting.title
    mine = [(pid, lang) for pid, lang, shown in laid_out if title[lang] in shown]
    assert [lang for _, lang in mine] == ["en"], laid_out  # the Indonesian page kept its part
    assert mine[0][0] != os.getpid()  # laid out by the worker
    monkeypatch.setattr(PdfBuilder, "layout", layout)
    fresh = open_project(copy_project(project.root, tmp_path / "fresh"))
    assert build_all(fresh, jobs=1).ok
    assert digests(project) == digests(fresh)


def test_compiled_templates_are_kept_per_language_and_fingerprint(
    project_copy, tmp_path, monkeypatch
):
    """The second Builder of a project loads each template's compiled code from the cache and
    renders the same page as one that compiled it; a damaged file is compiled anew; a change
    to what lays out a page (a catalog) compiles anew, under another name; files unused for a
    month are removed."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project = open_project(project_copy)
    document = read_meeting(project, MEETING)
    first = Builder(project).render(document, "en")
    folder = cache_folder("en")
    assert folder is not None
    cached = sorted(folder.iterdir())
    assert cached and all(path.suffix == ".cache" for path in cached)
    assert not (project.build_dir).exists()  # not among the outputs
    compiled = []
    compile_template = jinja2.Environment.compile

    def counted(self, *args, **kwargs):
        compiled.append(args)
        return compile_template(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    days_ago = time.time() - 10 * 86400
    for path in cached:
        os.utime(path, (days_ago, days_ago))
    assert Builder(project).render(document, "en") == first
    assert not compiled  # loaded, every one
    assert all(path.stat().st_mtime > days_ago + 86400 for path in cached)  # used: kept on
    for path in cached:
        path.write_bytes(path.read_bytes()[:40])  # cut short
    assert Builder(project).render(document, "en") == first
    assert compiled
    catalog = project.locale_dir / "en" / "LC_MESSAGES" / "messages.po"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    Builder(project).render(document, "en")
    now = sorted(folder.iterdir())
    assert len(now) == 2 * len(cached)  # the other fingerprint's files stay (another project's)
    month_ago = time.time() - (KEPT_DAYS + 1) * 86400
    for path in cached:
        os.utime(path, (month_ago, month_ago))
    Builder(project).render(document, "en")
    assert sorted(folder.iterdir()) == sorted(set(now) - set(cached))


def test_a_fifo_in_place_of_a_compiled_template_is_a_cache_miss_not_a_hang(
    project_copy, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project = open_project(project_copy)
    first = Builder(project).render(read_meeting(project, MEETING), "en")
    folder = cache_folder("en")
    assert folder is not None
    cached = sorted(folder.iterdir())
    assert cached
    for path in cached:
        path.unlink()
        os.mkfifo(path)  # no writer ever comes: opened plainly, it waits forever
    code = (
        "import sys\n"
        "from briefs.build.builder import Builder\n"
        "from briefs.check.validate import load_summaries\n"
        "from briefs.project import open_project\n"
        f"project = open_project({str(project_copy)!r})\n"
        f"path = project.meetings_dir / '{MEETING}.yaml'\n"
        "page = Builder(project).render(load_summaries(project, [path]).documents[0], 'en')\n"
        "sys.stdout.write(page)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,  # a hang guard only
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == first
    assert all(path.is_file() for path in cached)  # compiled anew, and kept as files


def test_without_a_home_folder_nothing_is_cached(project_copy, tmp_path, monkeypatch):
    """No HOME and no XDG_CACHE_HOME (a bare service account): no cache, and no folder named
    "~" made in the working folder."""
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # no password entry either
    monkeypatch.chdir(tmp_path)
    project = open_project(project_copy)
    document = read_meeting(project, MEETING)
    assert "<html" in Builder(project).render(document, "en")
    assert not (tmp_path / "~").exists()
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # ignored, as the XDG rule says
    assert cache_folder("en") is None


def test_a_cache_folder_that_cannot_be_made_renders_without_it(project_copy, tmp_path, monkeypatch):
    (tmp_path / "cache").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project = open_project(project_copy)
    document = read_meeting(project, MEETING)
    assert "<html" in Builder(project).render(document, "id")


QUICK = """
import json, sys
from briefs.write.patches import import_weasyprint
import ctypes.util
find = ctypes.util.find_library
{how}
assert ctypes.util.find_library is find
maps = open("/proc/self/maps").read().split("\\n")
print(json.dumps(sorted({{line.split()[-1] for line in maps if ".so" in line}})))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the quick import is Linux's")
def test_the_quick_import_of_weasyprint_opens_the_same_libraries():
    """WeasyPrint imported the quick way (find_library asks ldconfig's cache only) opens the
    very libraries its own import opens, and leaves find_library as it found it."""

    def libraries(how: str) -> list[str]:
        result = subprocess.run(
            [sys.executable, "-c", QUICK.format(how=how)],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        return json.loads(result.stdout)

    quick = libraries("import_weasyprint()")
    plain = libraries("import weasyprint")
    assert quick == plain
    assert any("libpango" in name for name in quick)
    assert any("libharfbuzz-subset" in name for name in quick)


def test_a_brief_shows_the_same_context_whichever_process_renders_it(project_copy):
    """A job carries its brief's context, computed by the building process from the good
    summaries: a worker's Builder, which was not told the archive, renders the same page, and a
    summary with a problem (which parses all the same) is in no brief's context."""
    from briefs.build.jobs import brief_jobs
    from briefs.build.manifest import Manifest
    from briefs.build.toolchain import Toolchain
    from briefs.check.validate import load_summaries
    from briefs.plan import plan

    summary = project_copy / "sources" / "meetings" / f"{MEETING}.yaml"
    text = summary.read_text(encoding="utf-8")
    assert "    themes: [health]\n" in text
    summary.write_text(text.replace("    themes: [health]\n", "    themes: [health, no-such]\n"))
    project = open_project(project_copy)
    loaded = load_summaries(project)
    assert [problem.path.stem for problem in loaded.problems] == [MEETING]
    toolchain = Toolchain.of(project, ("id", "en"))
    stale = plan(project, toolchain, Manifest(project.build_dir))
    jobs = {
        (job.name, job.language): job
        for job in brief_jobs(project, stale, loaded, toolchain, ("html",))
    }
    job = jobs[OTHER, "en"]  # it took up a commitment of MEETING, whose summary is bad now
    assert job.context is not None and MEETING not in job.context.summaries
    told = Builder(project)
    told.renderer.know(d.meeting for d in loaded.documents)
    worker = Builder(project)  # forked before the summaries were read: told nothing
    page = told.render(job.document, "en", job.context)
    assert worker.render(job.document, "en", job.context) == page
    assert told.render(job.document, "en") == page
    mentioned = read_meeting(open_project(ROOT), MEETING).meeting.title["en"]
    assert mentioned not in page


def test_one_brief_built_alone_is_the_brief_build_all_writes(project_copy, tmp_path):
    """`briefs build MEETING_ID` shows the context `build --all` shows, from the good summaries
    only; a problem in another summary does not stop it, one in its own does."""
    summary = project_copy / "sources" / "meetings" / f"{MEETING}.yaml"
    text = summary.read_text(encoding="utf-8")
    summary.write_text(text.replace("    themes: [health]\n", "    themes: [health, no-such]\n"))
    project = open_project(project_copy)
    alone = build.build_brief(project, OTHER, "en", "html", tmp_path / "alone.html")
    report = build_all(project, formats=("html",), jobs=1)
    assert [problem.path.stem for problem in report.problems] == [MEETING]
    assert alone.read_bytes() == project.output_path(OTHER, "en", "html").read_bytes()
    with pytest.raises(SourceError) as refused:
        build.build_brief(project, MEETING, "en", "html", tmp_path / "bad.html")
    assert "no-such" in str(refused.value)
    assert not (tmp_path / "bad.html").exists()
