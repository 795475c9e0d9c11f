"""`briefs draft`, people: countries and participants."""

from __future__ import annotations

import pytest

from briefs.draft.people import find_participants
from briefs.draft.words import countries

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


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # the country after the name
            "Presiden Kassym-Jomart Tokayev dari Kazakhstan menerima tamunya di Astana.",
            [("KZ", "Presiden", "Kassym-Jomart Tokayev")],
        ),
        (  # a three-part name, and a spelling of Kyrgyzstan CLDR does not have
            "Menlu Kirgizstan Kulubaev Zheenbek Moldokanovich tiba untuk pertemuan itu.",
            [("KG", "Menteri Luar Negeri", "Kulubaev Zheenbek Moldokanovich")],
        ),
        (  # two offices joined by 'merangkap', short forms spelled out
            "Wakil PM merangkap Menlu Turkmenistan Vepa Hajiyev menghadiri sidang.",
            [("TM", "Wakil Perdana Menteri merangkap Menteri Luar Negeri", "Vepa Hajiyev")],
        ),
        (
            "PM Kazakhstan Oljas Bektenov bertemu pelaksana tugas Menlu Uzbekistan Bakhtiyor Saidov.",
            [
                ("KZ", "Perdana Menteri", "Oljas Bektenov"),
                ("UZ", "Pelaksana Tugas Menteri Luar Negeri", "Bakhtiyor Saidov"),
            ],
        ),
        (  # sentences pasted together: the name ends at the full stop
            "Presiden Tiongkok Xi Jinping bertemu Menteri Luar Negeri Tiongkok Qin Gang.Wakil Perdana "
            "Menteri Tajikistan Sulaymon Davlatov hadir dalam pertemuan.",
            [
                ("CN", "Presiden", "Xi Jinping"),
                ("CN", "Menteri Luar Negeri", "Qin Gang"),
                ("TJ", "Wakil Perdana Menteri", "Sulaymon Davlatov"),
            ],
        ),
        (  # a spokesperson and a former president are named, but not at the meeting
            "Juru bicara Menlu China Mao Ning mengatakan mantan Presiden Kazakhstan Nursultan "
            "Nazarbayev bertemu banyak pemimpin.",
            [],
        ),
        (  # named with an office but no country: kept, its country left to settle
            "Presiden Daniyar Serikov bertemu tamunya di Beijing pada hari itu.",
            [("", "Presiden", "Daniyar Serikov")],
        ),
    ],
)
def test_participants_in_the_press_s_other_patterns(text, expected):
    found = [(p.country, p.office, p.name) for p in find_participants(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a chair of a state body, deputy, with a second office joined by 'sekaligus'
            "Wakil Ketua Kabinet Menteri sekaligus Menteri Luar Negeri Turkmenistan Batyr Amanov "
            "menyambut tamunya di Ashgabat.",
            [("TM", "Wakil Ketua Kabinet Menteri sekaligus Menteri Luar Negeri", "Batyr Amanov")],
        ),
        (  # acting, the short form in brackets
            "Pelaksana Tugas (Plt.) Menteri Luar Negeri Uzbekistan Farrukh Tashkentov bertemu "
            "Menteri Luar Negeri China Wang Yi.",
            [
                ("UZ", "Pelaksana Tugas Menteri Luar Negeri", "Farrukh Tashkentov"),
                ("CN", "Menteri Luar Negeri", "Wang Yi"),
            ],
        ),
        (  # 'Penjabat', and a deputy prime minister
            "Penjabat Presiden Kirgizstan Talant Usenov menerima Wakil Perdana Menteri China Ding "
            "Xuexiang di Bishkek.",
            [
                ("KG", "Penjabat Presiden", "Talant Usenov"),
                ("CN", "Wakil Perdana Menteri", "Ding Xuexiang"),
            ],
        ),
        (  # its short form spelled out
            "Pj. Menlu Tajikistan Davron Rahimov hadir dalam pertemuan itu.",
            [("TJ", "Penjabat Menteri Luar Negeri", "Davron Rahimov")],
        ),
        (  # the second office after the country keeps the word that joins it
            "Perdana Menteri Kazakhstan sekaligus Menteri Luar Negeri Aibek Nurlanov tiba di Beijing.",
            [("KZ", "Perdana Menteri sekaligus Menteri Luar Negeri", "Aibek Nurlanov")],
        ),
        (  # a chamber's chair is an office; a party's chair is not read as one
            "Ketua Senat Kazakhstan Erlan Bekov bertemu Ketua Partai Rakyat Kazakhstan Olzhas Temir.",
            [("KZ", "Ketua Senat", "Erlan Bekov")],
        ),
    ],
)
def test_acting_deputy_chair_and_joined_offices(text, expected):
    found = [(p.country, p.office, p.name) for p in find_participants(text)]
    assert found == expected


