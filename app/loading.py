"""Which dataset this session uses, loaded once per content and cached; errors shown, never raised."""
from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from alliances.dataset import Dataset, DatasetError, load

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"


def data_dir() -> Path:
    """DASHBOARD_DATA_DIR when set, else the bundled data/ folder."""
    return Path(os.environ.get("DASHBOARD_DATA_DIR") or BUNDLED_DATA)


def _signature(path: Path) -> tuple:
    """Names, sizes and modification times: a changed file means a new load."""
    if path.is_dir():
        return tuple((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in sorted(path.glob("*.csv")))
    return (path.name, path.stat().st_size, path.stat().st_mtime_ns) if path.exists() else ()


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=8)
def _load_folder(path: str, signature: tuple) -> Dataset | DatasetError:
    """One parsed copy per dataset version, shared read-only by all sessions (no copy on each rerun)."""
    try:
        return load(path)
    except DatasetError as error:
        return error


def current_dataset() -> Dataset | DatasetError:
    """This session's dataset: its upload if it has one, else the folder's."""
    uploaded = st.session_state.get("uploaded_dataset")
    if isinstance(uploaded, Dataset):
        return uploaded
    path = data_dir()
    return _load_folder(str(path), _signature(path))
