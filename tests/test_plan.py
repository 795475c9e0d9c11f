"""briefs/plan.py is the one module that decides what is stale: no other module compares what
the manifest records (an output's inputs, stat or rendered page, a page part's key or SHA-256,
a check's key) with what is there today; and each decision, called directly."""

from __future__ import annotations

import ast
import hashlib
import os
from pathlib import Path

import briefs
from briefs.build.manifest import CheckEntry, Manifest
from briefs.plan import check_holds, digest_unchanged, fresh, kept_page, lays_out, page_key
from briefs.write.formats import PagePart

PACKAGE = Path(briefs.__file__).parent

RECORDED = {"inputs", "stat", "rendered", "key", "sha256"}
"""The fields of the build record that hold a fingerprint (OutputRecord, PageEntry, CheckEntry)."""

NOT_THE_BUILDS = {"briefs/distribute/send.py", "briefs/distribute/publish.py"}
"""send.py compares a ledger's delivered SHA-256 with a built file's: which reader has which
version, a delivery's decision, not the build's; publish.py compares a published folder's files
with its SHA256SUMS: whether a folder is a publication of its own, not whether a build is stale."""


def recorded_fields(node: ast.AST) -> set[str]:
    """The record's fingerprint fields a node reads: `x.key`, `x["inputs"]`, `x.get("rendered")`."""
    found = set()
    for part in ast.walk(node):
        if isinstance(part, ast.Attribute) and part.attr in RECORDED:
            found.add(part.attr)
        elif isinstance(part, ast.Subscript) and isinstance(part.slice, ast.Constant):
            found.add(part.slice.value)
        elif (
            isinstance(part, ast.Call)
            and isinstance(part.func, ast.Attribute)
            and part.func.attr == "get"
            and part.args
            and isinstance(part.args[0], ast.Constant)
        ):
            found.add(part.args[0].value)
    return found & RECORDED


def comparisons(source: str) -> list[str]:
    """Each == or != in source that reads a fingerprint field of the record."""
    return [
        ast.unparse(node)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Compare)
        and any(isinstance(op, ast.Eq | ast.NotEq) for op in node.ops)
        and recorded_fields(node)
    ]


def test_the_finder_sees_each_way_a_record_is_compared():
    found = comparisons(
        'a = entry["inputs"] == inputs\n'
        'b = entry.get("rendered") != rendered\n'
        "c = previous.key == key\n"
        'd = entry["meeting"] == DIGEST\n'
        "e = page.length != len(part)\n"
    )
    assert found == [
        "entry['inputs'] == inputs",
        "entry.get('rendered') != rendered",
        "previous.key == key",
    ]


def test_only_the_plan_compares_a_record_with_today():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE.parent).as_posix()
        if name not in NOT_THE_BUILDS and (where := comparisons(path.read_text("utf-8"))):
            found[name] = where
    assert set(found) == {"briefs/plan.py"}, found
    # Each decision is there: outputs, digests' pages, page parts (key and bytes), checks.
    assert {field for where in found["briefs/plan.py"] for field in RECORDED if field in where} == (
        RECORDED
    )


def test_an_output_is_fresh_while_built_from_these_inputs_and_untouched(tmp_path):
    output = tmp_path / "en" / "brief.html"
    output.parent.mkdir()
    output.write_text("<p>brief</p>")
    manifest = Manifest(tmp_path)
    assert not fresh(manifest, output, "inputs")  # never recorded
    manifest.record(output, "inputs", "meeting", [])
    assert fresh(manifest, output, "inputs")
    assert not fresh(manifest, output, "other inputs")
    output.write_text("<p>edited by hand</p>")
    assert not fresh(manifest, output, "inputs")
    output.unlink()
    assert not fresh(manifest, output, "inputs")


def test_a_digest_is_kept_while_its_rendered_page_is_the_recorded_one(tmp_path):
    output = tmp_path / "en" / "digest.html"
    output.parent.mkdir()
    output.write_text("<p>digest</p>")
    manifest = Manifest(tmp_path)
    assert not digest_unchanged(manifest, output, "page")
    manifest.record(output, "inputs", "digest", [], rendered="page")
    assert digest_unchanged(manifest, output, "page")
    assert not digest_unchanged(manifest, output, "another page")
    os.utime(output, ns=(1, 1))  # touched since it was written
    assert not digest_unchanged(manifest, output, "page")


def test_a_page_is_laid_out_unless_its_recorded_key_is_todays():
    recorded = PagePart(page_key("layout", "<p>page</p>"), 10, "sha")
    assert not lays_out(("html",), "layout", recorded, "<p>page</p>")  # no PDF
    assert not lays_out(("html", "pdf"), "layout", recorded, "<p>page</p>")
    assert lays_out(("pdf",), "layout", recorded, "<p>another page</p>")
    assert lays_out(("pdf",), "another layout", recorded, "<p>page</p>")
    assert lays_out(("pdf",), "layout", recorded, None)  # not rendered yet: as far as is known
    assert lays_out(("pdf",), "layout", None, "<p>page</p>")
    assert page_key("layout", "<p>page</p>") != page_key("layout", "<p>page</p> ")


def test_a_page_part_is_kept_only_while_the_file_starts_with_it(tmp_path):
    part = b"%PDF-1.7 the page part %%EOF\n"
    path = tmp_path / "brief.pdf"
    path.write_bytes(part + b"the attachments")
    recorded = PagePart("key", len(part), hashlib.sha256(part).hexdigest())
    assert kept_page(path, "key", recorded) == part
    assert kept_page(path, "another key", recorded) is None
    assert kept_page(path, "", recorded) is None
    assert kept_page(path, "key", None) is None
    path.write_bytes(part.replace(b"page", b"PAGE") + b"the attachments")
    assert kept_page(path, "key", recorded) is None
    path.write_bytes(part[:-1])
    assert kept_page(path, "key", recorded) is None
    path.unlink()
    assert kept_page(path, "key", recorded) is None
    os.mkfifo(path)  # refused by its type, never opened: no wait for a writer
    assert kept_page(path, "key", recorded) is None


def test_a_check_holds_while_its_key_is_todays():
    entry: CheckEntry = {"key": "today", "articles": [], "links": [], "problems": []}
    assert check_holds(entry, "today")
    assert not check_holds(entry, "yesterday")
