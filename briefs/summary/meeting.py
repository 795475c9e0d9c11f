"""The typed meeting summary: the single source of truth for what a brief may say. Its parts'
building blocks are in fields.py, a figure in figures.py, the vocabulary and glossary in
terms.py: re-exported here, so that a summary's models are all named from one module."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from briefs.summary.fields import (
    MEETING_ID,
    CountryCode,
    NonEmpty,
    Quote,
    Quotes,
    Slug,
    SummaryModel,
    Text,
    check_country,
)
from briefs.summary.figures import Figure


class Kind(str, Enum):
    """What sort of meeting it was."""

    summit = "summit"
    foreign_ministers_meeting = "foreign-ministers-meeting"
    bilateral_talks = "bilateral-talks"
    state_visit = "state-visit"


class Period(SummaryModel):
    """The whole span of a multi-day event, such as a three-day state visit."""

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise PydanticCustomError("period", "period ends before it starts")
        return self


class Place(SummaryModel):
    """Where the meeting was held, that it was held online, or that the article does not say."""

    online: bool = Field(False, description="true when held by video conference")
    stated: bool = Field(
        True, description="false when the article does not say where the meeting was held"
    )
    city: Text | None = None
    venue: Text | None = None
    country: CountryCode | None = None
    quote: Quotes | None = Field(
        None, description="The sentence that says where (or that it was held online)"
    )

    _country = field_validator("country")(lambda cls, v: v and check_country(v))

    @model_validator(mode="after")
    def _located(self) -> Place:
        if not self.stated:
            if self.online or self.city or self.venue or self.country:
                raise PydanticCustomError(
                    "place",
                    "'stated: false' says the article does not give the place: give nothing else",
                )
        elif not self.online and (self.city is None or self.country is None):
            raise PydanticCustomError(
                "place", "a place needs 'city' and 'country', 'online: true', or 'stated: false'"
            )
        return self


class Participant(SummaryModel):
    """Someone who took part, in the office they held."""

    name: NonEmpty | None = Field(None, description="As the article gives it; omit if unnamed")
    native_name: NonEmpty | None = Field(None, description="Name in its own script, e.g. 王毅")
    native_lang: NonEmpty | None = Field(
        None, description="BCP 47 tag of native_name, e.g. zh-Hans"
    )
    country: CountryCode
    office: Text
    quote: Quotes | None = Field(
        None, description="The sentence that names them at the meeting, in their office"
    )

    _country = field_validator("country")(lambda cls, v: check_country(v))

    @field_validator("native_lang")
    @classmethod
    def _language_tag(cls, tag: str | None) -> str | None:
        from babel import Locale, UnknownLocaleError

        if tag is None:
            return tag
        try:
            Locale.parse(tag, sep="-")
        except (ValueError, UnknownLocaleError):
            raise PydanticCustomError(
                "language", "'{tag}' is not a known language tag", {"tag": tag}
            ) from None
        return tag

    @model_validator(mode="after")
    def _native_pair(self) -> Participant:
        if (self.native_name is None) != (self.native_lang is None):
            raise PydanticCustomError(
                "native", "'native_name' and 'native_lang' go together: give both or neither"
            )
        return self


class ConsensusPoint(SummaryModel):
    """One point the meeting agreed on, or one side's stated position."""

    text: Text
    quote: Quotes
    attributed_to: NonEmpty | None = Field(
        None, description="Participant name when the point is one side's position"
    )
    themes: list[Slug] = Field([], description="Theme ids from sources/themes.yaml")


class Outcome(SummaryModel):
    """A concrete result or next step of the meeting."""

    text: Text
    quote: Quotes
    due: int | None = Field(None, ge=1900, le=2100, description="Year a commitment falls due")
    taken_up_at: list[NonEmpty] = Field(
        [], description="Ids of later meetings that took the commitment up"
    )


