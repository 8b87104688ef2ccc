"""The record contract, written once: the labels, the record kinds and each kind's columns.

Every user iterates this registry instead of spelling the facts out: the writers and the typed
loader (pipeline.storage), the API record classes (pipeline.api), the JSON Schemas and the README's
column tables (pipeline.storage.schemas), the events' participant columns, the entities table, the
timeline, the evaluation and the report. A new label is one `Label` row (plus the rules that find it).

Lookups read `LABELS` when called, so a registry changed in one place (a test's monkeypatch) reaches
every output; `columns(kind)` is cached per registry.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.resources import DATA_DIR, require


@dataclass(frozen=True)
class Label:
    """A mention label. id_prefix: the canonical-id prefix (person:…) of a label linked to ids;
    event_column: the events' column listing the ids of its mentions; scored: one of the guidelines'
    labels (found by the entities stage, counted in the entities table, exported to annotation tools,
    scored by `make eval`); happening: its entities are happenings with their own date (the entities
    table dates them, the timeline makes one row per entity); emitted: a label a mention can carry
    (not for labels a knowledge base may hold without the pipeline finding them)."""
    name: str
    id_prefix: str = ""
    event_column: str = ""
    scored: bool = False
    happening: bool = False
    emitted: bool = True
    noun: str = ""  # how the README's tables name its entities (people, ships, incidents)


LABELS: tuple[Label, ...] = (
    Label("PERSON", id_prefix="person", event_column="persons", scored=True, noun="people"),
    Label("SHIP", id_prefix="ship", event_column="ships", scored=True, noun="ships"),
    Label("INCIDENT", id_prefix="incident", event_column="incidents", scored=True, happening=True,
          noun="incidents"),
    Label("AIRCRAFT", id_prefix="aircraft"),  # from knowledge-base entries only (no rules): linked, not scored
    # GiNZA's labels: kept as found, neither linked nor scored
    Label("GPE"), Label("ORG"), Label("WAR"), Label("MEETING"), Label("TREATY"),
)


def scored_labels() -> tuple[str, ...]:
    return tuple(lab.name for lab in LABELS if lab.scored)


def emitted_labels() -> tuple[str, ...]:
    return tuple(lab.name for lab in LABELS if lab.emitted)


def id_prefixes() -> dict[str, str]:
    """label → canonical-id prefix, for every label linked to ids."""
    return {lab.name: lab.id_prefix for lab in LABELS if lab.id_prefix}


def event_columns() -> dict[str, str]:
    """label → the events' column of its ids, in column order."""
    return {lab.name: lab.event_column for lab in LABELS if lab.event_column}


def happening_labels() -> tuple[str, ...]:
    return tuple(lab.name for lab in LABELS if lab.happening)


def role_labels() -> tuple[str, ...]:
    """The labels whose entities can act or be acted on in an event (its source/target): those with an event
    column that are not themselves happenings (persons and ships, not incidents)."""
    return tuple(lab.name for lab in LABELS if lab.event_column and not lab.happening)


# --------------------------------------------------------------------- record kinds

DOCUMENT_KINDS = ("documents", "mentions", "timexes", "events")  # written per document, in input order
CORPUS_KINDS = ("entities", "timeline")  # derived from the whole corpus, written after them
KINDS = DOCUMENT_KINDS + CORPUS_KINDS
ANNOTATED_KINDS = DOCUMENT_KINDS[1:]  # what a gold file holds and the evaluation scores: mentions, timexes, events

TYPES = ("str", "int", "float", "bool", "list", "date", "category", "any")
"""Column types: str, int (int64), float (float64), bool, list (of strings), date (a full ISO date →
date32, anything else null), category (a label, type or class → dictionary-encoded) and any (typed
from its values, as columns beyond the contract are: bool, int, float, list or string)."""


@dataclass(frozen=True)
class Column:
    """One output column: name, type (TYPES), a one-line description (Markdown, as the README shows
    it), the JSON Schema of its values when more than the type says, and optional: written after the
    contract columns, only when some record has it (else it is a contract column, always written)."""
    name: str
    type: str
    description: str
    json: dict | None = None
    optional: bool = False


