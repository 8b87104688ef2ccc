"""Values for the selected candidates: anaphora against the narrative, deixis against the dct."""
from __future__ import annotations

import bisect
import datetime as dt
import re

from . import lexicon, lunisolar, patterns
from .english import range_end, signal_mod
from .lunisolar import LAST_LUNISOLAR_YEAR
from .model import Cand, Known
from .months import lunisolar_year, month_point, same_sentence
from .narrative import deictic_or_narrative, moves_nothing, sentence_end, told_recently
from .structure import (
    background_sections,
    bracket_roles,
    counted_from_topic,
    entry_dates,
    is_post_line,
    topic_sentence,
)
from .values import fmt_point, iso_week, shift, valid_ymd

JA = lexicon.ja()
_DATE_MODS = {"BEFORE": ("以前", "より前", "まで", "までに"), "AFTER": ("以降", "以後", "より後")}
_DUR_MODS = {"AFTER": ("以上", "超"), "BEFORE": ("以内", "未満")}


def outside_mods(cands: list[Cand], text: str) -> None:
    """以前/まで/以降/以上 ... right after a span set its mod; the words stay outside the span."""
    for i, c in enumerate(cands):
        if c.mod:
            continue
        m = patterns.MOD_AFTER.match(text, c.end)
        if m:
            w = m.group("w")
            table = _DUR_MODS if c.type == "DURATION" else _DATE_MODS
            for mod, words in table.items():
                if w in words:
                    if w.startswith("まで") and i and patterns.RANGE_OPEN.match(text[cands[i - 1].end : c.start]):
                        break  # AからBまで: the end of a range, not "before B"
                    c.mod = mod
        elif (c.rule.startswith("en") or c.rule == "numeric") and c.type in ("DATE", "TIME") \
                and not (i and range_end(text, cands[i - 1], c)):
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



