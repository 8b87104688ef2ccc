"""English dates and times, in English documents and in English fragments of Japanese ones.

Patterns are ours (month names, numeric forms); dateparser is only used in the tests
to cross-check the readings.
"""
from __future__ import annotations

import re

from . import lexicon
from .model import Cand
from .numerals import WORD_NUMBERS
from .values import valid_ymd

EN = lexicon.en()
MONTHS = EN["months"]
_MONTH_NAMES = r"January|February|March|April|May|June|July|August|September|October|November|December" \
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
_MON = rf"(?P<mon>{_MONTH_NAMES})"
_L = r"(?=[A-Za-z0-9'])(?<![A-Za-z0-9])"
_R = r"(?![A-Za-z0-9])"
_ORD = r"(?:st|nd|rd|th)?"
_PRE = r"(?:(?P<pre>early|mid|late|the end of|the beginning of|the middle of|about|around|circa|approximately)[ -])?"
_Y4 = r"(?P<y>1[0-9]{3}|20[0-9]{2})"

_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MDY = re.compile(rf"{_L}(?:{_WD},? )?{_PRE}{_MON} (?P<d>[0-9]{{1,2}}){_ORD},? {_Y4}{_R}")
# Monday, next Tuesday, every Monday (a weekday written with a date belongs to that date's span)
WEEKDAY = re.compile(rf"{_L}(?:(?P<rel>next|last|this|every) )?{_WD}{_R}(?!,? (?:{_MONTH_NAMES}) [0-9])",
                     re.IGNORECASE)
QUARTER_EN = re.compile(rf"{_L}(?:the )?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th) (?P<k>quarter|half) "
                        rf"(?:of )?{_Y4}{_R}", re.IGNORECASE)
DMY = re.compile(rf"{_L}{_PRE}(?P<d>[0-9]{{1,2}}){_ORD} (?:of )?{_MON},? {_Y4}{_R}")
MY = re.compile(rf"{_L}{_PRE}{_MON},? (?:of )?{_Y4}{_R}")
MD = re.compile(rf"{_L}{_MON} (?P<d>[0-9]{{1,2}}){_ORD}(?![A-Za-z0-9]|,? [0-9])")
ISO = re.compile(r"(?<![0-9A-Za-z\-/.])(?P<y>1[0-9]{3}|20[0-9]{2})(?P<s>[-/.])(?P<m>[0-9]{1,2})(?P=s)(?P<d>[0-9]{1,2})(?![0-9]|[\-/.][0-9])")
US = re.compile(r"(?<![0-9A-Za-z\-/.])(?P<m>[0-9]{1,2})(?P<s>[-/])(?P<d>[0-9]{1,2})(?P=s)(?P<y>[0-9]{4}|[0-9]{2})(?![0-9]|[\-/.][0-9])")
BC_YEAR = re.compile(r"(?<![0-9A-Za-z])(?P<y>[0-9]{1,4}) ?(?:BC|B\.C\.|BCE)(?![A-Za-z])")
YEAR_RANGE = re.compile(rf"{_L}(?P<a>1[0-9]{{3}}|20[0-9]{{2}})(?P<c> ?[-–—] ?)(?P<b>1[0-9]{{3}}|20[0-9]{{2}}|[0-9]{{2}}){_R}(?![\-/.][0-9])")

# English-document-only patterns
_PREP = r"(?:in|since|by|until|till|from|to|during|before|after|of|throughout|between|and|around|circa|c\.|the year)"
YEAR = re.compile(rf"(?:\b{_PREP} |\(|^){_PRE}{_Y4}(?![0-9A-Za-z%$]|[,.][0-9])", re.MULTILINE | re.IGNORECASE)
DECADE = re.compile(rf"{_L}{_PRE}(?:(?P<y>1[0-9]{{2}}0|20[0-9]0)|'(?P<yy>[0-9]0))s{_R}")
_ORDW = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
         "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
         "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
         "twentieth": 20, "twenty-first": 21}
