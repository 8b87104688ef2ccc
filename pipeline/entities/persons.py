"""Rules that find PERSON names nobody listed: titles and roles, katakana full names, SudachiPy's name tags,
names written with a space, emperors, family names before a title, and name parts standing alone.
Word lists come from the EntityLexicon (data/lexicon.json)."""
from __future__ import annotations

import re

from .candidates import KANJI, KNAME, NAME_LABELS, TokenInfo, cand, components
from .lexicon import EntityLexicon
from .patterns import boundary_ok, is_kanji, is_kata


def katakana_name_ok(name: str, lex: EntityLexicon, single_ok: bool = True) -> bool:
    """Plausible katakana person name: no organisation/place/generic word as a component."""
    comps = components(name)
    if not comps:
        return False
    if len(comps) == 1:
        c = comps[0]
        return not (not single_ok or len(c) < 2 or c in lex.non_person or c in lex.places_kata)
    if any(c in lex.non_person for c in comps):
        return False
    return not (comps[0] in lex.places_kata or comps[-1] in lex.places_kata and comps[0] not in lex.given_names_kata)


def cjk_name_ok(name: str, lex: EntityLexicon, tok: TokenInfo | None = None, s: int = 0) -> bool:
    if name in lex.cjk_stopwords or name[:2] in lex.cjk_stopwords or name[0] not in lex.surname_chars:
        return False
    if any(c in lex.cjk_forbidden_chars for c in name[1:]):
        return False
    return not (tok is not None and tok.common_noun_word(s, s + len(name)))


def blocked_after(text: str, e: int, lex: EntityLexicon) -> bool:
    """ノーベル in ノーベル平和賞: a name followed by these is part of another kind of name."""
    return any(text.startswith(w, e) or text.startswith(w, e + 2) and text[e:e + 2] in ("平和",)
               for w in lex.name_blocking_suffixes)


def person_title_rules(text: str, lex: EntityLexicon, tok: TokenInfo | None = None) -> list[dict]:
    """Names next to titles and roles: トランプ大統領, 国務長官のティラーソン, 金正恩委員長, 総書記の金正日."""
    out = []
    # katakana name + title (title outside the span)
    for m in re.finditer(rf"(?<![ァ-ヺー・＝=･])({KNAME})(?=(?:{lex.titles}))", text):
        name = m.group(1)
        if len(components(name)) == 1 and re.match(lex.org_head_titles, text[m.end(1):]):
            continue  # リクルート会長: the head of a body the word names
        if katakana_name_ok(name, lex):
            out.append(cand(text, m.start(1), m.end(1), "PERSON", "rule:title", 0.8))
    # 3-kanji CJK name + strong title: 金正恩委員長, 文在寅大統領
    for m in re.finditer(rf"(?<!{KANJI})([{lex.surname_chars}]{KANJI}{{2}})(?=(?:{lex.strong_titles}))", text):
        if cjk_name_ok(m.group(1), lex, tok, m.start(1)):
            out.append(cand(text, m.start(1), m.end(1), "PERSON", "rule:title", 0.75))
    # role + の + name: 国務長官のレックス・ティラーソン, 北米局長の崔善姫
    for m in re.finditer(rf"(?:{lex.roles_before_no})の(?:{lex.roles_before_no}で(?:ある|あった)?)?"
                         rf"({KNAME}|[{lex.surname_chars}]{KANJI}{{2}}(?!{KANJI}))", text):
        name, s = m.group(1), m.start(1)
        if is_kata(name[0]):
            if katakana_name_ok(name, lex) and boundary_ok(text, s, m.end(1)):
                out.append(cand(text, s, m.end(1), "PERSON", "rule:title", 0.75))
        elif cjk_name_ok(name, lex, tok, s):
            out.append(cand(text, s, m.end(1), "PERSON", "rule:title", 0.7))
    for m in re.finditer(rf"(?:{lex.roles_before_no})の([{lex.surname_chars}]{KANJI})(?=[がはとにをも、])", text):
        if cjk_name_ok(m.group(1), lex, tok, m.start(1)) and (tok is None or tok.has_propn(m.start(1), m.end(1))):
            out.append(cand(text, m.start(1), m.end(1), "PERSON", "rule:title", 0.6))
    # role directly before a katakana name: 元米国大統領ジミー・カーター, 大統領ビル・クリントン
    for m in re.finditer(rf"(?:{lex.roles_before_name})({KNAME})", text):
        name = m.group(1)
        if len(components(name)) >= 2 and katakana_name_ok(name, lex) and boundary_ok(text, m.start(1), m.end(1)):
            out.append(cand(text, m.start(1), m.end(1), "PERSON", "rule:title", 0.75))
    return out


