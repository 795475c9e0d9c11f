"""The digests: a year's meetings in order, themes, figures over time as SVG, follow-through;
the overview across years."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from html import unescape

import pytest
from click.testing import CliRunner

from briefs.check.validate import load_summaries
from briefs.cli.commands import main
from briefs.project import open_project
from briefs.render.digest import make_digest
from briefs.render.i18n import localizers

from .conftest import ROOT, normalize, pdf_text

SVG = "{http://www.w3.org/2000/svg}"


def svgs(html: str) -> list[ET.Element]:
    """Every inline SVG of a page, parsed as XML (so it must be well-formed)."""
    found, start = [], 0
    while (start := html.find("<svg", start)) != -1:
        end = html.index("</svg>", start) + len("</svg>")
        found.append(ET.fromstring(html[start:end]))
        start = end
    return found


YEARS = {2019: 1, 2020: 1, 2022: 1, 2024: 2}  # meetings each year in the shipped sources


def test_a_digest_per_year_and_an_overview(built):
    files = sorted(p.name for p in (built.build_dir / "en").glob("digest*"))
    assert files == sorted(
        [f"digest-{year}.{fmt}" for year in YEARS for fmt in ("pdf", "html")]
        + ["digest.pdf", "digest.html"]
    )


@pytest.mark.parametrize("language", ["id", "en"])
def test_each_year_digest_lists_its_meetings_in_date_order(built, meetings, language):
    loc = localizers(ROOT / "locale")[language]
    for year, count in YEARS.items():
        text = normalize(pdf_text(built.digest_path(language, "pdf", year)).replace("\u00a0", " "))
        held = sorted((m for m in meetings.values() if m.date.year == year), key=lambda m: m.date)
        others = [m for m in meetings.values() if m.date.year != year]
        assert len(held) == count
        positions = [
            text.find(loc.date(m.date).upper()) for m in held
        ]  # timeline dates are in small caps
        assert -1 not in positions and positions == sorted(positions), (year, positions)
        for meeting in held:  # in typographic quotes, as every text the page shows
            assert normalize(loc.typographic(meeting.title[language])) in text
        for meeting in others:
            assert loc.date(meeting.date).upper() not in text
    text = normalize(pdf_text(built.digest_path(language, "pdf", 2024)).replace("\u00a0", " "))
    assert (
        "Pertemuan Tiongkok–Asia Tengah sepanjang 2024 Ikhtisar ini mencakup 2 pertemuan dari 20 Mei 2024 hingga 1 Desember 2024"
        if language == "id"
        else "China–Central Asia meetings in 2024 This digest covers 2 meetings, from 20 May 2024 to 1 December 2024"
    ) in text


def pdf_links(path) -> set[str]:
    from pypdf import PdfReader

    return {
        str(a.get_object()["/A"]["/URI"])
        for p in PdfReader(path).pages
        for a in p.get("/Annots", [])
        if "/URI" in a.get_object().get("/A", {})
    }


def matrix_rows(html: str) -> dict[str, list[str]]:
    """The themes matrices of a page: header texts under "", each theme's cells under its label."""
    rows: dict[str, list[str]] = {}
    for table in html.split('<table class="matrix">')[1:]:
        table = table.split("</table>")[0]
        for row in table.split("<tr>")[1:]:
            cells = [
                unescape(re.sub(r"<[^>]+>", "", cell.split("</t")[0].split(">", 1)[1])).strip()
                for cell in re.split(r"<t[hd][ >]", row)[1:]
            ]
            label = "" if 'scope="col"' in row else cells[0]
            rows.setdefault(label, []).extend(cells[1:])
    return rows


@pytest.mark.parametrize("language", ["id", "en"])
def test_overview_has_years_as_columns_and_links_to_the_year_digests(built, meetings, language):
    html = built.digest_path(language, "html").read_text(encoding="utf-8")
    rows = matrix_rows(html)
    assert rows[""] == [str(year) for year in YEARS]
    vocabulary = load_summaries(open_project(ROOT)).vocabulary
    for theme in vocabulary.themes:
        expected = [
            sum(
                theme.id in p.themes
                for m in meetings.values()
                if m.date.year == y
                for p in m.points
            )
            for y in YEARS
        ]
        if any(expected):
            cells = rows[localizers(ROOT / "locale")[language].typographic(theme.label[language])]
            assert [int(c) if c.isdigit() else 0 for c in cells] == expected, theme.id
    for year in YEARS:
        assert f'href="digest-{year}.html"' in html
    assert {f"digest-{year}.pdf" for year in YEARS} <= pdf_links(built.digest_path(language, "pdf"))
    text = normalize(pdf_text(built.digest_path(language, "pdf")).replace("\u00a0", " "))
    assert (
        "mencakup 5 pertemuan dari 11 September 2019 hingga 1 Desember 2024, dengan ikhtisar untuk setiap tahun"
        if language == "id"
        else "covers 5 meetings, from 11 September 2019 to 1 December 2024, with a digest for each year"
    ) in text
    for meeting in meetings.values():  # the overview names years, not meetings
        assert normalize(meeting.title[language]) not in text


