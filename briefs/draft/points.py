"""Points: consensus points and the positions each side states."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from briefs.draft.cleaning import Article
from briefs.draft.people import FoundParticipant
from briefs.draft.sentences import split_sentences
from briefs.draft.words import alternation
from briefs.language.press import CARDINALS
from briefs.language.speakers import Said, Side, Speaker, read_article, speakers_of

log = logging.getLogger(__name__)

_CONSENSUS = re.compile(
    r"\b(?:sepakat|bersepakat|menyepakati|setuju|menyetujui|berjanji|memutuskan)\b", re.I
)
_SPEECH = (
    r"(?:menekankan|menyatakan|mengatakan|meminta|mendorong|menambahkan|menegaskan|"
    r"mengusulkan|mencatat|menyampaikan|menyerukan|berharap|menyebut|mengungkapkan|menilai|"
    r"menggarisbawahi|mengajak|menjelaskan|memaparkan)"
)


_POINT_WORDS = re.compile(
    r"\b(?:sepakat|bersepakat|menyepakati|disepakati|kesepakatan|konsensus|setuju|menyetujui"
    r"|berjanji|memutuskan|menandatangani|meneken|ditandatangani|penandatanganan|mengadopsi"
    r"|mengesahkan|mengusulkan|mengajukan|berkomitmen|komitmen(?:nya)?|bertekad|bersedia|siap"
    r"|kesiapan|menyerukan|meminta|mengajak|mendorong|mendesak|menegaskan|menekankan"
    r"|mendukung|menentang|menolak|harus|perlu|wajib|ingin|berharap|diharapkan"
    r"|menggarisbawahi|akan\s+(?:terus|selalu|tetap)|meningkatkan\s+hubungan"
    r"|berpegang|menganut|mengundang)\b",
    re.I,
)
"""What makes a sentence a point: an agreement, a signing, a proposal, a commitment, a call or
a position ('sepakat', 'menandatangani', 'mengusulkan', 'berkomitmen', 'menyerukan', 'harus')."""
_BACKGROUND = re.compile(
    r"^(?:[^,]{0,40}\s)?(?:[Pp]ada|[Ss]ejak|[Dd]alam)\s+(?:tahun\s+)?(?:19|20)\d\d\b(?!\s*(?:mendatang|ini))"
    r"|\b(?:lahir|dibentuk|didirikan|diluncurkan|berdiri)\s+(?:pada|sejak)\b"
    r"|\b(?:dua|tiga|empat|lima|beberapa)\s+tahun\s+(?:kemudian|lalu|silam)\b"
    r"|\b(?:sehari|dua\s+hari|sepekan|seminggu)\s+sebelumnya\b|\bterakhir\s+kali\b"
    r"|\b(?:dijadwalkan|direncanakan)\b|\bakan\s+(?:menghadiri|berkunjung|bertemu|diselenggarakan"
    r"|berlangsung|digelar)\b|\b(?:tiba|mendarat)\s+di\b|\b(?:[Hh]adir|dihadiri)\s+(?:dalam|oleh)\b"
    r"|\bjajak\s+pendapat\b",
    re.I,
)
"""Background, not a point: history ('pada 2020', 'Dua tahun kemudian'), an earlier or a later
meeting ('Sehari sebelumnya', 'dijadwalkan bertemu', 'akan diselenggarakan'), arrivals and rolls
of who attended ('tiba di', 'Hadir dalam pertemuan itu'), polls."""
_JOINT_OPENING = re.compile(
    r"^(?:[^,]{0,60},\s+)?(?:[A-Z][\w-]*\s+(?:juga\s+)?(?:mengatakan|menyatakan|menyebut(?:kan)?"
    r"|mencatat|menegaskan|menekankan|menyampaikan|menambahkan|mengungkapkan|menjelaskan)"
    r"\s+(?:bahwa\s+)?)?"
    r"(?:[Kk]edua\s+(?:belah\s+)?pihak|[Ss]emua\s+pihak|[Pp]ara\s+pihak|[Kk]eduanya"
    r"|[Kk]edua\s+(?:negara|kepala\s+negara|pemimpin|presiden|menteri)"
    r"|[Kk]e(?:tiga|empat|lima|enam)\s+negara|[Pp]ara\s+(?:pemimpin|menteri|kepala\s+negara)"
    r"|[A-Z][\w-]+\s+dan\s+[A-Z][\w-]+)\b"
)
"""A sentence whose subject is both or all sides ('Kedua belah pihak memutuskan ...', 'Wang
mencatat bahwa kedua belah pihak ...', 'Tiongkok dan Kazakhstan ...'): joint in the report's
own voice; in a participant's account, that participant's readout."""
_CALL = re.compile(r"\b(?:harus|perlu|hendaknya|sebaiknya|wajib|mesti|diharapkan)\b")
"""'Kedua pihak harus ...' under a speaker's frame: that speaker's call on both sides, not what
both sides did."""
_OUTSIDE_VOICES = re.compile(
    r"^(?:[^,]{0,40},\s+)?(?:[Pp]ara\s+)?(?:ahli|pakar|pengamat|analis|peneliti|akademisi)\b"
)
"""'Para ahli mengatakan ...': someone not at the meeting."""
_RESTATED = re.compile(
    r"(?:Kesepakatan|Keputusan|Janji|Komitmen|Konsensus|Hal)\s+(?:itu|tersebut|ini)\b"
)
"""'Kesepakatan itu dicapai ketika ...', 'Janji tersebut dibuat pada ...': a point already made,
told again with its circumstances."""
_ORDINAL_ITEM = re.compile(
    r"^(?:Pertama|Kedua|Ketiga|Keempat|Kelima|Keenam|Ketujuh|Kedelapan|Kesembilan|Kesepuluh"
    r"|Terakhir)\s*,\s+"
)
"""'Pertama, menjunjung ...': an item of a list run into one paragraph."""
_LIST_LEAD = re.compile(
    r"\b(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|\d+)\s+"
    r"(?:usulan|proposal|poin|butir|langkah|arah|prinsip|hal|inisiatif|konsensus|saran)\b",
    re.I,
)
"""'lima usulan', 'empat arah': a sentence that leads into a list, not a point of its own."""


_EARLIER_MEETING = re.compile(
    r"\b(?:pada|dalam|di)\s+(?:KTT|pertemuan|kunjungan)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:pertama|sebelumnya|terakhir|lalu|tahun\s+lalu|bulan\s+lalu)\b"
    r"|\bterakhir\s+(?:kali\s+)?bertemu\b|\b(?:bertemu|sepakat|menyepakati)\b[^.]{0,60}?"
    r"\b(?:tahun|bulan|pekan)\s+lalu\b",
    re.I,
)
"""'pada KTT pertama di Xi'an', 'sepakat ... tahun lalu', 'terakhir bertemu': what an earlier
meeting agreed, not this one."""


@dataclass
class FoundPoint:
    """A consensus point or one side's position, with the sentences it comes from."""

    text: str
    quote: list[str]
    attributed_to: str | None = None
    earlier: str | None = None
    """Why the point may belong to an earlier meeting, when its sentence says so."""


_CONSENSUS_LIST = re.compile(
    r"\bkonsensus,?\s+(?:termasuk|yaitu|yakni|antara\s+lain)\s+(?=me[a-z])"
)


def _consensus_list(sentence: str) -> tuple[str, list[str]] | None:
    """'mencapai lima konsensus, termasuk A, B, dan C': the lead and the items A, B, C, each a
    clause that opens with a verb (me-), so that a list inside an item stays whole."""
    m = _CONSENSUS_LIST.search(sentence)
    if not m:
        return None
    items = re.split(
        r",\s+(?:dan\s+)?(?=me[a-z]+)|\s+dan\s+(?=me[a-z]+)", sentence[m.end() :].rstrip(" .")
    )
    if len(items) < 2:
        return None
    lead = sentence[: m.end()].strip()
    said = list(re.finditer(r"\b(?:mengatakan|menyatakan|menyebutkan)(?:\s+bahwa)?\s+", lead))
    return (lead[said[-1].end() :] if said else lead), items


_ATTRIBUTED = re.compile(r"(?:Menurut|Bagi|Ditegaskan|Dikatakan|Disampaikan)\s")


def _point_text(sentence: str, speaker: FoundParticipant | None) -> str:
    """A point's Indonesian text: its sentence without who said it ('Xi menekankan bahwa',
    ', kata Wang.'), so the editor starts from the point itself."""
    text = sentence
    if speaker:
        handles = alternation(speaker.handles())
        text = re.sub(
            rf"[,\s]*[\\\"”’]*,?[\\\"”’]*\s+(?:kata|ujar|ucap|tutur)\s+(?:{handles})\b.*$", "", text
        )
        opening = re.match(
            rf"^(?:[^,]{{0,60}},\s+)?(?:{handles})\s+(?:juga\s+)?{_SPEECH}(?:\s+bahwa)?,?\s+", text
        ) or re.match(
            rf"^(?:Menurut|Bagi|Ditegaskan|Dikatakan|Disampaikan)\s+(?:\w+\s+)?(?:{handles}),\s+",
            text,
        )
        if opening:
            text = text[opening.end() :]
    text = text.strip().rstrip('\\"”’ ,')
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _said_by(page: list[Said], sentence: str) -> Speaker | None:
    """Who the shared reader says said a sentence of the story."""
    return next((s for s in speakers_of(sentence, page) if s is not None), None)


def _attributed(
    speaker: Speaker | None, participants: list[FoundParticipant]
) -> FoundParticipant | None:
    """The participant a sentence's speaker is: the person it names, or, for one country as
    the subject ('Tiongkok juga berjanji ...'), that country's one participant (the first when
    it sends several: the head of its side). Joint words, an unknown or a relayed speaker:
    no one."""
    if speaker is None or speaker.side in (Side.JOINT, Side.UNKNOWN):
        return None
    if speaker.side is Side.RELAYED and not speaker.country:
        return None
    if speaker.person:
        return next((p for p in participants if p.name == speaker.person), None)
    return next((p for p in participants if p.name and p.country == speaker.country), None)


def _is_point(sentence: str, speaker: Speaker | None) -> bool:
    """An agreement, signing, proposal, commitment, call or position; or what a participant is
    reported to say; not background (history, another meeting, arrivals, rolls)."""
    if _BACKGROUND.search(sentence) or sentence.rstrip().endswith(":"):
        return False
    if _RESTATED.match(sentence) or _OUTSIDE_VOICES.match(sentence):
        return False
    if _LIST_LEAD.search(sentence):
        return False
    if _POINT_WORDS.search(sentence) or _JOINT_OPENING.match(sentence):
        return True
    if speaker is None or speaker.side is not Side.ONE_SIDE:
        return False
    # what a participant is reported to say in this very sentence ('Xi menekankan ...'; a
    # paragraph's closing frame spread over its figures and facts is not enough), or one
    # side's 'akan' ('Tiongkok akan ...')
    own = bool(speaker.frame) and " ".join(speaker.frame.split()) in " ".join(sentence.split())
    return bool((speaker.person and speaker.reported and own) or re.search(r"\bakan\b", sentence))


def _run_in_items(text: str) -> list[str] | None:
    """The items of a list run into one paragraph ('... lima usulan. Pertama, A. Kedua, B.'):
    each item from its ordinal to the next, or None when the paragraph has fewer than two."""
    pieces = split_sentences(text)
    starts = [i for i, piece in enumerate(pieces) if _ORDINAL_ITEM.match(piece)]
    if len(starts) < 2:
        return None
    items = []
    for k, i in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(pieces)
        items.append(" ".join(pieces[i:end]))
    return items


def find_points(article: Article, participants: list[FoundParticipant]) -> list[FoundPoint]:
    """Numbered items (the paragraphs after an item belong to it until someone else speaks),
    the items of a 'konsensus, termasuk ...' list or of a list run into a paragraph ('Pertama,
    ... Kedua, ...'), and every sentence that states an agreement, a signing, a proposal, a
    commitment, a call or a position, or what a participant says; each with its speaker as the
    shared reader of who said it (briefs.language.speakers) reads it; what both or all sides
    do is joint in the report's own voice and the reporter's in a participant's account (a
    one-side readout); history, other meetings and outside voices are left out."""
    people = {p.name: p.country for p in participants if p.name}
    page = read_article(article.body, people)
    points: list[FoundPoint] = []
    current: FoundPoint | None = None
    lead: FoundParticipant | None = None  # the speaker of a list opened by 'lima usulan', '...:'
    lead_until = -1  # the last paragraph (index) the list's speaker speaks for
    listed: set[str] = set()  # sentences already read as a run-in list's items
    order = {id(p): i for i, p in enumerate(article.paragraphs)}
    for paragraph, sentence in article.sentences():
        at = order[id(paragraph)]
        said = _said_by(page, sentence)
        person = _attributed(said, participants)
        if at > lead_until or (
            said is not None
            and said.reported
            and said.side is not Side.UNKNOWN
            and (person is None or lead is None or person.name != lead.name)
        ):
            lead = None  # the list ends where it ends, or where someone else speaks
        # a participant's account ('Wang mengatakan ...', '..., ujar Wang.'): a one-side readout,
        # even of what both sides did
        reporter = person if said is not None and said.reported and said.person else None
        if sentence not in listed and (consensus := _consensus_list(sentence)):
            head, items = consensus
            by = reporter.name if reporter else None
            points += [
                FoundPoint(item[:1].upper() + item[1:] + ".", [head, item], by) for item in items
            ]
            continue
        if _LIST_LEAD.search(sentence) or sentence.rstrip().endswith(":"):
            lead = person or lead
            count = _LIST_LEAD.search(sentence)
            # a list after a colon runs over the paragraphs of its items (as many as it says)
            lead_until = at + (_count(count.group(0)) if count else 6) * (
                sentence.rstrip().endswith(":")
            )
            run_in = _run_in_items(paragraph.text)
            if run_in and paragraph.text.find(sentence) < paragraph.text.find(run_in[0]):
                for item in run_in:
                    listed.update(split_sentences(item))
                    text = _ORDINAL_ITEM.sub("", item)
                    points.append(
                        FoundPoint(
                            _point_text(text[:1].upper() + text[1:], None),
                            [item],
                            person.name if person else None,
                        )
                    )
            if not _POINT_WORDS.search(_LIST_LEAD.sub("", sentence)):
                continue
        if sentence in listed:
            continue
        # 'Menurut Xi, kedua negara ...': one side's view, though of both
        joint = bool(_JOINT_OPENING.match(sentence)) and not (
            _CALL.search(sentence) or _ATTRIBUTED.match(sentence)
        )
        if said is not None and said.side is Side.ONE_SIDE and said.person and said.reported:
            if not joint:
                current = None  # a participant speaks: the numbered item before has ended
        if paragraph.item is not None and paragraph.text.startswith(sentence):
            who = reporter if joint else (person or lead)
            current = FoundPoint(sentence, [sentence], who.name if who else None)
            points.append(current)
        elif current is not None and paragraph.item is None and _CONSENSUS.search(sentence):
            current.quote.append(sentence)  # the item's agreement, told on
        elif _is_point(sentence, said):
            # what both or all sides do is joint in the report's own voice, the reporter's in a
            # participant's account, the list's speaker's in a list; a list's items that say
            # nothing of who speaks are the list's speaker's
            who = (reporter or lead) if joint else person
            if who is None and not joint and (said is None or not said.reported):
                who = lead
            points.append(
                FoundPoint(_point_text(sentence, who), [sentence], who.name if who else None)
            )
    for point in points:
        earlier = next((m for q in point.quote if (m := _EARLIER_MEETING.search(q))), None)
        if earlier:
            point.earlier = (
                f"its sentence speaks of an earlier meeting ({earlier.group(0)!r}): leave the "
                "point out unless this meeting took it up"
            )
    return points


def _count(words: str) -> int:
    """The number a list's lead gives ('empat arah': 4)."""
    first = words.split()[0].lower()
    return int(first) if first.isdigit() else CARDINALS.get(first, 6)
