"""Entities stage: KB, character-level matching, rules (also for names in no data file), linking."""
from __future__ import annotations

import re
import time

import pytest

from pipeline.dates import extract_timexes
from pipeline.entities import (
    doc_mentions,
    entity_resources,
    finish,
    link_mentions,
    rule_candidates,
    text_mentions,
)
from pipeline.entities.candidates import TokenInfo
from pipeline.entities.expansion import given_forms
from pipeline.entities.kb import load_kb, norm_key
from pipeline.entities.linking import slug
from pipeline.entities.patterns import kb_matcher

WITH_KB = entity_resources()
NO_KB = entity_resources({"use_kb": False})
LEX = WITH_KB.lexicon


def spans(ms, label=None):
    return [(m["label"], m["text"]) for m in ms if label is None or m["label"] == label]


def texts(ms, label):
    return [m["text"] for m in ms if m["label"] == label]


def model_rules(nlp, text, label):
    """The rule mentions of `label` on a parsed text (GiNZA's tokens and entities, no KB linking)."""
    doc = nlp(text)
    tok = TokenInfo(doc)
    return texts(finish(text, rule_candidates(text, LEX, doc, tok), LEX, tok), label)


def rules_only(text):
    """The use_kb=False path on raw text: rules + document-level linking, no KB, no model."""
    return link_mentions([dict(m, canonical_id=None, name_ja=None, name_en=None)
                          for m in finish(text, rule_candidates(text, LEX), LEX)], text, NO_KB)


def check_offsets(ms, text):
    for m in ms:
        assert text[m["start"]:m["end"]] == m["text"], m
        assert m["end"] > m["start"]


# ---------------------------------------------------------------- knowledge base

def test_kb_is_broad_and_well_formed():
    kb = load_kb()
    counts = kb.counts()
    assert counts["PERSON"] >= 200 and counts["SHIP"] >= 20 and counts["INCIDENT"] >= 20
    for e in kb.entities.values():
        assert e.id.split(":")[0] in ("person", "ship", "incident", "aircraft")
        assert e.name_ja and e.name_en
        assert e.id == e.id.lower() and " " not in e.id
        if e.active:
            assert e.active[0] <= e.active[1]
    for eid in ("person:donald-trump", "person:kim-jong-un", "person:george-w-bush", "ship:uss-pueblo",
                "ship:general-sherman", "ship:roks-cheonan", "incident:pueblo-incident", "incident:sinmiyangyo"):
        assert kb.get(eid) is not None, eid


@pytest.mark.parametrize("a,b", [
    ("ジョージW.ブッシュ", "ジョージ・W・ブッシュ"),
    ("Kim Jong-un", "Kim Jong Un"),
    ("キム・ジョンウン", "キム＝ジョンウン"),
    ("ｷﾑ･ｼﾞｮﾝｳﾝ", "キム・ジョンウン"),
])
def test_norm_key_merges_spelling_variants(a, b):
    assert norm_key(a) == norm_key(b)


@pytest.mark.parametrize("text,expected", [
    ("金正恩体制への反乱", ("金正恩", "person:kim-jong-un")),
    ("ブッシュ政権期に関係改善", ("ブッシュ", None)),
    ("ジョージW.ブッシュが就任", ("ジョージW.ブッシュ", "person:george-w-bush")),
    ("キム＝ジョンウン氏", ("キム＝ジョンウン", "person:kim-jong-un")),
    ("met Kim Jong Un in Hanoi", ("Kim Jong Un", "person:kim-jong-un")),
])
def test_alias_matcher_is_character_exact(text, expected):
    found = kb_matcher()(text)
    hit = [m for m in found if m["text"] == expected[0]]
    assert hit, found
    if expected[1]:
        assert expected[1] in hit[0]["candidates"]


@pytest.mark.parametrize("text,bad", [
    ("ジョン・ケリーは", "ケリー"),          # part of a longer katakana name
    ("the bushes were trimmed", "bush"),   # lower-case common word
    ("ケリーバッグを買った", "ケリー"),      # inside a longer katakana word
])
def test_alias_matcher_respects_word_boundaries(text, bad):
    assert all(m["text"] != bad for m in kb_matcher()(text))


# ---------------------------------------------------------------- rules without KB (names in no data file)

@pytest.mark.parametrize("text,name", [
    ("国務長官のアルバート・クロスビーは平壌を訪れた。", "アルバート・クロスビー"),
    ("ハロルド・ペニーワース特使が到着した。", "ハロルド・ペニーワース"),
    ("ペニーワース大統領は声明を出した。", "ペニーワース"),
    ("元米国大統領ジェラルディン・モスは交渉した。", "ジェラルディン・モス"),
    ("ジョージT.ブラムウェルが就任した。", "ジョージT.ブラムウェル"),
    ("北朝鮮の朴哲浩委員長と会談した。", "朴哲浩"),
    ("外務次官の崔明秀などが主張した。", "崔明秀"),
    ("キム・ソンチョルが演説した。", "キム・ソンチョル"),
    ("Ambassador Harold Fenwick said", "Harold Fenwick"),
])
def test_person_rules_find_unlisted_names(text, name):
    ms = rules_only(text)
    check_offsets(ms, text)
    assert name in texts(ms, "PERSON"), spans(ms)


@pytest.mark.parametrize("text,name", [
    ("北朝鮮の商船ミラクル・スター号が拿捕された。", "ミラクル・スター号"),
    ("原子力空母ハリエット・クレイがグアムに入港した。", "ハリエット・クレイ"),
    ("駆逐艦のオーロラ・ベイと巡洋艦ノースウィンドが展開した。", "ノースウィンド"),
    ("the destroyer USS Gallant Heron arrived", "Gallant Heron"),
    ("貨物船白鷺号が寄港した。", "白鷺号"),
])
def test_ship_rules_find_unlisted_vessels(text, name):
    ms = rules_only(text)
    check_offsets(ms, text)
    assert name in texts(ms, "SHIP"), spans(ms)


@pytest.mark.parametrize("text,name", [
    ("1983年のハナミズキ号沈没事件は未解決である。", "ハナミズキ号沈没事件"),
    ("青松里襲撃事件の後、緊張が高まった。", "青松里襲撃事件"),
    ("ミルフォード事故が起きた。", "ミルフォード事故"),
    ("1871年には丁卯洋擾が起きた。", "丁卯洋擾"),
])
def test_incident_rules_find_unlisted_incidents(text, name):
    ms = rules_only(text)
    assert name in texts(ms, "INCIDENT"), spans(ms)


