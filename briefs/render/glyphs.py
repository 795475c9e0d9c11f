"""Glyph coverage: every character a brief prints must have a glyph in an installed font, or
the PDF shows an empty box where a name should be. Fontconfig (which Pango, and so WeasyPrint,
uses to find fonts) knows what each installed font covers."""

from __future__ import annotations

import bisect
import logging
import subprocess
import unicodedata
from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel

from briefs.errors import ConfigurationError
from briefs.read.messages import Loc

log = logging.getLogger(__name__)


@cache
def _covered_ranges() -> tuple[list[int], list[int]]:
    """Starts and ends of the merged code point ranges that some installed font covers."""
    try:
        listing = subprocess.run(
            ["fc-list", "--format", "%{charset}\n"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise ConfigurationError(f"cannot list the installed fonts with fc-list: {error}") from None
    ranges: list[tuple[int, int]] = []
    for token in set(listing.split()):  # the fonts of a family share most of their ranges
        low, _, high = token.partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    ranges.sort()
    starts: list[int] = []
    ends: list[int] = []
    for first, last in ranges:
        if ends and first <= ends[-1] + 1:
            ends[-1] = max(ends[-1], last)
        else:
            starts.append(first)
            ends.append(last)
    log.debug("fonts cover %d code point ranges", len(starts))
    return starts, ends


def covered(char: str) -> bool:
    """Whether some installed font has a glyph for char."""
    starts, ends = _covered_ranges()
    code = ord(char)
    i = bisect.bisect_right(starts, code) - 1
    return i >= 0 and code <= ends[i]


def _strings(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), (*loc, name))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _strings(item, (*loc, i))
    elif isinstance(value, str):
        yield loc, value


def uncovered(model: BaseModel) -> list[tuple[Loc, str]]:
    """(location, character) of each character of the model's texts that no font covers,
    first occurrence only."""
    found: dict[str, Loc] = {}
    seen: set[str] = set()  # each character is looked up once, not once per occurrence
    for loc, text in _strings(model, ()):
        for char in dict.fromkeys(text):  # in order of first occurrence
            if char in seen:
                continue
            seen.add(char)
            if unicodedata.category(char) not in ("Cc", "Zl", "Zp", "Cf") and not covered(char):
                found[char] = loc
    return [(loc, char) for char, loc in found.items()]


def describe(char: str) -> str:
    """'𗀀' (U+17000 TANGUT IDEOGRAPH-17000)"""
    name = unicodedata.name(char, "unnamed character")
    return f"'{char}' (U+{ord(char):04X} {name})"
