"""A corpus's records → OUT: the per-document kinds as they come, the corpus-level kinds derived from them.

`Columns` gathers, one document at a time, what the writers need before the first byte is written
(every kind's columns: CSV header, Parquet types) and what the corpus-level kinds are built from:
the entities table (pipeline.entity_table) and the timeline (pipeline.timeline: one row per happening
across documents, from the events). pipeline.storage then writes every file (write_set).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from pipeline.entity_table import EntityTable, kb_wikidata
from pipeline.records import DOCUMENT_KINDS, happening_labels
from pipeline.storage.tables import ColumnScan
from pipeline.storage.writers import write_set
from pipeline.timeline import build_timeline, event_keys


class Columns:
    """The output columns of every kind, and the corpus-level kinds, gathered one document at a time."""

    def __init__(self, wikidata=None):
        """`wikidata(cid)`: an entity's Q-id (default: entity_table.kb_wikidata, the bundled KB's)."""
        self.scans = {kind: ColumnScan(kind) for kind in DOCUMENT_KINDS}
        self.entities = EntityTable(wikidata or kb_wikidata)
        self.events: list[dict] = []  # what the timeline needs of every event
        self.incident_names: dict[str, str] = {}  # surface → canonical id of every happening's mention
        self._happenings = set(happening_labels())
        self._derived: dict[str, list[dict]] | None = None

    def add(self, part: dict[str, list[dict]]) -> None:
        for kind, scan in self.scans.items():
            if kind in DOCUMENT_KINDS:
                for r in part.get(kind, ()):
                    scan.add(r)
        self.entities.add(part)
        keys = event_keys()
        self.events.extend({k: e.get(k) for k in keys} for e in part.get("events", ()))
        for m in part.get("mentions", ()):
            if m.get("label") in self._happenings and m.get("canonical_id"):
                self.incident_names.setdefault(m["text"].strip(), m["canonical_id"])
        self._derived = None

    def derived(self) -> dict[str, list[dict]]:
        """The corpus-level kinds (entities, timeline), once every document has been added (their
        columns scanned too)."""
        if self._derived is None:
            self._derived = {"entities": self.entities.rows(),
                             "timeline": build_timeline(self.events, self.incident_names)}
            for kind, rows in self._derived.items():
                self.scans[kind] = scan = ColumnScan(kind)
                for r in rows:
                    scan.add(r)
        return self._derived


def write_outputs(out_dir: Path, records: dict[str, list[dict]], excel: bool = False) -> list[Path]:
    """Write every record kind as .jsonl, .csv and .parquet, OUT/pipeline.duckdb and with `excel`
    OUT/pipeline.xlsx; returns the files written."""
    return write_streamed(out_dir, lambda: [records], excel=excel)


def write_streamed(out_dir: Path, parts: Callable[[], Iterable[dict[str, list[dict]]]],
                   columns: Columns | None = None, excel: bool = False) -> list[Path]:
    """write_outputs for records that do not fit in memory: parts() yields {kind: records} one
    document at a time, in output order, the same on every call. `columns` gathered from the
    same parts saves a first pass over them."""
    if columns is None:
        columns = Columns()
        for part in parts():
            columns.add(part)
    derived = columns.derived()
    return write_set(out_dir, parts, columns.scans, derived, excel)
