"""A validated Dataset back to files: its tables as text (as a CSV would hold them), with rows added, and as a
.zip of CSVs or one .xlsx workbook that loads again (the downloads of a session's dataset)."""
from __future__ import annotations

import io
import json
import zipfile

import pandas as pd

from .csv_export import csv_bytes, excel_sheets
from .datapackage import DESCRIPTOR, descriptor
from .dataset import Dataset, from_raw
from .schema import TABLES


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def text_table(ds: Dataset, name: str, numbers: bool = False) -> pd.DataFrame:
    """Table `name` with every cell as the text a CSV file holds (dates YYYY-MM-DD, booleans true/false);
    with `numbers`, number columns stay numbers (a spreadsheet-safe writer must not take -2 for a formula)."""
    frame = ds.table(name)
    return pd.DataFrame({c: frame[c] if numbers and pd.api.types.is_numeric_dtype(frame[c]) and frame[c].dtype != bool
                         else [_cell(v) for v in frame[c]] for c in frame.columns}, columns=list(frame.columns))


def _kept(ds: Dataset, name: str) -> bool:
    """A table goes into the files when it has rows or is required (an empty optional table is left out)."""
    return bool(len(ds.table(name))) or not TABLES[name].optional


def _descriptor(ds: Dataset, title: str | None = None) -> str:
    """The dataset's datapackage.json: its own metadata (or its title, for a dataset that had none), the
    resources generated for the tables it holds."""
    meta = dict(ds.meta.extra) or {"name": ds.meta.name, "title": ds.meta.title}
    if title:
        meta["title"] = title
    present = {name for name in TABLES if _kept(ds, name)}
    return json.dumps(descriptor(meta, present), ensure_ascii=False, indent=2)


def with_rows(ds: Dataset, additions: dict[str, list[dict]], origin: str, title: str | None = None) -> Dataset:
    """`ds` with `additions` appended, validated as an upload is (raises DatasetError naming file, row and
    problem); its metadata kept, under `title` if given. The rows added are the last of each file."""
    raw: dict[str, str | bytes] = {DESCRIPTOR: _descriptor(ds, title)}
    for name in TABLES:
        frame = text_table(ds, name)
        added = additions.get(name) or []
        if added:
            extra = pd.DataFrame([{c: _cell(row.get(c, "")) for c in frame.columns} for row in added], columns=frame.columns)
            frame = pd.concat([frame, extra], ignore_index=True)
        if len(frame) or not TABLES[name].optional:
            raw[name] = frame.to_csv(index=False)
    return from_raw(raw, origin)


def zip_bytes(ds: Dataset) -> bytes:
    """One CSV per table (spreadsheet-safe: see csv_export), in a .zip the app's upload reads back."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in TABLES:
            if _kept(ds, name):
                archive.writestr(f"{name}.csv", csv_bytes(text_table(ds, name, numbers=True)))
        archive.writestr(DESCRIPTOR, _descriptor(ds))
    return buffer.getvalue()


def workbook_bytes(ds: Dataset) -> bytes:
    """One sheet per table, named as the table, in an .xlsx the app's upload reads back."""
    return excel_sheets({name: text_table(ds, name, numbers=True) for name in TABLES})
