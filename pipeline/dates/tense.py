"""Which way a weekday named alone points from the document date: the tense of its sentence.

月曜日に発表した / said on Monday (past) is the latest such day up to the document date; 月曜日に発表する
予定 / will meet on Monday (future) the next one from it. A sentence whose tense says neither keeps the
document date's week (ISO, Monday first); 月曜日は休館です, what every Monday is, no day at all."""
from __future__ import annotations

import re

from . import lexicon

EN = lexicon.en()
_EN_SENTENCE_END = re.compile(r"[.!?;:]\s+(?=[A-Z0-9\"'(])|\n")
_EN_FUTURE = re.compile(r"(?<![A-Za-z'’])(?:" + lexicon.alt(EN["future_markers"]) + r")(?![A-Za-z])", re.IGNORECASE)
_EN_PAST = re.compile(r"(?<![A-Za-z'’])(?:was|were|had|did|said|told|met|made|took|left|sank|saw|went|came|began|"
                      r"found|held|gave|won|lost|fell|rose|[a-z]{2,}ed)(?![A-Za-z])")
_JA_SENTENCE_END = re.compile(r"[。！？!?\n]")
_JA_CLOSE = "」』）)】〕"
_JA_PAST = re.compile(r"(?:た|だった|ました|でした)$")
_JA_FUTURE = re.compile(r"(?:予定|見通し|方針|見込み|計画)(?:だ|です|である)?$|(?:る|ます|う)$")


def sentence_start(text: str, pos: int) -> int:
    """Where the English sentence holding pos begins (looking back at most 400 characters)."""
    start = 0
    for m in _EN_SENTENCE_END.finditer(text, max(0, pos - 400), pos):
        start = m.end()
    return start


def future_before(text: str, pos: int) -> bool:
    """A future marker (will, is to, scheduled, next …) earlier in pos's sentence."""
    return bool(text) and _EN_FUTURE.search(text, sentence_start(text, pos), pos) is not None


def _en_sentence(text: str, start: int, end: int) -> tuple[str, str]:
    m = _EN_SENTENCE_END.search(text, end)
    return text[sentence_start(text, start):start], text[end : m.start() if m else len(text)]


def _future_verbs(part: str):
    """The future markers of part that are verbs (operations and plans is no future; plans to is)."""
    for m in _EN_FUTURE.finditer(part):
        if m.group(0).lower() not in ("plan", "plans") or part.startswith(" to ", m.end()):
            yield m


def english(text: str, start: int, end: int) -> str | None:
    """The tense of the verb nearest the weekday in its sentence (said on Friday that talks will resume
    on Thursday: Friday past, Thursday future)."""
    before, after = _en_sentence(text, start, end)
    marks = [(len(before) - m.end(), "future") for m in _future_verbs(before)]
    marks += [(len(before) - m.end(), "past") for m in _EN_PAST.finditer(before)]
    marks += [(m.start(), "future") for m in _future_verbs(after)]
    marks += [(m.start(), "past") for m in _EN_PAST.finditer(after)]
    return min(marks)[1] if marks else None


def japanese(text: str, end: int) -> str | None:
    """The tense of the predicate that ends the sentence after the weekday."""
    m = _JA_SENTENCE_END.search(text, end)
    if m is None or text[m.start()] == "\n" and m.start() == end:
        return None
    tail = text[end : m.start()].rstrip(_JA_CLOSE + " 　")
    if _JA_PAST.search(tail):
        return "past"
    if tail.startswith("は"):  # 月曜日は休館です: what every Monday is
        return "generic"
    if _JA_FUTURE.search(tail):
        return "future"
    return None
