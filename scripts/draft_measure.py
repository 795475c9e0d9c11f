"""Measure the libraries `briefs draft` could read saved pages and dates with, on the corpus
(tests/draft_corpus, expected values in expected.yaml): the numbers behind the choices written
down in DEVELOPERS.md, "Drafts".

    python scripts/draft_measure.py [PROJECT_ROOT]

- Main text of the saved pages: trafilatura and readability-lxml, each scored on what the
  expected values say the article holds (participants' names and figures' text found in the
  extracted text: recall) and on what must not be there (noise lines and caption traps found:
  leaks), and on the drafts made from each text (date, place, participants, figures).
- Publication date of the saved pages: htmldate (fast, metadata only; and extensive) against
  the expected `published`.
- The meeting's date: dateparser's search_dates(languages=["id"]) alone (its first date in the
  story, the publication date as its only reference) against the drafter's own rules.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "draft_corpus"


def _eval_module():
    spec = importlib.util.spec_from_file_location("draft_eval", ROOT / "scripts" / "draft_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def readability_text(html: str) -> tuple[str, str | None]:
    """readability-lxml's main text (paragraphs on their own lines) and its title."""
    import lxml.html
    from readability import Document

    document = Document(html)
    tree = lxml.html.fromstring(document.summary(html_partial=True))
    for block in tree.iter("p", "div", "br", "li", "h1", "h2", "h3"):
        block.tail = "\n" + (block.tail or "")
    text = "\n".join(line.strip() for line in tree.text_content().splitlines() if line.strip())
    return text, document.short_title()


def trafilatura_text(html: str) -> tuple[str, str | None]:
    from briefs.draft.reading import read_page

    page = read_page(html, "page")
    return page.text, page.headline


def _found(needle: str, text: str) -> bool:
    return re.sub(r"\s+", " ", needle.strip()) in re.sub(r"\s+", " ", text)


def measure_extractors(entries: list[dict]) -> list[str]:
    from briefs.draft.reading import SavedPage
    from briefs.draft.summary import DraftContext, draft_summary
    from briefs.errors import BriefsError
    from briefs.project import open_project

    draft_eval = _eval_module()
    context = DraftContext.of_project(open_project(ROOT))
    lines = [
        "extractor       pages  facts found  noise leaked  captions leaked  seconds  "
        "date  place  part.P  part.R  fig.P  fig.R"
    ]
    for name, extract in (("trafilatura", trafilatura_text), ("readability", readability_text)):
        facts = found = noise = leaked = 0
        seconds = 0.0
        scores = draft_eval.CorpusEvaluation()
        for entry in entries:
            html = (CORPUS / entry["file"]).read_text(encoding="utf-8")
            start = time.perf_counter()
            try:
                text, title = extract(html)
            except BriefsError:
                text, title = "", None
            seconds += time.perf_counter() - start
            wanted = [p["name"] for p in entry.get("participants") or []]
            wanted += [str(f["text"]) for f in entry.get("figures") or [] if f.get("text")]
            facts += len(wanted)
            found += sum(_found(w, text) for w in wanted)
            noise += sum(_found(n, text) for n in entry.get("noise") or [] if len(n) >= 12)
            traps = [str(t).split(" (")[0] for t in entry.get("caption_traps") or []]
            leaked += sum(_found(t, text) for t in traps if len(t) >= 12)
            try:
                draft = draft_summary(text, entry["file"], context, SavedPage(text, title))
                summary = dict(draft.summary, _unsettled={loc[0] for loc in draft.unsettled})
                scores.fixtures.append(draft_eval.score_fixture(entry, summary))
            except BriefsError as error:
                scores.fixtures.append(draft_eval.FixtureScore(entry["file"], "", error=str(error)))
        total = scores.total()
        lines.append(
            f"{name:<14}{len(entries):>7}{f'{found}/{facts}':>13}{noise:>14}{leaked:>17}"
            f"{seconds:>9.2f}{total['date']:>6.2f}{total['place']:>7.2f}"
            f"{total['participants P']:>8.2f}{total['participants R']:>8.2f}"
            f"{total['figures P']:>7.2f}{total['figures R']:>7.2f}"
        )
    return lines


def measure_htmldate(entries: list[dict]) -> list[str]:
    from htmldate import find_date

    lines = ["htmldate (publication date)  right  wrong  missed"]
    for label, extensive in (("metadata only", False), ("extensive search", True)):
        right = wrong = none = 0
        for entry in entries:
            html = (CORPUS / entry["file"]).read_text(encoding="utf-8")
            found = find_date(
                html, extensive_search=extensive, original_date=True, max_date="2100-01-01"
            )
            expected = str(entry.get("published") or "")
            if not found and expected:
                none += 1
            elif (found or "") == expected:
                right += 1
            else:
                wrong += 1
        lines.append(f"{label:<27}{right:>7}{wrong:>7}{none:>8}")
    return lines


def measure_dates(entries: list[dict]) -> list[str]:
    """The meeting's date by dateparser alone against the drafter's rules."""
    from dateparser.search import search_dates

    from briefs.draft.cleaning import parse_article
    from briefs.draft.reading import read_source
    from briefs.draft.summary import DraftContext, draft_file
    from briefs.project import open_project

    context = DraftContext.of_project(open_project(ROOT))
    rows = {"dateparser (first date found)": [0, 0], "own rules (draft)": [0, 0]}
    for entry in entries:
        meeting = entry.get("meeting") or {}
        expected = str(meeting.get("date") or meeting.get("date_inferred") or "")
        text, page = read_source(CORPUS / entry["file"])
        article = parse_article(text)
        published = (page.published if page else None) or article.published
        base = dt.datetime.combine(published or dt.date(2000, 1, 1), dt.time(12))
        settings = {"RELATIVE_BASE": base, "DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"}
        found = search_dates(article.body, languages=["id"], settings=settings) or []
        first = str(found[0][1].date()) if found else ""
        rows["dateparser (first date found)"][first == expected] += 1
        draft = draft_file(CORPUS / entry["file"], context)
        rows["own rules (draft)"][str(draft.summary["date"]) == expected] += 1
    lines = ["meeting date (against date, or date_inferred)   right  wrong"]
    for label, (wrong, right) in rows.items():
        lines.append(f"{label:<48}{right:>6}{wrong:>7}")
    return lines


def main() -> int:
    sys.path.insert(0, str(ROOT))
    entries = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))["entries"]
    entries = [e for e in entries if (CORPUS / e["file"]).exists()]
    pages = [e for e in entries if e["file"].endswith(".html")]
    print(f"Saved pages: {len(pages)} of {len(entries)} fixtures")
    print("\n".join(measure_extractors(pages)))
    print()
    print("\n".join(measure_htmldate(pages)))
    print()
    print("\n".join(measure_dates(entries)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
