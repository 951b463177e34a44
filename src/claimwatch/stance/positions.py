"""Where a statement stands on a claim, and where each voice stands: the position layer.

``relate`` decides, for one claim and one statement, ``backs | denies | neutral | unrelated``
with a relatedness score and a short machine-readable reason ("claim+accuses",
"meaning+negated", "anaphora+act:denies", ...). Relatedness combines the meaning of the
content (multilingual sentence embeddings), the claim's named actors and places (countries by
any of their names, capitals, seats and demonyms) and its event words; a content that only
points back ("dismissed them as fake news", "the allegation") takes the relatedness of the
allegation its article is about. Direction: a denying act flips the content; a negated or
incompatible content denies; urging someone to do what the claim says is done denies it;
hedges back with ``hedged``; conditions, questions, calls to verify and monitoring are neutral.

``voice_positions`` folds the statements of each canonical voice into one row, oldest first,
recording when a voice moved. Rules and examples: docs/positions.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from spacy.lang.en.stop_words import STOP_WORDS

from claimwatch.gazetteer import Gazetteer
from claimwatch.gazetteer.model import name_key
from claimwatch.nlp.views import entities
from claimwatch.stance.acts import DENIAL_WORDS
from claimwatch.stance.certainty import NOT_STATED, midpoint
from claimwatch.statements.speakers import org_initials

RELATIONS = ("backs", "denies", "neutral", "unrelated")
# Relatedness: sentence meaning, the claim's actors and places, its event words (weights sum to 1).
MEANING_WEIGHT, NAMES_WEIGHT, EVENT_WEIGHT = 0.5, 0.3, 0.2
RELATED_AT = 0.45
# Meaning alone, with none of the claim's names in sight, must be this close.
MEANING_ALONE_AT = 0.62
# Outside the articles about the claim, a statement must be this close in meaning too.
OFF_TOPIC_MEANING_AT = 0.5
# In an article about the claim, a statement naming its actors or its event this much bears on it (weakly).
WEAK_AT = 0.3
# A plain assertion backs only when its content says much the same as the claim.
ASSERTION_MEANING_AT, ASSERTION_EVENTS_AT = 0.4, 0.5
# Acts that put a claim forward: what a later "the reports" or "them" may point back to.
ALLEGING_ACTS = frozenset({"accuses", "asserts", "assesses", "confirms", "reports"})
# Acts that take a side even when the content bears on the claim only weakly.
_SIDE_TAKING_ACTS = frozenset({"denies", "retracts", "accuses", "confirms"})

# Words that carry no event: function words, and verbs of saying (the claim is what is said).
_STOP = STOP_WORDS | {"says", "said", "say"}
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# "the reports", "these claims", "Pakistan's allegation", "such a move": a claim made elsewhere, referred to.
_REFERENCE = re.compile(
    r"(?:\b(?:the|these|those|such(?: an?)?|this|that|any|its|their|his|her)|[A-Z][\w.-]+(?:['’]s?)?)\s+"
    r"(?:[\w.-]+\s+){0,2}?(?:reports?|claims?|allegations?|accusations?|charges?|remarks?|accounts?|rumou?rs?|"
    r"assertions?|suggestions?|findings|move)\b",
)
# "them as fake news", "it was a fabrication": a pronoun standing for the claim answered.
_PRONOUN = re.compile(r"^(?:that\s+)?(?:them|it|this)\b(?:\s+(?:as|was|is|were|a|an)\b|\W*$)", re.I)
# Acts that answer someone else's claim: with a pointer they reach the claim pointed at.
RESPONSES = frozenset(
    {"denies", "retracts", "investigates", "expresses_concern", "questions", "confirms", "assesses", "accuses"}
)
_NEUTRAL_ACTS = frozenset({"investigates", "expresses_concern", "questions", "pledges", "threatens"})
DENYING_ACTS = frozenset({"denies", "retracts"})
_URGING = frozenset({"urge", "call", "demand", "press", "ask", "push", "appeal", "encourage", "implore"})
_NEGATION = re.compile(
    r"\b(?:not|never|no|none|nobody|nothing|neither|nor|without|n't|cannot|deny|denies|denied)\b|n['’]t\b", re.I
)
_VERIFY = re.compile(
    r"\b(?:if (?:true|confirmed|accurate|verified|correct|so)|whether|verify|verif\w+|monitor\w*|"
    r"investigat\w+|look(?:ing)? into|unconfirmed|could not (?:be )?(?:independently )?(?:confirm|verif)\w*)",
    re.I,
)
# Declining to comment takes no side ("declined to comment on ... statements that ...").
_NO_COMMENT = re.compile(
    r"\b(?:declin\w*|refus\w*) to (?:comment|confirm or deny|say)|\bno comment\b|\b(?:not|n't) comment\b|"
    r"\bnothing to add\b",
    re.I,
)
# Words that call what was said untrue, whatever the verb that carries them.
_UNTRUE = re.compile(
    r"\b(?:fake news|fabricat\w+|groundless|baseless|not true|untrue|no truth|lies\b|a lie\b|nonsense|rubbish|"
    r"(?:i|we) disagree|smear campaign|slander\w*|absurd|fantas(?:y|ies))",
    re.I,
)
# Judging words. A claim that judges ("the trial is unfair", "the constitution is inclusive") is backed by a
# judgement of the same sign and denied by one of the other, though no negation or denial word is said.
_DISAPPROVING = re.compile(
    r"\b(?:unfair\w*|unjust\w*|rigged|illegal(?!\s+(?:aliens?|immigra\w+|migrants?|crossings?|entry))|unlawful\w*|violat\w+|abus\w+|persecut\w+|repress\w+|"
    r"crackdown|exclusionary|exclu(?:de|des|ded|ding|sion)|discriminat\w+|marginali[sz]\w+|sham|farce|flawed|"
    r"fails?\b|failed|failure|falsely|oversteps?|disregard\w*|affront|weaponi[sz]\w+|persecution|"
    r"clear rejection|absence of|lack of|terrified|afraid|genocide|atrocit\w+|crimes? against)",
    re.I,
)
_APPROVING = re.compile(
    r"\b(?:inclusive|fair(?:ly|ness)?|free and fair|legitimate|lawful|legal|treated well|well treated|humane\w*|"
    r"safe(?:ly|ty)?|democratic|transparent|credible|respect(?:s|ed|ing)? (?:the )?(?:rights|law))\b",
    re.I,
)
_WISH = re.compile(r"\b(?:hop(?:e|es|ed|ing)|wish\w*|call\w* for|urg\w+|want\w*|demand\w*)\b", re.I)
_OUTRIGHT = frozenset({"calls-untrue", "discredits", "judges"})
_HEDGED_TERMS = frozenset({"likely", "very likely", "roughly even chance"})
_DOUBTING_TERMS = frozenset({"unlikely", "very unlikely", "almost no chance"})


@dataclass(frozen=True, slots=True)
class ClaimTarget:
    """A claim as the relation reads it: its words, its named actors and places, its event words."""

    text: str
    name_groups: tuple[frozenset[str], ...]  # each: the ways one actor or place may be written (casefolded)
    event_stems: frozenset[str]
    claim_ids: frozenset[str] = frozenset()  # stored claims that are this claim (same event, actor, recipient)
    verbs: frozenset[str] = frozenset()  # stems of the claim's verbs, for "urge X to <verb>"


@dataclass(frozen=True, slots=True)
class Relation:
    statement_id: str
    relation: str  # backs | denies | neutral | unrelated
    score: float  # relatedness, 0..1
    hedged: bool
    conditional: bool
    reason: str

    def to_json(self) -> dict:
        return {
            "statement_id": self.statement_id,
            "relation": self.relation,
            "score": self.score,
            "hedged": self.hedged,
            "conditional": self.conditional,
            "reason": self.reason,
        }


@dataclass
class Position:
    """One voice's position on one claim."""

    voice: str
    entity_id: str | None
    stance: str  # backs | denies | neutral
    hedged: bool
    conditional: bool
    certainty: str
    first_said_on: str | None
    last_said_on: str | None
    statements: list[str] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "voice": self.voice,
            "entity_id": self.entity_id,
            "stance": self.stance,
            "hedged": self.hedged,
            "conditional": self.conditional,
            "certainty": self.certainty,
            "first_said_on": self.first_said_on,
            "last_said_on": self.last_said_on,
            "statements": list(self.statements),
            "changed": list(self.changed),
        }


