"""Offices and names as the press writes them: the patterns that read an office-holder's
office, country and name, and the tests that cut a name before a word that is not one."""

from __future__ import annotations

import difflib
import re
from functools import cache, lru_cache

from briefs.draft.words import (
    FUNCTION_WORDS,
    NAME,
    OFFICE_ABBREVIATIONS,
    countries,
    country_pattern,
    months,
    weekdays,
)
from briefs.language.gazetteer import cldr_city_countries, known_leaders

# Word patterns of the press, not tables of names: offices, qualifiers, verbs.
_ACTING = r"(?:(?:[Pp]elaksana\s+[Tt]ugas|[Pp]enjabat)(?:\s*\((?:Plt|Pj)\.?\))?|Plt\.?|Pj\.?)\s+"
"""Someone acting in an office: 'Pelaksana Tugas (Plt.) Menteri', 'Plt. Menlu', 'Penjabat
Presiden', 'Pj. Menteri' (the short form in brackets, or alone)."""
_CHAIR = (
    r"[Kk]etua\s+(?:Kabinet\s+Menteri|Dewan\s+Menteri|Parlemen|Senat|Majelis(?:\s+[A-Z][a-z]+)?"
    r"|Dewan\s+Negara)"
)
"""A chair of a state body, an office of its own: 'Wakil Ketua Kabinet Menteri' (Turkmenistan's
deputy heads of government), 'Ketua Senat', 'Ketua Majelis Rendah'; never a party's or a
committee's chair (those are no side of a meeting)."""
_OFFICE_HEAD = (
    rf"(?:{_ACTING})?(?:[Ww]akil\s+)?(?:{_CHAIR}|[Pp]residen|[Pp]erdana\s+[Mm]enteri"
    r"|PM|Menlu|Kanselir|Raja|Emir|Sultan|Duta\s+Besar|Dubes|Sekretaris\s+Jenderal|Sekjen"
    r"|Kepala\s+Negara|Kepala\s+Pemerintahan|[Pp]emimpin|Penasihat\s+Negara"
    r"|Anggota\s+Dewan\s+Negara"
    r"|[Mm]enteri(?:\s+(?:{ministry})|\s+dan(?=\s+(?:{ministry})\b)){{0,5}})"
    r"(?:\s+(?:Pertama|Kedua|Ketiga|Senior|Eksekutif|[Tt]ertinggi)(?![\w-]))?"
)
"""An office's head, as the press writes it: 'Presiden', 'pemimpin' (in lower case too),
'Wakil Presiden Pertama', 'Menteri Perdagangan dan Integrasi', 'Plt. Menlu'."""
MINISTRIES = (
    "Luar|Dalam|Negeri|Perdagangan|Pertahanan|Keuangan|Ekonomi|Energi|Perindustrian|Pertanian"
    "|Perhubungan|Transportasi|Kesehatan|Pendidikan|Kebudayaan|Investasi|Koordinator|Urusan"
    "|Pembangunan|Sumber|Daya|Alam|Lingkungan|Hidup|Pariwisata|Komunikasi|Informatika|Digital"
    "|Kehakiman|Hukum|Tenaga|Kerja|Industri|Teknologi|Sains|Riset|Pemuda|Olahraga|Agama|Sosial"
    "|Keamanan|Publik|Kabinet|Utama|Pertama|Senior|Air|Kebijakan|Perencanaan|Negara|Integrasi"
    "|Perekonomian|Sekretaris|Sama|Internasional|Darurat|Situasi"
)
"""The words of a ministry's name after 'Menteri', so that a minister's office never takes
the first word of their name ('Menteri Luar Negeri Qin Gang', 'Menteri Sekretaris Negara')."""
_JOINED_OFFICES = r"\s+(?:dan|sekaligus|merangkap)\s+"
"""'Wakil PM merangkap Menlu Turkmenistan': one person's two offices."""


