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
