"""Property-based: whatever tables the loader is fed, it returns a Dataset or raises its own DatasetError.

Broken tables are made from the small sample dataset by one or more damages: a cell replaced by
any text (wrong types, huge cells, ids that point nowhere or make an affiliation cycle), columns
dropped, renamed or doubled, rows with a cell too many or too few, a table re-encoded (latin-1, utf-16, random bytes) or replaced by
random CSV text, and uploads (.zip, .xlsx) cut short or filled with noise. A dataset that still
loads must also be usable by the package's views of a day.
"""
from __future__ import annotations

import copy
import csv
import io
import warnings
import zipfile

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_data import MINI

from alliances import network, positions, quotes, territory
from alliances.dataset import Dataset, DatasetError, from_raw, raw_from_upload
from alliances.schema import TABLES

ASTANA_AXIS = ("russia", "iran", "turkey")  # the sample data's named group (groups.csv: astana)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TABLE_NAMES = sorted(MINI)
IDS = sorted({r["id"] for rows in MINI.values() for r in rows if "id" in r})


def csv_text(name: str, rows: list[dict], columns: list[str] | None = None) -> str:
    columns = columns or TABLES[name].column_names
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return out.getvalue()


def mini_raw() -> dict[str, str | bytes]:
    return {name: csv_text(name, rows) for name, rows in MINI.items()}


def answers_cleanly(raw: dict) -> Dataset | None:
    """The loader's only two answers; a Dataset it returns must serve every view of a day."""
    try:
        with warnings.catch_warnings():  # a parser warning means cells were silently dropped
            warnings.simplefilter("error", pd.errors.ParserWarning)
            ds = from_raw(raw, "property test")
    except DatasetError as error:
        assert error.problems, "a DatasetError names at least one problem"
        assert all(line.strip() for line in error.lines())
        return None
    assert isinstance(ds, Dataset)
    for day in (ds.first_day(), ds.last_day()):
        network.graph_as_of(ds, day, network.GraphFilters(focus=ASTANA_AXIS))
        positions.matrix(ds, day)
        territory.shares_as_of(ds, day)
        territory.region_holders(ds, day)
    quotes.QuoteFilters(search="a").apply(quotes.quotes_table(ds))
    return ds


# Cell values that break a rule, or almost do: wrong types, edge numbers, other tables' ids, markup.
odd_cells = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "nan", "NaN", "inf", "-inf", "1e400", "0x10", "1_0", "٣", "３", "-0", "2.5", "true", "TRUE",
                     "2018-02-30", "2018-1-5", "0000-01-01", "9999-12-31", "30/01/2018", "javascript:alert(1)",
                     "https://", "http://x y", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "a;b;;c", ";",
                     "\x00", "\ufeff", "\u202e", '"', "\n", "\r\n"]),
    st.sampled_from(IDS),
    st.integers(-10**20, 10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(10_000, 300_000).map(lambda n: "x" * n),  # huge cell
)


@st.composite
def damaged_cells(draw):
    tables = copy.deepcopy(MINI)
    for _ in range(draw(st.integers(1, 6))):
        name = draw(st.sampled_from(TABLE_NAMES))
        rows = tables[name]
        row = draw(st.integers(0, len(rows) - 1))
        column = draw(st.sampled_from(TABLES[name].column_names))
        rows[row][column] = draw(odd_cells)
    return {name: csv_text(name, rows) for name, rows in tables.items()}


@SETTINGS
@given(damaged_cells())
def test_damaged_cells(raw):
    answers_cleanly(raw)


@st.composite
def affiliations(draw):
    """Random affiliation links between actors: chains, cycles, self-links and ids that point nowhere."""
    tables = copy.deepcopy(MINI)
    actor_ids = [a["id"] for a in tables["actors"]]
    for actor in tables["actors"]:
        actor["affiliation"] = draw(st.one_of(st.just(""), st.sampled_from(actor_ids), st.sampled_from(["nobody", "Russia"])))
    return {name: csv_text(name, rows) for name, rows in tables.items()}


@SETTINGS
@given(affiliations())
def test_affiliation_links(raw):
    ds = answers_cleanly(raw)
    if ds is not None:  # a dataset that loads has no actor affiliated to itself through a chain
        parent = dict(zip(ds.actors["id"], ds.actors["affiliation"]))
        for actor in parent:
            seen, current = set(), actor
            while current and current not in seen:
                seen.add(current)
                current = parent.get(current, "")
            assert current != actor


