"""briefs publish: a folder served as it is. Its index links resolve, its feeds are Atom,
sha256sum -c accepts its SHA256SUMS, it is reproducible and replaced all at once."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefs.cli.commands import main
from briefs.distribute import publish as publish_module

from .conftest import ROOT

ATOM = "{http://www.w3.org/2005/Atom}"
NEWEST_FIRST = [
    "2024-12-01-china-central-asia-foreign-ministers",
    "2024-05-20-china-kazakhstan-foreign-ministers-talks",
    "2022-01-25-china-central-asia-summit",
    "2020-07-16-china-central-asia-foreign-ministers",
    "2019-09-11-china-kazakhstan-state-visit",
]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.rows: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link") and "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag == "tr" and "id" in attrs:
            self.rows.append(attrs["id"])


def publish(root: Path, out: Path, *args: str):
    return CliRunner().invoke(main, ["--root", str(root), "publish", "--out", str(out), *args])


@pytest.fixture(scope="module")
def site(built, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("published") / "site"
    result = publish(built.root, out)
    assert result.exit_code == 0, result.output
    # 44 (with 20 digests) and the search index (test_browser.py searches it).
    searched = [p for p in (out / "pagefind").rglob("*") if p.is_file()]
    assert (out / "pagefind" / "pagefind-ui.js") in searched
    assert result.stdout == f"{44 + len(searched)} files published to {out}\n"
    return out


def test_sha256sum_accepts_the_checksums(site):
    result = subprocess.run(
        ["sha256sum", "--strict", "-c", "SHA256SUMS"], cwd=site, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    listed = [line.split("  ", 1)[1] for line in (site / "SHA256SUMS").read_text().splitlines()]
    on_disk = sorted(
        str(p.relative_to(site))
        for p in site.rglob("*")
        if p.is_file() and p.name not in ("SHA256SUMS", publish_module.MARK)
    )
    searched = [name for name in listed if name.startswith("pagefind/")]
    assert listed == on_disk and len(listed) == 43 + len(searched) and searched


def test_the_index_links_resolve_and_list_the_briefs_newest_first(site, built):
    links = _Links()
    links.feed((site / "index.html").read_text(encoding="utf-8"))
    assert links.rows == NEWEST_FIRST
    for href in links.hrefs:
        assert (site / href).is_file(), href
    for meeting in NEWEST_FIRST:
        for language in ("id", "en"):
            for fmt in ("pdf", "html"):
                path = f"{language}/{meeting}.{fmt}"
                assert path in links.hrefs
                assert (site / path).read_bytes() == (built.build_dir / path).read_bytes()
    assert {"id/feed.atom", "en/feed.atom", "SHA256SUMS"} <= set(links.hrefs)
    page = (site / "index.html").read_text(encoding="utf-8")
    # Dates, places and sizes in the language of each side.
    assert "16 Juli 2020" in page and "16 July 2020" in page
    assert "Konferensi video" in page and "Video conference" in page
    size = (site / "id/2020-07-16-china-central-asia-foreign-ministers.pdf").stat().st_size
    assert f"({round(size / 1000, 1):g} kB)".replace(".", ",") in page  # 88 kB, 84,5 kB


def test_the_digests_are_published_and_their_links_resolve(site, built):
    links = _Links()
    links.feed((site / "index.html").read_text(encoding="utf-8"))
    assert {"id/digest.html", "en/digest.html", "id/digest.pdf", "en/digest.pdf"} <= set(
        links.hrefs
    )
    for language in ("id", "en"):
        for year in (2019, 2020, 2022, 2024):
            for fmt in ("pdf", "html"):
                path = f"{language}/digest-{year}.{fmt}"
                assert (site / path).read_bytes() == (built.build_dir / path).read_bytes()
        for name in ("digest.html", "digest-2020.html"):
            inner = _Links()
            inner.feed((site / language / name).read_text(encoding="utf-8"))
            for href in inner.hrefs:
                if not href.startswith("#"):  # to briefs and digests beside it
                    assert (site / language / href.split("#")[0]).is_file(), (name, href)


@pytest.mark.parametrize("language", ["id", "en"])
def test_each_language_has_an_atom_feed(site, meetings, language):
    feed = ET.parse(site / language / "feed.atom").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    for required in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert (feed.findtext(ATOM + required) or "").strip(), required
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    ids = set()
    for entry, meeting in zip(entries, NEWEST_FIRST, strict=True):
        ids.add(entry.findtext(f"{ATOM}id"))
        assert entry.findtext(f"{ATOM}title") == meetings[meeting].title[language]
        # Dates from the summaries (the issue date), never from the clock.
        assert entry.findtext(f"{ATOM}updated") == "2026-11-23T00:00:00Z"
        links = {link.get("rel"): link for link in entry.findall(f"{ATOM}link")}
        assert links["alternate"].get("href") == f"{meeting}.html"
        assert links["enclosure"].get("type") == "application/pdf"
        pdf = site / language / links["enclosure"].get("href")
        assert pdf.is_file() and int(links["enclosure"].get("length")) == pdf.stat().st_size
    assert len(ids) == 5 and all(i.startswith("urn:uuid:") for i in ids)
    assert feed.findtext(f"{ATOM}updated") == "2026-11-23T00:00:00Z"


def test_publishing_is_reproducible(site, built, tmp_path):
    again = tmp_path / "again"
    assert publish(built.root, again).exit_code == 0
    assert (again / "SHA256SUMS").read_bytes() == (site / "SHA256SUMS").read_bytes()


def test_a_new_publication_replaces_the_old_at_once(built, tmp_path, monkeypatch):
    out = tmp_path / "site"
    assert publish(built.root, out).exit_code == 0
    (out / "stale.txt").write_text("from an older publication")
    before = (out / "SHA256SUMS").read_bytes()

    # A failure half-way leaves the old folder as it was, and no half-written one beside it.
    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(publish_module, "index_page", broken)
    with pytest.raises(OSError):
        publish_module.publish(built, out)
    assert (out / "stale.txt").exists() and (out / "SHA256SUMS").read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["site"]

    monkeypatch.undo()
    assert publish(built.root, out).exit_code == 0
    assert not (out / "stale.txt").exists()
    assert sorted(os.listdir(tmp_path)) == ["site"]
    assert oct((out / "id").stat().st_mode & 0o777) == "0o755"
    assert oct((out / "index.html").stat().st_mode & 0o777) == "0o644"


def test_a_folder_that_is_not_a_publication_is_left_alone(built, tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.odt").write_text("precious")
    result = publish(built.root, out)
    assert result.exit_code == 1
    assert (
        result.stderr == f"error: {out} exists and is not a published briefs folder (it has no "
        ".briefs-publication of its own); choose a new or empty folder\n"
    )
    assert (out / "thesis.odt").read_text() == "precious"


def test_missing_briefs_are_built_before_publishing(built, tmp_path):
    root = Path(shutil.copytree(built.root, tmp_path / "project"))
    missing = root / "build" / "en" / "2020-07-16-china-central-asia-foreign-ministers.pdf"
    missing.unlink()
    result = publish(root, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert missing.is_file()
    assert (tmp_path / "site" / "en" / missing.name).read_bytes() == missing.read_bytes()


def test_a_base_url_makes_the_feed_links_absolute(built, tmp_path):
    assert (
        publish(
            built.root, tmp_path / "site", "--base-url", "https://desk.example.org/briefs/"
        ).exit_code
        == 0
    )
    feed = ET.parse(tmp_path / "site" / "en" / "feed.atom").getroot()
    assert (
        feed.get("{http://www.w3.org/XML/1998/namespace}base")
        == "https://desk.example.org/briefs/en/"
    )
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert [link.get("href") for link in self_link] == ["feed.atom"]


def test_a_project_with_no_meetings_is_one_line(project_copy, monkeypatch):
    for summary in (project_copy / "sources" / "meetings").glob("*.yaml"):
        summary.unlink()
    monkeypatch.chdir(project_copy)
    result = CliRunner().invoke(main, ["publish"])
    assert result.exit_code == 1
    assert result.stderr == "error: sources/meetings/ has no summaries: nothing to publish\n"
    assert not (project_copy / "build" / "site").exists()


@pytest.mark.parametrize("mark", [None, "briefs publication\nSHA256SUMS 0000\n"])
def test_a_folder_with_an_index_and_checksums_briefs_did_not_write_is_left_alone(
    built, tmp_path, mark
):
    out = tmp_path / "downloads"
    out.mkdir()
    (out / "index.html").write_text("<title>My downloads</title>")
    (out / "SHA256SUMS").write_text("e3b0c442  photo.jpg\n")
    (out / "photo.jpg").write_bytes(b"\xff\xd8 a photo")
    if mark is not None:  # a mark that does not name this SHA256SUMS is no mark
        (out / publish_module.MARK).write_text(mark)
    result = publish(built.root, out)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {out} exists and is not a published briefs folder (it has no "
        ".briefs-publication of its own); choose a new or empty folder\n"
    )
    assert (out / "photo.jpg").read_bytes() == b"\xff\xd8 a photo"
    assert sorted(os.listdir(tmp_path)) == ["downloads"]


def _publish_killed(root: Path, out: Path, how: str) -> subprocess.CompletedProcess:
    """A publish in its own process, killed (SIGKILL) at one step of its swap."""
    code = f"""