@pytest.mark.parametrize("text,names", [
    ("海上保安庁の巡視船「あさかぜ」「しきしま」が不審船を追跡した。", ["あさかぜ", "しきしま"]),
    ("護衛艦『ゆきかぜ』と『むらくも』が出動した。", ["ゆきかぜ", "むらくも"]),
    ("韓国海軍の高速艇「チャムスリ999号」が攻撃を受けた。", ["チャムスリ999号"]),
])
def test_quoted_ship_names_after_type_words(text, names):
    ms = rules_only(text)
    assert set(names) <= set(texts(ms, "SHIP")), spans(ms)


def test_missiles_named_with_go_are_not_ships():
    text = "北朝鮮は弾道ミサイル「ホワソン99号」を発射した。同じ日に貨物船サクラ号が入港した。"
    ms = rules_only(text)
    assert "ホワソン99号" not in texts(ms, "SHIP") and "サクラ号" in texts(ms, "SHIP"), spans(ms)


def test_incident_named_by_an_entity():
    text = "哨戒艦ハヌル号が沈没した。ハヌル号の事件を受けて、マイケル・ストーンの事件も再調査された。"
    ms = rules_only(text)
    assert {"ハヌル号の事件", "マイケル・ストーンの事件"} <= set(texts(ms, "INCIDENT")), spans(ms)
    assert texts(ms, "SHIP").count("ハヌル号") == 2  # nested SHIP kept
    assert "この事件" not in texts(ms, "INCIDENT")
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "INCIDENT"}
    assert ids["マイケル・ストーンの事件"] != ids["ハヌル号の事件"]


def test_entity_incident_links_to_the_named_incident():
    text = "2011年、ハヌル号沈没事件が起きた。ハヌル号の事件は国連でも議論された。"
    ms = rules_only(text)
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "INCIDENT"}
    assert ids["ハヌル号の事件"] == ids["ハヌル号沈没事件"], ids


@pytest.mark.parametrize("text,label,surface", [
    ("ワシントン・ポストが報じた。", "PERSON", "ワシントン・ポスト"),
    ("ニューヨーク・フィルハーモニックが北朝鮮を訪問した。", "PERSON", "ニューヨーク・フィルハーモニック"),
    ("メキシコ・ペルー・チリを名指しした。", "PERSON", "メキシコ・ペルー・チリ"),
    ("人工衛星の光明星3号を打ち上げた。", "SHIP", "光明星3号"),
    ("北朝鮮は核実験を行った。", "INCIDENT", "核実験"),
    ("朝鮮戦争事変", "INCIDENT", None),
    ("沈没事件に関連する対話を延期した。", "INCIDENT", "沈没事件"),
    ("この事件は大きく報道された。", "INCIDENT", "事件"),
    ("米朝首脳会談が行われた。", "INCIDENT", "米朝首脳会談"),
])
def test_rules_negatives(text, label, surface):
    ms = rules_only(text)
    if surface is None:
        assert not [m for m in ms if m["label"] == label and m["text"] == "朝鮮戦争"]
    else:
        assert surface not in texts(ms, label), spans(ms)


def test_titles_stay_outside_and_readings_are_mentions():
    text = "米朝関係ではプエブロ号事件(プエブロごうじけん)と辛未洋擾(しんみようじょう、신미양요)が知られる。"
    ms = link_mentions(text_mentions(text, WITH_KB), text, WITH_KB)
    check_offsets(ms, text)
    inc = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "INCIDENT"}
    assert inc["プエブロ号事件"] == inc["プエブロごうじけん"] == "incident:pueblo-incident"
    assert inc["辛未洋擾"] == inc["しんみようじょう"] == inc["신미양요"] == "incident:sinmiyangyo"
    assert "プエブロ号" in texts(ms, "SHIP")  # nested SHIP inside the INCIDENT


# ---------------------------------------------------------------- linking

def test_short_form_links_to_full_form_without_kb():
    text = "国務長官のアルバート・クロスビーは平壌を訪れた。翌日、クロスビーは記者会見を開いた。"
    ms = rules_only(text)
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "PERSON"}
    assert ids["クロスビー"] == ids["アルバート・クロスビー"]
    assert ids["クロスビー"].startswith("person:")


def test_variants_share_one_id_across_documents_without_kb():
    a = link_mentions(finish("ジョージW.ブッシュ大統領", rule_candidates("ジョージW.ブッシュ大統領", LEX), LEX),
                      "ジョージW.ブッシュ大統領", NO_KB)
    b = link_mentions(finish("ジョージ・W・ブッシュ大統領", rule_candidates("ジョージ・W・ブッシュ大統領", LEX), LEX),
                      "ジョージ・W・ブッシュ大統領", NO_KB)
    assert a[0]["canonical_id"] == b[0]["canonical_id"] == "person:" + slug("ジョージ・W・ブッシュ")


@pytest.mark.parametrize("text,expected", [
    ("1990年、ブッシュ大統領は湾岸危機に対応した。", "person:george-h-w-bush"),
    ("2003年、ブッシュ大統領はイラク戦争を始めた。", "person:george-w-bush"),
    ("ジョージ・W・ブッシュ政権下の政策。ブッシュは北朝鮮を批判した。", "person:george-w-bush"),
    ("1994年、クリントン大統領は決断した。", "person:bill-clinton"),
    ("2010年、国務長官のクリントンは北朝鮮を非難した。", "person:hillary-clinton"),
    ("2014年、国務長官のケリーは語った。", "person:john-kerry"),
])
def test_ambiguous_short_forms_resolved_by_context(text, expected):
    ms = link_mentions(text_mentions(text, WITH_KB), text, WITH_KB)
    short = [m for m in ms if m["label"] == "PERSON" and m["text"] in ("ブッシュ", "クリントン", "ケリー")]
    assert short and short[-1]["canonical_id"] == expected, ms


def test_person_named_ship_is_ship_only_by_context():
    text = "原子力空母ジョージ・ワシントンが横須賀に入港した。初代大統領ジョージ・ワシントンは1789年に就任した。"
    ms = link_mentions(text_mentions(text, WITH_KB), text, WITH_KB)
    got = [(m["label"], m["canonical_id"]) for m in ms if m["text"] == "ジョージ・ワシントン"]
    assert got == [("SHIP", "ship:uss-george-washington"), ("PERSON", "person:george-washington")]


def test_weak_ship_alias_needs_context():
    city = "天安市の人口は多い。"
    assert "天安" not in texts(link_mentions(text_mentions(city, WITH_KB), city, WITH_KB), "SHIP")
    text = "韓国の哨戒艦天安が撃沈された。天安の事件の背後にいるのはアメリカだと述べた。"
    ms = link_mentions(text_mentions(text, WITH_KB), text, WITH_KB)
    assert texts(ms, "SHIP") == ["天安", "天安"]
    assert {m["canonical_id"] for m in ms if m["label"] == "SHIP"} == {"ship:roks-cheonan"}


