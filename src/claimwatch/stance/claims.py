"""Contents reduced to propositions, so that differently worded reports land on one claim.

"North Korea is sending troops to Russia", "transferring people from North Korea to the
occupying military forces" and "Pyongyang has deployed soldiers to aid Moscow" all become
``send_troops | PRK | RUS`` (the recipient may be unknown: such a claim joins the one with the
same event and actor). A denial or an investigation of "the reports" or "them" points at
the claim the article last put forward.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from claimwatch.gazetteer import Gazetteer
from claimwatch.nlp.views import entities_starting, entity_at, span_entities, tokens_between
from claimwatch.records import Assessment, Proposition, Statement
from claimwatch.statements.entities import entity_id

_POINTERS = re.compile(
    r"^(?:that\s+)?(?:them|it|this|these|those|the|such|all)?\s*(?:reports?|claims?|allegations?|accusations?|"
    r"accounts?|rumou?rs?|assertions?|statements?|them|it|this)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class EventFamily:
    name: str
    template: str
    template_no_recipient: str
    verbs: frozenset[str]
    objects: frozenset[str]
    subjects_only: bool = False


@lru_cache(maxsize=1)
def event_families() -> tuple[EventFamily, ...]:
    data = tomllib.loads(resources.files("claimwatch.stance").joinpath("events.toml").read_text("utf-8"))
    return tuple(
        EventFamily(
            name=item["name"],
            template=item["template"],
            template_no_recipient=item["template_no_recipient"],
            verbs=frozenset(item["verbs"]),
            objects=frozenset(item.get("objects", ())),
            subjects_only=item.get("subjects_only", False),
        )
        for item in data["family"]
    )


def family_named(name: str) -> EventFamily:
    """The (first) event family of that name: "send_troops"."""
    return next(family for family in event_families() if family.name == name)


def recipients_agree(first: str | None, second: str | None) -> bool:
    """Two claims of the same event and actor are one claim unless both name different recipients."""
    return not first or not second or first == second


def settle_claims(
    assessments: list[Assessment], stored: Callable[[str], list[dict]]
) -> tuple[dict[str, str], list[dict]]:
    """The claim each assessed statement's proposition is, and the claim rows to save (new or changed).

    Same event and actor, and the same recipient or one of them unknown: the same claim ("North Korea is
    sending troops" joins "North Korea is sending troops to Russia", which then names the recipient).
    ``stored(predicate)`` returns the stored claims of that event, oldest first (``Store.claims_of_event``).
    """
    known: dict[str, list[dict]] = {}
    claim_ids: dict[str, str] = {}
    changed: dict[str, dict] = {}
    for assessment in assessments:
        proposition = assessment.proposition
        if proposition is None:
            continue
        if proposition.predicate not in known:
            known[proposition.predicate] = [dict(row) for row in stored(proposition.predicate)]
        rows = known[proposition.predicate]
        row = next((row for row in rows if same_claim(row, proposition)), None)
        if row is None:
            row = claim_row(proposition)
            rows.append(row)
            changed[row["id"]] = row
        elif proposition.recipient_code and not row["recipient_code"]:
            row.update(key=proposition.key, text=proposition.text, recipient=proposition.recipient,
                       recipient_code=proposition.recipient_code)
            changed[row["id"]] = row
        claim_ids[assessment.statement_id] = row["id"]
    return claim_ids, list(changed.values())


def same_claim(row: dict, proposition: Proposition) -> bool:
    """Whether a claim row (of the proposition's event) is the claim the proposition makes."""
    if proposition.actor_code:
        same_actor = row["actor_code"] == proposition.actor_code
    elif proposition.actor:
        same_actor = row["actor_code"] is None and (row["actor"] or "").lower() == proposition.actor.lower()
    else:
        same_actor = row["actor_code"] is None and row["actor"] is None
    return same_actor and recipients_agree(row["recipient_code"], proposition.recipient_code)


def claim_row(proposition: Proposition) -> dict:
    return {
        "id": entity_id(f"claim:{proposition.key}"), "key": proposition.key, "text": proposition.text,
        "predicate": proposition.predicate, "actor": proposition.actor, "actor_code": proposition.actor_code,
        "recipient": proposition.recipient, "recipient_code": proposition.recipient_code,
    }


def is_pointer(content: str) -> bool:
    """ "them as fake news", "the reports", "these claims": the content names no event of its own."""
    return bool(_POINTERS.match(content.strip(' "“')))


def extract_proposition(statement: Statement, doc: Doc, gazetteer: Gazetteer) -> Proposition | None:
    tokens = tokens_between(doc, statement.content.start, statement.content.end)
    candidates = []
    for order, verb in enumerate(_candidate_predicates(tokens)):
        family = _family_of(verb)
        if family is None:
            continue
        proposition = _composition(verb, family, gazetteer) or make_proposition(
            family, _actor(verb, tokens, statement), _recipient(verb) or _recipient_in(tokens), gazetteer
        )
        if not _is_named_actor(proposition):
            continue  # "someone is sending troops", "wind is ...": no claim an analyst could track
        # A claim with a known actor and recipient beats a vaguer one; then the outermost verb wins.
        candidates.append((-(2 * bool(proposition.actor_code) + bool(proposition.recipient)), order, proposition))
    return min(candidates, key=lambda c: c[:2])[2] if candidates else None


def _is_named_actor(proposition: Proposition) -> bool:
    actor = proposition.actor or ""
    return bool(proposition.actor_code) or (actor[:1].isupper() and len(actor) > 1)


def _composition(verb: Token, family: EventFamily, gazetteer: Gazetteer) -> Proposition | None:
    """ "forming a battalion composed of North Koreans": the members' country sends troops to the former."""
    if family.name != "form_unit":
        return None
    for token in verb.subtree:
        if token.lemma_.lower() in ("compose", "consist", "make") and token.i > verb.i:
            members = [t for t in token.subtree if t.dep_ == "pobj"]
            if members:
                member_name, member_code = _canonical(_phrase(members[0]), gazetteer)
                if member_code:
                    former = _former(verb)
                    return make_proposition(family_named("send_troops"), member_name, former, gazetteer)
    return None


def _candidate_predicates(tokens: list[Token]) -> list[Token]:
    """Verbs of the content, outermost first (the main claim before its subordinate details)."""
    verbs = [t for t in tokens if t.pos_ in ("VERB", "AUX", "NOUN") and t.lemma_.lower() not in ("be", "have")]
    return sorted(verbs, key=lambda t: (_depth(t), t.i))


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 30:
        token = token.head
        depth += 1
    return depth


def _family_of(verb: Token) -> EventFamily | None:
    lemma = verb.lemma_.lower()
    for family in event_families():
        if lemma not in family.verbs:
            continue
        if family.subjects_only:
            if verb.pos_ in ("VERB", "AUX"):
                return family
            continue
        if not family.objects:
            return family if verb.pos_ in ("VERB", "AUX") else None
        if _objects_of(verb) & family.objects:
            return family
    return None


def _objects_of(verb: Token) -> set[str]:
    words: set[str] = set()
    if verb.dep_ in ("amod", "acl") and verb.head.pos_ == "NOUN":
        words.add(verb.head.lemma_.lower())  # "dispatching forces" parsed as an adjective on "forces"
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "pobj", "dative", "npadvmod"):
            words.add(child.lemma_.lower())
            words.update(t.lemma_.lower() for t in child.children if t.dep_ in ("compound", "amod"))
    return words


def _former(verb: Token) -> str | None:
    """Who forms the unit: the subject, or the X of "reports of X forming ..."."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return _phrase(child)
    if verb.dep_ != "acl":
        return None
    head = verb.head
    if head.ent_type_ in ("GPE", "ORG", "NORP"):
        return _phrase(head)
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
    return None


def _actor(verb: Token, tokens: list[Token], statement: Statement) -> str | None:
    """Who does it: the subject, the "from X" of a transfer, or the accused of "accused X of ..."."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ != "PRON":
            return _named_in(child) or _phrase(child)
    if verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN"):
        return _phrase(verb.head)  # "Russia forming a battalion"
    if verb.pos_ == "VERB" and (named := _named_in(verb)):
        return named  # the parser missed the subject: the place named right before the verb
    for child in verb.subtree:
        if child.dep_ == "prep" and child.lower_ == "from":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
    head = verb.head
    while head.i != head.head.i and head.dep_ in ("pcomp", "pobj", "prep", "xcomp", "acl"):
        head = head.head
    for child in head.children:
        if (
            child.dep_ in ("dobj", "nsubj")
            and child.pos_ != "PRON"
            and statement.content.start <= child.idx < statement.content.end
        ):
            return _phrase(child)
    if statement.cue_lemma in ("accuse", "blame", "charge") and tokens:
        return _phrase(tokens[0])
    return None


def _recipient_in(tokens: list[Token]) -> str | None:
    """ "accused Belarus of dispatching forces to Russia": a "to" + place anywhere in the content."""
    for token in tokens:
        if token.dep_ == "prep" and token.lower_ in ("to", "into"):
            places = [g for g in token.children if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "NORP", "ORG")]
            if places:
                return _phrase(places[0])
    return None


