"""Stage 4, statements: who said (claimed, accused, denied, assessed) what, where and when.

``extract_statements(article, doc, gazetteer)`` turns a parsed article into ``Statement``
records with character spans for speaker, cue and content; ``statements_from_text`` does
the same for bare text (evaluation).
"""

from claimwatch.statements.extract import extract_statements, statements_from_text

__all__ = ["extract_statements", "statements_from_text"]