_ORDINAL = r"(?:[0-9]{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDW, key=len, reverse=True)) + ")"
_ERA_NAME = r"[A-Z][a-zA-Zāīūēōâîûêô']{2,}(?:-[a-zāīūēō']+)?"
# Japanese era dates in English: Keichō 18, the second year of Genki, the 15th day of the ninth
# month of Keichō 18 (a lunisolar date), the 3rd day of the intercalary 5th month of Bunka 2
ERA_DATE = re.compile(
    rf"(?<![A-Za-z])(?:(?:the )?(?P<dd>{_ORDINAL}) day of the (?P<leap>intercalary )?(?P<mo>{_ORDINAL}) month of "
    rf"(?:the )?)?(?:(?:the )?(?P<yo>{_ORDINAL}) year of (?:the )?(?P<era1>{_ERA_NAME})(?: era)?"
    rf"|(?P<era2>{_ERA_NAME})(?: era)? (?P<n>[0-9]{{1,2}})(?![0-9]|,? [0-9]{{4}}))(?![A-Za-z0-9])"
)


def _ordinal(s: str | None) -> int | None:
    if not s:
        return None
    s = s.lower()
    return _ORDW.get(s) or (int(re.sub(r"\D", "", s)) if re.match(r"[0-9]", s) else None)


CENTURY = re.compile(
    rf"{_L}{_PRE}(?:the )?(?P<c>[0-9]{{1,2}}(?:st|nd|rd|th)|{lexicon.alt(_ORDW)})[ -]century{_R}", re.IGNORECASE)
SEASON = re.compile(rf"{_L}{_PRE}(?:the )?(?P<s>spring|summer|autumn|fall|winter),? (?:of )?{_Y4}{_R}", re.IGNORECASE)
_NUMW = lexicon.alt(list(WORD_NUMBERS) + EN["vague"])
_UNIT = lexicon.alt(EN["units"])
DURATION = re.compile(
    rf"{_L}(?P<pre>about |around |nearly |almost |approximately |some )?(?P<n>[0-9]+(?:\.[0-9]+)?|{_NUMW})"
    rf"[ -](?P<unit>{_UNIT})(?P<rel> later| after| earlier| before| ago)?(?![A-Za-z0-9]|[ -]old)", re.IGNORECASE)
CLOCK = re.compile(
    r"(?<![0-9:])(?P<h>[0-9]{1,2})(?::(?P<mi>[0-5][0-9]))?\s?(?P<ap>a\.m\.|p\.m\.|am|pm|AM|PM)(?![A-Za-z])"
    r"|(?<![0-9:])(?P<h2>[0-9]{1,2}):(?P<mi2>[0-5][0-9])(?![0-9:])")
WORDS = re.compile(
    rf"{_L}(?P<w>{lexicon.alt(list(EN['deictic']) + list(EN['anaphoric']) + list(EN['refs']) + list(EN['sets']))}){_R}",
    re.IGNORECASE)
SIGNAL_BEFORE = re.compile(rf"(?:{lexicon.alt(EN['mod_before'])}) $", re.IGNORECASE)
PRE_MOD = {"early": "START", "the beginning of": "START", "mid": "MID", "the middle of": "MID", "late": "END",
           "the end of": "END", "about": "APPROX", "around": "APPROX", "circa": "APPROX", "approximately": "APPROX"}


def _mon(s: str) -> int:
    return MONTHS[s.rstrip(".").lower()]


def _mod(m) -> str:
    p = m.groupdict().get("pre")
    return PRE_MOD.get(p.lower(), "") if p else ""


