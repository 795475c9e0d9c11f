"""Incremental and parallel builds: only what changed is rebuilt; any number of workers, forked
or spawned, in any folder and at any time, gives the same bytes."""

from __future__ import annotations

import hashlib
import multiprocessing
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefs.build import phases as build
from briefs.build import workers
from briefs.build.manifest import MANIFEST, Manifest
from briefs.build.phases import build_all
from briefs.build.stats import BuildStats
from briefs.build.toolchain import Toolchain
from briefs.cli.commands import main
from briefs.plan import plan
from briefs.project import LANGUAGES, Project, open_project

from .conftest import copy_project

MEETING = "2020-07-16-china-central-asia-foreign-ministers"
OTHER = "2024-12-01-china-central-asia-foreign-ministers"  # took up a commitment of MEETING


def names(paths) -> list[str]:
    return sorted(f"{p.parent.name}/{p.name}" for p in paths)


def digests(project) -> dict[str, str]:
    return {
        f"{p.parent.name}/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()
        for p in project.build_dir.rglob("*")
        if p.suffix in (".pdf", ".html")
    }


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def stale(project: Project) -> list[tuple[str, str]]:
    """What the plan finds stale: (meeting id or digest name, language), sorted."""
    found = plan(project, Toolchain.of(project, LANGUAGES), Manifest(project.build_dir))
    return sorted(
        found.briefs + [(project.digest_name(year), language) for year, language in found.digests]
    )


def both(*names: str) -> list[str]:
    return sorted(f"{lang}/{name}" for lang in ("en", "id") for name in names)


def built_copy(built: Project, tmp_path: Path) -> Project:
    """A copy of the built project with its build/ (same bytes and times: up to date)."""
    root = copy_project(built.root, tmp_path / "project")
    shutil.copytree(built.build_dir, root / "build")
    return open_project(root)


def change_bytes_not_meaning(root: Path) -> None:
    edit(root / "sources" / "meetings" / f"{MEETING}.yaml", "name: Kamilov", "name: Kamilov ")


def add_a_theme(root: Path) -> None:
    edit(
        root / "sources" / "meetings" / f"{MEETING}.yaml",
        "themes: [health]",
        "themes: [health, security]",
    )


def change_an_english_title(root: Path) -> None:
    edit(
        root / "sources" / "meetings" / f"{OTHER}.yaml",
        "en: Sixth China–Central Asia foreign ministers' meeting in Chengdu",
        "en: The sixth China–Central Asia foreign ministers' meeting in Chengdu",
    )


def change_the_indonesian_catalog(root: Path) -> None:
    edit(
        root / "locale" / "id" / "LC_MESSAGES" / "messages.po",
        'msgstr "Peserta"',
        'msgstr "Para peserta"',
    )


def delete_an_output(root: Path) -> None:
    (root / "build" / "en" / f"{MEETING}.pdf").unlink()


def change_the_stylesheet(root: Path) -> None:
    edit(root / "templates" / "brief.css", "--accent: #1f4e79;", "--accent: #1f4e7a;")


ALL = ["*"]
"""Every output: 40."""
INDONESIAN = ["id/*"]
"""Every Indonesian output: 20."""

SCENARIOS = [
    pytest.param(lambda root: None, [], id="nothing"),
    # A change of bytes, not of meaning: its briefs and its year's PDF digest carry the summary;
    # the HTML digests show the same, and the overview carries only the meetings it charts.
    # The 2024-12-01 brief shows the 2020 meeting as its previous one, and the 2020 outcome it
    # takes up: it depends on that summary, and is rebuilt with it.
    pytest.param(
        change_bytes_not_meaning,
        both(
            f"{MEETING}.html", f"{MEETING}.pdf", f"{OTHER}.html", f"{OTHER}.pdf", "digest-2020.pdf"
        ),
        id="bytes-not-meaning",
    ),
    # A theme more: its year's digest and the overview count it.
    pytest.param(
        add_a_theme,
        both(
            f"{MEETING}.html",
            f"{MEETING}.pdf",
            f"{OTHER}.html",
            f"{OTHER}.pdf",
            "digest-2020.html",
            "digest-2020.pdf",
            "digest.html",
            "digest.pdf",
        ),
        id="a-theme-more",
    ),
    # An English title: the 2024 digest shows it, and so does the 2020 one, which names the
    # meeting that took up one of its commitments; the overview names no meeting. The
    # Indonesian 2024 PDF digest does not show it, but carries the edited summary.
    pytest.param(
        change_an_english_title,
        sorted(
            [
                "en/digest-2020.html",
                "en/digest-2020.pdf",
                "en/digest-2024.html",
                "en/digest-2024.pdf",
                "id/digest-2024.pdf",
                *both(f"{OTHER}.html", f"{OTHER}.pdf"),
            ]
        ),
        id="an-english-title",
    ),
    pytest.param(change_the_indonesian_catalog, INDONESIAN, id="a-catalog"),
    pytest.param(
        # the deleted file alone: its HTML twin is still the file built from today's inputs
        delete_an_output,
        [f"en/{MEETING}.pdf"],
        id="a-deleted-output",
    ),
    pytest.param(change_the_stylesheet, ALL, id="the-stylesheet"),
]


