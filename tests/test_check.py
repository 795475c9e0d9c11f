"""`briefs check`: every problem at once, one line each, as path:line:col: message."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefs.cli.commands import main

GOOD = "sources/meetings/2020-01-01-good.yaml"


def check(root: Path, *paths: str):
    return CliRunner().invoke(main, ["--root", str(root), "check", *paths])


def edit(root: Path, old: str, new: str, name: str = GOOD) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bad_root_reports_every_problem_with_its_place(bad_root, monkeypatch):
    monkeypatch.chdir(bad_root)
    result = check(bad_root)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "sources/meetings/2020-01-01-broken.yaml:9:13: invalid YAML: expected ',' or '}', but got ':'"
        " (while parsing a flow mapping at line 8)",
        "sources/meetings/2020-01-01-misquote.yaml:21:12: points[0].quote (point 1): not found verbatim in"
        " sample.txt: 'Kedua belah pihak sepakat memperdalam kerja sama.'",
        "sources/meetings/2020-01-01-typo.yaml:23:5: missing field 'sources[0].publisher'",
        "sources/meetings/2020-01-01-typo.yaml:24:5: unknown field 'publsher' in sources[0];"
        " did you mean 'publisher'?",
        "4 problem(s) found",
    ]


def test_good_file_alone_passes(bad_root, monkeypatch):
    monkeypatch.chdir(bad_root)
    result = check(bad_root, GOOD)
    assert result.exit_code == 0, result.output
    assert result.output == "1 summaries OK\n"


ONE_PROBLEM = [
    (
        "date: 2020-01-01",
        "date: 2020-02-30",
        "4:7: date: '2020-02-30' is not a valid date (YYYY-MM-DD)",
    ),
    (
        "  country: ID",
        "  country: XY",
        "7:12: place.country: 'XY' is not an ISO 3166 alpha-2 country code",
    ),
    (
        "    unit: USD",
        "    unit: DOLLAR",
        "25:11: figures[0].unit (figure 1): 'DOLLAR' is not a unit",
    ),
    (
        "    value: 41000000000",
        "    value: 41 miliar",
        "24:12: figures[0].value (figure 1): '41 miliar' is not a number",
    ),
    ("en: Two ministers met.}", "en: ''}", "9:38: lede: the English text ('en') is empty"),
    (
        "lede: {id: Dua menteri bertemu., en: Two ministers met.}",
        "lede: {id: Dua menteri bertemu.}",
        "9:7: lede: the English text ('en') is missing",
    ),
    ("kind: bilateral-talks", "kind: chat", "2:7: kind: Input should be"),
    ("    year: 2019\n", "", "23:5: figures[0] (figure 1): a figure needs 'year' or 'period'"),
    (
        "en: Bilateral trade}",
        "en: Bilateral trade of 41 billion}",
        "23:12: figures[0].label (figure 1): the Indonesian and English texts state different numbers (only in id: none; only in en: 41 billion)",
    ),
    (
        "    headline: Menlu Bertemu di Jakarta",
        "    headline: Menlu Bertemu di Bandung",
        "31:15: sources[0].headline: not found verbatim in sample.txt",
    ),
    (
        "  - article: sample.txt",
        "  - article: missing.txt",
        "29:14: sources[0].article: 'missing.txt' not found in sources/articles/",
    ),
    (
        "  - article: sample.txt",
        "  - article: ../../etc/passwd",
        "29:14: sources[0].article: 'article' is a file name in sources/articles/, not a path",
    ),
    (  # found by test_safety's fuzzing: a NUL in a file name was a traceback, not a problem
        "  - article: sample.txt",
        '  - article: "sample\\0.txt"',
        "29:14: sources[0].article: 'article' is a file name: it has a control character in it",
    ),
    (
        "id: 2020-01-01-good",
        "id: 2020-01-01-other",
        "1:5: id '2020-01-01-other' does not match the file name '2020-01-01-good.yaml'",
    ),
    (
        "kind: bilateral-talks\n",
        "kind: bilateral-talks\nkind: summit\n",
        "3:1: duplicate key 'kind'",
    ),
    (
        "participants:\n",
        "participants: &p\n",
        "10:15: invalid YAML: anchors and aliases are not allowed in summaries",
    ),
]
"""An edit of the good summary, and the one located problem it must give."""

CITATION_PROBLEMS = [  # the same, in the citations and their quotes
    (
        "    quote: Kedua belah pihak sepakat memperkuat kerja sama.",
        "    quote: {text: Kedua belah pihak sepakat memperkuat kerja sama., article: other.txt}",
        "21:78: points[0].quote.article (point 1): 'other.txt' is not one of the cited articles"
        " (see 'sources')",
    ),
    (
        "    quote: Kedua belah pihak sepakat memperkuat kerja sama.",
        "    quote: {article: sample.txt}",
        "21:12: missing field 'points[0].quote.text'",
    ),
    (
        "    quote: Kedua belah pihak sepakat memperkuat kerja sama.",
        "    quote: []",
        "21:12: points[0].quote (point 1): give at least one quote",
    ),
    (
        "    headline: Menlu Bertemu di Jakarta\n",
        "    headline: Menlu Bertemu di Jakarta\n  - article: sample.txt\n"
        "    publisher: Contoh\n    headline: Menlu Bertemu di Jakarta\n",
        "32:14: sources[1].article: 'sample.txt' is cited twice",
    ),
    (
        "sources:\n  - article: sample.txt\n    publisher: Contoh\n"
        "    headline: Menlu Bertemu di Jakarta\n",
        "sources: []\n",
        "28:10: sources: List should have at least 1 item",
    ),
]


@pytest.mark.parametrize("old, new, expected", ONE_PROBLEM + CITATION_PROBLEMS)
def test_one_problem_one_line(bad_root, monkeypatch, old, new, expected):
    monkeypatch.chdir(bad_root)
    edit(bad_root, old, new)
    result = check(bad_root, GOOD)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "1 problem(s) found", result.stderr
    assert lines[0].startswith(f"{GOOD}:{expected}"), lines[0]


def test_a_date_moved_off_its_id_and_its_quote_is_two_problems(bad_root, monkeypatch):
    monkeypatch.chdir(bad_root)
    edit(bad_root, "date: 2020-01-01", "date: 2020-01-02")
    result = check(bad_root, GOOD)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{GOOD}:1:5: id '2020-01-01-good' does not start with the meeting date 2020-01-02",
        f"{GOOD}:4:7: date: 2020-01-02 is not a date the date quote states (Rabu 1 Januari 2020)",
        "2 problem(s) found",
    ]


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "1:1: file is empty: expected a meeting summary"),
        (b"- just\n- a list\n", "1:1: expected a mapping of fields (id, title, date ...)"),
        (b"id: \xff\xfe\n", "1:5: not UTF-8 text"),
        (b"id: [unclosed\n", "2:1: invalid YAML"),
    ],
)
def test_unreadable_files_never_crash(bad_root, monkeypatch, content, expected):
    monkeypatch.chdir(bad_root)
    (bad_root / GOOD).write_bytes(content)
    result = check(bad_root, GOOD)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"{GOOD}:{expected}"), result.stderr


def test_norway_is_not_false(bad_root, monkeypatch):
    # YAML 1.1 reads a bare NO as false; a country code must stay a country code (which the
    # place check then holds to the city: Jakarta is not in Norway).
    monkeypatch.chdir(bad_root)
    edit(bad_root, "  country: ID", "  country: NO")
    assert check(bad_root, GOOD).stderr.splitlines() == [
        f"{GOOD}:7:12: place.country: 'NO': Jakarta is in ID",
        "1 problem(s) found",
    ]


def test_a_shifted_date_is_reported_at_the_id_and_at_the_date(bad_root, monkeypatch):
    monkeypatch.chdir(bad_root)
    edit(bad_root, "date: 2020-01-01", "date: 2020-01-02")
    assert check(bad_root, GOOD).stderr.splitlines() == [
        f"{GOOD}:1:5: id '2020-01-01-good' does not start with the meeting date 2020-01-02",
        f"{GOOD}:4:7: date: 2020-01-02 is not a date the date quote states (Rabu 1 Januari 2020)",
        "2 problem(s) found",
    ]


def test_a_summary_without_issued_is_a_located_problem(bad_root, monkeypatch):
    monkeypatch.chdir(bad_root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    edit(bad_root, "issued: 2020-01-02\n", "")
    assert check(bad_root, GOOD).stderr.splitlines() == [
        f"{GOOD}:4:1: issued: not given, and SOURCE_DATE_EPOCH is not set: give 'issued:"
        " YYYY-MM-DD' (the issue date printed on the brief)",
        "1 problem(s) found",
    ]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert check(bad_root, GOOD).exit_code == 0


@pytest.mark.parametrize("epoch", ["abc", "\u00b2", "99999999999999", "-1", "1.5"])
def test_a_source_date_epoch_that_is_no_date_is_a_located_problem(bad_root, monkeypatch, epoch):
    monkeypatch.chdir(bad_root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    edit(bad_root, "issued: 2020-01-02\n", "")
    assert check(bad_root, GOOD).stderr.splitlines() == [
        f"{GOOD}:4:1: issued: not given, and SOURCE_DATE_EPOCH={epoch!r} is not valid (whole"
        " seconds since 1970-01-01 UTC, 0 to 253402300799): give 'issued: YYYY-MM-DD' (the"
        " issue date printed on the brief)",
        "1 problem(s) found",
    ]


TWO = "sources/meetings/2021-03-04-two-articles.yaml"
SECOND_QUOTE = "Kedua belah pihak akan memulai pembangunan jalur kereta api ketiga tahun depan."


def test_each_quote_is_verified_in_its_own_article(articles_root, monkeypatch):
    monkeypatch.chdir(articles_root)
    assert check(articles_root).output == "1 summaries OK\n"
    # The quote of the second article is not in the first: naming the first is an error ...
    edit(articles_root, "        article: lanjutan.txt", "        article: pertemuan.txt", TWO)
    result = check(articles_root)
    assert result.stderr.splitlines() == [
        f"{TWO}:29:15: points[1].quote (point 2): not found verbatim in pertemuan.txt:"
        " 'Kedua belah pihak akan memulai pembangunan jalur kereta a...'",
        "1 problem(s) found",
    ]


def test_the_second_article_is_read_and_its_headline_checked(articles_root, monkeypatch):
    monkeypatch.chdir(articles_root)
    second = articles_root / "sources" / "articles" / "lanjutan.txt"
    text = second.read_text(encoding="utf-8")
    second.write_text(
        text.replace("Sepakati", "Bahas").replace("ketiga tahun depan", "ketiga"), encoding="utf-8"
    )
    assert check(articles_root).stderr.splitlines() == [
        f"{TWO}:29:15: points[1].quote (point 2): not found verbatim in lanjutan.txt:"
        " 'Kedua belah pihak akan memulai pembangunan jalur kereta a...'",
        f"{TWO}:51:15: sources[1].headline: not found verbatim in lanjutan.txt:"
        " 'Tiongkok dan Kazakhstan Sepakati Jalur Kereta Baru'",
        "2 problem(s) found",
    ]
    second.unlink()
    assert check(articles_root).stderr.splitlines() == [
        f"{TWO}:49:14: sources[1].article: 'lanjutan.txt' not found in sources/articles/",
        "1 problem(s) found",
    ]


def test_two_meetings_of_one_format_claiming_one_ordinal_is_a_warning(project_copy):
    # the 2024 Chengdu meeting's article calls it the sixth; a report of the Almaty meeting of
    # 2025 calls that one the sixth too: one of the two is misnumbered
    from briefs.check.validate import load_summaries
    from briefs.project import open_project

    meetings = project_copy / "sources" / "meetings"
    source = meetings / "2024-12-01-china-central-asia-foreign-ministers.yaml"
    copy = meetings / "2025-04-26-china-central-asia-foreign-ministers.yaml"
    copy.write_text(
        source.read_text(encoding="utf-8")
        .replace("id: 2024-12-01-china", "id: 2025-04-26-china", 1)
        .replace("date: 2024-12-01", "date: 2025-04-26", 1)
        .replace("keenam di Chengdu", "keenam di Almaty", 1),
        encoding="utf-8",
    )
    loaded = load_summaries(open_project(project_copy))
    lines = copy.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("  id: "))
    assert (
        f"{copy}:{line}:7: warning: "
        "title.id: 'Pertemuan menteri luar negeri Tiongkok–Asia Tengah keenam di Almaty' claims "
        "the same ordinal (6) as 2024-12-01-china-central-asia-foreign-ministers ('Pertemuan "
        "menteri luar negeri Tiongkok–Asia Tengah keenam di Chengdu'), a meeting of the same "
        "format: one of them is misnumbered"
    ) in [str(w) for w in loaded.warnings]
    alone = load_summaries(open_project(project_copy), [source])
    assert not [w for w in alone.warnings if "ordinal" in str(w)]


def test_a_title_in_title_case_is_a_located_warning(project_copy, monkeypatch):
    """An office or a kind of meeting capitalised inside a title is warned of, at the title,
    in each language; an office before a participant's name keeps its capital."""
    monkeypatch.chdir(project_copy)
    sixth = Path("sources/meetings/2024-12-01-china-central-asia-foreign-ministers.yaml")
    visit = Path("sources/meetings/2019-09-11-china-kazakhstan-state-visit.yaml")
    text = sixth.read_text(encoding="utf-8")
    sixth.write_text(
        text.replace(
            "id: Pertemuan menteri luar negeri Tiongkok–Asia Tengah keenam",
            "id: Pertemuan Menteri Luar Negeri Tiongkok–Asia Tengah keenam",
        ).replace(
            "en: Sixth China–Central Asia foreign ministers' meeting in Chengdu",
            "en: Sixth China–Central Asia Foreign Ministers' Meeting in Chengdu",
        ),
        encoding="utf-8",
    )
    text = visit.read_text(encoding="utf-8")
    assert "en: State visit of Kazakh President Kassym-Jomart Tokayev" in text
    visit.write_text(text.replace("en: State visit of", "en: State Visit of"), encoding="utf-8")
    result = check(project_copy)
    assert result.exit_code == 0, result.output
    warned = [line for line in result.output.splitlines() if "sentence case" in line]
    assert sorted(warned) == [
        f"{visit}:5:7: warning: title.en: 'State Visit' is capitalised inside the title: titles"
        " are in sentence case (write 'State visit'; an office keeps its capital before a name)",
        f"{sixth}:4:7: warning: title.id: 'Pertemuan Menteri Luar Negeri' is capitalised inside"
        " the title: titles are in sentence case (write 'Pertemuan menteri luar negeri'; an"
        " office keeps its capital before a name)",
        f'{sixth}:5:7: warning: title.en: "Foreign Ministers\' Meeting" is capitalised inside'
        ' the title: titles are in sentence case (write "foreign ministers\' meeting"; an'
        " office keeps its capital before a name)",
    ]
    result = check(project_copy, "--strict")
    assert result.exit_code == 1


