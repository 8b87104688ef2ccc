"""Timex scores, TempEval-3 style: strict/relaxed extent F1, value/type/mod accuracy over relaxed matches."""
from __future__ import annotations

import re
from collections import Counter

from pipeline.evaluation.alignment import align_spans, norm, prf, span_key
from pipeline.evaluation.error_records import error_record


def _timex_view(t: dict) -> dict:
    return {"start": int(t["start"]), "end": int(t["end"]), "text": t.get("text"), "type": norm(t.get("type")),
            "value": norm(t.get("value")), "mod": norm(t.get("mod"))}


def score_timexes(gold_docs: dict[str, list[dict]], sys_docs: dict[str, list[dict]],
                  texts: dict[str, str] | None = None) -> tuple[dict, list[dict]]:
    """TempEval-3 style: strict/relaxed extent F1; value/type/mod accuracy over relaxed matches."""
    texts = texts or {}
    c = Counter()
    errors: list[dict] = []
    for doc_id in sorted(gold_docs):
        text = texts.get(doc_id)
        gold = sorted((_timex_view(t) for t in gold_docs[doc_id]), key=span_key)
        syst = sorted((_timex_view(t) for t in sys_docs.get(doc_id, [])), key=span_key)
        strict = align_spans(gold, syst, strict=True)
        relaxed = align_spans(gold, syst, strict=False)
        c["n_gold"] += len(gold)
        c["n_sys"] += len(syst)
        c["strict_tp"] += len(strict)
        c["relaxed_tp"] += len(relaxed)
        for gi, si in relaxed:
            g, s = gold[gi], syst[si]
            if (g["start"], g["end"]) != (s["start"], s["end"]):
                errors.append(error_record("timex.boundary", doc_id, text, g, s, g["start"], g["end"], g["text"]))
            for attr in ("value", "type", "mod"):
                if g[attr] == s[attr]:
                    c[f"{attr}_ok"] += 1
                else:
                    errors.append(error_record(f"timex.{attr}", doc_id, text, g, s, g["start"], g["end"], g["text"]))
            if wrong_year(g["value"], s["value"]):
                c["wrong_year"] += 1
                errors.append(error_record("timex.wrong_year", doc_id, text, g, s, g["start"], g["end"], g["text"]))
        matched_g = {gi for gi, _ in relaxed}
        matched_s = {si for _, si in relaxed}
        errors += [error_record("timex.FN", doc_id, text, g, None, g["start"], g["end"], g["text"])
                   for gi, g in enumerate(gold) if gi not in matched_g]
        errors += [error_record("timex.FP", doc_id, text, None, s, s["start"], s["end"], s["text"])
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

