"""`briefs draft`, points: consensus points and positions."""

from __future__ import annotations

from briefs.draft.cleaning import parse_article
from briefs.draft.people import find_participants
from briefs.draft.points import find_points
from briefs.draft.summary import draft_summary

from .conftest import ROOT

ARTICLES = sorted((ROOT / "sources" / "articles").glob("*.txt"))


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


def test_positions_attributed_at_the_start_of_a_sentence():
    article = parse_article(
        "Xi Jinping dan Presiden Uzbekistan Gelar Pembicaraan\n"
        "Presiden Tiongkok Xi Jinping bertemu Presiden Uzbekistan Shavkat Mirziyoyev di Samarkand.\n"
        "Menurut Xi Jinping, kedua negara senantiasa saling menghormati dan hidup bertetangga secara rukun.\n"
        "Xi menyebut Tiongkok sebagai sahabat, teman dan saudara bagi Uzbekistan selama ini.\n"
    )
    points = find_points(article, find_participants(article.body))
    assert [(p.text, p.attributed_to) for p in points] == [
        (
            "Kedua negara senantiasa saling menghormati dan hidup bertetangga secara rukun.",
            "Xi Jinping",
        ),
        ("Tiongkok sebagai sahabat, teman dan saudara bagi Uzbekistan selama ini.", "Xi Jinping"),
    ]


def test_a_point_of_an_earlier_meeting_is_marked():
    # a preview on antaranews: the only agreement quoted is the first summit's
    text = (
        "KTT China-Asia Tengah Kedua Digelar di Astana\n"
        "Astana (ANTARA) - Presiden China Xi Jinping bertemu Presiden Kazakhstan Kassym-Jomart "
        "Tokayev di Astana, Kazakhstan, pada Selasa (17/6/2025).\n"
        "Pada KTT pertama di Xi'an, para pemimpin sepakat membentuk sekretariat bersama.\n"
        "Kedua pihak sepakat memperluas perdagangan energi dan pertanian.\n"
    )
    draft = draft_summary(text, "a.txt")
    quotes = [p["quote"] for p in draft.summary["points"]]
    earlier = quotes.index(
        "Pada KTT pertama di Xi'an, para pemimpin sepakat membentuk sekretariat bersama."
    )
    assert draft.unsettled[("points", earlier)].startswith(
        "its sentence speaks of an earlier meeting ('Pada KTT pertama')"
    )
    now = quotes.index("Kedua pihak sepakat memperluas perdagangan energi dan pertanian.")
    assert ("points", now) not in draft.unsettled
