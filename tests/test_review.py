"""Tests for parley.views.review: statements shown for review, the review widgets, the report's accuracy block."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
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


@pytest.mark.parametrize("kind, text, fields, expected", [
    ("right", "“We will not move,”", {}, "right “We will not move”"),
    ("party", "the plan is fair", {"party": []}, "government → none for “the plan is fair”"),
    ("party", "the plan is fair", {"party": ["A", "B"]}, "government → A; B for “the plan is fair”"),
    ("missed", "talks will go on.", {"speaker": " an envoy ", "party": ["A"]},
     "missed statement “talks will go on” by an envoy (A)"),
    ("not_condition", "if it rains", {}, "not a condition “if it rains”"),
])
def test_the_saved_line_quotes_the_text_in_the_words_of_the_form(kind, text, fields, expected):
    assert review._saved(kind, text, fields) == expected


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
    assert "<td>tunnel.txt</td>" in table
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
    assert "applied: right 3, not a statement 1" in block


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
    fields[("Text", "Missed condition")].value = "no such phrase in the article"
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


def _widgets(box) -> tuple[dict, dict]:
    """Return a review box's buttons by label and its fields by (type, label) (the statement's come first)."""
    buttons = {w.description: w for w in _walk(box) if type(w).__name__ == "Button"}
    fields = {}
    for w in _walk(box):
        fields.setdefault((type(w).__name__, getattr(w, "description", None)), w)
    return buttons, fields


def _lines(box) -> tuple[str, str, str]:
    """Return the title, the saved line and the statement card of a review box."""
    return tuple(w.value for w in _walk(box) if type(w).__name__ == "HTML")[:3]


def test_a_new_session_opens_at_the_first_statement_not_yet_reviewed(story):
    a = _run(story)
    sample = review_sample(a.uncorrected, seed=0)
    for row in sample.head(2).itertuples():
        correct(story["corrections"], a.articles, article_id=row.article_id, start=row.content_start,
                end=row.content_end, kind="right", sample="random")
    title, _, _ = _lines(review.review_widgets(a, sample, corrections=story["corrections"]))
    assert f"Statement 3 of {len(sample)}" in title and f"2 of {len(sample)} reviewed" in title


def test_right_goes_on_to_the_next_statement_not_yet_reviewed_and_says_when_all_are(story):
    a = _run(story)
    sample = review_sample(a.uncorrected, seed=0).head(3)
    first = sample.iloc[1]
    correct(story["corrections"], a.articles, article_id=first["article_id"], start=int(first["content_start"]),
            end=int(first["content_end"]), kind="right", sample="random")
    box = review.review_widgets(a, sample, corrections=story["corrections"])
    buttons, _ = _widgets(box)
    buttons["Right ▶"].click()  # statement 1: 2 is reviewed already, so 3 comes next
    assert "Statement 3 of 3" in _lines(box)[0]
    buttons["Not a statement ▶"].click()
    title, saved, _ = _lines(box)
    assert "3 of 3 reviewed" in title and "all 3 statements are reviewed" in saved


def test_the_form_shows_what_the_file_already_says_of_the_statement(story):
    a = _run(story)
    sample = review_sample(a.uncorrected, seed=0)
    box = review.review_widgets(a, sample, corrections=story["corrections"])
    buttons, fields = _widgets(box)
    fields[("SelectMultiple", "Government")].value = ("Estonia",)
    buttons["Save government"].click()
    fields[("Text", "Speaker")].value = "an invented envoy"
    buttons["Save speaker"].click()
    assert fields[("SelectMultiple", "Government")].value == ("Estonia",)
    assert fields[("Text", "Speaker")].value == "an invented envoy"
    title, saved, card = _lines(box)
    assert "Statement 1 of" in title and "speaker → an invented envoy for “" in saved
    assert "government → Estonia" in card and "speaker → an invented envoy" in card


def test_undo_puts_the_file_back_as_it_was_before_the_last_save(story):
    a = _run(story)
    sample = review_sample(a.uncorrected, seed=0)
    box = review.review_widgets(a, sample, corrections=story["corrections"])
    buttons, _ = _widgets(box)
    assert buttons["Undo last save"].disabled
    buttons["Right ▶"].click()
    buttons["Not a statement ▶"].click()
    assert "Statement 3 of" in _lines(box)[0]
    buttons["Undo last save"].click()
    assert list(load_corrections(story["corrections"])["kind"]) == ["right"]
    assert "Statement 2 of" in _lines(box)[0]  # back at the statement whose judgment was undone
    buttons["Undo last save"].click()  # before the first save there was no file
    assert not story["corrections"].exists() and buttons["Undo last save"].disabled


def test_a_removed_and_a_missed_condition_show_on_their_statement(story):
    a = _run(story)
    row = a.uncorrected[a.uncorrected["content"].str.contains("as long as both parliaments")].iloc[0]
    cond = a.conditions[a.conditions["condition"].str.contains("both parliaments approved", na=False)].iloc[0]
    correct(story["corrections"], a.articles, article_id=row["article_id"], start=int(cond["start"]),
            end=int(cond["end"]), kind="not_condition")
    card = review.statement_html(row, a, corrections=load_corrections(story["corrections"]))
    assert "not a condition “both parliaments approved the treaty”" in card
    assert "Finland and Estonia at odds" in card and "tunnel.txt" in card  # the article it is in


def test_no_statements_to_review_shows_no_buttons(story):
    box = review.review_widgets(_run(story), pd.DataFrame(), corrections=story["corrections"])
    assert "No statements to review" in box.children[0].value
    assert not [w for w in _walk(box) if type(w).__name__ == "Button"]


def test_a_missed_condition_or_statement_parley_already_finds_is_not_saved(story):
    a = _run(story)
    sample = review_sample(a.uncorrected, seed=0)
    row = a.uncorrected[a.uncorrected["content"].str.contains("as long as both parliaments")]
    box = review.review_widgets(a, sample, corrections=story["corrections"])
    buttons, fields = _widgets(box)
    fields[("BoundedIntText", "Go to")].value = int(sample.index[
        (sample["content_start"] == row["content_start"].iloc[0]) & (sample["article_id"] == row["article_id"].iloc[0])
    ][0]) + 1
    fields[("Text", "Missed condition")].value = "both parliaments approved the treaty"
    buttons["Add condition"].click()
    assert "already finds this condition" in _lines(box)[1]
    buttons["Not a condition"].click()  # removed: now a tighter span of it may be added
    fields[("Text", "Missed condition")].value = "both parliaments approved"
    buttons["Add condition"].click()
    assert "Saved: missed condition “both parliaments approved”" in _lines(box)[1]
    missed = [w for w in _walk(box) if getattr(w, "description", None) in ("Sentence", "Speaker", "Said")]
    sentence, said, speaker = missed[1:]  # the first Speaker is the statement's
    sentence.value = next(v for label, v in sentence.options if label.startswith("Finland’s transport ministry"))
    said.value, speaker.value = "the tunnel would begin only if Estonia secured its share", "someone"
    buttons["Add missed statement"].click()
    assert "already finds this statement" in _lines(box)[1]
    assert sorted(load_corrections(story["corrections"])["kind"]) == ["missed_condition", "not_condition"]
