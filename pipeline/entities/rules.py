"""Rules that find PERSON / SHIP / INCIDENT names nobody listed, on raw text (character offsets).

One function per pattern family; each returns candidate dicts {start, end, text, label, source, confidence}.
Word lists come from data/lexicon.json. `TokenInfo` (optional) carries GiNZA/SudachiPy token tags so a rule can
ask "is this a proper noun?" when a model ran; without it (English documents, tests) the rules still work.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

import numpy
from spacy.attrs import IDX, LENGTH, POS, TAG

from pipeline.records import scored_labels

from .kb import lexicon
from .patterns import boundary_ok, is_kanji, is_kata

KCOMP = r"[ァ-ヴ][ァ-ヺー]*"
INIT = r"[A-ZＡ-Ｚ][.．]?"
SEP = r"[・＝=･]"
KNAME = rf"{KCOMP}(?:(?:{SEP}|(?=[A-ZＡ-Ｚ]))(?:{INIT}{SEP}?)*{KCOMP})*(?:{SEP}?(?:Jr|Sr)\.?(?![A-Za-z]))?"
KANJI = r"[一-龥々]"
_SENT_END = "。！？!?\n"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def cand(text, s, e, label, source, conf, **extra) -> dict:
    d = {"start": s, "end": e, "text": text[s:e], "label": label, "source": source, "confidence": conf}
    d.update(extra)
    return d


def components(name: str) -> list[str]:
    return [p for p in re.split(r"[・＝=･.．\sA-ZＡ-Ｚ]+", name) if p]


def sentence_bounds(text: str, s: int, e: int, limit: int = 300) -> tuple[int, int]:
    a = s
    lo = max(0, s - limit)
    while a > lo and text[a - 1] not in _SENT_END:
        a -= 1
    b = e
    hi = min(len(text), e + limit)
    while b < hi and text[b] not in _SENT_END:
        b += 1
    return a, b


def _names(strings, hashes) -> list[str]:
    """String-store hashes → their strings, looked up once per distinct hash."""
    distinct, index = numpy.unique(hashes, return_inverse=True)
    names = [strings[h] for h in distinct.tolist()]
    return [names[i] for i in index.tolist()]


class TokenInfo:
    """Token spans and tags of a spaCy Doc, queried by character offsets (relative to the doc text).
    Read from one `Doc.to_array` call: iterating a Doc builds a Token object per token, which
    cost more than all the rules together."""

    def __init__(self, doc):
        table = doc.to_array([IDX, LENGTH, TAG, POS])
        self.starts = table[:, 0].astype("int64").tolist()
        self.ends = (table[:, 0] + table[:, 1]).astype("int64").tolist()
        self.tags = _names(doc.vocab.strings, table[:, 2])
        self.pos = _names(doc.vocab.strings, table[:, 3])

    def tokens(self, s: int, e: int) -> range:
        i = bisect.bisect_right(self.ends, s)
        j = bisect.bisect_left(self.starts, e)
        return range(i, j)

    def has_propn(self, s: int, e: int) -> bool:
        return any(self.pos[i] == "PROPN" or "固有名詞" in self.tags[i] for i in self.tokens(s, e))

    def is_token(self, s: int, e: int) -> bool:
        """[s, e) starts and ends on token boundaries."""
        idx = self.tokens(s, e)
        return bool(idx) and self.starts[idx[0]] >= s and self.ends[idx[-1]] <= e

    def place_like(self, text: str, s: int, e: int) -> bool:
        """A candidate name that Sudachi reads as a place, or whose last token is a place, temple or
        building word (ポーツマス, 野比沖, 園城寺, 寺田屋): not a person whatever a model said."""
        idx = [i for i in self.tokens(s, e) if self.pos[i] not in ("PUNCT", "SYM", "SPACE")
               and not text[self.starts[i]].isspace()]
        if not idx:
            return False
        if all("地名" in self.tags[i] for i in idx):
            return True
        last = idx[-1]
        if "人名" in self.tags[last] and self.starts[last] >= s:
            return False
        word = text[max(s, self.starts[last]):min(e, self.ends[last])]
        suffixes = _res()["place_suffix"]
        return word in suffixes or any(word.endswith(x) and len(word) > len(x) for x in ("寺", "沖", "門外"))

    def person_tag(self, s: int, e: int) -> bool:
        return any("人名" in self.tags[i] for i in self.tokens(s, e))

    def common_noun_word(self, s: int, e: int) -> bool:
        """True when [s, e) is (or contains) a multi-character common noun: 安保理, 発射, 部隊."""
        for i in self.tokens(s, e):
            if "普通名詞" in self.tags[i] and self.ends[i] - self.starts[i] >= 2 and \
                    self.starts[i] >= s and self.ends[i] <= e:
                return True
        return False


@lru_cache(maxsize=1)
def _res() -> dict:
    L = lexicon()
    r = {}
    r["titles"] = _alt(L["title_suffixes_ja"])
    r["strong"] = _alt(L["strong_titles_ja"])
    r["roles"] = _alt(L["role_words_before_no_ja"])
    r["roles_direct"] = _alt(L["role_words_before_name_ja"])
    r["surn"] = "".join(sorted(set(L["cjk_surnames"])))
    r["given"] = frozenset(L["given_names_kata"])
    r["ksurn"] = frozenset(L["korean_surnames_kata"])
    r["nonperson"] = frozenset(L["non_person_kata"]) | frozenset(L["generic_kata"])
    r["places"] = frozenset(L["places_kata"])
    r["cjk_stop"] = frozenset(L["cjk_name_stopwords"])
    r["cjk_forbidden"] = frozenset(L["cjk_name_forbidden_chars"])
    r["ship_types"] = _alt(L["ship_types_ja"])
    r["ship_ctx"] = L["ship_context_words_ja"]
    r["air_ctx"] = L["aircraft_context_words_ja"]
    r["ship_suffix"] = tuple(sorted(L["ship_suffix_context_ja"], key=len, reverse=True))
    r["ship_types_list"] = tuple(sorted(L["ship_types_ja"], key=len, reverse=True))
    r["not_ship_before_go"] = frozenset(L["not_ship_before_go_ja"])
    r["not_ship_after_go"] = "".join(L["not_ship_after_go_ja"])
    r["not_ship_ctx"] = _alt(L["not_ship_context_ja"])
    r["inc_generic"] = tuple(sorted(L["incident_generic_heads_ja"], key=len, reverse=True))
    r["given_en"] = frozenset(L["given_names_en"])
    r["ksurn_en"] = _alt(L["korean_surnames_en"])
    r["en_titles"] = "|".join(sorted(L["en_titles"], key=len, reverse=True))
    r["ship_prefixes"] = _alt(L["ship_prefixes"])
    r["inc_names"] = _alt(L["incident_suffix_names_ja"])
    r["hen_not_after"] = frozenset(L["hen_not_after_ja"])
    r["maru_common"] = frozenset(L["maru_common_nouns_ja"])
    r["place_suffix"] = frozenset(L["place_suffix_tokens_ja"])
    r["emperor"] = _alt(L["emperor_titles_ja"])
    return r


# ---------------------------------------------------------------- person helpers

def katakana_name_ok(name: str, single_ok: bool = True) -> bool:
    """Plausible katakana person name: no organisation/place/generic word as a component."""
    r = _res()
    comps = components(name)
    if not comps:
        return False
    if len(comps) == 1:
        c = comps[0]
        return not (not single_ok or len(c) < 2 or c in r["nonperson"] or c in r["places"])
    if any(c in r["nonperson"] for c in comps):
        return False
    return not (comps[0] in r["places"] or comps[-1] in r["places"] and comps[0] not in r["given"])


def cjk_name_ok(name: str, tok: TokenInfo | None = None, s: int = 0) -> bool:
    r = _res()
    if name in r["cjk_stop"] or name[:2] in r["cjk_stop"] or name[0] not in r["surn"]:
        return False
    if any(c in r["cjk_forbidden"] for c in name[1:]):
        return False
    return not (tok is not None and tok.common_noun_word(s, s + len(name)))


def person_title_rules(text: str, tok: TokenInfo | None = None) -> list[dict]:
    """Names next to titles and roles: トランプ大統領, 国務長官のティラーソン, 金正恩委員長, 総書記の金正日."""
    r = _res()
    out = []
    # katakana name + title (title outside the span)
    for m in re.finditer(rf"(?<![ァ-ヺー・＝=･])({KNAME})(?=(?:{r['titles']}))", text):
        name = m.group(1)
        if katakana_name_ok(name):
            out.append(cand(text, m.start(1), m.end(1), "PERSON", "rule:title", 0.8))
    # 3-kanji CJK name + strong title: 金正恩委員長, 文在寅大統領
    for m in re.finditer(rf"(?<!{KANJI})([{r['surn']}]{KANJI}{{2}})(?=(?:{r['strong']}))", text):
        if cjk_name_ok(m.group(1), tok, m.start(1)):
            out.append(cand(text, m.start(1), m.end(1), "PERSON", "rule:title", 0.75))
    # role + の + name: 国務長官のレックス・ティラーソン, 北米局長の崔善姫
    for m in re.finditer(rf"(?:{r['roles']})の(?:{r['roles']}で(?:ある|あった)?)?"
                         rf"({KNAME}|[{r['surn']}]{KANJI}{{2}}(?!{KANJI}))", text):
        name, s = m.group(1), m.start(1)
        if is_kata(name[0]):
            if katakana_name_ok(name) and boundary_ok(text, s, m.end(1)):
                out.append(cand(text, s, m.end(1), "PERSON", "rule:title", 0.75))
        elif cjk_name_ok(name, tok, s):
            out.append(cand(text, s, m.end(1), "PERSON", "rule:title", 0.7))
    for m in re.finditer(rf"(?:{r['roles']})の([{r['surn']}]{KANJI})(?=[がはとにをも、])", text):
        if cjk_name_ok(m.group(1), tok, m.start(1)) and (tok is None or tok.has_propn(m.start(1), m.end(1))):
            out.append(cand(text, m.start(1), m.end(1), "PERSON", "rule:title", 0.6))
    # role directly before a katakana name: 元米国大統領ジミー・カーター, 大統領ビル・クリントン
    for m in re.finditer(rf"(?:{r['roles_direct']})({KNAME})", text):
        name = m.group(1)
        if len(components(name)) >= 2 and katakana_name_ok(name) and boundary_ok(text, m.start(1), m.end(1)):
            out.append(cand(text, m.start(1), m.end(1), "PERSON", "rule:title", 0.75))
    return out


def katakana_fullname_rule(text: str) -> list[dict]:
    """Katakana full names joined by ・ or ＝ (or a Latin initial): ドナルド・トランプ, ジョージW.ブッシュ.

    Accepted when the first part is a known given name or Korean family name, or an initial is present.
    """
    r = _res()
    out = []
    for m in re.finditer(rf"(?<![ァ-ヺー・＝=･]){KNAME}", text):
        name = m.group(0)
        comps = components(name)
        if len(comps) < 2:
            continue
        s, e = m.start(), m.end()
        nxt = text[e:e + 1]
        if nxt == "号":  # a vessel name, handled by ship rules
            continue
        has_init = bool(re.search(r"[A-ZＡ-Ｚ]", name))
        ok = comps[0] in r["given"] or has_init or \
            (comps[0] in r["ksurn"] and len(comps) == 2 and 2 <= len(comps[1]) <= 5)
        if ok and katakana_name_ok(name) and not blocked_after(text, e):
            out.append(cand(text, s, e, "PERSON", "rule:katakana", 0.75))
    return out


def english_person_rules(text: str) -> list[dict]:
    """Latin-script names: titles (President X, Secretary of State X), given names, Korean names."""
    r = _res()
    out = []
    cap = r"[A-Z][a-zA-Z'’\-]+"
    for m in re.finditer(rf"\b(?:{r['en_titles']})\s+((?:[A-Z]\.\s?)?{cap}(?:\s+(?:[A-Z]\.\s?)?{cap}){{0,2}})", text):
        name = m.group(1)
        first = name.split()[0]
        if first in ("of", "the", "State", "Defense", "General", "Minister"):
            continue
        out.append(cand(text, m.start(1), m.end(1), "PERSON", "rule:title", 0.7))
    for m in re.finditer(rf"\b([A-Z][a-z]+)\s+((?:[A-Z]\.\s?)*{cap})\b", text):
        if m.group(1) in r["given_en"] and m.group(2) not in r["given_en"]:
            out.append(cand(text, m.start(), m.end(), "PERSON", "rule:given-name", 0.7))
    for m in re.finditer(rf"\b(?:{r['ksurn_en']})\s+[A-Z][a-z]+(?:-[a-z]+|\s+[A-Z][a-z]+)\b", text):
        out.append(cand(text, m.start(), m.end(), "PERSON", "rule:korean-name", 0.7))
    return out


# ---------------------------------------------------------------- ships

def ship_context(text: str, s: int, e: int) -> bool:
    """Strong local evidence that the name at [s, e) is a vessel: a type word right before, 号/艦/乗組員 after."""
    r = _res()
    before = text[max(0, s - 12):s].rstrip(" 　「『\"")
    before = before.removesuffix("の")
    if before.endswith(r["ship_types_list"]) or re.search(r"(USS|ROKS|HMS|USNS)\s?$", before):
        return True
    if re.search(r"(?:aircraft carrier|carrier|destroyer|submarine|vessel|ship|cruiser|frigate)\s+(?:the\s+)?$", before):
        return True
    after = text[e:e + 10]
    if after.startswith(r["ship_suffix"]):
        return True
    return bool(re.match(r"\s*(?:carrier|strike group|\(CVN|\(DDG|\(AGER)", after))


def sentence_ship_context(text: str, s: int, e: int) -> bool:
    a, b = sentence_bounds(text, s, e)
    sent = text[a:s] + text[e:b]
    r = _res()
    if ship_context(text, s, e):
        return True
    has_ship = any(w in sent for w in r["ship_ctx"])
    has_air = any(w in sent for w in r["air_ctx"])
    return has_ship and not (has_air and not re.search(r"船|艦", sent))


def _missile_context(text: str, s: int, e: int) -> bool:
    """Missiles, rockets and satellites are named with 号 too (テポドン2号, 光明星3号)."""
    if ship_context(text, s, e):
        return False
    return bool(re.search(_res()["not_ship_ctx"], text[max(0, s - 15):e + 15]))


def ship_rules(text: str, tok: TokenInfo | None = None) -> list[dict]:
    r = _res()
    out = []
    # katakana name + 号: ジェネラル・シャーマン号, ダイホンダン号
    for m in re.finditer(rf"(?<![ァ-ヺー・＝=･A-Za-z0-9])({KNAME})(\d*)号(?![{r['not_ship_after_go']}])", text):
        s, e = m.start(1), m.end()
        if m.group(2) and not ship_context(text, m.start(1), m.end(1)) and not sentence_ship_context(text, s, e):
            continue
        if _missile_context(text, s, e):
            continue
        if text[e:e + 2] in ("事件", "事故") or sentence_ship_context(text, s, e):
            out.append(cand(text, s, e, "SHIP", "rule:ship", 0.8))
    # kanji name + 号 with ship context: 万景峰92号, 西山号
    for m in re.finditer(rf"(?<!{KANJI})({KANJI}{{2,4}})(\d{{0,3}})号(?![{r['not_ship_after_go']}])", text):
        name, s, e = m.group(1), m.start(1), m.end()
        if name in r["not_ship_before_go"] or name[-1] in r["not_ship_before_go"]:
            continue
        if tok is not None and tok.common_noun_word(s, m.end(1)):
            continue
        if _missile_context(text, s, e):
            continue
        if ship_context(text, s, m.end(1) - 0) or sentence_ship_context(text, s, e):
            out.append(cand(text, s, e, "SHIP", "rule:ship", 0.7))
    # ship-type word + name: 商船ダイホンダン号, 原子力空母カール・ビンソン, 軍艦天安
    for m in re.finditer(rf"(?:{r['ship_types']})の?[「『]?(?:USS|ROKS)?\s?"
                         rf"((?:{KNAME}|{KANJI}{{2,4}}(?=[号がはのをにとも、。」』\(（]))(?:\d*号)?)"
                         rf"(?:と({KNAME}(?:\d*号)?))?", text):
        name, s, e = m.group(1), m.start(1), m.end(1)
        if m.group(2) and katakana_name_ok(m.group(2)) and boundary_ok(text, m.start(2), m.end(2)):
            out.append(cand(text, m.start(2), m.end(2), "SHIP", "rule:ship", 0.7))
        name = re.sub(r"\d*号$", "", name)
        if is_kata(name[0]):
            if not katakana_name_ok(name) or not boundary_ok(text, s, s + len(name)):
                continue
        else:
            if tok is not None and (not tok.has_propn(s, s + len(name)) or tok.common_noun_word(s, s + len(name))):
                continue
            if tok is None and re.search(r"[隻艦船機隊部基地]", name):
                continue
        out.append(cand(text, s, e, "SHIP", "rule:ship", 0.8))
    # ship-type word + a list of kanji names: 軍艦摩耶・武蔵・葛城の3隻
    for m in re.finditer(rf"(?:{r['ship_types']})((?:{KANJI}{{2,4}}・)+{KANJI}{{2,4}})(?=[のがはをにとも、。])", text):
        pos = m.start(1)
        for name in m.group(1).split("・"):
            s, e = pos, pos + len(name)
            pos = e + 1
            if tok is not None and (not tok.has_propn(s, e) or tok.common_noun_word(s, e)):
                continue
            out.append(cand(text, s, e, "SHIP", "rule:ship", 0.75))
    # ship-type word + quoted names, the usual Japanese style: 巡視船「あまみ」, 護衛艦「みょうこう」「はるな」
    for m in re.finditer(rf"(?:{r['ship_types']}|[0-9０-９{_KNUM}]+番(?:艦|艇|船))の?"
                         rf"((?:[「『][^「『」』。\n]{{1,20}}[」』](?:と|、|及び|や)?)+)", text):
        for q in re.finditer(r"[「『]([^「『」』]+)[」』]", m.group(1)):
            name = q.group(1).strip()
            if name and not re.search(r"[隻級型]$|^(?:USS|ROKS)\s?$", name):
                start = m.start(1) + q.start(1) + (len(q.group(1)) - len(q.group(1).lstrip()))
                out.append(cand(text, start, start + len(name), "SHIP", "rule:ship-quoted", 0.8))
    # prefixes: USS Pueblo, USSプエブロ (the prefix stays outside the span)
    for m in re.finditer(rf"\b(?:{r['ship_prefixes']})\s?({KNAME}|[A-Z][A-Za-z'.\-]*(?:\s+[A-Z][A-Za-z'.\-]*){{0,3}})",
                         text):
        out.append(cand(text, m.start(1), m.end(1), "SHIP", "rule:ship", 0.8))
    # name + の乗組員/の艦長: ジェームス・E・ウィリアムズの乗組員
    for m in re.finditer(rf"(?<![ァ-ヺー・＝=･])({KNAME})(?=の(?:乗組員|艦長|船長|船員))", text):
        if len(components(m.group(1))) >= 1 and katakana_name_ok(m.group(1)):
            out.append(cand(text, m.start(1), m.end(1), "SHIP", "rule:ship", 0.6))
    return out


# ---------------------------------------------------------------- incidents

_NAME_CHARS = re.compile(r"[ァ-ヺー一-龥々A-Za-zＡ-Ｚａ-ｚ0-9０-９・\-‐.．号]")
_DATE_PREFIX = re.compile(r"^(?:\d+年)?(?:\d+月)?(?:\d+日)?")


def _incident_core_ok(core: str, tok: TokenInfo | None, s: int) -> bool:
    """The part before 事件 must name something: strip generic heads (沈没, 撃墜, 暗殺 ...) and see what is left."""
    generic = _res()["inc_generic"]
    rest = core
    changed = True
    while rest and changed:  # heads first (大韓航空機爆破 → 大韓), then determiners (同, 本, 大)
        changed = False
        for g in generic:
            if rest.endswith(g):
                rest = rest[: -len(g)]
                changed = True
                break
    changed = True
    while rest and changed:
        changed = False
        for g in generic:
            if rest.startswith(g) and len(rest) > len(g) + (1 if len(g) == 1 else 0):
                rest = rest[len(g):]
                changed = True
                break
    rest = rest.strip("・-")
    if not rest or rest == "号":
        return False
    if re.fullmatch(r"[〇一二三四五六七八九十]+(?:・[〇一二三四五六七八九十]+)+", rest):
        return True  # named by its date: 五・一五事件
    if re.search(r"[ァ-ヺA-Za-zＡ-Ｚ0-9]", rest):
        return True
    if len(rest) < 2 and not re.search(r"号", core):
        # one kanji: a place name token of its own (堺事件)
        return tok is not None and len(core) == 1 and tok.is_token(s, s + 1) and \
            any("地名" in tok.tags[i] for i in tok.tokens(s, s + 1))
    if tok is not None:
        return tok.has_propn(s, s + len(core))
    return True


def incident_rules(text: str, tok: TokenInfo | None = None) -> list[dict]:
    """Named incidents: X事件 / X事故 / X事変 / X洋擾 (and katakana X危機)."""
    out = []
    for m in re.finditer(rf"事件|事故|事変|洋擾|惨事|危機|海戦|交戦|{_res()['inc_names']}", text):
        suf = m.group(0)
        j = m.start()
        i = j
        while i > 0 and _NAME_CHARS.match(text[i - 1]) and j - i < 30:
            i -= 1
        if text[i:i + 1] == "号" and i > 0 and "ぁ" <= text[i - 1] <= "ゖ":
            while i > 0 and "ぁ" <= text[i - 1] <= "ゖ" and j - i < 30:  # a kana name with 号: よど号
                at = list(tok.tokens(i - 1, i)) if tok is not None else []
                if at and tok.pos[at[0]] in ("ADP", "AUX", "SCONJ", "PART", "VERB") or \
                        tok is None and text[i - 1] in "にをがはでとへの":
                    break
                i -= 1
        core = text[i:j]
        for prev in re.finditer(r"(?:事件|事故|事変|騒動|一揆|政変)・", core):
            i = i + prev.end()  # 下山事件・三鷹事件: each is a name of its own
        core = text[i:j]
        dm = _DATE_PREFIX.match(core)
        if dm and dm.end():
            i += dm.end()
            core = text[i:j]
        while core[:1] in ("・", "-", "号", "."):
            i += 1
            core = core[1:]
        for det in ("同年", "同", "本", "両", "各", "前記", "上記", "当該", "今回", "前回"):
            if core.startswith(det) and len(core) > len(det) + 1:
                i += len(det)
                core = core[len(det):]
                break
        if not core:
            continue
        if suf == "危機" and not re.search(r"[ァ-ヺA-Za-z]", core):
            continue
        if suf == "洋擾" and not (len(core) >= 2):
            continue
        if suf in ("騒動", "一揆") and len(core) == 1:
            # 米騒動: one noun of its own; not a prefix (大騒動) nor a generic word
            if core in ("大", "小", "同", "本", "一", "空", "珍", "各", "両", "全") or \
                    (tok is not None and not tok.is_token(i, j)):
                continue
        elif not _incident_core_ok(core, tok if suf not in ("洋擾", "事変") else None, i):
            if tok is not None and suf == "事件" and len(core) >= 2 and re.fullmatch(rf"{KANJI}+", core) and \
                    _incident_core_ok(core, None, i):
                # a name of common words (下山事件): kept when the document marks it as a name (see linking)
                out.append(cand(text, i, m.end(), "INCIDENT", "rule:incident", 0.6, _weak_name=True))
            continue
        out.append(cand(text, i, m.end(), "INCIDENT", "rule:incident", 0.8))
    return out


def entity_incident_rules(text: str, mentions: list[dict]) -> list[dict]:
    """'<named ship or person>の事件/事故' names one specific incident (天安の事件); the entity stays nested."""
    out = []
    for m in mentions:
        if m["label"] in ("SHIP", "PERSON"):
            tail = text[m["end"]:m["end"] + 3]
            if tail in ("の事件", "の事故"):
                out.append(cand(text, m["start"], m["end"] + 3, "INCIDENT", "rule:incident-of-entity", 0.7))
    return out


def english_incident_rules(text: str) -> list[dict]:
    out = []
    for m in re.finditer(r"\b((?:(?:[A-Z][\w'.\-]*|\d{4})\s+){1,4})(incident|Incident|affair|Affair|crisis|Crisis|"
                         r"sinking|shootdown|bombing|hijacking|raid|Raid)\b", text):
        words = m.group(1).split()
        while words and words[0] in ("The", "A", "An", "In", "On", "After", "During", "Since", "Before"):
            words = words[1:]
        if not words:
            continue
        s = m.start(1) + m.group(1).index(words[0])
        out.append(cand(text, s, m.end(), "INCIDENT", "rule:incident", 0.7))
    return out


def english_ship_rules(text: str) -> list[dict]:
    r = _res()
    out = []
    for m in re.finditer(rf"\b(?:{r['ship_prefixes']})\s+([A-Z][A-Za-z'.\-]*(?:\s+[A-Z][A-Za-z'.\-]*){{0,3}})", text):
        out.append(cand(text, m.start(1), m.end(1), "SHIP", "rule:ship", 0.8))
    return out


# ---------------------------------------------------------------- readings

_READING = re.compile(r"[(（]([^()（）]{1,80})[)）]")
_LANG_LABEL = re.compile(r"^\s*(?:英語|英|朝鮮語|韓国語|ハングル|中国語|ロシア語|独語|仏語|English|Korean)\s*[:：]\s*")


def reading_mentions(text: str, mentions: list[dict]) -> list[dict]:
    """A reading or transcription in brackets right after a name is a mention of the same entity."""
    out = []
    for mt in mentions:
        if mt["label"] not in scored_labels():
            continue
        m = _READING.match(text, mt["end"])
        if not m and text[mt["end"]:mt["end"] + 1] in "」』":  # 潜水艦「クイーンフィッシュ」(USS Queenfish)
            m = _READING.match(text, mt["end"] + 1)
        if not m:
            continue
        pos = m.start(1)
        for piece in re.split(r"([、,，;；])", m.group(1)):
            if piece in "、,，;；":
                pos += len(piece)
                continue
            lab = _LANG_LABEL.match(piece)
            off = lab.end() if lab else 0
            if mt["label"] == "SHIP":
                pre = re.match(rf"\s*(?:{_res()['ship_prefixes']})\s+", piece[off:])
                off += pre.end() if pre else 0  # the prefix stays outside: USS Queenfish → Queenfish
            body = piece[off:].strip()
            if body:
                s = pos + off + piece[off:].index(body)
                e = s + len(body)
                kana = re.fullmatch(r"[ぁ-ゖー・ァ-ヺ\s]+", body)
                hangul = re.fullmatch(r"[\uac00-\ud7a3\s]+", body)
                latin = re.fullmatch(r"[A-Z][A-Za-z'.\-]+(?:\s+[A-Za-z'.\-]+){0,6}", body) and \
                    re.search(r"[a-z]", body)
                if kana or hangul or latin:
                    d = cand(text, s, e, mt["label"], "rule:reading", min(0.99, mt.get("confidence", 0.7) + 0.05))
                    d["_reading_of"] = (mt["start"], mt["end"])
                    out.append(d)
            pos += len(piece)
    return out


# ---------------------------------------------------------------- GiNZA / SudachiPy

ENE_MAP = {
    "Person": "PERSON", "Ship": "SHIP", "Incident_Other": "INCIDENT", "War": "WAR", "Conference": "MEETING",
    "Country": "GPE", "City": "GPE", "Province": "GPE", "County": "GPE", "GPE_Other": "GPE",
    "International_Organization": "ORG", "Government": "ORG", "Military": "ORG", "Political_Party": "ORG",
    "Company": "ORG", "Organization_Other": "ORG", "Political_Organization_Other": "ORG", "Treaty": "TREATY",
}


def blocked_after(text: str, e: int) -> bool:
    """ノーベル in ノーベル平和賞: a name followed by these is part of another kind of name."""
    return any(text.startswith(w, e) or text.startswith(w, e + 2) and text[e:e + 2] in ("平和",)
               for w in lexicon()["name_blocking_suffixes_ja"])


def _trim_titles(text: str, s: int, e: int) -> tuple[int, int]:
    L = lexicon()
    pre = [p for p in sorted(L["title_prefix_strip_ja"], key=len, reverse=True)
           if len(p) > 1 or is_kata(text[s + 1:s + 2])]
    suf = sorted(L["title_suffixes_ja"], key=len, reverse=True)
    changed = True
    while changed and e > s:
        changed = False
        span = text[s:e]
        for p in pre:
            if span.startswith(p) and len(span) > len(p) + 1:
                s += len(p)
                changed = True
                break
        span = text[s:e]
        for t in suf:
            if span.endswith(t) and len(span) > len(t) + 1:
                e -= len(t)
                changed = True
                break
    return s, e


def ginza_rules(doc, text: str, tok: TokenInfo | None = None) -> list[dict]:
    """GiNZA's ENE entities mapped to our labels, with filters for its known errors (`text` is doc.text)."""
    L = lexicon()
    block = frozenset(L["ginza_person_block"])
    r = _res()
    out = []
    ents = list(doc.ents)
    k = 0
    while k < len(ents):
        ent = ents[k]
        label = ENE_MAP.get(ent.label_)
        s, e = ent.start_char, ent.end_char
        if label == "PERSON":
            # GiNZA splits Korean names (李容 + 浩): join adjacent Person pieces
            while k + 1 < len(ents) and ents[k + 1].label_ == "Person" and ents[k + 1].start_char == e:
                k += 1
                e = ents[k].end_char
        k += 1
        if label is None:
            continue
        if label == "PERSON":
            s, e = _trim_titles(text, s, e)
            name = text[s:e]
            if name in block or len(name) < 2 and not (len(name) == 1 and False):
                continue
            if tok is not None and tok.place_like(text, s, e):
                continue  # ポーツマス, 園城寺, 野比沖
            if re.fullmatch(rf"{KANJI}{{1,4}}[ \u3000]{KANJI}{{1,4}}", name) and tok is not None and \
                    tok.person_tag(s, e):
                out.append(cand(text, s, e, "PERSON", "ginza:Person", 0.6))  # 高橋 健一
                continue
            if re.search(r"[\s\n]", name):
                continue
            if re.search(r"[ぁ-ゖ]", name):
                # a stage or pen name with kana (a family name, then a kana given name): the model's find
                # stands when it opens with a family-name token and holds no particle, auxiliary or verb
                idx = list(tok.tokens(s, e)) if tok is not None else []
                if idx and len(name) <= 8 and is_kanji(name[0]) and tok.starts[idx[0]] == s and \
                        tok.tags[idx[0]].endswith(("人名-姓", "人名-一般")) and \
                        not any(tok.pos[i] in ("ADP", "AUX", "VERB", "SCONJ", "PART", "ADJ") for i in idx):
                    out.append(cand(text, s, e, "PERSON", "rule:ginza-kana-name", 0.6))
                continue
            if re.fullmatch(rf"{KANJI}+", name):
                # truncated Korean names (金与 of 金与正): extend to three kanji
                if len(name) == 2 and name[0] in r["surn"] and e < len(text) and is_kanji(text[e]) and \
                        not re.match(r"(?:" + r["strong"] + ")", text[e:]):
                    e += 1
                    name = text[s:e]
                if len(name) > 5 or name[0] not in r["surn"] and (tok is None or not tok.person_tag(s, e)):
                    continue
                if name in r["cjk_stop"] or any(name.endswith(x) for x in ("省", "党", "国", "軍", "庁", "会", "部", "院", "局")):
                    continue
            elif re.fullmatch(r"[A-Za-z .'\-]+", name):
                words = name.split()
                if not (2 <= len(words) <= 3 and all(re.fullmatch(r"[A-Z][a-z'\-]+", w) for w in words)
                        and words[0] in r["given_en"]):
                    continue
            elif is_kata(name[0]):
                if not re.fullmatch(rf"{KNAME}", name) or not katakana_name_ok(name):
                    continue
                if not boundary_ok(text, s, e) or blocked_after(text, e):
                    continue
                if len(components(name)) == 1 and tok is not None and tok.common_noun_word(s, e):
                    continue
            else:
                continue
            out.append(cand(text, s, e, "PERSON", "ginza:Person", 0.6))
        elif label == "SHIP":
            s, e = _trim_titles(text, s, e)
            if text[s:e].endswith("号") or ship_context(text, s, e):
                out.append(cand(text, s, e, "SHIP", "ginza:Ship", 0.6))
        elif label == "INCIDENT":
            span = text[s:e]
            cut = max(span.rfind(c) for c in " \u3000\n\t")
            if cut >= 0:  # a heading glued to the name (概要 暗殺事件): keep what follows the space
                s += cut + 1
                span = text[s:e]
            found = re.search(r"(事件|事故|事変|洋擾)$", span)
            if found and _incident_core_ok(span[:found.start()], tok, s):
                out.append(cand(text, s, e, "INCIDENT", "ginza:" + ent.label_, 0.6))
        else:
            out.append(cand(text, s, e, label, "ginza:" + ent.label_, 0.5))
    return out