@cache
def participant_patterns() -> dict[str, re.Pattern[str]]:
    country = rf"(?:Republik\s+(?:Rakyat\s+)?)?{country_pattern()}"
    head = _OFFICE_HEAD.format(ministry=MINISTRIES)
    # 'Perdana Menteri (PM) India': the short form in brackets
    office = rf"{head}(?:\s*\([A-Z][A-Za-z]{{1,6}}\))?(?:{_JOINED_OFFICES}{head})*"
    name_end = r"(?=\s*[,.(;:–—]|\s+-\s|\s+[a-z]|\s*$|\.?[A-Z][a-z])"
    # member list: lima menteri luar negeri dari Kazakhstan (Tileuberdi), Kyrgyzstan (Aidarbekov)
    member = rf"{country}(?:\s*\({NAME}\))?"
    return {
        # Menteri Luar Negeri Tiongkok, Wang Yi / Presiden China Xi Jinping / PM Kazakhstan Oljas
        # Bektenov / Menlu Kirgizstan Kulubaev Zheenbek Moldokanovich
        # 'Wakil Perdana Menteri Kazakh dan Menteri Perdagangan dan Integrasi Serik Zhumangarin':
        # a second office after the country
        "office_country_name": re.compile(
            rf"(?P<office>{office})\s+(?P<country>{country})"
            rf"(?:\s+(?P<joined>dan|sekaligus|merangkap)\s+(?P<more>{head}))?"
            # 'Duta Besar Turkmenistan untuk China Parakhat Durdyev': the sending country's
            rf"(?:\s+untuk\s+{country})?,?\s+(?P<name>{NAME}){name_end}"
        ),
        # Wang Yi (王毅), Menteri Luar Negeri Tiongkok
        "name_office_country": re.compile(
            rf"(?:^|(?<=\n)|(?<=, )|(?<=\. ))(?P<name>{NAME})(?:\s*\((?P<native>[^)]+)\))?,\s+"
            rf"(?P<office>{office})\s+(?P<country>{country})(?![\w-])"
        ),
        # Presiden Kassym-Jomart Tokayev dari Kazakhstan
        "office_name_from_country": re.compile(
            rf"(?P<office>{office})\s+(?!{country})(?P<name>{NAME}),?\s+(?:dari|asal)\s+"
            rf"(?P<country>{country})(?![\w-])"
        ),
        # Presiden Xi Jinping: the office and the name, the country left to the rest of the story
        "office_name": re.compile(
            rf"(?P<office>{office})\s+(?!{country})(?P<name>{NAME}){name_end}"
        ),
        "office_from_countries": re.compile(
            rf"(?i:(?P<office>{head}))\s+(?:dari|asal)\s+"
            rf"(?P<list>{member}(?:(?:,\s*(?:dan\s+)?|\s+dan\s+){member})+)"
        ),
        # Presiden Xi Jinping berfoto bersama Presiden Kassym-Jomart Tokayev, Sadyr Japarov dan
        # Emomali Rahmon: one office before a list of names (read in captions only)
        "office_name_list": re.compile(
            rf"(?P<office>{head})\s+(?P<list>{NAME}(?:\s*,\s*{NAME})*(?:,?\s+dan\s+{NAME}))"
        ),
        "item": re.compile(rf"(?P<country>{country_pattern()})(?:\s*\((?P<name>{NAME})\))?"),
        # mitranya dari Turki Recep Tayyip Erdogan: the counterpart of the one named before
        "counterpart": re.compile(
            rf"\b(?:mitra|rekan|sejawat|koleganya)(?:nya)?\s+(?:dari\s+)?(?P<country>{country}),?\s+"
            rf"(?P<name>{NAME}){name_end}"
        ),
    }


def office_title(text: str) -> str:
    """An office as a title: 'menteri luar negeri' -> 'Menteri Luar Negeri'; the press's
    short forms (Menlu, PM, Dubes, Sekjen, Plt.) spelled out."""
    text = " ".join(re.sub(r"\s*\([A-Z][A-Za-z]{1,6}\.?\)", "", text).split())
    for short, full in OFFICE_ABBREVIATIONS.items():
        text = re.sub(rf"\b{re.escape(short)}(?!\w)", full, text)
    words = text.split()
    return " ".join(
        w if w in ("dan", "merangkap", "sekaligus") else w[:1].upper() + w[1:] for w in words
    )


_NOT_NAMES = frozenset(
    "Republik Organisasi Kerjasama Kerja Partai Komite Dewan Badan Kementerian Perdagangan "
    "Bertemu Gelar Kunjungi Hadiri Sambut Terima Bahas Tiba Pimpin Kunjungan Negara Asia "
    "Conference Organization Organisation Cooperation Forum Council Summit Initiative".split()
)
"""Capitalised words of headlines and institutions that the press puts where a name could be."""


