"""Cleaning: an article's story without its noise, split into paragraphs and sentences."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from briefs.draft.datelines import (
    author_before,
    date_only,
    is_byline_with_date,
    iso_date,
    other_byline_date,
    read_dateline,
    stamp_date,
)
from briefs.draft.dates import full_date, year_of_the_page
from briefs.draft.sentences import split_sentences
from briefs.draft.words import weekdays
from briefs.language.scripts import han_count

log = logging.getLogger(__name__)

_NOISE = re.compile(
    r"(?i:^(?:BACA\s+JUGA\b|Baca\s+(?:juga|selengkapnya)\s*:|banner$|Lama\s+Baca\b|Cek\s+Berita\b"
    r"|ADVERTISEMENT|SCROLL\s+TO\s+CONTINUE|Nyaman\s+tanpa\s+iklan|Langganan\b|Cari\s+Tahu\b"
    r"|Kumpulan\s+Kuis|Bagikan\s*:|Share\s*:|Simak\s+(?:juga|berita|breaking)|Ikuti\s+(?:kami|berita)"
    r"|Lihat\s+juga\s*:|Tonton\s+juga|Dapatkan\s+update|Download\s+aplikasi|Unduh\s+aplikasi"
    r"|Tag(?:s)?\s*:|Topik\s*:|Halaman\s+(?:selanjutnya|berikutnya)|Copyright\b|Hak\s+cipta\b"
    r"|Dilarang\s+(?:keras\s+)?mengambil\b|All\s+rights\s+reserved|\d+\s+komentar\b|Komentar\s*\(\d+\))"
    r"|Google\s+News|-Image-\d+\s*$|\bImage\s+from\b|©|All\s+rights\s+reserved"
    r"|^\W*LIVE\s+\d|^Dengarkan\s+(?:Siaran|Radio|Live)\b|\bLeave\s+a\s+comment\b"
    r"|^Skip\s+to\s+content|^Lompat\s+ke\s+konten|^Iklan$|^ADVERTISEMENT|^Advertisement)"
)
"""Lines of the page that are not the story: links to other stories, calls to subscribe or
share, copyright lines, comment counts."""
_CAPTION = re.compile(
    r"(?:\(\s*(?:ANTARA|Antara|Foto|FOTO|Photo|PHOTO|Xinhua|XINHUA|Reuters|REUTERS|AFP|AP|Getty|"
    r"Dok|dok|Ist|ist|Istimewa|Sumber\s+foto)\b[^()]*\)"
    r"|\((?=[^()]*[A-Za-z]{2})[A-Z][^()]*/[^()]*\)"  # "(ANTARA/Reuters/Guglielmo Mangiapane/aa.)"
    r")\.?\s*$"
    r"|\([A-Z]{2,8}\)\s*$"  # a credit in capitals, no full stop: "... berjabat tangan (CMG)"
    r"|^(?:Foto|FOTO|Ilustrasi|Keterangan\s+foto)\s*[:|-]|^Ilustrasi\b"
    r"|\[\s*(?:Foto|FOTO|Dok)[^\]]*\]\s*$"  # "... [Foto: Setpres]"
    r"|\b(?:Foto|FOTO)\s*:\s*[^.]{2,40}$"  # "Presiden Xi Jinping. Foto: Reuters"
    r"|\b(?:REUTERS|AFP|AP|XINHUA|ANTARA\s+FOTO)/[A-Z]"
    r"|\s/\s?[A-Z][\w.]*\s*$"  # "Presiden Uzbekistan Shavkat Mirziyoyev /Net"
    r"|[.,]\s*[A-Z][A-Za-z]+/(?:[A-Z][\w.’'-]*\s?){1,4}\.?\s*$"  # ". Sputnik/Mikhail Klimentyev"
    r"|\s[-–]\s*(?:CMG|Xinhua|AFP|Reuters|ANTARA)\s*$"  # "... berjabat tangan - CMG"
    r"|\bvia\s+(?:REUTERS|Reuters|AFP|AP|ANTARA|Xinhua|XINHUA)\s*$"  # "Sputnik/... via REUTERS"
)
"""A photo's caption: the line ends with its credit in brackets ('(ANTARA/Reuters/...)', '(Foto:
...)', '(CMG)') or opens with 'Foto:', or names the photographer as 'REUTERS/Name'."""
_CREDIT = re.compile(r"(?<=[.!?])\s*\([^()]*\)?\s*$|\s*\([^()]*/[^()]*\)?\s*$")
"""A caption's photo credit at its end ('. (Xinhua/Zhao Lin)', '(ANTARA/…', a bracket left open)."""


