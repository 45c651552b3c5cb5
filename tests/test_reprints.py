"""Reprints: one quote_id for the reports of one quote across articles; unique statements; provenance."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import parley
from parley import config, summaries
from parley.rollup.reprints import PROVENANCE_COLUMNS, add_quote_ids, provenance, unique_statements

TIMELINE = Path(__file__).parent / "fixtures" / "timeline"
PARTIES = config.ROOT / "data" / "parties.toml"
WIRE = "The handover of the western air base will proceed in stages"


@pytest.fixture(scope="module")
def timeline(tmp_path_factory):
    """Analyze the timeline fixtures with the real pipeline and a private cache."""
    patch = pytest.MonkeyPatch()
    patch.setattr(config, "CACHE", tmp_path_factory.mktemp("cache"))
    try:
        yield parley.analyze(TIMELINE, parties=PARTIES, workers=1)
    finally:
        patch.undo()


def _by_path(analysis) -> dict:
    return {Path(p).name: aid for p, aid in zip(analysis.articles["path"], analysis.articles["article_id"])}


# --------------------------------------------------------------------------- the pipeline on the fixtures

def test_syndicated_quote_is_one_quote_with_three_reports(timeline):
    quotes = add_quote_ids(timeline.statements, timeline.articles)
    wire = quotes[quotes["content"].str.contains("western air base")]
    # Straight quotes (wire), curly quotes and "each" for "every" (herald), the tail trimmed (evening post).
    assert len(wire) == 3 and wire["article_id"].nunique() == 3
    assert wire["quote_id"].nunique() == 1 and set(wire["reports"]) == {3}
    ids = _by_path(timeline)
    # Canonical: the earliest report; the wire and the herald share 2024-03-04, the article_id breaks the tie.
    first = min(ids["wire_handover.md"], ids["herald_handover.json"])
    assert wire["quote_id"].iloc[0] == wire.loc[wire["article_id"] == first, "statement_id"].iloc[0]


def test_two_quotes_by_one_speaker_on_one_day_stay_two(timeline):
    quotes = add_quote_ids(timeline.statements, timeline.articles)
    herald = quotes[(quotes["article_id"] == _by_path(timeline)["herald_handover.json"])
                    & (quotes["speaker"] == "Lloyd Austin")]
    assert len(herald) == 2 and herald["quote_id"].nunique() == 2
    assert herald["reports"].tolist() == [3, 1]


def test_quote_ids_do_not_depend_on_row_order(timeline):
    first = add_quote_ids(timeline.statements, timeline.articles)
    shuffled = timeline.statements.sample(frac=1, random_state=3)
    again = add_quote_ids(shuffled, timeline.articles.iloc[::-1]).loc[first.index]
    assert again["quote_id"].tolist() == first["quote_id"].tolist()
    assert again["reports"].tolist() == first["reports"].tolist()


def test_html_published_time_reaches_published(timeline):
    articles = timeline.articles.set_index(timeline.articles["path"].map(lambda p: Path(p).name))
    # <meta property="article:published_time" content="2024-03-05T07:15:00+03:00">: the local date.
    assert articles.loc["post_handover.html", ["published", "source"]].tolist() == [
        "2024-03-05", "The Fixture Evening Post"]
    assert articles.loc["herald_handover.json", "published"] == "2024-03-04"
    assert articles.loc["wire_handover.md", "published"] == "2024-03-04"


def test_article_without_date_is_listed_not_dropped(timeline):
    report = timeline.load_report.set_index(timeline.load_report["path"].map(lambda p: Path(p).name))
    assert report.loc["blog_undated.md", "status"] == "loaded"
    assert report.loc["blog_undated.md", "reason"].startswith("no publication date")
    assert report.loc["wire_handover.md", "reason"] == ""
    table = provenance(timeline.statements, timeline.articles).set_index("quote_id")
    ministry = table[table["speaker"] == "Iraq's foreign ministry"].iloc[0]
    assert ministry["reports"] == 3 and ministry["undated"] == 1
    assert ministry["sources"] == ("The Fixture Wire", "The Fixture Evening Post", "The Fixture Blog")
    assert ministry["dates"] == ("2024-03-04", "2024-03-05", None)  # undated last
    assert (ministry["first"], ministry["last"]) == ("2024-03-04", "2024-03-05")


def test_provenance_lists_each_quote_once_with_outlets_and_dates(timeline):
    table = provenance(timeline.statements, timeline.articles)
    assert list(table.columns) == PROVENANCE_COLUMNS
    assert len(table) == 4 and table["quote_id"].is_unique
    wire = table[table["content"].str.contains("western air base")].iloc[0]
    assert wire["content"].startswith('"' + WIRE)  # the wire's own (canonical) wording, straight quotes
    assert wire["party"] == "United States" and wire["speaker"] == "Lloyd Austin"
    assert set(wire["sources"]) == {"The Fixture Wire", "The Fixture Herald", "The Fixture Evening Post"}
    assert wire["dates"][-1] == "2024-03-05" and wire["sources"][-1] == "The Fixture Evening Post"
    assert table["reports"].sum() == len(timeline.statements)


def test_unique_and_all_report_counts_differ_exactly_as_expected(timeline):
    statements = add_quote_ids(timeline.statements, timeline.articles)
    unique = unique_statements(statements)
    assert len(statements) == 8 and len(unique) == 4
    assert set(unique["statement_id"]) == set(unique["quote_id"])
    # Every report: the US wire quote 3 times + Austin's second quote; Iraq's ministry 3 times + al-Sudani.
    # One row per quote: 2 and 2.
    n_all = summaries.sentiment(statements).query("measure == 'polarity'").set_index("party")["n"]
    n_unique = summaries.sentiment(unique).query("measure == 'polarity'").set_index("party")["n"]
    assert n_all.to_dict() == {"United States": 4, "Iraq": 4}
    assert n_unique.to_dict() == {"United States": 2, "Iraq": 2}
    conditional_all = summaries.conditionality(statements, timeline.conditions).set_index("party")
    conditional_unique = summaries.conditionality(unique, timeline.conditions).set_index("party")
    assert conditional_all["n"].to_dict() == {"United States": 4, "Iraq": 4}
    assert conditional_unique["n"].to_dict() == {"United States": 2, "Iraq": 2}
    # The wire quote's condition ("depend on ...") is found in the wire's and the herald's full copies (the
    # evening post trimmed it off): twice over every report, once over unique quotes.
    assert conditional_all["conditional"].to_dict() == {"United States": 2, "Iraq": 0}
    assert conditional_unique["conditional"].to_dict() == {"United States": 1, "Iraq": 0}


def test_unique_statements_adds_quote_ids_when_missing(timeline):
    direct = unique_statements(timeline.statements, timeline.articles)
    assert direct["statement_id"].tolist() == unique_statements(
        add_quote_ids(timeline.statements, timeline.articles))["statement_id"].tolist()


# --------------------------------------------------------------------------- the matching rule

def _pair(a, b, *, party=("United States", "United States"), speaker=("Lloyd Austin", "Lloyd Austin")):
    return pd.DataFrame({"statement_id": ["a:q0", "b:q0"], "article_id": ["a", "b"], "speaker": list(speaker),
                         "party": list(party), "content": [a, b]})


BASE = "Every stage of the handover will depend on the threat and on what our partners tell us."


@pytest.mark.parametrize(("a", "b", "same"), [
    (BASE, BASE, True),
    (BASE, BASE.upper(), True),                                               # case
    (f"\u201c{BASE}\u201d", f'"{BASE}"', True),                               # curly vs straight quotes
    (BASE, BASE.replace("partners", "allies"), True),                         # a changed word
    (BASE, BASE.replace(",", "").replace(".", "").replace("handover", "hand-over"), True),  # punctuation
    (BASE, "Every stage of the handover will depend on the threat", True),   # trimmed tail
    (BASE, BASE + " We will not leave before then, whatever anyone says.", True),  # extended
    (BASE, "Every stage of the handover will depend on the threats", True),  # trimmed and edited
    (BASE, "We will not walk away from our partners while the danger remains.", False),  # another quote
    (BASE, "the handover will depend", False),                               # too short to be contained
    ("The drawdown will begin in September.", "The drawdown will begin in December.", False),  # a fact changed
    ("We will send 5,000 more advisers to the northern bases.", "We will send 2,500 more advisers to the northern "
     "bases.", False),
    ("We will send 5,000 more advisers to the northern bases.", "We will send 5,000 more advisers to the "
     "northern bases next year.", True),
    ("The timeline will evolve based on the threat.", "The timeline will evolve based on Iraqi capability.", False),
    (BASE, "", False),
    (BASE, None, False),
])
def test_matching_rule(a, b, same):
    frame = add_quote_ids(_pair(a, b))
    assert (frame["quote_id"].nunique() == 1) is same
    assert frame["reports"].tolist() == ([2, 2] if same else [1, 1])


@pytest.mark.parametrize(("party", "speaker", "same"), [
    (("United States", "United States"), ("Lloyd Austin", "John Kirby"), True),   # same government
    ((None, "United States"), ("Lloyd Austin", "lloyd  austin"), True),          # same speaker, one party missing
    ((None, None), ("Lloyd Austin", "Lloyd Austin"), True),                      # same speaker, no party
    ((None, None), ("Lloyd Austin", "John Kirby"), False),
    (("Iraq", "United States"), ("the two governments", "the two governments"), False),  # never across parties
    ((None, "United States"), (None, "Lloyd Austin"), False),                    # unattributed vs attributed
])
def test_who_may_share_a_quote(party, speaker, same):
    frame = add_quote_ids(_pair(BASE, BASE.replace("partners", "allies"), party=party, speaker=speaker))
    assert (frame["quote_id"].nunique() == 1) is same


@pytest.mark.parametrize(("a", "b", "same"), [
    (BASE, f"\u201c{BASE}\u201d", True),                                       # long and verbatim
    (BASE, BASE.replace("partners", "allies"), False),                        # edited: no speaker to vouch
    ("We will see.", "We will see.", False),                                   # short
])
def test_unattributed_statements_merge_only_when_long_and_verbatim(a, b, same):
    frame = add_quote_ids(_pair(a, b, party=(None, None), speaker=(None, None)))
    assert (frame["quote_id"].nunique() == 1) is same


def test_joint_statement_keeps_a_quote_per_government():
    frame = pd.DataFrame({"statement_id": ["a:q0", "a:q0+1", "b:q0", "b:q0+1"], "article_id": ["a", "a", "b", "b"],
                          "speaker": "the two governments", "party": ["Iraq", "United States"] * 2,
                          "joint": ["a:q0", "a:q0", "b:q0", "b:q0"], "content": BASE})
    out = add_quote_ids(frame)
    assert out["quote_id"].tolist() == ["a:q0", "a:q0+1", "a:q0", "a:q0+1"]
    assert out["reports"].tolist() == [2, 2, 2, 2]


def test_canonical_report_is_the_earliest_and_undated_come_last():
    frame = pd.DataFrame({"statement_id": ["z:q0", "y:q0", "x:q0"], "article_id": ["z", "y", "x"],
                          "speaker": "Lloyd Austin", "party": "United States", "content": BASE})
    articles = pd.DataFrame({"article_id": ["x", "y", "z"], "source": ["X", "Y", "Z"],
                             "published": [None, "2024-03-05", "2024-03-04"]})
    assert set(add_quote_ids(frame, articles)["quote_id"]) == {"z:q0"}
    assert set(add_quote_ids(frame)["quote_id"]) == {"x:q0"}  # no dates: article_id, then statement_id
    row = provenance(frame, articles).iloc[0]
    assert row["sources"] == ("Z", "Y", "X") and row["dates"] == ("2024-03-04", "2024-03-05", None)
    assert row["undated"] == 1 and (row["first"], row["last"]) == ("2024-03-04", "2024-03-05")


def test_one_article_repeating_a_quote_is_one_report():
    frame = pd.DataFrame({"statement_id": ["a:q0", "a:q3", "b:q0"], "article_id": ["a", "a", "b"],
                          "speaker": "Lloyd Austin", "party": "United States", "content": BASE})
    out = add_quote_ids(frame)
    assert out["reports"].tolist() == [2, 2, 2]
    articles = pd.DataFrame({"article_id": ["a", "b"], "source": ["A", "B"], "published": [None, None]})
    assert provenance(out, articles)[["reports", "statements"]].iloc[0].tolist() == [2, 3]


def test_dates_from_a_published_column_and_missing_values_as_nan():
    frame = pd.DataFrame({"statement_id": ["a:q0", "b:q0", "c:q0"], "article_id": ["a", "b", "c"],
                          "speaker": [np.nan, "Lloyd Austin", None], "party": ["United States", "United States", np.nan],
                          "content": [BASE, BASE, np.nan], "published": ["2024-03-09", "2024-03-02", None]})
    out = add_quote_ids(frame)
    assert out["quote_id"].tolist() == ["b:q0", "b:q0", "c:q0"]  # b is the earlier report
    assert out["reports"].tolist() == [2, 2, 1]


def test_input_is_not_changed_and_empty_frames_keep_columns():
    frame = _pair(BASE, BASE)
    before = frame.copy()
    add_quote_ids(frame)
    pd.testing.assert_frame_equal(frame, before)
    empty = add_quote_ids(frame.iloc[:0])
    assert list(empty.columns) == list(frame.columns) + ["quote_id", "reports"]
    assert list(provenance(empty, pd.DataFrame(columns=["article_id", "source", "published"])).columns) == \
        PROVENANCE_COLUMNS


def test_many_statements_group_fast_and_right():
    # A small version of benchmarks/bench_reprints.py: 300 quotes, each reprinted with small edits.
    rng = np.random.default_rng(0)
    words = sorted({"".join(rng.choice(list("bdfgklmnprstvz"), 3)) + "".join(rng.choice(list("aeiou"), 2))
                    for _ in range(2000)})  # letters only: a number changed is another statement
    rows, truth = [], []
    for quote in range(300):
        sentence = list(rng.choice(words, size=rng.integers(10, 20)))
        for copy in range(int(rng.integers(1, 6))):
            edited = list(sentence)
            if copy % 2:
                edited[int(rng.integers(len(edited)))] = str(rng.choice(words))
            rows.append({"statement_id": f"{quote}-{copy}:q0", "article_id": f"{quote}-{copy}",
                         "speaker": f"speaker {quote % 30}", "party": ["Iraq", "United States"][quote % 2],
                         "content": " ".join(edited)})
            truth.append(quote)
    out = add_quote_ids(pd.DataFrame(rows))
    assert pd.crosstab(out["quote_id"], truth).gt(0).sum(axis=1).max() == 1  # no two quotes merged
    assert out["quote_id"].nunique() == 300


def test_candidates_in_small_slices_are_the_same(monkeypatch):
    from parley import reprints

    rng = np.random.default_rng(1)
    words = ["alpha", "bravo", "delta", "gamma", "kappa", "sigma", "omega", "theta", "zeta", "lambda"]
    tokens = {i: set(rng.choice(words, size=int(rng.integers(1, 6)))) for i in range(0, 120, 2)}
    whole = reprints._candidates(list(tokens), tokens)
    monkeypatch.setattr(reprints, "_CHUNK", 7)
    assert whole and whole == sorted(whole)
    assert reprints._candidates(list(tokens), tokens) == whole


def test_a_content_that_reads_like_an_internal_key_still_merges():
    frame = add_quote_ids(_pair("Row.", "row", party=(None, None), speaker=("Lloyd Austin", "Lloyd Austin")))
    assert frame["quote_id"].nunique() == 1
