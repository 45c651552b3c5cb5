"""Read, write and apply an analyst's corrections: the review of the numbers, kept across reruns.

A corrections file is a plain CSV next to the articles (``data/corrections.csv``
by default in the notebooks and ``make report``), one row per correction::

    article_id,start,end,kind,party,speaker,new_start,new_end,sample,text,new_text,note,path
    2bce4d96f1cb4943,1079,1287,right,,,,,random,"that it ...",,,articles/000_ed59ce91eebbf266.txt
    2bce4d96f1cb4943,1337,1501,party,United States,,,,random,"the timeline ...",,"the Pentagon's words",...

A row is keyed by what survives a rerun, a new version of parley and added
articles: the article's content hash (``article_id``) and the span the
correction is about (``start``, ``end`` into the article text, and its
``text``), never a row number or a statement id. For a statement the span is
its content; for a condition, the condition. ``kind`` is one of :data:`KINDS`.
Rows are written sorted by key with the columns in this order, so the file
reads and merges (git) well; a row may be edited or deleted by hand.

The corrections are applied after the cache, by :func:`apply_corrections`
(``analyze(..., corrections=FILE)``): the cache keeps what parley extracted, so
a click in the review notebook costs a re-read of the cache, not a re-analysis,
and deleting a row restores parley's own result. The articles a correction
touches have their conditions, phrasing and tone measured again from the
corrected statements, exactly as the pipeline measures them. A correction whose
article is not among the articles (edited: its content hash changed; or
removed), whose span no statement (condition) covers any longer, or that
contradicts another row is not applied and says why (``applied``, ``reason``).
"""
from __future__ import annotations

import csv
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.parties import NO_PARTY
from ..core.story import Story
from ..extract.statements import STATEMENT_COLUMNS
from ..measures.conditions import CONDITION_COLUMNS, condition_category, to_conditions
from .batch import measured_statements
from .schemas import FRAMES as LAYOUTS
from .schemas import to_frame, to_table

__all__ = ["COLUMNS", "ELSEWHERE", "KINDS", "STATEMENT_KINDS", "Corrected", "apply_corrections", "correct", "load_corrections",
           "save_corrections", "uncorrect"]

#: The columns of a corrections file, in the order they are written.
COLUMNS = ["article_id", "start", "end", "kind", "party", "speaker", "new_start", "new_end", "sample", "text",
           "new_text", "note", "path"]

#: What each kind of row says; ``start``/``end`` is a statement's content, or a condition.
KINDS = {
    "right": "a statement reviewed and found right (counts in the accuracy estimate)",
    "party": "wrong government: `party` holds the right ones, separated by ';' (several: a joint statement; "
             "empty: no government)",
    "speaker": "wrong speaker: `speaker` holds who said it (new_start/new_end: where the article names them)",
    "not_statement": "not a statement: removed (its conditions count as the journalist's own text)",
    "content": "wrong content span: new_start/new_end hold the right one",
    "missed": "a statement parley missed: start/end what was said, `speaker` and `party` who said it",
    "not_condition": "not a condition: start/end the condition, removed",
    "missed_condition": "a condition parley missed: start/end the condition",
}
#: The kinds that judge a statement parley found: a statement with any of them counts as reviewed.
STATEMENT_KINDS = ("right", "party", "speaker", "not_statement", "content")
#: The share of two spans' union they must share for a correction to follow a statement whose span moved.
OVERLAP = 0.5
#: The reason given for a correction of an article that is not among those analysed (nor an edit of one of them):
#: a corrections file may serve a larger corpus than one run reads.
ELSEWHERE = "its article is not among these articles"
_SAMPLES = ("", "random", "uncertain")
_KEY = ["article_id", "start", "end", "kind"]
_INTS = ("start", "end", "new_start", "new_end")


@dataclass
class Corrected:
    """The frames of an analysis with corrections applied, and what became of each correction.

    Attributes
    ----------
    statements, conditions, terms : pandas.DataFrame
        The corrected frames; ``statements`` and ``conditions`` have a
        ``corrected`` column (None: untouched; "right": reviewed and
        confirmed; else the kinds applied, e.g. "party; speaker").
    corrections : pandas.DataFrame
        The corrections with ``applied`` (bool), ``reason`` (why not, or how a
        moved span was followed), ``found_party`` and ``found_speaker`` (the
        statement as parley found it, for the accuracy estimate; joint
        governments separated by "; ", :data:`parley.parties.NO_PARTY` for none).
    """

    statements: pd.DataFrame
    conditions: pd.DataFrame
    terms: pd.DataFrame
    corrections: pd.DataFrame


# --------------------------------------------------------------------------- the file

