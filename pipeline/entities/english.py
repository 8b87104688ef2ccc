"""Rules for PERSON, SHIP and INCIDENT names in English (Latin-script) documents, read without a model.

The text is cut into chunks of capitalized words (english_text.py: joined by single spaces, with name particles
such as de, van, von inside, initials, a regnal numeral at the end); function words opening a sentence (The,
After, In) are cut off the front. A chunk is a name only with evidence:
- PERSON: a title before it (King, Pope, Captain, Sir, Shōgun: the title stays outside; Pope Paul V keeps its
  numeral) or after it (Ali Osman Bey, Osman Pasha: outside too), a Japanese honorific attached to it
  (Kakuei-san), a role noun right before it (the merchant X, friar X), '<verb> by X', 'under the command of X',
  'the father of X' or 'named after X', an appositive after it (X, the daimyō of Y; X, a retainer of Y; X,
  who …; a life span in brackets), a verb of speech or command after a name of two words or more (X warned), a
  Western given name first (William Adams, Rodrigo de Vivero), or two words that both have the syllable shape
  of Hepburn romaji (Date Masamune, Mukai Shōgen) and are no era, title, place or generic Japanese word.
  'Emperor Meiji' and 'the Meiji Emperor' are one span each (the name of an emperor with 天皇 is one name).
- SHIP and INCIDENT: the cues of english_ships.py.
Places, peoples, organisations (a last word such as Company, Bay, Shogunate), a name followed by clan,
shogunate, domain or period, an era year (Meiji 23) and a word the document uses as a place (the Kii
Peninsula: Kii Ōshima is no person) are never a person. Document-level steps (`english_document_mentions`): a
family or given name alone after its full name (Hasekura, Masamune's), 'X, known as Y' and 'took the name Y'
link to X.
"""
from __future__ import annotations

import re

from .candidates import cand
from .english_ships import (
    chained,
    go_ships,
    incident,
    incident_names,
    list_cue,
    modifies_vessel,
    vessel_before,
    vessel_cue,
)
from .english_text import COURT_TITLE_EN, is_romaji, next_word, sentence_initial, strip_front
from .english_text import ROMAN as _ROMAN
from .english_text import chunks as _chunks
from .english_text import words as _words
from .lexicon import EntityLexicon
from .overlaps import AnySpans

__all__ = ["english_document_mentions", "english_rules", "is_romaji"]

_AFTER_ROLE = re.compile(r",\s+(?:the|a|an|his|her|their)\s+((?:[\w\-’']+\s+){0,3}[\w\-’']+)")
_RELATIVE = re.compile(r",\s+(?:who|whom|whose)\b")
_SHIP_NUMBER = re.compile(r"\bNo\.\s?[0-9]{1,3}\s$")
_NUMBER_AFTER = re.compile(r"\.\s?[0-9]{1,3}\b")
_LIFESPAN = re.compile(r"\s*\((?:c\.\s*|ca\.\s*|born\s+|b\.\s*)?\d{3,4}\s*(?:[–\-]|\))")
_COMMAND = re.compile(r"\b(?:(?:Secretary|Minister|Ministers)\s+of\s+(?:State|Defense|Defence|War|the\s+Navy|the\s+Treasury|"
                      r"the\s+Interior|Foreign\s+Affairs|the\s+Army)\s+$|under\s+the\s+command\s+of|on\s+the\s+orders?\s+of|at\s+the\s+invitation\s+of|"
                      r"in\s+the\s+service\s+of|a\s+retainer\s+of)\s+$")
_NAMED_AFTER = re.compile(r"\b(?:named|renamed)\s+(?:after|for)\s+$|\bin\s+(?:honou?r|memory)\s+of\s+$")
_ERA_YEAR = re.compile(r"\s(?:\d{1,2}|gannen)\b")
_KAI = ("kai", "sha", "shugi")


