"""Links: every parameter is declared once (alliances/links.py), documented in the README, encoded one way, and
no link, however hostile, makes a page raise."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from app_pages import PAGES, TITLES, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_data import MINI, write_dataset

from alliances.dataset import load
from alliances.links import PARAMS, join_list, reference_table, split_list

ROOT = Path(__file__).resolve().parent.parent

HOSTILE = ("", " ", "1982-08-01", "1900-01-01", "0001-01-01", "2999-12-31", "2018-02-30", "2018-13-01", "2018-1-5",
           "not a date", ",", ",,", "%", "%2C", "%ZZ", "<script>alert(1)</script>", "nobody", "0", "-1", "11",
           "99999999999999999999", "1..2", "2018-01-01..", "..", "Astana guarantors,nobody", "a,b%2Cc", "javascript:x",
           "Cards", "Timeline", "Export", "Table")


def odd_days_tables() -> dict[str, list[dict]]:
    """The mini dataset moved to a leap-year span around 2000 (before the app's 2011 default start), with a bloc
    whose name holds a comma: its first and last days are odd, and any default 90 days back lies outside it."""
    tables = {name: [dict(r) for r in rows] for name, rows in MINI.items()}
    for rows in tables.values():
        for row in rows:
            for col in ("date", "start"):
                if row.get(col):
                    row[col] = ("1999-12-31" if row[col] < "2016-07-01" else "2000-01-31" if row[col] < "2018-01-01"
                                else "2000-02-29")
            if row.get("end"):
                row["end"] = "2000-02-29"
    for row in tables["actors"]:
        if row["bloc"] == "Kurdish-led":
            row["bloc"] = "Kurdish-led, with allies"
    tables["quotes"][0]["date"] = "2000-03-01"
    return tables


@pytest.fixture(scope="module")
def odd_dir(tmp_path_factory):
    return write_dataset(tmp_path_factory.mktemp("odd") / "data", odd_days_tables())


def test_every_parameter_is_in_the_readme_link_reference():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert reference_table() in readme, "README's link reference differs: paste `python -m alliances.links`"


def test_every_parameter_the_code_names_is_declared():
    """A name the pages bind (bound("x", ...), key="x" of a bound helper, restore_from_url("x")) is in the registry."""
    code = "\n".join(p.read_text(encoding="utf-8") for folder in ("app", "views") for p in (ROOT / folder).glob("*.py"))
    named = set(re.findall(r"(?:restore_from_url|write_to_url|bound|_in_url)\(\s*\"(\w+)\"", code))
    named |= set(re.findall(r"(?:bound_\w+|_in_url)\([^)]*?key=\"(\w+)\"", code, re.S))
    assert named and named <= set(PARAMS), sorted(named - set(PARAMS))


@given(st.lists(st.text(min_size=1), max_size=6))
def test_a_list_comes_back_as_it_was_written(values):
    assert split_list(join_list(values)) == values


def test_a_list_value_with_a_comma_or_percent_is_encoded():
    assert join_list(["Syrian, opposition", "100%"]) == "Syrian%2C opposition,100%25"


@pytest.mark.parametrize("data", ["bundled", "odd"])
def test_a_day_near_the_first_opens_the_overview(data, odd_dir, monkeypatch):
    """The default comparison day, 90 days back, is moved into the date control's range (it raised)."""
    if data == "odd":
        monkeypatch.setenv("DASHBOARD_DATA_DIR", str(odd_dir))
        day, first = "2000-01-15", dt.date(1999, 12, 31)
    else:
        monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
        day, first = "1982-08-01", load(ROOT / "data" / "syria").first_day()  # 1 Jul 1982: an old event
    at = run("views/0_Overview.py", date=day)
    assert not at.exception
    assert at.date_input(key="since").value == first
    at = run("views/0_Overview.py", date=day, since="1900-01-01")
    assert not at.exception and at.date_input(key="since").value == first


def test_a_bloc_with_a_comma_round_trips_through_a_network_link(odd_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(odd_dir))
    at = run("views/1_Network.py")
    at.multiselect(key="blocs").set_value(["Kurdish-led, with allies", "UN"]).run()
    written = at.query_params["blocs"]
    again = run("views/1_Network.py", blocs=written)
    assert again.multiselect(key="blocs").value == ["Kurdish-led, with allies", "UN"]


def test_a_bloc_with_a_comma_round_trips_through_a_quotes_link(tmp_path, monkeypatch):
    tables = odd_days_tables()
    tables["quotes"][1].update(speaker="sdf", on_behalf="")  # a speaker of the bloc whose name holds a comma
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(write_dataset(tmp_path / "d", tables)))
    at = run("views/3_Quotes.py")
    at.multiselect(key="bloc").set_value(["Kurdish-led, with allies"]).run()
    again = run("views/3_Quotes.py", bloc=at.query_params["bloc"])
    assert again.multiselect(key="bloc").value == ["Kurdish-led, with allies"]


def test_a_publisher_with_a_comma_round_trips_through_a_territory_link(tmp_path, monkeypatch):
    tables = odd_days_tables()
    tables["sources"][1]["publisher"] = "Institute B, Istanbul office"
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(write_dataset(tmp_path / "d", tables)))
    at = run("views/2_Territory.py")
    at.selectbox(key="source").set_value("Institute B, Istanbul office").run()
    again = run("views/2_Territory.py", source=at.query_params["source"])
    assert again.selectbox(key="source").value == "Institute B, Istanbul office"


def _params_of(page: str) -> list[str]:
    title = TITLES[page]
    return sorted(name for name, p in PARAMS.items() if p.pages == "every page" or title in p.pages)


def _link(page: str):
    values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
    examples = {name: st.sampled_from(PARAMS[name].examples) | values if PARAMS[name].examples else values
                for name in _params_of(page)}
    return st.fixed_dictionaries({}, optional=examples)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("data", ["bundled", "odd"])
def test_no_link_makes_a_page_raise(page, data, odd_dir, monkeypatch):
    if data == "odd":
        monkeypatch.setenv("DASHBOARD_DATA_DIR", str(odd_dir))
    else:
        monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)

    @settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(_link(page))
    def opens(params):
        at = run(page, **params)
        assert not at.exception, (params, [e.value for e in at.exception])
    opens()
