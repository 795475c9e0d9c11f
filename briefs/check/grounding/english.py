"""The English held to the Indonesian beyond numbers, names, negation and stance: quantity words
('all' is 'semua', 'seluruh'), intensifiers ('firmly' is 'dengan tegas'), and international
words ('multilateralisme' is 'multilateralism', not 'unilateralism'). A pairing the check does
not know is recorded once in sources/glossary.yaml ('renderings') and accepted everywhere."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from briefs.check.grounding.finding import Finding
from briefs.language.stems import stem
from briefs.read.messages import Loc
from briefs.summary.fields import Text
from briefs.summary.vocabulary import Glossary, Rendering

QUANTITIES = {
    "id": ("semua", "seluruh", "segala", "setiap", "tiap", "segenap"),
    "en": ("all", "every", "each", "entire", "whole"),
}
"""Words that say how much of something: 'all forms' is 'segala bentuk'."""
_EACH_OTHER = re.compile(r"\beach\s+other(?:'s)?\b", re.I)

INTENSIFIERS: dict[str, dict[str, tuple[str, ...]]] = {
    "firm": {
        "id": ("tegas", "teguh"),
        "en": ("firmly", "resolutely", "steadfastly", "firm", "resolute"),
    },
    "strong": {
        "id": ("kuat", "keras", "giat"),
        "en": ("strongly", "vigorously", "strong", "vigorous"),
    },
    "active": {"id": ("aktif",), "en": ("actively", "active")},
    "close": {"id": ("erat",), "en": ("closely", "close")},
    "full": {"id": ("sepenuhnya", "penuh"), "en": ("fully", "full")},
}
"""Adverbs that strengthen a verb, by class: an English 'firmly' needs a 'tegas' or 'teguh'."""

_ID_SUFFIXES = ("isasi", "isme", "itas", "asi", "tif", "sif", "if", "ik", "is", "al", "logi")
"""Endings of the international words Indonesian borrows (investasi, multilateralisme,
konstruktif, politik, strategis, digital, teknologi): such a word has an English cognate."""

_NATIVE_TOO = ("al", "ik", "is")
"""Endings borrowed words share with many of Indonesian stock (pangkal, suntik, garis)."""

_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")


def _skeleton(word: str) -> str:
    """A spelling both languages reduce to: ph/f, ch/k, c/k or s, qu/ku, x/ks, y/i, z/s, ti+vowel
    /si+vowel, double letters single ('reconciliation' and 'rekonsiliasi' meet)."""
    w = word.lower()
    for old, new in (("ph", "f"), ("ch", "k"), ("th", "t"), ("qu", "ku"), ("x", "ks"), ("z", "s")):
        w = w.replace(old, new)
    w = re.sub(r"c(?=[eiy])", "s", w).replace("c", "k")
    w = re.sub(r"(?<=[aeiou])ti(?=[aeiou])|(?<=[ns])ti(?=[aeiou])", "si", w)
    w = w.replace("y", "i")
    return re.sub(r"(.)\1", r"\1", w)


def _cognate_keys(word: str) -> list[str]:
    """The stems an Indonesian international word may share with its English cognate (the word,
    and its Sastrawi stem: 'memfasilitasi' is 'fasilitas', 'berkualitas' 'kualitas'); none for a
    word of Indonesian stock, whose stem is no international word ('melintasi' is 'lintas')."""
    w = word.lower()
    base = stem(w)
    if base != w and (
        _cognate_key(base) is None
        or (base.endswith(_NATIVE_TOO) and not w.endswith(("isme", "isasi")))
    ):
        # an affixed word: borrowed only when its stem ends as borrowed words alone do
        # ('berkualitas', 'memfasilitasi'; not 'pangkalan' from 'pangkal', 'menyuntikkan')
        return []
    return [k for f in dict.fromkeys((w, base)) if (k := _cognate_key(f)) is not None]


def _cognate_key(word: str) -> str | None:
    """The stem an Indonesian international word shares with its English cognate, or None for
    a word that is not one ('multilateralisme' -> 'multil')."""
    w = word.lower()
    if len(w) < 6 or "-" in w or not w.isalpha():
        return None
    for suffix in _ID_SUFFIXES:
        # '-ik' and '-is' end many words of Indonesian stock (suntik, naik, garis): a longer stem
        least = 5 if suffix in ("ik", "is") else 4
        if w.endswith(suffix) and len(w) - len(suffix) >= least:
            return _skeleton(w[: -len(suffix)])[:6]
    return None


def _words_of(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


@cache
def _phrase_re(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.I)


def rendered(text: Text, renderings: Sequence[Rendering]) -> list[Rendering]:
    """The glossary's renderings a text uses: one of the Indonesian forms in its Indonesian and
    one of the English forms in its English."""
    return [
        r
        for r in renderings
        if any(_phrase_re(f).search(text.id) for f in r.id)
        and any(_phrase_re(f).search(text.en) for f in r.en)
    ]


def _covered(word: str, language: str, used: Sequence[Rendering]) -> bool:
    """Whether a word stands inside a rendering the text uses."""
    return any(
        word in _words_of(form) for r in used for form in (r.id if language == "id" else r.en)
    )


def mismatches(text: Text, renderings: Sequence[Rendering] = ()) -> list[tuple[str, str]]:
    """What the English says that the Indonesian does not, or leaves out: [(language, message)],
    language being where the word stands."""
    used = rendered(text, renderings)
    words = {language: _words_of(text[language]) for language in ("id", "en")}
    found: list[tuple[str, str]] = []
    # 'each other' is 'saling', no quantity; 'each' alone is 'setiap'/'tiap'.
    counted = {"id": words["id"], "en": _words_of(_EACH_OTHER.sub(" ", text.en))}
    quantity = {lang: [w for w in counted[lang] if w in QUANTITIES[lang]] for lang in counted}
    quantity = {lang: [w for w in q if not _covered(w, lang, used)] for lang, q in quantity.items()}
    if quantity["en"] and not quantity["id"]:
        found.append(("en", f"{quantity['en'][0]!r}: a quantity the Indonesian does not say"))
    elif quantity["id"] and not quantity["en"]:
        found.append(("en", f"the Indonesian says {quantity['id'][0]!r}, the English no quantity"))
    for name, forms in INTENSIFIERS.items():
        en = [w for w in words["en"] if w in forms["en"] and not _covered(w, "en", used)]
        if en and not any(w in forms["id"] for w in words["id"]):
            found.append(("en", f"{en[0]!r} ({name}): the Indonesian does not say it"))
    english = [_skeleton(part) for w in words["en"] for part in w.split("-")]
    for word in dict.fromkeys(words["id"]):
        keys = _cognate_keys(word)
        if not keys or _covered(word, "id", used):
            continue
        if not any(e.startswith(key) for key in keys for e in english):
            found.append(
                (
                    "en",
                    f"the Indonesian says {word!r}, the English has no word of its family",
                )
            )
    return found


def english_findings(text: Text, loc: Loc, glossary: Glossary | None) -> list[Finding]:
    """Quantity words, intensifiers and international words the English and the Indonesian do
    not share (warnings that say how to record a correct rendering)."""
    renderings = glossary.renderings if glossary else []
    return [
        Finding(
            (*loc, language),
            f"{message}; if the English is right, record the rendering in"
            " sources/glossary.yaml under 'renderings' ({id: [<Indonesian>], en: [<English>]})",
            True,
        )
        for language, message in mismatches(text, renderings)
    ]
