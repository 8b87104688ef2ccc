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

import calendar
import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
# closed word classes the clause analysis needs (predicates that are states, report verbs, …)
_GRAMMAR = json.loads((DATA_DIR / "grammar.json").read_text(encoding="utf-8"))
PARTICIPANT_LABELS = {"PERSON": "persons", "SHIP": "ships", "INCIDENT": "incidents"}
DATED_TYPES = ("DATE", "TIME")
SENT_FINAL = "。．.！？!?」』)）"
BULLETS = "-‐–—•・*＊●○■□◆◇"

# --------------------------------------------------------------- lexicons


@dataclass
class Lexicon:
    ja: dict[str, str]
    en: dict[str, str]
    classes: dict[str, dict]
    light: frozenset[str]
    actor_re: re.Pattern
    actor_of: dict[str, tuple[str, ...]]
    blocked: re.Pattern | None
    abbrev_run_re: re.Pattern
    abbrev_prefix_re: re.Pattern
    abbrev_follow_re: re.Pattern
    abbrev: dict[str, str]
    en_trigger_re: re.Pattern = field(default=None)


def _latin_word(name: str) -> str:
    """`name` on word edges. The edge check before the name sits after its first character: an
    alternation whose branches all open with a literal lets `re` skip every position that cannot
    start a name (40× faster over a document than branches that open with a lookbehind)."""
    first = re.escape(name[0])
    return f"{first}(?<![A-Za-z]{first}){re.escape(name[1:])}(?![A-Za-z])"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    trig = json.loads((DATA_DIR / "triggers.json").read_text(encoding="utf-8"))
    act = json.loads((DATA_DIR / "actors.json").read_text(encoding="utf-8"))
    actor_of: dict[str, tuple[str, ...]] = {}
    abbrev: dict[str, str] = {}
    for code, info in act["actors"].items():
        for name in info["names"]:
            actor_of.setdefault(name, (code,))
        if info.get("abbrev"):
            abbrev[info["abbrev"]] = code
    for name, codes in act["compounds"].items():
        actor_of[name] = tuple(codes)
    # longest first so that 北朝鮮 wins over 朝鮮…, 国連安保理 over 国連; Latin names on word edges
    names = sorted(actor_of, key=len, reverse=True)
    alts = [_latin_word(n) if n.isascii() else re.escape(n) for n in names]
    not_actors = sorted(act.get("not_actors", []), key=len, reverse=True)
    abbrev_all = dict(abbrev, **act.get("extra_abbrev", {}))
    kanji = "".join(abbrev)
    en_words = sorted(trig["en"], key=len, reverse=True)
    return Lexicon(
        ja=trig["ja"], en=trig["en"], classes=trig["classes"], light=frozenset(trig["light"]),
        actor_re=re.compile("|".join(alts)),
        actor_of=actor_of,
        blocked=re.compile("|".join(map(re.escape, not_actors))) if not_actors else None,
        # 米朝, 日米韓の, 中朝: a word of two or more distinct abbreviations
        abbrev_run_re=re.compile(rf"(?<![\u4e00-\u9fff])[{kanji}]{{2,4}}(?![{kanji}])"),
        # 訪米, 対北, 在韓, 来日
        abbrev_prefix_re=re.compile("[" + "".join(act["prefixes"]) + "]([" + "".join(abbrev_all) + "])"),
        # 米軍, 米大統領, 新米大統領
        abbrev_follow_re=re.compile("(米)(?=[" + act["abbrev_followers"] + "])"),
        abbrev=abbrev_all,
        en_trigger_re=re.compile(r"\b(" + "|".join(map(re.escape, en_words)) + r")\b", re.IGNORECASE),
    )


# 〜へ (not 〜への, a target: …への協力) names where someone went: a destination, not a party
DESTINATION = re.compile(r"へ(?!の)")


def find_actors(text: str) -> list[str]:
    """Actor codes named in `text`, in order of first mention, each once."""
    lx = lexicon()
    taken = [False] * len(text)
    found: list[tuple[int, str]] = []

    def take(s: int, e: int) -> bool:
        if any(taken[s:e]):
            return False
        for i in range(s, e):
            taken[i] = True
        return True

    if lx.blocked is not None:
        for m in lx.blocked.finditer(text):
            take(m.start(), m.end())
    for m in lx.actor_re.finditer(text):
        if take(m.start(), m.end()) and not DESTINATION.match(text, m.end()):
            found.extend((m.start(), c) for c in lx.actor_of[m.group()])
    for m in lx.abbrev_run_re.finditer(text):
        run = m.group()
        if len(set(run)) == len(run) and take(m.start(), m.end()):
            found.extend((m.start() + i, lx.abbrev[ch]) for i, ch in enumerate(run))
    for rx in (lx.abbrev_prefix_re, lx.abbrev_follow_re):
        for m in rx.finditer(text):
            if take(m.start(1), m.end(1)):
                found.append((m.start(1), lx.abbrev[m.group(1)]))
    out: list[str] = []
    for _, code in sorted(found):
        if code not in out:
            out.append(code)
    return out


