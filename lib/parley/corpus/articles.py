"""Load news articles from files into a tidy DataFrame, and find their blocks.

Every article row carries ``text``: the string every later offset points into.
For plain-text formats (.txt, .md) it is the file's text exactly as stored
(after the front matter of a .md file). For structured formats (.html, .json,
.jsonl, .csv) it is the headline on the first line followed by the body, one
paragraph per line, so that all formats share one block layout.

Every file seen is listed in the load report (``articles.attrs["load_report"]``,
as a frame via :func:`load_report`): loaded, or skipped with the reason.
"""
from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import io
import json
import logging
import os
import re
import tomllib
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import yaml

from ..core import config
from .identifier import identifier

__all__ = ["ARTICLE_COLUMNS", "BLOCK_COLUMNS", "NOT_ENGLISH", "OUTPUT_MARKER", "article_files", "language",
           "load_articles", "load_report", "mark_output",
           "to_blocks", "articles_from_texts"]

ARTICLE_COLUMNS = ["article_id", "path", "title", "source", "published", "url", "text", "format", "encoding",
                   "language"]
REPORT_COLUMNS = ["path", "status", "reason", "articles", "format", "encoding"]
BLOCK_COLUMNS = ["article_id", "block", "block_index", "start", "end", "credit"]

_FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
            ".htm": "html", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
_SIDECAR = ".meta.toml"
_FIELD_ALIASES = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article", "maintext"),
    "published": ("published", "date", "published_at", "publication_date", "pubdate", "date_publish",
                  "datepublished"),
    "source": ("source", "publisher", "outlet", "sitename", "source_domain"),
    "url": ("url", "link"),
}
#: Articles longer than this (characters) load with a note: probably several articles in one file.
_LONG_ARTICLE = 1_000_000
#: A file that parley puts in every folder it writes outputs to: nothing under such a folder is an article.
OUTPUT_MARKER = ".parley-output"
#: What parley writes in an output folder that has an article format: evidence tables beside charts, the manifest
#: and the report (a copy of the report elsewhere is known by its generator tag).
_OUTPUT_SUFFIXES = (".evidence.csv", ".evidence.html")
_OUTPUT_NAMES = ("report.html", "manifest.json")
_GENERATOR = b"<meta name=\"generator\" content=\"parley"
#: Language identification: the characters read, the words below which a text is too short to tell, and the
#: probability above which another language than English is believed.
_LANGUAGE_SAMPLE, _LANGUAGE_MIN_WORDS, _LANGUAGE_SURE = 2000, 8, 0.9
ENGLISH = "en"
UNDETERMINED = "und"
_QUOTED = re.compile(r'“[^”]*”|"[^"\n]*"|«[^»]*»|„[^“”]*[“”]')


@dataclass
class _Loaded:
    """Articles and report rows that one file produced."""

    rows: list[dict] = field(default_factory=list)
    report: list[dict] = field(default_factory=list)


class _Report(tuple):
    """The load report's rows; pandas deep-copies ``attrs`` into every derived frame, and this need not be."""

    def __deepcopy__(self, memo):
        return self


class _Skip(Exception):
    """A file (or record) that cannot be loaded; the message is the reason."""


def load_articles(path_or_paths: str | Path | Iterable[str | Path]) -> pd.DataFrame:
    """Load articles from files and folders into one row per article.

    Parameters
    ----------
    path_or_paths : str, Path or iterable of them
        Files or folders (searched recursively; hidden files are skipped).
        Supported formats: .txt, .md (optional YAML ``---`` or TOML ``+++``
        front matter), .html, .json, .jsonl and .csv. A ``NAME.meta.toml``
        beside a file gives its metadata (title, source, published, url).

    Returns
    -------
    pandas.DataFrame
        Columns ``ARTICLE_COLUMNS``. ``attrs["load_report"]`` lists every file
        seen with its status (``loaded`` or ``skipped``) and reason; read it as
        a frame with :func:`load_report`. One bad file never stops the others;
        a text seen twice is loaded once (the second copy is reported as a
        duplicate).
    """
    return _frame(*_load(path_or_paths))