def _named_in(subject: Token) -> str | None:
    """A place or group named in or right before the subject ("North Korea ..., specifically the Kim family")."""
    doc = subject.doc
    if subject.pos_ != "VERB":
        for ent in entities_starting(doc, subject.left_edge.i, subject.i + 1):
            if ent.label_ in ("GPE", "NORP"):
                return ent.text
    sentence = subject.sent
    before = [
        ent
        for ent in span_entities(sentence)
        if ent.label_ in ("GPE", "NORP") and ent.end <= subject.i and subject.i - ent.end <= 3
    ]
    return before[-1].text if before else None


def _recipient(verb: Token) -> str | None:
    """To whom: "to Russia", "to aid Moscow", "alongside Putin", "for Valdoria"."""
    for child in verb.subtree:
        if (
            child.dep_ == "prep"
            and child.lower_ in ("to", "for", "alongside", "with", "into")
            and child.head.i in (verb.i, *[c.i for c in verb.children])
        ):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
        if child.dep_ in ("xcomp", "advcl") and child.lemma_.lower() in ("aid", "help", "assist", "support", "fight"):
            objects = [g for g in child.children if g.dep_ == "dobj"]
            if objects:
                return _phrase(objects[0])
    return None


def _phrase(token: Token) -> str:
    """A name as written: the named entity the token is in, else the token with its compounds."""
    entity = entity_at(token)
    if entity is not None:
        return entity.text
    words = [t for t in token.lefts if t.dep_ in ("compound", "amod") and t.i >= token.i - 3] + [token]
    return " ".join(t.text for t in words)


