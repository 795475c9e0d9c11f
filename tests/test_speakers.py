"""The one reader of who said it (briefs/language/speakers.py), on small sentences in each form."""

from __future__ import annotations

import pytest

from briefs.language.speakers import Side, read_article, speakers_of

PEOPLE = {
    "Wang Yi": "CN",
    "Xi Jinping": "CN",
    "Murat Nurtleu": "KZ",
    "Kassym-Jomart Tokayev": "KZ",
}
COUNTRIES = {"Tiongkok": "CN", "China": "CN", "Kazakhstan": "KZ"}
HEADER = "Dilansir Xinhua, pernyataan bersama para menteri adalah sebagai berikut:"


def read(sentence: str, *context: str, people=PEOPLE, countries=COUNTRIES):
    """Who the shared reader says said the last sentence, each sentence a paragraph of its own
    (so that no paragraph's frame speaks for another sentence)."""
    return read_article("\n".join((*context, sentence)), people, countries)[-1].speaker


@pytest.mark.parametrize(
    ("sentence", "person", "frame"),
    [
        ("Jalur kereta ketiga akan dibuka, kata Wang.", "Wang Yi", "kata Wang"),
        ("Jalur kereta ketiga akan dibuka, ujar Nurtleu.", "Murat Nurtleu", "ujar Nurtleu"),
        ("Pasar itu terbuka bagi semua, tutur Xi.", "Xi Jinping", "tutur Xi"),
        (
            "Pasar itu terbuka, ucap Tokayev kepada wartawan.",
            "Kassym-Jomart Tokayev",
            "ucap Tokayev kepada wartawan",
        ),
        ("Hubungan kami kokoh, ungkap Wang.", "Wang Yi", "ungkap Wang"),
        ("Kami tidak akan mundur, tegas Xi.", "Xi Jinping", "tegas Xi"),
        ("Proyek itu selesai tahun ini, jelas Nurtleu.", "Murat Nurtleu", "jelas Nurtleu"),
        ("Visa akan dihapus, tambah Wang.", "Wang Yi", "tambah Wang"),
        ("Visa akan dihapus, lanjut Tokayev.", "Kassym-Jomart Tokayev", "lanjut Tokayev"),
        ("Perdagangan harus seimbang, kata Presiden Xi.", "Xi Jinping", "kata Presiden Xi"),
        (
            "Perdagangan harus seimbang, ujar Menteri Luar Negeri Kazakhstan Murat Nurtleu.",
            "Murat Nurtleu",
            "ujar Menteri Luar Negeri Kazakhstan Murat Nurtleu",
        ),
        ("Menurut Wang, pertemuan itu produktif.", "Wang Yi", "Menurut Wang"),
        ("Xi menyatakan dukungan bagi kawasan.", "Xi Jinping", "Xi menyatakan"),
        ("Nurtleu mengatakan bahwa jalur itu penting.", "Murat Nurtleu", "Nurtleu mengatakan"),
        (
            "Tokayev menekankan pentingnya air bersih.",
            "Kassym-Jomart Tokayev",
            "Tokayev menekankan",
        ),
        ("Wang menyampaikan undangan kepada tuan rumah.", "Wang Yi", "Wang menyampaikan"),
        ("Xi berharap hubungan makin erat.", "Xi Jinping", "Xi berharap"),
        ("Nurtleu meminta investasi lebih besar.", "Murat Nurtleu", "Nurtleu meminta"),
        ("Tokayev mengusulkan forum baru.", "Kassym-Jomart Tokayev", "Tokayev mengusulkan"),
        ("Wang menyebut proyek itu berhasil.", "Wang Yi", "Wang menyebut"),
        (
            "Wang, yang juga anggota Politbiro, menyebut kerja sama itu berhasil.",
            "Wang Yi",
            "Wang, yang juga anggota Politbiro, menyebut",
        ),
        (
            "Xi pada Jumat (6/1) menyatakan tekadnya.",
            "Xi Jinping",
            "Xi pada Jumat (6/1) menyatakan",
        ),
        (
            "Presiden Tokayev juga menegaskan sikapnya.",
            "Kassym-Jomart Tokayev",
            "Presiden Tokayev juga menegaskan",
        ),
    ],
)
def test_one_speaker_named(sentence: str, person: str, frame: str) -> None:
    speaker = read(sentence)
    assert speaker is not None
    assert (speaker.side, speaker.person, speaker.country, speaker.frame) == (
        Side.ONE_SIDE,
        person,
        PEOPLE[person],
        frame,
    )
    assert sentence[speaker.span[0] : speaker.span[1]] == frame


