"""The one spaCy model of a process: ja_ginza, made fast, plus our entity components.

Two speed-ups, both measured by `make bench` and checked by tests:
- thinc sends ja_ginza's matrix products to blis, whose generic kernel is
  several times slower on this CPU than numpy's BLAS; `MatmulOps` routes
  gemm to numpy.matmul (same annotations).
- the ENE NER's time is dominated by per-transition validity checks over
  758 transitions; `prune_ner` keeps the labels we use (data/ner_labels.json).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy
from thinc.api import NumpyOps, set_current_ops

MODEL = "ja_ginza"
NER_LABELS_FILE = Path(__file__).parent / "data" / "ner_labels.json"


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


def use_fast_ops(fast: bool = True) -> None:
    set_current_ops(MatmulOps() if fast else NumpyOps())


def ner_keep_labels() -> set[str]:
    return set(json.loads(NER_LABELS_FILE.read_text(encoding="utf-8"))["keep"])


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


@lru_cache(maxsize=4)
def load_nlp(use_kb: bool = True, fast: bool = True, entities: bool = True):
    """Load ja_ginza once per (configuration, process). fast=False is bare ja_ginza."""
    import spacy

    use_fast_ops(fast)
    nlp = spacy.load(MODEL)
    if fast:
        prune_ner(nlp, ner_keep_labels())
    if entities:
        from pipeline.entities import add_entity_components

        add_entity_components(nlp, use_kb=use_kb)
    return nlp
