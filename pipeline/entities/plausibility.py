"""Is a knowledge-base person plausible where a bare alias names them? リチャードソン in a passage on 1862 is
not the Bill Richardson active 1994–2013: a name the KB knows only as an alias (a family name alone) is not
linked to a person whose active years are far from every year the passage dates."""
from __future__ import annotations

from bisect import bisect_left

# how far before the first and after the last active year a passage may be dated (a biography looks back
# at a childhood, an obituary or history forward at a legacy)
YEARS_BEFORE = 40
YEARS_AFTER = 60


class DatedYears:
    """The Gregorian years of a document's dates, by position (from the dates stage's records)."""

    def __init__(self, timexes: list[dict]):
        pairs = sorted((t["start"], int(t["value"][:4])) for t in timexes
                       if t.get("type") in ("DATE", "TIME") and str(t.get("value", ""))[:4].isdigit()
                       and int(t["value"][:4]) >= 1000)
        self.starts = [p for p, _ in pairs]
        self.years = [y for _, y in pairs]

    def near(self, a: int, b: int) -> list[int]:
        """The years dated in text[a:b] (the mention's sentence); else the last one dated before it."""
        lo, hi = bisect_left(self.starts, a), bisect_left(self.starts, b)
        if lo < hi:
            return self.years[lo:hi]
        return self.years[lo - 1 : lo] if lo > 0 else []


def out_of_time(active: tuple[int, int] | None, years: list[int]) -> bool:
    """Every year dated around the mention is far outside the person's active years."""
    if not active or not years:
        return False
    lo, hi = active
    return all(y < lo - YEARS_BEFORE or y > hi + YEARS_AFTER for y in years)
