import lxml.html
import pytest
from markdown_it import MarkdownIt

from presslens.article import Article, Span
from presslens.render import get_renderer
from presslens.render.markdown import md
from presslens.report import Report

from .reports import HOSTILE

#: CommonMark with raw HTML allowed, plus GFM tables: the most permissive common reader.
PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def to_tree(report):
    markup = get_renderer("markdown").render(report)
    return lxml.html.fromstring(f"<div>{PARSER.render(markup)}</div>")


def section_rows(root, heading):
    (table,) = root.xpath(f"//h2[.='{heading}']/following-sibling::table[1]")
    return [[cell.text_content() for cell in row] for row in table.xpath(".//tbody/tr")]


def test_title_and_metadata_table(report):
    root = to_tree(report)
    assert root.xpath("//h1")[0].text_content() == report.article.title
    rows = root.xpath("//table[1]//tbody/tr")
    assert [cell.text_content() for cell in rows[1]] == ["outlet", "Baltic Watch",
                                                        "signature line 'Baltic Watch, 14.03.2023'"]


def test_sources_speakers_claims_and_techniques_tables(report):
    root = to_tree(report)
    assert section_rows(root, "Cited sources")[0] == ["TASS", "state", "Russia", "state-controlled media",
                                                      "dateline", "", "1"]
    assert section_rows(root, "Speakers")[1][:3] == ["Sergey Lavrov", "Foreign Minister", "2"]
    assert [row[1] for row in section_rows(root, "Claims, most check-worthy first")] == ["0.91", "0.64", "0.20"]
    (count, spans) = root.xpath("//h2[.='Persuasion techniques']/following-sibling::table")[:2]
    assert [cell.text_content() for cell in count.xpath(".//tbody/tr[1]/td")] == ["Loaded language", "2"]
    assert len(spans.xpath(".//tbody/tr")) == 4


def test_quotes_are_blockquotes_with_attribution(report):
    root = to_tree(report)
    quotes = root.xpath("//blockquote")
    assert len(quotes) == 3
    text, attribution = [p.text_content() for p in quotes[2].xpath("./p")]
    assert text == "Western capitals had ignored every Russian proposal on security guarantees"
    assert attribution == "— Sergey Lavrov, Foreign Minister (indirect, via RIA Novosti)"
    assert quotes[2].xpath("./p[2]/strong")[0].text == "Sergey Lavrov"


def test_numeric_checks_unknown_layer_and_summary_entry(report):
    root = to_tree(report)
    (check,) = root.xpath("//h2[.='Numeric checks']/following-sibling::ul[1]/li")
    assert check.text_content().startswith("inconsistent: “up from 9,000 troops")
    assert section_rows(root, "Hedges") == [["daily updates", "TAIL", "0.50", "runs to the end of the text"]]
    assert section_rows(root, "Readability") == [["grade", "11.20"]]


def test_hostile_strings_stay_text(hostile):
    root = to_tree(hostile)
    assert root.xpath("//script") == [] and root.xpath("//img") == [] and root.xpath("//a") == []
    assert all(not key.startswith("on") for element in root.iter() for key in element.attrib)
    assert HOSTILE in root.text_content()
    assert root.xpath("//h2[.='Quotes']/following-sibling::blockquote/p[1]")[0].text_content() == HOSTILE


@pytest.mark.parametrize("text", [
    "*not bold* and _not em_ and `not code`",
    "[not a link](javascript:alert(1)) ![no image](x.png)",
    "1. not a list",
    "# not a heading",
    "- not a bullet",
    "---",
    "a | pipe | in | a | cell",
    "&amp; stays &lt;literal&gt; \\ and ~~not struck~~",
    "<b>not bold</b>",
])
def test_markdown_syntax_in_article_text_renders_literally(text):
    article = Article(text=text)
    root = to_tree(Report(article=article, layers={"quotes": [Span(0, len(text), "QUOTE", attrs={"kind": "direct"})],
                                                    "claims": [Span(0, len(text), "CLAIM")]}))
    assert root.xpath("//blockquote/p[1]")[0].text_content() == text
    (row,) = section_rows(root, "Claims, most check-worthy first")
    assert row == ["1", "", "", "", text]


def test_md_keeps_numbers_readable():
    assert md(12.5) == "12.50" and md("2022") == "2022" and md("NATO-led") == "NATO-led"


def test_non_english_article_warning(foreign):
    root = to_tree(foreign)
    assert root.xpath("//blockquote")[0].text_content().strip() == f"Warning: {foreign.warnings[0]}"


def test_render_many_separates_articles_with_rules(report, foreign):
    markup = "".join(get_renderer("markdown").render_many([report, foreign]))
    root = lxml.html.fromstring(f"<div>{PARSER.render(markup)}</div>")
    assert [h1.text_content() for h1 in root.xpath("//h1")] == [report.article.title, foreign.article.title]
    assert len(root.xpath("//hr")) == 1
