"""`briefs serve`: the live preview, started on a free port against a copy of the project.
Most tests drive it through its change handler (Preview.changed, what the watcher calls), so
each edit is built before the test looks; one test goes through the file system's watcher and
the pages' long poll, end to end."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefs.cli.commands import main
from briefs.preview.serve import PreviewServer
from briefs.project import LANGUAGES, open_project

from .conftest import MEETING, OTHER, ROOT, with_two_built

SUMMARY = f"sources/meetings/{MEETING}.yaml"
TITLE = "First China–Central Asia foreign ministers&#39; meeting"
TIMEOUT = 60
"""Seconds a change may take to show under the watcher; a full rebuild takes a few."""


def get(url: str) -> tuple[int, str, bytes]:
    """Status, content type and body of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def page(url: str) -> tuple[int, str]:
    status, _, body = get(url)
    return status, body.decode("utf-8")


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def quiet(project_copy, two_built, monkeypatch):
    """The preview of a project copy with two meetings (already built), serving on a free
    port, not watching: a test edits, then calls the change handler, as the watcher would."""
    with_two_built(project_copy, two_built)
    monkeypatch.chdir(project_copy)  # problems show paths as the editor types them
    server = PreviewServer(open_project(project_copy), port=0, watch=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    thread.join()
    server.close()


def changed(server: PreviewServer, root: Path, *names: str) -> list[str]:
    """Tell the preview these files changed, as its watcher does; the meetings whose pages did."""
    return server.preview.changed({root / name for name in names})


def version(server: PreviewServer, page_path: str) -> str:
    return page(server.url + f"_briefs/version?page={page_path}")[1]


def test_index_links_every_brief_in_both_languages_and_formats(quiet, project_copy):
    status, index = page(quiet.url)
    assert status == 200
    links = re.findall(r'href="([^"]+)"', index)
    assert links == [
        f"/{lang}/{mid}.{fmt}"
        for mid in (MEETING, OTHER)
        for lang in LANGUAGES
        for fmt in ("html", "pdf")
    ]
    for link in links:
        status, content_type, body = get(quiet.url + link.lstrip("/"))
        assert status == 200, link
        built = (project_copy / "build" / link.lstrip("/")).read_bytes()
        if link.endswith(".pdf"):
            assert content_type == "application/pdf" and body == built
        else:
            assert content_type == "text/html; charset=utf-8"
            # The served page is the built one plus the reload script; build/ never has it.
            assert b"<script" not in built
            script = re.search(rb"<script>.*?</script>\n", body, re.S)
            assert script and body.replace(script.group(), b"") == built


def test_unknown_pages_are_404(quiet):
    for path in (
        "en/2099-01-01-nothing.html",
        "fr/" + MEETING + ".html",
        "en/" + MEETING + ".txt",
        "en/../briefs.toml",
    ):
        assert page(quiet.url + path)[0] == 404, path
    assert page(quiet.url + "_briefs/version?page=/nowhere")[0] == 404
    assert page(quiet.url + "_briefs/version?page=/nowhere&version=x")[0] == 404


# OTHER's brief shows MEETING as its previous meeting (and the commitment it took up): an edit
# of MEETING's summary rebuilds both. An edit of OTHER's rebuilds OTHER's pages only.
OTHER_SUMMARY = f"sources/meetings/{OTHER}.yaml"
OTHER_TITLE = "en: Sixth China–Central Asia foreign ministers' meeting in Chengdu"
NEW_TITLE = "Sixth and latest China–Central Asia foreign ministers"


def test_editing_a_summary_updates_its_page_only(quiet, project_copy):
    url = quiet.url + f"en/{OTHER}.html"
    assert "Sixth China–Central Asia" in page(url)[1]
    own, other = version(quiet, f"/en/{OTHER}.html"), version(quiet, f"/en/{MEETING}.html")
    edit(
        project_copy,
        OTHER_SUMMARY,
        OTHER_TITLE,
        OTHER_TITLE.replace("Sixth China–Central Asia foreign ministers", NEW_TITLE),
    )
    assert changed(quiet, project_copy, OTHER_SUMMARY) == [OTHER]
    assert NEW_TITLE in page(url)[1]
    assert version(quiet, f"/en/{OTHER}.html") != own
    assert (
        version(quiet, f"/en/{MEETING}.html") == other
    )  # a page of another meeting does not reload
    assert NEW_TITLE in (project_copy / "build" / "en" / f"{OTHER}.html").read_text()


def test_a_page_waiting_for_its_version_is_answered_when_its_rebuild_is_done(quiet, project_copy):
    """The long poll: asked with the version it has, the server answers when the page's
    rebuild is done, with the new version (and after POLL_SECONDS with the same one)."""
    page_path = f"/en/{MEETING}.html"
    known = version(quiet, page_path)
    assert quiet.preview.wait_for_version(page_path, known, timeout=0.05) == known  # no change
    answers: list[str] = []
    waiting = threading.Thread(
        target=lambda: answers.append(
            page(quiet.url + f"_briefs/version?page={page_path}&version={known}")[1]
        )
    )
    builds = quiet.preview.builds
    waiting.start()
    edit(
        project_copy,
        SUMMARY,
        "en: First China–Central Asia",
        "en: Inaugural China–Central Asia",
    )
    changed(quiet, project_copy, SUMMARY)
    waiting.join(TIMEOUT)
    assert answers == [version(quiet, page_path)] and answers[0] != known
    assert quiet.preview.builds == builds + 1
    assert "Inaugural China–Central Asia" in page(quiet.url + page_path.lstrip("/"))[1]


def outputs(root: Path) -> dict[str, int]:
    """Every file in build/ with its modification time (ns)."""
    return {
        path.relative_to(root / "build").as_posix(): path.stat().st_mtime_ns
        for path in (root / "build").rglob("*")
        if path.is_file() and path.name != ".lock"
    }


def test_after_the_preview_rebuilt_an_edit_a_build_has_nothing_to_do(quiet, project_copy):
    """The preview builds through the same incremental build and manifest as `briefs build
    --all`, which `make briefs` runs: what it built is not built again."""
    built_before = outputs(project_copy)
    edit(
        project_copy,
        OTHER_SUMMARY,
        OTHER_TITLE,
        OTHER_TITLE.replace("Sixth China–Central Asia foreign ministers", NEW_TITLE),
    )
    changed(quiet, project_copy, OTHER_SUMMARY)
    built = outputs(project_copy)
    rebuilt = {name for name in built if built[name] != built_before.get(name)}
    assert {f"{lang}/{OTHER}.{fmt}" for lang in LANGUAGES for fmt in ("html", "pdf")} <= rebuilt
    assert not any(MEETING in name for name in rebuilt)

    result = CliRunner().invoke(main, ["--root", str(project_copy), "build", "--all"])
    assert result.exit_code == 0, result.output
    assert result.output == "all briefs in build are up to date\n"
    assert outputs(project_copy) == built


def test_the_preview_builds_the_gazetteer_before_the_first_edit(project_copy, two_built):
    """Every check reads the gazetteer; the preview builds it when it sets up, so the first
    save is not the one that pays for it (its first build checks nothing: the checks are
    recorded)."""
    from briefs.language.gazetteer import cldr_gazetteer

    with_two_built(project_copy, two_built)
    cldr_gazetteer.cache_clear()
    server = PreviewServer(open_project(project_copy), port=0, watch=False)
    try:
        assert cldr_gazetteer.cache_info().currsize == 1
    finally:
        server.close()


def test_a_broken_summary_shows_its_problems_and_the_server_keeps_running(quiet, project_copy):
    url = quiet.url + f"id/{MEETING}.html"
    original = (project_copy / SUMMARY).read_text(encoding="utf-8")
    edit(project_copy, SUMMARY, "country: KZ", "country: QQ")
    changed(quiet, project_copy, SUMMARY)
    status, text = page(url)
    assert status == 500
    lines = (project_copy / SUMMARY).read_text(encoding="utf-8").splitlines()
    at = next(n for n, text in enumerate(lines, 1) if "country: QQ" in text)
    line = (
        f"{SUMMARY}:{at}:14: participants[1].country: &#39;QQ&#39; is not an ISO 3166 alpha-2 "
        "country code"
    )
    assert line in text
    assert "Kamis, 16 Juli 2020" not in text  # the problems, not a stale brief
    assert line in page(quiet.url)[1]  # the index says so too
    assert page(quiet.url + f"id/{OTHER}.html")[0] == 200

    (project_copy / SUMMARY).write_text(original, encoding="utf-8")
    changed(quiet, project_copy, SUMMARY)
    status, text = page(url)
    assert status == 200
    assert "Kamis, 16 Juli 2020" in text and "QQ" not in text


def test_a_changed_article_is_checked_again(quiet, project_copy):
    article = f"sources/articles/{MEETING}.txt"
    path = project_copy / article
    path.write_text(
        path.read_text(encoding="utf-8").replace("Bahas Apa Ya?", "Bahas Apa?"), encoding="utf-8"
    )
    changed(quiet, project_copy, article)
    status, text = page(quiet.url + f"en/{MEETING}.html")
    assert status == 500
    assert f"sources[0].headline: not found verbatim in {MEETING}.txt" in text


def test_a_catalog_change_rebuilds_every_brief(quiet, project_copy):
    catalog = "locale/en/LC_MESSAGES/messages.po"
    edit(project_copy, catalog, 'msgstr "Participants"', 'msgstr "Delegations"')
    changed(quiet, project_copy, catalog)
    for meeting_id in (MEETING, OTHER):
        assert ">Delegations</h2>" in page(quiet.url + f"en/{meeting_id}.html")[1]
    assert ">Peserta</h2>" in page(quiet.url + f"id/{MEETING}.html")[1]


def test_a_stylesheet_change_rebuilds_every_brief(quiet, project_copy):
    edit(project_copy, "templates/brief.css", "--accent: #1f4e79;", "--accent: #7a1f1f;")
    changed(quiet, project_copy, "templates/brief.css")
    for meeting_id in (MEETING, OTHER):
        assert "--accent: #7a1f1f;" in page(quiet.url + f"id/{meeting_id}.html")[1]


def test_the_preview_pages_are_templates_no_brief_is_made_from(quiet, project_copy):
    index = "templates/preview-index.html.j2"
    edit(project_copy, index, "<h1>Briefs: live preview</h1>", "<h1>Preview of the desk</h1>")
    briefs = {name: at for name, at in outputs(project_copy).items() if "/" in name}
    assert changed(quiet, project_copy, index) == []
    after = {name: at for name, at in outputs(project_copy).items() if "/" in name}
    assert after == briefs  # not an input of any brief
    assert "<h1>Preview of the desk</h1>" in page(quiet.url)[1]


def test_the_desk_name_in_the_settings_is_taken_up(quiet, project_copy):
    edit(
        project_copy,
        "briefs.toml",
        'en = "China–Central Asia Analysis Desk"',
        'en = "Central Asia Desk"',
    )
    changed(quiet, project_copy, "briefs.toml")
    for meeting_id in (MEETING, OTHER):
        text = page(quiet.url + f"en/{meeting_id}.html")[1]
        assert '<p class="desk">Central Asia Desk</p>' in text


def test_an_edit_reaches_an_open_page_through_the_watcher(preview, project_copy):
    """End to end: the file system's watcher sees the edit, the preview rebuilds, and the page's
    long poll (as its script sends it) is answered with the new version once that is done."""
    page_path = f"/en/{MEETING}.html"
    known = version(preview, page_path)
    edit(
        project_copy,
        SUMMARY,
        "en: First China–Central Asia",
        "en: Inaugural China–Central Asia",
    )
    deadline = time.monotonic() + TIMEOUT
    current = known
    while current == known and time.monotonic() < deadline:  # each answer: a rebuild, or 30 s
        current = page(preview.url + f"_briefs/version?page={page_path}&version={known}")[1]
    assert current != known, f"no rebuild within {TIMEOUT} s"
    assert "Inaugural China–Central Asia" in page(preview.url + page_path.lstrip("/"))[1]


def test_a_port_in_use_is_a_one_line_error(quiet):
    port = quiet.httpd.server_address[1]
    result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: cannot listen on 127.0.0.1:{port}: ")


def test_the_command_serves_on_loopback_until_interrupted(project_copy, two_built):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "briefs",
            "--root",
            str(with_two_built(project_copy, two_built)),
            "serve",
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    watchdog = threading.Timer(TIMEOUT, process.kill)  # a server that never says where it is
    watchdog.start()
    try:
        line = process.stdout.readline()
        watchdog.cancel()  # it said where it is: from here on, each step has its own timeout
        match = re.fullmatch(
            r"Serving the briefs at (http://127\.0\.0\.1:\d+/) \(Ctrl\+C to stop\)\n", line
        )
        assert match, (line, process.stderr.read() if process.poll() is not None else "")
        assert page(match[1] + f"en/{MEETING}.html")[0] == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=TIMEOUT) == 0
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
        process.communicate()


