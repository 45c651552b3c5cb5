"""The declared column types of every frame the cache stores, and the conversions to and from Arrow.

Types are declared here, never inferred from the rows: an empty batch, or a
column that is missing in every row of a batch, is stored with the same types
as any other, so every part of a dataset can be read back and joined. Frames
read back are compact: text stays in Arrow buffers, repeated values are
categories, offsets and counts are 32-bit. A kind is one of

========  ==============================  ===============================================================
kind      stored as (Arrow)               in the frame (pandas)
========  ==============================  ===============================================================
``str``   ``string``                      ``str`` (Arrow-backed; NaN where missing)
``cat``   ``dictionary<int32, string>``   ``category`` (NaN where missing): few distinct values, never
                                          filled in or added to by parley (a category takes no new value)
``int``   ``int32``                       ``int32``, never missing (offsets, counts: < 2**31)
``Int``   ``int32``                       ``Int32``, with missing values
``float`` ``float64``                     ``float64``
``bool``  ``bool``                        ``bool``
``span``  not stored                      ``str``: the article text between two offsets of the row,
                                          sliced again on reading (``"span:start:end"``)
========  ==============================  ===============================================================

A new column needs one entry here, in its frame's column order. A ``span``
column must equal the article text between its offsets in every row;
:func:`to_table` checks it, so a column that stops being a plain slice is a
loud error, never a silently different value.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

__all__ = ["FILES", "FRAMES", "article_positions", "conform", "empty_frame", "schema", "spans", "stored", "to_frame", "to_table"]

_ARTICLE = {"article_id": "str", "path": "str", "title": "str", "source": "str", "published": "str", "url": "str",
            "text": "str", "format": "str", "encoding": "str", "language": "str"}
_REPORT = {"path": "str", "status": "str", "reason": "str", "articles": "int", "format": "str", "encoding": "str"}

#: The file memo: what each input file loaded to (one row per load report row).
FILES = {"file_key": "str", **_REPORT, **{k: v for k, v in _ARTICLE.items() if k not in _REPORT}}

#: The frames of one analysis.
FRAMES: dict[str, dict[str, str]] = {
    "sentences": {"article_id": "cat", "sentence_id": "str", "block": "cat", "block_index": "int", "start": "int",
                  "end": "int", "text": "span:start:end", "credit": "str"},
    "statements": {
        "statement_id": "str", "article_id": "cat", "sentence_id": "str", "block": "cat",
        "speaker": "str", "speaker_mention": "str", "speaker_start": "int", "speaker_end": "int",
        "cue": "cat", "cue_start": "Int", "cue_end": "Int",
        "content": "span:content_start:content_end", "content_start": "int", "content_end": "int",
        "mode": "cat", "party": "str", "party_evidence": "cat",
        "actor_id": "str", "joint": "str", "via": "cat", "rule": "cat", "repeats": "cat",
        "uncertain": "cat",
        # phrasing (parley.phrasing.measure_phrasing)
        "framing": "cat", "hedges": "int", "boosters": "int", "modal": "cat", "modal_strength": "float",
        "specificity": "int", "framing_denied": "cat", "denials": "int", "conditions": "int", "commitment": "float",
        # sentiment (parley.sentiment.add_sentiment)
        "polarity": "float", "subjectivity": "float", "sentiment_words": "str", "vader": "float",
        # cooperation-conflict tone (parley.measures.tone.add_tone)
        "tone_score": "float", "tone": "str", "tone_acts": "str", "tone_category": "str",
        "conditional_threat": "bool", "conditional_offer": "bool",
    },
    "actors": {"article_id": "cat", "actor_id": "str", "sentence_id": "str", "start": "int", "end": "int",
               "text": "str", "form": "cat", "kind": "cat", "name": "str", "role": "cat", "speaker": "bool",
               "party": "str", "party_evidence": "cat"},
    "conditions": {"condition_id": "str", "article_id": "cat", "statement_id": "str", "sentence_id": "str",
                   "party": "str", "marker": "cat", "marker_start": "Int", "marker_end": "Int", "condition": "str",
                   "start": "Int", "end": "Int", "target": "str", "target_start": "Int", "target_end": "Int",
                   "category": "cat", "rule": "cat"},
    "terms": {"statement_id": "str", "article_id": "cat", "party": "str", "kind": "cat", "family": "str",
              "term": "str", "start": "int", "end": "int", "denied": "bool"},
}

_ARROW = {"str": pa.string(), "cat": pa.dictionary(pa.int32(), pa.string()), "int": pa.int32(), "Int": pa.int32(),
          "float": pa.float64(), "bool": pa.bool_()}
_NULLABLE = ("str", "cat", "Int", "float")  # a missing float is NaN in the frame, null in the file
_TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' own ``str``: Arrow buffers, NaN for missing
_PANDAS = {pa.string(): _TEXT, pa.large_string(): _TEXT}
_NULLABLE_INT = {pa.int32(): pd.Int32Dtype()}


def spans(columns: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Return the ``span`` columns of a layout: column -> (start column, end column)."""
    return {name: tuple(kind.split(":")[1:]) for name, kind in columns.items() if kind.startswith("span:")}


