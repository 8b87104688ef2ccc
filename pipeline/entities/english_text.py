"""The words and capitalized runs of an English text, shared by the English name rules (english.py,
english_ships.py)."""
from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*(?:['’]s\b)?")
ROMAN = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")
_V = "[aeiouāēīōūâêîôû]"
_SYLLABLE = (rf"(?:(?:ky|gy|ny|hy|by|py|my|ry)[aouāōū]|(?:sh|ch|j)[aiueoāīūēō]|ts[uū]|f[uū]|y[aouāōū]|w[aoāō]|"
             rf"[kgnbpmr]{_V}|h[aieoāīēō]|[sz][aueoāūēō]|[td][aeoāēō]|{_V}|n(?![aeiouyāēīōū])|n['’]|"
             r"[kstpg](?=[kstpg])|t(?=ch)|m(?=[bpm])|(?<=o)h$)")
_ROMAJI = re.compile(rf"(?:{_SYLLABLE})+")
_SENT_OPEN = ".!?:;\n\"“‘'(["
# Settsu no Kami, Bungo no Suke: a court title in romaji (摂津守), never a person's name
COURT_TITLE_EN = re.compile(r"(?:^|\s)no\s(?:Kami|Suke|Jō|Jo|Kuni)$")


def words(text: str):
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


def chunks(text: str, en):
    """Runs of capitalized words joined by one space (or '. ' after an initial or a title abbreviation, unless
    a sentence opener follows: Osman I. She …), with name particles inside; a possessive ends a run."""
    run: list[tuple[int, int, str]] = []
    for s, e, w in words(text):
        cap = w[0].isupper()
        if run:
            _, pe, pw = run[-1]
            gap = text[pe:s]
            joined = gap == " " or gap == ". " and (len(pw) == 1 or pw in en.title_abbreviations) and \
                not (w in en.non_name_words and len(w) > 1)
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


def strip_front(text: str, run, en, keep=frozenset()):
    """The run without the function words and particles that open it (The, After, de); an initial (A. Carl
    Kotchian) and the words of `keep` stay."""
    while run and (run[0][2] in en.non_name_words or run[0][2] in en.name_particles) and run[0][2] not in keep:
        if len(run) > 1 and len(run[0][2]) == 1 and text[run[0][1]:run[0][1] + 2] == ". ":
            break  # an initial
        run = run[1:]
    return run


def sentence_initial(text: str, s: int) -> bool:
    i = s
    while i > 0 and text[i - 1] in " \t\"“‘'(":
        i -= 1
    return i == 0 or text[i - 1] in _SENT_OPEN


def next_word(text: str, e: int) -> str:
    m = re.match(r"\s+([a-z][\w\-]*)", text[e:e + 30])
    return m.group(1) if m else ""
