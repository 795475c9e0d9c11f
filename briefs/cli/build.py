"""The commands that write briefs: `briefs build` and `briefs digest`, and what they show while
they work (a progress bar on a terminal)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefs.cli.options import STRICT_HELP, chosen, date_range_options, output_options, project_of
from briefs.errors import display_path
from briefs.project import FORMATS, LANGUAGES

if TYPE_CHECKING:
    from briefs.project import Project


@click.command("build")
@click.argument("meeting_id", required=False)
@click.option(
    "--all", "build_everything", is_flag=True, help="Every meeting, both languages, both formats."
)
@output_options
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
    languages, formats = chosen(language, LANGUAGES), chosen(fmt, FORMATS)
    if build_everything:
        if meeting_id or output:
            raise click.UsageError(
                "--all builds every meeting; give no MEETING_ID or --output with it"
            )
        project = project_of(ctx)
        if not force and _nothing_to_do(project, languages, formats, bool(strict)):
            click.echo(f"all briefs in {display_path(project.build_dir)} are up to date")
            return
        from briefs.build.phases import build_all

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

    from briefs.build.phases import build_brief

    if not meeting_id:
        raise click.UsageError("give a MEETING_ID (see 'briefs list') or --all")
    if not language or not fmt:
        raise click.UsageError("give --lang (id or en) and --format (pdf or html)")
    project = project_of(ctx)
    written = build_brief(project, meeting_id, language, fmt, output, strict=bool(strict))
    click.echo(display_path(written))


@click.command("digest")
@output_options
@date_range_options
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
    from briefs.build.phases import build_digests

    if years and (start or end):
        raise click.UsageError("give --year or a date range (--from, --to), not both")
    project = project_of(ctx)
    written = build_digests(
        project,
        chosen(language, LANGUAGES),
        chosen(fmt, FORMATS),
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
    from briefs.build.manifest import Manifest
    from briefs.check.cache import CheckCache
    from briefs.plan import up_to_date

    if not up_to_date(project, languages, formats):
        return False
    return not strict or CheckCache(project, Manifest(project.build_dir)).all_pass(strict=True)


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
