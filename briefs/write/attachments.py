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
from dataclasses import dataclass
from pathlib import PurePath

from briefs.write.formats import PagePart, SourceFile

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


@dataclass(frozen=True)
class _PagePart:
    """What the update needs of the page part: its trailer's entries and its catalog."""

    root: int
    info: bytes
    """The trailer's /Info entry as written ("291 0 R"), or empty."""
    first_id: bytes
    """The first file identifier, as written (it stays: ISO 32000-1 §14.4)."""
    size: int
    startxref: int
    catalog: bytes
    """The catalog dictionary, as written."""


def attach(page: bytes, sources: Sequence[SourceFile], date: dt.date | None) -> bytes:
    """The PDF of page (WeasyPrint's, without attachments) with the sources attached, as an
    incremental update; date: the attachments' creation and modification date (the brief's,
    not the clock's: the same sources always give the same bytes)."""
    if not sources:
        return page
    try:
        part = _read_page_part(page)
    except (ValueError, IndexError, KeyError, zlib.error):  # not laid out as WeasyPrint does
        part = _read_page_part_with_pypdf(page)
    size = part.size
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
    identity = hashlib.md5(part.first_id, usedforsecurity=False)
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
    add(part.root, _catalog(part.catalog, names_number, [n for _name, n in specs]))

    xref_number = names_number + 1
    offsets[xref_number] = len(out)
    rows = sorted(offsets.items())
    table = b"".join(b"\x01" + offset.to_bytes(4, "big") + b"\0\0" for _n, offset in rows)
    sections = b" ".join(b"%d 1" % number for number, _offset in rows)
    add(
        xref_number,
        b"<</Type /XRef /Size %d /Root %d 0 R%s /ID [%s <%s>] /Prev %d /W [1 4 2]"
        b" /Index [%s] /Length %d>>"
        % (
            xref_number + 1,
            part.root,
            b" /Info " + part.info if part.info else b"",
            part.first_id,
            identity.hexdigest().encode(),
            part.startxref,
            sections,
            len(table),
        ),
        table,
    )
    out.extend(b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number])
    return bytes(out)


def _catalog(catalog: bytes, names: int, specs: list[int]) -> bytes:
    """The catalog again, its /Names with the embedded files' name tree, and /AF: each file
    specification once, tied to the document (PDF/A-3)."""
    entries = _entries(catalog)
    kept = b"".join(key + b" " + value for key, value in entries if key not in (b"/Names", b"/AF"))
    old_names = dict(entries).get(b"/Names", b"<<>>")
    if not old_names.startswith(b"<<"):
        raise ValueError("the catalog's /Names is not a dictionary")
    other_names = b"".join(
        key + b" " + value for key, value in _entries(old_names) if key != b"/EmbeddedFiles"
    )
    af = b" ".join(b"%d 0 R" % number for number in specs)
    return b"<<%s/Names <<%s/EmbeddedFiles %d 0 R>>/AF [%s]>>" % (kept, other_names, names, af)


WHITESPACE = b"\0\t\n\f\r "
DELIMITERS = b"()<>[]{}/%"
REFERENCE = re.compile(rb"\d+\s+\d+\s+R(?![^\0\t\n\f\r ()<>\[\]{}/%])")
OBJECT = re.compile(rb"(\d+)\s+(\d+)\s+obj\b\s*")


def _skip_space(data: bytes, at: int) -> int:
    while at < len(data):
        if data[at] in WHITESPACE:
            at += 1
        elif data[at] == ord("%"):  # a comment, to the end of its line
            while at < len(data) and data[at] not in b"\r\n":
                at += 1
        else:
            break
    return at


def _value_end(data: bytes, at: int) -> int:
    """Where the PDF object starting at data[at] ends (ISO 32000-1 §7.3; a reference's three
    tokens are three objects here)."""
    if data.startswith(b"<<", at):
        at += 2
        while not data.startswith(b">>", at := _skip_space(data, at)):
            at = _value_end(data, at)
        return at + 2
    first = data[at]
    if first == ord("["):
        at += 1
        while data[at := _skip_space(data, at)] != ord("]"):
            at = _value_end(data, at)
        return at + 1
    if first == ord("("):  # a literal string: balanced parentheses, backslash escapes
        depth, at = 1, at + 1
        while depth:
            if data[at] == ord("\\"):
                at += 1
            elif data[at] == ord("("):
                depth += 1
            elif data[at] == ord(")"):
                depth -= 1
            at += 1
        return at
    if first == ord("<"):
        return data.index(b">", at) + 1
    end = at + 1 if first == ord("/") else at
    while end < len(data) and data[end] not in WHITESPACE and data[end] not in DELIMITERS:
        end += 1
    if end == at:
        raise ValueError(f"no PDF object at {at}")
    return end


def _entries(dictionary: bytes) -> list[tuple[bytes, bytes]]:
    """A dictionary's (key, value) pairs, each as written."""
    if not dictionary.startswith(b"<<"):
        raise ValueError("not a dictionary")
    entries, at = [], 2
    while not dictionary.startswith(b">>", at := _skip_space(dictionary, at)):
        key_end = _value_end(dictionary, at)
        key = dictionary[at:key_end]
        if not key.startswith(b"/"):
            raise ValueError("a dictionary key that is not a name")
        at = _skip_space(dictionary, key_end)
        reference = REFERENCE.match(dictionary, at)
        end = reference.end() if reference else _value_end(dictionary, at)
        entries.append((key, dictionary[at:end]))
        at = end
    return entries


