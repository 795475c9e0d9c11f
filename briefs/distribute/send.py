"""Send: each reader the briefs they have not yet received, in their language and formats, one
message per meeting, by SMTP. Each message the server accepts goes into the ledger at once."""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from pydantic_core import PydanticCustomError

from ..errors import DistributionError, display_path
from ..i18n import Localizer
from ..models import Meeting
from .ledger import Key, Ledger
from .outputs import Brief
from .readers import Reader, email_address

log = logging.getLogger(__name__)

SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
TIMEOUT = 60
"""Seconds to wait for the SMTP server before giving up on it."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send; the password is kept out of repr, and so out of any log."""

    host: str = "localhost"
    port: int = DEFAULT_PORTS["starttls"]
    security: str = "starttls"
    sender: str = "briefs@localhost"
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


def smtp_settings(
    options: Mapping[str, object], environ: Mapping[str, str] = os.environ
) -> SmtpSettings:
    """Settings from the options given (host, port, security, sender, user), else from the
    BRIEFS_SMTP_* variables; the password only ever from BRIEFS_SMTP_PASSWORD."""

    def get(name: str, variable: str) -> str | None:
        value = options.get(name)
        return str(value) if value is not None else (environ.get(variable) or None)

    security = (get("security", "BRIEFS_SMTP_SECURITY") or "starttls").lower()
    if security not in SECURITY:
        raise DistributionError(f"SMTP security {security!r}: use one of {', '.join(SECURITY)}")
    port = get("port", "BRIEFS_SMTP_PORT")
    if port is not None and not (port.isdigit() and 0 < int(port) < 65536):
        raise DistributionError(f"SMTP port {port!r} is not a port number")
    sender = get("sender", "BRIEFS_SMTP_FROM")
    if sender is None:
        log.warning("no sender address given (--from or BRIEFS_SMTP_FROM): using briefs@localhost")
        sender = "briefs@localhost"
    else:
        try:
            email_address(sender)
        except PydanticCustomError as error:
            raise DistributionError(f"sender: {error}") from None
    user = get("user", "BRIEFS_SMTP_USER")
    password = environ.get("BRIEFS_SMTP_PASSWORD") or None
    if user and not password:
        raise DistributionError(
            f"SMTP user {user!r} given but no password: set BRIEFS_SMTP_PASSWORD"
        )
    if user and security == "none":
        raise DistributionError(
            "will not send a password over an unencrypted connection: use starttls or ssl"
        )
    return SmtpSettings(
        host=get("host", "BRIEFS_SMTP_HOST") or "localhost",
        port=int(port) if port else DEFAULT_PORTS[security],
        security=security,
        sender=sender,
        user=user,
        password=password if user else None,
    )


@dataclass(frozen=True)
class Message:
    """One email to plan or send: a reader, a meeting, and its brief files in their language."""

    reader: Reader
    meeting: Meeting
    briefs: tuple[Brief, ...]
    update: bool = False
    """Every file was delivered before with other content: this replaces it (--resend)."""

    def keys(self) -> list[tuple[Key, str]]:
        return [
            ((self.reader.key, b.meeting.id, b.language, b.format), b.sha256) for b in self.briefs
        ]


@dataclass(frozen=True)
class Plan:
    """Who gets what: the messages to send, and briefs changed since delivery but held back."""

    messages: list[Message]
    held: list[Message]


def plan_deliveries(
    readers: list[Reader], briefs: list[Brief], ledger: Ledger, *, resend: bool = False
) -> Plan:
    """Each reader's undelivered briefs, reader by reader in file order, oldest meeting first.
    A brief delivered with other content counts as delivered unless resend is set."""
    files = {(b.meeting.id, b.language, b.format): b for b in briefs}
    meetings = list({b.meeting.id: b.meeting for b in briefs}.values())
    messages, held = [], []
    for reader in readers:
        for meeting in meetings:
            if not reader.follows(meeting):
                continue
            new, changed = [], []
            for fmt in reader.formats:
                brief = files[(meeting.id, reader.language, fmt)]
                delivered = ledger.sha256((reader.key, meeting.id, reader.language, fmt))
                if delivered is None:
                    new.append(brief)
                elif delivered != brief.sha256:
                    changed.append(brief)
            if changed and not resend:
                held.append(Message(reader, meeting, tuple(changed), update=True))
                changed = []
            if new or changed:
                messages.append(Message(reader, meeting, tuple(new + changed), update=not new))
    return Plan(messages, held)


