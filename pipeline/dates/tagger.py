"""Japanese pattern -> candidate spans. One handler per pattern family; no resolution here."""
from __future__ import annotations

import re

from . import lexicon
from . import patterns as P
from .model import Cand
from .numerals import parse_number
from .values import valid_ymd

L = lexicon.ja()
ERA_START = lexicon.eras()
MOD_SUFFIX = {**L["mod_suffix"]}
HALF = L["half_suffix"]
SEASON = L["seasons"]
POD = L["parts_of_day"]
AMPM_POD = {"午前": "MO", "朝": "MO", "午後": "AF", "夕方": "EV", "夜": "NI"}
ANA = L["anaphoric"]
DEI = L["deictic"]


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


def tag_calendar(text: str, out: list[Cand]) -> None:
    for m in P.CAL.finditer(text):
        if m.end() <= m.start():
            continue
        g = m.groupdict()
        if not any(g[k] for k in ("ey", "y", "yw", "m", "mw", "d", "dw", "hh", "hh2")):
            continue
        c = Cand(m.start(), m.end(), rule="cal")
        # --- year
        if g["ey"]:
            n = parse_number(g["ey"])
            if n is None or n < 1:
                continue
            c.y = ERA_START[g["era"]].year + n - 1
        elif g["y"]:
            n = parse_number(g["y"])
            if n is None:
                continue
            if n < 1000 and not g["m"] and not g["mw"] and text[max(0, m.start() - 2) : m.start()] not in ("西暦", "紀元"):
                continue  # a bare N年 under 1000 is a length (12年の刑): left to the duration rule
            if n < 100:
                c.yy2 = True
            c.y = n
        elif g["yw"]:
            _word_rel(g["yw"], c, "Y")
        # --- month
        if g["m"]:
            n = parse_number(g["m"])
            if n is None or not 1 <= n <= 12:
                continue
            c.m = n
        elif g["mw"]:
            if c.rel and c.rel[0] != "same":
                continue  # 翌年翌月: not a real combination
            c.rel = None
            _word_rel(g["mw"], c, "M")
        # --- day
        if g["d"]:
            n = parse_number(g["d"])
            if n is None or not 1 <= n <= 31:
                continue
            c.d = n
            c.next_day = bool(g["dnext"])
            if c.m is None and c.rel is None and c.y is None:
                c.rel = ("same", "M")
        elif g["dw"]:
            if c.rel and c.rel[0] != "same":
                continue
            c.rel = None
            if g["dw"] in L["fixed_days"]:
                c.m, c.d = L["fixed_days"][g["dw"]]
            else:
                _word_rel(g["dw"], c, "D")
        if c.m is not None and c.y is None and c.rel is None:
            c.rel = ("same", "Y")
        if c.y is not None and not c.yy2 and not valid_ymd(c.y, c.m, c.d):
            continue  # 2013年2月30日
        # --- time of day
        hh = g["hh"] or g["hh2"]
        if hh:
            h = parse_number(hh)
            mi = parse_number(g["mi"] or g["mi2"] or "0")
            if h is None or mi is None or h > 24 or mi > 59:
                continue
            if not hh.isascii() and not (g["mi"] or g["ampm"]):
                continue  # 一時 (for a while), 同時 ...
            # a bare 13:47 is only a time next to a date or a time word
            if g["hh2"] and not (g["ampm"] or c.d is not None or c.rel or m.group("apx")) \
                    and not _clock_context(text, m.end()):
                continue
            if g["ampm"] in ("午後", "夜", "夕方") and h < 12:
                h += 12
            c.hh, c.mi = h, (30 if g["half"] else mi)
            c.type = "TIME"
            if c.d is None and c.rel is None and c.y is None and c.m is None:
                c.rel = ("same", "D")
        elif g["pod"]:
            if c.d is not None or (c.rel and c.rel[1] == "D"):
                c.pod = POD[g["pod"]]
                c.type = "TIME"
            else:
                # 2017年夏 is a season, but 6月夜 is not a time: keep the date, drop the rest
                c.end = m.start("pod")
                while c.end > c.start and text[c.end - 1] == " ":
                    c.end -= 1
                if c.end <= c.start or not (c.y or c.m or c.d or c.rel):
                    continue
                out.append(c)
                continue
        if g["season"]:
            if c.m is not None or c.d is not None or c.type == "TIME":
                continue
            c.sub = SEASON[g["season"]]
            if g["smod"]:
                c.mod = MOD_SUFFIX.get(g["smod"], "START" if HALF.get(g["smod"]) == "H1" else "END")
        if g["modsuf"]:
            _suffix_mod(m, c, year_level=True)
        elif g["pre"] or g["apx"]:
            c.mod = c.mod or "APPROX"
        out.append(c)


