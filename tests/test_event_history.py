"""Events of historical Japanese (Edo and prewar chronologies) on hand-written sentences: the
historical present of a chronology, Edo punishments and custody, the classical passive らる."""
from __future__ import annotations

import pytest

from pipeline.events.dating import narrates_in_present
from tests.test_events import _events

CHRONICLE = ("元禄二年\n"
             "三月五日、甲野、江戸城の廊下にて乙山に斬り付ける。\n"
             "四月、乙山、不行届きとして領地を召し上げられる。\n"
             "五月十日、甲野の弟丙川に閉門を申し渡す。\n"
             "六月、丙川、郷里にて病没する。\n"
             "七月、幕府は甲野の家臣丁原に切腹を命じる。\n")


def test_a_chronology_told_in_the_present_narrates_in_the_present():
    assert narrates_in_present(CHRONICLE.split("\n"))
    past = ["1950年6月25日、北朝鮮が韓国に侵攻した。", "7月、国連軍が上陸した。", "8月、戦線が膠着した。",
            "2030年、新しい空港が開港する。", "同年、鉄道も開通する。", "首都も移転する。", "人口も増える。"]
    assert not narrates_in_present(past)  # a past narrative: its dated presents are plans
    polite = [f"{n}月、会議を開きます。" for n in range(1, 9)]
    assert not narrates_in_present(polite)  # です/ます are no historical present
    # an aside closing the sentence does not hide its predicate: …を殺害す(五・一五事件)。
    assert narrates_in_present([f"{n}月、甲野が乙山を殺害す(某事件)。" for n in range(1, 6)])


@pytest.mark.slow
def test_edo_punishments_and_custody(nlp):
    events = _events(nlp, CHRONICLE)
    got = [(e["sentence"][:4], e["event_class"]) for e in events]
    assert ("三月五日", "assault") in got  # a chronology line dated by 、 narrates in the present
    assert ("四月、乙", "coerce") in got  # a fief confiscated (召し上げる)
    assert ("五月十日", "arrest_detain") in got  # house confinement handed down (閉門を申し渡す)
    assert ("六月、丙", "other") in got  # a death of illness (病没)
    assert ("七月、幕", "coerce") in got  # an order to commit seppuku is a punishment, not a demand


@pytest.mark.slow
@pytest.mark.parametrize("sentence, cls, trigger", [
    # the classical passive らる is its verb's: 収容せらる is a detention (収容), not らる
    ("昭和十一年三月一日、他の将校は陸軍刑務所に収容せらる。", "coerce", "収容"),
    # an order to an office is an appointment
    ("昭和十一年二月二十六日夜、甲野内務大臣、総理大臣臨時代理を命ぜらる。", "other", None),
    # martial law imposed and a sentence carried out coerce (CAMEO 172, 17)
    ("昭和十一年二月二十七日、緊急勅令を以て東京市に戒厳令を施行す。", "coerce", None),
    ("昭和十一年七月十二日、将校十五名の刑を執行す。", "coerce", None),
    # a report to the throne is a statement
    ("昭和十一年二月二十六日、陸軍大臣は事件の状況を上奏す。", "make_statement", None),
])
def test_prewar_official_vocabulary(nlp, sentence, cls, trigger):
    # inside a chronology told in the present (an official 経過 of the time)
    story = "".join(f"昭和十年{n}月一日、甲野、東京に移る。\n" for n in range(1, 6))
    events = [e for e in _events(nlp, story + sentence + "\n") if e["sentence"] == sentence]
    assert events, sentence
    assert events[0]["event_class"] == cls, [(e["trigger"], e["event_class"]) for e in events]
    if trigger is not None:
        assert events[0]["trigger"].startswith(trigger)


@pytest.mark.slow
def test_a_chronologys_bare_subject_set_off_by_a_comma(nlp):
    # 甲野、…に斬り付ける: the subject named bare before a comma acts; of a passive it undergoes
    text = CHRONICLE
    mentions = []
    for name, pid in (("甲野", "person:kono"), ("乙山", "person:otoyama")):
        start = 0
        while (start := text.find(name, start)) >= 0:
            mentions.append({"doc_id": "d", "mention_id": f"d#m{len(mentions) + 1:05d}", "start": start,
                             "end": start + len(name), "label": "PERSON", "text": name,
                             "canonical_id": pid})
            start += len(name)
    events = _events(nlp, text, mentions)
    by_line = {e["sentence"][:4]: e for e in events}
    assert by_line["三月五日"]["source"] == ["person:kono"]
    assert by_line["四月、乙"]["target"] == ["person:otoyama"] and not by_line["四月、乙"]["source"]


@pytest.mark.slow
def test_a_decree_that_comes_out_and_the_writers_note(nlp):
    # 御触が出る: a decree issued is a statement; 以下、…記す is the writer's note, no happening
    text = "以下、和暦の順に記す。\n" + CHRONICLE + "閏八月、訴えは取り上げぬ旨の御触が出る。\n"
    events = _events(nlp, text)
    assert not [e for e in events if e["sentence"].startswith("以下")]
    decree = [e for e in events if "御触" in e["sentence"]]
    assert decree and decree[0]["event_class"] == "make_statement"


@pytest.mark.slow
def test_the_classical_passive_rarus_of_a_chronology_line(nlp):
    # 甲野、…乙山に斬殺せらる: らる (parsed as a word of its own) makes the line a passive happening
    line = "昭和十年八月十二日、甲野少将、省内に於て乙山中佐に斬殺せらる。\n"
    text = CHRONICLE + line
    mentions = []
    for name, pid in (("甲野", "person:kono"), ("乙山", "person:otoyama")):
        start = text.find(line)
        while (start := text.find(name, start)) >= 0:
            mentions.append({"doc_id": "d", "mention_id": f"d#m{len(mentions) + 1:05d}", "start": start,
                             "end": start + len(name), "label": "PERSON", "text": name, "canonical_id": pid})
            start += len(name)
    hits = [e for e in _events(nlp, text, mentions) if e["sentence"] == line.strip()]
    assert hits and hits[0]["event_class"] == "assault"
    assert hits[0]["source"] == ["person:otoyama"] and hits[0]["target"] == ["person:kono"]


@pytest.mark.slow
def test_a_bare_subject_outside_a_chronology_is_no_role(nlp):
    # in a past narrative a name before a comma is a list or an aside, not the subject of the clause
    text = "2001年2月9日、米原潜甲野、緊急浮上の際に実習船と衝突した。\n"
    start = text.find("甲野")
    mentions = [{"doc_id": "d", "mention_id": "d#m00001", "start": start, "end": start + 2, "label": "SHIP",
                 "text": "甲野", "canonical_id": "ship:kono"}]
    events = _events(nlp, text, mentions)
    assert events and "ship:kono" not in events[0]["source"] + events[0]["target"]
