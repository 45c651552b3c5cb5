"""Paths and constants shared by the whole package (the one place paths come from)."""
from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

#: Root of the project checkout (lib/parley/core/config.py -> project root).
ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data"
ARTICLES = DATA / "articles"
NOTEBOOKS = ROOT / "notebooks"
PARTIES = DATA / "parties.toml"
#: The analyst's corrections (notebook 05-review writes them; see parley.run.corrections).
CORRECTIONS = DATA / "corrections.csv"
#: The word lists ship inside the package, so an installed parley (a Dask worker, ``pip install .``) has them.
LEXICONS = Path(__file__).resolve().parents[1] / "lexicons"
REPORTS = ROOT / "reports"
FIGURES = REPORTS / "figures"
#: Parquet cache of analyzed articles; override with the PARLEY_CACHE environment variable.
CACHE = Path(os.environ.get("PARLEY_CACHE") or ROOT / ".cache" / "parley")  # set but empty: the default, not "."

try:
    VERSION = version("parley")
except PackageNotFoundError:  # running from a source tree that was not installed
    VERSION = "0+unknown"

#: Files larger than this are listed as skipped rather than loaded (bytes).
MAX_FILE_BYTES = 64 * 1024 * 1024

#: Characters that end a line, hence a paragraph, in every module (Unicode line breaks included:
#: text taken from JSON often separates paragraphs with U+2028).
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