def classify(lemma: str, context: list[str] = ()) -> str:
    """Event class of a Japanese predicate lemma; a light verb (行う, 開始) or an
    unknown lemma takes the class of a context noun (its object/subject)."""
    lx = lexicon()
    own = _lookup(lx.ja, lemma)
    if own is None or lemma in lx.light:
        for noun in context:
            cls = _lookup(lx.ja, noun)
            if cls is not None and noun not in lx.light:
                return cls
    return own or "unknown"


def _lookup(table: dict[str, str], word: str) -> str | None:
    if word in table:
        return table[word]
    for k in range(len(word) - 1, 1, -1):  # compounds: 再指定 → 指定, 首脳会談 → 会談
        if word[-k:] in table:
            return table[word[-k:]]
    return None


def class_info(cls: str) -> tuple[str, str]:
    """(cameo_root, quad_class) of an event class."""
    info = lexicon().classes.get(cls)
    return (info["cameo_root"], info["quad_class"]) if info else ("", "neutral")


# --------------------------------------------------------------- clause analysis

STATIVE = frozenset(_GRAMMAR["stative"])
REPORT = frozenset(_GRAMMAR["report"])
TRANSPARENT = frozenset(_GRAMMAR["transparent"])
HYPOTHETICAL_NOUNS = frozenset(_GRAMMAR["hypothetical_nouns"])
BOUND_AFTER = re.compile(r"^\s*(?:以来|から現在)")
NOMINAL_FRAME = re.compile(r"の[^、。「」]{0,24}?((?:直後|以後|以降|後)|から[0-9０-９一二三四五六七八九十数]+[日週月年カヶかケ]+後)、")
SAME_SPAN_GAP = re.compile(r"^\s*(?:及び|および|と|、|から|より|〜|～|-|－|—|–|や)?\s*$")
DURATIVE = frozenset(_GRAMMAR["durative"])  # 〜し続けた: an ongoing course, not a happening
STATE_ASPECT = frozenset(_GRAMMAR["state_aspect"])  # 持っていた, 維持してきた: a state held, not a happening
ERA = re.compile("|".join(map(re.escape, _GRAMMAR["era_markers"])))
ITERATIVE = re.compile("|".join(map(re.escape, _GRAMMAR["iterative"])))
OCCASION = tuple(_GRAMMAR["occasion_nouns"])
QUESTION = re.compile(r"[?？]\s*[」』)）]*$")


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
        (nxt is not None and nxt.lemma_ in HYPOTHETICAL_NOUNS) or \
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
        roots = [t for t in tokens if t.head.i == t.i or t.head.i not in self.ids] or tokens[-1:]
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
        if tok.lemma_ in STATIVE and p.form != "past":
            return False
        if tok.lemma_ in STATE_ASPECT and (p.progressive or p.perfect) and not p.negated:
            return False
        if p.final:
            return True
        if p.form == "past":
            return not (tok.lemma_ in STATIVE)
        if p.form == "nonpast":
            # 〜すると、 (when …) takes the tense of what follows; a quotation (〜すると語った) does not
            last = p.chain[-1] if p.chain else tok
            after = tok.doc[last.i + 1] if last.i + 1 < self.limit else None
            # 〜を行うなど、…が行われた: an example of what happened takes the main clause's tense
            if not (last.lemma_ == "と" and after is not None and after.text in ("、", ",")) and \
                    not (last.lemma_ == "など" or (after is not None and after.lemma_ == "など")):
                return False
        up = self.governor(tok)
        if up is None and p.form == "chain" and tok.head.i != tok.i and tok.head.i not in self.ids and \
                not self._connective(tok):
            # a sentence cut inside a quotation (…と非難し、「…ない。」と言及すると…): the clause chain
            # continues into the next sentence; it narrates unless what it leads to is a plan or condition
            outer = analyse(tok.head, len(tok.doc))
            return not outer.hypothetical and outer.form != "cond"
        if p.form == "chain" and self._comma_after(p) and up is not None and not self._quotative(up) \
                and self.root.i != tok.i:
            # Xし、…Yした: coordination is flat in Japanese; the parser often hangs the first
            # clause on a predicate inside the next one, so take the tense of the sentence
            up = self.root
        return up is not None and self.realized(up, depth + 1)

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
                if t.pos_ == "VERB" and t.lemma_ not in STATIVE | STATE_ASPECT | DURATIVE and \
                        not self._in_quote(t) and not self._connective(t):
                    pt = self.pred(t)
                    if pt.form == "chain" and self._comma_after(pt) and not pt.negated and not pt.hypothetical:
                        return t
            return None
        if is_predicate(root) and root.pos_ == "VERB":
            p = self.pred(root)
            if (p.negated and p.progressive) or self._durative(root):
                return self._concessive()  # 〜したが、…は進展していない: what happened before the state
            if self.realized(root):
                return root
            if p.hypothetical and p.form in ("past", "nonpast", "cond"):
                return root  # kept, flagged hypothetical (…と警告するだろう)
        if root.lemma_ in HYPOTHETICAL_NOUNS:  # 会談は秋に開かれる予定だった: kept, flagged hypothetical
            for c in root.children:
                if c.dep_ == "acl" and c.pos_ == "VERB" and c.i in self.ids and self.pred(c).hypothetical:
                    return c
        # hedges and reports: 〜したと伝えられている / 〜したと思われる / 〜と報道されている
        if root.lemma_ in REPORT or root.pos_ != "VERB" or not self.realized(root):
            pr = self.pred(root)
            # a root that describes (…ものだった, 〜を維持してきた) after a clause that narrates
            describes = root.pos_ != "VERB" or root.lemma_ in STATIVE or \
                (root.lemma_ in STATE_ASPECT and (pr.progressive or pr.perfect))
            for c in root.children:
                if c.i not in self.ids or c.pos_ != "VERB" or c.lemma_ in STATIVE or c.lemma_ in DURATIVE:
                    continue
                pc = self.pred(c)
                if c.dep_ in ("advcl", "ccomp", "csubj") and pc.form == "past" and \
                        c.lemma_ not in STATE_ASPECT:
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
            if t.pos_ == "VERB" and t.dep_ == "advcl" and t.lemma_ not in STATIVE | STATE_ASPECT | DURATIVE:
                pt = self.pred(t)
                if pt.form == "past" and not pt.negated and not pt.hypothetical and pt.chain and \
                        pt.chain[-1].lemma_ in ("が", "けれど", "けれども") and not self._in_quote(t):
                    return t
        return None

    def _durative(self, tok) -> bool:
        """〜し続けた: the predicate is followed by 続ける (as its aux or an advcl child)."""
        if tok.lemma_ in DURATIVE and any(c.dep_ == "advcl" and c.i == tok.i - 1 for c in tok.children):
            return True
        p = self.pred(tok)
        nxt = (p.chain[-1].i if p.chain else tok.i) + 1
        return nxt < self.limit and tok.doc[nxt].lemma_ in DURATIVE and tok.doc[nxt].head.i == tok.i

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


