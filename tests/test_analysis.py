"""Analysis outputs: typed Parquet/DuckDB, JSON Schemas, pipeline.load, provenance joins, aggregations."""
import json
import os
import subprocess
import sys

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from jsonschema import Draft202012Validator

from pipeline import analysis
from pipeline.export import write_outputs
from pipeline.records import KINDS, contract
from pipeline.storage import loader, tables
from pipeline.storage.schemas import SCHEMA_DIR as SCHEMAS

TEXT = ("1968年1月23日、プエブロ号事件でジョンソン大統領が抗議した。\n"
        "1960年代、金日成が演説した。\n"
        "2018年6月12日、トランプと金正恩がシンガポールで首脳会談を行った。\n"
        "2019年2月27日、トランプが再び金正恩と会談した。\n")
D = "doc"


def _at(surface, nth=0):
    s = -1
    for _ in range(nth + 1):
        s = TEXT.index(surface, s + 1)
    return s, s + len(surface)


def _m(n, label, surface, cid="", name_en="", nth=0):
    s, e = _at(surface, nth)
    return {"doc_id": D, "mention_id": f"{D}#m{n:05d}", "label": label, "text": surface, "start": s, "end": e,
            "sent_id": TEXT[:s].count("\n"), "canonical_id": cid or None, "name_ja": surface if cid else None,
            "name_en": name_en or None, "name_en_source": "kb" if cid else "",
            "source": "kb" if cid else "ginza:Conference", "confidence": 0.9}


def _t(n, surface, value, earliest, latest):
    s, e = _at(surface)
    return {"doc_id": D, "timex_id": f"{D}#t{n:04d}", "text": surface, "start": s, "end": e, "type": "DATE",
            "value": value, "mod": "", "earliest": earliest, "latest": latest, "anchor_timex_id": "",
            "calendar": "gregorian", "value_as_written": ""}


def _sent(i):
    lines = TEXT.split("\n")
    s = sum(len(x) + 1 for x in lines[:i])
    return s, s + len(lines[i])


def _e(n, si, timex, trig, mentions, **extra):
    s, e = _sent(si)
    ts = TEXT.index(trig, s)
    ev = {"doc_id": D, "event_id": f"{D}#e{n:04d}", "sentence": TEXT[s:e], "sent_start": s, "sent_end": e,
          "date_value": timex["value"], "date_earliest": timex["earliest"], "date_latest": timex["latest"],
          "timex_ids": [timex["timex_id"]], "trigger": trig, "trigger_start": ts, "trigger_end": ts + len(trig),
          "event_class": extra.pop("event_class", "unknown"),
          "persons": list(dict.fromkeys(m["canonical_id"] for m in mentions if m["label"] == "PERSON")),
          "ships": list(dict.fromkeys(m["canonical_id"] for m in mentions if m["label"] == "SHIP")),
          "incidents": list(dict.fromkeys(m["canonical_id"] for m in mentions if m["label"] == "INCIDENT")),
          "mention_ids": [m["mention_id"] for m in mentions]}
    ev.update(extra)
    return ev


def make_records():
    ms = [_m(1, "INCIDENT", "プエブロ号事件", "incident:pueblo-incident", "Pueblo incident"),
          _m(2, "SHIP", "プエブロ号", "ship:uss-pueblo", "USS Pueblo"),
          _m(3, "PERSON", "ジョンソン", "person:lyndon-b-johnson", "Lyndon B. Johnson"),
          _m(4, "PERSON", "金日成", "person:kim-il-sung", "Kim Il-sung"),
          _m(5, "PERSON", "トランプ", "person:donald-trump", "Donald Trump"),
          _m(6, "PERSON", "金正恩", "person:kim-jong-un", "Kim Jong-un"),
          _m(7, "GPE", "シンガポール"),
          _m(8, "MEETING", "首脳会談"),
          _m(9, "PERSON", "トランプ", "person:donald-trump", "Donald Trump", nth=1),
          _m(10, "PERSON", "金正恩", "person:kim-jong-un", "Kim Jong-un", nth=1)]
    ts = [_t(1, "1968年1月23日", "1968-01-23", "1968-01-23", "1968-01-23"),
          _t(2, "1960年代", "196", "1960-01-01", "1969-12-31"),
          _t(3, "2018年6月12日", "2018-06-12", "2018-06-12", "2018-06-12"),
          _t(4, "2019年2月27日", "2019-02-27", "2019-02-27", "2019-02-27")]
    es = [_e(1, 0, ts[0], "抗議", ms[0:3], event_class="protest", actors=["USA", "PRK"], negated=False),
          _e(2, 1, ts[1], "演説", ms[3:4], event_class="make_statement", actors=["PRK"], negated=False),
          _e(3, 2, ts[2], "行っ", ms[4:6], event_class="meet", actors=[], negated=False, quad_class=1),
          _e(4, 3, ts[3], "会談", ms[8:10], event_class="meet", actors=["USA"], negated=True, quad_class=1)]
    doc = {"doc_id": D, "source_path": "corpus/doc.txt", "sha256": "ab" * 32, "encoding": "utf-8", "lang": "ja",
           "n_chars": len(TEXT), "status": "ok", "error": "", "creation_date": "2019-03-01"}
    bad = {"doc_id": "empty", "source_path": "corpus/empty.txt", "sha256": "cd" * 32, "encoding": "utf-8",
           "lang": "", "n_chars": "", "status": "error", "error": "no text (empty or whitespace only)",
           "creation_date": ""}
    return {"documents": [doc, bad], "mentions": ms, "timexes": ts, "events": es}