def katakana_fullname_rule(text: str, lex: EntityLexicon) -> list[dict]:
    """Katakana full names joined by ・ or ＝ (or a Latin initial): ドナルド・トランプ, ジョージW.ブッシュ.

    Accepted when the first part is a known given name or Korean family name, or an initial is present.
    """
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
        ok = comps[0] in lex.given_names_kata or has_init or \
            (comps[0] in lex.korean_surnames_kata and len(comps) == 2 and 2 <= len(comps[1]) <= 5)
        if ok and katakana_name_ok(name, lex) and not blocked_after(text, e, lex):
            out.append(cand(text, s, e, "PERSON", "rule:katakana", 0.75))
    return out


def english_person_rules(text: str, lex: EntityLexicon) -> list[dict]:
    """Latin-script names: titles (President X, Secretary of State X), given names, Korean names."""
    out = []
    cap = r"[A-Z][a-zA-Z'’\-]+"
    for m in re.finditer(rf"\b(?:{lex.en_titles})\s+((?:[A-Z]\.\s?)?{cap}(?:\s+(?:[A-Z]\.\s?)?{cap}){{0,2}})", text):
        name = m.group(1)
        first = name.split()[0]
        if first in ("of", "the", "State", "Defense", "General", "Minister"):
            continue
        out.append(cand(text, m.start(1), m.end(1), "PERSON", "rule:title", 0.7))
    for m in re.finditer(rf"\b([A-Z][a-z]+)\s+((?:[A-Z]\.\s?)*{cap})\b", text):
        if m.group(1) in lex.given_names_en and m.group(2) not in lex.given_names_en:
            out.append(cand(text, m.start(), m.end(), "PERSON", "rule:given-name", 0.7))
    for m in re.finditer(rf"\b(?:{lex.korean_surnames_en})\s+[A-Z][a-z]+(?:-[a-z]+|\s+[A-Z][a-z]+)\b", text):
        out.append(cand(text, m.start(), m.end(), "PERSON", "rule:korean-name", 0.7))
    return out


def sudachi_name_rules(text: str, tok: TokenInfo, lex: EntityLexicon) -> list[dict]:
    """SudachiPy's person-name tags: a kanji run holding 人名 tokens is a name once compound heads and titles
    are cut off (金正恩体制 -> 金正恩, 安倍晋三首相 -> 安倍晋三); katakana 人名 tokens (ブッシュ) too."""
    heads, head_lengths = lex.name_heads, lex.name_head_lengths
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
        label = _LABEL_FIRST.match(text, s, e)
        if label and e - label.end() >= 2:  # 本名輝次郎: the label word is no part of the name
            continue
        name = text[s:e]
        if name in lex.cjk_stopwords or any("普通名詞" in t and tok.ends[i] - tok.starts[i] >= 2
                                        for t, i in zip(tags, idx)):
            continue
        whole = len(idx) == 1 and tags[0].endswith("人名-一般")  # 坂本龍馬 as one token
        if not (name[0] in lex.surname_chars or tags[0].endswith("人名-姓") or whole) or \
                name[-1] in "市町村郡県道島里洞港湾山川州省区":
            continue
        if tok.place_like(text, s, e, lex) or tok.names_a_place(text, s, e, lex):
            continue
        if e - s == 5 and not (tags[0].endswith("人名-姓") or whole):
            continue
        out.append(cand(text, s, e, "PERSON", "rule:sudachi", 0.7))
    n_tokens = len(tok.tags)
    for i, tag in enumerate(tok.tags):
        if tag.endswith("人名-姓") and i + 1 < n_tokens and not text[tok.starts[i]:tok.ends[i]].endswith("守"):
            # a surname token followed by a given-name token is a full name whatever follows (大島賢三国連大使)
            s, e = tok.starts[i], tok.ends[i + 1]
            if _LABEL_FIRST.fullmatch(text, s, tok.ends[i]):
                continue  # 本名|輝次郎: a label word, no family name
            if i > 0 and tok.ends[i - 1] == s and "地名" in tok.tags[i - 1] and text[s] in _PLACE_HEAD_CHARS:
                continue  # 江戸|城松|之大|廊下: the place's own 城 cut into a false family name
            if (tok.tags[i + 1].endswith("人名-名") and tok.starts[i + 1] == tok.ends[i]
                    and re.fullmatch(rf"{KANJI}+", text[s:e])):
                for k in (1, 2):  # a title glued into the given-name token: 鏑木|誠大|尉 → 鏑木誠 + 大尉
                    t = re.match(lex.titles, text[e - k:])
                    if t and len(t.group(0)) > k and e - k - tok.ends[i] >= 1:
                        e -= k
                        break
                out.append(cand(text, s, e, "PERSON", "rule:sudachi", 0.7))
        elif tag.endswith("人名-一般") and is_kata(text[tok.starts[i]]):
            m = re.match(r"[ァ-ヺー]+", text[tok.starts[i]:tok.ends[i]])
            s, e = tok.starts[i], tok.starts[i] + m.end()
            if e - s >= 3 and katakana_name_ok(text[s:e], lex) and boundary_ok(text, s, e) and not blocked_after(text, e, lex) \
                    and not tok.place_like(text, s, e, lex):
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
        if any(name.endswith(w) for w in lex.non_person if len(w) >= 3):
            continue  # オネスト・ジョンミサイル (not ラクスマン for マン)
        if katakana_name_ok(name, lex) and boundary_ok(text, s, e) and not blocked_after(text, e, lex):
            out.append(cand(text, s, e, "PERSON", "rule:sudachi", 0.6))
    return out


