"""Error records (OUT/eval_errors.jsonl): one per false positive, false negative or wrong attribute,
with the span's context in the document."""
from __future__ import annotations

import json

CONTEXT_CHARS = 30


def _context(text: str | None, start: int, end: int) -> str:
    """±CONTEXT_CHARS around a span, the span itself in [[ ]]."""
    if not text:
        return ""
    left = text[max(0, start - CONTEXT_CHARS):start]
    right = text[end:end + CONTEXT_CHARS]
    return f"{left}[[{text[start:end]}]]{right}"


def error_record(category: str, doc_id: str, text: str | None, gold: dict | None, sys_: dict | None,
           start: int, end: int, surface: str, **extra) -> dict:
    err = {"category": category, "doc_id": doc_id, "start": start, "end": end, "text": surface,
           "context": _context(text, start, end), "gold": gold, "sys": sys_}
    err.update(extra)
    return err


def error_sort_key(e: dict) -> tuple:
    """The order of OUT/eval_errors.jsonl: by system, document, span and category."""
    return (e["system"], e["doc_id"], e["start"], e["end"], e["category"], json.dumps(e, sort_keys=True,
                                                                                     ensure_ascii=False))

