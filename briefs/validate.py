"""Validate: the checks a summary must pass beyond its schema, against its file name,
its participants and its article. Every summary is read and checked before anything is built."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from babel.numbers import NumberFormatError, parse_decimal

from .errors import Problem, display_path
from .grounding import Gazetteer, check_grounding, cldr_gazetteer, glossary_names
from .i18n import LOCALES
from .loader import Document, Loc, field_name, parse_file, parse_summary
from .models import Glossary, Quote, Vocabulary, texts_of
from .project import Project

if TYPE_CHECKING:
    from .manifest import CheckCache

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 2_000_000
"""A news article is tens of kilobytes; more than this is not an article."""


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace to one space: the only liberty a quote may take."""
    return re.sub(r"\s+", " ", text).strip()


# A number as written in running text: 10.000 / 10,000, 50,1 / 50.1, 1992.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(text: str, language: str) -> list[Decimal | str]:
    """The numbers a text states, read with its language's separators (5.000 id = 5,000 en)."""
    found: list[Decimal | str] = []
    for match in _NUMBER.finditer(text):
        token = match.group().rstrip(".,")
        try:
            found.append(parse_decimal(token, locale=LOCALES[language], strict=True))
        except NumberFormatError:
            found.append(token)  # still comparable as written
    return sorted(found, key=str)


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
        if path.is_symlink() or not path.is_file():
            return document.problem(
                where, f"{field}: {name!r} not found in {display_path(project.articles_dir)}/"
            )
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            return document.problem(
                where, f"{field}: {name!r} is larger than {MAX_ARTICLE_BYTES} bytes"
            )
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return document.problem(where, f"{field}: {name!r} is not UTF-8 text")
    except OSError as error:
        return document.problem(where, f"{field}: {name!r}: {error.strerror or error}")


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
        for language in ("id", "en"):
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
    document: Document, project: Project, gazetteer: Gazetteer | None = None
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
    names = {p.name for p in meeting.participants if p.name}
    for i, point in enumerate(meeting.points):
        if point.attributed_to and point.attributed_to not in names:
            problems.append(
                document.problem(
                    ("points", i, "attributed_to"),
                    f"points[{i}].attributed_to: {point.attributed_to!r} is not the name of a participant",
                )
            )

    # The worst bug a brief can have is a wrong number: both languages must state the same ones.
    for loc, text in texts_of(meeting):
        numbers = {language: numbers_in(text[language], language) for language in ("id", "en")}
        if numbers["id"] != numbers["en"]:
            shown = {k: ", ".join(str(n) for n in v) or "none" for k, v in numbers.items()}
            problems.append(
                document.problem(
                    loc,
                    f"{field_name(loc)}: the Indonesian and English texts state different numbers "
                    f"(id: {shown['id']}; en: {shown['en']})",
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
    if gazetteer is not None and None not in articles.values():
        # Title, lede, place and names stand on any of the cited articles (all of them read).
        cited_text = " ".join(t for t in articles.values() if t is not None)
        problems.extend(check_grounding(document, cited_text, gazetteer))
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
            found = check_document(parsed, project, grounding()) + check_links(
                parsed, vocabulary, known
            )
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
