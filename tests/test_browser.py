"""The HTML briefs as readers see them: in Debian's Chromium, headless, driven by Playwright.

Screenshots of every brief at a phone's and a desk's width go to test-artifacts/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import MEETING, ROOT, pdf_text
from .test_briefs import CASES
from .test_serve import SUMMARY, edit

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
PHONE, DESK = 375, 1280
# Chromium reaches for Google's services at start; there is no network to reach here.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (never a downloaded one), with a fresh profile, for the session."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: run `make test`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        # Playwright gives it a new temporary --user-data-dir, and runs it headless without sandbox.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A page open in Chromium at a width, with everything that went wrong while it loaded."""

    def __init__(self, browser, url: str, width: int):
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.set_default_timeout(TIMEOUT_MS)
        self.failures: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                m.type == "error"
                and self.failures.append(f"console error: {m.text} ({m.location['url']})")
            ),
        )
        self.page.on("pageerror", lambda error: self.failures.append(f"page error: {error}"))
        self.page.on(
            "requestfailed", lambda r: self.failures.append(f"failed request: {r.url} {r.failure}")
        )
        self.page.goto(url)

    def screenshot(self, name: str) -> Path:
        """A full-page screenshot, kept in test-artifacts/."""
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=path, full_page=True)
        return path


@pytest.fixture
def visit(browser):
    """Opens pages; closes them after the test."""
    visits = []

    def open_page(url: str, width: int = DESK) -> Visit:
        visits.append(Visit(browser, url, width))
        return visits[-1]

    yield open_page
    for opened in visits:
        opened.page.close()


def brief_url(project, meeting_id: str, language: str) -> str:
    return project.output_path(meeting_id, language, "html").as_uri()


@pytest.mark.parametrize("meeting_id, language", CASES)
def test_on_a_phone_nothing_fails_and_nothing_scrolls_sideways(built, visit, meeting_id, language):
    page = visit(brief_url(built, meeting_id, language), PHONE)
    page.screenshot(f"{meeting_id}.{language}.{PHONE}")
    assert page.failures == []
    width = page.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width == [PHONE, PHONE]
    # Nor with every source passage open: the long article names wrap.
    page.page.evaluate(OPEN_EVERY_DISCLOSURE)
    page.screenshot(f"{meeting_id}.{language}.{PHONE}.evidence")
    width = page.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width == [PHONE, PHONE]


OPEN_EVERY_DISCLOSURE = "document.querySelectorAll('details').forEach((d) => { d.open = true; })"


# Characters on each full line of running text (a block's last line is short by nature).
LINE_LENGTHS = """() => {
  const lengths = [];
  for (const block of document.querySelectorAll('.lede, .points li > p, .outcomes li > p')) {
    const perLine = new Map();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (rect) perLine.set(Math.round(rect.bottom), (perLine.get(Math.round(rect.bottom)) || 0) + 1);
      }
    }
    lengths.push(...[...perLine.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]).slice(0, -1));
  }
  return lengths;
}"""