def with_entities(records):
    """The records and the corpus-level rows (`entities`, `timeline`) the writers derive from them."""
    from pipeline.export import Columns

    columns = Columns()
    columns.add(records)
    return {**records, **columns.derived()}


@pytest.fixture()
def out(tmp_path):
    write_outputs(tmp_path / "out", make_records())
    return tmp_path / "out"


# --- files and types ---------------------------------------------------------------

def test_parquet_and_duckdb_written_with_typed_columns(out):
    for kind in KINDS:
        assert (out / f"{kind}.parquet").exists()
    ev = pq.read_schema(out / "events.parquet")
    assert [n for n in ev.names[: len(contract("events"))]] == contract("events")
    assert ev.field("sent_start").type == pa.int64()
    assert ev.field("mention_ids").type == pa.list_(pa.string())
    assert ev.field("date_earliest").type == pa.date32()
    assert pa.types.is_dictionary(ev.field("event_class").type)
    # extras from a later stage are typed from their values
    assert ev.field("actors").type == pa.list_(pa.string())
    assert ev.field("negated").type == pa.bool_()
    assert ev.field("quad_class").type == pa.int64()
    tx = pq.read_table(out / "timexes.parquet")
    assert pa.types.is_dictionary(tx.schema.field("type").type)
    assert pq.read_table(out / "mentions.parquet").schema.field("confidence").type == pa.float64()
    docs = pq.read_table(out / "documents.parquet").to_pylist()
    assert docs[1]["n_chars"] is None and docs[1]["creation_date"] is None
    assert str(docs[0]["creation_date"]) == "2019-03-01"
    assert not pq.read_metadata(out / "events.parquet").metadata.get(b"pandas")


def test_dates_only_for_full_iso_values():
    recs = [{"earliest": "1969-04-15", "latest": "1969-04-15T06:30"}, {"earliest": "", "latest": "1950"},
            {"earliest": "2017-02-30", "latest": None}]
    table = tables.to_table("timexes", recs)
    assert [str(v) if v else v for v in table.column("earliest").to_pylist()] == ["1969-04-15", None, None]
    assert [str(v) if v else v for v in table.column("latest").to_pylist()] == ["1969-04-15", None, None]


def test_empty_run_still_has_every_contract_column(tmp_path):
    write_outputs(tmp_path, {})
    for kind, fields in ((k, contract(k)) for k in KINDS):
        table = pq.read_table(tmp_path / f"{kind}.parquet")
        assert table.num_rows == 0 and table.column_names == fields
    frames = loader.load(tmp_path)
    assert list(frames["events"].columns) == contract("events")


def test_parquet_byte_identical_across_runs_duckdb_equal_by_content(out, tmp_path):
    other = tmp_path / "again"
    write_outputs(other, make_records())
    for kind in KINDS:
        assert (out / f"{kind}.parquet").read_bytes() == (other / f"{kind}.parquet").read_bytes()
    import duckdb

    for kind in KINDS:
        rows = []
        for d in (out, other):
            con = duckdb.connect(str(d / tables.DUCKDB_NAME), read_only=True)
            rows.append(con.execute(f'SELECT * FROM "{kind}"').fetchall())
            con.close()
        assert rows[0] == rows[1] and len(rows[0]) == len(with_entities(make_records())[kind])


