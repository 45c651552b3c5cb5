"""Write the report's evidence: per headline chart a short caption and the table behind it, then every statement.

Each function takes the unique statements (and what else its table needs)
and returns a :class:`Section` or HTML that the report's template places: a
caption that says what the chart shows and whether the governments differ
beyond noise, and a table to read (human column names, counts with their
intervals, dates as dates). The numbers are those of
:mod:`parley.summaries`, the tables the charts of notebook 90 draw.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from ..core.parties import NO_PARTY
from ..measures.terms import compare_terms
from ..rollup import summaries
from .render import document_table, highlight, readable_date

__all__ = ["Section", "commitment", "conditions", "condition_categories", "distinctive_terms", "framing",
           "statement_list", "statements", "tone", "statement_anchor"]

#: Statement modes as the reader knows them.
MODES = {"direct": "full quote", "mixed": "partial quote", "indirect": "paraphrase",
         "according_to": "“according to”"}


@dataclass
class Section:
    """One piece of evidence: the chart (by its manifest name), a caption and the table behind it."""

    name: str
    title: str
    caption: str
    table: str
    chart: bool = True


def statement_anchor(statement_id) -> str:
    """Return the id of a statement's row in the statement list (briefing quotes link to it)."""
    return "st-" + "".join(c if c.isalnum() else "-" for c in str(statement_id))


def statements(unique: pd.DataFrame, articles: pd.DataFrame, order: list[str]) -> Section:
    """Return the statements per government, by how they were reported, with their articles, outlets and dates."""
    frame = _attributed(unique)
    where = articles.set_index("article_id")
    rows = []
    for party in _in_order(frame["party"], order):
        mine = frame[frame["party"] == party]
        seen = where.reindex(mine["article_id"].unique())
        dates = pd.to_datetime(seen["published"], errors="coerce", utc=True).dropna()
        row = {"party": party, "n": len(mine), "articles": len(seen),
               "outlets": ", ".join(dict.fromkeys(s for s in seen["source"] if isinstance(s, str) and s)),
               "dates": _span(dates)}
        row.update({mode: int((mine["mode"] == mode).sum()) for mode in MODES})
        rows.append(row)
    table = pd.DataFrame(rows)
    columns = {"party": "Government", "n": "Statements", **{m: name.capitalize() for m, name in MODES.items()},
               "articles": "Articles", "outlets": "Outlets", "dates": "Dates"}
    unattributed = int(unique["party"].isna().sum())
    caption = ("Each government's statements, a quote that several articles carry counted once, by how the article "
               "reported them: in full quotes, partial quotes, paraphrase or “according to”."
               + (f" {unattributed} statement{'s' * (unattributed != 1)} without a government "
                  "(“(no party)” in the chart) are not compared." if unattributed else ""))
    return Section("90-statements", "Who spoke", caption,
                   document_table(table, columns) if len(table) else _none("No statement has a government."))


def framing(unique: pd.DataFrame, terms: pd.DataFrame, order: list[str]) -> Section:
    """Return the statements of each government that use each framing family, with Wilson intervals and words."""
    table = summaries.framing(terms[terms["statement_id"].isin(unique["statement_id"])] if len(terms) else terms)
    wide = _wide(table[table.groupby("family")["statements"].transform("sum") > 0], "family", order,
                 lambda r: _share(r["statements"], r["n"], r["share"], r["low"], r["high"])
                 + (f": {r['words']}" if r["words"] else ""))
    caption = ("The share of each government's statements with framing words that use a family, and the words "
               "(a statement counts once however many of the family's words it uses; a word under negation, or "
               "inside a proper name such as a forum's, does not count). " + _verdict(table, "family"))
    return Section("90-framing", "Framing: the words each government chose", caption,
                   document_table(wide, {"family": "Framing family", **{p: p for p in order if p in wide}})
                   if len(wide) else _none("No framing word in any statement."))


def condition_categories(conditions_: pd.DataFrame, order: list[str]) -> Section:
    """Return each government's conditions per category, and those in the journalist's own text."""
    table = summaries.condition_categories(conditions_)
    shown = order + [p for p in (NO_PARTY, summaries.NARRATION) if p in set(table["party"])]
    wide = _wide(table, "category", shown, lambda r: _share(r["conditions"], r["n"], r["share"], r["low"], r["high"],
                                                            unit="condition"))
    caption = ("What the conditions are about, as a share of each government's conditions; “narration” holds "
               "conditions in the journalist's own sentences, “(no party)” those of speakers without a government. "
               + _verdict(table, "category"))
    return Section("90-condition-categories", "Conditions by category", caption,
                   document_table(wide, {"category": "Category", **{p: p for p in shown if p in wide}})
                   if len(wide) else _none("No condition found."))


