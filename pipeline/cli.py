"""Command line: a thin layer over pipeline.runner, pipeline.evaluate and pipeline.report."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _os_message(exc: OSError, out: str) -> str:
    """One line for an OSError that ended the run (OUT unwritable, disk full, …)."""
    import errno

    where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
    if exc.errno == errno.ENOSPC:
        return f"no space left on the device while writing {out}{where}; the previous outputs are intact"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write to {out}: {exc.strerror}{where}"
    return f"{exc.strerror or exc}{where}"


def cmd_run(args) -> int:
    from pipeline.outset import OutLocked
    from pipeline.runner import run_corpus
    from pipeline.user_kb import KBError

    try:
        result = run_corpus(Path(args.corpus), Path(args.out), use_kb=not args.no_kb, workers=args.workers,
                            engine=args.engine, scheduler=args.scheduler, allow_empty=args.allow_empty,
                            kb=Path(args.kb) if args.kb and not args.no_kb else None)
    except (FileNotFoundError, NotADirectoryError, OutLocked, KBError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {_os_message(exc, args.out)}", file=sys.stderr)
        return 2
    print(f"{result.n_documents} documents: {len(result.processed)} processed, {len(result.reused)} unchanged, "
          f"{len(result.failed)} failed" + (f", {len(result.skipped)} other files skipped" if result.skipped else "")
          + f" → {args.out}")
    for path, reason in result.failed:
        print(f"FAILED {path}: {reason}", file=sys.stderr)
    for path, reason in result.skipped:
        print(f"SKIPPED {path}: {reason}", file=sys.stderr)
    return 0 if result.ok else 1


def cmd_eval(args) -> int:
    from pipeline import evaluate

    evaluate.main(Path(args.gold), Path(args.out), Path(args.corpus))
    return 0


def cmd_report(args) -> int:
    from pipeline import report

    return report.main(Path(args.out), Path(args.corpus), Path(args.gold)) or 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline",
                                     description="Japanese-first extraction of people, ships, incidents, dates and "
                                                 "events with provenance.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="process a folder of .txt/.md files into CSV/JSONL outputs")
    run.add_argument("corpus", nargs="?", default="corpus/raw", help="folder of documents (recursive)")
    run.add_argument("--out", default="outputs", help="output folder (default: outputs)")
    run.add_argument("--no-kb", action="store_true", help="model and rules only, without the knowledge base")
    run.add_argument("--kb", default=None, metavar="FILE",
                     help="your own knowledge base (CSV or JSONL: id,label,name_ja,name_en,aliases,wikidata), "
                          "merged over the bundled one; your entry wins")
    run.add_argument("--workers", type=int, default=1, help="worker processes for the model (default: 1)")
    run.add_argument("--engine", choices=("local", "dask"), default="local", help="where per-document work runs")
    run.add_argument("--scheduler", default=None, help="address of an existing Dask scheduler (engine dask)")
    run.add_argument("--allow-empty", action="store_true",
                     help="with no input files, write empty outputs (default: keep earlier outputs, exit 2)")
    run.set_defaults(func=cmd_run)
    ev = sub.add_parser("eval", help="score outputs against a gold folder; writes OUT/metrics.json")
    ev.add_argument("--gold", default="corpus/gold")
    ev.add_argument("--out", default="outputs")
    ev.add_argument("--corpus", default="corpus/raw")
    ev.set_defaults(func=cmd_eval)
    rep = sub.add_parser("report", help="write OUT/report/index.html with highlighted documents")
    rep.add_argument("--out", default="outputs")
    rep.add_argument("--corpus", default="corpus/raw")
    rep.add_argument("--gold", default="corpus/gold")
    rep.set_defaults(func=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
