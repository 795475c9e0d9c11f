"""Measure `briefs draft`: draft every article that has a hand-written summary in
sources/meetings/ (the seeds), and every fixture of the real-format corpus in
tests/draft_corpus/ (expected values in its expected.yaml); compare, and print the scores of
each separately.

    python scripts/draft_eval.py [PROJECT_ROOT] [--corpus DIR]     (or: make draft-eval)

The corpus is scored per fixture and per site (CORPUS_TARGETS below):
- date: right when the drafted date is the expected one, or, where the article does not settle
  it (date_flag), when the draft marks the date unsettled;
- place: the same city (the article's spelling or its normal one) and country, online when
  expected online; or, where the article states none (place_flag), the place marked unsettled;
- participants: the same country and a word of the name in common; optional ones count neither
  way; precision matched / drafted, recall matched / expected;
- figures: the same value and unit; optional ones count neither way;
- points (entries with `points:`, each `{quote, by}`): a drafted point matches an expected one
  when one of its quotes holds at least 80 % of the expected quote's words in a run (case,
  spacing and punctuation ignored); recall is matched / expected, precision matched / drafted
  (the entry lists every point an analyst would draft, so a drafted background sentence counts
  against it); speaker agreement is the share of matched points whose `attributed_to` is the
  expected `by` (a name: a word of it in common; `joint`: no `attributed_to`);
- split: an entry marked `split: held-out` was written and annotated before any rule was tuned
  on it, and is reported in a row of its own (tune on the others only);
- leaks: a noise line or a caption trap found in any text of the draft, or the date of a
  caption trap drafted as the meeting's date when it is not.

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
from decimal import Decimal
from pathlib import Path

import yaml

from briefs.check.validate import load_summaries
from briefs.draft.reading import read_article
from briefs.draft.summary import draft_summary
from briefs.project import open_project
from briefs.summary.meeting import Meeting

KINDS = ("dates", "participants", "points", "figures")
CORPUS_TARGETS = {"date": 0.9, "place": 0.9, "participants": 0.9, "figures": 0.9}
"""On the corpus: date and place right (or rightly flagged) on this share of fixtures;
participants and figures precision and recall each at least this; and no leak at all."""
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
    fields: list[FieldScore] = field(default_factory=list)
    """Each seed scored field by field (see score_fields), as the corpus is."""
    speakers: Score = field(default_factory=Score)
    """Of the matched points, those whose attributed_to is the summary's (both none or equal)."""
    points_within: Score = field(default_factory=Score)
    """Of the drafted points (outcomes aside), those whose quote is within a hand-written one."""

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


def _context(project):
    """The project's context for drafting (the translation memory, the latest year)."""
    try:
        from briefs.draft.summary import DraftContext
    except ImportError:  # the drafter before the corpus (for the before/after table)
        return None
    return DraftContext.of_project(project)


def _draft(path: Path, context) -> dict:
    try:
        from briefs.draft.summary import draft_file
    except ImportError:
        return draft_summary(read_article(path), path.name).summary
    drafted = draft_file(path, context)
    summary = _with_unsettled(drafted)
    summary["_article"] = drafted.article_text
    return summary


def _with_unsettled(draft) -> dict:
    summary = dict(draft.summary)
    summary["_unsettled"] = {loc[0] for loc in draft.unsettled}
    summary["_locs"] = set(draft.unsettled)
    # why, in short: 'date: year not stated', 'place.city: not a city CLDR ... knows'
    summary["_reasons"] = [
        f"{loc[0]}{'.' + str(loc[-1]) if len(loc) > 1 and isinstance(loc[-1], str) else ''}: "
        + re.split(r"[:;(]| \d|'", reason)[0].strip()
        for loc, reason in draft.unsettled.items()
        if loc[0] != "id"
    ]
    return summary


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
        text = read_article(article)
        drafted = draft_summary(text, article.name)
        draft = _with_unsettled(drafted)
        evaluation.fields.append(
            score_fields(_entry_of(meeting), draft, drafted.article_text or text, "seed")
        )
        evaluation.meetings += 1
        if draft["date"] != meeting.date:
            evaluation.wrong_dates.append(f"{meeting.id} (drafted {draft['date']})")
        scores = evaluation.scores
        scores["dates"].add(_dates(draft), _dates(meeting), lambda a, b: float(a == b))
        scores["participants"].add(draft["participants"], meeting.participants, _same_participant)
        # a drafted point that is one of the summary's outcomes (a signing, a launch) is found,
        # not wrong: it counts neither way (the issue counts points found among both)
        outcomes = [o for o in meeting.outcomes if o.quote]
        drafted_points = [
            d
            for d in draft["points"]
            if any(_same_point(d, p) for p in meeting.points)
            or not any(_same_point(d, o) for o in outcomes)
        ]
        scores["points"].add(drafted_points, meeting.points, _same_point)
        # a summary may group several sentences in one point, which the drafter drafts one by
        # one: a drafted point within some hand-written point is not a wrong one
        evaluation.points_within.expected += len(drafted_points)
        evaluation.points_within.matched += sum(
            any(_same_point(d, p) for p in meeting.points) for d in drafted_points
        )
        pairs = _pairs(drafted_points, meeting.points, _same_point)
        evaluation.speakers.expected += len(pairs)
        evaluation.speakers.matched += sum(
            drafted_points[i].get("attributed_to") == meeting.points[j].attributed_to
            for i, j in pairs
        )
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
    within = evaluation.points_within
    lines.append(
        f"drafted points within a hand-written point: {within.matched} of {within.expected}"
        f" ({within.recall:.2f})"
    )
    agreed = evaluation.speakers
    lines.append(
        f"speaker (attributed_to) right on {agreed.matched} of {agreed.expected} matched points"
        f" ({agreed.recall:.2f})"
    )
    lines.append("")
    lines.append(fields_report(evaluation.fields, by_family=False))
    missed = evaluation.missed()
    lines.append("targets met" if not missed else "targets missed: " + "; ".join(missed))
    return "\n".join(lines)


