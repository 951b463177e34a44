"""What the web desk's routes share: the ``Desk`` (store, gazetteer, access, templates, cache) and its dependency.

The routers (``rest``, ``pages``) import this module; the app imports the routers, never the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from claimwatch import api
from claimwatch.gazetteer import Gazetteer
from claimwatch.ingest.sources import DEFAULT_MAX_BYTES
from claimwatch.store import Store
from claimwatch.store.search import MARK_END, MARK_START
from claimwatch.web import queries
from claimwatch.web.security import Access

CACHE_SIZE = 256


@dataclass
class Desk:
    """What every route of one app shares."""

    store: Store
    gazetteer: Gazetteer
    access: Access
    templates: Environment
    max_upload_bytes: int = DEFAULT_MAX_BYTES
    sources: list[str] | None = None
    cache: dict = field(default_factory=dict)

    def cached(self, key: tuple, compute):
        """``compute()``, remembered until the store changes (``Store.change_stamp``; without one, no caching)."""
        stamp = self.store.change_stamp()
        if stamp is None:
            return compute()
        if self.cache.get("stamp") != stamp or len(self.cache) > CACHE_SIZE:
            self.cache.clear()
            self.cache["stamp"] = stamp
        value = self.cache.get(key)  # one read: another request thread may clear the cache meanwhile
        if value is None:
            value = compute()
            self.cache[key] = value
        return value


def get_desk(request: Request) -> Desk:
    return request.app.state.desk


DeskDep = Annotated[Desk, Depends(get_desk)]


def cached_brief(desk: Desk, target: str) -> dict:
    """The brief for a story or watch id, computed again only after the store changed."""
    return desk.cached(("brief", target), lambda: api.brief(desk.store, target, desk.gazetteer, desk.sources))


def cached_stories(desk: Desk, limit: int, offset: int) -> dict:
    """A page of story summaries (the home page's and ``/api/stories``), computed again only after the store changed."""

    def page() -> dict:
        return queries.stories_page(desk.store, desk.gazetteer, limit, offset)

    return desk.cached(("stories", limit, offset), page)


def template_environment() -> Environment:
    environment = Environment(loader=PackageLoader("claimwatch.web", "templates"), autoescape=True)
    environment.filters["q"] = lambda value: quote(str(value), safe="")
    environment.filters["marks"] = marks
    return environment


def marks(snippet: str) -> Markup:
    """A search snippet escaped, its match marks (see store/search.py) turned into ``<mark>``."""
    return escape(snippet).replace(MARK_START, Markup("<mark>")).replace(MARK_END, Markup("</mark>"))
