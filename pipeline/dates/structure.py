"""The document's structure as the resolver reads it: a news or post date line, chronology entry lines,
background sections and bracketed glosses and asides."""
from __future__ import annotations

import re

from . import lexicon
from .model import Cand
from .values import valid_ymd

JA = lexicon.ja()


_DATELINE_LINES = 4  # a news dateline sits in the first lines, alone on its line
_DATELINE_CHARS = 300  # ... and near the top: bounds the search on one-line documents


# what a date line may hold beside its date: brackets, a weekday, a place and agency credit in
# 【】 (【ホノルル10日共同】), a label (投稿日:, Posted), a time of posting, a blog's category or author
_DATELINE_NOISE = re.compile(
    r"【[^】\n]{0,20}】|(?:投稿日|更新日|公開日|掲載日|配信日|発行日|最終更新|投稿|更新|配信|掲載)(?:時)?[:：]?"
    r"|(?:カテゴリー?|タグ|投稿者|筆者|著者|記者)[:：][^\s]{0,30}"
    r"|(?:Posted|Published|Updated|Last updated|Written|Date)(?: on)?:?|\bby [A-Z][a-z]+(?: [A-Z][a-z]+){0,2}|,"
    r"|現在|時点|朝刊|夕刊|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|[\s()（）【】\[\]日月火水木金土曜付版・|｜]"
)


def find_dateline(cands: list[Cand], text: str) -> int | None:
    """Index of a news dateline: a full date alone on one of the first lines
    (brackets, weekday and spaces around it allowed)."""
    head_end = 0
    for _ in range(_DATELINE_LINES):
        nxt = text.find("\n", head_end)
        if nxt < 0:
            head_end = len(text)
            break
        head_end = nxt + 1
        while head_end < len(text) and text[head_end] == "\n":
            head_end += 1
    head_end = min(head_end, _DATELINE_CHARS)
    for i, c in enumerate(cands):
        if c.start >= head_end:
            break
        if _alone_on_line(c, text) or _english_dateline(c, text) or _as_of_heading(c, text):
            return i
    # an edition line closes the article instead: （1967年4月17日　朝刊）
    tail_start = len(text.rstrip()) - _EDITION_CHARS
    for i in range(len(cands) - 1, -1, -1):
        c = cands[i]
        if c.start < tail_start:
            break
        if _alone_on_line(c, text) and not _DATELINE_NOISE.sub("", text[c.end:]):
            return i
    return None


_EDITION_CHARS = 40
# an English news dateline opens the text's first line, the story going on after a dash:
# "TOKYO, July 28, 1976 — Former Prime Minister ...", "NEW YORK (AP), Oct. 3, 1985 -- ..."
_EN_DATELINE_HEAD = re.compile(r"[ \t]*(?:[A-Z][A-Z.'’\- ]*[A-Z.](?:, [A-Z][A-Za-z.]+)*(?: \([A-Za-z .]+\))?,? )?")
_EN_DATELINE_TAIL = re.compile(r"(?: \([A-Za-z .]+\))?[ \t]*(?:—|–|--|-|:)[ \t]")


_POST_LABEL = re.compile(r"投稿|更新|公開|掲載|[Pp]osted|[Pp]ublished|[Uu]pdated")


def is_post_line(c: Cand, text: str) -> bool:
    """The date line is a post's or page's (投稿日:, Posted …), not a news story's: it dates the writing, while the
    month-days of the history the post tells keep the narrative's year."""
    a = text.rfind("\n", 0, c.start) + 1
    b = text.find("\n", c.end)
    return _POST_LABEL.search(text[a:b if b >= 0 else len(text)]) is not None


def _english_dateline(c: Cand, text: str) -> bool:
    """A full date after a place in capitals at the start of one of the first lines, then a dash."""
    if c.type != "DATE" or c.rel is not None or None in (c.y, c.m, c.d) or not c.rule.startswith("en"):
        return False
    head = text[text.rfind("\n", 0, c.start) + 1:c.start].lstrip("\ufeff")  # a headline line may come first
    return _EN_DATELINE_HEAD.fullmatch(head) is not None \
        and _EN_DATELINE_TAIL.match(text, c.end) is not None and valid_ymd(c.y, c.m, c.d)


def _as_of_heading(c: Cand, text: str) -> bool:
    """（2020年9月1日現在） closing a heading line: the date the report speaks at."""
    if c.type != "DATE" or c.rel is not None or None in (c.y, c.m, c.d) or not valid_ymd(c.y, c.m, c.d):
        return False
    b = text.find("\n", c.end)
    return text[c.start - 1:c.start] in "(（" and re.fullmatch(r"\s*(?:現在|時点)[)）]\s*", text[c.end:b if b >= 0 else len(text)]) is not None


def _alone_on_line(c: Cand, text: str) -> bool:
    """A full calendar date alone on its line (brackets, weekday, credits and labels aside)."""
    if c.type != "DATE" or c.rel is not None or None in (c.y, c.m, c.d) or not valid_ymd(c.y, c.m, c.d):
        return False
    a = text.rfind("\n", 0, c.start) + 1
    b = text.find("\n", c.end, c.end + _DATELINE_CHARS)
    if b < 0 and len(text) - c.end > _DATELINE_CHARS:
        return False  # a long line is no dateline
    rest = (text[a:c.start] + text[c.end:len(text) if b < 0 else b]).strip()
    return not _DATELINE_NOISE.sub("", rest)


