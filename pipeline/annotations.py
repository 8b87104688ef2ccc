"""Annotation round-trip: pipeline outputs (or gold) → Label Studio / doccano tasks → corrected gold.

Export (`python -m pipeline export-annotations --format label-studio|doccano OUT`) writes one task
per document, pre-annotated with the pipeline's mentions (label, canonical id), timexes (TIMEX3
type, value, mod, calendar, value as written) and event triggers (class, date, participants), in
each tool's documented import format. `--gold DIR` exports a gold folder instead (to correct it).

Import (`python -m pipeline import-annotations FILE --gold DIR`) reads the tool's JSON/JSONL export
and writes `DIR/<doc_id>.json` in the project's gold format (corpus/gold/README.md), ready for
`make eval GOLD=DIR`. Every span is checked against the document text (the task's text, and with
`--corpus` the original file, by SHA-256); a span whose offsets do not give the text the tool
recorded, or that falls outside the text, is an error naming the document, region and both texts,
and nothing is written.

Label Studio (labelstud.io/guide/tasks, /guide/export): a task is
{"data": {"text", "doc_id", ...}, "predictions": [{"model_version", "result": [...]}]}
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

doccano (doccano.github.io, "Sequence labeling" JSONL): {"text", "label": [[start, end, label]],
...} with Python (code point) offsets; doccano keeps the other keys of a line as the example's
metadata and exports them back. The span attributes travel there: "attributes" maps
"start-end-label" to the attribute dicts of the spans with those offsets. A span the annotator
adds gets no attributes (its canonical id or value is empty, and a new event's sentence is the
sentence around its trigger); a span whose offsets or label they change loses its attributes.
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections import defaultdict
from pathlib import Path

from pipeline.records import label_columns, scored_labels

log = logging.getLogger("pipeline")

KINDS = ("mentions", "timexes", "events")
TIMEX_PREFIX = "TIMEX:"
EVENT_LABEL = "EVENT"
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
# gold fields per kind, besides the span itself (start, end, text) and the label
ATTRIBUTES = {
    "mentions": ("canonical_id",),
    "timexes": ("value", "mod", "calendar", "value_as_written"),
    "events": ("event_class", "date_value", *label_columns("events"), "actors", "sent_start", "sent_end"),
}
LIST_FIELDS = {*label_columns("events"), "actors"}
INT_FIELDS = {"sent_start", "sent_end"}
DERIVED = {"text", "trigger", "sentence"}  # rebuilt from the document text on import
LIST_SEP = "|"
FROM_NAME = "label"
TO_NAME = "text"


class AnnotationError(ValueError):
    """Spans that do not fit their document, or a file that is no export of a known tool."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__("; ".join(problems[:10]) + more)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------- UTF-16 offsets (Label Studio)

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


# --------------------------------------------------------------------- the project's side

def _span_of(kind: str, rec: dict) -> tuple[int, int, str]:
    if kind == "mentions":
        return rec["start"], rec["end"], rec["label"]
    if kind == "timexes":
        return rec["start"], rec["end"], TIMEX_PREFIX + rec["type"]
    return rec["trigger_start"], rec["trigger_end"], EVENT_LABEL


def _attributes(kind: str, rec: dict) -> dict:
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


def _system_to_gold_view(kind: str, rec: dict) -> dict:
    """A pipeline output record in the gold format's shape (only the fields gold has)."""
    if kind == "mentions":
        return {"start": rec["start"], "end": rec["end"], "label": rec["label"], "text": rec["text"],
                "canonical_id": rec.get("canonical_id") or ""}
    if kind == "timexes":
        out = {k: rec.get(k) or "" for k in ("text", "type", "value", "mod")}
        out.update(start=rec["start"], end=rec["end"])
        for k in ("calendar", "value_as_written"):
            if rec.get(k):
                out[k] = rec[k]
        return out
    return {"sent_start": rec["sent_start"], "sent_end": rec["sent_end"], "sentence": rec["sentence"],
            "trigger_start": rec["trigger_start"], "trigger_end": rec["trigger_end"], "trigger": rec["trigger"],
            "date_value": rec.get("date_value") or "",
            **{column: list(rec.get(column) or []) for column in label_columns("events")},
            "actors": list(rec.get("actors") or []), "event_class": rec.get("event_class") or ""}


