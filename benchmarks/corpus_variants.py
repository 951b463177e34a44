"""A large store from the bundled sample story: the same reports with other names, places and dates.

The sample's 16 articles go through the real pipeline once (extract, nlp, statements, stance);
each variant then rewrites every person and place name with an invented one of the same length
(so every character offset stays valid), shifts every date, and is written through
``Store.add_article`` like an ingest, then ``stories.assign.assign_stories`` groups the reports.
Variants are spaced further apart than the stories' time window, so each becomes its own story.

    python benchmarks/corpus_variants.py --db /tmp/claimwatch-10k.db --articles 10000
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import random
import re
import time
import tomllib
from datetime import date, datetime, timedelta

from claimwatch import api
from claimwatch.ingest import decode_input, expand_inputs, read_item
from claimwatch.ingest.sources import DEFAULT_MAX_BYTES
from claimwatch.nlp import load_nlp
from claimwatch.pipeline import process_documents
from claimwatch.records import Assessment, ProcessedArticle, Span, Statement
from claimwatch.store import Store
from claimwatch.stories.assign import TIME_WINDOW, assign_stories
from claimwatch.stories.features import article_features

TITLES = {"President", "Colonel", "Col", "Foreign", "Minister", "Deputy", "The", "Republic", "Grand", "Assembly"}
SUFFIXES = r"(?=(?:n|ns|ian|ians)?\b)"
CONSONANTS = "bdfgklmnprstvz"
VOWELS = "aeiou"
VARIANT_SPACING = TIME_WINDOW + timedelta(days=20)  # the sample spans 14 days


def process_sample() -> list[ProcessedArticle]:
    """The sample's articles through every per-article stage, in file order (revisions after originals)."""
    items, _, _ = expand_inputs([str(api.sample_corpus_path())])
    documents = [
        document for item in items for document in decode_input(item.source, read_item(item, DEFAULT_MAX_BYTES, None))
    ]
    return process_documents(documents, api.sample_gazetteer(), load_nlp())


def sample_names() -> list[str]:
    """Capitalised words naming the sample's people and places, longest first."""
    data = tomllib.loads(api.sample_gazetteer_path().read_text(encoding="utf-8"))
    phrases = []
    for person in data.get("person", []):
        phrases += [person["name"], *person.get("aliases", [])]
    for country in data.get("country", []):
        phrases += [country["name"], country.get("capital", ""), *country.get("seats", [])]
    phrases += [place["name"] for place in data.get("place", [])]
    words = {w for phrase in phrases for w in re.findall(r"[A-Z][a-z]{2,}", phrase) if w not in TITLES}
    return sorted(words, key=lambda w: (-len(w), w))


class Renamer:
    """One variant's substitutions: every sample name -> an invented word of the same length."""

    def __init__(self, names: list[str], rng: random.Random) -> None:
        self.mapping = {name: invented_word(name, rng) for name in names}
        alternatives = "|".join(re.escape(name) for name in names)
        self.pattern = re.compile(rf"\b(?:{alternatives}){SUFFIXES}")

    def __call__(self, text: str | None) -> str | None:
        if not text:
            return text
        return self.pattern.sub(lambda m: self.mapping[m.group(0)], text)


def invented_word(name: str, rng: random.Random) -> str:
    """Vowel for vowel, consonant for consonant, so "Kestria" + "n" still reads as a demonym."""
    letters = [rng.choice(VOWELS if char in "aeiouAEIOU" else CONSONANTS) for char in name]
    return "".join(letters).capitalize()


def shift_iso(value: str | None, days: timedelta) -> str | None:
    """A date or timestamp string moved by ``days`` (YYYY-MM-DD, YYYY-MM, or ISO 8601 with offset)."""
    if not value:
        return value
    if len(value) == 4:
        return str(int(value) + round(days.days / 365.25))
    if len(value) == 7:
        return (date.fromisoformat(value + "-01") + days).isoformat()[:7]
    if len(value) == 10:
        return (date.fromisoformat(value) + days).isoformat()
    return (datetime.fromisoformat(value) + days).isoformat()


