"""One look everywhere: the plotly theme is named by each figure, and a kind of event has one colour on every chart."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import plotly.io as pio

from alliances import figures, territory_figures
from alliances.presentation import EVENT_KIND_COLOURS, THEME, day_text, iso_day, iso_days

ROOT = Path(__file__).resolve().parent.parent
EVENTS = pd.DataFrame({"id": ["e1", "e2"], "date": pd.to_datetime(["2018-01-20", "2018-01-30"]),
                       "title": ['Offensive ("Dawn of Idlib")', "Sochi congress"], "kind": ["political", "diplomacy"],
                       "source_id": ["src-a", "src-a"], "description": ["", ""]})


def test_a_kind_of_event_has_one_colour_on_the_overview_and_the_territory_chart():
    strip = figures.events_strip(EVENTS, "2018-01-25")
    political_strip = next(t for t in strip.data if t.name == "political").marker.color
    chart = territory_figures.sources_chart(pd.DataFrame(columns=["publisher", "date", "share_pct", "source_id", "note"]),
                                            None, "SDF", {}, (EVENTS["date"].min(), EVENTS["date"].max()), "2018-01-25",
                                            events=EVENTS)
    rug = next(t for t in chart.data if t.name == "Key events")
    assert political_strip == EVENT_KIND_COLOURS["political"] == list(rug.marker.color)[0]


def test_the_territory_event_hover_shows_quotation_marks_as_typed():
    chart = territory_figures.sources_chart(pd.DataFrame(columns=["publisher", "date", "share_pct", "source_id", "note"]),
                                            None, "SDF", {}, (EVENTS["date"].min(), EVENTS["date"].max()), "2018-01-25",
                                            events=EVENTS)
    rug = next(t for t in chart.data if t.name == "Key events")
    assert rug.customdata[0][0] == 'Offensive ("Dawn of Idlib")'


def test_figures_draw_in_the_theme_whatever_plotly_s_default(monkeypatch):
    monkeypatch.setattr(pio.templates, "default", "plotly_dark")
    fig = figures.events_strip(EVENTS, "2018-01-25")
    assert fig.layout.template.layout.font.family == THEME.layout.font.family
    assert fig.layout.template.layout.paper_bgcolor == "#ffffff"


def test_a_module_imported_alone_draws_in_the_theme():
    """The theme does not depend on which module was imported first (it was set as a side effect of one import)."""
    code = ("import pandas as pd; from alliances import territory_figures as t; "
            "fig = t.sources_chart(pd.DataFrame(columns=['publisher','date','share_pct','source_id','note']), None, 'x', {}, "
            "(pd.Timestamp('2018-01-01'), pd.Timestamp('2019-01-01')), '2018-06-01'); "
            "print(fig.layout.template.layout.font.family)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == THEME.layout.font.family


def test_days_are_written_one_way():
    assert day_text("2018-01-05") == "5 Jan 2018" and iso_day(pd.Timestamp("2018-01-05 13:00")) == "2018-01-05"
    assert day_text(None) == iso_day(pd.NaT) == ""


def test_chart_days_are_written_as_days():
    assert iso_days([pd.Timestamp("2018-01-30"), "2016-06-29", pd.NaT, None]).tolist() == ["2018-01-30", "2016-06-29", None, None]
    assert iso_days(pd.Series(pd.to_datetime(["2011-03-15"]))).tolist() == ["2011-03-15"]
    assert iso_days([]).tolist() == []
