"""The desk's pages over the sample story: what each shows, and that every link from the brief lands on a
highlighted sentence."""

from __future__ import annotations

import json
import re

from claimwatch import api
from claimwatch.web.render import Tag, highlight, nest, word_diff


def page(client, url: str) -> str:
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code == 200, (url, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_home_lists_stories_and_offers_search(client, story) -> None:
    html = page(client, "/")
    assert f'href="/stories/{story["id"]}"' in html
    assert 'role="search"' in html and 'class="skip" href="#main"' in html
    assert "No watches yet" in html


def test_story_page_has_timeline_counts_history_and_brief(client, story) -> None:
    html = page(client, f"/stories/{story['id']}")
    brief = client.get(f"/api/briefs/{story['id']}").json()
    data = re.search(r'<script type="application/json" id="timeline-data" nonce="[^"]+">(.*?)</script>', html, re.S)
    points = json.loads(data.group(1))
    assert len(points) == len(brief["statements"]) > 20
    assert {p["link"] for p in points} == {row["link"] for row in brief["statements"]}
    assert {p["symbol"] for p in points} >= {"circle", "x", "star"}  # asserts, denies, confirms
    assert f"<strong>{brief['reports']}</strong> reports" in html
    assert f"<strong>{brief['independent_origins']}</strong> independent origins" in html
    assert "Status history" in html and brief["status_history"][-1]["status"] in html
    assert "Bottom line:" in html and f'href="/stories/{story["id"]}/matrix"' in html
    assert '<script src="/static/plotly.min.js"' in html


def test_every_brief_link_lands_on_a_highlighted_sentence(client, story) -> None:
    brief = client.get(f"/api/briefs/{story['id']}").json()
    by_article: dict[str, set[str]] = {}
    for row in brief["statements"]:
        by_article.setdefault(row["article_id"], set()).add(row["id"])
    for article_id, ids in by_article.items():
        html = page(client, f"/articles/{article_id}")
        marks = set(re.findall(r'<mark class="stmt[^"]*" id="s-([0-9a-f]+)"', html))
        assert ids <= marks, article_id


def test_article_reader_links_speakers_and_shows_metadata(client, demo_store, story) -> None:
    article_id = story["article_ids"][0]
    html = page(client, f"/articles/{article_id}")
    article = api.show_article(demo_store, article_id)
    assert article["outlet"] in html and article["published"] in html
    speakers = set(re.findall(r'<a class="speaker" href="/entities/([0-9a-f]+)">', html))
    assert speakers
    for entity in speakers:
        assert page(client, f"/entities/{entity}")
    assert '<script src="/static/desk.js"' in html


def test_revisions_are_listed_with_a_diff(client, demo_store) -> None:
    revised = next(a for a in api.list_articles(demo_store) if a["revision_of"])
    html = page(client, f"/articles/{revised['id']}")
    assert "Revisions" in html and "<ins>" in html
    assert f'href="/articles/{revised["revision_of"]}"' in html
    older = page(client, f"/articles/{revised['revision_of']}?compare={revised['id']}")
    assert "<del>" in older


def test_entity_page_groups_statements_by_claim(client, demo_store) -> None:
    vantosh = next(e for e in api.list_entities(demo_store) if e["name"] == "Mirela Vantosh")
    html = page(client, f"/entities/{vantosh['id']}")
    assert "<h1>Mirela Vantosh</h1>" in html
    assert "Kestria is sending troops to Valdoria" in html
    assert html.count('class="claim-group"') >= 2
    assert 'id="timeline"' in html


def test_claim_matrix(client, story) -> None:
    html = page(client, f"/stories/{story['id']}/matrix")
    assert '<table class="matrix">' in html
    assert re.search(r'<td class="cell stance-(support|oppose|neutral) level-\d">', html)
    assert "stance-oppose" in html and "stance-support" in html
    assert "Mirela Vantosh" in html


def test_search_page_marks_matches(client) -> None:
    html = page(client, "/search?q=provocation")
    assert "<mark>provocation</mark>" in html.lower()
    assert "statements match" in html
    articles = page(client, "/search?q=satellite&kind=articles")
    assert "<mark>" in articles.lower()


def test_print_stylesheet_and_static_assets(client) -> None:
    css = client.get("/static/desk.css")
    assert "@media print" in css.text and css.headers["content-type"].startswith("text/css")
    plotly = client.get("/static/plotly.min.js")
    assert plotly.status_code == 200 and plotly.headers["content-type"].startswith("text/javascript")
    assert len(plotly.content) > 1_000_000


def test_nest_cuts_crossing_spans_and_escapes() -> None:
    tags = [Tag(0, 9, "<a>", "</a>"), Tag(4, 12, "<b>", "</b>")]
    assert str(nest("<x> & y <z> w", tags)) == "<a>&lt;x&gt; <b>&amp; y &lt;</b></a>z&gt; w"
    marked = highlight("He said it.", [{"id": "s1", "start": 0, "end": 10, "act": "asserts", "certainty": "likely",
                                        "speaker_entity": "<He>", "speaker_entity_id": "e1", "speaker_start": 0,
                                        "speaker_end": 2}])
    assert 'title="&lt;He&gt;: asserts, likely"' in str(marked)
    assert '<a class="speaker" href="/entities/e1">He</a>' in str(marked)


def test_word_diff_rebuilds_both_texts() -> None:
    old, new = "Troops were seen near the border.", "About 1,500 troops were seen at the border."
    parts = word_diff(old, new)
    assert "".join(t for op, t in parts if op != "ins") == old
    assert "".join(t for op, t in parts if op != "del") == new
