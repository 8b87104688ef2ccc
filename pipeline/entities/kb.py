"""Knowledge base of real-world entities (data/kb.jsonl) and the name normalization shared by matching and linking.

One JSON object per entity: id, type (PERSON/SHIP/INCIDENT/AIRCRAFT), name_ja, name_en, aliases_ja, aliases_en,
wikidata, optional active [from, to] (years, for date-based disambiguation), roles (title words that point to this
referent) and weak_aliases (aliases that only count with supporting context, e.g. a ship named after a person).
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.normalize import split_runs
from pipeline.resources import ResourceError, read_lines
from pipeline.user_kb import BUNDLED_KB, read_user_kb

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


def parse_kb(lines, source: str = "knowledge base") -> KnowledgeBase:
    """The knowledge base of JSONL lines; a bad line fails with a ResourceError naming `source` and the line."""
    entities: dict[str, Entity] = {}
    index: dict[str, list[str]] = {}
    for n, line in enumerate(lines):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            e = _entity(json.loads(line), n)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ResourceError(f"{source}:{n + 1}: not a knowledge-base entry ({exc})") from None
        if e.id in entities:
            raise ResourceError(f"{source}:{n + 1}: duplicate id {e.id}")
        entities[e.id] = e
        for name in e.names():
            k = norm_key(name)
            if len(k) < 2 or re.fullmatch(r"[a-z]", k):
                continue
            ids = index.setdefault(k, [])
            if e.id not in ids:
                ids.append(e.id)
    return KnowledgeBase(entities, index)


def _key(path: str | Path | None) -> tuple:
    """A file's cache key: its resolved path and modification (an edited file is read again)."""
    if not path:
        return ()
    try:
        st = os.stat(path)
    except OSError:
        return (str(path), None)
    return (str(Path(path).resolve()), st.st_mtime_ns, st.st_size)


def kb_keys(user_kb_path: str | None = None, kb_path: str | None = None) -> tuple[tuple, tuple]:
    return _key(kb_path or BUNDLED_KB), _key(user_kb_path)


def load_kb(user_kb_path: str | None = None, kb_path: str | None = None) -> KnowledgeBase:
    """The knowledge base at `kb_path` (default: the bundled data/kb.jsonl) with the user KB at `user_kb_path`
    merged over it: a user entry replaces the entry with its id, and user entries come first as the prior
    for shared aliases."""
    return load_keyed(*kb_keys(user_kb_path, kb_path))


@lru_cache(maxsize=4)
def load_keyed(kb_key: tuple, user_key: tuple) -> KnowledgeBase:
    lines = read_lines(kb_key[0])
    if not user_key:
        return parse_kb(lines, str(kb_key[0]))
    user = read_user_kb(user_key[0])  # checked line by line, errors name the user's line
    parse_kb(lines, str(kb_key[0]))  # the knowledge base it goes over, checked with its own line numbers
    ids = {o["id"] for o in user}
    bundled = [line for line in lines if not (line.strip() and not line.startswith("#")
                                              and _line_id(line) in ids)]
    return parse_kb([json.dumps(o, ensure_ascii=False) for o in user] + bundled, f"{user_key[0]} over {kb_key[0]}")


def _line_id(line: str):
    try:
        return json.loads(line).get("id")
    except (ValueError, AttributeError):
        return None  # parse_kb names the bad line
