"""Measure `briefs draft`: draft every article that has a hand-written summary in
sources/meetings/, compare, and print precision and recall per kind of item.

    python scripts/draft_eval.py [PROJECT_ROOT]        (or: make draft-eval)

How a drafted item matches a hand-written one (each hand-written item is matched at most once):
- dates: the meeting's `date`, `period.start`, `period.end` and `sources[0].published`, each equal
  to the same field of the summary;
- participants: the same country, and a word of the name in common (or both unnamed);
- points: a quote of each overlaps one of the other's, by a common run of text at least half
  as long as the shorter quote (case and spacing ignored); best overlaps are paired first;
- figures: the same value and unit (50100000000 USD), whatever the label, year or quote.

Precision is matched / drafted, recall matched / hand-written, over all meetings. The targets
(TARGETS below) are checked too: the exit status is 1 when one is missed.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefs.draft import draft_summary, read_article
from briefs.models import Meeting
from briefs.project import open_project
from briefs.validate import load_summaries

KINDS = ("dates", "participants", "points", "figures")
TARGETS = {"figures": 0.9, "participants": 0.9}
"""Precision and recall each must reach, per kind; and the meeting date right on every article."""


@dataclass
class Score:
    """Counts for one kind of item: drafted, hand-written, and matched pairs."""

    drafted: int = 0
    expected: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.drafted if self.drafted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def add(
        self, drafted: list, expected: list, matches: Callable[[object, object], float]
    ) -> None:
        """Pair items one to one, best matches first (a match scores above 0)."""
        pairs = sorted(
            (
                (score, i, j)
                for i, a in enumerate(drafted)
                for j, b in enumerate(expected)
                if (score := matches(a, b)) > 0
            ),
            reverse=True,
        )
        used_drafted, used_expected = set(), set()
        for _, i, j in pairs:
            if i not in used_drafted and j not in used_expected:
                used_drafted.add(i)
                used_expected.add(j)
        self.drafted += len(drafted)
        self.expected += len(expected)
        self.matched += len(used_drafted)


@dataclass
class Evaluation:
    """Scores per kind over all meetings, and the meetings whose date the draft got wrong."""

    scores: dict[str, Score] = field(default_factory=lambda: {kind: Score() for kind in KINDS})
    meetings: int = 0
    wrong_dates: list[str] = field(default_factory=list)

    def missed(self) -> list[str]:
        """The targets not met, in words."""
        missed = [f"meeting date wrong: {m}" for m in self.wrong_dates]
        for kind, target in TARGETS.items():
            score = self.scores[kind]
            for name in ("precision", "recall"):
                if getattr(score, name) < target:
                    missed.append(f"{kind} {name} {getattr(score, name):.2f} < {target}")
        return missed


def _dates(summary: dict | Meeting) -> list[tuple[str, object]]:
    if isinstance(summary, Meeting):
        period, published = summary.period, summary.sources[0].published
        found = [("date", summary.date), ("published", published)]
        found += [("period.start", period.start), ("period.end", period.end)] if period else []
    else:
        period, source = summary.get("period"), summary["sources"][0]
        found = [("date", summary["date"]), ("published", source.get("published"))]
        found += (
            [("period.start", period["start"]), ("period.end", period["end"])] if period else []
        )
    return [(name, value) for name, value in found if value is not None]


def _words(name: str | None) -> set[str]:
    return set(name.casefold().split()) if name else set()


def _same_participant(drafted: dict, expected) -> float:
    if drafted["country"] != expected.country:
        return 0
    if not drafted.get("name") and not expected.name:
        return 1
    return len(_words(drafted.get("name")) & _words(expected.name))


def _normal(quote: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", quote.casefold())).strip()


def _overlap(a: str, b: str) -> float:
    """The longest common run of two quotes, as a share of the shorter one."""
    a, b = _normal(a), _normal(b)
    if not a or not b:
        return 0
    match = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(
        0, len(a), 0, len(b)
    )
    return match.size / min(len(a), len(b))


def _same_point(drafted: dict, expected) -> float:
    quotes = [drafted["quote"]] if isinstance(drafted["quote"], str) else drafted["quote"]
    best = max(_overlap(a, b) for a in quotes for b in (q.text for q in expected.quote))
    return best if best >= 0.5 else 0


def _same_figure(drafted: dict, expected) -> float:
    return float(drafted["value"] == expected.value and drafted["unit"] == expected.unit)


def evaluate(root: Path) -> Evaluation:
    """Draft each article of the project's summaries and score the drafts against them."""
    project = open_project(root)
    loaded = load_summaries(project)
    if loaded.problems:
        raise SystemExit("\n".join(str(p) for p in loaded.problems))
    evaluation = Evaluation()
    for document in loaded.documents:
        meeting = document.meeting
        article = project.articles_dir / meeting.sources[0].article
        draft = draft_summary(read_article(article), article.name).summary
        evaluation.meetings += 1
        if draft["date"] != meeting.date:
            evaluation.wrong_dates.append(f"{meeting.id} (drafted {draft['date']})")
        scores = evaluation.scores
        scores["dates"].add(_dates(draft), _dates(meeting), lambda a, b: float(a == b))
        scores["participants"].add(draft["participants"], meeting.participants, _same_participant)
        scores["points"].add(draft["points"], meeting.points, _same_point)
        scores["figures"].add(draft.get("figures", []), meeting.figures, _same_figure)
    return evaluation


def report(evaluation: Evaluation) -> str:
    """The scores as a table, and whether the targets are met."""
    lines = [
        f"{'kind':<14}{'drafted':>8}{'written':>9}{'matched':>9}{'precision':>11}{'recall':>8}"
    ]
    for kind, score in evaluation.scores.items():
        lines.append(
            f"{kind:<14}{score.drafted:>8}{score.expected:>9}{score.matched:>9}"
            f"{score.precision:>11.2f}{score.recall:>8.2f}"
        )
    right = evaluation.meetings - len(evaluation.wrong_dates)
    lines.append(f"meeting date right on {right} of {evaluation.meetings} articles")
    missed = evaluation.missed()
    lines.append("targets met" if not missed else "targets missed: " + "; ".join(missed))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    evaluation = evaluate(root)
    print(report(evaluation))
    return 1 if evaluation.missed() else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
