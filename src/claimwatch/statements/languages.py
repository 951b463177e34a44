"""Which pipeline finds and assesses the statements of an article: one per language.

The registry maps a language code (``article.language``, ISO 639-1 as detected by the extract
stage) to ``"module:function"``; the function takes ``(article, gazetteer)`` and returns
``(statements, assessments)`` with the same records as the English path (``records.Statement``,
``records.Assessment``). A language's module is imported only when the first article in that
language arrives, so no model library (natasha, pymorphy3, ...) is imported at CLI start, and
each module loads its models once per process (``functools.lru_cache``).

English, an undetected language and any language without its own pipeline take the spaCy
path (``english``), as every article did before per-language pipelines existed.

Each non-English pipeline keeps the stage layout of the English one, one module per stage:
``nlp/<code>.py`` (tokens, sentences, lemmas, names, a parse where one exists),
``statements/<code>.py`` (who said what, where and when) and the shared ``stance`` rules.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from spacy.language import Language

from claimwatch.gazetteer import Gazetteer
from claimwatch.records import Article, Assessment, Statement

Analysis = tuple[list[Statement], list[Assessment]]
Pipeline = Callable[[Article, Gazetteer], Analysis]

PIPELINES: dict[str, str] = {
    "ko": "claimwatch.stance.ko:analyse",
    "ru": "claimwatch.statements.ru:analyse",
    "uk": "claimwatch.statements.uk:analyse",
}


def english(article: Article, gazetteer: Gazetteer, nlp: Language | None = None) -> Analysis:
    """The spaCy path: parse, attributions on the dependency tree, then stance."""
    from claimwatch.nlp import load_nlp
    from claimwatch.stance.assess import assess_statements
    from claimwatch.statements.extract import extract_statements

    parsed = (nlp or load_nlp())(article.body)
    found = extract_statements(article, parsed, gazetteer)
    return found, assess_statements(found, parsed, gazetteer)


def supported_languages() -> tuple[str, ...]:
    """Languages with a pipeline of their own (English included)."""
    return ("en", *sorted(PIPELINES))


def pipeline_for(language: str | None) -> Pipeline | None:
    """The registered pipeline of a language (its module imported on first use); None for the English path."""
    target = PIPELINES.get(language or "")
    if target is None:
        return None
    module, _, function = target.partition(":")
    return getattr(import_module(module), function)


def analyse(article: Article, gazetteer: Gazetteer, nlp: Language | None = None) -> Analysis:
    """Statements and assessments of one article, by the pipeline of its language.

    ``nlp`` is the spaCy pipeline the English path uses (loaded on demand when None).
    """
    pipeline = pipeline_for(article.language)
    if pipeline is None:
        return english(article, gazetteer, nlp)
    return pipeline(article, gazetteer)


__all__ = ["PIPELINES", "Analysis", "Pipeline", "analyse", "english", "pipeline_for", "supported_languages"]
