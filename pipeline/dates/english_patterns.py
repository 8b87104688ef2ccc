"""The regular expressions of the English date reader (english.py reads their groups), compiled once."""
from __future__ import annotations

import re

from . import lexicon
from .numerals import WORD_NUMBERS

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
WEEKDAY = re.compile(rf"{_L}(?:(?P<rel>next|last|this|every) )?{_WD}(?: (?P<pod>morning|afternoon|evening|night))?{_R}(?!,? (?:{_MONTH_NAMES}) [0-9])",
                     re.IGNORECASE)
QUARTER_EN = re.compile(rf"{_L}(?:the )?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th) (?P<k>quarter|half) "
                        rf"(?:of )?{_Y4}{_R}", re.IGNORECASE)
DMY = re.compile(rf"{_L}{_PRE}(?P<d>[0-9]{{1,2}}){_ORD} (?:of )?{_MON},? {_Y4}{_R}")
MY = re.compile(rf"{_L}{_PRE}{_MON},? (?:of )?{_Y4}{_R}")
# a year after a comma belongs to MDY/DMY; a count after a comma does not (on June 5, 12 people)
_NO_YEAR_AFTER = r"(?![A-Za-z0-9]|\.? [0-9]|\.?, (?:[0-9]{4}|'[0-9]{2})(?![0-9]))"
MD = re.compile(rf"{_L}{_MON} (?P<d>[0-9]{{1,2}}){_ORD}{_NO_YEAR_AFTER}")
# day ranges within one month: June 14 to 27 (, 1861), 27–28 November 1974 — each end is a date of its own
MD_RANGE = re.compile(rf"{_L}{_MON} (?P<d1>[0-9]{{1,2}}){_ORD}(?P<gap> ?(?:[-–—]|to|until|through|and) ?)"
                      rf"(?P<d2>[0-9]{{1,2}}){_ORD}(?:,? (?P<y>1[0-9]{{3}}|20[0-9]{{2}}))?{_R}(?! ?(?:{_MONTH_NAMES}))")
DM_RANGE = re.compile(rf"{_L}(?P<d1>[0-9]{{1,2}}){_ORD}(?P<gap> ?(?:[-–—]|to|until|through|and) ?)"
                      rf"(?P<d2>[0-9]{{1,2}}){_ORD} (?:of )?{_MON}(?:,? (?P<y>1[0-9]{{3}}|20[0-9]{{2}}))?{_R}")
ISO = re.compile(r"(?<![0-9A-Za-z\-/.])(?P<y>1[0-9]{3}|20[0-9]{2})(?P<s>[-/.])(?P<m>[0-9]{1,2})(?P=s)(?P<d>[0-9]{1,2})(?![0-9]|[\-/.][0-9])")
US = re.compile(r"(?<![0-9A-Za-z\-/.])(?P<m>[0-9]{1,2})(?P<s>[-/])(?P<d>[0-9]{1,2})(?P=s)(?P<y>[0-9]{4}|[0-9]{2})(?![0-9]|[\-/.][0-9])")
BC_YEAR = re.compile(r"(?<![0-9A-Za-z])(?P<y>[0-9]{1,4}) ?(?:BC|B\.C\.|BCE)(?![A-Za-z])")
YEAR_RANGE = re.compile(rf"{_L}(?P<a>1[0-9]{{3}}|20[0-9]{{2}})(?P<c> ?[-–—] ?)(?P<b>1[0-9]{{3}}|20[0-9]{{2}}|[0-9]{{2}}){_R}(?![\-/.][0-9])")

# English-document-only patterns
_PREP = r"(?:in|since|by|until|till|from|to|during|before|after|of|throughout|between|and|around|circa|c\.|the year)"
YEAR = re.compile(rf"(?:\b{_PREP} |\(|^){_PRE}{_Y4}(?![0-9A-Za-z%$]|[,.][0-9]| ?(?:GMT|UTC|JST|EST|EDT|PST|PDT|CET|hours|hrs|h\b|local))",
                  re.MULTILINE | re.IGNORECASE)  # (1300 GMT) is a clock time, not a year
DECADE = re.compile(rf"{_L}(?P<the>the )?{_PRE}(?:(?P<y>1[0-9]{{2}}0|20[0-9]0)|'(?P<yy>[0-9]0))s{_R}")
ORDW = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
         "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
         "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
         "twentieth": 20, "twenty-first": 21}
