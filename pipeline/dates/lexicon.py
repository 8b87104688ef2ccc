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


@cache
def eras() -> dict[str, Era]:
    """Every era name (data/eras.json, generated from japanera by build_data)."""
    with open(DATA / "eras.json", encoding="utf-8") as f:
        table = json.load(f)["eras"]
    return {e["name"]: Era(e["name"], dt.date.fromisoformat(e["start"]), e["first_year"], e["last_year"], e["court"])
            for e in table}


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
