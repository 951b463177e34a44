"""Claims in the store: the same event and actor is one claim, whatever the wording or recipient."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimwatch.api import settle_rows
from claimwatch.records import Article, Assessment, Paragraph, Proposition, Span, Speaker, Statement
from claimwatch.store import Store


def _article(identifier: str) -> Article:
    body = f"Body of article {identifier}."
    return Article(
        id=identifier,
        source=identifier,
        format="text",
        body=body,
        paragraphs=(Paragraph(0, len(body)),),
        raw=body.encode(),
    )


def _statement(article_id: str) -> Statement:
    return Statement(
        id=f"s-{article_id}",
        article_id=article_id,
        sentence_index=0,
        start=0,
        end=4,
        speaker=Speaker(Span(0, 4, "Body"), "Someone", "person"),
        cue=None,
        cue_lemma="say",
        content=Span(0, 4, "Body"),
        kind="indirect",
    )


def _assessment(article_id: str, proposition: Proposition) -> Assessment:
    return Assessment(
        statement_id=f"s-{article_id}",
        polarity="affirmed",
        certainty="not stated",
        probability=None,
        certainty_cue=None,
        conditional=False,
        condition=None,
        evidential=None,
        act="asserts",
        plover=None,
        proposition=proposition,
        claim_key=proposition.key,
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (Proposition(None, None, "attack", None, None, None), Proposition(None, None, "attack", None, None, None)),
        (
            Proposition("rebels", None, "attack", None, None, None),
            Proposition("Rebels", None, "attack", None, None, None),
        ),
        (
            Proposition("Kestria", "XKE", "send_troops", None, None, None),
            Proposition("Kestria", "XKE", "send_troops", None, "Valdoria", "XVA"),
        ),
    ],
)
def test_the_same_claim_twice_is_one_claim_and_both_articles_are_stored(
    tmp_path: Path, first: Proposition, second: Proposition
) -> None:
    with Store(str(tmp_path / "claims.db")) as store:
        for identifier, proposition in (("a1", first), ("a2", second)):
            found, assessed = [_statement(identifier)], [_assessment(identifier, proposition)]
            outcome = store.add_article(
                _article(identifier), "utf-8", found, assessed, settled=settle_rows(store, found, assessed)
            )
            assert outcome.status == "ingested", outcome
        assert len(store.list_claims()) == 1
        assert store.count_articles() == 2
