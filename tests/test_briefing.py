"""The briefing as tables: per government its lines with counts, intervals and quotes; how the governments differ."""
import pandas as pd
import pytest

from parley import summaries
from parley.rollup import briefing


def _story(conditional: dict[str, int], n: int = 10, tone: dict[str, float] | None = None):
    """Return statements, conditions and terms: each government ``n`` statements, ``conditional[party]`` of them
    with a condition; every statement frames the talks as dialogue, Velmora's first six also as pressure."""
    rows, conditions, terms = [], [], []
    for party, k in conditional.items():
        for i in range(n):
            sid = f"{party}-{i}"
            content = f"we want dialogue with our neighbours if talks resume, statement {i}"
            rows.append({"statement_id": sid, "article_id": f"a{i % 4}", "party": party, "speaker": f"{party} minister",
                         "block": "body", "content": content, "content_start": 100,
                         "polarity": (tone or {}).get(party, 0.1) + 0.01 * i})
            terms.append({"statement_id": sid, "party": party, "kind": "framing", "family": "de-escalation / dialogue",
                          "term": "dialogue", "start": 108, "end": 116, "denied": False})
            if party == "Velmora" and i < 6:
                terms += [{"statement_id": sid, "party": party, "kind": "framing", "family": "sanctions / pressure",
                           "term": "pressure", "start": 100, "end": 104, "denied": False}] * 3  # three hits, one statement
            if i < k:
                conditions.append({"statement_id": sid, "party": party, "category": "political or diplomatic process",
                                   "marker_start": 137, "start": 140, "end": 152})
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(4)], "source": ["Wire", "Herald", "Post", "Wire"],
                             "published": ["2024-05-02", "2024-05-09", "2024-06-01", "2024-06-20"]})
    return pd.DataFrame(rows), pd.DataFrame(conditions), pd.DataFrame(terms), articles


def test_the_briefing_counts_statements_that_use_a_family_not_term_hits():
    statements, conditions, terms, articles = _story({"Velmora": 2, "Ostrand": 2})
    table = briefing.briefing(statements, conditions, terms, articles=articles).set_index(["party", "line"])
    line = table.loc[("Velmora", "framing")]
    # every statement uses dialogue once; six use pressure three times each: 6 statements, not 18 hits
    assert line["label"] == "de-escalation / dialogue" and (line["k"], line["n"]) == (10, 10)
    assert line["also"] == (("sanctions / pressure", 6),)
    assert line["words"] == "dialogue ×10" and not line["few"]


def test_a_family_from_one_statement_is_flagged_in_the_briefing():
    statements, conditions, terms, articles = _story({"Velmora": 2, "Ostrand": 2}, n=3)
    terms = terms[terms["family"] == "sanctions / pressure"].iloc[:1]  # Velmora's only framing: one statement
    table = briefing.briefing(statements, conditions, terms, articles=articles).set_index(["party", "line"])
    line = table.loc[("Velmora", "framing")]
    assert (line["label"], line["k"], line["n"], line["few"]) == ("sanctions / pressure", 1, 1, True)  # of 1 with framing
    assert pd.isna(table.loc[("Ostrand", "framing"), "label"])


def test_briefing_lines_carry_counts_intervals_outlets_dates_and_quotes():
    statements, conditions, terms, articles = _story({"Velmora": 9, "Ostrand": 1})
    table = briefing.briefing(statements, conditions, terms, articles=articles).set_index(["party", "line"])
    assert list(table.index.get_level_values("line")[:4]) == list(briefing.LINES)
    said = table.loc[("Velmora", "statements")]
    assert (said["n"], said["articles"], said["outlets"]) == (10, 4, ("Wire", "Herald", "Post"))
    assert (said["first"], said["last"]) == (pd.Timestamp("2024-05-02"), pd.Timestamp("2024-06-20"))
    cond = table.loc[("Velmora", "conditions")]
    assert (cond["k"], cond["n"], cond["label"]) == (9, 10, "political or diplomatic process")
    assert cond["low"] < cond["value"] == 0.9 < cond["high"]
    assert len(cond["quotes"]) == briefing.QUOTES
    tone = table.loc[("Velmora", "tone")]
    assert tone["measure"] == "TextBlob polarity" and tone["low"] < tone["value"] < tone["high"]
    assert tone["quotes"][0] == "Velmora-9"  # the mean is positive: the most positive statement shows it


def test_the_tone_line_uses_the_cooperation_conflict_score_when_there_is_one():
    statements, conditions, terms, articles = _story({"Velmora": 2, "Ostrand": 2})
    statements = statements.assign(tone_score=-2.0, tone="confrontational")
    line = briefing.briefing(statements, conditions, terms).set_index(["party", "line"]).loc[("Velmora", "tone")]
    assert (line["measure"], line["label"], line["k"], line["value"]) == (
        "cooperation–conflict score", "confrontational", 10, -2.0)


