"""The Indonesian press's words that CLDR does not give through Babel: its spellings of
country names, and numbers spelled out. Drafts read articles with them, and the grounding checks
hold summaries to those articles with the same words."""

from __future__ import annotations

PRESS_COUNTRIES = {
    "Tiongkok": "CN",
    "China": "CN",
    "Cina": "CN",
    "Kirgistan": "KG",
    "Kyrgyzstan": "KG",
    "Kazakstan": "KZ",
    "Kirgizstan": "KG",
    "Kirgiztan": "KG",
    "Kirgizia": "KG",
    "Tadjikistan": "TJ",
    "Tajikstan": "TJ",
    "RRT": "CN",
    "RRC": "CN",
    "Tiongkok Daratan": "CN",
    "AS": "US",
}
"""Spellings the Indonesian press uses besides CLDR's names."""


CARDINALS = {
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "seratus": 100,
    "seribu": 1000,
}
"""Numbers in words. 'satu' is left out: 'salah satu', 'satu sama lain' count nothing."""
