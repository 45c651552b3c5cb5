"""Command line: ``python -m parley report --articles DIR --parties FILE --out DIR`` and ``python -m parley cache``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core import config


def main(argv: list[str] | None = None) -> int:
    """Run the parley command line.

    Parameters
    ----------
    argv : list of str, optional
        Arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0 on success, 1 when a notebook failed, 2 when an
        input is missing or invalid (nothing is written then).
    """
    parser = argparse.ArgumentParser(prog="parley", description="Compare what governments say about the same "
                                     "events in the news.")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="run every notebook headlessly and write <out>/report.html",
                                 description="Execute notebooks/NN-*.ipynb with papermill on the articles and "
                                 "write charts (PNG, SVG, PDF) and a self-contained HTML report.")
    report.add_argument("--articles", default=str(config.ARTICLES), help="articles folder or file "
                        "(default: %(default)s)")
    report.add_argument("--parties", default=str(config.PARTIES), help="parties TOML file (default: %(default)s)")
    report.add_argument("--corrections", default=str(config.CORRECTIONS), help="the analyst's corrections (CSV; "
                        "notebook 05-review writes it; a missing file holds none; default: %(default)s)")
    report.add_argument("--out", default=str(config.REPORTS), help="output folder (default: %(default)s)")
    report.add_argument("--notebooks", default=None, help="folder of NN-topic.ipynb notebooks to run "
                        "(default: the project's notebooks/)")
    cache = commands.add_parser("cache", help="show, prune or clear the analysis cache",
                                description=f"The analysis cache lives in {config.CACHE} (set PARLEY_CACHE to move "
                                "it). Without an option, print where it is and how big it is.")
    what = cache.add_mutually_exclusive_group()
    what.add_argument("--prune", action="store_true", help="delete what the given articles and parties file do "
                      "not need (other articles, parties files or versions of parley)")
    what.add_argument("--clear", action="store_true", help="delete every cached analysis")
    cache.add_argument("--articles", default=str(config.ARTICLES), help="articles to keep with --prune "
                       "(default: %(default)s)")
    cache.add_argument("--parties", default=str(config.PARTIES), help="parties file to keep with --prune "
                       "(default: %(default)s)")
    args = parser.parse_args(argv)
    if args.command == "cache":
        return _cache(args)

    from .run.inputs import InputError, summary_lines  # imported late: --help stays fast
    from .views.report import NOTEBOOKS, make_report

    try:
        result = make_report(args.articles, args.parties, args.out, notebooks=args.notebooks or NOTEBOOKS,
                             corrections=args.corrections)
    except InputError as exc:
        print(f"parley report: {exc}", file=sys.stderr)
        return 2
    for run in result.runs:
        print(f"{'FAILED' if run.error else 'ok':>6}  {run.notebook}" + (f": {run.error}" if run.error else ""))
    print("\n".join(summary_lines(result.inputs, result.html)))
    if result.failed:
        names = ", ".join(r.notebook for r in result.failed)
        print(f"parley report: {len(result.failed)} notebook(s) failed: {names} (the executed copies in "
              f"{Path(args.out) / 'notebooks'} show where)", file=sys.stderr)
        return 1
    return 0


def _cache(args) -> int:
    """Run ``python -m parley cache``: print, prune or clear the cache; return the exit code."""
    from .run import cache

    root = config.CACHE
    if args.clear:
        print(f"parley cache: cleared {_mb(cache.clear(root))} from {root}")
    elif args.prune:
        for option, path in (("--articles", args.articles), ("--parties", args.parties)):
            if not Path(path).exists():
                print(f"parley cache: {option} {path} does not exist; nothing was pruned (prune keeps what the "
                      f"articles and parties file you name need)", file=sys.stderr)
                return 2
        from .run.analysis import prune_cache

        freed = prune_cache(args.articles, parties=args.parties)
        print(f"parley cache: pruned {_mb(freed)}; {root} now holds {_mb(cache.size(root))}")
    else:
        print(f"parley cache: {root} holds {_mb(cache.size(root))}")
    return 0


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


if __name__ == "__main__":
    sys.exit(main())
