"""End to end on the real model: contract, seeds, incremental reruns, failures."""
import json
import shutil

import pandas as pd
import pytest

from pipeline import cli
from pipeline.records import KINDS, contract
from pipeline.runner import run_corpus

from .conftest import check_outputs

pytestmark = pytest.mark.slow

DOC_A = "1968年1月23日、情報収集艦プエブロ号が北朝鮮に拿捕された。ジョンソン大統領は強く抗議した。\n"
DOC_B = "2018年6月12日、ドナルド・トランプ大統領と金正恩委員長がシンガポールで会談した。\n同月14日、ポンペオ国務長官が訪韓した。\n"


def _read_all(out):
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and p.suffix != ".duckdb"}


def _jsonl(out, kind):
    return [json.loads(line) for line in (out / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines()]


def test_seeds_processed_with_exact_spans(seed_run):
    corpus, out, result = seed_run
    assert result.ok and sorted(result.processed) == [
        "web-translation-ja-us-dprk-relations", "wikipedia-ja-us-dprk-relations"]
    docs = _jsonl(out, "documents")
    assert [d["status"] for d in docs] == ["ok", "ok"]
    texts = {d["doc_id"]: (corpus / (d["doc_id"] + ".txt")).read_text(encoding="utf-8") for d in docs}
    n = 0
    for kind, (s, e, surface) in (("mentions", ("start", "end", "text")), ("timexes", ("start", "end", "text")),
                                  ("events", ("sent_start", "sent_end", "sentence"))):
        rows = _jsonl(out, kind)
        assert rows, f"no {kind} on the seeds"
        for r in rows:
            assert texts[r["doc_id"]][r[s]:r[e]] == r[surface]
            n += 1
    for ev in _jsonl(out, "events"):
        assert ev["sent_start"] <= ev["trigger_start"] < ev["trigger_end"] <= ev["sent_end"]
    assert n > 300
    assert "spans exact" in check_outputs(corpus, out)


def test_output_contract_readable_by_pandas(seed_run):
    _, out, _ = seed_run
    for kind, fields in ((k, contract(k)) for k in KINDS):
        frame = pd.read_csv(out / f"{kind}.csv")
        assert list(frame.columns[: len(fields)]) == fields
        assert len(frame) == len(_jsonl(out, kind))
    mentions = pd.read_csv(out / "mentions.csv")
    assert set(mentions["label"]) >= {"PERSON", "SHIP", "INCIDENT"}
    assert mentions["mention_id"].is_unique
    events = _jsonl(out, "events")
    assert all(isinstance(e["persons"], list) for e in events)


def _corpus(tmp_path, **docs):
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, text in docs.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    return corpus


def test_incremental_reruns(tmp_path, nlp, monkeypatch):
    corpus = _corpus(tmp_path, a=DOC_A, b=DOC_B)
    out = tmp_path / "out"
    first = run_corpus(corpus, out)
    assert sorted(first.processed) == ["a", "b"]
    before = _read_all(out)
    # the outputs, not the run's lock file (OUT/.pipeline.lock is written by every run)
    mtimes = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file() and p.name != ".pipeline.lock"}

    # nothing new: no model, byte-identical outputs, not even rewritten
    import pipeline.nlp

    def no_model(*a, **k):
        raise AssertionError("model loaded on a no-op rerun")

    monkeypatch.setattr(pipeline.nlp, "load_nlp", no_model)
    again = run_corpus(corpus, out)
    assert again.processed == [] and sorted(again.reused) == ["a", "b"]
    assert _read_all(out) == before
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file() and p.name != ".pipeline.lock"} == mtimes
    monkeypatch.undo()

    # changed document: only it is processed
    (corpus / "a.txt").write_text(DOC_A + "翌日、アメリカは空母エンタープライズを派遣した。\n", encoding="utf-8")
    changed = run_corpus(corpus, out)
    assert changed.processed == ["a"] and changed.reused == ["b"]
    assert any(t["text"] == "翌日" for t in _jsonl(out, "timexes"))

    # new document
    (corpus / "c.txt").write_text("2010年3月26日、哨戒艦天安が沈没した。\n", encoding="utf-8")
    added = run_corpus(corpus, out)
    assert added.processed == ["c"]
    assert {d["doc_id"] for d in _jsonl(out, "documents")} == {"a", "b", "c"}

    # removed document drops out of every output
    (corpus / "b.txt").unlink()
    run_corpus(corpus, out)
    for kind in KINDS:
        assert all(r.get("doc_id") != "b" for r in _jsonl(out, kind))
    assert all(r["n_documents"] <= 2 for r in _jsonl(out, "entities"))
    check_outputs(corpus, out)


