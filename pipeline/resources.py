"""The one loader of the entities' and events' data files (pipeline/data/*.json, pipeline/entities/data/*)
(the dates stage compiles its patterns from its own tables in pipeline/dates/data through dates/lexicon).

A file is read once per path (and per modification: an edited file is read again) into frozen values:
JSON objects become MappingProxyType, arrays tuples. `require(path, "a", "b")` returns data["a"]["b"] and
fails with a ResourceError that names the file and the key when either is missing; the stages turn these
values into their own typed, frozen lexicons (entities.lexicon.EntityLexicon, events.lexicon.Lexicon).
Nothing is read at import time: the components read their files when they are built.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"  # the events stage's files and the model's label list
ENTITY_DATA_DIR = PACKAGE_DIR / "entities" / "data"


class ResourceError(LookupError):
    """A data file that cannot be read, or a key it lacks; the message names the file (and the key)."""


def freeze(value):
    """JSON values made immutable: objects → MappingProxyType, arrays → tuples."""
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


def _stamp(path: Path) -> tuple:
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read the data file: {exc.strerror or exc}") from exc
    return st.st_mtime_ns, st.st_size


def file_digest(path: str | Path | None) -> str:
    """A short hash of a file's bytes ('' without a path, "unreadable" when it cannot be read): a run's own
    knowledge base or lexicon in the cache fingerprint."""
    if not path:
        return ""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return "unreadable"


def read_json(path: str | Path):
    """The frozen content of a JSON file, read once per path and modification."""
    path = Path(path)
    return _read_json(path, _stamp(path))


@lru_cache(maxsize=32)
def _read_json(path: Path, stamp: tuple):
    try:
        return freeze(json.loads(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read the data file: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise ResourceError(f"{path}: not valid JSON: {exc}") from exc


def read_lines(path: str | Path) -> tuple[str, ...]:
    """The lines of a text file (a JSONL knowledge base), read once per path and modification."""
    path = Path(path)
    return _read_lines(path, _stamp(path))


@lru_cache(maxsize=8)
def _read_lines(path: Path, stamp: tuple) -> tuple[str, ...]:
    try:
        with open(path, encoding="utf-8") as f:
            return tuple(f)
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read the data file: {exc.strerror or exc}") from exc


def require(path: str | Path, *keys: str):
    """read_json(path)[keys[0]][keys[1]]…; a missing key raises ResourceError naming the file and the key."""
    value = read_json(path)
    for n, key in enumerate(keys):
        try:
            value = value[key]
        except (KeyError, TypeError):
            raise ResourceError(f"{path}: no key {'.'.join(keys[:n + 1])!r}") from None
    return value


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector off for the block (and back as it was after it). Unpickling a large
    dictionary creates objects faster than they die, so the collector keeps running full passes over every
    object alive, the loaded spaCy model's included: pykakasi's 9.7 MB dictionary loads in 1.05 s with the
    model loaded, 0.18 s without those passes."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