def test_english_document():
    text = ("In 1968 North Korea seized the USS Pueblo. President Lyndon Johnson protested. "
            "Secretary of State Madeleine Albright met Kim Jong Il in 2000. The Pueblo incident remains. "
            "Envoy Harold Fenwick later said Fenwick had no regrets.")
    ms = link_mentions(text_mentions(text, WITH_KB), text, WITH_KB)
    check_offsets(ms, text)
    by = {(m["label"], m["text"]): m["canonical_id"] for m in ms}
    assert by[("SHIP", "Pueblo")] == "ship:uss-pueblo"
    assert by[("PERSON", "Lyndon Johnson")] == "person:lyndon-b-johnson"
    assert by[("PERSON", "Madeleine Albright")] == "person:madeleine-albright"
    assert by[("PERSON", "Kim Jong Il")] == "person:kim-jong-il"
    assert by[("INCIDENT", "Pueblo incident")] == "incident:pueblo-incident"
    assert by[("PERSON", "Fenwick")] == by[("PERSON", "Harold Fenwick")]


def test_mention_dicts_follow_the_contract():
    text = "2018年、ドナルド・トランプ米大統領と金正恩委員長が会談した。トランプは満足した。"
    ms = link_mentions(text_mentions(text, WITH_KB), text, WITH_KB)
    for m in ms:
        assert set(m) == {"label", "start", "end", "text", "source", "canonical_id", "name_ja", "name_en",
                          "name_en_source", "confidence"}
        assert 0 < m["confidence"] <= 1
    p = [(m["text"], m["canonical_id"], m["name_en"]) for m in ms if m["label"] == "PERSON"]
    assert p == [("ドナルド・トランプ", "person:donald-trump", "Donald Trump"),
                 ("金正恩", "person:kim-jong-un", "Kim Jong-un"),
                 ("トランプ", "person:donald-trump", "Donald Trump")]


# ---------------------------------------------------------------- with the GiNZA model

@pytest.mark.slow
def test_components_give_exact_spans_inside_tokens(nlp):
    text = "北朝鮮の金正恩首相(左)と米国のドナルド・トランプ大統領(右)。ブッシュ政権期に関係改善のため。"
    doc = nlp(text)
    assert {"entity_rules", "entity_resolver"} <= set(nlp.pipe_names)
    assert nlp.pipe_names.index("entity_rules") > nlp.pipe_names.index("ner")
    ms = doc_mentions(doc, 100, LEX)
    full = "x" * 100 + text
    check_offsets(ms, full)
    assert texts(ms, "PERSON") == ["金正恩", "ドナルド・トランプ", "ブッシュ"]


@pytest.mark.slow
def test_model_rules_without_kb_find_unlisted_names(nlp):
    text = ("2031年、朝鮮労働党委員長の朴哲浩は特使のジェラルド・ホーンビーと会談した。"
            "ホーンビーは商船ミラクル・スター号の乗組員の解放を求めた。北朝鮮の呉明俊が同席した。"
            "ホワイトハウスは声明を出し、ソビエト連邦の崩壊に触れた。")
    doc = nlp(text)
    ms = link_mentions(finish(text, rule_candidates(text, LEX, doc), LEX), text, NO_KB)
    check_offsets(ms, text)
    persons = texts(ms, "PERSON")
    assert {"朴哲浩", "ジェラルド・ホーンビー", "ホーンビー"} <= set(persons)
    assert "ホワイトハウス" not in persons and "ソビエト連邦" not in persons
    assert "ミラクル・スター号" in texts(ms, "SHIP")
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "PERSON"}
    assert ids["ホーンビー"] == ids["ジェラルド・ホーンビー"]


@pytest.mark.slow
def test_nested_ship_in_incident_with_model(nlp):
    text = "1968年1月23日、アメリカの情報収集艦が拿捕され、プエブロ号事件として知られている。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, WITH_KB)
    assert ("INCIDENT", "プエブロ号事件") in spans(ms) and ("SHIP", "プエブロ号") in spans(ms)
    assert ("INCIDENT", "プエブロ号事件") in [(m["label"], m["text"]) for m in ms]


@pytest.mark.slow
def test_entity_components_are_cheap(nlp):
    text = ("2018年6月12日にシンガポールにおいて、トランプと金正恩は史上初の米朝首脳会談を行った。"
            "国務長官のマイク・ポンペオは平壌を訪れ、金英哲と会談した。") * 40
    doc = nlp(text)
    t = time.perf_counter()
    for name in ("entity_kb_matcher", "entity_rules", "entity_resolver"):
        if name in nlp.pipe_names:
            nlp.get_pipe(name)(doc)
    elapsed = time.perf_counter() - t
    assert elapsed < 1.0, elapsed
    assert len(doc._.entity_mentions) >= 160


# ---------------------------------------------------------------- Japanese history (issue 13): rules without KB

@pytest.mark.parametrize("text,name", [
    ("陸軍の輸送船「高千穂丸」が台湾沖で撃沈された。", "高千穂丸"),
    ("マグロ漁船第八共栄丸が座礁した。", "第八共栄丸"),
    ("1930年に竣工した八幡丸は太平洋航路に就航した。", "八幡丸"),
    ("鉄道連絡船翔鳳丸が出港した。", "翔鳳丸"),
    ("The liner Heian Maru sailed for Seattle.", "Heian Maru"),
])
def test_maru_ship_names(text, name):
    ms = rules_only(text)
    check_offsets(ms, text)
    assert name in texts(ms, "SHIP"), spans(ms)


@pytest.mark.parametrize("text,surface", [
    ("弾丸が命中した。", "弾丸"),
    ("城の本丸に入った。", "本丸"),
    ("牛若丸は鞍馬で育った。", "牛若丸"),
    ("丸太を運んだ。", "丸"),
])
def test_maru_negatives(text, surface):
    assert surface not in texts(rules_only(text), "SHIP")


def test_latin_name_in_brackets_is_the_same_ship():
    text = "汽船ダラス号(Dallas)が横浜に入港した。"
    ms = rules_only(text)
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "SHIP"}
    assert ids.get("ダラス号") and ids.get("Dallas") == ids["ダラス号"], spans(ms)


