"""Records → one Excel workbook (OUT/pipeline.xlsx): one sheet per record kind, the CSV's columns.

Why a workbook beside the CSVs: a CSV holds text exactly, but a spreadsheet that opens it decides by
itself what a cell means (`=…`, `+…`, `-…`, `@…` run as formulas; long numbers lose digits). In the
workbook every cell has its type written down, so nothing is guessed:
- text is stored as text (`t="s"`/inline string), never as a formula, whatever it starts with; the
  cells that a user's later edit could turn into a formula also get Excel's "quote prefix" style
  (shown as the value itself, without any `'` in the cell's text);
- numbers are numbers, booleans are booleans, lists are joined with "|" as in the CSV;
- Japanese is just Unicode text (no code page, no BOM question).
Excel cannot hold every string: control characters other than tab/newline/CR are replaced by
U+FFFD and a cell stops at 32,767 characters (ending with "…"); a sheet holds at most
1,048,575 rows under its header, so a longer kind continues on "mentions (2)" and so on.
`cell_value` is that mapping, and the test compares every cell with it applied to the JSONL.

The workbook is written streaming (XlsxWriter's constant-memory mode: rows go to a temporary file
per sheet, so memory stays flat; about three times faster than openpyxl's write-only mode; it is
still the costliest output to write, hence written only with --excel) and its bytes are deterministic: the zip entries and the
document properties carry a fixed time, so a rerun gives the same file. openpyxl reads it back
(`read_workbook`).
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from pipeline.storage.tables import LIST_SEP

XLSX_NAME = "pipeline.xlsx"
MAX_CELL = 32767
MAX_ROWS = 1_048_576 - 1  # under the header row
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what the OOXML format cannot store
FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_CORE_TIME = "2000-01-01T00:00:00Z"


def cell_value(value):
    """The value a cell holds for one record field (None = empty cell)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple)):
        value = LIST_SEP.join(str(v) for v in value)
        if not value:
            return None
    value = _ILLEGAL.sub("\ufffd", str(value))
    if len(value) > MAX_CELL:
        value = value[:MAX_CELL - 1] + "…"
    return value


class Workbook:
    """A streaming workbook: add(kind, header) once per kind, then row(kind, record) in order."""

    def __init__(self):
        import io

        import xlsxwriter

        self._buf = io.BytesIO()
        # every string is written with write_string: nothing is read as a formula, number or URL
        self._wb = xlsxwriter.Workbook(self._buf, {"constant_memory": True, "strings_to_formulas": False,
                                                  "strings_to_numbers": False, "strings_to_urls": False})
        self._bold = self._wb.add_format({"bold": True})
        self._quoted = self._wb.add_format({"quote_prefix": True})
        self._sheets: dict[str, list] = {}  # kind → [sheet, header, rows on it, sheet number]
        self._saved = False

    def add(self, kind: str, header: list[str]) -> None:
        self._sheets[kind] = [self._new_sheet(kind, header), header, 0, 1]

    def _new_sheet(self, title: str, header: list[str]):
        ws = self._wb.add_worksheet(title[:31])
        ws.freeze_panes(1, 0)
        for col, name in enumerate(header):
            ws.write_string(0, col, name, self._bold)
        return ws

    def row(self, kind: str, record: dict) -> None:
        entry = self._sheets[kind]
        ws, header, n, number = entry
        if n >= MAX_ROWS:
            number += 1
            ws = self._new_sheet(f"{kind} ({number})", header)
            entry[0], entry[2], entry[3] = ws, 0, number
            n = 0
        r = n + 1
        for col, name in enumerate(header):
            value = cell_value(record.get(name))
            if value is None:
                continue
            if type(value) is str:
                # text, never a formula; the quote prefix keeps a formula-like one text when edited
                ws.write_string(r, col, value, self._quoted if value.startswith(FORMULA_START) else None)
            elif type(value) is bool:
                ws.write_boolean(r, col, value)
            else:
                ws.write_number(r, col, value)
        entry[2] += 1

    def abort(self) -> None:
        """Drop a workbook that will not be saved (the run failed): closing it removes its sheets'
        temporary files; the bytes are discarded."""
        if self._saved:
            return
        self._saved = True
        try:
            self._wb.close()
        except Exception:  # noqa: BLE001, S110 - cleaning up after the error being raised
            pass

    def save(self, fh) -> None:
        """Write the workbook to the binary file fh (deterministic bytes)."""
        import io

        self._saved = True
        self._wb.close()
        buf = io.BytesIO(self._buf.getvalue())
        with zipfile.ZipFile(buf) as src, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == "docProps/core.xml":
                    data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + _CORE_TIME.encode(),
                                  data)
                out = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
                out.compress_type = zipfile.ZIP_DEFLATED
                out.external_attr = 0o644 << 16
                dst.writestr(out, data)


def read_workbook(path: Path) -> dict[str, list[dict]]:
    """The sheets of a pipeline workbook back as {kind: [row dicts]} (continuation sheets joined);
    empty cells are absent from a row's dict. For tests and for users who prefer it to pandas."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    out: dict[str, list[dict]] = {}
    for ws in wb.worksheets:
        kind = re.sub(r" \(\d+\)$", "", ws.title)
        rows = ws.iter_rows(values_only=True)
        header = next(rows, ())
        out.setdefault(kind, []).extend({h: v for h, v in zip(header, r) if v is not None} for r in rows)
    wb.close()
    return out
