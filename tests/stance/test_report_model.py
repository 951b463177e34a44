"""Report-level stance: the FNC-1 scorer, the development split, FNC-1 files, and the shipped model.

Every headline and body here is invented: people, places and events.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from claimwatch.cli import app
from claimwatch.errors import InputError
from claimwatch.stance.report import (
    STANCES,
    SplitRule,
    StancePair,
    confusion_matrix,
    fnc_points,
    fnc_score,
    load_report_stance_model,
    macro_f1,
    per_class_f1,
    read_pairs,
)
from claimwatch.stance.report.features import RELATEDNESS_FEATURES, FeatureSpace, TextViews
from claimwatch.stance.report.model import body_key
from claimwatch.stance.report.text import view_text
from claimwatch.stance.report.train import CachedEncoder

FERRY_CLAIM = "Kalven ferry operator to scrap the night crossing to the islands"
FERRY_AGREE = (
    "The Kalven ferry operator confirmed on Tuesday that it will scrap the night crossing to the islands from "
    "April. The operator said the night crossing to the islands had carried too few passengers to pay for the "
    "crew, and that the last night ferry would sail on 31 March. Island councillors said they regretted the "
    "decision to scrap the crossing but accepted the figures the ferry operator had published."
)
FERRY_DISAGREE = (
    "The Kalven ferry operator has denied reports that it plans to scrap the night crossing to the islands. "
    "\"These reports are false. The night ferry is not being scrapped and will keep sailing,\" a spokeswoman "
    "for the operator said, calling the claim a hoax spread on social media. The operator said no change to "
    "the night crossing to the islands had been discussed."
)
ORCHARD_BODY = (
    "Apple growers in the Vessen valley expect a record harvest this autumn after a mild spring and steady "
    "rain in June. The growers' cooperative said its members had planted three new varieties of pear and "
    "that cider presses in the valley would run through November. Prices at the autumn market are expected "
    "to fall slightly, the cooperative added."
)


# --- the FNC-1 score ---------------------------------------------------------------------------


def test_fnc_score_gives_a_quarter_for_relatedness_and_three_quarters_more_for_the_class() -> None:
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated", "agree"]
    predicted = ["agree", "discuss", "unrelated", "unrelated", "agree", "agree"]
    # agree/agree 1.0, disagree/discuss 0.25 (related, wrong class), discuss/unrelated 0,
    # unrelated/unrelated 0.25, unrelated/agree 0, agree/agree 1.0; best: 4 related x 1.0 + 2 x 0.25
    assert fnc_points(gold, predicted) == (2.5, 4.5)
    assert fnc_score(gold, predicted) == pytest.approx(2.5 / 4.5)


def test_fnc_score_extremes() -> None:
    gold = ["agree", "discuss", "unrelated", "disagree"]
    assert fnc_score(gold, gold) == 1.0
    assert fnc_score(gold, ["unrelated", "unrelated", "agree", "unrelated"]) == 0.0
    # every related pair called related but with the wrong class: 0.25 of 1.0 for each of them
    assert fnc_score(["agree", "disagree"], ["discuss", "agree"]) == pytest.approx(0.25)
    # all unrelated: a right call earns 0.25 of a 0.25 maximum
    assert fnc_score(["unrelated"] * 3, ["unrelated", "unrelated", "discuss"]) == pytest.approx(2 / 3)
    assert fnc_score([], []) == 0.0


def test_scorer_rejects_lists_of_different_lengths() -> None:
    with pytest.raises(ValueError):
        fnc_score(["agree"], [])


def test_per_class_f1_macro_f1_and_confusion() -> None:
    gold = ["agree", "agree", "disagree", "discuss", "unrelated", "unrelated"]
    predicted = ["agree", "discuss", "disagree", "discuss", "unrelated", "agree"]
    confusion = confusion_matrix(gold, predicted)
    assert confusion["agree"] == {"agree": 1, "disagree": 0, "discuss": 1, "unrelated": 0}
    assert confusion["unrelated"] == {"agree": 1, "disagree": 0, "discuss": 0, "unrelated": 1}
    assert sum(sum(row.values()) for row in confusion.values()) == len(gold)
    scores = per_class_f1(gold, predicted)
    # agree: tp 1, gold 2, predicted 2 -> 0.5; disagree 1.0; discuss: tp 1, gold 1, predicted 2 -> 2/3;
    # unrelated: tp 1, gold 2, predicted 1 -> 2/3
    assert scores == pytest.approx({"agree": 0.5, "disagree": 1.0, "discuss": 2 / 3, "unrelated": 2 / 3})
    assert macro_f1(gold, predicted) == pytest.approx((0.5 + 1.0 + 2 / 3 + 2 / 3) / 4)
    assert per_class_f1(["agree"], ["agree"])["disagree"] == 0.0


# --- the development split ---------------------------------------------------------------------


def _pair(headline: str, body_id: str = "1", stance: str = "discuss") -> StancePair:
    return StancePair(headline, body_id, f"body {body_id}", stance)


def test_split_is_by_headline_and_deterministic() -> None:
    pairs = [_pair(f"Invented headline number {n}", str(n % 7)) for n in range(400)]
    pairs += [_pair("  INVENTED headline   number 3 ", "99")]  # same claim, other case and spacing
    rule = SplitRule()
    train, dev = rule.split(pairs)
    assert (train, dev) == rule.split(list(pairs))
    assert len(train) + len(dev) == len(pairs)
    train_heads = {" ".join(p.headline.lower().split()) for p in train}
    dev_heads = {" ".join(p.headline.lower().split()) for p in dev}
    assert not train_heads & dev_heads
    assert 0.1 < len(dev) / len(pairs) < 0.3


def test_split_with_disjoint_bodies_drops_pairs_that_cross() -> None:
    pairs = [_pair(f"Invented headline {n}", str(n)) for n in range(300)]
    rule = SplitRule(disjoint_bodies=True)
    train, dev = rule.split(pairs)
    assert not {p.body_id for p in train} & {p.body_id for p in dev}
    assert len(train) + len(dev) < len(pairs)
    assert SplitRule.from_json(rule.to_json()) == rule


def test_split_with_disjoint_stories_keeps_every_story_on_one_side() -> None:
    # 60 invented stories: 3 headlines and 3 bodies each, related within the story, plus unrelated pairs across
    pairs = [
        StancePair(f"Story {story} headline {h}", f"{story}-{b}", f"body {story}-{b}", "discuss")
        for story in range(60) for h in range(3) for b in range(3)
    ]
    pairs += [StancePair(f"Story {s} headline 0", f"{(s + 7) % 60}-0", "other body", "unrelated") for s in range(60)]
    rule = SplitRule(disjoint_stories=True)
    train, dev = rule.split(pairs)
    train_stories = {p.body_id.split("-")[0] for p in train}
    dev_stories = {p.body_id.split("-")[0] for p in dev}
    assert train_stories and dev_stories and not train_stories & dev_stories
    assert len([p for p in train + dev if p.stance == "discuss"]) == 60 * 9  # related pairs never cross
    assert (train, dev) == rule.split(list(pairs))
    assert SplitRule.from_json(rule.to_json()) == rule


# --- FNC-1 files -------------------------------------------------------------------------------


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def fnc_files(tmp_path: Path) -> tuple[Path, Path]:
    bodies = _write_csv(
        tmp_path / "bodies.csv",
        ["Body ID", "articleBody"],
        [["10", FERRY_AGREE], ["11", FERRY_DISAGREE], ["12", ORCHARD_BODY]],
    )
    stances = _write_csv(
        tmp_path / "stances.csv",
        ["Headline", "Body ID", "Stance"],
        [[FERRY_CLAIM, "10", "agree"], [FERRY_CLAIM, "11", "disagree"], [FERRY_CLAIM, "12", "unrelated"]],
    )
    return bodies, stances


def test_read_pairs(fnc_files: tuple[Path, Path]) -> None:
    pairs = read_pairs(*fnc_files)
    assert [(p.body_id, p.stance) for p in pairs] == [("10", "agree"), ("11", "disagree"), ("12", "unrelated")]
    assert pairs[2].body == ORCHARD_BODY


def test_read_pairs_requires_the_stance_column_and_known_bodies(tmp_path: Path, fnc_files: tuple[Path, Path]) -> None:
    bodies, _ = fnc_files
    unlabelled = _write_csv(tmp_path / "unlabelled.csv", ["Headline", "Body ID"], [[FERRY_CLAIM, "10"]])
    with pytest.raises(InputError, match="Stance"):
        read_pairs(bodies, unlabelled)
    unknown = _write_csv(tmp_path / "unknown.csv", ["Headline", "Body ID", "Stance"], [[FERRY_CLAIM, "77", "agree"]])
    with pytest.raises(InputError, match="'77'"):
        read_pairs(bodies, unknown)
    with pytest.raises(InputError, match="no such file"):
        read_pairs(tmp_path / "missing.csv", unknown)


# --- the shipped model -------------------------------------------------------------------------


def test_shipped_model_predicts_labels_and_probabilities() -> None:
    model = load_report_stance_model()
    assert load_report_stance_model() is model  # cached
    pairs = [(FERRY_CLAIM, FERRY_AGREE), (FERRY_CLAIM, FERRY_DISAGREE), (FERRY_CLAIM, ORCHARD_BODY), ("", "")]
    predictions = model.predict(pairs)
    assert len(predictions) == len(pairs)
    for label, probabilities in predictions:
        assert label in STANCES
        assert set(probabilities) == set(STANCES)
        assert all(0.0 <= p <= 1.0 for p in probabilities.values())
        assert math.isclose(sum(probabilities.values()), 1.0, abs_tol=1e-9)
        assert label == max(probabilities, key=probabilities.get)
    assert model.predict([]) == []


def test_shipped_model_calls_an_obviously_unrelated_pair_unrelated() -> None:
    [(label, probabilities)] = load_report_stance_model().predict([(FERRY_CLAIM, ORCHARD_BODY)])
    assert label == "unrelated"
    assert probabilities["unrelated"] > 0.9


def test_shipped_model_sees_a_report_on_the_claim_as_related() -> None:
    predictions = load_report_stance_model().predict([(FERRY_CLAIM, FERRY_AGREE), (FERRY_CLAIM, FERRY_DISAGREE)])
    assert [label for label, _ in predictions] != ["unrelated", "unrelated"]
    assert all(probabilities["unrelated"] < 0.5 for _, probabilities in predictions)


def test_meaning_features_tell_a_report_on_the_claim_from_an_unrelated_one() -> None:
    model = load_report_stance_model()
    views = TextViews.of([(FERRY_CLAIM, FERRY_AGREE), (FERRY_CLAIM, ORCHARD_BODY)])
    features = model.features.relatedness_features(views)
    assert features.shape == (2, len(RELATEDNESS_FEATURES)) and np.isfinite(features).all()
    best = RELATEDNESS_FEATURES.index("meaning_cosine_best")
    assert features[0, best] > features[1, best] + 0.2


NEW_STORIES = [
    (
        "Tarnow bridge to close for six months of repairs",
        "The Tarnow river bridge will close to traffic for six months from June while engineers replace its "
        "rusted cables, the county roads office said. Drivers will be sent on a detour through Melk.",
    ),
    (
        "Thieves take two silver chalices from the Ostrava town museum",
        "Two silver chalices were stolen from the Ostrava town museum overnight, police said. The thieves "
        "broke a window at the back of the museum and the alarm did not sound, a curator told reporters.",
    ),
]


def _fitted_on_orchards_only() -> FeatureSpace:
    """A feature space whose training texts never mention the stories of ``NEW_STORIES``."""
    headlines = ["Vessen valley growers expect a record apple harvest", "Pear prices to fall at the autumn market"]
    return FeatureSpace(topic_terms=50, lsa_components=2, stance_terms=50).fit(headlines, [ORCHARD_BODY] * 2)


@pytest.mark.parametrize(("headline", "body"), NEW_STORIES)
@pytest.mark.parametrize(
    "feature", ["overlap_fraction", "overlap_fraction_idf", "bm25_normalised", "best_sentence_overlap"]
)
def test_relatedness_of_a_story_unseen_in_training_rests_on_the_pair_alone(headline, body, feature) -> None:
    """A report on a story the training texts never mention overlaps with its headline as much as it would
    if they did: no relatedness feature depends on a vocabulary of training topics (the TF-IDF and LSA
    cosines did, and called most pairs of new FNC-1 stories unrelated)."""
    other_body = NEW_STORIES[1][1] if headline == NEW_STORIES[0][0] else NEW_STORIES[0][1]
    views = TextViews.of([(headline, body), (headline, other_body)], encode=lambda texts: np.ones((len(texts), 512)))
    column = RELATEDNESS_FEATURES.index(feature)
    related, unrelated = _fitted_on_orchards_only().relatedness_features(views)[:, column]
    assert related >= 0.5 > 0.1 >= unrelated
    assert not {"cosine_tfidf", "cosine_lsa"} & set(RELATEDNESS_FEATURES)


def test_invented_bodies_get_the_general_stage_only() -> None:
    model = load_report_stance_model()
    assert len(model.known_bodies) > 1000  # the FNC-1 training bodies
    assert not {body_key(view_text(body)) for body in (FERRY_AGREE, FERRY_DISAGREE, ORCHARD_BODY)} & model.known_bodies


def test_cached_encoder_embeds_each_sentence_once(tmp_path: Path) -> None:
    encoder = CachedEncoder(tmp_path)
    first = encoder.encode(["The ferry will keep sailing.", "The ferry will keep sailing.", "Pears are ripe."])
    assert first.shape == (3, 512) and np.allclose(first[0], first[1])
    assert len(list(tmp_path.glob("*.npy"))) == 2
    assert np.array_equal(CachedEncoder(tmp_path).encode(["Pears are ripe."])[0], first[2])


def test_shipped_model_metadata_records_data_split_and_scores() -> None:
    metadata = load_report_stance_model().metadata
    assert len(metadata["training_data"]["sha256"]) == 64
    assert metadata["split"]["dev_fraction"] == 0.2 and metadata["split"]["disjoint_bodies"] is False
    assert metadata["dev_scores"]["fnc_score"] >= 0.82
    assert metadata["versions"]["scikit-learn"]


# --- the command line --------------------------------------------------------------------------


def test_eval_stance_on_fnc1_files_prints_json(fnc_files: tuple[Path, Path]) -> None:
    bodies, stances = fnc_files
    result = CliRunner().invoke(app, ["eval", "stance", "--bodies", str(bodies), "--stances", str(stances), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"pairs", "fnc_score", "macro_f1", "per_class_f1", "confusion", "pairs_per_second"}
    assert data["pairs"] == 3
    assert 0.0 <= data["fnc_score"] <= 1.0
    assert set(data["per_class_f1"]) == set(STANCES) == set(data["confusion"])


def test_eval_stance_usage_errors(fnc_files: tuple[Path, Path], tmp_path: Path) -> None:
    bodies, stances = fnc_files
    runner = CliRunner()
    assert runner.invoke(app, ["eval", "stance"]).exit_code == 2
    assert runner.invoke(app, ["eval", "stance", "--dev-split"]).exit_code == 2
    assert runner.invoke(app, ["eval", "stance", "--bodies", str(bodies)]).exit_code == 2
    missing = runner.invoke(app, ["eval", "stance", "--bodies", str(tmp_path / "nope.csv"), "--stances", str(stances)])
    assert missing.exit_code == 1
    assert "no such file" in missing.stderr
