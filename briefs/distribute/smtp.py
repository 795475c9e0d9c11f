"""The SMTP connection: where and how to send (options and BRIEFS_SMTP_* variables), and a
client whose every wait has an end. RFC 5321 §4.5.3.2 gives the server 5 minutes for its
greeting and for each command's reply, and 10 for the reply to the end of a message's data;
here each limit counts the whole reply, however slowly its bytes arrive, and a connection as
a whole has a deadline too, so that no server can hold a run for longer."""

from __future__ import annotations

import logging
import os
import re
import smtplib
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic_core import PydanticCustomError

from briefs.distribute.login import log_in, without_credentials
from briefs.distribute.readers import email_address
from briefs.errors import DistributionError

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

log = logging.getLogger(__name__)

SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}

REPLY_TIMEOUT = 300.0
"""RFC 5321 §4.5.3.2: the greeting and each command's reply, 5 minutes."""
DATA_TIMEOUT = 600.0
"""RFC 5321 §4.5.3.2.6: the reply to the end of the data ("."), 10 minutes."""
CONNECTION_DEADLINE = 1800.0
"""The longest one connection is used; the next message then opens a new one."""

_VERBS = frozenset("EHLO HELO MAIL RCPT DATA RSET QUIT NOOP STARTTLS AUTH".split())


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send; the password is kept out of repr, and so out of any log."""

    host: str = "localhost"
    port: int = DEFAULT_PORTS["starttls"]
    security: str = "starttls"
    sender: str = "briefs@localhost"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    reply_timeout: float = REPLY_TIMEOUT
    data_timeout: float = DATA_TIMEOUT
    deadline: float = CONNECTION_DEADLINE

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


def _seconds(environ: Mapping[str, str], variable: str, default: float) -> float:
    text = environ.get(variable)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 86400:
        raise DistributionError(f"{variable}={text!r}: give a number of seconds (up to 86400)")
    return value


def smtp_settings(
    options: Mapping[str, object], environ: Mapping[str, str] = os.environ
) -> SmtpSettings:
    """Settings from the options given (host, port, security, sender, user), else from the
    BRIEFS_SMTP_* variables; the password only ever from BRIEFS_SMTP_PASSWORD; the time
    limits from BRIEFS_SMTP_TIMEOUT, BRIEFS_SMTP_DATA_TIMEOUT and BRIEFS_SMTP_DEADLINE."""

    def get(name: str, variable: str) -> str | None:
        value = options.get(name)
        return str(value) if value is not None else (environ.get(variable) or None)

    security = (get("security", "BRIEFS_SMTP_SECURITY") or "starttls").lower()
    if security not in SECURITY:
        raise DistributionError(f"SMTP security {security!r}: use one of {', '.join(SECURITY)}")
    port = get("port", "BRIEFS_SMTP_PORT")
    # ASCII digits only: str.isdigit() says yes to '²', which int() refuses.
    if port is not None and not (re.fullmatch(r"[0-9]{1,5}", port) and 0 < int(port) < 65536):
        raise DistributionError(f"SMTP port {port!r} is not a port number (1 to 65535)")
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
        reply_timeout=_seconds(environ, "BRIEFS_SMTP_TIMEOUT", REPLY_TIMEOUT),
        data_timeout=_seconds(environ, "BRIEFS_SMTP_DATA_TIMEOUT", DATA_TIMEOUT),
        deadline=_seconds(environ, "BRIEFS_SMTP_DEADLINE", CONNECTION_DEADLINE),
    )


def reply_text(reply: bytes | str) -> str:
    """A server's reply text as one line: what the user is shown, never a Python tuple."""
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())


def describe(error: BaseException) -> str:
    """An SMTP or socket error as a sentence: '421 4.3.2 closing', not (421, b'...')."""
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {reply_text(error.smtp_error)}"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


class Timeout(Exception):
    """The server did not answer within its limit; what was awaited is in the message."""


class Unreadable(Exception):
    """The server's reply to the end of a message is no reply RFC 5321 knows: it may have
    accepted the message, so it is uncertain, never sent again without --resend."""


