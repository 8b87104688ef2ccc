"""doccano tasks (doccano.github.io, "Sequence labeling" JSONL) from and back to gold-shaped documents.

A line is {"text", "label": [[start, end, label]], ...} with Python (code point) offsets; doccano
keeps the other keys of a line as the example's metadata and exports them back. The span
attributes travel there: "attributes" maps "start-end-label" to the attribute dicts of the spans
with those offsets. A span the annotator adds gets no attributes (its canonical id or value is
empty, and a new event's sentence is the sentence around its trigger); a span whose offsets or
label they change loses its attributes.
"""
from __future__ import annotations

from collections import defaultdict

from pipeline.review.annotation_spans import (
    KINDS,
    LIST_SEP,
    AnnotationError,
    gold_document,
    sha256,
    span_attributes,
    span_of,
)


def _key(start: int, end: int, label: str) -> str:
    return f"{start}-{end}-{label}"


def to_doccano(documents: list[dict]) -> list[dict]:
    lines = []
    for d in documents:
        labels, attributes = [], defaultdict(list)
        for kind in KINDS:
            for rec in d.get(kind, []):
                start, end, label = span_of(kind, rec)
                labels.append([start, end, label])
                attributes[_key(start, end, label)].append(span_attributes(kind, rec))
        lines.append({"text": d["text"], "label": labels, "doc_id": d["doc_id"], "lang": d.get("lang", ""),
                      "text_sha256": sha256(d["text"]), "kinds": LIST_SEP.join(k for k in KINDS if k in d),
                      "attributes": dict(attributes)})
    return lines


def from_doccano(lines: list[dict]) -> list[dict]:
    problems: list[str] = []
    docs = []
    for li, line in enumerate(lines):
        meta = {**(line.get("meta") or {}), **line}  # doccano versions keep metadata at the top or under "meta"
        text, doc_id = line.get("text", line.get("data")), meta.get("doc_id")
        where = f"line {li + 1} ({doc_id or 'no doc_id'})"
        if not isinstance(text, str) or not doc_id:
            problems.append(f"{where}: no text or doc_id (was it exported by this pipeline?)")
            continue
        labels = line.get("label", line.get("labels"))
        if labels is None and "entities" in line:  # the relation-extraction export
            labels = [[e["start_offset"], e["end_offset"], e["label"]] for e in line["entities"]]
        attributes = {k: list(v) for k, v in (meta.get("attributes") or {}).items()}
        spans = []
        for n, item in enumerate(labels or [], 1):
            try:
                start, end, label = int(item[0]), int(item[1]), str(item[2])
            except (TypeError, ValueError, IndexError):
                problems.append(f"{where}: span {n} is not [start, end, label]: {item!r}")
                continue
            queue = attributes.get(_key(start, end, label)) or []
            spans.append((f"span {n}", start, end, label, None, queue.pop(0) if queue else {}))
        docs.append(gold_document(doc_id, meta, text, spans, where, problems, lambda kind, raw: dict(raw)))
    if problems:
        raise AnnotationError(problems)
    return docs