@pytest.mark.parametrize("meeting_id, language", CASES)
def test_on_a_desk_the_text_is_readable(built, visit, meeting_id, language):
    page = visit(brief_url(built, meeting_id, language), DESK)
    page.screenshot(f"{meeting_id}.{language}.{DESK}")
    assert page.failures == []
    style = page.page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('.points p'));"
        " return [parseFloat(s.fontSize), parseFloat(s.lineHeight)]; })()"
    )
    font_size, line_height = style
    assert font_size >= 14 and line_height >= 1.3 * font_size
    # WCAG 1.4.8: lines of at most 80 characters; and not so short that the eye jumps.
    lengths = page.page.evaluate(LINE_LENGTHS)
    assert lengths and max(lengths) <= 80 and sorted(lengths)[len(lengths) // 2] >= 45, lengths
    # The column stands in the middle of the window, not glued to one side.
    left, right = page.page.evaluate(
        "(() => { const r = document.body.getBoundingClientRect(); return [r.left, r.right]; })()"
    )
    assert abs(left - (DESK - right)) <= 1 and left > 100


@pytest.mark.parametrize("width", [PHONE, DESK])
@pytest.mark.parametrize("meeting_id, language", CASES)
def test_no_serious_accessibility_violations(built, visit, meeting_id, language, width):
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test`, which installs it with npm ci")
    page = visit(brief_url(built, meeting_id, language), width)
    page.page.evaluate(OPEN_EVERY_DISCLOSURE)  # what they show is checked too
    page.page.add_script_tag(path=AXE)
    results = page.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert results["testEngine"]["name"] == "axe-core"  # it really ran


# Every text node with Chinese characters, and every quoted passage, in the language the
# browser resolves for it (through lang attributes, as a screen reader and font matching do).
MARKED_LANGUAGES = """(source) => {
  const wrong = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/\\p{Script=Han}/u.test(node.data) && !node.parentElement.matches(':lang(zh)'))
      wrong.push(node.data.trim());
  }
  for (const passage of document.querySelectorAll('blockquote, cite')) {
    if (!passage.matches(`:lang(${source})`)) wrong.push(passage.textContent.slice(0, 40));
  }
  return wrong;
}"""


@pytest.mark.parametrize("meeting_id, language", CASES)
def test_other_languages_are_marked(built, meetings, visit, meeting_id, language):
    meeting = meetings[meeting_id]
    page = visit(brief_url(built, meeting_id, language))
    assert page.page.evaluate(MARKED_LANGUAGES, meeting.sources[0].language) == []
    native = page.page.locator("span.native")
    assert native.count() == sum(1 for p in meeting.participants if p.native_name)
    # A Chinese name inside English or Indonesian text is set in a CJK font, not in boxes.
    session = page.page.context.new_cdp_session(page.page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    for node_id in session.send(
        "DOM.querySelectorAll", {"nodeId": root, "selector": "span.native"}
    )["nodeIds"]:
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node_id})["fonts"]
        assert fonts and all("CJK" in font["familyName"] for font in fonts), fonts


def squash(text: str) -> str:
    """Letters and digits only, case-folded: the same text from two PDF engines compares equal,
    whatever their line breaks, hyphens and capitals."""
    return re.sub(r"[\W_]+", "", text).casefold()


def positions(blocks: list[str], text: str) -> list[int]:
    """Where each block starts in text, each searched after the one before; -1 when missing."""
    found, start = [], 0
    for block in blocks:
        at = text.find(squash(block)[:40], start)
        found.append(at)
        start = max(at, start)
    return found


PRINTED_BLOCKS = """() => [...document.querySelectorAll(
  'h1, h2, .lede, .points li > p, .figures tbody th, .outcomes li, .citation'
)].filter((e) => e.getClientRects().length).map((e) => e.innerText)"""


@pytest.mark.parametrize("meeting_id, language", CASES)
def test_print_preview_has_the_pdf_order(built, visit, tmp_path, meeting_id, language):
    page = visit(brief_url(built, meeting_id, language))
    page.page.emulate_media(media="print")
    blocks = page.page.evaluate(PRINTED_BLOCKS)
    assert len(blocks) >= 6
    printed = tmp_path / "chromium.pdf"
    printed.write_bytes(page.page.pdf(prefer_css_page_size=True))
    for engine, pdf in (
        ("Chromium", printed),
        ("WeasyPrint", built.output_path(meeting_id, language, "pdf")),
    ):
        found = positions(blocks, squash(pdf_text(pdf)))
        assert -1 not in found, (
            engine,
            "not found after the block before",
            [b for b, at in zip(blocks, found, strict=True) if at < 0],
        )
        assert found == sorted(found), engine


def test_an_open_page_reloads_itself_as_the_summary_changes(preview, project_copy, visit):
    index = visit(preview.url)
    index.screenshot("serve.index")
    assert index.failures == []
    page = visit(preview.url + f"en/{MEETING}.html")
    heading = page.page.locator("h1")
    assert heading.inner_text() == "First China–Central Asia foreign ministers’ meeting"

    edit(
        project_copy,
        SUMMARY,
        "en: First China–Central Asia",
        "en: Inaugural China–Central Asia",
    )
    heading.filter(has_text="Inaugural China–Central Asia").wait_for()

    edit(project_copy, SUMMARY, "country: KZ", "country: QQ")
    lines = (project_copy / SUMMARY).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "country: QQ" in text)
    problem = (
        f"{SUMMARY}:{line}:14: participants[1].country: 'QQ' is not an ISO 3166 alpha-2 "
        "country code"
    )
    page.page.locator(".problems code", has_text=problem).wait_for()
    page.screenshot("serve.problem")

    edit(project_copy, SUMMARY, "country: QQ", "country: KZ")
    heading.filter(has_text="Inaugural China–Central Asia").wait_for()
    # Nothing failed but the problem page, which is served with status 500.
    assert [failure for failure in page.failures if "status of 500" not in failure] == []
    page.screenshot("serve.reloaded")


@pytest.mark.parametrize("width", [PHONE, DESK])
def test_evidence_opens_beside_its_claim_with_the_keyboard(built, visit, width):
    page = visit(brief_url(built, MEETING, "en"), width).page
    annex = page.locator("#evidence")
    assert not annex.is_visible()  # on screen the disclosures show it, beside each claim
    point = page.locator("#points details").nth(1)
    # a key figure on page one, or one of the other figures
    figure = page.locator("#key-figures details, #figures details").first
    for details, key in ((point, "Enter"), (figure, "Space")):
        quote = details.locator("blockquote").first
        assert not quote.is_visible()
        details.locator("summary").focus()
        page.keyboard.press(key)
        assert quote.is_visible() and quote.get_attribute("lang") == "id"
        # One article: the annex and the sources name it once; a quote does not repeat it.
        assert details.locator(".passage-source").count() == 0
    # Beside its claim: the quote starts within the claim's own column.
    claim = page.locator("#points li").nth(1).bounding_box()
    shown = point.locator("blockquote").first.bounding_box()
    assert claim["x"] <= shown["x"] < claim["x"] + claim["width"]
    assert claim["y"] < shown["y"] < claim["y"] + claim["height"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"evidence.{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") == width
    # In print the disclosures give way to the annex.
    page.emulate_media(media="print")
    assert not point.is_visible() and annex.is_visible()


# Issue 19: the digests and the overview fit a phone too (the overview's years were cut off at
# "11 Septembe…"), and a chart's labels stay readable there.
RIGHTMOST = """() => Math.max(...[...document.querySelectorAll('main *')]
  .map((e) => e.getBoundingClientRect()).filter((r) => r.width).map((r) => r.right))"""


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(
    "name", ["digest", "digest-2019", "digest-2020", "digest-2022", "digest-2024"]
)
def test_on_a_phone_the_digests_fit(built, visit, name, language):
    page = visit((built.build_dir / language / f"{name}.html").as_uri(), PHONE)
    page.screenshot(f"{name}.{language}.{PHONE}")
    assert page.failures == []
    assert page.page.evaluate(RIGHTMOST) <= PHONE
    width = page.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width == [PHONE, PHONE]


@pytest.fixture
def site(built, tmp_path):
    """The shipped briefs published (with their search index), served over HTTP on this
    machine: Pagefind fetches its index, which a browser refuses for file:// pages."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from briefs.distribute.publish import publish

    folder = publish(built, tmp_path / "site").folder
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "word, meeting_id",
    [
        ("Dongdamen", "2024-05-20-china-kazakhstan-foreign-ministers-talks"),  # a name
        ("freight", "2024-05-20-china-kazakhstan-foreign-ministers-talks"),  # English text
        ("pembebasan", "2024-05-20-china-kazakhstan-foreign-ministers-talks"),  # Indonesian
        ("Tianfu", "2024-12-01-china-central-asia-foreign-ministers"),
    ],
)
def test_the_index_page_finds_a_brief_by_a_word(site, visit, word, meeting_id):
    """Typed into the index page's search box, a word of a brief's English or Indonesian text
    lists that brief, with nothing fetched from elsewhere."""
    page = visit(site, DESK)
    box = page.page.locator("#search input")
    box.fill(word)
    results = page.page.locator(".pagefind-ui__result-link")
    results.first.wait_for()
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any(href.endswith(f"{meeting_id}.html") for href in hrefs), hrefs
    page.screenshot(f"search.{word}.{DESK}")
    assert not page.page.locator("#search-offline").is_visible()
    # The test's plain server has no favicon; the browser asks for one unbidden.
    assert [f for f in page.failures if "/favicon.ico" not in f] == []


@pytest.mark.parametrize("width", [PHONE, DESK])
def test_opened_from_disk_the_index_says_how_to_search(built, visit, tmp_path, width):
    """From a file:// page Chromium refuses Pagefind its index: no search box that finds
    nothing, but a line in each language saying how to serve the folder; the list works."""
    from briefs.distribute.publish import publish

    folder = publish(built, tmp_path / "site").folder
    page = visit((folder / "index.html").as_uri(), width)
    page.screenshot(f"index.file.{width}")
    assert page.page.locator("#search").count() == 0
    assert page.page.locator("#search-offline").is_visible()
    said = page.page.locator("#search-offline p")
    assert [said.nth(i).get_attribute("lang") for i in range(said.count())] == ["id", "en"]
    assert said.nth(1).inner_text() == (
        "Search works when this folder is opened from a web server, not from disk: run"
        " python3 -m http.server --bind 127.0.0.1 in the folder and open http://127.0.0.1:8000/,"
        " or put the folder on the desk’s web server."
    )
    assert said.nth(0).inner_text().startswith("Pencarian berfungsi bila folder ini dibuka")
    assert page.page.locator("a.title").count() == 10
    assert page.failures == []
    width_seen = page.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width_seen == [width, width]
    # the command and the address stay inside the note's box
    inside = page.page.evaluate(
        """() => { const box = document.getElementById('search-offline').getBoundingClientRect();
          return [...document.querySelectorAll('#search-offline code')]
            .every((c) => [...c.getClientRects()].every((r) => r.right <= box.right)); }"""
    )
    assert inside
