"""Names of one referent the document itself ties together, after linking has given every mention an id:
aliases (李恩恵こと田口八重子, 本名は…, 洗礼名は…), longer and shorter forms of one katakana full name, and the
names one sentence gives a vessel. Each pass rewrites ids in place: {mention index: (id, confidence)}."""
from __future__ import annotations

import itertools
import re

from .candidates import NAME_LABELS, components, sentence_bounds
from .kb import KnowledgeBase
from .lexicon import EntityLexicon
from .patterns import is_kata

# what says that two names are one person: 李恩恵こと田口八重子, 李恩恵(本名田口八重子), 「李恩恵」が田口八重子である
_ALIAS_BETWEEN = re.compile(r"[」』]?(?:こと|[(（]本名[・:：]?|[、,]?(?:すなわち|つまり|本名)[、,]?)")
_OTHER_NAME_BETWEEN = re.compile(r"[(（]" + NAME_LABELS + r"[・:：は]?")  # 大石主税良金(幼名松之丞)
_NAME_LABEL = re.compile(NAME_LABELS + r"(?:は|が|を)?(?:初め|当初は?|のちに|後に)?[「『]?$")  # right before the name
_NAME_LABEL_ANYWHERE = re.compile(NAME_LABELS + r"(?:は|が|を)")  # earlier in the sentence, the name quoted
# 海舟は号である: a name the person is known by, said after it; 諱は義邦、のちに安芳と改めた: a name taken, in a
# sentence about the person's names (「マリ」と名乗るようになった alone does not say whose)
_NAME_IS = re.compile(r"[」』]?(?:[(（][^()（）]{1,30}[)）])?(?:は" + NAME_LABELS + r"(?:で|である|であった|だった)"
                      r"|(?:などの|の)(?:変名|偽名|別名|名)(?:で|を))")  # 才谷梅太郎(…)などの変名を用い, の名で
_NAME_TAKEN = re.compile(r"[」』]?(?:と|に)(?:改め|改名|名乗|称し|号し|名を変え|名を改め)")
_IDENTITY_BETWEEN = re.compile(r"[」』]?(?:は|が)")
_IDENTITY_AFTER = re.compile(r"(?:である|であった|であり|だった|と(?:判明|断定|特定|確認|同一人物))")


def link_aliases(ms: list[dict], ids: dict[int, tuple[str, float]], text: str, lex: EntityLexicon) -> None:
    """An alias and the name it stands for share the id of the name: A こと B, A(本名B), 「A」が B である
    (an identity: B followed by である, と判明, と断定 ...). Every mention with the alias's id takes the name's."""
    persons = sorted((m["start"], m["end"], k) for k, m in enumerate(ms) if m["label"] == "PERSON" and k in ids)
    merge: dict[str, str] = {}
    bracketed: set[int] = set()  # other names given in brackets after the name: settled here
    for (_, a_end, a), (b_start, b_end, b) in itertools.pairwise(persons):
        between = text[a_end:b_start]
        # 齋藤實(斎藤実): one name, two spellings; 明智光秀(惟任日向守): another family name, with its court title
        spelled = between in ("(", "（") and (text[b_end:b_end + 1] in ")）" or re.match(rf"(?:{lex.court_title})[)）]", text[b_end:]))
        if spelled or _OTHER_NAME_BETWEEN.fullmatch(between) and not between.startswith(("(本名", "（本名")):
            bracketed.add(b)
            if ids[b][0] != ids[a][0]:
                merge[ids[b][0]] = merge.get(ids[a][0], ids[a][0])
            continue
        if not (_ALIAS_BETWEEN.fullmatch(between) or _IDENTITY_BETWEEN.fullmatch(between)
                and _IDENTITY_AFTER.match(text, b_end)):
            continue
        if "(" in between or "（" in between:
            bracketed.add(b)
        alias, name = ids[a][0], ids[b][0]
        if alias != name:
            merge[alias] = merge.get(name, name)
    # 本名は益田時貞, 生誕名はマリア・サロメア・スクウォドフスカ, 洗礼名は「ジェロニモ」…のちに「フランシスコ」, 安芳と改めた,
    # 海舟は号である: other names of the person the paragraph is about (its first person named before them)
    for i, (s, _, k) in enumerate(persons):
        if k in bracketed:
            continue
        a, _ = sentence_bounds(text, s, s)
        labelled = _NAME_LABEL_ANYWHERE.search(text, a, s) is not None
        # 伝蔵は伊藤房次郎と名を変え: the sentence's subject takes the name
        told = [j for st, en, j in persons[:i] if st >= a and text[en:en + 1] in "はが"] \
            if _NAME_TAKEN.match(text, ms[k]["end"]) else []
        if told and ids[k][0] != ids[told[-1]][0]:
            merge[ids[k][0]] = ids[told[-1]][0]
            continue
        if not (_NAME_LABEL.search(text[a:s]) or _NAME_IS.match(text, ms[k]["end"])
                or labelled and (text[s - 1:s] in "「『" or _NAME_TAKEN.match(text, ms[k]["end"]))):
            continue
        para = text.rfind("\n", 0, s) + 1
        subject = next((j for st, _, j in persons[:i] if st >= para and ids[j][0] not in merge), None)
        if subject is None and i:
            subject = persons[i - 1][2]
        if subject is not None and ids[k][0] != ids[subject][0]:
            merge[ids[k][0]] = ids[subject][0]
    if merge:
        for k, (cid, conf) in list(ids.items()):
            if cid in merge and ms[k]["label"] == "PERSON":
                ids[k] = (merge[cid], conf)


