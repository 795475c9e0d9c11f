"""Renaming: a draft (or any summary) and the article it cites, given another meeting id
together, so that an editor can draft before knowing the id and settle it afterwards."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from briefs.draft.writing import write_new_file
from briefs.errors import BriefsError, display_path
from briefs.project import Project
from briefs.read.loader import CHECK_MARK, TO_CHECK
from briefs.summary.fields import MEETING_ID
from briefs.write.files import write_atomically

log = logging.getLogger(__name__)

_ID_LINE = re.compile(
    rf"^id:\s+(?:{re.escape(CHECK_MARK)}\s+)?['\"]?(?P<id>[^\s'\"#]+)['\"]?"
    rf"(?:\s+{re.escape(TO_CHECK)}.*)?$",
    re.M,
)
"""The summary's top-level id line, marked or not: 'id: !check 2024-07-03-...  # to check: ...'."""


def _summary_path(project: Project, summary: str) -> Path:
    """A summary named by its id ('draft', '2024-07-03-...') or by its path."""
    path = Path(summary)
    if path.suffix == ".yaml" or path.parent != Path("."):
        return path
    return project.meetings_dir / f"{summary}.yaml"


def rename_draft(
    project: Project, summary: str, new_id: str | None = None
) -> list[tuple[Path, Path]]:
    """Give a summary (a draft such as sources/meetings/draft.yaml) the meeting id new_id (by
    default the id it holds): the file becomes sources/meetings/<new_id>.yaml with that id, and
    its article sources/articles/<old id>.txt becomes <new_id>.txt, with every reference to it
    (sources[].article, a quote's article, the header). Refused before anything moves when a
    target exists with other content; never replaces a file. The (old, new) paths moved."""
    path = _summary_path(project, summary)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BriefsError(f"{display_path(path)}: no such summary") from None
    except OSError as error:
        raise BriefsError(f"{display_path(path)}: {error.strerror or error}") from None
    found = _ID_LINE.search(text)
    if found is None:
        raise BriefsError(f"{display_path(path)}:1:1: no top-level 'id' to rename")
    old_id = found.group("id")
    new_id = new_id or old_id
    if not MEETING_ID.match(new_id):
        raise BriefsError(
            f"{new_id!r} is not a meeting id: the meeting's date and a slug, "
            "such as 2024-07-03-china-kazakhstan-bilateral-talks"
        )
    target = project.meetings_dir / f"{new_id}.yaml"
    if target.exists() and target.resolve() != path.resolve():
        raise BriefsError(f"{display_path(target)} already exists; choose another id")
    line = text.count("\n", 0, found.start()) + 1
    renamed = text[: found.start()] + f"id: {new_id}" + text[found.end() :]
    if found.group(0) != f"id: {new_id}" and CHECK_MARK in found.group(0):
        log.info("%s:%d: the id is settled by the rename; its mark removed", path, line)
    moves: list[tuple[Path, Path]] = []
    for stem in dict.fromkeys([old_id, path.stem]):
        old_article = project.articles_dir / f"{stem}.txt"
        new_article = project.articles_dir / f"{new_id}.txt"
        cited = re.compile(rf"(?<![\w.-]){re.escape(old_article.name)}(?![\w-]|\.\w)")
        if stem == new_id or not cited.search(renamed):
            continue
        renamed = cited.sub(new_article.name, renamed)
        if old_article.exists():
            if new_article.exists() and new_article.read_bytes() != old_article.read_bytes():
                raise BriefsError(
                    f"{display_path(new_article)} already exists with another text; "
                    f"{display_path(old_article)} cannot take its name"
                )
            moves.append((old_article, new_article))
    linked: list[Path] = []
    try:
        for old, new in moves:
            if not new.exists():
                os.link(old, new)  # a link never replaces a file
                linked.append(new)
        if target.resolve() == path.resolve():
            write_atomically(path, renamed.encode("utf-8"))  # never half a summary
        else:
            write_new_file(target, renamed)
    except BaseException:
        for new in linked:
            new.unlink(missing_ok=True)
        raise
    for old, _ in moves:
        old.unlink()
    if target.resolve() != path.resolve():
        path.unlink()
        moves.insert(0, (path, target))
    return moves
