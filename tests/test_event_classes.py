"""Event classes read from what a statement says, what is agreed to, and the story (pipeline/events/content.py),
on hand-written sentences (real GiNZA parse)."""
from __future__ import annotations

import pytest

from pipeline.events.content import about_abductions, final_class, words
from tests.test_events import _events


def test_statement_words_load():
    w = words()
    assert "誤り" in w.criticism and "主張" in w.accusing and "意向" in w.intent_nouns
    assert w.civilian_name.search("輸送船の玄海丸は") and not w.civilian_name.search("日の丸を掲げた")
    assert not w.civilian_name.search("丸腰で")


def test_final_class_without_parse():
    # a disappearance is an abduction only in a document about abductions
    assert final_class("other", None, "少女が行方不明となる。", True) == "assault"
    assert final_class("other", None, "漁船が消息を絶った。", False) == "other"
    assert final_class("make_statement", None, "少女が行方不明となる。", True) == "make_statement"
    assert about_abductions("北朝鮮による拉致の被害者") and not about_abductions("漁船が遭難した")


def _class(nlp, text: str, fragment: str | None = None) -> tuple[str, str]:
    events = _events(nlp, text)
    hits = [e for e in events if fragment is None or fragment in e["sentence"]]
    assert hits, [(e["trigger"], e["event_class"]) for e in events]
    return hits[0]["event_class"], hits[0]["trigger"]


@pytest.mark.slow
@pytest.mark.parametrize("text, cls", [
    # a statement that calls what someone did wrong is a criticism (CAMEO 11)
    ("2015年3月1日、韓国の外相は「日本の決定は大きな誤りだ」と述べた。", "disapprove"),
    ("2010年4月2日、外務大臣は会見で遺憾の意を表明した。", "disapprove"),
    ("2015年3月1日、韓国の外相は「会議は来月ソウルで開かれる」と述べた。", "make_statement"),
    # a claim that another party did something is an accusation (CAMEO 112); a claim about a thing is not
    ("2009年5月1日、韓国は北朝鮮が偽の紙幣を印刷していると主張した。", "disapprove"),
    ("2009年5月1日、北朝鮮は実験が成功したと主張した。", "make_statement"),
])
def test_criticism_and_accusation(nlp, text, cls):
    assert _class(nlp, text)[0] == cls


@pytest.mark.slow
@pytest.mark.parametrize("text, cls", [
    # a remark after a meeting it names as its frame reports the meeting
    ("2019年2月28日、大統領は首相との会談後、記者団に「良い話し合いだった」と語った。", "meet"),
    # a stated plan of a violent act is a threat, a readiness to act an intent to cooperate
    ("2014年3月3日、北朝鮮は新たな核実験を行う計画があることを表明した。", "threaten"),
    ("2014年3月3日、日本は中国と協議する用意があると述べた。", "express_intent_to_cooperate"),
    ("2018年5月1日、協議する意思があることが韓国から日本に伝達された。", "express_intent_to_cooperate"),
    # an announcement of a done act is that act; of an act to come it stays a statement
    ("2015年6月9日、警察は男を逮捕したと発表した。", "arrest_detain"),
    # a joint declaration issued is an agreement reached
    ("1991年12月31日、両国は非核化に関する共同宣言を発表した。", "sign_agreement"),
])
def test_what_a_statement_says(nlp, text, cls):
    assert _class(nlp, text)[0] == cls


@pytest.mark.slow
@pytest.mark.parametrize("text, cls", [
    # agreeing to an act of yield class or to what another party does yields (CAMEO 08)
    ("2010年8月1日、北朝鮮は日本が施設を査察することに同意した。", "yield"),
    ("2010年8月1日、政府は部隊を撤退させることに同意した。", "yield"),
    ("2010年8月1日、両国は制裁を緩和することに合意した。", "yield"),
    ("2010年8月1日、両国は協議を続けることに合意した。", "express_intent_to_cooperate"),
    # opening or recognizing is diplomatic only for a relation or a party
    ("1972年9月29日、日本は中国と国交を樹立した。", "cooperate_diplomatically"),
    ("1990年4月1日、会社は新しい航路を開設した。", "other"),
    ("2003年5月1日、委員会は予算を承認した。", "other"),
    ("2003年5月1日、日本政府は予算を承認した。", "other"),  # a party approving a thing: no recognition
    ("1949年10月1日、ソ連は新しい政府を承認した。", "cooperate_diplomatically"),
])
def test_consent_and_relations(nlp, text, cls):
    assert _class(nlp, text)[0] == cls


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, cls", [
    # a remark chained after a classed act reports the act
    ("2000年6月15日、両首脳は共同宣言に署名し、大統領は記者団に「歴史的な日だ」と述べた。", "署名", "sign_agreement"),
    # a remark chained to a remark stays the remark
    ("2000年6月15日、大統領は「良い日だ」と語り、「また来たい」と述べた。", "述べ", "make_statement"),
])
def test_a_remark_after_an_act(nlp, text, trigger, cls):
    got, trig = _class(nlp, text)
    assert got == cls and trig.startswith(trigger), (got, trig)


