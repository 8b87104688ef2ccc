"""The labels of the record contract, written once (a first piece of issue 11's registry).

`SCORED_LABELS` are the guidelines' labels: found by the entities stage, linked to canonical ids,
counted in the `entities` table, exported to annotation tools and scored by `make eval`.
`ID_PREFIX` gives the canonical-id prefix of each label that has ids (a knowledge base may also
hold aircraft). Other labels (GPE, ORG, WAR, ...) come from GiNZA and are neither linked nor scored.
"""
from __future__ import annotations

SCORED_LABELS = ("PERSON", "SHIP", "INCIDENT")
ID_PREFIX = {"PERSON": "person", "SHIP": "ship", "INCIDENT": "incident", "AIRCRAFT": "aircraft"}
