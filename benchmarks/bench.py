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
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "PYTHONPATH" not in os.environ:  # else the code it names is measured (--against)
    sys.path.insert(0, str(ROOT))

PROJECT_PARTS = ("briefs.toml", "templates", "locale")
COPIED = "2024-05-20-china-kazakhstan-foreign-ministers-talks"
"""The shipped summary copied to make the 200-meeting archive of the digest page count."""
CJK_NAMES = ["王毅", "习近平", "李强", "秦刚", "王文涛", "丁薛祥"]
COUNTRIES = ["KZ", "KG", "TJ", "TM", "UZ"]
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]  # tm_wday 0 = Monday
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


SPACING = 7
"""Days between two synthetic meetings: 52 a year, ten times the shipped sources' busiest year,
so that every year digest holds a full year."""


def synthetic_meeting(index: int, rng: random.Random) -> tuple[str, str, str]:
    """(meeting id, summary YAML, article text) for one synthetic meeting."""
    day = time.gmtime(946684800 + index * SPACING * 86400)  # from 2000-01-01, one a week
    date = time.strftime("%Y-%m-%d", day)
    meeting_id = f"{date}-synthetic-meeting-{index:04d}"
    sentences = []

    def quote(sentence: str) -> str:
        sentences.append(sentence)
        return sentence

    from babel import Locale

    indonesian = Locale("id").territories
    names = [f"Wang {rng.choice(['Yi', 'Wei', 'Lei'])}"]
    # each participant, the date and the place have their quote (issue 18's fact quotes)
    introductions = [quote(f"Menteri Luar Negeri {indonesian['CN']}, {names[0]}, hadir.")]
    participants = [
        f"""  - name: {names[0]}
    native_name: {rng.choice(CJK_NAMES)}
    native_lang: zh-Hans
    country: CN
    office: {{id: Menteri Luar Negeri, en: Minister of Foreign Affairs}}
    quote: {introductions[0]}"""
    ]
    for country in COUNTRIES:
        names.append(rng.choice(SURNAMES))
        introductions.append(
            quote(f"Menteri Luar Negeri {indonesian[country]}, {names[-1]}, hadir.")
        )
        participants.append(
            f"""  - name: {names[-1]}
    country: {country}
    office: {{id: Menteri Luar Negeri, en: Minister of Foreign Affairs}}
    quote: {introductions[-1]}"""
        )
    when = quote(
        f"Pertemuan digelar pada hari {WEEKDAYS[day.tm_wday]} ({day.tm_mday}/{day.tm_mon}/{day.tm_year})."
    )
    points = []
    topics = rng.sample(range(len(TOPICS_ID)), 6)  # six points on six topics: none twice
    for n, topic in enumerate(topics):
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
    # (unit, how the article writes it, the value): 8,7 miliar dolar AS is 8700000000
    kinds = [
        ("USD", "{} miliar dolar AS", lambda n: (n * 100_000_000, f"{n // 10},{n % 10}")),
        ("IDR", "{} triliun rupiah", lambda n: (n * 1_000_000_000_000, str(n))),
        ("count", "{} pelajar", lambda n: (n * 1000, f"{n}.000")),
        ("percent", "{} persen", lambda n: (n, str(n))),
    ]
    for n in range(8):
        unit, words, value = kinds[n % len(kinds)]
        amount, written = value(rng.randint(11, 89))
        sentence = quote(
            f"Angka ke-{n + 1} pertemuan {index} tercatat sebesar {words.format(written)} pada tahun {2000 + n}."
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
    # The article names the place and every participant, as briefs check wants of a summary.
    where = f"Para menteri luar negeri bertemu di Astana: {', '.join(names)}."
    sentences.insert(0, where)
    article = "\n\n".join([headline, *sentences, "Komentar"]) + "\n"
    summary = f"""id: {meeting_id}
kind: foreign-ministers-meeting
title: {{id: Pertemuan sintetis {index}, en: Synthetic meeting {index}}}
date: {date}
date_quote: {when}
place:
  city: {{id: Astana, en: Astana}}
  country: KZ
  quote: "{where}"
issued: 2026-11-23
lede:
  id: Para menteri luar negeri bertemu di Astana.
  en: The foreign ministers met in Astana.
participants:
{chr(10).join(participants)}
points:
{chr(10).join(points)}
figures:
{chr(10).join(figures)}
bottom_line:
  text:
    id: Semua pihak sepakat memperkuat kerja sama di bidang {TOPICS_ID[topics[0]]}.
    en: All sides agreed to strengthen cooperation in {TOPICS_EN[topics[0]]}.
  points: [1]
sources:
  - article: {meeting_id}.txt
    publisher: Sintetis
    headline: {headline}
"""
    return meeting_id, summary, article


def copy_parts(target: Path, parts: tuple[str, ...], tree: Path = ROOT) -> None:
    """The project's parts from a tree (this one by default) into target."""
    target.mkdir(parents=True)
    for part in parts:
        source = tree / part
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


def moved_times(text: str, first: dt.date, day: dt.date) -> str:
    """The absolute times a summary's texts and figures write, moved from the meeting's day
    (first) to a copy's (day), as the time-anchoring check reads them there: the meeting's own
    month ('per Mei 2024', 'kini') becomes the copy's month; another month ('November 2023',
    from 'November lalu') the last such month before the copy's; a year alone ('pada 2023', from
    'tahun lalu'; a figure's year) moves by as many years as the copy. Dates (2024-05-20) stay."""
    from babel.dates import get_month_names

    months = {
        name.casefold(): (number, names)
        for language in ("id", "en")
        for names in [get_month_names("wide", locale=language)]
        for number, name in names.items()
    }
    alternatives = "|".join(sorted((re.escape(name) for name in months), key=len, reverse=True))

    def moved(m: re.Match[str]) -> str:
        year = int(m.group(2))
        if m.group(1) is None:
            return str(year + day.year - first.year)
        number, names = months[m.group(1).casefold()]
        if (number, year) == (first.month, first.year):
            return f"{names[day.month]} {day.year}"
        return f"{names[number]} {day.year if number < day.month else day.year - 1}"

    pattern = rf"(?<![\w-])(?:({alternatives}) )?((?:19|20)\d\d)(?![\w-])"
    return re.sub(pattern, moved, text, flags=re.IGNORECASE)


def moved_day(text: str, first: dt.date, day: dt.date) -> str:
    """The article's (and date quote's) own dates moved to the copy's: the meeting's day
    ('Senin (20/5)') and the dateline of the day after ('Selasa, 21 Mei 2024')."""
    from babel.dates import format_date

    after, moved_after = first + dt.timedelta(days=1), day + dt.timedelta(days=1)
    return text.replace(
        f"{format_date(first, 'EEEE', locale='id')} ({first.day}/{first.month})",
        f"{format_date(day, 'EEEE', locale='id')} ({day.day}/{day.month})",
    ).replace(
        format_date(after, "EEEE, d MMMM y", locale="id"),
        format_date(moved_after, "EEEE, d MMMM y", locale="id"),
    )


def make_copies(target: Path, count: int, days: int = 37) -> Path:
    """A project of count copies of one shipped summary (and its article), moved `days` apart
    from its own date on: the digests' page counts as the archive grows. Each copy is the
    meeting moved in time, its article's dates and its texts' absolute times with it, so that
    it passes `check --strict` as the original does."""
    copy_parts(target, PROJECT_PARTS)
    (target / "sources" / "meetings").mkdir(parents=True)
    (target / "sources" / "articles").mkdir(parents=True)
    for name in ("themes.yaml", "glossary.yaml"):  # the vocabulary, and the names' twins
        shutil.copy2(ROOT / "sources" / name, target / "sources" / name)
    summary = (ROOT / "sources" / "meetings" / f"{COPIED}.yaml").read_text(encoding="utf-8")
    article = (ROOT / "sources" / "articles" / f"{COPIED}.txt").read_bytes().decode("utf-8")
    first = dt.date.fromisoformat(COPIED[:10])
    for index in range(count):
        day = first + dt.timedelta(days=index * days)
        meeting_id = f"{day}{COPIED[10:]}-{index:04d}"
        text = (
            summary.replace(COPIED, meeting_id)
            .replace(f"date: {first}", f"date: {day}")
            .replace(
                f"published: {first + dt.timedelta(days=1)}",
                f"published: {day + dt.timedelta(days=1)}",
            )
        )
        text = moved_day(moved_times(text, first, day), first, day)
        (target / "sources" / "meetings" / f"{meeting_id}.yaml").write_text(text, encoding="utf-8")
        (target / "sources" / "articles" / f"{meeting_id}.txt").write_bytes(
            moved_day(article, first, day).encode("utf-8")
        )
    return target


def child_build(root: str, jobs: int) -> None:
    """In a fresh process: build everything, print the report as JSON."""
    from briefs.build.phases import build_all
    from briefs.build.stats import BuildStats
    from briefs.project import open_project

    stats = BuildStats()
    report = build_all(open_project(root), jobs=jobs, strict=True, stats=stats)
    print(
        json.dumps(
            {
                "ok": report.ok,
                "problems": [str(p) for p in report.problems[:5]],
                "failures": report.failures[:5],
                "written": len(report.written),
                "seconds": stats.seconds,
                "peak_rss": stats.peak_rss,
                "rss_by_job": stats.rss_by_job,
                "cpu_by_job": stats.cpu_by_job,
                "digest_seconds": stats.digest_seconds,
                "workers": stats.workers,
                "start_method": stats.start_method,
            }
        )
    )


def child_digests(root: str) -> None:
    """In a fresh process: write every digest as PDF (years and overview), print the peak RSS."""
    import resource

    from briefs.build.phases import build_digests
    from briefs.project import open_project

    written = build_digests(open_project(root), formats=("pdf",))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"written": [str(p) for p in written], "peak_rss": peak}))


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], **kwargs) -> tuple[float, str, float]:
    """Wall seconds, standard output and CPU seconds of a command run to its end."""
    cpu = children_cpu()
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    return elapsed, result.stdout, children_cpu() - cpu


