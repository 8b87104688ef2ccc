"""Entities stage: PERSON / SHIP / INCIDENT mentions (plus GiNZA's WAR, MEETING, GPE, ORG) with canonical ids.

Public API
- add_entity_components(nlp, use_kb=True): appends the spaCy components after GiNZA's:
  "entity_kb_matcher" (KB aliases, character-level), "entity_rules" (rules + GiNZA ENE mapping),
  "entity_resolver" (readings in brackets, overlap policy). Results: doc._.entity_mentions (doc offsets).
- doc_mentions(doc, base): the mentions of one Doc (a chunk starting at `base`), absolute offsets.
- text_mentions(text, use_kb=True): the same for English/Latin-script documents, no GiNZA.
- link_mentions(mentions, text, use_kb=True): document level; fills canonical_id, name_ja, name_en,
  confidence; merges short forms with full forms; may add recurrences of names found once.

Mention dict: label, start, end, text, source, canonical_id, name_ja, name_en, confidence (text ==
document_text[start:end]). Before link_mentions, dicts also carry private keys starting with "_" (KB
candidates, weak-evidence flags); link_mentions drops them.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import rules
from .kb import load_kb
from .linking import link_mentions
from .patterns import kb_matcher
from .resolve import kb_mentions, resolve_overlaps

__all__ = ["add_entity_components", "doc_mentions", "link_mentions", "text_mentions"]

for _ext in ("entity_work", "entity_mentions"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


class EntityWork:
    """What the entity components share while one Doc passes through them: its text (spaCy rebuilds
    Doc.text from the tokens on every access), its token table, the candidates found so far.
    The resolver consumes it, so it never travels with a finished Doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text
        self.candidates: list[dict] = []
        self._tokens = None

    @property
    def tokens(self) -> rules.TokenInfo:
        if self._tokens is None:
            self._tokens = rules.TokenInfo(self.doc)
        return self._tokens


def _work(doc: Doc) -> EntityWork:
    if doc._.entity_work is None:
        doc._.entity_work = EntityWork(doc)
    return doc._.entity_work


class EntityKBMatcher:
    """Knowledge-base aliases matched on the characters of the doc (names hidden inside tokens included)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        work = _work(doc)  # the KB is looked up per doc: a run's --kb may differ from the last run's
        work.candidates += kb_mentions(work.text, kb_matcher(), load_kb())
        return doc


class EntityRules:
    """Rules for names nobody listed, plus GiNZA's own entities mapped and filtered."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        work = _work(doc)
        work.candidates += rule_candidates(work.text, doc, work.tokens)
        return doc


class EntityResolver:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        work = _work(doc)
        doc._.entity_mentions = finish(work.text, work.candidates, work.tokens)
        doc._.entity_work = None
        return doc


@Language.factory("entity_kb_matcher", assigns=["doc._.entity_work"], requires=["doc.ents"])
def make_kb_matcher(nlp: Language, name: str):
    return EntityKBMatcher(nlp, name)


@Language.factory("entity_rules", assigns=["doc._.entity_work"], requires=["doc.ents", "token.tag"])
def make_rules(nlp: Language, name: str):
    return EntityRules(nlp, name)


@Language.factory("entity_resolver", assigns=["doc._.entity_mentions"])
def make_resolver(nlp: Language, name: str):
    return EntityResolver(nlp, name)


def add_entity_components(nlp: Language, use_kb: bool = True) -> None:
    """Append the entity components after all of GiNZA's (idempotent)."""
    names = ["entity_kb_matcher", "entity_rules", "entity_resolver"] if use_kb else ["entity_rules", "entity_resolver"]
    for name in names:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)


def rule_candidates(text: str, doc: Doc | None = None, tok: rules.TokenInfo | None = None) -> list[dict]:
    """Rule candidates of `text` (== doc.text when a parsed Doc is given; `tok` is its token table)."""
    if doc is not None and tok is None:
        tok = rules.TokenInfo(doc)
    found = []
    found += rules.person_title_rules(text, tok)
    found += rules.katakana_fullname_rule(text)
    found += rules.ship_rules(text, tok)
    found += rules.maru_ship_rules(text, tok)
    found += rules.incident_rules(text, tok)
    found += rules.hen_incident_rules(text, tok)
    found += rules.emperor_rules(text, tok)
    found += rules.english_person_rules(text)
    found += rules.english_incident_rules(text)
    if doc is not None:
        found += rules.ginza_rules(doc, text, tok)
        found += rules.sudachi_name_rules(text, tok)
        found += rules.spaced_name_rules(text, tok)
        found += rules.surname_title_names(text, tok)
    return found


_FULL_NAME_SOURCES = ("rule:sudachi", "rule:sudachi-spaced", "rule:emperor", "rule:ginza-kana-name")


def _drop_kb_family_names(candidates: list[dict]) -> list[dict]:
    """A KB alias that is only the family name of a longer full name read off the tokens (鳩山 in 鳩山和夫)
    gives way to it: the document names another bearer of that family name."""
    fulls = [c for c in candidates if c["label"] == "PERSON" and c["source"] in _FULL_NAME_SOURCES]
    if not fulls:
        return candidates
    return [c for c in candidates if not (
        c["label"] == "PERSON" and c["source"] == "kb" and any(
            f["start"] == c["start"] and f["end"] > c["end"] for f in fulls))]


def finish(text: str, candidates: list[dict], tok: rules.TokenInfo | None = None) -> list[dict]:
    ms = resolve_overlaps(_drop_kb_family_names(candidates))
    ms = resolve_overlaps(ms + rules.reading_mentions(text, ms) + rules.name_part_mentions(text, ms, tok))
    return ms


def _provisional(m: dict, base: int) -> dict:
    d = dict(m)
    d["start"] += base
    d["end"] += base
    if d.get("_reading_of"):
        a, b = d["_reading_of"]
        d["_reading_of"] = (a + base, b + base)
    cands = d.get("_candidates") or []
    d["canonical_id"] = cands[0] if cands else None
    d.setdefault("name_ja", None)
    d.setdefault("name_en", None)
    return d


def doc_mentions(doc: Doc, base: int = 0) -> list[dict]:
    """Mentions of a processed Doc (a chunk at char offset `base` of its document), absolute offsets."""
    ms = doc._.entity_mentions
    if ms is None:  # the components did not run: rules only
        text = doc.text
        tok = rules.TokenInfo(doc)
        ms = finish(text, rule_candidates(text, doc, tok), tok)
    return [_provisional(m, base) for m in ms]


def text_mentions(text: str, use_kb: bool = True) -> list[dict]:
    """Mentions of a Latin-script document without GiNZA: KB aliases + English (and kana) name rules."""
    found = kb_mentions(text, kb_matcher(), load_kb()) if use_kb else []
    found += rule_candidates(text)
    found += rules.english_ship_rules(text)
    return [_provisional(m, 0) for m in finish(text, found)]
