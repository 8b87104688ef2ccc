"""Issue 15, point 5, against the real tool: a local Label Studio server (installed by `make label-studio`
in .venv-label-studio/) takes the project's labelling configuration and tasks, an annotator's edit is
made through its API, and its JSON export comes back as gold equal to what went in (plus the edit).
Skipped when Label Studio is not installed."""
import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from pipeline.evaluation.loading import load_gold
from pipeline.review import annotation_spans, annotations, label_studio

from .conftest import ROOT

LS_BIN = Path(os.environ.get("LABEL_STUDIO_VENV", ROOT / ".venv-label-studio")) / "bin" / "label-studio"
USER, PASSWORD = "round-trip@example.com", "round-trip-pass-1"
GOLD_SETS = [(ROOT / "corpus" / "gold", ROOT / "corpus" / "raw"),
             (ROOT / "corpus" / "heldout" / "gold", ROOT / "corpus" / "heldout" / "raw")]

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not LS_BIN.exists(), reason="Label Studio not installed (make label-studio)")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import requests

    data = tmp_path_factory.mktemp("label-studio")
    port = _free_port()
    env = {**os.environ, "LABEL_STUDIO_USERNAME": USER, "LABEL_STUDIO_PASSWORD": PASSWORD,
           "LATEST_VERSION_CHECK": "false", "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
           "COLLECT_ANALYTICS": "false"}
    log = (data / "server.log").open("wb")
    proc = subprocess.Popen([str(LS_BIN), "start", "--no-browser", "--host", f"http://127.0.0.1:{port}",
                             "--internal-host", "127.0.0.1", "--port", str(port), "--data-dir", str(data / "data")],
                            cwd=data, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            if proc.poll() is not None:
                pytest.fail("Label Studio exited: " + (data / "server.log").read_text(errors="replace")[-2000:])
            try:
                if requests.get(base + "/health", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                pytest.fail("Label Studio did not start in 300 s")
            time.sleep(2)
        session = requests.Session()
        session.get(base + "/user/login/", timeout=30)
        resp = session.post(base + "/user/login/", timeout=30, allow_redirects=False,
                            data={"email": USER, "password": PASSWORD,
                                  "csrfmiddlewaretoken": session.cookies.get("csrftoken")},
                            headers={"Referer": base + "/user/login/"})
        assert resp.status_code == 302, resp.text[:500]
        session.headers.update({"X-CSRFToken": session.cookies.get("csrftoken"), "Referer": base})
        yield base, session
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def _project(server, docs, title):
    base, session = server
    config = label_studio.label_studio_config(label_studio.labels_of(docs))
    resp = session.post(base + "/api/projects", json={"title": title, "label_config": config}, timeout=60)
    assert resp.status_code == 201, resp.text[:1000]
    return resp.json()["id"]


def _import(server, pid, tasks):
    base, session = server
    resp = session.post(f"{base}/api/projects/{pid}/import", json=tasks, timeout=300)
    assert resp.status_code == 201, resp.text[:1000]
    assert resp.json()["task_count"] == len(tasks)


def _export(server, pid, path: Path) -> Path:
    base, session = server
    resp = session.get(f"{base}/api/projects/{pid}/export", params={"exportType": "JSON",
                                                                    "download_all_tasks": "true"}, timeout=300)
    assert resp.status_code == 200, resp.text[:1000]
    path.write_bytes(resp.content)
    return path


@pytest.mark.parametrize("gold_dir, corpus", GOLD_SETS, ids=["gold", "heldout"])
def test_gold_through_label_studio_is_unchanged(server, tmp_path, gold_dir, corpus):
    docs = annotations.documents_from_gold(gold_dir, corpus)
    pid = _project(server, docs, f"round trip {gold_dir.parent.name}")
    _import(server, pid, label_studio.to_label_studio(docs, as_annotations=True))
    exported = _export(server, pid, tmp_path / "export.json")
    annotations.import_annotations(exported, tmp_path / "gold", corpus)
    original, back = load_gold(gold_dir), load_gold(tmp_path / "gold")
    assert sorted(original) == sorted(back)
    for doc_id in original:
        assert annotation_spans.canonical(back[doc_id]) == annotation_spans.canonical(original[doc_id]), doc_id


def test_predictions_corrected_by_an_annotator(server, tmp_path):
    gold_dir, corpus = GOLD_SETS[1]
    docs = annotations.documents_from_gold(gold_dir, corpus)
    pid = _project(server, docs, "corrections")
    _import(server, pid, label_studio.to_label_studio(docs, model_version="pipeline test"))
    base, session = server
    tasks = session.get(f"{base}/api/tasks", params={"project": pid, "page_size": 100}, timeout=60).json()
    tasks = tasks["tasks"] if isinstance(tasks, dict) else tasks
    first = min(tasks, key=lambda t: t["id"])
    doc_id = first["data"]["doc_id"]
    result = json.loads(json.dumps(next(p for p in session.get(f"{base}/api/predictions", params={
        "task": first["id"]}, timeout=60).json())["result"]))
    # the annotator corrects one canonical id and deletes one timex region
    cid = next(r for r in result if r["from_name"] == "canonical_id")
    cid["value"]["text"] = ["person:corrected"]
    timex = next(r for r in result if r["type"] == "labels" and r["value"]["labels"][0].startswith("TIMEX:"))
    result = [r for r in result if r["id"] != timex["id"]]
    resp = session.post(f"{base}/api/tasks/{first['id']}/annotations", json={"result": result}, timeout=60)
    assert resp.status_code == 201, resp.text[:1000]
    exported = _export(server, pid, tmp_path / "export.json")
    annotations.import_annotations(exported, tmp_path / "gold", corpus)
    back, original = load_gold(tmp_path / "gold"), load_gold(gold_dir)
    n = int(cid["id"][1:]) - 1
    want = json.loads(json.dumps(original[doc_id]))
    want["mentions"][n]["canonical_id"] = "person:corrected"
    del want["timexes"][int(timex["id"][1:]) - 1]
    assert annotation_spans.canonical(back[doc_id]) == annotation_spans.canonical(want)
    assert sorted(back) == [doc_id]  # the tasks nobody annotated give no gold (a warning names them)