# The real-format corpus ----------------------------------------------------------------------


@dataclass
class FixtureScore:
    """One corpus fixture drafted and scored (drafted is False when the drafter refused it)."""

    file: str
    site: str
    drafted: bool = False
    date_right: bool = False
    place_right: bool = False
    participants: Score = field(default_factory=Score)
    figures: Score = field(default_factory=Score)
    points: Score = field(default_factory=Score)
    speakers: Score = field(default_factory=Score)
    """Of the matched points (expected), those whose speaker is right (matched)."""
    held_out: bool = False
    leaks: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    error: str = ""
    fields: FieldScore | None = None


@dataclass
class CorpusEvaluation:
    """Every fixture's scores; totals per site and over the corpus."""

    fixtures: list[FixtureScore] = field(default_factory=list)

    def total(self, fixtures: list[FixtureScore] | None = None) -> dict[str, float]:
        fixtures = self.fixtures if fixtures is None else fixtures
        participants, figures, points, speakers = Score(), Score(), Score(), Score()
        for f in fixtures:
            for mine, theirs in (
                (participants, f.participants),
                (figures, f.figures),
                (points, f.points),
                (speakers, f.speakers),
            ):
                mine.drafted += theirs.drafted
                mine.expected += theirs.expected
                mine.matched += theirs.matched
        n = len(fixtures) or 1
        return {
            "articles": len(fixtures),
            "drafted": sum(f.drafted for f in fixtures) / n,
            "date": sum(f.date_right for f in fixtures) / n,
            "place": sum(f.place_right for f in fixtures) / n,
            "participants P": participants.precision,
            "participants R": participants.recall,
            "figures P": figures.precision,
            "figures R": figures.recall,
            "points P": points.precision,
            "points R": points.recall,
            "speakers": speakers.recall,
            "points": points.expected,
            "wrongly listed": participants.drafted - participants.matched,
            "leaks": sum(len(f.leaks) for f in fixtures),
        }

    def missed(self) -> list[str]:
        """The corpus targets not met, in words."""
        total = self.total()
        missed = [f"{f.file}: not drafted ({f.error})" for f in self.fixtures if not f.drafted]
        for name, target in (
            ("date", CORPUS_TARGETS["date"]),
            ("place", CORPUS_TARGETS["place"]),
            ("participants P", CORPUS_TARGETS["participants"]),
            ("participants R", CORPUS_TARGETS["participants"]),
            ("figures P", CORPUS_TARGETS["figures"]),
            ("figures R", CORPUS_TARGETS["figures"]),
        ):
            if total[name] < target:
                missed.append(f"{name} {total[name]:.2f} < {target}")
        if total["leaks"]:
            missed.append(f"{total['leaks']} values from captions, bylines, menus or noise")
        return missed


def _name_words(name: str | None) -> set[str]:
    return {w for w in re.split(r"[\s-]+", (name or "").casefold()) if len(w) > 1}


def _same_person(drafted: dict, expected: dict) -> float:
    if drafted.get("country") != expected.get("country"):
        return 0
    return len(_name_words(drafted.get("name")) & _name_words(expected.get("name")))


def _same_amount(drafted: dict, expected: dict) -> float:
    try:
        value = Decimal(str(expected["value"]))
    except (KeyError, ArithmeticError):
        return 0
    return float(Decimal(str(drafted["value"])) == value and drafted["unit"] == expected["unit"])


