"""A whole run: corpus folder → OUT files, incremental and failure-tolerant.

Memory does not grow with the corpus: each document's records go to the
per-document cache as soon as it is finished, the run keeps only document ids
(and the small records of failed documents, which are not cached), and the
outputs are assembled by reading the cache one entry at a time.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pipeline.config import ENGINES, entity_config
from pipeline.entity_table import kb_wikidata
from pipeline.export import Columns, write_streamed
from pipeline.ingest import iter_inputs
from pipeline.manifest import DocCache, OutputState
from pipeline.process import process_documents
from pipeline.storage.outset import OutLock, OutputSet, current_set
from pipeline.storage.tables import DUCKDB_NAME
from pipeline.storage.writers import output_names
from pipeline.user_kb import read_user_kb

log = logging.getLogger("pipeline")
PROGRESS_EVERY = 10  # documents between two progress lines when stderr is not a terminal


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a run: the documents finished so far are in the cache; a rerun goes on from there."""

    def __init__(self, done: int, total: int):
        super().__init__(f"{done} of {total} documents finished")
        self.done, self.total = done, total


class EmptyCorpus(FileNotFoundError):
    """No input file at all: earlier outputs are kept unless the run allows an empty corpus."""


@dataclass
class RunResult:
    n_documents: int = 0
    processed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path as given, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # files of a type not read: (path, reason)

    @property
    def ok(self) -> bool:
        """Every input processed (an error or a skipped file makes the run's exit non-zero)."""
        return not self.failed and not self.skipped


def _shown(corpus_dir: Path, doc) -> str:
    return str(corpus_dir / doc.source_path) if doc.source_path else str(corpus_dir)


