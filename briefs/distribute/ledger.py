"""The delivery ledger: one JSON line per brief file a reader's mail server accepted, written
and fsync'd as soon as it accepts it. It is what makes a rerun send nothing twice and a killed
run resume where it stopped."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import logging
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from briefs.errors import DistributionError, display_path
from briefs.read.files import UnreadableFile, file_kind, read_regular_file

log = logging.getLogger(__name__)

FIELDS = ("reader", "meeting", "language", "format", "sha256", "sent")

Key = tuple[str, str, str, str]
"""(reader's address in lower case, meeting id, language, format)"""

DELIVERED = "delivered"
SENDING = "sending"
"""Written just before the end of a message's data goes out: until its outcome follows, the
message may or may not have arrived."""
UNCERTAIN = "uncertain"
"""The end of the data went out and no answer came (a timeout, a lost connection, a kill, or an
outcome the ledger could not record): the message may have arrived. Not sent again without
--resend."""
REFUSED = "refused"
"""The server refused it for good (5xx): not tried again until the readers file changes."""
DEFERRED = "deferred"
"""The server answered the end of the data with a temporary error (4xx): tried again next run."""
STATUSES = (DELIVERED, SENDING, UNCERTAIN, REFUSED, DEFERRED)


@dataclass(frozen=True)
class Open:
    """A brief file whose last attempt did not end in a delivery: uncertain or refused."""

    status: str
    sha256: str
    when: str
    reason: str = ""
    readers_sha256: str = ""


class LedgerWriteError(DistributionError):
    """A record could not be written (a full disk, say); the ledger is left as it was."""


class Ledger:
    """What has been delivered: the content hash last accepted for each (reader, brief file),
    and the files whose last attempt is uncertain or refused."""

    def __init__(
        self,
        path: Path,
        delivered: dict[Key, str],
        unsettled: dict[Key, Open] | None = None,
        file: BinaryIO | None = None,
    ):
        self.path = path
        self.delivered = delivered
        self.unsettled = unsettled if unsettled is not None else {}
        self._file = file

    def sha256(self, key: Key) -> str | None:
        """The hash of the content last delivered under key, or None if never delivered."""
        return self.delivered.get(key)

    def open_attempt(self, key: Key) -> Open | None:
        """Uncertain or refused: how the last attempt at key ended, if not in a delivery."""
        return self.unsettled.get(key)

    def record(
        self,
        keys: list[tuple[Key, str]],
        message_id: str,
        status: str = DELIVERED,
        reason: str = "",
        readers_sha256: str = "",
    ) -> None:
        """Append one line per file of a message, and make it durable before anything else
        is sent. On failure (LedgerWriteError) nothing of it is left in the file."""
        if self._file is None:
            raise RuntimeError("ledger opened read-only")
        assert status in STATUSES
        sent = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        extra: dict[str, str] = {"message_id": message_id, "status": status}
        if reason:
            extra["reason"] = reason
        if readers_sha256:
            extra["readers_sha256"] = readers_sha256
        lines = b"".join(
            json.dumps(
                dict(zip(FIELDS, (*key, sha256, sent), strict=True), **extra), ensure_ascii=False
            ).encode("utf-8")
            + b"\n"
            for key, sha256 in keys
        )
        size = os.fstat(self._file.fileno()).st_size
        try:
            view = memoryview(lines)
            while view:
                written = self._file.write(view)
                view = view[written or 0 :]
            os.fsync(self._file.fileno())
        except OSError as error:
            try:
                self._file.truncate(size)  # no half record: the next run reads what was there
                os.fsync(self._file.fileno())
            except OSError:
                pass
            raise LedgerWriteError(
                f"{display_path(self.path)}: cannot write: {error.strerror or error}"
            ) from None
        for key, sha256 in keys:
            _apply(self.delivered, self.unsettled, key, sha256, sent, extra)


def _apply(
    delivered: dict[Key, str],
    unsettled: dict[Key, Open],
    key: Key,
    sha256: str,
    when: str,
    record: dict[str, str],
) -> None:
    """One record's effect: the latest word on each key wins."""
    status = record.get("status", DELIVERED)
    if status == DELIVERED:
        delivered[key] = sha256
        unsettled.pop(key, None)
    elif status == DEFERRED:
        unsettled.pop(key, None)
    else:
        reason = record.get("reason", "")
        if status == SENDING:
            status, reason = UNCERTAIN, "the run stopped before the server's answer was recorded"
        unsettled[key] = Open(status, sha256, when, reason, record.get("readers_sha256", ""))


def _record(line: bytes) -> tuple[Key, str, str, dict[str, str]] | None:
    """The key, hash, time and the rest of one ledger line, or None if it is not a record."""
    try:
        record = json.loads(line)
        reader, meeting, language, fmt = (str(record[name]) for name in FIELDS[:4])
        status = str(record.get("status", DELIVERED))
        if status not in STATUSES:
            return None
        rest = {k: str(v) for k, v in record.items() if k not in FIELDS}
        return (
            (reader, meeting, language, fmt),
            str(record["sha256"]),
            str(record.get("sent", "")),
            rest,
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _parse(path: Path, data: bytes) -> tuple[dict[Key, str], dict[Key, Open]]:
    delivered: dict[Key, str] = {}
    unsettled: dict[Key, Open] = {}
    lines = data.split(b"\n")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record = _record(line)
        if record is None:
            if number == len(lines):
                # The last line, cut short by a kill while it was written: a 'sending' line
                # is written before every message's end, so nothing is sent twice.
                log.warning("%s:%d: incomplete last record ignored", display_path(path), number)
                continue
            raise DistributionError(
                f"{display_path(path)}:{number}: not a delivery record; the ledger is damaged"
            )
        _apply(delivered, unsettled, *record)
    return delivered, unsettled


LIMIT = 512 * 1024 * 1024
"""The largest ledger read (about two million records): anything larger is no ledger of ours."""


def _not_a_ledger(path: Path, why: str) -> DistributionError:
    return DistributionError(
        f"{display_path(path)}: the ledger {why}; give --ledger a regular file (or a new name)"
    )


@contextmanager
def open_ledger(path: Path, *, write: bool) -> Iterator[Ledger]:
    """The ledger at path; for writing it is created if need be and locked, so two runs
    cannot send the same briefs at once. Only a regular file is read, and at most LIMIT
    bytes of it: /dev/full or a FIFO is refused by its type, before it is read."""
    path = Path(path)
    if not write:
        try:
            data = read_regular_file(path, LIMIT)
        except UnreadableFile as error:
            if error.missing:
                data = b""
            else:
                raise _not_a_ledger(path, str(error)) from None
        yield Ledger(path, *_parse(path, data))
        return
    try:
        kind = stat.S_IFMT(os.stat(path).st_mode)
    except FileNotFoundError:
        kind = stat.S_IFREG
    except OSError as error:
        raise _not_a_ledger(path, f"cannot be read: {error.strerror or error}") from None
    if kind != stat.S_IFREG:
        raise _not_a_ledger(path, f"is {file_kind(kind)}, not a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_NONBLOCK: should a FIFO take the file's place after the check, opening it does not
        # wait. Unbuffered: a write that fails fails at once, and closing has nothing to flush.
        fd = os.open(
            path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC, 0o666
        )
        file = open(fd, "a+b", buffering=0)
    except OSError as error:
        raise DistributionError(
            f"{display_path(path)}: cannot open the ledger: {error.strerror or error}"
        ) from None
    info = os.fstat(file.fileno())
    if not stat.S_ISREG(info.st_mode) or info.st_size > LIMIT:
        file.close()
        regular = stat.S_ISREG(info.st_mode)
        raise _not_a_ledger(
            path, f"is larger than {LIMIT} bytes" if regular else "is not a regular file"
        )
    with file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DistributionError(
                f"{display_path(path)}: another 'briefs send' is using this ledger"
            ) from None
        file.seek(0)
        data = file.read()
        ledger = Ledger(path, *_parse(path, data), file=file)
        last = data.rsplit(b"\n", 1)[-1]
        try:
            if last and _record(last) is None:
                file.truncate(len(data) - len(last))  # drop the cut-short record
            elif last:
                file.write(b"\n")
        except OSError as error:
            raise LedgerWriteError(
                f"{display_path(path)}: cannot write: {error.strerror or error}; nothing was sent"
            ) from None
        yield ledger
