"""Grounding: every text of a summary says no more than the article sentences it stands on, and
every fact a brief prints is proven by its own quote.

Part of the validate stage (called from checks.check_document), one module per check:

- numbers.py (errors): the numbers of a text are stated by its quotes; a figure is held to its
  quote field by field; the title's and lede's numbers to the headline and the summary's quotes;
- names.py (errors): the named things of an Indonesian text are in its quotes, those of an
  English text have their twin in the Indonesian;
- stance.py: stance and modality (warnings), negation and polarity (errors); attribution.py:
  who says it;
- claims.py (warnings): a point is about its quotes, and adds no content word of its own;
- facts.py: the date, place, participants and kind against their quotes.

`hold_text` holds any bilingual text to a list of quote texts with the checks of a point; the
rules and their blind spots are written down in DEVELOPERS.md ("Grounding checks")."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

from briefs.check.grounding import added, claims, english, names
from briefs.check.grounding.added import added_findings
from briefs.check.grounding.attribution import attribution_findings, read_pages
from briefs.check.grounding.claims import (
    OVERLAP_THRESHOLD,
    name_counts,
    overlap,
    own_words,
    untwinned_words,
)
from briefs.check.grounding.english import english_findings
from briefs.check.grounding.facts import (
    date_findings,
    kind_findings,
    participant_findings,
    place_findings,
)
from briefs.check.grounding.finding import Finding, their
from briefs.check.grounding.names import own_translations, unmatched_names
from briefs.check.grounding.numbers import figure_findings, unquoted_numbers
from briefs.check.grounding.stance import negations, polarities, stances
from briefs.errors import Problem
from briefs.language import numbers as reader
from briefs.language.gazetteer import Gazetteer
from briefs.language.time import meant_times, month_twins
from briefs.read.loader import Document
from briefs.read.messages import Loc
from briefs.summary.fields import Text
from briefs.summary.figures import Figure
from briefs.summary.meeting import ConsensusPoint, Outcome, texts_of
from briefs.summary.vocabulary import Glossary, Rendering

log = logging.getLogger(__name__)

Item = ConsensusPoint | Figure | Outcome


def quote_texts(item: Item) -> list[str]:
    """The quoted sentences of a point, figure or outcome, as plain text."""
    return [quote.text for quote in item.quote]


def hold_text(
    text: Text,
    quotes: Sequence[str],
    gazetteer: Gazetteer,
    loc: Loc,
    *,
    what: str = "text",
    article: str | None = None,
    overlap_at: Loc | None = None,
    glossary: Glossary | None = None,
) -> list[Finding]:
    """Hold one bilingual text to its quotes with the checks of a consensus point: numbers (both
    languages), names (Indonesian in the quotes, English twinned in the Indonesian), negation and
    polarity (errors), stance and modality (warnings, both ways), subject words and names the
    other language lacks (warnings); with the article, list items of its own (warnings); with
    overlap_at (the field of its quotes), a text that shares less than OVERLAP_THRESHOLD of its
    content words with them (a warning there). loc is the field of the text ('points', 3,
    'text'); a point's attribution is checked apart (it needs the participants)."""
    found = text_findings(
        text, list(quotes), gazetteer, loc, what, stance_both_ways=True, glossary=glossary
    )
    quoted = list(quotes)
    if overlap_at is not None and (share := overlap(text.id, quoted)) < OVERLAP_THRESHOLD:
        found.append(
            Finding(
                overlap_at,
                f"the {what}'s text shares {share:.0%} of its content words with its quotes:"
                f" is the quote about this {what}?",
                True,
            )
        )
    for language, word in untwinned_words(text):
        other = "Indonesian" if language == "en" else "English"
        found.append(Finding((*loc, language), f"{word!r} has no twin in the {other} text", True))
    found += english_findings(text, loc, glossary)
    for name, en, id_ in name_counts(text, gazetteer):
        found.append(
            Finding(
                (*loc, "en"), f"the English names {name!r} {en} times, the Indonesian {id_}", True
            )
        )
    listed: list[str] = []
    if article is not None:
        listed = own_words(text.id, quoted, article)
        if listed:
            found.append(
                Finding(
                    (*loc, "id"),
                    f"{', '.join(map(repr, listed))}: not in the {what}'s quotes nor anywhere in"
                    " the article",
                    True,
                )
            )
    found += added_findings(text.id, quoted, (*loc, "id"), what, glossary, listed)
    return found


