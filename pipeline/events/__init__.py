"""Dated events: one record per reported happening and date in a sentence.

A sentence reports a happening when its main predicate (GiNZA's dependency
root, or the past-tense clause a hedge like 〜と伝えられている reports) is
realized: past tense, or a present dated by a framing date of its own
(1951年、…攻撃します; 7月には…示唆している). States (ある, に過ぎない,
〜ていなかった), 〜し続けた, questions, headings and nominal captions are not
happenings, nor are states held (持っていた, 維持してきた: data/grammar.json state_aspect) or
sentences wholly inside a quoted speech cut at 。 (the speech is the event of the sentence that
quotes it). A sentence cut inside a quotation is read from its narration before the quote mark.
Another realized clause dated by a timex of its own at a different
date (2000年に受賞した in a relative clause; 1950年6月25日の朝鮮戦争勃発から2カ月後)
adds one event for that date. Negated and hypothetical predicates are kept
and flagged. Genre conventions: in a chronology entry (a line opened by its date set off by a
space, 昭和45年(1970年)3月31日　…) the present narrates (…が拉致される), and the most precise date
of the head dates the line; a ている dated by its own day or month records a past happening
(…に進水している); a news headline above a dateline (2006年7月5日) reports that day's happening.

The date is the framing timex of the sentence or the one governing the
predicate (`explicit`), else a timex reaching the main clause through a noun
(`sentence`: 1991年の…崩壊により), else the narrative date (`narrative`): the
date of the last dated happening (or framing date) before it in the same
section (dates of happenings a sentence only mentions, in a relative clause or
a noun, do not move the story); a heading starts a section and carries its date
only when it is a lone date such as 2006年; in a news report a new paragraph without a date
of its own is the dateline's day. A carried clock time keeps its day. A carried date keeps the precision
the text supports: a day carried over several happenings, past その後 or a
repetition (度々), is read as its month; in a new paragraph (a list item
continues its paragraph) or a sentence set in a period (この時代), as its year.
When no timex dates the predicate, a date of the clause the happening is about
(…を2003年4月に行うことに合意した) is preferred to the narrative date, except
for what someone said (…8月に訪問すると語った). Without any date there is no event.

Participants are the PERSON/SHIP/INCIDENT mentions of the sentence (of the
clause, for a secondary happening); actors are the state/organization codes
named there (data/actors.json). The class comes from the trigger lexicon
(data/triggers.json). English text (no parse) uses a lexical fallback on word
forms. Pure Python over tokens: no model calls.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from pipeline.events.clauses import SentenceParse, is_event_noun
from pipeline.events.content import about_abductions, chained_act, content_class, final_class, statement_class
from pipeline.events.dating import (
    Narrative,
    clock_time,
    confidence,
    date_line,
    dated_entries,
    find_dateline,
    heading_date,
    line_head,
    narrates_in_present,
    overlaps,
    precision,
    usable,
)
from pipeline.events.drafts import (
    Draft,
    context_nouns,
    is_heading,
    ja_drafts,
    named_entry,
    trigger_span,
)
from pipeline.events.english import en_drafts
from pipeline.events.lexicon import (
    BULLETS,
    QUESTION,
    class_info,
    classify,
    described_class,
    find_actors,
    law_class,
    lexicon,
    named_class,
    participant_actors,
    refine_class,
)
from pipeline.events.roles import PLACE_LABELS, Roles, english_roles
from pipeline.records import event_columns, happening_labels

__all__ = ["build_events", "class_info", "classify", "find_actors", "lexicon"]

_QUOTE_OPENS = re.compile("[「『]")


def _inside_quotes(text: str, sentences: list[dict]) -> list[bool]:
    """Per sentence: does it lie wholly inside a quotation opened before it (the middle of a
    quoted speech cut at 。: 「…。…。…」と語った)? Quotations do not cross a newline."""
    out = []
    depth, pos = 0, 0
    for sent in sentences:
        if depth == 0 and not _QUOTE_OPENS.search(text, pos, sent["start"]):
            pos = sent["start"]  # nothing opens before the sentence: still outside any quotation
        for ch in text[pos:sent["start"]]:
            depth = 0 if ch == "\n" else depth + (ch in "「『") - (ch in "」』" and depth > 0)
        start_depth = depth
        if depth == 0 and not _QUOTE_OPENS.search(text, sent["start"], sent["end"]):
            pos = sent["end"]
            out.append(False)
            continue
        outside = ""  # what the sentence says outside the quotation (」「 between two quotes is not speech)
        for ch in text[sent["start"]:sent["end"]]:
            depth = 0 if ch == "\n" else depth + (ch in "「『") - (ch in "」』" and depth > 0)
            if depth == 0 and ch not in "「」『』":
                outside += ch
        pos = sent["end"]
        out.append(start_depth > 0 and depth > 0 and not outside.strip(" 、。,"))
    return out


def _nearby_lemmas(trig, tokens: list, c0: int, c1: int, base: int) -> list[str]:
    """Content lemmas of the clause [c0, c1), nearest to the trigger first (the trigger's own dependents first)."""
    own = {c.i for c in trig.children}
    words = [t for t in tokens if t.i != trig.i and t.pos_ in ("NOUN", "VERB", "PROPN") and c0 <= base + t.idx < c1]
    return [t.lemma_ for t in sorted(words, key=lambda t: (t.i not in own, abs(t.i - trig.i)))]


def _governed_lemmas(trig) -> list[str]:
    """What the trigger governs as its object or complement (…を発表した, …したと発表した) and their own
    dependents, nearest first; a plan (…を科す意向を表明した) or a topic (…は) is not what was done."""
    plans = lexicon().hypothetical_nouns
    heads = [c for c in trig.children if c.dep_ in ("obj", "ccomp", "advcl") and c.pos_ in ("NOUN", "VERB", "PROPN")
             and c.lemma_ not in plans and not (c.i + 1 < len(c.doc) and c.doc[c.i + 1].lemma_ in plans)
             and not any(g.dep_ == "case" and g.lemma_ == "は" for g in c.children)]
    words = heads + [g for c in heads for g in c.children if g.pos_ in ("NOUN", "VERB", "PROPN")]
    return [t.lemma_ for t in sorted(words, key=lambda t: abs(t.i - trig.i))]


CAUSE_MARKS = frozenset({"と", "て", "で", "ば", "たら"})  # …すると, …して: the clause before a consequence
CAUSE_CASES = frozenset({"による", "によって", "により"})
CAUSE_OCCASIONS = frozenset({"契機", "きっかけ"})


def _cause_classes(trig) -> list[str]:
    """Classes of the clauses that led to a consequence predicate, nearest first: an adverbial clause
    (…が逮捕されると, …を非難し、) or a による/によって noun (…の主張によって)."""
    out = []
    for c in sorted(trig.children, key=lambda c: -c.i):
        if c.i > trig.i or c.dep_ not in ("advcl", "obl"):
            continue
        marks = {g.lemma_ for g in c.children if g.dep_ in ("mark", "case", "fixed", "aux")}
        after = "".join(t.text for t in c.doc[c.i + 1:c.i + 4])
        clause = c.dep_ == "advcl" and c.pos_ == "VERB" and (marks & CAUSE_MARKS or after.startswith(("し、", "、", "され、")))
        agent = c.dep_ == "obl" and c.pos_ in ("NOUN", "VERB") and after.startswith(tuple(CAUSE_CASES))
        if clause or agent:
            out.append(statement_class(c, classify(c.lemma_, context_nouns(c))))
        elif c.dep_ == "obl" and c.lemma_ in CAUSE_OCCASIONS:  # …の報道を契機として, …をきっかけに
            out.extend(classify(g.lemma_, context_nouns(g)) for g in c.children if g.dep_ == "obj")
    return out


def _passed_law_class(trig, tokens: list, c0: int, c1: int, base: int) -> str | None:
    """A law or resolution passed (可決, 成立, 通過 of 制裁強化決議 in the clause): the class of its subject,
    `other` for a law about nothing the lexicon classes (教育基本法を可決した)."""
    lx = lexicon()
    if trig.lemma_ not in lx.law_passing:
        return None
    for t in tokens:
        if c0 <= base + t.idx < c1 and t.pos_ == "NOUN" and t.lemma_.endswith(lx.law_nouns):
            # its compound name first, then the rest of its noun phrase, nearest first (北朝鮮制裁及び政策強化法)
            words = sorted((x for x in t.subtree if x.i < t.i and x.pos_ in ("NOUN", "VERB")),
                           key=lambda x: (x.dep_ != "compound" or x.head.i != t.i, t.i - x.i))
            parts = [x.lemma_ for x in words]
            return law_class(parts + [t.lemma_[:-k] for k in (1, 2) if len(t.lemma_) > k + 1]) or "other"
    return None


def build_events(doc_id: str, text: str, sentences: list[dict], mentions: list[dict], timexes: list[dict]) -> list[dict]:
    """sentences: [{start, end, tokens, base}] in order (see process._sentences)."""
    starts = [s["start"] for s in sentences]
    participants = event_columns()  # label → the column of its ids
    happenings = happening_labels()

    def sentence_of(pos: int) -> int:
        i = bisect_right(starts, pos) - 1
        return i if i >= 0 and pos < sentences[i]["end"] else -1

    ments_by_sent: dict[int, list[dict]] = {}
    for m in mentions:
        if m["label"] in participants and m.get("canonical_id"):
            ments_by_sent.setdefault(sentence_of(m["start"]), []).append(m)
    places_by_sent: dict[int, list[dict]] = {}
    for m in mentions:
        if m["label"] in PLACE_LABELS:
            places_by_sent.setdefault(sentence_of(m["start"]), []).append(m)
    named_ends: dict[int, set[int]] = {}  # where an INCIDENT or WAR mention ends, per sentence
    for m in mentions:
        if m["label"] in ("INCIDENT", "WAR"):
            named_ends.setdefault(sentence_of(m["start"]), set()).add(m["end"])
    tx_by_sent: dict[int, list[dict]] = {}
    for t in sorted(timexes, key=lambda t: t["start"]):
        tx_by_sent.setdefault(sentence_of(t["start"]), []).append(t)

    events: list[dict] = []
    incident_dates: dict[str, dict] = {}  # incident id → the date of its first dated happening
    story = Narrative()
    entry_end = -1  # end of the chronology entry (a line headed by its date) the sentence is in
    told = ""  # the latest day the document named before the sentence
    quoted = _inside_quotes(text, sentences)
    present = narrates_in_present([text[s["start"]:s["end"]] for s in sentences])
    abductions = about_abductions(text)
    entries = dated_entries(text, sentences, tx_by_sent)
    dl = find_dateline(text, sentences, tx_by_sent)
    story.dateline = tx_by_sent[dl][0] if dl is not None else None
    for si, sent in enumerate(sentences):
        s0, s1 = sent["start"], sent["end"]
        sent_text = text[s0:s1]
        told = max([told] + [t["earliest"] for t in tx_by_sent.get(si - 1, []) if usable(t, text) and t.get("earliest")])
        if quoted[si]:
            continue  # the middle of a quoted speech: the speech is the event of the sentence that quotes it
        stxs = tx_by_sent.get(si, [])
        tokens = [t for t in sent["tokens"] if not t.is_space]
        sp = SentenceParse(tokens, sent["base"], text[sent["start"]:sent["end"]]) if tokens else None
        headline = dl is not None and si == dl - 1 and sp is not None
        if (is_heading(sent_text, sp) or date_line(sent_text, s0, stxs)) and not headline:
            story.reset(heading_date(stxs, text), heading=True)
            continue
        if sp is not None and QUESTION.search(sent_text):
            continue
        if sent_text.startswith(lexicon().writer_notes):
            continue  # 以下、和暦の順に記す: the writer's note on the text
        if headline:
            # a news headline (北朝鮮、ミサイルを発射) reports the happening of the day its dateline gives
            trig = next((t for t in tokens if is_event_noun(t) and classify(t.lemma_) != "unknown"), sp.root)
            drafts, frame = [Draft(date=story.dateline, source="sentence", trig_tok=trig, lemma=trig.lemma_,
                                   cls=classify(trig.lemma_, context_nouns(trig)),
                                   timex_pos=story.dateline["start"], scope=(s0, s1))], None
        elif sp is not None:
            if s0 == 0 or text[s0 - 1] == "\n":
                head, _ = line_head(stxs, text, s0)
                listed = entries and sent_text[:1] in BULLETS  # * 宇野港が竣工する。 under ; 1909年
                entry_end = (text.find("\n", s0) % (len(text) + 1)) if head is not None or listed else -1
            drafts, frame = ja_drafts(sp, stxs, text, s0, chronicle=present or s0 < entry_end, told=told)
            if not drafts:
                named = [m for m in ments_by_sent.get(si, []) if m["label"] in happenings]
                entry = named_entry(sent_text, s0, stxs, named, text)
                if entry is not None:  # 秩父事件。…が蜂起し、…: the rest of the line tells what it was
                    line_end = text.find("\n", s0) % (len(text) + 1)
                    entry.cls = described_class(entry.lemma, [t.lemma_ for s in sentences[si + 1:]
                                                              if s["start"] < line_end for t in s["tokens"]]) or entry.cls
                drafts = [entry] if entry is not None else []
        else:
            drafts, frame = en_drafts(sent_text, s0, stxs, text), None
        kept = []
        seen = set()
        own = _incident_asides(stxs, text, named_ends.get(si, set()))
        for d in drafts:
            if d.date is None:
                gap = text[story.timex["end"]:s0] if story.timex is not None else ""
                carried = story.timex
                d.date, d.source = story.date(sent_text, gap), "narrative"
                if d.date is None:
                    continue
                d.confidence = confidence("narrative", carried, d.date)
                if own and not any(overlaps(t, d.date) for t in own):
                    # the sentence dates the incident it names (旅順攻囲戦(1904年8月19日 - …)), and the
                    # carried date contradicts it: the sentence's own date
                    d.date, d.source, d.confidence = own[0], "sentence", 0.5
            if d.date["value"] not in seen:  # one event per date
                seen.add(d.date["value"])
                kept.append(d)
        kept = _one_per_happening(kept)
        # the story moves on to the dates of what the sentence narrates, not to those of a happening
        # it only mentions (…2000年に訪問したオルブライト…, 3月に行った失敗とは対照的に)
        dated = [(d.timex_pos, d.date) for d in kept if d.source != "narrative" and d.scope is None]
        if frame is not None:
            dated.append((frame["start"], frame))
        if dated:
            story.update(max(dated, key=lambda x: x[0])[1])
        if not kept:
            continue
        copulas = sp.copular_spans() if sp is not None and not headline else []
        for d in sorted(kept, key=lambda d: (d.trig_span or trigger_span(d.trig_tok, sent["base"]))[0]):
            ts, te = d.trig_span or trigger_span(d.trig_tok, sent["base"])
            c0, c1 = d.scope or (s0, s1)
            said = [(a, b) for a, b in copulas if not a <= ts < b]  # …はYで、: Y takes no part
            clause = "".join(" " if any(a <= k < b for a, b in said) else text[k] for k in range(c0, c1)) \
                if said else text[c0:c1]
            actors = participant_actors(clause)
            ments = [m for m in ments_by_sent.get(si, []) if c0 <= m["start"] and m["end"] <= c1 and
                     not any(a <= m["start"] and m["end"] <= b for a, b in said)]
            if d.trig_tok is not None:
                near = _nearby_lemmas(d.trig_tok, tokens, c0, c1, sent["base"])
                d.cls = refine_class(d.cls, d.lemma, text[c0:c1], near, _governed_lemmas(d.trig_tok),
                                     _cause_classes(d.trig_tok))
                law = _passed_law_class(d.trig_tok, tokens, c0, c1, sent["base"])
                d.cls = d.cls if law is None or (law == "other" and d.cls != "unknown") else law
                d.cls = content_class(d.trig_tok, d.cls)
                act = chained_act(sp, d.trig_tok, stxs, d.cls) if sp is not None and d.scope is None else None
                if act is not None:  # 政体書を発布し、…を定める: the act of the chain, not its last step
                    d.outcome = d.trig_tok if d.trig_tok.lemma_ in lexicon().outcomes else None
                    d.trig_tok, d.lemma = act, act.lemma_
                    ts, te = trigger_span(act, sent["base"])
                    d.cls = refine_class(classify(act.lemma_, context_nouns(act)), d.lemma, text[c0:c1],
                                         _nearby_lemmas(act, tokens, c0, c1, sent["base"]), _governed_lemmas(act),
                                         _cause_classes(act))
                    d.cls = content_class(act, d.cls)
                if d.cls in ("other", "unknown") and d.lemma in lexicon().occurring:
                    # 萩の乱が続く, 米騒動が起こった: the happening is the incident it names
                    d.cls = next((c for m in ments if m["label"] in happenings
                                  for c in [named_class(m["text"])] if c != "other"), d.cls)
                d.cls = final_class(d.cls, d.trig_tok, text[c0:c1], abductions)
            if d.trig_tok is not None:
                reader = Roles(tokens, sent["base"], text, ments, places_by_sent.get(si, []))
                reader.bare_subjects = present
                source, target = reader.read(d.trig_tok, d.cls, d.outcome)
                place = reader.location(d.lemma, c0, c1)
            elif sp is None:
                source, target = english_roles(text[c0:c1], c0, ts, ments)
                place = None
            else:  # 紫雲丸事故。: a happening named without a verb names no one acting or acted on
                source, target, place = [], [], None
            cameo, quad = class_info(d.cls)
            if d.source == "narrative":
                d.date, d.source, d.confidence = _incident_date(d, ments, incident_dates)
            ev = {
                "doc_id": doc_id,
                "event_id": f"{doc_id}#e{len(events) + 1:04d}",
                "sentence": sent_text,
                "sent_start": s0,
                "sent_end": s1,
                "date_value": d.date["value"],
                "date_earliest": d.date.get("earliest", ""),
                "date_latest": d.date.get("latest", ""),
                "timex_ids": [d.date["timex_id"]],
                "trigger": text[ts:te] if isinstance(ts, int) and isinstance(te, int) else d.lemma,
                "trigger_start": ts,
                "trigger_end": te,
                "event_class": d.cls,
                **{column: [] for column in participants.values()},
                "mention_ids": [m["mention_id"] for m in ments],
                "source": source,
                "target": target,
                "location": place["text"] if place else "",
                "location_mention_id": place["mention_id"] if place else "",
                "actors": actors,
                "quad_class": quad,
                "cameo_root": cameo,
                "trigger_lemma": d.lemma,
                "date_source": d.source,
                "date_confidence": d.confidence if d.confidence is not None else confidence(d.source),
                "negated": d.negated,
                "hypothetical": d.hypothetical,
            }
            for m in ments:
                ids = ev[participants[m["label"]]]
                if m["canonical_id"] not in ids:
                    ids.append(m["canonical_id"])
            events.append(ev)
            if d.source != "narrative":
                for inc in ev["incidents"]:
                    incident_dates.setdefault(inc, d.date)
    return events


def _incident_asides(stxs: list[dict], text: str, ends: set[int]) -> list[dict]:
    """Dates in brackets right after an incident or war the sentence names: 旅順攻囲戦(1904年8月19日 - …)."""
    out = []
    for t in stxs:
        k = t["start"] - 1
        while k >= 0 and text[k] in " \u3000":
            k -= 1
        if k >= 0 and text[k] in "(（" and k in ends and usable(t, text):
            out.append(t)
    return out


def _one_per_happening(drafts: list[Draft]) -> list[Draft]:
    """One draft per trigger: of dates that nest (1891年 … 5月11日 of 1891年(明治24年)5月11日: a
    date glossed or split by the tagger), the most precise; of a day and a clock time on it (7月5日
    … 午前9時37分頃、…), the clock time."""
    out: list[Draft] = []
    for d in drafts:
        key = d.trig_span or (d.trig_tok.i if d.trig_tok is not None else None)
        twin = next((o for o in out if (o.trig_span or (o.trig_tok.i if o.trig_tok is not None else None)) == key
                     and _nested(o.date, d.date)), None)
        if twin is None:
            out.append(d)
        elif precision(d.date["value"]) > precision(twin.date["value"]) or \
                (precision(d.date["value"]) == precision(twin.date["value"]) and clock_time(d.date) and
                 not clock_time(twin.date)):
            out[out.index(twin)] = d
    return out


def _nested(a: dict, b: dict) -> bool:
    va, vb = a["value"].split("T")[0], b["value"].split("T")[0]
    return va.startswith(vb) or vb.startswith(va)


def _incident_date(d: Draft, ments: list[dict], incident_dates: dict) -> tuple[dict, str, float | None]:
    """A happening that names an incident dated earlier in the document carries the incident's own
    date rather than a narrative date that does not overlap it (洞爺丸事故 … in a 1988 paragraph)."""
    for m in ments:
        own = incident_dates.get(m["canonical_id"]) if m["label"] == "INCIDENT" else None
        if own is not None and not overlaps(own, d.date):
            return own, "incident", confidence("incident")
    return d.date, d.source, d.confidence
