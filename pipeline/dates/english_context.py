"""English dates that need the words around them: a month or season named alone (in March, the next
spring), parts of the day (that night, Tuesday afternoon, in the morning), lengths of unknown size
(for years), recurrences (every five years), a day and month without a year (17 March), a bare year
before a noun (the 2015 film), and the joins that make one timex of two (about 9:30 p.m. on
16 September 1890, the morning of July 8, two years and five months). English documents only."""
from __future__ import annotations

import re

from .english_patterns import (
    BARE_MONTH,
    BARE_SEASON,
    DM,
    DURATION_GLUE,
    EN,
    EVERY_N,
    FOR_UNITS,
    LUNI_M,
    LUNI_MD,
    MONTH_OF_YEAR,
    MONTHS,
    ORDW,
    POD_ANAPHORIC,
    POD_BARE,
    POD_DEICTIC,
    POD_OF,
    YEAR_NOUN,
)
from .model import Cand
from .numerals import WORD_NUMBERS
from .values import valid_ymd

GREGORIAN = {"gregorian": True}
PODS = EN["parts_of_day"]
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_MONTH_MODES = {"": "bare", "that": "year:that", "the same": "year:that", "last": "last", "next": "next", "this": "this",
                "the following": "following", "the next": "following", "the previous": "previous",
                "the preceding": "previous", "the": "bare"}
_MONTH_BEFORE = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November"
                           r"|December)(?: [0-9]{1,2}(?:st|nd|rd|th)?)?,? $")
# what may follow a season named alone: punctuation, the end, a clause (in the spring, the army ...)
_SEASON_AFTER = re.compile(r"[,.;:)!?—–]|\s*$| (?:and|or|when|as|the|a|an|he|she|they|it|we|his|her|their|its|there"
                           r"|on|at|in|to|until|before|after|with|while|[A-Z0-9])(?![A-Za-z])| [A-Z0-9]")
# before 17 March / 3 May: a preposition, a comma or bracket, a dash, the start of a line
_DAY_MONTH_BEFORE = re.compile(r"(?:^|[,(–—\-]|\b(?:on|by|from|until|till|since|to|and|of|before|after|between"
                               r"|On|By|From|Until|Since|Between|Before|After))[ ]*$", re.MULTILINE)
_NAME_AFTER = re.compile(r" [A-Z][a-z]")
_TIME_PREPS = frozenset(("in", "during", "until", "till", "early in", "late in", "through", "throughout"))
_EVENT_AFTER = re.compile(r" [A-Za-z0-9]")
_FUNCTION_WORDS = frozenset(("of", "and", "or", "to", "in", "on", "at", "for", "by", "with", "from", "as", "is",
                             "was", "were", "are", "be", "that", "which", "who", "than"))
_UNIT_ORDER = ["Y", "M", "W", "D", "TH", "TM", "TS"]
_WEEKS = _UNIT_ORDER.index("W")


def weekday_in_name(text: str, m: re.Match) -> bool:
    """The Sunday Times, Bloody Sunday, Black Tuesday: a weekday inside a name."""
    before = text[max(0, m.start() - 12):m.start()].split()
    if before and before[-1].lower() in EN["weekday_name_before"] and before[-1][:1].isupper():
        return True
    after = text[m.end():m.end() + 14]
    word = re.match(r" ([A-Z][a-z]+(?: [A-Z][a-z]+)?)", after)
    return bool(word) and (word.group(1).lower() in EN["weekday_name_after"]
                           or word.group(1).split()[0].lower() in EN["weekday_name_after"])


def event_follows(text: str, pos: int) -> bool:
    """20 days before deciding, two days after the attack: before/after leads to an event (or a date of its
    own), so the number and unit are a length, not a point counted from the last date."""
    return _EVENT_AFTER.match(text, pos) is not None


