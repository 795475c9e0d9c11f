"""Bidi controls and zero-width characters in any text, name or quote are located problems
that name the code point (briefs/check/document.py, check_invisible)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefs.cli.commands import main

MINISTERS = "2020-07-16-china-central-asia-foreign-ministers"
PATH = Path("sources") / "meetings" / f"{MINISTERS}.yaml"


@pytest.mark.parametrize(
    ("old", "new", "field", "at", "char"),
    [
        (
            "All sides agree that the development",
            "All sides \u202eeerga ton did\u202c that the development",
            "points[0].text.en (point 1)",
            "en: >-\n        All sides \u202e",
            "U+202E RIGHT-TO-LEFT OVERRIDE at character 11",
        ),
        (
            "  - name: Wang Yi\n",
            "  - name: Wang\u200b Yi\n",
            "participants[0].name",
            "name: Wang",
            "U+200B ZERO WIDTH SPACE at character 5",
        ),
        (
            'quote: "telah mengadakan konferensi video',
            'quote: "telah\u2066 mengadakan konferensi video',
            "place.quote[0].text",
            'quote: "telah',
            "U+2066 LEFT-TO-RIGHT ISOLATE at character 6",
        ),
        (
            "First China–Central Asia",
            "First China\ufeff–Central Asia",
            "title.en",
            "First China",
            "U+FEFF ZERO WIDTH NO-BREAK SPACE at character 12",
        ),
    ],
)
def test_an_invisible_character_is_a_located_problem(
    project_copy, monkeypatch, old, new, field, at, char
):
    monkeypatch.chdir(project_copy)
    text = PATH.read_text(encoding="utf-8")
    assert text.count(old) == 1
    text = text.replace(old, new)
    PATH.write_text(text, encoding="utf-8")
    line = text[: text.index(at)].count("\n") + 1
    result = CliRunner().invoke(main, ["check", str(PATH)])
    assert result.exit_code == 1, result.output
    expected = f": {field}: invisible character {char}: remove it (a brief would print the text reordered or split)"
    found = [e for e in result.stderr.splitlines() if e.endswith(expected)]
    assert found, result.stderr
    assert found[0].startswith(f"{PATH}:{line}:")
