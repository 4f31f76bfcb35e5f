import itertools
import math
from html.parser import HTMLParser

import lxml.html
import pytest

from presslens.article import Article, Block, Span
from presslens.render import get_renderer
import re

from presslens.render import views
from presslens.render.html import Colours, render_fragment, static_text
from presslens.report import Report

from .reports import HOSTILE

VOID = {"br", "img", "input", "meta", "link", "hr", "wbr"}


class NestingChecker(HTMLParser):
    """Fails on any end tag that does not close the innermost open element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def assert_well_nested(markup):
    checker = NestingChecker()
    checker.feed(markup)
    checker.close()
    assert checker.stack == []


def tree(markup):
    return lxml.html.fragment_fromstring(markup) if not markup.startswith("<!DOCTYPE") else lxml.html.fromstring(markup)


def key_elements(root, key):
    return root.xpath(f"//*[contains(concat(' ', @data-keys, ' '), ' {key} ')]")


def test_fragment_markup_nests_properly(report, hostile, foreign):
    for each in (report, hostile, foreign):
        assert_well_nested(render_fragment(each))


def test_text_content_of_the_article_is_the_article_text(report, hostile):
    for each in (report, hostile):
        root = tree(render_fragment(each))
        (text,) = root.find_class("pl-text")
        assert text.text_content() == each.article.text


def test_every_span_highlights_exactly_its_text(report):
    root = tree(render_fragment(report))
    text = report.article.text
    checked = 0
    for layer, spans in report.layers.items():
        for index, span in enumerate(spans):
            elements = key_elements(root, f"{layer}:{index}")
            assert elements, f"{layer}:{index} is not highlighted"
            assert all(element.get("data-layer") == layer for element in elements)
            assert "".join(element.text_content() for element in elements) == span.text_in(text)
            checked += 1
    assert checked == sum(len(spans) for spans in report.layers.values())


def test_nested_spans_are_nested_elements(report):
    root = tree(render_fragment(report))
    war = [t for t in key_elements(root, "techniques:3")]
    assert war[0].text_content() == "preparing for war"
    assert war[0].getparent().get("data-layer") == "quotes"


def test_spans_at_the_start_and_end_of_the_text(report):
    root = tree(render_fragment(report))
    (text,) = root.find_class("pl-text")
    assert text.text is None, "the headline claim starts at offset 0: no text before the first element"
    first = text[0]
    assert "claims:0" in (first.get("data-keys") or "") or first.xpath(".//*[contains(@data-keys, 'claims:0')]")
    pieces = key_elements(root, "hedges:0")  # split where a scored sentence ends
    assert "".join(piece.text_content() for piece in pieces) == "daily updates\n"
    assert not pieces[-1].tail


def test_a_layer_toggle_per_non_empty_layer(report):
    root = tree(render_fragment(report))
    boxes = {box.get("data-layer-toggle"): box for box in root.xpath("//input[@type='checkbox']")}
    assert set(boxes) == {"quotes", "sources", "entities", "claims", "numeric_checks", "techniques", "hedges"}
    assert "reuse" not in boxes
    assert boxes["entities"].get("checked") is None
    assert all(box.get("checked") is not None for name, box in boxes.items() if name != "entities")
    assert all("pl-off" in element.get("class") for element in root.xpath("//*[@data-layer='entities']"))


def test_quotes_are_coloured_per_speaker_like_the_speakers_panel(report):
    root = tree(render_fragment(report))
    colours = Colours.of(report)
    lavrov, peskov = colours.speaker("Sergey Lavrov"), colours.speaker("Dmitry Peskov")
    assert lavrov != peskov and "pl-c-none" not in (lavrov, peskov)
    for key, colour in (("quotes:0", peskov), ("quotes:1", lavrov), ("quotes:2", lavrov)):
        assert all(colour in element.get("class").split() for element in key_elements(root, key))
    swatches = [cell.find_class("pl-swatch")[0].get("class").split()[-1]
                for cell in root.xpath("//section[h2='Speakers']//tbody/tr/td[1]")]
    assert swatches == [peskov, lavrov, "pl-c-none"]


def test_every_palette_colour_is_defined_in_the_css():
    defined = set(re.findall(r"^\.pl-c(\d+) \{", static_text("report.css"), re.MULTILINE))
    assert defined == {str(index) for index in range(views.PALETTE_SIZE)}


def test_state_media_badges_in_text_and_outlets_panel(report):
    root = tree(render_fragment(report))
    badges = {element.text_content(): element.get("data-badge") for element in root.xpath("//*[@data-badge]")}
    assert badges == {"TASS": "state media · Russia", "RIA Novosti": "state media · Russia"}
    rows = root.xpath("//section[h2='Cited outlets']//tbody/tr")
    flagged = {row[0].text: bool(row[0].find_class("pl-badge-state")) for row in rows}
    assert flagged == {"TASS": True, "Reuters": False, "RIA Novosti": True}


def test_claims_panel_ranks_by_checkworthiness(report):
    root = tree(render_fragment(report))
    items = root.xpath("//ol[@class='pl-claims']/li")
    assert [item.find_class("pl-badge")[0].text for item in items] == ["0.91", "0.64", "0.20"]
    assert items[0].find_class("pl-goto")[0].get("data-goto") == "claims:1"


def test_technique_explanation_on_hover_and_in_details(report):
    root = tree(render_fragment(report))
    (element,) = key_elements(root, "techniques:2")
    assert element.get("title") == "Name calling, labeling (0.55): cue words: 'They are a rehearsal for aggression'"
    (detail,) = root.xpath("//li[@data-key='techniques:2']")
    assert detail.get("hidden") is not None
    assert "cue words: 'They are a rehearsal for aggression'" in detail.text_content()
    legend = [item.text_content() for item in root.xpath("//ul[@class='pl-legend']/li")]
    assert legend[0] == "Loaded language 2"
    listed = root.xpath("//ol[@class='pl-techniques']/li")
    assert [item.find_class("pl-goto")[0].get("data-goto") for item in listed] == [f"techniques:{i}" for i in range(4)]
    assert listed[2].text_content() == "“They are a rehearsal for aggression” Name calling, labeling 0.55"


def test_claims_summary_is_in_the_claims_panel_and_other_summaries_have_their_own(report):
    root = tree(render_fragment(report))
    claims = root.xpath("//section[h2='Claims, most check-worthy first']/h3/text()")
    assert claims == ["Claims summary", "Claims summary: by type"]
    assert root.xpath("//section[h2='Reuse summary']")


def test_numeric_check_verdict_and_explanation(report):
    root = tree(render_fragment(report))
    (element,) = key_elements(root, "numeric_checks:0")[:1]
    assert "pl-v-inconsistent" in element.get("class")
    (item,) = root.xpath("//ul[@class='pl-numbers']/li")
    assert item.find_class("pl-badge")[0].text == "inconsistent"
    assert "+33.3 %" in item.text_content()


def test_unknown_layer_and_summary_entry_are_shown_as_tables(report):
    root = tree(render_fragment(report))
    (hedges,) = root.xpath("//section[h2='Hedges']//tbody/tr")
    assert [cell.text for cell in hedges] == ["daily updates\n", "TAIL", "0.50", "runs to the end of the text"]
    (readability,) = root.xpath("//section[h2='Readability']//tbody/tr")
    assert [cell.text for cell in readability] == ["grade", "11.20"]


def test_techniques_summary_tables(report):
    root = tree(render_fragment(report))
    titles = root.xpath("//section[h2='Techniques found']/h3/text()")
    assert titles == ["Techniques summary", "Techniques summary: top techniques"]


def test_long_summary_tables_have_a_row_limit(report):
    report.summary["readability_by_paragraph"] = [{"paragraph": i, "grade": 10.0} for i in range(30)]
    root = tree(render_fragment(report))
    rows = root.xpath("//section[h2='Readability by paragraph']//tbody/tr")
    assert len(rows) == 26 and rows[-1][0].text == "… 5 more"


def test_header_shows_fields_with_their_origin_and_removed_boilerplate(report):
    root = tree(render_fragment(report))
    terms = [term.text for term in root.xpath("//dl[@class='pl-meta']/dt")]
    assert terms == ["title", "outlet", "publisher", "published", "byline", "language", "dateline"]
    (publisher,) = root.xpath("//dt[.='publisher']/following-sibling::dd[1]")
    assert publisher.text_content() == "Baltic Watch: state affiliation unknownfrom outlet registry"
    assert not publisher.find_class("pl-badge-state")
    (outlet,) = root.xpath("//dt[.='outlet']/following-sibling::dd[1]")
    assert "from signature line 'Baltic Watch, 14.03.2023'" in outlet.text_content()
    assert root.find_class("pl-note")[0].text.startswith("2 stretch(es) of boilerplate removed")


@pytest.mark.parametrize("name", ["fragment", "page"])
def test_hostile_text_is_escaped_everywhere(hostile, name):
    markup = render_fragment(hostile) if name == "fragment" else get_renderer("html").render(hostile)
    root = tree(markup)
    assert root.xpath("//img") == []
    assert len(root.xpath("//script")) == (0 if name == "fragment" else 1)
    assert all(not script.get("src") for script in root.xpath("//script"))
    for element in root.iter():
        assert not [key for key in element.attrib if key.lower().startswith("on")], element.tag
        assert not (element.get("href") or "").lower().startswith("javascript")
    assert "<script>" not in markup.replace("<script>\n" + static_text("report.js"), "")
    assert HOSTILE in root.text_content()
    (speaker,) = root.xpath("//section[h2='Speakers']//tbody/tr/td[1]")
    assert "".join(speaker.xpath("text()")) == HOSTILE and speaker.find_class("pl-role")[0].text == HOSTILE


def test_only_web_urls_become_links(hostile):
    assert tree(render_fragment(hostile)).xpath("//a") == []
    safe = Report(article=Article(text="Text.", url="https://example.org/a?b=1&c=2"))
    (link,) = tree(render_fragment(safe)).xpath("//a")
    assert link.get("href") == "https://example.org/a?b=1&c=2"
    assert link.get("rel") == "noopener noreferrer nofollow"


def test_non_english_article_shows_warnings_and_empty_panels(foreign):
    root = tree(render_fragment(foreign))
    assert root.xpath("//ul[@class='pl-warnings']/li/text()") == foreign.warnings
    assert root.find_class("pl-text")[0].get("lang") == "ru"
    assert root.xpath("//input") == []
    assert root.find_class("pl-empty")


def test_page_is_self_contained(report):
    page = get_renderer("html").render(report)
    root = tree(page)
    assert root.xpath("//link") == [] and root.xpath("//*[@src]") == []
    assert static_text("report.css") in root.xpath("//style")[0].text
    assert static_text("report.js") in root.xpath("//script")[0].text
    assert root.xpath("//title")[0].text == "presslens report: Moscow Warns West Over “Reckless” Baltic Drills"


def test_script_never_writes_markup():
    script = static_text("report.js")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "document.write" not in script


def test_render_many_is_one_page_with_a_section_per_article(report, hostile, foreign):
    page = "".join(get_renderer("html").render_many([report, hostile, foreign]))
    assert_well_nested(page.split("\n", 1)[1])
    root = tree(page)
    assert len(root.xpath("//section[contains(@class, 'pl-report')]")) == 3
    assert page.count("<html") == 1 and len(root.xpath("//script")) == 1


def test_render_many_of_nothing_is_an_empty_page():
    root = tree("".join(get_renderer("html").render_many([])))
    assert root.xpath("//section") == [] and root.xpath("//title")[0].text == "presslens report"


def test_a_quote_nested_in_another_takes_its_own_speakers_colour():
    text = "“As Putin said, “we cannot be indifferent”, and we are not,” Lavrov said."
    inner_start = text.index("“we")
    outer = Span(0, text.index(" Lavrov"), "QUOTE", attrs={"speaker": {"name": "Sergey Lavrov"}})
    inner = Span(inner_start, text.index(", and"), "QUOTE", attrs={"speaker": {"name": "Vladimir Putin"}})
    report = Report(article=Article(text=text), layers={"quotes": [outer, inner]})
    colours = Colours.of(report)
    root = tree(render_fragment(report))
    (both,) = key_elements(root, "quotes:1")
    assert both.get("data-keys") == "quotes:0 quotes:1"
    assert colours.speaker("Vladimir Putin") in both.get("class").split()
    assert all(colours.speaker("Sergey Lavrov") in element.get("class").split()
               for element in key_elements(root, "quotes:0") if element is not both)


def test_fragment_works_under_a_strict_content_security_policy(report, hostile):
    for each in (report, hostile):
        root = tree(render_fragment(each))
        assert root.xpath("//script | //style | //*[@style]") == []


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour ``#rrggbb``."""
    red, green, blue = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    linear = [((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92 for c in (red, green, blue)]
    x = (0.4124 * linear[0] + 0.3576 * linear[1] + 0.1805 * linear[2]) / 0.95047
    y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    z = (0.0193 * linear[0] + 0.1192 * linear[1] + 0.9505 * linear[2]) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


@pytest.mark.parametrize("variable", ["bg", "fg"])
def test_palette_colours_are_far_apart(variable):
    colours = re.findall(rf"^\.pl-c\d+ \{{.*--pl-{variable}: (#[0-9a-f]{{6}})", static_text("report.css"), re.M)
    closest = min(math.dist(_lab(a), _lab(b)) for a, b in itertools.combinations(colours, 2))
    assert len(colours) == views.PALETTE_SIZE and closest > 12


def test_heading_block_is_styled_as_a_heading():
    report = Report(Article(text="The Gordon problem\n\nSondland said so.",
                            blocks=(Block("heading", 0, 18), Block("paragraph", 20, 37))))
    (heading,) = tree(render_fragment(report)).find_class("pl-b-heading")
    assert heading.text_content() == "The Gordon problem"


def test_paragraph_blocks_are_not_wrapped():
    report = Report(Article(text="Sondland said so.", blocks=(Block("paragraph", 0, 17),)))
    assert not tree(render_fragment(report)).find_class("pl-block")


def test_sentence_scores_mark_the_first_run_of_each_sentence():
    text = "NATO lies. Russia waits."
    report = Report(Article(text=text), layers={"techniques": [Span(5, 9, "T", attrs={"technique": "Doubt"})]},
                    summary={"techniques_summary": {"sentences": [{"start": 0, "end": 10, "score": 0.9},
                                                                   {"start": 11, "end": 24, "score": 0.1}]}})
    marks = tree(render_fragment(report)).find_class("pl-sent-start")
    assert [(mark.get("class"), mark.text_content()) for mark in marks] == [
        ("pl-sent pl-sent-4 pl-sent-start", "NATO "), ("pl-sent pl-sent-0 pl-sent-start", "Russia waits.")]


def test_sentence_scores_shown_in_the_text_leave_the_panel():
    report = Report(Article(text="NATO lies."), layers={"techniques": [Span(5, 9, "T", attrs={"technique": "Doubt"})]},
                    summary={"techniques_summary": {"sentences": [{"start": 0, "end": 10, "score": 0.9}]}})
    assert tree(render_fragment(report)).xpath("//section[h2='Techniques found']/h3") == []