def load_report(articles: pd.DataFrame) -> pd.DataFrame:
    """Return the load report of a frame made by :func:`load_articles`.

    Parameters
    ----------
    articles : pandas.DataFrame
        A frame returned by :func:`load_articles`.

    Returns
    -------
    pandas.DataFrame
        One row per file (or record) seen: ``path``, ``status``, ``reason``,
        ``articles`` (how many it gave), ``format``, ``encoding``.
    """
    return pd.DataFrame(articles.attrs.get("load_report", []), columns=REPORT_COLUMNS)


def articles_from_texts(texts: Iterable[str], *, fmt: str = "text") -> pd.DataFrame:
    """Build an articles frame from raw strings (one article each).

    Parameters
    ----------
    texts : iterable of str
        Article texts in the line layout of :func:`to_blocks`.
    fmt : str
        Value for the ``format`` column.

    Returns
    -------
    pandas.DataFrame
        Columns ``ARTICLE_COLUMNS``; ``path`` is ``<text N>``.
    """
    rows = [_row(text, path=f"<text {n}>", fmt=fmt, encoding="str") for n, text in enumerate(texts)]
    frame = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    frame.attrs["load_report"] = _Report(_report(r["path"], "loaded", n=1, fmt=fmt, encoding="str") for r in rows)
    return frame


def article_id(text: str) -> str:
    """Return the stable identifier of an article text (first 16 hex digits of its SHA-256)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# --------------------------------------------------------------------------- files

def _load(path_or_paths, memo: dict | None = None) -> tuple[list[dict], list[dict]]:
    """Load every file under ``path_or_paths``; return (article rows, report rows).

    ``memo`` maps a file's fingerprint (path, bytes, sidecar bytes) to what it
    loaded to; :func:`parley.analyze` keeps it on disk so unchanged files are
    not parsed again (HTML extraction and encoding detection are slow).
    """
    paths = [path_or_paths] if isinstance(path_or_paths, (str, Path)) else list(path_or_paths)
    rows: list[dict] = []
    report: list[dict] = []
    for path in _expand(paths, report):
        loaded = _load_file(path, memo)
        rows.extend(loaded.rows)
        report.extend(loaded.report)
    return _drop_duplicates(rows, report)


def _frame(rows: list[dict], report: list[dict]) -> pd.DataFrame:
    """Make the articles frame (with its load report) and warn when files were skipped."""
    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    articles.attrs["load_report"] = _Report(report)
    skipped = sum(r["status"] == "skipped" for r in report)
    if skipped:
        warnings.warn(f"{skipped} of {len(report)} inputs skipped; see load_report(articles)", stacklevel=3)
    return articles


def _expand(paths: list, report: list[dict]) -> list[Path]:
    """List the candidate files under ``paths``, reporting what cannot be an article."""
    files: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            names, kept_out = _walk(path)
            if (path / OUTPUT_MARKER).exists() and not kept_out:
                report.append(_report(path, "skipped", f"parley's own output folder (it holds {OUTPUT_MARKER}): its "
                                                       "report and charts are never read as articles"))
            for name, folder in kept_out:  # articles someone put in an output folder: listed, never lost silently
                report.append(_report(name, "skipped", f"inside parley's output folder {folder} (it holds "
                                                       f"{OUTPUT_MARKER}): not read; delete that file if the "
                                                       "folder holds articles"))
            for name in names:
                if not _visible(name[len(str(path)):]):
                    report.append(_report(name, "skipped", "hidden file"))
                else:
                    found.append(name)
            stems = {os.path.splitext(name)[0] for name in found if not name.endswith(_SIDECAR)}
            for name in found:
                if name.endswith(_SIDECAR) and name[:-len(_SIDECAR)] not in stems:
                    report.append(_report(name, "skipped", "metadata file with no article of the same name beside it"))
            found = [Path(name) for name in found if not name.endswith(_SIDECAR)]
            if not any(p.suffix.lower() in _FORMATS for p in found) and not (path / OUTPUT_MARKER).exists():
                report.append(_report(path, "skipped", "no article files in folder (supported: "
                                      + ", ".join(sorted(_FORMATS)) + ")"))
        elif path.is_file():
            found = [path]
        else:
            report.append(_report(path, "skipped", "no such file or folder"))
            continue
        for p in found:
            key = p.absolute()
            if key not in seen:  # a file named twice (itself and its folder) loads once
                seen.add(key)
                files.append(p)
    return files


def mark_output(folder) -> None:
    """Mark ``folder`` as parley's output, so that nothing under it is ever loaded as an article.

    Parameters
    ----------
    folder : str or Path
        A folder parley writes a report, charts or evidence tables to (made if missing).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / OUTPUT_MARKER
    if not marker.exists():
        with contextlib.suppress(OSError):  # a read-only folder cannot hold outputs either
            marker.write_text("parley writes its report and charts here; parley never reads this folder as "
                              "articles.\n", encoding="utf-8")


