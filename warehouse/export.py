"""Exports of the views: CSV (UTF-8), Parquet, and an Excel workbook that opens right.

Excel mangles two things researchers care about when it opens a CSV: å/ä/ö (it guesses the
encoding) and codes (`0486` becomes the number 486, `5.2` a date or a number). The workbook
is written with openpyxl: text is stored as text cells, and every text column also gets
Excel's text format (`@`), so a code typed over or pasted stays text too.

Plain CSV stays UTF-8 *without* a byte-order mark: it is the file for pandas, R, DuckDB and
the shell, where a BOM ends up glued to the first column's name; Excel users get the
workbook, which keeps codes as text (a BOM would fix å/ä/ö in Excel but not `0486`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from warehouse.files import OutputError, folder, writing
from warehouse.query import tidy

FORMATS = ("csv", "parquet", "xlsx")
WORKBOOK = "kommunkompassen.xlsx"
#: Excel's own limits: a column wider than this is cut on screen, not in the cell.
MAX_WIDTH = 60


def write_csv(df: pd.DataFrame, path: Path) -> Path:
    """UTF-8, no BOM; whole numbers without ".0", a missing value as an empty field."""
    with writing(path):
        tidy(df).to_csv(path, index=False, encoding="utf-8")
    return path


def write_xlsx(
    sheets: Mapping[str, pd.DataFrame], path: Path, about: list[tuple[str, ...]] | None = None
) -> Path:
    """One sheet per frame, header frozen and filterable, text columns formatted as text;
    `about` rows (e.g. provenance and column meanings) go first, on a sheet of their own.
    OutputError (one line naming the file) when it cannot be written."""
    if Path(path).suffix.lower() != ".xlsx":
        raise OutputError(f"{path}: an Excel workbook's name ends in .xlsx")
    with writing(path):
        return _write_xlsx(sheets, Path(path), about)


def _write_xlsx(
    sheets: Mapping[str, pd.DataFrame], path: Path, about: list[tuple[str, ...]] | None
) -> Path:
    with pd.ExcelWriter(
        path,
        engine="openpyxl",
        date_format="YYYY-MM-DD",
        datetime_format="YYYY-MM-DD HH:MM:SS",
    ) as writer:
        if about:
            width = max(len(r) for r in about)
            frame = pd.DataFrame([list(r) + [""] * (width - len(r)) for r in about])
            frame.to_excel(writer, sheet_name="about", index=False, header=False)
            _widths(writer.sheets["about"], frame)
        for name, df in sheets.items():
            text = [i for i, col in enumerate(df.columns, start=1) if _is_text(df[col])]
            dates = [i for i, col in enumerate(df.columns, start=1) if _is_date(df[col])]
            df = _excel_safe(df)
            df.to_excel(writer, sheet_name=name[:31], index=False)
            ws = writer.sheets[name[:31]]
            ws.freeze_panes = "A2"
            ws.auto_filter.ref = ws.dimensions
            for i in text:
                for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.number_format = "@"
                    if cell.data_type == "f":  # text starting with "=" is text, not a formula
                        cell.data_type = "s"
            for i in dates:  # a date column (report_date) without a time of 00:00:00
                for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.number_format = "YYYY-MM-DD"
            _widths(ws, df)
    return path


def _is_text(s: pd.Series) -> bool:
    """A column of strings (codes, names, texts); all-NULL text columns count too."""
    if not (pd.api.types.is_object_dtype(s) or pd.api.types.is_string_dtype(s)):
        return False
    return all(isinstance(v, str) for v in s.dropna())


def _is_date(s: pd.Series) -> bool:
    if not pd.api.types.is_datetime64_any_dtype(s):
        return False
    return bool((s.dropna() == s.dropna().dt.normalize()).all())


def _excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Nullable integers and booleans as plain objects (a missing one an empty cell), whole
    floats as integers; Excel knows no time zones, so datetimes are written as UTC."""
    out = tidy(df)
    for col in out.columns:
        s = out[col]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            out[col] = s.dt.tz_convert("UTC").dt.tz_localize(None)
        elif pd.api.types.is_extension_array_dtype(s):
            out[col] = s.astype(object).where(s.notna(), None)
    return out


def _widths(ws, df: pd.DataFrame) -> None:
    from openpyxl.utils import get_column_letter

    for i, col in enumerate(df.columns, start=1):
        longest = max([len(str(col))] + [len(str(v)) for v in df[col].head(500) if v is not None])
        ws.column_dimensions[get_column_letter(i)].width = min(longest + 2, MAX_WIDTH)


def export_views(
    views: Mapping[str, Callable[[], pd.DataFrame]],
    out_dir: str | Path,
    fmt: str = "csv",
    about: list[tuple[str, ...]] | None = None,
) -> list[Path]:
    """Every view into `out_dir`: one file per view (csv, parquet) or one workbook with a
    sheet per view (xlsx). `views` maps a name to a function giving its frame."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    out = folder(out_dir)
    if fmt == "xlsx":
        return [write_xlsx({n: f() for n, f in views.items()}, out / WORKBOOK, about)]
    paths = []
    for name, frame in views.items():
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            write_csv(frame(), path)
        else:
            data = frame()
            with writing(path):
                data.to_parquet(path, index=False)
        paths.append(path)
    return paths


def about_rows(database: str, kompass: str, columns: Mapping[str, Mapping[str, tuple]]) -> list:
    """The workbook's first sheet: where the data came from and what each column means."""
    rows: list[tuple[str, ...]] = [
        ("Kommunkompassen warehouse export (kompass)",),
        ("exported", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("database", database),
        ("kompass version", kompass),
        ("",),
        ("sheet", "column", "type", "meaning"),
    ]
    for view, cols in columns.items():
        for col, (kind, meaning) in cols.items():
            rows.append((view, col, kind, meaning))
    return rows
