"""`briefs draft`, dates: the meeting's date, the publication date and periods."""

from __future__ import annotations

import datetime as dt

import pytest

from briefs.draft import (
    DateMention,
    find_dates,
    find_period,
    parse_article,
    resolve,
)

from .conftest import ROOT

ARTICLES = sorted((ROOT / "sources" / "articles").glob("*.txt"))


# Dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dateline, published",
    [
        ("Senin, 2 Desember 2024 15:38:30 WIB", dt.date(2024, 12, 2)),
        ("18 July 2020, 12:41 WIB", dt.date(2020, 7, 18)),
        ("Unggul Wirawan / JAI Jumat, 13 September 2019 | 13:17 WIB", dt.date(2019, 9, 13)),
        ("Rabu, 7 Agustus 2024 09:05 WITA", dt.date(2024, 8, 7)),
        ("Kamis, 3 Mar 2022 - 10:00 WIB", dt.date(2022, 3, 3)),
        ("Selasa, 14 Februari 2023 | 21.30 WIB", dt.date(2023, 2, 14)),
    ],
)
def test_publication_date_from_the_dateline(dateline, published):
    article = parse_article(
        f"Judul Berita\n{dateline}\nJakarta, Kantor Berita - Isi berita yang cukup panjang untuk satu paragraf.\n"
    )
    assert article.published == published
    assert article.headline == "Judul Berita"


@pytest.mark.parametrize(
    "text, reference, expected",
    [
        ("pada Kamis (16/7/2020) waktu setempat", None, dt.date(2020, 7, 16)),
        ("pada hari Minggu (1/12) di Chengdu", dt.date(2024, 12, 2), dt.date(2024, 12, 1)),
        ("Senin (30/12) lalu", dt.date(2025, 1, 2), dt.date(2024, 12, 30)),  # across the new year
        ("pada 16 Juli 2020", None, dt.date(2020, 7, 16)),
        ("Rabu, 6 Maret, di Beijing", dt.date(2024, 3, 8), dt.date(2024, 3, 6)),
        ("pada 9 Oktober", dt.date(2023, 10, 10), dt.date(2023, 10, 9)),
        ("Jumat (3/11/23)", None, dt.date(2023, 11, 3)),
    ],
)
def test_meeting_date_resolved_from_the_publication_date(text, reference, expected):
    (mention,) = find_dates(text)
    assert resolve(mention, reference, []) == expected


def test_missing_publication_date_from_the_weekday_and_the_years_named():
    # No dateline: 25 January fell on a Tuesday in 2011, 2022 and 2028; the article names 2021.
    mention = DateMention(25, 1, None, 1, 0, 0)
    assert resolve(mention, None, [1992, 2021]) == dt.date(2022, 1, 25)
    assert resolve(DateMention(25, 1, None, None, 0, 0), None, [2021]) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "kunjungan dari Selasa (10/9) hingga Kamis (12/9)",
            (dt.date(2019, 9, 10), dt.date(2019, 9, 12)),
        ),
        (
            "berlangsung 14-16 Oktober 2023 di Astana",
            (dt.date(2023, 10, 14), dt.date(2023, 10, 16)),
        ),
        ("dari 28 Mei sampai 1 Juni 2024", (dt.date(2024, 5, 28), dt.date(2024, 6, 1))),
    ],
)
def test_period_of_several_days(text, expected):
    assert find_period(text, dt.date(2019, 9, 13), []) == expected
