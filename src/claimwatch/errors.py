"""Every message claimwatch shows a user, each with a stable code.

Modelled on spaCy's ``errors.py``: the code lets a user search for the message,
and the text says what went wrong and what to do about it. Messages are
``str.format`` templates; call sites fill them in.
"""

from __future__ import annotations

import re


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
    E012 = "the JSON is nested too deeply to read (hundreds of levels); an article record is flat, so this is not one."
    E013 = "the JSON field '{field}' is {kind}; {expected}."
    E014 = (
        "the article text is {size:,} characters, over the {limit:,} that statement extraction reads "
        "(a long news feature is under 100,000); split it into articles, or store it with --no-statements."
    )
    E015 = (
        "the input is over the {limit:,}-byte limit{when} (it was read no further); raise it with "
        "--max-bytes or CLAIMWATCH_MAX_BYTES if this really is one article."
    )
    E016 = "this input could not be processed ({reason}); nothing of it was stored. Please report this as a bug."
    # Extracting articles (extract stage)
    E101 = "no article text was found in this HTML page (it may be an index, a login wall or a script-only page)."
    E102 = "no article text was found: after removing headers, captions and page furniture nothing is left."
    # Store
    E201 = "no article with id '{article_id}' in this store."
    E202 = "the id prefix '{prefix}' matches {count} articles; give more characters."
    E204 = "no single {kind} matches '{ident}' ({count} do); give more characters of its id."
    E205 = "the store refused the article ({reason}); nothing of it was stored. Please report this as a bug."
    E203 = "cannot open the store at {db}: {reason}."
    E206 = "full-text search needs an SQLite (FTS5) or PostgreSQL store; this store is on {dialect}."
    E207 = "claimwatch writes to SQLite or PostgreSQL stores; this store is on {dialect}: use one of those two."
    # Evaluation
    E301 = (
        "the benchmark folder {path} has no {missing}; point --zyte at the folder holding ground-truth.json and html/."
    )
    E302 = "the folder {path} has no {missing}; point the option at the data set's folder."
    E303 = "line {line} is not a gold claim ({reason}); see docs/positions.md for the format."
    # Monitoring: sources, fetching, feeds, alerts (claimwatch.monitor)
    E401 = "only http and https URLs can be fetched, not '{url}'."
    E402 = (
        "refused to fetch {url}: its host resolves to {address}, a {kind} address; claimwatch fetches only "
        "public addresses unless the source is added with --allow-private (cloud metadata addresses never)."
    )
    E403 = "cannot resolve the host of {url}: {reason}."
    E404 = "robots.txt of {host} does not allow claimwatch to fetch {url}."
    E405 = "the response from {url} is over the {limit:,}-byte limit; raise it with --max-bytes if this is real."
    E406 = "too many redirects (more than {limit}) starting from {url}."
    E407 = "{url} answered HTTP {status}."
    E408 = "fetching {url} failed after {attempts} attempt(s): {reason}."
    E409 = "{url} is not an article page (content type {content_type})."
    E410 = "the feed at {url} cannot be read: {reason}."
    E411 = (
        "refused the XML from {url}: {reason} (a guard against entity-expansion bombs; feeds and sitemaps "
        "need no DTD)."
    )
    E412 = "the sitemap at {url} cannot be read: {reason}."
    E413 = "no source matches '{ident}'; `claimwatch source list` shows them."
    E414 = "a source for {url} exists already (id {source_id})."
    E415 = "'{value}' is not an interval; use seconds or a number with s, m, h or d (90s, 15m, 2h, 1d)."
    E416 = "'{value}' is not a reliability grade; use one letter from A (reliable) to F (cannot be judged)."
    E417 = "the webhook {url} failed after {attempts} attempt(s): {reason}."
    E418 = "cannot read the WARC file {path}: {reason}."
    E419 = "'{value}' is not a source kind; use feed, sitemap or page."
    # Web desk (claimwatch serve)
    E501 = "this server needs its access token: send 'Authorization: Bearer TOKEN' or log in at /login."
    E502 = "this server is read-only; start it with --token (or CLAIMWATCH_TOKEN) to allow ingest and watches."
    E503 = "no such page or API route: {path}."
    E504 = "method {method} is not allowed on {path}."
    E505 = "bad request: {reason}."
    E506 = "the upload is over the {limit:,}-byte limit; raise it with --max-bytes or CLAIMWATCH_MAX_BYTES."
    E507 = (
        "refusing to serve on {host} without an access token: anyone who can reach it could read the store. "
        "Pass --token or set CLAIMWATCH_TOKEN, or bind 127.0.0.1."
    )
    E508 = (
        "this desk has no access token, so it answers only its loopback names (localhost, 127.0.0.1, [::1]) "
        "and those given with --allow-host, not '{host}' (a guard against DNS rebinding)."
    )
    E509 = "too many failed logins from this address; try again in {seconds} seconds."
    # Workers: the per-article stages on a Dask cluster (--workers, --scheduler)
    E701 = (
        "cannot reach the Dask scheduler at {address} ({reason}); start one with `dask scheduler` and workers "
        "with claimwatch installed with `dask worker {address}`."
    )
    # Report-level stance: FNC-1 files and the shipped model (claimwatch.stance.report)
    E601 = "no such file; point the command at FNC-1 CSV files ({expected})."
    E602 = "the CSV has no column(s) {columns}; FNC-1 files have the header {header}."
    E603 = "line {line} has the stance '{stance}'; use one of {stances}."
    E604 = "line {line} names the body id '{body_id}', which is not in the bodies file {bodies}."
    E605 = "the file has no pairs."
    E611 = "no report stance model in {path}; train one with `claimwatch train stance --fnc1 DIR --out {path}`."
    E612 = "the report stance model in {path} has format {found}; this claimwatch reads format {expected}: retrain."
    E613 = (
        "the report stance model in {path} was written with scikit-learn {written}, this is {running}; "
        "results may differ: install the pinned version or retrain."
    )


class Warnings(metaclass=ErrorsWithCodes):
    W101 = "{source}: the time zone '{zone}' in its date is not one claimwatch knows; the time is read without a zone."
    W401 = (
        "the report-level stance model is not available ({reason}); new reports are linked to watches "
        "through their statements only."
    )


def code_of(message: str) -> str:
    """The ``E123`` code a message from ``Errors`` starts with (``""`` for an uncoded message)."""
    match = re.match(r"\[([EW]\d{3})\] ", message)
    return match.group(1) if match else ""


class ClaimwatchError(Exception):
    """Base class of the errors claimwatch raises on purpose; ``code`` is the message's ``E123`` code."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code_of(message)


class InputError(ClaimwatchError):
    """One input could not become an article. Names the input and the reason."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message
        self.code = code_of(message)


class StoreError(ClaimwatchError):
    """The store cannot do what was asked (an unreachable database, a refused write, a missing feature)."""


class WorkersError(ClaimwatchError):
    """The Dask cluster that should run the per-article stages cannot be reached."""


class NotFoundError(StoreError):
    """No stored row matches the id or prefix asked for."""


class AmbiguousError(StoreError):
    """An id prefix matches more than one stored row."""


def no_single_match(kind: str, ident: str, count: int) -> StoreError:
    """E204 as the error it is: nothing matches (``NotFoundError``) or several do (``AmbiguousError``)."""
    message = Errors.E204.format(kind=kind, ident=ident, count=count)
    return NotFoundError(message) if count == 0 else AmbiguousError(message)
