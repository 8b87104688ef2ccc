"""Bad input, arbitrary text, interruption and determinism (issue 7)."""
import json
import os
import signal
import subprocess
import sys
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.export import csv_cell, to_csv, to_jsonl
from pipeline.ingest import Document
from pipeline.process import process_documents
from pipeline.runner import run_corpus

from .conftest import ROOT, check_outputs

GOOD_A = "1968年1月23日、情報収集艦プエブロ号が北朝鮮に拿捕された。ジョンソン大統領は強く抗議した。\n"
GOOD_B = "2018年6月12日、ドナルド・トランプ大統領と金正恩委員長がシンガポールで会談した。\n"
JA = "2010年3月26日、哨戒艦天安が沈没した。李明博大統領は北朝鮮を非難した。\n"


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _battery(corpus):
    """(file name, bytes or builder, expected status) — each one document among good ones."""
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    zip_path = corpus / "_tmp.zip"
    with zipfile.ZipFile(zip_path, "w") as zf:
        zf.writestr("a.txt", "hello" * 100)
    zip_bytes = zip_path.read_bytes()
    zip_path.unlink()
    english_line = ("Robert Gallucci met Kang Sok-ju in Geneva on October 21, 1994, and both sides signed. " * 12000)
    return [
        ("empty.txt", b"", "error"),
        ("blank.txt", " \n\t\r\n\u3000".encode("utf-8"), "error"),
        ("image.txt", png, "error"),
        ("archive.txt", zip_bytes, "error"),
        ("invalid-utf8.txt", b"\xe5\x8c\x97\xe6\x9c" + b"\xc3\x28 \xa0\xa1 \xff\xfe\xfd" * 50, "error"),
        ("sjis.txt", JA.encode("shift_jis"), "ok"),
        ("cp932.txt", ("①髙﨑ⅰ" + JA).encode("cp932"), "ok"),
        ("eucjp.txt", JA.encode("euc_jp"), "ok"),
        ("utf16le.txt", b"\xff\xfe" + JA.encode("utf-16-le"), "ok"),
        ("utf16be.txt", b"\xfe\xff" + JA.encode("utf-16-be"), "ok"),
        ("utf8bom.txt", b"\xef\xbb\xbf" + JA.encode("utf-8"), "ok"),
        ("crlf.txt", JA.replace("\n", "\r\n").encode("utf-8") * 3, "ok"),
        ("cr.txt", JA.replace("\n", "\r").encode("utf-8") * 3, "ok"),
        ("fullwidth.txt", "２０１０年３月２６日、ＵＳＳプエブロ号とＫｉｍ　Ｊｏｎｇ－ｕｎ。\n".encode(), "ok"),
        ("nul.txt", JA.encode("utf-8") + b"\x00" + JA.encode("utf-8"), "ok"),
        ("emoji.txt", ("🇰🇵🇺🇸 𠮷野家で" + JA + "😀").encode("utf-8"), "ok"),
        ("combining.txt", ("か\u3099き\u3099 e\u0301" + JA).encode("utf-8"), "ok"),
        ("名前 に 空白.txt", JA.encode("utf-8"), "ok"),
        ("one-megabyte-line.txt", english_line.encode("utf-8"), "ok"),
    ]


