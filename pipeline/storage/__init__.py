"""Storage: the record kinds as files in OUT, and back (below the stages; imports only pipeline.records).

- `writers`: JSONL and CSV, every file atomic, a corpus written streaming (`write_set`);
- `tables`: the typing rules, Parquet and the DuckDB database;
- `xlsx`: the workbook; `loader`: `pipeline.load_outputs` (records or typed DataFrames);
- `outset`: OUT as one locked set of files switched at once;
- `schemas`: the JSON Schemas and the README's column tables, generated from pipeline.records.
"""
