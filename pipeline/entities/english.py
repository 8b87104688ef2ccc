"""Rules for PERSON, SHIP and INCIDENT names in English (Latin-script) documents, read without a model.

The text is cut into chunks of capitalized words (joined by single spaces, with name particles such as de, van,
von inside, initials, a regnal numeral at the end); function words opening a sentence (The, After, In) are cut off
the front. A chunk is a name only with evidence:
- PERSON: a title before it (King, Pope, Captain, Sir, Shōgun: the title stays outside; Pope Paul V keeps its
  numeral), a role noun right before it (the merchant X, friar X), '<verb> by X' (led by X) or 'under the command
  of X', an appositive after it (X, the daimyō of Y; X, a retainer of Y; X, who …; a life span in brackets), a
  Western given name first (William Adams, Rodrigo de Vivero), or two words that both have the syllable shape of
  Hepburn romaji (Date Masamune, Mukai Shōgen) and are no era, title, place or generic Japanese word;
- SHIP: a vessel word before it (the galleon X, the frigate X), 'aboard (the) X', 'X (ship)', ', a galleon' after
  it; saints' names (San Juan Bautista) are ships with such a cue and nothing without one;
- INCIDENT: a capitalized name before incident, affair, scandal, massacre, rebellion … (the Namamugi incident).
Places, peoples, organisations (a last word such as Company, Bay, Shogunate) and a name followed by clan,
shogunate, domain or period are never a person. Document-level steps (`english_document_mentions`): a family or
given name alone after its full name (Hasekura, Masamune's), 'X, known as Y' and 'took the name Y' link to X.
"""
from __future__ import annotations

import re