@pytest.mark.parametrize(
    "sentence",
    [
        "Ia menyampaikan bahwa jalur itu dibuka.",
        "Dia mengatakan perdagangan naik.",
        "Menurut dia, perdagangan naik.",
        "Perdagangan naik tajam, katanya.",
        "Perdagangan naik tajam, ujarnya.",
        "Beliau menegaskan hal yang sama.",
    ],
)
def test_pronouns_continue_the_last_speaker(sentence: str) -> None:
    context = ("Tokayev tiba di Beijing pada Rabu.", "Nurtleu mengatakan jalur itu penting.")
    speaker = read(sentence, *context)
    assert speaker is not None and (speaker.side, speaker.person) == (
        Side.ONE_SIDE,
        "Murat Nurtleu",
    )
    # with nobody named before, the pronoun's speaker is unknown, not guessed
    alone = read(sentence)
    assert alone is not None and (alone.side, alone.person) == (Side.UNKNOWN, None)


@pytest.mark.parametrize(
    ("sentence", "frame"),
    [
        ("Kedua belah pihak menekankan pentingnya perdamaian.", "Kedua belah pihak menekankan"),
        ("Kedua pihak sepakat memperluas penerbangan.", "Kedua pihak"),
        ("Semua pihak akan memperkuat kerja sama.", "Semua pihak"),
        ("Para menteri menyambut baik hasil itu.", "Para menteri"),
        ("Keduanya membahas jalur kereta.", "Keduanya"),
        ("Kedua kepala negara menyaksikan penandatanganan.", "Kedua kepala negara"),
        ("Keenam negara akan menggelar forum bisnis.", "Keenam negara"),
        ("Tiongkok dan Kazakhstan sepakat membuka jalur baru.", "sepakat"),
        ("Mereka juga sepakat memperkuat keamanan.", "sepakat"),
        ("Kedua menteri luar negeri menandatangani nota kesepahaman.", "Kedua menteri luar negeri"),
        ("Tiongkok dan Kazakhstan meneken tiga dokumen.", "meneken"),
        ("Tiongkok dan Kazakhstan menandatangani perjanjian visa.", "menandatangani"),
        (
            "Kesepakatan tentang jalur gas dicapai dalam pertemuan itu.",
            "Kesepakatan tentang jalur gas dicapai",
        ),
        ("Pernyataan bersama itu memuat sepuluh butir.", "Pernyataan bersama"),
        ("Tiongkok dan Asia Tengah akan bersama-sama membangun koridor.", "bersama-sama"),
    ],
)
def test_joint(sentence: str, frame: str) -> None:
    speaker = read(sentence)
    assert speaker is not None and (speaker.side, speaker.frame) == (Side.JOINT, frame)


def test_mereka_continues_a_joint_subject() -> None:
    speaker = read(
        "Mereka akan bekerja untuk tata kelola global.", "Kedua belah pihak menekankan perdamaian."
    )
    assert speaker is not None and speaker.side is Side.JOINT
    assert read("Mereka akan bekerja untuk tata kelola global.") is None


def test_a_speaker_frame_outranks_joint_words() -> None:
    """'kedua belah pihak' in Wang's account is Wang's account, not a joint statement."""
    for sentence in (
        "Kedua belah pihak akan memperkuat kerja sama energi, kata Wang.",
        "Wang mencatat bahwa kedua belah pihak memuji hasil kerja sama.",
    ):
        speaker = read(sentence)
        assert speaker is not None and (speaker.side, speaker.person) == (Side.ONE_SIDE, "Wang Yi")


def test_one_country_as_the_subject() -> None:
    speaker = read("Tiongkok bersedia membantu Kazakhstan membangun sekolah.")
    assert speaker is not None
    assert (speaker.side, speaker.country, speaker.frame, speaker.reported) == (
        Side.ONE_SIDE,
        "CN",
        "Tiongkok",
        False,
    )
    speaker = read("Pihak Kazakhstan mengundang perusahaan Tiongkok.")
    assert speaker is not None and (speaker.side, speaker.country) == (Side.ONE_SIDE, "KZ")
    speaker = read("Pihak Tiongkok menegaskan dukungannya.")
    assert speaker is not None and (speaker.side, speaker.country, speaker.reported) == (
        Side.ONE_SIDE,
        "CN",
        True,
    )


