"""Every place a row's source is shown also shows every further page it rests on (`more_sources`), and a tie's
change names what its day rests on (`start_basis`, `end_basis`): the Overview's lists, the Territory panel and map,
the Positions tables and hovers, and the briefing pack."""
from __future__ import annotations

import json
import re

import pytest
from app_pages import run
from sample_data import write_dataset

from alliances.briefing import briefing_html
from alliances.dataset import load

WIRE = {"id": "src-c", "publisher": "Wire C", "title": "Original C", "date": "2018-01-29", "url": "https://example.org/c",
        "kind": "news"}


@pytest.fixture
def resting_dir(tmp_path, mini_tables, monkeypatch):
    """The mini dataset with a further page (Wire C) under a tie, a stance, an estimate, a quote and an event."""
    t = mini_tables
    t["sources"].append(WIRE)
    cooperation = next(r for r in t["relations"] if r["type"] == "cooperation")
    cooperation.update(more_sources="src-c", start_basis="page")
    hostility = next(r for r in t["relations"] if r["type"] == "hostility" and r["target"] == "turkey")
    hostility.update(end_basis="chained")
    next(r for r in t["stances"] if r["actor"] == "usa").update(more_sources="src-c")
    next(r for r in t["territory"] if r["actor"] == "sdf").update(more_sources="src-c")
    next(r for r in t["quotes"] if r["id"] == "peskov-2018-01-29").update(more_sources="src-c")
    next(r for r in t["events"] if r["id"] == "sochi").update(more_sources="src-c")
    next(r for r in t["control"] if r["region"] == "Raqqa" and r["actor"] == "sdf").update(more_sources="src-c")
    folder = write_dataset(tmp_path / "resting", t)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    return folder


def texts(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_the_overview_names_each_change_s_basis_and_every_page(resting_dir):
    at = run("views/0_Overview.py", date="2018-02-01", since="2016-01-01")
    assert not at.exception and not at.error
    page = texts(at)
    formed = next(line for line in page.splitlines() if line.startswith("- formed: Russia — cooperation — Turkey"))
    assert "29 Jun 2016 (dated by its page)" in formed and "also [Wire C, 29 Jan 2018](https://example.org/c)" in formed
    ended = next(line for line in page.splitlines() if line.startswith("- ended: Russia — hostility — Turkey"))
    assert "28 Jun 2016 (where the next sourced period begins)" in ended and "Wire C" not in ended
    shifted = next(line for line in page.splitlines() if line.startswith("- United States on Sochi congress"))
    assert "also [Wire C" in shifted
    said = next(line for line in page.splitlines() if line.startswith("- **Dmitry Peskov**"))
    assert "also [Wire C" in said
    event = next(line for line in page.splitlines() if "**Sochi congress**" in line)
    assert "also [Wire C" in event


def test_the_territory_panel_and_map_cite_every_page_of_the_estimate(resting_dir):
    at = run("views/2_Territory.py", date="2018-02-01", view="On the day")
    assert not at.exception and not at.error
    estimate = next(m.value for m in at.markdown if m.value.startswith("**Best available estimate**"))
    assert "Agency A" in estimate and "also [Wire C" in estimate
    region_map = at.get("plotly_chart")[0].proto.spec
    assert "also: Wire C" in region_map  # Raqqa's holder rests on it too
    assert "[Wire C, “Original C”, 29 Jan 2018](https://example.org/c)" in texts(at)  # the map's sources
    holders = run("views/2_Territory.py", date="2018-02-01", view="Table").dataframe
    assert next(d.value for d in holders if "since" in d.value.columns).set_index("region").loc["Raqqa", "more_sources"] == "src-c"


def test_the_positions_tables_and_heatmap_cite_every_page(resting_dir):
    at = run("views/4_Positions.py", date="2018-02-01", section="Every stance")
    table = at.dataframe[0].value.set_index(["actor", "issue"])
    assert table.loc[("usa", "sochi-congress"), "more_sources"] == "src-c"
    assert table.loc[("usa", "sochi-congress"), "also"] == "Wire C, “Original C”, 2018-01-29"
    assert table.loc[("russia", "sochi-congress"), "also"] == ""
    at = run("views/4_Positions.py", date="2018-02-01", section="Side by side", actor="usa", other="russia")
    side = at.dataframe[0].value
    assert side.set_index("issue").loc["Sochi congress", "sources (United States)"] == "src-a; src-c"
    at = run("views/4_Positions.py", date="2018-02-01", section="Who stands where")
    hovers = [h for trace in json.loads(at.get("plotly_chart")[0].proto.spec)["data"] for row in trace.get("customdata") or []
              for h in (row if isinstance(row, list) else [row]) if isinstance(h, str)]
    hovers += [h for trace in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
               for row in trace.get("text") or [] for h in (row if isinstance(row, list) else [row]) if isinstance(h, str)]
    assert any("United States" in h and "also: Wire C" in h for h in hovers)


def test_the_briefing_pack_numbers_every_page_a_row_rests_on(resting_dir):
    page = briefing_html(load(resting_dir), "2018-02-01", "2016-01-01")
    sources = re.findall(r'<li id="src-(\d+)">([^<]*)', page)
    wire = next(n for n, text in sources if text.startswith("Wire C"))
    agency = next(n for n, text in sources if text.startswith("Agency A"))
    # the formed tie cites both pages, and says what its first day rests on
    formed = next(item for item in re.findall(r"<li>formed:.*?</li>", page) if "cooperation" in item)
    assert "29 Jun 2016 (dated by its page)" in formed
    assert f'href="#src-{agency}">{agency}</a>, <a href="#src-{wire}">{wire}</a>' in formed
    quote = next(item for item in re.findall(r"<li><b>Dmitry Peskov</b>.*?</li>", page))
    assert f'href="#src-{wire}"' in quote
