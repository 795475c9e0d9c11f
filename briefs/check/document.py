"""The checks of one summary beyond its schema: against its file name, its participants and its
articles (each read once; the headline and every quote verbatim in its own), the words a line
of a brief can hold, the same numbers in both languages; then the desk's and grounding's checks.
validate.py runs them on every summary."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel

from briefs.check.desk import check_takeaways
from briefs.check.grounding import check_grounding
from briefs.errors import Problem, display_path
from briefs.language import numbers as reader
from briefs.language.gazetteer import Gazetteer, is_acronym, vocabulary
from briefs.language.scripts import WIDE
from briefs.project import LANGUAGES, MAX_WORD, Project, issue_date_or_why
from briefs.read.files import (
    MAX_ARTICLE_BYTES,
    UnreadableFile,
    is_utf16,
    not_utf8,
    read_regular_file,
)
from briefs.read.loader import Document
from briefs.read.messages import Loc, field_name
from briefs.summary.fields import Quote, Text
from briefs.summary.meeting import texts_of
from briefs.summary.vocabulary import Glossary

_WORD = re.compile(rf"[{WIDE}]|[^\s\-\u00ad\u2010-\u2015/\u200b{WIDE}]+")
"""A run of text no line break may split. A line may break at spaces, hyphens and dashes, a
slash, a soft hyphen, and around each Chinese, Japanese or Korean character."""
_NOT_SHOWN_AS_TEXT = frozenset(
    {"id", "url", "article", "series", "themes", "taken_up_at", "kind", "unit", "native_lang"}
)
"""Fields that are identifiers, codes or addresses, not words set in a line."""


def longest_word(text: str) -> str:
    """The longest run of a text that no line break may split."""
    return max(_WORD.findall(text), key=len, default="")


def _shown_strings(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every string of a summary that a brief sets as text, with its location."""
    if isinstance(value, Text):
        yield (*loc, "id"), value.id
        yield (*loc, "en"), value.en
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in _NOT_SHOWN_AS_TEXT:
                yield from _shown_strings(getattr(value, name), (*loc, name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _shown_strings(item, (*loc, i))
    elif isinstance(value, str):
        yield loc, value


def check_word_lengths(document: Document) -> list[Problem]:
    """Refuse a word longer than any line of a brief holds, in any text, title or name."""
    problems = []
    for loc, text in _shown_strings(document.meeting, ()):
        word = longest_word(text)
        if len(word) > MAX_WORD:
            problems.append(
                document.problem(
                    loc,
                    f"{document.name(loc)}: a word of {len(word)} characters without a break "
                    f"({word[:24]!r}...); no line of a brief holds more than {MAX_WORD}: "
                    "break it with a space or a hyphen",
                )
            )
    return problems


INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]")
"""Bidi controls (embeddings, overrides, isolates) and zero-width characters: a brief would
print text in another order than it reads in the summary ('did not agree' shown reversed), or
words that look alike and are not."""


def _all_strings(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every string of a summary, shown or not (ids, addresses, names, quotes), with its place."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _all_strings(getattr(value, name), (*loc, name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _all_strings(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _all_strings(item, (*loc, key))
    elif isinstance(value, str):
        yield loc, value


def check_invisible(document: Document) -> list[Problem]:
    """Refuse bidi controls and zero-width characters in any text, name or quote, naming each."""
    import unicodedata

    problems = []
    for loc, text in _all_strings(document.meeting, ()):
        for match in INVISIBLE.finditer(text):
            char = match.group()
            problems.append(
                document.problem(
                    loc,
                    f"{document.name(loc)}: invisible character U+{ord(char):04X}"
                    f" {unicodedata.name(char, 'UNNAMED')} at character {match.start() + 1}:"
                    " remove it (a brief would print the text reordered or split)",
                )
            )
    return problems


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace to one space: the only liberty a quote may take."""
    return re.sub(r"\s+", " ", text).strip()


def _unmatched_digits(text: str, language: str, other: str, other_language: str) -> list[str]:
    """The numbers text states in digits that the other language's text does not state, in
    digits or in words ('5.000' = 'five thousand', '41 miliar' = '41 billion'), in the same
    measure ('55 miliar meter kubik' = '55 bcm', not '55 billion tonnes')."""
    stated = reader.mentions(other, other_language)
    return [
        m.words
        for m in reader.mentions(text, language)
        if not m.spelled and not reader.measured_alike(m, stated)
    ]


def _read_article(document: Document, project: Project, index: int) -> str | Problem:
    """The text of the summary's index-th cited article, or the problem with reading it."""
    name = document.meeting.sources[index].article
    path = project.articles_dir / name
    where = ("sources", index, "article")
    field = field_name(where)
    try:
        data = read_regular_file(path, MAX_ARTICLE_BYTES, links=False)
    except UnreadableFile as error:
        if error.missing:
            message = f"not found in {display_path(project.articles_dir)}/"
        elif str(error) == "is a symbolic link, not a file":
            # A link could make the build read (and attach to a PDF) any file on the machine.
            message = f"is a symbolic link in {display_path(project.articles_dir)}/; an article must be the file itself"
        elif str(error).startswith("cannot read"):
            message = f"- {error}"
        else:
            message = str(error)
        return document.problem(where, f"{field}: {name!r} {message}")
    try:
        if is_utf16(data):
            raise UnicodeError
        return data.decode("utf-8-sig")
    except UnicodeError:
        return document.problem(where, f"{field}: {name!r} is {not_utf8(data)}")


def _repeated_points(document: Document) -> list[Problem]:
    """A point whose text in one language is word for word an earlier point's (a warning): a
    copy that was meant to be edited, or the same point twice under two numbers."""
    problems = []
    first: dict[tuple[str, str], int] = {}
    for i, point in enumerate(document.meeting.points):
        for language in ("id", "en"):
            words = " ".join(getattr(point.text, language).split())
            earlier = first.setdefault((language, words), i)
            if earlier != i:
                line = document.positions.of(("points", earlier, "text", language))[0]
                problems.append(
                    document.problem(
                        ("points", i, "text", language),
                        f"{document.name(('points', i, 'text', language))}: the same words as "
                        f"{document.name(('points', earlier))} (line {line}): one point twice?",
                        warning=True,
                    )
                )
                break
    return problems


@cache
def _title_terms(language: str) -> re.Pattern[str]:
    """The shipped vocabulary's offices and kinds of meeting in one language, as written
    capitalised ('Menteri Luar Negeri', "Foreign Ministers' Meeting"), the longest first;
    acronyms (KTT, PM) are always capitals and are left out."""
    shipped = vocabulary()
    names = {
        name
        for term in (*shipped.offices, *shipped.meetings)
        for name in getattr(term, language)
        if not is_acronym(name)
    }
    alternatives = "|".join(map(re.escape, sorted(names, key=lambda n: (-len(n), n))))
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])")


