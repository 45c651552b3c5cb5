"""Charts: every plot draws readable axes for normal, tiny and empty inputs; save_figure writes valid files."""
import inspect
import json
import xml.etree.ElementTree as ET

import matplotlib
import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import parley
from parley import config, plots, summaries

matplotlib.use("Agg")
COLORS = {"United States": "#1f5fa6", "Iraq": "#c0392b"}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _statements():
    """Hand-made statements in the seed's shape, with phrasing and sentiment columns."""
    frame = pd.DataFrame({
        "statement_id": [f"s{i}" for i in range(7)],
        "article_id": "a1",
        "party": ["Iraq", "United States", "Iraq", "Iraq", "United States", "United States", None],
        "speaker": ["Baghdad", "Lloyd Austin", "foreign ministry", "foreign ministry", "Lloyd Austin",
                    "Lloyd Austin", "a diplomat"],
        "mode": ["indirect", "mixed", "mixed", "mixed", "mixed", "mixed", "direct"],
        "content": ["US, Iraq to discuss timeline", "meetings to discuss the transition",
                    "a specific and clear timeline", "contingent on the threat", "based on outcomes",
                    "evolve on a timeline", "a wonderful day"],
        "hedges": [0, 1, 0, 1, 0, 2, 0],
        "boosters": [0, 0, 2, 0, 0, 0, 1],
        "modal_strength": [np.nan, 0.5, 0.66, 0.66, np.nan, 1.0, np.nan],
        "commitment": [0.3, 0.4, 0.8, 0.5, 0.35, 0.45, 0.2],
    })
    return parley.add_sentiment(frame)


def _terms():
    return pd.DataFrame({
        "statement_id": ["s0", "s2", "s2", "s3", "s1", "s5", "s5", "s6"], "article_id": "a1",
        "party": ["Iraq", "Iraq", "Iraq", "Iraq", "United States", "United States", "United States", None],
        "kind": ["framing"] * 6 + ["hedge", "framing"],
        "family": ["reduction", "reduction", "specificity", "reduction", "transition", "transition", "hedge",
                   "transition"],
        "term": ["reduce", "reduction", "specific", "timeline", "transition", "evolve", "may", "transition"],
        "start": 0, "end": 1})


def _conditions():
    return pd.DataFrame({
        "statement_id": ["s3", "s3", "s4", "s5", "s5", "s5", None],
        "party": ["Iraq", "Iraq", "United States", "United States", "United States", "United States", None],
        "category": ["security threat", "partner capacity", "political process", "security threat",
                     "operational requirements", "partner capacity", "security threat"]})


def _compare():
    return pd.DataFrame({"term": ["reduction", "clear", "gradual", "transition", "evolve", "mission"],
                         "z": [2.4, 1.8, 0.5, -2.6, -2.0, -0.4], "count_a": [2, 1, 1, 0, 0, 0],
                         "count_b": [0, 0, 0, 2, 1, 1], "group_a": "Iraq", "group_b": "United States"})


def _summary():
    return parley.party_sentiment(_statements(), include_unattributed=True)


# (name, call on a full input, call on an empty input)
PLOTS = [
    ("statement_counts", lambda f, **k: plots.plot_statement_counts(f["statements"], **k), ["statements"]),
    ("sentiment", lambda f, **k: plots.plot_sentiment(f["summary"], **k), ["summary"]),
    ("sentiment_vader", lambda f, **k: plots.plot_sentiment(f["summary"], measure="vader", **k), ["summary"]),
    ("lexicons", lambda f, **k: plots.plot_lexicons(f["statements"], **k), ["statements"]),
    ("framing", lambda f, **k: plots.plot_framing(summaries.framing(f["terms"]), **k), ["terms"]),
    ("phrasing", lambda f, **k: plots.plot_phrasing(summaries.phrasing(f["statements"]), **k), ["statements"]),
    ("commitment", lambda f, **k: plots.plot_commitment(summaries.phrasing(f["statements"]), f["statements"], **k),
     ["statements"]),
    ("distinctive_terms", lambda f, **k: plots.plot_distinctive_terms(f["compare"], **k), ["compare"]),
    ("condition_share", lambda f, **k: plots.plot_condition_share(
        summaries.conditionality(f["statements"], f["conditions"]), **k), ["statements", "conditions"]),
    ("condition_categories", lambda f, **k: plots.plot_condition_categories(
        summaries.condition_categories(f["conditions"]), **k), ["conditions"]),
]


