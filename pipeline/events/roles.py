"""Roles: who did what to whom, and where — read from the dependency parse of the trigger's clause.

CAMEO direction: the `source` acts, the `target` is acted on (or addressed, visited, met).
- Active voice: the が/は/も subject is the source; the を object, the に/へ/に対して complement and
  the への/に対する modifier of an event noun are the target (米国は北朝鮮に制裁を科した: USA → PRK).
- Passive (〜される, 〜られる): the subject is the target, the に/によって/により agent the source
  (プエブロ号は北朝鮮によって拿捕された: PRK → ship:uss-pueblo).
- Causative (〜させる): the subject is the source, the に causee the target.
- A happening the subject undergoes (沈没した, 座礁した, 死去した, 消息を絶った; 〜を受けた, 〜に遭った:
  砲撃を受けた) reads like a passive: the subject is the target, a による/から agent the source
  (阿波丸は沈没した: target ship:awa-maru, no source).
- による/によって on an event noun (北朝鮮による拉致) marks the source; の on an event noun is its
  source (米国の制裁), unless the noun already has one.
- Coordination (AとBは…, AやB, A、B): every entity in the argument phrase takes its role; with a
  verb of meeting (会談, 会う, 協議) the と partner is the target.
- A clause without a subject of its own (北朝鮮は…を発射し、…を表明した) takes the subject of the
  predicate it is chained to.
Entities of a phrase are its PERSON/SHIP mentions (canonical ids), else the actor codes named in it
(data/actors.json). `location` is a GPE/LOC mention of the clause marked as a place (で, にて, 沖,
港, 湾, において; に with a verb of arriving), as its mention id and name.
"""
from __future__ import annotations

import re

from pipeline.events.lexicon import find_actors, lexicon
from pipeline.records import role_labels

SUBJECT_CASES = ("が", "は", "も", "では", "こそ")
TARGET_CASES = ("を", "に", "へ", "に対して", "に対し", "に対する", "への", "とともに")
_BARE_SUBJECT_END = re.compile(r"[\u4e00-\u9fff]{0,4}、")  # 良雄、 / 鉄山少将、
AGENT_CASES = ("によって", "により", "による", "によっては")
PASSIVE = ("れる", "られる")
# predicates whose subject undergoes the happening (unaccusatives): the subject is its target
UNDERGOES = frozenset({"沈没", "沈む", "転覆", "座礁", "難破", "遭難", "大破", "損傷", "焼失", "炎上", "横転", "浸水",
                       "漂着", "漂流", "死亡", "死去", "戦死", "殉職", "病死", "逝去", "没する", "亡くなる", "絶つ",
                       "行方不明", "負傷", "被災", "被爆", "喪失", "竣工", "完成", "進水"})
# light verbs of undergoing (砲撃を受けた, 被害を被った, 暴風に遭った)
UNDERGO_VERBS = frozenset({"受ける", "被る", "遭う", "あう", "免れる"})
CAUSATIVE = ("せる", "させる")
COMMAND_NOUNS = frozenset({"指揮", "統率", "指導"})  # Xの指揮のもと: X acts with the subject
COMMAND_FRAMES = frozenset({"もと", "下", "元"})
# a ・ list of state names or abbreviations modifying one noun (英・仏・米の兵, 日・米・韓の首脳)
JOINT_SIDE = re.compile(r"[^\s、。・の]{1,8}(?:・[^\s、。・の]{1,8})+の")
# acts whose party acted on a chained clause may name (…を拿捕し、…へ連行する)
CHAIN_TARGET_CLASSES = frozenset({"assault", "fight", "arrest_detain", "coerce", "protest",
                                  "use_unconventional_mass_violence"})
BILATERAL = frozenset({"meet", "consult", "sign_agreement", "cooperate_diplomatically"})
PARTNER_CLASSES = frozenset({"meet", "consult", "sign_agreement", "fight", "cooperate_diplomatically"})
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:[a-z]+ly\s+)?$", re.IGNORECASE)
# a galleon built in 1613: a participle after a common noun (not after a name, a pronoun, had/who)
# and before a preposition modifies the noun, a passive without its auxiliary
REDUCED_RELATIVE = re.compile(r"\b(?!(?:had|has|have|who|which|that|he|she|it|they|we|i|and|then)\b)[a-z]+\s+$")
PARTICIPLE_AFTER = re.compile(r"[A-Za-z-]+\s+(?:in|on|at|by|for|near|from|during)\b")
BY_AGENT = re.compile(r"\bby\b", re.IGNORECASE)
PLACE_LABELS = ("GPE", "LOC", "LOCATION", "FAC")
PLACE_AFTER = re.compile(r"^(?:で(?!は[^、])|にて|において|における|沖|港|湾|近海|付近|海峡|海域|市内|城下|で[、は])")
ARRIVAL = frozenset({"来航", "到着", "入港", "寄港", "上陸", "漂着", "来る", "着く", "赴く", "訪れる", "向かう",
                     "来日", "停泊", "座礁", "沈没", "入る"})


