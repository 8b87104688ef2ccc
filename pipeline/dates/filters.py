"""False positives and overlaps: what the patterns found but is not a timex."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from . import lexicon
from .model import Cand
from .patterns import INCIDENT_NAME_TAILS

JA = lexicon.ja()
ERA_NAMES = frozenset(lexicon.eras())
EVENT_SUFFIXES = tuple(JA["year_event_suffixes"])
COUNT_SUFFIXES = tuple(JA["count_suffixes"])
DAY_FOLLOWERS = tuple(JA["day_non_date_followers"])
_NAME_GLUE = set("香子美奈菜佳代恵村町")  # kanji that continue a place or given name after 明日/今日


def _is_bare_number(c: Cand, text: str) -> bool:
    return text[c.end - 1 : c.end].isdigit()


def _count_follows(after: str) -> bool:
    """A counter or unit right after a number; a Latin unit (km, t) only as a word of its own
    (1609 the galleon is a year)."""
    for suffix in COUNT_SUFFIXES:
        if after.startswith(suffix):
            nxt = after[len(suffix) : len(suffix) + 1]
            if not (suffix.isascii() and suffix.isalpha() and nxt.isascii() and nxt.isalpha()):
                return True
    return False


_DISASTER_NAME = re.compile(r"[一-龥ァ-ヺー・]{0,8}?(?:地震|大震災|震災|豪雨|台風|噴火|大火|水害)(?![一-龥])")


def keep(c: Cand, text: str) -> bool:
    before = text[max(0, c.start - 1) : c.start]
    after = text[c.end : c.end + 8]
    if c.end <= c.start:
        return False
    if before == "第" and c.rule != "quarter":
        return False  # 第5回, 第3日: ordinals
    if _is_bare_number(c, text) and _count_follows(after.lstrip(" ")):
        return False  # 1950隻, 2016人, 30 km ...
    if c.rule == "cal" and c.y is not None and c.m is None and c.d is None and c.sub is None \
            and c.hh is None and after.startswith(EVENT_SUFFIXES):
        return False  # 2018年冬季五輪: a name containing a year
    if c.rule == "cal" and c.rel and c.rel[0] == "dct" and c.end - c.start == 2 and after[:1] in _NAME_GLUE:
        return False  # 明日香, 今日子: a deictic word inside a name
    if c.rule == "cal" and c.y is None and c.m is None and c.d is not None and c.rel == ("same", "M") \
            and after.startswith(DAY_FOLLOWERS):
        return False  # 1日あたり
    if c.rule == "cal" and c.y is None and c.m is None and c.d is not None and after[:1] in "町市" \
            and re.fullmatch(r"[一二三四五六七八九十廿]+日", text[c.start:c.end]):
        return False  # 十日町, 四日市, 廿日市: place names
    if c.rule == "cal" and c.y is not None and c.m is None and c.d is None and c.hh is None \
            and _DISASTER_NAME.match(text, c.end):
        return False  # 令和6年能登半島地震, 2011年東日本大震災: a year inside the name of a disaster
    if c.type == "SET" and after.startswith(("新聞", "新報")):
        return False  # 毎日新聞: a name
    if c.rule == "cal" and c.type == "DATE" and c.m is not None and after.startswith(INCIDENT_NAME_TAILS):
        return False  # 八月十八日の政変: the name of an incident, not its date
    if c.type == "DURATION" and text[max(0, c.start - 2) : c.start] in ("西暦", "紀元"):
        return False  # 西暦668年 is a year
    if c.type == "DURATION" and any(text[max(0, c.start - k) : c.start] in ERA_NAMES for k in (2, 3, 4)):
        return False  # 明治六年政変: the year of an era inside a name, not a length
    if c.type == "DURATION" and after.startswith("の") and after[1:2] in "0123456789一二三四五六七八九":
        return False  # 3分の1: a fraction
    if c.type == "DURATION" and after.startswith(("目", "生", "歳", "才")):
        return False  # 3年目, 2年生: ordinals and grades
    # an English pattern glued to a Latin word or digit (EC-121, A1950) is part of something else
    return not (c.rule.startswith("en") and before.isalnum() and before.isascii())


def select(cands: list[Cand], text: str) -> list[Cand]:
    """Drop false positives, then keep the longest of overlapping spans (ties: higher priority)."""
    cands = [c for c in cands if keep(c, text)]
    cands.sort(key=lambda c: (c.start, -c.length, -c.prio))
    out: list[Cand] = []
    for c in cands:
        if out and c.start < out[-1].end:
            last = out[-1]
            if c.rule == "hour" and c.end > last.end and last.type in ("DATE", "TIME") and last.hh is None:
                # 同日朝 + 朝五つ半頃: the day and its bell hour are one time
                out[-1] = replace(last, end=c.end, type="TIME", hh=c.hh, mi=c.mi, pod=None,
                                              mod=c.mod or last.mod)
                continue
            # a later, longer candidate that only overlaps the tail of the previous one wins
            if (c.end > last.end and c.length > last.length and c.prio >= last.prio and c.start > last.start
                    and (len(out) < 2 or out[-2].end <= c.start)):
                out[-1] = c
            continue
        out.append(c)
    return out


def split_columns(cands: list[Cand], is_column: Callable[[int, int], bool]) -> list[Cand]:
    """A date and a clock time with a column gap between them (a full-width space or a tab in the
    original text, `is_column(a, b)` for the view's [a, b)) are two timexes: a chronology's date column
    and the time its entry begins with (同月15日　午後9時23分)."""
    out: list[Cand] = []
    for c in cands:
        at = c.extra.get("time_at")
        if not at or not is_column(*at):
            out.append(c)
            continue
        date_end, time_start = at
        out.append(replace(c, end=date_end, type="DATE", hh=None, mi=None, pod=None, mod="", extra={}))
        out.append(Cand(time_start, c.end, type="TIME", hh=c.hh, mi=c.mi, pod=c.pod, mod=c.mod,
                        rel=("same", "D"), rule=c.rule, prio=c.prio))
    return out


def with_next_prefix(cands: list[Cand], text: str) -> None:
    """翌1988年11月3日, 翌慶応元年3月12日: 翌 before a date that names its year is part of the span (its value is
    the year written)."""
    taken = {c.end for c in cands}
    for c in cands:
        if c.start > 0 and text[c.start - 1] == "翌" and c.y is not None and c.rel is None and c.start not in taken:
            c.start -= 1
