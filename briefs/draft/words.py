"""Words and name patterns the finders share."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

log = logging.getLogger(__name__)

_FUNCTION_WORDS = frozenset(
    "yang dari di ke dan atau untuk pada dengan ini itu tersebut juga telah akan adalah "
    "dalam oleh bagi serta sebagai lebih kurang hingga sampai per".split()
)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_LOWER = "a-z'’\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f?"
_CAP = rf"[A-Z][{_LOWER}]*(?:-[A-Z]?[{_LOWER}]+)*"
"""A capitalised word: 'Khürelsükh', 'Kassym-Jomart', "Xi'an", and 'Erdo?an' as a page that lost
its letter prints it."""
_NAME = rf"{_CAP}(?:\s+{_CAP}){{0,3}}"
