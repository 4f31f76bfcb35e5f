"""The quotes analyzer on text written for these tests, the bundled example and the reference article."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from presslens.article import Article, Block, Span
from presslens.analyzers.quotes import QuoteAnalyzer
from presslens.context import Context
from presslens.report import Report

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "presslens" / "examples" / "baltic-drills.txt"
SHARED = Path(os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
REFERENCE = SHARED / "examples" / "ru-main-2021-12-29-nato.txt"

STORY = """Ministers Clash Over Border Plan

Interior Minister Anna Berg said on Monday that the border would stay open. “We will not build walls,” Berg told reporters. “Walls do not work.”

The minister added that her department had hired 300 new officers, Radio Nord reports.

Opposition leader Tomas Lind rejected the plan. The plan is “a gift to smugglers,” he said.

According to Lind, the government has ignored every warning.

Defence chief General Eva Holm, however, warned that the army was not ready, as Lind said last week.

“We are stretched thin and we need more time,” the general told Radio Nord.

Someone in the crowd shouted something.
"""


def analyze(text: str, outlets: tuple[str, ...] = (), blocks: tuple[Block, ...] = (),
            **config) -> tuple[list[Span], Context]:
    """Run the analyzer (with ``config``) with the real entities layer and the given outlet names as the sources layer."""
    article = Article(text=text, language="en", blocks=blocks)
    context = Context(article)
    sources = []
    for name in outlets:
        start = text.find(name)
        while start != -1:
            sources.append(Span(start, start + len(name), "OUTLET", attrs={"name": name}))
            start = text.find(name, start + 1)
    context.set_spans("sources", sources)
    return QuoteAnalyzer(**config).analyze(article, context), context


def find(spans, text, content_part):
    matches = [s for s in spans if content_part in s.text_in(text)]
    assert matches, f"no quote containing {content_part!r}: {[s.text_in(text) for s in spans]}"
    return matches[0]


def speaker_name(span):
    speaker = span.attrs["speaker"]
    return speaker.attrs["name"] if speaker is not None else None


@pytest.fixture(scope="module")
def story():
    spans, context = analyze(STORY, outlets=("Radio Nord",))
    return spans, context


@pytest.mark.parametrize("content, name, kind", [
    ("the border would stay open", "Anna Berg", "indirect"),
    ("We will not build walls", "Anna Berg", "direct"),
    ("Walls do not work", "Anna Berg", "direct"),
    ("her department had hired 300 new officers", "Anna Berg", "indirect"),
    ("a gift to smugglers", "Tomas Lind", "mixed"),
    ("the government has ignored every warning", "Tomas Lind", "indirect"),
    ("the army was not ready", "Eva Holm", "indirect"),
    ("We are stretched thin", "Eva Holm", "direct"),
])
def test_each_attribution_has_its_speaker_and_kind(story, content, name, kind):
    spans, _ = story
    span = find(spans, STORY, content)
    assert speaker_name(span) == name
    assert span.attrs["kind"] == kind


def test_quotation_continued_in_the_same_paragraph_is_a_quote_of_its_own(story):
    spans, _ = story
    first, second = find(spans, STORY, "We will not build walls"), find(spans, STORY, "Walls do not work")
    assert (first.text_in(STORY), second.text_in(STORY)) == ("“We will not build walls,”", "“Walls do not work.”")
    assert (second.attrs["cue"], speaker_name(second)) == (None, "Anna Berg")


def test_quotation_continued_in_the_same_paragraph_is_joined_as_polnear_annotates_it():
    spans, _ = analyze(STORY, outlets=("Radio Nord",), join_continued=True)
    span = find(spans, STORY, "We will not build walls")
    parts = [part.text_in(STORY) for part in span.attrs["parts"]]
    assert parts == ["“We will not build walls,”", "“Walls do not work.”"]
    assert span.attrs["kind"] == "direct"


def test_description_resolves_to_the_person_whose_role_fits(story):
    spans, _ = story
    span = find(spans, STORY, "her department had hired")
    assert span.attrs["speaker"].text_in(STORY) == "The minister"
    general = find(spans, STORY, "We are stretched thin")
    assert general.attrs["speaker"].text_in(STORY) == "the general"


def test_pronoun_resolves_to_the_last_person_in_subject_position(story):
    spans, _ = story
    span = find(spans, STORY, "a gift to smugglers")
    assert span.attrs["speaker"].text_in(STORY) == "he"
    assert span.attrs["cue"].text_in(STORY) == "said"


def test_nested_attribution_is_a_quote_of_its_own(story):
    spans, _ = story
    nested = [s for s in spans if s.attrs["cue"] is not None and s.attrs["cue"].text_in(STORY) == "said"
              and speaker_name(s) == "Tomas Lind" and "army" in s.text_in(STORY)]
    assert nested, "“as Lind said” should be its own attribution"


def test_outlet_that_carried_the_attribution(story):
    spans, _ = story
    assert find(spans, STORY, "her department had hired").attrs["outlet"] == "Radio Nord"
    assert find(spans, STORY, "We are stretched thin").attrs["outlet"] == "Radio Nord"
    assert find(spans, STORY, "We will not build walls").attrs["outlet"] is None


def test_according_to_has_a_two_word_cue(story):
    spans, _ = story
    span = find(spans, STORY, "ignored every warning")
    assert span.attrs["cue"].text_in(STORY) == "According to"


def test_no_quote_in_a_sentence_without_attribution(story):
    spans, _ = story
    assert not [s for s in spans if "crowd" in s.text_in(STORY)]


def test_speakers_summary(story):
    spans, context = story
    summary = QuoteAnalyzer().summarize(context.article, spans, context)["speakers"]
    berg = next(row for row in summary if row["name"] == "Anna Berg")
    assert berg["role"] == "Interior Minister"
    assert berg["quotes"] == berg["direct"] + berg["indirect"] + berg["mixed"] >= 3
    assert berg["direct"] >= 1 and berg["indirect"] >= 2
    assert berg["outlets"] == ["Radio Nord"]
    assert berg["words"] > 10


def test_report_json_round_trip(story):
    spans, context = story
    report = Report(article=context.article, layers={"quotes": spans})
    data = json.loads(json.dumps(report.to_dict()))
    item = data["quotes"][0]
    assert {"kind", "cue", "speaker", "outlet", "start", "end", "text"} <= set(item)
    assert Report.from_dict(data).to_dict() == data


def test_transcript_lines():
    text = ("Interview\n\nSputnik: What do you expect from the talks next week?\n\n"
            "Michael Swadling: I expect very little to come out of them.\n\nNote: this is an edited transcript.")
    spans, _ = analyze(text, outlets=("Sputnik",))
    names = {s.text_in(text): s.attrs["speaker"].text_in(text) for s in spans if s.attrs["speaker"] is not None}
    assert names["I expect very little to come out of them"] == "Michael Swadling"
    assert names["What do you expect from the talks next week?"] == "Sputnik"
    assert not [s for s in spans if "edited transcript" in s.text_in(text)]


def test_dash_credit_and_colon_forms():
    text = ("The commission published its plan.\n\n"
            "“We will phase out coal by 2030 and nobody will be left behind” – Commissioner Jan Weber\n\n"
            "Weber said: “The money is there.”")
    spans, _ = analyze(text)
    dash = find(spans, text, "phase out coal")
    assert dash.attrs["speaker"].text_in(text) == "Commissioner Jan Weber"
    colon = find(spans, text, "The money is there")
    assert speaker_name(colon) == "Jan Weber"
    assert colon.attrs["kind"] == "direct"


def test_multi_paragraph_quote_is_one_direct_quote():
    text = ("Mayor Lena Fisk said:\n\n“The first thing we will do is repair the bridges.\n\n"
            "“Then we will fix the schools. After that, the roads,” she said.\n\nThe council meets on Friday.")
    spans, _ = analyze(text)
    quote = find(spans, text, "repair the bridges")
    assert "the roads" in quote.text_in(text)
    assert quote.attrs["kind"] == "direct"
    assert speaker_name(quote) == "Lena Fisk"


def test_quotation_after_a_long_attribution_sentence_joins_that_attribution():
    text = ("“We cannot wait for the next flood,” said Mayor Lena Fisk, a former engineer who has run the city "
            "since the storm of 2009 and its long reconstruction. “The dikes must be raised this year.”\n\n"
            "The council meets on Friday.")
    spans, _ = analyze(text, join_continued=True)
    quote = find(spans, text, "next flood")
    assert [part.text_in(text) for part in quote.attrs["parts"]] == [
        "“We cannot wait for the next flood,”", "“The dikes must be raised this year.”"]
    assert speaker_name(quote) == "Lena Fisk"
    assert len([s for s in spans if "dikes" in s.text_in(text)]) == 1


def test_attribution_reported_inside_another_is_part_of_its_content():
    text = "Senator Mary Holt said on Monday that Governor Tom Reyes had claimed the budget was balanced."
    spans, _ = analyze(text)
    assert len(spans) == 1
    assert spans[0].text_in(text).endswith("Governor Tom Reyes had claimed the budget was balanced")
    assert speaker_name(spans[0]) == "Mary Holt"


def test_subject_of_an_evidential_verb_is_not_a_speaker():
    text = "The leaked email appears to show that the aide knew about the deal in advance."
    spans, _ = analyze(text)
    assert spans, "the attribution itself is still found"
    assert all(span.attrs["speaker"] is None for span in spans)


def test_unattributed_quote_is_marked_not_guessed():
    text = "The streets were quiet.\n\n“This city will never be the same again after tonight.”\n\nShops opened late."
    spans, _ = analyze(text)
    span = find(spans, text, "never be the same")
    assert span.attrs["speaker"] is None
    assert span.attrs["cue"] is None


def test_unresolvable_description_keeps_its_mention_without_a_name():
    text = "The official said that the talks had failed."
    spans, _ = analyze(text)
    span = find(spans, text, "the talks had failed")
    assert span.attrs["speaker"].text_in(text) == "The official"
    assert span.attrs["speaker"].attrs["name"] is None


@pytest.mark.parametrize("text", [
    "",
    "No quotes here at all, only facts about the weather.",
    "“Unbalanced quote that never closes and says nothing else",
    "He said ” backwards “ marks ” everywhere “ in here.",
    "Broken « mixed ” marks ‘ all ’ over » „ the place.",
    "“" + "Very long quotation. " * 400 + "”, he said.",
    "\n\n\n“\n\n”\n\n",
])
def test_robust_to_odd_input(text):
    spans, _ = analyze(text)
    for span in spans:
        span.check_bounds(len(text))
        assert span.attrs["kind"] in ("direct", "indirect", "mixed")
        assert span.start < span.end


def test_a_stray_opening_mark_never_makes_a_quote_of_half_the_article():
    paragraphs = ["“This stray mark opens a paragraph and nothing closes it"]
    paragraphs += [f"Officer {i} said that the road number {i} was closed on Monday." for i in range(30)]
    text = "\n\n".join(paragraphs)
    spans, _ = analyze(text)
    assert len(spans) >= 30
    assert all(span.end - span.start < len(text) / 10 for span in spans)


def test_long_quote_is_not_cut_and_stays_in_bounds():
    body = "Very long quotation. " * 400
    text = "“" + body + "”, he said."
    spans, _ = analyze(text)
    assert spans and spans[0].attrs["kind"] == "direct"
    assert len(spans[0].text_in(text)) >= len(body)


THOUGHTS = "Senator Ann Cole believes that the bill will pass. Cole said that the vote is on Monday."


def thought_quotes(**options) -> list[str]:
    article = Article(text=THOUGHTS, language="en")
    context = Context(article)
    context.set_spans("sources", [])
    return [s.text_in(THOUGHTS) for s in QuoteAnalyzer(**options).analyze(article, context)]


def test_a_belief_is_not_reported_speech_by_default():
    assert not any("bill will pass" in quote for quote in thought_quotes())


def test_speech_next_to_a_belief_is_kept():
    assert any("vote is on Monday" in quote for quote in thought_quotes())


def test_thoughts_can_be_asked_for_as_polnear_annotates_them():
    assert any("bill will pass" in quote for quote in thought_quotes(thoughts=True))


@pytest.mark.parametrize("text", [
    "Trump's supporters feel that the election was stolen.",
    "Many voters hope that the war will end soon.",
    "I think that the minister is wrong.",
])
def test_opinion_verbs_give_no_quote(text):
    article = Article(text=text, language="en")
    assert QuoteAnalyzer().analyze(article, Context(article)) == []


def test_insisted_is_speech():
    text = "The minister insisted that the talks would go on."
    article = Article(text=text, language="en")
    assert [s.attrs["cue"].text_in(text) for s in QuoteAnalyzer().analyze(article, Context(article))] == ["insisted"]


def test_bundled_example():
    text = EXAMPLE.read_text(encoding="utf-8")
    spans, _ = analyze(text, outlets=("TASS", "Reuters", "RIA Novosti", "CNN", "RT"))
    expected = {
        "Nobody should doubt": "Dmitry Peskov",
        "These drills are not defensive": "Dmitry Peskov",
        "with great concern": "Dmitry Peskov",
        "They talk about dialogue": "Sergey Lavrov",
        "NATO had held 27": "Sergey Lavrov",
        "Western capitals had ignored": "Sergey Lavrov",
        "routine, long-planned exercises": "Jens Stoltenberg",
        "has lost all sense of proportion": "Pavel Ivanov",
        "would raise tension": "Pavel Ivanov",
    }
    for content, name in expected.items():
        assert speaker_name(find(spans, text, content)) == name, content
    assert find(spans, text, "Western capitals had ignored").attrs["outlet"] == "RIA Novosti"
    assert find(spans, text, "routine, long-planned exercises").attrs["outlet"] == "CNN"
    reuters = find(spans, text, "12,000 troops")
    assert reuters.attrs["outlet"] == "Reuters"


#: Every attribution of the reference article: a part of its content, its speaker and its kind.
REFERENCE_QUOTES = [
    ("NATO’s goal is to fill a void", "Sergey Lavrov", "indirect"),
    ("NATO is now a purely geopolitical project", "Sergey Lavrov", "direct"),
    ("we cannot be indifferent", "Sergey Lavrov", "direct"),
    ("the West wants to flame up a conflict", "Sergey Lavrov", "indirect"),
    ("I don’t rule out", "Sergey Lavrov", "direct"),
    ("firmly insist on the inviolability", "Sergey Lavrov", "indirect"),
    ("they should face up to the consequences", "Sergey Lavrov", "indirect"),
    ("Systematic provocations by NATO", "Alexander Fomin", "indirect"),
    ("the alliance opted for direct provocations", "Alexander Fomin", "direct"),
    ("attempt by the British destroyer", "Alexander Fomin", "indirect"),
    ("reconnaissance plane RC-135", "Alexander Fomin", "direct"),
    ("Russia will firmly defend its national interests", "Sergey Lavrov", "indirect"),
    ("We are now preparing to firmly", "Sergey Lavrov", "direct"),
    ("Russia is not bluffing", "Sergey Ryabkov", "indirect"),
    ("we are not bluffing", "Sergey Ryabkov", "direct"),
    ("he did not assume such an opportunity", "Sergey Lavrov", "indirect"),
    ("I do not consider this possibility", "Sergey Lavrov", "direct"),
    ("hysteria over the rise of China", "Sergey Lavrov", "mixed"),
]


@pytest.mark.skipif(not REFERENCE.is_file(), reason="needs ../shared/examples (the reference article)")
def test_reference_article():
    text = REFERENCE.read_text(encoding="utf-8")
    spans, _ = analyze(text, outlets=("TASS", "RT", "Sputnik", "Ru-Main"))
    for content, name, kind in REFERENCE_QUOTES:
        span = find(spans, text, content)
        assert (speaker_name(span), span.attrs["kind"]) == (name, kind), content
    putin = [s for s in spans if speaker_name(s) == "Putin" or speaker_name(s) == "Vladimir Putin"]
    assert putin and "swung" in putin[0].text_in(text)
    senior = find(spans, text, "we are not bluffing")
    assert senior.attrs["speaker"].text_in(text) == "the senior diplomat"
    assert find(spans, text, "firmly insist").attrs["speaker"].text_in(text) == "The diplomat"
    assert find(spans, text, "they should face up").attrs["outlet"] == "RT"
    assert find(spans, text, "firmly defend its national").attrs["outlet"] == "Sputnik"
    assert 18 <= len(spans) <= 22


@pytest.fixture(scope="module")
def reference_with_blocks() -> tuple[str, list[Span]]:
    """The reference article with its first paragraph as the title block and the others as paragraphs."""
    if not REFERENCE.is_file():
        pytest.skip("needs ../shared/examples (the reference article)")
    text = REFERENCE.read_text(encoding="utf-8")
    paragraphs = [m.span() for m in re.finditer(r"[^\n]+", text)]
    blocks = tuple(Block("title" if i == 0 else "paragraph", *span) for i, span in enumerate(paragraphs))
    return text, analyze(text, outlets=("TASS", "RT", "Sputnik", "Ru-Main"), blocks=blocks)[0]


@pytest.mark.parametrize("content, name, kind", REFERENCE_QUOTES)
def test_reference_article_with_blocks_keeps_every_speaker(reference_with_blocks, content, name, kind):
    text, spans = reference_with_blocks
    span = find(spans, text, content)
    assert (speaker_name(span), span.attrs["kind"]) == (name, kind)


def test_reference_article_title_block_is_no_quote(reference_with_blocks):
    text, spans = reference_with_blocks
    assert [s for s in spans if s.start < text.index("\n")] == []


def test_lexicon_only_mode_still_finds_plain_speech():
    text = "Mayor Lena Fisk said that the bridge will reopen. The bridge collapsed on Monday."
    article = Article(text=text, language="en")
    context = Context(article)
    context.set_spans("sources", [])
    spans = QuoteAnalyzer(learned_cues=False).analyze(article, context)
    assert [s.text_in(text) for s in spans] == ["that the bridge will reopen"]
    assert speaker_name(spans[0]) == "Lena Fisk"


def test_outlet_is_the_speaker_when_nothing_else_is_credited():
    text = "“We will win the election in November,” Radio Nord said. Peskov said that the deal was dead, Radio Nord reports."
    spans, _ = analyze(text, outlets=("Radio Nord",))
    quote = find(spans, text, "We will win")
    assert speaker_name(quote) == "Radio Nord" and quote.attrs["speaker"].label == "outlet"
    assert quote.attrs["outlet"] == "Radio Nord"
    credited = find(spans, text, "the deal was dead")
    assert speaker_name(credited) == "Peskov" and credited.attrs["outlet"] == "Radio Nord"
    assert not [s for s in spans if s.attrs["cue"] is not None and s.attrs["cue"].text_in(text) == "reports"]


def test_every_one_of_many_short_quotations_is_found_once():
    text = "".join(f"Minister {name} said “yes, we agree”.\n" for name in ["Berg", "Lind", "Holm"] * 100)
    spans, _ = analyze(text)
    assert [s.text_in(text) for s in spans] == ["“yes, we agree”"] * 300
