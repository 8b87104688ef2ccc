"""Anchoring as a reader would, on texts of other periods (issue 12): glosses and asides, date
lines, apposition, chronologies, weekdays, lunisolar narratives."""
from __future__ import annotations

from pipeline.dates import extract_timexes


def _values(text: str, dct: str | None = None) -> list[tuple[str, str]]:
    return [(t["text"], t["value"]) for t in extract_timexes(text, dct=dct)]


def test_a_life_span_in_brackets_is_no_anchor():
    got = dict(_values("勝海舟(1823-1899)は幕臣である。2月26日に出発した。"))
    assert got["2月26日"] == "XXXX-02-26"


def test_an_aside_in_brackets_is_no_anchor_but_the_narrative_year_is():
    got = _values("1944年、暁空丸(1941年に竣工)は船団に加わった。8月16日に沈没した。")
    assert got[-1] == ("8月16日", "1944-08-16")


def test_a_gregorian_gloss_does_not_turn_the_narrative_gregorian():
    got = _values("嘉永6年(1853年)6月3日、艦隊が来航した。同月9日に上陸した。")
    assert got[2:] == [("6月3日", "1853-07-08"), ("同月9日", "1853-07-14")]


def test_a_gloss_without_a_year_is_gregorian_in_the_glossed_year():
    got = _values("嘉永7年1月16日(2月13日)に再び来航した。")
    assert got == [("嘉永7年1月16日", "1854-02-13"), ("2月13日", "1854-02-13")]


def test_an_era_gloss_lends_its_calendar_to_the_month_day_after_it():
    got = _values("1637年(寛永14年)10月25日に蜂起した。")
    assert got[-1] == ("10月25日", "1637-12-11")


def test_a_post_date_line_anchors_deixis_not_the_history_it_narrates():
    text = "2017年1月13日\n\n今日は咸臨丸の話です。万延元年1月13日に品川を出た。昨年も書いた。同月19日、浦賀を出港した。"
    got = dict(_values(text))
    assert got["万延元年1月13日"] == "1860-02-04"
    assert got["同月19日"] == "1860-02-10"
    assert got["昨年"] == "2016"


def test_news_date_line_with_an_agency_credit_dates_bare_days_and_next_month():
    got = dict(_values("事故の続報\n2010年11月25日【ソウル25日共同】\n\n24日、当局は調査を始めた。来月1日に報告する。"))
    assert got["24日"] == "2010-11-24"
    assert got["来月1日"] == "2010-12-01"


def test_apposition_is_one_point():
    got = dict(_values("2008年2月29日の会談の前日の2月28日に到着した。"))
    assert got["前日"] == got["2月28日"] == "2008-02-28"
    got = dict(_values("事故は1892年11月30日。約半年後の1893年5月6日、提訴した。"))
    assert got["約半年後"] == "1893-05-06"


def test_a_weekday_fixes_the_year_of_a_month_day():
    got = dict(_values("2021年6月5日\n\n慶応2年に事件があった。私が訪れたのは5月3日の月曜日でした。"))
    assert got["5月3日の月曜日"] == "2021-05-03"


def test_full_width_comma_keeps_the_month():
    got = _values("平成22年5月10日，6月26日及び7月3日に実施した。")
    assert got[1] == ("6月26日", "2010-06-26")


def test_names_are_not_dates():
    assert _values("前年の八月十八日の政変で長州藩が追われた。")[-1][0] != "八月十八日"
    assert _values("明日香村を訪ねた。毎日新聞が報じた。") == []


def test_english_era_dates():
    got = extract_timexes("He was born in the second year of Genki (1571). In Keichō 5 the war ended. "
                          "They sailed on October 28, 1613 (the 15th day of the ninth month of Keicho 18).",
                          lang="en")
    values = {t["text"]: (t["value"], t["calendar"]) for t in got}
    assert values["the second year of Genki"] == ("1571", "lunisolar")
    assert values["Keichō 5"] == ("1600", "lunisolar")
    assert values["the 15th day of the ninth month of Keicho 18"] == ("1613-10-28", "lunisolar")
    assert extract_timexes("The Tokyo 2020 Olympics and Osaka 10 km race.", lang="en") == []


