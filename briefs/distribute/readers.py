"""The readers file: who gets which briefs, in which language and formats. Read like a
summary, so every problem comes with its file:line:col."""

from __future__ import annotations

import logging
import unicodedata
from email.errors import HeaderParseError
from email.headerregistry import Address
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from briefs.errors import Problem, SourceError
from briefs.read.loader import parse_file
from briefs.summary.fields import NonEmpty, check_country
from briefs.summary.meeting import Kind, Meeting

log = logging.getLogger(__name__)


def _no_line_breaks(text: str, what: str) -> str:
    # A line break in a header would let a name or address add headers of its own (Bcc: ...).
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in text):
        raise PydanticCustomError(
            "header", "{what} must not contain a line break or control character", {"what": what}
        )
    return text


def country_code(text: str) -> str:
    """An ISO code (KZ), or a country's name in either language or the press's spelling
    (Kazakhstan, Tiongkok, Kirgistan) read through the gazetteer: the code."""
    from briefs.language.gazetteer import cldr_gazetteer

    gazetteer = cldr_gazetteer()
    if len(text) != 2 and gazetteer.is_country(text):
        code = gazetteer.country_of(text)
        if code is not None:
            return code
    return check_country(text)


def email_address(text: str) -> str:
    """A bare address (ana@example.org): no display name, no second address, ASCII only; as
    RFC 5322 writes it most simply, so "ana"@example.org is ana@example.org (one reader)."""
    _no_line_breaks(text, "an address")
    if text.startswith("<") and text.endswith(">"):
        raise PydanticCustomError(
            "email",
            "'{text}' is not an email address: write it without the angle brackets, {inner}",
            {"text": text, "inner": text[1:-1]},
        )
    if text.endswith("."):
        raise PydanticCustomError(
            "email",
            "'{text}' is not an email address: it ends with a dot; write {bare}",
            {"text": text, "bare": text.rstrip(".")},
        )
    try:
        address = Address(addr_spec=text)
        plain = text.isascii() and "." in address.domain.strip(".") and address.username
    except (ValueError, IndexError, TypeError, HeaderParseError):  # the parser raises all these
        plain = False
    if not plain:
        raise PydanticCustomError(
            "email", "'{text}' is not an email address such as ana@example.org", {"text": text}
        )
    return str(address.addr_spec)


class Reader(BaseModel):
    """Someone who receives briefs: in one language, in the formats and on the meetings chosen."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: NonEmpty = Field(description="As it appears in the To: header; any script")
    email: NonEmpty
    language: Literal["id", "en"]
    formats: tuple[Literal["pdf", "html"], ...] = Field(("pdf",), min_length=1)
    meetings: tuple[NonEmpty, ...] | None = Field(None, description="Meeting ids; default all")
    kinds: tuple[Kind, ...] | None = Field(None, description="Kinds of meeting; default all")
    countries: tuple[Annotated[str, AfterValidator(country_code)], ...] | None = Field(
        None,
        description="Follow meetings with a participant from one of these countries (ISO codes"
        " or names: KZ, Kazakhstan, Tiongkok)",
    )

    _name = field_validator("name")(lambda cls, v: _no_line_breaks(v, "a name"))
    _email = field_validator("email")(lambda cls, v: email_address(v))
    _formats = field_validator("formats")(lambda cls, v: tuple(dict.fromkeys(v)))

    @property
    def key(self) -> str:
        """The reader as the ledger knows them: the address, case-insensitively."""
        return self.email.lower()

    def follows(self, meeting: Meeting) -> bool:
        """Whether this reader gets the meeting's brief: it passes every filter given."""
        return (
            (self.meetings is None or meeting.id in self.meetings)
            and (self.kinds is None or meeting.kind in self.kinds)
            and (self.countries is None or any(c in self.countries for c in meeting.countries))
        )


class ReadersFile(BaseModel):
    """A readers file: a list of readers under 'readers'."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    readers: list[Reader] = Field(min_length=1)


def load_readers(path: Path, meeting_ids: set[str] | None = None) -> list[Reader]:
    """Read and check a readers file; raises SourceError with every problem in it."""
    path = Path(path)
    parsed = parse_file(
        path,
        ReadersFile,
        what="a list of readers",
        fields="(readers: [...])",
        whole="the readers file",
    )
    if isinstance(parsed, list):
        raise SourceError(parsed)
    result: ReadersFile = parsed.value
    problems: list[Problem] = []
    problem = parsed.problem

    seen: dict[str, int] = {}
    for i, reader in enumerate(result.readers):
        where = ("readers", i, "email")
        if reader.key in seen:
            line = parsed.positions.of(("readers", seen[reader.key], "email"))[0]
            problems.append(
                problem(
                    where, f"readers[{i}].email: {reader.email!r} is already listed at line {line}"
                )
            )
        seen.setdefault(reader.key, i)
        for j, meeting_id in enumerate(reader.meetings or ()):
            if meeting_ids is not None and meeting_id not in meeting_ids:
                problems.append(
                    problem(
                        ("readers", i, "meetings", j),
                        f"readers[{i}].meetings[{j}]: unknown meeting {meeting_id!r}",
                    )
                )
    if problems:
        raise SourceError(problems)
    log.debug("read %d readers from %s", len(result.readers), path)
    return result.readers