@lru_cache(maxsize=1)
def _name_heads() -> tuple[frozenset, tuple[int, ...]]:
    """Compound heads and titles cut off a kanji run's end, and their lengths, longest first."""
    L = lexicon()
    heads = frozenset(L["name_compound_heads_ja"]) | frozenset(L["strong_titles_ja"])
    return heads, tuple(sorted({len(h) for h in heads}, reverse=True))


def sudachi_name_rules(text: str, tok: TokenInfo) -> list[dict]:
    """SudachiPy's person-name tags: a kanji run holding 人名 tokens is a name once compound heads and titles
    are cut off (金正恩体制 -> 金正恩, 安倍晋三首相 -> 安倍晋三); katakana 人名 tokens (ブッシュ) too."""
    r = _res()
    heads, head_lengths = _name_heads()
    out = []
    for m in re.finditer(rf"{KANJI}{{2,}}", text):
        s, e = m.start(), m.end()
        changed = True
        while changed and e - s > 2:
            changed = False
            for n in head_lengths:
                if e - n - s >= 2 and text[e - n:e] in heads:
                    e -= n
                    changed = True
                    break
        idx = list(tok.tokens(s, e))
        if idx and text[e - 1] == "守" and tok.tags[idx[0]].endswith("人名-姓") and 2 <= e - tok.ends[idx[0]] <= 3:
            e = tok.ends[idx[0]]  # a court title after the family name: 松平伊豆守 → 松平
            idx = list(tok.tokens(s, e))
        if not 2 <= e - s <= 5:
            continue
        if not idx or tok.starts[idx[0]] < s or tok.ends[idx[-1]] > e:
            continue  # the candidate must be whole tokens
        tags = [tok.tags[i] for i in idx]
        if not any("人名" in t for t in tags) or any("地名" in t for t in tags):
            continue
        name = text[s:e]
        if name in r["cjk_stop"] or any("普通名詞" in t and tok.ends[i] - tok.starts[i] >= 2
                                        for t, i in zip(tags, idx)):
            continue
        whole = len(idx) == 1 and tags[0].endswith("人名-一般")  # 坂本龍馬 as one token
        if not (name[0] in r["surn"] or tags[0].endswith("人名-姓") or whole) or \
                name[-1] in "市町村郡県道島里洞港湾山川州省区":
            continue
        if tok.place_like(text, s, e):
            continue
        if e - s == 5 and not (tags[0].endswith("人名-姓") or whole):
            continue
        out.append(cand(text, s, e, "PERSON", "rule:sudachi", 0.7))
    n_tokens = len(tok.tags)
    for i, tag in enumerate(tok.tags):
        if tag.endswith("人名-姓") and i + 1 < n_tokens and not text[tok.starts[i]:tok.ends[i]].endswith("守"):
            # a surname token followed by a given-name token is a full name whatever follows (大島賢三国連大使)
            s, e = tok.starts[i], tok.ends[i + 1]
            if (tok.tags[i + 1].endswith("人名-名") and tok.starts[i + 1] == tok.ends[i]
                    and re.fullmatch(rf"{KANJI}+", text[s:e])):
                for k in (1, 2):  # a title glued into the given-name token: 鏑木|誠大|尉 → 鏑木誠 + 大尉
                    t = re.match(r["titles"], text[e - k:])
                    if t and len(t.group(0)) > k and e - k - tok.ends[i] >= 1:
                        e -= k
                        break
                out.append(cand(text, s, e, "PERSON", "rule:sudachi", 0.7))
        elif tag.endswith("人名-一般") and is_kata(text[tok.starts[i]]):
            m = re.match(r"[ァ-ヺー]+", text[tok.starts[i]:tok.ends[i]])
            s, e = tok.starts[i], tok.starts[i] + m.end()
            if e - s >= 3 and katakana_name_ok(text[s:e]) and boundary_ok(text, s, e) and not blocked_after(text, e) \
                    and not tok.place_like(text, s, e):
                out.append(cand(text, s, e, "PERSON", "rule:sudachi", 0.55))
    # katakana full names SudachiPy reads as a person's (ヘンドリック・ズーフ): two parts or more, one a name token
    for m in re.finditer(rf"(?<![ァ-ヺー・＝=･]){KNAME}", text):
        s, e = m.span()
        name = m.group(0)
        if len(components(name)) < 2 or text[e:e + 1] == "号":
            continue
        idx = list(tok.tokens(s, e))
        if not any("人名" in tok.tags[i] for i in idx) or any("地名" in tok.tags[i] or "組織" in tok.tags[i]
                                                             for i in idx):
            continue
        if any(name.endswith(w) for w in r["nonperson"]):
            continue  # オネスト・ジョンミサイル
        if katakana_name_ok(name) and boundary_ok(text, s, e) and not blocked_after(text, e):
            out.append(cand(text, s, e, "PERSON", "rule:sudachi", 0.6))
    return out


