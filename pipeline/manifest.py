"""Per-document cache for incremental runs.

Each processed document leaves OUT/.cache/docs/<key>.json holding its input
key (content hash, creation date, path), the pipeline fingerprint and its
records. A document is reprocessed when its key or the fingerprint changes.
The outputs are assembled from these entries one at a time; OUT/.cache/outputs.json
records the digest of the inputs they were assembled from (and the files'
sizes and mtimes), so a rerun with nothing new skips assembling altogether.
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from pipeline.config import config_key, entity_config
from pipeline.resources import file_digest
from pipeline.storage.outset import clean_own_temps
from pipeline.storage.writers import write_atomic

_ENTRY_NAME = re.compile(r"^[0-9a-f]{24}\.json$")

PACKAGE_DIR = Path(__file__).resolve().parent


def fingerprint(config: dict | None = None) -> str:
    """Hash of the package's code and data files, the pipeline's entity configuration (overrides of
    pipeline.config.ENTITY_CONFIG) and the content of the files it names outside the package (a user KB, a
    knowledge base or a lexicon of one's own): any change reprocesses."""
    config = entity_config(**(config or {}))
    named = ["user_kb_path", "kb_path"] if config["use_kb"] else []
    files = "|".join(f"{key}={file_digest(config[key])}" for key in [*named, "lexicon_path"] if config.get(key))
    return _fingerprint(config_key(config), files)


@lru_cache(maxsize=8)
def _fingerprint(config: str, user_kb: str) -> str:
    h = hashlib.sha256(f"config={config}|user_kb={user_kb}".encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json", ".jsonl", ".tsv", ".csv") and "__pycache__" not in path.parts:
            h.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


class DocCache:
    def __init__(self, out_dir: Path, config: dict | None = None):
        self.dir = Path(out_dir) / ".cache" / "docs"
        self.fingerprint = fingerprint(config)

    def _path(self, doc_id: str) -> Path:
        return self.dir / (hashlib.sha256(doc_id.encode()).hexdigest()[:24] + ".json")

    @staticmethod
    def input_key(doc) -> str:
        """Content, creation date and the path relative to the corpus folder (not as typed: a moved
        corpus, or one named by a relative or an absolute path, is not reprocessed)."""
        return f"{doc.sha256}|{doc.creation_date}|{doc.source_path}"

    def _entry(self, doc) -> tuple[dict, bytes] | None:
        try:
            data = self._path(doc.doc_id).read_bytes()
            entry = json.loads(data)
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != self.input_key(doc) \
                or entry.get("fingerprint") != self.fingerprint:
            return None
        return entry, data

    def load(self, doc) -> tuple[str, dict] | None:
        """(digest of the entry, its records) when doc's entry is valid for doc, else None."""
        found = self._entry(doc)
        return None if found is None else (hashlib.sha256(found[1]).hexdigest(), found[0]["records"])

    def records(self, doc_id: str) -> dict:
        """The records of an entry known to be valid (load/put in this run)."""
        return json.loads(self._path(doc_id).read_bytes())["records"]

    def put(self, doc, records: dict) -> str:
        """Store doc's records; returns the entry's digest."""
        entry = {"doc_id": doc.doc_id, "key": self.input_key(doc), "fingerprint": self.fingerprint,
                 "records": records}
        data = json.dumps(entry, ensure_ascii=False, sort_keys=True).encode("utf-8")
        write_atomic(self._path(doc.doc_id), data)
        return hashlib.sha256(data).hexdigest()

    def prune(self, keep_doc_ids: set[str]) -> None:
        """Drop entries of documents no longer in the corpus (and temp files of killed writes): only
        files named as this cache names them; anything else in the folder is left alone."""
        keep = {self._path(d).name for d in keep_doc_ids}
        if self.dir.is_dir():
            for path in self.dir.iterdir():
                if _ENTRY_NAME.match(path.name) and path.name not in keep and path.is_file():
                    path.unlink(missing_ok=True)
            clean_own_temps(self.dir)


class OutputState:
    """OUT/.cache/outputs.json: the digest of the inputs the outputs were assembled from,
    with each output file's size and mtime (a file changed or missing since → assemble again)."""

    def __init__(self, out_dir: Path, names: list[str]):
        self.out_dir = Path(out_dir)
        self.path = self.out_dir / ".cache" / "outputs.json"
        self.names = names

    def _files(self) -> dict | None:
        files = {}
        for name in self.names:
            try:
                st = (self.out_dir / name).stat()
            except OSError:
                return None
            files[name] = [st.st_size, st.st_mtime_ns]
        return files

    def current(self, digest: str) -> bool:
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return isinstance(state, dict) and state.get("inputs") == digest and state.get("files") == self._files()

    def save(self, digest: str) -> None:
        files = self._files()
        if files is not None:
            write_atomic(self.path, json.dumps({"inputs": digest, "files": files}, sort_keys=True).encode("utf-8"))
