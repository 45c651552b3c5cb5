"""Build the briefing: per government, what it said most, with counts, intervals and the quotes that show it.

:func:`briefing` is one table, a row per government and line (its
statements, main framing, conditions and tone), every number with the
counts behind it (``k`` of ``n``) and its 95% interval, and the statements
that show it best. :func:`quotes` turns those statements into short excerpts
with speaker, outlet and date; :func:`contrasts` writes the "How they differ"
sentences, stating a difference only where the two 95% intervals are apart
(:func:`parley.summaries.differences`) and saying once where the numbers are
too few to compare. The report renders these tables; it computes nothing.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..core.intervals import bootstrap_mean
from ..core.parties import NO_PARTY
from . import summaries

__all__ = ["LINES", "TONE_MEASURES", "briefing", "contrasts", "quotes"]

#: The lines of the briefing, per government, in order.
LINES = ("statements", "framing", "conditions", "tone")
#: The tone measure used, by the column that holds it: the cooperation–conflict score when the statements have
#: it (:func:`parley.add_tone`), else TextBlob polarity.
TONE_MEASURES = {"tone_score": "cooperation–conflict score", "polarity": "TextBlob polarity"}
#: Quotes shown per line, and the words of an excerpt.
QUOTES, WORDS = 2, 26

_COLUMNS = ["party", "line", "label", "label_k", "k", "n", "value", "low", "high", "few", "small", "measure", "also",
            "articles", "outlets", "first", "last", "words", "quotes"]


def briefing(statements: pd.DataFrame, conditions: pd.DataFrame | None = None, terms: pd.DataFrame | None = None,
             *, articles: pd.DataFrame | None = None, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Summarise each government's statements in the four lines of the briefing.

    Parameters
    ----------
    statements : pandas.DataFrame
        The statements to brief on, e.g. unique statements
        (:func:`parley.reprints.unique_statements`): ``statement_id``,
        ``party``, ``article_id``, ``content``, optionally ``joint``, and the
        tone columns (``tone_score``/``tone``, else ``polarity``).
        Statements without a government are left out.
    conditions : pandas.DataFrame, optional
        ``statement_id``, ``category``, ``marker_start``; conditions of other
        statements and of narration are not counted.
    terms : pandas.DataFrame, optional
        :func:`parley.phrasing_terms` of the statements.
    articles : pandas.DataFrame, optional
        ``article_id``, ``source`` and ``published``: the outlets and dates.
    n_boot, seed
        The bootstrap of the mean tone.

    Returns
    -------
    pandas.DataFrame
        One row per government and line (:data:`LINES`), governments in
        order of first appearance: ``party``, ``line``, ``label`` (the main
        family, the main condition category, the tone class; None when
        there is none), ``label_k`` (the statements behind the label),
        ``k`` of ``n``: for ``statements`` the government's statements; for
        ``framing`` its statements that use the family of those with
        framing terms (:func:`parley.summaries.framing`); for
        ``conditions`` its statements with a condition of all; for ``tone``
        those of the tone class of those scored. ``value`` / ``low`` /
        ``high`` (the share or the mean tone with its 95% interval; no
        interval for a mean of fewer than :data:`~parley.summaries.SMALL`),
        ``few`` (a family or category resting on
        :data:`~parley.summaries.FEW` statements or fewer), ``small``
        (fewer than :data:`~parley.summaries.SMALL` statements),
        ``measure`` (the tone measure's name), ``also`` (the other families
        or categories used, with their statements), ``articles``,
        ``outlets`` (a tuple), ``first`` / ``last`` (dates of its
        statements' articles), ``words`` (the words behind the main family,
        "reduce, gradual reduction") and ``quotes`` (a tuple of the statement ids
        that show the line best, at most :data:`QUOTES`).
    """
    rows = summaries._statement_rows(statements, include_unattributed=False)
    if rows is None:
        return pd.DataFrame(columns=_COLUMNS)
    frame = statements[statements["party"].notna()]
    share = summaries.conditionality(frame, conditions, include_unattributed=False).set_index("party")
    families = summaries.framing(_terms_of(terms, frame))
    attached = _attached(conditions, frame)
    where = _where(frame, articles)
    out = [line for party in share.index
           for line in _party_lines(party, frame[frame["party"] == party], share.loc[party],
                                    families[families["party"] == party], attached[attached["party"] == party],
                                    terms, where, n_boot=n_boot, seed=seed)]
    return pd.DataFrame(out, columns=_COLUMNS)


