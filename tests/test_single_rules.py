"""Decisions stated once, each with the test that pins it (issue 32): the issue date (the
checks and the renderer ask project.issue_date_or_why); "no digest while a summary has
problems" (`build --all` and `briefs digest` ask render.digest.problems_stopping_digests); a
number's value, scale and unit (language/numbers.py, for the checks and the drafter alike);
countries by name (language/gazetteer.py); the CJK ranges (language/scripts.py); the longest
word a brief can set (project.MAX_WORD). What is stale is pinned in tests/test_plan.py."""

from __future__ import annotations

import ast
import datetime as dt
from decimal import Decimal
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


def modules() -> list[tuple[str, ast.Module]]:
    return [
        (path.relative_to(PACKAGE.parent).as_posix(), ast.parse(path.read_text("utf-8")))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def test_only_the_number_reader_parses_a_number_of_a_text():
    """parse_decimal reads digits in the number reader alone; the localizer parses back only
    the compact form CLDR itself just formatted ('50,1 miliar'), never a text's."""
    readers = [
        name
        for name, tree in modules()
        if any(
            isinstance(node, ast.ImportFrom)
            and node.module == "babel.numbers"
            and any(alias.name == "parse_decimal" for alias in node.names)
            for node in ast.walk(tree)
        )
    ]
    assert readers == ["briefs/language/numbers.py", "briefs/render/i18n.py"]


@pytest.mark.parametrize(
    "amount, value, unit",
    [
        ("41 miliar dolar AS", 41 * 10**9, "USD"),
        ("US$50,1 miliar", 501 * 10**8, "USD"),
        ("Rp. 12,75 triliun", 1275 * 10**10, "IDR"),
        ("2 milyar dolar Amerika Serikat", 2 * 10**9, "USD"),
        ("1 miliar dolar Singapura", 10**9, "SGD"),
        ("500 juta yuan", 5 * 10**8, "CNY"),
        ("HK$5 juta", 5 * 10**6, "HKD"),
        ("US$41 billion", 41 * 10**9, "USD"),
        ("5,05 persen", Decimal("5.05"), "percent"),
        ("1.250.000 dosis", 1250000, None),
        ("dua puluh lima proyek", 25, None),
    ],
)
def test_the_drafter_and_the_checks_read_an_amount_alike(amount, value, unit):
    """One reader of a number's value, scale and unit: what the drafter drafts of an amount is
    what the checks hold it to."""
    from briefs.draft.figures import find_figures
    from briefs.language.numbers import mentions

    (mention,) = mentions(amount, "id")
    (figure,) = find_figures(f"Kedua negara mencapai {amount}.", None)
    assert (mention.value, mention.unit) == (value, unit)
    assert (figure.value, figure.unit) == (value, unit or "count")


def test_only_the_gazetteer_names_countries():
    """CLDR's territory names are read by the gazetteer (countries by name, and the name of a
    code), by summary/fields.py for the codes a summary accepts and by the localizer for the
    names a brief prints in its language; by no one else."""
    readers = [
        name
        for name, tree in modules()
        if any(
            isinstance(node, ast.Attribute) and node.attr == "territories"
            for node in ast.walk(tree)
        )
    ]
    assert readers == [
        "briefs/language/gazetteer.py",
        "briefs/render/i18n.py",
        "briefs/summary/fields.py",
    ]


def test_the_cjk_ranges_are_written_once():
    """No string of the package but language/scripts.py's writes a range of Chinese, Japanese
    or Korean characters (the start of CJK Unified Ideographs, extension A, the radicals, Hangul
    syllables)."""
    starts = ("\u4e00", "\u3400", "\u2e80", "\uac00")
    writers = [
        name
        for name, tree in modules()
        if any(
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and any(start in node.value for start in starts)
            for node in ast.walk(tree)
        )
    ]
    assert writers == ["briefs/language/scripts.py"]


def test_one_longest_word_for_the_check_and_the_layout():
    """project.MAX_WORD is the one limit: no other module binds a word length of its own, and
    the renderer breaks a word the check refuses (tests/test_bounded.py holds the check to it)."""
    from briefs.project import MAX_WORD
    from briefs.render.renderer import break_long_words

    bound = [
        (name, target.id)
        for name, tree in modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and node.value.value == MAX_WORD
        for target in node.targets
        if isinstance(target, ast.Name) and "WORD" in target.id
    ]
    assert bound == [("briefs/project.py", "MAX_WORD")]
    assert "<wbr>" in break_long_words(f"<p>{'x' * (MAX_WORD + 1)}</p>")
    assert "<wbr>" not in break_long_words(f"<p>{'x' * (MAX_WORD - 1)}</p>")