def text_findings(
    text: Text,
    quotes: list[str],
    gazetteer: Gazetteer,
    loc: Loc,
    what: str,
    *,
    stance_both_ways: bool,
    glossary: Glossary | None = None,
) -> list[Finding]:
    """Numbers, names, negation, polarity and stance of one text against its quotes."""
    found: list[Finding] = []
    quoted = "\n".join(quotes)
    for language in ("id", "en"):
        for words in unquoted_numbers(text[language], language, quotes):
            found.append(Finding((*loc, language), f"the number {words!r} is not in {their(what)}"))
    for name in unmatched_names(text.id, quoted, gazetteer):
        found.append(Finding((*loc, "id"), f"{name!r} is not in {their(what)}"))
    used = english.rendered(text, glossary.renderings) if glossary else []
    found += _negation(text, quoted, loc, what)
    found += _polarity(text, quoted, loc, what, used)
    said = stances(quoted, "id")
    for language in ("id", "en"):
        own = stances(text[language], language)
        if language == "en":
            own = _rendered_classes(own, used, stances)
        for stance, word in own.items():
            if stance not in said:
                found.append(
                    Finding(
                        (*loc, language),
                        f"{word!r} ({stance}) is more than {their(what)} say",
                        True,
                    )
                )
        for stance, word in said.items() if stance_both_ways else ():
            if stance not in own:
                found.append(
                    Finding(
                        (*loc, language),
                        f"{their(what)} say {word!r} ({stance}), the text does not",
                        True,
                    )
                )
    return found


def _negation(text: Text, quoted: str, loc: Loc, what: str) -> list[Finding]:
    said = negations(quoted, "id")
    own = {language: negations(text[language], language) for language in ("id", "en")}
    found = []
    if len(own["id"]) > len(said):
        word, negated = own["id"][-1]
        found.append(
            Finding(
                (*loc, "id"),
                f"{word!r} ({negated}) is a negation {their(what)} do not make",
            )
        )
    elif said:
        flipped = {n for _, n in said if n} - {n for _, n in own["id"] if n}
        bare = set(re.findall(r"[^\W\d_][\w-]*", text.id.lower()))
        for negated in sorted(flipped & bare):
            found.append(
                Finding((*loc, "id"), f"{negated!r}: {their(what)} deny it, the text does not")
            )
    if len(own["en"]) != len(own["id"]):
        shown = ", ".join(w for w, _ in own["en"]) or "none"
        found.append(
            Finding(
                (*loc, "en"),
                f"the English negates {len(own['en'])} thing(s) ({shown}), the Indonesian {len(own['id'])}",
            )
        )
    return found


def _rendered_classes(
    own: dict[str, str], used: Sequence[Rendering], classes: Callable[[str, str], dict[str, str]]
) -> dict[str, str]:
    """The stance (or polarity) classes of an English text read through the glossary's
    renderings it uses: an English class a rendering's English carries counts as its
    Indonesian's classes ('necessary' for 'diperlukan' is no obligation of its own; 'to be held'
    for 'akan diselenggarakan' carries the intent of 'akan')."""
    if not used:
        return own
    carried = {c for r in used for form in r.en for c in classes(form, "en")}
    read = {c: w for c, w in own.items() if c not in carried}
    for r in used:
        for form in r.id:
            for c, w in classes(form, "id").items():
                read.setdefault(c, w)
    return read


def _polarity(
    text: Text, quoted: str, loc: Loc, what: str, used: Sequence[Rendering] = ()
) -> list[Finding]:
    said = polarities(quoted, "id")
    found = []
    own_id = polarities(text.id, "id")
    for polarity, word in own_id.items():
        if polarity not in said:
            found.append(
                Finding((*loc, "id"), f"{word!r} ({polarity}) is the reverse of {their(what)}")
            )
    own_en = _rendered_classes(polarities(text.en, "en"), used, polarities)
    for polarity, word in own_en.items():
        if polarity not in own_id and polarity not in said:
            found.append(
                Finding((*loc, "en"), f"{word!r} ({polarity}) is not what the Indonesian says")
            )
    for polarity, word in own_id.items():
        if polarity not in own_en:
            found.append(
                Finding(
                    (*loc, "en"), f"the Indonesian says {word!r} ({polarity}), the English does not"
                )
            )
    return found