import os, shutil, signal, sys
from briefs.cli.commands import main
from briefs.distribute import publish

def kill(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

if {how!r} == "between the two renames":
    publish._exchange = lambda first, second: False
    rename = os.rename
    def killing_rename(source, target):
        if os.path.basename(str(source)).startswith(".site.new-"):
            kill()
        rename(source, target)
    os.rename = killing_rename
else:  # after the exchange, before the old publication is removed
    shutil.rmtree = kill
sys.argv = ["briefs", "--root", {str(root)!r}, "publish", "--out", {str(out)!r}]
main()
"""
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,  # a hang guard only
    )


@pytest.mark.parametrize("how", ["between the two renames", "after the exchange"])
def test_a_publish_killed_during_its_swap_leaves_a_site_and_the_next_one_tidies(
    built, tmp_path, how
):
    root = Path(shutil.copytree(built.root, tmp_path / "project"))
    out = tmp_path / "www" / "site"
    assert publish(root, out).exit_code == 0
    (out / "stale.txt").write_text("only in the old publication")
    killed = _publish_killed(root, out, how)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    leftovers = sorted(name[: len(".site.new")] for name in os.listdir(out.parent))
    if how == "after the exchange":  # a reader finds the new site at once
        assert leftovers == [".site.new", "site"]
        assert publish_module._is_publication(out) and not (out / "stale.txt").exists()
    else:  # the old one is set aside, whole, for the next publish to put back
        assert leftovers == [".site.new", ".site.old"] and not out.exists()
        (old,) = out.parent.glob(".site.old-*")
        assert publish_module._is_publication(old) and (old / "stale.txt").exists()
    result = publish(root, out)
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(out.parent)) == ["site"]
    assert publish_module._is_publication(out) and not (out / "stale.txt").exists()


def test_two_publishes_into_one_folder_take_turns(built, tmp_path):
    out = tmp_path / "www" / "site"
    first = publish(built.root, out)
    assert first.exit_code == 0
    before = (out / "SHA256SUMS").read_bytes()
    (out / "stale.txt").write_text("only in the old publication")
    # This test holds the lock a publish under way holds: the publish started now must wait.
    held = os.open(out.parent, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(held, fcntl.LOCK_EX)
    child = subprocess.Popen(
        [sys.executable, "-m", "briefs", "--root", str(built.root), "publish", "--out", str(out)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        waiting = child.stderr.readline()
        assert waiting == (
            f"{out}: another publish into this folder is under way; waiting for it to finish\n"
        )
        assert (out / "stale.txt").exists() and sorted(os.listdir(out.parent)) == ["site"]
    finally:
        os.close(held)
        stdout, stderr = child.communicate(timeout=300)  # a hang guard only
    assert child.returncode == 0, stderr
    assert stdout == first.stdout and stdout.endswith(f" files published to {out}\n")
    assert not (out / "stale.txt").exists() and (out / "SHA256SUMS").read_bytes() == before
    assert sorted(os.listdir(out.parent)) == ["site"]


def test_a_folder_an_earlier_briefs_published_without_a_mark_is_replaced(built, tmp_path):
    # What briefs published before it wrote the mark: every file listed in SHA256SUMS with its
    # hash. It is recognised as briefs' own and replaced (the user keeps publishing to it).
    out = tmp_path / "site"
    assert publish(built.root, out).exit_code == 0
    (out / publish_module.MARK).unlink()
    assert publish(built.root, out).exit_code == 0
    assert (out / publish_module.MARK).exists()
    # One file it does not list, or one whose bytes changed, and it is not briefs' folder.
    for change in ("extra", "edited"):
        (out / publish_module.MARK).unlink()
        if change == "extra":
            (out / "notes.txt").write_text("mine")
        else:
            (out / "index.html").write_text("<title>My page</title>")
        result = publish(built.root, out)
        assert result.exit_code == 1, change
        assert "is not a published briefs folder" in result.stderr
        assert not (out / publish_module.MARK).exists()
        (out / "notes.txt").unlink(missing_ok=True)
        # put the folder back as briefs left it, for the next case
        assert publish(built.root, tmp_path / "again").exit_code == 0
        shutil.rmtree(out)
        (tmp_path / "again").rename(out)
