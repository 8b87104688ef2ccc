"""Japanese regular expressions, compiled once, built from the lexicons.

All patterns run on the NFKC view (full-width digits are ASCII there).
Each pattern family has one handler (absolute.py, relative.py, durations.py), paired with it in tagger.PATTERNS.
"""
from __future__ import annotations

import re

from . import lexicon
from .numerals import KANJI_NUM

JA = lexicon.ja()
ERAS = lexicon.alt(lexicon.eras())
# the first characters of era names: a cheap lookahead before trying the names themselves
ERA_FIRST = "[" + "".join(sorted({name[0] for name in lexicon.eras()})) + "]"

NUM = rf"(?:[0-9]{{1,4}}|{KANJI_NUM})"
# Do not start inside a number (1905年 must not yield 905年 or 5年).
NB = r"(?<![0-9〇零一二三四五六七八九十百千])(?<![0-9][.,])"
SP = r"[ ]?"

_ana = JA["anaphoric"]
_dei = JA["deictic"]
Y_WORDS = [w for w, v in _ana.items() if v[1] == "Y" and len(v) < 4] + [w for w, v in _dei.items() if v[0] == "Y"]
M_WORDS = [w for w, v in _ana.items() if v[1] == "M"] + [w for w, v in _dei.items() if v[0] == "M"]
D_WORDS = [w for w, v in _ana.items() if v[1] in ("D", "H")] + [w for w, v in _dei.items() if v[0] == "D"]
W_WORDS = [w for w, v in _ana.items() if v[1] == "W"] + [w for w, v in _dei.items() if v[0] == "W"]
D_WORDS += list(JA["fixed_days"])

MOD_SUFFIX = lexicon.alt(list(JA["mod_suffix"]) + list(JA["half_suffix"]))
SEASONS = lexicon.alt(JA["seasons"])
PODS = lexicon.alt(JA["parts_of_day"])
APPROX_SUFFIX = "頃|ごろ|ころ|前後"

