"""An NFKC view of a text with a map back to the original offsets.

Matching is easier on NFKC text (full-width digits and Latin become ASCII),
but offsets must always index the original text, so every normalized
character remembers which original character it came from.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


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


@lru_cache(maxsize=1)
def stable_runs() -> re.Pattern:
    """Runs of BMP characters that NFKC leaves unchanged one by one: a document is mostly such runs
    (kana, kanji, CJK punctuation), copied whole; only the characters between go through NFKC."""
    ranges, start = [], None
    for cp in range(0x10000):
        ch = chr(cp)
        stable = not 0xD800 <= cp <= 0xDFFF and unicodedata.normalize("NFKC", ch) == ch
        if stable and start is None:
            start = cp
        elif not stable and start is not None:
            ranges.append((start, cp - 1))
            start = None
    if start is not None:
        ranges.append((start, 0xFFFF))
    return re.compile("[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges) + "]+")


def split_runs(pattern: re.Pattern, text: str):
    """(start, end, matched) pieces that cover text in order: the matches of `pattern` and the gaps
    between them (matched=False), so a caller copies runs whole and treats the rest char by char."""
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            yield pos, m.start(), False
        yield m.start(), m.end(), True
        pos = m.end()
    if pos < len(text):
        yield pos, len(text), False


def normalize(text: str) -> Normalized:
    """NFKC per character, so each output character has exactly one origin."""
    if text.isascii():
        return Normalized(text, tuple(range(len(text) + 1)))
    out: list[str] = []
    origin: list[int] = []
    for start, end, stable in split_runs(stable_runs(), text):
        if stable:
            out.append(text[start:end])
            origin.extend(range(start, end))
            continue
        for i in range(start, end):
            n = unicodedata.normalize("NFKC", text[i])
            out.append(n)
            origin.extend([i] * len(n))
    origin.append(len(text))
    return Normalized("".join(out), tuple(origin))
