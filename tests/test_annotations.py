"""Issue 15, point 5: export to Label Studio / doccano, import back to gold, without loss."""
import json
import shutil
import subprocess
import sys

import pytest

from pipeline.evaluation.loading import load_gold
from pipeline.evaluation.score import run_eval
from pipeline.review import annotation_spans, annotations, docbin, doccano, label_studio

from .conftest import ROOT

GOLD_SETS = [(ROOT / "corpus" / "gold", ROOT / "corpus" / "raw"),
             (ROOT / "corpus" / "heldout" / "gold", ROOT / "corpus" / "heldout" / "raw")]


def _as_label_studio_exports(tasks):
    """What Label Studio's JSON export adds around the tasks it was given."""
    out = []
    for n, t in enumerate(json.loads(json.dumps(tasks)), 1):
        for key in ("annotations", "predictions"):
            for m, block in enumerate(t.get(key, []), 1):
                block.update(id=n * 10 + m, created_at="2026-12-01T10:00:00Z", updated_at="2026-12-01T10:00:00Z",
                             was_cancelled=False, lead_time=1.5)
        out.append({"id": n, **t, "drafts": [], "file_upload": None, "meta": {}})
    return out


def _as_doccano_exports(lines):
    return [{"id": n, **line, "Comments": []} for n, line in enumerate(lines, 1)]


def _write(path, fmt, items):
    if fmt == "label-studio":
        path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")


@pytest.mark.parametrize("gold_dir, corpus", GOLD_SETS, ids=["gold", "heldout"])
@pytest.mark.parametrize("fmt", ["label-studio", "doccano"])
def test_gold_round_trips_without_loss(tmp_path, gold_dir, corpus, fmt):
    exported = tmp_path / "tasks"
    annotations.export_annotations(fmt, tmp_path, corpus, exported, gold_dir=gold_dir)
    items = json.loads(exported.read_text(encoding="utf-8")) if fmt == "label-studio" else [
        json.loads(x) for x in exported.read_text(encoding="utf-8").splitlines()]
    if fmt == "label-studio":
        assert all("annotations" in t and t["data"]["text"] for t in items)
        assert (tmp_path / "label-studio-config.xml").is_file()
        items = _as_label_studio_exports(items)
    else:
        items = _as_doccano_exports(items)
    tool = tmp_path / "from-the-tool"
    _write(tool, fmt, items)
    annotations.import_annotations(tool, tmp_path / "imported", corpus)
    original, imported = load_gold(gold_dir), load_gold(tmp_path / "imported")
    assert sorted(original) == sorted(imported)
    for doc_id in original:
        assert annotation_spans.canonical(imported[doc_id]) == annotation_spans.canonical(original[doc_id]), doc_id
    n = sum(len(g.get(k, [])) for g in original.values() for k in annotation_spans.KINDS)
    assert n > 100


def test_cli_round_trip_and_eval_scores_the_same(tmp_path):
    gold_dir, corpus = GOLD_SETS[1]
    system = tmp_path / "system"  # gold itself as a system run: cheap and every metric is defined
    from pipeline.export import write_outputs

    records = {"documents": [], "mentions": [], "timexes": [], "events": []}
    for doc_id, g in load_gold(gold_dir).items():
        records["documents"].append({"doc_id": doc_id, "source_path": f"{doc_id}.txt", "sha256": g["text_sha256"],
                                     "status": "ok", "lang": "ja"})
        for i, m in enumerate(g["mentions"]):
            records["mentions"].append({**m, "doc_id": doc_id, "mention_id": f"{doc_id}#m{i}"})
        for i, t in enumerate(g["timexes"][::2]):  # half of them: the scores are not all 100
            records["timexes"].append({**t, "doc_id": doc_id, "timex_id": f"{doc_id}#t{i}"})
        for i, e in enumerate(g["events"]):
            records["events"].append({**e, "doc_id": doc_id, "event_id": f"{doc_id}#e{i}"})
    write_outputs(system, records)
    for fmt in ("label-studio", "doccano"):
        tasks = tmp_path / f"{fmt}.json"
        args = [sys.executable, "-m", "pipeline", "export-annotations", "--format", fmt, str(system), "--corpus",
                str(corpus), "--gold", str(gold_dir), "--to", str(tasks)]
        assert subprocess.run(args, cwd=ROOT, check=False).returncode == 0
        imported = tmp_path / f"gold-{fmt}"
        args = [sys.executable, "-m", "pipeline", "import-annotations", str(tasks), "--gold", str(imported),
                "--corpus", str(corpus)]
        proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
        a = run_eval(gold_dir, tmp_path / "e1", corpus, systems={"pipeline": system})
        b = run_eval(imported, tmp_path / "e2", corpus, systems={"pipeline": system})
        assert a["systems"] == b["systems"] and a["gold_docs"] == b["gold_docs"]
        assert a["systems"]["pipeline"]["timexes"] != {}