def _frames():
    return {"statements": _statements(), "summary": _summary(), "terms": _terms(), "conditions": _conditions(),
            "compare": _compare()}


def _texts(ax):
    return [t.get_text() for t in ax.texts] + [t.get_text() for t in ax.get_yticklabels()]


@pytest.mark.parametrize(("name", "draw", "inputs"), PLOTS, ids=[p[0] for p in PLOTS])
def test_plot_has_title_labels_and_draws(name, draw, inputs):
    frames = _frames()
    before = {k: v.copy() for k, v in frames.items()}
    ax = draw(frames, colors=COLORS)
    assert isinstance(ax, plt.Axes)
    assert ax.get_title(loc="left") and ax.get_xlabel()
    assert ax.patches or ax.collections or ax.lines, "nothing drawn"
    assert not any("No data" in t for t in _texts(ax))
    for key, frame in frames.items():
        pd.testing.assert_frame_equal(frame, before[key])  # inputs are never mutated


@pytest.mark.parametrize(("name", "draw", "inputs"), PLOTS, ids=[p[0] for p in PLOTS])
def test_plot_of_empty_input_says_no_data(name, draw, inputs):
    frames = {k: (v.iloc[:0] if k in inputs else v) for k, v in _frames().items()}
    ax = draw(frames)
    assert any(t.startswith("No data") for t in _texts(ax))
    assert ax.get_title(loc="left")


@pytest.mark.parametrize(("name", "draw", "inputs"), PLOTS, ids=[p[0] for p in PLOTS])
def test_plot_draws_on_a_given_axes(name, draw, inputs):
    fig, (left, right) = plt.subplots(1, 2)
    assert draw(_frames(), ax=right) is right
    assert not left.has_data()


def test_missing_columns_are_an_error_not_an_empty_chart():
    with pytest.raises(ValueError, match="commitment"):
        plots.plot_commitment(summaries.phrasing(_statements()), _statements().drop(columns="commitment"))


def test_style_is_applied_locally_never_globally():
    before = dict(matplotlib.rcParams)
    ax = plots.plot_statement_counts(_statements())
    assert ax.title.get_fontweight() == "bold"  # the house style was in force while drawing
    assert dict(matplotlib.rcParams) == before
    source = inspect.getsource(plots)
    assert "plt.plot(" not in source and "rcParams[" not in source and "plt.gca" not in source


