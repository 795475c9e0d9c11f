"""`briefs draft`, reading: pasted text and saved web pages in, bad input refused with one line,
and the text drafted from a saved page kept in sources/articles/."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefs.cli.commands import main
from briefs.draft.reading import read_source
from briefs.errors import BriefsError
from briefs.read.loader import _Loader

from .conftest import ROOT

CORPUS = ROOT / "tests" / "draft_corpus"
PAGE = CORPUS / "cri-2022-09-15-xi-mirziyoyev.html"

STORY = (
    "<p>Presiden Tiongkok Xi Jinping hari ini (15/9) di Samarkand, Uzbekistan, mengadakan "
    "pembicaraan dengan Presiden Uzbekistan Shavkat Mirziyoyev tentang kerja sama kedua negara.</p>"
    "<p>Kedua pemimpin sepakat untuk memperluas kerja sama yang saling menguntungkan di bidang "
    "perdagangan, energi dan transportasi, serta mempererat persahabatan kedua bangsa.</p>"
)


def page(body: str, head: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">{head}</head>'
        f"<body><nav><a href='/'>Beranda</a> <a href='/dunia'>Dunia</a></nav>"
        f"<article>{body}</article><footer>Hak cipta dilindungi undang-undang.</footer></body></html>"
    )


def test_a_saved_page_gives_its_main_text_and_metadata():
    text, found = read_source(PAGE)
    assert found is not None
    assert found.headline == "Xi Jinping dan Presiden Uzbekistan Mirziyoyev Gelar Pembicaraan"
    assert found.published == dt.date(2022, 9, 15)
    assert text.startswith(found.headline + "\n\n")
    assert "Samarkind" in text and "(15/9)" in text
    for menu in ("Beranda", "Tiongkok-ASEAN", "Video"):
        assert not any(line.strip() == menu for line in text.splitlines())


def test_a_pasted_article_is_read_as_it_is(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Judul Berita Yang Cukup Panjang\n\n" + re.sub("<[^>]+>", "\n", STORY))
    text, found = read_source(path)
    assert found is None
    assert text == path.read_text()


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "photo.txt",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            "a binary file, not an article (text or saved web page)",
        ),
        ("empty.txt", b"", "the file is empty"),
        (
            "notepad.txt",
            re.sub("<[^>]+>", "\n", STORY).encode("utf-16"),
            "UTF-16 text, not UTF-8; save it again as UTF-8",
        ),
        (
            "saved-utf16.html",
            page(STORY).encode("utf-16-le"),
            "UTF-16 text, not UTF-8; save it again as UTF-8",
        ),
        ("blank.html", b"  \n\n", "the file is empty"),
        (
            "front.html",
            page(
                "<ul><li><a href='/a'>Berita satu</a></li><li><a href='/b'>Berita dua</a></li></ul>"
            ).encode(),
            "no article found in this page; save the article's own page, not a front page or a list "
            "of stories",
        ),
        (
            "english.txt",
            b"Xi meets Tokayev in Astana\n\nChinese President Xi Jinping met Kazakh President "
            b"Kassym-Jomart Tokayev in Astana on Wednesday, and the two leaders agreed to expand "
            b"trade and energy cooperation, the foreign ministry in Beijing said in a statement.\n",
            "not an Indonesian article",
        ),
    ],
)
def test_bad_input_one_line_exit_1_nothing_written(tmp_path, monkeypatch, name, content, message):
    monkeypatch.chdir(tmp_path)
    Path(name).write_bytes(content)
    result = CliRunner().invoke(main, ["draft", name, "-o", "draft.yaml"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {name}: {message}")
    assert not Path("draft.yaml").exists()


def test_a_page_without_an_article_logs_nothing_beside_its_error(tmp_path, caplog):
    # trafilatura logs 'discarding data: None' when it finds no main text; the error says it
    path = tmp_path / "front.html"
    path.write_text(page("<ul><li><a href='/a'>Berita satu</a></li></ul>"), encoding="utf-8")
    with caplog.at_level(logging.DEBUG), pytest.raises(BriefsError, match="no article found"):
        read_source(path)
    assert not [r for r in caplog.records if "discarding data" in r.getMessage()]


def test_a_web_address_is_refused_with_the_advice_to_save_the_page(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = "https://www.antaranews.com/berita/1/xi-bertemu-tokayev"
    result = CliRunner().invoke(main, ["draft", url])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {url}: briefs draft does not fetch web pages; save the page from your browser "
        "(Save Page As, 'Web page, HTML only') and draft the saved .html file\n"
    )


def test_a_saved_page_with_o_writes_the_text_drafted_from(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    saved = project_copy / "page.html"
    saved.write_bytes(PAGE.read_bytes())
    result = CliRunner().invoke(main, ["draft", "page.html", "-o", "draft.yaml"])
    assert result.exit_code == 0, result.output
    data = yaml.load((project_copy / "draft.yaml").read_text(), Loader=_Loader)
    article = project_copy / "sources" / "articles" / f"{data['id']}.txt"
    assert data["sources"][0]["article"] == article.name
    assert (
        result.output.splitlines()[0] == f"sources/articles/{article.name}: the text drafted from"
    )
    text = article.read_text(encoding="utf-8")
    assert text == read_source(saved)[0]
    quotes = [
        q
        for section in ("points", "figures")
        for p in data.get(section, [])
        for q in ([p["quote"]] if isinstance(p["quote"], str) else p["quote"])
    ] + [data["lede"]["id"]]
    assert quotes and all(q in text for q in quotes)  # quotes verifiable against it
    assert data["sources"][0]["published"] == "2022-09-15"

    # Drafting the same page again into another file: the same text may stay
    again = CliRunner().invoke(main, ["draft", "page.html", "-o", "again.yaml"])
    assert again.exit_code == 0, again.output
    # A different text under that name is never overwritten, and nothing is written
    article.write_text("an editor's text", encoding="utf-8")
    refused = CliRunner().invoke(main, ["draft", "page.html", "-o", "third.yaml"])
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"error: sources/articles/{article.name} already exists with another text; remove it or "
        "rename the draft's meeting\n"
    )
    assert article.read_text(encoding="utf-8") == "an editor's text"
    assert not (project_copy / "third.yaml").exists()


def test_a_readable_article_without_date_or_place_is_drafted_and_check_refuses_each_mark(
    project_copy, monkeypatch
):
    monkeypatch.chdir(project_copy)
    Path("a.txt").write_text(
        "Menlu Tiongkok Bertemu Menlu Kazakhstan\n\n"
        "Menteri Luar Negeri Tiongkok Wang Yi bertemu Menteri Luar Negeri Kazakhstan Murat "
        "Nurtleu pada hari Senin (4/11) untuk membahas kerja sama kedua negara.\n\n"
        "Kedua pihak sepakat memperluas kerja sama perdagangan dan energi pada tahun depan.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["draft", "a.txt", "-o", "sources/meetings/x.yaml"])
    assert result.exit_code == 0, result.output
    text = Path("sources/meetings/x.yaml").read_text(encoding="utf-8")
    assert "#   - date: year not stated: 2024 is the latest year up to 2025" in text
    assert "date: !check 2024-11-04  # to check: year not stated" in text
    checked = CliRunner().invoke(main, ["check", "sources/meetings/x.yaml"])
    assert checked.exit_code == 1
    marks = [line for line in checked.stderr.splitlines() if "'!check' mark" in line]
    assert len(marks) == text.count(": !check")
    date_line = next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("date:"))
    assert any(
        line.startswith(f"sources/meetings/x.yaml:{date_line}:7: date: not settled by the article")
        for line in marks
    )


def test_a_page_saved_in_its_own_charset_is_read(tmp_path):
    html = page(
        STORY.replace("Samarkand", "Samarkand, kota tua"),
        "<title>Xi dan Mirziyoyev Bertemu di Samarkand</title>",
    )
    path = tmp_path / "latin.html"
    path.write_bytes(html.replace('charset="utf-8"', 'charset="iso-8859-1"').encode("latin-1"))
    text, found = read_source(path)
    assert found is not None and "Shavkat Mirziyoyev" in text
