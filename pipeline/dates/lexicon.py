"""Loads the data files next to this package once per process."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@cache
def ja() -> dict:
    with open(DATA / "lexicon_ja.json", encoding="utf-8") as f:
        return json.load(f)


@cache
def en() -> dict:
    with open(DATA / "lexicon_en.json", encoding="utf-8") as f:
        return json.load(f)


@dataclass(frozen=True)
class Era:
    name: str
    start: dt.date
    first_year: int  # the Gregorian-numbered year of 元年
    last_year: int | None  # the Gregorian-numbered year of its last year (None: the current era)
    court: str  # "" / "northern" / "southern" (1331–1392)
    spellings: tuple[str, ...] = ()  # romanized forms (japanera's reading, pykakasi's Hepburn)


@cache
def eras() -> dict[str, Era]:
    """Every era name (data/eras.json, generated from japanera by build_data)."""
    with open(DATA / "eras.json", encoding="utf-8") as f:
        table = json.load(f)["eras"]
    return {e["name"]: Era(e["name"], dt.date.fromisoformat(e["start"]), e["first_year"], e["last_year"], e["court"],
                           tuple(sorted({e.get("reading"), e.get("romaji")} - {None, ""})))
            for e in table}


def romaji_key(word: str) -> str:
    """A spelling-independent key for a romanized era name: Keichō, Keichou and Keicho,
    Shōryaku and Syouryaku, Ten'ō and Tennou, Enpō and Empou all meet."""
    w = word.lower()
    for a, b in (("ā", "a"), ("ī", "i"), ("ū", "u"), ("ē", "e"), ("ō", "o"), ("â", "a"), ("î", "i"),
                 ("û", "u"), ("ê", "e"), ("ô", "o")):
        w = w.replace(a, b)
    w = re.sub(r"[^a-z]", "", w)
    for a, b in (("sy", "sh"), ("ty", "ch"), ("zy", "j"), ("jy", "j"), ("tu", "tsu"), ("tsusu", "tsu"),
                 ("si", "shi"), ("shhi", "shi"), ("ti", "chi"), ("zi", "ji"), ("hu", "fu")):
        w = w.replace(a, b)
    w = re.sub(r"m(?=[pbm])", "n", w)
    w = re.sub(r"n+", "n", w)
    w = re.sub(r"ou|oo", "o", w)
    w = re.sub(r"uu", "u", w)
    return w


@cache
def eras_by_romaji() -> dict[str, str]:
    """Romanized era name key -> era name, for the keys that name one era only (承和 and 貞和 are
    both Jōwa: neither is read)."""
    seen: dict[str, set[str]] = {}
    for era in eras().values():
        for spelling in era.spellings:
            seen.setdefault(romaji_key(spelling), set()).add(era.name)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1 and len(k) >= 4}


# the modern eras' one-letter abbreviations, read only in date context (R3.7.18, H31年)
ERA_LETTERS = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}


def alt(words) -> str:
    """A regex matching any of the literal words, the longest form first.

    Built as a trie (明(?:治|和|応)...) rather than a flat alternation: Python's re tries every
    branch of a flat alternation at every position, which costs time with 248 era names."""
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie) if trie else "(?!)"


def _trie_regex(node: dict) -> str:
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word may end here: the longer continuations are tried first
        return f"(?:{body})?" if len(branches) > 1 or len(branches[0]) > 1 else f"{body}?"
    return body
