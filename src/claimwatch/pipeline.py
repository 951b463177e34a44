"""The per-article stages over batches (extract -> nlp -> statements -> stance), in this process.

``process_documents`` is pure (the model and gazetteer are only read) and returns plain records
(``ProcessedArticle``, or the ``InputError`` of a document that failed), never spaCy ``Doc``s, so a
batch can run in another process or on a Dask worker (``workers.py``) and come back pickled. The
bodies of a batch are parsed together with ``nlp.pipe``.

A processor maps *units* (one input's documents: a file, a JSON Lines feed, a fetched page) through
the stages and yields them back in input order with their results; ``LocalProcessor`` runs them here,
``workers.DaskProcessor`` on a Dask cluster. The caller alone writes to the store. This module loads
spaCy: ``api`` imports it only when a command processes documents (``claimwatch --help`` stays fast).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from spacy.language import Language

from claimwatch.errors import Errors, InputError
from claimwatch.extract import extract_article
from claimwatch.gazetteer import Gazetteer
from claimwatch.nlp import MAX_PARSED_CHARS, MAX_TEXT_CHARS, PIECE_CHARS, load_nlp, parse_body
from claimwatch.records import Article, Assessment, ProcessedArticle, SourceDocument, Statement
from claimwatch.stance.assess import assess_statements
from claimwatch.stance.languages import pipeline_for
from claimwatch.statements import extract_statements
from claimwatch.stories.features import article_features

BATCH_SIZE = 16  # documents parsed together (nlp.pipe) and, on a cluster, sent as one task
Tag = TypeVar("Tag")
Result = ProcessedArticle | InputError
StatementsOrError = tuple[list[Statement], list[Assessment]] | InputError
Unit = tuple[Tag, Sequence[SourceDocument | InputError]]


def process_documents(
    documents: Sequence[SourceDocument | InputError],
    gazetteer: Gazetteer,
    nlp: Language | None,
    stored: Callable[[str], bool] | None = None,
) -> list[Result]:
    """Every per-article stage over a batch, results in input order; ``nlp=None`` skips the language stages,
    and so does ``stored(article_id)`` saying the text (its id is its content hash) is stored already: a
    duplicate is not parsed only to be dropped."""
    extracted: list[Result] = [_extract(document, gazetteer, nlp is not None) for document in documents]
    if nlp is None:
        return extracted
    processed = [
        item for item in extracted
        if isinstance(item, ProcessedArticle) and not (stored is not None and stored(item.article.id))
    ]
    found = statements_of([item.article for item in processed], gazetteer, nlp)
    done = {id(item): _with_statements(item, result) for item, result in zip(processed, found, strict=True)}
    return [done.get(id(item), item) for item in extracted]


# A short invented report; once through every stage, it makes them load what they load on first use.
WARM_UP_REPORT = (
    "KALVEN, March 4 - Dockworkers at the southern harbour ended their strike on Tuesday, the port authority "
    "said.\n\n\"We expect the first ships to sail by Friday,\" union leader Mara Kessel told reporters. The "
    "ministry denied reports that soldiers had been sent to the docks."
)


def warm_up(gazetteer: Gazetteer | None = None) -> None:
    """Every per-article stage once over ``WARM_UP_REPORT``, so that what the stages load on first use (the
    spaCy model, the sentence encoder, the GeoNames index, the language identifier: 7.3 s in all, measured
    in a fresh process) is loaded
    before real work. Each Dask worker does this as it starts; benchmarks do it before the clock."""
    document = SourceDocument(
        source="claimwatch:warm-up", format="text", content=WARM_UP_REPORT, raw=WARM_UP_REPORT.encode(),
        encoding="utf-8",
    )
    process_documents([document], gazetteer or Gazetteer(), load_nlp())


def _with_statements(item: ProcessedArticle, result: StatementsOrError) -> Result:
    if isinstance(result, InputError):
        return result
    statements, assessed = result
    return ProcessedArticle(item.article, tuple(statements), tuple(assessed), item.encoding, item.features)


def statements_of(articles: Sequence[Article], gazetteer: Gazetteer, nlp: Language) -> list[StatementsOrError]:
    """Each article's statements and their assessments, or the coded error of an article the statement
    stages failed on (a bug or a library's limit on one input must not end the batch). The article's
    language chooses the pipeline (``stance.languages``); English bodies are parsed together."""
    english = [article for article in articles if pipeline_for(article.language) is None]
    parsed = _parsed(nlp, [article.body for article in english])
    found: list[StatementsOrError] = []
    for article in articles:
        own_pipeline = pipeline_for(article.language)
        doc = next(parsed) if own_pipeline is None else None
        try:
            if own_pipeline is not None:
                found.append(own_pipeline(article, gazetteer))
                continue
            statements = extract_statements(article, doc, gazetteer)
            found.append((statements, assess_statements(statements, doc, gazetteer)))
        except Exception as exc:
            reason = f"{type(exc).__name__}: {next(iter(str(exc).splitlines()), '')}"[:300]
            found.append(InputError(article.source, Errors.E016.format(reason=reason)))
    return found


def _parsed(nlp: Language, bodies: list[str]) -> Iterator:
    """The bodies' docs in order: short ones through ``nlp.pipe``, long ones piece by piece (``parse_body``)."""
    piped = iter(nlp.pipe(body for body in bodies if len(body) <= PIECE_CHARS))
    for body in bodies:
        yield next(piped) if len(body) <= PIECE_CHARS else parse_body(nlp, body)


def _extract(document: SourceDocument | InputError, gazetteer: Gazetteer, parsing: bool) -> Result:
    if isinstance(document, InputError):
        return document
    try:
        if parsing and document.format == "text" and len(document.content) > MAX_TEXT_CHARS:
            raise InputError(document.source, Errors.E014.format(size=len(document.content), limit=MAX_PARSED_CHARS))
        article = extract_article(document, gazetteer)
        if parsing and len(article.body) > MAX_PARSED_CHARS:
            raise InputError(document.source, Errors.E014.format(size=len(article.body), limit=MAX_PARSED_CHARS))
    except InputError as error:
        return error
    except Exception as exc:
        reason = f"{type(exc).__name__}: {next(iter(str(exc).splitlines()), '')}"[:300]
        return InputError(document.source, Errors.E016.format(reason=reason))
    return ProcessedArticle(article, encoding=document.encoding, features=article_features(article))


def batches(units: Iterable[Unit], size: int) -> Iterator[list[Unit]]:
    """Consecutive units, grouped until a group holds ``size`` documents or more (a unit is never split)."""
    group: list[Unit] = []
    count = 0
    for unit in units:
        group.append(unit)
        count += len(unit[1])
        if count >= size:
            yield group
            group, count = [], 0
    if group:
        yield group


def flatten(group: list[Unit]) -> list[SourceDocument | InputError]:
    return [document for _, documents in group for document in documents]


def regroup(group: list[Unit], results: list[Result]) -> Iterator[tuple[Tag, list[Result]]]:
    """A batch's results handed back unit by unit."""
    start = 0
    for tag, documents in group:
        yield tag, results[start : start + len(documents)]
        start += len(documents)


class LocalProcessor:
    """The stages in this process, ``batch_size`` documents at a time (one model, loaded once per process)."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        with_statements: bool = True,
        batch_size: int = BATCH_SIZE,
        stored: Callable[[str], bool] | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.with_statements = with_statements
        self.batch_size = batch_size
        self.stored = stored

    def map(self, units: Iterable[Unit]) -> Iterator[tuple[Tag, list[Result]]]:
        nlp = load_nlp() if self.with_statements else None
        for group in batches(units, self.batch_size):
            yield from regroup(group, process_documents(flatten(group), self.gazetteer, nlp, self.stored))

    def close(self) -> None:
        """Nothing to release here (a ``DaskProcessor`` closes its cluster)."""
