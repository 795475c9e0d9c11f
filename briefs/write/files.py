"""Files: the one way briefs writes a file. Every output (a brief, a digest, the manifest, a
publication's files, a draft) is written whole to a temporary file beside its place and then
renamed (or, for a file that must not replace another, linked) into it, so that a reader, or a
build killed half-way, only ever sees a complete file. Each file gets the mode any program of
this user would give it (0666 less the umask, as open() does), never mkstemp's private 0600 nor
a fixed 0644. Sources are read by
briefs.read.files."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from briefs.errors import FileError

TEMPORARY = ".tmp"
"""The suffix of a file being written (its name starts with a dot): left behind only by a kill."""


def _temporary(path: Path) -> tuple[int, Path]:
    """A new file beside path, created with mode 0666 so that the kernel applies the umask."""
    while True:
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}{TEMPORARY}"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666), tmp
        except FileExistsError:
            continue


def _write(fd: int, data: bytes) -> None:
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def write_atomically(path: Path, data: bytes) -> Path:
    """Write data to path (its folder made if need be), replacing what was there in one rename.
    A file that cannot be written (a full disk, a folder not writable) is a FileError naming it,
    and what was there before stays as it was."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temporary(path)
    except OSError as error:
        raise FileError.of(path, "write", error) from None
    try:
        _write(fd, data)
        os.replace(tmp, path)
    except BaseException as error:
        tmp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise FileError.of(path, "write", error) from None
        raise
    return path


def write_new(path: Path, data: bytes) -> Path:
    """Write data to path, which must not exist: FileExistsError if it does (a link, unlike a
    rename, never replaces a file)."""
    fd, tmp = _temporary(path)
    try:
        _write(fd, data)
        os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def new_folder(parent: Path, prefix: str) -> Path:
    """A new empty folder in parent, named prefix and a random part, with mode 0777 less the
    umask (mkdtemp's would be private)."""
    while True:
        folder = parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            parent.mkdir(parents=True, exist_ok=True)
            folder.mkdir(0o777)
            return folder
        except FileExistsError:
            continue
        except OSError as error:
            raise FileError.of(folder, "write", error) from None


def leftovers(folder: Path) -> list[Path]:
    """The temporary files in folder: a killed build's, or those of a build under way."""
    return list(folder.rglob(f".*{TEMPORARY}"))


def remove_leftovers(folder: Path) -> None:
    """Delete the temporary files a killed build left behind (never a finished file): only
    under the build's lock, which keeps other builds out."""
    for leftover in leftovers(folder):
        try:
            leftover.unlink(missing_ok=True)
        except OSError as error:
            raise FileError.of(leftover, "remove", error) from None
