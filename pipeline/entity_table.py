"""The `entities` record kind: one row per canonical entity of a corpus, derived from its mentions and events.

Rows are built while the outputs are assembled, one document at a time (`EntityTable.add` takes a
document's records), so memory grows with the number of distinct entities, not with the corpus.

Columns: pipeline.records.columns("entities"). The best names seen (name_en by its best source: kb >
text > romanized), every surface seen, the first and last day of the dated events whose sentences
mention it, and for a label registered as a happening (INCIDENT) its own date: that of the
earliest-dated event naming it, so a later sentence that only recalls it (2000年に…事件を振り返った)
does not date it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.records import happening_labels, scored_labels
from pipeline.user_kb import wikidata_of

_SOURCE_RANK = {"kb": 3, "text": 2, "romanized": 1, "": 0}


@dataclass
class _Entity:
    canonical_id: str
    label: str
    name_ja: str | None = None
    name_en: str | None = None
    name_en_source: str = ""
    aliases: dict = field(default_factory=dict)
    n_mentions: int = 0
    documents: set = field(default_factory=set)
    first: str = ""
    last: str = ""
    own: tuple | None = None  # (earliest, date_value, latest) of the incident's own event


class EntityTable:
    def __init__(self, wikidata=None):
        self._rows: dict[str, _Entity] = {}
        self._wikidata = wikidata  # canonical_id -> Q-id, looked up when the rows are written
        self._labels = set(scored_labels())
        self._happenings = set(happening_labels())

    def add(self, part: dict) -> None:
        """One document's records ({kind: records}); documents may come in any order."""
        by_mention: dict[str, _Entity] = {}
        for m in part.get("mentions", ()):
            cid = m.get("canonical_id")
            if m.get("label") not in self._labels or not cid:
                continue
            ent = self._rows.get(cid)
            if ent is None:
                ent = self._rows[cid] = _Entity(cid, m["label"])
            ent.n_mentions += 1
            ent.documents.add(m["doc_id"])
            ent.aliases.setdefault(m["text"], None)
            src = m.get("name_en_source") or ""
            if _SOURCE_RANK.get(src, 0) > _SOURCE_RANK.get(ent.name_en_source, 0) or \
                    (src == ent.name_en_source and _longer(m.get("name_en"), ent.name_en)):
                ent.name_en, ent.name_en_source = m.get("name_en") or None, src
            if _longer(m.get("name_ja"), ent.name_ja) or (ent.name_ja is None and m.get("name_ja")):
                ent.name_ja = m.get("name_ja")
            by_mention[m["mention_id"]] = ent
        for ev in part.get("events", ()):
            lo = ev.get("date_earliest") or ""
            hi = ev.get("date_latest") or lo
            if not lo:
                continue
            seen = set()
            for mid in ev.get("mention_ids") or ():
                ent = by_mention.get(mid)
                if ent is None or id(ent) in seen:
                    continue
                seen.add(id(ent))
                ent.first = min(ent.first, lo) if ent.first else lo
                ent.last = max(ent.last, hi) if ent.last else hi
                if ent.label in self._happenings:
                    own = (lo, ev.get("date_value") or "", hi)
                    if ent.own is None or own < ent.own:
                        ent.own = own

    def rows(self) -> list[dict]:
        out = []
        for cid in sorted(self._rows):
            e = self._rows[cid]
            own = e.own or ("", "", "")
            out.append({
                "canonical_id": cid, "label": e.label, "name_ja": e.name_ja, "name_en": e.name_en,
                "name_en_source": e.name_en_source,
                "wikidata": (self._wikidata(cid) if self._wikidata else None) or "",
                "aliases": list(e.aliases), "n_mentions": e.n_mentions, "n_documents": len(e.documents),
                "first_date": e.first, "last_date": e.last,
                "date_value": own[1], "earliest": own[0], "latest": own[2],
            })
        return out


def _longer(a, b) -> bool:
    return bool(a) and (not b or len(a) > len(b) or (len(a) == len(b) and a < b))


def kb_wikidata(cid: str, config: dict | None = None) -> str | None:
    """The Q-id the knowledge base of an entity configuration (pipeline.config; default: the bundled KB)
    gives an entity (None outside it); no spaCy import."""
    config = config or {}
    return wikidata_of(cid, config.get("user_kb_path"), config.get("kb_path"))
