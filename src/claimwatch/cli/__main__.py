"""``python -m claimwatch.cli``: the command line."""

from claimwatch.cli import run

run()
