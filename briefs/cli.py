"""The command line: a thin skin over the library. Heavy imports happen inside commands."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .errors import BriefsError, SourceError, display_path

if TYPE_CHECKING:
    from .distribute.send import Message
    from .project import Project

LANGUAGE_CHOICE = click.Choice(["id", "en"])
FORMAT_CHOICE = click.Choice(["pdf", "html"])


class BriefsGroup(click.Group):
    """Prints known errors as one line each and exits 1; unexpected ones keep their traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BriefsError as error:
            click.echo(
                f"error: {error}" if not isinstance(error, SourceError) else str(error), err=True
            )
            if isinstance(error, SourceError):
                click.echo(f"{len(error.problems)} problem(s) found", err=True)
            ctx.exit(1)


@click.group(cls=BriefsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Project folder (default: the current folder).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log each file written.")
@click.version_option(package_name="briefs")
@click.pass_context
def main(ctx: click.Context, root: Path | None, verbose: bool) -> None:
    """Bilingual briefs (Indonesian and English, PDF and HTML) from meeting summaries.

    \b
    Examples:
      briefs check
      briefs build --all
      briefs build 2020-07-16-china-central-asia-foreign-ministers --lang en --format pdf
      briefs publish
      briefs send --readers readers.yaml --dry-run
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    ctx.obj = root or Path(".")


def _project(ctx: click.Context) -> Project:
    from .project import open_project

    return open_project(ctx.obj)


@main.command("list")
@click.pass_context
def list_command(ctx: click.Context) -> None:
    """List the meetings: id, date and English title.

    \b
    Example:
      briefs list
    """
    from .validate import load_summaries

    project = _project(ctx)
    loaded = load_summaries(project)
    for document in loaded.documents:
        meeting = document.meeting
        click.echo(f"{meeting.id}\t{meeting.date.isoformat()}\t{meeting.title.en}")
    if loaded.problems:
        raise SourceError(loaded.problems)


STRICT_HELP = "Make warnings (a stance or modality the quotes do not bear out) errors."


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, default=None, help=STRICT_HELP)
@click.pass_context
def check_command(ctx: click.Context, paths: tuple[Path, ...], strict: bool | None) -> None:
    """Validate summaries (default: all of sources/meetings/).

    Reports every problem at once as path:line:col: message, and exits 1 if there is any.
    Warnings print as path:line:col: warning: message; --strict makes them problems.

    \b
    Examples:
      briefs check
      briefs check --strict
      briefs check sources/meetings/2020-07-16-china-central-asia-foreign-ministers.yaml
    """
    from .validate import load_summaries

    project = _project(ctx)
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    loaded = load_summaries(project, files or None, strict=bool(strict))
    for warning in loaded.warnings:
        click.echo(str(warning), err=True)
    if loaded.problems:
        raise SourceError(loaded.problems)
    click.echo(f"{len(loaded.documents)} summaries OK")


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of a meeting summary, for editors.

    \b
    Example:
      briefs schema > meeting.schema.json
    """
    from .models import Meeting

    click.echo(json.dumps(Meeting.model_json_schema(), indent=2, ensure_ascii=False))


@main.command("draft")
@click.argument("article")  # a string: a web address is refused, not read as a path
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the draft to this file, which must not exist yet (default: standard output).",
)
@click.pass_context
def draft_command(ctx: click.Context, article: str, output: Path | None) -> None:
    """Draft a summary from an Indonesian news article, for an editor to finish.

    ARTICLE is the article as pasted text (.txt) or as a web page saved from the browser
    (.html); nothing is fetched. Finds the dates, place, participants, consensus points and
    figures, each with the words of the article it comes from. English texts are left empty
    and marked "to write"; values the article does not settle (no year, no place ...) are
    marked !check with the reason. `briefs check` refuses the draft until both are done.
    With -o, a saved page's text is also written to sources/articles/<meeting-id>.txt.

    \b
    Example:
      briefs draft ~/Downloads/xi-bertemu-tokayev.html \\
        -o sources/meetings/2024-07-03-china-kazakhstan-state-visit.yaml
    """
    from .draft import ENGLISH_TO_WRITE, Context, draft_file, save_draft
    from .errors import ConfigurationError

    try:
        project = _project(ctx)
    except ConfigurationError:
        project = None  # outside a project: a draft from what the article alone says
    context = Context.of_project(project) if project else Context()
    draft = draft_file(article, context)
    if output is None:
        click.echo(draft.to_yaml(), nl=False)
        return
    written = save_draft(draft, output, project.articles_dir if project else None)
    text = output.read_text(encoding="utf-8")
    for path in written[:-1]:
        click.echo(f"{display_path(path)}: the text drafted from")
    click.echo(
        f"{display_path(output)}: draft of {draft.meeting_id}; "
        f"{text.count(ENGLISH_TO_WRITE)} English texts to write, "
        f"{len(draft.unsettled)} values to settle, {len(draft.notes)} to check"
    )