_ISO = {"type": ["string", "null"], "pattern": r"^(\d{4}-\d{2}-\d{2}(T[0-9:.]+)?)?$"}
_DAY = {"type": "string", "pattern": r"^(\d{4}-\d{2}-\d{2})?$"}
_ID_SLUG = r"[^\sA-Z:|]+"
_ACTOR = r"[A-Z][A-Z0-9_]*"
_OPT_STR = {"type": ["string", "null"]}


def _ids_of(prefix: str) -> dict:
    return {"type": "array", "items": {"type": "string", "pattern": f"^{prefix}:{_ID_SLUG}$"}}


def _participants(kind: str) -> list[Column]:
    """One list column per label with an event column: the canonical ids of its mentions."""
    where = "of the sentence (of the clause, for a secondary happening)" if kind == "events" else "of its events"
    out = [Column(lab.event_column, "list", f"the canonical ids of the {lab.noun or lab.event_column} {where}",
                  _ids_of(lab.id_prefix))
           for lab in LABELS if lab.event_column]
    if kind == "timeline":  # the happenings first: the timeline is dated by them
        out.sort(key=lambda c: not any(lab.happening and lab.event_column == c.name for lab in LABELS))
    return out


def _doc_id() -> Column:
    return Column("doc_id", "str", "the document", {"type": "string", "minLength": 1})


def _span_columns(where: str) -> list[Column]:
    """text, start, end of a span of the document (`where` describes all three)."""
    return [Column("text", "str", where, {"type": "string", "minLength": 1}),
            Column("start", "int", where, {"type": "integer", "minimum": 0}),
            Column("end", "int", where, {"type": "integer", "minimum": 1})]


def _documents() -> list[Column]:
    return [
        Column("doc_id", "str", "the file's path relative to the corpus folder without its extension "
               "(`letters/1868-02`); when two files differ only by extension (`x.txt`, `x.md`) the extension is "
               "kept (`x.txt`)", {"type": "string", "minLength": 1}),
        Column("source_path", "str", "the path relative to the corpus folder", {"type": "string", "minLength": 1}),
        Column("sha256", "str", "SHA-256 of the file's bytes (a changed file is processed again); empty when "
               "unreadable", {"type": "string", "pattern": "^([0-9a-f]{64})?$"}),
        Column("encoding", "category", "the detected encoding (`utf-8`, `utf-8-sig`, `cp932`, `euc_jp`, "
               "`utf-16`…)", {"type": "string"}),
        Column("lang", "category", "`ja` (Japanese), `en` (English: no Japanese model, the text rules only); "
               "`ko`, `zh` (not processed: status `error`), `und` (no letters); \"\" when unread",
               {"enum": ["ja", "en", "ko", "zh", "und", ""]}),
        Column("n_chars", "int", "length of the decoded text; empty for errors",
               {"anyOf": [{"type": "integer", "minimum": 0}, {"const": ""}]}),
        Column("status", "category", "`ok`; `error` (could not be read or processed: the reason is in `error`); "
               "`skipped` (a type that is not read: `.pdf`, `.html`…)", {"enum": ["ok", "error", "skipped"]}),
        Column("error", "str", "why a file is `error` or `skipped` (\"\" when ok)", {"type": "string"}),
        Column("creation_date", "date", "the document date used for relative expressions, `YYYY-MM-DD` (\"\" when "
               "none was given)", {"type": ["string", "null"], "pattern": r"^(\d{4}-\d{2}-\d{2})?$"}),
    ]


