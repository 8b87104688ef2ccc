"""Handlers of the calendar-date patterns (era and Western years, months, days, clock times, numeric forms,
weekdays, seasons, decades, centuries, quarters, ranges): each reads the groups of one pattern of
patterns.py (paired in tagger.PATTERNS) and appends candidates; no resolution here."""
from __future__ import annotations

import re

from . import lexicon, lunisolar, tense
from .lunisolar import LAST_LUNISOLAR_YEAR
from .model import Cand
from .numerals import parse_number
from .relative import word_rel
from .values import valid_ymd

JA = lexicon.ja()
ERAS = lexicon.eras()
WEEKDAYS = "月火水木金土日"  # ISO weekday - 1
MOD_SUFFIX = {**JA["mod_suffix"]}
HALF = JA["half_suffix"]
SEASON = JA["seasons"]
POD = JA["parts_of_day"]
PRESENT_DAYS = frozenset(JA["present_days"])
DEI = JA["deictic"]


def _suffix_mod(m, c: Cand, *, year_level: bool) -> None:
    """Apply 初頭/末/前半/頃 ... found after the calendar part."""
    w = m.group("modsuf")
    if w in HALF:
        if year_level and c.m is None and c.d is None:
            c.sub = HALF[w]
        else:
            c.mod = "START" if HALF[w] == "H1" else "END"
    elif w:
        c.mod = MOD_SUFFIX[w]
    if m.groupdict().get("apx") or m.groupdict().get("pre"):
        c.mod = c.mod or "APPROX"


def calendar(m: re.Match, text: str, out: list[Cand]) -> None:
    if m.end() <= m.start():
        return
    g = m.groupdict()
    if not any(g[k] for k in ("ey", "eay", "y", "yw", "m", "m1", "mw", "d", "dw", "hh", "hh2", "noon")):
        return
    c = Cand(m.start(), m.end(), rule="cal")
    # --- year
    if g["ey"] or g["eay"]:
        y = era_year(g["era"] or lexicon.ERA_LETTERS[g["eab"]], g["ey"] or g["eay"])
        if y is None or not _era_context_ok(text, m.start()):
            return
        c.y = y
        c.lunisolar = y <= LAST_LUNISOLAR_YEAR
    elif g["y"]:
        n = parse_number(g["y"])
        if n is None:
            return
        pre = g["ypre"]
        if n < 1000 and not g["m"] and not g["mw"] and not pre \
                and text[max(0, m.start() - 2) : m.start()] not in ("西暦", "紀元"):
            return  # a bare N年 under 1000 is a length (12年の刑): left to the duration rule
        if pre == "紀元前":
            if g["m"] or g["d"] or n < 1:
                return
            c.value = f"BC{n:04d}"
            if g["modsuf"]:
                _suffix_mod(m, c, year_level=False)
            out.append(c)
            return
        if pre == "皇紀":
            n -= 660
            if n < 1:
                return
        elif n < 100 and not pre:
            c.yy2 = True
        c.y = n
    elif g["yw"]:
        word_rel(g["yw"], c, "Y")
    if g["kyu"]:
        c.lunisolar = True  # 旧暦: the year may come from the context
    # --- month
    if g["m"] or g["m1"]:
        n = parse_number(g["m"]) if g["m"] else 1
        if n is None or not 1 <= n <= 12:
            return
        c.m = n
        c.leap = bool(g["leap"])
        if c.leap and not c.lunisolar and c.y is not None:
            return  # 閏 months exist only in the lunisolar calendar
    elif g["mw"]:
        if c.rel and c.rel[0] != "same":
            return  # 翌年翌月: not a real combination
        c.rel = None
        c.extra["month_word"] = g["mw"]  # 同月11日 is anaphoric, not a bare day
        word_rel(g["mw"], c, "M")
    # --- day
    if g["d"]:
        n = parse_number(g["d"])
        if n is None or not 1 <= n <= 31:
            return
        c.d = n
        c.next_day = bool(g["dnext"])
        if g.get("pre") and c.m is None and c.y is None and not (g["hh"] or g["hh2"]) and c.rel is None:
            # 約十日で鎮圧された: an approximate number of days is a length, never a day of the month
            out.append(Cand(m.start(), m.end("d") + 1, type="DURATION", value=f"P{n}D", mod="APPROX",
                            rule="duration"))
            return
        if c.m is None and c.rel is None and c.y is None:
            c.rel = ("same", "M")
    elif g["dw"]:
        if c.rel and c.rel[0] != "same":
            return
        c.rel = None
        if g["dw"] in JA["fixed_days"]:
            c.m, c.d = JA["fixed_days"][g["dw"]]
        else:
            word_rel(g["dw"], c, "D")
    if c.m is not None and c.y is None and c.rel is None:
        c.rel = ("same", "Y")
    if g["wdb"] or g["wdw"]:
        c.weekday = WEEKDAYS.index(g["wdb"] or g["wdw"]) + 1
    if c.lunisolar and c.y is not None:
        if c.m is not None and not lunisolar_ok(c.y, c.m, c.d, c.leap):
            if not (c.leap and lunisolar.calendar().has_year(c.y) and (c.d is None or c.d <= 30)):
                return  # not a date (13月, 明治5年12月31日)
            # a leap month the table does not have: keep the year only, approximately
            c.m = c.d = None
            c.leap, c.mod = False, "APPROX"
    elif c.y is not None and not c.yy2 and not valid_ymd(c.y, c.m, c.d):
        return  # 2013年2月30日
    # --- time of day
    hh = g["hh"] or g["hh2"] or ("12" if g["noon"] else None)
    if hh:
        h = parse_number(hh)
        mi = parse_number(g["mi"] or g["mi2"] or "0")
        if h is None or mi is None or h > 24 or mi > 59:
            return
        if not hh.isascii() and not (g["mi"] or g["ampm"]) and not g["noon"]:
            return  # 一時 (for a while), 同時 ...
        # a bare 13:47 is only a time next to a date or a time word
        if g["hh2"] and not (g["ampm"] or c.d is not None or c.rel or m.group("apx") or g["modsuf"]) \
                and not _clock_context(text, m.end()):
            return
        if g["noon"]:
            h, mi = 12, 0
        elif g["ampm"] in ("午後", "夜", "夕方") and h < 12:
            h += 12
        c.hh, c.mi = h, (30 if g["half"] else mi)
        c.type = "TIME"
        _mark_time_part(m, c, text, next(k for k in ("ampm", "hh", "hh2", "noon") if g[k]))
        if c.d is None and c.rel is None and c.y is None and c.m is None:
            c.rel = ("same", "D")
    elif g["pod"]:
        if c.d is not None or (c.rel and c.rel[1] == "D"):
            c.pod = POD[g["pod"]]
            c.type = "TIME"
            _mark_time_part(m, c, text, "pod")
        else:
            # 2017年夏 is a season, but 6月夜 is not a time: keep the date, drop the rest
            c.end = m.start("pod")
            while c.end > c.start and text[c.end - 1] == " ":
                c.end -= 1
            if c.end <= c.start or not (c.y or c.m or c.d or c.rel):
                return
            out.append(c)
            return
    if g["dw"] in PRESENT_DAYS and c.type == "DATE" and c.y is None and c.m is None:
        c.value, c.rel = "PRESENT_REF", None  # 今日 alone
    if g["season"]:
        if c.m is not None or c.d is not None or c.type == "TIME":
            return
        c.sub = SEASON[g["season"]]
        if g["smod"]:
            c.mod = MOD_SUFFIX.get(g["smod"], "START" if HALF.get(g["smod"]) == "H1" else "END")
    if g["modsuf"]:
        _suffix_mod(m, c, year_level=True)
    elif g["pre"] or g["apx"]:
        c.mod = c.mod or "APPROX"
    out.append(c)


