"""Fetching safely and politely, against the loopback server."""

from __future__ import annotations

import time
from ipaddress import ip_network

import pytest

from claimwatch.monitor.errors import FetchError, RefusedError
from claimwatch.monitor.fetch import USER_AGENT, Fetcher, FetchPolicy, RateLimiter, backoff_delay
from claimwatch.monitor.guard import AddressGuard

LOOPBACK_ONLY = AddressGuard(allowed_networks=(ip_network("127.0.0.1/32"),))
ARTICLE = "<html><head><title>Ferry fares</title></head><body><p>Fares rise in April.</p></body></html>"


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def fetcher(sleeps):
    policy = FetchPolicy(read_timeout=0.3, connect_timeout=1.0, retries=2, backoff=0.01, min_interval=0.0)
    with Fetcher(policy, sleep=sleeps.append) as opened:
        yield opened


def test_user_agent_and_body(server, fetcher) -> None:
    server.route("/a.html", ARTICLE)
    result = fetcher.fetch(server.url("/a.html"), guard=LOOPBACK_ONLY)
    assert result.content == ARTICLE.encode()
    assert result.content_type == "text/html"
    (request,) = server.hits("/a.html")
    assert request.headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("claimwatch/") and "(+https://github.com/claimwatch)" in USER_AGENT


def test_loopback_is_refused_without_allow_private(server, fetcher, only_loopback) -> None:
    server.route("/a.html", ARTICLE)
    with pytest.raises(RefusedError) as caught:
        fetcher.fetch(server.url("/a.html"))  # the default guard: public addresses only
    assert caught.value.code == "E402"
    assert only_loopback == []  # refused before any connection
    assert server.requests == []


def test_conditional_get_with_etag(server, fetcher) -> None:
    server.route("/feed.xml", "<rss/>", etag='"v1"')
    first = fetcher.fetch(server.url("/feed.xml"), guard=LOOPBACK_ONLY)
    assert first.etag == '"v1"' and not first.not_modified
    again = fetcher.fetch(server.url("/feed.xml"), guard=LOOPBACK_ONLY, etag=first.etag)
    assert again.not_modified and again.content == b""
    assert server.hits("/feed.xml")[-1].headers["If-None-Match"] == '"v1"'


def test_conditional_get_with_last_modified(server, fetcher) -> None:
    stamp = "Tue, 04 Mar 2025 08:31:00 GMT"
    server.route("/feed.xml", "<rss/>", headers={"Last-Modified": stamp})
    first = fetcher.fetch(server.url("/feed.xml"), guard=LOOPBACK_ONLY)
    assert first.last_modified == stamp
    fetcher.fetch(server.url("/feed.xml"), guard=LOOPBACK_ONLY, last_modified=first.last_modified)
    assert server.hits("/feed.xml")[-1].headers["If-Modified-Since"] == stamp


def test_5xx_is_retried_with_backoff_then_succeeds(server, fetcher, sleeps) -> None:
    server.route("/flaky.xml", "<rss/>", statuses=[503, 500])
    result = fetcher.fetch(server.url("/flaky.xml"), guard=LOOPBACK_ONLY)
    assert result.status == 200
    assert len(server.hits("/flaky.xml")) == 3
    assert sleeps == [0.01, 0.02]


def test_retries_are_bounded(server, fetcher, sleeps) -> None:
    server.route("/down.xml", "no", status=500)
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/down.xml"), guard=LOOPBACK_ONLY)
    assert caught.value.code == "E408" and caught.value.transient
    assert len(server.hits("/down.xml")) == 3  # one try and two retries
    assert len(sleeps) == 2


def test_4xx_is_not_retried(server, fetcher) -> None:
    server.route("/gone.html", "gone", status=410)
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/gone.html"), guard=LOOPBACK_ONLY)
    assert caught.value.code == "E407" and not caught.value.transient
    assert len(server.hits("/gone.html")) == 1