def _mentions() -> list[Column]:
    scored = [lab.name for lab in LABELS if lab.scored]
    where = "the words as written and where (`text == document[start:end]`)"
    return [
        _doc_id(),
        Column("mention_id", "str", "`<doc_id>#m00001`, numbered in text order",
               {"type": "string", "pattern": r"^.+#m\d+$"}),
        Column("label", "category", ", ".join(f"`{n}`" for n in scored) + " (the project's own, linked to the "
               "knowledge base, scored), "
               + "".join(f"`{lab.name}` " for lab in LABELS if lab.emitted and lab.id_prefix and not lab.scored)
               + "(from knowledge-base entries only: linked, not scored), or a label taken from GiNZA's "
               "named-entity recognizer: "
               + ", ".join(f"`{lab.name}`" for lab in LABELS if lab.emitted and not lab.id_prefix),
               {"enum": [lab.name for lab in LABELS if lab.emitted]}),
        *_span_columns(where),
        Column("sent_id", "int", "the number of the sentence it is in (0-based, sentences as in the annotation "
               "guidelines; -1 outside any)", {"type": "integer", "minimum": -1}),
        Column("canonical_id", "str", "the entity the name refers to, always an ASCII slug: a knowledge-base id "
               "(`person:kim-jong-un`, `ship:uss-pueblo`, `incident:pueblo-incident`); for a "
               + "/".join(scored) + " not in the knowledge base, the Hepburn romanization of its full name "
               "(pykakasi for kanji, long vowels written short: `person:togo-heihachiro`), so the kanji and the "
               "Latin-script forms of a name share it, and a surname, given name or name before a title links "
               "to the full name it shortens in the same document (西郷 → 西郷隆盛); empty (null in JSONL) for "
               "GiNZA's labels. Never whitespace, upper-case ASCII or `|` (the CSV list separator)",
               {"type": ["string", "null"], "pattern": "^([a-z]+:[a-z0-9][a-z0-9-]*)?$"}),
        Column("name_ja", "str", "the canonical name in Japanese", _OPT_STR),
        Column("name_en", "str", "the canonical name in English, filled for every " + "/".join(scored), _OPT_STR),
        Column("name_en_source", "str", "where `name_en` comes from: `kb` (the knowledge base), `text` (a "
               "Latin-script form of the same entity in the document) or `romanized` (Hepburn romanization); "
               "empty for labels without a canonical id", {"enum": ["kb", "text", "romanized", ""]}),
        Column("source", "str", "what found it: `kb` (a knowledge-base name or alias), `rule:<name>` (a pattern: "
               "`rule:title` = a name before a title such as 大統領 or 氏, `rule:katakana` = a katakana full name, "
               "`rule:given-name` = a Latin-script given and family name, `rule:sudachi` = a person name in "
               "SudachiPy's dictionary, `rule:incident-of-entity` = 〜の事件 of a ship or person), `doc:repeat` / "
               "`doc:shortform` (a later repetition or short form of a name found earlier in the document), "
               "`ginza:<ENE type>` (GiNZA's recognizer, with its fine type: `ginza:Country`, `ginza:War`…)",
               {"type": "string"}),
        Column("confidence", "float", "0–1, how sure the label and link are: 0.95 a knowledge-base name, 0.85 a "
               "knowledge-base name shared by several entities and decided by dates, roles or context, 0.7–0.75 a "
               "rule or a short form, 0.5 GiNZA's labels (not linked)",
               {"type": "number", "minimum": 0, "maximum": 1}),
    ]


TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
_MODS = ["", "START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN",
         "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"]


