"""Handlers of the length and repetition patterns (DURATION: 3年間, 1時間30分, 半日; SET: 毎年, 年1回, 毎週月曜):
each reads the groups of one pattern of patterns.py (paired in tagger.PATTERNS) and appends candidates."""
from __future__ import annotations

import re

from . import lexicon, patterns
from .model import Cand
from .numerals import parse_number

JA = lexicon.ja()


def half_months(m: re.Match, text: str, out: list[Cand]) -> None:
    if m["u"] == "月":
        out.append(Cand(m.start(), m.end(), type="DURATION", value="P0.5M", rule="duration"))


def _iso_duration(n: str, unit: str) -> str:
    if unit.startswith("T"):
        return f"PT{n}{unit[1:]}"
    return f"P{n}{unit}"


_PART_RANK = {"Y": 0, "M": 1, "W": 2, "D": 3, "TH": 4, "TM": 5, "TS": 6}


_NEXT_UNIT = {"か月": "M", "カ月": "M", "ヵ月": "M", "ヶ月": "M", "ケ月": "M", "箇月": "M", "週間": "W", "日": "D",
              "時間": "TH", "分": "TM", "秒": "TS"}


def _compound(text: str, end: int, val: str) -> tuple[str, int]:
    """1年2ヶ月10日, 1時間30分, 3分20秒: the smaller units that follow make one duration."""
    parts: list[tuple[str, str]] = []
    date_part, _, time_part = val[1:].partition("T")
    for n, u in re.findall(r"([0-9.]+)([YMWD])", date_part):
        parts.append((u, n))
    for n, u in re.findall(r"([0-9.]+)([HMS])", time_part):
        parts.append(("T" + u, n))
    if len(parts) != 1:
        return val, end
    while True:
        m = patterns.COMPOUND_NEXT.match(text, end)
        if not m:
            break
        unit = _NEXT_UNIT[m["unit"]]
        if _PART_RANK[unit] <= _PART_RANK[parts[-1][0]] or ("." in parts[-1][1]):
            break
        parts.append((unit, m["n"]))
        end = m.end()
    dates = "".join(f"{n}{u}" for u, n in parts if not u.startswith("T"))
    times = "".join(f"{n}{u[1]}" for u, n in parts if u.startswith("T"))
    return "P" + dates + ("T" + times if times else ""), end


def durations(m: re.Match, text: str, out: list[Cand]) -> None:
    units = JA["duration_units"]
    g = m.groupdict()
    unit_w = g["unit"]
    unit = units.get(unit_w) or {"分": "TM", "週": "W", "日": "D"}[unit_w]
    has_kan = bool(g["n"]) and not g["n"][0].isascii()
    if unit in ("TM", "TS") and (has_kan or g["halfpre"]):
        return  # 十分 (enough), 二分 (split)
    if g["halfpre"]:
        if unit == "CE":  # 半世紀, 四半世紀
            val = "P50Y" if g["halfpre"] == "半" else "P25Y"
        elif unit == "Y" and g["halfpre"] == "半":
            val = "P6M"
        elif unit == "D" and g["halfpre"] == "半" and not g["half"]:
            val = "P0.5D"  # 半日
        else:
            return
    elif g["vague"]:
        w = g["vague"] + "年"
        if unit == "Y" and w in JA["vague_year_values"]:
            val = JA["vague_year_values"][w]
        else:
            val = _iso_duration("X", unit)
    else:
        n = parse_number(g["n"]) if "." not in g["n"] else None
        num = g["n"] if "." in g["n"] else (str(n) if n is not None else None)
        if num is None:
            return
        if unit == "Y" and unit_w == "年" and not g["unit2"] and n is not None and n >= 1000:
            return  # a calendar year
        if unit == "CE" and not g["unit2"]:
            return  # N世紀 alone is a century (DATE)
        if unit == "D" and unit_w != "日間" and not (g["half"] and text[m.end() : m.end() + 1] != "ば"):
            return  # N日 is a day of the month; N日半 (not N日半ば) a length
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
    if g["n"] and not g["half"] and not g["more"] and "X" not in val:
        val, end = _compound(text, end, val)
    c = Cand(m.start(), end, type="DURATION", value=val, rule="duration")
    if g["pre"] in JA["mod_prefix"]:
        c.mod = JA["mod_prefix"][g["pre"]]
    elif g["pre"] == "この":
        c.start = m.start("n") if g["n"] else m.start("vague") if g["vague"] else m.start()
    if g["more"]:
        c.mod = c.mod or "APPROX"
    out.append(c)


def sets(m: re.Match, text: str, out: list[Cand]) -> None:
    value = JA["sets"][m.group("w")]
    if m["m"] or m["d2"]:  # 毎年8月15日, 毎月15日
        day = m["d"] or m["d2"]
        value = f"XXXX-{int(m['m']):02d}" if m["m"] else "XXXX-XX"
        value += f"-{int(day):02d}" if day else ""
    out.append(Cand(m.start(), m.end(), type="SET", value=value, rule="set", prio=1))


def frequencies(m: re.Match, text: str, out: list[Cand]) -> None:
    unit = {"年": "Y", "月": "M", "週": "W", "日": "D"}[m.group("p")]
    out.append(Cand(m.start(), m.end(), type="SET", value=f"P1{unit}", rule="set", prio=1))


def periods(m: re.Match, text: str, out: list[Cand]) -> None:
    unit = {"年": "Y", "月": "M", "週": "W", "日": "D"}[m.group("p")]
    out.append(Cand(m.start(), m.end(), type="SET", value=f"P1{unit}", rule="set", prio=3))
