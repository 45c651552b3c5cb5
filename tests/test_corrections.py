"""Tests for parley.run.corrections: an analyst's corrections, kept across reruns, applied after the cache.

The story is invented (tests/fixtures/review_story): two governments, a joint
statement, a pronoun, a speaker parley places nowhere, a noun cue it misses, a
condition without a marker and a temporal clause it takes for a condition.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from parley import analyze, config, count_statements  # noqa: E402
from parley.run import analysis as analysis_module  # noqa: E402
from parley.run.corrections import (COLUMNS, ELSEWHERE, apply_corrections, correct, load_corrections,  # noqa: E402
                                    save_corrections, uncorrect)
from parley.rollup import summaries  # noqa: E402
from parley.views import plots  # noqa: E402

STORY = Path(__file__).resolve().parent / "fixtures" / "review_story"
SEED = config.ARTICLES / "000_ed59ce91eebbf266.txt"


@pytest.fixture(autouse=True)
def _fresh_cache(cache_dir):  # every test here writes a cache of its own
    return cache_dir


@pytest.fixture
def story(tmp_path) -> dict:
    """The invented story in a folder of its own, its parties file, and where its corrections go."""
    folder = tmp_path / "data"
    shutil.copytree(STORY / "articles", folder / "articles")
    shutil.copy(STORY / "parties.toml", folder / "parties.toml")
    return {"articles": folder / "articles", "parties": folder / "parties.toml",
            "corrections": folder / "corrections.csv", "file": folder / "articles" / "tunnel.txt"}


def _run(story, **kwargs):
    return analyze(story["articles"], parties=story["parties"], corrections=story["corrections"], workers=1, **kwargs)


def _statement(a, starts: str) -> pd.Series:
    """Return the (first row of the) statement whose content starts with ``starts``."""
    rows = a.statements[a.statements["content"].str.startswith(starts)]
    assert len(rows), starts
    return rows.iloc[0]


def _span(a, phrase: str) -> tuple[int, int]:
    text = a.articles["text"].iloc[0]
    start = text.index(phrase)
    return start, start + len(phrase)


def _correct(story, a, kind: str, target: str, **fields):
    """Record a correction of the statement whose content starts with ``target`` (or of the span ``target``)."""
    if kind in ("missed", "not_condition", "missed_condition"):
        start, end = _span(a, target)
    else:
        row = _statement(a, target)
        start, end = int(row["content_start"]), int(row["content_end"])
    return correct(story["corrections"], a.articles, article_id=a.articles["article_id"].iloc[0], start=start,
                   end=end, kind=kind, **fields)


def _drawn(ax) -> list:
    """Return what a chart shows: its bars' geometry and every text on it."""
    bars = [tuple(round(v, 6) for v in (p.get_x(), p.get_y(), p.get_width(), p.get_height())) for p in ax.patches]
    texts = [t.get_text() for t in ax.texts] + [t.get_text() for t in ax.get_yticklabels()] + [ax.get_xlabel()]
    matplotlib.pyplot.close(ax.figure)
    return bars + texts


def _table(a) -> pd.DataFrame:
    return summaries.conditionality(a.statements, a.conditions)


CORRECTIONS = [
    # kind, target, fields, what changes in the frames
    ("party", "the funding question would be settled", {"party": "Finland"},
     lambda a: _statement(a, "the funding question would be settled")["party"] == "Finland"),
    ("not_statement", "not to be named", {},
     lambda a: not a.statements["content"].eq("not to be named").any()),
    ("missed", "Helsinki’s insistence that the money be in place first", {"speaker": "Helsinki", "party": "Finland"},
     lambda a: a.statements["content"].str.startswith("Helsinki’s insistence").any()),
    ("not_condition", "the summit ended on Friday", {},
     lambda a: not a.conditions["condition"].eq("the summit ended on Friday").any()),
    ("missed_condition", "Failure to agree on the funding by June", {},
     lambda a: a.conditions["condition"].eq("Failure to agree on the funding by June").any()),
]


@pytest.mark.parametrize("kind, target, fields, changed", CORRECTIONS, ids=[c[0] for c in CORRECTIONS])
def test_a_correction_changes_the_frames_the_summary_and_a_chart(story, kind, target, fields, changed):
    before = _run(story)
    assert not changed(before)
    _correct(story, before, kind, target, **fields)
    after = _run(story)
    assert changed(after)
    assert after.corrections["applied"].all(), after.corrections["reason"].tolist()
    assert not _table(before).equals(_table(after))
    assert _drawn(plots.plot_condition_share(summaries.conditionality(before.statements, before.conditions))) != _drawn(
        plots.plot_condition_share(summaries.conditionality(after.statements, after.conditions)))
    marked = pd.concat([after.statements["corrected"], after.conditions["corrected"]]).dropna()
    assert marked.str.contains(kind).any() or kind == "not_statement"  # a corrected row says so; a removed one is gone


