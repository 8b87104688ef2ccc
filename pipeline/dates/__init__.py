"""Temporal expressions (TIMEX3) in Japanese and English text.

extract_timexes(text, dct=None, lang="ja") -> list of dicts, sorted by start:
  start, end, text  offsets into the original text (text[start:end] == text)
  type              DATE / TIME / DURATION / SET
  value             TIMEX3 value (2018-06-12, 196, 18, 2017-SP, P13D, PRESENT_REF, XXXX-08-05 ...)
  mod               "" or START / MID / END / APPROX / BEFORE / AFTER
  earliest, latest  ISO days the value covers ("" when not a calendar point)
  anchor            index in the returned list of the timex an anaphoric one was resolved against, or None
  calendar          "gregorian" / "lunisolar" for calendar dates (a month or day with an era year before
                    明治6年, or 旧暦: the value is the Gregorian day), "" otherwise
  value_as_written  the lunisolar date as written (1860-L03-18: a leap month), "" for Gregorian ones

Steps, one module each: view (NFKC with offsets) -> tagger/english (patterns -> candidates; the Japanese
patterns of patterns.py each paired with its handler in absolute, relative or durations) -> filters
(false positives, overlaps) -> resolver (mods outside the span, anaphora, deixis; structure: date lines, chronology
entries, background sections, glosses and asides) -> values.
"""
from __future__ import annotations

from . import english, filters, resolver, structure, tagger
from .textview import view_of
from .values import interval

__all__ = ["extract_timexes"]


_COLUMN_GAP = ("\u3000", "\t")


def _column_gap(text: str, view, a: int, b: int) -> bool:
    s, e = view.orig_span(a, b)
    return any(ch in text[s:e] for ch in _COLUMN_GAP)


def extract_timexes(text: str, dct: str | None = None, lang: str = "ja") -> list[dict]:
    if not isinstance(text, str) or not text:
        return []
    view = view_of(text)
    nt = view.text
    cands = tagger.tag(nt) + english.tag(nt, lang)
    cands = filters.select(cands, nt)
    cands = filters.split_columns(cands, lambda a, b: _column_gap(text, view, a, b))
    filters.with_next_prefix(cands, nt)
    resolver.outside_mods(cands, nt)
    dateline = structure.find_dateline(cands, nt)
    recs = resolver.resolve(cands, dct, dateline, nt)
    out = []
    for r in recs:
        c = r.pop("_cand")
        s, e = view.orig_span(c.start, c.end)
        if "earliest" in r:
            earliest, latest = r["earliest"], r["latest"]
        else:
            earliest, latest = interval(r["value"]) if r["type"] in ("DATE", "TIME") else ("", "")
        out.append({"start": s, "end": e, "text": text[s:e], "type": r["type"], "value": r["value"],
                    "mod": r["mod"], "earliest": earliest, "latest": latest, "anchor": r["anchor"],
                    "calendar": r["calendar"], "value_as_written": r["value_as_written"]})
    return out