# ---------------------------------------------------------------- Japanese history: 丸 ships, の変, emperors

_KNUM = "〇一二三四五六七八九十百千0-9０-９"
_MARU = re.compile(rf"(?:第[{_KNUM}]+)?[一-龥々ァ-ヺーぁ-ゖ]{{0,7}}丸")
_MARU_AFTER = ("号", "事件", "事故", "遭難", "沈没", "撃沈", "座礁", "乗組員", "船長", "乗客", "の乗", "型")


def maru_ship_rules(text: str, tok: TokenInfo | None = None) -> list[dict]:
    """Japanese ship names ending in 丸, bare or quoted, numbered or not (第三宇高丸): the name starts after a
    ship-type word or at a word boundary; it needs a type word before it, ship words after it or a ship
    sentence, and must not be a common noun (弾丸, 本丸)."""
    r = _res()
    types = r["ship_types_list"]
    out = []
    for m in re.finditer("丸", text):
        e = m.end()
        nxt = text[e:e + 1]
        if nxt and (is_kanji(nxt) and not text.startswith(_MARU_AFTER, e) or nxt in "めごみく"):
            continue  # 丸太, 丸め, 丸ごと
        s = m.start()
        lo = max(0, s - 12)
        while s > lo and (is_kanji(text[s - 1]) or is_kata(text[s - 1])) and text[s - 1] != "丸":
            s -= 1
        if s == m.start() and s > 0 and "ぁ" <= text[s - 1] <= "ゖ":
            # a kana name (えひめ丸): the hiragana run, up to a particle token or a quote/type word
            k = s
            while k > lo and "ぁ" <= text[k - 1] <= "ゖ":
                k -= 1
            if tok is not None:
                idx = [i for i in tok.tokens(k, s) if tok.pos[i] in ("ADP", "AUX", "SCONJ", "PART", "VERB")]
                if idx:
                    k = tok.ends[idx[-1]]
            if k < s and (k == 0 or not ("ぁ" <= text[k - 1] <= "ゖ")) and \
                    (text[k - 1:k] in "「『" or text[max(0, k - 14):k].endswith(r["ship_types_list"])):
                s = k
        run = text[s:e]
        typed = False
        for t in types:  # a type word inside the run: the name starts after its last occurrence
            k = run.rfind(t)
            if k >= 0 and k + len(t) < len(run):
                s += k + len(t)
                run = text[s:e]
                typed = True
                break
        before = text[max(0, s - 14):s].rstrip("「『 ").removesuffix("の")
        typed = typed or before.endswith(types)
        mm = _MARU.fullmatch(run)
        if not mm or len(run) < 2 or run in r["maru_common"]:
            continue
        if not typed:
            if tok is not None:
                idx = list(tok.tokens(s, e))
                if len(idx) == 1 and "普通名詞" in tok.tags[idx[0]] and not tok.has_propn(s, e):
                    continue  # one common-noun token: 弾丸, 日の丸
                if idx and tok.starts[idx[0]] < s:
                    continue  # the run starts inside a word
            if not (text.startswith(_MARU_AFTER, e) or sentence_ship_context(text, s, e)
                    or text[s - 1:s] in "「『" and text[e:e + 1] in "」』"):
                continue
        out.append(cand(text, s, e, "SHIP", "rule:ship-maru", 0.8 if typed else 0.7))
    for m in re.finditer(r"\b((?:(?!(?:The|A|An|On|In|At|By)\b)[A-Z][a-z]+\s+){1,3}Maru)\b", text):  # Hikawa Maru
        out.append(cand(text, m.start(1), m.end(1), "SHIP", "rule:ship-maru", 0.7))
    return out


