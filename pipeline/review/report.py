"""HTML report: OUT/report/index.html and one page per document with the
original text, system mentions/timexes/triggers highlighted, and, where a
gold file for the document exists (and matches its text), missed gold spans
and spurious system spans marked.

Self-contained pages (inline CSS, no scripts, no network), byte-identical
for identical inputs. Hover text (title attributes) carries the label,
canonical id, names, TIMEX3 value and mod.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from pipeline.records import ANNOTATED_KINDS, TIMEX_TYPES, emitted_labels, label_columns, scored_labels
from pipeline.storage.loader import read_records
from pipeline.storage.writers import write_atomic

ASSETS = Path(__file__).resolve().parent / "report_assets"
# nesting order for spans with the same extent: gold outline outermost, trigger innermost
_LAYER = {"g": 0, "m": 1, "t": 2, "trig": 3}


@dataclass
class Span:
    start: int
    end: int
    kind: str  # m (mention), t (timex), g (missed gold), trig (event trigger)
    classes: list[str]
    title: str
    html_id: str = ""  # the id attribute of its first piece (the #fragment that links to it)
    data: dict = field(default_factory=dict)

    def open_tag(self, first: bool) -> str:
        attrs = [f'class="{" ".join([self.kind, *self.classes])}"', f'title="{esc(self.title)}"']
        if first and self.html_id:
            attrs.insert(0, f'id="{esc(self.html_id)}"')
        attrs += [f'data-{k}="{esc(v)}"' for k, v in self.data.items()]
        return f"<span {' '.join(attrs)}>"


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def css() -> str:
    return (ASSETS / "report.css").read_text(encoding="utf-8")


def label_class(label: str) -> str:
    cls = f"l-{label}" if label in emitted_labels() else "l-other"
    return cls if label in scored_labels() else cls + " minor"


def page_name(doc_id: str) -> str:
    """A flat, safe file name per doc_id (hash suffix when characters were replaced)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id).strip("._") or "doc"
    if len(safe) > 200:  # file names stop at 255 bytes
        safe = safe[:200]
    if safe != doc_id:
        safe += "-" + hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8]
    return safe + ".html"


