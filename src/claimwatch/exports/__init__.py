"""Exports in the formats analysts' tools read: STIX 2.1 (``stix``), schema.org Claim and
ClaimReview (``schema_org``), PLOVER event records (``plover``), and rows as JSON, JSON Lines
or CSV (``tables``). Pure functions of the API's data; mappings in docs/exports.md."""
