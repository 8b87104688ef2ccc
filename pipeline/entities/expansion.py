"""Document-level expansion before linking: a name found once by a rule is found again wherever it recurs in
the document (same surface); the family-name short forms of full person names (トランプ of ドナルド・トランプ)
and the given names of Western full names (マリ of マリ・キュリー) are found wherever they occur, and a numbered
vessel by its number alone (357号)."""
from __future__ import annotations

import re

from pipeline.records import scored_labels

from .candidates import components
from .lexicon import EntityLexicon
from .overlaps import Spans
from .patterns import boundary_ok, is_kata

_NUMBER_BEFORE_OK = re.compile(r"[\s、。，,「『(（はがをにともの]")
_SHIP_NUMBER = re.compile(r".*[ぁ-ゖァ-ヺー一-龥々](\d{2,}号)")
# ---------------------------------------------------------------- document-level expansion

def _find_all(text: str, needle: str):
    i = text.find(needle)
    while i >= 0:
        yield i, i + len(needle)
        i = text.find(needle, i + 1)


def short_form(name: str, lex: EntityLexicon) -> str | None:
    """The family-name short form of a full name (ドナルド・トランプ -> トランプ, Robert Gallucci -> Gallucci)."""
    if re.fullmatch(r"(?:[A-Z]\.\s?)*[A-Z][A-Za-z'\-]+(?:\s+(?:[A-Z]\.\s?)*[A-Z][A-Za-z'\-]+)+", name):
        last = name.split()[-1]
        return last if len(last) >= 3 else None
    comps = components(name)
    if len(comps) < 2 or not all(re.fullmatch(r"[ァ-ヺー]+", c) for c in comps):
        return None
    if comps[0] in lex.korean_surnames_kata:
        return None  # Korean order: the first part is the family name, and it is too ambiguous alone
    last = comps[-1]
    if len(last) < 2 or last in lex.places_kata or last in lex.non_person_kata or last in lex.given_names_kata:
        return None
    return last


_NAME_JOINERS = "・＝=･"


def given_forms(names, lex: EntityLexicon) -> dict[str, str]:
    """Given-name short forms of the Western full names of a document (マリ・キュリー -> マリ), each mapped to
    the full name it shortens: only a given name that starts the full names of one family in the document
    (ピエール・キュリー and ピエール・ブール leave ピエール unlinked)."""
    families: dict[str, set[str]] = {}
    full: dict[str, str] = {}
    for name in names:
        comps = components(name)
        if short_form(name, lex) is None or len(comps[0]) < 2:
            continue
        first = comps[0]
        if first in lex.places_kata or first in lex.non_person_kata:
            continue
        families.setdefault(first, set()).add(comps[-1])
        full.setdefault(first, name)
    return {first: full[first] for first, fams in families.items() if len(fams) == 1}


def _short_ship_ok(text: str, s: int, e: int) -> bool:
    """A kanji ship name (千島) recurs as a word of its own, or before 艦/号/事件 (千島艦事件)."""
    if e - s < 2 or (s > 0 and re.match(r"[一-龥々]", text[s - 1])):
        return False
    return e >= len(text) or not re.match(r"[一-龥々]", text[e]) or text[e] in "艦号" or \
        text.startswith(("事件", "事故", "沈没", "撃沈"), e)


# two-kanji given names that a rule found standing alone (磯吉・小市とともに): found again as words of their own
_NAMED_ALONE = ("rule:given-name", "rule:listed-person", "rule:kin-name")
_ALONE_AFTER = re.compile(r"[はがをにともの、・]")