@pytest.mark.parametrize("text,name", [
    ("1862年に坂下門外の変が起きた。", "坂下門外の変"),
    ("禁門の変で長州藩は敗れた。", "禁門の変"),
    ("1928年の三・一五事件では多数が検挙された。", "三・一五事件"),
    ("1918年の米騒動は全国に広がった。", "米騒動"),
    ("郡上一揆は宝暦年間に起きた。", "郡上一揆"),
    ("秩父事件の後、自由党は解党した。", "秩父事件"),
])
def test_earlier_history_incidents(text, name):
    ms = rules_only(text)
    check_offsets(ms, text)
    assert name in texts(ms, "INCIDENT"), spans(ms)


@pytest.mark.parametrize("text,surface", [
    ("社会体制の変化が進んだ。", "社会体制の変"),
    ("会場は大騒動になった。", "大騒動"),
    ("各地で百姓一揆が頻発した。", "百姓一揆"),
    ("それはこの国の変な習慣だ。", "この国の変"),
])
def test_earlier_history_incident_negatives(text, surface):
    found = texts(rules_only(text), "INCIDENT")
    assert not any(surface in f or f in surface for f in found), found


def test_emperor_name_is_one_person():
    text = "1912年、大正天皇が即位した。歴代天皇の陵墓が調査された。"
    persons = texts(rules_only(text), "PERSON")
    assert "大正天皇" in persons and not any("歴代" in p for p in persons)


def test_ids_are_ascii_and_name_en_has_a_source():
    text = "1930年に竣工した八幡丸は太平洋航路に就航した。The Hachiman Maru later became a troop ship."
    ms = rules_only(text)
    ships = [m for m in ms if m["label"] == "SHIP"]
    assert {m["canonical_id"] for m in ships} == {"ship:hachiman-maru"}, ships
    assert all(m["name_en"] == "Hachiman Maru" and m["name_en_source"] == "text" for m in ships)
    for m in ms:
        if m["canonical_id"]:
            assert re.fullmatch(r"[a-z]+:[a-z0-9][a-z0-9-]*", m["canonical_id"]), m
            assert m["name_en"] and m["name_en_source"] in ("kb", "text", "romanized")


def test_romanized_slugs():
    from pipeline.entities.romanize import display

    assert slug("高杉晋作") == "takasugi-shinsaku"
    assert slug("高杉 晋作") == slug("高杉晋作")
    assert slug("大久保利通") == "okubo-toshimichi"
    assert slug("大正天皇") == "taisho-tenno"
    assert display("八幡丸") == "Hachiman Maru"


def test_in_document_full_name_beats_the_kb_for_a_short_form():
    text = "英国商人ジョージ・リチャードソンが来日した。リチャードソンは横浜に住んだ。"
    ms = link_mentions(text_mentions(text, WITH_KB), text, WITH_KB)
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "PERSON"}
    assert ids["リチャードソン"] == ids["ジョージ・リチャードソン"] != "person:bill-richardson"


# ---------------------------------------------------------------- Japanese history with the GiNZA model

@pytest.mark.slow
def test_japanese_names_without_titles_and_short_forms(nlp):
    text = ("高杉晋作は奇兵隊を組織した。晋作は下関で挙兵した。"
            "吉田松陰の門下には伊藤俊輔もいた。松陰は江戸で処刑された。"
            "江差沖で座礁した船は浅草寺の近くで語られた。(文 山田 太郎)")
    doc = nlp(text)
    tok = TokenInfo(doc)
    ms = link_mentions(finish(text, rule_candidates(text, LEX, doc, tok), LEX, tok), text, NO_KB)
    check_offsets(ms, text)
    persons = texts(ms, "PERSON")
    assert {"高杉晋作", "晋作", "吉田松陰", "松陰", "山田 太郎"} <= set(persons), persons
    assert not any(p.endswith(("沖", "寺")) for p in persons), persons
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "PERSON"}
    assert ids["晋作"] == ids["高杉晋作"] == "person:takasugi-shinsaku"
    assert ids["松陰"] == ids["吉田松陰"]
    assert all(m["name_en_source"] == "romanized" for m in ms if m["label"] == "PERSON")


def test_numbered_vessel_named_by_its_number_alone():
    text = "巡視艇「あさひ812号」が漁船を救助した。救助の後、812号は母港に戻った。"
    ms = rules_only(text)
    ships = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "SHIP"}
    assert ships.get("812号") and ships["812号"] == ships["あさひ812号"], spans(ms)


def test_quoted_name_after_a_hull_number():
    assert "はやぶさ" in texts(rules_only("同型の2番艇「はやぶさ」は2002年に就役した。"), "SHIP")


@pytest.mark.slow
@pytest.mark.parametrize("text,full,short", [
    ("大村益次郎は兵制を改めた。大村は京都で襲われた。", "大村益次郎", "大村"),
    ("原敬は首相となった。原は東京駅で刺された。", "原敬", "原"),
])
def test_family_name_alone_links_to_the_full_name(nlp, text, full, short):
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "PERSON"}
    assert ids.get(short) and ids[short] == ids[full], ids


@pytest.mark.slow
def test_a_given_name_alone_links_to_the_one_full_name_it_starts(nlp):
    text = ("物理学者のマリ・キュリーはパリで研究した。夫のピエール・キュリーも同じ研究所にいた。"
            "1903年、マリはノーベル賞を受けた。ピエールは1906年に亡くなった。")
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "PERSON"}
    assert ids.get("マリ") and ids["マリ"] == ids.get("マリ・キュリー"), ids
    assert ids.get("ピエール") and ids["ピエール"] == ids.get("ピエール・キュリー"), ids


def test_given_forms_only_for_a_given_name_of_one_family():
    names = ["マリ・キュリー", "マリ・スクウォドフスカ＝キュリー", "ジョン・レノン", "ジョン・ハリソン", "金正恩"]
    assert given_forms(names, LEX) == {"マリ": "マリ・キュリー"}


@pytest.mark.slow
def test_model_names_with_kana_given_names_are_kept(nlp):
    text = "作家の山田かまちは詩を書いた。江戸では田中さんが住んでいた。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    assert {"山田かまち", "田中"} <= set(texts(ms, "PERSON")), spans(ms)