def test_a_leader_mentioned_in_passing_is_not_a_participant():
    text = (
        "Menteri Luar Negeri Tiongkok Wang Yi bertemu Menteri Luar Negeri Kazakhstan Murat Nurtleu "
        "di Astana pada Senin (20/5). Keduanya membahas banyak hal dan kerja sama yang luas antara "
        "kedua negara sahabat itu, termasuk perdagangan, energi, transportasi dan pendidikan tinggi "
        "bagi generasi muda di kedua negara, yang menurut keduanya semakin penting bagi hubungan.\n"
        "Hubungan itu tumbuh di bawah arahan Presiden Rusia Vladimir Putin dan banyak pihak lain, "
        "tulis media setempat, namun tanpa rincian apa pun tentang langkah berikutnya yang diambil.\n"
    )
    assert [p.name for p in find_participants(text)] == ["Wang Yi", "Murat Nurtleu"]


def test_a_name_without_country_takes_the_one_the_story_gives_elsewhere():
    text = (
        "Presiden Xi Jinping bertemu Presiden Kazakhstan Kassym-Jomart Tokayev di Astana. "
        "Presiden Tiongkok Xi Jinping mengatakan kerja sama terus tumbuh."
    )
    assert [(p.country, p.name) for p in find_participants(text)] == [
        ("CN", "Xi Jinping"),
        ("KZ", "Kassym-Jomart Tokayev"),
    ]
    assert [
        p.country
        for p in find_participants("Presiden Xi Jinping bertemu tamunya.", {"Xi Jinping": "CN"})
    ] == ["CN"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # the counterpart of the one named before takes their office
            "KTT dihadiri Presiden Iran Masoud Pezeshkian dan mitranya dari Turki Recep Tayyip Erdogan.",
            [("IR", "Presiden", "Masoud Pezeshkian"), ("TR", "Presiden", "Recep Tayyip Erdogan")],
        ),
        (  # the short form in brackets; letters beyond ASCII
            "Hadir Perdana Menteri (PM) India Narendra Modi dan Presiden Mongolia Ukhnaagiin Khürelsükh.",
            [
                ("IN", "Perdana Menteri", "Narendra Modi"),
                ("MN", "Presiden", "Ukhnaagiin Khürelsükh"),
            ],
        ),
        (  # a minister's office ends with the ministry: the name keeps its first word
            "Hal itu disampaikan Menteri Luar Negeri Qin Gang ketika bertemu rekan-rekannya di Beijing.",
            [("CN", "Menteri Luar Negeri", "Qin Gang")],  # a leader briefs knows
        ),
        (  # 'di Beijing' elsewhere: a place before an office is not a name
            "Dari Aula Besar Rakyat, Beijing, Perdana Menteri Tiongkok, Li Keqiang memimpin rapat di Beijing.",
            [("CN", "Perdana Menteri", "Li Keqiang")],
        ),
    ],
)
def test_counterparts_short_forms_and_names_that_are_places(text, expected):
    found = [(p.country, p.office, p.name) for p in find_participants(text)]
    assert found == expected


