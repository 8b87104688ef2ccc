"""Loads the data files next to this package once per process."""
from __future__ import annotations

import datetime as dt
import json
import re
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


@cache
def eras() -> dict[str, dt.date]:
    with open(DATA / "eras.json", encoding="utf-8") as f:
        table = json.load(f)["eras"]
    return {e["name"]: dt.date.fromisoformat(e["start"]) for e in table}


def alt(words) -> str:
    """A regex alternation of literal words, longest first so the longest form wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