def test_a_point_repeated_word_for_word_is_a_located_warning_and_numbered_as_placed(
    bad_root, monkeypatch
):
    from html.parser import HTMLParser

    from briefs.build.builder import Builder
    from briefs.check.validate import load_summaries
    from briefs.project import open_project

    monkeypatch.chdir(bad_root)
    point = (
        "  - text: {id: Kedua pihak sepakat memperkuat kerja sama., en: The two sides agreed to"
        " strengthen cooperation.}\n    quote: Kedua belah pihak sepakat memperkuat kerja sama.\n"
    )
    edit(bad_root, point, point + point)
    result = check(bad_root, GOOD)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{GOOD}:22:16: warning: points[1].text.id (point 2): the same words as points[0] (point 1) (line 20): one"
        " point twice?"
    ]

    class Numbers(HTMLParser):
        def __init__(self):
            super().__init__()
            self.ids: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag == "li" and dict(attrs).get("id", "").startswith("evidence-point-"):
                self.ids.append(dict(attrs)["id"])

    project = open_project(bad_root)
    parser = Numbers()
    parser.feed(
        Builder(project).render(
            load_summaries(project, [project.meetings_dir / "2020-01-01-good.yaml"]).documents[0],
            "en",
        )
    )
    assert parser.ids == ["evidence-point-1", "evidence-point-2"]


