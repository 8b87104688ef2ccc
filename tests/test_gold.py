"""Consistency of the gold files corpus/gold/*.json with the corpus and the guidelines.

Offsets index the document text as the pipeline decodes it
(pipeline.ingest.read_document: the bytes decoded with the detected encoding,
BOM removed, nothing else). `text_sha256` is the SHA-256 hex digest of that
decoded text encoded as UTF-8 — not of the file's bytes, so a re-encoded
file with the same text keeps its gold.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import re
from pathlib import Path

import pytest

from pipeline.ingest import SUFFIXES, read_document
from pipeline.records import emitted_labels, id_prefixes, scored_labels

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "corpus" / "gold"
RAW_DIR = ROOT / "corpus" / "raw"
# the development gold plus the held-out and blind sets (each <set>/gold beside <set>/raw)
GOLD_FILES = sorted(set(GOLD_DIR.glob("*.json")) | set((ROOT / "corpus").glob("**/gold/*.json")))

LABELS = set(scored_labels())
# other labels the guidelines name as allowed (not scored as the three)
EXTRA_LABELS = set(emitted_labels()) - LABELS
ID_PREFIX = {label: prefix for label, prefix in id_prefixes().items() if label in LABELS}
CANONICAL_ID = re.compile(r"^[a-z]+:[a-z0-9]+(?:-[a-z0-9]+)*$")
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
MODS = {"", "START", "MID", "END", "APPROX", "BEFORE", "AFTER"}

_Y = r"[0-9X]{4}"
_M = r"(?:0[1-9]|1[0-2]|XX)"
_D = r"(?:0[1-9]|[12][0-9]|3[01]|XX)"
_CALENDAR = rf"{_Y}(?:-{_M}(?:-{_D})?)?"
DATE_VALUE = re.compile(
    rf"^(?:{_CALENDAR}"
    r"|[0-9]{3}"                              # decade: 196 = the 1960s
    r"|[0-9]{2}"                              # century: 18 = the 1800s
    rf"|{_Y}-(?:SP|SU|FA|WI)"                 # seasons
    rf"|{_Y}-Q[1-4X]|{_Y}-H[12X]"             # quarters, halves
    rf"|{_Y}-W(?:[0-4][0-9]|5[0-3]|XX)"       # ISO weeks
    rf"|{_Y}-W(?:[0-4][0-9]|5[0-3]|XX)-[1-7]" # weekdays: XXXX-WXX-1 = a Monday
    rf"|{_Y}-W(?:[0-4][0-9]|5[0-3]|XX)-WE"    # a week's weekend (TimeML: 2024-W10-WE)
    r"|BC[0-9]{4}"                            # years before the common era
    rf"|FY{_Y}(?:-Q[1-4X]|-H[12X])?"          # fiscal years (TimeML: FY1995), their quarters and halves
    r"|PRESENT_REF|PAST_REF|FUTURE_REF)$"
)
TIME_VALUE = re.compile(rf"^(?:{_CALENDAR})?T(?:(?:[01][0-9]|2[0-4]|XX):(?:[0-5][0-9]|XX)(?::[0-5][0-9])?"
                        r"|MO|AF|EV|NI)$")
# TimeML durations also count decades, centuries and millennia (P1DE, P2CE, P1ML)
DURATION_VALUE = re.compile(r"^P(?:(?:[0-9X.]+(?:DE|CE|ML|[YMWD]))+(?:T(?:[0-9X.]+[HMS])+)?|T(?:[0-9X.]+[HMS])+)$")


def value_problem(ttype: str, value) -> str:
    """'' when value is a well-formed TIMEX3 value for the type, else what is wrong."""
    if not isinstance(value, str) or not value:
        return f"empty or non-string value {value!r}"
    if ttype == "DATE":
        if value.endswith("-XX"):  # unknown trailing parts are left out: 2018, not 2018-XX-XX
            return f"DATE value {value!r} has a trailing -XX"
        ok = DATE_VALUE.match(value)
    elif ttype == "TIME":
        ok = TIME_VALUE.match(value)
    elif ttype == "DURATION":
        ok = DURATION_VALUE.match(value)
    elif ttype == "SET":
        ok = DURATION_VALUE.match(value) or DATE_VALUE.match(value) or TIME_VALUE.match(value)
    else:
        return f"unknown type {ttype!r}"
    return "" if ok else f"malformed {ttype} value {value!r}"


def load_gold_doc(path: Path) -> tuple[dict, str | None]:
    """(gold JSON, decoded document text or None when the document is missing/unreadable)."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    doc_id = gold.get("doc_id", path.stem)
    raw_dir = RAW_DIR if path.parent == GOLD_DIR else path.parent.parent / "raw"
    for suffix in SUFFIXES:
        doc_path = raw_dir / f"{doc_id}{suffix}"
        if doc_path.is_file():
            doc = read_document(doc_path, raw_dir)
            return gold, doc.text if doc.status == "ok" else None
    return gold, None


