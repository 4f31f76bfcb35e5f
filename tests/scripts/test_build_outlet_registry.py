"""The outlet registry build, on a small matrix written here (no ../shared needed)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_outlet_registry.py"
HEADER = "Region,Country,Media company,Main assets,URL,Typology,Status,Notes\n"
ROWS = [
    "Eurasia,Russia,TASS,TASS,https://tass.com/,SC,,",
    "Eurasia,Russia,TASS,TASS,https://tass.ru/,SC,,",
    "Asia,China,Xinhua (New China News Agency),News agency: Xinhua,http://www.xinhuanet.com/,SC,,",
    "Asia,Iran,IIDO,Mehr News Agency (MNA),https://en.mehrnews.com/,SC,,",
    "Asia,Nepal,Nepal Television Corporation,NTV,http://www.ntv.org.np/,SC,,",
    "Europe,Turkey,Dogus Holding,NTV,http://www.ntv.com.tr/,CaPr,,",
    "Europe,United Kingdom,British Broadcasting Corporation (BBC),BBC,https://www.bbc.com/,IP,,",
    "North America and Oceania,United States of America,Voice of America,Golos Ameriki,https://golosameriki.com/,ISFM?,,",
    "Europe,Russia,National Media Group (NMG)**,Channel 5,http://www.5-tv.ru/,CaPu,,",
]
CURATED = {
    "state_media": [{"country": "Russia", "assets": ["TASS"], "name": "TASS", "aliases": ["ITAR-TASS"]}],
    "independent_outlets": [
        {"name": "The Guardian", "aliases": ["The Guardian"], "domains": ["theguardian.com"],
         "country": "United Kingdom", "ownership": "private (Scott Trust)"}
    ],
}


def load_script():
    spec = importlib.util.spec_from_file_location("build_outlet_registry", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    module = load_script()
    folder = tmp_path_factory.mktemp("registry")
    (folder / "matrix.csv").write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    (folder / "curated.json").write_text(json.dumps(CURATED), encoding="utf-8")
    data = module.build(folder / "matrix.csv", folder / "curated.json")
    return data, {o["name"]: o for o in data["outlets"]}


def test_rows_of_one_asset_are_one_outlet_with_all_domains(built):
    assert built[1]["TASS"]["domains"] == ["tass.com", "tass.ru"]


def test_kind_prefix_is_dropped_from_the_name(built):
    assert "Xinhua" in built[1]


def test_acronym_in_parentheses_becomes_an_alias(built):
    assert {"Mehr News Agency", "MNA"} <= set(built[1]["Mehr News Agency (MNA)"]["aliases"])


def test_typology_decides_state_affiliation(built):
    outlets = built[1]
    assert (outlets["TASS"]["state_affiliated"], outlets["BBC"]["state_affiliated"]) == (True, False)


def test_uncertain_typology_is_flagged(built):
    golos = built[1]["Golos Ameriki"]
    assert (golos["typology"], golos["uncertain"], golos["editorial_independence"]) == ("ISFM", True, True)


def test_company_stars_are_cleaned(built):
    assert built[1]["Channel 5"]["parent"] == "National Media Group (NMG)"


def test_shared_names_are_ambiguous(built):
    assert built[0]["ambiguous"]["NTV"] == ["NTV", "NTV (Turkey)"]


def test_curated_aliases_and_lowercase_article_variant(built):
    names = built[0]["names"]
    assert (names["ITAR-TASS"], names["the Guardian"]) == ("TASS", "The Guardian")


def test_generic_and_single_word_matrix_names_are_not_matched_in_text(built):
    assert not {"Channel 5", "BBC", "NTV"} & set(built[0]["text_names"])


def test_curated_and_distinctive_names_are_matched_in_text(built):
    assert {"TASS", "ITAR-TASS", "The Guardian", "Golos Ameriki", "Mehr News Agency"} <= set(built[0]["text_names"])


def test_unknown_curated_asset_fails_with_its_name(tmp_path):
    module = load_script()
    (tmp_path / "matrix.csv").write_text(HEADER + ROWS[0] + "\n", encoding="utf-8")
    curated = {"state_media": [{"country": "Russia", "assets": ["RT"], "name": "RT", "aliases": []}],
               "independent_outlets": []}
    (tmp_path / "curated.json").write_text(json.dumps(curated), encoding="utf-8")
    with pytest.raises(SystemExit, match="RT"):
        module.build(tmp_path / "matrix.csv", tmp_path / "curated.json")
