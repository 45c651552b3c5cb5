"""Command line: ``python -m parley report --articles DIR --parties FILE --out DIR``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import config


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
    args = parser.parse_args(argv)

    from .inputs import InputError, summary_lines  # imported late: --help stays fast
    from .report import NOTEBOOKS, make_report

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


if __name__ == "__main__":
    sys.exit(main())