def test_the_evidence_annex_numbers_points_without_a_search_per_point(bad_root, monkeypatch):
    """A summary with many points renders in time linear in them: the annex numbers each point
    by its place, not by list.index() (5,000 points took 232 s to render, now 7 s)."""
    from briefs.build.builder import Builder
    from briefs.check.validate import load_summaries
    from briefs.project import open_project
    from briefs.summary.meeting import ConsensusPoint

    point = (
        "  - text: {id: Kedua pihak sepakat memperkuat kerja sama., en: The two sides agreed to"
        " strengthen cooperation.}\n    quote: Kedua belah pihak sepakat memperkuat kerja sama.\n"
    )
    letters = "bcdfghjklmnpqrstvwxz"  # no number word ('tiga') can be spelt from these
    words = [a + b for a in letters for b in letters][:300]
    edit(
        bad_root, point, "".join(point.replace("kerja sama.,", f"kerja sama {w}.,") for w in words)
    )
    project = open_project(bad_root)
    document = load_summaries(project, [project.meetings_dir / "2020-01-01-good.yaml"]).documents[0]
    compared = []
    equal = ConsensusPoint.__eq__

    def counted(self, other):
        compared.append(1)
        return equal(self, other)

    monkeypatch.setattr(ConsensusPoint, "__eq__", counted)
    page = Builder(project).render(document, "en")
    assert 'id="evidence-point-300"' in page
    assert len(compared) < len(words)  # list.index() compared 300 * 299 / 2 = 44,850 times