def _span_problems(kind: str, i: int, rec: dict, text: str, key: str = "text") -> list[str]:
    start, end = rec.get("start"), rec.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return [f"{kind}[{i}] bad offsets {start!r}..{end!r}"]
    if text[start:end] != rec.get(key):
        return [f"{kind}[{i}] text[{start}:{end}]={text[start:end]!r} != {rec.get(key)!r}"]
    return []


def _overlaps(kind: str, spans: list[tuple[int, int, str]]) -> list[str]:
    problems = []
    spans = sorted(spans)
    for (s1, e1, t1), (s2, e2, t2) in itertools.pairwise(spans):
        if s2 < e1:
            problems.append(f"{kind}: {t1!r}@{s1}-{e1} overlaps {t2!r}@{s2}-{e2}")
    return problems


def mention_problems(gold: dict, text: str) -> list[str]:
    problems = []
    by_label: dict[str, list] = {}
    for i, m in enumerate(gold.get("mentions", [])):
        problems += _span_problems("mention", i, m, text)
        label = m.get("label")
        if label not in LABELS | EXTRA_LABELS:
            problems.append(f"mention[{i}] label {label!r} not in {sorted(LABELS | EXTRA_LABELS)}")
        cid = m.get("canonical_id")
        if cid:
            if not CANONICAL_ID.match(cid):
                problems.append(f"mention[{i}] canonical_id {cid!r} is not prefix:lowercase-ascii-slug")
            elif label in ID_PREFIX and not cid.startswith(ID_PREFIX[label] + ":"):
                problems.append(f"mention[{i}] {label} with canonical_id {cid!r}")
        if isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
            by_label.setdefault(label, []).append((m["start"], m["end"], m.get("text")))
    for label, spans in sorted(by_label.items(), key=lambda kv: str(kv[0])):
        problems += _overlaps(f"{label} mentions", spans)
    return problems


def timex_problems(gold: dict, text: str) -> list[str]:
    problems = []
    spans = []
    for i, t in enumerate(gold.get("timexes", [])):
        problems += _span_problems("timex", i, t, text)
        if t.get("type") not in TIMEX_TYPES:
            problems.append(f"timex[{i}] type {t.get('type')!r}")
        else:
            why = value_problem(t["type"], t.get("value"))
            if why:
                problems.append(f"timex[{i}] {t.get('text')!r}: {why}")
        if (t.get("mod") or "") not in MODS:
            problems.append(f"timex[{i}] mod {t.get('mod')!r}")
        if isinstance(t.get("start"), int) and isinstance(t.get("end"), int):
            spans.append((t["start"], t["end"], t.get("text")))
    return problems + _overlaps("timexes", spans)


