"""`briefs draft`, cleaning: the story without its page noise."""

from __future__ import annotations

import datetime as dt

from briefs.draft import (
    draft_summary,
    parse_article,
)

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
    assert draft["place"] == {"city": {"id": "Astana", "en": ""}, "country": "KZ"}


def test_a_date_in_the_story_is_not_a_dateline():
    article = parse_article(
        "Judul\nPara menteri bertemu pada Senin, 2 Desember 2024 pukul 10.00 WIB di Chengdu untuk membahas kerja sama.\n"
    )
    assert article.published is None
    assert article.body.startswith("Para menteri bertemu pada Senin, 2 Desember 2024")
