"""Japanese text -> candidate spans: each pattern of patterns.py paired with the handler that reads its groups
(ja-timex's Pattern(regex, parse_func)); the handlers live in absolute.py, relative.py and durations.py.
No resolution here: the resolver turns candidates into TIMEX3 values."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import absolute, durations, patterns, relative
from .model import Cand


@dataclass(frozen=True)
class Pattern:
    """A compiled regex and the handler that reads one match's groups into candidates (appended to out)."""
    regex: re.Pattern
    handler: Callable[[re.Match, str, list[Cand]], None]


# in this order: earlier families win ties of the overlap resolution (the order is part of the behaviour)
PATTERNS = (
    Pattern(patterns.CAL, absolute.calendar),
    Pattern(patterns.NUMERIC, absolute.numeric),
    Pattern(patterns.YEAR_GLOSS, absolute.year_gloss),
    Pattern(patterns.MONTH_DAY, absolute.month_day),
    Pattern(patterns.WEEKDAY, absolute.weekdays),
    Pattern(patterns.SEASON_BARE, absolute.bare_seasons),
    Pattern(patterns.WEEKREL, relative.weeks),
    Pattern(patterns.DECADE, absolute.decades),
    Pattern(patterns.CENTURY, absolute.centuries),
    Pattern(patterns.QUARTER, absolute.quarters),
    Pattern(patterns.DURATION, durations.durations),
    Pattern(patterns.HALF_UNIT, durations.half_months),
    Pattern(patterns.RELATIVE, relative.relatives),
    Pattern(patterns.SETS, durations.sets),
    Pattern(patterns.FREQ, durations.frequencies),
    Pattern(patterns.PER_PERIOD, durations.periods),
    Pattern(patterns.BARE_POD, relative.bare_parts_of_day),
    Pattern(patterns.TRAD_HOUR, relative.traditional_hours),
    Pattern(patterns.BELL_HOUR, relative.bell_hours),
    Pattern(patterns.NOW, relative.now),
    Pattern(patterns.REFS, relative.refs),
    Pattern(patterns.RANGE, absolute.ranges),
)


def tag(text: str) -> list[Cand]:
    out: list[Cand] = []
    for pattern in PATTERNS:
        for m in pattern.regex.finditer(text):
            pattern.handler(m, text, out)
    return out
