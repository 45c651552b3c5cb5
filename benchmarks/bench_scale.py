"""Measure parley at scale: whole-analysis throughput against TextBlob, the cache as it grows, memory, Dask.

Reports, in one run (ratios and differences, which a shared machine keeps steadier than seconds):

1. **Throughput.** ``parley.analyze(folder, cache=False)`` (load, sentences,
   statements, actors, conditions, phrasing, sentiment) in words/s on one
   core and on all cores, as a ratio to ``TextBlob(text).sentiment`` on the
   same texts in the same run (the median of ``--rounds``). Real-length
   articles: the PolNeAR training split beside the project when present
   (``--corpus``), else a generated corpus.
2. **The cache as it grows.** Caches of 1,000, 5,000 and 20,000 generated
   articles (``--sizes``): a cached rerun (and with every frame read), then
   the same run with one new article. The cost of adding it is the
   difference (best of three new articles); it must not grow with the cache.
3. **Archives.** 1,000, 10,000 and 50,000 generated articles of PolNeAR's
   length (``--archive``): read back in a fresh process on one core, every
   frame or only the per-government tables, with peak resident memory and
   memory per article (filling the 50,000 takes most of an hour on 2 cores).
4. **Dask.** Throughput on a ``distributed.LocalCluster`` with 1 and 2 workers.

Run from the repository root (``make bench``; not part of the test suite)::

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1000 5000 20000] [--archive 1000 10000 50000]
"""
from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

os.environ["TQDM_DISABLE"] = "1"  # before tqdm is imported: it reads its settings then

from textblob import TextBlob  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import generate  # noqa: E402  (the generated corpus is shared with the pipeline benchmark)

import parley  # noqa: E402
from parley import config  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "polnear-train" / "text"


def _seconds(func) -> float:
    began = time.perf_counter()
    func()
    return time.perf_counter() - began


def throughput(folder: Path, rounds: int) -> list[tuple]:
    """Return rows (what, words/s, ratio to TextBlob, lowest ratio, highest ratio): the median of ``rounds`` rounds.

    Each round times TextBlob and parley one after the other, so its ratio compares them under the same load;
    the median ratio of the rounds is what a shared machine keeps steadiest.
    """
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    cores = parley.analysis._cores()
    blob, one, every = [], [], []
    parley.analyze(sorted(folder.glob("*.txt"))[:3], cache=False, workers=1)  # lexicons, models and regexes built
    for _ in range(rounds):  # interleaved, so a slow spell of the machine hits all three alike
        blob.append(words / _seconds(lambda: [TextBlob(t).sentiment for t in texts]))
        one.append(words / _seconds(lambda: parley.analyze(folder, cache=False, workers=1)))
        every.append(words / _seconds(lambda: parley.analyze(folder, cache=False, workers=cores)))
    print(f"{len(texts):,} articles, {words:,} words ({folder}), median of {rounds} rounds")
    rows = [("TextBlob(text).sentiment, one core", blob, [1.0] * rounds),
            ("parley whole analysis, one core", one, [o / b for o, b in zip(one, blob)]),
            (f"parley whole analysis, {cores} cores", every, [e / b for e, b in zip(every, blob)])]
    return [(what, statistics.median(rates), statistics.median(ratios), min(ratios), max(ratios))
            for what, rates, ratios in rows]


def _every_frame(analysis) -> None:
    for name in ("sentences", "statements", "actors", "conditions", "terms"):
        getattr(analysis, name)


def growth(folder: Path, sizes: list[int]) -> list[tuple]:
    """Return rows (size, rerun s, rerun with every frame s, run with one new article s, its analysis s, its storing s).

    A cached rerun returns once the articles are loaded and their batches
    found in the cache; its frames are read when first used ("with every
    frame": all five read, as the notebooks together use them).

    The work a new article adds is timed directly (its analysis; writing its
    part, its file's memo entry and any merging of small parts), as the
    difference of two runs of many seconds would drown it in noise.
    """
    files = sorted(folder.glob("a*"))
    spare = sorted((folder.parent / "spare").glob("a*"))
    rows = []
    for size in sizes:
        paths = files[:size]
        parley.analyze(paths)  # fill the cache up to this size (only the new articles are analyzed)
        best = None
        frames = _seconds(lambda: _every_frame(parley.analyze(paths)))
        for k in range(3):
            rerun = _seconds(lambda: parley.analyze(paths))
            with _timed(parley.analysis, "analyze_batch") as analysing, \
                    _timed(parley.analysis, "write_batch", "compact", "_write_memo") as storing:
                add = _seconds(lambda: parley.analyze([*paths, spare[len(rows) * 3 + k]]))
            row = (size, rerun, frames, add, analysing[0], storing[0])
            best = row if best is None or row[4] + row[5] < best[4] + best[5] else best
        rows.append(best)
    return rows


@contextlib.contextmanager
def _timed(module, *names):
    """Add up the seconds spent in ``module``'s functions ``names`` while the block runs (yields a 1-list)."""
    spent, depth = [0.0], [0]
    real = {name: getattr(module, name) for name in names}

    def timer(func):
        def run(*args, **kwargs):
            began = time.perf_counter()
            depth[0] += 1
            try:
                return func(*args, **kwargs)
            finally:
                depth[0] -= 1
                if not depth[0]:  # one of them calling another is counted once
                    spent[0] += time.perf_counter() - began
        return run

    for name, func in real.items():
        setattr(module, name, timer(func))
    try:
        yield spent
    finally:
        for name, func in real.items():
            setattr(module, name, func)