def link_longer_names(ms: list[dict], ids: dict[int, tuple[str, float]], kb: KnowledgeBase | None) -> None:
    """A katakana full name with more parts than another of the document names the same person when it keeps
    the other's first and last part (フランソワ・モーリス・アドリアン・マリー・ミッテラン, フランソワ・ミッテラン) or
    ends in all of its parts (ヴァレリー・ジスカール・デスタン, ジスカール・デスタン). Two knowledge-base
    persons are never merged; the merged id is the knowledge base's, else the one named first."""
    first_id: dict[tuple[str, ...], str] = {}
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for k, (cid, _) in sorted(ids.items(), key=lambda item: ms[item[0]]["start"]):
        if ms[k]["label"] != "PERSON" or not is_kata(ms[k]["text"][:1]):
            continue
        comps = tuple(components(ms[k]["text"]))
        if len(comps) >= 2 and comps not in first_id:
            first_id[comps] = cid
            by_last.setdefault(comps[-1], []).append(comps)
    known = (lambda cid: kb is not None and kb.get(cid) is not None)
    remap: dict[str, str] = {}
    for names in by_last.values():
        for short in names:
            longer = {first_id[n] for n in names if len(n) > len(short)
                      and (n[-len(short):] == short or len(short) == 2 and n[0] == short[0])} - {first_id[short]}
            if len(longer) != 1:
                continue
            a, b = first_id[short], longer.pop()
            if known(a) and known(b):
                continue
            keep = b if known(b) and not known(a) else a
            remap[b if keep == a else a] = keep
    if remap:
        for k, (cid, conf) in list(ids.items()):
            if cid in remap and ms[k]["label"] == "PERSON":
                ids[k] = (remap[cid], conf)


_FORMER_NAME = re.compile(r"\s*(?:\(\s*(?:ex-|formerly\s+)|,\s+formerly\s+)(?:the\s+)?(?:[a-z\-]+\s+){0,2}")
_SHIP_NAME_LABEL = re.compile(r"[(（、]\s*(?:[一-龥]{1,3}名|旧名|別名|旧称|初代)(?:は|:|：)?\s*")
_PREFIX_IN_BRACKET = re.compile(r"[(（]\s*[A-Z][A-Z/]{1,4}\s+")
_NAMED_AS = re.compile(r"号?と(?:命名|改名|改称|名付け)")
_SAME_VESSEL = re.compile(r"同船|同艦|本船|本艦|同号")
_LAUNCHED_AS = re.compile(r"[」』]?として(?:進水|竣工|完成|建造|就航)")
_RENAMED_TO = re.compile(r"[^.;:\n]{0,80}?\b(?:is|was|were|been|being)\s+renamed\s+(?:the\s+)?")


