"""Evaluation against gold: the baseline systems as their own step, and the scorer.

- baselines.py: the baseline systems (raw GiNZA ENE NER, ja-timex alone) → OUT/baselines/<name>/
- loading.py: a system's records, the gold folder, the corpus texts
- alignment.py, error_records.py: matching primitives, the records of OUT/eval_errors.jsonl
- mention_scores.py, timex_scores.py, event_scores.py: the scores per record kind
- score.py: every system against the gold → OUT/metrics.json, OUT/eval_errors.jsonl
- table.py: the printed comparison table
- command.py: the `pipeline baselines` and `pipeline eval` steps
"""
