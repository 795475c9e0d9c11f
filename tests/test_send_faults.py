"""briefs send against mail servers on a bad day, all real servers on 127.0.0.1 with the time
limits made short through BRIEFS_SMTP_TIMEOUT / _DATA_TIMEOUT / _DEADLINE: one that never
answers the end of a message, one that trickles its greeting a byte at a time, temporary and
permanent refusals, a lost connection, and a ledger on a full disk (a real tmpfs)."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP
from click.testing import CliRunner

from briefs.cli.commands import main
from briefs.distribute.smtp import stuffed

from . import test_send
from .test_send import MEETINGS, Mailbox, expected_deliveries, free_port, smtp_env

# The fixtures of test_send: a private built project, a readers file, a mailbox.
project = test_send.project
readers = test_send.readers
mailbox = test_send.mailbox

HANG_GUARD = 300.0
"""Seconds after which a server made to stall answers anyway: a hang guard, not a limit."""

DEWI_FIRST = f"{MEETINGS[0]} (id: pdf) to Dewi Lestari <dewi@example.org>"


def run(project: Path, readers: Path, port: int, *args: str, **limits: str):
    env = {
        "BRIEFS_SMTP_HOST": "127.0.0.1",
        "BRIEFS_SMTP_PORT": str(port),
        "BRIEFS_SMTP_SECURITY": "none",
        "BRIEFS_SMTP_FROM": "desk@example.org",
        **{f"BRIEFS_SMTP_{name.upper()}": value for name, value in limits.items()},
    }
    command = ["--root", str(project), "send", "--readers", str(readers)]
    command += ["--ledger", str(project / "ledger.jsonl"), *args]
    return CliRunner().invoke(main, command, env=env)


def statuses(project: Path) -> list[str]:
    return [json.loads(line)["status"] for line in (project / "ledger.jsonl").open()]


class Stalling(Mailbox):
    """Keeps the message numbered stall_at (it has all of it) and never answers its end."""

    def __init__(self, stall_at: int):
        super().__init__()
        self.stall_at = stall_at

    async def handle_DATA(self, server, session, envelope):
        if len(self.received) == self.stall_at:
            await super().handle_DATA(server, session, envelope)  # it did arrive
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, HANG_GUARD)
            return "250 too late"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def stalling():
    box = Stalling(stall_at=2)
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    box.release.set()
    controller.stop()


def test_a_server_silent_after_the_end_of_a_message_leaves_it_uncertain_not_sent_twice(
    project, readers, stalling
):
    # The stalling server answers after HANG_GUARD at the latest, so a broken limit fails the
    # assertions below instead of hanging the suite; no bound on the elapsed time.
    result = run(project, readers, stalling.port, data_timeout="1")
    assert result.exit_code == 1
    third = f"{MEETINGS[2]} (id: pdf) to Dewi Lestari <dewi@example.org>"
    errors = result.stderr.splitlines()
    assert errors[-2] == (
        f"uncertain: {third}: no reply to the end of the message within 1 s; it may have "
        "arrived: recorded as uncertain, not sent again without --resend"
    )
    assert errors[0] == (
        f"error: {MEETINGS[3]} (id: pdf) to Dewi Lestari <dewi@example.org>: not tried: "
        f"SMTP server 127.0.0.1:{stalling.port} stopped answering (tried again by the next run)"
    )
    assert result.stdout.splitlines()[-1] == "2 message(s) sent, 8 failed, 1 uncertain"
    assert statuses(project) == ["sending", "delivered"] * 2 + ["sending", "uncertain"]
    assert len(stalling.received) == 3  # the third did arrive: sending it again would repeat it

    stalling.release.set()
    result = run(project, readers, stalling.port, data_timeout="1")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith(
        f"uncertain: {third}: no reply to the end of the message within 1 s ("
    )
    assert result.stdout.splitlines()[0].endswith("); it may have arrived; --resend sends it again")
    assert result.stdout.splitlines()[-1] == "8 message(s) sent, 0 failed"
    assert stalling.deliveries() == expected_deliveries()  # each exactly once

    result = run(project, readers, stalling.port, "--resend")
    assert result.stdout.splitlines() == [f"sent: {third}", "1 message(s) sent, 0 failed"]


class TricklingSMTP(SMTP):
    """Sends its greeting one byte every 0.2 s, each in time for any per-read timeout."""

    trickle = threading.Event()

    async def push(self, status):
        if self.trickle.is_set() and isinstance(status, str) and status.startswith("220 "):
            for byte in (status + "\r\n").encode():
                self._writer.write(bytes([byte]))
                await self._writer.drain()
                await asyncio.sleep(0.2)
            return
        await super().push(status)


class TricklingController(Controller):
    def factory(self):
        return TricklingSMTP(self.handler, **self.SMTP_kwargs)


@pytest.fixture
def trickling():
    box = Mailbox()
    controller = TricklingController(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    TricklingSMTP.trickle.set()  # after start(), whose own probe reads the greeting
    box.port = controller.port
    yield box
    TricklingSMTP.trickle.clear()
    controller.stop()


@pytest.mark.parametrize(
    "limits, expected",
    [
        ({"timeout": "1"}, "no reply to the greeting within 1 s"),
        (
            {"timeout": "60", "deadline": "1"},
            "no reply to the greeting within the connection's deadline (1 s)",
        ),
    ],
)
def test_a_trickled_greeting_is_given_its_limit_in_total(
    project, readers, trickling, limits, expected
):
    # The exact error proves the limit ended the run (the whole greeting takes several seconds and
    # would be accepted otherwise); no bound on the elapsed time.
    result = run(project, readers, trickling.port, **limits)
    assert result.exit_code == 1
    assert result.stderr == f"error: SMTP server 127.0.0.1:{trickling.port}: {expected}\n"
    assert trickling.received == []


class Refusing(Mailbox):
    """Answers the end of each message with end_reply (once per message number listed)."""

    def __init__(self):
        super().__init__()
        self.end_replies: dict[int, str] = {}
        self.attempts = 0

    async def handle_DATA(self, server, session, envelope):
        number, self.attempts = self.attempts, self.attempts + 1
        if number in self.end_replies:
            return self.end_replies.pop(number)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def refusing():
    box = Refusing()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


def test_4xx_is_tried_again_next_run_and_5xx_is_refused_until_the_readers_file_changes(
    project, readers, refusing
):
    refusing.end_replies = {0: "451 4.3.0 Mailbox busy, try later", 1: "554 5.7.1 Looks like spam"}
    refusing.refuse["fang@example.org"] = "450 4.2.1 Mailbox full for now"
    second = f"{MEETINGS[1]} (id: pdf) to Dewi Lestari <dewi@example.org>"
    fang = f'{MEETINGS[2]} (en: pdf) to Dr. "Wang", Fang — 王芳 <fang@example.org>'
    result = run(project, readers, refusing.port)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {DEWI_FIRST}: message not accepted for now: 451 4.3.0 Mailbox busy, try later "
        "(tried again by the next run)",
        f"error: {fang}: address not accepted for now: 450 4.2.1 Mailbox full for now "
        "(tried again by the next run)",
        f"error: {second}: message refused: 554 5.7.1 Looks like spam "
        "(not tried again until the readers file changes)",
        "the failed messages will be sent by the next run",
    ]
    assert result.stdout.splitlines()[-1] == "8 message(s) sent, 3 failed"

    del refusing.refuse["fang@example.org"]
    result = run(project, readers, refusing.port)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith(
        f"refused: {second}: message refused: 554 5.7.1 Looks like spam "
        "(not tried again until the readers file changes) ("
    )
    assert sorted(result.stdout.splitlines()[1:]) == sorted(
        [f"sent: {DEWI_FIRST}", f"sent: {fang}", "2 message(s) sent, 0 failed"]
    )
    readers.write_text(readers.read_text() + "# checked\n", encoding="utf-8")
    result = run(project, readers, refusing.port)
    assert result.stdout.splitlines() == [f"sent: {second}", "1 message(s) sent, 0 failed"]
    assert refusing.deliveries() == expected_deliveries()


class Hanging(Mailbox):
    """Drops the connection once it has the whole of message number drop_at, answering nothing."""

    def __init__(self, drop_at: int):
        super().__init__()
        self.drop_at = drop_at

    async def handle_DATA(self, server, session, envelope):
        if len(self.received) == self.drop_at:
            self.drop_at = -1
            await super().handle_DATA(server, session, envelope)
            server.transport.close()
            await asyncio.sleep(0.5)
            return "250 never heard"
        return await super().handle_DATA(server, session, envelope)


def test_a_connection_lost_after_the_end_of_a_message_leaves_it_uncertain(project, readers):
    box = Hanging(drop_at=0)
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        result = run(project, readers, controller.port)
        again = run(project, readers, controller.port)
    finally:
        controller.stop()
    assert result.exit_code == 1
    (line,) = [e for e in result.stderr.splitlines() if e.startswith("uncertain: ")]
    assert line.startswith(f"uncertain: {DEWI_FIRST}: connection lost after the end of the message")
    assert line.endswith(
        "; it may have arrived: recorded as uncertain, not sent again without --resend"
    )
    assert result.stdout.splitlines()[-1] == "10 message(s) sent, 0 failed, 1 uncertain"
    assert again.stdout.splitlines()[-1] == "0 message(s) sent, 0 failed"
    assert box.deliveries() == expected_deliveries()


def test_a_refusing_greeting_is_one_line_with_the_servers_words(project, readers):
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def answer() -> None:
        connection, _ = server.accept()
        connection.sendall(b"421 4.3.2 Too busy, come back later\r\n")
        connection.close()

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    try:
        result = run(project, readers, port)
    finally:
        server.close()
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: SMTP server 127.0.0.1:{port}: 421 4.3.2 Too busy, come back later\n"
    )


@pytest.mark.parametrize(
    "variable, value", [("BRIEFS_SMTP_TIMEOUT", "soon"), ("BRIEFS_SMTP_DATA_TIMEOUT", "0")]
)
def test_a_wrong_time_limit_is_one_line(project, readers, mailbox, variable, value):
    result = CliRunner().invoke(
        main,
        ["--root", str(project), "send", "--readers", str(readers)],
        env={**smtp_env(mailbox), variable: value},
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {variable}={value!r}: give a number of seconds (up to 86400)\n"
    )


def test_dot_stuffing_keeps_a_line_that_is_a_single_dot():
    assert stuffed(b"a\n.\n..b\nc") == b"a\r\n..\r\n...b\r\nc\r\n"


@pytest.fixture
def full_disk(tmp_path: Path):
    """A real 256 kB tmpfs, and a function that fills it to the last byte."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")

    def fill(ledger: Path) -> None:
        # Pad the ledger (blank lines are allowed) to a page boundary, so its next line needs a
        # new page; then take every free page.
        with open(ledger, "ab") as file:
            file.write(b"\n" * (-ledger.stat().st_size % 4096))
        with open(mount / "filler", "ab", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"x" * 4096)
            except OSError:
                pass

    yield mount, fill
    subprocess.run(["umount", str(mount)], check=True)


