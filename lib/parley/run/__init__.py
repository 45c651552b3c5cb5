"""Run the analysis on a corpus: the cached, parallel :func:`parley.analyze`, its cache, Dask, input checks."""
