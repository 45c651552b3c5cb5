"""Read the editable word lists in ``data/lexicons/`` (one reader for every module)."""
from __future__ import annotations

import csv
from functools import cache

from . import config

__all__ = ["read_lexicon"]


def read_lexicon(name: str) -> list[dict]:
    """Read a lexicon CSV from ``config.LEXICONS`` as a list of row dicts.

    Parameters
    ----------
    name : str
        The file name, e.g. ``"hedges.csv"``.

    Returns
    -------
    list of dict
        One dict per non-blank row, keyed by the header. Re-read when the file
        changes, so an edited lexicon takes effect in a running notebook.
    """
    path = config.LEXICONS / name
    return _read(str(path), path.stat().st_mtime_ns)


@cache
def _read(path: str, _mtime: int) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if any((v or "").strip() for v in row.values())]