def test_statement_counts_stack_modes_and_show_unattributed():
    ax = plots.plot_statement_counts(_statements(), colors=COLORS)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["United States", "Iraq", "(no party)"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["direct: full quote", "mixed: partial quote", "indirect: paraphrase"]  # only modes present
    assert {"3", "1"} <= {t.get_text() for t in ax.texts}  # totals per party


def test_statement_counts_count_a_joint_statement_for_each_government_and_once_in_all():
    frame = _statements()
    joint = frame.iloc[[0]].assign(statement_id="s0+1", party="United States", joint="s0")
    frame = pd.concat([frame.assign(joint=[("s0" if i == 0 else None) for i in range(len(frame))]), joint],
                      ignore_index=True)
    ax = plots.plot_statement_counts(frame, colors=COLORS)
    assert {"4", "3"} <= {t.get_text() for t in ax.texts}  # the joint statement counts for both
    assert ax.get_xlabel() == "Number of attributed statements (7 in all; 1 joint, counted for each government)"


def test_sentiment_single_statement_is_shown_without_interval():
    ax = plots.plot_sentiment(_summary(), colors=COLORS)
    labels = {t.get_text() for t in ax.texts}
    assert "n=1: one statement, no interval" in labels  # the "(no party)" statement
    assert "n=3: no interval" in labels  # a bootstrap "interval" of 3 values is only their range
    assert not any(isinstance(c, matplotlib.collections.LineCollection) for c in ax.collections)  # no error bars
    assert any(line.get_xdata()[0] == 0 for line in ax.lines)  # the zero line
    assert {"United States: 3 statements — too few to compare", "Iraq: 3 statements — too few to compare"} <= labels
    assert not any(t.startswith("(no party):") for t in labels)  # never compared, so no note
    assert "Too few statements on a side" in ax.get_xlabel()


def test_phrasing_labels_each_mean_with_its_interval_and_n():
    ax = plots.plot_phrasing(summaries.phrasing(_statements()), colors=COLORS)
    texts = {t.get_text() for t in ax.texts}
    # Modal strength: Iraq 0.66 and 0.66 (one statement has none), so n=2; fewer than 5: no interval.
    assert "0.66 (n=2: no interval)" in texts
    assert "1.00 (n=3: no interval)" in texts  # United States hedges
    assert not [c for c in ax.containers if isinstance(c, matplotlib.container.ErrorbarContainer)]  # no whiskers
    six = pd.concat([_statements()] * 2, ignore_index=True).assign(statement_id=lambda f: [f"s{i}" for i in f.index])
    texts = {t.get_text() for t in plots.plot_phrasing(summaries.phrasing(six), colors=COLORS).texts}
    table = summaries.phrasing(six, include_unattributed=False).set_index(["party", "measure"])
    us = table.loc[("United States", "hedges")]
    assert f"1.00 [{us['low']:.2f}–{us['high']:.2f}] n=6" in texts  # 6 statements: an interval
    assert [t.get_text() for t in ax.get_yticklabels()][2].startswith("modal strength")


def test_commitment_marks_means_and_intervals_but_not_for_one_statement():
    ax = plots.plot_commitment(summaries.phrasing(_statements()), _statements(), colors=COLORS)
    labels = {t.get_text() for t in ax.texts}
    table = summaries.phrasing(_statements()).set_index(["party", "measure"])
    iraq = table.loc[("Iraq", "commitment")]
    assert iraq["mean"] == pytest.approx(1.6 / 3)
    assert "mean 0.53 (n=3: no interval)" in labels  # 3 statements: a mean, no interval
    assert "mean 0.40 (n=3: no interval)" in labels
    assert "one statement: 0.20" in labels
    assert len(ax.lines) == 2  # a mean bar for each of the two governments, no interval, none for one statement
    six = pd.concat([_statements()] * 2, ignore_index=True).assign(statement_id=lambda f: [f"s{i}" for i in f.index])
    ax = plots.plot_commitment(summaries.phrasing(six), six, colors=COLORS)
    iraq = summaries.phrasing(six).set_index(["party", "measure"]).loc[("Iraq", "commitment")]
    assert f"mean 0.53 [{iraq['low']:.2f}–{iraq['high']:.2f}] (n=6)" in {t.get_text() for t in ax.texts}
    intervals = {tuple(np.round(line.get_xdata(), 3)) for line in ax.lines
                 if line.get_ydata()[0] == line.get_ydata()[1]}  # horizontal: an interval, not a mean bar
    assert len(intervals) == 2 and (round(iraq["low"], 3), round(iraq["high"], 3)) in intervals


def test_commitment_axis_describes_the_heuristic():
    label = plots.plot_commitment(summaries.phrasing(_statements()), _statements(), colors=COLORS).get_xlabel()
    assert "heuristic" in label and "a conditional statement can still score high" in label
    assert "0 = hedged or conditional" not in label  # a "contingent on" statement can score like a firm one


def test_lexicons_marks_disagreements_and_stacked_points():
    ax = plots.plot_lexicons(_statements(), colors=COLORS)
    assert {"1", "2", "3"} <= {t.get_text() for t in ax.texts}
    assert "×4" in {t.get_text() for t in ax.texts}  # four statements scored 0 by both lexicons
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Iraq (n=3)" in legend and "lexicons agree" in legend


def test_lexicons_draw_a_point_shared_by_two_governments_in_grey():
    frame = _statements().iloc[:2].assign(polarity=[0.1, 0.1], vader=[0.2, 0.2])  # Iraq and the US on one point
    ax = plots.plot_lexicons(frame, colors=COLORS)
    drawn = {tuple(np.round(c.get_facecolor()[0][:3], 3)): len(c.get_offsets()) for c in ax.collections
             if len(c.get_offsets())}
    grey = tuple(np.round(matplotlib.colors.to_rgb(plots.NEUTRAL), 3))
    assert drawn == {grey: 2}  # neither in Iraq's nor in the US's colour
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "statements of several governments on one point" in legend and "×2" in {t.get_text() for t in ax.texts}


def test_framing_shares_per_party():
    ax = plots.plot_framing(summaries.framing(_terms()), colors=COLORS)
    widths = sorted(round(p.get_width(), 3) for p in ax.patches if p.get_width() > 0)
    # statements, not terms: Iraq's 3 statements all use reduction (s2 twice), 1 of 3 specificity; US 2/2 transition
    assert widths == [0.333, 1.0, 1.0]
    texts = {t.get_text() for t in ax.texts}
    assert {"2 of 2 statements · 100% [34%–100%]", "3 of 3 statements · 100% [44%–100%]",
            "1 of 3 statements · 33% [6%–79%]", "0 of 2 statements · 0% [0%–66%]"} <= texts
    assert "Iraq: 3 statements with framing terms — too few to compare" in texts
    assert not any(p.get_hatch() for p in ax.patches)  # nothing denied: no hatched bars
    assert "denied" not in " ".join(t.get_text() for t in ax.get_legend().get_texts())


def test_framing_draws_denied_terms_apart_never_as_use():
    terms = _terms().assign(denied=[False, False, False, False, False, True, False, False])  # s5 "evolve"
    ax = plots.plot_framing(summaries.framing(terms), colors=COLORS)
    hatched = [p for p in ax.patches if p.get_hatch()]
    solid = [p for p in ax.patches if not p.get_hatch()]
    # United States: s1 uses transition, s5 denies it ("evolve"); the denial is a hatched bar of its own
    assert sorted(round(p.get_width(), 3) for p in hatched) == [0.5]  # only where the frame was denied
    assert sorted(round(p.get_width(), 3) for p in solid if p.get_width() > 0) == [0.333, 0.5, 1.0]
    texts = {t.get_text() for t in ax.texts}
    assert "1 of 2 statements · 50% [9%–91%]" in texts and "denied: 1 of 2 · 50% [9%–91%]" in texts
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1].startswith("denied") and {"United States", "Iraq"} <= set(legend)


