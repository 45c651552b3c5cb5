"""The analysis cache: Parquet datasets of parts, cheap to extend, safe to share, and prunable.

Layout under ``config.CACHE``::

    <code>/files/part-<id>.parquet                 what input files loaded to (one row per report row)
    <code>/<parties>/<frame>/part-<id>.parquet     the frames of one batch of articles
    <code>/<parties>/done/part-<id>.parquet        that batch's article ids, written last

``<code>`` hashes parley's code and lexicons, ``<parties>`` the parties and the
story setup. Adding an article writes a new part (its own cost, whatever the
size of the cache); parts are merged in the background of a run once there are
more than :data:`MAX_PARTS`. Every file is written to a temporary name and
renamed, so a killed run leaves no half file under a real name; a batch counts
only once its ``done`` record exists, so a run killed between frames leaves
orphans that are ignored and later pruned. An unreadable part is dropped and
its articles are analyzed again: nothing is lost, at worst recomputed.
Every part is read with the declared types of its frame (:mod:`parley.run.schemas`);
a part that cannot have them (written by another version, or damaged in place)
counts as damaged, and a warning says so.
"""
from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import tempfile
import time
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .schemas import FILES, FRAMES, conform, stored

try:
    import fcntl
except ImportError:  # Windows: merging and pruning then run without a lock (they stay safe, only redundant)
    fcntl = None

__all__ = ["MAX_PARTS", "cached_ids", "iter_batches", "read_batches", "write_batch", "read_rows", "write_rows", "compact", "prune", "clear",
           "size"]

#: More parts than this in a dataset, and the smallest :data:`MERGE` are merged into one.
MAX_PARTS = 8
MERGE = 8
#: Orphans (a batch's frames without its done record) younger than this may belong to a running writer.
ORPHAN_AGE = 15 * 60
DONE = "done"
KEY = "article_id"
_CODE_FOLDER = re.compile(r"[0-9a-f]{16}")
_DONE = {KEY: "str"}


def new_part() -> str:
    """Return a part name unique across processes and machines, sortable by time of creation."""
    return f"part-{time.time_ns():016x}-{os.getpid()}-{secrets.token_hex(3)}.parquet"


