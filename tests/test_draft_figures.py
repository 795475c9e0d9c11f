"""`briefs draft`, figures: money, percentages and counts."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from briefs.draft.amounts import Equivalent
from briefs.draft.cleaning import parse_article
from briefs.draft.figures import find_figures

from .conftest import ROOT

ARTICLES = sorted((ROOT / "sources" / "articles").glob("*.txt"))


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
    assert found.equivalent == Equivalent(Decimal(657_000_000_000_000), "IDR", "about")
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
        "CIIE ke-7 dibuka di Shanghai",  # an ordinal
        "kota tuan rumah World Expo pada 2017",  # a year
    ],
)
def test_not_figures(sentence):
    assert find_figures(sentence, dt.date(2024, 5, 21)) == []


@pytest.mark.parametrize(
    "sentence, value, unit, equivalent",
    [
        (  # '$' alone is the US dollar; 'atau setara' gives the rupiah equivalent
            "perdagangan mencapai $70 miliar atau setara Rp1.046,12 triliun",
            "70000000000",
            "USD",
            Equivalent(Decimal("1046120000000000"), "IDR"),
        ),
        (  # the equivalent in brackets, after a symbol
            "perdagangan mencapai $70 miliar (Rp1.046,12 triliun) pada 2023",
            "70000000000",
            "USD",
            Equivalent(Decimal("1046120000000000"), "IDR"),
        ),
        (
            "investasi mencapai 41 miliar dolar AS, setara dengan Rp 650 triliun",
            "41000000000",
            "USD",
            Equivalent(Decimal("650000000000000"), "IDR"),
        ),
    ],
)
def test_money_with_its_rupiah_equivalent(sentence, value, unit, equivalent):
    found = figure(sentence)
    assert (str(found.value), found.unit, found.equivalent) == (value, unit, equivalent)


def test_counts_with_thousands_separators():
    (companies, countries) = find_figures(
        "Pameran itu diikuti 7.700 perusahaan dari 129 negara.", None
    )
    assert (companies.value, companies.noun) == (Decimal(7700), "perusahaan")
    assert (countries.value, countries.noun) == (Decimal(129), "negara")


@pytest.mark.parametrize(
    "sentence",
    [
        "KTT ini digelar sekali dalam dua tahun",  # a pair of years: when, not how much
        "hanya dua hari setelah referendum nasional",
        "kembali ke negara itu setelah lima tahun",
        "Xi menawarkan dua jalur kerja sama energi",  # a pair
        "impor gas selama 11 bulan pertama tahun 2022",  # a period, dating other figures
        "mencetak rekor (1 dolar = Rp14.875) pada perdagangan",  # the exchange rate used
    ],
)
def test_time_telling_durations_pairs_and_rates_are_not_figures(sentence):
    assert find_figures(sentence, None) == []


@pytest.mark.parametrize(
    "sentence, value, unit, noun",
    [
        ("nilai perdagangan mencapai USD70 miliar tahun lalu", "70000000000", "USD", None),
        ("negara berpenduduk enam juta orang itu kaya gas", "6000000", "count", "orang"),
        ("target dicapai dalam waktu tiga tahun", "3", "count", "tahun"),
    ],
)
def test_amounts_the_press_writes_in_other_ways(sentence, value, unit, noun):
    found = figure(sentence)
    assert (str(found.value), found.unit, found.noun) == (value, unit, noun)


# Years the quote states, periods, notes and glued text (reworded, real sites' formats) ----------


def test_the_quote_reaches_the_year_its_sentence_gives():
    # antaranews style: the year opens the sentence, the figure closes it
    (found,) = find_figures(
        "Pada 2023, menurut data bea cukai, perdagangan kedua negara mencapai 41 miliar dolar AS",
        None,
    )
    assert found.year == 2023 and "2023" in found.quote


def test_the_year_before_the_one_named():
    # akperyakpermas style: "naik ... dibanding US$21,51 miliar setahun sebelumnya"
    found = find_figures(
        "Perdagangan bilateral tahun 2021 mencapai US$25,25 miliar, naik 17,40 persen dibanding "
        "US$21,51 miliar setahun sebelumnya",
        None,
    )
    assert [(f.value, f.year) for f in found if f.unit == "USD"] == [
        (Decimal("25250000000"), 2021),
        (Decimal("21510000000"), 2020),
    ]
    # the quote reaches the year it counts back from, so that it states the figure's year
    assert "tahun 2021" in found[-1].quote and found[-1].quote.endswith("setahun sebelumnya")


def test_the_year_compared_with_is_not_the_figure_s():
    # antaranews regional style: "pada 2012 mencapai ... meningkat 90 persen dibandingkan tahun 2011"
    found = find_figures(
        "Perdagangan antara kedua negara pada 2012 mencapai 63,1 juta dolar AS, meningkat 90 persen "
        "dibandingkan tahun 2011",
        None,
    )
    assert [(f.unit, f.year) for f in found] == [("USD", 2012), ("percent", 2012)]


def test_a_yearly_target_has_a_period_not_a_year():
    (found,) = find_figures(
        "Kedua negara menargetkan perdagangan 70 miliar dolar AS per tahun pada 2030", None
    )
    assert (found.period, found.year) == ("per tahun", None)


@pytest.mark.parametrize(
    "note",
    ["(1 dolar AS = Rp14.810)", "(US$1 = Rp15.600)", "(kurs Rp14.900 per dolar AS)"],
)
def test_an_exchange_rate_note_is_never_a_figure(note):
    found = find_figures(f"Nilai investasi mencapai 3,5 miliar dolar AS {note} pada 2023", None)
    assert [(f.value, f.unit) for f in found] == [(Decimal("3500000000"), "USD")]


def test_a_heading_glued_to_the_next_sentence_is_split_before_numbers_are_read():
    article = parse_article(
        "Judul Perdagangan Tiongkok dan Asia Tengah\n"
        "Beijing (ANTARA) - Perdagangan kedua pihak pada 2022 mencapai 70 miliar dolarSudah lama "
        "Tiongkok menjadi mitra dagang utama kawasan itu, dengan porsi 80 persenSampai kini "
        "hubungan itu terus tumbuh di berbagai sektor.\n"
    )
    found = [f for _, s in article.sentences() for f in find_figures(s, None)]
    assert [(f.value, f.unit, f.noun) for f in found] == [
        (Decimal("70000000000"), "USD", None),
        (Decimal("80"), "percent", None),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # cri.cn style: how long ago
        "Menurut Xi Jinping, 11 tahun yang lalu ia pertama kali mengajukan inisiatif itu di Kazakhstan",
        # beritabali.com style: how soon
        "Tidak sampai sepuluh hari lagi, pemimpin kedua negara akan bertatap muka di KTT",
        # suarathailand.com style: the first time in a span
        "Modi bertemu Xi untuk pertama kalinya dalam lima tahun di sebuah pertemuan puncak",
    ],
)
def test_a_span_that_tells_when_is_no_figure(sentence):
    assert [f for f in find_figures(sentence, None) if f.noun in ("tahun", "hari")] == []


def test_the_years_of_relations_ago_are_a_figure():
    # antaranews.com style: the age of the relations, as the summaries count it
    (found,) = find_figures("sejak hubungan diplomatik terjalin 33 tahun silam", None)
    assert (found.value, found.noun) == (Decimal("33"), "tahun")


def test_renminbi_as_rmb_with_dollars_in_brackets():
    # a CGTN release via PRNewswire: "RMB 173,05 miliar ($24,8 miliar)"
    (found, percent) = find_figures(
        "Nilai perdagangan Tiongkok dengan Asia Tengah mencapai RMB 173,05 miliar ($24,8 miliar), "
        "naik 37,3%",
        None,
    )
    assert (found.value, found.unit) == (Decimal("173050000000"), "CNY")
    assert found.equivalent == Equivalent(Decimal("24800000000"), "USD")
    assert (percent.value, percent.unit) == (Decimal("37.3"), "percent")


def test_bcm_carries_its_scale_and_noun():
    # mistar.id style: "dari 55 bcm saat ini menjadi 85 miliar meter kubik (bcm)"
    low, high = find_figures(
        "Jalur itu akan menaikkan pasokan dari 55 bcm saat ini menjadi 85 miliar meter kubik (bcm)",
        None,
    )
    assert (low.value, low.noun) == (Decimal("55000000000"), "meter kubik")
    assert high.value == Decimal("85000000000")


def test_a_number_in_a_short_quoted_name_is_no_figure():
    # cri.cn style: relations entering their "30 tahun emas"
    assert find_figures('hubungan itu berkembang pesat memasuki "30 tahun emas".', None) == []


# Linear in the numbers of a sentence (issue 33, item 6) --------------------------------------


class _Counting:
    """A compiled pattern that adds to a tally the characters it is given to read: from pos to
    the end (or endpos) for a search, one for a match where it stands."""

    def __init__(self, pattern: re.Pattern[str], tally: list[int]):
        self.compiled, self.tally = pattern, tally

    def _reads(self, string: str, pos: int = 0, endpos: int | None = None) -> None:
        self.tally[0] += (len(string) if endpos is None else min(endpos, len(string))) - pos

    def search(self, string, pos=0, endpos=None):
        self._reads(string, pos, endpos)
        return self.compiled.search(string, pos, len(string) if endpos is None else endpos)

    def finditer(self, string, pos=0, endpos=None):
        self._reads(string, pos, endpos)
        return self.compiled.finditer(string, pos, len(string) if endpos is None else endpos)

    def match(self, string, pos=0, endpos=None):
        self.tally[0] += 1
        return self.compiled.match(string, pos, len(string) if endpos is None else endpos)

    def __getattr__(self, name):
        return getattr(self.compiled, name)


class _CountingRe:
    """The re module as the drafter's modules see it: a pattern compiled is a counting one, and
    a module-level call reads the whole string it is given (a copy of the rest of a sentence
    counts as what it is)."""

    def __init__(self, tally: list[int]):
        self.tally = tally

    def compile(self, pattern, flags=0):
        return _Counting(re.compile(pattern, flags), self.tally)

    def _whole(self, function):
        def call(pattern, string, *args, **kwargs):
            self.tally[0] += len(string)
            return function(pattern, string, *args, **kwargs)

        return call

    def __getattr__(self, name):
        attribute = getattr(re, name)
        if name in ("match", "search", "fullmatch", "finditer", "findall", "sub", "split"):
            return self._whole(attribute)
        return attribute


@pytest.fixture
def reading_counted(monkeypatch):
    """The characters the drafter's figure reading gives its patterns, counted: its own and
    the number reader's (briefs/language/numbers.py), which reads each number's value, scale and
    unit for it."""
    from briefs.draft import amounts, figures, sentences
    from briefs.language import numbers

    tally = [0]
    factories = (amounts._figure_res, numbers._patterns, numbers._numerals)
    for module in (amounts, figures, sentences, numbers):
        monkeypatch.setattr(module, "re", _CountingRe(tally))
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                monkeypatch.setattr(module, name, _Counting(value, tally))
    for factory in factories:  # compiled again, through the counting module
        factory.cache_clear()
    yield tally
    for factory in factories:
        factory.cache_clear()


def _amounts(n: int) -> str:
    listed = ", ".join(f"{i % 97 + 3} miliar dolar AS" for i in range(n))
    return f"Nilai investasi kedua negara mencapai {listed}."


def test_a_sentence_of_many_numbers_is_read_in_linear_work(reading_counted):
    """Each number is read where it stands: ten times the numbers, about ten times the work
    (it was a search over the whole text before each number: a hundred times)."""
    work = {}
    for n in (2_000, 20_000):
        reading_counted[0] = 0
        found = find_figures(_amounts(n), None)
        assert len(found) == n
        assert found[-1].value == Decimal((n - 1) % 97 + 3) * 10**9
        work[n] = reading_counted[0]
    assert work[20_000] <= 11 * work[2_000], work
    assert work[20_000] <= 60 * len(_amounts(20_000)), work