def _case(tok) -> str:
    """The particles after an argument token (its case-marking children, in order): に+よっ+て → によって."""
    parts = [c for c in tok.children if c.i > tok.i and (c.dep_ in ("case", "fixed", "mark") or c.pos_ == "ADP")]
    out = ""
    for c in sorted(parts, key=lambda c: c.i):
        out += c.text
        for f in sorted((g for g in c.children if g.dep_ == "fixed"), key=lambda g: g.i):
            out += f.text
    return out


def _voice(pred) -> str:
    doc = pred.doc
    j = pred.i + 1
    lemmas = []
    while j < len(doc) and doc[j].pos_ in ("AUX", "SCONJ") and doc[j].head.i == pred.i:
        lemmas.append(doc[j].lemma_)
        j += 1
    if any(lemma in PASSIVE for lemma in lemmas) or (j < len(doc) and doc[j].lemma_ == "らる"):
        return "passive"  # the classical らる (斬殺せらる) the parse takes for a verb or a pronoun of its own
    if any(lemma in CAUSATIVE for lemma in lemmas):
        return "causative"
    return "active"


class Roles:
    """Role reader for one sentence: its tokens (with `base` offset), the entity mentions and places in it."""

    def __init__(self, tokens: list, base: int, text: str, mentions: list[dict], places: list[dict]):
        self.tokens = tokens
        self.ids = {t.i for t in tokens}
        self.base = base
        self.text = text
        self.mentions = mentions
        self.places = places
        self.bare_subjects = False  # a chronology told in the present names its subjects bare (良雄、…)

    def _span(self, tok) -> tuple[int, int]:
        """The argument phrase of `tok`: its subtree within the sentence, relative clauses included."""
        toks = [t for t in tok.subtree if t.i in self.ids]
        return self.base + toks[0].idx, self.base + toks[-1].idx + len(toks[-1].text)

    def entities(self, start: int, end: int, with_states: bool = True) -> list[str]:
        """The role holders of a phrase: its PERSON/SHIP mentions, and (`with_states`) the states it names
        outside them (イギリス軍艦フェートン号: GBR and the ship; ロシアのプチャーチン: RUS and the person);
        the states named alone when it has no mention."""
        ids = []
        roles = role_labels()
        phrase = list(self.text[start:end])
        for m in self.mentions:
            if start <= m["start"] and m["end"] <= end and m["label"] in roles:
                if m["canonical_id"] not in ids:
                    ids.append(m["canonical_id"])
                phrase[m["start"] - start:m["end"] - start] = " " * (m["end"] - m["start"])
        actors = find_actors("".join(phrase))
        return actors + ids if ids and with_states else (ids or actors)

    def _args(self, pred):
        for c in sorted(pred.children, key=lambda c: c.i):
            if c.i not in self.ids or c.dep_ in ("aux", "cop", "punct", "case", "mark", "fixed", "compound"):
                continue
            yield c, _case(c)

    def read(self, trig, cls: str, outcome=None) -> tuple[list[str], list[str]]:
        """(source ids, target ids) of the happening whose trigger is `trig`. `outcome`: the predicate of what
        the happening led to (…を銃撃して11名を死亡させた): its arguments before the trigger are the trigger's
        (the parse often hangs them on the last predicate of the chain)."""
        source: list[str] = []
        target: list[str] = []
        pred = trig
        # a light verb's noun (ミサイル発射を行った): the noun's own modifiers count as well
        if trig.pos_ in ("NOUN", "PROPN") and trig.head.i in self.ids and trig.head.i != trig.i and \
                trig.head.pos_ == "VERB" and trig.dep_ in ("obj", "nsubj", "obl"):
            pred = trig.head
        voice = _voice(pred)
        if voice == "active" and (trig.lemma_ in UNDERGOES or pred.lemma_ in UNDERGOES or pred.lemma_ in UNDERGO_VERBS):
            voice = "undergoes"
        partner = cls in PARTNER_CLASSES or trig.lemma_ in lexicon().collisions  # 会談, 衝突: two sides
        holders = [pred] if pred is trig else [pred, trig]
        if outcome is not None and outcome.i not in (h.i for h in holders):
            holders.append(outcome)
        for h in holders:
            for arg, case in self._args(h):
                if arg.i == trig.i or (h is outcome and arg.i > trig.i):
                    continue
                ents = self.entities(*self._span(arg))
                bare = self.entities(*self._span(arg), with_states=False)
                if not ents:
                    continue
                if case.startswith(AGENT_CASES) or (case == "から" and voice == "undergoes"):
                    source += ents
                elif case in SUBJECT_CASES or (arg.dep_ == "nsubj" and not case):
                    if voice in ("passive", "undergoes"):
                        target.extend(bare)  # a ship that sank, a man arrested: itself, not its state
                    else:
                        source.extend(ents)
                elif case == "と" or (case.startswith("と") and not (case.startswith("として") and voice == "passive")):
                    (target if partner else source).extend(ents)
                elif case in ("に", "には") and voice == "passive":
                    source += ents
                elif case in TARGET_CASES or case.startswith(("に対", "へ")):
                    target += ents
                elif case == "の" and h is trig and h.pos_ in ("NOUN", "PROPN"):
                    source += ents  # 米国の制裁
        source += self._commanders(pred)  # 千島は鏑木大尉の指揮のもと…到着した: the commander acts too
        gap = self._relative_head(pred)  # 浮上したクイーンフィッシュは: the noun a relative clause modifies
        if gap and not source and not target:
            (target if voice in ("passive", "undergoes") else source).extend(gap)
        if not source and voice == "undergoes" and not target:
            target = self._inherited_subject(pred)  # 開陽丸は…を出て、…で座礁した
        elif voice == "passive" and not target:
            target = self._inherited_subject(pred)  # 近藤勇は…に捕らえられ、…で処刑された
        elif not source and voice not in ("passive", "undergoes"):
            source = self._inherited_subject(pred)
        if not target and voice == "active" and cls in CHAIN_TARGET_CLASSES:
            target = self._chained_object(pred)  # …が決起し、大隊長を殺害: the uprising's victim
        slot = target if voice in ("passive", "undergoes") else source
        if not slot and self.bare_subjects:
            # a chronology's bare subject set off by a comma (長矩、…に斬り付ける; 義周、…を召し上げられ)
            slot.extend(x for x in self._comma_subject(trig) if x not in source + target)
        source = list(dict.fromkeys(source))
        target = [t for t in dict.fromkeys(target) if t not in source]
        if partner and not target and len(source) > 1 and voice == "active" and not self._one_side(source, cls):
            # a symmetric happening (日本とアメリカの間で協定が成立した): the first side named is the source
            source, target = source[:1], source[1:]
        return source, target

    def _one_side(self, ids: list[str], cls: str) -> bool:
        """Are the states `ids` named as one allied side of a deed (英・仏・米の兵が…を占拠する: one ・ list
        before a noun), not as the two sides of a bilateral happening (会談, 協定) or of a battle (AとBが交戦)?"""
        if cls in BILATERAL or not all(i.isupper() for i in ids):
            return False
        return any(set(find_actors(m.group())) >= set(ids) for m in JOINT_SIDE.finditer(self.text))

    def _chained_object(self, pred) -> list[str]:
        """The を object of the clause chained to `pred` (the clause it hangs on, or one that hangs on it:
        …を拿捕し、カムチャツカへ連行する; …が決起し、…を殺害): one act done to one party."""
        near = [pred.head] if pred.dep_ == "advcl" and pred.head.i in self.ids else []
        near += [c for c in pred.children if c.dep_ == "advcl" and c.i in self.ids]
        for h in near:
            if (h.pos_ != "VERB" and "サ変" not in h.tag_) or _voice(h) != "active":
                continue
            for arg, case in self._args(h):
                if case == "を":
                    ents = self.entities(*self._span(arg), with_states=False)
                    if ents:
                        return ents
        return []

    def _commanders(self, pred) -> list[str]:
        """Entities named as commanding in the clause of `pred` (Xの指揮のもと, Xの指揮下で)."""
        out: list[str] = []
        for t in pred.subtree:
            if t.i in self.ids and t.lemma_ in COMMAND_FRAMES and t.i < pred.i:
                for n in t.children:
                    if n.lemma_ in COMMAND_NOUNS or (n.lemma_.endswith("指揮下") and n.i < t.i):
                        for x in n.children:
                            if x.dep_ == "nmod" and x.i < n.i:
                                out += self.entities(*self._span(x), with_states=False)
        return out

    def _relative_head(self, pred) -> list[str]:
        """A relative clause without a subject of its own (…を出港した阿波丸, 浮上したクイーンフィッシュ): the
        entities of the noun it modifies, its subject."""
        h = pred.head
        if pred.dep_ != "acl" or h.i == pred.i or h.i not in self.ids or h.pos_ not in ("NOUN", "PROPN") or \
                any(c.dep_ == "nsubj" for c in pred.children):
            return []
        ids = []
        for m in self.mentions:
            if m["label"] in role_labels() and m["start"] <= self.base + h.idx < m["end"] and m["canonical_id"] not in ids:
                ids.append(m["canonical_id"])
        return ids

    def _comma_subject(self, trig) -> list[str]:
        """The subject a chronology names bare, set off by a comma before its predicate (良雄、…を開き): the
        first person or ship mention of the sentence that a comma follows, with no particle (a title between:
        永田鉄山少将、)."""
        at = self.base + trig.idx
        first = self.base + self.tokens[0].idx if self.tokens else at
        roles = role_labels()
        for m in sorted(self.mentions, key=lambda m: m["start"]):
            if first <= m["start"] and m["end"] < at and m["label"] in roles and _BARE_SUBJECT_END.match(self.text, m["end"]):
                return [m["canonical_id"]]
        return []

    def _inherited_subject(self, pred) -> list[str]:
        """The subject of the clause `pred` is chained to (Xは…し、…した), or of the sentence's topic."""
        seen = 0
        h = pred
        while h.head.i != h.i and h.head.i in self.ids and seen < 8:
            h = h.head
            seen += 1
            if h.pos_ != "VERB":
                continue
            for arg, case in self._args(h):
                if (case in SUBJECT_CASES or arg.dep_ == "nsubj") and arg.i < pred.i and _voice(h) != "passive":
                    ents = self.entities(*self._span(arg))
                    if ents:
                        return ents
        # a topic before the predicate that hangs elsewhere (北朝鮮は、…発射し)
        for t in self.tokens:
            if t.i >= pred.i:
                break
            if t.dep_ == "nsubj" and _case(t) in ("は", "が") and t.head.i != pred.i and \
                    (_above(t.head, pred) or _above(pred, t.head)):
                ents = self.entities(*self._span(t))
                if ents:
                    return ents
        return []

    def location(self, lemma: str, c0: int, c1: int) -> dict | None:
        """The place of the clause [c0, c1): a GPE/LOC mention marked as where it happened."""
        for m in self.places:
            if not (c0 <= m["start"] and m["end"] <= c1):
                continue
            after = self.text[m["end"]:m["end"] + 4]
            if PLACE_AFTER.match(after) or (after.startswith("に") and lemma in ARRIVAL):
                return m
        return None


