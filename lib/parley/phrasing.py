"""Measure how statements are worded (stub: being written)."""
from __future__ import annotations

import pandas as pd

__all__ = ["add_phrasing"]


def add_phrasing(statements: pd.DataFrame) -> pd.DataFrame:
    """Add phrasing columns (stub)."""
    return statements.copy()
