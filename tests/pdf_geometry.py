"""Where a PDF page draws: the horizontal extent of every stroked or filled path (rules,
table borders, backgrounds) and of every run of glyphs (from the fonts' advance widths), in
points from the page's left edge. A small reader of WeasyPrint's content streams (pypdf parses
them), for the tests that hold everything to the page's text box."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pypdf import PageObject, PdfReader
from pypdf.generic import ArrayObject, ContentStream, NumberObject

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(a: Matrix, b: Matrix) -> Matrix:
    """a then b (PDF's row-vector convention: a point p maps to p·a·b)."""
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


@dataclass(frozen=True)
class Mark:
    """Something drawn: a path or a run of glyphs, its left and right x and its y (pt)."""

    kind: str  # "path" or "text"
    left: float
    right: float
    y: float
    text: str = ""
    bottom: float = 0.0  # a path's lowest and highest y (a glyph run's are its y)
    top: float = 0.0
    fill: tuple[float, ...] | None = None  # a filled path's colour (RGB or grey, 0-1)


def _widths(font: dict) -> tuple[dict[int, float], float]:
    """Advance widths (per 1000 em) of a Type0 font's glyph ids, and its default."""
    descendant = font["/DescendantFonts"][0].get_object()
    default = float(descendant.get("/DW", 1000))
    widths: dict[int, float] = {}
    w = descendant.get("/W", ArrayObject())
    i = 0
    while i < len(w):
        first = int(w[i])
        if isinstance(w[i + 1], ArrayObject):
            for j, width in enumerate(w[i + 1]):
                widths[first + j] = float(width)
            i += 2
        else:
            last, width = int(w[i + 1]), float(w[i + 2])
            for cid in range(first, last + 1):
                widths[cid] = width
            i += 3
    return widths, default


def _spaces(font: dict) -> set[int]:
    """The glyph ids a font's ToUnicode map reads as white space (a line's trailing space is
    not ink: it may hang past the text box)."""
    if "/ToUnicode" not in font:
        return set()
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    found = set()
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for cid, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            if text.lower() in ("0020", "00a0"):
                found.add(int(cid, 16))
    return found


def marks(reader: PdfReader, page: PageObject) -> list[Mark]:
    """Every path painted and every glyph run shown on the page."""
    fonts = {
        name: font.get_object()
        for name, font in page["/Resources"].get("/Font", {}).items()  # type: ignore[union-attr]
    }
    width_tables = {name: _widths(f) for name, f in fonts.items() if "/DescendantFonts" in f}
    space_ids = {name: _spaces(f) for name, f in fonts.items()}
    out: list[Mark] = []
    ctm, stack = IDENTITY, []
    colour: tuple[float, ...] = (0.0,)  # the non-stroking (fill) colour, black at first
    path: list[tuple[float, float]] = []
    tm = IDENTITY
    font, size = None, 0.0
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"q":
            stack.append((ctm, colour))
        elif op == b"Q":
            ctm, colour = stack.pop()
        elif op in (b"rg", b"g", b"sc", b"scn"):
            colour = tuple(float(v) for v in operands if isinstance(v, (int, float)))
        elif op == b"cm":
            ctm = multiply(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif op in (b"m", b"l"):
            path.append(apply(ctm, float(operands[0]), float(operands[1])))
        elif op == b"c":
            path += [apply(ctm, float(operands[k]), float(operands[k + 1])) for k in (0, 2, 4)]
        elif op == b"re":
            x, y, w, h = (float(v) for v in operands)
            path += [apply(ctm, x, y), apply(ctm, x + w, y + h)]
        elif op in (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
            if path:
                xs, ys = [p[0] for p in path], [p[1] for p in path]
                filled = op not in (b"S", b"s")
                out.append(
                    Mark(
                        "path",
                        min(xs),
                        max(xs),
                        path[0][1],
                        bottom=min(ys),
                        top=max(ys),
                        fill=colour if filled else None,
                    )
                )
            path = []
        elif op == b"n":  # a clipping path only: nothing is drawn
            path = []
        elif op == b"BT":
            tm = IDENTITY
        elif op == b"Tm":
            tm = tuple(float(v) for v in operands)  # type: ignore[assignment]
        elif op == b"Tf":
            font, size = operands[0], float(operands[1])
        elif op in (b"TJ", b"Tj") and font in width_tables:
            widths, default = width_tables[font]
            items = operands[0] if op == b"TJ" else [operands[0]]
            advance = 0.0
            inked = 0.0  # the advance up to the last glyph that is not a space
            shown = []
            for item in items:
                if isinstance(item, (int, float, NumberObject)) or type(item).__name__ in (
                    "FloatObject",
                    "NumberObject",
                ):
                    advance -= float(item) / 1000 * size
                    continue
                data = item.original_bytes if hasattr(item, "original_bytes") else bytes(item)
                for k in range(0, len(data) - 1, 2):
                    cid = data[k] << 8 | data[k + 1]
                    advance += widths.get(cid, default) / 1000 * size
                    if cid not in space_ids[font]:
                        inked = advance
                shown.append(str(item))
            full = multiply(tm, ctm)
            x0, y0 = apply(full, 0, 0)
            x1, _ = apply(full, inked, 0)
            out.append(
                Mark("text", min(x0, x1), max(x0, x1), y0, "".join(shown), bottom=y0, top=y0)
            )
    return out


def overruns(path: str, left: float, right: float, tolerance: float = 0.5) -> list[str]:
    """Each mark of each page that reaches past the text box [left, right] (pt), described."""
    reader = PdfReader(path)
    found = []
    for number, page in enumerate(reader.pages, 1):
        for mark in marks(reader, page):
            if mark.left < left - tolerance or mark.right > right + tolerance:
                found.append(
                    f"page {number}: {mark.kind} from {mark.left:.1f} to {mark.right:.1f} pt"
                    f" at y {mark.y:.0f} (text box {left:.1f}-{right:.1f}) {mark.text[:40]!r}"
                )
    return found


@dataclass(frozen=True)
class Run:
    """A run of glyphs as a reader sees it: its text, where it starts and ends (pt from the
    page's left edge), its baseline (pt from the foot) and its type size (pt)."""

    text: str
    left: float
    right: float
    y: float
    size: float


def text_runs(reader: PdfReader, page: PageObject) -> list[Run]:
    """Every run of text on the page with its extent: pypdf's text (Unicode) joined with the
    extent marks() measures for the glyph run that starts at the same point."""
    extent = {
        (round(m.left, 1), round(m.y, 1)): m.right for m in marks(reader, page) if m.kind == "text"
    }
    runs: list[Run] = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if not text.strip():
            return
        full = multiply(tuple(float(v) for v in tm), tuple(float(v) for v in cm))  # type: ignore[arg-type]
        x, y = apply(full, 0, 0)
        right = extent.get((round(x, 1), round(y, 1)))
        if right is not None:
            runs.append(Run(text, x, right, y, size * full[0]))

    page.extract_text(visitor_text=visit)
    return runs
