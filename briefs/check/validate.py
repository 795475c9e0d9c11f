"""Validate: every summary read and checked before anything is built, each on its own
(checks.py) and against the rest of the project: the themes and series of sources/themes.yaml,
the glossary of sources/glossary.yaml, and the meetings its outcomes link to."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefs.check.desk import check_house_style, check_relative_time
from briefs.check.document import check_document, check_ordinals
from briefs.check.grounding.names import glossary_names
from briefs.errors import Problem
from briefs.language.gazetteer import Gazetteer, cldr_gazetteer
from briefs.project import LANGUAGES, Project

# MAX_ARTICLE_BYTES: the drafter reads its input limit from here (draft/reading.py).
from briefs.read.loader import Document, parse_file, parse_summary
from briefs.read.messages import Loc
from briefs.summary.vocabulary import Glossary, Vocabulary

if TYPE_CHECKING:
    from briefs.check.cache import CheckCache

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Loaded:
    """The outcome of reading summaries: the good documents and every problem found."""

    documents: list[Document]
    problems: list[Problem]
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    warnings: list[Problem] = field(default_factory=list)
    """Problems that are not fatal (Problem.warning), unless the summaries were read strictly."""


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
    for i, rendering in enumerate(glossary.renderings):
        for j, english in enumerate(rendering.en):
            for indonesian in rendering.id:
                why = refused_rendering(indonesian, english)
                if why:
                    problems.append(
                        parsed.problem(
                            ("renderings", i, "en", j),
                            f"renderings[{i}].en[{j}]: {english!r} is not a rendering of"
                            f" {indonesian!r}: {why}",
                        )
                    )
    return problems or glossary


def refused_rendering(indonesian: str, english: str) -> str | None:
    """Why an English phrase cannot render an Indonesian one: it negates another number of
    things, reverses its polarity (oppose for support), or states other numbers; None when it
    may."""
    from briefs.check.grounding.stance import negations, polarities
    from briefs.language.numbers import mentions

    denied = (len(negations(indonesian, "id")), len(negations(english, "en")))
    if denied[0] != denied[1]:
        return f"it negates {denied[1]} thing(s), the Indonesian {denied[0]}"
    turned = set(polarities(indonesian, "id")) ^ set(polarities(english, "en"))
    if {"assent", "opposition"} <= turned or (
        turned and polarities(indonesian, "id") and polarities(english, "en")
    ):
        return "it reverses the polarity (support and oppose)"
    numbers = (
        {m.value for m in mentions(indonesian, "id")},
        {m.value for m in mentions(english, "en")},
    )
    if numbers[0] != numbers[1]:
        return "it states other numbers"
    return None


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
                        f"{document.name(('points', i, 'themes', j))}: unknown theme {theme!r} "
                        "(see sources/themes.yaml)",
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
                    f"{document.name(loc)}: unknown series {figure.series!r} (see sources/themes.yaml)",
                )
            )
        elif series.unit != figure.unit:
            problems.append(
                document.problem(
                    loc,
                    f"{document.name(loc)}: series {series.id!r} is in {series.unit}, the figure in {figure.unit}",
                )
            )
        elif figure.year is None:
            problems.append(
                document.problem(loc, f"{document.name(loc)}: a figure in a series needs 'year'")
            )
    for i, outcome in enumerate(meeting.outcomes):
        for j, later in enumerate(outcome.taken_up_at):
            loc = ("outcomes", i, "taken_up_at", j)
            if later not in known:
                problems.append(
                    document.problem(
                        loc,
                        f"{document.name(loc)}: no meeting {later!r} in sources/meetings/",
                    )
                )
            elif known[later] <= meeting.date.isoformat():
                problems.append(
                    document.problem(
                        loc,
                        f"{document.name(loc)}: {later!r} is not later than this meeting",
                    )
                )
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
    parsed_all: list[Document] = []
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
        parsed_all.append(parsed)
        if cached is not None:
            found = cached
        else:
            found = (
                check_document(
                    parsed,
                    project,
                    grounding(),
                    glossary if isinstance(glossary, Glossary) else None,
                )
                + check_links(parsed, vocabulary, known)
                + check_relative_time(parsed)
            )
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
    # across the archive: every summary that reads, whatever its own problems
    for problem in check_ordinals(parsed_all):
        (problems if strict else warnings).append(problem)
    log.debug("read %d summaries, %d problems", len(documents), len(problems))
    return Loaded(documents, problems, vocabulary, sorted(warnings))
