"""HTML rendering: escaped text, nested highlights, blocks."""
import pandas as pd
import pytest

import parley
from parley import render
from parley.views.render import article_html, evidence_table, highlight


def test_markup_in_an_article_is_shown_as_text():
    text = 'Headline\nThe minister said <script>alert("x")</script> & more.'
    a = parley.analyze_text(text)
    spans = [(r.content_start, r.content_end, "content") for r in a.statements.itertuples()]
    assert spans, "the statement with markup in it is still found"
    out = highlight(text, spans)
    assert "<script>" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in out


@pytest.mark.parametrize("spans, expected", [
    ([(0, 3, "a")], '<mark class="a">abc</mark>def'),
    ([(0, 6, "a"), (2, 4, "b")], '<mark class="a">ab<mark class="b">cd</mark>ef</mark>'),
    # a partial overlap is clipped into the enclosing mark, so the HTML stays well formed
    ([(0, 4, "a"), (2, 6, "b")], '<mark class="a">ab<mark class="b">cd</mark></mark>ef'),
    ([(1, 2, "a", 'say "hi"')], 'a<mark class="a" title="say &quot;hi&quot;">b</mark>cdef'),
    ([(None, None, "a")], "abcdef"),
])
def test_highlight_nests_and_escapes(spans, expected):
    assert highlight("abcdef", spans) == f'<div class="parley-text">{expected}</div>'


def test_evidence_table_escapes_cells_except_trusted_columns():
    frame = pd.DataFrame({"plain": ["<b>x</b>"], "html": ["<b>y</b>"]})
    out = evidence_table(frame, html_columns=["html"])
    assert "&lt;b&gt;x&lt;/b&gt;" in out and "<b>y</b>" in out


def test_article_html_shows_blocks_and_credits_but_not_urls():
    articles = parley.load_articles(parley.config.ARTICLES / "000_ed59ce91eebbf266.txt")
    text = articles.text.iloc[0]
    out = article_html(text, parley.to_blocks(articles), [])
    assert out.count('class="parley-block-body"') == 4
    assert "(Photo: AFP)" in out and "(Photo: dpa)" in out
    assert "https://" not in out and "loading" not in out


def test_missing_title_and_colour_are_left_out():
    # a cached frame may hold NaN where analyze_text holds None: neither may show as "nan"
    out = highlight("abcdef", [(0, 3, "content", float("nan"), float("nan")), (3, 6, "term", None, pd.NA)])
    assert out == '<div class="parley-text"><mark class="content">abc</mark><mark class="term">def</mark></div>'
    assert "nan" not in evidence_table(pd.DataFrame({"party": [float("nan"), None, pd.NA]}))


TEXT = "First sentence here. The minister said <b>troops</b> would stay. Last one."
ARTICLES = pd.DataFrame({"article_id": ["a"], "text": [TEXT]})
SENTENCES = pd.DataFrame({"sentence_id": ["a:0", "a:1", "a:2"], "start": [0, 21, 65], "end": [20, 64, 74]})


@pytest.mark.parametrize("row, spans, expected", [
    # the row's sentence, its span highlighted, markup escaped
    ({"sentence_id": "a:1"}, [(39, 52, "content", "Iraq")],
     'The minister said <mark class="content" title="Iraq">&lt;b&gt;troops&lt;/b&gt;</mark> would stay.'),
    # widened to cover a span that runs past the sentence
    ({"sentence_id": "a:0"}, [(15, 24, "term")], 'First sentence <mark class="term">here. The</mark>'),
    # an unknown or missing sentence: the spans alone; spans with missing offsets are skipped
    ({"sentence_id": "a:9"}, [(21, 33, "term"), (None, 5, "x")], '<mark class="term">The minister</mark>'),
    ({"sentence_id": float("nan")}, [(65, 69, "term", float("nan"))], '<mark class="term">Last</mark>'),
    ({"sentence_id": "a:2"}, [], "Last one."),
    ({"sentence_id": None}, [], None),
])
def test_in_context(row, spans, expected):
    frame = pd.DataFrame([{"article_id": "a", **row}], index=[7])
    out = render.in_context(frame, ARTICLES, lambda r: spans, sentences=SENTENCES)
    assert out.name == "sentence" and list(out.index) == [7]
    assert out[7] == ("" if expected is None else f'<div class="parley-text">{expected}</div>')


