"""`briefs draft`: the command."""

from __future__ import annotations

import datetime as dt
import os

import yaml
from click.testing import CliRunner

from briefs.cli.commands import main
from briefs.read.loader import _Loader

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
    assert data["place"]["online"] is True and "konferensi video" in data["place"]["quote"]


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


def test_draft_command_refuses_a_fifo_without_waiting_for_a_writer(tmp_path, monkeypatch):
    # opened, a FIFO would block until something writes to it: the reader refuses it by type
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "article.txt")
    result = CliRunner().invoke(main, ["draft", "article.txt"])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: article.txt: is a FIFO (named pipe), not a file; not an article\n"
    )


def test_draft_command_refuses_a_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").mkdir()
    result = CliRunner().invoke(main, ["draft", "article.txt"])
    assert result.exit_code == 1
    assert result.stderr == "error: article.txt: is a folder, not a file; not an article\n"


# Pasted text, then a rename ------------------------------------------------------------------

PASTED = (
    "Menlu Tiongkok Bertemu Menlu Kazakhstan di Astana\n\n"
    "Astana (ANTARA) - Menteri Luar Negeri Tiongkok Wang Yi bertemu Menteri Luar Negeri "
    "Kazakhstan Murat Nurtleu di Astana pada Senin (20/5/2024) untuk membahas kerja sama.\n\n"
    "Kedua pihak sepakat memperluas kerja sama perdagangan dan energi kedua negara.\n"
)


