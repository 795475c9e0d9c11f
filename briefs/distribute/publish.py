"""Publish: every built brief in a folder a web server or shared drive serves as it is, with a
bilingual index.html, one Atom feed per language and a SHA256SUMS file. The folder is written
beside its final place and swapped in (one exchange of the two folders where Linux offers it), so
nobody sees it half-written; a mark file (.briefs-publication) says the folder is publish's own,
and only such a folder (or an empty one) is ever replaced."""

from __future__ import annotations

import ctypes
import datetime as dt
import errno
import fcntl
import hashlib
import logging
import os
import re
import shutil
import stat
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path
from typing import Any

import jinja2
from babel.units import format_unit
from feedgenerator import Atom1Feed, Enclosure
from markupsafe import Markup, escape

from briefs.distribute.outputs import Brief, ready_briefs
from briefs.distribute.search import search_index
from briefs.errors import DistributionError, FileError, display_path
from briefs.project import DIGEST, FORMATS, LANGUAGES, Project, issue_date
from briefs.render.i18n import Localizer, localizers
from briefs.render.renderer import name_pattern, prose
from briefs.summary.meeting import Meeting
from briefs.write.files import new_folder, write_atomically

log = logging.getLogger(__name__)

INDEX_TEMPLATE = "index.html.j2"
FEED_NAME = "feed.atom"
CHECKSUMS = "SHA256SUMS"


@dataclass(frozen=True)
class Published:
    """A published folder and the files in it, relative to it."""

    folder: Path
    files: list[str]


def site_path(brief: Brief) -> str:
    """The stable name of a brief in the published folder: <lang>/<meeting-id>.<format>."""
    return f"{brief.language}/{brief.meeting.id}.{brief.format}"


def size_text(size: int, localizer: Localizer) -> str:
    """84,5 kB / 84.5 kB, or 1,2 MB: a file size in the language of the link it follows."""
    if size >= 1_000_000:
        return format_unit(
            round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=localizer.locale
        )
    return format_unit(
        round(size / 1000, 1), "digital-kilobyte", length="short", locale=localizer.locale
    )


def _newest_first(briefs: list[Brief]) -> list[Meeting]:
    meetings = {brief.meeting.id: brief.meeting for brief in briefs}
    return sorted(meetings.values(), key=lambda m: (m.date, m.id), reverse=True)


def _entry_id(meeting_id: str, language: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'briefs:{meeting_id}:{language}')}"


class _BriefsFeed(Atom1Feed):  # type: ignore[misc]  # feedgenerator ships no types
    """feedgenerator's Atom 1.0 feed (RFC 4287), with what a brief's entry says besides: the
    feed's xml:base (for a published base URL), its generator, and each entry's category with
    its label in the feed's language (the ways its documentation gives to extend a feed)."""

    def root_attributes(self) -> dict[str, str]:
        attributes: dict[str, str] = super().root_attributes()
        if self.feed.get("base"):
            attributes["xml:base"] = self.feed["base"]
        return attributes

    def add_root_elements(self, handler: Any) -> None:
        super().add_root_elements(handler)
        handler.addQuickElement("generator", "briefs")

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        term, label = item["kind"]
        handler.addQuickElement("category", "", {"term": term, "label": label})