def test_a_roll_of_attendance_lists_participants_and_a_lone_name_takes_its_paragraph_s_country():
    text = (
        "Li Keqiang memimpin rapat para perdana menteri negara anggota organisasi itu.\n"
        "Dihadiri: Perdana Menteri Kazakhstan, Alikhan Smailov. Perdana Menteri Kirgistan, Akylbek "
        "Japarov. Perdana Menteri Rusia, Mikhail Mishustin.\n"
        "Di Kazakhstan, Presiden Kassym-Jomart Tokayev serta Menteri Luar Negeri Daniyar Serikov "
        "membahas kerja sama dengan tamunya.\n"
    )
    found = {p.name: (p.country, p.unsure) for p in find_participants(text)}
    assert [found[n][0] for n in ("Alikhan Smailov", "Akylbek Japarov", "Mikhail Mishustin")] == [
        "KZ",
        "KG",
        "RU",
    ]
    assert found["Daniyar Serikov"] == (
        "KZ",
        "country not stated with the name: that of Kassym-Jomart Tokayev, named with them",
    )


def test_an_earlier_meeting_named_in_passing_is_not_this_one():
    text = (
        "Presiden Tiongkok Xi Jinping bertemu Presiden Kazakhstan Kassym-Jomart Tokayev di Astana.\n"
        "Hal serupa disampaikan Menteri Luar Negeri Tiongkok Qin Gang ketika bertemu rekan-rekannya "
        "di Xi'an bulan lalu, menurut kantor berita pemerintah yang mengutip sumber resmi.\n"
    )
    assert [p.name for p in find_participants(text)] == ["Xi Jinping", "Kassym-Jomart Tokayev"]


def test_a_known_name_in_the_headline_is_who_the_story_is_about():
    body = "Xi memimpin KTT itu di kota Xi'an dan menyampaikan pidato tentang kerja sama kawasan."
    found = find_participants(
        body,
        {"Xi Jinping": "CN"},
        {"Xi Jinping": "Presiden"},
        "Xi Jinping Pimpin KTT China-Asia Tengah",
    )
    assert [(p.name, p.country, p.office) for p in found] == [("Xi Jinping", "CN", "Presiden")]
    assert found[0].unsure == "office and country from the project's summaries (Presiden)"


@pytest.mark.parametrize(
    ("body", "offices", "expected"),
    [
        (  # the story calls the host 'Xi' only: the one known office-holder of that name
            "Xi pada Kamis pagi menggelar pembicaraan dengan tamunya dari Kirgistan di Xi'an.",
            {"Xi Jinping": "Presiden"},
            [("Xi Jinping", "CN", "Presiden")],
        ),
        (  # 'Wang' here is the first word of another name: not Wang Yi
            "Pada Rabu, tamunya juga bertemu Wang Huning di Beijing.",
            {"Wang Yi": "Menteri Luar Negeri"},
            [],
        ),
        (  # a word two known office-holders share tells neither
            "Li pada Jumat bertemu tamunya dari Kazakhstan di Beijing.",
            {"Li Qiang": "Perdana Menteri", "Li Keqiang": "Perdana Menteri"},
            [],
        ),
    ],
)
def test_a_known_leader_the_story_calls_by_one_word_is_a_participant_to_check(
    body, offices, expected
):
    found = find_participants(body, {}, offices)
    assert [(p.name, p.country, p.office) for p in found] == expected
    for person in found:
        assert person.evidence == (
            f"the story calls them only 'Xi': {person.name} is the one of that name the leaders "
            "briefs knows give in office then; check that it is them"
        )
        assert person.quote == body