def test_a_slow_response_times_out_and_is_retried_a_bounded_number_of_times(server, fetcher) -> None:
    server.route("/slow.xml", "<rss/>", delay=3.0)
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url("/slow.xml"), guard=LOOPBACK_ONLY)
    assert caught.value.code == "E408" and "timed out" in caught.value.message
    assert len(server.hits("/slow.xml")) == 3
    assert time.monotonic() - started < 2.5


def test_redirects_are_followed_by_hand_and_limited(server, fetcher) -> None:
    server.route("/old", status=301, location="/new")
    server.route("/new", ARTICLE)
    result = fetcher.fetch(server.url("/old"), guard=LOOPBACK_ONLY)
    assert result.url == server.url("/new")
    assert result.redirects == (server.url("/old"),)
    for index in range(8):
        server.route(f"/loop{index}", status=302, location=f"/loop{index + 1}")
    with pytest.raises(RefusedError) as caught:
        fetcher.fetch(server.url("/loop0"), guard=LOOPBACK_ONLY)
    assert caught.value.code == "E406"
    assert len([r for r in server.requests if r.path.startswith("/loop")]) == 6  # the first and five redirects


@pytest.mark.parametrize("target", ["http://10.0.0.1/admin", "http://169.254.169.254/latest/meta-data/",
                                    "http://[fd00:ec2::254]/latest/", "http://127.0.0.2/"])
def test_a_redirect_to_a_private_address_is_refused_without_connecting(server, fetcher, only_loopback,
                                                                        target) -> None:
    """The first hop (127.0.0.1) is allowed for this test; the redirect's target is checked again."""
    server.route("/go", status=302, location=target)
    with pytest.raises(RefusedError) as caught:
        fetcher.fetch(server.url("/go"), guard=LOOPBACK_ONLY)
    assert caught.value.code == "E402"
    assert all(address[0] == "127.0.0.1" for address in only_loopback)


def test_metadata_redirect_is_refused_even_with_allow_private(server, fetcher, only_loopback) -> None:
    server.route("/go", status=302, location="http://169.254.169.254/latest/meta-data/")
    with pytest.raises(RefusedError, match="cloud metadata"):
        fetcher.fetch(server.url("/go"), guard=AddressGuard(allow_private=True))
    assert all(address[0] == "127.0.0.1" for address in only_loopback)


def test_redirect_to_another_scheme_is_refused(server, fetcher) -> None:
    server.route("/go", status=302, location="file:///etc/passwd")
    with pytest.raises(RefusedError) as caught:
        fetcher.fetch(server.url("/go"), guard=LOOPBACK_ONLY)
    assert caught.value.code == "E401"


def test_a_too_long_content_length_is_refused_before_reading(server, fetcher) -> None:
    server.route("/big.html", b"x" * 300_000)
    with pytest.raises(RefusedError) as caught:
        fetcher.fetch(server.url("/big.html"), guard=LOOPBACK_ONLY, max_bytes=100_000)
    assert caught.value.code == "E405"


def test_a_body_without_length_is_stopped_at_the_cap(server, fetcher) -> None:
    server.route("/endless.html", b"y" * 2_000_000, no_length=True)
    with pytest.raises(RefusedError) as caught:
        fetcher.fetch(server.url("/endless.html"), guard=LOOPBACK_ONLY, max_bytes=100_000)
    assert caught.value.code == "E405"


def test_robots_txt_is_honoured_and_cached(server, fetcher) -> None:
    server.route("/robots.txt", "User-agent: *\nDisallow: /private/\n\nUser-agent: claimwatch\nDisallow: /drafts/\n",
                 content_type="text/plain")
    server.route("/public.html", ARTICLE)
    server.route("/drafts/a.html", ARTICLE)
    assert fetcher.fetch(server.url("/public.html"), guard=LOOPBACK_ONLY).status == 200
    with pytest.raises(RefusedError) as caught:
        fetcher.fetch(server.url("/drafts/a.html"), guard=LOOPBACK_ONLY)
    assert caught.value.code == "E404"
    fetcher.fetch(server.url("/public.html"), guard=LOOPBACK_ONLY)
    assert len(server.hits("/robots.txt")) == 1
    assert server.hits("/drafts/a.html") == []