def quotes(table: pd.DataFrame, statements: pd.DataFrame, *, terms: pd.DataFrame | None = None,
           conditions: pd.DataFrame | None = None, articles: pd.DataFrame | None = None,
           words: int = WORDS) -> pd.DataFrame:
    """Return the quotes a briefing names, each as a short excerpt with who said it, where and when.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`briefing`.
    statements : pandas.DataFrame
        ``statement_id``, ``speaker``, ``article_id``, ``content``.
    terms, conditions : pandas.DataFrame, optional
        To mark in a framing quote its first term of the family, in a
        condition quote its first condition of the category.
    articles : pandas.DataFrame, optional
        ``article_id``, ``source``, ``published``.
    words : int
        The longest excerpt, in words; a longer content is cut around the
        marked words, with "…" where it is cut.

    Returns
    -------
    pandas.DataFrame
        One row per quote in the briefing's order: ``party``, ``line``,
        ``statement_id``, ``speaker``, ``outlet``, ``date`` (a Timestamp or
        NaT), ``before``, ``marked``, ``after`` (the excerpt in three parts,
        the marked words in the middle, "" when nothing is marked).
    """
    columns = ["party", "line", "statement_id", "speaker", "outlet", "date", "before", "marked", "after"]
    if table is None or not len(table):
        return pd.DataFrame(columns=columns)
    by_id = statements.drop_duplicates("statement_id").set_index("statement_id")
    where = _where(statements, articles)
    rows = []
    for line in table.itertuples():
        for sid in line.quotes or ():
            st = by_id.loc[sid]
            content = st["content"] if isinstance(st["content"], str) else ""
            span = _mark(line, sid, st, terms, conditions)
            outlet, date = where.get(st["article_id"], (None, pd.NaT))
            rows.append([line.party, line.line, sid, st.get("speaker"), outlet, date,
                         *_excerpt(*_bare(content, span), words)])
    return pd.DataFrame(rows, columns=columns)


def contrasts(statements: pd.DataFrame, conditions: pd.DataFrame | None = None,
              terms: pd.DataFrame | None = None, *, most: int = 5, order: list | None = None, n_boot: int = 2000,
              seed: int = 0) -> pd.DataFrame:
    """Write the "How they differ" sentences: each difference beyond noise, then what the data cannot tell.

    A difference is stated only when the two governments' 95% intervals do
    not overlap (:func:`parley.summaries.differences`), never for a
    government with fewer than :data:`~parley.summaries.SMALL` statements;
    "too few to compare" is said once, in one sentence, for all of them.

    Parameters
    ----------
    statements, conditions, terms
        As for :func:`briefing`.
    most : int
        The most sentences (differences first, the largest first; the last
        sentence says what is within noise or too few).
    order : list, optional
        The governments in the order to name them (e.g. the parties file's);
        default: as they first appear.
    n_boot, seed
        The bootstrap of the mean tone.

    Returns
    -------
    pandas.DataFrame
        One row per sentence: ``kind`` (``difference``, ``within noise`` or
        ``too few``), ``line`` (framing, conditions, tone; None for the
        closing sentence), ``party_a``, ``party_b`` and ``sentence``.
    """
    columns = ["kind", "line", "party_a", "party_b", "sentence"]
    frame = statements[statements["party"].notna()] if statements is not None and len(statements) else None
    if frame is None or frame["party"].nunique() < 2:
        return pd.DataFrame(columns=columns)
    found, compared, small = [], 0, {}
    for line, table in _compared(frame, conditions, terms, n_boot=n_boot, seed=seed):
        diffs = summaries.differences(table)
        if line == "conditions":  # of all a government's statements: the count "too few" is about
            small.update({r.party: int(r.n) for r in table[table["small"].astype(bool)].itertuples()})
        fair = diffs[~diffs["small"].astype(bool)]
        compared += len(fair)
        for d in fair[~fair["within_noise"].astype(bool)].itertuples():
            found.append((abs(d.difference) / (2 if line == "tone" else 1), _sentence(line, d, table)))
    found.sort(key=lambda f: -f[0])
    rows = [row for _, row in found[:most - 1]]
    if small:
        rank = {p: i for i, p in enumerate(order or ())}
        small = dict(sorted(small.items(), key=lambda item: rank.get(item[0], len(rank))))
        rows.append(["too few", None, None, None, _too_few(small)])
    elif compared and not rows:
        rows.append(["within noise", None, None, None, "No difference between the governments is beyond noise: in "
                     "framing, conditions and tone their 95% intervals overlap, so these data do not show one."])
    elif compared > len(rows):
        rows.append(["within noise", None, None, None, "The other differences are within noise (their 95% "
                     "intervals overlap): these data do not show them."])
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------- the lines

