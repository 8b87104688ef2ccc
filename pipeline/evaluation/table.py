"""The comparison table printed by `make eval`: systems as columns, metrics as rows."""
from __future__ import annotations

from collections.abc import Callable

from pipeline.records import scored_labels


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

