"""Sources the program cannot read are errors that name them, never an empty project: a
folder of another owner (the commands run as `nobody`, since the tests run as root here and
in CI; as the owner of a mode-000 folder otherwise), a FIFO among the summaries or articles
(a real os.mkfifo; refused by its type, never opened), UTF-16 text, a symbolic link."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefs.cli.commands import main

from .conftest import MEETING, ROOT

NOBODY = 65534


def _can_drop_privileges() -> bool:
    return os.geteuid() == 0 and shutil.which("setpriv") is not None


@pytest.fixture
def shared(built) -> Iterator[Path]:
    """A copy of the built project that another user can reach: outside pytest's private
    temporary folder, owned by `nobody` when the tests run as root."""
    folder = Path(tempfile.mkdtemp(prefix="briefs-unreadable-", dir="/tmp"))
    folder.chmod(0o755)
    project = Path(shutil.copytree(built.root, folder / "project", symlinks=True))
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", str(folder)], check=True)
    yield project
    shutil.rmtree(folder)


def lock_out(folder: Path) -> None:
    """Make folder unreadable to the user the commands run as: mode 700 and root's when they
    run as nobody, mode 000 when they run as its owner."""
    if _can_drop_privileges():
        os.chown(folder, 0, 0)
        folder.chmod(0o700)
    else:
        folder.chmod(0o000)
        if os.access(folder, os.R_OK):
            pytest.skip("cannot make a folder unreadable here")


def briefs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The briefs command in project, as nobody when the tests run as root."""
    command = [sys.executable, "-m", "briefs", "--root", str(project), *args]
    if _can_drop_privileges():
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(project.parent),
        "PYTHONPATH": str(ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=300
    )


def outputs(project: Path) -> list[Path]:
    return sorted(p for p in (project / "build").rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["list"],
        ["build", "--all"],
        ["build", "--all", "--force"],
        ["publish"],
        ["send", "--readers", "readers.yaml", "--dry-run"],
    ],
)
@pytest.mark.parametrize("folder", ["sources/meetings", "sources/articles"])
def test_an_unreadable_source_folder_is_an_error_naming_it(shared, command, folder):
    if command[0] == "send":
        shutil.copy(ROOT / "readers.example.yaml", shared / "readers.yaml")
        os.chmod(shared / "readers.yaml", 0o644)
    before = outputs(shared)
    lock_out(shared / folder)
    result = briefs(shared, *command)
    assert result.returncode == 1, result
    assert result.stderr == f"error: {folder}/: cannot read the folder: Permission denied\n"
    assert result.stdout == ""
    assert outputs(shared) == before  # nothing deleted, nothing written


def test_an_unreadable_summary_is_a_located_problem(shared):
    summary = shared / "sources" / "meetings" / f"{MEETING}.yaml"
    if _can_drop_privileges():
        os.chown(summary, 0, 0)
    summary.chmod(0o600 if _can_drop_privileges() else 0o000)
    result = briefs(shared, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"sources/meetings/{MEETING}.yaml:1:1: cannot read: Permission denied",
        "1 problem(s) found",
    ]


def run_check(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """briefs check (or command) in a subprocess with a time limit: a FIFO that is opened
    hangs it."""
    return subprocess.run(
        [sys.executable, "-m", "briefs", "--root", str(root), *(command or ["check"])],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.mark.parametrize("command", [["check"], ["list"], ["build", "--all"], ["publish"]])
def test_a_fifo_among_the_summaries_is_refused_without_being_opened(shared, command):
    os.mkfifo(shared / "sources" / "meetings" / "2020-01-01-pipe.yaml")
    result = run_check(shared, *command)
    assert result.returncode == 1
    assert (
        "sources/meetings/2020-01-01-pipe.yaml:1:1: a FIFO (named pipe), not a file"
        in result.stderr.splitlines()
    )


def test_a_fifo_or_a_device_in_place_of_an_article_is_refused(project_copy):
    summary = project_copy / "sources" / "meetings" / f"{MEETING}.yaml"
    article = project_copy / "sources" / "articles" / f"{MEETING}.txt"
    article.unlink()
    os.mkfifo(article)
    result = run_check(project_copy)
    assert result.returncode == 1
    (line,) = [line for line in result.stderr.splitlines() if "article:" in line]
    assert line.startswith(f"sources/meetings/{summary.name}:")
    assert line.endswith(f"sources[0].article: '{MEETING}.txt' is a FIFO (named pipe), not a file")

    article.unlink()
    article.symlink_to("/dev/zero")
    result = run_check(project_copy)
    (line,) = [line for line in result.stderr.splitlines() if "article:" in line]
    assert line.endswith(
        f"sources[0].article: '{MEETING}.txt' is a symbolic link in sources/articles/; "
        "an article must be the file itself"
    )


def test_utf16_text_is_named_as_such(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    article = project_copy / "sources" / "articles" / f"{MEETING}.txt"
    article.write_bytes(article.read_text(encoding="utf-8").encode("utf-16"))
    summary = project_copy / "sources" / "meetings" / f"{MEETING}.yaml"
    other = project_copy / "sources" / "meetings" / "2019-09-11-china-kazakhstan-state-visit.yaml"
    other.write_bytes(other.read_text(encoding="utf-8").encode("utf-16-le"))  # without a BOM
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert (
        f"sources/meetings/{other.name}:1:1: UTF-16 text, not UTF-8; save it again as UTF-8"
        in lines
    )
    (line,) = [line for line in lines if line.startswith(f"sources/meetings/{summary.name}:")]
    assert line.endswith(
        f"sources[0].article: '{MEETING}.txt' is UTF-16 text, not UTF-8; save it again as UTF-8"
    )
