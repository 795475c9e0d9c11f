"""`build -o` never overwrites a source, nor any file that is not a previous output of briefs:
one line, exit 1, the file as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefs.cli.commands import main

from .conftest import MEETING


def build(root: Path, output: str, fmt: str = "html"):
    return CliRunner().invoke(
        main, ["--root", str(root), "build", MEETING, "--lang", "en", "--format", fmt, "-o", output]
    )


@pytest.mark.parametrize(
    "output, folder",
    [
        (f"sources/meetings/{MEETING}.yaml", "sources"),
        ("sources/articles/new.html", "sources"),
        ("templates/brief.css", "templates"),
        ("templates/new.html", "templates"),
        ("locale/en/LC_MESSAGES/messages.po", "locale"),
    ],
)
def test_a_path_among_the_sources_is_refused(project_copy, monkeypatch, output, folder):
    monkeypatch.chdir(project_copy)
    target = project_copy / output
    before = target.read_bytes() if target.exists() else None
    result = build(project_copy, output)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {output}: inside {folder}/, where the project's sources live;"
        " write the brief elsewhere\n"
    )
    assert (target.read_bytes() if target.exists() else None) == before


def test_a_link_into_the_sources_is_refused(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    summary = project_copy / "sources" / "meetings" / f"{MEETING}.yaml"
    before = summary.read_bytes()
    (project_copy / "brief.html").symlink_to(summary)
    result = build(project_copy, "brief.html")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: brief.html: inside sources/")
    assert summary.read_bytes() == before


@pytest.mark.parametrize("name", ["briefs.toml", "notes.html", "report.pdf"])
def test_an_existing_file_briefs_did_not_build_is_refused(project_copy, monkeypatch, name):
    monkeypatch.chdir(project_copy)
    target = project_copy / name
    if not target.exists():
        target.write_bytes(b"%PDF-1.7 someone else's\n" if name.endswith(".pdf") else b"<p>mine")
    before = target.read_bytes()
    result = build(project_copy, name)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {name}: exists and is not a brief briefs built; "
        "give a new file, or remove this one first\n"
    )
    assert target.read_bytes() == before


def test_a_fifo_is_refused_unopened(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    os.mkfifo(project_copy / "out.html")  # opened, it would hang the build
    result = build(project_copy, "out.html")
    assert (result.exit_code, result.stderr) == (1, "error: out.html: exists and is not a file\n")


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_a_previous_output_is_rebuilt_in_place(project_copy, monkeypatch, fmt):
    """By its own mark (the generator meta, the PDF's build record): outside build/, where
    no manifest knows it."""
    monkeypatch.chdir(project_copy)
    first = build(project_copy, f"brief.{fmt}", fmt)
    assert (first.exit_code, first.output) == (0, f"brief.{fmt}\n")
    again = build(project_copy, f"brief.{fmt}", fmt)  # over the previous output: allowed
    assert (again.exit_code, again.output) == (0, f"brief.{fmt}\n")
