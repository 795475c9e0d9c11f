"""The meeting's date: the story's own clock, among the days it names (dates.py reads them)."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from babel import Locale

from briefs.draft.cleaning import of_a_meeting, without_credit
from briefs.draft.dates import DateMention, find_dates, period_mention, resolve, years_named
from briefs.draft.sentences import split_sentences
from briefs.draft.words import alternation, months, weekdays

log = logging.getLogger(__name__)

_ANNOUNCED = re.compile(
    r"\b(?:akan|dijadwalkan|direncanakan|berencana|bakal)\b(?:\s+\w+){0,12}?\s+"
    r"(?:memimpin|menghadiri|menggelar|mengadakan|bertemu|berkunjung|mengunjungi|melakukan"
    r"|berada|melawat|bertandang|mengikuti"
    r"|menyelenggarakan|digelar|diadakan|diselenggarakan|berlangsung|dilaksanakan|hadir|menjadi\s+tuan\s+rumah)\b"
    r"|\b(?:dijadwalkan|direncanakan)\s+(?:pada|mulai|untuk|berlangsung)\b"
    r"|\b(?:menjelang|jelang)\s+(?:KTT|pertemuan|kunjungan|konferensi|sidang)\b"
    r"|\b(?:mendatang|pekan\s+depan|bulan\s+depan|minggu\s+depan)\b",
    re.I,
)
"""'Xi akan memimpin pertemuan puncak ...', 'KTT dijadwalkan digelar ...': a meeting to come."""
_ANOTHER_TO_COME = re.compile(
    r"\byang\s+(?:akan|dijadwalkan|direncanakan|bakal)\b[^.,;]*"
    r"|\b(?:KTT|pertemuan|konferensi|forum)\s+(?:\S+\s+){0,4}?(?:berikutnya|selanjutnya|mendatang)"
    r"\b[^.;]*",
    re.I,
)
"""'... KTT kedua yang akan diselenggarakan di Astana pada Juni mendatang', 'KTT berikutnya akan
digelar ...': a meeting to come that is not this one (its 'akan' does not make this one
announced)."""
_SAID_ON = re.compile(
    r"\b(?:mengumumkan|diumumkan|mengatakan|menyatakan|kata|ujar|menurut|dalam\s+konferensi\s+pers)\b"
    r"[^.]{0,40}$"
    r"|[\"”]\s*,?\s*(?:kata|ujar|ungkap|tutur)\s+[^.\"“”]{0,80}$",
    re.I,
)
"""A date right after 'mengumumkan', 'mengatakan ... pada', or after a quotation's '," ujar Duta Besar
..., Rabu (7/9)': the day something was said."""
_SAID_AFTER = re.compile(
    r"^[^.]{0,30}?\b(?:mengumumkan|mengatakan|menyatakan|menyebutkan|mengonfirmasi|menjelaskan)\b",
    re.I,
)
"""'Kementerian Luar Negeri pada Senin (8/5) mengumumkan ...': said on that day, too."""
_RELATIVE = re.compile(
    r"\b(?:kemarin|hari\s+ini|(?:dua|tiga|\d+)\s+hari\s+(?:yang\s+)?lalu|kemarin\s+lusa)\b", re.I
)


@dataclass
class MeetingDate:
    """The meeting's date as drafted; unsettled says why the article does not settle it."""

    date: dt.date
    period: tuple[dt.date, dt.date] | None = None
    unsettled: str | None = None
    announced: bool = False
    quote: str | None = None
    """The sentence that says when."""
    period_quote: str | None = None
    """The sentence that gives the period, when another than the date's."""


def _weekday_name(day: dt.date) -> str:
    return str(Locale("en").days["format"]["wide"][day.weekday()])


def _month_day(day: dt.date) -> str:
    return f"{day.day} {Locale('en').months['format']['wide'][day.month]}"


