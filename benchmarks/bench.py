"""Benchmark of `briefs build`: run with `make bench`.

Generates N realistic synthetic meetings (six participants, one with a CJK name; six consensus
points; eight figures; both languages) into a temporary project, and measures for each N:
the cold full build (a fresh process, as `make briefs` runs it), warm time per brief, where the
time goes, the no-op rebuild, one edited summary, peak RSS per worker and the mean PDF size.
It also measures, in the same run, the full build of the shipped sources against bare WeasyPrint
rendering the same HTML files one after the other in one warm process, and that font subsetting
takes HarfBuzz's fast path. Results go to stdout and to benchmarks/RESULTS.md.

    python benchmarks/bench.py [--sizes 10,100,1000] [--jobs N] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROJECT_PARTS = ("briefs.toml", "templates", "locale")
CJK_NAMES = ["王毅", "习近平", "李强", "秦刚", "王文涛", "丁薛祥"]
COUNTRIES = ["KZ", "KG", "TJ", "TM", "UZ"]
SURNAMES = [
    "Nurtleu",
    "Kulubaev",
    "Muhriddin",
    "Meredov",
    "Saidov",
    "Tileuberdi",
    "Aidarbekov",
    "Kamilov",
]
TOPICS_ID = [
    "perdagangan",
    "energi",
    "transportasi",
    "pendidikan",
    "kesehatan",
    "pertanian",
    "keamanan",
    "budaya",
]
TOPICS_EN = [
    "trade",
    "energy",
    "transport",
    "education",
    "health",
    "agriculture",
    "security",
    "culture",
]


def synthetic_meeting(index: int, rng: random.Random) -> tuple[str, str, str]:
    """(meeting id, summary YAML, article text) for one synthetic meeting."""
    day = time.gmtime(946684800 + index * 86400)  # from 2000-01-01, one a day
    date = time.strftime("%Y-%m-%d", day)
    meeting_id = f"{date}-synthetic-meeting-{index:04d}"
    sentences = []

    def quote(sentence: str) -> str:
        sentences.append(sentence)
        return sentence

    participants = [
        f"""  - name: Wang {rng.choice(["Yi", "Wei", "Lei"])}
    native_name: {rng.choice(CJK_NAMES)}
    native_lang: zh-Hans
    country: CN
    office: {{id: Menteri Luar Negeri, en: Minister of Foreign Affairs}}"""
    ]
    for country in COUNTRIES:
        participants.append(
            f"""  - name: {rng.choice(SURNAMES)}
    country: {country}
    office: {{id: Menteri Luar Negeri, en: Minister of Foreign Affairs}}"""
        )
    points = []
    for n in range(6):
        topic = rng.randrange(len(TOPICS_ID))
        sentence = quote(
            f"Semua pihak sepakat memperkuat kerja sama di bidang {TOPICS_ID[topic]} sebagai poin ke-{n + 1} "
            f"pertemuan nomor {index}, termasuk koordinasi kebijakan, pertukaran ahli dan proyek bersama yang "
            "saling menguntungkan bagi kawasan."
        )
        points.append(
            f"""  - text:
      id: Semua pihak sepakat memperkuat kerja sama di bidang {TOPICS_ID[topic]}, termasuk koordinasi kebijakan, pertukaran ahli dan proyek bersama.
      en: All sides agreed to strengthen cooperation in {TOPICS_EN[topic]}, including policy coordination, expert exchanges and joint projects.
    quote: {sentence}"""
        )
    figures = []
    kinds = [
        ("USD", "{v} miliar dolar AS", lambda: rng.randint(1, 90) * 100_000_000),
        ("IDR", "{v} triliun rupiah", lambda: rng.randint(1, 900) * 1_000_000_000_000),
        ("count", "{v} pelajar", lambda: rng.randint(2, 90) * 1000),
        ("percent", "{v} persen", lambda: rng.randint(1, 99)),
    ]
    for n in range(8):
        unit, words, value = kinds[n % len(kinds)]
        amount = value()
        sentence = quote(
            f"Angka ke-{n + 1} pertemuan {index} tercatat sebesar {words.format(v=amount)} pada tahun {2000 + n}."
        )
        noun = "\n    noun: {id: pelajar, en: students}" if unit == "count" else ""
        figures.append(
            f"""  - label: {{id: Indikator {n + 1}, en: Indicator {n + 1}}}
    value: {amount}
    unit: {unit}{noun}
    year: {2000 + n}
    quote: {sentence}"""
        )
    headline = f"Pertemuan sintetis nomor {index} digelar"
    article = "\n\n".join([headline, *sentences, "Komentar"]) + "\n"
    summary = f"""id: {meeting_id}
kind: foreign-ministers-meeting
title: {{id: Pertemuan sintetis {index}, en: Synthetic meeting {index}}}
date: {date}
place:
  city: {{id: Astana, en: Astana}}
  country: KZ
issued: 2026-11-23
lede:
  id: Para menteri luar negeri bertemu dan menyepakati enam poin kerja sama.
  en: The foreign ministers met and agreed on six points of cooperation.
