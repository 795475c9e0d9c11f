"""The meaning held to the quotes: nothing added (Sastrawi stems), the English held to the
Indonesian in quantity, intensity and international words, the glossary's renderings (which
clear a false alarm once, and are refused when they change the meaning), CLDR's demonyms."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefs.check.grounding import text_findings
from briefs.check.grounding.added import added_findings
from briefs.check.grounding.english import english_findings, mismatches
from briefs.check.grounding.names import unmatched_names
from briefs.check.validate import load_glossary, refused_rendering
from briefs.cli.commands import main
from briefs.language.gazetteer import cldr_gazetteer
from briefs.project import open_project
from briefs.summary.fields import Text
from briefs.summary.vocabulary import Glossary, Rendering

ROOT = Path(__file__).resolve().parent.parent
MEETINGS = Path("sources") / "meetings"
MINISTERS = "2020-07-16-china-central-asia-foreign-ministers"


@pytest.fixture(scope="module")
def shipped() -> Glossary:
    glossary = load_glossary(open_project(ROOT))
    assert isinstance(glossary, Glossary)
    return glossary


def findings(text: Text, quote: str, glossary: Glossary | None) -> list[str]:
    found = text_findings(
        text,
        [quote],
        cldr_gazetteer(),
        ("points", 0, "text"),
        "point",
        stance_both_ways=True,
        glossary=glossary,
    )
    found += english_findings(text, ("points", 0, "text"), glossary)
    return [f.message for f in found]


@pytest.mark.parametrize(
    ("indonesian", "english"),
    [
        (
            "Kerja sama itu diperlukan bagi kawasan.",
            "That cooperation is necessary for the region.",
        ),
        ("Kerja sama itu diperlukan bagi kawasan.", "The region needs that cooperation."),
        ("Kedua pihak mendorong perdagangan digital.", "The two sides promote digital trade."),
        ("Kedua pihak mendorong perdagangan digital.", "The two sides advance digital trade."),
        ("Kedua pihak berpegang pada prinsip itu.", "The two sides uphold that principle."),
        ("Forum itu akan diselenggarakan di Astana.", "The forum is to be held in Astana."),
        ("Tokayev menyatakan ingin berkunjung lagi.", "Tokayev said he wanted to visit again."),
    ],
)
def test_a_recorded_rendering_clears_the_false_alarm(shipped, indonesian, english):
    text = Text(id=indonesian, en=english)
    assert findings(text, indonesian, Glossary()) != []  # the alarm the rendering clears
    assert findings(text, indonesian, shipped) == []


@pytest.mark.parametrize(
    ("indonesian", "english", "why"),
    [
        ("menolak", "support", "it reverses the polarity (support and oppose)"),
        ("mendukung", "oppose", "it reverses the polarity (support and oppose)"),
        ("tidak setuju", "agree", "it negates 0 thing(s), the Indonesian 1"),
        ("setuju", "did not agree", "it negates 1 thing(s), the Indonesian 0"),
        ("lima proyek", "six projects", "it states other numbers"),
    ],
)
def test_a_rendering_that_changes_the_meaning_is_refused(indonesian, english, why):
    assert refused_rendering(indonesian, english) == why


def test_a_refused_rendering_is_a_located_problem(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    path = project_copy / "sources" / "glossary.yaml"
    text = path.read_text(encoding="utf-8") + "  - {id: menolak, en: [reject, support]}\n"
    path.write_text(text, encoding="utf-8")
    line = len(text.splitlines())
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    column = text.splitlines()[-1].index("support") + 1
    assert (
        f"sources/glossary.yaml:{line}:{column}: renderings[{text.count('  - {id:', text.index('renderings:')) - 1}].en[1]:"
        " 'support' is not a rendering of 'menolak': it reverses the polarity (support and oppose)"
    ) in result.stderr.splitlines()


@pytest.mark.parametrize(
    ("indonesian", "english", "expected"),
    [
        # a quantity word added or dropped
        (
            "Kedua pihak mendukung proyek itu.",
            "The two sides support all the projects.",
            "'all': a quantity the Indonesian does not say",
        ),
        (
            "Semua pihak mendukung proyek itu.",
            "The sides support the project.",
            "the Indonesian says 'semua', the English no quantity",
        ),
        # an intensifier added
        (
            "Kedua pihak mendukung proyek itu.",
            "The two sides firmly support the project.",
            "'firmly' (firm): the Indonesian does not say it",
        ),
        # the cognate of another word
        (
            "Kedua pihak membela multilateralisme.",
            "The two sides defend unilateralism.",
            "the Indonesian says 'multilateralisme', the English has no word of its family",
        ),
        (
            "Investasi kedua negara naik.",
            "Trade between the two countries rose.",
            "the Indonesian says 'investasi', the English has no word of its family",
        ),
    ],
)
def test_english_that_says_something_else(indonesian, english, expected):
    assert [m for _, m in mismatches(Text(id=indonesian, en=english))] == [expected]


@pytest.mark.parametrize(
    ("indonesian", "english"),
    [
        # a second editor's different, correct English
        ("Semua pihak mendukung proyek itu.", "Every side supports the project."),
        (
            "Kedua pihak dengan tegas mendukung proyek itu.",
            "The two sides resolutely back the project.",
        ),
        (
            "Kedua pihak membela multilateralisme.",
            "Both sides stand up for multilateral approaches.",
        ),
        ("Investasi digital kedua negara naik.", "The two countries' digital investments rose."),
        (
            "Kedua pihak memperkuat konektivitas regional.",
            "The two sides strengthen regional connectivity.",
        ),
        (
            "Kerja sama berkualitas tinggi dan komprehensif.",
            "High-quality, comprehensive cooperation.",
        ),
        (
            "Mereka memfasilitasi perdagangan dan berkoordinasi erat.",
            "They facilitate trade and coordinate closely.",
        ),
        # verbs of Indonesian stock that end like borrowed words
        (
            "Pipa itu melintasi Kazakhstan dan menyuntikkan vitalitas.",
            "The pipe crosses Kazakhstan and injects vitality.",
        ),
    ],
)
def test_correct_english_raises_nothing(indonesian, english):
    assert mismatches(Text(id=indonesian, en=english)) == []


def test_nothing_added_and_its_rendering():
    quote = "Kedua belah pihak sepakat membangun mekanisme dialog tahunan."
    text = "Kedua pihak sepakat membentuk mekanisme dialog tahunan di bidang pertanian."
    messages = [
        f.message
        for f in added_findings(text, [quote], ("points", 0, "text", "id"), "point", Glossary())
    ]
    assert messages == [
        "'membentuk', 'pertanian': the point's quotes do not say it; if they say it in other"
        " words, record both in sources/glossary.yaml under 'renderings' (e.g. {id:"
        " [membentuk, <the quotes' word>], en: [<its English>]})"
    ]
    glossary = Glossary(
        renderings=[Rendering(id=["membentuk", "membangun"], en=["set up", "build"])]
    )
    messages = [
        f.message
        for f in added_findings(text, [quote], ("points", 0, "text", "id"), "point", glossary)
    ]
    assert messages == [
        "'pertanian': the point's quotes do not say it; if they say it in other words, record"
        " both in sources/glossary.yaml under 'renderings' (e.g. {id: [pertanian, <the quotes'"
        " word>], en: [<its English>]})"
    ]
    # a quantity word is a claim, though a function word elsewhere
    quantity = added_findings(
        "Kedua pihak membantu semua bisnis.",
        ["Kedua pihak membantu bisnis."],
        ("t",),
        "point",
        Glossary(),
    )
    assert [f.message.split(":")[0] for f in quantity] == ["'semua'"]
    # other forms of the quotes' words (Sastrawi stems) add nothing
    assert (
        added_findings("Pembangunan mekanisme disepakati.", [quote], ("t",), "point", Glossary())
        == []
    )


def test_a_lede_that_reports_an_act_no_quote_reports(project_copy, monkeypatch):
    monkeypatch.chdir(project_copy)
    path = project_copy / MEETINGS / f"{MINISTERS}.yaml"
    text = path.read_text(encoding="utf-8")
    old = "konferensi video dan menyampaikan pernyataan, termasuk"
    assert text.count(old) == 1
    text = text.replace(old, "konferensi video dan menyampaikan pernyataan bersama, termasuk")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("lede:") + 2
    result = CliRunner().invoke(main, ["check", str(MEETINGS / f"{MINISTERS}.yaml")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{MEETINGS / MINISTERS}.yaml:{line}:7: lede.id: 'pernyataan bersama': an act the"
        " summary's quotes do not report"
    )


def test_cldr_demonyms_twin_their_country():
    gazetteer = cldr_gazetteer()
    for english, indonesian in (
        ("the Turkmen President", "Presiden Turkmenistan"),
        ("Turkmen gas", "gas Turkmenistan"),
        ("Uzbek cotton", "kapas Uzbekistan"),
    ):
        assert unmatched_names(english, indonesian, gazetteer, "en") == []
    assert unmatched_names("Uzbek cotton", "kapas Turkmenistan", gazetteer, "en") == ["Uzbek"]


def test_the_shipped_glossary_pairs_line_d_and_both_spellings_of_kerja_sama(shipped):
    from briefs.check.grounding.names import glossary_names

    gazetteer = cldr_gazetteer().with_names(glossary_names(shipped))
    assert unmatched_names("work on Line D", "pembangunan jalur D", gazetteer, "en") == []
    assert unmatched_names("Line E", "jalur D", gazetteer, "en") == [
        "Line",
        "E",
    ] or unmatched_names("Line E", "jalur D", gazetteer, "en")
    assert (
        unmatched_names(
            "Organisasi Kerja Sama Shanghai", "Organisasi Kerjasama Shanghai (SCO)", gazetteer
        )
        == []
    )
