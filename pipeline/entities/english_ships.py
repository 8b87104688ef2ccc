"""English ship and incident cues (used by english.py).

- A ship: a vessel word before the name (the galleon X; plural: the battleships X and Y, the sloops X and Y,
  vessels such as the X, the Y and the Z: every name of the list); a vessel word and an appositive (his
  flagship, the X); 'aboard (the) X'; 'X (ship)'; ', a galleon' after it; a ship verb before 'the X' (sink the
  Rurik, scuttles the Varyag); a romanized Japanese name with -gō (Erutōruru-gō).
- An incident: a capitalized name and an incident word (the Namamugi incident, the North Sea incident); a
  capitalized event noun with 'of' (the "Arrival of the Black Ships", the Massacre of Glencoe); a romanized
  Japanese name ending in jiken, jihen, sōdō, ikki (Namamugi jiken, Erutōruru-gō sōnan jiken).
"""
from __future__ import annotations

import re

from .candidates import cand
from .english_text import is_romaji, sentence_initial

_SHIP_AFTER = re.compile(r"\s*\((?:ship|galleon|vessel|frigate|steamer|steamship|warship)\)")
_ABOARD = re.compile(r"\b(?:aboard|on\s+board)(?:\s+(?:the|her|his))?\s+$", re.IGNORECASE)
_CHAIN = re.compile(r"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?")
_COMPASS = frozenset({"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
                      "Upper", "Lower", "Great", "New", "Old"})
_GO = re.compile(r"\b([A-Z][^\W\d_]{2,})-[gG](?:ō|o)\b")
_QUOTES = "\"“‘'"


def vessel_word(word: str, en) -> str | None:
    """'singular' or 'plural' for a vessel word (frigate, battleships), else None."""
    w = word.lower()
    if w in en.vessel_words:
        return "singular"
    for cut, add in (("s", ""), ("es", ""), ("ies", "y")):
        if w.endswith(cut) and w[:-len(cut)] + add in en.vessel_words:
            return "plural"
    return None


def list_cue(text: str, s: int, en) -> bool:
    """A plural vessel word right before the run, maybe with 'such as' and 'the' (the sloops X, vessels such
    as the X): the start of a list in which every name is a ship."""
    m = re.search(rf"([\w\-]+)\s+(?:(?:{en.list_cues_re})\s+)?(?:the\s+)?$", text[max(0, s - 60):s])
    return bool(m and vessel_word(m.group(1), en) == "plural")


def vessel_cue(text: str, run, en) -> bool:
    s, e = run[0][0], run[-1][1]
    before = text[max(0, s - 60):s]
    m = re.search(r"([\w\-]+)\s$", before)
    if m and vessel_word(m.group(1), en) and before[m.start(1) - 1:m.start(1)] != "'":
        return True
    if list_cue(text, s, en) or _ABOARD.search(before):
        return True
    m = re.search(r"([\w\-]+),\s+the\s+$", before)  # his flagship, the Knyaz Suvorov
    if m and vessel_word(m.group(1), en) == "singular":
        return True
    m = re.search(r"\b([a-z]+)\s+the\s+$", before)  # sink the Rurik
    if m and m.group(1) in en.ship_verbs and len(run) <= 3:
        return True
    m = re.search(r"\b([a-z]+)\s+$", before)  # sinks Shin'yō: a Japanese name after a ship verb, no article
    if m and m.group(1) in en.ship_verbs and len(run) <= 2 and all(is_romaji(w) for _, _, w in run):
        return True
    if _RENAMED.search(before) and any(vessel_word(w, en) for w in re.findall(r"[\w\-]+", _sentence_before(text, s))):
        return True  # the German liner Scharnhorst is renamed Shin'yō
    if _SHIP_AFTER.match(text, e):
        return True
    m = re.match(r",\s+(?:a|an|the)\s+((?:[\w\-]+\s+){0,3}[\w\-]+)", text[e:e + 60])  # , a 400-metre container ship
    return bool(m and any(vessel_word(w, en) == "singular" for w in m.group(1).split()))


_RENAMED = re.compile(r"\b(?:is|was|were|been|being)\s+renamed\s+(?:the\s+)?$")


