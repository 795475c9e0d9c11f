"""Validate: the checks a summary must pass beyond its schema, against its file name,
its participants and its article. Every summary is read and checked before anything is built."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from . import numbers as reader
from .desk import check_house_style, check_takeaways
from .errors import Problem, display_path
from .gazetteer import Gazetteer, cldr_gazetteer
from .grounding import check_grounding, glossary_names
from .loader import (
    Document,
    Loc,
    UnreadableFile,
    field_name,
    is_utf16,
    not_utf8,
    parse_file,
    parse_summary,
    read_regular_file,
)
from .models import Glossary, Quote, Text, Vocabulary, texts_of
from .project import LANGUAGES, Project

if TYPE_CHECKING:
    from .manifest import CheckCache

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 2_000_000
"""A news article is tens of kilobytes; more than this is not an article."""


MAX_WORD = 80
"""The longest unbroken word a brief can lay out: its running text sets 45 to 80 characters a
line, so a longer word never fits any line, and WeasyPrint's time to lay one out grows faster
than its length (3,000 characters in a title took a minute to build)."""

_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_WORD = re.compile(rf"[{_CJK}]|[^\s\-\u00ad\u2010-\u2015/\u200b{_CJK}]+")
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
                    f"{field_name(loc)}: a word of {len(word)} characters without a break "
                    f"({word[:24]!r}...); no line of a brief holds more than {MAX_WORD}: "
                    "break it with a space or a hyphen",
                )
            )
    return problems


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace to one space: the only liberty a quote may take."""
    return re.sub(r"\s+", " ", text).strip()


def _unmatched_digits(text: str, language: str, other: str, other_language: str) -> list[str]:
    """The numbers text states in digits that the other language's text does not state, in
    digits or in words ('5.000' = 'five thousand', '41 miliar' = '41 billion')."""
    stated = {m.value for m in reader.mentions(other, other_language)}
    return [
        m.words for m in reader.mentions(text, language) if not m.spelled and m.value not in stated
    ]


@dataclass(frozen=True)
class Loaded:
    """The outcome of reading summaries: the good documents and every problem found."""

    documents: list[Document]
    problems: list[Problem]
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    warnings: list[Problem] = field(default_factory=list)
    """Problems that are not fatal (Problem.warning), unless the summaries were read strictly."""


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


def load_vocabulary(project: Project) -> Vocabulary | list[Problem]:
    """sources/themes.yaml, or its problems; an empty vocabulary when the project has none."""
    if not project.vocabulary_path.exists():
        return Vocabulary()
    parsed = parse_file(
        project.vocabulary_path,
        Vocabulary,
        what="themes and series",
        fields="(themes, series)",
    )
    if isinstance(parsed, list):
        return parsed
    vocabulary: Vocabulary = parsed.value
    problems = []
    for section in ("themes", "series"):
        seen: set[str] = set()
        for i, item in enumerate(getattr(vocabulary, section)):
            if item.id in seen:
                problems.append(
                    parsed.problem(
                        (section, i, "id"), f"{section}[{i}].id: {item.id!r} is listed twice"
                    )
                )
            seen.add(item.id)
    return problems or vocabulary


def load_glossary(project: Project) -> Glossary | list[Problem]:
    """sources/glossary.yaml, or its problems; an empty glossary when the project has none."""
    if not project.glossary_path.exists():
        return Glossary()
    parsed = parse_file(project.glossary_path, Glossary, what="a glossary", fields="(terms)")
    if isinstance(parsed, list):
        return parsed
    glossary = parsed.value
    assert isinstance(glossary, Glossary)
    problems = []
    seen: dict[str, int] = {}
    for i, term in enumerate(glossary.terms):
        for language in LANGUAGES:
            for j, name in enumerate(getattr(term, language)):
                if seen.setdefault(f"{language}:{name}", i) != i:
                    problems.append(
                        parsed.problem(
                            ("terms", i, language, j),
                            f"terms[{i}].{language}[{j}]: {name!r} is already in terms[{seen[f'{language}:{name}']}]",
                        )
                    )
    return problems or glossary