def stored(columns: dict[str, str]) -> dict[str, str]:
    """Return the columns a layout stores (all but its ``span`` columns)."""
    return {name: kind for name, kind in columns.items() if not kind.startswith("span:")}


def schema(columns: dict[str, str]) -> pa.Schema:
    """Return the Arrow schema of what a declared layout stores (``FILES`` or one of ``FRAMES``)."""
    return pa.schema([pa.field(name, _ARROW[kind], nullable=kind in _NULLABLE)
                      for name, kind in stored(columns).items()])


def to_table(frame: pd.DataFrame, columns: dict[str, str], name: str, texts: dict | None = None) -> pa.Table:
    """Convert a frame to Arrow with its declared types, leaving out its ``span`` columns.

    Parameters
    ----------
    frame : pandas.DataFrame
        The frame, with exactly the declared columns in their order.
    columns : dict of str to str
        Its declared layout.
    name : str
        The frame's name, for the error message.
    texts : dict of str to str, optional
        Article id -> article text; required when the layout has ``span`` columns.

    Raises
    ------
    TypeError
        When the frame's columns are not the declared ones, in that order, a
        value does not fit its type, or a ``span`` column is not the article
        text between its offsets: a code defect, never the input's fault.
    """
    if list(frame.columns) != list(columns):
        extra = [c for c in frame.columns if c not in columns]
        missing = [c for c in columns if c not in frame.columns]
        raise TypeError(f"the {name} frame's columns are not those declared in parley.run.schemas (extra {extra}, "
                        f"missing {missing}, or another order): declare every new column there")
    for column, (start, end) in spans(columns).items():
        if len(frame) and (texts is None or list(frame[column]) != _slices(frame, texts, start, end)):
            raise TypeError(f"the {name} frame's {column!r} is declared a span of the article text "
                            f"({start}:{end}) in parley.run.schemas, but is not one in every row")
    kept = stored(columns)
    try:
        table = pa.Table.from_pandas(frame[list(kept)], schema=schema(columns), preserve_index=False, nthreads=1)
    except (ValueError, TypeError, pa.ArrowException) as exc:
        raise TypeError(f"the {name} frame has a column that does not fit its declared type: {exc}") from exc
    return table.replace_schema_metadata(None)  # the declared types, not pandas' notes, say how to read it back


def _slices(frame: pd.DataFrame, texts: dict, start: str, end: str) -> list:
    """Return the article text between ``start`` and ``end`` of every row."""
    return [texts[aid][s:e] for aid, s, e in zip(frame["article_id"], frame[start], frame[end])]


