"""The inputs of a corpus folder: every file under it accounted for, a unique doc_id each, one Document per
input (ok, error with the reason, or skipped: a file type that is not read)."""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .decode import DecodeError, readable
from .documents import METADATA_NAME, SIDECAR_SUFFIX, Document, _rel, doc_id_for, load_metadata, read_document

SUFFIXES = (".txt", ".md")


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
