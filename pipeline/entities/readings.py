"""A reading or transcription in brackets right after a name (金正恩（キム・ジョンウン）) is a mention of the
same entity."""
from __future__ import annotations

import re

from pipeline.records import scored_labels

from .candidates import cand
from .lexicon import EntityLexicon

_READING = re.compile(r"[(（]([^()（）]{1,80})[)）]")
_LANG_LABEL = re.compile(r"^\s*(?:英語|英|朝鮮語|韓国語|ハングル|中国語|ロシア語|独語|仏語|English|Korean)\s*[:：]\s*")


def reading_mentions(text: str, mentions: list[dict], lex: EntityLexicon) -> list[dict]:
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
                pre = re.match(rf"\s*(?:{lex.ship_prefixes})\s+", piece[off:])
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
