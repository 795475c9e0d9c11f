"""briefs send against a real SMTP server (aiosmtpd) on 127.0.0.1: what readers receive, the
ledger that keeps a rerun or a killed run from sending twice, refused readers, and names or
addresses that try to smuggle in headers."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
import os
import shutil
import socket
import ssl
import subprocess
import sys
import threading
from collections import Counter
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from click.testing import CliRunner

from briefs.check.validate import load_summaries
from briefs.cli.commands import main
from briefs.distribute.readers import Reader
from briefs.distribute.send import Message, compose
from briefs.distribute.smtp import smtp_settings
from briefs.errors import DistributionError
from briefs.project import open_project
from briefs.render.i18n import localizers

from .conftest import ROOT

MEETINGS = [
    "2019-09-11-china-kazakhstan-state-visit",
    "2020-07-16-china-central-asia-foreign-ministers",
    "2022-01-25-china-central-asia-summit",
    "2024-05-20-china-kazakhstan-foreign-ministers-talks",
    "2024-12-01-china-central-asia-foreign-ministers",
]
SUMMIT = "2022-01-25-china-central-asia-summit"
QUOTED_NAME = 'Dr. "Wang", Fang — 王芳'

READERS = f"""\
readers:
  - name: Dewi Lestari
    email: dewi@example.org
    language: id
  - name: Ben Carter
    email: ben@example.org
    language: en
    formats: [pdf, html]
  - name: '{QUOTED_NAME}'
    email: fang@example.org
    language: en
    kinds: [summit]
