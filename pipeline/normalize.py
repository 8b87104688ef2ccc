"""An NFKC view of a text with a map back to the original offsets.

Matching is easier on NFKC text (full-width digits and Latin become ASCII),
but offsets must always index the original text, so every normalized
character remembers which original character it came from.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Normalized:
    text: str
    # origin[i] = index in the original text of normalized character i; origin[len(text)] = len(original)
    origin: tuple[int, ...]

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) covering normalized text[start:end]."""
        if end <= start:
            pos = self.origin[start]
            return pos, pos
        first = self.origin[start]
        last = self.origin[end - 1]
        # the original end is just past the original character that produced text[end-1]
        nxt = end
        while nxt < len(self.origin) - 1 and self.origin[nxt] == last:
            nxt += 1
        return first, self.origin[nxt] if self.origin[nxt] > last else last + 1


def normalize(text: str) -> Normalized:
    """NFKC per character, so each output character has exactly one origin."""
    if text.isascii():
        return Normalized(text, tuple(range(len(text) + 1)))
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        # ASCII, kana and common kanji are NFKC-stable: skip the call on the hot path
        stable = ch < "\u00a0" or "\u3041" <= ch <= "\u3096" or "\u30a1" <= ch <= "\u30fa" or "\u4e00" <= ch <= "\u9fff"
        n = ch if stable else unicodedata.normalize("NFKC", ch)
        if not n:
            continue
        out.append(n)
        origin.extend([i] * len(n))
    origin.append(len(text))
    return Normalized("".join(out), tuple(origin))
