"""The scorer on small hand-made cases (no model needed)."""
from __future__ import annotations

import io
import json

import pytest

from pipeline.evaluation import command
from pipeline.evaluation.alignment import align_spans, greedy_pairs, overlap, prf
from pipeline.evaluation.event_scores import match_events, score_events
from pipeline.evaluation.mention_scores import cluster_scores, score_mentions
from pipeline.evaluation.score import run_eval
from pipeline.evaluation.table import format_table
from pipeline.evaluation.timex_scores import score_timexes

TEXT = "1968年1月23日、プエブロ号事件が起きた。ジョンソン大統領とジョンソンは怒った。"


def m(start, end, label, cid=None, text=None):
    return {"start": start, "end": end, "label": label, "text": text if text is not None else TEXT[start:end],
            "canonical_id": cid}


def t(start, end, value, ttype="DATE", mod=""):
    return {"start": start, "end": end, "text": TEXT[start:end], "type": ttype, "value": value, "mod": mod}


def ev(sent, date="", persons=(), ships=(), incidents=(), trigger=None, **extra):
    e = {"sent_start": sent[0], "sent_end": sent[1], "date_value": date, "persons": list(persons),
         "ships": list(ships), "incidents": list(incidents)}
    if trigger:
        e["trigger_start"], e["trigger_end"] = trigger
    e.update(extra)
    return e


def scores(metrics, label, mode):
    block = metrics[label][mode]
    return block["tp"], block["fp"], block["fn"]


# ---------------------------------------------------------------- primitives


@pytest.mark.parametrize("tp,fp,fn,p,r,f1", [
    (1, 0, 0, 1.0, 1.0, 1.0),
    (1, 1, 0, 0.5, 1.0, 2 / 3),
    (0, 2, 3, 0.0, 0.0, 0.0),
    (0, 0, 0, None, None, None),
])
def test_prf(tp, fp, fn, p, r, f1):
    got = prf(tp, fp, fn)
    assert (got["p"], got["r"]) == (p, r)
    assert got["f1"] == pytest.approx(f1) if f1 is not None else got["f1"] is None


def test_relaxed_alignment_is_one_to_one_and_prefers_largest_overlap():
    gold = [{"start": 0, "end": 10}]
    syst = [{"start": 8, "end": 12}, {"start": 1, "end": 9}]
    assert align_spans(gold, syst, strict=False) == [(0, 1)]
    assert align_spans(gold, syst, strict=True) == []
    # two system spans inside one gold span: only one of them matches
    gold = [{"start": 0, "end": 10}]
    syst = [{"start": 0, "end": 4}, {"start": 5, "end": 10}]
    assert len(align_spans(gold, syst, strict=False)) == 1


# ---------------------------------------------------------------- mentions


def test_exact_overlapping_missing_extra():
    gold = {"d": [m(11, 16, "SHIP"), m(23, 28, "PERSON"), m(32, 37, "PERSON")]}
    syst = {"d": [
        m(11, 16, "SHIP"),            # exact
        m(23, 31, "PERSON"),          # overlapping: ジョンソン大統領
        m(0, 4, "PERSON"),            # extra
        m(38, 41, "INCIDENT"),        # extra, other label
        m(0, 4, "DATE_LIKE"),         # other label: ignored
    ]}  # gold PERSON 33-38 missing
    metrics, errors, _ = score_mentions(gold, syst, {"d": TEXT})
    assert scores(metrics, "SHIP", "strict") == (1, 0, 0)
    assert scores(metrics, "PERSON", "strict") == (0, 2, 2)
    assert scores(metrics, "PERSON", "relaxed") == (1, 1, 1)
    assert scores(metrics, "INCIDENT", "relaxed") == (0, 1, 0)
    assert scores(metrics, "ALL", "relaxed") == (2, 2, 1)
    cats = sorted((e["category"], e["start"]) for e in errors)
    assert cats == [("mention.FN", 32), ("mention.FP", 0), ("mention.FP", 38), ("mention.boundary", 23)]
    fn = next(e for e in errors if e["category"] == "mention.FN")
    assert fn["context"].startswith(TEXT[2:32]) and "[[ジョンソン]]" in fn["context"]


