"""Clause analysis over GiNZA tokens: predicates, tense and mood, the realized main predicate."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.events.lexicon import lexicon


@dataclass
class Pred:
    tok: object
    form: str  # past (た), nonpast (る, ます), chain (連用形/て: takes its tense from what follows), cond (ば, たら)
    negated: bool
    hypothetical: bool
    progressive: bool
    chain: list
    perfect: bool = False  # 〜てきた: a course up to a point
    final: bool = False  # the chain ends the sentence (…を行い。): reads as the narrative's past


def _aux_chain(tok, limit: int) -> list:
    """Tokens right after a predicate that inflect it (し, て, い, た, ませ, ん, と, ば)."""
    doc = tok.doc
    out = []
    j = tok.i + 1
    while j < limit:
        t = doc[j]
        if t.pos_ in ("AUX", "SCONJ", "PART") or t.dep_ in ("aux", "cop", "mark", "fixed") or \
                (t.pos_ == "ADP" and t.lemma_ in ("と", "ば", "が", "けれど", "けれども", "ので", "のに", "て")):
            out.append(t)
            j += 1
            continue
        break
    return out


def analyse(tok, limit: int) -> Pred:
    chain = _aux_chain(tok, limit)
    lemmas = [t.lemma_ for t in chain]
    infl = [t.morph.get("Inflection") for t in chain]
    infl = [i[0] if i else "" for i in infl]
    negated = any(t.pos_ == "AUX" and t.lemma_ in ("ない", "ぬ", "ず", "ん") for t in chain) or \
        (tok.lemma_ == "ない" and tok.pos_ == "AUX")
    cond = any(l in ("ば", "なら", "たら") for l in lemmas) or any("仮定形" in i for i in infl if "助動詞-ダ" not in i)
    past = any(t.pos_ == "AUX" and i.startswith("助動詞-タ") and "仮定形" not in i for t, i in zip(chain, infl))
    progressive = any(t.lemma_ in ("いる", "おる") for t in chain) and any(l in ("て", "で") for l in lemmas)
    perfect = any(t.lemma_ in ("くる", "来る") for t in chain) and any(l in ("て", "で") for l in lemmas)
    nxt = tok.doc[chain[-1].i + 1] if chain and chain[-1].i + 1 < limit else (
        tok.doc[tok.i + 1] if not chain and tok.i + 1 < limit else None)
    hypothetical = cond or any(l in ("だろう", "でしょう", "う", "よう", "べし", "まい") for l in lemmas) or \
        (nxt is not None and nxt.lemma_ in lexicon().hypothetical_nouns) or \
        (nxt is not None and nxt.lemma_ == "か" and "かもしれ" in "".join(t.text for t in tok.doc[nxt.i:nxt.i + 4]))
    final = False
    if cond:
        form = "cond"
    elif past:
        form = "past"
    else:
        last = chain[-1] if chain else tok
        li = (last.morph.get("Inflection") or [""])[0]
        if last.lemma_ in ("て", "で") or "連用形" in li or (last is tok and tok.pos_ in ("NOUN", "PROPN")):
            form = "chain"
            # a sentence broken off after a continuative verb (…実験を行い。) narrates like 〜した
            final = tok.pos_ == "VERB" and "連用形" in li and nxt is not None and nxt.text in ("。", "．")
        else:
            form = "nonpast"
    return Pred(tok, form, negated, hypothetical, progressive, chain, perfect, final)


def is_predicate(tok) -> bool:
    if tok.dep_ in ("fixed", "aux", "compound", "case", "mark"):
        return False
    if tok.pos_ == "VERB":
        return True
    if tok.pos_ == "ADJ":
        return True
    # a noun with a copula (〜国だった) predicates too
    return tok.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "cop" for c in tok.children)


def is_event_noun(tok) -> bool:
    return "サ変" in tok.tag_ or tok.lemma_ in lexicon().ja


class SentenceParse:
    """The dependency facts one sentence needs."""

    def __init__(self, tokens: list, base: int, text: str | None = None):
        """`text`: the sentence's text, when known (it lets sentences without quotations skip the quote scans)."""
        self.tokens = tokens
        self.base = base
        self.ids = {t.i for t in tokens}
        self.limit = tokens[-1].i + 1
        self._preds: dict[int, Pred] = {}
        self.quotes = text is None or "「" in text or "『" in text
        roots = [t for t in tokens if (h := t.head.i) == t.i or h not in self.ids] or tokens[-1:]
        depth, quoted = 0, set()
        for t in tokens if self.quotes else ():
            depth += (t.text in ("「", "『")) - (t.text in ("」", "』") and depth > 0)
            if depth > 0:
                quoted.add(t.i)
        # a sentence cut inside a quotation has its speech among the roots: the narration is outside it
        self.root = next((t for t in reversed(roots) if t.pos_ not in ("PUNCT", "SYM", "X") and t.i not in quoted),
                         None) or next((t for t in reversed(roots) if t.pos_ not in ("PUNCT", "SYM", "X")), roots[-1])

    def pred(self, tok) -> Pred:
        p = self._preds.get(tok.i)
        if p is None:
            p = self._preds[tok.i] = analyse(tok, self.limit)
        return p

    def head(self, tok):
        h = tok.head
        return None if h.i == tok.i or h.i not in self.ids else h

    def realized(self, tok, depth: int = 0) -> bool:
        """Did the clause of predicate `tok` happen (as the sentence tells it)?"""
        if depth > 12:
            return False
        p = self.pred(tok)
        if p.hypothetical or p.form == "cond":
            return False
        if tok.lemma_ in lexicon().stative and p.form != "past":
            return False
        if tok.lemma_ in lexicon().state_aspect and (p.progressive or p.perfect) and not p.negated:
            return False
        if p.final:
            return True
        if p.form == "past":
            return not (tok.lemma_ in lexicon().stative)
        if p.form == "nonpast":
            # 〜すると、 (when …) takes the tense of what follows; a quotation (〜すると語った) does not
            last = p.chain[-1] if p.chain else tok
            after = tok.doc[last.i + 1] if last.i + 1 < self.limit else None
            # 〜を行うなど、…が行われた: an example of what happened takes the main clause's tense
            if not (last.lemma_ == "と" and after is not None and after.text in ("、", ",")) and \
                    not (last.lemma_ == "など" or (after is not None and after.lemma_ == "など")):
                return False
        if p.form == "chain" and tok.dep_ == "acl" and self._comma_after(p) and any(
                c.dep_ == "acl" and c.i > tok.i and c.i in self.ids and self.pred(c).form == "past"
                for c in tok.head.children):
            return True  # …に撃沈され、…が死亡した事件: a chain of past relative clauses of one noun
        up = self.governor(tok)
        if up is None and p.form == "chain" and tok.head.i != tok.i and tok.head.i not in self.ids and \
                not self._connective(tok):
            # a sentence cut inside a quotation (…と非難し、「…ない。」と言及すると…): the clause chain
            # continues into the next sentence; it narrates unless what it leads to is a plan or condition
            outer = analyse(tok.head, len(tok.doc))
            return not outer.hypothetical and outer.form != "cond"
        if p.form == "chain" and self._comma_after(p) and up is not None and not self._quotative(up) \
                and self.root.i != tok.i and not (up.dep_ == "acl" and self.pred(up).form == "past"):
            # Xし、…Yした: coordination is flat in Japanese; the parser often hangs the first
            # clause on a predicate inside the next one, so take the tense of the sentence (not so for a
            # chain inside a past relative clause: …に撃沈され、…が死亡した事件である tells what happened)
            up = self.root
        return up is not None and self.realized(up, depth + 1)

    def copular_spans(self) -> list[tuple[int, int]]:
        """Document spans of the predicate nouns of a copula chained into the sentence (設計はフランスの技術者
        ベルタンで、…に起工した): what the sentence says someone or something is, its topic left out; who is
        named there takes no part in the happening that follows."""
        out = []
        doc = self.tokens[0].doc if self.tokens else None
        for t in self.tokens:
            if t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in ("advcl", "obl") or t.i + 2 >= self.limit:
                continue
            cop, comma = doc[t.i + 1], doc[t.i + 2]
            if cop.text != "で" or cop.head.i != t.i or comma.text != "、":
                continue
            # で is the copula, or a case the parse reads for it when a topic hangs on the noun (XはYで、)
            topics = [c for c in t.children if c.dep_ == "nsubj" and any(g.lemma_ == "は" for g in c.children)]
            if not (cop.dep_ == "cop" or (cop.dep_ == "case" and topics)) or (t.dep_ == "obl" and not topics):
                continue
            topic = {x.i for c in t.children if c.dep_ == "nsubj" for x in c.subtree}
            toks = [x for x in t.subtree if x.i in self.ids and x.i not in topic and x.i <= t.i]
            if toks:
                out.append((self.base + toks[0].idx, self.base + t.idx + len(t.text)))
        return out

    def _comma_after(self, p: Pred) -> bool:
        last = p.chain[-1] if p.chain else p.tok
        return last.i + 1 < self.limit and last.doc[last.i + 1].text in ("、", ",")

    def _quotative(self, tok) -> bool:
        """A nonpast predicate quoted with と (…を試みると語った): its clause is what was said."""
        p = self.pred(tok)
        last = p.chain[-1] if p.chain else tok
        return p.form == "nonpast" and last.lemma_ == "と" and not self._comma_after(p)

    def governor(self, tok):
        """The predicate above `tok` (through nouns)."""
        h = self.head(tok)
        while h is not None and not is_predicate(h):
            h = self.head(h)
        return h

    def main_predicate(self):
        """The realized main predicate, or None (state, plan, generic, nominal)."""
        root = self.root
        opened = self._open_quote()
        if opened is not None:
            # 〜を受け取り、トランプは「…。 (the speech goes on past 。): the parse of what follows the
            # quote mark is the speech; the narration is the clause chain before it, whose tense
            # comes with the quoting verb in a later sentence
            for t in reversed([t for t in self.tokens if t.i < opened]):
                if t.pos_ == "VERB" and t.lemma_ not in lexicon().stative | lexicon().state_aspect | lexicon().durative and \
                        not self._in_quote(t) and not self._connective(t):
                    pt = self.pred(t)
                    if pt.form == "chain" and self._comma_after(pt) and not pt.negated and not pt.hypothetical:
                        return t
            return None
        if is_predicate(root) and root.pos_ == "VERB":
            p = self.pred(root)
            if (p.negated and p.progressive) or self.is_durative(root):
                return self._concessive()  # 〜したが、…は進展していない: what happened before the state
            if self.realized(root):
                return root
            if p.hypothetical and p.form in ("past", "nonpast", "cond"):
                return root  # kept, flagged hypothetical (…と警告するだろう)
        if root.lemma_ in lexicon().hypothetical_nouns:  # 会談は秋に開かれる予定だった: kept, flagged hypothetical
            for c in root.children:
                if c.dep_ == "acl" and c.pos_ == "VERB" and c.i in self.ids and self.pred(c).hypothetical:
                    return c
        # hedges and reports: 〜したと伝えられている / 〜したと思われる / 〜と報道されている
        if root.lemma_ in lexicon().report or root.pos_ != "VERB" or not self.realized(root):
            pr = self.pred(root)
            # a root that describes (…ものだった, 〜を維持してきた) after a clause that narrates
            describes = root.pos_ != "VERB" or root.lemma_ in lexicon().stative or \
                (root.lemma_ in lexicon().state_aspect and (pr.progressive or pr.perfect))
            for c in root.children:
                if c.i not in self.ids or c.pos_ != "VERB" or c.lemma_ in lexicon().stative or c.lemma_ in lexicon().durative:
                    continue
                pc = self.pred(c)
                if c.dep_ in ("advcl", "ccomp", "csubj") and pc.form == "past" and \
                        c.lemma_ not in lexicon().state_aspect:
                    return c
                # Xが行われ、そのYは…ものだった: the first of two coordinated clauses (連用中止, not
                # a て-form adverbial like 〜を除いて), the second a description, shares the sentence's past
                if describes and pr.form == "past" and c.dep_ in ("advcl", "acl") and pc.form == "chain" and \
                        not pc.negated and not pc.progressive and self._comma_after(pc) and c.i < root.i and \
                        not (pc.chain and pc.chain[-1].lemma_ in ("て", "で")):
                    return c
            return self._concessive()
        return None

    def _concessive(self):
        """〜を受け入れたが、…ではなかった: a concessive clause that happened, wherever the parse hangs it."""
        for t in self.tokens:
            if t.pos_ == "VERB" and t.dep_ == "advcl" and t.lemma_ not in lexicon().stative | lexicon().state_aspect | lexicon().durative:
                pt = self.pred(t)
                if pt.form == "past" and not pt.negated and not pt.hypothetical and pt.chain and \
                        pt.chain[-1].lemma_ in ("が", "けれど", "けれども") and not self._in_quote(t):
                    return t
        return None

    def is_durative(self, tok) -> bool:
        """〜し続けた: the predicate is followed by 続ける (as its aux or an advcl child)."""
        if tok.lemma_ in lexicon().durative and any(c.dep_ == "advcl" and c.i == tok.i - 1 for c in tok.children):
            return True
        p = self.pred(tok)
        nxt = (p.chain[-1].i if p.chain else tok.i) + 1
        return nxt < self.limit and tok.doc[nxt].lemma_ in lexicon().durative and tok.doc[nxt].head.i == tok.i

    def _open_quote(self):
        """Index of the token opening a quotation still open at the end of the sentence, or None."""
        stack = []
        for t in self.tokens if self.quotes else ():
            if t.text in ("「", "『"):
                stack.append(t.i)
            elif t.text in ("」", "』") and stack:
                stack.pop()
        return stack[0] if stack else None

    @staticmethod
    def _connective(tok) -> bool:
        """これを受け、/ これに対し、: a verb whose complement is a demonstrative links sentences."""
        return any(c.pos_ == "PRON" and c.lemma_ in ("これ", "それ", "この", "その") and c.dep_ in ("obj", "obl")
                   for c in tok.children)

    def _in_quote(self, tok) -> bool:
        before = "".join(t.text for t in self.tokens if t.i < tok.i)
        return before.count("「") + before.count("『") > before.count("」") + before.count("』")
