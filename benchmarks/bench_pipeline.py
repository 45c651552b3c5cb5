"""Measure parley's loading, splitting and cached analysis on a generated corpus.

Generates ``--articles`` articles (default 5,000) in a temporary folder from the
seed article's paragraphs and invented sentences (different lengths, some with
quotes; mostly .txt, some .md with front matter, .html and .json), then reports:

* load + split: ``load_articles`` + ``to_sentences`` (words/s);
* ``analyze()`` first run, cache empty (words/s; statements and conditions included);
* ``analyze()`` re-run on unchanged folders of 1,000 and of all articles (seconds).

Run from the repository root (not part of the test suite)::

    .venv/bin/python benchmarks/bench_pipeline.py [--articles 5000]
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from parley import analyze, config, load_articles, to_sentences

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "000_ed59ce91eebbf266.txt"

# Invented sentences (fictional countries), so the corpus is not just the seed repeated.
INVENTED = [
    "Freedonia’s foreign ministry said the talks would resume “once the survey is complete”.",
    "“We will not accept any timeline that ignores our security,” the Sylvanian defence minister said on Monday.",
    "The agreement, according to officials in Freedonia, depends on the capacity of local forces.",
    "Sylvania said it would reduce its presence gradually, subject to a review in June.",
    "A spokesman for the Freedonian president declined to comment on the report.",
    "The two governments have met four times since January, and a fifth meeting is planned for Nov. 3.",
    "“This is a transition, not a withdrawal,” the envoy told reporters. “The partnership will evolve.”",
    "Analysts said the deal was unlikely to survive unless both parliaments ratified it by the end of the year.",
    "Prices rose 3.5 per cent in the quarter, the statistics office said.",
    "The ministry said the timeline would be contingent on the threat posed by armed groups.",
]
HTML = """<!doctype html><html><head><title>{title}</title>
<meta property="og:site_name" content="Bench Fixture Times"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>{title}</h1>
{paragraphs}</article><footer>Invented benchmark page.</footer></body></html>"""


def _seed_parts() -> tuple[list[str], list[str]]:
    """Return the seed's standfirst/caption lines and its body paragraphs."""
    lines = [ln for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]
    top = [ln for ln in lines[1:] if ln.startswith(("- ", "!["))]
    body = [ln for ln in lines[1:] if not ln.startswith(("- ", "!["))]
    return top, body


def generate(folder: Path, n: int, start: int = 0, paragraphs: tuple[int, int] = (2, 25)) -> None:
    """Write ``n`` articles (numbered from ``start``) of varied length and format into ``folder``.

    ``paragraphs`` bounds the paragraphs per article (about 37 words each):
    ``(12, 28)`` gives PolNeAR's length, 740 words on average.
    """
    top, body = _seed_parts()
    folder.mkdir(parents=True, exist_ok=True)
    lowest, highest = paragraphs
    for i in range(start, start + n):
        rng = random.Random(i)
        title = f"Bench article {i}: talks on the coalition timeline"
        paragraphs = []
        for _ in range(rng.randint(lowest, highest)):
            if rng.random() < 0.4:
                paragraphs.append(rng.choice(body))
            else:
                paragraphs.append(" ".join(rng.sample(INVENTED, rng.randint(1, 4))))
        kind = rng.random()
        if kind < 0.80:
            text = "\n".join([title, *rng.sample(top, rng.randint(0, len(top))), *paragraphs]) + "\n"
            (folder / f"a{i:05d}.txt").write_text(text, encoding="utf-8")
        elif kind < 0.90:
            front = f"---\ntitle: \"{title}\"\nsource: Bench Fixture Wire\ndate: 2024-01-{1 + i % 28:02d}\n---\n"
            (folder / f"a{i:05d}.md").write_text(front + "\n\n".join([f"# {title}", *paragraphs]) + "\n",
                                                 encoding="utf-8")
        elif kind < 0.95:
            html = HTML.format(title=title, paragraphs="\n".join(f"<p>{p}</p>" for p in paragraphs))
            (folder / f"a{i:05d}.html").write_text(html, encoding="utf-8")
        else:
            record = {"title": title, "text": "\n".join(paragraphs), "date": "2024-02-01", "source": "Bench Wire"}
            (folder / f"a{i:05d}.json").write_text(json.dumps(record), encoding="utf-8")


def _timed(func, repeat: int = 1):
    """Run ``func`` ``repeat`` times; return (best seconds, last result)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        tmp = Path(tmp)
        config.CACHE = tmp / "cache"  # never touch the project's cache
        small, large = tmp / "corpus-1000", tmp / f"corpus-{args.articles}"
        generate(small, 1000, start=args.articles)  # other texts: no article is shared with the large corpus
        generate(large, args.articles)

        seconds, articles = _timed(lambda: load_articles(large))
        words = int(articles["text"].str.split().str.len().sum())
        rows.append(("load_articles", len(articles), words, seconds, True))
        split, sentences = _timed(lambda: to_sentences(articles))
        rows.append(("to_sentences", len(articles), words, split, True))
        rows.append(("load + split", len(articles), words, seconds + split, True))

        for folder in (small, large):
            seconds, result = _timed(lambda folder=folder: analyze(folder))
            n_words = int(result.articles["text"].str.split().str.len().sum())
            rows.append((f"analyze, first run ({len(result.statements):,} statements)", len(result.articles),
                         n_words, seconds, True))
            seconds, result = _timed(lambda folder=folder: analyze(folder), repeat=3)
            # Less than all cached means parley's code or lexicons changed during the run (new cache key).
            rows.append((f"analyze, re-run ({result.cached:,} from cache)", len(result.articles), n_words, seconds,
                         False))

    print(f"{'step':<44} {'articles':>8} {'words':>10} {'seconds':>8} {'words/s':>11}")
    for step, n, w, s, rate in rows:  # a cached re-run's words/s would mean nothing
        print(f"{step:<44} {n:>8,} {w:>10,} {s:>8.3f} {f'{w / s:,.0f}' if rate else '-':>11}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{len(sentences):,} sentences; peak memory {peak:,.0f} MB")


if __name__ == "__main__":
    main()
