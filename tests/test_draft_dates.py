"""`briefs draft`, dates: the meeting's date, the publication date and periods."""

from __future__ import annotations

import datetime as dt

import pytest

from briefs.draft.cleaning import parse_article
from briefs.draft.datelines import read_dateline
from briefs.draft.dates import DateMention, find_dates, period_mention, resolve
from briefs.draft.meeting_dates import meeting_date

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
    found = period_mention(text, dt.date(2019, 9, 13), [])
    assert found is not None and found[:2] == expected


# The meeting's date: never refused, unsettled when the article does not settle it ------------


def when(text: str, published: dt.date | None = None, bound: int | None = 2025):
    article = parse_article("Judul\n" + text + "\n")
    sentences = [s for _, s in article.sentences()]
    return meeting_date(article.body, sentences, published, bound, article.page_years)


def test_no_year_and_no_dateline_the_weekday_fixes_the_latest_year():
    found = when(
        "Li Qiang bertemu Perdana Menteri Kazakhstan pada hari Senin (4/11) sore kemarin di Shanghai."
    )
    assert found.date == dt.date(2024, 11, 4)
    assert found.unsettled == (
        "year not stated: 2024 is the latest year up to 2025 (the page's or the project's latest) "
        "in which 4 November is a Monday"
    )


def test_no_year_no_weekday_is_unsettled():
    found = when(
        "Kedua menteri luar negeri bertemu pada 27 April di Beijing untuk membahas kerja sama.",
        bound=None,
    )
    assert found.unsettled and found.unsettled.startswith("year not stated")


def test_the_publication_date_gives_the_year():
    found = when(
        "Kedua menteri luar negeri bertemu pada 27 April di Beijing untuk membahas kerja sama.",
        dt.date(2023, 4, 28),
    )
    assert (found.date, found.unsettled) == (dt.date(2023, 4, 27), None)


@pytest.mark.parametrize(
    "text, start, end",
    [
        (
            "KTT SCO berlangsung pada 28-29 Juli 2022 di Tashkent, ibu kota Uzbekistan.",
            dt.date(2022, 7, 28),
            dt.date(2022, 7, 29),
        ),
        (
            "KTT itu berlangsung pada tanggal 18 dan 19 Mei 2023 di kota Xi'an, Provinsi Shaanxi.",
            dt.date(2023, 5, 18),
            dt.date(2023, 5, 19),
        ),
    ],
)
def test_days_of_a_meeting(text, start, end):
    found = when(text)
    assert (found.date, found.period) == (start, (start, end))


def test_an_announced_meeting_is_the_future_event_and_unsettled():
    found = when(
        "Juru bicara Kementerian Luar Negeri mengumumkan pada Senin (8/5) bahwa Presiden Xi akan "
        "memimpin pertemuan puncak di Xi'an pada tanggal 18 dan 19 Mei.",
        published=dt.date(2023, 5, 9),
    )
    assert found.date == dt.date(2023, 5, 18)
    assert found.period == (dt.date(2023, 5, 18), dt.date(2023, 5, 19))
    assert found.announced and found.unsettled.startswith("announced, not yet held")


def test_no_date_in_the_story_yesterday_counts_from_the_publication_date():
    found = when(
        "Menteri luar negeri kedua negara bertemu kemarin di Beijing untuk membahas perdagangan.",
        dt.date(2024, 5, 21),
    )
    assert found.date == dt.date(2024, 5, 20)
    assert "'kemarin' counted from the publication date 2024-05-21" in found.unsettled


def test_no_date_at_all_is_the_publication_date_unsettled():
    found = when(
        "Menteri luar negeri kedua negara bertemu di Beijing untuk membahas perdagangan.",
        dt.date(2024, 5, 21),
    )
    assert found.date == dt.date(2024, 5, 21)
    assert found.unsettled.startswith("no date of the meeting in the article")


@pytest.mark.parametrize(
    "first_line, published",
    [
        ("9 Mei 2023", dt.date(2023, 5, 9)),  # a date alone on the first line
        ("Rabu, 27 Juli 2022 | 16:37 WIB", dt.date(2022, 7, 27)),  # a byline with the date
    ],
)
def test_a_date_line_is_the_publication_date_not_the_meeting_s(first_line, published):
    article = parse_article(
        f"{first_line}\nJudul Berita\nPara menteri bertemu pada Senin (8/5) di Beijing untuk membahas kerja sama.\n"
    )
    assert article.published == published
    assert first_line not in article.body