def test_an_edit_serves_its_html_brief_before_the_pdfs_are_laid_out(quiet, project_copy):
    """The HTML brief is rebuilt, served and its page told to reload first; a PDF asked for
    meanwhile waits for its own rebuild and is never the file of before the edit."""
    page_path = f"/en/{OTHER}.html"
    pdf_url = quiet.url + f"en/{OTHER}.pdf"
    old_pdf = get(pdf_url)[2]
    known = version(quiet, page_path)
    builder = quiet.preview._builder
    assert builder is not None
    pdf = builder._builder("pdf")
    layout = pdf.write
    release = threading.Event()
    laying_out = threading.Event()

    def held_write(*args, **kwargs):  # the PDFs' part of the rebuild waits for the test
        laying_out.set()
        assert release.wait(TIMEOUT)
        return layout(*args, **kwargs)

    pdf.write = held_write
    try:
        edit(
            project_copy,
            OTHER_SUMMARY,
            OTHER_TITLE,
            OTHER_TITLE.replace("Sixth", "Sixth and latest"),
        )
        rebuild = threading.Thread(target=changed, args=(quiet, project_copy, OTHER_SUMMARY))
        rebuild.start()
        assert laying_out.wait(TIMEOUT)
        # The page was answered: its new version, and the new HTML, while no PDF is written.
        assert quiet.preview.wait_for_version(page_path, known, timeout=TIMEOUT) != known
        assert NEW_TITLE in page(quiet.url + page_path.lstrip("/"))[1]
        assert (project_copy / "build" / "en" / f"{OTHER}.pdf").read_bytes() == old_pdf
        answers: list[bytes] = []
        asking = threading.Thread(target=lambda: answers.append(get(pdf_url)[2]))
        asking.start()
        asking.join(0.5)
        assert asking.is_alive() and answers == [], "the PDF waits for its rebuild"
        # A PDF of a meeting the edit left alone is served at once (an edit of OTHER leaves
        # MEETING's brief alone: MEETING shows nothing of OTHER).
        assert get(quiet.url + f"en/{MEETING}.pdf")[0] == 200
    finally:
        release.set()
        pdf.write = layout
    asking.join(TIMEOUT)
    rebuild.join(TIMEOUT)
    new_pdf = (project_copy / "build" / "en" / f"{OTHER}.pdf").read_bytes()
    assert answers == [new_pdf] and new_pdf != old_pdf