def _timexes() -> list[Column]:
    where = "the expression as written and where (`text == document[start:end]`)"
    covers = ("the first and last day the value covers, ISO (`1960年代` → 1960-01-01 … 1969-12-31); \"\" when it is "
              "not a point on the calendar (durations, unknown years)")
    return [
        _doc_id(),
        Column("timex_id", "str", "`<doc_id>#t0001`", {"type": "string", "pattern": r"^.+#t\d+$"}),
        *_span_columns(where),
        Column("type", "category", "`DATE` (a day, month, year, decade, century, season…), `TIME` (a clock time, "
               "午後3時), `DURATION` (3日間, 2年), `SET` (a repetition: 毎年8月15日)",
               {"enum": list(TIMEX_TYPES)}),
        Column("value", "str", "the TIMEX3 value (below)", {"type": "string", "minLength": 1}),
        Column("mod", "category", "`START` (初め, 上旬, 前半), `MID` (半ば, 中旬), `END` (末, 下旬, 後半), `APPROX` "
               "(頃, 約), `BEFORE` (以前, まで), `AFTER` (以降, から), or \"\"", {"enum": _MODS}),
        Column("earliest", "date", covers, _ISO),
        Column("latest", "date", covers, _ISO),
        Column("anchor_timex_id", "str", "for a relative expression (同年, 翌日, 3日後), the timex it was resolved "
               "from; \"\" otherwise (resolved from the document date, or absolute)",
               {"type": ["string", "null"], "pattern": r"^(.+#t\d+)?$"}),
        Column("calendar", "str", "`gregorian`, or `lunisolar` for a month or day in the old Japanese calendar (a "
               "date with an era year before 明治6年, or marked 旧暦): the `value` is then the **Gregorian** day it "
               "was; \"\" for expressions that are not calendar dates (durations, sets, `PAST_REF`)",
               {"type": "string", "enum": ["", "gregorian", "lunisolar"]}),
        Column("value_as_written", "str", "for a lunisolar date, the date as written in that calendar "
               "(`1860-L03-18` = 万延元年閏3月18日, `L` a leap month); \"\" otherwise",
               {"type": "string", "pattern": r"^$|^\d{4}(-L?\d{2}(-\d{2})?)?$"}),
    ]


def event_classes() -> list[str]:
    """The event classes: those of the trigger lexicon (pipeline/data/triggers.json), then `unknown`."""
    return [*require(DATA_DIR / "triggers.json", "classes"), "unknown"]


def _role_ids() -> dict:
    prefixes = "|".join(id_prefixes()[name] for name in role_labels())
    return {"type": "array", "items": {"type": "string", "pattern": f"^(?:(?:{prefixes}):{_ID_SLUG}|{_ACTOR})$"}}


def _events() -> list[Column]:
    sentence = "the sentence, exactly as in the text, and where"
    days = "the days the date covers (for sorting and plotting)"
    trigger_at = "where the trigger word is in the text"
    roles = "canonical ids of persons or ships, else actor codes, read from the dependency parse (が/は subject, " \
            "を/に object, による agent, passives, causatives, coordination)"
    place = "the place it happened: a GPE/LOC mention of the clause marked as the place (で, 沖, 港, に with a verb " \
            "of arriving)"
    return [
        _doc_id(),
        Column("event_id", "str", "`<doc_id>#e0001`", {"type": "string", "pattern": r"^.+#e\d+$"}),
        Column("sentence", "str", sentence, {"type": "string", "minLength": 1}),
        Column("sent_start", "int", sentence, {"type": "integer", "minimum": 0}),
        Column("sent_end", "int", sentence, {"type": "integer", "minimum": 1}),
        Column("date_value", "str", "the event's date as a TIMEX3 value (see above)", {"type": "string"}),
        Column("date_earliest", "date", days, _ISO),
        Column("date_latest", "date", days, _ISO),
        Column("timex_ids", "list", "the timexes that date it (`\\|`-joined in CSV)",
               {"type": "array", "items": {"type": "string", "pattern": r"^.+#t\d+$"}}),
        Column("trigger", "str", "the word that reports the happening, as written "
               "(`text[trigger_start:trigger_end]`)", {"type": "string", "minLength": 1}),
        Column("trigger_start", "int", trigger_at, {"type": "integer", "minimum": 0}),
        Column("trigger_end", "int", trigger_at, {"type": "integer", "minimum": 1}),
        Column("event_class", "category", "what kind of happening, from the trigger lexicon "
               "(`pipeline/data/triggers.json`; close to the CAMEO event ontology): `meet`, `visit`, "
               "`sign_agreement`, `make_statement`, `disapprove`, `threaten`, `assault`, `fight`, `arrest_detain`, "
               "`test_weapon`, `sanction`, `yield`… `other` = a happening whose verb is not in the lexicon's "
               "classes, `unknown` = a report the lexicon cannot class", {"enum": event_classes()}),
        *_participants("events"),
        Column("mention_ids", "list", "the mentions those come from",
               {"type": "array", "items": {"type": "string", "pattern": r"^.+#m\d+$"}}),
        # written after the contract, in this order, by the events stage
        Column("actors", "list", "the states and organizations named in the sentence, as codes (`USA`, `PRK`, "
               "`JPN`, `SUN` = the Soviet Union; list in `pipeline/data/actors.json`)",
               {"type": "array", "items": {"type": "string", "pattern": f"^{_ACTOR}$"}}, optional=True),
        Column("cameo_root", "category", "the CAMEO root code of the class (`04` consult, `17` coerce…), \"\" when "
               "none", _OPT_STR, optional=True),
        Column("date_confidence", "float", "how surely the date is the happening's own: 1 for the clause's own "
               "date, 0.8 a date of the sentence or the incident's own date, 0.6 a date carried from the narrative "
               "within the paragraph, 0.4 when carried at a coarser precision",
               {"type": ["number", "null"], "minimum": 0, "maximum": 1}, optional=True),
        Column("date_source", "category", "where the date comes from: `explicit` (a date in the sentence governs "
               "the verb), `sentence` (a date elsewhere in the sentence: 1991年の崩壊により), `incident` (the own "
               "date of an incident the sentence names), `narrative` (no date in the sentence: the date of the "
               "story so far, within the paragraph)", _OPT_STR, optional=True),
        Column("hypothetical", "bool", "the happening is only supposed (すれば); kept, flagged",
               {"type": "boolean"}, optional=True),
        Column("location", "str", place + ": its name; \"\" when none", _OPT_STR, optional=True),
        Column("location_mention_id", "str", place + ": its mention_id",
               {"type": ["string", "null"], "pattern": r"^(.+#m\d+)?$"}, optional=True),
        Column("negated", "bool", "the happening is denied (しなかった); kept, flagged", {"type": "boolean"},
               optional=True),
        Column("quad_class", "any", "the class's broad group: `verbal_cooperation`, `material_cooperation`, "
               "`verbal_conflict`, `material_conflict`, `neutral`", {"type": ["integer", "string"]}, optional=True),
        Column("source", "list", "who acted (CAMEO source): " + roles, _role_ids(), optional=True),
        Column("target", "list", "who was acted on (CAMEO target): " + roles, _role_ids(), optional=True),
        Column("trigger_lemma", "str", "the trigger's dictionary form (拿捕した → `拿捕`), which the class lexicon "
               "reads", {"type": "string"}, optional=True),
    ]


