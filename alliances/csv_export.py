"""Tables as CSV or Excel for download, safe to open in a spreadsheet.

A cell that starts with =, +, - or @ (or a tab or carriage return before one) is read by spreadsheets
as a formula; dataset text is untrusted, so such text never reaches a spreadsheet as a formula. In CSV,
such text cells and headers get a leading apostrophe (numbers and dates are left as they are). In Excel
they are written as text cells with Excel's quote prefix: the text shows as it is and stays text when
the cell is edited, as if it had been typed after an apostrophe.
"""
from __future__ import annotations

import io

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value):
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _holds_text(column: pd.Series) -> bool:
    return column.dtype == object or isinstance(column.dtype, pd.StringDtype)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with a byte-order mark, so that Excel reads accents) of `frame`, dates as YYYY-MM-DD.
    Lines end in CRLF (RFC 4180), which also makes the writer quote a value holding a lone CR."""
    out = frame.copy()
    out.columns = [_inert(str(c)) for c in out.columns]
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if pd.api.types.is_datetime64_any_dtype(column):
            out.isetitem(i, column.dt.strftime("%Y-%m-%d"))
        elif _holds_text(column):
            out.isetitem(i, column.map(_inert))
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _storable(value):
    """Text without the control characters an xlsx file cannot hold (openpyxl refuses them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def excel_bytes(frame: pd.DataFrame) -> bytes:
    """An .xlsx workbook of `frame` (one sheet), dates as YYYY-MM-DD, no formula from the data."""
    return excel_sheets({"table": frame})


def excel_sheets(frames: dict[str, pd.DataFrame]) -> bytes:
    """An .xlsx workbook with one sheet per frame, named by its key; dates as YYYY-MM-DD, no formula from the data."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl", date_format="YYYY-MM-DD") as writer:
        for sheet, frame in frames.items():
            out = frame.copy()
            out.columns = [_storable(str(c)) for c in out.columns]
            for i in range(out.shape[1]):
                column = out.iloc[:, i]
                if pd.api.types.is_datetime64_any_dtype(column):
                    out.isetitem(i, column.dt.date)
                elif _holds_text(column):
                    out.isetitem(i, column.map(_storable))
            out.to_excel(writer, index=False, sheet_name=sheet)
            for row in writer.sheets[sheet].iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                        cell.data_type, cell.quotePrefix = "s", True  # openpyxl made "=..." a formula
    return buffer.getvalue()
