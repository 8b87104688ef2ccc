"""Issue 15, point 4: pipeline.process_text and the spaCy pipeline of pipeline.load()."""
import subprocess
import sys

import pytest

import pipeline
from pipeline.api import Event, Mention, Result, Timex

TEXT = ("1968年1月23日、情報収集艦プエブロ号が北朝鮮に拿捕された。ジョンソン大統領は強く抗議した。"
        "2018年6月12日、トランプ大統領と金正恩委員長がシンガポールで会談した。")


def test_import_pipeline_stays_light():
    code = ("import sys, pipeline; "
            "heavy = [m for m in ('spacy', 'pandas', 'pyarrow') if m in sys.modules]; assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.slow
def test_process_text_gives_typed_records_equal_to_a_run(tmp_path, nlp):
    from pipeline.runner import run_corpus

    result = pipeline.process_text(TEXT, doc_date="2019-01-01", doc_id="d")
    assert isinstance(result, Result) and result.lang == "ja" and result.doc_date == "2019-01-01"
    assert all(isinstance(m, Mention) for m in result.mentions) and result.mentions
    assert all(isinstance(t, Timex) for t in result.timexes) and len(result.timexes) == 2
    assert all(isinstance(e, Event) for e in result.events) and result.events
    for r in result.mentions + result.timexes:
        assert TEXT[r.start:r.end] == r.text
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "d.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "d.txt.meta.json").write_text('{"date": "2019-01-01"}', encoding="utf-8")
    run_corpus(corpus, tmp_path / "out")
    import json

    for kind in ("mentions", "timexes", "events"):
        rows = [json.loads(x) for x in (tmp_path / "out" / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines()]
        assert result.records()[kind] == rows


def test_process_text_checks_its_arguments():
    with pytest.raises(ValueError, match="not a valid"):
        pipeline.process_text("x", doc_date="2019-02-30")
    assert pipeline.process_text("   ").mentions == []


@pytest.mark.slow
def test_process_text_english_without_the_model():
    result = pipeline.process_text("Kim Jong-un met Donald Trump in Singapore on June 12, 2018.")
    assert result.lang == "en"
    assert {m.canonical_id for m in result.mentions} >= {"person:kim-jong-un", "person:donald-trump"}
    assert [t.value for t in result.timexes] == ["2018-06-12"]


@pytest.fixture(scope="module")
def project_nlp():
    return pipeline.load()


@pytest.mark.slow
def test_spacy_doc_carries_the_projects_records(project_nlp):
    from spacy import displacy

    doc = project_nlp(TEXT)
    mentions = doc.spans["mentions"]
    assert {(s.text, s.label_, s.kb_id_) for s in mentions} >= {
        ("プエブロ号", "SHIP", "ship:uss-pueblo"), ("ジョンソン", "PERSON", "person:lyndon-b-johnson"),
        ("金正恩", "PERSON", "person:kim-jong-un")}
    assert {(e.text, e.label_, e.kb_id_) for e in doc.ents} >= {("プエブロ号", "SHIP", "ship:uss-pueblo")}
    assert [(t.text, t._.value, t._.type, t._.mod) for t in doc._.timexes] == [
        ("1968年1月23日", "1968-01-23", "DATE", ""), ("2018年6月12日", "2018-06-12", "DATE", "")]
    assert doc._.timexes[0]._.record["timex_id"] == "doc#t0001"
    assert mentions[0]._.value is None  # timex attributes only on timexes
    events = doc._.events
    assert events and all(isinstance(e, Event) for e in events)
    assert {e.event_class for e in events} >= {"meet"}
    assert {s.label_ for s in doc.spans["events"]} == {e.event_class for e in events}
    html = displacy.render(doc, style="span")
    assert "SHIP" in html and "PERSON" in html and "DATE" in html
    records = doc._.records
    assert len(records["mentions"]) == len(mentions)


@pytest.mark.slow
def test_spacy_doc_date_and_a_new_pipeline_each_call(project_nlp):
    doc = project_nlp.make_doc("昨日、金正恩委員長が演説した。")
    doc._.doc_date = "2018-06-13"
    doc = project_nlp(doc)
    assert [(t.text, t._.value) for t in doc._.timexes] == [("昨日", "2018-06-12")]
    from pipeline.nlp import load_nlp

    assert "pipeline_records" not in load_nlp().pipe_names  # the runner's model is untouched
