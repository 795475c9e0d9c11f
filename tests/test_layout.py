"""A brief, not a transcript (issue 19): page one leads with takeaways and key figures, points
are grouped by who said them, the archive gives context, and print and screen have none of the
defects the desk found. Each test would have caught one of them."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import tinyhtml5
from pypdf import PdfReader

from briefs.check.validate import load_summaries
from briefs.read.loader import parse_summary
from briefs.render.i18n import localizers
from briefs.render.previous import archive_context
from briefs.render.renderer import brief_number, name_pattern, prose
from briefs.summary.meeting import Meeting

from .conftest import ROOT
from .pdf_geometry import overruns

XHTML = "{http://www.w3.org/1999/xhtml}"
MM = 72 / 25.4
PAGE_WIDTH = 595.275591  # A4 in pt
TEXT_LEFT, TEXT_RIGHT = 20 * MM, PAGE_WIDTH - 18 * MM  # @page margins of brief.css

IDS = sorted(path.stem for path in (ROOT / "sources" / "meetings").glob("*.yaml"))


def html_of(path: Path):
    return tinyhtml5.parse(path.read_text(encoding="utf-8"))


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def first_page(path: Path) -> str:
    return " ".join(PdfReader(path).pages[0].extract_text().split())


# Print -------------------------------------------------------------------------------------


def test_every_pdf_keeps_inside_the_text_box(built):
    """Rules, borders, backgrounds and glyphs of every page of every brief and digest."""
    pdfs = sorted(built.build_dir.glob("*/*.pdf"))
    assert len(pdfs) == 2 * (len(IDS) + 5)
    found = [
        f"{p.parent.name}/{p.name}: {o}"
        for p in pdfs
        for o in overruns(str(p), TEXT_LEFT, TEXT_RIGHT)
    ]
    assert not found, "\n".join(found[:10])


def test_the_measure_sees_a_table_past_the_edge(tmp_path):
    """The measure itself: content-box cells of 100 % run past the edge, as they did."""
    from weasyprint import HTML

    page = (
        "<style>@page { size: A4; margin: 22mm 18mm 20mm 20mm } td { padding: 0 8pt }</style>"
        "<table style='width: 100%; table-layout: fixed; border-collapse: collapse'><tr>"
        "<td style='width: 50%; border-bottom: 1px solid black'>a</td>"
        "<td style='width: 50%; border-bottom: 1px solid black'>b</td></tr></table>"
        "<p style='white-space: nowrap'>" + "wide " * 60 + "</p>"
    )
    path = tmp_path / "wide.pdf"
    HTML(string=page).write_pdf(path)
    kinds = {o.split(": ")[1].split()[0] for o in overruns(str(path), TEXT_LEFT, TEXT_RIGHT)}
    assert kinds == {"path", "text"}


def _broken_words(path: Path) -> set[str]:
    """Words the PDF breaks with a hyphen at a line's end, joined again."""
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return {a + b for a, b in re.findall(r"(\w+)\u2010\s*\n\s*(\w+)", text)}


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("meeting_id", IDS)
def test_no_hyphen_in_names_titles_cells_and_attributions(built, meetings, meeting_id, language):
    meeting = meetings[meeting_id]
    # Names of people, and the words of the cells and headings they stand in.
    protected = " ".join(
        [p.name or "" for p in meeting.participants]
        + [s.publisher + " " + (s.author or "") for s in meeting.sources]
    )
    words = set(re.findall(r"\w+", protected))
    broken = _broken_words(built.output_path(meeting_id, language, "pdf"))
    assert not broken & words
    assert not [word for word in broken if word[0].isupper()]  # a name, or a title's word


