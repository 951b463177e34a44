"""Stage 3, nlp: the spaCy pipeline (tokens, sentences, parse, entities) over article bodies."""

from claimwatch.nlp.pipeline import MAX_PARSED_CHARS, MAX_TEXT_CHARS, MODEL_NAME, PIECE_CHARS, load_nlp, parse_body

__all__ = ["MAX_PARSED_CHARS", "MAX_TEXT_CHARS", "MODEL_NAME", "PIECE_CHARS", "load_nlp", "parse_body"]
