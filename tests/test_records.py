"""The record contract (pipeline.records): one registry every output derives from, and no import cycle."""
from __future__ import annotations

import ast
import dataclasses
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import records
from pipeline.chunking import split_sentences
from pipeline.dates import extract_timexes
from pipeline.evaluation import mention_scores
from pipeline.events import build_events
from pipeline.export import write_outputs  # every module imported before the registry changes
from pipeline.records import KINDS, Label, columns, contract, optional
from pipeline.storage import schemas
from pipeline.storage.loader import load

PACKAGE = Path(records.__file__).resolve().parent


def test_registry_rows():
    names = [lab.name for lab in records.LABELS]
    assert len(names) == len(set(names))
    assert records.scored_labels() == ("PERSON", "SHIP", "INCIDENT")
    assert records.id_prefixes() == {"PERSON": "person", "SHIP": "ship", "INCIDENT": "incident",
                                     "AIRCRAFT": "aircraft"}
    assert records.event_columns() == {"PERSON": "persons", "SHIP": "ships", "INCIDENT": "incidents"}
    for lab in records.LABELS:
        assert not lab.scored or (lab.id_prefix and lab.event_column), lab
    for kind in KINDS:
        assert all(c.type in records.TYPES and c.description for c in columns(kind)), kind
    # the events stage's columns after the contract, in the order they come out
    assert optional("events") == ["actors", "cameo_root", "date_confidence", "date_source", "hypothetical", "location",
                                  "location_mention_id", "negated", "quad_class", "source", "target", "trigger_lemma"]
    assert contract("timeline")[6:9] == ["incidents", "persons", "ships"]  # happenings first


