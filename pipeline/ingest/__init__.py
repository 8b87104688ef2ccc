"""Bytes → text: find documents, detect their encoding, decode, describe.

Offsets everywhere in the project index the text returned here (guidelines:
the bytes decoded with the detected encoding, exactly one BOM removed, nothing
else), so `raw.decode(doc.encoding)` gives `doc.text` back.

Every file under the corpus folder is an input, and only ever a document: it
is read only when it is a regular file under the size limit (no blocking
opens), file names in any bytes are kept, and side files (`<file>.meta.json`,
`metadata.csv`) are parsed defensively: their errors become a document's
status, never the run's. `iter_inputs` gives one Document per input —
`ok`, `error` with the reason, or `skipped` (a file type that is not read).
"""
from __future__ import annotations

from .decode import DecodeError, decode_bytes, detect_lang, readable
from .documents import Document, max_bytes, read_document, valid_date
from .inputs import SUFFIXES, Input, iter_corpus, iter_inputs, list_corpus, list_inputs

__all__ = ["SUFFIXES", "DecodeError", "Document", "Input", "decode_bytes", "detect_lang", "iter_corpus", "iter_inputs",
           "list_corpus", "list_inputs", "max_bytes", "read_document", "readable", "valid_date"]