def _walk(folder: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """List the files under ``folder``, sorted, leaving out what lies in folders marked as parley's output.

    Returns the files, and ``(file, output folder)`` for each file of an
    article format inside an output folder that parley did not write there
    (a report's own files are not inputs: not listed). os.walk on strings:
    far faster than Path.rglob.
    """
    files, kept_out = [], []
    for root, dirs, names in os.walk(folder):
        if OUTPUT_MARKER in names:
            for inner, _, found in os.walk(root):
                kept_out.extend((os.path.join(inner, name), root) for name in found if not _written_by_parley(name)
                                and os.path.splitext(name)[1].lower() in _FORMATS)
            dirs[:] = []
            continue
        files.extend(os.path.join(root, name) for name in names)
    return sorted(files), sorted(kept_out)


def article_files(folder) -> list[str]:
    """List the files under ``folder`` that could be articles: an article format, not one of parley's outputs.

    Parameters
    ----------
    folder : str or Path

    Returns
    -------
    list of str
        Paths, sorted; hidden files included (a reader may still mean them).
    """
    return sorted(os.path.join(root, name) for root, _, names in os.walk(folder) for name in names
                  if os.path.splitext(name)[1].lower() in _FORMATS and not _written_by_parley(name)
                  and not name.endswith(_SIDECAR))


def _written_by_parley(name: str) -> bool:
    """Say whether a file name is one parley gives its outputs (report, manifest, evidence tables)."""
    return name in _OUTPUT_NAMES or name.endswith(_OUTPUT_SUFFIXES)


def _visible(relative: str) -> bool:
    """Say whether no part of a path below the folder is hidden (starts with a dot)."""
    return not any(part.startswith(".") for part in relative.split(os.sep))


def _report(path, status: str, reason: str = "", n: int = 0, fmt: str = "", encoding: str = "") -> dict:
    return {"path": str(path), "status": status, "reason": reason, "articles": n, "format": fmt, "encoding": encoding}


def _load_file(path: Path, memo: dict | None = None) -> _Loaded:
    """Load one file, turning every failure into a report row."""
    fmt = _FORMATS.get(path.suffix.lower())
    if path.name.endswith(_SIDECAR):
        return _Loaded(report=[_report(path, "skipped", "metadata file, not an article (it describes the file "
                                             "of the same name)")])
    if fmt is None:
        return _Loaded(report=[_report(path, "skipped", f"unsupported file type {path.suffix or '(none)'!r}")])
    if path.name.endswith(_OUTPUT_SUFFIXES):
        return _Loaded(report=[_report(path, "skipped", "an evidence table parley wrote beside a chart, not an "
                                                        "article", fmt=fmt)])
    side = path.with_name(path.stem + _SIDECAR)
    try:
        size = path.stat().st_size
        if size > config.MAX_FILE_BYTES:
            return _Loaded(report=[_report(path, "skipped", f"file too large ({size / 1e6:.0f} MB > "
                                                            f"{config.MAX_FILE_BYTES / 1e6:.0f} MB)", fmt=fmt)])
        raw = path.read_bytes()
    except OSError as exc:
        return _Loaded(report=[_report(path, "skipped", f"cannot read: {exc.strerror or exc}", fmt=fmt)])
    if fmt == "html" and _GENERATOR in raw[:4096]:
        return _Loaded(report=[_report(path, "skipped", "a report parley wrote, not an article", fmt=fmt)])
    try:
        side_raw = side.read_bytes()
    except OSError:  # no sidecar (the usual case)
        side_raw = None
    if memo is None:
        return _parse_file(path, fmt, raw, side, side_raw)
    key = hashlib.sha256(b"\0".join([str(path).encode("utf-8", "surrogateescape"), raw, side_raw or b""]))
    key = key.hexdigest() + ("+" if side_raw is not None else "")
    if key not in memo:
        memo[key] = _parse_file(path, fmt, raw, side, side_raw)
    return memo[key]


def _parse_file(path: Path, fmt: str, raw: bytes, side: Path, side_raw: bytes | None) -> _Loaded:
    """Decode and parse one file's bytes into article rows and report rows."""
    out = _Loaded()
    try:
        text, encoding, note = _decode(raw)
        records = _PARSERS[fmt](text)
    except _Skip as exc:
        out.report.append(_report(path, "skipped", str(exc), fmt=fmt))
        return out
    meta, side_note = _sidecar(side, side_raw)
    for n, record in enumerate(records):
        where = str(path) if len(records) == 1 else f"{path}#{record.get('_where', n + 1)}"
        if "_skip" in record:
            out.report.append(_report(where, "skipped", record["_skip"], fmt=fmt, encoding=encoding))
            continue
        # The sidecar describes a single-article file; for a collection it only fills gaps.
        fields = {**record, **meta} if len(records) == 1 else {**meta, **record}
        row = _row(fields.pop("text"), path=where, fmt=fmt, encoding=encoding, **fields)
        row["language"] = language(row["text"])
        if row["language"] not in (ENGLISH, UNDETERMINED):
            out.report.append(_report(where, "skipped", f"{row['language']}: {NOT_ENGLISH}", fmt=fmt,
                                      encoding=encoding))
            continue
        notes = [note, record.get("_note", ""), side_note, _date_note(row["published"])]
        if len(row["text"]) > _LONG_ARTICLE:
            notes.append(f"very long for one article ({len(row['text']) / 1e6:.1f} million characters): "
                         "check the file does not hold several articles")
        out.rows.append(row)
        out.report.append(_report(where, "loaded", "; ".join(n for n in notes if n), 1, fmt, encoding))
    if not records:
        out.report.append(_report(path, "skipped", "no articles in file", fmt=fmt, encoding=encoding))
    return out


#: Why an article in another language is not analysed (after its language code in the load report).
NOT_ENGLISH = "parley reads English news; not analysed"


def language(text: str) -> str:
    """Return the language of an article: an ISO 639-1 code, or ``"und"`` when it is too short to tell.

    py3langid (a maintained langid.py, offline, deterministic) reads the
    first characters; another language than English counts only when the
    identifier is sure of it, so English with foreign names stays English.
    """
    sample = _QUOTED.sub(" ", text[:_LANGUAGE_SAMPLE])  # a foreign quote in an English report is still English
    if len(sample.split()) < _LANGUAGE_MIN_WORDS:
        return UNDETERMINED
    code, probability = _identifier().classify(sample)
    if code == ENGLISH:
        return ENGLISH
    return code if probability >= _LANGUAGE_SURE else UNDETERMINED


@functools.cache
def _identifier():
    """Load the language model once per process (about half a second), only when a new file is read."""
    return identifier()


def _decode(raw: bytes) -> tuple[str, str, str]:
    """Decode bytes as UTF-8, else cp1252, else the detected encoding; return (text, encoding, note)."""
    if not raw.strip():
        raise _Skip("empty file" if not raw else "empty file (only whitespace)")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16", ""
        except UnicodeDecodeError as exc:
            raise _Skip(f"not valid UTF-16 despite its byte-order mark: {exc.reason}") from exc
    if b"\x00" in raw[:8192]:
        raise _Skip("binary file (contains NUL bytes)")
    try:
        return raw.decode("utf-8-sig"), "utf-8", ""
    except UnicodeDecodeError:
        pass
    # Western text is the common non-UTF-8 case (Windows "smart quotes", Latin-1 accents); detectors
    # mistake short samples of it for cp775 or cp1250, so cp1252 goes first when it reads as Latin script.
    try:
        text = raw.decode("cp1252")
        if _latin_script(text):
            return text, "cp1252", "not UTF-8: decoded as cp1252 (Windows-1252/Latin-1 fallback)"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is not None and not _looks_binary(str(best)):
        return str(best), best.encoding, f"not UTF-8: decoded as {best.encoding} (detected)"
    raise _Skip("binary file (not text in any known encoding)")


def _latin_script(text: str) -> bool:
    """Say whether text is readable Latin script: few control characters, mostly ASCII letters."""
    sample = text[:20000]
    letters = [ch for ch in sample if ch.isalpha()]
    return not _looks_binary(sample) and sum(not ch.isascii() for ch in letters) <= 0.3 * len(letters)


def _looks_binary(text: str) -> bool:
    """Say whether decoded text is mostly control characters (a binary file decoded by force)."""
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls > 0.05 * max(len(sample), 1)


def _sidecar(side: Path, raw: bytes | None) -> tuple[dict, str]:
    """Read ``NAME.meta.toml`` (metadata that overrides what the file says); return (fields, note)."""
    if raw is None:
        return {}, ""
    try:
        meta = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return {}, f"metadata file {side.name} ignored: malformed TOML ({exc})"
    return _pick_fields(meta, exclude_text=True), f"metadata from {side.name}"


def _pick_fields(record: dict, *, exclude_text: bool = False) -> dict:
    """Map a record's keys (title/headline, text/body, date/published, ...) onto our field names."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    out = {}
    for name, keys in _FIELD_ALIASES.items():
        if exclude_text and name == "text":
            continue
        for key in keys:
            value = lowered.get(key)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                value = "\n".join(value)  # a body given as a list of paragraphs
            if value is not None and not (isinstance(value, float) and pd.isna(value)) and str(value).strip():
                out[name] = value
                break
    return out


# --------------------------------------------------------------------------- formats

def _parse_text(text: str) -> list[dict]:
    return [{"text": text}]


_FRONT_MATTER = re.compile(
    r"\A(?P<fence>---|\+\+\+)[ \t]*\r?\n(?:(?P<body>.*?)\r?\n)?(?P=fence)[ \t]*(?:\r?\n|\Z)", re.S)


def _parse_markdown(text: str) -> list[dict]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return [{"text": text}]
    body = text[match.end():]
    try:
        if match["fence"] == "---":
            meta = yaml.safe_load(match["body"] or "") or {}
        else:
            meta = tomllib.loads(match["body"] or "")
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        return [{"text": body, "_note": f"front matter ignored: malformed ({str(exc).splitlines()[0]})"}]
    if not isinstance(meta, dict):
        return [{"text": body, "_note": "front matter ignored: not a mapping of fields"}]
    return [{**_pick_fields(meta, exclude_text=True), "text": body}]


def _parse_html(text: str) -> list[dict]:
    import trafilatura

    try:
        with _quiet("trafilatura"):  # its errors on broken markup become the skip reason, not log noise
            doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                              include_tables=False)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise _Skip(f"malformed HTML: {exc}") from exc
    body = (doc.text if doc is not None else None) or ""
    if not body.strip():
        raise _Skip("malformed HTML or no article text found")
    title = (doc.title or "").strip()
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    fields = _pick_fields({"title": title, "published": doc.date, "source": doc.sitename, "url": doc.url})
    return [{**fields, "text": "\n".join(([title] if title else []) + lines)}]


@contextlib.contextmanager
def _quiet(name: str):
    """Silence a library's logger for the block."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def _structured(record, where) -> dict:
    """Turn one JSON/CSV record into an article record (or a skip)."""
    if not isinstance(record, dict):
        return {"_skip": f"record is a {type(record).__name__}, not an object with a text field", "_where": where}
    fields = _pick_fields(record)
    body = fields.pop("text", None)
    if not isinstance(body, str) or not body.strip():
        return {"_skip": "record has no text (expected a text/body/content field)", "_where": where}
    title = str(fields.get("title", "")).strip()
    first = body.lstrip().split("\n", 1)[0].strip()
    text = body if not title or first == title else f"{title}\n{body}"
    return {**fields, "text": text, "_where": where}


def _parse_json(text: str) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Skip(f"malformed JSON: {exc}") from exc
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    items = data if isinstance(data, list) else [data]
    return [_structured(item, n + 1) for n, item in enumerate(items)]


def _parse_jsonl(text: str) -> list[dict]:
    out = []
    # Split on "\n" only: JSON strings may hold a raw U+2028, which str.splitlines() would cut.
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            out.append(_structured(json.loads(line), f"line {n}"))
        except json.JSONDecodeError as exc:
            out.append({"_skip": f"malformed JSON: {exc}", "_where": f"line {n}"})
    return out


def _parse_csv(text: str) -> list[dict]:
    # One article per field: a long article must not trip the csv module's default 128 KB field limit.
    csv.field_size_limit(max(csv.field_size_limit(), config.MAX_FILE_BYTES))
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        records = list(reader)
    except csv.Error as exc:
        raise _Skip(f"malformed CSV: {exc}") from exc
    if not reader.fieldnames or not _pick_fields({k: "x" for k in reader.fieldnames}).get("text"):
        raise _Skip("CSV has no text/body/content column")
    return [_structured(record, f"row {n}") for n, record in enumerate(records, 2)]


_PARSERS = {"text": _parse_text, "markdown": _parse_markdown, "html": _parse_html, "json": _parse_json,
            "jsonl": _parse_jsonl, "csv": _parse_csv}


def _row(text: str, *, path: str, fmt: str, encoding: str, title=None, source=None, published=None, url=None,
         **_ignored) -> dict:
    """Make one article row; the title falls back to the headline block."""
    if title is None:
        first = next(_iter_blocks(text), None)  # only the first block is needed: do not scan a long text
        title = text[first[1]:first[2]] if first and first[0] == "headline" else None
    return {"article_id": article_id(text), "path": path, "title": _clean(title), "source": _clean(source),
            "published": _iso_date(published), "url": _clean(url), "text": text, "format": fmt,
            "encoding": encoding, "language": None}


def _clean(value):
    return None if value is None else str(value).strip() or None


_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def _iso_date(value) -> str | None:
    """Normalise a date-like value to YYYY-MM-DD (the date where it was published); keep unparseable strings."""
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    value = str(value).strip()
    if _ISO_DATE.match(value):  # fast path, and keeps the local date of "2024-01-25T01:00+08:00"
        return value[:10]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "could not infer format" is expected for free-form dates
        stamp = pd.to_datetime(value, errors="coerce")
    return (value or None) if pd.isna(stamp) else stamp.strftime("%Y-%m-%d")


def _date_note(published: str | None) -> str:
    """Say in the load report when an article has no usable date (timelines list it as undated, not drop it)."""
    if published is None:
        return "no publication date (published is empty; give one in front matter, NAME.meta.toml or a date field)"
    if not _ISO_DATE.fullmatch(published):
        return f"publication date {published!r} not understood: kept as given, not as YYYY-MM-DD"
    return ""


def _drop_duplicates(rows: list[dict], report: list[dict]) -> tuple[list[dict], list[dict]]:
    """Keep the first of several articles with identical text; report the others as duplicates."""
    first: dict[str, str] = {}
    dupes: dict[str, str] = {}
    kept = []
    for row in rows:
        if row["article_id"] in first:
            dupes[row["path"]] = first[row["article_id"]]
        else:
            first[row["article_id"]] = row["path"]
            kept.append(row)
    # New dicts, not updates: report rows may be shared with the load cache.
    report = [{**r, "status": "skipped", "reason": f"duplicate of {dupes[r['path']]} (same text)", "articles": 0}
              if r["status"] == "loaded" and r["path"] in dupes else r for r in report]
    return kept, report


# --------------------------------------------------------------------------- blocks

_LINE = re.compile(f"[^{config.LINE_BREAKS}]+")
_NONSPACE = re.compile(r"\S")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\((?P<url>[^)\s]*)[^)\n]*\)\s*$")
# Capitalised only: "Photo: AFP" is a credit, "a satellite image: the base" is not.
_CREDIT = re.compile(r"\b(?:Photo(?:graph)?|Picture|Image|Credit|PHOTO|IMAGE)s?\s*:\s*")
_PLACEHOLDER_ALT = {"", "loading", "image", "placeholder", "spinner", "photo"}
_HEADING = re.compile(r"#{1,6}[ \t]+")
_BULLET = re.compile(r"[-*•][ \t]+")


