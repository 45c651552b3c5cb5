"""Show statements for review, take the analyst's judgments, and say how accurate the review found parley.

:func:`statement_html` and :func:`review_table` show what parley found with the
sentence highlighted (all text escaped); :func:`review_widgets` lets an analyst
mark each statement right or correct it, writing through
:func:`parley.run.corrections.correct` (a script or a test does the same with
that function); :func:`accuracy_html` is the accuracy block of the report.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.parties import NO_PARTY, party_colors
from ..rollup.accuracy import accuracy, reviewed
from ..run.corrections import ELSEWHERE, OVERLAP, STATEMENT_KINDS, correct, load_corrections, save_corrections
from .render import evidence_table, highlight, in_context

__all__ = ["LABELLED", "accuracy_html", "accuracy_text", "locate", "review_table", "review_widgets",
           "statement_html"]

#: The accuracy measured on labelled news (README, "How well it works"): what the report cites when nobody has
#: reviewed these articles.
LABELLED = (
    ("government (which government said it)", "0.880 on 258 labelled BBC statements (91.5% found, 96.2% of those "
                                               "given the right government)"),
    ("attribution (content and speaker)", "F1 0.869 on PolNeAR dev (84 US political articles), 0.843 on PolNeAR "
                                          "train (840 articles); speaker right on 99% of matched contents"),
    ("conditions", "F1 0.977 on 163 labelled BBC sentences"),
)


def locate(text: str, needle: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Find a phrase the analyst typed or pasted in an article: in the window first, then anywhere.

    Parameters
    ----------
    text : str
        The article text.
    needle : str
        The phrase; any run of spaces or line breaks in it matches any other.
    start, end : int
        The window searched first (a sentence).

    Returns
    -------
    tuple of int or None
        ``(start, end)`` offsets into ``text``, or None when it is not there.
    """
    words = needle.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    end = len(text) if end is None else end
    m = pattern.search(text, start, end) or pattern.search(text)
    return (m.start(), m.end()) if m else None


def statement_html(statement, analysis, *, corrections: pd.DataFrame | None = None) -> str:
    """Return one statement for review: its sentence highlighted, then what parley decided and why.

    Parameters
    ----------
    statement : pandas.Series or namedtuple
        A row of ``analysis.uncorrected`` (or of a sample drawn from it).
    analysis : parley.Analysis
        The analysis (its articles, sentences and conditions).
    corrections : pandas.DataFrame, optional
        The corrections file's rows: those of this statement are listed.

    Returns
    -------
    str
        Escaped HTML.
    """
    row = statement if isinstance(statement, pd.Series) else pd.Series(statement._asdict())
    e = html.escape
    text = analysis.articles.set_index("article_id").at[row["article_id"], "text"]
    sentence = analysis.sentences[analysis.sentences["sentence_id"] == row["sentence_id"]]
    low = min([int(row["content_start"]), int(row["speaker_start"])] + sentence["start"].astype(int).tolist())
    high = max([int(row["content_end"]), int(row["speaker_end"])] + sentence["end"].astype(int).tolist())
    color = party_colors(analysis.parties).get(row["party"]) if isinstance(row["party"], str) else None
    spans = [(row["content_start"], row["content_end"], "content", None, color),
             (row["speaker_start"], row["speaker_end"], "speaker", None, color)]
    if not pd.isna(row.get("cue_start")):
        spans.append((int(row["cue_start"]), int(row["cue_end"]), "cue"))
    conditions = _conditions_of(row, analysis.conditions)
    spans += [(c.start, c.end, "condition", f"condition ({c.category})") for c in conditions.itertuples()]
    found = _found(row, analysis.uncorrected if analysis.uncorrected is not None else analysis.statements)
    facts = [("article", _article(analysis.articles, row["article_id"])), ("government", found),
             ("speaker", _text(row["speaker"]) + (
        f" (as “{_text(row['speaker_mention'])}”)" if row["speaker_mention"] != row["speaker"] else "")),
        ("cue", f"{_text(row.get('cue'))} · {_text(row.get('mode'))}"), ("content", _text(row["content"])),
        ("evidence", _text(row.get("party_evidence"))), ("rule", _text(row.get("rule")))]
    why = row.get("why") if isinstance(row.get("why"), str) else row.get("uncertain")
    if isinstance(why, str) and why:
        facts.append(("uncertain", why))
    facts.append(("conditions", "; ".join(f"“{c.condition}” ({c.category})" for c in conditions.itertuples())
                  or "none"))
    mine = _judgments(row, corrections)
    if len(mine):
        facts.append(("reviewed", "; ".join(_described(c) for c in mine.itertuples())))
    table = "".join(f"<tr><th>{e(k)}</th><td>{e(str(v))}</td></tr>" for k, v in facts)
    return (highlight(text, spans, start=low, end=high)
            + f"<table class='parley-table parley-review'><tbody>{table}</tbody></table>")


