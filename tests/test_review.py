"""Tests for parley.views.review: statements shown for review, the review widgets, the report's accuracy block."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from parley import analyze, analyze_text, config
from parley.rollup.accuracy import review_sample, uncertain_first
from parley.run.corrections import correct, load_corrections
from parley.views import review

STORY = Path(__file__).resolve().parent / "fixtures" / "review_story"


@pytest.fixture(autouse=True)
def _fresh_cache(cache_dir):  # every test here writes a cache of its own
    return cache_dir


@pytest.fixture
def story(tmp_path) -> dict:
    folder = tmp_path / "data"
    shutil.copytree(STORY / "articles", folder / "articles")
    return {"articles": folder / "articles", "parties": STORY / "parties.toml",
            "corrections": folder / "corrections.csv"}


def _run(story):
    return analyze(story["articles"], parties=story["parties"], corrections=story["corrections"], workers=1)


@pytest.mark.parametrize("text, needle, window, expected", [
    ("He said the plan was fair. She said the plan was fair.", "the plan was fair", (27, 55), (36, 53)),
    ("He said the plan was fair.", "the plan\n  was fair", (0, 26), (8, 25)),      # any spacing
    ("He said the plan was fair. Then he left.", "the plan was fair", (27, 40), (8, 25)),  # outside the window
    ("He said the plan was fair.", "a plan", (0, 26), None),
    ("He said the plan was fair.", "   ", (0, 26), None),
])
def test_locate_finds_a_pasted_phrase_in_the_sentence_first(text, needle, window, expected):
    assert review.locate(text, needle, *window) == expected


def test_a_statement_is_shown_escaped_with_its_evidence():
    a = analyze_text("Finland’s transport ministry said the <script>tunnel</script> would open if Estonia paid.",
                     parties=STORY / "parties.toml")
    shown = review.statement_html(a.statements.iloc[0], a)
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "Finland" in shown and "alias" in shown and "cue-subject-after" in shown
    assert "class=\"condition\"" in shown and "Estonia paid" in shown


def test_the_review_table_lists_what_the_file_says_of_each_statement(story):
    a = _run(story)
    sample = review_sample(a.uncorrected, seed=0)
    first = sample.iloc[0]
    correct(story["corrections"], a.articles, article_id=first["article_id"], start=int(first["content_start"]),
            end=int(first["content_end"]), kind="party", party=[], sample="random")
    table = review.review_table(sample.head(3), a, corrections=load_corrections(story["corrections"]))
    assert table.count("<tr>") == 4 and "government → none" in table
    assert "mark class=\"speaker\"" in table
    assert "uncertain" not in review.review_table(sample.head(1), a)
    assert "resolved through a pronoun" in review.review_table(uncertain_first(a.uncorrected), a)


def test_the_accuracy_block_without_a_review_says_the_figures_are_unchecked(story):
    block = review.accuracy_html(_run(story))
    assert "Unchecked on these articles" in block and "0.880" in block and "0.869" in block


def test_the_accuracy_block_gives_the_estimate_and_every_correction_not_applied(story):
    a = _run(story)
    sample = review_sample(a.uncorrected, seed=0).head(4)
    for n, row in enumerate(sample.itertuples()):
        correct(story["corrections"], a.articles, article_id=row.article_id, start=row.content_start,
                end=row.content_end, kind="right" if n else "not_statement", sample="random")
    rows = load_corrections(story["corrections"])
    rows.loc[len(rows)] = {**rows.iloc[0].to_dict(), "article_id": "0" * 16, "path": "articles/tunnel.txt",
                           "kind": "right"}
    from parley.run.corrections import save_corrections
    save_corrections(rows, story["corrections"])
    after = _run(story)
    block = review.accuracy_html(after)
    assert "Reviewed 4 of 19 statements" in block
    assert "government right 3 of 4 [0.30–0.95]" in block
    assert "1 correction(s) not applied" in block and "was edited" in block


def test_the_widgets_write_through_the_function_api_and_nothing_before_a_click(story):
    a = _run(story)
    sample = review_sample(a.uncorrected, seed=0)
    box = review.review_widgets(a, sample, corrections=story["corrections"], sample="random")
    assert not story["corrections"].exists()
    buttons = {w.description: w for w in _walk(box) if type(w).__name__ == "Button"}
    fields = {}
    for w in _walk(box):  # the first of a name: the statement's (the missed statement's come last)
        fields.setdefault((type(w).__name__, getattr(w, "description", None)), w)
    buttons["Right ▶"].click()  # saves, then shows the next statement
    fields[("SelectMultiple", "Government")].value = ("Estonia", "Finland")
    buttons["Save government"].click()
    buttons["Next ▶"].click()
    fields[("Text", "Missed")].value = "no such phrase in the article"
    buttons["Add condition"].click()
    rows = load_corrections(story["corrections"])
    assert sorted(rows["kind"]) == ["party", "right"]
    assert set(rows["sample"]) == {"random"}
    assert rows.loc[rows["kind"] == "party", "party"].iloc[0] == "Estonia; Finland"
    title, status = [w.value for w in _walk(box) if type(w).__name__ == "HTML"][:2]
    assert "Not saved" in status and "Statement 3 of" in title


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)
