"""Entities stage: PERSON / SHIP / INCIDENT mentions (plus GiNZA's WAR, MEETING, GPE, ORG) with canonical ids.

Public API
- add_entity_components(nlp, config=None): appends the spaCy components after GiNZA's:
  "entity_kb_matcher" (KB aliases, character-level), "entity_rules" (rules + GiNZA ENE mapping),
  "entity_resolver" (readings in brackets, overlap policy). Results: doc._.entity_mentions (doc offsets).
  Their options are their factory config (pipeline.config.ENTITY_CONFIG: use_kb, kb_path, user_kb_path,
  lexicon_path); `config` overrides it, as `nlp.add_pipe(name, config=...)` does.
- entity_resources(config): the lexicon and knowledge base of a configuration, for the functions below.
- doc_mentions(doc, base, lexicon): the mentions of one Doc (a chunk starting at `base`), absolute offsets.
- text_mentions(text, resources): the same for English/Latin-script documents, no GiNZA.
- link_mentions(mentions, text, resources): document level; fills canonical_id, name_ja, name_en,
  confidence; merges short forms with full forms; may add recurrences of names found once.

Mention dict: label, start, end, text, source, canonical_id, name_ja, name_en, confidence (text ==
document_text[start:end]). Before link_mentions, dicts also carry private keys starting with "_" (KB
candidates, weak-evidence flags); link_mentions drops them.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.config import ENTITY_CONFIG, entity_config

from .candidates import TokenInfo
from .english import english_document_mentions, english_kb_conflicts, english_rules
from .ginza import ginza_rules
from .incidents import arrival_incidents, english_incident_rules, hen_incident_rules, incident_rules
from .kb_matches import kb_mentions
from .lexicon import EntityLexicon
from .linking import link_mentions
from .loader import EntityResources, entity_resources
from .not_persons import drop_non_individuals
from .overlaps import resolve_overlaps
from .persons import (
    emperor_rules,
    english_person_rules,
    formal_names,
    given_names_alone,
    katakana_fullname_rule,
    kin_names,
    labelled_names,
    name_part_mentions,
    person_title_rules,
    spaced_name_rules,
    sudachi_name_rules,
    surname_title_names,
    with_regnal_numbers,
)
from .readings import nested_ship_readings, reading_mentions
from .ships import defined_ships, english_ship_rules, listed_ships, maru_ship_rules, ship_rules

__all__ = ["EntityResources", "add_entity_components", "doc_mentions", "entity_resources", "link_mentions",
           "text_mentions"]

for _ext in ("entity_work", "entity_mentions"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)

COMPONENTS = ("entity_kb_matcher", "entity_rules", "entity_resolver")
LEXICON_CONFIG = {"lexicon_path": ENTITY_CONFIG["lexicon_path"]}  # the options of the two components without KB


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
    def tokens(self) -> TokenInfo:
        if self._tokens is None:
            self._tokens = TokenInfo(self.doc)
        return self._tokens


def _work(doc: Doc) -> EntityWork:
    if doc._.entity_work is None:
        doc._.entity_work = EntityWork(doc)
    return doc._.entity_work


class EntityComponent:
    """A component reads its files when it is built (a bad file fails the load, not a document) and looks
    them up again per doc, from a cache keyed by each file's modification: an edited KB is read again."""

    def __init__(self, name: str, **config):
        self.name = name
        self.config = entity_config(**config)
        entity_resources(self.config)

    @property
    def resources(self) -> EntityResources:
        return entity_resources(self.config)


class EntityKBMatcher(EntityComponent):
    """Knowledge-base aliases matched on the characters of the doc (names hidden inside tokens included)."""

    def __call__(self, doc: Doc) -> Doc:
        res = self.resources
        if res.matcher is not None:
            work = _work(doc)
            work.candidates += kb_mentions(work.text, res.matcher, res.kb, res.lexicon)
        return doc


class EntityRules(EntityComponent):
    """Rules for names nobody listed, plus GiNZA's own entities mapped and filtered."""

    def __call__(self, doc: Doc) -> Doc:
        work = _work(doc)
        work.candidates += rule_candidates(work.text, self.resources.lexicon, doc, work.tokens)
        return doc


class EntityResolver(EntityComponent):
    def __call__(self, doc: Doc) -> Doc:
        work = _work(doc)
        doc._.entity_mentions = finish(work.text, work.candidates, self.resources.lexicon, work.tokens)
        doc._.entity_work = None
        return doc


@Language.factory("entity_kb_matcher", default_config=dict(ENTITY_CONFIG), assigns=["doc._.entity_work"],
                  requires=["doc.ents"])