def hen_incident_rules(text: str, tok: TokenInfo | None = None) -> list[dict]:
    """Named incidents of earlier history: 〜の変, 〜の政変 (a place, a date or a name, then の変: 禁門の変,
    八月十八日の政変) and 〜の乱 (a rebellion named by its place or leader: 萩の乱, 島原・天草の乱)."""
    r = _res()
    out = []
    for m in re.finditer("の(政変|変|乱)", text):
        e = m.end()
        head = m.group(1)
        nxt = text[e:e + 1]
        if head == "乱" and nxt in "れすさしせ" or head == "変" and nxt in r["hen_not_after"] or \
                (e < len(text) and is_kanji(nxt)):
            continue
        j = m.start()
        i = j
        while i > 0 and j - i < 12 and (is_kanji(text[i - 1]) or is_kata(text[i - 1]) or
                                         text[i - 1] == "・" and i > 1 and is_kanji(text[i - 2]) and i < j
                                         and text[i - 2] not in "乱変件故動揆"):
            i -= 1
        core = text[i:j]
        if not core or core in r["cjk_stop"] or \
                core.endswith(("情勢", "状況", "関係", "体制", "制度", "気候", "環境", "心", "秩序", "生活")):
            continue
        if tok is not None and not tok.is_token(i, j):
            continue
        # a rebellion (or a one-kanji name) is named by a place or a person (萩の乱, 佐賀の乱), not a common noun
        if (head == "乱" or len(core) < 2) and (tok is None and len(core) < 2 or
                                              tok is not None and not tok.has_propn(i, j)):
            continue
        out.append(cand(text, i, e, "INCIDENT", "rule:incident-hen", 0.75))
    return out


