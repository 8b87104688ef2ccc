"""Configuration the spaCy way (pipeline.config), the one resource loader (pipeline.resources), engines."""
from __future__ import annotations

import gc
import json
from types import MappingProxyType

import pytest

from pipeline.config import ENTITY_CONFIG, entity_config
from pipeline.entities import entity_resources, link_mentions, text_mentions
from pipeline.entities.lexicon import LEXICON_PATH, entity_lexicon
from pipeline.resources import ResourceError, collector_paused, read_json, require
from pipeline.runner import run_corpus


def _json(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_resources_are_frozen_and_read_once_per_path(tmp_path):
    path = _json(tmp_path / "words.json", {"a": ["x", "y"], "b": {"c": [1]}})
    data = read_json(path)
    assert isinstance(data, MappingProxyType) and isinstance(data["b"], MappingProxyType)
    assert data["a"] == ("x", "y")
    with pytest.raises(TypeError):
        data["a"] = ()  # type: ignore[index]
    assert read_json(path) is data
    assert require(path, "b", "c") == (1,)


def test_the_collector_is_paused_for_a_load_and_restored_as_it_was():
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller's own pause is not ended
    finally:
        gc.enable()


def test_romanization_loads_its_dictionaries_with_the_collector_paused(monkeypatch):
    import pykakasi

    from pipeline.entities import romanize

    seen = []
    monkeypatch.setattr(pykakasi, "kakasi", lambda: seen.append(gc.isenabled()) or "converter")
    romanize._kakasi.cache_clear()
    try:
        assert romanize._kakasi() == "converter" and seen == [False] and gc.isenabled()
    finally:
        romanize._kakasi.cache_clear()


def test_a_missing_file_names_the_file(tmp_path):
    with pytest.raises(ResourceError, match=r"nowhere\.json: cannot read"):
        require(tmp_path / "nowhere.json", "a")


def test_a_missing_key_names_the_file_and_the_key(tmp_path):
    path = _json(tmp_path / "words.json", {"b": {"c": [1]}})
    with pytest.raises(ResourceError, match=r"words\.json: no key 'a'"):
        require(path, "a")
    with pytest.raises(ResourceError, match=r"words\.json: no key 'b\.d'"):
        require(path, "b", "d")


def test_a_lexicon_without_a_key_fails_naming_file_and_key(tmp_path):
    words = dict(read_json(LEXICON_PATH))
    del words["ship_types_ja"]
    path = _json(tmp_path / "lexicon.json", {k: list(v) if isinstance(v, tuple) else v for k, v in words.items()})
    with pytest.raises(ResourceError, match=r"lexicon\.json: no key 'ship_types_ja'"):
        entity_resources({"lexicon_path": str(path)})


def test_the_lexicon_is_typed_and_frozen():
    lex = entity_lexicon()
    assert lex is entity_lexicon(LEXICON_PATH)
    assert isinstance(lex.given_names_kata, frozenset) and isinstance(lex.ship_types_longest_first, tuple)
    with pytest.raises(AttributeError):
        lex.titles = ""  # type: ignore[misc]


def test_the_lexicon_path_is_a_config_option(tmp_path):
    words = {k: list(v) if isinstance(v, tuple) else v for k, v in read_json(LEXICON_PATH).items()}
    text = "Grandmaster Zorbington Quuxley met the press."
    plain = entity_resources({"use_kb": False})
    assert "Zorbington Quuxley" not in [m["text"] for m in link_mentions(text_mentions(text, plain), text, plain)]
    words["en_titles"] = words["en_titles"] + ["Grandmaster"]
    custom = entity_resources({"use_kb": False, "lexicon_path": str(_json(tmp_path / "lexicon.json", words))})
    assert "Zorbington Quuxley" in [m["text"] for m in link_mentions(text_mentions(text, custom), text, custom)]


def test_the_kb_path_is_a_config_option(tmp_path):
    kb = tmp_path / "kb.jsonl"
    kb.write_text(json.dumps({"id": "ship:zephyr-star", "type": "SHIP", "name_ja": None, "name_en": "Zephyr Star",
                              "aliases_en": ["Zephyr Star"]}) + "\n", encoding="utf-8")
    text = "The Zephyr Star met the USS Pueblo."
    own = entity_resources({"kb_path": str(kb)})
    found = {m["text"]: m["canonical_id"] for m in link_mentions(text_mentions(text, own), text, own)}
    assert found["Zephyr Star"] == "ship:zephyr-star"
    assert "ship:uss-pueblo" not in found.values()  # the bundled KB is not read
    bundled = entity_resources()
    found = {m["text"]: m["canonical_id"] for m in link_mentions(text_mentions(text, bundled), text, bundled)}
    assert "ship:uss-pueblo" in found.values() and "ship:zephyr-star" not in found.values()


def test_config_overrides_are_checked():
    assert entity_config() == dict(ENTITY_CONFIG)
    assert entity_config(use_kb=0)["use_kb"] is False
    with pytest.raises(ValueError, match="unknown entity option"):
        entity_config(use_knowledge=False)


def test_unknown_engine_is_an_error(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The USS Pueblo.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        run_corpus(corpus, tmp_path / "out", engine="spark")
    assert not (tmp_path / "out").exists()


def test_model_ops_are_scoped_to_the_block():
    from thinc.api import get_current_ops

    from pipeline.nlp import MatmulOps, model_ops

    before = get_current_ops()
    with model_ops(True):
        assert isinstance(get_current_ops(), MatmulOps)
    assert get_current_ops() is before


def test_importing_the_stages_sets_and_reads_nothing(tmp_path):
    import subprocess
    import sys

    code = ("import thinc.backends as b, pipeline.resources as r\n"
            "import pipeline.nlp, pipeline.entities, pipeline.events, pipeline.process\n"
            "assert b.context_ops.get() is None, b.context_ops.get()\n"
            "assert r._read_json.cache_info().currsize == 0 and r._read_lines.cache_info().currsize == 0\n")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.slow
def test_the_run_options_are_the_components_config(nlp):
    from pipeline.nlp import MatmulOps, build_nlp

    assert nlp.config["components"]["entity_kb_matcher"]["use_kb"] is True
    assert isinstance(nlp.get_pipe("parser").model.ops, MatmulOps)  # the model's own ops
    no_kb = build_nlp({"use_kb": False, "lexicon_path": str(LEXICON_PATH)})
    assert no_kb.config["components"]["entity_kb_matcher"]["use_kb"] is False
    assert no_kb.config["components"]["entity_rules"]["lexicon_path"] == str(LEXICON_PATH)
    assert no_kb.get_pipe("entity_kb_matcher").resources.kb is None
    doc = no_kb("北朝鮮はプエブロ号を拿捕した。")
    assert all(m["source"] != "kb" for m in doc._.entity_mentions)
