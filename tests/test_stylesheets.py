"""Stylesheets parsed once per process (briefs/write/patches.py, share_stylesheets): a page laid out with
a stylesheet parsed for an earlier page is the page laid out with its own, byte for byte, its
own running heads included."""

from __future__ import annotations

from briefs.build.manifest import Manifest
from briefs.write.pdf import PdfBuilder

from .conftest import ROOT

FIRST = "2019-09-11-china-kazakhstan-state-visit"
SECOND = "2024-05-20-china-kazakhstan-foreign-ministers-talks"
THIRD = "2022-01-25-china-central-asia-summit"


def test_a_shared_stylesheet_lays_out_the_same_page(built):
    manifest = Manifest(built.build_dir)

    def page_part(name: str, language: str) -> bytes:
        path = built.build_dir / language / f"{name}.pdf"
        page = manifest.page(path)
        assert page is not None
        return path.read_bytes()[: page.length]

    html = {  # a brief's page is the same in both formats (a digest's links differ)
        (name, language): (built.build_dir / language / f"{name}.html").read_text(encoding="utf-8")
        for name in (FIRST, SECOND, THIRD)
        for language in ("en", "id")
    }
    alone = PdfBuilder(ROOT / "templates")  # the second brief first: its stylesheet parsed for it
    assert alone.layout(html[SECOND, "id"]) == page_part(SECOND, "id")
    after_others = PdfBuilder(ROOT / "templates")
    for name, language in [(FIRST, "en"), (THIRD, "en"), (FIRST, "id")]:
        assert after_others.layout(html[name, language]) == page_part(name, language)
    # the brief's stylesheet as parsed for the first brief; its running heads its own
    assert after_others.layout(html[SECOND, "id"]) == page_part(SECOND, "id")
    assert after_others.layout(html[SECOND, "en"]) == page_part(SECOND, "en")