@main.command("build")
@click.argument("meeting_id", required=False)
@click.option(
    "--all", "build_everything", is_flag=True, help="Every meeting, both languages, both formats."
)
@click.option(
    "--lang", "language", type=LANGUAGE_CHOICE, default=None, help="Language of the brief."
)
@click.option("--format", "fmt", type=FORMAT_CHOICE, default=None, help="Output format.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Output file (default: build/<lang>/<meeting-id>.<format>).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: one per core).",
)
@click.option(
    "--force", is_flag=True, help="With --all: rebuild even the briefs whose inputs did not change."
)
@click.option("--strict", is_flag=True, default=None, help=STRICT_HELP)
@click.pass_context
def build_command(
    ctx: click.Context,
    meeting_id: str | None,
    build_everything: bool,
    language: str | None,
    fmt: str | None,
    output: Path | None,
    jobs: int | None,
    force: bool,
    strict: bool | None,
) -> None:
    """Build one brief, or all of them with --all.

    With --all, only the briefs whose summary, article, templates, catalogs or
    program changed since the last build are rebuilt, on all cores, and the
    digests of the years they touch and the overview. With --strict, a summary with a
    warning is not built, as one with a problem.

    \b
    Examples:
      briefs build 2020-07-16-china-central-asia-foreign-ministers --lang id --format pdf
      briefs build 2020-07-16-china-central-asia-foreign-ministers --lang en --format html -o brief.html
      briefs build --all
      briefs build --all --jobs 1 --force
      briefs build --all --strict
    """
    languages = (language,) if language else ("id", "en")
    formats = (fmt,) if fmt else ("pdf", "html")
    if build_everything:
        if meeting_id or output:
            raise click.UsageError(
                "--all builds every meeting; give no MEETING_ID or --output with it"
            )
        project = _project(ctx)
        if not force and _nothing_to_do(project, languages, formats, bool(strict)):
            click.echo(f"all briefs in {display_path(project.build_dir)} are up to date")
            return
        from .build import build_all

        with _progress() as progress:
            report = build_all(
                project,
                languages,
                formats,
                jobs=jobs,
                force=force,
                progress=progress,
                strict=bool(strict),
            )
        for problem in [*report.warnings, *report.problems]:
            click.echo(str(problem), err=True)
        for failure in report.failures:
            click.echo(f"error: {failure}", err=True)
        click.echo(
            f"{len(report.written)} files written to {display_path(project.build_dir)}"
            + (f", {report.up_to_date} up to date" if report.up_to_date else "")
        )
        if not report.ok:
            click.echo(
                f"{len(report.problems)} problem(s) in summaries, {len(report.failures)} brief(s) failed",
                err=True,
            )
            ctx.exit(1)
        return

    from .build import Builder, find_meeting

    if not meeting_id:
        raise click.UsageError("give a MEETING_ID (see 'briefs list') or --all")
    if not language or not fmt:
        raise click.UsageError("give --lang (id or en) and --format (pdf or html)")
    project = _project(ctx)
    document = find_meeting(project, meeting_id, strict=bool(strict))
    paths = {fmt: output} if output else None
    (written,) = Builder(project).build(document, language, (fmt,), paths)
    click.echo(display_path(written))


