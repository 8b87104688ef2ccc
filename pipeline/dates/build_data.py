"""Builds the dates stage's calendar data files from their sources (a developer tool).

    python -m pipeline.dates.build_data

1. `data/lunisolar_months.tsv`: the Japanese lunisolar month table, decoded from the
   朔閏表 (month-length and leap-month table) of the `when_exe` calendar library
   (github.com/suchowan/when_exe, lib/when_exe/region/japanese/calendars.rb, table
   `Japanese`), copied word for word into `data/sources/when_exe_japanese_rule_table.txt`.
   Each word is one lunisolar year: one letter per month, a = 1st month … l = 12th,
   upper case a long month (大, 30 days), lower case a short one (小, 29 days), the
   letter repeated for the leap month that follows (閏). The first word is the year 454,
   whose first day is Julian Day Number 1886926. Month lengths that sources show to differ
   from the table are corrected from `data/sources/lunisolar_corrections.tsv` (each with its sources).
2. `data/eras.json`: every Japanese era name (元号) from 大化 to 令和, both courts of
   1331–1392, from the `japanera` package, with the Gregorian-numbered year of each era's
   first year (元年): the lunisolar year in which the era began, read from the table.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .lunisolar import LAST_LUNISOLAR_DAY, TABLE, Calendar, Month

DATA = Path(__file__).parent / "data"
RULE_TABLE = DATA / "sources" / "when_exe_japanese_rule_table.txt"
CORRECTIONS = DATA / "sources" / "lunisolar_corrections.tsv"
ERAS = DATA / "eras.json"
ORIGIN_YEAR = 454
ORIGIN_JDN = 1886926
JDN_OF_ORDINAL_0 = 1721425  # date.fromordinal(jdn - this)

# Corrections to the library's data, each with its source.
ERA_START_CORRECTIONS = {
    # 明治 was applied retroactively from 慶応4年1月1日 (一世一元の詔, 1868-10-23);
    # japanera has 1868-01-23, two days before that lunisolar new year (1868-01-25).
    "明治": ("1868-01-25", "慶応4年1月1日 = 1868-01-25 (ja.wikipedia.org/wiki/明治)"),
}
COURTS = {"general": "", "daikakuji": "southern", "jimyouin": "northern"}


def decode_rule_table(words: list[str], origin_year: int = ORIGIN_YEAR,
                      origin_jdn: int = ORIGIN_JDN) -> list[Month]:
    months: list[Month] = []
    first = dt.date.fromordinal(origin_jdn - JDN_OF_ORDINAL_0)
    for k, word in enumerate(words):
        year = origin_year + k
        prev = None
        for ch in word:
            n = ord(ch.lower()) - ord("a") + 1
            if not 1 <= n <= 12:
                raise ValueError(f"year {year}: bad month letter {ch!r} in {word!r}")
            leap = n == prev
            if not leap and prev is not None and n != prev + 1:
                raise ValueError(f"year {year}: months out of order in {word!r}")
            days = 30 if ch.isupper() else 29
            months.append(Month(year, n, leap, first, days))
            first += dt.timedelta(days=days)
            prev = n
        if prev != 12:
            raise ValueError(f"year {year}: {word!r} does not end with the 12th month")
    return months


def read_corrections(path: Path = CORRECTIONS) -> dict[tuple[int, int], int]:
    """(year, month) -> days, from the sourced corrections file."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            y, m, days, _sources = line.split("\t", 3)
            out[(int(y), int(m))] = int(days)
    return out


def apply_corrections(months: list[Month], fixes: dict[tuple[int, int], int]) -> list[Month]:
    """Set the corrected month lengths and move the following month starts (a year's total
    stays what the table says when the corrections of a year cancel out, as they must)."""
    out, first = [], months[0].first
    for m in months:
        days = fixes.get((m.year, m.month), m.days) if not m.leap else m.days
        out.append(Month(m.year, m.month, m.leap, first, days))
        first += dt.timedelta(days=days)
    for a, b in zip(months, out):
        if a.month == 1 and not a.leap and a.first != b.first:
            raise ValueError(f"corrections of {a.year - 1} do not cancel out: year {a.year} would move")
    return out


