"""English dates and times, in English documents and in English fragments of Japanese ones.

Patterns are ours (month names, numeric forms); dateparser is only used in the tests
to cross-check the readings.
"""
from __future__ import annotations

import re

from . import english_context, lexicon, tense
from .english_patterns import (
    BC_YEAR,
    CENTURY,
    CLOCK,
    DECADE,
    DM_RANGE,
    DMY,
    DURATION,
    EN,
    ERA_DATE,
    ISO,
    MD,
    MD_RANGE,
    MDY,
    MONTHS,
    MY,
    ORDW,
    PRE_MOD,
    QUARTER_EN,
    SEASON,
    SIGNAL_BEFORE,
    TODAY_AT,
    US,
    WEEKDAY,
    WEEKDAYS_EN,
    WORDS,
    YEAR,
    YEAR_RANGE,
)
from .model import Cand
from .numerals import WORD_NUMBERS
from .values import valid_ymd

GREGORIAN = {"gregorian": True}  # an English month name is a Gregorian month, whatever the narrative's calendar


def _ordinal(s: str | None) -> int | None:
    if not s:
        return None
    s = s.lower()
    return ORDW.get(s) or (int(re.sub(r"\D", "", s)) if re.match(r"[0-9]", s) else None)


def _mon(s: str) -> int:
    return MONTHS[s.rstrip(".").lower()]


def _mod(m) -> str:
    p = m.groupdict().get("pre")
    return PRE_MOD.get(p.lower(), "") if p else ""


