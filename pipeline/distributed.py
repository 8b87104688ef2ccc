"""Run the per-document work on Dask: a local cluster by default, or an
existing scheduler by address. Results come back in input order, so the
outputs equal a local run's byte for byte."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from pipeline.ingest import Document


def process_one(doc: Document, config: dict) -> tuple[Document, dict]:
    """Runs inside a worker; the model is loaded once per worker process, with the run's entity
    configuration (`config`: overrides of pipeline.config.ENTITY_CONFIG; its files must be readable
    at the same paths on the worker's machine)."""
    from pipeline.nlp import keep_temporaries_on_heap, load_nlp
    from pipeline.process import process_documents

    keep_temporaries_on_heap()  # as for local workers: a worker's temporaries stay on its heap

    return next(process_documents([doc], lambda: load_nlp(config), config))


def process_on_dask(docs: Iterable[Document], config: dict | None = None, scheduler: str | None = None,
                    n_workers: int = 2) -> Iterator[tuple[Document, dict]]:
    from dask.distributed import Client, LocalCluster

    docs = list(docs)
    if not docs:
        return
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, env={"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"})
        client = Client(cluster)
    try:
        futures = client.map(process_one, docs, config=dict(config or {}), pure=False)
        for future in futures:
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
