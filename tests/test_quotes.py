"""Quote pairing over a whole article (parley.quotes)."""
import pytest

from parley.extract.quotes import Quotes, quote_spans


@pytest.mark.parametrize("text, spans", [
    ("a “b” c", [(2, 5)]),
    ('a "b" c "d', [(2, 5), (8, 10)]),            # an unclosed quote ends with its paragraph
    ("Iraq’s ‘transition’", [(7, 19)]),           # apostrophe in a word, single quotes around one
    ("“a\n“b”", [(0, 6)]),                         # a quote continued in the next paragraph
    ("“a\nb”", [(0, 2)]),                          # not continued: it ends with its paragraph
    ("''a'' b", [(0, 5)]),                         # doubled apostrophes as quote marks
    ("“a,\" b", [(0, 4)]),                         # a curly quote closed by a straight one
    ('"a,” b', [(0, 4)]),                         # a straight quote closed by a curly one
    ("“a,“ said b", [(0, 4)]),                    # a reversed closing mark
    ('x "a." y" z "b"', [(2, 6), (12, 15)]),      # a stray closing mark opens nothing
    ('"a. "b c"', [(0, 4), (4, 9)]),              # a new opening mark closes an unclosed quote
])
def test_quote_pairing(text, spans):
    assert quote_spans(text) == spans


def test_lookups():
    q = Quotes("He said “we will go” and “stay”.")
    assert q.around(10) == (8, 20) and q.around(8) is None
    assert q.starting_at(25) == (25, 31) and q.within(0, 9) == [(8, 20)]
