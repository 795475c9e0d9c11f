"""Stance, modality, negation and polarity: what a text commits its speakers to is what its
quotes commit them to, and the English says it as the Indonesian does. Also who says it: a
one-sided pledge needs 'attributed_to', and 'attributed_to' names the one who said it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

STANCES: dict[str, dict[str, tuple[str, ...]]] = {
    "agreement": {
        "id": (
            *("sepakat", "bersepakat", "menyepakati", "sepakati", "disepakati"),
            *("setuju", "menyetujui", "disetujui"),
        ),
        "en": ("agree", "agrees", "agreed", "agreeing"),
    },
    "decision": {
        "id": ("memutuskan", "diputuskan"),
        "en": ("decide", "decides", "decided"),
    },
    "commitment": {
        "id": ("berkomitmen", "komitmen", "berjanji", "janji"),
        "en": (
            *("commit", "commits", "committed", "commitment"),
            *("pledge", "pledges", "pledged", "promise", "promises", "promised"),
        ),
    },
    "intent": {"id": ("akan",), "en": ("will", "shall")},
    "wish": {
        "id": ("berkeinginan", "keinginan", "ingin", "bersedia", "berharap", "harapan"),
        "en": (
            *("wish", "wishes", "wished", "willing", "willingness"),
            *("hope", "hopes", "hoped", "keen", "eager"),
        ),
    },
    "obligation": {
        "id": ("harus", "perlu", "perlunya", "wajib", "mesti", "tidak boleh"),
        "en": ("should", "must", "need", "needs", "necessary", "obliged"),
    },
    "encouragement": {
        "id": ("mendorong", "didorong", "dorongan"),
        "en": (
            *("encourage", "encourages", "encouraged", "encouraging"),
            *("urge", "urges", "urged", "push", "pushes"),
        ),
    },
    "welcome": {"id": ("menyambut", "disambut"), "en": ("welcome", "welcomes", "welcomed")},
    "support": {
        "id": ("mendukung", "dukungan", "didukung"),
        "en": ("support", "supports", "supported", "supporting"),
    },
    "readiness": {"id": ("siap",), "en": ("ready",)},
}
"""Markers of stance and modality by class, as whole words (lower case), in both languages."""

POLARITIES: dict[str, dict[str, tuple[str, ...]]] = {
    "opposition": {
        "id": ("menentang", "ditentang", "melawan", "menolak", "ditolak", "penolakan", "mengecam"),
        "en": (
            *("oppose", "opposes", "opposed", "opposing", "against", "condemn", "condemns"),
            *("reject", "rejects", "rejected", "rejecting", "refuse", "refuses", "refused"),
        ),
    },
    "assent": {
        "id": (
            *("mendukung", "didukung", "dukungan", "menerima", "diterima", "menegakkan"),
            *("membela", "menjunjung"),
        ),
        "en": (
            *("support", "supports", "supported", "supporting", "accept", "accepts"),
            *("accepted", "accepting", "uphold", "upholds", "upheld", "upholding"),
        ),
    },
}
"""Opposite verbs: a text that opposes where its quotes support (or the English where the
Indonesian) says the reverse."""

NEGATIONS = {
    "id": ("tidak", "tak", "bukan", "belum", "tanpa", "jangan"),
    "en": ("not", "no", "never", "without", "cannot", "nor", "n't"),
}
_NOT_NEGATIONS = {
    # 'not only ... but also', 'no matter how', 'inseparable': nothing is denied
    "id": ("tidak hanya", "bukan hanya", "tak terpisahkan", "tidak terpisahkan", "tidak peduli"),
    "en": ("not only", "no matter", "no longer only"),
}
_FOLLOWING = re.compile(r"[^\W\d_][\w-]*")
_AUXILIARIES = {"akan", "dapat", "bisa", "boleh", "pernah", "ada", "lagi", "perlu", "harus", "mau"}


def _markers_re(table: dict[str, dict[str, tuple[str, ...]]], language: str) -> re.Pattern[str]:
    markers = sorted((m for s in table.values() for m in s[language]), key=len, reverse=True)
    return re.compile(rf"(?<![\w'’-])({'|'.join(map(re.escape, markers))})(?![\w'’-])", re.I)


@cache
def _stance_re(language: str) -> re.Pattern[str]:
    return _markers_re(STANCES, language)


@cache
def _polarity_re(language: str) -> re.Pattern[str]:
    return _markers_re(POLARITIES, language)


@cache
def _index(table_name: str, language: str) -> dict[str, str]:
    table = STANCES if table_name == "stances" else POLARITIES
    return {m: name for name, s in table.items() for m in s[language]}


def _classes(table_name: str, pattern: re.Pattern[str], text: str, language: str) -> dict[str, str]:
    index = _index(table_name, language)
    found: dict[str, str] = {}
    for match in pattern.finditer(text):
        found.setdefault(index[" ".join(match.group(1).lower().split())], match[1])
    return found


def stances(text: str, language: str) -> dict[str, str]:
    """The stance classes a text carries, each with the first word that carries it."""
    return _classes("stances", _stance_re(language), text, language)


def polarities(text: str, language: str) -> dict[str, str]:
    """The polarity classes (opposition, assent) a text carries, with the first word of each."""
    return _classes("polarities", _polarity_re(language), text, language)


@cache
def _idioms_re(language: str) -> re.Pattern[str]:
    idioms = "|".join(map(re.escape, _NOT_NEGATIONS[language]))
    return re.compile(rf"(?<!\w)(?:{idioms})(?!\w)", re.I)


@cache
def _negation_re(language: str) -> re.Pattern[str]:
    words = "|".join(w for w in NEGATIONS[language] if w != "n't")
    extra = r"|n't" if language == "en" else ""
    return re.compile(rf"(?<![\w'’-])(?:{words})(?![\w'’-]){extra}", re.I)


def negations(text: str, language: str) -> list[tuple[str, str | None]]:
    """The negations of a text: each negating word with the word it negates (auxiliaries
    skipped: 'tidak dapat menghentikan' negates 'menghentikan'); idioms that deny nothing
    ('tidak hanya', 'not only', 'tak terpisahkan') left out."""
    masked = _idioms_re(language).sub(lambda m: "_" * len(m.group()), text)
    found: list[tuple[str, str | None]] = []
    for match in _negation_re(language).finditer(masked):
        following = _FOLLOWING.findall(masked, match.end(), match.end() + 60)
        words = [w.lower() for w in following if w.lower() not in _AUXILIARIES]
        found.append((match.group().lower(), words[0] if words else None))
    return found


_COMMITTING = ("commitment", "intent", "wish", "readiness", "support", "welcome")
_SIDE_WORDS = {"id": r"(?:(?:[Pp]ihak|[Pp]emerintah)\s+)?", "en": r"(?:[Tt]he\s+)?"}
_JOINING = {"id": ("dan", "dengan", "serta", "antara"), "en": ("and", "with", "between")}


def one_sided(text: str, language: str, sides: Iterable[str]) -> str | None:
    """The words of text that make one side the subject of a commitment ('Tiongkok akan',
    'Pihak Kazakhstan siap', 'China is willing'), or None."""
    match = _one_sided_match(text, language, sides)
    return None if match is None else " ".join(match.group(0).split())


def one_sided_subject(text: str, language: str, sides: Iterable[str]) -> str | None:
    """The side ('Tiongkok', 'Kazakh') that one_sided finds, or None."""
    match = _one_sided_match(text, language, sides)
    if match is None:
        return None
    subject = re.sub(r"^(?:[Pp]ihak|[Pp]emerintah|[Tt]he)\s+", "", match.group(1))
    return re.sub(r"\s+(?:side|government|is|are|has|have)$", "", subject)


def _one_sided_match(text: str, language: str, sides: Iterable[str]) -> re.Match[str] | None:
    names = sorted(set(sides), key=len, reverse=True)
    if not names:
        return None
    markers = [m for c in _COMMITTING for m in STANCES[c][language]]
    joining = "|".join(_JOINING[language])
    not_after = "".join(rf"(?<!\b{word}\s)" for word in _JOINING[language])
    after = r"(?:\s+(?:side|government|is|are|has|have))?" if language == "en" else ""
    pattern = re.compile(
        rf"(?<![\w'’–-]){not_after}({_SIDE_WORDS[language]}"
        rf"(?:{'|'.join(map(re.escape, names))}){after})"
        rf"(?!\s*[-–]\s*\w)(?!\s+(?:{joining})\s)"
        rf"((?:\s+(?!{'|'.join(markers)})[\w-]+){{0,3}}?)\s+({'|'.join(markers)})(?![\w'’-])"
    )
    return pattern.search(text)
