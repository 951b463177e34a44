"""HTML pages: body without page clutter, metadata from meta tags and JSON-LD."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimwatch.errors import InputError
from claimwatch.extract.html import body_text, extract_html

PARAGRAPHS = [
    "KALVEN, Ostravia — The harbour authority of Kalven said on Tuesday it would consider a new tariff on grain "
    "shipments passing through the port, citing congestion at the northern quay.",
    '"We cannot keep absorbing these costs," said deputy harbour master Ilse Brandvold, adding that a decision '
    "was expected within weeks.",
    "Shipping firms said the tariff would raise prices for consumers across the region, and several said they "
    "would look at routes through neighbouring ports instead.",
    "The authority last changed its fees in 2019, when it raised berthing charges by a fifth after a year of "
    "record traffic through the northern and southern quays.",
]
NAV = "<nav><ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(8)) + "</ul></nav>"
FOOTER = (
    "<footer><p>© 2025 Ostravia Today. All rights reserved.</p>"
    "<a href='/privacy'>Privacy policy</a> <a href='/terms'>Terms of use</a></footer>"
)
HEADLINE = "Kalven weighs grain tariff"


def page(head: str = "", article_extra: str = "", lang: str = "en-GB", paragraphs: list[str] = PARAGRAPHS) -> str:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{HEADLINE} | Ostravia Today</title>{head}</head><body>{NAV}"
        f'<main><article><h1>{HEADLINE}</h1><p class="byline">By Ilse Marten</p>{article_extra}{body}</article>'
        f'<aside><h2>Most read</h2><ul><li><a href="/x">Ferry fares rise</a></li></ul></aside></main>'
        f"{FOOTER}</body></html>"
    )


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


NEWS_ARTICLE = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": HEADLINE,
    "datePublished": "2025-03-04T09:12:00+01:00",
    "dateModified": "2025-03-04T11:40:00+01:00",
    "author": [{"@type": "Person", "name": "Ilse Marten"}],
    "publisher": {"@type": "Organization", "name": "Ostravia Today"},
}


def test_meta_tags_and_canonical(extract) -> None:
    head = (
        '<meta property="og:site_name" content="Ostravia Today">'
        '<meta property="article:published_time" content="2025-03-04T09:12:00+01:00">'
        '<meta property="article:modified_time" content="2025-03-04T11:40:00+01:00">'
        '<link rel="canonical" href="https://ostravia-today.example/news/kalven-grain-tariff">'
    )
    article = extract(page(head), fmt="html")
    assert article.title == HEADLINE
    assert article.outlet == "Ostravia Today"
    assert article.url == "https://ostravia-today.example/news/kalven-grain-tariff"
    assert article.published == "2025-03-04T09:12:00+01:00"
    assert article.updated == "2025-03-04T11:40:00+01:00"
    assert (article.timezone, article.timezone_source, article.timezone_inferred) == ("+01:00", "given", False)
    assert article.language == "en"
    assert article.format == "html"


def test_body_has_no_navigation_footer_or_repeated_headline(extract) -> None:
    article = extract(page(json_ld(NEWS_ARTICLE)), fmt="html")
    assert article.body == "\n\n".join(PARAGRAPHS)
    for clutter in ("Section 3", "All rights reserved", "Privacy policy", "Most read", "Ferry fares"):
        assert clutter not in article.body
    assert article.dateline == "KALVEN"
    assert article.dateline_text == "KALVEN, Ostravia —"
    assert [article.body[p.start : p.end] for p in article.paragraphs] == PARAGRAPHS


def test_json_ld_news_article(extract) -> None:
    article = extract(page(json_ld(NEWS_ARTICLE)), fmt="html")
    assert article.published == "2025-03-04T09:12:00+01:00"
    assert article.updated == "2025-03-04T11:40:00+01:00"
    assert article.authors == ("Ilse Marten",)
    assert article.outlet == "Ostravia Today"  # the JSON-LD publisher, without og:site_name


def test_json_ld_graph_and_broken_scripts(extract) -> None:
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "x"}, NEWS_ARTICLE]}
    head = '<script type="application/ld+json">{not json</script>' + json_ld(graph)
    article = extract(page(head), fmt="html")
    assert article.published == "2025-03-04T09:12:00+01:00"


def test_meta_time_without_zone_is_localised_by_the_outlet(extract) -> None:
    head = (
        '<meta property="og:site_name" content="The Korea Herald">'
        '<meta property="article:published_time" content="2025-03-04T09:12:00">'
    )
    article = extract(page(head, paragraphs=PARAGRAPHS[1:]), fmt="html")
    assert article.published == "2025-03-04T09:12:00+09:00"
    assert (article.timezone_source, article.timezone_inferred) == ("outlet", True)


def test_hint_url_gives_the_outlet(extract) -> None:
    article = extract(page(), fmt="html", url="https://www.koreaherald.com/view.php?ud=20250304")
    assert article.outlet == "The Korea Herald"
    assert article.url == "https://www.koreaherald.com/view.php?ud=20250304"


def test_copyright_year_is_not_a_publication_date(extract) -> None:
    article = extract(page(), fmt="html")
    assert article.published is None


def test_a_printed_date_in_the_page_is_found(extract) -> None:
    article = extract(page(article_extra='<p class="date">Posted March 4, 2025</p>'), fmt="html")
    assert article.published == "2025-03-04"


@pytest.mark.parametrize(
    "html",
    [
        f"<html><head><title>Ostravia Today — Home</title></head><body>{NAV}"
        f"<div><a href='/a'>Kalven</a> <a href='/b'>Port</a></div>{FOOTER}</body></html>",
        "<html><head><script>window.app = {}</script></head><body><div id='root'></div></body></html>",
        "<html><body><form><input name='user'><input type='password'><button>Sign in</button></form></body></html>",
        "<html><body></body></html>",
        "<!doctype html>",
    ],
    ids=["index-page", "script-only", "login-wall", "empty-body", "doctype-only"],
)
def test_page_without_an_article_fails_with_e101(extract, html: str) -> None:
    with pytest.raises(InputError) as caught:
        extract(html, fmt="html", source="pages/index.html")
    assert caught.value.code == "E101"
    assert str(caught.value).startswith("pages/index.html: [E101] ")


def test_extract_html_returns_none_for_unparseable_input() -> None:
    assert extract_html("") is None
    assert body_text("") == ""


def test_non_english_page_language(extract) -> None:
    paragraphs = [
        "Die Hafenbehörde von Kalven erwägt eine neue Gebühr für Getreidelieferungen, die durch den Hafen gehen, "
        "wie sie am Dienstag mitteilte.",
        "Reedereien sagten, die Gebühr werde die Preise für Verbraucher in der ganzen Region erhöhen.",
    ]
    article = extract(page(lang="de-DE", paragraphs=paragraphs), fmt="html")
    assert article.language == "de"
    assert article.body.startswith("Die Hafenbehörde")


def test_kicker_and_standfirst_above_the_story_are_not_body(extract) -> None:
    extra = (
        '<p class="kicker">World › Europe</p>'
        "<p class='standfirst'>Port officials say congestion at the northern quay has doubled since January</p>"
    )
    article = extract(page(article_extra=extra), fmt="html")
    assert article.body.startswith("KALVEN, Ostravia — The harbour authority")
    assert article.dateline == "KALVEN"
    assert "World › Europe" in article.removed_lines


def test_visible_byline_gives_authors_and_the_time_of_day(extract) -> None:
    extra = '<div class="byline-area"><span>By Ilse Marten</span> | <span>Tuesday 4 March 2025, 21:40</span></div>'
    head = '<meta property="og:site_name" content="The Korea Herald"><meta name="date" content="2025-03-04">'
    article = extract(page(head, article_extra=extra).replace('<p class="byline">By Ilse Marten</p>', ""), fmt="html")
    assert article.authors == ("Ilse Marten",)
    assert article.published == "2025-03-04T21:40:00+09:00"
    assert (article.timezone_source, article.timezone_inferred) == ("outlet", True)


def test_page_metadata_wins_over_a_visible_byline_time(extract) -> None:
    extra = '<div class="byline">By Ilse Marten | 4 March 2025, 21:40</div>'
    head = '<meta property="article:published_time" content="2025-03-04T09:12:00+01:00">'
    article = extract(page(head, article_extra=extra), fmt="html")
    assert article.published == "2025-03-04T09:12:00+01:00"


@pytest.mark.parametrize("url", ["http://[bad", "https://[::1", "::::"])
def test_a_malformed_url_does_not_sink_the_page(extract, url: str) -> None:
    head = f'<link rel="canonical" href="{url}">'
    article = extract(page(head), fmt="html")
    assert article.body.startswith("KALVEN")
    assert extract(page(), fmt="html", url=url).body.startswith("KALVEN")


HTML_PIECES = st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<html>", "<body>", "<script>", "</script>", "<h1>", "</h1>", "<!--", "-->",
     "<meta property='article:published_time' content='not a date'>", "<script type='application/ld+json'>",
     '{"@type": "NewsArticle", "datePublished": [1], "publisher": "x", "@graph": 3}', "<?xml version='1.0'?>",
     "&amp;", "&#0;", "\x00", "<time datetime='2025-99-99'>", "<link rel='canonical' href='http://[bad'>",
     "<html lang='zz-ZZ-x'>", "<table><tr><td>", "</td></tr></table>", "<div class='byline'>By | 99:99 |</div>",
     PARAGRAPHS[0], PARAGRAPHS[1]]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=200), st.lists(HTML_PIECES, max_size=30).map("".join)))
def test_any_html_gives_an_article_or_e101(extract, html: str) -> None:
    try:
        article = extract(html, fmt="html")
    except InputError as error:
        assert error.code == "E101"
        return
    assert "\n\n".join(article.body[p.start : p.end] for p in article.paragraphs) == article.body


@pytest.mark.parametrize("levels", [255, 300, 1_000])
def test_deeply_nested_page_keeps_its_text(extract, levels: int) -> None:
    story = (
        "<p>The island ferry operator said on Wednesday it would raise fares by eight percent from April, "
        "blaming higher fuel costs and a new harbour tariff in Kalven.</p>"
        "<p>Commuter groups said the increase would hit workers who cross the strait every day.</p>"
    )
    html = (
        "<html><head><title>Ferry fares to rise</title></head><body>"
        + "<div>" * levels + "<article>" + story + "</article>" + "</div>" * levels
        + "</body></html>"
    )
    article = extract(html, fmt="html")
    assert "raise fares by eight percent" in article.body
    assert "cross the strait every day" in article.body