def _without_optional(drafted: list, optional: list, same: Callable) -> list:
    """The drafted items that match no optional one: optional items count neither way."""
    return [d for d in drafted if not any(same(d, o) for o in optional)]


def _strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for k, v in data.items() if not k.startswith("_") for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def _words_run(quote: str, within: str) -> float:
    """The longest run of the quote's words found in `within`, as a share of the quote's words
    (case, spacing and punctuation ignored)."""
    words, other = _normal(quote).split(), _normal(within).split()
    if not words or not other:
        return 0
    match = difflib.SequenceMatcher(None, words, other, autojunk=False).find_longest_match(
        0, len(words), 0, len(other)
    )
    return match.size / len(words)


def _same_drafted_point(drafted: dict, expected: dict) -> float:
    """A drafted point and an expected one (`quote`): 80 % of the expected words in a run."""
    quotes = [drafted["quote"]] if isinstance(drafted["quote"], str) else drafted["quote"]
    best = max(_words_run(str(expected["quote"]), q) for q in quotes)
    return best if best >= 0.8 else 0


def _same_speaker(drafted: dict, expected: dict) -> bool:
    """Is the drafted point's speaker the expected one (`by`: a name, or `joint`)?"""
    said = drafted.get("attributed_to")
    by = str(expected.get("by") or "joint")
    if by == "joint":
        return not said
    return bool(_name_words(said) & _name_words(by))


def score_points(drafted: list, expected: list) -> tuple[Score, Score]:
    """Points recall and precision, and speaker agreement among the matched points."""
    points = Score(len(drafted), len(expected))
    pairs = _pairs(drafted, expected, _same_drafted_point)
    points.matched = len(pairs)
    agreed = sum(_same_speaker(drafted[i], expected[j]) for i, j in pairs)
    return points, Score(len(pairs), len(pairs), agreed)


def _normal_city(name: str) -> str:
    return re.sub(r"[’'`\s-]+", "", name.casefold())


def score_fixture(entry: dict, draft: dict) -> FixtureScore:
    """Score one drafted fixture against its expected values."""
    score = FixtureScore(entry["file"], entry.get("site", ""), drafted=True)
    unsettled = draft.get("_unsettled", set())
    meeting = entry.get("meeting") or {}
    if meeting.get("date"):
        score.date_right = str(draft["date"]) == str(meeting["date"])
    else:
        score.date_right = "date" in unsettled
    place = entry.get("place") or {}
    drafted_place = draft.get("place", {})
    if "place_flag" in place:
        score.place_right = "place" in unsettled
    elif place.get("online"):
        score.place_right = bool(drafted_place.get("online"))
    else:
        city = (drafted_place.get("city") or {}).get("id", "")
        wanted = {_normal_city(str(place.get(k))) for k in ("city", "city_normal") if place.get(k)}
        score.place_right = _normal_city(city) in wanted and drafted_place.get(
            "country"
        ) == place.get("country")
    optional = entry.get("participants_optional") or []
    people = _without_optional(draft.get("participants", []), optional, _same_person)
    score.participants.add(people, entry.get("participants") or [], _same_person)
    optional = entry.get("figures_optional") or []
    figures = _without_optional(draft.get("figures", []), optional, _same_amount)
    score.figures.add(figures, entry.get("figures") or [], _same_amount)
    texts = _strings({k: v for k, v in draft.items() if k != "sources"})
    for line in entry.get("noise") or []:
        probe = str(line).strip()
        if len(probe) >= 12 and any(probe in text for text in texts):
            score.leaks.append(f"noise: {probe[:60]}")
    for trap in entry.get("caption_traps") or []:
        text = str(trap).split(" (")[0].strip()
        found = re.search(r"\b(\d{1,2})\s+([A-Z][a-z]+)\s+((?:19|20)\d\d)\b", text)
        if found and text.startswith(found.group(0)):
            from briefs.draft.dates import find_dates

            days = [d for d in find_dates(found.group(0)) if d.year]
            trap_day = days and f"{days[0].year:04d}-{days[0].month:02d}-{days[0].day:02d}"
            inferred = meeting.get("period_inferred") or {}
            meant = {str(meeting.get(k)) for k in ("date", "date_inferred")}
            meant.add(str(inferred.get("start")) if isinstance(inferred, dict) else "")
            if trap_day and str(draft["date"]) == trap_day and trap_day not in meant:
                score.leaks.append(f"date from a caption: {trap_day}")
    if entry.get("points") is not None:
        score.points, score.speakers = score_points(draft.get("points") or [], entry["points"])
    score.held_out = entry.get("split") == "held-out"
    score.flagged = sorted(unsettled)
    score.reasons = list(draft.get("_reasons", []))
    return score