def test_a_known_name_written_surname_first_with_a_patronymic_is_read():
    # an official release's order: surname, given name, patronymic
    body = (
        "Menteri Luar Negeri China Wang Yi bertemu rekannya, Kulubaev Zheenbek Moldokanovich, "
        "di Bishkek pada Rabu.\n"
    )
    found = find_participants(
        body,
        {},
        {"Jeenbek Kulubaev": "Menteri Luar Negeri", "Zheenbek Kulubaev": "Menteri Luar Negeri"},
    )
    person = next(p for p in found if p.name and "Kulubaev" in p.name)
    assert (person.name, person.country, person.office) == (
        "Kulubaev Zheenbek Moldokanovich",
        "KG",
        "Menteri Luar Negeri",
    )
    assert person.unsure == (
        "office and country from the leaders briefs knows (Menteri Luar Negeri), as Zheenbek "
        "Kulubaev"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the ambassador speaks of the meeting: the report's source
            "Presiden China Xi Jinping bertemu Presiden Tajikistan Emomali Rahmon di Dushanbe.\n"
            '"Pertemuan kedua pemimpin membuka babak baru," ujar Duta Besar China untuk '
            "Tajikistan, Guo Hailin, dalam sebuah wawancara pada Sabtu.\n",
            ["Xi Jinping", "Emomali Rahmon"],
        ),
        (  # the ambassador is at the meeting, standing in for a minister
            "Menteri Luar Negeri China Wang Yi bertemu Menteri Luar Negeri Kazakhstan Murat "
            "Nurtleu di Almaty.\nHadir dalam pertemuan itu Duta Besar Turkmenistan untuk China "
            "Bahtiyar Orazov.\n",
            ["Wang Yi", "Murat Nurtleu", "Bahtiyar Orazov"],
        ),
    ],
)
def test_an_ambassador_who_speaks_of_the_meeting_is_its_source_not_a_participant(text, expected):
    assert [p.name for p in find_participants(text)] == expected


# Participation, not mention (each fixture reworded in a real site's format) ---------------------


def names(text: str, **kwargs) -> list[str | None]:
    return [p.name for p in find_participants(text, **kwargs)]


def test_a_lower_case_office_and_an_ordinal_one():
    # tempo.co style "pemimpin China Xi Jinping"; an Iranian first vice-president
    found = find_participants(
        "Presiden Rusia Vladimir Putin bertemu pemimpin China Xi Jinping di Samarkand pada Kamis.\n"
        "Wakil Presiden Pertama Iran Mohammad Reza Aref juga hadir dalam pertemuan itu.\n"
    )
    assert [(p.name, p.office, p.country) for p in found] == [
        ("Vladimir Putin", "Presiden", "RU"),
        ("Xi Jinping", "Pemimpin", "CN"),
        ("Mohammad Reza Aref", "Wakil Presiden Pertama", "IR"),
    ]


def test_a_name_before_an_en_dash():
    # a gadget blog reposting Reuters: "Presiden Kazakhstan Kassym-Jomart Tokayev – negaranya ..."
    found = find_participants(
        "Presiden Kazakhstan Kassym-Jomart Tokayev – negaranya mitra dagang terbesar China di "
        "kawasan itu – adalah tamu pertama yang bertatap muka dengan Xi di Xi’an.\n"
    )
    assert [(p.name, p.country) for p in found] == [("Kassym-Jomart Tokayev", "KZ")]


def test_a_second_office_after_the_country_and_a_country_adjective():
    # Astana Times via papuaberita: "Wakil Perdana Menteri Kazakh dan Menteri Perdagangan ..."
    (found,) = find_participants(
        "Hal itu diumumkan oleh Wakil Perdana Menteri Kazakh dan Menteri Perdagangan dan Integrasi "
        "Serik Zhumangarin dalam pertemuan daring pada 18 April.\n"
    )
    assert (found.name, found.country, found.office) == (
        "Serik Zhumangarin",
        "KZ",
        "Wakil Perdana Menteri dan Menteri Perdagangan dan Integrasi",
    )


def test_a_misspelt_country_after_the_office_is_read_and_marked():
    # CRI 2013: "Presiden Turkistan Gurbanguly Berdymukhamedov"
    (found,) = find_participants(
        "Upacara penyambutan bagi tamunya digelar oleh Presiden Turkistan Gurbanguly "
        "Berdymukhamedov di Askhabad.\n"
    )
    assert (found.name, found.country) == ("Gurbanguly Berdymukhamedov", "TM")
    assert found.unsure == "the page writes 'Turkistan': read as Turkmenistan"