def test_corrections_survive_a_rerun_from_the_cache_an_added_article_and_a_new_version(story, monkeypatch):
    first = _run(story)
    for kind, target, fields, _changed in CORRECTIONS:
        _correct(story, first, kind, target, **fields)
    corrected = _run(story)
    assert corrected.cached == 1 and corrected.corrections["applied"].all()
    again = _run(story)
    assert again.cached == 1
    pd.testing.assert_frame_equal(again.statements, corrected.statements)
    pd.testing.assert_frame_equal(again.conditions, corrected.conditions)
    shutil.copy(SEED, story["articles"])
    more = _run(story)
    assert len(more.articles) == 2 and more.corrections["applied"].all()
    mine = more.statements[more.statements["article_id"] == first.articles["article_id"].iloc[0]]
    pd.testing.assert_frame_equal(mine.reset_index(drop=True), corrected.statements, check_categorical=False,
                                  check_dtype=False)  # the other article's values stay among the categories
    monkeypatch.setattr(config, "VERSION", config.VERSION + "+a-new-version")
    newer = _run(story)
    assert newer.cached == 0 and newer.corrections["applied"].all()
    pd.testing.assert_frame_equal(newer.statements, more.statements)


def test_a_correction_of_an_edited_article_is_reported_not_applied(story):
    first = _run(story)
    _correct(story, first, "party", "the funding question would be settled", party="Finland")
    story["file"].write_text(story["file"].read_text(encoding="utf-8") + "An invented line was added later.\n",
                             encoding="utf-8")
    edited = _run(story)
    assert not edited.corrections["applied"].any()
    assert "was edited" in edited.unapplied["reason"].iloc[0]
    assert pd.isna(_statement(edited, "the funding question would be settled")["party"])
    assert edited.statements["corrected"].isna().all()


def test_a_correction_of_an_article_not_read_is_said_to_be_elsewhere(story, tmp_path):
    first = _run(story)
    _correct(story, first, "right", "it already is")
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(SEED, other)
    elsewhere = analyze(other, parties=config.PARTIES, corrections=story["corrections"])
    assert elsewhere.unapplied["reason"].iloc[0].startswith(ELSEWHERE)


def test_a_span_that_moved_is_followed_and_one_that_is_gone_is_reported(story):
    first = _run(story)
    text = first.articles["text"].iloc[0]
    row = _statement(first, "the funding question would be settled")
    rows = load_corrections(story["corrections"])
    # as an older parley might have found them: the content one word longer; a span no statement covers
    start = int(row["content_start"])
    moved = {"article_id": row["article_id"], "start": start - 5, "end": int(row["content_end"]), "kind": "party",
             "party": "Finland", "text": text[start - 5:int(row["content_end"])]}
    gone = {"article_id": row["article_id"], "start": 0, "end": 20, "kind": "right", "text": text[0:20]}
    save_corrections(pd.concat([rows, pd.DataFrame([moved, gone])], ignore_index=True), story["corrections"])
    after = _run(story)
    status = after.corrections.set_index("kind")
    assert status.at["party", "applied"] and status.at["party", "reason"].startswith("applied to")
    assert _statement(after, "the funding question would be settled")["party"] == "Finland"
    assert not status.at["right", "applied"] and "no statement" in status.at["right", "reason"]


@pytest.mark.parametrize("edit, reason", [
    (lambda row: {**row, "text": "words the article does not have"}, "not the row's text"),
    (lambda row: {**row, "kind": "party", "party": "Atlantis"}, "not a government of the parties file"),
    (lambda row: {**row, "end": 10 ** 6}, "not inside the article"),
])
def test_a_row_that_does_not_fit_the_article_is_reported(story, edit, reason):
    first = _run(story)
    rows = _correct(story, first, "right", "it already is")
    save_corrections(pd.DataFrame([edit(rows.iloc[0].to_dict())]), story["corrections"])
    after = _run(story)
    assert not after.corrections["applied"].any()
    assert reason in after.corrections["reason"].iloc[0]


