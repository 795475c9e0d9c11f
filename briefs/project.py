"""Where a project keeps its sources, templates, catalogs and outputs, and its settings."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefs.errors import ConfigurationError, RenderError, display_path

CONFIG_FILE = "briefs.toml"
LANGUAGES = ("id", "en")
"""Every brief is written in each: Indonesian first, then English."""
LOCALES = {"id": "id", "en": "en_001"}
"""CLDR locale per brief language. en_001 (international English) writes "16 July 2020" and
"US$50.1 billion": what an analysis desk outside the US expects."""
FORMATS = ("pdf", "html")
PREVIEW_TEMPLATES = "preview-"
"""The prefix of the templates of `briefs serve`'s own pages: no brief is made from them."""
DIGEST = "digest"
"""The digests' name: digest.<fmt> (the overview), digest-<year>.<fmt> (a year's); the
manifest's meeting name for their outputs (no meeting id is a bare word)."""
INSTALLED_LOCK = Path(sys.prefix) / "briefs-lock.sha256"
"""Written by `make setup` into the virtualenv: the SHA-256 of requirements.lock as installed."""

MAX_WORD = 80
"""The longest unbroken word a brief can lay out: its running text sets 45 to 95 characters a
line, so a longer word fits no line, and WeasyPrint's time to lay one out grows faster than its
length (3,000 characters in a title took a minute). The checks refuse a longer word in a
summary; the renderer gives any longer run of the page a break opportunity all the same."""


LAST_EPOCH = 253402300799
"""9999-12-31 23:59:59 UTC: the last second a date can hold."""


def issue_date_or_why(issued: dt.date | None) -> dt.date | str:
    """The issue date printed on a document (a brief, a digest, a feed's entry): its
    summary's own, else the UTC day of SOURCE_DATE_EPOCH (whole seconds since 1970-01-01, ASCII
    digits, up to LAST_EPOCH); never the clock, so that the same sources always give the same
    files. When there is none, why (SOURCE_DATE_EPOCH being what it is): the checks report it,
    and issue_date fails with it."""
    if issued is not None:
        return issued
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if re.fullmatch(r"[0-9]{1,12}", epoch) and int(epoch) <= LAST_EPOCH:
        return (dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=int(epoch))).date()
    if not epoch:
        return "SOURCE_DATE_EPOCH is not set"
    return (
        f"SOURCE_DATE_EPOCH={epoch!r} is not valid (whole seconds since 1970-01-01 UTC, "
        f"0 to {LAST_EPOCH})"
    )


def issue_date(issued: dt.date | None, what: str) -> dt.date:
    """The issue date printed on a document (issue_date_or_why); none is a render error of
    what (a meeting id, a digest's name)."""
    day = issue_date_or_why(issued)
    if isinstance(day, str):
        raise RenderError(what, f"no issue date: give 'issued' in the summary ({day})")
    return day


@cache
def installed_lock() -> str | None:
    """The SHA-256 of the lock file this environment was installed from (None when it was
    not installed by `make`, e.g. by a bare pip install)."""
    try:
        digest = INSTALLED_LOCK.read_text(encoding="ascii").split()[0]
    except (OSError, UnicodeDecodeError, IndexError):
        return None
    return digest if len(digest) == 64 and all(c in "0123456789abcdef" for c in digest) else None


