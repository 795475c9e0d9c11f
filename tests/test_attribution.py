"""'attributed_to' held to the quote both ways (briefs/check/grounding/attribution.py on the reader of
briefs/language/speakers.py): one side's words shown as agreed, and agreed words given to one
side, are located problems."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from briefs.cli.commands import main

MEETINGS = Path("sources") / "meetings"
TALKS = "2024-05-20-china-kazakhstan-foreign-ministers-talks"
MINISTERS = "2020-07-16-china-central-asia-foreign-ministers"


def plant(root: Path, meeting: str, old: str, new: str) -> tuple[str, list[str]]:
    path = root / MEETINGS / f"{meeting}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{meeting} has {text.count(old)} of {old!r}"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return str(MEETINGS / f"{meeting}.yaml"), text.splitlines()


def check(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), "check", *args])


def value_at(lines: list[str], key: str, *, after: str) -> str:
    """line:col of the value of the first `key:` after the line holding `after` (a block
    scalar's value stands at its '>-')."""
    start = next(i for i, text in enumerate(lines) if after in text)
    line = next(i for i in range(start, len(lines)) if lines[i].lstrip().startswith(f"{key}:"))
    return f"{line + 1}:{lines[line].index(key) + len(key) + 3}"


def test_one_sides_words_shown_as_agreed(project_copy, monkeypatch):
    """Wang's account at his press conference ('..., ujar Wang') is not an agreed point."""
    monkeypatch.chdir(project_copy)
    old = "    quote: >-\n      Kedua belah pihak memutuskan untuk lebih memperkuat kerja sama"
    text = (project_copy / MEETINGS / f"{TALKS}.yaml").read_text(encoding="utf-8")
    start = text.index(old)
    block = text[start : text.index("  - text:", start)]
    assert "    attributed_to: Wang Yi\n" in block
    name, lines = plant(
        project_copy, TALKS, block, block.replace("    attributed_to: Wang Yi\n", "")
    )
    place = value_at(lines, "quote", after="Kedua belah pihak memutuskan untuk lebih memperkuat")
    result = check(project_copy, name)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0] == (
        f"{name}:{place}: points[7].quote (point 1): 'ujar Wang': the article gives these words to"
        " Wang Yi, not to all sides: give the point 'attributed_to', or make it a point of its own"
    )


def test_agreed_words_given_to_one_side(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    old = "      global sedang menyaksikan perubahan besar dan kekacauan.\n    themes: [multilateral]\n"
    name, lines = plant(
        project_copy,
        TALKS,
        old,
        old.replace("    themes:", "    attributed_to: Wang Yi\n    themes:"),
    )
    place = value_at(lines, "attributed_to", after="Kedua belah pihak menekankan perlunya")
    result = check(project_copy, name)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"{name}:{place}: points[15].attributed_to (point 17): 'Wang Yi': the article gives these words to"
        " all sides ('Kedua belah pihak menekankan'): remove 'attributed_to', or quote the"
        " sentence where one side says them",
        "1 problem(s) found",
    ]


def test_a_relayed_statements_joint_item_given_to_one_side(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    old = "      ekonomi dan pembangunan berkelanjutan di negara-negara yang kurang berkembang.\n    themes:"
    name, lines = plant(
        project_copy,
        MINISTERS,
        old,
        old.replace("    themes:", "    attributed_to: Kamilov\n    themes:"),
    )
    place = value_at(lines, "attributed_to", after="attributed_to: Kamilov")
    result = check(project_copy, name)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"{name}:{place}: points[5].attributed_to (point 11): 'Kamilov': the article gives these words to"
        " all sides (a statement relayed by Xinhua): remove 'attributed_to', or quote the"
        " sentence where one side says them",
        "1 problem(s) found",
    ]


def test_the_wrong_participant(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    old = "      menyediakan layanan transportasi yang lebih baik"
    text = (project_copy / MEETINGS / f"{TALKS}.yaml").read_text(encoding="utf-8")
    start = text.index("    quote: >-\n      Kedua belah pihak memutuskan untuk lebih")
    block = text[start : text.index("  - text:", start)]
    name, lines = plant(
        project_copy,
        TALKS,
        block,
        block.replace("attributed_to: Wang Yi", "attributed_to: Murat Nurtleu"),
    )
    place = value_at(lines, "attributed_to", after="attributed_to: Murat Nurtleu")
    result = check(project_copy, name)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0] == (
        f"{name}:{place}: points[7].attributed_to (point 18): 'Murat Nurtleu': the article gives these"
        " words to Wang Yi ('ujar Wang')"
    )
    assert old  # the block planted is the point's own


def test_the_shipped_one_side_readouts_are_attributed(project_copy, monkeypatch):
    """The points of Wang's press conference that open with 'Kedua belah pihak' are his."""
    import yaml

    data = yaml.safe_load((project_copy / MEETINGS / f"{TALKS}.yaml").read_text(encoding="utf-8"))
    attributed = [i for i, p in enumerate(data["points"]) if p.get("attributed_to") == "Wang Yi"]
    assert {0, 4, 5, 7, 8, 9, 10, 12} <= set(attributed)
    assert {13, 15, 16}.isdisjoint(attributed)
    lede = yaml.safe_load(
        (project_copy / MEETINGS / f"{MINISTERS}.yaml").read_text(encoding="utf-8")
    )["lede"]
    assert "bersama" not in lede["id"].split("pernyataan")[1][:10]
    assert "joint statement" not in lede["en"]
