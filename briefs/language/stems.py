"""Indonesian stems, from Sastrawi (the usual Indonesian stemmer): 'pertambangan' is 'tambang'."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any


@cache
def _stemmer() -> Any:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Sastrawi stem of one Indonesian word ('pertambangan' -> 'tambang'); a compound with
    'antar' is stemmed without it ('antarmasyarakat' -> 'masyarakat')."""
    word = word.lower()
    if word.startswith("antar") and len(word) > 8:
        word = word[5:]
    return str(_stemmer().stem(word))
