"""The relation of a statement to a claim, and voice positions: rules on hand-made statements."""

from __future__ import annotations

import pytest

from claimwatch.gazetteer import load_gazetteer
from claimwatch.nlp import load_nlp
from claimwatch.stance.positions import (
    Relation,
    claim_target,
    is_outlet,
    judgement_agrees,
    names_share,
    points_back,
    relate,
    voice_key,
    voice_positions,
)

CLAIM = "The train attack in Pakistan was directed from Afghanistan"
CEASEFIRE = "Russia has accepted the ceasefire"


@pytest.fixture(scope="module")
def target():
    return claim_target(CLAIM, load_nlp()(CLAIM), load_gazetteer())


@pytest.fixture(scope="module")
def ceasefire():
    return claim_target(CEASEFIRE, load_nlp()(CEASEFIRE), load_gazetteer())


def row(content: str, act: str = "asserts", **fields) -> dict:
    return {
        "id": fields.pop("id", "s1"), "content": content, "act": act, "polarity": "affirmed",
        "certainty": "not stated", "conditional": False, "cue_lemma": "say", "cue": "said", **fields,
    }


def test_names_are_found_by_any_spelling(target) -> None:
    assert names_share(target, "Kabul rejected the claims of Islamabad") == 1.0  # capitals stand for countries
    assert names_share(target, "Afghan officials said") == 0.5  # a demonym names the country
    assert names_share(target, "The weather was fine") == 0.0


@pytest.mark.parametrize(
    ("content", "act", "expected"),
    [
        ("them as fake news", "denies", True),
        ("Pakistan's allegation that the attackers came from Afghanistan", "denies", True),
        ("these claims", "investigates", True),
        ("such remarks", "denies", True),
        ("it as baseless", "denies", True),
        ("it was raining in the capital", "asserts", False),
        ("the militants crossed the border", "asserts", False),
    ],
)
def test_references_to_a_claim_made_elsewhere(content: str, act: str, expected: bool) -> None:
    assert points_back(content, act) is expected


@pytest.mark.parametrize(
    ("statement", "meaning", "relation", "hedged", "conditional"),
    [
        # the accuser backs
        (row("the attack was planned and directed from Afghanistan", "accuses"), 0.8, "backs", False, False),
        # a denying act flips the content
        (row("that the attack was directed from Afghanistan", "denies", polarity="negated"), 0.8, "denies", False,
         False),
        # negation inside the content denies
        (row("No members of the group have presence in Afghanistan", polarity="negated"), 0.6, "denies", False,
         False),
        # a hedge backs, hedged
        (row("the attack was likely directed from Afghanistan", "assesses", certainty="likely"), 0.8, "backs", True,
         False),
        # "if true" takes no side
        (row("the reports, if true, would show the attack was directed from Afghanistan", conditional=True), 0.7,
         "neutral", False, True),
        # monitoring and calls to verify take no side
        (row("it is monitoring reports that the attack was directed from Afghanistan", "investigates"), 0.7,
         "neutral", False, False),
        # a question takes no side
        (row("whether the attack in Pakistan was directed from Afghanistan?", "questions"), 0.7, "neutral", False,
         False),
        # calling it untrue denies, whatever the verb
        (row("the Pakistani accusation that Afghanistan directed the attack is baseless"), 0.6, "denies", False,
         False),
        # declining to comment takes no side
        (row("Pakistan's statements that Afghanistan directed the train attack", cue="declined to comment on"), 0.7,
         "neutral", False, False),
        # an unrelated statement
        (row("wheat prices rose in the spring"), 0.05, "unrelated", False, False),
    ],
)
def test_direction(target, statement: dict, meaning: float, relation: str, hedged: bool, conditional: bool) -> None:
    context = statement["content"]
    found = relate(statement, target, meaning, context, referent_score=None, on_claim=True)
    assert (found.relation, found.hedged, found.conditional) == (relation, hedged, conditional), found.reason


def test_a_pointer_reaches_the_claim_its_article_is_about(target) -> None:
    dismissal = row("them as fake news", "denies", polarity="negated")
    assert relate(dismissal, target, 0.05, "The ministry dismissed them", referent_score=0.7).relation == "denies"
    assert relate(dismissal, target, 0.05, "The ministry dismissed them", referent_score=None).relation == "unrelated"


def test_urging_to_do_what_the_claim_says_is_done_denies_it(ceasefire) -> None:
    urging = row("Russia to accept the ceasefire", cue_lemma="urge", cue="urged")
    found = relate(urging, ceasefire, 0.85, "Leaders urged Russia to accept the ceasefire")
    assert (found.relation, found.reason) == ("denies", "meaning+implied:urged")


def test_off_topic_articles_need_close_meaning(target) -> None:
    aside = row("Pakistan and Afghanistan signed a trade deal")
    assert relate(aside, target, 0.3, aside["content"], on_claim=False).relation == "unrelated"