def lunisolar_months() -> list[Month]:
    words = [w for w in RULE_TABLE.read_text(encoding="utf-8").split() if w]
    months = apply_corrections(decode_rule_table(words), read_corrections())
    # the lunisolar calendar ended on 明治5年12月2日: keep what lies before
    kept = [m for m in months if m.first <= LAST_LUNISOLAR_DAY]
    last = kept[-1]
    if last.year == 1872 and last.month == 12:
        kept[-1] = Month(last.year, last.month, last.leap, last.first, (LAST_LUNISOLAR_DAY - last.first).days + 1)
    return kept


def write_table(months: list[Month], path: Path = TABLE) -> None:
    lines = [
        "# Japanese lunisolar calendar: one row per month (L = leap month 閏); first_day is proleptic Gregorian.",
        ("# Decoded by pipeline/dates/build_data.py from the 朔閏表 of when_exe "
         "(github.com/suchowan/when_exe, lib/when_exe/region/japanese/calendars.rb), "
         "with the corrections of data/sources/lunisolar_corrections.tsv."),
        "# 明治5年12月 ends on its 2nd day (1872-12-31): the next day was 1873-01-01 (Gregorian).",
        "year\tmonth\tfirst_day\tdays",
    ]
    for m in months:
        lines.append(f"{m.year}\t{'L' if m.leap else ''}{m.month}\t{m.first.isoformat()}\t{m.days}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def era_rows(cal: Calendar) -> list[dict]:
    from japanera import era_data  # a build-time dependency only

    rows = []
    tables = [("general", era_data._ERA_DATA_GENERAL), ("daikakuji", era_data._ERA_DATA_DAIKAKUJI),
              ("jimyouin", era_data._ERA_DATA_JIMYOUIN)]
    spans: dict[str, tuple] = {}  # 建武, 元徳: one name in both courts, counted as long as either used it
    for court, table in tables:
        for name, reading, start, end, _kind in table:
            if not name:
                continue
            if name in spans:
                c0, r0, s0, e0 = spans[name]
                spans[name] = (c0, r0, min(s0, start), None if e0 is None or end is None else max(e0, end))
            else:
                spans[name] = (court, reading, start, end)
    for name, (court, reading, start, end) in spans.items():
        if True:
            note = ""
            if name in ERA_START_CORRECTIONS:
                fixed, note = ERA_START_CORRECTIONS[name]
                start = dt.date.fromisoformat(fixed)
            first_year = _year_of(cal, start)
            # the era's last year is the one holding its last day (the day before the next era began)
            last_year = _year_of(cal, end - dt.timedelta(days=1)) if end else None
            row = {"name": name, "reading": reading, "romaji": _hepburn(name), "court": COURTS[court],
                   "start": start.isoformat(),
                   "end": end.isoformat() if end else "", "first_year": first_year, "last_year": last_year}
            if note:
                row["note"] = note
            rows.append(row)
    rows.sort(key=lambda r: (r["start"], r["name"]))
    return rows


def _hepburn(name: str) -> str:
    """A second romanization of the era name (pykakasi's Hepburn: man'en for 万延, where japanera
    writes Mannei); English texts are matched against both."""
    import pykakasi  # a build-time use only

    return "".join(part["hepburn"] for part in pykakasi.kakasi().convert(name))


def _year_of(cal: Calendar, day: dt.date) -> int:
    """The Gregorian-numbered year of the (lunisolar, before 1873) year holding `day`."""
    if day > LAST_LUNISOLAR_DAY:
        return day.year
    y = cal.year_of(day)
    if y is None:
        raise ValueError(f"{day} lies outside the lunisolar table")
    return y


def main() -> None:
    months = lunisolar_months()
    write_table(months)
    cal = Calendar(months)
    rows = era_rows(cal)
    doc = {
        "_comment": "Japanese eras (元号), generated by pipeline/dates/build_data.py from the japanera package; "
                    "start = first Gregorian day, first_year = Gregorian-numbered year of 元年 (the lunisolar "
                    "year in which the era began). Year N of an era = first_year + N - 1.",
        "eras": rows,
    }
    ERAS.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(months)} months ({months[0].year}–{months[-1].year}), {len(rows)} eras")


if __name__ == "__main__":
    main()