def conditions(unique: pd.DataFrame, conditions_: pd.DataFrame, order: list[str]) -> Section:
    """Return the share of each government's statements that attach a condition."""
    table = summaries.conditionality(unique, conditions_, include_unattributed=False)
    table = _sorted(table, order).assign(
        shown=lambda t: [_share(*r) for r in zip(t["conditional"], t["n"], t["share"], t["low"], t["high"])])
    caption = ("The share of each government's statements that make something depend on a condition (“if”, "
               "“unless”, “contingent on”, “based on”…). " + _verdict(table))
    columns = {"party": "Government", "shown": "Statements with a condition", "conditions": "Conditions",
               "per_statement": "Per statement"}
    return Section("90-condition-share", "Conditional statements", caption, document_table(table, columns))


def commitment(unique: pd.DataFrame, order: list[str]) -> Section:
    """Return each government's mean commitment score with its bootstrap interval."""
    table = summaries.phrasing(unique, include_unattributed=False)
    table = _sorted(table[table["measure"] == "commitment"], order)
    table = table.assign(shown=[_mean(*r) for r in zip(table["mean"], table["low"], table["high"], table["n"])])
    caption = ("How firmly each statement commits, a heuristic from 0 to 1 (the strongest modal verb, boosters, "
               "specific details, hedges and conditions): it ranks statements, it is not a validated scale. "
               + _verdict(table))
    return Section("90-commitment", "How firmly each government commits", caption,
                   document_table(table, {"party": "Government", "shown": "Mean commitment (95% interval)",
                                          "n": "Statements"}))


def tone(unique: pd.DataFrame, order: list[str]) -> Section:
    """Return each government's mean tone: the cooperation–conflict score where there is one, and TextBlob's.

    The briefing reads the cooperation–conflict score when the statements
    carry it, so the evidence shows that chart and verdict, with the lexicon
    measures below it for comparison.
    """
    table = _sorted(summaries.sentiment(unique, include_unattributed=False), order)
    names = {"polarity": "TextBlob polarity (−1…+1)", "subjectivity": "TextBlob subjectivity (0…1)",
             "vader": "VADER compound (−1…+1)"}
    wide = _wide(table, "measure", order, lambda r: _mean(r["mean"], r["low"], r["high"], r["n"], signed=True))
    wide = wide.assign(measure=wide["measure"].map(names).fillna(wide["measure"]))
    if "tone_score" not in unique:
        caption = ("Mean tone of what each government said (not of “X said”), with 95% bootstrap intervals. "
                   "Lexicon sentiment is a weak signal on diplomatic text: a warning in polite words scores as "
                   "positive. " + _verdict(table[table["measure"] == "polarity"]))
        return Section("90-sentiment", "Tone", caption,
                       document_table(wide, {"measure": "Measure", **{p: p for p in order if p in wide}}))
    scored = _sorted(summaries.tone(unique, include_unattributed=False), order)
    rows = [scored.assign(measure="Cooperation–conflict score (−10…+10)", _cell=[
        _mean(r["mean"], r["low"], r["high"], r["n"], signed=True) for _, r in scored.iterrows()])]
    rows += [scored.assign(measure=f"{name.capitalize()} statements", _cell=[
        _share(r[name], r["n"], r[f"{name}_share"], r[f"{name}_low"], r[f"{name}_high"]) for _, r in scored.iterrows()])
        for name in ("confrontational", "neutral", "cooperative")]
    own = _wide(pd.concat(rows), "measure", order, lambda r: r["_cell"])
    caption = ("Mean cooperation–conflict tone of what each government said (not of “X said”): the speech acts "
               "(threaten, demand, reject … appeal, agree, praise) weighted on the Goldstein scale, with 95% "
               "bootstrap intervals, and the statements of each tone. " + _verdict(scored)
               + " The lexicon measures below are weak signals on diplomatic text, shown for comparison.")
    return Section("40-tone", "Tone", caption,
                   document_table(pd.concat([own, wide], ignore_index=True),
                                  {"measure": "Measure", **{p: p for p in order if p in own or p in wide}}))


