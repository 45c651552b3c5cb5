"""Choosing articles and parties: the pure selection and the widgets that redraw on change."""
import pandas as pd
import pytest

from parley import config, explore

STATEMENTS = pd.DataFrame({
    "statement_id": ["s1", "s2", "s3", "s4", "s5"],
    "article_id": ["a1", "a1", "a1", "a2", "a2"],
    "party": ["Iraq", "United States", None, "Iraq", "Iran"],
})


@pytest.mark.parametrize("kwargs, expected", [
    ({}, ["s1", "s2", "s3", "s4", "s5"]),
    ({"pair": ("Iraq", "United States")}, ["s1", "s2", "s4"]),
    ({"pair": ("Iraq", None)}, ["s1", "s4"]),
    ({"pair": (None, "Iran")}, ["s5"]),
    ({"pair": (None, None)}, ["s1", "s2", "s3", "s4", "s5"]),
    ({"pair": ("Syria", "Iran")}, ["s5"]),
    ({"article_ids": ["a2"]}, ["s4", "s5"]),
    ({"article_ids": "a2"}, ["s4", "s5"]),  # papermill's `-p ARTICLE_IDS a2`
    ({"article_ids": ()}, []),
    ({"article_ids": ("a1",), "pair": ("United States", "Iran")}, ["s2"]),
    ({"article_ids": ["a1", "a2"], "pair": ("Iran", "Iraq")}, ["s1", "s4", "s5"]),
])
def test_select(kwargs, expected):
    chosen = explore.select(STATEMENTS, **kwargs)
    assert chosen["statement_id"].tolist() == expected
    assert chosen.index.tolist() == STATEMENTS.index[STATEMENTS["statement_id"].isin(expected)].tolist()


def test_select_without_party_column_filters_articles_only():
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "title": ["One", "Two"]})
    assert explore.select(articles, article_ids=["a2"], pair=("Iraq", "Iran"))["title"].tolist() == ["Two"]


def test_select_returns_a_new_frame():
    before = STATEMENTS.copy()
    chosen = explore.select(STATEMENTS)
    chosen.loc[chosen.index[0], "party"] = "changed"
    pd.testing.assert_frame_equal(STATEMENTS, before)


def test_select_on_the_seed_statements():
    import parley

    seed = next(config.ARTICLES.glob("000_*.txt")).read_text(encoding="utf-8")
    statements = parley.analyze_text(seed, parties=config.PARTIES).statements
    assert explore.select(statements, pair=("Iraq", None))["speaker"].tolist() == [
        "Baghdad", "Iraq’s foreign ministry", "Iraq’s foreign ministry"]
    assert explore.select(statements, article_ids=[]).empty


ARTICLES = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "title": ["First article", None, " "],
                         "path": ["/x/a1.txt", "/x/a2.txt", None]})
PARTIES = ["United States", "Iraq", "Iran"]


def _find(widget, description):
    """Return the control with ``description`` inside a widget tree."""
    if getattr(widget, "description", None) == description:
        return widget
    for child in getattr(widget, "children", ()):
        if (found := _find(child, description)) is not None:
            return found
    return None


def _controls(calls, **kwargs):
    box = explore.controls(ARTICLES, PARTIES, draw=lambda ids, pair: calls.append((ids, pair)), **kwargs)
    return box, _find(box, "Articles"), _find(box, "Party A"), _find(box, "Party B")


def test_controls_start_from_all_articles_and_the_first_two_parties():
    calls = []
    box, picker, party_a, party_b = _controls(calls)
    assert [label for label, _ in picker.options] == ["First article", "/x/a2.txt", "a3"]
    assert picker.value == ("a1", "a2", "a3")
    assert (party_a.value, party_b.value) == ("United States", "Iraq")
    assert calls == []  # nothing drawn until a control changes


@pytest.mark.parametrize("kwargs, expected", [
    ({"article_ids": ["a2"], "party_a": "Iraq"}, (("a2",), "Iraq", "United States")),
    ({"article_ids": "a3", "party_b": "United States"}, (("a3",), "Iraq", "United States")),
    ({"party_a": "Iran", "party_b": "Iraq"}, (("a1", "a2", "a3"), "Iran", "Iraq")),
])
def test_controls_start_from_the_parameters(kwargs, expected):
    calls = []
    _, picker, party_a, party_b = _controls(calls, **kwargs)
    assert (picker.value, party_a.value, party_b.value) == expected
    assert calls == []


def test_controls_redraw_with_the_new_choice():
    calls = []
    _, picker, party_a, party_b = _controls(calls)
    party_b.value = "Iran"
    assert calls == [(("a1", "a2", "a3"), ("United States", "Iran"))]
    picker.value = ("a2",)
    party_a.value = "Iraq"
    assert calls[1:] == [(("a2",), ("United States", "Iran")), (("a2",), ("Iraq", "Iran"))]
    party_a.value = "Iraq"  # no change, no redraw
    assert len(calls) == 3


@pytest.mark.parametrize("kwargs", [{"party_a": "Syria"}, {"party_b": "iraq"}, {"article_ids": ["a9"]}])
def test_controls_reject_unknown_choices(kwargs):
    with pytest.raises(ValueError, match="not among"):
        explore.controls(ARTICLES, PARTIES, draw=print, **kwargs)


@pytest.mark.parametrize("pair", [("Iraq", "Iraq"), ("United States", "United States")])
def test_select_rejects_a_government_compared_with_itself(pair):
    frame = pd.DataFrame({"article_id": ["a1"], "party": ["Iraq"]})
    with pytest.raises(ValueError, match=f"PARTY_A and PARTY_B are both '{pair[0]}'.*two different governments"):
        explore.select(frame, pair=pair)
    with pytest.raises(ValueError, match="cannot be compared with itself"):
        explore.controls(ARTICLES, PARTIES, draw=print, party_a=pair[0], party_b=pair[1])


def test_controls_say_so_instead_of_drawing_the_same_government_twice(capsys):
    calls = []
    _, _, party_a, party_b = _controls(calls)
    party_b.value = party_a.value
    assert calls == []  # nothing drawn for a government against itself
    assert "cannot be compared with itself" in capsys.readouterr().out