def test_distinctive_terms_name_both_sides():
    ax = plots.plot_distinctive_terms(_compare(), n=2, colors=COLORS)
    assert "favours Iraq" in ax.get_xlabel() and "favours United States" in ax.get_xlabel()
    assert len(ax.patches) == 4
    assert "reduction  (2:0)" in {t.get_text() for t in ax.texts}


def test_distinctive_terms_break_ties_by_count_and_say_so():
    tied = pd.DataFrame({"term": ["alpha", "beta", "gamma", "delta", "omega"], "z": [1.5, 1.5, 1.5, 1.5, -1.0],
                         "count_a": [1, 3, 1, 2, 0], "count_b": [0, 0, 0, 0, 2], "group_a": "Iraq",
                         "group_b": "United States"})
    ax = plots.plot_distinctive_terms(tied, n=2, colors=COLORS)
    texts = {t.get_text() for t in ax.texts}
    assert {"beta  (3:0)", "delta  (2:0)"} <= texts and "alpha  (1:0)" not in texts  # not the alphabetical first
    assert "4 terms tie at z = +1.50: the 2 most frequent shown" in ax.get_xlabel()


def test_condition_share_counts_statements_with_a_condition():
    ax = plots.plot_condition_share(summaries.conditionality(_statements(), _conditions()), colors=COLORS)
    texts = {t.get_text() for t in ax.texts}
    assert {"1 of 3 statements · 33% [6%–79%]", "2 of 3 statements · 67% [21%–94%]",
            "0 of 1 statement · 0% [0%–79%]"} <= texts
    assert "Too few statements on a side" in ax.get_xlabel()


def _ukraine_russia():
    statements = pd.DataFrame({"statement_id": [f"s{i}" for i in range(11)], "party": ["Ukraine"] + ["Russia"] * 10})
    return statements, pd.DataFrame({"statement_id": ["s0", "s1", "s2", None], "category": "other",
                                     "party": ["Ukraine", "Russia", "Russia", None]})


def test_condition_share_of_one_statement_shows_its_count_interval_and_note():
    ax = plots.plot_condition_share(summaries.conditionality(*_ukraine_russia()))
    texts = {t.get_text() for t in ax.texts}
    assert "1 of 1 statement · 100% [21%–100%]" in texts and "2 of 10 statements · 20% [6%–51%]" in texts
    assert "Ukraine: 1 statement — too few to compare" in texts
    assert "Russia" not in " ".join(t for t in texts if "too few" in t)
    # The 100% bar carries its whisker down to the Wilson bound, not a confident full bar alone.
    whiskers = [seg for c in ax.collections for seg in c.get_segments()]
    assert any(seg[0][0] == pytest.approx(0.2065, abs=1e-3) and seg[1][0] == pytest.approx(1.0) for seg in whiskers)


def test_condition_share_says_when_a_difference_is_beyond_noise():
    statements = pd.DataFrame({"statement_id": [f"s{i}" for i in range(20)], "party": ["A"] * 10 + ["B"] * 10})
    conditions = pd.DataFrame({"statement_id": [f"s{i}" for i in range(10)]})  # A: 10 of 10, B: 0 of 10
    ax = plots.plot_condition_share(summaries.conditionality(statements, conditions))
    assert "A 100% vs B 0%: a difference beyond noise (the 95% intervals do not overlap)." in ax.get_xlabel()
    assert not any("too few" in t.get_text() for t in ax.texts)


