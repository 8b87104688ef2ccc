"""The event-class confusions of one run: gold and system events paired as the event scores pair them
(sentence, date and participants), then per (gold class, system class) pair the sentences, with both
triggers. A reading aid for the trigger lexicon, not a score:

    python -m pipeline.evaluation.event_confusion GOLD_DIR OUT_DIR [--all] [--only GOLD_CLASS]
"""
from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from pipeline.evaluation.alignment import norm
from pipeline.evaluation.event_scores import match_events
from pipeline.evaluation.loading import load_gold, load_system
from pipeline.evaluation.mention_scores import id_translation, score_mentions


def class_pairs(gold_docs: dict[str, list[dict]], sys_docs: dict[str, list[dict]],
                translate: dict[str, str]) -> list[tuple[str, dict, dict]]:
    """(doc_id, gold event, system event) of every fully matched pair, in document order."""
    out = []
    for doc_id in sorted(gold_docs):
        gold = sorted(gold_docs[doc_id], key=lambda e: (int(e["sent_start"]), int(e.get("trigger_start") or 0)))
        syst = sorted(sys_docs.get(doc_id, []), key=lambda e: (int(e["sent_start"]), int(e.get("trigger_start") or 0),
                                                                norm(e.get("event_id"))))
        for gi, si in match_events(gold, syst, translate, True, True):
            out.append((doc_id, gold[gi], syst[si]))
    return out


def confusion(pairs: list[tuple[str, dict, dict]]) -> Counter:
    """(gold class, system class) → count."""
    return Counter((norm(g.get("event_class")), norm(s.get("event_class"))) for _, g, s in pairs
                   if norm(g.get("event_class")))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--all", action="store_true", help="list the agreeing pairs too")
    ap.add_argument("--only", help="only this gold class")
    args = ap.parse_args(argv)
    gold = load_gold(args.gold)
    system = load_system(args.out)
    _, _, alignment = score_mentions({d: g.get("mentions", []) for d, g in gold.items()}, system["mentions"])
    pairs = class_pairs({d: g["events"] for d, g in gold.items() if "events" in g}, system["events"],
                        id_translation(alignment))
    counts = confusion(pairs)
    by_pair: dict[tuple[str, str], list] = defaultdict(list)
    for doc_id, g, s in pairs:
        by_pair[(norm(g.get("event_class")), norm(s.get("event_class")))].append((doc_id, g, s))
    ok = sum(n for (a, b), n in counts.items() if a == b)
    print(f"matched {sum(counts.values())}, class agrees {ok}")
    for (gc, sc), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if (gc == sc and not args.all) or (args.only and gc != args.only):
            continue
        print(f"\n## {gc} → {sc}: {n}")
        for doc_id, g, s in by_pair[(gc, sc)]:
            print(f"  [{doc_id}] gold {g.get('trigger')!r} / sys {s.get('trigger')!r} ({s.get('trigger_lemma')})")
            print(f"     {norm(g.get('sentence'))[:160]}")


if __name__ == "__main__":
    main()
