"""The timeline: statements, conditions, framing and terms per government per period, undated articles listed."""
from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from parley import analyze, config, plots, timeline

matplotlib.use("Agg")
ROOT = Path(__file__).resolve().parents[1]
PARTIES = ROOT / "data" / "parties.toml"

# Invented articles: (file name, front matter date or None, body).
ARTICLES = [
    ("jan.md", "2024-01-10", "The Iraqi government said the coalition's withdrawal should begin soon.\n\n"
                             "The Pentagon said the timeline would depend on the threat posed by armed groups."),
    ("feb.md", "2024-02-20", "The Iraqi government said the transition would be complete if talks succeed.\n\n"
                             "The Iraqi government said it wanted a clear timeline."),
    ("mar.md", "2024-03-05T23:30:00+03:00", "The Pentagon said the transition to a bilateral partnership had begun."),
    ("nodate.md", None, "The Pentagon said the withdrawal was not on the table."),
]


@pytest.fixture
def story(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE", tmp_path / "cache")
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, date, body in ARTICLES:
        front = f'---\ntitle: "Invented {name}"\nsource: Fixture Wire\n' + (f"published: {date}\n" if date else "")
        (folder / name).write_text(front + "---\n\n# Invented headline\n\n" + body + "\n", encoding="utf-8")
    return analyze(folder, parties=PARTIES, workers=1)


def test_statements_fall_in_their_articles_months(story):
    counts = timeline.statement_counts(story.statements, story.articles)
    got = {(r.period, r.party): r.statements for r in counts.itertuples()}
    assert got == {("2024-01", "Iraq"): 1, ("2024-01", "United States"): 1, ("2024-02", "Iraq"): 2,
                   ("2024-03", "United States"): 1}
    assert counts["period"].tolist() == sorted(counts["period"])


def test_weeks_and_a_local_date_with_a_time_zone(story):
    weeks = timeline.statement_counts(story.statements, story.articles, freq="week")
    assert "2024-03-04/2024-03-10" in set(weeks["period"])  # 5 March, whatever the time zone's UTC date
    with pytest.raises(ValueError, match="freq must be one of"):
        timeline.statement_counts(story.statements, story.articles, freq="year")


def test_undated_articles_are_listed_and_in_no_period(story):
    undated = timeline.undated(story.articles)
    assert undated["title"].tolist() == ["Invented nodate.md"]
    counts = timeline.statement_counts(story.statements, story.articles)
    assert counts["statements"].sum() == len(story.statements) - 1


def test_conditionality_per_period_keeps_counts_and_intervals(story):
    table = timeline.conditionality(story.statements, story.conditions, story.articles)
    feb = table[(table["period"] == "2024-02") & (table["party"] == "Iraq")].iloc[0]
    assert (feb["conditional"], feb["n"]) == (1, 2)
    assert feb["low"] < feb["share"] < feb["high"] and feb["small"]
    assert table.attrs["within"] == "period"


def test_first_and_last_use_of_terms_are_traceable(story):
    found = timeline.term_appearances(story.statements, story.articles, ["timeline", "transition", "ceasefire"])
    rows = {(r.term, r.party): r for r in found.itertuples()}
    transition = rows[("transition", "Iraq")]
    assert (transition.statements, f"{transition.first:%Y-%m-%d}") == (1, "2024-02-20")
    us = rows[("transition", "United States")]
    assert f"{us.first:%Y-%m-%d}" == "2024-03-05" and "bilateral partnership" in us.first_content
    timeline_us, timeline_iq = rows[("timeline", "United States")], rows[("timeline", "Iraq")]
    assert f"{timeline_us.first:%Y-%m-%d}" == "2024-01-10" and f"{timeline_iq.last:%Y-%m-%d}" == "2024-02-20"
    unused = found[found["term"] == "ceasefire"]
    assert unused["statements"].tolist() == [0] and unused["party"].isna().all()
    ids = set(story.statements["statement_id"])
    assert {transition.first_statement_id, us.last_statement_id} <= ids


def test_framing_per_period(story):
    table = timeline.framing(story.terms, story.articles)
    used = table[table["terms"] > 0]
    assert {"2024-01", "2024-02", "2024-03"} >= set(used["period"]) and len(used)


def test_charts_say_when_there_is_one_period_only(story):
    counts = timeline.statement_counts(story.statements, story.articles)
    ax = plots.plot_timeline(counts[counts["period"] == "2024-02"], undated=1)
    texts = [t.get_text() for t in ax.texts]
    assert any("One period only (2024-02)" in t for t in texts)
    assert "2 unique · 2 reports in 1 article" in texts
    assert "1 article without a date" in ax.get_xlabel()
    empty = plots.plot_timeline(counts.iloc[:0])
    assert "No dated statements" in " ".join(t.get_text() for t in empty.texts)


def test_timeline_notebook_runs_on_several_dates_with_repeated_quotes(tmp_path, monkeypatch):
    """The bundled article (January) and the invented syndicated story (March, one article undated)."""
    import nbformat
    import papermill

    from parley.views import report

    folder = tmp_path / "articles"
    folder.mkdir()
    for path in [*(ROOT / "tests" / "fixtures" / "timeline").iterdir(), *config.ARTICLES.iterdir()]:
        (folder / path.name).write_bytes(path.read_bytes())
    monkeypatch.setenv("PARLEY_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "reports"
    notebook = ROOT / "notebooks" / "50-timeline.ipynb"
    papermill.execute_notebook(str(notebook), str(tmp_path / notebook.name), cwd=str(notebook.parent),
                               kernel_name="python3", progress_bar=False, execution_timeout=report.CELL_TIMEOUT,
                               parameters={"ARTICLES": str(folder), "PARTIES": str(PARTIES), "OUTPUT": str(out),
                                           "FREQ": "week"})
    executed = nbformat.read(tmp_path / notebook.name, as_version=4)
    printed = "".join(o.get("text", "") for c in executed.cells if c.cell_type == "code" for o in c.outputs)
    assert "13 statements: 9 unique quotes" in printed
    assert "in 2 week(s); 1 without a date" in printed
    charts = {p.stem for p in (out / "figures").glob("*.png")}
    assert {"50-timeline-statements", "50-timeline-reprints", "50-timeline-conditions"} <= charts


def test_outlets_frame_the_same_quote_in_their_own_words(tmp_path, monkeypatch):
    from parley import reprints

    monkeypatch.setattr(config, "CACHE", tmp_path / "cache")
    folder = tmp_path / "outlets"
    folder.mkdir()
    quote = "“The last brigade will leave before the end of September,”"
    for name, outlet, date, frame in [("a.md", "Fixture Daily", "2024-05-02", "the Pentagon warned on Thursday."),
                                      ("b.md", "Fixture Gazette", "2024-05-03", "the Pentagon admitted."),
                                      ("c.md", "Fixture Daily", "2024-05-03", "Iraq's prime minister said.")]:
        (folder / name).write_text(f'---\ntitle: "Invented {name}"\nsource: {outlet}\npublished: {date}\n---\n\n'
                                   f"# Invented headline\n\n{quote} {frame}\n", encoding="utf-8")
    story = analyze(folder, parties=PARTIES, workers=1)
    quoted = reprints.add_quote_ids(story.statements, story.articles)
    framed = reprints.framings(quoted, story.sentences, story.articles)
    assert framed[["source", "cue"]].values.tolist() == [["Fixture Daily", "warned"], ["Fixture Gazette", "admitted"]]
    assert framed["sentence"].str.contains("before the end of September").all()
    outlets = timeline.outlets(quoted, story.articles).set_index(["source", "party"])
    assert outlets.loc[("Fixture Daily", "United States"), "shared"] == 1  # the same words from Iraq stay Iraq's
    assert outlets.loc[("Fixture Daily", "Iraq"), "shared"] == 0
