"""Where the narrative's time is, as the resolver asks it: whether a date moves it (a plan, a since-when and
quoted speech do not), whether the last date told is still near, and what a counted day counts from in a
dated text (the time of writing, or the narrative's own last date)."""
from __future__ import annotations

import datetime as dt
import re

from .model import Cand, Known

_SENTENCE_END = re.compile(r"[。！？!?\n]|\.\s")


def sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos)
    return m.end() if m else len(text)


_NARRATIVE_REACH = 160  # characters back to the last date told: the narrative is still at it


def in_quote(text: str, pos: int) -> bool:
    """pos lies inside 「…」 on its line: quoted speech, said at the time of writing."""
    line = text.rfind("\n", 0, pos) + 1
    opened = text.rfind("「", line, pos)
    return opened >= 0 and text.find("」", opened, pos) < 0


def told_recently(known: list[Known], cands: list[Cand], text: str, pos: int) -> bool:
    """The last date the narrative told (deixis such as 昨年八月 aside) lies in this sentence or the one before
    it: the narrative is still at its year."""
    told = next((cands[k.index] for k in reversed(known)
                 if k.index >= 0 and not (cands[k.index].rel and cands[k.index].rel[0] == "dct")), None)
    if told is None:
        return False
    start = pos
    for _ in range(2):  # back to the start of the sentence before this one
        k = max(text.rfind(ch, 0, start - 1) for ch in "。\n")
        start = k + 1 if k >= 0 else 0
        if start == 0:
            break
    return told.start >= start


def deictic_or_narrative(c: Cand, known: list[Known], cands: list[Cand], text: str, dct_date: dt.date) -> tuple:
    """In a dated text, what a counted day is counted from. Quoted speech counts from the time of writing
    (「10年後も20年後も」 in a 2025 report: 2035, 2045). A narrative of another year counts from its own last date:
    1週間前の8月15日 two sentences after 1945年8月22日 in a 2025 report is 1945-08-15."""
    _, unit, n = c.rel
    if in_quote(text, c.start):
        return ("dct", unit, n)
    if c.rel[0] == "ago" and known and known[-1].index >= 0:
        last = known[-1]
        told = cands[last.index]
        if last.point[0] is not None and last.point[0] != dct_date.year and last.point[1] is not None \
                and c.start - told.end <= _NARRATIVE_REACH and "\n\n" not in text[told.end:c.start]:
            return ("shift", unit, n)
    return c.rel


_PLANNED = re.compile(r"(?:頃|ごろ)?(?:と|に)(?:仮に|正式に)?(?:定め|決め|決定|予定)|(?:頃|ごろ)?(?:の|を)予定"
                      r"|(?:頃|ごろ)?(?:に|には|まで)[^。、\n]{0,6}?(?:予定|見込み|はずであった|はずだった)(?!どおり|通り)"
                      r"|(?:頃|ごろ)?(?:に|を)控え")


def moves_nothing(c: Cand, text: str) -> str | None:
    """A look back to since when (前夜来の大雪, 昨年来の交渉), the time of a plan (仇討ちの時期を翌年三月頃と
    定める, 5月の予定, 翌日の午前4時に着く予定であった) and a day ahead (クリスマスを5日後に控えて): dates that move
    the narrative's time nowhere. "since" anchors nothing after it; "plan" (a plan, a day ahead) only what its own
    sentence counts from it (当初12月と定められたが翌年の1月15日に延ばされた); None for a date that moves it."""
    if bool(c.rel) and c.rel[0] in ("shift", "dct", "ago") and text.startswith(("来", "以来"), c.end):
        return "since"
    if bool(c.rel) and c.rel[0] == "dct" and in_quote(text, c.start):
        return "since"  # quoted speech, counted from the time of writing
    return "plan" if _PLANNED.match(text, c.end) is not None else None