def check_title_case(document: Document, gazetteer: Gazetteer | None = None) -> list[Problem]:
    """Titles are in sentence case: an office or a kind of meeting capitalised after the
    title's first word ('Sixth China–Central Asia Foreign Ministers' Meeting') is a warning,
    unless it stands before a participant's name ('Kazakh President Kassym-Jomart Tokayev',
    'Presiden Kazakhstan Kassym-Jomart Tokayev') or inside a longer name the gazetteer knows
    ('Council of Foreign Ministers')."""
    meeting = document.meeting
    names = [p.name for p in meeting.participants if p.name]
    problems = []
    for language in LANGUAGES:
        title = meeting.title[language]
        known = [m.span() for m in gazetteer.pattern.finditer(title)] if gazetteer else []
        for match in _title_terms(language).finditer(title):
            capitals = [
                w for w in re.finditer(r"\S+", match.group()) if match.start() + w.start() > 0
            ]
            if not capitals:
                continue  # the title's first word
            after = title[match.end() :]
            if any(re.match(rf"\s+(?:\S+\s+){{0,2}}{re.escape(n)}(?!\w)", after) for n in names):
                continue
            if any(
                a <= match.start() and match.end() <= b and b - a > len(match.group())
                for a, b in known
            ):
                continue
            first, _, rest = match.group().partition(" ")
            written = f"{first} {rest.lower()}" if match.start() == 0 else match.group().lower()
            problems.append(
                document.problem(
                    ("title", language),
                    f"title.{language}: {match.group()!r} is capitalised inside the title: "
                    f"titles are in sentence case (write {written!r}; an office keeps its "
                    "capital before a name)",
                    warning=True,
                )
            )
    return problems


