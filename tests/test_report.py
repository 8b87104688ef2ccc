"""HTML report: structure, escaping, nesting, gold marks; a headless screenshot when chromium exists."""
import hashlib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.export import write_outputs
from pipeline.review import report
from pipeline.review.report import Span, render_text

DOC_ID = "sub/pueblo"
TEXT = ("1968年1月23日、プエブロ号事件が起きた。\n"
        "ジョンソン大統領は<強く>抗議した & \"遺憾\"と述べた。\n"
        "同月25日、ケネディが発言した。\n")


def _span(text, surface, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def _mention(n, label, surface, cid="", name_en="", nth=0):
    s, e = _span(TEXT, surface, nth)
    return {"doc_id": DOC_ID, "mention_id": f"{DOC_ID}#m{n:05d}", "label": label, "text": surface, "start": s,
            "end": e, "sent_id": 0, "canonical_id": cid, "name_ja": surface if cid else "", "name_en": name_en,
            "source": "kb", "confidence": 0.9}


def _timex(n, surface, value):
    s, e = _span(TEXT, surface)
    return {"doc_id": DOC_ID, "timex_id": f"{DOC_ID}#t{n:04d}", "text": surface, "start": s, "end": e,
            "type": "DATE", "value": value, "mod": "", "earliest": "", "latest": "", "anchor_timex_id": "",
            "calendar": "gregorian", "value_as_written": ""}


def _records():
    mentions = [
        _mention(1, "INCIDENT", "プエブロ号事件", "incident:pueblo-incident", "Pueblo incident"),
        _mention(2, "SHIP", "プエブロ号", "ship:uss-pueblo", "USS Pueblo"),
        _mention(3, "PERSON", "ジョンソン", "person:lyndon-johnson", "Lyndon Johnson"),
        _mention(4, "PERSON", "ケネディ", "person:john-f-kennedy", "John F. Kennedy"),  # spurious vs gold
        _mention(5, "ORG", "<強く>"),  # not scored: never spurious; exercises escaping
    ]
    timexes = [_timex(1, "1968年1月23日", "1968-01-23")]  # 同月25日 is missed
    s, e = _span(TEXT, "起きた")
    sent_e = TEXT.index("\n")
    events = [{"doc_id": DOC_ID, "event_id": f"{DOC_ID}#e0001", "sentence": TEXT[:sent_e], "sent_start": 0,
               "sent_end": sent_e, "date_value": "1968-01-23", "date_earliest": "1968-01-23",
               "date_latest": "1968-01-23", "timex_ids": [timexes[0]["timex_id"]], "trigger": "起きる",
               "trigger_start": s, "trigger_end": e, "event_class": "unknown", "persons": [],
               "ships": ["ship:uss-pueblo"], "incidents": ["incident:pueblo-incident"],
               "mention_ids": [mentions[0]["mention_id"], mentions[1]["mention_id"]]}]
    doc = {"doc_id": DOC_ID, "source_path": f"corpus/{DOC_ID}.txt",
           "sha256": hashlib.sha256(TEXT.encode()).hexdigest(), "encoding": "utf-8", "lang": "ja",
           "n_chars": len(TEXT), "status": "ok", "error": "", "creation_date": ""}
    bad = {"doc_id": "broken", "source_path": "corpus/broken.txt", "sha256": "", "encoding": "", "lang": "",
           "n_chars": "", "status": "error", "error": "no text (empty or whitespace only)", "creation_date": ""}
    return {"documents": [bad, doc], "mentions": mentions, "timexes": timexes, "events": events}


def _gold():
    def g(label, surface, cid):
        s, e = _span(TEXT, surface)
        return {"start": s, "end": e, "label": label, "text": surface, "canonical_id": cid}

    def gt(surface, value):
        s, e = _span(TEXT, surface)
        return {"start": s, "end": e, "text": surface, "type": "DATE", "value": value, "mod": ""}

    return {"doc_id": DOC_ID, "lang": "ja", "text_sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
            "mentions": [g("INCIDENT", "プエブロ号事件", "incident:pueblo-incident"),
                         g("SHIP", "プエブロ号", "ship:uss-pueblo"),
                         g("PERSON", "ジョンソン", "person:lyndon-b-johnson")],  # id differs
            "timexes": [gt("1968年1月23日", "1968-01-23"), gt("同月25日", "1968-01-25")], "events": []}


@pytest.fixture()
def built(tmp_path):
    corpus, out, gold = tmp_path / "corpus", tmp_path / "out", tmp_path / "gold"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "pueblo.txt").write_text(TEXT, encoding="utf-8")
    (gold / "sub").mkdir(parents=True)
    (gold / "sub" / "pueblo.json").write_text(json.dumps(_gold(), ensure_ascii=False), encoding="utf-8")
    write_outputs(out, _records())
    assert report.main(out, corpus, gold) == 0
    page = out / "report" / "docs" / report.page_name(DOC_ID)
    return out, page


