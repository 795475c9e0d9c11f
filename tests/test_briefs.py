"""The built briefs, inspected as a reader gets them: PDF text and structure, parsed HTML."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from briefs.build.builder import Builder
from briefs.project import FORMATS, LANGUAGES, open_project
from briefs.render.i18n import localizers

from .conftest import ROOT, normalize, parse_html, pdf_text

MEETING_IDS = sorted(path.stem for path in (ROOT / "sources" / "meetings").glob("*.yaml"))
CASES = [(meeting_id, language) for meeting_id in MEETING_IDS for language in LANGUAGES]


@pytest.fixture(scope="module")
def loc():
    return localizers(ROOT / "locale")


def plain(text: str) -> str:
    return normalize(text.replace("\u00a0", " "))


def test_all_twenty_outputs(built):
    files = sorted(
        p.relative_to(built.build_dir).as_posix()
        for p in built.build_dir.rglob("*.*")
        if p.suffix in (".pdf", ".html")
    )
    briefs = [f"{lang}/{mid}.{fmt}" for mid in MEETING_IDS for lang in LANGUAGES for fmt in FORMATS]
    years = sorted({mid[:4] for mid in MEETING_IDS})  # a digest per year, and the overview
    digests = [
        f"{lang}/{name}.{fmt}"
        for name in ["digest", *(f"digest-{year}" for year in years)]
        for lang in LANGUAGES
        for fmt in FORMATS
    ]
    assert files == sorted(briefs + digests)
    assert len(files) == 40


@pytest.mark.parametrize("meeting_id, language", CASES)
def test_pdf_carries_everything_localized(built, meetings, loc, meeting_id, language):
    meeting = meetings[meeting_id]
    text = plain(pdf_text(built.output_path(meeting_id, language, "pdf")))
    localizer = loc[language]
    shown = localizer.typographic  # the summary's texts are printed with typographic quotes
    assert plain(shown(meeting.title[language])) in text
    assert localizer.date(meeting.date, weekday=True) in text
    for participant in meeting.participants:
        if participant.name:
            assert participant.name in text
        if participant.native_name:
            assert participant.native_name in text
        assert localizer.country(participant.country) in text
        assert plain(participant.office[language]) in text
    for point in meeting.points:
        assert plain(shown(point.text[language])) in text
    for figure in meeting.figures:
        assert plain(localizer.figure(figure)) in text
    for outcome in meeting.outcomes:
        assert plain(shown(outcome.text[language])) in text
    for takeaway in meeting.takeaways:
        assert plain(shown(takeaway.text[language])) in text
    for source in meeting.sources:
        assert plain(source.headline) in text
        assert source.publisher in text
    pages = len(PdfReader(built.output_path(meeting_id, language, "pdf")).pages)
    footer = "Halaman {} dari {}" if language == "id" else "Page {} of {}"
    for page in range(1, pages + 1):
        assert footer.format(page, pages) in text


@pytest.mark.parametrize(
    "meeting_id, language, expected",
    [
        (
            "2022-01-25-china-central-asia-summit",
            "id",
            [
                "US$50,1 miliar",
                "US$460 juta",
                "5.000 kesempatan",
                "Selasa, 25 Januari 2022",
                "Tiongkok",
            ],
        ),
        (
            "2022-01-25-china-central-asia-summit",
            "en",
            [
                "US$50.1 billion",
                "US$460 million",
                "5,000 seminar",
                "Tuesday, 25 January 2022",
                "China",
            ],
        ),
        (
            "2024-05-20-china-kazakhstan-foreign-ministers-talks",
            "id",
            ["lebih dari 10.000 pelajar", "26 dari 45 proyek", "sekitar Rp657 triliun"],
        ),
        (
            "2024-05-20-china-kazakhstan-foreign-ministers-talks",
            "en",
            [
                "more than 10,000 Kazakh students",
                "26 of 45 capacity cooperation projects",
                "US$41 billion",
            ],
        ),
        (
            "2020-07-16-china-central-asia-foreign-ministers",
            "id",
            ["Kamis, 16 Juli 2020", "Konferensi video", "Kirgizstan", "王毅"],
        ),
        (
            "2020-07-16-china-central-asia-foreign-ministers",
            "en",
            ["Thursday, 16 July 2020", "Video conference", "Kyrgyzstan", "王毅"],
        ),
        (
            "2019-09-11-china-kazakhstan-state-visit",
            "id",
            ["Rabu, 11 September 2019", "Kunjungan kenegaraan", "10–12 September 2019"],
        ),
    ],
)
def test_pdf_spot_checks(built, meeting_id, language, expected):
    text = plain(pdf_text(built.output_path(meeting_id, language, "pdf")))
    for snippet in expected:
        assert snippet in text


def test_chinese_names_have_real_glyphs(built):
    """王毅 is set in an embedded CJK font, not left to an empty box."""
    reader = PdfReader(
        built.output_path("2020-07-16-china-central-asia-foreign-ministers", "en", "pdf")
    )
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                if "/DescendantFonts" in font
                else font.get("/FontDescriptor")
            )
            assert descriptor is not None and any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            ), font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]))
    assert any("CJK" in name for name in fonts), fonts


@pytest.mark.parametrize("meeting_id, language", CASES)
def test_html_is_a_standalone_page(built, meetings, loc, meeting_id, language):
    meeting = meetings[meeting_id]
    path = built.output_path(meeting_id, language, "html")
    html = path.read_text(encoding="utf-8")
    page = parse_html(path)
    assert page.lang == language
    assert plain(page.title) == plain(meeting.title[language])
    # One list of points per group (the joint ones, then each speaker's), each point by number.
    groups = {p.attributed_to for p in meeting.points}
    assert page.counts.get("ol.points") == len(groups)
    assert html.count('<li id="point-') == len(meeting.points)
    assert "<link" not in html and "src=" not in html  # nothing to fetch: opens from disk
    for point in meeting.points:
        assert plain(loc[language].typographic(point.text[language])) in plain(page.full_text)
    native = [p for p in meeting.participants if p.native_name]
    # (spans of lang "zh" are the Chinese characters inside quotes: 'Wang Yi (王毅)')
    names = [x for x in page.langs if x[0] == "span" and x[1] != "zh"]
    assert [("span", p.native_lang) for p in native] == names


def test_each_brief_is_rendered_once_for_both_formats(project_copy, monkeypatch):
    """The PDF builder lays out the HTML the renderer produced; nothing is rendered twice."""
    project = open_project(project_copy)
    builder = Builder(project)
    calls = []
    original = builder.renderer.brief
    monkeypatch.setattr(
        builder.renderer, "brief", lambda *args: calls.append(args) or original(*args)
    )
    from briefs.check.validate import load_summaries

    document = load_summaries(project).documents[0]
    written = builder.build(document, "id")
    assert [p.suffix for p in written] == [".pdf", ".html"]
    assert len(calls) == 1
