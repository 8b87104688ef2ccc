"""The typed loader: a run's outputs back as records or as pandas DataFrames (`pipeline.load_outputs`).

DataFrames come from the Parquet files when present, else from the JSONL files typed by the same
rules (pipeline.storage.tables), so the dtypes are the same either way: Int64 ints, category labels,
datetime64 dates, lists as Python lists.
"""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.records import KINDS
from pipeline.storage.outset import current_set
from pipeline.storage.tables import to_table


def read_records(out_dir: Path) -> dict[str, list[dict]]:
    """The JSONL records of every kind (missing files → no records), all from the output set in use."""
    out_dir = current_set(out_dir)
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
    """{kind: DataFrame} from OUT: Parquet when present, else JSONL (same dtypes either way), all
    from the output set in use (OUT/.current, resolved once: a run switching sets meanwhile is not mixed in)."""
    import pyarrow.parquet as pq

    out_dir = current_set(Path(out_dir))
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
