"""Body-extraction scoring (Zyte benchmark rules) on a tiny benchmark written here."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from claimwatch.errors import StoreError
from claimwatch.eval.extraction import evaluate_zyte, page_counts, score, shingles

STORY = (
    "The harbour authority of Kalven said on Tuesday it would consider a new tariff on grain shipments passing "
    "through the port, citing congestion at the northern quay. Shipping firms said the tariff would raise prices."
)


def test_shingles() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("a b") == {("a", "b"): 1}
    assert shingles("") == {}


@pytest.mark.parametrize(
    ("true", "predicted", "expected"),
    [
        (STORY, STORY, (1.0, 0.0, 0.0)),
        (STORY, "", (0.0, 0.0, 1.0)),
        ("", STORY, (0.0, 1.0, 0.0)),
        ("", "", (0.0, 0.0, 0.0)),
    ],
)
def test_page_counts(true: str, predicted: str, expected: tuple[float, float, float]) -> None:
    assert page_counts(true, predicted) == expected


def test_page_counts_are_normalised() -> None:
    tp, fp, fn = page_counts(STORY, STORY + " Subscribe to our newsletter for more harbour news today.")
    assert tp + fp + fn == pytest.approx(1.0)
    assert fp > 0 and fn == 0


def test_score_averages_pages() -> None:
    precision, recall, f1 = score([(1.0, 0.0, 0.0), (0.5, 0.5, 0.0)])
    assert precision == pytest.approx(0.75)
    assert recall == pytest.approx(1.0)
    assert f1 == pytest.approx(2 * 0.75 / 1.75)


def test_score_when_nothing_was_found() -> None:
    assert score([(0.0, 0.0, 1.0), (0.0, 0.0, 1.0)]) == (0.0, 0.0, 0.0)
    assert score([]) == (0.0, 0.0, 0.0)


def write_benchmark(folder: Path, pages: dict[str, tuple[str, str]]) -> None:
    (folder / "html").mkdir(parents=True)
    truth = {}
    for item_id, (html, body) in pages.items():
        (folder / "html" / f"{item_id}.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
        truth[item_id] = {"articleBody": body, "url": f"https://harbor-post.example/{item_id}"}
    (folder / "ground-truth.json").write_text(json.dumps(truth), "utf-8")


def test_evaluate_zyte_on_a_small_benchmark(tmp_path: Path) -> None:
    paragraphs = [STORY, "Union leaders said the tariff would cost jobs at the port and called for talks this week."]
    html = (
        "<html><head><title>Tariff | Harbor Post</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Tariff</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article>"
        "<footer>© 2025 Harbor Post</footer></body></html>"
    )
    empty = "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>"
    write_benchmark(tmp_path, {"a1": (html, "\n".join(paragraphs)), "a2": (empty, STORY)})
    scores = evaluate_zyte(tmp_path)
    assert scores.pages == 2
    assert scores.precision == pytest.approx(1.0)  # the page without an article predicts nothing
    assert scores.recall == pytest.approx(0.5)
    data = scores.to_json()
    assert set(data) == {"precision", "recall", "f1", "pages", "pages_per_second"}
    assert data["pages_per_second"] > 0


@pytest.mark.parametrize("missing", ["ground-truth.json", "html"])
def test_evaluate_zyte_names_what_is_missing(tmp_path: Path, missing: str) -> None:
    write_benchmark(tmp_path, {})
    target = tmp_path / missing
    if target.is_dir():
        target.rmdir()
    else:
        target.unlink()
    with pytest.raises(StoreError) as caught:
        evaluate_zyte(tmp_path)
    assert "[E301]" in str(caught.value)
    assert missing.split(".")[0] in str(caught.value)
