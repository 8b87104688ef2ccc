"""Analysis outputs: typed Parquet + DuckDB copies of the records, `load`,
provenance joins and the small aggregations the notebook plots.

One typing rule set serves every path (Parquet, DuckDB, `load` from Parquet
or JSONL), so a column has the same type wherever it is read:
offsets → int64, confidence → float64, id lists → list<string>, full ISO
dates → date32 (anything else → null), labels/types/classes → dictionary
(category). Columns beyond the contract (e.g. event extras from later
stages) are typed from their values: bool, int, float, list or string.

Parquet files are byte-identical for identical records (fixed writer
options and row-group size, no timestamps, no pandas metadata); they are
written streaming (ParquetStream), so memory does not grow with the corpus,
and DuckDB loads its tables from them. DuckDB files carry a random
database id, so `pipeline.duckdb` keeps a digest of the Parquet bytes in its
`_meta` table and is rewritten only when that digest changes: an unchanged
rerun leaves the file untouched, but two fresh runs give equal tables, not
equal bytes (the byte-identical guarantee covers CSV, JSONL and Parquet).
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

KINDS = ("documents", "mentions", "timexes", "events", "entities", "timeline")
TABLES = KINDS  # every table: the per-document kinds and the corpus-level entities and timeline
INT_COLUMNS = {"n_chars", "start", "end", "sent_id", "sent_start", "sent_end", "trigger_start", "trigger_end",
               "n_mentions", "n_documents", "n_sources", "n_agree", "n_conflicts"}
FLOAT_COLUMNS = {"confidence", "date_confidence"}
LIST_COLUMNS = {"timex_ids", "persons", "ships", "incidents", "mention_ids", "actors", "aliases", "source_events",
                "source_docs", "source_spans", "conflicts", "conflict_dates"}
DATE_COLUMNS = {"earliest", "latest", "date_earliest", "date_latest", "creation_date", "first_date", "last_date"}
CATEGORY_COLUMNS = {"label", "type", "event_class", "lang", "status", "mod", "encoding",
                    "date_source", "cameo_root"}
DUCKDB_NAME = "pipeline.duckdb"
DUCKDB_MEMORY_LIMIT = "32MB"
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|T)")
_PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 3, "version": "2.6", "data_page_version": "1.0",
                    "use_dictionary": True, "write_statistics": True, "store_schema": True}


# --- typing -----------------------------------------------------------------

def _fields(kind: str) -> list[str]:
    from pipeline.export import FIELDS

    return FIELDS[kind]


def _iso_date(value):
    """datetime.date for a full ISO date (or the date part of an ISO datetime), else None."""
    import datetime as dt

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
        from pipeline.export import LIST_SEP

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


def column_type(name: str, values=()):
    import pyarrow as pa

    if name in INT_COLUMNS:
        return pa.int64()
    if name in FLOAT_COLUMNS:
        return pa.float64()
    if name in LIST_COLUMNS:
        return pa.list_(pa.string())
    if name in DATE_COLUMNS:
        return pa.date32()
    if name in CATEGORY_COLUMNS:
        return pa.dictionary(pa.int32(), pa.string())
    return _inferred_type(values)


def _known(name: str) -> bool:
    return name in INT_COLUMNS or name in FLOAT_COLUMNS or name in LIST_COLUMNS or name in DATE_COLUMNS \
        or name in CATEGORY_COLUMNS


class ColumnScan:
    """A first pass over one kind's records, one record at a time: the column names
    (contract first, extras sorted) and the evidence for columns typed from their values."""

    def __init__(self, kind: str):
        self.fields = _fields(kind)
        self.extra: set[str] = set()
        self.evidence: dict[str, TypeEvidence] = {}
        self._settled = {n for n in self.fields if _known(n)}  # names whose column and type are final

    def add(self, record: dict) -> None:
        for k, v in record.items():
            if k in self._settled:
                continue
            if k not in self.fields:
                self.extra.add(k)
            if _known(k):
                self._settled.add(k)
                continue
            ev = self.evidence.get(k)
            if ev is None:
                ev = self.evidence[k] = TypeEvidence()
            ev.add(v)
            if ev.seen and not (ev.lists or ev.bools or ev.numbers):  # string whatever comes next
                self._settled.add(k)

    def names(self) -> list[str]:
        return self.fields + sorted(self.extra)

    def types(self) -> list:
        return [column_type(n) if _known(n) else self.evidence.get(n, TypeEvidence()).arrow_type()
                for n in self.names()]


def _array(name: str, values: list, typ=None, encode: bool = True):
    """One column as an Arrow array of `typ` (default: column_type); category columns are
    dictionary-encoded unless encode=False (then plain strings, encoded per row group)."""
    import pyarrow as pa

    typ = column_type(name, values) if typ is None else typ
    if pa.types.is_dictionary(typ):
        plain = pa.array(_converted(values, _text, _as_is_types()[pa.string()]), pa.string())
        return plain.dictionary_encode() if encode else plain
    convert = {pa.int64(): _int, pa.float64(): _float, pa.date32(): _iso_date, pa.string(): _text,
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


def extra_columns(kind: str, records) -> list[str]:
    fields = set(_fields(kind))
    return sorted({k for r in records for k in r} - fields)


def to_table(kind: str, records: list[dict]):
    """Records of one kind → an Arrow table: contract columns first, extras sorted."""
    import pyarrow as pa

    names = _fields(kind) + extra_columns(kind, records)
    arrays = [_array(n, [r.get(n) for r in records]) for n in names]
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
            arrays = [_array(n, [r.get(n) for r in self.rows], t, encode=False) for n, t in zip(self.names, self.types)]
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

    from pipeline.outset import temp_prefix

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
    kinds = [k for k in TABLES if k in KINDS or (out_dir / f"{k}.parquet").exists()]
    for kind in kinds:
        with open(out_dir / f"{kind}.parquet", "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    db = out_dir / DUCKDB_NAME
    if duckdb_digest(db) != digest.hexdigest():
        write_duckdb(db, {kind: out_dir / f"{kind}.parquet" for kind in kinds}, digest.hexdigest())
    return db


def write_analysis(out_dir: Path, records: dict[str, list[dict]]) -> list[Path]:
    """OUT/<kind>.parquet for every kind (from records in memory) and OUT/pipeline.duckdb; returns the files
    written. Whole corpora go through export.write_streamed, which writes the same files one record at a time."""
    from pipeline.export import Columns, write_atomic

    out_dir = Path(out_dir)
    if "entities" not in records or "timeline" not in records:
        columns = Columns()  # the corpus-level kinds, derived as the streamed writer derives them
        columns.add(records)
        records = {**columns.derived(), **records}
    written = []
    for kind in TABLES:
        path = out_dir / f"{kind}.parquet"
        write_atomic(path, parquet_bytes(to_table(kind, records.get(kind, []))))
        written.append(path)
    written.append(update_duckdb(out_dir))
    return written


# --- reading -----------------------------------------------------------------

def read_records(out_dir: Path) -> dict[str, list[dict]]:
    """The JSONL records of every kind (missing files → no records), all from the output set in use."""
    from pipeline.outset import current_set

    out_dir = current_set(out_dir)
    out = {}
    for kind in TABLES:
        path = Path(out_dir) / f"{kind}.jsonl"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        out[kind] = [json.loads(line) for line in text.splitlines() if line.strip()]
    return out


def _frame(table):
    """Arrow table → DataFrame: Int64 ints, category labels, datetime64 dates, lists as Python lists."""
    import pandas as pd
    import pyarrow as pa

    frame = table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get, date_as_object=False)
    for name in table.column_names:
        typ = table.schema.field(name).type
        if pa.types.is_list(typ):
            frame[name] = pd.Series([v or [] for v in table.column(name).to_pylist()], index=frame.index,
                                    dtype=object)
        elif pa.types.is_date32(typ):
            frame[name] = pd.to_datetime(frame[name])
    return frame


def load(out_dir: Path) -> dict:
    """{kind: DataFrame} from OUT: Parquet when present, else JSONL (same dtypes either way), all
    from the output set in use (OUT/.current, resolved once: a run switching sets meanwhile is not mixed in)."""
    import pyarrow.parquet as pq

    from pipeline.outset import current_set

    out_dir = current_set(Path(out_dir))
    if not any((out_dir / f"{k}{s}").exists() for k in KINDS for s in (".parquet", ".jsonl")):
        raise FileNotFoundError(f"no pipeline outputs in {out_dir}")
    records = None
    frames = {}
    for kind in TABLES:
        path = out_dir / f"{kind}.parquet"
        if path.exists():
            table = pq.read_table(path)
        else:
            records = records or read_records(out_dir)
            table = to_table(kind, records[kind])
        frames[kind] = _frame(table)
    return frames


# --- provenance joins ----------------------------------------------------------

def event_mentions(data: dict):
    """One row per (event, mention) link: event_id, doc_id, then the mention's columns."""
    ev = data["events"][["event_id", "doc_id", "mention_ids"]].explode("mention_ids")
    ev = ev.dropna(subset=["mention_ids"]).rename(columns={"mention_ids": "mention_id"})
    return ev.merge(data["mentions"], on=["doc_id", "mention_id"], how="left", validate="many_to_one")


