"""Planted errors and faithful edits of the shipped summaries, and the runner that checks each
one (tests/test_mutations.py pins them; scripts/check_eval.py prints the catch rate per kind).

A mutation is one error an editor or a draft could make, as text edits of one summary, and the
fields at which `briefs check --strict` must report it. It is caught when a problem that the
unchanged summary does not have starts with one of those field names and stands at that field's
line and column. A faithful edit changes the words and not the facts: it must raise nothing."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefs.check.validate import load_summaries
from briefs.errors import Problem
from briefs.project import open_project
from briefs.read.loader import parse_summary
from briefs.read.messages import Loc

ROOT = Path(__file__).resolve().parent.parent

S19 = "2019-09-11-china-kazakhstan-state-visit"
F20 = "2020-07-16-china-central-asia-foreign-ministers"
S22 = "2022-01-25-china-central-asia-summit"
T24 = "2024-05-20-china-kazakhstan-foreign-ministers-talks"
F24 = "2024-12-01-china-central-asia-foreign-ministers"

KINDS = {
    "figure-value": "a figure's value wrong",
    "figure-field": "a figure's year, unit, qualifier, out_of, noun, equivalent, period",
    "text-number": "a number in a point's or outcome's text",
    "title-lede": "a number in the title or lede",
    "date": "the meeting's date or period",
    "place": "the place's city, country, venue or online",
    "participant": "a participant's office, country, name; one added; the kind",
    "negation": "negation inserted or removed, polarity reversed",
    "stance": "stance strengthened or changed",
    "attribution": "a one-sided pledge made joint, or the wrong participant",
    "added-claim": "a claim added with no number or name",
    "divergence": "the English says something else than the Indonesian",
    "swapped-quote": "a verbatim quote from an unrelated sentence",
    "attribution-2": "who said it changed either way (one side's words as agreed, agreed as one side's)",
    "added-word": "a quantity word, a sector or an action added in both languages",
    "both-languages": "a negation, modality or polarity changed in both languages at once",
    "lede-title": "the lede or title says what no quote says (an act, a place, a claim)",
    "english-word": "the English differs in a content word (cognate, quantity, intensifier)",
    "invisible": "a bidi control or zero-width character in a text, name or quote",
}


@dataclass(frozen=True)
class Mutation:
    kind: str
    meeting: str
    edits: tuple[tuple[str, str], ...]
    fields: tuple[str, ...]
    """The fields at which it must be reported (any one of them)."""

    @property
    def name(self) -> str:
        """kind-NN:meeting date:first words of the edit (unique in the catalogue)."""
        number = [m for m in MUTATIONS if m.kind == self.kind].index(self) + 1
        old, new = self.edits[0]
        return f"{self.kind}-{number:02d}:{self.meeting[:10]}:{_short(old)}->{_short(new)}"


@dataclass(frozen=True)
class Faithful:
    meeting: str
    edits: tuple[tuple[str, str], ...]
    why: str


def _short(text: str) -> str:
    words = text.split()
    return "_".join(words[:4])[:40]


def m(kind: str, meeting: str, old: str, new: str, *fields: str) -> Mutation:
    return Mutation(kind, meeting, ((old, new),), fields)


def mm(kind: str, meeting: str, edits: list[tuple[str, str]], *fields: str) -> Mutation:
    return Mutation(kind, meeting, tuple(edits), fields)


MUTATIONS: list[Mutation] = [
    # a figure's value
    m("figure-value", T24, "value: 41000000000", "value: 14000000000", "figures[0].value"),
    m("figure-value", T24, "value: 41000000000", "value: 41000000", "figures[0].value"),
    m("figure-value", S22, "value: 50100000000", "value: 5010000000", "figures[2].value"),
    m("figure-value", S22, "value: 460000000", "value: 46000000", "figures[3].value"),
    m("figure-value", F24, "value: 20\n", "value: 40\n", "figures[1].value"),
    m("figure-value", F24, "value: 40\n", "value: 20\n", "figures[3].value"),
    m("figure-value", T24, "value: 10000\n", "value: 1000\n", "figures[3].value"),
    m(
        "figure-value",
        T24,
        "value: 26\n    unit: count\n    noun: {id: proyek",
        "value: 45\n    unit: count\n    noun: {id: proyek",
        "figures[2].value",
    ),
    m("figure-value", S22, "value: 5000\n", "value: 500\n", "figures[5].value"),
    m(
        "figure-value",
        T24,
        "value: 26\n    unit: count\n    noun: {id: pasang",
        "value: 62\n    unit: count\n    noun: {id: pasang",
        "figures[7].value",
    ),
    m("figure-value", S19, "value: 70", "value: 60", "figures[0].value"),
    m("figure-value", F20, "value: 28", "value: 82", "figures[0].value"),
    m("figure-value", S22, "value: 3\n", "value: 5\n", "figures[1].value"),
    m("figure-value", S22, "value: 500000000\n", "value: 5000000000\n", "figures[4].value"),
    m(
        "figure-value",
        F24,
        "value: 5\n    unit: count\n    noun: {id: konsensus",
        "value: 6\n    unit: count\n    noun: {id: konsensus",
        "figures[0].value",
    ),
    m("figure-value", T24, "value: 1000\n", "value: 10000\n", "figures[4].value"),
    # another figure's value, stated by the same quote for another year
    m("figure-value", S22, "value: 460000000", "value: 50100000000", "figures[3].value"),
    # a figure's other fields
    m(
        "figure-field",
        T24,
        "unit: USD\n    year: 2023",
        "unit: CNY\n    year: 2023",
        "figures[0].unit",
        "figures[0].series",
    ),
    m("figure-field", S22, "year: 2021\n", "year: 2020\n", "figures[2].year"),
    m("figure-field", S22, "year: 1992\n", "year: 1991\n", "figures[3].year"),
    m(
        "figure-field",
        T24,
        "unit: USD\n    year: 2023",
        "unit: USD\n    year: 2024",
        "figures[0].year",
    ),
    m(
        "figure-field",
        T24,
        "qualifier: more-than\n    year: 2024\n    quote: Saat ini",
        "year: 2024\n    quote: Saat ini",
        "figures[3].value",
        "figures[3].qualifier",
    ),
    m("figure-field", F24, "qualifier: more-than", "qualifier: about", "figures[3].qualifier"),
    m(
        "figure-field",
        F24,
        "    noun: {id: kota, en: cities}\n",
        "    noun: {id: kota, en: cities}\n    qualifier: more-than\n",
        "figures[1].qualifier",
    ),
    m("figure-field", T24, "out_of: 45", "out_of: 46", "figures[2].out_of"),
    m("figure-field", S22, "out_of: 5", "out_of: 6", "figures[1].out_of"),
    m(
        "figure-field",
        F24,
        "noun: {id: kota, en: cities}",
        "noun: {id: negara, en: countries}",
        "figures[1].noun",
        "figures[1].noun.id",
    ),
    m(
        "figure-field",
        T24,
        "noun: {id: institusi, en: institutions}",
        "noun: {id: universitas, en: universities}",
        "figures[6].noun",
        "figures[6].noun.id",
    ),
    m(
        "figure-field",
        T24,
        "equivalent: {value: 657000000000000,",
        "equivalent: {value: 675000000000000,",
        "figures[0].equivalent.value",
        "figures[0].equivalent",
    ),
    m(
        "figure-field",
        T24,
        "equivalent: {value: 657000000000000, unit: IDR, qualifier: about}",
        "equivalent: {value: 657000000000000, unit: IDR}",
        "figures[0].equivalent",
        "figures[0].equivalent.value",
    ),
    m(
        "figure-field",
        T24,
        "equivalent: {value: 657000000000000, unit: IDR,",
        "equivalent: {value: 657000000000000, unit: CNY,",
        "figures[0].equivalent",
        "figures[0].equivalent.unit",
        "figures[0].equivalent.value",
    ),
    m(
        "figure-field",
        F24,
        "period: {id: dalam waktu tiga tahun, en: within three years}",
        "period: {id: dalam waktu dua tahun, en: within two years}",
        "figures[4].period.id",
        "figures[4].period",
    ),
    m("figure-field", S19, "year: 2019\n", "year: 2018\n", "figures[0].year"),
    m("figure-field", F20, "year: 2020\n", "year: 2021\n", "figures[0].year"),
    m(
        "figure-field",
        T24,
        "year: 2024\n    out_of: 45",
        "year: 2024\n    period: {id: tahun depan, en: next year}\n    out_of: 45",
        "figures[2].period.id",
        "figures[2].period",
    ),
    m(
        "figure-field",
        F24,
        "noun: {id: kota, en: cities}\n    year: 2024",
        "noun: {id: kota, en: cities}\n    year: 2023",
        "figures[1].year",
    ),
    m("figure-field", S22, "year: 1992\n", "year: 2021\n", "figures[3].year"),
    # a number in a text
    m(
        "text-number",
        S22,
        "Selama 30 tahun terakhir",
        "Selama 20 tahun terakhir",
        "points[1].text.id",
        "points[1].text",
    ),
    m(
        "text-number",
        S22,
        "Over the past 30 years",
        "Over the past 25 years",
        "points[1].text.en",
        "points[1].text",
    ),
    m(
        "text-number",
        S22,
        "will provide US$500 million in",
        "will provide US$600 million in",
        "outcomes[1].text.en",
        "outcomes[1].text",
    ),
    m(
        "text-number",
        S22,
        "China will offer 5,000 seminar",
        "China will offer 50,000 seminar",
        "outcomes[2].text.en",
        "outcomes[2].text",
    ),
    m(
        "text-number",
        F24,
        "Summit,\n        in Kazakhstan in 2025.",
        "Summit,\n        in Kazakhstan in 2026.",
        "outcomes[2].text.en",
        "outcomes[2].text",
    ),
    m(
        "text-number",
        F24,
        "Di antara lima konsensus pertemuan: mematuhi",
        "Di antara enam konsensus pertemuan: mematuhi",
        "points[1].text.id",
        "points[1].text",
    ),
    m(
        "text-number",
        T24,
        "yang bermanfaat. Proyek-proyek kerja sama",
        "yang bermanfaat. Sebanyak 36 proyek kerja sama",
        "points[4].text.id",
        "points[4].text",
    ),
    m(
        "text-number",
        F20,
        'have decided to set up a "China and the five Central Asian countries"',
        'have decided to set up a "China and the six Central Asian countries"',
        "points[10].text.en",
        "points[10].text",
    ),
    m(
        "text-number",
        F24,
        "Tengah dalam\n        waktu tiga tahun.",
        "Tengah dalam\n        waktu dua tahun.",
        "outcomes[1].text.id",
        "outcomes[1].text",
    ),
    m(
        "text-number",
        T24,
        "are discussing the construction of a third cross-border railway.",
        "are discussing the construction of a fourth cross-border railway.",
        "outcomes[2].text.en",
        "outcomes[2].text",
    ),
    m(
        "text-number",
        S22,
        "id: Nilai perdagangan Tiongkok dengan negara-negara Asia Tengah\n      en: Trade between China and the Central Asian countries\n    value: 50100000000",
        "id: Nilai perdagangan Tiongkok dengan negara-negara Asia Tengah tahun 2020\n      en: Trade between China and the Central Asian countries in 2020\n    value: 50100000000",
        "figures[2].label.id",
        "figures[2].label.en",
    ),
    # the title and the lede
    m(
        "title-lede",
        F24,
        "en: Sixth China–Central Asia",
        "en: Fifth China–Central Asia",
        "title.en",
    ),
    m("title-lede", F24, "Tengah keenam di Chengdu\n", "Tengah kelima di Chengdu\n", "title.id"),
    m(
        "title-lede",
        F20,
        "conference for the first time and issued",
        "conference for the second time and issued",
        "lede.en",
        "lede",
    ),
    m(
        "title-lede",
        F20,
        "Wang Yi dan lima menteri luar negeri Asia Tengah",
        "Wang Yi dan enam menteri luar negeri Asia Tengah",
        "lede.id",
        "lede",
    ),
    m(
        "title-lede",
        S22,
        "Xi announced US$500\n    million",
        "Xi announced US$400\n    million",
        "lede.en",
        "lede",
    ),
    m(
        "title-lede",
        S22,
        "five countries over the next three years.",
        "five countries over the next five years.",
        "lede.en",
        "lede",
    ),
    m(
        "title-lede",
        T24,
        "en: China–Kazakhstan foreign ministers' talks in Astana",
        "en: Second China–Kazakhstan foreign ministers' talks in Astana",
        "title.en",
        "title",
    ),
    # the date and the period
    m("date", F24, "date: 2024-12-01", "date: 2024-11-30", "date"),
    m("date", T24, "date: 2024-05-20", "date: 2024-05-21", "date"),
    m("date", S19, "end: 2019-09-12}", "end: 2019-09-13}", "period.end", "period"),
    m("date", S19, "{start: 2019-09-10,", "{start: 2019-09-09,", "period.start", "period"),
    m(
        "date",
        F20,
        "date: 2020-07-16\n",
        "date: 2020-07-16\nperiod: {start: 2020-07-15, end: 2020-07-16}\n",
        "period.start",
        "period",
    ),
    m("date", S22, "date: 2022-01-25", "date: 2022-01-24", "date"),
    m("date", F20, "date: 2020-07-16\n", "date: 2020-07-17\n", "date"),
    m(
        "date",
        T24,
        "date: 2024-05-20\n",
        "date: 2024-05-20\nperiod: {start: 2024-05-20, end: 2024-05-22}\n",
        "period.end",
        "period",
    ),
    # the place
    m("place", F24, "  country: CN\n  quote", "  country: KZ\n  quote", "place.country"),
    m(
        "place",
        T24,
        "  city: {id: Astana, en: Astana}\n  country: KZ",
        "  city: {id: Astana, en: Astana}\n  country: UZ",
        "place.country",
    ),
    m(
        "place",
        F24,
        "city: {id: Chengdu, en: Chengdu}",
        "city: {id: Xi'an, en: Xi'an}",
        "place.city.id",
        "place.city",
    ),
    m(
        "place",
        T24,
        "city: {id: Astana, en: Astana}",
        "city: {id: Almaty, en: Almaty}",
        "place.city.id",
        "place.city",
    ),
    m(
        "place",
        S19,
        "venue: {id: Aula Besar Rakyat, en: Great Hall of the People}",
        "venue: {id: Istana Akorda, en: Akorda Palace}",
        "place.venue.id",
        "place.venue",
    ),
    m(
        "place",
        F20,
        "place:\n  online: true",
        "place:\n  city: {id: Beijing, en: Beijing}\n  country: CN",
        "place.city.id",
        "place.city",
    ),
    m(
        "place",
        T24,
        "city: {id: Astana, en: Astana}",
        "city: {id: Astana, en: Almaty}",
        "place.city.en",
    ),
    m(
        "place",
        S22,
        "  stated: false",
        "  city: {id: Beijing, en: Beijing}\n  country: CN",
        "place.city.id",
        "place.city",
    ),
    m("place", S19, "  country: CN\n  quote", "  country: KZ\n  quote", "place.country"),
    m(
        "place",
        F24,
        "  country: CN\n  quote",
        "  country: CN\n  online: true\n  quote",
        "place.online",
    ),
    m(
        "place",
        S19,
        "city: {id: Beijing, en: Beijing}",
        "city: {id: Astana, en: Astana}",
        "place.city.id",
        "place.city",
    ),
    # the participants and the kind
    m(
        "participant",
        T24,
        'office: {id: Menteri Luar Negeri, en: Minister of Foreign Affairs}\n    quote: "Menteri Luar Negeri Tiongkok, Wang Yi"',
        'office: {id: Perdana Menteri, en: Prime Minister}\n    quote: "Menteri Luar Negeri Tiongkok, Wang Yi"',
        "participants[0].office.id",
        "participants[0].office",
    ),
    m(
        "participant",
        F24,
        'office: {id: Menteri Luar Negeri, en: Minister of Foreign Affairs}\n    quote: "Menteri Luar Negeri Kirgistan',
        'office: {id: Menteri Luar Negeri, en: Prime Minister}\n    quote: "Menteri Luar Negeri Kirgistan',
        "participants[2].office.en",
    ),
    mm(
        "participant",
        F24,
        [
            ("country: TJ", "country: XX"),
            ("country: UZ", "country: TJ"),
            ("country: XX", "country: UZ"),
        ],
        "participants[3].country",
        "participants[5].country",
    ),
    mm(
        "participant",
        F20,
        [
            ("name: Tileuberdi\n    country: KZ", "name: Tileuberdi\n    country: KG"),
            ("name: Aidarbekov\n    country: KG", "name: Aidarbekov\n    country: KZ"),
        ],
        "participants[1].country",
        "participants[2].country",
    ),
    m(
        "participant",
        T24,
        'Menteri Luar Negeri Kazakhstan, Murat Nurtleu"\npoints:',
        'Menteri Luar Negeri Kazakhstan, Murat Nurtleu"\n  - name: Kassym-Jomart Tokayev\n    country: KZ\n    office: {id: Presiden, en: President}\n    quote: "Presiden Kassym-Jomart Tokayev"\npoints:',
        "participants[2].country",
        "participants[2].quote",
        "participants[2]",
    ),
    m(
        "participant",
        T24,
        'Menteri Luar Negeri Kazakhstan, Murat Nurtleu"\npoints:',
        'Menteri Luar Negeri Kazakhstan, Murat Nurtleu"\n  - name: Xi Jinping\n    country: CN\n    office: {id: Presiden, en: President}\npoints:',
        "participants[2]",
        "participants[2].quote",
    ),
    m("participant", F20, "native_name: 王毅", "native_name: 王义", "participants[0].native_name"),
    m("participant", F24, "name: Rashid Meredov", "name: Rashid Meredow", "participants[4].name"),
    m(
        "participant",
        S19,
        'office: {id: Presiden, en: President}\n    quote: "Presiden Kazakstan',
        'office: {id: Perdana Menteri, en: Prime Minister}\n    quote: "Presiden Kazakstan',
        "participants[1].office.id",
        "participants[1].office",
    ),
    m(
        "participant",
        F20,
        'office: {id: Menteri Luar Negeri, en: Minister of Foreign Affairs}\n    quote:\n      - "lima menteri luar negeri dari"\n      - "Uzbekistan',
        'office: {id: Menteri Luar Negeri, en: Minister of Foreign Trade}\n    quote:\n      - "lima menteri luar negeri dari"\n      - "Uzbekistan',
        "participants[5].office.en",
    ),
    m(
        "participant",
        S22,
        "office: {id: Presiden, en: President}",
        "office: {id: Perdana Menteri, en: Prime Minister}",
        "participants[0].office.id",
        "participants[0].office",
    ),
    m(
        "participant",
        T24,
        "country: CN\n    office: {id: Menteri Luar Negeri",
        "country: KZ\n    office: {id: Menteri Luar Negeri",
        "participants[0].country",
    ),
    m(
        "participant",
        F24,
        'office: {id: Menteri Luar Negeri, en: Minister of Foreign Affairs}\n    quote: "Menteri Luar Negeri Tiongkok, Wang Yi"',
        'office: {id: Wakil Perdana Menteri, en: Deputy Prime Minister}\n    quote: "Menteri Luar Negeri Tiongkok, Wang Yi"',
        "participants[0].office.id",
        "participants[0].office",
    ),
    m("participant", F24, "kind: foreign-ministers-meeting", "kind: summit", "kind"),
    m("participant", S19, "kind: state-visit", "kind: foreign-ministers-meeting", "kind"),
    # negation and polarity
    m(
        "negation",
        S22,
        "revolusi warna ditolak dengan tegas.",
        "revolusi warna tidak ditolak.",
        "points[2].text.id",
    ),
    m(
        "negation",
        T24,
        "stressed the need to firmly uphold the UN-centred",
        "stressed the need to not uphold the UN-centred",
        "points[15].text.en",
    ),
    m(
        "negation",
        F20,
        "there must be no discrimination, stigma",
        "there must be discrimination, stigma",
        "points[1].text.en",
    ),
    m(
        "negation",
        T24,
        "prinsip Satu-Tiongkok dan memandang Taiwan",
        "prinsip Satu-Tiongkok dan tidak memandang Taiwan",
        "points[2].text.id",
    ),
    m(
        "negation",
        F24,
        "        mempromosikan solidaritas dan kerja sama di Global Selatan sambil menentang",
        "        mempromosikan solidaritas dan kerja sama di Global Selatan sambil tidak menentang",
        "points[5].text.id",
    ),
    m(
        "negation",
        S19,
        "Tiongkok dan Kazakhstan harus mengambil sikap yang jelas dalam menegakkan multilateralisme\n        dan",
        "Tiongkok dan Kazakhstan tidak perlu mengambil sikap yang jelas dalam menegakkan multilateralisme\n        dan",
        "points[4].text.id",
    ),
    m(
        "negation",
        F24,
        "South while opposing all forms",
        "South while supporting all forms",
        "points[5].text.en",
    ),
    m(
        "negation",
        S22,
        "have been firmly rejected.",
        "have been firmly accepted.",
        "points[2].text.en",
    ),
    m(
        "negation",
        F20,
        "All sides strongly condemn and oppose all forms",
        "All sides strongly condemn and accept all forms",
        "points[6].text.en",
    ),
    m(
        "negation",
        T24,
        "        Keamanan Global, dan Inisiatif Peradaban Global, dengan tegas menentang",
        "        Keamanan Global, dan Inisiatif Peradaban Global, dengan tegas mendukung",
        "points[16].text.id",
    ),
    # stance
    m(
        "stance",
        T24,
        "en: China wishes to increase imports",
        "en: China will increase imports",
        "points[6].text.en",
    ),
    m(
        "stance",
        T24,
        "Tiongkok bersedia terus\n",
        "Tiongkok berkomitmen terus\n",
        "points[3].text.id",
    ),
    m(
        "stance",
        F20,
        "and wish to further promote China's",
        "and pledge to further promote China's",
        "points[0].text.en",
    ),
    m(
        "stance",
        S19,
        "Tiongkok bersedia memperdalam kerja sama menyeluruh dengan Kazakhstan, mengusahakan",
        "Tiongkok berjanji memperdalam kerja sama menyeluruh dengan Kazakhstan, mengusahakan",
        "points[2].text.id",
    ),
    m(
        "stance",
        T24,
        "The two sides believe that people-to-people",
        "The two sides agreed that people-to-people",
        "points[10].text.en",
    ),
    m("stance", S19, "should take a clear stand", "will take a clear stand", "points[4].text.en"),
    m(
        "stance",
        F24,
        "Semua pihak akan terus memperkuat koordinasi",
        "Semua pihak sepakat terus memperkuat koordinasi",
        "points[5].text.id",
    ),
    m(
        "stance",
        F20,
        "All sides firmly support the peace",
        "All sides will firmly support the peace",
        "points[7].text.en",
    ),
    # attribution
    m(
        "attribution",
        T24,
        "    attributed_to: Wang Yi\n    themes: [development]",
        "    themes: [development]",
        "points[3].quote",
        "points[3].text.id",
        "points[3].text.en",
        "points[3]",
    ),
    m(
        "attribution",
        T24,
        "dari Kazakhstan\n    attributed_to: Wang Yi",
        "dari Kazakhstan\n    attributed_to: Murat Nurtleu",
        "points[6].attributed_to",
    ),
    m(
        "attribution",
        S19,
        "hubungan bilateral yang lebih dekat.\n    attributed_to: Kassym-Jomart Tokayev",
        "hubungan bilateral yang lebih dekat.\n    attributed_to: Xi Jinping",
        "points[6].attributed_to",
    ),
    m(
        "attribution",
        F20,
        "    attributed_to: Wang Yi\n    themes: [connectivity, trade-investment, agriculture]",
        "    themes: [connectivity, trade-investment, agriculture]",
        "points[3].quote",
        "points[3].quote[0]",
        "points[3].text.id",
        "points[3].text.en",
        "points[3]",
    ),
    m(
        "attribution",
        F24,
        "modernisasi industri kita masing-masing\n    attributed_to: Wang Yi\n",
        "modernisasi industri kita masing-masing\n    attributed_to: Murat Nurtleu\n",
        "points[4].attributed_to",
    ),
    m(
        "attribution",
        S22,
        "dan saling menguntungkan.\n    attributed_to: Xi Jinping",
        "dan saling menguntungkan.",
        "points[0].quote",
        "points[0]",
    ),
    m(
        "attribution",
        S19,
        "    attributed_to: Xi Jinping\n    themes: [security]",
        "    attributed_to: Kassym-Jomart Tokayev\n    themes: [security]",
        "points[5].attributed_to",
    ),
    m(
        "attribution",
        S22,
        "di panggung dunia.\n    attributed_to: Xi Jinping",
        "di panggung dunia.",
        "points[3].quote",
        "points[3].quote[0]",
        "points[3].quote[1]",
        "points[3].text.id",
        "points[3].text.en",
        "points[3]",
    ),
    # an added claim
    m(
        "added-claim",
        T24,
        "bahan bangunan, dan konstruksi infrastruktur;",
        "bahan bangunan, pertanian, dan konstruksi infrastruktur;",
        "points[4].text.id",
    ),
    m(
        "added-claim",
        F24,
        "investasi industri,\n        dan pertambangan hijau.",
        "investasi industri,\n        pertambangan hijau, dan pariwisata.",
        "points[3].text.id",
    ),
    m(
        "added-claim",
        S22,
        "Xi mengumumkan bantuan bagi negara-negara",
        "Xi mengumumkan hibah bagi negara-negara",
        "outcomes[0].text.id",
    ),
    m(
        "added-claim",
        T24,
        "untuk membantu pekerjaan rekonstruksi.\n      en",
        "untuk membantu pekerjaan rekonstruksi dan pertahanan.\n      en",
        "points[3].text.id",
    ),
    m(
        "added-claim",
        F20,
        "kota pintar, kecerdasan buatan, dan data besar",
        "kota pintar, kecerdasan buatan, robotika, dan data besar",
        "points[4].text.id",
    ),
    m(
        "added-claim",
        S19,
        "memperkuat kerja sama keamanan dan bersama-sama",
        "memperkuat kerja sama keamanan dan militer serta bersama-sama",
        "points[5].text.id",
    ),
    m(
        "added-claim",
        F24,
        "id: >-\n        Para menteri luar negeri menghadiri upacara",
        "id: >-\n        Para menteri luar negeri dan presiden menghadiri upacara",
        "outcomes[0].text.id",
    ),
    m(
        "added-claim",
        T24,
        "        pusat-pusat budaya, mendorong lebih banyak",
        "        pusat-pusat budaya dan rumah sakit, mendorong lebih banyak",
        "points[12].text.id",
    ),
    m(
        "added-claim",
        S22,
        "kejahatan terorganisir transnasional, dan perdagangan narkoba",
        "kejahatan terorganisir transnasional, perdagangan senjata, dan perdagangan narkoba",
        "points[2].text.id",
    ),
    m(
        "added-claim",
        F20,
        "termasuk jalan dan kereta api.",
        "termasuk jalan, pelabuhan, dan kereta api.",
        "points[2].text.id",
    ),
    # the English against the Indonesian
    m(
        "divergence",
        S19,
        "        Kazakhstan. The Kazakh government",
        "        China. The Kazakh government",
        "points[7].text.en",
    ),
    m(
        "divergence",
        T24,
        "and in nuclear energy also continues",
        "and in solar energy also continues",
        "points[4].text.en",
    ),
    m(
        "divergence",
        F24,
        "artificial intelligence, new energy, aviation",
        "artificial intelligence, new energy, shipbuilding",
        "points[4].text.en",
    ),
    m(
        "divergence",
        T24,
        "high-quality products from Kazakhstan.",
        "high-quality products from Central Asia.",
        "points[6].text.en",
    ),
    m(
        "divergence",
        S22,
        "in playing a bigger role on the world stage",
        "in playing a smaller role on the world stage",
        "points[3].text.en",
    ),
    m(
        "divergence",
        F20,
        "sustainable development in less developed countries",
        "sustainable development in developed countries",
        "points[5].text.en",
    ),
    m(
        "divergence",
        T24,
        "regards Taiwan as an inalienable part",
        "regards Taiwan as a separate part",
        "points[2].text.en",
    ),
    m(
        "divergence",
        S22,
        "to support employment programmes",
        "to support energy programmes",
        "outcomes[1].text.en",
    ),
    m(
        "divergence",
        F24,
        "        the next summit in Kazakhstan in 2025.\n",
        "        the next summit in Uzbekistan in 2025.\n",
        "points[0].text.en",
    ),
    m(
        "divergence",
        T24,
        "stressed the need to firmly uphold",
        "stressed the need to firmly reject",
        "points[15].text.en",
    ),
    # a verbatim quote from an unrelated sentence
    m(
        "swapped-quote",
        T24,
        "quote: Saat ini, lebih dari 10.000 pelajar Kazakhstan belajar di Tiongkok",
        "quote: universitas-universitas di Kazakhstan telah menarik lebih dari 1.000 pelajar Tiongkok untuk belajar di sana",
        "figures[3].value",
    ),
    m(
        "swapped-quote",
        T24,
        "quote: Kazakhstan telah mendirikan lima Institut Konfusius",
        "quote: Tiongkok memiliki lima institusi yang menawarkan kursus bahasa Kazakh",
        "figures[5].noun",
        "figures[5].noun.id",
        "figures[5].label.id",
    ),
    m(
        "swapped-quote",
        F24,
        "      - Layanan transportasi tersebut kini menghubungkan 20 kota di lima negara Asia Tengah\n  - label:\n      id: Negara",
        "      - mengangkut lebih dari 40 jenis barang\n  - label:\n      id: Negara",
        "figures[1].value",
    ),
    m(
        "swapped-quote",
        S22,
        "memperingati 30 tahun hubungan diplomatik China dan lima negara Asia Tengah\n",
        "China yang berbatasan dengan tiga dari lima negara Asia Tengah\n",
        "figures[0].value",
    ),
    m(
        "swapped-quote",
        T24,
        "quote: >-\n      Menurut statistik Tiongkok, perdagangan bilateral mencapai 41 miliar dolar AS (sekitar 657\n      triliun rupiah) tahun lalu",
        "quote: Hingga saat ini, 26 dari 45 proyek kerja sama kapasitas telah selesai",
        "figures[0].value",
    ),
    m(
        "swapped-quote",
        T24,
        "    quote: >-\n      kedua belah pihak percaya bahwa kerja sama antar masyarakat dan budaya antara\n      Tiongkok-Kazakhstan sangat penting dan menjanjikan",
        "    quote: >-\n      Kedua belah pihak memuji keberhasilan KTT Tiongkok-Asia Tengah di Xi'an, yang telah\n      mengantarkan pada fase baru peningkatan kerja sama antara Tiongkok dan Asia Tengah.",
        "points[10].quote",
        "points[10].text.id",
    ),
    m(
        "swapped-quote",
        S19,
        "    quote: >-\n      Tiongkok dan Kazakhstan menyepakati perjanjian kerja sama strategis yang komprehensif dan\n      permanen.\n    themes: [mechanisms]",
        '    quote: >-\n      Xi juga mendorong kedua negara untuk memperkuat kerja sama keamanan, dan bersama-sama\n      memerangi "tiga kekuatan jahat" terorisme, ekstremisme, dan separatisme.\n    themes: [mechanisms]',
        "points[0].quote",
        "points[0].text.id",
    ),
    m(
        "swapped-quote",
        S22,
        "    quote: >-\n      Xi juga mengumumkan bantuan untuk negara-negara Asia Tengah untuk meningkat ekonomi mereka\n      dan rencana untuk meningkatkan produksi bersama dan transfer teknologi sehubungan dengan\n      vaksin dan obat-obatan.\n  - text:",
        "    quote: >-\n      Xi mengatakan bahwa kunci keberhasilan kerja sama adalah saling menghormati, persahabatan\n      bertetangga yang baik, solidaritas di masa-masa sulit, dan saling menguntungkan.\n  - text:",
        "outcomes[0].quote",
        "outcomes[0].text.id",
    ),
    m(
        "swapped-quote",
        S22,
        "    quote: >-\n      perdagangan antara China dan negara-negara Asia Tengah melonjak menjadi 50,1 miliar dolar AS\n      pada tahun 2021\n",
        "    quote: >-\n      Dalam tiga tahun ke depan, pemerintah China akan memberikan bantuan senilai 500 juta dolar\n      AS kepada lima negara\n",
        "figures[2].value",
    ),
    m(
        "swapped-quote",
        F24,
        "    quote: pertemuan tersebut mencapai lima konsensus\n",
        "    quote: Layanan transportasi tersebut kini menghubungkan 20 kota di lima negara Asia Tengah\n",
        "figures[0].noun",
        "figures[0].noun.id",
    ),
    # who said it, both ways (issue 29)
    m(
        "attribution-2",
        T24,
        "      baik, dan menyempurnakan kebijakan transit.\n    attributed_to: Wang Yi\n",
        "      baik, dan menyempurnakan kebijakan transit.\n",
        "points[7].quote",
    ),
    m(
        "attribution-2",
        T24,
        "kekacauan.\n    themes: [multilateral]",
        "kekacauan.\n    attributed_to: Wang Yi\n    themes: [multilateral]",
        "points[15].attributed_to",
    ),
    m(
        "attribution-2",
        F20,
        "negara-negara yang kurang berkembang.\n    themes: [multilateral, development]",
        "negara-negara yang kurang berkembang.\n    attributed_to: Kamilov\n    themes: [multilateral, development]",
        "points[5].attributed_to",
    ),
    m(
        "attribution-2",
        F24,
        '      "pemisahan".\n    attributed_to: Wang Yi\n',
        '      "pemisahan".\n',
        "points[5].quote",
    ),
    m(
        "attribution-2",
        T24,
        "antara Tiongkok dan Asia Tengah.\n    themes: [mechanisms]",
        "antara Tiongkok dan Asia Tengah.\n    attributed_to: Murat Nurtleu\n    themes: [mechanisms]",
        "points[13].attributed_to",
    ),
    m(
        "attribution-2",
        S19,
        "      permanen.\n    themes: [mechanisms]",
        "      permanen.\n    attributed_to: Xi Jinping\n    themes: [mechanisms]",
        "points[0].attributed_to",
    ),
    m(
        "attribution-2",
        F24,
        "      - memperkuat mekanisme Tiongkok-Asia Tengah\n    attributed_to: Wang Yi\n",
        "      - memperkuat mekanisme Tiongkok-Asia Tengah\n",
        "points[2].quote",
        "points[2].quote[0]",
        "points[2].quote[1]",
    ),
    # a quantity word, a sector or an action added in both languages
    mm(
        "added-word",
        T24,
        [
            (
                "menegakkan dengan teguh sistem internasional yang\n        berpusat",
                "menegakkan dengan teguh seluruh sistem internasional yang\n        berpusat",
            ),
            (
                "stressed the need to firmly uphold the UN-centred",
                "stressed the need to firmly uphold the entire UN-centred",
            ),
        ],
        "points[15].text.id",
    ),
    mm(
        "added-word",
        F24,
        [
            (
                "mempromosikan perdagangan, investasi industri,\n        dan pertambangan hijau.",
                "mempromosikan perdagangan, investasi industri, pariwisata,\n        dan pertambangan hijau.",
            ),
            (
                "promoting trade, industrial investment and",
                "promoting trade, industrial investment, tourism and",
            ),
        ],
        "points[3].text.id",
    ),
    mm(
        "added-word",
        T24,
        [
            (
                "Pemerintah Kazakhstan siap membantu bisnis Tiongkok dalam mengimplementasikan\n",
                "Pemerintah Kazakhstan siap membantu semua bisnis Tiongkok dalam mengimplementasikan\n",
            ),
            (
                "is ready to help Chinese businesses implement",
                "is ready to help all Chinese businesses implement",
            ),
        ],
        "points[19].text.id",
    ),
    mm(
        "added-word",
        S19,
        [
            ("        memperkuat konektivitas.\n", "        memperkuat konektivitas digital.\n"),
            ("        strengthen connectivity.\n", "        strengthen digital connectivity.\n"),
        ],
        "points[2].text.id",
    ),
    mm(
        "added-word",
        F20,
        [
            (
                "        Semua pihak akan secara aktif memperluas kerja sama di bidang teknologi tinggi seperti\n        e-commerce, kota pintar, kecerdasan buatan, dan",
                "        Semua pihak akan secara aktif memperluas kerja sama militer di bidang teknologi tinggi seperti\n        e-commerce, kota pintar, kecerdasan buatan, dan",
            ),
            (
                "All sides will actively expand cooperation in high technology",
                "All sides will actively expand military cooperation in high technology",
            ),
        ],
        "points[4].text.id",
    ),
    # a negation, modality or polarity changed in both languages at once
    mm(
        "both-languages",
        F20,
        [
            (
                "bermanfaat; tidak boleh ada diskriminasi, stigma,",
                "bermanfaat; boleh ada diskriminasi, stigma,",
            ),
            (
                "there must be no discrimination, stigma, racism",
                "there may be discrimination, stigma, racism",
            ),
        ],
        "points[1].text.id",
    ),
    mm(
        "both-languages",
        T24,
        [
            (
                "        Kedua belah pihak akan memperkuat fondasi kerja sama tidak hanya di sektor tradisional\n",
                "        Kedua belah pihak telah memperkuat fondasi kerja sama tidak hanya di sektor tradisional\n",
            ),
            (
                "The two sides will strengthen the foundation",
                "The two sides have strengthened the foundation",
            ),
        ],
        "points[5].text.id",
        "points[5].text.en",
    ),
    mm(
        "both-languages",
        F20,
        [
            (
                "        Semua pihak akan secara aktif memperluas kerja sama di bidang teknologi tinggi seperti\n        e-commerce, kota pintar, kecerdasan buatan, dan",
                "        Semua pihak harus secara aktif memperluas kerja sama di bidang teknologi tinggi seperti\n        e-commerce, kota pintar, kecerdasan buatan, dan",
            ),
            ("All sides will actively expand", "All sides must actively expand"),
        ],
        "points[4].text.id",
        "points[4].text.en",
    ),
    mm(
        "both-languages",
        S19,
        [
            (
                "        Tiongkok dan Kazakhstan harus mengambil sikap yang jelas",
                "        Tiongkok dan Kazakhstan akan mengambil sikap yang jelas",
            ),
            (
                "China and Kazakhstan should take a clear stand",
                "China and Kazakhstan will take a clear stand",
            ),
        ],
        "points[4].text.id",
        "points[4].text.en",
    ),
    mm(
        "both-languages",
        F20,
        [
            (
                "        Semua pihak mengecam keras dan menentang semua bentuk terorisme, ekstremisme, dan\n        separatisme, ancaman",
                "        Semua pihak mendukung semua bentuk terorisme, ekstremisme, dan\n        separatisme, ancaman",
            ),
            ("All sides strongly condemn and oppose all forms", "All sides support all forms"),
        ],
        "points[6].text.id",
    ),
    # the lede or the title says what no quote says
    mm(
        "lede-title",
        F20,
        [
            (
                "konferensi video dan menyampaikan pernyataan, termasuk",
                "konferensi video dan menyampaikan pernyataan bersama, termasuk",
            ),
            ("and issued a statement, including", "and issued a joint statement, including"),
        ],
        "lede.id",
    ),
    mm(
        "lede-title",
        T24,
        [
            (
                "prinsip Satu-Tiongkok; menurut Wang,",
                "prinsip Satu-Tiongkok, kedua pihak menandatangani perjanjian visa; menurut Wang,",
            ),
            (
                "principle; according to Wang,",
                "principle, the two sides signed a visa agreement; according to Wang,",
            ),
        ],
        "lede.id",
    ),
    mm(
        "lede-title",
        F24,
        [
            (
                "  id: Pertemuan menteri luar negeri Tiongkok–Asia Tengah keenam di Chengdu\n",
                "  id: Pertemuan menteri luar negeri Tiongkok–Asia Tengah keenam di Chengdu dan Lanzhou\n",
            ),
            (
                "  en: Sixth China–Central Asia foreign ministers' meeting in Chengdu\n",
                "  en: Sixth China–Central Asia foreign ministers' meeting in Chengdu and Lanzhou\n",
            ),
        ],
        "title.id",
    ),
    mm(
        "lede-title",
        T24,
        [
            ("pers bersama di Astana menjelang", "pers bersama di Astana dan Roma menjelang"),
            ("conference in Astana ahead", "conference in Astana and Rome ahead"),
        ],
        "lede.id",
    ),
    mm(
        "lede-title",
        F24,
        [
            (
                "Tengah berjanji melanjutkan pelaksanaan hasil KTT Tiongkok-Asia Tengah pertama di Xi'an pada",
                "Tengah berjanji melanjutkan pelaksanaan dan pendanaan hasil KTT Tiongkok-Asia Tengah pertama di Xi'an pada",
            ),
            (
                "    pledged to keep implementing the outcomes of the first",
                "    pledged to keep implementing and funding the outcomes of the first",
            ),
        ],
        "lede.id",
    ),
    # the English differs from the Indonesian in a content word
    m(
        "english-word",
        T24,
        "firmly oppose unilateralism",
        "firmly oppose multilateralism",
        "points[16].text.en",
    ),
    m(
        "english-word",
        F20,
        "jointly and firmly uphold multilateralism",
        "jointly and firmly uphold unilateralism",
        "points[8].text.en",
    ),
    m(
        "english-word",
        F20,
        "strongly support one another",
        "firmly support one another",
        "points[0].text.en",
    ),
    m(
        "english-word",
        T24,
        "is ready to help Chinese businesses implement",
        "is ready to help all Chinese businesses implement",
        "points[19].text.en",
    ),
    m(
        "english-word",
        F20,
        "All sides welcome the G20",
        "All sides firmly welcome the G20",
        "points[5].text.en",
    ),
    m(
        "english-word",
        F24,
        "promoting trade, industrial investment and",
        "promoting trade, industrial integration and",
        "points[3].text.en",
    ),
    m(
        "english-word",
        S19,
        "        strengthen connectivity.\n",
        "        strengthen cooperation.\n",
        "points[2].text.en",
    ),
    # invisible characters
    m(
        "invisible",
        F20,
        "All sides agree that the development",
        "All sides \u202eeerga\u202c that the development",
        "points[0].text.en",
    ),
    m(
        "invisible",
        T24,
        "  - name: Murat Nurtleu\n",
        "  - name: Murat\u200b Nurtleu\n",
        "participants[1].name",
    ),
    m(
        "invisible",
        F24,
        "  en: Sixth China–Central Asia foreign ministers' meeting in Chengdu\n",
        "  en: Sixth China–Central Asia foreign\u2066 ministers' meeting in Chengdu\n",
        "title.en",
    ),
    m(
        "invisible",
        S19,
        "Presiden Tiongkok Xi Jinping dan Presiden Kazakhstan",
        "Presiden Tiongkok Xi\ufeff Jinping dan Presiden Kazakhstan",
        "lede.id",
    ),
    m(
        "invisible",
        S22,
        "to support employment programmes",
        "to support employ\u200dment programmes",
        "outcomes[1].text.en",
    ),
    mm(
        "added-word",
        F24,
        [
            (
                "        Para menteri luar negeri menghadiri upacara peluncuran",
                "        Para menteri luar negeri menghadiri dan meresmikan upacara peluncuran",
            ),
            (
                "The foreign ministers attended the launch",
                "The foreign ministers attended and inaugurated the launch",
            ),
        ],
        "outcomes[0].text.id",
    ),
    mm(
        "added-word",
        S19,
        [
            (
                "Kedua kepala negara menghadiri upacara penandatanganan sejumlah perjanjian kerja sama\n        bilateral.",
                "Kedua kepala negara menghadiri upacara penandatanganan sejumlah perjanjian kerja sama pertahanan\n        bilateral.",
            ),
            (
                "for a number of bilateral cooperation\n        agreements.",
                "for a number of bilateral defence cooperation\n        agreements.",
            ),
        ],
        "outcomes[2].text.id",
    ),
    mm(
        "both-languages",
        F20,
        [
            (
                "mencapai hasil dan bahwa tidak\n        boleh ada diskriminasi.",
                "mencapai hasil dan bahwa\n        boleh ada diskriminasi.",
            ),
            (
                "        there must be no discrimination.\n",
                "        there may be discrimination.\n",
            ),
        ],
        "takeaways[1].text.id",
    ),
    mm(
        "both-languages",
        T24,
        [
            (
                "Peradaban Global, dengan tegas menentang unilateralisme dan\n",
                "Peradaban Global, dengan tegas mendukung unilateralisme dan\n",
            ),
            ("firmly oppose unilateralism", "firmly support unilateralism"),
        ],
        "points[16].text.id",
    ),
    mm(
        "lede-title",
        S19,
        [
            (
                "ke Tiongkok dan pembicaraan dengan Xi Jinping\n",
                "ke Tiongkok dan perundingan perbatasan dengan Xi Jinping\n",
            ),
            (
                "to China and talks with Xi Jinping\n",
                "to China and border negotiations with Xi Jinping\n",
            ),
        ],
        "title.id",
    ),
    mm(
        "lede-title",
        S22,
        [
            (
                "dalam pertemuan memperingati 30 tahun",
                "dalam pertemuan daring memperingati 30 tahun",
            ),
            ("at a meeting marking 30 years", "at an online meeting marking 30 years"),
        ],
        "lede.id",
    ),
    m(
        "invisible",
        T24,
        "regards Taiwan as an inalienable part",
        "regards Taiwan as an\u202b inalienable part",
        "points[2].text.en",
    ),
    m(
        "invisible",
        F24,
        "  - name: Bakhtiyor Saidov\n",
        "  - name: Bakhtiyor\u2060 Saidov\n",
        "participants[5].name",
    ),
]


FAITHFUL: list[Faithful] = [
    Faithful(
        S22,
        (("China will offer 5,000 seminar", "China will offer five thousand seminar"),),
        "5,000 written in words",
    ),
    Faithful(
        F24, (("en: Sixth China–Central Asia", "en: 6th China–Central Asia"),), "6th for Sixth"
    ),
    Faithful(
        T24,
        (
            (
                "en: Bilateral trade (according to Chinese statistics)",
                "en: Two-way trade (according to Chinese statistics)",
            ),
        ),
        "two-way is no number",
    ),
    Faithful(
        F20,
        (
            (
                "id: Pertemuan menteri luar negeri Tiongkok–Asia Tengah yang pertama",
                "id: Pertemuan perdana menteri luar negeri Tiongkok–Asia Tengah",
            ),
        ),
        "perdana is first",
    ),
    Faithful(
        S19,
        (("dalam kunjungan kenegaraan Tokayev", "dalam Kunjungan Kenegaraan Tokayev"),),
        # not in the title, which is in sentence case (check_title_case)
        "a lede's phrase the article has in lower case",
    ),
    Faithful(
        T24,
        (
            (
                "id: Perdagangan bilateral (menurut statistik Tiongkok)\n      en: Bilateral trade (according to Chinese statistics)",
                "id: Perdagangan bilateral 41 miliar dolar AS (Rp657 triliun)\n      en: Bilateral trade of US$41 billion (IDR 657 trillion)",
            ),
        ),
        "the currency forms the brief prints",
    ),
    Faithful(
        T24,
        (
            (
                "id: Perdagangan bilateral (menurut statistik Tiongkok)\n      en: Bilateral trade (according to Chinese statistics)",
                "id: Perdagangan bilateral (Rp657 triliun)\n      en: Bilateral trade (IDR 657 trillion)",
            ),
        ),
        "IDR and Rp",
    ),
    Faithful(
        F24,
        (
            (
                "Menurut Menteri Luar\n    Negeri Tiongkok Wang Yi",
                "Menurut Menlu Tiongkok\n    Wang Yi",
            ),
        ),
        "Menlu, the press's abbreviation",
    ),
    Faithful(
        F24,
        (
            (
                "hasil KTT Tiongkok-Asia Tengah\n        pertama di Kota Xi'an",
                "hasil Konferensi Tingkat Tinggi Tiongkok-Asia Tengah\n        pertama di Kota Xi'an",
            ),
        ),
        "Konferensi Tingkat Tinggi for KTT",
    ),
    Faithful(
        T24,
        (
            (
                'office: {id: Menteri Luar Negeri, en: Minister of Foreign Affairs}\n    quote: "Menteri Luar Negeri Tiongkok, Wang Yi"',
                'office: {id: Menteri Luar Negeri, en: Foreign Minister}\n    quote: "Menteri Luar Negeri Tiongkok, Wang Yi"',
            ),
        ),
        "Foreign Minister for Minister of Foreign Affairs",
    ),
    Faithful(S22, (("Over the past 30 years", "Over the past thirty years"),), "thirty for 30"),
    Faithful(
        T24,
        (
            (
                "    Kazakhstan Murat Nurtleu mengadakan pembicaraan dan konferensi pers bersama di Astana menjelang\n    pertemuan Dewan Menteri Luar Negeri SCO.",
                "    Kazakhstan Murat Nurtleu mengadakan pembicaraan dan konferensi pers bersama di Astana menjelang\n    pertemuan Dewan Menlu SCO.",
            ),
        ),
        "Dewan Menlu",
    ),
    Faithful(
        F20,
        (
            (
                'place:\n  online: true\n  quote: "telah mengadakan konferensi video untuk pertama kalinya"',
                'place:\n  online: true\n  quote:\n    text: "telah mengadakan konferensi video untuk pertama kalinya"\n    article: 2020-07-16-china-central-asia-foreign-ministers.txt',
            ),
        ),
        "a quote as a mapping naming its article",
    ),
    Faithful(
        F24,
        (
            (
                "Sixth China–Central Asia foreign ministers' meeting in Chengdu\n",
                "Sixth China–Central Asia foreign ministers' meeting in the city of Chengdu\n",
            ),
        ),
        "the city of",
    ),
    Faithful(S19, (("kind: state-visit", "kind: state-visit"),), "unchanged"),
    # a second editor's different, correct English, one per new kind (issue 29)
    Faithful(
        T24,
        (
            (
                "The two sides praised the success of the China",
                "Both sides praised the success of the China",
            ),
        ),
        "attribution: 'Both sides' for 'The two sides' of an agreed point",
    ),
    Faithful(
        F24,
        (
            (
                "Among the meeting's five points of consensus: strengthening",
                "One of the meeting's five points of consensus: strengthening",
            ),
        ),
        "attribution: Wang's account reworded, still his",
    ),
    Faithful(
        F20,
        (("All sides welcome the G20", "Every side welcomes the G20"),),
        "added-word: 'every side' for 'all sides'",
    ),
    Faithful(
        F20,
        (("All sides will actively expand", "All sides shall actively expand"),),
        "both-languages: 'shall' for 'will'",
    ),
    Faithful(
        F20,
        (
            (
                "and encourage the countries to develop multimodal",
                "and push for the countries to develop multimodal",
            ),
        ),
        "both-languages: 'push for' renders 'mendorong' (glossary)",
    ),
    Faithful(
        F20,
        (
            (
                "conference for the first time and issued a statement",
                "conference for the first time and released a statement",
            ),
        ),
        "lede-title: 'released' for 'issued'",
    ),
    Faithful(
        T24,
        (("firmly oppose unilateralism", "resolutely oppose unilateralism"),),
        "english-word: 'resolutely' for 'firmly'",
    ),
    Faithful(
        F20,
        (
            (
                "jointly and firmly uphold multilateralism",
                "jointly and firmly defend multilateralism",
            ),
        ),
        "english-word: 'defend' renders 'membela' (glossary)",
    ),
    Faithful(
        T24,
        (
            (
                "stressed the need to firmly uphold the UN-centred",
                "stressed the need to firmly adhere to the UN-centred",
            ),
        ),
        "english-word: 'adhere to' renders 'menegakkan' (glossary)",
    ),
    Faithful(
        T24,
        (("The Kazakh side invited Chinese companies", "The Kazakh side invited Chinese firms"),),
        "english-word: 'firms' for 'companies'",
    ),
    Faithful(
        F24,
        (
            (
                "  en: Sixth China–Central Asia foreign ministers' meeting in Chengdu\n",
                "  en: Sixth China-Central Asia foreign ministers' meeting in Chengdu\n",
            ),
        ),
        "invisible: a hyphen for the en dash",
    ),
]
REDUMPED = (S19, F20, S22, T24, F24)
"""Each shipped summary, re-dumped by a YAML library (PyYAML), must pass as it is."""


def loc_of(field: str) -> Loc:
    """'figures[0].value' -> ('figures', 0, 'value')."""
    parts: list[str | int] = []
    for name, index in re.findall(r"([A-Za-z_]+)|\[(\d+)\]", field):
        parts.append(name if name else int(index))
    return tuple(parts)


@dataclass
class Outcome:
    caught: bool
    new: list[Problem]
    where: str
    """The path:line:col of the problem that caught it (or the first expected place)."""


class Bench:
    """A scratch copy of the shipped project's sources, in which mutations are tried."""

    def __init__(self, source: Path = ROOT) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="briefs-mutations-")
        self.root = Path(self._dir.name)
        shutil.copytree(source / "sources", self.root / "sources")
        for name in ("briefs.toml",):
            if (source / name).exists():
                shutil.copy2(source / name, self.root / name)
        self.project = open_project(self.root)
        self._pristine = {
            p.stem: p.read_text(encoding="utf-8") for p in self.project.meetings_dir.glob("*.yaml")
        }
        self._baseline: dict[str, set[tuple[str, str]]] = {}

    def close(self) -> None:
        self._dir.cleanup()

    def _problems(self, meeting: str, text: str) -> list[Problem]:
        path = self.project.meetings_dir / f"{meeting}.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            loaded = load_summaries(self.project, [path], strict=True)
        finally:
            path.write_text(self._pristine[meeting], encoding="utf-8")
        return loaded.problems + loaded.warnings

    def baseline(self, meeting: str) -> set[tuple[str, str]]:
        if meeting not in self._baseline:
            self._baseline[meeting] = {
                (p.message, "") for p in self._problems(meeting, self._pristine[meeting])
            }
        return self._baseline[meeting]

    def apply(self, meeting: str, edits: tuple[tuple[str, str], ...]) -> str:
        text = self._pristine[meeting]
        for old, new in edits:
            count = text.count(old)
            if count != 1:
                raise AssertionError(f"{meeting}: {old!r} occurs {count} times")
            text = text.replace(old, new)
        return text

    def run(self, mutation: Mutation) -> Outcome:
        text = self.apply(mutation.meeting, mutation.edits)
        base = self.baseline(mutation.meeting)
        new = [p for p in self._problems(mutation.meeting, text) if (p.message, "") not in base]
        path = self.project.meetings_dir / f"{mutation.meeting}.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            parsed = parse_summary(path)
        finally:
            path.write_text(self._pristine[mutation.meeting], encoding="utf-8")
        where = f"sources/meetings/{mutation.meeting}.yaml"
        for field in mutation.fields:
            if isinstance(parsed, list):
                break
            expected = parsed.problem(loc_of(field), "")
            for problem in new:
                starts = problem.message.removeprefix("warning: ")
                if re.match(rf"{re.escape(field)}(?:[:.\[ ]|$)", starts) and (
                    problem.line,
                    problem.column,
                ) == (expected.line, expected.column):
                    return Outcome(True, new, f"{where}:{problem.line}:{problem.column}")
        return Outcome(False, new, where)

    def faithful(self, meeting: str, edits: tuple[tuple[str, str], ...]) -> list[Problem]:
        """The problems a faithful edit raises (none, if the checks are right)."""
        return self._problems(meeting, self.apply(meeting, edits))

    def redumped(self, meeting: str) -> list[Problem]:
        """The problems of a shipped summary dumped again by PyYAML."""
        data = yaml.safe_load(self._pristine[meeting])
        return self._problems(meeting, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def faithful_cases() -> Iterator[tuple[str, Faithful | str]]:
    """Every faithful edit by a name, the re-dumped summaries last."""
    for case in FAITHFUL:
        yield f"{case.meeting[:10]}:{case.why}", case
    for meeting in REDUMPED:
        yield f"{meeting[:10]}:re-dumped by PyYAML", meeting