# --------------------------------------------------------------- timex roles


@dataclass
class TimexRole:
    timex: dict
    anchor: object  # governing predicate token, or None
    nominal: object  # event noun the timex modifies with の (勃発, 合意), or None
    temporal: bool  # reaches its predicate through a time word (〜の終結後, 〜勃発から2カ月後)
    attributive: bool  # modifies a non-event noun (2013年の…法): not an event date
    initial: bool  # opens the sentence (1991年の…崩壊により、…)
    framing: bool  # a sentence adverbial: 〜日、 or 〜日に…は before any predicate (the parse may say otherwise)
    after_end: int = -1  # 2005年9月19日の合意直後、: end of the phrase naming the earlier happening
    relative: bool = False  # inside a relative clause (2000年に…受賞した金大中): dates that clause only


def timex_role(sp: SentenceParse, tx: dict, text: str) -> TimexRole | None:
    toks = [t for t in sp.tokens if tx["start"] <= sp.base + t.idx < tx["end"]]
    if not toks:
        return None
    inside = {t.i for t in toks}
    top = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[-1])
    cur = sp.head(top)
    nominal = attr_noun = None
    temporal = attributive = named = False
    while cur is not None and not is_predicate(cur):
        if cur.lemma_ in TRANSPARENT:
            temporal = temporal or nominal is not None
        elif nominal is None and not attributive:
            if is_event_noun(cur):
                nominal = cur
            elif cur.pos_ == "PROPN" and not named:
                named = True  # 1991年のソ連の崩壊: the date is the happening's, said of a name
            elif cur.pos_ in ("NOUN", "PROPN"):
                attributive = True
                attr_noun = cur
        if cur.pos_ == "ADP" and cur.lemma_ == "から" and nominal is not None:
            temporal = True
        cur = sp.head(cur)
    if named and nominal is None:
        attributive = True  # 2000年の金大中: a name dated, no happening
    if attr_noun is not None and attr_noun.dep_ == "obl" and \
            any(c.dep_ == "case" and c.lemma_ in ("に", "で") for c in attr_noun.children) and \
            "".join(t.text for t in attr_noun.subtree if t.i <= attr_noun.i)[-6:].endswith(OCCASION):
        attributive = False  # 2018年2月10日の…開会式に出席した: the occasion's date is the attending's
    if nominal is not None and any(t.lemma_ == "から" and t.head.i == nominal.i for t in nominal.children):
        temporal = True
    if nominal is not None and not temporal and nominal.dep_ == "obl" and \
            any(c.dep_ == "case" and c.lemma_ == "で" for c in nominal.children):
        nominal = None  # 〜日の会談で…謝罪した: the dated happening is the setting of the predicate
    before = [t for t in sp.tokens if t.i < toks[0].i]
    initial = all(t.pos_ in ("CCONJ", "ADV", "PUNCT", "SCONJ", "CONJ") or t.lemma_ in ("しかし", "しかしながら", "また", "その後", "そして")
                  for t in before)
    framing = _framing(sp, toks[-1], initial)
    if attributive and not text.startswith("の", tx["end"]):
        attributive = False  # only 〜年の… modifies a noun; 〜年に/、 is adverbial whatever the parse says
    if cur is not None and cur.pos_ != "VERB" and text.startswith("に", tx["end"]):
        up = sp.governor(cur)  # 9月14日に…立役者であり、…会見した: the copula is not what is dated
        while up is not None and up.pos_ != "VERB":
            up = sp.governor(up)
        cur = up or cur
    relative = cur is not None and cur.dep_ == "acl" and cur.head.lemma_ not in TRANSPARENT
    after_end = -1
    m = NOMINAL_FRAME.match(text, tx["end"], tx["end"] + 40) if initial else None
    if m:
        # 2005年9月19日の合意直後、…: the date of a happening the sentence follows on from
        framing = temporal = True
        attributive = False
        after_end = m.start(1)
        named = [t for t in sp.tokens if sp.base + t.idx < after_end and t.pos_ in ("NOUN", "VERB")
                 and sp.base + t.idx >= tx["end"]]
        nominal = named[-1] if named else nominal
    return TimexRole(tx, cur, nominal, temporal, attributive, initial, framing, after_end, relative and not framing)


