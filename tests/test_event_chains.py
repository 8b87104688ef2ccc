"""Events of a clause chain and of a chronology's layout: a collision's two sides, the act an outcome is
told after (衝突して沈没した, 銃撃して死亡させた), states named as one side, actor abbreviations, a
heading of one glossed date, the bulleted entries of a dated chronology, a clock time on the day."""
from __future__ import annotations

import pytest

from pipeline.events.dating import clock_time, date_line, day_of_old_hour, heading_date
from pipeline.events.lexicon import classify, find_actors, participant_actors
from tests.test_events import _events, _mentions

SHIPS = [("甲丸", "ship:ko-maru", "SHIP"), ("乙丸", "ship:otsu-maru", "SHIP"), ("丙号", "ship:hei-go", "SHIP"),
         ("丁野", "person:teino", "PERSON")]


@pytest.mark.parametrize("text, codes", [
    ("宇和島の高校には10日朝から家族が集まった。", []),  # 10日朝: the morning of the 10th, not Japan and Korea
    ("１０日朝からは航空機も加えた。", []),
    ("英・仏・米の兵が居留地を占拠した。", ["GBR", "FRA", "USA"]),  # abbreviations listed with ・
    ("日・米・韓の首脳が会談した。", ["JPN", "USA", "KOR"]),
    ("日米両国が合意した。", ["JPN", "USA"]),  # a run without ・, as before
    ("（日・祝）は休館する。", []),  # weekdays and holidays are no states
])
def test_actor_abbreviations(text, codes):
    assert find_actors(text) == codes


@pytest.mark.parametrize("lemma, context, cls", [
    ("重ねる", ["説得"], "appeal"),  # a light verb: 説得を重ねた is the persuasion
    ("重ねる", ["訴え"], "appeal"),
    ("あいさつ", [], "make_statement"),
    ("アピール", [], "make_statement"),
    ("見学", [], "visit"),
    ("引退", [], "other"),  # a ship's or a person's service ending: a happening of no CAMEO class
    ("退役", [], "other"),
    ("往復", [], "other"),
    ("踏み込む", [], "assault"),  # storming into a place
])
def test_lexicon_entries(lemma, context, cls):
    assert classify(lemma, context) == cls


def test_who_reports_a_happening_takes_no_part_in_it():
    assert participant_actors("米海軍によると、事故は同日午後1時45分ごろ（日本時間10日午前8時45分ごろ）に発生した。") == []
    assert participant_actors("韓国軍によれば、北朝鮮はミサイルを発射した。") == ["PRK"]
    assert participant_actors("米国は北朝鮮に制裁を科した。") == ["USA", "PRK"]  # no attribution: as before
    assert find_actors("日本時間10日午前") == []  # a time zone is no state