def latest_fitting_year(mention: DateMention, bound: int) -> dt.date | None:
    """The latest day up to the bound's year with the mention's day, month (and weekday)."""
    for year in range(bound, bound - 30, -1):
        try:
            day = dt.date(year, mention.month, mention.day)
        except ValueError:
            continue
        if mention.weekday is None or day.weekday() == mention.weekday:
            return day
    return None


def _relative_date(sentence: str, published: dt.date) -> dt.date | None:
    """'kemarin', 'hari ini', 'dua hari lalu' from the day the page was published (dateparser,
    which knows Indonesian relative words, with the publication day as its only reference)."""
    from dateparser.search import search_dates

    settings = {
        "RELATIVE_BASE": dt.datetime(published.year, published.month, published.day, 12),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "RETURN_TIME_AS_PERIOD": False,
    }
    for words, found in search_dates(sentence, languages=["id"], settings=settings) or []:
        if _RELATIVE.fullmatch(words.strip()):
            day: dt.date = found.date()
            return day
    return None


def meeting_date(
    body: str,
    sentences: list[str],
    published: dt.date | None,
    bound: int | None,
    page_years: Sequence[int] = (),
    captions: Sequence[str] = (),
    dated_from: str | None = None,
) -> MeetingDate:
    """The meeting's date: the first date the story gives for it (not a day something was
    announced), read against the publication date; what is not settled is said.

    With no year and no publication date, the weekday fixes the year: the latest year up to
    bound (the latest year the page's own lines print, or the year after the project's latest
    meeting) and not before the latest year the page names; without a bound, the first after
    the latest year named. Either way it is unsettled.

    published may be the dateline's day whose year is the page's (dated_from says so, and a
    date counted from it is unsettled). When the story names no day, a photo caption's full
    date may be the meeting's (`_caption_day`), unsettled."""
    years = years_named(body)
    mentions = find_dates(body)
    # a day named in quoted speech dates the meeting only when the story itself names none
    spoken = _quoted_spans(body)
    told = [m for m in mentions if not any(a <= m.start < b for a, b in spoken)]
    chosen = _chosen(body, told) or _chosen(body, mentions)
    announced = bool(chosen and _announces(body, chosen.start))
    if chosen is None:
        clock = "the dateline's day" if dated_from else "the publication date"
        captioned = _caption_day(captions, body, published, bound, clock)
        found = _no_date(body, sentences, published, bound, captioned, clock)
        # 'Pekan depan, Presiden Xi dijadwalkan bertemu ...': a meeting to come, with no day
        found.announced = bool(
            _ANNOUNCED.search(_ANOTHER_TO_COME.sub(" ", " ".join(sentences[:2])))
        )
        return found
    reference = published
    unsettled = None
    if chosen.year is None and published is None:
        # No year and no publication date: the weekday fixes the year among the latest ones.
        with_weekday = next((m for m in mentions if m.weekday is not None), None)
        anchor = with_weekday or chosen
        named = [y for y in [*years, *page_years] if bound is None or y <= bound]
        day = latest_fitting_year(anchor, bound) if bound is not None else None
        if day is not None and (not named or day.year >= max(named)):
            rule = f"the latest year up to {bound} (the page's or the project's latest)"
        else:
            day = resolve(anchor, None, named)
            rule = "the first year after the latest the page names"
        if day is not None:
            reference = day
            if anchor.weekday is not None:
                unsettled = (
                    f"year not stated: {day.year} is {rule} in which "
                    f"{_month_day(day)} is a {_weekday_name(day)}"
                )
            else:
                unsettled = f"year not stated: taken as {day.year}, {rule}"
    date = resolve(chosen, reference, years)
    if date is None:
        year = bound or 2000
        try:
            date = dt.date(year, chosen.month, chosen.day)
        except ValueError:
            date = dt.date(year, chosen.month, 28)
        unsettled = f"year not stated, and the page names none: write it ({year} is a placeholder)"
    if dated_from and chosen.year is None and reference is published and not unsettled:
        unsettled = f"year not stated in the story: {date.year}, from {dated_from}"
    span = period_mention(body, reference or date, years)
    period = span[:2] if span else None
    if period and not (period[0] <= date <= period[1]):
        period = None
    if period and date == period[1]:
        date = period[0]  # '28-29 Juli', '18 dan 19 Mei': the mention read is the last day
    if announced:
        unsettled = (
            f"announced, not yet held: {date.isoformat()} is the day the article says the "
            "meeting is to be held; check that it took place then"
            + (f"; {unsettled}" if unsettled else "")
        )
    quote = _quote_at(body, sentences, chosen.start)
    # The period's days must stand on a quote too: its sentence, when it is another one.
    said = _quote_at(body, sentences, span[2]) if span and period else None
    return MeetingDate(date, period, unsettled, announced, quote, said if said != quote else None)