_ORDINAL = r"(?:[0-9]{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(ORDW, key=len, reverse=True)) + ")"
_ERA_NAME = r"[A-Z][a-zA-Zāīūēōâîûêô']{2,}(?:-[a-zāīūēō']+)?"
# Japanese era dates in English: Keichō 18, the second year of Genki, the 15th day of the ninth
# month of Keichō 18 (a lunisolar date), the 19th of the 7th month of Kaei 6, the 6th month of Kaei 6,
# the 3rd day of the intercalary 5th month of Bunka 2, Bunsei 10, 1st month, 1st day, Tenmei 3 (1783), 7th month,
# 8th day (a Gregorian year gloss inside), Meireki 3 (1657), 1st month, 18th-20th day (a range: its first day)
_LUNI_MONTH = rf"(?P<leap>intercalary )?(?P<mo>{_ORDINAL}) month"
ERA_DATE = re.compile(
    rf"(?<![A-Za-z])(?:(?:the )?(?:(?P<dd>{_ORDINAL})(?: day)? of the )?{_LUNI_MONTH} of (?:the )?)?"
    rf"(?:(?:the )?(?P<yo>{_ORDINAL}) year of (?:the )?(?P<era1>{_ERA_NAME})(?: era)?"
    rf"|(?P<era2>{_ERA_NAME})(?: era)? (?P<n>[0-9]{{1,2}})(?![0-9]|,? [0-9]{{4}})"
    rf"(?:(?P<gl> \([0-9]{{4}}\))?, (?P<leap2>intercalary )?(?P<mo2>{_ORDINAL}) month"
    rf"(?:,? (?:the )?(?P<dd2>{_ORDINAL})(?:[-–](?P<dd3>{_ORDINAL}))? day)?)?)"
    rf"(?![A-Za-z0-9])"
)


CENTURY = re.compile(
    rf"{_L}(?P<the>the )?{_PRE}(?:the )?(?P<c>[0-9]{{1,2}}(?:st|nd|rd|th)|{lexicon.alt(ORDW)})(?P<sep>[ -])century{_R}",
    re.IGNORECASE)
SEASON = re.compile(rf"{_L}(?P<the>the )?{_PRE}(?:the )?(?P<s>spring|summer|autumn|fall|winter),? (?:of )?{_Y4}{_R}", re.IGNORECASE)
_NUMW = lexicon.alt(list(WORD_NUMBERS) + EN["vague"])
_UNIT = lexicon.alt(EN["units"])
DURATION = re.compile(
    rf"{_L}(?P<pre>about |around |nearly |almost |approximately |some )?(?P<n>[0-9]+(?:\.[0-9]+)?|{_NUMW})"
    rf"(?P<half> and a half)?[ -](?P<unit>{_UNIT})(?P<rel> later| after(?:wards?)?| earlier| before(?:hand)?| ago)?(?![A-Za-z0-9]|[ -]old)", re.IGNORECASE)
CLOCK = re.compile(
    r"(?:(?<![A-Za-z])(?P<pre>about|around|approximately|roughly|circa) )?"
    r"(?:(?<![0-9:])(?P<h>[0-9]{1,2})(?::(?P<mi>[0-5][0-9]))?\s?(?P<ap>a\.m\.|p\.m\.|am|pm|AM|PM)(?![A-Za-z])"
    r"|(?<![0-9:])(?P<h2>[0-9]{1,2}):(?P<mi2>[0-5][0-9])(?![0-9:]))")
# earlier this month, later that year, early next year: the whole phrase is the timex
_WITHIN = r"(?:(?P<el>earlier|later|early|late) (?=(?:this|that|the same|last|next) (?:year|month|week|day)))?"
WORDS = re.compile(
    rf"{_L}{_WITHIN}(?P<w>{lexicon.alt(list(EN['deictic']) + list(EN['anaphoric']) + list(EN['refs']) + list(EN['sets']))}){_R}",
    re.IGNORECASE)
# today at 9 a.m., today from 10:00: a day with a clock time, not the present
TODAY_AT = re.compile(r",?\s+(?:at|from|by|until)\s+(?:about\s+|around\s+)?[0-9]")
SIGNAL_BEFORE = re.compile(rf"(?:{lexicon.alt(EN['mod_before'])}) $", re.IGNORECASE)
PRE_MOD = {"early": "START", "the beginning of": "START", "mid": "MID", "the middle of": "MID", "late": "END",
           "the end of": "END", "about": "APPROX", "around": "APPROX", "circa": "APPROX", "approximately": "APPROX",
           "roughly": "APPROX"}

# --- dates read from their context (english_context.py)
_FULL_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
_LEFT = r"(?<![A-Za-z0-9'’\-])"
_REL_WORDS = r"last|next|this|that|the following|the next|the previous|the preceding|the same"
# a month name alone is a date only with a word that makes it one: in March, since February, last February,
# mid-February, the end of February, the following January (month names are matched case-sensitively)
BARE_MONTH = re.compile(
    rf"{_LEFT}(?:(?P<ctx>(?i:early in|late in|in|since|by|until|till|from|during|through|throughout|before|after"
    rf"|between|and|or|to)) )?(?P<span>(?:(?P<rel>(?i:{_REL_WORDS})) )?"
    rf"(?:(?P<pre>(?i:early|mid|late|the end of|the beginning of|the middle of|the start of))[ -])?"
    rf"(?P<mon>{_FULL_MONTHS}))(?![A-Za-z0-9'’\-]|[ ,]+[0-9])")
