"""The PDF builder: lays out the HTML the renderer produced (nothing is rendered twice) with
WeasyPrint's print CSS, as an archival PDF/A-3 with the brief's sources attached."""

from __future__ import annotations

import datetime as dt
import logging
import re
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from briefs import __version__
from briefs.build.stats import Seconds
from briefs.plan import kept_page
from briefs.project import installed_lock
from briefs.render.hyphenation import use_indonesian_hyphenation
from briefs.write.attachments import attach, page_record
from briefs.write.files import write_atomically
from briefs.write.formats import PagePart, SourceFile
from briefs.write.patches import import_weasyprint, patch_weasyprint

log = logging.getLogger(__name__)

PDF_VARIANT = "pdf/a-3u"
"""PDF/A-3 allows attachments of any type; 'u' guarantees Unicode text. The structure tags
(pdf_tags) are written too, without claiming level 'a', which no validator here can confirm."""


BUILD_NS = "urn:x-briefs:build:1.0#"
"""The XMP namespace of what made a PDF: briefs' version and the SHA-256 of its lock file."""
METADATA_STREAM = re.compile(rb"<<([^<>]*/Type\s*/Metadata\b[^<>]*)>>\s*stream\r?\n")


def made_by_briefs(data: bytes) -> bool:
    """Whether data is a PDF briefs wrote: its XMP metadata carries the build record."""
    if not data.startswith(b"%PDF-"):
        return False
    for match in METADATA_STREAM.finditer(data):
        length = re.search(rb"/Length\s+(\d+)(?!\s+\d+\s+R)", match[1])
        if length is None:
            continue
        stream = data[match.end() : match.end() + int(length[1])]
        if b"/FlateDecode" in match[1]:
            try:
                stream = zlib.decompress(stream)
            except zlib.error:
                continue
        if BUILD_NS.encode() in stream:
            return True
    return False


RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFA_EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
BUILD_PROPERTIES = {
    "version": "Version of briefs that built the file",
    "lockSHA256": "SHA-256 of the requirements.lock its environment was installed from",
}
for _prefix, _uri in (
    ("briefs", BUILD_NS),
    ("pdfaExtension", PDFA_EXTENSION),
    ("pdfaSchema", PDFA_SCHEMA),
    ("pdfaProperty", PDFA_PROPERTY),
):
    ET.register_namespace(_prefix, _uri)


def with_build_record(rdf: bytes, version: str, lock_sha256: str | None) -> bytes:
    """WeasyPrint's XMP (an rdf:RDF element) with briefs' version and the lock's SHA-256 added,
    and, since PDF/A allows only described properties, the extension schema that describes them."""
    root = ET.fromstring(rdf)

    def description(parent: ET.Element) -> ET.Element:
        return ET.SubElement(parent, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})

    def resource(parent: ET.Element) -> ET.Element:
        return ET.SubElement(parent, f"{{{RDF}}}li", {f"{{{RDF}}}parseType": "Resource"})

    def text(parent: ET.Element, tag: str, value: str) -> None:
        ET.SubElement(parent, tag).text = value

    schemas = ET.SubElement(description(root), f"{{{PDFA_EXTENSION}}}schemas")
    schema = resource(ET.SubElement(schemas, f"{{{RDF}}}Bag"))
    text(schema, f"{{{PDFA_SCHEMA}}}schema", "briefs build record")
    text(schema, f"{{{PDFA_SCHEMA}}}namespaceURI", BUILD_NS)
    text(schema, f"{{{PDFA_SCHEMA}}}prefix", "briefs")
    properties = ET.SubElement(ET.SubElement(schema, f"{{{PDFA_SCHEMA}}}property"), f"{{{RDF}}}Seq")
    for name, meaning in BUILD_PROPERTIES.items():
        entry = resource(properties)
        text(entry, f"{{{PDFA_PROPERTY}}}name", name)
        text(entry, f"{{{PDFA_PROPERTY}}}valueType", "Text")
        text(entry, f"{{{PDFA_PROPERTY}}}category", "internal")
        text(entry, f"{{{PDFA_PROPERTY}}}description", meaning)

    record = description(root)
    text(record, f"{{{BUILD_NS}}}version", version)
    if lock_sha256 is not None:
        text(record, f"{{{BUILD_NS}}}lockSHA256", lock_sha256)
    data: bytes = ET.tostring(root, encoding="utf-8")
    return data


