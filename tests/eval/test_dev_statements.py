"""The hand-labelled Russian and Ukrainian dev sets (tests/data/slavic): speaker and act per article.

Goal of issue 14: of each article's attributed statements (12 or more), at least 10 found with the
right speaker and 8 with the right act.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimwatch.api import sample_gazetteer_path
from claimwatch.eval.dev_statements import load_dev_set, same_speaker, score_dev_set
from claimwatch.gazetteer import load_gazetteer

DATA = Path(__file__).parents[1] / "data" / "slavic"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer([sample_gazetteer_path(), DATA / "gazetteer.toml"])


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_dev_set_shape(language: str) -> None:
    articles = load_dev_set(DATA / f"{language}_dev.toml")
    assert len(articles) >= 3 and sum(len(a["statement"]) for a in articles) >= 30
    for article in articles:
        assert len(article["statement"]) >= 12
        for statement in article["statement"]:
            assert statement["content"] in article["text"], statement


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_speakers_and_acts_per_article(gazetteer, language: str) -> None:
    scores = score_dev_set(DATA / f"{language}_dev.toml", gazetteer, with_misses=True)
    for article in scores["articles"]:
        assert article["speaker"] >= article["gold"] - 2, article
        assert article["act"] >= article["gold"] - 4, article


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [("Чо Мин Хек", "Чо Мин Хёк", True), ("Oleg Varin", "oleg varin", True), (None, "Oleg Varin", False),
     ("Варин", "Oleg Varin", False)],
)
def test_same_speaker(predicted: str | None, gold: str, same: bool) -> None:
    assert same_speaker(predicted, gold) is same