@pytest.mark.slow
def test_pipeline_outputs_export_as_predictions(seed_run, tmp_path):
    corpus, out, _ = seed_run
    for fmt in ("label-studio", "doccano"):
        files = annotations.export_annotations(fmt, out, corpus, tmp_path / f"{fmt}.tasks")
        if fmt == "label-studio":
            tasks = json.loads(files[0].read_text(encoding="utf-8"))
            assert all(t["predictions"][0]["model_version"].startswith("pipeline ") for t in tasks)
            labels = {r["value"]["labels"][0] for t in tasks for r in t["predictions"][0]["result"]
                      if r["type"] == "labels"}
            assert {"PERSON", "SHIP", "INCIDENT", "TIMEX:DATE", "EVENT"} <= labels
            config = files[1].read_text(encoding="utf-8")
            assert all(f'value="{lab}"' in config for lab in labels)
        annotations.import_annotations(files[0], tmp_path / f"g-{fmt}", corpus)
        docs = annotations.documents_from_outputs(out, corpus)
        imported = load_gold(tmp_path / f"g-{fmt}")
        for d in docs:
            want = {k: v for k, v in d.items() if k != "text"}
            assert annotation_spans.canonical(imported[d["doc_id"]]) == annotation_spans.canonical(want)


TEXT = "𠮷野家で金正恩と会った。1968年1月23日にプエブロ号が拿捕された。"


def _span(sub):
    start = TEXT.index(sub)
    return start, start + len(sub)


def _doc():
    (ks, ke), (ps, pe), (ts, te), (gs, ge) = _span("金正恩"), _span("プエブロ号"), _span("1968年1月23日"), _span("拿捕")
    ss, se = ts, len(TEXT)
    return {"doc_id": "d", "lang": "ja", "text": TEXT,
            "mentions": [{"start": ks, "end": ke, "label": "PERSON", "text": "金正恩", "canonical_id": "person:kim-jong-un"},
                         {"start": ps, "end": pe, "label": "SHIP", "text": "プエブロ号", "canonical_id": "ship:uss-pueblo"}],
            "timexes": [{"start": ts, "end": te, "text": "1968年1月23日", "type": "DATE", "value": "1968-01-23",
                         "mod": ""}],
            "events": [{"sent_start": ss, "sent_end": se, "sentence": TEXT[ss:se], "trigger_start": gs,
                        "trigger_end": ge, "trigger": "拿捕", "date_value": "1968-01-23", "persons": [],
                        "ships": ["ship:uss-pueblo"], "incidents": [], "actors": ["PRK"],
                        "event_class": "arrest_detain"}]}


def test_label_studio_offsets_are_utf16():
    (task,) = label_studio.to_label_studio([_doc()])
    region = next(r for r in task["predictions"][0]["result"] if r["type"] == "labels")
    assert (region["value"]["start"], region["value"]["end"]) == (5, 8) == (_span("金正恩")[0] + 1, _span("金正恩")[1] + 1)
    # 𠮷 is two UTF-16 units
    assert region["value"]["text"] == "金正恩"
    (back,) = label_studio.from_label_studio([task])
    want = {k: v for k, v in _doc().items() if k != "text"}
    assert annotation_spans.canonical({k: v for k, v in back.items() if k != "text_sha256"}) == annotation_spans.canonical(want)


def test_spans_that_do_not_fit_are_clear_errors(tmp_path):
    (task,) = label_studio.to_label_studio([_doc()], as_annotations=True)
    region = task["annotations"][0]["result"][0]
    region["value"]["start"] += 1  # the annotator's tool and the text disagree
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pipeline", "import-annotations", str(path), "--gold",
                           str(tmp_path / "g")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "[5:7] says '金正恩' but the text there is '正恩'" in proc.stderr and "m1" in proc.stderr
    assert not (tmp_path / "g").exists()  # nothing written
    (line,) = doccano.to_doccano([_doc()])
    line["label"].append([30, 99, "PERSON"])  # past the end
    with pytest.raises(annotation_spans.AnnotationError, match="outside the text"):
        doccano.from_doccano([line])
    with pytest.raises(annotation_spans.AnnotationError, match="not a Label Studio"):
        (tmp_path / "x.json").write_text('[{"x": 1}]', encoding="utf-8")
        annotations.read_export(tmp_path / "x.json")


def test_a_span_added_in_doccano_gets_empty_attributes_and_its_sentence():
    (line,) = doccano.to_doccano([_doc()])
    line["label"] += [[0, 3, "INCIDENT"], [*_span("会っ"), "EVENT"]]
    (doc,) = doccano.from_doccano(_as_doccano_exports([line]))
    assert {"start": 0, "end": 3, "label": "INCIDENT", "text": "𠮷野家", "canonical_id": ""} in doc["mentions"]
    new = next(e for e in doc["events"] if e["trigger"] == "会っ")
    assert new["sentence"] == "𠮷野家で金正恩と会った。" and new["event_class"] == "" and new["persons"] == []


def test_corpus_check_on_import(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "d.txt").write_text(TEXT.replace("金", "全"), encoding="utf-8")
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(doccano.to_doccano([_doc()])[0], ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(annotation_spans.AnnotationError, match="differs"):
        annotations.import_annotations(path, tmp_path / "g", corpus)
    shutil.rmtree(corpus)
    with pytest.raises(annotation_spans.AnnotationError, match="no such document"):
        corpus.mkdir()
        annotations.import_annotations(path, tmp_path / "g", corpus)


def test_docbin_export(tmp_path):
    import spacy
    from spacy.tokens import DocBin

    data = docbin.docbin_bytes([_doc()])
    (doc,) = DocBin().from_bytes(data).get_docs(spacy.blank("ja").vocab)
    assert doc.text == TEXT
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [("金正恩", "PERSON", "person:kim-jong-un"),
                                                                  ("プエブロ号", "SHIP", "ship:uss-pueblo")]
    assert "DATE" in {s.label_ for s in doc.spans["sc"]}