def make_kb_matcher(nlp: Language, name: str, use_kb: bool, kb_path: str | None, user_kb_path: str | None,
                    lexicon_path: str | None):
    return EntityKBMatcher(name, use_kb=use_kb, kb_path=kb_path, user_kb_path=user_kb_path,
                           lexicon_path=lexicon_path)


@Language.factory("entity_rules", default_config=dict(LEXICON_CONFIG), assigns=["doc._.entity_work"],
                  requires=["doc.ents", "token.tag"])
def make_rules(nlp: Language, name: str, lexicon_path: str | None):
    return EntityRules(name, lexicon_path=lexicon_path)


@Language.factory("entity_resolver", default_config=dict(LEXICON_CONFIG), assigns=["doc._.entity_mentions"])
def make_resolver(nlp: Language, name: str, lexicon_path: str | None):
    return EntityResolver(name, lexicon_path=lexicon_path)


def add_entity_components(nlp: Language, config: dict | None = None) -> None:
    """Append the entity components after all of GiNZA's (idempotent), with `config` (overrides of
    pipeline.config.ENTITY_CONFIG) given to each as far as it takes the option."""
    config = entity_config(**(config or {}))
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            options = config if name == "entity_kb_matcher" else {k: config[k] for k in LEXICON_CONFIG}
            nlp.add_pipe(name, last=True, config=options)


def rule_candidates(text: str, lexicon: EntityLexicon, doc: Doc | None = None,
                    tok: TokenInfo | None = None, english: bool = False) -> list[dict]:
    """Rule candidates of `text` (== doc.text when a parsed Doc is given; `tok` is its token table). With
    `english` (an English document) the English rules of english.py replace the few Latin-script rules that run
    on the Latin parts of Japanese text."""
    if doc is not None and tok is None:
        tok = TokenInfo(doc)
    lex = lexicon
    found = []
    found += person_title_rules(text, lex, tok)
    found += katakana_fullname_rule(text, lex)
    found += ship_rules(text, lex, tok)
    found += maru_ship_rules(text, lex, tok)
    found += defined_ships(text, lex)
    found += incident_rules(text, lex, tok)
    found += hen_incident_rules(text, lex, tok)
    found += arrival_incidents(text)
    found += emperor_rules(text, lex, tok)
    if english:
        found += english_rules(text, lex)
    else:
        found += english_person_rules(text, lex)
        found += english_incident_rules(text)
    if doc is not None:
        found += ginza_rules(doc, text, lex, tok)
        found += sudachi_name_rules(text, tok, lex)
        found += spaced_name_rules(text, tok)
        found += surname_title_names(text, tok, lex)
        found += formal_names(text, tok, lex)
        found += labelled_names(text, tok, lex)
        found += kin_names(text, tok, lex)
        found += given_names_alone(text, tok, lex)
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


def finish(text: str, candidates: list[dict], lexicon: EntityLexicon, tok: TokenInfo | None = None) -> list[dict]:
    candidates = drop_non_individuals(text, listed_ships(text, candidates), lexicon)
    ms = resolve_overlaps(with_regnal_numbers(text, _drop_kb_family_names(candidates)))
    readings = reading_mentions(text, ms, lexicon)
    ms = resolve_overlaps(ms + readings + nested_ship_readings(text, ms + readings)
                          + drop_non_individuals(text, name_part_mentions(text, ms, tok, lexicon), lexicon))
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


def doc_mentions(doc: Doc, base: int, lexicon: EntityLexicon) -> list[dict]:
    """Mentions of a processed Doc (a chunk at char offset `base` of its document), absolute offsets."""
    ms = doc._.entity_mentions
    if ms is None:  # the components did not run: rules only
        text = doc.text
        tok = TokenInfo(doc)
        ms = finish(text, rule_candidates(text, lexicon, doc, tok), lexicon, tok)
    return [_provisional(m, base) for m in ms]


def text_mentions(text: str, resources: EntityResources) -> list[dict]:
    """Mentions of a Latin-script document without GiNZA: KB aliases + English (and kana) name rules."""
    lex = resources.lexicon
    found = kb_mentions(text, resources.matcher, resources.kb, lex) if resources.matcher is not None else []
    found += rule_candidates(text, lex, english=True)
    found += english_ship_rules(text, lex)
    # a prefixed ship name ends at a sentence end (USS Missouri. The …); english_rules has the right span
    found = [c for c in found if not (c["source"] == "rule:ship" and re.search(r"[.!?]\s", c["text"]))]
    found = english_kb_conflicts(text, found, lex)
    ms = finish(text, found, lex)
    ms = resolve_overlaps(ms + english_document_mentions(text, ms, lex))
    return [_provisional(m, 0) for m in ms]
