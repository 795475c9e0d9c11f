"""The kind of meeting: what the article calls it, or what its participants' offices imply,
with the reason whenever it is inferred rather than stated."""

from __future__ import annotations

import re

from briefs.draft.cleaning import Article
from briefs.draft.meeting_dates import MeetingDate
from briefs.draft.people import FoundParticipant
from briefs.draft.sentences import split_sentences
from briefs.draft.words import CAPITALISED, countries, country_pattern

_STATE_VISIT = re.compile(
    r"\b(?:kunjungan|berkunjung|lawatan|melawat)\s+kenegaraan|state\s+visit", re.I
)
"""'kunjungan kenegaraan', 'berkunjung kenegaraan', 'lawatan kenegaraan'."""
_SUMMIT = re.compile(
    r"\bKTT\b|pertemuan\s+puncak|konferensi\s+tingkat\s+tinggi|(?-i:\bSummit\b)", re.I
)
"""'KTT', 'pertemuan puncak', and the English name a release keeps ('China-Central Asia
Summit')."""
_QUOTED = re.compile(r"“[^”\n]*”?|\"[^\"\n]*\"")
"""What someone is quoted as saying: a state visit named in a toast is the speaker's word."""
_NOT_THIS_SUMMIT = re.compile(
    r"\b(?:persiapan|menjelang|jelang|sela-sela|sela|usai|setelah|sebelum|menuju)\s+(?:\w+\s+){0,2}$",
    re.I,
)
"""'persiapan KTT Xi'an', 'di sela-sela KTT SCO': another meeting than this one."""
_FOREIGN_MINISTERS = re.compile(
    r"\b[Pp]ertemuan\s+(?:[Pp]ara\s+)?(?:Menteri\s+Luar\s+Negeri|Menlu)\b"
    r"|\b[Pp]ertemuan\s+[Tt]ingkat\s+[Mm]enteri\s+[Ll]uar\s+[Nn]egeri\b"
)
"""'Pertemuan Menteri Luar Negeri China-Asia Tengah keenam': the report names the format."""
_LATER = re.compile(
    r"\b(?:dijadwalkan|akan|mendatang|berencana|direncanakan|bakal|mungkin"
    r"|melanjutkan\s+(?:perjalanan|lawatan|kunjungan))\b",
    re.I,
)
"""A meeting to come, perhaps, or the next leg of a trip ('Setelah Kazakhstan, Xi mungkin
melanjutkan perjalanan ke Uzbekistan untuk mengikuti KTT …'): not this one."""
_TALKS = re.compile(
    r"\b(?:bertemu|pertemuan|pembicaraan|berbicara|berunding|perundingan|bilateral|menerima"
    r"|bertatap\s+muka|berdialog|dialog)\b",
    re.I,
)
_VISIT = re.compile(
    r"\b(?:kunjungan\w*|berkunjung|lawatan\w*|mengunjungi|kunjungi|tiba\s+di|tur)\b", re.I
)
_MESSAGES = re.compile(r"\b(?:pesan|surat|ucapan\s+selamat|bertukar\s+(?:pesan|ucapan))\b", re.I)
_LEADERS = re.compile(r"\bpara\s+(?:pemimpin|presiden)\b|\bkepala\s+negara\b", re.I)
"""'para pemimpin', 'para presiden kelima negara', 'kepala negara': leaders gathered."""


_PAIR_TALKS = re.compile(
    r"\b(?:bertemu|menemui|menerima|mengadakan\s+pembicaraan|berbicara\s+dengan|bertatap\s+muka"
    r"|(?:pembicaraan|pertemuan)\s+bilateral|berunding\s+dengan)\b",
    re.I,
)


_RECEIVES = re.compile(r"\b(?:menerima|menjamu)\s+(?:tamu(?:nya)?|kunjungan|Presiden|Perdana)\b")
"""'menerima tamunya dari Turkmenistan', 'menerima Presiden ...': a host receives a guest."""


_PAIR = re.compile(
    rf"(?<![\w-]){CAPITALISED}(?:\s+{CAPITALISED})?\s+(?:dan|&)\s+{CAPITALISED}"
    rf"(?:\s+{CAPITALISED})?(?:\s+(?i:akan|bakal|telah|sudah|sedang|siap)"
    rf"(?:(?:\s+[^\s.,;:]+){{0,6}}?\s+(?i:saat|ketika|sebelum|setelah|untuk))?)?\s+[Bb]ertemu\b"
)
"""'Xi dan Putin Bertemu di Uzbekistan', 'Xi Jinping dan Vladimir Putin bertemu pada ...',
'Putin dan Xi Jinping Akan Bahas Perang Ukraina Saat Bertemu': the two meet, within a clause."""


