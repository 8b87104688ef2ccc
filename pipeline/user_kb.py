"""The user's own knowledge base (`run --kb FILE`): reading and checking the file, its digest for the cache.

Kept outside the entities package so that the runner and the cache can check a user KB without importing
spaCy (a no-op rerun does not). pipeline.entities.kb merges the entries over the bundled KB.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from functools import lru_cache
from pathlib import Path

from pipeline.records import id_prefixes
from pipeline.resources import ENTITY_DATA_DIR, read_lines

BUNDLED_KB = ENTITY_DATA_DIR / "kb.jsonl"
USER_KB_COLUMNS = ("id", "label", "name_ja", "name_en", "aliases", "wikidata")
_ID = re.compile(r"^([a-z]+):[a-z0-9][a-z0-9-]*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")


class KBError(ValueError):
    """A user knowledge base that cannot be used; the message names the file and line."""


def _aliases(value, where: str) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [a.strip() for a in value.split("|") if a.strip()]
    if isinstance(value, list) and all(isinstance(a, str) for a in value):
        return [a.strip() for a in value if a.strip()]
    raise KBError(f"{where}: aliases must be a list of strings or a '|'-separated string")


def _user_entity(row: dict, where: str) -> dict:
    """A user KB row (id, label, name_ja, name_en, aliases, wikidata) checked and turned into a KB object."""
    unknown = sorted(set(row) - set(USER_KB_COLUMNS) - {"aliases_ja", "aliases_en", "type", "active", "roles",
                                                           "weak_aliases"})
    if unknown:
        raise KBError(f"{where}: unknown column(s) {', '.join(unknown)} (expected {', '.join(USER_KB_COLUMNS)})")
    eid = (row.get("id") or "").strip()
    label = (row.get("label") or row.get("type") or "").strip().upper()
    if not _ID.match(eid):
        raise KBError(f"{where}: id {eid!r} is not <kind>:<ascii-slug> (e.g. person:togo-heihachiro)")
    prefixes = id_prefixes()
    if label not in prefixes:
        raise KBError(f"{where}: label {label!r} is not one of {', '.join(prefixes)}")
    if eid.split(":")[0] != prefixes[label]:
        raise KBError(f"{where}: id {eid!r} does not start with {prefixes[label]}: for label {label}")
    name_ja = (row.get("name_ja") or "").strip() or None
    name_en = (row.get("name_en") or "").strip() or None
    if not (name_ja or name_en):
        raise KBError(f"{where}: {eid} needs name_ja or name_en")
    wikidata = (row.get("wikidata") or "").strip() or None
    if wikidata and not _QID.match(wikidata):
        raise KBError(f"{where}: wikidata {wikidata!r} is not a Q-id (Q123)")
    aliases = _aliases(row.get("aliases"), where) + _aliases(row.get("aliases_ja"), where) + \
        _aliases(row.get("aliases_en"), where)
    obj = {"id": eid, "type": label, "name_ja": name_ja, "name_en": name_en, "wikidata": wikidata,
           "aliases_ja": [a for a in aliases if not a.isascii()], "aliases_en": [a for a in aliases if a.isascii()]}
    for key in ("active", "roles", "weak_aliases"):
        if row.get(key):
            obj[key] = row[key]
    return obj


def read_user_kb(path: str | Path) -> list[dict]:
    """The entities of a user KB file, CSV (header: id,label,name_ja,name_en,aliases,wikidata; aliases
    joined with '|') or JSONL (one object per line, the same keys; aliases a list); raises KBError."""
    path = Path(path)
    try:
        data = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise KBError(f"{path}: cannot read the knowledge base: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise KBError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    rows: list[tuple[int, dict]] = []
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        for n, line in enumerate(data.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                obj = json.loads(line)
            except ValueError as exc:
                raise KBError(f"{path}:{n}: not a JSON object: {exc}") from exc
            if not isinstance(obj, dict):
                raise KBError(f"{path}:{n}: not a JSON object")
            rows.append((n, obj))
    elif path.suffix.lower() in (".csv", ".tsv"):
        reader = csv.DictReader(io.StringIO(data), delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
        missing = [c for c in ("id", "label") if c not in (reader.fieldnames or [])]
        if missing:
            raise KBError(f"{path}:1: header lacks {', '.join(missing)} (columns: {', '.join(USER_KB_COLUMNS)})")
        for row in reader:
            if None in row:
                raise KBError(f"{path}:{reader.line_num}: more cells than header columns")
            if any((v or "").strip() for v in row.values()):
                rows.append((reader.line_num, row))
    else:
        raise KBError(f"{path}: knowledge base must be .csv or .jsonl")
    out, seen = [], {}
    for n, row in rows:
        obj = _user_entity(row, f"{path}:{n}")
        if obj["id"] in seen:
            raise KBError(f"{path}:{n}: duplicate id {obj['id']} (first on line {seen[obj['id']]})")
        seen[obj["id"]] = n
        out.append(obj)
    return out


@lru_cache(maxsize=2)
def _kb_wikidata(path: str, mtime: int) -> dict:
    out = {}
    for line in read_lines(path):
        if line.strip() and not line.startswith("#"):
            obj = json.loads(line)
            if obj.get("wikidata"):
                out[obj["id"]] = obj["wikidata"]
    return out


@lru_cache(maxsize=4)
def _user_wikidata(path: str, mtime: int) -> dict:
    return {o["id"]: o["wikidata"] for o in read_user_kb(path)}


def wikidata_of(cid: str, user_kb_path: str | None = None, kb_path: str | None = None) -> str | None:
    """The Q-id of an entity in the (bundled) KB or the user KB over it (the user's entry wins)."""
    if user_kb_path:
        user = _user_wikidata(str(user_kb_path), os.stat(user_kb_path).st_mtime_ns)
        if cid in user:
            return user[cid]
    path = kb_path or BUNDLED_KB
    return _kb_wikidata(str(path), os.stat(path).st_mtime_ns).get(cid)