def atom_feed(
    project: Project, briefs: list[Brief], language: str, loc: Localizer, base_url: str | None
) -> bytes:
    """The Atom feed (RFC 4287) of one language, written by feedgenerator: an entry per meeting,
    newest first, linking the HTML brief and enclosing the PDF; links are relative to the feed's
    own folder; every date is a summary's issue date, never the clock."""
    meetings = _newest_first(briefs)
    by_key = {(b.meeting.id, b.language, b.format): b for b in briefs}
    desk = project.desk[language]
    feed = _BriefsFeed(
        title=f"{desk}: {loc.gettext('Meeting briefs')}",
        link="../index.html",
        description="",
        language=language,
        author_name=desk,
        feed_url=FEED_NAME if base_url else None,
        feed_guid=_entry_id("feed", language),
        base=f"{base_url.rstrip('/')}/{language}/" if base_url else None,
    )
    for meeting in meetings:
        html, pdf = by_key[(meeting.id, language, "html")], by_key[(meeting.id, language, "pdf")]
        feed.add_item(
            title=meeting.title[language],
            link=Path(site_path(html)).name,
            unique_id=_entry_id(meeting.id, language),
            # midnight UTC of the issue date: a naive datetime, which feedgenerator marks 'Z'
            updateddate=dt.datetime.combine(issue_date(meeting.issued, meeting.id), dt.time()),
            # the summary is plain text; feedgenerator declares it type="html"
            description=html_escape(
                f"{loc.date(meeting.date)}, {loc.place(meeting.place)}. {meeting.lede[language]}",
                quote=False,
            ),
            enclosures=[Enclosure(Path(site_path(pdf)).name, str(pdf.size), pdf.media_type)],
            kind=(meeting.kind.value, loc.kind(meeting.kind)),
        )
    data: bytes = feed.writeString("utf-8").encode("utf-8")
    return data + b"\n"


