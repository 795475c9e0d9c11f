"""Send, the run: the planned messages over SMTP, each recorded in the ledger as the server
answers it ('sending' just before its end, then its outcome), and `send_briefs`, the whole of
`briefs send` as one library call that returns a report."""

from __future__ import annotations

import hashlib
import logging
import smtplib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path

from briefs.distribute.ledger import (
    DEFERRED,
    DELIVERED,
    REFUSED,
    SENDING,
    UNCERTAIN,
    Ledger,
    LedgerWriteError,
    open_ledger,
)
from briefs.distribute.send import DeliveryPlan, Message, compose, describe_message, plan_deliveries
from briefs.distribute.smtp import (
    AnyClient,
    Rejected,
    SmtpSettings,
    Timeout,
    Unreadable,
    close_client,
    describe,
    open_client,
    smtp_settings,
)
from briefs.errors import DistributionError, display_path
from briefs.project import Project
from briefs.render.i18n import Localizer

log = logging.getLogger(__name__)


TRIED_AGAIN = "tried again by the next run"
REFUSED_FOR_GOOD = "not tried again until the readers file changes"
MAY_HAVE_ARRIVED = "it may have arrived: recorded as uncertain, not sent again without --resend"


@dataclass
class SendReport:
    """What a run did: delivered, failed for now (the next run retries), refused for good,
    uncertain (the server may have it); and what the plan held back."""

    plan: DeliveryPlan
    dry_run: bool = False
    sent: list[Message] = field(default_factory=list)
    failed: list[tuple[Message, str]] = field(default_factory=list)
    refused: list[tuple[Message, str]] = field(default_factory=list)
    uncertain: list[tuple[Message, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.failed or self.refused or self.uncertain)


def _rejection(error: Rejected) -> str:
    """What a 4xx or 5xx reply means for the message, with the server's own words."""
    if error.code == 421:
        return f"the server is closing the connection: {error} ({TRIED_AGAIN})"
    what = "address" if error.stage == "RCPT" else "message"
    if error.permanent:
        return f"{what} refused: {error} ({REFUSED_FOR_GOOD})"
    return f"{what} not accepted for now: {error} ({TRIED_AGAIN})"


class _Run:
    """One run's delivery loop: a connection opened as needed, each message recorded as the
    ledger must know it before the next goes out."""

    def __init__(
        self,
        settings: SmtpSettings,
        ledger: Ledger,
        report: SendReport,
        readers_sha256: str,
    ):
        self.settings = settings
        self.ledger = ledger
        self.report = report
        self.readers_sha256 = readers_sha256
        self.smtp: AnyClient | None = None
        self.connected_once = False
        self.stopped: str | None = None
        """Why the rest of the run is left for the next one (the server stopped answering)."""
        self.refused_readers: dict[str, str] = {}

    def _note(self, message: Message, message_id: str, status: str, reason: str = "") -> None:
        try:
            self.ledger.record(
                message.keys(),
                message_id,
                status,
                reason,
                self.readers_sha256 if status == REFUSED else "",
            )
        except LedgerWriteError as error:
            if status == SENDING:
                raise DistributionError(
                    f"{error}; {describe_message(message)} was not sent, nor any message after "
                    "it. Free space, then run 'briefs send' again"
                ) from None
            pending = self.ledger.open_attempt(message.keys()[0][0])
            fate = (
                "its 'sending' line stands, so it counts as uncertain and no run sends it "
                "again without --resend"
                if pending is not None and pending.status == UNCERTAIN
                else "the next run tries it again"
            )
            raise DistributionError(
                f"{error}; {describe_message(message)} was {status}, but the ledger does not "
                f"say so: {fate}. Free space, then run 'briefs send' again"
            ) from None

    def _connection(self) -> AnyClient:
        if self.smtp is not None and self.smtp.time_left < self.settings.data_timeout:
            close_client(self.smtp)  # the connection's deadline is near: a fresh one
            self.smtp = None
        if self.smtp is None:
            self.smtp = open_client(self.settings)
            self.connected_once = True
        return self.smtp

    def _drop(self) -> None:
        if self.smtp is not None:
            self.smtp.close()
            self.smtp = None

    def deliver(self, message: Message, email: EmailMessage) -> None:
        """Try one message and file its outcome in the report and the ledger."""
        report, reader = self.report, message.reader
        if self.stopped:
            report.failed.append((message, f"not tried: {self.stopped} ({TRIED_AGAIN})"))
            return
        if reader.key in self.refused_readers:
            self._note(message, email["Message-ID"], REFUSED, self.refused_readers[reader.key])
            report.refused.append((message, self.refused_readers[reader.key]))
            return
        try:
            smtp = self._connection()
        except DistributionError as error:
            if not self.connected_once:
                raise  # no server at all: one line says so
            self.stopped = str(error)
            report.failed.append((message, f"not sent: {error} ({TRIED_AGAIN})"))
            return
        message_id = email["Message-ID"]
        end_sent = False

        def before_end() -> None:
            nonlocal end_sent
            self._note(message, message_id, SENDING)
            end_sent = True

        content = email.as_bytes(policy=policy.SMTP)
        try:
            smtp.transmit(reader.email, content, before_end)
        except DistributionError:
            self._drop()  # the 'sending' line could not be written: the end never went out
            raise
        except Rejected as error:
            reason = _rejection(error)
            if error.stage == "MAIL" and error.permanent:
                self._drop()
                raise DistributionError(
                    f"SMTP server {self.settings.where} refuses the sender "
                    f"{self.settings.sender}: {error}"
                ) from None
            if error.code == 421:
                self._drop()
            if error.permanent:
                if error.stage == "RCPT":
                    self.refused_readers[reader.key] = reason
                self._note(message, message_id, REFUSED, reason)
                report.refused.append((message, reason))
            else:
                if end_sent:
                    self._note(message, message_id, DEFERRED, reason)
                report.failed.append((message, reason))
            return
        except Unreadable as error:
            self._drop()  # who knows what the server will say next on this connection
            self._note(message, message_id, UNCERTAIN, str(error))
            report.uncertain.append((message, f"{error}; {MAY_HAVE_ARRIVED}"))
            return
        except Timeout as error:
            self._drop()
            self.stopped = f"SMTP server {self.settings.where} stopped answering"
            if end_sent:
                self._note(message, message_id, UNCERTAIN, str(error))
                report.uncertain.append((message, f"{error}; {MAY_HAVE_ARRIVED}"))
            else:
                report.failed.append((message, f"not sent: {error} ({TRIED_AGAIN})"))
            return
        except (smtplib.SMTPException, OSError) as error:
            self._drop()  # reconnect for the next message
            if end_sent:
                reason = f"connection lost after the end of the message ({describe(error)})"
                self._note(message, message_id, UNCERTAIN, reason)
                report.uncertain.append((message, f"{reason}; {MAY_HAVE_ARRIVED}"))
            else:
                report.failed.append((message, f"not sent: {describe(error)} ({TRIED_AGAIN})"))
            return
        try:
            self.ledger.record(message.keys(), message_id, DELIVERED)
        except LedgerWriteError as error:
            raise DistributionError(
                f"{error}: the server accepted {describe_message(message)}, but the ledger "
                "could not record it; it stays recorded as uncertain (its 'sending' line), so no "
                "run sends it again without --resend. Free space, then run 'briefs send' again"
            ) from None
        report.sent.append(message)
        log.info("sent %s (%s) to %s", message.meeting.id, reader.language, reader.email)

    def close(self) -> None:
        if self.smtp is not None:
            close_client(self.smtp)
            self.smtp = None


def send(
    plan: DeliveryPlan,
    settings: SmtpSettings,
    ledger: Ledger,
    desk: Mapping[str, str],
    localizers: dict[str, Localizer],
    on_sent: Callable[[Message], None] | None = None,
    readers_sha256: str = "",
) -> SendReport:
    """Send the planned messages, one connection at a time; write 'sending' to the ledger
    before each message's end goes out and its outcome once the server answers. A refused
    reader is reported and skipped; the others still get theirs. A server that stops
    answering stops the run: the rest are left for the next one."""
    report = SendReport(plan)
    run = _Run(settings, ledger, report, readers_sha256)
    try:
        for message in plan.messages:
            email = compose(message, settings.sender, desk, localizers[message.reader.language])
            sent = len(report.sent)
            run.deliver(message, email)
            if on_sent and len(report.sent) > sent:
                on_sent(message)
    finally:
        run.close()
    return report


def send_briefs(
    project: Project,
    readers_path: Path | None = None,
    meeting_id: str | None = None,
    *,
    dry_run: bool = False,
    resend: bool = False,
    ledger_path: Path | None = None,
    smtp_options: Mapping[str, object] | None = None,
    on_plan: Callable[[DeliveryPlan], None] | None = None,
    on_sent: Callable[[Message], None] | None = None,
) -> SendReport:
    """briefs send: check the readers file, build what is missing, plan from the ledger,
    and (unless dry_run) deliver; on_plan sees the plan before anything is sent, and the
    report says what happened to every message."""
    from briefs.distribute.outputs import ready_briefs
    from briefs.distribute.readers import load_readers
    from briefs.render.i18n import localizers

    readers_path = readers_path or project.readers_path
    try:
        readers_sha256 = hashlib.sha256(readers_path.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise DistributionError(
            f"{display_path(readers_path)}: no readers file; give --readers FILE, or start from readers.example.yaml"
        ) from None
    except OSError as error:
        raise DistributionError(
            f"{display_path(readers_path)}: cannot read: {error.strerror or error}"
        ) from None
    readers = load_readers(readers_path, {path.stem for path in project.summary_paths()})
    settings = None if dry_run else smtp_settings(smtp_options or {})
    briefs = ready_briefs(project, meeting_id)
    with open_ledger(ledger_path or project.ledger_path, write=not dry_run) as ledger:
        plan = plan_deliveries(
            readers, briefs, ledger, resend=resend, readers_sha256=readers_sha256
        )
        if on_plan:
            on_plan(plan)
        if settings is None:
            return SendReport(plan, dry_run=True)
        return send(
            plan,
            settings,
            ledger,
            project.desk,
            localizers(project.locale_dir),
            on_sent,
            readers_sha256,
        )