# -- the claim ------------------------------------------------------------------------------------------
def claim_target(text: str, doc, gazetteer: Gazetteer, claim_ids: Iterable[str] = ()) -> ClaimTarget:
    """``doc``: the claim parsed by the spaCy pipeline. Names come from its entities and from the gazetteer."""
    groups: list[frozenset[str]] = []
    covered: set[int] = set()
    for start, end in _name_spans(doc):
        name = re.sub(r"['’]s$", "", doc[start:end].text)
        groups.append(frozenset(name_variants(name, gazetteer)))
        covered.update(range(start, end))
    for token in doc:
        if token.i in covered or token.pos_ not in ("PROPN", "ADJ") or not token.text[:1].isupper():
            continue
        code = gazetteer.country_code(token.text) or _metonym_code(token.text, gazetteer)
        if code:
            groups.append(frozenset(name_variants(token.text, gazetteer)))
            covered.add(token.i)
    events = {
        stem(token.lemma_)
        for token in doc
        if token.i not in covered and token.pos_ in ("VERB", "NOUN", "ADJ", "PROPN") and not _is_stop(token.lower_)
    }
    verbs = {stem(token.lemma_) for token in doc if token.pos_ == "VERB" and not _is_stop(token.lower_)}
    return ClaimTarget(
        text=text.strip(),
        name_groups=tuple(dict.fromkeys(groups)),
        event_stems=frozenset(events),
        claim_ids=frozenset(claim_ids),
        verbs=frozenset(verbs),
    )