def _clock_context(text: str, end: int) -> bool:
    return text[end : end + 2].startswith(("ごろ", "頃", "に", "から", "まで", "、", "。", " ", ",", "ま", "す"))


def _word_rel(w: str, c: Cand, level: str) -> None:
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
        c.fallback = L["deictic_without_dct"].get(w)
    if c.pod:
        c.type = "TIME"


def tag_weeks(text: str, out: list[Cand]) -> None:
    for m in P.WEEKREL.finditer(text):
        c = Cand(m.start(), m.end(), rule="week")
        _word_rel(m.group("w"), c, "W")
        out.append(c)


def tag_decades(text: str, out: list[Cand]) -> None:
    for m in P.DECADE.finditer(text):
        n = parse_number(m.group("y"))
        if n is None:
            continue
        c = Cand(m.start(), m.end(), gran="decade", rule="decade", prio=1)
        if n < 100:
            if n % 10:
                continue  # 30年代 fine, 35年代 is not a decade
            c.yy2 = True
        elif n % 10:
            continue
        c.y = n
        _suffix_mod(m, c, year_level=False)
        out.append(c)


def tag_centuries(text: str, out: list[Cand]) -> None:
    for m in P.CENTURY.finditer(text):
        n = parse_number(m.group("c"))
        if n is None or not 1 <= n <= 30:
            continue
        c = Cand(m.start(), m.end(), gran="century", rule="century", prio=1)
        c.value = (f"BC{n - 1:02d}" if m.group("bc") else f"{n - 1:02d}")
        _suffix_mod(m, c, year_level=False)
        out.append(c)


def tag_quarters(text: str, out: list[Cand]) -> None:
    for m in P.QUARTER.finditer(text):
        q = parse_number(m.group("q"))
        c = Cand(m.start(), m.end(), sub=f"Q{q}", rule="quarter", prio=2)
        if m.group("y"):
            c.y = int(m.group("y"))
        else:
            c.rel = ("same", "Y")
        out.append(c)


def _iso_duration(n: str, unit: str) -> str:
    if unit.startswith("T"):
        return f"PT{n}{unit[1:]}"
    return f"P{n}{unit}"


_MONTHS_AFTER_YEARS = re.compile(r"([0-9]{1,2})(?:か月|カ月|ヶ月|ヵ月|ケ月|箇月)(?:間)?")


def tag_durations(text: str, out: list[Cand]) -> None:
    units = L["duration_units"]
    for m in P.DURATION.finditer(text):
        g = m.groupdict()
        unit_w = g["unit"]
        unit = units.get(unit_w) or {"分": "TM", "週": "W"}[unit_w]
        has_kan = bool(g["n"]) and not g["n"][0].isascii()
        if unit in ("TM", "TS") and (has_kan or g["halfpre"]):
            continue  # 十分 (enough), 二分 (split)
        if g["halfpre"]:
            if unit == "CE":  # 半世紀, 四半世紀
                val = "P50Y" if g["halfpre"] == "半" else "P25Y"
            elif unit == "Y" and g["halfpre"] == "半":
                val = "P6M"
            else:
                continue
        elif g["vague"]:
            w = g["vague"] + "年"
            if unit == "Y" and w in L["vague_year_values"]:
                val = L["vague_year_values"][w]
            else:
                val = _iso_duration("X", unit)
        else:
            n = parse_number(g["n"]) if "." not in g["n"] else None
            num = g["n"] if "." in g["n"] else (str(n) if n is not None else None)
            if num is None:
                continue
            if unit == "Y" and unit_w == "年" and not g["unit2"] and n is not None and n >= 1000:
                continue  # a calendar year
            if unit == "CE" and not g["unit2"]:
                continue  # N世紀 alone is a century (DATE)
            if unit == "D" and unit_w != "日間":
                continue
            if g["half"]:
                if unit == "Y" and n is not None:
                    val = f"P{n}Y6M"
                elif unit == "TH" and n is not None:
                    val = f"PT{n}H30M"
                else:
                    val = _iso_duration(f"{num}.5", unit)
            else:
                val = _iso_duration(num, unit)
        end = m.end()
        months = _MONTHS_AFTER_YEARS.match(text, end) if unit == "Y" and val.endswith("Y") else None
        if months:  # 1年9か月 is one duration
            val, end = f"{val}{int(months.group(1))}M", months.end()
        c = Cand(m.start(), end, type="DURATION", value=val, rule="duration")
        if g["pre"] in L["mod_prefix"]:
            c.mod = L["mod_prefix"][g["pre"]]
        elif g["pre"] == "この":
            c.start = m.start("n") if g["n"] else m.start("vague") if g["vague"] else m.start()
        if g["more"]:
            c.mod = c.mod or "APPROX"
        out.append(c)