def _strip_title(run, en):
    """Leading titles (King, Vice Admiral, Mr.) off the run: (the rest, whether a title was cut)."""
    modifiers = en.title_modifiers
    k = 0
    titled = False
    while k < len(run) - 1 and (run[k][2] in en.person_titles or run[k][2] in en.title_abbreviations
                                or run[k][2] in modifiers):
        titled = titled or run[k][2] in en.person_titles or run[k][2] in en.title_abbreviations
        k += 1
    if not titled:
        return run, False
    rest = run[k:]
    while rest and rest[0][2] in en.name_particles:
        rest = rest[1:]
    return rest, True


def _person_cue(text: str, run, en) -> str | None:
    """The evidence before or after a run that it names a person, or None."""
    s, e = run[0][0], run[-1][1]
    m = re.search(r"(?:([^\W\d_][\w\-’']*)\s)?([^\W\d_][\w\-’']*) $", text[max(0, s - 50):s])
    if m:
        word = m.group(2)
        if word in en.person_roles or word[0].islower() and word.lower() in en.person_roles:
            return "role"
        if word == "by" and m.group(1) in en.by_verbs:
            return "by"
    before = text[max(0, s - 40):s]
    if _COMMAND.search(before):
        return "by"
    if re.search(rf"\b(?:{en.kin_words_re})\s+of\s+$", before):
        return "kin"  # the father of Osman I
    if _NAMED_AFTER.search(before):
        return "named-after"  # a ship named after Ertuğrul: the person
    if en.title_phrases_re and re.search(rf"\b(?:{en.title_phrases_re})\s$", before):
        return "title"  # Secretary of State X, Vice President X
    after = text[e:e + 80]
    if text[e:e + 2] in ("'s", "’s"):
        after = text[e + 2:e + 82]
    m = _AFTER_ROLE.match(after)
    if m and any(w in en.person_roles or w.lower() in en.person_roles for w in m.group(1).split()):
        return "appositive"  # , a French traveller: a role among the first words of the apposition
    if _RELATIVE.match(after):
        return "relative"
    if len(run) >= 2 and _LIFESPAN.match(after):
        return "lifespan"
    if len(run) >= 2 and next_word(text, e) in en.person_verbs:
        return "verb"  # Saddam Hussein warned
    return None


def _not_person(words: list[str], en, titled_given: bool = False) -> bool:
    """A place, people, organisation or common word; initials (A. Carl Kotchian) and a regnal numeral (Osman I)
    are not looked up. After a title, a given name and a family name that is also a word stand (Senator Frank
    Church)."""
    core = [w for w in words if len(w) > 1] or words
    if len(words) >= 3 and COURT_TITLE_EN.search(" ".join(words)):
        return True  # Settsu no Kami: a court title (摂津守), no person's name
    if len(core) > 1 and _ROMAN.fullmatch(core[-1]):
        core = core[:-1]
    if titled_given:
        return core[0] in en.places_demonyms or core[0] in en.non_name_words
    if any(w in en.places_demonyms or w in en.non_name_words for w in core):
        return True
    return core[-1] in en.non_person_heads or core[0] in en.place_prefixes


def _romaji_pair(text: str, run, en, initial: bool) -> bool:
    if len(run) != 2:
        return False
    a, b = run[0][2], run[1][2]
    if not (is_romaji(a) and is_romaji(b)):
        return False
    for w in (a, b):
        low = w.lower()
        if low in en.romaji_non_name_words or w in en.given_names or w in en.person_titles or \
                any(low.endswith(x) and len(low) >= 7 for x in _KAI) or \
                any(p in en.romaji_non_name_words for p in low.split("-")[1:]):
            return False
    return not (initial and a in en.common_romaji_words or b in en.common_romaji_words and a in en.common_romaji_words)


def _given_name_first(run, en) -> bool:
    words = [w for _, _, w in run if w not in en.name_particles]
    while len(words) > 2 and len(words[0]) == 1:
        words = words[1:]  # A. Carl Kotchian
    if len(words) < 2 or words[0] not in en.given_names:
        return False
    if _ROMAN.fullmatch(words[-1]):
        return True  # Philip III
    return len(words) >= 3 or words[1] not in en.given_names