@pytest.mark.parametrize(("conditional", "expected"), [
    ({"Velmora": 9, "Ostrand": 1}, ["difference", "difference", "within noise"]),  # 90% against 10%: beyond noise
    ({"Velmora": 5, "Ostrand": 4}, ["difference", "within noise"]),  # the framing difference stays; conditions do not
])
def test_how_they_differ_changes_when_the_counts_make_a_difference_significant(conditional, expected):
    statements, conditions, terms, _ = _story(conditional)
    said = briefing.contrasts(statements, conditions, terms)
    assert said["kind"].tolist() == expected
    stated = " ".join(said["sentence"])
    if conditional["Velmora"] == 9:
        assert "Velmora attached a condition to more of its statements than Ostrand: 9 of 10 (90%" in stated
    else:
        assert "attached a condition" not in stated
    assert "Velmora framed more of its statements as sanctions / pressure than Ostrand: 6 of 10" in stated
    assert len(said) <= 5


def test_how_they_differ_says_too_few_once():
    statements, conditions, terms, _ = _story({"Velmora": 3, "Ostrand": 0}, n=3)
    said = briefing.contrasts(statements, conditions, terms)
    assert said["kind"].tolist() == ["too few"]
    assert said["sentence"][0].startswith("Too few to compare: Velmora 3 statements and Ostrand 3 statements.")


def test_how_they_differ_says_when_nothing_is_beyond_noise():
    statements, conditions, terms, _ = _story({"Velmora": 5, "Ostrand": 4})
    terms = terms[terms["family"] != "sanctions / pressure"]
    said = briefing.contrasts(statements, conditions, terms)
    assert said["kind"].tolist() == ["within noise"]
    assert said["sentence"][0].startswith("No difference between the governments is beyond noise")


@pytest.mark.parametrize(("content", "span", "words", "expected"), [
    ("we will talk", (3, 7), 26, ("we ", "will", " talk")),
    ("one two three four five six seven eight", (14, 18), 4, ("… three ", "four", " five six …")),  # a third before
    ("one two three four five six", None, 3, ("one two three …", "", "")),
    ("an unbreakable word stays whole", (3, 14), 2, ("… ", "unbreakable", " word …")),
])
def test_excerpts_are_cut_at_word_boundaries_around_the_marked_words(content, span, words, expected):
    assert briefing._excerpt(content, span, words) == expected


@pytest.mark.parametrize(("content", "span", "expected"), [
    ("“We will talk,”", (4, 8), ("We will talk", (3, 7))),  # a direct quote's own marks go: the briefing adds its own
    ("we will talk", (3, 7), ("we will talk", (3, 7))),
    ("“Talks,”", (0, 1), ("Talks", None)),  # the mark was only the quotation mark
])
def test_a_quote_loses_its_own_quotation_marks(content, span, expected):
    assert briefing._bare(content, span) == expected


def test_quotes_give_speaker_outlet_date_and_the_marked_words():
    statements, conditions, terms, articles = _story({"Velmora": 9, "Ostrand": 1})
    table = briefing.briefing(statements, conditions, terms, articles=articles)
    shown = briefing.quotes(table, statements, terms=terms, conditions=conditions, articles=articles)
    first = shown[(shown["party"] == "Velmora") & (shown["line"] == "framing")].iloc[0]
    assert (first["speaker"], first["outlet"], first["date"]) == ("Velmora minister", "Wire", pd.Timestamp("2024-05-02"))
    assert first["marked"] == "dialogue" and first["before"] == "we want "


def test_check_first_lists_each_governments_uncertain_statements_escaped_and_linked():
    from parley.views.evidence import check_first, statement_anchor

    unique = pd.DataFrame({
        "statement_id": ["a:1", "a:2", "b:1", "b:2"],
        "party": ["Ostrand", "Ostrand", "Velmora", None],
        "speaker": ["<b>he</b>", "the minister", "the ministry", "a resident"],
        "uncertain": ["pronoun; close second antecedent", None, None, "weak cue"],
    })
    page = check_first(unique, ["Velmora", "Ostrand"])
    assert page.index("Velmora") < page.index("Ostrand") < page.index("(no party)")  # the parties file's order
    assert "<b>Velmora</b>: none of 1 statement</li>" in page
    assert "<b>Ostrand</b>: 1 of 2 statements" in page and "&lt;b&gt;he&lt;/b&gt;" in page
    assert f"href='#{statement_anchor('a:1')}'" in page and "(pronoun; close second antecedent)" in page
    assert check_first(unique.drop(columns="uncertain"), ["Velmora"]) == ""
