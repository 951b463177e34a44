"""Statements of one article: attributions found, speakers resolved, venue and time read."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from claimwatch.gazetteer import Gazetteer, load_gazetteer
from claimwatch.nlp.views import doc_text, span_entities
from claimwatch.records import Article, SaidOn, Statement
from claimwatch.records import Span as TextSpan
from claimwatch.statements import lexicon
from claimwatch.statements.attribution import Attribution, find_attributions
from claimwatch.statements.quotes import Quote, find_quotes, quote_kind
from claimwatch.statements.speakers import SpeakerResolver
from claimwatch.statements.when import publication_day, resolve_phrase

_TELL_VERBS = ("tell", "inform", "brief")


def extract_statements(article: Article, doc: Doc, gazetteer: Gazetteer) -> list[Statement]:
    quotes = find_quotes(doc_text(doc))
    attributions = find_attributions(doc, quotes)
    resolver = SpeakerResolver(doc, gazetteer, home_country(article, gazetteer), article.outlet)
    reference = reference_day(article)
    sentence_index = {sentence.start: index for index, sentence in enumerate(doc.sents)}
    body_start = len(article.dateline_text or "")
    statements = []
    for attribution in attributions:
        content_start = max(attribution.content_start, body_start)
        if content_start >= attribution.content_end:
            continue
        statements.append(
            _statement(article, attribution, content_start, resolver, quotes, reference, sentence_index, doc)
        )
    return link_nested(inherit_dates(statements))


def inherit_dates(statements: list[Statement]) -> list[Statement]:
    """A follow-up line with no date of its own (""...," he added") was said when the line before it was."""
    result: list[Statement] = []
    for statement in statements:
        # The speaker's own line before, even when another statement sits between (one nested in it).
        previous = next(
            (earlier for earlier in reversed(result) if earlier.speaker.entity == statement.speaker.entity), None
        )
        if (
            previous is not None
            and statement.said_on is not None
            and statement.said_on.precision == "publication"
            and previous.said_on is not None
            and previous.said_on.precision != "publication"
            and previous.speaker.entity == statement.speaker.entity
            and statement.sentence_index - previous.sentence_index <= 2
        ):
            statement = replace(statement, said_on=previous.said_on)
        result.append(statement)
    return result


def statements_from_text(
    text: str, nlp: Language, doc: Doc | None = None, gazetteer: Gazetteer | None = None
) -> list[Statement]:
    """Statements of a bare text (no metadata): for evaluation on annotated corpora."""
    doc = doc if doc is not None else nlp(text)
    article = Article(id="text", source="text", format="text", body=text, paragraphs=(), raw=b"")
    return extract_statements(article, doc, gazetteer or _default_gazetteer())


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return load_gazetteer()


def _statement(
    article: Article,
    attribution: Attribution,
    content_start: int,
    resolver: SpeakerResolver,
    quotes: list[Quote],
    reference: date | None,
    sentence_index: dict[int, int],
    doc: Doc,
) -> Statement:
    text = doc_text(doc)
    content = TextSpan(content_start, attribution.content_end, text[content_start : attribution.content_end])
    speaker = resolver.resolve(attribution.source, attribution.source_head, attribution.outlet_voice)
    cue = TextSpan(attribution.cue.start_char, attribution.cue.end_char, attribution.cue.text)
    edges = [content.start, content.end, cue.start, cue.end]
    if speaker.mention:
        edges += [speaker.mention.start, speaker.mention.end]
    return Statement(
        id=statement_id(article.id, cue.start, content.start),
        article_id=article.id,
        sentence_index=sentence_index.get(attribution.sentence.start, 0),
        start=min(edges),
        end=max(edges),
        speaker=speaker,
        cue=cue,
        cue_lemma=attribution.cue_lemma,
        content=content,
        kind=_kind(attribution, content, quotes),
        voice="outlet" if attribution.outlet_voice else "source",
        venue=_venue(attribution, content),
        said_on=_said_on(attribution, content, reference),
    )


def statement_id(article_id: str, cue_start: int, content_start: int) -> str:
    return hashlib.sha256(f"{article_id}:{cue_start}:{content_start}".encode()).hexdigest()[:16]


def _kind(attribution: Attribution, content: TextSpan, quotes: list[Quote]) -> str:
    if attribution.rule == "act":
        return "reported_act"
    return quote_kind(content.start, content.end, quotes)


def _venue(attribution: Attribution, content: TextSpan) -> str | None:
    """Where it was said: "daily video message", "parliamentary hearing", "state-run TASS" (told to)."""
    cue = attribution.cue.root
    if cue.lemma_.lower() in _TELL_VERBS:
        for child in cue.children:
            if child.dep_ in ("dobj", "dative") and not (content.start <= child.idx < content.end):
                named = any(grand.dep_ == "appos" and grand.pos_ == "PROPN" for grand in child.children)
                if child.ent_type_ in ("ORG", "PERSON", "GPE") or child.pos_ == "PROPN" or named:
                    return _phrase(child)
    for token in attribution.sentence:
        if token.dep_ != "prep" or content.start <= token.idx < content.end:
            continue
        if token.lower_ not in ("in", "during", "at", "on", "via", "through"):
            continue
        objects = [child for child in token.children if child.dep_ == "pobj"]
        if objects and objects[0].lemma_.lower() in lexicon.VENUE_NOUNS:
            return _phrase(objects[0])
    return None


def _phrase(head: Token) -> str:
    """A noun phrase without its determiner, possessive or date words: "daily video message"."""
    words = [t for t in head.subtree if (t.dep_ not in ("det", "poss", "case") and not t.is_punct) or t.text == "-"]
    # Left modifiers stay ("daily video message"); what follows the head only if it names the venue.
    words = [
        t for t in words if t.i <= head.i or (t.ent_type_ != "DATE" and t.dep_ in ("prep", "pobj", "compound", "appos"))
    ]
    while words and (words[-1].pos_ == "ADP" or words[-1].text == "-"):
        words.pop()
    while words and words[0].text == "-":
        words.pop(0)
    return "".join(t.text_with_ws for t in words).strip()


def _said_on(attribution: Attribution, content: TextSpan, reference: date | None) -> SaidOn | None:
    if reference is None:
        return None
    cue = attribution.cue.root
    dates = [
        ent for ent in span_entities(attribution.sentence)
        if ent.label_ == "DATE" and not (content.start <= ent.start_char < content.end)
    ]
    for ent in sorted(dates, key=lambda ent: abs(ent.root.i - cue.i)):
        resolved = resolve_phrase(ent.text, reference)
        if resolved is not None:
            return resolved
    return publication_day(reference)


def reference_day(article: Article) -> date | None:
    for stamp in (article.published, article.updated):
        if stamp:
            try:
                return datetime.fromisoformat(stamp).date()
            except ValueError:
                try:
                    return date.fromisoformat(stamp[:10])
                except ValueError:
                    continue
    return None


def home_country(article: Article, gazetteer: Gazetteer) -> str | None:
    if not article.dateline:
        return None
    place = gazetteer.place(article.dateline)
    return gazetteer.alpha3(place.country) if place and place.country else None


def link_nested(statements: list[Statement]) -> list[Statement]:
    """A statement whose cue lies inside another's content is nested in it."""
    linked = []
    for statement in statements:
        parent = next(
            (
                other for other in statements
                if other.id != statement.id and statement.cue
                and other.content.start <= statement.cue.start < other.content.end
            ),
            None,
        )
        linked.append(replace(statement, parent_id=parent.id) if parent else statement)
    return linked


__all__ = [
    "extract_statements", "home_country", "inherit_dates", "link_nested", "reference_day", "statement_id",
    "statements_from_text",
]
