"""`briefs draft`: the evaluation against the hand-written summaries."""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal

from .conftest import ROOT

ARTICLES = sorted((ROOT / "sources" / "articles").glob("*.txt"))


# The evaluation --------------------------------------------------------------------------------


def load_evaluation():
    spec = importlib.util.spec_from_file_location("draft_eval", ROOT / "scripts" / "draft_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_evaluation_meets_the_targets():
    draft_eval = load_evaluation()
    evaluation = draft_eval.evaluate(ROOT)
    assert evaluation.meetings == 5
    assert evaluation.wrong_dates == []
    for kind in ("figures", "participants"):
        score = evaluation.scores[kind]
        assert score.recall >= 0.9 and score.precision >= 0.9, (kind, score)
    assert evaluation.missed() == []
    assert draft_eval.report(evaluation).splitlines()[-1] == "targets met"


def test_evaluation_counts_a_wrong_figure_against_precision_and_recall():
    draft_eval = load_evaluation()
    score = draft_eval.Score()
    score.add(
        [{"value": Decimal(5), "unit": "count"}],
        [type("F", (), {"value": Decimal(6), "unit": "count"})()],
        draft_eval._same_figure,
    )
    assert (score.precision, score.recall) == (0, 0)


SEEDS_BEFORE = {
    # precision, recall of the drafter before the corpus work (make draft-eval on main), against
    # the summaries as the grounding checks left them: 52 points where there were 46 (the 2020
    # meeting's sections split into points of their own), so the old drafter's point recall
    # there is 40 of 52, 0.77 (it was 0.87 of the 46)
    "dates": (1.00, 1.00),
    "participants": (1.00, 1.00),
    "points": (0.93, 0.77),
    "figures": (0.95, 1.00),
}
POINTS_WITHIN = 0.9
"""Issue 31 drafts every agreement, signing, commitment, call and position sentence by
sentence, where a summary may group several sentences in one point: the share of drafted
points within some hand-written point (or outcome) stands for the points' precision."""


def test_the_seeds_are_no_worse_than_before():
    evaluation = load_evaluation().evaluate(ROOT)
    for kind, (precision, recall) in SEEDS_BEFORE.items():
        score = evaluation.scores[kind]
        if kind != "points":
            assert round(score.precision, 2) >= precision, (kind, score)
        assert round(score.recall, 2) >= recall, (kind, score)
    assert evaluation.points_within.recall >= POINTS_WITHIN, evaluation.points_within
    assert evaluation.speakers.recall >= 0.9, evaluation.speakers


def test_the_corpus_meets_the_issue_s_targets():
    draft_eval = load_evaluation()
    corpus = ROOT / "tests" / "draft_corpus"
    evaluation = draft_eval.evaluate_corpus(ROOT, corpus)
    assert len(evaluation.fixtures) >= 20
    assert all(f.drafted for f in evaluation.fixtures)  # never refused
    total = evaluation.total()
    assert total["date"] >= 0.9 and total["place"] >= 0.9, total
    for kind in ("participants", "figures"):
        assert total[f"{kind} P"] >= 0.9 and total[f"{kind} R"] >= 0.9, total
    assert total["leaks"] == 0, [f.leaks for f in evaluation.fixtures if f.leaks]
    assert evaluation.missed() == []
    assert draft_eval.corpus_report(evaluation).splitlines()[-1] == "corpus targets met"
    # issue 20: place and kind, and no unmarked guess of date, place, kind or a figure's year
    scores = [f.fields for f in evaluation.fixtures if f.fields]
    for name, target in (("date", 0.95), ("place", 0.95), ("kind", 0.9)):
        right = sum(s.fields[name].right for s in scores)
        scored = sum(s.fields[name].of for s in scores)
        assert right / scored >= target, (name, right, scored)
    guesses = [(s.file, g) for s in scores for g in s.guesses if not g.startswith("participants")]
    assert guesses == []


def test_a_leak_and_a_wrong_date_are_scored_against_the_draft():
    draft_eval = load_evaluation()
    entry = {
        "file": "x.txt",
        "site": "example.id",
        "meeting": {"date": "2024-11-04"},
        "place": {"city": "Shanghai", "country": "CN"},
        "participants": [{"name": "Li Qiang", "country": "CN"}],
        "figures": [],
        "noise": ["Baca juga: Harga emas naik tipis pada perdagangan pagi"],
        "caption_traps": ["30 Oktober 2021 (caption of another event)"],
    }
    draft = {
        "date": "2021-10-30",
        "place": {"city": {"id": "Roma", "en": ""}, "country": "IT"},
        "participants": [{"name": "Li Qiang", "country": "CN"}],
        "lede": {"id": "Baca juga: Harga emas naik tipis pada perdagangan pagi", "en": ""},
        "_unsettled": set(),
    }
    score = draft_eval.score_fixture(entry, draft)
    assert (score.date_right, score.place_right) == (False, False)
    assert score.leaks == [
        "noise: Baca juga: Harga emas naik tipis pada perdagangan pagi",
        "date from a caption: 2021-10-30",
    ]
    flagged = dict(draft, date="2024-11-04", _unsettled={"date"})
    entry["meeting"] = {"date_flag": "year not stated"}
    assert draft_eval.score_fixture(entry, flagged).date_right


# Field by field, and unmarked guesses ----------------------------------------------------------

ARTICLE = (
    "Menlu China Bertemu Menlu Kazakhstan\n"
    "Astana (ANTARA) - Menteri Luar Negeri China Wang Yi bertemu Menteri Luar Negeri Kazakhstan "
    "Murat Nurtleu di Astana, Kazakhstan, pada Senin (20/5/2024).\n"
    "Perdagangan kedua negara mencapai 41 miliar dolar AS pada 2023.\n"
)


def _drafted(**changes):
    quote = ARTICLE.splitlines()[1][len("Astana (ANTARA) - ") :]
    import datetime as dt

    draft = {
        "date": dt.date(2024, 5, 20),
        "date_quote": quote,
        "kind": "bilateral-talks",
        "place": {"city": {"id": "Astana", "en": ""}, "country": "KZ", "quote": quote},
        "participants": [
            {
                "name": "Wang Yi",
                "country": "CN",
                "office": {"id": "Menteri Luar Negeri"},
                "quote": quote,
            },
            {
                "name": "Murat Nurtleu",
                "country": "KZ",
                "office": {"id": "Menteri Luar Negeri"},
                "quote": quote,
            },
        ],
        "figures": [
            {"value": 41000000000, "unit": "USD", "year": 2023, "quote": ARTICLE.splitlines()[2]}
        ],
        "sources": [{"published": None}],
        "_locs": set(),
    }
    draft.update(changes)
    return draft


ENTRY = {
    "file": "x.txt",
    "site": "antaranews.com",
    "meeting": {"kind": "bilateral-talks", "date": "2024-05-20"},
    "place": {"city": "Astana", "country": "KZ"},
    "participants": [
        {"name": "Wang Yi", "country": "CN", "office": "Menteri Luar Negeri China"},
        {"name": "Murat Nurtleu", "country": "KZ", "office": "Menteri Luar Negeri Kazakhstan"},
    ],
    "figures": [{"value": 41000000000, "unit": "USD", "year": 2023}],
}


def test_a_year_counted_back_from_the_one_its_quote_names_is_stated():
    draft_eval = load_evaluation()
    figure = {
        "year": 2020,
        "quote": "tahun 2021 mencapai ... dibanding US$21,51 miliar setahun sebelumnya",
    }
    assert draft_eval._figure_year_stated(figure, None)
    assert not draft_eval._figure_year_stated({**figure, "year": 2019}, None)


def test_a_faithful_draft_is_right_in_every_field_and_guesses_nothing():
    draft_eval = load_evaluation()
    score = draft_eval.score_fields(ENTRY, _drafted(), ARTICLE, "agencies and state media")
    assert score.wrong == [] and score.guesses == []
    assert all(t.of for name, t in score.fields.items())


def test_each_wrong_or_unmarked_value_is_counted_where_it_is():
    draft_eval = load_evaluation()
    draft = _drafted()
    draft["participants"][1]["country"] = "UZ"  # a country the quote does not state
    draft["figures"][0]["year"] = 2024  # a year the quote does not state
    draft["figures"][0]["quote"] = "Perdagangan kedua negara mencapai 41 miliar dolar AS"
    draft["kind"] = "summit"  # not what the article says, and not marked
    draft["issued"] = "2026-12-01"  # the day drafted, not marked
    score = draft_eval.score_fields(ENTRY, draft, ARTICLE, "x")
    assert set(score.wrong) == {"kind", "country", "year"}
    assert score.guesses == [
        "kind",
        "participants[1].country",
        "figures[0].year",
        "issued",
    ]
    # marked, they are no guesses: the editor is told to check them
    draft["_locs"] = {
        ("kind",),
        ("participants", 1, "country"),
        ("figures", 0, "year"),
        ("issued",),
    }
    assert draft_eval.score_fields(ENTRY, draft, ARTICLE, "x").guesses == []


def test_a_quote_not_in_the_article_or_not_stating_its_value_is_wrong():
    draft_eval = load_evaluation()
    draft = _drafted(date_quote="Kedua menteri bertemu di Astana.")  # no day, not in the article
    draft["place"]["quote"] = "Perdagangan kedua negara mencapai 41 miliar dolar AS pada 2023."
    score = draft_eval.score_fields(ENTRY, draft, ARTICLE, "x")
    assert {"date quote", "place quote"} <= set(score.wrong)


def test_sites_fall_into_families_also_when_new():
    draft_eval = load_evaluation()
    assert draft_eval.family_of({"site": "antaranews.com"}) == "agencies and state media"
    assert draft_eval.family_of({"site": "x.blogspot.com", "url": "https://x.blogspot.com/a"}) == (
        "blogs and reposts"
    )
    assert draft_eval.family_of({"site": "new.example", "family": "wires"}) == "wires"
    assert draft_eval.family_of({"site": "new.example", "url": "https://new.example/a"}) == "other"


def test_the_corpus_report_has_the_per_field_table_per_family():
    draft_eval = load_evaluation()
    evaluation = draft_eval.evaluate_corpus(ROOT, ROOT / "tests" / "draft_corpus")
    report = draft_eval.corpus_report(evaluation).splitlines()
    header = next(line for line in report if line.startswith("family"))
    for name in draft_eval.FIELDS:
        assert name in header
    assert any(line.startswith("all ") and "(" in line for line in report)
    assert any(line.startswith("unmarked guesses:") for line in report)


def test_points_and_speakers_are_scored_against_the_annotation():
    draft_eval = load_evaluation()
    drafted = [
        {"quote": "Kedua pihak sepakat memperluas perdagangan energi.", "attributed_to": None},
        {
            "quote": ["lima usulan", "Pertama, menjunjung itikad baik."],
            "attributed_to": "Xi Jinping",
        },
        {"quote": "Mekanisme ini lahir pada 2020.", "attributed_to": None},
    ]
    expected = [
        {"quote": "sepakat memperluas perdagangan energi", "by": "joint"},
        {"quote": "Pertama, menjunjung itikad baik", "by": "Wang Yi"},
        {"quote": "China berkomitmen memperluas keterbukaan", "by": "Wang Yi"},
    ]
    points, speakers = draft_eval.score_points(drafted, expected)
    assert (points.drafted, points.expected, points.matched) == (3, 3, 2)
    assert (speakers.expected, speakers.matched) == (2, 1)  # Xi where Wang said it


def test_held_out_fixtures_are_reported_apart():
    draft_eval = load_evaluation()
    evaluation = draft_eval.evaluate_corpus(ROOT, ROOT / "tests" / "draft_corpus")
    held_out = [f for f in evaluation.fixtures if f.held_out]
    assert len(held_out) >= 4 and all(f.points.expected for f in held_out)
    report = draft_eval.points_report(evaluation).splitlines()
    assert [line.split()[0] for line in report[2:]] == ["tuned", "held", "all"]