def event_timexes(data: dict):
    """One row per (event, timex) link: event_id, doc_id, then the timex's columns."""
    ev = data["events"][["event_id", "doc_id", "timex_ids"]].explode("timex_ids")
    ev = ev.dropna(subset=["timex_ids"]).rename(columns={"timex_ids": "timex_id"})
    return ev.merge(data["timexes"], on=["doc_id", "timex_id"], how="left", validate="many_to_one")


def document_texts(corpus_dir: Path, data: dict | None = None) -> dict[str, str]:
    """{doc_id: text} decoded exactly as the pipeline did; with `data`, only
    documents whose content hash still matches the outputs."""
    from pipeline.ingest import iter_corpus

    want = None
    if data is not None:
        docs = data["documents"]
        want = dict(zip(docs["doc_id"], docs["sha256"]))
    texts = {}
    for doc in iter_corpus(Path(corpus_dir)):
        if doc.status == "ok" and (want is None or want.get(doc.doc_id) == doc.sha256):
            texts[doc.doc_id] = doc.text
    return texts


def event_sources(data: dict, texts: dict[str, str]):
    """Events with `source_sentence` = the document text at [sent_start, sent_end)
    (None when the document text is unavailable) and `trigger_surface`."""
    ev = data["events"].copy()

    def cut(row, s, e):
        text = texts.get(row["doc_id"])
        return None if text is None else text[int(row[s]):int(row[e])]

    ev["source_sentence"] = [cut(r, "sent_start", "sent_end") for _, r in ev.iterrows()]
    ev["trigger_surface"] = [cut(r, "trigger_start", "trigger_end") for _, r in ev.iterrows()]
    return ev


