"""Polarity, certainty, conditionality and evidential basis of one statement's content."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimwatch.nlp.views import doc_text, sentence_text, tokens_between
from claimwatch.records import Statement
from claimwatch.stance.certainty import NOT_STATED, midpoint, read_certainty

_NEGATED_TERM = {
    "almost certain": "roughly even chance",
    "very likely": "roughly even chance",
    "likely": "unlikely",
    "roughly even chance": "unlikely",
}
_NEGATORS = re.compile(
    r"\b(?:not|no|never|cannot|can't|won't|didn't|doesn't|isn't|wasn't|unable to|n't)\s+(?:\w+\s+){0,3}$", re.I
)
_CONDITION_MARKS = {"if", "unless", "provided", "providing", "assuming", "should"}
_EVIDENTIAL_PATTERNS = (
    (
        "imagery",
        re.compile(
            r"\bsatellite (?:images?|imagery|photos?|pictures?)\b|\bfootage\b|\bimagery\b|"
            r"\bphotographs?\b|\bvideos? (?:showed|shows|show)\b",
            re.I,
        ),
    ),
    ("documents", re.compile(r"\bdocuments?\b|\brecords\b|\bleaked\b|\bpapers\b|\bfiles\b|\bintercepts?\b", re.I)),
    ("intelligence", re.compile(r"\bintelligence\b|\bspy agenc\w+|\breconnaissance\b|\bsurveillance\b", re.I)),
    (
        "unnamed_officials",
        re.compile(
            r"\b(?:officials?|sources?|diplomats?)\b[^.]{0,40}\b(?:said|say|told|speaking)\b|"
            r"\bcondition of anonymity\b|\bnot authori[sz]ed to\b",
            re.I,
        ),
    ),
    (
        "media",
        re.compile(
            r"\b(?:media|news) reports?\b|\breportedly\b|\baccording to (?:media|news|reports)\b|"
            r"\breports? (?:of|that|say|said|suggest)\b",
            re.I,
        ),
    ),
    (
        "observation",
        re.compile(r"\b(?:we|i) (?:see|saw|have seen|witnessed|observed|watched)\b|\beyewitness\w*\b", re.I),
    ),
)
_UNNAMED_SOURCE = re.compile(r"\b(?:officials?|sources?|diplomats?|people familiar|insiders?)\b", re.I)


@dataclass(frozen=True, slots=True)
class Modality:
    polarity: str
    certainty: str
    probability: float | None
    certainty_cue: str | None
    conditional: bool
    condition: str | None
    evidential: str | None


def assess_modality(statement: Statement, doc: Doc) -> Modality:
    content = statement.content
    cue_text = statement.cue.text if statement.cue else ""
    scope = f"{cue_text} {content.text}".replace("’", "'")
    term, words = read_certainty(scope)
    if words and _negated_before(scope, words):
        term = _NEGATED_TERM.get(term, term)
    if statement.cue_lemma in ("believe", "think", "suspect", "estimate", "assess", "expect") and term == NOT_STATED:
        term, words = "likely", cue_text
    tokens = tokens_between(doc, content.start, content.end)
    condition = _condition(tokens, content.text, counterfactual_would=statement.kind in ("direct", "mixed"))
    sentence = _sentence_text(doc, statement)
    return Modality(
        polarity=_polarity(tokens, content.text),
        certainty=term,
        probability=midpoint(term),
        certainty_cue=words,
        conditional=condition is not None,
        condition=condition,
        evidential=_evidential(sentence, statement),
    )


def _negated_before(scope: str, words: str) -> bool:
    position = scope.find(words)
    return position > 0 and bool(_NEGATORS.search(scope[:position]))


def _polarity(tokens: list[Token], content_text: str) -> str:
    """Negated when the content's main predicate is ("did not send", "no evidence that ...")."""
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i == t.i or t.head.i not in inside]
    for root in roots:
        predicate = (
            root
            if root.pos_ in ("VERB", "AUX")
            else next((t for t in root.subtree if t.pos_ in ("VERB", "AUX") and t.i in inside), root)
        )
        if any(child.dep_ == "neg" for child in predicate.children):
            return "negated"
    if re.match(
        r"^(?:that\s+)?(?:there (?:is|was|were|are) )?no (?:evidence|proof|sign|indication)\b", content_text, re.I
    ):
        return "negated"
    return "affirmed"


def _condition(tokens: list[Token], content_text: str, counterfactual_would: bool = True) -> str | None:
    """ "if true", "if it comes under attack", or a counterfactual "would".

    In indirect speech "would" is mostly the future seen from the past ("said it would help"), so it
    only marks a condition in the speaker's own words.
    """
    for token in tokens:
        if token.dep_ == "mark" and token.lower_ in _CONDITION_MARKS:
            clause = token.head
            inside = {t.i for t in tokens}
            words = [t for t in clause.subtree if t.i in inside]
            doc = token.doc
            return doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1])].strip(" ,") if words else token.text
    match = re.search(r"\b(?:if|unless) (?:true|confirmed|so|accurate|verified|correct)\b", content_text, re.I)
    if match:
        return match.group(0)
    for token in tokens if counterfactual_would else ():
        if (
            token.lower_ == "would"
            and token.dep_ == "aux"
            and token.head.lemma_.lower() not in ("expect", "like", "love")
        ):
            return "would"
    return None


