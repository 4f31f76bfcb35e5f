import pytest

from presslens.quotes.marks import MAX_QUOTE_CHARS, MAX_UNCLOSED_CHARS, find_quoted


def quoted(text):
    return [text[q.start:q.end] for q in find_quoted(text)]


@pytest.mark.parametrize("text, expected", [
    ("He said “we will respond,” and left.", ["“we will respond,”"]),
    ('He said "we will respond," and left.', ['"we will respond,"']),
    ("Il a dit « nous répondrons » hier.", ["« nous répondrons »"]),
    ("Er sagte „wir antworten“ gestern.", ["„wir antworten“"]),
    ("He called it ‘a provocation’ on Tuesday.", ["‘a provocation’"]),
    ("He said «like this» too.", ["«like this»"]),
    ("“Outer ‘inner’ words,” she said.", ["“Outer ‘inner’ words,”"]),
    ("'He sat at my table and drank my tea,' she sobbed.", ["'He sat at my table and drank my tea,'"]),
    ("She fumed: 'He knew what he was doing. He didn't care.'", ["'He knew what he was doing. He didn't care.'"]),
])
def test_every_mark_style_pairs(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize("text", [
    "Don’t panic, D’Souza’s book says.",
    "The ’90s were rock ’n’ roll.",
    "The ministers’ meeting ended.",
    "Kerry's husband said the builders' van had gone and it's the '90s again.",
    "No quotation marks at all in this sentence.",
    "",
])
def test_apostrophes_and_plain_text_are_not_quotes(text):
    assert quoted(text) == []


def test_multi_paragraph_quote_runs_to_the_last_closing_mark():
    text = "He said:\n\n“First paragraph.\n\n“Second paragraph.\n\n“Last one,” he added.\n\nAfter."
    assert quoted(text) == ["“First paragraph.\n\n“Second paragraph.\n\n“Last one,”"]


def test_unclosed_quote_ends_with_its_paragraph():
    text = "He said “this never closes.\n\nNext paragraph has no mark."
    spans = find_quoted(text)
    assert [text[q.start:q.end] for q in spans] == ["“this never closes."]
    assert spans[0].closed is False


def test_long_unclosed_quote_is_dropped_not_stretched():
    text = "He said “" + "word " * (MAX_UNCLOSED_CHARS // 4) + "\n\n" + "Other text. " * 50
    assert quoted(text) == []


def test_a_stray_mark_never_swallows_the_article():
    paragraphs = ["“Para %d opens and never closes." % i for i in range(40)]
    text = "\n\n".join(paragraphs)
    spans = find_quoted(text)
    assert spans
    assert all(q.end - q.start <= MAX_QUOTE_CHARS for q in spans)
    assert all(q.end - q.start < len(text) / 2 for q in spans)


def test_stray_closing_mark_is_ignored():
    assert quoted("Nothing opens here” but this “does close.”") == ["“does close.”"]


def test_quotes_in_titles():
    text = "Moscow Warns West Over “Reckless” Baltic Drills\n\nBody text."
    assert quoted(text) == ["“Reckless”"]