@pytest.mark.parametrize(("narration", "expected"), [(True, {"United States", "Iraq", "narration"}),
                                                      (False, {"United States", "Iraq"})])
def test_condition_categories_narration(narration, expected):
    ax = plots.plot_condition_categories(summaries.condition_categories(_conditions(), narration=narration),
                                         colors=COLORS)
    assert {t.get_text() for t in ax.get_legend().get_texts()} == expected
    assert ("none in the journalist's own text shown" in ax.get_xlabel()) is not narration


def test_condition_categories_show_shares_with_counts():
    ax = plots.plot_condition_categories(summaries.condition_categories(_conditions()), colors=COLORS,
                                         total=summaries.count_conditions(_conditions())[0])
    texts = {t.get_text() for t in ax.texts}
    # United States: 4 conditions (s4, and s5's three), one on security threat; Iraq 2, one each.
    assert {"1 of 4 conditions · 25% [5%–70%]", "1 of 2 conditions · 50% [9%–91%]"} <= texts
    assert "(7 in all" in ax.get_xlabel()
    assert "Iraq: 1 statement with a condition — too few to compare" in texts


def test_condition_categories_do_not_mention_absent_narration():
    ax = plots.plot_condition_categories(
        summaries.condition_categories(_conditions().dropna(subset=["statement_id"])), colors=COLORS)
    assert "none in the journalist's own text" in ax.get_xlabel() and "grey" not in ax.get_xlabel()


def test_save_figure_writes_valid_files_with_provenance(tmp_path):
    ax = plots.plot_statement_counts(_statements(), colors=COLORS)
    evidence = pd.DataFrame({"content": ["<script>alert(1)</script>"]})
    files = plots.save_figure(ax.figure, "counts", evidence=evidence, out=tmp_path, notebook="90-report",
                              provenance={"articles": "/data/articles", "parties": "/data/parties.toml"})
    assert set(files) == {"png", "svg", "pdf", "csv", "html"}
    png = files["png"].read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and b"parley " + config.VERSION.encode() in png
    image = mpimg.imread(files["png"])
    assert image.shape[1] > 1500  # 300 dpi
    assert ET.parse(files["svg"]).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert "/data/articles" in files["svg"].read_text(encoding="utf-8")
    pdf = files["pdf"].read_bytes()
    assert pdf.startswith(b"%PDF") and b"/FontFile" in pdf and b"parley" in pdf
    assert "&lt;script&gt;" in files["html"].read_text(encoding="utf-8")
    assert (tmp_path / "figures" / "manifest.json").stat().st_mode & 0o044  # readable by others, like the charts
    manifest = json.loads((tmp_path / "figures" / "manifest.json").read_text())
    assert manifest == [manifest[0]] and manifest[0]["title"] == ax.get_title(loc="left")
    assert manifest[0]["notebook"] == "90-report" and manifest[0]["evidence"] == "counts.evidence.html"
    assert manifest[0]["provenance"]["parties"] == "/data/parties.toml"


def test_save_figure_writes_an_identical_chart_once(tmp_path):
    frames = []
    for name in ("20-framing", "90-framing"):
        ax = plots.plot_framing(summaries.framing(_terms()), colors=COLORS)
        frames.append(plots.save_figure(ax.figure, name, evidence=_terms(), out=tmp_path, notebook=name[:2]))
    first, again = frames
    assert {k: again[k] for k in ("png", "svg", "pdf")} == {k: first[k] for k in ("png", "svg", "pdf")}
    assert not list((tmp_path / "figures").glob("90-framing.png"))  # no second copy of any format
    assert not list((tmp_path / "figures").glob("90-framing.svg")) and not list((tmp_path / "figures").glob("90-*.pdf"))
    assert again["html"].name == "90-framing.evidence.html"  # its own evidence
    entries = {e["name"]: e for e in json.loads((tmp_path / "figures" / "manifest.json").read_text())}
    assert entries["90-framing"]["same_as"] == "20-framing" and entries["20-framing"]["same_as"] is None
    ax = plots.plot_statement_counts(_statements(), colors=COLORS)  # a different chart is written
    assert plots.save_figure(ax.figure, "90-statements", out=tmp_path)["png"].name == "90-statements.png"


