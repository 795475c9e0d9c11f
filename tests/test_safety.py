"""Bad input never crashes, leaks or corrupts: fuzzed sources, safe rendering, atomic outputs."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefs.build.builder import Builder
from briefs.check.validate import load_summaries
from briefs.cli.commands import main
from briefs.errors import Problem
from briefs.project import open_project
from briefs.read.loader import parse_summary
from briefs.read.messages import field_name
from briefs.render.renderer import css_string
from briefs.write.attachments import attach
from briefs.write.files import TEMPORARY
from briefs.write.pdf import PdfBuilder

from .conftest import ROOT, copy_project, parse_html, pdf_text

GOOD = ROOT / "tests" / "roots" / "test-bad" / "sources" / "meetings" / "2020-01-01-good.yaml"
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def located(result, data: bytes) -> None:
    """A parse ends in a Document or in problems that each have a place inside the file."""
    if isinstance(result, list):
        assert result
        lines = data.count(b"\n") + 1
        for problem in result:
            assert isinstance(problem, Problem)
            assert 1 <= problem.line <= lines + 1 and problem.column >= 1, problem
            assert "\n" not in problem.message


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    located(parse_summary(Path("fuzz.yaml"), data), data)


@FUZZ
@given(
    st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!|>'\"#\t\n\ufeff0123,.?%@`")), max_size=300)
)
def test_yaml_punctuation(text):
    data = text.encode("utf-8")
    located(parse_summary(Path("fuzz.yaml"), data), data)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=50)
    | st.sampled_from(["2024-02-30", "2024-13-01", "NO", "yes", "~", "1e309", "<b>x</b>", "0x1F"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def paths_of(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_of(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from paths_of(value, (*prefix, i))


GOOD_DATA = yaml.safe_load(GOOD.read_text(encoding="utf-8"))
GOOD_PATHS = [p for p in paths_of(GOOD_DATA) if p]


@FUZZ
@given(st.sampled_from(GOOD_PATHS), json_values)
def test_wrong_value_in_any_field(bad_root_session, path, value):
    """A summary with a value changed in any field is either read whole (no problem) or
    refused with located problems, never both; a list or a mapping where the good summary has
    text, a number or a date is refused, with a problem that names that field."""
    data = yaml.safe_load(GOOD.read_text(encoding="utf-8"))
    target = data
    for part in path[:-1]:
        target = target[part]
    good = target[path[-1]]
    target[path[-1]] = value
    text = yaml.safe_dump(data, allow_unicode=True)
    summary = bad_root_session / "sources" / "meetings" / "2020-01-01-good.yaml"
    summary.write_text(text, encoding="utf-8")
    loaded = load_summaries(open_project(bad_root_session), [summary])
    if loaded.problems:
        assert loaded.documents == []  # a summary with a problem is not built
        located(loaded.problems, text.encode())
    else:
        assert [d.path for d in loaded.documents] == [summary]
    if isinstance(value, list | dict) and not isinstance(good, list | dict):
        name = field_name(path)
        messages = [problem.message for problem in loaded.problems]
        assert any(name in message for message in messages), (name, messages)


def test_billion_laughs_is_refused_not_expanded():
    data = b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n".encode()
        for i in range(9)
    )
    (problem,) = parse_summary(Path("laughs.yaml"), data)
    assert (
        str(problem)
        == "laughs.yaml:1:4: invalid YAML: anchors and aliases are not allowed in summaries"
    )


def test_deep_nesting_is_refused():
    (problem,) = parse_summary(Path("deep.yaml"), b"[" * 100_000)
    assert str(problem) == "deep.yaml:1:33: invalid YAML: nested more than 32 levels deep"


def test_oversized_files_are_refused(bad_root, monkeypatch):
    monkeypatch.chdir(bad_root)
    big = bad_root / "sources" / "meetings" / "2020-01-01-good.yaml"
    big.write_bytes(big.read_bytes() + b"#" * 1_000_001)
    article = bad_root / "sources" / "articles" / "sample.txt"
    article.write_bytes(article.read_bytes() + b" " * 2_000_001)
    result = CliRunner().invoke(main, ["check"])
    assert (
        "sources/meetings/2020-01-01-good.yaml:1:1: file is larger than 1000000 bytes"
        in result.stderr
    )
    assert "sources[0].article: 'sample.txt' is larger than 2000000 bytes" in result.stderr


def test_symlinks_in_sources_are_refused(bad_root, monkeypatch):
    monkeypatch.chdir(bad_root)
    meetings = bad_root / "sources" / "meetings"
    (meetings / "2020-01-02-link.yaml").symlink_to(meetings / "2020-01-01-good.yaml")
    articles = bad_root / "sources" / "articles"
    (articles / "sample.txt").rename(articles / "real.txt")
    (articles / "sample.txt").symlink_to("/etc/passwd")
    result = CliRunner().invoke(main, ["check"])
    assert (
        "sources/meetings/2020-01-02-link.yaml:1:1: summaries may not be symbolic links"
        in result.stderr
    )
    assert (
        "sources[0].article: 'sample.txt' is a symbolic link in sources/articles/; "
        "an article must be the file itself" in result.stderr
    )


HOSTILE = '<script>alert(document.cookie)</script><img src="file:///etc/passwd"> &amp; </style><style>body{display:none}'


def test_markup_in_a_summary_is_shown_not_interpreted(project_copy):
    meeting_id = "2020-07-16-china-central-asia-foreign-ministers"
    path = project_copy / "sources" / "meetings" / f"{meeting_id}.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  en: First China–Central Asia foreign ministers' meeting", f"  en: '{HOSTILE}'"
    )
    path.write_text(text, encoding="utf-8")
    project = open_project(project_copy)
    (document,) = load_summaries(project, [path]).documents
    html_path, pdf_path = Builder(project).build(document, "en", ("html", "pdf"))
    html = html_path.read_text(encoding="utf-8")
    assert "<script>" not in html and '<img src="file' not in html
    assert parse_html(html_path).title == HOSTILE
    # Shown as text, whole, on paper too (the line may break anywhere in it), with the
    # typographic quotes every text of a summary is printed with.
    from briefs.render.i18n import localizers

    shown = localizers(project.locale_dir)["en"].typographic(HOSTILE)
    assert "".join(shown.split()) in "".join(pdf_text(pdf_path).split())
    assert PdfReader(pdf_path).metadata.title == HOSTILE


def test_css_strings_cannot_break_out():
    assert css_string('x"; } body { display: none } /*') == '"x\\22 ; } body { display: none } /*"'
    assert css_string("</style><script>") == '"\\3c /style\\3e \\3c script\\3e "'


def test_pdfs_cannot_fetch_local_files_or_the_network(tmp_path, caplog):
    secret = tmp_path / "secret.css"
    secret.write_text("p { color: red }")
    builder = PdfBuilder(ROOT / "templates")
    html = f"""<html><head><link rel="stylesheet" href="file://{secret}">
      <link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head>
      <body><p>brief</p><img src="file:///etc/passwd"><img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>">
      <div style="background: url(file:///etc/hostname)"></div></body></html>"""
    with caplog.at_level(logging.WARNING, logger="briefs.write.pdf"):
        pdf = attach(builder.layout(html), (), None)
    refused = [
        r.getMessage() for r in caplog.records if r.getMessage().startswith("refused to fetch")
    ]
    assert any(str(secret) in m for m in refused)
    assert any("http://127.0.0.1:9/x.css" in m for m in refused)
    assert any("file:///etc/passwd" in m for m in refused)
    assert any(m.startswith("refused to fetch data:") for m in refused)
    assert any("file:///etc/hostname" in m for m in refused)
    assert pdf.startswith(b"%PDF")


def test_template_errors_name_template_and_line(project_copy):
    template = project_copy / "templates" / "brief.html.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    lines[40] = "{% if %}"
    template.write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "--root",
            str(project_copy),
            "build",
            "2020-07-16-china-central-asia-foreign-ministers",
            "--lang",
            "id",
            "--format",
            "html",
        ],
    )
    assert result.exit_code == 1
    assert (
        result.stderr.startswith("error: ")
        and "brief.html.j2:41: Expected an expression" in result.stderr
    )


KILLER = """
import os, signal, sys

