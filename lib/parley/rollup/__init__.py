"""Roll statements up per government: summaries with their intervals, reprints, timeline."""
