"""The CLI through CliRunner: exit codes 0 / 1 (bad input) / 2 (usage), and exact messages."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefs.cli.commands import main

from .conftest import parse_html, pdf_text

MEETING = "2020-07-16-china-central-asia-foreign-ministers"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_list_shows_id_date_title():
    result = run("list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 5
    assert lines[1] == f"{MEETING}\t2020-07-16\tFirst China–Central Asia foreign ministers' meeting"


def test_unknown_meeting_lists_the_known_ones(project_copy):
    result = run(
        "--root",
        str(project_copy),
        "build",
        "2099-01-01-nothing",
        "--lang",
        "id",
        "--format",
        "pdf",
    )
    assert result.exit_code == 1
    assert (
        result.stderr.splitlines()[0]
        == "error: unknown meeting '2099-01-01-nothing'; known meetings:"
    )
    assert f"  {MEETING}" in result.stderr.splitlines()


@pytest.mark.parametrize(
    "args, message",
    [
        (["build"], "give a MEETING_ID (see 'briefs list') or --all"),
        (["build", MEETING, "--lang", "id"], "give --lang (id or en) and --format (pdf or html)"),
        (["build", MEETING, "--lang", "fr", "--format", "pdf"], "'fr' is not one of 'id', 'en'"),
        (
            ["build", "--all", MEETING],
            "--all builds every meeting; give no MEETING_ID or --output with it",
        ),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_build_one_pdf_to_a_chosen_path(project_copy, tmp_path):
    out = tmp_path / "brief.pdf"
    result = run(
        "--root",
        str(project_copy),
        "build",
        MEETING,
        "--lang",
        "en",
        "--format",
        "pdf",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert PdfReader(out).pages
    assert "Thursday, 16 July 2020" in pdf_text(out)
    assert not (project_copy / "build").exists()


def test_build_one_html_to_the_default_path(project_copy):
    result = run("--root", str(project_copy), "build", MEETING, "--lang", "id", "--format", "html")
    assert result.exit_code == 0, result.output
    page = parse_html(project_copy / "build" / "id" / f"{MEETING}.html")
    assert page.lang == "id"
    assert "Kamis, 16 Juli 2020" in page.full_text


def test_build_all_keeps_going_past_a_bad_summary(project_copy):
    bad = project_copy / "sources" / "meetings" / f"{MEETING}.yaml"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("country: KZ", "country: QQ"), encoding="utf-8"
    )
    result = run("--root", str(project_copy), "build", "--all", "--format", "html")
    assert result.exit_code == 1
    assert "participants[1].country: 'QQ' is not an ISO 3166 alpha-2 country code" in result.stderr
    assert "error: digest: not built while summaries have problems" in result.stderr
    assert "1 problem(s) in summaries, 1 brief(s) failed" in result.stderr
    built = sorted(p.name for p in (project_copy / "build").rglob("*.html"))
    assert len(built) == 8 and f"{MEETING}.html" not in built


def test_schema_is_json_schema_of_a_summary():
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Meeting summary"
    assert {"id", "title", "date", "place", "participants", "points", "figures", "sources"} <= set(
        schema["properties"]
    )
    assert schema["additionalProperties"] is False


def test_not_a_project(tmp_path):
    result = run("--root", str(tmp_path), "check")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "briefs.toml: not found" in result.stderr
