"""Stage 1, ingest: turn paths, directories and stdin into ``SourceDocument`` records.

Nothing here interprets article content; it reads bytes, detects the format and the
text encoding, and splits JSON Lines into one document per record.
"""

from claimwatch.ingest.decode import decode_input, detect_format
from claimwatch.ingest.sources import ARTICLE_SUFFIXES, InputItem, expand_inputs, read_item

__all__ = ["ARTICLE_SUFFIXES", "InputItem", "decode_input", "detect_format", "expand_inputs", "read_item"]
