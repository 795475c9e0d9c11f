"""`briefs draft`, people: countries and participants."""

from __future__ import annotations

import pytest

from briefs.draft import (
    countries,
    find_participants,
)

from .conftest import ROOT

ARTICLES = sorted((ROOT / "sources" / "articles").glob("*.txt"))


# Countries and participants ------------------------------------------------------------------


def test_countries_come_from_cldr_and_the_press():
    names = countries()
    assert len(names) > 300  # CLDR in two languages, not a hand-written table
    assert names["Tiongkok"] == names["China"] == "CN"
    assert names["Kirgizstan"] == names["Kirgistan"] == names["Kyrgyzstan"] == "KG"
    assert names["Kazakstan"] == names["Kazakhstan"] == "KZ"
    assert names["Rusia"] == names["Russia"] == "RU"
    assert names["Korea Selatan"] == "KR"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Menteri Luar Negeri Tiongkok, Wang Yi, bertemu pers.",
            [("CN", "Menteri Luar Negeri", "Wang Yi")],
        ),
        (
            "bersama Wakil Perdana Menteri dan Menteri Luar Negeri Kazakhstan, Murat Nurtleu, di Astana.",
            [("KZ", "Wakil Perdana Menteri dan Menteri Luar Negeri", "Murat Nurtleu")],
        ),
        (
            "bersama lima menteri luar negeri dari Kazakhstan (Tileuberdi), Kyrgyzstan (Aidarbekov), dan Uzbekistan (Kamilov) telah",
            [
                ("KZ", "Menteri Luar Negeri", "Tileuberdi"),
                ("KG", "Menteri Luar Negeri", "Aidarbekov"),
                ("UZ", "Menteri Luar Negeri", "Kamilov"),
            ],
        ),
        (
            "Presiden Kazakhstan, Kassym-Jomart, berjalan bersama.",
            [("KZ", "Presiden", "Kassym-Jomart")],
        ),
        (
            "Perdana Menteri Rusia, Mikhail Mishustin, menerima Menteri Perdagangan Tiongkok Wang Wentao di Moskow.",
            [
                ("RU", "Perdana Menteri", "Mikhail Mishustin"),
                ("CN", "Menteri Perdagangan", "Wang Wentao"),
            ],
        ),
        (
            "Duta Besar Uzbekistan, Oybek Usmanov, dan Menlu Tajikistan, Sirojiddin Muhriddin, hadir.",
            [
                ("UZ", "Duta Besar", "Oybek Usmanov"),
                ("TJ", "Menteri Luar Negeri", "Sirojiddin Muhriddin"),
            ],
        ),
        (
            "Xi berbicara kepada pemimpin dari Kazakhstan, Tajikistan dan Kirgistan, pada Selasa.",
            [("KZ", "Pemimpin", None), ("TJ", "Pemimpin", None), ("KG", "Pemimpin", None)],
        ),
        (
            "Di bawah bimbingan Presiden Xi Jinping dan Presiden Kassym-Jomart Tokayev, kedua negara maju.",
            [],
        ),
    ],
)
def test_participants_with_office_and_country(text, expected):
    found = [(p.country, p.office, p.name) for p in find_participants(text)]
    assert found == expected


def test_participant_native_name_and_one_entry_per_person():
    text = (
        "Kamis (16/7/2020), Wang Yi (王毅), Menteri Luar Negeri Tiongkok, bersama Presiden Kazakhstan, "
        "Kassym-Jomart, berjalan. Presiden Kazakstan, Kassym-Jomart Tokayev, berbicara dengan "
        "Menteri Perdagangan Tiongkok, Wang Wentao, dan Menteri Luar Negeri Tiongkok Wang Yi."
    )
    (wang, tokayev, wentao) = find_participants(text)
    assert (wang.name, wang.native_name, wang.country) == ("Wang Yi", "王毅", "CN")
    assert (tokayev.name, tokayev.country) == ("Kassym-Jomart Tokayev", "KZ")
    assert (wentao.name, wentao.office) == ("Wang Wentao", "Menteri Perdagangan")
