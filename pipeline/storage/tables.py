"""Typed tables: one typing rule set for every record kind, Parquet files and the DuckDB database.

Types come from the record contract (pipeline.records: each column's type), so a column has the same
type wherever it is read (Parquet, DuckDB, `pipeline.load_outputs` from Parquet or JSONL):
int → int64, float → float64, list → list<string>, date → date32 (a full ISO date; anything else →
null), category → dictionary, bool, str → string. Columns beyond the contract (undeclared extras)
(and contract columns of type any) are typed from their values: bool, int, float, list or string.

Parquet files are byte-identical for identical records (fixed writer options and row-group size, no
timestamps, no pandas metadata); they are written streaming (ParquetStream), so memory does not grow
with the corpus, and DuckDB loads its tables from them. DuckDB files carry a random database id, so
`pipeline.duckdb` keeps a digest of the Parquet bytes in its `_meta` table and is rewritten only when
that digest changes: an unchanged rerun leaves the file untouched, but two fresh runs give equal
tables, not equal bytes (the byte-identical guarantee covers CSV, JSONL and Parquet).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from pipeline.records import KINDS, column_types, contract, optional
from pipeline.storage.outset import temp_prefix

LIST_SEP = "|"  # lists in CSV cells (and in the workbook)
DUCKDB_NAME = "pipeline.duckdb"
DUCKDB_MEMORY_LIMIT = "32MB"
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|T)")
_PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 3, "version": "2.6", "data_page_version": "1.0",
                    "use_dictionary": True, "write_statistics": True, "store_schema": True}


# --- typing -----------------------------------------------------------------

def iso_date(value):
    """datetime.date for a full ISO date (or the date part of an ISO datetime), else None."""
    if isinstance(value, dt.date):
        return value
    m = _FULL_DATE.match(value) if isinstance(value, str) else None
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _number(value, cast):
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return cast(value)
    except (TypeError, ValueError):
        return None


def _int(value):
    return _number(value, int)


def _float(value):
    return _number(value, float)


def _bool(value):
    return value if isinstance(value, bool) else None


def _str_list(value):
    if value is None or value == "":
        return []
    if isinstance(value, str):  # a CSV-style joined list
        return value.split(LIST_SEP)
    return [None if v is None else str(v) for v in value]


def _text(value):
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class TypeEvidence:
    """What the non-empty values of an extra column were, gathered one value at a time
    (so a streamed column is typed exactly as the whole list would be)."""

    __slots__ = ("bools", "ints", "lists", "numbers", "seen")

    def __init__(self):
        self.seen = False
        self.lists = self.bools = self.ints = self.numbers = True

    def add(self, v) -> None:
        if v is None or (isinstance(v, str) and v == ""):
            return
        self.seen = True
        is_bool = isinstance(v, bool)
        self.lists = self.lists and isinstance(v, (list, tuple))
        self.bools = self.bools and is_bool
        self.ints = self.ints and isinstance(v, int) and not is_bool
        self.numbers = self.numbers and isinstance(v, (int, float)) and not is_bool

    def arrow_type(self):
        import pyarrow as pa

        if self.seen and self.lists:
            return pa.list_(pa.string())
        if self.seen and self.bools:
            return pa.bool_()
        if self.seen and self.ints:
            return pa.int64()
        if self.seen and self.numbers:
            return pa.float64()
        return pa.string()


def _inferred_type(values):
    """Arrow type for an extra column, from its non-empty values."""
    evidence = TypeEvidence()
    for v in values:
        evidence.add(v)
    return evidence.arrow_type()


def _arrow(typ: str):
    import pyarrow as pa

    return {"int": pa.int64(), "float": pa.float64(), "list": pa.list_(pa.string()), "date": pa.date32(),
            "category": pa.dictionary(pa.int32(), pa.string()), "bool": pa.bool_(), "str": pa.string()}[typ]


def column_type(kind: str, name: str, values=()):
    """The Arrow type of one column of a kind: the contract's, else typed from its values."""
    declared = column_types(kind).get(name, "any")
    return _inferred_type(values) if declared == "any" else _arrow(declared)


def column_names(kind: str, present) -> list[str]:
    """A kind's columns in output order: the contract, the optional columns present (in the contract's
    order), then any other columns present, sorted by name."""
    present = set(present)
    declared = optional(kind)
    return contract(kind) + [n for n in declared if n in present] + sorted(present - set(contract(kind))
                                                                         - set(declared))