def test_a_table_keeps_its_heading_and_two_rows(built):
    """No page ends with a table's heading, header row and a single row (2022, en, p. 1)."""
    from weasyprint import HTML

    for language in ("id", "en"):
        for meeting_id in IDS:
            path = built.output_path(meeting_id, language, "html")
            document = HTML(filename=path).render()
            tables: dict[object, list[int]] = {}  # table element -> body rows on each page
            for page in document.pages:
                for box in page._page_box.descendants():
                    if type(box).__name__ == "TableBox":
                        rows = sum(
                            len(group.children)
                            for group in box.children
                            if type(group).__name__ == "TableRowGroupBox" and not group.is_header
                        )
                        tables.setdefault(box.element, []).append(rows)
            for table, rows in tables.items():
                if len(rows) > 1:  # split across pages: at least two rows before the break
                    assert rows[0] >= 2, (meeting_id, language, table.get("class"), rows)
                    # nor its last row alone on the next page (2022, id, p. 2: Turkmenistan)
                    assert rows[-1] >= 2, (meeting_id, language, table.get("class"), rows)


def _pdf_lines(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("meeting_id", IDS)
def test_names_and_amounts_keep_to_one_line(built, meetings, meeting_id, language):
    """No name broken at its own hyphen ("Kassym-|Jomart" in the 2019 id title), no amount
    parted from its scale ("IDR 657 | trillion", "US$50.1 bil-|lion" on page one of 2024-05-20
    and 2022, en)."""
    text = _pdf_lines(built.output_path(meeting_id, language, "pdf"))
    for participant in meetings[meeting_id].participants:
        for head in re.findall(r"(\w+-)\w", participant.name or ""):
            assert not re.search(rf"{head}\s*\n", text), (participant.name, meeting_id)
    scales = r"(?:thousand|million|billion|trillion|ribu|juta|miliar|triliun)"
    assert not re.search(rf"\d\s*\n\s*{scales}\b", text), meeting_id
    assert not re.search(r"(?:bil|mil|tril)\u2010\s*\n\s*lion", text), meeting_id


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_paragraph_ends_on_a_hyphenated_fragment(built, loc, language):
    """The last word of a text is never hyphenated: no "agree-" then "ment." alone on the
    paragraph's last line (2019, en, p. 1 and 2)."""
    for path in built.build_dir.glob(f"{language}/*.pdf"):
        runts = re.findall(r"\w+\u2010\s*\n(\w{1,12}[.;:!?)]*)\s*\n", _pdf_lines(path))
        assert not runts, (path.name, runts)
    marked = str(prose("They signed an agreement.", loc[language], None))
    assert marked.endswith('<span class="end">agreement.</span>')
    css = (ROOT / "templates" / "brief.css").read_text(encoding="utf-8")
    assert re.search(r"[^{}]*\.end[^{}]*\{[^}]*hyphens: manual", css)


def test_a_compound_name_is_never_broken_at_its_hyphen(loc):
    """ "Satu-|Tiongkok" broke at its hyphen in the 2024-05-20 brief on a phone."""
    pattern = name_pattern([], loc["id"])
    marked = str(prose("prinsip Satu-Tiongkok dan one-China, negara-negara", loc["id"], pattern))
    assert '<span class="name">Satu-Tiongkok</span>' in marked
    assert '<span class="name">one-China</span>' in marked
    assert "negara-negara" in marked and '"name">negara' not in marked


def test_digests_never_hyphenate_names(built):
    """The digests mark names as the briefs do ("Tiong-|kok" in the 2020 id digest)."""
    for path in built.build_dir.glob("*/digest*.pdf"):
        broken = _broken_words(path)
        assert not [word for word in broken if word[0].isupper()], (path.name, broken)


def test_two_places_are_joined_by_an_en_dash(built, loc):
    """ "Tiongkok–Asia Tengah", as the masthead writes it, in every text of a summary (the 2024
    briefs wrote "Tiongkok-Asia Tengah" and "Tiongkok-Eropa" beside it); a name's own hyphen
    stays."""
    assert loc["id"].typographic("KTT Tiongkok-Asia Tengah, kereta Tiongkok-Eropa") == (
        "KTT Tiongkok–Asia Tengah, kereta Tiongkok–Eropa"
    )
    assert loc["id"].typographic("prinsip Satu-Tiongkok, Kassym-Jomart, negara-negara") == (
        "prinsip Satu-Tiongkok, Kassym-Jomart, negara-negara"
    )
    page = html_of(
        built.output_path("2024-12-01-china-central-asia-foreign-ministers", "id", "html")
    )
    assert "Tiongkok–Asia Tengah" in text_of(next(page.iter(f"{XHTML}h1")))


def test_template_words_have_typographic_apostrophes():
    """The catalogs' words print as a native editor writes them: "Foreign ministers’ meeting",
    not a typewriter's ' (the masthead and the published index)."""
    from babel.messages.pofile import read_po

    from briefs.render.i18n import catalog_path

    for language in ("id", "en"):
        with catalog_path(ROOT / "locale", language).open("rb") as po:
            for message in read_po(po):
                strings = message.string if isinstance(message.string, tuple) else [message.string]
                assert not [t for t in strings if "'" in t or '"' in t], message.id


def test_no_leading_zero_days(built, loc):
    assert loc["id"].date(dt.date(2024, 12, 1), weekday=True) == "Minggu, 1 Desember 2024"
    for path in built.build_dir.glob("*/*.pdf"):
        text = " ".join(page.extract_text() for page in PdfReader(path).pages)
        assert not re.search(r"(?<!\d)0\d (?:[A-Z][a-z]+) \d{4}", text), path


@pytest.fixture(scope="module")
def loc():
    return localizers(ROOT / "locale")


def test_money_is_written_as_the_house_style_asks(loc):
    from decimal import Decimal

    assert loc["id"].amount(Decimal("657000000000000"), "IDR") == "Rp657 triliun"
    assert loc["en"].amount(Decimal("657000000000000"), "IDR") == "IDR\u00a0657 trillion"
    assert loc["en"].amount(Decimal("41000000000"), "USD") == "US$41 billion"


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("meeting_id", IDS)
def test_texts_have_typographic_quotes(built, meeting_id, language):
    """The summary's texts (not the articles' words) carry “…”, as the citations do."""
    page = html_of(built.output_path(meeting_id, language, "html"))
    main = page.find(f".//{XHTML}main")
    for element in main.iter():
        if element.get("class") in ("passage",) or element.tag == f"{XHTML}blockquote":
            continue
        for part in (element.text, element.tail):
            if part and element.tag != f"{XHTML}blockquote":
                assert '"' not in part, (meeting_id, language, part)


# Page one and structure --------------------------------------------------------------------


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("meeting_id", IDS)
def test_page_one_has_takeaways_and_key_figures(built, meetings, loc, meeting_id, language):
    meeting = meetings[meeting_id]
    text = first_page(built.output_path(meeting_id, language, "pdf"))
    assert loc[language].gettext("Key takeaways").upper() in text
    assert loc[language].gettext("Key figures").upper() in text
    assert meeting.takeaways and 2 <= len(meeting.takeaways) <= 4
    for figure in meeting.key_figures:
        assert loc[language].figure(figure).split()[0] in text


def test_points_are_grouped_by_side_and_numbered_as_shown(built, meetings, loc):
    """One side's readout stands under that side's name (never under "Agreed"), and the points
    are numbered in the order a reader meets them, in the brief and in its annex."""
    meeting = meetings["2022-01-25-china-central-asia-summit"]
    page = html_of(built.output_path(meeting.id, "en", "html"))
    groups = [text_of(h) for h in page.iter(f"{XHTML}h3") if h.get("class") == "group"]
    assert groups == ["According to China’s side (Xi Jinping)"]  # none of its points is joint
    talks = "2024-05-20-china-kazakhstan-foreign-ministers-talks"
    joint = html_of(built.output_path(talks, "id", "html"))
    groups = [text_of(h) for h in joint.iter(f"{XHTML}h3") if h.get("class") == "group"]
    assert groups == [
        "Disepakati",
        "Menurut pihak Tiongkok (Wang Yi)",
        "Menurut pihak Kazakhstan (Murat Nurtleu)",
    ]
    numbers = [
        li.get("id") for li in joint.iter(f"{XHTML}li") if (li.get("id") or "").startswith("point-")
    ]
    assert numbers == [f"point-{n}" for n in range(1, len(meetings[talks].points) + 1)]
    # The annex lists them the same way (the printed numbers: test_reader.py).
    count = len(meetings[talks].points)
    annex = [
        li.get("id")
        for li in joint.iter(f"{XHTML}li")
        if (li.get("id") or "").startswith("evidence-point-")
    ]
    assert annex == [f"evidence-point-{n}" for n in range(1, count + 1)]


def test_the_archive_gives_the_previous_meeting_and_what_it_took_up(built, meetings):
    contexts = archive_context(meetings.values())
    sixth = contexts["2024-12-01-china-central-asia-foreign-ministers"]
    assert (
        sixth.previous is not None
        and sixth.previous.id == "2020-07-16-china-central-asia-foreign-ministers"
    )
    assert [m.id for m, _ in sixth.taken_up] == ["2020-07-16-china-central-asia-foreign-ministers"]
    assert contexts["2019-09-11-china-kazakhstan-state-visit"].previous is None
    page = html_of(
        built.output_path(
            "2024-12-01-china-central-asia-foreign-ministers",
            "en",
            "html",
        )
    )
    links = [a.get("href") for a in page.iter(f"{XHTML}a")]
    assert "2020-07-16-china-central-asia-foreign-ministers.html" in links


def test_reference_line_and_the_desk_lines(built, meetings):
    meeting = meetings["2024-12-01-china-central-asia-foreign-ministers"]
    text = first_page(built.output_path(meeting.id, "en", "pdf"))
    assert brief_number(meeting.id) in text and "Version 1" in text
    assert brief_number(meeting.id) == brief_number(meeting.id) != brief_number("2020-07-16-x")
    assert built.contact and built.contact["en"].split(":")[0] in " ".join(
        page.extract_text() for page in PdfReader(built.output_path(meeting.id, "en", "pdf")).pages
    )


def test_the_annex_names_its_article_once(built, meetings):
    meeting = meetings["2019-09-11-china-kazakhstan-state-visit"]
    text = " ".join(
        page.extract_text() for page in PdfReader(built.output_path(meeting.id, "en", "pdf")).pages
    )
    assert meeting.sources[0].article not in text.replace(
        "Archived as " + meeting.sources[0].article, "", 2
    )
    assert "From 2019" not in text


# Screen ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("meeting_id", IDS)
def test_html_links_to_the_other_language_pdf_index_and_year(built, meeting_id, language):
    page = html_of(built.output_path(meeting_id, language, "html"))
    links = {a.get("href") for a in page.iter(f"{XHTML}a")}
    other = "en" if language == "id" else "id"
    year = meeting_id[:4]
    assert {
        f"../{other}/{meeting_id}.html",
        f"{meeting_id}.pdf",
        "../index.html",
        f"digest-{year}.html",
    } <= links
    for href in (f"../{other}/{meeting_id}.html", f"{meeting_id}.pdf", f"digest-{year}.html"):
        assert (built.output_path(meeting_id, language, "html").parent / href).is_file()
    # The other language's link speaks it ("Indonesia" alone read as the country).
    link = next(
        a for a in page.iter(f"{XHTML}a") if a.get("href") == f"../{other}/{meeting_id}.html"
    )
    assert (link.get("lang"), text_of(link)) == (
        other,
        {"id": "Baca dalam bahasa Indonesia", "en": "Read in English"}[other],
    )


def test_a_short_series_is_text_and_charts_carry_a_source(built):
    for path in built.build_dir.glob("*/*.html"):
        page = html_of(path)
        for figure in page.iter(f"{XHTML}figure"):
            if figure.get("class") != "series":
                continue
            svg = figure.find(".//{http://www.w3.org/2000/svg}svg")
            bars = [] if svg is None else [r for r in svg.iter("{http://www.w3.org/2000/svg}rect")]
            assert svg is None or len(bars) >= 3, path
            sources = [p for p in figure.iter(f"{XHTML}p") if p.get("class") == "chart-source"]
            assert sources and text_of(sources[0]).split(":")[1].strip(), path


def test_the_digest_lede_lists_its_parts_as_the_language_does(built):
    """CLDR's list patterns, and no sentence opening with a digit ("1 meeting on …")."""
    for language, parts in (
        ("en", "timeline, themes and follow-through."),
        ("id", "linimasa, tema, dan tindak lanjut."),
    ):
        page = html_of(built.build_dir / language / "digest-2020.html")
        lede = text_of(next(p for p in page.iter(f"{XHTML}p") if p.get("class") == "lede"))
        assert lede.endswith(parts) and not lede[0].isdigit(), lede


def test_the_digest_lede_says_only_what_it_holds(built):
    page = html_of(built.build_dir / "en" / "digest-2019.html")
    lede = text_of(next(p for p in page.iter(f"{XHTML}p") if p.get("class") == "lede"))
    assert lede == "1 meeting on 11 September 2019: timeline, themes, follow-through." or (
        "figures over time" not in lede and " to 11 September 2019" not in lede
    )


# Checks --------------------------------------------------------------------------------------


def _edited(project_copy: Path, meeting_id: str, old: str, new: str) -> Path:
    path = project_copy / "sources" / "meetings" / f"{meeting_id}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_takeaway_is_held_to_the_quotes_of_what_it_cites(project_copy):
    from briefs.project import open_project

    meeting_id = "2024-12-01-china-central-asia-foreign-ministers"
    _edited(project_copy, meeting_id, "service connected 20 cities", "service connected 30 cities")
    _edited(
        project_copy,
        meeting_id,
        '"Tianfu" menghubungkan 20 kota',
        '"Tianfu" menghubungkan 30 kota',
    )
    loaded = load_summaries(open_project(project_copy))
    messages = sorted(p.message for p in loaded.problems)
    assert (
        "takeaways[2].text.id (takeaway 3): the number '30' is not in the cited items' quotes"
        in messages
    )
    assert (
        "takeaways[2].text.en (takeaway 3): the number '30' is not in the cited items' quotes"
        in messages
    )
    _edited(
        project_copy,
        meeting_id,
        "    points: [3]\n    figures: [1]",
        "    points: [3, 9]\n    figures: [1]",
    )
    loaded = load_summaries(open_project(project_copy))
    messages = sorted(p.message for p in loaded.problems)
    assert (
        "takeaways[1].points[1] (takeaway 2): there is no point 9 (the summary has 6)" in messages
    )


def test_another_form_than_the_house_form_is_named(project_copy):
    from briefs.project import open_project

    path = _edited(
        project_copy,
        "2024-12-01-china-central-asia-foreign-ministers",
        "  id: Pertemuan menteri luar negeri Tiongkok–Asia Tengah keenam",
        "  id: Pertemuan menteri luar negeri China–Asia Tengah keenam",
    )
    loaded = load_summaries(open_project(project_copy), [path])
    assert [str(w).split(": ", 1)[1] for w in loaded.warnings] == [
        "warning: title.id: 'China': the house form is 'Tiongkok'"
    ]


def test_a_correction_prints_raises_the_version_and_says_so_in_the_subject(project_copy):
    from briefs.distribute.send import Message, compose
    from briefs.project import open_project
    from briefs.render.renderer import Renderer

    meeting_id = "2020-07-16-china-central-asia-foreign-ministers"
    path = project_copy / "sources" / "meetings" / f"{meeting_id}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "corrections:\n  - date: 2026-11-30\n    text:\n      id: Nama penerbit diperbaiki.\n"
        "      en: The publisher's name was corrected.\n",
        encoding="utf-8",
    )
    parsed = parse_summary(path)
    meeting: Meeting = parsed.meeting
    assert meeting.version == 2
    project = open_project(project_copy)
    locs = localizers(project.locale_dir)
    html = Renderer(project, locs, load_summaries(project).vocabulary).brief(meeting, "en")
    assert "Corrected on 30 November 2026:" in html and "Version 2" in html

    class Reader:
        name, email, language = "A Reader", "reader@example.org", "id"

    email = compose(
        Message(Reader(), meeting, (), update=True), "desk@example.org", project.desk, locs["id"]
    )
    assert email["Subject"].startswith("Koreksi: ")
    shutil.rmtree(project_copy / "build", ignore_errors=True)


