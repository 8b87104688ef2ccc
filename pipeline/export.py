"""Records → files: one column order per record kind, JSONL and CSV, atomic.

JSONL keeps typed values (lists stay lists). CSV joins lists with "|" and keeps every text
exactly as it is (a CSV's `sentence` is `text[sent_start:sent_end]`); it is UTF-8 with a byte order
mark, so Excel on Japanese Windows reads it as UTF-8 (pandas.read_csv and csv with
encoding="utf-8-sig" skip the mark). Cells a spreadsheet would execute are neutralized only in the
workbook (pipeline.xlsx: one sheet per kind, see pipeline.xlsx), where a cell can say it is text.

The corpus timeline (pipeline/timeline.py: one row per happening across documents) is built
from the events gathered with the columns and written after the documents' records.

A corpus is written streaming (write_streamed): records arrive one document at
a time, twice — a first pass collects the columns (CSV header, Parquet types),
a second writes every file to a temp file in OUT — so memory does not grow
with the corpus. Each file then replaces its previous version in one rename,
only when its bytes changed.
"""
from __future__ import annotations

import csv
import filecmp
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from pipeline.outset import clean_own_temps, temp_prefix

FIELDS = {
    "documents": ["doc_id", "source_path", "sha256", "encoding", "lang", "n_chars", "status", "error",
                  "creation_date"],
    "mentions": ["doc_id", "mention_id", "label", "text", "start", "end", "sent_id", "canonical_id", "name_ja",
                 "name_en", "name_en_source", "source", "confidence"],
    "timexes": ["doc_id", "timex_id", "text", "start", "end", "type", "value", "mod", "earliest", "latest",
                "anchor_timex_id", "calendar", "value_as_written"],
    "events": ["doc_id", "event_id", "sentence", "sent_start", "sent_end", "date_value", "date_earliest",
               "date_latest", "timex_ids", "trigger", "trigger_start", "trigger_end", "event_class", "persons",
               "ships", "incidents", "mention_ids"],
    # derived from the mentions and events of the whole corpus (pipeline.entity_table), written last
    "entities": ["canonical_id", "label", "name_ja", "name_en", "name_en_source", "wikidata", "aliases", "n_mentions",
                 "n_documents", "first_date", "last_date", "date_value", "earliest", "latest"],
    # corpus-level: one row per happening across documents (pipeline/timeline.py)
    "timeline": ["timeline_id", "date_value", "date_earliest", "date_latest", "event_class", "label", "incidents",
                 "persons", "ships", "actors", "source", "target", "source_events", "source_docs", "source_spans",
                 "n_sources", "n_agree", "n_conflicts", "conflicts", "conflict_dates"],
}
# built from the whole corpus's records (written last, not per document)
DERIVED = ("entities", "timeline")
CORPUS_KINDS = DERIVED
# what the timeline keeps of an event (the sentence text stays in events)
_TIMELINE_KEYS = ("doc_id", "event_id", "sent_start", "sent_end", "date_value", "date_earliest", "date_latest",
                  "event_class", "trigger", "persons", "ships", "incidents", "actors", "source", "target",
                  "negated", "hypothetical", "sentence")
LIST_SEP = "|"
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


def _ordered(record: dict, fields: list[str]) -> dict:
    """Contract fields in contract order, then any extra fields sorted by name."""
    out = {f: record.get(f, "") for f in fields}
    out.update((k, record[k]) for k in sorted(record) if k not in out)
    return out


# json.dumps with a non-default option builds a new encoder per call; one per process is enough
_encode_json = json.JSONEncoder(ensure_ascii=False).encode


def _jsonl_line(record: dict, fields: list[str]) -> str:
    return _encode_json(_ordered(record, fields)) + "\n"


def to_jsonl(records: list[dict], fields: list[str]) -> bytes:
    return "".join(_jsonl_line(r, fields) for r in records).encode("utf-8")


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


def to_csv(records: list[dict], fields: list[str]) -> bytes:
    extra = sorted({k for r in records for k in r} - set(fields))
    header = fields + extra
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for r in records:
        writer.writerow([csv_cell(r.get(f, "")) for f in header])
    return buf.getvalue().encode(CSV_ENCODING)


def output_names() -> list[str]:
    """Every file write_streamed leaves in OUT."""
    from pipeline.analysis import DUCKDB_NAME
    from pipeline.xlsx import XLSX_NAME

    return ([f"{kind}.{suffix}" for kind in FIELDS for suffix in ("jsonl", "csv", "parquet")]
            + [XLSX_NAME, DUCKDB_NAME])