"""


@dataclass
class Received:
    recipients: list[str]
    message: EmailMessage

    def attachments(self) -> dict[str, tuple[str, bytes]]:
        return {
            part.get_filename(): (part.get_content_type(), part.get_payload(decode=True))
            for part in self.message.iter_attachments()
        }


class Mailbox:
    """An SMTP handler that keeps every message it accepts, refuses the addresses in refuse,
    and can hold the message numbered hold_at until the test releases it."""

    def __init__(self):
        self.received: list[Received] = []
        self.refuse: dict[str, str] = {}
        self.hold_at: int | None = None
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.hold_at is not None and len(self.received) == self.hold_at:
            self.hold_at = None
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait)
            return "451 4.3.0 Try again later"
        message = BytesParser(policy=policy.default).parsebytes(envelope.content)
        self.received.append(Received(list(envelope.rcpt_tos), message))
        return "250 2.0.0 Accepted"

    def deliveries(self) -> Counter:
        """(recipient, attachment name) -> how many times it arrived."""
        return Counter((r.recipients[0], name) for r in self.received for name in r.attachments())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailbox():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    box.release.set()
    controller.stop()


@pytest.fixture
def project(built, tmp_path: Path) -> Path:
    """A private copy of the built project: these tests may change its briefs."""
    return Path(shutil.copytree(built.root, tmp_path / "project"))


@pytest.fixture
def readers(tmp_path: Path) -> Path:
    path = tmp_path / "readers.yaml"
    path.write_text(READERS, encoding="utf-8")
    return path


def smtp_env(mailbox: Mailbox) -> dict[str, str]:
    return {
        "BRIEFS_SMTP_HOST": "127.0.0.1",
        "BRIEFS_SMTP_PORT": str(mailbox.port),
        "BRIEFS_SMTP_SECURITY": "none",
        "BRIEFS_SMTP_FROM": "desk@example.org",
    }


def send(project: Path, readers: Path, mailbox: Mailbox, *args: str):
    return CliRunner().invoke(
        main,
        [
            "--root",
            str(project),
            "send",
            "--readers",
            str(readers),
            "--ledger",
            str(project / "ledger.jsonl"),
            *args,
        ],
        env=smtp_env(mailbox),
    )


def expected_deliveries() -> Counter:
    every = Counter()
    for meeting in MEETINGS:
        every[("dewi@example.org", f"{meeting}.id.pdf")] = 1
        every[("ben@example.org", f"{meeting}.en.pdf")] = 1
        every[("ben@example.org", f"{meeting}.en.html")] = 1
    every[("fang@example.org", f"{SUMMIT}.en.pdf")] = 1
    return every


def test_each_reader_gets_each_brief_in_their_language(project, readers, mailbox):
    result = send(project, readers, mailbox)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "11 message(s) sent, 0 failed"
    assert mailbox.deliveries() == expected_deliveries()

    meetings = {d.meeting.id: d.meeting for d in load_summaries(open_project(project)).documents}
    for received in mailbox.received:
        message, (recipient,) = received.message, received.recipients
        (name,) = [n for n in received.attachments() if n.endswith(".pdf")]
        meeting_id, language, _ = name.rsplit(".", 2)
        title = meetings[meeting_id].title[language]
        assert message["To"].addresses[0].addr_spec == recipient
        assert message["From"].addresses[0].addr_spec == "desk@example.org"
        body = message.get_body(("plain",))
        assert body["Content-Language"] == language
        text = body.get_content().replace("\r\n", "\n")  # lines end in CRLF on the wire
        if recipient == "dewi@example.org":
            assert language == "id"
            assert message["Subject"] == f"Ringkasan pertemuan: {title}"
            assert message["From"].addresses[0].display_name == "Tim Analisis Tiongkok–Asia Tengah"
            assert text.startswith(f"Yth. Dewi Lestari,\n\nTerlampir ringkasan “{title}”.")
        else:
            assert language == "en"
            assert message["Subject"] == f"Meeting brief: {title}"
            assert text.startswith(
                f"Dear {message['To'].addresses[0].display_name},\n\nAttached is"
            )
        for filename, (media_type, data) in received.attachments().items():
            meeting_id, language, fmt = filename.rsplit(".", 2)
            assert media_type == {"pdf": "application/pdf", "html": "text/html"}[fmt]
            assert data == (project / "build" / language / f"{meeting_id}.{fmt}").read_bytes()

    # Quotes, a comma and Chinese characters in a name arrive as written.
    (fang,) = [r.message for r in mailbox.received if r.recipients == ["fang@example.org"]]
    assert fang["To"].addresses[0].display_name == QUOTED_NAME


def test_a_second_run_sends_nothing(project, readers, mailbox):
    assert send(project, readers, mailbox).exit_code == 0
    result = send(project, readers, mailbox)
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 message(s) sent, 0 failed\n"
    assert mailbox.deliveries() == expected_deliveries()
    records = [json.loads(line) for line in (project / "ledger.jsonl").read_text().splitlines()]
    # per brief file delivered: 'sending' before the end of its message, 'delivered' after
    assert [r["status"] for r in records].count("sending") == 16
    assert [r["status"] for r in records].count("delivered") == 16
    assert set(records[0]) == {
        "reader",
        "meeting",
        "language",
        "format",
        "sha256",
        "sent",
        "message_id",
        "status",
    }


def test_a_killed_run_resumes_with_no_duplicate_and_no_gap(project, readers, mailbox):
    """The sender is killed (SIGKILL) while the server holds its 5th message unanswered; the
    next run delivers the rest and holds the 5th as uncertain (the sender cannot know whether
    it arrived), which --resend sends; every brief arrives exactly once."""
    mailbox.hold_at = 4
    command = [
        sys.executable,
        "-m",
        "briefs",
        "--root",
        str(project),
        "send",
        "--readers",
        str(readers),
        "--ledger",
        str(project / "ledger.jsonl"),
    ]
    env = {**os.environ, **smtp_env(mailbox), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert mailbox.holding.wait(timeout=120), process.communicate()
    finally:
        process.kill()
        process.communicate()
        mailbox.release.set()
    assert len(mailbox.received) == 4
    statuses = [json.loads(line)["status"] for line in (project / "ledger.jsonl").open()]
    assert statuses == ["sending", "delivered"] * 4 + ["sending"]

    result = send(project, readers, mailbox)
    assert result.exit_code == 0, result.output
    fifth = "2024-12-01-china-central-asia-foreign-ministers (id: pdf) to Dewi Lestari <dewi@example.org>"
    assert result.stdout.splitlines()[0].startswith(
        f"uncertain: {fifth}: the run stopped before the server's answer was recorded ("
    )
    assert result.stdout.splitlines()[-1] == "6 message(s) sent, 0 failed"
    result = send(project, readers, mailbox, "--resend")
    assert result.stdout.splitlines() == [f"sent: {fifth}", "1 message(s) sent, 0 failed"]
    assert mailbox.deliveries() == expected_deliveries()


def test_a_refused_reader_does_not_stop_the_others(project, readers, mailbox):
    mailbox.refuse["ben@example.org"] = "550 5.1.1 <ben@example.org>: mailbox unavailable"
    result = send(project, readers, mailbox)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "6 message(s) sent, 5 failed"
    errors = result.stderr.splitlines()
    assert errors[0] == (
        "error: 2019-09-11-china-kazakhstan-state-visit (en: pdf, html) to Ben Carter <ben@example.org>: "
        "address refused: 550 5.1.1 <ben@example.org>: mailbox unavailable "
        "(not tried again until the readers file changes)"
    )
    assert len(errors) == 5
    delivered = expected_deliveries()
    assert mailbox.deliveries() == Counter(
        {k: v for k, v in delivered.items() if k[0] != "ben@example.org"}
    )

    # Refused for good: the next run does not ask again, and says so.
    del mailbox.refuse["ben@example.org"]
    result = send(project, readers, mailbox)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 6
    assert result.stdout.splitlines()[0].startswith(
        "refused: 2019-09-11-china-kazakhstan-state-visit (en: pdf, html) to Ben Carter "
        "<ben@example.org>: address refused: 550 5.1.1"
    )
    assert result.stdout.splitlines()[-1] == "0 message(s) sent, 0 failed"

    # Once the readers file changes (the address corrected, say), they go out.
    readers.write_text(readers.read_text() + "# Ben's address checked\n", encoding="utf-8")
    result = send(project, readers, mailbox)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "5 message(s) sent, 0 failed"
    assert mailbox.deliveries() == delivered


def test_a_changed_brief_goes_again_only_with_resend(project, readers, mailbox):
    assert send(project, readers, mailbox).exit_code == 0
    # A correction in the English lede. Every brief of the meeting changes: the English text,
    # and the summary attached to the PDFs in both languages.
    summary = project / "sources" / "meetings" / f"{SUMMIT}.yaml"
    text = summary.read_text(encoding="utf-8")
    summary.write_text(
        text.replace(
            "    Chinese President Xi Jinping presented",
            "    Chinese President Xi Jinping set out",
            1,
        ),
        encoding="utf-8",
    )

    result = send(project, readers, mailbox)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"held: {SUMMIT} (id: pdf) to Dewi Lestari <dewi@example.org>: changed since it was delivered; "
        "--resend sends it again",
        f"held: {SUMMIT} (en: pdf, html) to Ben Carter <ben@example.org>: changed since it was delivered; "
        "--resend sends it again",
        f"held: {SUMMIT} (en: pdf) to {QUOTED_NAME} <fang@example.org>: changed since it was delivered; "
        "--resend sends it again",
        "0 message(s) sent, 0 failed",
    ]
    result = send(project, readers, mailbox, "--resend")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "3 message(s) sent, 0 failed"
    ben = next(m for m in mailbox.received[-3:] if m.recipients == ["ben@example.org"])
    assert ben.message["Subject"].startswith("Updated meeting brief: ")
    rebuilt = project / "build" / "en" / f"{SUMMIT}.html"
    assert b"set out" in rebuilt.read_bytes()
    assert ben.attachments()[f"{SUMMIT}.en.html"] == ("text/html", rebuilt.read_bytes())
    assert send(project, readers, mailbox, "--resend").stdout == "0 message(s) sent, 0 failed\n"


def test_dry_run_prints_the_plan_and_sends_nothing(project, readers, mailbox):
    result = send(project, readers, mailbox, "--dry-run", "--meeting", SUMMIT)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"would send: {SUMMIT} (id: pdf) to Dewi Lestari <dewi@example.org>",
        f"would send: {SUMMIT} (en: pdf, html) to Ben Carter <ben@example.org>",
        f"would send: {SUMMIT} (en: pdf) to {QUOTED_NAME} <fang@example.org>",
        "3 message(s) to send (dry run: nothing sent)",
    ]
    assert mailbox.received == []
    assert not (project / "ledger.jsonl").exists()


@pytest.mark.parametrize(
    "name, email, message",
    [
        (
            '"Eve\\nBcc: all@example.org"',
            "eve@example.org",
            "5:11: readers[1].name: a name must not contain a line break or control character",
        ),
        (
            '"Eve\\r\\nX-Spam: no"',
            "eve@example.org",
            "5:11: readers[1].name: a name must not contain a line break or control character",
        ),
        (
            "Eve",
            '"eve@example.org\\nBcc: all@example.org"',
            "6:12: readers[1].email: an address must not contain a line break or control character",
        ),
        (
            "Eve",
            '"eve@example.org, all@example.org"',
            "6:12: readers[1].email: 'eve@example.org, all@example.org' is not an email address such as ana@example.org",
        ),
        (
            "Eve",
            "'Eve <eve@example.org>'",
            "6:12: readers[1].email: 'Eve <eve@example.org>' is not an email address such as ana@example.org",
        ),
        (
            "Eve",
            "'<eve@example.org>'",
            "6:12: readers[1].email: '<eve@example.org>' is not an email address: write it "
            "without the angle brackets, eve@example.org",
        ),
        (
            "Eve",
            "eve@example.org.",
            "6:12: readers[1].email: 'eve@example.org.' is not an email address: it ends with a "
            "dot; write eve@example.org",
        ),
        (
            "Eve",
            """'"dewi"@example.org'""",
            "6:12: readers[1].email: 'dewi@example.org' is already listed at line 3",
        ),
    ],
)
def test_header_injection_is_refused_in_the_readers_file(
    project, tmp_path, mailbox, name, email, message
):
    path = tmp_path / "readers.yaml"
    path.write_text(
        "readers:\n  - name: Dewi\n    email: dewi@example.org\n    language: id\n"
        f"  - name: {name}\n    email: {email}\n    language: en\n",
        encoding="utf-8",
    )
    result = send(project, path, mailbox)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{path}:{message}", "1 problem(s) found"]
    assert mailbox.received == []


def test_email_message_refuses_a_line_break_that_got_past_the_readers_file(built):
    # model_construct skips validation: the second guard is EmailMessage's own.
    reader = Reader.model_construct(
        name="Eve\r\nBcc: all@example.org", email="eve@example.org", language="en", formats=("pdf",)
    )
    from briefs.distribute.outputs import ready_briefs

    brief = next(b for b in ready_briefs(built, SUMMIT) if b.language == "en" and b.format == "pdf")
    with pytest.raises(ValueError, match="CR or LF"):
        compose(
            Message(reader, brief.meeting, (brief,)),
            "desk@example.org",
            built.desk,
            localizers(built.locale_dir)["en"],
        )


def test_readers_file_problems_are_all_reported_with_their_place(project, tmp_path, mailbox):
    path = tmp_path / "readers.yaml"
    path.write_text(
        "readers:\n"
        "  - name: Dewi\n    email: dewi@example.org\n    language: fr\n"
        "  - name: Ben\n    emial: ben@example.org\n    language: en\n"
        "  - name: Dewi again\n    email: DEWI@example.org\n    language: en\n    meetings: [2099-01-01-nothing]\n",
        encoding="utf-8",
    )
    result = send(project, path, mailbox, "--dry-run")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:4:15: readers[0].language: Input should be 'id' or 'en'",
        f"{path}:5:5: missing field 'readers[1].email'",
        f"{path}:6:5: unknown field 'emial' in readers[1]; did you mean 'email'?",
        "3 problem(s) found",
    ]
    path.write_text(
        path.read_text().replace("fr", "id").replace("emial", "email"), encoding="utf-8"
    )
    result = send(project, path, mailbox, "--dry-run")
    assert result.stderr.splitlines() == [
        f"{path}:9:12: readers[2].email: 'DEWI@example.org' is already listed at line 3",
        f"{path}:11:16: readers[2].meetings[0]: unknown meeting '2099-01-01-nothing'",
        "2 problem(s) found",
    ]


def test_a_quoted_address_that_needs_no_quotes_is_the_same_reader(project, tmp_path, mailbox):
    path = tmp_path / "readers.yaml"
    path.write_text(
        "readers:\n  - name: Dewi\n    email: '\"dewi\"@example.org'\n    language: id\n"
        "  - name: Spaced\n    email: '\"de wi\"@example.org'\n    language: id\n",
        encoding="utf-8",
    )
    result = send(project, path, mailbox)
    assert result.exit_code == 0, result.output
    assert {r.recipients[0] for r in mailbox.received} == {
        "dewi@example.org",
        '"de wi"@example.org',
    }
    ledger = [json.loads(line) for line in (project / "ledger.jsonl").open()]
    assert {record["reader"] for record in ledger} == {"dewi@example.org", '"de wi"@example.org'}


def test_the_password_comes_only_from_the_environment_and_is_never_shown(project, readers, mailbox):
    settings = smtp_settings(
        {"user": "desk", "security": "starttls"}, {"BRIEFS_SMTP_PASSWORD": "s3cret-pw"}
    )
    assert settings.password == "s3cret-pw" and "s3cret-pw" not in repr(settings)
    with pytest.raises(DistributionError, match="no password: set BRIEFS_SMTP_PASSWORD"):
        smtp_settings({"user": "desk"}, {})

    env = {**smtp_env(mailbox), "BRIEFS_SMTP_USER": "desk", "BRIEFS_SMTP_PASSWORD": "s3cret-pw"}
    result = CliRunner().invoke(
        main, ["-v", "--root", str(project), "send", "--readers", str(readers)], env=env
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "error: will not send a password over an unencrypted connection: use starttls or ssl"
    )
    assert "s3cret-pw" not in result.output
    assert mailbox.received == []


def test_starttls_is_required_unless_security_is_none(project, readers, mailbox):
    env = {**smtp_env(mailbox), "BRIEFS_SMTP_SECURITY": "starttls"}
    result = CliRunner().invoke(
        main, ["--root", str(project), "send", "--readers", str(readers)], env=env
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"error: SMTP server 127.0.0.1:{mailbox.port}: the server does not offer STARTTLS "
        "(set BRIEFS_SMTP_SECURITY to ssl, or none for a local server)"
    )
    assert mailbox.received == []


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, and its key."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_starttls_and_login_keep_the_password_out_of_every_output(
    project, readers, certificate, monkeypatch, caplog
):
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret-pw", handled=False)

    box = Mailbox()
    controller = Controller(
        box,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=context,
        require_starttls=True,
        auth_required=True,
        authenticator=authenticator,
    )
    controller.start()
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts the test certificate
    caplog.set_level(logging.DEBUG)
    env = {
        "BRIEFS_SMTP_HOST": "127.0.0.1",
        "BRIEFS_SMTP_PORT": str(controller.port),
        "BRIEFS_SMTP_FROM": "desk@example.org",
        "BRIEFS_SMTP_USER": "desk",
    }
    command = [
        "-v",
        "--root",
        str(project),
        "send",
        "--readers",
        str(readers),
        "--ledger",
        str(project / "ledger.jsonl"),
    ]
    try:
        wrong = CliRunner().invoke(main, command, env={**env, "BRIEFS_SMTP_PASSWORD": "wrong-pw"})
        right = CliRunner().invoke(main, command, env={**env, "BRIEFS_SMTP_PASSWORD": "s3cret-pw"})
    finally:
        controller.stop()
    assert wrong.exit_code == 1
    assert wrong.stderr.splitlines()[-1].startswith(
        f"error: SMTP server 127.0.0.1:{controller.port}: login as 'desk' refused: 535"
    )
    assert right.exit_code == 0, right.output
    # smtplib tries each mechanism the server offers before giving up on a wrong password.
    assert set(logins[:-1]) == {(b"desk", b"wrong-pw")} and logins[-1] == (b"desk", b"s3cret-pw")
    assert box.deliveries() == expected_deliveries()
    for text in (wrong.output, right.output, caplog.text):
        assert "wrong-pw" not in text and "s3cret-pw" not in text


class Echoing(Mailbox):
    """Answers every AUTH with an error that repeats what it was sent (some servers do)."""

    async def handle_AUTH(self, server, session, envelope, args):
        return f"535 5.7.8 {' '.join(args)} not accepted"


@pytest.mark.parametrize(
    "user, password, handler",
    [("désk", "pässwörd-秘密", Mailbox), ("desk", "s3cret-pw", Echoing), ("désk", "wörd", Echoing)],
)
def test_a_login_in_utf8_works_and_no_echo_shows_the_password(
    project, readers, certificate, monkeypatch, user, password, handler
):
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((mechanism, auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == password.encode(), handled=False)

    box = handler()
    controller = Controller(
        box,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=context,
        require_starttls=True,
        auth_required=True,
        authenticator=authenticator,
        auth_exclude_mechanism=["LOGIN"],
    )
    controller.start()
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    env = {
        "BRIEFS_SMTP_HOST": "127.0.0.1",
        "BRIEFS_SMTP_PORT": str(controller.port),
        "BRIEFS_SMTP_FROM": "desk@example.org",
        "BRIEFS_SMTP_USER": user,
        "BRIEFS_SMTP_PASSWORD": password,
    }
    command = ["--root", str(project), "send", "--readers", str(readers)]
    command += ["--ledger", str(project / "ledger.jsonl")]
    try:
        result = CliRunner().invoke(main, command, env=env)
    finally:
        controller.stop()
    if handler is Mailbox:
        assert result.exit_code == 0, result.output
        assert logins == [("PLAIN", user.encode(), password.encode())]
        assert box.deliveries() == expected_deliveries()
        return
    assert result.exit_code == 1
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode()
    assert result.stderr == (
        f"error: SMTP server 127.0.0.1:{controller.port}: login as {user!r} refused: 535 5.7.8 "
        "PLAIN [credentials] not accepted\n"
    )
    assert token not in result.output and password not in result.output


@pytest.mark.parametrize("port", ["\u00b2", "0", "65536", "smtp"])
def test_a_port_that_is_no_port_number_is_one_line(project, readers, mailbox, port):
    result = CliRunner().invoke(
        main,
        ["--root", str(project), "send", "--readers", str(readers)],
        env={**smtp_env(mailbox), "BRIEFS_SMTP_PORT": port},
    )
    assert result.exit_code == 1
    assert result.stderr == f"error: SMTP port {port!r} is not a port number (1 to 65535)\n"


def test_a_record_cut_short_by_a_kill_leaves_that_message_uncertain(project, readers, mailbox):
    assert send(project, readers, mailbox).exit_code == 0
    ledger = project / "ledger.jsonl"
    records = ledger.read_bytes().splitlines(keepends=True)
    ledger.write_bytes(b"".join(records[:-1]) + records[-1][:40])  # the last message: Fang's

    # Its 'sending' line stands: it may have arrived, so it is not sent again unasked.
    result = send(project, readers, mailbox)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith(
        f"uncertain: {SUMMIT} (en: pdf) to {QUOTED_NAME} <fang@example.org>: "
    )
    assert result.stdout.splitlines()[-1] == "0 message(s) sent, 0 failed"
    result = send(project, readers, mailbox, "--resend")
    assert result.stdout.splitlines() == [
        f"sent: {SUMMIT} (en: pdf) to {QUOTED_NAME} <fang@example.org>",
        "1 message(s) sent, 0 failed",
    ]
    assert [json.loads(line)["reader"] for line in ledger.read_bytes().splitlines()][-3:] == [
        "fang@example.org",
        "fang@example.org",
        "fang@example.org",
    ]
    assert send(project, readers, mailbox).stdout == "0 message(s) sent, 0 failed\n"


def test_a_damaged_or_busy_ledger_stops_the_run_before_anything_is_sent(project, readers, mailbox):
    from briefs.distribute.ledger import open_ledger

    ledger = project / "ledger.jsonl"
    with open_ledger(ledger, write=True):
        result = send(project, readers, mailbox)
    assert result.exit_code == 1
    assert result.stderr == f"error: {ledger}: another 'briefs send' is using this ledger\n"

    ledger.write_text('{"reader": "dewi@example.org"}\nnot json\n{}\n')
    result = send(project, readers, mailbox)
    assert result.exit_code == 1
    assert result.stderr == f"error: {ledger}:1: not a delivery record; the ledger is damaged\n"
    assert mailbox.received == []


def test_the_bytes_mailed_are_the_bytes_whose_hash_the_ledger_records(project, readers, mailbox):
    from briefs.distribute.delivery import send_briefs

    def rebuilt_meanwhile(plan) -> None:
        # A build finishing between the hashing and the sending replaces every PDF (atomically).
        for path in (project / "build").glob("*/*.pdf"):
            replacement = path.with_name(path.name + ".new")
            replacement.write_bytes(path.read_bytes() + b"\n% rebuilt\n")
            replacement.replace(path)

    report = send_briefs(
        open_project(project),
        readers,
        ledger_path=project / "ledger.jsonl",
        smtp_options={
            "host": "127.0.0.1",
            "port": mailbox.port,
            "security": "none",
            "sender": "desk@example.org",
        },
        on_plan=rebuilt_meanwhile,
    )
    assert report.ok and len(report.sent) == 11
    recorded = {
        (r["reader"], f"{r['meeting']}.{r['language']}.{r['format']}"): r["sha256"]
        for r in map(json.loads, (project / "ledger.jsonl").open())
        if r["status"] == "delivered"
    }
    mailed = {
        (received.recipients[0], name): hashlib.sha256(data).hexdigest()
        for received in mailbox.received
        for name, (_, data) in received.attachments().items()
    }
    assert mailed == recorded
