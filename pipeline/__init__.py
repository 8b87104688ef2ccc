"""Japanese-first extraction pipeline.

- `pipeline.process_text(text, doc_date=None)`: typed records (mentions, timexes, events) of a string;
- `pipeline.load()`: a spaCy pipeline whose Docs carry them (doc.spans["mentions"], doc._.timexes, …);
- `pipeline.load_outputs(OUT)` (also `pipeline.load(OUT)`): the outputs of a run as pandas DataFrames.
- `pipeline.version()` (also `pipeline.__version__`): the installed version.
See pipeline.api. Nothing heavy is imported on `import pipeline`.
"""

def version() -> str:
    """The installed package's version ("unknown" in a source tree that is not installed)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as _version

    try:
        return _version("pipeline")
    except PackageNotFoundError:
        return "unknown"


_API = {"process_text", "load", "Mention", "Timex", "Event", "Result"}


def __getattr__(name):
    if name in _API:
        from pipeline import api

        return getattr(api, name)
    if name == "load_outputs":
        from pipeline.storage.loader import load

        return load
    if name == "__version__":
        return version()
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
