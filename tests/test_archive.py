"""Briefs readers can file and check: PDF/A-3 with the sources attached, tagged, and no
character without a glyph. (Reproducible: tests/test_incremental.py builds again elsewhere,
later, with other workers, and compares the bytes.)"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefs.cli.commands import main
from briefs.errors import display_path
from briefs.project import LANGUAGES
from briefs.render.i18n import localizers

from .conftest import ROOT

MEETING_IDS = sorted(path.stem for path in (ROOT / "sources" / "meetings").glob("*.yaml"))
CASES = [(meeting_id, language) for meeting_id in MEETING_IDS for language in LANGUAGES]


def outline_expected(meeting, language: str, loc, context) -> list[object]:
    """The bookmarks of a brief: its sections in page order, the points' groups under theirs,
    and under the evidence annex each article with the kinds of claims it backs."""
    from briefs.language.sides import side_of
    from briefs.summary.numbering import point_groups

    _ = loc.gettext
    groups = [
        _("Agreed")
        if speaker is None
        else _(
            "According to %(country)s’s side (%(name)s)",
            country=loc.country(side_of(meeting, speaker)),
            name=speaker,
        )
        for speaker, _points in point_groups(meeting)
    ]
    sections: list[object] = [_("Bottom line"), _("Key takeaways"), _("Key figures")]
    if meeting.assessment:
        sections.append(_("Desk assessment"))
    if context.previous or context.taken_up:
        sections.append(_("Context"))
    sections += [_("Participants"), _("What was agreed and said"), groups]
    # The meeting's own facts first, when their quotes are given (the shipped summaries give them).
    kinds = [_("Date, place and participants")] if list(meeting.fact_quotes()) else []
    kinds.append(_("Points"))
    if meeting.figures:
        # The key figures stand on page one only: the section holds the others, if any.
        if any(f not in meeting.key_figures for f in meeting.figures):
            sections.append(_("Other figures"))
        kinds.append(_("Figures"))
    if meeting.outcomes:
        sections.append(_("Outcomes and next steps"))
        kinds.append(_("Outcomes and next steps"))
    if any(o.due for o in meeting.outcomes):
        sections.append(_("What to watch"))
    # The Source section is screen-only: in print its articles head the evidence annex.
    sections += [_("Evidence"), [_("Article"), kinds]]
    return sections


def structure_tags(node, seen=None) -> list[str]:
    """Every structure type (/S) in a structure tree, depth first."""
    seen = [] if seen is None else seen
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            structure_tags(child, seen)
        return seen
    if hasattr(node, "get"):
        if "/S" in node:
            seen.append(str(node["/S"]))
        if "/K" in node:
            structure_tags(node["/K"], seen)
    return seen


@pytest.mark.parametrize("meeting_id, language", CASES)
def test_pdf_a3_with_sources_attached(built, meeting_id, language):
    reader = PdfReader(built.output_path(meeting_id, language, "pdf"))
    xmp = reader.xmp_metadata
    assert xmp is not None
    part = xmp.rdf_root.getElementsByTagNameNS("http://www.aiim.org/pdfa/ns/id/", "part")
    conformance = xmp.rdf_root.getElementsByTagNameNS(
        "http://www.aiim.org/pdfa/ns/id/", "conformance"
    )
    if part:  # written as elements
        assert part[0].firstChild.data == "3" and conformance[0].firstChild.data == "U"
    else:  # or as attributes of rdf:Description
        descriptions = xmp.rdf_root.getElementsByTagNameNS(
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "Description"
        )
        values = {
            (d.getAttribute("pdfaid:part"), d.getAttribute("pdfaid:conformance"))
            for d in descriptions
        }
        assert ("3", "U") in values, values

    summary = built.meetings_dir / f"{meeting_id}.yaml"
    article = built.articles_dir / f"{meeting_id}.txt"
    attachments = reader.attachments
    assert sorted(attachments) == sorted([summary.name, article.name])
    assert attachments[summary.name] == [summary.read_bytes()]
    assert attachments[article.name] == [article.read_bytes()]
    # PDF/A-3 wants each attachment tied to the document with its relationship.
    relationships = {
        str(spec.get_object()["/F"]): str(spec.get_object()["/AFRelationship"])
        for spec in reader.trailer["/Root"]["/AF"]
    }
    assert relationships == {summary.name: "/Source", article.name: "/Source"}


@pytest.mark.parametrize("meeting_id, language", CASES)
def test_tagged_accessible_and_described(built, meetings, meeting_id, language):
    meeting = meetings[meeting_id]
    reader = PdfReader(built.output_path(meeting_id, language, "pdf"))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == language
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    tags = structure_tags(root["/StructTreeRoot"])
    for tag in ("/H1", "/H2", "/Table", "/TH", "/TD", "/L", "/LI", "/P"):
        assert tag in tags, (tag, sorted(set(tags)))
    assert tags.index("/H1") < tags.index("/H2")

    info = reader.metadata
    assert info.title == meeting.title[language]
    assert info.subject == " ".join(meeting.lede[language].split())
    assert info.author == built.desk[language]
    assert "Kazakhstan" in info["/Keywords"]

    outline = reader.outline
    assert outline[0].title == localizers(ROOT / "locale")[language].typographic(
        meeting.title[language]
    )

    def titles(items):
        return [titles(i) if isinstance(i, list) else i.title for i in items]

    from briefs.render.previous import archive_context

    context = archive_context(meetings.values())[meeting_id]
    loc = localizers(ROOT / "locale")[language]
    assert titles(outline[1]) == outline_expected(meeting, language, loc, context)


def test_issue_date_from_source_date_epoch_when_the_summary_has_none(project_copy, monkeypatch):
    path = (
        project_copy
        / "sources"
        / "meetings"
        / "2020-07-16-china-central-asia-foreign-ministers.yaml"
    )
    path.write_text(
        path.read_text(encoding="utf-8").replace("issued: 2026-11-23\n", ""), encoding="utf-8"
    )
    args = ["--root", str(project_copy), "build", path.stem, "--lang", "en", "--format", "html"]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    # briefs check finds it, with its place, before anything is built (issue 18)
    assert result.stderr == (
        f"{display_path(path)}:6:1: issued: not given, and SOURCE_DATE_EPOCH is not set: give"
        " 'issued: YYYY-MM-DD' (the issue date printed on the brief)\n1 problem(s) found\n"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert CliRunner().invoke(main, args).exit_code == 0
    assert "Issued 14 November 2023" in (
        project_copy / "build" / "en" / f"{path.stem}.html"
    ).read_text(encoding="utf-8")


def test_a_character_no_font_covers_fails_that_brief_only(project_copy):
    """A name in a script with no installed font fails its brief with meeting, field and
    character named, instead of printing an empty box; the other briefs are built."""
    meeting_id = "2020-07-16-china-central-asia-foreign-ministers"
    path = project_copy / "sources" / "meetings" / f"{meeting_id}.yaml"
    # U+10FFFD is a private-use code point: no font has a glyph for it.
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "- name: Tileuberdi", "- name: Tileuberdi \U0010fffd"
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["--root", str(project_copy), "build", "--all", "--format", "pdf"]
    )
    assert result.exit_code == 1
    message = (
        "participants[1].name: character '\U0010fffd' (U+10FFFD unnamed character)"
        " is not covered by any installed font"
    )
    assert f"error: {meeting_id} (id): {message}" in result.stderr
    assert f"error: {meeting_id} (en): {message}" in result.stderr
    assert (
        f"error: digest-2020 (id): {meeting_id}: {message}" in result.stderr
    )  # the digest of his year names him too
    assert not (project_copy / "build" / "en" / f"{meeting_id}.pdf").exists()
    assert not (project_copy / "build" / "en" / "digest-2020.pdf").exists()
    # 8 briefs, the digests of the 3 other years and the overview (which prints no names)
    assert len(list((project_copy / "build").rglob("*.pdf"))) == 16