def test_duckdb_tables_match_records_and_unchanged_run_keeps_file(out):
    import duckdb

    db = out / tables.DUCKDB_NAME
    con = duckdb.connect(str(db), read_only=True)
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'events'").fetchall())
    assert types["sent_start"] == "BIGINT" and types["persons"] == "VARCHAR[]" and types["date_earliest"] == "DATE"
    got = con.execute("SELECT event_id, persons FROM events ORDER BY event_id").fetchall()
    con.close()
    assert got == [(e["event_id"], e["persons"]) for e in make_records()["events"]]
    before = (db.read_bytes(), db.stat().st_mtime_ns)
    write_outputs(out, make_records())
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before
    changed = make_records()
    changed["events"] = changed["events"][:1]
    write_outputs(out, changed)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchone() == (1,)
    con.close()
    # a DuckDB file left stale (e.g. a run killed after the Parquet writes) is caught by its digest
    tables.write_duckdb(db, {"events": tables.to_table("events", [])}, digest="stale")
    write_outputs(out, changed)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchone() == (1,)
    con.close()


def test_failed_duckdb_write_leaves_previous_file_and_no_temp(out, monkeypatch):
    import duckdb

    db = out / tables.DUCKDB_NAME
    before = db.read_bytes()

    class Boom(RuntimeError):
        pass

    real = duckdb.connect

    def failing(path, *a, **kw):
        con = real(path, *a, **kw)
        if not str(path).endswith(".tmp"):
            return con  # reading the stored digest
        con.close()  # the temp file exists, then the write dies
        raise Boom()

    monkeypatch.setattr(duckdb, "connect", failing)
    changed = make_records()
    changed["mentions"] = changed["mentions"][:3]
    with pytest.raises(Boom):
        write_outputs(out, changed)
    assert db.read_bytes() == before
    assert not [p for p in os.listdir(out) if p.endswith((".tmp", ".wal"))]


# --- JSON Schemas ------------------------------------------------------------------

def _validator(kind):
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert set(schema["required"]) == set(contract(kind))
    return Draft202012Validator(schema)


def test_schemas_accept_good_records_and_reject_broken_ones():
    recs = with_entities(make_records())
    for kind in KINDS:
        v = _validator(kind)
        for r in recs[kind]:
            assert not list(v.iter_errors(r)), (kind, r)
    m = recs["mentions"][0]
    v = _validator("mentions")
    for broken in ({**m, "start": -1}, {**m, "label": "person"}, {k: x for k, x in m.items() if k != "end"},
                   {**m, "_reading_of": [1, 2]}, {**m, "canonical_id": "Person:Donald Trump"},
                   {**m, "canonical_id": "person:a|b"}, {**m, "canonical_id": "donald-trump"}):
        assert list(v.iter_errors(broken)), broken
    t = recs["timexes"][0]
    vt = _validator("timexes")
    assert list(vt.iter_errors({**t, "type": "DATETIME"})) and list(vt.iter_errors({**t, "mod": "ABOUT"}))
    assert list(vt.iter_errors({**t, "earliest": "1968"}))
    vd = _validator("documents")
    assert list(vd.iter_errors({**recs["documents"][0], "status": "fine"}))
    assert list(vd.iter_errors({**recs["documents"][1], "error": ""}))  # an error needs its reason
    ve = _validator("events")
    assert list(ve.iter_errors({**recs["events"][0], "persons": "person:x"}))
    assert list(ve.iter_errors({**recs["events"][0], "ships": ["person:x"]}))
    assert list(ve.iter_errors({**recs["events"][0], "negated": "no"}))


# --- load -----------------------------------------------------------------------------

def _check_dtypes(frames):
    m, e, t = frames["mentions"], frames["events"], frames["timexes"]
    assert str(m["start"].dtype) == "Int64" and str(e["trigger_end"].dtype) == "Int64"
    assert isinstance(m["label"].dtype, pd.CategoricalDtype) and isinstance(t["type"].dtype, pd.CategoricalDtype)
    assert isinstance(e["event_class"].dtype, pd.CategoricalDtype)
    assert str(t["earliest"].dtype).startswith("datetime64") and str(e["date_latest"].dtype).startswith("datetime64")
    assert all(isinstance(v, list) for col in ("persons", "mention_ids", "timex_ids", "actors") for v in e[col])
    assert e.loc[0, "persons"] == ["person:lyndon-b-johnson"]
    assert pd.isna(frames["documents"].loc[1, "n_chars"])


def test_load_from_parquet_and_from_jsonl_agree(out):
    from_parquet = loader.load(out)
    _check_dtypes(from_parquet)
    for kind in KINDS:
        (out / f"{kind}.parquet").unlink()
    from_jsonl = loader.load(out)
    _check_dtypes(from_jsonl)
    for kind in KINDS:
        pd.testing.assert_frame_equal(from_parquet[kind], from_jsonl[kind])


def test_load_missing_outputs(tmp_path):
    with pytest.raises(FileNotFoundError):
        loader.load(tmp_path)


