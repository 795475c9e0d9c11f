"""A clean build of the shipped project by this tree and by another checkout (e.g. an export of an
older commit), each with its own sources, templates and catalogs, interleaved run by run: wall
and CPU seconds, PDF pages, and CPU per PDF page. It runs each tree's own CLI
(`python -m briefs build --all --force`), so it measures any version of the code, whatever its
internals; it answers "what does the layout of today's briefs cost against that commit's?".

    python benchmarks/shipped_against.py --against DIR [--runs 3] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("briefs.toml", "templates", "locale", "sources")


def project_of(tree: Path, target: Path) -> Path:
    """A copy of the tree's shipped project (its own sources, templates, catalogs)."""
    target.mkdir(parents=True)
    for part in PARTS:
        source = tree / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.exists():
            shutil.copy2(source, target / part)
    return target


def clean_build(tree: Path, project: Path, jobs: int) -> dict:
    """One clean build in a fresh process: wall, the CPU of the process and its workers."""
    shutil.rmtree(project / "build", ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(tree), "SOURCE_DATE_EPOCH": "1764547200"}
    command = [sys.executable, "-m", "briefs", "build", "--all", "--force", "--jobs", str(jobs)]
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    if status:
        raise SystemExit(f"{tree}: the build failed ({status})")
    # wait4's rusage counts the build and the workers it waited for (it waits for each).
    pdfs = sorted((project / "build").rglob("*.pdf"))
    pages = sum(len(PdfReader(path).pages) for path in pdfs)
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "pdfs": len(pdfs),
        "pages": pages,
    }


BARE = """
import json, pathlib, sys, time
from weasyprint import HTML
files = sorted(pathlib.Path(sys.argv[1]).rglob('*.html'))
HTML(string='<p>warm up 王毅</p>').write_pdf()
cpu = time.process_time()
for f in files:
    HTML(filename=str(f)).write_pdf()
print(json.dumps({"cpu": time.process_time() - cpu, "documents": len(files)}))
"""


def bare_layout(project: Path) -> float:
    """CPU seconds of bare WeasyPrint laying out the build's HTML files one after the other in
    one warm process: the layout cost of the pages themselves, without briefs' own work."""
    out = subprocess.run(
        [sys.executable, "-c", BARE, str(project / "build")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(json.loads(out.splitlines()[-1])["cpu"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    trees = {"this tree": ROOT, str(args.against): args.against.resolve()}
    found: dict[str, list[dict]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as tmp:
        projects = {
            name: project_of(tree, Path(tmp) / f"project-{index}")
            for index, (name, tree) in enumerate(trees.items())
        }
        for _run in range(args.runs):
            for name, tree in trees.items():
                build = clean_build(tree, projects[name], args.jobs)
                build["bare"] = bare_layout(projects[name])
                found[name].append(build)
    print(
        f"Clean build of each tree's shipped project, jobs {args.jobs}, median of {args.runs}, "
        f"load average at the end {os.getloadavg()[0]:.1f}:"
    )
    print(
        "| tree | wall s | CPU s | PDFs | PDF pages | CPU s per page | bare layout of its HTML, CPU s |"
    )
    print("|---|---|---|---|---|---|---|")
    medians = {}
    for name, builds in found.items():
        wall = statistics.median(b["wall"] for b in builds)
        cpu = statistics.median(b["cpu"] for b in builds)
        pages = builds[0]["pages"]
        bare = statistics.median(b["bare"] for b in builds)
        medians[name] = (cpu, pages, bare)
        print(
            f"| {name} | {wall:.2f} | {cpu:.2f} | {builds[0]['pdfs']} | {pages} | "
            f"{cpu / pages:.3f} | {bare:.2f} |"
        )
    (ours, our_pages, our_bare), (theirs, their_pages, their_bare) = medians.values()
    print(
        f"CPU: {ours / theirs:.2f}× the other tree's; per PDF page "
        f"{(ours / our_pages) / (theirs / their_pages):.2f}×; bare layout of the pages "
        f"{our_bare / their_bare:.2f}×."
    )


if __name__ == "__main__":
    main()
