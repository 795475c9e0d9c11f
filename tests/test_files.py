"""briefs.write.files, the one writer: whole files only, and the mode the umask gives, for every
output (briefs and digests, the manifest, a publication, a draft)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefs.cli.commands import main
from briefs.distribute.publish import publish
from briefs.errors import FileError
from briefs.write import files
from briefs.write.files import TEMPORARY, new_folder, write_atomically, write_new

from .conftest import ROOT

UMASKS = (0o022, 0o027, 0o077, 0o002)
SEED = ROOT / "sources" / "articles" / "2020-07-16-china-central-asia-foreign-ministers.txt"


@contextmanager
def umask(mask: int) -> Iterator[None]:
    before = os.umask(mask)
    try:
        yield
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("mask", UMASKS, ids=oct)
def test_each_writer_gives_the_mode_of_the_umask(tmp_path, mask):
    with umask(mask):
        replaced = write_atomically(tmp_path / "a" / "brief.html", b"<p>1</p>")
        write_atomically(replaced, b"<p>2</p>")
        new = write_new(tmp_path / "draft.yaml", b"id: x\n")
        folder = new_folder(tmp_path, ".site.new-")
    assert mode(replaced) == mode(new) == 0o666 & ~mask
    assert mode(folder) == 0o777 & ~mask
    assert replaced.read_bytes() == b"<p>2</p>"
    assert folder.name.startswith(".site.new-") and not any(folder.iterdir())
    assert sorted(p.name for p in tmp_path.rglob(f"*{TEMPORARY}")) == []


def test_write_new_never_replaces_a_file(tmp_path):
    path = tmp_path / "draft.yaml"
    path.write_bytes(b"an editor's work")
    with pytest.raises(FileExistsError):
        write_new(path, b"a draft")
    assert path.read_bytes() == b"an editor's work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.yaml"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = write_atomically(tmp_path / "brief.pdf", b"old")

    def full(fd: int, data: bytes) -> None:
        os.close(fd)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "_write", full)
    with pytest.raises(FileError, match=r"brief\.pdf: cannot write: No space left on device$"):
        write_atomically(path, b"new")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]


def test_built_outputs_and_the_manifest_have_the_mode_of_the_umask(built):
    expected = 0o666 & ~current_umask()
    written = [p for p in built.build_dir.rglob("*") if p.is_file() and p.name != ".lock"]
    assert any(p.name == ".briefs-manifest.json" for p in written)
    assert {p.relative_to(built.build_dir).as_posix(): mode(p) for p in written} == {
        p.relative_to(built.build_dir).as_posix(): expected for p in written
    }


def test_a_publication_has_the_mode_of_the_umask(built, tmp_path):
    with umask(0o027):
        published = publish(built, tmp_path / "site")
    assert mode(published.folder) == 0o750
    for name in published.files:
        assert mode(published.folder / name) == 0o640, name
        assert mode((published.folder / name).parent) == 0o750, name


def test_a_draft_file_has_the_mode_of_the_umask(tmp_path):
    """`briefs draft -o` wrote 0600 files (NamedTemporaryFile) where every other output is 0644."""
    out = tmp_path / "draft.yaml"
    with umask(0o022):
        result = CliRunner().invoke(main, ["draft", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert mode(out) == 0o644