def write_table(path: Path, table: pa.Table) -> None:
    """Write ``table`` to ``path`` atomically: another reader sees the old file, the new one, or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    os.close(fd)
    try:
        # One dictionary per column: batches joined with their own dictionaries would be stored plain, and
        # every reader would then hash the values back into categories.
        pq.write_table(table.unify_dictionaries().combine_chunks(), tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def write_batch(folder: Path, tables: dict[str, pa.Table], ids: Iterable[str]) -> bool:
    """Store the frames of one batch of articles as a new part; say whether it was stored.

    Parameters
    ----------
    folder : Path
        The dataset folder (one subfolder per frame).
    tables : dict of str to pyarrow.Table
        The batch's frames, each with an ``article_id`` column.
    ids : iterable of str
        Every article of the batch, those without rows included.

    Returns
    -------
    bool
        False when the cache cannot be written (a read-only checkout still analyzes; it just does not cache).
    """
    name = new_part()
    try:
        for frame, table in tables.items():
            write_table(folder / frame / name, table)
        write_table(folder / DONE / name, pa.table({KEY: pa.array(sorted(set(ids)), pa.string())}))
    except (OSError, pa.ArrowException):
        return False
    return True


def read_batches(folder: Path, names: Iterable[str], wanted: Iterable[str],
                 columns: list[str] | None = None) -> tuple[dict[str, pa.Table], set]:
    """Read the cached frames of the ``wanted`` articles.

    Parameters
    ----------
    folder : Path
        The dataset folder.
    names : iterable of str
        The frames to read (of :data:`parley.run.schemas.FRAMES`, whose types they are read with).
    wanted : iterable of str
        Article ids.
    columns : list of str, optional
        Read only these stored columns of each frame (``article_id`` is always
        read); default all. Parquet reads a column without touching the others.

    Returns
    -------
    (dict of str to pyarrow.Table, set)
        Each frame's rows of the articles found, and the ids of those articles.
        An article stored twice (two runs at once) is read from its oldest part.
        A part with a missing, truncated, malformed or foreign file is dropped
        (its done record deleted) and its articles are left out, to be
        analyzed again.
    """
    names = list(names)
    pieces: dict[str, list[pa.Table]] = {name: [] for name in names}
    found: set = set()
    for ids, tables in iter_batches(folder, names, wanted, columns):
        found.update(ids)
        for name in names:
            pieces[name].append(tables[name])
    return {name: _concat(tables) for name, tables in pieces.items()}, found


def iter_batches(folder: Path, names: Iterable[str], wanted: Iterable[str],
                 columns: list[str] | None = None) -> Iterator[tuple[list[str], dict[str, pa.Table]]]:
    """Yield the cached frames of the ``wanted`` articles one part at a time, as :func:`read_batches` reads them.

    Yields
    ------
    (list of str, dict of str to pyarrow.Table)
        The part's wanted article ids (each article from one part only) and its frames' rows of them.
    """
    names = list(names)
    owner: dict[str, str] = {}
    wanted = set(wanted)
    every = dict(_done_parts(folder))
    for part, ids in every.items():
        for aid in wanted.intersection(ids):
            owner.setdefault(aid, part)
    chosen: dict[str, list[str]] = {}
    for aid, part in owner.items():
        chosen.setdefault(part, []).append(aid)
    for part, ids in chosen.items():
        tables = _read_part(folder, part, names, ids, every[part], columns)
        if tables is not None:
            yield ids, tables


def _done_parts(folder: Path) -> Iterator[tuple[str, list[str]]]:
    """Yield (part name, article ids) for every complete batch, oldest first; drop unreadable records."""
    for path in sorted((folder / DONE).glob("part-*.parquet")):
        try:
            table = conform(pq.read_table(path), _DONE)
            if table is None:
                raise KeyError(KEY)
            yield path.name, table.column(KEY).to_pylist()
        except FileNotFoundError:
            continue  # merged away by another run since it was listed
        except (OSError, pa.ArrowException, KeyError):
            _remove(path)


def _read_part(folder: Path, part: str, names: list[str], ids: list[str],
               every: list[str], columns: list[str] | None = None) -> dict[str, pa.Table] | None:
    """Read one part's frames for ``ids`` (of all its articles, ``every``), with their declared types.

    Returns None, and drops the part, when any of its files is unusable.
    """
    tables = {}
    for name in names:
        layout = stored(FRAMES[name])
        if columns is not None:
            layout = {c: kind for c, kind in layout.items() if c in columns or c == KEY}
        try:
            table = conform(_read_table(folder / name / part, list(layout)), layout)
            if table is None:
                raise KeyError(name)
            if len(ids) < len(every):  # some of the part's articles are not wanted, or are read from another part
                table = table.filter(pc.is_in(table.column(KEY), pa.array(ids, pa.string())))
            tables[name] = table
        except FileNotFoundError:
            if not (folder / DONE / part).exists():
                return None  # merged away by another run since it was listed
            _drop(folder / DONE / part, len(every), "a file of it is missing")
            return None
        except (OSError, pa.ArrowException, KeyError):
            _drop(folder / DONE / part, len(every), "it is damaged or was written by another version")
            return None  # the orphaned frame files are pruned later
    return tables


def _read_table(path: Path, columns: list[str]) -> pa.Table:
    """Read the ``columns`` of a part that has them all (else every column, for :func:`conform` to judge)."""
    file = pq.ParquetFile(path)
    names = set(file.schema_arrow.names)
    return file.read(columns=columns if names.issuperset(columns) else None, use_threads=False)


def cached_ids(folder: Path, names: Iterable[str], wanted: Iterable[str]) -> set:
    """Return the ``wanted`` article ids that a complete, sound batch of the dataset holds, reading no rows.

    Each part holding a wanted article is checked as far as its file footers
    tell: every frame's file is there, whole, and of the declared columns and
    types. A part that fails is dropped, as on reading (a warning says so).
    Damage inside a file that its footer does not show is found when the
    frame is read, and those articles are then analysed again.
    """
    names, wanted = list(names), set(wanted)
    found: set = set()
    for part, ids in _done_parts(folder):
        mine = wanted.intersection(ids) - found
        if mine and _sound(folder, part, names, len(ids)):
            found.update(mine)
    return found


def _sound(folder: Path, part: str, names: list[str], articles: int) -> bool:
    """Say whether every frame file of a part has a readable footer with the declared columns; drop it if not."""
    for name in names:
        try:
            columns = pq.ParquetFile(folder / name / part).schema_arrow
            if conform(columns.empty_table(), FRAMES[name]) is None:
                raise KeyError(name)
        except FileNotFoundError:
            if (folder / DONE / part).exists():
                _drop(folder / DONE / part, articles, "a file of it is missing")
            return False
        except (OSError, pa.ArrowException, KeyError):
            _drop(folder / DONE / part, articles, "it is damaged or was written by another version")
            return False
    return True


def _drop(done: Path, articles: int, why: str) -> None:
    """Delete a batch's done record, so its articles are analysed again, and say so in one line."""
    if _remove(done):
        warnings.warn(f"parley cache: dropped a stored batch of {articles} article(s) because {why}; they are "
                      f"analyzed again ({done.name})", stacklevel=4)
    else:
        warnings.warn(f"parley cache: a stored batch of {articles} article(s) is unusable because {why}, and the "
                      f"cache is read-only: they are analyzed again on every run ({done.name})", stacklevel=4)