_GIVEN_ALONE_AFTER = re.compile(r"[はがをにともの・、]")


def given_names_alone(text: str, tok: TokenInfo | None, lex: EntityLexicon) -> list[dict]:
    """A given name standing alone as a word (光太夫は, 磯吉・小市とともに, 伝蔵が): how Edo commoners and castaways
    are named. SudachiPy's given-name tag on a whole kanji token of two or more characters, not glued to
    other kanji or kana on either side, before a particle."""
    if tok is None:
        return []
    out = []
    for i, tag in enumerate(tok.tags):
        if not tag.endswith("人名-名"):
            continue
        s, e = tok.starts[i], tok.ends[i]
        name = text[s:e]
        if e - s < 2 or not re.fullmatch(rf"{KANJI}+", name) or name in lex.cjk_stopwords or name[0] in "数何幾":
            continue
        if s > 0 and re.match(rf"{KANJI}|[ァ-ヺー]", text[s - 1]) or not _GIVEN_ALONE_AFTER.match(text, e):
            continue
        out.append(cand(text, s, e, "PERSON", "rule:given-name", 0.55))
    return out


def formal_names(text: str, tok: TokenInfo | None, lex: EntityLexicon) -> list[dict]:
    """An Edo-period formal name: family name, court title or common name, real name (浅野内匠頭長矩,
    大石内蔵助良雄, 吉良左兵衛義周) is one name; its family name and real name (長矩) are its parts."""
    if tok is None:
        return []
    out = []
    middle = rf"(?:{lex.formal_name_middle})"
    real = re.compile(rf"{middle}({KANJI}{{2}})(?!{KANJI})")
    real_alone = re.compile(rf"({KANJI}{{2}})(?!{KANJI})")
    kanji_word = re.compile(rf"{KANJI}+")
    common_named = re.compile(rf"{KANJI}{{1,3}}{middle}")
    ends = set(tok.ends)
    for i, tag in enumerate(tok.tags):
        if not tag.endswith(("人名-姓", "人名-一般")):  # the tag first: the regexes only on name tokens
            continue
        s, e = tok.starts[i], tok.ends[i]
        if not kanji_word.fullmatch(text, s, e):
            continue
        if tag.endswith("人名-姓"):
            m, family = real.match(text, e), text[s:e]
        elif common_named.fullmatch(text, s, e):
            m = real_alone.match(text, e)  # 大石内蔵助|良雄: one token
            # its family name: the first two kanji when the rest is a common name (most family names have two)
            family = text[s:s + 2] if re.fullmatch(middle, text[s + 2:e]) else ""
        else:
            continue
        if m is None or m.end(1) not in ends:
            continue  # the real name ends where a token does
        if re.match(rf"(?:{lex.strong_titles}|{lex.titles})", m.group(1)) or tok.common_noun_word(*m.span(1)):
            continue  # 岡田啓介首相: a modern name (啓介) and a title, no real name
        out.append(dict(cand(text, s, m.end(1), "PERSON", "rule:formal-name", 0.75), _parts=(family, m.group(1))))
    return out


