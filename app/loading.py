"""Which dataset this session uses, loaded once per content and cached; errors shown, never raised.

An upload lives in this browser session only (other users keep the default); it is read from
memory and never written to disk.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import streamlit as st

from alliances.datapackage import DESCRIPTOR, bundled
from alliances.dataset import Dataset, DatasetError, from_raw, load, raw_from_upload
from alliances.dataset_files import workbook_bytes, zip_bytes
from alliances.template import template_workbook

from .state import one_of, restore_from_url, write_to_url

DATA_ROOT = Path(__file__).resolve().parent.parent / "data"   # one folder per bundled dataset


@st.cache_resource(show_spinner=False, max_entries=4)
def _bundled(signature: tuple) -> dict[str, str]:
    """Read once per state of the folders' descriptors, shared read-only (every rerun of every page asks)."""
    return bundled(DATA_ROOT)


def bundled_datasets() -> dict[str, str]:
    """The bundled datasets, folder name -> title; the default first (`datapackage.bundled`)."""
    signature = tuple((p.name, (p / DESCRIPTOR).stat().st_mtime_ns if (p / DESCRIPTOR).is_file() else 0)
                      for p in sorted(DATA_ROOT.iterdir()) if (p / "actors.csv").is_file())
    return _bundled(signature)


def data_dir() -> Path:
    """DASHBOARD_DATA_DIR when set, else the bundled dataset this session chose (`?dataset=`)."""
    if os.environ.get("DASHBOARD_DATA_DIR"):
        return Path(os.environ["DASHBOARD_DATA_DIR"])
    chosen, titles = st.session_state.get("dataset"), bundled_datasets()
    return DATA_ROOT / (chosen if chosen in titles else next(iter(titles)))


def dataset_choice() -> None:
    """The sidebar's choice among the bundled datasets, listed by title and kept in the link (`?dataset=`; the
    default is left out, so older links open it). Not offered when DASHBOARD_DATA_DIR names one dataset."""
    if os.environ.get("DASHBOARD_DATA_DIR"):
        return
    titles = bundled_datasets()
    restore_from_url("dataset", one_of(titles))
    default = next(iter(titles))
    if st.session_state.get("dataset") not in titles:
        st.session_state["dataset"] = default
    if len(titles) > 1:
        st.sidebar.selectbox("Dataset", list(titles), key="dataset", format_func=titles.get, on_change=_use_bundled,
                             help="The conflict the pages show. An upload or rows added from an article replace it "
                                  "for this session until 'Back to the bundled dataset'.")
    write_to_url("dataset", st.session_state["dataset"], default=default)


def _signature(path: Path) -> tuple:
    """Names, sizes and modification times: a changed file means a new load."""
    if path.is_dir():
        return tuple((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in sorted(path.glob("*.csv")) +
                     sorted(path.glob(DESCRIPTOR)))
    return (path.name, path.stat().st_size, path.stat().st_mtime_ns) if path.exists() else ()


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=8)
def _load_folder(path: str, signature: tuple) -> Dataset | DatasetError:
    """One parsed copy per dataset version, shared read-only by all sessions (no copy on each rerun)."""
    try:
        return load(path)
    except DatasetError as error:
        return error


@st.cache_resource(show_spinner="Checking the upload…", max_entries=16)
def _load_upload(name: str, digest: str, _data: bytes) -> Dataset | DatasetError:
    try:
        return from_raw(raw_from_upload(name, _data), name)
    except DatasetError as error:
        return error


def current_dataset() -> Dataset | DatasetError:
    """This session's dataset: its upload if it has one, else the folder's."""
    uploaded = st.session_state.get("uploaded_dataset")
    if isinstance(uploaded, Dataset):
        return uploaded
    path = data_dir()
    return _load_folder(str(path), _signature(path))


def _use_bundled() -> None:
    st.session_state.pop("uploaded_dataset", None)
    st.session_state["upload_generation"] = st.session_state.get("upload_generation", 0) + 1  # empties the uploader


def dataset_downloads(ds: Dataset) -> None:
    """This session's dataset as files that load again: a .zip of CSVs, or one .xlsx (made only when clicked)."""
    row = st.container(horizontal=True)
    row.download_button("This dataset (.zip of CSVs)", data=lambda: zip_bytes(ds), file_name="alliances-dataset.zip",
                        mime="application/zip", key="dataset_zip", on_click="ignore")
    row.download_button("This dataset (.xlsx)", data=lambda: workbook_bytes(ds), file_name="alliances-dataset.xlsx",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dataset_xlsx",
                        on_click="ignore")


def upload_panel(where) -> tuple[Dataset | DatasetError, DatasetError | None]:
    """'Your own data' in the sidebar: upload, template, back to the bundled data.

    Returns this session's dataset (`current_dataset`, once the upload is taken), and the upload's problems when it
    is invalid; the session then keeps its previous dataset.
    """
    with where.expander("Your own data", expanded=False):
        generation = st.session_state.get("upload_generation", 0)
        file = st.file_uploader("A .zip of the CSV files, or one .xlsx with a sheet per table",
                                type=["zip", "xlsx"], key=f"upload_{generation}")
        problems = None
        if file is not None:
            data = file.getvalue()
            result = _load_upload(file.name, hashlib.sha256(data).hexdigest(), data)
            if isinstance(result, DatasetError):
                problems = result
            else:
                st.session_state["uploaded_dataset"] = result
        if isinstance(st.session_state.get("uploaded_dataset"), Dataset):
            st.caption("This browser session uses its own dataset (your upload, or rows added from an article); "
                       "other users still see the bundled data.")
            st.button("Back to the bundled dataset", on_click=_use_bundled, key="use_bundled")
        ds = current_dataset()
        if isinstance(ds, Dataset):
            dataset_downloads(ds)
        st.download_button("Template (.xlsx: headers, dictionary, an example row each)", template_workbook,
                           file_name="alliances-dataset-template.xlsx", key="template",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return ds, problems
