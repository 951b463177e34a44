"""Independent origins: copies, shared wire credits, shared quotes and revisions collapse; the rest stays apart."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from claimwatch.stories.features import body_minhash, long_quotes
from claimwatch.stories.independence import WIRE_WINDOW, origins, wire_credits

DAY = datetime(2025, 3, 4, 8, 30)
QUOTE_A = '"We see the alliance between the Citadel and Pyorsk growing stronger every single day," Vantosh said.'
QUOTE_B = '"This is a provocation and a fabrication from start to finish," Varin told reporters.'
QUOTE_C = '"Our soldiers will not be sent anywhere without a decision of parliament," the minister said.'
TEXTS = {
    "wire": (
        "Ostravia accused Kestria on Tuesday of sending troops to fight for Valdoria, saying about 2,000 soldiers "
        "had crossed into Valdorian territory in a first wave. The Citadel rejected the accusation and Kestria's "
        "foreign ministry did not respond to a request for comment. The claim could not be independently verified."
    ),
    "tariff": (
        "The harbour authority of Kalven said it would consider a new tariff on grain shipments through the port, "
        "citing congestion at the northern quay. Shipping firms warned that consumer prices would rise."
    ),
    "quake": (
        "A strong earthquake struck near Essport early on Friday, damaging homes and cutting power to thousands, "
        "the geological survey said. Rescue teams searched collapsed buildings through the night."
    ),
    "satellite": (
        "Satellite images taken on Sunday show dozens of trucks at a rail yard in Hallik, a think tank in Essport "
        "said, adding to a growing body of evidence of a deployment."
    ),
    "hearing": (
        "Lawmakers in Arnhal questioned the defence minister for three hours on Friday about the budget of the "
        "coast guard and the delayed purchase of patrol boats."
    ),
}


def make(
    key: str,
    body: str,
    *,
    outlet: str = "Harbor Post",
    agencies: tuple[str, ...] = (),
    revision_of: str | None = None,
    hours: float = 0,
) -> tuple[dict, dict]:
    """A stored article row and its features, as ``origins`` reads them."""
    row = {
        "id": key, "outlet": outlet, "agencies": list(agencies), "revision_of": revision_of,
        "published_utc": DAY + timedelta(hours=hours), "ingested_at": DAY,
    }
    return row, {"minhash": list(body_minhash(body)), "quotes": list(long_quotes(body))}


def run(*made: tuple[dict, dict], gazetteer) -> dict[str, str]:
    reports = sorted((row for row, _ in made), key=lambda row: row["published_utc"])
    return origins(reports, {row["id"]: features for row, features in made}, gazetteer)


def groups(origin_of: dict[str, str]) -> set[frozenset[str]]:
    found: dict[str, set[str]] = {}
    for article, origin in origin_of.items():
        found.setdefault(origin, set()).add(article)
    return {frozenset(members) for members in found.values()}


def test_independent_reports_stay_apart(sample_gazetteer) -> None:
    outlets = {
        "tariff": "Harbor Post", "quake": "Northgate Daily", "satellite": "Harbor Post", "hearing": "Selmara Herald",
    }
    made = [make(key, TEXTS[key], outlet=outlet, hours=i) for i, (key, outlet) in enumerate(outlets.items())]
    assert run(*made, gazetteer=sample_gazetteer) == {key: key for key in ("tariff", "quake", "satellite", "hearing")}


def test_near_duplicates_collapse(sample_gazetteer) -> None:
    copy = TEXTS["wire"].replace(" The claim could not be independently verified.", "") + " Read more: World news."
    origin_of = run(
        make("original", TEXTS["wire"], outlet="Ostravia Today"),
        make("copy", copy, outlet="Northgate Daily", hours=2),
        make("other", TEXTS["tariff"], outlet="Northgate Daily", hours=3),
        gazetteer=sample_gazetteer,
    )
    assert origin_of == {"original": "original", "copy": "original", "other": "other"}


@pytest.mark.parametrize(
    ("second_outlet", "second_agencies", "hours", "collapses"),
    [
        ("Harbor Post", ("Meridian Wire",), 1, True),  # a rewrite credited to the wire, same morning
        ("Northgate Daily", ("Meridian Wire",), 20, True),
        ("Meridian Wire", (), 3, True),  # the wire's own report credits itself
        ("Harbor Post", ("Valdor News Agency",), 1, False),  # another agency
        ("Harbor Post", (), 1, False),  # no credit at all
        # The same wire's next story, a week later: new reporting, another origin.
        ("Harbor Post", ("Meridian Wire",), 7 * 24, False),
        ("Meridian Wire", (), WIRE_WINDOW.total_seconds() / 3600 + 1, False),
    ],
)
def test_shared_wire_credit_collapses_within_a_day(
    second_outlet: str, second_agencies: tuple[str, ...], hours: float, collapses: bool, sample_gazetteer
) -> None:
    origin_of = run(
        make("wire", TEXTS["wire"], outlet="Meridian Wire", agencies=("Meridian Wire",)),
        make("second", TEXTS["satellite"], outlet=second_outlet, agencies=second_agencies, hours=hours),
        gazetteer=sample_gazetteer,
    )
    assert (origin_of["second"] == "wire") is collapses


def test_wire_stories_a_week_apart_each_keep_their_copies(sample_gazetteer) -> None:
    origin_of = run(
        make("first", TEXTS["wire"], outlet="Meridian Wire"),
        make("first-copy", TEXTS["satellite"], outlet="Harbor Post", agencies=("Meridian Wire",), hours=2),
        make("second", TEXTS["quake"], outlet="Meridian Wire", hours=24 * 7),
        make("second-copy", TEXTS["hearing"], outlet="Northgate Daily", agencies=("Meridian Wire",), hours=24 * 7 + 5),
        gazetteer=sample_gazetteer,
    )
    assert origin_of == {"first": "first", "first-copy": "first", "second": "second", "second-copy": "second"}


@pytest.mark.parametrize(
    ("first_quotes", "second_quotes", "collapses"),
    [
        ((QUOTE_A, QUOTE_B), (QUOTE_A, QUOTE_B), True),
        ((QUOTE_A, QUOTE_B, QUOTE_C), (QUOTE_B, QUOTE_C), True),
        ((QUOTE_A, QUOTE_B), (QUOTE_A, QUOTE_C), False),  # one shared quote: both may have heard the speech
        ((QUOTE_A,), (QUOTE_A,), False),
        ((), (), False),
    ],
)
def test_two_shared_long_quotes_collapse(first_quotes, second_quotes, collapses: bool, sample_gazetteer) -> None:
    origin_of = run(
        make("first", " ".join([TEXTS["tariff"], *first_quotes]), outlet="Ostravia Today"),
        make("second", " ".join([TEXTS["hearing"], *second_quotes]), outlet="Selmara Herald", hours=5),
        gazetteer=sample_gazetteer,
    )
    assert (origin_of["second"] == "first") is collapses


def test_revision_collapses(sample_gazetteer) -> None:
    origin_of = run(
        make("v1", TEXTS["satellite"]),
        make("other", TEXTS["quake"], outlet="Northgate Daily", hours=1),
        make("v2", TEXTS["tariff"], revision_of="v1", hours=48),  # rewritten beyond recognition, still a revision
        gazetteer=sample_gazetteer,
    )
    assert origin_of == {"v1": "v1", "other": "other", "v2": "v1"}


def test_a_revision_is_never_the_origin_of_the_version_it_revises(sample_gazetteer) -> None:
    """An update keeps the original's publication time: the tie may list the revision first."""
    v1, f1 = make("v1", TEXTS["satellite"])
    v2, f2 = make("v2", TEXTS["tariff"], revision_of="v1")
    v3, f3 = make("v3", TEXTS["quake"], revision_of="v2")
    features = {"v1": f1, "v2": f2, "v3": f3}
    assert origins([v3, v2, v1], features, sample_gazetteer) == {"v1": "v1", "v2": "v1", "v3": "v1"}