@pytest.mark.slow
@pytest.mark.parametrize("text,label,expected", [
    ("1877年に城山の乱が起き、1864年には天狗党の乱があった。", "INCIDENT", {"城山の乱"}),
    ("生活の乱れが問題になった。", "INCIDENT", set()),
    ("十月の政変で内閣は倒れた。", "INCIDENT", {"十月の政変"}),
    ("1868年の神戸事件で外国兵と衝突した。堺事件も同年に起きた。", "INCIDENT", {"神戸事件", "堺事件"}),
    ("海軍は軍艦高雄・比叡の2隻を回航した。", "SHIP", {"高雄", "比叡"}),
    ("練習船「みずなぎ丸」が入港した。みずなぎ丸は翌日出港した。", "SHIP", {"みずなぎ丸"}),
    ("通報艦八重山が座礁した(八重山艦事件)。八重山の乗員は救助された。八重山諸島とは別である。", "SHIP", {"八重山"}),
    ("海軍の佐藤鉄太郎中佐が指揮した。", "PERSON", {"佐藤鉄太郎"}),
    ("商館長ヤン・コック・ブロンホフが江戸に参府した。", "PERSON", {"ヤン・コック・ブロンホフ"}),
])
def test_history_rules_with_the_model(nlp, text, label, expected):
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    check_offsets(ms, text)
    got = texts(ms, label)
    assert expected <= set(got) and (expected or not got), spans(ms)


@pytest.mark.slow
def test_two_kanji_ship_recurs_but_not_inside_words(nlp):
    text = "通報艦八重山が座礁した(八重山艦事件)。八重山の乗員は救助された。八重山諸島とは別である。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    assert texts(ms, "SHIP").count("八重山") == 3, spans(ms)


@pytest.mark.slow
def test_kb_family_name_gives_way_to_another_full_name(nlp):
    text = "弁護士の鳩山春彦が弁論に立った。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, WITH_KB)
    assert ("PERSON", "鳩山春彦") in spans(ms) and ("PERSON", "鳩山") not in spans(ms), spans(ms)


@pytest.mark.slow
def test_chinese_or_korean_one_kanji_family_name_is_not_a_short_form(nlp):
    text = "李承晩は大統領となった。李は1960年に辞任した。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    assert "李" not in texts(ms, "PERSON"), spans(ms)


@pytest.mark.slow
def test_incidents_named_by_common_words_need_the_document_to_mark_them(nlp):
    text = "1952年には事件が続いた(鉄橋事件・青梅事件)。のちに鉄橋事件の捜査は打ち切られた。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    assert {"鉄橋事件", "青梅事件"} <= set(texts(ms, "INCIDENT")), spans(ms)
    assert "鉄橋事件・青梅事件" not in texts(ms, "INCIDENT")
    plain = "彼は鉄橋事件について語らなかった。"
    assert "鉄橋事件" not in texts(link_mentions(doc_mentions(nlp(plain), 0, LEX), plain, NO_KB), "INCIDENT")


@pytest.mark.slow
def test_family_name_before_a_title_confirms_a_full_name(nlp):
    text = "公社が発足し、上田定則が初代総裁に就任した。7月、上田総裁が消息を絶った(上田事件)。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    persons = texts(ms, "PERSON")
    assert "上田定則" in persons and persons.count("上田") == 2, spans(ms)
    assert len({m["canonical_id"] for m in ms if m["label"] == "PERSON"}) == 1
    negative = "初代総裁が決まった。国鉄総裁が会見した。国鉄本社は東京にある。"
    assert not texts(link_mentions(doc_mentions(nlp(negative), 0, LEX), negative, NO_KB), "PERSON")


@pytest.mark.slow
def test_title_compounds_are_no_family_names(nlp):
    text = "国務長官が訪朝した。国務省は声明を出した。国防相会合が開かれた。軍事委員長が出席し、軍事演習が行われた。"
    assert not texts(link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB), "PERSON")


def test_names_of_one_incident_share_an_id():
    text = "1864年に池田屋事件が起きた。池田屋事変とも呼ばれる。千島艦事件は千島・ラヴェンナ号事件とも呼ばれる。"
    ids = {m["text"]: m["canonical_id"] for m in rules_only(text) if m["label"] == "INCIDENT"}
    assert ids["池田屋事件"] == ids["池田屋事変"] and ids["千島艦事件"] == ids["千島・ラヴェンナ号事件"], ids
    other = "秩父事件と秩父宮事件"  # different places: no merge
    ids = {m["text"]: m["canonical_id"] for m in rules_only(other) if m["label"] == "INCIDENT"}
    assert len(set(ids.values())) == len(ids), ids


def test_latin_name_in_brackets_after_a_quoted_ship():
    text = "アメリカ海軍の潜水艦「ブルーギル」(USS Bluegill, SS-242)が攻撃した。"
    ships = [(m["text"], m["canonical_id"], m["name_en"]) for m in rules_only(text) if m["label"] == "SHIP"]
    assert len(ships) == 2 and ships[0][1] == ships[1][1] and ships[1][0] == "Bluegill", ships
    assert ships[0][2] == "Bluegill"


@pytest.mark.slow
def test_court_title_after_a_family_name_stays_outside(nlp):
    text = "幕府は老中の松平伊豆守を派遣した。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    assert "松平" in texts(ms, "PERSON") and "松平伊豆守" not in texts(ms, "PERSON"), spans(ms)


@pytest.mark.parametrize("text, not_person, person", [
    ("新選組は池田屋に踏み込みます。", "池田屋", None),  # an inn (屋号), not the innkeeper
    ("最後に山下公園まで歩いて、山下奉文の話をした。", "山下公園", "山下奉文"),
    ("6月12日 - 宇野線の開通にあわせ、宇野 - 高松間の航路が開設される。", "宇野", None),
    ("国後島で松前奉行配下の役人に捕縛される。", "松前", None),
    ("近衛砲兵大隊の兵259名が決起した。近衛文麿が首相となった。", "近衛", "近衛文麿"),
    ("作家広津和郎らが松川裁判の事実認定を批判した。", "松川", "広津和郎"),
])
def test_a_family_name_that_names_a_place_line_unit_or_trial_is_no_person(nlp, text, not_person, person):
    found = model_rules(nlp, text, "PERSON")
    assert not any(not_person in name or name in not_person for name in found if name != person)
    if person:
        assert person in found


@pytest.mark.parametrize("text, ship", [
    ("* 貨車10両を直接積めるディーゼル船第一宇高丸が就航する。", "第一宇高丸"),
    ("紫雲丸が、女木島沖で貨車航送船第三宇高丸と衝突して沈没する。", "第三宇高丸"),
    ("外輪船の第3関門丸など5隻が関門航路から転属する。", "第3関門丸"),
    ("貨車航送を始める。曳船松風丸が貨車を積んだはしけを曳いた。", "松風丸"),
])
def test_numbered_maru_names_after_compound_type_words(nlp, text, ship):
    assert ship in model_rules(nlp, text, "SHIP")


