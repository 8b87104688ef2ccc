"""Issue 15, point 3: --version, -v/-q, one-line messages, Ctrl-C resumable, progress in logs, spaces in paths."""
import json
import signal
import subprocess
import sys
import time

import pytest

import pipeline

from .conftest import ROOT

EN = "Kim Jong-un met Donald Trump in Singapore on June 12, 2018.\n"
JA = "1968年1月23日、情報収集艦プエブロ号が北朝鮮に拿捕された。ジョンソン大統領は強く抗議した。\n"


def _cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, check=False, **kw)


def _en_corpus(path, n=3):
    path.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (path / f"d{i}.txt").write_text(EN, encoding="utf-8")
    return path


def test_version():
    proc = _cli("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"pipeline {pipeline.version()}"
    assert pipeline.version()[0].isdigit()


@pytest.mark.parametrize("make_arg, words", [
    (lambda tmp: tmp / "missing", "corpus folder not found"),
    (lambda tmp: _en_corpus(tmp / "c") / "d0.txt", "not a folder"),
])
def test_bad_corpus_is_one_line_without_traceback(tmp_path, make_arg, words):
    proc = _cli("run", make_arg(tmp_path), "--out", tmp_path / "out")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error: ") and words in proc.stderr
    assert "Traceback" not in proc.stderr


def test_single_file_message_names_its_folder(tmp_path):
    corpus = _en_corpus(tmp_path / "c")
    proc = _cli("run", corpus / "d0.txt", "--out", tmp_path / "out")
    assert str(corpus.resolve()) in proc.stderr


def test_quiet_and_verbose(tmp_path):
    corpus = _en_corpus(tmp_path / "c", 4)
    quiet = _cli("-q", "run", corpus, "--out", tmp_path / "o1")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    verbose = _cli("run", corpus, "--out", tmp_path / "o2", "-v")
    assert verbose.returncode == 0 and "documents:" in verbose.stdout
    assert "DEBUG" in verbose.stderr and "d0: ok" in verbose.stderr


def test_progress_lines_when_stderr_is_not_a_terminal(tmp_path):
    corpus = _en_corpus(tmp_path / "c", 7)
    proc = _cli("run", corpus, "--out", tmp_path / "out", "--progress-every", "3")
    lines = [x for x in proc.stderr.splitlines() if x.startswith("processed ")]
    assert [x.split()[1] for x in lines] == ["3/7", "6/7", "7/7"]


def test_eval_against_gold_that_matches_nothing_fails(tmp_path):
    corpus = _en_corpus(tmp_path / "c")
    out = tmp_path / "out"
    assert _cli("run", corpus, "--out", out).returncode == 0
    empty = tmp_path / "gold"
    empty.mkdir()
    proc = _cli("eval", "--gold", empty, "--out", out, "--corpus", corpus)
    assert proc.returncode == 2 and "no gold documents" in proc.stderr
    (empty / "other.json").write_text(json.dumps({"doc_id": "other", "mentions": []}), encoding="utf-8")
    proc = _cli("eval", "--gold", empty, "--out", out, "--corpus", corpus)
    assert proc.returncode == 2 and "matches a document" in proc.stderr


def test_makefile_targets_survive_spaces(tmp_path):
    corpus = _en_corpus(tmp_path / "my corpus")
    out = tmp_path / "my out"
    proc = subprocess.run(["make", "-s", "run", f"CORPUS={corpus}", f"OUT={out}", "EXCEL=1"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert (out / "mentions.csv").is_file() and (out / "pipeline.xlsx").is_file()


@pytest.mark.slow
def test_ctrl_c_is_one_line_and_the_run_resumes(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(12):
        (corpus / f"d{i:02d}.txt").write_text(JA * 40, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(corpus), "--out", str(out),
                             "--progress-every", "1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    first = proc.stderr.readline()  # the first finished document
    assert first.startswith("processed 1/12"), first
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    last = [x for x in stderr.splitlines() if not x.startswith("processed ")]
    assert len(last) == 1 and last[0].startswith("interrupted: ") and "again" in last[0]
    again = _cli("run", corpus, "--out", out)
    assert again.returncode == 0, again.stderr
    unchanged = int(again.stdout.split(" unchanged")[0].rsplit(" ", 1)[1])
    assert unchanged >= 1  # the documents finished before Ctrl-C are not redone
    assert len((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()) == 12


def test_the_old_kb_variable_is_named_as_ignored(tmp_path):
    import os

    corpus = _en_corpus(tmp_path / "c", n=1)
    proc = _cli("run", corpus, "--out", tmp_path / "o", env={**os.environ, "PIPELINE_KB": str(tmp_path / "kb.csv")})
    assert proc.returncode == 0, proc.stderr
    assert "PIPELINE_KB is no longer read" in proc.stderr and "--kb FILE" in proc.stderr