@pytest.mark.parametrize("change, rebuilt", SCENARIOS)
def test_only_what_changed_is_rebuilt(built, tmp_path, change, rebuilt):
    project = built_copy(built, tmp_path)
    before = digests(project)
    change(project.root)
    report = build_all(project, jobs=1)
    assert report.ok
    written = names(report.written)
    if rebuilt == ALL:
        assert len(written) == 40
    elif rebuilt == INDONESIAN:
        assert len(written) == 20 and all(name.startswith("id/") for name in written)
    else:
        assert written == rebuilt
    if not rebuilt:
        assert report.up_to_date == 20
    after = digests(project)  # what was not rebuilt is the same file
    assert {name for name in after if after[name] != before.get(name)} <= set(written)
    # Built: the no-op check agrees that nothing is left to do.
    result = CliRunner().invoke(main, ["--root", str(project.root), "build", "--all"])
    assert result.output == f"all briefs in {project.build_dir} are up to date\n"


def test_force_rebuilds_everything_and_one_worker_builds_what_several_did(built, tmp_path):
    project = built_copy(built, tmp_path)
    stats = BuildStats()
    report = build_all(project, jobs=1, force=True, stats=stats)
    assert report.ok and len(report.written) == 40  # 20 briefs, 4 year digests and the overview
    assert stats.workers == 1 and stats.start_method == ""  # this process alone
    # `built` had a worker per core: one worker or several, the same bytes.
    assert digests(project) == digests(built)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_forked_or_spawned_elsewhere_and_later_give_the_same_bytes(
    project_copy, built, monkeypatch, method
):
    """Forked or spawned workers, in another folder, at a later time, with another
    SOURCE_DATE_EPOCH: the same bytes as `built`."""
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    # Chosen outright: a build run from a process with other threads (a test server another
    # test left idle) would otherwise spawn.
    monkeypatch.setattr(build, "start_method", lambda: method)  # as build.py calls it
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    # The clock must have moved on since `built`, so that it cannot hide in the output.
    time.sleep(max(0.0, (built.build_dir / MANIFEST).stat().st_mtime + 1.1 - time.time()))
    project = open_project(project_copy)
    stats = BuildStats()
    report = build_all(project, jobs=2, stats=stats)
    assert report.ok and len(report.written) == 40
    assert (stats.workers, stats.start_method) == (2, method)
    assert {name for name, _ in stats.rss_by_job} >= {MEETING, "digest", "digest-2024"}
    assert digests(project) == digests(built)


def test_outputs_of_a_removed_meeting_are_removed(project_copy):
    project = open_project(project_copy)
    assert build_all(project, jobs=1, formats=("html",)).ok
    (project.meetings_dir / f"{MEETING}.yaml").unlink()  # the only meeting of 2020
    report = build_all(project, jobs=1, formats=("html",))
    # The 2024-12-01 brief no longer names it as its previous meeting: rebuilt too.
    assert report.ok and names(report.written) == [
        f"en/{OTHER}.html",
        "en/digest.html",
        f"id/{OTHER}.html",
        "id/digest.html",
    ]
    assert not (project.build_dir / "id" / f"{MEETING}.html").exists()
    assert not (project.build_dir / "id" / "digest-2020.html").exists()  # no 2020 any more
    assert len(list(project.build_dir.rglob("*.html"))) == 16  # 8 briefs, 3 years, overview


