"""The scripts briefs tells apart, as Unicode ranges written once: Chinese characters (the
checks, the renderer's `lang="zh"` runs, the drafter's menus and names), the wide scripts a line
may break between any two characters, and the scripts a participant's native name may be
written in."""

from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
"""Chinese characters: CJK Unified Ideographs with extension A, the compatibility ideographs,
and the supplementary planes' extensions."""

WIDE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
"""Scripts written without spaces, each character a place a line may break: the CJK radicals,
punctuation, kana and ideographs, Hangul syllables, the compatibility ideographs and the
half- and fullwidth forms."""

NATIVE = "\u0400-\u04ff\u3040-\u30ff" + HAN
"""Scripts of the participants' own names: Cyrillic (Kazakh, Kyrgyz, Tajik, Russian), kana and
Chinese characters."""

HAN_RUN = re.compile(f"[{HAN}]+")


def is_han(text: str) -> bool:
    """Whether every character of text is a Chinese character (True for '' as all() is)."""
    return all(HAN_RUN.fullmatch(char) for char in text)


def han_count(text: str) -> int:
    """How many Chinese characters text holds."""
    return sum(len(run) for run in HAN_RUN.findall(text))


def has_native_script(text: str) -> bool:
    """Whether text writes anything in a participant's own script."""
    return re.search(f"[{NATIVE}]", text) is not None
