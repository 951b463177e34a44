"""Every message claimwatch shows a user, each with a stable code.

Modelled on spaCy's ``errors.py``: the code lets a user search for the message,
and the text says what went wrong and what to do about it. Messages are
``str.format`` templates; call sites fill them in.
"""

from __future__ import annotations


class ErrorsWithCodes(type):
    """Prefix each message with its code when it is read: ``Errors.E001 -> "[E001] ..."``."""

    def __getattribute__(cls, code: str) -> str:
        message = super().__getattribute__(code)
        if code.startswith("__"):
            return message
        return f"[{code}] {message}"


class Errors(metaclass=ErrorsWithCodes):
    # Reading inputs (ingest stage)
    E001 = "the input is empty."
    E002 = "this is a binary file ({kind}), not a news article; pass text, HTML or JSON Lines."
    E003 = "cannot read the file: {reason}."
    E004 = (
        "the file is {size:,} bytes, over the {limit:,}-byte limit; raise it with "
        "--max-bytes or CLAIMWATCH_MAX_BYTES if this really is one article."
    )
    E005 = "the text encoding could not be detected; save the file as UTF-8."
    E006 = "line {line} is not valid JSON ({reason})."
    E007 = "the JSON record has none of the fields 'text' or 'html', so there is no article to read."
    E008 = "the JSON is not a record or a list of records (found {kind})."
    E009 = "no such file or directory."
    E010 = "unknown format '{fmt}'; use one of: text, html, jsonl."
    E011 = "the gzip stream is corrupt: {reason}."
    # Extracting articles (extract stage)
    E101 = "no article text was found in this HTML page (it may be an index, a login wall or a script-only page)."
    E102 = "no article text was found: after removing headers, captions and page furniture nothing is left."
    # Store
    E201 = "no article with id '{article_id}' in the store {db}."
    E202 = "the id prefix '{prefix}' matches {count} articles; give more characters."
    E204 = "no single {kind} matches '{ident}' ({count} do); give more characters of its id."
    E205 = "the store refused the article ({reason}); nothing of it was stored. Please report this as a bug."
    E203 = "cannot open the store at {db}: {reason}."
    # Evaluation
    E301 = "the benchmark folder {path} has no {missing}; point --zyte at the folder holding ground-truth.json and html/."
    E302 = "the folder {path} has no {missing}; point the option at the data set's folder."


class Warnings(metaclass=ErrorsWithCodes):
    W001 = "skipped {count} file(s) in directories whose names do not look like articles (.txt, .html, .htm, .json, .jsonl, optionally .gz)."


class ClaimwatchError(Exception):
    """Base class of the errors claimwatch raises on purpose."""


class InputError(ClaimwatchError):
    """One input could not become an article. Names the input and the reason."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message

    @property
    def code(self) -> str:
        return self.message[1:5] if self.message.startswith("[") else ""


class StoreError(ClaimwatchError):
    """The store cannot do what was asked (missing id, unreachable database)."""
