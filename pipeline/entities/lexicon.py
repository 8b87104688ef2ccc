"""The rules' word lists (data/lexicon.json) as one typed, frozen value, read through pipeline.resources.

Alternations (`titles`, `ship_types`, …) are regex sources, longest word first; `*_longest_first` are
tuples in that order (for endswith/startswith); the rest are frozensets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.resources import ENTITY_DATA_DIR, require

LEXICON_PATH = ENTITY_DATA_DIR / "lexicon.json"


def alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class EntityLexicon:
    path: Path
    titles: str
    strong_titles: str
    roles_before_no: str
    roles_before_name: str
    surname_chars: str  # the first characters of CJK family names, for a character class
    given_names_kata: frozenset[str]
    korean_surnames_kata: frozenset[str]
    non_person_kata: frozenset[str]
    non_person: frozenset[str]  # non_person_kata and the generic katakana words
    places_kata: frozenset[str]
    cjk_stopwords: frozenset[str]
    cjk_forbidden_chars: frozenset[str]
    ship_types: str
    ship_types_longest_first: tuple[str, ...]
    ship_context_words: tuple[str, ...]
    aircraft_context_words: tuple[str, ...]
    ship_suffix_context: tuple[str, ...]
    not_ship_before_go: frozenset[str]
    not_ship_after_go: str  # characters, for a character class
    not_ship_context: str
    incident_generic_heads: tuple[str, ...]
    given_names_en: frozenset[str]
    korean_surnames_en: str
    en_titles: str  # regex sources themselves, longest first
    ship_prefixes: str
    incident_suffix_names: str
    hen_not_after: frozenset[str]
    maru_common_nouns: frozenset[str]
    place_heads: frozenset[str]  # a name's last token, or the word after a family name, that makes it a place
    emperor_titles: str
    ginza_person_block: frozenset[str]
    title_prefixes_longest_first: tuple[str, ...]
    title_suffixes_longest_first: tuple[str, ...]
    name_blocking_suffixes: tuple[str, ...]
    kanji_name_blocking_suffixes: tuple[str, ...]
    house_words: tuple[str, ...]
    org_head_titles: str  # alternation
    non_person_endings: tuple[str, ...]
    kata_title_prefixes: tuple[str, ...]
    court_title: str  # regex: 対馬守, 上野介, 掃部頭, 右京大夫
    ship_type_followers: frozenset[str]
    name_heads: frozenset[str]  # compound heads and titles cut off a kanji run's end
    name_head_lengths: tuple[int, ...]  # their lengths, longest first
    title_modifiers: frozenset[str]
    formal_name_middle: str  # regex: the court title or common name inside an Edo formal name (内匠頭, 内蔵助)
    kin_words: str  # regex: 妻, 娘 … before a kana name
    english: EnglishWords


@dataclass(frozen=True)
class EnglishWords:
    """The English rules' word lists (english.py); `*_re` are regex alternations, longest first."""
    person_titles: frozenset[str]  # en_person_titles and the one-word en_titles
    title_phrases_re: str  # the en_titles of several words (Secretary of State)
    title_abbreviations: frozenset[str]
    person_roles: frozenset[str]
    title_modifiers: frozenset[str]  # words that open a title phrase (Vice, Prime, Justice Minister)
    by_verbs: frozenset[str]
    vessel_words: frozenset[str]
    incident_heads_re: str
    name_particles: frozenset[str]
    saint_prefixes: frozenset[str]
    given_names: frozenset[str]  # given_names_en (the same set as EntityLexicon.given_names_en)
    non_name_words: frozenset[str]
    place_prefixes: frozenset[str]
    places_demonyms: frozenset[str]
    non_person_heads: frozenset[str]
    non_person_after: frozenset[str]
    romaji_non_name_words: frozenset[str]  # lower-case
    common_romaji_words: frozenset[str]
    post_titles: frozenset[str]  # after a name, outside it (Ali Osman Bey)
    honorifics_re: str  # Kakuei-san
    place_heads: frozenset[str]  # the Kii Peninsula: Kii is a place in that document
    ship_verbs: frozenset[str]  # sink the Rurik
    list_cues_re: str  # vessels such as the X, the Y and the Z
    kin_words_re: str  # the father of X
    person_verbs: frozenset[str]  # Saddam Hussein warned
    incident_events: frozenset[str]  # the Arrival of the Black Ships
    romaji_incident_heads_re: str  # Namamugi jiken


def entity_lexicon(path: str | Path | None = None) -> EntityLexicon:
    """The lexicon at `path` (default: the bundled data/lexicon.json), built once per path."""
    return _lexicon(Path(path) if path else LEXICON_PATH)


