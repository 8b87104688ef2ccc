"""`make bench` end to end on a tiny corpus: every ratio is computed and written (values are not judged here)."""
import json
import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_bench_writes_every_measure(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pipeline.bench", "--out", str(tmp_path), "--mb", "0.02",
                           "--rss-mb", "0.02", "--hostile-mb", "0.005"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    assert 0 < result["extraction_share_of_total"] < 1
    for key in ("bare_ginza_chars_per_s", "fast_ginza_chars_per_s", "pipeline_1_worker_chars_per_s",
                "pipeline_2_workers_chars_per_s", "ratio_pipeline_vs_bare_ginza", "ratio_2_workers_vs_1",
                "cores_busy_1_worker", "noop_rerun_seconds"):
        assert result[key] > 0, key
    assert result["peak_rss_mb"]["0.02MB"] > 100  # the model alone is bigger than that
    assert "ratios:" in proc.stdout
    assert result["hostile_worst_seconds_per_mb"] > 0 and len(result["hostile_seconds_per_mb"]) == 5
