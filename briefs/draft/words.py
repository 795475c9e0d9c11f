"""Words and name patterns the finders share."""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

_FUNCTION_WORDS = frozenset(
    "yang dari di ke dan atau untuk pada dengan ini itu tersebut juga telah akan adalah "
    "dalam oleh bagi serta sebagai lebih kurang hingga sampai per".split()
)


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_CAP = r"[A-Z][a-z'’]*(?:-[A-Z]?[a-z'’]+)*"
_NAME = rf"{_CAP}(?:\s+{_CAP}){{0,3}}"