def render_text(text: str, spans: list[Span]) -> str:
    """Escaped text with spans as properly nested <span>s: a span that crosses
    another is closed and reopened around it (the pieces share class/title)."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    opens: dict[int, list[Span]] = defaultdict(list)
    for s in spans:
        opens[s.start].append(s)
    for group in opens.values():
        group.sort(key=lambda s: (-s.end, _LAYER[s.kind], s.title))
    bounds = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    out: list[str] = []
    stack: list[Span] = []
    pos = 0
    for b in bounds:
        out.append(html.escape(text[pos:b], quote=False))
        pos = b
        if any(s.end == b for s in stack):
            reopen = []
            while any(s.end == b for s in stack):
                s = stack.pop()
                out.append("</span>")
                if s.end != b:
                    reopen.append(s)
            for s in reversed(reopen):
                out.append(s.open_tag(first=False))
                stack.append(s)
        for s in opens.get(b, ()):
            out.append(s.open_tag(first=True))
            stack.append(s)
    out.append(html.escape(text[pos:], quote=False))
    out.extend("</span>" for _ in stack)
    return "".join(out)


# --- gold -----------------------------------------------------------------------

def load_gold(gold_dir: Path | None, doc_id: str, text: str) -> tuple[dict | None, str]:
    """(gold, note): the gold annotation when it exists and was made on this text."""
    if gold_dir is None:
        return None, ""
    path = Path(gold_dir) / f"{doc_id}.json"
    if not path.is_file():
        return None, ""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return None, f"gold file unreadable: {exc}"
    want = gold.get("text_sha256")
    if want and want != hashlib.sha256(text.encode("utf-8")).hexdigest():
        return None, "gold file was made on a different text; not compared"
    return gold, ""


def compare(mentions: list[dict], timexes: list[dict], gold: dict) -> dict:
    """Exact-span comparison (label for mentions): spurious system ids, missed gold
    items, and matched pairs whose canonical id / value differ."""
    g_ment = {(g["start"], g["end"], g["label"]): g for g in gold.get("mentions", [])
              if g.get("label") in scored_labels()}
    g_tx = {(g["start"], g["end"]): g for g in gold.get("timexes", [])}
    s_ment = {(m["start"], m["end"], m["label"]) for m in mentions}
    s_tx = {(t["start"], t["end"]) for t in timexes}
    res = {"spurious": set(), "mismatch": {}, "missed_mentions": [], "missed_timexes": []}
    for m in mentions:
        if m["label"] not in scored_labels():
            continue
        g = g_ment.get((m["start"], m["end"], m["label"]))
        if g is None:
            res["spurious"].add(m["mention_id"])
        elif g.get("canonical_id") and g["canonical_id"] != (m.get("canonical_id") or ""):
            res["mismatch"][m["mention_id"]] = f"gold id {g['canonical_id']}"
    for t in timexes:
        g = g_tx.get((t["start"], t["end"]))
        if g is None:
            res["spurious"].add(t["timex_id"])
        elif g.get("value") != t["value"] or (g.get("mod") or "") != (t.get("mod") or ""):
            res["mismatch"][t["timex_id"]] = f"gold {g.get('value')}" + (f" mod {g['mod']}" if g.get("mod") else "")
    res["missed_mentions"] = [g for k, g in sorted(g_ment.items()) if k not in s_ment]
    res["missed_timexes"] = [g for k, g in sorted(g_tx.items()) if k not in s_tx]
    return res


# --- spans ----------------------------------------------------------------------

def mention_title(m: dict) -> str:
    parts = [m["label"]]
    if m.get("canonical_id"):
        parts.append(m["canonical_id"])
    names = " / ".join(n for n in (m.get("name_ja"), m.get("name_en")) if n)
    if names:
        parts.append(names)
    parts.append(f"{m.get('source', '')} {m.get('confidence', '')}".strip())
    return " · ".join(p for p in parts if p)


def timex_title(t: dict) -> str:
    parts = [t["type"], t["value"]]
    if t.get("mod"):
        parts.append(f"mod {t['mod']}")
    if t.get("earliest") or t.get("latest"):
        parts.append(f"{t.get('earliest', '')}…{t.get('latest', '')}")
    return " · ".join(parts)


def doc_spans(mentions, timexes, events, cmp: dict | None) -> list[Span]:
    spurious = cmp["spurious"] if cmp else set()
    mismatch = cmp["mismatch"] if cmp else {}

    def marks(rid: str, title: str) -> tuple[list[str], str]:
        cls, extra = [], ""
        if rid in spurious:
            cls.append("spurious")
            extra = " · SPURIOUS (not in gold)"
        elif rid in mismatch:
            cls.append("mismatch")
            extra = f" · MISMATCH ({mismatch[rid]})"
        return cls, title + extra

    spans = []
    for m in mentions:
        cls, title = marks(m["mention_id"], mention_title(m))
        spans.append(Span(m["start"], m["end"], "m", [label_class(m["label"]), *cls], title,
                          html_id=m["mention_id"].rsplit("#", 1)[-1], data={"label": m["label"]}))
    for t in timexes:
        cls, title = marks(t["timex_id"], timex_title(t))
        ttype = t["type"] if t["type"] in TIMEX_TYPES else "DATE"
        spans.append(Span(t["start"], t["end"], "t", [f"x-{ttype}", *cls], title,
                          html_id=t["timex_id"].rsplit("#", 1)[-1], data={"type": t["type"]}))
    for e in events:
        title = " · ".join(x for x in (f"event {e['event_id'].rsplit('#', 1)[-1]}", e.get("event_class"),
                                       e.get("date_value"), e.get("trigger")) if x)
        spans.append(Span(e["trigger_start"], e["trigger_end"], "trig", [], title,
                          html_id=e["event_id"].rsplit("#", 1)[-1]))
    if cmp:
        for g in cmp["missed_mentions"]:
            title = " · ".join(x for x in ("MISSED gold " + g["label"], g.get("canonical_id")) if x)
            spans.append(Span(g["start"], g["end"], "g", ["missed", label_class(g["label"])], title,
                              data={"label": g["label"]}))
        for g in cmp["missed_timexes"]:
            title = " · ".join(x for x in ("MISSED gold " + g.get("type", "TIMEX"), g.get("value"),
                                           f"mod {g['mod']}" if g.get("mod") else "") if x)
            spans.append(Span(g["start"], g["end"], "g", ["missed"], title, data={"type": g.get("type", "")}))
    return spans


# --- pages -----------------------------------------------------------------------

def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{esc(title)}</title>\n'
            f"<style>\n{css()}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def legend(labels: list[str], with_gold: bool) -> str:
    items = [f'<span class="m {label_class(lab)}">{esc(lab)}</span>' for lab in labels]
    items += [f'<span class="t x-{t}">{t}</span>' for t in TIMEX_TYPES]
    items.append('<span class="trig">event trigger</span>')
    if with_gold:
        items += ['<span class="g missed">missed gold span</span>',
                  '<span class="m l-other spurious">spurious system span</span>',
                  '<span class="m l-other mismatch">matched span, different id/value</span>']
    return ('<div class="legend"><strong>Legend</strong> ' + " ".join(items) +
            ' <span class="note">hover a span for its value / canonical id / names</span></div>')


def _table(header: list[str], rows: list[list[str]], num_from: int = 99) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if i >= num_from else f"<td>{c}</td>"
                                    for i, c in enumerate(r)) + "</tr>\n" for r in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"


def document_page(doc: dict, text: str | None, mentions, timexes, events, gold_dir) -> tuple[str, dict]:
    """(html, summary) for one document."""
    doc_id = doc["doc_id"]
    summary = {"labels": Counter(m["label"] for m in mentions), "timexes": len(timexes), "events": len(events),
               "gold": None}
    parts = ['<p><a href="../index.html">← all documents</a></p>', f"<h1>{esc(doc_id)}</h1>",
             (f'<p class="note">{esc(doc.get("source_path", ""))} · {esc(doc.get("lang", ""))} · '
              f'{esc(doc.get("n_chars", ""))} characters · sha256 {esc(str(doc.get("sha256", ""))[:12])}</p>')]
    if doc.get("status") != "ok":
        parts.append(f'<p class="warn">Not processed: {esc(doc.get("error", ""))}</p>')
        return page(doc_id, "\n".join(parts)), summary
    if text is None:
        parts.append('<p class="warn">Source text unavailable or changed since the run; run the pipeline '
                     "again to refresh this page.</p>")
        return page(doc_id, "\n".join(parts)), summary
    gold, note = load_gold(gold_dir, doc_id, text)
    cmp = compare(mentions, timexes, gold) if gold else None
    if cmp:
        n_sys = sum(1 for m in mentions if m["label"] in scored_labels()) + len(timexes)
        summary["gold"] = {"missed": len(cmp["missed_mentions"]) + len(cmp["missed_timexes"]),
                           "spurious": len(cmp["spurious"]), "mismatch": len(cmp["mismatch"]), "system": n_sys}
        g = summary["gold"]
        parts.append(f'<p>Compared with gold (exact spans; mentions: {", ".join(scored_labels())}; all timexes): '
                     f'<strong>{g["missed"]}</strong> missed, <strong>{g["spurious"]}</strong> spurious, '
                     f'<strong>{g["mismatch"]}</strong> with a different id/value.</p>')
    elif note:
        parts.append(f'<p class="warn">{esc(note)}</p>')
    counts = ", ".join(f"{lab} {n}" for lab, n in sorted(summary["labels"].items()))
    parts.append(f"<p>{len(mentions)} mentions ({esc(counts)}), {len(timexes)} timexes, {len(events)} events.</p>")
    known = emitted_labels()
    labels = sorted(set(scored_labels()) | set(summary["labels"]), key=lambda x: (x not in known,
                                                                                  known.index(x) if x in known else 0, x))
    parts.append(legend(labels, cmp is not None))
    parts.append('<div class="doc">' + render_text(text, doc_spans(mentions, timexes, events, cmp)) + "</div>")
    if events:
        rows = []
        for e in events:
            event_ref = e["event_id"].rsplit("#", 1)[-1]
            rows.append([f'<a href="#{esc(event_ref)}">{esc(event_ref)}</a>', esc(e.get("date_value")),
                         esc(e.get("trigger")), esc(e.get("event_class")),
                         *(esc(", ".join(e.get(column) or [])) for column in label_columns("events")),
                         esc(", ".join(e.get("source") or [])),
                         esc(", ".join(e.get("target") or [])), esc(e.get("location") or "")])
        parts.append("<h2>Events</h2>")
        parts.append(_table(["event", "date", "trigger", "class", *label_columns("events"), "source",
                             "target", "location"], rows))
    return page(doc_id, "\n".join(parts)), summary


def index_page(rows: list[tuple[dict, str, dict]]) -> str:
    any_gold = any(s["gold"] for _, _, s in rows)
    header = ["document", "lang", "status", "chars", *scored_labels(), "other", "timexes", "events"]
    if any_gold:
        header += ["missed", "spurious"]
    body = []
    for doc, name, s in rows:
        link = f'<a href="docs/{quote(name)}">{esc(doc["doc_id"])}</a>'
        other = sum(n for lab, n in s["labels"].items() if lab not in scored_labels())
        row = [link, esc(doc.get("lang")), esc(doc.get("status")), esc(doc.get("n_chars")),
               *(str(s["labels"].get(lab, 0)) for lab in scored_labels()), str(other), str(s["timexes"]),
               str(s["events"])]
        if any_gold:
            row += [str(s["gold"]["missed"]), str(s["gold"]["spurious"])] if s["gold"] else ["–", "–"]
        body.append(row)
    total = len(rows)
    intro = (f"<h1>Pipeline report</h1>\n<p>{total} document{'s' if total != 1 else ''}. Each page shows the "
             "original text with the extracted mentions, timexes and event triggers highlighted"
             + ("; missed/spurious columns compare with the gold annotation (exact spans)." if any_gold else ".")
             + "</p>")
    return page("Pipeline report", intro + "\n" + _table(header, body, num_from=3))


def timeline_page(rows: list[dict], names: dict[str, str]) -> str:
    """OUT/report/timeline.html: the corpus timeline, one row per happening, each source linked to
    its event on its document's page, the conflicting dates with their provenance."""

    def link(doc_span_or_event: str, text: str) -> str:
        doc_id, _, rest = doc_span_or_event.partition("#")
        name = names.get(doc_id)
        return f'<a href="docs/{quote(name)}#{esc(rest)}">{esc(text)}</a>' if name else esc(text)

    body = []
    for r in rows:
        sources = " ".join(link(e, e.split("#", 1)[0] + " " + e.rsplit("#", 1)[-1]) for e in r.get("source_events") or [])
        conflicts = "<br>".join(esc(c) for c in r.get("conflicts") or [])
        who = ", ".join(i for column in label_columns("timeline") for i in r.get(column) or [])
        body.append([esc(r.get("date_value")), esc(r.get("label")), esc(r.get("event_class")), esc(who),
                     esc(" → ".join(x for x in (", ".join(r.get("source") or []), ", ".join(r.get("target") or []))
                                    if x)),
                     sources, str(r.get("n_sources", "")), str(r.get("n_agree", "")),
                     f'<span class="warn">{conflicts}</span>' if conflicts else ""])
    n_conf = sum(int(r.get("n_conflicts") or 0) for r in rows)
    multi = sum(1 for r in rows if int(r.get("n_sources") or 0) > 1)
    intro = ('<p><a href="index.html">← all documents</a></p>\n<h1>Timeline across documents</h1>\n'
             f"<p>{len(rows)} happenings, {multi} reported by more than one document, {n_conf} conflicting "
             "dates (a document that dates the same incident differently: its sentence span and date). "
             "Each source links to its event on its document's page.</p>")
    header = ["date", "happening", "class", "incident / participants", "source → target", "source events",
              "documents", "agree", "conflicts (document:span=date)"]
    return page("Timeline", intro + "\n" + _table(header, body))