def _sentence_text(doc: Doc, statement: Statement) -> str:
    text = sentence_text(doc, statement.sentence_index)
    return statement.content.text if text is None else text


def _evidential(sentence: str, statement: Statement) -> str | None:
    """What the claim rests on, when the text says: intelligence, imagery, documents, unnamed officials..."""
    for name, pattern in _EVIDENTIAL_PATTERNS:
        if pattern.search(statement.content.text) or pattern.search(sentence):
            return name
    speaker = statement.speaker
    mention = speaker.mention.text if speaker.mention else ""
    if speaker.entity_type == "group" and _UNNAMED_SOURCE.search(mention):
        return "unnamed_officials"
    if speaker.entity_type == "organization" and re.search(r"intelligence|spy", speaker.entity or "", re.I):
        return "intelligence"
    if speaker.entity_type == "outlet":
        return "media"
    return None


# Verbs whose complement the speaker takes as true whatever operator sits on top
# ("she didn't realize that X" still commits to X): factive and semi-factive verbs.
FACTIVE_VERBS = frozenset(
    [
        "know",
        "realize",
        "realise",
        "notice",
        "discover",
        "forget",
        "regret",
        "see",
        "remember",
        "find",
        "learn",
        "understand",
        "admit",
        "acknowledge",
        "reveal",
        "recognize",
        "recognise",
        "confirm",
        "prove",
        "show",
    ]
)
# Verbs that commit the speaker to their complement weakly or not at all.
NONFACTIVE_WEIGHT = {
    "say": 0.7,
    "tell": 0.7,
    "claim": 0.55,
    "think": 0.65,
    "believe": 0.65,
    "suppose": 0.6,
    "guess": 0.6,
    "hope": 0.55,
    "feel": 0.65,
    "suggest": 0.6,
    "suspect": 0.6,
    "imagine": 0.5,
    "pretend": 0.15,
    "wish": 0.3,
    "dream": 0.3,
    "fear": 0.6,
    "expect": 0.6,
    "seem": 0.65,
    "appear": 0.65,
    "assume": 0.6,
    "mean": 0.6,
    "accept": 0.75,
    "decide": 0.6,
    "convince": 0.6,
    "persuade": 0.6,
    "insist": 0.6,
    "promise": 0.6,
}


def embedded_commitment(doc: Doc, verb_lemma: str | None = None) -> float:
    """How strongly the author of ``doc`` stands behind the clause embedded under its matrix verb, -3..+3.

    The matrix verb (``verb_lemma`` or the first clause-embedding verb) gives a base probability;
    negation of it, a question, a conditional or a modal weaken or flip it, and factive verbs
    resist all of these (projection). Scaled to the -3..+3 CommitmentBank rating scale.
    """
    verb = _matrix_verb(doc, verb_lemma)
    lemma = verb.lemma_.lower() if verb is not None else ""
    probability = 0.9 if lemma in FACTIVE_VERBS else NONFACTIVE_WEIGHT.get(lemma, 0.6)
    term, words = read_certainty(doc.text)
    if words and term != NOT_STATED:
        probability = (probability + (midpoint(term) or probability)) / 2
    negated = verb is not None and any(child.dep_ == "neg" for child in verb.children)
    if negated:
        probability = 0.75 if lemma in FACTIVE_VERBS else 1 - probability * 0.9 - 0.05
    if doc.text.rstrip().endswith("?"):
        probability = 0.65 if lemma in FACTIVE_VERBS else 0.5 + (probability - 0.5) * 0.3
    if verb is not None and _under_condition(verb):
        probability = 0.7 if lemma in FACTIVE_VERBS else 0.5 + (probability - 0.5) * 0.4
    if verb is not None and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        probability = 0.5 + (probability - 0.5) * (0.8 if lemma in FACTIVE_VERBS else 0.5)
    return round(6 * probability - 3, 3)


_MODALS = {"could", "might", "may", "would", "should", "can", "must", "will", "shall"}


def _matrix_verb(doc: Doc, verb_lemma: str | None) -> Token | None:
    if verb_lemma:
        for token in doc:
            if token.lemma_.lower() == verb_lemma.lower() and token.pos_ in ("VERB", "AUX", "ADJ"):
                return token
    for token in doc:
        if any(child.dep_ == "ccomp" for child in token.children):
            return token
    return next((t for t in doc if t.dep_ == "ROOT"), None)


def _under_condition(verb: Token) -> bool:
    current = verb
    for _ in range(6):
        if any(child.dep_ == "mark" and child.lower_ in _CONDITION_MARKS for child in current.children):
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False