def test_in_context_passes_each_row_and_needs_no_sentences():
    frame = pd.DataFrame({"article_id": ["a", "a"], "start": [0, 65], "end": [5, 69]})
    out = render.in_context(frame, ARTICLES, lambda r: [(r.start, r.end, "term")])
    assert out.tolist() == ['<div class="parley-text"><mark class="term">First</mark></div>',
                            '<div class="parley-text"><mark class="term">Last</mark></div>']
    assert render.in_context(frame.iloc[:0], ARTICLES, lambda r: []).empty


def _displayed(monkeypatch) -> list:
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs: shown.extend(objs))
    return shown


def test_show_table_escapes_and_notes_an_empty_frame(monkeypatch):
    shown = _displayed(monkeypatch)
    render.show_table(pd.DataFrame({"plain": ["<i>x</i>"], "sentence": ["<b>y</b>"]}), html_columns=["sentence"])
    render.show_table(pd.DataFrame(columns=["plain"]))
    assert "&lt;i&gt;x&lt;/i&gt;" in shown[0].data and "<b>y</b>" in shown[0].data
    assert shown[1].data == "<p><i>No rows.</i></p>"


def test_summary_table_writes_shares_as_percent_and_lists_notes_once():
    from parley import summaries

    statements = pd.DataFrame({"statement_id": [f"s{i}" for i in range(11)], "party": ["Uk<r>"] + ["Russia"] * 10})
    table = summaries.conditionality(statements, pd.DataFrame({"statement_id": ["s0", "s1", "s2"]}))
    out = render.summary_table(table, summaries.differences(table))
    assert "<td>100%</td><td>21%</td><td>100%</td>" in out  # share, low, high of 1 of 1
    assert "<td>20%</td><td>6%</td><td>51%</td>" in out
    assert out.count("Uk&lt;r&gt;: 1 statement — too few to compare") == 1  # escaped, once though in two places
    assert "Within noise" not in out and "Uk<r>" not in out  # the one pair rests on too few statements


def test_summary_table_of_means_uses_two_decimals():
    from parley import summaries

    frame = pd.DataFrame({"statement_id": list("abcdef"), "party": ["A"] * 6, "hedges": [0, 1, 0, 1, 0, 1],
                          "boosters": 0, "modal_strength": [1.0] * 6})
    out = render.summary_table(summaries.phrasing(frame, n_boot=100))
    assert "<td>0.50</td>" in out and "<td>1.00</td>" in out and "parley-notes" not in out  # 6 statements: not small


def test_summary_table_names_a_comparison_within_noise_and_small_ones_once():
    from parley import summaries

    statements = pd.DataFrame({"statement_id": [f"s{i}" for i in range(20)], "party": ["A"] * 10 + ["B"] * 10})
    table = summaries.conditionality(statements, pd.DataFrame({"statement_id": ["s0", "s1", "s10"]}))
    out = render.summary_table(table, summaries.differences(table))
    assert "<li>A 20% vs B 10%: within noise (the 95% intervals overlap)</li>" in out
    small = summaries.conditionality(statements.iloc[[0, 10, 11]], pd.DataFrame({"statement_id": ["s0"]}))
    out = render.summary_table(small, summaries.differences(small))
    notes = out.split("<ul class='parley-notes'>")[1]
    assert notes == "<li>A: 1 statement — too few to compare</li><li>B: 2 statements — too few to compare</li></ul>"


def test_summary_table_shows_no_interval_for_a_mean_of_fewer_than_five():
    from parley import summaries

    frame = pd.DataFrame({"statement_id": list("abcdefgh"), "party": ["A"] * 3 + ["B"] * 5,
                          "hedges": [0, 1, 2, 0, 1, 0, 1, 0], "boosters": 0, "modal_strength": 1.0})
    out = render.summary_table(summaries.phrasing(frame, n_boot=100).query("measure == 'hedges'"))
    assert "<td>1.00</td><td>n=3: no interval</td><td></td>" in out  # A: 3 statements, only their range
    assert "<td>0.40</td><td>0." in out  # B: 5 statements, an interval
