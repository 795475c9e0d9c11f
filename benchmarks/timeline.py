"""Where the wall time of one build goes, process by process: `briefs build --all --strict` (what
`make briefs` runs) on a copy of the shipped project, after a word added to a point's English
text (or, with --clean, with build/ removed), with the build's phases timed in every process
that takes part (forked workers inherit the timers). A profile counts CPU in one process; this
shows the critical path: what each process waits for.

    python benchmarks/timeline.py [--clean] [--runs 2] [--tree PATH]

Prints, per run, one line per timed call: process id, start and end in seconds from the
command's start, and what ran. The timers wrap functions by name, so a tree whose code lacks
one of them shows the others."""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import COPIED, PROJECT_PARTS, add_word, copy_parts

TIMED = [
    # as build.py calls them (its own names, some imported from other modules)
    (
        "briefs.build.phases",
        None,
        ["plan", "start_workers", "read", "render_ahead", "make_digest_jobs"],
    ),
    ("briefs.build.builder", "Builder", ["__init__", "warm_up", "build", "write_digest", "render"]),
    ("briefs.write.patches", None, ["import_weasyprint"]),
    ("briefs.write.pdf", "PdfBuilder", ["layout"]),
]
"""(module, class or None, functions): what is timed; a name the module lacks is left out."""

CHILD = "BRIEFS_TIMELINE_START"


def child(root: str) -> None:
    """In the build's process: wrap the timed functions, then run the build."""
    import importlib

    began = float(os.environ[CHILD])
    offset = time.time() - time.perf_counter()

    def now() -> float:
        return time.perf_counter() + offset - began

    def note(start: float, what: str) -> None:
        print(f"{os.getpid():>7} {start:7.3f} {now():7.3f}  {what}", file=sys.stderr, flush=True)

    def wrap(owner: object, name: str, label: str) -> None:
        function = getattr(owner, name, None)
        if function is None:
            return

        @functools.wraps(function)
        def timed(*args, **kwargs):
            start = now()
            try:
                return function(*args, **kwargs)
            finally:
                note(start, label)

        setattr(owner, name, timed)

    note(0.0, "python started, nothing imported")
    start = now()
    from briefs.cli.commands import main

    note(start, "briefs.cli.commands imported")
    for module_name, class_name, names in TIMED:
        module = importlib.import_module(module_name)
        owner = getattr(module, class_name) if class_name else module
        for name in names:
            wrap(owner, name, f"{class_name or module_name.rsplit('.', 1)[-1]}.{name}")
    os.register_at_fork(after_in_child=lambda: note(now(), "forked"))
    try:
        main(["--root", root, "build", "--all", "--strict"])
    except SystemExit:
        pass
    note(now(), "build returned")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clean", action="store_true", help="remove build/ before each run")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        copy_parts(root, (*PROJECT_PARTS, "sources"), args.tree)
        env = {**os.environ, "PYTHONPATH": str(args.tree)}
        command = [sys.executable, "-P", "-m", "briefs", "--root", str(root), "build", "--all"]
        subprocess.run(command, env=env, check=True, capture_output=True)
        for run in range(args.runs):
            if args.clean:
                shutil.rmtree(root / "build")
            else:
                add_word(root / "sources" / "meetings" / f"{COPIED}.yaml", f"timed{chr(97 + run)}")
            began = time.time()
            result = subprocess.run(
                [sys.executable, "-P", __file__, "--child", str(root)],
                env={**env, CHILD: str(began)},
                capture_output=True,
                text=True,
            )
            wall = time.time() - began
            lines = sorted(result.stderr.splitlines(), key=lambda line: float(line.split()[1]))
            print(f"## run {run + 1}: {wall:.2f} s from the command's start to its exit")
            print(result.stdout.strip())
            print("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
