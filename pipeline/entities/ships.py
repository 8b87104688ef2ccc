"""Rules that find SHIP names nobody listed: 〜号 with ship context, ship-type words before a name, quoted
names, prefixes (USS), and Japanese 〜丸 ships. Word lists come from the EntityLexicon."""
from __future__ import annotations

import re

from .candidates import KANJI, KNAME, TokenInfo, cand, components, sentence_bounds
from .lexicon import EntityLexicon
from .patterns import boundary_ok, is_kanji, is_kata
from .persons import katakana_name_ok


def ship_context(text: str, s: int, e: int, lex: EntityLexicon) -> bool:
    """Strong local evidence that the name at [s, e) is a vessel: a type word right before, 号/艦/乗組員 after."""
    before = text[max(0, s - 12):s].rstrip(" 　「『\"")
    before = before.removesuffix("の")
    if before.endswith(lex.ship_types_longest_first) or re.search(r"(USS|ROKS|HMS|USNS)\s?$", before):
        return True
    if re.search(r"(?:aircraft carrier|carrier|destroyer|submarine|vessel|ship|cruiser|frigate)\s+(?:the\s+)?$", before):
        return True
    after = text[e:e + 10]
    if after.startswith(lex.ship_suffix_context):
        return True
    return bool(re.match(r"\s*(?:carrier|strike group|\(CVN|\(DDG|\(AGER)", after))


def sentence_ship_context(text: str, s: int, e: int, lex: EntityLexicon) -> bool:
    a, b = sentence_bounds(text, s, e)
    sent = text[a:s] + text[e:b]
    if ship_context(text, s, e, lex):
        return True
    has_ship = any(w in sent for w in lex.ship_context_words)
    has_air = any(w in sent for w in lex.aircraft_context_words)
    return has_ship and not (has_air and not re.search(r"船|艦", sent))


def _missile_context(text: str, s: int, e: int, lex: EntityLexicon) -> bool:
    """Missiles, rockets and satellites are named with 号 too (テポドン2号, 光明星3号)."""
    if ship_context(text, s, e, lex):
        return False
    return bool(re.search(lex.not_ship_context, text[max(0, s - 15):e + 15]))
_KNUM = "〇一二三四五六七八九十百千0-9０-９"


def _kanji_ship_name(text: str, s: int, e: int, tok: TokenInfo, lex: EntityLexicon) -> bool:
    """A kanji word right after a ship type word names the ship: a proper noun (戦艦大和), or a common noun of the
    poetic kind warships are named with (駆逐艦初雪, 僚艇千鳥), not a word that goes on the type word (駆逐艦部隊,
    漁船乗組員) nor a verbal noun (駆逐艦建造)."""
    if tok is None:
        return True
    if tok.has_propn(s, e) and not tok.common_noun_word(s, e):
        return True
    idx = list(tok.tokens(s, e))
    if text[s - 1:s] == "の":
        return False  # 廻船の模型: after の a common noun is what the vessel has, not its name
    return bool(idx) and tok.starts[idx[0]] == s and tok.ends[idx[-1]] == e and text[s:e] not in lex.ship_type_followers \
        and all(tok.tags[i].startswith("名詞-普通名詞-一般") for i in idx)


