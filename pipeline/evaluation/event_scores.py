"""Event scores: events match when their sentences overlap and, in the full variant, their dates agree
and their participants share an id; the class and the source/target roles are scored on matched pairs."""
from __future__ import annotations

from collections import Counter, defaultdict

from pipeline.evaluation.alignment import greedy_pairs, norm, overlapping_pairs, prf
from pipeline.evaluation.error_records import error_record
from pipeline.records import event_columns

ROLES = ("source", "target")


def _ids(values) -> set[str]:
    if values is None:
        return set()
    if isinstance(values, str):  # tolerate "|"-joined CSV-style lists
        values = values.split("|")
    return {norm(v) for v in values if norm(v)}


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
            "trigger_end": e.get("trigger_end"), "date_value": norm(e.get("date_value")),
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
        if use_date and norm(g.get("date_value")) != norm(s.get("date_value")):
            continue
        if use_participants:
            actors = "actors" in s
            gp = event_participants(g, None, actors)
            sp = event_participants(s, translate, actors)
            if (gp or sp) and not gp & sp:
                continue
        dist = abs(_int(g.get("trigger_start")) - _int(s.get("trigger_start")))
        candidates.append((-ov, dist, gi, si))
    return greedy_pairs(candidates)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _event_error_span(e: dict) -> tuple[int, int, str]:
    if e.get("trigger_start") not in (None, "") and e.get("trigger_end") not in (None, ""):
        return int(e["trigger_start"]), int(e["trigger_end"]), norm(e.get("trigger"))
    return int(e["sent_start"]), int(e["sent_end"]), norm(e.get("sentence"))[:60]


def _event_reason(g: dict, same_sent: list[dict], translate: dict[str, str]) -> str:
    """Why a gold event found no full match, judged on the system events of overlapping sentences."""
    if not same_sent:
        return "no system event in the sentence"
    reasons = []
    for s in same_sent:
        why = []
        if norm(g.get("date_value")) != norm(s.get("date_value")):
            why.append(f"date {norm(g.get('date_value'))!r} vs {norm(s.get('date_value'))!r}")
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
                                                                norm(e.get("event_id"))))
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
                    start, end, surface = _event_error_span(g)
                    errors.append(error_record("event.FN", doc_id, text, _event_gold_view(g), None, start, end, surface,
                                         reason=_event_reason(g, near[gi], translate)))
            for si, s in enumerate(syst):
                if si not in matched_s:
                    start, end, surface = _event_error_span(s)
                    errors.append(error_record("event.FP", doc_id, text, None, _event_sys_view(s, translate), start, end,
                                         surface))
    metrics = {"n_gold": n_gold, "n_sys": n_sys}
    for name in variants:
        metrics[name] = prf(tps[name], n_sys - tps[name], n_gold - tps[name])
    metrics["class_acc"] = tps["class_ok"] / tps["class_n"] if tps["class_n"] else None
    metrics["class_n"] = tps["class_n"]
    n_unknown = sum(1 for evs in sys_docs.values() for e in evs if norm(e.get("event_class")) == "unknown")
    n_all = sum(len(evs) for evs in sys_docs.values())
    metrics["unknown_share"] = n_unknown / n_all if n_all else None
    for role in ROLES:  # scored on matched events whose gold has the role annotated (None when no gold has it)
        block = prf(tps[f"{role}.tp"], tps[f"{role}.fp"], tps[f"{role}.fn"])
        metrics[role] = dict(block, n=tps[f"{role}.n"]) if tps[f"{role}.n"] else None
    return metrics, errors

def _score_class_and_roles(g: dict, s: dict, translate: dict[str, str], tps: Counter) -> None:
    """Class agreement and source/target id overlap of one matched event pair (into tps)."""
    if norm(g.get("event_class")):
        tps["class_n"] += 1
        tps["class_ok"] += norm(g.get("event_class")) == norm(s.get("event_class"))
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


