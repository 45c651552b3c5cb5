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

import csv
import hashlib
import io
import json
import re
import tomllib
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import yaml

from . import config

__all__ = ["ARTICLE_COLUMNS", "BLOCK_COLUMNS", "load_articles", "load_report", "to_blocks", "articles_from_texts"]

ARTICLE_COLUMNS = ["article_id", "path", "title", "source", "published", "url", "text", "format", "encoding"]
REPORT_COLUMNS = ["path", "status", "reason", "articles", "format", "encoding"]
BLOCK_COLUMNS = ["article_id", "block", "block_index", "start", "end", "credit"]

_FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
            ".htm": "html", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
_SIDECAR = ".meta.toml"
_FIELD_ALIASES = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article"),
    "published": ("published", "date", "published_at", "publication_date", "pubdate"),
    "source": ("source", "publisher", "outlet", "sitename"),
    "url": ("url", "link"),
}


@dataclass
class _Loaded:
    """Articles and report rows that one file produced."""

    rows: list[dict] = field(default_factory=list)
    report: list[dict] = field(default_factory=list)


class _Skip(Exception):
    """A file (or record) that cannot be loaded; the message is the reason."""


def load_articles(path_or_paths: str | Path | Iterable[str | Path]) -> pd.DataFrame:
    """Load articles from files and folders into one row per article.

    Parameters
    ----------
    path_or_paths : str, Path or iterable of them
        Files or folders (searched recursively). Supported formats: .txt, .md
        (optional YAML ``---`` or TOML ``+++`` front matter), .html, .json,
        .jsonl and .csv. A ``NAME.meta.toml`` beside a file gives its metadata
        (title, source, published, url).

    Returns
    -------
    pandas.DataFrame
        Columns ``ARTICLE_COLUMNS``. ``attrs["load_report"]`` lists every file
        seen with its status (``loaded`` or ``skipped``) and reason; read it as
        a frame with :func:`load_report`. One bad file never stops the others.
    """
    paths = [path_or_paths] if isinstance(path_or_paths, (str, Path)) else list(path_or_paths)
    rows: list[dict] = []
    report: list[dict] = []
    for path in _expand(paths, report):
        loaded = _load_file(path)
        rows.extend(loaded.rows)
        report.extend(loaded.report)
    rows = _drop_duplicates(rows, report)
    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    articles.attrs["load_report"] = report
    skipped = [r for r in report if r["status"] == "skipped"]
    if skipped:
        warnings.warn(f"{len(skipped)} of {len(report)} inputs skipped; see load_report(articles)", stacklevel=2)
    return articles


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
    rows = []
    for n, text in enumerate(texts):
        rows.append(_row(text, path=f"<text {n}>", fmt=fmt, encoding="str"))
    frame = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    frame.attrs["load_report"] = [
        {"path": r["path"], "status": "loaded", "reason": "", "articles": 1, "format": fmt, "encoding": "str"}
        for r in rows
    ]
    return frame


def article_id(text: str) -> str:
    """Return the stable identifier of an article text (first 16 hex digits of its SHA-256)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# --------------------------------------------------------------------------- files

def _expand(paths: list, report: list[dict]) -> list[Path]:
    """List the candidate files under ``paths``, reporting missing paths and empty folders."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file())
            found = [p for p in found if not p.name.endswith(_SIDECAR)]
            if not found:
                report.append(_report(path, "skipped", "folder contains no files"))
            for p in found:
                if any(part.startswith(".") for part in p.relative_to(path).parts):
                    report.append(_report(p, "skipped", "hidden file"))
                else:
                    files.append(p)
        elif path.is_file():
            files.append(path)
        else:
            report.append(_report(path, "skipped", "no such file or folder"))
    return files


def _report(path, status: str, reason: str = "", n: int = 0, fmt: str = "", encoding: str = "") -> dict:
    return {"path": str(path), "status": status, "reason": reason, "articles": n, "format": fmt, "encoding": encoding}