def event_problems(gold: dict, text: str) -> list[str]:
    problems = []
    for i, e in enumerate(gold.get("events", [])):
        problems += _span_problems("event sentence", i, {"start": e.get("sent_start"), "end": e.get("sent_end"),
                                                         "text": e.get("sentence")}, text)
        trig = {"start": e.get("trigger_start"), "end": e.get("trigger_end"), "text": e.get("trigger")}
        if trig["start"] is not None or trig["text"]:
            problems += _span_problems("event trigger", i, trig, text)
            if not problems and not (e["sent_start"] <= trig["start"] and trig["end"] <= e["sent_end"]):
                problems.append(f"event[{i}] trigger {trig['text']!r} outside its sentence")
        date = e.get("date_value") or ""
        if date and value_problem("DATE", date) and value_problem("TIME", date):
            problems.append(f"event[{i}] malformed date_value {date!r}")
        for field in ("persons", "ships", "incidents", "actors", "source", "target"):
            values = e.get(field, [])
            if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
                problems.append(f"event[{i}] {field} must be a list of non-empty strings: {values!r}")
        # roles (where annotated) name participants: ids of the event's own lists or state actor codes
        named = set().union(*(e.get(f, []) for f in ("persons", "ships", "incidents", "actors")))
        for field in ("source", "target"):
            strays = [v for v in e.get(field, []) if ":" in v and v not in named]
            if strays:
                problems.append(f"event[{i}] {field} {strays} not among the event's participants")
        if e.get("location"):
            place = {"start": e.get("location_start"), "end": e.get("location_end"), "text": e.get("location")}
            spans = _span_problems("event location", i, place, text)
            problems += spans
            if not spans and not (e["sent_start"] <= place["start"] and place["end"] <= e["sent_end"]):
                problems.append(f"event[{i}] location {place['text']!r} outside its sentence")
    return problems


# ---------------------------------------------------------------- the checker itself


@pytest.mark.parametrize("ttype,value", [
    ("DATE", "2018"), ("DATE", "2018-06"), ("DATE", "2018-06-12"), ("DATE", "XXXX-08-05"), ("DATE", "196"),
    ("DATE", "18"), ("DATE", "2017-SP"), ("DATE", "2017-Q1"), ("DATE", "2017-H2"), ("DATE", "PRESENT_REF"),
    ("DATE", "PAST_REF"), ("DATE", "19XX"), ("TIME", "1969-04-15T06:30"), ("TIME", "1969-04-15TEV"),
    ("TIME", "T13:49"), ("DURATION", "P13D"), ("DURATION", "P6W"), ("DURATION", "PXY"), ("DURATION", "PT2H"),
    ("SET", "P1Y"), ("DATE", "2024-W10-WE"), ("DURATION", "P1DE"), ("DURATION", "P2CE"),
])
def test_value_checker_accepts(ttype, value):
    assert value_problem(ttype, value) == ""


@pytest.mark.parametrize("ttype,value", [
    ("DATE", "2018-13"), ("DATE", "2018-06-32"), ("DATE", "2018/06/12"), ("DATE", "1960s"), ("DATE", ""),
    ("DATE", "P3D"), ("TIME", "1969-04-15 06:30"), ("TIME", "T25:00"), ("DURATION", "13D"), ("DURATION", "P"),
    ("DATE", "2018-XX-XX"), ("XDATE", "2018"), ("DATE", None),
])
def test_value_checker_rejects(ttype, value):
    assert value_problem(ttype, value) != ""


