"""A word longer than any line (a pasted run of letters with no space) is broken across lines,
on the page, not run off it, and laid out a line at a time (render.break_long_words gives it
break opportunities; brief.css breaks what still overflows)."""

from __future__ import annotations

import re
from dataclasses import replace

from pypdf import PdfReader

from briefs.build.builder import Builder
from briefs.check.validate import load_summaries
from briefs.project import open_project
from briefs.render.digest import make_digest
from briefs.render.renderer import LONG_WORD, WORD_PIECE, break_long_words

from .conftest import MEETING


def test_pages_without_long_words_are_left_as_they_are():
    page = '<p class="x">A line of words, &amp; an entity.</p><style>a { b: c }</style>'
    assert break_long_words(page) is page
    near = "y" * (LONG_WORD - 1)
    assert break_long_words(f"<p>{near}</p>") == f"<p>{near}</p>"


def test_a_long_run_gets_a_break_opportunity_every_piece():
    run = "x" * (WORD_PIECE * 5) + "&amp;" + "x" * (WORD_PIECE - 1)
    attribute = "z" * 100
    page = (
        f"<title>{'t' * 100}</title><style>{'s' * 100}</style>"
        f'<p title="{attribute}">{run} after</p>'
    )
    broken = break_long_words(page)
    assert broken.startswith(
        f'<title>{"t" * 100}</title><style>{"s" * 100}</style><p title="{attribute}">'
    )
    pieces = broken.split(f'"{attribute}">')[1].removesuffix(" after</p>").split("<wbr>")
    assert pieces == ["x" * WORD_PIECE] * 5 + ["&amp;" + "x" * (WORD_PIECE - 1)]


def test_a_word_longer_than_a_line_is_broken_on_the_page(project_copy):
    """`check` refuses such a word (project.MAX_WORD); the layout stays safe all the same, for
    a meeting given to the renderer unchecked."""
    word = "x" * 10_000
    project = open_project(project_copy)
    loaded = load_summaries(project)
    assert not loaded.problems, loaded.problems
    documents = [
        replace(
            d,
            value=d.meeting.model_copy(
                update={"title": d.meeting.title.model_copy(update={"en": f"First {word}"})}
            ),
        )
        if d.meeting.id == MEETING
        else d
        for d in loaded.documents
    ]
    (document,) = [d for d in documents if d.meeting.id == MEETING]
    builder = Builder(project)
    (pdf,) = builder.build(document, "en", ("pdf",))
    digest = make_digest([d.meeting for d in documents], loaded.vocabulary, year=2020)
    (digest_pdf,) = builder.write_digest(digest, "en", ("pdf",))
    for path in (pdf, digest_pdf):
        lines = [
            line
            for page in PdfReader(path).pages
            for line in (page.extract_text() or "").replace("\u200b", "").splitlines()
        ]
        # all of it on the pages (a page's running heads may fall between its pieces)
        assert sum(map(len, re.findall("x{10,}", "".join(lines)))) >= len(word), path
        assert max(map(len, lines)) < 120, path  # broken into lines that fit the page
