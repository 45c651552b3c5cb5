"""Run the notebooks headlessly and assemble their charts into one HTML report.

:func:`make_report` executes every ``notebooks/NN-*.ipynb`` with papermill on
the given articles and parties (checked first with :func:`parley.inputs.check_inputs`;
the notebooks run a few at a time), then writes ``<out>/report.html``: a briefing
(per government: statements, the main framing, conditions, tone, each with its
n and a warning where the numbers are too small to compare), then each chart
saved with :func:`parley.plots.save_figure` beside the evidence behind it, then
how the numbers are made and how well that works, then the article list and
the load report. The page is self-contained (charts are embedded as PNG),
shows no code and no absolute path, and prints to PDF with headings kept with
their charts and tables wrapped to the page width.
"""
from __future__ import annotations

import base64
import functools
import html
import json
import os
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..core import config
from ..core.parties import NO_PARTY
from ..corpus.articles import mark_output
from ..extract.statements import count_statements, describe_count
from ..rollup.reprints import unique_statements
from ..rollup.summaries import SMALL, condition_categories, conditionality, count_conditions, framing, tone
from ..run.analysis import analyze
from ..run.inputs import Inputs, check_inputs
from .render import STYLE, evidence_table

__all__ = ["JOBS", "NOTEBOOKS", "NotebookRun", "Report", "make_report", "run_notebooks", "write_report"]

#: Where the notebook suite lives.
NOTEBOOKS = config.NOTEBOOKS
#: Seconds one notebook cell may run before the notebook counts as failed (a hung kernel must not hang the report).
CELL_TIMEOUT = 300
#: Notebooks run at once: kernel start and imports dominate a notebook's time, so two overlap well even on
#: two cores (the analysis cache is warmed before, so the notebooks only read it).
JOBS = 3 if os.name == "posix" else 1  # elsewhere the figure manifest cannot be locked
#: How kernels talk to papermill: over local sockets (IPC) where there are any, so that nothing listens on the
#: network and ipykernel does not warn that TCP traffic is unencrypted.
TRANSPORT = "ipc" if os.name == "posix" else "tcp"
_FIGURE_FILES = ("*.png", "*.svg", "*.pdf", "*.evidence.csv", "*.evidence.html", "manifest.json")


@dataclass
class NotebookRun:
    """The outcome of executing one notebook."""

    notebook: str
    output: Path
    error: str | None = None


@dataclass
class Report:
    """What :func:`make_report` did."""

    html: Path
    runs: list[NotebookRun] = field(default_factory=list)
    inputs: Inputs | None = None

    @property
    def failed(self) -> list[NotebookRun]:
        """Return the notebooks that raised an error."""
        return [r for r in self.runs if r.error]


def make_report(articles=config.ARTICLES, parties=config.PARTIES, out=config.REPORTS, *,
                notebooks=NOTEBOOKS, jobs: int | None = None) -> Report:
    """Execute every notebook on the inputs and write ``<out>/report.html``.

    Parameters
    ----------
    articles : str or Path
        Articles folder or file, passed to the notebooks as ``ARTICLES``.
    parties : str or Path
        The parties file (``PARTIES``).
    out : str or Path
        The report folder (``OUTPUT``): executed notebooks go to
        ``<out>/notebooks``, charts to ``<out>/figures``.
    notebooks : str or Path
        The folder of ``NN-topic.ipynb`` notebooks, listed in name order.
    jobs : int, optional
        Notebooks run at once (default :data:`JOBS`).

    Returns
    -------
    Report
        The HTML path, every notebook's outcome and the checked inputs. A
        failing notebook does not stop the others; it is listed in the report
        page and in ``Report.failed``.

    Raises
    ------
    parley.inputs.InputError
        When an input is missing or invalid (see
        :func:`parley.inputs.check_inputs`); nothing is written then.
    """
    out = Path(out).resolve()
    if out.is_dir() and out.is_relative_to(Path(articles).resolve()) and out != Path(articles).resolve():
        mark_output(out)  # an earlier report inside the articles folder must not be read as articles
    inputs = check_inputs(articles, parties, out)
    seconds = _durations(out / "notebooks")  # before the executed copies are cleared
    _clear(out)
    mark_output(out)
    runs = run_notebooks(inputs.articles, inputs.parties, out, notebooks=notebooks, jobs=jobs, seconds=seconds)
    return Report(write_report(out, articles=inputs.articles, parties=inputs.parties, runs=runs), runs, inputs)


