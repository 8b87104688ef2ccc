"""Matching primitives shared by the scorers: span overlap, one-to-one alignment, P/R/F1."""
from __future__ import annotations

import bisect
from collections import defaultdict


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Number of shared characters of two half-open spans."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def prf(tp: int, fp: int, fn: int) -> dict:
    """Precision/recall/F1 with the counts; None scores when there is nothing to score."""
    if tp + fp + fn == 0:
        return {"tp": 0, "fp": 0, "fn": 0, "p": None, "r": None, "f1": None}
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "p": p, "r": r, "f1": f1}


def norm(value) -> str:
    return "" if value is None else str(value).strip()


def align_spans(gold: list[dict], system: list[dict], strict: bool) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs.

    strict: identical (start, end). relaxed: any overlap, greedily taking the
    pair with the largest overlap first (ties: closest boundaries, then order).
    """
    candidates = []
    if strict:
        by_span: dict[tuple[int, int], list[int]] = defaultdict(list)
        for si, s in enumerate(system):
            by_span[(s["start"], s["end"])].append(si)
        for gi, g in enumerate(gold):
            candidates += [(0, 0, gi, si) for si in by_span.get((g["start"], g["end"]), [])]
        return greedy_pairs(candidates)
    for gi, si, ov in overlapping_pairs([(g["start"], g["end"]) for g in gold],
                                        [(s["start"], s["end"]) for s in system]):
        g, s = gold[gi], system[si]
        dist = abs(g["start"] - s["start"]) + abs(g["end"] - s["end"])
        candidates.append((-ov, dist, gi, si))
    return greedy_pairs(candidates)


def overlapping_pairs(gold: list[tuple[int, int]], system: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(gold index, system index, overlap) for every overlapping pair of (start, end) spans.

    Only system spans starting in [g.start - longest, g.end) can overlap g, so
    a sorted scan replaces the quadratic one.
    """
    order = sorted(range(len(system)), key=lambda i: system[i][0])
    starts = [system[i][0] for i in order]
    longest = max((e - s for s, e in system), default=0)
    out = []
    for gi, (gs, ge) in enumerate(gold):
        lo = bisect.bisect_left(starts, gs - longest)
        hi = bisect.bisect_left(starts, ge)
        for si in order[lo:hi]:
            ov = overlap(gs, ge, *system[si])
            if ov > 0:
                out.append((gi, si, ov))
    return out


def greedy_pairs(candidates: list[tuple]) -> list[tuple[int, int]]:
    """Take candidates (..., gi, si) in sorted order, each index at most once."""
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for cand in sorted(candidates):
        gi, si = cand[-2], cand[-1]
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        pairs.append((gi, si))
    return sorted(pairs)


def span_key(rec: dict) -> tuple:
    return (int(rec["start"]), int(rec["end"]), norm(rec.get("label") or rec.get("type")), norm(rec.get("text")))

