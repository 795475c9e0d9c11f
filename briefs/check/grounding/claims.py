"""Claims: a text is about its quotes. Its content words are compared with theirs: a point that
shares almost none of them stands on an unrelated sentence (a swapped quote), and a content word
that neither the quotes nor the article has is a claim of the editor's own (a sector appended, a
'hibah' where the article says 'bantuan')."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from briefs.language.gazetteer import Gazetteer, vocabulary
from briefs.summary.fields import Text

OVERLAP_THRESHOLD = 0.5
"""Below this share of its content words found in its quotes, a point's text is about
something else. Measured on the 52 shipped points and tests/mutation_catalogue.py (see
DEVELOPERS.md, "Grounding checks"): the lowest faithful point shares 0.71, a point given an
unrelated sentence 0.00, and a point whose quote covered a third of what it says 0.33."""

_STOPWORDS = frozenset(
    """adalah akan antara atas atau bagi bahwa baik bawah begitu belah bersama-sama berbagai dalam
    dan dapat dari dengan di hal harus ini itu juga kami kata ke kedua kepada lain lebih lagi
    masing-masing melalui mereka namun oleh pada para pihak saat sama sangat satu secara sebagai
    sejak semua seperti serta setelah sudah tahun telah tentang terhadap termasuk tersebut untuk
    yaitu yakni yang sambil bidang kerja salah agar demi kini guna supaya""".split()
)
_PREFIXES = (
    "antar",
    "meng",
    "meny",
    "mem",
    "men",
    "me",
    "peng",
    "peny",
    "pem",
    "pen",
    "pe",
    "ber",
    "di",
    "ter",
    "ke",
    "se",
)
_SUFFIXES = ("kannya", "annya", "kan", "nya", "an", "si", "i")


_NASAL = {
    "meng": "k",
    "peng": "k",
    "meny": "s",
    "peny": "s",
    "mem": "p",
    "pem": "p",
    "men": "t",
    "pen": "t",
}


@lru_cache(maxsize=65536)
def _variants(word: str) -> frozenset[str]:
    """Rough Indonesian stems of a word, every reading of its affixes ('menolak' -> 'tolak',
    'olak'; 'disesuaikan' -> 'sesuai'): two words share a stem when their variants meet."""
    found = {word}
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4:
            found.add(rest)
            if prefix in _NASAL and rest[:1] in "aiueo":
                found.add(_NASAL[prefix] + rest)
    for stem in list(found):
        for suffix in _SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 4:
                found.add(stem[: -len(suffix)])
    return frozenset(found)


_CONTENT = re.compile(r"[^\W\d_][\w-]*")
_REDUPLICATED = re.compile(r"(\w+)-\1")


def content_words(text: str) -> list[str]:
    """The content words of an Indonesian text, lower case: no function word, no number, no
    capitalised name (names are held by the names check)."""
    words = []
    for match in _CONTENT.finditer(text):
        word = match.group()
        if not word.islower():
            continue
        for part in word.split("-") if not _REDUPLICATED.fullmatch(word) else [word.split("-")[0]]:
            if len(part) >= 4 and part not in _STOPWORDS:
                words.append(part)
    return words


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    return frozenset(v for w in content_words(text.lower()) for v in _variants(w))


def _found(word: str, stems: frozenset[str]) -> bool:
    return not _variants(word).isdisjoint(stems)


def overlap(text: str, quotes: list[str]) -> float:
    """The share of a text's content words that its quotes have (1.0 for a text with none)."""
    words = content_words(text)
    if not words:
        return 1.0
    stems = _stems(" ".join(quotes))
    return sum(_found(w, stems) for w in words) / len(words)


_ITEM_SEPARATOR = re.compile(r"[,;:]|\s+(?:dan|serta|atau)\s+")


def list_items(text: str) -> list[str]:
    """The short items (three words or fewer) of a text's enumerations and coordinations:
    'pertambangan dan logam, manufaktur mesin, bahan bangunan' -> each of them."""
    parts = [p.strip(' ."“”') for p in _ITEM_SEPARATOR.split(text)]
    return [p for p in parts if p and len(p.split()) <= 3] if len(parts) > 1 else []


def own_words(text: str, quotes: list[str], article: str) -> list[str]:
    """The content words of a text's list items that neither its quotes nor the article have,
    in any form: an item appended to a list. (Words elsewhere in the text are the editor's
    paraphrase, left to the reading.)"""
    quoted, everywhere = _stems(" ".join(quotes)), _stems(article)
    words = [w for item in list_items(text) for w in content_words(item)]
    return list(
        dict.fromkeys(w for w in words if not _found(w, quoted) and not _found(w, everywhere))
    )


def clear_caches() -> None:
    """Forget the texts read (the cache serves one summary at a time)."""
    _stems.cache_clear()


def untwinned_words(text: Text) -> list[tuple[str, str]]:
    """The subject words (briefs/data/vocabulary.yaml 'words') one language of text has and
    the other lacks: [(language, word)], e.g. [('en', 'solar')] when the Indonesian says
    'nuklir' and the English 'solar'."""
    hits: dict[str, dict[int, str]] = {}
    for language in ("id", "en"):
        pattern, owner = _words_re(language)
        hits[language] = {}
        for match in pattern.finditer(text[language]):
            hits[language].setdefault(owner[match.group().lower()], match.group())
    found: list[tuple[str, str]] = []
    for term in sorted(set(hits["id"]) ^ set(hits["en"])):
        language = "id" if term in hits["id"] else "en"
        found.append((language, hits[language][term]))
    return found


@cache
def _words_re(language: str) -> tuple[re.Pattern[str], dict[str, int]]:
    """One pattern for every subject word of a language, and each form's term."""
    owner = {
        form.lower(): i
        for i, term in enumerate(vocabulary().words)
        for form in (term.id if language == "id" else term.en)
    }
    forms = sorted(owner, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, forms))})(?![\w-])", re.I), owner


def name_counts(text: Text, gazetteer: Gazetteer) -> list[tuple[str, int, int]]:
    """The named things the English names more often than the Indonesian: [(English name,
    times in English, times in Indonesian)] ('including China' where the Indonesian says
    'termasuk Kazakhstan'). A thing the Indonesian never names is the twin check's."""
    english: dict[frozenset[str], tuple[str, int]] = {}
    indonesian: dict[frozenset[str], int] = {}
    for match in gazetteer.pattern.finditer(text.en):
        entity = gazetteer.entity(match.group())
        name, times = english.get(entity, (match.group(), 0))
        english[entity] = (name, times + 1)
    for match in gazetteer.pattern.finditer(text.id):
        entity = gazetteer.entity(match.group())
        indonesian[entity] = indonesian.get(entity, 0) + 1
    return [
        (name, times, indonesian[entity])
        for entity, (name, times) in english.items()
        if 0 < indonesian.get(entity, 0) < times
    ]