def conform(table: pa.Table, columns: dict[str, str]) -> pa.Table | None:
    """Return ``table`` with exactly the declared (stored) columns and types, or None when it cannot have them.

    A part written by another version or damaged in place may hold other
    columns or types. Only a column of no values (Arrow's null type), large
    text for text, plain text for categories, or extra columns are taken as
    they are; any other difference makes the part unusable (its articles are
    analysed again).
    """
    target = schema(columns)
    if table.schema.remove_metadata().equals(target):
        return table
    names = set(table.column_names)
    if not all(field.name in names and _same_kind(table.schema.field(field.name).type, field.type)
               for field in target):
        return None
    try:
        return table.select(target.names).cast(target)
    except (pa.ArrowException, ValueError, TypeError):
        return None  # e.g. a null in a column that may not have one


def _same_kind(found: pa.DataType, declared: pa.DataType) -> bool:
    """Say whether a stored column type reads as the declared one without changing a value."""
    if found == declared or pa.types.is_null(found):
        return True
    if pa.types.is_dictionary(declared):
        found = found.value_type if pa.types.is_dictionary(found) else found
        declared = declared.value_type
    return (pa.types.is_string(declared) and (pa.types.is_string(found) or pa.types.is_large_string(found)
                                              or pa.types.is_string_view(found)))


def to_frame(table: pa.Table, columns: dict[str, str], texts: pd.DataFrame | Texts | None = None,
             select: list[str] | None = None) -> pd.DataFrame:
    """Convert a conformed table to a frame with the declared pandas dtypes, slicing its ``span`` columns.

    Parameters
    ----------
    table : pyarrow.Table
        Conformed to the layout (:func:`conform`), or a selection of its columns.
    columns : dict of str to str
        The declared layout.
    texts : pandas.DataFrame or Texts, optional
        The articles (``article_id``, ``text``) that ``span`` columns are
        sliced from, or their :class:`Texts`; required when they are selected
        and the table has rows.
    select : list of str, optional
        The columns to return (default: every declared column).

    Returns
    -------
    pandas.DataFrame
        Text as pandas' Arrow-backed ``str``, categories, 32-bit integers:
        no Python object per value, so reading back costs little time and
        memory.
    """
    select = list(columns) if select is None else select
    out = {}
    for name in select:
        kind = columns[name]
        if kind.startswith("span:"):
            out[name] = _span(table, texts, *kind.split(":")[1:]).to_pandas(types_mapper=_PANDAS.get)
        elif kind == "Int":
            out[name] = table.column(name).to_pandas(types_mapper=_NULLABLE_INT.get)
        elif kind == "cat":
            out[name] = _categories(table.column(name).to_pandas())
        elif kind == "str":
            out[name] = table.column(name).to_pandas(types_mapper=_PANDAS.get)
        else:
            out[name] = pd.Series(table.column(name).to_numpy(), copy=False)
    return pd.DataFrame(out, index=pd.RangeIndex(len(table)), copy=False)


def _categories(series: pd.Series) -> pd.Series:
    """Return a categorical with the values it holds as categories, sorted: the same however the rows were stored."""
    series = series.cat.remove_unused_categories()
    categories = series.cat.categories
    return series if categories.is_monotonic_increasing else series.cat.reorder_categories(categories.sort_values())


class Texts:
    """Every article's text joined into one UTF-8 buffer, with what turns character offsets into byte offsets.

    Built once per set of articles and shared by every ``span`` column read
    from it: joining the texts costs as much as slicing them.
    """

    def __init__(self, articles: pd.DataFrame):
        texts = articles["text"].tolist()
        self.ids = pd.Index(articles["article_id"])
        self.data = np.frombuffer(b"".join(t.encode("utf-8", "surrogatepass") for t in texts), dtype=np.uint8)
        chars = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        self.base = np.concatenate([[0], np.cumsum(chars)[:-1]])  # each article's first character in the joined text
        leads = np.flatnonzero(self.data >= 0xC0)  # the first byte of each character of two or more bytes
        extra = (self.data[leads] >= 0xC0).astype(np.int64) + (self.data[leads] >= 0xE0) + (self.data[leads] >= 0xF0)
        self.lead_chars = leads - (np.cumsum(extra) - extra)  # each such character's position in the joined text
        self.before = np.concatenate([[0], np.cumsum(extra)])

    def bytes_at(self, chars: np.ndarray) -> np.ndarray:
        """Return the byte offsets of character offsets into the joined text."""
        return chars + self.before[np.searchsorted(self.lead_chars, chars)] if len(self.lead_chars) else chars


