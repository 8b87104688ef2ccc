"""Label Studio tasks (labelstud.io/guide/tasks, /guide/export) from and back to gold-shaped documents.

A task is {"data": {"text", "doc_id", ...}, "predictions": [{"model_version", "result": [...]}]}
(gold exports go in "annotations" instead). Each span is one `labels` result (from_name "label");
its attributes are per-region `textarea` results with the same region id (from_name = the
attribute's name; lists joined with "|"). Timex labels are "TIMEX:<type>", event triggers
"EVENT". Offsets are counted in UTF-16 code units, as Label Studio's browser side counts them;
they are converted from and to Python string indices here (they differ after a character outside
the Basic Multilingual Plane, e.g. 𠮷 or an emoji). The labelling configuration for the project is
written beside the tasks (`label-studio-config.xml`). On import, the newest annotation of a task
that was not cancelled is used; a task without one falls back to its newest prediction when the
file holds it (the tasks file itself), and is left out with a warning otherwise (Label Studio's
JSON export lists predictions by id only).
"""
from __future__ import annotations

import json
import logging
from collections import defaultdict

from pipeline.records import TIMEX_TYPES, scored_labels
from pipeline.review.annotation_spans import (
    EVENT_LABEL,
    INT_FIELDS,
    KINDS,
    LIST_SEP,
    TIMEX_PREFIX,
    AnnotationError,
    attributes,
    gold_document,
    list_fields,
    sha256,
    span_attributes,
    span_of,
)

log = logging.getLogger("pipeline")

FROM_NAME = "label"
TO_NAME = "text"


def to_utf16(text: str, index: int) -> int:
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def from_utf16(text: str, offset: int) -> int | None:
    """The Python index of a UTF-16 offset; None when it falls inside a surrogate pair or past the end."""
    units = 0
    for i, ch in enumerate(text):
        if units == offset:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > offset:
            return None
    return len(text) if units == offset else None


def _ls_value(field: str, value) -> list[str]:
    if isinstance(value, list):
        return [LIST_SEP.join(str(v) for v in value)]
    return [value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)]