def _pasted_draft(project):
    (project / "pasted.txt").write_text(PASTED, encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", "pasted.txt", "-o", "sources/meetings/draft.yaml"])
    assert result.exit_code == 0, result.output
    return yaml.load(
        (project / "sources" / "meetings" / "draft.yaml").read_text(encoding="utf-8"),
        Loader=_Loader,
    )


def test_pasted_text_with_o_writes_its_article_under_the_meeting_id(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    data = _pasted_draft(project_copy)
    article = project_copy / "sources" / "articles" / f"{data['id']}.txt"
    assert data["id"] == "2024-05-20-china-kazakhstan-bilateral-talks"
    assert data["sources"][0]["article"] == article.name
    assert article.read_text(encoding="utf-8") == PASTED
    # the article is cited and found: check complains of marks and English only
    checked = CliRunner().invoke(main, ["check", "sources/meetings/draft.yaml"])
    assert checked.exit_code == 1
    assert "not found verbatim" not in checked.stderr
    assert "no such article" not in checked.stderr.lower()


def test_rename_moves_the_draft_and_its_article_together(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    data = _pasted_draft(project_copy)
    old_article = project_copy / "sources" / "articles" / f"{data['id']}.txt"
    new_id = "2024-05-20-china-kazakhstan-talks-in-astana"
    result = CliRunner().invoke(main, ["rename", "draft", new_id])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"sources/meetings/draft.yaml -> sources/meetings/{new_id}.yaml",
        f"sources/articles/{old_article.name} -> sources/articles/{new_id}.txt",
    ]
    summary = project_copy / "sources" / "meetings" / f"{new_id}.yaml"
    text = summary.read_text(encoding="utf-8")
    renamed = yaml.load(text, Loader=_Loader)
    assert renamed["id"] == new_id
    assert renamed["sources"][0]["article"] == f"{new_id}.txt"
    assert old_article.name not in text
    assert not old_article.exists() and not (project_copy / "sources/meetings/draft.yaml").exists()
    assert (project_copy / "sources" / "articles" / f"{new_id}.txt").read_text() == PASTED


def test_a_rename_in_place_replaces_the_summary_atomically(project_copy, monkeypatch):
    # the summary already has its new name: its text is rewritten through a temporary file
    # and a rename, so a link to the old file keeps the old text whole (never half written)
    monkeypatch.chdir(project_copy)
    data = _pasted_draft(project_copy)
    meetings = project_copy / "sources" / "meetings"
    new_id = "2024-05-20-china-kazakhstan-talks-in-astana"
    os.rename(meetings / "draft.yaml", meetings / f"{new_id}.yaml")
    before = (meetings / f"{new_id}.yaml").read_text(encoding="utf-8")
    os.link(meetings / f"{new_id}.yaml", project_copy / "kept.yaml")
    result = CliRunner().invoke(main, ["rename", new_id, new_id])
    assert result.exit_code == 0, result.output
    after = (meetings / f"{new_id}.yaml").read_text(encoding="utf-8")
    assert yaml.load(after, Loader=_Loader)["id"] == new_id
    assert data["id"] in before and data["id"] not in after
    assert (project_copy / "kept.yaml").read_text(encoding="utf-8") == before
    assert not [p.name for p in meetings.iterdir() if p.name.startswith(".")]


def test_rename_replaces_nothing(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    data = _pasted_draft(project_copy)
    taken = "2024-05-20-china-kazakhstan-foreign-ministers-talks"  # a shipped summary
    result = CliRunner().invoke(main, ["rename", "draft", taken])
    assert result.exit_code == 1
    assert (
        result.stderr == f"error: sources/meetings/{taken}.yaml already exists; choose another id\n"
    )
    other = project_copy / "sources" / "articles" / "2024-05-20-other.txt"
    other.write_text("another article", encoding="utf-8")
    result = CliRunner().invoke(main, ["rename", "draft", "2024-05-20-other"])
    assert result.exit_code == 1
    assert result.stderr == (
        "error: sources/articles/2024-05-20-other.txt already exists with another text; "
        f"sources/articles/{data['id']}.txt cannot take its name\n"
    )
    assert (project_copy / "sources" / "meetings" / "draft.yaml").exists()
    assert other.read_text(encoding="utf-8") == "another article"
    bad = CliRunner().invoke(main, ["rename", "draft", "not-an-id"])
    assert bad.exit_code == 1 and "'not-an-id' is not a meeting id" in bad.stderr


def test_the_context_reads_the_summaries_without_grounding_them(monkeypatch):
    # the drafter needs the latest year and the translation memory, not the quotes proven
    import briefs.check.validate
    from briefs.draft.summary import DraftContext
    from briefs.project import open_project

    def refuse(*args, **kwargs):
        raise AssertionError("the context ran the checks of load_summaries")

    monkeypatch.setattr(briefs.check.validate, "load_summaries", refuse)
    monkeypatch.setattr(briefs.check.validate, "check_document", refuse)
    context = DraftContext.of_project(open_project(ROOT))
    assert context.latest_year == 2024
    assert context.memory.people["Wang Yi"] == "CN"


def test_the_command_counts_from_the_draft_what_the_file_marks(tmp_path):
    from briefs.draft.summary import draft_file

    draft = draft_file(SEED)
    text = draft.to_yaml()
    assert draft.english_to_write == text.count("# to write: English") > 0
    assert len(draft.unsettled) == text.count(": !check") + text.count("- !check")


# Time relative to the article, written as the time it means ----------------------------------

RELATIVE = (
    "Menlu Tiongkok Bertemu Menlu Kazakhstan di Astana\n\n"
    "Astana (ANTARA) - Menteri Luar Negeri Tiongkok Wang Yi bertemu Menteri Luar Negeri "
    "Kazakhstan Murat Nurtleu di Astana pada Senin (20/5/2024) untuk membahas kerja sama yang "
    "kini meluas ke energi.\n\n"
    "Kedua pihak sepakat memperpanjang jalur kereta barang yang dibuka November lalu hingga ke "
    "pelabuhan Aktau.\n\n"
    "Wang mengatakan China siap menambah penerbangan langsung yang tahun lalu naik dua kali "
    "lipat.\n\n"
    "Nurtleu mengatakan Kazakhstan mendukung proyek bersama yang baru-baru ini dimulai di "
    "Almaty.\n"
)


def test_draft_writes_relative_time_as_the_time_it_means(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    (project_copy / "relative.txt").write_text(RELATIVE, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["draft", "relative.txt", "-o", "sources/meetings/draft.yaml"]
    )
    assert result.exit_code == 0, result.output
    text = (project_copy / "sources" / "meetings" / "draft.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_Loader)
    # counted from the meeting's day, 20 May 2024; the quotes keep the article's words
    assert data["lede"]["id"].endswith("kerja sama yang per Mei 2024 meluas ke energi.")
    first, second, third = data["points"]
    assert "yang dibuka pada November 2023 hingga" in first["text"]["id"]
    assert "November lalu" in first["quote"]
    assert "yang pada 2023 naik dua kali lipat" in second["text"]["id"]
    assert "tahun lalu" in second["quote"]
    # 'baru-baru ini' has no day to count from: left, and its text marked for the editor
    assert "yang baru-baru ini dimulai" in third["text"]["id"]
    marked = "#   - points[2].text (point 3): time relative to the article, 'baru-baru ini', which"
    assert marked in text
    assert "  - text: !check  # to check: time relative to the article, 'baru-baru ini'," in text
    assert "lede: !check" not in text and "points[0].text" not in text
    # the times written are those check holds to the quotes that say them relatively
    from briefs.language.time import meant_times

    assert str(data["date"]) == "2024-05-20"
    meant = meant_times([first["quote"], second["quote"]], dt.date(2024, 5, 20))[0].split()
    assert {"November", "2023"} <= set(meant)
