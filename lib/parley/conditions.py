"""Find the conditions statements attach to their commitments (stub: being written)."""
from __future__ import annotations

import pandas as pd

__all__ = ["CONDITION_COLUMNS", "to_conditions"]

CONDITION_COLUMNS = [
    "condition_id", "article_id", "statement_id", "sentence_id", "party",
    "marker", "marker_start", "marker_end", "condition", "start", "end",
    "target", "target_start", "target_end", "category",
]


def to_conditions(statements: pd.DataFrame, *, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Find conditions in statements (stub)."""
    return pd.DataFrame(columns=CONDITION_COLUMNS)
