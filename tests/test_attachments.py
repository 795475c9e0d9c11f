"""A PDF's page part and its attachments (briefs/write/attachments.py): the attachments are an
incremental update of the page part that any reader sees as the document's, PDF/A-3's way."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import subprocess

import pytest
from pypdf import PdfReader

from briefs.plan import page_of
from briefs.write.attachments import _read_page_part, _read_page_part_with_pypdf, attach
from briefs.write.formats import PagePart, SourceFile
from briefs.write.pdf import PdfBuilder

from .conftest import ROOT

PAGE = (
    '<html lang="en"><head><title>A page</title></head><body><h1 id="top">A page</h1>'
    '<p><a href="#top">back up</a> (a link: a named destination in the catalog)</p></body></html>'
)
SOURCES = [
    SourceFile("2024-05-20-b.yaml", b"id: b\n" * 50, "Meeting summary (YAML)"),
    SourceFile(
        "2024-05-20-a.txt", "Teks (berita) \\ asli é".encode(), "Source article, as published"
    ),
    SourceFile("é (name).yaml", b"x: 1\n", "A name in UTF-16"),
]


@pytest.fixture(scope="module")
def page() -> bytes:
    return PdfBuilder(ROOT / "templates").layout(PAGE)


def test_the_attachments_are_the_documents_each_tied_by_af(page):
    data = attach(page, SOURCES, dt.date(2026, 11, 23))
    assert data.startswith(page) and data == attach(page, SOURCES, dt.date(2026, 11, 23))
    reader = PdfReader(io.BytesIO(data), strict=True)
    assert reader.attachments == {source.name: [source.data] for source in SOURCES}
    root = reader.trailer["/Root"]
    specs = [spec.get_object() for spec in root["/AF"]]
    assert [str(spec["/UF"]) for spec in specs] == [source.name for source in SOURCES]
    assert {str(spec["/AFRelationship"]) for spec in specs} == {"/Source"}
    streams = [spec["/EF"]["/F"].get_object() for spec in specs]
    assert [str(s["/Subtype"]) for s in streams] == [
        "/application/yaml",
        "/text/plain",
        "/application/yaml",
    ]
    assert {str(s["/Params"]["/ModDate"]) for s in streams} == {"D:20261123000000Z"}
    # what the page part's catalog had is still there, and the tags and metadata with it
    assert list(reader.named_destinations) == ["top"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert reader.xmp_metadata is not None and len(reader.pages) == 1
    # the first file identifier stays the page part's (ISO 32000-1 §14.4), the second changes
    first = PdfReader(io.BytesIO(page)).trailer["/ID"]
    assert reader.trailer["/ID"][0] == first[0] and reader.trailer["/ID"][1] != first[1]
    names = reader.trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"][::2]
    assert names == sorted(names)  # a name tree's keys are sorted


def test_pypdf_reads_the_page_part_as_the_direct_reader_does(page, monkeypatch):
    """The fallback for a page part laid out otherwise gives the same catalog and trailer."""
    direct, through_pypdf = _read_page_part(page), _read_page_part_with_pypdf(page)
    assert (direct.root, direct.info, direct.size, direct.startxref) == (
        through_pypdf.root,
        through_pypdf.info,
        through_pypdf.size,
        through_pypdf.startxref,
    )
    reader = PdfReader(io.BytesIO(page))
    first_id = bytes(reader.trailer["/ID"][0].original_bytes)
    assert direct.first_id == b"(" + first_id + b")"

    def laid_out_otherwise(page: bytes):
        raise ValueError("not a single cross-reference stream")

    monkeypatch.setattr("briefs.write.attachments._read_page_part", laid_out_otherwise)
    with_pypdf = attach(page, SOURCES, dt.date(2026, 1, 1))
    reader = PdfReader(io.BytesIO(with_pypdf), strict=True)
    assert reader.attachments == {s.name: [s.data] for s in SOURCES}
    assert list(reader.named_destinations) == ["top"]


def test_a_page_part_is_kept_only_while_it_is_what_was_recorded(page):
    data = attach(page, SOURCES, dt.date(2026, 11, 23))
    recorded = PagePart("key", len(page), hashlib.sha256(page).hexdigest())
    assert page_of(data, recorded) == page
    changed = bytearray(data)
    changed[100] ^= 1
    assert page_of(bytes(changed), recorded) is None
    assert page_of(data[: len(page) - 1], recorded) is None


def test_qpdf_finds_no_error(page, tmp_path):
    """qpdf (installed by `make test`, scripts/system-packages.sh) checks the file's structure."""
    path = tmp_path / "page.pdf"
    path.write_bytes(attach(page, SOURCES, dt.date(2026, 11, 23)))
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout
