"""Blocks, boilerplate and metadata from HTML pages: one page feature, one assertion."""

import json

import pytest

from presslens.ingest.html import claim_review, parse_html
from presslens.ingest.metadata import clean_byline, registry_outlet

PAGE = """<!DOCTYPE html><html><head><title>Kremlin rejects talks</title>
<meta property="og:site_name" content="SputnikInt"><meta name="author" content="Finian Cunningham Sputnik International">
<meta property="article:published_time" content="2021-12-29T10:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/w">World</a></nav><article><h1>Kremlin rejects talks</h1>
<h2>Moscow says the West ignored its proposals for months</h2>
<p>By Anna Petrova</p>
<p>MOSCOW, Dec 29 (Reuters) - The Kremlin on Wednesday rejected a proposal for new talks, its spokesman said, adding that the West had ignored every Russian proposal.</p>
<div class="wp-caption"><img src="https://example.com/a.jpg" alt=""><p class="wp-caption-text">Dmitry Peskov speaks to reporters in Moscow on Wednesday.</p></div>
<h2>The Gordon problem</h2>
<p>“We see no basis for dialogue,” Dmitry Peskov told reporters in Moscow on Wednesday afternoon.</p>
<ul><li>First point of the list is here.</li><li>Second point of the list is here.</li></ul>
<blockquote><p>This is a quoted passage from a speech given last week in Geneva.</p></blockquote>
<p>Share this story!</p>
<p>Also on rt.com NATO expansion is a threat, Lavrov says</p>
<table><tr><td>Year</td><td>Troops</td></tr><tr><td>2021</td><td>100,000</td></tr></table>
<p>Think your friends would be interested? Share this story!</p>
<p>Subscribe to our newsletter to get the stories the mainstream media won't tell you.</p>
<p>Lavrov said the alliance had moved closer to Russian borders in five waves since 1999.</p>
<p>Source: TASS</p>
</article><div id="comments" class="comments"><p>First comment: great article, thanks for posting this!</p></div>
</body></html>"""

BODY = "<p>The Kremlin on Wednesday rejected a proposal for new talks, its spokesman said, adding that the West had ignored every Russian proposal on security guarantees.</p>"


def page(head: str = "", body: str = BODY) -> str:
    return f"<!DOCTYPE html><html><head><title>Kremlin rejects talks</title>{head}</head><body><article><h1>Kremlin rejects talks</h1>{body}{BODY}</article></body></html>"


def kind_of(fragment: str, html: str = PAGE) -> str:
    article = parse_html(html)
    return article.block_at(article.text.index(fragment)).kind


@pytest.mark.parametrize("fragment,kind", [
    ("Kremlin rejects talks", "title"),
    ("Moscow says the West", "standfirst"),
    ("By Anna Petrova", "byline"),
    ("MOSCOW, Dec 29", "dateline"),
    ("The Kremlin on Wednesday", "paragraph"),
    ("Dmitry Peskov speaks", "caption"),
    ("The Gordon problem", "heading"),
    ("First point", "list_item"),
    ("This is a quoted passage", "blockquote"),
    ("Year | Troops", "table"),
    ("Source: TASS", "credit"),
])
def test_html_block_kinds(fragment, kind):
    assert kind_of(fragment) == kind


def test_html_line_opening_with_the_page_author_is_a_byline():
    html = page('<meta name="author" content="Jane Doe">', body="<p>Jane Doe | Staff writer</p>")
    assert kind_of("Jane Doe |", html) == "byline"


def test_html_bold_only_paragraph_is_a_heading():
    assert kind_of("Waiting lists", page(body=BODY + "<p><strong>Waiting lists</strong></p>")) == "heading"


def test_html_paragraph_with_some_bold_is_a_paragraph():
    assert kind_of("Waiting", page(body="<p><strong>Waiting</strong> lists grew, officials said on Monday.</p>")) == "paragraph"


def test_html_embedded_post_in_a_figure_is_removed():
    embed = '<figure class="embed"><blockquote class="twitter-tweet"><p>Big news today from the capital, more soon</p></blockquote></figure>'
    assert [r.reason for r in parse_html(page(body=BODY + embed)).removed] == ["embedded in a figure"]


def test_html_paragraph_after_an_image_in_a_caption_named_wrapper_is_a_paragraph():
    body = '<img src="https://example.com/a.jpg">' + BODY.replace("Kremlin", "Ministry")
    html = page(body=body).replace("<article>", '<article class="story-with-captions">')
    assert kind_of("The Ministry", html) == "paragraph"


def test_html_list_inside_a_quote_gives_blockquotes():
    assert kind_of("Quoted item two", page(body="<blockquote><ul><li>Quoted list item one here</li><li>Quoted item two</li></ul></blockquote>")) == "blockquote"


def test_html_blocks_cover_every_non_space_character():
    article = parse_html(PAGE)
    covered = {i for b in article.blocks for i in range(b.start, b.end)}
    assert all(c.isspace() for i, c in enumerate(article.text) if i not in covered)


def test_html_title_is_not_repeated_when_the_page_has_it_as_a_heading():
    assert parse_html(PAGE).text.count("Kremlin rejects talks") == 1


def test_html_title_is_put_first_when_the_page_text_lacks_it():
    html = f"<html><head><title>Kremlin rejects talks</title></head><body><article>{BODY}</article></body></html>"
    assert parse_html(html).blocks[0].kind == "title"


