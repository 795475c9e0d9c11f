"""The draft of a summary: each finder's results put together."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from babel import Locale

from ..errors import BriefsError
from ..models import MEETING_ID
from .cleaning import Article, parse_article, split_sentences
from .dates import _years_named, find_dates, find_period, resolve
from .figures import _figures
from .people import Participant, _participant, find_participants
from .places import _place
from .points import _point, find_points
from .writing import Draft, _text

log = logging.getLogger(__name__)


def _kind(article: Article, participants: list[Participant]) -> str:
    """State visit when the article says so; more than two countries: a foreign ministers'
    meeting when every office is a foreign minister's, else a summit; two: bilateral talks."""
    if re.search(r"kunjungan\s+kenegaraan|state\s+visit", article.body, re.I):
        return "state-visit"
    if len({p.country for p in participants}) > 2:
        if all("Menteri Luar Negeri" in p.office for p in participants):
            return "foreign-ministers-meeting"
        return "summit"
    return "bilateral-talks"


def _slug(article_name: str, kind: str, participants: list[Participant]) -> str:
    """The article's own slug when it is named as a meeting id, else its countries and kind."""
    stem = Path(article_name).stem
    if MEETING_ID.match(stem):
        return stem[11:]
    names = [Locale("en").territories[c] for c in dict.fromkeys(p.country for p in participants)]
    words = names[:3] + (["and", "others"] if len(names) > 3 else []) + [kind]
    return re.sub(r"[^a-z0-9]+", "-", " ".join(words).lower()).strip("-")


def draft_summary(text: str, article_name: str) -> Draft:
    """Draft a meeting summary from an article's text; article_name is its file name."""
    article = parse_article(text)
    notes: list[str] = []
    body = article.body
    years = _years_named(body)
    mentions = find_dates(body)
    reference = article.published
    if reference is None:
        # No dateline: the story's own dates, by their weekdays, give the year.
        reference = next(
            (d for m in mentions if m.weekday is not None and (d := resolve(m, None, years))), None
        )
    date = next((d for m in mentions if (d := resolve(m, reference, years))), None)
    if date is None:
        raise BriefsError(
            f"{article_name}: no date of the meeting found (such as 'Kamis (16/7/2020)' or '16 Juli 2020')"
        )
    participants = find_participants(body)
    if not participants:
        notes.append("participants: none found; add them")
    kind = _kind(article, participants)
    summary: dict = {
        "id": f"{date.isoformat()}-{_slug(article_name, kind, participants)}",
        "kind": kind,
        "title": _text(article.headline or split_sentences(body)[0]),
        "date": date,
    }
    period = find_period(body, reference, years)
    if period and period[0] <= date <= period[1]:
        summary["period"] = {"start": period[0], "end": period[1]}
    summary["place"] = _place(article, participants, notes)
    summary["lede"] = _text(split_sentences(article.paragraphs[0].text)[0])
    summary["participants"] = [_participant(p) for p in participants]
    points = find_points(article, participants)
    if not points:
        notes.append("points: none found; add them")
    summary["points"] = [_point(p) for p in points]
    figures = _figures(article, reference or date, date, notes)
    if figures:
        summary["figures"] = figures
    summary["source"] = _source(article, article_name, notes)
    log.info(
        "drafted %s: %d participants, %d points, %d figures",
        summary["id"],
        len(participants),
        len(points),
        len(figures),
    )
    return Draft(summary, notes)


def _source(article: Article, article_name: str, notes: list[str]) -> dict:
    source: dict = {"article": article_name, "publisher": article.publisher or ""}
    if not article.publisher:
        notes.append("source.publisher: not found in the article")
    source["headline"] = article.headline or ""
    for key in ("published", "agency", "author"):
        if getattr(article, key):
            source[key] = getattr(article, key)
    return source
