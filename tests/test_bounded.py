"""Bounded work: check refuses what the layout cannot set in bounded time (a word longer than
any line), located at its field; draft refuses input larger than check accepts for an article."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from briefs.check.document import longest_word
from briefs.cli.commands import main
from briefs.project import MAX_WORD
from briefs.read.files import MAX_ARTICLE_BYTES

from .conftest import MEETING


@pytest.mark.parametrize(
    "text, longest",
    [
        ("Kassym-Jomart Tokayev", "Tokayev"),
        ("China–Central Asia", "Central"),
        ("习近平主席会见托卡耶夫总统", "习"),  # a line may break between any two ideographs
        ("https://example.org/a/very/long/path", "example.org"),
        ("mengimplementasikan", "mengimplementasikan"),
    ],
)
def test_a_word_ends_where_a_line_may_break(text, longest):
    assert longest_word(text) == longest


def find(lines: list[str], start: str) -> tuple[int, int]:
    number = next(i for i, line in enumerate(lines) if line.startswith(start))
    return number + 1, len(start) - len(start.lstrip()) + 1


@pytest.mark.parametrize(
    "field, key, length", [("title.en", "  en: ", 3000), ("participants[0].name", "    name: ", 81)]
)
def test_check_refuses_a_word_no_line_can_hold_at_its_field(
    project_copy, monkeypatch, field, key, length
):
    monkeypatch.chdir(project_copy)
    path = project_copy / "sources" / "meetings" / f"{MEETING}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    section = field.split(".")[0].split("[")[0]
    top = next(i for i, line in enumerate(lines) if line.startswith(f"{section}:"))
    number = next(
        i for i in range(top, len(lines)) if lines[i].lstrip("- ").startswith(key.strip())
    )
    prefix = lines[number][: lines[number].index(key.strip())]
    word = ("Kerjasama" * (length // 9 + 1))[:length]
    lines[number] = f"{prefix}{key.strip()} {word}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    where = f"sources/meetings/{MEETING}.yaml:{number + 1}:{len(prefix) + len(key.strip()) + 2}"
    expected = (
        f"{where}: {field}: a word of {length} characters without a break ({word[:24]!r}...); "
        f"no line of a brief holds more than {MAX_WORD}: break it with a space or a hyphen"
    )
    assert expected in result.stderr.splitlines()


def test_a_word_that_fits_a_line_is_accepted(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    path = project_copy / "sources" / "meetings" / f"{MEETING}.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("\n  en: ", text.index("\ntitle:")) + len("\n  en: ")
    path.write_text(text[:start] + "x" * MAX_WORD + " " + text[start:], encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert "a word of" not in result.stderr


def test_draft_refuses_more_than_check_accepts_for_an_article(tmp_path):
    article = tmp_path / "big.txt"
    article.write_bytes(b"kata " * (MAX_ARTICLE_BYTES // 5 + 1))
    result = CliRunner().invoke(main, ["draft", str(article)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {article}: larger than {MAX_ARTICLE_BYTES} bytes; not an article\n"
    )
