"""The candidate record shared by the taggers, filters and the resolver."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cand:
    """A temporal expression found in the normalized view, before resolution.

    Calendar fields left as None are unknown; `rel` says how to fill them:
      ("same", level)            take the anchor's fields down to level (Y/M/D)
      ("shift", unit, n)         the anchor moved by n units (Y/M/W/D/H/MI)
      ("dct", unit, n)           the document creation date moved by n units
      ("ago", unit, n)           n units before dct (or before the anchor when there is no dct)
    """

    start: int
    end: int
    type: str = "DATE"
    value: str | None = None  # set directly for durations, sets, *_REF
    mod: str = ""
    y: int | None = None
    m: int | None = None
    d: int | None = None
    hh: int | None = None
    mi: int | None = None
    pod: str | None = None  # MO/MI/AF/EV/NI
    sub: str | None = None  # season SP/SU/FA/WI, quarter Q1.., half H1/H2, week W07
    gran: str = ""  # decade / century when value is not a calendar point
    rel: tuple | None = None
    yy2: bool = False  # a two-digit year to be placed in a century from context
    next_day: bool = False  # 翌28日: day of the anchor's month, or of the month after
    fallback: str | None = None  # value when unresolvable (e.g. PRESENT_REF for 今日 without dct)
    lunisolar: bool = False  # y/m/d are a lunisolar date (an era year before 明治6年, or 旧暦)
    leap: bool = False  # the month is a leap month (閏)
    weekday: int | None = None  # ISO weekday (1 = Monday) written with or instead of a date
    span: tuple[int, int] | None = None  # exact (first, last) years when the value is coarser (昭和30年代)
    prio: int = 0
    rule: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class Known:
    """A resolved calendar point that later anaphora may take as their anchor."""

    index: int
    point: tuple  # (y, m, d, hh, mi) in the calendar it was written in
    lunisolar: bool = False
    leap: bool = False
    aside_until: int | None = None  # the end of the background section it lies in (see background_sections)
