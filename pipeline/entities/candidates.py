"""What every name rule shares: the candidate dict, the name patterns, and the token table of a parsed Doc.

A candidate is {start, end, text, label, source, confidence} (character offsets into the text). `TokenInfo`
(optional) carries GiNZA/SudachiPy token tags so a rule can ask "is this a proper noun?" when a model ran;
without it (English documents, tests) the rules still work.
"""
from __future__ import annotations

import bisect
import re

import numpy
from spacy.attrs import IDX, LENGTH, POS, TAG

from .lexicon import EntityLexicon

KCOMP = r"[ァ-ヴ][ァ-ヺー]*"
INIT = r"[A-ZＡ-Ｚ][.．]?"
SEP = r"[・＝=･]"
KNAME = rf"{KCOMP}(?:(?:{SEP}|(?=[A-ZＡ-Ｚ]))(?:{INIT}{SEP}?)*{KCOMP})*(?:{SEP}?(?:Jr|Sr)\.?(?![A-Za-z]))?"
KANJI = r"[一-龥々]"
_SENT_END = "。！？!?\n"
# words that label a person's other name (幼名は麟太郎, 諱は義邦, 号は自然堂); 号 and 字 only as words of their own
# (not プエブロ号, 漢字)
NAME_LABELS = (r"(?:生誕名|出生名|本名|旧姓|旧名|洗礼名|幼名|通称|別名|俗名|法名|諱|初名|雅号|変名|"
               r"(?<![一-龥々ァ-ヺー0-9０-９A-Za-z])[号字])")
_ROUTE = re.compile(r"[ \u3000]*[-‐－–—〜～][ \u3000]*")  # 宇野 - 高松間


def cand(text, s, e, label, source, conf, **extra) -> dict:
    d = {"start": s, "end": e, "text": text[s:e], "label": label, "source": source, "confidence": conf}
    d.update(extra)
    return d


def components(name: str) -> list[str]:
    return [p for p in re.split(r"[・＝=･.．\sA-ZＡ-Ｚ]+", name) if p]


def sentence_bounds(text: str, s: int, e: int, limit: int = 300) -> tuple[int, int]:
    a = s
    lo = max(0, s - limit)
    while a > lo and text[a - 1] not in _SENT_END:
        a -= 1
    b = e
    hi = min(len(text), e + limit)
    while b < hi and text[b] not in _SENT_END:
        b += 1
    return a, b


def _names(strings, hashes) -> list[str]:
    """String-store hashes → their strings, looked up once per distinct hash."""
    distinct, index = numpy.unique(hashes, return_inverse=True)
    names = [strings[h] for h in distinct.tolist()]
    return [names[i] for i in index.tolist()]


class TokenInfo:
    """Token spans and tags of a spaCy Doc, queried by character offsets (relative to the doc text).
    Read from one `Doc.to_array` call: iterating a Doc builds a Token object per token, which
    cost more than all the rules together."""

    def __init__(self, doc):
        table = doc.to_array([IDX, LENGTH, TAG, POS])
        self.starts = table[:, 0].astype("int64").tolist()
        self.ends = (table[:, 0] + table[:, 1]).astype("int64").tolist()
        self.tags = _names(doc.vocab.strings, table[:, 2])
        self.pos = _names(doc.vocab.strings, table[:, 3])

    def tokens(self, s: int, e: int) -> range:
        i = bisect.bisect_right(self.ends, s)
        j = bisect.bisect_left(self.starts, e)
        return range(i, j)

    def has_propn(self, s: int, e: int) -> bool:
        return any(self.pos[i] == "PROPN" or "固有名詞" in self.tags[i] for i in self.tokens(s, e))

    def is_token(self, s: int, e: int) -> bool:
        """[s, e) starts and ends on token boundaries."""
        idx = self.tokens(s, e)
        return bool(idx) and self.starts[idx[0]] >= s and self.ends[idx[-1]] <= e

    def place_like(self, text: str, s: int, e: int, lex: EntityLexicon) -> bool:
        """A candidate name that Sudachi reads as a place, or whose last token is a place, temple or
        building word (ポーツマス, 野比沖, 園城寺, 寺田屋): not a person whatever a model said."""
        idx = [i for i in self.tokens(s, e) if self.pos[i] not in ("PUNCT", "SYM", "SPACE")
               and not text[self.starts[i]].isspace()]
        if not idx:
            return False
        if all("地名" in self.tags[i] for i in idx):
            return True
        last = idx[-1]
        if "人名" in self.tags[last] and self.starts[last] >= s:
            return False
        word = text[max(s, self.starts[last]):min(e, self.ends[last])]
        suffixes = lex.place_heads
        return word in suffixes or any(word.endswith(x) and len(word) > len(x) for x in ("寺", "沖", "門外"))

    def token_at(self, pos: int) -> int | None:
        """The index of the token that starts at character `pos`, if one does."""
        i = bisect.bisect_left(self.starts, pos)
        return i if i < len(self.starts) and self.starts[i] == pos else None

    def tag_at(self, pos: int) -> str:
        """The tag of the token that starts at character `pos` ("" if none does)."""
        i = self.token_at(pos)
        return "" if i is None else self.tags[i]

    def names_a_place(self, text: str, s: int, e: int, lex: EntityLexicon) -> bool:
        """A family name alone that, with the word right after it, names a place, line, unit, office or
        trial (山下|公園, 宇野|線, 松前|奉行, 近衛|砲兵, 松川|裁判), or that is one end of a route between
        places (宇野 - 高松間): not a person."""
        idx = list(self.tokens(s, e))
        if not idx or not all(self.tags[i].endswith("人名-姓") for i in idx):
            return False
        j = self.token_at(e)
        if j is not None and text[self.starts[j]:self.ends[j]] in lex.place_heads:
            return True
        m = _ROUTE.match(text, e)
        if m is None:
            return False
        j = self.token_at(m.end())
        return j is not None and ("地名" in self.tags[j] or "間" in text[self.ends[j]:self.ends[j] + 2])

    def person_tag(self, s: int, e: int) -> bool:
        return any("人名" in self.tags[i] for i in self.tokens(s, e))

    def common_noun_word(self, s: int, e: int) -> bool:
        """True when [s, e) is (or contains) a multi-character common noun: 安保理, 発射, 部隊."""
        for i in self.tokens(s, e):
            if "普通名詞" in self.tags[i] and self.ends[i] - self.starts[i] >= 2 and \
                    self.starts[i] >= s and self.ends[i] <= e:
                return True
        return False