@pytest.mark.slow
@pytest.mark.parametrize("text, cls", [
    # a disappearance told in a document about abductions is the abduction; elsewhere it is not
    ("1977年11月15日　少女が下校途中に行方不明となる。\n2002年9月17日　北朝鮮が拉致を認めた。", "assault"),
    ("1954年9月26日、漁船が嵐の中で消息を絶った。", "other"),
    ("1954年9月26日　漁船が嵐の中で行方不明となる。\n1954年9月27日　捜索が始まる。", "other"),
    # a sinking by attack: of a ship of no armed force an assault, of a warship a battle
    ("1944年8月22日、輸送船は潜水艦の魚雷攻撃を受けて沈没した。", "assault"),
    ("1944年10月25日、戦艦は潜水艦の魚雷攻撃を受けて沈没した。", "fight"),
    # a find of wreckage is no investigation
    ("1980年5月1日、沈没船の残骸が沖合で発見された。", "other"),
    ("2004年5月1日、調査団は秘密の工場を発見した。", "investigate"),
    # a light verb whose object the lexicon does not class is a happening of no CAMEO class
    ("1925年10月1日、工場は製品の量産を始めた。", "other"),
    # 警鐘を鳴らす is a warning statement; 発足 takes the class of what is started
    ("2017年9月1日、政府は被害が及びかねないと警鐘を鳴らした。", "make_statement"),
    ("2000年5月1日、両国は定期協議を発足させた。", "consult"),
])
def test_story_and_lexicon_readings(nlp, text, cls):
    assert _class(nlp, text, text.split("。")[0])[0] == cls


@pytest.mark.slow
@pytest.mark.parametrize("text, cls", [
    # forces sent or moved show military force; people or goods sent stay aid
    ("1950年9月1日、アメリカは援軍を韓国に送った。", "exhibit_force_posture"),
    ("2016年3月1日、戦略爆撃機が半島の上空を航行した。", "exhibit_force_posture"),
    ("2016年3月1日、政府は食料を被災地に送った。", "provide_aid"),
    # a relation built is diplomatic cooperation; a thing built is not
    ("1882年5月22日、両国は通商関係を築いた。", "cooperate_diplomatically"),
    ("1882年5月22日、藩は新しい城を築いた。", "other"),
    # a forced boarding is coercion; an analysis an investigation
    ("2002年12月9日、海軍は貨物船を臨検した。", "coerce"),
    ("2016年3月1日、研究所は衛星写真を分析した。", "investigate"),
    # …するよう示した is a demand
    ("2016年3月1日、委員会は政府に対して説明をするよう示した。", "demand"),
    # what an announcement governs comes before a demand said elsewhere in the clause
    ("1993年2月、査察すべきだという要求が強まり、同年3月12日に政府は条約からの脱退を発表した。", "reject"),
    # a verb of going on takes the class of the act its subject names
    ("1864年7月9日、浪士の捕縛は翌日も続いた。", "arrest_detain"),
    # a sentence to death is an execution, to prison a coercion; a ban on the press restricts freedoms
    ("1874年4月13日、首謀者は死刑に処された。", "assault"),
    ("1874年4月13日、首謀者は禁固刑に処された。", "coerce"),
    ("1918年8月14日、政府は騒動の新聞報道を禁止した。", "coerce"),
    ("2006年7月5日、政府は貨物船の入港を禁止した。", "sanction"),
    # a lawsuit is a complaint (CAMEO 115), a cabinet's resignation no CAMEO class
    ("1893年5月6日、政府は会社に賠償を求める訴訟を起こした。", "disapprove"),
    ("1918年9月21日、内閣は批判を受けて総辞職した。", "other"),
])
def test_forces_relations_and_lexicon(nlp, text, cls):
    assert _class(nlp, text)[0] == cls


def test_shogunate_and_domains_are_japan():
    from pipeline.events import find_actors

    assert find_actors("幕府が異国船打払令を出す") == ["JPN"]
    assert find_actors("土佐藩の兵が発砲した") == ["JPN"]
    assert find_actors("朝廷は勅許を与えた") == ["JPN"]
    # the shogunate's magistrates and the courts of a Japanese text are organs of the state
    assert find_actors("長崎奉行の松平康英が切腹する") == ["JPN"]
    assert find_actors("最高裁大法廷が上告を棄却した") == ["JPN"]
    assert find_actors("福島地裁が判決を言い渡す") == ["JPN"]