_OF_A_MEETING = re.compile(
    r"\b(?:bertemu|menemui|pertemuan|pembicaraan|berbicara|berunding|perundingan|KTT"
    r"|konferensi|sidang|rapat|berjabat\s+tangan|berfoto|menghadiri|menyambut|disambut|upacara"
    r"|menandatangani|penandatanganan|menyaksikan)\b",
    re.I,
)


def of_a_meeting(caption: str) -> bool:
    """Is the caption a photo of a meeting: people meet, talk, shake hands, pose, sign, are
    welcomed (not a view of the city, an airport, a monument)?"""
    return bool(_OF_A_MEETING.search(caption))


def without_credit(sentence: str) -> str:
    """A caption's sentence without the photo's credit: what it says, to quote."""
    return _CREDIT.sub("", sentence).strip()


_BYLINE = re.compile(
    r"^(?P<role>Penulis|Pewarta|Reporter|Oleh|Editor|Penyunting|Redaktur|Editor\s+Bahasa|Fotografer"
    r"|Sumber|Source|Rep|Red|Laporan|Kontributor|Wartawan)\s*:\s*(?P<who>.*)$",
    re.I,
)
"""'Pewarta: ...', 'Editor: ...', 'Sumber: Xinhua': who wrote, edited or sent the story."""
_CREDIT_AT_END = re.compile(
    r"\s*(?:\[(?P<bracketed>[A-Za-z][\w. ]{1,20})\]|\((?P<code>[a-z]{2,10}(?:/[a-z]{2,10})*)\)"
    r"|\((?:Sumber|sumber)\s*:\s*(?P<source>[^)]{2,40})\))\s*$"
)
"""A site's or agency's code closing the story: '[Antara]', '(rmol)', '(ant/pr)', '(Sumber: Xinhua)'."""
_END_OF_STORY = re.compile(
    r"^(?:Komentar|Berita\s+Lainnya|Berita\s+Terkait|Artikel\s+Terkait|Terpopuler|Populer"
    r"|Terkini|Berita\s+Terkini|Paling\s+Banyak\s+Dibaca|Most\s+Read|Rekomendasi|Baca\s+Berita\s+Lainnya"
    r"|Pilihan\s+Redaksi|Artikel\s+Lainnya|BERITA\s+LAINNYA|Recent\s+Posts|Related\s+Posts"
    r"|Postingan\s+Terbaru|Posting\s+Terbaru|Artikel\s+Terbaru|Pos-pos\s+Terbaru)\s*:?\s*$",
    re.I,
)
"""A heading after which the page lists other stories or comments."""


def is_noise(line: str) -> bool:
    """A line of the page that is not part of any story."""
    return bool(_NOISE.search(line))


def is_caption(line: str) -> bool:
    """A photo caption: it has its own date, place and people, never the meeting's. (A line of
    more than 60 words is a paragraph, whatever its end.)"""
    return len(line.split()) <= 60 and bool(_CAPTION.search(line))


_MENU_SEPARATORS = re.compile(r"\s{2,}|\s[|»>›/·•]\s|\t")


_CLOCK = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+[A-Z][a-z]+\s+\d{1,2},\s+\d{4}$"
)


def _same_as_headline(line: str, headline: str | None) -> bool:
    """The headline again, maybe without the site's name the page title adds ('... - DW')."""
    if not headline:
        return False
    return line == headline or (len(line) >= 20 and headline.startswith(line))


def _is_clock(line: str) -> bool:
    """'Tuesday, May 14, 2024': the page's clock, the day it was saved, not published."""
    return bool(_CLOCK.match(line))


