"""Evidence travels with every brief: the quotes beside each claim in the HTML, an annex of them
in the PDF, every cited article attached, and the digest carrying all it draws on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tinyhtml5
from pypdf import PdfReader

from briefs.build.phases import build_all
from briefs.project import open_project
from briefs.read.loader import parse_summary
from briefs.render.i18n import localizers
from briefs.summary.meeting import Meeting
from briefs.write import patches

from .conftest import ROOT, normalize
from .test_briefs import CASES

XHTML = "{http://www.w3.org/1999/xhtml}"
MARGIN_TOP, MARGIN_BOTTOM = 22 * 72 / 25.4, 20 * 72 / 25.4  # @page margins in brief.css, in pt


@pytest.fixture(scope="module")
def loc():
    return localizers(ROOT / "locale")


def body_text(path: Path) -> str:
    """The text of a PDF's pages without running heads, page numbers and list numbers (which
    pypdf reads out of order), in drawing order, whitespace collapsed. A number such as "3." is
    a list number when other text stands on its line (a year that wraps alone does not)."""
    lines: list[str] = []
    for page in PdfReader(path).pages:
        height = float(page.mediabox.height)
        runs: list[tuple[float, str]] = []

        def visit(text, cm, tm, font, size, height=height, runs=runs):
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and MARGIN_BOTTOM < y < height - MARGIN_TOP:
                runs.append((y, text))

        page.extract_text(visitor_text=visit)
        last_y = None
        number = re.compile(r"\d+\.")
        # A list item's number is drawn apart from its text (floats first, at a page's top).
        texts_at = {y for y, text in runs if not number.fullmatch(text.strip())}
        for y, text in runs:
            if number.fullmatch(text.strip()) and y in texts_at:
                continue  # a list item's number
            if y != last_y:
                lines.append("")
                last_y = y
            lines[-1] += text
    text = re.sub(r"\u2010\n", "", "\n".join(line.strip("\n") for line in lines))
    return normalize(re.sub(r"(?<=\w[-–])\n", "", text))  # hyphenated words joined


def figure_claim(figure, language: str, loc) -> str:
    """A figure's heading in the annex: its label, value and year, as the key-figures panel."""
    value = loc.figure_amount(figure) + (f" {figure.noun[language]}" if figure.noun else "")
    when = ", ".join(
        part
        for part in (
            str(figure.year) if figure.year else "",
            figure.period and figure.period[language],
        )
        if part
    )
    return f"{loc.typographic(figure.label[language])}: {value}" + (f" ({when})" if when else "")


def date_and_place(meeting: Meeting, loc):
    """(label msgid, what the annex shows, quotes) of the date and the place."""
    if meeting.date_quote:
        yield "Date", loc and loc.date(meeting.date), meeting.date_quote
    if meeting.place.quote:
        yield "Place", loc and loc.place(meeting.place), meeting.place.quote


def facts(meeting: Meeting, language: str, loc):
    """(label msgid, what the annex shows, quotes) of the date, place and participants."""
    yield from date_and_place(meeting, loc)
    for p in meeting.participants:
        if p.quote:
            name = p.name or (loc and loc.gettext("not named in the article"))
            yield "Participant", loc and f"{name}, {p.office[language]}", p.quote


def annex_facts(meeting: Meeting, language: str, loc):
    """The facts as the annex lists them: participants named by one quote are one item, each
    with office and country (the 2022 brief repeated one quote for five unnamed leaders)."""
    shared: dict[tuple[str, ...], list] = {}
    yield from date_and_place(meeting, loc)
    for p in meeting.participants:
        if p.quote:
            item = shared.setdefault(tuple(q.text for q in p.quote), [p.quote, [], False])
            name = f"{p.name}, " if p.name else ""
            country = loc.country(p.country) if loc else p.country
            item[1].append(f"{name}{p.office[language]} ({country})")
            item[2] = item[2] or not p.name
    for quotes, who, unnamed in shared.values():
        value = "; ".join(who)
        if unnamed and loc:
            value += " – " + loc.gettext("not named in the article")
        yield ("Participant" if len(who) == 1 else "Participants"), value, quotes