def test_a_date_in_history_is_not_the_meeting_s():
    found = when(
        "Wang Yi membicarakan hubungan yang tumbuh sejak kedua negara membuka hubungan diplomatik "
        "pada 3 Januari 1992.",
        published=dt.date(2022, 6, 9),
    )
    assert found.date == dt.date(2022, 6, 9)
    assert found.unsettled.startswith("no date of the meeting in the article")


@pytest.mark.parametrize(
    "text",
    [
        "Kementerian Luar Negeri China pada Senin (8/5) mengumumkan bahwa Presiden Xi Jinping akan "
        "memimpin KTT China-Asia Tengah di Xi'an pada 18-19 Mei.",
        "Para pemimpin Asia Tengah tiba pada Senin (8/5) menjelang KTT China-Asia Tengah di Xi'an "
        "pada 18-19 Mei mendatang.",
    ],
)
def test_the_announced_meeting_not_the_day_it_was_announced(text):
    found = when(text, published=dt.date(2023, 5, 9))
    assert (found.date, found.announced) == (dt.date(2023, 5, 18), True)


# The story's own clock (each fixture reworded in a real site's format) --------------------------


def test_a_weekday_counted_back_from_the_publication_date():
    # kompas.com style: "Selasa kemarin" in a report published on a Thursday
    found = when(
        "JAKARTA, KOMPAS.com - Menteri Luar Negeri kedua negara bertemu di Astana pada Selasa "
        "kemarin untuk membahas jalur kereta lintas batas.",
        dt.date(2024, 5, 23),
    )
    assert found.date == dt.date(2024, 5, 21)
    assert "'Selasa kemarin' counted back from the publication date 2024-05-23" in found.unsettled
    assert found.quote.startswith("Menteri Luar Negeri kedua negara bertemu di Astana")


def test_the_same_weekday_counted_back_is_a_week_before():
    found = when(
        "Kedua presiden bertemu pada hari Kamis lalu dan sepakat memperluas perdagangan.",
        dt.date(2024, 5, 23),  # a Thursday
    )
    assert found.date == dt.date(2024, 5, 16)


def test_today_inside_a_quoted_speech_is_not_the_meeting_day():
    # the speaker's 'hari ini' is the day of another speech; the story's 'kemarin' dates it
    found = when(
        "Para menteri luar negeri bertemu kemarin di Beijing untuk membahas perdagangan.\n"
        "“Hari ini kita menandai babak baru kerja sama,” kata Wang Yi dalam sambutannya.",
        dt.date(2024, 5, 21),
    )
    assert found.date == dt.date(2024, 5, 20)
    found = when(
        "“Hari ini kita membuka babak baru,” kata Wang Yi saat menerima mitranya di Beijing.",
        dt.date(2024, 5, 21),
    )
    assert found.date == dt.date(2024, 5, 21)  # no day outside the quotes: the speech's


def test_a_day_in_quoted_speech_yields_to_the_story_s_own():
    found = when(
        "Xi mengenang, “Pada 7 September kita meluncurkan Sabuk Ekonomi Jalur Sutra.” "
        "Kedua pemimpin bertemu di Astana pada Rabu (3/7/2024).",
    )
    assert found.date == dt.date(2024, 7, 3)


def test_last_week_is_a_day_to_write():
    found = when(
        "Pembicaraan kedua menteri pekan lalu menghasilkan kesepakatan visa.", dt.date(2024, 5, 21)
    )
    assert found.date == dt.date(2024, 5, 14) and "'pekan lalu'" in found.unsettled


def test_a_weekday_alone_is_the_last_one_up_to_the_publication_date():
    # a translated repost on a blog: "pada hari Sabtu", no date at all
    found = when(
        "Menteri Luar Negeri Tiongkok bertemu Presiden Tajikistan pada hari Sabtu di Dushanbe.",
        dt.date(2024, 5, 20),  # a Monday
    )
    assert found.date == dt.date(2024, 5, 18)
    assert found.unsettled.startswith("no date stated, only 'pada hari Sabtu'")


def test_opened_on_a_day_is_not_a_date_in_history():
    # Xinhua via indonesiashangbao: "KTT ... dibuka pada Kamis (18/5)"
    found = when(
        "XI'AN, 18 Mei (Xinhua) -- KTT China-Asia Tengah yang berlangsung dua hari dibuka pada "
        "Kamis (18/5) di Xi'an.",
        dt.date(2023, 5, 18),
    )
    assert found.date == dt.date(2023, 5, 18)
    assert found.quote.startswith("KTT China-Asia Tengah yang berlangsung dua hari dibuka")