def test_someone_met_at_a_later_event_is_not_at_this_one():
    # republika style: the story is Xi's arrival; Putin is for the next day
    text = (
        "Presiden China Xi Jinping tiba di Samarkand dan disambut Presiden Uzbekistan Shavkat "
        "Mirziyoyev di bandara.\n"
        "Di sana ia akan mengikuti pertemuan SCO dan bertemu dengan pemimpin Rusia Vladimir Putin.\n"
        "Ia juga dijadwalkan menemui Presiden Turki Recep Tayyip Erdogan pekan depan.\n"
    )
    assert names(text) == ["Xi Jinping", "Shavkat Mirziyoyev"]
    # a preview: those who will meet are the meeting's participants
    assert "Vladimir Putin" in names(text, previewed=True)


def test_someone_who_was_to_attend_and_did_not():
    text = (
        "Para pemimpin negara anggota SCO bertemu di Samarkand pada Jumat.\n"
        "Presiden Turkmenistan Serdar Berdimuhamedov, yang semula dijadwalkan menghadiri KTT, batal "
        "datang karena urusan dalam negeri. Presiden Kazakhstan Kassym-Jomart Tokayev hadir.\n"
    )
    assert names(text) == ["Kassym-Jomart Tokayev"]


def test_a_name_in_a_place_s_name_and_an_office_word_are_no_one():
    text = (
        "Presiden China Xi Jinping mendarat di Bandara Internasional Nur Sultan Nazarbayev.\n"
        "Menteri Sekretaris Negara Pratikno mendampingi Presiden Joko Widodo saat bertemu Xi.\n"
    )
    assert names(text) == ["Xi Jinping", "Pratikno", "Joko Widodo"]


def test_an_event_of_another_time_is_not_participation():
    text = (
        "KTT SCO digelar di Tianjin pada Minggu (31/8), dihadiri Presiden Rusia Vladimir Putin.\n"
        "KTT itu yang pertama sejak Presiden Amerika Serikat Donald Trump kembali ke Gedung Putih, "
        "dan digelar setelah Presiden AS Donald Trump memberlakukan tarif.\n"
    )
    assert names(text) == ["Vladimir Putin"]


def test_the_dateline_s_city_is_not_a_name():
    # bolong.id: "Dari Aula Besar Rakyat, Beijing, Perdana Menteri Tiongkok, Li Keqiang ..."
    text = (
        "Dari Aula Besar Rakyat, Beijing, Perdana Menteri Tiongkok, Li Keqiang pada Selasa "
        "(1/11/2022) memimpin rapat online para kepala pemerintahan.\n"
    )
    assert names(text, places=["Beijing"]) == ["Li Keqiang"]


def test_a_sentence_s_first_word_is_not_a_name():
    # Xinhua via indonesiawindow: "Pada Jumat (9/12), Wakil Perdana Menteri (PM) China Hu Chunhua"
    text = (
        "Tashkent, Uzbekistan (Xinhua) – Pada Jumat (9/12), Wakil Perdana Menteri (PM) China Hu "
        "Chunhua bertemu Perdana Menteri Uzbekistan Abdulla Aripov di Tashkent.\n"
    )
    assert names(text) == ["Hu Chunhua", "Abdulla Aripov"]


def test_two_heads_listed_together_are_of_two_countries():
    found = find_participants(
        "Di sela KTT, Presiden Kassym-Jomart Tokayev serta Presiden Shavkat Mirziyoyev bertemu "
        "tamu mereka di Samarkand, Uzbekistan.\n"
    )
    (mirziyoyev,) = [p for p in found if p.name == "Shavkat Mirziyoyev"]
    assert mirziyoyev.country == "UZ" and "Tokayev" not in (mirziyoyev.unsure or "")


def test_a_name_word_written_after_di_is_a_place_and_read_once_per_text():
    from briefs.draft.offices import plain_name as _plain_name
    from briefs.draft.offices import words_after_di as _words_after_di

    body = (
        "Presiden Turkmenistan Serdar Berdimuhamedov menerima Menteri Luar Negeri Tiongkok "
        "di Istana Oguzkhan, Ashgabat, Selasa (24/6). Sebelumnya ia singgah di Mary-Tejen."
    )
    # 'di Istana ...': the word is a place's; 'Mary' only begins 'Mary-Tejen', so it stays
    assert _plain_name("Oguzkhan Istana", body) == "Oguzkhan"
    assert _plain_name("Mary Tejen", body) == "Mary Tejen"
    assert _words_after_di(body) == {"Istana", "Mary-Tejen"}


