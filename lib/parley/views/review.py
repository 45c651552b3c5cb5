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
    form = _Form(w, list(analysis.parties), len(rows))
    session = _Review(analysis, rows, form, corrections=corrections, sample=sample)
    session.connect()
    done = _judged(load_corrections(corrections))  # go on where the last session stopped
    session.at = next((i for i, k in enumerate(session.keys) if k not in done), 0)
    session.show()
    return form.box(w)


class _Form:
    """The review form's widgets, one attribute each: built empty, filled in by :meth:`fill`, laid out by :meth:`box`.

    Parameters
    ----------
    w : module
        ``ipywidgets``.
    parties : list of str
        The governments offered.
    count : int
        How many statements are reviewed.
    """

    def __init__(self, w, parties: list[str], count: int):
        self.wide = w.Layout(width="98%")
        self.title = w.HTML()
        self.card = w.HTML(layout=w.Layout(width="100%"))
        self.status = w.HTML("<i>Nothing saved yet.</i>")
        self.back, self.ahead = w.Button(description="◀ Previous"), w.Button(description="Next ▶")
        self.jump = w.BoundedIntText(min=1, max=count, value=1, description="Go to", layout=w.Layout(width="10em"))
        self.right = w.Button(description="Right ▶", button_style="success",
                              tooltip="speaker, government and content right; then the next statement not yet "
                                      "reviewed")
        self.wrong = w.Button(description="Not a statement ▶", button_style="danger",
                              tooltip="then the next statement not yet reviewed")
        self.take_back = w.Button(description="Undo last save", disabled=True, layout=_fit(w),
                                  tooltip="put the corrections file back as it was before the last save")
        self._corrections(w, parties)
        self._missed(w, parties)

    def _corrections(self, w, parties: list[str]) -> None:
        """Build the fields that correct the statement shown, each with its button: government to conditions."""
        labelled = {"style": {"description_width": "9em"}}
        self.government = w.SelectMultiple(options=parties + [NO_PARTY], rows=min(len(parties) + 1, 5),
                                           description="Government", **labelled)
        self.save_government = w.Button(description="Save government", layout=_fit(w),
                                        tooltip=f"several for a joint statement; {NO_PARTY} for none")
        self.speaker = w.Text(description="Speaker", placeholder="who said it (as the article names them)",
                              layout=self.wide, **labelled)
        self.save_speaker = w.Button(description="Save speaker", layout=_fit(w))
        self.content = w.Textarea(description="Content", placeholder="paste the right content from the sentence",
                                  layout=w.Layout(width="98%", height="4.5em"), **labelled)
        self.save_content = w.Button(description="Save content", layout=_fit(w))
        self.condition = w.Dropdown(description="Condition", layout=self.wide, **labelled)
        self.not_condition = w.Button(description="Not a condition", layout=_fit(w))
        self.new_condition = w.Text(description="Missed condition", placeholder="paste a condition parley missed",
                                    layout=self.wide, **labelled)
        self.add_condition = w.Button(description="Add condition", layout=_fit(w))

    def _missed(self, w, parties: list[str]) -> None:
        """Build the fields of a statement parley missed in the article: its sentence, what was said, by whom."""
        labelled = {"style": {"description_width": "9em"}}
        self.sentence = w.Dropdown(description="Sentence", layout=self.wide, **labelled)
        self.missed_content = w.Textarea(description="Said", placeholder="what was said (empty: the whole sentence)",
                                         layout=self.wide, **labelled)
        self.missed_speaker = w.Text(description="Speaker", layout=self.wide, **labelled)
        self.missed_government = w.SelectMultiple(options=parties, rows=min(max(len(parties), 2), 5),
                                                  description="Government", **labelled)
        self.add_missed = w.Button(description="Add missed statement",
                                   layout=w.Layout(width="auto", align_self="flex-start"))

    def fill(self, row: pd.Series, said: pd.DataFrame, analysis) -> None:
        """Fill the fields in for one statement: with the judgments on file, else with what parley found.

        Parameters
        ----------
        row : pandas.Series
            The statement shown.
        said : pandas.DataFrame
            The corrections file's rows about it (:func:`_judgments`); the last of each kind counts.
        analysis : parley.Analysis
            Its conditions and sentences fill the condition and sentence menus.
        """
        party = said[said["kind"] == "party"]
        self.government.value = (tuple(_parties_of(party["party"].iloc[-1]) or [NO_PARTY]) if len(party) else ())
        who = said[said["kind"] == "speaker"]
        self.speaker.value = (who["speaker"].iloc[-1] if len(who) else "" if pd.isna(row["speaker"])
                              else str(row["speaker"]))
        span = said[said["kind"] == "content"]
        self.content.value = span["new_text"].iloc[-1] if len(span) else str(row["content"])
        mine = _conditions_of(row, analysis.conditions)
        self.condition.options = [(f"“{c.condition}” ({c.category})", f"{int(c.start)}-{int(c.end)}")
                                  for c in mine.itertuples()] or [("(parley found none in this statement)", "")]
        self.condition.value = self.condition.options[0][1]
        here = analysis.sentences[analysis.sentences["article_id"] == row["article_id"]]
        self.sentence.options = [(_short(t), (int(s), int(e))) for t, s, e in zip(here["text"], here["start"],
                                                                                   here["end"])]

    def box(self, w):
        """Return the form laid out: navigation, what was saved, the statement, its judgments, a missed statement."""
        missed = w.Accordion(children=[w.VBox([self.sentence, self.missed_content, self.missed_speaker,
                                               self.missed_government, self.add_missed])],
                             titles=("A statement parley missed in this article",))
        wide = self.wide
        return w.VBox([
            w.HBox([self.back, self.ahead, self.jump, self.title]), w.HBox([self.status, self.take_back]), self.card,
            w.HBox([self.right, self.wrong]),
            w.HBox([self.government, self.save_government]),
            w.HBox([self.speaker, self.save_speaker], layout=wide), w.HBox([self.content, self.save_content],
                                                                           layout=wide),
            w.HBox([self.condition, self.not_condition], layout=wide),
            w.HBox([self.new_condition, self.add_condition], layout=wide),
            missed])


