import numpy as np
import pytest

from claimwatch.nlp.embeddings import DIMENSIONS, load_encoder


@pytest.fixture(scope="module")
def encoder():
    return load_encoder()


def test_vectors_are_unit_length_and_ordered(encoder):
    texts = ["Kestria sent troops to Valdoria.", "The weather in Ostrava was mild."]
    vectors = encoder.encode(texts)
    assert vectors.shape == (2, DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert np.allclose(encoder.encode(texts[::-1])[0], vectors[1])


def test_a_full_cache_still_answers_texts_it_held():
    from claimwatch.nlp.embeddings import SentenceEncoder

    encoder = SentenceEncoder(cache_size=3)
    first = encoder.encode(["Kestria sent troops.", "Valdoria closed its border."])
    # two cached texts and two new ones overflow the cache: all four come back, in order
    both = encoder.encode(["Kestria sent troops.", "Ferries stopped.", "Valdoria closed its border.", "Rain fell."])
    assert both.shape == (4, DIMENSIONS)
    assert np.allclose(both[0], first[0]) and np.allclose(both[2], first[1])


def test_empty_input(encoder):
    assert encoder.encode([]).shape == (0, DIMENSIONS)


CLAIM = "Kestria is sending troops to Valdoria"
UNRELATED = "The bakery raised bread prices"


# Ukrainian is not among USE multilingual v3's 16 training languages: it works through its
# closeness to Russian, with a smaller margin.
@pytest.mark.parametrize(
    ("translation", "margin"),
    [
        ("Кестрия отправляет войска в Валдорию", 0.2),
        ("케스트리아가 발도리아에 군대를 파병하고 있다", 0.2),
        ("Кестрія відправляє війська до Валдорії", 0.1),
    ],
)
def test_a_translation_is_nearer_than_an_unrelated_sentence(encoder, translation, margin):
    similarity = encoder.similarity([CLAIM], [translation, UNRELATED])[0]
    assert similarity[0] > similarity[1] + margin
