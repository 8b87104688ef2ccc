"""Annotation round-trip: pipeline outputs (or gold) → Label Studio / doccano tasks → corrected gold.

Export (`python -m pipeline export-annotations --format label-studio|doccano OUT`) writes one task
per document, pre-annotated with the pipeline's mentions (label, canonical id), timexes (TIMEX3
type, value, mod, calendar, value as written) and event triggers (class, date, participants), in
each tool's documented import format. `--gold DIR` exports a gold folder instead (to correct it).

Import (`python -m pipeline import-annotations FILE --gold DIR`) reads the tool's JSON/JSONL export
and writes `DIR/<doc_id>.json` in the project's gold format (corpus/gold/README.md), ready for
`make eval GOLD=DIR`. Every span is checked against the document text (the task's text, and with
`--corpus` the original file, by SHA-256); a span whose offsets do not give the text the tool
recorded, or that falls outside the text, is an error naming the document, region and both texts,
and nothing is written.

The formats: label_studio.py (Label Studio JSON, UTF-16 offsets), doccano.py (doccano JSONL),
docbin.py (a spaCy DocBin for training); the spans and attributes they share: annotation_spans.py.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from pipeline import version
from pipeline.evaluation.loading import load_gold, load_texts, read_jsonl
from pipeline.ingest import read_document
from pipeline.records import label_columns
from pipeline.review.annotation_spans import KINDS, AnnotationError, sha256
from pipeline.review.docbin import docbin_bytes
from pipeline.review.doccano import from_doccano, to_doccano
from pipeline.review.label_studio import from_label_studio, label_studio_config, labels_of, to_label_studio
from pipeline.storage.outset import current_set
from pipeline.storage.writers import write_atomic


def _system_to_gold_view(kind: str, rec: dict) -> dict:
    """A pipeline output record in the gold format's shape (only the fields gold has)."""
    if kind == "mentions":
        return {"start": rec["start"], "end": rec["end"], "label": rec["label"], "text": rec["text"],
                "canonical_id": rec.get("canonical_id") or ""}
    if kind == "timexes":
        out = {k: rec.get(k) or "" for k in ("text", "type", "value", "mod")}
        out.update(start=rec["start"], end=rec["end"])
        for k in ("calendar", "value_as_written"):
            if rec.get(k):
                out[k] = rec[k]
        return out
    return {"sent_start": rec["sent_start"], "sent_end": rec["sent_end"], "sentence": rec["sentence"],
            "trigger_start": rec["trigger_start"], "trigger_end": rec["trigger_end"], "trigger": rec["trigger"],
            "date_value": rec.get("date_value") or "",
            **{column: list(rec.get(column) or []) for column in label_columns("events")},
            "actors": list(rec.get("actors") or []), "event_class": rec.get("event_class") or ""}


def documents_from_outputs(out_dir: Path, corpus_dir: Path) -> list[dict]:
    """Gold-shaped documents (with "text") from a run's outputs and the corpus it read."""
    out_dir = current_set(Path(out_dir))
    docs = [d for d in read_jsonl(out_dir / "documents.jsonl") if d.get("status") == "ok"]
    if not docs:
        raise FileNotFoundError(f"no processed documents in {out_dir}/documents.jsonl (run the pipeline first)")
    by_doc: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for kind in KINDS:
        for rec in read_jsonl(out_dir / f"{kind}.jsonl"):
            by_doc[rec["doc_id"]][kind].append(_system_to_gold_view(kind, rec))
    out = []
    for d in docs:
        path = Path(corpus_dir) / d["source_path"]
        if not path.is_file():
            raise FileNotFoundError(f"{d['doc_id']}: {path} not found (give the corpus the run read: --corpus DIR)")
        text = read_document(path, Path(corpus_dir)).text
        if sha256(text) != d["sha256"] and d.get("sha256"):
            raise AnnotationError([f"{d['doc_id']}: {path} changed since the run (rerun the pipeline first)"])
        for e in by_doc[d["doc_id"]]["events"]:  # gold's trigger is the text itself (the run's is its lemma)
            e["trigger"] = text[e["trigger_start"]:e["trigger_end"]]
        out.append({"doc_id": d["doc_id"], "lang": d.get("lang", ""), "text_sha256": sha256(text), "text": text,
                    **{k: by_doc[d["doc_id"]][k] for k in KINDS}})
    return out


