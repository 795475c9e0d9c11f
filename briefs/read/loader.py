"""Load: the only code that parses YAML. Turns a summary file into a Meeting (and any other
YAML file, such as the readers file, into its model), or into Problems that carry the line and
column of the offending YAML node."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.constructor import SafeConstructor

from briefs.errors import Problem
from briefs.read.files import (
    UnreadableFile,  # re-exported: where sources are read
    is_utf16,
    not_utf8,
    read_regular_file,
)
from briefs.read.messages import (
    Loc,  # re-exported: the loader's users name locations by it
    message_of,
    numbered_name,
    shown_of,
)
from briefs.summary.meeting import Meeting
from briefs.summary.numbering import shown_numbers

log = logging.getLogger(__name__)

MAX_SUMMARY_BYTES = 1_000_000
"""A summary is a page of YAML; anything this large is a mistake, not a meeting."""

MAX_DEPTH = 32
"""A summary nests five levels deep; far deeper input is refused before it exhausts the stack."""

M = TypeVar("M", bound=BaseModel)

CHECK_MARK = "!check"
"""The tag `briefs draft` puts on a value the article did not settle; the line's comment says why.
A summary with the mark left on any value is refused, as one with an English text left empty."""
TO_CHECK = "# to check:"


class _Checks:
    """What composing a node tree refuses, whichever parser reads the events."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        # types-PyYAML leaves Parser.peek_event unannotated; it returns the next event
        event: yaml.Event = self.peek_event()  # type: ignore[attr-defined]
        # The pure-Python parser (SafeLoader's) marks its events with yaml.error.Mark.
        mark = event.start_mark if isinstance(event.start_mark, yaml.error.Mark) else None
        # Aliases would let a small file expand into a huge one ("billion laughs").
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases are not allowed in summaries", mark
            )
        if self.depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"nested more than {MAX_DEPTH} levels deep", mark
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)  # type: ignore[misc, no-any-return]
        finally:
            self.depth -= 1


class _Loader(_Checks, yaml.SafeLoader):
    """SafeLoader that keeps dates as strings (pydantic parses them, with a location)
    and reads only true/false as booleans (so the country code NO stays 'NO')."""


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

if yaml.__with_libyaml__:  # libyaml: the same events, five times faster
    from yaml._yaml import CParser

    class _FastLoader(
        _Checks,
        yaml.composer.Composer,
        CParser,
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        """_Loader with libyaml's scanner and parser: the node tree is composed, checked and
        resolved by the same Python code. Used for files that read without an error; a file
        with one is read again by _Loader, whose messages the tests pin."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _fast_node(text: str) -> tuple[yaml.Node | None, SafeConstructor] | None:
    """The node tree of a YAML text read with libyaml, and its loader; None when libyaml is
    missing or the text has any problem (the caller reads it again to say which)."""
    if not yaml.__with_libyaml__:  # pragma: no cover - PyYAML built without libyaml
        return None
    try:
        loader = _FastLoader(text)
        try:
            return loader.get_single_node(), loader
        finally:
            loader.dispose()
    except Exception:
        return None


@dataclass
class Positions:
    """Where each value (and each mapping key) of a YAML document starts."""

    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def of(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """The position of loc, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while True:
            if key and loc in self.keys:
                return self.keys[loc]
            if loc in self.values:
                return self.values[loc]
            if not loc:
                return (1, 1)
            loc = loc[:-1]

    def forget(self) -> None:
        """Drop every position (a problem found later is placed at 1:1): a build that has
        checked its summaries needs none, and workers forked from it would carry them all."""
        self.values.clear()
        self.keys.clear()


@dataclass(frozen=True)
class Parsed(Generic[M]):
    """A YAML file read and validated against its model, and where its parts stand in the file."""

    path: Path
    value: M
    positions: Positions

    def problem(
        self, loc: Loc, message: str, *, key: bool = False, warning: bool = False
    ) -> Problem:
        line, column = self.positions.of(loc, key=key)
        return Problem(self.path, line, column, message, warning)


class Document(Parsed[Meeting]):
    """A summary file read and validated."""

    @property
    def meeting(self) -> Meeting:
        return self.value

    @cached_property
    def _shown(self) -> dict[int, int]:
        return shown_numbers(self.value)

    def name(self, loc: Loc) -> str:
        """The field at loc as its messages name it: the path, and a numbered item as the brief
        shows it ('points[3].quote (point 2)')."""
        return numbered_name(loc, self._shown)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(
    node: yaml.Node,
    loc: Loc,
    loader: SafeConstructor,
    positions: Positions,
    problems: list[Problem],
    path: Path,
    marked: list[tuple[int, yaml.Node, Loc]],
) -> Any:
    """Construct plain Python data from a node tree, recording positions and duplicate keys,
    and in marked each value marked unsettled (its problem's index, node and place)."""
    positions.values[loc] = _mark(node)
    if node.tag == CHECK_MARK:
        # named once the whole file is read: a point's number is the one the brief shows
        problems.append(Problem(path, *_mark(node), _unsettled(node, loc)))
        marked.append((len(problems) - 1, node, loc))
        assert isinstance(loader, yaml.resolver.BaseResolver)  # both loaders resolve tags
        node = _unmarked(node, loader)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(path, *_mark(key_node), "a key must be a plain name"))
                continue
            key = key_node.value
            if key in result:
                problems.append(Problem(path, *_mark(key_node), f"duplicate key {key!r}"))
                continue
            positions.keys[(*loc, key)] = _mark(key_node)
            result[key] = _build(value_node, (*loc, key), loader, positions, problems, path, marked)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*loc, i), loader, positions, problems, path, marked)
            for i, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)


