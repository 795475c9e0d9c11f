"""Who says it: a one-sided pledge or a single speaker's words need 'attributed_to', and an
'attributed_to' names the participant the article gives the words to."""

from __future__ import annotations

import re
from functools import cache

from briefs.check.grounding.finding import Finding
from briefs.check.grounding.stance import named_speakers, one_sided, one_sided_subject, said_by
from briefs.language.gazetteer import Gazetteer
from briefs.read.loader import Document
from briefs.read.messages import Loc
from briefs.summary.meeting import ConsensusPoint


def quote_texts(point: ConsensusPoint) -> list[str]:
    return [quote.text for quote in point.quote]


def _speakers(document: Document) -> dict[str, str]:
    """Each participant's name words (three letters or more) -> their name."""
    return {
        word: p.name
        for p in document.meeting.participants
        if p.name
        for word in re.findall(r"[^\W_]+(?:-[^\W_]+)*", p.name)
        if len(word) >= 2
    }


def attribution_findings(
    document: Document, i: int, point: ConsensusPoint, gazetteer: Gazetteer, article: str
) -> list[Finding]:
    meeting = document.meeting
    quotes = quote_texts(point)
    speakers = _speakers(document)
    sides = {
        name: code
        for code in meeting.countries
        for name in gazetteer.entity(country_name(code))
        if name[:1].isupper()
    }
    if point.attributed_to is None:
        where: list[tuple[Loc, str, str]] = [
            ((("points", i, "quote", j) if len(quotes) > 1 else ("points", i, "quote")), q, "id")
            for j, q in enumerate(quotes)
        ]
        where += [
            (("points", i, "text", language), point.text[language], language)
            for language in ("id", "en")
        ]
        for loc, text, language in where:
            words = one_sided(text, language, sides)
            speaker = said_by(text, speakers) if language == "id" and loc[2] == "quote" else None
            if words or speaker:
                shown = f"{words!r} is one side's commitment" if words else f"{speaker} says it"
                return [
                    Finding(
                        loc,
                        f"{shown}: give the point 'attributed_to', or make it a point of its own",
                        True,
                    )
                ]
        return []
    # attributed: the one named speaking in or around the quotes is the one it names
    by = next((p for p in meeting.participants if p.name == point.attributed_to), None)
    if by is None:
        return []
    heard: set[str] = set()
    for quote in quotes:
        heard |= named_speakers(_sentence_around(article, quote), speakers)
    if heard and by.name not in heard:
        return [
            Finding(
                ("points", i, "attributed_to"),
                f"{by.name!r}: the article gives these words to {', '.join(sorted(heard))}",
            )
        ]
    for quote in quotes:
        subject = one_sided_subject(quote, "id", sides)
        if subject is not None and sides.get(subject) not in (None, by.country):
            return [
                Finding(
                    ("points", i, "attributed_to"),
                    f"{by.name!r} ({by.country}): the quote's pledge is {subject}'s",
                )
            ]
    return []


_SENTENCE_END = re.compile(r"[.!?](?=[\"”’']?(?:\s|$))")


def _sentence_around(article: str, quote: str) -> str:
    """The sentence(s) of the article a quote stands in, up to the end of the sentence that
    closes it ('..., kata Wang.'); the quote alone when it is not in the article."""
    text = " ".join(quote.split())
    at = article.find(text)
    if at < 0:
        return text
    starts = [m.end() for m in _SENTENCE_END.finditer(article, 0, at)]
    end = _SENTENCE_END.search(article, max(at, at + len(text) - 1))
    return article[starts[-1] if starts else 0 : end.end() if end else len(article)]


@cache
def country_name(code: str) -> str:
    from babel import Locale

    return str(Locale("en").territories.get(code, code))