class Takeaway(SummaryModel):
    """What matters, in a sentence: drawn from points, figures and outcomes, and held to their
    quotes. The bottom line is one too: the brief's first sentence, what happened and why it
    matters."""

    text: Text
    points: list[Annotated[int, Field(ge=1)]] = Field(
        [], description="Numbers of the consensus points it draws on (1 is the first)"
    )
    figures: list[Annotated[int, Field(ge=1)]] = Field(
        [], description="Numbers of the figures it draws on (1 is the first)"
    )
    outcomes: list[Annotated[int, Field(ge=1)]] = Field(
        [], description="Numbers of the outcomes it draws on (1 is the first)"
    )

    @model_validator(mode="after")
    def _cites(self) -> Takeaway:
        if not self.points and not self.figures and not self.outcomes:
            raise PydanticCustomError(
                "takeaway", "a takeaway names the 'points', 'figures' or 'outcomes' it draws on"
            )
        return self


class Correction(SummaryModel):
    """A correction made after the brief was first issued: each one raises its version."""

    date: dt.date = Field(description="The day the correction was made")
    text: Text = Field(description="What was corrected, in both languages")


class Citation(SummaryModel):
    """One article the summary is written from."""

    article: NonEmpty = Field(description="File name in sources/articles/")
    publisher: NonEmpty
    headline: NonEmpty = Field(description="As published; must occur in the article")
    published: dt.date | None = Field(
        None, description="Publication date, when the article gives it"
    )
    agency: NonEmpty | None = Field(None, description="News agency the article cites")
    author: NonEmpty | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = Field(
        None, description="The page's address, as published (http or https)"
    )
    language: Literal["id"] = "id"

    @field_validator("article")
    @classmethod
    def _plain_name(cls, name: str) -> str:
        if "/" in name or "\\" in name or name.startswith("."):
            raise PydanticCustomError(
                "article", "'article' is a file name in sources/articles/, not a path"
            )
        if any(ord(char) < 32 or ord(char) == 127 for char in name):
            # a NUL cannot be in a file name at all; a line break or a tab only by accident
            raise PydanticCustomError(
                "article", "'article' is a file name: it has a control character in it"
            )
        return name