def documents_from_outputs(out_dir: Path, corpus_dir: Path) -> list[dict]:
    """Gold-shaped documents (with "text") from a run's outputs and the corpus it read."""
    from pipeline.evaluate import read_jsonl
    from pipeline.ingest import read_document
    from pipeline.storage.outset import current_set

    out_dir = current_set(Path(out_dir))
    docs = [d for d in read_jsonl(out_dir / "documents.jsonl") if d.get("status") == "ok"]
    if not docs:
        raise FileNotFoundError(f"no processed documents in {out_dir}/documents.jsonl (run the pipeline first)")
    by_doc: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for kind in KINDS:
        for rec in read_jsonl(out_dir / f"{kind}.jsonl"):
            by_doc[rec["doc_id"]][kind].append(_system_to_gold_view(kind, rec))
    out = []
    for d in docs:
        path = Path(corpus_dir) / d["source_path"]
        if not path.is_file():
            raise FileNotFoundError(f"{d['doc_id']}: {path} not found (give the corpus the run read: --corpus DIR)")
        text = read_document(path, Path(corpus_dir)).text
        if sha256(text) != d["sha256"] and d.get("sha256"):
            raise AnnotationError([f"{d['doc_id']}: {path} changed since the run (rerun the pipeline first)"])
        for e in by_doc[d["doc_id"]]["events"]:  # gold's trigger is the text itself (the run's is its lemma)
            e["trigger"] = text[e["trigger_start"]:e["trigger_end"]]
        out.append({"doc_id": d["doc_id"], "lang": d.get("lang", ""), "text_sha256": sha256(text), "text": text,
                    **{k: by_doc[d["doc_id"]][k] for k in KINDS}})
    return out


def documents_from_gold(gold_dir: Path, corpus_dir: Path) -> list[dict]:
    """Gold documents with their text (read from corpus_dir, checked against text_sha256)."""
    from pipeline.evaluate import load_gold, load_texts

    gold = load_gold(Path(gold_dir))
    if not gold:
        raise FileNotFoundError(f"no gold documents (*.json) in {gold_dir}")
    texts = load_texts(Path(corpus_dir), gold)
    problems, out = [], []
    for doc_id, g in sorted(gold.items()):
        text = texts.get(doc_id)
        if text is None:
            problems.append(f"{doc_id}: no document {doc_id}.txt/.md in {corpus_dir}")
            continue
        if g.get("text_sha256") and g["text_sha256"] != sha256(text):
            problems.append(f"{doc_id}: the text in {corpus_dir} is not the one the gold was made on")
            continue
        out.append({**g, "text": text})
    if problems:
        raise AnnotationError(problems)
    return out


# --------------------------------------------------------------------- Label Studio

def _ls_value(field: str, value) -> list[str]:
    if isinstance(value, list):
        return [LIST_SEP.join(str(v) for v in value)]
    return [value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)]


def label_studio_config(labels: list[str]) -> str:
    """The labelling configuration the tasks are made for (Label Studio's XML)."""
    colours = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#bfef45",
               "#fabed4", "#469990", "#dcbeff", "#9a6324", "#800000", "#aaffc3", "#808000", "#000075"]
    names = sorted({n for fields in ATTRIBUTES.values() for n in fields}) + ["extra"]
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
                start, end, label = _span_of(kind, rec)
                rid = f"{kind[0]}{n}"
                s16, e16 = to_utf16(text, start), to_utf16(text, end)
                result.append({"id": rid, "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
                               "origin": "prediction",
                               "value": {"start": s16, "end": e16, "text": text[start:end], "labels": [label]}})
                attrs = _attributes(kind, rec)
                extra = {k: v for k, v in attrs.items() if k not in ATTRIBUTES[kind]}
                for name in ATTRIBUTES[kind]:
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
    if name in LIST_FIELDS:
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
        docs.append(_document(doc_id, data, text, spans, where, problems, _ls_attrs))
    if not docs and skipped and not problems:
        problems.append(f"none of the {skipped} tasks has an annotation (annotate or accept the predictions in "
                        "Label Studio, then export again)")
    if problems:
        raise AnnotationError(problems)
    return docs


def _ls_attrs(kind: str, raw: dict) -> dict:
    out = {}
    for name in ATTRIBUTES[kind]:
        if name in raw:
            out[name] = _parse_attr(kind, name, raw[name])
    if "extra" in raw:
        extra = raw["extra"]
        out.update(json.loads(extra[0] if isinstance(extra, list) else extra))
    return out


# --------------------------------------------------------------------- doccano

def _key(start: int, end: int, label: str) -> str:
    return f"{start}-{end}-{label}"


def to_doccano(documents: list[dict]) -> list[dict]:
    lines = []
    for d in documents:
        labels, attributes = [], defaultdict(list)
        for kind in KINDS:
            for rec in d.get(kind, []):
                start, end, label = _span_of(kind, rec)
                labels.append([start, end, label])
                attributes[_key(start, end, label)].append(_attributes(kind, rec))
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
        docs.append(_document(doc_id, meta, text, spans, where, problems, lambda kind, raw: dict(raw)))
    if problems:
        raise AnnotationError(problems)
    return docs


# --------------------------------------------------------------------- back to gold

def _document(doc_id, data, text, spans, where, problems, parse) -> dict:
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
                rec[name] = attrs.pop(name, [] if name in LIST_FIELDS else "")
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


# --------------------------------------------------------------------- files

