"""The REST API over the sample story: shapes shared with claimwatch.api (and so the CLI's --json), filters,
pages, full-text search, briefs in three formats."""

from __future__ import annotations

from claimwatch import api


def by_id(rows: list[dict]) -> list[dict]:
    """Rows in id order (statements that start at the same character have no other order)."""
    return sorted(rows, key=lambda row: row["id"])


def items(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_lists_have_the_shapes_of_the_python_api(client, demo_store) -> None:
    expected = {
        "/api/articles": api.list_articles(demo_store),
        "/api/statements": api.list_statements(demo_store),
        "/api/entities": api.list_entities(demo_store),
        "/api/claims": api.list_claims(demo_store),
        "/api/stories": api.list_stories(demo_store, api.sample_gazetteer()),
    }
    for url, rows in expected.items():
        page = client.get(f"{url}?limit=500").json()
        assert page["total"] == len(rows), url
        assert set(page["items"][0]) == set(rows[0]), url
    assert by_id(items(client, "/api/statements?limit=500")) == by_id(api.list_statements(demo_store))
    assert items(client, "/api/articles?limit=500") == api.list_articles(demo_store)
    assert items(client, "/api/entities?limit=500") == api.list_entities(demo_store)


def test_stories_match_the_python_api(client, demo_store) -> None:
    [mine] = items(client, "/api/stories")
    [theirs] = api.list_stories(demo_store, api.sample_gazetteer())
    assert mine == theirs
    assert client.get(f"/api/stories/{mine['id'][:8]}").json() == theirs


def test_claims_match_the_python_api(client, demo_store) -> None:
    claims = items(client, "/api/claims?limit=500")
    expected = {claim["id"]: claim for claim in api.list_claims(demo_store)}
    assert {claim["id"]: claim for claim in claims} == expected
    assert [c["statements"] for c in claims] == sorted((c["statements"] for c in claims), reverse=True)


def test_pagination_reports_totals_and_pages_do_not_overlap(client) -> None:
    first = client.get("/api/statements?limit=10").json()
    second = client.get("/api/statements?limit=10&offset=10").json()
    assert first["total"] == second["total"] > 20
    assert (first["limit"], first["offset"], second["offset"]) == (10, 0, 10)
    assert not {s["id"] for s in first["items"]} & {s["id"] for s in second["items"]}
    beyond = client.get(f"/api/statements?offset={first['total']}").json()
    assert beyond["items"] == [] and beyond["total"] == first["total"]


def test_statement_filters(client, demo_store) -> None:
    everything = api.list_statements(demo_store)
    vantosh = api.list_statements(demo_store, speaker="Vantosch")
    assert by_id(items(client, "/api/statements?speaker=Vantosch&limit=500")) == by_id(vantosh)
    entity = vantosh[0]["speaker_entity_id"]
    by_entity = items(client, f"/api/statements?entity={entity}&limit=500")
    assert by_entity and {s["speaker_entity_id"] for s in by_entity} == {entity}
    cases = {
        "act=denies": lambda s: s["act"] == "denies",
        "certainty=likely": lambda s: s["certainty"] == "likely",
        "country=xke": lambda s: s["speaker_country"] == "XKE",
        "outlet=Harbor%20Post": lambda s: s["outlet"] == "Harbor Post",
        "since=2025-03-10&until=2025-03-13": lambda s: "2025-03-10" <= (s["said_on"] or "") <= "2025-03-13",
        "act=assesses&certainty=likely": lambda s: (s["act"], s["certainty"]) == ("assesses", "likely"),
    }
    for query, keep in cases.items():
        expected = [s for s in everything if keep(s)]
        assert expected, query
        assert by_id(items(client, f"/api/statements?{query}&limit=500")) == by_id(expected), query


def test_statement_filters_by_article_claim_and_story(client, demo_store, story) -> None:
    everything = api.list_statements(demo_store)
    article = story["article_ids"][3]
    assert by_id(items(client, f"/api/statements?article={article[:8]}&limit=500")) == by_id(
        [s for s in everything if s["article_id"] == article]
    )
    claim = api.list_claims(demo_store)[0]["id"]
    assert by_id(items(client, f"/api/statements?claim={claim}&limit=500")) == by_id(
        [s for s in everything if s["claim_id"] == claim]
    )
    assert len(items(client, f"/api/statements?story={story['id'][:6]}&limit=500")) == story["statements"]


def test_full_text_search_over_statements_and_articles(client) -> None:
    found = client.get("/api/search?q=provocation").json()
    assert found["total"] >= 1
    assert all("provocation" in item["snippet"].lower() for item in found["items"])
    assert "\x02" in found["items"][0]["snippet"]
    articles = client.get("/api/search?q=satellite%20images&kind=articles").json()
    assert {item["outlet"] for item in articles["items"]} >= {"Harbor Post"}
    prefix = client.get("/api/search?q=provoc*").json()
    assert prefix["total"] >= found["total"]
    combined = items(client, "/api/statements?q=troops&act=denies&limit=500")
    assert combined and all(s["act"] == "denies" and "troops" in (s["content"] + (s["speaker"] or "")).lower()
                            for s in combined)
    assert client.get("/api/search?q=zzxqv").json() == {"total": 0, "limit": 20, "offset": 0, "items": []}


def test_article_filters_and_detail(client, demo_store) -> None:
    harbor = items(client, "/api/articles?outlet=Harbor%20Post")
    assert harbor and {a["outlet"] for a in harbor} == {"Harbor Post"}
    early = items(client, "/api/articles?until=2025-03-05")
    assert early and all(a["published"][:10] <= "2025-03-05" for a in early)
    assert items(client, "/api/articles?q=satellite")
    first = api.list_articles(demo_store)[0]["id"]
    assert client.get(f"/api/articles/{first[:7]}").json() == api.show_article(demo_store, first)


def test_diff_between_revisions(client, demo_store) -> None:
    revised = next(a for a in api.list_articles(demo_store) if a["revision_of"])
    diff = client.get(f"/api/articles/{revised['id']}/diff?against={revised['revision_of']}").json()
    assert {op for op, _ in diff["changes"]} >= {"same", "ins"}
    after = "".join(text for op, text in diff["changes"] if op != "del")
    assert after == api.show_article(demo_store, revised["id"])["body"]


def test_entities_and_claims_filters(client) -> None:
    people = client.get("/api/entities?type=person&limit=3").json()
    assert people["total"] > 3 and len(people["items"]) == 3
    assert all(e["type"] == "person" for e in people["items"])
    assert items(client, "/api/entities?q=vantosch")[0]["name"] == "Mirela Vantosh"
    entity = people["items"][0]
    assert client.get(f"/api/entities/{entity['id']}").json() == entity


def test_briefs_in_three_formats(client, story, demo_store) -> None:
    data = client.get(f"/api/briefs/{story['id']}").json()
    assert data["kind"] == "story" and data["id"] == story["id"]
    assert {row["link"] for row in data["statements"]} == {
        f"/articles/{row['article_id']}#s-{row['id']}" for row in data["statements"]
    }
    markdown = client.get(f"/api/briefs/{story['id']}?format=md")
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("# Brief: ")
    html = client.get(f"/api/briefs/{story['id']}?format=html")
    assert html.headers["content-type"].startswith("text/html")
    assert "<h1>Brief: " in html.text
    assert "style-src 'sha256-" in html.headers["content-security-policy"]
    timeline = client.get(f"/api/stories/{story['id']}/timeline").json()
    assert len(timeline) == len(data["statements"])
    assert {"x", "y", "act", "certainty", "symbol", "colour", "quote", "link"} <= set(timeline[0])


def test_watches_listed_and_openapi_published(client) -> None:
    assert client.get("/api/watches").json() == []
    schema = client.get("/openapi.json").json()
    assert {"/api/statements", "/api/search", "/api/ingest", "/api/watches"} <= set(schema["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/statements" in docs.text
