"""Admiralty grades: the kind of each voice, the source registry (defaults, user files) and credibility."""

from __future__ import annotations

import os
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimwatch.errors import InputError
from claimwatch.stories.grading import (
    ENV_VAR,
    RELIABILITY,
    SourceRegistry,
    credibility,
    load_registry,
    outlet_type,
    voice_type,
)

PARTIES = {"XKE", "XVA"}  # "Kestria (XKE) is sending troops to Valdoria (XVA)"


@pytest.fixture(autouse=True)
def _no_user_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)


def speaker(kind: str | None, name: str = "", *, role: str = "", country: str | None = None, **more) -> dict:
    return {
        "speaker_type": kind, "speaker_entity": name, "speaker": more.pop("mention", name), "speaker_role": role,
        "speaker_country": country, **more,
    }


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        # the outlet's own voice
        (speaker("outlet", "Harbor Post", country="XNA"), "outlet_voice"),
        (speaker("organization", "Harbor Post", voice="outlet"), "outlet_voice"),
        # governments and countries: a party's is interested
        (speaker("government", "Government of Ostravia", country="XOS"), "government"),
        (speaker("government", "Government of Valdoria", country="XVA"), "government_party"),
        (speaker("country", "Kestria", country="XKE"), "government_party"),
        (speaker("country", "Selmara", country="XSE"), "government"),
        (speaker("government", "Government of Somewhere"), "government"),
        # groups: unnamed officials and sources, or a crowd nobody can grade
        (speaker("group", "officials", mention="Western officials"), "unnamed"),
        (speaker("group", mention="sources familiar with the matter"), "unnamed"),
        (speaker("group", mention="diplomats"), "unnamed"),
        (speaker("group", mention="people familiar with the plans"), "unnamed"),
        (speaker("group", mention="residents of Hallik"), "unknown"),
        # organisations that are outlets: by the outlet's kind in the gazetteer
        (speaker("organization", "Meridian Wire"), "wire_agency"),
        (speaker("organization", "Harbor Post"), "news_outlet"),
        (speaker("organization", "Valdor News Agency"), "state_media_party"),
        (speaker("organization", "Kestrian Central News Service"), "state_media_party"),
        # other organisations: by their name
        (speaker("organization", "National Intelligence Bureau", country="XSE"), "intelligence"),
        (speaker("organization", "Selmara's spy agency", country="XSE"), "intelligence"),
        (speaker("organization", "NIB", country="XSE"), "intelligence"),
        (speaker("organization", "Ostravian Armed Forces", country="XOS"), "military"),
        (speaker("organization", "Northern Command", country="XOS"), "military"),
        (speaker("organization", "Selmaran Defence Ministry", country="XSE"), "government"),
        (speaker("organization", "Valdorian Foreign Ministry", country="XVA"), "government_party"),
        (speaker("organization", "the Kremlin", country="RUS"), "government"),
        (speaker("organization", "Essport Institute for Strategic Studies", country="XNA"), "expert"),
        (speaker("organization", "Hallik Football Club"), "unknown"),
        # people: by their role, then their affiliation
        (speaker("person", "Radek Solan", role="Colonel", country="XOS"), "military"),
        (speaker("person", "Harald Brenn", role="commander of the northern group", country="XNA"), "military"),
        (speaker("person", "Teodor Halas", role="Foreign Minister", country="XOS"), "government"),
        (speaker("person", "Oleg Varin", role="spokesman", country="XVA"), "government_party"),
        (speaker("person", "Horan Dask", role="First Vice Foreign Minister", country="XKE"), "government_party"),
        (speaker("person", "Dana Whitlock", role="", speaker_affiliation="Alliance spokesperson"), "government"),
        (speaker("person", "Ana Morel", role="U.N. Secretary General"), "government"),  # not a soldier
        (speaker("person", "Ana Morel", role="Secretary-General of the Northern Alliance"), "government"),
        (speaker("person", "Ivo Kral", role="Attorney General", country="XOS"), "government"),
        (speaker("person", "Ivo Kral", role="General", country="XOS"), "military"),
        (speaker("person", "Petra Lund", role="senior analyst", country="XNA"), "expert"),
        (speaker("person", "Petra Lund", role="professor of history"), "expert"),
        (speaker("person", "Marek Ost", role="", country="XOS"), "unknown"),
        (speaker(None, "someone"), "unknown"),
    ],
)
def test_voice_type(statement: dict, expected: str, sample_gazetteer) -> None:
    assert voice_type(statement, PARTIES, sample_gazetteer) == expected


def test_voice_type_without_parties_has_no_interested_voice(sample_gazetteer) -> None:
    citadel = speaker("government", "Government of Valdoria", country="XVA")
    assert voice_type(citadel, set(), sample_gazetteer) == "government"
    assert voice_type(speaker("organization", "Valdor News Agency"), set(), sample_gazetteer) == "state_media"


