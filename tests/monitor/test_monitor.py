"""The monitor end to end against the loopback server: feeds and pages that change between polls.

The watched claim is the sample story's ("Kestria is sending troops to Valdoria"): the first poll
brings the accusation with its denial and the think tank's satellite report, the second the
revision of that report and the official confirmation; the third finds nothing new. Around them,
sources that fail in every way a monitor meets: a 500, a slow response, a malformed feed, an XML
bomb, an oversized page, redirects to private and metadata addresses, a path robots.txt forbids.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from ipaddress import ip_network

import pytest
from feedkit import rss, sample, short_report

from claimwatch import api
from claimwatch.monitor.fetch import FetchPolicy
from claimwatch.monitor.loop import Monitor, MonitorConfig
from claimwatch.monitor.sinks import FileSink, LogSink, WebhookSink, verify_signature
from claimwatch.monitor.state import MonitorState, utcnow
from claimwatch.store import Store

CLAIM = "Kestria is sending troops to Valdoria"
POLICY = FetchPolicy(read_timeout=0.4, connect_timeout=1.0, retries=1, backoff=0.01, min_interval=0.0,
                     max_bytes=300_000)
BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><urlset><url><loc>&lol2;</loc></url></urlset>')


class Clock:
    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture(scope="module")
def sample_gazetteer():
    return api.sample_gazetteer()


def feed_items(server, *, revised: bool = False, confirmed: bool = False) -> list[dict]:
    items = [
        {"title": "Ostravia says Kestria sending troops to Valdoria", "link": server.url("/a/meridian.txt"),
         "guid": "mw-0304", "pubDate": "Tue, 04 Mar 2025 08:31:00 GMT", "source": "Meridian Wire"},
        {"title": "Satellite images likely show Kestrian troop transports", "link": server.url("/a/hallik.html"),
         "guid": "hp-hallik", "pubDate": "Mon, 10 Mar 2025 07:00:00 GMT" if not revised
         else "Wed, 12 Mar 2025 07:00:00 GMT"},
    ]
    if confirmed:
        items.append({"title": "NIB confirms 1,500 Kestrian special forces troops sent to Valdoria",
                      "link": server.url("/a/nib.html"), "guid": "at-nib", "pubDate": "Fri, 14 Mar 2025 02:02:00 GMT"})
    return list(reversed(items))  # newest first, as feeds list them


def serve_story(server, *, revised: bool = False, confirmed: bool = False) -> None:
    server.route("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.route("/a/meridian.txt", sample("02_meridian-wire_2025-03-04.txt"), content_type="text/plain")
    server.route("/a/hallik.html", sample("11_harbor-post_2025-03-12.html" if revised
                                          else "09_harbor-post_2025-03-10.html"))
    server.route("/a/nib.html", sample("13_arnhal-times_2025-03-14.html"))
    version = f'"{int(revised)}{int(confirmed)}"'
    server.route("/wire.xml", rss(feed_items(server, revised=revised, confirmed=confirmed), title="Daily Digest"),
                 content_type="application/rss+xml", etag=version)


def serve_troubles(server) -> dict[str, str]:
    """Sources that must fail, each with the code it must fail with."""
    server.route("/broken.xml", "internal error", status=500, content_type="text/plain")
    server.route("/slow.xml", "<rss version='2.0'/>", delay=3.0, content_type="application/rss+xml")
    server.route("/malformed.xml", "<rss version='2.0'><channel><item><title>cut off",
                 content_type="application/rss+xml")
    server.route("/bomb.xml", BOMB, content_type="application/xml")
    server.route("/huge.html", b"<html><body><p>" + b"filler " * 60_000 + b"</p></body></html>")
    server.route("/to-metadata", status=302, location="http://169.254.169.254/latest/meta-data/iam/")
    server.route("/private/leak.html", "<html><body>not for crawlers</body></html>")
    return {"/broken.xml": "E408", "/slow.xml": "E408", "/malformed.xml": "E410", "/bomb.xml": "E411",
            "/huge.html": "E405", "/to-metadata": "E402", "/private/leak.html": "E404"}


@pytest.mark.slow
def test_monitor_ingests_refuses_and_alerts_once(server, db, tmp_path, sample_gazetteer, only_loopback) -> None:
    serve_story(server)
    expected_errors = serve_troubles(server)
    server.route("/to-private", status=302, location="http://10.0.0.1/internal/")
    server.route("/hook", "ok", content_type="text/plain")
    alerts_file = tmp_path / "alerts.jsonl"
    clock = Clock()
    with Store(db) as store:
        watch = api.add_watch(store, CLAIM, sample_gazetteer)
        state = MonitorState(store)
        wire = state.add_source(server.url("/wire.xml"), name="Daily Digest", every=600, allow_private=True)
        troubles = {path: state.add_source(server.url(path), every=600, allow_private=True)["id"]
                    for path in expected_errors}
        # Added without --allow-private: reachable only because this test opens 127.0.0.1/32 for the monitor.
        private_redirect = state.add_source(server.url("/to-private"), every=600)["id"]
        echoed: list[str] = []
        sinks = [LogSink(echoed.append), FileSink(alerts_file), WebhookSink(server.url("/hook"), "s3cret")]
        config = MonitorConfig(policy=POLICY, allowed_networks=(ip_network("127.0.0.1/32"),))
        monitor = Monitor(store, gazetteer=sample_gazetteer, sinks=sinks, config=config, clock=clock)

        # Poll 1: the accusation, the denial and the think tank's report; every trouble refused or failed.
        first = monitor.run(once=True)[-1]
        polls = {poll.url: poll for poll in first.polls}
        assert polls[wire["url"]].outcome == "ok"
        assert polls[wire["url"]].counts["ingested"] == 2
        for path, code in expected_errors.items():
            poll = polls[server.url(path)]
            assert poll.outcome == "failed", path
            assert poll.error.startswith(f"[{code}]"), (path, poll.error)
        refused = polls[server.url("/to-private")]
        assert refused.error.startswith("[E402]") and "10.0.0.1" in refused.error
        assert all(address[0] == "127.0.0.1" for address in only_loopback)
        assert server.hits("/private/leak.html") == []
        assert len(server.hits("/slow.xml")) == 2  # one retry, then given up until the next poll

        articles = {row["url"]: row for row in api.list_articles(store)}
        assert set(articles) == {server.url("/a/meridian.txt"), server.url("/a/hallik.html")}
        assert articles[server.url("/a/meridian.txt")]["outlet"] == "Meridian Wire"  # the <source>, not the digest
        assert not any(row["outlet"] == "Daily Digest" for row in articles.values())
        first_alerts = state.alerts()
        # The think tank's satellite imagery (Harbor Post) backs the accusation from another origin and country:
        # corroborated, which beats the Citadel's denial (docs/grading.md).
        assert [a["payload"]["change"]["to"] for a in first_alerts if a["kind"] == "status"] == ["corroborated"]
        assert any(a["kind"] == "voice" and a["payload"]["change"]["act"] == "denies" for a in first_alerts)

        status = {row["id"]: row for row in state.sources()}
        assert status[wire["id"]]["last_success"] == clock.now and status[wire["id"]]["last_error"] is None
        for source_id in [*troubles.values(), private_redirect]:
            row = status[source_id]
            assert row["last_success"] is None and row["failures"] == 1 and row["last_error"].startswith("[E4")
            assert row["next_due"] > clock.now  # retried later, not in a hot loop

        # Poll 2: the report is revised and the claim is officially confirmed.
        serve_story(server, revised=True, confirmed=True)
        clock.advance(601)
        second = monitor.run(once=True)[-1]
        wire_poll = next(poll for poll in second.polls if poll.url == wire["url"])
        assert (wire_poll.counts["ingested"], wire_poll.counts["revised"]) == (1, 1)
        revised = api.show_article(store, next(r["id"] for r in api.list_articles(store) if r["revision"] == 2))
        assert [r["revision"] for r in revised["revisions"]] == [1, 2]
        confirmations = [a for a in state.alerts() if a["kind"] == "status"
                         and a["payload"]["change"]["to"] == "officially confirmed"]
        assert len(confirmations) == 1
        confirmation = confirmations[0]["payload"]
        assert confirmation["change"]["from"] == "corroborated"
        assert confirmation["change"]["cause"]["speaker"] == "National Intelligence Bureau"
        assert confirmation["bottom_line"].startswith("It is almost certain")
        assert confirmation["key_judgments"]
        assert any(line.startswith("ALERT status") and "officially confirmed" in line for line in echoed)
        assert api.brief(store, watch["id"], sample_gazetteer)["status"] == "officially confirmed"

        # Poll 3: nothing changed. The feed costs a 304; no alert fires again.
        count, alerts_so_far = store.count_articles(), len(state.alerts())
        clock.advance(601)
        third = monitor.run(once=True)[-1]
        assert next(poll for poll in third.polls if poll.url == wire["url"]).outcome == "unchanged"
        assert server.hits("/wire.xml")[-1].headers.get("If-None-Match") == '"11"'
        assert third.alerts == []
        assert (store.count_articles(), len(state.alerts())) == (count, alerts_so_far)
        assert {row["id"]: row for row in state.sources()}[troubles["/broken.xml"]]["failures"] == 2
        monitor.fetcher.close()
        sinks[2].close()

    # A restart: nothing new, nothing twice.
    with Store(db) as store:
        state = MonitorState(store)
        restarted = Monitor(store, gazetteer=sample_gazetteer, sinks=[LogSink(), FileSink(alerts_file)],
                            config=MonitorConfig(policy=POLICY), clock=clock)
        clock.advance(601)
        cycles = restarted.run(once=True)
        restarted.fetcher.close()
        assert [alert for cycle in cycles for alert in cycle.alerts] == []
        assert (store.count_articles(), len(state.alerts())) == (count, alerts_so_far)
        stored = state.alerts()
        assert len({a["dedupe_key"] for a in stored}) == len(stored)
        assert all(info["state"] == "sent" for a in stored for info in a["deliveries"].values())
        assert state.pending_articles() == []

    lines = [json.loads(line) for line in alerts_file.read_text().splitlines()]
    assert sorted(line["id"] for line in lines) == sorted(a["id"] for a in stored)  # each alert delivered once
    posted = server.hits("/hook")
    assert len(posted) == len(stored)
    assert all(verify_signature("s3cret", request.body, request.headers["X-Claimwatch-Signature"])
               for request in posted)


def test_feed_items_record_the_real_publisher(server, store) -> None:
    """An aggregator's item credited "(Meridian)" is stored under Meridian Wire, not under the aggregator."""
    report = short_report(
        "Kalven reopens northern quay after storm", "KALVEN",
        ["The harbour authority of Kalven reopened the northern quay on Wednesday after a storm damaged two "
         "cranes last week, officials said.",
         "Shipping firms had diverted grain cargoes to neighbouring ports during the closure, and the authority "
         "said it expected the backlog to clear within ten days."],
        byline="Staff reporter",
    )
    server.route("/quay.txt", report, content_type="text/plain")
    server.route("/digest.xml", rss([{"title": "Kalven reopens northern quay", "link": server.url("/quay.txt"),
                                      "guid": "quay", "description": "KALVEN (Meridian) -- The harbour authority "
                                      "of Kalven reopened the northern quay on Wednesday."}], title="Daily Digest"),
                 content_type="application/rss+xml")
    MonitorState(store).add_source(server.url("/digest.xml"), name="Daily Digest", allow_private=True)
    monitor = Monitor(store, gazetteer=api.sample_gazetteer(),
                      config=MonitorConfig(policy=POLICY, with_statements=False))
    monitor.run(once=True)
    monitor.fetcher.close()
    (row,) = api.list_articles(store)
    assert (row["outlet"], row["title"]) == ("Meridian Wire", "Kalven reopens northern quay after storm")


def test_a_page_source_is_polled_conditionally_and_revisions_are_kept(server, store, make_story) -> None:
    byline = "By Petra Lindqvist | Harbor Post"
    server.route("/tariff.txt", make_story(byline=byline), content_type="text/plain", etag='"a"')
    state = MonitorState(store)
    source = state.add_source(server.url("/tariff.txt"), every=60, allow_private=True)
    clock = Clock()
    monitor = Monitor(store, gazetteer=api.sample_gazetteer(), clock=clock,
                      config=MonitorConfig(policy=POLICY, with_statements=False))
    assert monitor.run(once=True)[-1].polls[0].counts["ingested"] == 1
    assert state.source(source["id"])["kind"] == "page"
    clock.advance(61)
    assert monitor.run(once=True)[-1].polls[0].outcome == "unchanged"
    server.route("/tariff.txt", make_story(byline=byline, paragraphs=(
        "The harbour authority of Kalven said on Tuesday it would impose a new tariff on grain shipments.",
        "The tariff takes effect in May, the authority said in a correction to its earlier statement.",
    )), content_type="text/plain", etag='"b"')
    clock.advance(61)
    assert monitor.run(once=True)[-1].polls[0].counts["revised"] == 1
    clock.advance(30)
    assert monitor.run(once=True)[-1].polls == []  # not due yet
    monitor.fetcher.close()
    assert [r["revision"] for r in api.list_articles(store)] == [1, 2]
    row = state.source(source["id"])
    assert (row["polls"], row["ingested"], row["revised"], row["failures"]) == (3, 1, 1, 0)


def test_a_dead_host_backs_off_and_recovers(server, store) -> None:
    server.route("/flaky.xml", "down", status=503)
    state = MonitorState(store)
    source = state.add_source(server.url("/flaky.xml"), every=60, allow_private=True)
    clock = Clock()
    monitor = Monitor(store, gazetteer=api.sample_gazetteer(), clock=clock,
                      config=MonitorConfig(policy=POLICY, with_statements=False))
    delays = []
    for _ in range(3):
        monitor.run(once=True)
        row = state.source(source["id"])
        delays.append((row["next_due"] - clock.now).total_seconds())
        clock.now = row["next_due"]
    assert delays == [60, 120, 240]
    server.route("/flaky.xml", rss([]), content_type="application/rss+xml")
    monitor.run(once=True)
    monitor.fetcher.close()
    row = state.source(source["id"])
    assert (row["failures"], row["kind"]) == (0, "feed")
    assert row["last_error"].startswith("[E408]")  # kept for `claimwatch status`, with its time
    assert row["last_success"] > row["last_error_at"]
