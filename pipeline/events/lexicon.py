"""Data the events stage reads: the trigger lexicon (classes), actor codes, closed word classes; all read
through pipeline.resources the first time `lexicon()` is called, into one frozen Lexicon."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from pipeline.resources import DATA_DIR, require

TRIGGERS_PATH = DATA_DIR / "triggers.json"
ACTORS_PATH = DATA_DIR / "actors.json"
GRAMMAR_PATH = DATA_DIR / "grammar.json"  # closed word classes the clause analysis needs
DATED_TYPES = ("DATE", "TIME")
SENT_FINAL = "。．.！？!?」』)）"
BULLETS = "-‐–—•・*＊●○■□◆◇"

# --------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class Lexicon:
    ja: Mapping[str, str]
    en: Mapping[str, str]
    classes: Mapping[str, Mapping]
    light: frozenset[str]
    light_when_read: frozenset[str]  # 行く: 行った may be おこなった, light before a classed object noun
    actor_re: re.Pattern
    actor_of: Mapping[str, tuple[str, ...]]
    blocked: re.Pattern | None
    abbrev_run_re: re.Pattern
    abbrev_prefix_re: re.Pattern
    abbrev_follow_re: re.Pattern
    abbrev: Mapping[str, str]
    en_trigger_re: re.Pattern
    en_motion: frozenset[str]  # sailed, reached: the subject acts, what follows is a place
    en_undergo: frozenset[str]  # died, sank: the subject is acted on
    attack_cues: tuple[str, ...]
    accident_cues: tuple[str, ...]
    accident_words: frozenset[str]
    type_words: tuple[str, ...]  # 攻撃型: a kind of vessel or weapon, no attack cue
    collisions: frozenset[str]  # 衝突: a happening between two sides (first named → the other)
    outcomes: frozenset[str]  # 沈没, 死亡: what a collision or an act of violence chained before it led to
    named_endings: Mapping[str, str]  # ending of a happening's name → its class (の乱 → fight)
    described_endings: tuple[str, ...]  # 事件: a name whose class the rest of its chronology line tells
    described_classes: frozenset[str]
    occurring: frozenset[str]  # 続く, 起こる: verbs whose named subject (萩の乱が続く) is the happening
    agreements: tuple[str, ...]  # nouns of an agreement (合意, 条約): with a light verb, an agreement reached
    law_nouns: tuple[str, ...]  # 決議, 法: a law takes the class of its subject (制裁法 → sanction)
    law_passing: frozenset[str]  # 可決, 成立, 通過: predicates of a law passed
    order_verbs: frozenset[str]  # 指示, 発令: with a posture word (警戒, 警備), forces put on alert
    postures: tuple[str, ...]
    results: frozenset[str]  # predicates of a consequence (緊張, 悪化): classed by the clause that caused it
    # closed word classes (data/grammar.json)
    stative: frozenset[str]  # predicates that are states
    report: frozenset[str]  # report verbs
    transparent: frozenset[str]
    hypothetical_nouns: frozenset[str]
    durative: frozenset[str]  # 〜し続けた: an ongoing course, not a happening
    state_aspect: frozenset[str]  # 持っていた, 維持してきた: a state held, not a happening
    era_re: re.Pattern
    iterative_re: re.Pattern
    occasion_nouns: tuple[str, ...]
    frame_particles: frozenset[str]
    writer_notes: tuple[str, ...]  # 以下、…の順に記す: the writer's note on the text, no happening


def _latin_word(name: str) -> str:
    """`name` on word edges. The edge check before the name sits after its first character: an
    alternation whose branches all open with a literal lets `re` skip every position that cannot
    start a name (40× faster over a document than branches that open with a lookbehind)."""
    first = re.escape(name[0])
    return f"{first}(?<![A-Za-z]{first}){re.escape(name[1:])}(?![A-Za-z])"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    def trig(*keys):
        return require(TRIGGERS_PATH, *keys)

    def act(*keys):
        return require(ACTORS_PATH, *keys)

    def grammar(key):
        return require(GRAMMAR_PATH, key)

    actor_of: dict[str, tuple[str, ...]] = {}
    abbrev: dict[str, str] = {}
    for code, info in act("actors").items():
        for name in require(ACTORS_PATH, "actors", code, "names"):
            actor_of.setdefault(name, (code,))
        if info.get("abbrev"):
            abbrev[info["abbrev"]] = code
    for name, codes in act("compounds").items():
        actor_of[name] = tuple(codes)
    # longest first so that 北朝鮮 wins over 朝鮮…, 国連安保理 over 国連; Latin names on word edges
    names = sorted(actor_of, key=len, reverse=True)
    alts = [_latin_word(n) if n.isascii() else re.escape(n) for n in names]
    not_actors = sorted(act("not_actors"), key=len, reverse=True)
    abbrev_all = dict(abbrev, **act("extra_abbrev"))
    kanji = "".join(abbrev)
    en_words = sorted(trig("en"), key=len, reverse=True)
    return Lexicon(
        ja=trig("ja"), en=trig("en"), classes=trig("classes"), light=frozenset(trig("light")),
        light_when_read=frozenset(trig("light_when_read", "verbs")),
        actor_re=re.compile("|".join(alts)),
        actor_of=MappingProxyType(actor_of),
        blocked=re.compile("|".join(map(re.escape, not_actors))) if not_actors else None,
        # 米朝, 日米韓の, 中朝: a word of two or more distinct abbreviations
        # (not after a numeral: 10日朝 is the morning of the 10th; 英・仏・米: the run spelled with ・)
        abbrev_run_re=re.compile(rf"(?<![\u4e00-\u9fff0-9０-９・])[{kanji}](?:・?[{kanji}]){{1,3}}(?![{kanji}・])"),
        # 訪米, 対北, 在韓, 来日
        abbrev_prefix_re=re.compile("[" + "".join(act("prefixes")) + "]([" + "".join(abbrev_all) + "])"),
        # 米軍, 米大統領, 新米大統領
        abbrev_follow_re=re.compile("(米)(?=[" + act("abbrev_followers") + "])"),
        abbrev=MappingProxyType(abbrev_all),
        en_trigger_re=re.compile(r"\b(" + "|".join(map(re.escape, en_words)) + r")\b", re.IGNORECASE),
        en_motion=frozenset(trig("en_roles", "motion")),
        en_undergo=frozenset(trig("en_roles", "undergo")),
        attack_cues=tuple(trig("accident_cues", "attack_cues")),
        accident_cues=tuple(trig("accident_cues", "accident_cues")),
        accident_words=frozenset(trig("accident_cues", "accident_words")),
        type_words=tuple(trig("accident_cues", "type_words")),
        collisions=frozenset(trig("collisions", "verbs")),
        outcomes=frozenset(trig("collisions", "outcomes")),
        named_endings=trig("named_happenings", "endings"),
        described_endings=tuple(trig("named_happenings", "described", "endings")),
        described_classes=frozenset(trig("named_happenings", "described", "classes")),
        occurring=frozenset(trig("named_happenings", "verbs")),
        agreements=tuple(trig("agreements", "nouns")),
        law_nouns=tuple(trig("laws", "nouns")),
        law_passing=frozenset(trig("laws", "passing")),
        order_verbs=frozenset(trig("orders", "verbs")),
        postures=tuple(trig("orders", "postures")),
        results=frozenset(trig("results", "predicates")),
        stative=frozenset(grammar("stative")),
        report=frozenset(grammar("report")),
        transparent=frozenset(grammar("transparent")),
        hypothetical_nouns=frozenset(grammar("hypothetical_nouns")),
        durative=frozenset(grammar("durative")),
        state_aspect=frozenset(grammar("state_aspect")),
        era_re=re.compile("|".join(map(re.escape, grammar("era_markers")))),
        iterative_re=re.compile("|".join(map(re.escape, grammar("iterative")))),
        occasion_nouns=tuple(grammar("occasion_nouns")),
        frame_particles=frozenset(grammar("frame_particles")),
        writer_notes=tuple(grammar("writer_notes")),
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
        letters = run.replace("・", "")
        if len(set(letters)) == len(letters) and take(m.start(), m.end()):
            found.extend((m.start() + i, lx.abbrev[ch]) for i, ch in enumerate(run) if ch != "・")
    for rx in (lx.abbrev_prefix_re, lx.abbrev_follow_re):
        for m in rx.finditer(text):
            if take(m.start(1), m.end(1)):
                found.append((m.start(1), lx.abbrev[m.group(1)]))
    out: list[str] = []
    for _, code in sorted(found):
        if code not in out:
            out.append(code)
    return out


# 米海軍太平洋艦隊によると、…: who reports it, not who takes part
ATTRIBUTION = re.compile(r"[^、。「」]{1,40}?に(?:よると|よれば)[、,]?")


def participant_actors(clause: str) -> list[str]:
    """The actor codes of a clause that take part in its happening: those named outside an attribution of
    what it reports (…によると, …によれば)."""
    return find_actors(ATTRIBUTION.sub(lambda m: " " * len(m.group()), clause))


def classify(lemma: str, context: list[str] = ()) -> str:
    """Event class of a Japanese predicate lemma; a light verb (行う, 開始) or an
    unknown lemma takes the class of a context noun (its object/subject)."""
    lx = lexicon()
    own = _lookup(lx.ja, lemma)
    if own is None or lemma in lx.light or lemma in lx.light_when_read:
        for noun in context:
            cls = _lookup(lx.ja, noun)
            if cls is not None and noun not in lx.light:
                # 合意が成立した, 合意に達した: an agreement reached, not the noun's own class
                return "sign_agreement" if lemma in lx.light and noun.endswith(lx.agreements) else cls
    return own or "unknown"


# 〜することで合意した / 〜することにも合意した: agreeing to act (CAMEO 03); any other 合意 reaches an agreement (057)
AGREE_TO_DO = re.compile(r"こと[でに]も?合意")
# what someone said must be done (CAMEO 10, demand)
MUST = re.compile(r"なければならない|なければならぬ|ねばならない|べきだ|べきである|べきと|よう(?:に)?(?:求め|要求|促|迫|示|指示)")
# classes a statement takes from what it says
STATEMENT_CONTENT = frozenset({"appeal", "express_intent_to_cooperate", "disapprove", "reject", "threaten", "demand",
                               "protest"})
# a consequence (死亡, 負傷, 落下) reported with the act that caused it takes the act's class
# an announcement takes the class of the measure it announces (…を再指定したと発表した: sanction); read
# only in what the announcing verb governs, not anywhere in its clause
ANNOUNCE = frozenset({"発表", "表明", "公表", "宣言", "布告", "発布", "公布", "通告"})
ANNOUNCED_MEASURES = frozenset({"sanction", "reduce_relations", "exhibit_force_posture", "reject"})
CONSEQUENCES = frozenset({"死亡", "負傷", "死傷", "落下", "被害", "犠牲", "損傷", "戦死"})
CAUSE_CLASSES = frozenset({"assault", "fight", "use_unconventional_mass_violence", "arrest_detain"})


def refine_class(cls: str, lemma: str, clause: str, nearby: list[str] = (), governed: list[str] = (),
                 causes: list[str] = ()) -> str:
    """The class of a trigger read in its clause. A sinking, capsizing or fire is an accident (other)
    unless the clause names an attack (魚雷, 撃沈, 砲撃: fight); a collision (衝突) in a clause that
    names weather or an accident (台風, 濃霧, 事故) is an accident too. A trigger of no class takes the
    class of the nearest lexicon word of its clause (`nearby`: lemmas, nearest first), else stays unknown.
    `governed`: the lemmas of what the trigger governs (its dependents and theirs), nearest first.
    `causes`: the classes of the clauses that led to it (…が逮捕されると, …の主張によって), nearest first: a
    consequence (関係は緊張した, 頂点に達した) is the happening that caused it."""
    lx = lexicon()
    if lemma in lx.results:
        cause = next((c for c in causes if c not in ("other", "unknown")), None)
        if cause is not None:
            return cause
    if lemma in lx.accident_words or (cls in ("other", "fight") and lemma[-2:] in lx.accident_words):
        cues = clause
        for w in lx.type_words:  # 攻撃型原子力潜水艦に衝突された: a kind of submarine, no attack
            cues = cues.replace(w, "")
        if any(c in cues for c in lx.attack_cues):
            return "fight"
        if any(c in clause for c in lx.accident_cues) or cls == "other":
            return "other"
    if cls == "demand" and lemma in lx.order_verbs and any(p in clause for p in lx.postures):
        return "exhibit_force_posture"  # 全軍に警戒監視の徹底を指示した: forces put on alert
    if lemma == "合意" and cls == "express_intent_to_cooperate" and not AGREE_TO_DO.search(clause):
        return "sign_agreement"  # 枠組みに合意した, 合意に達した: an agreement reached, not a promise to act
    if cls == "make_statement" and lemma in ANNOUNCE:
        # what the announcing verb governs comes before a demand said elsewhere in its clause
        said = (_lookup(lx.ja, w) for w in governed)
        found = next((c for c in said if c in ANNOUNCED_MEASURES | STATEMENT_CONTENT), None)
        if found in ANNOUNCED_MEASURES:
            return found
    if cls == "make_statement" and MUST.search(clause):
        return "demand"  # …を終わらせなければならないと述べた
    if cls == "make_statement":
        # CAMEO codes a statement by what it says: 〜を非難すると述べた is disapprove, 〜を要求した is demand
        for word in nearby:
            found = None if word in lx.light else _lookup(lx.ja, word)
            if found in STATEMENT_CONTENT:
                return found
        return cls
    if lemma in CONSEQUENCES:
        for word in nearby:
            found = None if word in lx.light else _lookup(lx.ja, word)
            if found in CAUSE_CLASSES:
                return found
    if cls != "unknown":
        return cls
    fallback = None
    for word in nearby:
        if word in lx.light:
            continue
        found = _lookup(lx.ja, word)
        if found is not None and found != "other":
            return found
        fallback = fallback or found
    return fallback or cls


def _lookup(table: dict[str, str], word: str) -> str | None:
    if word in table:
        return table[word]
    for k in range(len(word) - 1, 1, -1):  # compounds: 再指定 → 指定, 首脳会談 → 会談
        if word[-k:] in table:
            return table[word[-k:]]
    return None


def law_class(parts: list[str]) -> str | None:
    """The class of a law or resolution from the words of its compound name (北朝鮮, 制裁, 施行法 → sanction)."""
    lx = lexicon()
    for word in parts:
        found = None if word in lx.light else _lookup(lx.ja, word)
        if found not in (None, "other"):
            return found
    return None


def named_class(name: str) -> str:
    """The class of a happening named without a verb, from its name's ending (佐賀の乱 → fight)."""
    endings = lexicon().named_endings
    return next((endings[e] for e in sorted(endings, key=len, reverse=True) if name.endswith(e)), "other")


def described_class(name: str, words: list[str]) -> str | None:
    """The class of a happening named without a verb whose name says nothing of what happened (秩父事件):
    that of the first act of a conflict class among the lemmas that describe it (蜂起 → protest), else None."""
    lx = lexicon()
    if not name.endswith(lx.described_endings):
        return None
    return next((c for w in words if w not in lx.light for c in [_lookup(lx.ja, w)] if c in lx.described_classes),
                None)


def class_info(cls: str) -> tuple[str, str]:
    """(cameo_root, quad_class) of an event class."""
    info = lexicon().classes.get(cls)
    return (info["cameo_root"], info["quad_class"]) if info else ("", "neutral")


BOUND_AFTER = re.compile(r"^\s*(?:以来|から現在)")
NOMINAL_FRAME = re.compile(r"の[^、。「」]{0,24}?((?:直後|以後|以降|後)|から[0-9０-９一二三四五六七八九十数]+[日週月年カヶかケ]+後)、")
SAME_SPAN_GAP = re.compile(r"^\s*(?:及び|および|と|、|から|より|〜|～|-|－|—|–|や)?\s*$")
QUESTION = re.compile(r"[?？]\s*[」』)）]*$")
