"""Names: every named thing of a text is in its quotes (Indonesian) or has its twin in the
Indonesian text of the same field (English), under any of its names in the gazetteer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from briefs.language import numbers as reader
from briefs.language.gazetteer import Gazetteer, is_acronym, name_pattern
from briefs.read.loader import Document
from briefs.summary.vocabulary import Glossary

_POSSESSIVE = re.compile(r"['’]s$")
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+)[\"“'‘(]*")


def possessive(word: str) -> str:
    """The word without a possessive 's (China's -> China)."""
    return _POSSESSIVE.sub("", word) if word[-2:] in ("'s", "’s") else word


def glossary_names(glossary: Glossary) -> list[set[str]]:
    """The glossary's terms as groups of names, for Gazetteer.with_names."""
    return [set(term.id) | set(term.en) for term in glossary.terms]


def own_translations(document: Document) -> list[set[str]]:
    """A summary's names in both languages: its city, venue and the participants' offices (for
    the twins of other texts; an office itself is held to the shipped vocabulary, see facts.py)."""
    place = document.meeting.place
    texts = [place.city, place.venue, *(p.office for p in document.meeting.participants)]
    return [{text.id, text.en} for text in texts if text is not None]


def _words(text: str) -> Iterator[re.Match[str]]:
    return WORD.finditer(text)


def word_occurs(word: str, reference: str) -> bool:
    """An acronym as written; any other word in any case (a name may open a quote's sentence)."""
    if is_acronym(word):
        return name_pattern(word).search(reference) is not None
    return word.lower() in folded_words(reference)


@lru_cache(maxsize=4096)
def folded_words(text: str) -> frozenset[str]:
    """The words of a text, lower case, without possessives."""
    return frozenset(possessive(w.group()).lower() for w in _words(text))


def _carried_in_parts(name: str, reference: str, gazetteer: Gazetteer) -> bool:
    """Is a compound name carried by its known parts ('Foreign Ministers' Meeting' by 'Menteri
    Luar Negeri' and 'Pertemuan'; 'Dewan Menlu' by 'Dewan' and 'Menlu')? Every capitalised word
    must fall in a known part the reference carries."""
    words = list(_words(name))
    covered = [False] * len(words)
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            part = name[words[i].start() : words[j - 1].end()]
            if part == name or gazetteer.entity(part) == frozenset({part}):
                continue
            if not gazetteer.carries(part, reference):
                return False
            covered[i:j] = [True] * (j - i)
            i = j - 1
            break
        i += 1
    return all(
        c or not words[k].group()[:1].isupper() or words[k].group() in _GENERIC
        for k, c in enumerate(covered)
    )


_GENERIC = frozenset("Meeting Meetings Talks Conference Visit Ceremony Forum Dialogue".split())
"""Capitalised words of an English title that name no thing of their own ('Foreign Ministers'
Meeting' is carried by 'Menteri Luar Negeri')."""


def unmatched_names(
    text: str, reference: str, gazetteer: Gazetteer, language: str = "id"
) -> list[str]:
    """The named things of text that reference does not carry under any of their names.

    A known name (gazetteer) is matched whole, anywhere (a compound one also by its known parts);
    any other word is a name when it is an acronym (WHO, G20), or capitalised and not the first
    word of a sentence. Numbers with their currency ('IDR 657 trillion', 'Rp657') are numbers,
    held by the number check, not names."""
    taken = [False] * len(text)
    for mention in reader.mentions(text, language):
        taken[mention.start : mention.end] = [True] * (mention.end - mention.start)
    missing: list[str] = []
    for match in gazetteer.pattern.finditer(text):
        if taken[match.start()]:
            continue
        taken[match.start() : match.end()] = [True] * (match.end() - match.start())
        name = match.group()
        if not gazetteer.carries(name, reference) and not _carried_in_parts(
            name, reference, gazetteer
        ):
            missing.append(name)
    starts = {m.end() for m in _SENTENCE_START.finditer(text)}
    for match in _words(text):
        word = possessive(match.group())
        if taken[match.start()] or not any(c.isupper() for c in word):
            continue
        if match.start() in starts and not is_acronym(word):
            continue
        if not word_occurs(word, reference):
            missing.append(word)
    return list(dict.fromkeys(missing))


def clear_caches() -> None:
    """Forget the texts read (the caches serve one summary at a time)."""
    folded_words.cache_clear()