def resolve(cands: list[Cand], dct: str | None, dateline: int | None = None, text: str = "") -> list[dict]:
    """Fill anaphoric and deictic values. A news or post dateline serves as the creation
    date when none is given; it anchors deixis and bare days of the current month, never the
    narrative's anaphora. Glosses and asides in brackets are no anchors."""
    dct_date = None
    if dct:
        try:
            dct_date = dt.date.fromisoformat(str(dct)[:10])
        except ValueError:
            dct_date = None
    if dct_date is None and dateline is not None:
        c0 = cands[dateline]
        dct_date = dt.date(c0.y, c0.m, c0.d)
    roles = bracket_roles(cands, text) if text else [None] * len(cands)
    entries = entry_dates(cands, text) if text else [False] * len(cands)
    backgrounds = background_sections(text) if text else []
    refs = [(c.start, c.y) for c in cands if c.y is not None and c.y >= 1000 and c.rel is None]
    lead = topic_sentence(text) if text else None
    news = dateline is not None and not is_post_line(cands[dateline], text)  # a story's date line, not a post's
    topic: Known | None = None  # the day of the happening the article is about
    known: list[Known] = []
    written: list[Known] = []  # those a chronology line's bare date may take: entries, and dates not counted
    ahead = sorted(b for _, b in backgrounds)  # ends of background sections not yet passed
    out: list[dict] = []
    for i, c in enumerate(cands):
        while ahead and c.start >= ahead[0]:  # past a background section: its dates anchor no more
            end = ahead.pop(0)
            known = [k for k in known if k.aside_until != end]
            written = [k for k in written if k.aside_until != end]
        anchor = None
        appos = bool(out) and _apposition(cands, i, text)  # 前日の2月29日: one point
        try:
            if c.yy2 and c.y is not None:
                c.y = _century_for(c, refs, dct_date.year if dct_date else None)
            value = c.value
            if roles[i] == "gloss" and c.y is None and c.rel and c.rel[0] == "same" and out:
                _gloss_calendar(c, cands[i - 1] if i else None)
            if value is None and dateline is not None and i != dateline and _bare_day(c) \
                    and _current(known, dct_date):
                c.y, c.m = cands[dateline].y, cands[dateline].m
                c.rel, anchor = None, dateline
                if valid_ymd(c.y, c.m, c.d) and dt.date(c.y, c.m, c.d) > dct_date:
                    r = shift(c.y, c.m, 1, None, None, "M", -1)  # 28日 in a dateline of the 3rd: last month
                    c.y, c.m = r[0], r[1]
                value = fmt_point(c.y, c.m, c.d, c.hh, c.mi, c.pod)
            if value is None and news and i != dateline and c.rel == ("same", "Y") \
                    and c.m is not None and not c.lunisolar and _BARE.match(text, c.start) \
                    and not told_recently(known, cands, text, c.start):
                # news: a month and day named alone, far from the last year told, are of the date line's year
                c.y = dct_date.year if (c.m, c.d or 1) <= (dct_date.month, dct_date.day) else dct_date.year - 1
                c.rel, anchor = None, dateline
                value = fmt_point(c.y, c.m, c.d, c.hh, c.mi, c.pod)
            if value is None and c.y is None and c.m is not None and appos and out[-1]["_y"] is not None:
                c.y, c.rel, anchor = out[-1]["_y"], None, i - 1  # 前日の2月29日: one day
                c.lunisolar = c.lunisolar or out[-1]["calendar"] == "lunisolar"
            if value is None:
                pool = known
                if entries[i] and _BARE.match(text, c.start) and c.rel and c.rel[0] == "same":
                    # a chronology line's bare month or day (* 10月 - …) takes its year from the entries and
                    # the dates written out, not from a date an entry's text counted (翌年までに復帰した)
                    pool = written
                if i and roles[i - 1] == "gloss" and cands[i - 1].lunisolar and cands[i - 1].end + 1 == c.start \
                        and text[cands[i - 1].end] == ")" and cands[i - 1].y is not None:
                    g = cands[i - 1]
                    pool = pool + [Known(i - 1, _point(g), g.lunisolar, g.leap)]
                if c.rel and c.rel[0] == "weekday" and out and _WEEKDAY_OF.fullmatch(text, cands[i - 1].end, c.start) \
                        and re.match(r"\d{4}-\d\d-\d\d", out[-1]["value"]):
                    c.rel = ("same", "D")  # March 20, 1995, a Monday: the weekday of the date just written
                    pool = pool + [Known(i - 1, _point(cands[i - 1]))]
                if topic is not None and (counted_from_topic(c, text) or text.startswith("当日", c.start)):
                    pool = [topic]  # 事件の三日前, 当日の朝: counted from the day of the article's subject
                if _entry_relative(cands, i, text) and out[-1]["value"][:1].isdigit():
                    # November 29: Ten days later, …: a chronology line's own date is what its relative names
                    value, anchor = out[-1]["value"].split("T")[0], i - 1
                elif c.rel and c.rel[0] == "month":
                    value, anchor = month_point(c, pool, dct_date, news=dateline is not None,
                                                same_sentence=same_sentence(cands, pool, c, text), text=text)
                else:
                    if c.rel and dct_date is not None and c.rel[0] in ("shift", "ago"):
                        c.rel = deictic_or_narrative(c, pool, cands, text, dct_date)
                    value, anchor = _resolve_point(c, pool, dct_date)
                value = _check_weekday(c, value, dct_date)
        except (ValueError, OverflowError, TypeError, KeyError):
            value, anchor = fmt_point(None, c.m, c.d), None
        rec = {"type": c.type, "value": value, "mod": c.mod, "anchor": anchor, "_cand": c,
               "calendar": "", "value_as_written": "", "_y": c.y}
        if c.value is None and c.lunisolar and c.y is not None and c.gran == "":
            _lunisolar_value(rec, c)
        elif c.span is not None:
            rec["earliest"], rec["latest"] = f"{c.span[0]:04d}-01-01", f"{c.span[1]:04d}-12-31"
        if c.type in ("DATE", "TIME") and not rec["calendar"] and value and value[:1].isdigit():
            rec["calendar"] = "gregorian"
        day = _years_ago_today(cands, i, text, dct_date)
        if day is not None:
            out[-1]["value"] = day  # 20年前の今日: the same day, that many years back
        if appos and value and "X" not in value:
            prev = out[-1]
            for k in ("value", "calendar", "value_as_written", "earliest", "latest"):
                if k in rec:
                    prev[k] = rec[k]
                else:
                    prev.pop(k, None)
            if prev["type"] == "DATE":
                prev["value"] = prev["value"].split("T")[0]  # 前日の十四日夜: the day, not its night
        out.append(rec)
        if c.type in ("DATE", "TIME") and c.y is not None and c.value is None and c.gran == "" \
                and roles[i] is None and i != dateline and rec["value"][:1].isdigit() \
                and (c.lunisolar or valid_ymd(c.y, c.m, c.d)) and moves_nothing(c, text) != "since":
            aside = next((b for a, b in backgrounds if a <= c.start < b), None)
            if moves_nothing(c, text) == "plan":  # 当初文久元年12月と定められたが…翌年の1月15日に延ばされた
                aside = sentence_end(text, c.end)  # anchors its own sentence only
                bisect.insort(ahead, aside)
            known.append(Known(i, _point(c), c.lunisolar, c.leap, aside))
            if topic is None and lead is not None and lead[0] <= c.start < lead[1] and _level_ok(known[-1].point, "D"):
                topic = known[-1]
            if entries[i] or not (c.rel and c.rel[0] in ("shift", "ago", "dct")):
                written.append(known[-1])
        elif c.type in ("DATE", "TIME") and c.y is None and c.d is not None and c.value is None \
                and roles[i] is None and rec["value"].startswith("XXXX-") and not c.lunisolar and c.gran == "":
            # 三月三十一日(火), 三日午後六時 with no year known: the month and day still anchor what follows (三十一日午前
            # 七時, 同機は午後七時)
            known.append(Known(i, _point(c), False, False, None))
    for rec in out:
        rec.pop("_y", None)
    return out


