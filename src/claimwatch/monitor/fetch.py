"""Fetching safely and politely: the one HTTP client every monitored request goes through.

- connect and read time-outs, and a deadline for the whole body (a server that drips bytes);
- a size cap: a too-long Content-Length is refused before reading, a body is streamed and the
  download stopped as soon as it passes the cap (decoded bytes are counted, so gzip bombs stop too);
- redirects followed by hand, at most ``max_redirects``, each hop checked by the address guard
  and by robots.txt before it is requested;
- a descriptive User-Agent; robots.txt (RFC 9309, parsed by protego: longest match wins, ``*`` and ``$``)
  honoured, cached per host, its Crawl-delay used;
- a minimum interval between requests to one host;
- conditional GET (If-None-Match / If-Modified-Since): an unchanged feed costs one 304;
- retries with exponential backoff on 5xx, 429 and time-outs, bounded (Retry-After honoured up
  to the cap).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from claimwatch import __version__
from claimwatch.errors import Errors
from claimwatch.ingest.charset import header_charset
from claimwatch.monitor.backoff import doubling_delay
from claimwatch.monitor.errors import FetchError, RefusedError
from claimwatch.monitor.guard import AddressGuard, GuardedBackend, split_url

USER_AGENT = f"claimwatch/{__version__} (+https://github.com/claimwatch)"
ROBOTS_AGENT = "claimwatch"
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
RETRY_STATUSES = (429, 500, 502, 503, 504)
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: at least 500 KiB must be parsed
MAX_CRAWL_DELAY = 60.0


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 60.0  # the whole body, however slowly it drips
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2  # extra attempts after a 5xx, a 429 or a time-out
    backoff: float = 1.0  # seconds before the first retry, doubling each time
    max_backoff: float = 30.0
    min_interval: float = 1.0  # seconds between two requests to one host
    robots: bool = True
    robots_ttl: float = 3600.0
    robots_error_ttl: float = 600.0
    user_agent: str = USER_AGENT


def backoff_delay(policy: FetchPolicy, attempt: int, retry_after: str | None = None) -> float:
    """Seconds to wait before retry number ``attempt`` (0 for the first retry)."""
    delay = doubling_delay(policy.backoff, attempt, policy.max_backoff)
    if retry_after:
        delay = min(max(delay, _retry_after_seconds(retry_after)), policy.max_backoff)
    return delay


def _retry_after_seconds(value: str) -> float:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, moment.timestamp() - time.time())


@dataclass
class FetchResult:
    url: str  # the final URL, after redirects
    status: int
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    not_modified: bool = False
    redirects: tuple[str, ...] = ()

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The encoding the Content-Type header declares, if it names one Python knows."""
        return header_charset(self.headers.get("content-type"))


class RateLimiter:
    """At most one request per ``interval`` seconds to each host."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._next: dict[str, float] = {}

    def wait(self, host: str, interval: float | None = None) -> float:
        """Sleep until ``host`` may be asked again; returns the seconds slept."""
        gap = self.interval if interval is None else max(self.interval, interval)
        now = self.clock()
        ready = self._next.get(host, now)
        slept = 0.0
        if ready > now:
            slept = ready - now
            self.sleep(slept)
            now = ready
        self._next[host] = now + gap
        return slept


@dataclass
class _Robots:
    parser: Protego | None  # None: every path allowed
    deny_all: bool
    expires: float

    def allows(self, url: str, agent: str) -> bool:
        if self.deny_all:
            return False
        return self.parser is None or self.parser.can_fetch(url, agent)

    def crawl_delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        return min(float(delay), MAX_CRAWL_DELAY) if delay else None


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport whose connections go through ``GuardedBackend``."""

    def __init__(self, guard: AddressGuard, **options) -> None:
        super().__init__(**options)
        pool = self._pool
        if not hasattr(pool, "_network_backend"):  # pragma: no cover - guards an httpx/httpcore upgrade
            raise RuntimeError("httpcore's pool has no network backend to guard; check the pinned versions")
        pool._network_backend = GuardedBackend(guard)


