"""Every patch of another library's internals, in one module: briefs' only such code.

Written for WeasyPrint 70.0, pydyf 0.13.0 and CPython 3.11's ctypes (`WRITTEN_FOR`); each patch
wraps one private name (`ctypes.util._findSoname_ldconfig`, `weasyprint.pdf.tags._build_box_tree`,
`weasyprint.layout.inline.split_first_line`) and says so. `BRIEFS_NO_PATCHES=1` switches them
all off: WeasyPrint is then imported and run as it ships (CI runs the PDF tests so, see
.ci/run); the PDFs are the same but for the /Lang of tagged elements (an Indonesian quote in an
English brief is then read with the document's language) and a line WeasyPrint cuts after its
first word (keep_lines_whole), and WeasyPrint is imported a quarter of a second slower. What the
quick import saves is measured in benchmarks/RESULTS.md ("Machinery, each piece measured",
issue 32, which removed a fourth patch, author stylesheets parsed once per process: it saved
under 5 % of every figure); /Lang and keep_lines_whole are for correctness, not speed."""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Iterator
from typing import Any

log = logging.getLogger(__name__)

WRITTEN_FOR = {"weasyprint": "70.0", "pydyf": "0.13.0"}
"""The releases the patches were written (and tested) for."""

SWITCH = "BRIEFS_NO_PATCHES"


def enabled() -> bool:
    """Whether the patches are on: unless BRIEFS_NO_PATCHES is set to anything but '' or '0'."""
    return os.environ.get(SWITCH, "") in ("", "0")


def state() -> str:
    """What the fingerprint of a laid-out page records of the patches (toolchain.py)."""
    return "on" if enabled() else "off"


def patch_weasyprint() -> None:
    """Apply the patches to an imported WeasyPrint, once per process (none when switched off);
    a release other than the one they were written for is said once, in the log."""
    if not enabled():
        return
    for name, release in WRITTEN_FOR.items():
        running = getattr(sys.modules.get(name), "__version__", None)
        if running is not None and running != release:
            log.info(
                "patches written for %s %s, running %s (%s=1 turns them off)",
                name,
                release,
                running,
                SWITCH,
            )
    tag_languages()
    keep_lines_whole()


def import_weasyprint() -> None:
    """Import WeasyPrint, a third quicker on Linux. As it is imported it opens its libraries
    (Pango, HarfBuzz, fontconfig...) by trying several names for each, the Windows and macOS ones
    first; cffi asks ctypes.util.find_library for each name that dlopen cannot open, and on
    Linux that runs ldconfig, then gcc, then ld, for every name that is no library here: about
    0.2 s in all. While WeasyPrint is imported, find_library asks ldconfig's cache only (the
    first of the three, and for a library installed as the system's are, the one that answers);
    every list of names ends with the library's Linux soname, which dlopen opens itself. Should
    the import fail all the same, WeasyPrint is imported again as it imports itself. With the
    patches off (BRIEFS_NO_PATCHES=1), WeasyPrint is imported as it imports itself."""
    if "weasyprint" in sys.modules:
        return
    if not enabled():
        importlib.import_module("weasyprint")
        return
    import ctypes.util

    find = ctypes.util.find_library
    cached = getattr(ctypes.util, "_findSoname_ldconfig", None)  # Linux, CPython 3.6 and later
    if sys.platform != "linux" or cached is None:
        importlib.import_module("weasyprint")
        return
    ctypes.util.find_library = cached
    try:
        importlib.import_module("weasyprint")
    except OSError:
        log.debug("WeasyPrint's quick import failed; imported as it imports itself", exc_info=True)
        for name in [name for name in sys.modules if name.split(".")[0] == "weasyprint"]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = find
    importlib.import_module("weasyprint")


def tag_languages() -> None:
    """Give structure elements the language of their HTML element (/Lang), which WeasyPrint's
    tagging leaves out: without it a screen reader reads an Indonesian quote in an English brief,
    or a name in Chinese characters, with the document's voice. Wraps WeasyPrint's tree builder
    once per process; tests/test_evidence.py pins it."""
    import pydyf
    from weasyprint.pdf import tags

    build = tags._build_box_tree
    if getattr(build, "adds_lang", False):
        return

    def build_with_lang(box: Any, parent: Any, pdf: Any, *args: Any) -> Iterator[Any]:
        element = getattr(box, "element", None)
        lang = None
        if element is not None and getattr(box, "element_tag", None) not in ("html", "body"):
            lang = element.get("lang")
        for child in build(box, parent, pdf, *args):
            if lang and "Lang" not in child:
                child["Lang"] = pydyf.String(lang)
            yield child

    # a mark on the function, so that a second PdfBuilder does not wrap it twice
    build_with_lang.adds_lang = True  # type: ignore[attr-defined]
    tags._build_box_tree = build_with_lang


def keep_lines_whole() -> None:
    """Keep a line whole that WeasyPrint 70 cuts after its first word. Its split_first_line
    takes a text that overflows the line only by its trailing space (the line ends just
    before an inline element, such as a name render.prose marks) for one word too long for
    the line, and keeps only that text's first word on it: 'Semua' / 'pihak memutuskan …
    negeri' / 'Tiongkok …' in the 2020 brief's bottom line. When WeasyPrint has cut a text of
    collapsible spaces after its first word, and the text without its trailing spaces fits
    the line whole, the whole text is the line (a line's trailing space hangs past its end,
    CSS Text 3 §4.1.3), and the inline element after it goes to the next line, as without
    the bug. Wraps weasyprint.layout.inline.split_first_line once per process;
    tests/test_reader.py pins the bottom lines."""
    from weasyprint.layout import inline

    split = inline.split_first_line
    if getattr(split, "keeps_lines_whole", False):
        return

    def split_keeping_lines(
        text: str,
        style: Any,
        context: Any,
        max_width: Any,
        justification_spacing: Any,
        is_line_start: bool = True,
        minimum: bool = False,
    ) -> Any:
        found = split(
            text, style, context, max_width, justification_spacing, is_line_start, minimum
        )
        resume = found[2]
        if resume is None or max_width is None or style["white_space"] != "normal":
            return found
        whole = text.rstrip(" ")
        if whole == text or " " not in whole or " " in text.encode()[:resume].decode().strip():
            return found  # no trailing space, a single word, or more than one word kept
        fits = split(
            whole, style, context, max_width, justification_spacing, is_line_start, minimum
        )
        if fits[2] is not None or fits[3] > max_width:
            return found
        return split(text, style, context, None, justification_spacing, is_line_start, minimum)

    split_keeping_lines.keeps_lines_whole = True  # type: ignore[attr-defined]
    inline.split_first_line = split_keeping_lines