_DATE_GROUPS = ("ey", "eay", "y", "yw", "m", "m1", "mw", "d", "dw")


def _mark_time_part(m: re.Match, c: Cand, text: str, group: str) -> None:
    """Where the date part of a date-and-time ends and the time part starts (extra["time_at"]), for
    the column split of filters.split_columns."""
    if not any(m.group(k) for k in _DATE_GROUPS):
        return
    start = m.start(group)
    end = start
    while end > c.start and text[end - 1] == " ":
        end -= 1
    if c.start < end < start:
        c.extra["time_at"] = (end, start)


def era_year(era: str, number: str) -> int | None:
    """The Gregorian-numbered year of year `number` of `era` (None past the era's end)."""
    e = ERAS.get(era)
    n = parse_number(number)
    if e is None or n is None or n < 1:
        return None
    y = e.first_year + n - 1
    return y if e.last_year is None or y <= e.last_year else None


# Era names that are also common words (延長, 文化, 治安, 永久 ...) are read as eras only
# where a date can begin: not glued to a preceding kanji (期間延長3年), unless that kanji
# is part of a word that introduces a date.
_ERA_LEAD_OK = tuple(lexicon.ja()["era_lead_ok"])


def _era_context_ok(text: str, start: int) -> bool:
    before = text[max(0, start - 2) : start]
    if not before or not _is_kanji(before[-1]):
        return True
    return before.endswith(_ERA_LEAD_OK)


