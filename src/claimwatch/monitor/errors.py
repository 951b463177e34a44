"""The errors monitoring raises on purpose; their messages are coded in ``claimwatch.errors`` (E4xx)."""

from __future__ import annotations

from claimwatch.errors import ClaimwatchError


class MonitorError(ClaimwatchError):
    """A coded failure of a source, a fetch, a feed or a sink; ``message`` starts with ``[E4xx]``."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient  # worth retrying later (5xx, time-outs); not a refusal or a bad document


class FetchError(MonitorError):
    """A URL could not be fetched: refused (address, robots, size) or failed (HTTP, network)."""


class RefusedError(FetchError):
    """claimwatch would not fetch the URL: a private address, robots.txt, a scheme, a size cap."""


class DocumentError(MonitorError):
    """A fetched feed or sitemap cannot be read (malformed, an XML bomb)."""
