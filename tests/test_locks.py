"""The build lock dies with its holder: a build killed with SIGKILL while forked workers run
leaves no process behind and the next build runs; a live holder is waited for, by name."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc; forks workers")

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def briefs(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "briefs", "--root", str(root), *args]


def children(pid: int) -> set[int]:
    """The live processes whose parent is pid (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # pid (comm) state ppid ...: comm may hold spaces, so split after its ")"
            fields = stat.rpartition(")")[2].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_killed_build_leaves_no_worker_and_the_next_build_runs(articles_root):
    build = subprocess.Popen(
        briefs(articles_root, "build", "--all", "--jobs", "3"),
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < 2 and build.poll() is None and time.monotonic() < deadline:
        workers = children(build.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the build never forked its workers"
    build.send_signal(signal.SIGKILL)
    build.wait()
    # A hang guard, not a time limit: the loop ends as soon as the workers are gone.
    deadline = time.monotonic() + 120
    while any(map(alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:  # what the test started, should the fix be broken
        os.kill(pid, signal.SIGKILL)
    assert not left, "a worker outlived the killed build"

    again = subprocess.run(
        briefs(articles_root, "build", "--all", "--jobs", "1"),
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,  # a hang guard only
    )
    assert again.returncode == 0, again.stderr
    assert "held by" not in again.stderr  # nothing held the lock
    assert not list((articles_root / "build").rglob(".*.tmp"))


HOLD = """
import sys
from pathlib import Path
from briefs.build.lock import build_lock
with build_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()  # until the test closes it
"""


def test_a_build_waits_for_a_live_holder_and_names_it(articles_root):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(articles_root / "build")],
        env=ENV,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        waiting = subprocess.Popen(
            briefs(articles_root, "build", "--all", "--jobs", "1"),
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert waiting.stderr is not None
        line = waiting.stderr.readline()  # said before waiting
        lock = articles_root / "build" / ".lock"
        assert line.startswith(f"{lock}: held by process {holder.pid} ({sys.executable} -c "), line
        assert line.endswith("; waiting for it to finish\n"), line
        time.sleep(1)
        assert waiting.poll() is None, "the build did not wait for the lock"
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=120)  # a hang guard only
        out, err = waiting.communicate(timeout=300)
        assert waiting.returncode == 0, err
        assert "files written" in out
    finally:
        holder.kill()
        holder.wait()