FRAME_PARTICLES = frozenset(_GRAMMAR["frame_particles"])


def _framing(sp: SentenceParse, last, initial: bool) -> bool:
    doc = last.doc
    j = last.i + 1
    while j < sp.limit and doc[j].lemma_ in FRAME_PARTICLES:
        j += 1
    if j < sp.limit and doc[j].text in ("、", ","):
        return True
    if j > last.i + 1 and doc[j - 1].lemma_ == "は" and doc[j - 1].pos_ == "ADP":
        return True  # 翌月には…: a time set off as the topic frames the whole sentence
    if j == last.i + 1:
        return False
    if initial:
        return True  # 1957年1月に…, 1996年からは…: a date opening the sentence sets its time
    # 〜日に北朝鮮は…: a topic follows before any predicate
    for k in range(j, min(sp.limit, j + 12)):
        t = doc[k]
        if is_predicate(t) or t.text in ("、", ","):
            return False
        if t.lemma_ == "は" and t.pos_ == "ADP":
            return True
    return False


# --------------------------------------------------------------- building


def _usable(tx: dict, text: str) -> bool:
    """A calendar date that can date an event: not a REF, not a bound (〜まで, 〜以来)."""
    if tx["type"] not in DATED_TYPES or not tx.get("value") or not any(ch.isdigit() for ch in tx["value"]):
        return False
    return not BOUND_AFTER.match(text[tx["end"]:tx["end"] + 6])


def _trigger_span(tok, base: int) -> tuple[int, int]:
    start = base + tok.idx
    end = start + len(tok.text)
    if tok.pos_ == "VERB" and "サ変" not in tok.tag_:
        j = tok.i + 1
        while j < len(tok.doc) and tok.doc[j].pos_ == "AUX" and tok.doc[j].lemma_ not in ("だ", "です"):
            end = base + tok.doc[j].idx + len(tok.doc[j].text)
            j += 1
    return start, end


def _context_nouns(tok) -> list[str]:
    """Object/subject nouns of a predicate, nearest first, with their compound forms (首脳会談)."""
    out = []
    for c in sorted(tok.children, key=lambda c: -c.i):
        if c.dep_ in ("obj", "nsubj", "obl", "iobj", "nmod") and c.pos_ in ("NOUN", "PROPN", "VERB"):
            comp = "".join(t.text for t in c.subtree if t.dep_ == "compound" and t.i < c.i and t.i >= c.i - 3)
            if comp:
                out.append(comp + c.lemma_)
            out.append(c.lemma_)
    return out