def load_corrections(path) -> pd.DataFrame:
    """Read a corrections file (a missing file: no corrections).

    Parameters
    ----------
    path : str or Path
        The CSV file.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS` (and any extra column the file has, after
        them): offsets as ``Int64``, text as ``str`` ("" where empty). The
        file's folder is kept in ``attrs["folder"]`` (the ``path`` column is
        relative to it).

    Raises
    ------
    ValueError
        A row with an unknown kind or sample, an offset that is not a whole
        number, or a missing key column: the message names the file, the line
        and what to fix.
    """
    path = Path(path)
    if not path.is_file():
        frame = _empty()
    else:
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
        except pd.errors.EmptyDataError:
            frame = _empty()
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: not a readable CSV file ({exc}); fix or delete it") from exc
        frame = _checked(frame, path)
    frame.attrs["folder"] = str(path.resolve().parent)
    return frame


def save_corrections(corrections: pd.DataFrame, path) -> Path:
    """Write corrections sorted by key, one row per key (the last row of a key wins), columns in a fixed order.

    Parameters
    ----------
    corrections : pandas.DataFrame
        Rows with the columns :data:`COLUMNS` (extra columns are kept, after them).
    path : str or Path
        The CSV file; written whole to a temporary file first, then moved into
        place, so a reader never sees half a file.

    Returns
    -------
    Path
        The file written.
    """
    path = Path(path)
    frame = _checked(corrections.copy(), path)
    frame = frame.drop_duplicates(_KEY, keep="last")
    frame = frame.sort_values(_KEY, key=lambda c: c.astype("Int64") if c.name in _INTS else c, kind="stable")
    columns = COLUMNS + sorted(c for c in frame.columns if c not in COLUMNS)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".corrections-", suffix=".csv", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(columns)
            for row in frame[columns].itertuples(index=False):
                writer.writerow("" if pd.isna(v) else str(int(v)) if c in _INTS else str(v)
                                for c, v in zip(columns, row))
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path


def correct(path, articles: pd.DataFrame, *, article_id: str, start: int, end: int, kind: str,
            party=None, speaker: str | None = None, new_start: int | None = None, new_end: int | None = None,
            sample: str = "", note: str = "") -> pd.DataFrame:
    """Record one correction in a corrections file (created if missing) and return the file's rows.

    Parameters
    ----------
    path : str or Path
        The corrections file.
    articles : pandas.DataFrame
        The articles (``article_id``, ``text``, ``path``): the span's text and
        the article's path are taken from them.
    article_id : str
        The article.
    start, end : int
        The span: a statement's content (``content_start``, ``content_end``;
        for ``missed``, what was said), or a condition's ``start``, ``end``.
    kind : str
        One of :data:`KINDS`.
    party : str, list of str or None
        For ``party`` and ``missed``: the government(s); None or [] for none.
    speaker : str, optional
        For ``speaker`` and ``missed``: who said it.
    new_start, new_end : int, optional
        For ``content``: the right content span; for ``speaker``: where the
        article names the speaker (optional).
    sample : str
        How the statement came to be reviewed: "random" (the stratified
        sample: only these count in the accuracy estimate), "uncertain", or "".
    note : str
        Free text for the reader of the file.

    Returns
    -------
    pandas.DataFrame
        The file's corrections after the change. Marking a statement right
        removes its other judgments (and any judgment removes its "right");
        "not a statement" replaces the statement's other judgments; a row of
        the same key and kind is replaced. The sample a statement was drawn
        in is kept when a later judgment gives none.

    Raises
    ------
    ValueError
        An unknown kind or article, a span outside the article, or a
        ``content`` correction without its new span.
    """
    text, where = _article_of(articles, article_id, start=start, end=end, kind=kind, new_start=new_start,
                              new_end=new_end)
    parties = [party] if isinstance(party, str) else list(party or [])
    row = {"article_id": article_id, "start": int(start), "end": int(end), "kind": kind,
           "party": "; ".join(p.strip() for p in parties if p and p.strip()), "speaker": (speaker or "").strip(),
           "new_start": new_start, "new_end": new_end, "sample": sample, "text": text[start:end],
           "new_text": text[new_start:new_end] if new_start is not None else "", "note": note,
           "path": _relative(where, Path(path).resolve().parent)}
    save_corrections(_recorded(load_corrections(path), row, Path(path)), path)
    return load_corrections(path)


