"""Sentiment equals TextBlob's own, per statement content; party aggregates are honest about uncertainty."""
import importlib
import importlib.metadata
import math

import numpy as np
import pandas as pd
import pytest
from textblob import TextBlob
from textblob.en import sentiment as _pattern_sentiment
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import parley
from parley import config
from parley.measures import sentiment, sentiment_ports
from parley.measures.terms import tokenize

SEED = config.ARTICLES / "000_ed59ce91eebbf266.txt"

CASES = [  # (content, the words TextBlob scored, as add_sentiment shows them)
    ("a specific and clear timeline", "specific (+0.00); clear (+0.10)"),
    ("the timeline would be contingent on evaluating the threat", "contingent (-0.10)"),
    ("It isn't a bad idea", "bad (-0.70)"),  # textblob #70: the negation is missed, and the words show it
    ("We are very happy with this excellent agreement", "very happy (+1.00); excellent (+1.00)"),
    ("US, Iraq to discuss timeline to reduce coalition troops", ""),
    ("", ""),
]


def _frame(contents, parties=None):
    parties = parties or ["Iraq"] * len(contents)
    return pd.DataFrame({"statement_id": [f"s{i}" for i in range(len(contents))], "party": parties,
                         "content": contents})


@pytest.mark.parametrize(("content", "words"), CASES)
def test_scores_equal_textblob_and_vader(content, words):
    row = parley.add_sentiment(_frame([content])).iloc[0]
    blob = TextBlob(content).sentiment
    assert (row["polarity"], row["subjectivity"]) == (blob.polarity, blob.subjectivity)
    assert row["vader"] == SentimentIntensityAnalyzer().polarity_scores(content)["compound"]
    assert row["sentiment_words"] == words


VARIED = [  # negation, intensifiers, emoticons, unicode quotes, punctuation, case, empty
    "This is not a good deal", "It is never acceptable", "We don't think it's bad at all",
    "an extremely very serious and deeply worrying threat", "The talks were good :) but slow :(",
    "“Absolutely wonderful,” he said — it's ‘really’ great!", "TERRIBLE!!! Truly terrible...",
    "not very happy, not unhappy either", "the 2020 deadline; 5,000 troops", "", "   ",
    "Iraq’s sovereignty isn’t negotiable", "café naïve déjà vu", "so-so, meh; fine I guess?",
]


@pytest.mark.parametrize("content", VARIED)
def test_scores_and_words_equal_textblob_sentiment_assessments(content):
    row = parley.add_sentiment(_frame([content])).iloc[0]
    blob = TextBlob(content)
    assert (row["polarity"], row["subjectivity"]) == tuple(blob.sentiment)
    assessed = blob.sentiment_assessments
    assert (row["polarity"], row["subjectivity"]) == (assessed.polarity, assessed.subjectivity)
    words = "; ".join(f"{' '.join(w)} ({p:+.2f})" for w, p, _s, _label in assessed.assessments)
    assert row["sentiment_words"] == words