class _Spans(HTMLParser):
    """Collects every <span> with its attributes and the text inside it; checks tags balance."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.spans, self.doc_text, self.in_doc = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("class") == "doc":
            self.in_doc = 1
        elif self.in_doc and tag == "div":
            self.in_doc += 1
        if tag == "span" and self.in_doc:
            rec = {**attrs, "text": ""}
            self.spans.append(rec)
            self.stack.append(rec)

    def handle_endtag(self, tag):
        if tag == "span" and self.in_doc:
            self.stack.pop()
        elif tag == "div" and self.in_doc:
            self.in_doc -= 1

    def handle_data(self, data):
        if self.in_doc:
            self.doc_text.append(data)
            for rec in self.stack:
                rec["text"] += data


def _parse(page: Path) -> _Spans:
    p = _Spans()
    p.feed(page.read_text(encoding="utf-8"))
    p.close()
    assert not p.stack, "unbalanced <span> tags"
    return p


def test_document_text_is_reproduced_exactly_and_escaped(built):
    _, page = built
    raw = page.read_text(encoding="utf-8")
    p = _parse(page)
    assert "".join(p.doc_text) == TEXT  # newlines and every character preserved
    assert "&lt;強く&gt;" in raw and "<強く>" not in raw
    assert "&amp; &quot;遺憾&quot;" in raw or '&amp; "遺憾"' in raw
    assert "<script" not in raw and "http" not in raw.split("<body>")[1]  # self-contained


def test_every_mention_and_timex_highlighted_with_hover_values(built):
    _, page = built
    spans = {s["id"]: s for s in _parse(page).spans if "id" in s}
    recs = _records()
    for m in recs["mentions"]:
        s = spans[m["mention_id"].rsplit("#", 1)[-1]]
        assert s["text"] == m["text"] and f"l-{m['label']}" in s["class"]
        if m["canonical_id"]:
            assert m["canonical_id"] in s["title"] and m["name_en"] in s["title"]
    t = spans["t0001"]
    assert t["text"] == "1968年1月23日" and "1968-01-23" in t["title"] and "x-DATE" in t["class"]
    assert spans["e0001"]["text"] == "起きた" and "trig" in spans["e0001"]["class"]


def test_nested_ship_inside_incident(built):
    _, page = built
    raw = page.read_text(encoding="utf-8")
    inc = re.search(r'<span id="m00001"[^>]*>(.*?)</span>事件</span>', raw)
    assert inc and '<span id="m00002"' in inc.group(1)


def test_gold_marks_missed_spurious_and_mismatch(built):
    _, page = built
    spans = _parse(page).spans
    missed = [s for s in spans if "missed" in s["class"].split()]
    assert [s["text"] for s in missed] == ["同月25日"] and "1968-01-25" in missed[0]["title"]
    spurious = {s["text"] for s in spans if "spurious" in s["class"].split()}
    assert spurious == {"ケネディ"}  # ORG <強く> is not a scored label
    mismatch = [s for s in spans if "mismatch" in s["class"].split()]
    assert [s["text"] for s in mismatch] == ["ジョンソン"] and "person:lyndon-b-johnson" in mismatch[0]["title"]
    raw = page.read_text(encoding="utf-8")
    assert 'class="legend"' in raw and "missed gold span" in raw and "spurious system span" in raw


def test_index_lists_documents_with_counts_and_links(built):
    out, page = built
    index = (out / "report" / "index.html").read_text(encoding="utf-8")
    href = f'href="docs/{page.name}"'
    assert href in index and "sub/pueblo" in index and "broken" in index
    row = index[index.index(href):].split("</tr>")[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    # PERSON SHIP INCIDENT other timexes events missed spurious
    assert cells[-8:] == ["2", "1", "1", "1", "1", "1", "1", "1"]
    broken = (out / "report" / "docs" / "broken.html").read_text(encoding="utf-8")
    assert "no text (empty or whitespace only)" in broken


def test_report_is_deterministic_and_skips_stale_gold(built, tmp_path):
    out, page = built
    before = page.read_bytes()
    corpus, gold = tmp_path / "corpus", tmp_path / "gold"
    assert report.main(out, corpus, gold) == 0
    assert page.read_bytes() == before
    data = _gold()
    data["text_sha256"] = "0" * 64
    (gold / "sub" / "pueblo.json").write_text(json.dumps(data), encoding="utf-8")
    assert report.main(out, corpus, gold) == 0
    assert "different text" in page.read_text(encoding="utf-8")
    classes = " ".join(s["class"] for s in _parse(page).spans)
    assert "missed" not in classes and "spurious" not in classes


def test_missing_outputs_is_an_error(tmp_path, capsys):
    assert report.main(tmp_path / "nothing", tmp_path, tmp_path) == 2
    assert "run the pipeline first" in capsys.readouterr().err


def test_crossing_spans_are_split_not_misnested():
    text = "abcdefgh"
    spans = [Span(0, 5, "m", ["l-PERSON"], "A", html_id="a"), Span(3, 8, "t", ["x-DATE"], "B", html_id="b")]
    out = render_text(text, spans)
    assert out == ('<span id="a" class="m l-PERSON" title="A">abc<span id="b" class="t x-DATE" title="B">de'
                   '</span></span><span class="t x-DATE" title="B">fgh</span>')


def _chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.mark.slow
def test_seed_report_and_screenshot(seed_run, tmp_path):
    corpus, out, _ = seed_run
    gold = Path(__file__).resolve().parents[1] / "corpus" / "gold"
    assert report.main(out, corpus, gold) == 0
    mentions = [json.loads(line) for line in (out / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    for doc_id in {m["doc_id"] for m in mentions}:
        page = out / "report" / "docs" / report.page_name(doc_id)
        ids = {s.get("id"): s["text"] for s in _parse(page).spans}
        for m in (m for m in mentions if m["doc_id"] == doc_id):
            assert ids[m["mention_id"].rsplit("#", 1)[-1]] == m["text"]
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium not installed: screenshot part skipped")
    page = out / "report" / "docs" / report.page_name("web-translation-ja-us-dprk-relations")
    png = tmp_path / "shot.png"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1200,900",
                    page.as_uri()], check=False, capture_output=True, timeout=120)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank page compresses to a few kB