def emperor_rules(text: str, tok: TokenInfo | None = None) -> list[dict]:
    """An emperor's name with 天皇 is one name (大正天皇); a bare 天皇 or 歴代天皇 is not."""
    r = _res()
    out = []
    for m in re.finditer(rf"(?<![一-龥々])([一-龥々]{{1,4}})(?:{r['emperor']})", text):
        s, e = m.start(1), m.end()
        head = m.group(1)
        if head in r["cjk_stop"] or head in ("歴代", "今上", "先代", "当代", "新", "前", "元", "女性", "男系", "女系"):
            continue
        if tok is not None and not (tok.has_propn(s, m.end(1)) or tok.person_tag(s, m.end(1))):
            continue
        out.append(cand(text, s, e, "PERSON", "rule:emperor", 0.8))
    return out


def spaced_name_rules(text: str, tok: TokenInfo) -> list[dict]:
    """A Japanese name written with a space between family and given name (高橋 健一): a surname token, one
    space, a given-name token."""
    out = []
    n = len(tok.tags)
    for i in range(n - 1):
        if not (tok.tags[i].endswith("人名-姓") or "地名" in tok.tags[i]):
            continue
        j = i + 1
        while j < n and tok.ends[j] > tok.starts[j] and text[tok.starts[j]:tok.ends[j]].isspace():
            j += 1
        if j >= n or not tok.tags[j].endswith("人名-名"):
            continue
        gap = text[tok.ends[i]:tok.starts[j]]
        if gap in (" ", "\u3000") and re.fullmatch(rf"{KANJI}+", text[tok.starts[i]:tok.ends[i]]) \
                and re.fullmatch(rf"{KANJI}+", text[tok.starts[j]:tok.ends[j]]):
            out.append(cand(text, tok.starts[i], tok.ends[j], "PERSON", "rule:sudachi-spaced", 0.75))
    return out