def test_the_sender_of_greetings_conveyed_is_not_at_the_meeting():
    # Xinhua's style on a repost: a deputy conveys his president's greetings to the host
    text = (
        "Tashkent (Xinhua) - Pada Jumat (9/12), Wakil Perdana Menteri China Hu Chunhua bertemu "
        "Perdana Menteri Uzbekistan Abdulla Aripov di Tashkent. Hu menyampaikan salam hangat "
        "Presiden China Xi Jinping kepada para pemimpin Uzbekistan."
    )
    found = [(p.country, p.name) for p in find_participants(text)]
    assert ("CN", "Hu Chunhua") in found and ("UZ", "Abdulla Aripov") in found
    assert all(name != "Xi Jinping" for _, name in found)


def test_parts_containing_a_name_are_those_a_search_of_each_would_find():
    from briefs.draft.words import Parts

    parts = Parts(["Xi Jinping tiba di Astana.", "Xinhua melaporkan.", "", "Tokayev menyambut Xi."])
    assert parts.containing("Xi") == [
        "Xi Jinping tiba di Astana.",
        "Xinhua melaporkan.",
        "Tokayev menyambut Xi.",
    ]
    assert parts.containing("Tokayev", "Jinping") == [parts.all[0], parts.all[3]]
    assert parts.containing("Putin") == [] and parts.containing("") == []


def test_the_one_greetings_are_sent_to_through_another_is_not_at_the_meeting():
    text = (
        "Bishkek (Xinhua) - Presiden Kirgistan Sadyr Japarov bertemu Menteri Luar Negeri Tiongkok "
        "Wang Yi pada Rabu (19/11). Dalam pertemuan itu Japarov menitipkan salam hangat untuk "
        "Presiden Tiongkok, Xi Jinping, lewat Wang.\n"
    )
    found = [p.name for p in find_participants(text)]
    assert "Sadyr Japarov" in found and "Wang Yi" in found and "Xi Jinping" not in found


def test_someone_met_next_or_at_an_earlier_month_s_meeting_is_not_at_this_one():
    text = (
        "Beijing - Menjelang pertemuannya dengan pemimpin Rusia Vladimir Putin, Presiden China "
        "Xi Jinping tiba di Samarkand pada Rabu.\n"
        "Perdana Menteri Tiongkok Li Qiang memimpin sidang itu. Menurut Li, Juli lalu di KTT "
        "Astana para pemimpin, termasuk Presiden Kazakhstan Kassym-Jomart Tokayev, bersepakat.\n"
    )
    found = [p.name for p in find_participants(text)]
    assert "Vladimir Putin" not in found and "Kassym-Jomart Tokayev" not in found
    assert "Li Qiang" in found


def test_the_night_before_is_not_an_earlier_meeting():
    text = (
        "Tianjin - Para pemimpin berkumpul di Tianjin.\n"
        "Pada hari Minggu Xi juga bertemu Perdana Menteri India Narendra Modi, yang datang malam "
        "sebelumnya.\n"
    )
    assert "Narendra Modi" in [p.name for p in find_participants(text)]


def test_a_surname_the_page_spells_two_ways_is_one_participant_of_one_country():
    text = (
        "Tashkent - Presiden Uzbekistan Shavkat Mirziyev menghadiri pertemuan para menteri.\n"
        "Dalam pertemuan itu, Presiden Mirziyaev berterima kasih kepada China atas bantuannya.\n"
    )
    found = [(p.name, p.country) for p in find_participants(text)]
    assert found == [("Shavkat Mirziyev", "UZ")]


def test_a_minister_who_answers_in_the_talks_takes_part():
    text = (
        "Tashkent - Presiden Uzbekistan Shavkat Mirziyoyev hadir dalam pertemuan itu.\n"
        'Penasihat Negara dan Menteri Luar Negeri China Wang Yi menanggapi, "Kami siap."\n'
    )
    assert "Wang Yi" in [p.name for p in find_participants(text)]


