"""Read the corpus: articles from files (:mod:`.articles`) and their sentences (:mod:`.sentences`)."""
