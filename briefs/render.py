"""Render: the Jinja environment per language, and a meeting's brief as one HTML string."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re

import jinja2
from markupsafe import Markup

from .digest import Digest, SeriesData, series_points
from .errors import RenderError, TemplateError
from .i18n import Localizer
from .models import Meeting, Vocabulary
from .project import Project

log = logging.getLogger(__name__)

BRIEF_TEMPLATE = "brief.html.j2"
DIGEST_TEMPLATE = "digest.html.j2"
OVERVIEW_TEMPLATE = "overview.html.j2"


def issue_date(issued: dt.date | None, what: str) -> dt.date:
    """The issue date printed on a document: its summary's own, else SOURCE_DATE_EPOCH; never
    the clock, so that the same sources always give the same files."""
    if issued is not None:
        return issued
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    raise RenderError(what, "no issue date: give 'issued' in the summary or set SOURCE_DATE_EPOCH")


def css_string(text: str) -> Markup:
    """A CSS string literal holding text, safe inside a <style> element."""
    # Markup from gettext carries HTML escapes that mean nothing in CSS: undo them first.
    plain = text.unescape() if isinstance(text, Markup) else str(text)
    escaped = "".join(
        f"\\{ord(char):x} " if char in '"\\<>&' or ord(char) < 0x20 else char for char in plain
    )
    return Markup(f'"{escaped}"')


def css_page_counter(pattern: str) -> str:
    """Turn a translated "Page {page} of {pages}" into CSS content with page counters."""
    parts = re.split(r"(\{pages?\})", pattern)
    out = []
    for part in parts:
        if part == "{page}":
            out.append("counter(page)")
        elif part == "{pages}":
            out.append("counter(pages)")
        elif part:
            out.append(css_string(part))
    return Markup(" ".join(out))


def column_widths(*columns: list[str], least: int = 14) -> list[int]:
    """Percent widths for the columns of a table of fixed layout, in proportion to the longest
    text of each column (at least `least` percent each): the shares WeasyPrint's automatic
    table layout would find, without measuring every cell."""
    longest = [max((len(text) for text in column), default=1) or 1 for column in columns]
    spare = 100 - least * len(columns)
    widths = [least + spare * n // sum(longest) for n in longest]
    widths[-1] += 100 - sum(widths)
    return widths


def _environment(project: Project, localizer: Localizer) -> jinja2.Environment:
    from .charts import bar_chart

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(project.templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # A method the i18n extension adds to the environment, so not in Environment's type.
    env.install_gettext_translations(localizer.translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        date=localizer.date,
        date_range=localizer.date_range,
        country=localizer.country,
        kind=localizer.kind,
        place=localizer.place,
        figure=localizer.figure,
        figure_amount=localizer.figure_amount,
        amount=localizer.amount,
        date_short=localizer.month,
        language_name=localizer.language_name,
        css_string=css_string,
        css_page_counter=css_page_counter,
    )
    env.globals["chart"] = lambda points, unit, title: bar_chart(points, unit, title, localizer)
    env.globals["column_widths"] = column_widths
    return env


class Renderer:
    """Renders briefs and digests to HTML; one Jinja environment per language, built once."""

    def __init__(self, project: Project, localizers: dict[str, Localizer], vocabulary: Vocabulary):
        self.project = project
        self.localizers = localizers
        self.vocabulary = vocabulary
        self.environments = {lang: _environment(project, loc) for lang, loc in localizers.items()}

    def brief(self, meeting: Meeting, language: str) -> str:
        """The brief for one meeting in one language, as a standalone HTML page."""
        # A series the meeting itself carries over several years gets its chart in the brief.
        series = [
            SeriesData(s, points)
            for s in self.vocabulary.series
            if len(points := series_points([meeting], s.id)) > 1
        ]
        return self._render(
            BRIEF_TEMPLATE,
            language,
            meeting=meeting,
            series=series,
            issued=issue_date(meeting.issued, meeting.id),
        )

    def digest(self, digest: Digest, language: str, fmt: str) -> str:
        """A digest (a year's, or the overview across years) in one language; fmt is the format
        of the briefs and digests it links to."""
        return self._render(
            OVERVIEW_TEMPLATE if digest.overview else DIGEST_TEMPLATE,
            language,
            digest=digest,
            fmt=fmt,
            meetings_by_id={m.id: m for m in digest.meetings},
            issued=issue_date(digest.issued, "digest"),
        )

    def _render(self, name: str, language: str, **context: object) -> str:
        env = self.environments[language]
        try:
            return break_long_words(
                env.get_template(name).render(
                    lang=language,
                    loc=self.localizers[language],
                    desk=self.project.desk[language],
                    **context,
                )
            )
        except jinja2.TemplateSyntaxError as error:
            raise TemplateError(
                f"{error.filename or error.name}:{error.lineno}: {error.message}"
            ) from None
        except jinja2.TemplateNotFound as error:
            raise TemplateError(
                f"{self.project.templates_dir}: template {error.name!r} not found"
            ) from None
        except jinja2.UndefinedError as error:
            raise TemplateError(f"{_template_place(error, name)}: {error.message}") from None


LONG_WORD = 80
"""A run of this many characters without a space fits no line of a brief or digest (a line
holds about 95 letters of running text, fewer of a heading): such a run is given a break
opportunity (<wbr>) every WORD_PIECE characters, so that WeasyPrint lays it out a line at a
time, in time that grows with its length, rather than reshaping the rest of it for each line
(a 30,000-letter word took 40 s). No text the shipped summaries give comes near it."""
WORD_PIECE = 16
_UNBROKEN = re.compile(rf"(?:&#?\w+;|[^\s<>&]){{{LONG_WORD},}}")
_MARKUP = re.compile(
    r"(<(?P<raw>style|script|title|textarea)\b[^>]*>.*?</(?P=raw)\s*>|<!--.*?-->|<[^>]*>)",
    re.S | re.I,
)
_LETTER = re.compile(r"&#?\w+;|.", re.S)


def break_long_words(html: str) -> str:
    """The page with a <wbr> every WORD_PIECE characters of each run of text of LONG_WORD
    characters or more without a space (entities count as one; tags, attributes and the text
    of style, script and title are left alone)."""
    if not _UNBROKEN.search(html):
        return html

    def pieces(run: re.Match[str]) -> str:
        letters = _LETTER.findall(run[0])
        return "<wbr>".join(
            "".join(letters[i : i + WORD_PIECE]) for i in range(0, len(letters), WORD_PIECE)
        )

    # split() gives text, then each match's two groups (the markup, and the name of a raw
    # text element or None), then text again: text at every third place.
    parts = _MARKUP.split(html)
    return "".join(
        _UNBROKEN.sub(pieces, part) if index % 3 == 0 else part
        for index, part in enumerate(parts)
        if index % 3 != 2 and part
    )


def _template_place(error: Exception, place: str) -> str:
    """template:line of the innermost template frame of a render error."""
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or filename.endswith(".css"):
            place = f"{os.path.basename(filename)}:{tb.tb_lineno}"
        tb = tb.tb_next
    return place
