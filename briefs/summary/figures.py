"""A figure of a summary: a number with its unit (a currency, a count, a percentage or a measure
CLDR names, such as 'volume-cubic-meter'), how
the article hedges it, the year or period it refers to, a conversion the article gives, and the
series it belongs to; models.py holds it in the meeting and re-exports it."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from functools import cache

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from briefs.summary.fields import NonEmpty, Quotes, Slug, SummaryModel, Text, currencies


@cache
def _measure(unit: str) -> bool:
    """Is unit a CLDR measure unit, by its full id ('volume-cubic-meter', 'mass-tonne')?"""
    from babel import Locale

    return "-" in unit and unit in Locale("en").unit_display_names


class Qualifier(str, Enum):
    """How the article hedges a number ("sekitar", "lebih dari" ...)."""

    about = "about"
    more_than = "more-than"
    less_than = "less-than"
    at_least = "at-least"
    up_to = "up-to"


class Amount(SummaryModel):
    """A number with a currency, e.g. the rupiah equivalent the article gives."""

    value: Decimal = Field(ge=0)
    unit: NonEmpty = Field(description="ISO 4217 currency code")
    qualifier: Qualifier | None = None

    @field_validator("unit")
    @classmethod
    def _currency(cls, unit: str) -> str:
        if unit not in currencies():
            raise PydanticCustomError(
                "currency", "'{unit}' is not an ISO 4217 currency code", {"unit": unit}
            )
        return unit


class Figure(SummaryModel):
    """A key figure: a number with its unit, the time it refers to, and its source sentence."""

    label: Text
    value: Decimal = Field(ge=0)
    unit: NonEmpty = Field(
        description="ISO 4217 currency code, 'count', 'percent' or a CLDR unit such as"
        " 'volume-cubic-meter', 'mass-tonne', 'length-kilometer'"
    )
    noun: Text | None = Field(None, description="What is counted, when unit is 'count'")
    qualifier: Qualifier | None = None
    out_of: Decimal | None = Field(None, description="The total in '26 of 45 projects'")
    year: int | None = Field(None, ge=1900, le=2100)
    period: Text | None = Field(
        None, description="The period in words, e.g. 'over the next three years'"
    )
    equivalent: Amount | None = Field(None, description="A conversion the article gives")
    series: Slug | None = Field(
        None, description="Series id from sources/themes.yaml: the same measure over time"
    )
    key: bool = Field(
        False, description="true: one of the (up to four) key figures on the brief's first page"
    )
    quote: Quotes

    @field_validator("value", "out_of", mode="before")
    @classmethod
    def _no_floats(cls, value: object) -> object:
        # YAML floats are binary: 0.1 is not 0.1. Read them through their shortest repr.
        return str(value) if isinstance(value, float) else value

    @field_validator("unit")
    @classmethod
    def _unit(cls, unit: str) -> str:
        if unit not in ("count", "percent") and unit not in currencies() and not _measure(unit):
            raise PydanticCustomError(
                "unit",
                "'{unit}' is not a unit: use an ISO 4217 currency code, 'count', 'percent' or a"
                " CLDR unit such as 'volume-cubic-meter'",
                {"unit": unit},
            )
        return unit

    @property
    def currency(self) -> str | None:
        return None if self.unit in ("count", "percent") or _measure(self.unit) else self.unit

    @model_validator(mode="after")
    def _consistent(self) -> Figure:
        if self.unit == "count" and self.noun is None:
            raise PydanticCustomError("noun", "a figure with unit 'count' needs 'noun'")
        if self.unit != "count" and self.noun is not None:
            raise PydanticCustomError("noun", "'noun' only goes with unit 'count'")
        if self.year is None and self.period is None:
            raise PydanticCustomError("time", "a figure needs 'year' or 'period'")
        if self.equivalent is not None and self.currency is None:
            raise PydanticCustomError(
                "equivalent", "'equivalent' converts money: give a currency 'unit'"
            )
        if self.out_of is not None and self.out_of < self.value:
            raise PydanticCustomError("out_of", "'out_of' is smaller than 'value'")
        return self
