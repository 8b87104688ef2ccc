"""Shared fixtures: the model is loaded once per test session."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "raw"
GOLD = ROOT / "corpus" / "gold"
CHECK_OUTPUTS = ROOT.parent / "shared" / "tools" / "check_outputs.py"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory, nlp):
    """The real seeds processed once into a session folder: (corpus_dir, out_dir, RunResult)."""
    from pipeline.runner import run_corpus

    corpus = tmp_path_factory.mktemp("seed_corpus")
    for path in CORPUS.iterdir():
        shutil.copy(path, corpus / path.name)
    out = tmp_path_factory.mktemp("seed_out")
    result = run_corpus(corpus, out, excel=True)  # the workbook too (tests/test_xlsx.py reads it)
    return corpus, out, result


def check_outputs(corpus: Path, out: Path, *expect_error: str) -> str:
    """Run the project's shared output checker; returns its summary line."""
    if not CHECK_OUTPUTS.exists():
        pytest.skip(f"shared checker not found at {CHECK_OUTPUTS}")
    args = [sys.executable, str(CHECK_OUTPUTS), str(corpus), str(out)]
    if expect_error:
        args += ["--expect-error", *expect_error]
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout
