"""The monitoring API and CLI: sources, status, alerts, fetch, WARC import, the source registry."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from feedkit import sample
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimwatch import api
from claimwatch.cli import app
from claimwatch.monitor import service
from claimwatch.monitor.errors import MonitorError
from claimwatch.monitor.fetch import FetchPolicy
from claimwatch.monitor.state import backoff_after_failures, utcnow
from claimwatch.store import Store, schema
from claimwatch.stories.grading import load_registry


@pytest.mark.parametrize(("text", "seconds"), [
    ("90", 90), ("90s", 90), ("15m", 900), ("2h", 7200), ("1d", 86400), ("1h30m", 5400), ("1.5h", 5400), (300, 300),
])
def test_parse_interval(text, seconds) -> None:
    assert service.parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "15 minutes", "0", "-5m", "m"])
def test_parse_interval_refuses(text) -> None:
    with pytest.raises(MonitorError) as caught:
        service.parse_interval(text)
    assert caught.value.code == "E415"


@pytest.mark.parametrize(("every", "failures", "expected"), [
    (900, 1, 900), (900, 2, 1800), (900, 3, 3600), (900, 6, 21600), (900, 30, 21600), (86400, 3, 86400),
])
def test_backoff_after_failures(every, failures, expected) -> None:
    assert backoff_after_failures(every, failures) == timedelta(seconds=expected)


def test_add_list_remove_sources(store) -> None:
    row = service.add_source(store, "HTTPS://Wire.Example/feed.xml#top", name="Meridian Wire", every="30m",
                             reliability="b")
    assert (row["url"], row["every"], row["reliability"], row["kind"]) == (
        "https://wire.example/feed.xml", "30m", "B", "auto")
    with pytest.raises(MonitorError) as caught:
        service.add_source(store, "https://wire.example/feed.xml")
    assert caught.value.code == "E414"
    for bad, code in (("ftp://wire.example/", "E401"), ("file:///etc/passwd", "E401")):
        with pytest.raises(MonitorError) as caught:
            service.add_source(store, bad)
        assert caught.value.code == code
    with pytest.raises(MonitorError) as caught:
        service.add_source(store, "https://x.example/", reliability="Z")
    assert caught.value.code == "E416"
    with pytest.raises(MonitorError) as caught:
        service.add_source(store, "https://x.example/", kind="podcast")
    assert caught.value.code == "E419"
    assert [s["id"] for s in service.list_sources(store)] == [row["id"]]
    assert service.remove_source(store, "Meridian Wire")["id"] == row["id"]
    with pytest.raises(MonitorError) as caught:
        service.remove_source(store, row["id"])
    assert caught.value.code == "E413"


def test_source_grades_join_the_registry(store, tmp_path) -> None:
    service.add_source(store, "https://harborpost.example/rss", name="Harbor Post", reliability="A")
    service.add_source(store, "https://ungraded.example/rss", name="Ungraded Daily")
    registry = load_registry(store=store)
    assert registry.reliability("Harbor Post", "news_outlet") == "A"
    assert registry.reliability("harbor post", "news_outlet") == "A"
    assert registry.reliability("Ungraded Daily", "news_outlet") == "C"  # the default for its type
    assert load_registry().reliability("Harbor Post", "news_outlet") == "C"  # without the store: as before
    toml = tmp_path / "sources.toml"
    toml.write_text('[[source]]\nname = "Harbor Post"\nreliability = "D"\n')
    assert load_registry([toml], store=store).reliability("Harbor Post", "news_outlet") == "D"


def test_an_unnamed_source_takes_the_outlet_of_its_host(store) -> None:
    gazetteer = api.sample_gazetteer()
    row = service.add_source(store, "https://www.harborpost.example/world/rss", reliability="A", gazetteer=gazetteer)
    assert row["name"] == "Harbor Post"
    assert load_registry(store=store).reliability("Harbor Post", "news_outlet") == "A"
    assert service.add_source(store, "https://unknown.example/rss", gazetteer=gazetteer)["name"] is None


def test_the_brief_grades_a_registered_outlet(store) -> None:
    service.add_source(store, "https://meridianwire.example/rss", name="Meridian Wire", reliability="A")
    gazetteer = api.sample_gazetteer()
    api.ingest(store, [str(api.sample_corpus_path() / "02_meridian-wire_2025-03-04.txt")], gazetteer=gazetteer)
    story = api.list_stories(store, gazetteer)[0]
    brief = api.brief(store, story["id"], gazetteer)
    assert {row["outlet"]: row["admiralty"][0] for row in brief["sources"]}["Meridian Wire"] == "A"


def test_fetch_urls_ingests_pages_and_reports_refusals(server, store, only_loopback) -> None:
    server.route("/a/02.txt", sample("02_meridian-wire_2025-03-04.txt"), content_type="text/plain")
    server.route("/img.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    server.route("/meta", status=302, location="http://169.254.169.254/")
    report = service.fetch_urls(store, [server.url("/a/02.txt"), server.url("/img.png"), server.url("/meta")],
                                allow_private=True, gazetteer=api.sample_gazetteer(), with_statements=False,
                                policy=FetchPolicy(min_interval=0.0))
    outcomes = {outcome.source: outcome for outcome in report.outcomes}
    assert outcomes[server.url("/a/02.txt")].status == "ingested"
    assert outcomes[server.url("/img.png")].error.startswith("[E409]")
    assert outcomes[server.url("/meta")].error.startswith("[E402]")
    (row,) = api.list_articles(store)
    assert (row["url"], row["outlet"]) == (server.url("/a/02.txt"), "Meridian Wire")
    refused = service.fetch_urls(store, [server.url("/a/02.txt")], with_statements=False)  # no --allow-private
    assert refused.outcomes[0].error.startswith("[E402]")


def _warc(path) -> None:
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)

        def response(url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))

        response("https://www.arnhaltimes.example/www/nation/2025/03/113_401877.html",
                 sample("13_arnhal-times_2025-03-14.html"), "text/html; charset=utf-8")
        response("https://meridianwire.example/a/0304", sample("02_meridian-wire_2025-03-04.txt"), "text/plain")
        response("https://img.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png")
        response("https://meridianwire.example/gone", b"not here", "text/html", status="404 Not Found")
        writer.write_record(writer.create_warc_record("https://meridianwire.example/a/0304", "request",
                                                      payload=io.BytesIO(b"GET /a/0304 HTTP/1.1\r\n\r\n")))


def test_import_warc(store, tmp_path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path)
    result = service.import_warc(store, path, gazetteer=api.sample_gazetteer(), with_statements=False)
    assert (result.counts.records, result.counts.pages, result.counts.skipped) == (5, 2, 3)
    assert result.ingest.counts["ingested"] == 2
    urls = {row["url"]: row["outlet"] for row in api.list_articles(store)}
    assert urls == {"https://www.arnhaltimes.example/www/nation/2025/03/113_401877.html": "The Arnhal Times",
                    "https://meridianwire.example/a/0304": "Meridian Wire"}
    again = service.import_warc(store, path, gazetteer=api.sample_gazetteer(), with_statements=False)
    assert again.ingest.counts["duplicate"] == 2


def test_import_warc_refuses_what_is_not_a_warc(store, tmp_path) -> None:
    path = tmp_path / "not.warc"
    path.write_bytes(b"this is not an archive\n")
    with pytest.raises(MonitorError) as caught:
        service.import_warc(store, path, with_statements=False)
    assert caught.value.code == "E418"


def test_cli_sources_status_alerts_and_fetch(server, db, tmp_path) -> None:
    runner = CliRunner()
    options = ["--db", db, "--gazetteer", str(api.sample_gazetteer_path())]
    added = runner.invoke(app, [*options, "source", "add", server.url("/page.txt"), "--name", "Meridian Wire",
                                "--every", "15m", "--reliability", "B", "--allow-private"])
    assert added.exit_code == 0, added.output
    assert "added source" in added.output and "every 15m" in added.output
    listed = json.loads(runner.invoke(app, [*options, "source", "list", "--json"]).stdout)
    assert [(s["name"], s["reliability"], s["allow_private"]) for s in listed] == [("Meridian Wire", "B", True)]
    bad = runner.invoke(app, [*options, "source", "add", "https://x.example/", "--every", "soon"])
    assert bad.exit_code == 1 and "[E415]" in bad.output

    server.route("/page.txt", sample("02_meridian-wire_2025-03-04.txt"), content_type="text/plain")
    status = runner.invoke(app, [*options, "status", "--json"])
    (row,) = json.loads(status.stdout)["sources"]
    assert row["last_success"] is None and row["polls"] == 0
    assert "never" in runner.invoke(app, [*options, "status"]).stdout

    fetched = runner.invoke(app, [*options, "fetch", server.url("/page.txt"), "--allow-private", "--no-statements"])
    assert fetched.exit_code == 0, fetched.output
    assert "ingested 1" in fetched.stdout
    refused = runner.invoke(app, [*options, "fetch", server.url("/page.txt"), "--no-statements"])
    assert refused.exit_code == 1 and "[E402]" in refused.output

    with Store(db) as store, store.engine.begin() as conn:  # an alert, as the monitor stores one
        conn.execute(schema.alerts.insert().values(
            id="a1", watch_id="w1", kind="status", dedupe_key="w1|status|contested|s1", created_at=utcnow(),
            deliveries={}, payload={"message": "A claim: unverified -> contested",
                                    "change": {"from": "unverified", "to": "contested"}},
        ))
    alerts = json.loads(runner.invoke(app, [*options, "alerts", "--json"]).stdout)
    assert [(a["kind"], a["message"]) for a in alerts] == [("status", "A claim: unverified -> contested")]
    assert "unverified -> contested" in runner.invoke(app, [*options, "alerts"]).stdout
    removed = runner.invoke(app, [*options, "source", "rm", "Meridian Wire"])
    assert removed.exit_code == 0 and "removed source" in removed.stdout


def test_cli_fetch_reads_a_path_robots_txt_allows_under_a_disallowed_root(server, db_path) -> None:
    """``Disallow: /`` with ``Allow: /news/``: the longer rule wins (RFC 9309), so /news/ may be read."""
    runner = CliRunner()
    db = ["--db", str(db_path), "--gazetteer", str(api.sample_gazetteer_path())]
    server.route("/robots.txt", "User-agent: *\nDisallow: /\nAllow: /news/\n", content_type="text/plain")
    server.route("/news/a.html", sample("02_meridian-wire_2025-03-04.txt"), content_type="text/plain")
    server.route("/about.html", sample("02_meridian-wire_2025-03-04.txt"), content_type="text/plain")
    fetched = runner.invoke(app, [*db, "fetch", server.url("/news/a.html"), "--allow-private", "--no-statements"])
    assert fetched.exit_code == 0, fetched.output
    assert "ingested 1" in fetched.stdout
    refused = runner.invoke(app, [*db, "fetch", server.url("/about.html"), "--allow-private", "--no-statements"])
    assert "[E404]" in refused.output
    assert server.hits("/about.html") == []


def test_fetch_decodes_with_the_charset_the_http_header_declares(server, store, only_loopback) -> None:
    """Short KOI8-R text (charset-normalizer alone reads it as Shift JIS): the Content-Type's charset decides."""
    text = "Войска не пересекали границу, сказал министр."
    server.route("/ru/1.txt", text.encode("koi8-r"), content_type="text/plain; charset=koi8-r")
    report = service.fetch_urls(store, [server.url("/ru/1.txt")], allow_private=True,
                                gazetteer=api.sample_gazetteer(), with_statements=False,
                                policy=FetchPolicy(min_interval=0.0))
    (outcome,) = report.outcomes
    assert outcome.status == "ingested", outcome.error
    assert store.get_article(outcome.article_id).body == text
