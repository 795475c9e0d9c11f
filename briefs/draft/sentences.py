"""Sentences and clauses: each an exact piece of the paragraph it comes from."""

from __future__ import annotations

import re
from functools import cache, lru_cache


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each an exact substring of it, without opening quotes."""
    return list(_sentences(text))


@cache
def _sentences(text: str) -> tuple[str, ...]:
    """split_sentences, once per paragraph: every finder splits the same paragraphs, and a long
    page pasted as one line is one paragraph of two megabytes."""
    sentences, start = [], 0
    # "... Qin Gang.Wakil Perdana Menteri ...": sentences pasted together with no space
    # "... 70 miliar dolarSudah ...": a heading run into the next sentence with no stop at all
    for end in re.finditer(
        r"[.!?][\"”’]?\s+(?=[\\\"“‘']*[A-Z0-9])|(?<=[a-z][a-z][.!?])(?=[A-Z][a-z])"
        r"|(?<=\s[a-z]{4})(?=[A-Z][a-z]{2,}\b)|(?<=\s[a-z]{5})(?=[A-Z][a-z]{2,}\b)"
        r"|(?<=\s[a-z]{6})(?=[A-Z][a-z]{2,}\b)|(?<=\s[a-z]{7})(?=[A-Z][a-z]{2,}\b)",
        text,
    ):
        sentences.append(text[start : end.end()].strip())
        start = end.end()
    sentences.append(text[start:].strip())
    return tuple(s.lstrip("\\\"“‘' ") for s in sentences if s.strip("\\\"“‘' "))


_CLAUSE_GAP = re.compile(r"[\\\"”’]*\s")


def split_clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence: split at commas and semicolons outside brackets."""
    return list(_clauses(sentence))


@lru_cache(maxsize=64)
def _clauses(sentence: str) -> tuple[tuple[int, int], ...]:
    """split_clauses, once per sentence (each figure of a sentence asks), in one pass: the gap
    after a comma is matched where it stands, never on a copy of the rest of the sentence."""
    clauses, start, depth = [], 0, 0
    for i, char in enumerate(sentence):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char in ",;" and depth == 0 and (after := _CLAUSE_GAP.match(sentence, i + 1)):
            clauses.append((start, i))
            start = after.end()
    clauses.append((start, len(sentence.rstrip(' ."”\\'))))
    return tuple(clauses)
