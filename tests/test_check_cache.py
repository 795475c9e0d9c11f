"""The check results recorded in the manifest (CheckCache): reused while every input
of a summary's checks keeps its bytes, redone for what changed, and the same messages, byte for
byte, whether they come from the record or from the checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefs.build.manifest import Manifest
from briefs.check import validate
from briefs.check.cache import CheckCache
from briefs.check.validate import Loaded, load_summaries
from briefs.cli.commands import main
from briefs.project import open_project

from .conftest import MEETING, OTHER, ROOT, keep_two_meetings

MEETINGS = Path("sources") / "meetings"
WARNING = ("All sides are encouraged to expand", "All sides agree to expand")
"""An edit of MEETING's English text that the stance checks warn about."""


def messages(loaded: Loaded) -> tuple[list[str], list[str]]:
    return [str(p) for p in loaded.problems], [str(p) for p in loaded.warnings]


def checked_with_record(root: Path, strict: bool) -> Loaded:
    """Load with the manifest's record, and save what was recorded, as a build does."""
    project = open_project(root)
    manifest = Manifest(project.build_dir)
    project.build_dir.mkdir(exist_ok=True)
    loaded = load_summaries(project, strict=strict, checks=CheckCache(project, manifest))
    manifest.save()
    return loaded


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """The summaries check_document checks (file names), in order."""
    seen: list[str] = []
    check = validate.check_document

    def counting(document, project, *args, **kwargs):
        seen.append(document.path.name)
        return check(document, project, *args, **kwargs)

    monkeypatch.setattr(validate, "check_document", counting)
    return seen


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("strict", [False, True])
def test_recorded_messages_are_the_checks_messages_byte_for_byte(
    bad_root, project_copy, monkeypatch, counted, strict
):
    edit(project_copy, f"{MEETINGS}/{MEETING}.yaml", *WARNING)
    for root in (bad_root, project_copy):  # problems of every kind; a warning
        monkeypatch.chdir(root)  # messages show paths relative to the working folder
        fresh = messages(load_summaries(open_project(root), strict=strict))
        first = messages(checked_with_record(root, strict))
        counted.clear()
        again = messages(checked_with_record(root, strict))
        assert counted == [], "nothing changed: nothing is checked again"
        assert first == fresh
        assert again == fresh
        # and under the other setting, from the same record
        other = messages(load_summaries(open_project(root), strict=not strict))
        counted.clear()
        assert messages(checked_with_record(root, not strict)) == other
        assert counted == []
    assert any("warning: points[10].text.en" in line for line in fresh[0 if strict else 1])
    monkeypatch.chdir(bad_root)
    assert len(messages(checked_with_record(bad_root, strict))[0]) > 3


def test_each_input_of_a_check_redoes_it(project_copy, counted):
    root = keep_two_meetings(project_copy)
    checked_with_record(root, True)
    assert counted == [f"{MEETING}.yaml", f"{OTHER}.yaml"]
    counted.clear()
    checked_with_record(root, True)
    assert counted == []
    # the summary's own bytes
    edit(root, f"{MEETINGS}/{OTHER}.yaml", "\nkind:", "\n# a comment\nkind:")
    checked_with_record(root, True)
    assert counted == [f"{OTHER}.yaml"]
    counted.clear()
    # an article it cites
    project = open_project(root)
    (article,) = {
        c.article
        for c in load_summaries(project, [root / MEETINGS / f"{MEETING}.yaml"])
        .documents[0]
        .meeting.sources
    }
    with open(project.articles_dir / article, "a", encoding="utf-8") as file:
        file.write("\n")
    counted.clear()
    checked_with_record(root, True)
    assert counted == [f"{MEETING}.yaml"]
    counted.clear()
    # the glossary and the themes: every summary
    for name in ("glossary.yaml", "themes.yaml"):
        with open(root / "sources" / name, "a", encoding="utf-8") as file:
            file.write("\n# edited\n")
        checked_with_record(root, True)
        assert counted == [f"{MEETING}.yaml", f"{OTHER}.yaml"]
        counted.clear()
    # the meeting MEETING links to is gone: MEETING alone is checked again, and fails
    (root / MEETINGS / f"{OTHER}.yaml").unlink()
    loaded = checked_with_record(root, True)
    assert counted == [f"{MEETING}.yaml"]
    assert any(f"no meeting {OTHER!r}" in p.message for p in loaded.problems)


