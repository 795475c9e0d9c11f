"""What makes the briefs reproducible and the code checked: the lock file every install comes
from, the build record in each PDF, and the type, lint and format gates of `make test`."""

from __future__ import annotations

import hashlib
import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from pypdf import PdfReader

import briefs
from briefs.build import toolchain
from briefs.build.toolchain import Toolchain
from briefs.project import LANGUAGES, open_project
from briefs.write.pdf import BUILD_NS, BUILD_PROPERTIES, PDFA_PROPERTY, PDFA_SCHEMA

from .conftest import MEETING, ROOT

LOCK = ROOT / "requirements.lock"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def locked() -> dict[str, tuple[str, list[str]]]:
    """Each package of the lock: its exact version and its hashes."""
    pins: dict[str, tuple[str, list[str]]] = {}
    # One requirement per logical line; a trailing backslash continues it.
    for entry in re.sub(r"\\\n", " ", LOCK.read_text(encoding="utf-8")).splitlines():
        entry = entry.split("#", 1)[0].strip()
        if not entry:
            continue
        requirement, *options = entry.split(" --hash=")
        name, _, version = requirement.split(";")[0].strip().partition("==")
        pins[canonicalize_name(name)] = (version, [option.strip() for option in options])
    return pins


def test_the_lock_pins_every_dependency_exactly_with_hashes():
    pins = locked()
    wanted = [
        *PYPROJECT["project"]["dependencies"],
        *PYPROJECT["project"]["optional-dependencies"]["test"],
        *PYPROJECT["build-system"]["requires"],  # setuptools installs the package itself
    ]
    for line in wanted:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in requirements.lock: run make lock"
        version, _ = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), (name, version)
    for name, (version, hashes) in pins.items():
        assert re.fullmatch(r"[\w.+!]+", version), f"{name} is not pinned to one version"
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), name


def test_each_pdf_records_the_briefs_version_and_the_lock_it_was_built_with(built):
    expected_lock = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    assert toolchain.installed_lock() == expected_lock, (
        "this virtualenv was not installed from requirements.lock: run make setup"
    )
    outputs = [built.output_path(MEETING, language, "pdf") for language in LANGUAGES]
    outputs.append(built.digest_path("en", "pdf"))
    for output in outputs:
        reader = PdfReader(output)
        xmp = reader.xmp_metadata
        assert xmp is not None
        rdf = xmp.rdf_root

        def values(namespace: str, name: str, rdf=rdf) -> list[str]:
            return [node.firstChild.data for node in rdf.getElementsByTagNameNS(namespace, name)]

        assert values(BUILD_NS, "version") == [briefs.__version__]
        assert values(BUILD_NS, "lockSHA256") == [expected_lock]
        # PDF/A accepts a property outside its standard schemas only if the file describes it.
        assert values(PDFA_SCHEMA, "namespaceURI") == [BUILD_NS]
        assert values(PDFA_SCHEMA, "prefix") == ["briefs"]
        assert values(PDFA_PROPERTY, "name") == list(BUILD_PROPERTIES)
        assert reader.metadata is not None
        assert reader.metadata["/Producer"].startswith("WeasyPrint ")


def test_another_lock_makes_every_brief_stale(project_copy, monkeypatch):
    """The PDFs record the lock, so a brief built from another one is not up to date."""
    project = open_project(project_copy)
    before = Toolchain.of(project, LANGUAGES)
    monkeypatch.setattr(toolchain, "installed_lock", lambda: "0" * 64)
    assert Toolchain.of(project, LANGUAGES).code != before.code


def gates() -> list[list[str]]:
    """The commands `make test` runs before pytest, as the Makefile has them."""
    planned = subprocess.run(
        ["make", "--dry-run", "--silent", "test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    pytest_at = next(i for i, line in enumerate(planned) if " -m pytest" in line)
    commands = [
        shlex.split(line)
        for line in planned[:pytest_at]
        if line.startswith((".venv/bin/mypy", ".venv/bin/ruff"))
    ]
    return [[str(ROOT / command[0]), *command[1:]] for command in commands]


def gate(name: str) -> list[str]:
    """The gate command whose program or subcommand is name: mypy, check or format."""
    return next(c for c in gates() if name in (Path(c[0]).name, *c[1:2]))


def test_make_test_runs_the_type_lint_and_format_checks_before_the_tests():
    assert [(Path(c[0]).name, *c[1:2]) for c in gates()] == [
        ("mypy",),
        ("ruff", "check"),
        ("ruff", "format"),
    ]
    assert "--check" in gate("format")  # checks, never rewrites the code under test


PLANTS = {
    # a type error of the kind mypy caught in briefs/ (an optional used as if always there)
    "mypy": (
        "briefs/project.py",
        "\n\ndef _planted(value: str | None) -> int:\n    return len(value)\n",
        "briefs/project.py:{line}: error",
    ),
    # an unused import
    "check": ("briefs/project.py", "\nimport tempfile\n", "briefs/project.py:{line}:"),
    # a line the formatter would join
    "format": (
        "briefs/project.py",
        "\n\nPLANTED = (\n    1\n)\n",
        "briefs/project.py:{first}:",
    ),
}


@pytest.mark.parametrize("name", ["mypy", "check", "format"])
def test_a_planted_problem_fails_its_gate(name, tmp_path):
    """Each gate passes on the code as it is and fails, naming the place, on one planted flaw."""
    command = gate(name)
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(ROOT / "pyproject.toml", copy)
    shutil.copytree(ROOT / "briefs", copy / "briefs", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tests", copy / "tests", ignore=shutil.ignore_patterns("node_modules"))
    clean = subprocess.run(command, cwd=copy, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    path, addition, expected = PLANTS[name]
    target = copy / path
    text = target.read_text(encoding="utf-8")
    first = text.count("\n") + len(addition) - len(addition.lstrip("\n")) + 1
    line = text.count("\n") + addition.rstrip("\n").count("\n") + 1  # the addition's last line
    target.write_text(text + addition, encoding="utf-8")
    flawed = subprocess.run(command, cwd=copy, capture_output=True, text=True)
    assert flawed.returncode != 0
    assert expected.format(first=first, line=line) in flawed.stdout + flawed.stderr, flawed.stdout
