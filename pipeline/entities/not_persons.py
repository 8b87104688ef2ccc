"""Names that stand for something other than one individual, whoever proposed them:
- a house: 吉良家は, 芸州浅野本家, 細川・松平・毛利・水野の四家, 夏目姓 (a family, not a person; 吉良邸 is a person's
  residence and stays);
- a domain, a government or a place named after a family or place: 土佐藩主 (前土佐), 徳川幕府, 川崎平間村, マートン村;
  a katakana word listed right after a place (上海、香港、コロンボ); a place ships leave or reach (戸田を出航);
- half a title: 前内大臣 is 前 + 内大臣 (the former Lord Keeper), not a family name 前内; a court title glued to a family
  name (安藤|対馬守, 惟任|日向守) leaves the family name;
- a school, party, company or shop (柳生新陰流, 南満洲鉄道, 佐野屋), a count (百名).
元 before a title (藤波孝生元官房長官), 自身 and a katakana title before ・ (キャプテン・クック) are cut off the name.
Word lists come from the EntityLexicon (data/lexicon.json: house_words_ja, kanji_name_blocking_suffixes_ja,
non_person_endings_ja, kata_title_prefixes_ja)."""
from __future__ import annotations

import re

from .lexicon import EntityLexicon

_KANJI = re.compile(r"[一-龥々]")
_FORMER = "前元故"
_COUNT = re.compile(r"[一二三四五六七八九十百千万数何]+[名人]")
_PLACE_AFTER = re.compile(r"(?:を|から)(?:出航|出港|出帆|出発|発[ちっつ])|(?:に|へ)(?:入港|寄港|帰港|回航|漂着)")


def _house_after(text: str, e: int, lex: EntityLexicon) -> bool:
    """家 / 本家 … after the name, ending the word (家康 or 家老 go on with kanji: a given name or a compound)."""
    for w in lex.house_words:
        if text.startswith(w, e):
            k = e + len(w)
            return k >= len(text) or not _KANJI.match(text[k]) or text[k] in "臣中来"
    return False


def _listed_houses(text: str, lex: EntityLexicon) -> list[tuple[int, int]]:
    """The names of a ・-list closed by の四家 / の両家 / 諸家: each one is a house."""
    spans = []
    for m in re.finditer(r"の[一二三四五六七八九十両諸各数]+家", text):
        k = m.start()
        while k > 0:
            j = k
            while j > 0 and re.match(r"[一-龥々ァ-ヺー]", text[j - 1]):  # back over the name
                j -= 1
            if j == k or k - j > 12:
                break
            spans.append((j, k))
            if j == 0 or text[j - 1] != "・":
                break
            k = j - 1
    return spans


def _former_title(text: str, m: dict, lex: EntityLexicon) -> bool:
    """前内 before 大臣: without 前 the name and the title make one title word (内大臣)."""
    t = m["text"]
    if len(t) < 2 or t[0] not in _FORMER:
        return False
    at = re.match(lex.titles, text[m["end"]:])
    whole = re.match(lex.titles, t[1:] + text[m["end"]:])
    return bool(at and whole and len(whole.group(0)) > len(at.group(0)))


def _blocked_kanji(text: str, e: int, lex: EntityLexicon) -> bool:
    """A name glued to 藩, 幕府, 村, 川 …: the name of a domain, a government or a place (土佐藩主, マートン村; not a
    title such as 村長, checked first)."""
    if re.match(lex.titles, text[e:]):
        return False
    return any(text.startswith(w, e) for w in lex.kanji_name_blocking_suffixes)


def _trimmed(text: str, m: dict, lex: EntityLexicon) -> dict:
    """藤波元 before (内閣)官房長官: 元 (former) belongs to the title; 安藤自 before 身: 自身 (himself) is no part of it;
    キャプテン・ before クック is a title."""
    t, e = m["text"], m["end"]
    former = t[-1] in _FORMER + "現" and re.match(rf"[一-龥]{{0,4}}(?:{lex.titles})", text[e:])
    himself = t.endswith("自") and text.startswith("身", e)
    if len(t) > 2 and (former or himself):
        return dict(m, end=e - 1, text=t[:-1])
    title = next((p for p in lex.kata_title_prefixes if t.startswith(p) and len(t) > len(p) + 1), None)
    if title:  # キャプテン・クック: the title stays outside
        return dict(m, start=m["start"] + len(title), text=t[len(title):])
    return m


def _in_a_compound(text: str, s: int, e: int, lex: EntityLexicon) -> bool:
    """柳生新|陰流: the kanji word the name is cut from ends as a school, company or shop does."""
    k = e
    while k < len(text) and k - e < 4 and _KANJI.match(text[k]):
        k += 1
    return k > e and text[s:k].endswith(lex.non_person_endings)


def _among_places(text: str, m: dict, places: set[tuple[int, int]]) -> bool:
    """上海、香港、コロンボを経て: a katakana word listed right after a place is a place."""
    s = m["start"]
    return s > 1 and text[s - 1] in "、・" and any(b == s - 1 for _, b in places) and bool(re.match(r"[ァ-ヺー]", m["text"]))


def drop_non_individuals(text: str, mentions: list[dict], lex: EntityLexicon) -> list[dict]:
    """`mentions` without the PERSON candidates that name a house, a domain, a place, a school or a company, or
    half a title; a former-title 元 or 自身 glued to a name is cut off."""
    houses = _listed_houses(text, lex)
    person_ends = {m["end"] for m in mentions if m["label"] == "PERSON"}
    places = {(m["start"], m["end"]) for m in mentions if m["label"] in ("GPE", "LOC")}
    out = []
    for m in mentions:
        if m["label"] == "PERSON" and not m.get("_reading_of"):
            m = _trimmed(text, m, lex)
            s, e, t = m["start"], m["end"], m["text"]
            if re.fullmatch(lex.court_title, t) and s > 1 and _KANJI.match(text[s - 1]):
                # 安藤|対馬守, 惟任|日向守: the court title of the family name before it, no person of its own
                if s not in person_ends and _KANJI.match(text[s - 2]) and (s == 2 or not _KANJI.match(text[s - 3])):
                    out.append(dict(m, start=s - 2, end=s, text=text[s - 2:s], source="rule:formal-name"))
                continue
            if _COUNT.fullmatch(t) or _PLACE_AFTER.match(text, e):
                continue  # 百名, 三人: a count; 戸田を出航し, 浦賀に入港: a place ships leave and reach
            if _house_after(text, e, lex) or (s, e) in houses or _former_title(text, m, lex) or \
                    _blocked_kanji(text, e, lex) or (len(t) >= 3 and t.endswith(lex.non_person_endings)) or \
                    _in_a_compound(text, s, e, lex) or _among_places(text, m, places):
                continue
        out.append(m)
    return out
