"""Where a project keeps its sources, templates, catalogs and outputs, and its settings."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigurationError
from .models import Text

CONFIG_FILE = "briefs.toml"


@dataclass(frozen=True)
class Project:
    """A briefs project: a folder with sources/, templates/, locale/ and build/."""

    root: Path
    desk: Text

    @property
    def meetings_dir(self) -> Path:
        return self.root / "sources" / "meetings"

    @property
    def articles_dir(self) -> Path:
        return self.root / "sources" / "articles"

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

    def summary_paths(self) -> list[Path]:
        """Every summary in sources/meetings/, in file-name (and so date) order."""
        if not self.meetings_dir.is_dir():
            raise ConfigurationError(f"{self.meetings_dir}: no such folder; is this a briefs project?")
        return sorted(self.meetings_dir.glob("*.yaml"))


def open_project(root: Path | str = ".") -> Project:
    """Read the project at root and its briefs.toml."""
    root = Path(root).resolve()
    config_path = root / CONFIG_FILE
    try:
        config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigurationError(f"{config_path}: not found; run briefs from the project folder") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigurationError(f"{config_path}: {error}") from None
    try:
        desk = Text.model_validate(config["desk"]["name"])
    except (KeyError, TypeError, ValueError):
        raise ConfigurationError(
            f"{config_path}: needs [desk] name = {{ id = \"…\", en = \"…\" }}"
        ) from None
    return Project(root=root, desk=desk)
