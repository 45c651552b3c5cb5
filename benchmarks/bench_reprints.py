"""Time add_quote_ids on 20,000 generated statements and score its grouping against the known truth.

The statements are invented: 2,000 distinct sentences by 200 speakers of two
parties, each sentence reprinted 1-20 times with small random edits (curly or
straight quotes, case, punctuation, a changed, dropped or added word, a
trimmed head or tail, an extra clause). Each speaker's sentences draw on the
speaker's own topic words, so different quotes by one speaker share rare
words: the hard case for blocking and for the thresholds.

Run::

    PYTHONPATH=lib python benchmarks/bench_reprints.py [--statements 20000] [--seed 0]

Prints the seconds (wall and CPU), statements per second, the seconds of
:func:`parley.reprints.provenance`, and pair precision and recall
(pairs of reports put in one quote that are truly one quote, and the
reverse).
"""
from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from parley.rollup.reprints import add_quote_ids, provenance

FUNCTION_WORDS = ("the of and to in on for with that will we our not be is it this as by from at "
                  "their they have has would could must any all before after while until").split()
PARTIES = ("Freedonia", "Sylvania")  # invented governments


def _word(rng) -> str:
    """Make an invented word of two to four syllables."""
    syllables = ["ka", "lo", "mi", "ren", "tas", "vo", "dun", "pel", "sor", "gri", "tha", "bel", "nu", "quor"]
    return "".join(rng.choice(syllables, size=int(rng.integers(2, 5))))


def generate(n_statements: int = 20_000, n_sentences: int = 2_000, n_speakers: int = 200, seed: int = 0):
    """Return (statements frame, true quote number per row)."""
    rng = np.random.default_rng(seed)
    vocabulary = sorted({_word(rng) for _ in range(8000)})
    topics = [list(rng.choice(vocabulary, size=40, replace=False)) for _ in range(n_speakers)]
    sentences, speakers = [], []
    for n in range(n_sentences):
        speaker = n % n_speakers
        length = int(rng.integers(10, 30))
        words = [str(rng.choice(topics[speaker])) if rng.random() < 0.35 else
                 str(rng.choice(FUNCTION_WORDS)) if rng.random() < 0.5 else str(rng.choice(vocabulary))
                 for _ in range(length)]
        words[0] = words[0].capitalize()
        sentences.append(words)
        speakers.append(speaker)
    copies = rng.integers(1, 21, size=n_sentences)
    copies = np.maximum(1, np.round(copies * n_statements / copies.sum())).astype(int)
    while copies.sum() > n_statements:  # rounding: take the excess from the most reprinted
        copies[np.argmax(copies)] -= 1
    while copies.sum() < n_statements:
        copies[np.argmin(copies)] += 1
    rows, truth = [], []
    for n, (words, speaker) in enumerate(zip(sentences, speakers)):
        for copy in range(copies[n]):
            edits = int(rng.integers(1, 4)) if copy else 0
            text = _edit(list(words), rng, vocabulary, edits) if copy else " ".join(words) + "."
            rows.append({"statement_id": f"s{n}-{copy}:q0", "article_id": f"a{n}-{copy}",
                         "speaker": f"Minister {speaker:03d}", "party": PARTIES[speaker % 2], "content": text,
                         "edits": edits})
            truth.append(n)
    order = rng.permutation(len(rows))
    return pd.DataFrame(rows).iloc[order].reset_index(drop=True), np.asarray(truth)[order]


def _edit(words: list[str], rng, vocabulary: list[str], edits: int) -> str:
    """Apply ``edits`` small edits (one to three), as outlets do to a wire quote."""
    for _ in range(edits):
        kind = rng.integers(6)
        if kind == 0 and len(words) > 10:                       # trim the tail
            words = words[:len(words) - int(rng.integers(1, max(2, len(words) // 3)))]
        elif kind == 1 and len(words) > 10:                     # trim the head
            words = words[int(rng.integers(1, 4)):]
        elif kind == 2:                                         # change a word
            words[int(rng.integers(len(words)))] = str(rng.choice(vocabulary))
        elif kind == 3 and len(words) > 8:                      # drop a word
            del words[int(rng.integers(len(words)))]
        elif kind == 4:                                         # extend with a clause
            words += ["and", "that", "will", "not", "change"]
        else:                                                   # a comma
            at = int(rng.integers(1, len(words)))
            words[at] = words[at] + ","
    text = " ".join(words) + "."
    quote = rng.integers(3)
    text = f"\u201c{text}\u201d" if quote == 0 else f'"{text}"' if quote == 1 else text
    return text.upper() if rng.random() < 0.02 else text


def pair_scores(predicted, truth) -> tuple[float, float]:
    """Return pair precision and recall of a grouping against the true one."""
    table = pd.crosstab(np.asarray(predicted), np.asarray(truth))
    pairs = lambda counts: float((counts * (counts - 1) / 2).sum())  # noqa: E731
    together = pairs(table.to_numpy())
    return together / pairs(table.sum(axis=1).to_numpy()), together / pairs(table.sum(axis=0).to_numpy())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    statements, truth = generate(args.statements, seed=args.seed)
    rng = np.random.default_rng(args.seed)
    days = pd.Timestamp("2024-03-01") + pd.to_timedelta(rng.integers(0, 60, len(statements)), unit="D")
    articles = pd.DataFrame({"article_id": statements["article_id"], "published": days.strftime("%Y-%m-%d"),
                             "source": rng.choice([f"Outlet {n}" for n in range(40)], len(statements))})
    start, cpu = time.perf_counter(), time.process_time()
    grouped = add_quote_ids(statements, articles)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    table = provenance(grouped, articles)
    table_seconds = time.perf_counter() - start
    precision, recall = pair_scores(grouped["quote_id"], truth)
    print(f"{len(statements)} statements ({len(set(truth))} true quotes) -> {grouped['quote_id'].nunique()} quote ids")
    print(f"add_quote_ids: {seconds:.2f} s ({cpu:.2f} s CPU), {len(statements) / seconds:,.0f} statements/s")
    print(f"provenance: {table_seconds:.2f} s for {len(table)} quotes")
    print(f"pairs: precision {precision:.4f}, recall {recall:.4f}")
    # Which copies end up with their original, by how much they were edited.
    original = dict(zip(truth[grouped["edits"].to_numpy() == 0], grouped.loc[grouped["edits"] == 0, "quote_id"]))
    with_original = grouped["quote_id"].to_numpy() == np.array([original[t] for t in truth], dtype=object)
    for edits in (1, 2, 3):
        mask = grouped["edits"].to_numpy() == edits
        print(f"copies with {edits} edit{'s' if edits > 1 else ''}: {with_original[mask].mean():.1%} "
              f"grouped with their original ({mask.sum()} copies)")


if __name__ == "__main__":
    main()