def _months(text: str, out: list[Cand]) -> None:
    for m in BARE_MONTH.finditer(text):
        ctx, rel, pre = ((m[g] or "").lower() for g in ("ctx", "rel", "pre"))
        if ctx in ("and", "or", "to"):
            if rel or pre or not _MONTH_BEFORE.search(text[max(0, m.start() - 25):m.start()]):
                continue  # only the second of two months: from January to March
        elif not (ctx or rel or pre):
            continue
        if m["mon"] == "May" and not (rel or pre) and ctx not in EN["may_context"]:
            continue  # since May took office: a name
        if m["mon"] in EN["month_given_names"] and not (rel or pre) and ctx not in _TIME_PREPS \
                and _NAME_AFTER.match(text, m.end()):
            continue  # founded by April Smith: a given name
        extra = {"gregorian": True, "past": ctx == "since"}  # since February: a month already past
        out.append(Cand(m.start("span"), m.end("span"), m=MONTHS[m["mon"].lower()], rel=("month", _MONTH_MODES[rel]),
                        mod=EN["mod_prefix"].get(pre, ""), rule="en-month", prio=1, extra=extra))
    for m in MONTH_OF_YEAR.finditer(text):  # March last year, July 23 of that year: the year word is in the span
        yrel = {"the next": "the following", "the preceding": "the previous", "the same": "that"}.get(
            m["yrel"].lower(), m["yrel"].lower()).removeprefix("the ")
        out.append(Cand(m.start(), m.end(), m=MONTHS[m["mon"].lower()], d=int(m["d"]) if m["d"] else None,
                        rel=("month", "year:" + yrel), rule="en-month", prio=3, extra={"gregorian": True}))
    for m in BARE_SEASON.finditer(text):
        ctx, rel, pre, s = ((m[g] or "").lower() for g in ("ctx", "rel", "pre", "s"))
        if (rel == "the" and not ctx) or (not rel and not (ctx and pre)) or not _SEASON_AFTER.match(text, m.end()):
            continue
        if s == "fall" and rel not in ("the", "last", "next", "the following", "the next", "the previous"):
            continue  # that fall, in fall: too often the other fall
        sub = EN["seasons"][s]
        out.append(Cand(m.start("span"), m.end("span"), sub=sub, rel=("month", _MONTH_MODES[rel]),
                        mod=EN["mod_prefix"].get(pre, ""), rule="en-month", prio=1,
                        extra={"season_month": SEASON_START[sub]}))


def _parts_of_day(text: str, out: list[Cand]) -> None:
    for m in POD_DEICTIC.finditer(text):
        dw, pod = m["dw"].lower(), m["pod"].lower()
        if dw == "last" and pod not in ("night", "evening"):
            continue  # last morning: no
        n = {"yesterday": -1, "tomorrow": 1, "this": 0, "last": -1}[dw]
        out.append(Cand(m.start(), m.end(), type="TIME", pod=PODS[pod], rel=("dct", "D", n), rule="en-word", prio=1))
    for m in POD_ANAPHORIC.finditer(text):
        if m["pod3"] and event_follows(text, m.end()):
            continue  # the morning after the election: the event's morning, not the next day's
        if text[m.start()].islower() and not _SEASON_AFTER.match(text, m.end()):
            continue  # that night club, the same morning paper (That night soldiers ... opens a sentence)
        pod = (m["pod"] or m["pod2"] or m["pod3"]).lower()
        aw = (m["aw"] or "").lower()
        if m["pod2"]:
            rel = ("shift", "D", -1)
        elif m["pod3"]:
            rel = ("shift", "D", 1)
        elif aw in ("that", "the same"):
            rel = ("same", "D")
        else:
            rel = ("shift", "D", 1 if aw in ("the next", "the following") else -1)
        out.append(Cand(m.start(), m.end(), type="TIME", pod=PODS[pod], rel=rel, rule="en-word", prio=1,
                        extra={"strict_day": True}))
    for m in POD_BARE.finditer(text):
        if not _SEASON_AFTER.match(text, m.end()):
            continue  # during the night shift, in the evening sun
        out.append(Cand(m.start("span"), m.end("span"), type="TIME", pod=PODS[m["pod"].lower()], rel=("same", "D"),
                        rule="en-word", extra={"strict_day": True}))


