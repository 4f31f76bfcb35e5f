"""Build the development pages for ``benchmarks/extraction.py`` from ``articles.json``.

Each article (text written for presslens) is laid out in one of eight page
templates of the kinds news sites use: a WordPress blog, a state-media news
page, a wire story as syndication hosts show it, a fact-check page with
ClaimReview JSON-LD, a magazine long read, a Drupal node, an AMP-style page
with bold-paragraph subheadings and a newspaper page with figure credits.
The last three were added after presslens's rules were written and were
not used to tune them. The templates add what real
pages carry around and inside the story: navigation, breadcrumbs, bylines,
figures with captions, share lines, "Also on" and "Read more:" links,
newsletter promos, photo credits, related-story lists, comment threads and
footers. Writes ``html/ID.html.gz`` and ``ground-truth.json`` (the
``articleBody`` of each page: its paragraphs, headings, list items, quotes
and table rows, without title, standfirst, byline, captions or furniture)
in the layout of the ScrapingHub article-extraction benchmark.

    python benchmarks/pages/build_pages.py
"""

from __future__ import annotations

import gzip
import json
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Kinds of body item that the gold ``articleBody`` keeps.
GOLD_KINDS = ("p", "h2", "ul", "quote", "table")


def gold_body(article: dict) -> str:
    parts = []
    for kind, value in article["body"]:
        if kind == "ul":
            parts.extend(value)
        elif kind == "table":
            parts.extend(" ".join(row) for row in value)
        elif kind in GOLD_KINDS:
            parts.append(value)
    return "\n".join(parts)


def body_html(article: dict, *, figure: str, also: str, promo: str, readmore: str) -> str:
    """The story's own elements; furniture inside the body is drawn by the template's snippets."""
    out = []
    for kind, value in article["body"]:
        if kind == "p":
            out.append(f"<p>{escape(value)}</p>")
        elif kind == "h2":
            out.append(f"<h2>{escape(value)}</h2>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in value) + "</ul>")
        elif kind == "quote":
            out.append(f"<blockquote><p>{escape(value)}</p></blockquote>")
        elif kind == "table":
            head, *rows = value
            out.append("<table><thead><tr>" + "".join(f"<th>{escape(c)}</th>" for c in head) + "</tr></thead><tbody>"
                       + "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
                       + "</tbody></table>")
        elif kind == "figure":
            out.append(figure.format(caption=escape(value), slug=article["id"]))
        elif kind == "photo":
            out.append(f'<p class="photo-credit"><em>{escape(value)}</em></p>')
        elif kind == "also":
            out.append(also.format(text=escape(value)))
        elif kind == "promo":
            out.append(promo.format(text=escape(value)))
        elif kind == "readmore":
            out.append(readmore.format(text=escape(value)))
        elif kind == "related":
            out.append(f'<p><strong><a href="/related">{escape(value)}</a></strong></p>')
    return "\n".join(out)


def head_html(article: dict, extra_ld: str = "") -> str:
    url = f"https://{article['domain']}/{article['date'][:4]}/{article['id']}"
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article["title"],
          "datePublished": article["date"], "author": {"@type": "Person", "name": article["author"]}}
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(article['title'])} | {escape(article['site'])}</title>
<meta property="og:title" content="{escape(article['title'])}">
<meta property="og:site_name" content="{escape(article['site'])}">
<meta property="og:url" content="{url}">
<link rel="canonical" href="{url}">
<meta name="author" content="{escape(article['author'])}">
<meta property="article:published_time" content="{article['date']}T08:30:00Z">
<script type="application/ld+json">{json.dumps(ld)}</script>{extra_ld}
</head>"""


NAV = """<header class="site-header"><a class="logo" href="/">{site}</a>
<nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li><li><a href="/about">About us</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div></header>"""

RELATED = """<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Council approves new budget after late-night session</a></li>
<li><a href="/b">Storm damage bill passes two million</a></li>
<li><a href="/c">Ferry timetable changes for the summer season</a></li></ul></aside>"""

COMMENTS = """<section id="comments" class="comments-area"><h2 class="comments-title">3 comments</h2>
<ol class="comment-list"><li class="comment"><p class="comment-author">harbourwatcher</p>
<p>About time! The ferry has been unreliable for years and everyone in town knows why.</p></li>
<li class="comment"><p class="comment-author">J. Peel</p><p>Who is going to pay for all this in the end? Us, as usual.</p></li></ol>
<div id="respond"><h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked *</p>
<form><textarea name="comment"></textarea><button>Post Comment</button></form></div></section>"""

FOOTER = """<footer class="site-footer"><ul><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy policy</a></li>
<li><a href="/terms">Terms of use</a></li></ul><p>© 2024 {site}. All rights reserved.</p></footer>"""


def wordpress(article: dict) -> str:
    content = body_html(
        article,
        figure='<figure class="wp-caption"><img src="/img/{slug}.jpg" alt=""><p class="wp-caption-text">{caption}</p></figure>',
        also="<p>{text}</p>", promo="<p>{text}</p>", readmore="<p>{text}</p>")
    return f"""{head_html(article)}<body class="single-post">{NAV.format(site=escape(article['site']))}
<div class="breadcrumbs"><a href="/">Home</a> » <a href="/news">News</a> » {escape(article['title'])}</div>
<main id="main"><article class="post type-post">
<header class="entry-header"><h1 class="entry-title">{escape(article['title'])}</h1>
<div class="entry-meta"><span class="byline">By <a href="/author/x" rel="author">{escape(article['author'])}</a></span>
<time datetime="{article['date']}">{article['date']}</time></div></header>
<div class="entry-content">
{content}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Facebook</a></li><li><a href="#">Twitter</a></li><li><a href="#">Email</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline">Related</h3></div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/news">News</a></span> <span class="tags-links">Tags: <a href="#">council</a>, <a href="#">local</a></span></footer>
</article>{COMMENTS}</main>
<aside id="secondary" class="widget-area"><section class="widget"><h2>Recent posts</h2><ul><li><a href="/r1">Summer fair returns to the green</a></li><li><a href="/r2">School roof repairs finished early</a></li></ul></section></aside>
{FOOTER.format(site=escape(article['site']))}</body></html>"""


def statenews(article: dict) -> str:
    content = body_html(
        article, figure="<p>{caption}</p>",
        also='<div class="read-more"><a href="/news/other">{text}</a></div>',
        promo="<p>{text}</p>", readmore="<p>{text}</p>")
    bio = ""
    if article.get("opinion"):
        bio = (f'<p class="author-bio">{escape(article["author"])} is a freelance journalist and political commentator '
               "who has written for newspapers in several countries.</p>"
               "<p><em>The statements, views and opinions expressed in this column are solely those of the author "
               f"and do not necessarily represent those of {escape(article['site'])}.</em></p>")
    return f"""{head_html(article)}<body>{NAV.format(site=escape(article['site']))}
<div class="layout"><div class="article">
<div class="article__date">{article['date']} 10:15</div>
<h1 class="article__heading">{escape(article['title'])}</h1>
<div class="article__summary summary">{escape(article.get('standfirst', ''))}</div>
<div class="article__cover"><img src="/static/{article['id']}.jpg" alt=""><div class="media__footer">© Global Look Press / Pool</div></div>
<div class="article__text text">
{content}
<p>Think your friends would be interested? Share this story!</p>
{bio}
</div>
<div class="article__share"><span>Share this story!</span> <a href="#">Telegram</a> <a href="#">VK</a></div>
<div class="subscribe-block"><p>Subscribe to our newsletter to get the stories the mainstream media won't tell you.</p></div>
</div>{RELATED}</div>
{FOOTER.format(site=escape(article['site']))}</body></html>"""


def wire(article: dict) -> str:
    content = body_html(article, figure="<p>{caption}</p>", also="<p>{text}</p>", promo="<p>{text}</p>",
                        readmore="<p>{text}</p>")
    return f"""{head_html(article)}<body><div id="hosted-header"><a href="/">Hosted news</a> | <a href="/topnews">Top News</a> | <a href="/us">U.S.</a> | <a href="/world">World</a></div>
<div id="hosted-story"><h1 class="headline">{escape(article['title'])}</h1>
<p class="byline">By {escape(article['author'])} Associated Press</p>
<p class="datetime">{article['date']} 18:02 GMT</p>
<div class="entry-content">
{content}
</div>
<p class="copyright">Copyright 2022 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.</p>
</div>
<div id="hosted-more"><h3>More news</h3><ul><li><a href="/m1">Markets close higher on earnings</a></li><li><a href="/m2">Storm heads for the Gulf coast</a></li></ul></div>
</body></html>"""


def factcheck(article: dict) -> str:
    review = {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": article["claim"],
              "datePublished": article["date"], "author": {"@type": "Organization", "name": article["site"]},
              "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": article["claimant"]}},
              "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                               "alternateName": article["verdict"]}}
    content = body_html(article, figure="<p>{caption}</p>", also="<p>{text}</p>", promo="<p>{text}</p>",
                        readmore="<p>{text}</p>")
    return f"""{head_html(article, f'<script type="application/ld+json">{json.dumps(review)}</script>')}
<body>{NAV.format(site=escape(article['site']))}
<main><article class="factcheck">
<h1>{escape(article['title'])}</h1>
<div class="meta"><span class="author">By {escape(article['author'])}</span> · <time>{article['date']}</time></div>
<div class="claim-box"><span class="label">Claim</span><p class="claim">{escape(article['claim'])}</p>
<span class="label">Verdict</span><p class="rating">{escape(article['verdict'])}</p></div>
<div class="article-body">
{content}
</div>
<div class="share-buttons"><p>Share this:</p><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
<p class="correction-note">Spotted an error? <a href="/contact">Tell us</a>.</p>
</article>{RELATED}</main>
{FOOTER.format(site=escape(article['site']))}</body></html>"""


def magazine(article: dict) -> str:
    content = body_html(
        article,
        figure='<figure><img src="/i/{slug}.jpg"><figcaption><p>{caption}</p></figcaption></figure>',
        also="<p>{text}</p>",
        promo='<div class="newsletter-promo"><p>{text}</p><form><input type="email"><button>Sign up</button></form></div>',
        readmore='<p><strong><a href="/other">{text}</a></strong></p>')
    return f"""{head_html(article)}<body>{NAV.format(site=escape(article['site']))}
<article class="longread"><header><p class="kicker">Long read</p><h1>{escape(article['title'])}</h1>
<p class="standfirst">{escape(article.get('standfirst', ''))}</p>
<p class="byline">By {escape(article['author'])}</p><p class="date">{article['date']}</p></header>
<div class="body">
{content}
<p class="signoff">— {escape(article['author'])}</p>
</div>
<div class="share"><p>Share this article</p><a href="#">Facebook</a> <a href="#">Twitter</a></div>
<section class="more"><h2>Most read</h2><ol><li><a href="/x">The forgotten canals of the north</a></li><li><a href="/y">What happened to the village shop?</a></li></ol></section>
</article>{COMMENTS}
{FOOTER.format(site=escape(article['site']))}</body></html>"""


def drupal(article: dict) -> str:
    content = body_html(article, figure="<p>{caption}</p>", also="<p>{text}</p>", promo="<p>{text}</p>",
                        readmore="<p>{text}</p>")
    return f"""{head_html(article)}<body class="node-type-article"><div id="page">{NAV.format(site=escape(article['site']))}
