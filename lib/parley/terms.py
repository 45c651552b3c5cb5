"""Distinctive terms between parties and keyword-in-context lines (stub: being written)."""
from __future__ import annotations

import pandas as pd

__all__ = ["compare_terms", "kwic"]


def compare_terms(statements: pd.DataFrame, *, by: str = "party") -> pd.DataFrame:
    """Compare terms (stub)."""
    return pd.DataFrame()


def kwic(frame: pd.DataFrame, pattern: str, *, window: int = 5) -> pd.DataFrame:
    """Keyword in context (stub)."""
    return pd.DataFrame()
