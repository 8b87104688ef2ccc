"""A reading or transcription in brackets right after a name (金正恩（キム・ジョンウン）, "Arrival of the Black
Ships" (Kurofune raikō), 遭難事件 (sōnan jiken): Latin script with diacritics too) is a mention of the same entity."""
from __future__ import annotations

import re

from pipeline.records import scored_labels

from .candidates import cand
from .lexicon import EntityLexicon

_READING = re.compile(r"[(（]([^()（）]{1,80})[)）]")
_LATIN_NAME = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'.\- ]*")
_ASCII_READING = re.compile(r"[A-Z][A-Za-z'.\-]+(?:\s+[A-Za-z'.\-]+){0,6}")
_LATIN_READING = re.compile(r"[A-Z][A-Za-z\u00c0-\u024f'.\-]+(?:\s+[A-Za-z\u00c0-\u024f'.\-]+){0,6}")
_LANG_LABEL = re.compile(r"^\s*(?:英語|英|朝鮮語|韓国語|ハングル|中国語|ロシア語|独語|仏語|English|Korean)\s*[:：]\s*")


def reading_mentions(text: str, mentions: list[dict], lex: EntityLexicon) -> list[dict]:
    """A reading or transcription in brackets right after a name is a mention of the same entity."""
    out = []
    at = {(x["label"], x["start"], x["end"]): x for x in mentions}
    for mt in mentions:
        if mt["label"] not in scored_labels():
            continue
        latin_name = _LATIN_NAME.fullmatch(mt["text"]) is not None
        k = mt["end"]
        m = _READING.match(text, k)
        if not m and text[k:k + 1] in "」』\"”":  # 潜水艦「クイーンフィッシュ」(USS Queenfish), "Arrival …" (…)
            k += 1
            m = _READING.match(text, k)
        if not m and latin_name and text[k:k + 2] == " (":  # an English name: Ertuğrul incident (…)
            m = _READING.match(text, k + 1)
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
                pre = re.match(rf"\s*(?:{lex.ship_prefixes})\s+", piece[off:])
                off += pre.end() if pre else 0  # the prefix stays outside: USS Queenfish → Queenfish
            body = piece[off:].strip()
            if body:
                s = pos + off + piece[off:].index(body)
                e = s + len(body)
                kana = re.fullmatch(r"[ぁ-ゖー・ァ-ヺ\s]+", body)
                hangul = re.fullmatch(r"[\uac00-\ud7a3\s]+", body)
                latin = (_LATIN_READING if latin_name else _ASCII_READING).fullmatch(body) and re.search(r"[a-z]", body)
                same = at.get((mt["label"], s, e))
                if latin_name and same is not None and same is not mt and not same.get("_reading_of"):
                    same["_reading_of"] = (mt["start"], mt["end"])  # Ertuğrul incident (エルトゥールル号遭難事件)
                elif kana or hangul or latin:
                    d = cand(text, s, e, mt["label"], "rule:reading", min(0.99, mt.get("confidence", 0.7) + 0.05))
                    d["_reading_of"] = (mt["start"], mt["end"])
                    out.append(d)
            pos += len(piece)
    return out