def test_cli_no_op_and_quiet_when_piped(project_copy):
    args = ["--root", str(project_copy), "build", "--all", "--format", "html", "--jobs", "2"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert first.output == f"20 files written to {project_copy / 'build'}\n"
    assert first.stderr == ""  # no progress bar when not on a terminal
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 0
    assert "are up to date" in second.output


def test_a_change_to_any_cited_article_rebuilds_its_brief_and_its_year_digest(articles_root):
    project = open_project(articles_root)
    assert build_all(project, jobs=1).ok
    assert stale(project) == []
    second = project.articles_dir / "lanjutan.txt"  # the meeting's second article
    second.write_text(second.read_text(encoding="utf-8") + "\nKomentar\n", encoding="utf-8")
    # The no-op check sees it too: the brief, its year's digest (which carries it) and the
    # overview (whose inputs are every summary and article) in each language.
    assert stale(project) == [
        ("2021-03-04-two-articles", "en"),
        ("2021-03-04-two-articles", "id"),
        ("digest", "en"),
        ("digest", "id"),
        ("digest-2021", "en"),
        ("digest-2021", "id"),
    ]
    written = names(build_all(project, jobs=1).written)
    assert written == [
        f"{language}/{name}.{fmt}"
        for language in ("en", "id")
        for name, fmt in (
            ("2021-03-04-two-articles", "html"),
            ("2021-03-04-two-articles", "pdf"),
            (
                "digest-2021",
                "pdf",
            ),  # it carries the article; its page and the overview's are the same
        )
    ]


def test_the_settings_are_an_input_of_every_brief(project_copy):
    """briefs.toml names the desk on every brief: a change there rebuilds them all."""
    project = open_project(project_copy)
    assert build_all(project, jobs=1, formats=("html",)).ok
    edit(
        project_copy / "briefs.toml",
        'en = "China–Central Asia Analysis Desk"',
        'en = "Central Asia Desk"',
    )
    project = open_project(project_copy)
    written = build_all(project, jobs=1, formats=("html",)).written
    briefs = [
        project.output_path(p.stem, lang, "html")
        for p in project.summary_paths()
        for lang in ("id", "en")
    ]
    assert set(briefs) <= set(written)
    assert '<p class="desk">Central Asia Desk</p>' in briefs[1].read_text(encoding="utf-8")


def test_workers_are_spawned_from_a_process_with_threads(monkeypatch):
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)
    assert workers.start_method() == workers.START_METHOD
    monkeypatch.setattr(workers.threading, "active_count", lambda: 3)  # as under `briefs serve`
    assert workers.start_method() == "spawn"


def test_a_pdf_whose_page_did_not_change_keeps_its_page_part(built, tmp_path, monkeypatch):
    """A PDF that only carries an edited summary is not laid out again: its page part is taken
    from the file (builders/attachments.py) and the new attachments appended; one whose page
    part was tampered with is laid out again. Either way, the same bytes as a clean build."""
    from briefs.write.pdf import PdfBuilder

    project = built_copy(built, tmp_path)
    change_an_english_title(project.root)
    tampered = project.build_dir / "id" / f"{MEETING}.pdf"
    data = bytearray(tampered.read_bytes())
    data[200] ^= 1  # inside the page part; the same size
    tampered.write_bytes(bytes(data))
    laid_out = []
    layout = PdfBuilder.layout

    def counted(self, html):
        laid_out.append(html)
        return layout(self, html)

    monkeypatch.setattr(PdfBuilder, "layout", counted)
    report = build_all(project, jobs=1)
    assert report.ok
    pdfs = [name for name in names(report.written) if name.endswith(".pdf")]
    assert pdfs == sorted(
        [
            "en/digest-2020.pdf",
            "en/digest-2024.pdf",
            "id/digest-2024.pdf",
            f"en/{OTHER}.pdf",
            f"id/{OTHER}.pdf",
            f"id/{MEETING}.pdf",
        ]
    )
    # The pages that show the title, and the tampered file; not the Indonesian brief and
    # digest, which carry the edited summary but do not show its English title.
    assert len(laid_out) == 4
    monkeypatch.setattr(PdfBuilder, "layout", layout)
    fresh = open_project(copy_project(project.root, tmp_path / "fresh"))
    assert build_all(fresh, jobs=1).ok
    assert digests(project) == digests(fresh)


def test_another_release_of_a_renderer_rebuilds_every_brief(project_copy, tmp_path, monkeypatch):
    """The code fingerprint follows each renderer's installed release (its __init__.py, which
    holds its version): upgrading one makes every brief stale; a renderer that is not installed
    is a fixed marker, not an error."""
    from briefs.build import toolchain

    package = tmp_path / "site" / "fakerenderer"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("__version__ = '1.0'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(toolchain, "RENDERERS", ("fakerenderer", "no_such_renderer_here"))
    project = open_project(project_copy)
    before = Toolchain.of(project, LANGUAGES)
    assert Toolchain.of(project, LANGUAGES) == before
    (package / "__init__.py").write_text("__version__ = '1.1'\n", encoding="utf-8")
    after = Toolchain.of(project, LANGUAGES)
    assert after.code != before.code
    assert {after.layout(lang) for lang in LANGUAGES}.isdisjoint(
        {before.layout(lang) for lang in LANGUAGES}
    )


def test_each_renderers_init_holds_its_release():
    """What the code fingerprint takes for a renderer's release (its __init__.py) names the
    version installed: a new release changes the file."""
    import importlib.util
    from importlib import metadata

    from briefs.build.toolchain import RENDERERS

    for name in RENDERERS:
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin is not None, name
        init = Path(spec.origin).read_text(encoding="utf-8")
        assert f"'{metadata.version(name)}'" in init or f'"{metadata.version(name)}"' in init, name
