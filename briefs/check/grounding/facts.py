"""Facts: the meeting's date and period, its place, its participants and its kind are those
their own quotes state (date_quote, place.quote, participants[].quote)."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from briefs.check.grounding.finding import Finding
from briefs.check.grounding.names import WORD, word_occurs
from briefs.language.gazetteer import VIDEO, Gazetteer, office_twins, offices, role_of
from briefs.language.scripts import has_native_script
from briefs.summary.meeting import Kind, Meeting, Participant
from briefs.summary.vocabulary import Glossary


@cache
def _calendar() -> tuple[dict[str, int], dict[str, int]]:
    """Weekday names (Monday = 0) and month names (January = 1) of CLDR, id and en, lower case."""
    from babel.dates import get_day_names, get_month_names

    days: dict[str, int] = {}
    months: dict[str, int] = {}
    for language in ("id", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_day_names(width, locale=language).items():
                days[str(name).lower().rstrip(".")] = int(number)
            for number, name in get_month_names(width, locale=language).items():
                months[str(name).lower().rstrip(".")] = int(number)
    return days, months


@cache
def _date_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    days, months = _calendar()
    day = "|".join(sorted(map(re.escape, days), key=len, reverse=True))
    month = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    numeric = re.compile(
        rf"(?:\b(?P<weekday>{day})\b[\s,]*)?\(\s*(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>\d{{2,4}}))?\s*\)",
        re.I,
    )
    spelled = re.compile(
        rf"(?:\b(?P<weekday>{day})\b[\s,]*)?\b(?P<d>\d{{1,2}})\s+(?P<month>{month})\b(?:\s+(?P<y>\d{{4}}))?",
        re.I,
    )
    return numeric, spelled


def stated_dates(text: str, published: dt.date | None, meeting: dt.date) -> list[dt.date]:
    """The dates a text states: '(1/12)', 'Rabu (11/9/2019)', '20 Mei 2024'. A missing year is
    the publication's (the year before when that would put the day after it, or when only that
    year agrees with the weekday given); with no publication date, the meeting's."""
    days, months = _calendar()
    reference = published or meeting
    found: list[dt.date] = []
    numeric, spelled = _date_res()
    for pattern in (numeric, spelled):
        for match in pattern.finditer(text):
            d = int(match.group("d"))
            m = (
                months[match.group("month").lower()]
                if "month" in match.groupdict() and match.group("month")
                else int(match.group("m"))
            )
            weekday = days.get((match.group("weekday") or "").lower())
            years = (
                [int(match.group("y"))]
                if match.group("y")
                else [reference.year, reference.year - 1]
            )
            years = [y + 2000 if y < 100 else y for y in years]
            candidates = []
            for year in years:
                try:
                    candidates.append(dt.date(year, m, d))
                except ValueError:
                    continue
            if not match.group("y"):
                if weekday is not None:
                    candidates = [c for c in candidates if c.weekday() == weekday] or candidates[:1]
                else:
                    candidates = [c for c in candidates if c <= reference][:1] or candidates[:1]
            found += candidates[:1]
    return found


def _day(date: dt.date) -> str:
    from babel.dates import format_date

    return format_date(date, "EEEE d MMMM y", locale="id")


def date_findings(meeting: Meeting, published: dt.date | None) -> list[Finding]:
    """The date (and the period's start and end) are dates the date quote states."""
    if not meeting.date_quote:
        return [Finding(("date",), "no 'date_quote': give the sentence that says when", True)]
    quoted = " ".join(q.text for q in meeting.date_quote)
    dates = stated_dates(quoted, published, meeting.date)
    findings = []
    shown = ", ".join(_day(d) for d in dates) or "no date"
    if meeting.date not in dates:
        findings.append(
            Finding(("date",), f"{meeting.date} is not a date the date quote states ({shown})")
        )
    if meeting.period is not None:
        for end in ("start", "end"):
            value = getattr(meeting.period, end)
            if value not in dates:
                findings.append(
                    Finding(
                        ("period", end), f"{value} is not a date the date quote states ({shown})"
                    )
                )
    return findings


def place_findings(meeting: Meeting, gazetteer: Gazetteer, base: Gazetteer) -> list[Finding]:
    """The city (and venue) are named in the place quote, the country is the city's, a known
    city's English is one of its names (base: the gazetteer without the summary's own pairs);
    online needs the quote to speak of a video conference."""
    place = meeting.place
    city = place.city
    if city is not None and city.id != city.en:
        both_known = base.country_of(city.id) is not None and base.country_of(city.en) is not None
        if both_known and city.en not in base.entity(city.id):
            return [Finding(("place", "city", "en"), f"{city.en!r} is not a name of {city.id}")]
    if not place.stated:
        return []
    if not place.quote:
        return [Finding(("place",), "no 'quote': give the sentence that says where", True)]
    quoted = " ".join(q.text for q in place.quote)
    findings = []
    if place.online and not VIDEO.search(quoted):
        findings.append(
            Finding(
                ("place", "online"), "the place's quote does not say the meeting was held by video"
            )
        )
    for part in ("city", "venue"):
        text = getattr(place, part)
        if text is not None and not gazetteer.carries(text.id, quoted):
            findings.append(
                Finding(("place", part, "id"), f"{text.id!r} is not in the place's quote")
            )
    if place.city is not None and place.country is not None:
        code = gazetteer.country_of(place.city.id)
        if code is None:
            named = {c for _, c in gazetteer.countries_in(quoted)}
            if named and place.country not in named:
                findings.append(
                    Finding(
                        ("place", "country"),
                        f"{place.country!r}: the place's quote names {sorted(named)}",
                    )
                )
        elif code != place.country:
            findings.append(
                Finding(("place", "country"), f"{place.country!r}: {place.city.id} is in {code}")
            )
    return findings