_WEEKDAY_OF = re.compile(r",?\s*(?:a|which was a|then a|that is,? a)\s+|[、,]\s*|\s*[(（]")
_BARE = re.compile(r"[0-9〇一二三四五六七八九十閏正]")  # a date that opens with its own number, no 同/翌 word


def _check_weekday(c: Cand, value: str, dct_date: dt.date | None) -> str:
    """A weekday written with a date must agree with it: 5月3日の月曜日 in a post of 2021 is 2021-05-03
    even after a narrative of 1868. When neither the anchor's year nor the document's fits, the year
    stays unknown."""
    if c.weekday is None or None in (c.y, c.m, c.d) or c.rel is not None and c.rel[0] == "weekday":
        return value
    try:
        if c.lunisolar:
            day = lunisolar.calendar().to_gregorian(c.y, c.m, c.d, c.leap)
        else:
            day = dt.date(c.y, c.m, c.d)
        if day is not None and day.isoweekday() == c.weekday:
            return value
        if dct_date is not None and dt.date(dct_date.year, c.m, c.d).isoweekday() == c.weekday:
            c.y, c.lunisolar, c.leap = dct_date.year, False, False
            return fmt_point(c.y, c.m, c.d, c.hh, c.mi, c.pod)
    except ValueError:
        pass
    if c.rel is None:
        return value  # the text wrote the year itself: keep what it says
    c.y, c.lunisolar = None, False
    return fmt_point(None, c.m, c.d, c.hh, c.mi, c.pod)


def _years_ago_today(cands: list[Cand], i: int, text: str, dct_date: dt.date | None) -> str | None:
    """The day 20年前 names in 20年前の今日 (the document date that many years back), or None."""
    a, c = (cands[i - 1], cands[i]) if i else (None, cands[i])
    if a is None or dct_date is None or text[c.start:c.end] not in ("今日", "本日") or text[a.end:c.start] != "の" \
            or not a.rel or a.rel[:2] not in (("ago", "Y"), ("dct", "Y")) or a.rel[2] >= 0:
        return None
    y = dct_date.year + a.rel[2]
    return f"{y:04d}-{dct_date.month:02d}-{dct_date.day:02d}" if valid_ymd(y, dct_date.month, dct_date.day) else None


