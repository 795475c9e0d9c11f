"""`briefs draft`: the command."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from briefs.cli import main
from briefs.loader import _Loader

from .conftest import ROOT

ARTICLES = sorted((ROOT / "sources" / "articles").glob("*.txt"))


# The command ---------------------------------------------------------------------------------

SEED = ROOT / "sources" / "articles" / "2020-07-16-china-central-asia-foreign-ministers.txt"


def test_draft_command_writes_yaml_to_stdout():
    result = CliRunner().invoke(main, ["draft", str(SEED)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "# Draft written by `briefs draft` from 2020-07-16-china-central-asia-foreign-ministers.txt."
    )
    data = yaml.load(result.output, Loader=_Loader)
    assert data["id"] == "2020-07-16-china-central-asia-foreign-ministers"
    assert data["place"] == {"online": True}


def test_draft_command_writes_a_new_file_and_never_overwrites(tmp_path):
    out = tmp_path / "draft.yaml"
    first = CliRunner().invoke(main, ["draft", str(SEED), "-o", str(out)])
    assert first.exit_code == 0, first.output
    assert out.read_text(encoding="utf-8") == CliRunner().invoke(main, ["draft", str(SEED)]).output
    assert "English texts to write" in first.output
    out.write_text("an editor's work", encoding="utf-8")
    second = CliRunner().invoke(main, ["draft", str(SEED), "-o", str(out)])
    assert second.exit_code == 1
    assert second.stderr == f"error: {out} already exists; choose another file or remove it\n"
    assert out.read_text(encoding="utf-8") == "an editor's work"


def test_draft_command_missing_article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["draft", "nothing.txt"])
    assert result.exit_code == 1
    assert result.stderr == "error: nothing.txt: no such article\n"
