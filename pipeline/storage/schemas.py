"""The JSON Schemas of the record kinds (pipeline/schemas/<kind>.schema.json) and the README's column
tables, both generated from the record contract (pipeline.records).

    python -m pipeline.storage.schemas      # rewrite the schema files and the README's tables

tests/test_records.py checks that the committed files equal what this generates.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from pipeline.records import KIND_DESCRIPTIONS, KINDS, columns, contract, optional

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schemas"
README = Path(__file__).resolve().parents[2] / "README.md"
_BASE = {"str": {"type": "string"}, "int": {"type": "integer"}, "float": {"type": "number"},
         "bool": {"type": "boolean"}, "list": {"type": "array", "items": {"type": "string"}},
         "date": {"type": ["string", "null"], "pattern": r"^(\d{4}-\d{2}-\d{2})?$"},
         "category": {"type": "string"}}
# constraints across columns
_RULES = {
    "documents": {"allOf": [
        {"if": {"properties": {"status": {"const": "ok"}}},
         "then": {"properties": {"n_chars": {"type": "integer", "minimum": 0}, "error": {"const": ""},
                                 "sha256": {"type": "string", "minLength": 64}}}},
        {"if": {"properties": {"status": {"const": "error"}}},
         "then": {"properties": {"error": {"type": "string", "minLength": 1}}}},
    ]},
}
_MARK = "<!-- columns of {kind}: generated from pipeline/records.py by python -m pipeline.storage.schemas -->"
_END = "<!-- end of columns -->"


def json_schema(kind: str) -> dict:
    """The JSON Schema (draft 2020-12) of one record of the kind."""
    extra = optional(kind)
    description = KIND_DESCRIPTIONS[kind] + (
        f" Optional columns, written when a record has them: {', '.join(extra)}." if extra else "") + (
        " Columns beyond the contract may follow (typed from their values in Parquet); names are "
        "lower_snake_case, so internal keys such as _reading_of must not leak.")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://example.invalid/pipeline/schemas/{kind}.schema.json",
        "title": f"{kind} record",
        "description": description,
        "type": "object",
        "required": contract(kind),
        "properties": {c.name: {**(c.json if c.json is not None else _BASE[c.type]), "description": c.description}
                       for c in columns(kind)},
        "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
        **_RULES.get(kind, {}),
    }


def schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def column_table(kind: str) -> str:
    """The README's table of the kind's columns, in output order; consecutive columns with one
    description share a row."""
    rows: list[tuple[list[str], str, bool]] = []
    for c in columns(kind):
        if rows and rows[-1][1] == c.description and rows[-1][2] == c.optional:
            rows[-1][0].append(c.name)
        else:
            rows.append(([c.name], c.description, c.optional))
    lines = ["| column | type | meaning |", "|---|---|---|"]
    types = {c.name: c.type for c in columns(kind)}
    for names, description, is_optional in rows:
        shown = ", ".join(f"`{n}`" for n in names)
        typ = "/".join(dict.fromkeys(types[n] for n in names))
        lines.append(f"| {shown} | {typ}{' (optional)' if is_optional else ''} | {description} |")
    return "\n".join(lines)


def readme_with_tables(text: str) -> str:
    """The README text with every kind's generated table between its markers."""
    for kind in KINDS:
        mark = _MARK.format(kind=kind)
        pattern = re.compile(re.escape(mark) + r"\n.*?" + re.escape(_END), re.DOTALL)
        if not pattern.search(text):
            raise ValueError(f"README: no column table for {kind} (a line {mark!r} … {_END!r})")
        text = pattern.sub(lambda _m, k=kind, mk=mark: f"{mk}\n{column_table(k)}\n{_END}", text)
    return text


def main() -> int:
    for kind in KINDS:
        (SCHEMA_DIR / f"{kind}.schema.json").write_text(schema_text(kind), encoding="utf-8")
    README.write_text(readme_with_tables(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {SCHEMA_DIR}/*.schema.json and the column tables of {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
