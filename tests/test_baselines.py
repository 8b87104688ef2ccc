"""The baseline systems (pipeline/evaluation/baselines.py) and their own step: `pipeline baselines`
writes OUT/baselines/<name>/, `pipeline eval` only reads them and leaves out, with a note, those
missing or stale."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from pipeline.evaluation import baselines, command
from pipeline.evaluation.loading import read_jsonl

from .conftest import ROOT

TEXT = "2018年6月12日に会談した。"


def _workspace(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.json").write_text(json.dumps({"doc_id": "a", "mentions": [], "events": [], "timexes": [
        {"start": 0, "end": 10, "text": "2018年6月12日", "type": "DATE", "value": "2018-06-12", "mod": ""}]},
        ensure_ascii=False), encoding="utf-8")
    return corpus, gold, tmp_path / "out"


def test_baselines_step_runs_what_is_missing_or_stale_and_nothing_else(tmp_path):
    corpus, _, out = _workspace(tmp_path)
    stream = io.StringIO()
    assert command.baselines_step(corpus, out, ["ja_timex"], stream=stream) == ["ja_timex"]
    assert stream.getvalue() == "running baselines: ja_timex\n"
    assert json.loads((out / "baselines" / "ja_timex" / "system.json").read_text(encoding="utf-8"))["tasks"] == [
        "timexes"]
    assert not (out / "anchors").exists()
    stream = io.StringIO()
    assert command.baselines_step(corpus, out, ["ja_timex"], stream=stream) == []
    assert stream.getvalue().startswith("baselines up to date in ")


def test_eval_scores_fresh_baselines_and_notes_the_missing_ones(tmp_path):
    corpus, gold, out = _workspace(tmp_path)
    command.baselines_step(corpus, out, ["ja_timex"], stream=io.StringIO())
    stream = io.StringIO()
    report = command.eval_step(gold, out, corpus, stream=stream)
    assert report["system_order"] == ["ja_timex"]
    assert report["systems"]["ja_timex"]["path"] == (out / "baselines" / "ja_timex").as_posix()
    assert report["systems"]["ja_timex"]["timexes"]["strict"]["tp"] == 1
    note = next(line for line in stream.getvalue().splitlines() if line.startswith("note:"))
    assert "ginza_ene" in note and "ja_timex" not in note
    assert f"python -m pipeline baselines {corpus} --out {out}" in note and "make baselines" in note
    assert "scored without them" in note


def test_eval_leaves_out_a_baseline_made_from_another_corpus(tmp_path):
    corpus, gold, out = _workspace(tmp_path)
    command.baselines_step(corpus, out, ["ja_timex"], stream=io.StringIO())
    (corpus / "a.txt").write_text(TEXT + "\n", encoding="utf-8")
    stream = io.StringIO()
    report = command.eval_step(gold, out, corpus, stream=stream)
    assert "ja_timex" not in report["systems"] and report["system_order"] == []
    assert any(line.startswith("note: the baseline outputs of ja_timex ") and "another corpus" in line
               for line in stream.getvalue().splitlines())


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_baselines_command(tmp_path):
    corpus, gold, out = _workspace(tmp_path)
    proc = _cli("baselines", tmp_path / "nowhere", "--out", out)
    assert proc.returncode == 2 and proc.stderr.startswith("error: corpus folder not found") and not out.exists()
    proc = _cli("baselines", corpus, "--out", out, "--only", "ja_timex")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "running baselines: ja_timex\n"
    proc = _cli("eval", "--gold", gold, "--out", out, "--corpus", corpus)
    assert proc.returncode == 0, proc.stderr
    assert "ja_timex" in proc.stdout.splitlines()[1] and "running baselines" not in proc.stdout


def test_make_eval_runs_the_baselines_step_and_help_lists_it():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    rule = next(line for line in makefile if line.startswith("baselines:"))
    assert " ## " in rule  # listed by `make help`
    assert any("-m pipeline baselines" in line for line in makefile)
    eval_rule = next(line for line in makefile if line.startswith("eval:"))
    assert "baselines" in eval_rule.split("##")[0].split(":", 1)[1].split()  # a prerequisite of eval


@pytest.mark.parametrize("ttype,value,want", [
    ("DATE", "2018-06-XX", "2018-06"),
    ("DATE", "1990-XX-XX", "1990"),
    ("DATE", "XXXX-08-05", "XXXX-08-05"),
    ("DATE", "XXXX-05-XX", "XXXX-05"),
    ("DATE", "18XX", "18"),
    ("DATE", "2017-SP", "2017-SP"),
    ("TIME", "T15-30-XX", "T15:30"),
    ("TIME", "T06-30-15", "T06:30:15"),
    ("DURATION", "P13D", "P13D"),
    ("SET", "P1Y", "P1Y"),
])
def test_ja_timex_value(ttype, value, want):
    assert baselines.ja_timex_value(ttype, value) == want


@pytest.mark.parametrize("mod,want", [("ON_OR_AFTER", "AFTER"), ("ON_OR_BEFORE", "BEFORE"), ("MID", "MID"),
                                      ("NOW", ""), (None, "")])
def test_ja_timex_mod(mod, want):
    assert baselines.ja_timex_mod(mod) == want


@pytest.mark.parametrize("ene,want", [("Person", "PERSON"), ("Ship", "SHIP"), ("Incident_Other", "INCIDENT"),
                                      ("Incident_War", "INCIDENT"), ("Country", None), ("War", None)])
def test_ene_label(ene, want):
    assert baselines.ene_label(ene) == want


def test_ja_timex_baseline_spans_map_back_to_original_text():
    from pipeline.ingest import Document

    text = "前置き１９５０年６月２５日、二〇一八年三月、午後3時半に。"
    doc = Document(doc_id="x", source_path="x.txt", text=text, lang="ja")
    got = baselines.ja_timex_timexes(doc)
    assert [(r["text"], r["value"]) for r in got] == [("１９５０年６月２５日", "1950-06-25"), ("二〇一八年三月", "2018-03"),
                                                      ("午後3時半", "T15:30")]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in got)


def test_baseline_staleness_follows_corpus_content(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("2018年6月12日に会談した。", encoding="utf-8")
    out = tmp_path / "out"
    assert baselines.stale_baselines(corpus, out) == list(baselines.BASELINES)
    baselines.run_baselines(corpus, out, names=["ja_timex"])
    assert baselines.stale_baselines(corpus, out) == ["ginza_ene"]
    got = read_jsonl(out / "baselines" / "ja_timex" / "timexes.jsonl")
    assert [(r["start"], r["end"], r["value"]) for r in got] == [(0, 10, "2018-06-12")]
    (corpus / "a.txt").write_text("2018年6月13日に会談した。", encoding="utf-8")
    assert baselines.stale_baselines(corpus, out) == list(baselines.BASELINES)


@pytest.mark.slow
def test_ginza_ene_baseline_offsets_are_rebased_across_chunks(monkeypatch):
    from pipeline.chunking import chunk_text
    from pipeline.ingest import Document

    # small chunks force several pieces, as a long document would
    monkeypatch.setattr(baselines, "chunk_text", lambda text: chunk_text(text, max_bytes=200))
    text = "ドナルド・トランプ大統領は金正恩委員長と会談した。\n\n" * 4
    doc = Document(doc_id="x", source_path="x.txt", text=text, lang="ja")
    got = baselines.ginza_ene_mentions(doc)  # the plain ja_ginza model, loaded once per process
    assert got, "GiNZA finds persons here"
    assert all(text[r["start"]:r["end"]] == r["text"] for r in got)
    assert {r["label"] for r in got} <= {"PERSON", "SHIP", "INCIDENT"}
    assert any(r["start"] > len(text) // 2 for r in got)
    assert [r["mention_id"] for r in got] == [f"x#m{i}" for i in range(len(got))]