def _object(data: bytes, at: int) -> tuple[bytes, bytes]:
    """The dictionary of the indirect object at offset at, and its stream's bytes (if any)."""
    found = OBJECT.match(data, at)
    if found is None:
        raise ValueError(f"no object at offset {at}")
    start = found.end()
    end = _value_end(data, start)
    dictionary = data[start:end]
    stream = re.compile(rb"\s*stream\r?\n").match(data, end)
    if stream is None:
        return dictionary, b""
    length = int(dict(_entries(dictionary))[b"/Length"])  # a reference: not int, ValueError
    return dictionary, data[stream.end() : stream.end() + length]


def _decoded(dictionary: bytes, stream: bytes) -> bytes:
    entries = dict(_entries(dictionary))
    if b"/DecodeParms" in entries:
        raise ValueError("a predictor: left to pypdf")
    flate = entries.get(b"/Filter")
    if flate is None:
        return stream
    if flate != b"/FlateDecode":
        raise ValueError(f"filter {flate!r}: left to pypdf")
    return zlib.decompress(stream)


def _numbers(array: bytes) -> list[int]:
    if not (array.startswith(b"[") and array.endswith(b"]")):
        raise ValueError("not an array")
    return [int(n) for n in array[1:-1].split()]


def _read_page_part(page: bytes) -> _PagePart:
    """The trailer and catalog of a PDF with one cross-reference stream (as WeasyPrint writes
    it through pydyf), read directly: pypdf parses the whole object stream for the catalog."""
    found = STARTXREF.search(page[-64:])
    if found is None:
        raise ValueError("not a PDF ending in startxref and %%EOF")
    startxref = int(found[1])
    dictionary, stream = _object(page, startxref)
    trailer = dict(_entries(dictionary))
    if trailer.get(b"/Type") != b"/XRef" or b"/Prev" in trailer:
        raise ValueError("not a single cross-reference stream")
    widths = _numbers(trailer[b"/W"])
    size = int(trailer[b"/Size"])
    index = _numbers(trailer.get(b"/Index", b"[0 %d]" % size))
    table = _decoded(dictionary, stream)
    rows: dict[int, tuple[int, int, int]] = {}
    row_size, at = sum(widths), 0
    for first, count in zip(index[::2], index[1::2], strict=True):
        for number in range(first, first + count):
            fields, field_at = [], at
            for width in widths:
                fields.append(int.from_bytes(table[field_at : field_at + width], "big"))
                field_at += width
            kind = fields[0] if widths[0] else 1
            rows[number] = (kind, fields[1], fields[2])
            at += row_size
    root_match = REFERENCE.fullmatch(trailer[b"/Root"])
    if root_match is None:
        raise ValueError("no /Root reference")
    root = int(trailer[b"/Root"].split()[0])
    kind, field, place = rows[root]
    if kind == 1:
        catalog = _object(page, field)[0]
    elif kind == 2:  # in an object stream: its header pairs object numbers with offsets
        objects, packed = _object(page, rows[field][1])
        entries = dict(_entries(objects))
        data = _decoded(objects, packed)
        first, count = int(entries[b"/First"]), int(entries[b"/N"])
        header = [int(n) for n in data[:first].split()]
        if place >= count:
            raise ValueError("the object stream is shorter than its index says")
        start = first + header[2 * place + 1]
        catalog = data[start : _value_end(data, start)]
        if header[2 * place] != root:
            raise ValueError("the object stream does not hold the catalog where it says")
    else:
        raise ValueError("the catalog is not in use")
    ids = trailer[b"/ID"]
    first_id = ids[1 : _value_end(ids, _skip_space(ids, 1))].strip()
    return _PagePart(root, trailer.get(b"/Info", b""), first_id, size, startxref, catalog.strip())


def _read_page_part_with_pypdf(page: bytes) -> _PagePart:
    """The same, through pypdf, for a page part not laid out as WeasyPrint 70 writes it."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    reader = PdfReader(io.BytesIO(page))
    trailer = reader.trailer
    catalog = DictionaryObject(reader.root_object)
    root = reader.root_object.indirect_reference
    assert root is not None
    if "/Names" in catalog:  # written into the catalog, whether it was direct or not
        catalog[NameObject("/Names")] = catalog["/Names"].get_object()
    written = io.BytesIO()
    catalog.write_to_stream(written)
    info = getattr(trailer.get("/Info"), "indirect_reference", None)
    ids = trailer["/ID"]
    assert isinstance(ids, ArrayObject)  # PDF/A: every trailer has one
    size = trailer["/Size"]
    assert isinstance(size, int)  # a NumberObject
    found = STARTXREF.search(page[-64:])
    if found is None:
        raise ValueError("not a PDF ending in startxref and %%EOF")
    return _PagePart(
        root.idnum,
        b"" if info is None else b"%d %d R" % (info.idnum, info.generation),
        b"<" + bytes(ids[0].original_bytes).hex().encode() + b">",
        size,
        int(found[1]),
        written.getvalue(),
    )


def _string(text: str) -> bytes:
    """A PDF text string: literal when printable ASCII, else UTF-16BE with its byte order mark."""
    if all(" " <= char <= "~" for char in text):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("ascii") + b")"
    return b"<" + (b"\xfe\xff" + text.encode("utf-16-be")).hex().encode() + b">"


def page_record(key: str, page: bytes) -> PagePart:
    """What the manifest keeps of a page part: its fingerprint, length and SHA-256."""
    return PagePart(key, len(page), hashlib.sha256(page).hexdigest())
