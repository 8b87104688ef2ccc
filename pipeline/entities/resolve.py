"""From raw candidates to mentions: label choice for KB matches, and overlap resolution.

Policy (annotation guidelines): within one label no overlaps (KB evidence first, then the longest span);
across labels nesting is allowed (プエブロ号 inside プエブロ号事件), except that a ship named after a person is a
SHIP only and an aircraft is never a ship; other labels (GPE, ORG, ...) give way to the three scored ones.
"""
from __future__ import annotations

from .kb import KnowledgeBase
from .patterns import AliasMatcher
from .rules import sentence_ship_context, ship_context

CORE = ("PERSON", "SHIP", "INCIDENT")
_PRIORITY = {"kb": 3, "rule": 2, "doc": 2, "ginza": 1}


def kb_mentions(text: str, matcher: AliasMatcher, kb: KnowledgeBase) -> list[dict]:
    """KB alias matches with a label chosen by context (ジョージ・ワシントン: the carrier or the president)."""
    out = []
    for m in matcher(text):
        s, e = m["start"], m["end"]
        ents = [kb.get(i) for i in m["candidates"]]
        ships = [x for x in ents if x.type == "SHIP"]
        others = [x for x in ents if x.type != "SHIP"]
        local = ship_context(text, s, e)
        if ships and (local or not others):
            strong = [x for x in ships if not m["weak"].get(x.id)]
            weak = not strong and not local and not sentence_ship_context(text, s, e)
            chosen = strong or ships
            label = "SHIP"
        else:
            chosen = [x for x in others if x.type == others[0].type]
            label = chosen[0].type
            weak = False
        d = {"start": s, "end": e, "text": m["text"], "label": label, "source": "kb",
             "confidence": 0.95 if len(chosen) == 1 else 0.6, "_candidates": [x.id for x in chosen]}
        if weak:
            d["_weak"] = True
        out.append(d)
    return out


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
        chosen: list[dict] = []
        for m in ms:
            if not any(_overlap(m, c) for c in chosen):
                chosen.append(m)
        kept[label] = chosen
    ships = kept.get("SHIP", [])
    aircraft = kept.get("AIRCRAFT", [])
    if aircraft:
        kept["SHIP"] = ships = [s for s in ships if not any(_overlap(s, a) for a in aircraft)]
    if ships and "PERSON" in kept:
        kept["PERSON"] = [p for p in kept["PERSON"] if not any(_overlap(p, s) for s in ships)]
    core = [m for lab in CORE for m in kept.get(lab, [])]
    out = list(core)
    for label, ms in kept.items():
        if label in CORE:
            continue
        out += [m for m in ms if not any(_overlap(m, c) for c in core)]
    out.sort(key=lambda m: (m["start"], -m["end"], m["label"]))
    return out
