"""Run the analysis on a Dask cluster: ``parley.analyze(path, scheduler=client_or_address)``.

The cluster maps :func:`parley.run.batch.analyze_batch` over a ``dask.bag`` of
article batches; the results come back to this process, which writes them to
the same Parquet cache as a local run, so the workers need no shared disk,
only parley installed (the same version: its code hash keys the cache).

Any Dask cluster will do: a ``distributed.LocalCluster`` on one machine, a
scheduler started by hand (``dask scheduler`` and ``dask worker ADDRESS`` on
each machine), or one made by dask-jobqueue (SLURM, PBS, ...) or dask-kubernetes.
Pass its client or its address::

    from distributed import Client
    client = Client("tcp://10.0.0.5:8786")
    analysis = parley.analyze("archive/", scheduler=client)
"""
from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from ..core.setup import Setup
from .batch import analyze_batch

__all__ = ["map_batches"]


def map_batches(scheduler, batches: list[pd.DataFrame], setup: Setup) -> Iterator[tuple]:
    """Yield :func:`parley.run.batch.analyze_batch` results computed on a Dask cluster, as they finish.

    Parameters
    ----------
    scheduler : distributed.Client or str
        A client, or the address of a running scheduler (a client is made
        for the run and closed after it).
    batches : list of pandas.DataFrame
        Batches of article rows.
    setup : parley.core.setup.Setup
        The parties and the story, pickled to the workers with each batch.

    Yields
    ------
    (list of str, dict of str to pyarrow.Table)
        As :func:`parley.run.batch.analyze_batch` returns them.
    """
    from dask import bag
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        items = bag.from_sequence(batches, npartitions=len(batches)).map(analyze_batch, setup)
        futures = client.compute(items.to_delayed())
        for future in as_completed(futures):
            yield from future.result()
            future.release()
    finally:
        if client is not scheduler:
            client.close()
