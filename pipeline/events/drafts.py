"""Drafts: one candidate event per happening of a sentence, before the narrative dates it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.events.clauses import SentenceParse, is_predicate
from pipeline.events.dating import (
    TimexRole,
    day_of_old_hour,
    earlier_year,
    in_brackets,
    is_day,
    line_head,
    month_of,
    timex_role,
    usable,
)
from pipeline.events.lexicon import (
    BULLETS,
    CONSEQUENCES,
    SAME_SPAN_GAP,
    SENT_FINAL,
    classify,
    lexicon,
    named_class,
)

# what a chronology line may hold beside its date and the name of what happened: bullets, separators, an aside
_ENTRY_REST = re.compile(r"(?:[\s。．、,:：" + re.escape(BULLETS) + r"]|[(（][^()（）]*[)）])*")


def trigger_span(tok, base: int) -> tuple[int, int]:
    start = base + tok.idx
    end = start + len(tok.text)
    if tok.pos_ == "VERB" and "サ変" not in tok.tag_:
        j = tok.i + 1
        while j < len(tok.doc) and tok.doc[j].pos_ == "AUX" and tok.doc[j].lemma_ not in ("だ", "です"):
            end = base + tok.doc[j].idx + len(tok.doc[j].text)
            j += 1
    return start, end


def context_nouns(tok) -> list[str]:
    """Object/subject nouns of a predicate, nearest first, with their compound forms (首脳会談)."""
    out = []
    for c in sorted(tok.children, key=lambda c: -c.i):
        if c.dep_ in ("obj", "nsubj", "obl", "iobj", "nmod") and c.pos_ in ("NOUN", "PROPN", "VERB"):
            # the compounds among the three tokens before it that are in its subtree, in text order
            comp = "".join(t.text for t in c.doc[max(0, c.i - 3):c.i] if t.dep_ == "compound" and c.is_ancestor(t))
            if comp:
                out.append(comp + c.lemma_)
            out.append(c.lemma_)
    return out


def is_heading(sent_text: str, sp: SentenceParse | None) -> bool:
    s = sent_text.rstrip()
    if not s or s[-1] in SENT_FINAL:
        return False
    if s[0] in BULLETS:
        return False
    if sp is None:
        return len(s.split()) <= 8
    return len(s) <= 20 or not any(is_predicate(t) and t.pos_ in ("VERB", "ADJ") for t in sp.tokens)


@dataclass
class Draft:
    date: dict | None
    source: str
    trig_tok: object = None
    trig_span: tuple[int, int] | None = None
    lemma: str = ""
    cls: str = "unknown"
    negated: bool = False
    hypothetical: bool = False
    timex_pos: int = -1
    scope: tuple[int, int] | None = None  # where its participants are named; None: the whole sentence
    confidence: float | None = None  # date_confidence, when not that of its date source
    outcome: object = None  # the predicate of what the happening led to (…衝突して沈没した: 沈没), when told after it



def _dated_main(sp: SentenceParse, framing: list[TimexRole], chronicle: bool = False, own: list = ()):
    """A main predicate that a framing date makes a happening: 7月には…示唆している (perfect),
    1968年1月23日、…拿捕され、…として知られている (the coordinated clause), …と強く非難。 (noun ending).
    In a chronology entry the present narrates (…が拉致される, …を発表する: the genre's historical present)."""
    root = _passive_host(sp, sp.root) if chronicle else sp.root  # 斬殺せらる: らる taken for a pronoun
    if chronicle and root.pos_ == "VERB" and root.lemma_ not in lexicon().stative:
        p = sp.pred(root)
        # (〜ていない, 〜ている describe a state, as anywhere)
        if not p.hypothetical and p.form != "cond" and not p.progressive and not sp.is_durative(root):
            return root
    if own and root.pos_ == "VERB" and root.lemma_ not in lexicon().stative | lexicon().state_aspect and \
            (any(len(r.timex["value"]) >= 7 for r in own) or classify(root.lemma_, context_nouns(root)) != "unknown"):
        # 2007年6月28日に進水している: a ている dated to a day or month records a past happening; dated to a
        # year, so does a happening of the lexicon (2016年に重要文化財になっている), not an activity that goes
        # on (2010年に東京で働いている)
        p = sp.pred(root)
        if p.progressive and not p.negated and not p.hypothetical:
            return root
    nxt = root.doc[root.i + 1] if root.i + 1 < sp.limit else None
    if "サ変" in root.tag_ and root.pos_ == "NOUN" and nxt is not None and nxt.text == "。":
        return root
    if framing and root.pos_ == "NOUN" and nxt is not None and nxt.text in ("。", "．") and \
            not any(c.dep_ == "cop" for c in root.children):
        # 1951年、元山を爆撃する米国の飛行機。: a dated caption names its happening in a relative clause
        for c in root.children:
            if c.dep_ == "acl" and c.pos_ == "VERB" and c.i in sp.ids and c.lemma_ not in lexicon().stative and \
                    not sp.pred(c).negated and not sp.pred(c).hypothetical:
                return c
    if not framing or not any(len(r.timex["value"]) >= 7 for r in framing):
        return None
    if root.pos_ == "VERB" and root.lemma_ not in lexicon().stative:
        p = sp.pred(root)
        if p.progressive and not p.negated and not p.hypothetical:
            return root
    for c in sorted(root.children, key=lambda c: c.i):
        if c.i in sp.ids and c.dep_ == "advcl" and c.pos_ == "VERB" and c.lemma_ not in lexicon().stative and \
                sp.pred(c).form == "chain":
            return c
    return None


def _passive_host(sp: SentenceParse, tok):
    """The classical passive らる (収容せらる, 命ぜらる) parsed as a verb of its own: the verb it follows."""
    j = tok.i - 1
    if tok.lemma_ != "らる":
        return tok
    while j >= 0 and tok.doc[j].pos_ == "AUX" and tok.doc[j].lemma_ in ("する", "す"):
        j -= 1  # 収容 せ らる
    host = tok.doc[j] if j >= 0 else None
    return host if host is not None and host.i in sp.ids and host.pos_ in ("VERB", "NOUN") else tok


def chained_clauses(sp: SentenceParse, top, after: int):
    """The clauses before `top` (and after the text offset `after`) that open a chain: a verb or a サ変 noun in
    the chain form, neither negated nor hypothetical, ending in 、 or て/で (Xし、 / Xして)."""
    for t in sp.tokens:
        if t.i >= top.i or sp.base + t.idx < after or not (t.pos_ == "VERB" or (t.pos_ == "NOUN" and "サ変" in t.tag_)):
            continue
        p = sp.pred(t)
        last = p.chain[-1] if p.chain else t
        if p.form != "chain" or p.negated or p.hypothetical or last.i + 1 >= sp.limit or \
                (t.doc[last.i + 1].text != "、" and last.lemma_ not in ("て", "で")):
            continue
        yield t


def chain_act(sp: SentenceParse, main, stxs: list[dict]):
    """The act a clause chain reports when its last predicate names no class (政体書を発布し、…を定める;
    …を釈放し、船は…へ向かった; …が公布され、…が避けられなくなる): the first coordinated
    clause before it (Xし、/ Xして / X、) of a lexicon class, after the last date before the main predicate
    (what follows a date is the happening that date belongs to). None when the main predicate is itself
    a classed act (the caller asks only for a main predicate of no class)."""
    lx = lexicon()
    main_at = sp.base + main.idx
    after = max((t["end"] for t in stxs if t["end"] <= main_at), default=-1)
    for t in chained_clauses(sp, main, after):
        if t.lemma_ in lx.stative | lx.durative | lx.light | lx.results or t.lemma_ in CONSEQUENCES:
            continue
        if classify(t.lemma_, context_nouns(t)) in ("other", "unknown") or not chained_to(sp, t, main):
            continue
        return t
    return None


def _reaches(sp: SentenceParse, tok, top, step_ok=None) -> bool:
    """Does the head chain from `tok` reach `top` (within 30 steps), every head on the way passing `step_ok`?"""
    h = sp.head(tok)
    for _ in range(30):
        if h is None:
            return False
        if h.i == top.i:
            return True
        if step_ok is not None and not step_ok(h):
            return False
        h = sp.head(h)
    return False


def chained_to(sp: SentenceParse, tok, top) -> bool:
    """Does `tok` reach `top` through clause heads only (Xし、Yして、Zした), not through a noun it modifies?"""
    return _reaches(sp, tok, top, lambda h: (h.pos_ == "VERB" or (h.pos_ == "NOUN" and "サ変" in h.tag_))
                    and sp.pred(h).form == "chain")


def _under(sp: SentenceParse, tok, top) -> bool:
    """Is `tok` inside the clause of predicate `top` (one of its dependents, at any depth)?"""
    return _reaches(sp, tok, top)


def _time_clause(sp: SentenceParse, trig) -> bool:
    """A clause without a subject of its own before a time noun (…が、午前8時頃に私邸を出発したのち、…に暗殺される):
    adverbial, not relative; its subject is the sentence's, so its participants are the sentence's."""
    return trig.head.i in sp.ids and trig.head.lemma_ in lexicon().transparent | {"のち"} and \
        not any(c.dep_ == "nsubj" for c in trig.children)


def _clause_scope(sp: SentenceParse, trig) -> tuple[int, int]:
    """Document span of the clause of a secondary happening: the trigger's subtree, or for a
    relative clause (受賞した…金大中) the noun phrase it modifies."""
    top = trig.head if trig.dep_ == "acl" and trig.head.i in sp.ids else trig
    toks = [t for t in top.subtree if t.i in sp.ids]
    return sp.base + toks[0].idx, sp.base + toks[-1].idx + len(toks[-1].text)



def ja_drafts(sp: SentenceParse, stxs: list[dict], text: str, sent_start: int,
               chronicle: bool = False, told: str = "") -> tuple[list[Draft], dict | None]:
    """Events of one parsed sentence (a draft without date is dated later by the narrative),
    and the sentence's framing date (2018年3月25日、…) if any. `told`: the latest day the document named
    before the sentence (a present framed by a date of an earlier year narrates the past: a blog of 2021 on
    1864, この日の朝6時50分ごろ、新選組は…を捕らえます)."""
    main = sp.main_predicate()
    now = any(t.get("value") == "PRESENT_REF" for t in stxs)  # 現在は…している: the present state
    head, head_end = line_head(stxs, text, sent_start)
    chronicle = chronicle or head is not None  # a sentence of a chronology entry narrates in the present
    roles = []
    for t in stxs:
        if head is not None and t["start"] < head_end:
            if t is head:  # a chronology entry: its date frames the whole line
                r = timex_role(sp, t, text)
                if r is not None:
                    r.framing = r.initial = True
                    r.nominal, r.attributive, r.relative, r.after_end = None, False, False, -1
                    roles.append(r)
            continue
        if usable(t, text) and not in_brackets(text, sent_start, t["start"]):
            r = timex_role(sp, t, text)
            if r is not None and not r.attributive:
                roles.append(r)

    def realized(r: TimexRole) -> bool:
        if main is not None and r.governor is not None and r.governor.i == main.i and not sp.pred(main).hypothetical:
            return True
        if r.framing and main is not None and (r.nominal is None or r.temporal):
            return True
        if r.governor is None:
            return main is not None
        g = r.governor
        if main is not None and g.pos_ in ("NOUN", "VERB") and "サ変" in g.tag_ and g.i + 1 < sp.limit and \
                g.doc[g.i + 1].text == "、" and not sp.pred(main).hypothetical and chained_to(sp, g, main) and \
                classify(g.lemma_) != "unknown":
            return True  # 1890年1月29日に起工、同年11月26日に進水した: a noun of the chain, comma-joined
        if r.governor.pos_ != "VERB" or r.governor.lemma_ in lexicon().stative:
            return r.nominal is not None and (main is not None or sp.realized(r.governor))
        if main is not None and not sp.pred(main).hypothetical and chained_to(sp, r.governor, main) and \
                r.governor.lemma_ not in lexicon().durative and classify(r.governor.lemma_) != "unknown":
            p = sp.pred(r.governor)  # 1984年に引退し、翌年から公開されている: a clause chained to what happened
            if p.form == "chain" and not (p.negated or p.hypothetical):
                return True
        return sp.realized(r.governor)

    chronicle = chronicle or any(r.framing and r.nominal is None and earlier_year(r.timex, told) for r in roles)
    if main is None:
        main = _dated_main(sp, [r for r in roles if r.framing and r.nominal is None], chronicle=chronicle,
                           own=[r for r in roles if r.nominal is None and r.governor is not None and
                                r.governor.i == sp.root.i and (len(r.timex["value"]) >= 7 or (
                                    len(r.timex["value"]) >= 4 and not now))])
    live = [r for r in roles if realized(r)]
    drafts: list[Draft] = []
    used = set()
    if main is not None:
        ranked = [r for r in live if r.framing and r.nominal is None] or \
            [r for r in live if r.nominal is None and not r.relative and r.governor is not None and
             r.governor.i == main.i] or \
            [r for r in live if r.nominal is None and not r.relative] or \
            [r for r in live if r.framing] or [r for r in live if r.temporal] or \
            [r for r in live if r.initial]
        mr = ranked[0] if ranked else None
        if mr is None and main.lemma_ not in lexicon().report and classify(main.lemma_) != "make_statement":
            # …会合を2003年4月に行うことに合意した: the sentence's own date, though it dates the
            # clause the happening is about, is nearer than any date carried from before (not so
            # for what someone said: …8月に訪問すると語った dates the plan, not the saying)
            mr = next((r for r in roles if r.nominal is None and not r.relative and r.governor is not None and
                       r.governor.i != main.i and _under(sp, r.governor, main)), None)
        if mr is None and sp.pred(main).form not in ("past", "chain") and not chronicle:
            main = None  # a historical present needs its own date
    if main is not None:
        main = _passive_host(sp, main)
        p = sp.pred(main)
        src = "narrative"
        date = mr.timex if mr else None
        if mr is not None:
            src = "explicit" if mr.nominal is None and (mr.framing or (mr.governor is not None and mr.governor.i == main.i)) \
                else "sentence"
            if mr.after_end >= 0 and is_day(date["value"]):
                date = month_of(date)  # after a given day: later that month
            date = day_of_old_hour(date, [r.timex for r in roles])
            used.add(date["value"])
        drafts.append(Draft(date=date, source=src, trig_tok=main, lemma=main.lemma_,
                            cls=classify(main.lemma_, context_nouns(main)), negated=p.negated,
                            hypothetical=p.hypothetical, timex_pos=mr.timex["start"] if mr else -1))
    prev_end = None
    for r in roles:
        joined = prev_end is not None and SAME_SPAN_GAP.match(text[prev_end:r.timex["start"]])
        prev_end = r.timex["end"]
        if joined or r not in live:
            continue  # 2月27日及び翌28日, 5月8日から9日: one happening
        if r.timex["value"] in used or (r.nominal is not None and not r.temporal) or \
                (r.after_end < 0 and r.nominal is not None and r.framing):
            continue
        if r.nominal is None and r.governor is not None and r.governor.lemma_ in lexicon().hypothetical_nouns:
            continue
        trig = r.nominal if r.nominal is not None else r.governor
        if trig is None:
            continue
        used.add(r.timex["value"])
        drafts.append(Draft(date=day_of_old_hour(r.timex, [x.timex for x in roles]), source="explicit",
                            trig_tok=trig, lemma=trig.lemma_,
                            cls=classify(trig.lemma_, context_nouns(trig)),
                            negated=sp.pred(trig).negated if r.nominal is None else False,
                            timex_pos=r.timex["start"],
                            scope=(r.timex["start"], r.after_end) if r.after_end >= 0 else
                            _clause_scope(sp, trig) if r.nominal is not None or (trig.dep_ == "acl" and
                                                                                not _time_clause(sp, trig)) else None))
    frames = [r.timex for r in roles if r.framing and r.nominal is None]
    return drafts, (frames[-1] if frames else None)


def named_entry(sent_text: str, s0: int, stxs: list[dict], named: list[dict], text: str) -> Draft | None:
    """A chronology line that names a happening without a verb (明治7年1月14日 赤坂喰違の変。, 翌月 佐賀の乱。):
    the named incident is the event, dated by the line's date (or, without one, by the narrative)."""
    if len(named) != 1:
        return None
    m = named[0]
    rest = list(sent_text)
    for a, b in [(t["start"], t["end"]) for t in stxs] + [(m["start"], m["end"])]:
        rest[a - s0:b - s0] = " " * (b - a)
    if not _ENTRY_REST.fullmatch("".join(rest)):
        return None
    dated = [t for t in stxs if usable(t, text) and t["end"] <= m["start"]]
    date = dated[0] if dated else None
    return Draft(date=date, source="explicit" if date else "narrative", trig_span=(m["start"], m["end"]),
                 lemma=m["text"], cls=named_class(m["text"]), timex_pos=date["start"] if date else -1)
