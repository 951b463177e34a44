"""The Store: duplicates, revisions, id prefixes, integrity, migrations, where the database is."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import delete, func, select, text

from claimwatch.errors import StoreError
from claimwatch.records import Article, Paragraph, article_id
from claimwatch.store import Store, database_url
from claimwatch.store.schema import paragraphs, sightings


def make_article(
    body: str = "Dockworkers at the southern harbour ended their strike on Tuesday.\n\nUnion leaders said pay rose.",
    **fields,
) -> Article:
    spans, position = [], 0
    for part in body.split("\n\n"):
        spans.append(Paragraph(position, position + len(part)))
        position += len(part) + 2
    defaults = {
        "source": "reports/strike.txt",
        "format": "text",
        "raw": body.encode(),
        "outlet": "Harbor Post",
        "title": "Dock strike ends",
        "authors": ("Mara Kessel",),
        "published": "2025-03-04T09:12:00+01:00",
        "timezone": "+01:00",
        "timezone_source": "given",
    }
    return Article(id=article_id(body), body=body, paragraphs=tuple(spans), **{**defaults, **fields})


def test_add_then_read_back_everything(store: Store) -> None:
    article = make_article(url="https://harbor-post.example/strike", agencies=("Meridian Wire",),
                           removed_lines=("Share this article",), dateline="KALVEN", dateline_text="KALVEN —")
    outcome = store.add_article(article, encoding="cp1251")
    assert (outcome.status, outcome.article_id, outcome.revision_of) == ("ingested", article.id, None)
    stored = store.get_article(article.id, with_raw=True)
    assert stored == article
    assert store.count_articles() == 1
    assert store.check_integrity() == []


def test_reingest_is_a_no_op_but_the_sighting_is_kept(store: Store) -> None:
    article = make_article()
    store.add_article(article)
    again = store.add_article(replace(article, source="mirror/strike.txt"))
    assert (again.status, again.article_id) == ("duplicate", article.id)
    assert store.count_articles() == 1
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(sightings)).scalar_one() == 2


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"url": "https://harbor-post.example/strike"}, {"url": "https://harbor-post.example/strike", "title": "New"}),
        ({"url": None}, {"url": None}),  # same outlet and title
        ({"url": "https://harbor-post.example/a"}, {"url": "https://harbor-post.example/b"}),  # outlet + title
    ],
    ids=["same-url", "same-outlet-title", "title-wins-over-different-url"],
)
def test_edited_text_is_a_revision(store: Store, first: dict, second: dict) -> None:
    original = make_article(**first)
    edited = make_article(original.body + " A correction was appended.", **second)
    store.add_article(original)
    outcome = store.add_article(edited)
    assert (outcome.status, outcome.revision_of) == ("revised", original.id)
    rows = {row["id"]: row for row in store.list_articles()}
    assert rows[edited.id]["revision"] == 2
    assert rows[edited.id]["revision_of"] == original.id
    assert [r["id"] for r in store.revisions(original.id)] == [original.id, edited.id]
    assert [r["id"] for r in store.revisions(edited.id)] == [original.id, edited.id]


def test_revision_chain_and_reingest_of_an_old_version(store: Store) -> None:
    versions = [make_article("Dockworkers ended their strike." + " More." * n) for n in range(3)]
    outcomes = [store.add_article(v) for v in versions]
    assert [o.status for o in outcomes] == ["ingested", "revised", "revised"]
    assert [o.revision_of for o in outcomes] == [None, versions[0].id, versions[1].id]
    assert [r["revision"] for r in store.revisions(versions[0].id)] == [1, 2, 3]
    assert store.add_article(versions[0]).status == "duplicate"
    assert store.count_articles() == 3


def test_different_article_is_not_a_revision(store: Store) -> None:
    store.add_article(make_article())
    other = make_article("Ferry fares will rise in April, the operator said.", title="Ferry fares rise")
    assert store.add_article(other).status == "ingested"
    no_metadata = make_article("A text with no outlet or title.", outlet=None, title=None)
    assert store.add_article(no_metadata).status == "ingested"


def test_id_prefixes(store: Store) -> None:
    article = make_article()
    store.add_article(article)
    assert store.resolve_id(article.id[:4]) == article.id
    with pytest.raises(StoreError) as caught:
        store.resolve_id("zz")
    assert "[E201]" in str(caught.value)
    with pytest.raises(StoreError):
        store.resolve_id("%")  # LIKE wildcards are escaped


def test_ambiguous_prefix(store: Store) -> None:
    bodies = [f"Story number {n} about the harbour." for n in range(40)]
    ids = [store.add_article(make_article(body, title=body)).article_id for body in bodies]
    first_char = ids[0][0]
    count = sum(i.startswith(first_char) for i in ids)
    if count < 2:
        pytest.skip("no two ids share a first character")  # cannot happen with 40 hex ids, but stay honest
    with pytest.raises(StoreError) as caught:
        store.resolve_id(first_char)
    assert f"matches {count} articles" in str(caught.value)


def test_list_is_ordered_by_utc_moment_then_undated(store: Store) -> None:
    later_in_utc = make_article("Seoul story.", title="a", published="2025-03-04T09:00:00+09:00")  # 00:00 UTC
    earlier_local = make_article("Kalven story.", title="b", published="2025-03-03T23:30:00-01:00")  # 00:30 UTC
    undated = make_article("Undated story.", title="c", published=None)
    bare_date = make_article("Bare date story.", title="d", published="2025-03-03")
    for article in (undated, earlier_local, later_in_utc, bare_date):
        store.add_article(article)
    assert [row["title"] for row in store.list_articles()] == ["d", "a", "b", "c"]


def test_check_integrity_finds_missing_parts(store: Store) -> None:
    article = make_article()
    store.add_article(article)
    with store.engine.begin() as conn:
        conn.execute(delete(paragraphs).where(paragraphs.c.article_id == article.id))
    assert store.check_integrity() == [f"{article.id}: no paragraphs"]


def newest_migration() -> str:
    config = Config()
    config.set_main_option("script_location", "claimwatch.store:migrations")
    return ScriptDirectory.from_config(config).get_current_head()


def test_migrations_are_idempotent(db_path: Path) -> None:
    with Store(str(db_path)) as store:
        store.add_article(make_article())
    for _ in range(2):
        with Store(str(db_path)) as store:
            assert store.count_articles() == 1
            with store.engine.connect() as conn:
                versions = conn.execute(text("select version_num from alembic_version")).scalars().all()
                assert versions == [newest_migration()]
                assert conn.execute(text("pragma journal_mode")).scalar_one() == "wal"


def test_unopenable_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store(str(tmp_path / "no" / "such" / "folder" / "x.db"))
    assert "[E203]" in str(caught.value)


@pytest.mark.parametrize(
    ("given", "env", "expected"),
    [
        ("here.db", None, "sqlite:///{tmp}/here.db"),
        (None, "{tmp}/env.db", "sqlite:///{tmp}/env.db"),
        ("here.db", "{tmp}/env.db", "sqlite:///{tmp}/here.db"),  # --db wins over the variable
        (None, None, "sqlite:///{tmp}/claimwatch.db"),
        ("postgresql://user@dbhost/claims", None, "postgresql://user@dbhost/claims"),
    ],
)
def test_database_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str | None, env: str | None, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    tmp = tmp_path.resolve()
    if env:
        monkeypatch.setenv("CLAIMWATCH_DB", env.format(tmp=tmp))
    assert database_url(given) == expected.format(tmp=tmp)


def test_change_stamp_moves_with_every_commit_and_only_then(store: Store) -> None:
    """What the desk's cache keys on (SQLite: the files; PostgreSQL: the transaction snapshot)."""
    before = store.change_stamp()
    assert before is not None
    store.list_articles()  # reads change nothing
    assert store.change_stamp() == before
    store.add_article(make_article())
    after = store.change_stamp()
    assert after != before
    store.add_article(make_article("Ferry fares will rise in April, the operator said.", title="Ferry fares rise"))
    assert store.change_stamp() not in (before, after)