def emperor_rules(text: str, lex: EntityLexicon, tok: TokenInfo | None = None) -> list[dict]:
    """An emperor's name with 天皇 is one name (大正天皇); a bare 天皇 or 歴代天皇 is not."""
    out = []
    for m in re.finditer(rf"(?<![一-龥々])([一-龥々]{{1,4}})(?:{lex.emperor_titles})", text):
        s, e = m.start(1), m.end()
        head = m.group(1)
        if head in lex.cjk_stopwords or head in ("歴代", "今上", "先代", "当代", "新", "前", "元", "女性", "男系", "女系"):
            continue
        if tok is not None and not (tok.has_propn(s, m.end(1)) or tok.person_tag(s, m.end(1))):
            continue
        out.append(cand(text, s, e, "PERSON", "rule:emperor", 0.8))
    return out


_LABEL_FIRST = re.compile(NAME_LABELS)
_LABELLED = re.compile(NAME_LABELS + r"(?:は|を|が)?(?:初め|当初は?|のちに|後に)?[「『]?"
                       r"(?P<name>[一-龥々]{2,4}|[ァ-ヺー・]{2,12})(?=[」』、。()（）とでがはの]|など|$)")


def labelled_names(text: str, tok: TokenInfo | None, lex: EntityLexicon) -> list[dict]:
    """A name right after a word that labels a person's other name (諱は初め直陰, (幼名松之丞), 号は自然堂): the
    word says it is a name; common words (本名は不明) are not."""
    out = []
    for m in _LABELLED.finditer(text):
        s, e = m.span("name")
        name = m.group("name")
        if name in lex.cjk_stopwords or name in lex.non_person:
            continue
        if tok is not None:
            idx = list(tok.tokens(s, e))
            bracket = text[e:e + 1] in "(（"  # GiNZA glues a bracketed reading to the token: 陰(なおかげ)
            if not idx or tok.starts[idx[0]] != s or not (tok.ends[idx[-1]] == e or bracket) or \
                    any(tok.pos[i] not in ("NOUN", "PROPN") for i in idx if tok.ends[i] <= e) or \
                    tok.place_like(text, s, e, lex):
                continue
        out.append(cand(text, s, e, "PERSON", "rule:labelled-name", 0.7))
    return out


def kin_names(text: str, tok: TokenInfo | None, lex: EntityLexicon) -> list[dict]:
    """A kana name right after a kin word (妻りくを離縁, 娘のおみつが): a woman's name, which the tagger reads as a
    common word; the kana run must be one noun token before a particle."""
    if tok is None:
        return []
    out = []
    for m in re.finditer(rf"(?:{lex.kin_words})(?P<no>の)?(?P<name>[ぁ-ゖ]{{2,3}}|[ァ-ヺー]{{2,5}})(?=[をがはとにの、。(（])", text):
        s, e = m.span("name")
        if m.group("no") and "ぁ" <= text[s] <= "ゖ" and text[s] != "お":
            continue  # 母のもとに: after の, a hiragana word is a name only as お… (娘のおみつ)
        idx = list(tok.tokens(s, e))
        if len(idx) == 1 and tok.starts[idx[0]] == s and tok.ends[idx[0]] == e and tok.pos[idx[0]] in ("NOUN", "PROPN") \
                and m.group("name") not in lex.non_person:
            out.append(cand(text, s, e, "PERSON", "rule:kin-name", 0.65))
    # a kanji given name after a kin word (後妻千枝の五男, 長女鏡子と): one name token of SudachiPy's
    for m in re.finditer(rf"(?:{lex.kin_words})(?P<name>{KANJI}{{1,3}})(?=[をがはとにの、。(（])", text):
        s, e = m.span("name")
        idx = list(tok.tokens(s, e))
        whole = bool(idx) and tok.starts[idx[0]] == s and tok.ends[idx[-1]] == e
        named = len(idx) == 1 and "人名" in tok.tags[idx[0]] or e - s >= 2 and text[e - 1] == "子"  # 鏡|子: a woman's name
        if whole and named and m.group("name") not in lex.cjk_stopwords:
            out.append(cand(text, s, e, "PERSON", "rule:kin-name", 0.65))
    # the wife's given name after her husband's full name: 塩原昌之助・やす夫妻
    for m in re.finditer(rf"{KANJI}{{3,6}}・(?P<name>[ぁ-ゖ]{{2,3}}|{KANJI}{{1,3}})(?=夫妻)", text):
        out.append(cand(text, m.start("name"), m.end("name"), "PERSON", "rule:kin-name", 0.65))
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


