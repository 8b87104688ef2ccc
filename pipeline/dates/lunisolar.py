"""The Japanese lunisolar calendar (旧暦) before 1873, as a month-start table.

Japan used lunisolar calendars (宣明暦, 貞享暦, 宝暦暦, 寛政暦, 天保暦) until 明治5年12月2日
(1872-12-31); the next day was 明治6年1月1日 = 1873-01-01 (Gregorian). Each calendar had
its own rules, so months are not computed astronomically here: they are read from a
table of the historical month starts (`data/lunisolar_months.tsv`, built by
`pipeline.dates.build_data` from the source it names), one row per month.

Years are numbered like the Gregorian year in which the lunisolar year mostly falls
(嘉永6年 = 1853). Gregorian dates are proleptic Gregorian (ISO 8601), also before 1582.
"""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "lunisolar_months.tsv"
LAST_LUNISOLAR_DAY = dt.date(1872, 12, 31)  # 明治5年12月2日
LAST_LUNISOLAR_YEAR = LAST_LUNISOLAR_DAY.year  # 明治5年: an era year before 明治6年 dates a lunisolar day


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    leap: bool
    first: dt.date
    days: int

    @property
    def last(self) -> dt.date:
        return self.first + dt.timedelta(days=self.days - 1)

    @property
    def label(self) -> str:
        return f"L{self.month:02d}" if self.leap else f"{self.month:02d}"


class Calendar:
    """Month table with conversion both ways."""

    def __init__(self, months: list[Month]):
        self.months = months
        self._index = {(m.year, m.month, m.leap): i for i, m in enumerate(months)}
        self._firsts = [m.first.toordinal() for m in months]
        self._year_first = {}
        for i, m in enumerate(months):
            self._year_first.setdefault(m.year, i)

    @property
    def first_day(self) -> dt.date:
        return self.months[0].first

    @property
    def last_day(self) -> dt.date:
        return self.months[-1].last

    def has_year(self, y: int) -> bool:
        return y in self._year_first

    def month(self, y: int, m: int, leap: bool = False) -> Month | None:
        i = self._index.get((y, m, leap))
        return None if i is None else self.months[i]

    def shift_month(self, y: int, m: int, leap: bool, n: int) -> Month | None:
        """The month n months after (y, m, leap), leap months counted."""
        i = self._index.get((y, m, leap))
        if i is None or not 0 <= i + n < len(self.months):
            return None
        return self.months[i + n]

    def to_gregorian(self, y: int, m: int, d: int, leap: bool = False) -> dt.date | None:
        mo = self.month(y, m, leap)
        if mo is None or not 1 <= d <= self.days_in(mo):
            return None
        return mo.first + dt.timedelta(days=d - 1)

    def days_in(self, mo: Month) -> int:
        """Days a date of this month may name. The reform cut 明治5年12月 after its 2nd day and
        named the next day 明治5年12月3日 = 明治6年1月1日: the month's own dates run on."""
        return 30 if mo is self.months[-1] and mo.last == LAST_LUNISOLAR_DAY and mo.month == 12 else mo.days

    def from_gregorian(self, day: dt.date) -> tuple[int, int, bool, int] | None:
        """(year, month, leap, day) of a Gregorian day inside the table."""
        if not self.first_day <= day <= self.last_day:
            return None
        i = bisect.bisect_right(self._firsts, day.toordinal()) - 1
        mo = self.months[i]
        return mo.year, mo.month, mo.leap, (day - mo.first).days + 1

    def year_of(self, day: dt.date) -> int | None:
        r = self.from_gregorian(day)
        return None if r is None else r[0]

    def year_span(self, y: int) -> tuple[dt.date, dt.date] | None:
        i = self._year_first.get(y)
        if i is None:
            return None
        j = i
        while j + 1 < len(self.months) and self.months[j + 1].year == y:
            j += 1
        return self.months[i].first, self.months[j].last

    def month_span(self, y: int, m: int, leap: bool = False) -> tuple[dt.date, dt.date] | None:
        mo = self.month(y, m, leap)
        return None if mo is None else (mo.first, mo.last)


def majority_month(first: dt.date, last: dt.date) -> tuple[int, int]:
    """The Gregorian (year, month) holding most days of [first, last] (ties: the earlier)."""
    counts: dict[tuple[int, int], int] = {}
    d = first
    while d <= last:
        counts[(d.year, d.month)] = counts.get((d.year, d.month), 0) + 1
        d += dt.timedelta(days=1)
    return max(counts, key=lambda k: (counts[k], -k[0], -k[1]))


def read_table(path: Path = TABLE) -> list[Month]:
    months = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith(("#", "year\t")):
                continue
            try:
                y, m, first, days = line.rstrip("\n").split("\t")
                leap = m.startswith("L")
                months.append(Month(int(y), int(m.lstrip("L")), leap, dt.date.fromisoformat(first), int(days)))
            except ValueError as e:
                raise ValueError(f"{path}:{n}: bad month row {line!r}: {e}") from None
    return months


UNCERTAIN = Path(__file__).parent / "data" / "sources" / "lunisolar_uncertain.tsv"


@cache
def uncertain_months() -> frozenset[tuple[int, int]]:
    """(year, month) of the months whose table labels sources contradict (leap months included)."""
    out = set()
    for line in UNCERTAIN.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            y, first, last, _reason = line.split("\t", 3)
            out.update((int(y), m) for m in range(int(first), int(last) + 1))
    return frozenset(out)


@cache
def calendar() -> Calendar:
    return Calendar(read_table())
