"""A clean build of N synthetic meetings (bench.py's generator) by this tree's code and by another
checkout's, interleaved run by run on the same sources: wall and CPU seconds and the stages.

    python benchmarks/synthetic_against.py --against DIR [--size 100] [--runs 1] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import code_env, cold_build, make_project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", required=True, type=Path)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    args = parser.parse_args()
    trees = {"this tree": None, str(args.against): args.against.resolve()}
    found: dict[str, list[dict]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp) / "synthetic", args.size)
        for _run in range(args.runs):
            for name, tree in trees.items():
                found[name].append(cold_build(root, args.jobs, code_env(tree)))
    print(f"{args.size} synthetic meetings, clean build, jobs {args.jobs}, median of {args.runs}:")
    for name, builds in found.items():
        seconds = {
            stage: statistics.median(b["seconds"].get(stage, 0.0) for b in builds)
            for stage in ("load", "start", "render", "layout", "pdf", "html")
        }
        print(
            f"  {name}: wall {statistics.median(b['wall'] for b in builds):.1f} s, "
            f"CPU {statistics.median(b['cpu'] for b in builds):.1f} s, "
            f"{builds[0]['written']} files; stages (s, summed over processes): "
            + ", ".join(f"{stage} {value:.1f}" for stage, value in seconds.items())
        )


if __name__ == "__main__":
    main()