def _entities() -> list[Column]:
    happening = "/".join(happening_labels()) or "happening"
    prefixes = "|".join(lab.id_prefix for lab in LABELS if lab.id_prefix)
    return [
        Column("canonical_id", "str", "the entity's canonical id (as in `mentions`)",
               {"type": "string", "pattern": f"^({prefixes}):[a-z0-9][a-z0-9-]*$"}),
        Column("label", "category", "its label: " + ", ".join(f"`{n}`" for n in scored_labels()),
               {"enum": list(scored_labels())}),
        Column("name_ja", "str", "the best Japanese name seen", _OPT_STR),
        Column("name_en", "str", "the best English name seen", _OPT_STR),
        Column("name_en_source", "str", "the best source among its mentions: kb > text > romanized",
               {"enum": ["kb", "text", "romanized", ""]}),
        Column("wikidata", "str", "its Wikidata id, from the knowledge base; empty outside it",
               {"type": "string", "pattern": "^(Q[1-9][0-9]*)?$"}),
        Column("aliases", "list", "every surface form seen, in first-seen order",
               {"type": "array", "items": {"type": "string", "minLength": 1}}),
        Column("n_mentions", "int", "how many mentions name it", {"type": "integer", "minimum": 1}),
        Column("n_documents", "int", "in how many documents", {"type": "integer", "minimum": 1}),
        Column("first_date", "date", "the earliest day of the dated events whose sentences mention it; empty when "
               "none", _DAY),
        Column("last_date", "date", "the latest day of the dated events whose sentences mention it; empty when "
               "none", _DAY),
        Column("date_value", "str", f"{happening} only: its own date, the TIMEX3 value of the earliest-dated event "
               "naming it (so a later sentence recalling it does not date it)", {"type": "string"}),
        Column("earliest", "date", f"{happening} only: the first day of its own date", _DAY),
        Column("latest", "date", f"{happening} only: the last day of its own date", _DAY),
    ]