def _two_sides_meet(
    sentences: list[str], host: str | None, sides: frozenset[str] = frozenset()
) -> bool:
    """Do the headline or the story's first sentences have two sides meet ('Presiden Rusia ...
    bertemu Presiden China ... di Astana, Kazakhstan': the host's country named for the place
    does not count as a side, nor a country the sides talk about ('perang Ukraina') when the
    participants' countries (sides) are known; 'Xi dan Putin bertemu')?"""
    for sentence in sentences:
        if _PAIR.search(sentence):
            return True
        named = {countries()[m.group(0)] for m in re.finditer(country_pattern(), sentence)}
        talks = _PAIR_TALKS.search(sentence)
        if talks and (
            len(named - {host}) == 2
            or (sides and len(named & sides - {host}) == 2)
            # 'Presiden China Xi Jinping menerima tamunya dari Turkmenistan di Beijing': the
            # host is one of the two sides
            or (len(sides) == 2 and named >= sides and bool(_RECEIVES.search(sentence)))
        ):
            return True
    return False


_REPORTED = re.compile(
    r"\b(?:mengatakan|menyatakan|menilai|menyebut(?:kan)?|menegaskan|kata|ujar)\s+(?:bahwa\s+)?",
    re.I,
)
"""'Tokayev mengatakan bahwa kunjungan kenegaraan Presiden Xi ...': the speaker's words."""
_ACCORDING = re.compile(r"\b(?:Bagi|Menurut)\s+(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s*,")
"""'Bagi Tokayev, kunjungan kenegaraan ...': a participant's view ('Menurut Xinhua, ...' is the
report's source, and says what the report says)."""


def _quoted_spans(sentence: str) -> list[tuple[int, int]]:
    """Where a sentence quotes someone; a sentence split out of a quotation keeps only its
    closing mark ('Kunjungan kenegaraan Anda ...," kata Xi'): quoted up to that mark."""
    spans = [q.span() for q in _QUOTED.finditer(sentence)]
    close = sentence.find("”")
    if 0 <= close < (sentence.find("“") % (len(sentence) + 1)):
        spans.append((0, close))
    elif sentence.count('"') % 2 == 1:
        spans.append((0, sentence.find('"')))
    return spans


def _said_of_this(
    pattern: re.Pattern[str],
    sentences: list[str],
    previewed: bool = False,
    speakers: frozenset[str] | None = None,
) -> str | None:
    """The first sentence that says it of this meeting: not of another ('persiapan KTT'), nor
    of one to come, unless the article previews this meeting; not in quoted speech, nor (given
    the speakers, the participants' names) in what one of them is reported to say: what someone
    calls it is not what the report says it is."""
    for sentence in sentences:
        quoted = _quoted_spans(sentence)
        for m in pattern.finditer(sentence):
            if _NOT_THIS_SUMMIT.search(sentence[: m.start()]):
                continue
            if any(a <= m.start() < b for a, b in quoted):
                continue  # 'Kunjungan kenegaraan Anda ...', said to a guest
            if speakers is not None and (
                _REPORTED.search(sentence, 0, m.start())
                or any(
                    a.group("who").split()[-1] in speakers
                    for a in _ACCORDING.finditer(sentence, 0, m.start())
                )
            ):
                continue
            if previewed or not _LATER.search(sentence):
                return sentence
    return None


