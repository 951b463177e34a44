"""Name keys the speaker resolver matches on: surname spellings and organisation initials."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimwatch.statements.speakers import org_initials, person_key


@pytest.mark.parametrize(
    "spellings",
    [
        ("Zelensky", "Zelenskyy", "Zelenskiy", "Zelenski", "ZELENSKY"),
        ("Verbitsky", "Verbitskyy", "Verbitskiy", "Verbitskii"),  # an invented surname, same endings
        ("Vantosh", "Vantosch"),
        ("Shmidt", "Schmidt"),
        ("Kallas", "Kalas"),
        ("Muller", "Müller"),
        ("Gonzalez", "González"),
        ("O'Brien", "OBrien"),
    ],
)
def test_spellings_of_one_surname_share_a_key(spellings: tuple[str, ...]) -> None:
    keys = {person_key(spelling) for spelling in spellings}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Verbitsky", "Verbitskaya"),
        ("Dravec", "Dravic"),
        ("Kovalenko", "Kovalenka"),
        ("Jones", "Jonas"),
        ("Irsk", "Irska"),
        ("Zelensky", "Zelinsky"),
    ],
)
def test_different_surnames_differ(first: str, second: str) -> None:
    assert person_key(first) != person_key(second)


@given(st.text(max_size=30))
def test_person_key_is_lower_case_letters(name: str) -> None:
    """ASCII letters for a name in Latin script; a name in another script keeps its own letters."""
    key = person_key(name)
    assert key == key.casefold() and re.fullmatch(r"\w*", key)
    if re.search(r"[a-z]", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()):
        assert re.fullmatch(r"[a-z]*", key)


@pytest.mark.parametrize(("first", "second"), [("Варин", "Лунд"), ("Чо", "Лим"), ("Юсов", "Солан")])
def test_names_in_other_scripts_get_their_own_keys(first: str, second: str) -> None:
    assert person_key(first) and person_key(first) != person_key(second)


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("National Intelligence Service", "NIS"),
        ("Ministry of National Defense", "MND"),
        ("White House National Security Council", "WHNSC"),
        ("Ostravian Border Guard Service", "OBGS"),
        ("Institute for Eastern Security Studies", "IESS"),
        ("International Atomic Energy Agency", "IAEA"),
        ("the Office of the President", "OP"),
        ("Ministry on Trade and Industry", "MTI"),
        ("", ""),
    ],
)
def test_org_initials(name: str, initials: str) -> None:
    assert org_initials(name) == initials
