"""A PDF's attachments, apart from its page. Every PDF briefs writes is two parts: the page part,
WeasyPrint's PDF/A-3u of the page alone (laid out, tagged, with the XMP build record), and the
attachments, appended to it as an incremental update (ISO 32000-1 §7.5.6): each file's
embedded-file stream and file specification (with its /AFRelationship), the name tree of the
embedded files, and the catalog again with /Names and /AF pointing at them.

`attach` is a function of the page part's bytes and the files alone, so a PDF whose page did not
change (only a carried summary did) is the page part of the file already built with the new
files appended: the same bytes as a build from scratch, without laying the page out again."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zlib
from collections.abc import Sequence
from pathlib import PurePath

from . import Page, SourceFile

MIME_TYPES = {
    ".yaml": "application/yaml",  # RFC 9512
    ".yml": "application/yaml",
    ".txt": "text/plain",
    ".html": "text/html",
    ".json": "application/json",
    ".pdf": "application/pdf",
}
"""The media type of an attached file (PDF/A-3 wants one on every embedded file), by its
suffix: a fixed table, so that the bytes do not depend on the machine's mime.types."""

STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")


def page_of(data: bytes, page: Page) -> bytes | None:
    """The page part of a PDF briefs wrote, if its first page.length bytes are still the part
    recorded (by their SHA-256); else None (lay the page out again)."""
    part = data[: page.length]
    if len(part) != page.length or hashlib.sha256(part).hexdigest() != page.sha256:
        return None
    return part


def attach(page: bytes, sources: Sequence[SourceFile], date: dt.date | None) -> bytes:
    """The PDF of page (WeasyPrint's, without attachments) with the sources attached, as an
    incremental update; date: the attachments' creation and modification date (the brief's,
    not the clock's: the same sources always give the same bytes)."""
    if not sources:
        return page
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    reader = PdfReader(io.BytesIO(page))
    trailer = reader.trailer
    catalog = reader.root_object
    root = catalog.indirect_reference
    assert root is not None
    info = trailer.get("/Info")
    info_ref = getattr(info, "indirect_reference", None)
    ids = trailer["/ID"]
    assert isinstance(ids, ArrayObject)  # PDF/A: every trailer has one
    first_id = bytes(ids[0].original_bytes)
    size = trailer["/Size"]
    assert isinstance(size, int)  # a NumberObject
    found = STARTXREF.search(page[-64:])
    if found is None:
        raise ValueError("not a PDF ending in startxref and %%EOF")

    out = bytearray(page if page.endswith(b"\n") else page + b"\n")
    offsets: dict[int, int] = {}

    def add(number: int, body: bytes, stream: bytes | None = None) -> None:
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n" % number + body)
        if stream is not None:
            out.extend(b"\nstream\n" + stream + b"\nendstream")
        out.extend(b"\nendobj\n")

    stamp = _string((date or dt.date(1970, 1, 1)).strftime("D:%Y%m%d000000Z"))
    specs = []
    identity = hashlib.md5(first_id, usedforsecurity=False)
    for index, source in enumerate(sources):
        stream_number, spec_number = size + 2 * index, size + 2 * index + 1
        checksum = hashlib.md5(source.data, usedforsecurity=False)
        identity.update(source.name.encode() + b"\0" + checksum.digest())
        packed = zlib.compress(source.data, 9)
        mime = MIME_TYPES.get(PurePath(source.name).suffix.lower(), "application/octet-stream")
        add(
            stream_number,
            b"<</Type /EmbeddedFile /Subtype /%s /Params <</CheckSum <%s> /Size %d"
            b" /CreationDate %s /ModDate %s>> /Filter /FlateDecode /Length %d>>"
            % (
                mime.replace("/", "#2F").encode(),
                checksum.hexdigest().encode(),
                len(source.data),
                stamp,
                stamp,
                len(packed),
            ),
            packed,
        )
        add(
            spec_number,
            b"<</Type /Filespec /F %s /UF %s /EF <</F %d 0 R>> /Desc %s /AFRelationship /Source>>"
            % (
                _string(source.name.encode("ascii", "replace").decode()),
                _string(source.name),
                stream_number,
                _string(source.description),
            ),
        )
        specs.append((source.name, spec_number))
    names_number = size + 2 * len(sources)
    # A name tree's keys are sorted (ISO 32000-1 §7.9.6).
    tree = b" ".join(b"%s %d 0 R" % (_string(name), n) for name, n in sorted(specs))
    add(names_number, b"<</Names [%s]>>" % tree)

    new_catalog = DictionaryObject(catalog)
    names = catalog.get("/Names")
    new_names = DictionaryObject(names.get_object() if names is not None else {})
    new_names[NameObject("/EmbeddedFiles")] = IndirectObject(names_number, 0, reader)
    new_catalog[NameObject("/Names")] = new_names
    new_catalog[NameObject("/AF")] = ArrayObject(
        IndirectObject(number, 0, reader) for _name, number in specs
    )
    written = io.BytesIO()
    new_catalog.write_to_stream(written)
    add(root.idnum, written.getvalue())

    xref_number = names_number + 1
    offsets[xref_number] = len(out)
    rows = sorted(offsets.items())
    table = b"".join(b"\x01" + offset.to_bytes(4, "big") + b"\0\0" for _n, offset in rows)
    sections = b" ".join(b"%d 1" % number for number, _offset in rows)
    add(
        xref_number,
        b"<</Type /XRef /Size %d /Root %d 0 R%s /ID [<%s> <%s>] /Prev %d /W [1 4 2]"
        b" /Index [%s] /Length %d>>"
        % (
            xref_number + 1,
            root.idnum,
            b"" if info_ref is None else b" /Info %d 0 R" % info_ref.idnum,
            first_id.hex().encode(),
            identity.hexdigest().encode(),
            int(found[1]),
            sections,
            len(table),
        ),
        table,
    )
    out.extend(b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number])
    return bytes(out)


def _string(text: str) -> bytes:
    """A PDF text string: literal when printable ASCII, else UTF-16BE with its byte order mark."""
    if all(" " <= char <= "~" for char in text):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("ascii") + b")"
    return b"<" + (b"\xfe\xff" + text.encode("utf-16-be")).hex().encode() + b">"


def page_record(key: str, page: bytes) -> Page:
    """What the manifest keeps of a page part: its fingerprint, length and SHA-256."""
    return Page(key, len(page), hashlib.sha256(page).hexdigest())
