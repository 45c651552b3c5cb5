"""Check the report's inputs before any notebook runs, and describe a finished run for the terminal.

:func:`check_inputs` turns every input the report cannot run on (a missing
articles path, a folder with nothing loadable, a parties file that cannot be
read or is not valid) into an :class:`InputError` whose message is one
paragraph: what is wrong and how to fix it. :func:`summary_lines` gives the
lines the command line ends with.
"""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..core.parties import NO_PARTY, alias_matches
from ..core.setup import Setup, load_setup
from ..corpus.articles import NOT_ENGLISH, OUTPUT_MARKER, article_files, mark_output
from ..rollup.reprints import unique_statements
from .analysis import Analysis, analyze
from .corrections import ELSEWHERE, load_corrections

__all__ = ["InputError", "Inputs", "check_inputs", "correction_lines", "silent_party_advice", "statements_per_party",
           "summary_lines"]

#: Skipped files listed one by one in the terminal summary; the rest are counted.
SHOWN_SKIPS = 20
_ARTICLES_FIX = "Pass an existing articles folder or file with --articles (make report ARTICLES=...)"
_PARTIES_FIX = "pass another file with --parties (make report PARTIES=...); data/parties.toml is an example"


class InputError(ValueError):
    """An input the report cannot run on; the message says what is wrong and how to fix it."""


@dataclass
class Inputs:
    """The checked inputs of a report run and their analysis."""

    articles: Path
    parties: Path
    analysis: Analysis
    warnings: list[str] = field(default_factory=list)
    corrections: Path | None = None


def check_inputs(articles, parties, out=None, corrections=None) -> Inputs:
    """Check the report's inputs and analyze the articles, before anything is written.

    Parameters
    ----------
    articles : str or Path
        The articles folder or file.
    parties : str or Path
        The parties TOML file.
    out : str or Path, optional
        The report folder: it may be missing, but must not be a file.
    corrections : str or Path, optional
        The analyst's corrections file (a missing one holds none); applied
        to the analysis.

    Returns
    -------
    Inputs
        The absolute paths, the analysis (its cache is warm for the notebooks)
        and the warnings: fewer than two governments with statements.

    Raises
    ------
    InputError
        A missing articles path, no loadable article, a parties file that is
        missing, unreadable or invalid, an output path that is a file, or a
        corrections file that cannot be read as one.
    """
    articles, parties = Path(articles).resolve(), Path(parties).resolve()
    corrections = None if corrections is None else Path(corrections).resolve()
    if not articles.exists():
        raise InputError(f"The articles path {articles} does not exist. {_ARTICLES_FIX}; the bundled "
                         "articles are in data/articles.")
    with warnings.catch_warnings(record=True) as caught:  # said in the run summary, once
        warnings.simplefilter("always")
        setup = _setup(parties)
    notes = [str(w.message).removeprefix(f"{parties}: ") for w in caught]
    if out is not None:
        _check_output(Path(out), articles)
    with warnings.catch_warnings():  # skipped files are listed in the summary and the load report
        warnings.filterwarnings("ignore", message=".*inputs skipped")
        warnings.filterwarnings("ignore", message=".*stray spaces")
        analysis = analyze(articles, parties=setup, corrections=_corrections(corrections))
    if analysis.articles.empty:
        raise InputError(f"No article could be loaded from {articles}: {_skips(analysis.load_report)}. "
                         f"{_ARTICLES_FIX} that holds .txt, .md, .html, .json, .jsonl or .csv articles.")
    notes.extend(_silence(analysis, setup.parties, parties))
    return Inputs(articles, parties, analysis, notes, corrections)


def _silence(analysis: Analysis, table: dict, parties: Path) -> list[str]:
    """Say when fewer than two governments have statements, and why each silent one has none."""
    counts = statements_per_party(analysis.statements, table)
    speaking = [name for name, n in counts.items() if name != NO_PARTY and n]
    if len(speaking) >= 2:
        return []
    who = f"only {speaking[0]} has" if speaking else "no government has"
    return [f"{who} attributed statements in these articles, so the charts compare nothing.",
            *(silent_party_advice(analysis.sentences, table, name, _shown(parties, Path.cwd()))
              for name in table if name not in speaking)]


def _corrections(path: Path | None):
    """Read the corrections file, turning a file that is not one into an :class:`InputError`."""
    if path is None:
        return None
    if path.is_dir():
        raise InputError(f"The corrections file {path} is a folder. Pass a CSV file with --corrections (make report "
                         "CORRECTIONS=...); it need not exist yet.")
    try:
        return load_corrections(path)
    except ValueError as exc:
        raise InputError(f"The corrections file is not valid: {exc}. Fix the row (or delete it), or pass another "
                         "file with --corrections (make report CORRECTIONS=...).") from exc
    except OSError as exc:
        raise InputError(f"The corrections file {path} cannot be read ({exc.strerror or exc}).") from exc