def test_a_relayed_statement_and_its_numbered_list() -> None:
    header = read(HEADER)
    assert header is not None and (header.side, header.outlet, header.frame) == (
        Side.RELAYED,
        "Xinhua",
        "Dilansir Xinhua",
    )
    joint = read("Semua pihak sepakat bahwa perdamaian penting.", HEADER, "1.")
    assert joint is not None and (joint.side, joint.outlet, joint.country) == (
        Side.RELAYED,
        "Xinhua",
        None,
    )
    pledge = read("Tiongkok berkomitmen membuka jalur cepat.", HEADER)
    assert pledge is not None and (pledge.side, pledge.country) == (Side.RELAYED, "CN")
    # a speaker named after the list closes it
    after = read("Semua pihak sepakat.", HEADER, "Xi mengatakan itu kepada pers.")
    assert after is not None and after.side is Side.JOINT


@pytest.mark.parametrize(
    "sentence",
    [
        "Menurut statistik Tiongkok, perdagangan naik sepuluh persen.",
        "Perdagangan naik tahun lalu.",
        "Semua itu dengan tegas didukung.",
    ],
)
def test_no_speaker(sentence: str) -> None:
    assert read(sentence) is None


def test_someone_else_is_unknown() -> None:
    speaker = read("Jalur itu dibuka tahun depan, kata juru bicara kementerian.")
    assert speaker is not None and (speaker.side, speaker.person, speaker.frame) == (
        Side.UNKNOWN,
        None,
        "kata juru bicara kementerian",
    )


PAGE = """Astana, Kantor Berita - Wang bertemu Nurtleu pada Senin (20/5).

Kedua belah pihak memutuskan memperluas kereta barang. Kedua belah pihak mendukung koridor \
baru. Tiongkok akan membangun gudang, ujar Wang.

Dia mengatakan pelajar makin banyak. Saat ini, ribuan pelajar belajar di sana.

Kedua belah pihak memuji hasil KTT.

"Pemerintah Kazakhstan siap membantu. Kami membahas jalur ketiga," kata Nurtleu.
"""


def test_a_page_spreads_a_paragraphs_frame() -> None:
    said = read_article(PAGE, PEOPLE, COUNTRIES)
    by = {s.text: (s.speaker.side.value, s.speaker.person) if s.speaker else None for s in said}
    assert by["Kedua belah pihak memutuskan memperluas kereta barang."] == ("one-side", "Wang Yi")
    assert by["Kedua belah pihak mendukung koridor baru."] == ("one-side", "Wang Yi")
    assert by["Saat ini, ribuan pelajar belajar di sana."] == ("one-side", "Wang Yi")
    assert by["Kedua belah pihak memuji hasil KTT."] == ("joint", None)
    assert by['"Pemerintah Kazakhstan siap membantu.'] == ("one-side", "Murat Nurtleu")
    quoted = speakers_of("Kedua belah pihak mendukung koridor\n baru.", said)
    assert [(s.side, s.person, s.frame) for s in quoted if s] == [
        (Side.ONE_SIDE, "Wang Yi", "ujar Wang")
    ]
    assert speakers_of("words the page does not have", said) == []


# Frames added for the drafter (issue 31) -------------------------------------------------------


def test_a_description_by_office_and_country_is_the_participant_of_that_country():
    people = {"Wang Yi": "CN", "Murat Nurtleu": "KZ"}
    after = read(
        "China berkomitmen memperluas keterbukaan tingkat tinggi, kata Menlu China itu.",
        people=people,
        countries=None,
    )
    assert (after.side, after.person) == (Side.ONE_SIDE, "Wang Yi")
    before = read(
        "Presiden China itu menegaskan bahwa China mendukung Kirgistan.",
        people={"Xi Jinping": "CN", "Sadyr Japarov": "KG"},
        countries=None,
    )
    assert (before.side, before.person) == (Side.ONE_SIDE, "Xi Jinping")


def test_a_description_of_a_country_with_two_participants_is_that_side():
    said = read(
        "Kerja sama harus diperluas, kata Menteri China itu.",
        people={"Wang Yi": "CN", "Wang Wentao": "CN"},
        countries=None,
    )
    assert (said.side, said.person, said.country) == (Side.ONE_SIDE, None, "CN")


def test_a_joint_document_as_the_subject_is_joint():
    said = read(
        "Deklarasi itu menegaskan dukungan terhadap multilateralisme.",
        people={"Xi Jinping": "CN"},
        countries=None,
    )
    assert said.side is Side.JOINT


def test_urging_and_setting_out_are_reporting_verbs():
    people = {"Xi Jinping": "CN"}
    assert (
        read("Xi mendorong kerja sama energi.", people=people, countries=None).person
        == "Xi Jinping"
    )
    said = read("Dalam pertemuan itu, Xi menguraikan empat arah:", people=people, countries=None)
    assert said.person == "Xi Jinping"
