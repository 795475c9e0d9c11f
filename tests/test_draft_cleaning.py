"""`briefs draft`, cleaning: the story without its page noise."""

from __future__ import annotations

import datetime as dt

import pytest

from briefs.draft.cleaning import is_caption, is_menu, parse_article
from briefs.draft.datelines import read_dateline
from briefs.draft.sentences import split_sentences
from briefs.draft.summary import draft_summary

from .conftest import ROOT

ARTICLES = sorted((ROOT / "sources" / "articles").glob("*.txt"))


# Noise, points and place ---------------------------------------------------------------------

NOISY = """\
Lama Baca 6 Menit

Menlu Bertemu di Astana

Selasa, 21 Mei 2024 11:17:36 WIB

Eko Satrio Wibowo

banner

Menlu A dan Menlu B berjabat tangan (CMG)

Presiden Tiongkok dan Presiden Kazakhstan berjalan bersama. ( Foto: AFP / Fotografer )

Astana, Radio Bharata Online - Menteri Luar Negeri Tiongkok, Wang Yi, pada hari Senin (20/5) bertemu Menteri Luar Negeri Kazakhstan, Murat Nurtleu, di Astana, Kazakhstan.
BACA JUGA: Harga 3 juta dolar AS untuk 7 kapal baru, kata pejabat lain hari ini
1. Kedua belah pihak sepakat memperdalam kerja sama di bidang perdagangan dan energi.

Perdagangan mencapai 41 miliar dolar AS tahun lalu, kata Wang dalam konferensi pers.

2. Kedua pihak memutuskan membuka jalur kereta api ketiga antara kedua negara.

Komentar

Berita Lainnya

Forum Pangan Dunia ke-2 Dibuka di Roma dengan 90 negara peserta dari seluruh dunia

Selasa, 18 Oktober 2022 23:8:41 WIB
"""


def test_noise_is_left_out():
    article = parse_article(NOISY)
    assert (article.headline, article.published, article.author) == (
        "Menlu Bertemu di Astana",
        dt.date(2024, 5, 21),
        "Eko Satrio Wibowo",
    )
    assert (article.dateline, article.publisher) == ("Astana", "Radio Bharata Online")
    body = article.body
    for noise in (
        "Lama Baca",
        "banner",
        "CMG",
        "Foto",
        "BACA JUGA",
        "3 juta",
        "Komentar",
        "Forum Pangan",
        "2022",
    ):
        assert noise not in body
    assert body.startswith("Menteri Luar Negeri Tiongkok, Wang Yi,")
    draft = draft_summary(NOISY, "noisy.txt").summary
    assert [f["value"] for f in draft["figures"]] == [41_000_000_000]
    assert draft["id"] == "2024-05-20-china-kazakhstan-bilateral-talks"
    assert (draft["place"]["city"], draft["place"]["country"]) == ({"id": "Astana", "en": ""}, "KZ")


def test_a_date_in_the_story_is_not_a_dateline():
    article = parse_article(
        "Judul\nPara menteri bertemu pada Senin, 2 Desember 2024 pukul 10.00 WIB di Chengdu untuk membahas kerja sama.\n"
    )
    assert article.published is None
    assert article.body.startswith("Para menteri bertemu pada Senin, 2 Desember 2024")


# Real pages' formats: datelines, captions, bylines, menus --------------------------------------


@pytest.mark.parametrize(
    "opening, place, publisher, agency",
    [
        ("Beijing (ANTARA) - ", "Beijing", None, "ANTARA"),
        ("Kabar24.com, ASTANA - ", "Astana", "Kabar24.com", None),
        ("Suara.com - ", None, "Suara.com", None),
        ("BEIJING – ", "Beijing", None, None),  # en dash
        ("NUR-SULTAN, KOMPAS.TV - ", "Nur-Sultan", "KOMPAS.TV", None),
        ("XI'AN, 19 Mei (Xinhua) -- ", "Xi'an", None, "Xinhua"),  # the day filed, no year
        ("Astana, Radio Bharata Online - ", "Astana", "Radio Bharata Online", None),
    ],
)
def test_datelines_of_real_sites(opening, place, publisher, agency):
    line = opening + "Presiden Tiongkok Xi Jinping bertemu Presiden Kazakhstan di ibu kota."
    dateline = read_dateline(line)
    assert (dateline.place, dateline.publisher, dateline.agency) == (place, publisher, agency)
    assert line[dateline.length :].startswith("Presiden Tiongkok")


def test_a_sentence_with_a_dash_is_not_a_dateline():
    assert read_dateline("Kerja sama itu - kata menteri - terus tumbuh pesat tahun ini.") is None


