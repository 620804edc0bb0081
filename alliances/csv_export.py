"""Tables as CSV for download, safe to open in a spreadsheet.

A cell that starts with =, +, - or @ is read by spreadsheets as a formula; dataset text is untrusted,
so such text cells get a leading apostrophe (numbers and dates are left as they are).
"""
from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value):
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with a byte-order mark, so that Excel reads accents) of `frame`, dates as YYYY-MM-DD."""
    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
        elif out[col].dtype == object:
            out[col] = out[col].map(_inert)
    return out.to_csv(index=False).encode("utf-8-sig")
