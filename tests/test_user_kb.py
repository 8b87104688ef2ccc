"""The user's own knowledge base (--kb) and the `entities` output (no model needed: English documents)."""
from __future__ import annotations

import json

import pytest

from pipeline.entities import entity_resources, link_mentions, text_mentions
from pipeline.entities.kb import load_kb
from pipeline.entity_table import EntityTable
from pipeline.manifest import DocCache
from pipeline.runner import run_corpus
from pipeline.user_kb import KBError, read_user_kb

CSV = ("id,label,name_ja,name_en,aliases,wikidata\n"
       "person:ito-hirobumi,PERSON,伊藤博文,Prince Ito,伊藤春輔|Ito Shunsuke,Q12345\n"
       "ship:harukaze-maru,SHIP,春風丸,Harukaze Maru,春風,\n")


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_kb_csv_and_jsonl_merge_over_the_bundled_one(tmp_path):
    csv_path = _write(tmp_path, "kb.csv", CSV)
    kb = load_kb(str(csv_path))
    assert kb.get("person:ito-hirobumi").name_en == "Prince Ito"  # the user's entry wins
    assert kb.get("person:ito-hirobumi").wikidata == "Q12345"
    assert [e.id for e in kb.lookup("伊藤春輔")] == ["person:ito-hirobumi"]
    assert kb.get("person:donald-trump") is not None  # the bundled entries stay
    assert load_kb().get("person:ito-hirobumi").name_en == "Ito Hirobumi"  # only for that KB
    rows = [{"id": "ship:harukaze-maru", "label": "SHIP", "name_ja": "春風丸", "name_en": "Harukaze Maru",
             "aliases": ["春風"]}]
    jsonl = _write(tmp_path, "kb.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    assert read_user_kb(jsonl)[0]["aliases_ja"] == ["春風"]


@pytest.mark.parametrize("name,text,message", [
    ("a.csv", "id,label,name_ja\nperson:x,PERSON,X\nPerson:Bad,PERSON,Y\n", "a.csv:3: id 'Person:Bad'"),
    ("b.csv", "id,label,name_ja\nship:x,PERSON,X\n", "b.csv:2: id 'ship:x' does not start with person:"),
    ("c.csv", "id,label,name_ja\nperson:x,HUMAN,X\n", "c.csv:2: label 'HUMAN'"),
    ("d.csv", "id,label,name_ja\nperson:x,PERSON,X\nperson:x,PERSON,Y\n", "d.csv:3: duplicate id person:x"),
    ("e.csv", "id,label,name_ja,wikidata\nperson:x,PERSON,X,12\n", "e.csv:2: wikidata '12'"),
    ("f.csv", "id,label,name_ja,nickname\nperson:x,PERSON,X,x\n", "f.csv:2: unknown column(s) nickname"),
    ("g.csv", "id,label\nperson:x,PERSON\n", "g.csv:2: person:x needs name_ja or name_en"),
    ("h.csv", "name,label\nx,PERSON\n", "h.csv:1: header lacks id"),
    ("i.jsonl", '{"id": "person:x", "label": "PERSON", "name_ja": "X"}\n{oops\n', "i.jsonl:2: not a JSON object"),
    ("j.txt", "id\n", "must be .csv or .jsonl"),
])
def test_user_kb_errors_name_the_line(tmp_path, name, text, message):
    with pytest.raises(KBError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_user_kb(_write(tmp_path, name, text))


def test_user_kb_is_part_of_the_cache_fingerprint(tmp_path):
    plain = DocCache(tmp_path, {}).fingerprint
    path = _write(tmp_path, "kb.csv", CSV)
    with_kb = DocCache(tmp_path, {"user_kb_path": str(path)}).fingerprint
    path.write_text(CSV.replace("Prince Ito", "Marquis Ito"), encoding="utf-8")
    edited = DocCache(tmp_path, {"user_kb_path": str(path)}).fingerprint
    assert len({plain, with_kb, edited}) == 3
    assert DocCache(tmp_path, {"use_kb": False}).fingerprint == DocCache(tmp_path, {"use_kb": False}).fingerprint


def test_fingerprint_derives_from_the_config(tmp_path):
    fingerprints = {DocCache(tmp_path, config).fingerprint for config in (
        {}, {"use_kb": False}, {"lexicon_path": str(tmp_path / "lexicon.json")}, {"kb_path": str(tmp_path / "kb.jsonl")})}
    assert len(fingerprints) == 4
    assert DocCache(tmp_path, {"use_kb": True}).fingerprint == DocCache(tmp_path, None).fingerprint


def test_edited_own_lexicon_or_kb_files_reprocess(tmp_path):
    lexicon, kb = tmp_path / "lexicon.json", tmp_path / "kb.jsonl"
    lexicon.write_text("{}", encoding="utf-8")
    kb.write_text("", encoding="utf-8")
    config = {"lexicon_path": str(lexicon), "kb_path": str(kb)}
    before = DocCache(tmp_path, config).fingerprint
    lexicon.write_text('{"x": 1}', encoding="utf-8")
    after_lexicon = DocCache(tmp_path, config).fingerprint
    kb.write_text('{"id": "person:x"}\n', encoding="utf-8")
    assert len({before, after_lexicon, DocCache(tmp_path, config).fingerprint}) == 3


def test_user_kb_entities_are_matched(tmp_path):
    resources = entity_resources({"user_kb_path": str(_write(tmp_path, "kb.csv", CSV))})
    text = "The Harukaze Maru left Kobe. Ito Shunsuke later became prime minister."
    ms = link_mentions(text_mentions(text, resources), text, resources)
    got = {(m["label"], m["text"]): (m["canonical_id"], m["name_en"], m["name_en_source"]) for m in ms}
    assert got[("SHIP", "Harukaze Maru")] == ("ship:harukaze-maru", "Harukaze Maru", "kb")
    assert got[("PERSON", "Ito Shunsuke")] == ("person:ito-hirobumi", "Prince Ito", "kb")


def test_run_with_kb_writes_the_entities_table(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("In 1968 North Korea seized the USS Pueblo. The Harukaze Maru sailed in 1970.\n",
                                  encoding="utf-8")
    (corpus / "b.txt").write_text("The Pueblo incident of 1968 is remembered. The USS Pueblo is a museum.\n",
                                  encoding="utf-8")
    out = tmp_path / "out"
    kb = _write(tmp_path, "kb.csv", CSV)
    run_corpus(corpus, out, {"user_kb_path": kb})
    rows = {r["canonical_id"]: r for r in map(json.loads, (out / "entities.jsonl").read_text().splitlines())}
    pueblo = rows["ship:uss-pueblo"]
    assert pueblo["label"] == "SHIP" and pueblo["n_documents"] == 2 and pueblo["n_mentions"] >= 2
    assert pueblo["name_en"] == "USS Pueblo" and pueblo["name_en_source"] == "kb"
    assert rows["ship:harukaze-maru"]["name_en_source"] == "kb"
    assert (out / "entities.csv").exists() and (out / "entities.parquet").exists()
    with pytest.raises(KBError):
        run_corpus(corpus, out, {"user_kb_path": _write(tmp_path, "bad.csv", "id,label\nx,PERSON\n")})
    import os

    assert "PIPELINE_KB" not in os.environ  # the run's KB does not outlive it (it is the run's config)


def test_entity_table_dates_and_names():
    def m(n, doc, label, text, cid, name_en, src):
        return {"doc_id": doc, "mention_id": f"{doc}#m{n}", "label": label, "text": text, "canonical_id": cid,
                "name_ja": text, "name_en": name_en, "name_en_source": src}

    table = EntityTable()
    table.add({"mentions": [m(1, "a", "INCIDENT", "秩父事件", "incident:c", "Chichibu Jiken", "romanized"),
                            m(2, "a", "PERSON", "田代栄助", "person:t", "Tashiro Eisuke", "romanized")],
               "events": [{"date_value": "1884-11-01", "date_earliest": "1884-11-01", "date_latest": "1884-11-01",
                           "mention_ids": ["a#m1", "a#m2"]},
                          {"date_value": "1984", "date_earliest": "1984-01-01", "date_latest": "1984-12-31",
                           "mention_ids": ["a#m1"]}]})
    table.add({"mentions": [m(1, "b", "INCIDENT", "Chichibu incident", "incident:c", "Chichibu incident", "text")]})
    rows = {r["canonical_id"]: r for r in table.rows()}
    inc = rows["incident:c"]
    assert (inc["date_value"], inc["earliest"], inc["latest"]) == ("1884-11-01", "1884-11-01", "1884-11-01")
    assert (inc["first_date"], inc["last_date"]) == ("1884-11-01", "1984-12-31")
    assert inc["name_en"] == "Chichibu incident" and inc["name_en_source"] == "text"
    assert inc["aliases"] == ["秩父事件", "Chichibu incident"] and inc["n_documents"] == 2
    assert rows["person:t"]["date_value"] == "" and rows["person:t"]["first_date"] == "1884-11-01"


def test_a_bad_knowledge_base_file_is_named_with_its_line(tmp_path):
    from pipeline.resources import ResourceError

    kb = tmp_path / "kb.jsonl"
    kb.write_text('{"id": "person:a", "type": "PERSON", "name_ja": "甲", "name_en": "A", "aliases": []}\n'
                  "not json\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"kb\.jsonl:2: not a knowledge-base entry"):
        entity_resources({"kb_path": str(kb)})
    kb.write_text('{"id": "person:a", "type": "PERSON", "name_ja": "甲", "name_en": "A", "aliases": []}\n' * 2,
                  encoding="utf-8")
    with pytest.raises(ResourceError, match=r"kb\.jsonl:2: duplicate id person:a"):
        entity_resources({"kb_path": str(kb)})