def run_notebooks(articles, parties, out, *, notebooks=NOTEBOOKS, jobs: int | None = None,
                  seconds: dict[str, float] | None = None) -> list[NotebookRun]:
    """Execute each notebook with papermill, saving the executed copy to ``<out>/notebooks``.

    Parameters
    ----------
    articles, parties, out : str or Path
        The notebook parameters ``ARTICLES``, ``PARTIES``, ``OUTPUT`` (made absolute).
    notebooks : str or Path
        The notebooks folder.
    jobs : int, optional
        Notebooks run at once, each in its own kernel (default :data:`JOBS`).
        They must not depend on each other's output.
    seconds : dict, optional
        How long each notebook (by name) took last time: the slowest start
        first, and notebooks not listed before them, so the last to finish
        is not a long one started late. Default: name order.

    Returns
    -------
    list of NotebookRun
        One per notebook in name order, with the error (``"ExceptionName: message"``) if it failed.
    """
    folder = Path(notebooks).resolve()
    (Path(out) / "notebooks").mkdir(parents=True, exist_ok=True)
    parameters = {"ARTICLES": str(Path(articles).resolve()), "PARTIES": str(Path(parties).resolve()),
                  "OUTPUT": str(Path(out).resolve())}
    runs = [NotebookRun(source.stem, Path(out).resolve() / "notebooks" / source.name)
            for source in sorted(folder.glob("[0-9]*.ipynb"))]
    seconds = seconds or {}
    start = sorted(runs, key=lambda r: -seconds.get(r.notebook, float("inf"))) if seconds else runs
    with ThreadPoolExecutor(max_workers=max(1, jobs or JOBS)) as pool:
        for run, error in zip(start, pool.map(lambda r: _execute(folder / r.output.name, r.output, parameters),
                                              start)):
            run.error = error
    return runs


def _execute(source: Path, target: Path, parameters: dict) -> str | None:
    """Execute one notebook; return its error (``"ExceptionName: message (cell N)"``) or None."""
    import papermill
    from traitlets.config import Config

    with tempfile.TemporaryDirectory(prefix="parley-kernel-") as sockets:  # each kernel its own socket files
        manager = {"transport": TRANSPORT}
        if TRANSPORT == "ipc":
            manager["ip"] = os.path.join(sockets, "ipc")
        try:
            # The kernel starts in the notebooks folder through ``resources``: papermill's ``cwd`` would chdir this
            # whole process, which threads running side by side cannot share.
            papermill.execute_notebook(str(source), str(target), parameters=parameters, kernel_name="python3",
                                       progress_bar=False, log_output=False, execution_timeout=CELL_TIMEOUT,
                                       resources={"metadata": {"path": str(source.parent)}},
                                       config=Config({"KernelManager": manager}),
                                       kernel_manager_class=_quiet_kernel_manager())
        except papermill.PapermillExecutionError as exc:
            line = next(iter(str(exc.evalue).strip().splitlines()), "")  # brief: the first line of the message
            return f"{exc.ename}: {line} (cell {exc.exec_count})"
        except Exception as exc:  # a dead kernel or unreadable notebook must not stop the others
            return f"{type(exc).__name__}: {exc}"
    return None