def test_a_family_name_shared_by_several_people_is_the_subject_unless_its_sentence_names_another(nlp):
    text = ("マリ・キュリーはポーランド出身の物理学者である。夫ピエール・キュリーと研究した。"
            "1903年、キュリーは博士論文を提出した。次女エーヴ・キュリーは伝記を著した。"
            "キュリーの伝記は広く読まれた。ピエール・キュリーは1906年に事故で死去し、キュリーの葬儀が営まれた。")
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    ids = [(m["start"], m["canonical_id"]) for m in ms if m["text"] == "キュリー"]
    marie = next(m["canonical_id"] for m in ms if m["text"] == "マリ・キュリー")
    pierre = next(m["canonical_id"] for m in ms if m["text"] == "ピエール・キュリー")
    assert [cid for _, cid in ids] == [marie, marie, pierre]


@pytest.mark.parametrize("text, name", [
    ("刑の執行直前に、皇帝ニコライ1世による減刑が伝えられた。", "ニコライ1世"),
    ("同じ1986年には、教皇ヨハネ・パウロ2世のフランス訪問を迎えている。", "ヨハネ・パウロ2世"),
    ("1863年、皇帝ナポレオン3世は落選展の開催を命じた。", "ナポレオン3世"),
])
def test_a_rulers_number_belongs_to_the_name(nlp, text, name):
    assert name in model_rules(nlp, text, "PERSON")


@pytest.mark.parametrize("text", [
    "同年5月、埼玉県警は金賢姫の教育係「李恩恵」が田口八重子である可能性が高いと発表した。李恩恵の消息は不明である。",
    "李恩恵こと田口八重子は1978年に拉致された。李恩恵は教育係を務めた。",
])
def test_an_alias_shares_the_id_of_the_name_it_stands_for(nlp, text):
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "PERSON"}
    assert ids.get("李恩恵") and ids["李恩恵"] == ids.get("田口八重子")


def test_two_people_side_by_side_are_not_aliases(nlp):
    text = "金正日は金日成の長男である。トランプは金正恩と会談した。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    ids = [m["canonical_id"] for m in ms if m["label"] == "PERSON"]
    assert len(set(ids)) == len(ids) == 4


def test_names_given_to_a_vessel_are_one_ship_not_people(nlp):
    text = ("1989年には、当初リシュリューと命名され、のちにシャルル・ド・ゴールと改名された原子力空母が起工された。"
            "長男は一郎と命名された。")
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    got = {m["text"]: (m["label"], m["canonical_id"]) for m in ms}
    assert got["リシュリュー"][0] == got["シャルル・ド・ゴール"][0] == "SHIP"
    assert got["リシュリュー"][1] == got["シャルル・ド・ゴール"][1]
    assert got["一郎"][0] == "PERSON"


def test_ships_named_in_a_naval_battle(nlp):
    text = "マネは南北戦争中の海戦を『キアサージ号とアラバマ号の海戦』に描いている。"
    assert {"キアサージ号", "アラバマ号"} <= set(model_rules(nlp, text, "SHIP"))


def test_other_names_of_a_person_share_the_id(nlp):
    text = ("天草四郎は、江戸時代初期のキリシタンである。本名は益田時貞。洗礼名は当初は「ジェロニモ」だったが、"
            "のちに「フランシスコ」に改める。\nフランソワ・モーリス・アドリアン・マリー・ミッテランはフランスの政治家である。"
            "フランソワ・ミッテランは1981年に大統領となった。ヴァレリー・ジスカール・デスタンを破った。ジスカール・デスタンは退いた。")
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "PERSON"}
    assert ids["天草四郎"] == ids.get("益田時貞") == ids.get("ジェロニモ") == ids.get("フランシスコ")
    assert ids["フランソワ・モーリス・アドリアン・マリー・ミッテラン"] == ids["フランソワ・ミッテラン"]
    assert ids["ヴァレリー・ジスカール・デスタン"] == ids["ジスカール・デスタン"] != ids["フランソワ・ミッテラン"]


def test_names_a_person_took_share_the_id_and_a_spaced_reading_gives_it(nlp):
    text = ("勝海舟（かつ かいしゅう）は幕臣である。幼名は麟太郎、諱は義邦、のちに安芳と改めた。海舟は号である。"
            "福沢諭吉も咸臨丸に乗った。")
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    got = {m["text"]: m for m in ms if m["label"] == "PERSON"}
    assert {got[n]["canonical_id"] for n in ("勝海舟", "かつ かいしゅう", "麟太郎", "義邦", "安芳", "海舟")} \
        == {"person:katsu-kaishu"}
    assert (got["勝海舟"]["name_ja"], got["勝海舟"]["name_en"]) == ("勝海舟", "Katsu Kaishu")
    assert got["福沢諭吉"]["canonical_id"] != "person:katsu-kaishu"


def test_a_bare_alias_is_not_linked_to_a_kb_person_of_another_age(nlp):
    text = "文久2年8月21日、島津久光の行列を横切った英国人リチャードソンが殺害された。"
    modern = "1994年、リチャードソン下院議員が訪朝した。"
    for t, linked in ((text, False), (modern, True)):
        ms = link_mentions(doc_mentions(nlp(t), 0, LEX), t, WITH_KB, extract_timexes(t))
        ids = [m["canonical_id"] for m in ms if m["text"] == "リチャードソン"]
        assert ids and (ids[0] == "person:bill-richardson") is linked, ids


@pytest.mark.parametrize("text,ships,not_ships", [
    ("のちに朝陽丸、開陽丸も購入した。", {"朝陽丸", "開陽丸"}, set()),
    ("観光丸、朝陽丸、電流丸の三隻が並んだ。", {"観光丸", "朝陽丸", "電流丸"}, set()),
    ("幕府は朝陽丸を購入した。", set(), {"朝陽丸"}),
])
def test_a_maru_name_listed_with_a_ship_is_a_ship(nlp, text, ships, not_ships):
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, WITH_KB)
    found = {m["text"] for m in ms if m["label"] == "SHIP"}
    assert ships <= found and not (not_ships & found), found


def test_edo_formal_names_and_their_real_names(nlp):
    text = ("城主浅野内匠頭長矩、勅使饗応役を勤める。高家肝煎吉良上野介義央が指南役となる。長矩、義央に斬り付ける。"
            "国家老大石内蔵助良雄、藩士を集める。良雄は残る。のちに大石良雄は切腹した。佐藤栄作首相は田中正造を論じた。")
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    got = {}
    for m in ms:
        if m["label"] == "PERSON":
            got.setdefault(m["text"], set()).add(m["canonical_id"])
    assert {"浅野内匠頭長矩", "吉良上野介義央", "大石内蔵助良雄", "長矩", "義央", "良雄"} <= set(got), got
    assert got["長矩"] == got["浅野内匠頭長矩"] and got["義央"] == got["吉良上野介義央"]
    assert got["良雄"] == got["大石内蔵助良雄"] == got["大石良雄"]
    assert "佐藤栄作" in got and "田中正造" in got  # modern names are no formal names