def _as_written(loc: Loc, positions: Positions) -> Loc:
    """loc without the list indexes the model added: a single value given where a list may be
    (a quote) is validated as item 0 of a list, but the file has no item 0."""
    written: Loc = ()
    for part in loc:
        if isinstance(part, int) and (*written, part) not in positions.values:
            if written in positions.values:
                continue
        written = (*written, part)
    return written


def _unsettled(node: yaml.Node, loc: Loc, shown: dict[int, int] | None = None) -> str:
    """The problem of a value marked unsettled, with the reason its line's comment gives."""
    buffer, pointer = node.start_mark.buffer, node.start_mark.pointer
    reason = ""
    if buffer:
        end = buffer.find("\n", pointer)
        line = buffer[pointer : end if end >= 0 else len(buffer)].rstrip("\0")
        if TO_CHECK in line:
            reason = line.split(TO_CHECK, 1)[1].strip()
    return (
        f"{numbered_name(loc, shown)}: not settled by the article"
        + (f" ({reason})" if reason else "")
        + f"; check the value, then remove the {CHECK_MARK!r} mark"
    )


def _unmarked(node: yaml.Node, loader: yaml.resolver.BaseResolver) -> yaml.Node:
    """The node as if it had no tag: a plain scalar resolves as usual, a mapping is a mapping."""
    if isinstance(node, yaml.ScalarNode):
        # a quoted value ('' or '5') stays a string; a plain one resolves as usual
        plain = node.style not in ("'", '"')
        # types-PyYAML leaves BaseResolver.resolve unannotated; it returns the tag (a str)
        tag: str = loader.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, node.value, (plain, not plain)
        )
        return yaml.ScalarNode(tag, node.value, node.start_mark, node.end_mark, node.style)
    if isinstance(node, yaml.MappingNode):
        return yaml.MappingNode(
            "tag:yaml.org,2002:map", node.value, node.start_mark, node.end_mark, node.flow_style
        )
    assert isinstance(node, yaml.SequenceNode)
    return yaml.SequenceNode(
        "tag:yaml.org,2002:seq", node.value, node.start_mark, node.end_mark, node.flow_style
    )


def _construct_marked(loader: _Loader, node: yaml.Node) -> Any:
    return loader.construct_object(_unmarked(node, loader), deep=True)


# Read directly (yaml.load), a marked value is the value: only _build reports the mark.
_Loader.add_constructor(CHECK_MARK, _construct_marked)


