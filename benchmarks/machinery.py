"""Each piece of build machinery switched off, one at a time, against everything on (issue 32).

A throwaway copy of the tree at a commit gets a switch per piece (MACH_OFF=piece, read where the
piece is used); the copy is never committed. Then, interleaved run by run on one project: clean
`briefs build --all --strict`, the no-op, one edit (a word added to a point's English text) and
the preview (edit saved -> served HTML shows it), wall and CPU (user+sys of the build and its
workers, from wait4). The switches are not in any fingerprint, so every variant builds on the
same project and finds it up to date after the one before.

    python benchmarks/machinery.py tree /tmp/mach-sw [--commit HEAD]
    python benchmarks/machinery.py run NAME PROJECT MEETING RUNS CLEAN LOOP [PREVIEW]
        (CLEAN, LOOP, PREVIEW: comma lists of pieces, the empty name is everything on;
         CLEAN_RUNS=n repeats the clean builds in the first n runs only)
    python benchmarks/machinery.py summary NAME...

Pieces: import (WeasyPrint's quick import), styles (shared stylesheets), pypdf (attachments
through pypdf's API instead of the hand-written update), pool (jobs=1), spawn (workers spawned,
not forked), ahead (render-ahead), compiled (compiled templates), checks (the check cache),
pages (the page cache: every stale PDF laid out). Results: /tmp/mach/out/NAME.jsonl."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import add_word, preview_edit

ROOT = Path(__file__).resolve().parent.parent
OUT = Path("/tmp/mach/out")
OFF = "__import__('os').environ.get('MACH_OFF', '').split(',')"

PYPDF_ATTACH = '''"""The attachments through pypdf's API, incremental (measured against attachments.attach)."""
import datetime as dt, hashlib, io
from pathlib import PurePath
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, NameObject, NumberObject, TextStringObject
from briefs.write.attachments import MIME_TYPES

def attach(page, sources, date):
    if not sources:
        return page
    writer = PdfWriter(io.BytesIO(page), incremental=True)
    stamp = dt.datetime.combine(date or dt.date(1970, 1, 1), dt.time(), dt.timezone.utc)
    specs = []
    for source in sources:
        mime = MIME_TYPES.get(PurePath(source.name).suffix.lower(), "application/octet-stream")
        file = writer.add_attachment(source.name, source.data)
        file.subtype = NameObject("/" + mime.replace("/", "#2F"))
        file.size = NumberObject(len(source.data))
        file.creation_date = stamp
        file.modification_date = stamp
        file.checksum = ByteStringObject(hashlib.md5(source.data, usedforsecurity=False).digest())
        file.description = TextStringObject(source.description)
        file.associated_file_relationship = NameObject("/Source")
        specs.append(file.pdf_object.indirect_reference)
    writer.root_object[NameObject("/AF")] = ArrayObject(specs)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