def write_report(out, *, articles, parties, runs: list[NotebookRun] = ()) -> Path:
    """Write ``<out>/report.html`` from the figure manifest and the articles.

    Parameters
    ----------
    out : str or Path
        The report folder holding ``figures/manifest.json``.
    articles, parties : str or Path
        The inputs, for the article list and load report.
    runs : list of NotebookRun
        Notebook outcomes; failures are listed at the top of the page.

    Returns
    -------
    Path
        The written HTML file.
    """
    out = Path(out)
    figures = out / "figures"
    order = {r.notebook: n for n, r in enumerate(runs)}
    entries = _manifest(figures)
    entries.sort(key=lambda e: order.get(e.get("notebook"), len(order)))  # stable: save order within a notebook
    # The summary notebook's headline charts open the page; a later entry with the same chart file is the same
    # chart saved again (save_figure writes identical charts once), so it links back instead of repeating it.
    summary = [e for e in entries if str(e.get("notebook") or "").startswith(_SUMMARY)]
    entries = summary + [e for e in entries if e not in summary]
    first: dict[str, str] = {}
    for entry in entries:
        first.setdefault(_chart_key(entry), entry["name"])
    with warnings.catch_warnings():  # skipped files are shown in the load report below, not as warnings
        warnings.simplefilter("ignore")
        analysis = analyze(articles, parties=parties)
    reports = len(analysis.statements)
    analysis = _unique(analysis)
    body = [_header(articles, parties, analysis, runs, reports), _briefing(analysis)]
    if entries:
        links = "".join(f"<li><a href='#{html.escape(e['name'])}'>{html.escape(e.get('title') or e['name'])}</a></li>"
                        for e in entries if first[_chart_key(e)] == e["name"])
        body.append("<nav><h2>Charts</h2><ol class='toc'>" + links + "<li><a href='#methods'>Methods and limits</a>"
                    "</li><li><a href='#articles'>Articles</a></li><li><a href='#load-report'>Load report</a></li>"
                    "</ol></nav>")
    for n, entry in enumerate(entries):
        if n == 0 and summary:
            body.append("<h2 class='part'>Headline charts</h2>")
        if n == len(summary) and summary and len(entries) > len(summary):
            body.append("<h2 class='part'>All charts, notebook by notebook</h2>")
        same = first[_chart_key(entry)]
        body.append(_chart(figures, entry) if same == entry["name"] else _again(entry, same))
    if not entries:
        body.append("<p class='note'>No charts were saved by the notebooks.</p>")
    body.append(_METHODS)
    base = Path(articles).resolve()
    base = base.parent if base.is_file() else base
    listing = analysis.articles[["title", "source", "published", "path"]]
    listing = listing.assign(path=[_relative(p, base.parent) for p in listing["path"]])
    load = analysis.load_report
    if "path" in load:
        load = load.assign(path=[_relative(p, base.parent) for p in load["path"]])
    body.append(f"<section id='articles'><h2>Articles ({len(listing)})</h2>{evidence_table(listing)}</section>")
    body.append(f"<section id='load-report'><h2>Load report</h2>{evidence_table(load)}</section>")
    page = _PAGE.format(style=STYLE, css=_CSS, body="\n".join(body), version=html.escape(config.VERSION))
    target = out / "report.html"
    target.write_text(page, encoding="utf-8")
    return target


def _clear(out: Path) -> None:
    """Remove the charts and executed notebooks of a previous run, so the report shows only this run."""
    for pattern in _FIGURE_FILES:
        for path in (out / "figures").glob(pattern):
            path.unlink()
    for path in (out / "notebooks").glob("*.ipynb"):
        path.unlink()


@functools.cache
def _quiet_kernel_manager() -> type:
    """Return a kernel manager that asks a finished kernel to stop without interrupting it first.

    jupyter_client sends SIGINT before the shutdown request; a kernel still
    answering its last message then logs "KeyboardInterrupt caught in kernel",
    noise after a notebook that ran well. A kernel that does not stop is still
    killed after ``shutdown_wait_time``.
    """
    from jupyter_client import AsyncKernelManager

    class QuietShutdown(AsyncKernelManager):
        async def _async_interrupt_kernel(self) -> None:
            if not self.shutting_down:
                await super()._async_interrupt_kernel()

    return QuietShutdown


def _durations(executed: Path) -> dict[str, float]:
    """Return the seconds each notebook took in the previous run, from papermill's note in its executed copy."""
    seconds = {}
    for path in executed.glob("*.ipynb"):
        try:
            took = json.loads(path.read_text(encoding="utf-8"))["metadata"]["papermill"]["duration"]
        except (OSError, ValueError, KeyError, TypeError):  # unreadable, or stopped before papermill noted it
            continue
        if isinstance(took, (int, float)):
            seconds[path.stem] = float(took)
    return seconds


