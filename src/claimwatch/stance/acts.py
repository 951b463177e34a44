"""The speaker's act: what the statement does to its claim, with its PLOVER event.

CAMEO codes follow the CAMEO-to-PLOVER table of the PLOVER manual (draft 0.8, 2021), which
gives each its PLOVER event, mode and context (``stance/plover.py``): accusations are CAMEO 112
(ACCUSE, mode "disapprove"; 1123 "allege", context "military" for aggression), disapproval 110,
investigation 090 (093 of military action); REJECT (120) is the nearest fit for a denial; AGREE
033 is an expressed intent to provide aid (0332 military aid); THREATEN is 130. Confirming,
assessing, reporting, questioning and retracting have no PLOVER event (PLOVER dropped CAMEO's
public statements).
"""

from __future__ import annotations

import re

from claimwatch.records import Statement
from claimwatch.stance.certainty import NOT_STATED
from claimwatch.stance.modality import Modality
from claimwatch.stance.plover import EVENTS

# act -> (CAMEO code, CAMEO code when the content is military)
CAMEO = {
    "accuses": ("112", "1123"),
    "investigates": ("090", "093"),
    "expresses_concern": ("110", "110"),
    "denies": ("120", "120"),
    "pledges": ("033", "0332"),
    "threatens": ("130", "130"),
}
_DENY_CUES = {"deny", "dismiss", "reject", "refute", "rebuff", "rubbish", "disown", "contradict", "dispute"}
# Words that call a claim untrue ("fake news", "baseless", "propaganda"): also read by stance/positions.py.
DENIAL_WORDS = re.compile(
    r"\b(?:fake news|fabricat\w+|groundless|baseless|provocation|smear|false|untrue|not true|no truth|"
    r"lies?\b|nonsense|absurd|propaganda|slander\w*|no (?:evidence|proof|basis)|prejudic\w*|misleading|disinformation|"
    r"politically motivated|rubbish)",
    re.I,
)
# Under a plain verb of saying only an unmistakable denial counts ("a provocation by NATO" is not one).
_FLAT_DENIAL = re.compile(
    r"\b(?:fake news|fabricat\w+|groundless|baseless|not true|no truth|untrue|lies?\b|nonsense|smear|slander\w*|"
    r"(?:is|was|are|were) (?:another |a |an )?provocation)",
    re.I,
)
_SAYING = {"call", "describe", "say", "tell", "add", "state", "insist", "write", "claim", "reply", "respond", "stress"}
_RETRACT_CUES = {"retract", "withdraw", "correct", "recant", "backtrack"}
_ACCUSE_CUES = {"accuse", "allege", "charge", "blame", "condemn", "denounce", "criticize", "criticise", "slam"}
_CONFIRM_CUES = {"confirm", "verify", "acknowledge", "admit", "concede", "corroborate"}
_INVESTIGATE = re.compile(
    r"\b(?:monitor\w*|investigat\w+|prob(?:e|ing)|examin\w+|look(?:ing)? into|verify|verifying|checking|"
    r"assess(?:ing)? the|keep(?:s|ing)? (?:an )?eye|gather\w* information)\b",
    re.I,
)
_CONCERN = re.compile(r"\b(?:concern\w*|worr\w+|alarm\w*|troubl\w+|disturb\w+|deplor\w+|regret\w*)\b", re.I)
_QUESTION_CUES = {"question", "ask", "wonder", "doubt", "query"}
_PLEDGE = re.compile(
    r"\b(?:will|would|shall|ready to|prepared to|vow\w*|pledg\w+|promis\w+)\b[^.]{0,60}"
    r"\b(?:provide|help|assist|support|defend|protect|aid|assistance|measures|stand by)\b|"
    r"\bmeasures will be taken\b",
    re.I,
)
_THREAT_CUES = {"threaten", "warn"}
_ASSESS_CUES = {
    "assess",
    "estimate",
    "believe",
    "think",
    "expect",
    "predict",
    "suspect",
    "judge",
    "calculate",
    "reckon",
}
_REPORT_CUES = {"report", "according to", "cite", "quote", "relay"}
_MILITARY = re.compile(
    r"\b(?:military|troops?|soldiers?|forces?|weapons?|arms|missiles?|war|attack\w*|aggression)\b", re.I
)


def classify_act(statement: Statement, modality: Modality) -> tuple[str, str | None]:
    """The act and its PLOVER event label (None where no PLOVER event fits)."""
    act = _act(statement, modality)
    return act, plover_code(act, military=bool(_MILITARY.search(statement.content.text)))


def plover_code(act: str, *, military: bool) -> str | None:
    """The PLOVER event label of an act (None where no PLOVER event fits); military contents have
    CAMEO's military sub-codes."""
    if act not in CAMEO:
        return None
    general, military_code = CAMEO[act]
    return EVENTS[military_code if military else general].label


def _act(statement: Statement, modality: Modality) -> str:
    lemma = statement.cue_lemma or ""
    content = statement.content.text
    scope = f"{statement.cue.text if statement.cue else ''} {content}"
    if lemma in _DENY_CUES or (lemma in ("call", "describe") and DENIAL_WORDS.search(content)):
        return "denies"
    if lemma in _SAYING and _FLAT_DENIAL.search(content):
        return "denies"
    if lemma in _RETRACT_CUES:
        return "retracts"
    if lemma in _ACCUSE_CUES:
        return "accuses"
    if lemma in _CONFIRM_CUES and modality.polarity == "affirmed" and "not" not in scope.lower().split():
        return "confirms"
    if _INVESTIGATE.search(scope):
        return "investigates"
    if _CONCERN.search(scope) and (
        lemma in ("express", "voice", "raise") or _CONCERN.search(statement.cue.text if statement.cue else "")
    ):
        return "expresses_concern"
    if lemma in _QUESTION_CUES or content.rstrip().endswith("?") or re.match(r"^(?:whether|if)\b", content):
        return "questions"
    if lemma in _THREAT_CUES:
        return "threatens"
    if _PLEDGE.search(content) and lemma not in _REPORT_CUES:
        return "pledges"
    if lemma in ("confirm",) or (
        modality.certainty == "almost certain"
        and modality.certainty_cue
        and re.match(r"confirm(?:s|ed)? that", modality.certainty_cue.lower())  # "we have confirmed that ..."
    ):
        return "confirms"
    if lemma in _ASSESS_CUES or modality.certainty not in (NOT_STATED, "almost certain"):
        return "assesses"
    if lemma in _REPORT_CUES or statement.speaker.entity_type == "outlet":
        return "reports"
    return "asserts"