def _gloss_calendar(c: Cand, glossed: Cand | None) -> None:
    """嘉永6年6月3日(7月8日): a gloss without a year of a lunisolar date is Gregorian, in the
    Gregorian year of the date it glosses; a clock time alone (朝五つ時(午前8時頃)) on its Gregorian day."""
    if glossed is None or not glossed.lunisolar or c.lunisolar or glossed.y is None:
        return
    g = None
    if glossed.m is not None and glossed.d is not None:
        g = lunisolar.calendar().to_gregorian(glossed.y, glossed.m, glossed.d, glossed.leap)
    c.y = g.year if g else glossed.y
    if g is not None and c.m is None and c.d is None:
        c.m, c.d = g.month, g.day  # 朝五つ時(午前8時頃): a clock time glossing the hour keeps its day
    c.rel = None


# what joins a relative day to the date it names: 前日の2月29日, 翌日、つまり6月6日, 翌日すなわち7日
_APPOSITION_LINK = re.compile(r"の|[、,]?[ ]?(?:つまり|すなわち|即ち)[、,]?[ ]?")


def _apposition(cands: list[Cand], i: int, text: str) -> bool:
    """前日の2月29日, 4日後の5月24日, 翌日、つまり元治元年6月6日, 前日の十四日, 4年後の1787年: a relative day
    (or year) and the date it names, one point."""
    if i == 0:
        return False
    a, b = cands[i - 1], cands[i]
    if _APPOSITION_LINK.fullmatch(text[a.end:b.start]) is None or a.rel is None \
            or a.rel[0] not in ("shift", "dct", "ago") or a.rel[1] not in ("D", "W", "M", "Y"):
        return False
    if a.rel[1] == "Y":  # 4年後の1787年: the year names the year
        return b.rel is None and b.y is not None and b.m is None
    if _bare_day(b):
        return a.rel[1] == "D"  # 投票日の前日の十四日: the day names the day
    return b.m is not None and b.d is not None and (b.rel == ("same", "Y") or (b.rel is None and b.y is not None))


_LINE_HEAD = re.compile(r"[ \t]*(?:[0-9]{4}[ \t]+)?")  # what may come before a line's date: a year


def _entry_relative(cands: list[Cand], i: int, text: str) -> bool:
    """A relative day right after the date that opens a chronology line (November 29: Ten days later, …)."""
    if i == 0 or not text:
        return False
    a, b = cands[i - 1], cands[i]
    return b.rel is not None and b.rel[0] == "shift" and text[a.end:b.start] in (": ", "：", ":") \
        and a.m is not None and a.d is not None \
        and _LINE_HEAD.fullmatch(text, text.rfind("\n", 0, a.start) + 1, a.start) is not None


def _current(known: list[Known], dct_date: dt.date | None) -> bool:
    """Bare days of news text belong to the dateline's month (news style), except inside a
    narrative of lunisolar dates, whose days follow the narrative's month."""
    return not known or dct_date is None or not known[-1].lunisolar


