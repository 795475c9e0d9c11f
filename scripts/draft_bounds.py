"""Measure `briefs draft` at its input limit (MAX_ARTICLE_BYTES, the article limit of
`briefs check`): time and peak memory of reading and drafting one article of that size, in the
three shapes a long input comes in: a saved web page, pasted text in paragraphs, and pasted text
on one single line. Issue 23 asks for under 20 s and 500 MB each.

    python scripts/draft_bounds.py [PROJECT_ROOT]

The text is the shipped seed articles (sources/articles) repeated up to the limit, each paragraph
with a sentence naming another made-up minister (every name a new one to read); each shape is
drafted in a child process of its own, so that its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
SECONDS = 20.0
MEGABYTES = 500.0

_CHILD = """
import resource, sys, time
from briefs.draft.summary import draft_file
start = time.perf_counter()
draft_file(sys.argv[1])
seconds = time.perf_counter() - start
print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


_SYLLABLES = "ba ko ri ta ne su mi ra lo ki de an ur sa ve zh".split()


def _name(number: int) -> str:
    """A distinct made-up name for each number ('Kori Tabane'), so that every repetition of
    the text names other people: the worst case for reading names."""
    syllables = []
    for _ in range(4):
        number, rest = divmod(number, len(_SYLLABLES))
        syllables.append(_SYLLABLES[rest])
    first, last = "".join(syllables[:2]), "".join(syllables[2:]) + "ev"
    return f"{first.capitalize()} {last.capitalize()}"


def _paragraphs(limit: int) -> list[str]:
    seeds = sorted((ROOT / "sources" / "articles").glob("*.txt"))
    paragraphs = [
        p.strip() for s in seeds for p in s.read_text(encoding="utf-8").split("\n\n") if p.strip()
    ]
    chosen: list[str] = []
    size = 0
    while True:
        for number, seed in enumerate(paragraphs, start=len(chosen)):
            paragraph = (
                f"{seed} Menteri Perdagangan Kazakhstan {_name(number)} turut hadir dalam "
                "pertemuan itu bersama para pejabat lainnya."
            )
            size += len(paragraph.encode("utf-8")) + 2
            if size > limit - 2000:  # room for the page's markup
                return chosen
            chosen.append(paragraph)


def _page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs[1:])
    title = html.escape(paragraphs[0][:80])
    return (
        "<!doctype html><html lang='id'><head><meta charset='utf-8'>"
        f"<title>{title} - Berita</title></head><body><article>"
        f"<h1>{title}</h1>{body}</article></body></html>"
    )


def shapes(limit: int) -> dict[str, tuple[str, str]]:
    """The three inputs of about `limit` bytes: name → (file suffix, content)."""
    paragraphs = _paragraphs(limit)
    page_paragraphs = list(paragraphs)
    while len(_page(page_paragraphs).encode("utf-8")) > limit:
        page_paragraphs.pop()
    return {
        "saved page": (".html", _page(page_paragraphs)),
        "paragraphs": (".txt", "\n\n".join(paragraphs) + "\n"),
        "one line": (".txt", " ".join(paragraphs) + "\n"),
    }


def measure(limit: int) -> list[tuple[str, int, float, float]]:
    """(shape, bytes, seconds, peak MB) for each shape, each drafted in its own process."""
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for name, (suffix, content) in shapes(limit).items():
            path = Path(folder) / f"article{suffix}"
            path.write_text(content, encoding="utf-8")
            size = path.stat().st_size
            assert size <= limit, (name, size)
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, str(path)],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=False,
            )
            if done.returncode:
                raise SystemExit(f"{name}: {done.stderr.strip().splitlines()[-1]}")
            seconds, megabytes = (float(v) for v in done.stdout.split()[-2:])
            results.append((name, size, seconds, megabytes))
    return results


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from briefs.read.files import MAX_ARTICLE_BYTES

    failed = False
    print(f"{'shape':<12} {'bytes':>10} {'seconds':>8} {'peak MB':>8}")
    for name, size, seconds, megabytes in measure(MAX_ARTICLE_BYTES):
        over = seconds > SECONDS or megabytes > MEGABYTES
        failed = failed or over
        print(f"{name:<12} {size:>10} {seconds:>8.1f} {megabytes:>8.0f}{'  over' if over else ''}")
    print(f"limit {MAX_ARTICLE_BYTES} bytes; target under {SECONDS:.0f} s and {MEGABYTES:.0f} MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
