"""Mention scores: per-label strict/relaxed P/R/F1 and canonical-id agreement on matched pairs."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from pipeline.evaluation.alignment import align_spans, norm, prf, span_key
from pipeline.evaluation.error_records import error_record
from pipeline.records import scored_labels


def _mention_view(m: dict) -> dict:
    return {"start": int(m["start"]), "end": int(m["end"]), "label": m.get("label"), "text": m.get("text"),
            "canonical_id": m.get("canonical_id") or None}


def majority_map(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each system id → the gold id it is most often paired with (ties: smallest gold id)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for gold_id, sys_id in pairs:
        counts[sys_id][gold_id] += 1
    return {sid: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for sid, c in counts.items()}


def cluster_scores(pairs: list[tuple[str, str]]) -> dict:
    """Agreement of two groupings of the same matched mentions.

    pairs: (gold id, system id) per matched mention. Pairwise F1 counts mention
    pairs grouped together by gold, by the system, and by both, so the spelling
    of ids does not matter. Majority accuracy maps each system id to its most
    frequent gold id first. Exact accuracy compares the strings as they are.
    """
    n = len(pairs)
    if n == 0:
        return {"n": 0, "pair_p": None, "pair_r": None, "pair_f1": None, "majority_acc": None,
                "exact_acc": None}

    def c2(k: int) -> int:
        return k * (k - 1) // 2

    gold_same = sum(c2(k) for k in Counter(g for g, _ in pairs).values())
    sys_same = sum(c2(k) for k in Counter(s for _, s in pairs).values())
    both = sum(c2(k) for k in Counter(pairs).values())
    # no pair grouped on a side: that side is trivially right (all singletons agree)
    p = both / sys_same if sys_same else (1.0 if gold_same == 0 else 0.0)
    r = both / gold_same if gold_same else (1.0 if sys_same == 0 else 0.0)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    mapping = majority_map(pairs)
    majority = sum(1 for g, s in pairs if mapping[s] == g) / n
    exact = sum(1 for g, s in pairs if g == s) / n
    return {"n": n, "pair_p": p, "pair_r": r, "pair_f1": f1, "majority_acc": majority, "exact_acc": exact}


def _sys_cluster_id(doc_id: str, m: dict) -> str:
    # an empty id is its own singleton, never grouped with another empty id
    return norm(m.get("canonical_id")) or f"\0{doc_id}:{m['start']}:{m['end']}"


def score_mentions(gold_docs: dict[str, list[dict]], sys_docs: dict[str, list[dict]],
                   texts: dict[str, str] | None = None) -> tuple[dict, list[dict], list[tuple]]:
    """Mention scores per label (and ALL), errors, and the relaxed alignment.

    gold_docs/sys_docs: {doc_id: [mention]}; every gold doc is scored, system
    docs without gold are ignored. Returns (metrics, errors, alignment) where
    alignment holds (doc_id, label, gold mention, system mention).
    """
    texts = texts or {}
    counts = {lab: Counter() for lab in scored_labels()}
    alignment: list[tuple] = []
    errors: list[dict] = []
    for doc_id in sorted(gold_docs):
        text = texts.get(doc_id)
        for label in scored_labels():
            gold = sorted((_mention_view(m) for m in gold_docs[doc_id] if m.get("label") == label), key=span_key)
            syst = sorted((_mention_view(m) for m in sys_docs.get(doc_id, []) if m.get("label") == label),
                          key=span_key)
            strict = align_spans(gold, syst, strict=True)
            relaxed = align_spans(gold, syst, strict=False)
            c = counts[label]
            c["strict_tp"] += len(strict)
            c["relaxed_tp"] += len(relaxed)
            c["n_gold"] += len(gold)
            c["n_sys"] += len(syst)
            matched_g = {gi for gi, _ in relaxed}
            matched_s = {si for _, si in relaxed}
            for gi, si in relaxed:
                g, s = gold[gi], syst[si]
                alignment.append((doc_id, label, g, s))
                if (g["start"], g["end"]) != (s["start"], s["end"]):
                    errors.append(error_record("mention.boundary", doc_id, text, g, s, g["start"], g["end"],
                                         g["text"], label=label))
            for gi, g in enumerate(gold):
                if gi not in matched_g:
                    errors.append(error_record("mention.FN", doc_id, text, g, None, g["start"], g["end"], g["text"],
                                         label=label))
            for si, s in enumerate(syst):
                if si not in matched_s:
                    errors.append(error_record("mention.FP", doc_id, text, None, s, s["start"], s["end"], s["text"],
                                         label=label))

    metrics: dict = {}
    total = Counter()
    for label in scored_labels():
        c = counts[label]
        total.update(c)
        metrics[label] = _mention_block(c)
    metrics["ALL"] = _mention_block(total)

    # canonical ids: only pairs whose gold mention carries an id
    all_pairs = []
    for label in scored_labels():
        label_pairs = [(doc_id, g, s) for doc_id, lab, g, s in alignment if lab == label and g["canonical_id"]]
        pairs = [(g["canonical_id"], _sys_cluster_id(doc_id, s)) for doc_id, g, s in label_pairs]
        all_pairs.extend(pairs)
        metrics[label]["canonical"] = cluster_scores(pairs)
        mapping = majority_map(pairs)
        for (doc_id, g, s), (gid, sid) in zip(label_pairs, pairs):
            if mapping[sid] != gid:
                errors.append(error_record("mention.canonical", doc_id, texts.get(doc_id), g, s, g["start"], g["end"],
                                     g["text"], label=label, mapped_gold_id=mapping[sid]))
    metrics["ALL"]["canonical"] = cluster_scores(all_pairs)
    return metrics, errors, alignment


def _mention_block(c: Counter) -> dict:
    return {
        "n_gold": c["n_gold"], "n_sys": c["n_sys"],
        "strict": prf(c["strict_tp"], c["n_sys"] - c["strict_tp"], c["n_gold"] - c["strict_tp"]),
        "relaxed": prf(c["relaxed_tp"], c["n_sys"] - c["relaxed_tp"], c["n_gold"] - c["relaxed_tp"]),
    }


def id_translation(alignment: Iterable[tuple]) -> dict[str, str]:
    """System canonical id → gold canonical id, by majority over the matched mentions (all labels)."""
    pairs = [(g["canonical_id"], norm(s["canonical_id"])) for _, _, g, s in alignment
             if g["canonical_id"] and norm(s["canonical_id"])]
    return majority_map(pairs)