def check_document(
    document: Document,
    project: Project,
    gazetteer: Gazetteer | None = None,
    glossary: Glossary | None = None,
) -> list[Problem]:
    """Every problem of one parsed summary against its file name and its article; with a
    gazetteer, the grounding checks too (their warnings are Problems with .warning set)."""
    meeting = document.meeting
    problems: list[Problem] = []
    if meeting.id != document.path.stem:
        problems.append(
            document.problem(
                ("id",), f"id {meeting.id!r} does not match the file name {document.path.name!r}"
            )
        )
    if meeting.id[:10] != meeting.date.isoformat():
        problems.append(
            document.problem(
                ("id",), f"id {meeting.id!r} does not start with the meeting date {meeting.date}"
            )
        )
    problems.extend(check_word_lengths(document))
    problems.extend(check_invisible(document))
    problems.extend(check_title_case(document, gazetteer))
    names = {p.name for p in meeting.participants if p.name}
    for i, point in enumerate(meeting.points):
        if point.attributed_to and point.attributed_to not in names:
            problems.append(
                document.problem(
                    ("points", i, "attributed_to"),
                    f"{document.name(('points', i, 'attributed_to'))}: "
                    f"{point.attributed_to!r} is not the name of a participant",
                )
            )

    problems.extend(_repeated_points(document))

    issued = issue_date_or_why(meeting.issued)  # the rule the brief is printed by
    if isinstance(issued, str):
        problems.append(
            document.problem(
                ("date",),
                f"issued: not given, and {issued}: give 'issued: YYYY-MM-DD'"
                " (the issue date printed on the brief)",
                key=True,
            )
        )

    # The worst bug a brief can have is a wrong number: each number one language states in
    # digits, the other states too (in digits or in words).
    for loc, text in texts_of(meeting):
        for language in ("id", "en"):
            for number, char in reader.hidden_characters(text[language]):
                problems.append(
                    document.problem(
                        (*loc, language),
                        f"{document.name((*loc, language))}: {number!r} has an invisible {char} "
                        "inside it, which splits the number: remove it",
                    )
                )
        extra = {
            "id": _unmatched_digits(text.id, "id", text.en, "en"),
            "en": _unmatched_digits(text.en, "en", text.id, "id"),
        }
        if extra["id"] or extra["en"]:
            shown = {k: ", ".join(v) or "none" for k, v in extra.items()}
            problems.append(
                document.problem(
                    loc,
                    f"{document.name(loc)}: the Indonesian and English texts state different numbers "
                    f"(only in id: {shown['id']}; only in en: {shown['en']})",
                )
            )

    # Each cited article once; the headline and every quote are checked against their own.
    articles: dict[str, str | None] = {}
    pages: list[str] = []
    for i, citation in enumerate(meeting.sources):
        if citation.article in articles:
            problems.append(
                document.problem(
                    ("sources", i, "article"),
                    f"sources[{i}].article: {citation.article!r} is cited twice",
                )
            )
            continue
        read = _read_article(document, project, i)
        if isinstance(read, Problem):
            problems.append(read)
            articles[citation.article] = None
        else:
            articles[citation.article] = normalize_space(read)
            pages.append(read)
    # (position, field, article, words): position is where the words stand in the file.
    quoted: list[tuple[Loc, str, str, str]] = [
        (("sources", i, "headline"), f"sources[{i}].headline", c.article, c.headline)
        for i, c in enumerate(meeting.sources)
    ]
    quote_lists: list[tuple[Loc, tuple[Quote, ...]]] = [
        ((section, i, "quote"), item.quote)
        for section in ("points", "figures", "outcomes")
        for i, item in enumerate(getattr(meeting, section))
    ]
    quote_lists.extend(meeting.fact_quotes())
    for where, quotes in quote_lists:
        for j, quote in enumerate(quotes):
            shown_as: Loc = (*where, j) if len(quotes) > 1 else where
            # Where the quote stands: a list item, or the whole value when given alone.
            at: Loc = (*where, j)
            at = at if at in document.positions.values else at[:-1]
            if quote.article is None or quote.article not in articles:
                problems.append(
                    document.problem(
                        (*at, "article"),
                        f"{document.name((*shown_as, 'article'))}: {quote.article!r} is not one of the "
                        "cited articles (see 'sources')",
                    )
                )
                continue
            quoted.append(((*at, "text"), document.name(shown_as), quote.article, quote.text))
    for place, name, cited, words in quoted:
        found_in = articles.get(cited)
        if found_in is not None and normalize_space(words) not in found_in:
            excerpt = words if len(words) <= 60 else words[:57] + "..."
            problems.append(
                document.problem(place, f"{name}: not found verbatim in {cited}: {excerpt!r}")
            )
    # Before check_grounding, which clears the caches the takeaway checks share with it.
    problems.extend(
        check_takeaways(document, gazetteer if None not in articles.values() else None, glossary)
    )
    if gazetteer is not None and None not in articles.values():
        # Title, lede, place and names stand on any of the cited articles (all of them read).
        cited_text = " ".join(t for t in articles.values() if t is not None)
        problems.extend(check_grounding(document, cited_text, gazetteer, glossary, pages))
    return problems


def _ordinal(text: str) -> int | None:
    """The ordinal a title claims for its meeting ('... keenam di Chengdu': 6; 'KTT ke-2': 2),
    as the number reader reads it; in a title a 'ke-' word before a noun is an ordinal too
    ('KTT kedua China–Asia Tengah'), not 'both'."""
    for number in reader.numerals(text, "id"):
        if number.ordinal or number.collective:
            return int(number.value)
    return None


def check_ordinals(documents: list[Document]) -> list[Problem]:
    """Across the archive: two meetings of the same format (kind and countries) whose titles
    claim the same ordinal ('keenam' twice) is a warning on the later one, naming the other."""
    claimed: dict[tuple[str, frozenset[str], int], Document] = {}
    problems = []
    for document in sorted(documents, key=lambda d: (d.meeting.date, str(d.path))):
        meeting = document.meeting
        number = _ordinal(meeting.title.id)
        if number is None:
            continue
        key = (meeting.kind, frozenset(meeting.countries), number)
        other = claimed.setdefault(key, document)
        if other is not document:
            problems.append(
                document.problem(
                    ("title", "id"),
                    f"title.id: {meeting.title.id!r} claims the same ordinal ({number}) as "
                    f"{other.meeting.id} ({other.meeting.title.id!r}), a meeting of the same "
                    "format: one of them is misnumbered",
                    warning=True,
                )
            )
    return problems