def _is_heading(sent_text: str, sp: SentenceParse | None) -> bool:
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


CHRONICLE_HEAD = re.compile(r"[^\s、。,：:]{2,32}?(?=[ \u3000\t：:])")
HEAD_REST = re.compile(r"^[()（）\s頃ごろ上中下旬初末半ば]*$")


def _line_head(stxs: list[dict], text: str, sent_start: int) -> tuple[dict | None, int]:
    """The date heading a chronology entry (昭和45年(1970年)3月31日　…): a line that opens with dates
    set off by a space. Of an era year glossed by its Western year and the day, the most precise
    dates the entry. (None, -1) when the sentence is not such a line."""
    if sent_start > 0 and text[sent_start - 1] != "\n":
        return None, -1
    first = sent_start
    while first < len(text) and (text[first] in BULLETS or text[first] in " \u3000\t"):
        first += 1  # ・1970年3月 …: an entry of a bulleted list
    m = CHRONICLE_HEAD.match(text, first)
    if m is None:
        return None, -1
    inside = [t for t in stxs if t["start"] >= first and t["end"] <= m.end()]
    if not inside or inside[0]["start"] != first:
        return None, -1
    rest, pos = "", first
    for t in inside:
        rest += text[pos:t["start"]]
        pos = t["end"]
    rest += text[pos:m.end()]
    usable = [t for t in inside if _usable(t, text)]
    if not usable or not HEAD_REST.match(rest):
        return None, -1
    return max(usable, key=lambda t: (len(t["value"]), t["start"])), m.end()


def _dated_main(sp: SentenceParse, framing: list[TimexRole], chronicle: bool = False, own: list = ()):
    """A main predicate that a framing date makes a happening: 7月には…示唆している (perfect),
    1968年1月23日、…拿捕され、…として知られている (the coordinated clause), …と強く非難。 (noun ending).
    In a chronology entry the present narrates (…が拉致される, …を発表する: the genre's historical present)."""
    root = sp.root
    if chronicle and root.pos_ == "VERB" and root.lemma_ not in STATIVE:
        p = sp.pred(root)
        # (〜ていない, 〜ている describe a state, as anywhere)
        if not p.hypothetical and p.form != "cond" and not p.progressive and not sp._durative(root):
            return root
    if own and root.pos_ == "VERB" and root.lemma_ not in STATIVE | STATE_ASPECT:
        # 2007年6月28日に進水している: a ている dated to a day or month records a past happening
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
            if c.dep_ == "acl" and c.pos_ == "VERB" and c.i in sp.ids and c.lemma_ not in STATIVE and \
                    not sp.pred(c).negated and not sp.pred(c).hypothetical:
                return c
    if not framing or not any(len(r.timex["value"]) >= 7 for r in framing):
        return None
    if root.pos_ == "VERB" and root.lemma_ not in STATIVE:
        p = sp.pred(root)
        if p.progressive and not p.negated and not p.hypothetical:
            return root
    for c in sorted(root.children, key=lambda c: c.i):
        if c.i in sp.ids and c.dep_ == "advcl" and c.pos_ == "VERB" and c.lemma_ not in STATIVE and \
                sp.pred(c).form == "chain":
            return c
    return None


def _under(sp: SentenceParse, tok, top) -> bool:
    """Is `tok` inside the clause of predicate `top` (one of its dependents, at any depth)?"""
    h = sp.head(tok)
    for _ in range(30):
        if h is None:
            return False
        if h.i == top.i:
            return True
        h = sp.head(h)
    return False


def _clause_scope(sp: SentenceParse, trig) -> tuple[int, int]:
    """Document span of the clause of a secondary happening: the trigger's subtree, or for a
    relative clause (受賞した…金大中) the noun phrase it modifies."""
    top = trig.head if trig.dep_ == "acl" and trig.head.i in sp.ids else trig
    toks = [t for t in top.subtree if t.i in sp.ids]
    return sp.base + toks[0].idx, sp.base + toks[-1].idx + len(toks[-1].text)


def _in_brackets(text: str, sent_start: int, pos: int) -> bool:
    """Is `pos` inside (…) — an aside like 朝鮮戦争(1950〜1953年), not the date of a happening?"""
    seg = text[sent_start:pos]
    return seg.count("(") + seg.count("（") > seg.count(")") + seg.count("）")


