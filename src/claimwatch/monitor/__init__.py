"""Monitoring: sources that are polled, fetching that is safe and polite, alerts when a watch moves.

- ``guard``: which addresses may be fetched (no private, loopback, link-local or metadata ones);
- ``fetch``: the HTTP client (timeouts, size cap, manual redirects, robots.txt, per-host rate
  limit, conditional GET, retries with backoff);
- ``feeds`` and ``sitemaps``: RSS/Atom (feedparser) and sitemaps (lxml, entity declarations refused);
- ``state``: sources, seen items, alerts and watch snapshots in the store;
- ``loop``: the monitor (poll what is due, ingest, settle, alert, sleep);
- ``alerts`` and ``sinks``: what changed in a watch's brief, and where it is told;
- ``warc``: back-filling from WARC archives;
- ``service``: the Python API the CLI calls.
"""
