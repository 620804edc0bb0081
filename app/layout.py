"""What every page shares: header, dataset error panel, the as-of control, the menu and presentation mode, table downloads."""
from __future__ import annotations

from datetime import date
from urllib.parse import quote, urlencode

import pandas as pd
import streamlit as st

from alliances import figures
from alliances.csv_export import csv_bytes, excel_bytes
from alliances.dataset import Dataset, DatasetError
from alliances.presentation import day_text
from alliances.text import for_markdown

from . import stories
from .loading import dataset_choice, upload_panel
from .page_list import PAGES
from .state import as_of_date, one_of, presenting, restore_from_url, shared_params, write_to_url

# what a table's rows are called for a reader (one, several), for the pages that count them or say there are none
ROW_NAMES = {"actors": ("actor", "actors"), "sources": ("source", "sources"), "quotes": ("quote", "quotes"),
             "relations": ("tie", "ties"), "stances": ("stance (position on an issue)", "stances (positions on issues)"),
             "territory": ("territory share", "territory shares"), "events": ("event", "events"),
             "control": ("region holder", "region holders"), "issues": ("issue", "issues"), "regions": ("region", "regions"),
             "groups": ("group", "groups")}


def row_count(table: str, n: int) -> str:
    """'1 tie', '3 ties': `n` rows of `table` as a reader calls them."""
    return f"{n} {ROW_NAMES[table][n != 1]}"


def absent(ds: Dataset, table: str) -> str | None:
    """'This dataset holds no quotes (quotes.csv has no rows).' when `table` is empty, else None: a page says that
    rather than 'none on this day', which would suggest another day might have some."""
    if len(ds.table(table)):
        return None
    return f"This dataset holds no {ROW_NAMES[table][1]} ({table}.csv has no rows)."


def table_downloads(frame: pd.DataFrame, name: str, key: str) -> None:
    """CSV and Excel buttons for a table, named after the view and the day (built only when clicked).
    Both neutralise spreadsheet formulas in dataset text (see alliances.csv_export)."""
    plain = frame.drop(columns=[c for c in frame.columns if str(c).startswith("_")])
    row = st.container(horizontal=True)  # side by side at their natural width, wrapping in a narrow column
    row.download_button("Download CSV", data=lambda: csv_bytes(plain), file_name=f"{name}.csv",
                        mime="text/csv", key=f"{key}_csv", on_click="ignore")
    row.download_button("Download Excel", data=lambda: excel_bytes(plain), file_name=f"{name}.xlsx", key=f"{key}_xlsx",
                        on_click="ignore", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


IMAGE_FORMATS = ("png", "svg")


def chart_config(name: str) -> dict:
    """Plotly config whose camera button saves `name` in the format chosen in the sidebar (PNG or SVG)."""
    return figures.chart_config(name, st.session_state.get("image_format", "png"))


def image_format_choice() -> None:
    restore_from_url("image_format", one_of(IMAGE_FORMATS))
    choice = st.sidebar.radio("Chart downloads (camera button on each chart)", IMAGE_FORMATS, key="image_format",
                              horizontal=True, format_func=str.upper)
    write_to_url("image_format", choice, default=IMAGE_FORMATS[0])


def show_dataset_error(error: DatasetError, headline: bool = True) -> None:
    """The problems as a table (file, row, column, problem), under a headline unless the caller wrote its own."""
    if headline:
        st.error(f"The dataset at {for_markdown(error.origin)} cannot be used: {len(error.problems)} problem(s). "
                 "Fix them in the files named below and reload; nothing was changed in your files.", icon="⚠️")
    problems = pd.DataFrame([{"file": p.file, "row": "" if p.row is None else p.row, "column": p.column or "",
                              "problem": p.message} for p in error.problems])
    st.table(problems.head(200))
    table_downloads(problems, "dataset-problems", key="problems")


PRESENTATION_CSS = """<style>
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
  [data-testid="stMain"] { font-size: 1.25rem; }
  [data-testid="stMainBlockContainer"] { padding-top: 1rem; max-width: 100%; }
  h1 { font-size: 2.6rem !important; }
</style>"""


def navigation(where) -> None:
    """Links to every page that carry the shared filters (Streamlit's own menu drops the query string)."""
    params = shared_params()
    for script, label, _path in PAGES:
        where.page_link(script, label=label, query_params=params)


def presentation_bar(day: date) -> None:
    """In presentation mode: the day shown, and the way out (the sidebar is hidden)."""
    st.html(PRESENTATION_CSS)
    left, right = st.columns([4, 1])
    left.markdown(f"**As of {day_text(day)}**")
    right.button("Leave presentation mode", on_click=st.session_state.update, kwargs={"present": False},
                 key="leave_presentation")


# Streamlit fades a code block's copy button in some 150 ms after the block takes the focus: a quick press of Tab
# skips the still hidden button. Shown at once while the block has the focus, Tab always reaches it.
KEYBOARD_CSS = """<style>
  [data-testid="stCode"]:focus-within > div { visibility: visible !important; opacity: 1 !important; transition: none !important; }
</style>"""


def share_link() -> None:
    """The address of this exact view, ready to copy (st.code has a copy button)."""
    st.html(KEYBOARD_CSS)
    base = (st.context.url or "").split("?")[0]
    # encoded, so that a value holding & # + or a space comes back as it was (commas kept: they separate lists)
    query = urlencode(st.query_params.to_dict(), quote_via=quote, safe=",")
    st.sidebar.caption("Link to this view (copy and paste it into a chat)")
    st.sidebar.code(f"{base}?{query}" if query else base, language=None, wrap_lines=True)


def stop_here() -> None:
    """End the page here (nothing more to show): the menu and the link first, which the entry draws after the page
    and a stop would skip."""
    navigation(st.sidebar)
    share_link()
    st.stop()


def page(title: str, intro: str) -> tuple[Dataset, date]:
    """Set up a page: its title, the dataset (or the error panel, then stop) and the as-of day."""
    st.set_page_config(page_title=f"{title} · Alliances", layout="wide")
    dataset_choice()
    controls = st.sidebar.container()
    ds, upload_problems = upload_panel(st.sidebar)
    if isinstance(ds, DatasetError):
        st.title(title)
        show_dataset_error(ds)
        stop_here()
    with controls:
        day = as_of_date(ds)
    present = presenting()
    image_format_choice()
    if present:
        presentation_bar(day)
    stories.story_panel(ds, title, present)
    st.title(title)
    if not present:
        st.caption(intro.replace("{ground}", for_markdown(ds.meta.ground)))
    if upload_problems:
        st.warning("Your upload was not used; this session keeps its previous dataset.")
        show_dataset_error(upload_problems)
    st.sidebar.caption(f"Dataset: {for_markdown(ds.meta.title)} · {len(ds.relations)} ties · {len(ds.quotes)} quotes · "
                       f"{day_text(ds.first_day())} to {day_text(ds.last_day())}"
                       + (f" · {for_markdown(ds.meta.problem)}" if ds.meta.problem else ""))
    return ds, day