def _load_file(path: Path) -> _Loaded:
    """Load one file, turning every failure into a report row."""
    out = _Loaded()
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        out.report.append(_report(path, "skipped", f"unsupported file type {path.suffix or '(none)'!r}"))
        return out
    try:
        size = path.stat().st_size
        if size > config.MAX_FILE_BYTES:
            raise _Skip(f"file too large ({size / 1e6:.0f} MB > {config.MAX_FILE_BYTES / 1e6:.0f} MB)")
        raw = path.read_bytes()
        text, encoding, note = _decode(raw)
        meta = _sidecar(path)
        records = _PARSERS[fmt](text)
    except _Skip as exc:
        out.report.append(_report(path, "skipped", str(exc), fmt=fmt))
        return out
    except OSError as exc:
        out.report.append(_report(path, "skipped", f"cannot read: {exc.strerror or exc}", fmt=fmt))
        return out
    for n, record in enumerate(records):
        where = str(path) if len(records) == 1 else f"{path}#{record.get('_where', n + 1)}"
        if "_skip" in record:
            out.report.append(_report(where, "skipped", record["_skip"], fmt=fmt, encoding=encoding))
            continue
        fields = {**record, **{k: v for k, v in meta.items() if v is not None}}
        row = _row(fields.pop("text"), path=where, fmt=fmt, encoding=encoding, **fields)
        out.rows.append(row)
        out.report.append(_report(where, "loaded", note, 1, fmt, encoding))
    if not records:
        out.report.append(_report(path, "skipped", "no articles in file", fmt=fmt, encoding=encoding))
    return out


def _decode(raw: bytes) -> tuple[str, str, str]:
    """Decode bytes as UTF-8, else the detected encoding, else cp1252; return (text, encoding, note)."""
    if not raw.strip():
        raise _Skip("empty file")
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Skip("binary file (contains NUL bytes)")
    try:
        return raw.decode("utf-8-sig"), "utf-8", ""
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        text = str(best)
        if _looks_binary(text):
            raise _Skip("binary file (not text in any known encoding)")
        return text, best.encoding, f"not UTF-8: decoded as {best.encoding} (detected)"
    text = raw.decode("cp1252", errors="replace")
    if _looks_binary(text):
        raise _Skip("binary file (not text in any known encoding)")
    return text, "cp1252", "not UTF-8: decoded as cp1252 (fallback; undecodable bytes replaced)"


def _looks_binary(text: str) -> bool:
    """Say whether decoded text is mostly control characters (a binary file decoded by force)."""
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls > 0.05 * max(len(sample), 1)


