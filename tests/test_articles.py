"""Tests for parley.articles: loading files into articles, the load report, and blocks.

Fixture articles in tests/fixtures/articles/ are invented for these tests (fictional
countries, fictional outlets); bad inputs are generated in tmp_path.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from parley import load_articles, load_report, to_blocks, to_sentences
from parley.corpus import articles as loader
from parley.corpus.articles import (ARTICLE_COLUMNS, BLOCK_COLUMNS, NOT_ENGLISH, OUTPUT_MARKER, REPORT_COLUMNS,
                                    article_id, articles_from_texts, language, mark_output)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "000_ed59ce91eebbf266.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
FIXTURE_NOTE = "invented test fixture for parley"

# Skipped files warn; each test that cares asserts the report instead.
pytestmark = pytest.mark.filterwarnings("ignore:.*inputs skipped:UserWarning")


def _blocks_of(articles: pd.DataFrame, n: int = 0) -> list[tuple[str, str, str | None]]:
    """Return the (block, text, credit) triples of article ``n``."""
    text = articles["text"].iloc[n]
    blocks = to_blocks(articles.iloc[[n]])
    return [(b.block, text[b.start:b.end], None if pd.isna(b.credit) else b.credit) for b in blocks.itertuples()]


def _one(path: Path) -> tuple[pd.DataFrame, dict]:
    """Load one path; return the articles and its only report row."""
    articles = load_articles(path)
    report = load_report(articles)
    assert len(report) == 1, report
    return articles, report.iloc[0].to_dict()


# --------------------------------------------------------------------------- the seed (golden test)

@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return load_articles(SEED)


def test_seed_metadata_comes_from_the_sidecar(seed):
    row = seed.iloc[0]
    assert list(seed.columns) == ARTICLE_COLUMNS
    assert len(seed) == 1
    assert row["title"] == "US, Iraq to discuss timeline to reduce coalition troops: Baghdad"
    assert row["source"] == "South China Morning Post"
    assert row["published"] == "2024-01-25"
    assert (row["format"], row["encoding"]) == ("text", "utf-8")
    assert row["text"] == SEED.read_text(encoding="utf-8")  # byte for byte as stored
    assert load_report(seed)["reason"].tolist() == ["metadata from 000_ed59ce91eebbf266.meta.toml"]


def test_seed_article_id_is_stable(seed):
    assert seed["article_id"].iloc[0] == "2bce4d96f1cb4943"  # a change here invalidates every cache and id
    assert article_id(SEED.read_text(encoding="utf-8")) == "2bce4d96f1cb4943"
    assert articles_from_texts([seed["text"].iloc[0]])["article_id"].iloc[0] == "2bce4d96f1cb4943"


def test_seed_blocks(seed):
    blocks = _blocks_of(seed)
    assert [b[0] for b in blocks] == ["headline", "standfirst", "standfirst", "caption", "caption"] + ["body"] * 4
    assert blocks[0][1] == "US, Iraq to discuss timeline to reduce coalition troops: Baghdad"
    standfirst = [text for kind, text, _ in blocks if kind == "standfirst"]
    assert standfirst[0].startswith("Announcement comes as US forces have struck")
    assert standfirst[1].startswith("US Defence Secretary Lloyd Austin confirmed meetings")
    assert not any(text.startswith("-") for text in standfirst)


def test_seed_captions_have_credits_and_no_repeat(seed):
    captions = [(text, credit) for kind, text, credit in _blocks_of(seed) if kind == "caption"]
    assert [credit for _, credit in captions] == ["AFP", "dpa"]
    assert captions[0][0].startswith("A paramilitary of the Hashed al-shaabi")
    assert captions[0][0].endswith("Iraq on Thursday.")
    assert captions[1][0] == "Iraqi Prime Minister Mohammed Shia al-Sudani."


def test_seed_loading_placeholder_is_dropped(seed):
    texts = [text for _, text, _ in _blocks_of(seed)]
    assert "![loading]" in seed["text"].iloc[0]
    assert not any("loading" in t or "](" in t or ".gif" in t for t in texts)
    assert texts[-1].startswith("The meetings would")


def test_seed_sentences_point_into_the_text(seed):
    sentences = to_sentences(seed)
    text = seed["text"].iloc[0]
    assert len(sentences) > 0
    assert all(text[s:e] == t for s, e, t in zip(sentences["start"], sentences["end"], sentences["text"]))
    assert sentences["sentence_id"].is_unique
    assert sentences.groupby("block", sort=False)["block_index"].nunique().to_dict() == {
        "headline": 1, "standfirst": 2, "caption": 2, "body": 4}
    credits = sentences.loc[sentences["block"] == "caption"].groupby("block_index")["credit"].first()
    assert credits.tolist() == ["AFP", "dpa"]


# --------------------------------------------------------------------------- formats

FORMATS = [
    # file, format, [(title, source, published, url)] per article
    ("plain.txt", "text", [("Freedonia and Sylvania agree to talks on border patrols", None, None, None)]),
    ("front_yaml.md", "markdown", [("Sylvania sets out conditions for a new trade deal", "The Fixture Gazette",
                                    "2024-02-10", "https://example.org/fixture/sylvania-trade")]),
    ("front_toml.md", "markdown", [("Freedonia announces a review of its river treaty", "The Fixture Herald",
                                    "2024-03-01", None)]),
    ("page.html", "html", [("Freedonia and Sylvania open water talks", "The Fixture Times", "2024-04-02",
                            "https://example.org/fixture/water-talks")]),
    # The local date of "2024-05-06T23:30:00-05:00", not the UTC one.
    ("one.json", "json", [("Sylvania recalls its ambassador for consultations", "The Fixture Wire", "2024-05-06",
                           "https://example.org/fixture/ambassador")]),
    ("list.json", "json", [("Freedonia lifts a ban on grain exports", "The Fixture Wire", "2024-05-06", None),
                           ("Sylvania welcomes the grain decision", None, "2024-05-07", None)]),
    ("wrapped.json", "json", [("Freedonia names a new envoy", "The Fixture Post", "2024-06-01",
                               "https://example.org/fixture/envoy")]),
    ("records.jsonl", "jsonl", [("Sylvania and Freedonia sign a fishing accord", "The Fixture Wire", "2024-07-01",
                                 "https://example.org/fixture/fishing"),
                                ("Freedonia delays a vote on the accord", "The Fixture Ledger", "2024-07-03", None)]),
    ("table.csv", "csv", [("Sylvania opens a consulate in the capital", "The Fixture Courier", "2024-08-01",
                           "https://example.org/fixture/consulate"),
                          ("Freedonia, Sylvania agree a visa waiver", "The Fixture Courier", "2024-08-02", None)]),
    # The sidecar overrides the headline as title and supplies the rest.
    ("sidecar.txt", "text", [("Freedonia's president promises a reply", "The Fixture Observer", "2024-09-09",
                              "https://example.org/fixture/reply")]),
]


def _none(value):
    return None if pd.isna(value) else value


@pytest.mark.parametrize(("name", "fmt", "expected"), FORMATS)
def test_format_loads_metadata(name, fmt, expected):
    articles = load_articles(FIXTURES / name)
    got = [tuple(_none(v) for v in row) for row in articles[["title", "source", "published", "url"]].itertuples(
        index=False)]
    assert got == expected
    assert set(articles["format"]) == {fmt}
    assert (load_report(articles)["status"] == "loaded").all()


@pytest.mark.parametrize(("name", "fmt", "expected"), FORMATS)
def test_load_report_notes_an_article_without_a_date(name, fmt, expected):
    report = load_report(load_articles(FIXTURES / name))
    undated = [published is None for _, _, published, _ in expected]
    assert report["reason"].str.contains("no publication date").tolist() == undated


@pytest.mark.parametrize(("front", "published", "note"), [
    ("published: 2024-03-04", "2024-03-04", ""),
    ("date: 4 March 2024", "2024-03-04", ""),
    ("title: Fixture headline", None, "no publication date"),
    ("published: sometime in spring", "sometime in spring", "publication date 'sometime in spring' not understood"),
])
def test_date_note_in_the_load_report(tmp_path, front, published, note):
    (tmp_path / "a.md").write_text(f"---\n{front}\n---\nFixture headline\n\nInvented paragraph.\n",
                                   encoding="utf-8")
    articles = load_articles(tmp_path)
    assert _none(articles["published"].iloc[0]) == published
    reason = load_report(articles)["reason"].iloc[0]
    assert reason.startswith(note) if note else reason == ""


@pytest.mark.parametrize(("name", "fmt", "expected"), FORMATS)
def test_format_gives_headline_then_body(name, fmt, expected):
    """Every format shares the block layout: headline first, the body after it, offsets exact."""
    articles = load_articles(FIXTURES / name)
    for n in range(len(articles)):
        blocks = _blocks_of(articles, n)
        assert blocks[0][0] == "headline"
        assert any(FIXTURE_NOTE in text.lower() for _, text, _ in blocks)
        assert blocks[-1][0] == "body"
        assert not any(marker in text for _, text, _ in blocks for marker in ("---", "+++", "<p>", "\r"))
    sentences = to_sentences(articles)
    texts = dict(zip(articles["article_id"], articles["text"]))
    assert all(texts[a][s:e] == t for a, s, e, t in sentences[["article_id", "start", "end", "text"]].itertuples(
        index=False))


def test_folder_of_fixtures_loads_everything():
    articles = load_articles(FIXTURES)
    report = load_report(articles)
    assert list(report.columns) == REPORT_COLUMNS
    assert len(articles) == sum(len(expected) for _, _, expected in FORMATS)
    assert (report["status"] == "loaded").all()  # the sidecar is metadata, not a skipped file
    assert articles["article_id"].is_unique


def test_markdown_heading_and_front_matter_are_not_in_blocks():
    articles = load_articles(FIXTURES / "front_yaml.md")
    text = articles["text"].iloc[0]
    assert text.startswith("# Sylvania sets out")  # the text after the front matter, as stored
    assert _blocks_of(articles)[0] == ("headline", "Sylvania sets out conditions for a new trade deal", None)


def test_html_keeps_article_paragraphs_and_drops_page_furniture():
    articles = load_articles(FIXTURES / "page.html")
    blocks = _blocks_of(articles)
    assert [kind for kind, _, _ in blocks] == ["headline", "body", "body", "body"]
    assert blocks[2][1].startswith("“We will share the river’s water fairly")
    assert "All rights reserved" not in articles["text"].iloc[0]
    assert "Sport" not in articles["text"].iloc[0]


def test_json_body_given_as_paragraph_list_is_joined():
    articles = load_articles(FIXTURES / "list.json")
    assert articles["text"].iloc[0].split("\n") == [
        "Freedonia lifts a ban on grain exports",
        "This is an invented test fixture for parley, not a real news report.",
        "Freedonia said the ban would be lifted unless prices rose again."]


def test_csv_unescapes_doubled_quotes():
    articles = load_articles(FIXTURES / "table.csv")
    assert '"in the coming weeks"' in articles["text"].iloc[0]
    assert load_report(articles)["path"].str.endswith(("#row 2", "#row 3")).all()


def test_sidecar_caption_credit_and_placeholder():
    articles = load_articles(FIXTURES / "sidecar.txt")
    blocks = _blocks_of(articles)
    assert [kind for kind, _, _ in blocks] == ["headline", "standfirst", "standfirst", "caption", "body"]
    assert blocks[3] == ("caption", "The Freedonian presidential palace in the fictional capital.",
                         "Fixture Pictures")
    assert load_report(articles)["reason"].iloc[0] == "metadata from sidecar.meta.toml"


@pytest.mark.parametrize(("front", "title"), [
    ("---\ntitle: Fixture headline\n---\n", "Fixture headline"),
    ("+++\ntitle = \"Fixture headline\"\n+++\n", "Fixture headline"),
    ("---\n---\n", "Fixture body headline"),  # empty front matter
])
def test_front_matter_variants(tmp_path, front, title):
    path = tmp_path / "a.md"
    path.write_text(front + "Fixture body headline\nAn invented fixture paragraph.\n", encoding="utf-8")
    articles, report = _one(path)
    assert articles["title"].iloc[0] == title
    assert articles["text"].iloc[0] == "Fixture body headline\nAn invented fixture paragraph.\n"
    assert report["status"] == "loaded"


def test_malformed_front_matter_is_ignored_with_a_note(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: [unclosed\n---\nFixture headline\nAn invented fixture paragraph.\n",
                    encoding="utf-8")
    articles, report = _one(path)
    assert articles["text"].iloc[0] == "Fixture headline\nAn invented fixture paragraph.\n"
    assert report["status"] == "loaded"
    assert report["reason"].startswith("front matter ignored: malformed")


def test_malformed_sidecar_is_ignored_with_a_note(tmp_path):
    (tmp_path / "a.txt").write_text("Fixture headline\nAn invented fixture paragraph.\n", encoding="utf-8")
    (tmp_path / "a.meta.toml").write_text("title = 'unclosed\n", encoding="utf-8")
    articles, report = _one(tmp_path / "a.txt")
    assert articles["title"].iloc[0] == "Fixture headline"
    assert report["status"] == "loaded"
    assert report["reason"].startswith("metadata file a.meta.toml ignored: malformed TOML")


def test_sidecar_only_fills_gaps_in_a_collection(tmp_path):
    records = [{"title": "Fixture one", "text": "Invented text one.", "source": "Own Source"},
               {"title": "Fixture two", "text": "Invented text two."}]
    (tmp_path / "c.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "c.meta.toml").write_text('source = "Fixture Wire"\ntitle = "Not for every record"\n',
                                          encoding="utf-8")
    articles = load_articles(tmp_path / "c.json")
    assert articles["title"].tolist() == ["Fixture one", "Fixture two"]
    assert articles["source"].tolist() == ["Own Source", "Fixture Wire"]


def test_utf8_bom_and_crlf(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffFixture headline\r\n- A fixture standfirst\r\nAn invented paragraph.\r\n".encode())
    articles, report = _one(path)
    text = articles["text"].iloc[0]
    assert text.startswith("Fixture headline\r\n")  # the BOM is not part of the text
    assert _blocks_of(articles) == [("headline", "Fixture headline", None),
                                    ("standfirst", "A fixture standfirst", None),
                                    ("body", "An invented paragraph.", None)]


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Fixture headline\nAn invented paragraph about a café.\n".encode("utf-16"))
    articles, report = _one(path)
    assert (report["status"], report["encoding"]) == ("loaded", "utf-16")
    assert "café" in articles["text"].iloc[0]


# --------------------------------------------------------------------------- blocks

BLOCKS = [
    ("Fixture headline\nA paragraph.", [("headline", "Fixture headline", None), ("body", "A paragraph.", None)]),
    # A lone line is body; so is a first line that reads like a sentence.
    ("Just one line", [("body", "Just one line", None)]),
    ("A first sentence.\nA second one.", [("body", "A first sentence.", None), ("body", "A second one.", None)]),
    ("## Fixture headline\n\n* First point\n* Second point\n\nBody text.",
     [("headline", "Fixture headline", None), ("standfirst", "First point", None),
      ("standfirst", "Second point", None), ("body", "Body text.", None)]),
    # Bullets after the body has started are body paragraphs.
    ("Fixture headline\nBody text.\n- a later list item",
     [("headline", "Fixture headline", None), ("body", "Body text.", None), ("body", "- a later list item", None)]),
    ("Fixture headline\n![A fixture minister speaks. Photo: Getty Images](x.jpg)\nBody.",
     [("headline", "Fixture headline", None), ("caption", "A fixture minister speaks.", "Getty Images"),
      ("body", "Body.", None)]),
    ("Fixture headline\n![A fixture map of the region](x.png \"map\")\nBody.",
     [("headline", "Fixture headline", None), ("caption", "A fixture map of the region", None),
      ("body", "Body.", None)]),
    ("Fixture headline\n![A satellite image: the fixture base. PHOTO: Maxar](x.jpg)\nBody.",
     [("headline", "Fixture headline", None), ("caption", "A satellite image: the fixture base.", "Maxar"),
      ("body", "Body.", None)]),
    ("Fixture headline\n![X waves. Photo: Reuters. X waves. Photo: Reuters.](x.jpg)\nBody.",
     [("headline", "Fixture headline", None), ("caption", "X waves.", "Reuters"), ("body", "Body.", None)]),
    # Placeholders and credit-only images are boilerplate.
    ("Fixture headline\n![loading](a.gif)\n![](b.jpg)\n![spinner icon](c.svg)\n![Photo: AFP](d.jpg)\nBody.",
     [("headline", "Fixture headline", None), ("body", "Body.", None)]),
    ("\n\n  Fixture headline  \n\n   Body.  \n", [("headline", "Fixture headline", None), ("body", "Body.", None)]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), BLOCKS)
def test_blocks(text, expected):
    articles = articles_from_texts([text])
    blocks = to_blocks(articles)
    assert list(blocks.columns) == BLOCK_COLUMNS
    assert _blocks_of(articles) == expected if expected else blocks.empty


# --------------------------------------------------------------------------- bad input, one file each

def _skipped(path: Path, reason_start: str) -> None:
    articles = load_articles(path)
    report = load_report(articles)
    assert articles.empty
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert report["status"].tolist() == ["skipped"]
    assert report["reason"].iloc[0].startswith(reason_start), report["reason"].iloc[0]


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    _skipped(tmp_path / "empty.txt", "empty file")


def test_whitespace_only_file(tmp_path):
    (tmp_path / "blank.md").write_bytes(b" \n\t\r\n  \n")
    _skipped(tmp_path / "blank.md", "empty file (only whitespace)")


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x1f\x15\xc4\x89" * 8


def test_binary_file_with_text_extension(tmp_path):
    (tmp_path / "picture.txt").write_bytes(PNG)
    _skipped(tmp_path / "picture.txt", "binary file")


def test_binary_file_without_nul_bytes(tmp_path):
    (tmp_path / "noise.txt").write_bytes(bytes(range(1, 32)) * 20 + bytes(range(0x80, 0x100)) * 5)
    _skipped(tmp_path / "noise.txt", "binary file")


@pytest.mark.parametrize(("encoding", "text"), [
    ("cp1252", "Fixture headline\nThe minister said “we will see” about the café — it’s naïve.\n"),
    ("latin-1", "Fixture headline\nThe minister said «we will see» about the café in Zürich.\n"),
])
def test_legacy_encoding_is_decoded_with_a_recorded_fallback(tmp_path, encoding, text):
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(UnicodeDecodeError):
        path.read_text(encoding="utf-8")
    articles, report = _one(path)
    assert articles["text"].iloc[0] == text
    assert (report["status"], report["encoding"]) == ("loaded", "cp1252")
    assert articles["encoding"].iloc[0] == "cp1252"
    assert "not UTF-8" in report["reason"] and "cp1252" in report["reason"]


def test_non_latin_legacy_encoding_is_detected(tmp_path):
    text = "Заголовок статьи\nМинистр сказал, что переговоры продолжатся в понедельник.\n" * 3
    path = tmp_path / "cyrillic.txt"
    path.write_bytes(text.encode("cp1251"))
    assert loader._decode(path.read_bytes())[:2] == (text, "cp1251")
    report = load_report(load_articles(path)).iloc[0]  # decoded, then not analysed: parley reads English
    assert (report["status"], report["encoding"], report["reason"]) == ("skipped", "cp1251", f"ru: {NOT_ENGLISH}")


@pytest.mark.parametrize("html", ["<html><head><title>Fixture, cut off", "<<<>>> <p"])
def test_malformed_html(tmp_path, html):
    (tmp_path / "broken.html").write_text(html, encoding="utf-8")
    _skipped(tmp_path / "broken.html", "malformed HTML")


@pytest.mark.parametrize(("body", "reason"), [
    ('{"title": "Fixture", "text": "unterminated', "malformed JSON"),
    ("[1, 2]", "record is a int"),
    ('{"title": "Fixture without text"}', "record has no text"),
    ("[]", "no articles in file"),
])
def test_malformed_json(tmp_path, body, reason):
    (tmp_path / "broken.json").write_text(body, encoding="utf-8")
    articles = load_articles(tmp_path / "broken.json")
    report = load_report(articles)
    assert articles.empty
    assert (report["status"] == "skipped").all()
    assert report["reason"].str.startswith(reason).all(), report["reason"].tolist()


def test_jsonl_bad_line_among_good_ones(tmp_path):
    lines = ['{"title": "Fixture one", "text": "Invented text one."}',
             '{"title": "Fixture two", "text": "Invented te',
             "",
             '{"title": "Fixture three", "text": "Invented text three.\u2028Still line four."}']
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    articles = load_articles(tmp_path / "feed.jsonl")
    report = load_report(articles)
    assert articles["title"].tolist() == ["Fixture one", "Fixture three"]
    assert report[["status"]].assign(where=report["path"].str.split("#").str[1]).values.tolist() == [
        ["loaded", "line 1"], ["skipped", "line 2"], ["loaded", "line 4"]]
    assert report["reason"].iloc[1].startswith("malformed JSON")


def test_csv_without_text_column(tmp_path):
    (tmp_path / "t.csv").write_text("title;text\nFixture;Invented\n", encoding="utf-8")
    _skipped(tmp_path / "t.csv", "CSV has no text/body/content column")


def test_twenty_megabyte_text_file_loads(tmp_path):
    """A 20 MB text loads as one article (with a note) and splits in linear time.

    Decision: load, do not skip. It is valid text, and the loader and the
    splitter are linear (line scan, one regex pass per line), so size costs
    seconds, not minutes; refusing it would hide input the user gave. Only
    files above ``config.MAX_FILE_BYTES`` (64 MB) are skipped unread.
    """
    line = "Sentence {n} of an invented fixture says the talks “will continue.” Officials agreed.\n"
    lines = ["Fixture headline for a very long file\n"]
    size = len(lines[0])
    while size < 20_000_000:
        lines.append(line.format(n=len(lines)))
        size += len(lines[-1])
    path = tmp_path / "huge.txt"
    path.write_text("".join(lines), encoding="utf-8")
    assert path.stat().st_size >= 20_000_000
    articles, report = _one(path)
    assert report["status"] == "loaded"
    assert "very long for one article" in report["reason"]
    assert articles["title"].iloc[0] == "Fixture headline for a very long file"
    sentences = to_sentences(articles)
    assert len(sentences) == 1 + 2 * (len(lines) - 1)
    text = articles["text"].iloc[0]
    sample = pd.concat([sentences.head(50), sentences.tail(50), sentences.sample(200, random_state=0)])
    assert all(text[s:e] == t for s, e, t in zip(sample["start"], sample["end"], sample["text"]))


def test_file_above_the_size_limit_is_skipped_unread(tmp_path, monkeypatch):
    from parley import config

    monkeypatch.setattr(config, "MAX_FILE_BYTES", 100)
    (tmp_path / "big.txt").write_text("Fixture headline\n" + "x" * 200, encoding="utf-8")
    _skipped(tmp_path / "big.txt", "file too large")


def test_non_existent_path(tmp_path):
    _skipped(tmp_path / "nowhere.txt", "no such file or folder")


def test_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    _skipped(tmp_path / "empty", "no article files in folder")


def test_folder_with_no_articles(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 fixture")
    articles = load_articles(tmp_path)
    report = load_report(articles).set_index("path")
    assert articles.empty
    assert report.loc[str(tmp_path / "notes.pdf"), "reason"] == "unsupported file type '.pdf'"
    assert report.loc[str(tmp_path), "reason"].startswith("no article files in folder")


def test_unsupported_extension(tmp_path):
    (tmp_path / "article.pdf").write_bytes(b"%PDF-1.4 fixture")
    _skipped(tmp_path / "article.pdf", "unsupported file type '.pdf'")


def test_hidden_files_and_folders_are_skipped(tmp_path):
    (tmp_path / "a.txt").write_text("Fixture headline\nInvented paragraph.\n", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("Fixture draft\nAnother invented paragraph.\n", encoding="utf-8")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "b.txt").write_text("Fixture\nCheckpoint copy.\n", encoding="utf-8")
    articles = load_articles(tmp_path)
    report = load_report(articles).set_index("path")["reason"].to_dict()
    assert articles["path"].tolist() == [str(tmp_path / "a.txt")]
    assert report[str(tmp_path / ".draft.txt")] == "hidden file"
    assert report[str(tmp_path / ".ipynb_checkpoints" / "b.txt")] == "hidden file"


def test_duplicate_article_is_listed_as_duplicate(tmp_path):
    text = "Fixture headline\nAn invented paragraph.\n"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    articles = load_articles(tmp_path)
    report = load_report(articles)
    assert articles["path"].tolist() == [str(tmp_path / "a.txt")]
    assert report["status"].tolist() == ["loaded", "skipped"]
    assert report["reason"].iloc[1] == f"duplicate of {tmp_path / 'a.txt'} (same text)"
    assert articles["article_id"].iloc[0] == article_id(text)


def test_same_file_named_twice_loads_once():
    articles = load_articles([SEED, SEED.parent])
    assert len(articles) == 1
    assert load_report(articles)["status"].tolist() == ["loaded"]


def test_orphan_sidecar_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Fixture headline\nAn invented paragraph.\n", encoding="utf-8")
    (tmp_path / "gone.meta.toml").write_text('title = "Fixture"\n', encoding="utf-8")
    report = load_report(load_articles(tmp_path)).set_index("path")
    assert report.loc[str(tmp_path / "gone.meta.toml"), "status"] == "skipped"
    assert report.loc[str(tmp_path / "gone.meta.toml"), "reason"].startswith("metadata file with no article")


def test_one_bad_file_never_stops_the_others(tmp_path):
    good = {"good1.txt": "Fixture headline one\nAn invented paragraph.\n",
            "good2.md": "---\ntitle: Fixture two\n---\nFixture headline two\nAnother invented paragraph.\n"}
    for name, text in good.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    bad = {
        "empty.txt": b"",
        "blank.txt": b"  \n\n",
        "picture.txt": PNG,
        "broken.html": b"<html><head><title>Fixture, cut off",
        "broken.json": b'{"title": "Fixture", "text": ',
        "feed.jsonl": b'{"title": "Fixture feed", "text": "Invented feed text."}\nnot json\n',
        "scan.pdf": b"%PDF-1.4 fixture",
        ".hidden.txt": b"Fixture hidden\nInvented.\n",
        "z_copy.txt": good["good1.txt"].encode(),  # sorts after good1.txt: the copy is the duplicate
        "legacy.txt": "Fixture legacy\nThe café’s “menu”.\n".encode("cp1252"),
        "orphan.meta.toml": b'title = "Fixture"\n',
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    with pytest.warns(UserWarning, match="inputs skipped"):
        articles = load_articles(tmp_path)
    report = load_report(articles)
    assert {str(tmp_path / "good1.txt"), str(tmp_path / "good2.md")} <= set(articles["path"])
    assert set(articles["title"]) == {"Fixture headline one", "Fixture two", "Fixture feed", "Fixture legacy"}
    files = report["path"].str.split("#").str[0]
    assert set(files) == {str(tmp_path / name) for name in [*good, *bad]}
    skipped = report[report["status"] == "skipped"]
    assert (skipped["reason"].str.len() > 0).all()
    assert len(skipped) == len(bad) - 2 + 1  # all bad files but the loadable two, plus the feed's bad line
    assert report["articles"].sum() == len(articles)


def test_copying_the_fixture_folder_keeps_ids(tmp_path):
    """Article ids come from the text only: the same files elsewhere give the same ids."""
    shutil.copytree(FIXTURES, tmp_path / "copy")
    assert load_articles(tmp_path / "copy")["article_id"].tolist() == load_articles(FIXTURES)["article_id"].tolist()


def test_csv_with_a_long_article_loads_every_row(tmp_path):
    long_text = "An invented fixture paragraph about a made-up summit. " * 3000  # ~160 KB in one field
    path = tmp_path / "long.csv"
    path.write_text(f'title,text\nShort,"A short invented fixture text."\nLong,"{long_text}"\n', encoding="utf-8")
    loaded = load_articles(path)
    assert loaded.title.tolist() == ["Short", "Long"]
    assert loaded.text.iloc[1] == "Long\n" + long_text  # the headline line, then the whole field


# Invented sentences: what parley reads as English, what it leaves out, and what is too short to tell.
@pytest.mark.parametrize(("text", "expected"), [
    ("The foreign minister said on Tuesday that the talks with the neighbouring government would resume next week.",
     "en"),
    ("The minister told reporters in Madrid: \u201cNo vamos a negociar bajo amenazas, nunca lo haremos, y lo sabe todo "
     "el mundo en esta sala.\u201d The talks were due to resume on Friday in the capital.", "en"),
    ('Officials in Berlin said: "Wir werden die Sanktionen nicht aufheben, solange die Truppen bleiben und nichts sich '
     'ändert." The government later confirmed its position to the press.', "en"),
    ("Mohammed Shia al-Sudani met Lloyd Austin, Fuad Hussein and Kata'ib Hezbollah envoys in Baghdad on Monday.",
     "en or und"),  # names alone: English or too unsure to tell, never another language; both are analysed
    ("Talks resume Monday.", "und"),
    ("El ministerio de Asuntos Exteriores dijo el lunes que las conversaciones continuarán la próxima semana en la "
     "capital del país.", "es"),
    ("Das Außenministerium erklärte am Montag, dass die Gespräche in der kommenden Woche in der Hauptstadt "
     "fortgesetzt werden.", "de"),
])
def test_language_reads_english_with_foreign_quotes_and_names_as_english(text, expected):
    assert language(text) in expected.split(" or ")


def test_articles_inside_a_marked_output_folder_are_listed_with_advice(tmp_path):
    story = tmp_path / "story"
    (story / "report").mkdir(parents=True)
    (story / "a.txt").write_text("Talks resume\nThe minister said the talks would resume next week.\n",
                                 encoding="utf-8")
    mark_output(story / "report")
    (story / "report" / "report.html").write_text("<html></html>", encoding="utf-8")
    (story / "report" / "b.txt").write_text("Talks end\nThe envoy said the talks had ended.\n", encoding="utf-8")
    articles = load_articles(story)
    report = load_report(articles)
    assert list(articles["path"].map(lambda p: Path(p).name)) == ["a.txt"]
    skipped = report[report["status"] == "skipped"]
    assert [Path(p).name for p in skipped["path"]] == ["b.txt"]  # the report's own page is not listed
    assert OUTPUT_MARKER in skipped["reason"].iloc[0] and "delete that file" in skipped["reason"].iloc[0]


def test_a_marked_folder_passed_as_articles_says_it_is_an_output_folder(tmp_path):
    mark_output(tmp_path / "out")
    report = load_report(load_articles(tmp_path / "out"))
    assert list(report["status"]) == ["skipped"] and "parley's own output folder" in report["reason"].iloc[0]


def test_an_evidence_table_passed_by_name_is_skipped(tmp_path):
    table = tmp_path / "conditions.evidence.csv"
    table.write_text("party,text\nIraq,the threat\n", encoding="utf-8")
    report = load_report(load_articles(table))
    assert list(report["status"]) == ["skipped"] and "evidence table" in report["reason"].iloc[0]


def test_a_copied_parley_report_is_skipped_but_other_html_loads(tmp_path):
    (tmp_path / "copy.html").write_text('<html><head><meta name="generator" content="parley 0.1"></head><body><p>'
                                        'The minister said the talks would resume.</p></body></html>',
                                        encoding="utf-8")
    (tmp_path / "news.html").write_text("<html><head><title>Talks resume</title></head><body><article><p>The "
                                        "minister said on Monday that the talks would resume next week.</p>"
                                        "</article></body></html>", encoding="utf-8")
    articles = load_articles(tmp_path)
    report = load_report(articles).set_index(load_report(articles)["path"].map(lambda p: Path(p).name))
    assert report.loc["copy.html", "reason"] == "a report parley wrote, not an article"
    assert report.loc["news.html", "status"] == "loaded"
