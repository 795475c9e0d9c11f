"""Where the one-edit path's time goes: `briefs build --all --strict` (what `make briefs` runs)
after a word added to a point's English text of one shipped summary, profiled in CPU seconds
(the machine is shared: wall seconds under load say little), in one process (--jobs 1, so that
every stage is seen; `make briefs` uses every core).

    python benchmarks/profile_edit.py [--runs 3] [--top 25] [--clean]

Prints the CPU seconds of each stage (median of the runs) and the costliest functions of the
last run. --clean profiles a clean build instead (`build --all --force --strict`, one process),
so that every stage of it is seen."""

from __future__ import annotations

import argparse
import io
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import COPIED, PROJECT_PARTS, add_word, cli, copy_parts

STAGES = {
    "imports (briefs, click, pydantic, Babel, Jinja, WeasyPrint)": (
        "<frozen importlib._bootstrap>",
        "_find_and_load",
    ),
    "read and check the summaries (load_summaries)": ("validate.py", "load_summaries"),
    "plan: what is stale (Toolchain.of, plan)": ("manifest.py", "plan"),
    "toolchain fingerprints (Toolchain.of)": ("toolchain.py", "of"),
    "Builder set-up (locales, catalogs, templates)": ("builder.py", "__init__"),
    "warm-up (WeasyPrint imported, fonts set up)": ("builder.py", "warm_up"),
    "digests rendered to decide what changed (digest_jobs)": ("jobs.py", "digest_jobs"),
    "briefs: render, lay out, write (Builder.build)": ("builder.py", "build"),
    "digests: lay out, write (Builder.write_digest)": ("builder.py", "write_digest"),
    "WeasyPrint layout (render)": ("document.py", "_render"),
    "WeasyPrint PDF writing (write_pdf)": ("document.py", "write_pdf"),
    "of layout: author stylesheets parsed (find_stylesheets)": (
        "css/__init__.py",
        "find_stylesheets",
    ),
    "attachments appended (attach)": ("attachments.py", "attach"),
    "manifest saved": ("manifest.py", "save"),
}

CHILD = """
import cProfile, sys, time
profile = cProfile.Profile(time.process_time)
profile.enable()
from briefs.cli.commands import main
try:
    main(["--root", sys.argv[1], "build", "--all", "--strict", "--jobs", "1", *sys.argv[3:]])
except SystemExit:
    pass
profile.disable()
profile.dump_stats(sys.argv[2])
"""


def stage_seconds(stats: pstats.Stats) -> dict[str, float]:
    """CPU seconds spent in each stage (cumulative, the outermost call of each function)."""
    found = dict.fromkeys(STAGES, 0.0)
    for (filename, _line, function), (_cc, _nc, _tt, cumulative, callers) in stats.stats.items():  # type: ignore[attr-defined]
        for stage, (file_part, name) in STAGES.items():
            if not filename.endswith(file_part) or function != name:
                continue
            if name == "_find_and_load":
                # the outermost imports only: from a function or the script, not from the
                # body of a module being imported (that time is in its importer's already)
                outer = sum(
                    c[3]
                    for caller, c in callers.items()
                    if "importlib" not in caller[0]
                    and (caller[2] != "<module>" or caller[0] == "<string>")
                )
                found[stage] += outer
            else:
                found[stage] += cumulative
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--clean", action="store_true", help="profile a clean build")
    args = parser.parse_args()
    rows: list[dict[str, float]] = []
    totals, walls = [], []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "shipped"
        copy_parts(root, (*PROJECT_PARTS, "sources"))
        subprocess.run(cli(root, "build", "--all", "--strict"), check=True, capture_output=True)
        summary = root / "sources" / "meetings" / f"{COPIED}.yaml"
        out = Path(tmp) / "edit.prof"
        for run in range(args.runs):
            if not args.clean:
                add_word(summary, f"profiled{chr(97 + run)}")
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", CHILD, str(root), str(out)]
                + (["--force"] if args.clean else []),
                check=True,
                capture_output=True,
            )
            walls.append(time.perf_counter() - start)
            stats = pstats.Stats(str(out))
            rows.append(stage_seconds(stats))
            totals.append(stats.total_tt)  # type: ignore[attr-defined]
    what = "a clean build" if args.clean else "the edit's build"
    print(f"CPU seconds of {what} in one process, median of {args.runs}:")
    print(f"  total {statistics.median(totals):.2f} (wall {statistics.median(walls):.2f})")
    for stage in STAGES:
        print(f"  {stage}: {statistics.median(r[stage] for r in rows):.2f}")
    text = io.StringIO()
    stats.stream = text  # type: ignore[attr-defined]
    stats.sort_stats("cumulative").print_stats(args.top)
    print(text.getvalue())


if __name__ == "__main__":
    main()