def _timeline() -> list[Column]:
    happening = "/".join(lab.name.lower() for lab in LABELS if lab.happening) or "happening"
    spans = "`doc_id:sent_start-sent_end`"
    return [
        Column("timeline_id", "str", "`tl00001`, numbered in date order", {"type": "string", "pattern": r"^tl\d{5,}$"}),
        Column("date_value", "str", "the TIMEX3 value most sources give", {"type": "string", "minLength": 1}),
        Column("date_earliest", "date", "the first day of that date", _ISO),
        Column("date_latest", "date", "the last day of that date", _ISO),
        Column("event_class", "category", "the class most of its events have", {"type": "string"}),
        Column("label", "category", f"the canonical id of the {happening} it is, else the trigger", {"type": "string"}),
        *_participants("timeline"),
        Column("actors", "list", "the actor codes of its events",
               {"type": "array", "items": {"type": "string", "pattern": f"^{_ACTOR}$"}}),
        Column("source", "list", "who acted, over its events", {"type": "array", "items": {"type": "string"}}),
        Column("target", "list", "who was acted on, over its events", {"type": "array", "items": {"type": "string"}}),
        Column("source_events", "list", "the event ids of its sources",
               {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": r"^.+#e\d+$"}}),
        Column("source_docs", "list", "the documents reporting it",
               {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}),
        Column("source_spans", "list", f"where each source event is: {spans}",
               {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": r"^.+:\d+-\d+$"}}),
        Column("n_sources", "int", "how many documents report it", {"type": "integer", "minimum": 1}),
        Column("n_agree", "int", "how many documents give a date overlapping the row's",
               {"type": "integer", "minimum": 0}),
        Column("n_conflicts", "int", "how many source events date it differently", {"type": "integer", "minimum": 0}),
        Column("conflicts", "list", f"one per source event that dates it differently: {spans}=date_value",
               {"type": "array", "items": {"type": "string", "pattern": r"^.+:\d+-\d+=.+$"}}),
        Column("conflict_dates", "list", "the dates those give", {"type": "array", "items": {"type": "string"}}),
    ]


_BUILD = {"documents": _documents, "mentions": _mentions, "timexes": _timexes, "events": _events,
          "entities": _entities, "timeline": _timeline}

KIND_DESCRIPTIONS = {
    "documents": "One input file: identity, decoding and status.",
    "mentions": "One entity mention; text == document[start:end].",
    "timexes": "One TIMEX3 expression; text == document[start:end].",
    "events": "One dated event: a sentence, its trigger, date and participants.",
    "entities": "One canonical entity of the corpus, derived from its mentions and events.",
    "timeline": "One happening across the corpus (pipeline/timeline.py): the events of several documents that "
                "report it, how many agree on its date, and the conflicting dates with each side's provenance.",
}


@lru_cache(maxsize=16)
def _columns(kind: str, labels: tuple[Label, ...]) -> tuple[Column, ...]:
    """Cached per kind and registry (`labels` is the cache key: the builders read LABELS)."""
    cols = tuple(_BUILD[kind]())
    assert len({c.name for c in cols}) == len(cols), kind
    return cols


def columns(kind: str) -> tuple[Column, ...]:
    """The columns of one kind in output order: its contract columns, then its optional ones."""
    return _columns(kind, LABELS)


def contract(kind: str) -> list[str]:
    """The names of the columns every record of the kind is written with, in output order."""
    return [c.name for c in columns(kind) if not c.optional]


def optional(kind: str) -> list[str]:
    """The names of the kind's optional columns, in the order they follow the contract."""
    return [c.name for c in columns(kind) if c.optional]


def label_columns(kind: str) -> list[str]:
    """The kind's columns of label ids (persons, ships, incidents), in the kind's order."""
    names = set(event_columns().values())
    return [c.name for c in columns(kind) if c.name in names]


def column_types(kind: str) -> dict[str, str]:
    return {c.name: c.type for c in columns(kind)}
