"""Bad input, arbitrary text, interruption and determinism (issue 7); hostile inputs and
hostile folders (issue 16: one section per numbered item of the issue)."""
import csv
import errno
import hashlib
import io
import json
import os
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import cli
from pipeline.chunking import MAX_SENTENCE_CHARS, chunk_text
from pipeline.export import write_outputs
from pipeline.ingest import Document, decode_bytes, iter_inputs, read_document
from pipeline.ingest import documents as ingest_documents
from pipeline.process import process_documents
from pipeline.runner import run_corpus
from pipeline.storage.outset import OutLock, OutLocked, current_set
from pipeline.storage.writers import csv_cell

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
def test_csv_cells_exact_and_jsonl_unchanged(value, tmp_path):
    # issue 15: the CSV keeps text exactly (formula-like cells are neutralized in pipeline.xlsx instead)
    assert csv_cell(value) == value
    write_outputs(tmp_path, {"mentions": [{"doc_id": "d", "mention_id": "d#m0001", "text": value, "start": -1}]})
    line = (tmp_path / "mentions.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert json.loads(line)["text"] == value
    data = (tmp_path / "mentions.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"'" not in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0]["text"] == value and rows[0]["start"] == "-1"  # numbers stay numbers


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

    def fragile(doc, base, lexicon):
        if "爆発" in doc.text:
            raise RuntimeError("boom")
        return real(doc, base, lexicon)

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


# --- issue 16: hostile inputs and hostile folders ---------------------------------------------
# Most cases sit beside two good English documents, which need no model (fast); the Japanese
# ones (marked slow) go through GiNZA.


EN_A = "On October 21, 1994, Robert Gallucci and Kang Sok-ju signed the Agreed Framework in Geneva.\n"
EN_B = "Kim Jong-un met Donald Trump in Singapore on June 12, 2018.\n"


def _en_corpus(tmp_path, name="corpus"):
    corpus = tmp_path / name
    corpus.mkdir()
    (corpus / "good-a.txt").write_text(EN_A, encoding="utf-8")
    (corpus / "good-b.txt").write_text(EN_B, encoding="utf-8")
    return corpus


def _docs(out):
    return {d["doc_id"]: d for d in _jsonl(out / "documents.jsonl")}


def _good_ok(docs):
    assert docs["good-a"]["status"] == docs["good-b"]["status"] == "ok"


def _write_bytes_name(folder, name: bytes, data: bytes):
    with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
        fh.write(data)


# 1. one bad file never takes down the run

@pytest.mark.parametrize("name, doc_id", [
    ("名前".encode("cp932") + b".txt", "名前"),  # Shift_JIS name from a Windows zip file
    ("ソ連".encode("cp932") + b".md", "ソ連"),  # 0x5C as a trail byte
    (b"bad-\xff\xfe.txt", "bad-\\xff\\xfe"),  # neither UTF-8 nor CP932: shown escaped
    (b"x" * 251 + b".txt", "x" * 251),  # the longest name the file system takes: no room for a sidecar
    (("長" * 81 + ".txt").encode(), "長" * 81),
])
def test_hostile_file_names_do_not_stop_the_run(tmp_path, name, doc_id):
    corpus = _en_corpus(tmp_path)
    _write_bytes_name(corpus, name, EN_A.encode())
    out = tmp_path / "out"
    result = run_corpus(corpus, out)
    docs = _docs(out)
    _good_ok(docs)
    assert docs[doc_id]["status"] == "ok" and result.ok
    assert docs[doc_id]["source_path"] == doc_id + os.path.splitext(os.fsdecode(name))[1]
    assert {m["doc_id"] for m in _jsonl(out / "timexes.jsonl")} == {"good-a", "good-b", doc_id}
    run_corpus(corpus, out)  # and the rerun reuses it
    assert run_corpus(corpus, out).processed == []


@pytest.mark.parametrize("sidecar, reason", [
    (b"[]", "JSON list, not an object"),
    (b"42", "JSON int, not an object"),
    (b'"2018-06-12"', "JSON str, not an object"),
    (b"null", "JSON NoneType, not an object"),
    (b"{date: 2018}", "not valid JSON"),
    (b"\x89PNG\r\n\x1a\n" + bytes(64), "not valid JSON"),
    (b'{"date": "2019-02-30"}', "not a valid YYYY-MM-DD date"),
])
def test_bad_sidecar_is_the_documents_error(tmp_path, sidecar, reason):
    corpus = _en_corpus(tmp_path)
    (corpus / "c.txt").write_text(EN_B, encoding="utf-8")
    (corpus / "c.txt.meta.json").write_bytes(sidecar)
    out = tmp_path / "out"
    result = run_corpus(corpus, out)
    docs = _docs(out)
    _good_ok(docs)
    assert docs["c"]["status"] == "error" and reason in docs["c"]["error"]
    assert result.failed == [(str(corpus / "c.txt"), docs["c"]["error"])]
    assert "c.txt.meta" not in " ".join(docs)  # side files are not documents


@pytest.mark.parametrize("encoding", ["cp932", "utf-8-sig", "utf-16", "euc_jp"])
def test_metadata_csv_in_any_encoding(tmp_path, encoding):
    corpus = _en_corpus(tmp_path)
    (corpus / "記事.txt").write_text(EN_B, encoding="utf-8")
    (corpus / "metadata.csv").write_bytes("doc_id,date,題名\r\n記事,2018-06-11,米朝首脳会談\r\n".encode(encoding))
    out = tmp_path / "out"
    assert run_corpus(corpus, out).ok
    docs = _docs(out)
    assert docs["記事"]["creation_date"] == "2018-06-11"
    assert "metadata.csv" not in docs


@pytest.mark.parametrize("data, reason", [
    (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG"),
    (b"doc_id,date\n\"good-a,2018-06-11\n" + b"x" * 200000, "metadata.csv"),
])
def test_unreadable_metadata_csv_is_its_own_error(tmp_path, data, reason):
    corpus = _en_corpus(tmp_path)
    (corpus / "metadata.csv").write_bytes(data)
    out = tmp_path / "out"
    result = run_corpus(corpus, out)
    docs = _docs(out)
    _good_ok(docs)
    assert docs["metadata.csv"]["status"] == "error" and reason in docs["metadata.csv"]["error"]
    assert not result.ok


# 3. every input accounted for, doc_id collisions never drop a document

@pytest.mark.parametrize("names, ids", [
    (["c.txt", "c.md"], ["c.md", "c.txt"]),
    (["C.txt", "C.TXT"], ["C.TXT", "C.txt"]),
    (["c.txt", "c.md", "c.txt.md"], ["c.md", "c.txt", "c.txt~2"]),
    (["sub/c.txt", "sub/c.Md", "c.txt"], ["c", "sub/c.Md", "sub/c.txt"]),
    (["c.txt", "c"], ["c.txt", "c"]),  # a skipped file's id is its name
])
def test_doc_id_collisions_keep_every_document(tmp_path, names, ids):
    corpus = _en_corpus(tmp_path)
    for i, name in enumerate(names):
        (corpus / name).parent.mkdir(exist_ok=True)
        (corpus / name).write_text(f"Document {i} was written on June {i + 1}, 2018.\n", encoding="utf-8")
    out = tmp_path / "out"
    run_corpus(corpus, out)
    docs = _docs(out)
    assert sorted(docs) == sorted(["good-a", "good-b", *ids])
    assert sorted(d["source_path"] for d in docs.values()) == sorted(["good-a.txt", "good-b.txt", *names])
    texts = {t["doc_id"]: t["text"] for t in _jsonl(out / "timexes.jsonl")}
    for doc_id in ids:
        if docs[doc_id]["status"] == "ok":
            assert doc_id in texts
    before = _snapshot(out)
    for _ in range(2):  # unchanged reruns keep the same documents, byte for byte
        run_corpus(corpus, out)
        assert _snapshot(out) == before


def test_every_input_gets_a_row_and_exit_is_non_zero(tmp_path, capsys):
    corpus = _en_corpus(tmp_path)
    (corpus / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(10))
    (corpus / "paper.pdf").write_bytes(b"%PDF-1.4")
    (corpus / "notes.text").write_text(EN_A, encoding="utf-8")
    (corpus / "README").write_text("read me", encoding="utf-8")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "page.html").write_text("<p>x</p>", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["run", str(corpus), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    docs = _docs(out)
    _good_ok(docs)
    skipped = {k for k, d in docs.items() if d["status"] == "skipped"}
    assert skipped == {"photo.jpg", "paper.pdf", "notes.text", "README", "sub/page.html"}
    assert all("file type not read" in docs[k]["error"] for k in skipped)
    assert "SKIPPED" in err and "paper.pdf" in err
    check_outputs(corpus, out)


def test_unreadable_folder_is_an_error_row(tmp_path, monkeypatch):
    corpus = _en_corpus(tmp_path)
    (corpus / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)  # root reads any folder: refuse it here instead
    out = tmp_path / "out"
    result = run_corpus(corpus, out)
    docs = _docs(out)
    _good_ok(docs)
    assert docs["locked"]["status"] == "error" and "cannot read folder" in docs["locked"]["error"]
    assert not result.ok


# 2. no hangs: regular files only, bounded reads, linear parses, a time budget

def test_fifo_and_devices_are_refused_without_blocking(tmp_path):
    corpus = _en_corpus(tmp_path)
    os.mkfifo(corpus / "pipe.txt")
    os.symlink("/dev/zero", corpus / "zero.txt")
    os.symlink("/dev/null", corpus / "null.md")
    os.symlink("/dev/zero", corpus / "zero.dat")  # not a document type: skipped, never opened
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(tmp_path / "out")],
                          check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    docs = _docs(tmp_path / "out")
    _good_ok(docs)
    assert "FIFO" in docs["pipe"]["error"]
    assert "character device" in docs["zero"]["error"] and "character device" in docs["null"]["error"]
    assert docs["zero.dat"]["status"] == "skipped"


@pytest.mark.parametrize("size, ok", [(1000, True), (1024 * 1024, True), (1024 * 1024 + 1, False)])
def test_size_limit_gives_a_clear_status(tmp_path, monkeypatch, size, ok):
    monkeypatch.setenv("PIPELINE_MAX_MB", "1")
    (tmp_path / "big.txt").write_bytes((b"Kim Jong-un met Trump. " * (size // 23 + 1))[:size])
    doc = read_document(tmp_path / "big.txt", tmp_path)
    assert (doc.status == "ok") == ok
    if not ok:
        assert "file too large" in doc.error and "PIPELINE_MAX_MB" in doc.error


def test_file_changing_while_read_is_reported(tmp_path, monkeypatch):
    path = tmp_path / "growing.txt"
    path.write_text(EN_A, encoding="utf-8")
    real_fstat, calls = os.fstat, []

    def fstat(fd):
        st = real_fstat(fd)
        calls.append(1)
        if len(calls) == 2:  # the writer appended between the two looks
            path.write_text(EN_A * 2, encoding="utf-8")
            st = real_fstat(fd)
        return st

    monkeypatch.setattr(os, "fstat", fstat)
    doc = read_document(path, tmp_path)
    assert doc.status == "error" and "changed while it was being read" in doc.error


LONG_TEXTS = {
    "dates joined by 、": "、".join(f"{1900 + i % 100}年{1 + i % 12}月{1 + i % 28}日" for i in range(3000)) + "。\n",
    "kanji without punctuation": "朝鮮戦争勃発休戦協定調印" * 2000,
    "english words, no period": "north korea and the united states talked again " * 800,
    "one long line with crlf": ("あ" * 499 + "\r\n") * 5 + "い" * 1200,
    "fullwidth commas": "，".join(["米朝首脳会談"] * 2000),
}


@pytest.mark.parametrize("name", sorted(LONG_TEXTS))
def test_long_sentences_are_cut_before_the_model(name):
    import re

    text = LONG_TEXTS[name]
    pieces = chunk_text(text)
    assert "".join(p for _, p in pieces) == text and all(text[b:b + len(p)] == p for b, p in pieces)
    for _, piece in pieces:
        for sentence in re.split(r"(?<=[。！？!?．])|\r\n|\n|\r", piece):
            assert len(sentence) <= MAX_SENTENCE_CHARS


@pytest.mark.slow
def test_quadratic_case_runs_in_linear_time(tmp_path, nlp):
    """1,000 dates joined by 、 (11k characters, 161 s before) and 20,000 kanji without punctuation."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "dates.txt").write_text("、".join(f"{1900 + i % 100}年{1 + i % 12}月{1 + i % 28}日"
                                               for i in range(1000)) + "。\n", encoding="utf-8")
    (corpus / "kanji.txt").write_text("朝鮮戦争勃発休戦協定調印" * 1700, encoding="utf-8")
    (corpus / "good.txt").write_text(GOOD_A, encoding="utf-8")
    start = time.perf_counter()
    result = run_corpus(corpus, tmp_path / "out")
    assert result.ok and time.perf_counter() - start < 120
    timexes = _jsonl(tmp_path / "out" / "timexes.jsonl")
    assert sum(t["doc_id"] == "dates" for t in timexes) >= 900
    check_outputs(corpus, tmp_path / "out")


def test_time_budget_stops_a_document_and_the_run_goes_on(tmp_path, monkeypatch):
    from pipeline import process

    corpus = _en_corpus(tmp_path)
    (corpus / "slow.txt").write_text(EN_A * 50, encoding="utf-8")
    monkeypatch.setattr(process, "time_budget", lambda n: 0.0 if n > 1000 else 1e9)
    out = tmp_path / "out"
    result = run_corpus(corpus, out)
    docs = _docs(out)
    _good_ok(docs)
    assert docs["slow"]["status"] == "error" and "took longer than" in docs["slow"]["error"]
    assert [p for p, _ in result.failed] == [str(corpus / "slow.txt")]


def test_deadline_interrupts_slow_rules(tmp_path, monkeypatch):
    from pipeline import process

    real = process._records

    def slow_records(doc, parsed, resources):
        if "slow" in doc.doc_id:
            time.sleep(5)
        return real(doc, parsed, resources)

    monkeypatch.setattr(process, "_records", slow_records)
    monkeypatch.setattr(process, "time_budget", lambda n: 0.5)
    docs = [Document(doc_id=d, source_path=f"{d}.txt", text=EN_A, lang="en") for d in ("a", "slow", "b")]
    start = time.perf_counter()
    results = list(process_documents(docs, lambda: None))
    assert time.perf_counter() - start < 3
    assert [d.status for d, _ in results] == ["ok", "error", "ok"]
    assert "took longer than" in results[1][0].error


@pytest.mark.slow
def test_time_budget_in_the_model_path(tmp_path, nlp, monkeypatch):
    from pipeline import process

    docs = [Document(doc_id=f"d{i}", source_path=f"d{i}.txt", text=t, lang="ja")
            for i, t in enumerate([GOOD_A, GOOD_B * 200, JA])]
    monkeypatch.setattr(process, "time_budget", lambda n: 0.0 if n > 5000 else 1e9)
    results = list(process_documents(docs, lambda: nlp))
    assert [d.status for d, _ in results] == ["ok", "error", "ok"]
    assert "took longer than" in results[1][0].error and results[2][1]["mentions"]


# 5. encodings: decoded right (and recorded) or an error, never mojibake marked ok

ENC_JA = "2010年3月26日、哨戒艦天安が沈没した。李明博大統領は北朝鮮を非難した。\n" * 3
KO = "2010년 3월 26일, 천안함이 침몰했다. 이명박 대통령은 북한을 비난했다. 한국 해군은 조사를 시작했다.\n" * 2
ZH = "2010年3月26日，天安舰沉没。李明博总统谴责朝鲜。韩国海军开始调查此事，美国表示支持。\n" * 2
KANJI_ONLY = "一九五〇年六月二十五日 朝鮮戦争勃発\n一九五三年七月二十七日 休戦協定調印\n" * 3


@pytest.mark.parametrize("raw, encoding, text", [
    (b"\xff\xfe\x00\x00" + ENC_JA.encode("utf-32-le"), "utf-32", ENC_JA),
    (b"\x00\x00\xfe\xff" + ENC_JA.encode("utf-32-be"), "utf-32", ENC_JA),
    (ENC_JA.encode("utf-32-le"), "utf-32-le", ENC_JA),
    (ENC_JA.encode("utf-32-be"), "utf-32-be", ENC_JA),
    (ENC_JA.encode("utf-16-le"), "utf-16-le", ENC_JA),
    (ENC_JA.encode("utf-16-be"), "utf-16-be", ENC_JA),
    (b"\xff\xfe" + EN_A.encode("utf-16-le"), "utf-16", EN_A),
    (ENC_JA.encode("iso2022_jp"), "iso2022_jp", ENC_JA),
    (("ｶﾀｶﾅ" + ENC_JA).encode("iso2022_jp_ext"), "iso2022_jp_ext", "ｶﾀｶﾅ" + ENC_JA),
    (ENC_JA.encode("utf-7"), "utf-7", ENC_JA),
    (KANJI_ONLY.encode("cp932"), "cp932", KANJI_ONLY),
    (KANJI_ONLY.encode("euc_jp"), "euc_jp", KANJI_ONLY),
    (ENC_JA.encode("euc_jp"), "euc_jp", ENC_JA),
    (KO.encode("euc_kr"), "euc_kr", KO),
    (KO.encode("iso2022_kr"), "iso2022_kr", KO),
    (ZH.encode("gb18030"), "gb18030", ZH),
    (ZH.encode("gb2312"), "gb18030", ZH),
    (ZH.encode("hz"), "hz", ZH),
])
def test_encodings_are_decoded_exactly(raw, encoding, text):
    decoded, enc = decode_bytes(raw)
    assert (decoded, enc) == (text, encoding)
    assert raw.decode(enc) == decoded  # the recorded encoding reproduces the text the offsets index


@pytest.mark.parametrize("raw, status, lang", [
    (KO.encode("euc_kr"), "error", "ko"),
    (KO.encode("utf-8"), "error", "ko"),
    (ZH.encode("gb18030"), "error", "zh"),
    (ZH.encode("hz"), "error", "zh"),
    (ENC_JA.encode("iso2022_jp"), "ok", "ja"),
    (ENC_JA.encode("utf-32-le"), "ok", "ja"),
    (b"C++ and a+b are not UTF-7, +nor is this-.", "ok", "en"),
])
def test_foreign_text_is_never_ok_mojibake(tmp_path, raw, status, lang):
    (tmp_path / "x.txt").write_bytes(raw)
    doc = read_document(tmp_path / "x.txt", tmp_path)
    assert (doc.status, doc.lang) == (status, lang)
    assert raw.decode(doc.encoding) == doc.text
    if status == "error":
        assert "only Japanese and English are processed" in doc.error


# 7. exactly one BOM is stripped

@pytest.mark.parametrize("raw, encoding", [
    (b"\xef\xbb\xbf" + "\ufeff".encode() + ENC_JA.encode(), "utf-8-sig"),
    (b"\xff\xfe" + ("\ufeff\ufeff" + ENC_JA).encode("utf-16-le"), "utf-16"),
    (b"\xfe\xff" + ("\ufeff" + ENC_JA).encode("utf-16-be"), "utf-16"),
    (b"\xff\xfe\x00\x00" + ("\ufeff" + ENC_JA).encode("utf-32-le"), "utf-32"),
    (b"\xef\xbb\xbf" + ENC_JA.encode(), "utf-8-sig"),
])
def test_exactly_one_bom_is_stripped(tmp_path, raw, encoding):
    (tmp_path / "bom.txt").write_bytes(raw)
    doc = read_document(tmp_path / "bom.txt", tmp_path)
    assert doc.encoding == encoding and doc.text == raw.decode(encoding)
    assert doc.record()["n_chars"] == len(raw.decode(encoding))
    assert doc.text.endswith(ENC_JA) and doc.text.count("\ufeff") == raw.decode(encoding).count("\ufeff")


# 4. OUT: only the run's own temporaries go; a lock refuses a concurrent run

def test_out_keeps_what_is_not_its_own(tmp_path):
    corpus = _en_corpus(tmp_path)
    out = tmp_path / "out"
    run_corpus(corpus, out)
    foreign = [out / ".notes.tmp", out / ".x.csv.1234.tmp", out / ".cache" / "docs" / "mine.json",
               out / ".cache" / "docs" / ".keep.tmp", out / "my-analysis.csv"]
    for path in foreign:
        path.write_text("user data", encoding="utf-8")
    (out / ".folder.tmp").mkdir()
    (out / ".folder.tmp" / "inside.txt").write_text("user data", encoding="utf-8")
    dead = [out / ".events.csv.pipeline-999999999-abc.tmp", out / ".cache" / "docs" / ".x.json.pipeline-999999999-a.tmp"]
    for path in dead:
        path.write_text("left by a killed run", encoding="utf-8")
    alive = out / f".events.csv.pipeline-{os.getppid()}-abc.tmp"  # a live process's temporary
    alive.write_text("another process", encoding="utf-8")
    (corpus / "new.txt").write_text(EN_B, encoding="utf-8")
    run_corpus(corpus, out)
    assert all(p.read_text(encoding="utf-8") == "user data" for p in foreign)
    assert (out / ".folder.tmp" / "inside.txt").exists() and alive.exists()
    assert not any(p.exists() for p in dead)


def test_lock_refuses_a_concurrent_run(tmp_path, capsys):
    corpus = _en_corpus(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    with OutLock(out):
        with pytest.raises(OutLocked, match="another run is writing to"):
            run_corpus(corpus, out)
        assert cli.main(["run", str(corpus), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: another run is writing to") and f"process {os.getpid()}" in err
        assert "Traceback" not in err
    assert run_corpus(corpus, out).ok  # released with its holder


def test_lock_held_by_another_process(tmp_path):
    corpus = _en_corpus(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    script = ("import time; from pipeline.storage.outset import OutLock\n"
              f"with OutLock({str(out)!r}):\n    print('held', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", script],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out)],
                              check=False, cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2 and f"process {holder.pid}" in proc.stderr
    finally:
        holder.kill()
        holder.wait()
    assert run_corpus(corpus, out).ok  # a killed holder leaves no stale lock


# 6. the whole output set switches at once

# One process imports the pipeline once, then forks a child per kill point: child n copies
# nothing, it runs into its own copy of OUT and dies (os._exit, as a kill: no clean-up) at the
# n-th rename, link, unlink, folder removal or fsync (every file write ends with one).
_CRASH_HARNESS = r"""
import json, os, shutil, sys
from pathlib import Path
import duckdb, pyarrow.parquet  # imported once, before the forks
from pipeline.manifest import fingerprint
from pipeline.runner import run_corpus
import pipeline.storage.tables, pipeline.entities, pipeline.dates, pipeline.events
corpus, out, stem = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
fingerprint({})
shutil.copytree(out, stem + "warm", symlinks=True)
run_corpus(corpus, Path(stem + "warm"))  # loads the rules' data before the forks
shutil.rmtree(stem + "warm")
codes = []
for n in range(1, 500):
    work = Path(f"{stem}{n}")
    shutil.copytree(out, work, symlinks=True)
    pid = os.fork()
    if pid == 0:
        count = [0]
        def hook(real):
            def wrapped(*a, **k):
                count[0] += 1
                if count[0] == n:
                    os._exit(137)
                return real(*a, **k)
            return wrapped
        for name in ("replace", "rename", "symlink", "link", "fsync", "unlink"):
            setattr(os, name, hook(getattr(os, name)))
        shutil.rmtree = hook(shutil.rmtree)
        try:
            run_corpus(corpus, work)
        except BaseException:
            os._exit(1)
        os._exit(0)
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    codes.append(code)
    if code != 137:
        break
print(json.dumps(codes))
"""


def _set_state(out):
    """Every output file's bytes as read by name from OUT, and the loader's view of the same set."""
    import pipeline
    from pipeline.records import KINDS
    from pipeline.storage.tables import duckdb_digest

    files = {p.name: p.read_bytes() for p in sorted(out.iterdir())
             if p.is_file() and not p.name.startswith(".") and p.suffix != ".duckdb"}
    base = current_set(out)
    digest = hashlib.sha256(b"".join((base / f"{k}.parquet").read_bytes() for k in KINDS)).hexdigest()
    assert duckdb_digest(base / "pipeline.duckdb") == digest  # DuckDB from the same set as the Parquet
    loaded = pipeline.load(out)
    # the first column identifies the rows (doc_id; canonical_id for the corpus-level entities)
    return files, {k: loaded[k].iloc[:, 0].tolist() for k in KINDS}


@pytest.mark.parametrize("legacy", [False, True])
def test_kill_at_every_rename_and_write_leaves_old_or_new_set(tmp_path, legacy):
    corpus = _en_corpus(tmp_path)
    out = tmp_path / "out"
    run_corpus(corpus, out)
    if legacy:  # outputs written before generations: plain files in OUT
        for link in [p for p in out.iterdir() if p.is_symlink() and p.name != ".current"]:
            data = link.read_bytes()
            link.unlink()
            link.write_bytes(data)
        (out / ".current").unlink()
        subprocess.run(["rm", "-r", str(out / ".sets")], check=True)
        assert current_set(out) == out
    old = _set_state(out)
    (corpus / "good-b.txt").write_text(EN_B + "Two days later, on June 14, 2018, Pompeo went to Seoul.\n",
                                       encoding="utf-8")
    (corpus / "new.txt").write_text(EN_A.replace("1994", "1995"), encoding="utf-8")
    new_out = tmp_path / "new"
    run_corpus(corpus, new_out)
    new = _set_state(new_out)
    assert new != old
    proc = subprocess.run([sys.executable, "-c", _CRASH_HARNESS, str(corpus), str(out), str(tmp_path / "k")],
                          check=False, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    codes = json.loads(proc.stdout.strip().splitlines()[-1])
    assert codes[-1] == 0 and set(codes[:-1]) == {137}, codes  # the last child ran to the end
    assert len(codes) > 10  # every rename and write was a kill point
    for n, code in enumerate(codes, 1):
        work = tmp_path / f"k{n}"
        state = _set_state(work)
        assert state in (old, new), f"a mix after a kill at step {n}"
        if code == 0:
            assert state == new
        else:
            assert run_corpus(corpus, work).ok and _set_state(work) == new  # the next run completes it


def test_full_disk_keeps_the_old_set(tmp_path, monkeypatch, capsys):
    corpus = _en_corpus(tmp_path)
    out = tmp_path / "out"
    run_corpus(corpus, out)
    old = _set_state(out)
    (corpus / "new.txt").write_text(EN_B, encoding="utf-8")
    real_fsync, calls = os.fsync, []

    def full(fd):
        calls.append(fd)
        if len(calls) > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    assert cli.main(["run", str(corpus), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no space left" in err and "previous outputs are intact" in err and "Traceback" not in err
    monkeypatch.undo()
    assert _set_state(out) == old
    assert not [p for p in (out / ".sets").iterdir() if p.name.endswith(".tmp")]


# 8. the cache key and source_path are relative to the corpus root

def test_moved_or_retyped_corpus_is_not_reprocessed(tmp_path, monkeypatch):
    corpus = _en_corpus(tmp_path)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "c.txt").write_text(EN_B, encoding="utf-8")
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path)
    first = run_corpus(Path("corpus"), out)
    assert sorted(first.processed) == ["good-a", "good-b", "sub/c"]
    assert run_corpus(corpus.resolve(), out).processed == []
    assert run_corpus(Path("./corpus/../corpus"), out).processed == []
    moved = tmp_path / "elsewhere" / "moved"
    moved.parent.mkdir()
    corpus.rename(moved)
    assert run_corpus(moved, out).processed == []
    monkeypatch.chdir(moved / "sub")
    assert run_corpus(Path(".."), out).processed == []
    assert {d["source_path"] for d in _docs(out).values()} == {"good-a.txt", "good-b.txt", "sub/c.txt"}


# 9. the smaller items

def test_out_that_is_a_file_or_unwritable_gives_one_line(tmp_path, capsys, monkeypatch):
    corpus = _en_corpus(tmp_path)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert cli.main(["run", str(corpus), "--out", str(tmp_path / "file")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a folder" in err
    assert cli.main(["run", str(tmp_path / "file"), "--out", str(tmp_path / "o")]) == 2
    assert "not a folder" in capsys.readouterr().err

    real_open = os.open

    def readonly(path, flags, *a, **k):
        if os.fspath(path).endswith(".pipeline.lock"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, flags, *a, **k)

    monkeypatch.setattr(os, "open", readonly)  # as root a chmod does not stop us
    assert cli.main(["run", str(corpus), "--out", str(tmp_path / "ro")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write to" in err and "Permission denied" in err


def test_empty_corpus_keeps_earlier_outputs(tmp_path, capsys):
    corpus = _en_corpus(tmp_path)
    out = tmp_path / "out"
    run_corpus(corpus, out)
    before = _snapshot(out)
    for p in corpus.iterdir():
        p.unlink()
    assert cli.main(["run", str(corpus), "--out", str(out)]) == 2
    assert "no input files" in capsys.readouterr().err
    assert _snapshot(out) == before
    assert cli.main(["run", str(corpus), "--out", str(out), "--allow-empty"]) == 0
    assert _docs(out) == {}


@pytest.mark.parametrize("date, ok", [("2019-02-28", True), ("2020-02-29", True), ("2019-02-29", False),
                                      ("2019-13-01", False), ("1968年", True)])
def test_invalid_creation_date_is_an_error_not_nat(tmp_path, date, ok):
    corpus = _en_corpus(tmp_path)
    (corpus / "d.txt").write_text(EN_B, encoding="utf-8")
    (corpus / "d.txt.meta.json").write_text(json.dumps({"date": date}), encoding="utf-8")
    out = tmp_path / "out"
    run_corpus(corpus, out)
    import pipeline

    frame = pipeline.load(out)["documents"].set_index("doc_id")
    docs = _docs(out)
    assert (docs["d"]["status"] == "ok") == ok
    if docs["d"]["creation_date"]:  # whatever JSONL holds, Parquet holds too
        assert str(frame.loc["d", "creation_date"].date()) == docs["d"]["creation_date"]


@pytest.mark.parametrize("value", ["＝SUM(A1)", "＋1", "－1", "＠cmd"])
def test_fullwidth_formula_starts_are_neutralized(value):
    from pipeline.storage.xlsx import FORMULA_START

    assert csv_cell(value) == value  # exact in CSV; the workbook marks it as text (tests/test_xlsx.py)
    assert value.startswith(FORMULA_START) and not ("米" + value).startswith(FORMULA_START)


@pytest.mark.parametrize("raw", [b"+2D0- " * 3 + "北朝鮮の首脳".encode("utf-7") * 200, b"\xff\xfe" + b"\x00\xd8a\x00" * 8])
def test_lone_surrogates_are_an_error_not_a_crash(tmp_path, raw):
    corpus = _en_corpus(tmp_path)
    (corpus / "sur.txt").write_bytes(raw)
    out = tmp_path / "out"
    run_corpus(corpus, out)
    docs = _docs(out)
    _good_ok(docs)
    assert docs["sur"]["status"] == "error"


def test_report_page_names_fit_the_file_system():
    from pipeline.review.report import page_name

    assert len(page_name("x" * 251).encode()) < 255 and page_name("x" * 251) != page_name("x" * 252)
    assert page_name("web-translation") == "web-translation.html"


def test_stat_kinds_named():
    assert ingest_documents._kind(stat.S_IFIFO) == "a FIFO" and ingest_documents._kind(stat.S_IFCHR) == "a character device"


def test_inputs_listing_is_deterministic(tmp_path):
    corpus = _en_corpus(tmp_path)
    for name in ("b.md", "B.txt", "b.txt", "a/b.txt"):
        (corpus / name).parent.mkdir(exist_ok=True)
        (corpus / name).write_text(EN_A, encoding="utf-8")
    ids = [d.doc_id for d in iter_inputs(corpus)]
    assert ids == [d.doc_id for d in iter_inputs(corpus)] and len(set(ids)) == len(ids) == 6
