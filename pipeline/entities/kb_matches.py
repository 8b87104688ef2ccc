"""Knowledge-base alias matches turned into candidate mentions, the label chosen by context
(ジョージ・ワシントン: the carrier or the president; a ship named after a person is weak without ship words)."""
from __future__ import annotations

from .kb import KnowledgeBase
from .lexicon import EntityLexicon
from .patterns import AliasMatcher
from .ships import sentence_ship_context, ship_context


def kb_mentions(text: str, matcher: AliasMatcher, kb: KnowledgeBase, lex: EntityLexicon) -> list[dict]:
    """KB alias matches with a label chosen by context (ジョージ・ワシントン: the carrier or the president)."""
    out = []
    for m in matcher(text):
        s, e = m["start"], m["end"]
        ents = [kb.get(i) for i in m["candidates"]]
        ships = [x for x in ents if x.type == "SHIP"]
        others = [x for x in ents if x.type != "SHIP"]
        local = ship_context(text, s, e, lex)
        if ships and (local or not others):
            strong = [x for x in ships if not m["weak"].get(x.id)]
            weak = not strong and not local and not sentence_ship_context(text, s, e, lex)
            chosen = strong or ships
            label = "SHIP"
        else:
            chosen = [x for x in others if x.type == others[0].type]
            label = chosen[0].type
            weak = False
        d = {"start": s, "end": e, "text": m["text"], "label": label, "source": "kb",
             "confidence": 0.95 if len(chosen) == 1 else 0.6, "_candidates": [x.id for x in chosen]}
        if weak:
            d["_weak"] = True
        out.append(d)
    return out