def test_a_weekday_is_not_read_in_the_narratives_lunisolar_calendar():
    # 1868-06-22 (慶応4年5月3日) was a Monday too: only the calendar of weeks tells them apart
    got = dict(_values("2021年6月5日\n\n近藤勇は慶応4年(1868年)に処刑された。\n\n"
                       "私が京都を訪れたのは5月3日の月曜日でした。朝9時ごろに着きました。同月下旬にも行きました。"))
    assert got["5月3日の月曜日"] == "2021-05-03"
    assert got["朝9時ごろ"] == "2021-05-03T09:00"
    assert got["同月下旬"] == "2021-05"


def test_a_relative_day_in_apposition_with_tsumari_is_the_date_it_names():
    got = dict(_values("元治元年6月5日(1864年7月8日)、事件が起きた。夜の22時ごろに踏み込んだ。\n\n"
                       "翌日、つまり元治元年6月6日(1864年7月9日)にも捕縛は続いた。"))
    assert got["翌日"] == "1864-07-09"
    got = dict(_values("1950年3月25日に衝突した。翌日すなわち26日に引き揚げた。"))
    assert got["翌日"] == got["26日"] == "1950-03-26"


def test_a_date_and_a_time_across_a_column_gap_are_two_timexes():
    recs = extract_timexes("昭和24年(1949年)7月5日　国鉄が発表する。\n同月15日\u3000午後9時23分、電車が暴走した。\n"
                           "同年8月17日\u3000午前3時9分頃、列車が脱線した。\n1950年3月25日 午後3時に衝突した。")
    got = [(r["text"], r["type"], r["value"], r["mod"]) for r in recs]
    assert ("同月15日", "DATE", "1949-07-15", "") in got
    assert ("午後9時23分", "TIME", "1949-07-15T21:23", "") in got
    assert ("午前3時9分頃", "TIME", "1949-08-17T03:09", "APPROX") in got
    assert ("1950年3月25日 午後3時", "TIME", "1950-03-25T15:00", "") in got  # an ordinary space joins them


def test_a_chronology_line_takes_its_year_from_the_entries_not_from_an_entrys_text():
    text = ("; 1950年（昭和25年）\n* 3月25日 - 紫雲丸が横転する。紫雲丸は引き揚げられ、翌年までに復帰した。\n"
            "* 10月 - 客車航送を始める。\n"
            "平成14年(2002年)9月17日　首相が平壌を訪問する。\n翌月15日　5人が帰国する。")
    got = dict(_values(text))
    assert got["10月"] == "1950-10"
    assert got["翌月15日"] == "2002-10-15"
    # in prose a line-opening date without a column after it follows the narrative
    got = dict(_values("1950年3月に衝突した。翌年には復帰した。\n10月には新造船が就航した。"))
    assert got["10月"] == "1951-10"


def test_a_background_sections_dates_anchor_nothing_after_it():
    text = ("千島艦事件は、1892年11月30日に起きた衝突事件である。\n\n== 背景 ==\n"
            "1886年12月上旬、畝傍が消息を絶った。代艦は1890年1月29日に起工した。\n\n"
            "== 衝突と沈没 ==\n千島は11月24日に長崎に到着した。翌日出港した。")
    got = dict(_values(text))
    assert got["11月24日"] == "1892-11-24"
    assert got["翌日"] == "1892-11-25"
    # inside the background section the narrative goes on as usual
    assert got["1890年1月29日"] == "1890-01-29"
    # a section of another name is no aside
    got = dict(_values(text.replace("背景", "建造")))
    assert got["11月24日"] == "1890-11-24"


def test_a_relative_day_in_apposition_with_a_bare_day_is_that_day():
    got = dict(_values("1967年4月17日\n\n選挙戦は終盤まで競り合いとなり、投票日の前日の十四日夜まで訴えを重ねた。"))
    assert got["前日"] == "1967-04-14" and got["十四日夜"] == "1967-04-14TNI"
    got = dict(_values("2002年3月1日に会談した。その前日の28日には準備会合があった。"))
    assert got["前日"] == got["28日"] == "2002-02-28"
