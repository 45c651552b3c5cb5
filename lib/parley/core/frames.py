"""Build parley's tidy frames from row tuples, with the dtypes every module promises.

Text columns hold Python objects (None where missing), offsets are ``int64``
(``Int64`` where they may be missing) and flags are ``bool``. One object
block is built and the few typed columns set on it by position: per-column
Series cost more than the extraction itself on short articles.
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd

__all__ = ["from_rows"]


def from_rows(rows: list[tuple], columns: list[str], *, ints=(), nullable_ints=(), bools=()) -> pd.DataFrame:
    """Return a frame of ``rows`` (tuples in ``columns`` order) with typed columns.

    Parameters
    ----------
    rows : list of tuple
        One tuple per row.
    columns : list of str
        The column names.
    ints, nullable_ints, bools : iterable of str
        Columns to hold as ``int64``, ``Int64`` (None allowed) and ``bool``;
        every other column holds Python objects.

    Returns
    -------
    pandas.DataFrame
        With a fresh RangeIndex; empty frames keep their columns and dtypes.
    """
    block = np.empty((len(rows), len(columns)), dtype=object)
    if rows:
        block[:] = rows
    frame = pd.DataFrame(block, columns=_index(tuple(columns)).copy(), dtype=object)  # a copy: frames may rename
    for name in ints:
        at = columns.index(name)
        frame.isetitem(at, block[:, at].astype("int64"))
    for name in nullable_ints:
        at = columns.index(name)
        values = block[:, at]
        missing = np.fromiter((v is None or v != v for v in values), dtype=bool, count=len(values))
        frame.isetitem(at, pd.arrays.IntegerArray(np.where(missing, 0, values).astype("int64"), missing))
    for name in bools:
        at = columns.index(name)
        frame.isetitem(at, block[:, at].astype(bool))
    return frame


@functools.lru_cache(maxsize=32)
def _index(columns: tuple[str, ...]) -> pd.Index:
    """Return the column index of a frame layout, built once (an Index costs more than it looks)."""
    return pd.Index(columns)
