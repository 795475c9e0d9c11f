"""What the commands share: the project they run in, and the options several take (sqlite-utils'
output_options is the model)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from briefs.project import FORMATS, LANGUAGES

if TYPE_CHECKING:
    from briefs.project import Project

STRICT_HELP = "Make warnings (a stance or modality the quotes do not bear out) errors."


def output_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--lang and --format, as every command that writes briefs takes them (sqlite-utils'
    output_options is the model): None when not given, for both."""
    for decorator in reversed(
        (
            click.option(
                "--lang",
                "language",
                type=click.Choice(LANGUAGES),
                default=None,
                help="Language (default: both).",
            ),
            click.option(
                "--format",
                "fmt",
                type=click.Choice(FORMATS),
                default=None,
                help="Output format (default: both).",
            ),
        )
    ):
        fn = decorator(fn)
    return fn


def date_range_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--from and --to: the first and last meeting date, as start and end."""
    for name, dest, what in (("--to", "end", "Last"), ("--from", "start", "First")):
        fn = click.option(
            name,
            dest,
            type=click.DateTime(["%Y-%m-%d"]),
            default=None,
            help=f"{what} meeting date, YYYY-MM-DD.",
        )(fn)
    return fn


def chosen(value: str | None, every: tuple[str, ...]) -> tuple[str, ...]:
    """The one value an option was given, or every value."""
    return (value,) if value else every


def project_of(ctx: click.Context) -> Project:
    """The project of the command's --root (default: the current folder)."""
    from briefs.project import open_project

    return open_project(ctx.obj)
