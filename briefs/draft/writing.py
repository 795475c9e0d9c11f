"""Writing: the draft as a summary file."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import Decimal

import yaml

log = logging.getLogger(__name__)

ENGLISH_TO_WRITE = "# to write: English"
"""The mark on every English text the editor has to write."""


@dataclass
class Draft:
    """A drafted summary: the data in the project's format, and what the editor must check."""

    summary: dict
    notes: list[str]

    @property
    def meeting_id(self) -> str:
        return self.summary["id"]

    def to_yaml(self) -> str:
        """The draft as a summary file: English left empty and marked, notes in a header."""
        text = yaml.dump(
            self.summary, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
        )
        text = re.sub(r"^(\s*)en: ''$", rf"\1en: ''  {ENGLISH_TO_WRITE}", text, flags=re.M)
        header = [
            f"# Draft written by `briefs draft` from {self.summary['source']['article']}.",
            "# An editor finishes it: write every English text marked 'to write', check every value",
            "# against the article, then run `briefs check`.",
        ]
        if self.notes:
            header.append("# To check:")
            header += [f"#   - {note}" for note in self.notes]
        return "\n".join(header) + "\n" + text


class _Dumper(yaml.SafeDumper):
    """Writes figures as exact numbers (50100000000, 50.1: never a binary float), and lists
    indented under their key, as the hand-written summaries are."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


_Dumper.add_representer(
    Decimal,
    lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:int"
        if value == value.to_integral_value()
        else "tag:yaml.org,2002:float",
        str(_exact(value)),
    ),
)


def _text(indonesian: str) -> dict:
    return {"id": indonesian, "en": ""}


def _exact(value: Decimal) -> Decimal:
    """50.1 x 10^9 as 50100000000, not 50100000000.0."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