_LINE_MARKERS = re.compile(r"[ \t*・•\-;:#=>|]*")
_ENTRY_AFTER = re.compile(r"\)*(?:[ \t]|[-–—:：(]|\n|$)")
_CHAIN_GAP = re.compile(r"[()]*")


# a heading line: == 背景 ==, ■1980年代, # Background, 【概要】, 第1 (official documents), alone on its line
_HEADING = re.compile(
    r"^[ \t]*(?:=+[ ]*(?P<a>[^=\n]+?)[ ]*=+|■[ ]*(?P<b>[^\n]+)|#+[ ]+(?P<c>[^\n]+)|【(?P<d>[^】\n]+)】"
    r"|第[0-9一二三四五六七八九十]+[ ]+(?P<e>[^\n。]+))[ \t]*$", re.MULTILINE)
_BACKGROUND = tuple(JA["background_headings"])


def background_sections(text: str) -> list[tuple[int, int]]:
    """[start, end) of each section headed as background (== 背景 ==): told before the story, it is an
    aside as a whole, and its dates anchor nothing after it (the sections after it go on from the lead)."""
    heads = list(_HEADING.finditer(text))
    out = []
    for k, h in enumerate(heads):
        title = next(g for g in h.groups() if g)
        if any(w in title for w in _BACKGROUND):
            out.append((h.end(), heads[k + 1].start() if k + 1 < len(heads) else len(text)))
    return out


def entry_dates(cands: list[Cand], text: str) -> list[bool]:
    """Per candidate: does it open a chronology line (`* 10月 - ...`, `; 1950年(昭和25年)`,
    `同月15日　...`: first on its line after list marks, and followed by a column gap, a dash or a
    gloss)? A line-opening date without its year takes it from the entry or heading lines before it,
    not from a relative date inside an earlier entry's text (翌年までに復帰した)."""
    out = [False] * len(cands)
    i = 0
    while i < len(cands):
        c = cands[i]
        j = i + 1
        if _LINE_MARKERS.fullmatch(text, text.rfind("\n", 0, c.start) + 1, c.start) is None:
            i = j
            continue
        # the line's date may come in pieces: 平成14年(2002年)9月17日
        while j < len(cands) and _CHAIN_GAP.fullmatch(text, cands[j - 1].end, cands[j].start):
            j += 1
        if _ENTRY_AFTER.match(text, cands[j - 1].end):
            out[i:j] = [True] * (j - i)
        i = j
    return out


_ASIDE_OK = re.compile(r"^[\s、,・/]*$")
_BRACKET_REACH = 80


def bracket_roles(cands: list[Cand], text: str) -> list[str | None]:
    """Per candidate: "gloss" when it sits in brackets right after another timex (嘉永6年(1853年),
    1853年7月8日(嘉永6年6月3日): the same date again), "aside" when its brackets say something else
    (a life span (1826-1906), 暁空丸(1941年に竣工)); None otherwise. Neither kind anchors what follows."""
    roles: list[str | None] = [None] * len(cands)
    ends = {c.end: i for i, c in enumerate(cands)}
    for i, c in enumerate(cands):
        a = text.rfind("(", max(0, c.start - _BRACKET_REACH), c.start)
        if a < 0 or ")" in text[a:c.start] or "\n" in text[a:c.start]:
            continue
        b = text.find(")", c.end, c.end + _BRACKET_REACH)
        if b < 0 or "\n" in text[c.end:b] or "(" in text[c.end:b]:
            continue
        j = ends.get(a)
        if j is None and a and text[a - 1] == " ":
            j = ends.get(a - 1)  # July 8, 1853 (the 3rd day of the 6th month of Kaei 6)
        if j is not None and j < i:  # the brackets open right where another timex ends
            roles[i] = "gloss"
            continue
        # the other timexes in the same brackets lie among the neighbours (the brackets are short)
        inside = [o for o in cands[max(0, i - 3) : i + 4] if a < o.start and o.end <= b]
        rest, pos = [], a + 1
        for o in inside:
            rest.append(text[pos:o.start])
            pos = o.end
        rest.append(text[pos:b])
        if len(inside) > 1 or not _ASIDE_OK.match("".join(rest)):
            roles[i] = "aside"
    return roles


_INCIDENT = "|".join(sorted(map(re.escape, JA["incident_words"]), key=len, reverse=True))
_FROM_INCIDENT = re.compile(rf"(?:{_INCIDENT})(?:発生)?(?:の|から|より)$")
_LEAD_SENTENCES = 3  # the lead: the sentences of the first paragraph that can define the subject


def topic_sentence(text: str) -> tuple[int, int] | None:
    """The lead sentence that names the happening an article is about (ドニャ・パス号沈没事故は、1987年12月20日の
    夜、…沈没した海難事故である): its first day-precision date is the day of that happening."""
    start = 0
    for _ in range(_LEAD_SENTENCES + 2):  # the title line and an empty line may come first
        end = min((k for k in (text.find(ch, start) for ch in "。\n") if k >= 0), default=len(text))
        if re.search(_INCIDENT, text[start:end]) and re.search(r"\d|[一二三四五六七八九十]", text[start:end]):
            return start, end
        start = end + 1
        if start >= len(text):
            break
    return None


def counted_from_topic(c: Cand, text: str) -> bool:
    """事件の三日前, 事故から8日後: a day counted from the happening the article is about."""
    return bool(c.rel) and c.rel[0] in ("shift", "ago") and _FROM_INCIDENT.search(text, max(0, c.start - 8), c.start) is not None