def evaluate_corpus(root: Path, corpus: Path) -> CorpusEvaluation:
    """Draft every fixture of the corpus and score it; a refusal scores nothing."""
    from briefs.errors import BriefsError

    expected = yaml.safe_load((corpus / "expected.yaml").read_text(encoding="utf-8"))
    context = _context(open_project(root))
    evaluation = CorpusEvaluation()
    for entry in expected["entries"]:
        path = corpus / entry["file"]
        if not path.exists():
            continue
        try:
            draft = _draft(path, context)
        except BriefsError as error:
            refused = FixtureScore(entry["file"], entry.get("site", ""), error=str(error))
            refused.participants.expected = len(entry.get("participants") or [])
            refused.figures.expected = len(entry.get("figures") or [])
            refused.points.expected = len(entry.get("points") or [])
            refused.held_out = entry.get("split") == "held-out"
            evaluation.fixtures.append(refused)  # everything expected is missed
            continue
        scored = score_fixture(entry, draft)
        text = draft.get("_article") or read_article(path)
        scored.fields = score_fields(entry, draft, text, family_of(entry))
        evaluation.fixtures.append(scored)
    return evaluation


def corpus_report(evaluation: CorpusEvaluation) -> str:
    """The corpus's scores per site and in total, the flags raised, and the targets."""
    columns = ("articles", "drafted", "date", "place", "participants P", "participants R")
    columns += ("figures P", "figures R", "leaks")
    lines = [f"{'site':<24}" + "".join(f"{c:>15}" for c in columns)]
    sites: dict[str, list[FixtureScore]] = {}
    for fixture in evaluation.fixtures:
        sites.setdefault(fixture.site, []).append(fixture)
    rows = [*sorted(sites.items()), ("all", evaluation.fixtures)]
    for site, fixtures in rows:
        total = evaluation.total(fixtures)
        cells = []
        for c in columns:
            value = total[c]
            cells.append(f"{value:>15}" if c in ("articles", "leaks") else f"{value:>15.2f}")
        lines.append(f"{site[:23]:<24}" + "".join(cells))
    reasons: dict[str, int] = {}
    for fixture in evaluation.fixtures:
        for reason in fixture.reasons:
            reasons[reason] = reasons.get(reason, 0) + 1
    common = sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
    lines.append("flagged most often: " + ("; ".join(f"{k} ({v})" for k, v in common) or "nothing"))
    for fixture in evaluation.fixtures:
        wrong = [k for k in ("date_right", "place_right") if not getattr(fixture, k)]
        if fixture.leaks or (fixture.drafted and wrong):
            detail = ", ".join([w.replace("_right", " wrong") for w in wrong] + fixture.leaks)
            lines.append(f"  {fixture.file}: {detail}")
    lines.append("")
    lines.append(points_report(evaluation))
    lines.append("")
    fields = [f.fields for f in evaluation.fixtures if f.fields]
    lines.append(fields_report(fields))
    lines.append(issue_targets(evaluation.total(), fields))
    missed = evaluation.missed()
    lines.append(
        "corpus targets met" if not missed else "corpus targets missed: " + "; ".join(missed)
    )
    return "\n".join(lines)


def points_report(evaluation: CorpusEvaluation) -> str:
    """Points and speakers on the fixtures whose points are annotated: those tuned on, the
    held-out ones (written and annotated before any rule was tuned on them), and all."""
    annotated = [f for f in evaluation.fixtures if f.points.expected]
    groups = (
        ("tuned on", [f for f in annotated if not f.held_out]),
        ("held out", [f for f in annotated if f.held_out]),
        ("all annotated", annotated),
    )
    columns = ("articles", "points", "points P", "points R", "speakers")
    columns += ("participants P", "participants R", "wrongly listed", "date")
    lines = [
        "Points and who said them (fixtures with points annotated)",
        f"{'set':<24}" + "".join(f"{c:>16}" for c in columns),
    ]
    for name, fixtures in groups:
        total = evaluation.total(fixtures)
        cells = [
            f"{total[c]:>16}"
            if c in ("articles", "points", "wrongly listed")
            else f"{total[c]:>16.2f}"
            for c in columns
        ]
        lines.append(f"{name:<24}" + "".join(cells))
    return "\n".join(lines)


# Field by field ------------------------------------------------------------------------------
#
# Each fact of a draft on its own (the issue's table): the date, place and kind; each expected
# participant's office and country; each expected figure's unit and year; the quotes of the
# date, the place and each participant (present, verbatim in the article drafted from, and
# stating the value); and the unmarked guesses, values the article does not state that the draft
# writes without a !check mark. These work from expected.yaml's usual keys, so any new entry is
# scored the same way; the seeds are scored from their hand-written summaries.

