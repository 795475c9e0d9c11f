"""Every failure is one line and exit 1, and loses nothing: a full disk (a real tmpfs, where
the tests may mount one) during a build and a publish, a build/ that cannot be written, a
summary that cannot be read, a manifest of the wrong shape (discarded and rebuilt, with a
warning); a run with nothing to do writes nothing."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefs.build.manifest import MANIFEST, Manifest
from briefs.build.phases import build_all
from briefs.project import open_project

from .conftest import ROOT, ROOTS, copy_project

NOBODY = 65534
ENV = {
    "PATH": os.environ["PATH"],
    "PYTHONPATH": str(ROOT),
    "PYTHONDONTWRITEBYTECODE": "1",
}


@pytest.fixture(scope="module")
def built_articles(tmp_path_factory) -> Path:
    """tests/roots/test-articles (one meeting), built once: 12 outputs."""
    root = copy_project(ROOTS / "test-articles", tmp_path_factory.mktemp("f") / "project")
    assert build_all(open_project(root)).ok
    return root


@pytest.fixture
def project(built_articles) -> Iterator[Path]:
    """A copy of the built project outside pytest's private folder (another user may reach
    it), with the same bytes and times: up to date."""
    folder = Path(tempfile.mkdtemp(prefix="briefs-failures-", dir="/tmp"))
    folder.chmod(0o755)
    root = Path(shutil.copytree(built_articles, folder / "project", symlinks=True))
    yield root
    subprocess.run(["umount", "-q", str(root / "build")], capture_output=True)
    shutil.rmtree(folder)


def briefs(root: Path, *args: str, user: int | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "briefs", "--root", str(root), *args]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(command, cwd=root, env=ENV, capture_output=True, text=True, timeout=600)


def outputs(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in (root / "build").rglob("*") if p.suffix in (".pdf", ".html")}


def mount_tmpfs(folder: Path, size: str) -> None:
    """A real small file system at folder, or the test is skipped."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")


def as_nobody() -> int:
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root, to run the command as another user")
    return NOBODY


def test_a_full_disk_during_a_build_is_one_line(project):
    (project / "build").rename(project / "old-build")
    mount_tmpfs(project / "build", "160k")  # room for a few files, not for a PDF of each
    result = briefs(project, "build", "--all", "--jobs", "2")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: build/"), lines[0]
    assert lines[0].endswith(": cannot write: No space left on device"), lines[0]
    assert not list((project / "build").rglob(".*.tmp"))  # no half-written file left
    manifest = project / "build" / MANIFEST
    if manifest.exists():  # what was written, if it fitted, is what was built
        assert isinstance(json.loads(manifest.read_bytes()), dict)


