"""Hepburn romanization of Japanese names, for ASCII ids and English display names of entities in no KB.

Kanji and hiragana go through pykakasi (its own dictionary, installed with the package: nothing is
downloaded at run time); katakana through the small table in data/romaji.json, which leaves long-vowel
marks out so that spelling variants (ジミー/ジミ) share an id. Long vowels are written short, as in
names in English text (東郷 → togo, 大久保 → okubo, 伊藤 → ito).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from pipeline.resources import ENTITY_DATA_DIR, collector_paused, require

from .kb import norm_key

ROMAJI_PATH = ENTITY_DATA_DIR / "romaji.json"

_KATA_RUN = re.compile(r"[ァ-ヺー]+")
_LATIN_RUN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ0-9０-９]+")
_SEPARATORS = re.compile(r"[\s・･＝=.．\-‐]+")
_LONG = (("ou", "o"), ("oo", "o"), ("uu", "u"), ("aa", "a"))


def katakana(kana: str) -> str:
    mono, di = require(ROMAJI_PATH, "mono"), require(ROMAJI_PATH, "di")
    out = []
    i = 0
    while i < len(kana):
        two = kana[i:i + 2]
        c = kana[i]
        if two in di:
            out.append(di[two])
            i += 2
            continue
        if c == "ッ" and i + 1 < len(kana):
            nxt = di.get(kana[i + 1:i + 3]) or mono.get(kana[i + 1], "")
            out.append(nxt[:1] if nxt else "")
        elif c == "ー":
            pass  # long vowels vary between spellings (ジミー/ジミ); leave them out of ids
        elif c in mono:
            out.append(mono[c])
        else:
            out.append(c.lower())
        i += 1
    return "".join(out)


@lru_cache(maxsize=1)
def _kakasi():
    import pykakasi  # imported when a name outside the KB first needs it

    with collector_paused():  # its dictionaries are unpickled at once (5× faster without collector passes)
        return pykakasi.kakasi()


def _short_vowels(word: str) -> str:
    """Long vowels written short (toukyou → tokyo); a final うえ is 上, no long vowel (井上 inoue, 村上 murakami)."""
    keep = word.endswith("oue")
    if keep:
        word = word[:-3]
    for a, b in _LONG:
        word = word.replace(a, b)
    return word + ("oue" if keep else "")


def _kakasi_words(text: str) -> tuple[str, ...]:
    out = []
    for item in _kakasi().convert(text):
        w = re.sub(r"[^a-z0-9]", "", item["hepburn"].lower())
        if w:
            out.append(_short_vowels(w))
    return tuple(out)


_TITLE_TAIL = ("天皇", "上皇", "法皇", "丸", "号", "事件", "事故", "事変", "騒動", "一揆")
_NAME_TAILS = ("天皇", "上皇", "法皇")  # a person's name before them
_ALL_KANJI = re.compile(r"[一-龥々ヶ]+")


@lru_cache(maxsize=16384)
def kanji_words(text: str) -> tuple[str, ...]:
    """Hepburn words of a kanji/hiragana string, as pykakasi segments it (東郷平八郎 → togo, heihachiro).
    A name pykakasi reads as one dictionary word is split where its parts read the same (西郷隆盛 →
    saigo, takamori), a four-kanji name else in the middle; 天皇, 丸, 事件 and the like are words of their own."""
    for tail in _TITLE_TAIL:
        if text.endswith(tail) and len(text) > len(tail):
            head = text[:-len(tail)]  # a ship's or incident's name is no family and given name (小笠原丸)
            return (kanji_words(head) if tail in _NAME_TAILS else _kakasi_words(head)) + _kakasi_words(tail)
    got = _kakasi_words(text)
    if len(got) != 1 or len(text) < 3 or not _ALL_KANJI.fullmatch(text):
        return got
    whole = got[0]
    for k in (2, 1, 3):
        if k < len(text):
            head = "".join(_kakasi_words(text[:k]))
            if head and whole.startswith(head) and len(whole) > len(head) + 1:
                return (head, whole[len(head):])
    if len(text) == 4:
        return _kakasi_words(text[:2]) + _kakasi_words(text[2:])
    return got


_ACCENTED = re.compile(r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")


@lru_cache(maxsize=16384)
def words(name: str) -> tuple[str, ...]:
    """The romanized words of a name in its written order; separators split words. Latin letters with
    diacritics lose them (Shōsuke → shosuke, Sanlúcar → sanlucar)."""
    name = _ACCENTED.sub(lambda m: unicodedata.normalize("NFKD", m.group())[0], name)
    out: list[str] = []
    for part in _SEPARATORS.split(name):
        for piece in re.findall(r"[ァ-ヺー]+|[A-Za-zＡ-Ｚａ-ｚ0-9０-９]+|[^ァ-ヺーA-Za-zＡ-Ｚａ-ｚ0-9０-９]+", part):
            if _KATA_RUN.fullmatch(piece):
                w = katakana(piece)
                out += [w] if w else []
            elif _LATIN_RUN.fullmatch(piece):
                out.append(norm_key(piece))
            else:
                out += list(kanji_words(piece))
    return tuple(w for w in out if w)


def slug(name: str) -> str:
    """ASCII id body for a name: romanized words joined by '-' (東郷平八郎 → togo-heihachiro)."""
    s = "-".join(words(name))
    s = re.sub(r"[^a-z0-9-]", "", s.lower())
    s = re.sub(r"-{2,}", "-", s).strip("-")
    return s or "x" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def display(name: str) -> str:
    """An English display form: the romanized words, capitalized (開陽丸 → Kaiyo Maru)."""
    return " ".join(w[:1].upper() + w[1:] for w in words(name))
