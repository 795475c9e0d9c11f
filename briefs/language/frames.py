"""The reporting frames of Indonesian news, as patterns: the verbs that give words to a speaker
('kata', 'ujar', 'menyatakan' ...), 'menurut', a relayed statement's header, joint subjects
and acts, and the adjuncts between a speaker and the verb. speakers.py reads them."""

from __future__ import annotations

import re

END_VERBS = r"kata|ujar|tutur|ucap|ungkap|tegas|jelas|tambah|lanjut|imbuh"
END_FRAME = re.compile(
    rf"(?:^|(?<=[,\"”'’]))\s*(?P<verb>(?:{END_VERBS})(?P<nya>nya)?)\b(?P<rest>[^,.;:!?\"“”]*)",
    re.I,
)
REPORTING = (
    r"menyatakan|mengatakan|menekankan|menyampaikan|berharap|meminta|mengusulkan|"
    r"menyebut(?:kan)?|menegaskan|mengungkapkan|menjelaskan|menambahkan|mencatat|mengumumkan|"
    r"menilai|menuturkan|menyerukan|mendesak|menggarisbawahi|memaparkan|mengajak|"
    r"mengemukakan|menandaskan|mendorong|menguraikan|mengajukan|menawarkan|menganjurkan|"
    r"menyoroti"
)
VERB = re.compile(rf"(?<![\w-])(?:{REPORTING})(?![\w-])")
MENURUT = re.compile(r"(?<![\w-])[Mm]enurut\s+(?P<rest>[^,.;:!?\"“”]*)")
RELAYED = re.compile(
    r"(?:[Dd]ilansir(?:\s+dari)?|[Mm]elansir|[Dd]ikutip\s+dari|[Mm]engutip|"
    r"[Ss]eperti\s+dilaporkan)\s+(?P<outlet>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)"
)
STATEMENT = re.compile(
    r"\b(?:pernyataan|komunike|deklarasi|siaran\s+pers)\b[^.]*?\bsebagai\s+berikut|"
    r"\bberikut\s+(?:isi\s+)?(?:pernyataan|komunike|deklarasi)",
    re.I,
)
PRONOUNS = frozenset({"ia", "dia", "beliau", "nya"})
JOINT_SUBJECT = (
    r"kedua\s+belah\s+pihak|kedua\s+pihak|semua\s+pihak|para\s+pihak|seluruh\s+pihak|"
    r"para\s+menteri(?:\s+luar\s+negeri)?|para\s+pemimpin|para\s+kepala\s+negara|keduanya|"
    r"kedua\s+(?:kepala\s+negara|menteri(?:\s+luar\s+negeri)?|pemimpin|presiden|negara|menlu)|"
    r"ke(?:tiga|empat|lima|enam|tujuh)\s+(?:negara|menteri|pemimpin|kepala\s+negara)|"
    r"masing-masing\s+pihak"
)
JOINT_SUBJECT_RE = re.compile(rf"(?<![\w-])(?:{JOINT_SUBJECT})(?![\w-])", re.I)
JOINT_ACT = re.compile(
    r"(?<![\w-])(?:sepakat|bersepakat|menyepakati|disepakati|kesepakatan\s+[^.]{0,80}?dicapai|"
    r"mencapai\s+(?:kesepakatan|konsensus)|pernyataan\s+bersama|deklarasi\s+bersama|"
    r"komunike\s+bersama|meneken|menandatangani|ditandatangani|bersama-sama)(?![\w-])",
    re.I,
)
ADJUNCTS = (
    re.compile(r"\s*,[^,]{1,200},\s*$"),  # 'Wang, yang juga anggota ..., mengatakan'
    re.compile(
        r"\s+(?:juga|pun|kemudian|lalu|kembali|sebelumnya|selanjutnya|dalam\s+kesempatan\s+itu)$",
        re.I,
    ),
    re.compile(r"\s+pada\s+(?:hari\s+)?[A-Za-z]+(?:\s*\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\))?$", re.I),
    re.compile(
        r"\s+(?:pada|dalam)\s+(?:pertemuan|konferensi\s+pers|pembicaraan|kesempatan)[^,]{0,60}$",
        re.I,
    ),
)


def joint_acts(text: str) -> list[str]:
    """The joint acts a text reports: 'pernyataan bersama', 'menandatangani', 'sepakat',
    'kesepakatan ... dicapai' (each as written)."""
    return [" ".join(m.group().split()) for m in JOINT_ACT.finditer(text)]