def cli(root: Path, *args: str) -> list[str]:
    """briefs in a fresh process. -P: without the working folder first on the path, so that
    PYTHONPATH decides which tree's code runs (--against), wherever the bench was started."""
    return [sys.executable, "-P", "-m", "briefs", "--root", str(root), *args]


def cold_build(root: Path, jobs: int, env: dict[str, str] | None = None) -> dict:
    """A full build in a fresh process, as `make briefs` runs it: wall, CPU and its report.
    env: the environment of the build (PYTHONPATH to another tree's code, for --against)."""
    shutil.rmtree(root / "build", ignore_errors=True)  # clean: no outputs, no recorded checks
    wall, out, cpu = timed(
        [sys.executable, __file__, "--child", str(root), "--jobs", str(jobs)], env=env
    )
    stats = json.loads(out.splitlines()[-1])
    if not stats["ok"]:
        raise SystemExit(f"build failed: {stats}")
    return {"wall": wall, "cpu": cpu, **stats}


def is_digest(name: str) -> bool:
    return name == "digest" or name.startswith("digest-")


def edits(root: Path, jobs: int, runs: int, summary: Path) -> tuple[float, float, int]:
    """Median seconds of `briefs build --all` in a fresh process with nothing to do, and after
    editing the English title of one summary (its briefs change, and its year's English digest,
    which lists the title); the number of files the edit rebuilt."""
    noop = []
    for _ in range(runs):
        seconds, out, _ = timed(cli(root, "build", "--all", "--jobs", str(jobs)))
        assert "up to date" in out, out
        noop.append(seconds)
    edited, written = [], 0
    for run in range(runs):
        text = summary.read_text(encoding="utf-8")
        at = text.index("en: ", text.index("title:")) + len("en: ")
        if text.startswith(">-", at):  # a folded block: the text starts on the next line
            at = text.index("\n", at) + 1
            at += len(text[at:]) - len(text[at:].lstrip(" "))
        # After the first word, in lower case and with no number: an edit the grounding checks
        # accept (a capitalised word or a number the Indonesian title lacks would be refused).
        at = text.index(" ", at)
        summary.write_text(f"{text[:at]} (edited {chr(97 + run)}){text[at:]}", encoding="utf-8")
        seconds, out, _ = timed(cli(root, "build", "--all", "--jobs", str(jobs)))
        written = int(out.split()[0])
        edited.append(seconds)
    return statistics.median(noop), statistics.median(edited), written