def test_the_figures_are_numbered_without_a_search_per_figure(bad_root, monkeypatch):
    """A brief numbers its key and other figures by their place in the summary, not by
    list.index() (a search per figure, quadratic in them): rendering 300 figures, four of them
    key, compares no two figures."""
    import dataclasses

    from briefs.build.builder import Builder
    from briefs.check.validate import load_summaries
    from briefs.project import open_project
    from briefs.summary.figures import Figure

    project = open_project(bad_root)
    document = load_summaries(project, [project.meetings_dir / "2020-01-01-good.yaml"]).documents[0]
    [figure] = document.meeting.figures
    figures = [
        figure.model_copy(update={"value": figure.value + n, "key": n % 75 == 1})
        for n in range(300)
    ]
    document = dataclasses.replace(
        document, value=document.meeting.model_copy(update={"figures": figures})
    )
    compared = []
    equal = Figure.__eq__

    def counted(self, other):
        compared.append(1)
        return equal(self, other)

    monkeypatch.setattr(Figure, "__eq__", counted)
    page = Builder(project).render(document, "en")
    assert page.count('<td id="figure-') == 4 and 'id="figure-76"' in page
    assert 'id="figure-300"' in page
    assert compared == []  # list.index() compared about 300 * 299 / 2 times


def test_an_invisible_character_inside_a_number_is_named(bad_root, monkeypatch):
    monkeypatch.chdir(bad_root)
    edit(
        bad_root,
        "en: The two sides agreed to strengthen cooperation.}",
        "en: The two sides agreed to strengthen cooperation worth US$9\u200b00 million.}",
    )
    errors = check(bad_root, GOOD).stderr.splitlines()
    assert (
        f"{GOOD}:20:64: points[0].text.en (point 1): 'US$9\\u200b00' has an invisible U+200B ZERO WIDTH"
        " SPACE inside it, which splits the number: remove it"
    ) in errors