# 西暦/皇紀/紀元前 belong to the year's span; 旧暦 marks a lunisolar date.
YEAR_PREFIXES = "西暦|皇紀|紀元前|紀元"
# An era year: 嘉永6年, 明治十年, 元年, a gloss inside the year (昭和11(1936)年), H31年 in date context.
YP = (
    rf"(?:(?P<kyu>旧暦){SP})?"
    rf"(?:(?P<era>{ERAS}){SP}(?P<ey>{NUM}|元){SP}(?:\((?P<gl>[0-9]{{4}})\))?年(?P<fy>度)?"
    rf"|(?<![A-Za-z0-9])(?P<eab>[MTSHR])(?P<eay>[0-9]{{1,2}})年(?P<fy3>度)?"
    rf"|{NB}(?P<ypre>{YEAR_PREFIXES})?{SP}(?P<y>{NUM})年(?P<fy2>度)?(?!代|間|半|ぶり|以上|以内|目|生|前(?!後|半)|後(?!半))"
    rf"|(?P<yw>{lexicon.alt(Y_WORDS)}))"
)
MP = (
    rf"(?:{NB}(?P<leap>閏)?(?P<m>{NUM})月(?!間)|(?P<m1>(?<=年)正月|正月(?=[0-9一二三四五六七八九十]+日|{SP}[0-9]|上旬|中旬|下旬|初旬|末))"
    rf"|(?P<mw>{lexicon.alt(M_WORDS)}))"
)
# a weekday written with the date belongs to its span: 26日水曜日, 7月18日(月), 3日(月・祝), 二十六日(水曜日)
WEEKDAY_SUFFIX = r"(?:[ ]?(?:\((?P<wdb>[月火水木金土日])(?:曜日?)?(?:[・,]?祝)?\)|(?P<wdw>[月火水木金土日])曜(?:日)?))"
DP = (
    rf"(?:(?P<dnext>翌)?{NB}(?P<d>{NUM})日(?!間|後|前|ぶり|目|連続|半)(?!曜)"
    rf"|(?P<dw>{lexicon.alt(D_WORDS)}))(?:(?:(?<=[0-9〇一二三四五六七八九十]日)の(?=[月火水木金土日]曜))?{WEEKDAY_SUFFIX})?(?:の(?=早朝|未明|朝(?:[、,。 にはもか]|[0-9]|$)|午前|午後|夕方|夕刻|夜(?!間|明)|深夜|[0-9]{{1,2}}時))?"
)
TP = (
    rf"(?:(?P<ampm>午前|午後|朝|夜|夕方)(?:の)?{SP})?"
    rf"(?:{NB}(?P<hh>{NUM})時(?:{SP}(?P<mi>[0-9]{{1,2}}|[〇一二三四五六七八九十]+)分|(?P<half>半))?(?!間)"
    rf"|(?<![0-9:])(?P<hh2>[0-9]{{1,2}}):(?P<mi2>[0-5][0-9])(?![0-9:])|(?P<noon>正午))"
)
PODP = rf"(?P<pod>{PODS})(?![刊食鮮廷礼])"  # 朝刊, 夕食, 朝鮮 are no parts of the day
# Flat Y? M? D? (time|part of day)?; the lookahead keeps it from starting anywhere else,
# and the tagger drops matches that contain no calendar part at all.
_TRIGGER = (
    rf"(?=[0-9〇零一二三四五六七八九十百千翌閏正MTSHR]|旧暦|{YEAR_PREFIXES}|{ERA_FIRST}|{lexicon.alt(Y_WORDS + M_WORDS + D_WORDS)}"
    rf"|午前|午後|朝|夜|夕方|正午|{lexicon.alt(JA['mod_prefix'])})"
)
# 翌年の1月15日: a year and the month after it, joined by の, are one date
INCIDENT_NAME_TAILS = ("の変", "の政変", "の乱", "の大火", "の大獄")  # 〜の変 after a date names an incident
# (not before an incident named by its day: 前年の|八月十八日の政変)
_MONTH_NEXT = rf"閏?[0-9〇一二三四五六七八九十]+月(?![0-9〇一二三四五六七八九十]+日(?:{lexicon.alt(INCIDENT_NAME_TAILS)}))"
DATEPART = rf"(?:{YP}(?:の(?={_MONTH_NEXT}))?)?(?:{SP}{MP})?(?:{SP}{DP})?(?:{SP}(?:{TP}|{PODP}))?"
SUFFIX = (
    rf"(?:(?:の)?(?P<season>{SEASONS})(?!季|休|期|学|節|分|先|眠|闘|祭|場|至)(?:{SP}(?P<smod>{MOD_SUFFIX}))?"
    rf"|(?:の)?(?P<modsuf>{MOD_SUFFIX}))?"
)

CAL = re.compile(
    rf"{_TRIGGER}(?P<pre>{lexicon.alt(JA['mod_prefix'])})?"
    rf"{_TRIGGER}{DATEPART}"
    rf"{SUFFIX}(?P<apx>{APPROX_SUFFIX})?"
)

# 天正十年（一五八二）, 天正10年(1582)六月: a Gregorian year glossing the era year just before it, without 年
YEAR_GLOSS = re.compile(r"(?<=年)\((?P<y>[〇一二三四五六七八九]{4}|1[0-9]{3})\)")
WEEKREL = re.compile(rf"(?P<w>{lexicon.alt(W_WORDS)})")

