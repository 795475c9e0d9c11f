"""Time relative to the article ("tahun lalu", "kini", "last year", "now"): true on the day
the article was written, stale in a brief read years later. The phrases a summary's own texts
must write as the time they mean ("in 2023", "as of May 2024"); month names from CLDR."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel.dates import get_month_names

from briefs.language.press import CARDINALS, ENGLISH_NUMBERS

_PHRASES = {
    "id": [
        r"tahun lalu",
        r"tahun ini",
        r"bulan lalu",
        r"bulan ini",
        r"minggu lalu",
        r"pekan lalu",
        r"kemarin",
        r"kini",
        r"saat ini",
        r"sekarang",
        r"baru-baru ini",
        r"belakangan ini",
        r"tahun depan",
        r"{month} lalu",
    ],
    "en": [
        r"last year",
        r"this year",
        r"last month",
        r"this month",
        r"last week",
        r"yesterday",
        r"now",
        r"currently",
        r"at present",
        r"recently",
        r"to date",
        r"next year",
        r"last {month}",
        r"this {month}",
    ],
}


@cache
def relative_time(language: str) -> re.Pattern[str]:
    """The phrases of relative time of a language, as whole words, in any case."""
    months = "|".join(re.escape(name) for name in get_month_names("wide", locale=language).values())
    either = "|".join(p.replace("{month}", f"(?:{months})") for p in _PHRASES[language])
    return re.compile(rf"(?<![\w-])(?:{either})(?![\w-])", re.IGNORECASE)


def relative_phrases(text: str, language: str) -> list[str]:
    """Each phrase of relative time in a text, as it is written there."""
    return [m.group(0) for m in relative_time(language).finditer(text)]


def month_twins() -> list[set[str]]:
    """Each month's name in Indonesian and English (CLDR): "Mei" is "May"."""
    indonesian = get_month_names("wide", locale="id")
    english = get_month_names("wide", locale="en")
    return [{indonesian[m], english[m]} for m in range(1, 13)]


def meant_times(quotes: list[str], day: dt.date) -> list[str]:
    """The absolute times the relative phrases of Indonesian quotes mean, seen from the
    meeting's day, in both languages ("tahun lalu" in 2024: "2023"; "saat ini" in May 2024:
    "Mei 2024", "May 2024"): what a text may write in their place."""
    indonesian = get_month_names("wide", locale="id")
    english = get_month_names("wide", locale="en")
    by_name = {name.casefold(): m for m, name in indonesian.items()}

    def month(m: int, year: int) -> list[str]:
        return [f"{indonesian[m]} {year}", f"{english[m]} {year}", str(year)]

    meant: list[str] = []
    for phrase in relative_phrases(" ".join(quotes), "id"):
        words = phrase.casefold().split()
        if words == ["tahun", "lalu"]:
            meant.append(str(day.year - 1))
        elif words == ["tahun", "ini"]:
            meant.append(str(day.year))
        elif words == ["tahun", "depan"]:
            meant.append(str(day.year + 1))
        elif words[-1] == "lalu" and words[0] in by_name:
            m = by_name[words[0]]
            meant += month(m, day.year if m < day.month else day.year - 1)
        elif words == ["bulan", "lalu"]:
            meant += month(12, day.year - 1) if day.month == 1 else month(day.month - 1, day.year)
        else:  # kini, saat ini, sekarang, baru-baru ini: the meeting's month
            meant += month(day.month, day.year)
    return [" ".join(dict.fromkeys(meant))] if meant else []


# Writing the time a phrase means -----------------------------------------------------------------

