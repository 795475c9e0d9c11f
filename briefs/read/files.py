"""The one safe read of a source: only a regular file, refused by its type otherwise (a FIFO
would wait for a writer forever), and text that is not UTF-8 said to be what it is (UTF-16
named)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_ARTICLE_BYTES = 2_000_000
"""A news article is tens of kilobytes; more than this is not an article."""

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
