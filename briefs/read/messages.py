"""Pydantic's validation errors as the editor of a summary reads them: the field in the file's
own notation (points[2].text.en), and a message in a summary's words (a missing English text,
not a missing key 'en'; a typo'd field with the field it was probably meant to be)."""

from __future__ import annotations

import difflib

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from briefs.summary.fields import Text
from briefs.summary.meeting import Meeting

Loc = tuple[str | int, ...]


def field_name(loc: Loc) -> str:
    """points[2].text.en: a location as a reader of the YAML file names it."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_NUMBERED = {"points": "point", "figures": "figure", "outcomes": "outcome", "takeaways": "takeaway"}
"""The lists the brief numbers from 1 ('point 2' is points[1])."""


def numbered_name(loc: Loc) -> str:
    """points[1].quote (point 2): the path, and the item as the brief numbers it."""
    name = field_name(loc)
    if len(loc) > 1 and isinstance(loc[1], int) and str(loc[0]) in _NUMBERED:
        name += f" ({_NUMBERED[str(loc[0])]} {loc[1] + 1})"
    return name


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


def message_of(error: ErrorDetails, model: type[BaseModel], whole: str) -> tuple[str, bool]:
    """A one-line message for a pydantic error, and whether it belongs at the key."""
    loc: Loc = tuple(error["loc"])
    name = field_name(loc)
    kind = error["type"]
    in_text = bool(loc) and loc[-1] in _LANGUAGE_NAMES and _model_at(loc[:-1], model) is Text
    if kind == "extra_forbidden":
        parent = _model_at(loc[:-1], model)
        hint = ""
        if parent is not None:
            close = difflib.get_close_matches(str(loc[-1]), list(parent.model_fields), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown field {loc[-1]!r} in {field_name(loc[:-1]) or whole}{hint}", True
    if kind == "missing":
        if in_text:
            return (
                f"{field_name(loc[:-1])}: the {_LANGUAGE_NAMES[str(loc[-1])]} text ({loc[-1]!r}) is missing",
                False,
            )
        return f"missing field {name!r}", False
    if kind == "string_too_short" and in_text:
        return (
            f"{field_name(loc[:-1])}: the {_LANGUAGE_NAMES[str(loc[-1])]} text ({loc[-1]!r}) is empty",
            False,
        )
    message = error["msg"]
    if kind in ("decimal_parsing", "decimal_type", "int_parsing", "int_type", "int_from_float"):
        return f"{name}: {error['input']!r} is not a number", False
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        message = f"{error['input']!r} is not a valid date (YYYY-MM-DD): {message[0].lower()}{message[1:]}"
    return (f"{name}: {message}" if name else message), False
