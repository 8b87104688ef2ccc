"""The entity components' configuration, the spaCy way, without importing spaCy (the runner and the cache
read it on a no-op rerun).

ENTITY_CONFIG is the default_config of the entity components (pipeline.entities); a run overrides it
(`--no-kb`: use_kb false; `--kb FILE`: user_kb_path) and hands the same dict to the model it loads, to its
worker processes and Dask workers, to the document-level linking and to the cache fingerprint.
A path of None is the bundled file (entities/data/kb.jsonl, entities/data/lexicon.json).
"""
from __future__ import annotations

import json
from types import MappingProxyType

ENGINES = ("local", "dask")  # where a run's per-document work runs (`--engine`)

ENTITY_CONFIG = MappingProxyType({
    "use_kb": True,  # match and link the knowledge base (False: the rules alone, `--no-kb`)
    "kb_path": None,  # the bundled knowledge base (JSONL)
    "user_kb_path": None,  # a user knowledge base (CSV/JSONL) merged over it (`--kb FILE`)
    "lexicon_path": None,  # the rules' word lists (JSON)
})


def entity_config(**overrides) -> dict:
    """ENTITY_CONFIG with `overrides` (unknown keys are errors); paths are kept as strings."""
    unknown = sorted(set(overrides) - set(ENTITY_CONFIG))
    if unknown:
        raise ValueError(f"unknown entity option(s) {', '.join(unknown)} (known: {', '.join(ENTITY_CONFIG)})")
    config = dict(ENTITY_CONFIG, **overrides)
    config["use_kb"] = bool(config["use_kb"])
    for key in ("kb_path", "user_kb_path", "lexicon_path"):
        config[key] = str(config[key]) if config[key] else None
    return config


def config_key(config: dict) -> str:
    """A canonical text of a configuration: a cache key and a part of the run fingerprint."""
    return json.dumps(entity_config(**config), sort_keys=True)
