import re

from presslens.article import Article, Span
from presslens.render import get_renderer
from presslens.render.terminal import TerminalRenderer
from presslens.report import Report

from .reports import HOSTILE


def plain(report, width=120):
    return TerminalRenderer(color=False, width=width).render(report)


def cells(output, first, after=""):
    """The cells of the first table row, past ``after``, whose first cell is ``first``.

    Cells are at least two spaces apart.
    """
    for line in output[output.index(after):].splitlines():
        parts = re.split(r"\s{2,}", line.strip())
        if parts[0] == first:
            return parts
    raise AssertionError(f"no row starting with {first!r}")


def test_text_format_is_the_terminal_renderer():
    assert isinstance(get_renderer("text"), TerminalRenderer)


def test_plain_output_has_no_escape_codes_and_no_trailing_spaces(report):
    output = plain(report)
    assert "\x1b" not in output
    assert all(line == line.rstrip() for line in output.splitlines())


def test_colour_output_when_asked(report):
    assert "\x1b[" in TerminalRenderer(color=True, width=120).render(report)


def test_header_with_field_origins_and_removed_count(report):
    output = plain(report, width=160)
    assert output.splitlines()[0].strip("─ ") == "Moscow Warns West Over “Reckless” Baltic Drills"
    assert cells(output, "outlet") == ["outlet", "Baltic Watch", "(from signature line 'Baltic Watch, 14.03.2023')"]
    assert cells(output, "published")[1] == "2023-03-14"
    assert "2 stretch(es) of boilerplate removed (24 characters): boilerplate ×2" in output


def test_sources_with_state_badge(report):
    output = plain(report)
    assert cells(output, "TASS") == ["TASS", "STATE", "Russia, state-controlled media", "dateline", "1"]
    assert cells(output, "Reuters") == ["Reuters", "no", "United Kingdom", "attribution", "According to", "1"]


def test_speakers_table_and_quotes(report):
    output = plain(report)
    assert cells(output, "Sergey Lavrov", after="Speakers") == ["Sergey Lavrov", "Foreign Minister", "2", "20", "1",
                                                                "1", "0", "RIA Novosti", "PERSON"]
    assert cells(output, "(unattributed)", after="Speakers")[:2] == ["(unattributed)", "1"]
    assert ("Sergey Lavrov (Foreign Minister): “They talk about dialogue, but they are preparing for war”  [direct]"
            in output)
    assert "[indirect, via RIA Novosti]" in output


def test_claims_ranked_by_checkworthiness(report):
    output = plain(report, width=100)
    claims = output[output.index("Claims, most check-worthy first"):].splitlines()
    assert claims[1:6] == [
        " 1. 0.91  quantity",
        "    the exercise will involve 12,000 troops from 14 countries, up from 9,000 troops last year, an",
        "    increase of 25 per cent",
        " 2. 0.64  quantity  Sergey Lavrov",
        "    NATO had held 27 large-scale exercises near Russian borders in 2022",
    ]
    assert claims[6] == " 3. 0.20  other"


def test_numeric_checks_and_techniques(report):
    output = plain(report, width=200)
    assert "inconsistent  “up from 9,000 troops last year, an increase of 25 per cent”" in output
    assert "from 9,000 to 12,000 is +33.3 %, not 25 %" in output
    assert cells(output, "Loaded language")[:2] == ["Loaded language", "2"]
    assert cells(output, "per_1000_words") == ["per_1000_words", "12.50"]


def test_claims_summary_follows_the_claims(report):
    output = plain(report)
    claims = output.index("Claims, most check-worthy first")
    assert claims < output.index("Claims summary: by type") < output.index("Numeric checks")
    assert cells(output, "quantity", after="Claims summary: by type") == ["quantity", "2"]


def test_unknown_layer_and_summary_entry_appear_generically(report):
    output = plain(report)
    assert cells(output, "daily updates") == ["daily updates", "TAIL", "0.50", "runs to the end of the text"]
    assert cells(output, "grade") == ["grade", "11.20"]
    assert "Nothing found in: reuse" in output


def test_report_strings_are_not_rich_markup(hostile):
    article = Article(text="[bold]x[/bold] [link=javascript:alert(1)]y[/link]", title="[red]t[/red]")
    output = TerminalRenderer(color=True, width=120).render(
        Report(article=article, layers={"quotes": [Span(0, 14, "QUOTE")]}))
    assert "[red]t[/red]" in output and "[bold]x[/bold]" in output
    assert "\x1b]8;" not in output, "no terminal hyperlink was made"
    assert HOSTILE in plain(hostile, width=300)


def test_non_english_article_shows_its_warning(foreign):
    output = plain(foreign)
    assert "warning: language 'ru' is not English: skipped entities, quotes, claims, techniques" in output
    assert "Nothing found in: sources, entities, quotes, claims, techniques" in output


def test_render_many_gives_one_chunk_per_report(report, foreign):
    chunks = list(TerminalRenderer(color=False).render_many([report, foreign]))
    assert len(chunks) == 2 and "Москва предупредила Запад" in chunks[1]