def _above(top, tok) -> bool:
    """Is `top` an ancestor of `tok` (through heads)?"""
    h = tok
    for _ in range(30):
        if h.head.i == h.i:
            return False
        h = h.head
        if h.i == top.i:
            return True
    return False


def english_roles(sub_text: str, sub_start: int, trig_start: int, mentions: list[dict]) -> tuple[list, list]:
    """English (no parse): the entities before the trigger act, those after it are acted on; the
    subject of a passive (was built) or of a verb of undergoing (died) is acted on, the agent of a
    passive follows "by"; a verb of motion (sailed, reached) has no target (what follows is a place)."""
    roles = role_labels()
    lx = lexicon()
    cut = trig_start - sub_start
    word = next(iter(sorted((w for w in lx.en_motion | lx.en_undergo if sub_text.lower().startswith(w, cut)),
                            key=len, reverse=True)), "")
    passive = PASSIVE_BEFORE.search(sub_text[:cut]) is not None or REDUCED_RELATIVE.search(sub_text[:cut]) is not None \
        and PARTICIPLE_AFTER.match(sub_text, cut) is not None
    by = BY_AGENT.search(sub_text, cut)
    after_start = by.end() if passive and by else cut
    before = [m["canonical_id"] for m in mentions if m["label"] in roles and m["end"] <= trig_start]
    after = [m["canonical_id"] for m in mentions if m["label"] in roles and m["start"] >= sub_start + after_start]
    before = before or find_actors(sub_text[:cut])
    after = after or find_actors(sub_text[after_start:])
    before = list(dict.fromkeys(before))[-2:]
    after = [a for a in dict.fromkeys(after) if a not in before][:2]
    if passive or word in lx.en_undergo:
        return (after if passive and by else []), before
    if word in lx.en_motion:
        return before, []
    return before, after
