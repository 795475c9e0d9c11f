"""The draft of a summary: each finder's results put together."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale

from ..errors import BriefsError
from ..models import MEETING_ID
from ..project import Project
from .cleaning import Article, parse_article, split_sentences
from .dates import meeting_date
from .figures import _figures
from .memory import Memory
from .people import Participant, _participant, find_participants
from .places import find_place
from .points import _point, find_points
from .reading import Page, read_source
from .writing import Draft, _text

log = logging.getLogger(__name__)


def _kind(article: Article, participants: list[Participant]) -> str:
    """State visit when the article says so; a summit when its headline or opening says so
    (KTT); more than two countries: a foreign ministers' meeting when every office is a
    foreign minister's, else a summit; two: bilateral talks."""
    if re.search(r"kunjungan\s+kenegaraan|state\s+visit", article.body, re.I):
        return "state-visit"
    opening = " ".join([article.headline or "", *(p.text for p in article.paragraphs[:1])])
    if re.search(r"\bKTT\b|pertemuan\s+puncak|konferensi\s+tingkat\s+tinggi", opening, re.I):
        return "summit"  # 'KTT China-Asia Tengah': a summit, whoever the article names
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
    codes = dict.fromkeys(p.country for p in participants if p.country)
    names = [Locale("en").territories[c] for c in codes]
    words = names[:3] + (["and", "others"] if len(names) > 3 else []) + [kind]
    return re.sub(r"[^a-z0-9]+", "-", " ".join(words).lower()).strip("-")


@dataclass(frozen=True)
class Context:
    """What the project knows that a draft may use: the latest year of its meetings (the bound
    for a year the article leaves out) and its translation memory."""

    latest_year: int | None = None
    memory: Memory = field(default_factory=Memory)

    @classmethod
    def of_project(cls, project: Project) -> Context:
        """The context of a project's summaries (those that load; a broken one teaches nothing)."""
        from ..validate import load_summaries

        meetings = [document.meeting for document in load_summaries(project).documents]
        return cls(
            max((m.date.year for m in meetings), default=None), Memory.from_meetings(meetings)
        )


def draft_file(path: Path | str, context: Context | None = None) -> Draft:
    """Draft a summary from an article file: pasted text, or a saved web page."""
    text, page = read_source(path)
    return draft_summary(text, Path(path).name, context, page)


def draft_summary(
    text: str, article_name: str, context: Context | None = None, page: Page | None = None
) -> Draft:
    """Draft a meeting summary from an article's text; article_name is its file name, page what
    a saved web page says about it. Never refuses a readable article: what the article does not
    settle is marked."""
    context = context or Context()
    article = parse_article(text)
    if not article.paragraphs:
        raise BriefsError(
            f"{article_name}: no article text found (no paragraph of 8 words or more)"
        )
    if page is not None:
        article.headline = page.headline or article.headline
        article.published = page.published or article.published
        article.publisher = page.site or article.publisher
        article.author = page.author or article.author
    draft = Draft({}, [], article_text=text if page is not None else None)
    notes = draft.notes
    body = article.body
    sentences = [s for _, s in article.sentences()]
    # The latest year a meeting without one can be: a year after the project's latest meeting,
    # or the latest year the page's own lines print (copyright, byline, clock), if later.
    printed = [int(y) for line in article.noise for y in re.findall(r"\b(?:19|20)\d\d\b", line)]
    latest = [*([context.latest_year + 1] if context.latest_year else []), *printed]
    bound = max(latest, default=None)
    when = meeting_date(body, sentences, article.published, bound, article.page_years)
    date = when.date
    participants = find_participants(
        body, context.memory.people, context.memory.offices, article.headline or ""
    )
    if not participants:
        notes.append("participants: none found; add them")
    kind = _kind(article, participants)
    summary = draft.summary
    summary.update(
        id=f"{date.isoformat()}-{_slug(article_name, kind, participants)}",
        kind=kind,
        title=_text(article.headline or split_sentences(body)[0]),
        date=date,
    )
    if when.unsettled:
        draft.settle(("date",), when.unsettled)
        draft.settle(("id",), "made from the date: keep it in step with the date")
    if when.period:
        summary["period"] = {"start": when.period[0], "end": when.period[1]}
        if when.unsettled:
            draft.settle(("period",), "the days of the meeting, as unsettled as its date")
    place, unsettled_place = find_place(article, participants, context.memory.cities)
    summary["place"] = place
    for loc, reason in unsettled_place.items():
        draft.settle(("place", *loc), reason)
    summary["lede"] = _text(split_sentences(article.paragraphs[0].text)[0])
    summary["participants"] = [_participant(p) for p in participants]
    for i, person in enumerate(participants):
        if person.unsure or not person.country:
            draft.settle(
                ("participants", i, "country"),
                person.unsure or "country not stated: write its code",
            )
    points = find_points(article, participants)
    if not points:
        notes.append("points: none found; add them")
    summary["points"] = [_point(p) for p in points]
    figures = _figures(article, article.published or date, date, notes)
    if figures:
        summary["figures"] = figures
    summary["sources"] = [
        _source(article, f"{summary['id']}.txt" if page is not None else article_name, draft)
    ]
    context.memory.fill(summary)
    log.info(
        "drafted %s: %d participants, %d points, %d figures, %d values to settle",
        summary["id"],
        len(participants),
        len(points),
        len(figures),
        len(draft.unsettled),
    )
    return draft


def _source(article: Article, article_name: str, draft: Draft) -> dict[str, Any]:
    """Where the article comes from; a publisher not named is the dateline's agency, unsettled."""
    source: dict[str, Any] = {
        "article": article_name,
        "publisher": article.publisher or article.agency or "",
    }
    if not article.publisher:
        draft.settle(
            ("sources", 0, "publisher"),
            f"not named: the agency of the dateline ({article.agency})"
            if article.agency
            else "not found in the article: write the site or paper that published it",
        )
    source["headline"] = article.headline or ""
    for key in ("published", "agency", "author"):
        if getattr(article, key):
            source[key] = getattr(article, key)
    return source
