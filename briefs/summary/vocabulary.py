"""The project's controlled vocabulary (sources/themes.yaml) and glossary
(sources/glossary.yaml): themes, series and the named terms with their house forms."""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from briefs.project import LANGUAGES
from briefs.summary.fields import NonEmpty, Slug, SummaryModel, Text


class Theme(SummaryModel):
    """One theme of the controlled vocabulary."""

    id: Slug
    label: Text


class Series(SummaryModel):
    """A measure followed across meetings, such as China–Central Asia trade."""

    id: Slug
    label: Text
    unit: NonEmpty


class Vocabulary(SummaryModel):
    """sources/themes.yaml: the themes points are tagged with and the series figures belong to."""

    themes: list[Theme] = []
    series: list[Series] = []

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def a_series(self, series_id: str) -> Series | None:
        return next((s for s in self.series if s.id == series_id), None)


def _names(value: object) -> object:
    return [value] if isinstance(value, str) else value


class HouseForm(SummaryModel):
    """The form the desk writes a term in, per language (either may be left out)."""

    id: NonEmpty | None = None
    en: NonEmpty | None = None


class Term(SummaryModel):
    """One named thing in both languages: every name the articles and the summaries use."""

    id: list[NonEmpty] = Field(min_length=1, description="Indonesian names, e.g. [Tiongkok, China]")
    en: list[NonEmpty] = Field(min_length=1, description="English names, e.g. [China, Chinese]")
    house: HouseForm | None = Field(
        None,
        description="The desk's own form per language, one of the names: texts of a summary "
        "that use another of them get a warning",
    )

    _lists = field_validator("id", "en", mode="before")(lambda cls, v: _names(v))

    @model_validator(mode="after")
    def _house_is_a_name(self) -> Term:
        for language in LANGUAGES:
            form = getattr(self.house, language) if self.house else None
            if form is not None and form not in getattr(self, language):
                raise PydanticCustomError(
                    "house",
                    "house.{language}: {form!r} is not one of the term's {language} names",
                    {"language": language, "form": form},
                )
        return self

    def house_form(self, language: str) -> str | None:
        """The desk's form of the term in a language, if the glossary gives one."""
        form: str | None = getattr(self.house, language) if self.house else None
        return form

    def other_forms(self, language: str) -> list[str]:
        """The names of the term in a language that are not the house form (none without one)."""
        form = getattr(self.house, language) if self.house else None
        return [] if form is None else [n for n in getattr(self, language) if n != form]


class Rendering(SummaryModel):
    """Words that say the same in both languages (and among themselves) though no check knows
    it: 'diperlukan' is 'necessary', 'mendorong' is 'promote' or 'advance'. Recorded once, a
    rendering is accepted in every summary."""

    id: list[NonEmpty] = Field(min_length=1, description="Indonesian words, e.g. [diperlukan]")
    en: list[NonEmpty] = Field(min_length=1, description="English words, e.g. [necessary, needed]")

    _lists = field_validator("id", "en", mode="before")(lambda cls, v: _names(v))


class Glossary(SummaryModel):
    """sources/glossary.yaml: the names whose twins CLDR does not know (PBB is the UN), and the
    renderings the checks accept."""

    terms: list[Term] = []
    renderings: list[Rendering] = []
