"""The two evaluation steps as `python -m pipeline` runs them.

- `pipeline baselines CORPUS --out OUT` (`make baselines`): runs the baseline systems that are
  missing or stale (made from another corpus content or code version) into OUT/baselines/<name>/.
- `pipeline eval --gold DIR --out OUT --corpus CORPUS` (`make eval`, after the baselines step):
  scores the pipeline, the no-KB ablation and the baselines' outputs found in OUT, and prints the
  table. It never runs a baseline: one that is missing or stale is left out of the scores, with a
  note naming the command that writes it.
"""
from __future__ import annotations

import shlex
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from pipeline.evaluation.baselines import BASELINES, run_baselines, stale_baselines
from pipeline.evaluation.score import default_systems, run_eval
from pipeline.evaluation.table import format_error_summary, format_table


def baselines_step(corpus_dir: Path, out_dir: Path, names: Iterable[str] = BASELINES,
                   stream: TextIO | None = None) -> list[str]:
    """Run the named baselines that are missing or stale; returns the names run."""
    stream = stream or sys.stdout
    wanted = set(names)
    names = [n for n in BASELINES if n in wanted]
    stale = stale_baselines(Path(corpus_dir), Path(out_dir), names)
    if stale:
        print(f"running baselines: {', '.join(stale)}", file=stream)
        run_baselines(Path(corpus_dir), Path(out_dir), stale)
    else:
        print(f"baselines up to date in {Path(out_dir) / 'baselines'}: {', '.join(names)}", file=stream)
    return stale


def baselines_command(corpus_dir: Path, out_dir: Path) -> str:
    """The command line that writes the baselines eval reads."""
    return f"python -m pipeline baselines {shlex.quote(str(corpus_dir))} --out {shlex.quote(str(out_dir))}"


def scored_systems(out_dir: Path, corpus_dir: Path | None, stream: TextIO) -> dict[str, Path]:
    """The systems with outputs in OUT, without the baselines that are missing or stale (each noted).

    Staleness needs the corpus: without its folder, the baselines found in OUT are scored as they are."""
    systems = default_systems(Path(out_dir))
    fresh_known = corpus_dir is not None and Path(corpus_dir).is_dir()
    stale = set(stale_baselines(Path(corpus_dir), Path(out_dir))) if fresh_known else set()
    missing = [n for n in BASELINES if n not in systems]
    outdated = [n for n in BASELINES if n in systems and n in stale]
    for name in outdated:
        del systems[name]
    how = baselines_command(corpus_dir or "CORPUS", out_dir)
    if missing:
        print(f"note: no baseline outputs for {', '.join(missing)} in {Path(out_dir) / 'baselines'} "
              f"(write them with `{how}` or `make baselines`); scored without them", file=stream)
    if outdated:
        print(f"note: the baseline outputs of {', '.join(outdated)} in {Path(out_dir) / 'baselines'} were made "
              f"from another corpus or code version (refresh them with `{how}` or `make baselines`); "
              "scored without them", file=stream)
    return systems


def eval_step(gold_dir: Path, out_dir: Path, corpus_dir: Path | None, stream: TextIO | None = None) -> dict:
    """Score every system with outputs in OUT, print the table; returns the metrics (as OUT/metrics.json)."""
    stream = stream or sys.stdout
    systems = scored_systems(Path(out_dir), Path(corpus_dir) if corpus_dir else None, stream)
    report = run_eval(Path(gold_dir), Path(out_dir), Path(corpus_dir) if corpus_dir else None, systems=systems)
    if not report["gold_docs"]:
        print(f"no gold documents in {gold_dir}: nothing to score", file=stream)
    stream.write(format_table(report))
    stream.write(format_error_summary(report))
    print(f"wrote {Path(out_dir) / 'metrics.json'} and {Path(out_dir) / 'eval_errors.jsonl'}", file=stream)
    return report