def test_dates_of_headings_and_clock_times():
    glossed = [{"start": 2, "end": 7, "type": "DATE", "value": "1909"},
               {"start": 8, "end": 13, "type": "DATE", "value": "1909"}]
    line = "; 1909年（明治42年）"
    assert date_line(line, 0, glossed) and heading_date(glossed, line)["value"] == "1909"
    two = [glossed[0], dict(glossed[1], value="1910")]
    assert heading_date(two, line) is None  # two different dates: the heading dates nothing
    assert not date_line("; 1909年（明治42年） 宇野港", 0, glossed)
    assert clock_time({"value": "1949-07-05T09:37", "text": "午前9時37分頃"})
    assert clock_time({"value": "1936-02-26T05:00", "text": "午前五時頃"})
    assert not clock_time({"value": "1701-04-21T10:00", "text": "巳の刻頃"})  # a two-hour period of old
    assert not clock_time({"value": "2001-02-09TNI", "text": "9日夜"})
    day = {"value": "1701-04-21", "text": "一七〇一年四月二十一日"}
    hour = {"value": "1701-04-21T10:00", "text": "巳の刻頃"}
    assert day_of_old_hour(hour, [day, hour]) is day  # a 刻 of the old reckoning dates no finer than its day
    assert day_of_old_hour(hour, [hour]) is hour  # no day given: the period stays
    clock = {"value": "1949-07-05T09:37", "text": "午前9時37分頃"}
    assert day_of_old_hour(clock, [dict(day, value="1949-07-05"), clock]) is clock


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, cls, source, target", [
    # the と partner of a collision is the other side; the sinking it led to is not the happening
    ("1955年5月11日、甲丸は濃霧の中で乙丸と衝突して沈没した。", "衝突", "other", ["ship:ko-maru"], ["ship:otsu-maru"]),
    # AとBが衝突し: the first side named is the source
    ("1950年3月25日、甲丸と乙丸が衝突し、甲丸が横転して沈没、乗組員7名が死亡した。", "衝突", "other",
     ["ship:ko-maru"], ["ship:otsu-maru"]),
    # a passive collision: the に agent is the source; 攻撃型 names a kind of submarine, not an attack
    ("2001年2月9日、実習船甲丸が、沖合で米海軍の攻撃型原子力潜水艦乙丸に衝突され、沈没した。", "衝突", "other",
     ["USA", "ship:otsu-maru"], ["ship:ko-maru"]),
    # an act of violence before the deaths it caused: the shooting is the happening, its object (which the
    # parse hangs on the last predicate) the target; a domain's troops (藩兵) are JPN
    ("1868年3月8日、港に入った丙号の水兵らを、警備の藩兵が銃撃して11名を死亡させた。", "銃撃", "fight",
     ["JPN"], ["ship:hei-go"]),
])
def test_an_outcome_is_told_after_the_act_that_caused_it(nlp, text, trigger, cls, source, target):
    (ev,) = _events(nlp, text, _mentions(text, SHIPS))
    assert (ev["trigger"][:2], ev["event_class"]) == (trigger, cls)
    assert (ev["source"], ev["target"]) == (source, target)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "1950年6月25日、台風で甲丸が転覆して沈没した。",
    # an attack undergone (雷撃を受けて) is no act of the ship: the sinking stays the event
    "1943年2月8日、甲丸が近海で米潜水艦の雷撃を受けて沈没した。",
])
def test_a_sinking_alone_stays_the_sinking(nlp, text):
    (ev,) = _events(nlp, text, _mentions(text, SHIPS))
    assert ev["trigger"].startswith(("転覆", "沈没")) and ev["target"] == ["ship:ko-maru"]


@pytest.mark.slow
@pytest.mark.parametrize("text, dates", [
    # a ている of a happening dated to a year records it, and the clause chained to it happened too
    ("1984年に引退し、翌年から一般公開されています。", ["1984", "1985"]),
    ("2016年に重要文化財になっています。", ["2016"]),
    # an activity that goes on, dated to a year, is a state
    ("甲氏は2010年に東京で働いている。", []),
    ("甲氏は2010年から東京に住んでいる。", []),
])
def test_a_te_iru_dated_to_a_year(nlp, text, dates):
    assert [e["date_value"] for e in _events(nlp, text)] == dates


@pytest.mark.slow
def test_states_named_as_one_side_are_not_split(nlp):
    text = "1868年2月4日、英・仏・米の兵が居留地一帯を占拠した。"
    (ev,) = _events(nlp, text)
    assert (ev["source"], ev["target"]) == (["GBR", "FRA", "USA"], [])
    text = "1999年6月15日、韓国と北朝鮮の警備艇が交戦した。"  # two sides of a battle: still split
    (ev,) = _events(nlp, text)
    assert (ev["source"], ev["target"]) == (["KOR"], ["PRK"])


CHRONOLOGY = ("甲港の年表\n\n"
              "; 1903年（明治36年）\n"
              "* 3月18日 - 甲丸が就航する。\n"
              "; 1906年（明治39年）\n"
              "* 12月1日 - 乙丸が国有となる。\n"
              "; 1909年（明治42年）\n"
              "* 甲港が竣工する。\n"
              "; 1910年（明治43年）\n"
              "* 6月12日 - 航路が開設される。\n"
              "; 1930年（昭和5年）\n"
              "* 新しい連絡船の丙号が就航する。\n")


@pytest.mark.slow
def test_the_bulleted_entries_of_a_dated_chronology(nlp):
    events = _events(nlp, CHRONOLOGY, _mentions(CHRONOLOGY, SHIPS))
    dates = {e["sentence"]: e["date_value"] for e in events}
    assert dates.get("* 甲港が竣工する。") == "1909"  # the heading's year, glossed by its era year
    assert dates.get("* 新しい連絡船の丙号が就航する。") == "1930"
    assert dates.get("* 3月18日 - 甲丸が就航する。") == "1903-03-18"


@pytest.mark.slow
def test_a_bullet_outside_a_dated_chronology_needs_its_own_date(nlp):
    text = "; 1909年（明治42年）\n* 甲港が竣工する。\n"  # no entries opened by their dates: a plan
    assert _events(nlp, text) == []


