"""The 14 techniques of SemEval-2020 Task 11 and their place in the SemEval-2023 Task 3 taxonomy.

PTC merged rare techniques into superclasses (``Whataboutism,Straw_Men,Red_Herring``,
``Bandwagon,Reductio_ad_hitlerum``). SemEval-2023 Task 3 splits them again and
groups its 23 techniques into six categories. :data:`SEMEVAL2023` maps each
2020 label to the 2023 techniques it covers; a merged label maps to several.
Six 2023 techniques have no 2020 counterpart (:data:`SEMEVAL2023_ONLY`), so
the alternative view never shows them.
"""

from __future__ import annotations

#: The 14 labels, spelled as in the PTC label files, most frequent in PTC train first.
TECHNIQUES: tuple[str, ...] = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Doubt",
    "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Appeal_to_Authority",
    "Slogans",
    "Whataboutism,Straw_Men,Red_Herring",
    "Black-and-White_Fallacy",
    "Thought-terminating_Cliches",
    "Bandwagon,Reductio_ad_hitlerum",
)

#: Names for people.
DISPLAY_NAMES: dict[str, str] = {
    "Loaded_Language": "Loaded language",
    "Name_Calling,Labeling": "Name calling, labeling",
    "Repetition": "Repetition",
    "Doubt": "Doubt",
    "Exaggeration,Minimisation": "Exaggeration, minimisation",
    "Appeal_to_fear-prejudice": "Appeal to fear or prejudice",
    "Flag-Waving": "Flag-waving",
    "Causal_Oversimplification": "Causal oversimplification",
    "Appeal_to_Authority": "Appeal to authority",
    "Slogans": "Slogans",
    "Whataboutism,Straw_Men,Red_Herring": "Whataboutism, straw man, red herring",
    "Black-and-White_Fallacy": "Black-and-white fallacy",
    "Thought-terminating_Cliches": "Thought-terminating cliché",
    "Bandwagon,Reductio_ad_hitlerum": "Bandwagon, reductio ad Hitlerum",
}

#: Each technique in one line, after the SemEval-2020 Task 11 annotation guidelines.
DEFINITIONS: dict[str, str] = {
    "Loaded_Language": "words chosen for their emotional charge, to sway the reader rather than inform",
    "Name_Calling,Labeling": "a label that makes the target feared, hated or looked down on",
    "Repetition": "the same message said again and again until it sticks",
    "Doubt": "questioning someone's credibility rather than what they say",
    "Exaggeration,Minimisation": "making something look much bigger, better or worse, or much smaller, than it is",
    "Appeal_to_fear-prejudice": "seeking support by stirring fear of the alternative or a prejudice against it",
    "Flag-Waving": "appealing to patriotism or group identity to justify an idea",
    "Causal_Oversimplification": "one cause given for an outcome that has several",
    "Appeal_to_Authority": "a claim held true because an authority says so, without other evidence",
    "Slogans": "a short, striking phrase that stands in for an argument",
    "Whataboutism,Straw_Men,Red_Herring": "deflecting: pointing at the opponent's faults, distorting their position "
                                          "or changing the subject",
    "Black-and-White_Fallacy": "two options presented as the only ones when more exist",
    "Thought-terminating_Cliches": "a stock phrase that discourages further thought on the subject",
    "Bandwagon,Reductio_ad_hitlerum": "join because everyone does, or reject because a hated group approves",
}

#: SemEval-2023 Task 3: category -> techniques (23 in all).
SEMEVAL2023_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Attack on reputation": (
        "Name_Calling-Labeling", "Guilt_by_Association", "Casting_Doubt", "Appeal_to_Hypocrisy",
        "Questioning_the_Reputation",
    ),
    "Justification": (
        "Flag_Waving", "Appeal_to_Authority", "Appeal_to_Popularity", "Appeal_to_Values", "Appeal_to_Fear-Prejudice",
    ),
    "Simplification": ("Causal_Oversimplification", "False_Dilemma-No_Choice", "Consequential_Oversimplification"),
    "Distraction": ("Straw_Man", "Red_Herring", "Whataboutism"),
    "Call": ("Slogans", "Conversation_Killer", "Appeal_to_Time"),
    "Manipulative wording": (
        "Loaded_Language", "Obfuscation-Vagueness-Confusion", "Exaggeration-Minimisation", "Repetition",
    ),
}

#: SemEval-2020 label -> the SemEval-2023 techniques it corresponds to.
SEMEVAL2023: dict[str, tuple[str, ...]] = {
    "Loaded_Language": ("Loaded_Language",),
    "Name_Calling,Labeling": ("Name_Calling-Labeling",),
    "Repetition": ("Repetition",),
    "Doubt": ("Casting_Doubt",),
    "Exaggeration,Minimisation": ("Exaggeration-Minimisation",),
    "Appeal_to_fear-prejudice": ("Appeal_to_Fear-Prejudice",),
    "Flag-Waving": ("Flag_Waving",),
    "Causal_Oversimplification": ("Causal_Oversimplification",),
    "Appeal_to_Authority": ("Appeal_to_Authority",),
    "Slogans": ("Slogans",),
    "Whataboutism,Straw_Men,Red_Herring": ("Whataboutism", "Straw_Man", "Red_Herring"),
    "Black-and-White_Fallacy": ("False_Dilemma-No_Choice",),
    "Thought-terminating_Cliches": ("Conversation_Killer",),
    "Bandwagon,Reductio_ad_hitlerum": ("Appeal_to_Popularity", "Guilt_by_Association"),
}

_CATEGORY_OF = {technique: category for category, members in SEMEVAL2023_CATEGORIES.items() for technique in members}

#: SemEval-2023 techniques that no SemEval-2020 label covers.
SEMEVAL2023_ONLY: tuple[str, ...] = tuple(
    technique
    for members in SEMEVAL2023_CATEGORIES.values()
    for technique in members
    if not any(technique in mapped for mapped in SEMEVAL2023.values())
)


def semeval2023_view(technique: str) -> dict[str, object]:
    """The SemEval-2023 reading of a SemEval-2020 label: its techniques and their categories."""
    mapped = SEMEVAL2023[technique]
    return {"techniques": list(mapped), "categories": sorted({_CATEGORY_OF[name] for name in mapped})}
