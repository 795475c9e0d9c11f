"""The patches of other libraries' internals (briefs/write/patches.py) and their switch: with
BRIEFS_NO_PATCHES=1 WeasyPrint runs as it ships, and the PDF's tagged quote has no /Lang."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import ROOT

LAY_OUT = """
import io, json
from pypdf import PdfReader
from weasyprint import __version__
from briefs.write.pdf import PdfBuilder
from briefs.write.patches import WRITTEN_FOR
builder = PdfBuilder(__import__("pathlib").Path("templates"))
page = builder.layout('<html lang="en"><body><blockquote lang="id">Kedua pihak sepakat.</blockquote></body></html>')
from weasyprint import css
from weasyprint.layout import inline
from weasyprint.pdf import tags

def langs(node, found):
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            langs(child, found)
    elif hasattr(node, "get"):
        if node.get("/S") == "/BlockQuote":
            found.append(str(node["/Lang"]) if "/Lang" in node else None)
        if "/K" in node:
            langs(node["/K"], found)
    return found

print(json.dumps({
    "shared": bool(getattr(css.CSS, "shared", False)),
    "tagged": bool(getattr(tags._build_box_tree, "adds_lang", False)),
    "lines": bool(getattr(inline.split_first_line, "keeps_lines_whole", False)),
    "quotes": langs(PdfReader(io.BytesIO(page)).trailer["/Root"]["/StructTreeRoot"], []),
    "written_for": WRITTEN_FOR["weasyprint"] == __version__,
}))
"""


def lay_out(switch: str | None) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "BRIEFS_NO_PATCHES"}
    if switch is not None:
        env["BRIEFS_NO_PATCHES"] = switch
    result = subprocess.run(
        [sys.executable, "-c", LAY_OUT], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("switch", [None, "", "0"])
def test_the_patches_are_on_by_default(switch):
    assert lay_out(switch) == {
        "shared": True,
        "tagged": True,
        "lines": True,
        "quotes": ["id"],
        "written_for": True,
    }


def test_briefs_no_patches_leaves_weasyprint_as_it_ships():
    assert lay_out("1") == {
        "shared": False,
        "tagged": False,
        "lines": False,
        "quotes": [None],
        "written_for": True,
    }