def test_the_date_quote_is_the_sentence_that_says_when():
    found = when(
        "Astana (ANTARA) - Presiden China Xi Jinping tiba di Astana. Ia bertemu Presiden "
        "Kazakhstan pada Rabu (3/7/2024) di Istana Akorda.",
    )
    assert found.quote == "Ia bertemu Presiden Kazakhstan pada Rabu (3/7/2024) di Istana Akorda."


def test_a_tour_to_come_where_the_minister_will_be_is_announced():
    # trtindonesia.com style: "Wang akan berada di ... pada 19–22 November"
    found = when(
        "Menurut Kementerian Luar Negeri China, Wang akan berada di Kyrgyzstan, Uzbekistan, dan "
        "Tajikistan pada 19–22 November.",
        published=dt.date(2025, 11, 17),
    )
    assert found.date == dt.date(2025, 11, 19)
    assert found.announced and found.unsettled.startswith("announced, not yet held")


def test_the_day_a_quoted_envoy_spoke_is_not_the_meeting_s():
    # beritabali.com style: the ambassador's words end '," ujar <title, name>, Rabu (7/9).'
    found = when(
        '"Tidak sampai sepuluh hari lagi, kedua pemimpin akan bertatap muka di KTT SCO," ujar '
        "Duta Besar Rusia untuk China, Andrey Denisov, Rabu (7/9). Pertemuan organisasi tersebut "
        "dijadwalkan pada 15 dan 16 September di Kota Samarkand, Uzbekistan.",
        published=dt.date(2022, 9, 8),
    )
    assert found.date == dt.date(2022, 9, 15)


def test_an_agency_s_bare_weekday_between_commas_is_the_last_one_up_to_the_page_s_date():
    # antaranews.com style: "... tiba di Nur Sultan, Kazakhstan, Rabu, untuk kunjungan ..."
    found = when(
        "Presiden China Xi Jinping tiba di Nur Sultan, Kazakhstan, Rabu, untuk melakukan "
        "kunjungan kenegaraan.",
        published=dt.date(2022, 9, 15),
    )
    assert found.date == dt.date(2022, 9, 14)
    assert found.unsettled.startswith("no date stated, only ', Rabu,'")


def test_a_day_of_the_month_alone_from_a_foot_stamp_s_publication_date():
    # a Korean wire's Indonesian page: 'pada tanggal 28', and its stamp at the foot
    page = (
        "Presiden Uzbekistan: China mitra yang bisa diandalkan\n"
        "Kantor berita Xinhua pada tanggal 28 (waktu setempat) melaporkan bahwa Presiden "
        "Uzbekistan hadir dalam pertemuan para menteri luar negeri SCO di Tashkent.\n"
        "Kedua pihak sepakat memperjelas tugas kerja sama ekonomi dan perdagangan.\n"
        "2022/08/05 09:48 KST\n"
    )
    article = parse_article(page)
    assert article.published == dt.date(2022, 8, 5)
    assert "2022/08/05 09:48 KST" not in article.body
    sentences = [s for _, s in article.sentences()]
    found = meeting_date(article.body, sentences, article.published, 2025)
    assert found.date == dt.date(2022, 7, 28)  # the last 28th up to 5 August
    assert found.quote is not None and "tanggal 28" in found.quote
    assert found.unsettled == (
        "no month or year stated, only 'tanggal 28': the last such day up to the publication "
        "date 2022-08-05"
    )
    # 'tanggal 18 Mei' is a day and a month: not a day alone
    assert when("Pertemuan digelar pada tanggal 18 Mei di Xi'an.", dt.date(2023, 5, 20)).date == (
        dt.date(2023, 5, 18)
    )


# A dateline's day without a year, and a photo caption's date (issue 31) ----------------------

CAPTION = (
    "Menlu China Wang Yi berjabat tangan dengan Menlu Kazakhstan Murat Nurtleu sebelum pertemuan "
    "di Almaty, Kazakhstan, 26 April 2025. (Xinhua/Dana Serik)"
)
STORY = (
    "Almaty, 26 April (Xinhua) -- Menteri Luar Negeri China Wang Yi pada Sabtu menghadiri "
    "pertemuan para menteri luar negeri China dan lima negara Asia Tengah yang keenam.\n"
    "Para menteri membahas kerja sama di bidang perdagangan, energi dan transportasi kawasan.\n"
)