participants:
{chr(10).join(participants)}
points:
{chr(10).join(points)}
figures:
{chr(10).join(figures)}
sources:
  - article: {meeting_id}.txt
    publisher: Sintetis
    headline: {headline}
"""
    return meeting_id, summary, article


def copy_parts(target: Path, parts: tuple[str, ...]) -> None:
    target.mkdir(parents=True)
    for part in parts:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)


def make_project(target: Path, count: int) -> Path:
    """A project with count synthetic meetings."""
    copy_parts(target, PROJECT_PARTS)
    (target / "sources" / "meetings").mkdir(parents=True)
    (target / "sources" / "articles").mkdir(parents=True)
    rng = random.Random(count)
    for index in range(count):
        meeting_id, summary, article = synthetic_meeting(index, rng)
        (target / "sources" / "meetings" / f"{meeting_id}.yaml").write_text(
            summary, encoding="utf-8"
        )
        (target / "sources" / "articles" / f"{meeting_id}.txt").write_text(
            article, encoding="utf-8"
        )
    return target


def child_build(root: str, jobs: int) -> None:
    """In a fresh process: build everything, print the report as JSON."""
    from briefs.build import build_all
    from briefs.project import open_project

    report = build_all(open_project(root), jobs=jobs, force=True)
    print(
        json.dumps(
            {
                "ok": report.ok,
                "problems": [str(p) for p in report.problems[:5]],
                "failures": report.failures[:5],
                "written": len(report.written),
                "seconds": report.seconds,
                "peak_rss": report.peak_rss,
                "rss_by_job": report.rss_by_job,
                "digest_seconds": report.digest_seconds,
            }
        )
    )


def timed(command: list[str], **kwargs) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    return elapsed, result.stdout


def cli(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "briefs", "--root", str(root), *args]


def measure(root: Path, jobs: int) -> dict:
    """Cold full build, no-op rebuild and one edited summary, for one project."""
    wall, out = timed([sys.executable, __file__, "--child", str(root), "--jobs", str(jobs)])
    stats = json.loads(out.splitlines()[-1])
    if not stats["ok"]:
        raise SystemExit(f"build failed: {stats}")
    noop, out = timed(cli(root, "build", "--all", "--jobs", str(jobs)))
    assert "up to date" in out, out
    summary = sorted((root / "sources" / "meetings").glob("*.yaml"))[0]
    summary.write_text(
        summary.read_text(encoding="utf-8").replace("issued: 2026-11-23", "issued: 2026-11-24"),
        encoding="utf-8",
    )
    edited, out = timed(cli(root, "build", "--all", "--jobs", str(jobs)))
    assert out.startswith("8 files written"), out  # its 4 briefs and the 4 digests
    pdfs = list((root / "build").rglob("*.pdf"))
    briefs = stats["written"] // 2
    seconds = stats["seconds"]
    # Briefs and the digest apart: the digest of every meeting is one document that grows with N.
    rss = [peak for name, peak in stats["rss_by_job"] if name != "digest"]
    digest_rss = max((peak for name, peak in stats["rss_by_job"] if name == "digest"), default=0)
    early = max(rss[: max(1, len(rss) // 10)])
    return {
        "briefs": briefs,
        "outputs": stats["written"],
        "cold": wall,
        "noop": noop,
        "edited": edited,
        "per_brief_pdf": (seconds["layout"] + seconds["pdf"] - stats["digest_seconds"]) / briefs,
        "per_brief_html": (seconds["render"] + seconds["html"]) / briefs,
        "seconds": seconds,
        "peak_rss": max(rss),
        "rss_growth": max(rss) - early,
        "digest_rss": digest_rss,
        "digest_seconds": stats["digest_seconds"],
        "mean_pdf": statistics.mean(p.stat().st_size for p in pdfs),
    }


def bare_reference(root: Path) -> float:
    """Seconds for bare WeasyPrint to turn the project's HTML briefs into PDFs, one after the
    other, in one warm process (imports and fonts loaded before the clock starts)."""
    code = f"""
import time, pathlib
from weasyprint import HTML
files = sorted(pathlib.Path({str(root / "build")!r}).rglob('*.html'))
HTML(string='<p>warm up 王毅</p>').write_pdf()
start = time.perf_counter()
for f in files:
    HTML(filename=str(f)).write_pdf()
print(time.perf_counter() - start)
"""
    _, out = timed([sys.executable, "-c", code])
    return float(out.strip())


def subsetting() -> dict:
    """Whether WeasyPrint subsets fonts with HarfBuzz (fast) and what the fallback would cost."""
    code = """
