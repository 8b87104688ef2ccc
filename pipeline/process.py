"""One document's text → its records (mentions, timexes, events).

Japanese documents go through GiNZA in pieces under SudachiPy's limit;
English (Latin-script) documents skip the Japanese model and use the
entities stage's text rules. Offsets are always into the original text.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from pipeline.chunking import chunk_text, split_sentences
from pipeline.dates import extract_timexes
from pipeline.events import build_events
from pipeline.ingest import Document

BATCH_SIZE = 4  # pieces per model batch: activation memory grows with batch size
# Per-document time budget, scaled to its size: a minute plus 10 ms per character (100 characters
# a second, 10-40× under the pipeline's usual speed on this 2-core machine). A document over it
# gets status error and the run goes on (PIPELINE_BUDGET_BASE_S / PIPELINE_BUDGET_PER_CHAR_S).
BUDGET_BASE_S = float(os.environ.get("PIPELINE_BUDGET_BASE_S", "60"))
BUDGET_PER_CHAR_S = float(os.environ.get("PIPELINE_BUDGET_PER_CHAR_S", "0.01"))


def time_budget(n_chars: int) -> float:
    """Seconds a document of n_chars characters may take (model and rules together)."""
    return BUDGET_BASE_S + BUDGET_PER_CHAR_S * n_chars


class OverBudget(BaseException):
    """A document took longer than its time budget (a BaseException, so that no `except Exception`
    in the stages it interrupts swallows it)."""


def _over_budget_message(budget: float) -> str:
    return f"took longer than its time budget of {budget:.0f} s (PIPELINE_BUDGET_BASE_S/_PER_CHAR_S change it)"


@contextmanager
def _deadline(seconds: float):
    """Raise OverBudget in this block after `seconds` (main thread with SIGALRM only; else no limit)."""
    if seconds <= 0:
        raise OverBudget
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(signum, frame):
        raise OverBudget

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def needs_model(doc: Document) -> bool:
    return doc.status == "ok" and doc.lang == "ja"


def _sentences(text: str, parsed: list[tuple[int, object]]) -> list[dict]:
    """Guideline sentences; each carries the GiNZA tokens that start inside it
    (`tokens`, with `base` = the offset of their chunk: token.idx + base is the
    offset in the document)."""
    cuts = sorted(base for base, _ in parsed)[1:]
    sents = [{"start": s, "end": e, "tokens": [], "base": 0} for s, e in _split_at(split_sentences(text), cuts)]
    starts = [s["start"] for s in sents]
    for base, sdoc in parsed:
        for tok in sdoc:
            if tok.is_space:
                continue
            pos = base + tok.idx
            i = bisect_right(starts, pos) - 1
            if i >= 0 and pos < sents[i]["end"]:
                sents[i]["tokens"].append(tok)
                sents[i]["base"] = base
    return sents


def _split_at(spans: list[tuple[int, int]], cuts: list[int]) -> list[tuple[int, int]]:
    """A sentence that a hard chunk cut runs through becomes two, so each sentence's
    tokens come from one parsed piece (one `base`)."""
    out = []
    for s, e in spans:
        inner = [c for c in cuts if s < c < e]
        for a, b in zip([s] + inner, inner + [e]):
            out.append((a, b))
    return out


def _records(doc: Document, parsed: list[tuple[int, object]], resources) -> dict[str, list[dict]]:
    """`resources`: the entities stage's (pipeline.entities.entity_resources of the run's configuration)."""
    from pipeline import entities

    text = doc.text
    if parsed:
        raw = [m for base, sdoc in parsed for m in entities.doc_mentions(sdoc, base, resources.lexicon)]
    else:
        raw = entities.text_mentions(text, resources)
    raw_timexes = extract_timexes(text, dct=doc.creation_date or None, lang=doc.lang)
    mentions = entities.link_mentions(raw, text, resources, raw_timexes)
    sentences = _sentences(text, parsed)
    starts = [s["start"] for s in sentences]
    mentions.sort(key=lambda m: (m["start"], -m["end"], m["label"]))
    out_mentions = []
    for n, m in enumerate(mentions, 1):
        si = bisect_right(starts, m["start"]) - 1
        out_mentions.append({
            "doc_id": doc.doc_id,
            "mention_id": f"{doc.doc_id}#m{n:05d}",
            "label": m["label"],
            "text": text[m["start"]:m["end"]],
            "start": m["start"],
            "end": m["end"],
            "sent_id": si if si >= 0 and m["start"] < sentences[si]["end"] else -1,
            "canonical_id": m.get("canonical_id", ""),
            "name_ja": m.get("name_ja", ""),
            "name_en": m.get("name_en", ""),
            "name_en_source": m.get("name_en_source", ""),
            "source": m.get("source", ""),
            "confidence": round(float(m.get("confidence", 1.0)), 3),
        })
    ids = [f"{doc.doc_id}#t{n:04d}" for n in range(1, len(raw_timexes) + 1)]
    timexes = []
    for tid, t in zip(ids, raw_timexes):
        anchor = t.get("anchor")
        timexes.append({
            "doc_id": doc.doc_id,
            "timex_id": tid,
            "text": text[t["start"]:t["end"]],
            "start": t["start"],
            "end": t["end"],
            "type": t["type"],
            "value": t["value"],
            "mod": t.get("mod", ""),
            "earliest": t.get("earliest", ""),
            "latest": t.get("latest", ""),
            "anchor_timex_id": ids[anchor] if isinstance(anchor, int) else "",
            "calendar": t.get("calendar", ""),
            "value_as_written": t.get("value_as_written", ""),
        })
    events = build_events(doc.doc_id, text, sentences, out_mentions, timexes)
    return {"mentions": out_mentions, "timexes": timexes, "events": events}


def process_documents(docs: Iterable[Document], nlp_factory, config: dict | None = None, n_process: int = 1,
                      batch_size: int = BATCH_SIZE) -> Iterator[tuple[Document, dict[str, list[dict]]]]:
    """Yield (document, records) in input order. The Japanese pieces of all
    documents flow through one nlp.pipe so the model stays busy; a document's
    records are built when its last piece comes back. The model is loaded only
    if some document needs it. A failure in one document becomes its error.
    `config`: the entity configuration (overrides of pipeline.config.ENTITY_CONFIG) of the document-level
    pass; the model from `nlp_factory` is expected to carry the same."""
    docs = list(docs)
    if not docs:
        return  # a rerun with nothing new: no entity resources, and no spaCy import behind them
    from pipeline.entities import entity_resources

    resources = entity_resources(config)
    jobs = [(piece, (i, base)) for i, d in enumerate(docs) if needs_model(d) for base, piece in chunk_text(d.text)]
    expected = Counter(i for _, (i, _) in jobs)
    parsed: dict[int, list] = defaultdict(list)
    nlp = nlp_factory() if jobs else None
    started: dict[int, float] = {}  # when a document's first piece went to the model
    over: set[int] = set()  # documents stopped for their time budget

    def pieces():
        """The pieces for the model; those of a document past its budget are held back."""
        for piece, (i, _) in jobs:
            now = time.monotonic()
            start = started.setdefault(i, now)
            if i in over or now - start > time_budget(docs[i].n_chars):
                over.add(i)
                continue
            yield piece

    def finish(i: int) -> tuple[Document, dict]:
        doc = docs[i]
        budget = time_budget(doc.n_chars)
        try:
            if i in over:
                raise OverBudget
            with _deadline(budget - (time.monotonic() - started.get(i, time.monotonic()))):
                if len(parsed[i]) != expected[i]:
                    # a component failed on a batch holding this document: retry it alone
                    parsed[i] = _parse_alone(nlp, [(base, piece) for piece, (j, base) in jobs if j == i])
                records = _records(doc, parsed.pop(i, []), resources) if doc.status == "ok" else {}
        except OverBudget:
            doc.status, doc.error = "error", _over_budget_message(budget)
            records = {}
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            doc.status, doc.error = "error", f"processing failed: {type(exc).__name__}: {exc}"
            records = {}
        parsed.pop(i, None)
        return doc, records

    next_doc = 0
    if jobs:
        # A component error drops its batch from the stream instead of ending the run;
        # if the stream breaks anyway, the remaining documents are parsed one by one.
        _set_error_handler(nlp, _skip_batch)
        try:
            for sdoc, (i, base) in _pipe(nlp, jobs, batch_size, n_process, pieces()):
                parsed[i].append((base, sdoc))
                if len(parsed[i]) == expected[i]:
                    while next_doc <= i:
                        yield finish(next_doc)
                        next_doc += 1
        except Exception:  # noqa: BLE001, S110 - the documents not yet finished are parsed alone below
            pass
    while next_doc < len(docs):
        yield finish(next_doc)
        next_doc += 1


def _pipe(nlp, jobs: list[tuple[str, object]], batch_size: int, n_process: int, texts=None):
    """(doc, context) for every job whose doc came through, in job order.

    spaCy gets the bare texts: given (text, context) tuples it tokenizes in the parent process and
    ships the docs to the workers, so SudachiPy would run serially there. Each doc is matched to
    its job by its text, stepping over the jobs of a batch that a failing component dropped
    (and over those `texts` held back).
    With several processes each worker gets one BLAS thread and the parent's malloc settings
    (both set before the fork)."""
    texts = (piece for piece, _ in jobs) if texts is None else texts
    k = 0
    for sdoc in _docs(nlp, texts, batch_size, n_process):
        text = sdoc.text
        while jobs[k][0] != text:
            k += 1
        yield sdoc, jobs[k][1]
        k += 1


def _docs(nlp, texts, batch_size: int, n_process: int):
    if n_process <= 1:
        yield from nlp.pipe(texts, batch_size=batch_size)
        return
    from threadpoolctl import threadpool_limits

    from pipeline.nlp import keep_temporaries_on_heap

    keep_temporaries_on_heap()  # inherited by the workers
    with threadpool_limits(limits=1, user_api="blas"):
        yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)


def _skip_batch(proc_name, proc, docs, exc) -> None:
    """spaCy error handler: the batch is dropped; its documents are retried one by one."""


def _set_error_handler(nlp, handler) -> None:
    """Like Language.set_error_handler, skipping the Cython components that cannot take one."""
    nlp.default_error_handler = handler
    for _, proc in nlp.pipeline:
        try:
            proc.set_error_handler(handler)
        except AttributeError:
            pass


def _parse_alone(nlp, pieces: list[tuple[int, str]]) -> list[tuple[int, object]]:
    from spacy.util import raise_error

    _set_error_handler(nlp, raise_error)
    try:
        return [(base, nlp(piece)) for base, piece in pieces]
    finally:
        _set_error_handler(nlp, _skip_batch)
