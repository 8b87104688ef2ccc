"""The corpus timeline (issue 14): one row per happening across documents, agreement and conflicts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.timeline import build_timeline

DATA = Path(__file__).parent / "data"


def _ev(doc: str, n: int, value: str, earliest: str, latest: str, **kw) -> dict:
    base = {"doc_id": doc, "event_id": f"{doc}#e{n:04d}", "sent_start": 10 * n, "sent_end": 10 * n + 9,
            "date_value": value, "date_earliest": earliest, "date_latest": latest, "event_class": "other",
            "trigger": "起こる", "persons": [], "ships": [], "incidents": [], "actors": [], "source": [],
            "target": [], "negated": False, "hypothetical": False, "sentence": ""}
    return {**base, **kw}


def test_repeated_incident_is_one_row_and_a_later_date_is_a_conflict():
    events = [
        _ev("a", 1, "1968-01-23", "1968-01-23", "1968-01-23", incidents=["incident:pueblo-incident"]),
        _ev("b", 1, "1968-01-23", "1968-01-23", "1968-01-23", incidents=["incident:pueblo-incident"]),
        _ev("c", 1, "1968-01-24", "1968-01-24", "1968-01-24", incidents=["incident:pueblo-incident"]),
        # a later mention of the incident in the same document is no claim of its date
        _ev("a", 2, "1968-12-23", "1968-12-23", "1968-12-23", incidents=["incident:pueblo-incident"],
            event_class="release"),
    ]
    rows = build_timeline(events)
    (row,) = [r for r in rows if r["label"] == "incident:pueblo-incident"]
    assert row["date_value"] == "1968-01-23"
    assert row["n_sources"] == 3 and row["n_agree"] == 2 and row["n_conflicts"] == 1
    assert row["conflicts"] == ["c:10-19=1968-01-24"] and row["conflict_dates"] == ["1968-01-24"]
    assert sorted(row["source_docs"]) == ["a", "b", "c"]
    assert len(row["source_spans"]) == len(set(row["source_spans"])) == 3
    assert [r["event_class"] for r in rows if r["label"] != "incident:pueblo-incident"] == ["release"]
    assert [r["timeline_id"] for r in rows] == ["tl00001", "tl00002"]


def test_other_happenings_merge_on_date_class_and_participant():
    trump = ["person:donald-trump"]
    events = [
        _ev("a", 1, "2018-06-12", "2018-06-12", "2018-06-12", event_class="meet", persons=trump),
        _ev("b", 3, "2018-06", "2018-06-01", "2018-06-30", event_class="meet", persons=trump),
        _ev("c", 1, "2018-06-12", "2018-06-12", "2018-06-12", event_class="disapprove", persons=trump),
        _ev("d", 1, "2018", "2018-01-01", "2018-12-31", event_class="meet", persons=trump),  # a year: too coarse
        _ev("e", 1, "2018-06-12", "2018-06-12", "2018-06-12", event_class="meet", persons=trump, negated=True),
    ]
    rows = build_timeline(events)
    merged = [r for r in rows if r["n_sources"] > 1]
    assert len(merged) == 1 and merged[0]["source_docs"] == ["a", "b"] and merged[0]["date_value"] == "2018-06-12"
    assert len(rows) == 3  # the meeting, the disapproval, the year-dated meeting; the negated one is no happening


def test_happenings_merge_across_documents_only_and_on_the_dates_they_carry():
    kim = ["person:kim-jong-un"]
    events = [
        _ev("a", 1, "2018", "2018-01-01", "2018-12-31", event_class="meet", persons=kim),
        _ev("a", 2, "2018", "2018-01-01", "2018-12-31", event_class="meet", persons=kim),  # same document: apart
        _ev("b", 1, "2017", "2017-01-01", "2017-12-31", event_class="meet", persons=kim),  # a year, the same value
        _ev("f", 1, "2017", "2017-01-01", "2017-12-31", event_class="meet", persons=kim),
        _ev("c", 1, "2019-03", "", "", event_class="meet", persons=kim),  # no interval: merged on the value
        _ev("d", 1, "2019-03", "", "", event_class="meet", persons=kim),
        _ev("e", 1, "2019-04", "2019-04-01", "2019-04-30", event_class="meet", persons=kim),  # another value
    ]
    rows = build_timeline(events)
    assert sorted(r["source_events"] for r in rows) == [
        ["a#e0001"], ["a#e0002"], ["b#e0001", "f#e0001"], ["c#e0001", "d#e0001"], ["e#e0001"]]


def test_an_incident_named_in_a_sentence_counts_by_its_surface():
    events = [
        _ev("a", 1, "1891-05-11", "1891-05-11", "1891-05-11", incidents=["incident:大津事件"]),
        _ev("b", 1, "1891-05-11", "1891-05-11", "1891-05-11", sentence="1891年5月11日、大津事件が発生した。"),
    ]
    rows = build_timeline(events, {"大津事件": "incident:大津事件"})
    assert len(rows) == 1 and rows[0]["n_sources"] == 2


def test_timeline_is_deterministic_and_order_free():
    events = [_ev(d, i, "1954-09-26", "1954-09-26", "1954-09-26", incidents=["incident:洞爺丸事故"])
              for d in "abc" for i in (1, 2)]
    assert build_timeline(events) == build_timeline(list(reversed(events)))


@pytest.mark.slow
def test_timeline_corpus_merges_every_repeated_incident_and_reports_every_planted_conflict(tmp_path, nlp):
    """tests/data/timeline_corpus: three documents (encyclopedia, chronology, news) repeating three
    incidents; the news report dates two of them a day later (tests/data/timeline_expected.json)."""
    from pipeline.runner import run_corpus
    from pipeline.storage.loader import load

    expected = json.loads((DATA / "timeline_expected.json").read_text(encoding="utf-8"))
    out = tmp_path / "out"
    run_corpus(DATA / "timeline_corpus", out)
    rows = [json.loads(x) for x in (out / "timeline.jsonl").read_text(encoding="utf-8").splitlines()]
    names = {}
    for line in (out / "mentions.jsonl").read_text(encoding="utf-8").splitlines():
        m = json.loads(line)
        if m["label"] == "INCIDENT":
            names[m["text"]] = m["canonical_id"]
    for name, want in expected["merges"].items():
        hits = [r for r in rows if names[name] in r["incidents"] and r["label"] == names[name]]
        assert len(hits) == 1, (name, hits)
        assert hits[0]["date_value"] == want["date_value"]
        assert hits[0]["source_docs"] == want["docs"]
    for c in expected["conflicts"]:
        (row,) = [r for r in rows if r["label"] == names[c["incident"]]]
        assert any(x.startswith(c["doc"] + ":") and x.endswith("=" + c["date_value"]) for x in row["conflicts"]), row
    from jsonschema import Draft202012Validator

    schema = json.loads((Path(__file__).resolve().parents[1] / "pipeline" / "schemas" / "timeline.schema.json")
                        .read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    assert not [e.message for r in rows for e in validator.iter_errors(r)]
    conflicts = sum(r["n_conflicts"] for r in rows)
    assert conflicts == len(expected["conflicts"])
    # the same rows through the loader and DuckDB
    frame = load(out)["timeline"]
    assert len(frame) == len(rows) and int(frame["n_conflicts"].sum()) == conflicts
    import duckdb

    con = duckdb.connect(str(out / "pipeline.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM timeline").fetchone()[0] == len(rows)
    con.close()