def review_table(statements: pd.DataFrame, analysis, *, corrections: pd.DataFrame | None = None) -> str:
    """Return statements as an escaped HTML table with each sentence highlighted (speaker, cue, content).

    Parameters
    ----------
    statements : pandas.DataFrame
        Rows of ``analysis.uncorrected``, e.g. :func:`parley.rollup.accuracy.review_sample`.
    analysis : parley.Analysis
        The analysis (articles, sentences, parties).
    corrections : pandas.DataFrame, optional
        The corrections file's rows: a ``reviewed`` column lists each statement's.

    Returns
    -------
    str
        An HTML table.
    """
    if statements is None or statements.empty:
        return "<p><i>No statements.</i></p>"
    colors = party_colors(analysis.parties)

    def spans(r):
        color = colors.get(r.party) if isinstance(r.party, str) else None
        out = [(r.content_start, r.content_end, "content", None, color),
               (r.speaker_start, r.speaker_end, "speaker", None, color)]
        if not pd.isna(r.cue_start):
            out.append((int(r.cue_start), int(r.cue_end), "cue"))
        return out

    shown = statements.assign(sentence=in_context(statements, analysis.articles, spans, sentences=analysis.sentences),
                              government=statements["party"].fillna(NO_PARTY))
    shown["reviewed"] = ["; ".join(_described(c) for c in _judgments(r, corrections).itertuples())
                         for _, r in statements.iterrows()]
    files = {a: Path(_text(f)).name for a, f in zip(analysis.articles["article_id"], analysis.articles["path"])}
    shown["article"] = shown["article_id"].map(files)  # the same sentence may stand in several articles
    columns = [c for c in ("order", "stratum", "why", "article", "sentence", "government", "speaker",
                           "party_evidence", "rule", "reviewed") if c in shown]
    return evidence_table(shown, columns, html_columns=["sentence"])


def accuracy_text(table: pd.DataFrame) -> str:
    """Return the accuracy estimate in one sentence ("Reviewed 40 of 212 statements: government right 36 of 40 ...")."""
    total = table[table["party"] == "all"].iloc[0] if len(table) else None
    if total is None or not total["reviewed"]:
        return "No statement of these articles has been reviewed in the random sample."
    n = int(total["reviewed"])
    return (f"Reviewed {n} of {int(total['statements'])} statements (a random sample stratified by government): "
            f"government right {int(total['government_right'])} of {n} [{total['low']:.2f}–{total['high']:.2f}], "
            f"speaker right {int(total['speaker_right'])} of {n} [{total['speaker_low']:.2f}–"
            f"{total['speaker_high']:.2f}]" + (f"; {int(total['not_statements'])} not a statement"
                                               if total["not_statements"] else "") + ".")


