"""Split a document into pieces SudachiPy accepts, keeping original offsets.

SudachiPy rejects input over 49,149 UTF-8 bytes (ginza#242). We cut at
paragraph breaks, then sentence ends, then any safe character, well under
the limit, and return each piece with its start offset in the document.
"""
from __future__ import annotations

import re

SUDACHI_MAX_BYTES = 49149
DEFAULT_MAX_BYTES = 8000  # far under the limit: activation memory grows with piece size
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


def chunk_text(text: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[tuple[int, str]]:
    """[(offset, piece)] covering text exactly: ''.join(pieces) == text."""
    return _split(text, 0, max_bytes, (_PARAGRAPH, _LINE, _SENTENCE, _WEAK))


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