class _Review:
    """A review session: the statement shown, the saves it can undo, and what each button of its form does.

    Parameters
    ----------
    analysis : parley.Analysis
        The analysis the statements come from.
    rows : pandas.DataFrame
        The statements to review, indexed 0, 1, ...
    form : _Form
        The widgets.
    corrections : str or Path
        The corrections file.
    sample : str
        Recorded with each judgment of a statement.
    """

    def __init__(self, analysis, rows: pd.DataFrame, form: _Form, *, corrections, sample: str):
        self.analysis, self.rows, self.form = analysis, rows, form
        self.corrections, self.sample = corrections, sample
        self.at = 0  # the statement shown
        self.undo: list = []  # (the file before a save of this session or None when there was none, statement shown)
        self.texts = dict(zip(analysis.articles["article_id"], analysis.articles["text"]))
        self.keys = list(zip(rows["article_id"], rows["content_start"].astype(int), rows["content_end"].astype(int)))

    def connect(self) -> None:
        """Connect the form's buttons and its "Go to" field to the session."""
        f = self.form
        f.back.on_click(lambda _: self.step(-1))
        f.ahead.on_click(lambda _: self.step(1))
        f.jump.observe(self.on_jump, names="value")
        f.right.on_click(lambda _: self.save("right", then=True))
        f.wrong.on_click(lambda _: self.save("not_statement", then=True))
        f.take_back.on_click(self.on_undo)
        f.save_government.on_click(lambda _: self.save("party", party=[p for p in f.government.value
                                                                        if p != NO_PARTY]))
        f.save_speaker.on_click(self.on_speaker)
        f.save_content.on_click(self.on_content)
        f.not_condition.on_click(self.on_condition)
        f.add_condition.on_click(self.on_new_condition)
        f.add_missed.on_click(self.on_missed)

    def current(self) -> pd.Series:
        """Return the statement shown."""
        return self.rows.iloc[self.at]

    def show(self) -> None:
        """Show the current statement: where it is in the review, its card, and the fields filled in."""
        row, rows = self.current(), self.rows
        on_file = load_corrections(self.corrections)
        done = _judged(on_file)
        where = f" · {row['stratum']}, draw {row['draw']}" if "stratum" in rows else ""
        why = f" · uncertain: {row['why']}" if isinstance(row.get("why"), str) else ""
        progress = sum(k in done for k in self.keys)
        self.form.title.value = (html.escape(f"Statement {self.at + 1} of {len(rows)}{where}{why}")
                                 + f" · <b>{progress} of {len(rows)} reviewed</b>")
        self.form.card.value = statement_html(row, self.analysis, corrections=on_file)
        self.form.jump.value = self.at + 1
        self.form.fill(row, _judgments(row, on_file), self.analysis)

    def write(self, article_id, start: int, end: int, kind: str, **fields) -> bool:
        """Write one correction, keeping the file as it was for Undo; say why when it cannot be written."""
        path = Path(self.corrections)
        before = load_corrections(path) if path.exists() else None
        try:
            correct(self.corrections, self.analysis.articles, article_id=article_id, start=start, end=end, kind=kind,
                    **fields)
        except (ValueError, OSError) as error:
            self.form.status.value = f"<span class='warn'>Not saved: {html.escape(str(error))}</span>"
            return False
        self.undo.append((before, self.at))
        self.form.take_back.disabled = False
        text = self.texts[article_id]
        shown = text[fields["new_start"]:fields["new_end"]] if kind == "content" else text[start:end]
        self.form.status.value = html.escape("Saved: " + _saved(kind, shown, fields))
        return True

    def save(self, kind: str, *, then: bool = False, **fields) -> None:
        """Save a judgment of the statement shown; with ``then``, go on to the next statement not yet reviewed."""
        row = self.current()
        if not self.write(row["article_id"], int(row["content_start"]), int(row["content_end"]), kind,
                          sample=self.sample if kind in STATEMENT_KINDS else "", **fields):
            return
        if then:
            nxt = _next_unreviewed(self.at, self.keys, _judged(load_corrections(self.corrections)))
            if nxt is None:
                self.form.status.value += html.escape(f" · all {len(self.rows)} statements are reviewed.")
            else:
                self.at = nxt
        self.show()

    def on_undo(self, _) -> None:
        """Put the corrections file back as it was before this session's last save, and show that statement."""
        if not self.undo:
            return
        before, self.at = self.undo.pop()  # back to the statement the save was about
        if before is None:
            Path(self.corrections).unlink(missing_ok=True)
        else:
            save_corrections(before, self.corrections)
        self.form.take_back.disabled = not self.undo
        self.form.status.value = "Undone: the corrections file is back as it was before the last save."
        self.show()

    def span_of(self, phrase: str, field: str) -> tuple[int, int] | None:
        """Find a phrase typed in the form in the statement's article (its sentence first); say so when it is not."""
        row = self.current()
        bounds = self.analysis.sentences[self.analysis.sentences["sentence_id"] == row["sentence_id"]]
        low = int(bounds["start"].iloc[0]) if len(bounds) else 0
        high = int(bounds["end"].iloc[0]) if len(bounds) else None
        found = locate(self.texts[row["article_id"]], phrase, low, high)
        if found is None:
            self.form.status.value = f"<span class='warn'>Not saved: the {field} is not in the article as typed.</span>"
        return found

    def on_content(self, _) -> None:
        """Save the content typed as the statement's."""
        found = self.span_of(self.form.content.value, "content")
        if found:
            self.save("content", new_start=found[0], new_end=found[1])

    def on_speaker(self, _) -> None:
        """Save the speaker typed, with where the article names them before the content when it does."""
        row, speaker = self.current(), self.form.speaker.value
        found = (locate(self.texts[row["article_id"]], speaker, 0, int(row["content_end"])) if speaker.strip()
                 else None)
        self.save("speaker", speaker=speaker, **({"new_start": found[0], "new_end": found[1]} if found else {}))

    def on_condition(self, _) -> None:
        """Save that the condition chosen is not one."""
        if not self.form.condition.value:
            self.form.status.value = "<span class='warn'>This statement has no condition to remove.</span>"
            return
        s, t = map(int, self.form.condition.value.split("-"))
        if self.write(self.current()["article_id"], s, t, "not_condition"):
            self.show()

    def on_new_condition(self, _) -> None:
        """Save a condition parley missed, unless parley finds it already."""
        found = self.span_of(self.form.new_condition.value, "condition")
        kept = _kept_conditions(self.analysis.conditions, load_corrections(self.corrections))
        has = found and _found_already(kept, "condition", self.current()["article_id"], *found)
        if has:  # the file would only report it as not applied
            self.form.status.value = _warn(f"Not saved: parley already finds this condition (“{has}”).")
            return
        if found and self.write(self.current()["article_id"], found[0], found[1], "missed_condition"):
            self.form.new_condition.value = ""
            self.show()

    def on_missed(self, _) -> None:
        """Save a statement parley missed in the article, unless parley finds it already."""
        f, row = self.form, self.current()
        if f.sentence.value is None or not f.missed_speaker.value.strip():
            f.status.value = "<span class='warn'>Choose the sentence and say who spoke.</span>"
            return
        s, t = f.sentence.value
        text = self.texts[row["article_id"]]
        found = locate(text, f.missed_content.value, s, t) if f.missed_content.value.strip() else (s, t)
        if found is None:
            f.status.value = "<span class='warn'>Not saved: what was said is not in that sentence as typed.</span>"
            return
        analysis = self.analysis
        has = _found_already(analysis.uncorrected if analysis.uncorrected is not None else analysis.statements,
                             "content", row["article_id"], *found)
        if has:
            f.status.value = _warn(f"Not saved: parley already finds this statement (“{_short(has, 60)}”): "
                                   "review that one (Go to) instead.")
            return
        if self.write(row["article_id"], found[0], found[1], "missed", speaker=f.missed_speaker.value,
                      party=list(f.missed_government.value)):
            f.missed_content.value, f.missed_speaker.value, f.missed_government.value = "", "", ()

    def step(self, by: int) -> None:
        """Show the statement ``by`` places on (back when negative), stopping at the first and the last."""
        self.at = int(np.clip(self.at + by, 0, len(self.rows) - 1))
        self.show()

    def on_jump(self, change: dict) -> None:
        """Show the statement whose number was typed in "Go to"."""
        if 1 <= change["new"] <= len(self.rows) and change["new"] - 1 != self.at:
            self.at = change["new"] - 1
            self.show()


def _fit(w):
    """Return the layout of a button as wide as its label, never squeezed by the field beside it."""
    return w.Layout(width="auto", min_width="9.5em", flex="0 0 auto")


def _judged(on_file: pd.DataFrame) -> set:
    """Return the statements the corrections file judges, as ``(article_id, start, end)``."""
    mine = on_file[on_file["kind"].isin(STATEMENT_KINDS)]
    return set(zip(mine["article_id"], mine["start"].astype(int), mine["end"].astype(int)))


def _next_unreviewed(at: int, keys: list, done: set) -> int | None:
    """Return the next statement after ``at`` not yet reviewed (from the start again), or None."""
    n = len(keys)
    return next((i % n for i in range(at + 1, at + n + 1) if keys[i % n] not in done), None)


def _kept_conditions(conditions: pd.DataFrame, on_file: pd.DataFrame) -> pd.DataFrame:
    """Return the conditions the corrections file does not remove ("not a condition")."""
    removed = set(zip(*[on_file.loc[on_file["kind"] == "not_condition", c].astype(int) for c in ("start", "end")]))
    return conditions[[(s, e) not in removed for s, e in zip(conditions["start"], conditions["end"])]]


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
