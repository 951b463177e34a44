"""Russian and Ukrainian statements: attribution patterns, speakers, dates, acts and certainty.

Every sentence is invented (the sample story's fictional people and places).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.api import sample_gazetteer_path
from claimwatch.extract import extract_article
from claimwatch.gazetteer import load_gazetteer
from claimwatch.ingest import decode_input
from claimwatch.records import Article
from claimwatch.stance.languages import analyse
from claimwatch.statements.slavic import date_phrases

SLAVIC_GAZETTEER = Path(__file__).parents[1] / "data" / "slavic" / "gazetteer.toml"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer([sample_gazetteer_path(), SLAVIC_GAZETTEER])


def run(gazetteer, body: str, language: str, published: str = "2025-03-06T10:00:00+03:00"):
    article = Article(id="a", source="t", format="text", body=body, paragraphs=(), raw=b"", language=language,
                      published=published)
    statements, assessments = analyse(article, gazetteer)
    return list(zip(statements, assessments, strict=True))


@pytest.mark.parametrize(
    ("language", "body", "speaker", "cue", "content"),
    [
        ("ru", "Олег Варин заявил, что войска не покидали казарм.", "Oleg Varin", "заявил",
         "войска не покидали казарм"),
        ("ru", "«Это очередная провокация», — сказал Варин журналистам.", "Oleg Varin", "сказал",
         "«Это очередная провокация»"),
        ("ru", "По словам Аркадия Лемского, войска находятся в казармах.", "Arkady Lemsky", "По словам",
         "войска находятся в казармах"),
        ("ru", "Министерство иностранных дел Кестрии опровергло эти данные.", "Kestrian Foreign Ministry",
         "опровергло", "эти данные"),
        ("ru", "Хоран Даск подчеркнул: «Мы не вмешиваемся».", "Horan Dask", "подчеркнул", "«Мы не вмешиваемся»"),
        ("uk", "Речник Цитаделі Олег Варін заявив, що війська не залишали казарм.", "Oleg Varin", "заявив",
         "війська не залишали казарм"),
        ("uk", "«Це підтверджені дані», — сказав Радек Солан.", "Radek Solan", "сказав", "«Це підтверджені дані»"),
        ("uk", "За словами Аркадія Лемського, війська перебувають у казармах.", "Arkady Lemsky", "За словами",
         "війська перебувають у казармах"),
        ("uk", "У МЗС Кестрії ці повідомлення заперечили.", "Kestrian Foreign Ministry", "заперечили",
         "ці повідомлення"),
    ],
)
def test_attribution(gazetteer, language: str, body: str, speaker: str, cue: str, content: str) -> None:
    (statement, _), *_ = run(gazetteer, body, language)
    assert (statement.speaker.entity, statement.cue.text, statement.content.text) == (speaker, cue, content)


@pytest.mark.parametrize(
    ("language", "body", "act"),
    [
        ("ru", "Варин назвал эти сообщения фейком.", "denies"),
        ("ru", "Варин заявил, что это провокация.", "denies"),
        ("ru", "Вантош обвинила Кестрию в отправке войск.", "accuses"),
        ("ru", "Бюро подтвердило, что войска переброшены.", "confirms"),
        ("ru", "Лемский пообещал, что Валдория окажет помощь.", "pledges"),
        ("ru", "Варин предупредил, что Дравик ответит на недружественные шаги.", "threatens"),
        ("ru", "Уитлок выразила обеспокоенность сообщениями.", "expresses_concern"),
        ("ru", "Чон заявил, что войска, вероятно, уже в Валдории.", "assesses"),
        ("ru", "Вантош сказала, что никто не сможет назвать это выдумкой.", "asserts"),
        ("uk", "Варін назвав ці заяви фейком.", "denies"),
        ("uk", "Даск звинуватив альянс у нагнітанні напруженості.", "accuses"),
        ("uk", "Керн додав, що уряд уважно стежить за ситуацією.", "investigates"),
        ("uk", "Галас заявив, що Остравія отримала докази.", "asserts"),
    ],
)
def test_acts(gazetteer, language: str, body: str, act: str) -> None:
    (_, assessment), *_ = run(gazetteer, body, language)
    assert assessment.act == act


@pytest.mark.parametrize(
    ("language", "body", "certainty", "conditional"),
    [
        ("ru", "Чон заявил, что с высокой вероятностью войска уже переброшены.", "very likely", False),
        ("ru", "Чон заявил, что войска, возможно, уже переброшены.", "roughly even chance", False),
        ("ru", "Уитлок сказала, что если это подтвердится, это будет эскалацией.", "not stated", True),
        ("uk", "Чон зазначив, що існує висока ймовірність перекидання військ.", "very likely", False),
        ("uk", "Вітлок сказала, що якщо дані підтвердяться, це буде ескалацією.", "not stated", True),
    ],
)
def test_certainty_and_conditions(gazetteer, language: str, body: str, certainty: str, conditional: bool) -> None:
    (_, assessment), *_ = run(gazetteer, body, language)
    assert (assessment.certainty, assessment.conditional) == (certainty, conditional)


@pytest.mark.parametrize(
    ("language", "body", "said_on"),
    [
        # The article is of Thursday 6 March 2025.
        ("ru", "Варин в среду заявил, что войска не покидали казарм.", "2025-03-05"),
        ("ru", "Варин 3 марта заявил, что войска не покидали казарм.", "2025-03-03"),
        ("ru", "Варин на прошлой неделе заявил, что войска не покидали казарм.", "2025-02-24"),
        ("ru", "Варин заявил, что войска не покидали казарм.", "2025-03-06"),
        ("uk", "Варін у вівторок заявив, що війська не залишали казарм.", "2025-03-04"),
        ("uk", "Варін 1 березня заявив, що війська не залишали казарм.", "2025-03-01"),
        ("uk", "Варін напередодні заявив, що війська не залишали казарм.", "2025-03-05"),
    ],
)
def test_said_on(gazetteer, language: str, body: str, said_on: str) -> None:
    (statement, _), *_ = run(gazetteer, body, language)
    assert statement.said_on.start == said_on


def test_pronoun_and_surname_resolve_to_the_person_named_before(gazetteer) -> None:
    body = (
        "Заместитель министра иностранных дел Аркадий Лемский заявил, что войска остаются в казармах.\n"
        "Он добавил, что Дравик следит за учениями.\n"
        "«Это вымысел», — сказал Лемский."
    )
    speakers = [s.speaker.entity for s, _ in run(gazetteer, body, "ru")]
    assert speakers == ["Arkady Lemsky"] * 3


def test_unknown_person_keeps_the_nominative_name(gazetteer) -> None:
    (statement, _), *_ = run(gazetteer, "По словам аналитика Нильса Лунда, число грузовиков выросло.", "ru")
    assert statement.speaker.entity == "Нильс Лунд"
    assert statement.speaker.role == "аналитик"


@given(st.text(alphabet="вВуУ среду7 марта березня напередодні,.1234567890", max_size=60))
def test_date_phrases_are_words_of_the_text(text: str) -> None:
    for language in ("ru", "uk"):
        for phrase, english in date_phrases(text, language):
            assert phrase in text.lower() and english


@pytest.mark.parametrize(
    ("language", "text", "said_on"),
    [
        ("ru", "Войска прибыли\n\nОпубликовано: 6 марта 2025, 15:20\n\nАРНХАЛ, 6 марта. /ТАСС/. "
         "Олег Варин вчера заявил, что войска не покидали казарм.\n", "2025-03-05"),
        ("uk", "Війська прибули\n\nОпубліковано 6 березня 2025 о 15:20\n\nКИЇВ, 6 березня. "
         "Олег Варін учора заявив, що війська не залишали казарм.\n", "2025-03-05"),
    ],
)
def test_said_on_reads_the_article_header(gazetteer, language: str, text: str, said_on: str) -> None:
    (document,) = decode_input(f"{language}.txt", text.encode("utf-8"))
    article = extract_article(document, gazetteer)
    (statement, _), *_ = run(gazetteer, article.body, language, published=article.published)
    assert (statement.speaker.entity, statement.said_on.start) == ("Oleg Varin", said_on)


@pytest.fixture(scope="module")
def sample_only():
    return load_gazetteer([sample_gazetteer_path()])


@pytest.mark.parametrize(
    ("language", "body", "speaker"),
    [
        ("ru", "Национальное разведывательное бюро Сельмары в четверг заявило, что войска прибыли.",
         "National Intelligence Bureau"),
        ("ru", "По данным Национального разведывательного бюро Сельмары, войска уже прибыли.",
         "National Intelligence Bureau"),
        ("ru", "В Национальном разведывательном бюро заявили, что войска прибыли.", "National Intelligence Bureau"),
        ("uk", "Національне розвідувальне бюро Сельмари заявило, що війська прибули.", "National Intelligence Bureau"),
        ("uk", "За даними Національного розвідувального бюро, війська вже прибули.", "National Intelligence Bureau"),
        ("ru", "Министерство обороны Сельмары заявило, что войска прибыли.", "Selmaran Defence Ministry"),
        ("ru", "В Министерстве обороны Сельмары заявили, что войска прибыли.", "Selmaran Defence Ministry"),
    ],
)
def test_inflected_institution_names(sample_only, language: str, body: str, speaker: str) -> None:
    (statement, _), *_ = run(sample_only, body, language)
    assert statement.speaker.entity == speaker


@pytest.mark.parametrize(
    ("language", "body", "speakers"),
    [
        ("ru", "Национальное разведывательное бюро Сельмары заявило, что войска прибыли. "
         "По данным бюро, переброска продолжается. Президент Остравии Мирела Вантош заявила, что это правда.",
         ["National Intelligence Bureau", "National Intelligence Bureau", "Mirela Vantosh"]),
    ],
)
def test_bureau_and_country_in_any_case(sample_only, language: str, body: str, speakers: list[str]) -> None:
    assert [statement.speaker.entity for statement, _ in run(sample_only, body, language)] == speakers