def check_grounding(
    document: Document,
    article: str,
    gazetteer: Gazetteer,
    glossary: Glossary | None = None,
    pages: Sequence[str] = (),
) -> list[Problem]:
    """Every text and fact of one summary against its quotes (or its article), and English
    against Indonesian: errors, and warnings (Problem.warning). gazetteer holds CLDR, the
    shipped vocabulary and the glossary; pages, the cited articles as written (their
    paragraphs tell who said what; without them, the article)."""
    try:
        findings = _findings(
            document, article, gazetteer, glossary or Glossary(), pages or [article]
        )
    finally:
        # The caches serve one summary, whose article is read again for each of its texts;
        # kept, they would hold thousands of articles through a build (and in every worker
        # forked from it).
        reader.clear_cache()
        names.clear_caches()
        claims.clear_caches()
        added.clear_caches()
    problems = [
        document.problem(f.loc, f"{document.name(f.loc)}: {f.message}", warning=f.warning)
        for f in findings
    ]
    return [p for p in problems if not p.warning] + [p for p in problems if p.warning]


_WHAT = {"points": "point", "figures": "figure", "outcomes": "outcome"}


def _findings(
    document: Document,
    article: str,
    gazetteer: Gazetteer,
    glossary: Glossary,
    pages: Sequence[str],
) -> list[Finding]:
    meeting = document.meeting
    said = read_pages(document, gazetteer, pages)
    # Month names are twins (Mei, May): a relative time written out names its month.
    base, gazetteer = gazetteer, gazetteer.with_names(own_translations(document) + month_twins())
    found: list[Finding] = []
    # English names have their twin in the Indonesian text of the same field, everywhere.
    for loc, text in texts_of(meeting):
        for name in unmatched_names(text.en, text.id, gazetteer, "en"):
            found.append(Finding((*loc, "en"), f"{name!r} has no twin in the Indonesian text"))

    # Title and lede: their numbers stand on the headlines and the summary's own quotes, their
    # names on the article.
    own_quotes = [c.headline for c in meeting.sources]
    own_quotes += [
        q.text
        for section in ("points", "figures", "outcomes")
        for item in getattr(meeting, section)
        for q in item.quote
    ]
    own_quotes += [q.text for _, quotes in meeting.fact_quotes() for q in quotes]
    for field in ("title", "lede"):
        text = getattr(meeting, field)
        for language in ("id", "en"):
            for words in unquoted_numbers(text[language], language, own_quotes):
                found.append(
                    Finding(
                        (field, language),
                        f"the number {words!r} is in neither the headline nor the summary's quotes",
                    )
                )
        unquoted = unmatched_names(text.id, article, gazetteer)
        for name in unquoted:
            found.append(Finding((field, "id"), f"{name!r} is not in the article"))
        for name in unmatched_names(text.id, "\n".join(own_quotes), gazetteer):
            if name not in unquoted:
                found.append(
                    Finding(
                        (field, "id"),
                        f"{name!r} is in none of the summary's quotes: quote the sentence that"
                        " names it (in 'lede_quote'), or leave it out",
                    )
                )
        found += added_findings(text.id, own_quotes, (field, "id"), "summary", glossary, acts=True)
        found += english_findings(text, (field,), glossary)

    # The place and the participants are named as the article names them.
    place = meeting.place
    for part in ("city", "venue"):
        text = getattr(place, part)
        if text is not None:
            for name in unmatched_names(text.id, article, gazetteer):
                found.append(Finding(("place", part, "id"), f"{name!r} is not in the article"))
    for i, participant in enumerate(meeting.participants):
        for word in re.findall(r"[^\W_]+(?:['’][^\W_]+)*", participant.name or ""):
            if not names.word_occurs(word, article):
                found.append(
                    Finding(("participants", i, "name"), f"{word!r} is not in the article")
                )
    published = meeting.sources[0].published
    found += date_findings(meeting, published)
    found += place_findings(meeting, gazetteer, base)
    found += participant_findings(meeting, gazetteer, glossary, article)
    found += kind_findings(meeting)

    # Points, figures and outcomes stand on their own quotes.
    for section in ("points", "figures", "outcomes"):
        what = _WHAT[section]
        for i, item in enumerate(getattr(meeting, section)):
            # A text writes the time its quote says relative to the meeting ("tahun lalu" is
            # "in 2023"): that time is as good as the quote's words.
            quotes = quote_texts(item) + meant_times(quote_texts(item), meeting.date)
            if isinstance(item, Figure):
                found += figure_findings(item, i, quotes, published, meeting.date)
                for sub, text in texts_of(item, (section, i)):
                    found += text_findings(
                        text, quotes, gazetteer, sub, what, stance_both_ways=False
                    )
                continue
            found += hold_text(
                item.text,
                quotes,
                gazetteer,
                (section, i, "text"),
                what=what,
                article=article,
                overlap_at=(section, i, "quote") if section == "points" else None,
                glossary=glossary,
            )
            if section == "points":
                found += attribution_findings(document, i, item, gazetteer, said)
    return found
