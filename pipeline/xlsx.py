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

The workbook is written streaming (openpyxl's write-only mode) and its bytes are deterministic: the
zip entries and the document properties carry a fixed time, so a rerun gives the same file.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

XLSX_NAME = "pipeline.xlsx"
LIST_SEP = "|"
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
        from openpyxl import Workbook as _Workbook
        from openpyxl.styles import Font

        self._wb = _Workbook(write_only=True)
        self._bold = Font(bold=True)
        self._sheets: dict[str, list] = {}  # kind → [sheet, header, rows on it, sheet number]
        self._saved = False

    def add(self, kind: str, header: list[str]) -> None:
        self._sheets[kind] = [self._new_sheet(kind, header), header, 0, 1]

    def _new_sheet(self, title: str, header: list[str]):
        from openpyxl.cell import WriteOnlyCell

        ws = self._wb.create_sheet(title=title[:31])
        ws.freeze_panes = "A2"
        cells = []
        for name in header:
            cell = WriteOnlyCell(ws, value=name)
            cell.font = self._bold
            cells.append(cell)
        ws.append(cells)
        return ws

    def row(self, kind: str, record: dict) -> None:
        from openpyxl.cell import WriteOnlyCell

        entry = self._sheets[kind]
        ws, header, n, number = entry
        if n >= MAX_ROWS:
            number += 1
            ws = self._new_sheet(f"{kind} ({number})", header)
            entry[0], entry[2], entry[3] = ws, 0, number
        cells = []
        for name in header:
            value = cell_value(record.get(name))
            if type(value) is str and value.startswith(FORMULA_START):
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"  # text, never a formula
                cell.quotePrefix = True
                value = cell
            cells.append(value)  # other values as they are: openpyxl types them (str → text, no formula)
        ws.append(cells)
        entry[2] += 1

    def abort(self) -> None:
        """Drop a workbook that will not be saved (the run failed): close its sheets, delete their temp files."""
        if self._saved:
            return
        for ws in self._wb.worksheets:
            try:
                if not ws.closed:
                    ws.close()
                if ws._writer is not None:
                    ws._writer.cleanup()
            except Exception:  # noqa: BLE001, S110 - cleaning up after the error being raised
                pass

    def save(self, fh) -> None:
        """Write the workbook to the binary file fh (deterministic bytes)."""
        import io

        buf = io.BytesIO()
        self._saved = True  # whatever happens next, openpyxl has closed the sheets and removed their temp files
        self._wb.save(buf)
        buf.seek(0)
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
