"""Patterns generated from the knowledge base, and a character-level matcher for them.

`kb_patterns` yields span_ruler-style patterns ({"label", "pattern", "id"}; id = canonical id, so a span_ruler
loaded with them surfaces it as span.id_). GiNZA's tokens often swallow names (トランプ大統領 is one token,
金正恩 is 金正+恩), so token patterns miss them; `AliasMatcher` matches the same patterns on the characters of
the text instead: one pass over a separator-free NFKC view of the text with a dict trie, offsets mapped back
to the original string.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .kb import KnowledgeBase, kb_keys, load_keyed, norm_key, normalized_view
from .lexicon import entity_lexicon

_KATA = re.compile(r"[ァ-ヺー]")
_KANJI = re.compile(r"[一-龥々〆]")
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ0-9]")
_NAME_SEP = "・･＝="
_END = "\0"


def kb_patterns(kb: KnowledgeBase) -> list[dict]:
    """span_ruler patterns for every name of every KB entity."""
    out = []
    prefix = re.compile(rf"^(?:{entity_lexicon().ship_prefixes})\s+")  # the lexicon's ship_prefixes
    for e in kb.entities.values():
        names = e.names()
        if e.type == "SHIP":  # prefixes stay outside a ship's span: HMS Phaeton → Phaeton
            names = [prefix.sub("", n) for n in names]
        for name in dict.fromkeys(names):
            out.append({"label": e.type, "pattern": name, "id": e.id, "weak": e.is_weak(name)})
    return out


def is_kata(c: str) -> bool:
    return bool(c) and bool(_KATA.match(c))


def is_kanji(c: str) -> bool:
    return bool(c) and bool(_KANJI.match(c))


def is_latin(c: str) -> bool:
    return bool(c) and bool(_LATIN.match(c))


def boundary_ok(text: str, start: int, end: int) -> bool:
    """A name match must not be the middle of a longer word of the same script.

    ケリー in ジョン・ケリー or in ケリーバッグ, Bush in bushes, and 2-kanji names inside longer kanji words are
    rejected; 金正恩 in 金正恩体制 and ブッシュ in ブッシュ政権 are kept (names inside compounds count).
    """
    first, last = text[start], text[end - 1]
    prev = text[start - 1] if start > 0 else ""
    prev2 = text[start - 2] if start > 1 else ""
    nxt = text[end] if end < len(text) else ""
    nxt2 = text[end + 1] if end + 1 < len(text) else ""
    if is_kata(first) and (is_kata(prev) or (prev in _NAME_SEP and is_kata(prev2))):
        return False
    if is_kata(last) and (is_kata(nxt) or (nxt in _NAME_SEP and is_kata(nxt2))):
        return False
    if is_latin(first) and is_latin(prev):
        return False
    if is_latin(last) and (is_latin(nxt) or (nxt in "-‐" and is_latin(nxt2))):
        return False
    if is_latin(first) and first.isascii() and first.islower():
        return False
    # short kanji aliases (安倍, 小泉) only when not glued to other kanji on the left
    return not (is_kanji(first) and is_kanji(last) and end - start <= 2
                and is_kanji(prev) and prev not in "米韓朝中日露元前故艦船長領相官使")


class AliasMatcher:
    """All occurrences of pattern strings in a text, character-exact, overlapping matches included."""

    def __init__(self, patterns: list[dict]):
        self.trie: dict = {}
        for p in patterns:
            key = norm_key(p["pattern"])
            if len(key) < 2:
                continue
            node = self.trie
            for ch in key:
                node = node.setdefault(ch, {})
            node.setdefault(_END, []).append(p)
        # the positions where some alias can start, found by `re` instead of a Python loop over every character
        self.starts = re.compile("[" + "".join(re.escape(ch) for ch in sorted(self.trie)) + "]") if self.trie else None

    def __call__(self, text: str) -> list[dict]:
        view, idx, last = normalized_view(text)
        trie = self.trie
        found = []
        n = len(view)
        for m in self.starts.finditer(view) if self.starts else ():
            i = m.start()
            node = trie[view[i]]
            j = i + 1
            while True:
                if _END in node:
                    start, end = idx[i], last[j - 1] + 1
                    if boundary_ok(text, start, end):
                        found.append((start, end, node[_END]))
                if j >= n:
                    break
                node = node.get(view[j])
                if node is None:
                    break
                j += 1
        out = []
        seen = set()
        for start, end, pats in found:
            if (start, end) in seen:
                continue
            seen.add((start, end))
            cands = list(dict.fromkeys(p["id"] for p in pats))
            labels = list(dict.fromkeys(p["label"] for p in pats))
            weak = {p["id"]: p["weak"] for p in pats}
            out.append({"start": start, "end": end, "text": text[start:end], "labels": labels,
                        "candidates": cands, "weak": weak, "source": "kb"})
        return out


def kb_matcher(user_kb_path: str | None = None, kb_path: str | None = None) -> AliasMatcher:
    """The matcher of load_kb(user_kb_path, kb_path): the (bundled) KB and the user KB over it."""
    return _matcher(*kb_keys(user_kb_path, kb_path))


@lru_cache(maxsize=4)
def _matcher(kb_key: tuple, user_key: tuple) -> AliasMatcher:
    return AliasMatcher(kb_patterns(load_keyed(kb_key, user_key)))