def write_report(out_dir: Path, corpus_dir: Path, gold_dir: Path | None = None) -> Path:
    """Write OUT/report/index.html and OUT/report/docs/<doc>.html; returns the index path."""
    from pipeline.ingest import iter_corpus

    out_dir = Path(out_dir)
    records = read_records(out_dir)
    if not records["documents"]:
        raise FileNotFoundError(f"no documents.jsonl with records in {out_dir}")
    by_doc = {kind: defaultdict(list) for kind in ANNOTATED_KINDS}
    for kind, groups in by_doc.items():
        for r in records[kind]:
            groups[r["doc_id"]].append(r)
    want = {d["doc_id"]: d.get("sha256") for d in records["documents"]}
    texts = {}
    if corpus_dir is not None and Path(corpus_dir).is_dir():
        for doc in iter_corpus(Path(corpus_dir)):
            if doc.status == "ok" and want.get(doc.doc_id) == doc.sha256:
                texts[doc.doc_id] = doc.text
    report_dir = out_dir / "report"
    rows, names = [], set()
    for doc in records["documents"]:
        doc_id = doc["doc_id"]
        html_text, summary = document_page(doc, texts.get(doc_id), by_doc["mentions"][doc_id],
                                           by_doc["timexes"][doc_id], by_doc["events"][doc_id], gold_dir)
        name = page_name(doc_id)
        names.add(name)
        write_atomic(report_dir / "docs" / name, html_text.encode("utf-8"))
        rows.append((doc, name, summary))
    for stale in (report_dir / "docs").glob("*.html"):
        if stale.name not in names:
            stale.unlink()
    timeline = records.get("timeline") or []
    write_atomic(report_dir / "timeline.html",
                 timeline_page(timeline, {doc["doc_id"]: name for doc, name, _ in rows}).encode("utf-8"))
    index = report_dir / "index.html"
    html_index = index_page(rows).replace(
        "</h1>\n", '</h1>\n<p><a href="timeline.html">Timeline across documents</a> '
        f"({len(timeline)} happenings, {sum(int(r.get('n_conflicts') or 0) for r in timeline)} conflicting dates)</p>\n", 1)
    write_atomic(index, html_index.encode("utf-8"))
    return index


def main(out_dir: Path, corpus_dir: Path, gold_dir: Path | None = None) -> int:
    try:
        index = write_report(out_dir, corpus_dir, gold_dir)
    except FileNotFoundError as exc:
        print(f"error: {exc} (run the pipeline first)", file=sys.stderr)
        return 2
    print(f"report → {index}")
    return 0