def test_nested_labels_ship_inside_incident_are_scored_separately():
    incident = m(11, 18, "INCIDENT", "incident:pueblo-incident")  # プエブロ号事件
    ship = m(11, 16, "SHIP", "ship:uss-pueblo")                    # プエブロ号
    assert TEXT[11:18] == "プエブロ号事件" and TEXT[11:16] == "プエブロ号"
    metrics, errors, _ = score_mentions({"d": [incident, ship]}, {"d": [ship, incident]})
    assert scores(metrics, "INCIDENT", "strict") == (1, 0, 0)
    assert scores(metrics, "SHIP", "strict") == (1, 0, 0)
    assert errors == []
    # the SHIP span must not satisfy the INCIDENT (same label required)
    metrics, _, _ = score_mentions({"d": [incident, ship]}, {"d": [ship]})
    assert scores(metrics, "INCIDENT", "relaxed") == (0, 0, 1)


def test_canonical_grouping_ignores_spelling_but_not_grouping():
    gold = {"d": [m(23, 28, "PERSON", "person:lyndon-johnson"), m(32, 37, "PERSON", "person:lyndon-johnson"),
                  m(11, 16, "SHIP", "ship:uss-pueblo")]}
    renamed = {"d": [m(23, 28, "PERSON", "P1"), m(32, 37, "PERSON", "P1"), m(11, 16, "SHIP", "S1")]}
    metrics, errors, _ = score_mentions(gold, renamed)
    assert metrics["PERSON"]["canonical"]["pair_f1"] == 1.0
    assert metrics["PERSON"]["canonical"]["majority_acc"] == 1.0
    assert metrics["PERSON"]["canonical"]["exact_acc"] == 0.0
    assert not [e for e in errors if e["category"] == "mention.canonical"]

    split = {"d": [m(23, 28, "PERSON", "P1"), m(32, 37, "PERSON", "P2")]}
    metrics, errors, _ = score_mentions(gold, split)
    assert metrics["PERSON"]["canonical"]["pair_f1"] == 0.0
    assert metrics["PERSON"]["canonical"]["pair_r"] == 0.0


def test_wrong_canonical_merge_is_listed():
    gold = {"d": [m(23, 28, "PERSON", "person:a"), m(32, 37, "PERSON", "person:b"), m(0, 4, "PERSON", "person:a")]}
    merged = {"d": [m(23, 28, "PERSON", "X"), m(32, 37, "PERSON", "X"), m(0, 4, "PERSON", "X")]}
    metrics, errors, _ = score_mentions(gold, merged)
    canon = metrics["PERSON"]["canonical"]
    assert canon["pair_p"] == pytest.approx(1 / 3) and canon["pair_r"] == 1.0
    assert canon["majority_acc"] == pytest.approx(2 / 3)
    wrong = [e for e in errors if e["category"] == "mention.canonical"]
    assert [(e["start"], e["mapped_gold_id"]) for e in wrong] == [(32, "person:a")]


def test_cluster_scores_empty_and_unlabelled():
    assert cluster_scores([])["pair_f1"] is None
    # gold mentions without canonical_id are not scored for ids
    metrics, _, _ = score_mentions({"d": [m(23, 28, "PERSON")]}, {"d": [m(23, 28, "PERSON", "x")]})
    assert metrics["PERSON"]["canonical"]["n"] == 0


# ---------------------------------------------------------------- timexes


