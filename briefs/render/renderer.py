"""Render: the Jinja environment per language, and a meeting's brief as one HTML string."""

from __future__ import annotations

import logging
import os
import re
import zlib
from collections.abc import Iterable, Mapping

import jinja2
from markupsafe import Markup, escape

from briefs.errors import TemplateError
from briefs.language.scripts import HAN_RUN
from briefs.language.sides import side_of, source_note
from briefs.project import MAX_WORD, Project, issue_date
from briefs.render.charts import SeriesValue
from briefs.render.digest import Digest, SeriesData, series_points
from briefs.render.i18n import Localizer
from briefs.render.previous import ArchiveContext, archive_context
from briefs.summary.meeting import Meeting
from briefs.summary.numbering import point_groups, shown_numbers
from briefs.summary.vocabulary import Vocabulary

log = logging.getLogger(__name__)

BRIEF_TEMPLATE = "brief.html.j2"
DIGEST_TEMPLATE = "digest.html.j2"
OVERVIEW_TEMPLATE = "overview.html.j2"


def brief_number(meeting_id: str) -> str:
    """The brief's reference number, derived from its id alone: year and a checksum of the id
    (BR-2024-3F2A1C), the same on every machine and in every language."""
    return f"BR-{meeting_id[:4]}-{zlib.crc32(meeting_id.encode()) & 0xFFFFFF:06X}"


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


# A capitalised word long enough to be hyphenated (brief.css: hyphenate-limit-chars 7) is a
# name in both languages (Lianyungang, Cooperation, Prakarsa), or the first word of a sentence.
_CAPITALISED = r"[^\W\d_a-z][^\W_]{6,}"
# A compound with a capital in it is a name too, never broken at its hyphen: Satu-Tiongkok,
# one-China, Asia-Pasifik.
_COMPOUND = r"(?=[\w-]*[^\W\d_a-z])(?:[^\W_]+-)+[^\W_]+"


def name_pattern(meetings: Iterable[Meeting], localizer: Localizer) -> re.Pattern[str]:
    """The names of the meetings' people and countries, and capitalised words, in their texts."""
    names = set()
    for meeting in meetings:
        names |= {p.name for p in meeting.participants if p.name}
        names |= {localizer.country(code) for code in meeting.countries}
    alternatives = [re.escape(n) for n in sorted(names, key=len, reverse=True)]
    either = "|".join([*alternatives, _COMPOUND, _CAPITALISED])
    return re.compile(rf"(?<![\w-])(?:{either})(?![\w-])")


_LAST_WORD = re.compile(r"\S+\s*$")


def prose(text: str, localizer: Localizer, names: re.Pattern[str] | None) -> Markup:
    """A summary's text for the page: typographic quotes; its names of people and countries
    marked so that they are never hyphenated nor broken at their own hyphen ("Jin-ping",
    "Kassym-|Jomart"); an amount with its scale or currency kept on one line ("US$50.1 bil-lion",
    "IDR 657 | trillion"); and its last word never hyphenated (no "agree-|ment." alone on the
    paragraph's last line)."""
    from briefs.language.numbers import mentions

    text = localizer.typographic(text)
    spans: list[tuple[int, int, str]] = []
    if names is not None:
        spans += [(m.start(), m.end(), "name") for m in names.finditer(text)]
    spans += [
        (m.start, m.end, "num")
        for m in mentions(text, localizer.language)
        if " " in m.words or "\u00a0" in m.words
    ]
    last = _LAST_WORD.search(text)
    # A word shorter than hyphenate-limit-chars (brief.css: 7) is never hyphenated anyway.
    if last and len(re.sub(r"\W", "", last.group(0))) >= 7:
        spans.append((last.start(), last.start() + len(last.group(0).rstrip()), "end"))
    out, at = [], 0
    for start, end, kind in sorted(spans):
        if start < at:  # inside a span already marked (a name that ends the text)
            continue
        out.append(escape(text[at:start]))
        out.append(Markup('<span class="%s">%s</span>') % (kind, text[start:end]))
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