# Hyphenation -------------------------------------------------------------------------------


def test_indonesian_breaks_at_its_syllables():
    import pyphen

    from briefs.render.hyphenation import HYPHENATION_FILE, indonesian_patterns

    path = ROOT / "templates" / HYPHENATION_FILE
    assert path.read_text(encoding="utf-8") == indonesian_patterns()  # committed as generated
    words = pyphen.Pyphen(filename=str(path), left=2, right=2)
    assert [words.inserted(w) for w in ("mempraktikkan", "rekonstruksi", "kemitraan")] == [
        "mem-prak-tik-kan",
        "re-kon-struk-si",
        "ke-mi-tra-an",
    ]
    assert words.inserted("pengembangan") == "pe-ngem-ba-ngan"  # ng is one consonant
    assert words.inserted("pantai") == "pan-tai"  # a diphthong is one syllable
    assert words.inserted("infrastruktur") == "in-fra-struk-tur"
    # An s before one consonant closes its syllable (2022, id, p. 2 had "ekstremi-sme").
    assert [words.inserted(w) for w in ("ekstremisme", "pasti", "transportasi", "ekspor")] == [
        "ek-stre-mis-me",
        "pas-ti",
        "trans-por-ta-si",
        "eks-por",
    ]


def test_the_pdfs_use_the_indonesian_patterns(built):
    """No Indonesian brief breaks a word where the patterns do not."""
    import pyphen

    from briefs.render.hyphenation import HYPHENATION_FILE

    words = pyphen.Pyphen(filename=str(ROOT / "templates" / HYPHENATION_FILE), left=3, right=3)
    for meeting_id in IDS:
        text = "\n".join(
            page.extract_text()
            for page in PdfReader(built.output_path(meeting_id, "id", "pdf")).pages
        )
        for head, tail in re.findall(r"(\w+)\u2010\s*\n\s*(\w+)", text):
            assert len(head) in words.positions((head + tail).lower()), (meeting_id, head, tail)


