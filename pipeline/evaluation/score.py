"""Score systems' outputs against gold (corpus/gold/<doc_id>.json), side by side.

Scoring follows the annotation guidelines: per-label strict/relaxed P/R/F1 for
mentions, canonical-id agreement on matched pairs, TempEval-3 style timex
scores, and event matching (one module per record kind). `run_eval` reads the
files and writes OUT/metrics.json and OUT/eval_errors.jsonl; it only reads the
baselines' outputs (`python -m pipeline baselines` writes them).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pipeline.evaluation.baselines import BASELINES, baseline_dir
from pipeline.evaluation.error_records import error_sort_key
from pipeline.evaluation.event_scores import score_events
from pipeline.evaluation.loading import RECORD_FILES, gold_text_mismatches, load_gold, load_system, load_texts
from pipeline.evaluation.mention_scores import id_translation, score_mentions
from pipeline.evaluation.timex_scores import score_timexes

SYSTEM_ORDER = ("pipeline", "pipeline_no_kb", *BASELINES)  # the table's columns; other systems follow by name


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
    # a system is not charged errors for a task it does not attempt (baselines answer one task each)
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


def default_systems(out_dir: Path) -> dict[str, Path]:
    """The systems `make eval` compares, those whose directory holds any output."""
    out_dir = Path(out_dir)
    candidates = {
        "pipeline": out_dir,
        "pipeline_no_kb": out_dir / "ablation" / "no_kb",
        **{name: baseline_dir(out_dir, name) for name in BASELINES},
    }
    return {name: path for name, path in candidates.items()
            if any((path / f).is_file() for f in ("documents.jsonl", *RECORD_FILES.values()))}


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
    all_errors.sort(key=error_sort_key)
    report = _round({
        "gold_dir": Path(gold_dir).as_posix(),
        "gold_docs": sorted(gold),
        "gold_text_mismatch": gold_text_mismatches(gold, texts) if corpus_dir else [],
        "systems": results,
        "system_order": [n for n in SYSTEM_ORDER if n in results] + sorted(n for n in results if n not in SYSTEM_ORDER),
        "errors_file": "eval_errors.jsonl",
    })
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "metrics.json").write_text(json.dumps(report, ensure_ascii=False, sort_keys=True, indent=2) + "\n",
                                          encoding="utf-8")
    with (out_dir / "eval_errors.jsonl").open("w", encoding="utf-8") as fh:
        for err in all_errors:
            fh.write(json.dumps(err, ensure_ascii=False, sort_keys=True) + "\n")
    return report