def compose(message: Message, sender: str, desk: Mapping[str, str], loc: Localizer) -> EmailMessage:
    """The email for one message: headers, a body in the reader's language, the briefs attached.
    EmailMessage refuses a line break in any header, a second guard after the readers file."""
    reader, meeting, language = message.reader, message.meeting, message.reader.language
    title = meeting.title[language]
    email = EmailMessage()
    email["From"] = Address(display_name=desk[language], addr_spec=sender)
    email["To"] = Address(display_name=reader.name, addr_spec=reader.email)
    if message.update and meeting.corrections:
        email["Subject"] = loc.gettext("Corrected: %(title)s", title=title)
    elif message.update:
        email["Subject"] = loc.gettext("Updated meeting brief: %(title)s", title=title)
    else:
        email["Subject"] = loc.gettext("Meeting brief: %(title)s", title=title)
    email["Date"] = formatdate(usegmt=True)
    email["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    paragraphs = [
        loc.gettext("Dear %(name)s,", name=reader.name),
        loc.gettext("Attached is the brief “%(title)s”.", title=title)
        + "\n"
        + f"{loc.kind(meeting.kind)} · {loc.date(meeting.date)} · {loc.place(meeting.place)}",
        meeting.lede[language],
    ]
    if message.update:
        paragraphs.append(loc.gettext("This brief replaces the version sent to you earlier."))
    paragraphs += [
        desk[language],
        loc.gettext(
            "You receive this brief because you are on the readers list of %(desk)s.",
            desk=desk[language],
        ),
    ]
    email.set_content("\n\n".join(paragraphs) + "\n")
    email["Content-Language"] = language  # after set_content, which clears Content-* headers
    for brief in message.briefs:
        maintype, subtype = brief.media_type.split("/")
        email.add_attachment(
            brief.path.read_bytes(),
            maintype=maintype,
            subtype=subtype,
            filename=brief.attachment_name,
            params={"charset": "utf-8"} if maintype == "text" else None,
        )
    return email


@dataclass
class SendReport:
    """What a run delivered, and what failed (to be retried by the next run)."""

    sent: list[Message] = field(default_factory=list)
    failed: list[tuple[Message, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    context = ssl.create_default_context()
    smtp: smtplib.SMTP | None = None
    try:
        if settings.security == "ssl":
            smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=TIMEOUT, context=context)
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
            if settings.security == "starttls":
                smtp.starttls(context=context)
        if settings.user:
            # smtp_settings refuses a user without a password
            assert settings.password is not None
            smtp.login(settings.user, settings.password)
        return smtp
    except smtplib.SMTPNotSupportedError:
        problem = "the server does not offer STARTTLS (set BRIEFS_SMTP_SECURITY to ssl, or none for a local server)"
    except smtplib.SMTPAuthenticationError as error:
        problem = f"login as {settings.user!r} refused: {error.smtp_code} {_text(error.smtp_error)}"
    except (OSError, smtplib.SMTPException) as error:
        problem = str(error) or type(error).__name__
    if smtp is not None:
        smtp.close()
    raise DistributionError(f"SMTP server {settings.where}: {problem}")


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def send(
    plan: Plan,
    settings: SmtpSettings,
    ledger: Ledger,
    desk: Mapping[str, str],
    localizers: dict[str, Localizer],
    on_sent: Callable[[Message], None] | None = None,
) -> SendReport:
    """Send the planned messages over one connection; record each the server accepts before
    sending the next. A refused reader is reported and skipped; the others still get theirs."""
    report = SendReport()
    refused: dict[str, str] = {}
    smtp = None
    try:
        for message in plan.messages:
            reader = message.reader
            if reader.key in refused:
                report.failed.append((message, refused[reader.key]))
                continue
            email = compose(message, settings.sender, desk, localizers[reader.language])
            smtp = smtp or _connect(settings)
            try:
                smtp.send_message(email, from_addr=settings.sender, to_addrs=[reader.email])
            except smtplib.SMTPRecipientsRefused as error:
                code, reply = next(iter(error.recipients.values()))
                refused[reader.key] = f"address refused: {code} {_text(reply)}"
                report.failed.append((message, refused[reader.key]))
                continue
            except smtplib.SMTPResponseException as error:
                report.failed.append(
                    (message, f"not accepted: {error.smtp_code} {_text(error.smtp_error)}")
                )
                if error.smtp_code == 421:  # the server is closing the connection
                    smtp.close()
                    smtp = None
                continue
            except (smtplib.SMTPException, OSError) as error:
                report.failed.append((message, f"not sent: {error}"))
                smtp.close()
                smtp = None  # reconnect for the next message
                continue
            try:
                ledger.record(message.keys(), email["Message-ID"])
            except OSError as error:
                raise DistributionError(
                    f"{display_path(ledger.path)}: cannot record that {message.meeting.id} was delivered to "
                    f"{reader.email}: {error.strerror or error}; until it is recorded, a new run sends it again"
                ) from None
            report.sent.append(message)
            log.info("sent %s (%s) to %s", message.meeting.id, reader.language, reader.email)
            if on_sent:
                on_sent(message)
    finally:
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()
    return report