class _Progress:
    """A tqdm bar on a terminal; elsewhere (a log file, CI) one log line every `every` documents
    and one at the end, at INFO level (`-q` hides them)."""

    def __init__(self, total: int, every: int = PROGRESS_EVERY):
        self.total, self.every, self.done, self.start = total, max(1, every), 0, time.monotonic()
        self.bar = None
        if total >= 2 and sys.stderr.isatty() and not os.environ.get("CI") and log.isEnabledFor(logging.INFO):
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", desc="processing")

    def update(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
        elif self.done % self.every == 0 or self.done == self.total:
            log.info("processed %d/%d documents (%.0f s)", self.done, self.total, time.monotonic() - self.start)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_corpus(corpus_dir: Path, out_dir: Path, config: dict | None = None, workers: int = 1,
               engine: str = "local", scheduler: str | None = None, allow_empty: bool = False,
               progress_every: int = PROGRESS_EVERY, excel: bool = False) -> RunResult:
    """Process every input of corpus_dir into out_dir (locked for the run; see pipeline.storage.outset).
    Ctrl-C raises Interrupted once the lock is released; the finished documents stay cached.
    `config`: the entity configuration of the run, overrides of pipeline.config.ENTITY_CONFIG
    ({"use_kb": False} is `--no-kb`; {"user_kb_path": FILE} is `--kb FILE`: a user knowledge base, CSV or
    JSONL, merged over the bundled one, checked first: KBError names the bad line). The model, its
    workers, the document-level linking and the cache fingerprint all get this one configuration.
    `engine`: "local" (`workers` processes) or "dask" (on `scheduler`, or a local cluster).
    `excel`: also write OUT/pipeline.xlsx (one sheet per kind, formula-like cells kept as text); a run
    without it removes the workbook of an earlier run, so OUT never holds a stale one."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: expected one of {', '.join(ENGINES)}")
    config = entity_config(**(config or {}))
    if config["use_kb"] and config["user_kb_path"]:
        read_user_kb(config["user_kb_path"])  # a bad file stops the run before anything is processed
        config["user_kb_path"] = str(Path(config["user_kb_path"]).resolve())
    return _run_corpus(corpus_dir, out_dir, config, workers, engine, scheduler, allow_empty, progress_every, excel)


def _run_corpus(corpus_dir: Path, out_dir: Path, config: dict, workers: int, engine: str,
                scheduler: str | None, allow_empty: bool, progress_every: int, excel: bool) -> RunResult:
    corpus_dir, out_dir = Path(corpus_dir), Path(out_dir)
    if not corpus_dir.is_dir():
        if corpus_dir.exists():
            raise NotADirectoryError(f"not a folder: {corpus_dir} is a file; give the folder that holds the documents "
                                     f"(this one's folder is {corpus_dir.resolve().parent})")
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(f"the output path is not a folder: {out_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    with OutLock(out_dir):
        return _run(corpus_dir, out_dir, config, workers, engine, scheduler, allow_empty, progress_every, excel)


def _run(corpus_dir: Path, out_dir: Path, config: dict, workers: int, engine: str, scheduler: str | None,
         allow_empty: bool, progress_every: int = PROGRESS_EVERY, excel: bool = False) -> RunResult:
    cache = DocCache(out_dir, config)
    result = RunResult()
    # doc_id → (digest of its records, records of a failed document or None when they are in the cache)
    parts: dict[str, tuple[str, dict | None]] = {}
    columns = Columns(partial(kb_wikidata, config=config))  # gathered while each document's records are at hand anyway
    todo = []
    for doc in iter_inputs(corpus_dir):
        if doc.status == "skipped":
            records = {"documents": [doc.record()]}
            columns.add(records)
            data = json.dumps(records, ensure_ascii=False, sort_keys=True).encode("utf-8")
            parts[doc.doc_id] = (hashlib.sha256(data).hexdigest(), records)
            result.skipped.append((_shown(corpus_dir, doc), doc.error))
            continue
        result.n_documents += 1
        found = cache.load(doc) if doc.status == "ok" else None
        if found is not None:
            parts[doc.doc_id] = (found[0], None)
            columns.add(found[1])
            result.reused.append(doc.doc_id)
        else:
            todo.append(doc)

    log.debug("%d inputs: %d unchanged, %d to process", len(parts) + len(todo), len(result.reused), len(todo))
    bar = _Progress(len(todo), progress_every)
    if engine == "dask":
        from pipeline.distributed import process_on_dask

        stream = process_on_dask(todo, config, scheduler=scheduler)
    else:
        stream = process_documents(todo, lambda: _model(config), config, n_process=workers)
    try:
        for doc, records in stream:
            records = {"documents": [doc.record()], **records}
            columns.add(records)
            if doc.status == "ok":
                parts[doc.doc_id] = (cache.put(doc, records), None)
                result.processed.append(doc.doc_id)
            else:
                data = json.dumps(records, ensure_ascii=False, sort_keys=True).encode("utf-8")
                parts[doc.doc_id] = (hashlib.sha256(data).hexdigest(), records)
                result.failed.append((_shown(corpus_dir, doc), doc.error))
            log.debug("%s: %s", doc.doc_id, doc.status)
            bar.update()
    except KeyboardInterrupt:
        raise Interrupted(len(result.processed) + len(result.reused), result.n_documents) from None
    finally:
        bar.close()

    if not parts and not allow_empty:
        raise EmptyCorpus(f"no input files in {corpus_dir}; earlier outputs in {out_dir} are kept "
                          "(--allow-empty writes empty outputs)")
    cache.prune(set(parts))
    write_corpus_outputs(out_dir, cache, parts, columns, excel)
    return result


def _model(config: dict):
    """Imported only when some document needs the model: spaCy's import alone takes a second."""
    from pipeline.nlp import load_nlp

    return load_nlp(config)


def write_corpus_outputs(out_dir: Path, cache: DocCache, parts: dict[str, tuple[str, dict | None]],
                         columns: Columns, excel: bool = False) -> None:
    """The OUT files from the cached documents in doc_id order, one document in memory at a time;
    skipped when they were already assembled from exactly these inputs."""
    from importlib.metadata import version

    order = sorted(parts)
    workbook = f"|xlsxwriter={version('XlsxWriter')}" if excel else ""
    inputs = hashlib.sha256(f"{cache.fingerprint}|pyarrow={version('pyarrow')}{workbook}".encode())
    for doc_id in order:
        inputs.update(json.dumps([doc_id, parts[doc_id][0]]).encode() + b"\n")
    state = OutputState(out_dir, output_names(excel))
    if state.current(inputs.hexdigest()):
        return

    def documents():
        for doc_id in order:
            records = parts[doc_id][1]
            yield records if records is not None else cache.records(doc_id)

    outset = OutputSet(out_dir, output_names(excel))
    folder = outset.begin()
    try:
        previous = current_set(out_dir) / DUCKDB_NAME
        if previous.is_file():  # reused as it is when the new Parquet files hold the same bytes
            try:
                os.link(previous, folder / DUCKDB_NAME)
            except OSError:
                pass
        write_streamed(folder, documents, columns, excel=excel)
        outset.commit(folder)
    except BaseException:
        outset.abort(folder)
        raise
    state.save(inputs.hexdigest())
