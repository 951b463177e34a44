"""The exports over REST, ``?format=`` on the list routes, and the download links of the story and watch pages."""

from __future__ import annotations

import csv
import io
import json

import stix2

WATCHED = "Kestria is sending troops to Valdoria"


def test_statements_as_csv(client, story) -> None:
    response = client.get("/api/statements", params={"format": "csv", "limit": 500})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="claimwatch-statements.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith('"id","article_id"')
    table = list(csv.DictReader(io.StringIO(text, newline="")))
    page = client.get("/api/statements", params={"limit": 500}).json()
    assert int(response.headers["x-total-count"]) == page["total"]
    assert [row["id"] for row in table] == [item["id"] for item in page["items"]]
    assert table[0]["content"] == page["items"][0]["content"]


def test_story_statements_as_csv_follow_the_filters(client, story) -> None:
    response = client.get("/api/statements", params={"story": story["id"], "act": "denies", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"), newline="")))
    assert rows and {row["act"] for row in rows} == {"denies"}


def test_every_list_route_takes_format(client) -> None:
    for route in ("/api/articles", "/api/entities", "/api/claims", "/api/stories", "/api/watches"):
        as_json = client.get(route).json()
        items = as_json["items"] if isinstance(as_json, dict) else as_json
        lines = client.get(route, params={"format": "jsonl"}).text.splitlines()
        assert [json.loads(line) for line in lines] == items, route
        table = list(csv.reader(io.StringIO(client.get(route, params={"format": "csv"}).text, newline="")))
        assert len(table) == (len(items) + 1 if items else 0), route
    search = client.get("/api/search", params={"q": "troops", "format": "csv"})
    assert search.status_code == 200 and search.text.startswith('"')


def test_an_unknown_format_is_a_client_error(client) -> None:
    response = client.get("/api/statements", params={"format": "xml"})
    assert response.status_code in (400, 422)
    assert "error" in response.json()


def test_story_exports(client, story) -> None:
    response = client.get(f"/api/exports/{story['id']}/stix")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/stix+json")
    assert response.headers["content-disposition"] == f'attachment; filename="claimwatch-{story["id"]}.stix.json"'
    bundle = stix2.parse(response.text, allow_custom=False, version="2.1")
    assert {"identity", "report", "note", "opinion", "grouping"} <= {item.type for item in bundle.objects}
    assert client.get(f"/api/exports/{story['id'][:8]}/stix").text == response.text  # a prefix; the same ids
    claim = client.get(f"/api/exports/{story['id']}/claim").json()
    assert claim["@context"] == "https://schema.org" and claim["@type"] == "Claim"
    review = client.get(f"/api/exports/{story['id']}/claim", params={"review_by": "Harbour Fact Desk"}).json()
    assert review["@type"] == "ClaimReview"
    plover = client.get("/api/exports/plover", params={"story": story["id"], "since": "2025-03-01"})
    assert plover.headers["content-type"].startswith("application/jsonl")
    records = [json.loads(line) for line in plover.text.splitlines()]
    assert records and all(r["date"] >= "2025-03-01" for r in records)


def test_exports_of_an_unknown_target(client) -> None:
    assert client.get("/api/exports/ffffffffffff/stix").status_code == 404
    assert client.get("/api/exports/plover", params={"story": "ffffffffffff"}).status_code == 404
    assert client.get("/api/exports/plover", params={"since": "soon"}).status_code in (400, 422)


def test_story_page_links_each_export(client, story) -> None:
    page = client.get(f"/stories/{story['id']}").text
    for link in (f"/api/exports/{story['id']}/stix", f"/api/exports/{story['id']}/claim",
                 f"/api/exports/plover?story={story['id']}", f"/api/statements?story={story['id']}&amp;format=csv"):
        assert link in page


def test_watch_page_and_exports(writable, auth) -> None:
    watch = writable.post("/api/watches", json={"claim": WATCHED}, headers=auth).json()
    page = writable.get(f"/watches/{watch['id']}", headers=auth).text
    assert f"/api/exports/{watch['id']}/stix" in page and f"/api/exports/plover?watch={watch['id']}" in page
    bundle = stix2.parse(writable.get(f"/api/exports/{watch['id']}/stix", headers=auth).text, allow_custom=False,
                         version="2.1")
    opinions = {item.opinion for item in bundle.objects if item.type == "opinion"}
    assert opinions & {"agree", "strongly-agree"} and opinions & {"disagree", "strongly-disagree"}
    plover = writable.get("/api/exports/plover", params={"watch": watch["id"]}, headers=auth)
    assert plover.status_code == 200 and plover.text
