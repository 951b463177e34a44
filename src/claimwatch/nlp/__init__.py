"""Stage 3, nlp: the spaCy pipeline (tokens, sentences, parse, entities) over article bodies."""

from claimwatch.nlp.pipeline import MODEL_NAME, load_nlp

__all__ = ["MODEL_NAME", "load_nlp"]
