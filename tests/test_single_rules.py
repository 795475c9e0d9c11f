"""The issue date and "no digest while a summary has problems" are each stated once: the
checks and the renderer ask project.issue_date_or_why, and `build --all` and `briefs digest`
ask render.digest.problems_stopping_digests."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

import briefs
from briefs.build import phases
from briefs.errors import RenderError, SourceError
from briefs.project import issue_date, issue_date_or_why, open_project

from .conftest import MEETING

PACKAGE = Path(briefs.__file__).parent


def test_the_issue_date_is_the_summarys_else_source_date_epochs(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert issue_date_or_why(dt.date(2024, 5, 21)) == dt.date(2024, 5, 21)
    assert issue_date_or_why(None) == dt.date(1970, 1, 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300800")  # a second past 9999-12-31
    assert issue_date_or_why(None) == (
        "SOURCE_DATE_EPOCH='253402300800' is not valid (whole seconds since 1970-01-01 UTC,"
        " 0 to 253402300799)"
    )
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert issue_date_or_why(None) == "SOURCE_DATE_EPOCH is not set"
    with pytest.raises(RenderError) as error:
        issue_date(None, "digest-2024")
    assert str(error.value) == (
        "digest-2024: no issue date: give 'issued' in the summary (SOURCE_DATE_EPOCH is not set)"
    )


def test_only_the_project_reads_source_date_epoch():
    readers = sorted(
        path.relative_to(PACKAGE.parent).as_posix()
        for path in PACKAGE.rglob("*.py")
        if any(
            isinstance(node, ast.Constant) and node.value == "SOURCE_DATE_EPOCH"
            for node in ast.walk(ast.parse(path.read_text("utf-8")))
        )
    )
    assert readers == ["briefs/project.py"]


def test_the_check_and_the_renderer_say_the_same_reason(project_copy, monkeypatch):
    """A summary without 'issued' under a bad SOURCE_DATE_EPOCH: the check's problem and the
    render error carry the one rule's reason."""
    from briefs.check.validate import load_summaries

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    summary = project_copy / "sources" / "meetings" / f"{MEETING}.yaml"
    lines = summary.read_text(encoding="utf-8").splitlines(keepends=True)
    assert sum(line.startswith("issued: ") for line in lines) == 1
    summary.write_text("".join(line for line in lines if not line.startswith("issued: ")))
    why = "SOURCE_DATE_EPOCH='soon' is not valid (whole seconds since 1970-01-01 UTC, 0 to 253402300799)"
    loaded = load_summaries(open_project(project_copy))
    assert [p.message for p in loaded.problems if "issued" in p.message] == [
        f"issued: not given, and {why}: give 'issued: YYYY-MM-DD' (the issue date printed on the brief)"
    ]


def bad_summary(root: Path) -> None:
    summary = root / "sources" / "meetings" / f"{MEETING}.yaml"
    text = summary.read_text(encoding="utf-8")
    assert "country: KZ" in text
    summary.write_text(text.replace("country: KZ", "country: QQ", 1), encoding="utf-8")


def test_a_summarys_problem_stops_every_digest_by_one_rule(project_copy, monkeypatch):
    """Both ways of making digests stop on a bad summary, and both go when the one rule says
    nothing stops them: neither states the rule itself."""
    bad_summary(project_copy)
    project = open_project(project_copy)
    with pytest.raises(SourceError, match="'QQ' is not an ISO 3166"):
        phases.build_digests(project, ("en",), ("html",), years=(2024,))
    report = phases.build_all(project, ("en",), ("html",), jobs=1)
    assert "digest: not built while summaries have problems" in report.failures
    assert not list((project_copy / "build" / "en").glob("digest*"))

    monkeypatch.setattr(phases, "problems_stopping_digests", lambda problems: [])
    written = phases.build_digests(project, ("en",), ("html",), years=(2024,))
    assert [path.name for path in written] == ["digest-2024.html"]
    report = phases.build_all(project, ("en",), ("html",), jobs=1)
    assert "digest: not built while summaries have problems" not in report.failures
    assert (project_copy / "build" / "en" / "digest.html").is_file()