def _lengths(text: str, out: list[Cand]) -> None:
    units = EN["units"]
    for m in EVERY_N.finditer(text):
        n = m["n"].lower()
        num = n if n[0].isdigit() else ("2" if n == "other" else str(WORD_NUMBERS.get(n, "")))
        unit = units[m["unit"].lower()]
        if not num:
            continue
        out.append(Cand(m.start(), m.end(), type="SET", value=f"PT{num}{unit[1]}" if unit.startswith("T")
                        else f"P{num}{unit}", rule="en", prio=2))
    for m in FOR_UNITS.finditer(text):
        unit = units[m["u"].lower()]
        out.append(Cand(m.start("u"), m.end("u"), type="DURATION",
                        value=f"PTX{unit[1]}" if unit.startswith("T") else f"PX{unit}", rule="en-dur"))


def _days_and_years(text: str, out: list[Cand]) -> None:
    for m in DM.finditer(text):
        mo, d = MONTHS[m["mon"].rstrip(".").lower()], int(m["d"])
        if not valid_ymd(None, mo, d):
            continue
        if m["mon"] in ("May", "March") and not _DAY_MONTH_BEFORE.search(text[max(0, m.start() - 10):m.start()]):
            continue
        out.append(Cand(m.start(), m.end(), m=mo, d=d, rel=("month", "bare"), rule="en", prio=1, extra=dict(GREGORIAN)))
    for m in YEAR_NOUN.finditer(text):
        n = m["n"]
        if n in EN["year_noun_not_after"] or n in _FUNCTION_WORDS or (n.endswith("s") and n not in EN["year_noun_plural_ok"]):
            continue  # the 2000 troops, the 1500 yen: counts
        out.append(Cand(m.start("y"), m.end("y"), y=int(m["y"]), rule="en-year"))
    for m in LUNI_MD.finditer(text):
        mo, dd = _ordinal(m["mo"]), _ordinal(m["dd"])
        if mo is None or dd is None or not (1 <= mo <= 12 and 1 <= dd <= 30):
            continue
        out.append(Cand(m.start(), m.end(), m=mo, d=dd, leap=bool(m["leap"]), lunisolar=True, rel=("same", "Y"),
                        rule="en-era", prio=2))
    eras = [c.start for c in out if c.rule == "en-era" and c.lunisolar]
    for m in LUNI_M.finditer(text):
        mo = _ordinal(m["mo"])
        if mo is None or not 1 <= mo <= 12 or not any(p < m.start() for p in eras):
            continue  # the 9th month of a pregnancy: only where the text has dated by eras before
        shift = 1 if m["of"] and re.search(r"following|next", m["of"]) else -1 if m["of"] and "previous" in m["of"] else 0
        out.append(Cand(m.start(), m.end(), m=mo, leap=bool(m["leap"]), lunisolar=True,
                        rel=("shift", "Y", shift) if shift else ("same", "Y"), rule="en-era", prio=2 if m["of"] else 1))


def _ordinal(s: str) -> int | None:
    s = s.lower()
    return ORDW.get(s) or (int(re.sub(r"\D", "", s)) if s[:1].isdigit() else None)