class Fetcher:
    """The client: ``fetch(url, guard=...)`` returns a ``FetchResult`` or raises a coded ``FetchError``."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self.clock = clock
        self.sleep = sleep
        self.limiter = RateLimiter(self.policy.min_interval, clock, sleep)
        self._robots: dict[str, _Robots] = {}
        self._clients: dict[AddressGuard, httpx.Client] = {}
        self.requests = 0  # how many HTTP requests went out (robots.txt included)

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def client(self, guard: AddressGuard) -> httpx.Client:
        if guard not in self._clients:
            policy = self.policy
            timeout = httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout)
            self._clients[guard] = httpx.Client(
                transport=GuardedTransport(guard),
                timeout=timeout,
                follow_redirects=False,
                trust_env=False,  # no proxy from the environment: it would bypass the address guard
                headers={"User-Agent": policy.user_agent},
            )
        return self._clients[guard]

    # -- the public call ---------------------------------------------------------------
    def fetch(
        self,
        url: str,
        *,
        guard: AddressGuard | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        guard = guard or AddressGuard()
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, guard, headers, max_bytes or self.policy.max_bytes, check_robots=self.policy.robots)

    # -- internals ------------------------------------------------------------------------
    def _get(self, url: str, guard: AddressGuard, headers: dict, max_bytes: int, *, check_robots: bool) -> FetchResult:
        current = url
        hops: list[str] = []
        while True:
            guard.check_url(current)  # scheme and every resolved address, before each hop
            if check_robots:
                self._check_robots(current, guard)
            result = self._request(current, guard, headers, max_bytes)
            location = result.headers.get("location")
            if result.status in REDIRECT_STATUSES and location:
                hops.append(current)
                if len(hops) > self.policy.max_redirects:
                    raise RefusedError(Errors.E406.format(limit=self.policy.max_redirects, url=url))
                current = urljoin(current, location.strip())
                continue
            result.redirects = tuple(hops)
            if result.status == 304:
                result.not_modified = True
                return result
            if not 200 <= result.status < 300:
                raise FetchError(Errors.E407.format(url=current, status=result.status), transient=result.status >= 500)
            return result

    def _request(self, url: str, guard: AddressGuard, headers: dict, max_bytes: int) -> FetchResult:
        policy = self.policy
        host = split_url(url).hostname
        attempts = policy.retries + 1
        for attempt in range(attempts):
            self.limiter.wait(host, self._crawl_delay(url))
            self.requests += 1
            try:
                with self.client(guard).stream("GET", url, headers=headers) as response:
                    status = response.status_code
                    if status in RETRY_STATUSES:
                        if attempt + 1 < attempts:
                            self.sleep(backoff_delay(policy, attempt, response.headers.get("retry-after")))
                            continue
                        raise FetchError(
                            Errors.E408.format(url=url, attempts=attempts, reason=f"HTTP {status}"), transient=True
                        )
                    content = b""
                    if 200 <= status < 300:
                        content = self._read_capped(response, url, max_bytes)
                    return FetchResult(url=url, status=status, content=content,
                                       headers={k.lower(): v for k, v in response.headers.items()})
            except httpx.TimeoutException as exc:
                reason = f"timed out ({type(exc).__name__})"
            except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                reason = f"{type(exc).__name__}: {exc}"
            if attempt + 1 < attempts:
                self.sleep(backoff_delay(policy, attempt))
                continue
            raise FetchError(Errors.E408.format(url=url, attempts=attempts, reason=reason), transient=True)
        raise AssertionError("unreachable")  # pragma: no cover

    def _read_capped(self, response: httpx.Response, url: str, max_bytes: int) -> bytes:
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise RefusedError(Errors.E405.format(url=url, limit=max_bytes))
        deadline = self.clock() + self.policy.total_timeout
        chunks: list[bytes] = []
        total = 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > max_bytes:
                raise RefusedError(Errors.E405.format(url=url, limit=max_bytes))
            if self.clock() > deadline:
                reason = f"the body took over {self.policy.total_timeout:g} s"
                raise FetchError(Errors.E408.format(url=url, attempts=1, reason=reason), transient=True)
            chunks.append(chunk)
        return b"".join(chunks)

    # -- robots.txt ------------------------------------------------------------------------
    @staticmethod
    def _origin(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme.lower()}://{parts.netloc.lower()}"

    def _crawl_delay(self, url: str) -> float | None:
        robots = self._robots.get(self._origin(url))
        return robots.crawl_delay(ROBOTS_AGENT) if robots else None

    def _check_robots(self, url: str, guard: AddressGuard) -> None:
        origin = self._origin(url)
        robots = self._robots.get(origin)
        if robots is None or robots.expires < self.clock():
            robots = self._load_robots(origin, guard)
            self._robots[origin] = robots
        if not robots.allows(url, ROBOTS_AGENT):
            raise RefusedError(Errors.E404.format(host=urlsplit(url).netloc, url=url))

    def _load_robots(self, origin: str, guard: AddressGuard) -> _Robots:
        """RFC 9309: 2xx parsed; 4xx means no rules; 5xx or unreachable means nothing may be fetched."""
        now = self.clock()
        try:
            result = self._get(f"{origin}/robots.txt", guard, {}, ROBOTS_MAX_BYTES, check_robots=False)
        except RefusedError as exc:
            if exc.code == "E405":  # larger than the cap: RFC 9309 lets a crawler stop reading
                return _Robots(None, False, now + self.policy.robots_ttl)
            raise
        except FetchError as exc:
            if exc.code == "E407" and not exc.transient:  # a 4xx: "unavailable", every path allowed
                return _Robots(None, False, now + self.policy.robots_ttl)
            return _Robots(None, True, now + self.policy.robots_error_ttl)
        parser = Protego.parse(result.content.decode("utf-8", "replace"))
        return _Robots(parser, False, now + self.policy.robots_ttl)
