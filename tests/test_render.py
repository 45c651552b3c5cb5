"""HTML rendering: escaped text, nested highlights, blocks."""
import pandas as pd
import pytest

import parley
from parley.render import article_html, evidence_table, highlight


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
