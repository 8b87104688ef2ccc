"""Score OUT directories against gold (corpus/gold/<doc_id>.json), side by side.

Scoring follows the annotation guidelines: per-label strict/relaxed P/R/F1 for
mentions, canonical-id agreement on matched pairs, TempEval-3 style timex
scores, and event matching. Every scorer is a pure function over plain dicts;
`run_eval` reads the files, writes OUT/metrics.json and OUT/eval_errors.jsonl,
and `main` also refreshes the anchors and prints the comparison table.
"""
from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from pipeline.records import event_columns, scored_labels

TASKS = ("mentions", "timexes", "events")
CONTEXT_CHARS = 30
RECORD_FILES = {"mentions": "mentions.jsonl", "timexes": "timexes.jsonl", "events": "events.jsonl"}
SYSTEM_INFO = "system.json"  # optional: {"tasks": [...]} limits what a system is shown for


# ---------------------------------------------------------------- reading


def read_jsonl(path: Path) -> list[dict]:
    """Records of a JSONL file; a missing file is an empty list."""
    path = Path(path)
    if not path.is_file():
        return []
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out


def _by_doc(records: Iterable[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for rec in records:
        grouped[str(rec.get("doc_id", ""))].append(rec)
    return dict(grouped)


def load_system(out_dir: Path) -> dict:
    """One system's records: {"docs": {doc_id: record}, "present": set, "tasks": [...], task: {doc_id: [...]}}."""
    out_dir = Path(out_dir)
    docs = {str(r["doc_id"]): r for r in read_jsonl(out_dir / "documents.jsonl")}
    system: dict = {"docs": docs}
    present = set(docs)
    for task, name in RECORD_FILES.items():
        system[task] = _by_doc(read_jsonl(out_dir / name))
        present |= set(system[task])
    system["present"] = present
    tasks = list(TASKS)
    info = out_dir / SYSTEM_INFO
    if info.is_file():
        tasks = [t for t in json.loads(info.read_text(encoding="utf-8")).get("tasks", TASKS) if t in TASKS]
    system["tasks"] = tasks
    return system


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """Gold documents by doc_id: every *.json under gold_dir except folders starting with '_' or '.'."""
    gold_dir = Path(gold_dir)
    gold: dict[str, dict] = {}
    if not gold_dir.is_dir():
        return gold
    for path in sorted(gold_dir.rglob("*.json"), key=lambda p: p.as_posix()):
        rel = path.relative_to(gold_dir)
        if any(part.startswith(("_", ".")) for part in rel.parts):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        doc_id = str(data.get("doc_id") or rel.with_suffix("").as_posix())
        gold[doc_id] = data
    return gold


def load_texts(corpus_dir: Path | None, doc_ids: Iterable[str]) -> dict[str, str]:
    """Decoded texts (as the pipeline decodes them) for context windows; unknown documents are skipped."""
    if corpus_dir is None or not Path(corpus_dir).is_dir():
        return {}
    from pipeline.ingest import SUFFIXES, read_document

    corpus_dir = Path(corpus_dir)
    texts = {}
    for doc_id in sorted(set(doc_ids)):
        for suffix in SUFFIXES:
            path = corpus_dir / f"{doc_id}{suffix}"
            if path.is_file():
                doc = read_document(path, corpus_dir)
                if doc.status == "ok":
                    texts[doc_id] = doc.text
                break
    return texts


# ---------------------------------------------------------------- primitives


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


def _norm(value) -> str:
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
        return _greedy(candidates)
    for gi, si, ov in overlapping_pairs([(g["start"], g["end"]) for g in gold],
                                        [(s["start"], s["end"]) for s in system]):
        g, s = gold[gi], system[si]
        dist = abs(g["start"] - s["start"]) + abs(g["end"] - s["end"])
        candidates.append((-ov, dist, gi, si))
    return _greedy(candidates)


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


def _greedy(candidates: list[tuple]) -> list[tuple[int, int]]:
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


def _span_key(rec: dict) -> tuple:
    return (int(rec["start"]), int(rec["end"]), _norm(rec.get("label") or rec.get("type")), _norm(rec.get("text")))


def _context(text: str | None, start: int, end: int) -> str:
    """±CONTEXT_CHARS around a span, the span itself in [[ ]]."""
    if not text:
        return ""
    left = text[max(0, start - CONTEXT_CHARS):start]
    right = text[end:end + CONTEXT_CHARS]
    return f"{left}[[{text[start:end]}]]{right}"


def _error(category: str, doc_id: str, text: str | None, gold: dict | None, sys_: dict | None,
           start: int, end: int, surface: str, **extra) -> dict:
    err = {"category": category, "doc_id": doc_id, "start": start, "end": end, "text": surface,
           "context": _context(text, start, end), "gold": gold, "sys": sys_}
    err.update(extra)
    return err


# ---------------------------------------------------------------- mentions


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
    return _norm(m.get("canonical_id")) or f"\0{doc_id}:{m['start']}:{m['end']}"


def score_mentions(gold_docs: dict[str, list[dict]], sys_docs: dict[str, list[dict]],
                   texts: dict[str, str] | None = None) -> tuple[dict, list[dict], list[tuple]]:
    """Mention scores per label (and ALL), errors, and the relaxed alignment.

    gold_docs/sys_docs: {doc_id: [mention]}; every gold doc is scored, system
    docs without gold are ignored. Returns (metrics, errors, alignment) where
    alignment holds (doc_id, label, gold mention, system mention).
    """
    texts = texts or {}
    labels = scored_labels()
    counts = {lab: Counter() for lab in labels}
    alignment: list[tuple] = []
    errors: list[dict] = []
    for doc_id in sorted(gold_docs):
        text = texts.get(doc_id)
        for label in labels:
            gold = sorted((_mention_view(m) for m in gold_docs[doc_id] if m.get("label") == label), key=_span_key)
            syst = sorted((_mention_view(m) for m in sys_docs.get(doc_id, []) if m.get("label") == label),
                          key=_span_key)
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
                    errors.append(_error("mention.boundary", doc_id, text, g, s, g["start"], g["end"],
                                         g["text"], label=label))
            for gi, g in enumerate(gold):
                if gi not in matched_g:
                    errors.append(_error("mention.FN", doc_id, text, g, None, g["start"], g["end"], g["text"],
                                         label=label))
            for si, s in enumerate(syst):
                if si not in matched_s:
                    errors.append(_error("mention.FP", doc_id, text, None, s, s["start"], s["end"], s["text"],
                                         label=label))

    metrics: dict = {}
    total = Counter()
    for label in labels:
        c = counts[label]
        total.update(c)
        metrics[label] = _mention_block(c)
    metrics["ALL"] = _mention_block(total)

    # canonical ids: only pairs whose gold mention carries an id
    all_pairs = []
    for label in labels:
        label_pairs = [(doc_id, g, s) for doc_id, lab, g, s in alignment if lab == label and g["canonical_id"]]
        pairs = [(g["canonical_id"], _sys_cluster_id(doc_id, s)) for doc_id, g, s in label_pairs]
        all_pairs.extend(pairs)
        metrics[label]["canonical"] = cluster_scores(pairs)
        mapping = majority_map(pairs)
        for (doc_id, g, s), (gid, sid) in zip(label_pairs, pairs):
            if mapping[sid] != gid:
                errors.append(_error("mention.canonical", doc_id, texts.get(doc_id), g, s, g["start"], g["end"],
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
    pairs = [(g["canonical_id"], _norm(s["canonical_id"])) for _, _, g, s in alignment
             if g["canonical_id"] and _norm(s["canonical_id"])]
    return majority_map(pairs)


# ---------------------------------------------------------------- timexes


def _timex_view(t: dict) -> dict:
    return {"start": int(t["start"]), "end": int(t["end"]), "text": t.get("text"), "type": _norm(t.get("type")),
            "value": _norm(t.get("value")), "mod": _norm(t.get("mod"))}


def score_timexes(gold_docs: dict[str, list[dict]], sys_docs: dict[str, list[dict]],
                  texts: dict[str, str] | None = None) -> tuple[dict, list[dict]]:
    """TempEval-3 style: strict/relaxed extent F1; value/type/mod accuracy over relaxed matches."""
    texts = texts or {}
    c = Counter()
    errors: list[dict] = []
    for doc_id in sorted(gold_docs):
        text = texts.get(doc_id)
        gold = sorted((_timex_view(t) for t in gold_docs[doc_id]), key=_span_key)
        syst = sorted((_timex_view(t) for t in sys_docs.get(doc_id, [])), key=_span_key)
        strict = align_spans(gold, syst, strict=True)
        relaxed = align_spans(gold, syst, strict=False)
        c["n_gold"] += len(gold)
        c["n_sys"] += len(syst)
        c["strict_tp"] += len(strict)
        c["relaxed_tp"] += len(relaxed)
        for gi, si in relaxed:
            g, s = gold[gi], syst[si]
            if (g["start"], g["end"]) != (s["start"], s["end"]):
                errors.append(_error("timex.boundary", doc_id, text, g, s, g["start"], g["end"], g["text"]))
            for attr in ("value", "type", "mod"):
                if g[attr] == s[attr]:
                    c[f"{attr}_ok"] += 1
                else:
                    errors.append(_error(f"timex.{attr}", doc_id, text, g, s, g["start"], g["end"], g["text"]))
            if wrong_year(g["value"], s["value"]):
                c["wrong_year"] += 1
                errors.append(_error("timex.wrong_year", doc_id, text, g, s, g["start"], g["end"], g["text"]))
        matched_g = {gi for gi, _ in relaxed}
        matched_s = {si for _, si in relaxed}
        errors += [_error("timex.FN", doc_id, text, g, None, g["start"], g["end"], g["text"])
                   for gi, g in enumerate(gold) if gi not in matched_g]
        errors += [_error("timex.FP", doc_id, text, None, s, s["start"], s["end"], s["text"])
                   for si, s in enumerate(syst) if si not in matched_s]

    n_match = c["relaxed_tp"]
    strict = prf(c["strict_tp"], c["n_sys"] - c["strict_tp"], c["n_gold"] - c["strict_tp"])
    relaxed = prf(n_match, c["n_sys"] - n_match, c["n_gold"] - n_match)

    def acc(attr: str):
        return c[f"{attr}_ok"] / n_match if n_match else None

    value_acc = acc("value")
    if relaxed["f1"] is None:
        value_f1 = None
    else:
        value_f1 = relaxed["f1"] * (value_acc or 0.0)
    metrics = {"n_gold": c["n_gold"], "n_sys": c["n_sys"], "strict": strict, "relaxed": relaxed,
               "value_acc": value_acc, "value_f1": value_f1, "type_acc": acc("type"), "mod_acc": acc("mod"),
               "wrong_year": c["wrong_year"]}
    return metrics, errors


_YEAR = re.compile(r"^(?:BC)?(\d{4})")


def wrong_year(gold_value, sys_value) -> bool:
    """A matched pair whose four-digit years differ (an unknown XXXX year is a gap, not an error)."""
    g, s = _YEAR.match(gold_value or ""), _YEAR.match(sys_value or "")
    if not g or not s:
        return False
    return (g.group(0), (gold_value or "").startswith("BC")) != (s.group(0), (sys_value or "").startswith("BC"))


# ---------------------------------------------------------------- events


def _ids(values) -> set[str]:
    if values is None:
        return set()
    if isinstance(values, str):  # tolerate "|"-joined CSV-style lists
        values = values.split("|")
    return {_norm(v) for v in values if _norm(v)}


def event_participants(event: dict, translate: dict[str, str] | None = None, with_actors: bool = False) -> set:
    """persons ∪ ships ∪ incidents (∪ actors), system ids translated to gold ids where known."""
    ids = set().union(*(_ids(event.get(column)) for column in event_columns().values()))
    if translate is not None:
        ids = {translate.get(i, i) for i in ids}
    if with_actors:
        ids |= _ids(event.get("actors"))
    return ids


def _event_view(e: dict) -> dict:
    return {"sent_start": int(e["sent_start"]), "sent_end": int(e["sent_end"]),
            "trigger": e.get("trigger"), "trigger_start": e.get("trigger_start"),
            "trigger_end": e.get("trigger_end"), "date_value": _norm(e.get("date_value")),
            "sentence": e.get("sentence")}


def match_events(gold: list[dict], syst: list[dict], translate: dict[str, str],
                 use_date: bool, use_participants: bool) -> list[tuple[int, int]]:
    """One-to-one event pairs in one document.

    Always: the sentence spans overlap. use_date: date_value agrees (both empty
    agrees). use_participants: the participant sets share an id (both empty
    counts as overlap); actors take part only when the system event has them.
    """
    candidates = []
    for gi, si, ov in overlapping_pairs([(int(g["sent_start"]), int(g["sent_end"])) for g in gold],
                                        [(int(s["sent_start"]), int(s["sent_end"])) for s in syst]):
        g, s = gold[gi], syst[si]
        if use_date and _norm(g.get("date_value")) != _norm(s.get("date_value")):
            continue
        if use_participants:
            actors = "actors" in s
            gp = event_participants(g, None, actors)
            sp = event_participants(s, translate, actors)
            if (gp or sp) and not gp & sp:
                continue
        dist = abs(_int(g.get("trigger_start")) - _int(s.get("trigger_start")))
        candidates.append((-ov, dist, gi, si))
    return _greedy(candidates)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _event_anchor(e: dict) -> tuple[int, int, str]:
    if e.get("trigger_start") not in (None, "") and e.get("trigger_end") not in (None, ""):
        return int(e["trigger_start"]), int(e["trigger_end"]), _norm(e.get("trigger"))
    return int(e["sent_start"]), int(e["sent_end"]), _norm(e.get("sentence"))[:60]


def _event_reason(g: dict, same_sent: list[dict], translate: dict[str, str]) -> str:
    """Why a gold event found no full match, judged on the system events of overlapping sentences."""
    if not same_sent:
        return "no system event in the sentence"
    reasons = []
    for s in same_sent:
        why = []
        if _norm(g.get("date_value")) != _norm(s.get("date_value")):
            why.append(f"date {_norm(g.get('date_value'))!r} vs {_norm(s.get('date_value'))!r}")
        actors = "actors" in s
        gp, sp = event_participants(g, None, actors), event_participants(s, translate, actors)
        if (gp or sp) and not gp & sp:
            why.append(f"participants {sorted(gp)} vs {sorted(sp)}")
        reasons.append("; ".join(why) or "taken by another gold event")
    return min(reasons, key=lambda r: (r.count(";"), r))


def score_events(gold_docs: dict[str, list[dict]], sys_docs: dict[str, list[dict]], translate: dict[str, str],
                 texts: dict[str, str] | None = None) -> tuple[dict, list[dict]]:
    """Event P/R/F1 (sentence + date + participants), and the date-only / participants-only variants."""
    texts = texts or {}
    variants = {"full": (True, True), "date_only": (True, False), "participants_only": (False, True)}
    tps = Counter()
    n_gold = n_sys = 0
    errors: list[dict] = []
    for doc_id in sorted(gold_docs):
        text = texts.get(doc_id)
        gold = sorted(gold_docs[doc_id], key=lambda e: (int(e["sent_start"]), _int(e.get("trigger_start"))))
        syst = sorted(sys_docs.get(doc_id, []), key=lambda e: (int(e["sent_start"]), _int(e.get("trigger_start")),
                                                                _norm(e.get("event_id"))))
        n_gold += len(gold)
        n_sys += len(syst)
        for name, (use_date, use_part) in variants.items():
            pairs = match_events(gold, syst, translate, use_date, use_part)
            tps[name] += len(pairs)
            if name != "full":
                continue
            for gi, si in pairs:
                _score_class_and_roles(gold[gi], syst[si], translate, tps)
            matched_g = {gi for gi, _ in pairs}
            matched_s = {si for _, si in pairs}
            near: dict[int, list[dict]] = defaultdict(list)
            for gi, si, _ in overlapping_pairs([(int(g["sent_start"]), int(g["sent_end"])) for g in gold],
                                               [(int(s["sent_start"]), int(s["sent_end"])) for s in syst]):
                near[gi].append(syst[si])
            for gi, g in enumerate(gold):
                if gi not in matched_g:
                    start, end, surface = _event_anchor(g)
                    errors.append(_error("event.FN", doc_id, text, _event_gold_view(g), None, start, end, surface,
                                         reason=_event_reason(g, near[gi], translate)))
            for si, s in enumerate(syst):
                if si not in matched_s:
                    start, end, surface = _event_anchor(s)
                    errors.append(_error("event.FP", doc_id, text, None, _event_sys_view(s, translate), start, end,
                                         surface))
    metrics = {"n_gold": n_gold, "n_sys": n_sys}
    for name in variants:
        metrics[name] = prf(tps[name], n_sys - tps[name], n_gold - tps[name])
    metrics["class_acc"] = tps["class_ok"] / tps["class_n"] if tps["class_n"] else None
    metrics["class_n"] = tps["class_n"]
    n_unknown = sum(1 for evs in sys_docs.values() for e in evs if _norm(e.get("event_class")) == "unknown")
    n_all = sum(len(evs) for evs in sys_docs.values())
    metrics["unknown_share"] = n_unknown / n_all if n_all else None
    for role in ROLES:  # scored on matched events whose gold has the role annotated (None when no gold has it)
        block = prf(tps[f"{role}.tp"], tps[f"{role}.fp"], tps[f"{role}.fn"])
        metrics[role] = dict(block, n=tps[f"{role}.n"]) if tps[f"{role}.n"] else None
    return metrics, errors


ROLES = ("source", "target")


def _score_class_and_roles(g: dict, s: dict, translate: dict[str, str], tps: Counter) -> None:
    """Class agreement and source/target id overlap of one matched event pair (into tps)."""
    if _norm(g.get("event_class")):
        tps["class_n"] += 1
        tps["class_ok"] += _norm(g.get("event_class")) == _norm(s.get("event_class"))
    for role in ROLES:
        if role not in g:
            continue
        gold_ids = _ids(g.get(role))
        sys_ids = {translate.get(i, i) for i in _ids(s.get(role))}
        tps[f"{role}.n"] += 1
        tps[f"{role}.tp"] += len(gold_ids & sys_ids)
        tps[f"{role}.fp"] += len(sys_ids - gold_ids)
        tps[f"{role}.fn"] += len(gold_ids - sys_ids)


def _event_gold_view(e: dict) -> dict:
    view = _event_view(e)
    view["participants"] = sorted(event_participants(e, None, True))
    return view


def _event_sys_view(e: dict, translate: dict[str, str]) -> dict:
    view = _event_view(e)
    view["participants"] = sorted(event_participants(e, translate, "actors" in e))
    view["event_id"] = e.get("event_id")
    return view


# ---------------------------------------------------------------- one system


def score_system(gold: dict[str, dict], system: dict, texts: dict[str, str] | None = None) -> tuple[dict, list]:
    """All scores of one loaded system against loaded gold; (metrics, errors)."""
    texts = texts or {}
    gold_mentions = {d: g.get("mentions", []) for d, g in gold.items()}
    gold_timexes = {d: g.get("timexes", []) for d, g in gold.items()}
    # events are scored on the documents whose gold annotates events (a set may have none yet)
    gold_events = {d: g["events"] for d, g in gold.items() if "events" in g}
    mentions, m_err, alignment = score_mentions(gold_mentions, system["mentions"], texts)
    timexes, t_err = score_timexes(gold_timexes, system["timexes"], texts)
    events, e_err = score_events(gold_events, system["events"], id_translation(alignment), texts)
    # a system is not charged errors for a task it does not attempt (anchors answer one task each)
    errors = [e for task, errs in (("mentions", m_err), ("timexes", t_err), ("events", e_err))
              if task in system["tasks"] for e in errs]
    failed = sorted(d for d in gold if d in system["docs"] and system["docs"][d].get("status", "ok") != "ok")
    metrics = {
        "tasks": system["tasks"],
        "mentions": mentions,
        "timexes": timexes,
        "events": events,
        "n_docs_scored": len(gold),
        "missing_docs": sorted(set(gold) - system["present"]),
        "failed_docs": failed,
        "docs_without_gold": sorted(system["present"] - set(gold)),
        "error_summary": dict(sorted(Counter(e["category"] for e in errors).items())),
    }
    return metrics, errors


def _round(obj, digits: int = 4):
    if isinstance(obj, float):
        return round(obj, digits)
    if isinstance(obj, dict):
        return {k: _round(v, digits) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_round(v, digits) for v in obj]
    return obj


def _error_sort_key(e: dict) -> tuple:
    return (e["system"], e["doc_id"], e["start"], e["end"], e["category"], json.dumps(e, sort_keys=True,
                                                                                     ensure_ascii=False))


def default_systems(out_dir: Path) -> dict[str, Path]:
    """The systems `make eval` compares, those whose directory holds any output."""
    out_dir = Path(out_dir)
    candidates = {
        "pipeline": out_dir,
        "pipeline_no_kb": out_dir / "ablation" / "no_kb",
        "ginza_ene": out_dir / "anchors" / "ginza_ene",
        "ja_timex": out_dir / "anchors" / "ja_timex",
    }
    return {name: path for name, path in candidates.items()
            if any((path / f).is_file() for f in ("documents.jsonl", *RECORD_FILES.values()))}


def gold_text_mismatches(gold: dict[str, dict], texts: dict[str, str]) -> list[str]:
    """Gold documents whose text_sha256 does not fit the corpus text (stale gold or changed document)."""
    import hashlib

    bad = []
    for doc_id, g in sorted(gold.items()):
        text = texts.get(doc_id)
        want = g.get("text_sha256")
        if text is None or (want and hashlib.sha256(text.encode("utf-8")).hexdigest() != want):
            bad.append(doc_id)
    return bad


def run_eval(gold_dir: Path, out_dir: Path, corpus_dir: Path | None = None,
             systems: dict[str, Path] | None = None) -> dict:
    """Score every system against the gold; write OUT/metrics.json and OUT/eval_errors.jsonl; return metrics."""
    out_dir = Path(out_dir)
    systems = default_systems(out_dir) if systems is None else {k: Path(v) for k, v in systems.items()}
    gold = load_gold(Path(gold_dir))
    texts = load_texts(Path(corpus_dir) if corpus_dir else None, gold)
    results: dict = {}
    all_errors: list[dict] = []
    for name in sorted(systems):
        metrics, errors = score_system(gold, load_system(systems[name]), texts)
        metrics["path"] = systems[name].as_posix()
        results[name] = metrics
        all_errors += [{**e, "system": name} for e in errors]
    all_errors.sort(key=_error_sort_key)
    report = _round({
        "gold_dir": Path(gold_dir).as_posix(),
        "gold_docs": sorted(gold),
        "gold_text_mismatch": gold_text_mismatches(gold, texts) if corpus_dir else [],
        "systems": results,
        "system_order": [n for n in ("pipeline", "pipeline_no_kb", "ginza_ene", "ja_timex") if n in results]
        + sorted(n for n in results if n not in ("pipeline", "pipeline_no_kb", "ginza_ene", "ja_timex")),
        "errors_file": "eval_errors.jsonl",
    })
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "metrics.json").write_text(json.dumps(report, ensure_ascii=False, sort_keys=True, indent=2) + "\n",
                                          encoding="utf-8")
    with (out_dir / "eval_errors.jsonl").open("w", encoding="utf-8") as fh:
        for err in all_errors:
            fh.write(json.dumps(err, ensure_ascii=False, sort_keys=True) + "\n")
    return report


# ---------------------------------------------------------------- table


def _pct(x) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def _prf_cell(block: dict) -> str:
    return "/".join(_pct(block.get(k)) for k in ("p", "r", "f1"))


def _rows() -> list[tuple[str, str, Callable[[dict], str]]]:
    rows: list[tuple[str, str, Callable[[dict], str]]] = []
    for label in (*scored_labels(), "ALL"):
        rows.append((f"{label} strict P/R/F1", "mentions", lambda m, lab=label: _prf_cell(m["mentions"][lab]["strict"])))
        rows.append((f"{label} relaxed P/R/F1", "mentions",
                     lambda m, lab=label: _prf_cell(m["mentions"][lab]["relaxed"])))
        rows.append((f"{label} canonical pair-F1/acc", "mentions",
                     lambda m, lab=label: _pct(m["mentions"][lab]["canonical"]["pair_f1"]) + "/"
                     + _pct(m["mentions"][lab]["canonical"]["majority_acc"])))
    rows += [
        ("TIMEX strict P/R/F1", "timexes", lambda m: _prf_cell(m["timexes"]["strict"])),
        ("TIMEX relaxed P/R/F1", "timexes", lambda m: _prf_cell(m["timexes"]["relaxed"])),
        ("TIMEX value acc", "timexes", lambda m: _pct(m["timexes"]["value_acc"])),
        ("TIMEX value F1", "timexes", lambda m: _pct(m["timexes"]["value_f1"])),
        ("TIMEX wrong_year (count)", "timexes", lambda m: str(m["timexes"].get("wrong_year", "n/a"))),
        ("TIMEX type/mod acc", "timexes", lambda m: _pct(m["timexes"]["type_acc"]) + "/"
         + _pct(m["timexes"]["mod_acc"])),
        ("EVENT P/R/F1", "events", lambda m: _prf_cell(m["events"]["full"])),
        ("EVENT date-only P/R/F1", "events", lambda m: _prf_cell(m["events"]["date_only"])),
        ("EVENT participants-only P/R/F1", "events", lambda m: _prf_cell(m["events"]["participants_only"])),
        ("EVENT class acc (matched)", "events", lambda m: _pct(m["events"].get("class_acc"))),
        ("EVENT unknown share", "events", lambda m: _pct(m["events"].get("unknown_share"))),
        ("EVENT source P/R/F1", "events",
         lambda m: _prf_cell(m["events"]["source"]) if m["events"].get("source") else "no gold roles"),
        ("EVENT target P/R/F1", "events",
         lambda m: _prf_cell(m["events"]["target"]) if m["events"].get("target") else "no gold roles"),
        ("docs missing/failed", "", lambda m: f"{len(m['missing_docs'])}/{len(m['failed_docs'])}"),
    ]
    return rows


def format_table(report: dict) -> str:
    """Systems as columns, metrics as rows (percentages); n/a where a system does not produce that task."""
    names = report["system_order"]
    if not names:
        return "no system outputs found\n"
    header = ["metric (%)"] + names
    lines = [header]
    for title, task, getter in _rows():
        row = [title]
        for name in names:
            m = report["systems"][name]
            row.append("n/a" if task and task not in m["tasks"] else getter(m))
        lines.append(row)
    widths = [max(len(r[i]) for r in lines) for i in range(len(header))]
    out = []
    for i, row in enumerate(lines):
        out.append("  ".join(cell.ljust(widths[j]) if j == 0 else cell.rjust(widths[j]) for j, cell in enumerate(row)))
        if i == 0:
            out.append("  ".join("-" * w for w in widths))
    gold_docs = report["gold_docs"]
    out.append(f"gold documents: {len(gold_docs)}")
    if report.get("gold_text_mismatch"):
        out.append(f"WARNING gold text_sha256 does not fit the corpus for: {', '.join(report['gold_text_mismatch'])}")
    return "\n".join(out) + "\n"


def format_error_summary(report: dict) -> str:
    lines = ["errors by category (details in eval_errors.jsonl):"]
    for name in report["system_order"]:
        summary = report["systems"][name]["error_summary"]
        cells = ", ".join(f"{k}={v}" for k, v in summary.items()) or "none"
        lines.append(f"  {name}: {cells}")
        extra = report["systems"][name]["docs_without_gold"]
        if extra:
            lines.append(f"    not scored (no gold): {', '.join(extra)}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- entry points


def main(gold_dir, out_dir, corpus_dir, refresh_anchors: bool = True, stream=None) -> dict:
    """`make eval`: refresh stale anchors, score every available system, print the table."""
    stream = stream or sys.stdout
    if refresh_anchors and corpus_dir is not None and Path(corpus_dir).is_dir():
        from pipeline import anchors

        stale = anchors.stale_anchors(Path(corpus_dir), Path(out_dir))
        if stale:
            print(f"running anchors: {', '.join(stale)}", file=stream)
            anchors.run_anchors(Path(corpus_dir), Path(out_dir), names=stale)
    report = run_eval(Path(gold_dir), Path(out_dir), Path(corpus_dir) if corpus_dir else None)
    if not report["gold_docs"]:
        print(f"no gold documents in {gold_dir}: nothing to score", file=stream)
    stream.write(format_table(report))
    stream.write(format_error_summary(report))
    print(f"wrote {Path(out_dir) / 'metrics.json'} and {Path(out_dir) / 'eval_errors.jsonl'}", file=stream)
    return report


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default="corpus/gold")
    parser.add_argument("--out", default="outputs")
    parser.add_argument("--corpus", default="corpus/raw")
    parser.add_argument("--no-anchors", action="store_true", help="do not (re)run the anchors")
    args = parser.parse_args(argv)
    main(args.gold, args.out, args.corpus, refresh_anchors=not args.no_anchors)
    return 0


if __name__ == "__main__":
    raise SystemExit(cli())