def _sidecar(path: Path) -> dict:
    """Read ``NAME.meta.toml`` beside ``path`` (metadata that overrides what the file says)."""
    side = path.with_name(path.stem + _SIDECAR)
    if not side.exists():
        return {}
    try:
        meta = tomllib.loads(side.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _Skip(f"malformed metadata file {side.name}: {exc}") from exc
    return _pick_fields(meta, exclude_text=True)


def _pick_fields(record: dict, *, exclude_text: bool = False) -> dict:
    """Map a record's keys (title/headline, text/body, date/published, ...) onto our field names."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    out = {}
    for name, keys in _FIELD_ALIASES.items():
        if exclude_text and name == "text":
            continue
        for key in keys:
            value = lowered.get(key)
            if value is not None and not (isinstance(value, float) and pd.isna(value)) and str(value).strip():
                out[name] = value
                break
    return out


# --------------------------------------------------------------------------- formats

def _parse_text(text: str) -> list[dict]:
    return [{"text": text}]


_FRONT_MATTER = re.compile(r"\A(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<body>.*?)\r?\n(?P=fence)[ \t]*(?:\r?\n|\Z)", re.S)


def _parse_markdown(text: str) -> list[dict]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return [{"text": text}]
    try:
        if match["fence"] == "---":
            meta = yaml.safe_load(match["body"]) or {}
        else:
            meta = tomllib.loads(match["body"])
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        raise _Skip(f"malformed front matter: {str(exc).splitlines()[0]}") from exc
    if not isinstance(meta, dict):
        raise _Skip("malformed front matter: not a mapping of fields")
    return [{**_pick_fields(meta, exclude_text=True), "text": text[match.end():]}]


def _parse_html(text: str) -> list[dict]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                          include_tables=False, as_dict=True)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise _Skip(f"malformed HTML: {exc}") from exc
    body = (doc or {}).get("text") or ""
    if not body.strip():
        raise _Skip("malformed HTML or no article text found")
    title = (doc.get("title") or "").strip()
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    return [{**_pick_fields({"title": title, "published": doc.get("date"), "source": doc.get("sitename"),
                             "url": doc.get("url")}),
             "text": "\n".join(([title] if title else []) + lines)}]


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
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(_structured(json.loads(line), f"line {n}"))
        except json.JSONDecodeError as exc:
            out.append({"_skip": f"malformed JSON: {exc}", "_where": f"line {n}"})
    return out


def _parse_csv(text: str) -> list[dict]:
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
        head = next((b for b in _blocks(text) if b[0] == "headline"), None)
        title = text[head[1]:head[2]] if head else None
    return {"article_id": article_id(text), "path": path, "title": _clean(title), "source": _clean(source),
            "published": _iso_date(published), "url": _clean(url), "text": text, "format": fmt,
            "encoding": encoding}


def _clean(value):
    return None if value is None else str(value).strip() or None


def _iso_date(value) -> str | None:
    """Normalise a date-like value to YYYY-MM-DD; keep unparseable strings as given."""
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    stamp = pd.to_datetime(str(value), errors="coerce", utc=True)
    return str(value).strip() if pd.isna(stamp) else stamp.strftime("%Y-%m-%d")


def _drop_duplicates(rows: list[dict], report: list[dict]) -> list[dict]:
    """Keep the first of several files with identical text; report the others as skipped."""
    seen: dict[str, str] = {}
    kept = []
    for row in rows:
        first = seen.setdefault(row["article_id"], row["path"])
        if first != row["path"]:
            for entry in report:
                if entry["path"] == row["path"] and entry["status"] == "loaded":
                    entry.update(status="skipped", reason=f"duplicate of {first}", articles=0)
            continue
        kept.append(row)
    return kept


# --------------------------------------------------------------------------- blocks

_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\((?P<url>[^)\s]*)[^)\n]*\)\s*$")
_CREDIT = re.compile(r"\s*(?:Photo|Picture|Image|Credit|Photograph)s?\s*:\s*(?P<credit>[^.\n]+?)\s*(?=$|\s)", re.I)
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
    out: list[tuple[str, int, int, str | None]] = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    lines = [(s, e) for s, e in lines if text[s:e].strip()]
    seen_body = False
    for n, (s, e) in enumerate(lines):
        s, e = _strip(text, s, e)
        line = text[s:e]
        image = _IMAGE.match(line)
        if image:
            caption = _caption(text, s + image.start("alt"), s + image.end("alt"), image["url"])
            if caption:
                out.append(caption)
            continue
        heading = _HEADING.match(line)
        if heading:
            s += heading.end()
        if n == 0 and len(lines) > 1 and _is_headline(text[s:e]):
            out.append(("headline", s, e, None))
            continue
        bullet = _BULLET.match(text[s:e])
        if bullet and not seen_body and out:
            out.append(("standfirst", s + bullet.end(), e, None))
            continue
        seen_body = True
        out.append(("body", s, e, None))
    return out


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
    if credit:
        # Captions are sometimes repeated after the credit ("X. Photo: dpa X. Photo: dpa"): keep the first.
        return ("caption", *_strip(text, s, s + credit.start()), credit["credit"].strip())
    return ("caption", s, e, None)