@dataclass(frozen=True)
class Project:
    """A briefs project: a folder with sources/, templates/, locale/ and build/."""

    root: Path
    desk: dict[str, str]
    """The desk's name in each language: {"id": ..., "en": ...}."""
    contact: dict[str, str] | None = None
    """Who to write to about a brief, in each language (printed in the reference line)."""
    handling: dict[str, str] | None = None
    """How a brief may be passed on, in each language (printed in the reference line)."""

    @property
    def meetings_dir(self) -> Path:
        return self.root / "sources" / "meetings"

    @property
    def articles_dir(self) -> Path:
        return self.root / "sources" / "articles"

    @property
    def vocabulary_path(self) -> Path:
        """sources/themes.yaml: themes and series."""
        return self.root / "sources" / "themes.yaml"

    @property
    def glossary_path(self) -> Path:
        """sources/glossary.yaml: names in both languages, for the grounding checks."""
        return self.root / "sources" / "glossary.yaml"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def locale_dir(self) -> Path:
        return self.root / "locale"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def readers_path(self) -> Path:
        """Who gets the briefs by email (see readers.example.yaml)."""
        return self.root / "readers.yaml"

    @property
    def ledger_path(self) -> Path:
        """The delivery ledger: outside build/, which 'make clean' wipes, and git-ignored,
        since it lists readers' addresses."""
        return self.root / "deliveries" / "ledger.jsonl"

    def output_path(self, meeting_id: str, language: str, fmt: str) -> Path:
        """build/<lang>/<meeting-id>.<fmt>"""
        return self.build_dir / language / f"{meeting_id}.{fmt}"

    def digest_path(self, language: str, fmt: str, year: int | None = None) -> Path:
        """build/<lang>/digest-<year>.<fmt> for a year's digest, build/<lang>/digest.<fmt> for
        the overview across years."""
        return self.build_dir / language / f"{self.digest_name(year)}.{fmt}"

    @staticmethod
    def digest_name(
        year: int | None = None, *, start: dt.date | None = None, end: dt.date | None = None
    ) -> str:
        """A digest's name: "digest-<year>" for a year's, "digest" for the overview,
        "digest-<start>-<end>" for a date range's."""
        if start is not None and end is not None:
            return f"{DIGEST}-{start.isoformat()}-{end.isoformat()}"
        return DIGEST if year is None else f"{DIGEST}-{year}"

    @staticmethod
    def digest_year(name: str) -> int | None:
        """The year of a digest by its name (digest_name's inverse): None for the overview;
        ValueError for any other name (a date range's digest, a meeting's brief)."""
        if name == DIGEST:
            return None
        prefix, dash, year = name.partition("-")
        if prefix == DIGEST and dash and len(year) == 4 and year.isdigit():
            return int(year)
        raise ValueError(f"{name!r} is not the name of a year's digest or of the overview")

    def summaries_by_year(self) -> dict[int, list[Path]]:
        """The summaries of each year, from their file names (a meeting id starts with its
        date, which `briefs check` enforces): no summary is read."""
        years: dict[int, list[Path]] = {}
        for path in self.summary_paths():
            if path.stem[:4].isdigit() and path.stem[4:5] == "-":
                years.setdefault(int(path.stem[:4]), []).append(path)
        return years

    def summary_paths(self) -> list[Path]:
        """Every summary in sources/meetings/, in file-name (and so date) order. A folder that
        cannot be listed is an error, never an empty list: a build would take its meetings
        for deleted. So is a sources/articles/ that cannot be listed: every command that reads
        the summaries starts here, before any of their articles is read."""
        names = _listing(self.meetings_dir, "is this a briefs project?")
        if os.path.lexists(self.articles_dir):
            _listing(self.articles_dir, "")
        return sorted(
            self.meetings_dir / name
            for name in names
            if name.endswith(".yaml") and not name.startswith(".")
        )


def _listing(folder: Path, hint: str) -> list[str]:
    """The names in folder, or a ConfigurationError that names it and says why not."""
    shown = display_path(folder)
    try:
        with os.scandir(folder) as entries:
            return [entry.name for entry in entries]
    except FileNotFoundError:
        raise ConfigurationError(f"{shown}: no such folder; {hint}".rstrip("; ")) from None
    except NotADirectoryError:
        raise ConfigurationError(f"{shown}: not a folder") from None
    except OSError as error:
        raise ConfigurationError(
            f"{shown}/: cannot read the folder: {error.strerror or error}"
        ) from None


def open_project(root: Path | str = ".") -> Project:
    """Read the project at root and its briefs.toml."""
    root = Path(root).resolve()
    config_path = root / CONFIG_FILE
    try:
        config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigurationError(
            f"{config_path}: not found; run briefs from the project folder"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigurationError(f"{config_path}: {error}") from None
    desk = config.get("desk", {}).get("name") if isinstance(config.get("desk"), dict) else None
    if not (
        isinstance(desk, dict)
        and set(desk) == {"id", "en"}
        and all(isinstance(v, str) and v.strip() for v in desk.values())
    ):
        raise ConfigurationError(f'{config_path}: needs [desk] name = {{ id = "…", en = "…" }}')
    lines = {key: _bilingual(config, key, config_path) for key in ("contact", "handling")}
    return Project(root=root, desk=desk, **lines)


def _bilingual(config: dict[str, object], key: str, config_path: Path) -> dict[str, str] | None:
    """An optional [desk] line in both languages, e.g. contact = { id = "…", en = "…" }."""
    desk = config.get("desk")
    value = desk.get(key) if isinstance(desk, dict) else None
    if value is None:
        return None
    if not (
        isinstance(value, dict)
        and set(value) == {"id", "en"}
        and all(isinstance(v, str) and v.strip() for v in value.values())
    ):
        raise ConfigurationError(f'{config_path}: [desk] {key} = {{ id = "…", en = "…" }}')
    return value