def _lunisolar_value(rec: dict, c: Cand) -> None:
    """Convert a lunisolar y/m/d to its Gregorian value; keep the date as written."""
    cal = lunisolar.calendar()
    if not cal.has_year(c.y):
        return  # after 1872 (旧暦 of a modern year): no table, the value stays as read
    rec["calendar"] = "lunisolar"
    if c.m is not None and (c.y, c.m) in lunisolar.uncertain_months() and not rec["mod"]:
        rec["mod"] = "APPROX"  # a month whose table label sources contradict (docs/dates.md)
    lm = f"L{c.m:02d}" if c.leap else (f"{c.m:02d}" if c.m is not None else "")
    if c.m is None:
        rec["value_as_written"] = f"{c.y:04d}"
        span = cal.year_span(c.y)
        rec["value"] = fmt_point(c.y, sub=c.sub) if c.sub else f"{c.y:04d}"
    elif c.d is None:
        rec["value_as_written"] = f"{c.y:04d}-{lm}"
        span = cal.month_span(c.y, c.m, c.leap)
        if span is not None:
            gy, gm = lunisolar.majority_month(*span)
            rec["value"] = f"{gy:04d}-{gm:02d}"
    else:
        rec["value_as_written"] = f"{c.y:04d}-{lm}-{c.d:02d}"
        g = cal.to_gregorian(c.y, c.m, c.d, c.leap)
        if g is None:
            rec["value"] = "XXXX-XX-XX"
            return
        span = (g, g)
        rec["value"] = fmt_point(g.year, g.month, g.day, c.hh, c.mi, c.pod)
    if span is not None:
        rec["earliest"], rec["latest"] = span[0].isoformat(), span[1].isoformat()


def _bare_day(c: Cand) -> bool:
    """4日, 5日早朝: a day with no month or year of its own and no 同/翌 of its own."""
    return c.rel == ("same", "M") and c.y is None and c.m is None and c.d is not None and not c.next_day \
        and "month_word" not in c.extra


def _find(known: list[Known], level: str) -> Known | None:
    for k in reversed(known):
        if _level_ok(k.point, level):
            return k
    return None


def _dct_known(day: dt.date | None) -> Known | None:
    """The document date (given, or read off a date line) as the anchor of a text with no date before."""
    return None if day is None else Known(-1, (day.year, day.month, day.day, None, None))


def _resolve_point(c: Cand, known: list[Known], dct_date) -> tuple[str, int | None]:
    anchor = None
    rel = c.rel
    if c.gran == "decade":
        return f"{c.extra.get('decade', c.y // 10):03d}", None
    if rel and rel[0] == "weekday":
        if dct_date is None or c.extra.get("tense") == "generic":
            return f"XXXX-WXX-{rel[1]}" + (f"T{c.pod}" if c.pod else ""), None
        day = dct_date + dt.timedelta(days=rel[1] - dct_date.isoweekday(), weeks=rel[2])
        direction = c.extra.get("tense")
        if direction == "past" and day > dct_date:  # said on Friday, in a Monday paper: the Friday before
            day -= dt.timedelta(weeks=1)
        elif direction == "future" and day < dct_date:  # will meet on Monday, in a Friday paper
            day += dt.timedelta(weeks=1)
        c.y, c.m, c.d = day.year, day.month, day.day
        return fmt_point(c.y, c.m, c.d, c.hh, c.mi, c.pod), None
    if rel and rel[0] == "same":
        level = rel[1]
        if c.extra.get("strict_day"):  # that night, in the morning: the day just told, or none
            k = (known[-1] if _level_ok(known[-1].point, "D") else None) if known else _dct_known(dct_date)
        else:
            k = _find(known, level) or (None if known else _dct_known(dct_date))
        if k is not None and _level_ok(k.point, level):
            anchor = k.index if k.index >= 0 else None
            ay, am, ad = k.point[0], k.point[1], k.point[2]
            c.y = ay
            if c.lunisolar and not k.lunisolar and level == "Y":
                c.y = lunisolar_year(k.point, ay)  # the 9th day of the 6th month after July 14, 1853
            if not c.lunisolar and c.weekday is None and not c.extra.get("gregorian"):
                # the seven-day week came with the Gregorian calendar: a day written with its weekday
                # (5月3日の月曜日) is not read in the lunisolar calendar of the narrative before it
                c.lunisolar = k.lunisolar
            if level in ("M", "D", "H") and c.m is None:
                c.m, c.leap = am, k.leap
            if level in ("D", "H") and c.d is None:
                c.d = ad
            if level == "H" and c.hh is None:
                c.hh, c.mi = k.point[3], k.point[4]
            if c.next_day and c.d is not None and ad is not None and c.d <= ad:
                if c.lunisolar:
                    nxt = lunisolar.calendar().shift_month(ay, am, k.leap, 1)
                    if nxt is not None:
                        c.y, c.m, c.leap = nxt.year, nxt.month, nxt.leap
                else:
                    r = shift(ay, am, 1, None, None, "M", 1)
                    c.y, c.m = r[0], r[1]
            if c.lunisolar and c.y is not None and c.y > LAST_LUNISOLAR_YEAR:
                c.lunisolar = False
        elif level == "H" or c.rule.startswith("en") and c.y is None and c.m is None and c.hh is None:
            return _unknown(level, c), None  # that day, with no day told before: XXXX-XX-XX
    elif rel and rel[0] in ("shift", "ago", "dct"):
        _, unit, n = rel
        base, base_luni = None, None
        if rel[0] == "dct" or (rel[0] == "ago" and dct_date):
            if dct_date:
                base = (dct_date.year, dct_date.month, dct_date.day, None, None)
        else:
            # the last known date, whatever its precision: 2日後 after 2002年12月 stays 2002-12
            k = known[-1] if known else _dct_known(dct_date)
            if k is not None:
                anchor, base, base_luni = (k.index if k.index >= 0 else None), k.point, k
        if base is None:
            if c.fallback:
                return c.fallback, None
            return _unknown(unit, c), None
        if base_luni is not None and base_luni.lunisolar:
            r = _shift_lunisolar(base_luni, unit, n, c)
            if r is not None:
                return r, anchor
            base = _gregorian_point(base_luni)
            if base is None:
                return _unknown(unit, c), anchor
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
        _to_lunisolar_fields(c, base_luni)
    if c.y is not None and not c.lunisolar and not valid_ymd(c.y, c.m, c.d):
        raise ValueError("not a calendar date")
    if c.m is not None and not valid_ymd(None, c.m, c.d) and not c.lunisolar:
        raise ValueError("not a calendar date")
    if c.sub and c.m is None:
        return fmt_point(c.y, sub=c.sub), anchor
    return fmt_point(c.y, c.m, c.d, c.hh, c.mi, c.pod), anchor