def test_timex_strict_relaxed_value_type_mod():
    gold = {"d": [t(0, 10, "1968-01-23"), t(27, 29, "P2D", "DURATION")]}
    syst = {"d": [t(0, 7, "1968-01"), t(27, 29, "P2D", "DURATION", mod="APPROX"), t(40, 42, "XXXX")]}
    metrics, errors = score_timexes(gold, syst, {"d": TEXT})
    assert (metrics["strict"]["tp"], metrics["strict"]["fp"], metrics["strict"]["fn"]) == (1, 2, 1)
    assert (metrics["relaxed"]["tp"], metrics["relaxed"]["fp"], metrics["relaxed"]["fn"]) == (2, 1, 0)
    assert metrics["value_acc"] == 0.5
    assert metrics["value_f1"] == pytest.approx(metrics["relaxed"]["f1"] * 0.5)
    assert metrics["type_acc"] == 1.0 and metrics["mod_acc"] == 0.5
    assert sorted(e["category"] for e in errors) == ["timex.FP", "timex.boundary", "timex.mod", "timex.value"]


def test_timex_wrong_type_and_mod_none_equals_empty():
    gold = {"d": [dict(t(0, 10, "1968-01-23"), mod=None)]}
    syst = {"d": [t(0, 10, "1968-01-23", "TIME", mod="")]}
    metrics, errors = score_timexes(gold, syst)
    assert metrics["mod_acc"] == 1.0 and metrics["type_acc"] == 0.0 and metrics["value_acc"] == 1.0
    assert [e["category"] for e in errors] == ["timex.type"]


# ---------------------------------------------------------------- events

SENT = (0, 23)


@pytest.mark.parametrize("system_event,full,date_only,part_only", [
    (ev(SENT, "1968-01-23", ships=["S1"]), 1, 1, 1),                      # everything agrees (id translated)
    (ev(SENT, "1968-01", ships=["S1"]), 0, 0, 1),                         # date disagrees
    (ev(SENT, "1968-01-23", persons=["person:nobody"]), 0, 1, 0),         # participants disjoint
    (ev(SENT, "1968-01-23"), 0, 1, 0),                                    # system has none, gold has some
    (ev((23, 42), "1968-01-23", ships=["S1"]), 0, 0, 0),                  # other sentence
    (ev((5, 30), "1968-01-23", ships=["ship:uss-pueblo"]), 1, 1, 1),      # overlapping sentence, gold id literally
])
def test_event_matching(system_event, full, date_only, part_only):
    gold = [ev(SENT, "1968-01-23", ships=["ship:uss-pueblo"], incidents=["incident:pueblo-incident"])]
    translate = {"S1": "ship:uss-pueblo"}
    assert len(match_events(gold, [system_event], translate, True, True)) == full
    assert len(match_events(gold, [system_event], translate, True, False)) == date_only
    assert len(match_events(gold, [system_event], translate, False, True)) == part_only


def test_event_both_empty_participants_overlap_and_actors_only_when_system_has_them():
    gold = [ev(SENT, "1968", actors=["US"])]
    assert len(match_events(gold, [ev(SENT, "1968")], {}, True, True)) == 1  # no actors field: actors ignored
    assert len(match_events(gold, [ev(SENT, "1968", actors=["DPRK"])], {}, True, True)) == 0
    assert len(match_events(gold, [ev(SENT, "1968", actors=["US"])], {}, True, True)) == 1


def test_event_matching_is_one_to_one():
    gold = [ev(SENT, "1968")]
    metrics, errors = score_events({"d": gold}, {"d": [ev(SENT, "1968"), ev(SENT, "1968")]}, {})
    assert (metrics["full"]["tp"], metrics["full"]["fp"], metrics["full"]["fn"]) == (1, 1, 0)
    assert [e["category"] for e in errors] == ["event.FP"]


def test_event_fn_reason_names_the_date():
    gold = {"d": [ev(SENT, "1968-01-23", trigger=(19, 22))]}
    _, errors = score_events(gold, {"d": [ev(SENT, "1969")]}, {}, {"d": TEXT})
    fn = next(e for e in errors if e["category"] == "event.FN")
    assert "date" in fn["reason"] and fn["start"] == 19