def _name_spans(doc) -> list[tuple[int, int]]:
    """Token spans of the claim's names; adjacent entities are one name ("Islamic" + "State")."""
    spans: list[list[int]] = []
    for ent in entities(doc):
        if ent.label_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"):
            continue
        if spans and spans[-1][1] == ent.start:
            spans[-1][1] = ent.end
        else:
            spans.append([ent.start, ent.end])
    return [(start, end) for start, end in spans]


def name_variants(name: str, gazetteer: Gazetteer) -> set[str]:
    """ "Afghanistan" -> {"afghanistan", "afghan", "kabul", ...}; a person -> the name and its last word."""
    cleaned = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    variants = {cleaned.casefold()}
    code = gazetteer.country_code(cleaned) or _metonym_code(cleaned, gazetteer)
    if code is None:
        for word in cleaned.split():
            code = gazetteer.country_code(word)
            if code:
                break
    if code:
        variants |= _country_names(gazetteer, code)
    elif len(cleaned.split()) > 1 and cleaned[:1].isupper():
        variants.add(cleaned.split()[-1].casefold())  # "Kim Yong-hyun" is also "Kim"
    return {v for v in variants if len(v) > 2}


def _country_names(gazetteer: Gazetteer, code: str) -> set[str]:
    country = gazetteer.country(code)
    names = {key for key, value in gazetteer.demonyms.items() if value == code}
    if country:
        names |= {n.casefold() for n in (country.name, *country.aliases, *(country.seats or ())) if n}
        if country.capital:
            names.add(country.capital.casefold())
    # "US" as a word is "us": no alias that is a common word
    return {re.sub(r"^the\s+", "", n) for n in names if n not in _STOP}


def _metonym_code(name: str, gazetteer: Gazetteer) -> str | None:
    metonym = gazetteer.metonym(name)
    return metonym[0].code if metonym else None


@lru_cache(maxsize=65_536)  # the same words recur in every statement; Snowball in pure Python is slow
def stem(word: str) -> str:
    """ "attacks", "attacked", "attacking" -> "attack" (Snowball, English)."""
    return _stemmer().stemWord(word.casefold().replace("’", "'"))


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def _is_stop(word: str) -> bool:
    return word.casefold() in _STOP or len(word) < 3


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


# -- relatedness ----------------------------------------------------------------------------------------
def names_share(target: ClaimTarget, text: str) -> float:
    """The share of the claim's actors and places the text names (any of their spellings)."""
    if not target.name_groups:
        return 0.0
    lowered = f" {_folded(text)} "
    found = sum(1 for group in target.name_groups if any(_has_words(lowered, variant) for variant in group))
    return found / len(target.name_groups)


