"""The speaker's act: what the statement does to its claim, with its PLOVER/CAMEO code.

PLOVER codes follow the CAMEO-to-PLOVER table of the PLOVER manual (draft 0.8, 2021):
ACCUSE covers accusations (mode "allege", CAMEO 112), disapproval (110) and
investigation (090); REJECT (120) is the nearest fit for a denial; AGREE with CAMEO 0332
is an expressed intent to provide military aid; THREATEN is 130. Confirming, assessing,
reporting, questioning and retracting have no PLOVER event.
"""

from __future__ import annotations

import re

from claimwatch.records import Statement
from claimwatch.stance.certainty import NOT_STATED
from claimwatch.stance.modality import Modality

PLOVER = {
    "accuses": "ACCUSE/allege (CAMEO 112)",
    "investigates": "ACCUSE/investigate (CAMEO 090)",
    "expresses_concern": "ACCUSE/disapprove (CAMEO 110)",
    "denies": "REJECT (CAMEO 120)",
    "pledges": "AGREE (CAMEO 033)",
    "threatens": "THREATEN (CAMEO 130)",
}
_MILITARY_PLOVER = {
    "accuses": "ACCUSE/allege (CAMEO 1123)",
    "pledges": "AGREE (CAMEO 0332)",
    "investigates": "ACCUSE/investigate (CAMEO 093)",
}
_DENY_CUES = {"deny", "dismiss", "reject", "refute", "rebuff", "rubbish", "disown", "contradict", "dispute"}
_DENY_WORDS = re.compile(
    r"\b(?:fake news|fabricat\w+|groundless|baseless|provocation|smear|false|untrue|not true|no truth|"
    r"lies?\b|nonsense|absurd|propaganda|slander\w*|no (?:evidence|proof|basis))",
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
    """The act and its PLOVER code (None where no PLOVER event fits)."""
    act = _act(statement, modality)
    return act, plover_code(act, military=bool(_MILITARY.search(statement.content.text)))


def plover_code(act: str, *, military: bool) -> str | None:
    """The PLOVER event (CAMEO code) of an act; military contents have CAMEO's military sub-codes."""
    return _MILITARY_PLOVER.get(act) if military and act in _MILITARY_PLOVER else PLOVER.get(act)


def _act(statement: Statement, modality: Modality) -> str:
    lemma = statement.cue_lemma or ""
    content = statement.content.text
    scope = f"{statement.cue.text if statement.cue else ''} {content}"
    if lemma in _DENY_CUES or (lemma in ("call", "describe") and _DENY_WORDS.search(content)):
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
