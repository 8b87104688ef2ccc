"""Tests for pipeline.dates: a table of cases (tests/data/dates_cases.tsv) plus properties."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dates import extract_timexes
from pipeline.dates.numerals import parse_number
from pipeline.dates.values import interval

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "dates_cases.tsv"
# written independently of the pipeline, from the guidelines alone (eras, lunisolar dates, everyday forms)
HISTORY_CASES = ROOT / "tests" / "data" / "dates_cases_history.tsv"
KEYS = {"start", "end", "text", "type", "value", "mod", "earliest", "latest", "anchor", "calendar", "value_as_written"}


def _load_cases(path: Path, tag: str):
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        marks = []
        if line.startswith("#xfail "):
            reason, line = line[len("#xfail "):].split("\t", 1)
            marks = [pytest.mark.xfail(reason=reason, strict=True)]
        if not line.strip() or line.startswith("#"):
            continue
        lang, dct, text, span, typ, value, mod = line.split("\t")
        text = text.replace("\\n", "\n")  # a line break in a case is written \n
        rows.append(pytest.param(lang, None if dct == "-" else dct, text, span, typ, value,
                                 "" if mod == "-" else mod, id=f"{tag}{n}-{span[:12]}", marks=marks))
    return rows


ROWS = _load_cases(CASES, "L") + _load_cases(HISTORY_CASES, "H")


def test_table_is_large_enough():
    assert len(ROWS) >= 300
    negatives = [r for r in ROWS if r.values[3] == "NONE" or r.values[3].startswith("!")]
    assert len(negatives) >= 60


@pytest.mark.parametrize("lang,dct,text,span,typ,value,mod", ROWS)
def test_case(lang, dct, text, span, typ, value, mod):
    got = extract_timexes(text, dct=dct, lang=lang)
    for t in got:
        assert text[t["start"]:t["end"]] == t["text"]
    if span == "NONE":
        assert got == [], got
        return
    if span.startswith("!"):
        assert all(t["text"] != span[1:] for t in got), got
        return
    match = [t for t in got if t["text"] == span]
    assert match, f"{span!r} not found in {[(t['text'], t['value']) for t in got]}"
    t = match[0]
    assert (t["type"], t["value"], t["mod"]) == (typ, value, mod), t


def test_record_shape_and_order():
    text = "1969年4月15日、撃墜された。同日夕、発表した。"
    got = extract_timexes(text)
    assert [set(t) for t in got] == [KEYS, KEYS]
    assert [t["start"] for t in got] == sorted(t["start"] for t in got)
    assert got[0]["earliest"] == got[0]["latest"] == "1969-04-15"
    assert got[1]["anchor"] == 0 and got[0]["anchor"] is None


def test_anchor_chain_points_to_previous_resolved_timex():
    text = "2017年6月6日に把握した。同年6月12日に訪朝し、同月19日に死亡した。"
    got = extract_timexes(text)
    assert [t["value"] for t in got] == ["2017-06-06", "2017-06-12", "2017-06-19"]
    assert [t["anchor"] for t in got] == [None, 0, 1]


def test_dct_deixis_has_no_anchor():
    got = extract_timexes("2010年に始まった。昨年、終わった。", dct="2020-03-01")
    assert got[1]["value"] == "2019" and got[1]["anchor"] is None


def test_full_width_offsets_are_original():
    text = "ｘ２０１８年６月１２日、"
    got = extract_timexes(text)
    assert got[0]["start"] == 1 and got[0]["end"] == 11 and got[0]["value"] == "2018-06-12"


def test_particles_stay_outside():
    text = "1994年以降、2008年まで、1950年から"
    assert [t["text"] for t in extract_timexes(text)] == ["1994年", "2008年", "1950年"]


@pytest.mark.parametrize("value,earliest,latest", [
    ("2018", "2018-01-01", "2018-12-31"),
    ("2018-02", "2018-02-01", "2018-02-28"),
    ("2016-02", "2016-02-01", "2016-02-29"),
    ("2018-06-12", "2018-06-12", "2018-06-12"),
    ("1969-04-15T06:30", "1969-04-15", "1969-04-15"),
    ("196", "1960-01-01", "1969-12-31"),
    ("18", "1800-01-01", "1899-12-31"),
    ("2017-SP", "2017-03-01", "2017-05-31"),
    ("2017-WI", "2017-12-01", "2018-02-28"),
    ("2017-Q2", "2017-04-01", "2017-06-30"),
    ("2017-H2", "2017-07-01", "2017-12-31"),
    ("2020-W18", "2020-04-27", "2020-05-03"),
    ("XXXX-08-05", "", ""),
    ("PRESENT_REF", "", ""),
    ("P13D", "", ""),
])
def test_interval(value, earliest, latest):
    assert interval(value) == (earliest, latest)


@pytest.mark.parametrize("s,n", [("2018", 2018), ("二〇一八", 2018), ("十八", 18), ("三十", 30), ("二千十八", 2018),
                                 ("百", 100), ("元", 1), ("x", None)])
def test_parse_number(s, n):
    assert parse_number(s) == n


ENGLISH_FOR_DATEPARSER = ["October 18, 2002", "September 26, 2008", "18 October 2002", "January 17, 2007",
                          "December 2002", "12 June 2018", "2002-10-18"]


@pytest.mark.parametrize("s", ENGLISH_FOR_DATEPARSER)
def test_english_agrees_with_dateparser(s):
    dateparser = pytest.importorskip("dateparser")
    got = extract_timexes(f"Published {s}.", lang="en")
    assert len(got) == 1 and got[0]["text"] == s
    parsed = dateparser.parse(s, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    assert got[0]["value"] == parsed.strftime("%Y-%m-%d")[: len(got[0]["value"])]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_and_offsets_exact(text):
    for lang in ("ja", "en"):
        got = extract_timexes(text, dct="2020-01-01", lang=lang)
        prev = -1
        for t in got:
            assert text[t["start"]:t["end"]] == t["text"] and t["text"]
            assert t["start"] >= prev
            prev = t["start"]
            assert t["type"] in ("DATE", "TIME", "DURATION", "SET")
            assert t["anchor"] is None or 0 <= t["anchor"] < len(got)


DATEISH = st.text(alphabet="0123456789０１２３４５６７８９年月日時分〜-/.同翌前後間頃末初数十一二〇 、の春夜午ｘ平成元",
                  max_size=60)


@settings(max_examples=300, deadline=None)
@given(DATEISH, st.one_of(st.none(), st.just("2019-12-31"), st.just("bad")))
def test_never_raises_on_date_like_noise(text, dct):
    got = extract_timexes(text, dct=dct)
    for t in got:
        assert text[t["start"]:t["end"]] == t["text"]
        if t["earliest"]:
            assert t["earliest"] <= t["latest"]


def test_corpus_document_is_fast():
    path = ROOT / "corpus" / "raw" / "wikipedia-ja-us-dprk-relations.txt"
    if not path.exists():
        pytest.skip("corpus document not present")
    text = path.read_text(encoding="utf-8")
    extract_timexes(text)  # warm up lexicons
    t0 = time.perf_counter()
    got = extract_timexes(text)
    assert time.perf_counter() - t0 < 0.2
    assert len(got) > 100
    assert all(text[t["start"]:t["end"]] == t["text"] for t in got)


def test_dates_view_is_the_project_normalizer():
    from pipeline.dates.textview import view_of
    normalize = pytest.importorskip("pipeline.normalize").normalize
    text = "ｘ２０１８年㍻３０年①〜⑤、ﾃｽﾄ 1969年"
    ours, theirs = view_of(text), normalize(text)
    assert ours.text == theirs.text
    for s in range(len(ours.text)):
        assert ours.orig_span(s, s + 1) == theirs.orig_span(s, s + 1)


def test_news_dateline_dates_bare_days_and_deixis():
    text = ("北朝鮮がミサイルを発射\n2006年7月5日（水）\n\n北朝鮮は5日早朝に発射した。2003年8月25日には協議が始まった。"
            "同日、代表団が到着した。米国は4日、非難した。昨年の発射に続く。\n")
    got = {t["text"]: t["value"] for t in extract_timexes(text)}
    assert got["5日早朝"] == "2006-07-05TMO"
    assert got["同日"] == "2003-08-25"  # 同日 still follows reading order
    assert got["4日"] == "2006-07-04"
    assert got["昨年"] == "2005"


def test_no_dateline_in_narrative_text():
    text = "1950年6月25日、戦争が始まった。\n2003年8月25日に協議が始まった。\n28日、代表団が到着した。"
    got = {t["text"]: t["value"] for t in extract_timexes(text)}
    assert got["28日"] == "2003-08-28"
