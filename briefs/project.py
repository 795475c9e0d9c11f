"""Where a project keeps its sources, templates, catalogs and outputs, and its settings."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigurationError

CONFIG_FILE = "briefs.toml"


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

    def expected_outputs(
        self, languages: tuple[str, ...], formats: tuple[str, ...]
    ) -> dict[str, list[tuple[str, Path]]]:
        """Each meeting id's (language, output path) pairs."""
        return {
            path.stem: [
                (lang, self.output_path(path.stem, lang, fmt))
                for lang in languages
                for fmt in formats
            ]
            for path in self.summary_paths()
        }

    def digest_path(self, language: str, fmt: str, year: int | None = None) -> Path:
        """build/<lang>/digest-<year>.<fmt> for a year's digest, build/<lang>/digest.<fmt> for
        the overview across years."""
        name = "digest" if year is None else f"digest-{year}"
        return self.build_dir / language / f"{name}.{fmt}"

    def summaries_by_year(self) -> dict[int, list[Path]]:
        """The summaries of each year, from their file names (a meeting id starts with its
        date, which `briefs check` enforces): no summary is read."""
        years: dict[int, list[Path]] = {}
        for path in self.summary_paths():
            if path.stem[:4].isdigit() and path.stem[4:5] == "-":
                years.setdefault(int(path.stem[:4]), []).append(path)
        return years

    def summary_paths(self) -> list[Path]:
        """Every summary in sources/meetings/, in file-name (and so date) order."""
        if not self.meetings_dir.is_dir():
            raise ConfigurationError(
                f"{self.meetings_dir}: no such folder; is this a briefs project?"
            )
        return sorted(self.meetings_dir.glob("*.yaml"))


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
