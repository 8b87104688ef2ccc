"""Streaming export: one document at a time gives the same files as all records at once."""
import pyarrow.parquet as pq

from pipeline.export import Columns, write_outputs, write_streamed
from pipeline.storage import tables
from pipeline.storage.writers import output_names

from .test_analysis import make_records


def _parts():
    """make_records split into documents, with extra columns whose type depends on every document."""
    recs = make_records()
    parts = []
    for i in range(9):
        part = {kind: [dict(r, doc_id=f"d{i}") for r in rows] for kind, rows in recs.items()}
        for j, ev in enumerate(part["events"]):
            ev["score"] = i + j if i < 8 else 0.5  # int until the last document → float64
            ev["flag"] = "" if i % 2 else (j % 2 == 0)  # bools and blanks → bool
            ev["late"] = None if i < 8 else "x"  # empty until the last document → string
        parts.append(part)
    return parts


def _files(out):
    return {n: (out / n).read_bytes() for n in output_names() if not n.endswith(".duckdb")}


def test_streamed_equals_in_memory_across_row_groups(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "ROW_GROUP_ROWS", 7)  # several row groups and partial batches
    monkeypatch.setattr(tables, "_BATCH_ROWS", 3)
    parts = _parts()
    merged = {kind: [r for p in parts for r in p.get(kind, [])] for kind in parts[0]}
    write_outputs(tmp_path / "whole", merged)
    write_streamed(tmp_path / "streamed", lambda: iter(parts))
    columns = Columns()
    for p in parts:
        columns.add(p)
    write_streamed(tmp_path / "given", lambda: iter(parts), columns)
    whole = _files(tmp_path / "whole")
    assert whole == _files(tmp_path / "streamed") == _files(tmp_path / "given")
    for kind, rows in merged.items():
        assert whole[f"{kind}.parquet"] == tables.parquet_bytes(tables.to_table(kind, rows))
    meta = pq.read_metadata(tmp_path / "streamed" / "mentions.parquet")
    assert meta.num_row_groups == -(-len(merged["mentions"]) // 7)
    schema = pq.read_schema(tmp_path / "streamed" / "events.parquet")
    assert str(schema.field("score").type) == "double" and str(schema.field("flag").type) == "bool"
    assert str(schema.field("late").type) == "string"


def test_unchanged_files_are_not_rewritten_and_no_temp_left(tmp_path):
    parts = _parts()
    out = tmp_path / "out"
    write_streamed(out, lambda: iter(parts))
    before = {n: (out / n).stat().st_mtime_ns for n in output_names()}
    (out / ".events.csv.pipeline-999999999-x1y2.tmp").write_bytes(b"left by a killed run")
    (out / ".notes.tmp").write_bytes(b"not ours")  # issue 16: only our own temporaries are deleted
    write_streamed(out, lambda: iter(parts))
    assert {n: (out / n).stat().st_mtime_ns for n in output_names()} == before
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == [".notes.tmp"]


def test_failed_write_leaves_previous_outputs(tmp_path):
    parts = _parts()
    out = tmp_path / "out"
    write_streamed(out, lambda: iter(parts))
    before = _files(out)

    calls = []

    def broken():  # the column pass succeeds, the writing pass dies half-way
        calls.append(1)
        yield parts[0]
        if len(calls) > 1:
            raise RuntimeError("killed")
        yield from parts[1:]

    try:
        write_streamed(out, broken)
    except RuntimeError:
        pass
    else:
        raise AssertionError("the failure was swallowed")
    assert _files(out) == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_jsonl_and_csv_keep_the_contract_order_whatever_order_the_keys_come_in(tmp_path):
    import csv
    import io
    import json

    from pipeline.records import contract

    fields = contract("timexes")
    full = {f: f"v-{f}" for f in fields} | {"start": 3, "end": 5, "mod": None}
    shuffled = dict(sorted(full.items(), reverse=True))  # the cache hands records back with sorted keys
    short = {"doc_id": "d", "timex_id": "d#t2", "start": 7}  # contract fields missing: written blank
    extra = dict(shuffled, zeta=["a", "b"], alpha=True)  # columns beyond the contract: sorted by name after it
    write_outputs(tmp_path, {"timexes": [shuffled, short, extra]})
    lines = [json.loads(line) for line in (tmp_path / "timexes.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [list(r) for r in lines] == [fields, fields, fields + ["alpha", "zeta"]]
    assert lines[0] == full and lines[1]["text"] == "" and lines[1]["start"] == 7
    rows = list(csv.reader(io.StringIO((tmp_path / "timexes.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0] == fields + ["alpha", "zeta"]
    assert rows[1] == [str(full[f]) if full[f] is not None else "" for f in fields] + ["", ""]
    assert rows[2][:4] == ["d", "d#t2", "", "7"] and rows[2][len(fields) - 1:] == ["", "", ""]
    assert rows[3][:len(fields)] == rows[1][:len(fields)] and rows[3][-2:] == ["true", "a|b"]