@main.command("digest")
@click.option(
    "--lang", "language", type=LANGUAGE_CHOICE, default=None, help="Language (default: both)."
)
@click.option(
    "--format", "fmt", type=FORMAT_CHOICE, default=None, help="Output format (default: both)."
)
@click.option(
    "--from",
    "start",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="First meeting date, YYYY-MM-DD.",
)
@click.option(
    "--to",
    "end",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Last meeting date, YYYY-MM-DD.",
)
@click.option(
    "--year",
    "years",
    type=click.IntRange(1900, 2100),
    multiple=True,
    help="Only this year's digest (repeatable).",
)
@click.pass_context
def digest_command(
    ctx: click.Context,
    language: str | None,
    fmt: str | None,
    start: datetime | None,
    end: datetime | None,
    years: tuple[int, ...],
) -> None:
    """Build the digests: one per year (timeline, themes, figures over time, follow-through)
    and the overview across years, which links to them.

    Writes build/<lang>/digest-<year>.pdf and .html for each year, and the overview
    build/<lang>/digest.pdf and .html. With --year, only those years' digests; with --from
    and --to, one digest of that date range (build/<lang>/digest-<from>-<to>.<format>).

    \b
    Examples:
      briefs digest
      briefs digest --year 2024 --lang en
      briefs digest --lang en --format html --from 2022-01-01 --to 2024-12-31
    """
    from .build import build_digests

    if years and (start or end):
        raise click.UsageError("give --year or a date range (--from, --to), not both")
    project = _project(ctx)
    written = build_digests(
        project,
        (language,) if language else ("id", "en"),
        (fmt,) if fmt else ("pdf", "html"),
        start.date() if start else None,
        end.date() if end else None,
        years,
    )
    for path in written:
        click.echo(display_path(path))


def _nothing_to_do(
    project: Project, languages: tuple[str, ...], formats: tuple[str, ...], strict: bool
) -> bool:
    """The no-op check, from file bytes and stat() alone: no heavy imports. Strict, it also
    asks the checks recorded in the manifest: briefs built before, with warnings, are not good
    enough any more."""
    from .manifest import CheckCache, Manifest, Toolchain, plan

    manifest = Manifest(project.build_dir)
    stale = plan(project, Toolchain.of(project, languages), manifest, formats)
    if len(stale) != 0 or stale.removed:
        return False
    return not strict or CheckCache(project, manifest).all_pass(strict=True)


