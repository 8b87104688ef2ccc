"""English: sentences from spaCy's rule-based sentencizer (no model download: a blank English
pipeline) and lexical triggers (data/triggers.json, "en")."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.events.dating import LATER, is_day, month_of, usable
from pipeline.events.drafts import Draft
from pipeline.events.lexicon import QUESTION, lexicon

FALLBACK_SENT = re.compile(r"[^.!?]+(?:[.!?]+|$)")


@lru_cache(maxsize=1)
def _sentencizer():
    try:
        import spacy
    except ImportError:  # pragma: no cover - spaCy is a dependency; the regex is a last resort
        return None
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def split_english(text: str) -> list[tuple[int, int]]:
    """Sentence spans of an English text (offsets into it, trailing spaces outside): U.S. and
    Mr. do not end a sentence, ". " before a capital does."""
    nlp = _sentencizer()
    if nlp is None:
        return [(m.start(), m.end()) for m in FALLBACK_SENT.finditer(text) if m.group().strip()]
    out = []
    for p0, p1 in _pieces(text):
        for s in nlp(text[p0:p1]).sents:
            a, b = p0 + s.start_char, p0 + s.end_char
            if text[a:b].strip():
                out.append((a, b))
    return out


PIECE = 20_000  # characters given to the sentencizer at a time (spaCy refuses texts over 1,000,000)
_PIECE_CUT = re.compile(r"[.!?]\s+(?=\S)")


def _pieces(text: str) -> list[tuple[int, int]]:
    """Spans of at most about PIECE characters, cut after a sentence end (else at a space)."""
    out, start = [], 0
    while len(text) - start > PIECE:
        m = None
        for m in _PIECE_CUT.finditer(text, start + PIECE // 2, start + PIECE):
            pass
        cut = m.end() if m else (text.rfind(" ", start + 1, start + PIECE) + 1 or start + PIECE)
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


# English (no parse): lexical triggers
EN_NEG = re.compile(r"\b(?:not|never|n't|no longer)\b", re.IGNORECASE)
EN_HYPO = re.compile(r"\b(?:if|would|could|might|may|will|shall|plans? to|planned to|expected to|scheduled to)\b",
                     re.IGNORECASE)




def en_drafts(sent_text: str, start: int, stxs: list[dict], text: str) -> list[Draft]:
    """English has no parse here: one draft per sentence of spaCy's sentencizer (a guideline
    sentence ends only at !? or a newline, so it may hold several) whose words include a trigger;
    its first date, else the date of an earlier one (read as its month after "later"). Each draft's
    participants are those of its own sentence."""
    lx = lexicon()
    drafts: list[Draft] = []
    last = None
    for a, b in split_english(sent_text):
        sub = sent_text[a:b]
        s0, s1 = start + a, start + b
        if QUESTION.search(sub):
            continue
        dated = [t for t in stxs if s0 <= t["start"] < s1 and usable(t, text)]
        m = lx.en_trigger_re.search(sub)
        if dated:
            last = dated[0]
        if not m:
            continue
        pairs = _dated_clauses(sub, s0, dated) if len({t["value"] for t in dated}) > 1 else []
        if not pairs:
            date, source = (dated[0], "sentence") if dated else (last, "narrative")
            if date is not None and not dated and is_day(date["value"]) and LATER.search(sub):
                date = month_of(date)
            pairs = [(m, date, source)]
        for m, date, source in pairs:
            before = sub[:m.start()][-30:]
            word = m.group().lower()
            drafts.append(Draft(date=date, source=source, trig_span=(s0 + m.start(), s0 + m.end()), lemma=word,
                                cls=lx.en.get(word, "unknown"), negated=bool(EN_NEG.search(before)),
                                hypothetical=bool(EN_HYPO.search(before)),
                                timex_pos=date["start"] if date is not None else -1, scope=(s0, s1)))
    return drafts


def _dated_clauses(sub: str, s0: int, dated: list[dict]) -> list[tuple]:
    """A sentence of several dates (…returned to Japan in 1620, and died of illness on August 7, 1622): each
    date dates its own clause, the trigger nearest before it since the previous date (else the first one after
    it, before the next date: …; eighteen days later Hasekura was baptized). (trigger match, date, source)."""
    triggers = list(lexicon().en_trigger_re.finditer(sub))
    out, prev = [], 0
    for k, t in enumerate(dated):
        at, end = t["start"] - s0, t["end"] - s0
        nxt = dated[k + 1]["start"] - s0 if k + 1 < len(dated) else len(sub)
        before = [m for m in triggers if prev <= m.start() < at]
        after = [m for m in triggers if end <= m.start() < nxt]
        m = before[-1] if before else (after[0] if after else None)
        prev = end
        if m is not None and all(m is not o for o, _, _ in out):
            out.append((m, t, "sentence"))
    return out
