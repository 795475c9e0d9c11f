"""Send, the plan: each reader the briefs they have not yet received, in their language and
formats, one message per meeting, decided from the ledger; and each message's email.
delivery.py sends them."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from briefs.distribute.ledger import REFUSED, UNCERTAIN, Key, Ledger, Open
from briefs.distribute.outputs import Brief
from briefs.distribute.readers import Reader
from briefs.render.i18n import Localizer
from briefs.summary.meeting import Meeting

log = logging.getLogger(__name__)


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


def describe_message(message: Message) -> str:
    """2024-05-20-... (en: pdf, html) to Ben Carter <ben@example.org>: a message as the user
    reads it in every report line."""
    formats = ", ".join(brief.format for brief in message.briefs)
    reader = message.reader
    return f"{message.meeting.id} ({reader.language}: {formats}) to {reader.name} <{reader.email}>"


@dataclass(frozen=True)
class DeliveryPlan:
    """Who gets what: the messages to send, and those held back, with why."""

    messages: list[Message]
    held: list[Message]
    """Changed since they were delivered: sent again only with --resend."""
    uncertain: list[tuple[Message, Open]] = field(default_factory=list)
    """An earlier run could not tell whether they arrived: sent again only with --resend."""
    refused: list[tuple[Message, Open]] = field(default_factory=list)
    """Refused for good by the server, and the readers file has not changed since."""


def plan_deliveries(
    readers: list[Reader],
    briefs: list[Brief],
    ledger: Ledger,
    *,
    resend: bool = False,
    readers_sha256: str = "",
) -> DeliveryPlan:
    """Each reader's undelivered briefs, reader by reader in file order, oldest meeting first.
    A brief delivered with other content, or whose last attempt is uncertain, counts as
    delivered unless resend is set; one refused for good waits for a change of the readers
    file (readers_sha256 is its hash)."""
    files = {(b.meeting.id, b.language, b.format): b for b in briefs}
    meetings = list({b.meeting.id: b.meeting for b in briefs}.values())
    plan = DeliveryPlan([], [])
    for reader in readers:
        for meeting in meetings:
            if not reader.follows(meeting):
                continue
            new: list[Brief] = []
            changed: list[Brief] = []
            uncertain: list[tuple[Brief, Open]] = []
            refused: list[tuple[Brief, Open]] = []
            for fmt in reader.formats:
                brief = files[(meeting.id, reader.language, fmt)]
                key: Key = (reader.key, meeting.id, reader.language, fmt)
                attempt = ledger.open_attempt(key)
                delivered = ledger.sha256(key)
                if attempt and attempt.status == REFUSED:
                    if attempt.readers_sha256 == readers_sha256:
                        refused.append((brief, attempt))
                        continue
                elif attempt and attempt.status == UNCERTAIN:
                    uncertain.append((brief, attempt))
                    continue
                if delivered is None:
                    new.append(brief)
                elif delivered != brief.sha256:
                    changed.append(brief)
            if refused:
                held = Message(reader, meeting, tuple(b for b, _ in refused))
                plan.refused.append((held, refused[0][1]))
            if uncertain and not resend:
                held = Message(reader, meeting, tuple(b for b, _ in uncertain))
                plan.uncertain.append((held, uncertain[0][1]))
                uncertain = []
            if changed and not resend:
                plan.held.append(Message(reader, meeting, tuple(changed), update=True))
                changed = []
            again = changed + [b for b, _ in uncertain]
            if new or again:
                update = not new and all(
                    ledger.sha256((reader.key, meeting.id, b.language, b.format)) for b in again
                )
                plan.messages.append(Message(reader, meeting, tuple(new + again), update=update))
    return plan


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
            brief.data,  # the bytes its hash was taken of, not the file as it is now
            maintype=maintype,
            subtype=subtype,
            filename=brief.attachment_name,
            params={"charset": "utf-8"} if maintype == "text" else None,
        )
    return email
