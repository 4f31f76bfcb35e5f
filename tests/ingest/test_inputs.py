"""Reading files, directories, JSONL, HTML and stdin; refusing bad input with a clear error."""

import io
import json

import pytest

from presslens.errors import (
    BinaryInputError, DecodingError, EmptyInputError, InputNotFoundError, InputTooLargeError,
    MalformedHTMLError, MalformedRecordError,
)
from presslens.ingest import article_from_bytes, read_inputs
from presslens.settings import Settings

ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Kremlin rejects talks</title>
<meta property="og:site_name" content="Example Times"><meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-12-29T10:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Kremlin rejects talks</h1>
<p>The Kremlin on Wednesday rejected a proposal for new talks, its spokesman said, adding that the
West had ignored every Russian proposal on security guarantees for months.</p>
<p>“We see no basis for dialogue,” Dmitry Peskov told reporters in Moscow on Wednesday afternoon.</p>
</article><div id="comments" class="comments"><p>First comment: great article, thanks for posting this!</p></div>
</body></html>"""


def one(target, settings=None, **kwargs):
    results = list(read_inputs(str(target), settings or Settings(), **kwargs))
    assert len(results) == 1
    return results[0]


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n")
    assert isinstance(one(path).error, EmptyInputError)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert isinstance(one(path).error, BinaryInputError)


def test_oversized_file_is_refused_with_the_limit_named(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    error = one(path, Settings(max_input_bytes=100)).error
    assert isinstance(error, InputTooLargeError) and "100 bytes" in str(error)


def test_latin1_text_is_decoded():
    article = article_from_bytes("Café owners in Zürich said prices rose sharply this year, según la prensa."
                                 .encode("latin-1"), source="x", settings=Settings())
    assert "Zürich" in article.text and article.extra["encoding"] != "utf-8"


def test_undecodable_bytes_are_refused(monkeypatch):
    import charset_normalizer

    class NoMatch:
        def best(self):
            return None

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: NoMatch())
    with pytest.raises(DecodingError, match="not UTF-8"):
        article_from_bytes(b"abc \xff\xfe\xfa def", source="x", settings=Settings())


def test_missing_file(tmp_path):
    assert isinstance(one(tmp_path / "nope.txt").error, InputNotFoundError)


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML)
    article = one(path).article
    assert (article.title, article.outlet, article.byline, str(article.published)) == (
        "Kremlin rejects talks", "Example Times", "Jane Doe", "2021-12-29")


def test_html_comments_are_excluded(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML)
    assert "great article" not in one(path).article.text


@pytest.mark.parametrize("html", [
    '<html><head><title></title></head><body><div class="',
    "<html><body><div><<<>>></div></body>",
    "<!DOCTYPE html><html><body><table><tr><td>",
])
def test_html_without_article_text_is_refused(tmp_path, html):
    path = tmp_path / "broken.html"
    path.write_text(html)
    assert isinstance(one(path).error, MalformedHTMLError)


def test_ptc_file_keeps_offsets(tmp_path):
    text = "Title line\n\nBody with  double  spaces.\r\nLeave a Reply\n"
    path = tmp_path / "article123456.txt"
    path.write_bytes(text.encode())
    article = one(path).article
    assert (article.text, article.id, article.input_format) == (text, "123456", "ptc")


def test_jsonl_keeps_ids_and_metadata_and_reports_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "First article text about the summit in Geneva.", "outlet": "TASS",
                    "published": "2021-12-29"}),
        "{not json",
        json.dumps({"id": "a3", "html": ARTICLE_HTML}),
        json.dumps({"id": "a4"}),
    ]
    path.write_text("\n".join(lines))
    results = list(read_inputs(str(path), Settings()))
    assert [r.article.id if r.ok else type(r.error).__name__ for r in results] == [
        "a1", "MalformedRecordError", "a3", "MalformedRecordError"]
    assert (results[0].article.outlet, str(results[0].article.published)) == ("TASS", "2021-12-29")
    assert results[1].source.endswith(":2")


def test_jsonl_bad_date_is_a_clear_error(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "Some text.", "published": "yesterday"}))
    error = one(path).error
    assert isinstance(error, MalformedRecordError) and "YYYY-MM-DD" in str(error)


def test_directory_is_read_recursively_in_order(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Second article body.")
    (tmp_path / "sub" / "a.txt").write_text("First article body.")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    results = list(read_inputs(str(tmp_path), Settings()))
    assert [r.article.id for r in results] == ["b", "a"]


def test_stdin_text():
    result = one("-", stdin=io.BytesIO("A Headline\n\nBody text.".encode()))
    assert result.article.title == "A Headline"


def test_stdin_jsonl():
    data = "\n".join(json.dumps({"id": str(i), "text": f"Article number {i}."}) for i in range(3))
    results = list(read_inputs("-", Settings(), stdin=io.BytesIO(data.encode())))
    assert [r.article.id for r in results] == ["0", "1", "2"]


def test_language_is_detected_for_non_english():
    text = "Министр иностранных дел России Сергей Лавров заявил, что НАТО стало чисто геополитическим проектом."
    article = article_from_bytes(text.encode(), source="x", settings=Settings())
    assert article.language == "ru"


def test_record_language_wins_over_detection(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "This is plainly written in English, at some length.",
                                "language": "de"}))
    assert one(path).article.language == "de"


GOOD_LINE = b'{"id": "good", "text": "NATO troops began exercises in Lithuania on Monday, the alliance said."}'


@pytest.mark.parametrize(
    ("bad_line", "error"),
    [
        (b'{"id": "bad", "text": "Troops \\ud800 arrived."}', DecodingError),
        (b'{"id": "bad", "text": "Troops arrived.", "title": "\\udfff"}', DecodingError),
        (b"[" * 100_000, MalformedRecordError),
        ("\ufeff".encode("utf-16") + b'{"text": "x"}', DecodingError),
    ],
    ids=["lone surrogate", "surrogate in a metadata field", "100,000 nested brackets", "UTF-16 BOM"],
)
def test_bad_jsonl_line_is_reported_and_the_rest_go_on(tmp_path, bad_line, error):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(bad_line + b"\n" + GOOD_LINE + b"\n")
    first, second = read_inputs(str(path), Settings())
    assert (isinstance(first.error, error), first.source, second.article.id) == (True, f"{path}:1", "good")


def test_malformed_utf16_file_in_a_directory_is_one_failure(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe" + "Troops arrived.".encode("utf-16-le") + b"\x00\xd8")
    (tmp_path / "b.txt").write_text("NATO troops began exercises in Lithuania on Monday.")
    first, second = read_inputs(str(tmp_path), Settings())
    assert (isinstance(first.error, DecodingError), second.article.id) == (True, "b")


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", "\ufeff \n".encode("utf-16")])
def test_a_file_holding_only_a_bom_is_empty(tmp_path, data):
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    assert isinstance(one(path).error, EmptyInputError)


def test_stdin_starting_with_deep_brackets_is_text_not_a_crash():
    assert one("-", stdin=io.BytesIO(b"{" * 100_000)).error is None


@pytest.mark.parametrize("depth", [254, 300, 5_000])
def test_html_nested_deeper_than_libxml2_allows_keeps_its_text(depth):
    page = "<html><body>" + "<div>" * depth + ARTICLE_HTML.split("<body>")[1].split("</body>")[0] + "</div>" * depth
    article = article_from_bytes(page.encode(), source="deep.html", settings=Settings(), hint="deep.html")
    assert "We see no basis for dialogue" in article.text