@st.composite
def damaged_headers(draw):
    raw = mini_raw()
    name = draw(st.sampled_from(TABLE_NAMES))
    columns = list(TABLES[name].column_names)
    action = draw(st.sampled_from(["drop", "rename", "duplicate", "pad", "shuffle", "extra"]))
    index = draw(st.integers(0, len(columns) - 1))
    header = list(columns)
    if action == "drop":
        del header[index]
    elif action == "rename":
        header[index] = draw(st.text(max_size=12))
    elif action == "duplicate":
        header.insert(draw(st.integers(0, len(header))), draw(st.sampled_from(["", " ", "  "])) + columns[index])
    elif action == "pad":
        header[index] = " " + header[index] + "\t"
    elif action == "shuffle":
        header = draw(st.permutations(header))
    else:
        header.append(draw(st.text(max_size=12)))
    body = raw[name].split("\n", 1)[1]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(header)
    raw[name] = out.getvalue() + body
    return raw


@SETTINGS
@given(damaged_headers())
def test_damaged_headers(raw):
    answers_cleanly(raw)


@st.composite
def ragged_rows(draw):
    """Rows with cells more or fewer than the header (a stray comma, a cell cut short), the first data row among them."""
    raw = mini_raw()
    name = draw(st.sampled_from(TABLE_NAMES))
    header, *rows = list(csv.reader(io.StringIO(raw[name])))
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(rows) - 1))
        if draw(st.booleans()):
            rows[index] = rows[index] + draw(st.lists(st.one_of(st.just(""), st.sampled_from(IDS), st.text(max_size=8)),
                                                      min_size=1, max_size=3))
        else:
            rows[index] = rows[index][: draw(st.integers(0, len(rows[index])))]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    raw[name] = out.getvalue()
    return raw


@SETTINGS
@given(ragged_rows())
def test_ragged_rows(raw):
    answers_cleanly(raw)


@st.composite
def odd_encodings(draw):
    raw = mini_raw()
    name = draw(st.sampled_from(TABLE_NAMES))
    text = raw[name]
    how = draw(st.sampled_from(["latin-1", "cp1254", "utf-16", "utf-16-le", "utf-32", "utf-8-sig", "noise", "cut"]))
    if how == "noise":
        data = text.encode()
        at = draw(st.integers(0, len(data)))
        raw[name] = data[:at] + draw(st.binary(min_size=1, max_size=64)) + data[at:]
    elif how == "cut":  # a file cut short in the middle of a multi-byte character
        data = text.replace("Erdoğan", "Erdoğan ğğğ").encode()
        raw[name] = data[: draw(st.integers(0, len(data)))]
    else:
        raw[name] = text.encode(how, errors="replace")
    return raw


@SETTINGS
@given(odd_encodings())
def test_odd_encodings(raw):
    answers_cleanly(raw)


@SETTINGS
@given(st.sampled_from(TABLE_NAMES),
       st.one_of(st.text(max_size=400), st.binary(max_size=400),
                 st.lists(st.lists(st.text(max_size=8), max_size=8), max_size=8).map(
                     lambda rows: "\n".join(",".join(r) for r in rows))))
def test_random_csv_text(name, content):
    raw = mini_raw()
    raw[name] = content
    answers_cleanly(raw)


@SETTINGS
@given(st.dictionaries(st.sampled_from(TABLE_NAMES), st.one_of(st.text(max_size=80), st.binary(max_size=80)), max_size=9))
def test_random_tables_only(raw):
    answers_cleanly(raw)


def mini_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, text in mini_raw().items():
            z.writestr(f"{name}.csv", text)
    return buffer.getvalue()


def mini_xlsx() -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, text in mini_raw().items():
            pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False).to_excel(writer, sheet_name=name, index=False)
    return buffer.getvalue()


UPLOADS = {"data.zip": mini_zip(), "data.xlsx": mini_xlsx()}


@SETTINGS
@given(st.sampled_from(sorted(UPLOADS)), st.data())
def test_damaged_uploads(filename, data):
    content = UPLOADS[filename]
    how = data.draw(st.sampled_from(["cut", "flip", "noise"]))
    if how == "cut":
        content = content[: data.draw(st.integers(0, len(content)))]
    elif how == "flip":
        at = data.draw(st.integers(0, len(content) - 1))
        content = content[:at] + bytes([content[at] ^ data.draw(st.integers(1, 255))]) + content[at + 1:]
    else:
        content = data.draw(st.binary(max_size=2000))
    try:
        raw = raw_from_upload(filename, content)
    except DatasetError as error:
        assert error.problems
        return
    answers_cleanly(raw)