def accuracy_html(analysis) -> str:
    """Return the report's accuracy block: what the review of these articles found, or that there was none.

    Parameters
    ----------
    analysis : parley.Analysis
        Analyzed with ``corrections=`` (else: no review).

    Returns
    -------
    str
        A ``<section id='accuracy'>``: with a reviewed random sample, the
        estimate overall and per government (Wilson intervals) and the range
        it implies for each government's count of statements; without one, a
        plain statement that the figures are unchecked on these articles and
        the accuracies measured on labelled news. Then the corrections
        applied, and every correction not applied with its reason.
    """
    e = html.escape
    corrections = analysis.corrections
    found = analysis.uncorrected if analysis.uncorrected is not None else analysis.statements
    table = accuracy(corrections, found, analysis.statements)
    parts = ["<section id='accuracy' class='accuracy'><h2>How accurate on these articles</h2>"]
    total = table[table["party"] == "all"]
    if total.empty or not int(total["reviewed"].iloc[0]):
        labelled = "".join(f"<li>{e(what)}: {e(figure)}</li>" for what, figure in LABELLED)
        parts.append("<div class='sure unchecked'><b>Unchecked on these articles.</b> Nobody has reviewed a random "
                     "sample of these statements (notebook <code>05-review</code>), so how often parley is right on "
                     "<i>these</i> articles is not known: on recent two-government stories the share of statements "
                     "given the right government ranged from about half to nearly all. Measured on labelled news:"
                     f"<ul>{labelled}</ul></div>")
    else:
        parts.append(f"<div class='sure'><b>{e(accuracy_text(table))}</b> Each government's statements were drawn "
                     "at random in a seeded order, so each row below estimates how often parley is right for that "
                     "government; reviewed statements are corrected in everything above.</div>")
        rows = []
        for r in table[(table["party"] != "all") & (table["reviewed"] > 0)].itertuples():
            n = int(r.reviewed)
            implied = (f"{int(r.count_low)}–{int(r.count_high)} of its {int(r.count)}"
                       if r.count == r.count and r.party != NO_PARTY else "")
            rows.append(f"<tr><th scope='row'>{e(str(r.party))}</th><td>{n} of {int(r.statements)}</td>"
                        f"<td>{int(r.government_right)} of {n} ({r.share:.0%} [{r.low:.0%}–{r.high:.0%}])</td>"
                        f"<td>{int(r.speaker_right)} of {n} ({r.speaker_share:.0%} [{r.speaker_low:.0%}–"
                        f"{r.speaker_high:.0%}])</td><td>{e(implied)}</td></tr>")
        parts.append("<table class='parley-table accuracy-table'><thead><tr><th>government parley gave</th>"
                     "<th>reviewed</th><th>government right (95% Wilson)</th><th>speaker right</th><th>its "
                     "statements in the briefing that are truly its own (implied range)</th></tr></thead><tbody>"
                     + "".join(rows) + "</tbody></table>")
        parts.append("<p class='note'>The implied range counts the reviewed statements as right (they are corrected) "
                     "and the others as right in the estimated share; every other count of a government in the "
                     "briefing (conditions, framing terms) rests on the same statements. It does not cover "
                     "statements parley missed altogether.</p>")
    parts.append(_corrections_html(analysis))
    return "".join(parts) + "</section>"


def _corrections_html(analysis) -> str:
    """Return what the corrections did: how many applied by kind, and every one not applied with its reason."""
    e = html.escape
    corrections = analysis.corrections
    if corrections is None or corrections.empty or "applied" not in corrections:
        return "<p class='note'>No corrections file, or no row in it.</p>"
    applied = corrections[corrections["applied"]]
    kinds = applied["kind"].value_counts()
    uncertain = reviewed(corrections, sample="uncertain")
    text = (f"<p>{len(applied)} of {len(corrections)} corrections in the file applied"
            + (": " + ", ".join(f"{e(_NAMED.get(k, k))} {n}" for k, n in kinds.items()) if len(kinds) else "")
            + (f"; besides the random sample, {len(uncertain)} uncertain decisions reviewed (not part of the estimate)"
               if len(uncertain) else "") + ".</p>")
    other = corrections["reason"].str.startswith(ELSEWHERE)
    missing = corrections[~corrections["applied"] & ~other]
    if other.any():
        text += f"<p class='note'>{int(other.sum())} correction(s) are for articles this run did not read.</p>"
    if missing.empty:
        return text
    shown = missing.assign(span=[f"{s}–{t}" for s, t in zip(missing["start"], missing["end"])])
    return (text + f"<div class='warn'><b>{len(missing)} correction(s) not applied</b>, each with the reason (review "
            "these statements again):" + evidence_table(shown, ["kind", "path", "span", "text", "reason"]) + "</div>")


