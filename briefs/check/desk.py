"""The desk's own parts of a summary, checked (part of the validate stage): the bottom line and
the takeaways stand on the quotes of the points, figures and outcomes they cite, as a point
stands on its own; a summary without a bottom line is warned of (fatal with --strict); the desk's
assessment is its own reading and is not grounded; texts keep to the house forms of the glossary.

The takeaway checks call grounding's per-text checks (numbers, names, stance, one side's
commitment) with the quotes of the cited items as the reference."""

from __future__ import annotations

import re

from briefs.check import grounding
from briefs.check.grounding.added import added_findings
from briefs.check.grounding.english import english_findings
from briefs.check.grounding.names import own_translations
from briefs.check.grounding.stance import one_sided
from briefs.errors import Problem
from briefs.language.gazetteer import Gazetteer, country_name
from briefs.language.sides import CITED, cited_items
from briefs.language.time import meant_times, month_twins
from briefs.read.loader import Document
from briefs.read.messages import Loc
from briefs.summary.meeting import Meeting, Takeaway, texts_of
from briefs.summary.vocabulary import Glossary


def takeaway_quotes(meeting: Meeting, takeaway: Takeaway) -> list[str]:
    """The quoted sentences of every item a takeaway (or the bottom line) cites."""
    items = cited_items(meeting, takeaway)
    quotes = [quote for item in items for quote in grounding.quote_texts(item)]
    # The absolute time a relative one in the quotes means, as for a point (grounding).
    return quotes + meant_times(quotes, meeting.date)


def check_takeaways(
    document: Document, gazetteer: Gazetteer | None, glossary: Glossary | None = None
) -> list[Problem]:
    """The bottom line and each takeaway cite points, figures and outcomes that exist and, with
    a gazetteer, say no more than their quotes: numbers and names (errors), stance and one
    side's commitment (warnings). No bottom line is a warning."""
    meeting = document.meeting
    problems: list[Problem] = []

    def problem(loc: Loc, message: str, warning: bool = False) -> None:
        problems.append(document.problem(loc, f"{document.name(loc)}: {message}", warning=warning))

    if meeting.bottom_line is None:
        problems.append(
            document.problem(
                (),
                "bottom_line: missing: page one opens with what happened and why it matters,"
                " citing the points, figures or outcomes it rests on",
                warning=True,
            )
        )
    for where, takeaway in meeting.desk_lines():
        for section in CITED:
            count = len(getattr(meeting, section))
            for j, number in enumerate(getattr(takeaway, section)):
                if number > count:
                    problem(
                        (*where, section, j),
                        f"there is no {section[:-1]} {number} (the summary has {count})",
                    )
    if gazetteer is None or any(not p.warning for p in problems):
        return problems
    gazetteer = gazetteer.with_names(own_translations(document) + month_twins())
    sides = [
        name
        for code in meeting.countries
        for name in gazetteer.entity(country_name(code))
        if name[:1].isupper()
    ]
    for where, takeaway in meeting.desk_lines():
        quotes = takeaway_quotes(meeting, takeaway)
        quoted = "\n".join(quotes)
        loc: Loc = (*where, "text")
        # A point's own checks (numbers, names, negation, polarity; a stance the quotes lack),
        # with the cited items' quotes as its quotes. A takeaway sums several items up, so a
        # stance of theirs it leaves out is no warning.
        for finding in (
            grounding.text_findings(
                takeaway.text,
                quotes,
                gazetteer,
                loc,
                "cited items",
                stance_both_ways=False,
                glossary=glossary,
            )
            + added_findings(takeaway.text.id, quotes, (*loc, "id"), "cited items", glossary)
            + english_findings(takeaway.text, loc, glossary)
        ):
            problem(finding.loc, finding.message, warning=finding.warning)
        cited = [meeting.points[n - 1] for n in takeaway.points]
        if cited and all(p.attributed_to is None for p in cited):
            for language in ("id", "en"):
                side = one_sided(takeaway.text[language], language, sides)
                if side and not one_sided(quoted, "id", sides):
                    problem(
                        (*loc, language),
                        f"{side!r} is one side's commitment, but the points it cites are joint",
                        warning=True,
                    )
    return problems


def _form(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def check_house_style(document: Document, glossary: Glossary) -> list[Problem]:
    """Warnings for the texts of a summary (not its quotes) that name a term in another form
    than the glossary's house form for that language."""
    problems: list[Problem] = []
    rules = [
        (language, house, [_form(n) for n in term.other_forms(language)])
        for term in glossary.terms
        for language in ("id", "en")
        if (house := term.house_form(language)) is not None
    ]
    if not rules:
        return problems
    for loc, text in texts_of(document.meeting):
        for language, house, others in rules:
            # The house form is taken out first: "Belt and Road" inside "Belt and Road
            # Initiative" is the house form, not another one.
            rest = _form(house).sub(" ", text[language])
            for other in others:
                found = other.search(rest)
                if found:
                    where = (*loc, language)
                    problems.append(
                        document.problem(
                            where,
                            f"{document.name(where)}: {found.group(0)!r}: the house form is {house!r}",
                            warning=True,
                        )
                    )
    return problems


def check_relative_time(document: Document) -> list[Problem]:
    """Warnings for the texts of a summary (not its quotes) that keep time relative to the
    article ("tahun lalu", "kini", "last year", "now"): stale when the brief is read later."""
    from briefs.language.time import relative_phrases

    problems: list[Problem] = []
    for loc, text in texts_of(document.meeting):
        for language in ("id", "en"):
            for phrase in relative_phrases(text[language], language):
                where = (*loc, language)
                problems.append(
                    document.problem(
                        where,
                        f"{document.name(where)}: {phrase!r} is time relative to the article:"
                        " write the time it means ('in 2023', 'as of May 2024')",
                        warning=True,
                    )
                )
    return problems
