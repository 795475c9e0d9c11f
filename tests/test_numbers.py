"""The one number reader (briefs/language/numbers.py), the one gazetteer (briefs/language/gazetteer.py), the
dates of a date quote, and hold_text, the grounding of any bilingual text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from briefs.check.grounding import hold_text
from briefs.check.grounding.facts import stated_dates
from briefs.language import numbers
from briefs.language.gazetteer import VIDEO, cldr_gazetteer, office_twins, role_of
from briefs.summary.fields import Text


def read(text: str, language: str) -> list[tuple]:
    return [
        (str(m.value), m.unit, m.noun, m.qualifier, m.out_of, m.words)
        for m in numbers.mentions(text, language)
    ]


@pytest.mark.parametrize(
    "text, language, expected",
    [
        (
            "perdagangan bilateral mencapai 41 miliar dolar AS (sekitar 657 triliun rupiah)",
            "id",
            [
                ("41000000000", "USD", None, None, None, "41 miliar dolar AS"),
                ("657000000000000", "IDR", None, "about", None, "657 triliun rupiah"),
            ],
        ),
        (
            "Hingga saat ini, 26 dari 45 proyek kerja sama kapasitas",
            "id",
            [("26", None, "proyek kerja sama kapasitas", None, Decimal(45), "26 dari 45")],
        ),
        (
            "lebih dari 40 jenis barang, 5.000 kesempatan, Rp319,82 triliun",
            "id",
            [
                ("40", None, "jenis barang", "more-than", None, "40"),
                ("5000", None, "kesempatan", None, None, "5.000"),
                ("319820000000000", "IDR", None, None, None, "Rp319,82 triliun"),
            ],
        ),
        (
            "US$500 million, IDR 319.82 trillion, five thousand, more than 20 percent",
            "en",
            [
                ("500000000", "USD", None, None, None, "US$500 million"),
                ("319820000000000", "IDR", None, None, None, "IDR 319.82 trillion"),
                ("5000", None, None, None, None, "five thousand"),
                ("20", "percent", None, "more-than", None, "20 percent"),
            ],
        ),
        # dates, clock times, list numbering, 5G and compounds count nothing
        ("Kamis (16/7/2020), 12:41 WIB, jaringan 5G dan G20", "id", []),
        ("2. Semua pihak sepakat", "id", []),
        ("Two-way trade and the one-China principle", "en", []),
        ("satu sama lain, salah satu", "id", []),
        # a year with 'dari' is no total: '2021 dari 460 juta'
        (
            "50,1 miliar dolar AS pada tahun 2021 dari 460 juta dolar AS",
            "id",
            [
                ("50100000000", "USD", None, None, None, "50,1 miliar dolar AS"),
                ("2021", None, "dari", None, None, "2021"),
                ("460000000", "USD", None, None, None, "460 juta dolar AS"),
            ],
        ),
    ],
)
def test_mentions_read_value_scale_unit_noun_qualifier(text, language, expected):
    assert read(text, language) == expected


@pytest.mark.parametrize(
    "text, language, words, value, unit",
    [
        (
            "memasok 55 miliar meter kubik gas",
            "id",
            "55 miliar meter kubik",
            55 * 10**9,
            "volume-cubic-meter",
        ),
        ("supplies 55 bcm of gas", "en", "55 bcm", 55 * 10**9, "volume-cubic-meter"),
        (
            "supplies 55 billion cubic metres",
            "en",
            "55 billion cubic metres",
            55 * 10**9,
            "volume-cubic-meter",
        ),
        (
            "supplies 55 billion cubic meters",
            "en",
            "55 billion cubic meters",
            55 * 10**9,
            "volume-cubic-meter",
        ),
        ("cadangan 2 tcm gas", "en", "2 tcm", 2 * 10**12, "volume-cubic-meter"),
        ("kapasitas 300 juta m3 per tahun", "id", "300 juta m3", 3 * 10**8, "volume-cubic-meter"),
        ("kapasitas 300 juta m³ per tahun", "id", "300 juta m³", 3 * 10**8, "volume-cubic-meter"),
        ("ekspor 1,5 juta ton gandum", "id", "1,5 juta ton", 15 * 10**5, "mass-tonne"),
        (
            "exports of 1.5 million tonnes of wheat",
            "en",
            "1.5 million tonnes",
            15 * 10**5,
            "mass-tonne",
        ),
        ("jalur sepanjang 1.830 kilometer", "id", "1.830 kilometer", 1830, "length-kilometer"),
        ("a 1,830 km line", "en", "1,830 km", 1830, "length-kilometer"),
        ("a 1,830-kilometre line", "en", "1,830-kilometre", 1830, "length-kilometer"),
        ("a 55-bcm pipeline", "en", "55-bcm", 55 * 10**9, "volume-cubic-meter"),
    ],
)
def test_measures_with_their_scale_and_cldr_unit(text, language, words, value, unit):
    (mention,) = numbers.mentions(text, language)
    assert (mention.words, mention.value, mention.unit) == (words, value, unit)


def test_bcm_is_billion_cubic_metres_in_both_languages():
    indonesian = numbers.mentions("Turkmenistan memasok 55 miliar meter kubik gas.", "id")
    for english in ("55 bcm of gas", "55 billion cubic metres of gas"):
        (mention,) = numbers.mentions(english, "en")
        assert numbers.measured_alike(mention, indonesian)
    for other in ("55 billion tonnes of gas", "55 million cubic metres of gas"):
        (mention,) = numbers.mentions(other, "en")
        assert not numbers.measured_alike(mention, indonesian)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Perdagangan mencapai 40 miliar dolar AS pada 2023, naik dari 31 miliar dolar AS"
            " pada 2022.",
            [("40 miliar dolar AS", "2023"), ("31 miliar dolar AS", "2022")],
        ),
        (
            "Perdagangan pada 2023 mencapai 40 miliar dolar AS, naik dari 31 miliar dolar AS"
            " pada 2022.",
            [("40 miliar dolar AS", "2023"), ("31 miliar dolar AS", "2022")],
        ),
        (
            "Pada 2023, nilai perdagangan mencapai 40 miliar dolar AS, lebih tinggi daripada"
            " setahun sebelumnya.",
            [("40 miliar dolar AS", "2023")],
        ),
        (
            "Nilainya naik dari 31 miliar dolar AS pada 2022 menjadi 40 miliar dolar AS pada"
            " tahun 2023.",
            [("31 miliar dolar AS", "2022"), ("40 miliar dolar AS", "2023")],
        ),
        (
            "Ekspor gas 2022 sebesar 31 miliar meter kubik dan pada 2023 sebesar 40 miliar"
            " meter kubik.",
            [("31 miliar meter kubik", "2022"), ("40 miliar meter kubik", "2023")],
        ),
        ("Sebanyak 12 proyek sudah selesai.", [("12", None)]),
    ],
)
def test_each_value_is_tied_to_the_nearest_year_of_its_phrase(text, expected):
    tied = [(m.words, y.words if y else None) for m, y in numbers.years_of(text, "id")]
    assert tied == expected


def test_ordinals_and_collectives():
    sixth = [(m.value, m.ordinal) for m in numbers.mentions("6th, sixth, a six-point plan", "en")]
    assert sixth == [(6, True), (6, True), (6, False)]
    indonesian = numbers.mentions(
        "pertemuan keenam, perdana, kelima negara, kedua belah pihak, dua puluh lima", "id"
    )
    assert [(m.value, m.ordinal) for m in indonesian] == [
        (6, True),
        (1, True),
        (5, False),  # 'kelima negara' is 'the five countries'
        (2, False),  # 'kedua belah pihak' is 'both sides'
        (25, False),
    ]


@pytest.mark.parametrize(
    "text, language, expected",
    [
        # a currency word and the country whose currency it is; a CLDR sign of one currency
        (
            "obligasi 1 miliar dolar Singapura",
            "id",
            [("1000000000", "SGD", "1 miliar dolar Singapura")],
        ),
        ("hibah 5 juta dolar AS", "id", [("5000000", "USD", "5 juta dolar AS")]),
        ("dana HK$5 juta", "id", [("5000000", "HKD", "HK$5 juta")]),
        # an Indonesian page quoting an English scale
        ("mencapai US$41 billion", "id", [("41000000000", "USD", "US$41 billion")]),
        # digits glued to a word by a hyphen are no number
        ("pandemi COVID-19 dan KTT G20", "id", []),
    ],
)
def test_currency_by_country_sign_and_scale(text, language, expected):
    found = [(str(m.value), m.unit, m.words) for m in numbers.mentions(text, language)]
    assert found == expected


def test_numerals_say_ordinal_and_group():
    read = [
        (n.value, n.ordinal, n.collective)
        for n in numbers.numerals("KTT kedua, kelima negara, keduanya, tiga proyek", "id")
    ]
    assert read == [(2, True, False), (5, False, True), (2, False, True), (3, False, False)]


def test_gazetteer_countries_cities_offices():
    gazetteer = cldr_gazetteer()
    assert gazetteer.country_of("Chengdu") == "CN"  # the shipped vocabulary
    assert gazetteer.country_of("Almaty") == "KZ"  # a CLDR exemplar city
    assert gazetteer.country_of("Kazakstan") == "KZ"  # a press spelling
    assert gazetteer.country_of("Samudra") is None
    assert gazetteer.countries_in("Menteri Luar Negeri Kirgistan, Kulubaev") == [(20, "KG")]
    assert {"Menlu", "Foreign Minister"} <= gazetteer.entity("Menteri Luar Negeri")
    assert "KTT" in gazetteer.entity("Konferensi Tingkat Tinggi")
    assert "deputy prime minister and foreign minister" in office_twins(
        "Wakil Perdana Menteri dan Menteri Luar Negeri"
    )
    assert role_of("Presiden") == {"head-of-state"}
    assert VIDEO.search("melalui konferensi video") and not VIDEO.search("di kota Chengdu")


def test_dates_of_a_date_quote():
    published = dt.date(2024, 12, 2)
    assert stated_dates("pada hari Minggu (1/12)", published, dt.date(2024, 12, 1)) == [
        dt.date(2024, 12, 1)
    ]
    # a missing year before the publication's turn of the year: the weekday decides
    assert stated_dates("Selasa (31/12)", dt.date(2025, 1, 2), dt.date(2024, 12, 31)) == [
        dt.date(2024, 12, 31)
    ]
    assert stated_dates("Senin, 20 Mei 2024 dan Kamis (16/7/2020)", None, dt.date(2024, 5, 20)) == [
        dt.date(2020, 7, 16),
        dt.date(2024, 5, 20),
    ]


def test_the_gazetteer_names_each_zone_city_as_babel_does_from_the_zone_name():
    """cldr_gazetteer hands Babel a time zone by its name alone (no pytz zone loaded): the city
    names are those Babel gives for the zone's name as a string, for every zone of CLDR."""
    from babel.core import get_global
    from babel.dates import get_timezone_location

    from briefs.language.gazetteer import _Zone

    zones = [z for z in sorted(get_global("zone_territories")) if "/" in z]
    zones = [z for z in zones if not z.startswith(("Etc/", "SystemV/", "US/"))]
    assert len(zones) > 300
    for language in ("id", "en"):
        assert [get_timezone_location(_Zone(z), language, return_city=True) for z in zones] == [
            get_timezone_location(z, language, return_city=True) for z in zones
        ]