class ColumnScan:
    """A first pass over one kind's records, one record at a time: the column names (column_names)
    and the evidence for columns typed from their values."""

    def __init__(self, kind: str):
        self.kind = kind
        self.fields = contract(kind)
        self._declared = {n: t for n, t in column_types(kind).items() if t != "any"}  # typed by the contract
        self.extra: set[str] = set()
        self.evidence: dict[str, TypeEvidence] = {}
        self._settled = {n for n in self.fields if n in self._declared}  # names whose column and type are final

    def add(self, record: dict) -> None:
        for k, v in record.items():
            if k in self._settled:
                continue
            self.extra.add(k)
            if k in self._declared:
                self._settled.add(k)
                continue
            ev = self.evidence.get(k)
            if ev is None:
                ev = self.evidence[k] = TypeEvidence()
            ev.add(v)
            if ev.seen and not (ev.lists or ev.bools or ev.numbers):  # string whatever comes next
                self._settled.add(k)

    def names(self) -> list[str]:
        return column_names(self.kind, self.extra)

    def types(self) -> list:
        return [_arrow(self._declared[n]) if n in self._declared else self.evidence.get(n, TypeEvidence()).arrow_type()
                for n in self.names()]


def _array(values: list, typ, encode: bool = True):
    """One column as an Arrow array of `typ`; category columns are dictionary-encoded unless
    encode=False (then plain strings, encoded per row group)."""
    import pyarrow as pa

    if pa.types.is_dictionary(typ):
        plain = pa.array(_converted(values, _text, _as_is_types()[pa.string()]), pa.string())
        return plain.dictionary_encode() if encode else plain
    convert = {pa.int64(): _int, pa.float64(): _float, pa.date32(): iso_date, pa.string(): _text,
               pa.list_(pa.string()): _str_list, pa.bool_(): _bool}[typ]
    return pa.array(_converted(values, convert, _as_is_types().get(typ, frozenset())), typ)


def _converted(values: list, convert, as_is: frozenset) -> list:
    """values through `convert`, skipped when every value's type is one it returns unchanged."""
    if {type(v) for v in values} <= as_is:
        return values
    return [convert(v) for v in values]


@lru_cache(maxsize=1)
def _as_is_types() -> dict:
    """Per Arrow type, the Python value types its converter returns unchanged."""
    import pyarrow as pa

    none = type(None)
    return {pa.string(): frozenset({str, none}), pa.int64(): frozenset({int, none}),
            pa.float64(): frozenset({float, none}), pa.bool_(): frozenset({bool, none})}


def to_table(kind: str, records: list[dict]):
    """Records of one kind → an Arrow table, columns as column_names orders them."""
    import pyarrow as pa

    names = column_names(kind, {k for r in records for k in r})
    arrays = []
    for n in names:
        values = [r.get(n) for r in records]
        arrays.append(_array(values, column_type(kind, n, values)))
    return pa.Table.from_arrays(arrays, names=names)


# --- writing -----------------------------------------------------------------

ROW_GROUP_ROWS = 10_000  # fixed, so the row groups (and the bytes) depend on the records only;
# small, as a row group is held in memory until written
_BATCH_ROWS = 1_000  # records converted to Arrow at a time while streaming


def _parquet_writer(sink, schema):
    import pyarrow.parquet as pq

    return pq.ParquetWriter(sink, schema, **_PARQUET_OPTIONS)


def _write_row_group(writer, table) -> None:
    """One row group (≤ ROW_GROUP_ROWS rows), contiguous, category columns encoded over the group alone."""
    import pyarrow as pa

    table = table.combine_chunks()
    arrays = []
    for column in table.columns:
        arr = column.chunk(0) if column.num_chunks else pa.array([], column.type)
        if pa.types.is_dictionary(arr.type):
            arr = arr.dictionary_decode().dictionary_encode()
        elif pa.types.is_dictionary(writer.schema.field(len(arrays)).type):
            arr = arr.dictionary_encode()
        arrays.append(arr)
    writer.write_table(pa.Table.from_arrays(arrays, schema=writer.schema))


def parquet_bytes(table) -> bytes:
    """The Parquet bytes of a table, row groups as ParquetStream writes them."""
    buf = io.BytesIO()
    writer = _parquet_writer(buf, table.schema)
    try:
        for start in range(0, max(table.num_rows, 1), ROW_GROUP_ROWS):
            _write_row_group(writer, table.slice(start, ROW_GROUP_ROWS))
    finally:
        writer.close()
    return buf.getvalue()


