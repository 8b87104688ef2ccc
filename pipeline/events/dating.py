"""Dating: which timex dates which predicate (timex roles), chronology heads, the narrative date."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from pipeline.events.clauses import SentenceParse, is_event_noun, is_predicate
from pipeline.events.lexicon import BOUND_AFTER, BULLETS, DATED_TYPES, NOMINAL_FRAME, lexicon

# --------------------------------------------------------------- timex roles


@dataclass
class TimexRole:
    timex: dict
    governor: object  # the predicate token the timex depends on, or None
    nominal: object  # event noun the timex modifies with の (勃発, 合意), or None
    temporal: bool  # reaches its predicate through a time word (〜の終結後, 〜勃発から2カ月後)
    attributive: bool  # modifies a non-event noun (2013年の…法): not an event date
    initial: bool  # opens the sentence (1991年の…崩壊により、…)
    framing: bool  # a sentence adverbial: 〜日、 or 〜日に…は before any predicate (the parse may say otherwise)
    after_end: int = -1  # 2005年9月19日の合意直後、: end of the phrase naming the earlier happening
    relative: bool = False  # inside a relative clause (2000年に…受賞した金大中): dates that clause only


def timex_role(sp: SentenceParse, tx: dict, text: str) -> TimexRole | None:
    toks = [t for t in sp.tokens if tx["start"] <= sp.base + t.idx < tx["end"]]
    if not toks:
        return None
    inside = {t.i for t in toks}
    top = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[-1])
    cur = sp.head(top)
    nominal = attr_noun = None
    temporal = attributive = named = False
    while cur is not None and not is_predicate(cur):
        if cur.lemma_ in lexicon().transparent:
            temporal = temporal or nominal is not None
        elif nominal is None and not attributive:
            if is_event_noun(cur):
                nominal = cur
            elif cur.pos_ == "PROPN" and not named:
                named = True  # 1991年のソ連の崩壊: the date is the happening's, said of a name
            elif cur.pos_ in ("NOUN", "PROPN"):
                attributive = True
                attr_noun = cur
        if cur.pos_ == "ADP" and cur.lemma_ == "から" and nominal is not None:
            temporal = True
        cur = sp.head(cur)
    if named and nominal is None:
        attributive = True  # 2000年の金大中: a name dated, no happening
    if attr_noun is not None and attr_noun.dep_ == "obl" and \
            any(c.dep_ == "case" and c.lemma_ in ("に", "で") for c in attr_noun.children) and \
            "".join(t.text for t in attr_noun.subtree if t.i <= attr_noun.i)[-6:].endswith(lexicon().occasion_nouns):
        attributive = False  # 2018年2月10日の…開会式に出席した: the occasion's date is the attending's
    if nominal is not None and any(t.lemma_ == "から" and t.head.i == nominal.i for t in nominal.children):
        temporal = True
    if nominal is not None and not temporal and nominal.dep_ == "obl" and \
            any(c.dep_ == "case" and c.lemma_ == "で" for c in nominal.children):
        nominal = None  # 〜日の会談で…謝罪した: the dated happening is the setting of the predicate
    before = [t for t in sp.tokens if t.i < toks[0].i]
    initial = all(t.pos_ in ("CCONJ", "ADV", "PUNCT", "SCONJ", "CONJ") or t.lemma_ in ("しかし", "しかしながら", "また", "その後", "そして")
                  for t in before)
    framing = _framing(sp, toks[-1], initial)
    if attributive and not text.startswith("の", tx["end"]):
        attributive = False  # only 〜年の… modifies a noun; 〜年に/、 is adverbial whatever the parse says
    if cur is not None and cur.pos_ != "VERB" and text.startswith("に", tx["end"]):
        up = sp.governor(cur)  # 9月14日に…立役者であり、…会見した: the copula is not what is dated
        while up is not None and up.pos_ != "VERB":
            up = sp.governor(up)
        cur = up or cur
    relative = cur is not None and cur.dep_ == "acl" and cur.head.lemma_ not in lexicon().transparent
    after_end = -1
    m = NOMINAL_FRAME.match(text, tx["end"], tx["end"] + 40) if initial else None
    if m:
        # 2005年9月19日の合意直後、…: the date of a happening the sentence follows on from
        framing = temporal = True
        attributive = False
        after_end = m.start(1)
        named = [t for t in sp.tokens if sp.base + t.idx < after_end and t.pos_ in ("NOUN", "VERB")
                 and sp.base + t.idx >= tx["end"]]
        nominal = named[-1] if named else nominal
    return TimexRole(tx, cur, nominal, temporal, attributive, initial, framing, after_end, relative and not framing)




def _framing(sp: SentenceParse, last, initial: bool) -> bool:
    doc = last.doc
    j = last.i + 1
    while j < sp.limit and doc[j].lemma_ in lexicon().frame_particles:
        j += 1
    if j < sp.limit and doc[j].text in ("、", ","):
        return True
    if j > last.i + 1 and doc[j - 1].lemma_ == "は" and doc[j - 1].pos_ == "ADP":
        return True  # 翌月には…: a time set off as the topic frames the whole sentence
    if j == last.i + 1:
        return False
    if initial:
        return True  # 1957年1月に…, 1996年からは…: a date opening the sentence sets its time
    # 〜日に北朝鮮は…: a topic follows before any predicate
    for k in range(j, min(sp.limit, j + 12)):
        t = doc[k]
        if is_predicate(t) or t.text in ("、", ","):
            return False
        if t.lemma_ == "は" and t.pos_ == "ADP":
            return True
    return False


# --------------------------------------------------------------- building


def usable(tx: dict, text: str) -> bool:
    """A calendar date that can date an event: not a REF, not a bound (〜まで, 〜以来)."""
    if tx["type"] not in DATED_TYPES or not tx.get("value") or not any(ch.isdigit() for ch in tx["value"]):
        return False
    return not BOUND_AFTER.match(text[tx["end"]:tx["end"] + 6])



CHRONICLE_HEAD = re.compile(r"[^\s、。,：:]{2,32}?(?=[ \u3000\t：:])")
HEAD_REST = re.compile(r"^[()（）\s頃ごろ上中下旬初末半ば]*$")


def line_head(stxs: list[dict], text: str, sent_start: int) -> tuple[dict | None, int]:
    """The date heading a chronology entry (昭和45年(1970年)3月31日　…): a line that opens with dates
    set off by a space. Of an era year glossed by its Western year and the day, the most precise
    dates the entry. (None, -1) when the sentence is not such a line."""
    if sent_start > 0 and text[sent_start - 1] != "\n":
        return None, -1
    first = sent_start
    while first < len(text) and (text[first] in BULLETS or text[first] in " \u3000\t"):
        first += 1  # ・1970年3月 …: an entry of a bulleted list
    m = CHRONICLE_HEAD.match(text, first)
    if m is None:
        return None, -1
    inside = [t for t in stxs if t["start"] >= first and t["end"] <= m.end()]
    if not inside or inside[0]["start"] != first:
        return None, -1
    rest, pos = "", first
    for t in inside:
        rest += text[pos:t["start"]]
        pos = t["end"]
    rest += text[pos:m.end()]
    dated = [t for t in inside if usable(t, text)]
    if not dated or not HEAD_REST.match(rest):
        return None, -1
    return max(dated, key=lambda t: (len(t["value"]), t["start"])), m.end()



def heading_date(stxs: list[dict], text: str) -> dict | None:
    """The date a heading carries into its section: a lone date (2006年), or one date glossed in another
    calendar (; 1909年（明治42年）: two timexes of one value). None for a heading of several dates."""
    dated = [t for t in stxs if usable(t, text)]
    if dated and len(dated) == len(stxs) and len({t["value"] for t in dated}) == 1:
        return dated[0]
    return None


_DATE_LINE_REST = re.compile(r"[\s;；:：=＝#＃()（）]*")


def date_line(sent_text: str, s0: int, stxs: list[dict]) -> bool:
    """Is the sentence nothing but its dates (; 1909年（明治42年）, == 1937年 ==)? A heading, though it ends
    on a bracket."""
    if not stxs:
        return False
    rest = list(sent_text)
    for t in stxs:
        rest[t["start"] - s0:t["end"] - s0] = " " * (t["end"] - t["start"])
    return _DATE_LINE_REST.fullmatch("".join(rest)) is not None


def dated_entries(text: str, sentences: list[dict], tx_by_sent: dict, least: int = 3) -> bool:
    """Is the document a chronology of entries that open with their dates (at least `least` lines headed
    by a date set off by a space)? Then a bulleted line without a date of its own (* 宇野港が竣工する。,
    under a heading ; 1909年) is an entry too, dated by its heading, and its present narrates."""
    n = 0
    for si, s in enumerate(sentences):
        if (s["start"] == 0 or text[s["start"] - 1] == "\n") and line_head(tx_by_sent.get(si, []), text, s["start"])[0]:
            n += 1
            if n >= least:
                return True
    return False


def in_brackets(text: str, sent_start: int, pos: int) -> bool:
    """Is `pos` inside (…) — an aside like 朝鮮戦争(1950〜1953年), not the date of a happening?"""
    seg = text[sent_start:pos]
    return seg.count("(") + seg.count("（") > seg.count(")") + seg.count("）")



LATER = re.compile(r"その後|後に|のちに|やがて|まもなく|間もなく|\blater\b|\bafterwards?\b|\bsubsequently\b")
DAY_CARRY = 2  # happenings a day-precise narrative date dates before it is read as its month


class Narrative:
    """The date a story is at: the last date of a happening (or a framing date) before,
    in the same section. A date keeps the precision the text supports: the further it is
    carried (counted in happenings dated by it), or past その後, the less its day can be
    trusted (read as its month); a new paragraph, or a sentence set in a period (この時代、…),
    has no date from before (a story's date is carried within its paragraph only). A list item continues the paragraph that introduces the list, and
    a date from a heading dates the whole section."""

    def __init__(self):
        self.dateline: dict | None = None  # a news report's date: a paragraph without a date of its own is that day's
        self.timex: dict | None = None
        self.carried = 0
        self.heading = False

    def reset(self, timex: dict | None, heading: bool = True) -> None:
        self.timex, self.carried, self.heading = timex, 0, heading

    def update(self, timex: dict) -> None:
        self.reset(timex, heading=False)

    def date(self, sent_text: str, gap: str = "") -> dict | None:
        """gap: the text between the carried date and the sentence."""
        t = self.timex
        if t is None:
            return None
        if "T" in t["value"]:
            t = dict(t, value=t["value"].split("T")[0])  # a clock time dates its own sentence; the story carries its day
        self.carried += 1
        new_paragraph = "\n" in gap and not self.heading and sent_text.lstrip()[:1] not in BULLETS
        if new_paragraph and self.dateline is not None:
            self.reset(self.dateline, heading=False)
            return self.dateline
        if new_paragraph:
            return None  # a story's date is carried within its paragraph only
        if (new_paragraph or lexicon().era_re.search(sent_text)) and len(t["value"]) >= 7 and t["value"][:4].isdigit():
            return _year_of(t)
        if is_day(t["value"]) and (self.carried > DAY_CARRY or LATER.search(sent_text) or lexicon().iterative_re.search(sent_text)):
            return month_of(t)
        return t


def find_dateline(text: str, sentences: list[dict], tx_by_sent: dict) -> int | None:
    """Index of a news dateline: a line near the top that is nothing but a full date (2006年7月5日)
    under a headline. None when the document has none."""
    for si in range(1, min(3, len(sentences))):
        s = sentences[si]
        txs = tx_by_sent.get(si, [])
        if len(txs) == 1 and is_day(txs[0]["value"]) and \
                text[s["start"]:s["end"]].strip() == text[txs[0]["start"]:txs[0]["end"]] and \
                not tx_by_sent.get(si - 1) and text[sentences[si - 1]["start"]:sentences[si - 1]["end"]].strip():
            return si
    return None


_CLOCK = re.compile(r"[0-9０-９〇一二三四五六七八九十]+時")


def clock_time(t: dict) -> bool:
    """Is the date a clock time of its day (午前9時37分頃, 午前五時頃: digits before 時), not a part of the day
    (夜, 早朝) nor a two-hour period of the old reckoning (巳の刻頃)?"""
    return "T" in t.get("value", "") and _CLOCK.search(t.get("text", "")) is not None


_OLD_HOUR = re.compile(r"[子丑寅卯辰巳午未申酉戌亥]の(?:上|下)?刻")


def day_of_old_hour(date: dict, timexes: list[dict]) -> dict:
    """A two-hour period of the old reckoning (巳の刻頃) dates a happening no finer than its day: the day the
    sentence gives (三月十四日(一七〇一年四月二十一日)巳の刻頃、…), when it gives it; else `date` itself."""
    if "T" not in date.get("value", "") or not _OLD_HOUR.search(date.get("text", "")):
        return date
    day = date["value"].split("T")[0]
    return next((t for t in timexes if t.get("value") == day), date)


def earlier_year(t: dict, told: str) -> bool:
    """Does the date `t` end in a year before that of the day `told` (ISO, "" when none)?"""
    latest = t.get("latest") or ""
    return bool(told) and latest[:4].isdigit() and told[:4].isdigit() and latest[:4] < told[:4]


def is_day(value: str) -> bool:
    return len(value) == 10 and value[:4].isdigit() and value[5:7].isdigit() and 1 <= int(value[5:7]) <= 12


def month_of(t: dict) -> dict:
    ym = t["value"][:7]
    y, m = int(ym[:4]), int(ym[5:7])
    last = calendar.monthrange(y, m)[1]
    return dict(t, value=ym, earliest=f"{ym}-01", latest=f"{ym}-{last:02d}")


def _year_of(t: dict) -> dict:
    y = t["value"][:4]
    return dict(t, value=y, mod="", earliest=f"{y}-01-01", latest=f"{y}-12-31")


def interval(t: dict) -> tuple[str, str] | None:
    """(earliest, latest) ISO days of a timex or date, None when it has no calendar extent."""
    e, l = t.get("earliest") or "", t.get("latest") or ""
    return (e[:10], l[:10]) if e and l else None


def overlaps(a: dict, b: dict) -> bool:
    """Do two dates share a day? Dates without extent overlap when their values agree."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return a.get("value") == b.get("value")
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def precision(value: str) -> int:
    """Characters of a date value that are digits of its calendar part (1891 < 1891-05 < 1891-05-11)."""
    return sum(ch.isdigit() for ch in value.split("T")[0])


def confidence(source: str, carried: dict | None = None, date: dict | None = None) -> float:
    """How surely a date is the happening's own: its own clause's date, a date of its sentence, an
    incident's own date, the dateline, or a date carried from the narrative (less when carried at a
    coarser precision than it was given)."""
    if source == "explicit":
        return 1.0
    if source in ("sentence", "incident"):
        return 0.8
    if source == "dateline":
        return 0.7
    if carried is not None and date is not None and precision(date["value"]) < precision(carried["value"]):
        return 0.4
    return 0.6


_ASIDE = re.compile(r"[(（][^()（）]*[)）]\s*$")
_PAST_END = re.compile(r"(?:た|だ)$")
_PRESENT_END = re.compile(r"[うくぐすつぬぶむゆる]$")
_STATE_END = re.compile(r"(?:です|ます|ている|でいる|である|がある|てある|ておる)$")


def narrates_in_present(sentence_texts: list[str]) -> bool:
    """Is the document told in the historical present (a chronology: …に斬り付ける。…を殺害す。)? Its
    sentences end on a plain present (or a classical conclusive) far more often than on a past: then
    every present in it narrates, whether or not its line opens with a date set off by a space.
    Polite forms (です, ます) and states (ている, である) do not count either way."""
    past = present = 0
    for s in sentence_texts:
        s = s.strip()
        if not s.endswith("。"):
            continue
        s = s[:-1]
        while _ASIDE.search(s):  # …を殺害す(五・一五事件)。
            s = _ASIDE.sub("", s).rstrip()
        if _PAST_END.search(s):
            past += 1
        elif _PRESENT_END.search(s) and not _STATE_END.search(s):
            present += 1
    return present >= 5 and present >= 3 * past
