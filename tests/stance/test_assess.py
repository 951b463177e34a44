"""Acts, modality and claims of statements in short invented reports."""

from __future__ import annotations

import pytest

from claimwatch.gazetteer import load_gazetteer
from claimwatch.nlp import load_nlp
from claimwatch.records import Article
from claimwatch.stance.assess import assess_statements
from claimwatch.statements import extract_statements


@pytest.fixture(scope="module")
def assess():
    nlp = load_nlp()
    gazetteer = load_gazetteer()

    def run(body: str) -> list[tuple]:
        article = Article(
            id="t", source="t", format="text", body=body, paragraphs=(), raw=b"", published="2025-03-06T10:00:00+00:00"
        )
        doc = nlp(body)
        statements = sorted(extract_statements(article, doc, gazetteer), key=lambda s: s.start)
        return list(zip(statements, assess_statements(statements, doc, gazetteer), strict=True))

    return run


@pytest.mark.parametrize(
    ("body", "act"),
    [
        ("Poland's foreign minister Adam Wrona accused Belarus of sending troops to the border.", "accuses"),
        ('The Kremlin dismissed the reports as "fake news."', "denies"),
        ("Japan's defence ministry said it was closely monitoring the situation.", "investigates"),
        ("The United States expressed concern over the reports.", "expresses_concern"),
        ("Finland's intelligence service confirmed that the convoy had crossed the border.", "confirms"),
        ("Defence Minister Ana Lutz said there is a high possibility that Serbia sent troops to Kosovo.", "assesses"),
    ],
)
def test_acts(assess, body: str, act: str) -> None:
    (statement, assessment), *_ = assess(body)
    assert assessment.act == act, (statement.content.text, assessment)


def test_conditional_if_true(assess) -> None:
    (_, assessment), *_ = assess(
        'A spokesperson for the Council, Mara Ilves, said that the reports, if true, "would mark a serious escalation."'
    )
    assert assessment.conditional and assessment.condition == "if true"


def test_negated_content(assess) -> None:
    (_, assessment), *_ = assess("The ministry said that Belarus did not send any soldiers to the border.")
    assert assessment.polarity == "negated"


def test_wordings_land_on_one_claim(assess) -> None:
    found = assess(
        "Polish officials said that Belarus is sending troops to Russia. "
        "Lithuanian President Ona Kaunaite said Minsk has deployed soldiers to aid Moscow. "
        "Estonia's foreign minister accused Belarus of dispatching forces to Russia."
    )
    keys = {assessment.claim_key for _, assessment in found}
    assert keys == {"send_troops|BLR|RUS"}


def test_denial_points_at_the_claim_it_denies(assess) -> None:
    found = assess(
        "Polish officials said that Belarus is sending troops to Russia. Minsk dismissed the reports as a fabrication."
    )
    (_, claim), (_, denial) = found
    assert denial.act == "denies" and denial.claim_key == claim.claim_key