@lru_cache(maxsize=4)
def _lexicon(path: Path) -> EntityLexicon:
    def words(key: str):
        return require(path, key)

    given_en = frozenset(words("given_names_en"))  # one list for the Japanese and the English rules
    heads = frozenset(words("name_compound_heads_ja")) | frozenset(words("strong_titles_ja"))
    return EntityLexicon(
        path=path,
        titles=alternation(words("title_suffixes_ja")),
        strong_titles=alternation(words("strong_titles_ja")),
        roles_before_no=alternation(words("role_words_before_no_ja")),
        roles_before_name=alternation(words("role_words_before_name_ja")),
        surname_chars="".join(sorted(set(words("cjk_surnames")))),
        given_names_kata=frozenset(words("given_names_kata")),
        korean_surnames_kata=frozenset(words("korean_surnames_kata")),
        non_person_kata=frozenset(words("non_person_kata")),
        non_person=frozenset(words("non_person_kata")) | frozenset(words("generic_kata")),
        places_kata=frozenset(words("places_kata")),
        cjk_stopwords=frozenset(words("cjk_name_stopwords")),
        cjk_forbidden_chars=frozenset(words("cjk_name_forbidden_chars")),
        ship_types=alternation(words("ship_types_ja")),
        ship_types_longest_first=_longest_first(words("ship_types_ja")),
        ship_context_words=tuple(words("ship_context_words_ja")),
        aircraft_context_words=tuple(words("aircraft_context_words_ja")),
        ship_suffix_context=_longest_first(words("ship_suffix_context_ja")),
        not_ship_before_go=frozenset(words("not_ship_before_go_ja")),
        not_ship_after_go="".join(words("not_ship_after_go_ja")),
        not_ship_context=alternation(words("not_ship_context_ja")),
        incident_generic_heads=_longest_first(words("incident_generic_heads_ja")),
        given_names_en=given_en,
        korean_surnames_en=alternation(words("korean_surnames_en")),
        en_titles="|".join(_longest_first(words("en_titles"))),
        ship_prefixes=alternation(words("ship_prefixes")),
        incident_suffix_names=alternation(words("incident_suffix_names_ja")),
        hen_not_after=frozenset(words("hen_not_after_ja")),
        maru_common_nouns=frozenset(words("maru_common_nouns_ja")),
        place_heads=frozenset(words("place_suffix_tokens_ja")) | frozenset(words("place_compound_heads_ja")),
        emperor_titles=alternation(words("emperor_titles_ja")),
        ginza_person_block=frozenset(words("ginza_person_block")),
        title_prefixes_longest_first=_longest_first(words("title_prefix_strip_ja")),
        title_suffixes_longest_first=_longest_first(words("title_suffixes_ja")),
        name_blocking_suffixes=tuple(words("name_blocking_suffixes_ja")),
        kanji_name_blocking_suffixes=tuple(words("kanji_name_blocking_suffixes_ja")),
        house_words=tuple(_longest_first(words("house_words_ja"))),
        org_head_titles=alternation(words("org_head_titles_ja")),
        non_person_endings=tuple(words("non_person_endings_ja")),
        ship_type_followers=frozenset(words("ship_type_followers_ja")),
        court_title=rf"[一-龥]{{1,3}}(?:{alternation(words('court_title_endings_ja'))})",
        kata_title_prefixes=tuple(p + "・" for p in _longest_first(words("kata_title_prefixes_ja"))),
        name_heads=heads,
        name_head_lengths=tuple(sorted({len(h) for h in heads}, reverse=True)),
        title_modifiers=frozenset(words("title_modifiers_ja")),
        formal_name_middle=rf"(?:[一-龥]{{1,3}}(?:{alternation(words('formal_name_middle_endings_ja'))})"
                           rf"|{alternation(words('formal_name_middles_ja'))})",
        kin_words=alternation(words("kin_words_ja")),
        english=EnglishWords(
            person_titles=frozenset(words("en_person_titles")) | frozenset(
                t.replace("\\.", "") for t in words("en_titles") if " " not in t and "\\." not in t[:-2]),
            title_phrases_re="|".join(_longest_first(t for t in words("en_titles") if " " in t)),
            title_abbreviations=frozenset(words("en_title_abbreviations")) | frozenset(
                t[:-2] for t in words("en_titles") if t.endswith("\\.") and " " not in t),
            person_roles=frozenset(words("en_person_roles")),
            title_modifiers=frozenset(words("en_title_modifiers")),
            by_verbs=frozenset(words("en_by_verbs")),
            vessel_words=frozenset(words("en_vessel_words")),
            incident_heads_re=alternation(words("en_incident_heads")),
            name_particles=frozenset(words("en_name_particles")),
            saint_prefixes=frozenset(words("en_saint_prefixes")),
            given_names=given_en,
            non_name_words=frozenset(words("en_non_name_words")),
            place_prefixes=frozenset(words("en_place_prefixes")),
            places_demonyms=frozenset(words("en_places_demonyms")),
            non_person_heads=frozenset(words("en_non_person_heads")),
            non_person_after=frozenset(words("en_non_person_after")),
            romaji_non_name_words=frozenset(w.lower() for w in words("romaji_non_name_words")),
            common_romaji_words=frozenset(words("en_common_romaji_words")),
            post_titles=frozenset(words("en_post_titles")),
            honorifics_re=alternation(words("en_honorifics")),
            place_heads=frozenset(words("en_place_heads")),
            ship_verbs=frozenset(words("en_ship_verbs")),
            list_cues_re=alternation(words("en_list_cues")).replace("\\ ", r"\s+"),
            kin_words_re=alternation(words("en_kin_words")),
            person_verbs=frozenset(words("en_person_verbs")),
            incident_events=frozenset(words("en_incident_events")),
            romaji_incident_heads_re=alternation(words("en_romaji_incident_heads")).replace("\\ ", r"\s+"),
        ),
    )
