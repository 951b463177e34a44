"""The per-language dispatch: which pipeline an article's language gets, and lazy model loading."""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimwatch.gazetteer import load_gazetteer
from claimwatch.records import Article
from claimwatch.stance import languages


@pytest.mark.parametrize(
    ("language", "pipeline"),
    [("ru", languages.russian), ("uk", languages.ukrainian), ("en", None), (None, None), ("de", None)],
)
def test_pipeline_for(language: str | None, pipeline) -> None:
    assert languages.pipeline_for(language) is pipeline


def test_supported_languages() -> None:
    assert {"en", "ru", "uk"} <= set(languages.supported_languages())


def test_no_model_library_at_cli_start() -> None:
    code = (
        "import sys, claimwatch.cli, claimwatch.api; "
        "print(sorted({'natasha', 'pymorphy3', 'tokenize_uk'} & set(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_analyse_dispatches_on_language() -> None:
    body = "Пресс-секретарь Цитадели Олег Варин заявил, что войска не покидали казарм."
    article = Article(id="a", source="t", format="text", body=body, paragraphs=(), raw=b"", language="ru")
    statements, assessments = languages.analyse(article, load_gazetteer())
    assert [s.cue.text for s in statements] == ["заявил"]
    assert len(assessments) == 1 and assessments[0].statement_id == statements[0].id
