"""The command line: a thin skin over the library. Heavy imports happen inside commands."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from .errors import BriefsError, SourceError, display_path

LANGUAGE_CHOICE = click.Choice(["id", "en"])
FORMAT_CHOICE = click.Choice(["pdf", "html"])


class BriefsGroup(click.Group):
    """Prints known errors as one line each and exits 1; unexpected ones keep their traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BriefsError as error:
            click.echo(f"error: {error}" if not isinstance(error, SourceError) else str(error), err=True)
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
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
    ctx.obj = root or Path(".")


def _project(ctx: click.Context):
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


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def check_command(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Validate summaries (default: all of sources/meetings/).

    Reports every problem at once as path:line:col: message, and exits 1 if there is any.

    \b
    Examples:
      briefs check
      briefs check sources/meetings/2020-07-16-china-central-asia-foreign-ministers.yaml
    """
    from .validate import load_summaries

    project = _project(ctx)
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    loaded = load_summaries(project, files or None)
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


@main.command("build")
@click.argument("meeting_id", required=False)
@click.option("--all", "build_everything", is_flag=True, help="Every meeting, both languages, both formats.")
@click.option("--lang", "language", type=LANGUAGE_CHOICE, default=None, help="Language of the brief.")
@click.option("--format", "fmt", type=FORMAT_CHOICE, default=None, help="Output format.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Output file (default: build/<lang>/<meeting-id>.<format>).",
)
@click.pass_context
def build_command(
    ctx: click.Context,
    meeting_id: str | None,
    build_everything: bool,
    language: str | None,
    fmt: str | None,
    output: Path | None,
) -> None:
    """Build one brief, or all of them with --all.

    \b
    Examples:
      briefs build 2020-07-16-china-central-asia-foreign-ministers --lang id --format pdf
      briefs build 2020-07-16-china-central-asia-foreign-ministers --lang en --format html -o brief.html
      briefs build --all
    """
    from .build import FORMATS, Builder, build_all, find_meeting
    from .models import LANGUAGES

    if build_everything:
        if meeting_id or output:
            raise click.UsageError("--all builds every meeting; give no MEETING_ID or --output with it")
        project = _project(ctx)
        report = build_all(
            project,
            (language,) if language else LANGUAGES,
            (fmt,) if fmt else FORMATS,
        )
        for problem in report.problems:
            click.echo(str(problem), err=True)
        for failure in report.failures:
            click.echo(f"error: {failure}", err=True)
        click.echo(f"{len(report.written)} files written to {display_path(project.build_dir)}")
        if not report.ok:
            click.echo(
                f"{len(report.problems)} problem(s) in summaries, {len(report.failures)} brief(s) failed",
                err=True,
            )
            ctx.exit(1)
        return

    if not meeting_id:
        raise click.UsageError("give a MEETING_ID (see 'briefs list') or --all")
    if not language or not fmt:
        raise click.UsageError("give --lang (id or en) and --format (pdf or html)")
    project = _project(ctx)
    document = find_meeting(project, meeting_id)
    paths = {fmt: output} if output else None
    (written,) = Builder(project).build(document, language, (fmt,), paths)
    click.echo(display_path(written))


@main.command("serve")
@click.option(
    "--host", default="127.0.0.1", show_default=True,
    help="Address to listen on; the default lets in this machine only.",
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
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
    sys.exit(run())
