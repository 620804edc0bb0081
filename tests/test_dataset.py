"""Loading and validation: every rule of the data contract has a fixture that breaks it."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from sample_data import write_dataset

from alliances.dataset import DatasetError, from_raw, load, raw_from_upload
from alliances.schema import TABLES

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "syria"


def problems_of(path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        load(path)
    return [str(p) for p in caught.value.problems]


def broken(tmp_path, mini_tables, table, row, column, value) -> list[str]:
    mini_tables[table][row][column] = value
    return problems_of(write_dataset(tmp_path / "broken", mini_tables))


def test_bundled_dataset_is_valid():
    ds = load(BUNDLED)
    assert len(ds.actors) > 0 and len(ds.sources) > 0
    core = {"russia", "iran", "turkey", "israel", "syria-gov", "syria-transitional", "usa", "sdf", "snc", "un",
            "hezbollah", "isis", "hts", "putin", "lavrov", "peskov", "lavrentiev", "erdogan", "rouhani", "assad",
            "al-sharaa", "de-mistura", "guterres", "shumilin", "rodi-osman"}
    assert core <= set(ds.actors["id"])


def test_mini_dataset_loads_with_types(mini):
    assert mini.relations["start"].dtype.kind == "M"
    assert mini.relations["intensity"].dtype.kind == "i"
    assert mini.quotes["verbatim"].tolist() == [False, True]
    assert pd.isna(mini.relations.loc[1, "end"])
    assert mini.first_day().isoformat() == "2011-01-01"


def test_unknown_actor_names_file_row_and_column(tmp_path, mini_tables):
    assert broken(tmp_path, mini_tables, "relations", 2, "target", "no-such-actor") == [
        "relations.csv row 4, target: 'no-such-actor' is not an actor id"]


def test_impossible_date(tmp_path, mini_tables):
    assert broken(tmp_path, mini_tables, "relations", 0, "start", "2018-13-45") == [
        "relations.csv row 2, start: '2018-13-45' is not a real date"]


def test_date_not_iso(tmp_path, mini_tables):
    assert broken(tmp_path, mini_tables, "quotes", 1, "date", "20/01/2018") == [
        "quotes.csv row 3, date: '20/01/2018' is not a date written YYYY-MM-DD"]


def test_end_before_start(tmp_path, mini_tables):
    assert broken(tmp_path, mini_tables, "relations", 0, "end", "2015-01-01") == [
        "relations.csv row 2, end: 2015-01-01 is before start 2015-11-24"]


def test_event_end_before_date(tmp_path, mini_tables):
    assert broken(tmp_path, mini_tables, "events", 0, "end", "2015-11-23") == [
        "events.csv row 2, end: 2015-11-23 is before date 2015-11-24"]


def test_duplicate_id(tmp_path, mini_tables):
    # Iran's row (row 4) now says turkey: the id is named twice, and the rows that named iran name an unknown actor
    assert broken(tmp_path, mini_tables, "actors", 2, "id", "turkey") == [
        "actors.csv row 4, id: 'turkey' is used by an earlier row too", "groups.csv row 3, actor: 'iran' is not an actor id"]


def test_id_not_a_slug(tmp_path, mini_tables):
    mini_tables["sources"][0]["id"] = "Src A"
    for rows in (mini_tables["relations"], mini_tables["quotes"], mini_tables["stances"], mini_tables["territory"], mini_tables["events"]):
        for row in rows:
            if row["source_id"] == "src-a":
                row["source_id"] = "Src A"
    assert problems_of(write_dataset(tmp_path / "b", mini_tables)) == [
        "sources.csv row 2, id: 'Src A' is not a slug (lowercase letters, digits and single hyphens)"]


@pytest.mark.parametrize("table, row, column, value, expected", [
    ("actors", 0, "kind", "country", "actors.csv row 2, kind: 'country' is not one of: state, government, armed_group, political_group, international_org, person, other"),
    ("relations", 0, "type", "friendship", "relations.csv row 2, type: 'friendship' is not one of: alliance, support, cooperation, mediation, rivalry, hostility"),
    ("relations", 0, "intensity", "4", "relations.csv row 2, intensity: 4 is outside 1 to 3"),
    ("relations", 0, "intensity", "strong", "relations.csv row 2, intensity: 'strong' is not a whole number"),
    ("stances", 0, "position", "3", "stances.csv row 2, position: 3 is outside -2 to 2"),
    ("quotes", 0, "verbatim", "yes", "quotes.csv row 2, verbatim: 'yes' is not true or false"),
    ("events", 0, "kind", "war", "events.csv row 2, kind: 'war' is not one of: diplomacy, military, political, humanitarian"),
    ("events", 0, "actors", "turkey;atlantis", "events.csv row 2, actors: not an actor id: 'atlantis'"),
    ("actors", 0, "colour", "red", "actors.csv row 2, colour: 'red' is not a colour written #RRGGBB"),
    ("groups", 0, "group", "Astana Axis", "groups.csv row 2, group: 'Astana Axis' is not a slug (lowercase letters, digits and single hyphens)"),
    ("control", 0, "share", "half", "control.csv row 2, share: 'half' is not one of: most, part, none"),
    ("sources", 0, "kind", "blog", "sources.csv row 2, kind: 'blog' is not one of: news, official, research, dataset, reference"),
    ("sources", 0, "url", "javascript:alert(1)", "sources.csv row 2, url: 'javascript:alert(1)' is not an http(s) address"),
    ("stances", 0, "issue", "world-peace", "stances.csv row 2, issue: 'world-peace' is not an issue id"),
    ("stances", 0, "quote_id", "nope", "stances.csv row 2, quote_id: 'nope' is not a quote id"),
    ("stances", 0, "source_id", "", "stances.csv row 2, source_id: is empty but required"),
    ("relations", 0, "source_id", "", "relations.csv row 2, source_id: is empty but required"),
    ("events", 0, "source_id", "unknown-source", "events.csv row 2, source_id: 'unknown-source' is not a source id"),
    ("actors", 8, "affiliation", "atlantis", "actors.csv row 10, affiliation: 'atlantis' is not an actor id"),
    ("relations", 0, "target", "russia", "relations.csv row 2, target: 'russia' is tied to itself"),
])
def test_value_rules(tmp_path, mini_tables, table, row, column, value, expected):
    assert broken(tmp_path, mini_tables, table, row, column, value) == [expected]


def test_territory_must_add_up(tmp_path, mini_tables):
    assert broken(tmp_path, mini_tables, "territory", 0, "share_pct", "40") == [
        "territory.csv row 2, share_pct: shares for 2018-01-30 from 'src-a' add up to 85, not 100 (± 2); add a 'contested' row for the remainder"]


def test_territory_share_out_of_range(tmp_path, mini_tables):
    assert "territory.csv row 2, share_pct: 155 is outside 0 to 100" in broken(tmp_path, mini_tables, "territory", 0, "share_pct", "155")


def test_contradicting_stances_on_one_day(tmp_path, mini_tables):
    mini_tables["stances"].append({"actor": "usa", "issue": "sochi-congress", "date": "2018-01-30", "position": "1",
                                   "source_id": "src-b"})
    assert problems_of(write_dataset(tmp_path / "b", mini_tables)) == [
        "stances.csv row 6, position: 1 contradicts row 4 (-1), the same actor on the same issue on the same day"]


def test_agreeing_stances_on_one_day_are_kept(tmp_path, mini_tables):
    mini_tables["stances"].append({"actor": "usa", "issue": "sochi-congress", "date": "2018-01-30", "position": "-1",
                                   "source_id": "src-b"})
    assert len(load(write_dataset(tmp_path / "ok", mini_tables)).stances) == 5


def test_affiliation_cycle(tmp_path, mini_tables):
    mini_tables["actors"][0]["affiliation"] = "peskov"  # russia -> peskov -> russia
    found = problems_of(write_dataset(tmp_path / "b", mini_tables))
    assert "actors.csv row 2, affiliation: 'russia' is, through its affiliations, affiliated to itself" in found


def test_every_problem_is_reported_at_once(tmp_path, mini_tables):
    mini_tables["relations"][0]["target"] = "nobody"
    mini_tables["quotes"][0]["date"] = "2018-02-30"
    found = problems_of(write_dataset(tmp_path / "b", mini_tables))
    assert len(found) == 2


def test_missing_column(tmp_path, mini_dir):
    path = mini_dir / "relations.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns=["intensity"])
    frame.to_csv(path, index=False)
    assert problems_of(mini_dir) == ["relations.csv row 1, intensity: column is missing from the header"]


def test_missing_file(mini_dir):
    (mini_dir / "relations.csv").unlink()
    assert problems_of(mini_dir) == ["relations.csv: file is missing"]


def test_only_actors_relations_and_sources_are_required(mini_dir):
    for path in mini_dir.glob("*.csv"):
        if path.stem not in ("actors", "relations", "sources"):
            path.unlink()
    ds = load(mini_dir)
    assert len(ds.relations) and ds.quotes.empty and ds.territory.empty and ds.issues.empty and ds.groups.empty


def test_optional_control_may_be_absent(mini_dir):
    (mini_dir / "control.csv").unlink()
    assert not load(mini_dir).has_control


def test_not_utf8(mini_dir):
    path = mini_dir / "actors.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1254"))  # Erdoğan in a Turkish code page
    [problem] = problems_of(mini_dir)
    assert problem.startswith("actors.csv row 11: is not UTF-8 text")


def test_empty_file(mini_dir):
    (mini_dir / "issues.csv").write_text("")
    assert problems_of(mini_dir) == ["issues.csv: file is empty (it needs at least the header row)"]


def test_malformed_csv(mini_dir):
    with open(mini_dir / "issues.csv", "a", encoding="utf-8") as handle:
        handle.write('extra,"unclosed,quote\n')
    [problem] = problems_of(mini_dir)
    assert problem.startswith("issues.csv: is not valid CSV")


@pytest.mark.parametrize("row", [0, 1])  # the first data row too: pandas would take its first cell for an index
def test_row_with_a_cell_too_many(tmp_path, mini_tables, row):
    first = next(iter(mini_tables["relations"][row]))
    mini_tables["relations"][row][first] = "russia,extra"  # written unquoted below: one cell more than the header
    folder = write_dataset(tmp_path / "b", mini_tables)
    path = folder / "relations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace('"russia,extra"', "russia,extra"), encoding="utf-8")
    header_cells = len(path.read_text(encoding="utf-8").splitlines()[0].split(","))
    assert problems_of(folder) == [f"relations.csv row {row + 2}: has {header_cells + 1} cells but the header has "
                                   f"{header_cells} (a stray comma, or a cell with a comma that is not in quotes?)"]


def test_row_too_long_in_a_file_with_a_bare_carriage_return(mini_dir):
    # an old Mac line end between two rows: the first data row's extra cell is still found, not silently dropped
    path = mini_dir / "issues.csv"
    header, first, *rest = path.read_text(encoding="utf-8").splitlines()
    rows = [*rest, "extra-a,Title A,Question A?", "extra-b,Title B,Question B?"]
    path.write_text("\n".join([header, first + ",one more", "\r".join(rows)]) + "\n", encoding="utf-8")
    [problem] = problems_of(mini_dir)
    cells = len(header.split(","))
    assert problem.startswith(f"issues.csv row 2: has {cells + 1} cells but the header has {cells}")


def test_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    [problem] = problems_of(tmp_path / "empty")
    assert "no dataset files found" in problem


def test_missing_folder(tmp_path):
    assert problems_of(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: no such folder or file"]


def test_loading_never_writes(mini_dir, mini_tables):
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in mini_dir.iterdir()}
    load(mini_dir)
    mini_tables["relations"][0]["target"] = "nobody"
    write_dataset(mini_dir, mini_tables)
    written = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in mini_dir.iterdir()}
    with pytest.raises(DatasetError):
        load(mini_dir)
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in mini_dir.iterdir()} == written
    assert set(before) == set(written)


def test_zip_upload_equals_folder(mini_dir):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for f in mini_dir.glob("*.csv"):
            z.write(f, f"dataset/{f.name}")
    ds = from_raw(raw_from_upload("my.zip", buffer.getvalue()), "my.zip")
    assert ds.key == load(mini_dir).key


def test_xlsx_upload(mini_dir):
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for f in mini_dir.glob("*.csv"):
            pd.read_csv(f, dtype=str, keep_default_na=False).to_excel(writer, sheet_name=f.stem, index=False)
    ds = from_raw(raw_from_upload("my.xlsx", buffer.getvalue()), "my.xlsx")
    assert len(ds.relations) == len(load(mini_dir).relations)


def test_bad_upload_kinds():
    with pytest.raises(DatasetError, match="problem"):
        raw_from_upload("data.zip", b"not a zip")
    with pytest.raises(DatasetError):
        raw_from_upload("data.xlsx", b"not a workbook")
    with pytest.raises(DatasetError):
        raw_from_upload("data.txt", b"hello")


def test_every_table_has_a_file_name_and_source_rule():
    for table in TABLES.values():  # every table of facts cites; the lists, the map's layout and the groups do not
        if table.name not in ("actors", "sources", "issues", "regions", "groups"):
            assert "source_id" in table.column_names, table.name


def test_doubled_column_is_a_problem_not_a_crash(mini_dir):
    path = mini_dir / "issues.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("id,title,question", "id,title,question, id", 1), encoding="utf-8")
    assert problems_of(mini_dir) == ["issues.csv row 1, id: column appears more than once in the header"]


def test_a_column_of_an_unknown_kind_is_refused_where_the_schema_is_defined():
    from alliances.schema import Column
    with pytest.raises(ValueError, match="unknown kind 'slug'"):
        Column("x", "slug", "a kind the loader does not read")


def test_every_kind_is_used_and_every_rule_the_dictionary_shows_is_the_one_that_runs():
    from alliances.rules import RowRule
    from alliances.schema import KINDS, TABLES
    assert {c.kind for t in TABLES.values() for c in t.columns} == set(KINDS)
    rules = [rule for t in TABLES.values() for rule in t.checks]
    assert rules and all(isinstance(rule, RowRule) and rule.text and callable(rule.check) for rule in rules)


def test_a_rule_s_problem_comes_from_its_own_check(mini_tables):
    from alliances.rules import SHARES_ADD_UP
    from alliances.schema import TABLES
    frames = {name: pd.DataFrame([{c: str(r.get(c, "")) for c in TABLES[name].column_names} for r in rows],
                                 columns=TABLES[name].column_names) for name, rows in mini_tables.items()}
    frames["territory"].loc[0, "share_pct"] = "70"
    [problem] = SHARES_ADD_UP.check(frames)
    assert (problem.file, problem.row, problem.column) == ("territory.csv", 2, "share_pct")
    assert "add up to 115" in problem.message
