"""Localize: Babel locales, gettext catalogs, and the formatting of dates, countries and figures
in each language of the brief. Nothing here is a hand-written table: CLDR through Babel."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import (
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_symbol,
    parse_decimal,
)
from babel.support import Translations
from babel.units import format_unit

from briefs.errors import ConfigurationError
from briefs.project import LANGUAGES, LOCALES
from briefs.summary.figures import Figure, Qualifier
from briefs.summary.meeting import Kind, Place

log = logging.getLogger(__name__)


DOMAIN = "messages"

_DIGITS = "#,##0.###############"
"""A number in full, never rounded."""

QUOTATION_MARKS = {"id": ("“", "”", "‘", "’"), "en": ("“", "”", "‘", "’")}
"""CLDR's delimiters (quotationStart, quotationEnd and the alternates) of id and en_001, which
Babel does not carry."""

_DOUBLE = re.compile(r'"([^"]*)"')
_SINGLE = re.compile(r"(?<!\w)'([^']*)'(?!\w)")


def catalog_path(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_translations(locale_dir: Path, language: str) -> Translations:
    """Compile a language's .po catalog in memory, so a stale .mo can never be used."""
    path = catalog_path(locale_dir, language)
    try:
        with path.open("rb") as po:
            catalog = read_po(po, locale=LOCALES[language])
    except FileNotFoundError:
        raise ConfigurationError(f"{path}: catalog not found") from None
    except Exception as error:  # babel raises bare errors on a malformed catalog
        raise ConfigurationError(f"{path}: cannot read catalog: {error}") from None
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


