"""Localization: CLDR dates, numbers, money and country names; complete gettext catalogs."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from decimal import Decimal

import pytest
from babel.messages.pofile import read_po

from briefs.read.loader import parse_summary
from briefs.render.i18n import catalog_path, localizers
from briefs.summary.figures import Figure

from .conftest import ROOT


@pytest.fixture(scope="module")
def loc():
    return localizers(ROOT / "locale")


def figure(**fields) -> Figure:
    return Figure.model_validate(
        {"label": {"id": "x", "en": "x"}, "year": 2021, "quote": "q", **fields}
    )


@pytest.mark.parametrize(
    "fields, indonesian, english",
    [
        ({"value": 50100000000, "unit": "USD"}, "US$50,1 miliar", "US$50.1 billion"),
        ({"value": 460000000, "unit": "USD"}, "US$460 juta", "US$460 million"),
        # Never rounded: a short form that is not exact gives way to every digit.
        ({"value": 50123456789, "unit": "USD"}, "US$50.123.456.789", "US$50,123,456,789"),
        (
            {
                "value": 10000,
                "unit": "count",
                "qualifier": "more-than",
                "noun": {"id": "pelajar", "en": "students"},
            },
            "lebih dari 10.000 pelajar",
            "more than 10,000 students",
        ),
        (
            {
                "value": 26,
                "out_of": 45,
                "unit": "count",
                "noun": {"id": "proyek", "en": "projects"},
            },
            "26 dari 45 proyek",
            "26 of 45 projects",
        ),
        ({"value": 12.5, "unit": "percent"}, "12,5%", "12.5%"),
        (
            {
                "value": 41000000000,
                "unit": "USD",
                "equivalent": {"value": 657000000000000, "unit": "IDR", "qualifier": "about"},
            },
            "US$41 miliar (sekitar Rp657 triliun)",
            "US$41 billion (about IDR 657 trillion)",
        ),
    ],
)
def test_figures_in_each_locale(loc, fields, indonesian, english):
    item = figure(**fields)
    assert loc["id"].figure(item).replace("\xa0", " ") == indonesian
    assert loc["en"].figure(item).replace("\xa0", " ") == english


@pytest.mark.parametrize("written", ["0.1", "2.675", "1.10", "3.3e-2", "50100000000"])
def test_yaml_floats_are_read_as_written(written):
    """A figure's value in a summary is the decimal written there, not its nearest binary float
    (2.675 is 2.67499999999999982236431605997495353221893310546875 as a float)."""
    path = ROOT / "sources" / "meetings" / "2020-07-16-china-central-asia-foreign-ministers.yaml"
    data = path.read_bytes()
    assert b"\n    value: 28\n" in data
    document = parse_summary(
        path, data.replace(b"\n    value: 28\n", f"\n    value: {written}\n".encode())
    )
    assert not isinstance(document, list), document
    assert document.meeting.figures[0].value == Decimal(written)


def test_dates(loc):
    day = dt.date(2020, 7, 16)
    assert loc["id"].date(day) == "16 Juli 2020"
    assert loc["en"].date(day) == "16 July 2020"
    assert loc["id"].date(day, weekday=True) == "Kamis, 16 Juli 2020"
    assert loc["en"].date(day, weekday=True) == "Thursday, 16 July 2020"
    visit = (dt.date(2019, 9, 10), dt.date(2019, 9, 12))
    assert loc["id"].date_range(*visit) == "10–12 September 2019"
    assert loc["en"].date_range(*visit) == "10–12 September 2019"
    # the month written out, as in the date beside it (the 2019 brief had "10–12 Sept 2019")
    later = (dt.date(2019, 8, 30), dt.date(2020, 1, 2))
    assert loc["id"].date_range(*later) == "30 Agustus 2019\u2009–\u20092 Januari 2020"


def test_country_names_come_from_cldr(loc):
    assert loc["id"].country("CN") == "Tiongkok"
    assert loc["en"].country("CN") == "China"
    assert loc["en"].country("KG") == "Kyrgyzstan"


@pytest.mark.parametrize("language", ["id", "en"])
def test_catalogs_are_complete(language):
    with catalog_path(ROOT / "locale", language).open("rb") as po:
        catalog = read_po(po)
    untranslated = [
        m.id
        for m in catalog
        if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated and not fuzzy, (untranslated, fuzzy)


def test_catalogs_hold_every_string_of_templates_and_code(tmp_path):
    """The .po files are up to date with what the templates and code ask to translate
    (refresh with `make catalogs`)."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_",
            "-k",
            "gettext",
            "--no-location",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    wanted = {m.id for m in read_po(io.BytesIO(pot.read_bytes())) if m.id}
    for language in ("id", "en"):
        with catalog_path(ROOT / "locale", language).open("rb") as po:
            have = {m.id for m in read_po(po) if m.id}
        assert wanted <= have, f"{language}: missing {sorted(wanted - have)}; run make catalogs"