def to_blocks(articles: pd.DataFrame) -> pd.DataFrame:
    """List the blocks (headline, standfirst, caption, body) of each article.

    The layout is line based: the first line is the headline when it is short
    and not the only line; ``- `` bullet lines right after it are the
    standfirst; ``![caption](url)`` lines are image captions (a trailing
    ``Photo: AFP`` becomes the ``credit``; placeholders such as
    ``![loading](...gif)`` are dropped as boilerplate); every other non-empty
    line is a body paragraph.

    Parameters
    ----------
    articles : pandas.DataFrame
        A frame with ``article_id`` and ``text``.

    Returns
    -------
    pandas.DataFrame
        Columns ``BLOCK_COLUMNS``; ``start``/``end`` are offsets into the
        article text with ``text[start:end]`` the block's text.
    """
    rows = [
        {"article_id": aid, "block": kind, "block_index": n, "start": s, "end": e, "credit": credit}
        for aid, text in zip(articles["article_id"], articles["text"])
        for n, (kind, s, e, credit) in enumerate(_blocks(text))
    ]
    return pd.DataFrame(rows, columns=BLOCK_COLUMNS).astype({"block_index": "int64", "start": "int64", "end": "int64"})


def _blocks(text: str) -> list[tuple[str, int, int, str | None]]:
    """Split one article text into (kind, start, end, credit) blocks."""
    return list(_iter_blocks(text))


