"""Japanese-first extraction pipeline."""


def __getattr__(name):
    # `pipeline.load` without importing pandas/pyarrow on `import pipeline`
    if name == "load":
        from pipeline.analysis import load

        return load
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