def name_part_mentions(text: str, mentions: list[dict], tok: TokenInfo | None, lex: EntityLexicon) -> list[dict]:
    """The family or given name of a kanji full name found in the doc, standing alone elsewhere in it
    (高杉晋作 … 晋作は): the full name's own tokens give the split (or a four-kanji name halves), and the
    part must be whole tokens of no common noun, not glued to other kanji."""
    if tok is None:
        return []
    parts: dict[str, bool] = {}  # part -> only in a strict context (one kanji, or a common noun)
    for m in mentions:
        name = m["text"]
        if m["label"] == "PERSON" and m.get("_parts"):
            parts.update((part, False) for part in m["_parts"] if len(part) >= 2)
            continue
        if m["label"] != "PERSON" or not re.fullmatch(rf"{KANJI}{{2,6}}", name):
            continue
        idx = [i for i in tok.tokens(m["start"], m["end"])]
        if len(idx) == 2 and tok.starts[idx[0]] == m["start"] and tok.ends[idx[-1]] == m["end"]:
            cut = tok.ends[idx[0]] - m["start"]
            if cut == 1 and tok.tags[idx[0]].endswith("人名-姓") and name[0] not in lex.surname_chars:
                parts.setdefault(name[:1], True)  # a one-kanji family name (勝 of a 勝+given name)
        elif len(idx) == 1 and len(name) == 4:
            cut = 2
        else:
            continue
        for part in (name[:cut], name[cut:]):
            if len(part) >= 2:
                parts[part] = False
    out = []
    titles = lex.titles
    for part, strict in parts.items():
        for found in re.finditer(re.escape(part), text):
            s, e = found.span()
            titled = bool(re.match(rf"[元前故現]?(?:{titles})", text[e:])) or text.startswith(("事件", "事故"), e)
            # (下山事件, 池田元議員); a conjunction may come right before the name (一方信正は)
            glued = s > 0 and is_kanji(text[s - 1]) and text[max(0, s - 2):s] not in ("一方", "他方")
            if glued or (e < len(text) and is_kanji(text[e]) and not titled):
                continue
            if not tok.is_token(s, e):
                continue
            if any(tok.pos[i] in ("VERB", "ADJ") for i in tok.tokens(s, e)):
                continue
            if strict or any("普通名詞" in tok.tags[i] for i in tok.tokens(s, e)):
                # a word that is also a common noun (松陰) or one kanji only as the subject opening a
                # clause (。松陰は) or before a title
                opens = s == 0 or text[s - 1] in "。、「『（(\n 　・" or \
                    re.search(rf"(?:{lex.kin_words}|師|主君|門人|弟子)の$", text[max(0, s - 5):s]) is not None  # 師の松陰が
                if not (titled or opens and text[e:e + 1] in ("はがも" if len(part) == 1 else "はがもの")):
                    continue
            out.append(cand(text, s, e, "PERSON", "rule:name-part", 0.6))
    return out


