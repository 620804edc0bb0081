"""Read a dataset (a folder of CSVs, a .zip of them, or one .xlsx) into validated DataFrames.

Every problem is collected, not just the first, and each names the file, the spreadsheet
row (the header is row 1), the column and what is wrong. Nothing here ever writes.
"""
from __future__ import annotations

import csv
import hashlib
import io
import lzma
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd

from .datapackage import DESCRIPTOR, Meta, meta_from
from .rules import SLUG, Problem
from .schema import TABLES, Column, Table, split_ids
from .text import is_http_url

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
MAX_PROBLEMS_LISTED = 200
MAX_OVERLONG_REPORTED = 20  # rows with too many cells listed per file: a broken export has them on every line
# what zipfile raises for a damaged, encrypted or exotic archive
_DAMAGED_ZIP = (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, lzma.LZMAError, OSError, EOFError, ValueError)
MAX_EXPANDED_BYTES = 200 * 1024 * 1024  # an upload (.zip or .xlsx, both zip files) may unpack to this much


class DatasetError(Exception):
    """A dataset that cannot be used, with every problem found."""

    def __init__(self, origin: str, problems: list[Problem]):
        self.origin = origin
        self.problems = problems
        super().__init__(f"{origin}: {len(problems)} problem(s)")

    def lines(self) -> list[str]:
        shown = [str(p) for p in self.problems[:MAX_PROBLEMS_LISTED]]
        if len(self.problems) > MAX_PROBLEMS_LISTED:
            shown.append(f"… and {len(self.problems) - MAX_PROBLEMS_LISTED} more problems")
        return shown


@dataclass(frozen=True)
class Dataset:
    """The validated tables. Dates are pandas Timestamps (NaT where empty); treat as read-only."""

    actors: pd.DataFrame
    relations: pd.DataFrame
    issues: pd.DataFrame
    stances: pd.DataFrame
    quotes: pd.DataFrame
    territory: pd.DataFrame
    regions: pd.DataFrame
    control: pd.DataFrame
    groups: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame
    origin: str
    key: str  # a fingerprint of the content: equal datasets share caches
    meta: Meta = Meta()

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)

    @property
    def has_control(self) -> bool:
        return not self.control.empty

    def first_day(self) -> date:
        return self._day_range[0]

    def last_day(self) -> date:
        return self._day_range[1]

    @cached_property
    def _day_range(self) -> tuple[date, date]:
        """First and last day any table mentions, computed once (every page asks on every rerun)."""
        days = _all_dates(self)
        return min(days).date(), max(days).date()

    @cached_property
    def source_by_id(self) -> dict[str, dict]:
        """sources.csv rows by id, for citations drawn many times per page."""
        return {row["id"]: row for row in self.sources.to_dict("records")}


def _all_dates(ds: Dataset) -> list[pd.Timestamp]:
    days = []
    for name in ("relations", "stances", "quotes", "territory", "control", "events"):  # the tables with days
        t = ds.table(name)
        for col in ("start", "end", "date"):
            if col in t.columns and t[col].notna().any():
                days.extend([t[col].min(), t[col].max()])
    return days or [pd.Timestamp("2011-03-15")]


# ---------------------------------------------------------------- reading raw text

def read_raw(path: str | Path) -> tuple[dict[str, str | bytes], str]:
    """Return {table name: CSV text (or undecodable bytes)} and a label for messages."""
    p = Path(path)
    if p.is_dir():
        raw: dict[str, str | bytes] = {f.stem: f.read_bytes() for f in sorted(p.glob("*.csv")) if f.stem in TABLES}
        if (p / DESCRIPTOR).is_file():
            raw[DESCRIPTOR] = (p / DESCRIPTOR).read_bytes()
        return raw, str(p)
    if not p.exists():
        raise DatasetError(str(p), [Problem(str(p), None, None, "no such folder or file")])
    data = p.read_bytes()
    return raw_from_upload(p.name, data), p.name


def raw_from_upload(filename: str, data: bytes) -> dict[str, str | bytes]:
    """Tables from an uploaded .zip of CSVs or an .xlsx with one sheet per table."""
    lower = filename.lower()
    if lower.endswith((".zip", ".xlsx")):
        _refuse_zip_bomb(filename, data)
    if lower.endswith(".zip"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                out = {}
                for info in z.infolist():
                    stem = Path(info.filename).name.rsplit(".", 1)[0]
                    if info.filename.lower().endswith(".csv") and stem in TABLES and not info.is_dir():
                        out[stem] = z.read(info)
                    elif Path(info.filename).name == DESCRIPTOR and not info.is_dir():
                        out[DESCRIPTOR] = z.read(info)
                return out
        except _DAMAGED_ZIP as exc:
            raise DatasetError(filename, [Problem(filename, None, None,
                                                  f"is not a readable .zip file ({type(exc).__name__})")]) from None
    if lower.endswith(".xlsx"):
        try:
            sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=str, keep_default_na=False, engine="openpyxl")
        except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
            problem = Problem(filename, None, None, f"is not a readable .xlsx workbook ({type(exc).__name__})")
            raise DatasetError(filename, [problem]) from None
        return {name: frame.to_csv(index=False) for name, frame in sheets.items() if name in TABLES}
    raise DatasetError(filename, [Problem(filename, None, None, "upload a .zip of the CSV files or one .xlsx workbook")])


