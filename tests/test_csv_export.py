import pandas as pd

from alliances.csv_export import csv_bytes


def test_csv_is_utf8_with_iso_dates_and_formulas_made_inert():
    frame = pd.DataFrame({"date": pd.to_datetime(["2018-01-30"]), "note": ["=HYPERLINK(\"http://x\")"],
                          "name": ["Erdoğan"], "share": [-5.5]})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines() == ["date,note,name,share", "2018-01-30,\"'=HYPERLINK(\"\"http://x\"\")\",Erdoğan,-5.5"]
