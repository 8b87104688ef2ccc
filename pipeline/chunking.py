"""Split a document into pieces SudachiPy accepts, keeping original offsets.

SudachiPy rejects input over 49,149 UTF-8 bytes (ginza#242). We cut at
paragraph breaks, then sentence ends, then any safe character, well under
the limit, and return each piece with its start offset in the document.
"""
from __future__ import annotations

import itertools
import re

SUDACHI_MAX_BYTES = 49149
DEFAULT_MAX_BYTES = 8000  # far under the limit: activation memory grows with piece size
# GiNZA's parse (its bunsetu recognizer) grows quadratically with sentence length: measured on
# dates joined by 、 it is ~4,000 chars/s up to 500 characters, 760 at 2,000 and 70 at 11,000.
# A run of text longer than this with no sentence end becomes pieces of its own, cut at weak
# breaks, so no sentence reaching the model is longer (the evaluation texts' longest is 227).
MAX_SENTENCE_CHARS = 500
_PARAGRAPH = re.compile(r"\n\s*\n|\r\n\s*\r\n")
_LINE = re.compile(r"\r\n|\n|\r")
_SENTENCE = re.compile(r"(?<=[。！？!?．])")
_WEAK = re.compile(r"(?<=[、，,;；\s])")


def _utf8_len(s: str) -> int:
    return len(s.encode("utf-8"))


def _cut_points(text: str, pattern: re.Pattern) -> list[int]:
    return [m.end() for m in pattern.finditer(text) if 0 < m.end() < len(text)]


def _split(text: str, base: int, max_bytes: int, levels: tuple[re.Pattern, ...]) -> list[tuple[int, str]]:
    if _utf8_len(text) <= max_bytes:
        return [(base, text)] if text else []
    if not levels:
        return _hard_split(text, base, max_bytes)
    pieces: list[tuple[int, str]] = []
    cuts = _cut_points(text, levels[0]) + [len(text)]
    start = 0
    prev = 0
    size = 0
    for cut in cuts:
        seg_bytes = _utf8_len(text[prev:cut])
        if size + seg_bytes > max_bytes and prev > start:
            pieces.append((start, text[start:prev]))
            start, size = prev, 0
        size += seg_bytes
        prev = cut
    pieces.append((start, text[start:]))
    out: list[tuple[int, str]] = []
    for off, piece in pieces:
        out.extend(_split(piece, base + off, max_bytes, levels[1:]))
    return out


def _hard_split(text: str, base: int, max_bytes: int) -> list[tuple[int, str]]:
    """Last resort: fixed-size pieces that never split a surrogate-free code point or CRLF."""
    out = []
    start = 0
    while start < len(text):
        # worst case 4 bytes per character
        end = min(len(text), start + max_bytes // 4)
        while end < len(text) and _utf8_len(text[start:end]) < max_bytes - 4 and end - start < max_bytes:
            end = min(len(text), end + max(1, (max_bytes - _utf8_len(text[start:end])) // 4))
        if end < len(text) and text[end - 1] == "\r" and text[end] == "\n":
            end -= 1
        out.append((base + start, text[start:end]))
        start = end
    return out


def chunk_text(text: str, max_bytes: int = DEFAULT_MAX_BYTES,
               max_sentence: int = MAX_SENTENCE_CHARS) -> list[tuple[int, str]]:
    """[(offset, piece)] covering text exactly: ''.join(pieces) == text; no run of more than
    max_sentence characters without a sentence end or a line break inside one piece."""
    return _bound_sentences(_split(text, 0, max_bytes, (_PARAGRAPH, _LINE, _SENTENCE, _WEAK)), max_sentence)


def _bound_sentences(pieces: list[tuple[int, str]], limit: int) -> list[tuple[int, str]]:
    """Pieces whose sentences are all at most `limit` characters: a longer sentence is taken out of
    its piece and cut into parts of its own at weak breaks (、，, ; space), hard cuts as a last resort."""
    out: list[tuple[int, str]] = []
    for base, piece in pieces:
        if len(piece) <= limit:
            out.append((base, piece))
            continue
        cuts = sorted({0, len(piece), *_cut_points(piece, _SENTENCE), *_cut_points(piece, _LINE)})
        if max(b - a for a, b in itertools.pairwise(cuts)) <= limit:
            out.append((base, piece))
            continue
        start = 0
        for a, b in itertools.pairwise(cuts):
            if b - a <= limit:
                continue
            if a > start:
                out.append((base + start, piece[start:a]))
            out.extend((base + a + off, part) for off, part in _weak_parts(piece[a:b], limit))
            start = b
        if start < len(piece):
            out.append((base + start, piece[start:]))
    return out


def _weak_parts(seg: str, limit: int) -> list[tuple[int, str]]:
    """seg in parts of at most `limit` characters, each ending at the last weak break that fits."""
    breaks = _cut_points(seg, _WEAK)
    parts, start, k = [], 0, 0
    while len(seg) - start > limit:
        end = start
        while k < len(breaks) and breaks[k] - start <= limit:
            end = breaks[k]
            k += 1
        if end <= start:  # no weak break in reach: a hard cut, never inside a CRLF
            end = start + limit
            if seg[end - 1] == "\r" and seg[end] == "\n":
                end -= 1
        parts.append((start, seg[start:end]))
        start = end
    parts.append((start, seg[start:]))
    return parts


_SENT_END = re.compile(r"[。！？!?]+[」』）)\]]*|\r\n|\n|\r")


def split_sentences(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Sentence spans (start, end) as the annotation guidelines count them:
    ended by 。！？!? (closing brackets kept) or a newline, leading/trailing
    whitespace outside; empty sentences dropped."""
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.start() if m.group() in ("\r\n", "\n", "\r") else m.end()  # a newline is not part of the sentence
        _add_span(text, start, end, base, spans)
        start = m.end()
    _add_span(text, start, len(text), base, spans)
    return spans


def _add_span(text: str, start: int, end: int, base: int, spans: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((base + start, base + end))
