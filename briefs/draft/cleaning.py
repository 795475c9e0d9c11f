"""Cleaning: an article's story without its noise, split into paragraphs and sentences."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from .dates import _full_date
from .places import countries

log = logging.getLogger(__name__)

_DATELINE_TIME = re.compile(
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{1,2})?\s*(?:WIB|WITA|WIT)\b|\b(?:WIB|WITA|WIT)\b"
)
_NOISE = re.compile(
    r"(?i:^(?:BACA\s+JUGA\b|Baca\s+juga\s*:|banner$|Lama\s+Baca\b|Cek\s+Berita\b|ADVERTISEMENT$)"
    r"|Google\s+News|-Image-\d+\s*$|\bImage\s+from\b|\(\s*Foto\s*:[^)]*\)\s*$)"
    r"|\([A-Z]{2,8}\)\s*$"  # a photo credit in capitals ends a caption: "... berjabat tangan (CMG)"
)
_END_OF_STORY = re.compile(
    r"^(?:Komentar|Berita\s+Lainnya|Berita\s+Terkait|Artikel\s+Terkait)\s*$", re.I
)


@dataclass
class Paragraph:
    """A paragraph of the story; item is its number when it opens a numbered list item."""

    text: str
    item: int | None = None


@dataclass
class Article:
    """An article with its noise removed: what the story says, and what is said about it."""

    headline: str | None = None
    published: dt.date | None = None
    author: str | None = None
    publisher: str | None = None
    agency: str | None = None
    dateline: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def sentences(self):
        """(paragraph, sentence) for every sentence of the story, in order."""
        for paragraph in self.paragraphs:
            for sentence in split_sentences(paragraph.text):
                yield paragraph, sentence


_DATELINE_PREFIX = re.compile(
    r"^(?P<place>[A-Z][\w'’]*(?: [A-Z][\w'’]*){0,2})"
    r"(?:, (?P<publisher>[A-Z][\w.]*(?: [A-Z][\w.]*){0,3})| \((?P<agency>[A-Za-z.]+)\)) [-–—] "
)


def parse_article(text: str) -> Article:
    """Split an article as pasted from a news site into its headline, dateline and story."""
    article = Article()
    lines = [line.strip() for line in text.splitlines()]
    for line in lines:
        if not line:
            continue
        if _END_OF_STORY.match(line):
            break  # comments and other stories follow
        source = re.match(r"^Sumber\s*:\s*(.*)$", line)
        if source:
            article.agency = article.agency or source.group(1).strip() or None
            continue
        if _NOISE.search(line):
            continue
        if article.published is None and len(line.split()) <= 12 and _DATELINE_TIME.search(line):
            found = _full_date(line)
            if found:
                article.published, start = found
                article.author = article.author or line[:start].strip(" |,") or None
                continue
        if article.headline is None:
            article.headline = line
            continue
        if line == article.headline:
            continue
        words = line.split()
        if len(words) < 8:
            if (
                not article.paragraphs
                and 2 <= len(words) <= 4
                and all(w[:1].isupper() for w in words)
            ):
                article.author = article.author or line
            continue
        item = re.match(r"^(\d{1,2})\.\s+", line)
        if item:
            article.paragraphs.append(Paragraph(line[item.end() :], int(item.group(1))))
            continue
        if not article.paragraphs:
            prefix = _DATELINE_PREFIX.match(line)
            if prefix:
                article.dateline = prefix.group("place")
                article.publisher = prefix.group("publisher")
                article.agency = article.agency or prefix.group("agency")
                line = line[prefix.end() :]
        article.paragraphs.append(Paragraph(line))
    if article.paragraphs and not article.publisher:
        # Some sites sign the story with their code at its end: "... kata Xi. (rmol)"
        code = re.search(r"\(([a-z]{2,10})\)\s*$", article.paragraphs[-1].text)
        article.publisher = code.group(1).upper() if code else None
    if not article.agency:
        cited = re.search(
            r"\b(?:[Dd]ilansir(?: dari)?|[Dd]ikutip dari)\s+([A-Z][\w.]*(?: [A-Z][\w.]*){0,3})",
            article.body,
        )
        article.agency = cited.group(1) if cited else None
    if article.dateline in countries():
        article.dateline = None  # "Tiongkok, Bolong.id - ": a country, not a place
    return article


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each an exact substring of it, without opening quotes."""
    sentences, start = [], 0
    for end in re.finditer(r"[.!?][\"”’]?\s+(?=[\\\"“‘']*[A-Z0-9])", text):
        sentences.append(text[start : end.end()].strip())
        start = end.end()
    sentences.append(text[start:].strip())
    return [s.lstrip("\\\"“‘' ") for s in sentences if s.strip("\\\"“‘' ")]


def split_clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence: split at commas and semicolons outside brackets."""
    clauses, start, depth = [], 0, 0
    for i, char in enumerate(sentence):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char in ",;" and depth == 0 and (after := re.match(r"[\\\"”’]*\s", sentence[i + 1 :])):
            clauses.append((start, i))
            start = i + 1 + after.end()
    clauses.append((start, len(sentence.rstrip(' ."”\\'))))
    return clauses
