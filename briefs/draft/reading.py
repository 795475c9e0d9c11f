"""Reading: an article from a file, as pasted text or as a web page saved from a browser.

A saved page goes through trafilatura, which finds the page's main text (leaving out menus,
related stories, comments and footers) and its metadata: headline, site name, author, and the
publication date (through htmldate, which trafilatura calls). The choice was measured on the
corpus's saved pages (scripts/draft_eval.py --extractors): see DEVELOPERS.md, "Drafts".
Nothing is fetched: a web address is refused with the advice to save the page first."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from briefs.errors import BriefsError, display_path
from briefs.read.files import (
    MAX_ARTICLE_BYTES,
    UnreadableFile,
    is_utf16,
    not_utf8,
    read_regular_file,
)

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")

_INDONESIAN_WORDS = frozenset(
    "yang dan di ke dari dengan untuk pada ini itu akan dalam tidak juga adalah oleh kedua para "
    "telah sebagai bahwa atau antara serta tersebut kata mengatakan kerja sama negara".split()
)
"""Words nearly every Indonesian news report uses many times; an English or Russian one hardly any."""

_LATEST_PAGE_DATE = dt.datetime(2100, 1, 1)
"""htmldate's upper bound for a plausible date: fixed, so that no run consults the clock."""


@dataclass(frozen=True)
class SavedPage:
    """What a saved web page says about its article: the text to draft from and its metadata."""

    text: str
    headline: str | None = None
    published: dt.date | None = None
    site: str | None = None
    author: str | None = None


def is_web_address(argument: str) -> bool:
    return bool(re.match(r"^(?:https?|ftp)://|^www\.", argument.strip(), re.I))


def read_source(path: Path | str) -> tuple[str, SavedPage | None]:
    """An article's text (a page's main text for a saved web page, with its metadata), or a
    BriefsError naming the file and saying why it cannot be drafted."""
    if is_web_address(str(path)):
        raise BriefsError(
            f"{path}: briefs draft does not fetch web pages; save the page from your browser "
            "(Save Page As, 'Web page, HTML only') and draft the saved .html file"
        )
    data = _read_bytes(Path(path))
    name = display_path(Path(path))
    if not data.strip():
        raise BriefsError(f"{name}: the file is empty")
    if b"\0" in data[:8192]:
        # UTF-16 has a NUL beside every Latin letter: said as `briefs check` says it
        if is_utf16(data):
            raise BriefsError(f"{name}: {not_utf8(data)}")
        raise BriefsError(f"{name}: a binary file, not an article (text or saved web page)")
    is_page = Path(path).suffix.lower() in HTML_SUFFIXES
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if not is_page:
            raise BriefsError(f"{name}: {not_utf8(data)}") from None
        text = ""  # a page saved in its own charset: trafilatura reads the bytes
    page = None
    if is_page or _looks_like_html(text):
        page = read_page(text or data, name)
        text = page.text
    require_indonesian(text, name)
    return text, page


def read_article(path: Path) -> str:
    """An article's text to draft from (a saved page's main text), or a BriefsError."""
    return read_source(path)[0]


def _read_bytes(path: Path) -> bytes:
    """The article's bytes, through the one file reader: a FIFO, a device or a folder is
    refused by its type, never opened (a FIFO would wait for a writer forever)."""
    try:
        return read_regular_file(path, MAX_ARTICLE_BYTES)
    except UnreadableFile as error:
        if error.missing:
            raise BriefsError(f"{display_path(path)}: no such article") from None
        if str(error).startswith("is larger than"):
            raise BriefsError(
                f"{display_path(path)}: larger than {MAX_ARTICLE_BYTES} bytes; not an article"
            ) from None
        raise BriefsError(f"{display_path(path)}: {error}; not an article") from None


def _looks_like_html(text: str) -> bool:
    return bool(re.match(r"\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>])", text, re.I))


def read_page(html: str | bytes, name: str) -> SavedPage:
    """The main text and metadata of a saved web page (trafilatura, htmldate)."""
    import trafilatura

    with _quiet_discard():
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=True,
            deduplicate=False,
            # original_date: the day first published, not last modified; max_date fixed: no clock
            date_extraction_params={
                "extensive_search": False,
                "original_date": True,
                "max_date": _LATEST_PAGE_DATE,
            },
        )
    body = document.text or "" if isinstance(document, trafilatura.settings.Document) else ""
    paragraphs = [p.strip() for p in body.splitlines() if len(p.split()) >= 8]
    if not isinstance(document, trafilatura.settings.Document) or len(paragraphs) < 2:
        raise BriefsError(
            f"{name}: no article found in this page; save the article's own page, not a front "
            "page or a list of stories"
        )
    headline = _headline(document.title, document.sitename) if document.title else None
    lines = [headline] if headline else []
    lines += [line.strip() for line in body.splitlines() if line.strip()]
    published = None
    if document.date:
        try:
            published = dt.date.fromisoformat(document.date[:10])
        except ValueError:
            published = None
    return SavedPage(
        text="\n\n".join(lines) + "\n",
        headline=headline,
        published=published,
        site=document.sitename or _site_from_title(document.title),
        author=document.author,
    )


class _DropDiscard(logging.Filter):
    """trafilatura's 'discarding data: None' when it finds no main text: the draft's own error
    ('no article found in this page') says so, in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("discarding data")


@contextmanager
def _quiet_discard() -> Iterator[None]:
    logger = logging.getLogger("trafilatura.core")
    dropped = _DropDiscard()
    logger.addFilter(dropped)
    try:
        yield
    finally:
        logger.removeFilter(dropped)


def _headline(title: str, site: str | None) -> str:
    """A page's title without the site's name it often carries ('... _China Radio
    International', '... - ANTARA News', '... | Republika Online')."""
    parts = re.split(r"\s+[-|–—]\s+|_(?=[A-Z])", title)
    if len(parts) > 1 and (
        (site and site.lower() in parts[-1].lower()) or len(parts[-1].split()) <= 4
    ):
        return " - ".join(parts[:-1]).strip()
    return title.strip()


def _site_from_title(title: str | None) -> str | None:
    if not title:
        return None
    parts = re.split(r"\s+[-|–—]\s+|_(?=[A-Z])", title)
    return parts[-1].strip() if len(parts) > 1 and len(parts[-1].split()) <= 4 else None


def require_indonesian(text: str, name: str) -> None:
    """Refuse an article that is not in Indonesian: its commonest words are missing."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        raise BriefsError(f"{name}: no words in this file; not an article")
    share = sum(word in _INDONESIAN_WORDS for word in words) / len(words)
    if share < 0.08:
        raise BriefsError(
            f"{name}: not an Indonesian article ({share:.0%} of its words are common Indonesian "
            "words); briefs drafts from Indonesian news reports"
        )