def test_names_in_the_texts_are_marked_against_hyphens(built):
    page = built.output_path("2019-09-11-china-kazakhstan-state-visit", "en", "html").read_text(
        encoding="utf-8"
    )
    lede = page[page.index('<p class="lede">') :].split("</p>")[0]
    assert '<span class="name">Xi Jinping</span>' in lede
    css = (ROOT / "templates" / "brief.css").read_text(encoding="utf-8")
    assert re.search(r"[^{}]*\.name[^{}]*\{[^}]*hyphens: manual", css)


def test_the_index_links_titles_marks_languages_and_lists_year_digests(built, meetings, tmp_path):
    from briefs.distribute.publish import publish

    out = tmp_path / "site"
    publish(built, out=out)
    page = html_of(out / "index.html")
    titles = [a for a in page.iter(f"{XHTML}a") if a.get("class") == "title"]
    assert len(titles) == 2 * len(meetings)
    # typographic apostrophes, as in the briefs ("foreign ministers' meeting" was straight)
    assert not [text_of(a) for a in titles if "'" in text_of(a)]
    assert "'" not in text_of(next(page.iter(f"{XHTML}table")))
    for a in titles:
        assert a.get("href").endswith(".html") and (out / a.get("href")).is_file()
    marks = [text_of(s) for s in page.iter(f"{XHTML}span") if s.get("class") == "mark"]
    assert (
        marks.count("ID") == marks.count("EN") == len(meetings) + 1
    )  # each entry, each years line
    years = sorted({m.date.year for m in meetings.values()})
    for language in ("id", "en"):
        for year in years:
            href = f"{language}/digest-{year}.html"
            assert href in {a.get("href") for a in page.iter(f"{XHTML}a")}
            assert (out / href).is_file()