def _concat(tables: list[pa.Table]) -> pa.Table | None:
    """Join tables of one frame (all of its declared types)."""
    if not tables:
        return None
    return pa.concat_tables(tables) if len(tables) > 1 else tables[0]


def read_rows(folder: Path, key: str) -> pa.Table | None:
    """Read a dataset of self-contained parts (the file memo) as one table, first row per ``key`` value wins.

    Every part is read with the declared types of :data:`parley.run.schemas.FILES`;
    a part that cannot have them is deleted (what it held is computed again).
    """
    tables, seen = [], set()
    for path in sorted(folder.glob("part-*.parquet")):
        try:
            table = conform(pq.read_table(path), FILES)
        except FileNotFoundError:
            continue
        except (OSError, pa.ArrowException):
            table = None
        if table is None:
            gone = _remove(path)
            warnings.warn(f"parley cache: {'dropped' if gone else 'cannot drop (read-only cache)'} a damaged or "
                          f"foreign part of {folder.name} ({path.name}); "
                          "what it held is computed again", stacklevel=3)
            continue
        if seen:  # the same file stored by two runs at once: its oldest rows win
            table = table.filter(pc.invert(pc.is_in(table.column(key), pa.array(sorted(seen), pa.string()))))
        seen.update(table.column(key).to_pylist())
        tables.append(table)
    return _concat(tables)


def write_rows(folder: Path, table: pa.Table) -> bool:
    """Add ``table`` to a dataset of self-contained parts; say whether it was stored."""
    try:
        write_table(folder / new_part(), table)
    except (OSError, pa.ArrowException):
        return False
    return True


def compact(folder: Path, names: list[str] | None = None) -> None:
    """Merge the smallest parts of a dataset while it has more than :data:`MAX_PARTS`.

    ``names`` lists the frames of a batch dataset (with ``done`` records); None
    means a dataset of self-contained parts. Only one process merges at a time;
    the others skip it. Merged parts are deleted only after the merged part is
    complete, so a reader sees each article at least once.
    """
    with _lock(folder, wait=False) as held:
        if not held:
            return
        while True:
            listing = folder / DONE if names else folder
            parts = sorted(listing.glob("part-*.parquet"), key=_rows)
            if len(parts) <= MAX_PARTS:
                return
            smallest = sorted(parts[:MERGE])  # oldest first: the article's first copy wins, as on reading
            if not _merge(folder, [p.name for p in smallest], names):
                return


def _rows(path: Path) -> int:
    """Return a part's number of rows (0 for an unreadable one: it is merged first, and dropped)."""
    try:
        return pq.ParquetFile(path).metadata.num_rows
    except (OSError, pa.ArrowException):
        return 0


def _merge(folder: Path, parts: list[str], names: list[str] | None) -> bool:
    """Merge ``parts`` into one new part; unreadable ones are dropped as on reading."""
    if names is None:
        tables = [t for t in (_try_read(folder / p, FILES) for p in parts) if t is not None]
        if tables and not write_rows(folder, _concat(tables)):
            return False
        for part in parts:
            _remove(folder / part)
        return True
    merged: dict[str, list[pa.Table]] = {name: [] for name in names}
    ids: list[str] = []
    seen: set = set()
    for part in parts:
        done = _try_read(folder / DONE / part, _DONE)
        if done is None:
            continue
        stored = done.column(KEY).to_pylist()
        new = [aid for aid in stored if aid not in seen]
        tables = _read_part(folder, part, names, new, stored) if new else {name: None for name in names}
        if tables is None:
            continue
        seen.update(new)
        ids.extend(new)
        for name in names:
            if tables[name] is not None:
                merged[name].append(tables[name])
    stored = {name: _concat(tables) for name, tables in merged.items() if tables}
    if ids and (len(stored) < len(names) or not write_batch(folder, stored, ids)):
        return False
    for part in parts:  # done records first: a reader never lists a batch whose frames are gone
        _remove(folder / DONE / part)
    for part in parts:
        for name in names:
            _remove(folder / name / part)
    return True