def _quoted_spans(body: str) -> list[tuple[int, int]]:
    """Where the story quotes someone: between “ and ”, or a pair of straight quotes, within
    a paragraph."""
    return [m.span() for m in re.finditer(r"“[^”\n]*”?|\"[^\"\n]*\"|(?<!\w)‘[^’\n]{20,}’", body)]


def _quote_at(body: str, sentences: list[str], position: int) -> str | None:
    """The sentence (as split for quotes, an exact piece of the story) at a position of the body."""
    at = 0
    for sentence in sentences:
        start = body.find(sentence, at)
        if start < 0:
            continue
        if start <= position < start + len(sentence):
            return sentence
        at = start + len(sentence)
    return None


def _announces(body: str, position: int) -> bool:
    """Does the sentence at a position announce a meeting to come, other meetings to come
    ('yang akan diselenggarakan', 'KTT berikutnya akan ...') left out unless the date is theirs?"""
    start = max(body.rfind(". ", 0, position), body.rfind("\n", 0, position)) + 1
    sentence = _sentence_of(body, position)
    at = position - start
    kept = sentence
    for other in _ANOTHER_TO_COME.finditer(sentence):
        if not other.start() <= at < other.end():
            kept = kept[: other.start()] + " " * len(other.group()) + kept[other.end() :]
    return bool(_ANNOUNCED.search(kept))


def _sentence_of(body: str, position: int) -> str:
    """The sentence a position is in."""
    start = max(body.rfind(". ", 0, position), body.rfind("\n", 0, position)) + 1
    ends = [e for e in (body.find(". ", position), body.find("\n", position)) if e >= 0]
    return body[start : min(ends, default=len(body))]


def _sentence_before(body: str, position: int) -> str:
    """The text of the sentence up to a position."""
    start = max(body.rfind(". ", 0, position), body.rfind("\n", 0, position)) + 1
    return body[start:position]


_HISTORY = re.compile(
    r"\b(?:sejak|semenjak|menjalin|membuka\s+hubungan|hubungan\s+(?:\w+\s+)?dibuka|terjalin"
    r"|menggalang|didirikan|berdiri|dibentuk|merdeka|kemerdekaan|lahir)\b[^.]{0,80}$",
    re.I,
)
"""'sejak kedua negara membuka hubungan diplomatik pada 3 Januari 1992': a date in history."""


def _chosen(body: str, mentions: list[DateMention]) -> DateMention | None:
    """The first date that is neither in history ('sejak ... pada 3 Januari 1992') nor the day
    something was said or done ahead of an announced meeting, when another date follows it."""
    for i, mention in enumerate(mentions):
        before = _sentence_before(body, mention.start)
        if _HISTORY.search(before):
            continue
        said = _SAID_ON.search(before) or _SAID_AFTER.search(body[mention.end :])
        if said and i + 1 < len(mentions):
            continue
        sentence = _sentence_of(body, mention.start)
        later = mentions[i + 1] if i + 1 < len(mentions) else None
        same = later is not None and _sentence_of(body, later.start) == sentence
        if later and same and _ANNOUNCED.search(sentence):
            continue  # 'tiba pada Senin (8/5) menjelang KTT ... pada 18-19 Mei': the meeting to come
        return mention
    return None