def statement_on(day: str, name: str, key: str, **fields) -> dict:
    return {"id": key, "speaker_entity": name, "speaker_entity_id": f"e-{name}", "voice": "source",
            "said_on": day, "certainty": "not stated", **fields}


def relation(key: str, side: str, hedged: bool = False, conditional: bool = False) -> Relation:
    return Relation(key, side, 0.8, hedged, conditional, "test")


def test_one_row_per_voice_with_its_latest_side_and_the_moves() -> None:
    statements = [
        statement_on("2025-03-04", "Selmara", "a", certainty="roughly even chance"),
        statement_on("2025-03-07", "Selmara", "b", certainty="very likely"),
        statement_on("2025-03-14", "Selmara", "c", certainty="almost certain"),
        statement_on("2025-03-04", "Valdoria", "d"),
        statement_on("2025-03-05", "Alliance", "e"),
        statement_on("2025-03-05", "Harbor Post", "f", voice="outlet"),
    ]
    relations = {
        "a": relation("a", "neutral"), "b": relation("b", "denies"), "c": relation("c", "backs"),
        "d": relation("d", "denies"), "e": relation("e", "neutral", conditional=True), "f": relation("f", "backs"),
    }
    rows = {p.voice: p for p in voice_positions(statements, relations)}
    assert set(rows) == {"Selmara", "Valdoria", "Alliance"}  # the outlet's own voice is no position
    selmara = rows["Selmara"]
    assert (selmara.stance, selmara.certainty, selmara.first_said_on, selmara.last_said_on) == (
        "backs", "almost certain", "2025-03-04", "2025-03-14")
    assert selmara.changed == [{"on": "2025-03-14", "from": "denies", "to": "backs", "statement_id": "c"}]
    assert selmara.statements == ["a", "b", "c"]
    assert (rows["Alliance"].stance, rows["Alliance"].conditional) == ("neutral", True)
    assert rows["Valdoria"].stance == "denies" and rows["Valdoria"].entity_id == "e-Valdoria"


def test_a_voice_is_hedged_only_when_all_its_backing_is() -> None:
    statements = [statement_on("2025-03-07", "Jun", "a"), statement_on("2025-03-07", "Jun", "b")]
    hedged = {"a": relation("a", "backs", hedged=True), "b": relation("b", "backs", hedged=True)}
    assert voice_positions(statements, hedged)[0].hedged is True
    mixed = {"a": relation("a", "backs", hedged=True), "b": relation("b", "backs")}
    assert voice_positions(statements, mixed)[0].hedged is False


FAIR = "The Maravian election was fair"
RIGGED = "The Maravian election was rigged"


@pytest.mark.parametrize(
    ("claim", "content", "relation"),
    [
        # a judgement of the other sign denies, with no negation or denial word
        (FAIR, "the vote was a sham that shut out the opposition", "denies"),
        (FAIR, "the count excluded whole provinces", "denies"),
        # a judgement of the same sign backs
        (RIGGED, "the count was a farce from start to finish", "backs"),
        (FAIR, "the Maravian vote was free, transparent and credible", "backs"),
        # a negation just before the judging word turns it
        (RIGGED, "the Maravian vote was not fair to the opposition", "backs"),
        (FAIR, "the Maravian vote was never fair", "denies"),
    ],
)
def test_judgements_of_a_judging_claim(claim: str, content: str, relation: str) -> None:
    target = claim_target(claim, load_nlp()(claim), load_gazetteer())
    found = relate(row(content), target, 0.55, f"Observers of the Maravian election said {content}", on_claim=True)
    assert found.relation == relation, found.reason


@pytest.mark.parametrize(
    ("claim", "content"),
    [
        ("Kestria sent troops to Valdoria", "the vote was a sham"),  # a claim of fact: judgements decide nothing
        (FAIR, "the weather in Maravia was mild"),  # a content that does not judge
        (FAIR, "he hopes the next vote will be fair and credible"),  # a wish or a call judges nothing yet
        (RIGGED, "illegal aliens were seen near a polling station"),  # no judgement of the election
        (FAIR, "the vote was fair in the north but a sham in the south"),  # both signs: no one side
    ],
)
def test_judgements_need_a_judging_claim_and_content(claim: str, content: str) -> None:
    assert judgement_agrees(claim, content) is None


@pytest.mark.parametrize(
    ("name", "outlet", "expected"),
    [
        ("Voice of America", "Voice of America", True),
        ("VOA", "Voice of America", True),
        ("VOA's Mandarin Service", "Voice of America", True),
        ("AP", "Associated Press", True),
        ("Reuters", "Voice of America", False),
        ("Vera Okafor", "Voice of America", False),
        ("VOA", None, False),
    ],
)
def test_the_reports_own_outlet_is_no_voice(name: str, outlet: str | None, expected: bool) -> None:
    assert is_outlet(name, outlet) is expected
    assert (voice_key({"speaker_entity": name, "voice": "source", "outlet": outlet}) is None) is expected