@pytest.mark.parametrize("text,ships,not_ships", [
    ("大洲藩から借りた蒸気船いろは丸は沖で沈んだ。", {"いろは丸"}, set()),
    ("琉球海運の「おとひめ丸」として完成した。", {"おとひめ丸"}, set()),
    ("横浜船渠で浅間丸型の2番船秩父丸が進水する。", {"秩父丸"}, {"浅間丸"}),
    ("橿原丸・出雲丸が航空母艦隼鷹・飛鷹として竣工する。", {"隼鷹", "飛鷹", "橿原丸", "出雲丸"}, set()),
    ("空母・戦艦の数を比べる。", set(), {"戦艦"}),
])
def test_maru_and_kanji_ship_names_after_type_words(nlp, text, ships, not_ships):
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    found = {m["text"] for m in ms if m["label"] == "SHIP"}
    assert ships <= found and not (not_ships & found), found


def test_a_renamed_vessel_and_an_incident_named_by_its_ship(nlp):
    text = "特設航空母艦の春日丸が大鷹と改名する。大鷹は沈んだ。蒸気船いろは丸は沈没した。このいろは丸事件は最初の衝突である。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    ids = {(m["label"], m["text"]): m["canonical_id"] for m in ms}
    assert ids[("SHIP", "春日丸")] == ids[("SHIP", "大鷹")]
    assert ("INCIDENT", "いろは丸事件") in ids


def test_names_after_a_label_word_are_the_persons_other_names(nlp):
    text = ("坂本龍馬は土佐藩郷士である。諱は初め直陰(なおかげ)と称した。号は自然堂と伝わる。"
            "良雄の嫡男大石主税良金(幼名松之丞)は江戸へ下った。北一輝(本名輝次郎)の刑を執行す。本名は不明である。")
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "PERSON"}
    assert ids["直陰"] == ids["自然堂"] == ids["坂本龍馬"]
    assert ids["松之丞"] == ids["大石主税良金"] != ids["坂本龍馬"]
    assert ids["輝次郎"] == ids["北一輝"] != ids["坂本龍馬"]
    assert "本名輝次郎" not in ids and "不明" not in ids


def test_former_names_of_a_ship_in_english_share_its_id():
    text = ("USS Sailfish sinks the escort carrier Chūyō (ex-Nitta Maru) off Hachijō-jima. The German liner "
            "Scharnhorst, stranded in Japan since 1939, is renamed Shin'yō. USS Rasher sinks the escort carrier "
            "Taiyō, formerly the liner Kasuga Maru, off Luzon. USS Bowfin torpedoes the Tsushima Maru.")
    ms = link_mentions(text_mentions(text, NO_KB), text, NO_KB)
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "SHIP"}
    assert ids["Chūyō"] == ids["Nitta Maru"] and ids["Scharnhorst"] == ids["Shin'yō"]
    assert ids["Taiyō"] == ids["Kasuga Maru"] != ids["Chūyō"] != ids["Tsushima Maru"]


def test_an_assumed_name_and_a_second_spelling_are_the_same_person(nlp):
    text = ("坂本龍馬は土佐藩郷士である。ほかに才谷梅太郎(さいたに うめたろう)などの変名を用いた。"
            "同時刻、内大臣齋藤實(斎藤実)、大蔵大臣高橋是清が殺害された。")
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "PERSON"}
    assert ids["才谷梅太郎"] == ids["坂本龍馬"] != ids["齋藤實"]
    assert ids["齋藤實"] == ids["斎藤実"] != ids["高橋是清"]


def test_other_names_a_japanese_text_gives_a_vessel(nlp):
    text = ("蒸気船ユニオン号(薩摩名は桜島丸、長州名は乙丑丸)の回航を引き受けた。龍馬は乙丑丸に乗り組んだ。"
            "ドニャ・パス号は尾道で建造され、1963年に「ひめゆり丸」として進水した。1975年、同船はフィリピンに売却されて"
            "ドン・スルピシオ号と改名された。昭和14年、秩父丸を鎌倉丸と改名する。貨客船氷川丸が竣工する。")
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "SHIP"}
    assert ids["ユニオン号"] == ids["桜島丸"] == ids["乙丑丸"]
    assert ids["ドニャ・パス号"] == ids["ひめゆり丸"] == ids["ドン・スルピシオ号"] != ids["ユニオン号"]
    assert ids["秩父丸"] == ids["鎌倉丸"] != ids["氷川丸"]


def test_an_english_gloss_and_also_known_as_name_one_incident():
    text = ("The Tsushima incident (Japanese: Tsushima jiken), also known as the Posadnik incident "
            "(Posadonikku-gō jiken), was the occupation of part of Tsushima. The Namamugi incident came later. "
            "The Yamato or the Musashi might have been sunk first.")
    ms = link_mentions(text_mentions(text, NO_KB), text, NO_KB)
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] in ("INCIDENT", "SHIP")}
    assert ids["Tsushima incident"] == ids["Tsushima jiken"] == ids["Posadnik incident"] != ids["Namamugi incident"]


def test_arrivals_other_incident_names_and_other_ship_names(nlp):
    text = ("在府中の同年6月には黒船来航があり、警備に出た。この寺田屋事件(寺田屋遭難とも)で龍馬は指を斬られた。"
            "石油タンカーのベクター号と衝突した。報道では、ベクター号はビクトル号とも表記された。来航した船もある。"
            "部隊は岡田啓介首相を襲った。東京市に戒厳令を施行し、香椎浩平中将を戒厳司令官に任ず。")
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    ids = {(m["label"], m["text"]): m["canonical_id"] for m in ms}
    assert ("INCIDENT", "黒船来航") in ids
    assert ids[("INCIDENT", "寺田屋遭難")] == ids[("INCIDENT", "寺田屋事件")]
    assert ids[("SHIP", "ビクトル号")] == ids[("SHIP", "ベクター号")]
    persons = {t for label, t in ids if label == "PERSON"}
    assert "岡田啓介" in persons and not persons & {"岡田啓介首相", "首相", "戒厳令", "戒厳"}, persons


def test_a_titled_name_the_tagger_reads_as_a_place_is_a_person(nlp):
    text = "陸軍省軍務局長永田鉄山少将、省内に於て斬殺せらる。山下公園に行った。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    persons = {m["text"] for m in ms if m["label"] == "PERSON"}
    assert "永田鉄山" in persons and "山下" not in persons, persons