class ParquetStream:
    """Records of one kind → a Parquet file, a bounded number of rows in memory at a time.
    The columns and their types come from a first pass (ColumnScan), so the file
    equals parquet_bytes(to_table(kind, all_records))."""

    def __init__(self, sink, scan: ColumnScan):
        import pyarrow as pa

        self.names, self.types = scan.names(), scan.types()
        self.writer = _parquet_writer(sink, pa.schema([pa.field(n, t) for n, t in zip(self.names, self.types)]))
        self.rows: list[dict] = []
        self.batches: list = []
        self.pending = 0
        self.groups = 0

    def add(self, record: dict) -> None:
        self.rows.append(record)
        if len(self.rows) >= _BATCH_ROWS:
            self._convert()

    def _convert(self) -> None:
        import pyarrow as pa

        if self.rows:
            arrays = [_array([r.get(n) for r in self.rows], t, encode=False) for n, t in zip(self.names, self.types)]
            self.batches.append(pa.Table.from_arrays(arrays, names=self.names))
            self.pending += len(self.rows)
            self.rows = []
        while self.pending >= ROW_GROUP_ROWS:
            self._flush(ROW_GROUP_ROWS)

    def _flush(self, n: int) -> None:
        import pyarrow as pa

        table = pa.concat_tables(self.batches)
        _write_row_group(self.writer, table.slice(0, n))
        rest = table.slice(n)
        self.batches = [rest] if rest.num_rows else []
        self.pending = rest.num_rows
        self.groups += 1

    def close(self) -> None:
        self._convert()
        if self.pending or not self.groups:
            if not self.batches:  # no records at all: an empty table, as parquet_bytes writes it
                import pyarrow as pa

                self.batches = [pa.schema([pa.field(n, pa.string() if pa.types.is_dictionary(t) else t)
                                           for n, t in zip(self.names, self.types)]).empty_table()]
            self._flush(self.pending)
        self.writer.close()

    def abort(self) -> None:
        try:
            self.writer.close()
        except Exception:  # noqa: BLE001, S110 - the sink may be gone already; the temp file is dropped anyway
            pass


def duckdb_digest(path: Path) -> str | None:
    """The content digest stored in an existing DuckDB file (None when absent/unreadable)."""
    import duckdb

    if not Path(path).exists():
        return None
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            return con.execute("SELECT digest FROM _meta").fetchone()[0]
        finally:
            con.close()
    except (duckdb.Error, TypeError):
        return None


def write_duckdb(path: Path, tables: dict, digest: str = "") -> None:
    """One table per kind (+ `_meta` with the content digest), written to a temp file and renamed into place.
    A table is given as an Arrow table or as the path of a Parquet file (read by DuckDB as it goes)."""
    import duckdb

    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path.name), suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)  # DuckDB must create the file itself
    try:
        # a low memory limit makes DuckDB write out and drop table blocks as it goes (bounded memory)
        con = duckdb.connect(tmp, config={"threads": 1, "memory_limit": DUCKDB_MEMORY_LIMIT})
        try:
            for kind, table in tables.items():
                if isinstance(table, (str, os.PathLike)):
                    source = "read_parquet('{}')".format(str(table).replace("'", "''"))
                else:
                    con.register("_src", table)
                    source = "_src"
                con.execute(f'CREATE TABLE "{kind}" AS SELECT * FROM {source}')
                if source == "_src":
                    con.unregister("_src")
            con.execute("CREATE TABLE _meta (digest VARCHAR)")
            con.execute("INSERT INTO _meta VALUES (?)", [digest])
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, tmp + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)


def update_duckdb(out_dir: Path) -> Path:
    """OUT/pipeline.duckdb loaded from the finished OUT/<kind>.parquet files; rewritten only when
    the digest of their bytes changed (a DuckDB file's own bytes differ on every write)."""
    out_dir = Path(out_dir)
    digest = hashlib.sha256()
    kinds = list(KINDS)
    for kind in kinds:
        with open(out_dir / f"{kind}.parquet", "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    db = out_dir / DUCKDB_NAME
    if duckdb_digest(db) != digest.hexdigest():
        write_duckdb(db, {kind: out_dir / f"{kind}.parquet" for kind in kinds}, digest.hexdigest())
    return db