def _place_words(text: str, runs, en) -> set[str]:
    """Words the document uses as places: before a place head (the Kii Peninsula), after a place prefix (Lake
    Erie), and both words of a romaji pair that starts with one (Kii Ōshima)."""
    places: set[str] = set()
    for run in runs:
        ws = [w for _, _, w in run]
        if len(ws) >= 2 and ws[-1] in en.place_heads:
            places.update(w for w in ws[:-1] if w not in en.non_name_words)
        elif len(ws) >= 2 and ws[0] in en.place_prefixes:
            places.update(w for w in ws[1:] if w not in en.given_names)
    for run in runs:
        ws = [w for _, _, w in run]
        if len(ws) == 2 and ws[0] in places and is_romaji(ws[0]) and is_romaji(ws[1]):
            places.add(ws[1])
    return places


def _emperor(run, en):
    """'Emperor Meiji', 'the Meiji Emperor': the title and a romanized name are one span (明治天皇)."""
    ws = [w for _, _, w in run]
    if len(ws) == 2 and ws[0] in ("Emperor", "Empress") and is_romaji(ws[1]):
        return run
    if len(ws) == 2 and ws[1] in ("Emperor", "Empress") and is_romaji(ws[0]):
        return run
    return None


def _honorific_names(text: str, en) -> list[dict]:
    """A name before a Japanese honorific (Kakuei-san, Saigō-dono): the honorific stays outside."""
    out = []
    for m in re.finditer(rf"\b([A-Z][^\W\d_]+)-(?:{en.honorifics_re})\b", text):
        w = m.group(1)
        if w not in en.non_name_words and w not in en.places_demonyms and w.lower() not in en.romaji_non_name_words:
            out.append(cand(text, m.start(1), m.end(1), "PERSON", "rule:en-honorific", 0.75))
    return out