_BEFORE = {
    "id": frozenset(
        "pada sejak semenjak hingga sampai mulai awal akhir pertengahan sepanjang selama per dari "
        "menjelang jelang sebelum setelah sesudah usai untuk di".split()
    ),
    "en": frozenset(
        "in since until till by from through to before after during of throughout early late "
        "mid".split()
    ),
}
"""Words that already say how a time is placed ('sejak tahun lalu', 'until now'): after them
the phrase is replaced by the time alone ('sejak tahun 2023', 'until May 2024')."""
_AT = {"id": "pada", "en": "in"}
_AS_OF = {"id": "per", "en": "as of"}
_QUANTITY = re.compile(
    r"(?:\d+|(?:belas|puluh|ratus|ribu)an|"
    + "|".join(
        sorted(
            {*CARDINALS, *ENGLISH_NUMBERS}
            | set("setengah beberapa banyak the few several many past".split())
        )
    )
    + r")$",
    re.IGNORECASE,
)
"""A word before 'tahun lalu' that counts ('dua tahun lalu', 'seratus tahun lalu', 'the last
year', 'past year'): not last year, and not a time this module counts. The number words are
the number reader's (language/press.py)."""


def anchored(text: str, language: str, day: dt.date) -> tuple[str, list[str]]:
    """The text with each phrase of relative time written as the time it means seen from day
    ('tahun lalu' in May 2024: 'pada 2023'; 'November lalu': 'pada November 2023'; 'kini',
    'saat ini': 'per Mei 2024'; 'last year': 'in 2023'; 'now': 'as of May 2024'), and the
    phrases it could not count ('pekan lalu', 'baru-baru ini', 'dua tahun lalu'), left as
    written."""
    names = get_month_names("wide", locale=language)
    by_name = {name.casefold(): m for m, name in names.items()}
    left: list[str] = []

    def month_year(m: int) -> str:
        return f"{names[m]} {day.year if m < day.month else day.year - 1}"

    def previous_month() -> str:
        return (
            f"{names[12]} {day.year - 1}"
            if day.month == 1
            else f"{names[day.month - 1]} {day.year}"
        )

    def meaning(words: list[str]) -> tuple[str, str] | None:
        """What the phrase means, and how it is placed ('at' a time, 'as of' it)."""
        this_month = f"{names[day.month]} {day.year}"
        years: dict[tuple[str, ...], int] = {
            ("tahun", "lalu"): day.year - 1,
            ("last", "year"): day.year - 1,
            ("tahun", "ini"): day.year,
            ("this", "year"): day.year,
            ("tahun", "depan"): day.year + 1,
            ("next", "year"): day.year + 1,
        }
        if tuple(words) in years:
            year = str(years[tuple(words)])
            return (f"tahun {year}" if language == "id" else year), "at"
        if words in (["bulan", "lalu"], ["last", "month"]):
            return previous_month(), "at"
        if words in (["bulan", "ini"], ["this", "month"]):
            return this_month, "at"
        if words[-1] == "lalu" and words[0] in by_name:
            return month_year(by_name[words[0]]), "at"
        if words[0] == "last" and words[-1] in by_name:
            return month_year(by_name[words[-1]]), "at"
        if words[0] == "this" and words[-1] in by_name:
            return f"{names[by_name[words[-1]]]} {day.year}", "at"
        if words in (
            ["kini"],
            ["saat", "ini"],
            ["sekarang"],
            ["now"],
            ["currently"],
            ["at", "present"],
            ["to", "date"],
        ):
            return this_month, "as_of"
        return None  # pekan lalu, kemarin, baru-baru ini, recently: no day to count from

    def replace(m: re.Match[str]) -> str:
        phrase = m.group(0)
        # the words just before (a window, not the whole text: one pass over a long text)
        window = text[max(0, m.start() - 40) : m.start()]
        before = window.split()
        previous = before[-1].casefold() if before else ""
        meant = meaning(phrase.casefold().split())
        if meant is None or _QUANTITY.match(previous):
            left.append(phrase)
            return phrase
        time, how = meant
        if previous in _BEFORE[language]:
            written = time
        elif how == "at":
            written = f"{_AT[language]} {time.removeprefix('tahun ')}"
        else:
            written = f"{_AS_OF[language]} {time}"
        opens = not text[: m.start()].strip() if m.start() < 40 else False
        if phrase[0].isupper() and (opens or re.search(r"[.!?]\W*$", window)):
            written = written[0].upper() + written[1:]
        return written

    return relative_time(language).sub(replace, text), left