def _environment(
    project: Project, localizer: Localizer, compiled: jinja2.BytecodeCache | None = None
) -> jinja2.Environment:
    from briefs.render.charts import MIN_POINTS, bar_chart

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(project.templates_dir),
        bytecode_cache=compiled,
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
        items=localizer.items,
        css_string=css_string,
        css_page_counter=css_page_counter,
    )
    env.filters["typographic"] = jinja2.pass_context(
        lambda context, text: prose(text, localizer, context.get("names"))
    )
    env.filters["endonym"] = localizer.endonym
    env.filters["han_marked"] = han_marked
    env.tests["quoted_from"] = lambda quotes, article: any(q.article == article for q in quotes)
    env.globals["chart"] = lambda points, unit, title: bar_chart(points, unit, title, localizer)
    env.globals["column_widths"] = column_widths
    env.globals["side_of"] = side_of
    env.globals["chart_min"] = MIN_POINTS
    return env


class Renderer:
    """Renders briefs and digests to HTML; one Jinja environment per language, built once."""

    def __init__(
        self,
        project: Project,
        localizers: dict[str, Localizer],
        vocabulary: Vocabulary,
        compiled: Mapping[str, jinja2.BytecodeCache] | None = None,
    ):
        """compiled: each language's cache of compiled templates (compiled.py), if any."""
        self.project = project
        self.localizers = localizers
        self.vocabulary = vocabulary
        self.environments = {
            lang: _environment(project, loc, (compiled or {}).get(lang))
            for lang, loc in localizers.items()
        }
        self._contexts: dict[str, ArchiveContext] | None = None

    def know(self, meetings: Iterable[Meeting]) -> None:
        """The archive the briefs' context comes from: the loaded, checked summaries."""
        self._contexts = archive_context(meetings)

    def context(self, meeting: Meeting) -> ArchiveContext:
        """A meeting's context in the archive this renderer was told (know); one told nothing
        reads every summary that parses, checked or not. The builds tell it (build_all, and
        build_brief for one brief), and their jobs carry each brief's context, so this is for
        a Builder used on its own."""
        if self._contexts is None:
            from briefs.read.loader import parse_summary

            parsed = [parse_summary(path) for path in self.project.summary_paths()]
            self.know([p.meeting for p in parsed if not isinstance(p, list)])
        assert self._contexts is not None
        return self._contexts.get(meeting.id) or ArchiveContext()

    def brief(self, meeting: Meeting, language: str, context: ArchiveContext | None = None) -> str:
        """The brief for one meeting in one language, as a standalone HTML page. context: what
        the archive says of it, as the building process computed it from the good summaries
        (else taken from the archive this renderer knows)."""
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
            context=context if context is not None else self.context(meeting),
            names=name_pattern([meeting], self.localizers[language]),
            groups=point_groups(meeting),
            shown=shown_numbers(meeting),
            note=source_note(meeting, meeting.bottom_line) if meeting.bottom_line else None,
            number=brief_number(meeting.id),
            contact=(self.project.contact or {}).get(language),
            handling=(self.project.handling or {}).get(language),
            other_language=(other := next(lang for lang in self.localizers if lang != language)),
            read_other=self.localizers[other].read_in(),
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
            names=name_pattern(digest.meetings, self.localizers[language]),
        )

    def _series_sources(self, language: str, meetings: dict[str, Meeting]) -> object:
        """A chart's source line: the article each value comes from, once each."""
        localizer = self.localizers[language]

        def sources(points: list[SeriesValue]) -> list[str]:
            cited = dict.fromkeys(meetings[p.meeting_id].sources[0] for p in points)
            return [
                f"{c.publisher}, {localizer.date(c.published)}" if c.published else c.publisher
                for c in cited
            ]

        return sources

    def _render(self, name: str, language: str, **context: object) -> str:
        env = self.environments[language]
        meeting = context.get("meeting")
        meetings = context.get("meetings_by_id") or (
            {meeting.id: meeting} if isinstance(meeting, Meeting) else {}
        )
        assert isinstance(meetings, dict)
        context["series_sources"] = self._series_sources(language, meetings)
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


LONG_WORD = MAX_WORD
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


def han_marked(text: str) -> Markup:
    """A quote's text, escaped, with each run of Chinese characters in an element of its own
    language ('Wang Yi (王毅)'): screen readers and the CJK font take it up, as they do the
    participants' native names."""
    return Markup(HAN_RUN.sub(lambda m: f'<span lang="zh">{m.group(0)}</span>', str(escape(text))))


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