def _has_words(lowered_text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(_folded(phrase))}(?:'s|s)?(?!\w)", lowered_text) is not None


def _folded(text: str) -> str:
    """Case, dots, spacing and curly apostrophes do not matter ("Al-Rufay’i" == "al-rufay'i")."""
    return name_key(text.replace("’", "'").replace("‘", "'"))


def events_share(target: ClaimTarget, text: str) -> float:
    if not target.event_stems:
        return 0.0
    stems = {stem(word) for word in words_of(text) if not _is_stop(word)}
    return len(target.event_stems & stems) / len(target.event_stems)


def relatedness(meaning: float, names: float, events: float) -> float:
    return round(float(MEANING_WEIGHT * max(meaning, 0.0) + NAMES_WEIGHT * names + EVENT_WEIGHT * events), 3)


def is_related(meaning: float, names: float, events: float) -> bool:
    if names == 0.0 and meaning < MEANING_ALONE_AT:
        return False
    return relatedness(meaning, names, events) >= RELATED_AT


def points_back(content: str, act: str | None) -> bool:
    """ "the reports, if true", "Pakistan's allegation that ...", or (answering) "them as fake news"."""
    text = content.strip(' "“”')
    return bool(_REFERENCE.search(text)) or (act in RESPONSES and bool(_PRONOUN.match(text)))


# -- direction ------------------------------------------------------------------------------------------
def direction(statement: dict, target: ClaimTarget, context_text: str = "") -> tuple[str, bool, bool, str]:
    """(relation, hedged, conditional, reason) of a statement already known to bear on the claim.

    ``context_text``: the sentence around it ("declined to comment on ..." puts the refusal before the cue).
    """
    act = statement.get("act") or "asserts"
    content = statement.get("content") or ""
    certainty = statement.get("certainty") or NOT_STATED
    conditional = bool(statement.get("conditional"))
    negated = _content_negated(statement, target)
    if act in DENYING_ACTS:
        if negated and _negates_claim(content, target):
            return "backs", False, False, f"act:{act}+negated"  # "denied that it had not sent ..."
        return "denies", certainty not in (NOT_STATED, "almost no chance"), False, f"act:{act}"
    if _UNTRUE.search(content):
        return "denies", False, False, "calls-untrue"  # "Totally rubbish", "I will not comment on fantasies"
    if _NO_COMMENT.search(f"{statement.get('cue') or ''} {content}") or (
        statement.get("cue_lemma") == "comment" and _NO_COMMENT.search(context_text)
    ):
        return "neutral", False, False, "no-comment"
    if conditional or re.search(r"\bif (?:true|confirmed|accurate|verified|correct|so)\b", content, re.I):
        return "neutral", False, True, "conditional"
    if act in _NEUTRAL_ACTS or content.rstrip().endswith("?"):
        return "neutral", False, False, f"act:{act}"
    if _urges_what_claim_says(statement, target):
        return "denies", False, False, "implied:urged"
    if _REFERENCE.search(content) and DENIAL_WORDS.search(content):
        return "denies", False, False, "discredits"  # "his reports are based on prejudices", "the claims are lies"
    if _VERIFY.search(content) and act not in ("accuses", "confirms"):
        return "neutral", False, False, "verify"
    judged = judgement_agrees(target.text, content)
    if judged is not None:
        return ("backs" if judged else "denies"), certainty in _HEDGED_TERMS, False, "judges"
    if certainty in _DOUBTING_TERMS:
        return ("backs" if negated else "denies"), certainty != "almost no chance", False, f"certainty:{certainty}"
    if negated:
        return "denies", certainty in _HEDGED_TERMS, False, "negated"
    if certainty in _HEDGED_TERMS:
        return "backs", True, False, f"hedge:{certainty}"
    return "backs", False, False, f"act:{act}"


def judgement_agrees(claim: str, content: str) -> bool | None:
    """Whether a judging content agrees with a judging claim: True, False, or None when either does not
    judge one way ("a clear rejection of Syria's diversity" disagrees with "the constitution is inclusive")."""
    claim_sign, content_sign = _judgement_sign(claim), _judgement_sign(content)
    if claim_sign is None or content_sign is None:
        return None
    return claim_sign == content_sign


def _judgement_sign(text: str) -> bool | None:
    """True approving, False disapproving, None neither or both; a negation just before a judging word
    turns it ("not fair", "was never inclusive"). A wish or a call ("hopes it will be inclusive", "called
    for a fair vote") judges nothing yet."""
    if _WISH.search(text):
        return None
    signs = {
        sign != _negated_before(text, match.start())
        for pattern, sign in ((_APPROVING, True), (_DISAPPROVING, False))
        for match in pattern.finditer(text)
    }
    return signs.pop() if len(signs) == 1 else None


def _negated_before(text: str, at: int) -> bool:
    return bool(re.search(r"\b(?:not|never|no longer|hardly|n't)\s+(?:\w+\s+){0,2}$", text[:at], re.I))


def _content_negated(statement: dict, target: ClaimTarget) -> bool:
    """A negation in a clause of the content that names the claim's actors or event words
    ("No members ... have presence in Afghanistan"; not "He is not someone we trust")."""
    if statement.get("act") not in DENYING_ACTS and statement.get("polarity") != "negated":
        return False
    for clause in re.split(r"[.;!?]\s+|,\s+but\s+|\s+but\s+", statement.get("content") or ""):
        if _NEGATION.search(clause) and (names_share(target, clause) > 0 or events_share(target, clause) > 0):
            return True
    return False


def _negates_claim(content: str, target: ClaimTarget) -> bool:
    """A denial of a negation backs: the negation must sit on the claim's own verb ("had not sent")."""
    match = re.search(r"\b(?:not|never|n't)\s+(?:\w+\s+){0,2}(\w+)", content, re.I)
    return bool(match) and stem(match.group(1)) in target.verbs


def _urges_what_claim_says(statement: dict, target: ClaimTarget) -> bool:
    """ "urged Russia to accept the ceasefire": asking for it implies it has not happened."""
    if (statement.get("cue_lemma") or "") not in _URGING:
        content = statement.get("content") or ""
        if not re.search(r"\b(?:urg\w+|call\w* on|demand\w*|press\w*)\b", content, re.I):
            return False
    content = statement.get("content") or ""
    match = re.search(r"\bto\s+(\w+)", content)
    return bool(match) and stem(match.group(1)) in target.verbs


# -- one statement --------------------------------------------------------------------------------------
def relate(
    statement: dict,
    target: ClaimTarget,
    meaning: float,
    context_text: str,
    referent_score: float | None = None,
    on_claim: bool = True,
) -> Relation:
    """The relation of one statement to a claim.

    ``meaning``: cosine of the content's and the claim's sentence vectors; ``context_text``: the
    sentence around the statement (its speaker, cue and names); ``referent_score``: the relatedness
    of the allegation a reference in this statement points at (None when there is none);
    ``on_claim``: whether the statement's article is about the claim (its lead or another of its
    statements bears on it). A statement bearing only weakly takes a side only through a denying,
    accusing or confirming act; otherwise it is neutral.
    """
    content = statement.get("content") or ""
    act = statement.get("act")
    names = names_share(target, context_text)
    events = events_share(target, content)
    score = relatedness(meaning, names, events)
    if statement.get("claim_id") and statement["claim_id"] in target.claim_ids:
        basis, strong, score = "claim", True, max(score, 0.9)
    elif is_related(meaning, names, events) and (on_claim or meaning >= OFF_TOPIC_MEANING_AT):
        basis, strong = "meaning", True
    elif referent_score is not None and points_back(content, act):
        basis, strong, score = "anaphora", act in _SIDE_TAKING_ACTS, round(float(min(referent_score, 0.9)), 3)
    elif on_claim and score >= WEAK_AT and (names > 0 or events > 0):
        basis, strong = "weak", act in _SIDE_TAKING_ACTS or events >= ASSERTION_EVENTS_AT
    else:
        return Relation(statement["id"], "unrelated", score, False, False, "unrelated")
    relation, hedged, conditional, why = direction(statement, target, context_text)
    # Words that call the claim untrue, or judge what it judges, take a side however the voice says them.
    strong = strong or why in _OUTRIGHT
    if relation == "backs" and act in ("asserts", "reports", "assesses") and basis != "claim" and why != "judges" and (
        meaning < ASSERTION_MEANING_AT and events < ASSERTION_EVENTS_AT
    ):
        strong, why = False, f"{why}+aside"  # related facts around the claim, not the claim itself
    if not strong:
        relation, hedged = "neutral", False
    return Relation(statement["id"], relation, score, hedged, conditional, f"{basis}+{why}")


# -- voices ---------------------------------------------------------------------------------------------
def voice_key(statement: dict) -> tuple[str, str | None] | None:
    """(canonical name, entity id) of the statement's voice; None for the outlet's own narration."""
    if statement.get("voice") == "outlet":
        return None
    name = statement.get("speaker_entity") or statement.get("speaker")
    if not name or is_outlet(name, statement.get("outlet")):
        return None
    return name, statement.get("speaker_entity_id")


def is_outlet(name: str, outlet: str | None) -> bool:
    """ "VOA has found", "VOA's Mandarin Service": the report's own outlet (by name or initials) is its
    narration, not a voice on the claim."""
    if not outlet:
        return False
    every_initial = "".join(word[0] for word in outlet.split())  # "VOA": "of" counts here
    own = {_folded(outlet), org_initials(outlet).casefold(), every_initial.casefold()} - {""}
    folded = _folded(re.sub(r"['’]s\b.*$", "", name))
    return folded in own


def voice_positions(statements: Sequence[dict], relations: dict[str, Relation]) -> list[Position]:
    """One row per voice over the statements that bear on the claim (unrelated ones are left out).

    A voice's stance is its latest side (backs or denies) on the latest day it took one; neutral
    when it never took one. ``changed`` lists each move from one side to the other, with the day
    and the statement. Statements said the same day by one voice on both sides settle by their summed
    relatedness (the side it spoke to more closely; ties to denies).
    """
    by_voice: dict[tuple[str, str | None], list[dict]] = {}
    for statement in statements:
        relation = relations.get(statement["id"])
        key = voice_key(statement)
        if relation is None or relation.relation == "unrelated" or key is None:
            continue
        by_voice.setdefault(key, []).append(statement)
    positions = [_position(name, entity_id, rows, relations) for (name, entity_id), rows in by_voice.items()]
    order = {"backs": 0, "denies": 1, "neutral": 2}
    return sorted(positions, key=lambda p: (order[p.stance], p.first_said_on or "", p.voice))


def _position(name: str, entity_id: str | None, rows: list[dict], relations: dict[str, Relation]) -> Position:
    rows = sorted(rows, key=lambda row: (_said_on(row), row.get("article_id") or "", row.get("start") or 0, row["id"]))
    days: dict[str, list[Relation]] = {}
    for row in rows:
        days.setdefault(_said_on(row), []).append(relations[row["id"]])
    acts = {row["id"]: row.get("act") for row in rows}
    sides: list[tuple[str, str, list[Relation]]] = []  # (day, side, relations of that side)
    for day, day_relations in days.items():
        backs = [r for r in day_relations if r.relation == "backs"]
        denies = [r for r in day_relations if r.relation == "denies"]
        if not backs and not denies:
            continue
        side, chosen = ("denies", denies) if _weight(denies) >= _weight(backs) and denies else ("backs", backs)
        if sides and sides[-1][1] != side and not _moves(side, chosen, sides, acts):
            continue
        sides.append((day, side, chosen))
    changed = [
        {"on": day, "from": previous[1], "to": side, "statement_id": chosen[0].statement_id}
        for previous, (day, side, chosen) in pairwise(sides)
        if previous[1] != side
    ]
    deciding = [r for r in rows if relations[r["id"]].relation != "neutral"] if sides else rows
    if sides:
        stance, chosen = sides[-1][1], sides[-1][2]
        hedged = all(r.hedged for r in chosen)
        conditional = False
    else:
        stance, chosen = "neutral", [relations[r["id"]] for r in rows]
        hedged = False
        conditional = any(r.conditional for r in chosen)
    chosen_ids = {r.statement_id for r in chosen}
    certainty = _certainty([r for r in deciding if r["id"] in chosen_ids] or rows)
    return Position(
        voice=name,
        entity_id=entity_id,
        stance=stance,
        hedged=hedged,
        conditional=conditional,
        certainty=certainty,
        first_said_on=_said_on(rows[0]) or None,
        last_said_on=_said_on(rows[-1]) or None,
        statements=[r["id"] for r in rows],
        changed=changed,
    )


def _weight(relations: list[Relation]) -> float:
    """How much a voice said on one side in a day: its statements, each by how closely it bears on the claim."""
    return sum(r.score for r in relations)


def _moves(side: str, chosen: list[Relation], sides: list, acts: dict[str, str | None]) -> bool:
    """A voice moves when it says so outright (confirms, denies, retracts, accuses) or says the new
    side at least as often as it said the old one: one stray assertion does not turn a denier."""
    if any(acts.get(r.statement_id) in _SIDE_TAKING_ACTS for r in chosen):
        return True
    before = sum(len(relations) for _, earlier, relations in sides if earlier != side)
    return len(chosen) >= before


def _said_on(statement: dict) -> str:
    return statement.get("said_on") or (statement.get("published") or "")[:10]


def _certainty(rows: list[dict]) -> str:
    """The most definite ICD 203 term the voice used for its side ("not stated" when it did not hedge)."""
    terms = [r.get("certainty") for r in rows if r.get("certainty") and r.get("certainty") != NOT_STATED]
    if not terms:
        return NOT_STATED
    return max(terms, key=lambda term: abs((midpoint(term) or 0.5) - 0.5))


__all__ = [
    "DENYING_ACTS",
    "RELATIONS",
    "ClaimTarget",
    "Position",
    "Relation",
    "claim_target",
    "direction",
    "is_outlet",
    "judgement_agrees",
    "points_back",
    "relate",
    "voice_key",
    "voice_positions",
]
