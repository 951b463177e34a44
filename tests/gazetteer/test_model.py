"""Gazetteer lookups: places and their zones, countries, outlets by name, abbreviation and domain."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimwatch.gazetteer import Gazetteer, Outlet, load_gazetteer
from claimwatch.gazetteer.model import name_key

USER_TOML = """
[[country]]
name = "Ostravia"
code = "XOS"
aliases = ["Ostravian Republic"]
capital = "Kalven"
timezone = "Europe/Riga"

[[place]]
name = "Port Elin"
country = "XOS"
timezone = "Europe/Riga"

[[place]]
name = "Seoul"
country = "XOS"
timezone = "Europe/Riga"

[[outlet]]
name = "Meridian Wire"
kind = "wire_agency"
country = "XOS"
abbreviations = ["MW"]
aliases = ["Meridian"]
domains = ["meridian-wire.example"]

[[outlet]]
name = "Harbor Post"
domains = ["harbor-post.example"]

[[party]]
name = "Harbour Party"
"""


@pytest.fixture
def user_gazetteer(tmp_path: Path) -> Gazetteer:
    path = tmp_path / "ostravia.toml"
    path.write_text(USER_TOML, "utf-8")
    return load_gazetteer([path])


@pytest.mark.parametrize(
    ("a", "b"),
    [("U.S.", "us"), ("SEOUL", "Seoul"), ("New  York", "new york"), ("Port\u00a0Elin", "port elin")],
)
def test_name_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("place", "zone"),
    [
        ("SEOUL", "Asia/Seoul"),
        ("Washington", "America/New_York"),
        ("KYIV", "Europe/Kyiv"),
        ("Kiev", "Europe/Kyiv"),
        ("Brussels", "Europe/Brussels"),
        ("Tokyo", "Asia/Tokyo"),  # from GeoNames
        ("PARIS", "Europe/Paris"),
        ("Kalven", None),  # invented: only a user file knows it
    ],
)
def test_place_timezone(gazetteer: Gazetteer, place: str, zone: str | None) -> None:
    assert gazetteer.place_timezone(place) == zone


@pytest.mark.parametrize(
    ("country", "zone"),
    [("KOR", "Asia/Seoul"), ("South Korea", "Asia/Seoul"), ("U.K.", "Europe/London"), ("JPN", "Asia/Tokyo"),
     ("Atlantis", None)],
)
def test_country_timezone(gazetteer: Gazetteer, country: str, zone: str | None) -> None:
    assert gazetteer.country_timezone(country) == zone


@pytest.mark.parametrize(
    ("name", "expected", "wire"),
    [
        ("Reuters", "Reuters", True),
        ("AP", "Associated Press", True),
        ("afp", "Agence France-Presse", True),
        ("Yonhap News Agency", "Yonhap", True),
        ("KCNA", "Korean Central News Agency", True),
        ("AJP", "AJP", False),
        ("Aju Press", "AJP", False),
        ("VOA", "Voice of America", False),
        ("Harbor Post", None, None),
    ],
)
def test_outlet_by_name(gazetteer: Gazetteer, name: str, expected: str | None, wire: bool | None) -> None:
    outlet = gazetteer.outlet(name)
    assert (outlet.name if outlet else None) == expected
    if outlet:
        assert outlet.is_wire is wire


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("www.voanews.com", "Voice of America"),
        ("en.yna.co.kr", "Yonhap"),
        ("edition.cnn.com", "CNN"),
        ("news.bbc.co.uk", "BBC"),
        ("example.org", None),
        ("co.uk", None),
    ],
)
def test_outlet_for_host(gazetteer: Gazetteer, host: str, expected: str | None) -> None:
    outlet = gazetteer.outlet_for_host(host)
    assert (outlet.name if outlet else None) == expected


def test_outlet_timezone(gazetteer: Gazetteer) -> None:
    assert gazetteer.outlet_timezone(gazetteer.outlet("AJP")) == "Asia/Seoul"
    assert gazetteer.outlet_timezone(Outlet(name="Unknown Daily")) is None
    assert gazetteer.outlet_timezone(None) is None


def test_user_file_extends_and_wins(user_gazetteer: Gazetteer) -> None:
    assert user_gazetteer.place_timezone("KALVEN") == "Europe/Riga"  # the capital of a user country
    assert user_gazetteer.place_timezone("Port Elin") == "Europe/Riga"
    assert user_gazetteer.place_timezone("Seoul") == "Europe/Riga"  # user entries win a shared name
    assert user_gazetteer.country_timezone("Ostravian Republic") == "Europe/Riga"
    meridian = user_gazetteer.outlet("MW")
    assert meridian is not None and meridian.name == "Meridian Wire" and meridian.is_wire
    assert user_gazetteer.outlet("meridian") == meridian
    assert user_gazetteer.outlet_for_host("www.harbor-post.example").name == "Harbor Post"
    assert user_gazetteer.outlet_timezone(meridian) == "Europe/Riga"
    assert user_gazetteer.entries["party"] == [{"name": "Harbour Party"}]
    assert user_gazetteer.outlet("Reuters").name == "Reuters"  # the built-in entries are still there


def test_environment_variable_adds_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "env.toml"
    path.write_text(USER_TOML, "utf-8")
    monkeypatch.setenv("CLAIMWATCH_GAZETTEER", str(path))
    assert load_gazetteer().outlet("Meridian Wire") is not None


def test_extend_refreshes_lookups(gazetteer: Gazetteer) -> None:
    fresh = Gazetteer()
    assert fresh.outlet("Meridian Wire") is None
    fresh.extend({"outlet": [{"name": "Meridian Wire", "kind": "wire_agency"}]})
    assert fresh.outlet("Meridian Wire").is_wire


def test_every_gazetteer_shares_one_geonames_index() -> None:
    from claimwatch.gazetteer import Gazetteer
    from claimwatch.gazetteer.model import geonames_places

    first, second = Gazetteer(), Gazetteer()
    assert first.place("Busan").country == "KR"
    assert first.place("Busan") is second.place("Busan") is geonames_places()["busan"]
