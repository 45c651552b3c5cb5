"""Compare the speed of ``parley.sentence_spans`` with pySBD's English segmenter.

Builds a corpus of about ``--words`` words from the seed article's paragraphs,
the 48 Golden Rules texts and a few news-style paragraphs, shuffled, and
prints words per second for both splitters on the same paragraphs (one call
per paragraph, as ``to_sentences`` does per block), plus parley on the whole
corpus as one newline-separated string.  pySBD is slow, so by default it runs
on the first ``--pysbd-words`` words only.

Run from the repository root::

    .venv/bin/python benchmarks/bench_sentences.py [--words 1500000] [--pysbd-words 150000]
"""
from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from parley.corpus.sentences import sentence_spans

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "000_ed59ce91eebbf266.txt"
GOLDEN = ROOT / "tests" / "fixtures" / "golden_rules_en.json"

EXTRA_PARAGRAPHS = [
    "“We will not allow our territory to be used for attacks,” Prime Minister Mohammed Shia al-Sudani said "
    "on Thursday. The US embassy declined to comment.",
    "Lt. Col. Smith arrived on Jan. 5 at 3 p.m. local time. He met Gen. Mark Milley and Mrs. Jones at the "
    "U.S. Embassy, according to a statement from the State Dept.",
    "Growth slowed to 3.5 per cent in the third quarter, the ministry said. The deal, worth $1.2bn, was "
    "signed at No. 10 Downing Street... Officials did not say when talks would resume!",
    "Asked whether the troops would leave, the spokesman said: “That is a decision for the Iraqi "
    "government. We respect its sovereignty.” Iraq’s foreign ministry did not respond.",
    "The '90s were different, he said. ‘In the coming days’ the coalition’s advisers will meet again (the "
    "third such meeting this year). What happens next is unclear?",
]


def _paragraphs() -> list[str]:
    """Collect the source paragraphs: seed body lines, golden texts and extras."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))["cases"]
    lines = [ln for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]
    body = [ln for ln in lines if not ln.startswith(("![", "- "))]
    return body + [case["text"] for case in golden] + EXTRA_PARAGRAPHS


def _corpus(n_words: int, seed: int = 0) -> list[str]:
    """Repeat and shuffle the paragraphs until they hold about ``n_words`` words."""
    rng = random.Random(seed)
    source = _paragraphs()
    out: list[str] = []
    words = 0
    while words < n_words:
        batch = source[:]
        rng.shuffle(batch)
        for para in batch:
            out.append(para)
            words += len(para.split())
    return out


def _words_per_second(func, paragraphs: list[str], repeat: int = 3) -> float:
    """Time ``func`` over every paragraph (best of ``repeat``) and return words/s."""
    n_words = sum(len(p.split()) for p in paragraphs)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for para in paragraphs:
            func(para)
        best = min(best, time.perf_counter() - t0)
    return n_words / best


def main() -> None:
    """Run the benchmark and print words/s for both splitters and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_500_000, help="corpus size for parley")
    parser.add_argument("--pysbd-words", type=int, default=150_000, help="corpus prefix size for pySBD")
    args = parser.parse_args()

    paragraphs = _corpus(args.words)
    n_words = sum(len(p.split()) for p in paragraphs)
    print(f"corpus: {len(paragraphs):,} paragraphs, {n_words:,} words")

    parley_wps = _words_per_second(sentence_spans, paragraphs)
    print(f"parley sentence_spans, per paragraph : {parley_wps:>12,.0f} words/s")

    whole = "\n".join(paragraphs)
    t0 = time.perf_counter()
    sentence_spans(whole)
    whole_wps = n_words / (time.perf_counter() - t0)
    print(f"parley sentence_spans, whole corpus  : {whole_wps:>12,.0f} words/s")

    try:
        import pysbd
    except ImportError:
        print("pysbd not installed: no comparison")
        return
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    prefix, count = [], 0
    for para in paragraphs:
        if count >= args.pysbd_words:
            break
        prefix.append(para)
        count += len(para.split())
    pysbd_wps = _words_per_second(segmenter.segment, prefix, repeat=1)
    parley_same = _words_per_second(sentence_spans, prefix)
    print(f"pySBD segment ({count:,} words)      : {pysbd_wps:>12,.0f} words/s")
    print(f"parley on the same paragraphs        : {parley_same:>12,.0f} words/s")
    print(f"ratio parley / pySBD                 : {parley_same / pysbd_wps:>12,.1f}x")


if __name__ == "__main__":
    main()