class Filling(Mailbox):
    """Fills the disk while it holds message fill_at: before its RCPT or before its answer."""

    def __init__(self, fill_at: int, before: str, fill):
        super().__init__()
        self.fill_at, self.before, self.fill = fill_at, before, fill

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.before == "RCPT" and len(self.received) == self.fill_at:
            self.fill_at = -1  # once
            self.fill()
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)

    async def handle_DATA(self, server, session, envelope):
        reply = await super().handle_DATA(server, session, envelope)
        if self.before == "answer" and len(self.received) == self.fill_at + 1:
            self.fill()
        return reply


@pytest.mark.parametrize(
    "before, expected",
    [
        (
            "answer",
            "the server accepted {message}, but the ledger could not record it; it stays "
            "recorded as uncertain (its 'sending' line), so no run sends it again without "
            "--resend. Free space, then run 'briefs send' again",
        ),
        (
            "RCPT",
            "{message} was not sent, nor any message after it. Free space, then run 'briefs "
            "send' again",
        ),
    ],
)
def test_a_full_disk_under_the_ledger_is_one_line_and_loses_nothing(
    project, readers, full_disk, before, expected
):
    mount, fill = full_disk
    ledger = mount / "ledger.jsonl"
    box = Filling(3, before, lambda: fill(ledger))
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    args = ["--root", str(project), "send", "--readers", str(readers), "--ledger", str(ledger)]
    env = smtp_env(box)
    try:
        result = CliRunner().invoke(main, args, env=env)
        assert result.exit_code == 1
        fourth = f"{MEETINGS[3]} (id: pdf) to Dewi Lestari <dewi@example.org>"
        message = expected.format(message=fourth)
        assert result.stderr == (
            f"error: {ledger}: cannot write: No space left on device; {message}\n"
            if before == "RCPT"
            else f"error: {ledger}: cannot write: No space left on device: {message}\n"
        )
        assert len(box.received) == (4 if before == "answer" else 3)
        (mount / "filler").unlink()
        result = CliRunner().invoke(main, args, env=env)
        assert result.exit_code == 0, result.output
    finally:
        controller.stop()
    assert box.deliveries() == expected_deliveries()
    if before == "answer":
        assert result.stdout.splitlines()[0].startswith(f"uncertain: {fourth}: ")
    # No half line was left behind: every line reads.
    assert all(json.loads(line) for line in ledger.read_text().splitlines() if line.strip())
    assert os.path.getsize(ledger) > 0


