"""Records → files: one column order per record kind, JSONL and CSV, atomic.

JSONL keeps typed values (lists stay lists); CSV joins lists with "|" and
neutralizes cells a spreadsheet would execute (leading = + - @ tab CR).
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

FIELDS = {
    "documents": ["doc_id", "source_path", "sha256", "encoding", "lang", "n_chars", "status", "error",
                  "creation_date"],
    "mentions": ["doc_id", "mention_id", "label", "text", "start", "end", "sent_id", "canonical_id", "name_ja",
                 "name_en", "source", "confidence"],
    "timexes": ["doc_id", "timex_id", "text", "start", "end", "type", "value", "mod", "earliest", "latest",
                "anchor_timex_id"],
    "events": ["doc_id", "event_id", "sentence", "sent_start", "sent_end", "date_value", "date_earliest",
               "date_latest", "timex_ids", "trigger", "trigger_start", "trigger_end", "event_class", "persons",
               "ships", "incidents", "mention_ids"],
}
LIST_SEP = "|"
_UMASK = os.umask(0)
os.umask(_UMASK)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_atomic(path: Path, data: bytes) -> bool:
    """Replace path with data in one rename; returns False when it already held data."""
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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


def _ordered(record: dict, fields: list[str]) -> dict:
    """Contract fields in contract order, then any extra fields sorted by name."""
    out = {f: record.get(f, "") for f in fields}
    out.update((k, record[k]) for k in sorted(record) if k not in out)
    return out


def to_jsonl(records: list[dict], fields: list[str]) -> bytes:
    lines = [json.dumps(_ordered(r, fields), ensure_ascii=False) for r in records]
    return ("\n".join(lines) + "\n" if lines else "").encode("utf-8")


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = LIST_SEP.join(str(v) for v in value)
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif not isinstance(value, str):
        return str(value)
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(records: list[dict], fields: list[str]) -> bytes:
    extra = sorted({k for r in records for k in r} - set(fields))
    header = fields + extra
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for r in records:
        writer.writerow([csv_cell(r.get(f, "")) for f in header])
    return buf.getvalue().encode("utf-8")


def write_outputs(out_dir: Path, records: dict[str, list[dict]]) -> list[Path]:
    """Write every record kind as .jsonl, .csv and .parquet, plus OUT/pipeline.duckdb; returns the files written."""
    for stale in Path(out_dir).glob(".*.tmp"):  # left by a run that was killed mid-write
        stale.unlink(missing_ok=True)
    written = []
    for kind, fields in FIELDS.items():
        rows = records.get(kind, [])
        for suffix, data in (("jsonl", to_jsonl(rows, fields)), ("csv", to_csv(rows, fields))):
            path = Path(out_dir) / f"{kind}.{suffix}"
            write_atomic(path, data)
            written.append(path)
    from pipeline.analysis import write_analysis  # typed Parquet + DuckDB copies

    written += write_analysis(out_dir, records)
    return written