def _article_of(articles: pd.DataFrame, article_id: str, *, start: int, end: int, kind: str, new_start: int | None,
                new_end: int | None) -> tuple:
    """Return the text and path of the article a new correction is about, refusing one that cannot be recorded.

    Raises
    ------
    ValueError
        As :func:`correct` says.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    found = articles[articles["article_id"] == article_id]
    if found.empty:
        raise ValueError(f"no article {article_id!r} among the articles")
    text = found["text"].iloc[0]
    _check_span(text, start, end, "the span")
    if kind == "content" and (new_start is None or new_end is None):
        raise ValueError("a content correction needs the right span (new_start, new_end)")
    if new_start is not None:
        _check_span(text, new_start, new_end, "the new span")
    return text, found["path"].iloc[0]


def _recorded(current: pd.DataFrame, row: dict, path: Path) -> pd.DataFrame:
    """Return a file's corrections with a new row, less the rows it replaces (see :func:`correct`).

    Parameters
    ----------
    current : pandas.DataFrame
        The file's corrections.
    row : dict
        The new correction, a value per column of :data:`COLUMNS`; a
        statement judgment without a ``sample`` takes the one its statement
        was drawn in.
    path : Path
        The file, named in an error.
    """
    kind = row["kind"]
    same = ((current["article_id"] == row["article_id"]) & (current["start"] == row["start"])
            & (current["end"] == row["end"])).fillna(False)
    drop = same & (current["kind"] == kind)
    if kind in STATEMENT_KINDS:
        judged = same & current["kind"].isin(STATEMENT_KINDS)
        if not row["sample"]:
            row = {**row, "sample": next((s for s in current.loc[judged, "sample"] if s), "")}
        if kind in ("right", "not_statement"):
            drop |= judged
        else:
            drop |= judged & current["kind"].isin(["right", "not_statement"])
    return pd.concat([current[~drop], _checked(pd.DataFrame([row]), path)], ignore_index=True)


def uncorrect(path, *, article_id: str, start: int, end: int, kind: str | None = None) -> pd.DataFrame:
    """Remove the corrections of one span (of one kind, or all) from a corrections file; return what is left."""
    current = load_corrections(path)
    drop = (current["article_id"] == article_id) & (current["start"] == start) & (current["end"] == end)
    if kind is not None:
        drop &= current["kind"] == kind
    if drop.fillna(False).any():
        save_corrections(current[~drop.fillna(False)], path)
    return load_corrections(path)


def _empty() -> pd.DataFrame:
    return _typed(pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS}))


def _checked(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Return the rows with every column present and typed; refuse what cannot be applied as written."""
    missing = [c for c in ("article_id", "start", "end", "kind") if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: no column {', '.join(missing)}; a corrections file has the columns "
                         f"{','.join(COLUMNS)} (see the README, 'Review and correct')")
    for column in COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    for column in frame.columns:
        if column not in _INTS:
            frame[column] = ["" if v is None or (isinstance(v, float) and v != v) else str(v).strip()
                             if column in ("article_id", "kind", "sample", "party", "speaker") else str(v)
                             for v in frame[column]]
    for n, row in enumerate(frame.itertuples(index=False), start=2):  # line 1 is the header
        where = f"{path}, line {n}"
        if row.kind not in KINDS:
            raise ValueError(f"{where}: unknown kind {row.kind!r}; use one of {', '.join(KINDS)}")
        if row.sample not in _SAMPLES:
            raise ValueError(f"{where}: unknown sample {row.sample!r}; use random, uncertain or leave it empty")
        if not row.article_id:
            raise ValueError(f"{where}: no article_id")
        for column in _INTS:
            value = getattr(row, column)
            if not _whole(value, optional=column.startswith("new_")):
                raise ValueError(f"{where}: {column} is {value!r}, not a whole number of characters")
        if row.kind == "content" and _blank(row.new_start):
            raise ValueError(f"{where}: a content correction needs new_start and new_end (the right span)")
    return _typed(frame)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for column in _INTS:
        # as _whole checked them: "5.0", as a spreadsheet may save it, is offset 5
        frame[column] = pd.array([None if _blank(v) else int(float(v)) for v in frame[column]], dtype="Int64")
    return frame.reset_index(drop=True)


def _blank(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value) or (
        isinstance(value, str) and not value.strip())


def _whole(value, *, optional: bool) -> bool:
    if _blank(value):
        return optional
    try:
        return float(value) == int(float(value)) and int(float(value)) >= 0
    except (TypeError, ValueError):
        return False


def _check_span(text: str, start, end, what: str) -> None:
    if start is None or end is None or not 0 <= int(start) < int(end) <= len(text):
        raise ValueError(f"{what} {start}–{end} is not inside the article (0–{len(text)}) or is empty")


def _relative(path, folder: Path) -> str:
    """Return an article's path relative to the corrections file's folder (its name when it lies elsewhere)."""
    if not isinstance(path, str) or path.startswith("<"):
        return path if isinstance(path, str) else ""
    candidate = Path(path).resolve()
    try:
        return candidate.relative_to(folder).as_posix()
    except ValueError:
        return os.path.relpath(candidate, folder) if candidate.anchor == folder.anchor else candidate.name


