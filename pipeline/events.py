"""Dated events: one per sentence that has a date and at least one entity.

First version: the trigger is the sentence's main predicate in GiNZA's
dependency parse (the head-final root), the date the sentence's first
calendar timex.
"""
from __future__ import annotations

from bisect import bisect_right

PARTICIPANT_LABELS = {"PERSON": "persons", "SHIP": "ships", "INCIDENT": "incidents"}
DATED_TYPES = ("DATE", "TIME")


def main_predicate(tokens) -> tuple[str, int, int] | None:
    """(lemma, start, end) of the sentence root: the last token whose head lies
    outside the sentence tokens (Japanese is head-final)."""
    if not tokens:
        return None
    idx = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i == t.i or t.head.i not in idx]
    verbal = [t for t in roots if t.pos_ in ("VERB", "NOUN", "PROPN", "ADJ")] or roots
    tok = verbal[-1]
    return tok.lemma_ or tok.text, tok.idx, tok.idx + len(tok.text)


def build_events(doc_id: str, text: str, sentences: list[dict], mentions: list[dict], timexes: list[dict]) -> list[dict]:
    """sentences: [{start, end, trigger: (lemma, start, end) | None}] in order."""
    starts = [s["start"] for s in sentences]

    def sentence_of(pos: int) -> int:
        i = bisect_right(starts, pos) - 1
        return i if i >= 0 and pos < sentences[i]["end"] else -1

    ments_by_sent: dict[int, list[dict]] = {}
    for m in mentions:
        if m["label"] in PARTICIPANT_LABELS:
            ments_by_sent.setdefault(sentence_of(m["start"]), []).append(m)
    tx_by_sent: dict[int, list[dict]] = {}
    for t in timexes:
        if t["type"] in DATED_TYPES:
            tx_by_sent.setdefault(sentence_of(t["start"]), []).append(t)

    events = []
    for si, sent in enumerate(sentences):
        ments, txs = ments_by_sent.get(si), tx_by_sent.get(si)
        if not ments or not txs:
            continue
        date = txs[0]
        trig = sent.get("trigger") or (text[sent["start"]:sent["end"]], sent["start"], sent["end"])
        ev = {
            "doc_id": doc_id,
            "event_id": f"{doc_id}#e{len(events) + 1:04d}",
            "sentence": text[sent["start"]:sent["end"]],
            "sent_start": sent["start"],
            "sent_end": sent["end"],
            "date_value": date["value"],
            "date_earliest": date["earliest"],
            "date_latest": date["latest"],
            "timex_ids": [t["timex_id"] for t in txs],
            "trigger": trig[0],
            "trigger_start": trig[1],
            "trigger_end": trig[2],
            "event_class": "unknown",
        }
        for key in PARTICIPANT_LABELS.values():
            ev[key] = []
        for m in ments:
            ids = ev[PARTICIPANT_LABELS[m["label"]]]
            if m["canonical_id"] not in ids:
                ids.append(m["canonical_id"])
        ev["mention_ids"] = [m["mention_id"] for m in ments]
        events.append(ev)
    return events