<div class="region-content"><div id="node-1" class="node node-article">
<h1 class="page-title">{escape(article['title'])}</h1>
<span class="submitted">Submitted by {escape(article['author'])} on {article['date']}</span>
<div class="field field-name-body"><div class="field-items"><div class="field-item even">
{content}
</div></div></div>
<ul class="links inline"><li class="print_html"><a href="/print/1">Printer-friendly version</a></li><li><a href="#">Tweet</a></li></ul>
<div class="field field-name-field-tags"><div class="field-label">Tags:&nbsp;</div><a href="/t/transport">Transport</a></div>
</div></div>
<div class="block-newsletter"><h2>Newsletter</h2><p>Click here to subscribe to our free morning briefing.</p></div>
{FOOTER.format(site=escape(article['site']))}</div></body></html>"""


def amp(article: dict) -> str:
    out = []
    for kind, value in article["body"]:
        if kind == "p":
            out.append(f"<p>{escape(value)}</p>")
        elif kind == "h2":
            out.append(f"<p><strong>{escape(value)}</strong></p>")
    out.insert(2, '<div class="ad-slot"><span class="ad-label">Advertisement</span></div>')
    out.insert(4, '<p class="continue">Continue reading below</p>')
    content = "\n".join(out)
    return f"""{head_html(article)}<body><header class="amp-header"><a href="/">{escape(article['site'])}</a><button>Menu</button></header>
<main><article><div class="article-header"><h1>{escape(article['title'])}</h1>
<div class="author-line"><a href="/staff/x">{escape(article['author'])}</a>, Energy reporter</div>
<div class="timestamp">Feb 27, 2024, 6:00 AM</div></div>
<div class="article-body">
{content}
</div>
<div class="newsletter"><p>Get our weekly climate newsletter delivered to your inbox.</p></div>
<div class="share-bar"><a href="#">Share on Facebook</a><a href="#">Share on X</a></div>
</article></main>
<section class="recirc"><h2>More from {escape(article['site'])}</h2><ul><li><a href="/r1">Five ways to cut your energy bill</a></li><li><a href="/r2">Solar panels: are they worth it?</a></li></ul></section>
{FOOTER.format(site=escape(article['site']))}</body></html>"""


def newspaper(article: dict) -> str:
    content = body_html(
        article,
        figure='<figure class="element-image"><img src="/p/{slug}.jpg"><figcaption><span class="caption-text">{caption}</span> <span class="credit">Photograph: Elias Brandt/The Northern Standard</span></figcaption></figure>',
        also="<p>{text}</p>", promo="<p>{text}</p>", readmore="<p>{text}</p>")
    return f"""{head_html(article)}<body>{NAV.format(site=escape(article['site']))}
<div class="content__head"><div class="content__section-label"><a href="/environment">Environment</a></div>
<h1 class="content__headline">{escape(article['title'])}</h1>
<div class="content__standfirst"><p>{escape(article.get('standfirst', ''))}</p></div></div>
<div class="content__meta"><p class="byline"><a rel="author" href="/profile/x">{escape(article['author'])}</a> Science correspondent</p><time>Wed 30 Aug 2023 12.01 BST</time></div>
<div class="content__article-body">
{content}
<aside class="element-rich-link"><p>Related: <a href="/r">Ski resorts plan for winters without snow</a></p></aside>
</div>
<div class="submeta"><span>Topics</span><ul><li><a href="/t/glaciers">Glaciers</a></li><li><a href="/t/climate">Climate crisis</a></li></ul><a href="/reuse">Reuse this content</a></div>
{COMMENTS}
{FOOTER.format(site=escape(article['site']))}</body></html>"""


TEMPLATES = {"wordpress": wordpress, "statenews": statenews, "wire": wire, "factcheck": factcheck, "magazine": magazine,
             "drupal": drupal, "amp": amp, "newspaper": newspaper}


def main() -> None:
    articles = json.loads((HERE / "articles.json").read_text(encoding="utf-8"))
    (HERE / "html").mkdir(exist_ok=True)
    gold = {}
    for article in articles:
        page = TEMPLATES[article["template"]](article)
        (HERE / "html" / f"{article['id']}.html.gz").write_bytes(gzip.compress(page.encode("utf-8"), mtime=0))
        gold[article["id"]] = {"articleBody": gold_body(article), "url": f"https://{article['domain']}/"}
    (HERE / "ground-truth.json").write_text(json.dumps(gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(gold)} pages -> {HERE / 'html'}")


if __name__ == "__main__":
    main()