_REL_UNIT = {"年": "Y", "か月": "M", "カ月": "M", "ヵ月": "M", "ヶ月": "M", "ケ月": "M", "箇月": "M",
             "週間": "W", "日": "D", "時間": "H", "分": "MI"}


def tag_relatives(text: str, out: list[Cand]) -> None:
    for m in P.RELATIVE.finditer(text):
        g = m.groupdict()
        unit = _REL_UNIT[g["unit"]]
        start = m.start("n") if g["n"] else m.start("vague")
        c = Cand(start, m.end(), rule="relative", prio=2)
        if unit in ("H", "MI"):
            c.type = "TIME"
        if g["vague"]:
            c.value = "FUTURE_REF" if g["dir"] == "後" else "PAST_REF"
            out.append(c)
            continue
        n = parse_number(g["n"])
        if n is None or (unit in ("MI",) and not g["n"].isascii()):
            continue
        sign = 1 if g["dir"] == "後" else -1
        if g["dir"] == "前" and not g["sono"]:
            c.rel = ("ago", unit, -n)
        else:
            c.rel = ("shift", unit, sign * n)
        out.append(c)


def tag_sets(text: str, out: list[Cand]) -> None:
    for m in P.SETS.finditer(text):
        out.append(Cand(m.start(), m.end(), type="SET", value=L["sets"][m.group("w")], rule="set", prio=1))


def tag_frequencies(text: str, out: list[Cand]) -> None:
    for m in P.FREQ.finditer(text):
        unit = {"年": "Y", "月": "M", "週": "W", "日": "D"}[m.group("p")]
        out.append(Cand(m.start(), m.end(), type="SET", value=f"P1{unit}", rule="set", prio=1))


def tag_refs(text: str, out: list[Cand]) -> None:
    for m in P.REFS.finditer(text):
        out.append(Cand(m.start(), m.end(), value=L["refs"][m.group("w")], rule="ref"))


def tag_ranges(text: str, out: list[Cand]) -> None:
    """1950〜1953年, 6〜7月, 2017年5月8〜9日: emit the first member, whose unit comes from the second."""
    for m in P.RANGE.finditer(text):
        unit, head = m.group("unit"), m.group("head")
        a, b = int(m.group("a")), int(m.group("b"))
        c = Cand(m.start(), m.end("a"), rule="range", prio=3)
        if unit == "年":
            if head or not (len(m.group("a")) >= 3 or len(m.group("b")) == len(m.group("a"))):
                continue
            if len(m.group("a")) == 4 and len(m.group("b")) == 2:
                b2 = a // 100 * 100 + b
                second = Cand(m.start("b"), m.end(), y=b2, rule="range", prio=3)
                out.append(second)
            if a < 1000 and len(m.group("a")) != 2:
                continue
            c.y = a
            c.yy2 = a < 100
        elif unit == "月":
            if "月" in head or not 1 <= a <= 12 or not 1 <= b <= 12:
                continue
            c.m = a
            if head:
                c.y = int(head[:4])
            else:
                c.rel = ("same", "Y")
        else:
            if not 1 <= a <= 31 or not 1 <= b <= 31:
                continue
            c.d = a
            if "月" in head:
                c.m = int(head[head.index("年") + 1 if "年" in head else 0 : head.index("月")])
                if "年" in head:
                    c.y = int(head[:4])
                else:
                    c.rel = ("same", "Y")
            elif head:
                continue
            else:
                c.rel = ("same", "M")
        out.append(c)


TAGGERS = (tag_calendar, tag_weeks, tag_decades, tag_centuries, tag_quarters, tag_durations, tag_relatives,
           tag_sets, tag_frequencies, tag_refs, tag_ranges)


def tag(text: str) -> list[Cand]:
    out: list[Cand] = []
    for t in TAGGERS:
        t(text, out)
    return out