def _is_kanji(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in "々〆"


def lunisolar_ok(y: int, m: int, d: int | None, leap: bool) -> bool:
    cal = lunisolar.calendar()
    if not cal.has_year(y):
        return not leap and valid_ymd(y, m, d)
    mo = cal.month(y, m, leap)
    return mo is not None and (d is None or 1 <= d <= cal.days_in(mo))


def year_gloss(m: re.Match, text: str, out: list[Cand]) -> None:
    """(一五八二) right after 天正十年: the year glossed, a DATE of its own (the bracket stays outside)."""
    y = parse_number(m.group("y"))
    if y is not None and 500 <= y <= 2100:
        out.append(Cand(m.start("y"), m.end("y"), y=y, rule="cal", extra={"gregorian": True}))


def numeric(m: re.Match, text: str, out: list[Cand]) -> None:
    """2021/7/18, 2021.7.18, 2021・7・18, 2021/7, 令和3.7.18, R3.7.18."""
    era = m["era"] or (lexicon.ERA_LETTERS[m["eab"]] if m["eab"] else None)
    mo, d = int(m["m"]), (int(m["d"]) if m["d"] else None)
    c = Cand(m.start(), m.end(), m=mo, d=d, rule="numeric", prio=3)
    if era:
        if d is None:
            return  # 令和3.7 is too weak
        c.y = era_year(era, m["y"])
        if c.y is None:
            return
        c.lunisolar = c.y <= LAST_LUNISOLAR_YEAR
    else:
        if len(m["y"]) != 4 or not 1000 <= int(m["y"]) <= 2099:
            return
        if d is None and m["s"] != "/":
            return  # 2021.7 is a number, 2021/7 a month
        c.y = int(m["y"])
    if not (lunisolar_ok(c.y, mo, d, False) if c.lunisolar else valid_ymd(c.y, mo, d)):
        return
    if m["wdb"] or m["wdw"]:
        c.weekday = WEEKDAYS.index(m["wdb"] or m["wdw"]) + 1
    out.append(c)


_MD_CUES = ("日付", "日程", "期日", "開催", "締切", "〆切", "締め切り", "予定", "投稿", "更新", "公開", "発売",
            "放送", "配信", "開幕", "閉幕", "実施", "受付", "消印")


_MD_NOUNS = ("会議", "会合", "試合", "公演", "イベント", "集会", "選挙", "大会", "会見", "発表", "放送", "締切", "説明会",
             "式典", "祭",
             "予定", "開催", "週", "朝", "夜", "午前", "午後")


def month_day(m: re.Match, text: str, out: list[Cand]) -> None:
    """7/18 is read as a date only in date context: a weekday or a clock time after it, another
    M/D joined by a range mark, a date word before it, or the start of a chronology line."""
    after = text[m.end() : m.end() + 8]
    before = text[max(0, m.start() - 12) : m.start()]
    line_start = m.start() == 0 or text[m.start() - 1] == "\n"
    ok = bool(m["wdb"] or m["wdw"]) \
        or re.match(r"[ ]?(?:[0-9]{1,2}:[0-9]{2}|[0-9]{1,2}時)", after) is not None \
        or re.match(r"[ ]?[〜~\-–][ ]?(?:1[0-2]|0?[1-9])/[0-9]", after) is not None \
        or re.search(r"(?:1[0-2]|0?[1-9])/[0-9]{1,2}[ ]?[〜~\-–][ ]?$", before) is not None \
        or before.rstrip(" :：は").endswith(_MD_CUES) \
        or (after.startswith("の") and after[1:].startswith(_MD_NOUNS)) \
        or (line_start and after[:1] in (" ", "\t", "　"))
    if not ok:
        return
    c = Cand(m.start(), m.end(), m=int(m["m"]), d=int(m["d"]), rel=("same", "Y"), rule="numeric", prio=1)
    if m["wdb"] or m["wdw"]:
        c.weekday = WEEKDAYS.index(m["wdb"] or m["wdw"]) + 1
    out.append(c)


def weekdays(m: re.Match, text: str, out: list[Cand]) -> None:
    """月曜日 / 月曜 alone: XXXX-WXX-1, a day when the document date fixes the week; 毎週月曜 is a SET."""
    k = WEEKDAYS.index(m["w"] or m["wb"]) + 1
    if text[max(0, m.start() - 2) : m.start()] == "毎週":
        out.append(Cand(m.start() - 2, m.end(), type="SET", value=f"XXXX-WXX-{k}", rule="set", prio=2))
        return
    weeks = 0
    if m["wk"]:  # 来週火曜日: the weekday of the week the word names (翌週月曜: left to the week word)
        if m["wk"] not in DEI:
            return
        weeks = DEI[m["wk"]][1]
    c = Cand(m.start(), m.end(), weekday=k, rel=("weekday", k, weeks), rule="weekday", prio=1)
    if not m["wk"]:
        c.extra["tense"] = tense.japanese(text, m.end())
    out.append(c)


def bare_seasons(m: re.Match, text: str, out: list[Cand]) -> None:
    out.append(Cand(m.start(), m.end(), y=int(m["y"]), sub=SEASON[m["s"]], rule="season", prio=1))


def _clock_context(text: str, end: int) -> bool:
    return text[end : end + 2].startswith(("ごろ", "頃", "に", "から", "まで", "、", "。", " ", ",", "ま", "す"))


def decades(m: re.Match, text: str, out: list[Cand]) -> None:
    n = parse_number(m.group("y"))
    if n is None:
        return
    c = Cand(m.start(), m.end(), gran="decade", rule="decade", prio=1)
    if m["era"]:
        # 昭和30年代 = 昭和30–39年 = 1955–1964: the value names the Gregorian decade holding most
        # of its years (ties: the earlier, as for lunisolar months), earliest/latest the exact years
        y = era_year(m["era"], m["y"]) if n % 10 == 0 and n > 0 else None
        if y is None:
            return
        c.y, c.span = y, (y, y + 9)
        c.extra["decade"] = max(range(y // 10, (y + 9) // 10 + 1),
                                key=lambda dec: (sum(1 for k in range(y, y + 10) if k // 10 == dec), -dec))
        _suffix_mod(m, c, year_level=False)
        out.append(c)
        return
    if n < 100:
        if n % 10:
            return  # 30年代 fine, 35年代 is not a decade
        c.yy2 = True
    elif n % 10:
        return
    c.y = n
    _suffix_mod(m, c, year_level=False)
    out.append(c)


def centuries(m: re.Match, text: str, out: list[Cand]) -> None:
    n = parse_number(m.group("c"))
    if n is None or not 1 <= n <= 30:
        return
    c = Cand(m.start(), m.end(), gran="century", rule="century", prio=1)
    c.value = (f"BC{n - 1:02d}" if m.group("bc") else f"{n - 1:02d}")
    _suffix_mod(m, c, year_level=False)
    out.append(c)


def quarters(m: re.Match, text: str, out: list[Cand]) -> None:
    """第1四半期, 2020年Q1, Q1 2020, 上半期/下半期 (halves)."""
    if m["h"]:
        sub = "H1" if m["h"] == "上" else "H2"
    else:
        sub = f"Q{parse_number(m['q'] or m['q2'])}"
    y = m["y"] or m["y2"]
    if m["yw"]:  # 今年上半期, 同年下半期
        c = Cand(m.start(), m.end(), sub=sub, rule="quarter", prio=2)
        word_rel(m["yw"], c, "Y")
        c.type, c.pod = "DATE", None
        out.append(c)
        return
    start = m.start() if m["y"] else m.start("q") if m["q"] else m.start("q2") - 1 if m["q2"] else m.start("h")
    if m["q"] and text[start - 1 : start] == "第":
        start -= 1
    c = Cand(start, m.end(), sub=sub, rule="quarter", prio=2)
    if y:
        c.y = int(y)
    else:
        c.rel = ("same", "Y")
    out.append(c)


def ranges(m: re.Match, text: str, out: list[Cand]) -> None:
    """1950〜1953年, 6〜7月, 2017年5月8〜9日: emit the first member, whose unit comes from the second."""
    unit, head = m.group("unit"), m.group("head")
    a, b = int(m.group("a")), int(m.group("b"))
    c = Cand(m.start(), m.end("a"), rule="range", prio=3)
    if unit == "年":
        if head or not (len(m.group("a")) >= 3 or len(m.group("b")) == len(m.group("a"))):
            return
        if len(m.group("a")) == 4 and len(m.group("b")) == 2:
            b2 = a // 100 * 100 + b
            second = Cand(m.start("b"), m.end(), y=b2, rule="range", prio=3)
            out.append(second)
        if a < 1000 and len(m.group("a")) != 2:
            return
        c.y = a
        c.yy2 = a < 100
    elif unit == "月":
        if "月" in head or not 1 <= a <= 12 or not 1 <= b <= 12:
            return
        c.m = a
        if head:
            c.y = int(head[:4])
        else:
            c.rel = ("same", "Y")
    else:
        if not 1 <= a <= 31 or not 1 <= b <= 31:
            return
        c.d = a
        if "月" in head:
            c.m = int(head[head.index("年") + 1 if "年" in head else 0 : head.index("月")])
            if "年" in head:
                c.y = int(head[:4])
            else:
                c.rel = ("same", "Y")
        elif head:
            return
        else:
            c.rel = ("same", "M")
    out.append(c)