# --------------------------------------------------------------------------- applying

def apply_corrections(statements: pd.DataFrame, corrections: pd.DataFrame, *, articles: pd.DataFrame,
                      sentences: pd.DataFrame, conditions: pd.DataFrame, terms: pd.DataFrame,
                      parties: dict, story: Story | None = None) -> Corrected:
    """Apply corrections to an analysis' frames.

    Parameters
    ----------
    statements, conditions, terms : pandas.DataFrame
        The frames as parley extracted and measured them (see :func:`parley.analyze`).
    corrections : pandas.DataFrame
        As :func:`load_corrections` returns them.
    articles, sentences : pandas.DataFrame
        The articles (``article_id``, ``text``, ``path``) and their sentences.
    parties : dict
        The parties: a government named in a correction must be one of them.
    story : parley.story.Story, optional
        The story setup the conditions and phrasing are measured with.

    Returns
    -------
    Corrected
        New frames (the inputs are not changed) and every correction with
        whether it was applied and why not.
    """
    story = story or Story()
    status = _screened(corrections, articles, parties)
    texts = dict(zip(articles["article_id"], articles["text"]))
    out_statements, out_conditions = _with_corrected(statements), _with_corrected(conditions)
    touched = []
    for aid, rows in status[status["reason"] == ""].groupby("article_id", sort=False):
        mine = out_statements["article_id"] == aid
        changed, notes = _statements_of(_loose(out_statements[mine]), rows, status, texts[aid],
                                        sentences[sentences["article_id"] == aid])
        if changed is None:  # nothing but "right" marks (or nothing applied): no measure changes
            out_statements.loc[mine, "corrected"] = pd.Series(notes, index=out_statements.index[mine], dtype=object)
        else:
            touched.append((aid, changed, rows))
    frames = (out_statements, out_conditions, terms)
    if touched:
        frames = _remeasured(touched, frames, status, articles=articles, sentences=sentences, story=story)
    status["applied"] = [_applies(r) for r in status["reason"]]
    return Corrected(*frames, status)


def _screened(corrections: pd.DataFrame, articles: pd.DataFrame, parties: dict) -> pd.DataFrame:
    """Return the corrections with ``applied`` (False for now), ``found_party``, ``found_speaker`` ("") and ``reason``.

    ``reason`` says why a correction cannot be applied as it stands: a later
    row of the same key supersedes it, its article is not among these, or it
    does not fit the article (:func:`_misfit`); "" for the rest.
    """
    status = corrections.copy()
    status["applied"] = False
    status["reason"] = ""
    status["found_party"] = ""
    status["found_speaker"] = ""
    texts = dict(zip(articles["article_id"], articles["text"]))
    folder = Path(corrections.attrs.get("folder") or ".")
    here = {}  # resolved path -> article ids loaded from it (to tell an edited article from a missing one)
    for aid, p in zip(articles["article_id"], articles["path"]):
        if isinstance(p, str) and not p.startswith("<"):
            here.setdefault(str(Path(p).resolve()), []).append(aid)
    later = status.duplicated(_KEY, keep="last")
    status.loc[later, "reason"] = "superseded by a later row of the same span and kind"
    for i in status.index[~later]:
        row = status.loc[i]
        text = texts.get(row["article_id"])
        status.at[i, "reason"] = _gone(row, folder, here) if text is None else _misfit(row, text, parties)
    return status


def _misfit(row: pd.Series, text: str, parties: dict) -> str:
    """Say why a correction does not fit its article's text or the parties ("" when it fits)."""
    if not (0 <= row["start"] < row["end"] <= len(text)):
        return f"the span {row['start']}–{row['end']} is not inside the article"
    if row["text"] and _squeezed(text[row["start"]:row["end"]]) != _squeezed(row["text"]):
        return "the article's text at this span is not the row's text (was the row edited by hand?)"
    unknown = [p for p in _parties(row["party"]) if p not in parties] if row["kind"] in ("party", "missed") else []
    if unknown:
        return (f"{', '.join(map(repr, unknown))} is not a government of the parties file "
                f"({', '.join(parties) or 'none'})")
    if not _blank(row["new_start"]) and not (0 <= row["new_start"] < row["new_end"] <= len(text)):
        return f"the new span {row['new_start']}–{row['new_end']} is not inside the article"
    if row["kind"] == "missed" and not row["speaker"]:
        return "a missed statement needs its speaker"
    return ""