class Rejected(Exception):
    """The server answered with an error (4xx: try later; 5xx: refused) at a stage."""

    def __init__(self, stage: str, code: int, reply: bytes | str):
        self.stage = stage
        self.code = code
        self.text = reply_text(reply)
        super().__init__(f"{code} {self.text}")

    @property
    def permanent(self) -> bool:
        return 500 <= self.code < 600


class _ReplyReader:
    """The socket's replies, line by line, each read against a deadline: a server that sends
    one byte at a time gets no more time for it than one that sends none."""

    def __init__(self, sock: Any, deadline: Callable[[], float]):
        self._sock = sock
        self._deadline = deadline
        self._buffer = b""
        self.timed_out = False

    def readline(self, limit: int = -1) -> bytes:
        while b"\n" not in self._buffer and (limit < 0 or len(self._buffer) < limit):
            left = self._deadline() - time.monotonic()
            try:
                if left <= 0:
                    raise TimeoutError("timed out")
                self._sock.settimeout(left)
                chunk = self._sock.recv(4096)
            except TimeoutError:
                self.timed_out = True
                raise
            if not chunk:
                break
            self._buffer += chunk
        end = self._buffer.find(b"\n") + 1 or len(self._buffer)
        if limit >= 0:
            end = min(end, limit)
        line, self._buffer = self._buffer[:end], self._buffer[end:]
        return line

    def close(self) -> None:
        """The socket is smtplib's to close."""