def _is_slug(line: str, headline: str | None) -> bool:
    """'xi jinping pimpin ktt china ...': the headline again as the page's address slug."""
    if not headline or line != line.lower():
        return False

    def simple(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()

    return simple(line) == simple(headline)


def is_menu(line: str) -> bool:
    """A navigation bar pasted with the story: 'Beranda  Tiongkok  Internasional  Video',
    'Home > Internasional', 'Beranda » Internasional', or mostly Chinese labels ('首页 | 新闻')."""
    cjk = han_count(line)
    if cjk >= 2 and cjk >= len(line.replace(" ", "")) / 3:
        return True
    parts = [p for p in _MENU_SEPARATORS.split(line) if p.strip()]
    if len(parts) < 2 or re.search(r"[.!?]$", line):
        return False
    return all(len(p.split()) <= 4 for p in parts) and len(line.split()) <= 25


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
    dated: dt.date | None = None
    """The day the dateline gives ('XI'AN, 19 Mei (Xinhua) --'), when the page gives no
    publication date: the story's own clock; its year, when the dateline gives none, is the
    page's own (`dates.year_of_the_page`), and dated_from says where it comes from."""
    dated_from: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    noise: list[str] = field(default_factory=list)
    page_years: list[int] = field(default_factory=list)
    """Every year the page prints, noise and captions too: the page is no older than the last."""

    @property
    def body(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def sentences(self) -> Iterator[tuple[Paragraph, str]]:
        """(paragraph, sentence) for every sentence of the story, in order."""
        for paragraph in self.paragraphs:
            for sentence in split_sentences(paragraph.text):
                yield paragraph, sentence


_CITED = re.compile(
    r"\b(?:[Dd]ilansir(?: dari)?|[Dd]ikutip dari|[Mm]elansir)\s+([A-Z][\w.]*(?: [A-Z][\w.]*){0,3})"
)


def parse_article(text: str) -> Article:
    """Split an article as pasted from a news site into its headline, dateline and story,
    setting aside captions, bylines, menus and other page noise."""
    article = Article()
    lines = [line.strip() for line in text.splitlines()]
    short: list[str] = []  # short lines before the headline
    headlines: list[str] = []  # every line before the story that could be its headline
    for line in lines:
        if not line:
            continue
        article.page_years += [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", line)]
        if _END_OF_STORY.match(line):
            if article.paragraphs:
                break  # comments and other stories follow
            continue
        byline = _BYLINE.match(line)
        if byline and len(line.split()) <= 12:
            role, who = byline.group("role").lower(), byline.group("who").strip()
            if role in ("sumber", "source"):
                article.agency = article.agency or who or None
            elif role in ("penulis", "pewarta", "reporter", "oleh", "rep", "laporan") and who:
                article.author = article.author or who
            article.noise.append(line)
            continue
        if is_noise(line):
            article.noise.append(line)
            continue
        if is_caption(line):
            article.captions.append(line)
            continue
        if len(line.split()) <= 14 and (published := date_only(line)):
            if article.published is None:
                article.published = published
                before = line[: line.find(str(published.day))].strip(" |,")
                if before and before.split(",")[-1].strip().lower() not in weekdays():
                    article.author = article.author or before
            article.noise.append(line)
            continue
        if stamped := stamp_date(line):
            # '2022/08/05 09:48 KST' at the top or foot of the story: when it was published
            article.published = article.published or stamped
            article.noise.append(line)
            continue
        if len(article.paragraphs) <= 1 and is_byline_with_date(line):
            found = full_date(line) or iso_date(line) or other_byline_date(line)
            if found and article.published is None:
                article.published, start = found
                article.author = article.author or author_before(line[:start])
            article.noise.append(line)
            continue
        if is_menu(line) or _is_clock(line) or _is_slug(line, article.headline):
            article.noise.append(line)
            continue
        words = line.split()
        if not article.paragraphs and 3 <= len(words) <= 20 and not line.endswith("."):
            headlines.append(line)
        if article.headline is None and not read_dateline(line):
            # a headline: a few words, no full stop; before it, the site's name or a section
            if 4 <= len(words) <= 20 and not line.endswith("."):
                article.headline = line
                continue
            if len(words) < 8:
                short.append(line)
                continue
            article.headline = short.pop() if short else None  # the story starts
        if _same_as_headline(line, article.headline) or any(
            line == p.text for p in article.paragraphs
        ):
            continue  # printed twice
        if len(words) < 8:
            if (
                not article.paragraphs
                and 2 <= len(words) <= 4
                and all(w[:1].isupper() for w in words)
                and not _NOT_AN_AUTHOR.match(line)
            ):
                article.author = article.author or line
            article.noise.append(line)
            continue
        item = re.match(r"^(\d{1,2})\.\s+", line)
        if item:
            article.paragraphs.append(Paragraph(line[item.end() :], int(item.group(1))))
            continue
        article.paragraphs.append(Paragraph(line))
    _story_from_dateline(article, text)
    if article.headline is None and short:
        article.headline = short[-1]
    _headline_of_the_story(article, headlines)
    article.noise += [line for line in short if line != article.headline]
    _credit_at_end(article)
    if not article.agency:
        cited = _CITED.search(article.body)
        article.agency = cited.group(1) if cited else None
    return article


_NOT_AN_AUTHOR = re.compile(
    r"^(?:Dengarkan|Baca|Lihat|Simak|Tonton|Ikuti|Bagikan|Unduh|Download|Live|Streaming|Posted)\b",
    re.I,
)
"""'Dengarkan Siaran', 'Simak Video': a button's words, not a name."""


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{4,}", text.casefold())}


def _headline_of_the_story(article: Article, candidates: list[str]) -> None:
    """Of the lines before the story that could be its headline (a blog's tagline, a radio's
    'LIVE 738 AM', a section's name, the headline), the one that shares most words with the
    story's opening; the one first taken when none shares more."""
    if not article.paragraphs or not candidates:
        return
    opening = _content_words(" ".join(p.text for p in article.paragraphs[:2]))
    best = max(candidates, key=lambda line: len(_content_words(line) & opening))
    current = len(_content_words(article.headline or "") & opening)
    if len(_content_words(best) & opening) > current and best != article.headline:
        if article.headline:
            article.noise.append(article.headline)
        article.headline = best


def _story_from_dateline(article: Article, page: str) -> None:
    """The story starts at its dateline ('Nur-Sultan (ANTARA) - ...'): what comes before it in
    the first paragraphs is a caption or a teaser, set aside; the dateline is read and cut. A
    day it gives without a year is dated by the page's own years, or not at all."""
    for index, paragraph in enumerate(article.paragraphs[:4]):
        dateline = read_dateline(paragraph.text)
        if dateline is None:
            continue
        article.captions += [p.text for p in article.paragraphs[:index]]
        del article.paragraphs[:index]
        article.dateline = dateline.place
        article.publisher = dateline.publisher
        article.agency = article.agency or dateline.agency
        article.dated = dateline.day
        if dateline.day is None and dateline.day_month:
            dated = year_of_the_page(*dateline.day_month, page, article.page_years)
            if dated:
                article.dated = dated[0]
                article.dated_from = f"the dateline's day, dated by {dated[1]}"
        first = article.paragraphs[0]
        first.text = first.text[dateline.length :]
        return


def _credit_at_end(article: Article) -> None:
    """Some sites sign the story with their code at its end: '... kata Xi. (rmol)', '[Antara]';
    the code is the publisher (or the agency it came from) and no part of the story."""
    if not article.paragraphs:
        return
    last = article.paragraphs[-1]
    credit = _CREDIT_AT_END.search(last.text)
    if not credit:
        return
    last.text = last.text[: credit.start()]
    if credit.group("code") and not article.publisher:
        article.publisher = credit.group("code").split("/")[0].upper()
    elif credit.group("bracketed") or credit.group("source"):
        article.agency = article.agency or credit.group("bracketed") or credit.group("source")
    if not last.text.strip():
        article.paragraphs.pop()