from briefs.write import files
from briefs.cli.commands import run

where, name, nth = sys.argv[1], sys.argv[2], int(sys.argv[3])
calls = 0


def due(path=""):
    global calls
    calls += name in os.path.basename(str(path))
    return calls == nth


if where == "rename":  # the temporary file is whole: killed before it takes the output's place
    rename = os.replace

    def replace(source, target):
        if due(target):
            os.kill(os.getpid(), signal.SIGKILL)
        rename(source, target)

    os.replace = replace
else:  # half of the bytes written
    write = files._write

    def half(fd, data):
        if due():
            os.write(fd, data[: len(data) // 2])
            os.kill(os.getpid(), signal.SIGKILL)
        write(fd, data)

    files._write = half
sys.argv = ["briefs", *sys.argv[4:]]
run()
"""
"""`briefs` with a test-only wrapper around briefs.write.files that SIGKILLs the build inside a
write: where ("rename" or "write"), in the nth write of a file whose name holds name."""


def complete(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return (
            data.startswith(b"%PDF")
            and data.rstrip().endswith(b"%%EOF")
            and bool(PdfReader(path).pages)
        )
    return data.rstrip().endswith(b"</html>")


@pytest.mark.parametrize(
    "where, name, nth, edited, fmt",
    [
        ("rename", ".pdf", 1, False, "pdf"),  # the first PDF (a digest's)
        ("write", "", 3, False, "html"),  # inside the third file's write, half of it on disk
        ("rename", ".briefs-manifest.json", 1, True, "html"),  # after an edit's briefs
    ],
)
def test_a_build_killed_inside_a_write_leaves_only_complete_files(
    built, tmp_path, where, name, nth, edited, fmt
):
    root = copy_project(built.root, tmp_path / "project")
    shutil.copytree(built.build_dir, root / "build")
    build = root / "build"
    before = {p: p.read_bytes() for p in build.rglob("*") if p.is_file() and p.name != ".lock"}
    command = ["--root", str(root), "build", "--all", "--jobs", "1", "--format", fmt]
    killed_command = command if edited else [*command, "--force"]
    if edited:
        summary = (
            root / "sources" / "meetings" / "2020-07-16-china-central-asia-foreign-ministers.yaml"
        )
        summary.write_text(
            summary.read_text(encoding="utf-8").replace("name: Kamilov", "name: Kamilov ", 1)
        )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, where, name, str(nth), *killed_command],
        env=env,
        capture_output=True,
        text=True,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr  # the kill landed
    (leftover,) = build.rglob(f".*{TEMPORARY}")  # inside a write: its temporary file is there
    target = leftover.parent / leftover.name[1:].rsplit(".", 2)[0]
    assert name in target.name
    assert target.read_bytes() == before[target]  # the output it was to replace is untouched
    for path, data in before.items():
        if path.suffix in (".pdf", ".html"):
            assert complete(path), path
            if not edited:  # rebuilt from the same inputs: the same bytes, or not yet written
                assert path.read_bytes() == data, path
    json.loads((build / ".briefs-manifest.json").read_text(encoding="utf-8"))

    again = CliRunner().invoke(main, command)
    assert again.exit_code == 0, again.output
    assert list(build.rglob(f".*{TEMPORARY}")) == []
    for path in before:
        if path.suffix in (".pdf", ".html"):
            assert complete(path), path