def expand_mentions(mentions: list[dict], text: str, lex: EntityLexicon) -> list[dict]:
    """Add recurrences of rule-found names and short forms of full person names."""
    linked = scored_labels()  # the labels that get canonical ids
    out = list(mentions)
    taken: dict[str, Spans] = {}
    for m in sorted(mentions, key=lambda m: (m["start"], m["end"])):
        sp = taken.setdefault(m["label"], Spans())
        if not sp.overlaps(m["start"], m["end"]):
            sp.add(m["start"], m["end"])
    taken.setdefault("PERSON", Spans())
    surfaces: dict[tuple[str, str], dict] = {}
    for m in mentions:
        if m["label"] not in linked or m.get("_weak") or m.get("_no_repeat") or m["source"].startswith("ginza"):
            continue
        t = m["text"]
        if len(t) >= 2 and not re.fullmatch(r"[ぁ-ゖ\d\W]+", t):
            surfaces.setdefault((m["label"], t), m)
    for (label, t), src in surfaces.items():
        if src["source"] == "kb":
            continue  # the KB matcher already saw every occurrence
        short_kanji = bool(re.fullmatch(r"[一-龥々]{1,2}", t))
        alone = short_kanji and len(t) == 2 and src["source"] in _NAMED_ALONE
        if short_kanji and label != "SHIP" and not alone:
            continue  # 南日 would also match inside 南日本
        kanji_ship = label == "SHIP" and bool(re.fullmatch(r"[一-龥々]+", t))
        for s, e in _find_all(text, t):
            if kanji_ship and not _short_ship_ok(text, s, e):
                continue  # 八重山 the ship, not 八重山諸島
            if alone and not (_ALONE_AFTER.match(text, e) and (s == 0 or not re.match(r"[一-龥々]", text[s - 1]))):
                continue  # 小市 again as a word of its own (小市は), not inside 小市民
            if not taken[label].overlaps(s, e) and boundary_ok(text, s, e):
                d = {k: v for k, v in src.items() if k not in ("start", "end", "text", "_reading_of")}
                d.update(start=s, end=e, text=text[s:e], source="doc:repeat",
                         confidence=min(src.get("confidence", 0.7), 0.7))
                out.append(d)
                taken[label].add(s, e)
    # (an English document's full names had their parts found already: english_document_mentions)
    person_names = [t for (label, t), m in surfaces.items() if label == "PERSON" and not m.get("_parts_done")]
    # given names from every full name found (the model's too: a given name needs a full name to stand for)
    given = given_forms([m["text"] for m in mentions if m["label"] == "PERSON" and not m.get("_weak")], lex)
    for sf in dict.fromkeys([short_form(t, lex) for t in person_names] + list(given)):
        if not sf:
            continue
        for s, e in _find_all(text, sf):
            if taken["PERSON"].overlaps(s, e) or not boundary_ok(text, s, e):
                continue
            if sf in given and (text[e:e + 1] in _NAME_JOINERS or text[s - 1:s] in _NAME_JOINERS):
                continue  # マリ in マリ・アントワネット: a part of another full name
            if s > 0 and text[s - 1].isdigit():
                continue
            if is_kata(sf[0]) is False and not (s == 0 or not text[s - 1].isalpha()):
                continue
            out.append({"start": s, "end": e, "text": text[s:e], "label": "PERSON", "source": "doc:shortform",
                        "confidence": 0.7})
            taken["PERSON"].add(s, e)
    # a numbered vessel named by its number alone (チャムスリ357号 … 357号は): the number is a mention of it
    numbered: dict[str, dict] = {}
    for m in mentions:
        hit = _SHIP_NUMBER.fullmatch(m["text"]) if m["label"] == "SHIP" else None
        if hit:
            numbered.setdefault(hit.group(1), m)
    taken.setdefault("SHIP", Spans())
    for number, full in numbered.items():
        for s, e in _find_all(text, number):
            if taken["SHIP"].overlaps(s, e) or (s > 0 and not _NUMBER_BEFORE_OK.match(text[s - 1])):
                continue
            if e < len(text) and text[e] in "令砲外泣数館線機":
                continue
            out.append({"start": s, "end": e, "text": text[s:e], "label": "SHIP", "source": "doc:shortform",
                        "confidence": 0.6, "_reading_of": (full["start"], full["end"])})
            taken["SHIP"].add(s, e)
    return out


# ---------------------------------------------------------------- disambiguation
