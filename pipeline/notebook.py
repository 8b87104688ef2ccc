"""`make notebook`: run notebooks/01-timeline.ipynb on a run's outputs and write it as one HTML page.

    python -m pipeline.notebook --out OUT [--corpus CORPUS]

writes OUT/notebook/01-timeline.ipynb (executed, with its outputs) and OUT/notebook/01-timeline.html
(markdown cells as text, the plots as images, the tables as HTML: readable in any browser, no
Jupyter needed). The notebook runs the pipeline on CORPUS first when OUT holds no outputs.
"""
from __future__ import annotations

import argparse
import html
import os
import sys
from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "01-timeline.ipynb"
_STYLE = ("body{font-family:'Noto Sans CJK JP','IPAexGothic',sans-serif;max-width:1100px;margin:2em auto;"
          "color:#222}pre{background:#f6f6f6;padding:.6em;overflow-x:auto}img{max-width:100%}"
          "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:2px 6px}"
          ".md{white-space:pre-wrap;line-height:1.5}")


def execute(out_dir: Path, corpus_dir: Path, notebook: Path = NOTEBOOK, timeout: int = 1200):
    import nbformat
    from nbclient import NotebookClient

    os.environ["PIPELINE_OUT"] = str(Path(out_dir).resolve())
    os.environ["PIPELINE_CORPUS"] = str(Path(corpus_dir).resolve())
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    return nb


def to_html(nb, title: str) -> str:
    head = f"<!doctype html><html lang='ja'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
    parts = [head + f"<style>{_STYLE}</style></head><body>"]
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(f"<div class='md'>{html.escape(cell.source)}</div>")
            continue
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                parts.append(f"<p><img alt='plot' src='data:image/png;base64,{data['image/png'].strip()}'></p>")
            elif "text/html" in data:
                parts.append(data["text/html"])
            elif "text/plain" in data:
                parts.append(f"<pre>{html.escape(data['text/plain'])}</pre>")
            elif out.get("output_type") == "stream" and out.get("name") == "stdout":
                parts.append(f"<pre>{html.escape(out.get('text', ''))}</pre>")
            elif out.get("output_type") == "error":
                parts.append(f"<pre>{html.escape(out.get('ename', ''))}: {html.escape(out.get('evalue', ''))}</pre>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.notebook", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="outputs")
    parser.add_argument("--corpus", default="corpus/raw")
    args = parser.parse_args(argv)
    import nbformat
    from nbclient.exceptions import CellExecutionError

    try:
        nb = execute(Path(args.out), Path(args.corpus))
    except CellExecutionError as exc:
        print(f"error: the notebook failed: {str(exc).strip().splitlines()[-1]}", file=sys.stderr)
        return 1
    folder = Path(args.out) / "notebook"
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / NOTEBOOK.name)
    page = folder / NOTEBOOK.with_suffix(".html").name
    page.write_text(to_html(nb, NOTEBOOK.stem), encoding="utf-8")
    print(f"wrote {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
