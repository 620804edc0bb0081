"""Every page under AppTest with the hostile dataset (tests/hostile_data.py): no exception, and the
dataset's text reaches markdown, charts and the network's HTML only escaped. The browser half of
this proof is tests/e2e/test_hostile.py."""
from __future__ import annotations

import json
import re

import pytest
from app_pages import PAGES, run
from hostile_data import SCRIPT_TAG, URL_PAYLOAD, hostile_tables, write_hostile_dataset
from sample_data import write_dataset

from alliances.dataset import DatasetError, load

UNESCAPED_MARKUP = re.compile(r"(?<!\\)<")  # md() writes every '<' as '\<'
TEXT_ELEMENTS = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "success", "error", "text")


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    return write_hostile_dataset(tmp_path_factory.mktemp("hostile") / "data")


OWN_TAGS = re.compile(r"</?(?:b|i|br|em)>")


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


# every page, and each tab that runs only when open
VIEWS = [(page, {}) for page in PAGES] + \
    [("views/1_Network.py", {"tab": tab}) for tab in ("Tensions and centrality", "Actor", "Export")] + \
    [("views/2_Territory.py", {"view": view}) for view in ("On the day", "Table")] + \
    [("views/3_Quotes.py", {"show": "Cards"})] + \
    [("views/4_Positions.py", {"section": s}) for s in ("Camps", "Agreement", "Issue over time", "Side by side",
                                                       "Every stance")] + \
    [("views/5_Sources.py", {"part": "Data dictionary"})]


@pytest.mark.parametrize("page, tab", VIEWS, ids=lambda v: str(v))
def test_hostile_text_reaches_the_page_escaped(page, tab, hostile_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(hostile_dir))
    at = run(page, date="2018-01-30", **tab)
    assert not at.exception
    assert not at.error
    texts = [(kind, str(e.value)) for kind in TEXT_ELEMENTS for e in at.get(kind) if "pwned" in str(e.value)]
    for kind, value in texts:
        assert not UNESCAPED_MARKUP.search(value), f"{kind}: {value[:200]}"
    for chart in at.get("plotly_chart"):
        shown = [s for s in strings(json.loads(chart.proto.spec)) if "pwned" in s]
        assert shown, "the chart shows no dataset text"
        # our own formatting tags may wrap the escaped text; any other '<' is dataset markup that got through
        assert not [s for s in shown if "<" in OWN_TAGS.sub("", s)], "dataset text in a chart unescaped"
    for frame in at.get("iframe"):
        html = frame.proto.srcdoc
        assert "pwned" in html and SCRIPT_TAG not in html and "</script><script>window" not in html


def test_loader_refuses_a_javascript_url(tmp_path):
    tables = hostile_tables()
    tables["sources"][0]["url"] = "javascript:window.__pwned=1"
    tables["sources"][1]["url"] = "JAVASCRIPT:alert(1)"
    with pytest.raises(DatasetError) as caught:
        load(write_dataset(tmp_path / "js", tables))
    assert [str(p) for p in caught.value.problems] == [
        "sources.csv row 2, url: 'javascript:window.__pwned=1' is not an http(s) address",
        "sources.csv row 3, url: 'JAVASCRIPT:alert(1)' is not an http(s) address"]


def test_hostile_dataset_is_valid_and_hostile_everywhere(hostile_dir):
    ds = load(hostile_dir)
    assert SCRIPT_TAG in ds.actors.loc[0, "name"] and ds.sources.loc[0, "url"] == URL_PAYLOAD
    assert SCRIPT_TAG in ds.quotes.loc[0, "text"] and SCRIPT_TAG in ds.relations.loc[0, "note"]
