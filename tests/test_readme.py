"""Issue 15, point 4/6: the README's Python examples run as written, in order."""
import re
import subprocess
import sys

import pytest

from .conftest import ROOT


def readme_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python API and spaCy", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_readme_has_the_api_examples():
    blocks = readme_examples()
    assert len(blocks) >= 3
    code = "".join(blocks)
    for name in ("pipeline.process_text(", "pipeline.load()", 'doc.spans["mentions"]', "doc._.timexes",
                 "doc._.events", "displacy.render(doc, style=\"span\"", "pipeline.load_outputs("):
        assert name in code, name


@pytest.mark.slow
def test_readme_examples_run(seed_run, tmp_path):
    _, out, _ = seed_run
    (tmp_path / "outputs").symlink_to(out)  # the examples read "outputs", as in the repository folder
    script = "\n".join(f"# --- example {n}\n{block}" for n, block in enumerate(readme_examples(), 1))
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                          check=False, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "ship:uss-pueblo" in proc.stdout and "person:kim-jong-un" in proc.stdout