def test_html_kicker_above_the_title_is_a_removed_label():
    article = parse_html(page().replace("<h1>", "<p>Long read</p><h1>"))
    assert ("Long read", "section label") in [(r.text, r.reason) for r in article.removed]


def test_html_timestamp_paragraph_is_removed():
    article = parse_html(page(body="<p>Published 29 December 2021, 10:15 GMT</p>"))
    assert [r.reason for r in article.removed] == ["timestamp"]


@pytest.mark.parametrize("line,reason", [
    ("Share this story!", "share line"),
    ("Think your friends would be interested? Share this story!", "share line"),
    ("Also on rt.com NATO expansion is a threat, Lavrov says", "related-story link"),
    ("Subscribe to our newsletter to get the stories the mainstream media won't tell you.", "subscription promo"),
    ("Read more: Putin meets Biden in Geneva", "related-story link"),
    ("Photo: Jane Roe / Reuters", "photo credit"),
    ("RELATED: Night bus route to the hospital gets the go-ahead", "related-story link"),
    ("Continue reading below", "web boilerplate"),
])
def test_html_boilerplate_paragraphs_are_removed_and_listed(line, reason):
    article = parse_html(page(body=f"<p>{line}</p>"))
    assert [(r.text, r.reason) for r in article.removed] == [(line, reason)]


def test_html_related_list_under_read_more_is_removed():
    article = parse_html(page(body="<p>Read more:</p><ul><li>Putin meets Biden in Geneva</li><li>Lavrov warns NATO</li></ul>"))
    assert [r.reason for r in article.removed] == ["related-story link", "related-story headline", "related-story headline"]


def test_html_sign_off_at_the_end_is_removed():
    html = f"<html><head><title>Kremlin rejects talks</title></head><body><article>{BODY}<p>— Finian Cunningham</p></article></body></html>"
    article = parse_html(html)
    assert [r.reason for r in article.removed] == ["author sign-off"]


def test_html_removed_offsets_point_into_the_extracted_text():
    article = parse_html(PAGE)
    assert all(r.input_end - r.input_start == len(r.text) for r in article.removed)


def test_html_raw_removes_nothing():
    assert parse_html(PAGE, raw=True).removed == ()


def test_html_comments_never_become_blocks():
    assert "great article" not in parse_html(PAGE).text


@pytest.mark.parametrize("name,outlet", [
    ("SputnikInt", "Sputnik"),
    ("hosted.ap.org", "Associated Press"),
    ("DH News Service", "Deccan Herald"),
    ("https://www.rt.com/news/123", "RT"),
])
def test_site_names_map_to_registry_outlets(name, outlet):
    assert registry_outlet(name) == outlet


def test_html_site_name_becomes_the_registry_outlet():
    assert parse_html(PAGE).outlet == "Sputnik"


def test_html_outlet_from_the_page_host():
    assert parse_html(page('<link rel="canonical" href="https://hosted.ap.org/article/water">')).outlet == "Associated Press"


def test_html_author_naming_an_outlet_gives_the_outlet():
    assert parse_html(page('<meta name="author" content="DH News Service">')).outlet == "Deccan Herald"


def test_html_author_naming_an_outlet_leaves_the_site_name_as_outlet():
    head = '<meta property="og:site_name" content="Example Times"><meta name="author" content="DH News Service">'
    assert parse_html(page(head)).outlet == "Example Times"


def test_html_author_naming_an_outlet_is_not_a_byline():
    assert parse_html(page('<meta name="author" content="DH News Service">')).byline is None


def test_html_byline_drops_a_glued_outlet_name():
    assert parse_html(PAGE).byline == "Finian Cunningham"


@pytest.mark.parametrize("value,expected", [
    ("Finian Cunningham Sputnik International", "Finian Cunningham"),
    ("Jane Doe and John Roe, Reuters", "Jane Doe and John Roe"),
    ("Jane Doe; John Roe", "Jane Doe; John Roe"),
    ("JANE CALLOWAY Associated Press", "JANE CALLOWAY"),
    ("Anna Post", "Anna Post"),
    ("DH News Service", None),
])
def test_clean_byline(value, expected):
    assert clean_byline(value) == expected


REVIEW = {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "Pensions rose twice as fast as wages.",
          "author": {"@type": "Organization", "name": "CheckPoint Facts"},
          "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Clara Beaumont"}},
          "reviewRating": {"@type": "Rating", "ratingValue": 2, "alternateName": "Misleading"}}
REVIEW_HEAD = f'<script type="application/ld+json">{json.dumps(REVIEW)}</script>'


def test_claim_review_gives_claim_verdict_reviewer_and_claimant():
    assert parse_html(page(REVIEW_HEAD)).extra["claim_review"] == {
        "claim": "Pensions rose twice as fast as wages.", "verdict": "Misleading", "author": "CheckPoint Facts",
        "claimant": "Clara Beaumont"}


def test_claim_review_claimant_is_never_the_byline():
    assert parse_html(page(REVIEW_HEAD + '<meta name="author" content="Clara Beaumont">')).byline is None


def test_claim_review_inside_a_graph_is_found():
    from trafilatura.utils import load_html

    head = f'<script type="application/ld+json">{json.dumps({"@graph": [{"@type": "WebPage"}, REVIEW]})}</script>'
    assert claim_review(load_html(page(head)))["verdict"] == "Misleading"


def test_unreadable_json_ld_is_skipped():
    assert "claim_review" not in parse_html(page('<script type="application/ld+json">{not json</script>')).extra
