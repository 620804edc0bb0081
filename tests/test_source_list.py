"""The Sources page: one table of every source with the rows citing it, searchable, kept in the link."""
from app_pages import run
from sample_data import write_dataset

from alliances.dataset import load
from alliances.schema import TABLES
from alliances.source_list import search_sources, source_list


def test_each_source_counts_the_rows_citing_it_newest_first(tmp_path, mini_tables):
    table = source_list(load(write_dataset(tmp_path / "d", mini_tables)))
    assert list(table["id"][:2]) == ["src-b", "src-a"]  # 1 and 30 January 2018
    by_id = table.set_index("id")
    cited = sum(row.get("source_id") == "src-a" for name, rows in mini_tables.items() if name != "sources" for row in rows)
    assert by_id.loc["src-a", "rows citing"] == cited > 0
    assert by_id.loc["src-a", "url"] == "https://example.org/a" and by_id.loc["src-b", "url"] is None


def test_search_ignores_case_and_accents_and_needs_every_word(mini_dir):
    table = source_list(load(mini_dir))
    publisher = table.iloc[0]["publisher"]
    assert len(search_sources(table, publisher.upper())) >= 1
    assert search_sources(table, publisher + " no-such-word").empty


def test_sources_page_searches_and_keeps_the_search_in_the_link(mini_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    at = run("views/5_Sources.py")
    everything = len(at.dataframe[0].value)
    assert everything == len(load(mini_dir).sources)
    first = at.dataframe[0].value.iloc[0]
    at.text_input(key="source_q").input(first["title"]).run()
    assert list(at.dataframe[0].value["title"]) == [first["title"]]
    assert at.query_params["source_q"] == first["title"]


def test_the_data_dictionary_tab_documents_every_table(mini_dir, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(mini_dir))
    at = run("views/5_Sources.py", part="Data dictionary")
    assert [h.value for h in at.subheader] == [t.file + (" (optional)" if t.optional else "") for t in TABLES.values()]
    assert len(at.dataframe) == len(TABLES)  # one per table; the source list's tab did not run
