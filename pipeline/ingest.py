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

import csv
import datetime as dt
import errno
import hashlib
import io
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".txt", ".md")
SIDECAR_SUFFIX = ".meta.json"
METADATA_NAME = "metadata.csv"
MAX_BYTES = int(os.environ.get("PIPELINE_MAX_MB", "16")) * 1024 * 1024  # larger documents get status error
# Legacy Japanese encodings tried in order after UTF-8; cp932 is a superset of Shift_JIS.
LEGACY_ENCODINGS = ("cp932", "euc_jp")
BOMS = (  # UTF-32 before UTF-16: FF FE 00 00 starts both
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# escape sequences that designate a 7-bit ISO-2022 character set
_ISO2022_JP = re.compile(rb"\x1b(?:\$[@B]|\$\(D|\(J|\(I|\$\(O|\$\(Q|\$\(P|&@\x1b\$B)")
_ISO2022_KR = re.compile(rb"\x1b\$\)C")
_HZ = re.compile(rb"~\{[\x21-\x7e]{2,}~\}")
_UTF7_RUN = re.compile(rb"\+[A-Za-z0-9+/]{3,}-?")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class DecodeError(ValueError):
    """The bytes are not a text document we can read."""


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


# --- names -------------------------------------------------------------------

def readable(name: str) -> str:
    """A file name as text: names that are not valid UTF-8 (os gives their bytes as surrogates) are
    decoded as CP932 (Shift_JIS names from Windows zip files) when that works, else shown with \\xNN."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    raw = os.fsencode(name)
    try:
        text = raw.decode("cp932")
        if _plausible_text(text):
            return text
    except UnicodeDecodeError:
        pass
    return raw.decode("utf-8", "backslashreplace")


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


# --- decoding ----------------------------------------------------------------

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


def _wide_without_bom(raw: bytes) -> tuple[str, str] | None:
    """UTF-32 / UTF-16 without a byte-order mark, recognized by where their NUL bytes sit
    (ASCII characters and newlines carry a zero high byte) and by decoding to plausible text."""
    nuls = raw.count(0)
    if nuls < 2:
        return None
    sample = raw[:262144]
    positions = [i for i, b in enumerate(sample) if b == 0]
    for width, enc_le, enc_be in ((4, "utf-32-le", "utf-32-be"), (2, "utf-16-le", "utf-16-be")):
        if len(raw) % width:
            continue
        by_pos = [0] * width
        for i in positions:
            by_pos[i % width] += 1
        if width == 2 and len(positions) < len(raw) / 10 and _is_utf8(raw):
            continue  # a few NULs in UTF-8 text (UTF-16 Japanese is almost never valid UTF-8)
        for enc, high in ((enc_le, width - 1), (enc_be, 0)):
            if width == 4 and by_pos[high] < 0.99 * (len(sample) // 4):
                continue  # UTF-32: the top byte of every unit is zero
            if width == 2 and by_pos[high] < 0.9 * len(positions):
                continue  # UTF-16: the NULs are the zero high bytes of ASCII characters
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text and _plausible_text(text, strict=True):
                return text, enc
    return None


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _seven_bit(raw: bytes) -> tuple[str, str] | None:
    """ISO-2022-JP (old mail archives), ISO-2022-KR, HZ and UTF-7: ASCII bytes that are not ASCII text."""
    if _ISO2022_JP.search(raw):
        for enc in ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_3"):
            try:
                return raw.decode(enc), enc
            except UnicodeDecodeError:
                continue
        raise DecodeError("ISO-2022-JP escape sequences, but the bytes do not decode as ISO-2022-JP")
    if _ISO2022_KR.search(raw):
        try:
            return raw.decode("iso2022_kr"), "iso2022_kr"
        except UnicodeDecodeError:
            raise DecodeError("ISO-2022-KR escape sequence, but the bytes do not decode as ISO-2022-KR")
    if max(raw, default=0) >= 0x80:
        return None
    if len(_HZ.findall(raw[:262144])) >= 2:
        try:
            text = raw.decode("hz")
        except UnicodeDecodeError:
            text = ""
        if _cjk_count(text) >= 4:
            return text, "hz"
    runs = _UTF7_RUN.findall(raw[:262144])
    if len(runs) >= 2:
        try:
            text = raw.decode("utf-7")
        except UnicodeDecodeError:
            return None
        if _cjk_count(text) >= 4 and _plausible_text(text, strict=True):
            return text, "utf-7"
    return None


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff"
               or "\uac00" <= ch <= "\ud7a3")


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode document bytes; returns (text, encoding name usable with bytes.decode).

    `raw.decode(encoding)` equals the returned text: a BOM is removed by the codec itself
    (utf-8-sig, utf-16, utf-32 strip exactly one), a second U+FEFF stays text.
    Korean and Chinese legacy encodings are told from Japanese ones by their kana
    (see _legacy); their text comes back decoded, and read_document marks it as not processed.
    """
    for bom, enc in BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {enc} after its byte-order mark: {exc.reason} at byte {exc.start}")
            return text, enc
    wide = _wide_without_bom(raw)
    if wide is not None:
        return wide
    seven = _seven_bit(raw)
    if seven is not None:
        return seven
    reason = _looks_binary(raw)
    if reason:
        raise DecodeError(reason)
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_error = utf8_error
    found = _legacy(raw)
    if found is not None:
        return found
    raise DecodeError(
        f"not valid UTF-8 ({first_error.reason} at byte {first_error.start}), nor Shift_JIS/CP932, EUC-JP, "
        "EUC-KR or GB18030"
    )


def _legacy(raw: bytes) -> tuple[str, str] | None:
    """Shift_JIS/CP932 or EUC-JP; EUC-KR or GB18030 when the Japanese readings are kana-less mojibake.

    Japanese text has kana; Korean or Chinese bytes read as EUC-JP/CP932 come out as kanji soup
    (EUC-KR's hangul rows are JIS kanji rows) with next to none."""
    candidates = []
    for enc in LEGACY_ENCODINGS:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible_text(text):
            candidates.append((text, enc))
    if candidates and max(_kana_share(t) for t, _ in candidates) >= 0.05:
        candidates = [c for c in candidates if _kana_share(c[0]) >= 0.05]
    else:
        others = []
        for enc in ("euc_kr", "gb18030"):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible_text(text):
                others.append((text, enc))
        korean = [c for c in others if c[1] == "euc_kr" and _hangul_share(c[0]) >= 0.2]
        if korean:
            return korean[0]
        chinese = [c for c in others if c[1] == "gb18030" and _gb2312_share(raw) >= 0.9]
        if chinese and not candidates:
            return chinese[0]
        if chinese:
            candidates.append(chinese[0])
    if len(candidates) > 1:
        # Several decoders accept the bytes: let charset-normalizer arbitrate.
        from charset_normalizer import from_bytes

        encs = [enc for _, enc in candidates]
        best = from_bytes(raw, cp_isolation=encs).best()
        if best is not None:
            name = best.encoding.replace("-", "_")
            chosen = {"euc_jis_2004": "euc_jp", "shift_jis": "cp932", "gb2312": "gb18030", "gbk": "gb18030"}.get(
                name, name)
            candidates.sort(key=lambda c: c[1] != chosen)
        else:
            candidates.sort(key=lambda c: -_japanese_ratio(c[0]))
    return candidates[0] if candidates else None


def _kana_share(text: str) -> float:
    kana = kanji = 0
    for ch in text:
        if "\u3040" <= ch <= "\u30ff":
            kana += 1
        elif "\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3":
            kanji += 1
    return kana / (kana + kanji) if kana + kanji >= 20 else 1.0  # too few to tell: not mojibake


# the commonest hangul syllables: over a third of real Korean text, a few per cent of mojibake
_COMMON_HANGUL = frozenset("이다는의에가을를한하고지로서기사자인대정수도시아리일해었했으나그들것국있과와게보여부전상문주제")


def _hangul_share(text: str) -> float:
    """Share of the commonest syllables among the hangul (0 when there is little hangul)."""
    hangul = [ch for ch in text if "\uac00" <= ch <= "\ud7a3"]
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters or len(hangul) < 0.3 * letters:
        return 0.0
    return sum(1 for ch in hangul if ch in _COMMON_HANGUL) / len(hangul)


def _gb2312_share(raw: bytes) -> float:
    """Share of high bytes in GB2312's A1–FE range (CP932 kanji lead bytes 81–9F fall outside)."""
    high = [b for b in raw if b >= 0x80]
    return sum(1 for b in high if b >= 0xA1) / len(high) if high else 0.0


def _plausible_text(text: str, strict: bool = False) -> bool:
    """Legacy decoders accept most byte soup; mis-decoded bytes show up as control
    characters, private-use or unassigned code points and half-width katakana
    (`strict`: surrogates and half-width katakana count too, for encodings guessed without a marker)."""
    if not text:
        return True
    bad = sum(1 for ch in text
              if unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r\x0c"
              or "\uff61" <= ch <= "\uff9f")
    return bad / len(text) <= (0.005 if strict else 0.02)


def _japanese_ratio(text: str) -> float:
    if not text:
        return 0.0
    jp = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff")
    return jp / len(text)


def detect_lang(text: str) -> str:
    """'ja' when kana/kanji make up a real share of the letters, 'ko' when hangul dominates,
    'en' when Latin does."""
    letters = kana_kanji = hangul = 0
    for ch in text[:200000]:
        if ch.isalpha():
            letters += 1
            if "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uff66" <= ch <= "\uff9f":
                kana_kanji += 1
            elif "\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" or "\u3130" <= ch <= "\u318f":
                hangul += 1
    if letters == 0:
        return "und"
    if hangul / letters >= 0.5:
        return "ko"
    return "ja" if kana_kanji / letters >= 0.2 else "en"


NOT_PROCESSED = {"euc_kr": "Korean", "iso2022_kr": "Korean", "gb18030": "Chinese", "hz": "Chinese"}
LANG_NAMES = {"ko": "Korean", "zh": "Chinese"}


# --- side files ----------------------------------------------------------------

def _valid_date(value) -> tuple[str, str]:
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


# --- reading -------------------------------------------------------------------

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
    limit = MAX_BYTES if limit is None else limit
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
    date, date_error = _valid_date(meta.get("date"))
    if date_error and _ISO_DATE.match(str(meta.get("date")).strip()):
        # an ISO-shaped date that does not exist (2019-02-30): the side file's error is the document's
        doc.status, doc.error = "error", f"creation {date_error}"
        return doc
    doc.creation_date = date
    doc.meta = meta
    return doc


# --- listing -------------------------------------------------------------------

@dataclass
class Input:
    path: str  # as the system names it
    rel: str  # relative to the corpus folder, readable
    kind: str  # "document", "skipped" (type not read) or "error" (e.g. a folder that cannot be read)
    reason: str = ""


def _is_side_file(rel: str) -> bool:
    return rel == METADATA_NAME or rel.endswith(SIDECAR_SUFFIX)


def list_inputs(corpus_dir: Path) -> list[Input]:
    """Every file under corpus_dir (hidden files and folders aside), sorted, following symlinks
    without looping: documents (.txt/.md, any case), other files (skipped), unreadable folders."""
    corpus_dir = Path(corpus_dir)
    found: list[Input] = []
    seen_dirs: set[str] = set()
    top = os.fspath(corpus_dir)

    def unreadable(exc: OSError) -> None:
        rel = readable(_rel(Path(exc.filename), corpus_dir)) if exc.filename else "?"
        found.append(Input(exc.filename or "", rel, "error", f"cannot read folder: {exc.strerror or exc}"))

    for root, dirs, files in os.walk(top, followlinks=True, onerror=unreadable):
        real = os.path.realpath(root)
        if real in seen_dirs:
            dirs[:] = []
            continue
        seen_dirs.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(root, name)
            rel = readable(_rel(Path(path), corpus_dir))
            if _is_side_file(rel):
                continue
            if name.lower().endswith(SUFFIXES):
                found.append(Input(path, rel, "document"))
            else:
                suffix = os.path.splitext(name)[1] or "no extension"
                found.append(Input(path, rel, "skipped", f"file type not read ({suffix}; only .txt and .md are)"))
    return sorted(found, key=lambda i: (i.rel, i.path))


def unique_ids(inputs: list[Input]) -> list[str]:
    """One doc_id per input, deterministic: a document's path without its extension; when that is
    shared (c.txt + c.md, C.txt + C.TXT) or is a non-document's id, the path with its extension;
    a clash left after that gets ~2, ~3… in path order."""
    def stem(i: Input) -> str:
        return doc_id_for(Path(i.rel), Path(".")) if i.kind == "document" else i.rel

    base = [stem(i) for i in inputs]
    counts: dict[str, int] = {}
    for b in base:
        counts[b] = counts.get(b, 0) + 1
    ids = [i.rel if counts[b] > 1 else b for i, b in zip(inputs, base)]
    taken: set[str] = set()
    out = []
    for doc_id in ids:
        candidate, n = doc_id, 1
        while candidate in taken:
            n += 1
            candidate = f"{doc_id}~{n}"
        taken.add(candidate)
        out.append(candidate)
    return out


def list_corpus(corpus_dir: Path) -> list[Path]:
    """The document files (.txt/.md) under corpus_dir that are regular files, sorted."""
    out = []
    for i in list_inputs(corpus_dir):
        try:
            if i.kind == "document" and stat.S_ISREG(os.stat(i.path).st_mode):
                out.append(Path(i.path))
        except OSError:
            continue
    return out


def iter_inputs(corpus_dir: Path) -> Iterator[Document]:
    """One Document per input file: read documents (ok or error), skipped files, unreadable folders,
    and a bad metadata.csv (status error; the documents are read without it)."""
    corpus_dir = Path(corpus_dir)
    try:
        metadata, meta_error = load_metadata(corpus_dir), ""
    except DecodeError as exc:
        metadata, meta_error = {}, str(exc)
    inputs = list_inputs(corpus_dir)
    if meta_error:
        inputs.append(Input(os.path.join(os.fspath(corpus_dir), METADATA_NAME), METADATA_NAME, "error",
                            f"{METADATA_NAME}: {meta_error}" if METADATA_NAME not in meta_error else meta_error))
        inputs.sort(key=lambda i: (i.rel, i.path))
    for item, doc_id in zip(inputs, unique_ids(inputs)):
        if item.kind == "document":
            yield read_document(Path(item.path), corpus_dir, metadata, doc_id=doc_id)
        else:
            yield Document(doc_id=doc_id, source_path=item.rel, path=item.path,
                           status="skipped" if item.kind == "skipped" else "error", error=item.reason)


def iter_corpus(corpus_dir: Path) -> Iterator[Document]:
    """The documents (.txt/.md) of iter_inputs, read or failed; skipped files and folder errors left out."""
    for doc in iter_inputs(corpus_dir):
        if doc.status != "skipped" and doc.source_path.lower().endswith(SUFFIXES):
            yield doc
