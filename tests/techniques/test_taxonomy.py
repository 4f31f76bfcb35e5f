from presslens.techniques.taxonomy import (
    DISPLAY_NAMES,
    SEMEVAL2023,
    SEMEVAL2023_CATEGORIES,
    SEMEVAL2023_ONLY,
    TECHNIQUES,
    semeval2023_view,
)


def test_fourteen_techniques_each_named_and_mapped():
    assert len(TECHNIQUES) == 14
    assert set(DISPLAY_NAMES) == set(TECHNIQUES) == set(SEMEVAL2023)


def test_semeval2023_has_23_techniques_in_six_categories():
    assert len(SEMEVAL2023_CATEGORIES) == 6
    assert sum(len(members) for members in SEMEVAL2023_CATEGORIES.values()) == 23


def test_every_mapped_technique_exists_in_2023():
    known = {name for members in SEMEVAL2023_CATEGORIES.values() for name in members}
    assert all(set(mapped) <= known for mapped in SEMEVAL2023.values())


def test_merged_labels_split_again():
    assert semeval2023_view("Whataboutism,Straw_Men,Red_Herring") == {
        "techniques": ["Whataboutism", "Straw_Man", "Red_Herring"],
        "categories": ["Distraction"],
    }
    assert semeval2023_view("Bandwagon,Reductio_ad_hitlerum")["categories"] == ["Attack on reputation", "Justification"]


def test_2023_only_techniques():
    assert set(SEMEVAL2023_ONLY) == {
        "Appeal_to_Hypocrisy", "Questioning_the_Reputation", "Appeal_to_Values",
        "Consequential_Oversimplification", "Appeal_to_Time", "Obfuscation-Vagueness-Confusion",
    }
