"""make check-eval: plant every mutation of tests/mutation_catalogue.py in a copy of the shipped
summaries, one at a time, and print the catch rate of `briefs check --strict` per kind, then the
false alarms on faithful edits. Exits 1 when a target of issue 18 is missed."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.mutation_catalogue import KINDS, MUTATIONS, Bench, Faithful, faithful_cases

TARGETS = {
    "figure-value": 1.0,
    "figure-field": 1.0,
    "date": 1.0,
    "place": 1.0,
    "participant": 0.9,
    "negation": 0.9,
    "stance": 0.9,
    "attribution": 0.8,
    "swapped-quote": 0.9,
    "added-claim": 0.5,
    "divergence": 0.5,
    "attribution-2": 0.9,
    "added-word": 0.9,
    "both-languages": 0.9,
    "lede-title": 0.9,
    "english-word": 0.9,
    "invisible": 1.0,
}
NUMBERS = ("figure-value", "figure-field", "text-number", "title-lede")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    bench = Bench()
    started = time.perf_counter()
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    try:
        for mutation in MUTATIONS:
            outcome = bench.run(mutation)
            total[mutation.kind] += 1
            if outcome.caught:
                caught[mutation.kind] += 1
            else:
                shown = "; ".join(str(p).split(": ", 1)[-1] for p in outcome.new[:2]) or "nothing"
                misses.append(f"  {mutation.name}: {shown}")
        alarms: list[str] = []
        cases = list(faithful_cases())
        for name, case in cases:
            if isinstance(case, Faithful):
                problems = bench.faithful(case.meeting, case.edits)
            else:
                problems = bench.redumped(case)
            alarms += [f"  {name}: {p}" for p in problems]
    finally:
        bench.close()
    failed = False
    print(f"{'kind':<15} {'caught':>8}  {'rate':>6}  target  what")
    for kind, what in KINDS.items():
        rate = caught[kind] / total[kind] if total[kind] else 0.0
        target = TARGETS.get(kind)
        miss = target is not None and rate < target
        failed |= miss
        shown = f"{target:.0%}" if target is not None else "-"
        mark = " MISSED" if miss else ""
        print(
            f"{kind:<15} {caught[kind]:>3} / {total[kind]:<3} {rate:>6.0%}  {shown:>6}  {what}{mark}"
        )
    numbers = sum(caught[k] for k in NUMBERS) / sum(total[k] for k in NUMBERS)
    overall = sum(caught.values()) / sum(total.values())
    failed |= numbers < 0.95 or overall < 0.85 or bool(alarms)
    print(
        f"numbers overall {numbers:.0%} (target 95%); all kinds {sum(caught.values())} / "
        f"{sum(total.values())} = {overall:.0%} (target 85%)"
    )
    print(f"false alarms on {len(cases)} faithful edits: {len(alarms)}")
    for alarm in alarms:
        print(alarm)
    if args.verbose and misses:
        print("missed:")
        print("\n".join(misses))
    print(f"({time.perf_counter() - started:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