BRANCHES = [  # sentences reaching every rule of the ported scoring loops (pattern's and VADER's)
    # negations, kept across small words, and negated modifiers
    "not good", "This is not a good deal", "never really good", "It isn't bad", "they aren't happy",
    "no good at all", "not so good", "not the good one", "not 'a' good plan", "Not bad. Not bad at all!",
    "really not good", "very not good", "truly not a good sign", "not very good", "never ever really bad",
    # modifiers and booster words, ALL CAPS
    "very good", "an extremely very serious and deeply worrying threat", "really is a good idea",
    "really a remarkably good plan", "barely acceptable", "hardly a disaster", "It is VERY good", "VERY GOOD",
    "the GREAT plan was fine", "absolutely NOT acceptable", "SO bad it was terrible", "incredibly bad",
    "It was kind of good", "it is kind of a good plan", "sort of bad", "kinda great", "kind-of nice",
    "fucking great", "damn fucking good", "A remarkably, truly awful morons' plan",
    # exclamations, questions, sarcasm
    "good!", "good!!!", "Terrible!!!!! Truly terrible...", "! good", "Really? Really?? Good???",
    "Is it good????", "Yeah, right (!)", "What a plan ( ! )", "nice (!) and good (!)",
    # emoticons
    "The talks were good :) but slow :(", "great :-D", "<3 it", "xD so funny", ":'( sad", "fine >.> ok",
    "o.O what", ":P", "it ended :-/", "bad :c", "8-) cool", "wow :o)", ";) good", "♥ peace",
    # numbers, apostrophes, curly quotes, abbreviations
    "the 2020 deadline; 5,000 troops", "U.S. officials said it's good", "3.5 percent, a 50% good rate",
    "“Absolutely wonderful,” he said — it's ‘really’ great!", "Iraq’s sovereignty isn’t negotiable",
    "We don't think it's bad at all", "'s 's good 'bad'", "Mr. Smith's good e.g. bad etc. fine",
    # "but", "least", idioms and special cases
    "It was good, but slow", "good but bad and bad but good", "good, good but bad, bad",
    "the least compelling variation", "at least compelling", "at the very least good", "least good",
    "one of the least good ideas", "With VADER, sentiment analysis is the shit!", "It was the bomb",
    "that is a bad ass idea", "yeah right", "the plan is the kiss of death", "a hero to die for",
    "the beating heart of it", "a bus stop", "Without a doubt, an excellent idea", "without doubt good",
    "It has never been so good", "never this good", "was never been this good", "so very good",
    "no problem", "no joy or love", "there is no hope or joy", "no", "No way, no good", "no! good",
    "it mayn't be good", "It was never so much fun", "without a doubt good", "the bomb is great",
    "sort of a good plan", "just enough a good plan", "not's good", ":'''( bad",
    "the upper hand in the black", "cut the mustard", "Sentiment analysis has never been good.",
    # empty, whitespace, line breaks, non-ASCII, emoji
    "", "   ", "\n\n", "good\n\nbad", "Good.\n\nBad!", "café naïve déjà vu", "ΣΟΦΟΣ good ΚΑΛΟΣ",
    "great 😀 day", "so-so, meh; fine I guess?", "TERRIBLE!!! Truly terrible...",
    "not very happy, not unhappy either", "The terrible ministry angrily said the plan is good.",
]


TOKENIZER_CASES = [  # what pattern's tokenizer splits: punctuation, ellipses, abbreviations, quotes, line breaks
    "U.S. officials met Mr. Smith, e.g. at 5 p.m. etc. and T. De Smedt.", "It ended... or did it?! No!!",
    "He said \"good.\" Then 'bad.' And “fine.” Then ‘ok.’ (really.) [sure] {x}",
    "x.y.z. and A. and Mrs. Jones.",
    "Wait...! Really?.. hmm.. end.'", "(!) ( ! ) (! ) good ( !) bad", ": ) : - D < 3 >.> o.O :'''( ; )",
    "line one\n\nline two\r\n\r\nline three\n\n\n", "'quoted' 'un balanced \"also", "#tag @user $5 50% a-b a_b",
    "I'm sure we'll say they'd've and you're and we've and it's and don't.", "END-OF-SENTENCE within.",
    ".leading ,commas ;and :colons", "trailing... dots.... and..", 'a"quoted"word', "Good. \"Bad.\" 'Fine.' Ok!' \"",
    # any whitespace between words, a sentence end closed by a quote or a bracket, words VADER only boosts
    "tab\tgood\u00a0bad\u2003fine\x1cnice\u2028great \v\f end", "  good  ", "\r\n", "Good!” Bad?’ Fine.) Ok.\" '",
    "very extremely quite", "kind of", "it is kind", "good and bad",
]


@pytest.mark.parametrize("content", TOKENIZER_CASES + BRANCHES)
def test_ported_tokenizer_equals_textblob(content):
    assert sentiment_ports._pattern_tokens(content) == _pattern_sentiment.tokenizer(content)


