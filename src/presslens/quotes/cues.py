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
mission consulate police army military navy bureau authority association institute university bank
service board chain restaurant bar club team
""".split())
OUTLET_HEADS = frozenset("newspaper paper outlet channel broadcaster daily magazine network site website"
                         " publication tabloid agency".split())

#: Words of a title, role or description that show a person's gender.
FEMININE_WORDS = frozenset("""
she her hers herself mrs ms miss madam dame lady spokeswoman congresswoman chairwoman businesswoman
councilwoman woman women mother mum mom wife daughter sister grandmother aunt niece girl girlfriend
actress queen princess duchess widow
""".split())
MASCULINE_WORDS = frozenset("""
he him his himself mr sir lord spokesman congressman chairman businessman councilman man men father dad
husband son brother grandfather uncle nephew boy boyfriend actor king prince duke widower
""".split())

#: Titles written before a name ("Lt Col Dana Whitfield", "Sen. Al Franken"): the role, never the name.
#: Lower-case, without the full stop; each maps to the role it stands for.
NAME_TITLES = {
    "lt": "lieutenant", "lieut": "lieutenant", "col": "colonel", "colonel": "colonel", "cmdr": "commander",
    "cdr": "commander", "commander": "commander", "maj": "major", "major": "major", "gen": "general",
    "general": "general", "brig": "brigadier", "brigadier": "brigadier", "capt": "captain", "captain": "captain",
    "sgt": "sergeant", "sergeant": "sergeant", "adm": "admiral", "admiral": "admiral", "cpl": "corporal",
    "pte": "private", "pvt": "private", "sen": "senator", "senator": "senator", "rep": "representative",
    "gov": "governor", "governor": "governor", "pres": "president", "president": "president", "prof": "professor",
    "professor": "professor", "dr": "doctor", "mr": None, "mrs": None, "ms": None, "miss": None, "sir": None,
    "dame": None, "lord": None, "lady": None, "rev": "reverend", "fr": "father", "insp": "inspector",
    "det": "detective", "supt": "superintendent", "cllr": "councillor", "judge": "judge", "justice": "justice",
    "gen.": "general", "minister": "minister", "chancellor": "chancellor", "mayor": "mayor", "king": "king",
    "queen": "queen", "prince": "prince", "princess": "princess", "sheikh": "sheikh", "ayatollah": "ayatollah",
}
#: Lower-case words that belong inside a surname ("Jan de Wit", "Ludwig van Beethoven").
NAME_PARTICLES = frozenset("de van von der den da di du la le del della ter ten bin ibn ben".split())
#: Prefixes of a surname dropped when names are compared ("al-Mansouri" is "Mansouri").
SURNAME_PREFIXES = ("al-", "el-", "al ", "el ", "ad-", "as-", "ash-", "ar-", "an-", "at-", "az-")

#: Determiners and numbers that introduce a new referent: "an FBI official", "two women".
INDEFINITE_DETERMINERS = frozenset("a an another some one two three four five several many other".split())
#: Relative pronouns: the speaker is the noun the relative clause hangs on ("teen who says ...").
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

#: Pronouns that stand for a person and for a group.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i"})
GROUP_PRONOUNS = frozenset({"they", "them", "we", "it"})