@pytest.mark.parametrize(
    ("outlet", "parties", "expected"),
    [
        ("Meridian Wire", PARTIES, "wire_agency"),
        ("The Arnhal Times", PARTIES, "news_outlet"),
        ("Valdor News Agency", PARTIES, "state_media_party"),
        ("Valdor News Agency", {"XOS"}, "state_media"),
        ("An outlet nobody knows", PARTIES, "news_outlet"),
        (None, PARTIES, "unknown"),
    ],
)
def test_outlet_type(outlet, parties: set[str], expected: str, sample_gazetteer) -> None:
    assert outlet_type(outlet, parties, sample_gazetteer) == expected


# -- the registry ------------------------------------------------------------------------------------------

DEFAULTS = {
    "wire_agency": "B",
    "news_outlet": "C",
    "state_media": "D",
    "state_media_party": "E",
    "intelligence": "B",
    "government": "B",
    "government_party": "D",
    "military": "C",
    "expert": "C",
    "outlet_voice": "C",
    "unnamed": "F",
    "unknown": "F",
}


@pytest.mark.parametrize(("source_type", "expected"), sorted(DEFAULTS.items()))
def test_registry_defaults_by_source_type(source_type: str, expected: str) -> None:
    assert load_registry().reliability("Some Source", source_type) == expected


def test_bundled_defaults_are_the_documented_ones() -> None:
    bundled = tomllib.loads(resources.files("claimwatch.stories").joinpath("sources.toml").read_text("utf-8"))
    assert bundled["defaults"] == DEFAULTS
    assert set(bundled["defaults"].values()) <= set(RELIABILITY)


@pytest.mark.parametrize(
    ("defaults", "expected"),
    [({"unknown": "E"}, "E"), ({}, "F"), ({"news_outlet": "C"}, "F")],
)
def test_an_unlisted_type_falls_back_to_unknown(defaults: dict, expected: str) -> None:
    assert SourceRegistry(defaults).reliability(None, "alien_type") == expected


def write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


USER_TOML = """
[defaults]
state_media = "E"
unnamed = "D"

[[source]]
name = "Meridian Wire"
reliability = "A"

[[source]]
name = "National Intelligence Bureau"
reliability = "C"
"""


@pytest.mark.parametrize(
    ("name", "source_type", "expected"),
    [
        ("Meridian Wire", "wire_agency", "A"),  # a named source wins over its type
        ("meridian wire", "wire_agency", "A"),  # names match without regard to case
        ("National Intelligence Bureau", "intelligence", "C"),
        ("Reuters", "wire_agency", "B"),  # not named: the bundled default
        ("Valdor News Agency", "state_media", "E"),  # a user default overrides the bundled one
        ("officials", "unnamed", "D"),
        (None, "unnamed", "D"),
        ("Harbor Post", "news_outlet", "C"),  # untouched defaults stay
    ],
)
def test_user_toml_overrides_defaults_and_names_sources(tmp_path: Path, name, source_type: str, expected: str) -> None:
    registry = load_registry([write(tmp_path / "mine.toml", USER_TOML)])
    assert registry.reliability(name, source_type) == expected


def test_user_files_apply_in_order_and_paths_may_be_strings(tmp_path: Path) -> None:
    first = write(
        tmp_path / "first.toml", '[defaults]\nnews_outlet = "A"\n[[source]]\nname = "Harbor Post"\nreliability = "E"\n'
    )
    second = write(tmp_path / "second.toml", '[[source]]\nname = "harbor post"\nreliability = "B"\n')
    registry = load_registry([str(first), second])
    assert registry.reliability("Harbor Post", "news_outlet") == "B"
    assert registry.reliability("Northgate Daily", "news_outlet") == "A"


def test_claimwatch_sources_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = write(tmp_path / "one.toml", '[defaults]\nexpert = "A"\n')
    two = write(tmp_path / "two.toml", '[[source]]\nname = "Petra Lund"\nreliability = "B"\n[defaults]\nexpert = "D"\n')
    monkeypatch.setenv(ENV_VAR, os.pathsep.join([str(one), str(two)]))
    registry = load_registry()
    assert registry.reliability("Petra Lund", "expert") == "B"
    assert registry.reliability("Someone Else", "expert") == "D"  # the later file wins


def test_command_line_files_come_before_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(write(tmp_path / "env.toml", '[defaults]\nmilitary = "E"\n')))
    registry = load_registry([write(tmp_path / "cli.toml", '[defaults]\nmilitary = "A"\nexpert = "A"\n')])
    assert registry.reliability("General Brenn", "military") == "E"
    assert registry.reliability("Petra Lund", "expert") == "A"