def check_links(document: Document, vocabulary: Vocabulary, known: dict[str, str]) -> list[Problem]:
    """Theme tags, series and follow-through links name things that exist.

    known maps every meeting id of the project to its date (YYYY-MM-DD)."""
    meeting = document.meeting
    problems = []
    for i, point in enumerate(meeting.points):
        for j, theme in enumerate(point.themes):
            if vocabulary.theme(theme) is None:
                problems.append(
                    document.problem(
                        ("points", i, "themes", j),
                        f"points[{i}].themes[{j}]: unknown theme {theme!r} (see sources/themes.yaml)",
                    )
                )
    for i, figure in enumerate(meeting.figures):
        if figure.series is None:
            continue
        series = vocabulary.a_series(figure.series)
        loc: Loc = ("figures", i, "series")
        if series is None:
            problems.append(
                document.problem(
                    loc,
                    f"figures[{i}].series: unknown series {figure.series!r} (see sources/themes.yaml)",
                )
            )
        elif series.unit != figure.unit:
            problems.append(
                document.problem(
                    loc,
                    f"figures[{i}].series: series {series.id!r} is in {series.unit}, the figure in {figure.unit}",
                )
            )
        elif figure.year is None:
            problems.append(
                document.problem(loc, f"figures[{i}].series: a figure in a series needs 'year'")
            )
    for i, outcome in enumerate(meeting.outcomes):
        for j, later in enumerate(outcome.taken_up_at):
            loc = ("outcomes", i, "taken_up_at", j)
            if later not in known:
                problems.append(
                    document.problem(
                        loc,
                        f"outcomes[{i}].taken_up_at[{j}]: no meeting {later!r} in sources/meetings/",
                    )
                )
            elif known[later] <= meeting.date.isoformat():
                problems.append(
                    document.problem(
                        loc,
                        f"outcomes[{i}].taken_up_at[{j}]: {later!r} is not later than this meeting",
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
    names = {p.name for p in meeting.participants if p.name}
    for i, point in enumerate(meeting.points):
        if point.attributed_to and point.attributed_to not in names:
            problems.append(
                document.problem(
                    ("points", i, "attributed_to"),
                    f"points[{i}].attributed_to: {point.attributed_to!r} is not the name of a participant",
                )
            )

    if meeting.issued is None and not os.environ.get("SOURCE_DATE_EPOCH"):
        problems.append(
            document.problem(
                ("date",),
                "issued: not given, and SOURCE_DATE_EPOCH is not set: give 'issued: YYYY-MM-DD'"
                " (the issue date printed on the brief)",
                key=True,
            )
        )

    # The worst bug a brief can have is a wrong number: each number one language states in
    # digits, the other states too (in digits or in words).
    for loc, text in texts_of(meeting):
        extra = {
            "id": _unmatched_digits(text.id, "id", text.en, "en"),
            "en": _unmatched_digits(text.en, "en", text.id, "id"),
        }
        if extra["id"] or extra["en"]:
            shown = {k: ", ".join(v) or "none" for k, v in extra.items()}
            problems.append(
                document.problem(
                    loc,
                    f"{field_name(loc)}: the Indonesian and English texts state different numbers "
                    f"(only in id: {shown['id']}; only in en: {shown['en']})",
                )
            )

    # Each cited article once; the headline and every quote are checked against their own.
    articles: dict[str, str | None] = {}
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
                        f"{field_name(shown_as)}.article: {quote.article!r} is not one of the "
                        "cited articles (see 'sources')",
                    )
                )
                continue
            quoted.append(((*at, "text"), field_name(shown_as), quote.article, quote.text))
    for place, name, cited, words in quoted:
        found_in = articles.get(cited)
        if found_in is not None and normalize_space(words) not in found_in:
            excerpt = words if len(words) <= 60 else words[:57] + "..."
            problems.append(
                document.problem(place, f"{name}: not found verbatim in {cited}: {excerpt!r}")
            )
    # Before check_grounding, which clears the caches the takeaway checks share with it.
    problems.extend(check_takeaways(document, gazetteer if None not in articles.values() else None))
    if gazetteer is not None and None not in articles.values():
        # Title, lede, place and names stand on any of the cited articles (all of them read).
        cited_text = " ".join(t for t in articles.values() if t is not None)
        problems.extend(check_grounding(document, cited_text, gazetteer, glossary))
    return problems


def load_summaries(
    project: Project,
    paths: list[Path] | None = None,
    *,
    strict: bool = False,
    checks: CheckCache | None = None,
) -> Loaded:
    """Read and check every summary (default: all of sources/meetings/), collecting all problems.

    Warnings (stance and modality) leave a summary good, unless strict makes them problems.
    checks: results recorded by an earlier build, reused where their inputs kept their bytes
    (the same messages), and this build's recorded there."""
    documents: list[Document] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    vocabulary = load_vocabulary(project)
    if isinstance(vocabulary, list):
        problems.extend(vocabulary)
        vocabulary = Vocabulary()
    glossary: Glossary | list[Problem] | None = None
    gazetteer: Gazetteer | None = None

    def grounding() -> Gazetteer | None:
        """The gazetteer, made on first use (not when every result is recorded)."""
        nonlocal glossary, gazetteer
        if glossary is None:
            glossary = load_glossary(project)
            # Without the glossary every English name would look ungrounded: report it alone.
            if not isinstance(glossary, list):
                gazetteer = cldr_gazetteer().with_names(glossary_names(glossary))
        return gazetteer

    recorded = checks.sources_problems() if checks else None
    if recorded is None:
        grounding()
        recorded = glossary if isinstance(glossary, list) else []
        if checks:
            checks.put_sources([*problems, *recorded])
        problems.extend(recorded)
    else:
        problems[:] = recorded  # the themes' problems and the glossary's, as recorded
    known = {path.stem: path.stem[:10] for path in project.summary_paths()}
    for path in paths if paths is not None else project.summary_paths():
        if path.is_symlink():
            # A link could make the build read (and attach to a PDF) any file on the machine.
            problems.append(Problem(path, 1, 1, "summaries may not be symbolic links"))
            continue
        cached = checks.get(path) if checks else None
        parsed = parse_summary(path)
        if isinstance(parsed, list):
            if checks:
                checks.put(path, parsed, [], [])
            problems.extend(parsed)
            continue
        if cached is not None:
            found = cached
        else:
            found = check_document(
                parsed, project, grounding(), glossary if isinstance(glossary, Glossary) else None
            ) + check_links(parsed, vocabulary, known)
            if isinstance(glossary, Glossary):
                found += check_house_style(parsed, glossary)
            if checks:
                meeting = parsed.meeting
                articles = list(dict.fromkeys(c.article for c in meeting.sources))
                links = sorted({i for o in meeting.outcomes for i in o.taken_up_at})
                checks.put(path, found, articles, links)
        fatal = [p for p in found if strict or not p.warning]
        problems.extend(fatal)
        warnings.extend(p for p in found if p not in fatal)
        if not fatal:
            documents.append(parsed)
    log.debug("read %d summaries, %d problems", len(documents), len(problems))
    return Loaded(documents, problems, vocabulary, sorted(warnings))
