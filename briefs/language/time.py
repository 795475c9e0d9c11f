"""Time relative to the article ("tahun lalu", "kini", "last year", "now"): true on the day
the article was written, stale in a brief read years later. The phrases a summary's own texts
must write as the time they mean ("in 2023", "as of May 2024"); month names from CLDR."""

from __future__ import annotations

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