def ship_rules(text: str, lex: EntityLexicon, tok: TokenInfo | None = None) -> list[dict]:
    out = []
    # katakana name + 号: ジェネラル・シャーマン号, ダイホンダン号
    for m in re.finditer(rf"(?<![ァ-ヺー・＝=･A-Za-z0-9])({KNAME})(\d*)号(?![{lex.not_ship_after_go}])", text):
        s, e = m.start(1), m.end()
        if m.group(2) and not ship_context(text, m.start(1), m.end(1), lex) and not sentence_ship_context(text, s, e, lex):
            continue
        if _missile_context(text, s, e, lex):
            continue
        if text[e:e + 2] in ("事件", "事故") or sentence_ship_context(text, s, e, lex):
            out.append(cand(text, s, e, "SHIP", "rule:ship", 0.8))
    # kanji name + 号 with ship context: 万景峰92号, 西山号
    for m in re.finditer(rf"(?<!{KANJI})({KANJI}{{2,4}})(\d{{0,3}})号(?![{lex.not_ship_after_go}])", text):
        name, s, e = m.group(1), m.start(1), m.end()
        if name in lex.not_ship_before_go or name[-1] in lex.not_ship_before_go:
            continue
        if tok is not None and tok.common_noun_word(s, m.end(1)):
            continue
        if _missile_context(text, s, e, lex):
            continue
        if ship_context(text, s, m.end(1), lex) or sentence_ship_context(text, s, e, lex):
            out.append(cand(text, s, e, "SHIP", "rule:ship", 0.7))
    # ship-type word + name: 商船ダイホンダン号, 原子力空母カール・ビンソン, 軍艦天安
    for m in re.finditer(rf"(?:{lex.ship_types})の?[「『]?(?:USS|ROKS)?\s?"
                         rf"((?:{KNAME}|{KANJI}{{2,4}}(?=[号がはのをにとも、。」』\(（]))(?:\d*号)?)"
                         rf"(?:と({KNAME}(?:\d*号)?|{KANJI}{{2,4}}(?=[のがはを])))?", text):
        name, s, e = m.group(1), m.start(1), m.end(1)
        if text[m.start() - 1:m.start()] in "「『" and m.start() > 0 and text[e:e + 1] in "」』":
            continue  # 社名を「商船三井」に改める: a quoted name that holds the type word names a company
        second_ok = m.group(2) and (katakana_name_ok(m.group(2), lex) if is_kata(m.group(2)[0]) else
                                     _kanji_ship_name(text, m.start(2), m.end(2), tok, lex))  # 駆逐艦初雪と夕霧の
        if second_ok and boundary_ok(text, m.start(2), m.end(2)):
            out.append(cand(text, m.start(2), m.end(2), "SHIP", "rule:ship", 0.7))
        name = re.sub(r"\d*号$", "", name)
        if is_kata(name[0]):
            if not katakana_name_ok(name, lex) or not boundary_ok(text, s, s + len(name)):
                continue
        else:
            if tok is not None and not _kanji_ship_name(text, s, s + len(name), tok, lex):
                continue
            if tok is None and re.search(r"[隻艦船機隊部基地]", name):
                continue
        out.append(cand(text, s, e, "SHIP", "rule:ship", 0.8))
    # ship-type word + a list of kanji names: 軍艦摩耶・武蔵・葛城の3隻
    for m in re.finditer(rf"(?:{lex.ship_types})((?:{KANJI}{{2,4}}・)+{KANJI}{{2,4}})(?=[のがはをにとも、。])", text):
        spans, pos = [], m.start(1)
        for name in m.group(1).split("・"):
            spans.append((pos, pos + len(name)))
            pos += len(name) + 1
        # a name the tagger reads as a common word stands when another name of the list is a proper noun
        # (航空母艦隼鷹・飛鷹); a list of common words (空母・戦艦) is no list of names
        named = tok is None or any(tok.has_propn(s, e) for s, e in spans)
        for s, e in spans:
            if tok is not None and not (tok.has_propn(s, e) or named and len(list(tok.tokens(s, e))) == 1
                                        and not re.search(lex.ship_types, text[s:e])):
                continue
            out.append(cand(text, s, e, "SHIP", "rule:ship", 0.75))
    # ship-type word + quoted names, the usual Japanese style: 巡視船「あまみ」, 護衛艦「みょうこう」「はるな」
    for m in re.finditer(rf"(?:{lex.ship_types}|[0-9０-９{_KNUM}]+番(?:艦|艇|船))の?"
                         rf"((?:[「『][^「『」』。\n]{{1,20}}[」』](?:と|、|及び|や)?)+)", text):
        for q in re.finditer(r"[「『]([^「『」』]+)[」』]", m.group(1)):
            name = q.group(1).strip()
            if name and not re.search(r"[隻級型]$|^(?:USS|ROKS)\s?$", name):
                start = m.start(1) + q.start(1) + (len(q.group(1)) - len(q.group(1).lstrip()))
                out.append(cand(text, start, start + len(name), "SHIP", "rule:ship-quoted", 0.8))
    # prefixes: USS Pueblo, USSプエブロ (the prefix stays outside the span)
    for m in re.finditer(rf"\b(?:{lex.ship_prefixes})\s?({KNAME}|[A-Z](?:[^\W\d_]|['.\-])*(?:\s+[A-Z](?:[^\W\d_]|['.\-])*){{0,3}})",
                         text):
        out.append(cand(text, m.start(1), _no_final_stop(text, m.end(1)), "SHIP", "rule:ship", 0.8))
    # a quoted name given to a vessel: 航空母艦に改造され「海鷹」と命名される
    for m in re.finditer(r"[「『]([^「『」』。\n]{1,12})[」』]と(?:命名|改名|改称|名付け)", text):
        a, b = sentence_bounds(text, m.start(), m.end())
        if re.search(rf"{lex.ship_types}|同船|同艦|本船|船名|艦名", text[a:b]):
            out.append(cand(text, m.start(1), m.end(1), "SHIP", "rule:ship-named", 0.8))
    # a name given to a vessel: 当初リシュリューと命名され、のちにシャルル・ド・ゴールと改名された原子力空母
    for m in re.finditer(rf"(?<![ァ-ヺー・＝=･])({KNAME})(?:号)?と(?:命名|改名|改称|名付け)", text):
        a, b = sentence_bounds(text, m.start(), m.end())
        if re.search(rf"{lex.ship_types}|同船|同艦|本船", text[a:b]) and katakana_name_ok(m.group(1), lex):
            out.append(cand(text, m.start(1), m.end(1), "SHIP", "rule:ship-named", 0.8))
    # ベクター号はビクトル号とも表記された: another name of the vessel just named
    for m in re.finditer(rf"(?<=[号丸]は)({KNAME}号|{KANJI}{{1,4}}丸)(?=とも)", text):
        out.append(cand(text, m.start(1), m.end(1), "SHIP", "rule:ship-named", 0.7))
    # 春日丸が大鷹と改名する, 秩父丸を鎌倉丸と改名: the new name of a vessel the sentence has just named
    for m in re.finditer(rf"(?<=[丸号艦][がはを])({KANJI}{{2,4}})と(?:改名|改称)", text):
        if tok is None or not tok.common_noun_word(m.start(1), m.end(1)) or len(list(tok.tokens(*m.span(1)))) == 1:
            out.append(cand(text, m.start(1), m.end(1), "SHIP", "rule:ship-named", 0.7))
    # name + の乗組員/の艦長: ジェームス・E・ウィリアムズの乗組員
    for m in re.finditer(rf"(?<![ァ-ヺー・＝=･])({KNAME})(?=の(?:乗組員|艦長|船長|船員))", text):
        if len(components(m.group(1))) >= 1 and katakana_name_ok(m.group(1), lex):
            out.append(cand(text, m.start(1), m.end(1), "SHIP", "rule:ship", 0.6))
    return out