from .candidates import cand
from .lexicon import EntityLexicon
from .overlaps import AnySpans

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*(?:['’]s\b)?")
_ROMAN = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")
_V = "[aeiouāēīōūâêîôû]"
_SYLLABLE = (rf"(?:(?:ky|gy|ny|hy|by|py|my|ry)[aouāōū]|(?:sh|ch|j)[aiueoāīūēō]|ts[uū]|f[uū]|y[aouāōū]|w[aoāō]|"
             rf"[kgnbpmr]{_V}|h[aieoāīēō]|[sz][aueoāūēō]|[td][aeoāēō]|{_V}|n(?![aeiouyāēīōū])|n['’]|"
             r"[kstpg](?=[kstpg])|t(?=ch)|m(?=[bpm])|(?<=o)h$)")
_ROMAJI = re.compile(rf"(?:{_SYLLABLE})+")
_SENT_OPEN = ".!?:;\n\"“‘'(["
_AFTER_ROLE = re.compile(r",\s+(?:the|a|an|his|her|their)\s+((?:[\w\-’']+\s+){0,2}?)([\w\-]+)\b")
_RELATIVE = re.compile(r",\s+(?:who|whom|whose)\b")
_LIFESPAN = re.compile(r"\s*\((?:c\.\s*|ca\.\s*|born\s+|b\.\s*)?\d{3,4}\s*(?:[–\-]|\))")
_SHIP_AFTER = re.compile(r"\s*\((?:ship|galleon|vessel|frigate|steamer|steamship|warship)\)")
_ABOARD = re.compile(r"\b(?:aboard|on\s+board)(?:\s+(?:the|her|his))?\s+$", re.IGNORECASE)
_COMMAND = re.compile(r"\b(?:(?:Secretary|Minister|Ministers)\s+of\s+(?:State|Defense|Defence|War|the\s+Navy|the\s+Treasury|"
                      r"the\s+Interior|Foreign\s+Affairs|the\s+Army)\s+$|under\s+the\s+command\s+of|on\s+the\s+orders?\s+of|at\s+the\s+invitation\s+of|"
                      r"in\s+the\s+service\s+of|a\s+retainer\s+of|the\s+son\s+of|the\s+daughter\s+of)\s+$")
_KAI = ("kai", "sha", "shugi")


def _words(text: str):
    """(start, end, word) for every word; a possessive 's stays outside the word (Hasekura's → Hasekura)."""
    for m in _WORD.finditer(text):
        s, e = m.span()
        if text[e - 2:e] in ("'s", "’s"):
            e -= 2
        yield s, e, text[s:e]


def is_romaji(word: str) -> bool:
    """A word that could be a Hepburn romanization (Tsunenaga, Shōgen, Ieyasu; not William, Adams)."""
    parts = re.split(r"[\-]", word.lower())
    return all(len(p) >= 2 and _ROMAJI.fullmatch(p.replace("’", "'")) for p in parts)


def _chunks(text: str, en):
    """Runs of capitalized words joined by one space (or '. ' after an initial or a title abbreviation), with
    name particles inside; a possessive ends a run."""
    words = list(_words(text))
    run: list[tuple[int, int, str]] = []
    for s, e, w in words:
        cap = w[0].isupper()
        if run:
            _, pe, pw = run[-1]
            gap = text[pe:s]
            joined = gap == " " or gap == ". " and (len(pw) == 1 or pw in en.title_abbreviations)
            possessive = text[pe:pe + 2] in ("'s", "’s")
            if joined and not possessive and (cap or w in en.name_particles):
                run.append((s, e, w))
                continue
            yield _trim(run, en)
            run = []
        if cap:
            run.append((s, e, w))
    if run:
        yield _trim(run, en)


def _trim(run, en):
    while run and run[-1][2] in en.name_particles:
        run = run[:-1]
    return run


def _sentence_initial(text: str, s: int) -> bool:
    i = s
    while i > 0 and text[i - 1] in " \t\"“‘'(":
        i -= 1
    return i == 0 or text[i - 1] in _SENT_OPEN


def _next_word(text: str, e: int) -> str:
    m = re.match(r"\s+([a-z][\w\-]*)", text[e:e + 30])
    return m.group(1) if m else ""


def _strip_title(run, en):
    """Leading titles (King, Vice Admiral, Mr.) off the run: (the rest, whether a title was cut)."""
    modifiers = {"Vice", "Rear", "Prime", "Grand", "Crown", "Foreign", "High", "Supreme", "Retired", "Former",
                 "Lord", "Fleet", "Chief", "Field", "General"}
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
    if _COMMAND.search(text[max(0, s - 40):s]):
        return "by"
    if en.title_phrases_re and re.search(rf"\b(?:{en.title_phrases_re})\s$", text[max(0, s - 40):s]):
        return "title"  # Secretary of State X, Vice President X
    after = text[e:e + 80]
    if text[e:e + 2] in ("'s", "’s"):
        after = text[e + 2:e + 82]
    m = _AFTER_ROLE.match(after)
    if m and (m.group(2) in en.person_roles or m.group(2).lower() in en.person_roles):
        return "appositive"
    if _RELATIVE.match(after):
        return "relative"
    if len(run) >= 2 and _LIFESPAN.match(after):
        return "lifespan"
    return None


def _vessel_cue(text: str, run, en) -> bool:
    s, e = run[0][0], run[-1][1]
    before = text[max(0, s - 40):s]
    m = re.search(r"([\w\-]+)\s$", before)
    if m and m.group(1).lower() in en.vessel_words and before[m.start(1) - 1:m.start(1)] != "'":
        return True
    if _ABOARD.search(before):
        return True
    if _SHIP_AFTER.match(text, e):
        return True
    m = re.match(r",\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,2}?([\w\-]+)\b", text[e:e + 60])
    return bool(m and m.group(1) in en.vessel_words)


def _not_person(words: list[str], en) -> bool:
    if any(w in en.places_demonyms or w in en.non_name_words for w in words):
        return True
    return words[-1] in en.non_person_heads or words[0] in en.place_prefixes


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
    if len(words) < 2 or words[0] not in en.given_names:
        return False
    if _ROMAN.fullmatch(words[-1]):
        return True  # Philip III
    return len(words) >= 3 or words[1] not in en.given_names


def english_rules(text: str, lex: EntityLexicon) -> list[dict]:
    """PERSON, SHIP and INCIDENT candidates of an English text (see the module docstring)."""
    en = lex.english
    out: list[dict] = []
    for run in _chunks(text, en):
        initial = bool(run) and _sentence_initial(text, run[0][0])
        while run and (run[0][2] in en.non_name_words or run[0][2] in en.name_particles):
            run = run[1:]
        if not run:
            continue
        out += _incident(text, run, en)
        prefixed = len(run) > 1 and re.fullmatch(lex.ship_prefixes, run[0][2]) is not None
        if prefixed:
            run = run[1:]  # USS Missouri: the prefix stays outside
        words = [w for _, _, w in run]
        s, e = run[0][0], run[-1][1]
        if prefixed or len(words) > 1 and words[-1] == "Maru" or _vessel_cue(text, run, en) and \
                words[-1] not in en.non_person_heads and \
                not (len(words) == 1 and (words[0] in en.places_demonyms or words[0] in en.person_titles)):
            out.append(cand(text, s, e, "SHIP", "rule:en-ship", 0.75))
            continue
        if words[0] in en.saint_prefixes:
            continue  # a saint's name: a ship with a vessel cue, else a place or a church
        if en.title_phrases_re:  # Secretary of State William Seward: the chunk starts inside the title
            for k in range(1, min(3, len(run))):
                if re.search(rf"\b(?:{en.title_phrases_re})\s$", text[max(0, run[k][0] - 40):run[k][0]]):
                    run = [(run[0][0], run[0][1], "Mr")] + run[k:]  # stands for the title
                    break
        lead_role = False
        while len(run) > 1 and (run[0][2] in en.places_demonyms or run[0][2] in en.person_roles):
            lead_role = lead_role or run[0][2] in en.person_roles  # the Spanish Franciscan Luis Sotelo
            run = run[1:]
        name, titled = _strip_title(run, en)
        if not name:
            continue
        nwords = [w for _, _, w in name if w not in en.name_particles]
        if _not_person(nwords, en) or _next_word(text, name[-1][1]) in en.non_person_after:
            continue
        if titled and _ROMAN.fullmatch(nwords[-1]) is None and len(nwords) == 1 and len(nwords[0]) < 3:
            continue
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
    for m in re.finditer(rf"\b(?:{lex.korean_surnames_en})\s+[A-Z][a-z]+(?:-[a-z]+|\s+[A-Z][a-z]+)\b", text):
        out.append(cand(text, m.start(), m.end(), "PERSON", "rule:korean-name", 0.7))  # Kim Jong-un, Park Chung Hee
    return out


def _incident(text: str, run, en) -> list[dict]:
    """'the Namamugi incident', 'the Boxer Rebellion': a capitalized name and an incident word."""
    heads = en.incident_heads_re
    s = run[0][0]
    if len(run) >= 2 and re.fullmatch(heads, run[-1][2]):
        core = [w for _, _, w in run[:-1]]
        e = run[-1][1]
    else:
        m = re.match(rf"\s+({heads})\b", text[run[-1][1]:run[-1][1] + 20])
        if not m or text[run[-1][1]:run[-1][1] + 2] in ("'s", "’s"):
            return []
        core = [w for _, _, w in run]
        e = run[-1][1] + m.end(1)
    if all(w in en.places_demonyms and w.endswith(("ese", "ish", "an", "ch", "ian")) for w in core):
        return []  # a British raid, the Japanese crisis
    return [cand(text, s, e, "INCIDENT", "rule:en-incident", 0.7)]


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


def english_document_mentions(text: str, mentions: list[dict], lex: EntityLexicon) -> list[dict]:
    """Mentions that need the document's names: a name part alone after its full name (Hasekura, Masamune's),
    'X, known as Y' (Y is X), 'took the name Y' (Y is the person the sentence is about)."""
    en = lex.english
    runs = []
    for run in _chunks(text, en):
        while run and (run[0][2] in en.non_name_words or run[0][2] in en.name_particles):
            run = run[1:]
        if run:
            runs.append(run)
    taken = AnySpans([(m["start"], m["end"]) for m in mentions])

    out: list[dict] = []
    parts: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        if m["label"] == "PERSON":
            m["_parts_done"] = True  # the generic short-form expansion must not add what is refused here
            words = [w for _, _, w in _words(m["text"]) if w not in en.name_particles]
            for w in _name_parts(words, en):
                parts.setdefault(w, []).append((m["start"], m["end"]))
    for run in runs:
        if len(run) != 1 or run[0][2] not in parts:
            continue
        s, e, w = run[0]
        if taken.overlaps(s, e) or re.search(r"\b[Tt]he\s$", text[max(0, s - 4):s]) or \
                _next_word(text, e) in en.non_person_after:
            continue
        fulls = parts[w]
        before = [f for f in fulls if f[1] <= s]
        full = max(before) if before else min(fulls)
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
    return out