MODEL_KINDS = ("summit", "foreign-ministers-meeting", "bilateral-talks", "state-visit")
"""The kinds a summary can have; an expected kind outside them can only be right if flagged."""

FIELDS = (
    "date",
    "place",
    "kind",
    "office",
    "country",
    "unit",
    "year",
    "date quote",
    "place quote",
    "participant quotes",
)

SITE_FAMILIES = {
    "agencies and state media": (
        "antaranews.com",
        "indonesiashangbao.com",
        "indonesiawindow.com",
        "bolong.id",
        "wartabuana.com",
    ),
    "foreign services": (
        "indonesian.cri.cn",
        "indonesian.china.com",
        "bharataradio738.com",
        "bharataonline.com",
        "dw.com/id",
        "voaindonesia.com",
        "trtindonesia.com",
        "vietnam.vn/id",
        "suarathailand.com",
        "islamtimes.org",
    ),
    "national press and TV": (
        "kompas.tv",
        "kompas.id",
        "kompas.com",
        "video.kompas.com",
        "ekonomi.bisnis.com",
        "republika.co.id",
        "news.detik.com",
        "dunia.tempo.co",
        "jpnn.com",
        "rmol.id",
        "mediaindonesia.com",
        "suara.com",
        "carapandang.com",
        "liputan6.com",
        "tribunnews.com",
        "merahputih.com",
    ),
    "regional and small news sites": (
        "jambiberita.com",
        "mistar.online",
        "mistar.id",
        "papuaberita.com",
        "beritabali.com",
        "lelemuku.com",
        "purnawarta.com",
        "egindo.com",
        "progresnews.com",
    ),
    "blogs and reposts": (
        "akperyakpermas.ac.id",
        "svhsaz.org",
        "chindonews.blogspot.com",
        "bejagadget.com",
        "wildbedouinlife.com",
        "lobakmerak.netlify.app",
    ),
}
"""Families of sites, for the per-family table (as tests/draft_corpus/README.md sorts them). An
entry may name its own (`family:`); a site not listed goes by its address: a blog's or a
repost's (WordPress '?p=', 'blog', '.ac.id', '.sch.id', '.netlify.app') or a foreign service's
('/id' section of a foreign site), else 'other'."""


def family_of(entry: dict) -> str:
    """The family of an entry's site (see SITE_FAMILIES)."""
    if entry.get("family"):
        return str(entry["family"])
    site = str(entry.get("site", ""))
    for family, sites in SITE_FAMILIES.items():
        if site in sites:
            return family
    url = str(entry.get("url", ""))
    if re.search(r"[?&]p=\d|blog|\.ac\.id|\.sch\.id|\.netlify\.app", url + " " + site):
        return "blogs and reposts"
    if site.endswith("/id") or "/id/" in url:
        return "foreign services"
    return "other"


@dataclass
class Tally:
    """How many of a field's values were right, of how many scored."""

    right: int = 0
    of: int = 0

    def add(self, right: bool) -> None:
        self.right += bool(right)
        self.of += 1

    @property
    def share(self) -> float | None:
        return self.right / self.of if self.of else None


@dataclass
class FieldScore:
    """One draft scored field by field, with its unmarked guesses."""

    file: str
    family: str
    fields: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FIELDS})
    guesses: list[str] = field(default_factory=list)

    @property
    def wrong(self) -> list[str]:
        """The fields with a value not right."""
        return [name for name, tally in self.fields.items() if tally.right < tally.of]


def _entry_of(meeting: Meeting) -> dict:
    """A hand-written summary as a corpus entry: what its draft is scored against."""
    place = meeting.place
    return {
        "file": meeting.sources[0].article,
        "site": "seed",
        "meeting": {"kind": meeting.kind.value, "date": meeting.date.isoformat()},
        "place": (
            {"online": True}
            if place.online
            else {"city": place.city.id, "country": place.country}
            if place.city
            else {"place_flag": "not stated"}
        ),
        "participants": [
            {"name": p.name, "country": p.country, "office": p.office.id}
            for p in meeting.participants
        ],
        "figures": [
            {"value": f.value, "unit": f.unit, **({"year": f.year} if f.year else {})}
            for f in meeting.figures
        ],
    }


def _flagged(draft: dict, *path: object) -> bool:
    """Is the value at path marked !check (itself or what holds it)?"""
    return any(tuple(path[: len(loc)]) == loc for loc in draft.get("_locs", set()))