def _project_fetcher(allowed: Path) -> Any:
    """A WeasyPrint URL fetcher that loads only the project's own template files: no network,
    no file outside templates/, whatever a summary manages to put in a brief."""
    from weasyprint.urls import URLFetcher

    allowed = allowed.resolve()

    # WeasyPrint ships no type information: to mypy its URLFetcher is Any.
    class ProjectFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "file" and not parts.netloc:
                path = Path(unquote(parts.path)).resolve()
                if path.is_relative_to(allowed) and path.is_file():
                    return super().fetch(url, headers)
            log.warning("refused to fetch %s", url[:200])
            raise ValueError(f"briefs may only load files from {allowed}, not {url[:200]}")

    return ProjectFetcher(allowed_protocols={"file"}, allow_redirects=False)


class PdfBuilder:
    """Turns brief HTML into PDF; WeasyPrint and its font configuration are set up once, when
    the first page is laid out (a build whose PDFs only get new attachments never imports it)."""

    format = "pdf"

    def __init__(self, templates_dir: Path, seconds: Seconds | None = None):
        self.templates_dir = templates_dir
        self.seconds = seconds if seconds is not None else Seconds()
        self._weasyprint: tuple[Any, Any] | None = None

    def set_up(self) -> tuple[Any, Any]:
        """WeasyPrint's font configuration and the project's URL fetcher, made once."""
        if self._weasyprint is None:
            # Imported here: WeasyPrint is heavy and only PDF layouts need it.
            import_weasyprint()
            from weasyprint.text.fonts import FontConfiguration

            patch_weasyprint()
            use_indonesian_hyphenation(self.templates_dir)  # before WeasyPrint's first hyphenation
            self._weasyprint = (FontConfiguration(), _project_fetcher(self.templates_dir))
        return self._weasyprint

    def layout(self, html: str) -> bytes:
        """The page part of html's PDF: WeasyPrint's PDF/A-3u of the page, tagged, with the
        build record, and no attachment (attachments.attach appends them)."""
        font_config, fetcher = self.set_up()  # WeasyPrint imported first, the quick way
        from weasyprint import HTML

        # No base URL: relative links (a digest's links to briefs beside it) stay relative, so
        # the file does not depend on the folder it was built in.
        with self.seconds.timed("layout"):
            document = HTML(string=html, url_fetcher=fetcher).render(
                font_config=font_config, pdf_variant=PDF_VARIANT, pdf_tags=True
            )
        # WeasyPrint's hook for the XMP packet: its own RDF, then the build record added to it.
        weasyprint_rdf: Callable[..., bytes] = document.metadata.generate_rdf_metadata
        document.metadata.generate_rdf_metadata = lambda *args: with_build_record(
            weasyprint_rdf(*args), __version__, installed_lock()
        )
        with self.seconds.timed("pdf"):
            data: bytes = document.write_pdf(
                pdf_variant=PDF_VARIANT, pdf_tags=True, pdf_identifier=True
            )
        return data

    def write(
        self,
        html: str,
        path: Path,
        sources: Sequence[SourceFile] = (),
        date: dt.date | None = None,
        key: str = "",
        previous: PagePart | None = None,
    ) -> PagePart | None:
        """Lay out html and write it as a PDF file with the sources attached; when the plan
        keeps the page part (previous, the part recorded for path, has this key and is still
        the start of the file: plan.kept_page), the page is not laid out again."""
        page = kept_page(path, key, previous)
        if page is None:
            page = self.layout(html)
        with self.seconds.timed("pdf"):
            data = attach(page, sources, date)
        write_atomically(path, data)
        return page_record(key, page) if key else None