def make_proposition(
    family: EventFamily, actor: str | None, recipient: str | None, gazetteer: Gazetteer
) -> Proposition:
    actor_name, actor_code = _canonical(actor, gazetteer)
    recipient_name, recipient_code = _canonical(recipient, gazetteer)
    if recipient_code and recipient_code == actor_code:
        recipient_name = recipient_code = None
    template = family.template if recipient_name else family.template_no_recipient
    text = template.format(actor=actor_name or "someone", recipient=recipient_name or "")
    return Proposition(
        actor=actor_name,
        actor_code=actor_code,
        predicate=family.name,
        object=None,
        recipient=recipient_name,
        recipient_code=recipient_code,
        text=text,
    )


def _canonical(name: str | None, gazetteer: Gazetteer) -> tuple[str | None, str | None]:
    """A country's canonical name and code for a country, capital, seat or demonym; else the words."""
    if not name:
        return None, None
    cleaned = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.I)
    metonym = gazetteer.metonym(cleaned)
    if metonym is not None:
        return metonym[0].name, metonym[0].code
    code = gazetteer.country_code(cleaned) or gazetteer.country_code(cleaned.rstrip("s"))
    if code is None:
        for word in reversed(cleaned.split()):
            code = gazetteer.country_code(word)
            if code:
                break
    country = gazetteer.country(code) if code else None
    if country is not None:
        return country.name, country.code
    return cleaned, None


def proposition_of_sentence(text: str, doc: Doc, gazetteer: Gazetteer) -> Proposition | None:
    """A claim typed by an analyst ("North Korea is sending troops to Russia") as a proposition."""
    from claimwatch.records import Span, Speaker, Statement

    content = Span(0, len(text), text)
    statement = Statement(
        id="watch",
        article_id="watch",
        sentence_index=0,
        start=0,
        end=len(text),
        speaker=Speaker(None, None, None),
        cue=None,
        cue_lemma=None,
        content=content,
        kind="indirect",
    )
    return extract_proposition(statement, doc, gazetteer)