def english_rules(text: str, lex: EntityLexicon) -> list[dict]:
    """PERSON, SHIP and INCIDENT candidates of an English text (see the module docstring)."""
    en = lex.english
    out: list[dict] = []
    raw_runs = list(_chunks(text, en))
    places = _place_words(text, [strip_front(text, r, en) for r in raw_runs], en)
    chain_end = -1
    for run in raw_runs:
        initial = bool(run) and sentence_initial(text, run[0][0])
        geo = strip_front(text, run, en, keep=frozenset({"North", "South", "East", "West"}))
        run = strip_front(text, run, en)
        if not run:
            continue
        out += incident(text, geo if geo and geo[-1] == run[-1] else run, en)
        prefixed = len(run) > 1 and re.fullmatch(lex.ship_prefixes, run[0][2]) is not None
        if prefixed:
            run = run[1:]  # USS Missouri: the prefix stays outside
        words = [w for _, _, w in run]
        s, e = run[0][0], run[-1][1]
        trailing = _NUMBER_AFTER.match(text, e) if len(words) >= 2 and words[-1] == "No" else None
        if trailing is not None:  # Yuyo Maru No. 10, Orion No. 1: the number is part of the name
            words, e = words[:-1], trailing.end()
        listed = chained(text, chain_end, s) or list_cue(text, s, en)
        chain_end = -1
        if prefixed or len(words) > 1 and words[-1] == "Maru" or (vessel_cue(text, run, en) or listed) and \
                words[-1] not in en.non_person_heads and len(words) <= 4 and not modifies_vessel(text, e, en) and \
                not (len(words) == 1 and (words[0] in en.places_demonyms and not vessel_before(text, s, en)
                                          or words[0] in en.person_titles)) and \
                not (listed and (words[0] in en.person_titles or words[0] in en.given_names)):
            number = _SHIP_NUMBER.search(text, max(0, s - 12), s) if words[-1] == "Maru" else None
            if number is not None:
                s = number.start()  # No. 23 Nittō Maru: the number is part of the name
            out.append(cand(text, s, e, "SHIP", "rule:en-ship", 0.75))
            chain_end = e if listed else -1
            continue
        if words[0] in en.saint_prefixes:
            continue  # a saint's name: a ship with a vessel cue, else a place or a church
        emperor = _emperor(run, en)
        if emperor:
            out.append(cand(text, s, e, "PERSON", "rule:en-emperor", 0.75, _no_parts=True))
            continue
        if en.title_phrases_re:  # Secretary of State William Seward: the chunk starts inside the title
            for k in range(1, min(3, len(run))):
                if re.search(rf"\b(?:{en.title_phrases_re})\s$", text[max(0, run[k][0] - 40):run[k][0]]):
                    run = [(run[0][0], run[0][1], "Mr")] + run[k:]  # stands for the title
                    break
        lead_role = False
        while len(run) > 1 and (run[0][2] in en.places_demonyms or run[0][2] in en.person_roles):
            lead_role = lead_role or run[0][2] in en.person_roles  # the Spanish Franciscan Luis Sotelo
            run = run[1:]
        post_title = len(run) > 1 and run[-1][2] in en.post_titles
        if post_title:
            run = run[:-1]  # Ali Osman Bey, Osman Pasha: the title stays outside
        name, titled = _strip_title(run, en)
        titled = titled or post_title
        if not name:
            continue
        nwords = [w for _, _, w in name if w not in en.name_particles]
        titled_given = titled and len(nwords) >= 2 and nwords[0] in en.given_names and len(nwords[-1]) > 1
        if _not_person(nwords, en, titled_given) or next_word(text, name[-1][1]) in en.non_person_after:
            continue
        if titled and _ROMAN.fullmatch(nwords[-1]) is None and len(nwords) == 1 and len(nwords[0]) < 3:
            continue
        if len(nwords) == 1 and _ERA_YEAR.match(text, name[-1][1]):
            continue  # Meiji 23, Kaei 6: an era year
        if not titled and not lead_role and (all(w in places for w in nwords) or len(nwords) == 2 and
                                             nwords[0] in places and all(is_romaji(w) for w in nwords)):
            continue  # Kii Ōshima, the villagers of Ōshima
        the_before = re.search(r"\b[Tt]he\s$", text[max(0, name[0][0] - 4):name[0][0]]) is not None
        cue = "title" if titled else "role" if lead_role else _person_cue(text, name, en)
        if cue is None and not the_before:
            if _given_name_first(name, en):
                cue = "given-name"
            elif _romaji_pair(text, name, en, initial and name[0] == run[0]):
                cue = "romaji"
        if cue is None:
            continue
        if cue not in ("title", "role") and (the_before or len(nwords) == 1 and
                                             (nwords[0] in en.common_romaji_words or _ROMAN.fullmatch(nwords[0]))):
            continue
        out.append(cand(text, name[0][0], name[-1][1], "PERSON", f"rule:en-{cue}", 0.75 if cue != "romaji" else 0.7))
    out += _honorific_names(text, en) + go_ships(text) + incident_names(text, en)
    for m in re.finditer(rf"\b(?:{lex.korean_surnames_en})\s+[A-Z][a-z]+(?:-[a-z]+|\s+[A-Z][a-z]+)\b", text):
        out.append(cand(text, m.start(), m.end(), "PERSON", "rule:korean-name", 0.7))  # Kim Jong-un, Park Chung Hee
    return out



_ALIAS = re.compile(r"\s*[,(]\s*(?:(?:also|later|commonly|better|popularly|originally|formerly|then)\s+)?"
                    r"(?:(?:known|referred\s+to)(?:\s+in\s+[A-Z]\w+)?\s+as|called|named|renamed|nicknamed)"
                    r"\s+(?:the\s+)?")
_NEW_NAME = re.compile(r"\b(?:took|received|adopted|was\s+given|assumed)\s+the\s+(?:(?:Christian|baptismal|religious|"
                       r"Buddhist|art|new|name)\s+)?name\s+(?:of\s+)?|\bbaptized\s+(?:as|with\s+the\s+name)\s+")