def test_a_missed_statement_parley_finds_after_all_is_not_added_twice(story):
    first = _run(story)
    _correct(story, first, "missed", "the first phase will cost €1.2bn", speaker="finance ministry", party="Estonia")
    after = _run(story)
    assert not after.corrections["applied"].any()
    assert "parley finds this statement now" in after.corrections["reason"].iloc[0]
    assert len(after.statements) == len(first.statements)


@pytest.mark.parametrize("parties, rows, joint", [
    (["Finland", "Estonia"], 2, True),   # a joint statement: one row per government
    ([], 1, False),                      # no government
    (["Estonia"], 1, False),
])
def test_a_government_correction_gives_one_row_per_government(story, parties, rows, joint):
    first = _run(story)
    target = "the funding question would be settled"
    _correct(story, first, "party", target, party=parties)
    after = _run(story)
    mine = after.statements[after.statements["content"].str.startswith(target)]
    assert len(mine) == rows
    assert [p for p in mine["party"] if pd.notna(p)] == parties
    assert mine["joint"].notna().all() == joint
    assert count_statements(after.statements)[0] == count_statements(first.statements)[0]
    # the statement's condition-free content: conditions and terms follow its rows
    assert set(after.terms.loc[after.terms["statement_id"].isin(mine["statement_id"]), "party"].dropna()) <= set(
        parties)


def test_a_joint_statement_corrected_to_one_government_keeps_its_conditions(story):
    first = _run(story)
    _correct(story, first, "party", "they remained committed", party=["Finland"])
    after = _run(story)
    mine = after.statements[after.statements["content"].str.startswith("they remained committed")]
    assert mine["party"].tolist() == ["Finland"] and mine["joint"].isna().all()


def test_speaker_and_content_corrections(story):
    first = _run(story)
    text = first.articles["text"].iloc[0]
    right = "the project would be reviewed once the engineering survey was complete"
    start, end = _span(first, right)
    _correct(story, first, "content", "parliament the project", new_start=start, new_end=end)
    _correct(story, first, "speaker", "the plan had been rushed", speaker="Liisa Koski (former prime minister)")
    after = _run(story)
    assert after.corrections["applied"].all()
    fixed = _statement(after, right)
    assert fixed["content"] == text[start:end] and fixed["corrected"] == "content"
    assert fixed["conditions"] == 1  # measured again on the new content
    said = _statement(after, "the plan had been rushed")
    assert said["speaker"] == "Liisa Koski (former prime minister)" and said["corrected"] == "speaker"


def test_right_marks_change_nothing_but_the_corrected_column(story):
    first = _run(story)
    _correct(story, first, "right", "it already is", sample="random")
    after = _run(story)
    pd.testing.assert_frame_equal(after.statements.drop(columns="corrected"), first.statements.drop(columns="corrected"))
    assert after.statements["corrected"].tolist().count("right") == 1
    assert after.uncorrected is not after.statements


def test_corrected_frames_keep_the_declared_dtypes(story):
    first = _run(story)
    for kind, target, fields, _changed in CORRECTIONS:
        _correct(story, first, kind, target, **fields)
    after = _run(story)
    for name in ("statements", "conditions", "terms"):
        def kinds(frame):  # a category's values differ once corrected: its kind is what is declared
            return frame.dtypes.drop("corrected", errors="ignore").map(
                lambda t: "category" if isinstance(t, pd.CategoricalDtype) else str(t))
        expected, got = kinds(getattr(first, name)), kinds(getattr(after, name))
        assert got.equals(expected), name
        assert list(got.index) == list(config_layout(name)), name
    assert after.statements["corrected"].dtype == object


def config_layout(name: str) -> list[str]:
    from parley.run.schemas import FRAMES
    return list(FRAMES[name])


# --------------------------------------------------------------------------- the file

def test_the_file_is_sorted_with_stable_columns_and_reads_back(story):
    first = _run(story)
    _correct(story, first, "right", "the funding question would be settled", sample="random")
    _correct(story, first, "party", "it already is", party=["Estonia", "Finland"], note="both, in the standfirst")
    lines = story["corrections"].read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(COLUMNS)
    starts = [int(line.split(",")[1]) for line in lines[1:]]
    assert starts == sorted(starts)
    rows = load_corrections(story["corrections"])
    save_corrections(rows, story["corrections"])
    assert story["corrections"].read_text(encoding="utf-8").splitlines() == lines  # written the same way twice
    assert rows.loc[rows["kind"] == "party", "party"].iloc[0] == "Estonia; Finland"
    assert rows["path"].tolist() == ["articles/tunnel.txt"] * 2  # relative to the corrections file


