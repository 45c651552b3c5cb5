"""Show the results: plots, HTML tables, the notebook report and the interactive explorer."""