def participant_findings(
    meeting: Meeting, gazetteer: Gazetteer, glossary: Glossary, article: str
) -> list[Finding]:
    """Each participant's name, office and country are in their quote; the office's English is
    its twin in the shipped vocabulary or the glossary; the native name is in the article when
    the article writes any name in its own script."""
    findings: list[Finding] = []
    foreign_script = has_native_script(article)
    for i, participant in enumerate(meeting.participants):
        at = ("participants", i)
        if participant.native_name and foreign_script and participant.native_name not in article:
            findings.append(
                Finding((*at, "native_name"), f"{participant.native_name!r} is not in the article")
            )
        findings += _office_english(participant, at, glossary)
        if not participant.quote:
            findings.append(
                Finding(at, "no 'quote': give the sentence that names them in their office", True)
            )
            continue
        quoted = " ".join(q.text for q in participant.quote)
        if participant.name:
            for word in WORD.findall(participant.name):
                if not word_occurs(word, quoted):
                    findings.append(
                        Finding((*at, "name"), f"{word!r} is not in the participant's quote")
                    )
        missing = _office_missing(participant.office.id, quoted)
        if missing:
            findings.append(
                Finding((*at, "office", "id"), f"{missing!r} is not in the participant's quote")
            )
        findings += _country(participant, at, quoted, gazetteer)
    return findings


def _office_missing(office: str, quoted: str) -> str | None:
    """The part of an office ('Wakil Perdana Menteri', 'Menteri Luar Negeri') that the quote
    does not give under any of its names (Menlu for Menteri Luar Negeri); 'Perdana Menteri' is
    not given by 'Wakil Perdana Menteri'."""
    for part in (p.strip() for p in re.split(r"\s+dan\s+|\s*,\s*", office)):
        known = offices().get(part.lower())
        names = {part, *(known.id if known else ())}
        if not any(_office_re(n).search(quoted) for n in names):
            return part
    return None


@cache
def _office_re(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!Wakil )(?<!wakil )(?<![\w-]){re.escape(name)}(?![\w-])", re.I)


def _office_english(
    participant: Participant, at: tuple[str | int, ...], glossary: Glossary
) -> list[Finding]:
    twins = office_twins(participant.office.id)
    for term in glossary.terms:
        if participant.office.id in term.id:
            twins |= {name.lower() for name in term.en}
    if not twins:
        return [
            Finding(
                (*at, "office", "en"),
                f"{participant.office.id!r} is not an office of briefs/data/vocabulary.yaml or"
                " sources/glossary.yaml: add it there with its English",
                True,
            )
        ]
    if participant.office.en.lower() not in twins:
        shown = " / ".join(sorted(twins)[:3])
        return [
            Finding(
                (*at, "office", "en"),
                f"{participant.office.en!r} is not the English of {participant.office.id!r} ({shown})",
            )
        ]
    return []


def _country(
    participant: Participant, at: tuple[str | int, ...], quoted: str, gazetteer: Gazetteer
) -> list[Finding]:
    named = gazetteer.countries_in(quoted)
    if not named:
        return [
            Finding(
                (*at, "country"),
                f"the participant's quote names no country ({participant.country})",
            )
        ]
    if participant.name:
        first = participant.name.split()[0]
        where = quoted.find(first)
        before = [c for offset, c in named if offset < where]
        after = [c for offset, c in named if offset > where]
        nearest = before[-1] if before else after[0]
        if nearest != participant.country:
            return [
                Finding(
                    (*at, "country"),
                    f"{participant.country!r}: the participant's quote names {nearest} with"
                    f" {participant.name}",
                )
            ]
    elif participant.country not in {c for _, c in named}:
        return [
            Finding(
                (*at, "country"), f"{participant.country!r} is not named in the participant's quote"
            )
        ]
    return []


_KIND_NEEDS = {
    Kind.summit: (
        {"head-of-state", "head-of-government", "leader"},
        "a head of state or government",
    ),
    Kind.state_visit: ({"head-of-state", "head-of-government", "leader"}, "a head of state"),
    Kind.foreign_ministers_meeting: ({"foreign-minister"}, "foreign ministers"),
}


def kind_findings(meeting: Meeting) -> list[Finding]:
    """The kind agrees with the participants' offices (a warning): foreign ministers only are
    no summit; a bilateral meeting has two countries."""
    roles = set().union(*(role_of(p.office.id) for p in meeting.participants))
    needs = _KIND_NEEDS.get(meeting.kind)
    if needs is not None and roles and not roles & needs[0]:
        return [
            Finding(
                ("kind",), f"{meeting.kind.value!r} needs {needs[1]} among the participants", True
            )
        ]
    if meeting.kind == Kind.bilateral_talks and len(meeting.countries) != 2:
        return [
            Finding(("kind",), f"'bilateral-talks' with {len(meeting.countries)} countries", True)
        ]
    return []