def new_id(*parts: str) -> str:
    return hashlib.sha256(":".join(parts).encode()).hexdigest()[:16]


def variant(processed: ProcessedArticle, rename: Renamer, days: timedelta, tag: str) -> ProcessedArticle:
    old = processed.article
    body = rename(old.body)
    article_id = new_id(tag, old.id)
    article = dataclasses.replace(
        old, id=article_id, body=body, raw=body.encode("utf-8"), title=rename(old.title), source=f"{tag}/{old.source}",
        url=f"{old.url}?variant={tag}" if old.url else None, published=shift_iso(old.published, days),
        updated=shift_iso(old.updated, days), authors=tuple(rename(a) for a in old.authors),
        dateline=rename(old.dateline), dateline_text=rename(old.dateline_text),
    )
    ids = {s.id: new_id(article_id, s.id) for s in processed.statements}
    statements = tuple(_statement(s, ids, article_id, rename, days) for s in processed.statements)
    assessments = tuple(_assessment(a, ids, rename) for a in processed.assessments)
    return ProcessedArticle(article, statements, assessments, processed.encoding, article_features(article))


def _span(span: Span | None, rename: Renamer) -> Span | None:
    return dataclasses.replace(span, text=rename(span.text)) if span else None


def _statement(s: Statement, ids: dict[str, str], article_id: str, rename: Renamer, days: timedelta) -> Statement:
    speaker = dataclasses.replace(
        s.speaker, mention=_span(s.speaker.mention, rename), entity=rename(s.speaker.entity),
        resolved_from=_span(s.speaker.resolved_from, rename), written_name=rename(s.speaker.written_name),
        affiliation=rename(s.speaker.affiliation), role=rename(s.speaker.role),
    )
    said_on = s.said_on and dataclasses.replace(
        s.said_on, start=shift_iso(s.said_on.start, days), end=shift_iso(s.said_on.end, days)
    )
    return dataclasses.replace(
        s, id=ids[s.id], article_id=article_id, speaker=speaker, content=_span(s.content, rename), said_on=said_on,
        parent_id=ids.get(s.parent_id) if s.parent_id else None,
    )


def _assessment(a: Assessment, ids: dict[str, str], rename: Renamer) -> Assessment:
    proposition = a.proposition and dataclasses.replace(
        a.proposition, actor=rename(a.proposition.actor), recipient=rename(a.proposition.recipient),
        text=rename(a.proposition.text),
    )
    return dataclasses.replace(a, statement_id=ids[a.statement_id], proposition=proposition)


def build(db: str, articles: int, seed: int = 6) -> dict:
    """Write ``articles`` variant articles into the store at ``db``; returns timings in seconds."""
    started = time.perf_counter()
    sample = process_sample()
    processed_at = time.perf_counter()
    names, rng = sample_names(), random.Random(seed)
    variants = -(-articles // len(sample))
    written = 0
    with Store(db) as store:
        for number in range(variants):
            rename = Renamer(names, rng)
            days = -VARIANT_SPACING * (variants - number)
            for item in sample[: articles - written]:
                done = variant(item, rename, days, f"v{number:05d}")
                found, assessed = list(done.statements), list(done.assessments)
                store.add_article(done.article, done.encoding, found, assessed, done.features.to_row(),
                                  api.settle_rows(store, found, assessed))
                written += 1
        stored_at = time.perf_counter()
        assign_stories(store)
    finished = time.perf_counter()
    return {
        "articles": written,
        "process_sample_s": round(processed_at - started, 1),
        "store_s": round(stored_at - processed_at, 1),
        "assign_stories_s": round(finished - stored_at, 1),
        "total_s": round(finished - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="SQLite file to create (must not hold another store)")
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    print(build(args.db, args.articles))


if __name__ == "__main__":
    main()