def test_checker_finds_span_label_overlap_and_trigger_problems():
    text = "1968年1月23日、プエブロ号事件が起きた。"
    gold = {
        "mentions": [{"start": 11, "end": 18, "label": "INCIDENT", "text": "プエブロ号事件"},
                     {"start": 11, "end": 16, "label": "SHIP", "text": "プエブロ号", "canonical_id": "ship:uss-pueblo"},
                     {"start": 12, "end": 16, "label": "SHIP", "text": "エブロ号"},
                     {"start": 0, "end": 4, "label": "YEAR", "text": "1968"},
                     {"start": 11, "end": 16, "label": "PERSON", "text": "プエブロ", "canonical_id": "ship:x"}],
        "timexes": [{"start": 0, "end": 10, "text": "1968年1月23日", "type": "DATE", "value": "1968-1-23", "mod": "X"}],
        "events": [{"sent_start": 0, "sent_end": 23, "sentence": text, "trigger_start": 19, "trigger_end": 21,
                    "trigger": "起き", "date_value": "1968-01-23", "persons": [], "ships": ["ship:uss-pueblo"],
                    "incidents": [], "actors": []},
                   {"sent_start": 0, "sent_end": 10, "sentence": text[:10], "trigger_start": 19, "trigger_end": 21,
                    "trigger": "起き", "date_value": "1968/01", "persons": [], "ships": [], "incidents": []}],
    }
    mentions = mention_problems(gold, text)
    assert any("SHIP mentions" in p for p in mentions)        # nested within one label
    assert any("'YEAR'" in p for p in mentions)
    assert any("text[11:16]" in p for p in mentions)          # surface does not match
    assert any("PERSON with canonical_id" in p for p in mentions)
    assert not any("INCIDENT mentions" in p for p in mentions)  # nesting across labels is fine
    timexes = timex_problems(gold, text)
    assert any("malformed DATE" in p for p in timexes) and any("mod 'X'" in p for p in timexes)
    events = event_problems(gold, text)
    assert [p.split()[0] for p in events] == ["event[1]", "event[1]"]
    assert "outside its sentence" in events[0] and "date_value" in events[1]


# ---------------------------------------------------------------- the gold files

_NO_GOLD = pytest.param(None, marks=pytest.mark.skip(reason=f"no gold files yet in {GOLD_DIR}/*.json"))
_PARAMS = [pytest.param(p, id=f"{p.parent.parent.name}/{p.stem}") for p in GOLD_FILES] or [_NO_GOLD]


@pytest.mark.parametrize("path", _PARAMS)
def test_gold_document_and_hash(path):
    gold, text = load_gold_doc(path)
    assert gold.get("doc_id") == path.stem, "doc_id must equal the file name"
    assert gold.get("lang") in ("ja", "en")
    assert text is not None, f"no readable corpus/raw/{path.stem}.txt|.md"
    assert gold.get("text_sha256") == hashlib.sha256(text.encode("utf-8")).hexdigest(), (
        "text_sha256 is not sha256(decoded text as UTF-8): the document changed or the gold is stale")


@pytest.mark.parametrize("path", _PARAMS)
@pytest.mark.parametrize("check", [mention_problems, timex_problems, event_problems],
                         ids=["mentions", "timexes", "events"])
def test_gold_annotations(path, check):
    gold, text = load_gold_doc(path)
    if text is None:
        pytest.fail(f"no readable corpus/raw/{path.stem}.txt|.md")
    problems = check(gold, text)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:50])


def test_checker_finds_role_and_location_problems():
    text = "1968年1月23日、北朝鮮はプエブロ号を元山沖で拿捕した。"
    start = text.index("拿捕")
    event = {"sent_start": 0, "sent_end": len(text), "sentence": text, "trigger_start": start,
             "trigger_end": start + 2, "trigger": "拿捕", "date_value": "1968-01-23", "persons": [],
             "ships": ["ship:uss-pueblo"], "incidents": [], "actors": ["PRK"], "source": ["PRK"],
             "target": ["ship:uss-pueblo"], "location": "元山沖", "location_start": text.index("元山沖"),
             "location_end": text.index("元山沖") + 3}
    assert event_problems({"events": [event]}, text) == []
    wrong = {**event, "target": ["ship:other"], "location_start": 0, "location_end": 3}
    problems = event_problems({"events": [wrong]}, text)
    assert any("target ['ship:other'] not among" in p for p in problems)
    assert any("event location" in p for p in problems)