def test_event_class_accuracy_unknown_share_and_roles():
    """Issue 14: class accuracy on matched events, the share of unknown classes, and source/target
    F1 on matched events whose gold annotates the role (None when no gold event does)."""
    gold = {"d": [dict(ev(SENT, "1968-01-23", ships=["ship:uss-pueblo"]), event_class="arrest_detain",
                       source=["PRK"], target=["ship:uss-pueblo"]),
                  dict(ev((23, 42), "1968", ships=["ship:uss-pueblo"]), event_class="disapprove")]}
    syst = {"d": [dict(ev(SENT, "1968-01-23", ships=["S1"]), event_class="arrest_detain", source=["PRK", "USA"],
                       target=["S1"]),
                  dict(ev((23, 42), "1968", ships=["S1"]), event_class="unknown", source=["USA"]),
                  dict(ev((50, 60), "1970", ships=["S1"]), event_class="other")]}
    metrics, _ = score_events(gold, syst, {"S1": "ship:uss-pueblo"})
    assert metrics["class_acc"] == 0.5 and metrics["class_n"] == 2
    assert metrics["unknown_share"] == 1 / 3
    assert (metrics["source"]["tp"], metrics["source"]["fp"], metrics["source"]["fn"]) == (1, 1, 0)
    assert metrics["target"]["f1"] == 1.0 and metrics["target"]["n"] == 1
    plain, _ = score_events({"d": [ev(SENT, "1968-01-23")]}, {"d": [ev(SENT, "1968-01-23")]}, {})
    assert plain["source"] is None and plain["target"] is None


# ---------------------------------------------------------------- files end to end


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def _make_system(root, docs, mentions=(), timexes=(), events=()):
    root.mkdir(parents=True, exist_ok=True)
    _write_jsonl(root / "documents.jsonl", [{"doc_id": d, "status": "ok"} for d in docs])
    _write_jsonl(root / "mentions.jsonl", mentions)
    _write_jsonl(root / "timexes.jsonl", timexes)
    _write_jsonl(root / "events.jsonl", events)


