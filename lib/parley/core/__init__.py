"""Shared by every stage: paths, lexicon loading, DataFrame building, the parties and the story setup, intervals, words."""