_OPENERS = frozenset(
    "menurut sementara kemudian selain saat ketika sejak usai setelah sebelum namun tetapi "
    "selama menjelang sebagai dalam".split()
)
"""Words that open a sentence and are never a name's first word."""


def plain_name(name: str, body: str = "", places: frozenset[str] = frozenset()) -> str | None:
    """A person's name, cut before any word that is a weekday, month, office, institution,
    place, or a word the article also writes in lower case (a common word capitalised), or
    None."""
    kept = []
    lowercase = _lowercase_words(body)
    after_di = words_after_di(body)
    for word in name.split():
        if word in _NOT_NAMES or word.lower() in lowercase or re.fullmatch(MINISTRIES, word):
            break
        if word in places or word.lower() in FUNCTION_WORDS or word.lower() in _OPENERS:
            break  # 'Pada Jumat (9/12), Wakil PM ...': a sentence's first word, not a name
        if body and _after_di(word, body, after_di):
            break  # 'di Beijing': a place, not a person
        if any(part in countries() for part in word.split("-")) or word in ("Asia", "Eropa"):
            break
        if word in cldr_city_countries():
            break
        if word.lower() in weekdays() or word.lower() in months() or word in countries():
            break
        if re.fullmatch(r"Presiden|Menteri|Wakil|Perdana|Menlu|Pemimpin|PM|Ketua|Dubes", word):
            break
        kept.append(word)
    return " ".join(kept) or None


def known_country(name: str, known: dict[str, str]) -> tuple[str, str | None]:
    """A name's country from the project's summaries: the same name, or the one known name
    it is part of ('Xi' of 'Xi Jinping', then unsure); else, unsure, from the region's leaders
    briefs ships (briefs/data/vocabulary.yaml); ('', None) when unknown."""
    if name in known:
        return known[name], None
    words = set(name.split())
    fuller = {n: c for n, c in known.items() if words <= set(n.split())}
    if len(set(fuller.values())) == 1:
        full = next(iter(fuller))
        return next(iter(fuller.values())), f"country of {full} in the project's summaries"
    leaders = {n: c for n, c in known_leaders().items() if words <= set(n.split())}
    if not fuller and len(set(leaders.values())) == 1:
        full = next(iter(leaders))
        return next(iter(leaders.values())), (
            f"country of {full} among the leaders briefs knows (briefs/data/vocabulary.yaml)"
        )
    return "", None


def misspelt_country(name: str) -> tuple[str, str] | None:
    """'Turkistan Gurbanguly ...' after an office: a country the page misspelt (CLDR's nearest
    '-stan'), and the name after it."""
    m = re.match(r"([A-Z][a-z]+stan)\s+(?=[A-Z])", name)
    if not m or m.group(1) in countries():
        return None
    close = difflib.get_close_matches(
        m.group(1), [n for n in countries() if n.endswith("stan")], 1, 0.75
    )
    return (close[0], name[m.end() :]) if close else None


def raw_country(name: str) -> str:
    """The first word of a name run: a misspelt country's, as the page writes it."""
    return name.split()[0]


@cache
def _lowercase_words(body: str) -> frozenset[str]:
    return frozenset(re.findall(r"(?<![\w-])[a-z][a-z-]+(?![\w-])", body))


_WORD = re.compile(r"[\w'’-]+")


@lru_cache(maxsize=16)
def words_after_di(body: str) -> frozenset[str]:
    """Every word that follows 'di' in the text ('di Beijing'), read once per text: a search
    per word of every candidate name took minutes on a long page."""
    return frozenset(re.findall(r"\b[Dd]i\s+(?=([\w'’-]+))", body))


def _after_di(word: str, body: str, after_di: frozenset[str]) -> bool:
    """Whether the text has 'di WORD' with WORD whole; a word with other characters than
    letters, digits, apostrophes and hyphens is searched for itself."""
    if _WORD.fullmatch(word):
        return word in after_di
    return bool(re.search(rf"\b[Dd]i\s+{re.escape(word)}(?![\w'’-])", body))
