"""Table definitions (SQLAlchemy Core). Migrations in ``migrations/versions`` create them."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("source", Text, nullable=False),
    Column("format", String(8), nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("authors", JSON, nullable=False),
    Column("published", String(40)),
    Column("published_utc", DateTime),
    Column("updated", String(40)),
    Column("updated_utc", DateTime),
    Column("timezone", String(64)),
    Column("timezone_inferred", Boolean, nullable=False),
    Column("timezone_source", String(16)),
    Column("dateline", Text),
    Column("dateline_text", Text),
    Column("agencies", JSON, nullable=False),
    Column("language", String(16)),
    Column("body", Text, nullable=False),
    Column("removed_lines", JSON, nullable=False),
    Column("revision_of", String(16), ForeignKey("articles.id")),
    Column("revision", Integer, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
    Index("ix_articles_url", "url"),
    Index("ix_articles_outlet_title", "outlet", "title"),
    Index("ix_articles_published_utc", "published_utc"),
    Index("ix_articles_outlet_published", "outlet", "published_utc"),
    Index("ix_articles_published_id", "published_utc", "id"),
)

article_raw = Table(
    "article_raw",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("encoding", String(32)),
    Column("raw", LargeBinary, nullable=False),
)

paragraphs = Table(
    "paragraphs",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

# Every time an article was seen, including re-ingests that stored nothing new.
sightings = Table(
    "sightings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("source", Text, nullable=False),
    Column("seen_at", DateTime, nullable=False),
    Index("ix_sightings_article", "article_id"),
)

# Canonical speakers across the store: one row per person, organisation, country or group.
entities = Table(
    "entities",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("key", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("country", String(3)),
    Column("role", Text),
    Column("affiliation", Text),
    Column("aliases", JSON, nullable=False),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("speaker", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_entity_id", String(16), ForeignKey("entities.id")),
    Column("speaker_entity", Text),
    Column("speaker_type", String(16)),
    Column("speaker_role", Text),
    Column("speaker_affiliation", Text),
    Column("speaker_country", String(3)),
    Column("resolved_from_start", Integer),
    Column("resolved_from_end", Integer),
    Column("cue", Text),
    Column("cue_lemma", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("content", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("voice", String(8), nullable=False),
    Column("venue", Text),
    Column("said_on", String(10)),
    Column("said_on_end", String(10)),
    Column("said_on_precision", String(12)),
    Column("said_on_phrase", Text),
    Column("parent_id", String(16)),
    Index("ix_statements_article", "article_id"),
    Index("ix_statements_entity", "speaker_entity_id"),
    Index("ix_statements_said_on", "said_on"),
    Index("ix_statements_speaker_country", "speaker_country"),
    Index("ix_statements_article_start", "article_id", "start", "id"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("key", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("predicate", Text, nullable=False),
    Column("actor", Text),
    Column("actor_code", String(3)),
    Column("recipient", Text),
    Column("recipient_code", String(3)),
    Column("created_at", DateTime, nullable=False),
    Index("ix_claims_predicate_actor", "predicate", "actor_code"),
)

assessments = Table(
    "assessments",
    metadata,
    Column("statement_id", String(16), ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True),
    Column("polarity", String(8), nullable=False),
    Column("certainty", String(24), nullable=False),
    Column("probability", Float),
    Column("certainty_cue", Text),
    Column("conditional", Boolean, nullable=False),
    Column("condition", Text),
    Column("evidential", String(24)),
    Column("act", String(24), nullable=False),
    Column("plover", Text),
    Column("claim_id", String(16), ForeignKey("claims.id")),
    Index("ix_assessments_claim", "claim_id"),
    Index("ix_assessments_act_certainty", "act", "certainty"),
)

# Stories: reports grouped incrementally (see stories/assign.py).
stories = Table(
    "stories",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("title", Text, nullable=False),
    Column("first_seen", DateTime),
    Column("last_seen", DateTime),
    Column("size", Integer, nullable=False),
    Column("centroid", JSON, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("languages", JSON, nullable=True),  # its members' languages (stories/assign.py); None before 0008
    Column("meaning", JSON, nullable=True),  # the mean of its members' meaning vectors (stories/meaning.py)
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String(16), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("score", Float),
    Column("joined_at", DateTime, nullable=False),
    Index("ix_story_articles_story", "story_id"),
)

# What similarity and independence need of each article, computed once at ingest.
article_features = Table(
    "article_features",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("terms", JSON, nullable=False),
    Column("minhash", JSON, nullable=False),
    Column("quotes", JSON, nullable=False),
    Column("meaning", JSON, nullable=True),  # title-and-lead vector (stories/meaning.py); None before 0008
)

# Each story's salient terms (its centroid's strongest), so a new article is compared only with the
# stories that share one of its own salient terms, not with every story in the time window.
story_terms = Table(
    "story_terms",
    metadata,
    Column("view", String(8), primary_key=True),
    Column("term", Text, primary_key=True),
    Column("story_id", String(16), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_story_terms_story", "story_id"),
)

# How many articles contain each term, per view; the row (view "all", term "") counts the articles.
term_frequencies = Table(
    "term_frequencies",
    metadata,
    Column("view", String(8), primary_key=True),
    Column("term", Text, primary_key=True),
    Column("documents", Integer, nullable=False),
)

watches = Table(
    "watches",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("text", Text, nullable=False),
    Column("claim_key", Text),
    Column("predicate", Text),
    Column("actor_code", String(3)),
    Column("actor", Text),
    Column("recipient_code", String(3)),
    Column("created_at", DateTime, nullable=False),
)

# Articles stored but not yet settled (placed in a story, linked to every watch): the row is written in the
# article's own transaction and deleted when settling ends, so a run killed in between is finished by the next.
pending_articles = Table(
    "pending_articles",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)

watch_reports = Table(
    "watch_reports",
    metadata,
    Column("watch_id", String(16), ForeignKey("watches.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("stance", String(12), nullable=False),
    Column("probability", Float, nullable=False),
)

# Monitoring (claimwatch.monitor): polled sources, the items seen in them, alerts, watch snapshots.
# A source is also an entry of the source registry: its reliability grades the outlet of its name.
sources = Table(
    "sources",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("name", Text),
    Column("kind", String(8), nullable=False),  # auto | feed | sitemap | page
    Column("every", Integer, nullable=False),  # seconds between polls
    Column("reliability", String(1)),  # Admiralty A-F
    Column("allow_private", Boolean, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_poll", DateTime),
    Column("last_success", DateTime),
    Column("last_error", Text),
    Column("last_error_at", DateTime),
    Column("failures", Integer, nullable=False),  # consecutive failed polls (backoff)
    Column("polls", Integer, nullable=False),
    Column("items", Integer, nullable=False),  # items taken in (new or revised articles, duplicates)
    Column("ingested", Integer, nullable=False),
    Column("revised", Integer, nullable=False),
    Column("failed", Integer, nullable=False),  # items that could not be fetched or read
    Column("next_due", DateTime),
    Column("created_at", DateTime, nullable=False),
)

seen_items = Table(
    "seen_items",
    metadata,
    Column("source_id", String(16), ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
    Column("item_key", Text, primary_key=True),
    Column("url", Text),
    Column("marker", Text),  # changes when the feed revises the item
    Column("content_hash", String(64)),  # of the fetched page: unchanged pages are not ingested again
    Column("article_id", String(16)),
    Column("status", String(12), nullable=False),  # ingested | revised | duplicate | failed | refused
    Column("error", Text),
    Column("pending", Boolean, nullable=False),  # stored, but stories, watch links and alerts not yet settled
    Column("first_seen", DateTime, nullable=False),
    Column("last_seen", DateTime, nullable=False),
    Index("ix_seen_items_pending", "pending"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("watch_id", String(16), nullable=False),  # no foreign key: alerts outlive a removed watch
    Column("kind", String(16), nullable=False),  # status | origin | voice
    Column("dedupe_key", Text, nullable=False, unique=True),
    Column("payload", JSON, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("deliveries", JSON, nullable=False),  # sink -> {"state": pending|sent|failed, "attempts", "error", "at"}
    Index("ix_alerts_watch", "watch_id"),
    Index("ix_alerts_created", "created_at"),
)

# What each watch's brief looked like when alerts were last decided: the "before" of the next poll.
watch_snapshots = Table(
    "watch_snapshots",
    metadata,
    Column("watch_id", String(16), ForeignKey("watches.id", ondelete="CASCADE"), primary_key=True),
    Column("state", JSON, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