def distinctive_terms(unique: pd.DataFrame, order: list[str]) -> Section:
    """Return the words that distinguish two governments, only those beyond noise (|z| ≥ 1.96); else one sentence."""
    try:
        found = compare_terms(_attributed(unique))
    except ValueError:  # fewer than two governments with statements
        found = pd.DataFrame(columns=["term", "z"])
    strong = found[found["z"].abs() >= 1.96] if len(found) else found
    if strong.empty:
        return Section("20-distinctive-terms", "Distinctive words", "No word distinguishes the governments beyond "
                       "noise (log-odds with an informative Dirichlet prior; no |z| reaches 1.96): on this much text "
                       "no difference in wording is reliable.", "", chart=False)
    a, b = found["group_a"].iloc[0], found["group_b"].iloc[0]
    strong = strong.sort_values("z", ascending=False, kind="stable").assign(
        z=lambda t: t["z"].round(2), favours=lambda t: t["favours"])
    caption = (f"Words one government uses more than the other beyond noise (log-odds z-score with an informative "
               f"Dirichlet prior, |z| ≥ 1.96; positive favours {a}).")
    return Section("20-distinctive-terms", "Distinctive words", caption, document_table(
        strong, {"term": "Word", "favours": "Used more by", "count_a": f"Uses by {a}", "count_b": f"Uses by {b}",
                 "z": "z"}))


def statement_list(unique: pd.DataFrame, articles: pd.DataFrame, terms: pd.DataFrame, conditions_: pd.DataFrame,
                   order: list[str], colors: dict) -> str:
    """Return every statement once, grouped by government: speaker, outlet, date, and what was said, marked up."""
    where = articles.set_index("article_id")
    texts = dict(zip(articles["article_id"], articles["text"]))
    framing_of = _listed(terms[terms["kind"] == "framing"] if len(terms) else terms, "family")
    condition_of = _listed(conditions_, "category")
    parts = []
    for party in _in_order(unique["party"].fillna(NO_PARTY), order):
        mine = unique[unique["party"].fillna(NO_PARTY) == party]
        rows = []
        for n, st in enumerate(mine.itertuples(), 1):
            spans = [(st.content_start, st.content_end, "content", None, colors.get(party))]
            spans += [(t.start, t.end, "term", t.family) for t in terms[terms["statement_id"] == st.statement_id]
                      .itertuples() if t.kind == "framing"] if len(terms) else []
            spans += [(c.marker_start, c.marker_end, "marker", c.category) for c in conditions_[
                conditions_["statement_id"] == st.statement_id].itertuples()] if len(conditions_) else []
            text = texts.get(st.article_id)
            said = (highlight(text, spans, start=int(st.content_start), end=int(st.content_end))
                    if isinstance(text, str) and pd.notna(st.content_start) else html.escape(str(st.content)))
            art = where.loc[st.article_id] if st.article_id in where.index else None
            rows.append({"n": f"<a id='{statement_anchor(st.statement_id)}'></a>{n}",
                         "speaker": html.escape(str(st.speaker or "")) + (
                             f"<br><span class='via'>{html.escape(MODES.get(st.mode, str(st.mode)))}</span>"),
                         "where": html.escape(", ".join(x for x in (
                             art["source"] if art is not None and isinstance(art["source"], str) else "",
                             readable_date(art["published"]) if art is not None else "") if x)),
                         "said": said,
                         "framing": html.escape(framing_of.get(st.statement_id, "")),
                         "conditions": html.escape(condition_of.get(st.statement_id, ""))})
        table = document_table(pd.DataFrame(rows), {"n": "", "speaker": "Speaker", "where": "Outlet, date",
                                                    "said": "What was said", "framing": "Framing",
                                                    "conditions": "Conditions"},
                               html_columns=["n", "speaker", "where", "said", "framing", "conditions"],
                               css="statement-list")
        parts.append(f"<h3 id='statements-{statement_anchor(party)}'>{html.escape(party)} "
                     f"({len(mine)} statement{'s' * (len(mine) != 1)})</h3>{table}")
    return "".join(parts)


