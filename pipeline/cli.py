"""Command line: a thin layer over pipeline.runner, pipeline.evaluation (the baselines and eval
steps) and pipeline.review (the report, the annotation round-trip). Messages go through the
standard logging module (logger "pipeline"): `-v` adds debug detail, `-q` keeps only warnings and errors. Errors the user can fix are one line
(`error: …`) and exit 2; Ctrl-C exits 130 with a line saying how to go on."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from pipeline import version
from pipeline.config import ENGINES

log = logging.getLogger("pipeline")


def _os_message(exc: OSError, out: str) -> str:
    """One line for an OSError that ended the run (OUT unwritable, disk full, …)."""
    import errno

    where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
    if exc.errno == errno.ENOSPC:
        return f"no space left on the device while writing {out}{where}; the previous outputs are intact"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write to {out}: {exc.strerror}{where}"
    return f"{exc.strerror or exc}{where}"


def _error(message: str) -> int:
    """A one-line message the user can act on, on stderr; the exit status of such errors."""
    print(f"error: {message}", file=sys.stderr)
    return 2


def run_config(args) -> dict:
    """The run options as overrides of the entity components' config (pipeline.config.ENTITY_CONFIG)."""
    if args.no_kb:
        return {"use_kb": False}
    return {"user_kb_path": args.kb} if args.kb else {}


def cmd_run(args) -> int:
    from pipeline.runner import Interrupted, run_corpus
    from pipeline.storage.outset import OutLocked
    from pipeline.user_kb import KBError

    if os.environ.get("PIPELINE_KB"):
        print("warning: PIPELINE_KB is no longer read; give your knowledge base with --kb FILE (make run KB=FILE)",
              file=sys.stderr)
    try:
        result = run_corpus(Path(args.corpus), Path(args.out), run_config(args), workers=args.workers,
                            engine=args.engine, scheduler=args.scheduler, allow_empty=args.allow_empty,
                            progress_every=args.progress_every, excel=args.excel)
    except (FileNotFoundError, NotADirectoryError, OutLocked, KBError) as exc:
        return _error(str(exc))
    except OSError as exc:
        return _error(_os_message(exc, args.out))
    except Interrupted as exc:
        print(f"interrupted: {exc.done} of {exc.total} documents are finished and kept; run the same command "
              "again to go on from there (outputs in OUT are still those of the last complete run)",
              file=sys.stderr)
        return 130
    if not args.quiet:
        print(f"{result.n_documents} documents: {len(result.processed)} processed, {len(result.reused)} unchanged, "
              f"{len(result.failed)} failed"
              + (f", {len(result.skipped)} other files skipped" if result.skipped else "") + f" → {args.out}")
    for path, reason in result.failed:
        print(f"FAILED {path}: {reason}", file=sys.stderr)
    for path, reason in result.skipped:
        print(f"SKIPPED {path}: {reason}", file=sys.stderr)
    return 0 if result.ok else 1


def cmd_baselines(args) -> int:
    from pipeline.evaluation.baselines import BASELINES
    from pipeline.evaluation.command import baselines_step

    if not Path(args.corpus).is_dir():
        return _error(f"corpus folder not found: {args.corpus}")
    try:
        baselines_step(Path(args.corpus), Path(args.out), args.only or BASELINES)
    except OSError as exc:
        return _error(_os_message(exc, args.out))
    return 0


def cmd_eval(args) -> int:
    from pipeline.evaluation.command import eval_step

    if not Path(args.gold).is_dir():
        return _error(f"gold folder not found: {args.gold}")
    report = eval_step(Path(args.gold), Path(args.out), Path(args.corpus))
    gold, mismatched = report["gold_docs"], report["gold_text_mismatch"]
    if not gold:
        return _error(f"no gold documents (*.json) in {args.gold}")
    if len(mismatched) == len(gold):
        return _error(f"none of the {len(gold)} gold documents of {args.gold} matches a document of {args.corpus} "
                      "(same doc_id and text); the scores above are meaningless")
    if mismatched:
        log.warning("warning: %d gold documents have no matching text in %s: %s", len(mismatched), args.corpus,
                    ", ".join(mismatched))
    return 0


def cmd_report(args) -> int:
    from pipeline.review import report

    return report.main(Path(args.out), Path(args.corpus), Path(args.gold)) or 0