def test_a_place_before_an_office_title_is_no_person(nlp):
    text = "同年、長崎奉行の松平康英が切腹する。松前奉行配下の役人に捕縛される。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    persons = {m["text"] for m in ms if m["label"] == "PERSON"}
    assert "松平康英" in persons and not persons & {"長崎", "松前"}, persons


def test_a_kana_name_after_a_kin_word_is_a_person(nlp):
    text = "四月には妻りくを離縁して実家に帰す。妻たちが来た。母のもとに帰った。娘のおみつが来た。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    persons = {m["text"] for m in ms if m["label"] == "PERSON"}
    assert {"りく", "おみつ"} <= persons and not persons & {"もと", "たち"}, persons


def test_a_named_scandal_is_an_incident(nlp):
    text = "1948年の昭和電工疑獄では芦田均が逮捕された。事件は一大疑獄に発展した。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    incidents = {m["text"] for m in ms if m["label"] == "INCIDENT"}
    assert "昭和電工疑獄" in incidents and "一大疑獄" not in incidents, incidents


# ---------------------------------------------------------------- session 7: what is no individual, and names found
@pytest.mark.parametrize("text,surface", [
    ("宝永三年、義周は病没し、吉良家は絶える。", "吉良"),  # a house
    ("浪士は細川・松平・毛利・水野の四家に分けて預けられる。", "細川"),  # houses of a list
    ("浪士は細川・松平・毛利・水野の四家に分けて預けられる。", "水野"),
    ("翌年1月15日、海舟は下田で前土佐藩主の山内容堂に面会した。", "前土佐"),  # a domain's lord
    ("河野寿大尉の一隊は旅館に前内大臣牧野伸顕伯を襲った。", "前内"),  # 前 + 内大臣
    ("長矩は江戸城松之大廊下において義央に斬り付ける。", "城松之大"),  # the castle's 城
    ("石原莞爾大佐を戒厳参謀に任ず。同日、戒厳司令部を九段に移す。", "戒厳司令部"),  # a body
    ("良雄も江戸近郊の川崎平間村に入る。", "川崎平間"),  # a village
    ("嘉永5年、藩校に入学し、柳生新陰流の剣術も学ぶ。", "柳生新陰流"),  # a school
    ("被告人は同年7月6日、リクルート会長を辞任した。", "リクルート"),  # a company before 会長
    ("信正は磐城平藩の藩主で、官位から「安藤対馬守」と呼ばれた。", "対馬守"),  # a court title
    ("救助された26人のうち数人が軽いけがをした。", "数人"),
])
def test_names_of_no_individual(nlp, text, surface):
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    assert not [m for m in ms if m["label"] == "PERSON" and m["text"] == surface], ms


@pytest.mark.parametrize("text,label,surface", [
    ("寛政4年、光太夫は磯吉・小市とともに根室に着いた。", "PERSON", "磯吉"),  # a given name alone
    ("中根重一の長女鏡子と結婚した。", "PERSON", "鏡子"),  # after a kin word
    ("塩原昌之助・やす夫妻の養子となった。", "PERSON", "やす"),
    ("イルクーツクでは博物学者キリル・ラクスマンの助けを得た。", "PERSON", "キリル・ラクスマン"),
    ("被告人は、藤波孝生元内閣官房長官ら7人に株を譲渡した。", "PERSON", "藤波孝生"),  # 元 outside
    ("宗谷(そうや)は、日本の初代南極観測船として知られる船である。同年11月8日、宗谷は出港した。", "SHIP", "宗谷"),
    ("1940年、地領丸は日本海軍に買い取られ、特務艦宗谷と改名された。", "SHIP", "宗谷"),
    ("翌日大阪から鉄嶺丸に乗って6日に大連へ着いた。", "SHIP", "鉄嶺丸"),
    ("クックはレゾリューション号(旧名マーキス・オブ・グランビー)に乗った。", "SHIP", "マーキス・オブ・グランビー"),
    ("このいろは丸事件(いろはまるじけん)は、最初の衝突である。蒸気船いろは丸は沈没した。", "SHIP", "いろはまる"),
    ("1935年、駆逐艦初雪と夕霧の艦首が切断された。", "SHIP", "初雪"),  # poetic warship names after a type word
    ("1935年、駆逐艦初雪と夕霧の艦首が切断された。", "SHIP", "夕霧"),
    ("水雷艇友鶴は、僚艇千鳥とともに演習に出た。", "SHIP", "千鳥"),
    ("その頃、正長の土一揆が畿内に広がっていた。", "INCIDENT", "正長の土一揆"),
])
def test_names_found_in_session7(nlp, text, label, surface):
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    assert [m for m in ms if m["label"] == label and m["text"] == surface], ms


def test_quoted_other_names_of_one_incident(nlp):
    text = ("ドニャ・パス号沈没事故(ドニャ・パスごうちんぼつじこ)は、1987年12月20日に起きた海難事故である。"
            "「ドニャ・パス号事故」「ドニャパスフィリピンフェリー沈没事故」とも呼ばれる。")
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    ids = {m["canonical_id"] for m in ms if m["label"] == "INCIDENT"}
    assert len(ids) == 1, ms


def test_a_name_the_sentence_subject_takes_is_the_same_person(nlp):
    text = "井上伝蔵は困民党の会計長であった。北海道で伝蔵は伊藤房次郎と名を変え、晩年まで暮らした。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    ids = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "PERSON"}
    assert ids["伊藤房次郎"] == ids["井上伝蔵"]


@pytest.mark.parametrize("text", ["駆逐艦部隊が出動した。", "漁船乗組員が救助された。", "駆逐艦建造が進んだ。"])
def test_words_after_a_type_word_that_name_no_ship(nlp, text):
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    assert not [m for m in ms if m["label"] == "SHIP"], ms


def test_court_titles_counts_and_ports_are_no_persons(nlp):
    text = ("明智光秀（惟任日向守）の軍勢が本能寺を襲った。乗員百十三名のうち百名が死亡した。"
            "提督はヘダ号に乗って同月下旬に戸田を出航した。")
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    persons = {m["text"]: m["canonical_id"] for m in ms if m["label"] == "PERSON"}
    assert persons.get("惟任") == persons["明智光秀"]
    assert "日向守" not in persons and "百名" not in persons and "戸田" not in persons


def test_a_mutiny_is_named_by_its_ship(nlp):
    text = "ブライはのちにバウンティ号の艦長となり、1789年のバウンティ号の反乱で名を残した。"
    ms = link_mentions(doc_mentions(nlp(text), 0, LEX), text, NO_KB)
    assert [m for m in ms if m["label"] == "INCIDENT" and m["text"] == "バウンティ号の反乱"], ms