def test_a_shorter_name_in_the_sentence_that_puts_someone_elsewhere_is_no_evidence():
    text = (
        "Bishkek - Presiden Kirgistan Sadyr Japarov bertemu Menteri Luar Negeri Tiongkok Wang Yi.\n"
        "Japarov menitipkan salam hangat untuk Presiden Tiongkok, Xi Jinping, dalam pertemuan itu.\n"
        "Empat inisiatif yang diajukan Presiden Xi didukung Kirgistan.\n"
    )
    assert all(p.name not in ("Xi", "Xi Jinping") for p in find_participants(text))


def test_a_host_named_only_in_the_guest_s_quoted_words_is_written_to_be_checked():
    text = (
        "Astana - Presiden China Xi Jinping tiba di Astana.\n"
        'Ia menulis, "Saya menantikan pertukaran pikiran yang mendalam dengan teman lama saya, '
        'Presiden Nursultan Nazarbayev."\n'
    )
    (host,) = [p for p in find_participants(text) if p.name == "Nursultan Nazarbayev"]
    assert host.evidence and "quoted speech" in host.evidence


def test_someone_who_accompanies_the_guest_and_a_name_opening_a_paragraph_take_part():
    text = (
        "Astana - Presiden China Xi Jinping mengunjungi paviliun Expo.\n"
        "Didampingi rekannya dari Kazakhstan Nursultan Nazarbayev, Xi mengelilingi paviliun.\n"
        "Vladimir Putin, Presiden Rusia, tiba hari Minggu di Tianjin.\n"
    )
    found = {(p.name, p.country) for p in find_participants(text)}
    assert ("Nursultan Nazarbayev", "KZ") in found and ("Vladimir Putin", "RU") in found


def test_unnamed_office_holders_in_a_list_only_as_the_other_side_of_someone_named():
    # papuaberita's format: a roll of delegations on its own, one minister named elsewhere
    roll = (
        "Menurut Wakil Perdana Menteri Kazakh dan Menteri Perdagangan dan Integrasi Serik "
        "Zhumangarin, perdagangan kawasan dengan China naik 31,9 persen dalam setahun.\n"
        "Pertemuan online itu dihadiri para Menteri Perdagangan dan Ekonomi dari Tiongkok, "
        "Republik Kyrgyzstan, Tajikistan, Turkmenistan, dan Uzbekistan.\n"
    )
    assert [(p.name, p.country) for p in find_participants(roll)] == [("Serik Zhumangarin", "KZ")]
    # kompas's (a seed's) format: the leaders Xi speaks to, in the sentence that names him
    other_side = (
        "Sejumlah rencana kerja sama dipaparkan oleh Presiden China Xi Jinping kepada pemimpin "
        "dari Kazakhstan, Tajikistan, Kirgistan, Uzbekistan, dan Turkmenistan, pada Selasa (25/1).\n"
    )
    found = find_participants(other_side)
    assert [(p.name, p.country) for p in found] == [
        ("Xi Jinping", "CN"),
        (None, "KZ"),
        (None, "TJ"),
        (None, "KG"),
        (None, "UZ"),
        (None, "TM"),
    ]


def test_di_sana_after_the_place_left_or_an_earlier_event_is_not_this_meeting():
    # liputan6's format: the leg before, told as 'Di sana' after the city left
    text = (
        "Presiden China Xi Jinping berkunjung ke Uzbekistan pada Rabu (14/9) dan disambut "
        "Presiden Uzbekistan Shavkat Mirziyoyev di bandara.\n"
        "Xi datang ke Samarkand dari Nur-Sultan, Kazakhstan. Di sana ia sudah bertemu Presiden "
        "Kassym-Jomart Tokayev dalam lawatan pertamanya sejak pandemi.\n"
    )
    assert names(text) == ["Xi Jinping", "Shavkat Mirziyoyev"]
    # trtindonesia's: 'Di sana' after a sentence of the summit the tour follows
    earlier = text.replace(
        "Xi datang ke Samarkand dari Nur-Sultan, Kazakhstan.",
        "Lawatan ini menyusul KTT di Kazakhstan pada bulan Juni.",
    )
    assert names(earlier) == ["Xi Jinping", "Shavkat Mirziyoyev"]
    # the place arrived at: 'Di sana' is this visit's
    here = text.replace("Xi datang ke Samarkand dari Nur-Sultan, Kazakhstan.", "Xi tiba di Astana.")
    assert "Kassym-Jomart Tokayev" in names(here)


