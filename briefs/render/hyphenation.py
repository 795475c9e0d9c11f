"""Indonesian hyphenation for the PDFs: the patterns pyphen (and so WeasyPrint) uses, made
from the language's syllable rules, and the switch that makes WeasyPrint use them. Apart from
i18n so that the PDF builder does not import Babel (and, through it, the models)."""

from __future__ import annotations

from pathlib import Path

HYPHENATION_FILE = "hyph_id.dic"
"""The Indonesian hyphenation patterns, in templates/ (written by indonesian_patterns)."""

_VOWELS = "aeiou"
_CONSONANTS = "bcdfghjklmnpqrstvwxyz"
_DIGRAPHS = ("ng", "ny", "sy", "kh")
"""One consonant each, never split: me-nga-ji, ba-nyak, sya-rat, akh-lak."""
_ONSETS: tuple[str, ...] = ("bl", "br", "dr", "fl", "fr", "gl", "gr", "kl", "kr", "pl", "pr")
_ONSETS += ("tr", "str", "spr", "skr")
"""Consonant clusters that begin a syllable together: mem-prak-tik-kan, ke-mi-tra-an,
in-fra-struk-tur, ek-stre-mis-me. An s before one other consonant is not among them: between
vowels it closes a syllable (pas-ti, is-me, mis-kin; never "ekstremi-sme")."""
_DIPHTHONGS = ("ai", "au", "oi")
"""Two vowels of one syllable: pan-tai, ka-lau."""


def indonesian_patterns() -> str:
    """Liang hyphenation patterns for Indonesian from its syllable rules (the spelling guide,
    PUEBI): a break before a consonant between vowels (ba-ca), between two consonants (ban-tu),
    between two vowels that are not a diphthong (ke-mi-tra-an); never inside a digraph or a
    syllable-initial cluster (in-stru-men, kon-struk-si). The dictionary pyphen ships for id
    breaks at "memp-raktikkan", "rekons-truksi", "kemit-raan"."""
    levels: dict[str, list[int]] = {}

    def rule(letters: str, position: int, level: int) -> None:
        slots = levels.setdefault(letters, [0] * (len(letters) + 1))
        slots[position] = max(slots[position], level)

    for c in _CONSONANTS:
        for v in _VOWELS:
            rule(c + v, 0, 1)  # V-CV
        for d in _CONSONANTS:
            rule(c + d, 1, 1)  # VC-CV
    for v in _VOWELS:
        for w in _VOWELS:
            rule(v + w, 1, 2 if v + w in _DIPHTHONGS else 1)
    for pair in _DIGRAPHS + _ONSETS:
        for i in range(1, len(pair)):
            rule(pair, i, 2)  # never inside
        for v in _VOWELS:
            rule(pair + v, 0, 1)  # before it, when a vowel follows
    # An s between consonants closes the syllable before (trans-por-ta-si, eks-por, not
    # "tran-s-por"), unless a cluster begins with it (kon-struk-si, in-stru-men).
    for c in _CONSONANTS:
        for d in _CONSONANTS:
            rule(c + "s" + d, 1, 2)
            rule(c + "s" + d, 2, 1)
        for cluster in (o for o in _ONSETS if o.startswith("s")):
            rule(c + cluster, 1, 3)
    lines = []
    for letters, slots in sorted(levels.items()):
        lines.append(
            "".join(f"{slots[i] or ''}{char}" for i, char in enumerate(letters))
            + f"{slots[-1] or ''}"
        )
    return "UTF-8\n" + "\n".join(lines) + "\n"


def use_indonesian_hyphenation(templates_dir: Path) -> None:
    """Make WeasyPrint (through pyphen) hyphenate Indonesian with the patterns in templates/."""
    import pyphen

    path = templates_dir / HYPHENATION_FILE
    if path.is_file():
        for tag in ("id", "id_ID"):
            pyphen.LANGUAGES[tag] = path