def read_export(path: Path) -> tuple[str, list[dict]]:
    """(format, items) of a Label Studio JSON export or a doccano JSONL export."""
    raw = Path(path).read_text(encoding="utf-8-sig")
    stripped = raw.lstrip()
    items: list[dict]
    if stripped.startswith("["):
        items = json.loads(raw)
    else:
        try:
            items = [json.loads(line) for line in raw.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise AnnotationError([f"{path}: neither a JSON list (Label Studio) nor JSONL (doccano): {exc}"]) from None
    if not items:
        raise AnnotationError([f"{path}: no tasks in the file"])
    if all(isinstance(i, dict) and "data" in i and isinstance(i["data"], dict) for i in items):
        return "label-studio", items
    if all(isinstance(i, dict) and ("label" in i or "labels" in i or "entities" in i) for i in items):
        return "doccano", items
    what = "not a Label Studio JSON export (tasks with 'data') nor a doccano JSONL export (lines with 'text', 'label')"
    raise AnnotationError([f"{path}: {what}"])


def import_annotations(path: Path, gold_dir: Path, corpus_dir: Path | None = None) -> list[Path]:
    """The tool's export → gold files in gold_dir (all or nothing); returns the files written."""
    fmt, items = read_export(Path(path))
    docs = from_label_studio(items) if fmt == "label-studio" else from_doccano(items)
    if corpus_dir is not None:
        from pipeline.evaluate import load_texts

        texts = load_texts(Path(corpus_dir), [d["doc_id"] for d in docs])
        problems = [f"{d['doc_id']}: no such document in {corpus_dir}" if d["doc_id"] not in texts else
                    f"{d['doc_id']}: the task's text differs from {corpus_dir}'s document"
                    for d in docs if texts.get(d["doc_id"]) is None or sha256(texts[d["doc_id"]]) != d["text_sha256"]]
        if problems:
            raise AnnotationError(problems)
    ids = [d["doc_id"] for d in docs]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise AnnotationError([f"{i}: more than one task for this document" for i in dupes])
    gold_dir = Path(gold_dir)
    gold_dir.mkdir(parents=True, exist_ok=True)
    from pipeline.storage.writers import write_atomic

    written = []
    for d in docs:
        target = gold_dir / f"{d['doc_id']}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, (json.dumps(d, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        written.append(target)
    return written


def export_annotations(fmt: str, out_dir: Path, corpus_dir: Path, target: Path | None = None,
                       gold_dir: Path | None = None) -> list[Path]:
    """Write the tasks (and for Label Studio its labelling configuration); returns the files written."""
    from pipeline.storage.writers import write_atomic

    if gold_dir is not None:
        docs = documents_from_gold(gold_dir, corpus_dir)
    else:
        docs = documents_from_outputs(out_dir, corpus_dir)
    folder = Path(out_dir) / "annotations"
    if fmt == "label-studio":
        from pipeline import version

        target = Path(target) if target else folder / "label-studio-tasks.json"
        tasks = to_label_studio(docs, as_annotations=gold_dir is not None, model_version=f"pipeline {version()}")
        config = target.with_name("label-studio-config.xml")
        write_atomic(target, (json.dumps(tasks, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        write_atomic(config, label_studio_config(labels_of(docs)).encode("utf-8"))
        return [target, config]
    if fmt == "doccano":
        target = Path(target) if target else folder / "doccano.jsonl"
        data = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in to_doccano(docs))
        write_atomic(target, data.encode("utf-8"))
        return [target]
    if fmt == "spacy":
        target = Path(target) if target else folder / "train.spacy"
        write_atomic(target, docbin_bytes(docs))
        return [target]
    raise ValueError(f"unknown format {fmt!r} (label-studio, doccano or spacy)")


def docbin_bytes(documents: list[dict]) -> bytes:
    """A spaCy DocBin for training: doc.ents = the mentions (kb_id = canonical id), doc.spans["sc"] =
    mentions and timexes, on Docs tokenized by spaCy's Japanese tokenizer (SudachiPy)."""
    import spacy
    from spacy.tokens import Doc, DocBin
    from spacy.util import filter_spans

    from pipeline.chunking import chunk_text

    nlp = spacy.blank("ja")
    bin_ = DocBin(store_user_data=False)
    for d in documents:
        pieces = sorted(chunk_text(d["text"]))  # SudachiPy takes at most 49,149 bytes at a time
        doc = Doc.from_docs([nlp.make_doc(p) for _, p in pieces], ensure_whitespace=False)
        if doc.text != d["text"]:
            raise ValueError(f"{d['doc_id']}: the tokenized pieces do not give the text back")
        ments = [doc.char_span(m["start"], m["end"], label=m["label"], kb_id=m.get("canonical_id") or "",
                               alignment_mode="expand") for m in d.get("mentions", [])]
        tims = [doc.char_span(t["start"], t["end"], label=t["type"], alignment_mode="expand")
                for t in d.get("timexes", [])]
        ments = [s for s in ments if s is not None]
        doc.ents = filter_spans(ments)
        doc.spans["sc"] = ments + [s for s in tims if s is not None]
        bin_.add(doc)
    return bin_.to_bytes()