@contextmanager
def _progress() -> Iterator[Callable[[int, int, str], None] | None]:
    """A progress bar on a terminal (count, current meeting, ETA); silent in CI and in pipes."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    bar = None

    def update(done: int, total: int, meeting_id: str) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(
                length=total,
                label="building",
                file=sys.stderr,
                show_pos=True,
                show_eta=True,
                item_show_func=lambda item: item,
            )
            bar.__enter__()
        bar.update(1, meeting_id)

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


@main.command("publish")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to publish into (default: build/site/); a previous publication there is replaced.",
)
@click.option(
    "--base-url",
    default=None,
    help="Address the folder is served at, for absolute links in the feeds.",
)
@click.pass_context
def publish_command(ctx: click.Context, out: Path | None, base_url: str | None) -> None:
    """Publish every brief into one folder, with a bilingual index.html, an Atom feed per
    language (id/feed.atom, en/feed.atom) and a SHA256SUMS file. Missing briefs are built first.

    \b
    Examples:
      briefs publish
      briefs publish --out /srv/www/briefs --base-url https://desk.example.org/briefs/
    """
    from .distribute.publish import publish

    published = publish(_project(ctx), out, base_url)
    click.echo(f"{len(published.files)} files published to {display_path(published.folder)}")


def _describe(message: Message) -> str:
    formats = ", ".join(brief.format for brief in message.briefs)
    reader = message.reader
    return f"{message.meeting.id} ({reader.language}: {formats}) to {reader.name} <{reader.email}>"


@main.command("send")
@click.option(
    "--readers",
    "readers_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Readers file (default: readers.yaml in the project).",
)
@click.option("--meeting", "meeting_id", default=None, help="Send only this meeting's briefs.")
@click.option("--dry-run", is_flag=True, help="Print who would get what, and send nothing.")
@click.option(
    "--resend",
    is_flag=True,
    help="Send again briefs whose content changed since they were delivered.",
)
@click.option(
    "--ledger",
    "ledger_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Delivery ledger (default: deliveries/ledger.jsonl in the project).",
)
@click.option("--host", default=None, help="SMTP server [BRIEFS_SMTP_HOST; default localhost].")
@click.option(
    "--port",
    type=int,
    default=None,
    help="SMTP port [BRIEFS_SMTP_PORT; default 587, ssl 465, none 25].",
)
@click.option(
    "--security",
    type=click.Choice(["starttls", "ssl", "none"]),
    default=None,
    help="Connection security [BRIEFS_SMTP_SECURITY; default starttls].",
)
@click.option(
    "--user",
    default=None,
    help="SMTP login [BRIEFS_SMTP_USER]; the password only from BRIEFS_SMTP_PASSWORD.",
)
@click.option("--from", "sender", default=None, help="Sender address [BRIEFS_SMTP_FROM].")
@click.pass_context
def send_command(
    ctx: click.Context,
    /,
    readers_path: Path | None,
    meeting_id: str | None,
    dry_run: bool,
    resend: bool,
    ledger_path: Path | None,
    **smtp_options: object,
) -> None:
    """Email each reader the briefs they have not received yet, in their language.

    The delivery ledger records every message the server accepts, so a rerun sends nothing
    twice and an interrupted run resumes where it stopped. Exit code 1 if any message failed;
    the next run retries it.

    \b
    Examples:
      briefs send --readers readers.yaml --dry-run
      BRIEFS_SMTP_HOST=smtp.example.org BRIEFS_SMTP_USER=desk BRIEFS_SMTP_PASSWORD=... briefs send
      briefs send --meeting 2020-07-16-china-central-asia-foreign-ministers --host 127.0.0.1 --port 8025 --security none
    """
    from .distribute.ledger import open_ledger
    from .distribute.outputs import ready_briefs
    from .distribute.readers import load_readers
    from .distribute.send import plan_deliveries, send, smtp_settings
    from .errors import DistributionError
    from .i18n import localizers

    project = _project(ctx)
    readers_path = readers_path or project.readers_path
    if not readers_path.exists():
        raise DistributionError(
            f"{display_path(readers_path)}: no readers file; give --readers FILE, or start from readers.example.yaml"
        )
    readers = load_readers(readers_path, {path.stem for path in project.summary_paths()})
    settings = None if dry_run else smtp_settings(smtp_options)
    briefs = ready_briefs(project, meeting_id)
    with open_ledger(ledger_path or project.ledger_path, write=not dry_run) as ledger:
        plan = plan_deliveries(readers, briefs, ledger, resend=resend)
        for message in plan.held:
            click.echo(
                f"held: {_describe(message)}: changed since it was delivered; --resend sends it again"
            )
        if dry_run or settings is None:
            for message in plan.messages:
                click.echo(f"would send: {_describe(message)}")
            click.echo(f"{len(plan.messages)} message(s) to send (dry run: nothing sent)")
            return
        report = send(
            plan,
            settings,
            ledger,
            project.desk,
            localizers(project.locale_dir),
            on_sent=lambda message: click.echo(f"sent: {_describe(message)}"),
        )
    for message, reason in report.failed:
        click.echo(f"error: {_describe(message)}: {reason}", err=True)
    click.echo(f"{len(report.sent)} message(s) sent, {len(report.failed)} failed")
    if not report.ok:
        click.echo("the failed messages will be sent by the next run", err=True)
        ctx.exit(1)


@main.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default lets in this machine only.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free one).",
)
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int) -> None:
    """Preview the briefs in a browser, rebuilt as you edit.

    Builds every brief into build/ and serves an index of them. A meeting's briefs are rebuilt
    when its summary or article changes, every brief when a template, the CSS, a catalog or
    briefs.toml does, and open pages reload by themselves. A summary with problems shows them
    instead of its brief. Ctrl+C stops the server.

    \b
    Examples:
      briefs serve
      briefs serve --port 8080
    """
    from .serve import PreviewServer

    logging.getLogger("briefs.serve").setLevel(logging.INFO)  # say what was rebuilt
    server = PreviewServer(_project(ctx), host, port)
    click.echo(f"Serving the briefs at {server.url} (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def run() -> None:
    """Entry point for python -m briefs."""
    main(prog_name="briefs")


if __name__ == "__main__":
    run()