def meeting_kind(
    article: Article,
    participants: list[FoundParticipant],
    when: MeetingDate,
    host: str | None = None,
) -> tuple[str, str | None]:
    """The kind of meeting, and why it is not settled when the article does not say it.

    Foreign ministers only: a foreign ministers' meeting (more than two countries) or talks,
    whatever summit the story also speaks of; a state visit or a summit (KTT) when the story
    says so of this meeting; else inferred (a president's visit, a summit named later in the
    story, the countries taking part), and marked with why."""
    story = [article.headline or "", *(s for _, s in article.sentences())]
    opening = [article.headline or "", *split_sentences(article.paragraphs[0].text)]
    nations = len({p.country for p in participants if p.country})
    first = len(article.paragraphs[0].text)
    opened = len({p.country for p in participants if p.country and 0 <= p.position < first})
    offices = [p.office for p in participants]
    ministers = len(offices) >= 2 and all("Menteri Luar Negeri" in o for o in offices)
    speakers = frozenset(h for p in participants for h in p.handles())
    kind, reason = "bilateral-talks", None
    if _said_of_this(_FOREIGN_MINISTERS, opening, when.announced, speakers) and nations != 2:
        # the report's own words; an ambassador standing in for a minister does not change it
        kind = "foreign-ministers-meeting"
    elif ministers:
        kind = "foreign-ministers-meeting" if nations > 2 else "bilateral-talks"
    elif _said_of_this(_STATE_VISIT, story, when.announced, speakers):
        kind = "state-visit"
    elif _two_sides_meet(
        opening[:3], host, frozenset(p.country for p in participants if p.country)
    ):
        kind = "bilateral-talks"  # 'Putin bertemu Xi di Astana', at a summit or not
        if nations > 2 and _said_of_this(_SUMMIT, opening, when.announced):
            reason = (
                f"two leaders meet at a summit of {nations} countries: drafted as their talks; "
                "the summit if the article is of it"
            )
        elif _said_of_this(_VISIT, story):
            reason = "talks during a visit: a state visit if the article calls it one"
    elif not participants:
        reason = "no participant found: the kind cannot be told from their offices"
        if _said_of_this(_SUMMIT, story):
            kind = "summit"
    elif _said_of_this(_SUMMIT, opening):
        kind = "summit"  # 'KTT China-Asia Tengah': a summit, whoever the article names
    elif (
        (summit := _said_of_this(_SUMMIT, story))
        and not all(o.startswith("Menteri") for o in offices)
        and (nations > 2 or _LEADERS.search(" ".join([*opening, summit])))
    ):
        kind = "summit"
        reason = (
            f"inferred: leaders of {nations} countries, and a summit (KTT) the article names "
            "only after its opening"
        )
    elif opened == 2 and _said_of_this(_TALKS, opening):
        kind = "bilateral-talks"  # 'Xi dan Putin bertemu ...': two sides meet, whoever follows
        if any(o.startswith("Presiden") for o in offices) and _said_of_this(_VISIT, story):
            reason = "talks during a president's visit: a state visit if the hosts call it one"
    elif any(o.startswith("Presiden") for o in offices) and _said_of_this(_VISIT, story):
        kind = "state-visit"
        reason = "inferred: a president's visit, which the article does not call a state visit"
    elif nations == 2 and _said_of_this(_PAIR_TALKS, story):
        kind = "bilateral-talks"  # 'saat bertemu Presiden Kirgizstan ... di sela-sela KTT'
    elif _said_of_this(_SUMMIT, story):
        kind = "summit"
        reason = "inferred: the article speaks of a summit (KTT) only after its opening"
    elif offices and all(o.startswith("Menteri") for o in offices) and nations > 2:
        kind = "summit"
        reason = f"a meeting of ministers ({offices[0]} ...): no kind of the summaries fits"
    elif nations > 2 or (_LEADERS.search(" ".join(opening)) and nations != 2):
        kind = "summit"
        reason = (
            f"inferred: {nations} countries take part, not all by their foreign ministers, and "
            "the article does not call it a summit (KTT)"
        )
    elif not _TALKS.search(article.body):
        reason = "inferred: the article does not say the sides met or held talks"
        if _MESSAGES.search(article.body):
            reason = "the sides exchanged messages: no kind of meeting the summaries have"
    elif _said_of_this(_VISIT, opening) and not _said_of_this(_TALKS, opening):
        reason = "a visit the article does not call a state visit: drafted as talks"
    if (
        kind == "bilateral-talks"
        and reason is None
        and (call := _call_on_a_head(participants, first))
    ):
        reason = call
    if kind == "bilateral-talks" and reason is None and nations < 2:
        # talks have two sides: with one side's people found, the kind is not told by them
        reason = (
            f"inferred: participants of {nations} country found, and talks have two sides: "
            "write the kind"
        )
    if when.announced:
        previewed = "announced, not yet held: the article previews the meeting"
        reason = f"{previewed}; {reason}" if reason else previewed
    return kind, reason


_HEAD = re.compile(r"(?:Presiden|Pemimpin|Perdana\s+Menteri|PM|Raja|Emir|Sultan)\b")
_BELOW_HEAD = re.compile(r"(?:Wakil|Menteri|Menlu|Duta\s+Besar|Dubes|Utusan)\b")


def _call_on_a_head(participants: list[FoundParticipant], first: int) -> str | None:
    """Why talks of two sides are unsure when one side's highest is a head of state or
    government and the other's a minister or deputy ('Presiden Kirgistan ... menerima Menteri
    Luar Negeri Tiongkok'): a call during a visit, which no kind of the summaries names. The
    sides are those the story's first paragraph names, when it names two."""
    opening = [p for p in participants if p.country and 0 <= p.position < first]
    sides = opening if len({p.country for p in opening}) == 2 else participants
    tops: dict[str, list[str]] = {}
    for person in sides:
        if person.country:
            tops.setdefault(person.country, []).append(person.office)
    if len(tops) != 2:
        return None
    heads = [c for c, offices in tops.items() if any(_HEAD.match(o) for o in offices)]
    below = [
        c for c, offices in tops.items() if offices and all(_BELOW_HEAD.match(o) for o in offices)
    ]
    if len(heads) == 1 and len(below) == 1 and heads != below:
        return (
            f"a head of {heads[0]} meets a {tops[below[0]][0]} of {below[0]}: a call during a "
            "visit, which no kind of the summaries names; drafted as talks"
        )
    return None
