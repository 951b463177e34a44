"""Positions on a claim over the store: which statements bear on it, and where each voice stands.

Cheap first, meaning last: the store's full-text index finds the articles that name the claim's
actors and places (two of them when the claim names two or more), plus those holding a stored
claim that is the same claim; the words of each statement are checked next, and only the
statements that pass are embedded (vectors cached per process by the encoder). A pointer
("dismissed them as fake news") reaches the claim when something earlier in its article (its
title, its lead, an earlier statement) bears on the claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import combinations, pairwise

import numpy as np

from claimwatch.gazetteer import Gazetteer
from claimwatch.nlp import load_nlp
from claimwatch.nlp.embeddings import encoder_threads, load_encoder
from claimwatch.stance.acts import DENIAL_WORDS
from claimwatch.stance.positions import (
    ALLEGING_ACTS,
    DENYING_ACTS,
    OFF_TOPIC_MEANING_AT,
    ClaimTarget,
    Position,
    Relation,
    claim_target,
    events_share,
    is_related,
    names_share,
    points_back,
    relate,
    relatedness,
    voice_key,
    voice_positions,
)
from claimwatch.store import Store
from claimwatch.stories.watch import claim_matches

LEAD_CHARS = 400
# How far back (characters) "them" or "the reports" looks for the allegation it answers.
REFERENCE_WINDOW = 600
# Words a later denial must share with an earlier one (by another voice) to be a quotation of it.
ECHO_WORDS = 4
# Characters between a denial and the participle giving its reason ("the resolution on Wednesday, saying").
JUSTIFICATION_GAP = 40


@dataclass
class ClaimPositions:
    claim: str
    target: ClaimTarget
    statements: list[dict]  # the statements that bear on the claim, in reading order
    relations: dict[str, Relation]
    positions: list[Position]
    article_ids: list[str] = field(default_factory=list)  # articles that name the claim's actors

    def to_json(self) -> dict:
        return {
            "claim": self.claim,
            "positions": [p.to_json() for p in self.positions],
            "relations": [self.relations[s["id"]].to_json() for s in self.statements],
        }


def claim_positions(
    store: Store,
    text: str,
    gazetteer: Gazetteer,
    *,
    claim: dict | None = None,
    article_ids: list[str] | None = None,
) -> ClaimPositions:
    """Positions on ``text``: over the whole store, or over ``article_ids`` (a story's reports).

    ``claim``: the watch or stored-claim row (predicate, actor and recipient) whose equal stored
    claims count as the same claim without further checks.
    """
    nlp = load_nlp()
    claim_ids = {row["id"] for row in store.list_claims() if claim and _same_claim(claim, row)}
    target = claim_target(text, nlp(text), gazetteer, claim_ids)
    if article_ids is None:
        article_ids = _candidate_articles(store, target)
    statements = store.list_statements(article_ids=article_ids) if article_ids else []
    articles = store.articles_by_id(article_ids)
    relations = relate_statements(statements, articles, target)
    bearing = [s for s in statements if relations[s["id"]].relation != "unrelated"]
    return ClaimPositions(
        claim=target.text,
        target=target,
        statements=bearing,
        relations=relations,
        positions=voice_positions(bearing, relations),
        article_ids=list(article_ids),
    )


def _same_claim(claim: dict, row: dict) -> bool:
    if claim.get("id") == row["id"]:
        return True
    return bool(claim.get("predicate")) and claim_matches(claim, row)


def _candidate_articles(store: Store, target: ClaimTarget) -> list[str]:
    """Articles naming the claim's actors and places (any two, in any of their spellings); for a claim
    that names none, those holding the same stored claim. A claim key alone can be shared by stories
    years apart, so it does not widen the search when there are names to search for."""
    query = _names_query(target)
    if query is None:
        return sorted(store.article_ids_with_claims(target.claim_ids)) if target.claim_ids else []
    ids = store.articles_matching(query)
    if ids is None:  # no full-text index (not SQLite): every article is a candidate
        ids = store.article_ids()
    return sorted(ids)


def _names_query(target: ClaimTarget) -> str | None:
    """An FTS5 expression: any two of the claim's name groups (or its one group with an event word)."""
    groups = [_any_of(group) for group in target.name_groups if group]
    if not groups:
        return _any_of(target.event_stems, prefix=True)
    if len(groups) == 1:
        events = _any_of(target.event_stems, prefix=True)
        return f"{groups[0]} AND {events}" if events else groups[0]
    return " OR ".join(f"({a} AND {b})" for a, b in combinations(groups, 2))


def _any_of(words, prefix: bool = False) -> str | None:
    terms = sorted({re.sub(r"[\"*]", "", w).strip() for w in words} - {""})
    if not terms:
        return None
    return "(" + " OR ".join(f'"{t}"' + ("*" if prefix else "") for t in terms) + ")"


def relate_statements(statements: list[dict], articles: dict[str, dict], target: ClaimTarget) -> dict[str, Relation]:
    """The relation of every statement to the claim; meaning is computed for word-level candidates only."""
    contexts = {s["id"]: _context(s, articles.get(s["article_id"])) for s in statements}
    candidates = [s for s in statements if _worth_embedding(s, contexts[s["id"]], target)]
    leads = {a_id: _lead(article) for a_id, article in articles.items()}
    narrations = {
        s["id"]: text
        for s in statements
        if points_back(s["content"], s.get("act")) and (text := _narration_before(s, articles.get(s["article_id"])))
    }
    texts = [s["content"] for s in candidates] + list(leads.values()) + list(narrations.values())
    meaning = iter(_meanings(target.text, texts))
    content_meaning = {s["id"]: next(meaning) for s in candidates}
    lead_meaning = {a_id: next(meaning) for a_id in leads}
    narration_scores = {
        s_id: _lead_score(target, text, next(meaning)) for s_id, text in narrations.items()
    }
    by_article: dict[str, list[dict]] = {}
    for statement in statements:
        by_article.setdefault(statement["article_id"], []).append(statement)
    relations: dict[str, Relation] = {}
    for article_id, rows in by_article.items():
        rows = sorted(rows, key=lambda s: s["start"])
        lead_score = _lead_score(target, leads.get(article_id, ""), lead_meaning.get(article_id, 0.0))
        strong = [
            relatedness(content_meaning.get(s["id"], 0.0), names, events)
            for s in rows
            if is_related(content_meaning.get(s["id"], 0.0), names := names_share(target, contexts[s["id"]]),
                          events := events_share(target, s["content"]))
            and content_meaning.get(s["id"], 0.0) >= OFF_TOPIC_MEANING_AT
        ]
        on_claim = lead_score is not None or bool(strong)

        def speaks_of(row: dict) -> bool:
            return names_share(target, contexts[row["id"]]) > 0 or events_share(target, row["content"]) > 0

        article_score = max([lead_score or 0.0, *strong]) if on_claim else None
        for statement in rows:
            relations[statement["id"]] = relate(
                statement,
                target,
                content_meaning.get(statement["id"], 0.0),
                contexts[statement["id"]],
                referent_score=_referent(
                    statement, rows, relations, narration_scores.get(statement["id"]) or article_score, speaks_of
                ),
                on_claim=on_claim,
            )
    _side_with_denials(statements, relations)
    _drop_echoes(statements, relations)
    return relations


def _side_with_denials(statements: list[dict], relations: dict[str, Relation]) -> None:
    """ "rejected the resolution, saying it stems from an incomplete understanding": the reason a voice
    gives for a denial, in the same sentence, denies with it; read alone it would back."""
    by_sentence: dict[tuple, list[dict]] = {}
    for statement in statements:
        by_sentence.setdefault((statement["article_id"], statement.get("sentence_index")), []).append(statement)
    for rows in by_sentence.values():
        rows = sorted((s for s in rows if s.get("cue_start") is not None), key=lambda s: s["cue_start"])
        for denial, reason in pairwise(rows):
            relation = relations[reason["id"]]
            if (
                relations[denial["id"]].relation == "denies"
                and denial.get("act") in DENYING_ACTS
                and relation.relation == "backs"
                and voice_key(denial) == voice_key(reason)
                and (reason.get("cue") or "").casefold().endswith("ing")
                and 0 <= reason["cue_start"] - (denial.get("content_end") or 0) <= JUSTIFICATION_GAP
            ):
                relations[reason["id"]] = replace(relation, relation="denies", reason=f"{relation.reason}+justifies")


def _drop_echoes(statements: list[dict], relations: dict[str, Relation]) -> None:
    """A denial that repeats another voice's earlier denial word for word ("Less than two weeks ago it
    was 'a fabrication from start to finish'") quotes it: it takes no side of its own."""
    said: list[tuple[str | None, set[tuple[str, ...]]]] = []
    for statement in sorted(statements, key=lambda s: (s.get("said_on") or "", s["article_id"], s["start"], s["id"])):
        relation = relations[statement["id"]]
        if relation.relation != "denies":
            continue
        voice = statement.get("speaker_entity") or statement.get("speaker")
        grams = _denial_grams(statement["content"])
        if any(other != voice and grams & earlier for other, earlier in said):
            relations[statement["id"]] = replace(relation, relation="neutral", reason=f"{relation.reason}+echo")
        said.append((voice, grams))


def _denial_grams(content: str) -> set[tuple[str, ...]]:
    words = [w.casefold() for w in re.findall(r"\w+", content)]
    grams = {tuple(words[i : i + ECHO_WORDS]) for i in range(len(words) - ECHO_WORDS + 1)}
    return {gram for gram in grams if DENIAL_WORDS.search(" ".join(gram))}


def _referent(statement: dict, rows: list[dict], relations: dict[str, Relation], article_score: float | None,
              speaks_of) -> float | None:
    """The relatedness of the allegation "them" or "the reports" points at: the latest one put forward
    shortly before (in the paragraph) that names something of its own, else the one the article is about.

    "their treatment may amount to crimes against humanity" names nothing: "Beijing denies the
    allegations" looks past it to the accusation of genocide before it.
    """
    window_start = statement["start"] - REFERENCE_WINDOW
    for earlier in reversed([r for r in rows if window_start <= r["start"] < statement["start"]]):
        relation = relations.get(earlier["id"])
        if relation is None or earlier.get("act") not in ALLEGING_ACTS or relation.reason.startswith("anaphora"):
            continue
        if relation.relation == "unrelated" and not speaks_of(earlier):
            continue
        return None if relation.relation == "unrelated" else relation.score
    return article_score


def _narration_before(statement: dict, article: dict | None) -> str:
    """The reporter's own sentences just before a pointer ("Lai stands accused of collusion ... He rejects
    the charges"): the allegation it answers may be told by the outlet, not quoted from a voice."""
    if not article:
        return ""
    start = min(statement["start"], statement["content_start"])
    before = article["body"][max(0, start - REFERENCE_WINDOW) : start]
    sentences = re.split(r"(?<=[.!?])[\"”’]?\s+", before)
    return " ".join(sentences[-3:-1])  # the last piece is the start of the pointer's own sentence


def _lead_score(target: ClaimTarget, lead: str, meaning: float) -> float | None:
    names, events = names_share(target, lead), events_share(target, lead)
    return relatedness(meaning, names, events) if is_related(meaning, names, events) else None


def _worth_embedding(statement: dict, context: str, target: ClaimTarget) -> bool:
    if statement.get("claim_id") in target.claim_ids:
        return True
    return names_share(target, context) > 0 or events_share(target, statement["content"]) >= 0.34


def _meanings(claim: str, texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros(0, dtype=np.float32)
    encoder = load_encoder(encoder_threads())  # query time: nothing of this is stored
    return encoder.encode(texts) @ encoder.encode([claim])[0]


def _context(statement: dict, article: dict | None) -> str:
    """The sentence(s) the statement stands in: its speaker and the names around its content."""
    if not article:
        return statement["content"]
    body = article["body"]
    start = body.rfind(". ", 0, min(statement["start"], statement["content_start"])) + 1
    end = body.find(". ", statement["content_end"])
    return body[start : end if end != -1 else len(body)]


def _lead(article: dict) -> str:
    return f"{article.get('title') or ''}. {article['body'][:LEAD_CHARS]}"