def silent_party_advice(sentences: pd.DataFrame, parties: dict, party: str, where: str = "the parties file") -> str:
    """Say why a government has no statements, and what to do about it.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The analysed sentences (``text``).
    parties : dict
        The resolved parties.
    party : str
        The government without statements.
    where : str
        How to name the parties file in the advice.

    Returns
    -------
    str
        When none of the party's aliases occurs in the articles: which
        aliases were looked for, and to add the names its speakers go by.
        When they occur: in how many sentences (with the first one), and that
        no speaker of that government was found in them.
    """
    own = {party: parties[party]}
    hits = [text for text in sentences["text"] if alias_matches(text, own)] if len(sentences) else []
    aliases = parties[party]["aliases"]
    if not hits:
        shown = ", ".join(repr(a) for a in aliases[:6]) + (f" and {len(aliases) - 6} more" if len(aliases) > 6 else "")
        return (f"{party}: none of its aliases ({shown}) occurs in these articles. Add the names its speakers go by "
                f"(ministers, ministries, spokespeople) to {where}, or add articles that quote {party}.")
    first = " ".join(hits[0].split())
    first = first if len(first) <= 160 else first[:157] + "..."
    return (f"{party}: named in {len(hits)} sentence(s) (first: \"{first}\"), but no statement there has a speaker "
            f"of {party}: parley found it mentioned, not speaking. If one of its officials speaks in them under a name "
            f"the parties file lacks, add that name to {where}.")


def _check_output(out: Path, articles: Path) -> None:
    """Refuse an output path that is a file, the articles folder, or inside it holding articles; mark a report there.

    parley never reads a folder it writes to, so articles in it would be lost
    from this run and every later one. A folder holding only an earlier
    report (from before parley marked its outputs) is marked now, so that
    report is not read as articles.
    """
    if out.exists() and not out.is_dir():
        raise InputError(f"The output folder {out.resolve()} is a file. Pass a folder with --out "
                         "(make report OUT=...).")
    out = out.resolve()
    if out == articles:
        raise InputError(f"The output folder {articles} is the articles folder: parley never reads its own output "
                         "as articles, so nothing would be analysed. Pass another folder with --out (make report "
                         "OUT=...), for example a subfolder such as report/.")
    if not (out.is_dir() and out.is_relative_to(articles)) or (out / OUTPUT_MARKER).exists():
        return
    held = article_files(out)
    if held:
        more = f" and {len(held) - 1} more" if len(held) > 1 else ""
        raise InputError(f"The output folder {out} lies inside the articles folder and holds articles "
                         f"({_shown(held[0], out)}{more}): parley never reads the folder it writes to, so they would "
                         "no longer be analysed. Pass a new or empty folder with --out (make report OUT=...).")
    mark_output(out)


def statements_per_party(statements: pd.DataFrame, parties: dict | None = None) -> dict[str, int]:
    """Count each government's statements, a joint statement once for each government in it.

    Parameters
    ----------
    statements : pandas.DataFrame
        With ``statement_id``, ``joint`` and ``party``.
    parties : dict, optional
        The parties, so that a government without statements counts 0.

    Returns
    -------
    dict
        Party name to its statements, in the parties' order, then
        :data:`parley.parties.NO_PARTY` when some statements have no party.
    """
    counts = dict.fromkeys(parties or {}, 0)
    if statements is None or statements.empty:
        return counts
    joint = statements["joint"] if "joint" in statements else pd.Series(None, index=statements.index, dtype=object)
    key = joint.where(joint.notna(), statements["statement_id"])
    party = statements["party"].fillna(NO_PARTY)
    for name, n in key.groupby(party, sort=False).nunique().items():
        counts[name] = int(n)
    if NO_PARTY in counts:
        counts[NO_PARTY] = counts.pop(NO_PARTY)  # last
    return counts