def add_word(summary: Path, word: str) -> None:
    """Add a word after the first word of the first point's English text: an edit the grounding
    checks accept (lower case, no number, no stance marker), which every page of the meeting
    shows."""
    text = summary.read_text(encoding="utf-8")
    at = text.index("en: ", text.index("\npoints:")) + len("en: ")
    if text.startswith(">-", at):  # a folded block: the text starts on the next line
        at = text.index("\n", at) + 1
        at += len(text[at:]) - len(text[at:].lstrip(" "))
    at = text.index(" ", at)
    summary.write_text(f"{text[:at]} {word}{text[at:]}", encoding="utf-8")


def loop_once(root: Path, run: int, env: dict[str, str] | None) -> dict:
    """One run of the editor's loop figures, as `make briefs` runs the build (`--strict`, in a
    fresh process, on every core): with nothing to do, then after a word added to a point's
    English text (and the files that edit rewrote)."""
    summary = root / "sources" / "meetings" / f"{COPIED}.yaml"
    strict = cli(root, "build", "--all", "--strict")
    timed(strict, env=env)  # whatever the last run left stale
    noop, out, _ = timed(strict, env=env)
    assert "up to date" in out, out
    add_word(summary, f"edited{chr(97 + run)}")
    edited, out, _ = timed(strict, env=env)
    page = root / "build" / "en" / f"{COPIED}.html"  # the page every format of the brief gets
    floor, _, _ = timed(
        [sys.executable, "-P", "-c", FLOOR_CHILD, str(root / "templates"), str(page)], env=env
    )
    return {"noop": noop, "edited": edited, "written": int(out.split()[0]), "floor": floor}