# --- aggregations for the notebook ---------------------------------------------

def display_names(mentions, lang: str = "en") -> dict[str, str]:
    """canonical_id → a readable name: the most frequent name_en (lang "en") or name_ja (lang "ja"),
    else the other language's name, else the id's slug."""
    cols = ("name_en", "name_ja") if lang == "en" else ("name_ja", "name_en")
    names: dict[str, str] = {}
    linked = mentions[mentions["canonical_id"].notna() & (mentions["canonical_id"] != "")]
    for cid, group in linked.groupby("canonical_id", sort=True, observed=True):
        names[cid] = cid.split(":", 1)[-1]
        for col in cols:
            vals = group[col].dropna()
            vals = vals[vals != ""]
            if len(vals):
                names[cid] = vals.value_counts().index[0]
                break
    return names


def event_periods(events):
    """Events with `year` and `decade` (nullable ints) when the event date falls
    within one year / one decade (1950-06 → 1950; 1960年代 → decade 1960 but no year)."""
    import pandas as pd

    ev = events.copy()
    lo, hi = ev["date_earliest"], ev["date_latest"]
    same_year = lo.dt.year == hi.dt.year
    same_decade = (lo.dt.year // 10) == (hi.dt.year // 10)
    ev["year"] = lo.dt.year.where(same_year).astype(pd.Int64Dtype())
    ev["decade"] = ((lo.dt.year // 10) * 10).where(same_decade).astype(pd.Int64Dtype())
    return ev


def events_per_year(events, by: str = "event_class"):
    """Year × `by` counts (rows: years with events, sorted; columns: the values of `by`, e.g.
    event_class or quad_class)."""
    import pandas as pd

    ev = event_periods(events).dropna(subset=["year"])
    classes = ev[by].astype("string").fillna("") if by in ev else pd.Series("", index=ev.index)
    table = pd.crosstab(ev["year"].astype(int), classes)
    table.index.name, table.columns.name = "year", by
    return table


def people_by_decade(data: dict, top: int = 5):
    """The `top` persons per decade by number of events: decade, rank, person, name, name_ja, events."""
    import pandas as pd

    ev = event_periods(data["events"]).dropna(subset=["decade"])
    rows = ev[["event_id", "decade", "persons"]].explode("persons").dropna(subset=["persons"])
    rows = rows[rows["persons"] != ""].drop_duplicates(["event_id", "persons"])
    names, names_ja = display_names(data["mentions"]), display_names(data["mentions"], lang="ja")
    counts = rows.groupby(["decade", "persons"]).size().reset_index(name="events")
    counts = counts.sort_values(["decade", "events", "persons"], ascending=[True, False, True])
    counts["rank"] = counts.groupby("decade").cumcount() + 1
    counts = counts[counts["rank"] <= top].rename(columns={"persons": "person"})
    counts["name"] = counts["person"].map(names).fillna(counts["person"])
    counts["name_ja"] = counts["person"].map(names_ja).fillna(counts["person"])
    cols = ["decade", "rank", "person", "name", "name_ja", "events"]
    out = counts[cols].reset_index(drop=True)
    out["decade"] = out["decade"].astype(int)
    return out.astype({"events": int, "rank": int}) if len(out) else pd.DataFrame(columns=cols)


def person_incident_table(data: dict, names: bool = True):
    """Persons × incidents: number of events whose sentence involves both."""
    import pandas as pd

    ev = data["events"][["event_id", "persons", "incidents"]]
    pairs = ev.explode("persons").explode("incidents").dropna(subset=["persons", "incidents"])
    pairs = pairs[(pairs["persons"] != "") & (pairs["incidents"] != "")].drop_duplicates()
    if names:
        lookup = display_names(data["mentions"])
        pairs = pairs.assign(persons=pairs["persons"].map(lambda c: lookup.get(c, c)),
                             incidents=pairs["incidents"].map(lambda c: lookup.get(c, c)))
    table = pd.crosstab(pairs["persons"], pairs["incidents"])
    table.index.name, table.columns.name = "person", "incident"
    return table


SUMMIT_PATTERN = r"首脳会談|首脳会議|サミット|[Ss]ummit"


def incident_summit_timeline(data: dict):
    """Dated occurrences of incidents (INCIDENT mentions) and summits (mentions
    whose surface names a summit): kind, key, name_ja, name_en, doc_id, date,
    event_id. A mention is dated by the event whose sentence contains it."""
    import pandas as pd

    m = data["mentions"]
    label = m["label"].astype(str)
    is_incident = label == "INCIDENT"
    is_summit = (~is_incident) & m["text"].str.contains(SUMMIT_PATTERN, regex=True, na=False)
    picked = m[is_incident | is_summit].assign(kind=["incident" if i else "summit" for i in
                                                    is_incident[is_incident | is_summit]])
    ev = event_periods(data["events"])[["event_id", "doc_id", "sent_start", "sent_end", "date_earliest",
                                        "date_latest"]]
    joined = picked.merge(ev, on="doc_id", how="inner")
    joined = joined[(joined["sent_start"] <= joined["start"]) & (joined["start"] < joined["sent_end"])]
    joined = joined.dropna(subset=["date_earliest"])
    cid = joined["canonical_id"].fillna("").astype(str)
    joined = joined.assign(key=cid.where(cid != "", joined["text"]),
                           date=joined["date_earliest"],
                           name_ja=joined["name_ja"].fillna("").where(joined["name_ja"].fillna("") != "",
                                                                      joined["text"]),
                           name_en=joined["name_en"].fillna(""))
    cols = ["kind", "key", "name_ja", "name_en", "doc_id", "date", "event_id", "mention_id"]
    out = joined[cols].drop_duplicates(["key", "event_id"]).sort_values(["date", "key"])
    return out.reset_index(drop=True) if len(out) else pd.DataFrame(columns=cols)


def timeline_points(data: dict, min_sources: int = 1):
    """The corpus timeline as points to plot: one `agreed` point per timeline row (at its earliest
    day, with how many documents report it and agree), and one `conflict` point per conflicting
    source date (doc_id and span of that source). Columns: timeline_id, label, kind, date,
    n_sources, n_agree, doc_span. Rows reported by fewer than `min_sources` documents are left out,
    unless they carry a conflict."""
    import pandas as pd

    cols = ["timeline_id", "label", "kind", "date", "n_sources", "n_agree", "doc_span"]
    t = data.get("timeline")
    if t is None or not len(t):
        return pd.DataFrame(columns=cols)
    keep = t[(t["n_sources"] >= min_sources) | (t["n_conflicts"] > 0)].dropna(subset=["date_earliest"])
    rows = []
    for r in keep.itertuples(index=False):
        rows.append((r.timeline_id, str(r.label), "agreed", r.date_earliest, int(r.n_sources), int(r.n_agree), ""))
        for c in r.conflicts or []:
            span, _, value = str(c).rpartition("=")
            day = _iso_date(value) or _iso_date(f"{value[:4]}-01-01" if value[:4].isdigit() else "")
            if day is not None:
                rows.append((r.timeline_id, str(r.label), "conflict", pd.Timestamp(day), int(r.n_sources),
                             int(r.n_agree), span))
    out = pd.DataFrame(rows, columns=cols)
    if not len(out):
        return pd.DataFrame(columns=cols)
    out["date"] = pd.to_datetime(out["date"])
    return out.sort_values(["date", "timeline_id", "kind"]).reset_index(drop=True)
