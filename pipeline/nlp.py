"""The one spaCy model of a process: ja_ginza plus our entity components.

thinc sends ja_ginza's matrix products to blis, whose generic kernel is
several times slower on this CPU than numpy's BLAS; `MatmulOps` routes gemm
to numpy.matmul (same float32 results up to rounding; tests compare).
"""
from __future__ import annotations

from functools import lru_cache

import numpy
from thinc.api import NumpyOps, set_current_ops

MODEL = "ja_ginza"


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


@lru_cache(maxsize=4)
def load_nlp(use_kb: bool = True, fast: bool = True, entities: bool = True):
    """Load ja_ginza once per (configuration, process)."""
    import spacy

    use_fast_ops(fast)
    nlp = spacy.load(MODEL)
    if entities:
        from pipeline.entities import add_entity_components

        add_entity_components(nlp, use_kb=use_kb)
    return nlp