def claims(meeting: Meeting, language: str, loc):
    """(section heading msgid, what the annex shows before the quotes, quotes) in annex order."""
    from briefs.summary.numbering import point_groups

    shown = loc.typographic if loc else str
    for label, value, quotes in annex_facts(meeting, language, loc):
        yield "Date, place and participants", loc and f"{loc.gettext(label)}: {value}", quotes
    # by number only (dropped from the text), in the order the brief shows them
    for _speaker, points in point_groups(meeting):
        for _number, point in points:
            yield "Points", None, point.quote
    for figure in meeting.figures:
        yield "Figures", loc and figure_claim(figure, language, loc), figure.quote
    for outcome in meeting.outcomes:
        yield "Outcomes and next steps", loc and shown(outcome.text[language]), outcome.quote


def in_page_order(meeting: Meeting, language: str, loc):
    """The quotes of each disclosure of the HTML brief, in page order: the date and place, the
    participants, the points by group (joint first, then each speaker's), figures, outcomes."""
    from briefs.summary.numbering import point_groups

    facts_and_people = list(facts(meeting, language, None))
    dated = [q for label, _v, q in facts_and_people if label in ("Date", "Place")]
    people = [q for label, _v, q in facts_and_people if label not in ("Date", "Place")]
    yield from dated
    # The key figures stand on page one, before the participants; the others after the points.
    for figure in meeting.key_figures:
        yield figure.quote
    yield from people
    for _speaker, points in point_groups(meeting):
        for _number, point in points:
            yield point.quote
    for figure in meeting.figures:
        if figure not in meeting.key_figures:
            yield figure.quote
    for outcome in meeting.outcomes:
        yield outcome.quote


def citation_text(source, number: int, count: int, loc) -> str:
    """An article's heading in the annex: its number, its citation and where it is archived."""
    words = [
        loc.gettext("Article %(number)s", number=number) if count > 1 else loc.gettext("Article")
    ]
    line = (
        f"{source.author}, " if source.author else ""
    ) + f"“{source.headline}”, {source.publisher}"
    if source.published:
        line += f", {loc.date(source.published)}."
    else:
        line += f" ({loc.gettext('publication date not given')})."
    words.append(line)
    if source.agency:
        words.append(loc.gettext("Relayed from %(agency)s.", agency=source.agency))
    words.append(loc.gettext("In %(language)s.", language=loc.language_name(source.language)))
    archived = loc.gettext("Archived as %(file)s", file=source.article)
    words.append(f"{source.url} · {archived}" if source.url else archived)
    return " ".join(words)


def expected_annex(meeting: Meeting, language: str, loc) -> str:
    """The annex: one article at a time, named once, then what was written from it."""
    words = [loc.gettext("Evidence").upper(), loc.gettext(NOTE)]
    for number, source in enumerate(meeting.sources, 1):
        words.append(citation_text(source, number, len(meeting.sources), loc))
        heading = None
        for section, claim, quotes in claims(meeting, language, loc):
            mine = [q for q in quotes if q.article == source.article]
            if not mine:
                continue
            if section != heading:
                words.append(loc.gettext(section).upper())
                heading = section
            if claim:
                words.append(claim)
            words += [quote.text for quote in mine]
    return normalize(" ".join(words).replace("\u00a0", " "))


NOTE = (
    "The article's own sentences behind each fact, point, figure and outcome of this brief, in "
    "the language of the article."
)


@pytest.mark.parametrize("meeting_id, language", CASES)
def test_the_pdf_annex_is_the_quotes(built, meetings, loc, meeting_id, language):
    meeting = meetings[meeting_id]
    text = body_text(built.output_path(meeting_id, language, "pdf")).replace("\u00a0", " ")
    heading = loc[language].gettext("Evidence").upper()
    # The last thing in the document; in print it names the sources (no Source section before
    # it: alone, that stood on an almost empty page).
    assert text.index(heading) > text.index(normalize(meeting.points[-1].text[language])[:40])
    # The annex follows the outcomes on their page: pypdf gives their list's bullets after
    # the page's text, so within the annex's; the annex itself has no bullets.
    annex = text[text.rindex(heading) :].replace("•", "")
    # pypdf drops the space before a run that starts a marked name ("Pelajar" "Kazakhstan"):
    # compared without spaces, every character and its order still count.
    expected = expected_annex(meeting, language, loc[language])
    assert annex.replace(" ", "") == expected.replace(" ", "")


