"""Logging in to the SMTP server, and keeping the password out of every message about it:
AUTH PLAIN in UTF-8 (RFC 4616) for a user name or password beyond ASCII, and the password blotted
out, in every form a login sends it, of any error a server may echo it in."""

from __future__ import annotations

import base64
import smtplib


def _plain_token(user: str, password: str) -> str:
    """AUTH PLAIN's response (RFC 4616): authorisation id (none), user, password, in UTF-8."""
    return base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode("ascii")


def log_in(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """Log in: through smtplib's login() (CRAM-MD5, PLAIN or LOGIN, as offered) when user and
    password are ASCII; else with AUTH PLAIN in UTF-8 (RFC 4616), since login() encodes them
    as ASCII, and CRAM-MD5 and LOGIN cannot say. Raises smtplib's errors."""
    if (user + password).isascii():
        smtp.login(user, password)
        return
    smtp.ehlo_or_helo_if_needed()
    offered = smtp.esmtp_features.get("auth", "").upper().split()
    if "PLAIN" not in offered:
        raise smtplib.SMTPException(
            "the user name or password is not ASCII, and the server does not offer AUTH PLAIN, "
            "the one way to send it"
        )
    code, reply = smtp.docmd("AUTH", f"PLAIN {_plain_token(user, password)}")
    if code == 334:  # the server asks for the response on a line of its own
        code, reply = smtp.docmd(_plain_token(user, password))
    if code not in (235, 503):  # 503: already logged in
        raise smtplib.SMTPAuthenticationError(code, reply)


def without_credentials(text: str, user: str | None, password: str | None) -> str:
    """text with the password in every form a login sends it (plain, base64, AUTH PLAIN's
    token) blotted out: a server may echo what it was sent in its error."""
    if not password or not user:
        return text
    secrets = {password, _plain_token(user, password)}
    for encoding in ("utf-8", "latin-1"):
        try:
            data = password.encode(encoding)
        except UnicodeEncodeError:
            continue
        secrets.add(base64.b64encode(data).decode("ascii"))
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "[credentials]")
    return text
