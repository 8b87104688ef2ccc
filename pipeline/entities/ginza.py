"""GiNZA's ENE entities mapped to our labels, with filters for the model's known errors."""
from __future__ import annotations

import re

from .candidates import KANJI, KNAME, TokenInfo, cand, components
from .incidents import incident_core_ok
from .lexicon import EntityLexicon
from .patterns import boundary_ok, is_kanji, is_kata
from .persons import blocked_after, katakana_name_ok
from .ships import ship_context

ENE_MAP = {
    "Person": "PERSON", "Ship": "SHIP", "Incident_Other": "INCIDENT", "War": "WAR", "Conference": "MEETING",
    "Country": "GPE", "City": "GPE", "Province": "GPE", "County": "GPE", "GPE_Other": "GPE",
    "International_Organization": "ORG", "Government": "ORG", "Military": "ORG", "Political_Party": "ORG",
    "Company": "ORG", "Organization_Other": "ORG", "Political_Organization_Other": "ORG", "Treaty": "TREATY",
}


def _trim_titles(text: str, s: int, e: int, lex: EntityLexicon) -> tuple[int, int]:
    pre = [p for p in lex.title_prefixes_longest_first if len(p) > 1 or is_kata(text[s + 1:s + 2])]
    suf = lex.title_suffixes_longest_first
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


def ginza_rules(doc, text: str, lex: EntityLexicon, tok: TokenInfo | None = None) -> list[dict]:
    """GiNZA's ENE entities mapped to our labels, with filters for its known errors (`text` is doc.text)."""
    block = lex.ginza_person_block
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
            s, e = _trim_titles(text, s, e, lex)
            name = text[s:e]
            if name in block or len(name) < 2:
                continue
            # 永田鉄山少将: a name of two words or more before a title is a person's (長崎奉行: a place's office)
            titled = re.match(rf"(?:{lex.strong_titles})", text[e:]) is not None and tok is not None \
                and len(tok.tokens(s, e)) >= 2
            if tok is not None and not titled and (tok.place_like(text, s, e, lex) or tok.names_a_place(text, s, e, lex)):
                continue  # ポーツマス, 園城寺, 野比沖, 山下(公園)
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
                if len(name) == 2 and name[0] in lex.surname_chars and e < len(text) and is_kanji(text[e]) and \
                        not re.match(r"(?:" + lex.strong_titles + ")", text[e:]) and \
                        not (tok is not None and tok.tag_at(e).startswith("接尾辞")):  # 池田|屋 is the inn
                    e += 1
                    name = text[s:e]
                if len(name) > 5 or name[0] not in lex.surname_chars and not titled and \
                        (tok is None or not tok.person_tag(s, e)):
                    continue
                if name in lex.cjk_stopwords or any(name.endswith(x) for x in ("省", "党", "国", "軍", "庁", "会", "部", "院", "局")) \
                        or name.endswith(lex.name_blocking_suffixes):
                    continue  # 亀山社中, 長州藩: a company, a domain
            elif re.fullmatch(r"[A-Za-z .'\-]+", name):
                words = name.split()
                if not (2 <= len(words) <= 3 and all(re.fullmatch(r"[A-Z][a-z'\-]+", w) for w in words)
                        and words[0] in lex.given_names_en):
                    continue
            elif is_kata(name[0]):
                if not re.fullmatch(rf"{KNAME}", name) or not katakana_name_ok(name, lex):
                    continue
                if not boundary_ok(text, s, e) or blocked_after(text, e, lex):
                    continue
                if len(components(name)) == 1 and tok is not None and tok.common_noun_word(s, e):
                    continue
            else:
                continue
            out.append(cand(text, s, e, "PERSON", "ginza:Person", 0.6))
        elif label == "SHIP":
            s, e = _trim_titles(text, s, e, lex)
            if text[s:e].endswith("号") or ship_context(text, s, e, lex):
                out.append(cand(text, s, e, "SHIP", "ginza:Ship", 0.6))
        elif label == "INCIDENT":
            span = text[s:e]
            cut = max(span.rfind(c) for c in " \u3000\n\t")
            if cut >= 0:  # a heading glued to the name (概要 暗殺事件): keep what follows the space
                s += cut + 1
                span = text[s:e]
            found = re.search(r"(事件|事故|事変|洋擾)$", span)
            if found and incident_core_ok(span[:found.start()], tok, s, lex):
                out.append(cand(text, s, e, "INCIDENT", "ginza:" + ent.label_, 0.6))
        else:
            out.append(cand(text, s, e, label, "ginza:" + ent.label_, 0.5))
    return out
