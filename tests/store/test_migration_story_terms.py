"""Revision 0007 indexes the stories a store already holds, so they stay candidates for new articles."""

from __future__ import annotations

from datetime import datetime

from alembic import command
from sqlalchemy import create_engine, select

from claimwatch.store import story_rows
from claimwatch.store.schema import stories, story_terms
from claimwatch.store.store import _alembic_config, migrate


def test_existing_stories_get_their_strongest_centroid_terms(tmp_path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0006")
        conn.execute(stories.insert().values(
            id="s1", title="Troops at the border", size=1, created_at=datetime(2025, 3, 3),
            centroid={"words": {f"w{i:02d}": 1.0 - i / 100 for i in range(60)}, "names": {"Dravik": 0.9}},
        ))
    migrate(engine)
    with engine.connect() as conn:
        assert story_rows.count_documents(conn) == 0  # the counter row exists from the start
        rows = conn.execute(select(story_terms.c.view, story_terms.c.term).where(story_terms.c.story_id == "s1")).all()
    words = sorted(term for view, term in rows if view == "words")
    assert words == [f"w{i:02d}" for i in range(40)]  # the 40 strongest
    assert ("names", "Dravik") in rows
    engine.dispose()
