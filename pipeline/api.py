"""The Python API: one call for a string, typed records, and a spaCy pipeline whose Docs carry them.

    >>> import pipeline
    >>> result = pipeline.process_text("2018年6月12日、トランプ大統領と金正恩委員長が会談した。")
    >>> [(m.label, m.text, m.canonical_id) for m in result.mentions]
    >>> nlp = pipeline.load()            # spaCy Language: ja_ginza + the project's components
    >>> doc = nlp("…")
    >>> doc.spans["mentions"], doc.ents, doc._.timexes, doc._.events

`process_text` runs exactly what `python -m pipeline run` runs on one file (any length, Japanese or
English). `load()` gives a spaCy pipeline for Japanese text under SudachiPy's input limit (49,149
bytes, about 16,000 characters; longer texts: process_text). Its last component,
`pipeline_records`, turns the Doc into the project's records and attaches them:

- `doc.spans["mentions"]`: one Span per mention, `label_` = PERSON/SHIP/INCIDENT/…, `kb_id_` = the
  canonical id ("" when unlinked); `doc.ents` = the same spans without overlaps (longest first);
- `doc.spans["timexes"]` and `doc._.timexes`: one Span per temporal expression, `label_` = its TIMEX3
  type, with `span._.value`, `span._.type`, `span._.mod` (and `span._.record`, the full record);
- `doc._.events`: the events as `Event` records; `doc.spans["events"]`: their trigger words labelled
  with the event class;
- `doc.spans["sc"]` = mentions and timexes together, so `displacy.render(doc, style="span")` shows
  the project's labels;
- `doc._.records`: {"mentions": [...], "timexes": [...], "events": [...]} as plain dicts.

A Span covers whole tokens: when a record's offsets fall inside a token, its Span is widened to the
token boundaries; the exact offsets are in `span._.record` ("start", "end").
A document date (for 昨日, 同年, 今月…) is set on the Doc before the pipeline runs:
`doc = nlp.make_doc(text); doc._.doc_date = "2018-06-13"; doc = nlp(doc)`.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.records import columns

# --------------------------------------------------------------------- typed records


def _record_class(kind: str, name: str, doc: str):
    """A frozen dataclass with the contract columns of one record kind (pipeline.records, typed as
    there), every field with a default, and `extra` for the columns beyond the contract. Written
    once: a new column appears here by itself."""
    spec = []
    for col in columns(kind):
        if col.optional:
            continue
        if col.type == "int":
            spec.append((col.name, int, field(default=-1)))
        elif col.type == "float":
            spec.append((col.name, float, field(default=1.0)))
        elif col.type == "list":
            spec.append((col.name, list, field(default_factory=list)))
        elif col.type == "bool":
            spec.append((col.name, bool, field(default=False)))
        else:
            spec.append((col.name, "str | None", field(default="")))
    spec.append(("extra", dict, field(default_factory=dict, compare=False)))
    cls = dataclasses.make_dataclass(name, spec, frozen=True)
    cls.__module__, cls.__doc__ = __name__, doc
    return cls


Mention = _record_class("mentions", "Mention",
                        "A person, ship, incident (or other named) mention; text == document[start:end]; "
                        "canonical_id is None (null in JSONL) when not linked.")
Timex = _record_class("timexes", "Timex",
                      "A temporal expression normalized to TIMEX3 (value such as 1968-01-23, 196 = the 1960s, "
                      "XXXX-02-29).")
Event = _record_class("events", "Event",
                      "A dated happening: its sentence, trigger word, date and participants (canonical ids); "
                      "extra holds actors, source, target, negated, quad_class ...")


def _typed(cls, record: dict):
    names = {f.name for f in dataclasses.fields(cls)} - {"extra"}
    known = {k: v for k, v in record.items() if k in names}
    return cls(**known, extra={k: v for k, v in record.items() if k not in names})


@dataclass(frozen=True)
class Result:
    """What process_text returns: the text, its document date and language, and typed records."""
    text: str
    doc_date: str
    lang: str
    mentions: list[Mention]
    timexes: list[Timex]
    events: list[Event]

    def records(self) -> dict[str, list[dict]]:
        """The same records as plain dicts (as in the JSONL files, without the documents row)."""
        def plain(r):
            d = dataclasses.asdict(r)
            d.update(d.pop("extra"))
            return d
        return {"mentions": [plain(m) for m in self.mentions], "timexes": [plain(t) for t in self.timexes],
                "events": [plain(e) for e in self.events]}


def typed_records(records: dict[str, list[dict]]) -> dict[str, list]:
    return {"mentions": [_typed(Mention, r) for r in records.get("mentions", [])],
            "timexes": [_typed(Timex, r) for r in records.get("timexes", [])],
            "events": [_typed(Event, r) for r in records.get("events", [])]}


def _document(text: str, doc_date: str | None, doc_id: str, lang: str | None):
    from pipeline.ingest import Document, detect_lang, valid_date

    date, problem = valid_date(doc_date)
    if problem:
        raise ValueError(problem)
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    lang = lang or (detect_lang(text) if text.strip() else "und")
    return Document(doc_id=doc_id, source_path="", text=text, lang=lang, creation_date=date,
                    status="ok" if text.strip() else "error", error="" if text.strip() else "no text")


def process_text(text: str, doc_date: str | None = None, *, doc_id: str = "text", lang: str | None = None,
                 config: dict | None = None) -> Result:
    """Mentions, timexes and events of one text, exactly as a run over a file holding it would give.

    doc_date ("YYYY-MM-DD") anchors relative expressions (昨日, 今年); lang ("ja"/"en") overrides the
    detection; `config` overrides the entity components' options (pipeline.config.ENTITY_CONFIG:
    {"use_kb": False} runs the model and rules without the knowledge base, {"user_kb_path": FILE} adds
    a user knowledge base). Offsets are
    indices into `text`. Raises ValueError for a bad date or a text that cannot be processed."""
    from pipeline.nlp import load_nlp
    from pipeline.process import process_documents

    doc = _document(text, doc_date, doc_id, lang)
    if doc.status != "ok":
        return Result(text=text, doc_date=doc.creation_date, lang=doc.lang, mentions=[], timexes=[], events=[])
    ((doc, records),) = list(process_documents([doc], lambda: load_nlp(config), config))
    if doc.status != "ok":
        raise ValueError(doc.error)
    typed = typed_records(records)
    return Result(text=text, doc_date=doc.creation_date, lang=doc.lang, **typed)


# --------------------------------------------------------------------- spaCy integration

def _register_extensions() -> None:
    from spacy.tokens import Doc, Span

    def record(span):
        return span.doc.user_data.get(("pipeline_records", "spans"), {}).get((span.start, span.end, span.label_))

    def getter(key):
        def get(span):
            rec = record(span)
            return rec.get(key) if rec is not None and "timex_id" in rec else None
        return get

    for name, kw in (("doc_date", {"default": None}),
                     ("records", {"getter": lambda d: d.user_data.get(("pipeline_records", "records"))}),
                     ("timexes", {"getter": lambda d: list(d.spans["timexes"]) if "timexes" in d.spans else []}),
                     ("events", {"getter": lambda d: d.user_data.get(("pipeline_records", "events"), [])})):
        if not Doc.has_extension(name):
            Doc.set_extension(name, **kw)
    for name, kw in (("record", {"getter": record}), ("value", {"getter": getter("value")}),
                     ("type", {"getter": getter("type")}), ("mod", {"getter": getter("mod")})):
        if not Span.has_extension(name):
            Span.set_extension(name, **kw)


class RecordsComponent:
    """Last component of pipeline.load(): the project's records on the Doc (see the module docstring)."""

    def __init__(self, nlp, name: str, use_kb: bool, kb_path: str | None, user_kb_path: str | None,
                 lexicon_path: str | None):
        from pipeline.entities import entity_resources

        self.resources = entity_resources({"use_kb": use_kb, "kb_path": kb_path, "user_kb_path": user_kb_path,
                                           "lexicon_path": lexicon_path})
        _register_extensions()

    def __call__(self, doc):
        from spacy.util import filter_spans

        from pipeline.process import _records

        document = _document(doc.text, doc._.doc_date, "doc", "ja")
        records = _records(document, [(0, doc)], self.resources) if doc.text.strip() else {}
        index: dict = {}

        def span(start, end, label, kb_id="", rec=None):
            s = doc.char_span(start, end, label=label, kb_id=kb_id or "", alignment_mode="expand")
            if s is not None and rec is not None:
                index.setdefault((s.start, s.end, s.label_), rec)
            return s

        mentions = [s for m in records.get("mentions", [])
                    if (s := span(m["start"], m["end"], m["label"], m["canonical_id"], m)) is not None]
        timexes = [s for t in records.get("timexes", []) if (s := span(t["start"], t["end"], t["type"], "", t))]
        triggers = [s for e in records.get("events", [])
                    if e.get("trigger_end", -1) > e.get("trigger_start", -1) >= 0
                    and (s := span(e["trigger_start"], e["trigger_end"], e.get("event_class") or "EVENT", "", e))]
        doc.spans["mentions"] = mentions
        doc.spans["timexes"] = timexes
        doc.spans["events"] = triggers
        doc.spans["sc"] = mentions + timexes
        doc.ents = filter_spans(mentions)
        doc.user_data[("pipeline_records", "spans")] = index
        doc.user_data[("pipeline_records", "records")] = records
        doc.user_data[("pipeline_records", "events")] = typed_records(records)["events"]
        return doc


def _factory():
    from spacy.language import Language

    from pipeline.config import ENTITY_CONFIG

    if "pipeline_records" not in Language.factories:
        Language.factory("pipeline_records", default_config=dict(ENTITY_CONFIG),
                         assigns=["doc.spans", "doc.ents", "doc._.timexes", "doc._.events"],
                         requires=["doc._.entity_mentions"])(RecordsComponent)


def load(out_dir: str | Path | None = None, *, config: dict | None = None):
    """pipeline.load(): a spaCy Language (ja_ginza, made fast, the entity components and
    `pipeline_records`), a new one on each call; `config` overrides the entity components' options
    (pipeline.config.ENTITY_CONFIG), given to every entity component and to `pipeline_records`.
    pipeline.load(OUT): the outputs of a run as pandas DataFrames (the same as pipeline.load_outputs(OUT))."""
    if out_dir is not None:
        from pipeline.storage.loader import load as load_outputs

        return load_outputs(Path(out_dir))
    from pipeline.config import entity_config
    from pipeline.nlp import build_nlp

    _factory()
    config = entity_config(**(config or {}))
    nlp = build_nlp(config)  # not the cached one the runner uses
    nlp.add_pipe("pipeline_records", config=config)
    return nlp