def captioned(text: str, published: dt.date | None = None):
    article = parse_article("Judul Berita Pertemuan Para Menlu\n" + text)
    sentences = [s for _, s in article.sentences()]
    found = meeting_date(
        article.body,
        sentences,
        published or article.dated,
        2026,
        article.page_years,
        article.captions,
        None if published else article.dated_from,
    )
    return article, found


def test_a_dateline_keeps_its_day_and_month_without_a_year():
    dateline = read_dateline(STORY)
    assert dateline is not None and dateline.place == "Almaty"
    assert dateline.day is None and dateline.day_month == (26, 4)


def test_a_dateline_s_day_takes_the_year_of_the_same_day_elsewhere_on_the_page():
    article, _ = captioned(CAPTION + "\n" + STORY)
    assert article.dated == dt.date(2025, 4, 26)
    assert article.dated_from == "the dateline's day, dated by the page's 26 April 2025"


def test_a_dateline_s_day_takes_the_one_year_the_page_names():
    article, _ = captioned(STORY + "Xinhua Indonesia 2025 | Redaksi | Kebijakan Privasi\n")
    assert article.dated == dt.date(2025, 4, 26)
    assert article.dated_from == "the dateline's day, dated by the one year the page names"


@pytest.mark.parametrize(
    "page",
    [
        STORY,  # no year anywhere
        STORY + "Kerja sama itu dimulai pada 2024.\nHak cipta Xinhua 2025\n",  # two years
    ],
)
def test_a_dateline_s_day_gets_no_year_the_page_does_not_give(page):
    article, found = captioned(page)
    assert article.dated is None and article.dated_from is None
    assert found.unsettled is not None and "placeholder" in found.unsettled


def test_a_caption_s_date_is_the_meeting_s_when_the_story_names_no_day():
    _, found = captioned(CAPTION + "\n" + STORY)
    assert found.date == dt.date(2025, 4, 26)
    assert found.quote == CAPTION.removesuffix(" (Xinhua/Dana Serik)")
    assert found.unsettled == (
        "no date of the meeting in the story: the date of a photo caption (it fits the story's "
        "Saturday and the dateline's day 2025-04-26); check that the photo is of the meeting"
    )


@pytest.mark.parametrize(
    "caption, story",
    [
        # the story's weekday is another day than the caption's
        (CAPTION, STORY.replace("pada Sabtu", "pada Kamis")),
        # a photo of the city, not of a meeting
        ("Pemandangan kota Almaty, Kazakhstan, 26 April 2025. (Xinhua/Dana Serik)", STORY),
        # two captions of a meeting that disagree, both on a Saturday
        (CAPTION + "\n" + CAPTION.replace("26 April", "19 April"), STORY),
    ],
)
def test_a_caption_s_date_that_does_not_fit_the_story_is_not_the_meeting_s(caption, story):
    story = story.replace("Almaty, 26 April (Xinhua)", "Almaty (Xinhua)")
    _, found = captioned(caption + "\n" + story)
    assert "photo caption" not in (found.unsettled or "")


def test_a_caption_dated_over_a_week_before_the_publication_date_is_an_older_photo():
    story = STORY.replace("Almaty, 26 April (Xinhua)", "Almaty (Xinhua)")
    _, found = captioned(CAPTION + "\n" + story, published=dt.date(2025, 5, 10))
    assert "photo caption" not in (found.unsettled or "")
    _, found = captioned(CAPTION + "\n" + story, published=dt.date(2025, 4, 27))
    assert found.date == dt.date(2025, 4, 26) and "photo caption" in (found.unsettled or "")


def test_a_day_of_the_story_dated_by_the_dateline_s_borrowed_year_is_marked():
    story = STORY.replace("pada Sabtu", "pada Sabtu (26/4)")
    _, found = captioned(story + "Xinhua Indonesia 2025 | Redaksi\n")
    assert found.date == dt.date(2025, 4, 26)
    assert found.unsettled == (
        "year not stated in the story: 2025, from the dateline's day, dated by the one year the "
        "page names"
    )


def test_a_week_in_the_story_is_no_weekday_against_the_caption():
    story = STORY.replace("pada Sabtu", "dua minggu setelah kunjungannya ke Beijing,")
    _, found = captioned(CAPTION + "\n" + story)
    assert found.date == dt.date(2025, 4, 26)
    assert "it fits the dateline's day 2025-04-26" in (found.unsettled or "")
