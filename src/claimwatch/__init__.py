"""claimwatch: who claims what in the news, how sure each voice is, and how the picture changes.

The pipeline runs ingest -> extract -> nlp -> statements -> stance -> stories -> store;
each stage is a subpackage with typed records in and out (``claimwatch.records``).
``claimwatch.api`` is the Python API the CLI and the web app share.
"""

import logging

__version__ = "0.1.0"

# A library's warnings go to the log its application configures (the monitor's, ...), never by
# default to the terminal: without a handler Python would print them to stderr.
logging.getLogger("claimwatch").addHandler(logging.NullHandler())
