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


def test_notebook_titles_come_from_the_data_and_the_axis_is_numeric():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "US–DPRK" not in text and "米朝" not in text  # nothing fixed to the seed corpus
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert 'events_per_year(events, by="quad_class")' in code and "ax.bar(per_year.index" in code
    assert "set_title(f" in code  # titles are computed


def test_events_per_year_by_any_column():
    from pipeline import analysis
    from pipeline.storage import loader, tables

    from .test_analysis import make_records

    frames = {k: loader._frame(tables.to_table(k, v)) for k, v in make_records().items()}
    by_class = analysis.events_per_year(frames["events"])
    by_quad = analysis.events_per_year(frames["events"], by="quad_class")
    assert by_class.values.sum() == by_quad.values.sum() > 0
    assert by_quad.columns.name == "quad_class" and by_quad.index.dtype.kind == "i"  # numeric years


@pytest.mark.slow
def test_make_notebook_writes_a_page_and_it_renders(seed_run, tmp_path):
    import shutil
    import subprocess


    _, out, _ = seed_run
    copy = tmp_path / "out with space"
    shutil.copytree(out, copy, symlinks=True)
    root = NOTEBOOK.parents[1]
    proc = subprocess.run(["make", "-s", "notebook", f"OUT={copy}"], cwd=root, capture_output=True, text=True,
                          check=False, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    page = copy / "notebook" / "01-timeline.html"
    html = page.read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 3 and "wikipedia-ja-us-dprk-relations" in html  # events, incidents, timeline
    from .test_report import _chromium

    browser = _chromium()
    if browser is None:
        pytest.skip("chromium not installed: screenshot part skipped")
    png = tmp_path / "shot.png"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1200,1400",
                    page.as_uri()], check=False, capture_output=True, timeout=120)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