@pytest.mark.parametrize("first, then, left", [
    ("party", "right", ["right"]),            # right replaces the statement's other judgments
    ("right", "speaker", ["speaker"]),        # and any judgment replaces "right"
    ("party", "speaker", ["party", "speaker"]),
    ("speaker", "not_statement", ["not_statement"]),
    ("party", "party", ["party"]),            # the same kind again: replaced
])
def test_a_new_judgment_replaces_what_contradicts_it(story, first, then, left):
    a = _run(story)
    fields = {"party": {"party": "Finland"}, "speaker": {"speaker": "someone"}}
    _correct(story, a, first, "it already is", **fields.get(first, {}), sample="random")
    rows = _correct(story, a, then, "it already is", **fields.get(then, {}))
    assert sorted(rows["kind"]) == sorted(left)
    assert set(rows["sample"]) == {"random"}  # the sample the statement was drawn in is kept


def test_uncorrect_removes_a_span(story):
    a = _run(story)
    rows = _correct(story, a, "party", "it already is", party="Finland")
    row = rows.iloc[0]
    left = uncorrect(story["corrections"], article_id=row["article_id"], start=int(row["start"]), end=int(row["end"]))
    assert left.empty


def test_a_hand_edited_file_with_an_extra_column_and_windows_line_ends_reads(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_bytes(b"article_id,start,end,kind,reviewer\r\nabc,1,5,right,me\r\n")
    rows = load_corrections(path)
    assert rows["kind"].tolist() == ["right"] and rows["reviewer"].tolist() == ["me"]
    assert rows["start"].tolist() == [1] and rows["new_start"].isna().all()


def test_offsets_a_spreadsheet_saved_with_decimals_read_as_whole_numbers(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text("article_id,start,end,kind,new_start,new_end\nabc,1.0,5.0,content,2.0,4\n", encoding="utf-8")
    rows = load_corrections(path)
    assert rows[["start", "end", "new_start", "new_end"]].iloc[0].tolist() == [1, 5, 2, 4]


@pytest.mark.parametrize("content, message", [
    ("article_id,start,end,kind\nabc,1.5,5,right\n", "line 2: start is '1.5'"),
    ("article_id,start,end,kind\nabc,1,5,wrong_kind\n", "line 2: unknown kind 'wrong_kind'"),
    ("article_id,start,end,kind\nabc,one,5,right\n", "line 2: start is 'one'"),
    ("article_id,start,end\nabc,1,5\n", "no column kind"),
    ("article_id,start,end,kind,sample\nabc,1,5,right,later\n", "unknown sample 'later'"),
    ("article_id,start,end,kind\nabc,1,5,content\n", "needs new_start and new_end"),
])
def test_a_file_that_cannot_be_applied_as_written_is_refused_with_its_line(tmp_path, content, message):
    path = tmp_path / "corrections.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_corrections(path)


def test_a_missing_or_empty_file_holds_no_corrections(tmp_path):
    assert load_corrections(tmp_path / "none.csv").empty
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    assert list(load_corrections(tmp_path / "empty.csv").columns) == COLUMNS


def test_correct_refuses_what_is_not_in_the_article(story):
    a = _run(story)
    with pytest.raises(ValueError, match="unknown kind"):
        correct(story["corrections"], a.articles, article_id=a.articles["article_id"].iloc[0], start=0, end=5,
                kind="typo")
    with pytest.raises(ValueError, match="not inside the article"):
        correct(story["corrections"], a.articles, article_id=a.articles["article_id"].iloc[0], start=0, end=10 ** 6,
                kind="right")
    with pytest.raises(ValueError, match="no article"):
        correct(story["corrections"], a.articles, article_id="0" * 16, start=0, end=5, kind="right")
    assert not story["corrections"].exists()


def test_applying_leaves_the_input_frames_alone(story):
    a = _run(story)
    _correct(story, a, "not_statement", "not to be named")
    before = a.statements.copy()
    apply_corrections(a.statements, load_corrections(story["corrections"]), articles=a.articles,
                      sentences=a.sentences, conditions=a.conditions, terms=a.terms, parties=a.parties, story=a.story)
    pd.testing.assert_frame_equal(a.statements, before)


def test_analyze_without_corrections_has_no_corrected_column(story):
    a = analyze(story["articles"], parties=story["parties"])
    assert "corrected" not in a.statements and a.corrections.empty and a.uncorrected is a.statements
    assert analysis_module.Analysis.unapplied.fget(a).empty
