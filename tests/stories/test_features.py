"""Per-article features of the stories stage: MinHash of the body, long direct quotes, term counts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.stories.features import (
    MINHASH_PERMUTATIONS,
    article_features,
    body_minhash,
    long_quotes,
    minhash_similarity,
)

WIRE = """KALVEN (MW) - Ostravia accused the Republic of Kestria on Tuesday of sending troops to fight for Valdoria, \
saying about 2,000 soldiers had crossed into Valdorian territory in a first wave.

"We see the alliance between the Citadel and Pyorsk growing stronger every single day," President Mirela Vantosh \
said in her evening video address.

The Citadel rejected the accusation. "This is a provocation and a fabrication from start to finish," spokesman \
Oleg Varin told reporters in Dravik.

Kestria's foreign ministry did not respond to a request for comment. The claim could not be independently verified.

Analysts said a deployment would mark a sharp escalation of the war, now in its third year."""
# A syndicated copy: one paragraph cut, page furniture added.
CUT = "Analysts said a deployment would mark a sharp escalation of the war, now in its third year."
COPY = WIRE.replace(CUT, "") + "\n\nRead more: World news | Share this article"
# A rewrite: the same facts and a quote, in the outlet's own words.
REWRITE = """Ostravian President Mirela Vantosh said on Tuesday that roughly 2,000 Kestrian troops had entered \
Valdoria. "We see the alliance between the Citadel and Pyorsk growing stronger every single day," she said.

Valdoria's government denied it. Spokesman Oleg Varin called it "a provocation and a fabrication from start to \
finish". There was no comment from Kestria."""
UNRELATED = """The harbour authority of Kalven said it would consider a new tariff on grain shipments through the \
port, citing congestion at the northern quay. Shipping firms warned consumer prices would rise across the region."""


@pytest.mark.parametrize(
    ("other", "low", "high"),
    [
        (WIRE, 1.0, 1.0),
        (COPY, 0.5, 1.0),  # a near-duplicate: at or over independence.NEAR_DUPLICATE
        (REWRITE, 0.0, 0.3),  # shared quotes, but too few shared 5-word shingles
        (UNRELATED, 0.0, 0.05),
    ],
    ids=["itself", "copy", "rewrite", "unrelated"],
)
def test_minhash_similarity_of_a_copy_a_rewrite_and_an_unrelated_text(other: str, low: float, high: float) -> None:
    value = minhash_similarity(body_minhash(WIRE), body_minhash(other))
    assert low <= value <= high


def test_copy_is_closer_than_rewrite_closer_than_unrelated() -> None:
    wire = body_minhash(WIRE)
    copy, rewrite, unrelated = (minhash_similarity(wire, body_minhash(text)) for text in (COPY, REWRITE, UNRELATED))
    assert copy > rewrite > unrelated


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ((), (), 0.0),
        ((1, 2, 3), (1, 2), 0.0),  # signatures of different schemes do not compare
        ((1, 2, 3, 4), (1, 2, 0, 0), 0.5),
        ((1, 2, 3, 4), (1, 2, 3, 4), 1.0),
    ],
)
def test_minhash_similarity_values(first: tuple, second: tuple, expected: float) -> None:
    assert minhash_similarity(first, second) == expected


@given(st.text(max_size=400))
def test_body_minhash_is_a_deterministic_full_signature(body: str) -> None:
    signature = body_minhash(body)
    assert len(signature) == MINHASH_PERMUTATIONS
    assert all(isinstance(value, int) for value in signature)
    assert body_minhash(body) == signature
    assert minhash_similarity(signature, signature) == 1.0


def test_minhash_ignores_case_and_punctuation() -> None:
    assert body_minhash(WIRE) == body_minhash(WIRE.upper().replace(",", " ").replace('"', ""))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (WIRE, (
            "we see the alliance between the citadel and pyorsk growing stronger every single day",
            "this is a provocation and a fabrication from start to finish",
        )),
        # Quotes under eight words are common phrases, not evidence of copying.
        ('He called it "a provocation" and "a fabrication from start to finish".', ()),
        ("“This is not eight words long yet,” she said.", ()),
        ("“This one, however, is exactly eight words long,” she said.", (
            "this one however is exactly eight words long",
        )),
        ("«Nous ne savons rien de ces soldats venus de Kestria», a-t-il dit.", (
            "nous ne savons rien de ces soldats venus de kestria",
        )),
        ("No quotation marks at all in this sentence about soldiers crossing borders at night.", ()),
    ],
)
def test_long_quotes(body: str, expected: tuple[str, ...]) -> None:
    assert long_quotes(body) == expected


def test_rewrite_keeps_one_quote_word_for_word() -> None:
    assert set(long_quotes(WIRE)) & set(long_quotes(REWRITE)) == {
        "we see the alliance between the citadel and pyorsk growing stronger every single day"
    }


def test_article_features(extract) -> None:
    article = extract("Ostravia accuses Kestria\n\nBy Tomas Brede\n\n" + WIRE + "\n")
    features = article_features(article)
    assert features.article_id == article.id
    assert features.minhash == body_minhash(article.body)
    assert features.quotes == long_quotes(article.body)
    assert len(features.quotes) == 2
    assert features.terms.words["kestria"] >= 2  # the title counts too
