"""Validate: the checks a summary must pass beyond its schema, against its file name,
its participants and its article. Every summary is read and checked before anything is built."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from babel.numbers import NumberFormatError, parse_decimal
from pydantic import BaseModel

from .errors import Problem, display_path
from .i18n import LOCALES
from .loader import Document, Loc, field_name, parse_file, parse_summary
from .models import Text, Vocabulary
from .project import Project

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


def texts_of(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Text]]:
    """Every bilingual Text in a model, with its location."""
    if isinstance(model, Text):
        yield loc, model
        return
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            if isinstance(item, BaseModel):
                yield from texts_of(item, loc + ((name,) if index is None else (name, index)))


@dataclass(frozen=True)
class Loaded:
    """The outcome of reading summaries: the good documents and every problem found."""

    documents: list[Document]
    problems: list[Problem]
    vocabulary: Vocabulary = field(default_factory=Vocabulary)


def _read_article(document: Document, project: Project) -> str | Problem:
    meeting = document.meeting
    path = project.articles_dir / meeting.source.article
    where = ("source", "article")
    try:
        if path.is_symlink() or not path.is_file():
            return document.problem(
                where,
                f"source.article: {meeting.source.article!r} not found in {display_path(project.articles_dir)}/",
            )
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            return document.problem(
                where,
                f"source.article: {meeting.source.article!r} is larger than {MAX_ARTICLE_BYTES} bytes",
            )
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return document.problem(
            where, f"source.article: {meeting.source.article!r} is not UTF-8 text"
        )
    except OSError as error:
        return document.problem(
            where, f"source.article: {meeting.source.article!r}: {error.strerror or error}"
        )


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


def check_document(document: Document, project: Project) -> list[Problem]:
    """Every problem of one parsed summary against its file name and its article."""
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

    article = _read_article(document, project)
    if isinstance(article, Problem):
        return [*problems, article]
    article_text = normalize_space(article)
    quoted: list[tuple[Loc, str]] = [(("source", "headline"), meeting.source.headline)]
    for section in ("points", "figures", "outcomes"):
        for i, item in enumerate(getattr(meeting, section)):
            for j, quote in enumerate(item.quote):
                loc = (section, i, "quote", j) if len(item.quote) > 1 else (section, i, "quote")
                quoted.append((loc, quote))
    for loc, quote in quoted:
        if normalize_space(quote) not in article_text:
            excerpt = quote if len(quote) <= 60 else quote[:57] + "..."
            problems.append(
                document.problem(
                    loc,
                    f"{field_name(loc)}: not found verbatim in {meeting.source.article}: {excerpt!r}",
                )
            )
    return problems


def load_summaries(project: Project, paths: list[Path] | None = None) -> Loaded:
    """Read and check every summary (default: all of sources/meetings/), collecting all problems."""
    documents: list[Document] = []
    problems: list[Problem] = []
    vocabulary = load_vocabulary(project)
    if isinstance(vocabulary, list):
        problems.extend(vocabulary)
        vocabulary = Vocabulary()
    known = {path.stem: path.stem[:10] for path in project.summary_paths()}
    for path in paths if paths is not None else project.summary_paths():
        if path.is_symlink():
            # A link could make the build read (and attach to a PDF) any file on the machine.
            problems.append(Problem(path, 1, 1, "summaries may not be symbolic links"))
            continue
        parsed = parse_summary(path)
        if isinstance(parsed, list):
            problems.extend(parsed)
            continue
        found = check_document(parsed, project) + check_links(parsed, vocabulary, known)
        problems.extend(found)
        if not found:
            documents.append(parsed)
    log.debug("read %d summaries, %d problems", len(documents), len(problems))
    return Loaded(documents, problems, vocabulary)
