"""Points: consensus points and the positions each side states."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from briefs.draft.cleaning import Article
from briefs.draft.people import FoundParticipant
from briefs.draft.words import alternation

log = logging.getLogger(__name__)

_CONSENSUS = re.compile(
    r"\b(?:sepakat|bersepakat|menyepakati|setuju|menyetujui|berjanji|memutuskan)\b", re.I
)
_JOINT = re.compile(
    r"^(?:[^,]{0,60},\s+)?(?:kedua\s+(?:belah\s+)?pihak|semua\s+pihak|para\s+pihak|kedua\s+negara)\b",
    re.I,
)
_SPEECH = (
    r"(?:menekankan|menyatakan|mengatakan|meminta|mendorong|menambahkan|menegaskan|"
    r"mengusulkan|mencatat|menyampaikan|menyerukan|berharap|menyebut|mengungkapkan|menilai|"
    r"menggarisbawahi|mengajak|menjelaskan|memaparkan)"
)


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


def _speaker(
    sentence: str, participants: list[tuple[FoundParticipant, set[str]]]
) -> FoundParticipant | None:
    """The participant (with the words they are called by) a sentence reports: 'Xi menekankan
    ...', '..., kata Wang.'"""
    for person, handles in participants:
        for handle in handles:
            if handle not in sentence:
                continue  # the one test per name and sentence that a long page can afford
            said, says, according = _speaker_patterns(handle)
            if (
                said.search(sentence[:100])
                or says.search(sentence)
                # 'Menurut Xi Jinping, ...', 'Ditegaskan Xi Jinping, ...'
                or according.match(sentence)
            ):
                return person
    return None


@lru_cache(maxsize=1024)
def _speaker_patterns(handle: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    h = re.escape(handle)
    return (
        re.compile(rf"\b{h}\s+(?:juga\s+)?{_SPEECH}\b"),
        re.compile(rf"\b(?:kata|ujar|ucap|tutur)\s+{h}\b"),
        re.compile(rf"(?:Menurut|Bagi|Ditegaskan|Dikatakan|Disampaikan)\s+{h}\b"),
    )


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


def find_points(article: Article, participants: list[FoundParticipant]) -> list[FoundPoint]:
    """Numbered items (the paragraphs after an item belong to it until the next), the items of
    a 'konsensus, termasuk ...' list, agreements (sepakat, berjanji, memutuskan ...), what both
    or all sides do, and the positions a participant states."""
    points: list[FoundPoint] = []
    current: FoundPoint | None = None
    speakers = [(p, p.handles()) for p in participants]
    for paragraph, sentence in article.sentences():
        if paragraph.item is not None and paragraph.text.startswith(sentence):
            current = FoundPoint(sentence, [sentence])
            points.append(current)
        elif current is not None:
            if _CONSENSUS.search(sentence):
                current.quote.append(sentence)
        elif listed := _consensus_list(sentence):
            lead, items = listed
            points += [
                FoundPoint(item[:1].upper() + item[1:] + ".", [lead, item]) for item in items
            ]
        elif _ATTRIBUTED.match(sentence) and (speaker := _speaker(sentence, speakers)):
            # 'Menurut Xi Jinping, kedua negara ...': one side's view, though of both
            points.append(FoundPoint(_point_text(sentence, speaker), [sentence], speaker.name))
        elif _CONSENSUS.search(sentence) or _JOINT.search(sentence):
            points.append(FoundPoint(sentence, [sentence]))
        elif speaker := _speaker(sentence, speakers):
            points.append(FoundPoint(_point_text(sentence, speaker), [sentence], speaker.name))
    for point in points:
        earlier = next((m for q in point.quote if (m := _EARLIER_MEETING.search(q))), None)
        if earlier:
            point.earlier = (
                f"its sentence speaks of an earlier meeting ({earlier.group(0)!r}): leave the "
                "point out unless this meeting took it up"
            )
    return points
