"""Issue 15, point 1: exact CSVs (UTF-8 with BOM, no prefixes) and the workbook read back cell by cell."""
import json
import os
import zipfile

import pandas as pd
import pytest

from pipeline.export import write_outputs
from pipeline.records import KINDS, contract
from pipeline.storage.xlsx import MAX_CELL, XLSX_NAME, cell_value, read_workbook

from .test_analysis import make_records

HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "＝SUM(A1)", "－1", "🇰🇵 𠮷野家",
           "'quoted", "北朝鮮\x0bの", "x" * (MAX_CELL + 5), "0123", "1e5", "TRUE", "🇰🇵 𠮷野家"]


def _records():
    recs = make_records()
    for i, m in enumerate(recs["mentions"]):
        m["text"] = m["name_ja"] = HOSTILE[i]
        m["name_en"] = HOSTILE[(i + 10) % len(HOSTILE)]  # the rest of the list
    recs["events"][0]["sentence"] = "- 1904年2月8日、日本海軍が旅順港外のロシア艦隊を攻撃した。"
    return recs


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture()
def out(tmp_path):
    write_outputs(tmp_path / "out", _records(), excel=True)
    return tmp_path / "out"


def test_csv_is_exact_utf8_with_bom_and_pandas_reads_it_without_options(out):
    for kind, fields in ((k, contract(k)) for k in KINDS):
        data = (out / f"{kind}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        frame = pd.read_csv(out / f"{kind}.csv")
        assert list(frame.columns[:len(fields)]) == fields  # the BOM is not part of the first name
    mentions = pd.read_csv(out / "mentions.csv", keep_default_na=False, dtype=str)
    assert list(mentions["text"]) == [m["text"].replace("\r", "\r") for m in _jsonl(out / "mentions.jsonl")]
    events = pd.read_csv(out / "events.csv")
    assert events.loc[0, "sentence"].startswith("- 1904年")
    assert b"'" not in (out / "events.csv").read_bytes()


def test_csv_sentence_is_the_text_slice(seed_run):
    corpus, out, _ = seed_run
    docs = {d["doc_id"]: d for d in _jsonl(out / "documents.jsonl")}
    texts = {k: (corpus / d["source_path"]).read_text(encoding="utf-8") for k, d in docs.items()
             if d["status"] == "ok"}
    events = pd.read_csv(out / "events.csv")
    assert len(events) > 100
    for row in events.itertuples():
        assert row.sentence == texts[row.doc_id][row.sent_start:row.sent_end]
    mentions = pd.read_csv(out / "mentions.csv", keep_default_na=False)
    for row in mentions.itertuples():
        assert row.text == texts[row.doc_id][row.start:row.end]


def _check_workbook(out):
    sheets = read_workbook(out / XLSX_NAME)
    assert list(sheets) == list(KINDS)
    n = 0
    for kind in KINDS:
        rows = _jsonl(out / f"{kind}.jsonl")
        assert len(sheets[kind]) == len(rows), kind
        for got, rec in zip(sheets[kind], rows):
            want = {k: cell_value(v) for k, v in rec.items() if cell_value(v) is not None}
            assert got == want
            n += len(want)
    return n


def test_workbook_every_cell_equals_the_jsonl(out):
    assert _check_workbook(out) > 100


def test_workbook_cells_are_text_not_formulas(out):
    from openpyxl import load_workbook

    ws = load_workbook(out / XLSX_NAME)["mentions"]
    header = [c.value for c in ws[1]]
    col = header.index("text") + 1
    seen = 0
    for r in range(2, ws.max_row + 1):
        cell = ws.cell(r, col)
        assert cell.data_type == "s", cell.value
        if cell.value.startswith(("=", "+", "-", "@", "＝", "－")):
            assert cell.quotePrefix
            seen += 1
    assert seen >= 5
    with zipfile.ZipFile(out / XLSX_NAME) as z:
        sheet = next(n for n in z.namelist() if n.startswith("xl/worksheets/"))
        assert b"<f>" not in z.read(sheet)  # no formula element anywhere
        assert "日本海軍が旅順港外".encode() in b"".join(z.read(n) for n in z.namelist())  # Unicode, no code page


def test_workbook_limits_and_types():
    assert cell_value("北朝鮮\x0bの") == "北朝鮮\ufffdの"
    long = cell_value("x" * (MAX_CELL + 5))
    assert len(long) == MAX_CELL and long.endswith("…")
    assert cell_value(["a", "b"]) == "a|b" and cell_value([]) is None and cell_value("") is None
    assert cell_value(3) == 3 and cell_value(False) is False


def test_workbook_bytes_deterministic(tmp_path):
    write_outputs(tmp_path / "a", _records(), excel=True)
    write_outputs(tmp_path / "b", _records(), excel=True)
    assert (tmp_path / "a" / XLSX_NAME).read_bytes() == (tmp_path / "b" / XLSX_NAME).read_bytes()


def test_workbook_of_a_real_run(seed_run):
    _, out, _ = seed_run
    assert _check_workbook(out) > 1000


def test_the_workbook_is_written_only_with_excel_and_never_left_stale(tmp_path):
    from pipeline.runner import run_corpus

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("On January 23, 1968, North Korea seized the USS Pueblo.\n", encoding="utf-8")
    out = tmp_path / "out"
    run_corpus(corpus, out)
    assert (out / "mentions.csv").is_file() and not os.path.lexists(out / XLSX_NAME)
    run_corpus(corpus, out, excel=True)
    assert _check_workbook(out) > 0
    run_corpus(corpus, out)  # without --excel again: the workbook goes, no link is left dangling
    assert not os.path.lexists(out / XLSX_NAME)
    assert all(p.exists() for p in out.iterdir())