def tag(text: str, lang: str) -> list[Cand]:
    out: list[Cand] = []
    for m in MDY.finditer(text):
        out.append(Cand(m.start(), m.end(), y=int(m["y"]), m=_mon(m["mon"]), d=int(m["d"]), mod=_mod(m),
                        rule="en", prio=2))
    for m in DMY.finditer(text):
        out.append(Cand(m.start(), m.end(), y=int(m["y"]), m=_mon(m["mon"]), d=int(m["d"]), mod=_mod(m),
                        rule="en", prio=2))
    for m in MY.finditer(text):
        out.append(Cand(m.start(), m.end(), y=int(m["y"]), m=_mon(m["mon"]), mod=_mod(m), rule="en", prio=2))
    for m in MD.finditer(text):
        if m["mon"] in ("May", "March") and lang != "en":
            continue
        out.append(Cand(m.start(), m.end(), m=_mon(m["mon"]), d=int(m["d"]), rel=("same", "Y"), rule="en"))
    for m in ISO.finditer(text):
        if not valid_ymd(int(m["y"]), int(m["m"]), int(m["d"])):
            continue
        out.append(Cand(m.start(), m.end(), y=int(m["y"]), m=int(m["m"]), d=int(m["d"]), rule="numeric", prio=2))
    for m in US.finditer(text):
        y = int(m["y"])
        if not valid_ymd(y if len(m["y"]) == 4 else None, int(m["m"]), int(m["d"])):
            continue
        c = Cand(m.start(), m.end(), y=y, m=int(m["m"]), d=int(m["d"]), yy2=len(m["y"]) == 2, rule="numeric")
        out.append(c)
    for m in WEEKDAY.finditer(text):
        k = WEEKDAYS_EN.index(m["wd"].lower()) + 1
        rel = (m["rel"] or "").lower()
        if rel == "every":
            out.append(Cand(m.start(), m.end(), type="SET", value=f"XXXX-WXX-{k}", rule="en", prio=2))
            continue
        weeks = {"next": 1, "last": -1}.get(rel, 0)
        out.append(Cand(m.start(), m.end(), weekday=k, rel=("weekday", k, weeks), rule="en-weekday", prio=1))
    for m in QUARTER_EN.finditer(text):
        n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}[m["o"].lower()]
        if m["k"].lower() == "half" and n > 2:
            continue
        sub = f"Q{n}" if m["k"].lower() == "quarter" else f"H{n}"
        out.append(Cand(m.start(), m.end(), y=int(m["y"]), sub=sub, rule="en", prio=2))
    for m in ERA_DATE.finditer(text):
        name = lexicon.eras_by_romaji().get(lexicon.romaji_key(m["era1"] or m["era2"]))
        n = _ordinal(m["yo"]) if m["era1"] else int(m["n"])
        era = lexicon.eras().get(name) if name else None
        if era is None or not n:
            continue
        y = era.first_year + n - 1
        if era.last_year is not None and y > era.last_year:
            continue
        mo, dd = _ordinal(m["mo"]), _ordinal(m["dd"])
        if (mo is not None and not 1 <= mo <= 12) or (dd is not None and not 1 <= dd <= 30):
            continue
        out.append(Cand(m.start(), m.end(), y=y, m=mo, d=dd, leap=bool(m["leap"]), lunisolar=y <= 1872,
                        rule="en-era", prio=3))
    for m in BC_YEAR.finditer(text):
        out.append(Cand(m.start(), m.end(), value=f"BC{int(m['y']):04d}", rule="en", prio=2))
    for m in YEAR_RANGE.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if len(m["b"]) == 2:
            b = a // 100 * 100 + b
        if not a < b <= a + 200:
            continue
        out.append(Cand(m.start("a"), m.end("a"), y=a, rule="en-range", prio=1))
        out.append(Cand(m.start("b"), m.end("b"), y=b, rule="en-range", prio=1))
    if lang != "en":
        return out
    for m in YEAR.finditer(text):
        out.append(Cand(m.start("pre") if m["pre"] else m.start("y"), m.end(), y=int(m["y"]), mod=_mod(m),
                        rule="en-year"))
    for m in DECADE.finditer(text):
        if m["y"]:
            y = int(m["y"])
            c = Cand(m.start(), m.end(), y=y, gran="decade", mod=_mod(m), rule="en-decade", prio=1)
        elif m["yy"]:
            c = Cand(m.start(), m.end(), y=int(m["yy"]), yy2=True, gran="decade", mod=_mod(m), rule="en-decade")
        else:
            continue
        out.append(c)
    for m in CENTURY.finditer(text):
        cs = m["c"].lower()
        n = _ORDW.get(cs) or int(re.sub(r"\D", "", cs) or 0)
        if not n:
            continue
        start = m.start() if m["pre"] else m.start("c")  # "the" stays outside
        out.append(Cand(start, m.end(), value=f"{n - 1:02d}", gran="century", mod=_mod(m), rule="en", prio=1))
    for m in SEASON.finditer(text):
        out.append(Cand(m.start() if m["pre"] else m.start("s"), m.end(), y=int(m["y"]),
                        sub=EN["seasons"][m["s"].lower()], mod=_mod(m),
                        rule="en", prio=1))
    for m in DURATION.finditer(text):
        n = m["n"].lower()
        unit = EN["units"][m["unit"].lower()]
        num = n if n[0].isdigit() else ("X" if n in EN["vague"] else str(WORD_NUMBERS[n]))
        if m["rel"]:
            rel = m["rel"].strip().lower()
            if num == "X":
                val = "PAST_REF" if rel in ("ago", "earlier", "before") else "FUTURE_REF"
                out.append(Cand(m.start("n"), m.end(), value=val, rule="en-rel", prio=2))
                continue
            runit = {"Y": "Y", "M": "M", "W": "W", "D": "D", "TH": "H", "TM": "MI"}.get(unit)
            if runit is None or "." in num:
                continue
            k = int(num)
            r = ("ago", runit, -k) if rel == "ago" else ("shift", runit, k if rel in ("later", "after") else -k)
            out.append(Cand(m.start("n"), m.end(), rel=r, type="TIME" if runit in ("H", "MI") else "DATE",
                            rule="en-rel", prio=2))
            continue
        if n in ("a", "an") and unit not in ("Y", "M", "W", "D", "DE", "CE"):
            continue
        val = f"PT{num}{unit[1]}" if unit.startswith("T") else f"P{num}{unit}"
        c = Cand(m.start(), m.end(), type="DURATION", value=val, rule="en-dur")
        if m["pre"]:
            c.mod = "APPROX"
        out.append(c)
    for m in CLOCK.finditer(text):
        h = int(m["h"] or m["h2"])
        mi = int(m["mi"] or m["mi2"] or 0)
        ap = (m["ap"] or "").lower().replace(".", "")
        if h > 24 or (ap and h > 12):
            continue
        if ap == "pm" and h < 12:
            h += 12
        if ap == "am" and h == 12:
            h = 0
        out.append(Cand(m.start(), m.end(), type="TIME", hh=h, mi=mi, rel=("same", "D"), rule="en-clock"))
    for m in WORDS.finditer(text):
        w = m["w"].lower()
        c = Cand(m.start(), m.end(), rule="en-word")
        if w in EN["deictic"]:
            spec = EN["deictic"][w]
            c.rel = ("dct", spec[0], spec[1])
            if len(spec) == 3:
                c.pod, c.type = spec[2], "TIME"
            if w == "today":
                c.fallback = "PRESENT_REF"
        elif w in EN["anaphoric"]:
            spec = EN["anaphoric"][w]
            c.rel = ("same", spec[1]) if spec[0] == "same" else ("shift", spec[1], spec[2])
        elif w in EN["refs"]:
            c.value = EN["refs"][w]
        else:
            c.type, c.value = "SET", EN["sets"][w]
        out.append(c)
    return out


def signal_mod(text: str, start: int) -> str:
    """before/after/until ... right before an English date (kept outside the span)."""
    m = SIGNAL_BEFORE.search(text, max(0, start - 12), start)
    return EN["mod_before"].get(m.group(0).strip().lower(), "") if m else ""
