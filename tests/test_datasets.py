"""Any conflict: each bundled dataset describes itself (datapackage.json, generated from the schema, valid for
Frictionless), the code names no conflict, and every page works on each bundled dataset, on a dataset with only
actors, relations and sources, and from a link naming the dataset."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from app_pages import PAGES, run
from sample_data import MINI, write_dataset

from alliances.datapackage import DESCRIPTOR, bundled, refreshed
from alliances.dataset import load
from alliances.presentation import BLOC_PALETTE, actor_colours, bloc_colours

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DATASETS = sorted(p.name for p in DATA.iterdir() if (p / "actors.csv").is_file())
CODE = [p for folder in ("alliances", "app", "views") for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".html", ".js")]
CODE.append(ROOT / "dashboard.py")


def test_both_conflicts_are_bundled_and_syria_opens_by_default():
    assert {"syria", "libya"} <= set(DATASETS)
    assert next(iter(bundled(DATA))) == "syria"  # a link without ?dataset= opens what every older link opened


def test_the_code_names_no_conflict():
    words = re.compile(r"syria|astana|governorate", re.I)
    found = [f"{p.relative_to(ROOT)}:{n}" for p in CODE for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if words.search(line)]
    assert not found, "conflict-specific words belong in the data: " + ", ".join(found)


@pytest.mark.parametrize("name", DATASETS)
def test_the_descriptor_is_the_schema_s(name):
    on_disk = json.loads((DATA / name / DESCRIPTOR).read_text(encoding="utf-8"))
    assert on_disk == refreshed(DATA / name), "regenerate it: python -m alliances.datapackage data/" + name
    for key in ("title", "description", "region", "licenses", "version", "curated", "contributors"):
        assert on_disk.get(key), key


@pytest.mark.parametrize("name", DATASETS)
def test_frictionless_validates_the_package(name):
    from frictionless import validate
    report = validate(str(DATA / name / DESCRIPTOR))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


@pytest.mark.parametrize("name", DATASETS)
def test_the_loader_reads_the_descriptor(name):
    ds = load(DATA / name)
    described = json.loads((DATA / name / DESCRIPTOR).read_text(encoding="utf-8"))
    assert (ds.meta.title, ds.meta.region, ds.meta.curated) == (described["title"], described["region"], described["curated"])
    assert not ds.meta.problem


def test_no_descriptor_gives_defaults_and_a_broken_one_never_blocks(tmp_path):
    folder = write_dataset(tmp_path / "mini", MINI)
    assert load(folder).meta.title == "mini" and load(folder).meta.ground == "the territory"
    (folder / DESCRIPTOR).write_text("{not json", encoding="utf-8")
    ds = load(folder)
    assert ds.meta.title == "mini" and "could not be read" in ds.meta.problem
    stale = refreshed(DATA / "syria")
    for resource in stale["resources"]:
        resource.update(hash="sha256:0000", bytes=1)  # edited in a spreadsheet since: never checked
    (folder / DESCRIPTOR).write_text(json.dumps(stale), encoding="utf-8")
    assert load(folder).meta.region == "Syria"


def test_blocs_get_distinct_colours_up_to_the_palette_and_actors_keep_fixed_ones():
    blocs = [f"bloc {n}" for n in range(len(BLOC_PALETTE) + 3)]
    colours = bloc_colours(blocs)
    assert len(set(colours[b] for b in blocs[:len(BLOC_PALETTE)])) == len(BLOC_PALETTE)
    assert colours[blocs[len(BLOC_PALETTE)]] == colours[blocs[0]]  # beyond the palette they repeat, named everywhere
    syria = load(DATA / "syria")
    fixed = actor_colours(syria.actors)
    assert fixed["sdf"] == "#DDCC77" and fixed["contested"] == "#E8E8E8"
    assert fixed["peskov"] == bloc_colours(syria.actors["bloc"])["Astana guarantors"]  # a person keeps the bloc's


# ---------------------------------------------------------------- pages

PAGE_VIEWS = [(page, {}) for page in PAGES] + [
    ("views/1_Network.py", {"tab": "Actor"}), ("views/2_Territory.py", {"view": "On the day"}),
    ("views/2_Territory.py", {"view": "Table"}), ("views/3_Quotes.py", {"show": "Cards"}),
    ("views/4_Positions.py", {"section": "Every stance"})]


@pytest.mark.parametrize(("page", "params"), PAGE_VIEWS)
def test_every_page_on_the_second_conflict_from_its_link(page, params, monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = run(page, dataset="libya", date="2020-01-19", **params)
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.selectbox(key="dataset").value == "libya" and at.query_params["dataset"] == "libya"
    assert any("Libya, 2011 to 2025" in c.value for c in at.sidebar.caption)


def test_the_libya_network_offers_its_own_groups(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = run("views/1_Network.py", dataset="libya", date="2020-01-19", focus="haftar-backers")
    assert not at.exception
    assert at.selectbox(key="focus").value == "haftar-backers"
    assert not [b for b in at.button if b.key == "preset_astana"]
    assert any("over time" in m.value and "Haftar" in m.value for m in at.markdown)


def test_a_dataset_with_only_actors_relations_and_sources(tmp_path, monkeypatch):
    folder = write_dataset(tmp_path / "bare", {t: MINI[t] for t in ("actors", "relations", "sources")})
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    for page, params in PAGE_VIEWS:
        at = run(page, date="2018-01-30", **params)
        assert not at.exception and not at.error, (page, [e.value for e in at.error])
        assert not [s for s in at.selectbox if s.key == "dataset"]  # DASHBOARD_DATA_DIR names one dataset
    quotes = run("views/3_Quotes.py")
    assert "This dataset holds no quotes" in quotes.info[0].value


def test_the_contract_document_holds_the_schema_s_tables():
    from alliances.template import contract_markdown
    assert contract_markdown() in (ROOT / "docs" / "data-contract.md").read_text(encoding="utf-8"), \
        "docs/data-contract.md's columns differ from the schema: paste contract_markdown()"


# ---------------------------------------------------------------- the briefing pack and the exports

def _datasets_to_export(tmp_path):
    bare = load(write_dataset(tmp_path / "bare", {t: MINI[t] for t in ("actors", "relations", "sources")}))
    return {"libya": load(DATA / "libya"), "syria": load(DATA / "syria"), "bare": bare}


def test_the_briefing_pack_and_the_exports_on_each_dataset(tmp_path):
    import io
    import xml.etree.ElementTree as ET

    import networkx as nx

    from alliances import network
    from alliances.briefing import briefing_html
    from alliances.dataset import from_raw, raw_from_upload
    from alliances.dataset_files import workbook_bytes, zip_bytes

    for name, ds in _datasets_to_export(tmp_path).items():
        day = "2020-01-19" if name != "bare" else "2018-01-30"
        pack = briefing_html(ds, day, "2019-10-01")
        assert f"<h1>{ds.meta.title}: alliances as of" in pack and "Sources</h2>" in pack, name
        if name == "libya":
            assert "Berlin conference participants (January 2020) over time</h2>" in pack
        graph = network.graph_as_of(ds, day)
        assert graph.number_of_edges() > 0, name
        nx.read_graphml(io.BytesIO(network.to_graphml(graph)))
        ET.fromstring(network.to_gexf(graph))
        history = network.history_graph(ds)
        ET.fromstring(network.to_dynamic_gexf(history))
        assert len(network.history_edges_table(history)) == len(history.edges)
        for file, data in (("d.zip", zip_bytes(ds)), ("d.xlsx", workbook_bytes(ds))):
            again = from_raw(raw_from_upload(file, data), file)
            assert len(again.relations) == len(ds.relations) and len(again.control) == len(ds.control), (name, file)
            if file.endswith(".zip"):
                assert again.meta.title == ds.meta.title  # the zip carries its datapackage.json
