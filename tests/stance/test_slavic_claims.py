"""Russian and Ukrainian statements carry the claim key of the English sentence of the same event.

Every sentence is invented; the countries resolve through the gazetteer in any inflected form.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimwatch.api import sample_gazetteer_path
from claimwatch.gazetteer import load_gazetteer
from claimwatch.records import Article
from claimwatch.stance.languages import analyse

SLAVIC_GAZETTEER = Path(__file__).parents[1] / "data" / "slavic" / "gazetteer.toml"


@pytest.fixture(scope="module")
def builtin():
    return load_gazetteer()


@pytest.fixture(scope="module")
def sample():
    return load_gazetteer([sample_gazetteer_path(), SLAVIC_GAZETTEER])


def keys(body: str, language: str, gazetteer) -> list[str | None]:
    article = Article(id="a", source="t", format="text", body=body, paragraphs=(), raw=b"", language=language,
                      published="2025-03-06T10:00:00+03:00")
    _, assessments = analyse(article, gazetteer)
    return [assessment.claim_key for assessment in assessments]


@pytest.mark.parametrize(
    ("language", "body", "key"),
    [
        ("ru", "Источник в разведке заявил, что КНДР направила войска в Россию.", "send_troops|PRK|RUS"),
        ("ru", "Министр сказал, что Северная Корея отправила в Россию несколько тысяч солдат.", "send_troops|PRK|RUS"),
        ("ru", "По данным разведки, переброска войск Северной Кореи в Россию продолжается.", "send_troops|PRK|RUS"),
        ("ru", "Генерал заявил, что северокорейские военнослужащие уже прибыли в Россию.", "send_troops|PRK|RUS"),
        ("ru", "Генерал заявил, что КНДР поставляет России снаряды и ракеты.", "supply_weapons|PRK|RUS"),
        ("ru", "Генерал заявил, что погода в Москве хорошая.", None),
        ("uk", "Речник заявив, що КНДР направила війська до Росії.", "send_troops|PRK|RUS"),
        ("uk", "Розвідка повідомила, що Північна Корея відправила до Росії тисячі солдатів.", "send_troops|PRK|RUS"),
        ("uk", "За даними розвідки, перекидання військ Північної Кореї до Росії триває.", "send_troops|PRK|RUS"),
        ("uk", "Речник заявив, що Північна Корея постачає Росії снаряди.", "supply_weapons|PRK|RUS"),
    ],
)
def test_claim_keys(builtin, language: str, body: str, key: str | None) -> None:
    assert keys(body, language, builtin) == [key]


def test_one_event_in_four_languages_has_one_key(builtin) -> None:
    from claimwatch.nlp import load_nlp
    from claimwatch.stance.claims import proposition_of_sentence

    english = "North Korea is sending troops to Russia"
    found = {
        proposition_of_sentence(english, load_nlp()(english), builtin).key,
        *keys("Министр заявил, что Северная Корея направила войска в Россию.", "ru", builtin),
        *keys("Міністр заявив, що Північна Корея направила війська до Росії.", "uk", builtin),
        *keys("국정원은 북한이 러시아에 병력을 파병했다고 밝혔다.", "ko", builtin),
    }
    assert found == {"send_troops|PRK|RUS"}


@pytest.mark.parametrize(
    ("language", "body", "found"),
    [
        ("ru", "Бюро заявило, что Кестрия направила в Валдорию военнослужащих сил специальных операций. "
         "Олег Варин назвал эти сообщения «полным вымыслом».", ["send_troops|XKE|XVA", "send_troops|XKE|XVA"]),
        ("uk", "Бюро заявило, що Кестрія направила до Валдорії військовослужбовців сил спеціальних операцій. "
         "Олег Варін назвав ці повідомлення «повною вигадкою».", ["send_troops|XKE|XVA", "send_troops|XKE|XVA"]),
    ],
)
def test_denial_points_at_the_claim(sample, language: str, body: str, found: list[str]) -> None:
    assert keys(body, language, sample) == found


@pytest.mark.parametrize(
    ("language", "body", "key"),
    [
        # The event is the condition's; the country after it in the nominative is no actor of it.
        ("ru", "Лемский заявил, что в случае нападения на Кестрию Валдория примет все необходимые меры.", None),
        ("uk", "Лемський заявив, що в разі нападу на Кестрію Валдорія вживе всіх необхідних заходів.", None),
        # The subject far before the verb, named by its nationality adjective.
        ("ru", "Вантош заявила, что первые подразделения кестрийского контингента численностью до 2000 человек "
         "уже прибыли на полигоны в Валдории.", "send_troops|XKE|XVA"),
        ("uk", "Вантош заявила, що перші підрозділи кестрійського контингенту чисельністю до 2000 осіб "
         "уже прибули на полігони у Валдорії.", "send_troops|XKE|XVA"),
    ],
)
def test_actor_and_recipient(sample, language: str, body: str, key: str | None) -> None:
    assert keys(body, language, sample) == [key]