def _ship(text: str, name: str, cid: str) -> dict:
    s = text.index(name)
    return {"label": "SHIP", "canonical_id": cid, "mention_id": f"d#{cid}", "start": s, "end": s + len(name), "text": name}


@pytest.mark.slow
def test_a_role_phrase_gives_its_state_beside_its_ship(nlp):
    text = "1850年5月1日、フランス軍艦ヴィクトル号が長崎に来航した。"
    events = _events(nlp, text, [_ship(text, "ヴィクトル号", "ship:victor")])
    assert events and events[0]["source"] == ["FRA", "ship:victor"]
    text = "1890年9月16日、フランス軍艦ヴィクトル号が台風で沈没した。"  # what sinks is the ship, not its state
    events = _events(nlp, text, [_ship(text, "ヴィクトル号", "ship:victor")])
    assert events and (events[0]["source"], events[0]["target"]) == ([], ["ship:victor"])
    text = "1850年5月1日、ヴィクトル号が長崎に来航した。"  # no state named: the ship alone
    events = _events(nlp, text, [_ship(text, "ヴィクトル号", "ship:victor")])
    assert events and events[0]["source"] == ["ship:victor"]


@pytest.mark.slow
@pytest.mark.parametrize("text, lemma, roles", [
    # a relative clause without a subject of its own: the noun it modifies is its subject
    ("港を出港した明石丸は南へ向かった。", "出港", (["ship:akashi-maru"], [])),
    ("嵐で沈没した明石丸は翌年に引き揚げられた。", "沈没", ([], ["ship:akashi-maru"])),
    # with a subject of its own the noun is not its subject
    ("敵艦が追った明石丸は南へ逃れた。", "追う", ([], [])),
])
def test_a_relative_clause_takes_the_noun_it_modifies(nlp, text, lemma, roles):
    from pipeline.events.roles import Roles

    doc = nlp(text)
    reader = Roles([t for t in doc if not t.is_space], 0, text, [_ship(text, "明石丸", "ship:akashi-maru")], [])
    trig = next(t for t in doc if t.lemma_ == lemma)
    assert reader.read(trig, "other") == roles


@pytest.mark.slow
def test_a_passive_in_a_chain_takes_the_chain_subject_as_target(nlp):
    text = "1600年11月6日、石田三成は敵軍に捕らえられ、京都で処刑された。"
    s = text.index("石田三成")
    person = {"label": "PERSON", "canonical_id": "person:ishida", "mention_id": "d#m1", "start": s, "end": s + 4,
              "text": "石田三成"}
    events = _events(nlp, text, [person])
    assert events and events[0]["target"] == ["person:ishida"], [(e["trigger"], e["target"]) for e in events]


def test_a_magistrates_office_is_a_place_not_the_state():
    from pipeline.events import find_actors

    assert find_actors("商館長らは奉行所の西役所に避難する") == []


@pytest.mark.slow
def test_the_commander_acts_with_the_ship_and_an_escape_is_undergone(nlp):
    text = "1892年11月24日、千鳥丸は山田大尉の指揮のもと、香港を経由して長崎に到着した。"
    ship = _ship(text, "千鳥丸", "ship:chidori-maru")
    s = text.index("山田大尉")
    person = {"label": "PERSON", "canonical_id": "person:yamada", "mention_id": "d#m2", "start": s, "end": s + 2,
              "text": "山田"}
    events = _events(nlp, text, [ship, person])
    assert events and events[0]["source"] == ["ship:chidori-maru", "person:yamada"], events[0]["source"]
    text = "1892年11月30日、千鳥丸は損傷を受けたが沈没は免れた。"
    events = _events(nlp, text, [_ship(text, "千鳥丸", "ship:chidori-maru")])
    assert events and (events[-1]["source"], events[-1]["target"]) == ([], ["ship:chidori-maru"]), \
        [(e["trigger"], e["source"], e["target"]) for e in events]


@pytest.mark.slow
def test_a_symmetric_happening_splits_its_sides(nlp):
    # the first side named is the source, the other the target (the event definition's convention)
    events = _events(nlp, "1956年10月19日、日本とソ連は共同宣言に署名した。")
    assert events and (events[0]["source"], events[0]["target"]) == (["JPN"], ["SUN"]), \
        (events[0]["source"], events[0]["target"])


@pytest.mark.parametrize("text, cls", [
    # births, marriages, foundings, renamings and appointments are `other` (the event guidelines), not unknown
    ("大正三年六月二十一日、久保山は静岡県の焼津に生まれた。", "other"),
    ("安政7年1月23日、晋作は井上平右衛門の次女まさと結婚した。", "other"),
    ("1884年、同社は大阪で結成された。", "other"),
    ("1943年、同船は海鷹と改名された。", "other"),
])
def test_life_and_organisational_happenings_are_other(nlp, text, cls):
    assert _class(nlp, text)[0] == cls
