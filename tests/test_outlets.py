"""The outlet registry: lookup by name, alias, domain and URL; what state_affiliated means."""

from __future__ import annotations

import pytest

from presslens.outlets import TYPOLOGIES, domain_of, lookup, registry, unknown_profile


@pytest.mark.parametrize(
    "query, name",
    [
        ("TASS", "TASS"),
        ("ITAR-TASS", "TASS"),
        ("RT", "RT"),
        ("Russia Today", "RT"),
        ("russia today", "RT"),
        ("Sputnik", "Sputnik"),
        ("Xinhua News Agency", "Xinhua"),
        ("Izvestia", "Izvestia"),
        ("the Guardian", "The Guardian"),
        ("AP", "Associated Press"),
        ("Agence France-Presse", "AFP"),
    ],
)
def test_lookup_by_name_or_alias(query, name):
    assert lookup(query).name == name


@pytest.mark.parametrize(
    "query, name",
    [
        ("tass.com", "TASS"),
        ("www.rt.com", "RT"),
        ("https://www.rt.com/russia/123-nato-talks/", "RT"),
        ("https://edition.cnn.com/2021/12/29/europe/index.html", "CNN"),
        ("http://sputnikglobe.com:80/world", "Sputnik"),
        ("https://www.bbc.co.uk/news/world-europe-1", "BBC"),
        ("ria.ru", "RIA Novosti"),
    ],
)
def test_lookup_by_domain_or_url(query, name):
    assert lookup(query).name == name


def test_subdomain_with_its_own_entry_wins_over_parent():
    assert lookup("https://russian.rt.com/world").name == "Russian RT"


@pytest.mark.parametrize("query", ["Ru-Main", "ru-main.com", "", "   ", "Baltic Watch"])
def test_unknown_outlets_are_none(query):
    assert lookup(query) is None


def test_ambiguous_name_is_none_but_listed():
    assert lookup("NTV") is None
    assert {p.country for p in registry().lookup_all("NTV")} >= {"Russia", "Turkey"}


def test_state_controlled_media_is_state_affiliated():
    tass = lookup("TASS")
    assert (tass.state_affiliated, tass.country, tass.typology, tass.editorial_independence) == (
        True,
        "Russia",
        "SC",
        False,
    )


def test_independent_public_media_is_not_state_affiliated():
    bbc = lookup("BBC")
    assert (bbc.state_affiliated, bbc.typology, bbc.editorial_independence) == (False, "IP", True)


def test_state_funded_independent_media_says_so():
    voa = lookup("Voice of America")
    assert (voa.state_affiliated, voa.state_funded, voa.editorial_independence) == (False, True, True)


def test_curated_independent_outlet():
    reuters = lookup("Reuters")
    assert (reuters.state_affiliated, reuters.typology, reuters.ownership is not None) == (False, None, True)


def test_every_typology_in_the_data_is_known():
    assert {p.typology for p in registry().profiles} - {None} <= set(TYPOLOGIES)


def test_state_affiliated_follows_editorial_control():
    assert {code for code, t in TYPOLOGIES.items() if t.state_affiliated} == {"SC", "CaPu", "CaPr"}


def test_unknown_profile_claims_nothing():
    profile = unknown_profile("Ru-Main", "not in the registry")
    assert (profile.state_affiliated, profile.country, profile.reason) == (None, None, "not in the registry")


def test_describe():
    assert lookup("TASS").describe() == "TASS is state-controlled media (Russia)"


def test_profile_to_dict_is_json_ready():
    data = lookup("RT").to_dict()
    assert isinstance(data["domains"], list) and "rt.com" in data["domains"]


@pytest.mark.parametrize(
    "value, domain",
    [("https://www.tass.com/x", "tass.com"), ("WWW3.NHK.or.jp", "nhk.or.jp"), ("Russia Today", None), ("RT", None)],
)
def test_domain_of(value, domain):
    assert domain_of(value) == domain


def test_generic_names_are_not_matched_in_text():
    names = registry().text_names
    assert not {"Channel 5", "The Herald", "Financial News", "Iran", "NTV"} & set(names)


@pytest.mark.parametrize("query", ["Ruptly", "Redfish", "https://ruptly.tv/en/videos/1", "redfish.media"])
def test_rt_agencies_are_state_affiliated_through_rt(query):
    assert (lookup(query).state_affiliated, lookup(query).parent) == (True, "RT")


def test_a_curated_state_media_arm_says_why_and_on_what_source():
    assert "source: US Department of State" in lookup("Ruptly").reason
