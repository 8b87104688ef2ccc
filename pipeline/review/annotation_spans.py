"""What the annotation tools exchange with the project: each record as a labelled span with its
attributes, and the spans of a task back to a gold document (corpus/gold/README.md).

A mention's label is its own (PERSON, SHIP, ...), a timex's "TIMEX:<type>", an event trigger's
"EVENT". A span's attributes are the record's gold fields its span and label do not say
(`attributes()` per kind, lists joined with "|" where a tool only takes text). Every span read back
is checked against the document text: offsets outside the text, or a text the tool recorded that
the offsets do not give, are problems naming the document and the region.
"""
from __future__ import annotations

import hashlib
import json

from pipeline.records import ANNOTATED_KINDS, label_columns
from pipeline.storage.tables import LIST_SEP

KINDS = ANNOTATED_KINDS
TIMEX_PREFIX = "TIMEX:"
EVENT_LABEL = "EVENT"
# gold fields per kind, besides the span itself (start, end, text) and the label
def attributes() -> dict[str, tuple[str, ...]]:
    """The gold fields per kind (read from the record registry when called)."""
    return {"mentions": ("canonical_id",),
            "timexes": ("value", "mod", "calendar", "value_as_written"),
            "events": ("event_class", "date_value", *label_columns("events"), "actors", "sent_start", "sent_end")}


def list_fields() -> set[str]:
    return {*label_columns("events"), "actors"}
INT_FIELDS = {"sent_start", "sent_end"}
DERIVED = {"text", "trigger", "sentence"}  # rebuilt from the document text on import


class AnnotationError(ValueError):
    """Spans that do not fit their document, or a file that is no export of a known tool."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__("; ".join(problems[:10]) + more)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def span_of(kind: str, rec: dict) -> tuple[int, int, str]:
    if kind == "mentions":
        return rec["start"], rec["end"], rec["label"]
    if kind == "timexes":
        return rec["start"], rec["end"], TIMEX_PREFIX + rec["type"]
    return rec["trigger_start"], rec["trigger_end"], EVENT_LABEL


def span_attributes(kind: str, rec: dict) -> dict:
    """Everything of a record that its span and label do not say (the derived texts excepted)."""
    skip = {"start", "end", "label", "type", "trigger_start", "trigger_end", "doc_id"} | DERIVED
    if kind == "mentions":
        skip |= {"mention_id", "sent_id", "name_ja", "name_en", "source", "confidence"}
    elif kind == "timexes":
        skip |= {"timex_id", "earliest", "latest", "anchor_timex_id"}
    else:
        skip |= {"event_id", "date_earliest", "date_latest", "timex_ids", "mention_ids", "quad_class",
                 "cameo_root", "date_source", "negated", "hypothetical"}
    return {k: v for k, v in rec.items() if k not in skip}


def gold_document(doc_id, data, text, spans, where, problems, parse) -> dict:
    """A gold document from a task's spans: (region id, start, end, label, text the tool recorded or
    None, raw attributes) each; parse(kind, raw) reads a span's attributes. Problems are appended."""
    from pipeline.chunking import split_sentences

    kinds = [k for k in (data.get("kinds") or LIST_SEP.join(KINDS)).split(LIST_SEP) if k in KINDS]
    doc = {"doc_id": doc_id, "lang": data.get("lang", ""), "text_sha256": sha256(text), **{k: [] for k in kinds}}
    if data.get("text_sha256") and data["text_sha256"] != doc["text_sha256"]:
        problems.append(f"{where}: the task's text is not the one it was exported with (text_sha256 differs)")
    sentences = None
    for rid, start, end, label, said, raw in spans:
        if start is None or end is None or not 0 <= start < end <= len(text):
            problems.append(f"{where}: {rid} ({label}) has offsets outside the text or inside a character")
            continue
        if said is not None and said != text[start:end]:
            problems.append(f"{where}: {rid} ({label}) [{start}:{end}] says {said!r} but the text there is "
                            f"{text[start:end]!r}")
            continue
        if label.startswith(TIMEX_PREFIX):
            kind = "timexes"
        elif label == EVENT_LABEL:
            kind = "events"
        else:
            kind = "mentions"
        try:
            attrs = parse(kind, raw)
        except (ValueError, TypeError) as exc:
            problems.append(f"{where}: {rid} ({label}) has an attribute that cannot be read: {exc}")
            continue
        if kind not in doc:
            doc[kind] = []
        if kind == "mentions":
            rec = {"start": start, "end": end, "label": label, "text": text[start:end],
                   "canonical_id": attrs.pop("canonical_id", "")}
        elif kind == "timexes":
            typ = label[len(TIMEX_PREFIX):]
            rec = {"start": start, "end": end, "text": text[start:end], "type": typ,
                   "value": attrs.pop("value", ""), "mod": attrs.pop("mod", "")}
        else:
            if "sent_start" not in attrs or "sent_end" not in attrs:
                if sentences is None:
                    sentences = split_sentences(text)
                s, e = next(((s, e) for s, e in sentences if s <= start < e), (start, end))
                attrs.setdefault("sent_start", s)
                attrs.setdefault("sent_end", e)
            ss, se = attrs.pop("sent_start"), attrs.pop("sent_end")
            if not 0 <= ss <= start < end <= se <= len(text):
                problems.append(f"{where}: {rid} (EVENT) trigger [{start}:{end}] is not inside its sentence "
                                f"[{ss}:{se}]")
                continue
            rec = {"sent_start": ss, "sent_end": se, "sentence": text[ss:se], "trigger_start": start,
                   "trigger_end": end, "trigger": text[start:end]}
            for name in ("date_value", *label_columns("events"), "actors", "event_class"):
                rec[name] = attrs.pop(name, [] if name in list_fields() else "")
        rec.update(attrs)
        doc[kind].append(rec)
    for kind in KINDS:
        if kind in doc:
            doc[kind].sort(key=lambda r: _order(kind, r))
    return doc


def _order(kind: str, r: dict) -> tuple:
    if kind == "events":
        return (r["sent_start"], r["trigger_start"], r["trigger_end"], r.get("date_value", ""))
    return (r["start"], r["end"], r.get("label", r.get("type", "")))


def canonical(doc: dict) -> dict:
    """A gold document with its lists in a fixed order (how import writes them; for comparisons)."""
    return {k: sorted(v, key=lambda r, k=k: (_order(k, r), json.dumps(r, sort_keys=True, ensure_ascii=False)))
            if k in KINDS else v for k, v in doc.items()}


