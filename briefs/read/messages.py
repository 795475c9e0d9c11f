"""Pydantic's validation errors as the editor of a summary reads them: the field in the file's
own notation (points[2].text.en), and a message in a summary's words (a missing English text,
not a missing key 'en'; a typo'd field with the field it was probably meant to be)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from briefs.summary.fields import Text
from briefs.summary.meeting import Meeting
from briefs.summary.numbering import shown_point_numbers

Loc = tuple[str | int, ...]


def field_name(loc: Loc) -> str:
    """points[2].text.en: a location as a reader of the YAML file names it."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_NUMBERED = {"points": "point", "figures": "figure", "outcomes": "outcome", "takeaways": "takeaway"}
"""The lists the brief numbers from 1 ('figure 2' is figures[1]; a point by its shown number)."""


def numbered_name(loc: Loc, shown: Mapping[int, int] | None = None) -> str:
    """points[3].quote (point 2): the path, and the item as the brief numbers it. shown maps a
    point's number in the summary to the one the brief shows it under
    (briefs.summary.numbering); without it, or for the other lists, the summary's order."""
    name = field_name(loc)
    if len(loc) > 1 and isinstance(loc[1], int) and str(loc[0]) in _NUMBERED:
        number = loc[1] + 1
        if loc[0] == "points" and shown:
            number = shown.get(number, number)
        name += f" ({_NUMBERED[str(loc[0])]} {number})"
    return name


def shown_of(data: object) -> dict[int, int]:
    """The points' shown numbers of a summary as read from its file (before the model: each
    point's attributed_to, when it is a mapping), for the messages of a file that may not
    validate."""
    points = data.get("points") if isinstance(data, dict) else None
    if not isinstance(points, list):
        return {}
    return shown_point_numbers(
        [
            speaker
            if isinstance(p, dict) and isinstance(speaker := p.get("attributed_to"), str)
            else None
            for p in points
        ]
    )


def _model_at(loc: Loc, model: type[BaseModel] | None = Meeting) -> type[BaseModel] | None:
    """The model class whose fields live at loc, to suggest a field for a typo."""
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        model = _inner_model(info.annotation)
    return model


def _inner_model(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found:
            return found
    return None


_LANGUAGE_NAMES = {"id": "Indonesian", "en": "English"}


def message_of(
    error: ErrorDetails, model: type[BaseModel], whole: str, shown: Mapping[int, int] | None = None
) -> tuple[str, bool]:
    """A one-line message for a pydantic error, and whether it belongs at the key; a numbered
    item is named as the brief shows it (shown: the points' shown numbers, see shown_of)."""
    loc: Loc = tuple(error["loc"])
    path = field_name(loc)
    # ' (point 2)' after a path into a numbered item of a summary
    item = numbered_name(loc[:2], shown)[len(field_name(loc[:2])) :] if model is Meeting else ""
    name = f"{path}{item}"
    kind = error["type"]
    in_text = bool(loc) and loc[-1] in _LANGUAGE_NAMES and _model_at(loc[:-1], model) is Text
    if kind == "extra_forbidden":
        parent = _model_at(loc[:-1], model)
        hint = ""
        if parent is not None:
            close = difflib.get_close_matches(str(loc[-1]), list(parent.model_fields), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
        within = f"{field_name(loc[:-1])}{item}" if len(loc) > 1 else whole
        return f"unknown field {loc[-1]!r} in {within}{hint}", True
    if kind == "missing":
        if in_text:
            return (
                f"{field_name(loc[:-1])}{item}: the {_LANGUAGE_NAMES[str(loc[-1])]} text ({loc[-1]!r}) is missing",
                False,
            )
        return f"missing field {path!r}{item}", False
    if kind == "string_too_short" and in_text:
        return (
            f"{field_name(loc[:-1])}{item}: the {_LANGUAGE_NAMES[str(loc[-1])]} text ({loc[-1]!r}) is empty",
            False,
        )
    message = error["msg"]
    if kind in ("decimal_parsing", "decimal_type", "int_parsing", "int_type", "int_from_float"):
        return f"{name}: {error['input']!r} is not a number", False
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        message = f"{error['input']!r} is not a valid date (YYYY-MM-DD): {message[0].lower()}{message[1:]}"
    return (f"{name}: {message}" if name else message), False