def test_hold_text_holds_any_bilingual_text_to_its_quotes():
    gazetteer = cldr_gazetteer()
    quotes = ["Kedua belah pihak sepakat memperkuat kerja sama energi nuklir dengan Kazakhstan."]
    faithful = Text(
        id="Kedua pihak sepakat memperkuat kerja sama energi nuklir dengan Kazakhstan.",
        en="The two sides agreed to strengthen nuclear energy cooperation with Kazakhstan.",
    )
    assert hold_text(faithful, quotes, gazetteer, ("takeaways", 0, "text")) == []
    wrong = Text(
        id="Kedua pihak tidak sepakat memperkuat kerja sama energi nuklir dengan Rusia.",
        en="The two sides did not agree to strengthen solar energy cooperation with Russia.",
    )
    found = {
        (f.loc, f.message, f.warning)
        for f in hold_text(wrong, quotes, gazetteer, ("takeaways", 0, "text"))
    }
    assert (("takeaways", 0, "text", "id"), "'Rusia' is not in the text's quotes", False) in found
    assert any(loc[-1] == "id" and "negation" in message for loc, message, _ in found)
    assert (
        ("takeaways", 0, "text", "en"),
        "'solar' has no twin in the Indonesian text",
        True,
    ) in found


def test_a_readers_file_may_name_countries():
    from briefs.distribute.readers import Reader

    reader = Reader(
        name="Ana",
        email="ana@example.org",
        language="id",
        countries=["Kazakhstan", "Tiongkok", "UZ"],
    )
    assert reader.countries == ("KZ", "CN", "UZ")
    with pytest.raises(ValueError, match="'Narnia' is not an ISO 3166"):
        Reader(name="Ana", email="ana@example.org", language="id", countries=["Narnia"])


def test_anniversaries_are_the_ordinals_after_their_word():
    text = "Pada peringatan ke-70 berdirinya RRT dan HUT keenam puluh, pertemuan keenam digelar."
    found = [(text[start : n.end], n.value) for start, n in numbers.anniversaries(text)]
    assert found == [("peringatan ke-70", 70), ("HUT keenam puluh", 60)]