def check_first(unique: pd.DataFrame, order: list[str]) -> str:
    """Return, per government, its statements whose government rests on an uncertain decision, linked to the list.

    A statement is uncertain when its ``uncertain`` column says why (a
    pronoun, a close second antecedent, a weak cue: see
    :mod:`parley.extract.uncertainty`). The analyst reads these first.
    """
    if "uncertain" not in unique:
        return ""
    parts = []
    for party in _in_order(unique["party"].fillna(NO_PARTY), order):
        mine = unique[unique["party"].fillna(NO_PARTY) == party]
        flagged = mine[mine["uncertain"].notna() & (mine["uncertain"].astype(str).str.strip() != "")]
        if flagged.empty:
            parts.append(f"<li><b>{html.escape(party)}</b>: none of {len(mine)} statement"
                         f"{'s' * (len(mine) != 1)}</li>")
            continue
        links = "; ".join(f"<a href='#{statement_anchor(st.statement_id)}'>{html.escape(str(st.speaker or '?'))}"
                          f"</a> ({html.escape(str(st.uncertain))})" for st in flagged.itertuples())
        parts.append(f"<li><b>{html.escape(party)}</b>: {len(flagged)} of {len(mine)} statement"
                     f"{'s' * (len(mine) != 1)}: {links}</li>")
    return f"<ul class='check-first'>{''.join(parts)}</ul>"


# --------------------------------------------------------------------------- helpers

def _attributed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["party"].notna()]


def _in_order(parties: pd.Series, order: list[str]) -> list[str]:
    """Return the parties present, in the parties file's order, others after, "(no party)" last."""
    seen = list(dict.fromkeys(parties))
    return [p for p in order if p in seen] + [p for p in seen if p not in order and p != NO_PARTY] + (
        [NO_PARTY] if NO_PARTY in seen else [])


def _sorted(table: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    rank = {p: i for i, p in enumerate(_in_order(table["party"], order))}
    return table.assign(_rank=table["party"].map(rank)).sort_values("_rank", kind="stable").drop(columns="_rank")


def _wide(table: pd.DataFrame, within: str, order: list[str], cell) -> pd.DataFrame:
    """Return one row per group (family, category, measure), one column per government, cells written by ``cell``."""
    if table.empty:
        return pd.DataFrame(columns=[within])
    cells = table.assign(_cell=[cell(r) for _, r in table.iterrows()])
    wide = cells.pivot(index=within, columns="party", values="_cell")
    wide = wide.reindex(index=list(dict.fromkeys(table[within])), columns=[p for p in order if p in wide.columns])
    return wide.rename_axis(columns=None).reset_index()


def _share(k, n, share, low, high, *, unit: str = "statement") -> str:
    """Return "2 of 3 (67%; 21–94%)"; "0 of 0 statements" when there is nothing."""
    if not n:
        return f"0 of 0 {unit}s"
    return f"{int(k)} of {int(n)} ({share:.0%}; {low:.0%}–{high:.0%})"


def _mean(mean, low, high, n, *, signed: bool = False) -> str:
    """Return "0.62 (0.55–0.70), n=12", or "0.62, n=3: no interval" below five statements."""
    if not n or pd.isna(mean):
        return "no statement"
    fmt = "{:+.2f}" if signed else "{:.2f}"
    if n < summaries.SMALL or pd.isna(low):
        return f"{fmt.format(mean)}, n={int(n)}: no interval"
    return f"{fmt.format(mean)} ({fmt.format(low)} to {fmt.format(high)}), n={int(n)}"


def _span(dates: pd.Series) -> str:
    if not len(dates):
        return "no date"
    first, last = readable_date(dates.min()), readable_date(dates.max())
    return first if first == last else f"{first} – {last}"


def _verdict(table: pd.DataFrame, within: str | None = None) -> str:
    """Say in one sentence which differences between the governments are beyond noise."""
    if table is None or table.empty:
        return ""
    diffs = summaries.differences(table, within=within) if within else summaries.differences(table)
    fair = diffs[~diffs["small"].astype(bool)] if len(diffs) else diffs
    if not len(diffs):
        return ""
    if fair.empty:
        return f"Too few statements to compare the governments (fewer than {summaries.SMALL} on a side)."
    beyond = fair[~fair["within_noise"].astype(bool)]
    if beyond.empty:
        return "Every difference between the governments is within noise (their 95% intervals overlap)."
    named = "; ".join((f"{r[within]}: " if within else "") + f"{r['party_a']} and {r['party_b']}"
                      for _, r in beyond.iterrows())
    return f"Beyond noise (95% intervals apart): {named}; every other difference is within noise."


def _listed(frame: pd.DataFrame, column: str) -> dict:
    """Return per statement the distinct values of a column, joined ("sovereignty; security / threat")."""
    if frame is None or not len(frame):
        return {}
    found = frame.dropna(subset=["statement_id"])
    if "denied" in found:
        found = found[~found["denied"].fillna(False).astype(bool)]
    return found.groupby("statement_id")[column].agg(lambda v: "; ".join(dict.fromkeys(map(str, v)))).to_dict()


def _none(text: str) -> str:
    return f"<p class='note'>{html.escape(text)}</p>"