def test_an_empty_environment_variable_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "")
    assert load_registry().defaults == DEFAULTS


def test_loading_never_changes_the_bundled_defaults(tmp_path: Path) -> None:
    load_registry([write(tmp_path / "mine.toml", '[defaults]\ngovernment = "F"\n')])
    assert load_registry().reliability("Anyone", "government") == "B"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[defaults]\nnews_outlet = ", "E003"),  # not TOML
        ("[defaults]\nnews_outlet = \"G\"\n", "E416"),
        ("[defaults]\nnews_outlet = 3\n", "E416"),
        ("[[source]]\nname = \"Harbor Post\"\nreliability = \"AB\"\n", "E416"),
        ("[[source]]\nname = \"Harbor Post\"\n", "E003"),  # no reliability
        ("[[source]]\nreliability = \"B\"\n", "E003"),  # no name
    ],
)
def test_a_bad_user_file_is_one_error_naming_it(tmp_path: Path, text: str, code: str) -> None:
    path = write(tmp_path / "bad.toml", text)
    with pytest.raises(InputError) as caught:
        load_registry([path])
    assert caught.value.source == str(path)
    assert caught.value.code == code


def test_a_missing_user_file_is_one_error_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "nowhere.toml"
    monkeypatch.setenv(ENV_VAR, str(missing))
    with pytest.raises(InputError, match=r"nowhere\.toml: \[E003\] cannot read the file: No such file"):
        load_registry()


@pytest.mark.parametrize(("written", "stored"), [("b", "B"), (" C ", "C"), ("F", "F")])
def test_grades_are_normalised(tmp_path: Path, written: str, stored: str) -> None:
    registry = load_registry([write(tmp_path / "mine.toml", f'[[source]]\nname = "X"\nreliability = "{written}"\n')])
    assert registry.reliability("X", "unknown") == stored


names = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs"), exclude_characters="\x00"), min_size=1,
    max_size=30,
).filter(lambda text: text.strip() == text and text)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=50)
@given(st.dictionaries(names, st.sampled_from(RELIABILITY), max_size=5))
def test_named_sources_parse_from_toml(tmp_path: Path, graded: dict[str, str]) -> None:
    lines = []
    for name, grade in graded.items():
        escaped = name.replace("\\", "\\\\").replace('"', '\\"')
        lines += ["[[source]]", f'name = "{escaped}"', f'reliability = "{grade}"', ""]
    registry = load_registry([write(tmp_path / "named.toml", "\n".join(lines))])
    by_folded = {name.casefold(): grade for name, grade in graded.items()}  # later spellings win, as in the file
    for name in graded:
        assert registry.reliability(name, "unknown") == by_folded[name.casefold()]
        assert registry.reliability(name.casefold(), "unknown") == by_folded[name.casefold()]
    assert registry.reliability("#not-in-any-file", "unknown") == "F"


# -- credibility ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "supporting", "opposing"),
    [
        ("officially confirmed", 1, 5),  # confirmed by other sources / improbable
        ("corroborated", 2, 4),  # probably true / doubtful
        ("contested", 3, 3),  # possibly true
        ("unverified", 3, 3),
        ("refuted", 5, 1),
        ("a status nobody defined", 6, 6),  # cannot be judged
    ],
)
def test_credibility_table(status: str, supporting: int, opposing: int) -> None:
    assert credibility("support", status) == supporting
    assert credibility("oppose", status) == opposing
    assert credibility("neutral", status) == 6


# -- docs/grading.md stays true to the code ------------------------------------------------------------------

DOC = Path(__file__).parents[2] / "docs" / "grading.md"


def test_documented_defaults_are_the_bundled_ones() -> None:
    documented = dict(re.findall(r"^\| `(\w+)` \| ([A-F]) \|", DOC.read_text("utf-8"), re.M))
    assert documented == DEFAULTS


def test_documented_status_rules_are_the_module_s() -> None:
    from claimwatch.stories import status

    rules = status.__doc__.split("Statuses, strongest first (docs/grading.md):\n")[1].split("Every change")[0]
    doc = " ".join(DOC.read_text("utf-8").replace("**", "").split())
    for rule in rules.strip().split("\n- "):
        assert " ".join(rule.lstrip("- ").split()) in doc


def test_documented_credibility_and_likelihood_tables() -> None:
    from claimwatch.stories.brief import STATUS_LIKELIHOOD

    text = DOC.read_text("utf-8")
    for status, term in STATUS_LIKELIHOOD.items():
        assert f"| {status} | {term} |" in text
        supporting, opposing = credibility("support", status), credibility("oppose", status)
        assert re.search(rf"^\| {status} \| {supporting} [a-z ]+\| {opposing} [a-z ]+\|$", text, re.M), status
