"""Records → files: JSONL and CSV (one column order per record kind), streamed, each file atomic.

JSONL keeps typed values (lists stay lists). CSV joins lists with "|" and keeps every text
exactly as it is (a CSV's `sentence` is `text[sent_start:sent_end]`); it is UTF-8 with a byte order
mark, so Excel on Japanese Windows reads it as UTF-8 (pandas.read_csv and csv with
encoding="utf-8-sig" skip the mark). Cells a spreadsheet would execute are neutralized only in the
workbook (pipeline.storage.xlsx), where a cell can say it is text. Columns come in the order of
pipeline.records: the contract, the optional columns present, then any others sorted by name.

A corpus is written streaming (write_set): records arrive one document at a time — the columns
(CSV header, Parquet types) were gathered in a first pass — and every file is written to a temp
file in OUT, so memory does not grow with the corpus. Each file then replaces its previous version
in one rename, only when its bytes changed.
"""
from __future__ import annotations

import csv
import filecmp
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from itertools import repeat
from pathlib import Path

from pipeline.records import CORPUS_KINDS, DOCUMENT_KINDS, KINDS, contract, optional
from pipeline.storage.outset import clean_own_temps, temp_prefix
from pipeline.storage.tables import DUCKDB_NAME, LIST_SEP, ColumnScan, ParquetStream, update_duckdb
from pipeline.storage.xlsx import XLSX_NAME, Workbook

_UMASK = os.umask(0)
os.umask(_UMASK)
CSV_ENCODING = "utf-8-sig"  # UTF-8 with a BOM: Excel on Japanese Windows reads UTF-8 only with it


def write_atomic(path: Path, data: bytes) -> bool:
    """Replace path with data in one rename; returns False when it already held data."""
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path.name), suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return True


def _ordered(record: dict, fields: list[str], optional_fields: list[str]) -> dict:
    """Contract fields in contract order, the optional fields it has in their order, then any other
    fields sorted by name."""
    out = {f: record.get(f, "") for f in fields}
    if len(out) == len(record) and out.keys() == record.keys():  # the contract fields alone (most records)
        return out
    out.update((k, record[k]) for k in optional_fields if k in record)
    out.update((k, record[k]) for k in sorted(record) if k not in out)
    return out


# json.dumps with a non-default option builds a new encoder per call; one per process is enough
_encode_json = json.JSONEncoder(ensure_ascii=False).encode


def _jsonl_line(record: dict, fields: list[str], optional_fields: list[str] = ()) -> str:
    return _encode_json(_ordered(record, fields, optional_fields)) + "\n"


class CsvRows:
    """CSV rows ending in \n, as Python's csv module writes them, except that a row with a carriage return in a
    cell is written fully quoted: the module quotes a field only for the characters of its line terminator,
    and an unquoted \r (a CRLF document's sentence) ends the row for every reader."""

    def __init__(self, text):
        self._plain = csv.writer(text, lineterminator="\n")
        self._quoted = csv.writer(text, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def writerow(self, cells: list[str]) -> None:
        (self._quoted if any("\r" in c for c in cells) else self._plain).writerow(cells)


def csv_cell(value) -> str:
    """A field as CSV text: strings exactly as they are, lists joined with "|", booleans true/false."""
    if type(value) is str:  # the common case first: this runs for every cell
        return value
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = LIST_SEP.join(str(v) for v in value)
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif not isinstance(value, str):
        return str(value)
    return value


def output_names(excel: bool = False) -> list[str]:
    """Every file write_set leaves in OUT (the workbook with `excel`)."""
    return ([f"{kind}.{suffix}" for kind in KINDS for suffix in ("jsonl", "csv", "parquet")]
            + ([XLSX_NAME] if excel else []) + [DUCKDB_NAME])


def clean_stale_temps(out_dir: Path) -> None:
    """Temp files (and DuckDB's spill folders) left by a run that was killed mid-write: only names of
    our own pattern (pipeline.storage.outset.temp_prefix) whose process is gone; nothing else in OUT is touched."""
    clean_own_temps(Path(out_dir))


def _temp_file(path: Path):
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path.name), suffix=".tmp", dir=path.parent)
    os.fchmod(fd, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
    return os.fdopen(fd, "wb", buffering=1 << 20), Path(tmp)


def _replace_if_changed(tmp: Path, path: Path) -> bool:
    """Move tmp over path unless path already holds the same bytes (then tmp is dropped)."""
    if path.exists() and filecmp.cmp(tmp, path, shallow=False):
        tmp.unlink()
        return False
    os.replace(tmp, path)
    return True


def write_set(out_dir: Path, parts: Callable[[], Iterable[dict[str, list[dict]]]], scans: dict[str, ColumnScan],
              derived: dict[str, list[dict]], excel: bool = False) -> list[Path]:
    """Every kind as .jsonl, .csv and .parquet, OUT/pipeline.duckdb and with `excel` OUT/pipeline.xlsx; returns the
    files written. parts() yields the per-document kinds ({kind: records}) one document at a time, in
    output order; `scans` holds every kind's columns gathered from them (and from `derived`, the
    corpus-level kinds' records)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(out_dir)

    temps: list[tuple[Path, Path]] = []  # (temp, final) in replacement order
    handles = []
    sinks = {}
    workbook = Workbook() if excel else None
    try:
        for kind in KINDS:
            files = {}
            for suffix in ("jsonl", "csv", "parquet"):
                fh, tmp = _temp_file(out_dir / f"{kind}.{suffix}")
                handles.append(fh)
                temps.append((tmp, out_dir / f"{kind}.{suffix}"))
                files[suffix] = fh
            header = scans[kind].names()
            text = io.TextIOWrapper(files["csv"], encoding=CSV_ENCODING, newline="", write_through=True)
            handles.append(text)
            writer = CsvRows(text)
            writer.writerow(header)
            if workbook is not None:
                workbook.add(kind, header)
            sinks[kind] = (files["jsonl"], writer, header, ParquetStream(files["parquet"], scans[kind]))
        def write(kind: str, records) -> None:
            jsonl, writer, header, parquet = sinks[kind]
            fields, extra = contract(kind), optional(kind)
            blanks = repeat("")  # with map(r.get, header, blanks): r.get(f, "") for every column f
            for r in records:
                jsonl.write(_jsonl_line(r, fields, extra).encode("utf-8"))
                writer.writerow([v if type(v) is str else csv_cell(v) for v in map(r.get, header, blanks)])
                parquet.add(r)
                if workbook is not None:
                    workbook.row(kind, r)

        for part in parts():
            for kind in DOCUMENT_KINDS:
                write(kind, part.get(kind, ()))
        for kind in CORPUS_KINDS:
            write(kind, derived.get(kind, ()))
        for _, _, _, parquet in sinks.values():
            parquet.close()
        if workbook is not None:
            fh, tmp = _temp_file(out_dir / XLSX_NAME)
            temps.append((tmp, out_dir / XLSX_NAME))
            handles.append(fh)
            workbook.save(fh)
        for fh in reversed(handles):  # each text wrapper before the file under it
            fh.flush()
            if not isinstance(fh, io.TextIOWrapper):
                os.fsync(fh.fileno())
        for fh in reversed(handles):
            fh.close()
        for tmp, path in temps:
            _replace_if_changed(tmp, path)
    except BaseException:
        if workbook is not None:
            workbook.abort()
        for _, _, _, parquet in sinks.values():
            parquet.abort()
        for fh in reversed(handles):
            try:
                fh.close()
            except Exception:  # noqa: BLE001, S110 - cleaning up after the error being raised
                pass
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise
    return [path for _, path in temps] + [update_duckdb(out_dir)]