def _verbosity() -> argparse.ArgumentParser:
    """-v / -q, accepted before or after the command name."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_mutually_exclusive_group()
    group.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                       help="more detail (one line per document, debug messages)")
    group.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                       help="only warnings and errors (no progress, no summary)")
    return common


def cmd_export_annotations(args) -> int:
    from pipeline.review.annotations import AnnotationError, export_annotations

    try:
        files = export_annotations(args.format, Path(args.out), Path(args.corpus), Path(args.to) if args.to else None,
                                   Path(args.gold) if args.gold else None)
    except (FileNotFoundError, AnnotationError) as exc:
        return _error(str(exc))
    except OSError as exc:
        return _error(_os_message(exc, args.to or args.out))
    for f in files:
        log.info("wrote %s", f)
    return 0


def cmd_import_annotations(args) -> int:
    from pipeline.review.annotations import AnnotationError, import_annotations

    try:
        files = import_annotations(Path(args.file), Path(args.gold), Path(args.corpus) if args.corpus else None)
    except FileNotFoundError as exc:
        return _error(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
    except AnnotationError as exc:
        print(f"error: {len(exc.problems)} problem(s) in {args.file}; nothing written:", file=sys.stderr)
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
        return 2
    except (ValueError, OSError) as exc:
        return _error(f"cannot read {args.file}: {exc}")
    log.info("wrote %d gold documents to %s (score with: make eval GOLD=%s)", len(files), args.gold, args.gold)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from pipeline.evaluation.baselines import BASELINES

    common = _verbosity()
    parser = argparse.ArgumentParser(prog="python -m pipeline", parents=[common],
                                     description="Japanese-first extraction of people, ships, incidents, dates and "
                                                 "events with provenance.")
    parser.add_argument("--version", action="version", version=f"pipeline {version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_parser = sub.add_parser

    def add_parser(name, **kw):
        return _add_parser(name, parents=[common], **kw)

    sub.add_parser = add_parser
    run = sub.add_parser("run", help="process a folder of .txt/.md files into CSV/JSONL/Parquet/DuckDB outputs "
                         "(and an Excel workbook with --excel)")
    run.add_argument("corpus", nargs="?", default="corpus/raw", help="folder of documents (recursive)")
    run.add_argument("--out", default="outputs", help="output folder (default: outputs)")
    run.add_argument("--no-kb", action="store_true", help="model and rules only, without the knowledge base")
    run.add_argument("--kb", default=None, metavar="FILE",
                     help="your own knowledge base (CSV or JSONL: id,label,name_ja,name_en,aliases,wikidata), "
                          "merged over the bundled one; your entry wins")
    run.add_argument("--workers", type=int, default=1, help="worker processes for the model (default: 1)")
    run.add_argument("--engine", choices=ENGINES, default="local", help="where per-document work runs")
    run.add_argument("--scheduler", default=None, help="address of an existing Dask scheduler (engine dask)")
    run.add_argument("--excel", action="store_true",
                     help="also write OUT/pipeline.xlsx: one sheet per record kind, Japanese shown correctly, "
                          "formula-like cells kept as text (the CSVs open in Excel too, but a cell that starts "
                          "with = is a formula there)")
    run.add_argument("--allow-empty", action="store_true",
                     help="with no input files, write empty outputs (default: keep earlier outputs, exit 2)")
    run.add_argument("--progress-every", type=int, default=10, metavar="N",
                     help="when stderr is not a terminal, a progress line every N documents (default: 10)")
    run.set_defaults(func=cmd_run)
    base = sub.add_parser("baselines", help="run the baseline systems (raw GiNZA NER, ja-timex alone) over a "
                                            "folder into OUT/baselines/, for eval to score beside the pipeline")
    base.add_argument("corpus", nargs="?", default="corpus/raw", help="folder of documents (recursive)")
    base.add_argument("--out", default="outputs", help="output folder (default: outputs)")
    base.add_argument("--only", action="append", choices=BASELINES, metavar="NAME",
                      help=f"run only this baseline (repeatable: {', '.join(BASELINES)})")
    base.set_defaults(func=cmd_baselines)
    ev = sub.add_parser("eval", help="score outputs (and the baselines' outputs) against a gold folder; "
                                     "writes OUT/metrics.json")
    ev.add_argument("--gold", default="corpus/gold")
    ev.add_argument("--out", default="outputs")
    ev.add_argument("--corpus", default="corpus/raw")
    ev.set_defaults(func=cmd_eval)
    rep = sub.add_parser("report", help="write OUT/report/index.html with highlighted documents")
    rep.add_argument("--out", default="outputs")
    rep.add_argument("--corpus", default="corpus/raw")
    rep.add_argument("--gold", default="corpus/gold")
    rep.set_defaults(func=cmd_report)
    exp = sub.add_parser("export-annotations",
                         help="pre-annotated tasks for Label Studio or doccano (or a spaCy DocBin) from OUT")
    exp.add_argument("--format", required=True, choices=("label-studio", "doccano", "spacy"))
    exp.add_argument("out", nargs="?", default="outputs", help="the run's output folder (default: outputs)")
    exp.add_argument("--corpus", default="corpus/raw", help="the corpus the run read (for the texts)")
    exp.add_argument("--gold", default=None, help="export this gold folder instead of the run's outputs")
    exp.add_argument("--to", default=None, help="file to write (default: OUT/annotations/…)")
    exp.set_defaults(func=cmd_export_annotations)
    imp = sub.add_parser("import-annotations", help="a Label Studio / doccano export back to gold JSON")
    imp.add_argument("file", help="the tool's export: Label Studio JSON or doccano JSONL")
    imp.add_argument("--gold", required=True, help="folder for the gold files (<doc_id>.json)")
    imp.add_argument("--corpus", default=None, help="check every text against this corpus's documents")
    imp.set_defaults(func=cmd_import_annotations)
    return parser


class _Stderr(logging.StreamHandler):
    """Writes to whatever sys.stderr is when a message comes (not the stream of the first call)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


def setup_logging(verbose: bool = False, quiet: bool = False) -> None:
    level = logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO
    handler = _Stderr()
    handler.setFormatter(logging.Formatter("%(message)s" if not verbose else "%(levelname)s %(name)s: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.verbose = getattr(args, "verbose", False)
    args.quiet = getattr(args, "quiet", False)
    setup_logging(args.verbose, args.quiet)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `python -m pipeline … | head`
        return 0
