"""Refresh tests/golden/: the HTML of every shipped brief and digest, built from a copy of the
project (`make golden`). tests/test_golden.py compares a fresh build with these files byte for
byte; after a change to the templates, the catalogs or the code that renders, run this and read
the diff before committing it."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefs.build.phases import build_all  # noqa: E402
from briefs.project import open_project  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
PARTS = ("briefs.toml", "sources", "templates", "locale")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "project"
        copy.mkdir()
        for part in PARTS:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(source, copy / part)
            else:
                shutil.copy2(source, copy / part)
        project = open_project(copy)
        report = build_all(project, formats=("html",), strict=True)
        if not report.ok:
            print("the shipped project does not build: run `briefs build --all`", file=sys.stderr)
            return 1
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for page in sorted(project.build_dir.glob("*/*.html")):
            target = GOLDEN / page.parent.name / page.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)
            print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