def _try_read(path: Path, columns: dict[str, str]) -> pa.Table | None:
    """Read a part with its declared ``columns``; None when it is unreadable or cannot have them."""
    try:
        return conform(pq.read_table(path), columns)
    except (OSError, pa.ArrowException):
        return None


def prune(root: Path, code: str, keep: dict[str, set], files: set) -> int:
    """Delete what no current article, code or parties version needs; return the bytes freed.

    Parameters
    ----------
    root : Path
        The cache folder (``config.CACHE``).
    code : str
        The current code version (its folder is kept).
    keep : dict of str to set
        For each parties key to keep, the article ids to keep.
    files : set
        The file fingerprints to keep in the file memo.

    Returns
    -------
    int
        Bytes freed.
    """
    before = size(root)
    if not root.is_dir():
        return 0
    with _lock(root, wait=True):
        for child in root.iterdir():
            if child.is_dir() and _CODE_FOLDER.fullmatch(child.name) and child.name != code:
                shutil.rmtree(child, ignore_errors=True)
        current = root / code
        if current.is_dir():
            _keep_rows(current / "files", "file_key", files)
            for child in current.iterdir():
                if child.name == "files" or not child.is_dir():
                    continue
                if child.name not in keep:
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    _keep_batches(child, keep[child.name])
        for tmp in root.rglob(".*.tmp"):
            if time.time() - _mtime(tmp) > ORPHAN_AGE:
                _remove(tmp)
    return before - size(root)


def _keep_rows(folder: Path, key: str, values: set) -> None:
    """Rewrite a dataset of self-contained parts as one part holding only the rows whose ``key`` is in ``values``."""
    parts = sorted(folder.glob("part-*.parquet"))
    table = read_rows(folder, key)
    if table is not None:
        kept = table.filter(pc.is_in(table.column(key), pa.array(sorted(values), pa.string())))
        if len(kept) and not write_rows(folder, kept):
            return
    for part in parts:
        _remove(part)


def _keep_batches(folder: Path, ids: set) -> None:
    """Rewrite a batch dataset as one part holding only the articles in ``ids``; delete orphans."""
    names = sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name != DONE)
    for name in names:
        if name not in FRAMES:  # a frame this version does not make
            shutil.rmtree(folder / name, ignore_errors=True)
    names = [name for name in names if name in FRAMES]
    parts = [p.name for p in sorted((folder / DONE).glob("part-*.parquet"))]
    tables, found = read_batches(folder, names, ids)
    if found and not write_batch(folder, {n: t for n, t in tables.items() if t is not None}, found):
        return
    for part in parts:
        _remove(folder / DONE / part)
    done = {p.name for p in (folder / DONE).glob("part-*.parquet")}
    for name in names:
        for path in (folder / name).glob("part-*.parquet"):
            if path.name not in done and (path.name in parts or time.time() - _mtime(path) > ORPHAN_AGE):
                _remove(path)


def clear(root: Path) -> int:
    """Delete every cached analysis under ``root``; return the bytes freed.

    Only folders that parley made (named by a code version) are deleted, so a
    mistaken ``PARLEY_CACHE`` never costs other files.
    """
    before = size(root)
    if root.is_dir():
        with _lock(root, wait=True):
            for child in root.iterdir():
                if child.is_dir() and _CODE_FOLDER.fullmatch(child.name):
                    shutil.rmtree(child, ignore_errors=True)
    return before - size(root)


def size(root: Path) -> int:
    """Return the bytes the files under ``root`` take."""
    return sum(_size(p) for p in root.rglob("*")) if root.is_dir() else 0


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return time.time()


def _remove(path: Path) -> bool:
    """Delete a file if it can be; say whether it is gone (False in a read-only cache)."""
    try:
        path.unlink()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


@contextlib.contextmanager
def _lock(folder: Path, *, wait: bool):
    """Hold ``folder``'s lock file while the block runs; yield whether it is held (False: another process has it)."""
    if fcntl is None or not folder.is_dir():
        yield True
        return
    try:
        fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield False  # a read-only cache: nothing to merge or prune
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)
