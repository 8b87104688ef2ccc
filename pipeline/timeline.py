"""One timeline across documents: one row per happening, with where the sources agree and conflict.

Input: the event records of a whole corpus (pure function over plain dicts, no model).

- **Incidents** (the labels pipeline.records registers as happenings). Every document that names
  an incident (incident:…) in its events claims one date for it: the date of its own first dated happening naming the incident (the most precise of those that
  share that first day). All claims about one incident make one row; its date is the one most
  documents give (ties: the most precise, then the earliest); documents whose claim does not overlap
  it are listed as conflicts, each with its provenance (document, sentence span, date as written
  there). Later happenings that only mention the incident stay rows of their own.
  An event whose sentence names an incident that was linked elsewhere in the corpus (the same
  surface) names it as well.
- **Other happenings.** Events of different documents whose dates overlap (both at least month
  precision, or the same value), whose class agrees and whose participants (persons, ships) share
  an id are merged, transitively.
Negated and hypothetical events are no happenings and are left out.

Row columns: pipeline.records.columns("timeline") (the label columns follow the registry).
"""
from __future__ import annotations

from collections import Counter, defaultdict

from pipeline.records import event_columns, happening_labels, id_prefixes


def _happening_columns() -> list[str]:
    """The events' columns of the labels registered as happenings (incidents): one row per id."""
    happenings = happening_labels()
    return [column for label, column in event_columns().items() if label in happenings]


def _participant_columns() -> list[str]:
    """The events' columns of the other labels (persons, ships): merged on a shared id."""
    happenings = happening_labels()
    return [column for label, column in event_columns().items() if label not in happenings]


def event_keys() -> tuple[str, ...]:
    """What the timeline keeps of an event (the sentence text stays in events)."""
    return ("doc_id", "event_id", "sent_start", "sent_end", "date_value", "date_earliest", "date_latest",
            "event_class", "trigger", *event_columns().values(), "actors", "source", "target", "negated",
            "hypothetical", "sentence")


def _as_list(v) -> list:
    if v is None:
        return []
    if isinstance(v, str):
        return [x for x in v.split("|") if x]
    return list(v)


def _interval(e: dict) -> tuple[str, str] | None:
    a, b = str(e.get("date_earliest") or "")[:10], str(e.get("date_latest") or "")[:10]
    return (a, b) if a and b else None


def _overlap(a: dict, b: dict) -> bool:
    return _dates_overlap(_interval(a), str(a.get("date_value")), _interval(b), str(b.get("date_value")))


def _dates_overlap(ia: tuple[str, str] | None, va: str, ib: tuple[str, str] | None, vb: str) -> bool:
    """Two events' dates overlap: their intervals do, or without an interval their values are equal."""
    if ia is None or ib is None:
        return va == vb
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def _precision(value) -> int:
    return sum(ch.isdigit() for ch in str(value or "").split("T")[0])


def _span(e: dict) -> str:
    return f"{e['doc_id']}:{int(e['sent_start'])}-{int(e['sent_end'])}"


def _happened(e: dict) -> bool:
    return not e.get("negated") and not e.get("hypothetical") and bool(e.get("date_value"))


def _with_named_incidents(e: dict, names: list[tuple[str, str]], column_of: dict[str, str]) -> dict:
    """e with the ids of the happenings its sentence names (`names`: (surface, id) sorted), each in its
    label's column."""
    sentence = str(e.get("sentence") or "")
    out = e
    for column in _happening_columns():
        have = _as_list(e.get(column))
        found = [cid for name, cid in names if len(name) >= 3 and name in sentence
                 and column_of.get(cid.split(":")[0]) == column and cid not in have]
        if found:
            out = dict(out, **{column: have + sorted(set(found))})
    return out