def _row(party, line: str, n: int, small: bool, **values) -> dict:
    """Return one briefing row: what a line has, on top of what it has not (no label, no value, no quotes)."""
    return {"party": party, "line": line, "label": None, "label_k": 0, "k": 0, "n": n, "value": np.nan,
            "low": np.nan, "high": np.nan, "few": False, "small": small, "measure": None, "also": (), "articles": 0,
            "outlets": (), "first": pd.NaT, "last": pd.NaT, "words": "", "quotes": (), **values}


def _party_lines(party, mine: pd.DataFrame, share: pd.Series, families: pd.DataFrame, attached: pd.DataFrame,
                 terms: pd.DataFrame | None, where: dict, *, n_boot: int, seed: int) -> list[dict]:
    """Return one government's four briefing rows (:data:`LINES`).

    Parameters
    ----------
    party : str
        The government.
    mine : pandas.DataFrame
        Its statements.
    share : pandas.Series
        Its row of :func:`parley.summaries.conditionality`.
    families : pandas.DataFrame
        Its rows of :func:`parley.summaries.framing`.
    attached : pandas.DataFrame
        The conditions of its statements (:func:`_attached`).
    terms : pandas.DataFrame or None
        The terms of the statements.
    where : dict
        Each article's outlet and date (:func:`_where`).
    n_boot, seed
        The bootstrap of the mean tone.
    """
    n = int(share["n"])
    small = n < summaries.SMALL
    return [_statements_line(party, mine, n, small, where),
            _framing_line(party, families, terms, mine, n, small),
            _conditions_line(party, share, attached, mine, small),
            _tone_line(party, mine, n, small, n_boot=n_boot, seed=seed)]


def _statements_line(party, mine: pd.DataFrame, n: int, small: bool, where: dict) -> dict:
    places = [where.get(a, (None, pd.NaT)) for a in dict.fromkeys(mine["article_id"])]
    outlets = tuple(dict.fromkeys(o for o, _ in places if isinstance(o, str) and o))
    dates = pd.Series([d for _, d in places], dtype="datetime64[ns]").dropna()
    first, last = (dates.min(), dates.max()) if len(dates) else (pd.NaT, pd.NaT)
    return _row(party, "statements", n, small, label_k=n, k=n, articles=len(places), outlets=outlets, first=first,
                last=last)


def _framing_line(party, families: pd.DataFrame, terms, mine: pd.DataFrame, n: int, small: bool) -> dict:
    used = families[families["statements"] > 0].sort_values(["statements", "terms"], ascending=False, kind="stable")
    if used.empty:
        return _row(party, "framing", n, small)
    top = used.iloc[0]
    mine_terms = terms[(terms["kind"] == "framing") & (terms["family"] == top["family"])
                       & terms["statement_id"].isin(mine["statement_id"])]
    if "denied" in mine_terms:
        mine_terms = mine_terms[~mine_terms["denied"].fillna(False).astype(bool)]
    k = int(top["statements"])
    return _row(party, "framing", int(top["n"]), small, label=top["family"], label_k=k, k=k, value=top["share"],
                low=top["low"], high=top["high"], few=bool(top["caution"]), words=top["words"],
                quotes=_best(mine_terms["statement_id"], mine),
                also=tuple((r.family, int(r.statements)) for r in used.iloc[1:].itertuples()))


def _conditions_line(party, share: pd.Series, attached: pd.DataFrame, mine: pd.DataFrame, small: bool) -> dict:
    counts = (attached.drop_duplicates(["statement_id", "category"]).groupby("category", sort=False).size()
              .sort_values(ascending=False, kind="stable")) if len(attached) else pd.Series(dtype="int64")
    row = _row(party, "conditions", int(share["n"]), small, k=int(share["conditional"]), value=share["share"],
               low=share["low"], high=share["high"])
    if len(counts):
        label, k = counts.index[0], int(counts.iloc[0])
        row.update(label=label, label_k=k, few=k <= summaries.FEW,
                   also=tuple((c, int(v)) for c, v in counts.iloc[1:].items()),
                   quotes=_best(attached.loc[attached["category"] == label, "statement_id"], mine))
    return row