# March last year, July 23 of that year, in June the following year: a month (and day) of a year named by a word
MONTH_OF_YEAR = re.compile(
    rf"{_LEFT}(?P<mon>{_FULL_MONTHS})(?: (?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?)?,? (?:of )?"
    rf"(?P<yrel>(?i:last|this|next|that|the same|the following|the next|the previous|the preceding)) (?i:year)"
    rf"(?![A-Za-z0-9'’\-])")
# in the spring, the next spring, that winter, last summer (a season with a year is SEASON)
BARE_SEASON = re.compile(
    rf"{_LEFT}(?:(?P<ctx>(?i:in|during|by|until|till|through|throughout|since)) )?"
    rf"(?P<span>(?:(?P<rel>(?i:{_REL_WORDS}|the)) )?(?:(?P<pre>(?i:early|mid|late))[ -])?"
    rf"(?P<s>(?i:spring|summer|autumn|fall|winter)))(?![A-Za-z0-9'’\-]| of|,? [0-9])")
_POD = r"(?P<pod>(?i:morning|afternoon|evening|night))"
# yesterday morning, this afternoon, last night, tomorrow evening
POD_DEICTIC = re.compile(rf"{_LEFT}(?P<dw>(?i:yesterday|tomorrow|this|last)) {_POD}(?![A-Za-z0-9'’\-])")
# that night, the same evening, the next morning, the night before
POD_ANAPHORIC = re.compile(
    rf"{_LEFT}(?:(?P<aw>(?i:that|the same|the next|the following|the previous)) {_POD}"
    rf"|(?i:the) (?P<pod2>(?i:night|evening)) (?i:before)|(?i:the) (?P<pod3>(?i:morning)) (?i:after))"
    rf"(?![A-Za-z0-9'’\-])")
# in the morning, during the night (the preposition stays outside)
POD_BARE = re.compile(
    rf"{_LEFT}(?i:in|during|through|throughout|by|late in|early in|until|till) (?P<span>(?i:the) {_POD})"
    rf"(?![A-Za-z0-9'’\-]| of)")
# the morning of <date>: one TIME with the date after it
POD_OF = re.compile(rf"{_LEFT}(?i:the) {_POD} of ")
# every five years, every other week (a SET)
EVERY_N = re.compile(
    rf"{_LEFT}(?i:every) (?P<n>[0-9]+|{lexicon.alt(WORD_NUMBERS)}|other) (?P<unit>{_UNIT})(?![A-Za-z0-9'’\-])",
    re.IGNORECASE)
# for years, for decades (a length of unknown size; the preposition stays outside)
FOR_UNITS = re.compile(
    r"(?<![A-Za-z])(?i:for) (?P<u>(?i:years|months|weeks|days|decades|centuries|hours|minutes))"
    r"(?![A-Za-z0-9'’\-]| (?i:ago|later|earlier|before|after|old|of [0-9])\b)")
# 17 March, 3rd of May (a day and a month without a year)
DM = re.compile(rf"{_LEFT}(?P<d>[0-9]{{1,2}}){_ORD} (?:of )?(?P<mon>{_FULL_MONTHS}|(?:{_MONTH_ABBR})\.?)"
                + _NO_YEAR_AFTER)
# the 2015 film: a bare year between a determiner and a noun
YEAR_NOUN = re.compile(
    rf"{_LEFT}(?i:the|a|an|its|his|her|their|this|that|our) (?P<y>1[0-9]{{3}}|20[0-9]{{2}}) (?P<n>[a-z]+)"
    rf"(?![A-Za-z0-9'’\-])")
# the 9th day of the 6th month (a lunisolar day without its era: the year comes from the narrative)
LUNI_MD = re.compile(
    rf"(?<![A-Za-z])(?:the )?(?P<dd>{_ORDINAL})(?: day)? of the (?P<leap>intercalary )?(?P<mo>{_ORDINAL}) month"
    rf"(?![A-Za-z0-9]| of)")
# in the 9th month, the intercalary 5th month, the tenth month of that year (a lunisolar month without its era, in
# a text that dates by eras)
LUNI_M = re.compile(
    rf"(?<![A-Za-z])(?:the )(?P<leap>intercalary )?(?P<mo>{_ORDINAL}) month"
    rf"(?:(?P<of> of (?:that|the same|the following|the next|the previous) year)|(?![A-Za-z0-9\-]| of))")
# two years and five months, 3 hours, 20 minutes and 5 seconds: the glue between parts of one length
DURATION_GLUE = re.compile(r",? and |, ")