_SENT_END = re.compile(r"[.!?\n](?=\s)")


def _name_parts(words: list[str], en) -> list[str]:
    """The parts of a full name that stand for it alone: the family name (Adams, Vivero); both parts of a romaji
    name (Hasekura, Tsunenaga), whose order cannot be told; never a numeral, a given name of the list, an
    English word or a place."""
    if len(words) < 2 or _ROMAN.fullmatch(words[-1]):
        return []
    japanese = len(words) == 2 and all(is_romaji(w) for w in words) and words[0] not in en.given_names
    parts = words if japanese else [words[-1]]
    return [w for w in parts if len(w) >= 3 and w not in en.common_romaji_words and w not in en.non_name_words
            and w not in en.places_demonyms and not (w in en.given_names and not japanese)]


_PLACE_OF = re.compile(r"\b(?:[Cc]ity|[Tt]own|[Vv]illage|[Pp]ort|[Pp]refecture|[Pp]rovince|[Dd]omain|[Dd]istrict)\s+of\s+$")


def english_document_mentions(text: str, mentions: list[dict], lex: EntityLexicon) -> list[dict]:
    """Mentions that need the document's names: a name part alone after its full name (Hasekura, Masamune's),
    'X, known as Y' (Y is X), 'took the name Y' (Y is the person the sentence is about)."""
    en = lex.english
    runs = []
    for run in _chunks(text, en):
        run = strip_front(text, run, en)
        if run:
            runs.append(run)
    taken = AnySpans([(m["start"], m["end"]) for m in mentions])

    out: list[dict] = []
    parts: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        if m["label"] == "PERSON":
            m["_parts_done"] = True  # the generic short-form expansion must not add what is refused here
            if m.get("_no_parts"):
                continue  # Emperor Meiji: Meiji alone is the era
            words = [w for _, _, w in _words(m["text"]) if w not in en.name_particles]
            for w in _name_parts(words, en):
                parts.setdefault(w, []).append((m["start"], m["end"]))
    for run in runs:
        if len(run) != 1 or run[0][2] not in parts:
            continue
        s, e, w = run[0]
        if taken.overlaps(s, e) or re.search(r"\b[Tt]he\s$", text[max(0, s - 4):s]) or \
                next_word(text, e) in en.non_person_after or _ERA_YEAR.match(text, e) or _PLACE_OF.search(text, max(0, s - 20), s):
            continue
        fulls = parts[w]
        before = [f for f in fulls if f[1] <= s]
        sent = max([x.end() for x in _SENT_END.finditer(text, 0, s)] or [0])
        here = [f for f in before if f[0] >= sent]
        # two bearers (Matthew Calbraith Perry, Oliver Hazard Perry): the one named in this sentence, else the
        # first one named, the document's subject
        full = max(here) if here else min(before) if before else min(fulls)
        out.append(cand(text, s, e, "PERSON", "rule:en-name-part", 0.7, _reading_of=full, _no_repeat=True))
    known = mentions + out
    by_start = {run[0][0]: run for run in runs}
    by_end = {run[-1][1]: run for run in runs}
    for a in _ALIAS.finditer(text):
        ante, run = by_end.get(a.start()), by_start.get(a.end())
        if not ante or not run or len(run) > 5:
            continue
        surface = text[ante[0][0]:ante[-1][1]]
        src = next((m for m in known if m["text"] == surface and m["label"] in ("PERSON", "SHIP")), None)
        s, e = run[0][0], run[-1][1]
        if src is not None and not any(m["start"] < e and s < m["end"] and m["label"] == src["label"]
                                       and m.get("_reading_of") for m in known):
            out.append(cand(text, s, e, src["label"], "rule:en-alias", 0.8, _reading_of=(src["start"], src["end"])))
    for nm in _NEW_NAME.finditer(text):
        run = by_start.get(nm.end())
        if not run or len(run) > 4:
            continue
        sent = max([x.end() for x in _SENT_END.finditer(text, 0, nm.start())] or [0])
        people = [m for m in known if m["label"] == "PERSON" and sent <= m["start"] < nm.start()]
        if people:
            src = max(people, key=lambda m: m["start"])
            ro = src.get("_reading_of") or (src["start"], src["end"])
            out.append(cand(text, run[0][0], run[-1][1], "PERSON", "rule:en-new-name", 0.75, _reading_of=ro))
    out += _listed_with_a_person(text, known + out, en)
    return out