def _span(table: pa.Table, articles: pd.DataFrame | Texts | None, start: str, end: str) -> pa.ChunkedArray:
    """Slice the article text between the ``start`` and ``end`` offsets of every row, as Arrow text.

    The articles are joined into one UTF-8 buffer (:class:`Texts`) and the
    slices gathered from it with NumPy: no Python string per row.
    """
    if not len(table):
        return pa.chunked_array([], pa.string())
    texts = articles if isinstance(articles, Texts) else Texts(articles)
    row_article = article_positions(table.column("article_id"), texts.ids)
    first = texts.bytes_at(texts.base[row_article] + table.column(start).to_numpy().astype(np.int64))
    last = texts.bytes_at(texts.base[row_article] + table.column(end).to_numpy().astype(np.int64))
    return pa.chunked_array([_views(texts.data, first, last - first).cast(pa.string())])


def _views(data: np.ndarray, first: np.ndarray, sizes: np.ndarray) -> pa.Array:
    """Return Arrow string views of ``sizes`` bytes from ``first`` into ``data``: 16 bytes a row, no text copied.

    A view holds its length, then its bytes when they fit in 12, else their
    first 4 bytes, its buffer (0) and its offset (Arrow's ``string_view``
    layout); casting it to ``string`` gathers the bytes in Arrow's C++.
    """
    if len(data) >= 2 ** 31:  # a view's offset is 32-bit: gather in NumPy instead
        offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
        np.cumsum(sizes, out=offsets[1:])
        gather = np.repeat(first - offsets[:-1], sizes) + np.arange(offsets[-1], dtype=np.int64)
        return pa.Array.from_buffers(pa.large_string(), len(sizes), [None, pa.py_buffer(offsets),
                                                                     pa.py_buffer(data[gather])])
    padded = np.concatenate([data, np.zeros(12, dtype=np.uint8)])  # inline bytes may read past the end
    views = np.zeros((len(sizes), 16), dtype=np.uint8)
    views[:, 0:4] = sizes.astype("<i4").view(np.uint8).reshape(-1, 4)
    short = sizes <= 12
    for k in range(12):  # inline bytes of short strings, the 4-byte prefix of long ones
        rows = (sizes > k) & (short | (k < 4))
        views[rows, 4 + k] = padded[first[rows] + k]
    views[~short, 12:16] = first[~short].astype("<i4").view(np.uint8).reshape(-1, 4)  # buffer 0 at bytes 8-11
    return pa.Array.from_buffers(pa.string_view(), len(sizes), [None, pa.py_buffer(views), pa.py_buffer(data)])


def article_positions(keys: pa.ChunkedArray, ids: pd.Index, *, missing: bool = False) -> np.ndarray:
    """Return each row's position among the articles ``ids`` (-1 for another article, when ``missing``)."""
    rows = []
    for chunk in keys.chunks:  # each part's chunk has its own dictionary
        if pa.types.is_dictionary(chunk.type):
            rows.append(ids.get_indexer(chunk.dictionary.to_pandas())[chunk.indices.to_numpy(zero_copy_only=False)])
        else:
            rows.append(ids.get_indexer(chunk.to_pandas()))
    rows = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    if not missing and (rows < 0).any():
        raise KeyError("a row's article is not among the articles its spans are sliced from")
    return rows


def empty_frame(columns: dict[str, str]) -> pd.DataFrame:
    """Return a frame with no rows and the declared columns and dtypes."""
    return to_frame(schema(columns).empty_table(), columns)
