"""The delivery ledger: one JSON line per brief file a reader's mail server accepted, written
and fsync'd as soon as it accepts it. It is what makes a rerun send nothing twice and a killed
run resume where it stopped."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ..errors import DistributionError, display_path

log = logging.getLogger(__name__)

FIELDS = ("reader", "meeting", "language", "format", "sha256", "sent")

Key = tuple[str, str, str, str]
"""(reader's address in lower case, meeting id, language, format)"""


class Ledger:
    """What has been delivered: the content hash last accepted for each (reader, brief file)."""

    def __init__(self, path: Path, delivered: dict[Key, str], file: BinaryIO | None = None):
        self.path = path
        self.delivered = delivered
        self._file = file

    def sha256(self, key: Key) -> str | None:
        """The hash of the content last delivered under key, or None if never delivered."""
        return self.delivered.get(key)

    def record(self, keys: list[tuple[Key, str]], message_id: str) -> None:
        """Append one line per delivered file, and make it durable before anything else is sent."""
        if self._file is None:
            raise RuntimeError("ledger opened read-only")
        sent = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        lines = b"".join(
            json.dumps(
                dict(zip(FIELDS, (*key, sha256, sent), strict=True), message_id=message_id),
                ensure_ascii=False,
            ).encode("utf-8")
            + b"\n"
            for key, sha256 in keys
        )
        self._file.write(lines)
        self._file.flush()
        os.fsync(self._file.fileno())
        self.delivered.update(keys)


def _record(line: bytes) -> tuple[Key, str] | None:
    """The key and hash of one ledger line, or None if it is not a whole record."""
    try:
        record = json.loads(line)
        reader, meeting, language, fmt = (str(record[name]) for name in FIELDS[:4])
        return (reader, meeting, language, fmt), str(record["sha256"])
    except (ValueError, KeyError, TypeError):
        return None


def _parse(path: Path, data: bytes) -> dict[Key, str]:
    delivered: dict[Key, str] = {}
    lines = data.split(b"\n")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record = _record(line)
        if record is None:
            if number == len(lines):
                # The last line, cut short by a kill while it was written: that message is the
                # only one that may go out twice.
                log.warning("%s:%d: incomplete last record ignored", display_path(path), number)
                continue
            raise DistributionError(
                f"{display_path(path)}:{number}: not a delivery record; the ledger is damaged"
            )
        delivered[record[0]] = record[1]
    return delivered


@contextmanager
def open_ledger(path: Path, *, write: bool) -> Iterator[Ledger]:
    """The ledger at path; for writing it is created if need be and locked, so two runs
    cannot send the same briefs at once."""
    path = Path(path)
    if not write:
        yield Ledger(path, _parse(path, path.read_bytes()) if path.exists() else {})
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DistributionError(
                f"{display_path(path)}: another 'briefs send' is using this ledger"
            ) from None
        file.seek(0)
        data = file.read()
        ledger = Ledger(path, _parse(path, data), file)
        last = data.rsplit(b"\n", 1)[-1]
        if last and _record(last) is None:
            file.truncate(len(data) - len(last))  # drop the cut-short record before appending
        elif last:
            file.write(b"\n")
        yield ledger