class _Bounded:
    """Every wait of an smtplib client bounded: each reply by its RFC limit, counted in
    total; the connection by its deadline. Mixed into smtplib.SMTP and SMTP_SSL."""

    sock: Any
    file: Any

    def _setup_limits(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self.opened = time.monotonic()
        self._started = self.opened
        self.expect("the greeting", settings.reply_timeout)

    def expect(self, what: str, limit: float) -> None:
        """What the next reply answers, and how long it may take (once; then a command's)."""
        self.awaiting, self._limit = what, limit

    @property
    def time_left(self) -> float:
        return self.opened + self.settings.deadline - time.monotonic()

    def _reply_deadline(self) -> float:
        return min(self._started + self._limit, self.opened + self.settings.deadline)

    def getreply(self) -> tuple[int, bytes]:
        if not isinstance(self.file, _ReplyReader) and self.sock is not None:
            self.file = _ReplyReader(self.sock, self._reply_deadline)
        reader, self._started = self.file, time.monotonic()
        try:
            reply: tuple[int, bytes] = super().getreply()  # type: ignore[misc]
        except smtplib.SMTPServerDisconnected:
            if isinstance(reader, _ReplyReader) and reader.timed_out:
                cut = self._started + self._limit > self.opened + self.settings.deadline
                limit = (
                    f"the connection's deadline ({self.settings.deadline:g} s)"
                    if cut
                    else f"{self._limit:g} s"
                )
                raise Timeout(f"no reply to {self.awaiting} within {limit}") from None
            raise
        finally:
            self.expect("the last command", self.settings.reply_timeout)
        return reply

    def send(self, s: ReadableBuffer | str) -> None:
        if self.sock is not None:
            left = min(self.settings.reply_timeout, self.time_left)
            if left <= 0:
                self.close()  # type: ignore[attr-defined]
                raise Timeout(f"the connection's deadline ({self.settings.deadline:g} s) passed")
            self.sock.settimeout(left)
        super().send(s)  # type: ignore[misc]

    def putcmd(self, cmd: str, args: str = "") -> None:
        verb = cmd.split()[0].upper() if cmd.split() else ""
        # A login's continuation lines are credentials: never named in a message.
        self.expect(verb if verb in _VERBS else "the login", self._limit)
        super().putcmd(cmd, args)  # type: ignore[misc]


class Client(_Bounded, smtplib.SMTP):
    """A plain (or STARTTLS) connection with bounded waits."""

    def __init__(self, settings: SmtpSettings):
        self._setup_limits(settings)
        try:
            super().__init__(settings.host, settings.port, timeout=settings.reply_timeout)
        except BaseException:
            self.close()
            raise

    def transmit(self, recipient: str, content: bytes, before_end: Callable[[], None]) -> None:
        """Send one message to one recipient; before_end is called just before the end of its
        data goes out (from then on the server may have accepted it, whatever happens next).
        Raises Rejected for an error reply, Timeout, or an OSError/SMTPException."""
        _transmit(self, recipient, content, before_end)


class SslClient(_Bounded, smtplib.SMTP_SSL):
    """An implicit-TLS connection with bounded waits."""

    def __init__(self, settings: SmtpSettings, context: ssl.SSLContext):
        self._setup_limits(settings)
        try:
            super().__init__(
                settings.host, settings.port, timeout=settings.reply_timeout, context=context
            )
        except BaseException:
            self.close()
            raise

    def transmit(self, recipient: str, content: bytes, before_end: Callable[[], None]) -> None:
        """As Client.transmit."""
        _transmit(self, recipient, content, before_end)


AnyClient = Client | SslClient


def _transmit(
    smtp: AnyClient, recipient: str, content: bytes, before_end: Callable[[], None]
) -> None:
    smtp.ehlo_or_helo_if_needed()
    code, reply = smtp.mail(smtp.settings.sender)
    if not _success(code):
        _reset(smtp)
        raise Rejected("MAIL", code, reply)
    code, reply = smtp.rcpt(recipient)
    if not _success(code):
        _reset(smtp)
        raise Rejected("RCPT", code, reply)
    code, reply = smtp.docmd("DATA")
    if code != 354:
        _reset(smtp)
        raise Rejected("DATA", code, reply)
    smtp.send(stuffed(content))
    before_end()
    smtp.send(b".\r\n")
    smtp.expect("the end of the message", smtp.settings.data_timeout)
    code, reply = smtp.getreply()
    if _success(code):
        return
    if 400 <= code < 600:
        raise Rejected("end of data", code, reply)
    # smtplib gives -1 for a line without a number; a 1xx or 3xx here is no answer either.
    raise Unreadable("the reply to the end of the message is not an SMTP reply")


def _success(code: int) -> bool:
    """RFC 5321 §4.2.1: any 2xx reply is a success (250 and 251 are only the usual ones)."""
    return 200 <= code < 300


def _reset(smtp: AnyClient) -> None:
    """RSET after a refused command, so the connection can carry the next message."""
    try:
        smtp.rset()
    except (smtplib.SMTPException, OSError, Timeout):
        smtp.close()


def open_client(settings: SmtpSettings) -> AnyClient:
    """A connection, greeted, secured and logged in as the settings say; DistributionError
    with the server's own words if it cannot be had."""
    context = ssl.create_default_context()
    smtp: AnyClient | None = None
    try:
        if settings.security == "ssl":
            smtp = SslClient(settings, context)
        else:
            smtp = Client(settings)
            if settings.security == "starttls":
                smtp.starttls(context=context)
        if settings.user:
            # smtp_settings refuses a user without a password
            assert settings.password is not None
            log_in(smtp, settings.user, settings.password)
        return smtp
    except smtplib.SMTPNotSupportedError:
        problem = "the server does not offer STARTTLS (set BRIEFS_SMTP_SECURITY to ssl, or none for a local server)"
    except smtplib.SMTPAuthenticationError as error:
        problem = f"login as {settings.user!r} refused: {describe(error)}"
    except Timeout as error:
        problem = str(error)
    except (OSError, smtplib.SMTPException) as error:
        problem = describe(error)
    if smtp is not None:
        smtp.close()
    problem = without_credentials(problem, settings.user, settings.password)
    raise DistributionError(f"SMTP server {settings.where}: {problem}")


def close_client(smtp: AnyClient) -> None:
    """QUIT politely if the server still answers; close in any case."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError, Timeout):
        smtp.close()


def stuffed(content: bytes) -> bytes:
    """A message's data as sent after DATA (RFC 5321 §4.5.2): lines ending in CRLF, a line
    that starts with a dot given a second one; without the final '.' line."""
    data = re.sub(rb"\r?\n", b"\r\n", content)
    data = re.sub(rb"(?m)^\.", b"..", data)
    return data if data.endswith(b"\r\n") else data + b"\r\n"
