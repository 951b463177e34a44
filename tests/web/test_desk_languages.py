"""A Korean report on the desk: its text as written, the language marked in the reader and in statement rows."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from claimwatch import api
from claimwatch.eval.dev_statements import dev_document, load_dev_set
from claimwatch.store import Store
from claimwatch.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx versions
    from fastapi.testclient import TestClient

KOREAN_DEV_SET = Path(__file__).parents[1] / "data" / "ko" / "ko_dev.toml"


@pytest.fixture(scope="module")
def korean_desk(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("desk-ko") / "ko.db"
    with Store(str(path)) as store:
        report = api.ingest_documents(
            store, [dev_document(load_dev_set(KOREAN_DEV_SET)[0])], gazetteer=api.sample_gazetteer()
        )
    (article_id,) = report.new_article_ids
    app = create_app(str(path), None, gazetteers=[api.sample_gazetteer_path()])
    return TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False), article_id


def test_reader_marks_the_language(korean_desk) -> None:
    client, article_id = korean_desk
    page = client.get(f"/articles/{article_id}").text
    assert 'id="article-body" lang="ko"' in page
    assert '<span class="badge lang"' in page


def test_statement_rows_keep_the_original_text_and_language(korean_desk) -> None:
    client, article_id = korean_desk
    rows = client.get(f"/api/statements?article={article_id}").json()["items"]
    assert rows and {row["language"] for row in rows} == {"ko"}
    varin = next(row for row in rows if row["speaker_entity"] == "Oleg Varin")
    page = client.get(f"/entities/{varin['speaker_entity_id']}").text
    assert 'lang="ko"' in page and "완전한 날조" in page