def _line_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _reader_reason(error: yaml.reader.ReaderError) -> str:
    return (
        f"character U+{error.character:04X} is not allowed in YAML"
        if isinstance(error.character, int)
        else str(error.reason)
    )


def parse_summary(path: Path, data: bytes | None = None) -> Document | list[Problem]:
    """Read one summary file: a Document, or every problem found in it."""
    parsed = parse_file(
        path, Meeting, data, "a meeting summary", "(id, title, date ...)", "the summary"
    )
    if isinstance(parsed, list):
        return parsed
    return Document(parsed.path, parsed.value, parsed.positions)


def parse_file(
    path: Path,
    model: type[M],
    data: bytes | None = None,
    what: str = "a YAML mapping",
    fields: str = "",
    whole: str = "the file",
) -> Parsed[M] | list[Problem]:
    """Read one YAML file into model: the parsed file, or every problem found in it, each
    with the line and column of the offending node."""
    path = Path(path)
    if data is None:
        try:
            data = read_regular_file(path, MAX_SUMMARY_BYTES)
        except UnreadableFile as error:
            message = str(error)
            if message.startswith("is larger than"):
                message = f"file is larger than {MAX_SUMMARY_BYTES} bytes"
            elif message.startswith("is "):
                message = message[3:]
            return [Problem(path, 1, 1, message)]
    if is_utf16(data):
        return [Problem(path, 1, 1, not_utf8(data))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return [Problem(path, line, column, "not UTF-8 text")]

    # A draft's unsettled marks are explained by their line's comment, which only the pure-Python
    # reader's marks can show: such a file skips libyaml.
    read = (None if CHECK_MARK in text else _fast_node(text)) or _slow_node(path, text)
    if isinstance(read, list):
        return read
    node, loader = read
    return _to_model(path, node, loader, model, what, fields, whole)


def _slow_node(path: Path, text: str) -> tuple[yaml.Node | None, SafeConstructor] | list[Problem]:
    """The node tree read by the pure-Python loader, or the problems it found."""
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:
        return [
            Problem(
                path, *_line_column(text, error.position), f"invalid YAML: {_reader_reason(error)}"
            )
        ]
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or error.context or "invalid YAML"
        context = error.context_mark
        if error.problem and error.context and context and context.line + 1 != line:
            reason += f" ({error.context} at line {context.line + 1})"
        return [Problem(path, line, column, f"invalid YAML: {reason}")]
    except yaml.reader.ReaderError as error:
        return [
            Problem(
                path, *_line_column(text, error.position), f"invalid YAML: {_reader_reason(error)}"
            )
        ]
    except yaml.YAMLError as error:
        return [Problem(path, 1, 1, "invalid YAML: " + " ".join(str(error).split()))]
    finally:
        loader.dispose()
    return node, loader


def _to_model(
    path: Path,
    node: yaml.Node | None,
    loader: SafeConstructor,
    model: type[M],
    what: str,
    fields: str,
    whole: str,
) -> Parsed[M] | list[Problem]:
    """The parsed file from its node tree, or every problem found in it."""
    if node is None:
        return [Problem(path, 1, 1, f"file is empty: expected {what}")]
    if not isinstance(node, yaml.MappingNode):
        return [Problem(path, *_mark(node), f"expected a mapping of fields {fields}".rstrip())]

    positions = Positions()
    problems: list[Problem] = []
    marked: list[tuple[int, yaml.Node, Loc]] = []
    try:
        raw = _build(node, (), loader, positions, problems, path, marked)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else _mark(node)
        return [Problem(path, line, column, f"invalid value: {error.problem}")]
    shown = shown_of(raw)
    for index, marked_node, loc in marked:
        problems[index] = replace(problems[index], message=_unsettled(marked_node, loc, shown))

    try:
        value = model.model_validate(raw)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            item["loc"] = _as_written(tuple(item["loc"]), positions)
            message, at_key = message_of(item, model, whole, shown)
            line, column = positions.of(tuple(item["loc"]), key=at_key)
            problems.append(Problem(path, line, column, message))
        return problems
    if problems:
        return problems
    return Parsed(path, value, positions)