class Unusual(Mailbox):
    """Keeps every message, and answers the end of those listed with an unusual reply."""

    def __init__(self, end_replies: dict[int, str]):
        super().__init__()
        self.end_replies = end_replies

    async def handle_DATA(self, server, session, envelope):
        number = len(self.received)
        reply = await super().handle_DATA(server, session, envelope)
        return self.end_replies.get(number, reply)


def test_any_2xx_is_delivered_and_an_unreadable_reply_is_uncertain_never_sent_again(
    project, readers
):
    box = Unusual({0: "251 2.0.0 queued", 1: "queued, thank you"})
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        runs = [run(project, readers, controller.port) for _ in range(3)]
    finally:
        controller.stop()
    second = f"{MEETINGS[1]} (id: pdf) to Dewi Lestari <dewi@example.org>"
    assert runs[0].exit_code == 1
    assert [e for e in runs[0].stderr.splitlines() if e.startswith("uncertain: ")] == [
        f"uncertain: {second}: the reply to the end of the message is not an SMTP reply; it "
        "may have arrived: recorded as uncertain, not sent again without --resend"
    ]
    assert runs[0].stdout.splitlines()[-1] == "10 message(s) sent, 0 failed, 1 uncertain"
    for again in runs[1:]:
        assert again.exit_code == 0, again.output
        assert again.stdout.splitlines()[-1] == "0 message(s) sent, 0 failed"
    assert box.deliveries() == expected_deliveries()  # each exactly once, over three runs


@pytest.mark.parametrize("kind", ["/dev/full", "a FIFO"])
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_ledger_that_is_not_a_regular_file_is_refused_unread(
    project, readers, mailbox, tmp_path, kind, dry_run
):
    import resource
    import sys

    from .conftest import ROOT

    if kind == "a FIFO":
        ledger = tmp_path / "ledger.jsonl"
        os.mkfifo(ledger)
        what = "a FIFO (named pipe)"
    else:
        ledger = Path(kind)
        what = "a character device"

    def bounded() -> None:  # without the fix /dev/full is read until memory runs out
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    args = ["--root", str(project), "send", "--readers", str(readers), "--ledger", str(ledger)]
    done = subprocess.run(
        [sys.executable, "-m", "briefs", *args, *(["--dry-run"] if dry_run else [])],
        env={**os.environ, **smtp_env(mailbox), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        preexec_fn=bounded,
        timeout=180,  # a hang guard only: a FIFO without a writer would wait forever
    )
    assert done.returncode == 1
    assert done.stderr == (
        f"error: {ledger}: the ledger is {what}, not a file; give --ledger a regular file "
        "(or a new name)\n"
    )
    assert mailbox.received == []