def _with_corrected(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a frame with a ``corrected`` column (None where it has none)."""
    frame = frame.copy()
    if "corrected" not in frame:
        frame["corrected"] = None
    return frame


def _remeasured(touched: list[tuple], frames: tuple, status: pd.DataFrame, *, articles: pd.DataFrame,
                sentences: pd.DataFrame, story: Story) -> tuple:
    """Measure the corrected articles again and put their rows back among the others, in article order.

    Parameters
    ----------
    touched : list of tuple
        ``(article_id, corrected statements, its corrections)`` per article
        whose measures change.
    frames : tuple of pandas.DataFrame
        The statements, conditions and terms.
    status : pandas.DataFrame
        The corrections' status: the condition corrections' reasons are set here.
    articles, sentences : pandas.DataFrame
        The articles and their sentences.
    story : parley.story.Story
        The story setup the conditions and phrasing are measured with.

    Returns
    -------
    tuple of pandas.DataFrame
        The statements, conditions and terms.
    """
    texts = dict(zip(articles["article_id"], articles["text"]))
    ids = [t[0] for t in touched]
    kept = [[frame[~frame["article_id"].isin(ids)]] for frame in frames]
    for aid, changed, rows in touched:
        measured = _measured(changed, rows, status, sentences[sentences["article_id"] == aid], texts[aid], story)
        for out, frame in zip(kept, measured):
            out.append(frame)
    order = {aid: n for n, aid in enumerate(articles["article_id"])}
    return tuple(_ordered(pd.concat(out, ignore_index=True), order, by, name)
                 for out, by, name in zip(kept, ("content_start", "start", "start"),
                                          ("statements", "conditions", "terms")))


def _statements_of(rows: pd.DataFrame, corrections: pd.DataFrame, status: pd.DataFrame, text: str,
                   sentences: pd.DataFrame):
    """Apply an article's statement corrections to its statement rows.

    Returns ``(statements, corrected)``: the corrected rows when anything but
    "right" applies (else None), and else the ``corrected`` column of the
    rows as they are.
    """
    rows = rows.copy()
    marks: dict = {i: [] for i in rows.index}
    changed = False
    for span, judged in _targets(rows, corrections, status).items():
        applied = _uncontradicted(judged, status)
        group = rows.index[(rows["content_start"] == span[0]) & (rows["content_end"] == span[1])]
        if "not_statement" in applied:
            rows = rows.drop(index=group)
            changed = True
            continue
        for i in group:
            marks[i].extend(k for k in STATEMENT_KINDS if k in applied)
        rows = _rewritten(rows, group, {kind: corrections.loc[i] for kind, i in applied.items()}, text, sentences,
                       marks)
        changed = changed or bool(set(applied) - {"right"})
    rows, added = _with_missed(rows, corrections, status, text, sentences, marks)
    corrected = [("; ".join(dict.fromkeys(marks.get(i, []))) or None) for i in rows.index]
    if not (changed or added) and not corrections["kind"].isin(["not_condition", "missed_condition"]).any():
        return None, corrected
    return rows.assign(corrected=corrected).reset_index(drop=True), None


def _targets(rows: pd.DataFrame, corrections: pd.DataFrame, status: pd.DataFrame) -> dict:
    """Match each statement correction to the span of a statement parley finds now.

    Returns the matched spans, each with its ``(kind, correction index)``
    pairs; sets each correction's ``reason`` (how its span was followed, or
    why it matches none), ``found_party`` and ``found_speaker`` in ``status``.
    """
    spans = sorted(set(zip(rows["content_start"].astype(int), rows["content_end"].astype(int))))
    targets: dict = {}  # matched span -> [(kind, status index)]
    for i, c in corrections.iterrows():
        if c["kind"] not in STATEMENT_KINDS:
            continue
        span, how = _match((c["start"], c["end"]), spans)
        if span is None:
            status.at[i, "reason"] = "no statement parley finds now covers this span (the extraction changed)"
            continue
        status.at[i, "reason"] = how
        group = rows[(rows["content_start"] == span[0]) & (rows["content_end"] == span[1])]
        status.at[i, "found_party"] = "; ".join(NO_PARTY if pd.isna(p) else p for p in group["party"])
        status.at[i, "found_speaker"] = group["speaker"].iloc[0] if group["speaker"].notna().iloc[0] else ""
        targets.setdefault(span, []).append((c["kind"], i))
    return targets


def _uncontradicted(judged: list[tuple], status: pd.DataFrame) -> dict:
    """Refuse the judgments of one statement that others contradict; return those applied, kind to index.

    A "right" among other judgments, and any judgment beside a
    "not_statement", is not applied (its ``reason`` in ``status`` says why).
    """
    kinds = {k for k, _ in judged}
    for kind, i in judged:
        if kind == "right" and len(kinds) > 1:
            status.at[i, "reason"] = "contradicts another correction of the same statement (that one is applied)"
        elif kind != "not_statement" and "not_statement" in kinds:
            status.at[i, "reason"] = "the statement is removed by a not_statement row of the same span"
    return {kind: i for kind, i in judged if _applies(status.at[i, "reason"])}


def _rewritten(rows: pd.DataFrame, group: pd.Index, applied: dict, text: str, sentences: pd.DataFrame,
               marks: dict) -> pd.DataFrame:
    """Return an article's rows with one statement's government, speaker and content corrected (its rows: ``group``).

    Parameters
    ----------
    rows : pandas.DataFrame
        The article's statement rows.
    group : pandas.Index
        The labels of the statement's rows.
    applied : dict
        Kind to the correction applied (a row of the corrections).
    text : str
        The article.
    sentences : pandas.DataFrame
        The article's sentences.
    marks : dict
        Row label to the kinds of correction applied to it: the rows a
        government correction adds get their statement's marks.

    Returns
    -------
    pandas.DataFrame
        A new frame: the article's rows with the statement's corrected.
    """
    rows = rows.copy()
    if "party" in applied:  # first: it may multiply or merge the statement's rows
        rows, group = _with_parties(rows, group, _parties(applied["party"]["party"]), marks)
    if "speaker" in applied:
        c = applied["speaker"]
        rows.loc[group, "speaker"] = c["speaker"]
        rows.loc[group, "actor_id"] = None
        rows.loc[group, "party_evidence"] = [f"{e}; speaker corrected in review" for e in
                                             rows.loc[group, "party_evidence"]]
        if not _blank(c["new_start"]):
            rows.loc[group, "speaker_start"] = int(c["new_start"])
            rows.loc[group, "speaker_end"] = int(c["new_end"])
            rows.loc[group, "speaker_mention"] = text[int(c["new_start"]):int(c["new_end"])]
    if "content" in applied:
        c = applied["content"]
        s, e = int(c["new_start"]), int(c["new_end"])
        rows.loc[group, "content"] = text[s:e]
        rows.loc[group, "content_start"] = s
        rows.loc[group, "content_end"] = e
        rows.loc[group, "sentence_id"] = _sentence_at(sentences, s)[0]
    return rows


def _with_missed(rows: pd.DataFrame, corrections: pd.DataFrame, status: pd.DataFrame, text: str,
                 sentences: pd.DataFrame, marks: dict) -> tuple[pd.DataFrame, bool]:
    """Add the statements parley missed, unless it finds them now (then the reason in ``status`` says so).

    Returns the rows and whether any was added (marked "missed" in ``marks``).
    """
    added = False
    for i, c in corrections[corrections["kind"] == "missed"].iterrows():
        found = _best(int(c["start"]), int(c["end"]), list(zip(rows["content_start"], rows["content_end"])))
        if found is not None:
            who = rows[(rows["content_start"] == found[0]) & (rows["content_end"] == found[1])]
            status.at[i, "reason"] = (f"parley finds this statement now ({who['speaker'].iloc[0]}, "
                                      f"{who['party'].fillna(NO_PARTY).iloc[0]}): review that one instead")
            continue
        missed = _missed(c, text, sentences)
        rows = pd.concat([rows, missed])
        marks.update({j: ["missed"] for j in missed.index})
        added = True
    return rows, added


def _applies(reason: str) -> bool:
    """Say whether a correction's reason means it is applied (none, or a note on how)."""
    return reason == "" or reason.startswith("applied")