def label_studio_config(labels: list[str]) -> str:
    """The labelling configuration the tasks are made for (Label Studio's XML)."""
    colours = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#bfef45",
               "#fabed4", "#469990", "#dcbeff", "#9a6324", "#800000", "#aaffc3", "#808000", "#000075"]
    names = sorted({n for fields in attributes().values() for n in fields}) + ["extra"]
    lines = ["<View>", f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">']
    for i, label in enumerate(labels):
        lines.append(f'    <Label value="{_xml(label)}" background="{colours[i % len(colours)]}"/>')
    lines += ["  </Labels>", f'  <Text name="{TO_NAME}" value="$text"/>',
              '  <View visibleWhen="region-selected">',
              '    <Header value="Attributes of the selected span (lists: values joined with |)"/>']
    for name in names:
        lines.append(f'    <Header value="{name}" size="6"/>')
        lines.append(f'    <TextArea name="{name}" toName="{TO_NAME}" perRegion="true" editable="true" '
                     f'maxSubmissions="1" rows="1" displayMode="region-list"/>')
    lines += ["  </View>", "</View>"]
    return "\n".join(lines) + "\n"


def _xml(s: str) -> str:
    return s.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def labels_of(documents: list[dict]) -> list[str]:
    seen = set(scored_labels())
    for d in documents:
        seen.update(m["label"] for m in d.get("mentions", []))
    return sorted(seen) + [TIMEX_PREFIX + t for t in TIMEX_TYPES] + [EVENT_LABEL]


def to_label_studio(documents: list[dict], as_annotations: bool = False, model_version: str = "") -> list[dict]:
    tasks = []
    for d in documents:
        text = d["text"]
        result = []
        for kind in KINDS:
            for n, rec in enumerate(d.get(kind, []), 1):
                start, end, label = span_of(kind, rec)
                rid = f"{kind[0]}{n}"
                s16, e16 = to_utf16(text, start), to_utf16(text, end)
                result.append({"id": rid, "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
                               "origin": "prediction",
                               "value": {"start": s16, "end": e16, "text": text[start:end], "labels": [label]}})
                attrs = span_attributes(kind, rec)
                extra = {k: v for k, v in attrs.items() if k not in attributes()[kind]}
                for name in attributes()[kind]:
                    if name in attrs:
                        result.append({"id": rid, "from_name": name, "to_name": TO_NAME, "type": "textarea",
                                       "origin": "prediction",
                                       "value": {"start": s16, "end": e16, "text": _ls_value(name, attrs[name])}})
                if extra:
                    result.append({"id": rid, "from_name": "extra", "to_name": TO_NAME, "type": "textarea",
                                   "origin": "prediction", "value": {"start": s16, "end": e16, "text": [
                                       json.dumps(extra, ensure_ascii=False, sort_keys=True)]}})
        data = {"text": text, "doc_id": d["doc_id"], "lang": d.get("lang", ""), "text_sha256": sha256(text),
                "kinds": LIST_SEP.join(k for k in KINDS if k in d)}
        key = "annotations" if as_annotations else "predictions"
        block = {"result": result}
        if not as_annotations:
            block["model_version"] = model_version
        tasks.append({"data": data, key: [block]})
    return tasks


def _pick_result(task: dict, where: str, problems: list[str]) -> list[dict] | None:
    anns = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if anns:
        anns.sort(key=lambda a: (str(a.get("updated_at") or a.get("created_at") or ""), a.get("id") or 0))
        return anns[-1].get("result") or []
    preds = [p for p in task.get("predictions") or [] if isinstance(p, dict)]  # Label Studio's export gives ids
    if preds:
        log.warning("%s: no annotation, its prediction is taken as it is", where)
        return preds[-1].get("result") or []
    log.warning("%s: not annotated (no annotation that was not cancelled): no gold written for it", where)
    return None


def _parse_attr(kind: str, name: str, raw) -> object:
    text = raw[0] if isinstance(raw, list) and raw else raw if isinstance(raw, str) else ""
    if name in list_fields():
        return [v for v in text.split(LIST_SEP) if v] if text else []
    if name in INT_FIELDS:
        return int(text)
    return text


def from_label_studio(tasks: list[dict]) -> list[dict]:
    problems: list[str] = []
    docs = []
    skipped = 0
    for ti, task in enumerate(tasks):
        data = task.get("data") or {}
        text, doc_id = data.get("text"), data.get("doc_id")
        where = f"task {task.get('id', ti + 1)} ({doc_id or 'no doc_id'})"
        if not isinstance(text, str) or not doc_id:
            problems.append(f"{where}: the task has no data.text or data.doc_id (was it exported by this pipeline?)")
            continue
        result = _pick_result(task, where, problems)
        if result is None:
            skipped += 1
            continue
        regions: dict[str, dict] = {}
        attrs: dict[str, dict] = defaultdict(dict)
        for r in result:
            rid, value = r.get("id"), r.get("value") or {}
            if r.get("type") == "labels":
                regions[rid] = value
            elif r.get("type") == "textarea":
                attrs[rid][r.get("from_name")] = value.get("text")
        spans = []
        for rid, value in regions.items():
            labels = value.get("labels") or []
            if len(labels) != 1:
                problems.append(f"{where}: region {rid} has {len(labels)} labels, not one")
                continue
            start = from_utf16(text, int(value.get("start", -1)))
            end = from_utf16(text, int(value.get("end", -1)))
            spans.append((rid, start, end, labels[0], value.get("text"), attrs.get(rid, {})))
        docs.append(gold_document(doc_id, data, text, spans, where, problems, _ls_attrs))
    if not docs and skipped and not problems:
        problems.append(f"none of the {skipped} tasks has an annotation (annotate or accept the predictions in "
                        "Label Studio, then export again)")
    if problems:
        raise AnnotationError(problems)
    return docs


def _ls_attrs(kind: str, raw: dict) -> dict:
    out = {}
    for name in attributes()[kind]:
        if name in raw:
            out[name] = _parse_attr(kind, name, raw[name])
    if "extra" in raw:
        extra = raw["extra"]
        out.update(json.loads(extra[0] if isinstance(extra, list) else extra))
    return out


