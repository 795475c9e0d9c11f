"""The build lock: one build at a time per project, on build/.lock.

A POSIX record lock (fcntl's F_SETLK, through fcntl.lockf), not flock(): a record lock belongs
to the process that took it. The worker processes a build forks do not inherit it, so it never
outlives the build, and the kernel releases it when the build ends, however it ends (a SIGKILL
included). A build that finds the lock taken says which process holds it, then waits."""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import struct
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefs.errors import FileError, display_path

log = logging.getLogger(__name__)

LOCK_FILE = ".lock"

# Record locks are per process: two threads of one process (a preview and a publish) would
# both get it, so they take turns here first.
_in_process = threading.Lock()

# struct flock on Linux (glibc, 64-bit off_t): l_type, l_whence, l_start, l_len, l_pid, padded
# to 32 bytes. Elsewhere the holder is not asked for.
_FLOCK = "hhqqi4x"
_ASK_HOLDER = sys.platform == "linux" and struct.calcsize(_FLOCK) == 32


def holder(fd: int) -> int | None:
    """The pid of the process holding a write lock on the file open as fd (None if nobody,
    or if this system's struct flock is not known)."""
    if not _ASK_HOLDER:
        return None
    query = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
    kind, _whence, _start, _length, pid = struct.unpack(
        _FLOCK, fcntl.fcntl(fd, fcntl.F_GETLK, query)
    )
    return None if kind == fcntl.F_UNLCK else int(pid)


def describe(pid: int | None) -> str:
    """'process 1234 (python -m briefs build --all)': who holds the lock, as ps would say."""
    if pid is None:
        return "another process"
    try:
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        words = arguments.replace("\0", " ").split()
    except OSError:
        return f"process {pid}"
    command = " ".join(words)  # on one line, however the arguments were written
    if len(command) > 120:
        command = command[:119] + "…"
    return f"process {pid} ({command})" if command else f"process {pid}"


@contextmanager
def build_lock(build_dir: Path) -> Iterator[None]:
    """Hold build_dir/.lock for the block: wait (saying for whom) while another process holds it."""
    path = build_dir / LOCK_FILE
    with _in_process:
        try:
            build_dir.mkdir(parents=True, exist_ok=True)
            # Not truncated: a run with nothing to do writes nothing, even to a full disk.
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError as error:
            raise FileError.of(path if build_dir.is_dir() else build_dir, "write", error) from None
        try:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                if error.errno not in (errno.EACCES, errno.EAGAIN):
                    raise
                log.warning(
                    "%s: held by %s; waiting for it to finish",
                    display_path(path),
                    describe(holder(fd)),
                )
                fcntl.lockf(fd, fcntl.LOCK_EX)
                log.info("%s: free, building", display_path(path))
            yield
        finally:
            os.close(fd)  # releases the lock (closing any descriptor of the file would)