def _refuse_zip_bomb(filename: str, data: bytes) -> None:
    """A few MB of upload must not unpack to gigabytes in memory: check the sizes the archive declares
    (zipfile never returns more than a member declares)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            expanded = sum(info.file_size for info in z.infolist())
    except _DAMAGED_ZIP:
        return  # not a zip at all: the reader below says so in its own words
    if expanded > MAX_EXPANDED_BYTES:
        raise DatasetError(filename, [Problem(filename, None, None, f"unpacks to {expanded / 2**20:.0f} MB, "
                                              f"more than the {MAX_EXPANDED_BYTES / 2**20:.0f} MB allowed")])


# ---------------------------------------------------------------- validation

def load(path: str | Path) -> Dataset:
    """Load and validate the dataset at `path` (folder, .zip or .xlsx); raise DatasetError if unusable."""
    raw, origin = read_raw(path)
    return from_raw(raw, origin)


def from_raw(raw: dict[str, str | bytes], origin: str) -> Dataset:
    """Validate the tables of `raw` ({table: CSV text}, and the descriptor's text under DESCRIPTOR if any)."""
    problems: list[Problem] = []
    meta = meta_from(raw.get(DESCRIPTOR), Path(origin).name if origin else "")  # a folder's name, an upload's file name
    key = _fingerprint(raw)
    raw = {name: content for name, content in raw.items() if name in TABLES}
    if not raw:
        raise DatasetError(origin, [Problem(origin, None, None,
                                            "no dataset files found (expected " + ", ".join(t.file for t in TABLES.values()) + ")")])
    frames: dict[str, pd.DataFrame] = {}
    for table in TABLES.values():
        if table.name not in raw:
            if not table.optional:
                problems.append(Problem(table.file, None, None, "file is missing"))
            frames[table.name] = pd.DataFrame({c: pd.Series(dtype=str) for c in table.column_names})
            continue
        frame = _parse_csv(table, raw[table.name], problems)
        frames[table.name] = frame
    if problems:
        raise DatasetError(origin, problems)

    ids = {name: set(frames[name][t.key]) for name, t in TABLES.items() if t.key}
    for table in TABLES.values():
        _check_cells(table, frames[table.name], ids, problems)
    _check_rows(frames, problems)
    if problems:
        raise DatasetError(origin, problems)
    typed = {name: _typed(TABLES[name], frame) for name, frame in frames.items()}
    return Dataset(**typed, origin=origin, key=key, meta=meta)


def _fingerprint(raw: dict[str, str | bytes]) -> str:
    h = hashlib.sha256()
    for name in sorted(raw):
        content = raw[name]
        h.update(name.encode())
        h.update(content.encode() if isinstance(content, str) else content)
    return h.hexdigest()[:16]


def _parse_csv(table: Table, content: str | bytes, problems: list[Problem]) -> pd.DataFrame:
    empty = pd.DataFrame({c: pd.Series(dtype=str) for c in table.column_names})
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = content[: exc.start].count(b"\n") + 1
            problems.append(Problem(table.file, line, None,
                                    f"is not UTF-8 text (byte {exc.start + 1}); save it as 'CSV UTF-8'"))
            return empty
    if not content.strip():
        problems.append(Problem(table.file, None, None, "file is empty (it needs at least the header row)"))
        return empty
    overlong = _overlong_rows(content)
    for row, cells, header_cells in overlong[:MAX_OVERLONG_REPORTED]:
        problems.append(Problem(table.file, row, None, f"has {cells} cells but the header has {header_cells} "
                                                       "(a stray comma, or a cell with a comma that is not in quotes?)"))
    if overlong:
        return empty
    try:  # index_col=False: never take the first column for an index, which would shift every column
        with warnings.catch_warnings():  # nor drop the cells of a row longer than the header, which pandas only warns of
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(io.StringIO(content), dtype=str, keep_default_na=False, skip_blank_lines=True,
                                index_col=False)
    except Exception as exc:  # pandas' parser errors name the line; keep its words
        problems.append(Problem(table.file, None, None, f"is not valid CSV: {str(exc).strip()[:200]}"))
        return empty
    frame.columns = [str(c).strip() for c in frame.columns]
    doubled = sorted(set(frame.columns[frame.columns.duplicated()]))
    for name in doubled:  # 'id' and ' id': pandas keeps both, and a column lookup would return two
        problems.append(Problem(table.file, 1, name, "column appears more than once in the header"))
    if doubled:
        return empty
    missing = [c.name for c in table.columns if c.name not in frame.columns and not c.optional]
    for name in missing:
        problems.append(Problem(table.file, 1, name, "column is missing from the header"))
    if missing:
        return empty
    for column in table.columns:
        if column.name not in frame.columns:
            frame[column.name] = ""
    return frame.map(lambda v: v.strip() if isinstance(v, str) else "")


def _overlong_rows(content: str) -> list[tuple[int, int, int]]:
    """(spreadsheet row, its cells, the header's cells) of each row with more cells than the header. pandas
    would read the first such row's first cell as an index, shifting the others one column to the left."""
    try:
        records = csv.reader(io.StringIO(content, newline=""))  # the csv module reads \r, \n and \r\n itself
        header = next(records, [])
        return [(row, len(record), len(header)) for row, record in enumerate(records, start=2)
                if len(record) > len(header)]
    except csv.Error:  # left to pandas, whose parser names the problem
        return []


def _check_cells(table: Table, frame: pd.DataFrame, ids: dict[str, set], problems: list[Problem]) -> None:
    for col in table.columns:
        values = frame[col.name]
        for index, value in values.items():
            message = _cell_problem(col, value, ids)
            if message:
                problems.append(Problem(table.file, int(index) + 2, col.name, message))
        if col.kind == "id":
            dupes = values[values.duplicated(keep="first") & (values != "")]
            for index, value in dupes.items():
                problems.append(Problem(table.file, int(index) + 2, col.name, f"'{value}' is used by an earlier row too"))


def _cell_problem(col: Column, value: str, ids: dict[str, set]) -> str | None:
    if value == "":
        return "is empty but required" if col.required else None
    kind = col.kind
    if kind == "id" and not SLUG.match(value):
        return f"'{value}' is not a slug (lowercase letters, digits and single hyphens)"
    if kind == "date":
        return _date_problem(value)
    if kind == "enum" and value not in col.allowed:
        return f"'{value}' is not one of: {', '.join(col.allowed)}"
    if kind == "int":
        try:
            number = int(value)
        except ValueError:
            return f"'{value}' is not a whole number"
        if not (col.low <= number <= col.high):
            return f"{number} is outside {col.low:g} to {col.high:g}"
    if kind == "float":
        try:
            number = float(value)
        except ValueError:
            return f"'{value}' is not a number"
        if not (col.low <= number <= col.high):
            return f"{number:g} is outside {col.low:g} to {col.high:g}"
    if kind == "bool" and value.lower() not in ("true", "false"):
        return f"'{value}' is not true or false"
    if kind == "colour" and not COLOUR.match(value):
        return f"'{value[:40]}' is not a colour written #RRGGBB"
    if kind == "url" and not is_http_url(value):
        return f"'{value[:80]}' is not an http(s) address"
    if kind == "ref" and value not in ids[col.ref]:
        return f"'{value}' is not {_an(col.ref)} id"
    if kind == "refs":
        unknown = [v for v in split_ids(value) if v not in ids[col.ref]]
        if unknown:
            return "not " + _an(col.ref) + " id: " + ", ".join(f"'{u}'" for u in unknown)
    return None


def _an(table: str) -> str:
    noun = {"actors": "actor", "issues": "issue", "quotes": "quote", "sources": "source"}[table]
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _date_problem(value: str) -> str | None:
    if not ISO_DATE.match(value):
        return f"'{value}' is not a date written YYYY-MM-DD"
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"'{value}' is not a real date"
    return None


def _check_rows(frames: dict[str, pd.DataFrame], problems: list[Problem]) -> None:
    """The rules that look at more than one cell, as each table declares them (`schema.Table.checks`)."""
    for table in TABLES.values():
        for rule in table.checks:
            problems.extend(rule.check(frames))


def _typed(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in table.columns:
        if col.kind == "date":
            out[col.name] = pd.to_datetime(out[col.name], format="%Y-%m-%d", errors="coerce")  # validated: only empty cells coerce
        elif col.kind == "int":
            out[col.name] = out[col.name].astype(int)
        elif col.kind == "float":
            out[col.name] = out[col.name].astype(float)
        elif col.kind == "bool":
            out[col.name] = out[col.name].str.lower() == "true"
    return out.reset_index(drop=True)
