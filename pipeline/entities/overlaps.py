"""Overlapping candidate spans resolved into mentions.

Policy (annotation guidelines): within one label no overlaps (KB evidence first, then the longest span);
across labels nesting is allowed (プエブロ号 inside プエブロ号事件), except that a ship named after a person is a
SHIP only and an aircraft is never a ship; other labels (GPE, ORG, ...) give way to the three scored ones.
"""
from __future__ import annotations

import bisect

from pipeline.records import scored_labels

_PRIORITY = {"kb": 3, "rule": 2, "doc": 2, "ginza": 1}


class Spans:
    """Non-overlapping [start, end) spans with O(log n) overlap queries (documents can hold thousands)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)  # spans starting before e
        return i > 0 and self.ends[i - 1] > s

    def add(self, s: int, e: int) -> None:
        i = bisect.bisect_left(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)


class AnySpans:
    """Possibly overlapping spans; overlap query by a sweep over spans sorted by start."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.maxend = []
        m = -1
        for _, b in spans:
            m = max(m, b)
            self.maxend.append(m)
        self.spans = spans

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)
        while i > 0 and self.maxend[i - 1] > s:
            if self.spans[i - 1][1] > s:
                return True
            i -= 1
        return False


def _prio(m: dict) -> int:
    return _PRIORITY.get(m["source"].split(":")[0], 1)


def _overlap(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def resolve_overlaps(mentions: list[dict]) -> list[dict]:
    by_label: dict[str, list[dict]] = {}
    for m in mentions:
        if m["end"] > m["start"]:
            by_label.setdefault(m["label"], []).append(m)
    kept: dict[str, list[dict]] = {}
    for label, ms in by_label.items():
        ms.sort(key=lambda m: (-_prio(m), -(m["end"] - m["start"]), -m.get("confidence", 0), m["start"]))
        chosen = Spans()
        kept[label] = []
        for m in ms:
            if not chosen.overlaps(m["start"], m["end"]):
                chosen.add(m["start"], m["end"])
                kept[label].append(m)

    def drop(ms: list[dict], blockers: list[dict]) -> list[dict]:
        index = AnySpans([(b["start"], b["end"]) for b in blockers])
        return [m for m in ms if not index.overlaps(m["start"], m["end"])]

    if kept.get("AIRCRAFT") and kept.get("SHIP"):
        kept["SHIP"] = drop(kept["SHIP"], kept["AIRCRAFT"])
    if kept.get("SHIP") and kept.get("PERSON"):
        kept["PERSON"] = drop(kept["PERSON"], kept["SHIP"])
    scored = scored_labels()
    core = [m for lab in scored for m in kept.get(lab, [])]
    out = list(core)
    for label, ms in kept.items():
        if label not in scored:
            out += drop(ms, core)
    out.sort(key=lambda m: (m["start"], -m["end"], m["label"]))
    return out
