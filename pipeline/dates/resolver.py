"""Values for the selected candidates: anaphora against the narrative, deixis against the dct."""
from __future__ import annotations

import datetime as dt
import re

from . import lexicon
from . import patterns as P
from .english import signal_mod
from .model import Cand
from .values import fmt_point, iso_week, shift, valid_ymd

L = lexicon.ja()
_DATE_MODS = {"BEFORE": ("以前", "より前", "まで", "までに"), "AFTER": ("以降", "以後", "より後")}
_DUR_MODS = {"AFTER": ("以上", "超"), "BEFORE": ("以内", "未満")}


def outside_mods(cands: list[Cand], text: str) -> None:
    """以前/まで/以降/以上 ... right after a span set its mod; the words stay outside the span."""
    for i, c in enumerate(cands):
        if c.mod:
            continue
        m = P.MOD_AFTER.match(text, c.end)
        if m:
            w = m.group("w")
            table = _DUR_MODS if c.type == "DURATION" else _DATE_MODS
            for mod, words in table.items():
                if w in words:
                    if w.startswith("まで") and i and P.RANGE_OPEN.match(text[cands[i - 1].end : c.start]):
                        break  # AからBまで: the end of a range, not "before B"
                    c.mod = mod
        elif (c.rule.startswith("en") or c.rule == "numeric") and c.type in ("DATE", "TIME"):
            c.mod = signal_mod(text, c.start)