@pytest.mark.parametrize(
    "language, values",
    [
        ("id", ["US$460 juta", "US$50,1 miliar", "US$41 miliar"]),
        ("en", ["US$460 million", "US$50.1 billion", "US$41 billion"]),
    ],
)
def test_charts_carry_the_summaries_figures(built, meetings, language, values):
    """Every value of a series is in the digests: in a table, and in a chart from three values
    on (the shipped series have two values at most: no chart, their table and a source line)."""
    pages = {
        year: built.digest_path(language, "html", year).read_text(encoding="utf-8")
        for year in YEARS
    }
    assert [chart for page in pages.values() for chart in svgs(page)] == []
    text = " ".join(
        pdf_text(built.digest_path(language, "pdf", year)).replace("\u00a0", " ") for year in YEARS
    )
    for value in values:
        assert value in text  # the table of each series
    source = "Sumber:" if language == "id" else "Source:"
    publisher = meetings["2022-01-25-china-central-asia-summit"].sources[0].publisher
    assert text.count(f"{source} {publisher}") == 1  # the 2022 trade series
    assert svgs(built.digest_path(language, "html").read_text(encoding="utf-8")) == []


def test_a_series_of_three_values_is_a_chart(meetings, shipped):
    """A chart with one bar per value, its labels and an accessible title."""
    from briefs.check.validate import load_vocabulary
    from briefs.render.digest import make_digest
    from briefs.render.renderer import Renderer
    from briefs.summary.figures import Figure

    summit = meetings["2022-01-25-china-central-asia-summit"]
    trade = next(f for f in summit.figures if f.series)
    third = Figure.model_validate(
        {**trade.model_dump(exclude_none=True), "year": 2000, "value": 1000000000}
    )
    meeting = summit.model_copy(update={"figures": [*summit.figures, third]})
    vocabulary = load_vocabulary(shipped)
    digest = make_digest([meeting], vocabulary, year=2022)
    page = Renderer(shipped, localizers(shipped.locale_dir), vocabulary).digest(
        digest, "en", "html"
    )
    (chart,) = svgs(page)
    bars = [
        (int(b.get("data-year")), Decimal(b.get("data-value"))) for b in chart.iter(f"{SVG}rect")
    ]
    assert bars == [
        (1992, Decimal(460000000)),
        (2000, Decimal(1000000000)),
        (2021, Decimal("50100000000")),
    ]
    labels = [t.text for t in chart.iter(f"{SVG}text") if t.get("class") == "value"]
    assert labels == ["US$460 million", "US$1 billion", "US$50.1 billion"]
    assert chart.get("role") == "img" and chart.find(f"{SVG}title").text
    sizes = {float(t.get("font-size")) for t in chart.iter(f"{SVG}text")}
    width = float(chart.get("width"))
    # Shown in the 375 px phone's 340 px column, no label is smaller than 10 px.
    assert min(sizes) * min(1.0, 340 / width) >= 10


def test_themes_matrix_counts_tagged_points(built, meetings):
    html = built.digest_path("en", "html", 2024).read_text(encoding="utf-8")
    rows = matrix_rows(html)
    held = sorted((m for m in meetings.values() if m.date.year == 2024), key=lambda m: m.date)
    assert rows[""] == ["May 2024", "Dec 2024"]  # a column per meeting
    security = [sum("security" in p.themes for p in m.points) for m in held]
    cells = rows.get('Security and the "three evils"', ["–"] * len(held))
    assert [int(c) if c.isdigit() else 0 for c in cells] == security


def test_a_busy_year_gets_a_column_per_month(meetings, shipped):
    base = meetings["2024-05-20-china-kazakhstan-foreign-ministers-talks"]
    vocabulary = load_summaries(shipped).vocabulary
    busy = [
        base.model_copy(
            update={"id": f"2024-{month:02d}-{day:02d}-x", "date": dt.date(2024, month, day)}
        )
        for month in (1, 3, 5)
        for day in range(1, 6)
    ]
    digest = make_digest(busy, vocabulary, year=2024)
    assert [(c.kind, c.key) for c in digest.columns] == [
        ("month", "2024-01"),
        ("month", "2024-03"),
        ("month", "2024-05"),
    ]
    points = sum(len(m.points) for m in busy[:5])
    assert sum(counts["2024-01"] for counts in digest.matrix.values()) >= points