def _tone_line(party, mine: pd.DataFrame, n: int, small: bool, *, n_boot: int, seed: int) -> dict:
    column = next((c for c in TONE_MEASURES if c in mine), None)
    if column is None:
        return _row(party, "tone", n, small)
    scores = pd.to_numeric(mine[column], errors="coerce")
    values = scores.dropna().to_numpy(float)
    mean = values.mean() if len(values) else np.nan
    few = len(values) < summaries.SMALL
    low, high = (np.nan, np.nan) if few else bootstrap_mean(values, n_boot=n_boot, seed=seed)
    ranked = scores[scores.notna() & (scores != 0)]
    ranked = ranked.sort_values(ascending=not (mean >= 0), kind="stable")  # the side the mean leans to, most first
    ranked = ranked[ranked > 0] if mean >= 0 else ranked[ranked < 0]
    row = _row(party, "tone", len(values), few, k=len(values), value=mean, low=low, high=high,
               measure=TONE_MEASURES[column], quotes=tuple(mine.loc[ranked.index[:QUOTES], "statement_id"]))
    classes = mine["tone"].dropna().value_counts() if column == "tone_score" and "tone" in mine else ()
    if len(classes):  # the cooperation–conflict classes: the most common one, with its statements
        row.update(label=classes.index[0], label_k=int(classes.iloc[0]), k=int(classes.iloc[0]))
    return row


def _best(ids: pd.Series, mine: pd.DataFrame) -> tuple:
    """Return the statements that show a line best: most hits first, then from the body, then in order."""
    if not len(ids):
        return ()
    hits = ids.value_counts()
    rows = mine.drop_duplicates("statement_id").set_index("statement_id")
    body = rows["block"].eq("body") if "block" in rows else pd.Series(True, index=rows.index)
    order = pd.DataFrame({"hits": hits, "body": body.reindex(hits.index).fillna(False),
                          "order": pd.Series(range(len(rows)), index=rows.index).reindex(hits.index)})
    order = order.sort_values(["hits", "body", "order"], ascending=[False, False, True], kind="stable")
    return tuple(order.index[:QUOTES])


def _terms_of(terms: pd.DataFrame | None, frame: pd.DataFrame) -> pd.DataFrame | None:
    """Return the terms of these statements only (e.g. of unique statements: a reprint's terms are not counted)."""
    if terms is None or not len(terms):
        return terms
    return terms[terms["statement_id"].isin(frame["statement_id"])]


def _attached(conditions: pd.DataFrame | None, frame: pd.DataFrame) -> pd.DataFrame:
    """Return the conditions of these statements with their statement's party."""
    if conditions is None or not len(conditions):
        return pd.DataFrame(columns=["statement_id", "category", "party"])
    party_of = dict(zip(frame["statement_id"], frame["party"]))
    mine = conditions[conditions["statement_id"].isin(party_of)]
    return mine.assign(party=mine["statement_id"].map(party_of),
                       category=mine["category"].astype(object).where(mine["category"].notna(), "(uncategorised)"))


def _where(statements: pd.DataFrame, articles: pd.DataFrame | None) -> dict:
    """Return each article's outlet and date (a Timestamp or NaT)."""
    if articles is None or not len(articles):
        return {}
    dates = pd.to_datetime(articles["published"], errors="coerce", utc=True).dt.tz_localize(None).dt.normalize() \
        if "published" in articles else pd.Series(pd.NaT, index=articles.index)
    sources = articles["source"] if "source" in articles else pd.Series(None, index=articles.index)
    return {a: (s if isinstance(s, str) and s else None, d)
            for a, s, d in zip(articles["article_id"], sources, dates)}


# --------------------------------------------------------------------------- quotes

def _mark(line, sid, st, terms, conditions) -> tuple[int, int] | None:
    """Return the offsets, in the content, of the words that show the line: its term or condition."""
    base = st.get("content_start")
    if base is None or pd.isna(base):
        return None
    if line.line == "framing" and terms is not None and len(terms):
        hit = terms[(terms["statement_id"] == sid) & (terms["family"] == line.label) & (terms["kind"] == "framing")]
        if len(hit):
            return int(hit["start"].min()) - int(base), int(hit.loc[hit["start"].idxmin(), "end"]) - int(base)
    if line.line == "conditions" and conditions is not None and len(conditions):
        hit = conditions[(conditions["statement_id"] == sid) & (conditions["category"] == line.label)]
        if len(hit):
            first = hit.loc[hit["marker_start"].idxmin()]
            return int(first["marker_start"]) - int(base), int(first["end"]) - int(base)
    return None


_TOKEN = re.compile(r"\S+")
_OPENING, _CLOSING = "“\"‘'", "”\"’',"


