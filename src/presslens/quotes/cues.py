"""The words that introduce an attribution: cue verbs, cue phrases, and speaker descriptions.

Kept as named constants so that a reviewer can read, extend and test them.
"""

from __future__ import annotations

#: Verbs that report speech or writing. Lemmas, as spaCy's lemmatizer gives them.
SPEECH_VERBS = frozenset("""
say tell add note stress emphasize emphasise warn state claim declare announce explain insist argue
assert maintain reply respond answer ask remark mention point comment acknowledge admit concede confirm
deny reiterate repeat recall suggest propose urge promise pledge vow predict write tweet post report
complain accuse criticize criticise blame praise describe call charge allege contend observe
conclude continue testify reveal disclose quip joke shout scream cry whisper tout boast brag
caution threaten demand inform assure advise recommend counter retort rebut dismiss reject
estimate forecast guarantee hint imply indicate signal specify swear tease underline underscore
highlight voice lament decry denounce condemn question wonder muse speak talk elaborate clarify
""".split())

#: Verbs that attribute a thought, belief or intention (PolNeAR counts these as attributions).
THOUGHT_VERBS = frozenset("""
think believe feel know hope fear expect want wish doubt worry suspect consider assume
agree disagree understand realize realise recognize recognise decide plan intend
""".split())

#: Every verb lemma that may head an attribution.
CUE_VERBS = SPEECH_VERBS | THOUGHT_VERBS

#: Cue verbs that, with an outlet as subject at the end of a sentence (", RT reports",
#: "as Sputnik reports"), credit the outlet that carried an attribution rather than start one.
CREDIT_VERBS = frozenset({"report", "write", "say", "tell"})

#: Multi-word cues that take the speaker as their object: "according to X", "as stated by X".
PREPOSITIONAL_CUES = (
    ("according", "to"),
    ("in", "the", "words", "of"),
    ("quoted", "by"),
    ("cited", "by"),
)

#: Labels that end in a colon at the start of a line but never name a speaker.
NON_SPEAKER_LABELS = frozenset("""
source sources note editor's editors update updated related photo photos image video read see also
share tags tag category categories posted published by filed under caption credit credits subscribe
advertisement q a question answer comments comment disclaimer warning follow email tel phone fax
""".split())

#: Description heads ("the diplomat") -> words that a compatible person's role contains.
#: A description whose head is not listed here is compatible with a role that contains the head itself.
DESCRIPTION_ROLES = {
    "diplomat": ("foreign minister", "diplomat", "ambassador", "envoy", "secretary of state", "foreign secretary",
                 "foreign ministry", "consul"),
    "minister": ("minister",),
    "spokesman": ("spokesman", "spokeswoman", "spokesperson", "press secretary", "spokes"),
    "spokeswoman": ("spokesman", "spokeswoman", "spokesperson", "press secretary", "spokes"),
    "spokesperson": ("spokesman", "spokeswoman", "spokesperson", "press secretary", "spokes"),
    "expert": ("expert", "analyst", "professor", "researcher", "scholar", "economist", "scientist"),
    "analyst": ("expert", "analyst", "professor", "researcher", "scholar", "economist"),
    "official": ("minister", "secretary", "official", "spokes", "director", "chief", "head", "commissioner",
                 "ambassador", "president", "governor", "deputy", "adviser", "advisor", "officer"),
    "politician": ("minister", "senator", "president", "mp", "congressman", "congresswoman", "governor",
                   "mayor", "candidate", "deputy", "chairman", "leader", "representative", "lawmaker"),
    "lawmaker": ("senator", "mp", "congressman", "congresswoman", "representative", "deputy", "lawmaker"),
    "leader": ("president", "prime minister", "leader", "chairman", "chancellor", "head", "chief"),
    "president": ("president",),
    "general": ("general", "commander", "chief of staff", "defence minister", "defense minister"),
    "commander": ("general", "commander", "chief", "admiral"),
    "senator": ("senator",),
    "candidate": ("candidate", "nominee"),
    "nominee": ("candidate", "nominee"),
    "lawyer": ("lawyer", "attorney", "counsel"),
    "attorney": ("lawyer", "attorney", "counsel"),
}

#: Description heads that refer to an organisation or an outlet rather than a person.
ORGANISATION_HEADS = frozenset("""
ministry department agency government kremlin administration office committee commission council
embassy company firm party campaign organization organisation group alliance bloc union court
""".split())
OUTLET_HEADS = frozenset("newspaper paper outlet channel broadcaster daily magazine network site website"
                         " publication tabloid agency".split())

#: Pronouns that stand for a person and for a group.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i"})
GROUP_PRONOUNS = frozenset({"they", "them", "we", "it"})