def test_a_point_is_named_by_the_number_the_brief_shows_it_under():
    from briefs.read.messages import numbered_name
    from briefs.summary.numbering import shown_point_numbers

    # joint points first, then each speaker's in the order they first speak
    shown = shown_point_numbers(["Wang Yi", None, "Wang Yi", None, "Mukhtar Tileuberdi"])
    assert shown == {2: 1, 4: 2, 1: 3, 3: 4, 5: 5}
    assert numbered_name(("points", 0, "quote"), shown) == "points[0].quote (point 3)"
    assert numbered_name(("points", 3), shown) == "points[3] (point 2)"
    # the other lists are shown in the summary's order
    assert numbered_name(("figures", 1, "year"), shown) == "figures[1].year (figure 2)"
    assert numbered_name(("sources", 0, "headline"), shown) == "sources[0].headline"


def test_a_marked_value_of_a_point_is_named_by_its_shown_number(tmp_path):
    from briefs.read.loader import parse_summary

    path = tmp_path / "x.yaml"
    path.write_text(
        "id: x\npoints:\n"
        "  - {text: {id: a, en: a}, quote: a, attributed_to: Wang Yi}\n"
        "  - text: !check {id: b, en: b}  # to check: write it\n"
        "    quote: b\n",
        encoding="utf-8",
    )
    problems = [str(p).split(": ", 1)[1] for p in parse_summary(path)]
    assert (
        "points[1].text (point 1): not settled by the article (write it); check the value, then "
        "remove the '!check' mark" in problems
    )
