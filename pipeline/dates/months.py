"""Months and seasons named without a year (English): in March, last February, the following January,
the next spring, On February 4 in a news story. Which year they are in depends on the word before them,
on the narrative and, in news, on the date line."""
from __future__ import annotations

import datetime as dt

from . import lexicon, lunisolar, tense
from .model import Cand, Known
from .values import fmt_point

EN = lexicon.en()


def lunisolar_year(point: tuple, year: int) -> int:
    """The lunisolar year holding a Gregorian day (its January and February days may still be in the year
    before); the year as it is when the point has no day."""
    y, m, d = point[0], point[1], point[2]
    if None in (y, m, d):
        return year
    try:
        r = lunisolar.calendar().from_gregorian(dt.date(y, m, d))
    except ValueError:
        return year
    return r[0] if r is not None else year


def _gregorian(k: Known) -> tuple[int, int | None]:
    """(year, month) of a known point in the Gregorian calendar (a lunisolar day converted)."""
    y, m, d = k.point[0], k.point[1], k.point[2]
    if k.lunisolar and m is not None and d is not None:
        g = lunisolar.calendar().to_gregorian(y, m, d, k.leap)
        if g is not None:
            return g.year, g.month
        return y, None
    return y, (None if k.lunisolar else m)


def same_sentence(cands: list[Cand], known: list[Known], c: Cand, text: str) -> bool:
    """Was the last known date told in the sentence of c?"""
    if not known or known[-1].index < 0 or not text:
        return False
    return cands[known[-1].index].end > tense.sentence_start(text, c.start)


def month_point(c: Cand, known: list[Known], dct_date: dt.date | None, news: bool = False,
                same_sentence: bool = False, text: str = "") -> tuple[str, int | None]:
    """The year of a month (or season) named alone; the year stays X where nothing fixes it."""
    mode = c.rel[1]
    month = c.m if c.m is not None else c.extra.get("season_month", 1)
    day = c.d
    last = next((k for k in reversed(known) if k.point[0] is not None), None)
    y, anchor = None, None
    if mode.startswith("year:"):  # March last year, that summer, June the following year
        word = mode[5:]
        offset = {"last": -1, "next": 1, "following": 1, "previous": -1}.get(word, 0)
        if word in ("last", "this", "next") and dct_date is not None:
            y = dct_date.year + offset
        elif last is not None:
            y = _gregorian(last)[0] + offset
            anchor = last.index if last.index >= 0 else None
    elif mode in ("last", "next", "this") or (mode in ("following", "previous") and last is None):
        if dct_date is not None:
            ref_y, ref_m = dct_date.year, dct_date.month
        elif last is not None and mode in ("following", "previous"):
            ref_y, ref_m = _gregorian(last)
            anchor = last.index if last.index >= 0 else None
        else:
            ref_y = ref_m = None
        mode = {"following": "next", "previous": "last"}.get(mode, mode)
        if ref_y is not None and ref_m is not None:
            y = {"last": ref_y if month < ref_m else ref_y - 1, "next": ref_y if month > ref_m else ref_y + 1,
                 "this": ref_y}[mode]
        elif ref_y is not None and mode == "this":
            y = ref_y
    elif mode in ("following", "previous"):
        ref_y, ref_m = _gregorian(last)
        anchor = last.index if last.index >= 0 else None
        if ref_m is None:
            y = ref_y + (1 if mode == "following" else -1)
        elif mode == "following":
            y = ref_y if month > ref_m else ref_y + 1
        else:
            y = ref_y if month < ref_m else ref_y - 1
    else:  # named alone: the narrative's year; in news, the date line's (the latest such month)
        past = c.extra.get("past", False)
        if dct_date is not None and (last is None or past or (news and not same_sentence)):
            if (month, day or 0) <= (dct_date.month, dct_date.day):
                y = dct_date.year
            elif past:
                y = dct_date.year - 1  # since September, in a July story: last September
            elif tense.future_before(text, c.start):
                y = dct_date.year
        elif last is not None:
            y, ref_m = _gregorian(last)
            anchor = last.index if last.index >= 0 else None
            if ref_m is not None and month < ref_m:
                y = anchor = None  # in January after October 5, 1614: the next year, or a look back? unknown
    c.y = y
    if y is None:
        anchor = None
    if c.sub:
        return fmt_point(y, sub=c.sub), anchor
    return fmt_point(y, c.m, c.d, c.hh, c.mi, c.pod), anchor
