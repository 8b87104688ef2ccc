"""notebooks/01-timeline.ipynb runs headless, top to bottom, on real outputs."""
import base64
from pathlib import Path

import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "01-timeline.ipynb"


def _execute(monkeypatch, **env):
    from nbclient import NotebookClient

    for key, value in env.items():
        monkeypatch.setenv(key, str(value))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # kernel "python3" with argv "python": jupyter_client runs it with this interpreter (the venv)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return nb


def _outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def test_notebook_is_stored_clean_and_keeps_logic_in_the_package():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert not _outputs(nb), "store the notebook without outputs"
    assert "pipeline.load(" in code and "import matplotlib_fontja" in code
    for helper in ("events_per_year", "incident_summit_timeline", "people_by_decade", "person_incident_table",
                   "timeline_points"):
        assert f"analysis.{helper}(" in code
    assert "\ndef " not in "\n" + code  # helpers belong in pipeline/analysis.py


@pytest.mark.slow
def test_notebook_runs_on_seed_outputs(seed_run, monkeypatch):
    _, out, _ = seed_run
    nb = _execute(monkeypatch, PIPELINE_OUT=out)
    outputs = _outputs(nb)
    assert not [o for o in outputs if o.output_type == "error"]
    stderr = "".join(o.get("text", "") for o in outputs if o.get("name") == "stderr")
    assert "missing from" not in stderr  # no tofu boxes for Japanese labels
    images = [base64.b64decode(o["data"]["image/png"]) for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 3 and all(len(png) > 10_000 for png in images)  # per year, incidents, corpus timeline
    html = "".join(o["data"].get("text/html", "") for o in outputs if "data" in o)
    # the timeline rows, the decade table and the crosstab are shown
    assert "name_ja" in html and ">rank<" in html and ">incident<" in html


@pytest.mark.slow
def test_notebook_runs_the_pipeline_when_outputs_are_missing(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # an English document: processed by the text rules, without loading the Japanese model
    (corpus / "note.txt").write_text("On January 23, 1968, North Korea seized the USS Pueblo.\n", encoding="utf-8")
    out = tmp_path / "out"
    nb = _execute(monkeypatch, PIPELINE_OUT=out, PIPELINE_CORPUS=corpus)
    assert (out / "events.parquet").exists() and (out / "documents.jsonl").exists()
    assert not [o for o in _outputs(nb) if o.output_type == "error"]