def test_committed_schemas_are_the_generated_ones():
    """pipeline/schemas/*.schema.json are written by `python -m pipeline.storage.schemas`."""
    assert sorted(p.name for p in schemas.SCHEMA_DIR.glob("*.schema.json")) == sorted(f"{k}.schema.json" for k in KINDS)
    for kind in KINDS:
        assert (schemas.SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8") == schemas.schema_text(kind)
        schema = schemas.json_schema(kind)
        assert list(schema["properties"]) == [c.name for c in columns(kind)]
        assert schema["required"] == contract(kind)


def test_readme_has_every_column_with_its_description():
    text = schemas.README.read_text(encoding="utf-8")
    assert schemas.readme_with_tables(text) == text, "run python -m pipeline.storage.schemas"
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    for kind in KINDS:
        table = schemas.column_table(kind)
        assert table in text
        for c in columns(kind):
            assert any(f"`{c.name}`" in row and row.endswith(f"| {c.description} |") for row in table.splitlines()
                       if row in rows), (kind, c.name)


# ------------------------------------------------------------------ a label added in one place

AIRCRAFT = Label("AIRCRAFT", id_prefix="aircraft", event_column="aircraft", scored=True, noun="aircraft")
TEXT = "On March 3, 2003, the United States tested the Global Hawk over the Pacific. It worked."


@pytest.fixture()
def with_aircraft(monkeypatch):
    """The registry with AIRCRAFT made a full label: its row is the only change."""
    labels = tuple(AIRCRAFT if lab.name == "AIRCRAFT" else lab for lab in records.LABELS)
    monkeypatch.setattr(records, "LABELS", labels)


def _records():
    start = TEXT.index("Global Hawk")
    mention = {"doc_id": "d", "mention_id": "d#m00001", "label": "AIRCRAFT", "text": "Global Hawk", "start": start,
               "end": start + len("Global Hawk"), "sent_id": 0, "canonical_id": "aircraft:global-hawk",
               "name_ja": "グローバルホーク", "name_en": "Global Hawk", "name_en_source": "kb", "source": "kb",
               "confidence": 0.95}
    sents = [{"start": s, "end": e, "tokens": [], "base": 0} for s, e in split_sentences(TEXT)]
    timexes = [dict(t, doc_id="d", timex_id=f"d#t{n:04d}", text=TEXT[t["start"]:t["end"]])
               for n, t in enumerate(extract_timexes(TEXT, lang="en"), 1)]
    events = build_events("d", TEXT, sents, [mention], timexes)
    document = {"doc_id": "d", "source_path": "d.txt", "sha256": "ab" * 32, "encoding": "utf-8", "lang": "en",
                "n_chars": len(TEXT), "status": "ok", "error": "", "creation_date": ""}
    return {"documents": [document], "mentions": [mention], "timexes": timexes, "events": events}


def test_a_new_label_flows_to_every_output(with_aircraft, tmp_path):
    recs = _records()
    (event,) = recs["events"]
    assert event["aircraft"] == ["aircraft:global-hawk"]  # the events stage fills its column
    assert contract("events")[13:17] == ["persons", "ships", "incidents", "aircraft"]

    out = tmp_path / "out"
    write_outputs(out, recs)
    line = json.loads((out / "events.jsonl").read_text(encoding="utf-8"))
    assert list(line)[:len(contract("events"))] == contract("events")
    assert (out / "events.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")[13:18] == [
        "persons", "ships", "incidents", "aircraft", "mention_ids"]
    entities = [json.loads(x) for x in (out / "entities.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["canonical_id"], e["label"], e["first_date"]) for e in entities] == [
        ("aircraft:global-hawk", "AIRCRAFT", "2003-03-03")]
    timeline = [json.loads(x) for x in (out / "timeline.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["aircraft"] for r in timeline] == [["aircraft:global-hawk"]]

    # the loader's types
    assert pq.read_schema(out / "events.parquet").field("aircraft").type == pa.list_(pa.string())
    frames = load(out)
    assert list(frames["events"]["aircraft"].iloc[0]) == ["aircraft:global-hawk"]
    assert frames["timeline"]["aircraft"].iloc[0] == ["aircraft:global-hawk"]

    # the schemas
    events_schema = schemas.json_schema("events")
    assert "aircraft" in events_schema["required"]
    assert events_schema["properties"]["aircraft"]["items"]["pattern"].startswith("^aircraft:")
    assert "AIRCRAFT" in schemas.json_schema("entities")["properties"]["label"]["enum"]
    assert "AIRCRAFT" in schemas.json_schema("mentions")["properties"]["label"]["enum"]
    assert "aircraft" in schemas.json_schema("timeline")["properties"]

    # the evaluation's per-label scores
    gold = {"d": [dict(recs["mentions"][0])]}
    metrics, _, _ = mention_scores.score_mentions(gold, {"d": recs["mentions"]}, {"d": TEXT})
    assert metrics["AIRCRAFT"]["relaxed"]["f1"] == 1.0
    assert list(metrics) == ["PERSON", "SHIP", "INCIDENT", "AIRCRAFT", "ALL"]


def test_without_the_new_label_nothing_changes(tmp_path):
    """The same records under the shipped registry: AIRCRAFT is no column and no entity."""
    recs = _records()
    assert "aircraft" not in recs["events"][0]
    write_outputs(tmp_path, recs)
    assert (tmp_path / "entities.jsonl").read_text(encoding="utf-8") == ""
    assert "aircraft" not in pq.read_schema(tmp_path / "events.parquet").names


def test_api_record_classes_follow_the_contract():
    from pipeline import api

    for cls, kind in ((api.Mention, "mentions"), (api.Timex, "timexes"), (api.Event, "events")):
        assert [f.name for f in dataclasses.fields(cls)] == [*contract(kind), "extra"]


# ------------------------------------------------------------------ no import cycle

def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every module of the package → the package's modules it imports (every import and from-import,
    at module level or inside functions)."""
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}

    def known(name: str) -> str | None:
        while name and name not in paths:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(known(a.name) for a in node.names if a.name.split(".")[0] == "pipeline")
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[:len(package.split(".")) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                if module.split(".")[0] != "pipeline":
                    continue
                for a in node.names:  # `from pipeline import analysis` imports the module pipeline.analysis
                    targets.add(f"{module}.{a.name}" if f"{module}.{a.name}" in paths else known(module))
        graph[name] = {t for t in targets if t and t != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_cycle_finder_finds_one():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    assert {"pipeline.records", "pipeline.storage.writers", "pipeline.storage.tables", "pipeline.export"} <= set(graph)
    assert "pipeline.storage.tables" in graph["pipeline.storage.writers"]
    assert _cycle(graph) is None, " → ".join(_cycle(graph))


def test_storage_stays_below_the_stages():
    """pipeline.storage imports the record contract and itself, nothing above them."""
    graph = import_graph()
    for name, targets in graph.items():
        if name.startswith("pipeline.storage"):
            assert targets <= {"pipeline.records"} | {t for t in graph if t.startswith("pipeline.storage")}, name


def test_the_schemas_accept_what_the_pipeline_writes(tmp_path):
    """Records of a skipped file, of a Korean file and an AIRCRAFT mention (from the knowledge base) are valid."""
    import jsonschema

    from pipeline.ingest import iter_inputs

    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "ko.txt").write_text("대한민국은 동아시아의 한반도 남부에 있는 공화국이다. " * 5, encoding="utf-8")
    docs = {d.source_path: d.record() for d in iter_inputs(tmp_path)}
    assert docs["notes.pdf"]["status"] == "skipped" and docs["ko.txt"]["lang"] == "ko"
    for rec in docs.values():
        jsonschema.validate(rec, schemas.json_schema("documents"))
    mention = {"doc_id": "d", "mention_id": "d#m00001", "label": "AIRCRAFT", "text": "Enola Gay", "start": 4,
               "end": 13, "sent_id": 0, "canonical_id": "aircraft:enola-gay", "name_ja": "エノラ・ゲイ",
               "name_en": "Enola Gay", "name_en_source": "kb", "source": "kb", "confidence": 0.9}
    jsonschema.validate(mention, schemas.json_schema("mentions"))
