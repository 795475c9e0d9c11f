"""The command line: a thin skin over the library. Heavy imports happen inside commands."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import click

from briefs.cli.build import build_command, digest_command
from briefs.cli.options import STRICT_HELP, project_of
from briefs.errors import BriefsError, SourceError, display_path


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


main.add_command(build_command)
main.add_command(digest_command)


@main.command("list")
@click.pass_context
def list_command(ctx: click.Context) -> None:
    """List the meetings: id, date and English title.

    \b
    Example:
      briefs list
    """
    from briefs.check.validate import load_summaries

    project = project_of(ctx)
    loaded = load_summaries(project)
    for document in loaded.documents:
        meeting = document.meeting
        click.echo(f"{meeting.id}\t{meeting.date.isoformat()}\t{meeting.title.en}")
    if loaded.problems:
        raise SourceError(loaded.problems)


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
    from briefs.check.validate import load_summaries

    project = project_of(ctx)
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
    from briefs.summary.meeting import Meeting

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
    With -o, the text drafted from (pasted or a saved page's) is also written to
    sources/articles/<meeting-id>.txt; `briefs rename` gives the draft another id later.

    \b
    Example:
      briefs draft ~/Downloads/xi-bertemu-tokayev.html \\
        -o sources/meetings/draft.yaml
    """
    from briefs.draft.summary import DraftContext, draft_file
    from briefs.draft.writing import save_draft
    from briefs.errors import ConfigurationError

    try:
        project = project_of(ctx)
    except ConfigurationError:
        project = None  # outside a project: a draft from what the article alone says
    context = DraftContext.of_project(project) if project else DraftContext()
    draft = draft_file(article, context)
    if output is None:
        click.echo(draft.to_yaml(), nl=False)
        return
    written = save_draft(draft, output, project.articles_dir if project else None)
    for path in written[:-1]:
        click.echo(f"{display_path(path)}: the text drafted from")
    click.echo(
        f"{display_path(output)}: draft of {draft.meeting_id}; "
        f"{draft.english_to_write} English texts to write, "
        f"{len(draft.unsettled)} values to settle, {len(draft.notes)} to check"
    )


@main.command("rename")
@click.argument("summary")
@click.argument("new_id", required=False)
@click.pass_context
def rename_command(ctx: click.Context, summary: str, new_id: str | None) -> None:
    """Give a summary (a draft) another meeting id, with the article it cites.

    SUMMARY is a summary's id or file (sources/meetings/draft.yaml); NEW_ID the meeting id it
    takes (default: the id the draft holds, once checked). The summary becomes
    sources/meetings/NEW_ID.yaml and its article sources/articles/NEW_ID.txt, and every
    reference to the article follows. Nothing is replaced.

    \b
    Example:
      briefs rename draft 2024-07-03-china-kazakhstan-state-visit
    """
    from briefs.draft.renaming import rename_draft

    for old, new in rename_draft(project_of(ctx), summary, new_id):
        click.echo(f"{display_path(old)} -> {display_path(new)}")


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
    from briefs.distribute.publish import publish

    published = publish(project_of(ctx), out, base_url)
    click.echo(f"{len(published.files)} files published to {display_path(published.folder)}")


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
    from briefs.distribute.delivery import send_briefs
    from briefs.distribute.send import DeliveryPlan
    from briefs.distribute.send import describe_message as describe

    def announce(plan: DeliveryPlan) -> None:
        for message, attempt in plan.refused:
            click.echo(f"refused: {describe(message)}: {attempt.reason} ({attempt.when})")
        for message, attempt in plan.uncertain:
            click.echo(
                f"uncertain: {describe(message)}: {attempt.reason} ({attempt.when}); "
                "it may have arrived; --resend sends it again"
            )
        for message in plan.held:
            click.echo(
                f"held: {describe(message)}: changed since it was delivered; --resend sends it again"
            )

    report = send_briefs(
        project_of(ctx),
        readers_path,
        meeting_id,
        dry_run=dry_run,
        resend=resend,
        ledger_path=ledger_path,
        smtp_options=smtp_options,
        on_plan=announce,
        on_sent=lambda message: click.echo(f"sent: {describe(message)}"),
    )
    plan = report.plan
    if report.dry_run:
        for message in plan.messages:
            click.echo(f"would send: {describe(message)}")
        click.echo(f"{len(plan.messages)} message(s) to send (dry run: nothing sent)")
        return
    for message, reason in [*report.failed, *report.refused]:
        click.echo(f"error: {describe(message)}: {reason}", err=True)
    for message, reason in report.uncertain:
        click.echo(f"uncertain: {describe(message)}: {reason}", err=True)
    click.echo(
        f"{len(report.sent)} message(s) sent, {len(report.failed) + len(report.refused)} failed"
        + (f", {len(report.uncertain)} uncertain" if report.uncertain else "")
    )
    if report.failed:
        click.echo("the failed messages will be sent by the next run", err=True)
    if not report.ok:
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
@click.option(
    "--timeout",
    default="10",
    show_default=True,
    envvar="BRIEFS_SERVE_TIMEOUT",
    help="Seconds a connection may take to send its whole request, 0.1 to 3600"
    " [BRIEFS_SERVE_TIMEOUT].",
)
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, timeout: str) -> None:
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
    from briefs.preview.localserver import request_timeout
    from briefs.preview.serve import PreviewServer

    source = ctx.get_parameter_source("timeout")
    where = (
        "BRIEFS_SERVE_TIMEOUT" if source == click.core.ParameterSource.ENVIRONMENT else "--timeout"
    )
    seconds = request_timeout(timeout, where)  # before anything is built or said
    logging.getLogger("briefs.preview.serve").setLevel(logging.INFO)  # say what was rebuilt
    server = PreviewServer(project_of(ctx), host, port, timeout=seconds)
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