def _century_for(c: Cand, refs: list[tuple[int, int]], dct_year: int | None) -> int:
    """Place a two-digit year (or decade) in the century closest to the surrounding dated narrative."""
    yy = c.y
    if refs:
        ref = min(refs, key=lambda r: abs(r[0] - c.start))[1]
    elif dct_year:
        ref = dct_year
    else:
        ref = 1950 if yy >= 30 else 2000
    options = [(ref // 100 + k) * 100 + yy for k in (-1, 0, 1)]
    best = min(options, key=lambda y: (abs(y - ref), y))  # ties: the earlier century
    if dct_year and best > dct_year + 1:
        best -= 100
    return best


def _point(c: Cand):
    return (c.y, c.m, c.d, c.hh, c.mi)


def _level_ok(p, level: str) -> bool:
    y, m, d, hh, _ = p
    return {"Y": y is not None, "M": m is not None, "D": d is not None, "W": d is not None,
            "H": hh is not None, "MI": hh is not None}[level]


_DATELINE_LINES = 4  # a news dateline sits in the first lines, alone on its line
_DATELINE_CHARS = 300  # ... and near the top: bounds the search on one-line documents


def find_dateline(cands: list[Cand], text: str) -> int | None:
    """Index of a news dateline: a full date alone on one of the first lines
    (brackets, weekday and spaces around it allowed)."""
    head_end = 0
    for _ in range(_DATELINE_LINES):
        nxt = text.find("\n", head_end)
        if nxt < 0:
            head_end = len(text)
            break
        head_end = nxt + 1
        while head_end < len(text) and text[head_end] == "\n":
            head_end += 1
    head_end = min(head_end, _DATELINE_CHARS)
    for i, c in enumerate(cands):
        if c.start >= head_end:
            break
        if c.type != "DATE" or c.rel is not None or None in (c.y, c.m, c.d) or not valid_ymd(c.y, c.m, c.d):
            continue
        a = text.rfind("\n", 0, c.start) + 1
        b = text.find("\n", c.end, c.end + _DATELINE_CHARS)
        if b < 0 and len(text) - c.end > _DATELINE_CHARS:
            continue  # a long line is no dateline
        rest = (text[a:c.start] + text[c.end:len(text) if b < 0 else b]).strip()
        if not re.sub(r"[\s()（）【】\[\]日月火水木金土曜付]", "", rest):
            return i
    return None


def resolve(cands: list[Cand], dct: str | None, dateline: int | None = None) -> list[dict]:
    """Fill anaphoric and deictic values. A news dateline serves as the creation
    date when none is given, and bare days (4日) of such a document are days of
    the dateline's month, as news style writes them."""
    dct_date = None
    if dct:
        try:
            dct_date = dt.date.fromisoformat(str(dct)[:10])
        except ValueError:
            dct_date = None
    if dct_date is None and dateline is not None:
        c0 = cands[dateline]
        dct_date = dt.date(c0.y, c0.m, c0.d)
    refs = [(c.start, c.y) for c in cands if c.y is not None and c.y >= 1000 and c.rel is None]
    known: list[tuple[int, tuple]] = []  # (index, (y, m, d, hh, mi)) of resolved calendar points
    out: list[dict] = []
    for i, c in enumerate(cands):
        anchor = None
        try:
            if c.yy2 and c.y is not None:
                c.y = _century_for(c, refs, dct_date.year if dct_date else None)
            value = c.value
            if value is None and dateline is not None and i > dateline and _bare_day(c):
                c.y, c.m = cands[dateline].y, cands[dateline].m
                c.rel, anchor = None, dateline
                if valid_ymd(c.y, c.m, c.d) and dt.date(c.y, c.m, c.d) > dct_date:
                    r = shift(c.y, c.m, 1, None, None, "M", -1)  # 28日 in a dateline of the 3rd: last month
                    c.y, c.m = r[0], r[1]
                value = fmt_point(c.y, c.m, c.d, c.hh, c.mi, c.pod)
            if value is None:
                value, anchor = _resolve_point(c, known, dct_date)
        except (ValueError, OverflowError, TypeError, KeyError):
            value, anchor = fmt_point(None, c.m, c.d), None
        rec = {"type": c.type, "value": value, "mod": c.mod, "anchor": anchor, "_cand": c}
        out.append(rec)
        if c.type in ("DATE", "TIME") and c.y is not None and c.value is None and c.gran == "" \
                and valid_ymd(c.y, c.m, c.d):
            known.append((i, _point(c)))
    return out


def _bare_day(c: Cand) -> bool:
    """4日, 5日早朝: a day with no month or year of its own and no 同/翌 of its own."""
    return c.rel == ("same", "M") and c.y is None and c.m is None and c.d is not None and not c.next_day


def _find(known, level: str):
    for idx, p in reversed(known):
        if _level_ok(p, level):
            return idx, p
    return None, None


def _resolve_point(c: Cand, known, dct_date) -> tuple[str, int | None]:
    anchor = None
    rel = c.rel
    if c.gran == "decade":
        return f"{c.y // 10:03d}", None
    if rel and rel[0] == "same":
        level = rel[1]
        idx, p = _find(known, level)
        if p is not None:
            anchor = idx
            ay, am, ad = p[0], p[1], p[2]
            c.y = ay
            if level in ("M", "D") and c.m is None:
                c.m = am
            if level == "D" and c.d is None:
                c.d = ad
            if c.next_day and c.d is not None and ad is not None and c.d <= ad:
                r = shift(ay, am, 1, None, None, "M", 1)
                c.y, c.m = r[0], r[1]
    elif rel and rel[0] in ("shift", "ago", "dct"):
        _, unit, n = rel
        base = None
        if rel[0] == "dct" or (rel[0] == "ago" and dct_date):
            if dct_date:
                base = (dct_date.year, dct_date.month, dct_date.day, None, None)
        else:
            # the last known date, whatever its precision: 2日後 after 2002年12月 stays 2002-12
            idx, p = known[-1] if known else (None, None)
            if p is not None:
                anchor, base = idx, p
        if base is None:
            if c.fallback:
                return c.fallback, None
            return _unknown(unit, c), None
        r = shift(*base, unit, n)
        if r is None:
            return _unknown(unit, c), None
        y, m, d, hh, mi = r
        # the expression's own finer parts win: 翌年9月 → (year+1)-09, 翌月25日 → (month+1)-25
        if unit == "Y":
            m, d, hh, mi = (c.m, c.d, None, None) if c.m is not None else (None, None, None, None)
        elif unit == "M":
            d, hh, mi = c.d, None, None
        elif unit in ("D", "W"):
            hh = mi = None
        if unit == "W" and d is not None and c.pod is None:
            c.y, c.m, c.d = y, m, d
            return iso_week(y, m, d), anchor
        c.y, c.m, c.d = y, m, d
        if c.hh is None:
            c.hh, c.mi = hh, mi
    if c.y is not None and not valid_ymd(c.y, c.m, c.d):
        raise ValueError("not a calendar date")
    if c.m is not None and not valid_ymd(None, c.m, c.d):
        raise ValueError("not a calendar date")
    if c.sub and c.m is None:
        return fmt_point(c.y, sub=c.sub), anchor
    return fmt_point(c.y, c.m, c.d, c.hh, c.mi, c.pod), anchor


def _unknown(unit: str, c: Cand) -> str:
    if c.type == "TIME" and c.pod:
        return f"XXXX-XX-XXT{c.pod}"
    return {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX"}.get(unit, "XXXX-XX-XX")
