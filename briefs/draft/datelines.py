"""Datelines and bylines' dates: where and when a page says its story was filed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefs.draft.dates import find_dates, full_date
from briefs.draft.words import countries, weekdays

_DATELINE_TIME = re.compile(
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{1,2})?\s*(?:WIB|WITA|WIT)\b|\b(?:WIB|WITA|WIT)\b"
)


def date_only(line: str) -> dt.date | None:
    """A line that is only a date, maybe with weekday and time: '9 Mei 2023', 'Rabu, 27 Juli
    2022 | 16:37 WIB': the day the story was published."""
    found = full_date(line)
    if found is None:
        return None
    rest = re.sub(r"[\d:.|,/()\s-]|WIB|WITA|WIT|pukul", "", line[found[1] :], flags=re.I)
    before = line[: found[1]].strip(" |,-")
    if len(rest) <= 12 and (not before or before.split(",")[-1].strip().lower() in weekdays()):
        return found[0]
    return None


_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")


def iso_date(line: str) -> tuple[dt.date, int] | None:
    """'2024-07-03 20:17:40': the date a page prints beside its headline."""
    m = _ISO_DATE.search(line)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.start()
    except ValueError:
        return None


_STAMP = re.compile(
    r"(?P<y>(?:19|20)\d\d)[/.-](?P<m>\d\d)[/.-](?P<d>\d\d)"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+[A-Z]{2,5})?"
)


def stamp_date(line: str) -> dt.date | None:
    """A line that is only a page's numeric stamp, date first, maybe with time and zone
    ('2022/08/05 09:48 KST', a wire's foot): the day the story was published."""
    m = _STAMP.fullmatch(line.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


def is_byline_with_date(line: str) -> bool:
    """'Rabu, 27 Juli 2022 | 16:37 WIB', 'SENIN, 03 JANUARI 2022 | 07:24 WIB | LAPORAN: ...',
    '2024-07-03 20:17:40', 'Kamis 15 Sep 2022 12:24 WIB', '(Xinhua) 10:12, 18 Mei 2023': when the
    page was published."""
    if len(line.split()) > 16:
        return False
    if (iso_date(line) and re.search(r"\d{1,2}:\d{2}", line)) or _ISO_DATE.fullmatch(line.strip()):
        return True
    if len(line.split()) <= 8 and _CLOCK.search(line) and full_date(line):
        return True  # '(Xinhua) 10:12, 18 Mei 2023': an agency's stamp, a clock with no zone
    return bool(_DATELINE_TIME.search(line) and (full_date(line) or other_byline_date(line)))


_CLOCK = re.compile(r"(?<![\d.:])\d{1,2}:\d{2}(?![\d.:])")


def other_byline_date(line: str) -> tuple[dt.date, int] | None:
    """A byline's date in a form the own rules do not read ('Senin, 23/05/2016 12:34 WIB'):
    dateparser's, day first, and only with day, month and year all written."""
    from dateparser.search import search_dates

    settings = {
        "DATE_ORDER": "DMY",
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RELATIVE_BASE": dt.datetime(2000, 1, 1),  # never the clock; unused with all parts
        "PREFER_DATES_FROM": "past",
    }
    for words, found in search_dates(line, languages=["id", "en"], settings=settings) or []:
        if re.search(r"\d{4}", words):
            return found.date(), line.find(words)
    return None


def author_before(text: str) -> str | None:
    """The name before a byline's date ('Unggul Wirawan / JAI Jumat, ...'), not a weekday."""
    text = text.strip(" |,")
    words = text.split()
    while words and words[-1].strip(",").lower() in weekdays():
        words.pop()
    return " ".join(words).strip(" |,") or None


_DATELINE = re.compile(r"^(?P<head>[^\s].{0,70}?)\s+[-–—]{1,2}\s+(?=\S)")
_SITE = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|id|co|net|org|tv|news)(?:\.id)?$", re.I)
_PLACE_WORDS = re.compile(r"^[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}$")


@dataclass(frozen=True)
class Dateline:
    """What opens a story before its dash: 'Beijing (ANTARA) -', 'Kabar24.com, ASTANA -',
    'Suara.com -', 'BEIJING –', 'Astana, Radio Bharata Online -'."""

    place: str | None
    publisher: str | None
    agency: str | None
    length: int
    day: dt.date | None = None
    """The day filed, when the dateline gives it with its year ('JAKARTA, 15 Juni 2024 -')."""
    day_month: tuple[int, int] | None = None
    """The day and month filed, when the dateline gives them without a year ('Xi'an, 19 Mei
    (Xinhua) --'): the page's own years may date them (`dates.year_of_the_page`)."""


def city_case(name: str) -> str:
    """'NUR-SULTAN' -> 'Nur-Sultan', "XI'AN" -> "Xi'an": a dateline's capitals as a name."""
    if not name.isupper():
        return name
    return "-".join(
        " ".join(w[:1] + w[1:].lower() for w in part.split(" ")) for part in name.split("-")
    )


def read_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a story's first paragraph, if it has one."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    place = publisher = agency = None
    day: dt.date | None = None
    day_month: tuple[int, int] | None = None
    for part in (p.strip() for p in re.split(r"[,|]", m.group("head"))):
        bracket = re.fullmatch(r"(?P<before>.*?)\s*\((?P<inside>[A-Za-z.]+)\)", part)
        inside = bracket.group("inside") if bracket else None
        if bracket:
            part = bracket.group("before")
        if re.fullmatch(r"\d{1,2}\s+[A-Za-z]+\.?(?:\s+\d{4})?", part) and place:
            # "XI'AN, 19 Mei (Xinhua) --": the day the report was filed
            filed = full_date(part)
            day = filed[0] if filed else day
            said = find_dates(part)
            day_month = (said[0].day, said[0].month) if said else day_month
        elif not part:
            pass
        elif _SITE.match(part):
            publisher = publisher or part
        elif _PLACE_WORDS.match(part) and place is None:
            place = city_case(part)
        elif re.fullmatch(r"[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}", part) and publisher is None:
            publisher = part
        else:
            return None  # lower-case words: a sentence with a dash, not a dateline
        agency = agency or inside
    if place in countries():
        place = None  # "Tiongkok, Bolong.id - ": a country, not a place
    return Dateline(place, publisher, agency, m.end(), day, day_month)
