"""Knowledge base of real-world entities (data/kb.jsonl) and the name normalization shared by matching and linking.

One JSON object per entity: id, type (PERSON/SHIP/INCIDENT/AIRCRAFT), name_ja, name_en, aliases_ja, aliases_en,
wikidata, optional active [from, to] (years, for date-based disambiguation), roles (title words that point to this
referent) and weak_aliases (aliases that only count with supporting context, e.g. a ship named after a person).
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.normalize import split_runs

DATA = Path(__file__).with_name("data")
KB_PATH = DATA / "kb.jsonl"
USER_KB_ENV = "PIPELINE_KB"  # a user knowledge base merged over the bundled one (set by `run --kb FILE`)
USER_KB_COLUMNS = ("id", "label", "name_ja", "name_en", "aliases", "wikidata")
LABELS = {"PERSON": "person", "SHIP": "ship", "INCIDENT": "incident", "AIRCRAFT": "aircraft"}
_ID = re.compile(r"^([a-z]+):[a-z0-9][a-z0-9-]*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")

# Characters that vary between spellings of one name (ジョージ・W・ブッシュ / ジョージW.ブッシュ / Kim Jong-un).
SEPARATORS = frozenset("・･＝=·‧ \u3000-‐‑–—.．")


@lru_cache(maxsize=8192)  # a document repeats few distinct characters many times
def norm_char(c: str) -> str:
    """NFKC of one character, ASCII letters lowercased; '' for separators."""
    if c in SEPARATORS:
        return ""
    n = unicodedata.normalize("NFKC", c)
    if n in SEPARATORS:
        return ""
    return n.lower() if n.isascii() else n


# kana, kanji, lowercase ASCII letters and digits: their own view, copied as whole runs
PLAIN_RUN = re.compile("[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fffa-z0-9]+")

_MARKS = ("\u3099", "\u309a")  # half-width ﾞ/ﾟ become combining marks under NFKC


def normalized_view(text: str) -> tuple[str, list[int], list[int]]:
    """Separator-free NFKC view of text; per view character the first and last index in text it covers."""
    chars: list[str] = []
    first: list[int] = []
    last: list[int] = []
    for start, end, plain in split_runs(PLAIN_RUN, text):
        if plain:
            chars.append(text[start:end])
            first.extend(range(start, end))
            last.extend(range(start, end))
        else:
            _view_chars(text, start, end, chars, first, last)
    return "".join(chars), first, last


def _view_chars(text: str, start: int, end: int, chars: list[str], first: list[int], last: list[int]) -> None:
    """normalized_view for text[start:end], one character at a time, appended to the lists."""
    for i in range(start, end):
        c = text[i]
        n = norm_char(c)
        if n in _MARKS and chars:
            prev = chars[-1]  # a single character or a whole plain run: the mark joins its last character
            merged = unicodedata.normalize("NFC", prev[-1] + n)
            if len(merged) == 1:  # カ+゛→ガ; a mark after 0 stays its own character
                chars[-1] = prev[:-1] + merged
                last[-1] = i
                continue
        for ch in n:
            chars.append(ch)
            first.append(i)
            last.append(i)


def norm_key(name: str) -> str:
    """The matching key of a name: separators dropped, NFKC, ASCII lowercased."""
    return normalized_view(name)[0]


@dataclass
class Entity:
    id: str
    type: str
    name_ja: str | None
    name_en: str | None
    aliases_ja: list[str] = field(default_factory=list)
    aliases_en: list[str] = field(default_factory=list)
    wikidata: str | None = None
    active: tuple[int, int] | None = None
    roles: list[str] = field(default_factory=list)
    weak_aliases: list[str] = field(default_factory=list)
    order: int = 0  # position in the file: the prior for ambiguous aliases

    def names(self) -> list[str]:
        out = [n for n in (self.name_ja, self.name_en) if n]
        return out + self.aliases_ja + self.aliases_en

    def is_weak(self, alias: str) -> bool:
        k = norm_key(alias)
        return any(norm_key(w) == k for w in self.weak_aliases)


@dataclass
class KnowledgeBase:
    entities: dict[str, Entity]
    alias_index: dict[str, list[str]]  # norm_key(alias) -> entity ids, KB order

    def get(self, eid: str) -> Entity | None:
        return self.entities.get(eid)

    def lookup(self, name: str) -> list[Entity]:
        return [self.entities[i] for i in self.alias_index.get(norm_key(name), [])]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.entities.values():
            out[e.type] = out.get(e.type, 0) + 1
        return out


def _entity(obj: dict, order: int) -> Entity:
    act = obj.get("active")
    return Entity(
        id=obj["id"], type=obj["type"], name_ja=obj.get("name_ja"), name_en=obj.get("name_en"),
        aliases_ja=list(obj.get("aliases_ja") or []), aliases_en=list(obj.get("aliases_en") or []),
        wikidata=obj.get("wikidata"), active=tuple(act) if act else None,
        roles=list(obj.get("roles") or []), weak_aliases=list(obj.get("weak_aliases") or []), order=order,
    )


def parse_kb(lines) -> KnowledgeBase:
    entities: dict[str, Entity] = {}
    index: dict[str, list[str]] = {}
    for n, line in enumerate(lines):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        e = _entity(json.loads(line), n)
        if e.id in entities:
            raise ValueError(f"duplicate KB id {e.id}")
        entities[e.id] = e
        for name in e.names():
            k = norm_key(name)
            if len(k) < 2 or re.fullmatch(r"[a-z]", k):
                continue
            ids = index.setdefault(k, [])
            if e.id not in ids:
                ids.append(e.id)
    return KnowledgeBase(entities, index)


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
    if label not in LABELS:
        raise KBError(f"{where}: label {label!r} is not one of {', '.join(LABELS)}")
    if eid.split(":")[0] != LABELS[label]:
        raise KBError(f"{where}: id {eid!r} does not start with {LABELS[label]}: for label {label}")
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


def user_kb_path() -> str | None:
    return os.environ.get(USER_KB_ENV) or None


def user_kb_digest(path: str | None = None) -> str:
    """Hash of the user KB's bytes ('' without one): part of the cache fingerprint."""
    import hashlib

    path = path or user_kb_path()
    if not path:
        return ""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return "unreadable"


def _key(path: str | None) -> tuple:
    if not path:
        return ()
    try:
        st = os.stat(path)
    except OSError:
        return (str(path), None)
    return (str(Path(path).resolve()), st.st_mtime_ns, st.st_size)


def load_kb(path: str | None = None) -> KnowledgeBase:
    """The bundled KB with the user KB at `path` (default: $PIPELINE_KB) merged over it: a user entry
    replaces the bundled entry with its id, and user entries come first as the prior for shared aliases."""
    return _load(_key(path or user_kb_path()))


def active_kb() -> KnowledgeBase:
    return load_kb()


@lru_cache(maxsize=4)
def _load(key: tuple) -> KnowledgeBase:
    with open(KB_PATH, encoding="utf-8") as f:
        lines = list(f)
    if not key:
        return parse_kb(lines)
    user = read_user_kb(key[0])
    ids = {o["id"] for o in user}
    bundled = [line for line in lines if not (line.strip() and not line.startswith("#")
                                              and json.loads(line)["id"] in ids)]
    return parse_kb([json.dumps(o, ensure_ascii=False) for o in user] + bundled)


@lru_cache(maxsize=1)
def lexicon() -> dict:
    with open(DATA / "lexicon.json", encoding="utf-8") as f:
        return json.load(f)
