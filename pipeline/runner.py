"""A whole run: corpus folder → OUT files, incremental and failure-tolerant."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.export import write_outputs
from pipeline.ingest import iter_corpus
from pipeline.manifest import DocCache
from pipeline.process import RECORD_KINDS, needs_model, process_documents


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
               engine: str = "local", scheduler: str | None = None) -> RunResult:
    corpus_dir, out_dir = Path(corpus_dir), Path(out_dir)
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    cache = DocCache(out_dir, use_kb)
    result = RunResult()
    by_doc: dict[str, dict] = {}
    todo = []
    for doc in iter_corpus(corpus_dir):
        result.n_documents += 1
        cached = cache.get(doc) if doc.status == "ok" else None
        if cached is not None:
            by_doc[doc.doc_id] = cached
            result.reused.append(doc.doc_id)
        else:
            todo.append(doc)

    bar = _progress(sum(1 for d in todo if needs_model(d)))
    if engine == "dask":
        from pipeline.distributed import process_on_dask

        stream = process_on_dask(todo, use_kb=use_kb, scheduler=scheduler)
    else:
        from pipeline.nlp import load_nlp

        stream = process_documents(todo, lambda: load_nlp(use_kb=use_kb), use_kb=use_kb, n_process=workers)
    for doc, records in stream:
        records = {"documents": [doc.record()], **records}
        by_doc[doc.doc_id] = records
        if doc.status == "ok":
            cache.put(doc, records)
            result.processed.append(doc.doc_id)
        else:
            result.failed.append((doc.source_path, doc.error))
        if bar is not None and needs_model(doc):
            bar.update(1)
    if bar is not None:
        bar.close()

    cache.prune(set(by_doc))
    merged = {kind: [r for doc_id in sorted(by_doc) for r in by_doc[doc_id].get(kind, [])] for kind in RECORD_KINDS}
    write_outputs(out_dir, merged)
    return result