def _manifest(figures: Path) -> list[dict]:
    try:
        return json.loads((figures / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def _relative(path, base: Path | None = None) -> str:
    """Return a path as the reader should see it: relative to the project, else to ``base``, else its name.

    The report never shows an absolute path (a temporary folder, a home directory).
    """
    if path is None or (isinstance(path, float) and path != path):
        return ""
    text = str(path)
    candidate = Path(text)
    if not candidate.is_absolute():
        return candidate.as_posix()
    candidate = candidate.resolve()
    for root in (config.ROOT, base):
        if root is not None:
            try:
                return candidate.relative_to(Path(root).resolve()).as_posix() or "."
            except ValueError:
                continue
    return candidate.name


def _plural(n: int, word: str, plural: str | None = None) -> str:
    """Return "1 article", "2 articles"."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _unique(analysis):
    """Keep one report of each quote that several articles carry, with its conditions and terms (narration stays)."""
    statements = unique_statements(analysis.statements, analysis.articles)
    kept = statements["statement_id"]
    conditions = analysis.conditions
    analysis.conditions = conditions[conditions["statement_id"].isin(kept) | conditions["statement_id"].isna()]
    analysis.terms = analysis.terms[analysis.terms["statement_id"].isin(kept)] if len(analysis.terms) else analysis.terms
    analysis.statements = statements
    return analysis


def _header(articles, parties, analysis, runs, reports: int) -> str:
    e = html.escape
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    failed = [r for r in runs if r.error]
    conditions, narration = count_conditions(analysis.conditions, analysis.statements)
    repeated = (f" (a quote that several articles carry counts once: {reports} reports in all)"
                if reports > len(analysis.statements) else "")
    parts = [f"<h1>parley report</h1><p class='meta'>{_plural(len(analysis.articles), 'article')} from "
             f"<code>{e(_relative(articles))}</code>; parties from <code>{e(_relative(parties))}</code>; "
             f"{e(describe_count(analysis.statements))} attributed{repeated}, {_plural(conditions, 'condition')} "
             f"({narration} in the journalists' own text; a joint statement's once); parley {e(config.VERSION)}; "
             f"{stamp}.</p>"]
    if failed:
        items = "".join(f"<li><b>{e(r.notebook)}</b>: {e(r.error)} (executed copy: "
                        f"<code>notebooks/{e(Path(r.output).name)}</code>)</li>" for r in failed)
        parts.append(f"<div class='failed'><b>{len(failed)} notebook(s) failed</b>; their charts are missing "
                     f"or incomplete:<ul>{items}</ul></div>")
    return "\n".join(parts)


def _briefing(analysis) -> str:
    """Return the summary a reader can act on: per government, statements, framing, conditions and tone.

    Every number comes from :mod:`parley.summaries` with its n; a government with fewer than
    :data:`parley.summaries.SMALL` statements is named with a plain warning.
    """
    e = html.escape
    statements, conditions = analysis.statements, analysis.conditions
    total, joint = count_statements(statements)
    share = conditionality(statements, conditions, include_unattributed=False).set_index("party")
    governments = [p for p in share.index if p != NO_PARTY]
    if not governments:
        return ("<section id='briefing' class='briefing'><h2>Briefing</h2><p class='warn'>No statement in these "
                "articles was attributed to a government in the parties file: there is nothing to compare.</p>"
                + _how_sure(analysis) + "</section>")
    terms = analysis.terms  # measured with the story's own framing families
    frames = framing(terms)
    categories = condition_categories(conditions, narration=False)
    tones = tone(statements, include_unattributed=False).set_index("party")
    rows, leads = [], []
    for party in governments:
        row = share.loc[party]
        n = int(row["n"])
        warning = (f"<span class='warn'>{e(row['note'])}</span>" if row["note"]
                   else "<span class='ok'>enough to compare</span>")
        mine = frames[(frames["party"] == party) & (frames["statements"] > 0)].sort_values(
            ["share", "terms"], ascending=False, kind="stable")
        if mine.empty:
            frame_text = "no framing term"
        else:
            top = mine.iloc[0]
            frame_text = (f"<b>{e(str(top['family']))}</b>: {int(top['statements'])} of "
                          f"{_plural(int(top['n']), 'statement')} with framing ({top['share']:.0%} "
                          f"[{top['low']:.0%}–{top['high']:.0%}]), from “{e(str(top['words']))}”"
                          + (f" <span class='warn'>({e(top['caution'])})</span>" if top["caution"] else ""))
            rest = [f"{e(str(r['family']))} {int(r['statements'])} (“{e(str(r['words']))}”)"
                    for _, r in mine.iloc[1:].iterrows()]
            frame_text += f"; also {', '.join(rest)}" if rest else ""
            tied = mine[mine["statements"] == top["statements"]]["family"].astype(str).tolist()
            families = " and ".join(f"<b>{e(f)}</b>" for f in tied)
            leads.append(f"{e(party)} {'mostly' if len(tied) == 1 else 'equally'} {families} "
                         f"({int(top['statements'])} of {_plural(int(top['n']), 'statement')} with framing"
                         f"{' each' if len(tied) > 1 else ''})")
        denied = frames[(frames["party"] == party) & (frames["denied"] > 0)]
        if len(denied):
            frame_text += "; denied: " + ", ".join(f"{e(str(r['family']))} in {_plural(int(r['denied']), 'statement')}"
                                                    for _, r in denied.iterrows())
        cats = categories[(categories["party"] == party) & (categories["conditions"] > 0)]
        cond_text = (f"{int(row['conditional'])} of {_plural(n, 'statement')} with a condition "
                     f"({row['share']:.0%} [{row['low']:.0%}–{row['high']:.0%}]); "
                     f"{_plural(int(row['conditions']), 'condition')}")
        if len(cats):
            cond_text += ": " + ", ".join(f"{e(str(r['category']))} {int(r['conditions'])}" for _, r in cats.iterrows())
        if party in tones.index and int(tones.loc[party, "n"]):
            t = tones.loc[party]
            interval = (f"[{t['low']:+.1f}, {t['high']:+.1f}], n={int(t['n'])}"
                        if t["low"] == t["low"] and int(t["n"]) >= SMALL else f"n={int(t['n'])}: no interval")
            tone_text = (f"cooperation–conflict score {t['mean']:+.1f} ({interval}); "
                         + ", ".join(f"{int(t[name])} {name}" for name in ("confrontational", "neutral", "cooperative")))
        else:
            tone_text = "no statement to score"
        rows.append(f"<tr><th scope='row'>{e(party)}</th><td>{_plural(n, 'statement')}<br>{warning}</td>"
                    f"<td>{frame_text}</td><td>{cond_text}</td><td>{tone_text}</td></tr>")
    unattributed = int((statements["party"].isna()).sum()) if "party" in statements else 0
    small = [p for p in governments if bool(share.loc[p, "small"])]
    lines = [f"<p class='lead'>{_plural(total, 'statement')} attributed in {_plural(len(analysis.articles), 'article')}"
             + (f" ({joint} joint: counted once in this total and once for each government that made it)" if joint
                else "") + (f"; {unattributed} without a government, not compared" if unattributed else "") + ".</p>"]
    silent = [p for p in analysis.parties if p not in governments]
    if silent:
        lines.append(f"<p class='lead'>No statement attributed to {', '.join(e(str(p)) for p in silent)}.</p>")
    if leads:
        lines.append(f"<p class='lead'><b>Main framing contrast:</b> {'; '.join(leads)}.</p>")
    if small:
        which = "Every government here has" if len(small) == len(governments) else (
            ", ".join(e(p) for p in small) + (" has" if len(small) == 1 else " have"))
        lines.append(f"<p class='warn'><b>Too few to compare:</b> {which} fewer than {SMALL} statements. The numbers "
                     "below describe these articles; they do not show a difference between the governments.</p>")
    table = ("<table class='parley-table brief'><colgroup><col class='first'><col class='n'><col><col><col>"
             "</colgroup><thead><tr><th>government</th><th>statements (a joint statement "
             "once per government)</th><th>main framing (share of its statements with framing, and the words)</th>"
             "<th>conditions attached"
             "</th><th>tone (the acts of each statement on the CAMEO cooperation–conflict scale, Goldstein weights, "
             "−10…+10; not TextBlob polarity, which agrees far less with analysts)</th></tr></thead><tbody>"
             + "".join(rows)
             + "</tbody></table>")
    return ("<section id='briefing' class='briefing'><h2>Briefing</h2>" + "".join(lines) + table
            + _how_sure(analysis) + "</section>")


def _how_sure(analysis) -> str:
    """Return the paragraph on small numbers: which governments have too few statements, and the noise rule."""
    table = conditionality(analysis.statements, analysis.conditions, include_unattributed=False)
    small = [n for n in table["note"] if n]
    items = "".join(f"<li>{html.escape(n)}</li>" for n in small)
    return ("<div class='sure'><b>How sure these numbers are.</b> Every share below shows its counts (“1 of 3”) and a "
            "95% Wilson interval, every mean a 95% bootstrap interval (none from fewer than 5 statements: it would only be "
            "their range). A difference between two governments is "
            "<i>within noise</i> when their two intervals overlap: these data do not show it. With fewer than 5 "
            "statements on a side a comparison is not made" + (f":<ul>{items}</ul>" if small else ".") + "</div>")


def _again(entry: dict, first: str) -> str:
    """Return a short section for a chart already shown under another name."""
    e = html.escape
    return (f"<section class='chart' id='{e(entry['name'])}'><h3>{e(entry.get('title', entry['name']))}</h3>"
            f"<p class='meta'>from notebook {e(str(entry.get('notebook')))}: the same chart as "
            f"<a href='#{e(first)}'>above</a>.</p></section>")


def _chart_key(entry: dict) -> str:
    """Return what makes two manifest entries the same chart: the PNG file they point to, else the title."""
    return entry.get("files", {}).get("png") or entry.get("title") or entry["name"]


def _chart(figures: Path, entry: dict) -> str:
    e = html.escape
    png = figures / entry.get("files", {}).get("png", "")
    if not png.is_file():
        return (f"<section class='chart' id='{e(entry['name'])}'><h2>{e(entry.get('title', ''))}</h2>"
                "<p class='note'>Chart file missing.</p></section>")
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    evidence_file = figures / (entry.get("evidence") or "")
    if entry.get("evidence") and evidence_file.is_file():
        evidence = evidence_file.read_text(encoding="utf-8")  # written by save_figure from escaped HTML
    else:
        evidence = "<p class='note'>No evidence table was saved with this chart.</p>"
    links = " · ".join(f"<a href='figures/{e(name)}'>{e(kind.upper())}</a>"
                       for kind, name in entry.get("files", {}).items())
    # The heading, its line and the picture stay together on a printed page (.keep); the evidence may break.
    return (f"<section class='chart' id='{e(entry['name'])}'><div class='pair'><div class='keep'>"
            f"<h2>{e(entry.get('title', entry['name']))}</h2>"
            f"<p class='meta'>from notebook {e(str(entry.get('notebook')))} · {links}</p>"
            f"<figure><img alt='{e(entry.get('title', ''))}' src='data:image/png;base64,{data}'></figure></div>"
            f"<div class='evidence'><h3>Behind this chart</h3>{evidence}</div></div></section>")


_METHODS = """<section id='methods' class='methods'><h2>Methods and limits</h2>
<p>Everything above is computed by rules and word lists, offline; the lists are editable CSV files in
<code>lib/parley/lexicons/</code>. Accuracy was measured on annotated news kept outside this repository
(README, “How well it works”).</p>
<table class='parley-table methods-table'><colgroup><col class='first'><col><col></colgroup><thead><tr><th>what</th><th>how it is decided</th><th>measured accuracy</th>
</tr></thead><tbody>
<tr><th scope='row'>attribution (who said what)</th><td>a speaker, a reporting cue (<i>said</i>, <i>told</i>,
<i>according to</i>, a headline’s “: Baghdad”) and the content said; direct, indirect and mixed quotes; “he”, “the
ministry”, “the statement” resolved to a speaker introduced earlier in the same article</td><td>F1 0.869 on PolNeAR
dev (84 US political articles; precision 0.891, recall 0.849); F1 0.843 on PolNeAR train (840 articles). Misses noun
cues (“Syria’s denials that …”) and a quote sentence with no cue of its own.</td></tr>
<tr><th scope='row'>party (which government)</th><td>from how the article describes the speaker
(<code>data/parties.toml</code>): an alias as head, modifier or possessor (“Iraq’s foreign ministry”) or as the
complement of a government role (“a spokesman for the Pentagon”); not from a relative clause or a topic; former,
shadow and opposition office holders speak for no government; a joint statement counts for each government</td>
<td>accuracy 0.880 on 258 labelled BBC statements (91.5% found, 96.2% of those given the right government)</td></tr>
<tr><th scope='row'>repeated quotes</th><td>the same quote carried by several articles (wire copy, syndication,
re-quoting, trimmed or lightly edited) counts once, as its earliest report: same government or speaker, near-identical
words (rapidfuzz; <code>parley.reprints</code>); the timeline shows every report beside the unique quotes</td><td>on
20,000 generated reprints: no false merge, 97% of true pairs found; reworded paraphrases rarely match</td></tr>
<tr><th scope='row'>conditions</th><td>a marker (<i>if</i>, <i>unless</i>, <i>contingent on</i>, <i>based on</i>,
<i>subject to</i>, <i>once</i> … with a modal main clause) read from the clause structure; each conjunct a
condition; a category from an editable list</td><td>F1 0.977 on 163 labelled BBC sentences (precision 1.000, recall
0.956); span recall 0.944 (precision 0.986); none of 65 look-alikes (“asked if”, “based in”, “even if”) flagged.
Misses conditions with no marker word (“Failure to comply could …”).</td></tr>
<tr><th scope='row'>framing, hedges, boosters</th><td>word lists per framing family, matched in every inflection
(“threatened” is “threaten”); acts as well as words (a threat or a veto with a condition attached); a term inside a
name (“Security Council”) counts for nothing; a term under negation or in a denial (“this is not a withdrawal”,
“there is no, absolutely no, negotiation”) is counted apart, never as use. A government's framing is the statements
that use each family, with the words behind them</td><td>framing families against an analyst's labels of 348
government statements in 12 two-government stories: precision 0.75, recall 0.61; 15 of 22 denied frames caught.
Military action reads as both escalation and security: whose strike it was is not read. Hedges and boosters are not
measured: check the highlighted sentences beside each chart</td></tr>
<tr><th scope='row'>commitment</th><td>a heuristic score from 0 to 1: the strongest modal verb (will/must 1.0,
would/should 0.7, could/may 0.4; none 0.5), +0.1 per booster, +0.05 per specific detail, −0.1 per hedge and per
condition found. A condition lowers it by only 0.1, so a conditional statement can score as high as an unconditional
one</td><td>not a validated scale: it ranks statements, it does not measure a position</td></tr>
<tr><th scope='row'>tone</th><td>each statement's speech act (“warned”, “welcomed”) and the acts in what was said
(“will respond decisively”, “ready to resume talks”), each with its CAMEO/PLOVER event category and Goldstein weight
(threaten −7, accuse −2, agree +3.4, sign an agreement +8); negated and denied acts undone (“did not threaten”),
conditional threats and offers flagged; confrontational at −1 or below, cooperative at +1 or above. TextBlob
polarity and VADER stay beside it (notebook 40)</td><td>on 348 government statements of 12 two-government stories
labelled by analysts (measured 2026-12-03, statements parley did not find counted as neutral): Spearman 0.637 with the
hand score, 3-class macro-F1 0.674, the two governments ordered as the analysts order them in 9 of 12 stories; TextBlob
polarity 0.14 / 0.35 / 9 of 12 and VADER 0.36 / 0.45 / 8 of 12 on the same statements: lexicon sentiment is a weak
signal on diplomatic text. Misses hostility worded without an act (“Guyana is governed by the CIA”)</td></tr>
<tr><th scope='row'>small numbers</th><td>every share with its counts and a 95% Wilson interval; every mean with a
95% percentile-bootstrap interval, none for fewer than 5 statements (it would only be their range); a difference is
<i>within noise</i> when the two intervals overlap</td><td>fewer than 5 statements on a side: not compared</td></tr>
</tbody></table></section>"""

_SUMMARY = "90-"
_CSS = """<style>
h2.part{font-size:1.7em;border-bottom:3px solid #333;margin-top:2em}
body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;margin:2em auto;max-width:1600px;color:#222;padding:0 1em}
h1{margin-bottom:.2em} h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
h3{font-size:1em;margin:.2em 0 .5em} .meta,.note{color:#666;font-size:.9em}
.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.5em;align-items:start}
.pair figure{margin:0}
.pair img{width:100%;height:auto;border:1px solid #eee}
.evidence{max-height:40em;overflow:auto;font-size:.85em}
.evidence .parley-text{min-width:20em;font-size:1.05em;line-height:1.45}
.toc{columns:2;column-gap:4em;font-size:.9em;padding-left:2.5em}
.toc li{break-inside:avoid}
.parley-table{border-collapse:collapse;font-size:.85em}
.parley-table th{background:#f3f3f3;position:sticky;top:0}
.parley-table td,.parley-table th{border-bottom:1px solid #eee;overflow-wrap:anywhere}
.briefing .lead{font-size:1.05em;margin:.4em 0}
.briefing .brief,.methods-table{width:100%;table-layout:fixed;font-size:.92em}
.briefing .brief col.first,.methods-table col.first{width:11em} .briefing .brief col.n{width:11em}
.warn{color:#9c3d1f} .ok{color:#2e6b3f;font-size:.9em}
p.warn{background:#fdf1ef;border-left:4px solid #c0392b;padding:.4em .8em}
.sure{background:#fff8e6;border:1px solid #e8c77a;padding:.6em 1em;margin:1em 0;font-size:.92em}
.sure ul{margin:.3em 0 0 0}
.failed{background:#fdecea;border:1px solid #e6a19a;padding:.6em 1em;margin:1em 0}
@media (max-width:1100px){.pair{grid-template-columns:1fr}}
@media print{
 @page{size:A4;margin:12mm}
 body{max-width:none;margin:0;padding:0;font-size:9.5pt}
 a{color:inherit;text-decoration:none}
 nav{break-after:page}
 h1,h2,h3,h2.part{break-after:avoid;page-break-after:avoid}
 .pair{display:block}
 .keep,figure,.sure,p.warn,.failed,tr{break-inside:avoid;page-break-inside:avoid}
 .pair img{width:100%;max-width:100%;border:none}
 .evidence{max-height:none;overflow:visible;font-size:8pt}
 .evidence .parley-text{min-width:0}
 .parley-table{width:100%;table-layout:fixed;font-size:7.5pt}
 .parley-table th{position:static}
 .parley-table td,.parley-table th{overflow-wrap:anywhere;word-break:break-word;hyphens:auto}
 .parley-table th{hyphens:auto}
 .parley-table .col-sentence{width:42%}
 .parley-table .col-content,.parley-table .col-sentiment-words{width:30%}
 .parley-table .col-condition,.parley-table .col-title,.parley-table .col-path,.parley-table .col-reason{width:22%}
 .parley-table .col-family,.parley-table .col-category,.parley-table .col-measure,.parley-table .col-term{width:12%}
 .parley-table .col-small{width:10%} .parley-table .col-party,.parley-table .col-speaker{width:9%}
 .methods{break-before:page}
 .briefing .brief,.methods-table{font-size:8.5pt}
}
</style>"""

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="generator" content="parley {version}">
<title>parley report</title>{style}{css}</head>
<body>
{body}
</body></html>
"""
