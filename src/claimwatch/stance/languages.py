"""Which pipeline finds and assesses the statements of an article: one per language.

``PIPELINES`` maps a language code (``article.language``, ISO 639-1 as the extract stage detects
it) to a function ``(article, gazetteer) -> (statements, assessments)`` giving the same records as
the English path (``records.Statement``, ``records.Assessment``). Each function imports its
language's modules when it first runs, so no model library (natasha, pymorphy3, ...) is imported at
CLI start, and those modules load their models once per process (``functools.lru_cache``).

English, an undetected language and any language without its own pipeline take the spaCy path
(``english``), as every article did before per-language pipelines existed.

A pipeline keeps the stage layout, one module per stage: ``nlp/<code>.py`` (tokens, sentences,
lemmas, names, a parse where one exists) -> ``statements/<code>.py`` (who said what, where and
when) -> ``stance/`` (act, certainty, condition). It lives here, in the last per-article stage,
because it runs both statements and stance (``statements`` may not import ``stance``).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language

from claimwatch.gazetteer import Gazetteer
from claimwatch.records import Article, Assessment, Statement

Analysis = tuple[list[Statement], list[Assessment]]
Pipeline = Callable[[Article, Gazetteer], Analysis]


def english(article: Article, gazetteer: Gazetteer, nlp: Language | None = None) -> Analysis:
    """The spaCy path: parse, attributions on the dependency tree, then stance."""
    from claimwatch.nlp import load_nlp
    from claimwatch.stance.assess import assess_statements
    from claimwatch.statements.extract import extract_statements

    parsed = (nlp or load_nlp())(article.body)
    found = extract_statements(article, parsed, gazetteer)
    return found, assess_statements(found, parsed, gazetteer)


def russian(article: Article, gazetteer: Gazetteer) -> Analysis:
    """natasha's UD parse -> attribution rules -> the shared Russian/Ukrainian stance rules."""
    from claimwatch.stance.slavic import assess
    from claimwatch.statements.ru import LANGUAGE, find_statements

    found, cue_acts, parsed = find_statements(article, gazetteer)
    return found, assess(found, LANGUAGE, cue_acts, parsed, gazetteer)


def ukrainian(article: Article, gazetteer: Gazetteer) -> Analysis:
    """tokenize-uk and pymorphy3 -> attribution patterns -> the shared Russian/Ukrainian stance rules."""
    from claimwatch.stance.slavic import assess
    from claimwatch.statements.uk import LANGUAGE, find_statements

    found, cue_acts, parsed = find_statements(article, gazetteer)
    return found, assess(found, LANGUAGE, cue_acts, parsed, gazetteer)


def korean(article: Article, gazetteer: Gazetteer) -> Analysis:
    """kiwipiepy's morphology -> quotative endings and particles -> Korean stance rules."""
    from claimwatch.stance.ko import analyse as analyse_korean

    return analyse_korean(article, gazetteer)


PIPELINES: dict[str, Pipeline] = {"ko": korean, "ru": russian, "uk": ukrainian}


def supported_languages() -> tuple[str, ...]:
    """Languages with a pipeline of their own (English included)."""
    return ("en", *sorted(PIPELINES))


def pipeline_for(language: str | None) -> Pipeline | None:
    """The registered pipeline of a language; None for the English path."""
    return PIPELINES.get(language or "")


def analyse(article: Article, gazetteer: Gazetteer, nlp: Language | None = None) -> Analysis:
    """Statements and assessments of one article, by the pipeline of its language.

    ``nlp`` is the spaCy pipeline the English path uses (loaded on demand when None).
    """
    pipeline = pipeline_for(article.language)
    if pipeline is None:
        return english(article, gazetteer, nlp)
    return pipeline(article, gazetteer)


__all__ = [
    "PIPELINES", "Analysis", "Pipeline", "analyse", "english", "korean", "pipeline_for", "russian",
    "supported_languages", "ukrainian",
]
