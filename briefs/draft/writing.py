"""Writing: the draft as a summary file."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from briefs.draft.words import exact
from briefs.errors import BriefsError, display_path
from briefs.read.loader import CHECK_MARK, TO_CHECK
from briefs.read.messages import Loc, numbered_name, shown_of
from briefs.write.files import write_new

log = logging.getLogger(__name__)

ENGLISH_TO_WRITE = "# to write: English"
"""The mark on every English text the editor has to write."""


@dataclass
class Draft:
    """A drafted summary: the data in the project's format, and what the editor must check."""

    summary: dict[str, Any]
    notes: list[str]
    unsettled: dict[Loc, str] = field(default_factory=dict)
    """Values the article does not settle (no year, no place, ...), by location, with the reason."""
    article_text: str | None = None
    """The text drafted from (a saved page's main text, or the pasted text): written to
    sources/articles/ under the name its citation gives, with -o."""

    @property
    def meeting_id(self) -> str:
        return str(self.summary["id"])

    @property
    def english_to_write(self) -> int:
        """How many English texts the editor has to write (each empty, and marked so)."""

        def empty(data: object) -> int:
            if isinstance(data, dict):
                own = int(set(data) == {"id", "en"} and data["en"] == "")
                return own + sum(empty(v) for v in data.values())
            if isinstance(data, list):
                return sum(empty(v) for v in data)
            return 0

        return empty(self.summary)

    def settle(self, loc: Loc, reason: str) -> None:
        """Mark the value at loc as one the editor must settle, and why."""
        self.unsettled[tuple(loc)] = reason

    def to_yaml(self) -> str:
        """The draft as a summary file: English left empty and marked, unsettled values tagged
        !check with their reason, notes in a header."""
        marked = _marked(self.summary, (), self.unsettled)
        text = yaml.dump(marked, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        text = re.sub(r"^(\s*)en: ''$", rf"\1en: ''  {ENGLISH_TO_WRITE}", text, flags=re.M)
        # a marked value is written quoted; a plain date, code or id reads the same and is plainer
        text = re.sub(rf"{re.escape(CHECK_MARK)} '([\w-]+)'", rf"{CHECK_MARK} \1", text)
        reasons = iter(_reasons(marked))
        text = re.sub(
            rf"^(.*{re.escape(CHECK_MARK)}\b.*)$",
            lambda m: f"{m.group(1)}  {TO_CHECK} {next(reasons)}",
            text,
            flags=re.M,
        )
        header = [
            f"# Draft written by `briefs draft` from {self.summary['sources'][0]['article']}.",
            "# An editor finishes it: write every English text marked 'to write', check every value",
            "# against the article, then run `briefs check`.",
        ]
        if self.unsettled:
            header.append(
                f"# To settle (marked {CHECK_MARK}; `briefs check` refuses the draft until each"
                " is checked and its mark removed):"
            )
            shown = shown_of(self.summary)  # a point as the brief will number it
            header += [
                f"#   - {numbered_name(loc, shown)}: {reason}"
                for loc, reason in self.unsettled.items()
            ]
        if self.notes:
            header.append("# To check:")
            header += [f"#   - {note}" for note in self.notes]
        return "\n".join(header) + "\n" + text


@dataclass(frozen=True)
class _Unsettled:
    """A value written with the !check mark."""

    value: object
    reason: str


def _marked(data: object, loc: Loc, unsettled: dict[Loc, str]) -> object:
    """A copy of the summary with each unsettled value wrapped, to be written with its mark."""
    if isinstance(data, dict):
        data = {k: _marked(v, (*loc, k), unsettled) for k, v in data.items()}
    elif isinstance(data, list):
        data = [_marked(v, (*loc, i), unsettled) for i, v in enumerate(data)]
    return _Unsettled(data, unsettled[loc]) if loc in unsettled else data


def _reasons(data: object) -> list[str]:
    """The reasons of the wrapped values, in the order the YAML writes them."""
    if isinstance(data, _Unsettled):
        return [data.reason, *_reasons(data.value)]
    if isinstance(data, dict):
        return [r for v in data.values() for r in _reasons(v)]
    if isinstance(data, list):
        return [r for v in data for r in _reasons(v)]
    return []


def _represent_unsettled(dumper: yaml.SafeDumper, item: _Unsettled) -> yaml.Node:
    node = dumper.represent_data(item.value)
    node.tag = CHECK_MARK
    return node


class _Dumper(yaml.SafeDumper):
    """Writes figures as exact numbers (50100000000, 50.1: never a binary float), and lists
    indented under their key, as the hand-written summaries are."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: object) -> bool:
        return True  # the same date as `date` and `period.start`: written twice, never an alias


_Dumper.add_representer(
    Decimal,
    lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:int"
        if value == value.to_integral_value()
        else "tag:yaml.org,2002:float",
        str(exact(value)),
    ),
)


_Dumper.add_representer(_Unsettled, _represent_unsettled)


def save_draft(draft: Draft, output: Path, articles_dir: Path | None) -> list[Path]:
    """Write the draft to output, which must not exist, and the text drafted from to
    articles_dir under the name its citation gives (<meeting-id>.txt), which must not exist or
    hold the same text: both refusals before anything is written, and each file whole or not at
    all. The files written."""
    text = draft.to_yaml()
    if output.exists():
        raise BriefsError(
            f"{display_path(output)} already exists; choose another file or remove it"
        )
    article = None
    if draft.article_text is not None:
        if articles_dir is None:
            raise BriefsError(
                f"{display_path(output)}: a draft is written in a project (the text drafted "
                "from goes to sources/articles/); run briefs draft in the project folder"
            )
        article = articles_dir / draft.summary["sources"][0]["article"]
        if article.exists() and article.read_text(encoding="utf-8") != draft.article_text:
            raise BriefsError(
                f"{display_path(article)} already exists with another text; remove it or "
                "rename the draft's meeting"
            )
    written: list[Path] = []
    try:
        if article is not None and not article.exists():
            _write_new(article, draft.article_text or "")
            written.append(article)
        _write_new(output, text)
        written.append(output)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def _write_new(path: Path, text: str) -> None:
    """Write a new file whole or not at all, never over an existing one (briefs.write.files)."""
    try:
        write_new(path, text.encode("utf-8"))
    except FileExistsError:
        raise BriefsError(
            f"{display_path(path)} already exists; choose another file or remove it"
        ) from None
    except OSError as error:
        raise BriefsError(f"{display_path(path)}: {error.strerror or error}") from None


def write_new_file(path: Path, text: str) -> None:
    """Write a file that must not exist yet, whole or not at all (a BriefsError if it exists)."""
    _write_new(path, text)