def review_widgets(analysis, statements: pd.DataFrame, *, corrections, sample: str = "random"):
    """Build widgets to review statements one at a time, writing each judgment to the corrections file.

    Parameters
    ----------
    analysis : parley.Analysis
        The analysis the statements come from (articles, sentences, conditions, parties).
    statements : pandas.DataFrame
        The statements to review, in order (e.g. :func:`parley.rollup.accuracy.review_sample`).
    corrections : str or Path
        The corrections file, written through :func:`parley.run.corrections.correct`.
    sample : str
        Recorded with each judgment: "random" (only these count in the
        accuracy estimate), "uncertain" or "".

    Returns
    -------
    ipywidgets.VBox
        Previous/next, how many are reviewed, a line saying what was saved
        (and "Undo" for the last save), the statement, "Right" and "Not a
        statement" (each then shows the next statement not yet reviewed), the
        right government(s), speaker and content (filled in with what the file
        already says), the statement's conditions ("Not a condition") and a
        missed condition, and a missed statement in the same article. It
        opens at the first statement not yet reviewed, so a session goes on
        where the last one stopped. Nothing is written until a button is
        pressed, so an executed notebook changes no file.
    """
    import ipywidgets as w  # here, so that `import parley` does not load the widget stack

    rows = statements.reset_index(drop=True)
    if rows.empty:
        return w.VBox([w.HTML("<i>No statements to review.</i>")])
    state = {"at": 0}
    undo: list = []  # (the file before a save of this session or None when there was none, the statement shown)
    parties = list(analysis.parties)
    texts = dict(zip(analysis.articles["article_id"], analysis.articles["text"]))
    keys = list(zip(rows["article_id"], rows["content_start"].astype(int), rows["content_end"].astype(int)))
    wide = w.Layout(width="98%")
    def fit():  # a button as wide as its label, never squeezed by the field beside it
        return w.Layout(width="auto", min_width="9.5em", flex="0 0 auto")
    labelled = {"style": {"description_width": "9em"}}
    title = w.HTML()
    card = w.HTML(layout=w.Layout(width="100%"))
    status = w.HTML("<i>Nothing saved yet.</i>")
    back, ahead = w.Button(description="◀ Previous"), w.Button(description="Next ▶")
    jump = w.BoundedIntText(min=1, max=len(rows), value=1, description="Go to", layout=w.Layout(width="10em"))
    right = w.Button(description="Right ▶", button_style="success",
                     tooltip="speaker, government and content right; then the next statement not yet reviewed")
    wrong = w.Button(description="Not a statement ▶", button_style="danger",
                     tooltip="then the next statement not yet reviewed")
    take_back = w.Button(description="Undo last save", disabled=True, layout=fit(),
                         tooltip="put the corrections file back as it was before the last save")
    government = w.SelectMultiple(options=parties + [NO_PARTY], rows=min(len(parties) + 1, 5),
                                  description="Government", **labelled)
    save_government = w.Button(description="Save government", layout=fit(),
                               tooltip=f"several for a joint statement; {NO_PARTY} for none")
    speaker = w.Text(description="Speaker", placeholder="who said it (as the article names them)", layout=wide,
                     **labelled)
    save_speaker = w.Button(description="Save speaker", layout=fit())
    content = w.Textarea(description="Content", placeholder="paste the right content from the sentence",
                         layout=w.Layout(width="98%", height="4.5em"), **labelled)
    save_content = w.Button(description="Save content", layout=fit())
    condition = w.Dropdown(description="Condition", layout=wide, **labelled)
    not_condition = w.Button(description="Not a condition", layout=fit())
    new_condition = w.Text(description="Missed condition", placeholder="paste a condition parley missed",
                           layout=wide, **labelled)
    add_condition = w.Button(description="Add condition", layout=fit())
    sentence = w.Dropdown(description="Sentence", layout=wide, **labelled)
    missed_content = w.Textarea(description="Said", placeholder="what was said (empty: the whole sentence)",
                                layout=wide, **labelled)
    missed_speaker = w.Text(description="Speaker", layout=wide, **labelled)
    missed_government = w.SelectMultiple(options=parties, rows=min(max(len(parties), 2), 5), description="Government",
                                         **labelled)
    add_missed = w.Button(description="Add missed statement", layout=w.Layout(width="auto", align_self="flex-start"))

    def current():
        return rows.iloc[state["at"]]

    def judged() -> set:
        on_file = load_corrections(corrections)
        mine = on_file[on_file["kind"].isin(STATEMENT_KINDS)]
        return set(zip(mine["article_id"], mine["start"].astype(int), mine["end"].astype(int)))

    def following(done: set) -> int | None:
        """Return the next statement after this one not yet reviewed (from the start again), or None."""
        n = len(rows)
        return next((i % n for i in range(state["at"] + 1, state["at"] + n + 1) if keys[i % n] not in done), None)

    def show(*_):
        row = current()
        rows_on_file = load_corrections(corrections)
        done = judged()
        where = f" · {row['stratum']}, draw {row['draw']}" if "stratum" in rows else ""
        why = f" · uncertain: {row['why']}" if isinstance(row.get("why"), str) else ""
        progress = sum(k in done for k in keys)
        title.value = (html.escape(f"Statement {state['at'] + 1} of {len(rows)}{where}{why}")
                       + f" · <b>{progress} of {len(rows)} reviewed</b>")
        card.value = statement_html(row, analysis, corrections=rows_on_file)
        jump.value = state["at"] + 1
        said = _judgments(row, rows_on_file)
        party = said[said["kind"] == "party"]
        government.value = (tuple(_parties_of(party["party"].iloc[-1]) or [NO_PARTY]) if len(party) else ())
        who = said[said["kind"] == "speaker"]
        speaker.value = (who["speaker"].iloc[-1] if len(who) else "" if pd.isna(row["speaker"])
                         else str(row["speaker"]))
        span = said[said["kind"] == "content"]
        content.value = span["new_text"].iloc[-1] if len(span) else str(row["content"])
        mine = _conditions_of(row, analysis.conditions)
        condition.options = [(f"“{c.condition}” ({c.category})", f"{int(c.start)}-{int(c.end)}")
                             for c in mine.itertuples()] or [("(parley found none in this statement)", "")]
        condition.value = condition.options[0][1]
        here = analysis.sentences[analysis.sentences["article_id"] == row["article_id"]]
        sentence.options = [(_short(t), (int(s), int(e))) for t, s, e in zip(here["text"], here["start"], here["end"])]

    def write(article_id, start, end, kind, **fields) -> bool:
        """Write one correction, keeping the file as it was for Undo; say why when it cannot be written."""
        path = Path(corrections)
        before = load_corrections(path) if path.exists() else None
        try:
            correct(corrections, analysis.articles, article_id=article_id, start=start, end=end, kind=kind, **fields)
        except (ValueError, OSError) as error:
            status.value = f"<span class='warn'>Not saved: {html.escape(str(error))}</span>"
            return False
        undo.append((before, state["at"]))
        take_back.disabled = False
        shown = (texts[article_id][fields["new_start"]:fields["new_end"]] if kind == "content"
                 else texts[article_id][start:end])
        status.value = html.escape("Saved: " + _saved(kind, shown, fields))
        return True

    def save(kind, *, then=False, **fields):
        row = current()
        if not write(row["article_id"], int(row["content_start"]), int(row["content_end"]), kind,
                     sample=sample if kind in STATEMENT_KINDS else "", **fields):
            return
        if then:
            nxt = following(judged())
            if nxt is None:
                status.value += html.escape(f" · all {len(rows)} statements are reviewed.")
            else:
                state["at"] = nxt
        show()

    def on_undo(_):
        if not undo:
            return
        before, state["at"] = undo.pop()  # back to the statement the save was about
        if before is None:
            Path(corrections).unlink(missing_ok=True)
        else:
            save_corrections(before, corrections)
        take_back.disabled = not undo
        status.value = "Undone: the corrections file is back as it was before the last save."
        show()

    def span_of(phrase, field):
        row = current()
        text = texts[row["article_id"]]
        bounds = analysis.sentences[analysis.sentences["sentence_id"] == row["sentence_id"]]
        low = int(bounds["start"].iloc[0]) if len(bounds) else 0
        high = int(bounds["end"].iloc[0]) if len(bounds) else None
        found = locate(text, phrase, low, high)
        if found is None:
            status.value = f"<span class='warn'>Not saved: the {field} is not in the article as typed.</span>"
        return found

    def on_content(_):
        found = span_of(content.value, "content")
        if found:
            save("content", new_start=found[0], new_end=found[1])

    def on_speaker(_):
        row = current()
        text = texts[row["article_id"]]
        found = locate(text, speaker.value, 0, int(row["content_end"])) if speaker.value.strip() else None
        save("speaker", speaker=speaker.value, **({"new_start": found[0], "new_end": found[1]} if found else {}))

    def on_condition(_):
        if not condition.value:
            status.value = "<span class='warn'>This statement has no condition to remove.</span>"
            return
        s, t = map(int, condition.value.split("-"))
        if write(current()["article_id"], s, t, "not_condition"):
            show()

    def on_new_condition(_):
        found = span_of(new_condition.value, "condition")
        on_file = load_corrections(corrections)
        removed = set(zip(*[on_file.loc[on_file["kind"] == "not_condition", c].astype(int) for c in ("start", "end")]))
        kept = analysis.conditions[[(s, e) not in removed for s, e in zip(analysis.conditions["start"],
                                                                          analysis.conditions["end"])]]
        has = found and _found_already(kept, "condition", current()["article_id"], *found)
        if has:  # the file would only report it as not applied
            status.value = _warn(f"Not saved: parley already finds this condition (“{has}”).")
            return
        if found and write(current()["article_id"], found[0], found[1], "missed_condition"):
            new_condition.value = ""
            show()

    def on_missed(_):
        row = current()
        if sentence.value is None or not missed_speaker.value.strip():
            status.value = "<span class='warn'>Choose the sentence and say who spoke.</span>"
            return
        s, t = sentence.value
        text = texts[row["article_id"]]
        found = locate(text, missed_content.value, s, t) if missed_content.value.strip() else (s, t)
        if found is None:
            status.value = "<span class='warn'>Not saved: what was said is not in that sentence as typed.</span>"
            return
        has = _found_already(analysis.uncorrected if analysis.uncorrected is not None else analysis.statements,
                             "content", row["article_id"], *found)
        if has:
            status.value = _warn(f"Not saved: parley already finds this statement (“{_short(has, 60)}”): "
                                 "review that one (Go to) instead.")
            return
        if write(row["article_id"], found[0], found[1], "missed", speaker=missed_speaker.value,
                 party=list(missed_government.value)):
            missed_content.value, missed_speaker.value, missed_government.value = "", "", ()

    def move(step):
        def go(_):
            state["at"] = int(np.clip(state["at"] + step, 0, len(rows) - 1))
            show()
        return go

    def on_jump(change):
        if 1 <= change["new"] <= len(rows) and change["new"] - 1 != state["at"]:
            state["at"] = change["new"] - 1
            show()

    back.on_click(move(-1))
    ahead.on_click(move(1))
    jump.observe(on_jump, names="value")
    right.on_click(lambda _: save("right", then=True))
    wrong.on_click(lambda _: save("not_statement", then=True))
    take_back.on_click(on_undo)
    save_government.on_click(lambda _: save("party", party=[p for p in government.value if p != NO_PARTY]))
    save_speaker.on_click(on_speaker)
    save_content.on_click(on_content)
    not_condition.on_click(on_condition)
    add_condition.on_click(on_new_condition)
    add_missed.on_click(on_missed)
    done = judged()
    state["at"] = next((i for i, k in enumerate(keys) if k not in done), 0)  # go on where the last session stopped
    show()
    missed = w.Accordion(children=[w.VBox([sentence, missed_content, missed_speaker, missed_government, add_missed])],
                         titles=("A statement parley missed in this article",))
    return w.VBox([
        w.HBox([back, ahead, jump, title]), w.HBox([status, take_back]), card,
        w.HBox([right, wrong]),
        w.HBox([government, save_government]),
        w.HBox([speaker, save_speaker], layout=wide), w.HBox([content, save_content], layout=wide),
        w.HBox([condition, not_condition], layout=wide), w.HBox([new_condition, add_condition], layout=wide),
        missed])