def test_save_figure_manifest_replaces_same_name(tmp_path):
    for name in ["a", "b", "a"]:
        fig, ax = plt.subplots()
        ax.set_title(f"chart {name}")
        plots.save_figure(fig, name, out=tmp_path)
    manifest = json.loads((tmp_path / "figures" / "manifest.json").read_text())
    assert [e["name"] for e in manifest] == ["b", "a"]
    assert manifest[1]["evidence"] is None


def test_drop_figures_removes_a_chart_no_longer_drawn_but_keeps_files_another_chart_uses(tmp_path):
    for name in ("50-framing-1", "50-framing-2", "90-framing"):  # 90 is byte-identical to 50-framing-2
        ax = plots.plot_framing(summaries.framing(_terms() if name != "50-framing-1" else _terms().iloc[:1]),
                                colors=COLORS)
        plots.save_figure(ax.figure, name, evidence=_terms(), out=tmp_path)
    folder = tmp_path / "figures"
    assert plots.drop_figures(["50-framing-2", "50-framing-3"], out=tmp_path) == ["50-framing-2"]
    entries = {e["name"]: e for e in json.loads((folder / "manifest.json").read_text())}
    assert set(entries) == {"50-framing-1", "90-framing"}
    assert not (folder / "50-framing-2.evidence.csv").exists() and not (folder / "50-framing-2.evidence.html").exists()
    # 90-framing's entry points at 50-framing-2's image files (same chart): they stay
    assert entries["90-framing"]["files"]["png"] == "50-framing-2.png" and (folder / "50-framing-2.png").exists()
    assert plots.drop_figures(["90-framing"], out=tmp_path) == ["90-framing"]
    assert sorted(p.name for p in folder.glob("*.png")) == ["50-framing-1.png"]
    assert plots.drop_figures(["nothing"], out=tmp_path / "never-made") == []


@pytest.mark.parametrize("kwargs, table", [
    ({"evidence": pd.DataFrame({"content": ["<b>x</b>"]})}, "&lt;b&gt;x&lt;/b&gt;"),
    ({"evidence": pd.DataFrame({"content": ["x"]}), "evidence_html": "<p>highlighted</p>"}, "<p>highlighted</p>"),
    ({"evidence": pd.DataFrame(columns=["content"])}, "<p><i>No rows.</i></p>"),
    ({"evidence": pd.DataFrame({"content": ["x"]}), "table": False}, None),
    ({}, None),
])
def test_show_figure_saves_then_displays_chart_and_evidence(tmp_path, monkeypatch, kwargs, table):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs: shown.extend(objs))
    fig, ax = plt.subplots()
    ax.set_title("chart")
    assert plots.show_figure(fig, "shown", out=tmp_path, notebook="20-phrasing", **kwargs) is None
    manifest = json.loads((tmp_path / "figures" / "manifest.json").read_text())
    assert [(e["name"], e["notebook"]) for e in manifest] == [("shown", "20-phrasing")]
    assert (tmp_path / "figures" / "shown.png").is_file()
    assert shown[0] is fig and not plt.fignum_exists(fig.number)  # shown once, then closed
    tables = [s.data for s in shown[1:]]
    assert len(tables) == (table is not None)
    assert table is None or table in tables[0]


def test_framing_caption_names_the_families_beyond_noise():
    terms = pd.DataFrame({"statement_id": [f"s{i}" for i in range(24)], "party": ["A"] * 12 + ["B"] * 12,
                          "kind": "framing", "term": "x",
                          "family": ["withdrawal"] * 11 + ["transition"] + ["transition"] * 11 + ["withdrawal"]})
    ax = plots.plot_framing(summaries.framing(terms))
    assert "Beyond noise (95% intervals apart): withdrawal: A vs B; transition: A vs B." in ax.get_xlabel()
    assert not any("too few" in t.get_text() for t in ax.texts)  # 12 statements each


def test_no_party_and_narration_have_colours_of_their_own_named_in_the_legend():
    extra = pd.DataFrame({"statement_id": ["s6"], "party": [None], "category": ["security threat"]})  # "(no party)"
    table = summaries.condition_categories(pd.concat([_conditions(), extra], ignore_index=True))
    ax = plots.plot_condition_categories(table, colors=COLORS)
    legend = ax.get_legend()
    colours = {t.get_text(): tuple(h.get_facecolor()) for t, h in zip(legend.get_texts(), legend.legend_handles)}
    assert list(colours) == ["United States", "Iraq", "(no party)", "narration"]  # the parties file's order, then these
    assert len(set(colours.values())) == 4
