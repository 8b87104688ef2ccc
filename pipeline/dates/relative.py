"""Handlers of the relative and deictic patterns (翌年, 来週, 3年後, 今, 現在 ...): each reads the groups of one
pattern of patterns.py (paired in tagger.PATTERNS) and appends candidates whose value the resolver computes."""
from __future__ import annotations

import re

from . import lexicon
from .model import Cand
from .numerals import parse_number

JA = lexicon.ja()
ANA = JA["anaphoric"]
DEI = JA["deictic"]


def word_rel(w: str, c: Cand, level: str) -> None:
    if w in ANA:
        spec = ANA[w]
        c.rel = ("same", spec[1]) if spec[0] == "same" else ("shift", spec[1], spec[2])
        if len(spec) == 3 and spec[0] == "same":
            c.pod = spec[2]
        if len(spec) == 4:
            c.pod = spec[3]
    elif w in DEI:
        spec = DEI[w]
        c.rel = ("dct", spec[0], spec[1])
        if len(spec) == 3:
            c.pod = spec[2]
        c.fallback = JA["deictic_without_dct"].get(w)
    if c.pod or c.rel and c.rel[1] == "H":  # 同時刻: the time just told
        c.type = "TIME"


def weeks(m: re.Match, text: str, out: list[Cand]) -> None:
    c = Cand(m.start(), m.end(), rule="week")
    word_rel(m.group("w"), c, "W")
    out.append(c)


_REL_UNIT = {"年": "Y", "か月": "M", "カ月": "M", "ヵ月": "M", "ヶ月": "M", "ケ月": "M", "箇月": "M",
             "週間": "W", "日": "D", "時間": "H", "分": "MI"}


def relatives(m: re.Match, text: str, out: list[Cand]) -> None:
    g = m.groupdict()
    unit = _REL_UNIT[g["unit"]]
    start = m.start("apx") if g["apx"] else m.start("n") if g["n"] else m.start("vague") if g["vague"] \
        else m.start("halfyear")
    c = Cand(start, m.end(), rule="relative", prio=2, mod="APPROX" if g["apx"] else "")
    if g["halfyear"]:  # 半年後: six months
        unit, g = "M", {**g, "n": "6"}
    if unit in ("H", "MI"):
        c.type = "TIME"
    if g["vague"]:
        c.value = "FUTURE_REF" if g["dir"] == "後" else "PAST_REF"
        out.append(c)
        return
    n = parse_number(g["n"])
    if n is None or (unit in ("MI",) and not g["n"].isascii()):
        return
    sign = 1 if g["dir"] == "後" else -1
    if g["dir"] == "前" and not g["sono"]:
        c.rel = ("ago", unit, -n)
    else:
        c.rel = ("shift", unit, sign * n)
    out.append(c)


def bare_parts_of_day(m: re.Match, text: str, out: list[Cand]) -> None:
    """夕刻, 未明, 深夜 alone: that part of the day just told (no day told: the day stays X)."""
    out.append(Cand(m.start(), m.end(), type="TIME", pod=JA["parts_of_day"][m.group("w")], rel=("same", "D"),
                    rule="pod", extra={"strict_day": True}))


_SIGNS = "子丑寅卯辰巳午未申酉戌亥"


def traditional_hours(m: re.Match, text: str, out: list[Cand]) -> None:
    """巳の刻 (09–11 o'clock) → T10:00 on the day just told; 頃 makes it APPROX."""
    out.append(Cand(m.start(), m.end(), type="TIME", hh=_SIGNS.index(m.group("sign")) * 2, mi=0,
                    rel=("same", "D"), mod="APPROX" if m.group("ap") else "", rule="hour", prio=1,
                    extra={"strict_day": True}))


def bell_hours(m: re.Match, text: str, out: list[Cand]) -> None:
    """朝五つ時 → T08:00 on the day just told (the count read in its part of the day); 半 an hour later."""
    hour = JA["bell_hours"][m.group("part")].get(m.group("count"))
    if hour is None:
        return  # 朝九つ: no such hour
    hour = (hour + (1 if m.group("half") else 0)) % 24
    out.append(Cand(m.start(), m.end(), type="TIME", hh=hour, mi=0, rel=("same", "D"),
                    mod="APPROX" if m.group("ap") else "", rule="hour", prio=1, extra={"strict_day": True}))


def now(m: re.Match, text: str, out: list[Cand]) -> None:
    """今 as "now" (今は居酒屋, 今も残る): PRESENT_REF; 今回, 今後, 今年 ... are other words."""
    out.append(Cand(m.start(), m.start() + 1, value="PRESENT_REF", rule="ref"))


def refs(m: re.Match, text: str, out: list[Cand]) -> None:
    end = m.end() - 2 if m.group("w").endswith("では") else m.end()  # 今日では: では stays outside
    out.append(Cand(m.start(), end, value=JA["refs"][m.group("w")], rule="ref"))