def _pairs(drafted: list, expected: list, same: Callable) -> list[tuple[int, int]]:
    """Drafted and expected items paired one to one, best matches first."""
    scored = sorted(
        (
            (score, i, j)
            for i, a in enumerate(drafted)
            for j, b in enumerate(expected)
            if (score := same(a, b)) > 0
        ),
        reverse=True,
    )
    pairs, left, right = [], set(), set()
    for _, i, j in scored:
        if i not in left and j not in right:
            pairs.append((i, j))
            left.add(i)
            right.add(j)
    return pairs


def _by_name(drafted: dict, expected: dict) -> float:
    return len(_name_words(drafted.get("name")) & _name_words(expected.get("name")))


def _by_value(drafted: dict, expected: dict) -> float:
    try:
        return float(Decimal(str(drafted["value"])) == Decimal(str(expected["value"])))
    except (KeyError, ArithmeticError):
        return 0


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().casefold()


def _country_names() -> dict[str, set[str]]:
    from briefs.draft.words import countries

    names: dict[str, set[str]] = {}
    for name, code in countries().items():
        names.setdefault(code, set()).add(name)
    return names


def _names_country(text: str, code: str | None) -> bool:
    """Does the text name the country (any of its names, as a word)?"""
    return bool(code) and any(
        re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
        for name in _country_names().get(str(code), ())
    )


def _office_words(office: str) -> str:
    """An office without the country it is of: 'Presiden Republik Kazakhstan' -> 'presiden'."""
    from briefs.draft.words import countries

    words = [w for w in re.split(r"[\s,]+", office) if w and w not in countries()]
    words = [w for w in words if w not in ("Republik", "Rakyat", "(PM)", "(Sekjen)")]
    text = " ".join(words).casefold()
    for short, full in (("menlu", "menteri luar negeri"), ("pm", "perdana menteri")):
        text = re.sub(rf"\b{short}\b", full, text)
    return text


