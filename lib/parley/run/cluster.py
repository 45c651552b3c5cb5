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

from ..core.story import Story
from .batch import analyze_batch
from .digest import Digest, digest

__all__ = ["analyze_and_digest", "map_batches"]


def analyze_and_digest(articles: pd.DataFrame, parties: dict, story: Story | None = None) -> tuple[list, dict, Digest]:
    """Analyze a batch and digest it where it was analysed, so the per-government tables need no frame moved.

    Returns
    -------
    (list of str, dict of str to pyarrow.Table, Digest)
        As :func:`parley.run.batch.analyze_batch`, with the batch's :class:`parley.run.digest.Digest`.
    """
    ids, tables = analyze_batch(articles, parties, story)
    return ids, tables, digest(tables)


def map_batches(scheduler, batches: list[pd.DataFrame], parties: dict, story: Story) -> Iterator[tuple]:
    """Yield :func:`analyze_and_digest` results computed on a Dask cluster, as they finish.

    Parameters
    ----------
    scheduler : distributed.Client or str
        A client, or the address of a running scheduler (a client is made
        for the run and closed after it).
    batches : list of pandas.DataFrame
        Batches of article rows.
    parties : dict
        The parties table.
    story : parley.story.Story
        The story setup.

    Yields
    ------
    (list of str, dict of str to pyarrow.Table, Digest)
        As :func:`analyze_and_digest` returns them: the workers digest the
        batches they analyse, so the per-government tables of a corpus are
        made without its frames in one process's memory.
    """
    from dask import bag
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        items = bag.from_sequence(batches, npartitions=len(batches)).map(analyze_and_digest, parties, story)
        futures = client.compute(items.to_delayed())
        for future in as_completed(futures):
            yield from future.result()
            future.release()
    finally:
        if client is not scheduler:
            client.close()