def _iter_blocks(text: str) -> Iterator[tuple[str, int, int, str | None]]:
    """Yield the (kind, start, end, credit) blocks of one article text, in order."""
    first, seen_body, any_block = True, False, False
    for line in _LINE.finditer(text):
        s, e = _strip(text, *line.span())
        if s == e:
            continue
        is_first, first = first, False
        image = _IMAGE.match(text, s, e)
        if image:
            caption = _caption(text, image.start("alt"), image.end("alt"), image["url"])
            if caption:
                any_block = True
                yield caption
            continue
        heading = _HEADING.match(text, s, e)
        if heading:
            s = heading.end()
        if is_first and _NONSPACE.search(text, e) and _is_headline(text[s:e]):
            any_block = True
            yield "headline", s, e, None
            continue
        bullet = _BULLET.match(text, s, e)
        if bullet and not seen_body and any_block:
            yield "standfirst", bullet.end(), e, None
            continue
        seen_body = any_block = True
        yield "body", s, e, None


def _is_headline(line: str) -> bool:
    return len(line.split()) <= 30 and not line.rstrip().endswith((".", ".”", '."'))


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _caption(text: str, s: int, e: int, url: str):
    """Make a caption block from an image's alt text, splitting off the photo credit."""
    s, e = _strip(text, s, e)
    alt = text[s:e]
    if alt.lower() in _PLACEHOLDER_ALT or url.lower().endswith((".gif", ".svg")) and len(alt.split()) < 3:
        return None
    credit = _CREDIT.search(alt)
    if not credit:
        return "caption", s, e, None
    cs, ce = _strip(text, s, s + credit.start())
    if cs == ce:
        return None  # only a credit, no caption text
    rest = alt[credit.end():]
    # Captions are sometimes repeated after the credit ("X. Photo: dpa X. Photo: dpa"): keep the first.
    repeat = rest.find(text[cs:ce])
    name = (rest[:repeat] if repeat >= 0 else rest).strip().rstrip(".").strip()
    return "caption", cs, ce, name or None