def _bare(content: str, span: tuple[int, int] | None) -> tuple[str, tuple[int, int] | None]:
    """Strip a direct quote's own quotation marks and trailing comma (the briefing adds its own marks)."""
    lead = len(content) - len(content.lstrip(_OPENING + " "))
    text = content[lead:].rstrip(_CLOSING + " ")
    if span is not None:
        span = (max(span[0] - lead, 0), min(span[1] - lead, len(text)))
        span = span if span[0] < span[1] else None
    return text, span


def _excerpt(content: str, span: tuple[int, int] | None, words: int) -> tuple[str, str, str]:
    """Cut a content to at most ``words`` words around the span, at word boundaries; return before, span, after."""
    if span is not None and not (0 <= span[0] < span[1] <= len(content)):
        span = None
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(content)]
    if not tokens:
        return "", "", ""
    if span is None:
        start, end = 0, min(len(tokens), words) - 1
    else:
        first = next(i for i, (s, e) in enumerate(tokens) if e > span[0])
        last = max(i for i, (s, e) in enumerate(tokens) if s < span[1])
        spare = max(words - (last - first + 1), 0)
        start = max(0, first - min(spare // 3, first))
        end = min(len(tokens) - 1, last + spare - (first - start))
        start = max(0, min(start, end - words + 1))
    a, b = tokens[start][0], tokens[end][1]
    lead, tail = ("… " if start > 0 else ""), (" …" if end < len(tokens) - 1 else "")
    if span is None:
        return lead + content[a:b] + tail, "", ""
    s, e = max(span[0], a), min(span[1], b)
    return lead + content[a:s], content[s:e], content[e:b] + tail


# --------------------------------------------------------------------------- contrasts

def _compared(frame, conditions, terms, *, n_boot: int, seed: int):
    """Yield ``(line, table)``: the per-government tables whose differences the briefing states."""
    yield "framing", summaries.framing(_terms_of(terms, frame))
    yield "conditions", summaries.conditionality(frame, conditions, include_unattributed=False)
    column = next((c for c in TONE_MEASURES if c in frame), None)
    if column is not None:
        rows = []
        for party, group in frame.groupby("party", sort=False):
            values = pd.to_numeric(group[column], errors="coerce").dropna().to_numpy(float)
            low, high = bootstrap_mean(values, n_boot=n_boot, seed=seed)
            rows.append({"party": party, "n": len(values), "mean": values.mean() if len(values) else np.nan,
                         "low": low, "high": high})
        table = summaries.flag_small(pd.DataFrame(rows), unit="statement")
        table.attrs.update({"value": "mean", "within": None, "measure": TONE_MEASURES[column]})
        yield "tone", table


def _sentence(line: str, d, table: pd.DataFrame) -> list:
    """Return a ``contrasts`` row stating one difference beyond noise, the larger side first."""
    a, b = (d.party_a, d.party_b) if d.difference > 0 else (d.party_b, d.party_a)
    rows = {p: table[(table["party"] == p) & ((table["family"] == d.family) if line == "framing" else True)].iloc[0]
            for p in (a, b)}
    if line == "tone":
        ra, rb = rows[a], rows[b]
        word = "cooperative" if table.attrs.get("measure", "").startswith("cooperation") else "positive"
        text = (f"{a}'s tone was more {word} than {b}'s ({table.attrs.get('measure')}): mean {ra['mean']:+.2f} "
                f"[{ra['low']:+.2f} to {ra['high']:+.2f}] against {rb['mean']:+.2f} [{rb['low']:+.2f} to "
                f"{rb['high']:+.2f}].")
    else:
        ra, rb = rows[a], rows[b]
        if line == "framing":
            text = (f"{a} framed more of its statements as {d.family} than {b}: {_count(ra, 'statements')} of its "
                    f"statements with framing words, against {_count(rb, 'statements')}.")
        else:
            text = (f"{a} attached a condition to more of its statements than {b}: {_count(ra, 'conditional')} "
                    f"against {_count(rb, 'conditional')}.")
    return ["difference", line, a, b, text]


def _count(row, k: str) -> str:
    return f"{int(row[k])} of {int(row['n'])} ({row['share']:.0%}; 95% interval {row['low']:.0%}–{row['high']:.0%})"


def _too_few(small: dict) -> str:
    """Say once which governments have too few statements to compare (``small``: party to its statements)."""
    named = [f"{p} {n} statement{'s' * (n != 1)}" for p, n in small.items() if p != NO_PARTY]
    listed = ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1]
    return (f"Too few to compare: {listed}. With fewer than {summaries.SMALL} statements on a side no difference "
            "is stated; the lines above describe these articles, not a difference between the governments.")