@pytest.mark.parametrize(
    ("robots", "path", "allowed"),
    [
        ("User-agent: *\nDisallow: /\nAllow: /news/\n", "/news/a.html", True),  # the longest match wins
        ("User-agent: *\nDisallow: /\nAllow: /news/\n", "/about.html", False),
        ("User-agent: *\nDisallow: /*.pdf$\n", "/files/report.pdf", False),
        ("User-agent: *\nDisallow: /*.pdf$\n", "/files/report.pdf.html", True),  # ``$`` anchors the end
        ("User-agent: *\nDisallow: /*/drafts/\n", "/2026/drafts/a.html", False),
        ("User-agent: *\nDisallow: /*/drafts/\n", "/2026/final/a.html", True),
        ("User-agent: other\nDisallow: /\n\nUser-agent: claimwatch\nAllow: /\n", "/a.html", True),
    ],
)
def test_robots_txt_rules_follow_rfc_9309(server, fetcher, robots: str, path: str, allowed: bool) -> None:
    server.route("/robots.txt", robots, content_type="text/plain")
    server.route(path, ARTICLE)
    if allowed:
        assert fetcher.fetch(server.url(path), guard=LOOPBACK_ONLY).status == 200
    else:
        with pytest.raises(RefusedError) as caught:
            fetcher.fetch(server.url(path), guard=LOOPBACK_ONLY)
        assert caught.value.code == "E404"
        assert server.hits(path) == []


def test_missing_robots_txt_allows_everything(server, fetcher) -> None:
    server.route("/a.html", ARTICLE)  # /robots.txt is a 404
    assert fetcher.fetch(server.url("/a.html"), guard=LOOPBACK_ONLY).status == 200


def test_unreachable_robots_txt_allows_nothing(server, fetcher) -> None:
    server.route("/robots.txt", "down", status=503)
    server.route("/a.html", ARTICLE)
    with pytest.raises(RefusedError) as caught:
        fetcher.fetch(server.url("/a.html"), guard=LOOPBACK_ONLY)
    assert caught.value.code == "E404"
    assert server.hits("/a.html") == []


def test_crawl_delay_spaces_requests_to_a_host(server, sleeps) -> None:
    server.route("/robots.txt", "User-agent: *\nCrawl-delay: 5\n", content_type="text/plain")
    server.route("/a.html", ARTICLE)
    clock = [1000.0]
    with Fetcher(FetchPolicy(min_interval=0.0), clock=lambda: clock[0], sleep=sleeps.append) as polite:
        polite.fetch(server.url("/a.html"), guard=LOOPBACK_ONLY)
        polite.fetch(server.url("/a.html"), guard=LOOPBACK_ONLY)
    assert sleeps == [5.0]


def test_rate_limiter_per_host() -> None:
    clock = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += seconds

    limiter = RateLimiter(2.0, clock=lambda: clock[0], sleep=sleep)
    limiter.wait("a.example")
    limiter.wait("b.example")  # another host: no wait
    clock[0] += 0.5
    limiter.wait("a.example")
    assert slept == [1.5]
    clock[0] += 10
    limiter.wait("a.example")
    assert slept == [1.5]


@pytest.mark.parametrize(("attempt", "retry_after", "expected"), [
    (0, None, 1.0), (1, None, 2.0), (2, None, 4.0), (10, None, 30.0), (0, "7", 7.0), (0, "3600", 30.0),
    (0, "not a date", 1.0),
])
def test_backoff_delays(attempt: int, retry_after: str | None, expected: float) -> None:
    assert backoff_delay(FetchPolicy(backoff=1.0, max_backoff=30.0), attempt, retry_after) == expected