def _ja_drafts(sp: SentenceParse, stxs: list[dict], text: str, sent_start: int,
               chronicle: bool = False) -> tuple[list[Draft], dict | None]:
    """Events of one parsed sentence (a draft without date is dated later by the narrative),
    and the sentence's framing date (2018年3月25日、…) if any."""
    main = sp.main_predicate()
    head, head_end = _line_head(stxs, text, sent_start)
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
        if _usable(t, text) and not _in_brackets(text, sent_start, t["start"]):
            r = timex_role(sp, t, text)
            if r is not None and not r.attributive:
                roles.append(r)

    def realized(r: TimexRole) -> bool:
        if main is not None and r.anchor is not None and r.anchor.i == main.i and not sp.pred(main).hypothetical:
            return True
        if r.framing and main is not None and (r.nominal is None or r.temporal):
            return True
        if r.anchor is None:
            return main is not None
        if r.anchor.pos_ != "VERB" or r.anchor.lemma_ in STATIVE:
            return r.nominal is not None and (main is not None or sp.realized(r.anchor))
        return sp.realized(r.anchor)

    if main is None:
        main = _dated_main(sp, [r for r in roles if r.framing and r.nominal is None], chronicle=chronicle,
                           own=[r for r in roles if r.nominal is None and r.anchor is not None and
                                r.anchor.i == sp.root.i and len(r.timex["value"]) >= 7])
    live = [r for r in roles if realized(r)]
    drafts: list[Draft] = []
    used = set()
    if main is not None:
        ranked = [r for r in live if r.framing and r.nominal is None] or \
            [r for r in live if r.nominal is None and not r.relative and r.anchor is not None and
             r.anchor.i == main.i] or \
            [r for r in live if r.nominal is None and not r.relative] or \
            [r for r in live if r.framing] or [r for r in live if r.temporal] or \
            [r for r in live if r.initial]
        mr = ranked[0] if ranked else None
        if mr is None and main.lemma_ not in REPORT and classify(main.lemma_) != "make_statement":
            # …会合を2003年4月に行うことに合意した: the sentence's own date, though it dates the
            # clause the happening is about, is nearer than any date carried from before (not so
            # for what someone said: …8月に訪問すると語った dates the plan, not the saying)
            mr = next((r for r in roles if r.nominal is None and not r.relative and r.anchor is not None and
                       r.anchor.i != main.i and _under(sp, r.anchor, main)), None)
        if mr is None and sp.pred(main).form not in ("past", "chain") and not chronicle:
            main = None  # a historical present needs its own date
    if main is not None:
        p = sp.pred(main)
        src = "narrative"
        date = mr.timex if mr else None
        if mr is not None:
            src = "explicit" if mr.nominal is None and (mr.framing or (mr.anchor is not None and mr.anchor.i == main.i)) \
                else "sentence"
            if mr.after_end >= 0 and _is_day(date["value"]):
                date = _month_of(date)  # after a given day: later that month
            used.add(date["value"])
        drafts.append(Draft(date=date, source=src, trig_tok=main, lemma=main.lemma_,
                            cls=classify(main.lemma_, _context_nouns(main)), negated=p.negated,
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
        if r.nominal is None and r.anchor is not None and r.anchor.lemma_ in HYPOTHETICAL_NOUNS:
            continue
        trig = r.nominal if r.nominal is not None else r.anchor
        if trig is None:
            continue
        used.add(r.timex["value"])
        drafts.append(Draft(date=r.timex, source="explicit", trig_tok=trig, lemma=trig.lemma_,
                            cls=classify(trig.lemma_, _context_nouns(trig)),
                            negated=sp.pred(trig).negated if r.nominal is None else False,
                            timex_pos=r.timex["start"],
                            scope=(r.timex["start"], r.after_end) if r.after_end >= 0 else
                            _clause_scope(sp, trig) if r.nominal is not None or trig.dep_ == "acl" else None))
    frames = [r.timex for r in roles if r.framing and r.nominal is None]
    return drafts, (frames[-1] if frames else None)


# English (no parse): lexical triggers
EN_NEG = re.compile(r"\b(?:not|never|n't|no longer)\b", re.IGNORECASE)
EN_HYPO = re.compile(r"\b(?:if|would|could|might|may|will|shall|plans? to|planned to|expected to|scheduled to)\b",
                     re.IGNORECASE)


EN_SENT = re.compile(r"[^.!?]+(?:[.!?]+|$)")


def _en_drafts(sent_text: str, start: int, stxs: list[dict], text: str) -> list[Draft]:
    """English has no parse here: one draft per sub-sentence (a guideline sentence ends only at
    !? or a newline, so it may hold several) whose words include a trigger; its first date, else
    the date of an earlier sub-sentence (read as its month after "later")."""
    lx = lexicon()
    drafts: list[Draft] = []
    last = None
    for sub in EN_SENT.finditer(sent_text):
        s0, s1 = start + sub.start(), start + sub.end()
        if QUESTION.search(sub.group()):
            continue
        dated = [t for t in stxs if s0 <= t["start"] < s1 and _usable(t, text)]
        m = lx.en_trigger_re.search(sub.group())
        if dated:
            last = dated[0]
        if not m:
            continue
        before = sub.group()[:m.start()][-30:]
        word = m.group().lower()
        date, source = (dated[0], "sentence") if dated else (last, "narrative")
        if date is not None and not dated and _is_day(date["value"]) and LATER.search(sub.group()):
            date = _month_of(date)
        drafts.append(Draft(date=date, source=source, trig_span=(s0 + m.start(), s0 + m.end()), lemma=word,
                            cls=lx.en.get(word, "unknown"), negated=bool(EN_NEG.search(before)),
                            hypothetical=bool(EN_HYPO.search(before)),
                            timex_pos=date["start"] if date is not None else -1))
    return drafts


LATER = re.compile(r"その後|後に|のちに|やがて|まもなく|間もなく|\blater\b|\bafterwards?\b|\bsubsequently\b")
DAY_CARRY = 2  # happenings a day-precise narrative date dates before it is read as its month


class Narrative:
    """The date a story is at: the last date of a happening (or a framing date) before,
    in the same section. A date keeps the precision the text supports: the further it is
    carried (counted in happenings dated by it), or past その後, the less its day can be
    trusted (read as its month); a new paragraph, or a sentence set in a period (この時代、…),
    keeps only its year. A list item continues the paragraph that introduces the list, and
    a date from a heading dates the whole section."""

    def __init__(self):
        self.dateline: dict | None = None  # a news report's date: a paragraph without a date of its own is that day's
        self.timex: dict | None = None
        self.carried = 0
        self.heading = False

    def reset(self, timex: dict | None, heading: bool = True) -> None:
        self.timex, self.carried, self.heading = timex, 0, heading

    def update(self, timex: dict) -> None:
        self.reset(timex, heading=False)

    def date(self, sent_text: str, gap: str = "") -> dict | None:
        """gap: the text between the carried date and the sentence."""
        t = self.timex
        if t is None:
            return None
        if "T" in t["value"]:
            t = dict(t, value=t["value"].split("T")[0])  # a clock time dates its own sentence; the story carries its day
        self.carried += 1
        new_paragraph = "\n" in gap and not self.heading and sent_text.lstrip()[:1] not in BULLETS
        if new_paragraph and self.dateline is not None:
            self.reset(self.dateline, heading=False)
            return self.dateline
        if (new_paragraph or ERA.search(sent_text)) and len(t["value"]) >= 7 and t["value"][:4].isdigit():
            return _year_of(t)
        if _is_day(t["value"]) and (self.carried > DAY_CARRY or LATER.search(sent_text) or ITERATIVE.search(sent_text)):
            return _month_of(t)
        return t


def _dateline(text: str, sentences: list[dict], tx_by_sent: dict) -> int | None:
    """Index of a news dateline: a line near the top that is nothing but a full date (2006年7月5日)
    under a headline. None when the document has none."""
    for si in range(1, min(3, len(sentences))):
        s = sentences[si]
        txs = tx_by_sent.get(si, [])
        if len(txs) == 1 and _is_day(txs[0]["value"]) and \
                text[s["start"]:s["end"]].strip() == text[txs[0]["start"]:txs[0]["end"]] and \
                not tx_by_sent.get(si - 1) and text[sentences[si - 1]["start"]:sentences[si - 1]["end"]].strip():
            return si
    return None


def _is_day(value: str) -> bool:
    return len(value) == 10 and value[:4].isdigit() and value[5:7].isdigit() and 1 <= int(value[5:7]) <= 12


def _month_of(t: dict) -> dict:
    ym = t["value"][:7]
    y, m = int(ym[:4]), int(ym[5:7])
    last = calendar.monthrange(y, m)[1]
    return dict(t, value=ym, earliest=f"{ym}-01", latest=f"{ym}-{last:02d}")


def _year_of(t: dict) -> dict:
    y = t["value"][:4]
    return dict(t, value=y, mod="", earliest=f"{y}-01-01", latest=f"{y}-12-31")


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


def build_events(doc_id: str, text: str, sentences: list[dict], mentions: list[dict], timexes: list[dict]) -> list[dict]:
    """sentences: [{start, end, tokens, base}] in order (see process._sentences)."""
    starts = [s["start"] for s in sentences]

    def sentence_of(pos: int) -> int:
        i = bisect_right(starts, pos) - 1
        return i if i >= 0 and pos < sentences[i]["end"] else -1

    ments_by_sent: dict[int, list[dict]] = {}
    for m in mentions:
        if m["label"] in PARTICIPANT_LABELS and m.get("canonical_id"):
            ments_by_sent.setdefault(sentence_of(m["start"]), []).append(m)
    tx_by_sent: dict[int, list[dict]] = {}
    for t in sorted(timexes, key=lambda t: t["start"]):
        tx_by_sent.setdefault(sentence_of(t["start"]), []).append(t)

    events: list[dict] = []
    story = Narrative()
    entry_end = -1  # end of the chronology entry (a line headed by its date) the sentence is in
    quoted = _inside_quotes(text, sentences)
    dl = _dateline(text, sentences, tx_by_sent)
    story.dateline = tx_by_sent[dl][0] if dl is not None else None
    for si, sent in enumerate(sentences):
        s0, s1 = sent["start"], sent["end"]
        sent_text = text[s0:s1]
        if quoted[si]:
            continue  # the middle of a quoted speech: the speech is the event of the sentence that quotes it
        stxs = tx_by_sent.get(si, [])
        tokens = [t for t in sent["tokens"] if not t.is_space]
        sp = SentenceParse(tokens, sent["base"], text[sent["start"]:sent["end"]]) if tokens else None
        headline = dl is not None and si == dl - 1 and sp is not None
        if _is_heading(sent_text, sp) and not headline:
            dated = [t for t in stxs if _usable(t, text)]
            story.reset(dated[0] if len(dated) == 1 and len(stxs) == 1 else None, heading=True)
            continue
        if sp is not None and QUESTION.search(sent_text):
            continue
        if headline:
            # a news headline (北朝鮮、ミサイルを発射) reports the happening of the day its dateline gives
            trig = next((t for t in tokens if is_event_noun(t) and classify(t.lemma_) != "unknown"), sp.root)
            drafts, frame = [Draft(date=story.dateline, source="sentence", trig_tok=trig, lemma=trig.lemma_,
                                   cls=classify(trig.lemma_, _context_nouns(trig)),
                                   timex_pos=story.dateline["start"], scope=(s0, s1))], None
        elif sp is not None:
            if s0 == 0 or text[s0 - 1] == "\n":
                head, _ = _line_head(stxs, text, s0)
                entry_end = (text.find("\n", s0) % (len(text) + 1)) if head is not None else -1
            drafts, frame = _ja_drafts(sp, stxs, text, s0, chronicle=s0 < entry_end)
        else:
            drafts, frame = _en_drafts(sent_text, s0, stxs, text), None
        kept = []
        seen = set()
        for d in drafts:
            if d.date is None:
                gap = text[story.timex["end"]:s0] if story.timex is not None else ""
                d.date, d.source = story.date(sent_text, gap), "narrative"
                if d.date is None:
                    continue
            if d.date["value"] not in seen:  # one event per date
                seen.add(d.date["value"])
                kept.append(d)
        # the story moves on to the dates of what the sentence narrates, not to those of a happening
        # it only mentions (…2000年に訪問したオルブライト…, 3月に行った失敗とは対照的に)
        dated = [(d.timex_pos, d.date) for d in kept if d.source != "narrative" and d.scope is None]
        if frame is not None:
            dated.append((frame["start"], frame))
        if dated:
            story.update(max(dated, key=lambda x: x[0])[1])
        if not kept:
            continue
        for d in sorted(kept, key=lambda d: (d.trig_span or _trigger_span(d.trig_tok, sent["base"]))[0]):
            ts, te = d.trig_span or _trigger_span(d.trig_tok, sent["base"])
            c0, c1 = d.scope or (s0, s1)
            actors = find_actors(text[c0:c1])
            ments = [m for m in ments_by_sent.get(si, []) if c0 <= m["start"] and m["end"] <= c1]
            cameo, quad = class_info(d.cls)
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
                "trigger": d.lemma,
                "trigger_start": ts,
                "trigger_end": te,
                "event_class": d.cls,
                "persons": [], "ships": [], "incidents": [],
                "mention_ids": [m["mention_id"] for m in ments],
                "actors": actors,
                "quad_class": quad,
                "cameo_root": cameo,
                "date_source": d.source,
                "negated": d.negated,
                "hypothetical": d.hypothetical,
            }
            for m in ments:
                ids = ev[PARTICIPANT_LABELS[m["label"]]]
                if m["canonical_id"] not in ids:
                    ids.append(m["canonical_id"])
            events.append(ev)
    return events