'''

SWITCHES = [  # (file, text, replacement): each piece's switch, where the piece is used
    (
        "briefs/write/patches.py",
        '    if not enabled():\n        importlib.import_module("weasyprint")\n        return\n    import ctypes.util',
        f'    if not enabled() or "import" in {OFF}:\n        importlib.import_module("weasyprint")\n'
        "        return\n    import ctypes.util",
    ),
    (
        "briefs/write/patches.py",
        "    tag_languages()\n    share_stylesheets()",
        f"    tag_languages()\n    if 'styles' not in {OFF}:\n        share_stylesheets()",
    ),
    (
        "briefs/write/pdf.py",
        "            data = attach(page, sources, date)",
        f"            if 'pypdf' in {OFF}:\n                from briefs.write.pypdf_attach import attach as by_pypdf\n"
        "                data = by_pypdf(page, sources, date)\n            else:\n"
        "                data = attach(page, sources, date)",
    ),
    (
        "briefs/build/phases.py",
        "    method = start_method()\n",
        f"    method = start_method()\n    if 'spawn' in {OFF}:\n        method = 'spawn'\n"
        f"    if 'pool' in {OFF}:\n        jobs = 1\n",
    ),
    (
        "briefs/build/jobs.py",
        "    if processes < 2 or len(jobs) > RENDER_AHEAD * processes:",
        f"    if 'ahead' in {OFF} or processes < 2 or len(jobs) > RENDER_AHEAD * processes:",
    ),
    (
        "briefs/build/builder.py",
        "    if toolchain is None:\n        try:",
        f"    if 'compiled' in {OFF}:\n        return {{}}\n    if toolchain is None:\n        try:",
    ),
    (
        "briefs/check/cache.py",
        "        entry = self.manifest.checks.get(summary.name)\n",
        f"        entry = self.manifest.checks.get(summary.name)\n        if 'checks' in {OFF}:\n"
        "            return None\n",
    ),
    (
        "briefs/plan.py",
        "    if not key or recorded is None or recorded.key != key:",
        f"    if 'pages' in {OFF} or not key or recorded is None or recorded.key != key:",
    ),
]


def make_tree(target: Path, commit: str) -> None:
    """The tree at commit, with every piece's switch."""
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    for name, text, replacement in SWITCHES:
        path = target / name
        source = path.read_text(encoding="utf-8")
        if text not in source:
            raise SystemExit(f"{name}: the switch's place is gone ({text[:40]!r}...)")
        path.write_text(source.replace(text, replacement, 1), encoding="utf-8")
    (target / "briefs/write/pypdf_attach.py").write_text(PYPDF_ATTACH, encoding="utf-8")


def environment(tree: str, off: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": tree,
        "MACH_OFF": off,
        "XDG_CACHE_HOME": str(OUT.parent / "xdg"),
        "SOURCE_DATE_EPOCH": "1764547200",
    }


def build(tree: str, root: Path, off: str) -> dict:
    """`briefs build --all --strict` in a fresh process: wall, and the CPU (user and system) of
    it and of the workers it waited for, from wait4."""
    command = [
        sys.executable,
        "-P",
        "-m",
        "briefs",
        "--root",
        str(root),
        "build",
        "--all",
        "--strict",
    ]
    with tempfile.TemporaryFile("w+") as out:
        began = time.perf_counter()
        process = subprocess.Popen(
            command, env=environment(tree, off), stdout=out, stderr=out, text=True
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - began
        out.seek(0)
        said = out.read()
    if status:
        raise SystemExit(f"{off}: the build failed\n{said}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "out": said.strip()[:80]}


def preview(tree: str, root: Path, meeting: str, off: str, word: str) -> float:
    """Seconds from a saved edit to `briefs serve` serving the HTML brief that shows it."""
    return preview_edit(root, meeting, word, environment(tree, off))


def run(
    tree: str, name: str, root: Path, meeting: str, runs: int, clean: str, loop: str, shown: str
) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    summary = root / "sources" / "meetings" / f"{meeting}.yaml"
    clean_runs = int(os.environ.get("CLEAN_RUNS", runs))

    def log(record: dict) -> None:
        record.update(load=os.getloadavg()[0], t=time.strftime("%H:%M:%S"))
        with (OUT / f"{name}.jsonl").open("a") as out:
            out.write(json.dumps(record) + "\n")

    pieces = clean.split(",")
    for number in range(runs):
        turn = number % len(pieces)
        for off in pieces[turn:] + pieces[:turn] if number < clean_runs else []:
            shutil.rmtree(root / "build", ignore_errors=True)
            log({"fig": "clean", "off": off, "run": number, **build(tree, root, off)})
        build(tree, root, "")  # up to date
        for index, off in enumerate(loop.split(",")):
            noop = build(tree, root, off)
            assert "up to date" in noop["out"], noop
            log({"fig": "noop", "off": off, "run": number, **noop})
            add_word(summary, f"edit{chr(97 + number)}{chr(97 + index)}")
            log({"fig": "edit", "off": off, "run": number, **build(tree, root, off)})
        for index, off in enumerate(shown.split(",") if shown else []):
            word = f"prev{chr(97 + number)}{chr(97 + index)}"
            log(
                {
                    "fig": "preview",
                    "off": off,
                    "run": number,
                    "wall": preview(tree, root, meeting, off, word),
                }
            )
            build(tree, root, "")  # what the preview left stale (digests)


def summary(names: list[str]) -> None:
    for name in names:
        rows = [json.loads(line) for line in (OUT / f"{name}.jsonl").read_text().splitlines()]
        found = defaultdict(list)
        for row in rows:
            found[row["fig"], row["off"]].append(row)
        loads = [row["load"] for row in rows]
        print(
            f"{name}: load {min(loads):.1f}-{max(loads):.1f}, median {statistics.median(loads):.1f}"
        )
        for (figure, off), runs in sorted(found.items()):
            wall = statistics.median(r["wall"] for r in runs)
            cpu = statistics.median(r.get("cpu", 0.0) for r in runs)
            print(f"  {figure:8} {off or 'all on':9} n={len(runs)} wall {wall:7.2f} CPU {cpu:7.2f}")


def main() -> None:
    if sys.argv[1] == "tree":
        commit = sys.argv[sys.argv.index("--commit") + 1] if "--commit" in sys.argv else "HEAD"
        make_tree(Path(sys.argv[2]), commit)
    elif sys.argv[1] == "run":
        tree = os.environ.get("MACH_TREE", "/tmp/mach/sw")
        name, root, meeting, runs, clean, loop = sys.argv[2:8]
        run(
            tree,
            name,
            Path(root),
            meeting,
            int(runs),
            clean,
            loop,
            sys.argv[8] if len(sys.argv) > 8 else "",
        )
    else:
        summary(sys.argv[2:])


if __name__ == "__main__":
    main()
