import gzip

import pytest

from presslens.corpus.warc import read_corpus_inputs, read_warc

pytest.importorskip("fastwarc")

PAGE = """<!doctype html><html><head><title>Drills in the Baltic</title></head><body><article>
<h1>Drills in the Baltic</h1>
<p>NATO troops began exercises in Lithuania on Monday, the alliance said in a statement.</p>
<p>Moscow called the drills a provocation and promised to respond, the foreign ministry said.</p>
</article></body></html>"""


def warc_record(record_type: str, uri: str, content_type: str, body: str) -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n{body}".encode()
    payload = http if record_type == "response" else body.encode()
    headers = (f"WARC/1.0\r\nWARC-Type: {record_type}\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
               f"WARC-Date: 2022-01-10T08:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
               f"Content-Type: application/http; msgtype={record_type}\r\nContent-Length: {len(payload)}\r\n\r\n")
    return headers.encode() + payload + b"\r\n\r\n"


def archive() -> bytes:
    return (warc_record("request", "https://example.org/drills", "text/html", "GET /drills HTTP/1.1\r\n\r\n")
            + warc_record("response", "https://example.org/drills", "text/html; charset=utf-8", PAGE)
            + warc_record("response", "https://example.org/logo.png", "image/png", "PNG"))


def test_html_responses_become_articles_keyed_by_url(tmp_path):
    path = tmp_path / "crawl.warc"
    path.write_bytes(archive())
    [result] = list(read_warc(path))
    article = result.article
    assert article.id == article.url == "https://example.org/drills"
    assert "Moscow called the drills a provocation" in article.text
    assert article.extra["crawled"] == "2022-01-10T08:00:00Z"


def test_gzipped_archives_and_directories(tmp_path):
    (tmp_path / "crawl.warc.gz").write_bytes(gzip.compress(archive()))
    (tmp_path / "note.txt").write_text("A plain text article about the drills in the Baltic.")
    ids = sorted(result.article.id for result in read_corpus_inputs(str(tmp_path)))
    assert ids == ["https://example.org/drills", "note"]


def test_missing_archive_is_an_error_not_a_crash(tmp_path):
    [result] = list(read_warc(tmp_path / "missing.warc"))
    assert result.error is not None and "no such WARC file" in result.error.message


def twenty_records() -> bytes:
    return b"".join(warc_record("response", f"https://example.org/{i}", "text/html", PAGE) for i in range(20))


@pytest.mark.parametrize("extra", [100, 200, 500], ids=["in a header", "in HTTP", "in a body"])
def test_a_truncated_archive_reports_what_it_lost(tmp_path, extra):
    record = warc_record("response", "https://example.org/0", "text/html", PAGE)
    path = tmp_path / "cut.warc"
    path.write_bytes(twenty_records()[: 10 * len(record) + extra])
    *stored, lost = read_warc(path)
    assert (len(stored), lost.error.code) == (10, "PL106")


def test_a_truncated_header_is_an_error(tmp_path):
    path = tmp_path / "cut.warc"
    path.write_bytes(twenty_records()[:30])
    assert [type(r.error).__name__ for r in read_warc(path)] == ["MalformedRecordError"]


def test_a_record_over_the_size_limit_is_reported(tmp_path):
    path = tmp_path / "big.warc"
    path.write_bytes(warc_record("response", "https://example.org/big", "text/html", PAGE + " " * 5000)
                     + warc_record("response", "https://example.org/small", "text/html", PAGE))
    from presslens.settings import Settings

    big, small = read_warc(path, Settings(max_input_bytes=2000))
    assert (big.error.code, small.article.id) == ("PL103", "https://example.org/small")
