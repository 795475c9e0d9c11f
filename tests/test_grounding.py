"""Grounding checks of `briefs check`: a text says no more than its quotes.

Mutation tests: one planted name, number, stronger commitment or one-sided pledge in a shipped
summary makes `check` fail (or warn, and fail under --strict) with its exact place and message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefs.check.grounding.names import unmatched_names
from briefs.check.grounding.numbers import figure_findings, unquoted_numbers
from briefs.check.grounding.stance import one_sided, stances
from briefs.cli.commands import main
from briefs.language.numbers import mentions as numbers
from briefs.render.i18n import localizers
from briefs.summary.figures import Figure

MEETINGS = Path("sources") / "meetings"
TALKS = "2024-05-20-china-kazakhstan-foreign-ministers-talks"
SUMMIT = "2022-01-25-china-central-asia-summit"
MINISTERS = "2020-07-16-china-central-asia-foreign-ministers"
MEETING_DAY = dt.date(2024, 5, 20)
RENDER = (
    "; if the English is right, record the rendering in sources/glossary.yaml under"
    " 'renderings' ({id: [<Indonesian>], en: [<English>]})"
)


def check(root: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), "check", *args])


def plant(root: Path, meeting: str, old: str, new: str) -> tuple[str, list[str]]:
    """Replace old (once) by new in a summary; its name and its new lines."""
    path = root / MEETINGS / f"{meeting}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{meeting} has {text.count(old)} of {old!r}"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return str(MEETINGS / f"{meeting}.yaml"), text.splitlines()


def place_of(lines: list[str], needle: str) -> str:
    """line:col of the text value whose first line holds needle (a folded scalar starts a line
    after its '>-', at the indentation of that line)."""
    line = next(i for i, text in enumerate(lines, 1) if needle in text)
    if lines[line - 2].rstrip().endswith(">-"):
        line -= 1
        column = lines[line - 1].index(">-") + 1
    else:
        column = lines[line - 1].index(needle) + 1
    return f"{line}:{column}"


def test_shipped_sources_pass_strict_with_no_warning(monkeypatch):
    result = CliRunner().invoke(main, ["check", "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "5 summaries OK\n"
    assert result.stderr == ""


@pytest.mark.parametrize(
    "meeting, old, new, needle, expected",
    [
        # a planted name: a country (CLDR), in each language
        (
            TALKS,
            "id: Tiongkok ingin meningkatkan impor produk-produk berkualitas tinggi dari Kazakhstan.",
            "id: Tiongkok ingin meningkatkan impor produk-produk berkualitas tinggi dari Rusia.",
            "Tiongkok ingin meningkatkan impor",
            "points[6].text.id (point 10): 'Rusia' is not in the point's quotes",
        ),
        (
            TALKS,
            "en: China wishes to increase imports of high-quality products from Kazakhstan.",
            "en: China wishes to increase imports of high-quality products from Russia.",
            "China wishes to increase imports",
            "points[6].text.en (point 10): 'Russia' has no twin in the Indonesian text",
        ),
        # a planted person and an acronym, which no gazetteer knows
        (
            TALKS,
            "id: Tiongkok ingin meningkatkan impor produk-produk berkualitas tinggi dari Kazakhstan.",
            "id: Tiongkok ingin meningkatkan impor produk-produk berkualitas tinggi dari Kazakhstan"
            " melalui Tokayev.",
            "Tiongkok ingin meningkatkan impor",
            "points[6].text.id (point 10): 'Tokayev' is not in the point's quotes",
        ),
        (
            TALKS,
            "en: China wishes to increase imports of high-quality products from Kazakhstan.",
            "en: China wishes to increase imports of high-quality products from Kazakhstan via the"
            " EAEU.",
            "China wishes to increase imports",
            "points[6].text.en (point 10): 'EAEU' has no twin in the Indonesian text",
        ),
        # a planted number, in digits, in words, with a scale
        (
            TALKS,
            "id: Tiongkok ingin meningkatkan impor produk-produk berkualitas tinggi dari Kazakhstan.",
            "id: Tiongkok ingin meningkatkan impor tiga produk berkualitas tinggi dari Kazakhstan.",
            "Tiongkok ingin meningkatkan impor",
            "points[6].text.id (point 10): the number 'tiga' is not in the point's quotes",
        ),
        (
            TALKS,
            "en: China wishes to increase imports of high-quality products from Kazakhstan.",
            "en: China wishes to increase imports of 12 high-quality products from Kazakhstan.",
            "China wishes to increase imports",
            "points[6].text.en (point 10): the number '12' is not in the point's quotes",
        ),
        (
            SUMMIT,
            "senilai 500 juta\n        dolar AS kepada lima negara Asia Tengah untuk",
            "senilai 500 miliar\n        dolar AS kepada lima negara Asia Tengah untuk",
            "Dalam tiga tahun ke depan, pemerintah Tiongkok akan memberikan bantuan senilai 500",
            "outcomes[1].text.id (outcome 2): the number '500 miliar dolar AS' is not in the outcome's quotes",
        ),
        # title and lede stand on the article; so do the place and the participants' names
        (
            "2024-12-01-china-central-asia-foreign-ministers",
            "id: Pertemuan menteri luar negeri Tiongkok–Asia Tengah keenam di Chengdu",
            "id: Pertemuan menteri luar negeri Tiongkok–Asia Tengah ketujuh di Chengdu",
            "Pertemuan menteri luar negeri Tiongkok–Asia Tengah ketujuh",
            "title.id: the number 'ketujuh' is in neither the headline nor the summary's quotes",
        ),
        (
            "2024-12-01-china-central-asia-foreign-ministers",
            "name: Bakhtiyor Saidov",
            "name: Bakhtiyor Saidova",
            "Bakhtiyor Saidova",
            "participants[5].name: 'Saidova' is not in the article",
        ),
        (
            SUMMIT,
            "place:\n  stated: false\n",
            "place:\n  online: true\n  quote: pada Selasa (25/1) waktu setempat\n",
            "true",
            "place.online: the place's quote does not say the meeting was held by video",
        ),
    ],
)
def test_a_planted_name_or_number_is_an_error(
    project_copy, monkeypatch, meeting, old, new, needle, expected
):
    monkeypatch.chdir(project_copy)
    name, lines = plant(project_copy, meeting, old, new)
    result = check(project_copy, name)
    assert result.exit_code == 1
    assert f"{name}:{place_of(lines, needle)}: {expected}" in result.stderr.splitlines()


def test_a_wrong_scale_is_caught_in_english_too(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    name, lines = plant(
        project_copy, SUMMIT, "provide US$500 million in", "provide US$500 billion in"
    )
    result = check(project_copy, name)
    assert result.exit_code == 1
    at = place_of(lines, "Over the next three years, the Chinese government will")
    assert result.stderr.splitlines() == [
        f"{name}:{int(at.split(':')[0]) - 3}:7: outcomes[1].text (outcome 2): the Indonesian and English"
        " texts state different numbers (only in id: 500 juta dolar AS; only in en: US$500"
        " billion)",
        f"{name}:{at}: outcomes[1].text.en (outcome 2): the number 'US$500 billion' is not in the outcome's"
        " quotes",
        "2 problem(s) found",
    ]


@pytest.mark.parametrize(
    "meeting, old, new, needle, expected",
    [
        # will for wish
        (
            MINISTERS,
            "Semua pihak berkeinginan untuk terus meningkatkan koordinasi Prakarsa Sabuk dan Jalan"
            " dan\n        strategi pembangunan",
            "Semua pihak akan terus meningkatkan koordinasi Prakarsa Sabuk dan Jalan dan\n"
            "        strategi pembangunan",
            "Semua pihak akan terus meningkatkan koordinasi",
            [
                "points[2].text.id (point 3): 'akan' (intent) is more than the point's quotes say",
                "points[2].text.id (point 3): the point's quotes say 'berkeinginan' (wish), the text does not",
            ],
        ),
        (
            MINISTERS,
            "All sides wish to keep improving coordination",
            "All sides will keep improving coordination",
            "All sides will keep improving coordination",
            [
                "points[2].text.en (point 3): 'will' (intent) is more than the point's quotes say",
                "points[2].text.en (point 3): the point's quotes say 'berkeinginan' (wish), the text does not",
            ],
        ),
        # agree for encourage
        (
            MINISTERS,
            "Semua pihak didorong untuk memperluas",
            "Semua pihak sepakat untuk memperluas",
            "Semua pihak sepakat untuk memperluas",
            [
                "points[10].text.id (point 9): 'sepakat' (agreement) is more than the point's quotes say",
                "points[10].text.id (point 9): the point's quotes say 'Mendorong' (encouragement),"
                " the text does not",
            ],
        ),
        (
            MINISTERS,
            "All sides are encouraged to expand",
            "All sides agree to expand",
            "All sides agree to expand",
            [
                "points[10].text.en (point 9): 'agree' (agreement) is more than the point's quotes say",
                "points[10].text.en (point 9): the point's quotes say 'Mendorong' (encouragement),"
                " the text does not",
            ],
        ),
        # a one-sided pledge in a joint point, in each language
        (
            MINISTERS,
            "Semua pihak berkeinginan untuk memperkuat kerja\n        sama dalam kerangka PBB",
            "Tiongkok berkeinginan untuk memperkuat kerja\n        sama dalam kerangka PBB",
            "Tiongkok dan negara-negara Asia Tengah memiliki posisi",
            [
                "points[8].text.id (point 8): 'Tiongkok berkeinginan' is one side's commitment: give the"
                " point 'attributed_to', or make it a point of its own",
                (
                    "China and the Central Asian countries hold the same",
                    "points[8].text.en (point 8): 'all': a quantity the Indonesian does not say"
                    + RENDER,
                ),
            ],
        ),
        (
            MINISTERS,
            "All sides wish to strengthen cooperation within the UN",
            "China wishes to strengthen cooperation within the UN",
            "China and the Central Asian countries hold the same",
            [
                "points[8].text.en (point 8): 'China wishes' is one side's commitment: give the point"
                " 'attributed_to', or make it a point of its own",
                "points[8].text.en (point 8): the English names 'China' 2 times, the Indonesian 1",
                "points[8].text.en (point 8): the Indonesian says 'semua', the English no quantity"
                + RENDER,
            ],
        ),
        # China's own pledges, shipped as their own point, lose their attribution
        (
            MINISTERS,
            "        pertanian organik, hijau, dan berkualitas tinggi ke Tiongkok.\n"
            "    attributed_to: Wang Yi\n",
            "        pertanian organik, hijau, dan berkualitas tinggi ke Tiongkok.\n",
            "Tiongkok berkomitmen untuk membangun jalur cepat dengan negara-negara Asia Tengah untuk",
            [
                "points[3].quote[0] (point 4): 'Tiongkok berkomitmen' is one side's commitment: give the"
                " point 'attributed_to', or make it a point of its own",
            ],
        ),
    ],
)
def test_a_stronger_commitment_warns_and_fails_strict(
    project_copy, monkeypatch, meeting, old, new, needle, expected
):
    monkeypatch.chdir(project_copy)
    name, lines = plant(project_copy, meeting, old, new)
    place = place_of(lines, needle)
    lenient = check(project_copy, name)
    assert lenient.exit_code == 0, lenient.output
    assert lenient.stdout == "1 summaries OK\n"
    # an entry (needle, message) stands at another field than the planted one: at needle's
    shown = [
        f"{name}:{place_of(lines, e[0])}: warning: {e[1]}"
        if isinstance(e, tuple)
        else f"{name}:{place}: warning: {e}"
        for e in expected
    ]
    assert lenient.stderr.splitlines() == shown
    strict = check(project_copy, "--strict", name)
    assert strict.exit_code == 1
    assert strict.stderr.splitlines() == [
        *shown,
        f"{len(expected)} problem(s) found",
    ]


def test_build_strict_refuses_a_summary_with_a_warning(project_copy, monkeypatch, tmp_path):
    monkeypatch.chdir(project_copy)
    name, lines = plant(
        project_copy, MINISTERS, "All sides are encouraged to expand", "All sides agree to expand"
    )
    out = tmp_path / "brief.html"
    build = ["--root", str(project_copy), "build", MINISTERS, "--lang", "en", "--format", "html"]
    strict = CliRunner().invoke(main, [*build, "--strict", "-o", str(out)])
    assert strict.exit_code == 1
    assert (
        f"{name}:{place_of(lines, 'All sides agree to expand')}: warning: points[10].text.en (point 9):"
        " 'agree' (agreement) is more than the point's quotes say"
    ) in strict.stderr.splitlines()
    assert not out.exists()
    lenient = CliRunner().invoke(main, [*build, "-o", str(out)])
    assert lenient.exit_code == 0, lenient.output
    assert out.exists()


@pytest.mark.parametrize(
    "glossary, expected",
    [
        (
            "terms:\n  - {id: Tiongkok, en: China}\n  - {id: [PBB, Tiongkok], en: UN}\n",
            "3:16: terms[1].id[1]: 'Tiongkok' is already in terms[0]",
        ),
        (
            "terms:\n  - {id: Tiongkok, english: China}\n",
            "2:20: unknown field 'english' in terms[0]",
        ),
        (
            "terms:\n  - {id: Tiongkok, en: []}\n",
            "2:24: terms[0].en: List should have at least 1 item after validation, not 0",
        ),
    ],
)
def test_glossary_errors_are_located(project_copy, monkeypatch, glossary, expected):
    monkeypatch.chdir(project_copy)
    (project_copy / "sources" / "glossary.yaml").write_text(glossary, encoding="utf-8")
    result = check(project_copy)
    assert result.exit_code == 1
    assert f"sources/glossary.yaml:{expected}" in result.stderr.splitlines()
    # without its glossary no summary is held to the grounding checks: no noise from them
    assert "sources/meetings" not in result.stderr


def test_the_glossary_pairs_names_cldr_does_not(project_copy, monkeypatch):
    # Without its glossary term, 'Global South' has no twin in 'Global Selatan'.
    monkeypatch.chdir(project_copy)
    path = project_copy / "sources" / "glossary.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  - {id: Global Selatan, en: Global South}\n", ""
        ),
        encoding="utf-8",
    )
    result = check(project_copy)
    assert result.exit_code == 1
    assert (
        "points[5].text.en (point 6): 'South' has no twin in the Indonesian text" in result.stderr
    )


# The rules, one by one ------------------------------------------------------------------------


def test_numbers_in_digits_words_and_scales_in_both_languages():
    assert [(str(m.value), m.words) for m in numbers("lebih dari 10.000 pelajar", "id")] == [
        ("10000", "10.000")
    ]
    assert {m.value for m in numbers("US$50.1 billion, five, the sixth", "en")} == {
        50_100_000_000,
        5,
        6,
    }
    # 'satu' and 'one' count nothing: satu sama lain, one-China
    assert numbers("saling mendukung satu sama lain; the one-China principle", "id") == []
    assert unquoted_numbers("the two sides", "en", ["kedua belah pihak"]) == []
    assert unquoted_numbers("41 billion", "en", ["41 miliar dolar AS"]) == []
    assert unquoted_numbers("41 trillion", "en", ["41 miliar dolar AS"]) == ["41 trillion"]


def test_names_stand_on_any_of_their_names():
    from briefs.language.gazetteer import cldr_gazetteer

    gazetteer = cldr_gazetteer()
    # a press spelling and the CLDR name are one country
    assert unmatched_names("Presiden Kirgistan", "presiden Kyrgyzstan", gazetteer) == []
    # a name opening a sentence is still a name when a gazetteer knows it
    assert unmatched_names("Rusia sepakat.", "Tiongkok sepakat.", gazetteer) == ["Rusia"]
    # any other word opening a sentence is not taken for a name
    assert unmatched_names("Semua pihak sepakat.", "Kedua pihak sepakat.", gazetteer) == []
    assert unmatched_names("China's partnership", "kemitraan Tiongkok", gazetteer) == []


def test_stances_and_one_sided_subjects():
    assert stances("Semua pihak berkeinginan; tidak boleh ada diskriminasi", "id") == {
        "wish": "berkeinginan",
        "obligation": "tidak boleh",
    }
    sides = ["Tiongkok", "China", "Kazakhstan", "Kazakh"]
    assert one_sided("Pihak Kazakhstan siap membantu", "id", sides) == "Pihak Kazakhstan siap"
    assert one_sided("The Kazakh government is ready", "en", sides) == (
        "The Kazakh government is ready"
    )
    assert one_sided("Tiongkok dan Kazakhstan akan bekerja", "id", sides) is None
    assert one_sided("hubungan Tiongkok-Kazakhstan akan", "id", sides) is None


TRADE = (
    "Perdagangan bilateral pada 2023 mencapai 40 miliar dolar AS, naik dari 31 miliar dolar AS"
    " pada 2022."
)


def figure(value: int, unit: str, year: int, quote: str) -> Figure:
    return Figure.model_validate(
        {"label": {"id": "Perdagangan", "en": "Trade"}, "value": value, "unit": unit}
        | {"year": year, "quote": [quote]}
    )


@pytest.mark.parametrize(
    "quote",
    [
        TRADE,
        "Perdagangan bilateral mencapai 40 miliar dolar AS pada 2023, naik dari 31 miliar dolar AS"
        " pada 2022.",
        "Pada 2023, perdagangan bilateral mencapai 40 miliar dolar AS, naik dari 31 miliar dolar"
        " AS pada 2022.",
    ],
)
def test_a_figure_takes_the_value_its_quote_ties_to_its_year(quote):
    def found(value: int, year: int) -> list[tuple]:
        held = figure_findings(figure(value, "USD", year, quote), 0, [quote], None, MEETING_DAY)
        return [(f.loc, f.message) for f in held]

    assert found(31 * 10**9, 2022) == []
    assert found(40 * 10**9, 2023) == []
    wrong = "the quote gives '40 miliar dolar AS' for 2023, not 2022"
    assert found(40 * 10**9, 2022) == [
        (("figures", 0, "value"), wrong),
        (("figures", 0, "year"), wrong),
    ]
    wrong = "the quote gives '31 miliar dolar AS' for 2022, not 2023"
    assert found(31 * 10**9, 2023) == [
        (("figures", 0, "value"), wrong),
        (("figures", 0, "year"), wrong),
    ]


GAS = "Turkmenistan memasok 55 miliar meter kubik gas ke Tiongkok pada 2023."


def test_a_measured_figure_is_held_to_its_quote_in_its_cldr_unit():
    held = figure_findings(
        figure(55 * 10**9, "volume-cubic-meter", 2023, GAS), 0, [GAS], None, MEETING_DAY
    )
    assert held == []
    held = figure_findings(figure(55 * 10**9, "mass-tonne", 2023, GAS), 0, [GAS], None, MEETING_DAY)
    assert [(f.loc, f.message) for f in held] == [
        (
            ("figures", 0, "unit"),
            "'mass-tonne': the quote states '55 miliar meter kubik' (volume-cubic-meter)",
        )
    ]
    with pytest.raises(ValueError, match="'cubic-meter' is not a unit"):
        figure(55 * 10**9, "cubic-meter", 2023, GAS)


def test_bcm_in_english_states_the_quotes_billion_cubic_metres():
    for english in ("55 bcm of gas", "55 billion cubic metres of gas", "a 55-bcm pipeline"):
        assert unquoted_numbers(f"Turkmenistan supplies {english}.", "en", [GAS]) == []
    assert unquoted_numbers("It supplies 55 billion tonnes of gas.", "en", [GAS]) == [
        "55 billion tonnes"
    ]
    assert unquoted_numbers("It supplies 55 million cubic metres.", "en", [GAS]) == [
        "55 million cubic metres"
    ]


def test_a_measured_figure_is_printed_in_cldr_words():
    localizer = localizers(Path(__file__).parent.parent / "locale")
    for language, text in (("id", "55 miliar meter kubik"), ("en", "55 billion cubic metres")):
        assert localizer[language].amount(Decimal(55 * 10**9), "volume-cubic-meter") == text
    assert localizer["en"].amount(Decimal(1830), "length-kilometer") == "1,830 kilometres"


@pytest.mark.parametrize(
    "english, differs",
    [("55 bcm", False), ("55 billion cubic metres", False), ("55 billion tonnes", True)],
)
def test_the_english_states_the_indonesian_measure(project_copy, monkeypatch, english, differs):
    monkeypatch.chdir(project_copy)
    plant(
        project_copy,
        TALKS,
        "id: Tiongkok ingin meningkatkan impor produk-produk berkualitas tinggi dari Kazakhstan.",
        "id: Tiongkok ingin meningkatkan impor 55 miliar meter kubik gas dari Kazakhstan.",
    )
    plant(
        project_copy,
        TALKS,
        "en: China wishes to increase imports of high-quality products from Kazakhstan.",
        f"en: China wishes to increase imports of {english} of gas from Kazakhstan.",
    )
    result = check(project_copy)
    assert result.exit_code == 1
    assert (
        "points[6].text.id (point 10): the number '55 miliar meter kubik' is not in"
        in result.output
    )
    different = (
        "points[6].text (point 10): the Indonesian and English texts state different numbers (only in id:"
        f" 55 miliar meter kubik; only in en: {english})"
    )
    assert (different in result.output) is differs


def test_an_anniversary_counts_the_years_of_its_own_ordinal():
    """'peringatan ke-70' counts 70 years; another ordinal of the same quote (ke-6) counts none."""
    quote = "Pada peringatan ke-70 hubungan kedua negara, pertemuan ke-6 digelar di Astana."

    def found(value: int) -> list[tuple]:
        years = Figure.model_validate(
            {"label": {"id": "Hubungan", "en": "Relations"}, "value": value, "unit": "count"}
            | {"noun": {"id": "tahun", "en": "years"}, "year": 2024, "quote": [quote]}
        )
        return [(f.loc, f.message) for f in figure_findings(years, 0, [quote], None, MEETING_DAY)]

    assert found(70) == []
    assert found(6) == [
        (("figures", 0, "value"), "6: the quote counts 'tahun' as 'ke-70'"),
        (
            ("figures", 0, "noun", "id"),
            "'tahun': the quote's 6 counts something else ('ke-6 digelar di astana')",
        ),
    ]
