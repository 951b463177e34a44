"""The analyst's desk: a REST API and server-rendered pages over the store (``claimwatch serve``)."""

from claimwatch.web.app import create_app

__all__ = ["create_app"]
