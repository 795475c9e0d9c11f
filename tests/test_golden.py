"""Golden files: the HTML of every shipped brief and digest, byte for byte as tests/golden/
holds it (the output is deterministic). A template, catalog or rendering change shows here as a
diff; when it is meant, `make golden` refreshes the files and the diff is read in review."""

from __future__ import annotations

import difflib

import pytest

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
PAGES = sorted(str(p.relative_to(GOLDEN)) for p in GOLDEN.glob("*/*.html"))


def test_the_golden_files_are_every_html_page_built(built):
    pages = sorted(str(p.relative_to(built.build_dir)) for p in built.build_dir.glob("*/*.html"))
    assert len(PAGES) == 20
    assert pages == PAGES


@pytest.mark.parametrize("page", PAGES)
def test_a_page_is_its_golden_file(built, page):
    made = (built.build_dir / page).read_text(encoding="utf-8")
    golden = (GOLDEN / page).read_text(encoding="utf-8")
    if made != golden:
        diff = difflib.unified_diff(
            golden.splitlines(), made.splitlines(), f"golden/{page}", f"built/{page}", lineterm=""
        )
        pytest.fail("\n".join(list(diff)[:40]) + "\n(meant? run make golden)")