_READ = """
import os, re, sys, time, warnings
warnings.simplefilter("ignore")
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
import parley
from pathlib import Path


def peak():  # VmHWM: this process's own peak (ru_maxrss would carry over the parent's across exec)
    return int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024


paths = sorted(Path(sys.argv[1]).glob("a*"))[:int(sys.argv[2])]
base = peak()
began = time.perf_counter()
a = parley.analyze(paths)
if sys.argv[3] == "frames":
    for name in ("sentences", "statements", "actors", "conditions", "terms"):
        getattr(a, name)
else:
    a.digest().tables()
print(time.perf_counter() - began, peak(), base, a.cached)
"""


def archive(sizes: list[int], tmp: Path) -> list[tuple]:
    """Return rows (articles, what, seconds, peak MB, MB per article) of archives of PolNeAR-length articles.

    Each archive is analysed into the cache once (all cores), then read back in
    a fresh process on one core, twice: every frame as a DataFrame (what the
    notebooks use), and only the per-government tables (a digest). The peak is
    the process's resident memory; per article is the peak above that of
    ``import parley``, divided by the articles.
    """
    folder = tmp / "archive"
    generate(folder, max(sizes), start=10_000_000, paragraphs=(12, 28))  # 740 words on average, as PolNeAR
    env = {**os.environ, "PARLEY_CACHE": str(tmp / "archive-cache"), "TQDM_DISABLE": "1"}
    rows = []
    for n in sizes:
        fill = _seconds(lambda: subprocess.run([sys.executable, "-c", _READ, str(folder), str(n), "digest"],
                                               env=env, check=True, capture_output=True))
        rows.append((n, "analysed into the cache (all cores)", fill, None, None))
        for what in ("frames", "digest"):
            out = subprocess.run([sys.executable, "-c", _READ, str(folder), str(n), what], env=env, check=True,
                                 capture_output=True, text=True).stdout.split()
            seconds, peak, base = float(out[0]), float(out[1]), float(out[2])
            label = "read back: every frame" if what == "frames" else "read back: per-government tables"
            rows.append((n, label, seconds, peak, (peak - base) / n))
    return rows


def dask_rates(folder: Path) -> list[tuple]:
    """Return rows (workers, words/s) for a LocalCluster with 1 and 2 worker processes."""
    from distributed import Client, LocalCluster

    words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))
    rows = []
    for n in (1, 2):
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            parley.analyze(sorted(folder.glob("*.txt"))[:5], scheduler=client, cache=False)  # warm the workers
            rows.append((n, words / _seconds(lambda: parley.analyze(folder, scheduler=client, cache=False))))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of real .txt articles")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--archive", type=int, nargs="*", default=[1000, 10000, 50000],
                        help="archive sizes for memory and read-back (none: skip)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory(prefix="parley-scale-") as tmp:
        tmp = Path(tmp)
        config.CACHE = tmp / "cache"  # never touch the project's cache
        real = args.corpus if any(args.corpus.glob("*.txt")) else None
        if real is None:
            print(f"{args.corpus} has no .txt articles: measuring throughput on 1,000 generated ones")
            real = tmp / "real"
            generate(real, 1000, start=20_000_000)
            for path in real.glob("*"):  # throughput() reads .txt; keep the generated mix as plain text
                if path.suffix != ".txt":
                    path.unlink()
        print("\n== Whole analysis against TextBlob's sentiment alone (same texts, same run)")
        for what, rate, ratio, low, high in throughput(real, args.rounds):
            print(f"{what:<44} {rate:>10,.0f} words/s   ratio {ratio:5.2f} (rounds {low:.2f}-{high:.2f})")

        print("\n== Adding one article to a growing cache (seconds, one core; best of three new articles)")
        grown = tmp / "grown"
        generate(grown, max(args.sizes))
        generate(tmp / "spare", 3 * len(args.sizes), start=30_000_000)
        print(f"{'cache size':>10} {'cached rerun':>13} {'+ every frame':>14} {'rerun + 1 new':>14} "
              f"{'adding: analysis':>17} {'+ storing':>10} {'= cost':>7}")
        for size, rerun, frames, add, analysing, storing in growth(grown, args.sizes):
            print(f"{size:>10,} {rerun:>13.3f} {frames:>14.3f} {add:>14.3f} {analysing:>17.3f} {storing:>10.3f} "
                  f"{analysing + storing:>7.3f}")

        if args.archive:
            print("\n== Archives of PolNeAR-length articles: read back in a fresh process, one core")
            print(f"{'articles':>8}  {'what':<38} {'seconds':>8} {'peak MB':>8} {'MB/article':>10}")
            for n, what, seconds, peak, per in archive(args.archive, tmp):
                shown = f"{peak:>8,.0f} {per:>10.3f}" if peak is not None else f"{'':>8} {'':>10}"
                print(f"{n:>8,}  {what:<38} {seconds:>8.2f} {shown}")

        print("\n== Dask LocalCluster (the same articles as the throughput test)")
        for n, rate in dask_rates(real):
            print(f"{n} worker{'s' if n > 1 else ' '} {rate:>12,.0f} words/s")


if __name__ == "__main__":
    main()
