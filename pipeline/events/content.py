"""Classes read from what a statement says and from the story a happening belongs to (CAMEO codes a
statement by its content): a criticism or an accusation is disapprove, an intention to act is an
intent to cooperate, a threat or the measure announced, an announced past act is that act, a remark
made after a meeting reports the meeting; a disappearance in a document about abductions is the
abduction. Data: triggers.json `statements` and `disappearances`."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.events.drafts import chain_act, chained_clauses, chained_to, context_nouns
from pipeline.events.lexicon import CAUSE_CLASSES, TRIGGERS_PATH, classify, find_actors, lexicon
from pipeline.events.roles import UNDERGO_VERBS
from pipeline.resources import require

STATEMENT = "make_statement"
CONTENT_DEPS = frozenset({"ccomp", "obj", "csubj"})
NOMINALIZERS = frozenset({"こと", "の"})
VERBAL = frozenset({STATEMENT, "express_intent_to_cooperate"})  # a remark or a promise


@dataclass(frozen=True)
class StatementWords:
    criticism: tuple[str, ...]
    accusing: frozenset[str]
    announcing: frozenset[str]
    intent_nouns: frozenset[str]
    cooperative: frozenset[str]
    hostile: frozenset[str]
    measures: frozenset[str]
    frames: frozenset[str]
    willingness: frozenset[str]
    joint: tuple[str, ...]
    consent: frozenset[str]
    relation_verbs: frozenset[str]
    relation_nouns: tuple[str, ...]
    relation_builders: frozenset[str]
    force_verbs: frozenset[str]
    force_units: tuple[str, ...]
    by_object: tuple[tuple[frozenset[str], tuple[str, ...], str], ...]
    civilian_ships: tuple[str, ...]
    find_verbs: frozenset[str]
    remains: tuple[str, ...]
    civilian_name: re.Pattern
    disappearances: tuple[str, ...]
    abduction_topic: tuple[str, ...]


@lru_cache(maxsize=1)
def words() -> StatementWords:
    def st(key):
        return require(TRIGGERS_PATH, "statements", key)

    return StatementWords(
        criticism=tuple(st("criticism")), accusing=frozenset(st("accusing")), announcing=frozenset(st("announcing")),
        intent_nouns=frozenset(st("intent_nouns")), cooperative=frozenset(st("cooperative")),
        hostile=frozenset(st("hostile")), measures=frozenset(st("measures")), frames=frozenset(st("frames")),
        willingness=frozenset(st("willingness")), joint=tuple(st("joint")),
        consent=frozenset(require(TRIGGERS_PATH, "consent", "verbs")),
        relation_verbs=frozenset(require(TRIGGERS_PATH, "relations", "verbs")),
        relation_nouns=tuple(require(TRIGGERS_PATH, "relations", "nouns")),
        relation_builders=frozenset(require(TRIGGERS_PATH, "relations", "builders")),
        force_verbs=frozenset(require(TRIGGERS_PATH, "forces", "verbs")),
        force_units=tuple(require(TRIGGERS_PATH, "forces", "units")),
        by_object=tuple((frozenset(r["verbs"]), tuple(r["words"]), r["class"])
                        for r in require(TRIGGERS_PATH, "by_object", "rules")),
        civilian_ships=tuple(require(TRIGGERS_PATH, "civilian_ships", "cues")),
        find_verbs=frozenset(require(TRIGGERS_PATH, "finds", "verbs")),
        remains=tuple(require(TRIGGERS_PATH, "finds", "remains")),
        # 阿波丸は, 第三宇高丸が: a name in 丸 (not 日の丸, 丸腰)
        civilian_name=re.compile("[\u4e00-\u9fff\u30a0-\u30ff]" + re.escape(require(TRIGGERS_PATH, "civilian_ships", "name_suffix"))
                                 + "(?![\u4e00-\u9fff])"),
        disappearances=tuple(require(TRIGGERS_PATH, "disappearances", "expressions")),
        abduction_topic=tuple(require(TRIGGERS_PATH, "disappearances", "topic")),
    )


def _text(toks) -> str:
    return "".join(t.text for t in sorted(toks, key=lambda t: t.i))


def _content_heads(trig) -> list:
    """What a statement verb says: its complement clause or object before it (「…」と述べた, …を表明した,
    …という主張), not its speaker."""
    heads = []
    passive = any(c.dep_ == "aux" and c.lemma_ in ("れる", "られる") for c in trig.children)
    for c in trig.children:
        if c.i > trig.i:
            continue
        quoted = c.dep_ == "advcl" and any(g.dep_ == "case" and g.lemma_ == "と" for g in c.children)
        told = passive and c.dep_ == "nsubj" and c.lemma_ in NOMINALIZERS  # …ことが伝達された
        if c.dep_ in CONTENT_DEPS or quoted or told or (c.dep_ == "acl" and trig.pos_ == "NOUN"):
            if c.lemma_ in NOMINALIZERS:  # …を行う計画があることを表明した: the clause the こと names
                heads.extend(g for g in c.children if g.dep_ == "acl")
            else:
                heads.append(c)
    return heads


def _speaker_actor(trig) -> str | None:
    """The first actor code of who speaks: the subject (…は/が) or, for a noun, its の-modifier (アメリカ側の主張)."""
    for c in sorted(trig.children, key=lambda c: c.i):
        if c.dep_ == "nsubj" or (trig.pos_ == "NOUN" and c.dep_ == "nmod"):
            found = find_actors(_text(c.subtree))
            if found:
                return found[0]
    return None


def _accuses(trig, heads: list) -> bool:
    """A claim (主張, 指摘) whose content names as its doer (…が) a party other than the speaker."""
    if trig.lemma_ not in words().accusing:
        return False
    speaker = _speaker_actor(trig)
    for h in heads:
        for t in h.subtree:
            if t.dep_ == "nsubj" and any(g.dep_ == "case" and g.lemma_ == "が" for g in t.children):
                doers = find_actors(_text(x for x in t.subtree if not (x.dep_ == "case" and x.head.i == t.i)))
                if doers and doers[0] != speaker:
                    return True
    return False


def _done(tok) -> bool:
    """Is the clause `tok` reported as done, its past tense right before the quotative or こと
    (…を逮捕したと, …を送ったことを), not a chain (…を発射し、…) nor an act still to come?"""
    j = tok.i + 1
    while j < len(tok.doc) and tok.doc[j].pos_ == "AUX":
        j += 1
    return j < len(tok.doc) and tok.doc[j - 1].lemma_ == "た" and tok.doc[j].lemma_ in ("と", "こと")


def _act_class(tok) -> str:
    """The class of an act the statement is about: its own, else that of the first classed word it governs."""
    cls = classify(tok.lemma_, context_nouns(tok))
    if cls != "unknown":
        return cls
    lx = lexicon()
    for t in sorted(tok.subtree, key=lambda t: -t.i):
        if t.i != tok.i and t.pos_ in ("NOUN", "VERB") and t.lemma_ not in lx.light:
            found = classify(t.lemma_)
            if found != "unknown":
                return found
    return cls


def _intended(heads: list) -> str | None:
    """The class of the act a stated intention or plan is about (…を行う計画があることを表明した,
    …を科す意向を示した, …を議論する意思がある), None when the content is no plan."""
    w = words()
    for h in heads:
        plan = h if h.lemma_ in w.intent_nouns else next(  # …する計画がある
            (c for c in h.children if c.dep_ == "nsubj" and c.lemma_ in w.intent_nouns), None) \
            if h.lemma_ in lexicon().stative else None
        acts = [c for c in plan.children if c.dep_ == "acl" and c.pos_ in ("VERB", "NOUN")] if plan else []
        if acts:
            act = _act_class(acts[0])
            # a readiness or will to act (…する用意がある, 意思がある) offers cooperation unless the act is hostile
            return "express_intent_to_cooperate" if plan.lemma_ in w.willingness and act not in w.hostile else act
    return None


def _announced(heads: list) -> str | None:
    """The class of the done act an announcement reports (…を逮捕したと発表した)."""
    for h in heads:
        if h.pos_ == "VERB" and _done(h):  # a clause, not a noun object (…の中止を発表した)
            return _act_class(h)
    return None


def _after_meeting(trig) -> str | None:
    """A remark framed by a meeting it followed (…との会談後、…と述べた; 面会後に「…」と言った): the meeting's
    class. The frame may hang from anywhere in the remark's clause (the parser often attaches it to the
    quoted content)."""
    w = words()
    for c in trig.subtree:
        if c.i < trig.i and c.dep_ in ("obl", "advcl", "nmod") and c.lemma_ in w.frames:
            for m in c.children:
                if m.i < c.i and m.dep_ in ("compound", "nmod", "acl"):
                    cls = classify(m.lemma_)
                    if cls in ("meet", "consult"):
                        return cls
    return None


def statement_class(trig, cls: str) -> str:
    """The class a statement takes from what it says (`cls` of any other class is returned as it is)."""
    if cls != STATEMENT or trig is None:
        return cls
    w = words()
    heads = _content_heads(trig)
    said = "".join(_text(h.subtree) for h in heads)
    if any(h.pos_ == "NOUN" and _text(x for x in h.subtree if x.i <= h.i and x.dep_ in ("compound", "ROOT", "obj")
                                   or x.i == h.i).endswith(w.joint) for h in heads):
        return "sign_agreement"  # 両国は共同宣言を発表した: a joint declaration is an agreement reached
    if any(x in said for x in w.criticism) or _accuses(trig, heads):
        return "disapprove"
    meeting = _after_meeting(trig)
    if meeting is not None:
        return meeting
    act = _intended(heads)
    if act in w.cooperative or act == "express_intent_to_cooperate":
        return "express_intent_to_cooperate"
    if act in w.hostile:
        return "threaten"
    if act in w.measures:
        return act
    act = _announced(heads) if trig.lemma_ in w.announcing else None
    if act is not None and act not in (STATEMENT, "other", "unknown"):
        return act  # …を逮捕したと発表した: the arrest it reports
    return cls


def _doer(act) -> str | None:
    """The first actor code of the が-subject of a clause."""
    for t in act.children:
        if t.dep_ == "nsubj" and any(g.dep_ == "case" and g.lemma_ == "が" for g in t.children):
            found = find_actors(_text(x for x in t.subtree if not (x.dep_ == "case" and x.head.i == t.i)))
            if found:
                return found[0]
    return None


def consent_class(trig, cls: str) -> str:
    """Agreeing to an act of yield class, or to an act another party does (…の解除を開始することに合意した,
    アメリカが…調査をすることに同意した), is yielding (CAMEO 08), not a promise to cooperate."""
    if trig.lemma_ not in words().consent or cls != "express_intent_to_cooperate":
        return cls
    agreer = _speaker_actor(trig)
    for c in trig.children:
        if c.i < trig.i and c.dep_ == "obl" and c.lemma_ in NOMINALIZERS:
            for act in (g for g in c.children if g.dep_ == "acl"):
                doer = _doer(act)
                if _act_class(act) == "yield" or (doer is not None and doer != agreer):
                    return "yield"
    return cls


def _names_relation(trig, deps: tuple[str, ...] = ("obj", "nsubj")) -> bool:
    """Does what `trig` opens, builds or recognizes name a relation or a party (国交を, 政府を, 北朝鮮を)? Its
    object when it has one, else its subject (航路が開設される, 横浜港は開港した)."""
    w = words()
    for dep in deps:
        found = [c for c in trig.children if c.dep_ == dep and c.pos_ in ("NOUN", "PROPN")]
        for c in found:
            name = _text(x for x in c.subtree if x.i == c.i or (x.dep_ == "compound" and x.head.i == c.i))
            if name.endswith(w.relation_nouns) or find_actors(name):
                return True
        if found:
            return False
    return False


def relation_class(trig, cls: str) -> str:
    """開設, 樹立, 承認…: diplomatic cooperation when what is opened, set up or recognized is a relation or a
    party (国交を樹立した, 政府を承認した), else a founding or approval of no CAMEO class (航路が開設される);
    a relation built or restored (通商関係を築いた) is diplomatic cooperation."""
    w = words()
    if trig.lemma_ in w.relation_verbs and cls == "cooperate_diplomatically":
        return cls if _names_relation(trig) else "other"
    if trig.lemma_ in w.relation_builders and cls in ("other", "unknown") and _names_relation(trig, ("obj",)):
        return "cooperate_diplomatically"
    return cls


def force_class(trig, cls: str) -> str:
    """Forces sent or moved (援軍が送られた, 爆撃機が上空を航行した) show military force (CAMEO 15)."""
    w = words()
    if trig.lemma_ not in w.force_verbs or cls not in ("provide_aid", "other", "unknown"):
        return cls
    for c in trig.children:
        if c.dep_ in ("obj", "nsubj") and c.pos_ in ("NOUN", "PROPN"):
            name = _text(x for x in c.subtree if x.i == c.i or (x.dep_ == "compound" and x.head.i == c.i))
            if name.endswith(w.force_units):
                return "exhibit_force_posture"
    return cls


def object_class(trig, cls: str) -> str:
    """A verb classed by what it takes (斬罪に処された: assault; 新聞報道を禁止した: coerce)."""
    for verbs, nouns, found in words().by_object:
        if trig.lemma_ in verbs:
            taken = "".join(_text(c.subtree) for c in trig.children if c.i < trig.i and c.dep_ in ("obj", "obl", "nsubj"))
            if any(n in taken for n in nouns):
                return found
    return cls


def content_class(trig, cls: str) -> str:
    """The class of a trigger read from what it says or agrees to (see the module's doc)."""
    if trig is None:
        return cls
    return object_class(trig, force_class(trig, relation_class(trig, consent_class(trig, statement_class(trig, cls)))))


def chained_act(sp, trig, stxs: list[dict], cls: str):
    """The act a clause chain reports instead of its last predicate: when that predicate names no class
    (drafts.chain_act), or is a remark or a promise after a classed act (…電話会談を行い、…と述べた; …声明に
    署名し、…と述べた; 協定を結び、…と約束した: the talk, the signature), the first such act after the last
    date before the remark; a remark chained to a remark stays the remark. An outcome (a sinking, a death, an
    injury) told after the collision or the act of violence that caused it is that act (cause_of_outcome)."""
    cause = cause_of_outcome(sp, trig, stxs)
    if cause is not None:
        return cause
    if cls in ("other", "unknown"):
        return chain_act(sp, trig, stxs)
    if classify(trig.lemma_) not in VERBAL:
        return None
    at = sp.base + trig.idx
    after = max((t["end"] for t in stxs if t["end"] <= at and any(c.isdigit() for c in t.get("value", ""))),
                default=-1)  # a dated timex, not 将来 or 当時
    for t in chained_clauses(sp, trig, after):
        if t.dep_ == "advcl" and classify(t.lemma_, context_nouns(t)) not in VERBAL | {"other", "unknown"} \
                and chained_to(sp, t, trig):
            return t
    return None


def cause_of_outcome(sp, trig, stxs: list[dict]):
    """…と衝突して沈没した, …に襲われ負傷する, …を銃撃して11名を死亡させる: an outcome (data: triggers.json
    `collisions` outcomes) chained to a collision or an act of violence before it (after the last date before
    the outcome) reports that act; None when the trigger is no outcome or no such clause leads to it."""
    lx = lexicon()
    if trig.lemma_ not in lx.outcomes:
        return None
    at = sp.base + trig.idx
    after = max((t["end"] for t in stxs if t["end"] <= at and any(c.isdigit() for c in t.get("value", ""))),
                default=-1)
    for t in [*chained_clauses(sp, trig, after), *_joined_before(sp, trig, after)]:
        if t.lemma_ in lx.outcomes or not chained_to(sp, t, trig):
            continue
        if t.lemma_ in lx.collisions or classify(t.lemma_) in CAUSE_CLASSES:
            return t  # (a verb of undergoing, 雷撃を受けて沈没した, is no act: the sinking stays the event)
    return None


def _joined_before(sp, trig, after: int):
    """The chain-form clause written right before `trig` without a comma (襲われ負傷する)."""
    for t in sp.tokens:
        if t.i < trig.i and sp.base + t.idx >= after and (t.pos_ == "VERB" or "サ変" in t.tag_):
            p = sp.pred(t)
            if p.form == "chain" and not p.negated and not p.hypothetical and (p.chain[-1] if p.chain else t).i + 1 == trig.i:
                yield t


def about_abductions(text: str) -> bool:
    return any(x in text for x in words().abduction_topic)


def final_class(cls: str, trig, clause: str, abductions: bool) -> str:
    """Last readings of a trigger left without a conflict class. A verb of occurring or going on takes the
    class of the act its subject names. A disappearance (…が行方不明となる,
    消息を絶つ) told in a document about abductions is the abduction. A light verb whose object names
    nothing the lexicon classes (貨車航送を始める, 調査を実施した) reports a happening of no CAMEO class: other.
    A ship of no armed force sunk by an attack is assaulted. A find of remains or wreckage is other."""
    if abductions and cls in ("other", "unknown") and any(x in clause for x in words().disappearances):
        return "assault"
    lx, w = lexicon(), words()
    if cls in ("other", "unknown") and trig is not None and trig.lemma_ in lx.occurring:
        # …の探索と捕縛は続いた, 暴動が起きた: the happening is the act its subject names
        for c in (c for c in trig.children if c.dep_ == "nsubj"):
            for n in [c, *(g for g in c.children if g.dep_ in ("conj", "nmod") and g.pos_ in ("NOUN", "VERB"))]:
                comp = "".join(t.text for t in n.children if t.dep_ == "compound" and t.i < n.i)
                whole = classify(comp + n.lemma_) if comp else "unknown"  # 無罪判決が出た: the compound's class
                found = whole if whole != "unknown" else classify(n.lemma_)
                if found not in ("other", "unknown"):
                    return found
    if cls == "unknown" and trig is not None and trig.lemma_ in lx.light:
        return "other"
    if cls == "fight" and trig is not None and (trig.lemma_ in lx.accident_words or trig.lemma_[-2:] in lx.accident_words
                                                or trig.lemma_ in UNDERGO_VERBS) \
            and (any(c in clause for c in w.civilian_ships) or w.civilian_name.search(clause)):
        return "assault"  # 阿波丸は魚雷を受けて沈没した, 商船が砲撃を受けた: an attack on a ship of no armed force
    if cls == "investigate" and trig is not None and trig.lemma_ in w.find_verbs and any(r in clause for r in w.remains):
        return "other"  # 残骸が発見された: a find, not an investigation
    return cls
