"""Stage 2, extract: ``SourceDocument`` -> ``Article`` (clean body, faithful metadata)."""

from claimwatch.extract.article import extract_article

__all__ = ["extract_article"]
