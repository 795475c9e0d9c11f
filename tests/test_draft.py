"""`briefs draft`: each pattern family on examples beyond the seed articles, the drafts of the
seed articles against `briefs check`, and the evaluation against the hand-written summaries."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from babel.numbers import format_decimal
from click.testing import CliRunner

from briefs.cli import main
from briefs.draft import (
    DateMention,
    countries,
    draft_summary,
    find_dates,
    find_figures,
    find_participants,
    find_period,
    find_points,
    parse_article,
    read_article,
    resolve,
)
from briefs.loader import _Loader
from briefs.validate import numbers_in

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


# Figures -------------------------------------------------------------------------------------


def figure(sentence: str, reference=dt.date(2024, 5, 21)):
    (found,) = find_figures(sentence, reference)
    return found


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("perdagangan melonjak menjadi 50,1 miliar dolar AS pada tahun 2021", "50100000000", "USD"),
        ("bantuan senilai 460 juta dolar AS", "460000000", "USD"),
        ("investasi senilai Rp5,2 triliun", "5200000000000", "IDR"),
        ("investasi sebesar Rp. 12,75 triliun", "12750000000000", "IDR"),
        ("pinjaman US$1,5 miliar", "1500000000", "USD"),
        ("kontrak 2 milyar dolar Amerika Serikat", "2000000000", "USD"),
        ("perdagangan 500 juta yuan", "500000000", "CNY"),
        ("anggaran 2 miliar tenge", "2000000000", "KZT"),
        ("obligasi 1 miliar dolar Singapura", "1000000000", "SGD"),
        ("hibah 300 juta euro", "300000000", "EUR"),
        ("ekonomi tumbuh 5,05 persen", "5.05", "percent"),
        ("inflasi naik 12,5%", "12.5", "percent"),
        ("sebanyak 7,5 ribu ton gandum", "7500", "count"),
        ("menawarkan 5.000 kesempatan seminar", "5000", "count"),
        ("mengirim 1.250.000 dosis vaksin", "1250000", "count"),
    ],
)
def test_amounts_are_exact_decimals(sentence, value, unit):
    found = figure(sentence)
    assert isinstance(found.value, Decimal)
    assert (str(found.value), found.unit) == (value, unit)


def test_equivalent_and_year_from_tahun_lalu():
    found = figure(
        "perdagangan bilateral mencapai 41 miliar dolar AS (sekitar 657 triliun rupiah) tahun lalu"
    )
    assert (found.value, found.unit, found.year) == (41_000_000_000, "USD", 2023)
    assert found.equivalent == {"value": 657_000_000_000_000, "unit": "IDR", "qualifier": "about"}
    assert found.label == "Perdagangan bilateral"


@pytest.mark.parametrize(
    "sentence, value, qualifier, noun",
    [
        (
            "Saat ini, lebih dari 10.000 pelajar Kazakhstan belajar di Tiongkok",
            10000,
            "more-than",
            "pelajar Kazakhstan",
        ),
        ("setidaknya 300 mahasiswa hadir", 300, "at-least", "mahasiswa"),
        ("kurang dari 2 persen warga", 2, "less-than", None),
        ("hampir 1.200 relawan datang", 1200, "about", "relawan"),
        ("mengangkut lebih dari 40 jenis barang", 40, "more-than", "jenis barang"),
        ("Sebanyak 26 pasang provinsi dan kota kembar telah dibentuk", 26, None, "pasang provinsi"),
    ],
)
def test_qualifiers_and_counted_nouns(sentence, value, qualifier, noun):
    found = figure(sentence)
    assert (found.value, found.qualifier, found.noun) == (value, qualifier, noun)


@pytest.mark.parametrize(
    "sentence, lower, upper, unit",
    [
        ("perdagangan antara 5 dan 7 miliar dolar AS", 5_000_000_000, 7_000_000_000, "USD"),
        ("pertumbuhan sebesar 3-4 persen", 3, 4, "percent"),
        ("menerima 10 hingga 15 ribu pelajar", 10_000, 15_000, "count"),
    ],
)
def test_ranges_keep_both_ends(sentence, lower, upper, unit):
    found = figure(sentence)
    assert (found.lower, found.value, found.unit, found.qualifier) == (lower, upper, unit, "up-to")


def test_out_of_and_period():
    found = figure(
        "Hingga saat ini, 26 dari 45 proyek kerja sama kapasitas telah selesai, di sektor tambang"
    )
    assert (found.value, found.out_of, found.noun, found.period) == (
        26,
        45,
        "proyek",
        "hingga saat ini",
    )
    # the quote shows the period too: briefs check holds a figure's period to its quotes
    assert found.quote == "Hingga saat ini, 26 dari 45 proyek kerja sama kapasitas telah selesai"
    assert figure("China yang berbatasan dengan tiga dari lima negara Asia Tengah").out_of == 5


def test_a_period_phrase_dates_figures_and_is_not_one():
    sentence = "Dalam tiga tahun ke depan, China akan memberikan bantuan senilai 500 juta dolar AS dan menawarkan 5.000 kesempatan seminar"
    money, places = find_figures(sentence, None)
    assert (money.value, places.value) == (500_000_000, 5000)
    assert money.period == places.period == "dalam tiga tahun ke depan"
    assert (money.year, places.year) == (None, None)
    both = find_figures(
        "melonjak menjadi 50,1 miliar dolar AS pada tahun 2021 dari 460 juta dolar AS pada tahun 1992",
        None,
    )
    assert [(f.value, f.year) for f in both] == [(50_100_000_000, 2021), (460_000_000, 1992)]
    assert both[0].label == both[1].label


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("Kazakhstan telah mendirikan lima Institut Konfusius", 5),  # object of a verb
        ("menghubungkan kota di lima negara Asia Tengah", 5),  # after 'di'
        ("menyelesaikan dua puluh lima proyek", 25),
        ("mencapai target tujuh tahun lebih cepat dari jadwal", 7),  # a duration
        ("peringatan ke-70 berdirinya Republik Rakyat Tiongkok", 70),  # an anniversary
    ],
)
def test_spelled_out_numbers_that_are_figures(sentence, value):
    assert figure(sentence).value == value


@pytest.mark.parametrize(
    "sentence",
    [
        "bertemu dengan lima menteri luar negeri",  # a group, not a quantity
        "kepada lima negara untuk mendukung program",
        "bersama-sama menindak tiga tindakan ini",  # pointing back
        "menjaga hubungan satu sama lain",
        "jaringan 5G dan G20 pada Kamis (16/7/2020) pukul 12:41 WIB",
        "KTT berikutnya di Kazakhstan pada tahun 2025",
        "Forum Pangan Dunia ke-2 dibuka",
        "pandemi COVID-19 melanda",
        "selama 30 tahun terakhir kerja sama berkembang",
    ],
)
def test_not_figures(sentence):
    assert find_figures(sentence, dt.date(2024, 5, 21)) == []


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


def test_points_from_numbered_items_agreements_lists_and_speakers():
    article = parse_article(
        "Judul\n"
        "Chengdu, Kantor Berita - Menteri Luar Negeri Tiongkok, Wang Yi, mengatakan pertemuan tersebut mencapai "
        "lima konsensus, termasuk mematuhi kepemimpinan kepala negara, memperkuat mekanisme kerja sama, "
        "dan mempromosikan perdagangan, investasi, dan pertambangan hijau.\n"
        "Tiongkok dan Asia Tengah pada hari Minggu (1/12) berjanji untuk melanjutkan pelaksanaan hasil KTT pertama.\n"
        '"Kita harus mempercepat pengembangan kekuatan produksi berkualitas baru," kata Wang, yang juga anggota Biro Politik.\n'
        "Para ahli mengatakan kedua kawasan perlu mempercepat kerja sama perdagangan digital sekarang.\n"
        "1. Semua pihak sepakat bahwa pembangunan dan kemakmuran adalah untuk kepentingan bersama.\n"
        "Sejak berdirinya hubungan diplomatik 28 tahun yang lalu, kerja sama telah berkembang pesat.\n"
        "2. Mendorong semua pihak untuk memperluas kerja sama yang saling menguntungkan.\n"
        "Semua pihak telah memutuskan untuk membangun mekanisme pertemuan menteri luar negeri tahunan.\n"
    )
    points = find_points(article, find_participants(article.body))
    assert [(p.text, p.quote, p.attributed_to) for p in points] == [
        (
            "Mematuhi kepemimpinan kepala negara.",
            [
                "pertemuan tersebut mencapai lima konsensus, termasuk",
                "mematuhi kepemimpinan kepala negara",
            ],
            None,
        ),
        (
            "Memperkuat mekanisme kerja sama.",
            [
                "pertemuan tersebut mencapai lima konsensus, termasuk",
                "memperkuat mekanisme kerja sama",
            ],
            None,
        ),
        (
            "Mempromosikan perdagangan, investasi, dan pertambangan hijau.",
            [
                "pertemuan tersebut mencapai lima konsensus, termasuk",
                "mempromosikan perdagangan, investasi, dan pertambangan hijau",
            ],
            None,
        ),
        (
            "Tiongkok dan Asia Tengah pada hari Minggu (1/12) berjanji untuk melanjutkan pelaksanaan hasil KTT pertama.",
            [
                "Tiongkok dan Asia Tengah pada hari Minggu (1/12) berjanji untuk melanjutkan pelaksanaan hasil KTT pertama."
            ],
            None,
        ),
        (
            "Kita harus mempercepat pengembangan kekuatan produksi berkualitas baru.",
            [
                'Kita harus mempercepat pengembangan kekuatan produksi berkualitas baru," kata Wang, yang juga anggota Biro Politik.'
            ],
            "Wang Yi",
        ),
        (
            "Semua pihak sepakat bahwa pembangunan dan kemakmuran adalah untuk kepentingan bersama.",
            [
                "Semua pihak sepakat bahwa pembangunan dan kemakmuran adalah untuk kepentingan bersama."
            ],
            None,
        ),
        (
            "Mendorong semua pihak untuk memperluas kerja sama yang saling menguntungkan.",
            [
                "Mendorong semua pihak untuk memperluas kerja sama yang saling menguntungkan.",
                "Semua pihak telah memutuskan untuk membangun mekanisme pertemuan menteri luar negeri tahunan.",
            ],
            None,
        ),
    ]


def test_a_date_in_the_story_is_not_a_dateline():
    article = parse_article(
        "Judul\nPara menteri bertemu pada Senin, 2 Desember 2024 pukul 10.00 WIB di Chengdu untuk membahas kerja sama.\n"
    )
    assert article.published is None
    assert article.body.startswith("Para menteri bertemu pada Senin, 2 Desember 2024")


def test_the_datelines_city_when_the_story_names_no_place():
    text = "Judul\nBeijing, Kantor Berita - Presiden Tiongkok, Xi Jinping, menerima Presiden Kazakhstan, Kassym-Jomart Tokayev, Rabu (11/9/2019).\n"
    draft = draft_summary(text, "a.txt")
    assert draft.summary["place"] == {"city": {"id": "Beijing", "en": ""}, "country": "CN"}
    assert draft.notes[0] == "place.country: not stated; the first participant's (CN)"


@pytest.mark.parametrize(
    "sentence, place",
    [
        (
            "Para menteri mengadakan konferensi video pada Kamis (16/7/2020) untuk pertama kalinya.",
            {"online": True},
        ),
        (
            "Pertemuan digelar secara virtual pada Kamis (16/7/2020) oleh kedua menteri luar negeri.",
            {"online": True},
        ),
        (
            "Pembicaraan berlangsung di Tashkent, Uzbekistan, pada Kamis (16/7/2020) siang.",
            {"city": {"id": "Tashkent", "en": ""}, "country": "UZ"},
        ),
        (
            "Pertemuan diadakan pada Kamis (16/7/2020) di kota Xi'an di barat laut Tiongkok.",
            {"city": {"id": "Xi'an", "en": ""}, "country": "CN"},
        ),
    ],
)
def test_place_or_online(sentence, place):
    text = f"Judul\nPresiden Tiongkok, Xi Jinping, dan Presiden Uzbekistan, Shavkat Mirziyoyev, bertemu.\n{sentence}\n"
    assert draft_summary(text, "a.txt").summary["place"] == place


# The seed articles: drafts that `briefs check` accepts once English is written ----------------


def english_placeholder(indonesian: str) -> str:
    """What an editor's English would state: the Indonesian text's numbers, written in English,
    and its names (capitalised words after the first), kept as they are."""
    numbers = [
        n if isinstance(n, str) else format_decimal(n, locale="en_001")
        for n in numbers_in(indonesian, "id")
    ]
    words = re.findall(r"\b[^\W\d_][\w'’-]*", indonesian)[1:]
    names = [w for w in words if not w.islower() and not any(c.isdigit() for c in w)]
    return " ".join(["translated:", *names, *numbers])


def fill_english(node):
    if isinstance(node, dict):
        if node.get("en") == "" and isinstance(node.get("id"), str):
            node["en"] = english_placeholder(node["id"])
        for value in node.values():
            fill_english(value)
    elif isinstance(node, list):
        for value in node:
            fill_english(value)
    return node


def check(root: Path, path: Path):
    return CliRunner().invoke(main, ["--root", str(root), "check", str(path)])


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_draft_of_a_seed_article_passes_check_once_english_is_written(
    project_copy, article, monkeypatch
):
    monkeypatch.chdir(project_copy)
    text = article.read_text(encoding="utf-8")
    draft = draft_summary(text, article.name)
    yaml_text = draft.to_yaml()
    for path in (project_copy / "sources" / "meetings").glob("*.yaml"):
        path.unlink()
    target = Path("sources/meetings") / f"{draft.meeting_id}.yaml"
    target.write_text(yaml_text, encoding="utf-8")

    refused = check(project_copy, target)
    assert refused.exit_code == 1
    problems = refused.stderr.splitlines()
    empty = yaml_text.count("en: ''  # to write: English")
    assert problems[-1] == f"{empty} problem(s) found"
    for line in problems[:-1]:
        assert re.fullmatch(
            rf"{re.escape(str(target))}:\d+:\d+: [\w.\[\]]+: the English text \('en'\) is empty",
            line,
        )

    data = fill_english(yaml.load(yaml_text, Loader=_Loader))
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    accepted = check(project_copy, target)
    assert accepted.exit_code == 0, accepted.output
    assert accepted.stdout == "1 summaries OK\n"
    # A placeholder carries no stance ("will", "wish to"): warnings only, which --strict refuses.
    assert all(": warning: " in line for line in accepted.stderr.splitlines()), accepted.stderr


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_every_quote_is_an_exact_substring_of_the_article(article):
    text = article.read_text(encoding="utf-8")
    summary = draft_summary(text, article.name).summary
    quotes = [
        q
        for section in ("points", "figures")
        for item in summary.get(section, [])
        for q in ([item["quote"]] if isinstance(item["quote"], str) else item["quote"])
    ]
    assert quotes
    for quote in quotes:
        assert quote in text


def test_figure_values_are_written_exactly():
    path = ROOT / "sources" / "articles" / "2022-01-25-china-central-asia-summit.txt"
    text = draft_summary(read_article(path), path.name).to_yaml()
    assert "  value: 50100000000\n" in text
    data = yaml.load(text, Loader=_Loader)
    assert [f["value"] for f in data["figures"] if f["unit"] == "USD"] == [
        50100000000,
        460000000,
        500000000,
    ]


# The evaluation --------------------------------------------------------------------------------


def load_evaluation():
    spec = importlib.util.spec_from_file_location("draft_eval", ROOT / "scripts" / "draft_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_evaluation_meets_the_targets():
    draft_eval = load_evaluation()
    evaluation = draft_eval.evaluate(ROOT)
    assert evaluation.meetings == 5
    assert evaluation.wrong_dates == []
    for kind in ("figures", "participants"):
        score = evaluation.scores[kind]
        assert score.recall >= 0.9 and score.precision >= 0.9, (kind, score)
    assert evaluation.missed() == []
    assert draft_eval.report(evaluation).splitlines()[-1] == "targets met"


def test_evaluation_counts_a_wrong_figure_against_precision_and_recall():
    draft_eval = load_evaluation()
    score = draft_eval.Score()
    score.add(
        [{"value": Decimal(5), "unit": "count"}],
        [type("F", (), {"value": Decimal(6), "unit": "count"})()],
        draft_eval._same_figure,
    )
    assert (score.precision, score.recall) == (0, 0)


# The command ---------------------------------------------------------------------------------

SEED = ROOT / "sources" / "articles" / "2020-07-16-china-central-asia-foreign-ministers.txt"


def test_draft_command_writes_yaml_to_stdout():
    result = CliRunner().invoke(main, ["draft", str(SEED)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "# Draft written by `briefs draft` from 2020-07-16-china-central-asia-foreign-ministers.txt."
    )
    data = yaml.load(result.output, Loader=_Loader)
    assert data["id"] == "2020-07-16-china-central-asia-foreign-ministers"
    assert data["place"] == {"online": True}


def test_draft_command_writes_a_new_file_and_never_overwrites(tmp_path):
    out = tmp_path / "draft.yaml"
    first = CliRunner().invoke(main, ["draft", str(SEED), "-o", str(out)])
    assert first.exit_code == 0, first.output
    assert out.read_text(encoding="utf-8") == CliRunner().invoke(main, ["draft", str(SEED)]).output
    assert "English texts to write" in first.output
    out.write_text("an editor's work", encoding="utf-8")
    second = CliRunner().invoke(main, ["draft", str(SEED), "-o", str(out)])
    assert second.exit_code == 1
    assert second.stderr == f"error: {out} already exists; choose another file or remove it\n"
    assert out.read_text(encoding="utf-8") == "an editor's work"


def test_draft_command_missing_article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["draft", "nothing.txt"])
    assert result.exit_code == 1
    assert result.stderr == "error: nothing.txt: no such article\n"
