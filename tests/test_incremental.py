"""Incremental and parallel builds: only what changed is rebuilt; any number of workers gives
the same bytes."""

from __future__ import annotations

import hashlib

from click.testing import CliRunner

from briefs.build import build_all
from briefs.cli import main
from briefs.project import open_project

MEETING = "2020-07-16-china-central-asia-foreign-ministers"


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


def test_only_what_changed_is_rebuilt(project_copy, built):
    project = open_project(project_copy)
    first = build_all(project, jobs=1)
    assert first.ok and len(first.written) == 24  # 20 briefs and 4 digests
    assert digests(project) == digests(built)  # one worker or several: the same bytes

    again = build_all(project, jobs=1)
    assert again.written == [] and again.up_to_date == 20

    edit(project.meetings_dir / f"{MEETING}.yaml", "Kamilov", "Kamilov ")  # a change, same meaning
    assert names(build_all(project, jobs=1).written) == [  # the digest covers every meeting
        f"en/{MEETING}.html",
        f"en/{MEETING}.pdf",
        "en/digest.html",
        "en/digest.pdf",
        f"id/{MEETING}.html",
        f"id/{MEETING}.pdf",
        "id/digest.html",
        "id/digest.pdf",
    ]

    edit(
        project.locale_dir / "id" / "LC_MESSAGES" / "messages.po",
        'msgstr "Peserta"',
        'msgstr "Para peserta"',
    )
    rebuilt = names(build_all(project, jobs=1).written)
    assert len(rebuilt) == 12 and all(name.startswith("id/") for name in rebuilt)

    (project.build_dir / "en" / f"{MEETING}.pdf").unlink()
    assert names(build_all(project, jobs=1).written) == [f"en/{MEETING}.html", f"en/{MEETING}.pdf"]

    edit(project.templates_dir / "brief.css", "--accent: #1f4e79;", "--accent: #1f4e7a;")
    assert len(build_all(project, jobs=1).written) == 24

    assert len(build_all(project, jobs=1, force=True).written) == 24


def test_outputs_of_a_removed_meeting_are_removed(project_copy):
    project = open_project(project_copy)
    assert build_all(project, jobs=1, formats=("html",)).ok
    (project.meetings_dir / f"{MEETING}.yaml").unlink()
    report = build_all(project, jobs=1, formats=("html",))
    assert report.ok and names(report.written) == ["en/digest.html", "id/digest.html"]
    assert not (project.build_dir / "id" / f"{MEETING}.html").exists()
    assert len(list(project.build_dir.rglob("*.html"))) == 10


def test_cli_no_op_and_quiet_when_piped(project_copy):
    args = ["--root", str(project_copy), "build", "--all", "--format", "html", "--jobs", "2"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert first.output == f"12 files written to {project_copy / 'build'}\n"
    assert first.stderr == ""  # no progress bar when not on a terminal
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 0
    assert "are up to date" in second.output


def test_a_change_to_any_cited_article_rebuilds_its_brief_and_the_digest(articles_root):
    from briefs.build import FORMATS
    from briefs.manifest import stale_briefs
    from briefs.models import LANGUAGES

    project = open_project(articles_root)
    assert build_all(project, jobs=1).ok
    assert stale_briefs(project, LANGUAGES, FORMATS) == 0
    second = project.articles_dir / "lanjutan.txt"  # the meeting's second article
    second.write_text(second.read_text(encoding="utf-8") + "\nKomentar\n", encoding="utf-8")
    # The no-op check sees it too: the brief and the digest (which carries it) in each language.
    assert stale_briefs(project, LANGUAGES, FORMATS) == 4
    written = names(build_all(project, jobs=1).written)
    assert written == [
        f"{language}/{name}.{fmt}"
        for language in ("en", "id")
        for name in ("2021-03-04-two-articles", "digest")
        for fmt in ("html", "pdf")
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
