"""The 'Add from an article' page under AppTest: paste, read, find, review, apply, and what goes wrong."""
import io
import re
import zipfile

import pytest
from app_pages import run

from alliances.dataset import from_raw, raw_from_upload
from alliances.dataset_files import workbook_bytes, zip_bytes

PAGE = "views/6_Add.py"
ARTICLE = ("Allies stand by Damascus as talks stall\n"
           "Russia and Iran backed the Syrian government, Lavrov said on Tuesday.\n"
           '"We will keep up our support for Damascus," Lavrov said.\n'
           '"Sochi is a rival platform," said Ivan Petrov, head of a Moscow think tank.\n'
           "Meanwhile, the Kurds are vowing to pursue their own path with control of 25 percent of Syrian territory.")


def read(text: str):
    at = run(PAGE)
    at.text_area(key="intake_text").input(text)
    at.button(key="intake_read").click().run()
    return at


def found(text: str = ARTICLE, day: str = "2018-01-30", publisher: str = "Example News"):
    import datetime
    at = read(text)
    form = at.get("form")[0] if at.get("form") else None
    assert form is not None, [e.value for e in at.error]
    at.text_input[0].input(publisher)
    at.date_input[0].set_value(datetime.date.fromisoformat(day))
    at.button[-1].click() if False else None
    submit = next(b for b in at.button if b.label == "Find candidates")
    submit.click().run()
    return at


def editor(at, kind):
    return next(e for e in at.data_editor if e.key and e.key.startswith(f"intake_{kind}_"))


def test_reading_an_article_offers_its_source_and_candidates():
    at = found()
    assert not at.exception
    quotes = editor(at, "quotes").value
    assert quotes[["text", "speaker"]].values.tolist() == [
        ["We will keep up our support for Damascus", "lavrov"], ["Sochi is a rival platform", None]]
    assert not quotes["accept"].any()  # nothing accepted until the analyst says so
    territory = editor(at, "territory").value
    assert territory[["actor", "share_pct"]].values.tolist() == [["sdf", 25.0]]
    unknown = editor(at, "actors").value
    assert unknown["name"].tolist() == ["Ivan Petrov"]
    tabs = [t.label for t in at.tabs]
    assert "Quotes (2)" in tabs and "Territory (1)" in tabs


def test_accepting_and_applying_adds_the_rows_to_every_page():
    at = found()
    next(b for b in at.button if b.key == "intake_all_quotes").click().run()
    quotes_key = editor(at, "quotes").key
    at.session_state[quotes_key] = {"edited_rows": {1: {"accept": False}}, "added_rows": [], "deleted_rows": []}
    at.run()
    counts = [c.value for c in at.caption if c.value.endswith(" accepted")]
    quotes = len(at.session_state["intake_base"]["quotes"])
    assert counts[0] == f"{quotes - 1} of {quotes} accepted" and counts[1].startswith("0 of ")  # what Apply will add
    next(b for b in at.button if b.key == "intake_all_territory").click().run()
    at.button(key="intake_apply").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Added to this session's dataset" in at.success[0].value
    ds = at.session_state["uploaded_dataset"]
    added = ds.quotes[ds.quotes["text"] == "We will keep up our support for Damascus"]
    assert added[["speaker", "verbatim", "date"]].astype(str).values.tolist() == [["lavrov", "True", "2018-01-30"]]
    assert not (ds.quotes["text"] == "Sochi is a rival platform").any()
    rows = ds.territory[ds.territory["source_id"] == added["source_id"].iloc[0]]
    assert sorted(zip(rows["actor"], rows["share_pct"])) == [("contested", 75.0), ("sdf", 25.0)]
    # the Quotes page of the same session shows the new quote
    at.switch_page("views/3_Quotes.py").run()
    assert not at.exception
    # and the dataset downloads load again as they are
    for name, data in (("a.zip", zip_bytes(ds)), ("a.xlsx", workbook_bytes(ds))):
        again = from_raw(raw_from_upload(name, data), name)
        assert len(again.quotes) == len(ds.quotes) and len(again.territory) == len(ds.territory)
    with zipfile.ZipFile(io.BytesIO(zip_bytes(ds))) as archive:
        assert "We will keep up our support for Damascus" in archive.read("quotes.csv").decode("utf-8-sig")


def test_a_bad_edit_is_named_and_nothing_is_lost():
    at = found()
    key = editor(at, "quotes").key
    at.session_state[key] = {"edited_rows": {1: {"accept": True}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key="intake_apply").click().run()
    assert not at.exception
    assert any("Nothing was applied" in e.value for e in at.error)
    problems = at.table[0].value
    assert any("speaker" in str(c) and "empty but required" in str(p) for c, p in zip(problems["column"], problems["problem"]))
    assert "uploaded_dataset" not in at.session_state
    assert editor(at, "quotes").value["text"].tolist() == ["We will keep up our support for Damascus", "Sochi is a rival platform"]


@pytest.mark.parametrize(("text", "says"), [("", "is empty"), ("12 34 56", "no sentence")])
def test_text_that_cannot_be_read_gets_a_clear_message(text, says):
    at = read(text)
    assert not at.exception
    assert any(says in e.value for e in at.error)


def test_markup_in_the_article_stays_text():
    at = found('Lavrov said on Tuesday: "<img src=x onerror=alert(1)> and **bold** and {{x}} are words here."')
    assert not at.exception
    assert editor(at, "quotes").value["text"].tolist() == ["<img src=x onerror=alert(1)> and **bold** and {{x}} are words here."]
    shown = " ".join(m.value for m in at.markdown)
    assert "\\<img" in shown and not re.search(r"(?<!\\)<img", shown)  # escaped wherever the page writes markdown
