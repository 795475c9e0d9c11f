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
            "Wang Yi",  # Wang's account of the consensus: his readout
        ),
        (
            "Memperkuat mekanisme kerja sama.",
            [
                "pertemuan tersebut mencapai lima konsensus, termasuk",
                "memperkuat mekanisme kerja sama",
            ],
            "Wang Yi",  # Wang's account of the consensus: his readout
        ),
        (
            "Mempromosikan perdagangan, investasi, dan pertambangan hijau.",
            [
                "pertemuan tersebut mencapai lima konsensus, termasuk",
                "mempromosikan perdagangan, investasi, dan pertambangan hijau",
            ],
            "Wang Yi",  # Wang's account of the consensus: his readout
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


# Issue 31: every point, and who said it -------------------------------------------------------


def _points(text: str) -> list[tuple[str, str | None]]:
    article = parse_article(text)
    return [
        (p.quote[-1], p.attributed_to)
        for p in find_points(article, find_participants(article.body))
    ]


def test_a_list_run_into_one_paragraph_is_one_point_per_item_by_its_speaker():
    # cnnindonesia.com: pasted from the headline down, the proposals in one paragraph
    points = _points(
        "China Ajukan Lima Usulan di Almaty\n"
        "Jakarta, CNN Indonesia -- Pertemuan Menteri Luar Negeri China-Asia Tengah keenam "
        "berlangsung di Almaty, Kazakhstan, pada Sabtu (26/4).\n"
        "Menteri Luar Negeri China, Wang Yi, dalam pertemuan itu menyampaikan tiga usulan. "
        "Pertama, menjunjung itikad baik. Kedua, menjalankan kerja sama yang saling "
        "menguntungkan. Ketiga, menumbuhkan persahabatan dari generasi ke generasi.\n"
        "China berkomitmen memperluas keterbukaan tingkat tinggi, kata Menlu China itu.\n"
    )
    assert points == [
        ("Pertama, menjunjung itikad baik.", "Wang Yi"),
        ("Kedua, menjalankan kerja sama yang saling menguntungkan.", "Wang Yi"),
        ("Ketiga, menumbuhkan persahabatan dari generasi ke generasi.", "Wang Yi"),
        (
            "China berkomitmen memperluas keterbukaan tingkat tinggi, kata Menlu China itu.",
            "Wang Yi",
        ),
    ]


def test_signings_by_both_are_joint_and_a_call_on_both_or_an_account_is_the_speaker_s():
    # kumparan.com: no dateline; 'meneken', 'Keduanya ... menyaksikan penandatanganan'
    points = _points(
        "Xi Jinping dan Sadyr Japarov Teken Pernyataan Bersama\n"
        "Presiden China Xi Jinping menggelar pembicaraan dengan Presiden Kirgistan Sadyr Japarov "
        "di Beijing, Rabu (5/2).\n"
        "Usai pembicaraan, kedua kepala negara meneken pernyataan bersama tentang kemitraan "
        "strategis komprehensif.\n"
        "Keduanya juga menyaksikan penandatanganan sejumlah dokumen kerja sama.\n"
        "Xi juga meminta kedua pihak mempercepat pembangunan jalur kereta api.\n"
        "Menteri Luar Negeri China Wang Yi hadir dalam jamuan kenegaraan malam itu di Beijing.\n"
        "Wang mencatat bahwa kedua belah pihak memuji hasil kerja sama mereka.\n"
    )
    assert points == [
        (
            "Usai pembicaraan, kedua kepala negara meneken pernyataan bersama tentang kemitraan "
            "strategis komprehensif.",
            None,
        ),
        ("Keduanya juga menyaksikan penandatanganan sejumlah dokumen kerja sama.", None),
        ("Xi juga meminta kedua pihak mempercepat pembangunan jalur kereta api.", "Xi Jinping"),
        # a participant's account of what both did: a one-side readout
        ("Wang mencatat bahwa kedua belah pihak memuji hasil kerja sama mereka.", "Wang Yi"),
    ]


def test_a_list_after_a_colon_is_its_speaker_s_until_someone_else_speaks():
    # jurnalpatrolinews.co.id: numbered headings (dropped as page noise) over each item
    points = _points(
        "China dan Kazakhstan Perkuat Kemitraan\n"
        "JurnalPatroliNews – Astana – Presiden China Xi Jinping dan Presiden Kazakhstan, "
        "Kassym-Jomart Tokayev, menggelar pertemuan bilateral di Astana, Senin (16/6/2025).\n"
        "Dalam pertemuan itu, Xi menguraikan dua arah untuk memperkuat hubungan:\n"
        "Kedua negara diharapkan terus saling mendukung dalam isu kedaulatan.\n"
        "Pariwisata, budaya dan kerja sama akademik perlu diperluas sebagai dasar hubungan.\n"
        "Tokayev menegaskan Kazakhstan berpegang pada prinsip satu China.\n"
    )
    assert points == [
        ("Kedua negara diharapkan terus saling mendukung dalam isu kedaulatan.", "Xi Jinping"),
        (
            "Pariwisata, budaya dan kerja sama akademik perlu diperluas sebagai dasar hubungan.",
            "Xi Jinping",
        ),
        (
            "Tokayev menegaskan Kazakhstan berpegang pada prinsip satu China.",
            "Kassym-Jomart Tokayev",
        ),
    ]


def test_history_other_meetings_outside_voices_and_restatements_are_not_points():
    points = _points(
        "KTT China-Asia Tengah Kedua di Astana\n"
        "Astana (ANTARA) - Presiden China Xi Jinping bertemu Presiden Kazakhstan Kassym-Jomart "
        "Tokayev di Astana pada Selasa (17/6/2025).\n"
        "Kedua pemimpin sepakat memperluas perdagangan energi dan pertanian di kawasan.\n"
        "Kesepakatan itu dicapai dalam pembicaraan di Istana Akorda.\n"
        "Mekanisme ini lahir pada 2020, ketika China mengusulkan forum menteri luar negeri.\n"
        "Sehari sebelumnya, Xi sudah bertemu Presiden Kirgistan yang mendukung proyek itu.\n"
        "Tokayev dijadwalkan menghadiri forum bisnis yang akan digelar besok.\n"
        "Para ahli mengatakan kedua negara perlu mempercepat perdagangan digital.\n"
    )
    assert points == [
        ("Kedua pemimpin sepakat memperluas perdagangan energi dan pertanian di kawasan.", None)
    ]


def test_one_country_as_the_subject_is_its_participant_s_commitment():
    # einpresswire.com (a CGTN release): the pledge is China's, said at the summit by Xi
    points = _points(
        "KTT China-Asia Tengah\n"
        "Presiden Tiongkok Xi Jinping menerima Presiden Kazakhstan Kassym-Jomart Tokayev di "
        "Astana, Selasa (17/6/2025).\n"
        "Tiongkok juga berjanji mendirikan tiga pusat kerja sama.\n"
    )
    assert points == [("Tiongkok juga berjanji mendirikan tiga pusat kerja sama.", "Xi Jinping")]


def test_nominal_and_passive_agreements_and_a_declaration_as_the_subject_are_joint():
    # a bharataonline-style wire: the meeting closes on an agreement, the declaration speaks
    points = _points(
        "KTT China-Asia Tengah Ditutup\n"
        "Astana, Bharata Online - Presiden Tiongkok Xi Jinping dan Presiden Kazakhstan "
        "Kassym-Jomart Tokayev memimpin KTT di Astana, Selasa (17/6/2025).\n"
        "Pertemuan ditutup dengan kesepakatan untuk menggelar KTT setiap dua tahun secara bergiliran.\n"
        "Keenam negara menandatangani Deklarasi Astana dan sebuah perjanjian persahabatan permanen.\n"
        "Deklarasi itu menegaskan dukungan terhadap multilateralisme dan perdagangan terbuka.\n"
    )
    assert points == [
        (
            "Pertemuan ditutup dengan kesepakatan untuk menggelar KTT setiap dua tahun secara "
            "bergiliran.",
            None,
        ),
        (
            "Keenam negara menandatangani Deklarasi Astana dan sebuah perjanjian persahabatan "
            "permanen.",
            None,
        ),
        (
            "Deklarasi itu menegaskan dukungan terhadap multilateralisme dan perdagangan terbuka.",
            None,
        ),
    ]
