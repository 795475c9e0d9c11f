"""The digest: every meeting in order, themes, figures over time as SVG, follow-through."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from click.testing import CliRunner

from briefs.cli import main
from briefs.i18n import localizers

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


@pytest.mark.parametrize("language", ["id", "en"])
def test_digest_lists_every_meeting_in_date_order(built, meetings, language):
    loc = localizers(ROOT / "locale")[language]
    text = normalize(pdf_text(built.digest_path(language, "pdf")).replace("\u00a0", " "))
    ordered = sorted(meetings.values(), key=lambda m: m.date)
    positions = [
        text.find(loc.date(m.date).upper()) for m in ordered
    ]  # timeline dates are in small caps
    assert -1 not in positions and positions == sorted(positions), positions
    for meeting in ordered:
        assert normalize(meeting.title[language]) in text
    assert (
        "5 pertemuan dari 11 September 2019 sampai 1 Desember 2024"
        if language == "id"
        else "5 meetings from 11 September 2019 to 1 December 2024"
    ) in text


@pytest.mark.parametrize(
    "language, values",
    [
        ("id", ["US$460 juta", "US$50,1 miliar", "US$41 miliar"]),
        ("en", ["US$460 million", "US$50.1 billion", "US$41 billion"]),
    ],
)
def test_charts_carry_the_summaries_figures(built, meetings, language, values):
    html = built.digest_path(language, "html").read_text(encoding="utf-8")
    charts = svgs(html)
    assert len(charts) == 2  # China–Central Asia trade, China–Kazakhstan trade
    bars = [
        (bar.get("data-meeting"), int(bar.get("data-year")), Decimal(bar.get("data-value")))
        for chart in charts
        for bar in chart.iter(f"{SVG}rect")
    ]
    expected = [(m.id, f.year, f.value) for m in meetings.values() for f in m.figures if f.series]
    assert sorted(bars) == sorted(expected)
    labels = [
        t.text for chart in charts for t in chart.iter(f"{SVG}text") if t.get("class") == "value"
    ]
    assert [label.replace("\u00a0", " ") for label in labels] == values
    assert all(chart.get("role") == "img" and chart.find(f"{SVG}title").text for chart in charts)
    text = pdf_text(built.digest_path(language, "pdf")).replace("\u00a0", " ")
    for value in values:
        assert value in text  # the table beside each chart, and the chart itself


def test_themes_matrix_counts_tagged_points(built, meetings):
    html = built.digest_path("en", "html").read_text(encoding="utf-8")
    rows = html[
        html.index('<table class="matrix">') : html.index(
            "</table>", html.index('<table class="matrix">')
        )
    ]
    ordered = sorted(meetings.values(), key=lambda m: m.date)
    security = rows[rows.index("Security and the") :].split("</tr>")[0]
    cells = [cell.split(">", 1)[1].split("<")[0] for cell in security.split('<td class="count')[1:]]
    expected = [sum("security" in p.themes for p in m.points) for m in ordered]
    assert [int(c) if c.strip() else 0 for c in cells] == expected


def test_follow_through(built):
    text = normalize(pdf_text(built.digest_path("en", "pdf")))
    assert (
        "Taken up at: Sixth China–Central Asia Foreign Ministers' Meeting in Chengdu (1 December 2024)"
        in text
    )
    assert "Open: due 2025, not yet taken up in the meetings covered." in text


def test_timeline_links_to_the_briefs(built):
    for fmt in ("html", "pdf"):
        html = built.digest_path("en", fmt)
        assert html.exists()
    page = built.digest_path("en", "html").read_text(encoding="utf-8")
    assert 'href="2020-07-16-china-central-asia-foreign-ministers.html"' in page
    from pypdf import PdfReader

    uris = {
        str(a.get_object()["/A"]["/URI"])
        for p in PdfReader(built.digest_path("en", "pdf")).pages
        for a in p.get("/Annots", [])
        if "/URI" in a.get_object().get("/A", {})
    }
    assert (
        "2020-07-16-china-central-asia-foreign-ministers.pdf" in uris
    )  # relative: beside the digest


def test_a_brief_gets_a_chart_when_its_meeting_carries_a_series(built):
    summit = built.output_path("2022-01-25-china-central-asia-summit", "id", "html").read_text(
        encoding="utf-8"
    )
    (chart,) = svgs(summit)
    assert [int(b.get("data-year")) for b in chart.iter(f"{SVG}rect")] == [1992, 2021]
    other = built.output_path(
        "2024-05-20-china-kazakhstan-foreign-ministers-talks", "id", "html"
    ).read_text(encoding="utf-8")
    assert svgs(other) == []  # one value is not a series


def test_date_range(project_copy):
    result = CliRunner().invoke(
        main,
        [
            "--root",
            str(project_copy),
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
    html = (project_copy / "build" / "en" / "digest.html").read_text(encoding="utf-8")
    assert "2 meetings from 25 January 2022 to 20 May 2024" in html
    assert "2019-09-11" not in html and "2024-12-01-china" not in html
    empty = CliRunner().invoke(
        main, ["--root", str(project_copy), "digest", "--from", "2030-01-01"]
    )
    assert empty.exit_code == 1 and empty.stderr == "error: no meetings in the chosen date range\n"


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
        f"{name}:{at('helth')}:{lines[at('helth') - 1].index('helth') + 1}: points[1].themes[1]: unknown theme 'helth' (see sources/themes.yaml)",
        f"{name}:{at('series: population')}:13: figures[0].series: unknown series 'population' (see sources/themes.yaml)",
        f"{name}:{at('taken_up_at')}:19: outcomes[0].taken_up_at[0]: '2019-09-11-china-kazakhstan-state-visit' is not later than this meeting",
        "3 problem(s) found",
    ]
