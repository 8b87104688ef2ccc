"""Reading what is scored: a system's output records, the gold folder and the corpus texts.

A system is any folder in the output contract (documents.jsonl, mentions.jsonl, timexes.jsonl,
events.jsonl); an optional system.json ({"tasks": [...]}) says which tasks it answers.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from pipeline.records import ANNOTATED_KINDS

TASKS = ANNOTATED_KINDS
RECORD_FILES = {kind: f"{kind}.jsonl" for kind in TASKS}
SYSTEM_INFO = "system.json"  # optional: {"tasks": [...]} limits what a system is shown for


def read_jsonl(path: Path) -> list[dict]:
    """Records of a JSONL file; a missing file is an empty list."""
    path = Path(path)
    if not path.is_file():
        return []
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out


def _by_doc(records: Iterable[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for rec in records:
        grouped[str(rec.get("doc_id", ""))].append(rec)
    return dict(grouped)


def load_system(out_dir: Path) -> dict:
    """One system's records: {"docs": {doc_id: record}, "present": set, "tasks": [...], task: {doc_id: [...]}}."""
    out_dir = Path(out_dir)
    docs = {str(r["doc_id"]): r for r in read_jsonl(out_dir / "documents.jsonl")}
    system: dict = {"docs": docs}
    present = set(docs)
    for task, name in RECORD_FILES.items():
        system[task] = _by_doc(read_jsonl(out_dir / name))
        present |= set(system[task])
    system["present"] = present
    tasks = list(TASKS)
    info = out_dir / SYSTEM_INFO
    if info.is_file():
        tasks = [t for t in json.loads(info.read_text(encoding="utf-8")).get("tasks", TASKS) if t in TASKS]
    system["tasks"] = tasks
    return system


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """Gold documents by doc_id: every *.json under gold_dir except folders starting with '_' or '.'."""
    gold_dir = Path(gold_dir)
    gold: dict[str, dict] = {}
    if not gold_dir.is_dir():
        return gold
    for path in sorted(gold_dir.rglob("*.json"), key=lambda p: p.as_posix()):
        rel = path.relative_to(gold_dir)
        if any(part.startswith(("_", ".")) for part in rel.parts):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        doc_id = str(data.get("doc_id") or rel.with_suffix("").as_posix())
        gold[doc_id] = data
    return gold


def load_texts(corpus_dir: Path | None, doc_ids: Iterable[str]) -> dict[str, str]:
    """Decoded texts (as the pipeline decodes them) for context windows; unknown documents are skipped."""
    if corpus_dir is None or not Path(corpus_dir).is_dir():
        return {}
    from pipeline.ingest import SUFFIXES, read_document

    corpus_dir = Path(corpus_dir)
    texts = {}
    for doc_id in sorted(set(doc_ids)):
        for suffix in SUFFIXES:
            path = corpus_dir / f"{doc_id}{suffix}"
            if path.is_file():
                doc = read_document(path, corpus_dir)
                if doc.status == "ok":
                    texts[doc_id] = doc.text
                break
    return texts


def gold_text_mismatches(gold: dict[str, dict], texts: dict[str, str]) -> list[str]:
    """Gold documents whose text_sha256 does not fit the corpus text (stale gold or changed document)."""
    bad = []
    for doc_id, g in sorted(gold.items()):
        text = texts.get(doc_id)
        want = g.get("text_sha256")
        if text is None or (want and hashlib.sha256(text.encode("utf-8")).hexdigest() != want):
            bad.append(doc_id)
    return bad