def index_page(project: Project, briefs: list[Brief], locs: dict[str, Localizer]) -> bytes:
    """The bilingual index: one row per meeting, newest first, each language side by side."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(project.templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    files: dict[tuple[str, str], list[dict[str, str]]] = {}
    for brief in briefs:
        files.setdefault((brief.meeting.id, brief.language), []).append(
            {
                "label": brief.format.upper(),
                "href": site_path(brief),
                "type": brief.media_type,
                "size": size_text(brief.size, locs[brief.language]),
            }
        )
    rows = []
    for meeting in _newest_first(briefs):
        sides = {
            language: {
                # People's and countries' names marked so that a phone's narrow column never
                # breaks them ("Kassym-|Jomart"), as in the briefs.
                "title": prose(
                    meeting.title[language],
                    locs[language],
                    name_pattern([meeting], locs[language]),
                ),
                "kind": locs[language].kind(meeting.kind),
                "date": locs[language].date(meeting.date),
                "place": locs[language].place(meeting.place),
                "files": files[(meeting.id, language)],
                "href": next(
                    (f["href"] for f in files[(meeting.id, language)] if f["label"] == "HTML"),
                    files[(meeting.id, language)][0]["href"],
                ),
            }
            for language in LANGUAGES
        }
        rows.append({"meeting": meeting, "sides": sides})
    labels = {
        language: {
            "heading": locs[language].gettext("Meeting briefs"),
            "digest": locs[language].gettext("Digests: every year at a glance"),
            "feed": locs[language].gettext("Atom feed"),
            "checksums": locs[language].gettext("SHA-256 checksums"),
            "language": locs[language].locale.language_name,
            "years": locs[language].gettext("Each year"),
            "desk": project.desk[language],
            "offline": escape(
                locs[language].gettext(
                    "Search works when this folder is opened from a web server, not from disk:"
                    " run %(command)s in the folder and open %(address)s, or put the folder on"
                    " the desk’s web server."
                )
            )
            % {"command": SERVE_COMMAND, "address": SERVE_ADDRESS},
        }
        for language in LANGUAGES
    }
    try:
        template = env.get_template(INDEX_TEMPLATE)
    except jinja2.TemplateError as error:
        raise DistributionError(f"{project.templates_dir / INDEX_TEMPLATE}: {error}") from None
    html = template.render(
        languages=LANGUAGES,
        rows=rows,
        labels=labels,
        feed=FEED_NAME,
        checksums=CHECKSUMS,
        years=sorted({m.date.year for m in _newest_first(briefs)}, reverse=True),
    )
    return html.encode("utf-8")


SERVE_COMMAND = Markup("<code>python3 -m http.server --bind 127.0.0.1</code>")
SERVE_ADDRESS = Markup("<code>http://127.0.0.1:8000/</code>")
"""How the index page tells a reader who opened it from disk to serve the folder (Pagefind's
search cannot run in a file:// page): Python's own server, on this machine only."""


def _is_published_digest(project: Project, name: str) -> bool:
    """Each year's digest and the overview are published beside the briefs (not date ranges)."""
    try:
        project.digest_year(name)
    except ValueError:
        return False
    return True


MARK = ".briefs-publication"
"""Written into every publication: how publish knows a folder it may replace as its own."""
_MARK_HEAD = "briefs publication\n"


def _mark(checksums: bytes) -> bytes:
    """The mark's content: what it is and the hash of the SHA256SUMS it was written with."""
    return f"{_MARK_HEAD}SHA256SUMS {hashlib.sha256(checksums).hexdigest()}\n".encode("ascii")


def _is_publication(folder: Path) -> bool:
    """A folder publish wrote: its mark names the hash of the SHA256SUMS beside it; or one an
    earlier briefs published before the mark existed (_is_unmarked_publication)."""
    try:
        mark = (folder / MARK).read_bytes()[:4096]
        checksums = (folder / CHECKSUMS).read_bytes()
    except FileNotFoundError:
        return not (folder / MARK).exists() and _is_unmarked_publication(folder)
    except OSError:
        return False
    return mark == _mark(checksums)


_SUM_LINE = re.compile(r"([0-9a-f]{64})  ([^\n/][^\n]*)\n")
MAX_UNMARKED_BYTES = 512 * 1024 * 1024
"""What an unmarked folder may hold for publish to read it all (beyond that: not its own)."""


def _is_unmarked_publication(folder: Path) -> bool:
    """A folder an earlier briefs published (before it wrote a mark): its SHA256SUMS, in the
    form publish writes, names every file in it but itself, each with its SHA-256. A folder
    someone else keeps (downloads beside an index.html and a SHA256SUMS) fails on a file it
    does not list, or on a hash."""
    try:
        text = (folder / CHECKSUMS).read_bytes()[: 1024 * 1024].decode("ascii")
        listed = {name: digest for digest, name in (m.groups() for m in _SUM_LINE.finditer(text))}
        if not listed or "".join(f"{d}  {n}\n" for n, d in listed.items()) != text:
            return False
        found: dict[str, Path] = {}
        for path in folder.rglob("*"):
            kind = stat.S_IFMT(path.lstat().st_mode)
            if kind == stat.S_IFDIR:
                continue
            if kind != stat.S_IFREG:
                return False  # a link, a FIFO, a device: publish writes none (and reads none)
            found[path.relative_to(folder).as_posix()] = path
        found.pop(CHECKSUMS, None)
        if set(found) != set(listed):
            return False
        if sum(p.stat().st_size for p in found.values()) > MAX_UNMARKED_BYTES:
            return False
        return all(
            hashlib.sha256(path.read_bytes()).hexdigest() == listed[name]
            for name, path in found.items()
        )
    except (OSError, UnicodeDecodeError, ValueError):
        return False


def _replaceable(folder: Path) -> bool:
    """Only a folder publish itself made (or an empty one) may be swapped out: never one that
    only happens to hold an index.html and a SHA256SUMS."""
    if not folder.exists() and not folder.is_symlink():
        return True
    if folder.is_symlink() or not folder.is_dir():
        return False
    return not any(folder.iterdir()) or _is_publication(folder)


@contextmanager
def _publishing(out: Path) -> Iterator[None]:
    """One publish at a time into out's parent folder (an flock on that folder, which leaves no
    file behind; released by the kernel however the process ends); the leftovers of a publish
    killed half-way are tidied first."""
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as error:
        raise FileError.of(parent, "write", error) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning(
                "%s: another publish into this folder is under way; waiting for it to finish",
                display_path(out),
            )
            fcntl.flock(fd, fcntl.LOCK_EX)
        _tidy(out)
        yield
    finally:
        os.close(fd)


def _leftovers(out: Path, kind: str) -> list[Path]:
    """The folders a killed publish left beside out (only names publish makes), newest first."""
    pattern = re.compile(rf"\.{re.escape(out.name)}\.{kind}-[0-9a-f]{{8}}")
    found = [p for p in out.parent.iterdir() if pattern.fullmatch(p.name) and p.is_dir()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def _tidy(out: Path) -> None:
    """Put back the old site if a publish was killed between its two renames (out missing, the
    old one set aside), then remove what killed publishes left: staging and set-aside folders."""
    if not out.exists() and not out.is_symlink():
        for old in _leftovers(out, "old"):
            if _is_publication(old):
                os.rename(old, out)
                log.warning("%s: put back the publication a stopped publish had set aside", out)
                break
    for leftover in _leftovers(out, "new") + _leftovers(out, "old"):
        shutil.rmtree(leftover)


def publish(project: Project, out: Path | None = None, base_url: str | None = None) -> Published:
    """Publish every brief into out (default build/site/), replacing a previous publication."""
    out = Path(out or project.build_dir / "site").absolute()
    with _publishing(out):
        return _publish(project, out, base_url)


def _publish(project: Project, out: Path, base_url: str | None) -> Published:
    if not _replaceable(out):
        raise DistributionError(
            f"{display_path(out)} exists and is not a published briefs folder (it has no "
            f"{MARK} of its own); choose a new or empty folder"
        )
    briefs = ready_briefs(project)
    if not briefs:
        raise DistributionError(
            f"{display_path(project.meetings_dir)}/ has no summaries: nothing to publish"
        )
    locs = localizers(project.locale_dir)
    files: dict[str, bytes | Path] = {site_path(brief): brief.data for brief in briefs}
    for language in LANGUAGES:  # the digests, as built beside the briefs (their links stay)
        for path in sorted((project.build_dir / language).glob(f"{DIGEST}*")):
            if path.suffix[1:] in FORMATS and _is_published_digest(project, path.stem):
                files[f"{language}/{path.name}"] = path
    for language in LANGUAGES:
        files[f"{language}/{FEED_NAME}"] = atom_feed(
            project, briefs, language, locs[language], base_url
        )
    files["index.html"] = index_page(project, briefs, locs)
    # The search index of the HTML briefs of both languages, and its UI (the index's search box).
    pages = {
        name: content.read_bytes() if isinstance(content, Path) else content
        for name, content in files.items()
        if name.endswith(".html") and "/" in name and "/digest" not in name
    }
    files.update(search_index(pages, LANGUAGES[0]))

    staging = new_folder(out.parent, f".{out.name}.new-")
    try:
        sums = []
        for name in sorted(files):
            content = files[name]
            data = content.read_bytes() if isinstance(content, Path) else content
            write_atomically(staging / name, data)
            sums.append(f"{hashlib.sha256(data).hexdigest()}  {name}\n")
        checksums = "".join(sums).encode("ascii")
        write_atomically(staging / CHECKSUMS, checksums)
        write_atomically(staging / MARK, _mark(checksums))
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("published %d files to %s", len(files) + 1, out)
    return Published(out, sorted([*files, CHECKSUMS]))


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux's renameat2 with RENAME_EXCHANGE, glibc 2.28 or
    later); False where this system or file system cannot, and nothing was changed."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if done == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(number, os.strerror(number), str(second))


def _swap(staging: Path, out: Path) -> None:
    """Put the new folder in place of the old. Where the system can, in one step: at every
    moment out is the complete old folder or the complete new one. Elsewhere with two renames,
    the old one set aside first: a publish killed between them leaves out missing for a moment,
    and the next publish puts the old one back before it starts."""
    if not out.exists() and not out.is_symlink():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging)  # the old publication, now under the staging name
        return
    old = new_folder(out.parent, f".{out.name}.old-")
    os.rename(out, old)  # onto the empty folder just made: a rename may replace an empty one
    os.rename(staging, out)
    shutil.rmtree(old)