def surname_title_names(text: str, tok: TokenInfo | None, lex: EntityLexicon) -> list[dict]:
    """A family name before a title (下山総裁) and the same family name followed by one to three more kanji
    elsewhere (下山定則が) make a full name, whatever SudachiPy's tags: the document names its person twice."""
    if tok is None:
        return []
    out = []
    surnames: dict[str, int] = {}
    for m in re.finditer(rf"(?<!{KANJI})({KANJI}{{2,3}})(?={lex.strong_titles})", text):
        sur, s = m.group(1), m.start(1)
        if sur in lex.cjk_stopwords or sur in lex.title_modifiers or sur[:2] in lex.title_modifiers or \
                not tok.is_token(s, m.end(1)) or tok.place_like(text, s, m.end(1), lex) or \
                any(not ("普通名詞" in tok.tags[i] or tok.tags[i].endswith("人名-姓")) for i in tok.tokens(s, m.end(1))):
            # a proper noun other than a family name before a title is an organisation or place (国鉄総裁)
            continue
        if re.fullmatch(rf"(?:{lex.titles})", sur + re.match(lex.strong_titles, text[m.end(1):]).group(0)):
            continue  # 国務 + 長官 is one title word
        surnames.setdefault(sur, s)
    for sur in surnames:
        fulls = []
        for m in re.finditer(rf"(?<!{KANJI}){re.escape(sur)}({KANJI}{{1,3}})(?=[がはをにのともへ、。（(])", text):
            given, s, e = m.group(1), m.start(), m.end()
            gidx = [i for i in tok.tokens(s, e) if tok.starts[i] >= s + len(sur)]
            if not gidx or tok.starts[gidx[0]] != s + len(sur):
                continue  # 戒厳令: one word, no family name and given name
            if re.match(rf"(?:{lex.strong_titles}|{lex.titles})", given) or given in lex.cjk_stopwords or \
                    given.startswith(("事件", "事故", "事変", "騒動", "一揆")) or given[-1] in _BODY_ENDS or \
                    not tok.is_token(s, e) or \
                    any(tok.pos[i] not in ("NOUN", "PROPN") for i in tok.tokens(s, e)) or \
                    any("サ変" in tok.tags[i] or "接尾辞" in tok.tags[i] or "助数詞" in tok.tags[i] for i in gidx):
                continue  # 軍事演習, 国務省, 下山事件, 戒厳司令部 are no full names
            fulls.append((s, e))
        if fulls:
            out += [cand(text, s, e, "PERSON", "rule:surname-title", 0.6) for s, e in fulls]
            out += [cand(text, m.start(), m.end(), "PERSON", "rule:surname-title", 0.6)
                    for m in re.finditer(rf"(?<!{KANJI}){re.escape(sur)}(?={lex.strong_titles})", text)]
    return out


_BODY_ENDS = "部局課省庁署隊団会院閣"  # the last character of a body's name (司令部, 警視庁): no given name
_PLACE_HEAD_CHARS = "城寺藩港湾島宮"  # the first character of a word that goes on a place name (江戸城)
_REGNAL = re.compile(r"[0-9０-９一二三四五六七八九十]{1,3}世(?!紀|代|界|間|帯)")


def with_regnal_numbers(text: str, candidates: list[dict]) -> list[dict]:
    """A ruler's or pope's number belongs to the name: ニコライ1世, ヨハネ・パウロ2世, ナポレオン3世 (not 19世紀)."""
    out = []
    for c in candidates:
        m = _REGNAL.match(text, c["end"]) if c["label"] == "PERSON" and is_kata(c["text"][-1:]) else None
        if m is not None:
            c = dict(c, end=m.end(), text=text[c["start"]:m.end()])
        out.append(c)
    return out


_LISTED_PEOPLE = re.compile(rf"((?:(?:{KANJI}|[ァ-ヺー]){{2,6}}[、・])+(?:{KANJI}|[ァ-ヺー]){{2,6}})"
                            r"(?=の[0-9０-９一二三四五六七八九十]+人|ら[がはのとを]|の両名|の二人|の三人|とともに)")


_NOT_LISTED_NAME = re.compile(r"^(?:同|翌|前|本|当)|[年月日時頃]$|^(?:同志|浪士|一行|家臣|藩士)$")  # 同年、… is no name


def listed_people(text: str, mentions: list[dict]) -> list[dict]:
    """The other names of a list of people that holds a name found already: 光太夫、小市、磯吉の3人, 安藤・栗原らが
    (the list ends with a count of persons, ら, or とともに). Each item is a whole word between the commas."""
    persons = {(m["start"], m["end"]) for m in mentions if m["label"] == "PERSON"}
    taken = {(m["start"], m["end"]) for m in mentions}
    out = []
    for m in _LISTED_PEOPLE.finditer(text):
        items, pos = [], m.start(1)
        for name in re.split(r"[、・]", m.group(1)):
            items.append((pos, pos + len(name)))
            pos += len(name) + 1
        if not any(it in persons for it in items):
            continue
        out += [cand(text, s, e, "PERSON", "rule:listed-person", 0.6) for s, e in items
                if (s, e) not in taken and not _NOT_LISTED_NAME.search(text[s:e])]
    return out
