"""Places: countries from CLDR and the press, and where the meeting was held."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from briefs.draft.cleaning import Article, of_a_meeting, without_credit
from briefs.draft.sentences import split_sentences
from briefs.draft.words import calendar_words, countries, country_pattern
from briefs.language.gazetteer import cldr_city_countries, vocabulary

if TYPE_CHECKING:
    from briefs.draft.people import FoundParticipant

log = logging.getLogger(__name__)

_VIDEO = re.compile(
    r"konferensi\s+video|video\s*conference|secara\s+(?:virtual|daring|online)|\bdaring\b|"
    r"melalui\s+(?:tautan\s+)?video|pertemuan\s+virtual"
    r"|\b(?:pertemuan|rapat|KTT|konferensi|sidang|dialog)\s+(?:\w+\s+){0,2}(?:online|virtual)\b",
    re.I,
)


_PLACE_WORDS = frozenset(
    "Asia Eropa Afrika Amerika Timur Tengah Barat Selatan Utara Laut Teluk Provinsi Kawasan "
    "Wilayah Daerah Negara Republik Kerajaan Federasi".split()
)
"""Capitalised words after 'di' that name a region or a kind of place, not a city."""
_CITY = r"[A-Z][\w'’-]*[a-z][\w'’-]*(?:\s+[A-Z][\w'’-]*[a-z][\w'’-]*)?"
_VENUE = r"[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|di|dan|of|the)){1,5}"


@cache
def _place_res() -> dict[str, re.Pattern[str]]:
    country = country_pattern()
    return {
        # di Astana, Kazakhstan / Di kota Samarkand, Uzbekistan
        "city_country": re.compile(
            rf"\b[Dd]i\s+(?:[Kk]ota\s+)?(?P<city>{_CITY})\s*,\s*(?P<country>{country})"
        ),
        # di kota Chengdu / di ibu kota Tashkent / Kota Xi'an di barat laut China
        "kota": re.compile(
            r"(?:\b[Dd]i\s+(?:[Ii]bu\s*)?[Kk]ota|^Kota|(?<=\.\s)Kota)\s+"
            r"(?:(?:kuno|tua|pelabuhan|besar|utara|selatan|barat|timur|laut|daya|tenggara"
            r"|pesisir|industri|bersejarah)\s+){0,3}"
            rf"(?P<city>{_CITY})"
        ),
        # di Aula Besar Rakyat, Beijing / di Istana Akorda di Astana / di Dushanbe
        "di": re.compile(
            rf"\b[Dd]i\s+(?:(?P<venue>{_VENUE})(?:,\s+|\s+di\s+))?(?P<city>{_CITY})(?![\w'’-])"
        ),
        # tiba di Samarkand / berkunjung ke Astana
        "arrival": re.compile(
            rf"\b(?:tiba|mendarat|berkunjung|datang|sampai|kunjungan(?:\s+\w+)?)\s+(?:di|ke)\s+"
            rf"(?:[Kk]ota\s+)?(?P<city>{_CITY})"
        ),
        # Samarkand, Uzbekistan / Xi'an di barat laut China / Dushanbe, ibu kota Tajikistan
        "country_after": re.compile(
            rf"^(?:\s*,\s*(?:(?:ibu\s*kota|[Pp]rovinsi|[Dd]aerah|[Kk]awasan)\s+(?:[^,.]{{0,30}},\s*)?)?"
            rf"|\s+di\s+(?:[a-z]+\s+){{0,3}})(?P<country>{country})"
        ),
        # kunjungan kenegaraan ke Kazakhstan dan Uzbekistan / lawatan ke Kirgistan, Uzbekistan,
        # dan Tajikistan: a tour, one city per stop
        "tour": re.compile(
            rf"\b(?:kunjungan|berkunjung|lawatan|melawat|tur|mengunjungi|kunjungi)\b[^.]{{0,40}}?"
            rf"\b(?:ke\s+)?(?P<first>{country})(?:\s*,\s*(?:{country}))*,?\s+(?:dan|serta)\s+"
            rf"(?P<last>{country})"
        ),
        "visited": re.compile(
            rf"\b(?:kunjungan|berkunjung|lawatan|tiba)\b[^.]*?\b(?:ke|di)\s+(?P<country>{country})"
        ),
    }


@dataclass(frozen=True)
class _Candidate:
    city: str
    venue: str | None
    country: str | None
    strength: int
    position: int
    sentence: str | None = None


@dataclass
class FoundPlace:
    """Where the meeting was held, as the article gives it, and what of it is not settled:
    unsettled maps a field ('city', 'country'; '' for the whole place) to the reason."""

    city: str | None = None
    venue: str | None = None
    country: str | None = None
    online: bool = False
    quote: str | None = None
    """The sentence that says where (or that it was held by video)."""
    unsettled: dict[str, str] = field(default_factory=dict)

    @property
    def stated(self) -> bool:
        return self.online or self.city is not None


@cache
def known_cities() -> dict[str, str]:
    """City -> country from the one gazetteer: CLDR's exemplar cities, then the cities the
    shipped vocabulary adds (Beijing, Astana, Xi'an: CLDR names no time zone after them)."""
    found = dict(cldr_city_countries())
    for city in vocabulary().cities:
        for name in city.names:
            found.setdefault(name, city.country)
    return found


def find_place(
    article: Article,
    participants: list[FoundParticipant],
    known: dict[str, str] | None = None,
    when: str | None = None,
    year: int | None = None,
    day: dt.date | None = None,
) -> FoundPlace:
    """Where the meeting was held, and what of it the article does not settle.

    Online when held by video. Else the first city the story names with its country ('di
    Astana, Kazakhstan') or as a city ('di kota Chengdu'); else the first 'di <City>' that
    CLDR, the project's summaries or the dateline know as a city; else the first 'di <Name>'
    (unsettled: a name no gazetteer knows); else the dateline's city (unsettled: where the
    reporter wrote, not always where the meeting was). known maps the project's cities to
    their countries; when is the sentence that says when the meeting was (the date's
    quote), where the story most often says where too; year is the meeting's: a sentence that
    dates itself to an earlier year speaks of another meeting, and its city is not this one's.
    When the story names no place, a photo caption's city may be the meeting's (day is the
    meeting's date: `_caption_place`), before the dateline's city when the caption is dated that
    day, after it when the caption has no date; unsettled either way."""
    # by video: said in the headline or the story's opening, not of an earlier meeting
    if article.headline and _VIDEO.search(article.headline):
        return FoundPlace(online=True, quote=article.headline)
    for paragraph in article.paragraphs[:2]:
        for sentence in split_sentences(paragraph.text):
            if _VIDEO.search(sentence):
                return FoundPlace(online=True, quote=sentence)
    known = {**known_cities(), **(known or {})}
    candidates = [
        c
        for c in _candidates(article, participants, known)
        if not (
            year
            and c.sentence
            and (
                (c.sentence != when and _of_an_earlier_time(c.sentence, year))
                or _dated_earlier(c.city, c.sentence, year)
            )
        )
    ]
    strong = [c for c in candidates if c.strength >= 2]
    # a city named where the story speaks of the meeting, before one named for something else
    about = [c for c in strong if c.sentence and _MEETING.search(c.sentence)]
    dated = [c for c in strong if when and c.sentence == when]
    # the dateline's city, when the story also puts something there
    filed = [c for c in about if article.dateline and _known(c.city, {article.dateline: "x"})]
    ranked = dated or filed or about or strong or candidates
    chosen: _Candidate | None = ranked[0] if ranked else None
    place = FoundPlace()
    dateline = article.dateline
    named_in = next((s for _, s in article.sentences() if dateline and _named(dateline, s)), None)
    if (
        chosen
        and dateline
        and named_in
        and (not strong or (not (dated or about) and bool(_MEETING.search(named_in))))
    ):
        # 'di Jalur Sutra' no gazetteer knows, or a city named for something else ('kepada
        # wartawan di Moskow'), and the dateline's city the story names
        chosen = _Candidate(dateline, None, _known(dateline, known), 2, 0, named_in)
        place.unsettled["city"] = f"the dateline's city, which the story names too ({dateline})"
    elif chosen and strong and not about:
        place.unsettled["city"] = (
            f"{chosen.city} is named, but not where the story speaks of the meeting: check it"
        )
    if chosen and chosen.sentence:
        for listed in _LISTED_CITIES.finditer(chosen.sentence):
            parts = re.split(r"\s*,\s*(?:dan\s+)?|\s+dan\s+", listed.group(0)[3:])
            names = {h for p in participants for h in p.handles()}
            cities = [n for n in parts if n and _city_name(n, names, set()) == n]
            if chosen.city in cities and len(cities) >= 2:
                place.unsettled["city"] = (
                    f"one of several cities the story names ({', '.join(cities)}): the "
                    "meeting's, or write 'stated: false' for a tour"
                )
    opening = " ".join([article.headline or "", *(p.text for p in article.paragraphs[:2])])
    tour = _place_res()["tour"].search(opening)
    if chosen and tour and "city" not in place.unsettled:
        place.unsettled["city"] = (
            f"a visit to several countries ({tour.group(0)}): one city per stop; the "
            "meeting's, or write 'stated: false' for the tour"
        )
    captioned = _caption_place(article, known, day) if chosen is None else None
    if captioned and (captioned[1] or not article.dateline):
        chosen = captioned[0]
        also = _known(chosen.city, {article.dateline: "x"}) if article.dateline else None
        place.unsettled["city"] = (
            f"the story names no place of the meeting; {chosen.city} is named in a photo caption"
            + (" of the meeting's day" if captioned[1] else "")
            + (" and is the dateline's city" if also else "")
            + ": check that the photo is of the meeting"
        )
    if chosen is None and article.dateline:
        chosen = _Candidate(article.dateline, None, known.get(article.dateline), 0, 0)
        place.unsettled["city"] = (
            f"the article names no place of the meeting; {article.dateline} is the dateline's "
            "city, where the report was written"
        )
    if chosen is None:
        place.unsettled[""] = (
            "no place stated: drafted as not stated; write the city and country if the article "
            "gives them after all"
        )
        return place
    if chosen.strength == 1 and "city" not in place.unsettled:
        place.unsettled["city"] = (
            f"{chosen.city!r} is not a city CLDR or the project's summaries know: check it"
        )
    place.city, place.venue, place.quote = chosen.city, chosen.venue, chosen.sentence
    visited = _place_res()["visited"].search(f"{article.headline or ''}\n{article.body}")
    stated_with = _country_stated_with(chosen.city, article)
    if chosen.country:
        place.country = chosen.country
    elif stated_with:
        place.country = stated_with
        place.unsettled["country"] = (
            f"country not stated where the city is: the article gives {chosen.city} as a city "
            f"of {stated_with} elsewhere, or in the same sentence"
        )
    elif visited:
        place.country = countries()[visited.group("country")]
        place.unsettled["country"] = (
            f"country not stated with the city: the one visited ({place.country})"
        )
    elif named := _most_named_country(article.body):
        place.country = named
        place.unsettled["country"] = (
            f"country not stated with the city: the one the article names most ({named})"
        )
    else:
        place.country = ""
        place.unsettled["country"] = "country not stated: write its code"
    return place


def _caption_place(
    article: Article, known: dict[str, str], day: dt.date | None
) -> tuple[_Candidate, bool] | None:
    """A city a photo caption of a meeting puts people at ('… bertemu media di Xi'an, Provinsi
    Shaanxi, China barat laut, 19 Mei 2023. (Xinhua/Zhao Lin)'), and whether the caption is dated
    the meeting's day: a city a gazetteer (or the dateline) knows, in a caption with a meeting's
    word that gives no other day than the meeting's; the first such caption's, the one dated
    that day first."""
    from briefs.draft.dates import find_dates

    res = _place_res()
    found: list[tuple[_Candidate, bool]] = []
    for caption in article.captions:
        days = {(d.day, d.month) for d in find_dates(caption)}
        dated = day is not None and days == {(day.day, day.month)}
        if (days and not dated) or not of_a_meeting(caption):
            continue
        for sentence in split_sentences(caption):
            sentence = without_credit(sentence)
            for key in ("city_country", "kota", "di"):
                for m in res[key].finditer(sentence):
                    city = _city_name(m.group("city"), set(), set())
                    if city is None or not (_known(city, known) or city == article.dateline):
                        continue
                    country = m.groupdict().get("country")
                    code = countries()[country] if country else None
                    if code is None and (after := res["country_after"].match(sentence[m.end() :])):
                        code = countries()[after.group("country")]
                    candidate = _Candidate(
                        city, None, code or _known(city, known), 2, m.start(), sentence
                    )
                    found.append((candidate, dated))
    found.sort(key=lambda c: not c[1])
    return found[0] if found else None


_MEETING = re.compile(
    r"\b(?:bertemu|pertemuan|pembicaraan|berbicara|KTT|konferensi|sidang|rapat|tiba|sampai"
    r"|datang|mendarat|berkunjung|kunjungan|lawatan|menghadiri|hadir|digelar|berlangsung"
    r"|diadakan|menggelar|menerima|menyambut|disambut|berkumpul|memimpin)\b",
    re.I,
)
"""A sentence about the meeting: they meet, arrive, attend, hold it."""
_LISTED_CITIES = re.compile(
    r"\b[Dd]i\s+(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s*,\s*){1,4}(?:dan\s+)?[A-Z][\w'’-]+"
)
"""'Di Bishkek, Tashkent, dan Dushanbe ia akan bertemu ...': a tour, several cities at once."""


_EARLIER = re.compile(
    r"^(?:Sebelumnya|Sebelum\s+itu|Dulu|Dahulu)\b|\b(?:pada|sejak)\s+(?:\w+\s+)?((?:19|20)\d\d)\b"
)
"""'Sebelumnya, ...', '... bertemu di Beijing pada Oktober 2023': a sentence of another time."""


def _of_an_earlier_time(sentence: str, year: int) -> bool:
    """Does the sentence speak of an earlier time than the meeting's year: it opens with
    'Sebelumnya', or dates what it tells to an earlier year ('pada Oktober 2023')?"""
    for m in _EARLIER.finditer(sentence):
        if m.group(1) is None or int(m.group(1)) < year:
            return True
    return False


def _dated_earlier(city: str, sentence: str, year: int) -> bool:
    """Is the city dated to an earlier year where the sentence names it ('hasil KTT pertama di
    Kota Xi'an pada tahun 2023', in a sentence about a meeting of 2024)?"""
    m = re.search(
        rf"{re.escape(city)}(?:\s*,\s*[^,.]{{0,30}})?\s+pada\s+(?:tahun\s+)?((?:19|20)\d\d)\b",
        sentence,
    )
    return bool(m and int(m.group(1)) < year)


def _named(name: str, text: str) -> bool:
    return bool(re.search(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])", text))


def _country_stated_with(city: str, article: Article) -> str | None:
    """The country the story gives a city no gazetteer knows elsewhere: 'Islamabad, Pakistan',
    'Islamabad, ibu kota Pakistan', 'ibu kota Pakistan, Islamabad'."""
    country = country_pattern()
    c = re.escape(city)
    for pattern in (
        rf"{c}\s*,\s*(?:ibu\s*kota\s+)?(?P<country>{country})",
        rf"ibu\s*kota\s+(?P<country>{country})\s*,?\s+{c}(?![\w'’-])",
    ):
        if m := re.search(pattern, article.body):
            return countries()[m.group("country")]
    return None


def _most_named_country(body: str) -> str | None:
    counts = Counter(countries()[m.group(0)] for m in re.finditer(country_pattern(), body))
    return counts.most_common(1)[0][0] if counts else None


def _candidates(
    article: Article, participants: list[FoundParticipant], known: dict[str, str]
) -> list[_Candidate]:
    """Every place the story puts something 'di' (at), in order, with how sure it is a city."""
    res = _place_res()
    names = {h for p in participants for h in p.handles()}
    lowercase = set(re.findall(r"\b[a-z][\w'-]*\b", article.body))
    found: list[_Candidate] = []
    position = 0
    for _, sentence in article.sentences():
        for key, strength in (("city_country", 3), ("kota", 2), ("arrival", 2), ("di", 1)):
            for m in res[key].finditer(sentence):
                city = _city_name(m.group("city"), names, lowercase)
                if city is None:
                    continue
                country = m.groupdict().get("country")
                code = countries()[country] if country else None
                if code is None and (after := res["country_after"].match(sentence[m.end() :])):
                    code = countries()[after.group("country")]
                sure = strength
                if key in ("di", "arrival") and (_known(city, known) or city == article.dateline):
                    sure = 2
                found.append(
                    _Candidate(
                        city,
                        m.groupdict().get("venue"),
                        code or _known(city, known),
                        sure,
                        position + m.start(),
                        sentence,
                    )
                )
        position += len(sentence) + 1
    return sorted(found, key=lambda c: c.position)


def _known(city: str, known: dict[str, str]) -> str | None:
    """The country of a city a gazetteer knows ("Xi’an" is "Xi'an", "Nur Sultan" "Nur-Sultan")."""
    for spelling in (city, city.replace("’", "'"), city.replace(" ", "-"), city.replace("-", " ")):
        if spelling in known:
            return known[spelling]
    return None


def _city_name(text: str, names: set[str], lowercase: set[str]) -> str | None:
    """The city in a capitalised run after 'di', or None: not a country, region, person, month,
    or a word the article also writes in lower case (Istana, Konferensi: common nouns)."""
    words = text.split()
    if not words:
        return None
    first = words[0]
    if (
        first in countries()
        or first in _PLACE_WORDS
        or first in names
        or first.lower() in lowercase
        or first.lower() in calendar_words()
    ):
        return None
    if len(words) > 1 and (
        words[1] in _PLACE_WORDS or words[1].lower() in lowercase or words[1] in countries()
    ):
        words = words[:1]
    return " ".join(words)
