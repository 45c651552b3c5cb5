"""Measure each statement: conditions, phrasing (framing, hedges, boosters, modals), terms, sentiment, tone."""
