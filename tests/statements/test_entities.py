"""entity_key: which speakers are one entity across articles (and entity_id, the stored id made of it)."""

from __future__ import annotations

import re

import pytest

from claimwatch.records import Span, Speaker
from claimwatch.statements.entities import entity_id, entity_key, merged_entity


def speaker(entity: str | None, entity_type: str | None, country: str | None = None) -> Speaker:
    return Speaker(mention=Span(0, 2, "he"), entity=entity, entity_type=entity_type, country=country)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (speaker("Volodymyr Zelensky", "person", "UKR"), speaker("Volodymyr Zelenskyy", "person")),
        (speaker("Oleksandr Verbitsky", "person"), speaker("Oleksandr Verbitskiy", "person", "XOS")),
        (speaker("Government of Russia", "government", "RUS"), speaker("Russian government", "government", "RUS")),
        (speaker("South Korea", "country", "KOR"), speaker("Republic of Korea", "country", "KOR")),
        (speaker("National Intelligence Service", "organization", "KOR"),
         speaker("National  intelligence service", "organization")),
        (speaker("U.S. officials", "group", "USA"), speaker("US officials", "group", "USA")),
    ],
)
def test_same_entity_same_key(first: Speaker, second: Speaker) -> None:
    assert entity_key(first) is not None
    assert entity_key(first) == entity_key(second)
    assert entity_id(entity_key(first)) == entity_id(entity_key(second))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (speaker("Oleksandr Verbitsky", "person"), speaker("Anna Verbitsky", "person")),  # another first name
        (speaker("Oleksandr Verbitsky", "person"), speaker("Oleksandr Dravec", "person")),
        (speaker("Government of Russia", "government", "RUS"), speaker("Russia", "country", "RUS")),
        (speaker("Russia", "country", "RUS"), speaker("South Korea", "country", "KOR")),
        (speaker("National Intelligence Service", "organization"),
         speaker("National Security Council", "organization")),
        (speaker("Harbor Post", "outlet"), speaker("Harbor Post", "organization")),
    ],
)
def test_different_entities_different_keys(first: Speaker, second: Speaker) -> None:
    assert entity_key(first) != entity_key(second)


@pytest.mark.parametrize(
    ("who", "key"),
    [
        (speaker("Volodymyr Zelensky", "person"), "person:v/zelensky"),
        (speaker("Government of Russia", "government", "RUS"), "government:RUS"),
        (speaker("Russia", "country", "RUS"), "country:RUS"),
        (speaker("National Intelligence Service", "organization", "KOR"), "organization:national intelligence service"),
        (speaker("Harbor Post", "outlet"), "outlet:harbor post"),
        (speaker("analysts", None), "group:analysts"),
    ],
)
def test_entity_key_shape(who: Speaker, key: str) -> None:
    assert entity_key(who) == key


def test_no_entity_no_key() -> None:
    assert entity_key(Speaker(mention=None, entity=None, entity_type="outlet")) is None
    assert entity_key(speaker(None, "person")) is None


def test_entity_id_is_stable_hex() -> None:
    assert entity_id("person:v/zelensky") == entity_id("person:v/zelensky")
    assert re.fullmatch(r"[0-9a-f]{16}", entity_id("person:v/zelensky"))
    assert entity_id("person:v/zelensky") != entity_id("person:o/verbitsky")


STORED = {
    "id": "e1", "key": "person:o/verbitsky", "name": "Verbitsky", "type": "person", "country": None,
    "role": "spokesman", "affiliation": None, "aliases": [],
}


def mention(text: str, entity: str = "Oleksandr Verbitsky", country: str | None = None) -> Speaker:
    return Speaker(
        mention=Span(0, len(text), text), entity=entity, entity_type="person", country=country, written_name=text
    )


@pytest.mark.parametrize(
    ("row", "said_by", "expected"),
    [
        # a new entity: its row, the written spelling an alias when it differs from the name
        (None, mention("Verbitsky"), {"name": "Oleksandr Verbitsky", "aliases": ["Verbitsky"], "type": "person"}),
        # the fullest spelling of a person's name wins, a missing country is filled
        (STORED, mention("Verbitsky", country="XOS"), {"name": "Oleksandr Verbitsky", "country": "XOS"}),
        # a new spelling that is a name becomes an alias
        (STORED, mention("Verbitskiy", entity="Verbitsky"), {"aliases": ["Verbitskiy"], "name": "Verbitsky"}),
        # a description or pronoun does not, and a known role is kept: nothing changes
        (STORED, mention("the spokesman", entity="Verbitsky"), None),
    ],
)
def test_merged_entity(row: dict | None, said_by: Speaker, expected: dict | None) -> None:
    merged = merged_entity(row, "e1", "person:o/verbitsky", said_by)
    if expected is None:
        assert merged is None
    else:
        assert {key: merged[key] for key in expected} == expected
        assert merged["id"] == "e1"