def name_part_mentions(text: str, mentions: list[dict], tok: TokenInfo | None) -> list[dict]:
    """The family or given name of a kanji full name found in the doc, standing alone elsewhere in it
    (高杉晋作 … 晋作は): the full name's own tokens give the split (or a four-kanji name halves), and the
    part must be whole tokens of no common noun, not glued to other kanji."""
    if tok is None:
        return []
    parts: dict[str, bool] = {}  # part -> only in a strict context (one kanji, or a common noun)
    for m in mentions:
        name = m["text"]
        if m["label"] != "PERSON" or not re.fullmatch(rf"{KANJI}{{2,6}}", name):
            continue
        idx = [i for i in tok.tokens(m["start"], m["end"])]
        if len(idx) == 2 and tok.starts[idx[0]] == m["start"] and tok.ends[idx[-1]] == m["end"]:
            cut = tok.ends[idx[0]] - m["start"]
            if cut == 1 and tok.tags[idx[0]].endswith("人名-姓") and name[0] not in _res()["surn"]:
                parts.setdefault(name[:1], True)  # a one-kanji family name (勝 of a 勝+given name)
        elif len(idx) == 1 and len(name) == 4:
            cut = 2
        else:
            continue
        for part in (name[:cut], name[cut:]):
            if len(part) >= 2:
                parts[part] = False
    out = []
    titles = _res()["titles"]
    for part, strict in parts.items():
        for found in re.finditer(re.escape(part), text):
            s, e = found.span()
            titled = bool(re.match(titles, text[e:])) or text.startswith(("事件", "事故"), e)  # 下山事件
            if (s > 0 and is_kanji(text[s - 1])) or (e < len(text) and is_kanji(text[e]) and not titled):
                continue
            if not tok.is_token(s, e):
                continue
            if any(tok.pos[i] in ("VERB", "ADJ") for i in tok.tokens(s, e)):
                continue
            if strict or any("普通名詞" in tok.tags[i] for i in tok.tokens(s, e)):
                # a word that is also a common noun (松陰) or one kanji only as the subject opening a
                # clause (。松陰は) or before a title
                opens = s == 0 or text[s - 1] in "。、「『（(\n 　・"
                if not (titled or opens and text[e:e + 1] in ("はがも" if len(part) == 1 else "はがもの")):
                    continue
            out.append(cand(text, s, e, "PERSON", "rule:name-part", 0.6))
    return out


