"""Measure ``analyze_text`` throughput against TextBlob's sentiment on the same texts, in the same run.

Reads every ``*.txt`` under ``--corpus`` (default: the PolNeAR development split
beside the project, ``../shared/corpora/polnear-dev/text``; any folder of
plain-text articles works), then alternates rounds of

* ``parley.analyze_text(text)``: who said what in one article (sentences,
  statements, actors, conditions; ``bench_scale.py`` times the whole analysis
  with phrasing and sentiment), and
* ``TextBlob(text).sentiment`` (the yardstick: a lexicon pass over the same words),

and reports words/s for each (best of ``--rounds``) and their ratios. Ratios are
steadier than seconds on a shared machine. Not part of the test suite::

    .venv/bin/python benchmarks/bench_attribution.py [--corpus DIR] [--rounds 3]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from textblob import TextBlob

import parley

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "polnear-dev" / "text"


def _rate(func, texts: list[str], words: int) -> float:
    began = time.perf_counter()
    for text in texts:
        func(text)
    return words / (time.perf_counter() - began)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    files = sorted(args.corpus.glob("*.txt"))
    if not files:  # the evaluation corpora live outside the project; any folder of .txt articles will do
        print(f"skipped: no .txt files under {args.corpus} (pass --corpus DIR)")
        return
    texts = [f.read_text(encoding="utf-8") for f in files]
    words = sum(len(t.split()) for t in texts)
    parley.analyze_text(texts[0])  # build lexicons and regexes once, outside the timing
    ours, blob = [], []
    for _ in range(args.rounds):
        ours.append(_rate(parley.analyze_text, texts, words))
        blob.append(_rate(lambda t: TextBlob(t).sentiment, texts, words))
    best_ours, best_blob = max(ours), max(blob)
    print(f"{len(texts)} articles, {words} words, best of {args.rounds} rounds, one article at a time")
    print(f"parley.analyze_text        {best_ours:10.0f} words/s")
    print(f"TextBlob(text).sentiment   {best_blob:10.0f} words/s")
    print(f"ratio analyze_text / TextBlob    {best_ours / best_blob:6.3f}")


if __name__ == "__main__":
    main()
