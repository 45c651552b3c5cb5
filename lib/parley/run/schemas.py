"""The declared column types of every frame the cache stores, and the conversions to and from Arrow.

Types are declared here, never inferred from the rows: an empty batch, or a
column that is missing (None) in every row of a batch, is stored with the same
types as any other, so every part of a dataset can be read back and joined.
A kind is one of

``str``    text, None where missing (Python objects in the frame)
``int``    ``int64``, never missing
``Int``    ``int64`` with missing values (pandas ``Int64``)
``float``  ``float64``
``bool``   ``bool``
"""
from __future__ import annotations

import pandas as pd
import pyarrow as pa

__all__ = ["FILES", "FRAMES", "conform", "empty_frame", "schema", "to_frame", "to_table"]

_ARTICLE = {"article_id": "str", "path": "str", "title": "str", "source": "str", "published": "str", "url": "str",
            "text": "str", "format": "str", "encoding": "str", "language": "str"}
_REPORT = {"path": "str", "status": "str", "reason": "str", "articles": "int", "format": "str", "encoding": "str"}

#: The file memo: what each input file loaded to (one row per load report row).
FILES = {"file_key": "str", **_REPORT, **{k: v for k, v in _ARTICLE.items() if k not in _REPORT}}

#: The frames of one analysis.
FRAMES: dict[str, dict[str, str]] = {
    "sentences": {"article_id": "str", "sentence_id": "str", "block": "str", "block_index": "int", "start": "int",
                  "end": "int", "text": "str", "credit": "str"},
    "statements": {
        "statement_id": "str", "article_id": "str", "sentence_id": "str", "block": "str",
        "speaker": "str", "speaker_mention": "str", "speaker_start": "int", "speaker_end": "int",
        "cue": "str", "cue_start": "Int", "cue_end": "Int",
        "content": "str", "content_start": "int", "content_end": "int",
        "mode": "str", "party": "str", "party_evidence": "str",
        "actor_id": "str", "joint": "str", "via": "str", "rule": "str", "repeats": "str",
        "uncertain": "str",
        # phrasing (parley.phrasing.measure_phrasing)
        "framing": "str", "hedges": "int", "boosters": "int", "modal": "str", "modal_strength": "float",
        "specificity": "int", "framing_denied": "str", "denials": "int", "conditions": "int", "commitment": "float",
        # sentiment (parley.sentiment.add_sentiment)
        "polarity": "float", "subjectivity": "float", "sentiment_words": "str", "vader": "float",
    },
    "actors": {"article_id": "str", "actor_id": "str", "sentence_id": "str", "start": "int", "end": "int",
               "text": "str", "form": "str", "kind": "str", "name": "str", "role": "str", "speaker": "bool",
               "party": "str", "party_evidence": "str"},
    "conditions": {"condition_id": "str", "article_id": "str", "statement_id": "str", "sentence_id": "str",
                   "party": "str", "marker": "str", "marker_start": "Int", "marker_end": "Int", "condition": "str",
                   "start": "Int", "end": "Int", "target": "str", "target_start": "Int", "target_end": "Int",
                   "category": "str", "rule": "str"},
    "terms": {"statement_id": "str", "article_id": "str", "party": "str", "kind": "str", "family": "str",
              "term": "str", "start": "int", "end": "int", "denied": "bool"},
}

_ARROW = {"str": pa.string(), "int": pa.int64(), "Int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
_PANDAS = {"int": "int64", "Int": "Int64", "float": "float64", "bool": "bool"}
_NULLABLE = ("str", "Int", "float")  # a missing float is NaN in the frame, null in the file


def schema(columns: dict[str, str]) -> pa.Schema:
    """Return the Arrow schema of a declared layout (``FILES`` or one of ``FRAMES``)."""
    return pa.schema([pa.field(name, _ARROW[kind], nullable=kind in _NULLABLE) for name, kind in columns.items()])


def to_table(frame: pd.DataFrame, columns: dict[str, str], name: str) -> pa.Table:
    """Convert a frame to Arrow with its declared types.

    Raises
    ------
    TypeError
        When the frame's columns are not the declared ones, in that order, or
        a value does not fit its type: a code defect, never the input's fault.
    """
    if list(frame.columns) != list(columns):
        extra = [c for c in frame.columns if c not in columns]
        missing = [c for c in columns if c not in frame.columns]
        raise TypeError(f"the {name} frame's columns are not those declared in parley.run.schemas (extra {extra}, "
                        f"missing {missing}, or another order): declare every new column there")
    try:
        table = pa.Table.from_pandas(frame, schema=schema(columns), preserve_index=False, nthreads=1)
    except (ValueError, TypeError, pa.ArrowException) as exc:
        raise TypeError(f"the {name} frame has a column that does not fit its declared type: {exc}") from exc
    return table.replace_schema_metadata(None)  # the declared types, not pandas' notes, say how to read it back


def conform(table: pa.Table, columns: dict[str, str]) -> pa.Table | None:
    """Return ``table`` with exactly the declared columns and types, or None when it cannot have them.

    A part written by another version or damaged in place may hold other
    columns or types. Only a column of no values (Arrow's null type), large
    text for text, or extra columns are taken as they are; any other
    difference makes the part unusable (its articles are analysed again).
    """
    target = schema(columns)
    if table.schema.remove_metadata().equals(target):
        return table
    names = set(table.column_names)
    if not all(field.name in names and _same_kind(table.schema.field(field.name).type, field.type)
               for field in target):
        return None
    try:
        return table.select(list(columns)).cast(target)
    except (pa.ArrowException, ValueError, TypeError):
        return None  # e.g. a null in a column that may not have one


def _same_kind(found: pa.DataType, declared: pa.DataType) -> bool:
    """Say whether a stored column type reads as the declared one without changing a value."""
    if found == declared or pa.types.is_null(found):
        return True
    return pa.types.is_string(declared) and (pa.types.is_large_string(found) or pa.types.is_string_view(found))


def to_frame(table: pa.Table, columns: dict[str, str]) -> pd.DataFrame:
    """Convert a conformed table to a frame with the declared pandas dtypes (text as objects, None for missing)."""
    out = {}
    for name, kind in columns.items():
        column = table.column(name)
        if kind == "str":
            out[name] = pd.Series(column.to_numpy(zero_copy_only=False), dtype=object, copy=False)
        elif kind == "Int":
            out[name] = column.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
        else:
            out[name] = pd.Series(column.to_numpy(zero_copy_only=False), dtype=_PANDAS[kind], copy=False)
    return pd.DataFrame(out, index=pd.RangeIndex(len(table)), copy=False)


def empty_frame(columns: dict[str, str]) -> pd.DataFrame:
    """Return a frame with no rows and the declared columns and dtypes."""
    return to_frame(schema(columns).empty_table(), columns)