@dataclass
class Localizer:
    """Everything language-specific about a brief: words, dates, numbers and names."""

    language: str
    translations: Translations

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(LOCALES[self.language])

    def gettext(self, message: str, **variables: object) -> str:
        text = self.translations.gettext(message)
        return text % variables if variables else text

    # dates -------------------------------------------------------------------------------

    def date(self, day: dt.date, *, weekday: bool = False) -> str:
        """16 Juli 2020 / 16 July 2020; with the weekday: Kamis, 16 Juli 2020 (CLDR's full
        Indonesian pattern pads the day, "Minggu, 01 Desember": a brief never does)."""
        if not weekday:
            return format_date(day, "long", locale=self.locale)
        pattern = re.sub(r"(?<!d)dd(?!d)", "d", self.locale.date_formats["full"].pattern)
        return format_date(day, pattern, locale=self.locale)

    def month(self, day: dt.date) -> str:
        """Jul 2020 / Jul 2020: month and year, abbreviated as the language's own CLDR locale
        does (en, not en_GB, whose "Sept" stood beside "Jul" in a row of column heads)."""
        return format_skeleton("yMMM", day, locale=Locale(self.locale.language))

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """10–12 September 2019 / 10–12 September 2019: the locale's own interval pattern, with
        the month written out as beside it in the date ("Sept" next to "11 September" read as
        a note). CLDR has interval patterns with abbreviated months only: its yMMMd is used with
        MMMM for MMM."""
        if start == end:
            return self.date(start)
        field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        parts = self.locale.interval_formats["yMMMd"][field]
        return "".join(
            format_date(day, re.sub(r"(?<!M)MMM(?!M)", "MMMM", part), locale=self.locale)
            for day, part in zip((start, end), parts, strict=True)
        )

    # names -------------------------------------------------------------------------------

    def country(self, code: str) -> str:
        """CN is Tiongkok in Indonesian and China in English (CLDR)."""
        return str(self.locale.territories.get(code, code))

    def language_name(self, tag: str) -> str:
        return Locale.parse(tag, sep="-").get_display_name(self.locale) or tag

    def items(self, words: list[str]) -> str:
        """A list as the language writes it (CLDR): "timeline, themes and follow-through",
        "linimasa, tema, dan tindak lanjut"."""
        from babel.lists import format_list

        return format_list(words, locale=self.locale)

    def read_in(self) -> str:
        """The link to a brief in this language, in this language: "Read in English", "Baca
        dalam bahasa Indonesia" (on the brief in the other language)."""
        return self.gettext("Read in %(language)s", language=self.endonym(self.language))

    @staticmethod
    def endonym(tag: str) -> str:
        """A language's name in that language (CLDR): English, Indonesia."""
        return Locale.parse(tag, sep="-").get_display_name(tag) or tag

    def typographic(self, text: str) -> str:
        """Straight quotes of a summary's text turned into the language's own (“…”, ‘…’);
        the apostrophe in Xi'an becomes ’. Quotes of the articles are never passed here."""
        start, end, inner_start, inner_end = QUOTATION_MARKS[self.language]
        text = self._places_joined.sub(r"\1–", text)
        text = _DOUBLE.sub(lambda m: f"{start}{m.group(1)}{end}", text)
        text = _SINGLE.sub(lambda m: f"{inner_start}{m.group(1)}{inner_end}", text)
        return text.replace("'", "’")

    @cached_property
    def _places_joined(self) -> re.Pattern[str]:
        """The hyphen between two of CLDR's countries or regions, which the house writes as an
        en dash: "Tiongkok-Asia Tengah" is "Tiongkok–Asia Tengah", as the masthead writes it
        (a name's own hyphen, "Kassym-Jomart", "Satu-Tiongkok", is not between two places)."""
        names = sorted(
            {str(n) for n in self.locale.territories.values() if "-" not in str(n)},
            key=len,
            reverse=True,
        )
        place = "|".join(re.escape(n) for n in names)
        return re.compile(rf"(?<!\w)({place})-(?=(?:{place})(?!\w))")

    def kind(self, kind: Kind) -> str:
        """Summit / Konferensi tingkat tinggi: the same words as the brief's masthead."""
        return {
            Kind.summit: self.gettext("Summit"),
            Kind.foreign_ministers_meeting: self.gettext("Foreign ministers' meeting"),
            Kind.bilateral_talks: self.gettext("Bilateral talks"),
            Kind.state_visit: self.gettext("State visit"),
        }[kind]

    def place(self, place: Place) -> str:
        """Where a meeting was held, on one line: venue, city, country; or video conference; or
        that the article does not say."""
        if not place.stated:
            return self.gettext("Not stated in the article")
        if place.online:
            return self.gettext("Video conference")
        # the model requires city and country of a place that is not online
        assert place.city is not None and place.country is not None
        venue = [place.venue[self.language]] if place.venue else []
        return ", ".join([*venue, place.city[self.language], self.country(place.country)])

    # numbers -----------------------------------------------------------------------------

    def number(self, value: Decimal) -> str:
        """10.000 / 10,000, never rounded."""
        return format_decimal(value, format=_DIGITS, locale=self.locale)

    def _compact(self, value: Decimal) -> str | None:
        """50,1 miliar / 50.1 billion, only when the short form is exact."""
        if value < 1_000_000:
            return None
        exact = format_compact_decimal(
            value, format_type="long", fraction_digits=12, locale=self.locale
        )
        for digits in (0, 1, 2):
            short = format_compact_decimal(
                value, format_type="long", fraction_digits=digits, locale=self.locale
            )
            if short == exact:
                return short
        return None  # 50,123,456,789 is printed in full rather than rounded

    def amount(self, value: Decimal, unit: str) -> str:
        """A number in its unit: US$50,1 miliar, Rp657 triliun, 12,5%, 10.000."""
        if unit == "percent":
            return format_percent(value / 100, format="#,##0.###%", locale=self.locale)
        compact = self._compact(value)
        if unit == "count":
            return compact or self.number(value)
        if "-" in unit:  # a CLDR measure: 55 miliar meter kubik, 55 billion cubic metres
            full = format_unit(value, unit, length="long", format=_DIGITS, locale=self.locale)
            return full.replace(self.number(value), compact or self.number(value), 1)
        if compact is None:
            return self._money(value, unit)
        mantissa, _, scale = compact.partition(" ")
        return f"{self._money(parse_decimal(mantissa, locale=self.locale), unit)} {scale}"

    def _money(self, value: Decimal, unit: str) -> str:
        text = format_currency(
            value, unit, format="¤#,##0.###", currency_digits=False, locale=self.locale
        )
        # A currency code (IDR in English) is kept apart from the digits by a no-break space, as
        # CLDR's currencySpacing asks; a symbol (US$, and Rp, which the Indonesian style guide
        # writes against the number: Rp657 triliun) is not.
        symbol = get_currency_symbol(unit, locale=self.locale)
        if symbol == unit and text.startswith(symbol):
            text = f"{symbol}\u00a0{text[len(symbol) :]}"
        return text

    def qualified(self, text: str, qualifier: Qualifier | None) -> str:
        if qualifier is None:
            return text
        pattern = {
            Qualifier.about: self.gettext("about %(amount)s", amount=text),
            Qualifier.more_than: self.gettext("more than %(amount)s", amount=text),
            Qualifier.less_than: self.gettext("less than %(amount)s", amount=text),
            Qualifier.at_least: self.gettext("at least %(amount)s", amount=text),
            Qualifier.up_to: self.gettext("up to %(amount)s", amount=text),
        }
        return pattern[qualifier]

    def figure_amount(self, figure: Figure) -> str:
        """The figure's number with its hedges and conversion, without the counted noun:
        "lebih dari 10.000", "26 of 45", "US$41 billion (about IDR 657 trillion)"."""
        text = self.amount(figure.value, figure.unit)
        if figure.out_of is not None:
            text = self.gettext(
                "%(value)s of %(total)s", value=text, total=self.amount(figure.out_of, figure.unit)
            )
        text = self.qualified(text, figure.qualifier)
        if figure.equivalent is not None:
            equivalent = figure.equivalent
            text = self.gettext(
                "%(amount)s (%(equivalent)s)",
                amount=text,
                equivalent=self.qualified(
                    self.amount(equivalent.value, equivalent.unit), equivalent.qualifier
                ),
            )
        return text

    def figure(self, figure: Figure) -> str:
        """The figure as a reader sees it: "lebih dari 10.000 pelajar", "26 of 45 projects"."""
        amount = self.figure_amount(figure)
        return f"{amount} {figure.noun[self.language]}" if figure.noun else amount


def localizers(locale_dir: Path) -> dict[str, Localizer]:
    """One Localizer per brief language, catalogs loaded once."""
    return {
        language: Localizer(language, load_translations(locale_dir, language))
        for language in LANGUAGES
    }
