"""Word lists the attribution rules use. Lemmas, lower case.

Kept in one place so that a reviewer can see (and extend) what counts as a cue.
"""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs of saying and reporting: their subject is a source, their complement a content.
SPEECH_VERBS = _words(
    """
    say tell add state claim declare announce report write tweet post note explain argue insist
    reiterate repeat stress emphasize emphasise underline warn caution assert allege contend maintain
    suggest indicate acknowledge admit concede confirm deny reject dismiss refute accuse charge blame
    criticize criticise condemn praise vow pledge promise threaten predict estimate assess believe
    think expect fear hope doubt ask question wonder answer reply respond retort counter testify
    disclose reveal inform brief tell complain lament urge demand call describe recall recount
    quote cite comment remark observe mention point propose recommend advise conclude find show
    signal hint speculate concur agree disagree dispute contradict clarify correct retract withdraw
    announce publish broadcast proclaim boast joke muse quip acknowledge affirm reaffirm
    """
)

# Cues whose object is what is claimed ("accused North Korea of ...", "dismissed them as ...").
ACT_VERBS = _words(
    """
    accuse charge blame dismiss deny reject refute condemn criticize criticise praise urge
    call demand warn threaten vow pledge promise express voice raise confirm verify monitor
    investigate probe welcome denounce slam announce mention discuss answer endorse tout propose
    unveil question defend attack praise thank
    """
)

# Cues whose content is the object of a preposition: "called for ...", "commented on ...".
PREPOSITIONAL_CUES = {
    "call": ("for",), "comment": ("on", "about"), "speak": ("about", "on", "of"), "talk": ("about", "of"),
    "ask": ("about", "for"), "write": ("about", "of"), "testify": ("about", "on"), "warn": ("of", "about", "against"),
    "complain": ("about", "of"), "boast": ("about", "of"), "argue": ("for", "against"), "joke": ("about",),
    "insist": ("on",), "elaborate": ("on",), "weigh": ("in",), "reflect": ("on",),
}

# "expressed concern", "voiced doubts": the object noun makes "express" a speech act.
EXPRESSED_NOUNS = _words(
    "concern concerns doubt doubts hope hopes regret support opposition alarm fear fears outrage"
    " skepticism scepticism confidence worry worries condolences gratitude disappointment"
)

# Verbs that make the outlet itself the voice when their subject is evidence, not a source.
OUTLET_EVIDENCE_VERBS = _words("suggest indicate show signal point mean appear seem reveal underscore")

# Nouns that name where or how something was said: "in his daily video message".
VENUE_NOUNS = _words(
    """
    message address speech hearing interview statement briefing conference session meeting summit
    broadcast post tweet video podcast press parliament congress assembly rally forum debate
    testimony remarks report letter op-ed column communique communiqué television radio channel
    call phone telephone sideline sidelines visit appearance event ceremony
    """
)

# Heads of descriptions that can stand for an earlier named speaker ("the minister said").
ROLE_NOUNS = _words(
    """
    president minister secretary spokesperson spokesman spokeswoman ambassador envoy chancellor king queen
    leader chief director commander general official analyst senator lawmaker legislator governor mayor
    chairman chairwoman chair head adviser advisor deputy representative diplomat officer researcher
    expert professor correspondent editor premier ruler dictator prosecutor judge lawyer attorney counterpart
    negotiator delegate candidate nominee councillor councilor mp colonel admiral lieutenant captain
    """
)

ORGANIZATION_NOUNS = _words(
    """
    ministry government agency service office council committee department military army navy
    command embassy parliament administration cabinet commission company firm group institute
    kremlin presidency party alliance bureau coalition organization organisation union court police
    authority regime junta team delegation mission prosecution defense defence opposition
    """
)

PERSON_PRONOUNS = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
GROUP_PRONOUNS = frozenset({"they", "them", "it", "its", "their"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})

# Things that carry words but do not speak: a report, a study, images, "the latest developments". Their
# author is the voice ("Amnesty's report", "a report by the U.N."); without one the outlet relays them.
DOCUMENT_NOUNS = _words(
    """
    report study poll survey document data datum figure statistic research analysis review assessment finding
    result image footage video photo photograph picture record census evidence development paper memo
    dossier filing indictment factbook charter
    """
)

# Heads of a share of people counted ("91 percent of them said"): a poll's finding, relayed by the outlet.
SHARE_NOUNS = _words("percent per cent majority minority half third quarter share proportion")

# Mentions that name no source at all.
NON_SOURCES = frozenset({"it", "there", "this", "that", "which", "what", "who", "one"})
