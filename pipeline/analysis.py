"""Analysis outputs: typed Parquet + DuckDB copies of the records, `load`,
provenance joins and the small aggregations the notebook plots.

One typing rule set serves every path (Parquet, DuckDB, `load` from Parquet
or JSONL), so a column has the same type wherever it is read:
offsets → int64, confidence → float64, id lists → list<string>, full ISO
dates → date32 (anything else → null), labels/types/classes → dictionary
(category). Columns beyond the contract (e.g. event extras from later
stages) are typed from their values: bool, int, float, list or string.

Parquet files are byte-identical for identical records (fixed writer
options, no timestamps, no pandas metadata). DuckDB files carry a random
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
from pathlib import Path

KINDS = ("documents", "mentions", "timexes", "events")
INT_COLUMNS = {"n_chars", "start", "end", "sent_id", "sent_start", "sent_end", "trigger_start", "trigger_end"}
FLOAT_COLUMNS = {"confidence"}
LIST_COLUMNS = {"timex_ids", "persons", "ships", "incidents", "mention_ids", "actors"}
DATE_COLUMNS = {"earliest", "latest", "date_earliest", "date_latest", "creation_date"}
CATEGORY_COLUMNS = {"label", "type", "event_class", "lang", "status", "mod", "encoding",
                    "date_source", "cameo_root"}
DUCKDB_NAME = "pipeline.duckdb"
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


def _int(value):
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _float(value):
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


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


def _inferred_type(values):
    """Arrow type for an extra column, from its non-empty values."""
    import pyarrow as pa

    seen = [v for v in values if v is not None and v != ""]
    if seen and all(isinstance(v, (list, tuple)) for v in seen):
        return pa.list_(pa.string())
    if seen and all(isinstance(v, bool) for v in seen):
        return pa.bool_()
    if seen and all(isinstance(v, int) and not isinstance(v, bool) for v in seen):
        return pa.int64()
    if seen and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in seen):
        return pa.float64()
    return pa.string()


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


def _array(name: str, values: list):
    import pyarrow as pa

    typ = column_type(name, values)
    if pa.types.is_dictionary(typ):
        return pa.array([_text(v) for v in values], pa.string()).dictionary_encode()
    convert = {pa.int64(): _int, pa.float64(): _float, pa.date32(): _iso_date, pa.string(): _text,
               pa.list_(pa.string()): _str_list, pa.bool_(): _bool}[typ]
    return pa.array([convert(v) for v in values], typ)


def to_table(kind: str, records: list[dict]):
    """Records of one kind → an Arrow table: contract columns first, extras sorted."""
    import pyarrow as pa

    fields = _fields(kind)
    extra = sorted({k for r in records for k in r} - set(fields))
    names = fields + extra
    arrays = [_array(n, [r.get(n) for r in records]) for n in names]
    return pa.Table.from_arrays(arrays, names=names)


# --- writing -----------------------------------------------------------------

def parquet_bytes(table) -> bytes:
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(table, buf, **_PARQUET_OPTIONS)
    return buf.getvalue()


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
    """One table per kind (+ `_meta` with the content digest), written to a temp file and renamed into place."""
    import duckdb

    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)  # DuckDB must create the file itself
    try:
        con = duckdb.connect(tmp, config={"threads": 1})
        try:
            for kind, table in tables.items():
                con.register("_src", table)
                con.execute(f'CREATE TABLE "{kind}" AS SELECT * FROM _src')
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


def write_analysis(out_dir: Path, records: dict[str, list[dict]]) -> list[Path]:
    """OUT/<kind>.parquet for every kind and OUT/pipeline.duckdb; returns the files written."""
    from pipeline.export import write_atomic

    out_dir = Path(out_dir)
    tables = {kind: to_table(kind, records.get(kind, [])) for kind in KINDS}
    written, digest = [], hashlib.sha256()
    for kind, table in tables.items():
        path = out_dir / f"{kind}.parquet"
        data = parquet_bytes(table)
        digest.update(data)
        write_atomic(path, data)
        written.append(path)
    db = out_dir / DUCKDB_NAME
    # rewritten only when the content changed (its bytes differ on every write)
    if duckdb_digest(db) != digest.hexdigest():
        write_duckdb(db, tables, digest.hexdigest())
    written.append(db)
    return written


# --- reading -----------------------------------------------------------------

def read_records(out_dir: Path) -> dict[str, list[dict]]:
    """The JSONL records of every kind (missing files → no records)."""
    out = {}
    for kind in KINDS:
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
    """{kind: DataFrame} from OUT: Parquet when present, else JSONL (same dtypes either way)."""
    import pyarrow.parquet as pq

    out_dir = Path(out_dir)
    if not any((out_dir / f"{k}{s}").exists() for k in KINDS for s in (".parquet", ".jsonl")):
        raise FileNotFoundError(f"no pipeline outputs in {out_dir}")
    records = None
    frames = {}
    for kind in KINDS:
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


def events_per_year(events):
    """Year × event_class counts (rows: years with events, sorted; columns: classes)."""
    import pandas as pd

    ev = event_periods(events).dropna(subset=["year"])
    classes = ev["event_class"].astype(str)
    table = pd.crosstab(ev["year"].astype(int), classes)
    table.index.name, table.columns.name = "year", "event_class"
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
