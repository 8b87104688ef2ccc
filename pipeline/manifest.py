"""Per-document cache for incremental runs.

Each processed document leaves OUT/.cache/docs/<key>.json holding its input
key (content hash, creation date, path), the pipeline fingerprint and its
records. A document is reprocessed when its key or the fingerprint changes.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from pipeline.export import write_atomic

PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=8)
def fingerprint(use_kb: bool) -> str:
    """Hash of the package's code and data files and the run options: any change reprocesses."""
    h = hashlib.sha256(f"use_kb={use_kb}".encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json", ".jsonl", ".tsv", ".csv") and "__pycache__" not in path.parts:
            h.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


class DocCache:
    def __init__(self, out_dir: Path, use_kb: bool):
        self.dir = Path(out_dir) / ".cache" / "docs"
        self.fingerprint = fingerprint(use_kb)

    def _path(self, doc_id: str) -> Path:
        return self.dir / (hashlib.sha256(doc_id.encode()).hexdigest()[:24] + ".json")

    @staticmethod
    def input_key(doc) -> str:
        return f"{doc.sha256}|{doc.creation_date}|{doc.source_path}"

    def get(self, doc) -> dict | None:
        try:
            entry = json.loads(self._path(doc.doc_id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if entry.get("key") != self.input_key(doc) or entry.get("fingerprint") != self.fingerprint:
            return None
        return entry["records"]

    def put(self, doc, records: dict) -> None:
        entry = {"doc_id": doc.doc_id, "key": self.input_key(doc), "fingerprint": self.fingerprint,
                 "records": records}
        write_atomic(self._path(doc.doc_id), json.dumps(entry, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    def prune(self, keep_doc_ids: set[str]) -> None:
        """Drop entries of documents no longer in the corpus."""
        keep = {self._path(d).name for d in keep_doc_ids}
        if self.dir.is_dir():
            for path in self.dir.glob("*.json"):
                if path.name not in keep:
                    path.unlink(missing_ok=True)