def test_rerun_from_scratch_is_byte_identical(tmp_path, nlp):
    corpus = _corpus(tmp_path, a=DOC_A, b=DOC_B)
    run_corpus(corpus, tmp_path / "one")
    run_corpus(corpus, tmp_path / "two")
    assert _read_all(tmp_path / "one") == _read_all(tmp_path / "two")


def test_failed_document_among_good_ones(tmp_path, nlp, capsys):
    corpus = _corpus(tmp_path, a=DOC_A, b=DOC_B)
    (corpus / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    (corpus / "broken.txt").write_bytes("北朝鮮".encode() + b"\xff\xfe\xfa" + bytes(3) + b"\x80")
    out = tmp_path / "out"
    code = cli.main(["run", str(corpus), "--out", str(out)])
    assert code == 1
    err = capsys.readouterr().err
    assert "photo.txt" in err and "PNG" in err and "broken.txt" in err
    docs = {d["doc_id"]: d for d in _jsonl(out, "documents")}
    assert docs["photo"]["status"] == "error" and docs["a"]["status"] == "ok" and docs["b"]["status"] == "ok"
    assert {m["doc_id"] for m in _jsonl(out, "mentions")} == {"a", "b"}
    check_outputs(corpus, out, "photo.txt", "broken.txt")


def test_cli_help_and_missing_corpus(tmp_path, capsys):
    with pytest.raises(SystemExit):
        cli.main(["run", "--help"])
    assert "--out" in capsys.readouterr().out
    assert cli.main(["run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2


def test_english_document_is_routed(tmp_path, nlp):
    corpus = _corpus(tmp_path, en="On October 18, 2002, Robert Gallucci said North Korea had admitted a uranium "
                                  "programme. Kim Jong-un met Donald Trump in Singapore on June 12, 2018.\n")
    shutil.copy(corpus / "en.txt", corpus / "en2.txt")
    out = tmp_path / "out"
    run_corpus(corpus, out)
    docs = _jsonl(out, "documents")
    assert {d["lang"] for d in docs} == {"en"}
    values = {t["value"] for t in _jsonl(out, "timexes") if t["doc_id"] == "en"}
    assert {"2002-10-18", "2018-06-12"} <= values
    check_outputs(corpus, out)


def test_sentence_cut_by_a_hard_chunk_boundary_keeps_exact_offsets(tmp_path, nlp, monkeypatch):
    """A long run of text with no break point is hard-split; events built across the cut stay exact."""
    import pipeline.chunking
    import pipeline.process

    monkeypatch.setattr(pipeline.process, "chunk_text", lambda text: pipeline.chunking.chunk_text(text, 600))
    text = ("1968年1月23日、情報収集艦プエブロ号が北朝鮮に拿捕され、ジョンソン大統領が抗議し、" * 12) + "終わった。\n"
    corpus = _corpus(tmp_path, long=text)
    out = tmp_path / "out"
    run_corpus(corpus, out)
    events = _jsonl(out, "events")
    assert events
    for ev in events:
        assert text[ev["sent_start"]:ev["sent_end"]] == ev["sentence"]
        assert ev["sent_start"] <= ev["trigger_start"] < ev["trigger_end"] <= ev["sent_end"]
    check_outputs(corpus, out)


def test_a_no_op_rerun_imports_neither_spacy_nor_the_entity_stage(tmp_path):
    import subprocess
    import sys

    corpus = _corpus(tmp_path, a="On January 23, 1968, North Korea seized the USS Pueblo.\n")
    out = tmp_path / "out"
    run_corpus(corpus, out)
    code = ("import sys; from pipeline.runner import run_corpus; "
            f"r = run_corpus({str(corpus)!r}, {str(out)!r}); assert r.reused == ['a'], r; "
            "heavy = [m for m in ('spacy', 'pipeline.entities') if m in sys.modules]; assert not heavy, heavy")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