def _bits(value):
    """Spell a float exactly (sign of zero included), so equality is bit for bit."""
    return value.hex() if isinstance(value, float) else repr(value)


@pytest.mark.parametrize("content", BRANCHES + TOKENIZER_CASES)
def test_ported_pattern_equals_textblob_bit_for_bit(content):
    polarity, subjectivity, assessments = sentiment_ports._pattern_score(content)
    blob = TextBlob(content)
    assert (_bits(polarity), _bits(subjectivity)) == tuple(map(_bits, blob.sentiment))
    assert repr(assessments) == repr(blob.sentiment_assessments.assessments)


@pytest.mark.parametrize("content", BRANCHES + TOKENIZER_CASES)
def test_ported_vader_equals_vader_bit_for_bit(content):
    expected = SentimentIntensityAnalyzer().polarity_scores(content)["compound"]
    assert _bits(sentiment_ports._vader_compound(content)) == _bits(expected)


def test_branch_sentences_are_not_trivially_equal():
    # A comparison over sentences that all score 0 would pass whatever the port did.
    pattern = {sentiment_ports._pattern_score(s)[0] for s in BRANCHES}
    vader = {sentiment_ports._vader_compound(s) for s in BRANCHES}
    assert len(pattern) > 40 and len(vader) > 50


def test_seed_statements_equal_textblob():
    statements = parley.analyze_text(SEED.read_text(encoding="utf-8"), parties=config.PARTIES).statements
    # The seed has 5 attributed statements (the lead's golden test; the standfirst's repeat counts once).
    assert len(statements) == 5
    scored = parley.add_sentiment(statements)
    for row in scored.itertuples():
        assert (row.polarity, row.subjectivity) == tuple(TextBlob(row.content).sentiment)
    iraq = scored[scored["content"].str.contains("contingent on")].iloc[0]
    assert "contingent (-0.10)" in iraq["sentiment_words"]


def test_scores_content_not_reporting_frame():
    sentence = "The terrible ministry angrily said the plan is good."
    statements = parley.analyze_text("H\n" + sentence).statements
    assert len(statements) == 1
    row = parley.add_sentiment(statements).iloc[0]
    assert not {"terrible", "angrily", "said"} & {w for w, _, _ in tokenize(row["content"])}
    assert row["polarity"] == TextBlob(row["content"]).sentiment.polarity
    assert row["polarity"] != TextBlob(sentence).sentiment.polarity  # the frame would have made it negative


def test_missing_content_is_unknown_not_neutral():
    row = parley.add_sentiment(_frame([None])).iloc[0]
    assert math.isnan(row["polarity"]) and math.isnan(row["vader"]) and row["sentiment_words"] == ""


