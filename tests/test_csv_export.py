import datetime as dt
import io

import openpyxl
import pandas as pd

from alliances.csv_export import csv_bytes, excel_bytes

HOSTILE = "=HYPERLINK(\"http://x\",\"click\")"


def test_csv_is_utf8_with_iso_dates_and_formulas_made_inert():
    frame = pd.DataFrame({"date": pd.to_datetime(["2018-01-30"]), "note": [HOSTILE],
                          "name": ["Erdoğan"], "share": [-5.5]})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines() == ["date,note,name,share",
                                 "2018-01-30,\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",Erdoğan,-5.5"]


def test_csv_headers_and_every_formula_start_are_made_inert():
    frame = pd.DataFrame({"@SUM(A1)": ["+1", "-2", "@x", "\t=1", "\r=1", "a=b", None]})
    read = pd.read_csv(io.BytesIO(csv_bytes(frame)), encoding="utf-8-sig", keep_default_na=False)
    assert list(read.columns) == ["'@SUM(A1)"]
    assert read.iloc[:, 0].tolist() == ["'+1", "'-2", "'@x", "'\t=1", "'\r=1", "a=b", ""]


def open_sheet(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_excel_writes_formulas_as_text_and_keeps_numbers_and_dates():
    frame = pd.DataFrame({"date": pd.to_datetime(["2018-01-30", None]), "note": [HOSTILE, "plain"],
                          "=header": ["-2", "Erdoğan"], "share": [-5.5, 3]})
    sheet = open_sheet(excel_bytes(frame))
    rows = [[cell for cell in row] for row in sheet.iter_rows()]
    assert [c.value for c in rows[0]] == ["date", "note", "=header", "share"]
    note, header = rows[1][1], rows[0][2]
    for cell in (note, header, rows[1][2]):
        assert cell.data_type == "s" and cell.quotePrefix  # text, not a formula, and stays text when edited
    assert note.value == HOSTILE  # the text itself is kept as it was written
    assert not rows[2][1].quotePrefix and rows[2][2].value == "Erdoğan"
    assert rows[1][0].value == dt.datetime(2018, 1, 30) and rows[1][0].number_format == "YYYY-MM-DD"
    assert rows[2][0].value is None
    assert [rows[1][3].value, rows[2][3].value] == [-5.5, 3] and rows[1][3].data_type == "n"


def test_excel_drops_characters_a_workbook_cannot_hold():
    sheet = open_sheet(excel_bytes(pd.DataFrame({"bell\x07": ["ring\x07 \x00twice"]})))
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["bell"], ["ring twice"]]