import time, sys
import weasyprint.pdf.fonts as fonts
from weasyprint import HTML
fast = fonts.harfbuzz_subset is not None and fonts.harfbuzz.hb_version_atleast(4, 1, 0)
html = '<p>' + 'Semua pihak sepakat. ' * 400 + '</p><p lang="zh-Hans" style="font-family: Noto Sans CJK SC">王毅</p>'
HTML(string=html).write_pdf()
start = time.perf_counter(); HTML(string=html).write_pdf(); harfbuzz = time.perf_counter() - start
fonts.harfbuzz_subset = None
start = time.perf_counter(); HTML(string=html).write_pdf(); fonttools = time.perf_counter() - start
print(bool(fast), harfbuzz, fonttools)
"""
    _, out = timed([sys.executable, "-W", "ignore", "-c", code])
    fast, harfbuzz, fonttools = out.split()
    return {"fast_path": fast == "True", "harfbuzz": float(harfbuzz), "fonttools": float(fonttools)}


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    from importlib import metadata

    return (
        f"{os.cpu_count()} cores ({cpu}), {int(memory) // 1024 // 1024} GiB, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, WeasyPrint {metadata.version('weasyprint')}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument(
        "--no-write", action="store_true", help="print only; leave RESULTS.md alone"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child_build(args.child, args.jobs)

    lines = [
        "# Benchmark results",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} with `make bench` on: {machine()}. Jobs: {args.jobs}.",
        "The machine is shared: compare figures measured in the same run, not across runs.",
        "",
    ]

    with tempfile.TemporaryDirectory() as tmp:
        shipped = Path(tmp) / "shipped"
        copy_parts(shipped, (*PROJECT_PARTS, "sources"))
        full, out = timed(
            [
                sys.executable,
                "-m",
                "briefs",
                "--root",
                str(shipped),
                "build",
                "--all",
                "--jobs",
                str(args.jobs),
            ]
        )
        outputs = int(out.split()[0])
        htmls = len(list((shipped / "build").rglob("*.html")))
        bare = bare_reference(shipped)
        sub = subsetting()
        lines += [
            "## Shipped sources against bare WeasyPrint",
            "",
            "| | seconds |",
            "|---|---|",
            f"| `briefs build --all` of the shipped sources ({outputs} outputs: briefs and digests, PDF and HTML; "
            f"a fresh process, as `make briefs` runs it) | {full:.2f} |",
            f"| bare WeasyPrint: the same {htmls} HTML files to PDF one after the other, in one warm process | {bare:.2f} |",
            f"| **ratio** (target ≤ 0.75) | **{full / bare:.2f}** |",
            "",
            f"Font subsetting: {'HarfBuzz fast path taken' if sub['fast_path'] else 'SLOW fontTools fallback'}; "
            f"a page with a CJK name writes in {sub['harfbuzz']:.2f} s with HarfBuzz, {sub['fonttools']:.2f} s with "
            f"the fontTools fallback ({sub['fonttools'] / sub['harfbuzz']:.1f}×).",
            "",
            "## Synthetic meetings",
            "",
            "Each meeting: six participants (one CJK name), six consensus points, eight figures; "
            "one brief = one meeting in one language, written as PDF and HTML.",
            "",
            "| N meetings | outputs | cold full build s | no-op s | one edited s | PDF s/brief | HTML s/brief "
            "| load s | render s | layout s | PDF write s | digests s | peak RSS/worker (briefs) MB | RSS growth MB "
            "| digest RSS MB | mean PDF KB |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        print("\n".join(lines), flush=True)
        results = {}
        for size in [int(s) for s in args.sizes.split(",")]:
            root = make_project(Path(tmp) / f"n{size}", size)
            r = results[size] = measure(root, args.jobs)
            s = r["seconds"]
            row = (
                f"| {size} | {r['outputs']} | {r['cold']:.1f} | {r['noop']:.2f} | {r['edited']:.2f} | "
                f"{r['per_brief_pdf']:.3f} | {r['per_brief_html']:.4f} | {s['load']:.2f} | {s['render']:.2f} | "
                f"{s['layout']:.1f} | {s['pdf']:.1f} | {r['digest_seconds']:.1f} | {r['peak_rss'] / 2**20:.0f} | "
                f"{r['rss_growth'] / 2**20:.0f} | {r['digest_rss'] / 2**20:.0f} | {r['mean_pdf'] / 1024:.0f} |"
            )
            lines.append(row)
            print(row, flush=True)
            shutil.rmtree(root)

    sizes = sorted(results)
    tail = [
        "",
        "Stage seconds are summed over the workers (CPU time spent in each stage), wall times are not. "
        "`digests s` is the part of them spent on the two digests (every meeting, one document per "
        "language); `PDF s/brief` leaves it out. `one edited` rebuilds that meeting's four files and "
        "the four digest files.",
        "",
    ]
    if len(sizes) > 1:
        small, large = results[sizes[0]], results[sizes[-1]]
        per = lambda r: r["per_brief_pdf"] + r["per_brief_html"]  # noqa: E731
        tail.append(
            f"Linearity: time per brief at N={sizes[-1]} is {per(large) / per(small):.2f}× the time at "
            f"N={sizes[0]} (target ≤ 1.1)."
        )
    print("\n".join(tail))
    lines += tail
    if not args.no_write:
        (ROOT / "benchmarks" / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