#: What the form calls each kind of correction.
_SAID = {"not_statement": "not a statement", "not_condition": "not a condition", "missed_condition": "missed condition"}
#: Each kind of correction as the counts of the accuracy block name it.
_NAMED = {**_SAID, "party": "government", "missed": "missed statement"}


def _saved(kind: str, text: str, fields: dict) -> str:
    """Return what a save wrote, in the words of the form ("government → Velmora", "not a condition “...”")."""
    bare = text.strip(" “”\"‘’,.")  # the span's own quotes and end stop are not repeated
    quoted = f"“{_short(bare, 60)}”"
    if kind == "party":
        return f"government → {'; '.join(fields.get('party') or []) or 'none'} for {quoted}"
    if kind == "speaker":
        return f"speaker → {fields.get('speaker', '').strip()} for {quoted}"
    if kind == "content":
        return f"content → {quoted}"
    if kind == "missed":
        parties = "; ".join(fields.get("party") or []) or "no government"
        return f"missed statement {quoted} by {fields.get('speaker', '').strip()} ({parties})"
    return f"{_SAID.get(kind, kind)} {quoted}"


def _conditions_of(row, conditions: pd.DataFrame) -> pd.DataFrame:
    """Return the conditions inside a statement's content (of any of its rows, once each)."""
    mine = conditions[(conditions["article_id"] == row["article_id"])
                      & (conditions["start"] >= int(row["content_start"]))
                      & (conditions["end"] <= int(row["content_end"]))].dropna(subset=["start", "end"])
    return mine.drop_duplicates(["start", "end"])


