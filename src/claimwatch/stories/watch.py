"""Watches: a claim an analyst tracks, linked to every statement and report that bears on it.

Statements bear on a watch through their relation to its text (``stories/positions.py``);
stored claims that are the watch's claim (same event and actor, compatible recipient: see
``stance/claims.py``) count without further checks. Reports link through the report-level stance model
(agree / disagree / discuss; "unrelated" ones are not linked).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from claimwatch.gazetteer import Gazetteer
from claimwatch.nlp import load_nlp
from claimwatch.stance.claims import proposition_of_sentence, recipients_agree
from claimwatch.store import Store


def add_watch(store: Store, text: str, gazetteer: Gazetteer) -> dict:
    nlp = load_nlp()
    proposition = proposition_of_sentence(text, nlp(text), gazetteer)
    row = {
        "id": hashlib.sha256(f"watch:{text.strip().casefold()}".encode()).hexdigest()[:16],
        "text": text.strip(),
        "claim_key": proposition.key if proposition else None,
        "predicate": proposition.predicate if proposition else None,
        "actor_code": proposition.actor_code if proposition else None,
        "actor": proposition.actor if proposition else None,
        "recipient_code": proposition.recipient_code if proposition else None,
        "created_at": datetime.now(UTC).replace(tzinfo=None),
    }
    existing = [w for w in store.watches() if w["id"] == row["id"]]
    if not existing:
        store.add_watch(row)
        link_reports(store, row, store.article_ids())
    return existing[0] if existing else row


def claim_matches(watch: dict, claim: dict) -> bool:
    if not watch.get("predicate") or claim.get("predicate") != watch["predicate"]:
        return False
    if watch.get("actor_code"):
        if claim.get("actor_code") != watch["actor_code"]:
            return False
    elif (claim.get("actor") or "").casefold() != (watch.get("actor") or "").casefold():
        return False
    return recipients_agree(watch.get("recipient_code"), claim.get("recipient_code"))


def link_reports(store: Store, watch: dict, article_ids: list[str]) -> None:
    """Report-level stance of each article toward the watched claim; related ones are kept."""
    if not article_ids:
        return
    from claimwatch.stance.report import load_report_stance_model

    model = load_report_stance_model()
    found = store.articles_by_id(article_ids)
    ordered = [found[i] for i in article_ids if i in found]
    predictions = model.predict([(watch["text"], article["body"]) for article in ordered])
    rows = [
        {"article_id": article["id"], "stance": label, "probability": round(probabilities[label], 4)}
        for article, (label, probabilities) in zip(ordered, predictions, strict=True)
        if label != "unrelated"
    ]
    store.save_watch_reports(watch["id"], rows)
