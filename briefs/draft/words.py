"""Words and name patterns every finder shares: the calendar's (CLDR), the countries' and cities'
(CLDR and the press), function words, names, and exact numbers. Each finder imports them from
here and from no other finder, so the finders depend on this module and not on each other."""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from collections.abc import Iterable
from decimal import Decimal
from functools import cache

from babel import Locale

from briefs.language.gazetteer import country_names
from briefs.language.press import PRESS_DEMONYMS

log = logging.getLogger(__name__)

FUNCTION_WORDS = frozenset(
    "yang dari di ke dan atau untuk pada dengan ini itu tersebut juga telah akan adalah "
    "dalam oleh bagi serta sebagai lebih kurang hingga sampai per".split()
)
"""Indonesian words that carry no content: never a noun, a label's edge or a name."""

OFFICE_ABBREVIATIONS = {
    "Menlu": "Menteri Luar Negeri",
    "menlu": "Menteri Luar Negeri",
    "PM": "Perdana Menteri",
    "Dubes": "Duta Besar",
    "Sekjen": "Sekretaris Jenderal",
    "Wapres": "Wakil Presiden",
    "Plt.": "Pelaksana Tugas",
    "Plt": "Pelaksana Tugas",
    "Pj.": "Penjabat",
    "Pj": "Penjabat",
}
"""The press's short forms of offices, spelled out in a draft."""


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of the words, the longest first."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_LOWER = "a-z'’\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f?"
CAPITALISED = rf"[A-Z][{_LOWER}]*(?:-[A-Z]?[{_LOWER}]+)*"
"""A capitalised word: 'Khürelsükh', 'Kassym-Jomart', "Xi'an", and 'Erdo?an' as a page that lost
its letter prints it."""
NAME = rf"{CAPITALISED}(?:\s+{CAPITALISED}){{0,3}}"
"""A person's or place's name: one to four capitalised words."""


# The calendar (CLDR) ---------------------------------------------------------------------------


@cache
def months() -> dict[str, int]:
    """Month names, wide and abbreviated, Indonesian and English (CLDR), lower case."""
    found = {}
    for language in ("id", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in Locale(language).months["format"][width].items():
                found[name.lower().rstrip(".")] = number
    return found


@cache
def weekdays() -> dict[str, int]:
    """Weekday names (Senin = 0), Indonesian and English (CLDR), lower case."""
    return {
        name.lower(): number
        for language in ("id", "en")
        for number, name in Locale(language).days["format"]["wide"].items()
    }


@cache
def calendar_words() -> frozenset[str]:
    """Every month and weekday name, lower case: never a person's or a city's name."""
    return frozenset(months()) | frozenset(weekdays())


# Countries and cities (CLDR and the press) -----------------------------------------------------


@cache
def countries() -> dict[str, str]:
    """Country name -> ISO code: the gazetteer's table (CLDR's names in Indonesian and English,
    the press's spellings) and the press's demonyms."""
    return {**country_names(), **PRESS_DEMONYMS}


@cache
def country_pattern() -> str:
    """A regular expression matching any country's name as a whole word."""
    return rf"(?<![\w-])(?:{alternation(countries())})(?![\w-])"


# Numbers ---------------------------------------------------------------------------------------


def exact(value: Decimal) -> Decimal:
    """50.1 x 10^9 as 50100000000, not 50100000000.0."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


class Parts:
    """A text's parts (sentences, paragraphs) in order, and those that contain any of some
    texts, found by searching them all joined: what `text in part` for every part would find,
    without reading every part for every name of a long page."""

    def __init__(self, parts: list[str]) -> None:
        self.all = parts
        self._joined = "\0".join(parts)
        self._starts = list(itertools.accumulate((len(p) + 1 for p in parts), initial=0))

    def containing(self, *texts: str) -> list[str]:
        found: set[int] = set()
        for text in texts:
            at = self._joined.find(text) if text else -1
            while at >= 0:
                found.add(bisect.bisect_right(self._starts, at) - 1)
                at = self._joined.find(text, at + 1)
        return [self.all[i] for i in sorted(found)]
