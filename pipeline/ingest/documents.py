"""One input file -> a Document: read without blocking and within the size limit, decoded (decode.py), with
its creation date from `<file>.meta.json` or the corpus's `metadata.csv`, parsed defensively: their errors
become the document's status, never the run's."""
from __future__ import annotations

import csv
import datetime as dt
import errno
import hashlib
import io
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .decode import LANG_NAMES, NOT_PROCESSED, DecodeError, decode_bytes, detect_lang, readable

SIDECAR_SUFFIX = ".meta.json"
METADATA_NAME = "metadata.csv"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def max_bytes() -> int:
    """The size limit of a document (PIPELINE_MAX_MB, default 16 MB; read when a file is read): larger files
    get status error."""
    return int(os.environ.get("PIPELINE_MAX_MB", "16")) * 1024 * 1024


@dataclass
class Document:
    doc_id: str
    source_path: str  # relative to the corpus folder, readable (odd bytes of a file name escaped)
    sha256: str = ""
    encoding: str = ""
    text: str = ""
    lang: str = ""
    status: str = "ok"  # ok / error / skipped
    error: str = ""
    creation_date: str = ""
    meta: dict = field(default_factory=dict)
    path: str = ""  # the file as the system names it (may hold undecodable bytes as surrogates)

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


def _rel(path: Path, corpus_dir: Path) -> str:
    try:
        return path.relative_to(corpus_dir).as_posix()
    except ValueError:
        return path.name


def doc_id_for(path: Path, corpus_dir: Path) -> str:
    """The path relative to the corpus folder without its extension (see iter_inputs for clashes)."""
    rel = readable(_rel(Path(path), Path(corpus_dir)))
    stem, dot, suffix = rel.rpartition(".")
    return stem if dot and "/" not in suffix and stem and not stem.endswith("/") else rel


def valid_date(value) -> tuple[str, str]:
    """(ISO date, '') for a valid YYYY-MM-DD, ('', '') when empty, ('', reason) otherwise."""
    date = str(value if value is not None else "").strip()
    if not date:
        return "", ""
    if _ISO_DATE.match(date):
        try:
            dt.date.fromisoformat(date)
            return date, ""
        except ValueError:
            pass
    return "", f"date {date!r} is not a valid YYYY-MM-DD date"


def load_metadata(corpus_dir: Path) -> dict[str, dict]:
    """Optional `metadata.csv` (columns doc_id or file, date) in the corpus folder, in any encoding
    read_document reads; raises DecodeError (with the reason) when it cannot be read."""
    meta_file = Path(corpus_dir) / METADATA_NAME
    try:
        if not meta_file.is_file():
            return {}
        raw = _read_bounded(str(meta_file))[0]
    except OSError as exc:
        raise DecodeError(f"cannot read {METADATA_NAME}: {exc.strerror or exc}")
    text, _ = decode_bytes(raw)
    out: dict[str, dict] = {}
    try:
        for row in csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")):
            row = {str(k).strip(): v for k, v in row.items() if k is not None}
            key = (row.get("doc_id") or "").strip()
            if not key and row.get("file"):
                key = doc_id_for(Path(row["file"].strip()), Path("."))
            if key:
                out[key] = row
    except csv.Error as exc:
        raise DecodeError(f"{METADATA_NAME} is not a readable CSV file: {exc}")
    return out


def _sidecar(path: str) -> tuple[dict, str]:
    """(`<file>.meta.json` as a dict, '') — ({}, '') when there is none, ({}, reason) when it is bad."""
    side = path + SIDECAR_SUFFIX
    name = readable(os.path.basename(side))
    try:
        if not os.path.isfile(side):
            return {}, ""
        raw = _read_bounded(side)[0]
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:  # the document's own name leaves no room for a sidecar
            return {}, ""
        return {}, f"sidecar {name}: cannot read: {exc.strerror or exc}"
    try:
        data = json.loads(decode_bytes(raw)[0].removeprefix("\ufeff"))
    except (ValueError, DecodeError) as exc:
        return {}, f"sidecar {name} is not valid JSON: {exc}"
    if not isinstance(data, dict):
        return {}, f"sidecar {name} holds a JSON {type(data).__name__}, not an object"
    return data, ""


def _kind(mode: int) -> str:
    for test, what in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return what
    return "not a regular file"


class NotReadable(OSError):
    """A file that is not read: not a regular file, too large, or changed while being read."""


def _read_bounded(path: str, limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file of at most `limit` bytes, opened without blocking (a FIFO
    or a device is refused before it is opened, and again by fstat after)."""
    limit = max_bytes() if limit is None else limit
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise NotReadable(f"not a regular file ({_kind(st.st_mode)})")
    if st.st_size > limit:
        raise NotReadable(f"file too large ({st.st_size / 2**20:.1f} MB; the limit is {limit / 2**20:.0f} MB, "
                          "set PIPELINE_MAX_MB to change it)")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise NotReadable(f"not a regular file ({_kind(before.st_mode)})")
        chunks, size = [], 0
        while True:
            block = os.read(fd, min(1 << 20, limit + 1 - size))
            if not block:
                break
            chunks.append(block)
            size += len(block)
            if size > limit:
                raise NotReadable(f"file too large (over the {limit / 2**20:.0f} MB limit, "
                                  "set PIPELINE_MAX_MB to change it)")
        after = os.fstat(fd)
    finally:
        os.close(fd)
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or size != after.st_size:
        raise NotReadable("file changed while it was being read (being written?); run again when it is complete")
    return b"".join(chunks), after


def read_document(path: Path, corpus_dir: Path, metadata: dict | None = None, doc_id: str | None = None) -> Document:
    """Read one file into a Document; never raises for bad content (status='error')."""
    path_str = os.fspath(path)
    doc = Document(doc_id=doc_id or doc_id_for(Path(path_str), Path(corpus_dir)),
                   source_path=readable(_rel(Path(path_str), Path(corpus_dir))), path=path_str)
    try:
        raw, _ = _read_bounded(path_str)
    except NotReadable as exc:
        doc.status, doc.error = "error", str(exc)
        return doc
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
    try:
        doc.text.encode("utf-8")  # UTF-7 and UTF-16/32 can spell lone surrogates, which no output can hold
    except UnicodeEncodeError as exc:
        doc.status, doc.error, doc.text = "error", f"{doc.encoding} text holds a lone surrogate at {exc.start}", ""
        return doc
    doc.lang = detect_lang(doc.text)
    if doc.encoding in ("gb18030", "hz"):
        doc.lang = "zh"
    if doc.lang in LANG_NAMES or doc.encoding in NOT_PROCESSED:
        what = LANG_NAMES.get(doc.lang) or NOT_PROCESSED[doc.encoding]
        doc.status, doc.error = "error", f"{what} text ({doc.encoding}): only Japanese and English are processed"
        return doc
    side, side_error = _sidecar(path_str)
    if side_error:
        doc.status, doc.error = "error", side_error
        return doc
    meta = {**(metadata or {}).get(doc.doc_id, {}), **side}
    date, date_error = valid_date(meta.get("date"))
    if date_error and _ISO_DATE.match(str(meta.get("date")).strip()):
        # an ISO-shaped date that does not exist (2019-02-30): the side file's error is the document's
        doc.status, doc.error = "error", f"creation {date_error}"
        return doc
    doc.creation_date = date
    doc.meta = meta
    return doc