def test_the_code_is_an_input(project_copy, counted, monkeypatch):
    root = keep_two_meetings(project_copy)
    checked_with_record(root, True)
    counted.clear()
    # any file of the package: a module of the checks added tomorrow, a data file
    monkeypatch.setattr("briefs.check.cache.checks_code", lambda: "other code")
    checked_with_record(root, True)
    assert counted == [f"{MEETING}.yaml", f"{OTHER}.yaml"]


def test_checks_code_reads_every_file_of_the_package(tmp_path, monkeypatch):
    from briefs.check import cache as check_cache

    package = tmp_path / "briefs"
    (package / "data").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n")
    monkeypatch.setattr(check_cache, "PACKAGE_DIR", package)
    before = check_cache.checks_code()
    (package / "data" / "vocabulary.yaml").write_text("words: []\n")
    with_data = check_cache.checks_code()
    (package / "grounding").mkdir()
    (package / "grounding" / "names.py").write_text("y = 2\n")
    assert len({before, with_data, check_cache.checks_code()}) == 3


def test_a_strict_build_with_nothing_to_do_checks_nothing(project_copy, counted):
    root = keep_two_meetings(project_copy)
    build = ["--root", str(root), "build", "--all", "--strict", "--format", "html"]
    first = CliRunner().invoke(main, build)
    assert first.exit_code == 0, first.output
    counted.clear()
    again = CliRunner().invoke(main, build)
    assert again.exit_code == 0, again.output
    assert again.output == f"all briefs in {root / 'build'} are up to date\n"
    assert counted == []
    # In a fresh process: the answer comes without importing the checks (or pydantic).
    code = (
        "import sys; from briefs.cli.commands import main\n"
        "try: main([*sys.argv[1:]])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m in ('briefs.check.validate', 'pydantic')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *build], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == [f"all briefs in {root / 'build'} are up to date", "[]"]


def test_a_strict_build_still_refuses_a_recorded_warning(project_copy, monkeypatch):
    root = keep_two_meetings(project_copy)
    monkeypatch.chdir(root)
    edit(root, f"{MEETINGS}/{MEETING}.yaml", *WARNING)
    lenient = CliRunner().invoke(main, ["build", "--all", "--format", "html"])
    assert lenient.exit_code == 0, lenient.output
    results = []
    for _ in range(2):  # checked, then from the record
        strict = CliRunner().invoke(main, ["build", "--all", "--strict", "--format", "html"])
        assert strict.exit_code == 1
        results.append(strict.stderr)
    assert results[0] == results[1]
    assert "warning: points[10].text.en (point 9): 'agree' (agreement)" in results[0]


def test_outputs_and_checks_stand_on_one_code_fingerprint(tmp_path, monkeypatch):
    """The outputs' toolchain and the recorded checks read the same files of the package: a
    data file changed rebuilds the briefs as it re-runs the checks (it used to count for the
    checks alone)."""
    from briefs.build import toolchain
    from briefs.check import cache as check_cache
    from briefs.project import LANGUAGES, open_project

    package = tmp_path / "briefs"
    (package / "data").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n")
    monkeypatch.setattr(toolchain, "PACKAGE_DIR", package)
    monkeypatch.setattr(check_cache, "PACKAGE_DIR", package)
    project = open_project(ROOT)
    before = toolchain.Toolchain.of(project, LANGUAGES).code
    assert check_cache.checks_code() == toolchain.code_fingerprint()
    (package / "data" / "vocabulary.yaml").write_text("words: []\n")
    assert toolchain.Toolchain.of(project, LANGUAGES).code != before
    assert check_cache.checks_code() == toolchain.code_fingerprint()
