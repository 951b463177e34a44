"""``claimwatch serve``: the desk under uvicorn, loopback-only unless an access token guards it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from claimwatch.errors import ClaimwatchError, Errors
from claimwatch.ingest.sources import DEFAULT_MAX_BYTES
from claimwatch.store import database_url
from claimwatch.web.security import is_loopback


def check_bind(host: str, token: str | None) -> None:
    """Anyone who can reach a non-loopback address could read the store: that needs a token."""
    if not token and not is_loopback(host):
        raise ClaimwatchError(Errors.E507.format(host=host))


def serve(
    db: str | None,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    *,
    gazetteers: Sequence[Path] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    allowed_hosts: Sequence[str] = (),
    ssl_certfile: Path | None = None,
    ssl_keyfile: Path | None = None,
) -> None:
    """Serve until stopped. With a certificate and key it serves HTTPS, and the session cookie is Secure."""
    import uvicorn

    from claimwatch.web.app import create_app  # FastAPI: loaded only when serving (check_bind needs none)

    check_bind(host, token)
    app = create_app(
        database_url(db), token, gazetteers=gazetteers, max_upload_bytes=max_bytes, allowed_hosts=allowed_hosts
    )
    scheme = "https" if ssl_certfile else "http"
    print(f"claimwatch desk on {scheme}://{host}:{port}/ ({'token required' if token else 'read-only'})", flush=True)
    uvicorn.run(
        app, host=host, port=port, server_header=False, proxy_headers=False, log_level="warning",
        ssl_certfile=str(ssl_certfile) if ssl_certfile else None, ssl_keyfile=str(ssl_keyfile) if ssl_keyfile else None,
    )