_STORY_WEEKDAY = re.compile(
    rf"\b(?P<weekday>{alternation(w.title() for w in weekdays())}|{alternation(weekdays())})\b"
    r"(?<!\bminggu)"
)
"""A weekday the story names ('pada Jumat', 'Rabu'), capitalised or not, but not the week of
'dua minggu' (a weekday is 'Minggu', capitalised)."""


def _caption_day(
    captions: Sequence[str],
    body: str,
    reference: dt.date | None,
    bound: int | None,
    named: str,
) -> MeetingDate | None:
    """A photo caption's full date as the meeting's, for a story that names no day ('… bertemu
    media di Xi'an, …, 19 Mei 2023. (Xinhua/Zhao Lin)'): a caption of a meeting (people meet,
    shake hands, sign), its date no later than the reference (the publication date or the
    dateline's day) and at most a week before it, on a weekday the story names if it names any
    ('pada Jumat'), and no year before one the story names (an older photo); several such dates
    that disagree settle nothing. Unsettled: a caption shows a photo, not always this meeting."""
    story = _outside_quotes(body)
    story_weekdays = {
        weekdays()[m.group("weekday").lower()] for m in _STORY_WEEKDAY.finditer(story)
    }
    latest_named = max(years_named(story), default=None)
    found: dict[dt.date, str] = {}
    for caption in captions:
        if not of_a_meeting(caption):
            continue
        for mention in find_dates(caption):
            day = resolve(mention, None, []) if mention.year else None
            if day is None or _HISTORY.search(caption[: mention.start]):
                continue
            if reference and not (reference - dt.timedelta(days=7) <= day <= reference):
                continue
            if (bound and day.year > bound) or (latest_named and latest_named > day.year):
                continue
            if story_weekdays and day.weekday() not in story_weekdays:
                continue
            said = caption[mention.start : mention.end]
            sentence = next((s for s in split_sentences(caption) if said in s), caption)
            found.setdefault(day, without_credit(sentence))
    if len(found) != 1:
        return None
    ((day, sentence),) = found.items()
    fits = [f"the story's {_weekday_name(day)}"] if story_weekdays else []
    fits += [f"{named} {reference.isoformat()}"] if reference == day else []
    return MeetingDate(
        day,
        unsettled="no date of the meeting in the story: the date of a photo caption"
        + (f" (it fits {' and '.join(fits)})" if fits else "")
        + "; check that the photo is of the meeting",
        quote=sentence,
    )


_WEEKDAY_BACK = re.compile(
    rf"(?i:\b(?:hari\s+)?(?P<weekday>{alternation(weekdays())})\s+(?P<back>kemarin|lalu|yang\s+lalu)\b)"
)
"""'Selasa kemarin', 'hari Senin lalu': the last such weekday before the story's day."""
_WEEKDAY_ONLY = re.compile(
    rf"(?i:\b(?:pada\s+)?hari\s+(?P<weekday>{alternation(weekdays())})\b)"
    rf"|,\s+(?i:(?P<bare>{alternation(weekdays())}))(?:\s+(?:pagi|siang|sore|malam))?\s*,"
)
"""'pada hari Sabtu', and the agencies' bare weekday between commas ('tiba di Nur Sultan,
Kazakhstan, Rabu, untuk ...'): a weekday and nothing else."""
_WEEK_BACK = re.compile(r"\b(?:pekan|minggu)\s+lalu\b", re.I)
_DAY_ONLY = re.compile(
    rf"(?i:\btanggal\s+(?P<day>\d{{1,2}})(?!\s*(?:[/.-]\s*\d|\d|{alternation(months())})))(?![\w-])"
)
"""'pada tanggal 28 (waktu setempat)': a day of the month, and neither month nor year."""