def _found(row, statements: pd.DataFrame) -> str:
    """Return the government(s) parley gave a statement (every row of a joint statement)."""
    same = statements[(statements["article_id"] == row["article_id"])
                      & (statements["content_start"] == row["content_start"])
                      & (statements["content_end"] == row["content_end"])]
    parties = [NO_PARTY if pd.isna(p) else p for p in same["party"]] or [
        NO_PARTY if pd.isna(row["party"]) else row["party"]]
    return " + ".join(dict.fromkeys(parties)) + (" (joint)" if len(parties) > 1 else "")


def _judgments(row, corrections: pd.DataFrame | None) -> pd.DataFrame:
    """Return the corrections file's rows about one statement: its judgments and those of conditions inside it."""
    if corrections is None or corrections.empty:
        return pd.DataFrame(columns=["kind"])
    start, end = int(row["content_start"]), int(row["content_end"])
    here = corrections[corrections["article_id"] == row["article_id"]]
    mine = ((here["start"] == start) & (here["end"] == end) & here["kind"].isin(STATEMENT_KINDS)) | (
        here["kind"].isin(["not_condition", "missed_condition"]) & (here["start"] >= start) & (here["end"] <= end))
    return here[mine.fillna(False).astype(bool)]


def _warn(message: str) -> str:
    return f"<span class='warn'>{html.escape(message)}</span>"


