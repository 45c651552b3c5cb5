"""Who said what: quotes, reporting cues, speaker mentions and content, statements, actors and their
resolution, and the per-article pipeline that runs them (:mod:`.pipeline`) over one
:class:`~.article.Article` per article."""