def _with_parties(rows: pd.DataFrame, group: pd.Index, parties: list[str], marks: dict) -> tuple:
    """Replace a statement's rows by one row per government (one row with none when the list is empty).

    Returns the rows and the labels of the statement's new rows.
    """
    first = rows.loc[group[0]].copy()
    base = str(first["statement_id"]).split("+")[0]
    new = []
    for k, party in enumerate(parties or [None]):
        row = first.copy()
        row["statement_id"] = base if k == 0 else f"{base}+{k}"
        row["party"] = party
        row["joint"] = base if len(parties) > 1 else None
        row["party_evidence"] = "corrected in review"
        new.append(row)
    added = pd.DataFrame(new)
    added.index = [f"p{group[0]}-{k}" for k in range(len(new))]
    for j in added.index:
        marks[j] = marks.get(group[0], [])
    at = rows.index.get_loc(group[0])
    rest = rows.drop(index=group)
    return pd.concat([rest.iloc[:at], added, rest.iloc[at:]]), added.index


def _missed(c: pd.Series, text: str, sentences: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of a statement parley missed (one per government; joint for several)."""
    s, e = int(c["start"]), int(c["end"])
    sentence_id, block = _sentence_at(sentences, s)
    speaker = c["speaker"]
    if not _blank(c["new_start"]):
        at, to = int(c["new_start"]), int(c["new_end"])
    else:  # where the sentence names the speaker, else an empty span at the content
        window = sentences[sentences["sentence_id"] == sentence_id]
        low = int(window["start"].iloc[0]) if len(window) else s
        high = int(window["end"].iloc[0]) if len(window) else e
        found = text.find(speaker, low, high) if speaker else -1
        at, to = (found, found + len(speaker)) if found >= 0 else (s, s)
    base = f"{c['article_id']}:m{s}"
    quoted = sum(text.count(q, s, e) for q in "\"“”")
    stripped = text[s:e].strip()
    mode = ("direct" if quoted and stripped[:1] in "\"“" and stripped[-1:] in "\"”.,"
            else "mixed" if quoted else "indirect")
    parties = _parties(c["party"])
    rows = []
    for k, party in enumerate(parties or [None]):
        rows.append({"statement_id": base if k == 0 else f"{base}+{k}", "article_id": c["article_id"],
                     "sentence_id": sentence_id, "block": block, "speaker": speaker,
                     "speaker_mention": text[at:to] if to > at else speaker, "speaker_start": at, "speaker_end": to,
                     "cue": None, "cue_start": None, "cue_end": None, "content": text[s:e], "content_start": s,
                     "content_end": e, "mode": mode, "party": party, "party_evidence": "added in review",
                     "actor_id": None, "joint": base if len(parties) > 1 else None, "via": None, "rule": "review",
                     "repeats": None, "uncertain": None})
    frame = pd.DataFrame(rows, columns=STATEMENT_COLUMNS)
    frame.index = [f"m{s}-{k}" for k in range(len(frame))]
    return frame


def _measured(statements: pd.DataFrame, corrections: pd.DataFrame, status: pd.DataFrame, sentences: pd.DataFrame,
              text: str, story: Story):
    """Measure an article's corrected statements again: conditions (then their corrections), phrasing, tone."""
    corrected = statements["corrected"].tolist()
    base = _conformed(statements[STATEMENT_COLUMNS].reset_index(drop=True), STATEMENT_COLUMNS, "statements")
    conditions = to_conditions(base, sentences=sentences, story=story)
    conditions["corrected"] = None
    conditions, marks = _condition_corrections(conditions, base, corrections, status, sentences, text, story)
    measured, terms = measured_statements(base, conditions[CONDITION_COLUMNS], story)
    corrected = [("; ".join(dict.fromkeys(([c] if isinstance(c, str) and c else []) + marks.get(sid, []))) or None)
                 for c, sid in zip(corrected, measured["statement_id"])]
    measured["corrected"] = pd.Series(corrected, index=measured.index, dtype=object)
    return measured, conditions, terms


def _condition_corrections(conditions: pd.DataFrame, statements: pd.DataFrame, corrections: pd.DataFrame,
                           status: pd.DataFrame, sentences: pd.DataFrame, text: str, story: Story) -> pd.DataFrame:
    """Remove the conditions that are not ones and add those parley missed.

    Returns the conditions and, per statement id, the kinds of condition correction its conditions had.
    """
    marks: dict = {}
    spans = sorted(set(zip(conditions["start"].dropna().astype(int), conditions["end"].dropna().astype(int))))
    drop = pd.Series(False, index=conditions.index)
    for i, c in corrections[corrections["kind"] == "not_condition"].iterrows():
        span, how = _match((c["start"], c["end"]), spans)
        if span is None:
            status.at[i, "reason"] = how or "no condition parley finds now covers this span: the extraction changed"
            continue
        status.at[i, "reason"] = how
        hit = ((conditions["start"] == span[0]) & (conditions["end"] == span[1])).fillna(False)
        for sid in conditions.loc[hit, "statement_id"].dropna():
            marks.setdefault(sid, []).append("not_condition")
        drop |= hit
    conditions = conditions[~drop]
    added = []
    for i, c in corrections[corrections["kind"] == "missed_condition"].iterrows():
        s, e = int(c["start"]), int(c["end"])
        left = list(zip(conditions["start"].dropna().astype(int), conditions["end"].dropna().astype(int)))
        if _best(s, e, left) is not None:
            status.at[i, "reason"] = "parley finds this condition now: no need to add it"
            continue
        holders = statements[(statements["content_start"] <= s) & (statements["content_end"] >= e)]
        sentence_id, _block = _sentence_at(sentences, s)
        rows = holders.itertuples() if len(holders) else [None]
        for holder in holders.itertuples():
            marks.setdefault(holder.statement_id, []).append("missed_condition")
        for k, holder in enumerate(rows):
            added.append({"condition_id": f"{c['article_id']}-m{s}" + (f"+{k}" if k else ""),
                          "article_id": c["article_id"], "statement_id": holder.statement_id if holder else None,
                          "sentence_id": sentence_id, "party": holder.party if holder else None, "marker": None,
                          "marker_start": None, "marker_end": None, "condition": text[s:e], "start": s, "end": e,
                          "target": None, "target_start": None, "target_end": None,
                          "category": condition_category(text[s:e], story=story), "rule": "review",
                          "corrected": "missed_condition"})
        if not len(holders):
            status.at[i, "reason"] = "applied: no statement contains it, so it counts as the journalist's own text"
    if added:
        conditions = pd.concat([conditions, pd.DataFrame(added)], ignore_index=True)
    corrected = conditions["corrected"].tolist()
    conditions = _conformed(conditions[CONDITION_COLUMNS].reset_index(drop=True), CONDITION_COLUMNS, "conditions")
    conditions["corrected"] = pd.Series(corrected, index=conditions.index, dtype=object)
    return conditions, marks


def _loose(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a frame whose text and category columns hold Python objects (None where missing), to edit row by row."""
    frame = frame.copy()
    for column in frame.columns:
        if isinstance(frame[column].dtype, (pd.CategoricalDtype, pd.StringDtype)):
            values = frame[column].astype(object)
            frame[column] = values.where(values.notna(), None)
    return frame


def _conformed(frame: pd.DataFrame, columns: list[str], name: str) -> pd.DataFrame:
    """Give a frame the declared dtypes of the cached frames, so corrected and uncorrected rows concatenate alike."""
    # a span column is kept as text here: a corrected row's span need not be sliced again
    layout = {c: "str" if LAYOUTS[name][c].startswith("span:") else LAYOUTS[name][c] for c in columns}
    frame = frame.astype({c: object for c, kind in layout.items() if kind == "str"})
    frame = frame.where(frame.notna(), None) if len(frame) else frame
    return to_frame(to_table(frame, layout, name), layout)


def _ordered(frame: pd.DataFrame, order: dict, by: str, name: str) -> pd.DataFrame:
    """Put rows back in article order (then text order within an article), with the declared dtypes."""
    rank = frame["article_id"].map(order).fillna(len(order))
    position = pd.to_numeric(frame[by], errors="coerce").fillna(-1)
    frame = frame.iloc[np.lexsort((position.to_numpy(), rank.to_numpy()))].reset_index(drop=True)
    layout = LAYOUTS[name]
    extra = [c for c in frame.columns if c not in layout]
    typed = _conformed(frame[list(layout)], list(layout), name)
    for column in extra:  # object, as the frames hold text: pandas would infer its string dtype
        typed[column] = pd.Series(frame[column].to_numpy(), index=typed.index, dtype=object)
    return typed


def _match(span: tuple, spans: list[tuple]) -> tuple[tuple | None, str]:
    """Return the span among ``spans`` a correction's span refers to, and how it was found ("" when exact)."""
    span = (int(span[0]), int(span[1]))
    if span in spans:
        return span, ""
    best = _best(*span, spans)
    if best is None:
        return None, ""
    return best, f"applied to {best[0]}–{best[1]}, where parley now finds this span"


def _best(start: int, end: int, spans) -> tuple | None:
    """Return the one span sharing at least :data:`OVERLAP` of its union with ``[start, end)``, else None."""
    scored = []
    for s, e in set((int(a), int(b)) for a, b in spans):
        shared = min(end, e) - max(start, s)
        if shared > 0:
            scored.append((shared / (max(end, e) - min(start, s)), (s, e)))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < OVERLAP or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _sentence_at(sentences: pd.DataFrame, offset: int) -> tuple[str | None, str | None]:
    """Return the id and block of the sentence an offset falls in."""
    hit = sentences[(sentences["start"] <= offset) & (sentences["end"] > offset)]
    if hit.empty:
        return None, None
    return hit["sentence_id"].iloc[0], hit["block"].iloc[0]


def _gone(row: pd.Series, folder: Path, here: dict) -> str:
    """Say why a correction's article is not among the articles: edited (its file holds other text) or absent."""
    where = row.get("path") or ""
    if where and str((folder / where).resolve()) in here:
        return (f"the article {where} was edited since this correction (its text, hence its content hash, changed): "
                "review it again")
    return ELSEWHERE + (f" ({where}: not read in this run, moved, or removed)" if where else "")


def _parties(value: str) -> list[str]:
    return [p.strip() for p in str(value or "").split(";") if p.strip()]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
