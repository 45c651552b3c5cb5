"""Command line: ``python -m parley report --articles DIR --parties FILE --out DIR``, ``python -m parley cache``
and ``python -m parley init NAME NAME ... [--out FILE]``."""
from __future__ import annotations

import argparse
import datetime as dt
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
    init = commands.add_parser("init", help="write a parties file for a new story from its countries' names",
                               description="Write a commented parties file for two or more countries: names, "
                               "abbreviations, demonyms, capitals, seats of government, ministries and the "
                               "office-holders at the story's dates. Edit it afterwards: it is a start.")
    init.add_argument("names", nargs="+", metavar="NAME", help="a country as you name it ('Iraq', 'United States', "
                      "'DPRK', 'Türkiye'); the party is named as you write it")
    init.add_argument("--out", default=None, help="the parties file to write (default: print it)")
    init.add_argument("--articles", default=None, help="the story's articles: office-holders are those in office "
                      "between their first and last publication date")
    init.add_argument("--dates", nargs=2, metavar=("FIRST", "LAST"), default=None, help="the story's first and "
                      "last day (YYYY-MM-DD), instead of --articles")
    init.add_argument("--force", action="store_true", help="replace --out if it exists")
    holders = commands.add_parser("officeholders", help="say how old the office-holders table is, or refresh it",
                                  description="The office-holders that `init` adds come from "
                                  "lib/parley/lexicons/officeholders.csv. Without an option, print how many terms and "
                                  "countries it has and up to when it is complete.")
    holders.add_argument("--refresh", action="store_true", help="rebuild heads of state and government and "
                         "foreign and defence ministers from Wikidata (needs the internet)")
    args = parser.parse_args(argv)
    if args.command == "cache":
        return _cache(args)
    if args.command == "init":
        return _init(args)
    if args.command == "officeholders":
        return _officeholders(args)

    from .run.inputs import InputError, summary_lines  # imported late: --help stays fast
    from .views.report import NOTEBOOKS, make_report

    try:
        result = make_report(args.articles, args.parties, args.out, notebooks=args.notebooks or NOTEBOOKS)
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


def _init(args) -> int:
    """Run ``python -m parley init``: write or print the parties file; return the exit code."""
    from .core.countries import CountryNotFound
    from .run.newstory import init_parties

    if args.articles and not Path(args.articles).exists():
        print(f"parley init: --articles {args.articles} does not exist", file=sys.stderr)
        return 2
    try:
        text = init_parties(args.names, out=args.out, articles=args.articles, dates=args.dates, overwrite=args.force)
    except CountryNotFound as exc:
        print(f"parley init: {exc}", file=sys.stderr)
        return 2
    except FileExistsError as exc:
        print(f"parley init: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:  # fewer than two countries, one country twice, a date that is no date
        print(f"parley init: {exc}", file=sys.stderr)
        return 2
    if args.out is None:
        sys.stdout.write(text)
    else:
        print(f"parley init: wrote {args.out} ({', '.join(args.names)}); check the office-holders against your "
              "articles and edit it freely")
    return 0


def _officeholders(args) -> int:
    """Run ``python -m parley officeholders``: describe or refresh the table; return the exit code."""
    from .core.officeholders import SNAPSHOT, load_officeholders, refresh_officeholders

    if args.refresh:
        try:
            rows = refresh_officeholders()
        except OSError as exc:  # no network: the table is left as it was
            print(f"parley officeholders: could not reach Wikidata ({exc}); the table is unchanged", file=sys.stderr)
            return 1
        print(f"parley officeholders: wrote {rows} terms")
        return 0
    table = load_officeholders()
    sources = ", ".join(f"{n} {s}" for s, n in table["source"].value_counts().items())
    print(f"parley officeholders: {len(table)} terms in {table['country'].nunique()} countries ({sources}); "
          f"the hand-compiled rows are complete to {SNAPSHOT}, {(dt.date.today() - SNAPSHOT).days} days ago: later "
          "changes of office are missing (python -m parley officeholders --refresh rebuilds it when online)")
    return 0


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


if __name__ == "__main__":
    sys.exit(main())