@pytest.mark.slow
def test_bad_input_battery(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good-a.txt").write_text(GOOD_A, encoding="utf-8")
    (corpus / "good-b.txt").write_text(GOOD_B, encoding="utf-8")
    expected = {}
    for name, data, status in _battery(corpus):
        (corpus / name).write_bytes(data)
        expected[name.rsplit(".", 1)[0]] = status
    (corpus / "loop").mkdir()
    os.symlink("..", corpus / "loop" / "again")  # symlink loop
    os.symlink("does-not-exist.txt", corpus / "dangling.txt")  # unreadable
    expected["dangling"] = "error"
    out = tmp_path / "out"
    result = run_corpus(corpus, out)
    docs = {d["doc_id"]: d for d in _jsonl(out / "documents.jsonl")}
    assert {k: docs[k]["status"] for k in expected} == expected
    for doc_id, status in expected.items():
        if status == "error":
            assert docs[doc_id]["error"], doc_id
    assert docs["good-a"]["status"] == docs["good-b"]["status"] == "ok"
    assert {"sjis": "cp932", "eucjp": "euc_jp", "utf16le": "utf-16", "utf8bom": "utf-8-sig"} == {
        k: docs[k]["encoding"] for k in ("sjis", "eucjp", "utf16le", "utf8bom")}
    assert not any(d.startswith("loop/") for d in docs)
    mentions = _jsonl(out / "mentions.jsonl")
    assert {"good-a", "good-b", "sjis", "utf16be"} <= {m["doc_id"] for m in mentions}
    assert sorted(p for p, _ in result.failed) == sorted(
        str(corpus / f"{k}.txt") for k, s in expected.items() if s == "error")
    errors = [f"{k}.txt" for k, s in expected.items() if s == "error"]
    check_outputs(corpus, out, *errors)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
       | st.lists(st.sampled_from(["北朝鮮", "は", "1968年", "1月23日", "、", "。", "\n", "\r\n", "プエブロ号", "事件",
                                   "金正恩", "委員長", "ＵＳＳ", "２０１８年", "同年", "翌日", " ", "Kim Jong-un",
                                   "October 18, 2002", "🇰🇵", "\u3099", "・"]), max_size=60).map("".join))
def test_any_text_gives_exact_spans(nlp, text):
    doc = Document(doc_id="x", source_path="x.txt", text=text, lang="ja" if text.strip() else "und",
                   status="ok" if text.strip() else "error")
    ((_, records),) = list(process_documents([doc], lambda: nlp))
    assert doc.status in ("ok", "error")
    for m in records.get("mentions", []) + records.get("timexes", []):
        assert text[m["start"]:m["end"]] == m["text"]
    for e in records.get("events", []):
        assert text[e["sent_start"]:e["sent_end"]] == e["sentence"]
        assert e["sent_start"] <= e["trigger_start"] < e["trigger_end"] <= e["sent_end"]


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"])
def test_csv_cells_neutralized_but_jsonl_unchanged(value):
    assert csv_cell(value).startswith("'")
    row = [{"doc_id": "d", "text": value, "start": -1}]
    assert json.loads(to_jsonl(row, ["doc_id", "text", "start"]))["text"] == value
    assert b"'" + value.encode()[:1] in to_csv(row, ["doc_id", "text", "start"])
    assert csv_cell(-1) == "-1"  # numbers stay numbers


def _run_cli(corpus, out, *extra, **kw):
    return subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out), *extra],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def _snapshot(out):
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".") and p.suffix != ".duckdb"}


