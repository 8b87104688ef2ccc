"""The one spaCy model of a process: ja_ginza, made fast, plus our entity components.

Speed-ups, measured by `make bench` and checked by tests:
- thinc sends ja_ginza's matrix products to blis, whose generic kernel is
  several times slower on this CPU than numpy's BLAS; `MatmulOps` routes
  gemm to numpy.matmul (same annotations).
- the ENE NER's time is dominated by per-transition validity checks over
  758 transitions; `prune_ner` keeps the labels we use (data/ner_labels.json).
The ops are the model's own: its layers take them when `spacy.load` builds them inside `model_ops`,
and the process-wide current ops are restored afterwards (nothing is set at import).
- tok2vec leaves a 256-float vector per token in doc.tensor that nothing after
  the model reads; `release_tensor` drops it, so worker processes do not pickle
  it (about 85% of a parsed Doc's bytes) and memory stays flat.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from functools import lru_cache

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps, get_current_ops, set_current_ops

from pipeline.config import config_key, entity_config
from pipeline.resources import DATA_DIR, require

MODEL = "ja_ginza"
NER_LABELS_FILE = DATA_DIR / "ner_labels.json"


class MatmulOps(NumpyOps):
    name = "matmul_numpy"

    def gemm(self, x, y, *, out=None, trans1=False, trans2=False):
        if trans1:
            x = x.T
        if trans2:
            y = y.T
        if out is None:
            return numpy.matmul(x, y)
        numpy.matmul(x, y, out=out)
        return out


M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc mallopt parameters (malloc.h)


def keep_temporaries_on_heap(limit_mb: int = 256) -> bool:
    """Before forking model workers: glibc hands each block above its mmap threshold back to the
    system on free, and in a forked worker the model's big temporaries kept crossing it, so every
    batch page-faulted them in afresh (measured on 1 MB with 2 workers: 695k faults, 12 s of system
    time; with this, 104k and 2 s). Blocks up to `limit_mb` then stay on the heap, which is trimmed
    only past twice that. Returns False where there is no glibc."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, limit_mb << 20)) and bool(mallopt(M_TRIM_THRESHOLD, 2 * limit_mb << 20))


@contextmanager
def model_ops(fast: bool = True):
    """The thinc ops a model built in this block keeps (MatmulOps when fast, else thinc's NumpyOps); the
    current ops before it are restored after it."""
    before = get_current_ops()
    set_current_ops(MatmulOps() if fast else NumpyOps())
    try:
        yield
    finally:
        set_current_ops(before)


def ner_keep_labels() -> set[str]:
    return set(require(NER_LABELS_FILE, "keep"))


def prune_ner(nlp, keep: set[str]) -> tuple[int, int]:
    """Restrict the NER's transitions to `keep` labels: drop the other actions and
    the matching rows of the output layer. Returns (moves before, moves after)."""
    ner = nlp.get_pipe("ner")
    moves = ner.moves
    old_names = [moves.get_class_name(i) for i in range(moves.n_moves)]
    actions = {move: {lab: freq for lab, freq in labels.items() if lab in keep or lab == ""}
               for move, labels in moves.labels.items()}
    moves.initialize_actions(actions)
    new_names = [moves.get_class_name(i) for i in range(moves.n_moves)]
    rows = numpy.array([old_names.index(name) for name in new_names])
    upper = ner.model.get_ref("upper")
    weights, bias = upper.get_param("W"), upper.get_param("b")
    # thinc refuses to resize a layer with parameters; the rows are sliced consistently, so set directly
    upper._dims["nO"] = len(rows)
    ner.model._dims["nO"] = len(rows)
    upper.set_param("W", numpy.ascontiguousarray(weights[rows]))
    upper.set_param("b", numpy.ascontiguousarray(bias[rows]))
    ner.model.attrs["unseen_classes"] = set()
    return len(old_names), len(new_names)


@Language.component("release_tensor")
def release_tensor(doc: Doc) -> Doc:
    """Drop tok2vec's per-token vectors once the model components are done with them."""
    doc.tensor = numpy.empty((0, 0), dtype="float32")
    return doc


class ModelClock:
    """Pass-through component that adds up the time its input stream takes to arrive. Placed right
    after GiNZA's components it measures, inside one run, the time the model itself takes
    (tokenizer and components); everything else in the run is ours (`make bench`)."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, doc: Doc) -> Doc:
        return doc

    def pipe(self, stream, batch_size: int = 0):
        docs = iter(stream)
        while True:
            start = time.perf_counter()
            doc = next(docs, None)
            self.seconds += time.perf_counter() - start
            if doc is None:
                return
            yield doc


@Language.factory("model_clock")
def make_model_clock(nlp: Language, name: str) -> ModelClock:
    return ModelClock()


def load_nlp(config: dict | None = None, fast: bool = True, entities: bool = True):
    """ja_ginza, loaded once per (configuration, process): the entity components with `config` (overrides
    of pipeline.config.ENTITY_CONFIG). fast=False is bare ja_ginza."""
    return _load_nlp(config_key(config or {}), bool(fast), bool(entities))  # one cache key however it is called


@lru_cache(maxsize=4)
def _load_nlp(key: str, fast: bool, entities: bool):
    import json

    return build_nlp(json.loads(key), fast, entities)


def build_nlp(config: dict | None = None, fast: bool = True, entities: bool = True):
    """A new pipeline each call (load_nlp is the cached one)."""
    import spacy

    with model_ops(fast):
        nlp = spacy.load(MODEL)
    if fast:
        prune_ner(nlp, ner_keep_labels())
        nlp.add_pipe("release_tensor")
    if entities:
        from pipeline.entities import add_entity_components

        add_entity_components(nlp, entity_config(**(config or {})))
    return nlp