def test_import_pipeline_stays_cheap_and_exposes_load():
    code = ("import sys, pipeline; heavy = {'pandas', 'pyarrow', 'duckdb'} & set(sys.modules); "
            "assert not heavy, heavy; assert callable(pipeline.load)")
    subprocess.run([sys.executable, "-c", code], check=True)


# --- provenance joins ----------------------------------------------------------------

def _joins_hold(frames, texts):
    em = analysis.event_mentions(frames)
    n_links = sum(len(x) for x in frames["events"]["mention_ids"])
    assert len(em) == n_links and em["label"].notna().all()
    assert ((em["start"] >= em["event_id"].map(frames["events"].set_index("event_id")["sent_start"]))
            & (em["end"] <= em["event_id"].map(frames["events"].set_index("event_id")["sent_end"]))).all()
    et = analysis.event_timexes(frames)
    assert len(et) == sum(len(x) for x in frames["events"]["timex_ids"]) and et["value"].notna().all()
    src = analysis.event_sources(frames, texts)
    assert (src["source_sentence"] == src["sentence"]).all()
    for _, r in em.iterrows():
        assert texts[r["doc_id"]][r["start"]:r["end"]] == r["text"]
    return em, et


def test_provenance_joins_link_events_to_mentions_timexes_and_source(out):
    frames = loader.load(out)
    em, et = _joins_hold(frames, {D: TEXT})
    first = em[em["event_id"] == f"{D}#e0001"]
    assert list(first["label"].astype(str)) == ["INCIDENT", "SHIP", "PERSON"]
    assert list(et[et["event_id"] == f"{D}#e0002"]["value"]) == ["196"]


def test_document_texts_reads_the_corpus_and_checks_hashes(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "doc.txt").write_text(TEXT, encoding="utf-8")
    import hashlib

    data = {"documents": pd.DataFrame({"doc_id": [D], "sha256": [hashlib.sha256(TEXT.encode()).hexdigest()]})}
    assert analysis.document_texts(corpus, data) == {D: TEXT}
    data["documents"]["sha256"] = ["0" * 64]
    assert analysis.document_texts(corpus, data) == {}


# --- aggregations -------------------------------------------------------------------

def test_events_per_year_skips_dates_wider_than_a_year(out):
    table = analysis.events_per_year(loader.load(out)["events"])
    assert list(table.index) == [1968, 2018, 2019]  # the 1960s event has no single year
    assert table.loc[2019, "meet"] == 1 and table.loc[1968, "protest"] == 1 and table.values.sum() == 3


def test_people_by_decade(out):
    table = analysis.people_by_decade(loader.load(out), top=1)
    got = {(r.decade, r.person, r.events) for r in table.itertuples()}
    assert got == {(1960, "person:kim-il-sung", 1), (2010, "person:donald-trump", 2)}
    assert set(table["name"]) == {"Kim Il-sung", "Donald Trump"} and set(table["name_ja"]) == {"金日成", "トランプ"}


def test_person_incident_table(out):
    table = analysis.person_incident_table(loader.load(out))
    assert table.loc["Lyndon B. Johnson", "Pueblo incident"] == 1 and table.shape == (1, 1)
    raw = analysis.person_incident_table(loader.load(out), names=False)
    assert raw.loc["person:lyndon-b-johnson", "incident:pueblo-incident"] == 1


def test_incident_summit_timeline(out):
    tl = analysis.incident_summit_timeline(loader.load(out))
    assert list(zip(tl["kind"], tl["name_ja"], tl["date"].dt.strftime("%Y-%m-%d"))) == [
        ("incident", "プエブロ号事件", "1968-01-23"), ("summit", "首脳会談", "2018-06-12")]


# --- real outputs ----------------------------------------------------------------

@pytest.mark.slow
def test_seed_outputs_match_schemas_and_join(seed_run):
    corpus, out, _ = seed_run
    for kind in KINDS:
        v = _validator(kind)
        rows = [json.loads(x) for x in (out / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines()]
        errors = [(r.get("mention_id") or r.get("timex_id") or r.get("event_id") or r.get("doc_id"), e.message) for r in rows for e in v.iter_errors(r)]
        assert not errors, errors[:10]
        # the Parquet copy is exactly the JSONL records re-serialized
        assert (out / f"{kind}.parquet").read_bytes() == tables.parquet_bytes(tables.to_table(kind, rows))
    frames = loader.load(out)
    texts = analysis.document_texts(corpus, frames)
    assert set(texts) == set(frames["documents"]["doc_id"])
    _joins_hold(frames, texts)
    assert len(analysis.events_per_year(frames["events"])) > 5