class Meeting(SummaryModel):
    """A structured summary of one meeting, from one or more articles."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={"title": "Meeting summary", "$id": "briefs/meeting.schema.json"},
    )

    id: NonEmpty = Field(description="YYYY-MM-DD-short-slug, the meeting's own date")
    kind: Kind
    title: Text
    date: dt.date = Field(description="The day of the meeting")
    date_quote: Quotes | None = Field(
        None, description="The sentence that says when the meeting was held"
    )
    period: Period | None = Field(None, description="The whole event when it spans several days")
    place: Place
    issued: dt.date | None = Field(None, description="Issue date printed on the brief")
    lede: Text
    lede_quote: Quotes | None = Field(
        None,
        description="The article's sentences the title and lede stand on beyond the quotes of "
        "the points, figures and outcomes (a statement issued, the meeting's occasion)",
    )
    participants: list[Participant] = Field(min_length=1)
    points: list[ConsensusPoint] = Field(min_length=1)
    figures: list[Figure] = []
    outcomes: list[Outcome] = []
    bottom_line: Takeaway | None = Field(
        None,
        description="One or two sentences opening page one: what happened and why it matters,"
        " citing the points, figures and outcomes it rests on",
    )
    takeaways: list[Takeaway] = Field(
        [], max_length=4, description="Two to four bullets for page one: what matters"
    )
    assessment: Text | None = Field(
        None, description="The desk's own reading, printed apart and marked; not from the article"
    )
    corrections: list[Correction] = Field(
        [], description="Corrections since first issue, oldest first"
    )
    sources: list[Citation] = Field(
        min_length=1, description="The articles the summary is written from, the main one first"
    )

    @field_validator("id")
    @classmethod
    def _id_shape(cls, meeting_id: str) -> str:
        if not MEETING_ID.match(meeting_id):
            raise PydanticCustomError(
                "meeting_id",
                "'{id}' is not a meeting id: use YYYY-MM-DD-short-slug in lower case",
                {"id": meeting_id},
            )
        return meeting_id

    @model_validator(mode="wrap")
    @classmethod
    def _quotes_name_their_article(
        cls, data: Any, handler: ModelWrapValidatorHandler[Meeting]
    ) -> Meeting:
        # Every quote names its article once the meeting is read: a plain one, the first cited.
        meeting = handler(data)
        first = meeting.sources[0].article

        def named(quotes: tuple[Quote, ...] | None) -> tuple[Quote, ...] | None:
            if quotes is None or all(quote.article for quote in quotes):
                return quotes
            return tuple(
                quote if quote.article else quote.model_copy(update={"article": first})
                for quote in quotes
            )

        def fill(item: BaseModel, field: str = "quote") -> BaseModel:
            quotes = getattr(item, field)
            done = named(quotes)
            return item if done is quotes else item.model_copy(update={field: done})

        update: dict[str, Any] = {}
        for section in ("participants", "points", "figures", "outcomes"):
            items = getattr(meeting, section)
            filled = [fill(item) for item in items]
            if any(new is not old for new, old in zip(filled, items, strict=True)):
                update[section] = filled
        if (place := fill(meeting.place)) is not meeting.place:
            update["place"] = place
        if (date_quote := named(meeting.date_quote)) is not meeting.date_quote:
            update["date_quote"] = date_quote
        if (lede_quote := named(meeting.lede_quote)) is not meeting.lede_quote:
            update["lede_quote"] = lede_quote
        return meeting.model_copy(update=update) if update else meeting

    def fact_quotes(self) -> Iterator[tuple[tuple[str | int, ...], tuple[Quote, ...]]]:
        """The quotes of the meeting's own facts (date, lede, place, participants), with their field."""
        if self.date_quote:
            yield ("date_quote",), self.date_quote
        if self.lede_quote:
            yield ("lede_quote",), self.lede_quote
        if self.place.quote:
            yield ("place", "quote"), self.place.quote
        for i, participant in enumerate(self.participants):
            if participant.quote:
                yield ("participants", i, "quote"), participant.quote

    @model_validator(mode="after")
    def _within_period(self) -> Meeting:
        if self.period and not self.period.start <= self.date <= self.period.end:
            raise PydanticCustomError("period", "'date' lies outside 'period'")
        return self

    def citation(self, article: str | None) -> Citation | None:
        """The cited article of that file name (the first when None), or None if not cited."""
        if article is None:
            return self.sources[0]
        return next((c for c in self.sources if c.article == article), None)

    @property
    def version(self) -> int:
        """1 as first issued, one more for each correction."""
        return 1 + len(self.corrections)

    def desk_lines(self) -> Iterator[tuple[tuple[str | int, ...], Takeaway]]:
        """The bottom line and the takeaways, each with its field."""
        if self.bottom_line is not None:
            yield ("bottom_line",), self.bottom_line
        for i, takeaway in enumerate(self.takeaways):
            yield ("takeaways", i), takeaway

    @property
    def key_figure_numbers(self) -> list[int]:
        """The numbers (from 1, as the brief shows them) of the figures for page one: those
        marked key (up to four), else the first."""
        marked = [number for number, f in enumerate(self.figures, 1) if f.key]
        return marked[:4] if marked else [1][: len(self.figures)]

    @property
    def key_figures(self) -> list[Figure]:
        """The figures for page one (key_figure_numbers)."""
        return [self.figures[number - 1] for number in self.key_figure_numbers]

    @property
    def countries(self) -> list[str]:
        """Participating countries in order of first appearance."""
        return list(dict.fromkeys(p.country for p in self.participants))


def texts_of(
    model: BaseModel, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Text]]:
    """Every bilingual Text in a model, with its location."""
    if isinstance(model, Text):
        yield loc, model
        return
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            if isinstance(item, BaseModel):
                yield from texts_of(item, loc + ((name,) if index is None else (name, index)))
