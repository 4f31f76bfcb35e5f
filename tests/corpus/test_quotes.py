from presslens.corpus.quotes import propagation, same_quote, similarity, word_changes, words


def quote(article_id, text, speaker="Sergey Lavrov", outlet="TASS", published="2022-01-10"):
    return {"article_id": article_id, "text": text, "speaker": speaker, "outlet": outlet, "published": published}


ORIGINAL = "NATO expansion to the east is a direct threat to the security of Russia"


def test_word_changes_lists_added_dropped_and_altered_words():
    later = "NATO expansion eastward is a direct and growing threat to Russia"
    assert word_changes(ORIGINAL, later) == {
        "added": ["and growing"],
        "dropped": ["the security of"],
        "altered": [["to the east", "eastward"]],
    }


def test_identical_versions_have_no_changes():
    assert word_changes(ORIGINAL, ORIGINAL.upper().lower()) == {"added": [], "dropped": [], "altered": []}


def test_a_shortened_quote_is_covered_by_the_original():
    assert similarity(words(ORIGINAL), words("a direct threat to the security of Russia"))[1] == 1.0


def test_a_shortened_version_is_the_same_quote():
    assert same_quote(words(ORIGINAL), words("a direct threat to the security of Russia")) is not None


def test_a_quote_sharing_a_fragment_is_not_the_same_quote():
    other = "We do not want anything that people are asked to believe is true about the elections"
    assert same_quote(words("Nobody should have to believe is true what the government says"), words(other)) is None


def test_two_statements_on_one_template_are_not_the_same_quote():
    assert same_quote(words("to impose a 35 percent tax on Carrier products from Mexico"),
                      words("to impose a 35 percent tax on imported Ford vehicles")) is None


def test_a_short_quote_with_words_inserted_is_not_a_shortened_version():
    assert same_quote(words("We are going to replace Obamacare with something so much better"),
                      words("We are going to win so much")) is None


def test_a_short_unbroken_excerpt_is_a_shortened_version():
    assert same_quote(words("that Mr. Clinton would be in charge of the economy, because he knows how to do it"),
                      words("he knows how to do it")) is not None


def test_hyphenation_is_not_a_change():
    assert word_changes("public and semi-private courses", "public and semiprivate courses")["altered"] == []


def test_typography_is_not_a_change():
    assert word_changes("We don’t want war, we’re ready", "We don't want war, we're ready") == \
        {"added": [], "dropped": [], "altered": []}


def test_attribution_words_are_not_a_change():
    assert word_changes("NATO is a threat, he said, to Russia", "NATO is a threat to Russia") == \
        {"added": [], "dropped": [], "altered": []}


def test_the_speakers_name_in_the_attribution_is_not_a_change():
    assert word_changes('"NATO is a threat," Lavrov said. "We will respond."', '"We will respond."')["dropped"] == \
        ["NATO is a threat"]


def test_a_one_word_alteration_is_the_one_change():
    assert word_changes(ORIGINAL, ORIGINAL.replace("direct", "serious"))["altered"] == [["direct", "serious"]]


def test_propagation_groups_versions_and_finds_the_first_appearance():
    quotes = [
        quote("rt-2", "NATO expansion to the east is a direct threat to Russia", outlet="RT", published="2022-01-11"),
        quote("tass-1", ORIGINAL, published="2022-01-10"),
        quote("proxy-3", ORIGINAL, outlet="proxy", published="2022-01-12"),
        quote("rt-2", "We will respond to any provocation", outlet="RT", published="2022-01-11"),
        quote("bbc-4", "NATO expansion to the east is a direct threat to Russia", speaker="Jens Stoltenberg",
              outlet="BBC"),
    ]
    [group] = propagation(quotes)
    assert group["speaker"] == "Sergey Lavrov"
    assert group["first"]["article_id"] == "tass-1"
    assert group["articles"] == ["proxy-3", "rt-2", "tass-1"]
    assert group["outlets"] == ["RT", "TASS", "proxy"]
    rt, proxy = group["versions"]
    assert (rt["article_id"], rt["dropped"], rt["identical"]) == ("rt-2", ["the security of"], False)
    assert proxy["identical"] is True


def test_unattributed_and_very_short_quotes_are_left_out():
    quotes = [quote("a", ORIGINAL, speaker=None), quote("b", ORIGINAL, speaker=None),
              quote("c", "No comment"), quote("d", "No comment")]
    assert propagation(quotes) == []