@pytest.mark.parametrize(
    "line",
    [
        "Presiden Xi Jinping saat menghadiri KTT G20 di Roma, Italia, 30 Oktober 2021. "
        "(ANTARA/Reuters/Guglielmo Mangiapane/aa.)",
        "Xi dan Tokayev berjabat tangan di Astana. (Foto: Xinhua/Li Xueren)",
        "Pertemuan Putin dan Xi di Beijing, Cina, 4 Februari 2022. Sputnik/Aleksey Druzhinin/Kremlin via REUTERS",
        "Presiden Uzbekistan Shavkat Mirziyoyev /Net",
        "Xi Jinping disambut di bandara, 16 Juni 2025. ANTARA FOTO/Xinhua/Ding Lin",
        "Kedua pemimpin berfoto bersama - CMG",
        "Menlu A dan Menlu B berjabat tangan (CMG)",
        "Presiden Jokowi bertemu Xi di Beijing. [Foto: Setpres]",
        "Presiden Xi Jinping menyambut tamunya. Foto: Reuters",
        "Ilustrasi bendera China dan Kazakhstan",
    ],
)
def test_photo_captions_are_set_aside(line):
    assert is_caption(line)
    article = parse_article(
        f"Judul Berita Pertemuan Kedua Presiden\n{line}\n"
        "Beijing (ANTARA) - Presiden Tiongkok Xi Jinping bertemu Presiden Kazakhstan pada Rabu (3/7).\n"
    )
    assert line in article.captions
    assert "Roma" not in article.body and "2021" not in article.body


@pytest.mark.parametrize(
    "line",
    [
        "Kedua negara menjalin hubungan diplomatik pada 1992 (year on year/yoy).",
        "Pemimpin negara anggota Shanghai Cooperation Organization (SCO).",
        "Perdagangan naik 22 persen dibanding tahun lalu, kata menteri (16/7).",
    ],
)
def test_a_story_sentence_ending_in_brackets_is_no_caption(line):
    assert not is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "Beranda  Tiongkok  Internasional  Tiongkok-ASEAN  Video  Budaya",
        "Home > Internasional",
        "Beranda » Internasional",
        "首页 | 新闻 | 印尼 | 中国 | 国际 | Berita Bahasa Indonesia",
    ],
)
def test_menus_are_noise(line):
    assert is_menu(line)


def test_a_page_as_pasted_from_a_browser():
    article = parse_article(
        "Home  News  China\n"
        "Berita\n"
        "Tuesday, May 14, 2024\n"  # the page's clock, not the publication date
        "Xi Jinping dan Presiden Uzbekistan Bertemu di Beijing\n"
        "xi jinping dan presiden uzbekistan bertemu di beijing\n"  # the address slug
        "SENIN, 03 JANUARI 2022 | 07:24 WIB | LAPORAN: RENI ERINA\n"
        "Nyaman tanpa iklan. Langganan BisnisPro sekarang juga\n"
        "Beijing, Bolong.id - Presiden Tiongkok Xi Jinping bertemu Presiden Uzbekistan Shavkat "
        "Mirziyoyev pada Minggu (02/01) di Beijing.Keduanya membahas kerja sama ekonomi.\n"
        "Cek Berita dan Artikel yang lain di Google News\n"
        "Uzbekistan siap memperdalam kerja sama Belt and Road dengan China, kata Mirziyoyev. (rmol)\n"
        "Copyright © 2022 Rakyat Merdeka Online. All Rights Reserved.\n"
    )
    assert article.headline == "Xi Jinping dan Presiden Uzbekistan Bertemu di Beijing"
    assert article.published == dt.date(2022, 1, 3)
    assert (article.dateline, article.publisher) == ("Beijing", "Bolong.id")
    assert [p.text for p in article.paragraphs] == [
        "Presiden Tiongkok Xi Jinping bertemu Presiden Uzbekistan Shavkat Mirziyoyev pada Minggu "
        "(02/01) di Beijing.Keduanya membahas kerja sama ekonomi.",
        "Uzbekistan siap memperdalam kerja sama Belt and Road dengan China, kata Mirziyoyev.",
    ]
    # sentences run together with no space after the full stop are two sentences
    assert split_sentences(article.paragraphs[0].text)[1] == "Keduanya membahas kerja sama ekonomi."


def test_the_story_starts_at_its_dateline():
    article = parse_article(
        "Xi Jinping lakukan kunjungan kenegaraan ke Kazakhstan\n"
        "Presiden China Xi Jinping disambut Presiden Kazakhstan di Nur-Sultan, 14 September 2022 "
        "(ANTARA/Xinhua/Yan Yan\n"  # a caption that lost its closing bracket
        "Nur-Sultan (ANTARA) - Menurut Presiden Xi, kerja sama China-Kazakhstan bertumpu pada "
        "fondasi yang kokoh dan menjanjikan prospek yang luas.\n"
    )
    assert article.dateline == "Nur-Sultan"
    assert article.body.startswith("Menurut Presiden Xi")
    assert "14 September 2022" not in article.body


@pytest.mark.parametrize(
    "byline, published",
    [
        ("Senin, 23/05/2016 12:34 WIB", dt.date(2016, 5, 23)),  # dateparser: day first
        ("Kamis 15 Sep 2022 12:24 WIB", dt.date(2022, 9, 15)),
        ("2024-07-03 20:17:40", dt.date(2024, 7, 3)),
        ("16 June 2025, 09:04 WIB", dt.date(2025, 6, 16)),
        ("(Xinhua) 10:12, 18 Mei 2023", dt.date(2023, 5, 18)),  # an agency's stamp, no zone
    ],
)
def test_bylines_give_the_publication_date(byline, published):
    article = parse_article(
        f"Menlu China Bertemu Menlu Kazakhstan di Astana\n{byline}\n"
        "Kabar24.com, ASTANA - Menteri Luar Negeri China Wang Yi bertemu Menteri Luar Negeri "
        "Kazakhstan Erlan Idrissov pada Senin (23/5) di Astana.\n"
    )
    assert article.published == published
    assert byline not in article.body