def documents_from_gold(gold_dir: Path, corpus_dir: Path) -> list[dict]:
    """Gold documents with their text (read from corpus_dir, checked against text_sha256)."""
    gold = load_gold(Path(gold_dir))
    if not gold:
        raise FileNotFoundError(f"no gold documents (*.json) in {gold_dir}")
    texts = load_texts(Path(corpus_dir), gold)
    problems, out = [], []
    for doc_id, g in sorted(gold.items()):
        text = texts.get(doc_id)
        if text is None:
            problems.append(f"{doc_id}: no document {doc_id}.txt/.md in {corpus_dir}")
            continue
        if g.get("text_sha256") and g["text_sha256"] != sha256(text):
            problems.append(f"{doc_id}: the text in {corpus_dir} is not the one the gold was made on")
            continue
        out.append({**g, "text": text})
    if problems:
        raise AnnotationError(problems)
    return out


# --------------------------------------------------------------------- files

def read_export(path: Path) -> tuple[str, list[dict]]:
    """(format, items) of a Label Studio JSON export or a doccano JSONL export."""
    raw = Path(path).read_text(encoding="utf-8-sig")
    stripped = raw.lstrip()
    items: list[dict]
    if stripped.startswith("["):
        items = json.loads(raw)
    else:
        try:
            items = [json.loads(line) for line in raw.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise AnnotationError([f"{path}: neither a JSON list (Label Studio) nor JSONL (doccano): {exc}"]) from None
    if not items:
        raise AnnotationError([f"{path}: no tasks in the file"])
    if all(isinstance(i, dict) and "data" in i and isinstance(i["data"], dict) for i in items):
        return "label-studio", items
    if all(isinstance(i, dict) and ("label" in i or "labels" in i or "entities" in i) for i in items):
        return "doccano", items
    what = "not a Label Studio JSON export (tasks with 'data') nor a doccano JSONL export (lines with 'text', 'label')"
    raise AnnotationError([f"{path}: {what}"])


def import_annotations(path: Path, gold_dir: Path, corpus_dir: Path | None = None) -> list[Path]:
    """The tool's export → gold files in gold_dir (all or nothing); returns the files written."""
    fmt, items = read_export(Path(path))
    docs = from_label_studio(items) if fmt == "label-studio" else from_doccano(items)
    if corpus_dir is not None:
        texts = load_texts(Path(corpus_dir), [d["doc_id"] for d in docs])
        problems = [f"{d['doc_id']}: no such document in {corpus_dir}" if d["doc_id"] not in texts else
                    f"{d['doc_id']}: the task's text differs from {corpus_dir}'s document"
                    for d in docs if texts.get(d["doc_id"]) is None or sha256(texts[d["doc_id"]]) != d["text_sha256"]]
        if problems:
            raise AnnotationError(problems)
    ids = [d["doc_id"] for d in docs]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise AnnotationError([f"{i}: more than one task for this document" for i in dupes])
    gold_dir = Path(gold_dir)
    gold_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for d in docs:
        target = gold_dir / f"{d['doc_id']}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, (json.dumps(d, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        written.append(target)
    return written


def export_annotations(fmt: str, out_dir: Path, corpus_dir: Path, target: Path | None = None,
                       gold_dir: Path | None = None) -> list[Path]:
    """Write the tasks (and for Label Studio its labelling configuration); returns the files written."""
    if gold_dir is not None:
        docs = documents_from_gold(gold_dir, corpus_dir)
    else:
        docs = documents_from_outputs(out_dir, corpus_dir)
    folder = Path(out_dir) / "annotations"
    if fmt == "label-studio":
        target = Path(target) if target else folder / "label-studio-tasks.json"
        tasks = to_label_studio(docs, as_annotations=gold_dir is not None, model_version=f"pipeline {version()}")
        config = target.with_name("label-studio-config.xml")
        write_atomic(target, (json.dumps(tasks, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        write_atomic(config, label_studio_config(labels_of(docs)).encode("utf-8"))
        return [target, config]
    if fmt == "doccano":
        target = Path(target) if target else folder / "doccano.jsonl"
        data = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in to_doccano(docs))
        write_atomic(target, data.encode("utf-8"))
        return [target]
    if fmt == "spacy":
        target = Path(target) if target else folder / "train.spacy"
        write_atomic(target, docbin_bytes(docs))
        return [target]
    raise ValueError(f"unknown format {fmt!r} (label-studio, doccano or spacy)")