@pytest.fixture
def workspace(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "b.md").write_text(TEXT, encoding="utf-8")
    gold_dir = tmp_path / "gold"
    (gold_dir / "_parts").mkdir(parents=True)
    (gold_dir / "_parts" / "a__1.json").write_text("{not json", encoding="utf-8")  # work files are skipped
    import hashlib
    sha = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    for doc_id in ("a", "b"):
        gold = {"doc_id": doc_id, "lang": "ja", "text_sha256": sha,
                "mentions": [m(11, 16, "SHIP", "ship:uss-pueblo"), m(11, 18, "INCIDENT", "incident:pueblo")],
                "timexes": [t(0, 10, "1968-01-23")],
                "events": [ev(SENT, "1968-01-23", ships=["ship:uss-pueblo"], incidents=["incident:pueblo"])]}
        (gold_dir / f"{doc_id}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    # document b is absent; document c has no gold
    _make_system(out, ["a", "c"],
                 mentions=[dict(m(11, 16, "SHIP", "ship:pueblo"), doc_id="a"), dict(m(0, 3, "PERSON"), doc_id="c")],
                 timexes=[dict(t(0, 10, "1968-01-23"), doc_id="a")],
                 events=[dict(ev(SENT, "1968-01-23", ships=["ship:pueblo"]), doc_id="a")])
    return corpus, gold_dir, out


def test_run_eval_absent_document_counts_as_missed(workspace):
    corpus, gold_dir, out = workspace
    report = run_eval(gold_dir, out, corpus, systems={"pipeline": out})
    sysm = report["systems"]["pipeline"]
    assert report["gold_docs"] == ["a", "b"]
    assert sysm["missing_docs"] == ["b"] and sysm["docs_without_gold"] == ["c"]
    assert scores(sysm["mentions"], "SHIP", "strict") == (1, 0, 1)
    assert scores(sysm["mentions"], "INCIDENT", "strict") == (0, 0, 2)
    assert scores(sysm["mentions"], "PERSON", "strict") == (0, 0, 0)  # c is not scored
    assert (sysm["timexes"]["strict"]["tp"], sysm["timexes"]["strict"]["fn"]) == (1, 1)
    assert (sysm["events"]["full"]["tp"], sysm["events"]["full"]["fn"]) == (1, 1)
    assert report["gold_text_mismatch"] == []
    errors = [json.loads(line) for line in (out / "eval_errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(e["doc_id"], e["category"]) for e in errors} >= {("b", "mention.FN"), ("b", "timex.FN"),
                                                                ("b", "event.FN"), ("a", "mention.FN")}
    assert all(e["system"] == "pipeline" for e in errors)
    assert sysm["error_summary"]["mention.FN"] == 3


def test_run_eval_is_deterministic_and_table_has_all_systems(workspace):
    corpus, gold_dir, out = workspace
    baseline = out / "baselines" / "ja_timex"
    _make_system(baseline, ["a", "b"], timexes=[dict(t(0, 7, "1968-01"), doc_id="b")])
    (baseline / "system.json").write_text(json.dumps({"tasks": ["timexes"]}), encoding="utf-8")
    first = run_eval(gold_dir, out, corpus)
    files = [(out / "metrics.json").read_bytes(), (out / "eval_errors.jsonl").read_bytes()]
    second = run_eval(gold_dir, out, corpus)
    assert first == second
    assert files == [(out / "metrics.json").read_bytes(), (out / "eval_errors.jsonl").read_bytes()]
    assert first["system_order"] == ["pipeline", "ja_timex"]
    table = format_table(first)
    header, *rows = table.splitlines()
    assert header.split()[-2:] == ["pipeline", "ja_timex"]
    ship_row = next(r for r in rows if r.startswith("SHIP strict"))
    assert ship_row.split()[-1] == "n/a"  # ja_timex does not produce mentions
    timex_row = next(r for r in rows if r.startswith("TIMEX relaxed"))
    assert timex_row.split()[-1] == "100.0/50.0/66.7"


def test_run_eval_warns_on_stale_gold(workspace):
    corpus, gold_dir, out = workspace
    (corpus / "a.txt").write_text(TEXT + "追記", encoding="utf-8")
    report = run_eval(gold_dir, out, corpus, systems={"pipeline": out})
    assert report["gold_text_mismatch"] == ["a"]


def test_eval_step_never_runs_the_baselines(workspace, monkeypatch):
    corpus, gold_dir, out = workspace
    calls = []
    monkeypatch.setattr(command, "run_baselines", lambda *a, **k: calls.append(a))
    stream = io.StringIO()
    command.eval_step(gold_dir, out, corpus, stream=stream)  # no baseline outputs in OUT: stale, still not run
    assert calls == [] and "SHIP strict" in stream.getvalue() and (out / "metrics.json").is_file()


def test_relaxed_alignment_equals_brute_force():
    import random

    rng = random.Random(7)
    for _ in range(200):
        gold = [{"start": s, "end": s + rng.randint(1, 6)} for s in rng.sample(range(40), 6)]
        syst = [{"start": s, "end": s + rng.randint(1, 9)} for s in rng.sample(range(40), 6)]
        brute = sorted((-overlap(g["start"], g["end"], s["start"], s["end"]),
                        abs(g["start"] - s["start"]) + abs(g["end"] - s["end"]), gi, si)
                       for gi, g in enumerate(gold) for si, s in enumerate(syst)
                       if overlap(g["start"], g["end"], s["start"], s["end"]) > 0)
        assert align_spans(gold, syst, strict=False) == greedy_pairs(brute)
