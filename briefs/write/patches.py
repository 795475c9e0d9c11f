"""Every patch of another library's internals, in one module: briefs' only such code.

Written for WeasyPrint 70.0, pydyf 0.13.0 and CPython 3.11's ctypes (`WRITTEN_FOR`); each patch
wraps one private name (`ctypes.util._findSoname_ldconfig`, `weasyprint.pdf.tags._build_box_tree`,
`weasyprint.css.CSS` as find_stylesheets sees it, `weasyprint.layout.inline.split_first_line`)
and says so. `BRIEFS_NO_PATCHES=1` switches them all off: WeasyPrint is then imported and run as
it ships (CI runs the PDF tests so, see .ci/run); the PDFs are the same but for the /Lang of
tagged elements (an Indonesian quote in an English brief is then read with the document's
language) and a line WeasyPrint cuts after its first word (keep_lines_whole), and slower to
make. What the quick import and the shared stylesheets save is measured in
benchmarks/RESULTS.md ("Machinery, each piece measured", issue 32); /Lang and keep_lines_whole
are for correctness, not speed."""

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
    share_stylesheets()


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


SHARED_STYLESHEETS = 32
"""Parsed stylesheets kept (the most recently used): a brief's and a digest's are used by every
document; a running head's, by one."""


def share_stylesheets() -> None:
    """Parse each author stylesheet once per process, not once per document: WeasyPrint's
    find_stylesheets makes a CSS object of every <style> element of every page it lays out
    (tinycss2's parse, the selectors compiled, the declarations validated: about a tenth of a
    brief's layout), and every brief and digest starts with the same one (brief.css, and
    digest.css for a digest; the running heads are in a <style> of their own). A sheet parsed
    before is given to the next document again, with the @page rules its parse added to the
    first one's added to this one's; a sheet whose parse adds anything else to its document
    (layers, counter styles, colour profiles) is parsed anew each time. Wraps WeasyPrint's CSS
    class as its find_stylesheets sees it, once per process."""
    import copy

    from weasyprint import css

    parse = css.CSS
    if getattr(parse, "shared", False):
        return
    parsed: dict[tuple[str, str | None, str, int], tuple[Any, list[Any], Any]] = {}

    def shared_css(
        *,
        string: str | None = None,
        page_rules: list[Any] | None = None,
        layers: list[Any] | None = None,
        **options: Any,
    ) -> Any:
        if string is None or page_rules is None or layers is None:
            return parse(string=string, page_rules=page_rules, layers=layers, **options)
        key = (
            string,
            options.get("base_url"),
            options.get("media_type", "print"),
            id(options.get("font_config")),
        )
        found = parsed.pop(key, None)
        if found is not None and found[2] is not options.get("font_config"):
            found = None  # another configuration that happens to have the same id()
        if found is None:
            rules: list[Any] = []
            own_layers: list[Any] = []
            counters: dict[Any, Any] = {}
            profiles: dict[Any, Any] = {}
            sheet = parse(
                string=string,
                page_rules=rules,
                layers=own_layers,
                **{**options, "counter_style": counters, "color_profiles": profiles},
            )
            if own_layers or counters or profiles:  # not shared: parsed as WeasyPrint does
                return parse(string=string, page_rules=page_rules, layers=layers, **options)
            found = (sheet, rules, options.get("font_config"))
        parsed[key] = found  # the most recently used last
        while len(parsed) > SHARED_STYLESHEETS:
            del parsed[next(iter(parsed))]
        sheet, rules, _fonts = found
        page_rules.extend(rules)
        # The document's own lists: WeasyPrint's sheets of one document share them.
        for_document = copy.copy(sheet)
        for_document.page_rules, for_document.layers = page_rules, layers
        return for_document

    shared_css.shared = True  # type: ignore[attr-defined]
    css.CSS = shared_css