def test_dalam_pertemuan_tersebut_after_an_earlier_summit_is_of_that_summit():
    # trtindonesia's format: a minister's tour, then the leaders' summit it follows
    text = (
        "Menteri Luar Negeri China Wang Yi memulai lawatan ke Kyrgyzstan, Uzbekistan dan "
        "Tajikistan, dan akan bertemu Menteri Luar Negeri Uzbekistan Bakhtiyor Saidov.\n"
        "Lawatan ini menyusul KTT di Kazakhstan pada bulan Juni. Di sana Presiden Kazakhstan "
        "Kassym-Jomart Tokayev bersama para pemimpin kawasan meneken perjanjian persahabatan.\n"
        "Dalam pertemuan tersebut Tokayev menggarisbawahi kerja sama energi dan infrastruktur.\n"
    )
    found = names(text, previewed=True)
    assert "Kassym-Jomart Tokayev" not in found and "Wang Yi" in found


# Issue 31: participants in every form -----------------------------------------------------------


def _names(text: str) -> list[str | None]:
    return [p.name for p in find_participants(text)]


def test_the_one_a_quote_is_addressed_to_takes_part():
    # okezone.com: the guest is named in full only as the one Xi speaks to
    body = (
        "BEIJING - Presiden China Xi Jinping menerima tamunya dari Turkmenistan di Beijing pada "
        "Selasa (2/9/2025).\n"
        '"China mendukung kebijakan netralitas permanen Turkmenistan," ujar Xi kepada Presiden '
        "Turkmenistan Serdar Berdimuhamedov.\n"
    )
    assert _names(body) == ["Xi Jinping", "Serdar Berdimuhamedov"]


def test_a_leader_met_on_an_earlier_leg_of_the_trip_does_not_take_part():
    # sindonews.com: the talks in Dushanbe, after the stop in Astana
    body = (
        "DUSHANBE - Presiden China Xi Jinping mengadakan pembicaraan dengan Presiden Tajikistan "
        "Emomali Rahmon di Dushanbe, Jumat (5/7/2024).\n"
        "Xi tiba di Dushanbe pada Kamis malam dari Astana, tempat ia menghadiri KTT SCO dan "
        "berunding dengan Presiden Kazakhstan Kassym-Jomart Tokayev.\n"
        "Sehari sebelumnya, Rahmon sudah bertemu Presiden Rusia Vladimir Putin di sela-sela KTT.\n"
    )
    assert _names(body) == ["Xi Jinping", "Emomali Rahmon"]


def test_an_ambassador_standing_in_is_of_the_country_that_sends_them():
    # cnnindonesia.com: Turkmenistan sent its ambassador to China to the ministers' meeting
    people = find_participants(
        "Jakarta, CNN Indonesia -- Pertemuan Menteri Luar Negeri China-Asia Tengah keenam "
        "berlangsung di Almaty, Kazakhstan, pada Sabtu (26/4).\n"
        "Hadir dalam pertemuan itu Menteri Luar Negeri Kirgistan Jeenbek Kulubaev, Menteri Luar "
        "Negeri Uzbekistan Bakhtiyor Saidov, serta Duta Besar Turkmenistan untuk China Parakhat "
        "Durdyev.\n"
    )
    assert [(p.name, p.country, p.office) for p in people] == [
        ("Jeenbek Kulubaev", "KG", "Menteri Luar Negeri"),
        ("Bakhtiyor Saidov", "UZ", "Menteri Luar Negeri"),
        ("Parakhat Durdyev", "TM", "Duta Besar"),
    ]