def _gregorian_point(k: Known) -> tuple | None:
    y, m, d, hh, mi = k.point
    if m is None or d is None:
        return None
    g = lunisolar.calendar().to_gregorian(y, m, d, k.leap)
    return None if g is None else (g.year, g.month, g.day, hh, mi)


def _shift_lunisolar(k: Known, unit: str, n: int, c: Cand) -> str | None:
    """翌年 / 翌月 of a lunisolar date count lunisolar years and months (leap months included)."""
    y, m = k.point[0], k.point[1]
    if unit == "Y":
        c.y, c.lunisolar = y + n, y + n <= LAST_LUNISOLAR_YEAR
        if c.m is None:
            c.d = None
            return f"{c.y:04d}"
        return fmt_point(c.y, c.m, c.d, c.hh, c.mi, c.pod)
    if unit == "M" and m is not None:
        nxt = lunisolar.calendar().shift_month(y, m, k.leap, n)
        if nxt is None:
            return None
        c.y, c.m, c.leap, c.lunisolar = nxt.year, nxt.month, nxt.leap, True
        return fmt_point(c.y, c.m, c.d)
    return None


def _to_lunisolar_fields(c: Cand, base: Known | None) -> None:
    """A day counted from a lunisolar date (翌日, 3日後) is written back as a lunisolar date."""
    if base is None or not base.lunisolar or c.d is None or c.m is None:
        return
    try:
        day = dt.date(c.y, c.m, c.d)
    except ValueError:
        return
    r = lunisolar.calendar().from_gregorian(day)
    if r is not None:
        c.y, c.m, c.leap, c.d = r
        c.lunisolar = True


def _unknown(unit: str, c: Cand) -> str:
    if c.type == "TIME" and c.pod:
        return f"XXXX-XX-XXT{c.pod}"
    return {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "H": "XXXX-XX-XXTXX:XX"}.get(unit, "XXXX-XX-XX")
