"""Nothing added: every content word of an Indonesian text (a point, an outcome, a takeaway,
the lede, the title) is one its quotes say, in some form. Words are compared by their stems
from Sastrawi (the usual Indonesian stemmer); function words, the markers the stance and
negation checks hold (sepakat, akan, tidak ...), the glossary's names and its recorded
renderings are free."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from briefs.check.grounding.claims import _STOPWORDS, content_words
from briefs.check.grounding.english import QUANTITIES
from briefs.check.grounding.finding import Finding, their
from briefs.check.grounding.stance import NEGATIONS, POLARITIES, STANCES
from briefs.language.frames import joint_acts
from briefs.language.stems import stem
from briefs.read.messages import Loc
from briefs.summary.vocabulary import Glossary

_FUNCTION_WORDS = frozenset(
    """saling terkait terhadap antara beberapa berbagai hingga sehingga selama sebagai menjadi
    merupakan dalam karena sebab akibat ketika apabila jika maka pula hanya lain lainnya lebih
    kurang paling sangat makin semakin terus tetap masih sudah belum pernah sedang segera kembali
    bahwa yakni yaitu ialah antaranya diantaranya termasuk mereka kita kami negara-negara
    sebelum sesudah sebesar""".split()
)
"""Words that carry no claim of their own (in addition to claims.py's stop words)."""


_ALL_WORDS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4096)
def _quoted_stems(quoted: str) -> frozenset[str]:
    words = [w.lower() for w in _ALL_WORDS.findall(quoted)]
    return frozenset(words) | frozenset(stem(w) for w in words)


@cache
def _free() -> frozenset[str]:
    markers = {
        word
        for table in (STANCES, POLARITIES)
        for forms in table.values()
        for phrase in forms["id"]
        for word in phrase.split()
    }
    return _STOPWORDS | _FUNCTION_WORDS | markers | frozenset(NEGATIONS["id"])


def added_words(
    text: str, quotes: Sequence[str], free: Iterable[str] = (), same: Sequence[frozenset[str]] = ()
) -> list[str]:
    """The content words of an Indonesian text that its quotes do not say in any form. free:
    more words that carry no claim (the glossary's names); same: groups of Indonesian words the
    glossary records as one rendering (a word is said when another of its group is)."""
    said = _quoted_stems("\n".join(quotes))
    free_words = _free() | {w.lower() for w in free}
    missing: list[str] = []
    # A quantity word is a claim ('semua bisnis' for 'bisnis'), though a function word elsewhere.
    for word in _ALL_WORDS.findall(text.lower()):
        if word in QUANTITIES["id"] and word not in said:
            missing.append(word)
    for word in content_words(text):
        if word in free_words or word in said or stem(word) in said:
            continue
        if any(
            stem(word) in {stem(g) for g in group} and any(stem(o) in said for o in group)
            for group in same
        ):
            continue
        missing.append(word)
    return list(dict.fromkeys(missing))


def unquoted_acts(text: str, quotes: Sequence[str]) -> list[str]:
    """The joint acts a text reports ('pernyataan bersama', 'menandatangani', 'sepakat') that
    none of its quotes reports."""
    said = {stem(w) for act in joint_acts("\n".join(quotes)) for w in act.lower().split()}
    return [
        act for act in joint_acts(text) if not all(stem(w) in said for w in act.lower().split())
    ]


def clear_caches() -> None:
    """Forget the quotes read (the cache serves one summary at a time)."""
    _quoted_stems.cache_clear()


def added_findings(
    text: str,
    quotes: Sequence[str],
    loc: Loc,
    what: str,
    glossary: Glossary | None,
    reported: Sequence[str] = (),
    *,
    acts: bool = False,
) -> list[Finding]:
    """The content words an Indonesian text adds to its quotes (a warning), and with acts (the
    title and lede), the joint acts it reports that they do not (an error; a point's are held
    by the stance check)."""
    glossary = glossary or Glossary()
    free = {w for term in glossary.terms for name in term.id for w in name.lower().split()}
    same = [frozenset(w.lower() for w in r.id) for r in glossary.renderings if len(r.id) > 1]
    words = [w for w in added_words(text, quotes, free, same) if w not in reported]
    found = [
        Finding(
            loc,
            f"{act!r}: an act {their(what)} do not report",
        )
        for act in (unquoted_acts(text, quotes) if acts else [])
    ]
    if words:
        found.append(
            Finding(
                loc,
                f"{', '.join(map(repr, words))}: {their(what)} do not say it; if they say it in"
                " other words, record both in sources/glossary.yaml under 'renderings' (e.g."
                f" {{id: [{words[0]}, <the quotes' word>], en: [<its English>]}})",
                True,
            )
        )
    return found
