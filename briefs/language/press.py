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

PRESS_DEMONYMS = {
    "Kazakh": "KZ",
    "Uzbek": "UZ",
    "Kyrgyz": "KG",
    "Kirgiz": "KG",
    "Kirghizia": "KG",
    "Tajik": "TJ",
    "Turkmen": "TM",
}
"""The country adjectives translated reports keep ('Wakil Perdana Menteri Kazakh'): a country."""


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

ENGLISH_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1000,
}
"""English numbers in words ('one' is left out: one-China, one another count nothing)."""

PRESS_SCALES = {"id": {"milyar": 10**9}, "en": {"bn": 10**9, "mn": 10**6}}
"""Scale words besides CLDR's long compact forms."""

PRESS_SYMBOLS = {
    "US$": "USD",
    "US $": "USD",
    "$": "USD",
    "USD": "USD",
    "Rp": "IDR",
    "IDR": "IDR",
    "CNY": "CNY",
    "RMB": "CNY",
    "CN¥": "CNY",
    "¥": "CNY",
    "€": "EUR",
    "EUR": "EUR",
}
"""Currency signs and codes written before an amount ('US$500', 'Rp319,82', 'IDR 319.82')."""

PRESS_UNITS = {
    # the energy press's abbreviations: '55 bcm' is 55 billion cubic metres (of gas a year)
    "bcm": (10**9, "volume-cubic-meter"),
    "tcm": (10**12, "volume-cubic-meter"),
    # 'm3' for 'm³' where the superscript was not typed
    "m3": (1, "volume-cubic-meter"),
    # CLDR's Indonesian is 'metrik ton', the press writes 'ton'; its 'ton' is the metric tonne
    "ton": (1, "mass-tonne"),
    "tons": (1, "mass-tonne"),
    "metric ton": (1, "mass-tonne"),
    "kubik meter": (1, "volume-cubic-meter"),
}
"""Measure words after a number besides CLDR's unit names, lower case -> (the scale they carry,
the CLDR unit)."""

PRESS_CURRENCY_WORDS = {
    "dolar as": "USD",
    "dolar": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "us dollar": "USD",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupiah": "IDR",
    "tenge": "KZT",
}
"""Currency words after an amount; alone, the press's 'dolar' is the US dollar."""

QUALIFIERS = {
    "id": {
        "sekitar": "about",
        "kurang lebih": "about",
        "kira-kira": "about",
        "hampir": "about",
        "lebih dari": "more-than",
        "di atas": "more-than",
        "kurang dari": "less-than",
        "di bawah": "less-than",
        "setidaknya": "at-least",
        "sedikitnya": "at-least",
        "minimal": "at-least",
        "paling sedikit": "at-least",
        "hingga": "up-to",
        "sampai": "up-to",
        "maksimal": "up-to",
        "paling banyak": "up-to",
    },
    "en": {
        "about": "about",
        "around": "about",
        "approximately": "about",
        "roughly": "about",
        "some": "about",
        "nearly": "about",
        "almost": "about",
        "more than": "more-than",
        "over": "more-than",
        "less than": "less-than",
        "fewer than": "less-than",
        "under": "less-than",
        "at least": "at-least",
        "up to": "up-to",
    },
}
"""Words before a number that hedge it, as the summaries' Qualifier values. 'mencapai' (reached)
is no hedge: '41 miliar' reached is 41 billion."""
