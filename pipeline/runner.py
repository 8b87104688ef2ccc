"""A whole run: corpus folder → OUT files, incremental and failure-tolerant.

Memory does not grow with the corpus: each document's records go to the
per-document cache as soon as it is finished, the run keeps only document ids
(and the small records of failed documents, which are not cached), and the
outputs are assembled by reading the cache one entry at a time.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.export import Columns, clean_stale_temps, output_names, write_streamed
from pipeline.ingest import iter_corpus
from pipeline.manifest import DocCache, OutputState
from pipeline.process import needs_model, process_documents


@dataclass
class RunResult:
    n_documents: int = 0
    processed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source_path, reason)

    @property
    def ok(self) -> bool:
        return not self.failed


def _progress(total: int):
    show = sys.stderr.isatty() and not os.environ.get("CI")
    if not show or total < 2:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="processing")


def run_corpus(corpus_dir: Path, out_dir: Path, use_kb: bool = True, workers: int = 1,
               engine: str = "local", scheduler: str | None = None, kb: Path | None = None) -> RunResult:
    """`kb`: a user knowledge base (CSV/JSONL) merged over the bundled one for this run (checked first:
    KBError names the bad line); without it $PIPELINE_KB is used when set."""
    from pipeline.user_kb import USER_KB_ENV, read_user_kb, user_kb_path

    if kb is None:
        if use_kb and user_kb_path():
            read_user_kb(user_kb_path())  # a bad $PIPELINE_KB stops the run before anything is processed
        return _run_corpus(corpus_dir, out_dir, use_kb, workers, engine, scheduler)

    read_user_kb(kb)
    before = os.environ.get(USER_KB_ENV)
    os.environ[USER_KB_ENV] = str(Path(kb).resolve())  # the model workers inherit it
    try:
        return _run_corpus(corpus_dir, out_dir, use_kb, workers, engine, scheduler)
    finally:
        if before is None:
            os.environ.pop(USER_KB_ENV, None)
        else:
            os.environ[USER_KB_ENV] = before


def _run_corpus(corpus_dir: Path, out_dir: Path, use_kb: bool, workers: int, engine: str,
                scheduler: str | None) -> RunResult:
    corpus_dir, out_dir = Path(corpus_dir), Path(out_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    cache = DocCache(out_dir, use_kb)
    result = RunResult()
    # doc_id → (digest of its records, records of a failed document or None when they are in the cache)
    parts: dict[str, tuple[str, dict | None]] = {}
    columns = Columns()  # gathered while each document's records are at hand anyway
    todo = []
    for doc in iter_corpus(corpus_dir):
        result.n_documents += 1
        found = cache.load(doc) if doc.status == "ok" else None
        if found is not None:
            parts[doc.doc_id] = (found[0], None)
            columns.add(found[1])
            result.reused.append(doc.doc_id)
        else:
            todo.append(doc)

    bar = _progress(sum(1 for d in todo if needs_model(d)))
    if engine == "dask":
        from pipeline.distributed import process_on_dask

        stream = process_on_dask(todo, use_kb=use_kb, scheduler=scheduler)
    else:
        stream = process_documents(todo, lambda: _model(use_kb), use_kb=use_kb, n_process=workers)
    for doc, records in stream:
        records = {"documents": [doc.record()], **records}
        columns.add(records)
        if doc.status == "ok":
            parts[doc.doc_id] = (cache.put(doc, records), None)
            result.processed.append(doc.doc_id)
        else:
            data = json.dumps(records, ensure_ascii=False, sort_keys=True).encode("utf-8")
            parts[doc.doc_id] = (hashlib.sha256(data).hexdigest(), records)
            result.failed.append((doc.source_path, doc.error))
        if bar is not None and needs_model(doc):
            bar.update(1)
    if bar is not None:
        bar.close()

    cache.prune(set(parts))
    write_corpus_outputs(out_dir, cache, parts, columns)
    return result


def _model(use_kb: bool):
    """Imported only when some document needs the model: spaCy's import alone takes a second."""
    from pipeline.nlp import load_nlp

    return load_nlp(use_kb=use_kb)


def write_corpus_outputs(out_dir: Path, cache: DocCache, parts: dict[str, tuple[str, dict | None]],
                         columns: Columns) -> None:
    """The OUT files from the cached documents in doc_id order, one document in memory at a time;
    skipped when they were already assembled from exactly these inputs."""
    from importlib.metadata import version

    clean_stale_temps(out_dir)
    order = sorted(parts)
    inputs = hashlib.sha256(f"{cache.fingerprint}|pyarrow={version('pyarrow')}".encode())
    for doc_id in order:
        inputs.update(json.dumps([doc_id, parts[doc_id][0]]).encode() + b"\n")
    state = OutputState(out_dir, output_names())
    if state.current(inputs.hexdigest()):
        return

    def documents():
        for doc_id in order:
            records = parts[doc_id][1]
            yield records if records is not None else cache.records(doc_id)

    write_streamed(out_dir, documents, columns)
    state.save(inputs.hexdigest())
