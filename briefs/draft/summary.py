"""The draft of a summary: each finder's results put together, and their YAML.

The finders return dataclasses (MeetingDate, Place, Participant, Point, Figure); this module
alone turns them into the summary's fields, and marks !check every value the article does not
state, with its reason."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefs.draft.amounts import FoundFigure
from briefs.draft.cleaning import Article, parse_article
from briefs.draft.figures import article_figures
from briefs.draft.kinds import meeting_kind
from briefs.draft.meeting_dates import MeetingDate, meeting_date
from briefs.draft.memory import Memory
from briefs.draft.offices import known_country, office_title, participant_patterns, plain_name
from briefs.draft.people import FoundParticipant, find_participants
from briefs.draft.places import FoundPlace, find_place
from briefs.draft.points import FoundPoint, find_points
from briefs.draft.reading import SavedPage, read_source
from briefs.draft.sentences import split_sentences
from briefs.draft.words import OFFICE_ABBREVIATIONS, Parts, countries
from briefs.draft.writing import Draft
from briefs.errors import BriefsError
from briefs.language.gazetteer import country_name, leaders_in_office
from briefs.project import Project
from briefs.read.messages import Loc, numbered_name
from briefs.summary.fields import MEETING_ID
from briefs.summary.meeting import Meeting

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DraftContext:
    """What the project knows that a draft may use: the latest year of its meetings (the bound
    for a year the article leaves out) and its translation memory."""

    latest_year: int | None = None
    memory: Memory = field(default_factory=Memory)

    @classmethod
    def of_meetings(cls, meetings: list[Meeting]) -> DraftContext:
        """The context of summaries already read (say, by load_summaries)."""
        return cls(
            max((m.date.year for m in meetings), default=None), Memory.from_meetings(meetings)
        )

    @classmethod
    def of_project(cls, project: Project) -> DraftContext:
        """The context of a project's summaries, each read against the schema only (the
        grounding checks prove quotes, which a draft does not need): one that does not read
        (a draft still marked, a broken file) teaches nothing."""
        from briefs.read.loader import parse_summary

        parsed = (parse_summary(path) for path in project.summary_paths())
        return cls.of_meetings([p.meeting for p in parsed if not isinstance(p, list)])


def draft_file(
    path: Path | str, context: DraftContext | None = None, today: dt.date | None = None
) -> Draft:
    """Draft a summary from an article file: pasted text, or a saved web page."""
    text, page = read_source(path)
    return draft_summary(text, Path(path).name, context, page, today)


def draft_summary(
    text: str,
    article_name: str,
    context: DraftContext | None = None,
    page: SavedPage | None = None,
    today: dt.date | None = None,
) -> Draft:
    """Draft a meeting summary from an article's text; article_name is its file name, page what
    a saved web page says about it, today the brief's issue date to propose. Never refuses a
    readable article: what the article does not settle is marked."""
    context = context or DraftContext()
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
    draft = Draft({}, [], article_text=text)
    # The latest year a meeting without one can be: a year after the project's latest meeting,
    # or the latest year the page's own lines print (copyright, byline, clock), if later.
    printed = [int(y) for line in article.noise for y in re.findall(r"\b(?:19|20)\d\d\b", line)]
    latest = [*([context.latest_year + 1] if context.latest_year else []), *printed]
    when = meeting_date(
        article.body,
        [s for _, s in article.sentences()],
        article.published or article.dated,
        max(latest, default=None),
        article.page_years,
        article.captions,
        None if article.published else article.dated_from,
    )
    participants = find_participants(
        article.body,
        context.memory.people,
        {**leaders_in_office(when.date.year), **context.memory.offices},
        article.headline or "",
        [*context.memory.cities, *([article.dateline] if article.dateline else [])],
        when.announced,
    )
    elsewhere, in_captions_only = _named_elsewhere(article, participants, context, when)
    participants += elsewhere
    # the meeting's year, to tell a sentence of an earlier time: the page's date, else the
    # latest year the page prints
    dated = article.published or article.dated
    year = dated.year if dated else max(article.page_years, default=None)
    place = find_place(article, participants, context.memory.cities, when.quote, year, when.date)
    in_caption, countryless = _of_the_day(in_captions_only, when, place)
    participants += in_caption
    if countryless:
        # a name with neither a country nor a sentence of the story is the editor's to place:
        # said, not listed as a participant of no side
        draft.notes.append(
            "participants: named only in a caption of the meeting's day, with no country the "
            "article, the project's summaries or the leaders briefs knows give: "
            + ", ".join(f"{p.office} {p.name}" for p in countryless)
            + "; add those who took part"
        )
    _host_of_the_place(participants, place.country)
    kind, kind_unsettled = meeting_kind(article, participants, when, place.country)
    summary = draft.summary
    summary.update(
        id=f"{when.date.isoformat()}-{_slug(article_name, kind, participants)}",
        kind=kind,
        title=_text(article.headline or split_sentences(article.body)[0]),
        date=when.date,
    )
    if kind_unsettled:
        draft.settle(("kind",), kind_unsettled)
    _date(draft, when)
    summary["place"] = _place(draft, place)
    summary["issued"] = today or dt.date.today()
    draft.settle(("issued",), "the day drafted: write the day the brief is issued")
    summary["lede"] = _text(split_sentences(article.paragraphs[0].text)[0])
    sentences = Parts([s for _, s in article.sentences()])  # once: long pages name many
    summary["participants"] = [
        _participant(draft, i, person, sentences) for i, person in enumerate(participants)
    ]
    if not participants:
        draft.notes.append("participants: none found; add them")
    points = find_points(article, participants)
    if not points:
        draft.notes.append("points: none found; add them")
    summary["points"] = [_point(draft, i, point) for i, point in enumerate(points)]
    figures = article_figures(article, article.published or when.date)
    if figures:
        summary["figures"] = [
            _figure(draft, i, figure, article.published, when) for i, figure in enumerate(figures)
        ]
    summary["sources"] = [_source(article, _article_name(article_name, draft, page), draft)]
    if not article.published:
        draft.notes.insert(
            0,
            "sources[0].published: the page gives no publication date; write it (relative days, "
            "a year left out and 'akan' were read without it)",
        )
    context.memory.fill(summary)
    _anchor_times(draft, when.date if not when.unsettled else article.published)
    log.info(
        "drafted %s: %d participants, %d points, %d figures, %d values to settle",
        summary["id"],
        len(participants),
        len(points),
        len(figures),
        len(draft.unsettled),
    )
    return draft


def _named_elsewhere(
    article: Article, participants: list[FoundParticipant], context: DraftContext, when: MeetingDate
) -> tuple[list[FoundParticipant], list[tuple[str, FoundParticipant]]]:
    """Participants named in their office only in the headline or a caption of this meeting
    (a caption with another day is of another event), each marked for the editor, since a
    caption shows who was there but not always at this meeting; and, apart with their caption,
    those a caption names whom the story names nowhere (to be listed only when the caption is
    of this meeting's day: _of_the_day)."""
    from briefs.draft.dates import find_dates

    taken = {h for p in participants for h in p.handles()}
    found: list[FoundParticipant] = []
    captions_only: list[tuple[str, FoundParticipant]] = []
    for where, text in [
        ("headline", article.headline or ""),
        *(("caption", c) for c in article.captions),
    ]:
        days = [(d.day, d.month) for d in find_dates(text)]
        if where == "caption" and any(day != (when.date.day, when.date.month) for day in days):
            continue
        people = find_participants(
            text, context.memory.people, context.memory.offices, "", context.memory.cities
        )
        if where == "caption":
            people += _listed_under_one_office(text, article.body, context)
        for person in people:
            if not person.name or person.handles() & taken:
                continue
            # the story must call them by their name too ('Xi', 'Berdimuhamedov'): a caption or
            # a headline alone may show another event, and a headline's capitals run into names
            words = [w for w in person.name.split() if _names_word(w, article.body)]
            if where == "caption" and not words:
                taken |= person.handles()
                captions_only.append((text, person))
                continue
            if not words or (where == "headline" and len(words) < len(person.name.split())):
                continue
            taken |= person.handles()
            person.position = -1
            person.evidence = (
                f"named in their office only in the {where} (the story calls them "
                f"{' '.join(words)!r}): check that they took part"
            )
            found.append(person)
    return found, captions_only


def _listed_under_one_office(
    caption: str, body: str, context: DraftContext
) -> list[FoundParticipant]:
    """The names a caption lists after one office ('Presiden Xi Jinping berfoto bersama
    Presiden Kassym-Jomart Tokayev, Sadyr Japarov dan Emomali Rahmon'): each in that office,
    of the country the project's summaries give the name, else of none (to be written)."""
    listed: list[FoundParticipant] = []
    for m in participant_patterns()["office_name_list"].finditer(caption):
        for raw in re.split(r"\s*,\s*(?:dan\s+)?|\s+dan\s+", m.group("list")):
            name = plain_name(raw, body, frozenset(context.memory.cities))
            if not name or name != raw.strip():
                continue  # a word cut from the name: a place or a common word, not a list of names
            country, unsure = known_country(name, context.memory.people)
            listed.append(
                FoundParticipant(
                    country, office_title(m.group("office")), name, None, m.start(), unsure
                )
            )
    return listed


def _of_the_day(
    in_captions_only: list[tuple[str, FoundParticipant]], when: MeetingDate, place: FoundPlace
) -> tuple[list[FoundParticipant], list[FoundParticipant]]:
    """Those named only in a caption, when the caption is of this meeting's day: it dates
    itself to the meeting's day, or states no day and names the meeting's city; each marked for
    the editor ('named only in a caption'). Apart, those of them with no country known."""
    from briefs.draft.dates import find_dates

    kept: list[FoundParticipant] = []
    countryless: list[FoundParticipant] = []
    for caption, person in in_captions_only:
        days = {(d.day, d.month) for d in find_dates(caption)}
        dated = days == {(when.date.day, when.date.month)}
        in_the_city = not days and bool(place.city) and _names_word(place.city or "", caption)
        if not (dated or in_the_city):
            continue
        person.position = -1
        # the caption's sentence that names them, not its credit ('….(Layanan pers …/AFP)')
        person.quote = next(
            (
                re.sub(r"(?<=[.!?])\s*\([^()]*\)?\s*$", "", s)
                for s in split_sentences(caption)
                if person.name and person.name in s
            ),
            None,
        )
        person.evidence = (
            "named only in a caption "
            + ("dated the meeting's day" if dated else f"of the meeting's city ({place.city})")
            + ", nowhere in the story: check that they took part"
        )
        (kept if person.country else countryless).append(person)
    return kept, countryless


def _anchor_times(draft: Draft, day: dt.date | None) -> None:
    """The lede's, each point's and each outcome's texts (never a quote, which keeps the
    article's words) with time relative to the article written as the time it means, counted
    from day (the meeting's, or the publication's when the meeting's is not settled); a phrase
    that cannot be counted ('pekan lalu', 'baru-baru ini'), or any when there is no day to count
    from, is left as written and its text marked for the editor."""
    from briefs.language.time import anchored, relative_phrases

    summary = draft.summary
    texts: list[tuple[Loc, dict[str, Any]]] = [(("lede",), summary["lede"])]
    for section in ("points", "outcomes"):
        texts += [
            ((section, i, "text"), item["text"]) for i, item in enumerate(summary.get(section, []))
        ]
    for loc, text in texts:
        left: list[str] = []
        for language in ("id", "en"):
            if day is None:
                left += relative_phrases(text[language], language)
                continue
            text[language], kept = anchored(text[language], language, day)
            left += kept
        if left:
            phrases = ", ".join(repr(p) for p in dict.fromkeys(left))
            draft.settle(
                loc,
                f"time relative to the article, {phrases}, "
                + (
                    "not counted (no settled meeting or publication date)"
                    if day is None
                    else "which the drafter cannot count"
                )
                + "; write the time it means ('in 2023', 'as of May 2024')",
            )


def _names_word(word: str, text: str) -> bool:
    return bool(re.search(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", text))


def _article_name(article_name: str, draft: Draft, page: SavedPage | None) -> str:
    """The article's file in sources/articles/: the meeting's id for a saved page or for text
    not yet named so; an article already named as a meeting keeps its name."""
    if page is None and MEETING_ID.match(Path(article_name).stem):
        return article_name
    return f"{draft.meeting_id}.txt"


# The summary's fields --------------------------------------------------------------------------


def _text(indonesian: str) -> dict[str, Any]:
    """A text of the summary: the Indonesian as drafted, the English for the editor to write."""
    return {"id": indonesian, "en": ""}


def _slug(article_name: str, kind: str, participants: list[FoundParticipant]) -> str:
    """The article's own slug when it is named as a meeting id, else its countries and kind
    ('china-kazakhstan-bilateral-talks'; 'china-central-asia-summit' is an editor's choice):
    two countries by name, more as the first and 'multilateral'."""
    stem = Path(article_name).stem
    if MEETING_ID.match(stem):
        return stem[11:]
    codes = list(dict.fromkeys(p.country for p in participants if p.country))
    names = [country_name(c) for c in codes]
    words = names if len(names) <= 2 else [names[0], "multilateral"]
    return re.sub(r"[^a-z0-9]+", "-", " ".join([*words, kind]).lower()).strip("-")


def _date(draft: Draft, when: MeetingDate) -> None:
    """The date's quote, period and marks."""
    summary = draft.summary
    if when.quote:
        both = [when.quote, when.period_quote] if when.period_quote else None
        summary["date_quote"] = both or when.quote
    if when.unsettled:
        draft.settle(("date",), when.unsettled)
        draft.settle(("id",), "made from the date: keep it in step with the date")
    if when.period:
        summary["period"] = {"start": when.period[0], "end": when.period[1]}
        if when.unsettled:
            draft.settle(("period",), "the days of the meeting, as unsettled as its date")


def _place(draft: Draft, place: FoundPlace) -> dict[str, Any]:
    """The place's fields, its quote and its marks."""
    entry: dict[str, Any]
    if place.online:
        entry = {"online": True}
    elif place.city is None:
        entry = {"stated": False}
    else:
        entry = {"city": _text(place.city)}
        if place.venue:
            entry["venue"] = _text(place.venue)
        entry["country"] = place.country or ""
    if place.quote and place.stated:
        entry["quote"] = place.quote
    for name, reason in place.unsettled.items():
        draft.settle(("place", name) if name else ("place",), reason)
    return entry


def _names_country(text: str, code: str) -> bool:
    return any(
        re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
        for name, of in countries().items()
        if of == code
    )


def _states_office(text: str, office: str) -> bool:
    """Does the text give the office, in full or by the press's short forms, in any case?"""
    spelled = text
    for short, full in OFFICE_ABBREVIATIONS.items():
        spelled = re.sub(rf"\b{re.escape(short)}(?!\w)", full, spelled)
    return office.casefold() in spelled.casefold()


def _host_of_the_place(participants: list[FoundParticipant], country: str | None) -> None:
    """Someone named with no country anywhere ('teman lama saya, Presiden Nursultan
    Nazarbayev', in a story of a visit to Astana, Kazakhstan), when no one else is of the
    meeting's country: the host, that country, marked."""
    if not country or any(p.country == country for p in participants):
        return
    unknown = [p for p in participants if not p.country and p.name]
    if len(unknown) == 1:
        unknown[0].country = country
        unknown[0].unsure = (
            f"country not stated: {country}, that of the meeting's place, whose side no one "
            "else is of (the host?)"
        )


def _participant_quote(person: FoundParticipant, sentences: Parts) -> str | None:
    """The sentence (of the story's, in order) that names the participant in their office and
    for their country, or the one that names them in their office, or the first that names them
    at all."""
    if not person.name:
        # an office-holder the story does not name: the sentence with the office and country
        return next(
            (
                s
                for s in sentences.all
                if _states_office(s, person.office) and _names_country(s, person.country)
            ),
            None,
        )
    named = sentences.containing(person.name)
    with_office = [s for s in named if _states_office(s, person.office)]
    with_country = [s for s in with_office if _names_country(s, person.country)]
    return next(iter(with_country or with_office or named), None)


def _participant(
    draft: Draft, i: int, person: FoundParticipant, sentences: Parts
) -> dict[str, Any]:
    """A participant's fields, the quote that shows them, and what it does not state."""
    entry: dict[str, Any] = {}
    if person.name:
        entry["name"] = person.name
    if person.native_name:
        # Han characters for a Chinese name: the mainland's simplified script.
        entry.update(
            native_name=person.native_name,
            native_lang="zh-Hant" if person.country == "TW" else "zh-Hans",
        )
    entry.update(country=person.country, office=_text(person.office))
    quote = _participant_quote(person, sentences) or person.quote
    if quote:
        entry["quote"] = quote
    if person.evidence:
        draft.settle(("participants", i), person.evidence)
    if person.unsure or not person.country:
        draft.settle(
            ("participants", i, "country"), person.unsure or "country not stated: write its code"
        )
    elif quote and not _names_country(quote, person.country):
        draft.settle(
            ("participants", i, "country"),
            f"not in the sentence that names them: {person.country} is the country the article "
            "gives them elsewhere",
        )
    if quote and not _states_office(quote, person.office):
        # an office the sentence does not give is marked, also when it came with the country
        # from the project's summaries ('Xi Jinping dan Vladimir Putin bertemu': 'Presiden')
        reason = "not in the sentence that names them: check it"
        if person.unsure and "office" in person.unsure:
            reason = f"{person.unsure}, not in the sentence that names them: check it"
        draft.settle(("participants", i, "office"), reason)
    return entry


def _point(draft: Draft, i: int, point: FoundPoint) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "text": _text(point.text),
        "quote": point.quote[0] if len(point.quote) == 1 else point.quote,
    }
    if point.attributed_to:
        entry["attributed_to"] = point.attributed_to
    if point.earlier:
        draft.settle(("points", i), point.earlier)
    return entry


def _figure(
    draft: Draft, i: int, figure: FoundFigure, published: dt.date | None, when: MeetingDate
) -> dict[str, Any]:
    """A figure's fields; a year its quote does not state is marked, never taken silently."""
    entry: dict[str, Any] = {"label": _text(figure.label), "value": figure.value}
    entry["unit"] = figure.unit
    if figure.noun:
        entry["noun"] = _text(figure.noun)
    if figure.qualifier:
        entry["qualifier"] = figure.qualifier
    if figure.lower is not None:
        draft.notes.append(
            f"{numbered_name(('figures', i))}: the article gives a range ({figure.lower} to {figure.value}); "
            f"drafted as up to {figure.value}"
        )
    if figure.out_of is not None and figure.out_of >= figure.value:
        entry["out_of"] = figure.out_of
    if figure.year is not None:
        entry["year"] = figure.year
        if figure.year_relative and not published and when.unsettled:
            draft.settle(
                ("figures", i, "year"),
                "counted from the meeting's date, itself not settled (no publication date)",
            )
    if figure.period:
        entry["period"] = _text(figure.period)
    if figure.year is None and not figure.period:
        year = (published or when.date).year
        entry["year"] = year
        draft.settle(
            ("figures", i, "year"),
            f"the quote states no year: {year} is the year of the "
            f"{'publication' if published else 'meeting'}; write the year the figure is for, "
            "or its period",
        )
    if figure.equivalent:
        equivalent: dict[str, Any] = {
            "value": figure.equivalent.value,
            "unit": figure.equivalent.unit,
        }
        if figure.equivalent.qualifier:
            equivalent["qualifier"] = figure.equivalent.qualifier
        entry["equivalent"] = equivalent
    entry["quote"] = figure.quote
    return entry


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
    if article.agency and article.agency.casefold() == (article.publisher or "").casefold():
        del source["agency"]  # 'ANTARA ... Citing ANTARA': the publisher is its own agency
    return source
