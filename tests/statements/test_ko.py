"""The Korean pipeline: quotative endings, speakers across scripts, dates, certainty, acts and claims."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimwatch.api import sample_gazetteer
from claimwatch.eval.dev_statements import dev_document, load_dev_set, score_dev_set
from claimwatch.extract import extract_article
from claimwatch.gazetteer import load_gazetteer
from claimwatch.records import Article
from claimwatch.stance.ko import read_korean_certainty
from claimwatch.stance.languages import analyse
from claimwatch.statements.ko import resolve_korean_phrase

DEV_SET = Path(__file__).parents[1] / "data" / "ko" / "ko_dev.toml"


def korean(body: str, published: str = "2024-10-17T15:08:00+09:00") -> Article:
    return Article(id="ko", source="test", format="text", body=body, paragraphs=(), raw=b"", published=published,
                   language="ko")


@pytest.fixture(scope="module")
def builtin():
    return load_gazetteer()


def test_dev_set_speakers_and_acts_per_article() -> None:
    """At least 10 of 12 speakers and 8 of 12 acts right in each hand-labelled article."""
    scores = score_dev_set(DEV_SET, sample_gazetteer(), with_misses=True)
    assert scores["total"]["gold"] >= 30
    for article in scores["articles"]:
        assert article["speaker"] * 12 >= 10 * article["gold"], article
        assert article["act"] * 12 >= 8 * article["gold"], article


def test_dev_set_days_said() -> None:
    """Every day the dev set's texts give ("지난 3일", "4일", "이날") is read against the article's date."""
    gazetteer = sample_gazetteer()
    for item in load_dev_set(DEV_SET):
        article = extract_article(dev_document(item), gazetteer)
        statements, _ = analyse(article, gazetteer)
        for gold in (g for g in item["statement"] if "said_on" in g):
            (found,) = [s for s in statements if gold["content"] in s.content.text]
            assert found.said_on.start == gold["said_on"], gold


@pytest.mark.parametrize(
    ("body", "speaker", "cue", "content", "kind"),
    [
        ('크렘린궁 드미트리 페스코프 대변인은 이를 "가짜뉴스"라고 일축했다.', "Dmitry Peskov", "일축하다",
         "가짜뉴스", "direct"),
        ("국가정보원은 북한이 특수부대를 러시아에 보내기로 결정했다고 전했다.", "National Intelligence Service",
         "전하다", "북한이 특수부대를 러시아에 보내기로 결정했다", "indirect"),
        ('"북한군이 이미 러시아에 도착했다"고 젤렌스키 대통령은 말했다.', "Volodymyr Zelensky", "말하다",
         "북한군이 이미 러시아에 도착했다", "direct"),
        ("국정원에 따르면 북한은 병력 1만 2천 명을 파병했다.", "National Intelligence Service", "따르다",
         "북한은 병력 1만 2천 명을 파병했다", "indirect"),
        ("러시아 외무부는 파병설을 부인했다.", "Russian Foreign Ministry", "부인하다", "파병설", "reported_act"),
        ('김용현 국방부 장관은 16일 국회에서 "파병 가능성이 높다"고 밝혔다.', "Kim Yong-hyun", "밝히다",
         "파병 가능성이 높다", "direct"),
    ],
)
def test_attributions(builtin, body: str, speaker: str, cue: str, content: str, kind: str) -> None:
    statements, _ = analyse(korean(body), builtin)
    (statement,) = statements
    assert (statement.speaker.entity, statement.cue_lemma, statement.content.text, statement.kind) == (
        speaker, cue, content, kind
    )


def test_speaker_is_one_entity_with_the_english_report(builtin) -> None:
    from claimwatch.stance.languages import english
    from claimwatch.statements.entities import entity_key

    english_statements, _ = english(
        Article(id="en", source="t", format="text", paragraphs=(), raw=b"", language="en",
                body='Ukrainian President Volodymyr Zelenskyy said, "North Korea is sending troops to Russia."'),
        builtin,
    )
    body = '젤렌스키 우크라이나 대통령은 "북한이 러시아에 병력을 보내고 있다"고 말했다.'
    korean_statements, _ = analyse(korean(body), builtin)
    assert entity_key(english_statements[0].speaker) == entity_key(korean_statements[0].speaker)
    assert korean_statements[0].speaker.written_name == "젤렌스키"


def test_pronoun_and_title_continue_the_speaker(builtin) -> None:
    body = ('김용현 국방부 장관은 "북한이 파병할 가능성이 있다"고 말했다. 김 장관은 "면밀히 주시하고 있다"고 설명했다. '
            '그는 "대비하겠다"고 덧붙였다.')
    statements, _ = analyse(korean(body), builtin)
    assert [s.speaker.entity for s in statements] == ["Kim Yong-hyun"] * 3


def test_claims_meet_the_english_key(builtin) -> None:
    from claimwatch.nlp import load_nlp
    from claimwatch.stance.claims import proposition_of_sentence

    english = "North Korea is sending troops to Russia"
    wanted = proposition_of_sentence(english, load_nlp()(english), builtin)
    _, assessments = analyse(korean("국정원은 북한이 러시아에 병력을 파병했다고 밝혔다."), builtin)
    assert assessments[0].claim_key == wanted.key == "send_troops|PRK|RUS"


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("16일", "2024-10-16", "2024-10-16"),
        ("지난 7일", "2024-10-07", "2024-10-07"),
        ("지난 28일", "2024-09-28", "2024-09-28"),
        ("10월 11일", "2024-10-11", "2024-10-11"),
        ("지난주", "2024-10-07", "2024-10-13"),
        ("수요일", "2024-10-16", "2024-10-16"),
        ("지난 목요일", "2024-10-10", "2024-10-10"),
        ("어제", "2024-10-16", "2024-10-16"),
        ("이날", "2024-10-17", "2024-10-17"),
        ("지난 주말", "2024-10-12", "2024-10-13"),
    ],
)
def test_dates(phrase: str, start: str, end: str) -> None:
    said = resolve_korean_phrase(phrase, date(2024, 10, 17))  # a Thursday
    assert (said.start, said.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("북한이 파병할 가능성이 높다", "very likely"),
        ("북한군 병력은 3천 명으로 추정된다", "likely"),
        ("이미 도착한 것으로 보인다", "likely"),
        ("완전한 가짜뉴스", "almost no chance"),
        ("가능성은 낮다", "unlikely"),
        ("파병이 확인됐다", "almost certain"),
        ("아직 확인되지 않았다", "roughly even chance"),
        ("대비할 수 있도록 하라", "not stated"),
        ("북한이 병력을 보냈다", "not stated"),
    ],
)
def test_certainty(text: str, term: str) -> None:
    assert read_korean_certainty(text)[0] == term


@pytest.mark.parametrize(
    ("body", "act", "condition"),
    [
        ('바린 대변인은 "완전한 날조"라고 반박했다.', "denies", None),
        ('케른 대변인은 "긴장 고조"라고 비난했다.', "accuses", None),
        ('렘스키 차관은 "공격을 받으면 모든 조치를 취할 것"이라고 말했다.', "pledges", "공격을 받으면"),
        ('휘틀록 대변인은 "사실이라면 우려스럽다"고 말했다.', "asserts", "사실이라면"),
        ('국가정보국은 "동향을 면밀히 주시하고 있다"고 밝혔다.', "investigates", None),
        ('룬드 연구원은 "파병 가능성이 크다"고 분석했다.', "assesses", None),
    ],
)
def test_acts_and_conditions(body: str, act: str, condition: str | None) -> None:
    _, (assessment,) = analyse(korean(body), sample_gazetteer())
    assert (assessment.act, assessment.condition) == (act, condition)


def test_two_quotations_share_the_verb_of_saying(builtin) -> None:
    body = '젤렌스키 대통령은 "동맹이 강화되고 있다"며 "북한 사람들을 점령군에 보내고 있다"고 주장했다.'
    statements, assessments = analyse(korean(body), builtin)
    assert [(s.speaker.entity, s.cue_lemma) for s in statements] == [("Volodymyr Zelensky", "주장하다")] * 2
    assert assessments[1].claim_key == "send_troops|PRK|*"


def test_the_actor_is_the_subject_nearest_the_event(builtin) -> None:
    body = "루덴코 외무차관은 북한이 공격을 받으면 러시아가 군사 지원을 제공할 것이라고 말했다."
    _, (assessment,) = analyse(korean(body), builtin)
    assert (assessment.act, assessment.condition, assessment.claim_key) == (
        "pledges", "북한이 공격을 받으면", "provide_military_aid|RUS|*"
    )