def _sentence_before(text: str, s: int) -> str:
    start = max(text.rfind(". ", 0, s), text.rfind("\n", 0, s), text.rfind(": ", 0, s), 0)
    return text[start:s]


def vessel_before(text: str, s: int, en) -> bool:
    """A singular vessel word right before s (the battleship Mutsu): the name that follows is a ship's even
    when it is also a place's."""
    m = re.search(r"([\w\-]+)\s$", text[max(0, s - 30):s])
    return bool(m and vessel_word(m.group(1), en) == "singular")


def modifies_vessel(text: str, e: int, en) -> bool:
    """The run is followed by a vessel word (the US gunboat, a Yamato class battleship): it qualifies the
    vessel, it does not name it."""
    m = re.match(r"\s+([\w\-]+)", text[e:e + 30])
    return bool(m and vessel_word(m.group(1), en))


def chained(text: str, prev_end: int, s: int) -> bool:
    """The run at `s` continues a list of ships that ended at `prev_end` (X and Y; X, the Y and the Z)."""
    return prev_end >= 0 and _CHAIN.fullmatch(text, prev_end, s) is not None


def go_ships(text: str) -> list[dict]:
    """Romanized Japanese ship names with -gō (号): Erutōruru-gō."""
    return [cand(text, m.start(), m.end(), "SHIP", "rule:en-ship-go", 0.7) for m in _GO.finditer(text)
            if is_romaji(m.group(1))]


def incident(text: str, run, en) -> list[dict]:
    """'the Namamugi incident', 'the Boxer Rebellion', 'the North Sea incident': a capitalized name and an
    incident word."""
    heads = en.incident_heads_re
    s = run[0][0]
    if len(run) >= 2 and re.fullmatch(heads, run[-1][2]):
        core = [w for _, _, w in run[:-1]]
        e = run[-1][1]
    else:
        m = re.match(rf"\s+({heads})\b", text[run[-1][1]:run[-1][1] + 20])
        if m is None and re.search(r"\b[Tt]he\s$", text[max(0, s - 4):s]):
            m = re.match(rf"\s+[a-z]{{3,}}\s+({heads})\b", text[run[-1][1]:run[-1][1] + 40])  # the Matsumoto sarin incident
        if not m or text[run[-1][1]:run[-1][1] + 2] in ("'s", "’s"):
            return []
        core = [w for _, _, w in run]
        e = run[-1][1] + m.end(1)
    if all(w in en.places_demonyms and w.endswith(("ese", "ish", "an", "ch", "ian")) for w in core):
        return []  # a British raid, the Japanese crisis
    if all(w in _COMPASS or w in en.non_name_words for w in core):
        return []
    return [cand(text, s, e, "INCIDENT", "rule:en-incident", 0.7)]



def incident_names(text: str, en) -> list[dict]:
    """Incident names that are no capitalized run + head: 'the Arrival of the Black Ships' (an event noun and a
    capitalized object; at a sentence start only in quotes) and romanized Japanese ones (Namamugi jiken)."""
    out = []
    events = "|".join(sorted(en.incident_events, key=len, reverse=True))
    for m in re.finditer(rf"\b(?:{events})\s+of\s+(?:the\s+)?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){{0,3}}", text):
        s = m.start()
        quoted = text[s - 1:s] in _QUOTES
        if sentence_initial(text, s) and not quoted:
            continue
        if quoted and text[m.end():m.end() + 1] not in _QUOTES + "”’":
            continue
        out.append(cand(text, s, m.end(), "INCIDENT", "rule:en-incident-event", 0.7))
    word = r"[^\W\d_]+(?:-[^\W\d_]+)?"
    for m in re.finditer(rf"\b[A-Z]{word}(?:\s+[a-zāīūēō]{word}){{0,3}}?\s+(?:{en.romaji_incident_heads_re})\b", text):
        ws = m.group(0).split()
        if all(is_romaji(w) for w in ws if w[0].islower() or w == ws[0]) and ws[0] not in en.non_name_words:
            out.append(cand(text, m.start(), m.end(), "INCIDENT", "rule:en-incident-romaji", 0.7))
    return out