def surname_title_names(text: str, tok: TokenInfo | None) -> list[dict]:
    """A family name before a title (下山総裁) and the same family name followed by one to three more kanji
    elsewhere (下山定則が) make a full name, whatever SudachiPy's tags: the document names its person twice."""
    if tok is None:
        return []
    r = _res()
    out = []
    surnames: dict[str, int] = {}
    for m in re.finditer(rf"(?<!{KANJI})({KANJI}{{2,3}})(?={r['strong']})", text):
        sur, s = m.group(1), m.start(1)
        if sur in r["cjk_stop"] or sur in _title_modifiers() or sur[:2] in _title_modifiers() or \
                not tok.is_token(s, m.end(1)) or tok.place_like(text, s, m.end(1)) or \
                any(not ("普通名詞" in tok.tags[i] or tok.tags[i].endswith("人名-姓")) for i in tok.tokens(s, m.end(1))):
            # a proper noun other than a family name before a title is an organisation or place (国鉄総裁)
            continue
        if re.fullmatch(rf"(?:{r['titles']})", sur + re.match(r["strong"], text[m.end(1):]).group(0)):
            continue  # 国務 + 長官 is one title word
        surnames.setdefault(sur, s)
    for sur in surnames:
        fulls = []
        for m in re.finditer(rf"(?<!{KANJI}){re.escape(sur)}({KANJI}{{1,3}})(?=[がはをにのともへ、。（(])", text):
            given, s, e = m.group(1), m.start(), m.end()
            gidx = [i for i in tok.tokens(s, e) if tok.starts[i] >= s + len(sur)]
            if re.match(rf"(?:{r['strong']}|{r['titles']})", given) or given in r["cjk_stop"] or \
                    given.startswith(("事件", "事故", "事変", "騒動", "一揆")) or not tok.is_token(s, e) or \
                    any(tok.pos[i] not in ("NOUN", "PROPN") for i in tok.tokens(s, e)) or \
                    any("サ変" in tok.tags[i] or "接尾辞" in tok.tags[i] or "助数詞" in tok.tags[i] for i in gidx):
                continue  # 軍事演習, 国務省, 下山事件 are no full names
            fulls.append((s, e))
        if fulls:
            out += [cand(text, s, e, "PERSON", "rule:surname-title", 0.6) for s, e in fulls]
            out += [cand(text, m.start(), m.end(), "PERSON", "rule:surname-title", 0.6)
                    for m in re.finditer(rf"(?<!{KANJI}){re.escape(sur)}(?={r['strong']})", text)]
    return out


@lru_cache(maxsize=1)
def _title_modifiers() -> frozenset:
    return frozenset(lexicon()["title_modifiers_ja"])
