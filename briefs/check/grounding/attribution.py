"""Who says it, held both ways with the one reader of reporting frames
(briefs/language/speakers.py): words the article gives one side ('..., kata Wang', 'Pihak
Tiongkok menegaskan', a one-sided pledge) need 'attributed_to'; words it gives both sides
('Kedua belah pihak menekankan', 'Semua pihak sepakat', a relayed statement's joint items) must
not have it; an 'attributed_to' names the participant (or the side) the article gives them to;
where the article does not say, a warning asks the editor."""

from __future__ import annotations

from collections.abc import Sequence

from briefs.check.grounding.finding import Finding
from briefs.check.grounding.stance import one_sided, one_sided_subject
from briefs.language.gazetteer import Gazetteer, country_name
from briefs.language.speakers import Said, Side, Speaker, read_article, speakers_of
from briefs.read.loader import Document
from briefs.read.messages import Loc
from briefs.summary.meeting import ConsensusPoint


def quote_texts(point: ConsensusPoint) -> list[str]:
    return [quote.text for quote in point.quote]


def sides_of(document: Document, gazetteer: Gazetteer) -> dict[str, str]:
    """Each name of the meeting's countries (CLDR and the glossary) -> its ISO code."""
    return {
        name: code
        for code in document.meeting.countries
        for name in gazetteer.entity(country_name(code))
        if name[:1].isupper()
    }


def read_pages(document: Document, gazetteer: Gazetteer, pages: Sequence[str]) -> list[list[Said]]:
    """Who said each sentence of each cited article (read once per summary)."""
    people = {p.name: p.country for p in document.meeting.participants if p.name}
    sides = sides_of(document, gazetteer)
    return [read_article(page, people, sides) for page in pages]


def _quote_speaker(quote: str, pages: Sequence[Sequence[Said]]) -> Speaker | None:
    """Who the article says said a quote: a reporting frame before the subject of the words,
    a named person before any other frame."""
    for page in pages:
        heard = [s for s in speakers_of(quote, page) if s is not None]
        if heard:
            ranked = sorted(
                heard,
                key=lambda s: (not s.reported, not (s.side is Side.ONE_SIDE and s.person)),
            )
            return ranked[0]
    return None


def attribution_findings(
    document: Document,
    i: int,
    point: ConsensusPoint,
    gazetteer: Gazetteer,
    pages: Sequence[Sequence[Said]],
) -> list[Finding]:
    meeting = document.meeting
    quotes = quote_texts(point)
    sides = sides_of(document, gazetteer)
    heard = [_quote_speaker(q, pages) for q in quotes]
    where: list[Loc] = [
        ("points", i, "quote", j) if len(quotes) > 1 else ("points", i, "quote")
        for j in range(len(quotes))
    ]
    if point.attributed_to is None:
        return _unattributed(point, i, quotes, heard, where, sides)
    by = next((p for p in meeting.participants if p.name == point.attributed_to), None)
    if by is None:
        return []
    at: Loc = ("points", i, "attributed_to")
    people = {s.person for s in heard if s and s.side is Side.ONE_SIDE and s.person and s.reported}
    if people and by.name not in people:
        frames = ", ".join(sorted({repr(s.frame) for s in heard if s and s.person in people}))
        return [
            Finding(
                at,
                f"{by.name!r}: the article gives these words to {', '.join(sorted(people))}"
                f" ({frames})",
            )
        ]
    if by.name in people:
        return _pledge_of_another(point.attributed_to, by.country, quotes, sides, at)
    countries = {s.country for s in heard if s and s.country}
    if countries and by.country not in countries:
        return [
            Finding(
                at,
                f"{by.name!r} ({by.country}): the article gives these words to"
                f" {', '.join(sorted(countries))}",
            )
        ]
    if by.country in countries:
        return _pledge_of_another(point.attributed_to, by.country, quotes, sides, at)
    joint = [s for s in heard if s and (s.side is Side.JOINT or s.side is Side.RELAYED)]
    if joint:
        said = joint[0]
        how = (
            f"a statement relayed by {said.outlet}"
            if said.side is Side.RELAYED
            else f"{said.frame!r}"
        )
        return [
            Finding(
                at,
                f"{by.name!r}: the article gives these words to all sides ({how}): remove"
                " 'attributed_to', or quote the sentence where one side says them",
            )
        ]
    if all(s is None or s.side is Side.UNKNOWN for s in heard):
        return [
            Finding(
                at,
                f"{by.name!r}: the article does not say who said these words: check that"
                f" {by.name} said them, or quote the sentence that says so",
                True,
            )
        ]
    return _pledge_of_another(point.attributed_to, by.country, quotes, sides, at)


def _unattributed(
    point: ConsensusPoint,
    i: int,
    quotes: list[str],
    heard: list[Speaker | None],
    where: list[Loc],
    sides: dict[str, str],
) -> list[Finding]:
    """A point shown as agreed: no quote's words are one side's."""
    for loc, speaker in zip(where, heard, strict=True):
        if speaker is None or not speaker.reported or speaker.side is not Side.ONE_SIDE:
            continue
        who = speaker.person or f"the {speaker.country} side"
        return [
            Finding(
                loc,
                f"{speaker.frame!r}: the article gives these words to {who}, not to all sides:"
                " give the point 'attributed_to', or make it a point of its own",
            )
        ]
    texts: list[tuple[Loc, str, str]] = [
        (loc, q, "id") for loc, q in zip(where, quotes, strict=True)
    ]
    texts += [(("points", i, "text", lang), point.text[lang], lang) for lang in ("id", "en")]
    for loc, text, language in texts:
        words = one_sided(text, language, sides)
        if words:
            return [
                Finding(
                    loc,
                    f"{words!r} is one side's commitment: give the point 'attributed_to', or"
                    " make it a point of its own",
                    True,
                )
            ]
    unknown = next((s for s in heard if s is not None and s.side is Side.UNKNOWN), None)
    if unknown is not None and not any(
        s is not None and s.side in (Side.JOINT, Side.RELAYED) for s in heard
    ):
        return [
            Finding(
                where[heard.index(unknown)],
                f"{unknown.frame!r}: the article does not say whether both sides agreed: if one"
                " side said it, give the point 'attributed_to'",
                True,
            )
        ]
    return []


def _pledge_of_another(
    name: str, country: str, quotes: list[str], sides: dict[str, str], at: Loc
) -> list[Finding]:
    """The speaker's words may report another side's pledge only when he is that side."""
    for quote in quotes:
        subject = one_sided_subject(quote, "id", sides)
        if subject is not None and sides.get(subject) not in (None, country):
            return [Finding(at, f"{name!r} ({country}): the quote's pledge is {subject}'s")]
    return []
