"""NFKC-per-character view of a text with a map back to the original offsets.

Used only when pipeline.normalize is unavailable; both give the same view
(each original character is NFKC-normalized on its own, so one original
character maps to one or more view characters and offsets map back exactly).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class View:
    text: str
    _orig: tuple  # view index -> original index (len(text) + 1 entries)

    def orig_span(self, s: int, e: int) -> tuple[int, int]:
        """Map a [s, e) span of the view to the smallest covering original span."""
        if e <= s:
            o = self._orig[s]
            return o, o
        return self._orig[s], self._orig[e - 1] + 1


def make_view(text: str) -> View:
    parts: list[str] = []
    orig: list[int] = []
    for i, ch in enumerate(text):
        # ASCII and common kana/kanji are NFKC-stable; skip the call for speed.
        if ch < "\u00a0" or ("\u3041" <= ch <= "\u3096") or ("\u30a1" <= ch <= "\u30fa") or ("\u4e00" <= ch <= "\u9fff"):
            parts.append(ch)
            orig.append(i)
            continue
        n = unicodedata.normalize("NFKC", ch) or ch
        parts.append(n)
        orig.extend([i] * len(n))
    orig.append(len(text))
    return View("".join(parts), tuple(orig))


def view_of(text: str):
    """Return an object with .text and .orig_span(s, e); the project normalizer when it is installed."""
    if _project_normalize is not None:
        return _project_normalize(text)
    return make_view(text)


try:  # the lead's normalizer defines the shared view; ours is the same rule, kept as a fallback
    from pipeline.normalize import normalize as _project_normalize
except ImportError:  # pragma: no cover
    _project_normalize = None