def link_renamed_ships(ms: list[dict], ids: dict[int, tuple[str, float]], text: str) -> None:
    """The names one sentence gives a vessel (当初リシュリューと命名され、のちにシャルル・ド・ゴールと改名された)
    are one ship: the earlier names take the id of the last (a former name shares the ship's id)."""
    named = sorted((m["start"], k) for k, m in enumerate(ms) if m["label"] == "SHIP" and k in ids
                   and (m.get("source") == "rule:ship-named" or _NAMED_AS.match(text, m["end"])))
    # 春日丸が大鷹と改名する, 秩父丸を鎌倉丸と改名: the vessel renamed is named right before the new name
    ends = {m["end"]: k for k, m in enumerate(ms) if m["label"] == "SHIP" and k in ids}
    named += [(ms[ends[m["start"] - 1]]["start"], ends[m["start"] - 1]) for _, k in list(named)
              for m in [ms[k]] if m["start"] - 1 in ends and text[m["start"] - 1] in "がはを"]
    named.sort()
    by_sentence: dict[int, list[int]] = {}
    for start, k in named:
        by_sentence.setdefault(sentence_bounds(text, start, start)[0], []).append(k)
    def rename(old: set[str], final: str) -> None:  # every mention of the earlier names takes the last one's id
        old = old - {final}
        for k, (cid, conf) in list(ids.items()):
            if cid in old and ms[k]["label"] == "SHIP":
                ids[k] = (final, conf)

    ships_at = sorted((m["start"], k) for k, m in enumerate(ms) if m["label"] == "SHIP" and k in ids)
    for a, group in by_sentence.items():
        if len(group) == 1:  # 地領丸は日本海軍に買い取られ、特務艦宗谷と改名された: the one vessel named before it
            before = {ids[j][0] for s, j in ships_at if a <= s < ms[group[0]]["start"]}
            if len(before) == 1:
                group = [j for s, j in ships_at if a <= s < ms[group[0]]["start"]][:1] + group
        rename({ids[k][0] for k in group[:-1]}, ids[group[-1]][0])
    # Chūyō (ex-Nitta Maru), Taiyō, formerly the liner Kasuga Maru, ユニオン号(薩摩名は桜島丸、長州名は乙丑丸): other
    # names given with the name; Scharnhorst … is renamed Shin'yō
    ships = sorted((m["start"], m["end"], k) for k, m in enumerate(ms) if m["label"] == "SHIP" and k in ids)
    for (_, a_end, a), (b_start, _, b) in itertools.pairwise(ships):
        between = text[a_end:b_start]
        bracketed = between in ("(", "（") or _PREFIX_IN_BRACKET.fullmatch(between)  # ドニャ・パス号(MV Doña Paz)
        also = between == "は" and text.startswith("とも", ms[b]["end"])  # ベクター号はビクトル号とも
        if bracketed or also or _FORMER_NAME.fullmatch(between) or _SHIP_NAME_LABEL.fullmatch(between) \
                and "(" in text[max(0, a_end - 40):b_start] and ")" not in between:
            rename({ids[b][0]}, ids[a][0])
        elif _RENAMED_TO.fullmatch(between):
            rename({ids[a][0]}, ids[b][0])
    # 同船は…ドン・スルピシオ号と改名され: the vessel last named takes its new name; ドニャ・パス号は…「ひめゆり丸」として
    # 進水した: the name it was launched under is a former one
    for start, k in named:
        a, _ = sentence_bounds(text, start, start)
        if _SAME_VESSEL.search(text, a, start):
            prev = [j for s, _, j in ships if s < a]
            if prev:
                rename({ids[prev[-1]][0]}, ids[k][0])
    for (a_start, a_end, a), (b_start, b_end, b) in itertools.pairwise(ships):
        if _LAUNCHED_AS.match(text, b_end) and text[a_end:a_end + 1] == "は" and \
                sentence_bounds(text, a_start, a_start)[0] == sentence_bounds(text, b_start, b_start)[0]:
            rename({ids[b][0]}, ids[a][0])


