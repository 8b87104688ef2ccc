"""Numbers as written in dates: ASCII digits (after NFKC) and kanji numerals."""
from __future__ import annotations

KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}

# Regex fragments. Kanji numerals are limited to what dates use (no 万).
KANJI_NUM = "[〇零一二三四五六七八九十百千]+"


def parse_number(s: str) -> int | None:
    """'2018' -> 2018, '二〇一八' -> 2018, '十八' -> 18, '三十' -> 30, '元' -> 1; None if unreadable."""
    if not s:
        return None
    if s == "元":
        return 1
    if s.isascii() and s.isdigit():
        return int(s)
    if any(c in KANJI_UNITS for c in s):
        total, cur = 0, 0
        for c in s:
            if c in KANJI_DIGITS:
                cur = cur * 10 + KANJI_DIGITS[c]
            elif c in KANJI_UNITS:
                total += (cur or 1) * KANJI_UNITS[c]
                cur = 0
            else:
                return None
        return total + cur
    val = 0
    for c in s:
        if c in KANJI_DIGITS:
            val = val * 10 + KANJI_DIGITS[c]
        elif c.isascii() and c.isdigit():
            val = val * 10 + int(c)
        else:
            return None
    return val


WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