FLOOR_CHILD = """
import sys
from pathlib import Path
from briefs.write.pdf import PdfBuilder
PdfBuilder(Path(sys.argv[1])).layout(Path(sys.argv[2]).read_text(encoding="utf-8"))
"""
"""The least a fresh process does to turn the edited page into its PDF: start, import the PDF
builder and WeasyPrint (the quick way), set up fonts and hyphenation, lay the page out. No
summary read, nothing checked, rendered or written: the floor of the one-edit build as long as
the build runs in a fresh process."""


SERVE_CHILD = """
import sys
from briefs.project import open_project
from briefs.preview.serve import PreviewServer
server = PreviewServer(open_project(sys.argv[1]), port=0)
print(server.url, flush=True)
server.serve_forever()
"""


def preview_once(root: Path, run: int, env: dict[str, str] | None) -> float:
    """Under `briefs serve` (its watcher and HTTP server, in a process of its own): seconds from
    saving a word added to a point's English text to the served HTML brief showing it."""
    return preview_edit(root, COPIED, f"previewed{chr(97 + run)}", env)


def preview_edit(root: Path, meeting: str, word: str, env: dict[str, str] | None) -> float:
    """Seconds from saving word, added to the meeting's summary, to `briefs serve` (run with
    env, in a process of its own) serving the HTML brief that shows it; returns once the rest
    of that rebuild (PDFs, digests) is done."""
    import urllib.request

    summary = root / "sources" / "meetings" / f"{meeting}.yaml"
    pdf = root / "build" / "en" / f"{meeting}.pdf"
    server = subprocess.Popen(
        [sys.executable, "-P", "-c", SERVE_CHILD, str(root)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip() + f"en/{meeting}.html"  # after its first build
        time.sleep(0.5)
        before = pdf.stat().st_mtime_ns
        add_word(summary, word)
        start = time.perf_counter()
        while True:
            with urllib.request.urlopen(url, timeout=120) as response:
                if word.encode() in response.read():
                    break
            if time.perf_counter() - start > 120:
                raise SystemExit(f"the preview did not show {word!r} within 120 s")
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        while pdf.stat().st_mtime_ns == before:  # the rest of its rebuild: PDFs, digests
            time.sleep(0.05)
        time.sleep(1.0)
        return seconds
    finally:
        server.terminate()
        server.wait()


def code_env(tree: Path | None) -> dict[str, str] | None:
    """The environment that runs another tree's code (its briefs package first on the path)."""
    return None if tree is None else {**os.environ, "PYTHONPATH": str(tree)}


def editor_loop(
    tmp: Path, trees: list[tuple[str, Path | None]], runs: int, jobs: int
) -> dict[str, dict]:
    """The issue's figures for each tree of code, interleaved run by run (a burst of load on the
    shared machine hits each alike), each on its own copy of the shipped project, taken from
    that tree (its templates and catalogs go with its code): medians, and the clean build
    against bare WeasyPrint on this tree's documents."""
    found: dict[str, dict] = {name: {"loops": [], "previews": [], "cold": []} for name, _ in trees}
    roots = {}
    for name, tree in trees:
        roots[name] = tmp / f"loop-{len(roots)}"
        copy_parts(roots[name], (*PROJECT_PARTS, "sources"), tree or ROOT)
    bares = []
    for run in range(runs):
        for name, tree in trees:
            found[name]["cold"].append(cold_build(roots[name], jobs, code_env(tree)))
        bares.append(bare_reference(roots[trees[0][0]]))
        for name, tree in trees:
            found[name]["loops"].append(loop_once(roots[name], run, code_env(tree)))
        for name, tree in trees:
            found[name]["previews"].append(preview_once(roots[name], run, code_env(tree)))
    bare = statistics.median(b["wall"] for b in bares)
    for result in found.values():
        result["noop"] = statistics.median(r["noop"] for r in result["loops"])
        result["edited"] = statistics.median(r["edited"] for r in result["loops"])
        result["floor"] = statistics.median(r["floor"] for r in result["loops"])
        result["written"] = result["loops"][-1]["written"]
        result["preview"] = statistics.median(result["previews"])
        result["wall"] = statistics.median(c["wall"] for c in result["cold"])
        result["cpu"] = statistics.median(c["cpu"] for c in result["cold"])
        result["bare"] = bare
    return found


def others_running() -> str:
    """What else used the CPU when the bench started (other engineers' processes), by name."""
    out = subprocess.run(
        ["ps", "-eo", "pid=,pcpu=,args=", "--sort=-pcpu"], capture_output=True, text=True
    ).stdout
    busy = []
    for line in out.splitlines():
        pid, cpu, command = [*line.split(None, 2), "", ""][:3]
        if pid != str(os.getpid()) and float(cpu or 0) >= 5 and "ps -eo" not in command:
            busy.append(f"{' '.join(command.split()[:4])[:70]} ({float(cpu):.0f} %)")
    return "; ".join(busy[:8]) or "nothing else above 5 % CPU"


def bare_reference(root: Path) -> dict:
    """Bare WeasyPrint turning the project's HTML files into PDFs one after the other, in one
    warm process (imports and fonts loaded before the clock starts): wall and CPU seconds, and
    CPU seconds per brief (digests left out)."""
    code = f"""
import json, time, pathlib
from weasyprint import HTML
files = sorted(pathlib.Path({str(root / "build")!r}).rglob('*.html'))
HTML(string='<p>warm up 王毅</p>').write_pdf()
per = {{}}
start, cpu = time.perf_counter(), time.process_time()
for f in files:
    one = time.process_time()
    HTML(filename=str(f)).write_pdf()
    per[f.relative_to({str(root / "build")!r}).as_posix()] = time.process_time() - one
print(json.dumps({{"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu, "per": per}}))
"""
    _, out, _ = timed([sys.executable, "-c", code])
    result = json.loads(out)
    briefs = [cpu for name, cpu in result["per"].items() if "/digest" not in name]
    result["cpu_per_brief"] = statistics.mean(briefs)
    result["documents"] = len(result["per"])
    return result


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


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
    _, out, _ = timed([sys.executable, "-W", "ignore", "-c", code])
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


def mb(size: float) -> str:
    return f"{size / 2**20:.0f}"


RESULTS = ROOT / "benchmarks" / "RESULTS.md"
KEPT = "<!-- make bench writes everything above this line and keeps everything below it -->"
"""The line under which RESULTS.md holds what was written by hand (readings, earlier runs, the
measurements of issue 32): a run replaces what is above it, never what is below."""


def write_results(lines: list[str]) -> None:
    """This run's results at the top of RESULTS.md, above the kept part."""
    before = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    kept = before[before.index(KEPT) :] if KEPT in before else KEPT + "\n"
    text = "\n".join(lines) + "\n\n" + kept
    temporary = RESULTS.with_name(RESULTS.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(RESULTS)  # a bench stopped while writing leaves the last results whole


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default=os.environ.get("BENCH_SIZES", "10,100,1000"),
        help="numbers of synthetic meetings (default: $BENCH_SIZES, else 10,100,1000)",
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--runs", type=int, default=3, help="runs of each small case (median)")
    parser.add_argument(
        "--no-write", action="store_true", help="print only; leave RESULTS.md alone"
    )
    parser.add_argument(
        "--against",
        help="a tree of this project's code (e.g. an export of main) whose editor's loop is "
        "measured in the same run, interleaved",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--child-digests", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child_build(args.child, args.jobs)
    if args.child_digests:
        return child_digests(args.child_digests)

    began = time.perf_counter()
    load = os.getloadavg()[0]
    lines = [
        "# Benchmark results",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} with `make bench` on: {machine()}. Jobs: {args.jobs}.",
        f"Load average when it started: {load:.1f}. The machine may be shared: compare figures "
        "measured in the same run (the ratios), not across runs.",
        f"Also running when it started: {others_running()}.",
        "",
    ]
    runs = max(1, args.runs)

    def emit(*new: str) -> None:
        lines.extend(new)
        print("\n".join(new), flush=True)

    print("\n".join(lines), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        # 0. The editor's loop (issue 22), on the shipped sources; with --against, the code
        #     of another tree measured in the same run.
        trees: list[tuple[str, Path | None]] = [("this tree", None)]
        if args.against:
            trees.append((f"`{args.against}`", Path(args.against).resolve()))
        loops = editor_loop(Path(tmp), trees, runs, args.jobs)
        header = " | ".join(name for name, _ in trees)
        emit(
            "## The editor's loop",
            "",
            f"On the shipped sources, median of {runs}, run by run interleaved"
            + (" between the trees" if len(trees) > 1 else "")
            + f"; the edit adds a word to the first point's English text of `{COPIED}`. "
            "`make briefs` is `briefs build --all --strict` in a fresh process; the clean build "
            "removes build/ first (no outputs, no recorded checks); bare WeasyPrint lays out "
            "the same HTML files one after the other in one warm process.",
            "",
            f"| what | {header} | target |",
            "|---|" + "---|" * len(trees) + "---|",
            "| under `briefs serve`: the edit saved → the served HTML brief shows it | "
            + " | ".join(
                f"{r['preview']:.2f} s ({', '.join(f'{x:.2f}' for x in r['previews'])})"
                for r in loops.values()
            )
            + " | ≤ 1 s (stretch 0.3 s) |",
            "| `make briefs` with nothing to do | "
            + " | ".join(f"{r['noop']:.2f} s" for r in loops.values())
            + " | < 0.2 s |",
            "| `make briefs` after that one edit (files written) | "
            + " | ".join(f"{r['edited']:.2f} s ({r['written']})" for r in loops.values())
            + " | ≤ 1.5 s |",
            "| floor of that edit: a fresh process that only lays out the edited page "
            "(start, imports, fonts, one layout; nothing read, checked or written) | "
            + " | ".join(f"{r['floor']:.2f} s" for r in loops.values())
            + " | |",
            "| clean `make briefs` against bare serial WeasyPrint | "
            + " | ".join(
                f"{r['wall'] / r['bare']:.2f}× ({r['wall']:.2f} s / {r['bare']:.2f} s)"
                for r in loops.values()
            )
            + " | ≤ 0.6× |",
            "| floor of that ratio: the clean build's CPU spread over "
            f"{args.jobs} processes with no wait, against bare WeasyPrint | "
            + " | ".join(
                f"{r['cpu'] / args.jobs / r['bare']:.2f}× ({r['cpu']:.2f} s CPU)"
                for r in loops.values()
            )
            + " | |",
            "",
        )
        if os.environ.get("BENCH_LOOP_ONLY"):
            emit(f"(BENCH_LOOP_ONLY: the rest left out; load average now {os.getloadavg()[0]:.1f})")
            if not args.no_write:
                write_results(lines)
            return

        # 1. The shipped sources against bare WeasyPrint on the same documents, interleaved
        #    run by run so that a burst of load on the machine hits both.
        shipped = Path(tmp) / "shipped"
        copy_parts(shipped, (*PROJECT_PARTS, "sources"))
        builds, bares = [], []
        for _ in range(runs):
            builds.append(cold_build(shipped, args.jobs))
            bares.append(bare_reference(shipped))
        build = sorted(builds, key=lambda b: b["wall"])[len(builds) // 2]
        wall = statistics.median(b["wall"] for b in builds)
        cpu = statistics.median(b["cpu"] for b in builds)
        bare_wall = statistics.median(b["wall"] for b in bares)
        bare_cpu = statistics.median(b["cpu"] for b in bares)
        ours_per_brief = statistics.median(
            statistics.mean(c for name, c in b["cpu_by_job"] if not is_digest(name)) for b in builds
        )
        bare_per_brief = statistics.median(b["cpu_per_brief"] for b in bares)
        noop, edited, edit_written = edits(
            shipped, args.jobs, runs, shipped / "sources" / "meetings" / f"{COPIED}.yaml"
        )
        stages = " · ".join(f"{stage} {seconds:.2f}" for stage, seconds in build["seconds"].items())
        rss = [peak for _, peak in build["rss_by_job"]]
        sub = subsetting()
        emit(
            "## Shipped sources against bare WeasyPrint",
            "",
            f"Median of {runs} runs of each, interleaved. clean `briefs build --all --strict` (build/ removed first) in a fresh "
            f"process, as `make briefs` runs it ({build['written']} files: 10 briefs and "
            f"{build['written'] // 2 - 10} digests, each as PDF and HTML; {build['workers']} "
            f"processes, workers started by {build['start_method'] or '(none)'}); bare WeasyPrint: "
            f"the same {bares[0]['documents']} HTML files to PDF one after the other in one warm "
            "process (imports and fonts loaded before its clock starts).",
            "",
            "| | briefs build | bare WeasyPrint | ratio | target |",
            "|---|---|---|---|---|",
            f"| wall s | {wall:.2f} | {bare_wall:.2f} | **{wall / bare_wall:.2f}** | ≤ 0.6 (must ≤ 0.75) |",
            f"| CPU s (all processes) | {cpu:.2f} | {bare_cpu:.2f} | {cpu / bare_cpu:.2f} | |",
            f"| CPU s per PDF brief (render, PDF and HTML of one meeting in one language) | "
            f"{ours_per_brief:.3f} | {bare_per_brief:.3f} | **{ours_per_brief / bare_per_brief:.2f}** "
            "| ≤ 1.15 |",
            f"| one edited title, `briefs build --all` in a fresh process ({edit_written} files) "
            f"| {edited:.2f} | | | ≤ 1.5 s |",
            f"| no-op `briefs build --all` | {noop:.2f} | | | ≤ 0.2 s |",
            "",
            f"Seconds per stage (summed over processes, median run): {stages}; digests "
            f"{build['digest_seconds']:.2f} of them. Peak RSS per process: {mb(max(rss))} MB.",
            "",
            f"Font subsetting: {'HarfBuzz fast path taken' if sub['fast_path'] else 'SLOW fontTools fallback'}; "
            f"a page with a CJK name writes in {sub['harfbuzz']:.2f} s with HarfBuzz, {sub['fonttools']:.2f} s with "
            f"the fontTools fallback ({sub['fonttools'] / sub['harfbuzz']:.1f}×).",
            "",
        )

        # 2. Digests as the archive grows: 200 copies of one shipped summary, 37 days apart.
        copies = make_copies(Path(tmp) / "copies", 200)
        seconds, out, _ = timed([sys.executable, __file__, "--child-digests", str(copies)])
        digests = json.loads(out.splitlines()[-1])
        pages = {Path(p).name: pdf_pages(Path(p)) for p in digests["written"] if "/en/" in p}
        largest = max(pages, key=pages.get)
        emit(
            "## Digests of 200 meetings",
            "",
            f"200 copies of `{COPIED}`, 37 days apart ({min(pages)[7:11]}–{sorted(pages)[-2][7:11]}): "
            f"`briefs digest --format pdf` wrote {len(digests['written'])} PDFs in {seconds:.1f} s "
            f"(one process, peak RSS {mb(digests['peak_rss'])} MB). The largest digest is "
            f"`{largest}` with **{pages[largest]} pages** (target ≤ 30); the overview "
            f"(`digest.pdf`) has {pages['digest.pdf']}.",
            "",
        )
        shutil.rmtree(copies)

        # 3. Synthetic meetings, N = 10, 100, 1000.
        emit(
            "## Synthetic meetings",
            "",
            f"Each meeting: six participants (one CJK name), six consensus points, eight figures; one "
            f"every {SPACING} days from 2000-01-01, so a year digest holds 52 meetings. One brief = one "
            "meeting in one language, written as PDF and HTML. Small sizes: median of "
            f"{runs} cold builds; N ≥ 1000: one (set BENCH_SIZES=10,100 to leave it out).",
            "",
            "| N meetings | outputs | cold build wall s | CPU s | CPU s/brief | wall s/brief "
            "| one edited s (files) | no-op s | load s | start s | render s | layout s | PDF write s "
            "| digests s | peak RSS briefs MB | peak RSS digests MB | largest digest pages | mean PDF KB |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        )
        results = {}
        for size in [int(s) for s in args.sizes.split(",") if s]:
            root = make_project(Path(tmp) / f"n{size}", size)
            cold = [cold_build(root, args.jobs) for _ in range(runs if size < 1000 else 1)]
            r = sorted(cold, key=lambda b: b["wall"])[len(cold) // 2]
            latest = sorted((root / "sources" / "meetings").glob("*.yaml"))[-1]
            noop, edited, edit_written = edits(root, args.jobs, runs, latest)
            briefs = [c for name, c in r["cpu_by_job"] if not is_digest(name)]
            brief_rss = [p for name, p in r["rss_by_job"] if not is_digest(name)]
            digest_rss = [p for name, p in r["rss_by_job"] if is_digest(name)]
            pdfs = list((root / "build").rglob("*.pdf"))
            largest = max(pdf_pages(p) for p in pdfs if p.name.startswith("digest"))
            per_brief = statistics.median(
                statistics.mean(c for name, c in b["cpu_by_job"] if not is_digest(name))
                for b in cold
            )
            wall = statistics.median(b["wall"] for b in cold)
            results[size] = {"per_brief": per_brief, "wall_per_brief": wall / len(briefs)}
            s = r["seconds"]
            emit(
                f"| {size} | {r['written']} | {wall:.1f} | {r['cpu']:.1f} | {per_brief:.3f} | "
                f"{wall / len(briefs):.3f} | {edited:.2f} ({edit_written}) | {noop:.2f} | "
                f"{s['load']:.2f} | {s['start']:.2f} | {s['render']:.2f} | {s['layout']:.1f} | "
                f"{s['pdf']:.1f} | {r['digest_seconds']:.1f} | {mb(max(brief_rss))} | "
                f"{mb(max(digest_rss))} | {largest} | "
                f"{statistics.mean(p.stat().st_size for p in pdfs) / 1024:.0f} |"
            )
            shutil.rmtree(root)

    tail = [
        "",
        "Stage seconds are summed over the processes (time spent in each stage), wall times are "
        "not; `start` is a warm-up timed inside a job: none, since each worker warms up "
        "(WeasyPrint's import, its fonts) before its first job while this process reads the "
        "summaries, and this process's own import is in its first layout. `digests s` is the part spent "
        "on the digests (a year's meetings each, and the overview). CPU s/brief leaves the digests "
        "out. `one edited` changes a summary's English title: it rebuilds that meeting's two briefs "
        "(PDF and HTML) and its year's English digest, which lists the title; the overview shows "
        "no title and is kept (the manifest knows its page did not change).",
        "",
    ]
    sizes = sorted(results)
    if len(sizes) > 1:
        small, large = results[sizes[0]], results[sizes[-1]]
        tail.append(
            f"Linearity: CPU per brief at N={sizes[-1]} is "
            f"{large['per_brief'] / small['per_brief']:.2f}× that at N={sizes[0]}, wall per brief "
            f"{large['wall_per_brief'] / small['wall_per_brief']:.2f}× (target ≤ 1.1)."
        )
    tail.append(
        f"Bench took {(time.perf_counter() - began) / 60:.1f} min; load average at the end "
        f"{os.getloadavg()[0]:.1f}."
    )
    emit(*tail)
    if not args.no_write:
        write_results(lines)


if __name__ == "__main__":
    main()