def test_revision_of_an_article_outside_the_list_is_ignored(sample_gazetteer) -> None:
    assert run(make("v2", TEXTS["tariff"], revision_of="elsewhere"), gazetteer=sample_gazetteer) == {"v2": "v2"}


def test_transitive_closure(sample_gazetteer) -> None:
    """a ~ b by a near-duplicate body, b ~ c by two quotes, c ~ d by revision: one origin, a."""
    quoted = " ".join([TEXTS["wire"], QUOTE_A, QUOTE_B])
    origin_of = run(
        make("a", quoted, outlet="Ostravia Today"),
        make("b", quoted + " Share this article.", outlet="Northgate Daily", hours=1),
        make("c", " ".join([TEXTS["hearing"], QUOTE_A, QUOTE_B]), outlet="Selmara Herald", hours=30),
        make("d", TEXTS["quake"], outlet="Selmara Herald", revision_of="c", hours=40),
        make("e", TEXTS["tariff"], outlet="Harbor Post", hours=41),
        gazetteer=sample_gazetteer,
    )
    assert groups(origin_of) == {frozenset("abcd"), frozenset("e")}
    assert {origin_of[key] for key in "abcd"} == {"a"}


def test_origin_is_the_earliest_report(sample_gazetteer) -> None:
    """The later reports are joined first (by quotes), then to the earliest (by revision): still the earliest."""
    origin_of = run(
        make("earliest", TEXTS["tariff"], outlet="Ostravia Today"),
        make("middle", " ".join([TEXTS["hearing"], QUOTE_A, QUOTE_B]), outlet="Selmara Herald", hours=5),
        make("latest", " ".join([TEXTS["quake"], QUOTE_A, QUOTE_B]), outlet="Harbor Post", hours=9),
        make("revised", TEXTS["satellite"], outlet="Ostravia Today", revision_of="earliest", hours=12),
        make("copy-of-revised", TEXTS["satellite"], outlet="Harbor Post", hours=13),
        gazetteer=sample_gazetteer,
    )
    assert origin_of["middle"] == origin_of["latest"] == "middle"
    assert origin_of["revised"] == origin_of["copy-of-revised"] == "earliest"


def test_reports_without_features_keep_their_own_origin(sample_gazetteer) -> None:
    wire, _ = make("wire", TEXTS["wire"], outlet="Meridian Wire")
    plain, _ = make("plain", TEXTS["wire"], hours=1)  # identical text, but no features stored
    assert origins([wire, plain], {}, sample_gazetteer) == {"wire": "wire", "plain": "plain"}


@pytest.mark.parametrize(
    ("outlet", "agencies", "expected"),
    [
        ("Meridian Wire", [], {"Meridian Wire"}),
        ("Harbor Post", ["Meridian Wire"], {"Meridian Wire"}),
        ("Harbor Post", [], set()),
        ("Valdor News Agency", [], set()),  # state media, not a wire: no self-credit
        (None, ["Meridian Wire", "Valdor News Agency"], {"Meridian Wire", "Valdor News Agency"}),
        ("An outlet nobody knows", None, set()),
    ],
)
def test_wire_credits(outlet, agencies, expected: set[str], sample_gazetteer) -> None:
    assert wire_credits({"outlet": outlet, "agencies": agencies}, sample_gazetteer) == expected
