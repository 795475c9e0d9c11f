"""Time relative to the article ("tahun lalu", "kini", "last year", "now"): true on the day
the article was written, stale in a brief read years later. The phrases a summary's own texts
must write as the time they mean ("in 2023", "as of May 2024"); month names from CLDR."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from babel.dates import get_month_names

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