def _joins(text: str, out: list[Cand]) -> None:
    """One timex of a clock time or part of the day and the date after it (about 9:30 p.m. on 16 September
    1890, the morning of July 8), and of the parts of one length (two years and five months)."""
    dates: dict[int, Cand] = {}
    for c in out:
        if c.type == "DATE" and c.m is not None and c.d is not None and c.rule.startswith("en") \
                and (c.rel is None or c.rel == ("month", "bare")) and c.weekday is None \
                and (c.start not in dates or c.length > dates[c.start].length):
            dates[c.start] = c
    weekdays = {c.start: c for c in out if c.rule == "en-weekday" and c.pod is None}  # 4:07 a.m. on Tuesday
    joined = []
    for c in out:
        if c.rule != "en-clock":
            continue
        for sep in (" on ", ", on "):
            at = c.end + len(sep)
            d = dates.get(at) or weekdays.get(at) if text.startswith(sep, c.end) else None
            if d is not None:
                joined.append(_with_date(c.start, c, d))
                break
    for m in POD_OF.finditer(text):
        d = dates.get(m.end())
        if d is not None:
            pod = Cand(m.start(), m.end(), type="TIME", pod=PODS[m["pod"].lower()])
            joined.append(_with_date(m.start(), pod, d))
    out += joined
    _range_years(text, out, dates)
    lengths = sorted((c for c in out if c.rule == "en-dur" and c.value and "X" not in c.value), key=lambda c: c.start)
    i = 0
    while i < len(lengths):
        j = i
        while j + 1 < len(lengths) and DURATION_GLUE.fullmatch(text, lengths[j].end, lengths[j + 1].start) \
                and not lengths[j + 1].mod and _unit_rank(lengths[j + 1]) > _unit_rank(lengths[j]) \
                and _WEEKS not in (_unit_rank(lengths[j]), _unit_rank(lengths[j + 1])):  # P2Y3W is no ISO length
            j += 1
        if j > i:
            out.append(_sum_lengths(lengths[i:j + 1]))
        i = j + 1


_RANGE_TO = re.compile(r" (?:to|until|till|through|and) |[ ]?[–\-][ ]?")


def _range_years(text: str, out: list[Cand], dates: dict[int, Cand]) -> None:
    """from January to March 1946, June 5 to July 7, 1942: the first month takes the year of the second
    (the year before when its month comes later: December to March 1946)."""
    ends = {}
    for c in out:
        if c.y is not None and c.m is not None and c.rel is None and c.rule.startswith("en") \
                and (c.start not in ends or c.length > ends[c.start].length):
            ends[c.start] = c
    for c in out:
        if c.rel != ("month", "bare") or c.m is None:
            continue
        m = _RANGE_TO.match(text, c.end)
        partner = ends.get(m.end()) if m else None
        if partner is not None:
            c.y, c.rel = partner.y - (1 if c.m > partner.m else 0), None


def _with_date(start: int, time: Cand, d: Cand) -> Cand:
    return Cand(start, d.end, type="TIME", y=d.y, m=d.m, d=d.d, hh=time.hh, mi=time.mi, pod=time.pod,
                weekday=d.weekday, rel=d.rel, mod=time.mod or d.mod, rule="en", prio=3, extra=dict(d.extra))


_PART = re.compile(r"P(T?)([0-9.]+)([A-Z]+)")


def _unit_rank(c: Cand) -> int:
    m = _PART.fullmatch(c.value or "")
    if not m:
        return -1
    unit = ("T" + m.group(3)) if m.group(1) else m.group(3)
    return _UNIT_ORDER.index(unit) if unit in _UNIT_ORDER else -1


def _sum_lengths(parts: list[Cand]) -> Cand:
    date, time = "", ""
    for c in parts:
        t, n, u = _PART.fullmatch(c.value).groups()
        if t:
            time += n + u
        else:
            date += n + u
    value = "P" + date + ("T" + time if time else "")
    return Cand(parts[0].start, parts[-1].end, type="DURATION", value=value, mod=parts[0].mod, rule="en-dur", prio=2)


def tag(text: str, out: list[Cand]) -> None:
    _months(text, out)
    _parts_of_day(text, out)
    _lengths(text, out)
    _days_and_years(text, out)
    _joins(text, out)
