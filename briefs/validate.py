"""Validate: the checks a summary must pass beyond its schema, against its file name,
its participants and its article. Every summary is read and checked before anything is built."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .loader import Document, parse_summary
from .project import Project

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 2_000_000
"""A news article is tens of kilobytes; more than this is not an article."""


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace to one space: the only liberty a quote may take."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Loaded:
    """The outcome of reading summaries: the good documents and every problem found."""

    documents: list[Document]
    problems: list[Problem]


def _read_article(document: Document, project: Project) -> str | Problem:
    meeting = document.meeting
    path = project.articles_dir / meeting.source.article
    where = ("source", "article")
    try:
        if path.is_symlink() or not path.is_file():
            return document.problem(where, f"article {meeting.source.article!r} not found in {project.articles_dir}")
        if path.stat().st_size > MAX_ARTICLE_BYTES:
            return document.problem(where, f"article {meeting.source.article!r} is larger than {MAX_ARTICLE_BYTES} bytes")
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return document.problem(where, f"article {meeting.source.article!r} is not UTF-8 text")
    except OSError as error:
        return document.problem(where, f"article {meeting.source.article!r}: {error.strerror or error}")


def check_document(document: Document, project: Project) -> list[Problem]:
    """Every problem of one parsed summary against its file name and its article."""
    meeting = document.meeting
    problems: list[Problem] = []
    if meeting.id != document.path.stem:
        problems.append(
            document.problem(("id",), f"id {meeting.id!r} does not match the file name {document.path.name!r}")
        )
    if meeting.id[:10] != meeting.date.isoformat():
        problems.append(
            document.problem(("id",), f"id {meeting.id!r} does not start with the meeting date {meeting.date}")
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

    article = _read_article(document, project)
    if isinstance(article, Problem):
        return problems + [article]
    text = normalize_space(article)
    quoted: list[tuple[tuple, str]] = [(("source", "headline"), meeting.source.headline)]
    for section in ("points", "figures", "outcomes"):
        for i, item in enumerate(getattr(meeting, section)):
            for j, quote in enumerate(item.quote):
                loc = (section, i, "quote", j) if len(item.quote) > 1 else (section, i, "quote")
                quoted.append((loc, quote))
    for loc, quote in quoted:
        if normalize_space(quote) not in text:
            shown = quote if len(quote) <= 60 else quote[:57] + "..."
            name = ".".join(str(p) for p in loc[:1]) + "".join(
                f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc[1:]
            )
            problems.append(
                document.problem(loc, f"{name}: not found verbatim in {meeting.source.article}: {shown!r}")
            )
    return problems


def load_summaries(project: Project, paths: list[Path] | None = None) -> Loaded:
    """Read and check every summary (default: all of sources/meetings/), collecting all problems."""
    documents: list[Document] = []
    problems: list[Problem] = []
    for path in paths if paths is not None else project.summary_paths():
        parsed = parse_summary(path)
        if isinstance(parsed, list):
            problems.extend(parsed)
            continue
        found = check_document(parsed, project)
        problems.extend(found)
        if not found:
            documents.append(parsed)
    log.debug("read %d summaries, %d problems", len(documents), len(problems))
    return Loaded(documents, problems)