class _Sets:
    def __init__(self, n: int):
        self.up = list(range(n))

    def find(self, i: int) -> int:
        while self.up[i] != i:
            self.up[i] = self.up[self.up[i]]
            i = self.up[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.up[max(a, b)] = min(a, b)


def _join_blocks(evs: list[dict], blocks, sets: _Sets) -> None:
    """Join the events of a block (same class, a shared participant) that come from different documents
    and overlap in date, when both dates are precise to the month or they are the same date. Every pair
    of a block is compared (a participant named often makes a large block), so what a comparison reads
    of an event is read once per event: its document, date interval and precision."""
    doc = [e["doc_id"] for e in evs]
    interval = [_interval(e) for e in evs]
    as_text = [str(e.get("date_value")) for e in evs]
    value = [e["date_value"] for e in evs]
    precise = [_precision(v) >= 6 for v in value]
    for members in blocks:
        for a_pos, a in enumerate(members):
            da, ia = doc[a], interval[a]
            for b in members[a_pos + 1:]:
                if doc[b] == da or not _dates_overlap(ia, as_text[a], interval[b], as_text[b]):
                    continue
                if (precise[a] and precise[b]) or value[a] == value[b]:
                    sets.join(a, b)


def build_timeline(events: list[dict], incident_names: dict[str, str] | None = None) -> list[dict]:
    """Timeline rows (see the module doc) from the events of every document, ordered by date.
    incident_names (surface → incident id, from the corpus's mentions): an event whose sentence
    names an incident the entities stage linked elsewhere in the corpus names it too."""
    evs = sorted((e for e in events if _happened(e)), key=lambda e: (e["doc_id"], str(e["event_id"])))
    if incident_names:
        columns = event_columns()
        column_of = {id_prefixes()[label]: columns[label] for label in happening_labels() if label in columns}
        names = sorted(incident_names.items())
        evs = [_with_named_incidents(e, names, column_of) for e in evs]
    rows: list[dict] = []
    taken: set[int] = set()

    # incidents: one claim per document and incident
    by_incident: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, e in enumerate(evs):
        for column in _happening_columns():
            for inc in _as_list(e.get(column)):
                by_incident[inc][e["doc_id"]].append(i)
    for inc in sorted(by_incident):
        claims = {}
        for doc, idx in by_incident[inc].items():
            first = min(idx, key=lambda i: (_interval(evs[i]) or ("9999",))[0])
            same = [i for i in idx if _overlap(evs[i], evs[first])]
            claims[doc] = max(same, key=lambda i: (_precision(evs[i]["date_value"]), -i))
        row, used = _incident_row(inc, evs, claims, by_incident[inc])
        rows.append(row)
        taken.update(used)

    # other happenings: merged across documents by date, class and a shared participant
    rest = [i for i in range(len(evs)) if i not in taken]
    sets = _Sets(len(evs))
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in rest:
        for key in _participant_columns():
            for pid in _as_list(evs[i].get(key)):
                blocks[(str(evs[i].get("event_class")), pid)].append(i)
    _join_blocks(evs, blocks.values(), sets)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in rest:
        groups[sets.find(i)].append(i)
    for members in groups.values():
        rows.append(_merged_row(evs, members))

    rows.sort(key=lambda r: (r["date_earliest"] or "9999", r["date_value"], r["label"], r["source_events"]))
    for n, r in enumerate(rows, 1):
        r["timeline_id"] = f"tl{n:05d}"
    return [{"timeline_id": r.pop("timeline_id"), **r} for r in rows]


def _union(evs: list[dict], idx: list[int], key: str) -> list[str]:
    out: list[str] = []
    for i in idx:
        for v in _as_list(evs[i].get(key)):
            if v not in out:
                out.append(v)
    return out


def _row(evs: list[dict], idx: list[int], date: dict, label: str) -> dict:
    idx = sorted(idx)
    classes = Counter(str(evs[i].get("event_class") or "") for i in idx)
    return {
        "date_value": str(date["date_value"]),
        "date_earliest": str(date.get("date_earliest") or ""),
        "date_latest": str(date.get("date_latest") or ""),
        "event_class": min(classes, key=lambda c: (-classes[c], c)),
        "label": label,
        **{column: _union(evs, idx, column) for column in (*_happening_columns(), *_participant_columns())},
        "actors": _union(evs, idx, "actors"),
        "source": _union(evs, idx, "source"),
        "target": _union(evs, idx, "target"),
        "source_events": [str(evs[i]["event_id"]) for i in idx],
        "source_docs": sorted({evs[i]["doc_id"] for i in idx}),
        "source_spans": [_span(evs[i]) for i in idx],
        "n_sources": len({evs[i]["doc_id"] for i in idx}),
    }


def _incident_row(inc: str, evs: list[dict], claims: dict[str, int],
                  named: dict[str, list[int]]) -> tuple[dict, set[int]]:
    votes: dict[str, list[int]] = defaultdict(list)
    for i in claims.values():
        votes[str(evs[i]["date_value"])].append(i)

    def rank(value: str):
        first = votes[value][0]
        return (-len({evs[i]["doc_id"] for i in votes[value]}), -_precision(value),
                (_interval(evs[first]) or ("9999",))[0], value)

    best = evs[votes[min(votes, key=rank)][0]]
    agree = [i for i in claims.values() if _overlap(evs[i], best)]
    # a document's other events naming the incident on the agreed date are sources too
    idx = set(agree) | {i for doc in named for i in named[doc] if _overlap(evs[i], best)}
    row = _row(evs, sorted(idx), best, inc)
    disagree = sorted(i for i in claims.values() if i not in agree)
    row["n_agree"] = len({evs[i]["doc_id"] for i in agree})
    row["n_conflicts"] = len(disagree)
    row["conflicts"] = [f"{_span(evs[i])}={evs[i]['date_value']}" for i in disagree]
    row["conflict_dates"] = sorted({str(evs[i]["date_value"]) for i in disagree})
    if disagree:
        row["source_events"] += [str(evs[i]["event_id"]) for i in disagree]
        row["source_spans"] += [_span(evs[i]) for i in disagree]
        row["source_docs"] = sorted(set(row["source_docs"]) | {evs[i]["doc_id"] for i in disagree})
        row["n_sources"] = len(row["source_docs"])
    return row, idx | set(disagree)


def _merged_row(evs: list[dict], idx: list[int]) -> dict:
    best = max(idx, key=lambda i: (_precision(evs[i]["date_value"]), -i))
    e = evs[best]
    row = _row(evs, idx, e, str(e.get("trigger") or ""))
    row["n_agree"] = row["n_sources"]
    row["n_conflicts"] = 0
    row["conflicts"] = []
    row["conflict_dates"] = []
    return row
