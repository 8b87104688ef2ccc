"""TIMEX3 value strings: formatting, calendar arithmetic and day intervals."""
from __future__ import annotations

import calendar
import datetime as dt
import re

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def fmt_point(y=None, m=None, d=None, hh=None, mi=None, pod=None, sub=None) -> str:
    """Format calendar fields as a TIMEX3 value; unknown leading parts become X."""
    ys = "XXXX" if y is None else f"{y:04d}"
    if sub and m is None:
        out = f"{ys}-{sub}"
    else:
        out = ys
        if m is not None or d is not None:
            out += "-XX" if m is None else f"-{m:02d}"
        if d is not None:
            out += f"-{d:02d}"
    if hh == 24 and y is not None and m is not None and d is not None and (mi or 0) == 0:
        nxt = dt.date(y, m, d) + dt.timedelta(days=1)  # 24時 is the next day's 00:00
        return fmt_point(nxt.year, nxt.month, nxt.day, 0, 0)
    if hh is not None or pod is not None:
        if d is None:
            out = (ys + "-XX-XX") if m is None else (out + "-XX")
        if hh is not None:
            out += f"T{hh:02d}:{(mi or 0):02d}"
        else:
            out += f"T{pod}"
    return out


def valid_ymd(y, m, d) -> bool:
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None:
        if not 1 <= d <= 31:
            return False
        if y is not None and m is not None:
            if not 1 <= y <= 9999:
                return False
            return d <= calendar.monthrange(y, m)[1]
        if m is not None:
            return d <= (29 if m == 2 else calendar.monthrange(2001, m)[1])
    return True


def shift(y, m, d, hh, mi, unit: str, n: int):
    """Move a partial point by n units; returns the new (y, m, d, hh, mi) at the precision available."""
    if y is None:
        return None
    if unit == "Y":
        return (y + n, m, d, hh, mi)
    if unit == "M" or (unit in ("D", "W") and d is None):
        if m is None:
            return (y, None, None, None, None)
        if unit != "M":  # days from a month-level anchor: stay at month level
            return (y, m, None, None, None)
        k = y * 12 + (m - 1) + n
        ny, nm = divmod(k, 12)
        nd = None if d is None else min(d, calendar.monthrange(ny, nm + 1)[1])
        return (ny, nm + 1, nd, None, None)
    base = dt.datetime(y, m, d, hh or 0, mi or 0)
    if unit == "D":
        t = base + dt.timedelta(days=n)
        return (t.year, t.month, t.day, None, None)
    if unit == "W":
        t = base + dt.timedelta(weeks=n)
        return (t.year, t.month, t.day, None, None)
    if unit in ("H", "MI"):
        if hh is None:
            return (y, m, d, None, None)
        t = base + (dt.timedelta(hours=n) if unit == "H" else dt.timedelta(minutes=n))
        return (t.year, t.month, t.day, t.hour, t.minute)
    return None


def iso_week(y, m, d) -> str:
    iy, iw, _ = dt.date(y, m, d).isocalendar()
    return f"{iy:04d}-W{iw:02d}"


_RE_YMD = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?$")
_RE_SUB = re.compile(r"^(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12]|W\d{2})$")


def _d(y, m, d) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}"


def interval(value: str) -> tuple[str, str]:
    """The first and last day a DATE/TIME value covers ('' when not a calendar point)."""
    try:
        if not value or "X" in value or "REF" in value or value.startswith(("P", "BC")):
            return "", ""
        if re.fullmatch(r"\d{3}", value):  # decade
            y = int(value) * 10
            return _d(max(y, 1), 1, 1), _d(y + 9, 12, 31)
        if re.fullmatch(r"\d{2}", value):  # century: 18 = the 1800s
            y = int(value) * 100
            return _d(max(y, 1), 1, 1), _d(y + 99, 12, 31)
        m = _RE_SUB.match(value)
        if m:
            y, s = int(m.group(1)), m.group(2)
            if s in SEASON_MONTHS:
                a, b = SEASON_MONTHS[s]
                yb = y + 1 if b < a else y
                return _d(y, a, 1), _d(yb, b, calendar.monthrange(yb, b)[1])
            if s[0] == "Q":
                q = int(s[1])
                a, b = 3 * q - 2, 3 * q
                return _d(y, a, 1), _d(y, b, calendar.monthrange(y, b)[1])
            if s[0] == "H":
                a, b = (1, 6) if s == "H1" else (7, 12)
                return _d(y, a, 1), _d(y, b, calendar.monthrange(y, b)[1])
            w = int(s[1:])
            first = dt.date.fromisocalendar(y, w, 1)
            last = first + dt.timedelta(days=6)
            return first.isoformat(), last.isoformat()
        m = _RE_YMD.match(value)
        if not m:
            return "", ""
        y = int(m.group(1))
        if y < 1:
            return "", ""
        if m.group(3):
            mo, d = int(m.group(2)), int(m.group(3))
            return _d(y, mo, d), _d(y, mo, d)
        if m.group(2):
            mo = int(m.group(2))
            return _d(y, mo, 1), _d(y, mo, calendar.monthrange(y, mo)[1])
        return _d(y, 1, 1), _d(y, 12, 31)
    except (ValueError, OverflowError):
        return "", ""