def disclosures(path: Path) -> list[list[tuple[str, str | None, str | None]]]:
    """For each disclosure of a page: (quote, its lang, the line naming its article, which is
    there only when the meeting cites several articles)."""
    root = tinyhtml5.parse(path.read_text(encoding="utf-8"))
    found = []
    for details in root.iter(f"{XHTML}details"):
        assert details.get("class") == "quote"
        assert details[0].tag == f"{XHTML}summary"
        shown: list[tuple[str, str | None, str | None]] = []
        for child in list(details)[1:]:
            if child.tag == f"{XHTML}blockquote":
                shown.append(("".join(child.itertext()), child.get("lang"), None))
            else:
                assert child.tag == f"{XHTML}p" and shown and shown[-1][2] is None
                quote, lang, _ = shown[-1]
                shown[-1] = (quote, lang, normalize("".join(child.itertext())))
        found.append(shown)
    return found


@pytest.mark.parametrize("meeting_id, language", CASES)
def test_html_disclosures_hold_exactly_the_quotes(built, meetings, loc, meeting_id, language):
    meeting = meetings[meeting_id]
    assert len(meeting.sources) == 1  # so no quote names its article: the brief has one
    expected = [
        [(quote.text, meeting.citation(quote.article).language, None) for quote in quotes]
        for quotes in in_page_order(meeting, language, loc[language])
    ]
    assert disclosures(built.output_path(meeting_id, language, "html")) == expected


def attachments(path: Path) -> dict[str, bytes]:
    """Every file attached to a PDF, checking that each is tied to it as a /Source."""
    reader = PdfReader(path)
    relationships = {
        str(spec.get_object()["/F"]): str(spec.get_object()["/AFRelationship"])
        for spec in reader.trailer["/Root"]["/AF"]
    }
    files = reader.attachments
    assert relationships == dict.fromkeys(files, "/Source")
    assert all(len(data) == 1 for data in files.values())  # no name attached twice
    return {name: data[0] for name, data in files.items()}


@pytest.mark.parametrize("language", ["id", "en"])
def test_each_year_digest_carries_its_summaries_and_articles(built, language):
    sources = built.root / "sources"
    vocabulary = {name: (sources / name).read_bytes() for name in ("themes.yaml", "glossary.yaml")}
    carried: dict[str, bytes] = {}
    for year, paths in built.summaries_by_year().items():
        expected = dict(vocabulary)
        for summary in paths:
            expected[summary.name] = summary.read_bytes()
            article = sources / "articles" / f"{summary.stem}.txt"  # each cites its own
            expected[article.name] = article.read_bytes()
        assert attachments(built.digest_path(language, "pdf", year)) == expected, year
        carried.update(expected)
    # Together the year digests carry every file in sources/, byte for byte.
    everything = {p.name: p.read_bytes() for p in sources.rglob("*") if p.is_file()}
    assert len(everything) == 12  # 5 summaries, 5 articles, themes.yaml, glossary.yaml
    assert carried == everything


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_overview_carries_the_meetings_its_figures_come_from(built, meetings, language):
    from briefs.build.builder import digest_summaries
    from briefs.check.validate import load_summaries
    from briefs.render.digest import make_overview

    loaded = load_summaries(built)
    overview = make_overview([d.meeting for d in loaded.documents], loaded.vocabulary)
    charted = {p.meeting_id for data in overview.series for p in data.points}
    assert charted  # the 2022 summit's trade series
    assert {m.id for _path, m in digest_summaries(built, overview)} == charted
    carried = attachments(built.digest_path(language, "pdf"))
    sources = built.root / "sources"
    expected = {n: (sources / n).read_bytes() for n in ("themes.yaml", "glossary.yaml")}
    for meeting_id in charted:
        for path in (sources / "meetings" / f"{meeting_id}.yaml",
                     sources / "articles" / f"{meeting_id}.txt"):  # fmt: skip
            expected[path.name] = path.read_bytes()
    assert carried == expected