def tag(text: str, lang: str) -> list[Cand]:
    out: list[Cand] = []
    for m in MDY.finditer(text):
        out.append(Cand(m.start(), m.end(), y=int(m["y"]), m=_mon(m["mon"]), d=int(m["d"]), mod=_mod(m),
                        rule="en", prio=2, extra=dict(GREGORIAN)))
    for m in DMY.finditer(text):
        out.append(Cand(m.start(), m.end(), y=int(m["y"]), m=_mon(m["mon"]), d=int(m["d"]), mod=_mod(m),
                        rule="en", prio=2, extra=dict(GREGORIAN)))
    for m in MY.finditer(text):
        out.append(Cand(m.start(), m.end(), y=int(m["y"]), m=_mon(m["mon"]), mod=_mod(m), rule="en", prio=2,
                        extra=dict(GREGORIAN)))
    for m in MD.finditer(text):
        if m["mon"] in ("May", "March") and lang != "en":
            continue
        out.append(Cand(m.start(), m.end(), m=_mon(m["mon"]), d=int(m["d"]), rel=("month", "bare"), rule="en",
                        extra=dict(GREGORIAN)))
    for m in MD_RANGE.finditer(text):  # June 14 to 27, 1861: the second end, and the first with the year
        y = int(m["y"]) if m["y"] else None
        mon = _mon(m["mon"])
        out.append(Cand(m.start(), m.end("d1"), y=y, m=mon, d=int(m["d1"]), rel=None if y else ("month", "bare"),
                        rule="en", prio=3, extra=dict(GREGORIAN)))
        out.append(Cand(m.start("d2"), m.end(), y=y, m=mon, d=int(m["d2"]), rel=None if y else ("month", "bare"),
                        rule="en", prio=3, extra=dict(GREGORIAN)))
    for m in DM_RANGE.finditer(text):  # 27–28 November 1974: the first end takes the month and year
        y = int(m["y"]) if m["y"] else None
        mon = _mon(m["mon"])
        out.append(Cand(m.start("d1"), m.end("d1"), y=y, m=mon, d=int(m["d1"]), rel=None if y else ("month", "bare"),
                        rule="en", prio=3, extra=dict(GREGORIAN)))
    for m in ISO.finditer(text):
        if not valid_ymd(int(m["y"]), int(m["m"]), int(m["d"])):
            continue
        out.append(Cand(m.start(), m.end(), y=int(m["y"]), m=int(m["m"]), d=int(m["d"]), rule="numeric", prio=2))
    for m in US.finditer(text):
        y = int(m["y"])
        if not valid_ymd(y if len(m["y"]) == 4 else None, int(m["m"]), int(m["d"])):
            continue
        c = Cand(m.start(), m.end(), y=y, m=int(m["m"]), d=int(m["d"]), yy2=len(m["y"]) == 2, rule="numeric")
        out.append(c)
    for m in WEEKDAY.finditer(text):
        k = WEEKDAYS_EN.index(m["wd"].lower()) + 1
        rel = (m["rel"] or "").lower()
        if rel == "every":
            out.append(Cand(m.start(), m.end(), type="SET", value=f"XXXX-WXX-{k}", rule="en", prio=2))
            continue
        if english_context.weekday_in_name(text, m):
            continue  # the Sunday Times, Bloody Sunday
        weeks = {"next": 1, "last": -1}.get(rel, 0)
        pod = EN["parts_of_day"][m["pod"].lower()] if m["pod"] else None
        c = Cand(m.start(), m.end(), type="TIME" if pod else "DATE", weekday=k, pod=pod,
                 rel=("weekday", k, weeks), rule="en-weekday", prio=1)
        if not rel:
            c.extra["tense"] = tense.english(text, m.start(), m.end())
        out.append(c)
    for m in QUARTER_EN.finditer(text):
        n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}[m["o"].lower()]
        if m["k"].lower() == "half" and n > 2:
            continue
        sub = f"Q{n}" if m["k"].lower() == "quarter" else f"H{n}"
        out.append(Cand(m.start(), m.end(), y=int(m["y"]), sub=sub, rule="en", prio=2))
    for m in ERA_DATE.finditer(text):
        name = lexicon.eras_by_romaji().get(lexicon.romaji_key(m["era1"] or m["era2"]))
        n = _ordinal(m["yo"]) if m["era1"] else int(m["n"])
        era = lexicon.eras().get(name) if name else None
        if era is None or not n:
            continue
        y = era.first_year + n - 1
        if era.last_year is not None and y > era.last_year:
            continue
        mo, dd = _ordinal(m["mo"] or m["mo2"]), _ordinal(m["dd"] or m["dd2"])
        if (mo is not None and not 1 <= mo <= 12) or (dd is not None and not 1 <= dd <= 30):
            continue
        out.append(Cand(m.start(), m.end(), y=y, m=mo, d=dd, leap=bool(m["leap"] or m["leap2"]),
                        lunisolar=y <= 1872, rule="en-era", prio=3))
    for m in BC_YEAR.finditer(text):
        out.append(Cand(m.start(), m.end(), value=f"BC{int(m['y']):04d}", rule="en", prio=2))
    for m in YEAR_RANGE.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if len(m["b"]) == 2:
            b = a // 100 * 100 + b
        if not a < b <= a + 200:
            continue
        out.append(Cand(m.start("a"), m.end("a"), y=a, rule="en-range", prio=1))
        out.append(Cand(m.start("b"), m.end("b"), y=b, rule="en-range", prio=1))
    if lang != "en":
        return out
    for m in YEAR.finditer(text):
        out.append(Cand(m.start("pre") if m["pre"] else m.start("y"), m.end(), y=int(m["y"]), mod=_mod(m),
                        rule="en-year"))
    for m in DECADE.finditer(text):
        if m["y"]:
            y = int(m["y"])
            c = Cand(m.start(), m.end(), y=y, gran="decade", mod=_mod(m), rule="en-decade", prio=1)  # the 1860s
        elif m["yy"]:
            c = Cand(m.start(), m.end(), y=int(m["yy"]), yy2=True, gran="decade", mod=_mod(m), rule="en-decade")
        else:
            continue
        out.append(c)
    for m in CENTURY.finditer(text):
        cs = m["c"].lower()
        n = ORDW.get(cs) or int(re.sub(r"\D", "", cs) or 0)
        if not n:
            continue
        # the 19th century (a noun phrase of its own) keeps its "the"; the 13th-century father does not
        start = m.start() if m["pre"] or (m["the"] and m["sep"] == " ") else m.start("c")
        out.append(Cand(start, m.end(), value=f"{n - 1:02d}", gran="century", mod=_mod(m), rule="en", prio=1))
    for m in SEASON.finditer(text):
        out.append(Cand(m.start() if m["pre"] or m["the"] else m.start("s"), m.end(), y=int(m["y"]),
                        sub=EN["seasons"][m["s"].lower()], mod=_mod(m),
                        rule="en", prio=1))
    for m in DURATION.finditer(text):
        n = m["n"].lower()
        unit = EN["units"][m["unit"].lower()]
        num = n if n[0].isdigit() else ("X" if n in EN["vague"] else str(WORD_NUMBERS[n]))
        if m["rel"] and m["rel"].strip().lower() in ("before", "after") and english_context.event_follows(text, m.end()):
            pass  # 20 days before deciding: a length before an event, not a point
        elif m["rel"]:
            rel = {"beforehand": "before", "afterwards": "after", "afterward": "after"}.get(
                m["rel"].strip().lower(), m["rel"].strip().lower())
            if num == "X":
                val = "PAST_REF" if rel in ("ago", "earlier", "before") else "FUTURE_REF"
                out.append(Cand(m.start("n"), m.end(), value=val, rule="en-rel", prio=2))
                continue
            runit = {"Y": "Y", "M": "M", "W": "W", "D": "D", "TH": "H", "TM": "MI"}.get(unit)
            if runit is None or "." in num:
                continue
            k = int(num)
            r = ("ago", runit, -k) if rel == "ago" else ("shift", runit, k if rel in ("later", "after") else -k)
            out.append(Cand(m.start("n"), m.end(), rel=r, type="TIME" if runit in ("H", "MI") else "DATE",
                            rule="en-rel", prio=2))
            continue
        if n in ("a", "an") and unit not in ("Y", "M", "W", "D", "DE", "CE"):
            continue
        if m["half"] and num != "X":  # three and a half days: P3.5D
            num = f"{float(num) + 0.5:g}"
        val = f"PT{num}{unit[1]}" if unit.startswith("T") else f"P{num}{unit}"
        c = Cand(m.start(), m.end("unit"), type="DURATION", value=val, rule="en-dur")
        if m["pre"]:
            c.mod = "APPROX"
        out.append(c)
    for m in CLOCK.finditer(text):
        h = int(m["h"] or m["h2"])
        mi = int(m["mi"] or m["mi2"] or 0)
        ap = (m["ap"] or "").lower().replace(".", "")
        if h > 24 or (ap and h > 12):
            continue
        if ap == "pm" and h < 12:
            h += 12
        if ap == "am" and h == 12:
            h = 0
        out.append(Cand(m.start(), m.end(), type="TIME", hh=h, mi=mi, rel=("same", "D"), mod=_mod(m),
                        rule="en-clock"))
    for m in WORDS.finditer(text):
        w = m["w"].lower()
        c = Cand(m.start(), m.end(), rule="en-word", mod={"early": "START", "late": "END"}.get((m["el"] or "").lower(), ""))
        if w in EN["deictic"]:
            spec = EN["deictic"][w]
            c.rel = ("dct", spec[0], spec[1])
            if len(spec) == 3:
                c.pod, c.type = spec[2], "TIME"
            if w == "today":  # alone, the present (as 今日, guidelines v1.2); with a clock time, the document's day
                c.fallback = "PRESENT_REF"
                if not TODAY_AT.match(text, m.end()):
                    c.rel, c.value = None, "PRESENT_REF"
        elif w in EN["anaphoric"]:
            spec = EN["anaphoric"][w]
            c.rel = ("same", spec[1]) if spec[0] == "same" else ("shift", spec[1], spec[2])
        elif w in EN["refs"]:
            c.value = EN["refs"][w]
        else:
            c.type, c.value = "SET", EN["sets"][w]
        out.append(c)
    english_context.tag(text, out)
    return out


def signal_mod(text: str, start: int) -> str:
    """before/after/until ... right before an English date (kept outside the span)."""
    m = SIGNAL_BEFORE.search(text, max(0, start - 12), start)
    return EN["mod_before"].get(m.group(0).strip().lower(), "") if m else ""


_RANGE_GAP = re.compile(r" (?:until|till|to|through|and) ", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:from|between) $", re.IGNORECASE)


def range_end(text: str, prev: Cand, c: Cand) -> bool:
    """from July 1972 until December 1974: the end of a range, not "before December 1974"."""
    return _RANGE_GAP.fullmatch(text, prev.end, c.start) is not None \
        and _RANGE_OPEN.search(text, max(0, prev.start - 8), prev.start) is not None