def summary_lines(inputs: Inputs, html, *, cwd=None) -> list[str]:
    """Return the lines that end a report run: articles loaded and skipped, statements, the report.

    Parameters
    ----------
    inputs : Inputs
        What :func:`check_inputs` returned.
    html : str or Path
        The written report.
    cwd : str or Path, optional
        Paths under this folder are shown relative to it (default: the
        current directory).

    Returns
    -------
    list of str
        One line per fact, skipped files indented below their count.
    """
    cwd = Path(cwd or os.getcwd()).resolve()
    report = inputs.analysis.load_report
    skipped = report[report["status"] == "skipped"]
    lines = [f"articles: {len(inputs.analysis.articles)} loaded, {len(skipped)} skipped"]
    foreign = skipped["reason"].str.extract(rf"^(\w+): {NOT_ENGLISH}$")[0].dropna()
    for code, n in foreign.value_counts(sort=False).items():
        lines.append(f"{code}: parley reads English news; {n} article{'' if n == 1 else 's'} not analysed")
    for row in skipped.head(SHOWN_SKIPS).itertuples():
        lines.append(f"  skipped {_shown(row.path, cwd)}: {row.reason}")
    if len(skipped) > SHOWN_SKIPS:
        lines.append(f"  ... and {len(skipped) - SHOWN_SKIPS} more (see the load report in the HTML)")
    every = inputs.analysis.statements
    unique = unique_statements(every, inputs.analysis.articles) if len(every) else every
    counts = statements_per_party(unique, inputs.analysis.parties)
    joint = unique["joint"].nunique() if "joint" in unique else 0
    lines.append("statements: " + (", ".join(f"{name} {n}" for name, n in counts.items()) or "none")
                 + (f" ({joint} joint, counted for each government)" if joint else "")
                 + (f"; a quote several articles carry counts once ({len(every)} reports)"
                    if len(every) > len(unique) else ""))
    lines.extend(correction_lines(inputs.analysis.corrections, inputs.corrections, cwd))
    lines.extend(f"warning: {note}" for note in inputs.warnings)
    lines.append(f"report: {_shown(html, cwd)}")
    return lines


def correction_lines(corrections: pd.DataFrame, path=None, cwd=None) -> list[str]:
    """Say how many corrections were applied, and list each one that was not with its reason.

    Parameters
    ----------
    corrections : pandas.DataFrame
        ``Analysis.corrections``.
    path : str or Path, optional
        The corrections file, named in the first line.
    cwd : str or Path, optional
        The file is shown relative to it.

    Returns
    -------
    list of str
        Nothing without corrections; else one line, then one indented line per
        correction not applied (those for articles this run did not read are
        only counted) (:data:`SHOWN_SKIPS` at most, the rest counted).
    """
    if corrections is None or corrections.empty or "applied" not in corrections:
        return []
    other = corrections["reason"].str.startswith(ELSEWHERE)
    missing = corrections[~corrections["applied"] & ~other]
    where = f" ({_shown(path, Path(cwd or os.getcwd()).resolve())})" if path is not None else ""
    lines = [f"corrections{where}: {int(corrections['applied'].sum())} applied, {len(missing)} not applied"
             + (f", {int(other.sum())} for articles not read in this run" if other.any() else "")]
    for row in missing.head(SHOWN_SKIPS).itertuples():
        lines.append(f"  not applied: {row.kind} at {row.path or row.article_id} {row.start}-{row.end}: {row.reason}")
    if len(missing) > SHOWN_SKIPS:
        lines.append(f"  ... and {len(missing) - SHOWN_SKIPS} more (see 'How accurate on these articles' in the HTML)")
    return lines


def _setup(path: Path) -> Setup:
    """Read the parties file once (parties and story sections), turning every failure into an :class:`InputError`."""
    if not path.is_file():
        problem = "is a folder" if path.is_dir() else "does not exist"
        raise InputError(f"The parties file {path} {problem}. Create it (one [parties.\"Name\"] table with an "
                         f"aliases list per government), or {_PARTIES_FIX}.")
    try:
        return load_setup(path)
    except UnicodeDecodeError:
        problem = "is not UTF-8 text"
    except OSError as exc:
        problem = f"cannot be read ({exc.strerror or exc})"
    except ValueError as exc:  # the message starts with the path
        problem = str(exc).removeprefix(f"{path}: ").rstrip(".")
        problem = "is " + problem if problem.startswith("not valid") else "is not valid: " + problem
    raise InputError(f"The parties file {path} {problem}. Fix it (each government is a [parties.\"Name\"] table "
                     f"with an aliases list), or {_PARTIES_FIX}.")


def _skips(report: pd.DataFrame) -> str:
    """Say in a few words why every input was skipped."""
    skipped = report[report["status"] == "skipped"]
    if skipped.empty:
        return "the folder holds no files"
    reasons = skipped["reason"].value_counts()
    shown = "; ".join(reason + (f" ({n} files)" if n > 1 else "") for reason, n in reasons.head(3).items())
    more = f"; {len(reasons) - 3} other reason(s)" if len(reasons) > 3 else ""
    return f"{len(skipped)} input(s) skipped: {shown}{more}"


def _shown(path, cwd: Path) -> str:
    """Return a path relative to ``cwd`` when it lies under it, else as given."""
    path = Path(str(path))
    try:
        return str(path.resolve().relative_to(cwd))
    except ValueError:
        return str(path)