@pytest.mark.slow
@pytest.mark.parametrize("text, value", [
    ("1949年7月5日（火）　甲総裁が出勤途中の午前9時37分頃、三越に入ったまま消息を絶つ。", "1949-07-05T09:37"),
    # a two-hour period of the old reckoning is no clock time: the day dates the line
    ("1701年4月21日　巳の刻頃、丁野、江戸城の廊下において乙山に斬り付ける。", "1701-04-21"),
    ("元禄14年3月14日(1701年4月21日)巳の刻頃、丁野は江戸城の廊下において乙山に斬り付けた。", "1701-04-21"),
])
def test_a_clock_time_on_the_day_of_a_chronology_line(nlp, text, value):
    events = _events(nlp, text)
    assert [e["date_value"] for e in events] == [value]


@pytest.mark.slow
def test_a_chain_of_past_relative_clauses_tells_what_happened(nlp):
    # an encyclopedia's first sentence: the incident is defined by what happened (…撃沈され、…死亡した事件である)
    text = "甲丸事件は、1945年4月1日に航行中の貨客船甲丸が、潜水艦乙丸の雷撃により撃沈され、乗客のほとんどが死亡した事件である。"
    events = _events(nlp, text, _mentions(text, SHIPS))
    assert [(e["date_value"], e["trigger"][:2]) for e in events] == [("1945-04-01", "撃沈")]
    text = "甲丸事件は、1945年4月1日に甲丸が撃沈されると予想された事件である。"  # what was only expected
    assert not [e for e in _events(nlp, text, _mentions(text, SHIPS)) if e["trigger"].startswith("撃沈")]


@pytest.mark.slow
@pytest.mark.parametrize("text, dates", [
    # a sentence about the present (現在は…している) tells a state, whatever year it compares with
    ("政権への支持は2010年にはわずかだったが、現在は多くの国民が支持している。", []),
    # how long it took, how far it reached: a measure, no happening
    ("1895年9月19日、事件の発生から決着までには約3年を要した。", []),
    ("1918年8月17日、騒擾は約50日間にわたり、全国各地に及んだ。", []),
    # a chronology's present: a clause chained to the happening is one only when the lexicon knows it (not
    # …を翌日に控え, what lies ahead)
    (("; 2000年\n* 4月1日 - 甲丸が就航する。\n* 4月5日 - 乙丸が就航する。\n* 4月7日 - 丙号が就航する。\n"
      "* 4月9日 - 橋の開通を翌日に控え、最後の連絡船が港を離れる。\n"), ["2000-04-01", "2000-04-05", "2000-04-07", "2000-04-09"]),
])
def test_what_a_chain_or_a_te_iru_does_not_tell(nlp, text, dates):
    assert [e["date_value"] for e in _events(nlp, text)] == dates


@pytest.mark.slow
def test_a_time_clause_shares_the_subject_of_its_sentence(nlp):
    # …が、午前8時頃に…を出発したのち、…に暗殺された: the departure is the victim's, not a relative clause's
    text = "1878年5月14日、内務卿丁野が、午前8時頃に私邸を馬車で出発したのち、清水谷で士族らに暗殺された。"
    events = _events(nlp, text, _mentions(text, SHIPS))
    left = next(e for e in events if e["trigger"].startswith("出発"))
    assert (left["date_value"], left["persons"], left["source"]) == ("1878-05-14T08:00", ["person:teino"], ["person:teino"])
    # a relative clause keeps its own scope: 2009年に拒否した査察官 names no participant of the refusal here
    text = "2012年2月29日、丁野は2009年に甲丸が拒否した査察官を招待した。"
    refused = next(e for e in _events(nlp, text, _mentions(text, SHIPS)) if e["date_value"] == "2009")
    assert refused["persons"] == []


@pytest.mark.slow
def test_an_english_sentence_of_several_dates(nlp):
    # each date dates its own clause: the trigger before it (returned … 1620, died … 1622), else the one after it
    text = "Hasekura sailed back by way of Manila, returned to Japan in 1620, and died of illness on August 7, 1622.\n"
    got = [(e["date_value"], e["trigger"]) for e in _events(nlp, text, lang="en")]
    assert got == [("1620", "returned"), ("1622-08-07", "died")]
    text = "The envoys landed at Sanlucar on October 5, 1614.\n"  # one date: one event, as before
    assert [(e["date_value"], e["trigger"]) for e in _events(nlp, text, lang="en")] == [("1614-10-05", "landed")]