_WORD_LIST = re.compile(r"(?<![\w’'])([A-Z][\w’'\-]+)((?:,\s+[A-Z][\w’'\-]+)*),?\s+and\s+([A-Z][\w’'\-]+)(?![\w’'])")


def _listed_with_a_person(text: str, known: list[dict], en) -> list[dict]:
    """Kōdayū, Isokichi and Koichi: one-word names listed with a person's name are persons too (not places,
    demonyms or common words)."""
    persons = {(m["start"], m["end"]) for m in known if m["label"] == "PERSON"}
    taken = {(m["start"], m["end"]) for m in known}
    out = []
    for m in _WORD_LIST.finditer(text):
        items = [(m.start(1), m.end(1))]
        items += [(m.start(2) + x.start(), m.start(2) + x.end()) for x in re.finditer(r"[A-Z][\w’'\-]+", m.group(2))]
        items.append((m.start(3), m.end(3)))
        if not any(it in persons for it in items) or len(items) == 2 and "," in text[m.end(1):m.start(3)]:
            continue  # (at Imozaki, and Birilev asked: two clauses, no list)
        if re.search(r"\b(?:at|in|to|from|near|of|via)\s$", text[max(0, m.start() - 6):m.start()]):
            continue  # a list of places
        for s, e in items:
            w = text[s:e]
            if (s, e) in taken or w in en.places_demonyms or w in en.non_name_words or w.lower() in en.person_roles \
                    or sentence_initial(text, s):
                continue
            out.append(cand(text, s, e, "PERSON", "rule:en-listed", 0.6))
    return out


_PERSON_OVER_SHIP = ("rule:en-named-after", "rule:en-kin", "rule:en-appositive")


def english_kb_conflicts(text: str, candidates: list[dict], lex: EntityLexicon) -> list[dict]:
    """Knowledge-base matches the English rules overrule:
    - a ship's name the sentence makes a person (named after Ertuğrul, the father of Osman I): the person;
    - a one-word person alias inside a longer name read off the text (Perry in Oliver Hazard Perry, Abe in
      Masahiro Abe), or after a capitalized word that is no title, role or given name (203-Metre Hill): it is
      a part of another name."""
    en = lex.english
    persons = [c for c in candidates if c["label"] == "PERSON" and c["source"].startswith("rule:")]
    over_ship = {(c["start"], c["end"]) for c in persons if c["source"] in _PERSON_OVER_SHIP}
    longer = AnySpans([(c["start"], c["end"]) for c in persons if " " in c["text"]])
    heads = {}
    for run in _chunks(text, en):
        for k in range(1, len(run)):
            heads[run[k][0]] = run[k - 1][2]
    out = []
    for c in candidates:
        if c["source"] == "kb" and c["label"] == "SHIP" and (c["start"], c["end"]) in over_ship:
            continue
        if c["source"] == "kb" and c["label"] == "PERSON" and " " not in c["text"]:
            inside = longer.overlaps(c["start"], c["end"]) and not any(
                p["start"] == c["start"] and p["end"] == c["end"] for p in persons)
            prev = heads.get(c["start"])
            if inside or prev and prev not in en.person_titles and prev not in en.title_abbreviations and \
                    prev not in en.given_names and prev not in en.person_roles and prev not in en.non_name_words \
                    and prev not in en.name_particles and len(prev) > 1:
                continue
        out.append(c)
    return out
