"""Rules that find INCIDENT names nobody listed: X事件 / X事故 / X事変 (the part before the head must name
something), 〜の変 and 〜の乱 of earlier history, '<entity>の事件', and English 'X incident'."""
from __future__ import annotations

import re

from .candidates import KANJI, TokenInfo, cand
from .lexicon import EntityLexicon
from .patterns import is_kanji, is_kata

_NAME_CHARS = re.compile(r"[ァ-ヺー一-龥々A-Za-zＡ-Ｚａ-ｚ0-9０-９・\-‐.．号]")
_DATE_PREFIX = re.compile(r"^(?:\d+年)?(?:\d+月)?(?:\d+日)?")


def incident_core_ok(core: str, tok: TokenInfo | None, s: int, lex: EntityLexicon) -> bool:
    """The part before 事件 must name something: strip generic heads (沈没, 撃墜, 暗殺 ...) and see what is left."""
    generic = lex.incident_generic_heads
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


def incident_rules(text: str, lex: EntityLexicon, tok: TokenInfo | None = None) -> list[dict]:
    """Named incidents: X事件 / X事故 / X事変 / X洋擾 (and katakana X危機)."""
    out = []
    for m in re.finditer(rf"事件|事故|事変|洋擾|惨事|危機|海戦|交戦|{lex.incident_suffix_names}", text):
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
        if suf in ("騒動", "一揆") and i > 1 and text[i - 1] == "の" and core in lex.incident_generic_heads:
            k = i - 1
            while k > 0 and i - 1 - k < 4 and is_kanji(text[k - 1]):
                k -= 1
            if k < i - 1:  # 正長の土一揆, 嘉吉の徳政一揆, 加賀の一向一揆: an era or a place names the kind
                out.append(cand(text, k, m.end(), "INCIDENT", "rule:incident", 0.75))
            continue
        if suf in ("騒動", "一揆") and len(core) == 1:
            # 米騒動: one noun of its own; not a prefix (大騒動) nor a generic word
            if core in ("大", "小", "同", "本", "一", "空", "珍", "各", "両", "全") or \
                    (tok is not None and not tok.is_token(i, j)):
                continue
        elif not incident_core_ok(core, tok if suf not in ("洋擾", "事変") else None, i, lex):
            if tok is not None and suf == "事件" and len(core) >= 2 and re.fullmatch(rf"{KANJI}+", core) and \
                    incident_core_ok(core, None, i, lex):
                # a name of common words (下山事件): kept when the document marks it as a name (see linking)
                out.append(cand(text, i, m.end(), "INCIDENT", "rule:incident", 0.6, _weak_name=True))
            continue
        out.append(cand(text, i, m.end(), "INCIDENT", "rule:incident", 0.8))
    return out


# 黒船来航, ペリー来航: a named one-time arrival (guidelines v1.2)
_ARRIVAL = re.compile(r"(?<![ァ-ヺー・])(?:黒船|[ァ-ヺー]{2,}(?:・[ァ-ヺー]+)*)来航(?![一-龥])")


def arrival_incidents(text: str) -> list[dict]:
    return [cand(text, m.start(), m.end(), "INCIDENT", "rule:incident", 0.7) for m in _ARRIVAL.finditer(text)]


def hen_incident_rules(text: str, lex: EntityLexicon, tok: TokenInfo | None = None) -> list[dict]:
    """Named incidents of earlier history: 〜の変, 〜の政変 (a place, a date or a name, then の変: 禁門の変,
    八月十八日の政変) and 〜の乱 (a rebellion named by its place or leader: 萩の乱, 島原・天草の乱)."""
    out = []
    for m in re.finditer("の(政変|変|乱)", text):
        e = m.end()
        head = m.group(1)
        nxt = text[e:e + 1]
        if head == "乱" and nxt in "れすさしせ" or head == "変" and nxt in lex.hen_not_after or \
                (e < len(text) and is_kanji(nxt)):
            continue
        j = m.start()
        i = j
        while i > 0 and j - i < 12 and (is_kanji(text[i - 1]) or is_kata(text[i - 1]) or
                                         text[i - 1] == "・" and i > 1 and is_kanji(text[i - 2]) and i < j
                                         and text[i - 2] not in "乱変件故動揆"):
            i -= 1
        core = text[i:j]
        if not core or core in lex.cjk_stopwords or \
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


_ALSO_CALLED = re.compile(r"[(（]([^()（）、。]{2,20}?)(?:とも|ともいう|とも呼ばれる)[)）]")
_SHIP_INCIDENT_HEAD = re.compile(r"(?:沈没|遭難|衝突|爆沈|撃沈|拿捕|座礁|火災)?(?:事件|事故)")


_QUOTED_ALSO = re.compile(r"」(?:[、・]?「[^「」]{1,40}」)*(?:など)?とも(?:いう|言う|呼ばれ|称され)?")
_QUOTE_BEFORE = re.compile(r"「[^「」]{1,40}」[、・]?$")


def quoted_other_names(text: str, mentions: list[dict]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """「ドニャ・パス号事故」「…沈没事故」とも呼ばれる: each quoted incident name is another name of the incident
    named last before the quotes (the article's subject). Pairs (other name's span, that incident's span)."""
    incidents = sorted((m["start"], m["end"]) for m in mentions
                       if m["label"] == "INCIDENT" and not m.get("_reading_of"))
    pairs = []
    for s, e in incidents:
        if text[s - 1:s] != "「" or not _QUOTED_ALSO.match(text, e):
            continue
        first = s - 1
        while (q := _QUOTE_BEFORE.search(text, max(0, first - 45), first)) is not None:
            first = q.start()  # back over the quotes listed before this one
        before = [x for x in incidents if x[1] <= first]
        if before:
            pairs.append(((s, e), before[-1]))
    return pairs


def entity_incident_rules(text: str, mentions: list[dict]) -> list[dict]:
    """'<named ship or person>の事件/事故' names one specific incident (天安の事件); so does a ship's name with
    事件/事故 right after it (いろは丸事件, which the character rules cannot delimit after a particle). The entity
    stays nested."""
    out = []
    incidents = [(m["start"], m["end"]) for m in mentions if m["label"] == "INCIDENT"]
    for m in mentions:
        if m["label"] in ("SHIP", "PERSON"):
            tail = text[m["end"]:m["end"] + 3]
            if tail in ("の事件", "の事故") or m["label"] == "SHIP" and tail in ("の反乱", "の叛乱"):
                # 天安の事件; バウンティ号の反乱 (a mutiny is named by its ship)
                out.append(cand(text, m["start"], m["end"] + 3, "INCIDENT", "rule:incident-of-entity", 0.7))
        other = _ALSO_CALLED.match(text, m["end"]) if m["label"] == "INCIDENT" else None
        if other is not None:  # 寺田屋事件(寺田屋遭難とも): another name of the same incident
            out.append(dict(cand(text, other.start(1), other.end(1), "INCIDENT", "rule:incident", 0.75),
                            _reading_of=(m["start"], m["end"])))
        head = _SHIP_INCIDENT_HEAD.match(text, m["end"]) if m["label"] == "SHIP" else None
        if head is not None and not any(a <= m["start"] and head.end() <= b for a, b in incidents):
            out.append(cand(text, m["start"], head.end(), "INCIDENT", "rule:incident", 0.75))
            incidents.append((m["start"], head.end()))
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