def _quotes(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [q if isinstance(q, str) else str(q.get("text", "")) for q in value]
    return []


def _verbatim(quotes: list[str], article: str) -> bool:
    return bool(quotes) and all(_plain(q) in article for q in quotes)


def _date_stated(draft: dict, year_too: bool = True) -> bool:
    """Does the date quote give the draft's day (and year, or the publication's year)?"""
    import datetime as dt

    day = draft["date"] if isinstance(draft["date"], dt.date) else None
    quote = " ".join(_quotes(draft.get("date_quote")))
    if day is None or not quote:
        return False
    published = draft["sources"][0].get("published")
    if not re.search(rf"(?<!\d)0?{day.day}(?!\d)", quote):
        # no day number: a day counted from the publication date ('kemarin', 'Selasa lalu')
        relative = r"\b(?:kemarin|hari\s+ini|lusa|lalu)\b"
        return published is not None and bool(re.search(relative, quote, re.I))
    year = str(day.year)
    return (
        not year_too
        or year in quote
        or f"/{year[2:]})" in quote
        or (published is not None and published.year == day.year)
    )


def _figure_year_stated(figure: dict, published: object) -> bool:
    """Does the figure's quote state its year (or its period)?"""
    quote = " ".join(_quotes(figure.get("quote")))
    if figure.get("year") is None:
        period = (figure.get("period") or {}).get("id", "")
        return bool(period) and _plain(period) in _plain(quote)
    year = int(figure["year"])
    if re.search(r"\b(?:per|setiap|tiap)\s+tahun(?:nya)?\b", quote, re.I):
        return False  # a yearly rate: a period, not a year
    if str(year) in quote:
        return True
    if re.search(r"\b(?:setahun|tahun)\s+sebelumnya\b", quote, re.I) and str(year + 1) in quote:
        return True  # 'tahun 2021 ... dibanding US$21,51 miliar setahun sebelumnya': 2020
    base = getattr(published, "year", None)
    if base is None:
        return False
    return bool(
        (re.search(r"\btahun\s+lalu\b", quote, re.I) and year == base - 1)
        or (re.search(r"\btahun\s+ini\b", quote, re.I) and year == base)
    )


def unmarked_guesses(entry: dict, draft: dict, article: str) -> list[str]:
    """The values the draft writes without a !check mark that the article does not state."""
    from briefs.draft.places import known_cities

    guesses: list[str] = []
    meeting = entry.get("meeting") or {}
    if not _flagged(draft, "date") and (
        meeting.get("date_flag") or (draft.get("date_quote") and not _date_stated(draft))
    ):
        guesses.append("date")
    place, drafted_place = entry.get("place") or {}, draft.get("place") or {}
    marked = _flagged(draft, "place") or _flagged(draft, "place", "city")
    if "place_flag" in place and not marked and drafted_place.get("city"):
        guesses.append("place")
    city = (drafted_place.get("city") or {}).get("id", "")
    country = drafted_place.get("country")
    if city and country and not _flagged(draft, "place", "country"):
        quote = " ".join(_quotes(drafted_place.get("quote")))
        around = quote or " ".join(s for s in re.split(r"(?<=[.!?])\s+", article) if city in s)
        if known_cities().get(city) != country and not _names_country(around, country):
            guesses.append("place.country")
    kind = meeting.get("kind")
    if kind and not _flagged(draft, "kind") and (kind not in MODEL_KINDS or draft["kind"] != kind):
        guesses.append("kind")
    for i, person in enumerate(draft.get("participants") or []):
        quote = " ".join(_quotes(person.get("quote")))
        words = _name_words(person.get("name"))
        around = quote or " ".join(
            s for s in re.split(r"(?<=[.!?])\s+|\n", article) if words & _name_words(s) or not words
        )
        if not _flagged(draft, "participants", i, "country") and not _names_country(
            around, person.get("country")
        ):
            guesses.append(f"participants[{i}].country")
        office = _office_words((person.get("office") or {}).get("id", ""))
        if office and not _flagged(draft, "participants", i, "office"):
            if office not in _office_words(around):
                guesses.append(f"participants[{i}].office")
    published = draft["sources"][0].get("published")
    for i, figure in enumerate(draft.get("figures") or []):
        for key in ("year", "period"):
            if (
                figure.get(key) is not None
                and not _flagged(draft, "figures", i, key)
                and not _figure_year_stated(figure, published)
            ):
                guesses.append(f"figures[{i}].{key}")
    if draft.get("issued") is not None and not _flagged(draft, "issued"):
        guesses.append("issued")
    return guesses


def score_fields(entry: dict, draft: dict, article: str, family: str) -> FieldScore:
    """Score one draft field by field against an entry (see FIELDS)."""
    import datetime as dt

    score = FieldScore(entry["file"], family)
    fields = score.fields
    text = _plain(article)
    meeting = entry.get("meeting") or {}
    if meeting.get("date"):
        fields["date"].add(str(draft["date"]) == str(meeting["date"]))
    else:
        fields["date"].add(_flagged(draft, "date"))
    place, drafted_place = entry.get("place") or {}, draft.get("place") or {}
    city = (drafted_place.get("city") or {}).get("id", "")
    if "place_flag" in place:
        fields["place"].add(
            _flagged(draft, "place")
            or _flagged(draft, "place", "city")
            or drafted_place.get("stated") is False
        )
    elif place.get("online"):
        fields["place"].add(bool(drafted_place.get("online")))
    else:
        wanted = {_normal_city(str(place[k])) for k in ("city", "city_normal") if place.get(k)}
        fields["place"].add(
            _normal_city(city) in wanted and drafted_place.get("country") == place.get("country")
        )
    kind = meeting.get("kind")
    if kind:
        fields["kind"].add(
            draft["kind"] == kind if kind in MODEL_KINDS else _flagged(draft, "kind")
        )
    drafted_people = draft.get("participants") or []
    expected_people = entry.get("participants") or []
    for i, j in _pairs(drafted_people, expected_people, _by_name):
        drafted, expected = drafted_people[i], expected_people[j]
        if expected.get("office"):
            fields["office"].add(
                _office_words(drafted["office"]["id"]) == _office_words(expected["office"])
            )
        if expected.get("country"):
            fields["country"].add(drafted.get("country") == expected["country"])
    drafted_figures = draft.get("figures") or []
    expected_figures = entry.get("figures") or []
    for i, j in _pairs(drafted_figures, expected_figures, _by_value):
        drafted, expected = drafted_figures[i], expected_figures[j]
        fields["unit"].add(drafted["unit"] == expected["unit"])
        if expected.get("year"):
            fields["year"].add(
                drafted.get("year") == expected["year"] or _flagged(draft, "figures", i, "year")
            )
    date = draft["date"]
    if isinstance(date, dt.date) and (meeting.get("date") or meeting.get("date_inferred")):
        # a quote is due wherever the article gives the day, even without its year
        if draft.get("date_quote") or "no date" not in str(meeting.get("date_flag", "")):
            quotes = _quotes(draft.get("date_quote"))
            fields["date quote"].add(
                _verbatim(quotes, text) and _date_stated(draft, not _flagged(draft, "date"))
            )
    if city or drafted_place.get("online"):
        quotes = _quotes(drafted_place.get("quote"))
        names = _plain(city) if city else ""
        fields["place quote"].add(
            _verbatim(quotes, text) and (not names or names in _plain(" ".join(quotes)))
        )
    for person in drafted_people:
        quotes = _quotes(person.get("quote"))
        joined = _plain(" ".join(quotes))
        words = _name_words(person.get("name"))
        office = _office_words(person["office"]["id"])
        said = set(re.findall(r"[^\W_]+", joined))
        fields["participant quotes"].add(
            _verbatim(quotes, text)
            and (not words or bool({w for n in words for w in re.findall(r"[^\W_]+", n)} & said))
            and office in _office_words(" ".join(quotes))
        )
    score.guesses = unmarked_guesses(entry, draft, article)
    return score


ISSUE_TARGETS = {
    "date": 0.95,
    "place": 0.95,
    "kind": 0.9,
    "participants P": 0.97,
    "participants R": 0.9,
    "figures P": 0.9,
    "figures R": 0.9,
}
"""Issue 20's targets (date right or flagged, place, kind; participants and figures), besides
zero unmarked guesses: reported beside the table; the exit status follows CORPUS_TARGETS."""


def issue_targets(total: dict[str, float], scores: list[FieldScore]) -> str:
    """Which of issue 20's targets the corpus holds, and which not yet."""
    shares = dict(total)
    for name in ("date", "place", "kind"):
        tally = Tally()
        for score in scores:
            tally.right += score.fields[name].right
            tally.of += score.fields[name].of
        shares[name] = tally.share if tally.share is not None else 1.0
    held, short = [], []
    for name, target in ISSUE_TARGETS.items():
        (held if shares[name] >= target else short).append(f"{name} {shares[name]:.2f}/{target}")
    guesses = sum(len(s.guesses) for s in scores)
    (held if guesses == 0 else short).append(f"unmarked guesses {guesses}/0")
    return (
        f"issue 20 targets held: {', '.join(held) or 'none'}; not yet: {', '.join(short) or 'none'}"
    )


def fields_report(scores: list[FieldScore], *, by_family: bool = True) -> str:
    """The per-field table: a row per site family and one for all, each cell right/of."""
    groups: dict[str, list[FieldScore]] = {}
    if by_family:
        for score in scores:
            groups.setdefault(score.family, []).append(score)
    rows = [*sorted(groups.items()), ("all", scores)]
    width = 34
    lines = [
        "Per field (share right; in brackets how many were scored), and unmarked guesses",
        f"{'family':<{width}}{'n':>4}"
        + "".join(f"{name:>{max(len(name) + 2, 11)}}" for name in FIELDS)
        + f"{'guesses':>9}",
    ]
    for name, group in rows:
        cells = []
        for field_name in FIELDS:
            tally = Tally()
            for score in group:
                tally.right += score.fields[field_name].right
                tally.of += score.fields[field_name].of
            cell = "-" if tally.share is None else f"{tally.share:.2f} ({tally.of})"
            cells.append(f"{cell:>{max(len(field_name) + 2, 11)}}")
        guesses = sum(len(s.guesses) for s in group)
        lines.append(
            f"{name[: width - 1]:<{width}}{len(group):>4}" + "".join(cells) + f"{guesses:>9}"
        )
    kinds: dict[str, int] = {}
    for score in scores:
        for guess in score.guesses:
            kind = re.sub(r"\[\d+\]", "[]", guess)
            kinds[kind] = kinds.get(kind, 0) + 1
    common = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
    lines.append("unmarked guesses: " + ("; ".join(f"{k} {v}" for k, v in common) or "none"))
    return "\n".join(lines)


def _details(scores: list[FieldScore]) -> str:
    """Each draft's fields not right and its unmarked guesses (--details)."""
    return "\n".join(
        f"  {s.file}: wrong {', '.join(s.wrong) or 'nothing'}; guesses {', '.join(s.guesses) or 'none'}"
        for s in scores
        if s.wrong or s.guesses
    )


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    root = Path(args[0]) if args else Path(__file__).resolve().parent.parent
    corpus = root / "tests" / "draft_corpus"
    if "--corpus" in argv:
        corpus = Path(argv[argv.index("--corpus") + 1])
        args = [a for a in args if a != str(corpus)]
    evaluation = evaluate(root)
    details = "--details" in argv
    print("Seeds (sources/articles against sources/meetings)")
    print(report(evaluation))
    if details:
        print(_details(evaluation.fields))
    failed = bool(evaluation.missed())
    if (corpus / "expected.yaml").exists():
        corpus_evaluation = evaluate_corpus(root, corpus)
        print()
        print(f"Corpus ({corpus}, {len(corpus_evaluation.fixtures)} fixtures)")
        print(corpus_report(corpus_evaluation))
        if details:
            print(_details([f.fields for f in corpus_evaluation.fixtures if f.fields]))
        failed = failed or bool(corpus_evaluation.missed())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
