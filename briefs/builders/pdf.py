"""The PDF builder: lays out the HTML the renderer produced (nothing is rendered twice)
with WeasyPrint's print CSS, A4."""

from __future__ import annotations

import logging
from pathlib import Path

from . import write_atomically

log = logging.getLogger(__name__)

class PdfBuilder:
    """Turns brief HTML into PDF; WeasyPrint and its font configuration are set up once."""

    format = "pdf"

    def __init__(self, base_url: Path):
        # Imported here: WeasyPrint is heavy and only PDF builds need it.
        from weasyprint.text.fonts import FontConfiguration

        self.base_url = str(base_url)
        self.font_config = FontConfiguration()

    def pdf_bytes(self, html: str) -> bytes:
        from weasyprint import HTML

        document = HTML(string=html, base_url=self.base_url).render(font_config=self.font_config)
        return document.write_pdf()

    def write(self, html: str, path: Path) -> Path:
        """Lay out html and write it as a PDF file."""
        write_atomically(path, self.pdf_bytes(html))
        return path