_DIGIT = r"(?=[0-9〇零一二三四五六七八九十百千約紀第])"
DECADE = re.compile(
    rf"(?=[0-9〇零一二三四五六七八九十百千約]|{ERA_FIRST})(?P<pre>約)?(?P<era>{ERAS})?{NB}(?P<y>[0-9]{{2,4}}|{KANJI_NUM})年代(?:(?:の)?(?P<modsuf>{MOD_SUFFIX}))?(?P<apx>{APPROX_SUFFIX})?"
)
CENTURY = re.compile(
    rf"{_DIGIT}(?P<bc>紀元前)?{NB}(?P<c>{NUM})世紀(?!間|半(?!ば)|以上)(?:(?:の)?(?P<modsuf>{MOD_SUFFIX}))?(?P<apx>{APPROX_SUFFIX})?"
)
QUARTER = re.compile(
    rf"(?=[0-9〇一二三四第Q上下今昨来同前翌本当])(?:(?:{NB}(?P<y>[0-9]{{4}})(?:年(?:度)?)?|(?P<yw>{lexicon.alt(Y_WORDS)}))(?:の|[ ])?)?"
    rf"(?:第?(?P<q>[1-4一二三四])四半期|(?<![A-Za-z0-9])Q(?P<q2>[1-4])(?:[ ](?P<y2>[0-9]{{4}}))?(?![A-Za-z0-9])"
    rf"|(?P<h>上|下)半期)"
)
# 2021春: a season written right after a bare year
SEASON_BARE = re.compile(rf"{NB}(?P<y>1[0-9]{{3}}|20[0-9]{{2}})(?P<s>{SEASONS})(?!季|休|期|学|節|分|先|眠|闘|祭|場|至|[0-9])")
# Numeric dates with slashes, dots or ・ (read only in date context: see the tagger):
# 2021/7/18, 2021.7.18, 2021・7・18, 2021/7, 令和3.7.18, R3.7.18, 7/18
NUMERIC = re.compile(
    rf"(?=[0-9MTSHR]|{ERA_FIRST})(?<![0-9A-Za-z./\-・])(?<![0-9]:)(?:(?P<era>{ERAS})|(?P<eab>[MTSHR]))?(?P<y>[0-9]{{1,4}})(?P<s>[/.・])(?P<m>[0-9]{{1,2}})"
    rf"(?:(?P=s)(?P<d>[0-9]{{1,2}}))?(?![0-9]|[/.・][0-9]|[:%])"
    rf"{WEEKDAY_SUFFIX}?"
)
MONTH_DAY = re.compile(r"(?<![0-9A-Za-z./\-:・])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9/.\-:%])"
                       + WEEKDAY_SUFFIX + "?")
# 月曜日 / 月曜 alone (a weekday written with a date is part of the date's span)
WEEKDAY = re.compile(
    rf"(?<![0-9〇一二三四五六七八九十毎])(?:(?P<wk>{lexicon.alt(W_WORDS)})(?:の)?)?(?P<w>[月火水木金土日])曜(?:日)?(?!日)"
    r"|(?<![0-9〇一二三四五六七八九十日])\((?P<wb>[月火水木金土日])(?:曜日?)?\)"
)
# 半日, 半月: halves with a unit the duration pattern does not read alone
HALF_UNIT = re.compile(r"(?<![0-9〇一二三四五六七八九十百千四前後上下大小])半(?P<u>日|月)(?!前|後|ぶり|形|板|島|刊|額|期|分|身|年)")
# the smaller units that continue a compound duration: 1年2ヶ月10日, 1時間30分, 3分20秒
COMPOUND_NEXT = re.compile(
    r"(?P<n>[0-9]+(?:\.[0-9]+)?)(?P<unit>か月|カ月|ヵ月|ヶ月|ケ月|箇月|週間|日|時間|分|秒)(?:間)?"
)

