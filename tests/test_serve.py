"""`briefs serve`: the live preview, started on a free port against a copy of the project."""

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

from briefs.cli import main
from briefs.models import LANGUAGES

from .conftest import MEETING, OTHER, ROOT, keep_two_meetings

SUMMARY = f"sources/meetings/{MEETING}.yaml"
TITLE = "First China + Central Asia Foreign Ministers&#39; Meeting"
TIMEOUT = 30
"""Seconds a change may take to show; a full rebuild takes a few."""


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


def wait_for(url: str, condition) -> tuple[int, str]:
    """Poll url until condition(status, text) holds, for TIMEOUT seconds at most."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        status, text = page(url)
        if condition(status, text):
            return status, text
        if time.monotonic() > deadline:
            pytest.fail(f"{url} did not change within {TIMEOUT} s; it shows {status}: {text[:300]}")
        time.sleep(0.1)


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_index_links_every_brief_in_both_languages_and_formats(preview, project_copy):
    status, index = page(preview.url)
    assert status == 200
    links = re.findall(r'href="([^"]+)"', index)
    assert links == [
        f"/{lang}/{mid}.{fmt}"
        for mid in (MEETING, OTHER)
        for lang in LANGUAGES
        for fmt in ("html", "pdf")
    ]
    for link in links:
        status, content_type, body = get(preview.url + link.lstrip("/"))
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


def test_unknown_pages_are_404(preview):
    for path in (
        "en/2099-01-01-nothing.html",
        "fr/" + MEETING + ".html",
        "en/" + MEETING + ".txt",
        "en/../briefs.toml",
    ):
        assert page(preview.url + path)[0] == 404, path
    assert page(preview.url + "_briefs/version?page=/nowhere")[0] == 404


# OTHER's brief shows MEETING as its previous meeting (and the commitment it took up): an edit
# of MEETING's summary rebuilds both. An edit of OTHER's rebuilds OTHER's pages only.
OTHER_SUMMARY = f"sources/meetings/{OTHER}.yaml"
OTHER_TITLE = "en: Sixth China–Central Asia Foreign Ministers' Meeting in Chengdu"
NEW_TITLE = "Sixth and latest China–Central Asia Foreign Ministers"


def test_editing_a_summary_updates_its_page_only(preview, project_copy):
    url = preview.url + f"en/{OTHER}.html"
    other = preview.url + f"_briefs/version?page=/en/{MEETING}.html"
    assert "Sixth China–Central Asia" in page(url)[1]
    own_version, other_version = (
        page(preview.url + f"_briefs/version?page=/en/{OTHER}.html")[1],
        page(other)[1],
    )

    edit(
        project_copy,
        OTHER_SUMMARY,
        OTHER_TITLE,
        OTHER_TITLE.replace("Sixth China–Central Asia Foreign Ministers", NEW_TITLE),
    )
    wait_for(url, lambda status, text: NEW_TITLE in text)
    assert page(preview.url + f"_briefs/version?page=/en/{OTHER}.html")[1] != own_version
    assert page(other)[1] == other_version  # a page of another meeting does not reload
    assert NEW_TITLE in (project_copy / "build" / "en" / f"{OTHER}.html").read_text()


def outputs(root: Path) -> dict[str, int]:
    """Every file in build/ with its modification time (ns)."""
    return {
        path.relative_to(root / "build").as_posix(): path.stat().st_mtime_ns
        for path in (root / "build").rglob("*")
        if path.is_file() and path.name != ".lock"
    }


def test_after_the_preview_rebuilt_an_edit_a_build_has_nothing_to_do(preview, project_copy):
    """The preview builds through the same incremental build and manifest as `briefs build
    --all`, which `make briefs` runs: what it built is not built again."""
    version = preview.url + f"_briefs/version?page=/en/{OTHER}.html"
    before = page(version)[1]
    built_before = outputs(project_copy)
    edit(
        project_copy,
        OTHER_SUMMARY,
        OTHER_TITLE,
        OTHER_TITLE.replace("Sixth China–Central Asia Foreign Ministers", NEW_TITLE),
    )
    wait_for(version, lambda status, text: text != before)  # its build is done
    built = outputs(project_copy)
    rebuilt = {name for name in built if built[name] != built_before.get(name)}
    assert {f"{lang}/{OTHER}.{fmt}" for lang in LANGUAGES for fmt in ("html", "pdf")} <= rebuilt
    assert not any(MEETING in name for name in rebuilt)

    result = CliRunner().invoke(main, ["--root", str(project_copy), "build", "--all"])
    assert result.exit_code == 0, result.output
    assert result.output == "all briefs in build are up to date\n"
    assert outputs(project_copy) == built


def test_a_broken_summary_shows_its_problems_and_the_server_keeps_running(preview, project_copy):
    url = preview.url + f"id/{MEETING}.html"
    original = (project_copy / SUMMARY).read_text(encoding="utf-8")
    edit(project_copy, SUMMARY, "country: KZ", "country: QQ")
    _status, text = wait_for(url, lambda status, text: status == 500)
    line = f"{SUMMARY}:26:14: participants[1].country: &#39;QQ&#39; is not an ISO 3166 alpha-2 country code"
    assert line in text
    assert "Kamis, 16 Juli 2020" not in text  # the problems, not a stale brief
    assert line in page(preview.url)[1]  # the index says so too
    assert page(preview.url + f"id/{OTHER}.html")[0] == 200

    (project_copy / SUMMARY).write_text(original, encoding="utf-8")
    _status, text = wait_for(url, lambda status, text: status == 200)
    assert "Kamis, 16 Juli 2020" in text and "QQ" not in text


def test_a_changed_article_is_checked_again(preview, project_copy):
    article = project_copy / "sources" / "articles" / f"{MEETING}.txt"
    article.write_text(
        article.read_text(encoding="utf-8").replace("Bahas Apa Ya?", "Bahas Apa?"), encoding="utf-8"
    )
    _status, text = wait_for(preview.url + f"en/{MEETING}.html", lambda status, text: status == 500)
    assert f"sources[0].headline: not found verbatim in {MEETING}.txt" in text


def test_a_catalog_change_rebuilds_every_brief(preview, project_copy):
    edit(
        project_copy,
        "locale/en/LC_MESSAGES/messages.po",
        'msgstr "Participants"',
        'msgstr "Delegations"',
    )
    for meeting_id in (MEETING, OTHER):
        wait_for(
            preview.url + f"en/{meeting_id}.html", lambda status, text: ">Delegations</h2>" in text
        )
    assert ">Peserta</h2>" in page(preview.url + f"id/{MEETING}.html")[1]


def test_a_stylesheet_change_rebuilds_every_brief(preview, project_copy):
    edit(project_copy, "templates/brief.css", "--accent: #1f4e79;", "--accent: #7a1f1f;")
    for meeting_id in (MEETING, OTHER):
        wait_for(
            preview.url + f"id/{meeting_id}.html", lambda status, text: "--accent: #7a1f1f;" in text
        )


def test_the_desk_name_in_the_settings_is_taken_up(preview, project_copy):
    edit(
        project_copy,
        "briefs.toml",
        'en = "China–Central Asia Analysis Desk"',
        'en = "Central Asia Desk"',
    )
    for meeting_id in (MEETING, OTHER):
        wait_for(
            preview.url + f"en/{meeting_id}.html",
            lambda status, text: '<p class="desk">Central Asia Desk</p>' in text,
        )


def test_a_port_in_use_is_a_one_line_error(preview):
    port = preview.httpd.server_address[1]
    result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: cannot listen on 127.0.0.1:{port}: ")


def test_the_command_serves_on_loopback_until_interrupted(project_copy):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "briefs",
            "--root",
            str(keep_two_meetings(project_copy)),
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