def english_ship_rules(text: str, lex: EntityLexicon) -> list[dict]:
    out = []
    for m in re.finditer(rf"\b(?:{lex.ship_prefixes})\s+([A-Z][A-Za-z'.\-]*(?:\s+[A-Z][A-Za-z'.\-]*){{0,3}})", text):
        out.append(cand(text, m.start(1), _no_final_stop(text, m.end(1)), "SHIP", "rule:ship", 0.8))
    return out


def _no_final_stop(text: str, e: int) -> int:
    """MT Vector. at a sentence end: the full stop is not part of the name."""
    return e - 1 if text[e - 1] == "." and (e == len(text) or text[e].isspace()) else e
_MARU = re.compile(rf"(?:第[{_KNUM}]+)?[一-龥々ァ-ヺーぁ-ゖ゛゜]{{0,7}}丸")  # ぶら志゛る丸: old kana marks too
_ORDINAL_BEFORE = re.compile(rf"第[{_KNUM}]+$")
_VESSEL_WORD_END = re.compile(r".*[船艦艇]")  # the last vessel word in a run (greedy)
_LIST_JOINERS = ("、", "，", "と", "や", "・", "及び", "および")
_RENAMED_JOINERS = ("を", "が", "は")  # 秩父丸を鎌倉丸と改名: the vessel renamed
_MARU_AFTER = ("号", "事件", "事故", "遭難", "沈没", "撃沈", "座礁", "乗組員", "船長", "乗客", "の乗")
_CLASS_AFTER = ("型", "級")  # 浅間丸型の2番船: the name of a class, not of one ship


