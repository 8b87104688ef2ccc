"""A reading or transcription in brackets right after a name (金正恩（キム・ジョンウン）, "Arrival of the Black
Ships" (Kurofune raikō), 遭難事件 (sōnan jiken): Latin script with diacritics too) is a mention of the same entity."""
from __future__ import annotations

import re

from pipeline.records import scored_labels

from .candidates import cand
from .english_text import COURT_TITLE_EN
from .lexicon import EntityLexicon

_READING = re.compile(r"[(（]([^()（）]{1,80})[)）]")
_LATIN_NAME = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'.\- ]*")
_ASCII_READING = re.compile(r"[A-Z][A-Za-z'.\-]+(?:\s+[A-Za-z'.\-]+){0,6}")
_LATIN_READING = re.compile(r"[A-Z][A-Za-z\u00c0-\u024f'.\-]+(?:\s+[A-Za-z\u00c0-\u024f'.\-]+){0,6}")
_LANG_LABEL = re.compile(r"^\s*(?:(?:英語|英|朝鮮語|韓国語|ハングル|中国語|ロシア語|独語|仏語|English|Korean)\s*[:：]"
                         r"|(?:のちの|後の|旧名|旧船名|前名|原名|旧姓|初名)[:：は]?)\s*")  # (のちのらいてう), (旧名…)


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
            if body and not COURT_TITLE_EN.search(body):  # (Settsu no Kami): a court title, no other name
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


_SHIP_END_READINGS = {"丸": "まる", "号": "ごう", "艦": "かん"}


def nested_ship_readings(text: str, mentions: list[dict]) -> list[dict]:
    """The reading of an incident named after its ship reads the ship too: いろは丸事件(いろはまるじけん) holds the
    ship's いろはまる, ドニャ・パス号沈没事故(ドニャ・パスごうちんぼつじこ) its ドニャ・パスごう. The ship's part ends at
    the reading of its last character (丸 まる, 号 ごう) — after the ship's kana as written, when it has any."""
    ships = {(m["start"], m["end"]): m for m in mentions if m["label"] == "SHIP"}
    by_start: dict[int, list[dict]] = {}
    for m in ships.values():
        by_start.setdefault(m["start"], []).append(m)
    out = []
    for r in mentions:
        if r["label"] != "INCIDENT" or r.get("source") != "rule:reading" or not r.get("_reading_of"):
            continue
        a, b = r["_reading_of"]
        for ship in by_start.get(a, []):
            name = ship["text"]
            tail = _SHIP_END_READINGS.get(name[-1:])
            if ship["end"] >= b or tail is None:
                continue
            stem = name[:-1]
            reading = r["text"]
            if re.fullmatch(r"[ぁ-ゖァ-ヺー・]+", stem):
                k = len(stem) if reading.startswith(stem + tail) else -1
            else:
                k = reading.find(tail, len(stem))
            if k > 0:
                s = r["start"]
                d = cand(text, s, s + k + len(tail), "SHIP", "rule:reading", r.get("confidence", 0.7))
                d["_reading_of"] = (ship["start"], ship["end"])
                out.append(d)
    return out