_UNITS = lexicon.alt(list(JA["duration_units"]) + ["分", "週", "日"])
_VAGUE = lexicon.alt(JA["vague_numbers"])
DURATION = re.compile(
    rf"(?=[0-9〇零一二三四五六七八九十百千数何半四約おほ過こ最])(?P<pre>{lexicon.alt(JA['mod_prefix'])}|過去|ここ|この|最近の)?"
    rf"(?:{NB}(?P<n>{NUM}(?:\.[0-9]+)?)|(?P<vague>{_VAGUE})|(?P<halfpre>半|四半))"
    rf"(?P<unit>{_UNITS})(?P<half>半)?(?P<more>余り|あまり|余|強|弱|ほど|程|近く)?(?P<unit2>間)?"
)
RELATIVE = re.compile(
    rf"(?=[0-9〇零一二三四五六七八九十百千数そこ約お半])(?P<sono>その|この|それから|それより)?(?P<apx>約|およそ)?"
    rf"(?:{NB}(?P<n>{NUM})|(?P<vague>数|十数|数十)|(?P<halfyear>半)(?=年))"
    rf"(?P<unit>年|か月|カ月|ヵ月|ヶ月|ケ月|箇月|週間|日|時間|分)(?P<dir>後|前)(?!後|半|期|者|線|夜)"
)
# 夕刻には, 未明、: a part of the day alone, on the day just told (after a date the date's own pattern reads it)
BARE_POD = re.compile(rf"(?<![0-9〇一二三四五六七八九十日夜朝同翌前昨今])(?P<w>{lexicon.alt(JA['bare_parts_of_day'])})"
                      r"(?![間中帯料便番営以])")
# 巳の刻頃: a traditional two-hour period named by its zodiac sign (子 = midnight), at its middle
TRAD_HOUR = re.compile(r"(?:(?<=日)|(?<![一-龥々]))(?P<sign>[子丑寅卯辰巳午未申酉戌亥])の刻(?P<ap>頃|ごろ)?")
# 朝五つ時, 暮れ六つ, 昼九つ半頃: an Edo bell hour with the part of the day that says which one it is
BELL_HOUR = re.compile(rf"(?:(?<=日)|(?<![一-龥々]))(?P<part>{lexicon.alt(JA['bell_hours'])})(?P<count>[九八七六五四])[つツ](?P<half>半)?"
                       r"(?P<toki>時|刻)?(?P<ap>頃|ごろ)?")
NOW = re.compile(r"(?<![\u4e00-\u9fff々])今(?=は|も|では|でも|なお|や|、|,)")
SETS = re.compile(rf"(?P<w>{lexicon.alt(JA['sets'])})(?:(?<=毎年)(?P<m>[0-9]{{1,2}})月(?:(?P<d>[0-9]{{1,2}})日)?|(?<=毎月)(?P<d2>[0-9]{{1,2}})日)?")
# 週2回, 年1回, 月に1度: a frequency is a SET over its period
FREQ = re.compile(r"(?<![0-9毎今先来翌前同])(?P<p>年|月|週|日)に?(?P<n>[0-9]{1,2}|[一二三四五六七八九十]{1,2})(?:回|度)(?!目)")
# 1日4往復, 1日2便: "a day" as the period of a frequency (the span is the period)
PER_PERIOD = re.compile(r"(?<![0-9])1(?P<p>日|週|月|年)(?=[0-9一二三四五六七八九十]{1,3}(?:往復|便|本|回|度|時間|人|台|隻))")
REFS = re.compile(rf"(?=[{''.join(sorted({w[0] for w in JA['refs']}))}])(?P<w>{lexicon.alt(JA['refs'])})")
# 1950〜1953年 / 2017年5月8〜9日: the first member lacks its unit.
RANGE = re.compile(
    rf"(?=[0-9])(?P<head>(?:{NB}[0-9]{{4}}年)?(?:{NB}[0-9]{{1,2}}月)?){NB}(?P<a>[0-9]{{1,4}})"
    rf"(?P<conn>{SP}[〜~\-–—−‐―・]{SP})(?P<b>[0-9]{{1,4}})(?P<unit>年|月|日)"
)
MOD_AFTER = re.compile(rf"{SP}(?P<w>{lexicon.alt(JA['mod_after'])})")
RANGE_OPEN = re.compile(r"^[ ]?(?:から|より|〜|~|-|–|—|−|‐|―)[ ]?$")
