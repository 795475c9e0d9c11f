"""A brief a reader values in 30 seconds (issue 30): the bottom line first, with the weight of
its evidence; one side's readout under that side's name; each tested on the real outputs."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
import tinyhtml5
from click.testing import CliRunner
from pypdf import PdfReader

from briefs.cli.commands import main
from briefs.render.i18n import localizers

from .conftest import ROOT, normalize

XHTML = "{http://www.w3.org/1999/xhtml}"


def by_class(path, name: str) -> list[str]:
    """The text of every element of a page that has that class."""
    page = tinyhtml5.parse(path.read_text(encoding="utf-8"))
    return [
        normalize("".join(e.itertext()))
        for e in page.iter()
        if name in (e.get("class") or "").split()
    ]


IDS = sorted(path.stem for path in (ROOT / "sources" / "meetings").glob("*.yaml"))
TALKS = "2024-05-20-china-kazakhstan-foreign-ministers-talks"
VISIT = "2019-09-11-china-kazakhstan-state-visit"


@pytest.fixture(scope="module")
def loc():
    return localizers(ROOT / "locale")


def first_page(path) -> str:
    return normalize(PdfReader(path).pages[0].extract_text())


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("meeting_id", IDS)
def test_the_bottom_line_opens_page_one(built, meetings, loc, meeting_id, language):
    """Page one prints the bottom line under its heading, before the takeaways, with the
    source note under it naming the report it rests on."""
    meeting = meetings[meeting_id]
    text = first_page(built.output_path(meeting_id, language, "pdf"))
    _ = loc[language].gettext
    heading = _("Bottom line").upper()
    assert heading in text
    assert text.index(heading) < text.index(_("Key takeaways").upper())
    opening = " ".join(loc[language].typographic(meeting.bottom_line.text[language]).split()[:4])
    assert opening in text.replace("\u2010 ", "").replace("\u2010", "")
    assert meeting.sources[0].publisher in text  # the source note


def test_the_source_note_says_whose_readout_it_is(built):
    [note] = by_class(built.output_path(VISIT, "en", "html"), "source-note")
    assert note == (
        "Based on 1 report: Beritasatu.com (from Suara Pembaruan/Xinhua). It rests on points"
        " both sides agreed and on one side’s readout: Kazakhstan (Kassym-Jomart Tokayev)."
    )
    [note] = by_class(built.output_path(TALKS, "id", "html"), "source-note")
    assert note == (
        # the points it cites are all Wang Yi's account at his press conference (issue 29)
        "Berdasarkan 1 laporan: Radio Bharata Online. Poin yang dirujuknya adalah keterangan satu"
        " pihak: Tiongkok (Wang Yi)."
    )
    page = tinyhtml5.parse(built.output_path(TALKS, "id", "html").read_text(encoding="utf-8"))
    [section] = [e for e in page.iter(f"{XHTML}section") if e.get("id") == "bottom-line"]
    assert normalize("".join(section.find(f"{XHTML}h2").itertext())) == "Intinya"


def test_strict_requires_a_bottom_line_held_to_its_quotes(project_copy):
    meetings = project_copy / "sources" / "meetings"
    visit = meetings / f"{VISIT}.yaml"
    text = visit.read_text(encoding="utf-8")
    visit.write_text(text[: text.index("bottom_line:")] + text[text.index("takeaways:") :])
    talks = meetings / f"{TALKS}.yaml"
    text = talks.read_text(encoding="utf-8")
    talks.write_text(
        text.replace("bilateral trade at US$41 billion", "bilateral trade at US$42 billion")
    )
    result = CliRunner().invoke(main, ["--root", str(project_copy), "check", "--strict"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        f"{visit}:1:1: warning: bottom_line: missing: page one opens with"
        " what happened and why it matters, citing the points, figures or outcomes it rests on"
    ) in lines
    assert any(
        line.startswith(f"{talks}:")
        and line.endswith(
            "bottom_line.text.en: the number 'US$42 billion' is not in the cited items' quotes"
        )
        for line in lines
    ), lines
    # Without --strict the missing bottom line is a warning only: the other summary fails.
    talks.write_text(text)
    result = CliRunner().invoke(main, ["--root", str(project_copy), "check"])
    assert result.exit_code == 0, result.output


MM = 72 / 25.4


def text_lines(page) -> list[tuple[float, str]]:
    """Each run of text inside the page's text box (@page margins of brief.css): how far down
    the text box it stands (0 at its top, 1 at its foot), and the text."""
    height = float(page.mediabox.height)
    top, bottom = height - 22 * MM, 20 * MM
    found: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if bottom <= y <= top:
                found.append(((top - y) / (top - bottom), text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def body_layout(path, annex_heading: str, outcomes_heading: str):
    """(pages of body: the annex heading's page index plus how far down it stands; how full each
    page is; the index of the page where the outcomes start, or None)."""
    pages = [text_lines(page) for page in PdfReader(path).pages]
    fills = [max((y for y, _ in lines), default=0.0) for lines in pages]
    body = outcomes = None
    for index, lines in enumerate(pages):
        for y, text in lines:
            if outcomes is None and text == outcomes_heading:
                outcomes = index
            if body is None and text == annex_heading:
                body = index + y
    assert body is not None, path
    return body, fills, outcomes


def test_the_body_fits_two_pages_with_no_near_empty_page(built, loc):
    """The body of the shipped briefs takes two A4 pages (the median), none more than three;
    the annex follows it without a page of its own, so no page before the annex is less than a
    third full, and the outcomes never stand alone on a near-empty page."""
    bodies = []
    for meeting_id in IDS:
        for language in ("id", "en"):
            _ = loc[language].gettext
            path = built.output_path(meeting_id, language, "pdf")
            body, fills, outcomes = body_layout(
                path, _("Evidence").upper(), _("Outcomes and next steps").upper()
            )
            bodies.append(body)
            where = f"{language}/{meeting_id}"
            assert body <= 3.05, (where, body)
            annex_page = int(body)
            assert all(f >= 1 / 3 for f in fills[: annex_page + 1]), (where, fills)
            # The annex starts on the page the body ends on, unless that page is full.
            assert body - annex_page > 0.02 or fills[annex_page - 1] > 0.8, (where, body, fills)
            if outcomes is not None:
                assert fills[outcomes] >= 1 / 3, (where, fills)
    assert sorted(bodies)[len(bodies) // 2] <= 2.05, bodies


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_printed_point_numbers_read_down_the_page(built, meetings, loc, language):
    """1, 2, 3 … in the order a reader meets them, whoever said each (the talks of 2024 have
    joint points and both sides' readouts)."""
    meeting = meetings[TALKS]
    pages = [
        text_lines(page) for page in PdfReader(built.output_path(TALKS, language, "pdf")).pages
    ]
    annex = loc[language].gettext("Evidence").upper()
    numbers = []
    for lines in pages:
        for _y, text in sorted(lines):
            if text == annex:
                break
            if re.fullmatch(r"\d+\.", text):
                numbers.append(int(text[:-1]))
        else:
            continue
        break
    assert numbers == list(range(1, len(meeting.points) + 1))


def test_relative_time_is_warned_of_and_the_time_it_means_passes(project_copy):
    """A text that keeps "tahun lalu" or "last year" is warned of; the year it means, seen from
    the meeting's day, stands on the quote that says "tahun lalu"."""
    from briefs.language.time import meant_times

    quotes = ["naik 5 persen tahun lalu", "November lalu dibuka"]
    assert meant_times(quotes, dt.date(2024, 5, 20)) == ["2023 November 2023"]
    assert meant_times(["Saat ini, 26 proyek"], dt.date(2024, 5, 20)) == ["Mei 2024 May 2024 2024"]
    talks = project_copy / "sources" / "meetings" / f"{TALKS}.yaml"
    text = talks.read_text(encoding="utf-8")
    assert "bilateral trade reached US$41 billion in 2023" in text
    talks.write_text(
        text.replace(
            "bilateral trade reached US$41 billion in 2023",
            "bilateral trade reached US$41 billion last year",
        ).replace("perdagangan bilateral pada 2023", "perdagangan bilateral tahun lalu")
    )
    result = CliRunner().invoke(main, ["--root", str(project_copy), "check"])
    assert result.exit_code == 0
    warned = [line for line in result.output.splitlines() if "relative" in line]
    assert len(warned) == 2 and all(line.startswith(f"{talks}:") for line in warned)
    assert "takeaways[0].text.id (takeaway 1): 'tahun lalu' is time relative" in warned[0]
    assert warned[1].endswith(
        "warning: takeaways[0].text.en (takeaway 1): 'last year' is time relative to the article:"
        " write the time it means ('in 2023', 'as of May 2024')"
    )


def test_the_shipped_texts_keep_no_relative_time(shipped):
    from briefs.check.validate import load_summaries

    loaded = load_summaries(shipped)
    assert not [w for w in loaded.warnings if "time relative" in w.message]


SIXTH = "2024-12-01-china-central-asia-foreign-ministers"


def test_what_to_watch_says_overdue_plainly(built, loc):
    """Issued in 2026, the 2025 summit pledged in 2024 and not taken up in the archive is
    overdue, in the brief and in the year's digest, in both languages."""
    from .conftest import pdf_text

    for language, watch, said in (
        ("en", "WHAT TO WATCH", "Overdue (due 2025, not taken up in the archive): China and"),
        ("id", "YANG PERLU DIPANTAU", "Terlambat (jatuh tempo 2025, belum ditindaklanjuti dalam"),
    ):
        text = pdf_text(built.output_path(SIXTH, language, "pdf"))
        assert said in text and text.index(watch) < text.index(said)
    digest = pdf_text(built.digest_path("en", "pdf", 2024))
    assert "Overdue: due in 2025, and not taken up in the meetings covered." in digest


def test_a_commitment_not_yet_due_is_due(project_copy):
    path = project_copy / "sources" / "meetings" / f"{SIXTH}.yaml"
    text = path.read_text(encoding="utf-8")
    assert "issued: 2026-11-23" in text
    path.write_text(text.replace("issued: 2026-11-23", "issued: 2025-01-10"))
    args = ["--root", str(project_copy), "build", SIXTH, "--lang", "en", "--format", "html"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    [watch] = [
        " ".join(t.split())
        for t in by_class(project_copy / "build" / "en" / f"{SIXTH}.html", "watch-items")
    ]
    assert watch.startswith("Due in 2025: China and Central Asia pledged")
    assert "Overdue" not in watch


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_page_foot_names_the_brief(built, loc, language):
    from briefs.render.renderer import brief_number

    for meeting_id in IDS:
        reference = loc[language].gettext("Brief %(number)s", number=brief_number(meeting_id))
        for page in PdfReader(built.output_path(meeting_id, language, "pdf")).pages:
            foot = [text for y, text in text_lines_all(page) if y > 0.93]  # under the text box
            assert any(reference in text for text in foot), (meeting_id, foot)


def text_lines_all(page) -> list[tuple[float, str]]:
    """Every run of text on the page with how far down the page it stands (0 top, 1 foot)."""
    height = float(page.mediabox.height)
    found: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((1 - (tm[4] * cm[1] + tm[5] * cm[3] + cm[5]) / height, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("meeting_id", IDS)
def test_page_one_never_prints_a_sentence_twice(built, meeting_id, language):
    text = " ".join(
        normalize(PdfReader(built.output_path(meeting_id, language, "pdf")).pages[0].extract_text())
        .replace("\u2010 ", "")
        .split()
    )
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 5]
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated, repeated


def test_month_abbreviations_are_of_one_kind(built):
    """The digests' month heads come from the language's own CLDR locale: "SEP" beside "JUL",
    not en_GB's "SEPT"."""
    from .conftest import pdf_text

    text = pdf_text(built.digest_path("en", "pdf", 2019))
    assert "SEP 2019" in text and not re.search(r"\bSEPT\b", text)


def test_no_three_hyphenated_lines_in_a_row(built):
    """WeasyPrint has no hyphenate-limit-lines: the rule is held on the real pages instead."""
    found = []
    for path in sorted(built.build_dir.glob("*/*.pdf")):
        for number, page in enumerate(PdfReader(path).pages, 1):
            run = 0
            for line in page.extract_text().split("\n"):
                run = run + 1 if line.endswith("\u2010") else 0
                if run == 3:
                    found.append(f"{path.parent.name}/{path.name} page {number}: {line[-30:]}")
    assert not found, found


def test_the_published_index_keeps_names_whole(built, tmp_path):
    """At 375 px the index's titles wrap: a person's name is one unbreakable run there."""
    from briefs.distribute.publish import publish

    html = (publish(built, tmp_path / "site").folder / "index.html").read_text(encoding="utf-8")
    assert html.count('<span class="name">Kassym-Jomart Tokayev</span>') == 2  # id and en
    assert "span.name { white-space: nowrap; }" in html


PANEL = (0.952941, 0.964706, 0.976471)  # --panel of brief.css: the key figures' box


def key_figure_captions(path) -> list[list[str]]:
    """The lines of each key figure's caption (its number, label and year), left to right:
    the 8 pt runs inside the key figures' box (the first panel under its heading, on page
    one), split into the box's equal columns."""
    from .pdf_geometry import marks, text_runs

    reader = PdfReader(path)
    for page in reader.pages:
        runs = text_runs(reader, page)
        heading = next((r for r in runs if r.text.strip() in ("KEY FIGURES", "ANGKA KUNCI")), None)
        if heading is not None:
            break
    assert heading is not None, path
    box = max(
        (m for m in marks(reader, page) if m.fill == PANEL and m.top < heading.y),
        key=lambda m: m.top,
    )
    columns = len(by_class(path.with_suffix(".html"), "key-label"))
    width = (box.right - box.left) / columns
    cells: list[dict[float, str]] = [{} for _ in range(columns)]
    for run in runs:
        if box.bottom < run.y < box.top and abs(run.size - 8) < 0.2:
            cell = cells[int((run.left - box.left) // width)]
            cell[round(run.y, 1)] = cell.get(round(run.y, 1), "") + run.text
    return [[line for _y, line in sorted(cell.items(), reverse=True)] for cell in cells]


def words_by_line(caption: str, lines: list[str]) -> list[set[int]]:
    """Which words of a caption (by index; 0, its number, left out) each printed line holds:
    the lines' letters are matched in order against the caption's (pypdf drops a space
    where a run of glyphs ends, so the lines' own spaces are not trusted)."""
    words = caption.split()
    owner = [i for i, word in enumerate(words) for _ in word]
    letters = "".join(words)
    held, at = [], 0
    for line in lines:
        shown = "".join(line.split())
        assert letters[at : at + len(shown)] == shown, (caption, lines)
        held.append({owner[k] for k in range(at, at + len(shown))} - {0})
        at += len(shown)
    assert at == len(letters), (caption, lines)
    return held


def test_no_key_figure_caption_breaks_after_one_word(built):
    """A caption of two lines or more has at least two of its words on every line but the
    last: never 'Bilateral' alone over 'trade (2023)' (a one-word line before the rest)."""
    found, captions = [], 0
    for meeting_id in IDS:
        for language in ("id", "en"):
            path = built.output_path(meeting_id, language, "pdf")
            labels = by_class(path.with_suffix(".html"), "key-label")
            for label, lines in zip(labels, key_figure_captions(path), strict=True):
                captions += 1
                held = words_by_line(label, lines)
                if any(len(words) < 2 for words in held[:-1]):
                    found.append((language, meeting_id, lines))
    assert captions >= 10 and not found, found


def test_no_empty_shaded_fragment(built):
    """Every shaded box a page paints (a panel, a table's or a cell's background: a light
    fill at least 4 pt each way) holds the baseline of some text: a table or panel split at a
    page's foot leaves no empty shaded strip behind."""
    from .pdf_geometry import marks

    found, boxes = [], 0
    for path in sorted(built.build_dir.glob("*/*.pdf")):
        reader = PdfReader(path)
        for number, page in enumerate(reader.pages, 1):
            drawn = marks(reader, page)
            texts = [m for m in drawn if m.kind == "text"]
            for m in drawn:
                light = m.fill is not None and len(m.fill) == 3 and min(m.fill) >= 0.85
                if not light or m.fill == (1.0, 1.0, 1.0):
                    continue
                if m.top - m.bottom < 4 or m.right - m.left < 4:
                    continue
                boxes += 1
                if not any(m.bottom <= t.y <= m.top and m.left <= t.left <= m.right for t in texts):
                    found.append(
                        f"{path.parent.name}/{path.name} page {number}: "
                        f"{m.left:.0f}-{m.right:.0f} x {m.bottom:.0f}-{m.top:.0f} pt"
                    )
    assert boxes >= 20 and not found, found


GUTTER = 8  # pt: about a word space and a half at the tables' 9.5 pt


def test_digest_values_keep_a_gutter_before_their_date(built, loc):
    """In the digests' series tables the value is set flush right and the meeting's date
    follows: the gap between the value's last glyph and the date's first is a gutter (at
    least GUTTER pt), not a word space that makes them read as one."""
    from .pdf_geometry import text_runs

    gaps = []
    for path in sorted(built.build_dir.glob("*/digest*.pdf")):
        _ = loc[path.parent.name].gettext
        reader = PdfReader(path)
        for number, page in enumerate(reader.pages, 1):
            runs = text_runs(reader, page)
            # the date column's head, in a header row that has a value column (a series table)
            heads = [r for r in runs if r.text.strip() == _("Meeting").upper()]
            for head in heads:
                if not any(r.y == head.y and r.text.strip() == _("Value").upper() for r in runs):
                    continue
                for date in runs:
                    if date.y < head.y and abs(date.left - head.left) < 0.5:
                        value = max(
                            (r for r in runs if r.y == date.y and r.right < date.left),
                            key=lambda r: r.right,
                        )
                        gap = round(date.left - value.right, 1)
                        gaps.append((gap, f"{path.parent.name}/{path.name}", number, value.text))
    assert len(gaps) >= 12 and all(gap >= GUTTER for gap, *_ in gaps), gaps


WEASYPRINT_FIRST_WORD = {("id", "2020-07-16-china-central-asia-foreign-ministers")}
"""Briefs whose bottom line WeasyPrint 70 as it ships breaks after its first word (its
split_first_line takes a text that overflows the line only by its trailing space, before the
name 'Tiongkok', for one long word): patches.keep_lines_whole keeps the line whole."""


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("meeting_id", IDS)
def test_the_bottom_line_does_not_break_after_its_first_word(
    built, meetings, loc, meeting_id, language, request
):
    """The bottom line's first printed line holds more than its first word."""
    from briefs.write.patches import enabled

    from .pdf_geometry import text_runs

    if (language, meeting_id) in WEASYPRINT_FIRST_WORD and not enabled():
        request.applymarker(pytest.mark.xfail(strict=True, reason="WeasyPrint 70's line break"))
    reader = PdfReader(built.output_path(meeting_id, language, "pdf"))
    runs = text_runs(reader, reader.pages[0])
    heading = loc[language].gettext("Bottom line").upper()
    top = next(r for r in runs if r.text.strip() == heading)
    first_y = max(r.y for r in runs if r.y < top.y - 1)
    first = "".join(r.text for r in sorted(runs, key=lambda r: r.left) if r.y == first_y)
    opening = meetings[meeting_id].bottom_line.text[language].split()[0]
    assert len(first.split()) > 1 and first.split()[0] == opening, first


def test_no_date_breaks_between_its_day_and_its_month(built):
    """'16 July 2020' is one run on a line: no line of a brief or digest ends with a day of
    the month whose next line starts with a month name (CLDR's, in the output's language)."""
    from babel.dates import get_month_names

    found, lines_read = [], 0
    for path in sorted(built.build_dir.glob("*/*.pdf")):
        months = set(get_month_names("wide", locale=path.parent.name).values())
        for number, page in enumerate(PdfReader(path).pages, 1):
            lines = page.extract_text().split("\n")
            lines_read += len(lines)
            for line, after in itertools.pairwise(lines):
                day = re.search(r"(?:^|[\s(])([1-9]|[12]\d|3[01])$", line.rstrip())
                if day and after.split()[:1] and after.split()[0].strip(",.") in months:
                    found.append(f"{path.parent.name}/{path.name} page {number}: {line[-20:]!r}")
    assert lines_read > 1000 and not found, found


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_format_stands_whole_beside_its_label(built, meetings, loc, language):
    """Page one's facts line keeps the format with its label on one line ('JENIS Pertemuan
    menteri luar negeri', never '... luar' / 'negeri', nor the label alone at a line's end)."""
    from .pdf_geometry import text_runs

    label = loc[language].gettext("Format").upper()
    for meeting_id in IDS:
        reader = PdfReader(built.output_path(meeting_id, language, "pdf"))
        runs = text_runs(reader, reader.pages[0])
        head = next(r for r in runs if r.text.strip() == label)
        line = "".join(r.text for r in sorted(runs, key=lambda r: r.left) if r.y == head.y)
        kind = loc[language].kind(meetings[meeting_id].kind)
        assert " ".join(line.split()).endswith(kind), (meeting_id, line)
