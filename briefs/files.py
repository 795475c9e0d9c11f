"""Files: the one way briefs writes a file. Every output (a brief, a digest, the manifest, a
publication's files, a draft) is written whole to a temporary file beside its place and then
renamed (or, for a file that must not replace another, linked) into it, so that a reader, or a
build killed half-way, only ever sees a complete file. Each file gets the mode any program of
this user would give it (0666 less the umask, as open() does), never mkstemp's private 0600 nor
a fixed 0644. Sources are read here too: only regular files, refused by their type otherwise
(read_regular_file), and text that is not UTF-8 said to be what it is."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from .errors import FileError

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


_FILE_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFLNK: "a symbolic link",
}


def file_kind(kind: int) -> str:
    """'a FIFO (named pipe)', 'a folder' ...: what a stat mode's file type is, in words."""
    return _FILE_KINDS.get(kind, "not a regular file")


class UnreadableFile(Exception):
    """A source that cannot be read as a file: the message says why (not found, a FIFO ...)."""

    def __init__(self, message: str, *, missing: bool = False):
        self.missing = missing
        super().__init__(message)


def read_regular_file(path: Path, limit: int, *, links: bool = True) -> bytes:
    """The bytes of a regular file of at most limit bytes. Anything else (a FIFO, a device, a
    folder; a symbolic link unless links) is refused by its type without being read: a FIFO
    would wait for a writer forever. Raises UnreadableFile."""
    try:
        kind = stat.S_IFMT((os.stat if links else os.lstat)(path).st_mode)
        if kind != stat.S_IFREG:
            raise UnreadableFile(f"is {file_kind(kind)}, not a file")
        # O_NONBLOCK: should a FIFO take the file's place after the check, opening it does
        # not wait; O_NOFOLLOW: nor does a link taking it.
        flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if links else os.O_NOFOLLOW)
        fd = os.open(path, flags)
        with open(fd, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise UnreadableFile("is not a regular file")
            if info.st_size > limit:
                raise UnreadableFile(f"is larger than {limit} bytes")
            data = file.read(limit + 1)
    except FileNotFoundError:
        raise UnreadableFile("not found", missing=True) from None
    except OSError as error:
        raise UnreadableFile(f"cannot read: {error.strerror or error}") from None
    if len(data) > limit:
        raise UnreadableFile(f"is larger than {limit} bytes")
    return data


def is_utf16(data: bytes) -> bool:
    """Whether bytes look like UTF-16: a byte-order mark, or a NUL byte in every other place
    (as Latin letters have in UTF-16), which UTF-8 text never has."""
    sample = data[:2000]
    return sample[:2] in (b"\xff\xfe", b"\xfe\xff") or (
        len(sample) >= 8 and max(sample[0::2].count(0), sample[1::2].count(0)) > len(sample) // 4
    )


def not_utf8(data: bytes) -> str:
    """Why bytes that do not decode as UTF-8 are not UTF-8 text: UTF-16 is named, since an
    editor that saved it so can save it again as UTF-8."""
    return "UTF-16 text, not UTF-8; save it again as UTF-8" if is_utf16(data) else "not UTF-8 text"