def test_does_not_mutate_input_and_keeps_columns():
    frame = _frame(["good", "bad"])
    before = frame.copy()
    out = parley.add_sentiment(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert list(out.columns) == list(frame.columns) + ["polarity", "subjectivity", "sentiment_words", "vader"]


def test_empty_frame_keeps_columns():
    out = parley.add_sentiment(_frame([]))
    assert len(out) == 0 and {"polarity", "vader"} <= set(out.columns)
    assert len(parley.party_sentiment(out)) == 0


def test_party_means_and_bootstrap_interval():
    contents = ["good", "bad", "a clear plan", "excellent", "terrible news"]
    frame = parley.add_sentiment(_frame(contents, ["Iraq", "Iraq", "Iraq", "United States", "United States"]))
    summary = parley.party_sentiment(frame, n_boot=500, seed=3).set_index("party")
    iraq = summary.loc["Iraq"]
    values = frame.loc[frame["party"] == "Iraq", "polarity"].to_numpy()
    assert iraq["n"] == 3 and iraq["polarity"] == pytest.approx(values.mean())
    # The same percentile bootstrap, done by hand with the same seeded Generator.
    rng = np.random.default_rng(3)
    means = values[rng.integers(0, 3, size=(500, 3))].mean(axis=1)
    assert (iraq["polarity_ci_low"], iraq["polarity_ci_high"]) == pytest.approx(
        tuple(np.quantile(means, [0.025, 0.975])))
    assert iraq["polarity_ci_low"] <= iraq["polarity"] <= iraq["polarity_ci_high"]
    assert "rough" in iraq["interval"]
    again = parley.party_sentiment(frame, n_boot=500, seed=3).set_index("party")
    pd.testing.assert_frame_equal(summary, again)


def test_single_statement_has_no_interval():
    summary = parley.party_sentiment(parley.add_sentiment(_frame(["good", "bad", "fine"],
                                                                 ["Iraq", "Iraq", "United States"])))
    us = summary.set_index("party").loc["United States"]
    assert us["n"] == 1 and us["polarity"] == TextBlob("fine").sentiment.polarity
    assert math.isnan(us["polarity_ci_low"]) and math.isnan(us["vader_ci_high"])
    assert us["interval"] == "undefined: only 1 statement"


def test_identical_values_give_a_zero_width_interval():
    summary = parley.party_sentiment(parley.add_sentiment(_frame(["good"] * 6)))
    assert summary.loc[0, "polarity_ci_low"] == summary.loc[0, "polarity_ci_high"] == summary.loc[0, "polarity"]
    assert summary.loc[0, "interval"] == "95% bootstrap CI"


def test_unattributed_statements_only_on_request():
    frame = parley.add_sentiment(_frame(["good", "bad"], ["Iraq", None]))
    assert list(parley.party_sentiment(frame)["party"]) == ["Iraq"]
    assert list(parley.party_sentiment(frame, include_unattributed=True)["party"]) == ["Iraq", "(no party)"]


def test_adds_sentiment_when_missing_and_wider_ci_is_wider():
    frame = _frame(["good", "bad", "fine", "awful", "great", "poor"])
    narrow = parley.party_sentiment(frame, ci=0.5).iloc[0]
    wide = parley.party_sentiment(frame, ci=0.99).iloc[0]
    assert wide["polarity_ci_low"] < narrow["polarity_ci_low"] < narrow["polarity_ci_high"] < wide["polarity_ci_high"]


@pytest.mark.parametrize(("installed", "ported"), [
    ({"textblob": "0.20.1", "vaderSentiment": "3.3.2"}, True),
    ({"textblob": "0.21.0", "vaderSentiment": "3.3.2"}, False),
    ({"textblob": "0.20.1", "vaderSentiment": "3.4.0"}, False),
    ({"vaderSentiment": "3.3.2"}, False),  # not installed as a distribution
])
def test_the_ports_apply_only_to_the_pinned_versions(installed, ported):
    def version(name):
        if name not in installed:
            raise importlib.metadata.PackageNotFoundError(name)
        return installed[name]

    assert sentiment.ports_apply(version) is ported


@pytest.fixture
def another_textblob(monkeypatch):
    """Import the sentiment module as if another TextBlob were installed, and restore it afterwards."""
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "0.99.0" if name == "textblob" else real(name))
    importlib.reload(sentiment)
    yield sentiment
    monkeypatch.undo()
    importlib.reload(sentiment)
    assert sentiment.PORTED


def test_another_library_version_is_scored_by_the_libraries_themselves(another_textblob, monkeypatch):
    assert not another_textblob.PORTED

    def ported(content):
        raise AssertionError("a port ran for a library version it does not copy")

    monkeypatch.setattr(another_textblob, "_ported_pattern_score", ported, raising=False)
    monkeypatch.setattr(another_textblob, "_ported_vader_compound", ported, raising=False)
    contents = VARIED + [content for content, _words in CASES]
    scored = parley.add_sentiment(_frame(contents))
    for row in scored.itertuples():
        blob = TextBlob(row.content).sentiment_assessments
        assert (row.polarity, row.subjectivity) == (blob.polarity, blob.subjectivity)
        assert row.sentiment_words == "; ".join(f"{' '.join(w)} ({p:+.2f})" for w, p, _s, _x in blob.assessments)
        assert row.vader == SentimentIntensityAnalyzer().polarity_scores(row.content)["compound"]