def maru_ship_rules(text: str, lex: EntityLexicon, tok: TokenInfo | None = None) -> list[dict]:
    """Japanese ship names ending in 丸, bare or quoted, numbered or not (第三宇高丸): the name starts after a
    ship-type word or at a word boundary; it needs a type word before it, ship words after it or a ship
    sentence, and must not be a common noun (弾丸, 本丸). A name with nothing of a ship around it is a
    candidate marked `_listed_only` (see listed_ships)."""
    types = lex.ship_types_longest_first
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
        number = _ORDINAL_BEFORE.search(text, max(0, s - 6), s)
        if number is not None:
            s = number.start()  # 第3関門丸: the ordinal's digits are part of the name
        if s == m.start() and s > 0 and "ぁ" <= text[s - 1] <= "ゖ":
            # a kana name (えひめ丸): the hiragana run, up to a particle token or a quote/type word
            k = s
            while k > lo and "ぁ" <= text[k - 1] <= "ゖ":
                k -= 1
            marked = lambda at: at > 0 and text[at - 1] in "「『" or text[max(0, at - 14):at].endswith(lex.ship_types_longest_first)
            if tok is not None and not marked(k):  # 蒸気船いろは丸, 「おとひめ丸」: the whole run, particles or not
                idx = [i for i in tok.tokens(k, s) if tok.pos[i] in ("ADP", "AUX", "SCONJ", "PART", "VERB")]
                if idx:
                    k = tok.ends[idx[-1]]
            if k < s and (k == 0 or not ("ぁ" <= text[k - 1] <= "ゖ")) and marked(k):
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
        if not typed:
            cut = _VESSEL_WORD_END.search(run)  # a compound type word of its own: 貨車航送船|第三宇高丸, 曳船|松風丸
            if cut is not None and cut.end() < len(run) - 1:
                s += cut.end()
                run = text[s:e]
                typed = True
        before = text[max(0, s - 14):s].rstrip("「『 ").removesuffix("の")
        typed = typed or before.endswith(types)
        mm = _MARU.fullmatch(run)
        if not mm or len(run) < 2 or run in lex.maru_common_nouns or text.startswith(_CLASS_AFTER, e):
            continue
        if not typed:
            if tok is not None:
                idx = list(tok.tokens(s, e))
                if len(idx) == 1 and "普通名詞" in tok.tags[idx[0]] and not tok.has_propn(s, e):
                    continue  # one common-noun token: 弾丸, 日の丸
                if idx and tok.starts[idx[0]] < s:
                    continue  # the run starts inside a word
            if not (text.startswith(_MARU_AFTER, e) or sentence_ship_context(text, s, e, lex)
                    or text[s - 1:s] in "「『" and text[e:e + 1] in "」』"):
                out.append(dict(cand(text, s, e, "SHIP", "rule:ship-maru", 0.7), _listed_only=True))
                continue
        out.append(cand(text, s, e, "SHIP", "rule:ship-maru", 0.8 if typed else 0.7))

    for m in re.finditer(r"\b((?:(?!(?:The|A|An|On|In|At|By)\b)[A-Z][a-z]+\s+){1,3}Maru)\b", text):  # Hikawa Maru
        out.append(cand(text, m.start(1), m.end(1), "SHIP", "rule:ship-maru", 0.7))
    return out


def listed_ships(text: str, candidates: list[dict]) -> list[dict]:
    """朝陽丸、開陽丸も購入した: a 丸 name marked `_listed_only` stands when a list joiner (、 と や) joins it to a
    ship, directly or through other names so listed, or when it is renamed as one (秩父丸を鎌倉丸と改名); else it
    goes."""
    unsure = [c for c in candidates if c.get("_listed_only")]
    if not unsure:
        return candidates
    known = [(c["start"], c["end"]) for c in candidates if c["label"] == "SHIP" and not c.get("_listed_only")]
    kept: list[dict] = []
    grew = True
    while grew:
        grew = False
        for c in unsure:
            s, e = c["start"], c["end"]
            if (s, e) not in known and any(text[e:a] in _LIST_JOINERS or text[b:s] in _LIST_JOINERS
                                           or text[e:a] in _RENAMED_JOINERS and text.startswith(("と改名", "と改称"), b)
                                           for a, b in known):
                kept.append({k: v for k, v in c.items() if k != "_listed_only"})
                known.append((s, e))
                grew = True
    return [c for c in candidates if not c.get("_listed_only")] + kept


_LEAD_SENTENCES = 4  # an article defines its subject in its first lines (after a title line)


def defined_ships(text: str, lex: EntityLexicon) -> list[dict]:
    """An article that opens by defining its subject as a vessel names a ship: 宗谷(そうや)は、日本の初代南極観測船
    として知られる船である / 〜は、イギリスの客船である. The name is the subject before は (its reading stays
    outside); its recurrences are found by the document pass."""
    out = []
    pattern = re.compile(rf"([^\s、。()（）「」『』]{{2,14}}?)(?:[(（][^()（）]{{1,40}}[)）])?は、[^。\n]{{0,90}}?"
                         rf"(?:{lex.ship_types}|船|艦|艇)(?:の一つ|の一隻|の1隻)?(?:である|であった|だった|です)。")
    pos = 0
    for _ in range(_LEAD_SENTENCES):
        m = pattern.match(text, pos)
        if m and not m.group(1).startswith(("この", "その", "同", "本", "当")) \
                and not re.search(lex.ship_types, m.group(1)):
            out.append(cand(text, m.start(1), m.end(1), "SHIP", "rule:ship-defined", 0.75))
            break
        nxt = min((k for k in (text.find(ch, pos) for ch in "。\n") if k >= 0), default=-1)
        if nxt < 0:
            break
        pos = nxt + 1
        while pos < len(text) and text[pos] in "\n 　":
            pos += 1
    return out