def _last_day_numbered(day: int, published: dt.date) -> dt.date | None:
    """The last day of that number up to the publication date (28: 28 July before 5 August)."""
    month, year = published.month, published.year
    for _ in range(12):
        try:
            found = dt.date(year, month, day)
        except ValueError:
            found = None
        if found is not None and found <= published:
            return found
        month, year = (month - 1, year) if month > 1 else (12, year - 1)
    return None


def _outside_quotes(sentence: str) -> str:
    """The sentence without what it quotes: a 'hari ini' in a speech is the speaker's day."""
    return re.sub(r"“[^”]*”?|\"[^\"]*\"", " ", sentence)


def _no_date(
    body: str,
    sentences: list[str],
    published: dt.date | None,
    bound: int | None,
    captioned: MeetingDate | None = None,
    named: str = "the publication date",
) -> MeetingDate:
    """No day in the story: a weekday counted back ('Selasa kemarin'), 'kemarin', 'hari ini'
    or 'dua hari lalu' from the publication date, named (outside quoted speech first), a day of
    the month alone; else a caption's full date (captioned, see `_caption_day`), a weekday
    alone (the last one up to that date), else the publication date, else the first day of the
    latest year named; always unsettled."""
    if published is not None:
        told = [(s, _outside_quotes(s)) for s in sentences]
        for sentence, text in [*told, *((s, s) for s in sentences)]:
            back = _WEEKDAY_BACK.search(text)
            if back:
                weekday = weekdays()[back.group("weekday").lower()]
                day = published - dt.timedelta(days=(published.weekday() - weekday - 1) % 7 + 1)
                return MeetingDate(
                    day,
                    unsettled=f"no date stated: {back.group(0)!r} counted back from "
                    f"{named} {published.isoformat()}",
                    quote=sentence,
                )
            relative = _RELATIVE.search(text)
            if relative and (counted := _relative_date(relative.group(0), published)):
                return MeetingDate(
                    counted,
                    unsettled=f"no date stated: {relative.group(0)!r} "
                    f"counted from {named} {published.isoformat()}",
                    quote=sentence,
                )
        for sentence, text in told:
            numbered = _DAY_ONLY.search(text)
            numbered_day = (
                _last_day_numbered(int(numbered.group("day")), published) if numbered else None
            )
            if numbered and numbered_day:
                return MeetingDate(
                    numbered_day,
                    unsettled=f"no month or year stated, only {numbered.group(0)!r}: the last "
                    f"such day up to {named} {published.isoformat()}",
                    quote=sentence,
                )
        if captioned is not None:
            return captioned
        for sentence, text in told:
            only = _WEEKDAY_ONLY.search(text)
            if only:
                weekday = weekdays()[(only.group("weekday") or only.group("bare")).lower()]
                day = published - dt.timedelta(days=(published.weekday() - weekday) % 7)
                return MeetingDate(
                    day,
                    unsettled=f"no date stated, only {only.group(0)!r}: the last "
                    f"{_weekday_name(day)} up to {named} {published.isoformat()}",
                    quote=sentence,
                )
            week = _WEEK_BACK.search(text)
            if week:
                return MeetingDate(
                    published - dt.timedelta(days=7),
                    unsettled=f"no date stated: {week.group(0)!r}, a day of the week before "
                    f"{named} {published.isoformat()}; write the day",
                    quote=sentence,
                )
        return MeetingDate(
            published,
            unsettled="no date of the meeting in the article: "
            + (
                "the day the page was published"
                if named == "the publication date"
                else f"{named} {published.isoformat()}"
            ),
        )
    if captioned is not None:
        return captioned
    year = bound or 2000
    return MeetingDate(
        dt.date(year, 1, 1),
        unsettled=f"no date in the article and no publication date: write the meeting's date "
        f"(1 January {year} is a placeholder)",
    )