@pytest.mark.slow
def test_interrupted_runs_leave_outputs_intact(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(6):
        (corpus / f"d{i}.txt").write_text((GOOD_A + GOOD_B) * (i + 1), encoding="utf-8")
    clean, out = tmp_path / "clean", tmp_path / "out"
    assert _run_cli(corpus, clean).wait() == 0
    # previous outputs from an older corpus state
    (corpus / "d0.txt").write_text(JA, encoding="utf-8")
    first = _run_cli(corpus, out)
    assert first.wait() == 0
    previous = _snapshot(out)
    (corpus / "d0.txt").write_text((GOOD_A + GOOD_B), encoding="utf-8")
    for i in range(1, 6):
        (corpus / f"d{i}.txt").write_text((GOOD_A + GOOD_B) * (i + 1) + "\n", encoding="utf-8")
    # kill at several points: during start-up, during processing, near the end (writes)
    for delay in (0.5, 6.0, 9.0, 12.0):
        proc = _run_cli(corpus, out)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = _snapshot(out)
        for name, data in now.items():
            if name.endswith(".jsonl"):
                [json.loads(line) for line in data.decode("utf-8").splitlines()]  # readable
        assert set(now) == set(previous)
    for i in range(1, 6):
        (corpus / f"d{i}.txt").write_text((GOOD_A + GOOD_B) * (i + 1), encoding="utf-8")
    assert _run_cli(corpus, out).wait() == 0
    assert _snapshot(out) == _snapshot(clean)


@pytest.mark.slow
def test_one_and_two_workers_identical(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(4):
        (corpus / f"d{i}.txt").write_text((GOOD_A, GOOD_B, JA, GOOD_A + JA)[i] * 3, encoding="utf-8")
    run_corpus(corpus, tmp_path / "one", workers=1)
    run_corpus(corpus, tmp_path / "two", workers=2)
    assert _snapshot(tmp_path / "one") == _snapshot(tmp_path / "two")


@pytest.mark.slow
def test_dask_engine_matches_local(tmp_path, nlp):
    pytest.importorskip("distributed")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD_A, encoding="utf-8")
    (corpus / "b.txt").write_text(GOOD_B + JA, encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    local = run_corpus(corpus, tmp_path / "local")
    dask = run_corpus(corpus, tmp_path / "dask", engine="dask")
    assert _snapshot(tmp_path / "local") == _snapshot(tmp_path / "dask")
    assert local.failed == dask.failed and len(dask.failed) == 1


@pytest.mark.slow
def test_component_crash_fails_only_its_document(tmp_path, nlp, monkeypatch):
    """A component raising on one document's text: that document errors, the batch-mates survive."""
    from pipeline import entities

    real = entities.doc_mentions

    def fragile(doc, base):
        if "爆発" in doc.text:
            raise RuntimeError("boom")
        return real(doc, base)

    monkeypatch.setattr(entities, "doc_mentions", fragile)
    docs = [Document(doc_id=f"d{i}", source_path=f"d{i}.txt", text=t, lang="ja")
            for i, t in enumerate([GOOD_A, "爆発した。" + GOOD_B, JA])]
    results = list(process_documents(docs, lambda: nlp))
    assert [d.status for d, _ in results] == ["ok", "error", "ok"]
    assert "boom" in results[1][0].error
    assert results[0][1]["mentions"] and results[2][1]["mentions"]


def _fragile_component():
    from spacy.language import Language

    if not Language.has_factory("test_fragile"):
        @Language.component("test_fragile")
        def fragile(doc):
            if "爆発" in doc.text:
                raise RuntimeError("boom in a component")
            return doc


@pytest.mark.slow
def test_model_component_crash_fails_only_its_document(nlp):
    """A pipeline component raising inside nlp.pipe drops its batch; batch-mates are retried and survive."""
    _fragile_component()
    nlp.add_pipe("test_fragile", last=True)
    try:
        docs = [Document(doc_id=f"d{i}", source_path=f"d{i}.txt", text=t, lang="ja")
                for i, t in enumerate([GOOD_A, "爆発した。" + GOOD_B, JA, GOOD_B])]
        results = list(process_documents(docs, lambda: nlp, batch_size=4))
    finally:
        nlp.remove_pipe("test_fragile")
    assert [d.status for d, _ in results] == ["ok", "error", "ok", "ok"]
    assert "boom in a component" in results[1][0].error
    assert all(results[i][1]["mentions"] for i in (0, 2, 3))


@pytest.mark.slow
@pytest.mark.parametrize("n_process", [1, 2])
def test_docs_after_a_dropped_batch_keep_their_own_records(nlp, n_process):
    """The stream skips a dropped batch; every later doc is still matched to its own document."""
    texts = [GOOD_A, "爆発した。" + GOOD_B, JA, GOOD_B, GOOD_A + JA]

    def run(fragile: bool):
        docs = [Document(doc_id=f"d{i}", source_path=f"d{i}.txt", text=t, lang="ja") for i, t in enumerate(texts)]
        if fragile:
            _fragile_component()
            nlp.add_pipe("test_fragile", last=True)
        try:
            return list(process_documents(docs, lambda: nlp, batch_size=1, n_process=n_process))
        finally:
            if fragile:
                nlp.remove_pipe("test_fragile")

    clean, broken = run(False), run(True)
    assert [d.status for d, _ in broken] == ["ok", "error", "ok", "ok", "ok"]
    for i in (0, 2, 3, 4):
        assert broken[i][1] == clean[i][1]