TWO = "2021-03-04-two-articles"


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory) -> Path:
    """tests/roots/test-articles, built: one meeting citing two articles."""
    from .conftest import ROOTS, copy_project

    project = open_project(
        copy_project(ROOTS / "test-articles", tmp_path_factory.mktemp("two") / "project")
    )
    report = build_all(project)
    assert report.ok, (report.problems, report.failures)
    return project


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_cited_article_is_attached_listed_and_quoted(two_articles, loc, language):
    project = two_articles
    summary = project.meetings_dir / f"{TWO}.yaml"
    first, second = (project.articles_dir / name for name in ("pertemuan.txt", "lanjutan.txt"))
    files = {p.name: p.read_bytes() for p in (summary, first, second)}
    pdf = project.output_path(TWO, language, "pdf")
    assert attachments(pdf) == files
    assert attachments(project.digest_path(language, "pdf", 2021)) == files

    text = body_text(pdf)
    # In print the articles are named at the head of the annex (the Sources section is the
    # screen's): once each, after the evidence heading.
    evidence = loc[language].gettext("Evidence")
    assert loc[language].gettext("Sources").upper() not in text
    for headline in (
        "Menlu Tiongkok dan Kazakhstan Bertemu di Astana",
        "Tiongkok dan Kazakhstan Sepakati Jalur Kereta Baru",
    ):
        assert text.index(headline) > text.index(evidence.upper())
    # The annex names each article once, as a heading, and lists what was written from it.
    meeting = parse_summary(summary).meeting
    assert (
        body_text(pdf)
        .replace("•", "")
        .replace(" ", "")
        .endswith(
            expected_annex(meeting, language, loc[language])
            .split(loc[language].gettext(NOTE), 1)[1]
            .replace(" ", "")
        )
    )
    for name in ("pertemuan.txt", "lanjutan.txt"):
        archived = loc[language].gettext("Archived as %(file)s", file=name)
        assert text.count(archived) == 1  # as the annex's heading

    # On screen, with two articles, each quote names its article (by publisher), linked.
    quote = "Kedua belah pihak akan memulai pembangunan jalur kereta api ketiga tahun depan."
    html = project.output_path(TWO, language, "html")
    shown = disclosures(html)
    from_ = loc[language].gettext("From %(article)s", article="{}")
    second = meeting.citation("lanjutan.txt").publisher
    assert (quote, "id", from_.format(second)) in [q for d in shown for q in d]
    page = html.read_text(encoding="utf-8")
    assert f'<a href="#source-2">{second}</a>' in page
    assert 'id="source-2"' in page and 'id="source-3"' not in page


def tagged(node, found=None) -> list[tuple[str, str | None]]:
    """(structure type, /Lang) of every element of a structure tree, depth first."""
    found = [] if found is None else found
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            tagged(child, found)
    elif hasattr(node, "get"):
        if "/S" in node:
            found.append((str(node["/S"]), str(node["/Lang"]) if "/Lang" in node else None))
        if "/K" in node:
            tagged(node["/K"], found)
    return found


@pytest.mark.skipif(not patches.enabled(), reason="/Lang on tagged elements is a patch")
@pytest.mark.parametrize("meeting_id, language", CASES)
def test_quotes_are_tagged_in_the_language_of_their_article(built, meetings, meeting_id, language):
    meeting = meetings[meeting_id]
    reader = PdfReader(built.output_path(meeting_id, language, "pdf"))
    elements = tagged(reader.trailer["/Root"]["/StructTreeRoot"])
    quotes = [lang for tag, lang in elements if tag == "/BlockQuote"]
    # Each quote once in the annex (a quote split over two pages is tagged on each).
    assert len(quotes) >= sum(len(quotes) for _s, _c, quotes in claims(meeting, language, None))
    assert set(quotes) == {"id"}
    names = [lang for tag, lang in elements if tag == "/Span" and lang]
    native = [p.native_lang for p in meeting.participants if p.native_name]
    # Then each run of Chinese characters inside a quote of the annex ('Wang Yi (王毅)').
    han = sum(
        len(re.findall(r"[\u4e00-\u9fff]+", quote.text))
        for _s, _c, quotes in claims(meeting, language, None)
        for quote in quotes
    )
    assert names[: len(native)] == native
    assert names[len(native) :] == ["zh"] * han
