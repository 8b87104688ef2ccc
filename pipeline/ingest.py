"""Bytes → text: find documents, detect their encoding, decode, describe.

Offsets everywhere in the project index the text returned here (guidelines:
the bytes decoded with the detected encoding, BOM removed, nothing else).
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".txt", ".md")
# Legacy Japanese encodings tried in order after UTF-8; cp932 is a superset of Shift_JIS.
LEGACY_ENCODINGS = ("cp932", "euc_jp")
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class DecodeError(ValueError):
    """The bytes are not a text document we can read."""


@dataclass
class Document:
    doc_id: str
    source_path: str
    sha256: str = ""
    encoding: str = ""
    text: str = ""
    lang: str = ""
    status: str = "ok"
    error: str = ""
    creation_date: str = ""
    meta: dict = field(default_factory=dict)

    @property
    def n_chars(self) -> int:
        return len(self.text)

    def record(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "source_path": self.source_path,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "lang": self.lang,
            "n_chars": self.n_chars if self.status == "ok" else "",
            "status": self.status,
            "error": self.error,
            "creation_date": self.creation_date,
        }


def _looks_binary(raw: bytes) -> str:
    """A reason if the bytes are not text (magic numbers, NUL density), else ''."""
    magic = {
        b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
        b"PK\x03\x04": "zip archive", b"%PDF": "PDF file", b"\x1f\x8b": "gzip archive",
        b"\x7fELF": "ELF binary",
    }
    for sig, what in magic.items():
        if raw.startswith(sig):
            return f"binary file ({what})"
    sample = raw[:65536]
    controls = sum(1 for b in sample if b < 0x20 and b not in b"\t\n\r\x0c\x1b")
    if sample and controls / len(sample) > 0.05:
        return "binary file (control bytes)"
    return ""


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode document bytes; returns (text, encoding name usable with bytes.decode).

    UTF-16 without BOM is not guessed: too many legacy files would be misread.
    """
    for bom, enc in BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {enc} after its byte-order mark: {exc.reason} at byte {exc.start}")
            return text.lstrip("\ufeff") if enc == "utf-16" else text, enc
    reason = _looks_binary(raw)
    if reason:
        raise DecodeError(reason)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_error = utf8_error
    candidates = []
    for enc in LEGACY_ENCODINGS:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible_text(text):
            candidates.append((text, enc))
    if len(candidates) > 1:
        # Both legacy decoders accept the bytes: let charset-normalizer arbitrate.
        from charset_normalizer import from_bytes

        best = from_bytes(raw, cp_isolation=list(LEGACY_ENCODINGS)).best()
        if best is not None:
            chosen = "euc_jp" if best.encoding.replace("-", "_") in ("euc_jp", "euc_jis_2004") else "cp932"
            candidates.sort(key=lambda c: c[1] != chosen)
        else:
            candidates.sort(key=lambda c: -_japanese_ratio(c[0]))
    if candidates:
        return candidates[0]
    raise DecodeError(
        f"not valid UTF-8 ({first_error.reason} at byte {first_error.start}), nor Shift_JIS/CP932 or EUC-JP"
    )


def _plausible_text(text: str) -> bool:
    """Legacy decoders accept most byte soup; mis-decoded bytes show up as control
    characters, private-use or unassigned code points and half-width katakana."""
    if not text:
        return True
    bad = sum(1 for ch in text
              if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\t\n\r\x0c"
              or "\uff61" <= ch <= "\uff9f")
    return bad / len(text) <= 0.02


def _japanese_ratio(text: str) -> float:
    if not text:
        return 0.0
    jp = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff")
    return jp / len(text)


def detect_lang(text: str) -> str:
    """'ja' when kana/kanji make up a real share of the letters, 'en' when Latin dominates."""
    letters = kana_kanji = 0
    for ch in text[:200000]:
        if ch.isalpha():
            letters += 1
            if "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uff66" <= ch <= "\uff9f":
                kana_kanji += 1
    if letters == 0:
        return "und"
    return "ja" if kana_kanji / letters >= 0.2 else "en"


def doc_id_for(path: Path, corpus_dir: Path) -> str:
    rel = path.relative_to(corpus_dir) if path.is_relative_to(corpus_dir) else Path(path.name)
    return rel.with_suffix("").as_posix()


def load_metadata(corpus_dir: Path) -> dict[str, dict]:
    """Optional `metadata.csv` (columns doc_id or file, date) in the corpus folder."""
    meta_file = corpus_dir / "metadata.csv"
    if not meta_file.is_file():
        return {}
    out: dict[str, dict] = {}
    with meta_file.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            key = row.get("doc_id") or Path(row.get("file", "")).with_suffix("").as_posix()
            if key:
                out[key] = row
    return out


def _sidecar(path: Path) -> dict:
    side = path.with_name(path.name + ".meta.json")
    if side.is_file():
        try:
            return json.loads(side.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
    return {}


def read_document(path: Path, corpus_dir: Path, metadata: dict | None = None) -> Document:
    """Read one file into a Document; never raises for bad content (status='error')."""
    doc = Document(doc_id=doc_id_for(path, corpus_dir), source_path=str(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        doc.status, doc.error = "error", f"cannot read file: {exc.strerror or exc}"
        return doc
    doc.sha256 = hashlib.sha256(raw).hexdigest()
    try:
        doc.text, doc.encoding = decode_bytes(raw)
    except DecodeError as exc:
        doc.status, doc.error = "error", str(exc)
        return doc
    if not doc.text.strip():
        doc.status, doc.error = "error", "no text (empty or whitespace only)"
        return doc
    doc.lang = detect_lang(doc.text)
    meta = {**(metadata or {}).get(doc.doc_id, {}), **_sidecar(path)}
    date = str(meta.get("date", "") or "").strip()
    if date and _ISO_DATE.match(date):
        doc.creation_date = date
    doc.meta = meta
    return doc


def list_corpus(corpus_dir: Path) -> list[Path]:
    """Every .txt/.md file under corpus_dir, sorted, following symlinks without looping."""
    corpus_dir = Path(corpus_dir)
    found: list[Path] = []
    seen_dirs: set[str] = set()
    for root, dirs, files in os.walk(corpus_dir, followlinks=True):
        real = os.path.realpath(root)
        if real in seen_dirs:
            dirs[:] = []
            continue
        seen_dirs.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                continue
            found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.as_posix())


def iter_corpus(corpus_dir: Path) -> Iterator[Document]:
    corpus_dir = Path(corpus_dir)
    metadata = load_metadata(corpus_dir)
    for path in list_corpus(corpus_dir):
        yield read_document(path, corpus_dir, metadata)