_SPACED_KANA = re.compile(r"[ぁ-ゖァ-ヺー]+(?:[ \u3000・][ぁ-ゖァ-ヺー]+)+")


def person_readings(ms: list[dict], ids: dict[int, tuple[str, float]], kb: KnowledgeBase | None,
                    new_id) -> dict[str, str]:
    """A person the knowledge base does not know takes the id of the reading the text gives its name
    (勝海舟(かつ かいしゅう) → person:katsu-kaishu, not the romanized kanji's guess): every mention with the name's
    id is moved to it. Only a reading spaced into family and given name, of the name the document names the person
    by first, counts. Returns {id: reading}."""
    remap: dict[str, str] = {}
    readings: dict[str, str] = {}
    first: dict[str, int] = {}  # where each id is first named: the reading must be of that name
    for k, (cid, _) in ids.items():
        first[cid] = min(first.get(cid, ms[k]["start"]), ms[k]["start"])
    for k, m in enumerate(ms):
        if m["label"] != "PERSON" or not m.get("_reading_of") or k not in ids \
                or not _SPACED_KANA.fullmatch(m["text"]) or m["_reading_of"][0] != first[ids[k][0]]:
            continue
        cid = ids[k][0]
        if cid in remap or kb is not None and kb.get(cid) is not None:
            continue
        remap[cid] = new_id("PERSON", m["text"])
        readings[remap[cid]] = m["text"]
    if remap:
        for k, (cid, conf) in list(ids.items()):
            if cid in remap and ms[k]["label"] == "PERSON":
                ids[k] = (remap[cid], conf)
    return readings


# The Tsushima incident (Japanese: Tsushima jiken), also known as the Posadnik incident; Asahara, whose real name was
# Chizuo Matsumoto; Tsuda Ume (later Tsuda Umeko): names of one referent
_SAME_REFERENT_BETWEEN = re.compile(
    r"[)）]?\s*(?:\(\s*(?:(?:Japanese|Russian|Chinese|Korean|English|Dutch|Portuguese|Spanish|French|German)"
    r"(?:\s+name)?\s*:\s*)|,?\s+(?:also\s+)?(?:known|called|referred\s+to)\s+as\s+(?:the\s+)?"
    r"|,?\s*\(?\s*(?:whose\s+(?:real|birth|original|legal)\s+name\s+(?:was|is)|(?:real|birth)\s+name|born|later|"
    r"née|formerly|better\s+known\s+as|also)[:,]?\s+)")


def link_english_aliases(ms: list[dict], ids: dict[int, tuple[str, float]], text: str) -> None:
    """A name glossed in another language in brackets (Japanese: Tsushima jiken) or followed by 'also known as'
    names the same referent: the later name takes the first one's id (same label only)."""
    by_label: dict[str, list[tuple[int, int, int]]] = {}
    for k, m in enumerate(ms):
        if k in ids:
            by_label.setdefault(m["label"], []).append((m["start"], m["end"], k))
    for spans in by_label.values():
        spans.sort()
        for (_, a_end, a), (b_start, _, b) in itertools.pairwise(spans):
            old, new = ids[b][0], ids[a][0]
            if old != new and _SAME_REFERENT_BETWEEN.fullmatch(text, a_end, b_start):
                for k, (cid, conf) in list(ids.items()):
                    if cid == old and ms[k]["label"] == ms[b]["label"]:
                        ids[k] = (new, conf)


def link_formal_names(ms: list[dict], ids: dict[int, tuple[str, float]]) -> None:
    """大石良雄 is 大石内蔵助良雄 without the common name: a family name and real name that a formal name of the
    document holds (its `_parts`) name that person."""
    short: dict[str, str] = {}
    for k, m in enumerate(ms):
        parts = m.get("_parts")
        if parts and parts[0] and k in ids:
            short.setdefault(parts[0] + parts[1], ids[k][0])
    for k, m in enumerate(ms):
        if m["label"] == "PERSON" and k in ids and m["text"] in short:
            ids[k] = (short[m["text"]], ids[k][1])
