"""A voice is one entity in every language: spellings in any script, lemmas, bare Korean names."""

from __future__ import annotations

import pytest

from claimwatch.api import sample_gazetteer
from claimwatch.gazetteer import load_gazetteer
from claimwatch.records import Speaker
from claimwatch.statements.entities import entity_key


@pytest.fixture(scope="module")
def builtin():
    return load_gazetteer()


@pytest.mark.parametrize(
    ("forms", "name", "kind", "country"),
    [
        (("젤렌스키",), "Volodymyr Zelensky", "person", "UKR"),
        (("Зеленський",), "Volodymyr Zelensky", "person", "UKR"),
        (("Зеленского", "Зеленский"), "Volodymyr Zelensky", "person", "UKR"),  # the lemma after the inflected form
        (("Zelenskyy",), "Volodymyr Zelensky", "person", "UKR"),
        (("드미트리 페스코프",), "Dmitry Peskov", "person", "RUS"),
        (("드미트리페스코프",), "Dmitry Peskov", "person", "RUS"),  # Korean written without the space
        (("Песков",), "Dmitry Peskov", "person", "RUS"),
        (("the Kremlin",), "Government of Russia", "government", "RUS"),
        (("크렘린궁",), "Government of Russia", "government", "RUS"),
        (("Кремль",), "Government of Russia", "government", "RUS"),
        (("모스크바",), "Russia", "country", "RUS"),  # a capital in any spelling is the country, as "Moscow" is
        (("국정원",), "National Intelligence Service", "organization", "KOR"),
        (("NIS",), "National Intelligence Service", "organization", "KOR"),
        (("김용현",), "Kim Yong-hyun", "person", "KOR"),
        (("북한",), "North Korea", "country", "PRK"),
        (("КНДР",), "North Korea", "country", "PRK"),
        (("Північна Корея",), "North Korea", "country", "PRK"),
        (("일본",), "Japan", "country", "JPN"),  # country_names.toml
        (("연합뉴스",), "Yonhap", "outlet", "KOR"),
    ],
)
def test_builtin_spellings(builtin, forms: tuple[str, ...], name: str, kind: str, country: str) -> None:
    entity = builtin.entity(*forms)
    assert (entity.name, entity.kind, entity.country) == (name, kind, country)


@pytest.mark.parametrize(
    ("form", "name"),
    [("발도리아", "Valdoria"), ("Кестрия", "Kestria"), ("바린", "Oleg Varin"), ("Варін", "Oleg Varin"),
     ("시타델", "Government of Valdoria"), ("국가정보국", "National Intelligence Bureau"), ("전해룡", "Jun Hae-ryong")],
)
def test_sample_spellings(form: str, name: str) -> None:
    assert sample_gazetteer().entity(form).name == name


def test_unknown_name(builtin) -> None:
    assert builtin.entity("홍길동", "Иванов") is None


@pytest.mark.parametrize(("name", "code"), [("북한", "PRK"), ("Япония", "JPN"), ("미국", "USA"), ("it", None)])
def test_country_codes_in_any_script(builtin, name: str, code: str | None) -> None:
    assert builtin.country_code(name) == code


def test_places_in_hangul_and_cyrillic(builtin) -> None:
    assert builtin.place_timezone("서울") == "Asia/Seoul"
    assert builtin.place_timezone("Пхеньян") == "Asia/Pyongyang"


def test_entity_keys_agree_across_scripts() -> None:
    """The same person from an English and a Korean report; two unknown Korean names stay apart."""
    english = Speaker(None, "Volodymyr Zelensky", "person", written_name="Zelenskyy")
    korean = Speaker(None, "Volodymyr Zelensky", "person", written_name="젤렌스키")
    assert entity_key(english) == entity_key(korean)
    assert entity_key(Speaker(None, "홍길동", "person")) != entity_key(Speaker(None, "김철수", "person"))