def test_follow_through(built):
    text = normalize(pdf_text(built.digest_path("en", "pdf", 2020)))
    assert (
        "Taken up at: Sixth China–Central Asia foreign ministers’ meeting in Chengdu (1 December 2024)"
        in text
    )
    page = built.digest_path("en", "html", 2020).read_text(encoding="utf-8")
    assert 'href="digest-2024.html#2024-12-01-china-central-asia-foreign-ministers"' in page
    later = normalize(pdf_text(built.digest_path("en", "pdf", 2024)))
    # Issued in 2026, a commitment due in 2025 and not taken up is overdue, said plainly.
    assert "Overdue: due in 2025, and not taken up in the meetings covered." in later


def test_timeline_links_to_the_briefs(built):
    page = built.digest_path("en", "html", 2020).read_text(encoding="utf-8")
    assert 'href="2020-07-16-china-central-asia-foreign-ministers.html"' in page
    assert 'href="digest.html"' in page  # up to the overview
    assert "2020-07-16-china-central-asia-foreign-ministers.pdf" in pdf_links(
        built.digest_path("en", "pdf", 2020)
    )  # relative: beside the digest


def test_a_brief_says_a_short_series_in_a_line_of_text(built):
    summit = built.output_path("2022-01-25-china-central-asia-summit", "id", "html").read_text(
        encoding="utf-8"
    )
    assert svgs(summit) == []  # two values on a time axis: a sentence, not two bars
    assert "US$460 juta (1992), lalu US$50,1 miliar (2021)" in summit
    other = built.output_path(
        "2024-05-20-china-kazakhstan-foreign-ministers-talks", "id", "html"
    ).read_text(encoding="utf-8")
    assert 'class="series"' not in other  # one value is not a series


def test_date_range_and_years(project_copy):
    root = ["--root", str(project_copy)]
    result = CliRunner().invoke(
        main,
        [
            *root,
            "digest",
            "--lang",
            "en",
            "--format",
            "html",
            "--from",
            "2022-01-01",
            "--to",
            "2024-06-30",
        ],
    )
    assert result.exit_code == 0, result.output
    path = project_copy / "build" / "en" / "digest-2022-01-01-2024-06-30.html"
    assert result.output == f"{path.relative_to(project_copy)}\n" or str(path) in result.output
    html = path.read_text(encoding="utf-8")
    assert "covers 2 meetings, from 25 January 2022 to 20 May 2024" in html.replace("\u00a0", " ")
    assert "2019-09-11" not in html and "2024-12-01-china" not in html
    empty = CliRunner().invoke(main, [*root, "digest", "--from", "2030-01-01"])
    assert empty.exit_code == 1 and empty.stderr == "error: no meetings in the chosen date range\n"

    year = CliRunner().invoke(main, [*root, "digest", "--year", "2024", "--format", "html"])
    assert year.exit_code == 0, year.output
    assert sorted(
        line.rsplit("/", 2)[-2] + "/" + line.rsplit("/", 1)[-1] for line in year.output.split()
    ) == [
        "en/digest-2024.html",
        "id/digest-2024.html",
    ]
    none = CliRunner().invoke(main, [*root, "digest", "--year", "2021"])
    assert none.exit_code == 1 and none.stderr == "error: no meetings in 2021\n"


def test_unknown_theme_and_series_are_rejected_with_their_place(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    path = (
        project_copy
        / "sources"
        / "meetings"
        / "2020-07-16-china-central-asia-foreign-ministers.yaml"
    )
    text = path.read_text(encoding="utf-8")
    text = text.replace("themes: [health]", "themes: [health, helth]", 1)
    text = text.replace("    year: 2020\n", "    year: 2020\n    series: population\n", 1)
    text = text.replace(
        "taken_up_at: [2024-12-01-china-central-asia-foreign-ministers]",
        "taken_up_at: [2019-09-11-china-kazakhstan-state-visit]",
    )
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    at = lambda needle: next(i for i, line in enumerate(lines, 1) if needle in line)  # noqa: E731
    result = CliRunner().invoke(main, ["check", str(path.relative_to(project_copy))])
    assert result.exit_code == 1
    name = "sources/meetings/2020-07-16-china-central-asia-foreign-ministers.yaml"
    assert result.stderr.splitlines() == [
        f"{name}:{at('helth')}:{lines[at('helth') - 1].index('helth') + 1}: points[1].themes[1] (point 2): unknown theme 'helth' (see sources/themes.yaml)",
        f"{name}:{at('series: population')}:13: figures[0].series (figure 1): unknown series 'population' (see sources/themes.yaml)",
        f"{name}:{at('taken_up_at')}:19: outcomes[0].taken_up_at[0] (outcome 1): '2019-09-11-china-kazakhstan-state-visit' is not later than this meeting",
        "3 problem(s) found",
    ]