def test_a_full_disk_during_a_publish_is_one_line(project):
    site = project / "published"
    mount_tmpfs(site, "96k")
    result = briefs(project, "publish", "--out", str(site / "site"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: published/.site.new-"), lines[0]
    assert lines[0].endswith(": cannot write: No space left on device"), lines[0]
    assert list(site.iterdir()) == []  # the half-made folder is gone
    subprocess.run(["umount", str(site)], check=True)


def test_publish_with_nothing_to_build_writes_nothing_to_build(project):
    """On a full disk: the build before the publish has nothing to do, so it writes nothing,
    not even the manifest."""
    before = outputs(project)
    saved = project / "saved-build"
    (project / "build").rename(saved)
    mount_tmpfs(project / "build", "2m")
    subprocess.run(["cp", "-a", f"{saved}/.", str(project / "build")], check=True)
    manifest = project / "build" / MANIFEST
    stat = manifest.stat()
    with open(project / "build" / "filler", "wb", buffering=0) as filler:  # to the brim
        try:
            while True:
                filler.write(b"\0" * 4096)
        except OSError:
            pass
    result = briefs(project, "publish", "--out", str(project / "site"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    readers = project / "readers.yaml"
    readers.write_text("readers:\n  - name: Dewi\n    email: dewi@example.org\n    language: id\n")
    result = briefs(project, "send", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("1 message(s) to send (dry run: nothing sent)\n")
    assert manifest.stat().st_mtime_ns == stat.st_mtime_ns and manifest.stat().st_ino == stat.st_ino
    assert outputs(project) == before  # the same files, under the same names


def test_a_build_dir_that_cannot_be_written_is_one_line(project):
    user = as_nobody()
    subprocess.run(["chown", "-R", f"{user}:{user}", str(project)], check=True)
    subprocess.run(["chown", "-R", "0:0", str(project / "build")], check=True)
    before = outputs(project)
    result = briefs(project, "build", "--all", "--force", user=user)
    assert (result.returncode, result.stderr) == (
        1,
        "error: build/.lock: cannot write: Permission denied\n",
    )
    (project / "build" / ".lock").unlink()
    result = briefs(project, "build", "--all", "--force", user=user)
    assert (result.returncode, result.stderr) == (
        1,
        "error: build/.lock: cannot write: Permission denied\n",
    )
    # The lock can be taken, but nothing else written or removed.
    (project / "build" / ".lock").touch()
    os.chown(project / "build" / ".lock", user, user)
    result = briefs(project, "build", "--all", "--force", "--jobs", "1", user=user)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: build/"), result.stderr
    assert lines[0].endswith(": cannot write: Permission denied"), result.stderr
    leftover = project / "build" / "en" / ".x.pdf.0000.tmp"
    leftover.touch()
    result = briefs(project, "build", "--all", "--force", user=user)
    assert (result.returncode, result.stderr) == (
        1,
        "error: build/en/.x.pdf.0000.tmp: cannot remove: Permission denied\n",
    )
    leftover.unlink()
    assert outputs(project) == before


def test_a_summary_that_cannot_be_read_is_one_line_and_deletes_nothing(project):
    user = as_nobody()
    subprocess.run(["chown", "-R", f"{user}:{user}", str(project)], check=True)
    (summary,) = (project / "sources" / "meetings").glob("*.yaml")
    os.chown(summary, 0, 0)
    summary.chmod(0o600)
    before = outputs(project)
    for args in (("build", "--all"), ("build", "--all", "--force"), ("publish",)):
        result = briefs(project, *args, user=user)
        assert result.returncode == 1, (args, result.stderr)
        # the located problem and the count, as for any summary with a problem
        problem, count = result.stderr.splitlines()
        assert problem == f"sources/meetings/{summary.name}:1:1: cannot read: Permission denied"
        assert count.startswith("1 problem(s)"), args
        assert outputs(project) == before


@pytest.mark.parametrize(
    "content, what",
    [
        (b"[]", "a JSON array, not an object"),
        (b"null", "JSON null, not an object"),
        (b'"build"', "a JSON string, not an object"),
        (b"{not json", "not valid JSON"),
        (b'{"en/x.html": 5, "en/y.html": []}', "2 of its 2 items of another shape"),
    ],
)
def test_a_manifest_of_another_shape_is_discarded_with_a_warning(tmp_path, caplog, content, what):
    (tmp_path / MANIFEST).write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="briefs.build.manifest"):
        assert Manifest(tmp_path).entries == {}
        assert Manifest(tmp_path).entries == {}  # said once, not at every read
    assert [r.getMessage() for r in caplog.records] == [
        f"{tmp_path / MANIFEST}: {what}; discarded, what it described is rebuilt"
    ]


def test_a_wrong_manifest_is_rebuilt_by_the_next_build(project):
    manifest = project / "build" / MANIFEST
    manifest.write_text("[]")
    result = briefs(project, "build", "--all", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"build/{MANIFEST}: a JSON array, not an object; discarded, what it described is rebuilt\n"
    )
    assert "12 files written" in result.stdout
    entries = json.loads(manifest.read_bytes())
    # the outputs' entries, beside the record of the checks (".checks")
    assert isinstance(entries, dict) and len(set(entries) - {".checks"}) == 12
    again = briefs(project, "build", "--all")
    assert (again.returncode, again.stderr) == (0, "")
    assert "up to date" in again.stdout


def test_a_manifest_key_outside_build_deletes_nothing(project):
    """A crafted item naming a file outside build/, whose meeting is gone: dropped, and the
    file is left alone (it would be removed as the output of a deleted summary)."""
    victim = project / "victim.txt"
    victim.write_text("keep me")
    manifest = project / "build" / MANIFEST
    entries = json.loads(manifest.read_bytes())
    entries["../victim.txt"] = {"inputs": "0", "stat": None, "meeting": "gone", "articles": []}
    manifest.write_text(json.dumps(entries))
    result = briefs(project, "build", "--all", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert "1 of its 13 items of another shape" in result.stderr
    assert victim.read_text() == "keep me"
