"""The building blocks of a summary's models: bilingual texts, verbatim quotes, the
country codes and currencies CLDR knows, and the base model every part of a summary uses."""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

MEETING_ID = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


class SummaryModel(BaseModel):
    # A typo'd field must be an error, not silently ignored.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(SummaryModel):
    """A human-readable text in both languages of the brief."""

    id: NonEmpty = Field(description="Indonesian text")
    en: NonEmpty = Field(description="English text")

    def __getitem__(self, language: str) -> str:
        if language == "id":
            return self.id
        if language == "en":
            return self.en
        raise KeyError(language)


class Quote(SummaryModel):
    """A sentence or clause of one of the cited articles, verbatim (line breaks may differ)."""

    text: NonEmpty = Field(description="The words of the article, verbatim")
    article: NonEmpty | None = Field(
        None,
        description="File name of the cited article it comes from (one of 'sources'); "
        "default: the first",
    )


def _plain_quote(value: object) -> object:
    # A plain string is a quote from the first cited article.
    return {"text": value} if isinstance(value, str) else value


def _quotes(value: object) -> object:
    if isinstance(value, (list, tuple)) and not value:
        raise PydanticCustomError("quote", "give at least one quote")
    return [value] if isinstance(value, (str, dict)) else value


QuoteEntry = Annotated[
    Quote, BeforeValidator(_plain_quote, json_schema_input_type=NonEmpty | Quote)
]

Quotes = Annotated[
    tuple[QuoteEntry, ...],
    BeforeValidator(
        _quotes,
        json_schema_input_type=NonEmpty
        | Quote
        | Annotated[list[NonEmpty | Quote], Field(min_length=1)],
    ),
    Field(
        description="Exact sentence(s) or clause(s) of the article, verbatim: a string (from "
        "the first article), a mapping {text, article}, or a list of them"
    ),
]


@cache
def _territories() -> frozenset[str]:
    from babel import Locale

    # CLDR also lists regions and groupings (EU, UN, ZZ "Unknown Region"): not countries.
    groupings = {"EU", "EZ", "UN", "QO", "ZZ"}
    return frozenset(
        code
        for code in Locale("en").territories
        if isinstance(code, str) and len(code) == 2 and code not in groupings
    )


def country_codes() -> frozenset[str]:
    """The ISO 3166 alpha-2 codes a summary accepts: CLDR's territories that are countries."""
    return _territories()


@cache
def currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def check_country(code: str) -> str:
    if code not in _territories():
        raise PydanticCustomError(
            "country", "'{code}' is not an ISO 3166 alpha-2 country code", {"code": code}
        )
    return code


CountryCode = Annotated[str, Field(description="ISO 3166-1 alpha-2 country code, e.g. CN")]