@pytest.mark.slow
def test_a_present_framed_by_an_earlier_year_narrates_the_past(nlp):
    # a blog of 2021 on 1864, told in the polite present
    text = ("2021年6月5日\n\n今日は京都を歩きました。\n\n"
            "1864年7月8日の朝6時50分ごろ、新選組は木屋町で商人の丁野を捕らえます。\n")
    got = [(e["date_value"], e["trigger"]) for e in _events(nlp, text, _mentions(text, SHIPS))]
    assert ("1864-07-08T06:50", "捕らえます") in got
    # a present framed by a later year is a plan, not a happening
    text = "2021年6月5日\n\n今日は京都を歩きました。\n\n2030年4月1日、新しい駅が開業します。\n"
    assert [e["date_value"] for e in _events(nlp, text) if e["date_value"].startswith("2030")] == []


@pytest.mark.slow
def test_who_a_copula_says_someone_is_takes_no_part(nlp):
    # 設計はフランスの技術者丁野で、…に進水し、…に竣工した: the designer is what the design is, not a participant
    text = "設計はフランスの技術者丁野で、1890年11月26日に進水し、1892年4月1日に竣工した。"
    events = _events(nlp, text, _mentions(text, SHIPS))
    assert events and all((e["persons"], e["actors"]) == ([], []) for e in events), \
        [(e["trigger"], e["persons"], e["actors"]) for e in events]
    # the topic of the copula is the subject of what follows: it still takes part
    text = "丁野は甲丸の船長で、1890年11月26日に乙丸を訪問した。"
    (ev,) = _events(nlp, text, _mentions(text, SHIPS))
    assert "person:teino" in ev["persons"] and "ship:otsu-maru" in ev["ships"] and "ship:ko-maru" not in ev["ships"]


@pytest.mark.slow
def test_a_comma_joined_noun_of_a_chain_is_a_happening(nlp):
    # 1890年1月29日に…で起工、同年11月26日に進水し、…竣工した: each date dates its own step
    text = "甲丸は1890年1月29日に造船所で起工、同年11月26日に進水し、1892年4月1日に竣工した。"
    got = sorted((e["date_value"], e["trigger"][:2]) for e in _events(nlp, text, _mentions(text, SHIPS)))
    assert got == [("1890-01-29", "起工"), ("1890-11-26", "進水"), ("1892-04-01", "竣工")]


@pytest.mark.slow
def test_the_party_acted_on_named_in_a_chained_clause(nlp):
    # …が丁野を拿捕し、カムチャツカへ連行した: the one carried off is the one seized
    text = "1812年8月14日、甲丸の副艦長乙山が丁野を拿捕し、カムチャツカへ連行した。"
    names = SHIPS + [("乙山", "person:otsuyama", "PERSON")]
    events = _events(nlp, text, _mentions(text, names))
    assert events and all(e["target"] == ["person:teino"] for e in events), \
        [(e["trigger"], e["source"], e["target"]) for e in events]


@pytest.mark.slow
def test_an_attack_undergone_by_a_ship_of_no_armed_force_is_an_assault(nlp):
    text = "1837年7月30日、アメリカ商船甲丸が、江戸湾で砲撃を受けた。"
    (ev,) = _events(nlp, text, _mentions(text, SHIPS))
    assert (ev["event_class"], ev["target"]) == ("assault", ["ship:ko-maru"])
    text = "1904年2月9日、軍艦丙号が、港外で砲撃を受けた。"  # a warship under fire: a battle
    (ev,) = _events(nlp, text, _mentions(text, SHIPS))
    assert ev["event_class"] == "fight"


@pytest.mark.slow
def test_a_happening_named_without_a_verb_has_no_roles(nlp):
    text = "1955年5月11日 甲丸事故。\n"
    names = [("甲丸事故", "incident:ko-maru-accident", "INCIDENT")]
    mentions = _mentions(text, names) + [{"label": "SHIP", "start": 11, "end": 13, "text": "甲丸",
                                          "canonical_id": "ship:ko-maru", "mention_id": "d#m0011"}]
    (ev,) = _events(nlp, text, sorted(mentions, key=lambda m: m["start"]))
    assert (ev["trigger"], ev["source"], ev["target"]) == ("甲丸事故", [], [])
