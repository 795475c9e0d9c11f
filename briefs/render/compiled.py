"""Compiled templates, kept between processes: Jinja compiles each template to Python code the
first time an environment loads it (about a fifth of a second for a brief's templates in one
language, in every process that renders a page), and its FileSystemBytecodeCache keeps that code
on disk, where the next process loads it instead: in the user's cache folder
($XDG_CACHE_HOME/briefs/templates/<language>/, else ~/.cache/...), beside the compiled Python of
this package rather than among the outputs in build/: it is code, and a clean build (build/
removed) is as clean with it.

Jinja checks each file against its template's source (a SHA-1 of it) and the Python version;
what it does not check, this module's file names do: each name starts with the fingerprint of
everything that lays out a page in that language (Toolchain.layout: this package's code, the
templates, the catalogs, the vocabulary, the settings), since Jinja computes at compile time what
a filter makes of a constant, and a filter is the code and the catalogs. A file is touched when
it is used; files not used for KEPT_DAYS are removed when a cache is opened. The cache is an
optimisation only: a folder that cannot be written, or a file that cannot be read back, means
the template is compiled, as without it."""

from __future__ import annotations

import logging
import os
import pickle
import stat
import time
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

log = logging.getLogger(__name__)

FINGERPRINT_CHARACTERS = 32
KEPT_DAYS = 30


def cache_folder(language: str) -> Path | None:
    """Where one language's compiled templates are kept; None when there is no home folder to
    keep them in (no HOME, and none in the password database)."""
    cache = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(cache):  # the XDG rule: a relative path is to be ignored
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        cache = os.path.join(home, ".cache")
    return Path(cache) / "briefs" / "templates" / language


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates in one folder, for pages of one fingerprint."""

    def __init__(self, folder: Path, fingerprint: str):
        self.prefix = f"{fingerprint[:FINGERPRINT_CHARACTERS]}-"
        super().__init__(str(folder), f"{self.prefix}%s.cache")

    def load_bytecode(self, bucket: Bucket) -> None:
        path = os.path.join(self.directory, self.pattern % bucket.key)
        try:
            # O_NONBLOCK: a FIFO in a file's place is not waited on (Jinja's open() would wait
            # for a writer forever); anything but a regular file is a miss, and dump_bytecode
            # then puts a file in its place.
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:  # not there (or not readable): compiled as without a cache
            return
        try:
            with open(fd, "rb") as file:
                if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                    raise ValueError(f"{path} is not a regular file")
                bucket.load_bytecode(file)
            if bucket.code is not None:
                os.utime(path)  # used: kept
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):  # damaged
            log.debug("compiled template %s unreadable: compiled anew", bucket.key, exc_info=True)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            log.debug("compiled template %s not kept", bucket.key, exc_info=True)


def compiled_templates(language: str, fingerprint: str) -> CompiledTemplates | None:
    """The cache of one language's compiled templates, with the files not used for KEPT_DAYS
    removed; None where its folder cannot be made."""
    folder = cache_folder(language)
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        old = time.time() - KEPT_DAYS * 86400
        for path in folder.iterdir():
            try:
                if path.stat().st_mtime < old:
                    path.unlink()
            except FileNotFoundError:  # another build removed it meanwhile
                pass
    except OSError:
        log.debug("no cache of compiled templates in %s", folder, exc_info=True)
        return None
    return CompiledTemplates(folder, fingerprint)
