"""What the entities stage reads for one configuration (pipeline.config): its lexicon, and its knowledge
base with the alias matcher (None when use_kb is false). Each part is read once per file and modification."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.config import entity_config

from .kb import KnowledgeBase, load_kb
from .lexicon import EntityLexicon, entity_lexicon
from .patterns import AliasMatcher, kb_matcher


@dataclass(frozen=True)
class EntityResources:
    lexicon: EntityLexicon
    kb: KnowledgeBase | None
    matcher: AliasMatcher | None


def entity_resources(config: dict | None = None) -> EntityResources:
    """The resources of `config` (overrides of pipeline.config.ENTITY_CONFIG)."""
    config = entity_config(**(config or {}))
    lexicon = entity_lexicon(config["lexicon_path"])
    if not config["use_kb"]:
        return EntityResources(lexicon, None, None)
    user, bundled = config["user_kb_path"], config["kb_path"]
    return EntityResources(lexicon, load_kb(user, bundled), kb_matcher(user, bundled))