def clean_stale_temps(out_dir: Path) -> None:
    """Temp files (and DuckDB's spill folders) left by a run that was killed mid-write: only names of
    our own pattern (pipeline.outset.temp_prefix) whose process is gone; nothing else in OUT is touched."""
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


class Columns:
    """The output columns of every kind, gathered one document at a time (CSV header, Parquet types)."""

    def __init__(self, wikidata=None):
        """`wikidata(cid)`: an entity's Q-id (default: entity_table.kb_wikidata, the bundled KB's)."""
        from pipeline.analysis import ColumnScan
        from pipeline.entity_table import EntityTable, kb_wikidata

        self.scans = {kind: ColumnScan(kind) for kind in FIELDS}
        self.entities = EntityTable(wikidata or kb_wikidata)
        self.events: list[dict] = []  # what the timeline needs of every event
        self.incident_names: dict[str, str] = {}  # surface → canonical id of every incident mention
        self._derived: dict[str, list[dict]] | None = None

    def add(self, part: dict[str, list[dict]]) -> None:
        for kind, scan in self.scans.items():
            if kind not in DERIVED:
                for r in part.get(kind, ()):
                    scan.add(r)
        self.entities.add(part)
        self.events.extend({k: e.get(k) for k in _TIMELINE_KEYS} for e in part.get("events", ()))
        for m in part.get("mentions", ()):
            if m.get("label") == "INCIDENT" and m.get("canonical_id"):
                self.incident_names.setdefault(m["text"].strip(), m["canonical_id"])
        self._derived = None

    def derived(self) -> dict[str, list[dict]]:
        """The corpus-level kinds (entities, timeline), once every document has been added (their
        columns scanned too)."""
        if self._derived is None:
            from pipeline.timeline import build_timeline

            self._derived = {"entities": self.entities.rows(),
                             "timeline": build_timeline(self.events, self.incident_names)}
            for kind, rows in self._derived.items():
                self.scans[kind] = scan = type(self.scans[kind])(kind)
                for r in rows:
                    scan.add(r)
        return self._derived

    def timeline(self) -> list[dict]:
        return self.derived()["timeline"]


def write_outputs(out_dir: Path, records: dict[str, list[dict]]) -> list[Path]:
    """Write every record kind as .jsonl, .csv and .parquet, plus OUT/pipeline.xlsx and OUT/pipeline.duckdb;
    returns the files written."""
    return write_streamed(out_dir, lambda: [records])


def write_streamed(out_dir: Path, parts: Callable[[], Iterable[dict[str, list[dict]]]],
                   columns: Columns | None = None) -> list[Path]:
    """write_outputs for records that do not fit in memory: parts() yields {kind: records} one
    document at a time, in output order, the same on every call. `columns` gathered from the
    same parts saves a first pass over them."""
    from pipeline.analysis import ParquetStream, update_duckdb
    from pipeline.xlsx import XLSX_NAME, Workbook

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(out_dir)
    if columns is None:
        columns = Columns()
        for part in parts():
            columns.add(part)
    derived = columns.derived()
    scans = columns.scans

    temps: list[tuple[Path, Path]] = []  # (temp, final) in replacement order
    handles = []
    sinks = {}
    workbook = Workbook()
    try:
        for kind in FIELDS:
            files = {}
            for suffix in ("jsonl", "csv", "parquet"):
                fh, tmp = _temp_file(out_dir / f"{kind}.{suffix}")
                handles.append(fh)
                temps.append((tmp, out_dir / f"{kind}.{suffix}"))
                files[suffix] = fh
            header = scans[kind].names()
            text = io.TextIOWrapper(files["csv"], encoding=CSV_ENCODING, newline="", write_through=True)
            handles.append(text)
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(header)
            workbook.add(kind, header)
            sinks[kind] = (files["jsonl"], writer, header, ParquetStream(files["parquet"], scans[kind]))
        def write(kind: str, records) -> None:
            jsonl, writer, header, parquet = sinks[kind]
            fields = FIELDS[kind]
            for r in records:
                jsonl.write(_jsonl_line(r, fields).encode("utf-8"))
                writer.writerow([csv_cell(r.get(f, "")) for f in header])
                parquet.add(r)
                workbook.row(kind, r)

        for part in parts():
            for kind in FIELDS:
                if kind not in DERIVED:
                    write(kind, part.get(kind, ()))
        for kind, records in derived.items():
            write(kind, records)
        for _, _, _, parquet in sinks.values():
            parquet.close()
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