def _found_already(frame: pd.DataFrame, what: str, article_id: str, low: int, high: int) -> str | None:
    """Return what parley found over a span (sharing at least OVERLAP of their union), else None.

    ``what`` names the text column ("content" of statements, "condition" of conditions); the span columns are
    ``content_start``/``content_end`` or ``start``/``end``.
    """
    start, end = ("content_start", "content_end") if what == "content" else ("start", "end")
    here = frame[frame["article_id"] == article_id].dropna(subset=[start, end])
    for text, s, e in zip(here[what], here[start].astype(int), here[end].astype(int)):
        shared = min(high, e) - max(low, s)
        if shared > 0 and shared / (max(high, e) - min(low, s)) >= OVERLAP:
            return _text(text)
    return None


def _article(articles: pd.DataFrame, article_id: str) -> str:
    """Return which article a statement is in, as an analyst finds it: title · date · file name."""
    found = articles[articles["article_id"] == article_id]
    if found.empty:
        return article_id
    a = found.iloc[0]
    parts = [_text(a.get("title")), _text(a.get("published"))[:10], Path(_text(a.get("path"))).name]
    return " · ".join(p for p in parts if p) or article_id


def _parties_of(value) -> list[str]:
    return [p.strip() for p in str(value or "").split(";") if p.strip()]


def _described(c) -> str:
    kind = _SAID.get(c.kind, c.kind)
    if c.kind in ("not_condition", "missed_condition"):
        return f"{kind} “{c.text}”"
    if c.kind == "party":
        return f"government → {c.party or 'none'}"
    if c.kind == "speaker":
        return f"speaker → {c.speaker}"
    if c.kind == "content":
        return f"content → “{c.new_text}”"
    return kind


def _short(text: str, most: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= most else text[:most - 1] + "…"


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) or value is pd.NA else str(value)
